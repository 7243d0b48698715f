//! The diary's keys: what each does in the diary, and the key that opens it.

use crate::tui::action::Action;
use crate::tui::keymap::key::Key;
use crate::tui::keymap::mode::Mode;
use crate::tui::keymap::table::{Bind, LISTING, ModeKeys, OpenedFrom, ScreenKeys};

pub const MODE: Mode = Mode::new("diary", "Diary").browsed();

/// To the month before (older), or after (newer).
pub const OLDER_MONTH: Action = Action::Own("older_month");
pub const NEWER_MONTH: Action = Action::Own("newer_month");

const STARS: &str = "only logs with that many stars; again adds ½";

pub const KEYS: ScreenKeys = ScreenKeys {
    modes: &[ModeKeys {
        mode: MODE,
        shares: LISTING,
        binds: &[
            Bind {
                action: Action::FilterStars(1),
                keys: &[Key::char('1')],
                does: STARS,
            },
            Bind {
                action: Action::FilterStars(2),
                keys: &[Key::char('2')],
                does: STARS,
            },
            Bind {
                action: Action::FilterStars(3),
                keys: &[Key::char('3')],
                does: STARS,
            },
            Bind {
                action: Action::FilterStars(4),
                keys: &[Key::char('4')],
                does: STARS,
            },
            Bind {
                action: Action::FilterStars(5),
                keys: &[Key::char('5')],
                does: STARS,
            },
            Bind {
                action: Action::ToggleOrMore,
                keys: &[Key::char('+')],
                does: "this rating or more",
            },
            Bind {
                action: Action::FilterUnrated,
                keys: &[Key::char('u')],
                does: "only unrated logs",
            },
            Bind {
                action: Action::ClearFilter,
                keys: &[Key::char('0')],
                does: "all ratings",
            },
            Bind {
                action: Action::CycleYear,
                keys: &[Key::char('y')],
                does: "one year: the newest, then older ones, then all",
            },
            Bind {
                action: OLDER_MONTH,
                keys: &[Key::char(']')],
                does: "to the month before",
            },
            Bind {
                action: NEWER_MONTH,
                keys: &[Key::char('[')],
                does: "to the month after",
            },
        ],
        says: &[
            (Action::Next, "next log"),
            (Action::Prev, "previous log"),
            (Action::First, "newest log"),
            (Action::Last, "oldest log"),
            (Action::Open, "open the film at that log"),
        ],
    }],
    opened_by: Key::char('D'),
    opened_from: OpenedFrom::Anywhere,
    opens: "your diary: every log by the day watched",
};
