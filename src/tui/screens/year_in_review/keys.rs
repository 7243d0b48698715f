//! The year in review's keys: what each does there, and the key that opens it.

use crate::tui::action::Action;
use crate::tui::keymap::key::Key;
use crate::tui::keymap::mode::Mode;
use crate::tui::keymap::table::{Bind, ModeKeys, OpenedFrom, ScreenKeys, Shared};

pub const MODE: Mode = Mode::new("year_in_review", "Year in review");

pub const KEYS: ScreenKeys = ScreenKeys {
    modes: &[ModeKeys {
        mode: MODE,
        shares: &[Shared::Jumps, Shared::Back, Shared::Help, Shared::Quit],
        binds: &[Bind {
            action: Action::CycleYear,
            keys: &[Key::char('y')],
            does: "another year: older ones, then all time",
        }],
        says: &[],
    }],
    opened_by: Key::char('Y'),
    opened_from: OpenedFrom::Anywhere,
    opens: "your year in review, or all time's",
};
