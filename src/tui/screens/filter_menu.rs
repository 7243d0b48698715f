//! The rating filter menu: every bucket with its count, ★★★★★ down to ½.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::model::FilmStats;
use crate::query::RatingFilter;
use crate::store::Result;
use crate::text;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::screen::{Cx, Look, Request, Screen, Step};
use crate::tui::screens::film::filtering::{MENU_ROWS, menu_filter, menu_row};

const WIDTH: u16 = 30;

/// The filter menu: the highlighted row (see `MENU_ROWS`), whether "or more" is on, and
/// the counts it shows, read when it opened so drawing it never asks the store.
pub struct FilterMenu {
    row: usize,
    or_more: bool,
    counts: FilmStats,
    /// The filter the list has now.
    current: RatingFilter,
}

impl FilterMenu {
    /// The menu on `filter`'s row, showing `counts`.
    pub fn new(filter: RatingFilter, counts: FilmStats) -> FilterMenu {
        FilterMenu {
            row: menu_row(filter),
            or_more: matches!(filter, RatingFilter::AtLeast(_)),
            counts,
            current: filter,
        }
    }

    /// The filter the highlighted row stands for.
    pub fn filter(&self) -> RatingFilter {
        menu_filter(self.row, self.or_more)
    }
}

impl Screen for FilterMenu {
    fn mode(&self) -> Mode {
        Mode::FilterMenu
    }

    fn is_overlay(&self) -> bool {
        true
    }

    fn act(&mut self, action: Action, _cx: &mut Cx) -> Result<Step> {
        match action {
            Action::Next => self.row = (self.row + 1).min(MENU_ROWS - 1),
            Action::Prev => self.row = self.row.saturating_sub(1),
            Action::ToggleOrMore => self.or_more = !self.or_more,
            Action::Open => return Ok(Step::CloseThen(Request::Filter(self.filter()))),
            Action::Back => return Ok(Step::Close),
            _ => return Ok(Step::Pass),
        }
        Ok(Step::Done)
    }

    fn hints(&self) -> &'static [(Action, &'static str)] {
        &[
            (Action::Next, "down"),
            (Action::Open, "choose"),
            (Action::ToggleOrMore, "or more"),
            (Action::Back, "close"),
        ]
    }

    fn draw(&self, frame: &mut Frame, area: Rect, look: &Look) {
        let (row, or_more, stats) = (self.row, self.or_more, &self.counts);
        let theme = &look.settings.theme;
        let width = WIDTH.min(area.width);
        let mut lines: Vec<Line> = (0..MENU_ROWS)
            .map(|r| {
                let filter = menu_filter(r, or_more);
                let count = count(stats, filter);
                let label = match filter {
                    RatingFilter::All => "All ratings".to_string(),
                    RatingFilter::Unrated => "Unrated".to_string(),
                    other => other.label(),
                };
                let count = text::count(count);
                // Padded to the popup as drawn, so a narrow terminal still shows the counts.
                let pad = usize::from(width.saturating_sub(6))
                    .saturating_sub(text::width(&label) + count.len());
                let style = if r == row {
                    theme.accent.add_modifier(Modifier::REVERSED)
                } else if filter == self.current {
                    theme.stars
                } else {
                    theme.text
                };
                Line::from(vec![Span::styled(
                    format!(" {label}{} {count} ", " ".repeat(pad)),
                    style,
                )])
            })
            .collect();
        let toggle = look
            .settings
            .key_name(Mode::FilterMenu, Action::ToggleOrMore);
        let check = if or_more { "[x]" } else { "[ ]" };
        lines.push(Line::default());
        lines.push(Line::styled(
            format!(" {check} or more ({toggle})"),
            theme.muted,
        ));

        let height = crate::tui::widgets::chrome::fit(lines.len(), 2, area.height);
        let popup = crate::tui::widgets::chrome::centered(area, width, height);
        let block = Block::bordered()
            .border_style(theme.accent)
            .title(Span::styled(" Filter by rating ", theme.accent));
        let inner = block.inner(popup).inner(Margin::new(1, 0));
        frame.render_widget(Clear, popup);
        frame.render_widget(block, popup);
        // Keep the highlighted row in view when the terminal is short.
        let skip = (row + 1).saturating_sub(usize::from(inner.height));
        frame.render_widget(Paragraph::new(lines).scroll((skip as u16, 0)), inner);
    }
}

/// Entries a filter keeps, from the counts.
fn count(stats: &FilmStats, filter: RatingFilter) -> u64 {
    filter
        .buckets()
        .into_iter()
        .map(|bucket| match bucket {
            None => stats.unrated,
            Some(h @ 1..=10) => stats.buckets[usize::from(h) - 1],
            // Ratings stored outside 1..=10 are counted with the unrated.
            Some(_) => 0,
        })
        .sum()
}
