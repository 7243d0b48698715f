//! The screens: each owns its state, its keys and its drawing.

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
