//! The screens: each owns its state, its keys, its drawing and its hints (`screen::Screen`).
//!
//! A screen a key opens from another is named once, in `open` below: to add one, write its
//! module, name it here, and give its key an action (`action.rs`), a mode with its keys
//! (`keymap.rs`) and a line of help.

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
use super::screen::{Kept, Screen};
use super::settings::Settings;
use crate::store::{Result, Store};
use film::state::FilmPage;

/// The screen `action` opens over the film page, or `None` when it opens none.
pub fn open(
    action: Action,
    store: &Store,
    settings: &Settings,
    page: &FilmPage,
    kept: &mut Kept,
) -> Option<Result<Box<dyn Screen>>> {
    Some(match action {
        Action::Library => boxed(library::Library::reopen(store, &settings.theme, kept)),
        Action::Diary => boxed(diary::Diary::open(store)),
        Action::Watchlist => boxed(watchlist::open(store)),
        Action::Seen => boxed(seen::Seen::open(store)),
        Action::YearInReview => boxed(year_in_review::YearInReview::open(store)),
        Action::Lists => boxed(lists::Lists::open(store, page.film.clone())),
        _ => return None,
    })
}

fn boxed<S: Screen>(screen: Result<S>) -> Result<Box<dyn Screen>> {
    screen.map(|s| Box::new(s) as Box<dyn Screen>)
}
