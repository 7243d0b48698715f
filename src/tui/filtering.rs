//! Narrowing and ordering the list: the rating filter (keys, menu, histogram bars), the
//! sort and the search line. Each change builds a new `ReviewQuery` for the one engine.

use ratatui::style::Style;
use ratatui_textarea::TextArea;

use super::action::Action;
use super::app::App;
use crate::model::Rating;
use crate::query::{RatingFilter, ReviewQuery};
use crate::store::Result;

/// What has the keyboard on the film screen.
pub enum Focus {
    List,
    /// A bar of the histogram, by half-stars 1..=10.
    Histogram {
        bar: u8,
    },
    /// The filter menu: the highlighted row (see `MENU_ROWS`) and whether "or more" is on.
    FilterMenu {
        row: usize,
        or_more: bool,
    },
    /// The search line being typed.
    Search(Box<TextArea<'static>>),
}

/// The filter menu's rows: all, ★★★★★ down to ½, unrated.
pub const MENU_ROWS: usize = 12;

/// What menu row `row` filters to.
pub fn menu_filter(row: usize, or_more: bool) -> RatingFilter {
    match row {
        0 => RatingFilter::All,
        1..=10 => {
            let rating = Rating::from_half_stars(11 - row as u8).expect("rows 1..=10 are ratings");
            if or_more {
                RatingFilter::AtLeast(rating)
            } else {
                RatingFilter::Exactly(rating)
            }
        }
        _ => RatingFilter::Unrated,
    }
}

/// The menu row showing `filter`.
fn menu_row(filter: RatingFilter) -> usize {
    match filter {
        RatingFilter::All => 0,
        RatingFilter::Exactly(r) | RatingFilter::AtLeast(r) => 11 - usize::from(r.half_stars()),
        RatingFilter::Unrated => 11,
    }
}

impl App {
    /// Handles the filter, sort and search actions; says whether it did.
    pub(super) fn filter_action(&mut self, action: Action) -> Result<bool> {
        match (&mut self.focus, action) {
            (Focus::Histogram { bar }, Action::Next) => *bar = (*bar + 1).min(10),
            (Focus::Histogram { bar }, Action::Prev) => *bar = (*bar - 1).max(1),
            (Focus::Histogram { bar }, Action::Open) => {
                let rating = Rating::from_half_stars(*bar).expect("bars are 1..=10");
                self.focus = Focus::List;
                self.set_filter(RatingFilter::Exactly(rating))?;
            }
            (Focus::FilterMenu { row, .. }, Action::Next) => *row = (*row + 1).min(MENU_ROWS - 1),
            (Focus::FilterMenu { row, .. }, Action::Prev) => *row = row.saturating_sub(1),
            (Focus::FilterMenu { or_more, .. }, Action::ToggleOrMore) => *or_more = !*or_more,
            (Focus::FilterMenu { row, or_more }, Action::Open) => {
                let filter = menu_filter(*row, *or_more);
                self.focus = Focus::List;
                self.set_filter(filter)?;
            }
            (Focus::Search(line), Action::Open) => {
                let typed = line.lines().join(" ");
                self.focus = Focus::List;
                self.set_search(Some(typed))?;
            }
            (Focus::Search(_), Action::Back) => {
                self.focus = Focus::List;
                self.set_search(None)?;
            }
            (Focus::Histogram { .. } | Focus::FilterMenu { .. }, Action::Back) => {
                self.focus = Focus::List
            }
            (Focus::List, action) => return self.list_filter_action(action),
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn list_filter_action(&mut self, action: Action) -> Result<bool> {
        let filter = self.query.filter;
        match action {
            Action::FilterStars(n) => self.set_filter(stars_pressed(filter, n))?,
            Action::ToggleOrMore => match filter {
                RatingFilter::Exactly(r) => self.set_filter(RatingFilter::AtLeast(r))?,
                RatingFilter::AtLeast(r) => self.set_filter(RatingFilter::Exactly(r))?,
                _ => self.message = Some("Pick a rating first (1–5), then + for “or more”.".into()),
            },
            Action::FilterUnrated => self.set_filter(RatingFilter::Unrated)?,
            Action::ClearFilter => self.set_filter(RatingFilter::All)?,
            Action::CycleSort => {
                let query = ReviewQuery {
                    sort: self.query.sort.next(),
                    ..self.query.clone()
                };
                self.set_query(query)?;
            }
            Action::FilterMenu => {
                self.focus = Focus::FilterMenu {
                    row: menu_row(filter),
                    or_more: matches!(filter, RatingFilter::AtLeast(_)),
                }
            }
            Action::FocusHistogram => {
                let bar = match filter {
                    RatingFilter::Exactly(r) | RatingFilter::AtLeast(r) => r.half_stars(),
                    _ => 10,
                };
                self.focus = Focus::Histogram { bar };
            }
            Action::Search => {
                let mut line = TextArea::new(vec![self.query.search.clone().unwrap_or_default()]);
                line.set_cursor_line_style(Style::default());
                line.set_cursor_style(self.theme.cursor);
                line.set_placeholder_text("words to find in reviews and authors");
                line.set_placeholder_style(self.theme.placeholder);
                line.move_cursor(ratatui_textarea::CursorMove::End);
                self.focus = Focus::Search(Box::new(line));
            }
            Action::Back if self.query.search.is_some() => self.set_search(None)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// A key typed into the search line.
    pub(super) fn search_input(&mut self, input: ratatui_textarea::Input) -> bool {
        match &mut self.focus {
            Focus::Search(line) => {
                // One line: Enter is the keymap's (apply), never a new line here.
                if input.key != ratatui_textarea::Key::Enter {
                    line.input(input);
                }
                true
            }
            _ => false,
        }
    }

    /// Pasted text on the search line, as one line.
    pub(super) fn search_paste(&mut self, text: &str) -> bool {
        match &mut self.focus {
            Focus::Search(line) => {
                let clean = crate::text::clean_input(text).replace('\n', " ");
                line.insert_str(clean);
                true
            }
            _ => false,
        }
    }

    fn set_filter(&mut self, filter: RatingFilter) -> Result<()> {
        let query = ReviewQuery {
            filter,
            ..self.query.clone()
        };
        self.set_query(query)
    }

    /// A new search runs after the next frame, which says it is under way: gathering the
    /// matches of a common word in a huge film takes a moment.
    fn set_search(&mut self, typed: Option<String>) -> Result<()> {
        let search = typed.filter(|t| !crate::query::search_terms(t).is_empty());
        let query = ReviewQuery {
            search,
            ..self.query.clone()
        };
        match &query.search {
            Some(words) => {
                self.message = Some(format!(
                    "Searching for “{}”…",
                    crate::text::sanitize_line(words)
                ));
                self.pending_query = Some(query);
                Ok(())
            }
            None => self.set_query(query),
        }
    }

    /// Runs a search the last frame announced.
    pub fn run_pending(&mut self) {
        if let Some(query) = self.pending_query.take() {
            self.message = None;
            if let Err(error) = self.set_query(query) {
                self.message = Some(error.to_string());
            }
        }
    }

    pub fn has_pending(&self) -> bool {
        self.pending_query.is_some()
    }

    /// Shows the list for `query` from its top, as a new page of results does. (Keeping
    /// the selected review would mean counting the reviews before it in the new order:
    /// a scan as long as its depth, too slow for a key in a film of a million.)
    fn set_query(&mut self, query: ReviewQuery) -> Result<()> {
        self.query = query;
        self.reload(None)
    }
}

/// The filter after pressing digit `n`: that many whole stars, or, pressed again, the
/// half star above it (and back).
fn stars_pressed(filter: RatingFilter, n: u8) -> RatingFilter {
    let whole = Rating::from_half_stars(n * 2).expect("1..=5 stars");
    let toggle = |r: Rating| {
        if r.half_stars() == n * 2 {
            Rating::from_half_stars(n * 2 + 1).unwrap_or(r)
        } else {
            whole
        }
    };
    match filter {
        RatingFilter::Exactly(r) if r.half_stars() / 2 == n => RatingFilter::Exactly(toggle(r)),
        RatingFilter::AtLeast(r) if r.half_stars() / 2 == n => RatingFilter::AtLeast(toggle(r)),
        _ => RatingFilter::Exactly(whole),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exactly(h: u8) -> RatingFilter {
        RatingFilter::Exactly(Rating::from_half_stars(h).unwrap())
    }

    #[test]
    fn a_digit_again_toggles_the_half() {
        assert_eq!(stars_pressed(RatingFilter::All, 4), exactly(8));
        assert_eq!(stars_pressed(exactly(8), 4), exactly(9));
        assert_eq!(stars_pressed(exactly(9), 4), exactly(8));
        assert_eq!(stars_pressed(exactly(9), 3), exactly(6));
        assert_eq!(stars_pressed(exactly(10), 5), exactly(10), "no 5½ stars");
        assert_eq!(stars_pressed(exactly(3), 1), exactly(2));
        let at_least = RatingFilter::AtLeast(Rating::from_half_stars(8).unwrap());
        assert_eq!(
            stars_pressed(at_least, 4),
            RatingFilter::AtLeast(Rating::from_half_stars(9).unwrap())
        );
    }

    #[test]
    fn menu_rows_cover_every_bucket() {
        assert_eq!(menu_filter(0, false), RatingFilter::All);
        assert_eq!(menu_filter(1, false), exactly(10));
        assert_eq!(menu_filter(10, false), exactly(1));
        assert_eq!(menu_filter(11, true), RatingFilter::Unrated);
        for row in 0..MENU_ROWS {
            assert_eq!(menu_row(menu_filter(row, false)), row);
        }
    }
}
