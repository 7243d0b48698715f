//! The library's keys: letters type into its finder, so it moves with the arrows and
//! the page keys; and the key that opens it.

use ratatui::crossterm::event::KeyCode;

use crate::tui::action::Action;
use crate::tui::keymap::key::Key;
use crate::tui::keymap::mode::Mode;
use crate::tui::keymap::table::{Bind, ModeKeys, OpenedFrom, ScreenKeys};

pub const MODE: Mode = Mode::new("library", "Film library (type to find a title)").typing();

pub const KEYS: ScreenKeys = ScreenKeys {
    modes: &[ModeKeys {
        mode: MODE,
        shares: &[],
        binds: &[
            Bind {
                action: Action::Next,
                keys: &[Key::plain(KeyCode::Down)],
                does: "next film",
            },
            Bind {
                action: Action::Prev,
                keys: &[Key::plain(KeyCode::Up)],
                does: "previous film",
            },
            Bind {
                action: Action::PageDown,
                keys: &[Key::plain(KeyCode::PageDown)],
                does: "page down",
            },
            Bind {
                action: Action::PageUp,
                keys: &[Key::plain(KeyCode::PageUp)],
                does: "page up",
            },
            Bind {
                action: Action::Open,
                keys: &[Key::plain(KeyCode::Enter)],
                does: "open the film",
            },
            Bind {
                action: Action::CycleSort,
                keys: &[Key::plain(KeyCode::Tab)],
                does: "sort by title or by latest activity",
            },
            Bind {
                action: Action::Back,
                keys: &[Key::plain(KeyCode::Esc)],
                does: "clear what you typed, or close",
            },
            Bind {
                action: Action::Help,
                keys: &[Key::plain(KeyCode::F(1))],
                does: "show all keys",
            },
            Bind {
                action: Action::Quit,
                keys: &[Key::ctrl('c')],
                does: "quit",
            },
        ],
        says: &[],
    }],
    opened_by: Key::char('F'),
    opened_from: OpenedFrom::FilmPage,
    opens: "the film library",
};
