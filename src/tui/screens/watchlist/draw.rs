//! The watchlist: a row per film with the day it was added.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::store::WatchlistFilm;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::screen::Look;
use crate::tui::screens::watchlist::Watchlist;
use crate::tui::theme::Theme;

use crate::tui::widgets::shelf_draw::Shelf;

pub fn draw(frame: &mut Frame, area: Rect, look: &Look, watchlist: &Watchlist) {
    let key = |mode, action| look.settings.key_name(mode, action);
    let shelf = Shelf {
        name: "Watchlist",
        unit: Some(("film", "films")),
        empty: format!(
            "Nothing on your watchlist. Press {} on a film's page to put it here.",
            key(Mode::List, Action::ToggleWatchlist)
        ),
        narrowed: format!(
            "No film's title has those letters. {} shows them all.",
            key(super::keys::MODE, Action::Back)
        ),
    };
    shelf.draw(
        frame,
        area,
        look,
        watchlist,
        |film, width, selected, theme| row(look, film, width, selected, theme),
    );
}

/// "Playtime (1967)                       added 2024-03-01".
fn row(
    look: &Look,
    film: &WatchlistFilm,
    width: usize,
    selected: bool,
    theme: &Theme,
) -> Line<'static> {
    // The day added goes first where the title needs the room.
    let added = if width >= 40 {
        format!("added {}", look.settings.day(&film.added))
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
