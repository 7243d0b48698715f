//! The films seen's keys: what each does there, and the key that opens them.

use crate::tui::action::Action;
use crate::tui::keymap::key::Key;
use crate::tui::keymap::mode::Mode;
use crate::tui::keymap::table::{Bind, LISTING, ModeKeys, OpenedFrom, SAID_OF_FILMS, ScreenKeys};

pub const MODE: Mode = Mode::new("seen", "Films you have seen").browsed();

pub const KEYS: ScreenKeys = ScreenKeys {
    modes: &[ModeKeys {
        mode: MODE,
        shares: LISTING,
        binds: &[Bind {
            action: Action::CycleSort,
            keys: &[Key::char('s')],
            does: "sort: last watched, title, year, your rating",
        }],
        says: SAID_OF_FILMS,
    }],
    opened_by: Key::char('S'),
    opened_from: OpenedFrom::Anywhere,
    opens: "the films you have seen",
};
