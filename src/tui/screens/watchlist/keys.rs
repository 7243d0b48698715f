//! The watchlist's keys: what each does there, and the key that opens it.

use crate::tui::action::Action;
use crate::tui::keymap::key::Key;
use crate::tui::keymap::mode::Mode;
use crate::tui::keymap::table::{Bind, LISTING, ModeKeys, OpenedFrom, SAID_OF_FILMS, ScreenKeys};

pub const MODE: Mode = Mode::new("watchlist", "Watchlist").browsed();

pub const KEYS: ScreenKeys = ScreenKeys {
    modes: &[ModeKeys {
        mode: MODE,
        shares: LISTING,
        binds: &[
            Bind {
                action: Action::ToggleWatchlist,
                keys: &[Key::char('a')],
                does: "take the film off the watchlist",
            },
            Bind {
                action: Action::CycleSort,
                keys: &[Key::char('s')],
                does: "sort: newest added, title, year",
            },
        ],
        says: SAID_OF_FILMS,
    }],
    opened_by: Key::char('W'),
    opened_from: OpenedFrom::Anywhere,
    opens: "your watchlist",
};
