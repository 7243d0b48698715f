//! Everything a key (or the mouse) can ask the app to do.

use super::keymap::Mode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Next,
    Prev,
    PageDown,
    PageUp,
    First,
    Last,
    Open,
    Back,
    Help,
    Quit,
}

impl Action {
    /// The name used in the config file's `[keys]` table.
    pub fn name(self) -> &'static str {
        match self {
            Action::Next => "next",
            Action::Prev => "prev",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::First => "first",
            Action::Last => "last",
            Action::Open => "open",
            Action::Back => "back",
            Action::Help => "help",
            Action::Quit => "quit",
        }
    }

    /// What the action does in `mode`, for the help overlay.
    pub fn describe(self, mode: Mode) -> &'static str {
        match (self, mode) {
            (Action::Next, Mode::List) => "next review",
            (Action::Prev, Mode::List) => "previous review",
            (Action::PageDown, Mode::List) => "page down",
            (Action::PageUp, Mode::List) => "page up",
            (Action::First, Mode::List) => "first review",
            (Action::Last, Mode::List) => "last review",
            (Action::Next, _) => "scroll down",
            (Action::Prev, _) => "scroll up",
            (Action::PageDown, _) => "scroll a page down",
            (Action::PageUp, _) => "scroll a page up",
            (Action::First, _) => "scroll to the top",
            (Action::Last, _) => "scroll to the end",
            (Action::Open, _) => "read the review full screen",
            (Action::Back, Mode::Help) => "close help",
            (Action::Back, _) => "back to the list",
            (Action::Help, Mode::Help) => "close help",
            (Action::Help, _) => "show all keys",
            (Action::Quit, _) => "quit",
        }
    }
}
