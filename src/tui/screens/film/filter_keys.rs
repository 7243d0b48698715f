//! The filter, sort and search keys: how they change the app. The values they work with
//! (the focus, the filter menu's rows) are in `filtering`, which knows nothing of the app.

use ratatui::style::Style;
use ratatui_textarea::TextArea;

use crate::model::Rating;
use crate::query::{RatingFilter, ReviewQuery};
use crate::store::Result;
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay, Screen};
use crate::tui::screens::film::filtering::{FilterMenu, Focus, stars_pressed};

impl App {
    /// Handles the filter, sort and search actions; says whether it did.
    pub(crate) fn filter_action(&mut self, action: Action) -> Result<bool> {
        let Screen::Film(page) = &mut self.screen else {
            return Ok(false);
        };
        match (&mut page.focus, action) {
            (Focus::Histogram { bar }, Action::Next) => *bar = (*bar + 1).min(10),
            (Focus::Histogram { bar }, Action::Prev) => *bar = (*bar - 1).max(1),
            (Focus::Histogram { bar }, Action::Open) => {
                let rating = Rating::from_half_stars(*bar).expect("bars are 1..=10");
                self.set_focus(Focus::List);
                self.set_filter(RatingFilter::Exactly(rating))?;
            }
            (Focus::Search(line), Action::Open) => {
                let typed = line.lines().join(" ");
                self.set_focus(Focus::List);
                self.set_search(Some(typed))?;
            }
            (Focus::Search(_), Action::Back) => {
                self.set_focus(Focus::List);
                self.set_search(None)?;
            }
            (Focus::Histogram { .. }, Action::Back) => self.set_focus(Focus::List),
            (Focus::List, action) => return self.list_filter_action(action),
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The filter menu's keys.
    pub(crate) fn menu_action(&mut self, action: Action) -> Result<()> {
        let Some(Overlay::FilterMenu(menu)) = self.overlays.last_mut() else {
            return Ok(());
        };
        match action {
            Action::Next => menu.down(),
            Action::Prev => menu.up(),
            Action::ToggleOrMore => menu.or_more = !menu.or_more,
            Action::Open => {
                let filter = menu.filter();
                self.overlays.pop();
                self.set_filter(filter)?;
            }
            Action::Back => {
                self.overlays.pop();
            }
            Action::Help => self.open_help(),
            _ => {}
        }
        Ok(())
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
                // With a search on, the counts are of its matches.
                let counts = match self.store.search_stats(self.list.listing())? {
                    Some(matches) => matches,
                    None => self.stats.clone(),
                };
                let menu = FilterMenu::new(filter, counts);
                self.overlays.push(Overlay::FilterMenu(menu));
            }
            Action::FocusHistogram => {
                let bar = match filter {
                    RatingFilter::Exactly(r) | RatingFilter::AtLeast(r) => r.half_stars(),
                    _ => 10,
                };
                self.set_focus(Focus::Histogram { bar });
            }
            Action::Search => {
                let mut line = TextArea::new(vec![self.query.search.clone().unwrap_or_default()]);
                line.set_cursor_line_style(Style::default());
                line.set_cursor_style(self.theme.cursor);
                line.set_placeholder_text("words to find in reviews and authors");
                line.set_placeholder_style(self.theme.placeholder);
                line.move_cursor(ratatui_textarea::CursorMove::End);
                self.set_focus(Focus::Search(Box::new(line)));
            }
            Action::Back if self.query.search.is_some() => self.set_search(None)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// A key typed into the search line.
    pub(crate) fn search_input(&mut self, input: ratatui_textarea::Input) -> bool {
        let Screen::Film(page) = &mut self.screen else {
            return false;
        };
        match &mut page.focus {
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
    pub(crate) fn search_paste(&mut self, text: &str) -> bool {
        let Screen::Film(page) = &mut self.screen else {
            return false;
        };
        match &mut page.focus {
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
            } else if self.store.index_is_stale().unwrap_or(false) {
                // Only a database marquee can't write keeps them waiting.
                self.message = Some(
                    "The search has yet to take in reviews another program wrote: open without --read-only to find them."
                        .into(),
                );
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
