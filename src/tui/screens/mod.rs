//! The screens: each owns its state, its keys, its drawing and its hints (`screen::Screen`).
//!
//! A screen a key opens from the film page brings its keys (`keys.rs`: its modes, what
//! each key does there, the key that opens it) and how it opens (`OPENED`). To add one,
//! write its module and name it here: its `mod` line and its line in `OPENED`.

pub mod composer;
pub mod conflict;
pub mod diary;
pub mod film;
pub mod filter_menu;
pub mod help;
pub mod library;
pub mod lists;
pub mod question;
pub mod reader;
pub mod seen;
pub mod watchlist;
pub mod year_in_review;

use super::action::Action;
use super::keymap::{Keymap, ScreenKeys};
use super::screen::{Opened, Opening, Screen};
use crate::store::Result;

/// Every screen a key opens from the film page, in the order help lists them.
const OPENED: &[Opened] = &[
    library::OPENED,
    diary::OPENED,
    watchlist::OPENED,
    year_in_review::OPENED,
    seen::OPENED,
    lists::OPENED,
];

/// The keys of the film page and of every screen, before the config file remaps any.
pub fn keymap() -> Keymap {
    let screens: Vec<&ScreenKeys> = OPENED.iter().map(|s| s.keys).collect();
    Keymap::new(&screens)
}

/// The screen `action` opens over the film page, or `None` when it opens none.
pub fn open(action: Action, at: Opening) -> Option<Result<Box<dyn Screen>>> {
    let Action::Show(mode) = action else {
        return None;
    };
    let screen = OPENED.iter().find(|s| s.keys.mode() == mode)?;
    Some((screen.open)(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_does_two_things_in_one_mode_of_any_screen() {
        crate::tui::keymap::tests::assert_one_action_per_key(&keymap());
    }

    #[test]
    fn every_screen_opens_from_the_film_page_by_its_own_key() {
        let keymap = keymap();
        for screen in OPENED {
            let mode = crate::tui::keymap::Mode::List;
            let action = keymap.action(mode, screen.keys.opened_by);
            assert_eq!(action, Some(Action::Show(screen.keys.mode())));
        }
    }
}
