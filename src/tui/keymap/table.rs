//! The key tables a screen declares for its modes, so that a screen brings its keys with
//! it: `Keymap::new` puts them beside the film page's.

use super::key::Key;
use super::mode::Mode;
use crate::tui::action::Action;

/// The keys a screen opened over the film page brings: its modes with their keys, and
/// the key that opens it. Each such screen declares one in its `keys.rs`.
pub struct ScreenKeys {
    /// The screen's modes, its own first (the lists' also has the list name's).
    pub modes: &'static [ModeKeys],
    /// The key that opens the screen...
    pub opened_by: Key,
    /// ... and where that key works.
    pub opened_from: OpenedFrom,
    /// What the key does, for help: "your diary: every log by the day watched".
    pub opens: &'static str,
}

impl ScreenKeys {
    /// The screen's own mode: the one `Action::Show` names.
    pub fn mode(&self) -> Mode {
        self.modes[0].mode
    }
}

/// Where the key that opens a screen works.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenedFrom {
    /// The film page's list.
    FilmPage,
    /// The film page and the reader.
    FilmPageAndReader,
    /// The film page, the reader, and every other screen opened from anywhere: the
    /// diary, the watchlist, the films seen and the year in review go to one another.
    Anywhere,
}

/// One mode of a screen: the keys every such screen shares that it takes, and its own.
pub struct ModeKeys {
    pub mode: Mode,
    /// The shared keys it takes, in the order help lists them (before its own keys,
    /// `Back`, `Help` and `Quit` after).
    pub shares: &'static [Shared],
    /// Its own keys, each with what it does here.
    pub binds: &'static [Bind],
    /// What a shared key does here, when help should say more than "scroll down".
    pub says: &'static [(Action, &'static str)],
}

/// Keys several screens have alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shared {
    /// `j`/`k`, the arrows, page keys, `g`/`G`: moving through a list.
    Scrolls,
    /// Enter: open what is highlighted.
    Opens,
    /// `/`: find a title (`Mode::Find`).
    Finds,
    /// The keys of the screens opened from anywhere (`OpenedFrom::Anywhere`).
    Jumps,
    /// Esc: back.
    Back,
    /// `?` and F1: help.
    Help,
    /// `q` and Ctrl-c: quit.
    Quit,
}

/// An action, its keys and what it does, as a screen's table gives it.
pub struct Bind {
    pub action: Action,
    pub keys: &'static [Key],
    pub does: &'static str,
}

/// What a screen that lists rows (the diary, the watchlist, the films seen) takes of the
/// shared keys: all of them.
pub const LISTING: &[Shared] = &[
    Shared::Scrolls,
    Shared::Opens,
    Shared::Finds,
    Shared::Jumps,
    Shared::Back,
    Shared::Help,
    Shared::Quit,
];

/// What the shared keys do on a screen that lists films.
pub const SAID_OF_FILMS: &[(Action, &str)] = &[
    (Action::Next, "next film"),
    (Action::Prev, "previous film"),
    (Action::First, "first film"),
    (Action::Last, "last film"),
    (Action::Open, "open the film"),
];
