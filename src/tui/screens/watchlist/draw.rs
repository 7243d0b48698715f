//! The watchlist: a row per film with the day it was added.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::store::WatchlistFilm;
use crate::tui::app::App;
use crate::tui::screens::watchlist::Watchlist;
use crate::tui::theme::Theme;

use crate::tui::widgets::shelf_draw::Shelf;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, watchlist: &Watchlist) {
    let shelf = Shelf {
        name: "Watchlist",
        unit: Some(("film", "films")),
        empty: "Nothing on your watchlist. Press a on a film's page to put it here.",
    };
    shelf.draw(
        frame,
        area,
        app,
        watchlist,
        |film, width, selected, theme| row(app, film, width, selected, theme),
    );
}

/// "Playtime (1967)                       added 2024-03-01".
fn row(
    app: &App,
    film: &WatchlistFilm,
    width: usize,
    selected: bool,
    theme: &Theme,
) -> Line<'static> {
    // The day added goes first where the title needs the room.
    let added = if width >= 40 {
        format!("added {}", app.day(&film.added))
    } else {
        String::new()
    };
    crate::tui::widgets::shelf_draw::film_row(
        &film.film.title_with_year(),
        added,
        width,
        selected,
        theme,
    )
}
