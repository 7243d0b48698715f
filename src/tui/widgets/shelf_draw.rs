//! A shelf of films (the watchlist, the films seen): its name, how many films and in what
//! order, the finder's line, and a row per film, the highlighted one in view.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::text;
use crate::tui::screen::Look;
use crate::tui::theme::Theme;
use crate::tui::widgets::finder::Finder;
use crate::tui::widgets::rows::Rows;
use crate::tui::widgets::shelf::{self, OnShelf, Order};

/// The rows a shelf shows, and what its title says of them.
pub struct Shown<'a, T> {
    pub rows: &'a Rows<T>,
    /// How many films it holds, whatever the finder keeps.
    pub all: usize,
    /// Its order, as its title says it.
    pub order: &'static str,
    pub finder: &'a Finder,
}

/// What a shelf says of itself.
pub struct Shelf {
    pub name: &'static str,
    /// What its films are called, one and many ("film", "films"), when the count says so.
    pub unit: Option<(&'static str, &'static str)>,
    /// Said when it holds no film at all.
    pub empty: String,
    /// Said when the letters found are in no title.
    pub narrowed: String,
}

impl Shelf {
    pub fn draw<T: OnShelf, S: Order<T>>(
        &self,
        frame: &mut Frame,
        area: Rect,
        look: &Look,
        shelf: &shelf::Shelf<T, S>,
        row: impl Fn(&T, usize, bool, &Theme) -> Line<'static>,
    ) {
        let shown = Shown {
            rows: &shelf.rows,
            all: shelf.count(),
            order: shelf.sort.label(),
            finder: &shelf.finder,
        };
        self.draw_rows(frame, area, look, &shown, |film, width, selected, theme| {
            row(film, width, selected, theme)
        });
    }

    /// Draws rows held by a screen of its own (the films seen, read a window at a time).
    pub fn draw_rows<T>(
        &self,
        frame: &mut Frame,
        area: Rect,
        look: &Look,
        shelf: &Shown<T>,
        row: impl Fn(&T, usize, bool, &Theme) -> Line<'static>,
    ) {
        let theme = &look.settings.theme;
        let (n, total) = (shelf.rows.len(), shelf.all);
        let title = format!(
            " {} · {} · {}{} ",
            self.name,
            self.counted(n, total),
            shelf.order,
            shelf.finder.label()
        );
        let block = Block::bordered().border_style(theme.accent).title(
            crate::tui::widgets::chrome::box_title(&title, area.width, theme.accent),
        );
        frame.render_widget(block, area);
        let inner = rows_area(area, shelf.finder);
        crate::tui::widgets::finder::draw_line(frame, area_inside(area), shelf.finder, theme);
        let height = usize::from(inner.height);
        if n == 0 {
            let note = if total == 0 {
                &self.empty
            } else {
                &self.narrowed
            };
            crate::tui::widgets::chrome::note(frame, inner, note, theme);
            return;
        }
        // The highlighted film in view, at the bottom once past the first screen.
        let top = shelf.rows.top(height);
        let width = usize::from(inner.width);
        let lines: Vec<Line> = (top..(top + height).min(n))
            .map(|i| match shelf.rows.get(i) {
                Some(film) => row(film, width, i == shelf.rows.selected, theme),
                None => Line::default(),
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }

    /// "3 films", or "1 of 3 films" while the finder narrows them.
    fn counted(&self, n: usize, total: usize) -> String {
        let unit = match self.unit {
            Some((one, _)) if n == total && n == 1 => format!(" {one}"),
            Some((_, many)) => format!(" {many}"),
            None => String::new(),
        };
        if n == total {
            format!("{}{unit}", text::count(n as u64))
        } else {
            format!(
                "{} of {}{unit}",
                text::count(n as u64),
                text::count(total as u64)
            )
        }
    }
}

/// Inside a shelf's border, a column of padding each side.
fn area_inside(area: Rect) -> Rect {
    Block::bordered().inner(area).inner(Margin::new(1, 0))
}

/// Where a shelf's rows are, a row a line: below the finder's line while it is open.
pub fn rows_area(area: Rect, finder: &Finder) -> Rect {
    crate::tui::widgets::finder::below_line(area_inside(area), finder)
}

/// A shelf's row: the film's title on the left, cut to leave room for `right` (muted) on
/// the right, the highlighted row marked.
pub fn film_row(
    title: &str,
    right: String,
    width: usize,
    selected: bool,
    theme: &Theme,
) -> Line<'static> {
    let title = text::sanitize_line(title);
    let room = width.saturating_sub(text::width(&right) + 3);
    let title = text::truncate(&title, room);
    let gap = room.saturating_sub(text::width(&title));
    let mark = if selected { "▌" } else { " " };
    let line = Line::from(vec![
        Span::styled(mark.to_string(), theme.selection_mark),
        Span::styled(title, if selected { theme.accent } else { theme.title }),
        Span::raw(" ".repeat(gap + 2)),
        Span::styled(right, theme.muted),
    ]);
    if selected {
        line.style(theme.selection)
    } else {
        line
    }
}
