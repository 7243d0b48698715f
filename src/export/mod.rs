//! Exports: marquee's lossless JSONL, Letterboxd's import CSV, and a readable Markdown page
//! per film. Every export writes in a fixed order, so the same data gives the same bytes.

pub mod csv;
pub mod jsonl;
pub mod markdown;

use std::io::Write;

use crate::model::Film;
use crate::store::{Result, Store};

/// The films to export: the one asked for, or all of them by slug.
pub fn films(store: &Store, only: Option<&Film>) -> Result<Vec<Film>> {
    match only {
        Some(film) => Ok(vec![film.clone()]),
        None => store.films_by_slug(),
    }
}

/// Where an export writes.
pub type Out<'a> = &'a mut dyn Write;
