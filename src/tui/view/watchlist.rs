//! The watchlist: a row per film with the day it was added.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::store::WatchlistFilm;
use crate::text;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::watchlist::Watchlist;

use super::shelf::Shelf;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, watchlist: &Watchlist) {
    let shelf = Shelf {
        name: "Watchlist",
        unit: Some(("film", "films")),
        empty: "Nothing on your watchlist. Press a on a film's page to put it here.",
    };
    shelf.draw(frame, area, app, watchlist, row);
}

/// "Playtime (1967)                       added 2024-03-01".
fn row(film: &WatchlistFilm, width: usize, selected: bool, theme: &Theme) -> Line<'static> {
    // The day added goes first where the title needs the room.
    let added = if width >= 40 {
        format!("added {}", text::sanitize_line(&film.added))
    } else {
        String::new()
    };
    let title = text::sanitize_line(&film.film.title_with_year());
    let room = width.saturating_sub(text::width(&added) + 3);
    let title = text::truncate(&title, room);
    let gap = room.saturating_sub(text::width(&title));
    let mark = if selected { "▌" } else { " " };
    let mut line = Line::from(vec![
        Span::styled(mark.to_string(), theme.selection_mark),
        Span::styled(title, if selected { theme.accent } else { theme.title }),
        Span::raw(" ".repeat(gap + 2)),
        Span::styled(added, theme.muted),
    ]);
    if selected {
        line = line.style(theme.selection);
    }
    line
}
