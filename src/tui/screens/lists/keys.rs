//! The lists' keys: its two modes (the lists, and a list's name being typed), what each
//! key does there, and the key that opens the lists.

use ratatui::crossterm::event::KeyCode;

use crate::tui::action::Action;
use crate::tui::keymap::key::Key;
use crate::tui::keymap::mode::Mode;
use crate::tui::keymap::table::{Bind, ModeKeys, OpenedFrom, ScreenKeys, Shared};

pub const MODE: Mode = Mode::new("lists", "Lists");
/// Typing a list's name: other keys type.
pub const NAMING: Mode = Mode::new("list_name", "A list's name").typing();

pub const NEW_LIST: Action = Action::Own("new_list");
pub const RENAME_LIST: Action = Action::Own("rename_list");
/// Adds the film the lists were opened from to the highlighted list.
pub const ADD_TO_LIST: Action = Action::Own("add_to_list");
pub const MOVE_UP: Action = Action::Own("move_up");
pub const MOVE_DOWN: Action = Action::Own("move_down");
/// Puts back the film last taken out.
pub const UNDO: Action = Action::Own("undo");

pub const KEYS: ScreenKeys = ScreenKeys {
    modes: &[
        ModeKeys {
            mode: MODE,
            shares: &[
                Shared::Scrolls,
                Shared::Opens,
                Shared::Back,
                Shared::Help,
                Shared::Quit,
            ],
            binds: &[
                Bind {
                    action: NEW_LIST,
                    keys: &[Key::char('c')],
                    does: "make a new list",
                },
                Bind {
                    action: RENAME_LIST,
                    keys: &[Key::char('r')],
                    does: "rename the list",
                },
                Bind {
                    action: ADD_TO_LIST,
                    keys: &[Key::char('a')],
                    does: "add the film you came from to the list",
                },
                Bind {
                    action: Action::Delete,
                    keys: &[Key::char('d')],
                    does: "delete the list (asks first), or take the film out",
                },
                Bind {
                    action: MOVE_UP,
                    keys: &[Key::char('K')],
                    does: "move the film up the list",
                },
                Bind {
                    action: MOVE_DOWN,
                    keys: &[Key::char('J')],
                    does: "move the film down the list",
                },
                Bind {
                    action: UNDO,
                    keys: &[Key::char('u')],
                    does: "put back the film last taken out",
                },
            ],
            says: &[
                (Action::Next, "next list, or next film of the open list"),
                (Action::Prev, "previous list, or previous film"),
                (Action::Open, "open the list, or the film"),
                (Action::Back, "close the list, or back to the film"),
            ],
        },
        ModeKeys {
            mode: NAMING,
            shares: &[Shared::Opens],
            binds: &[
                Bind {
                    action: Action::Back,
                    keys: &[Key::plain(KeyCode::Esc)],
                    does: "leave the name as it was",
                },
                Bind {
                    action: Action::Quit,
                    keys: &[Key::ctrl('c')],
                    does: "quit",
                },
            ],
            says: &[(Action::Open, "keep the name")],
        },
    ],
    opened_by: Key::char('l'),
    opened_from: OpenedFrom::FilmPageAndReader,
    opens: "your lists",
};
