//! marquee: a Letterboxd film page that lives in your terminal and works offline.

pub mod cli;
pub mod days;
pub mod export;
pub mod import;
pub mod markup;
pub mod model;
pub mod query;
pub mod sample;
pub mod store;
pub mod text;
pub mod threads;
pub mod tui;

/// The settings, kept with the app they set (so `config` and `tui` depend one way only).
pub use tui::config;
