//! A Letterboxd data export: the ZIP, its extracted folder, or its CSV files one at a
//! time, in any order. Every file is read and checked before anything is written, then
//! merged into what is stored in one transaction (see `apply` for the rules): a
//! malformed row stops the import with its file and line, and the database is left as
//! it was.

mod apply;
mod files;
mod parse;
mod table;
mod uri;

pub use files::{Export, Kind, Source, read, read_all};
pub use parse::History;

use super::{FileReport, ImportError, Summary};
use crate::store::Store;

/// Where the member's Letterboxd username is kept once an import has told it.
const USERNAME: &str = "letterboxd.username";

/// Reads and checks every source, without touching any database.
pub fn check(sources: &[Source]) -> Result<History, ImportError> {
    parse::history(sources)
}

/// Merges a checked history into the store. The member's entries are written by their
/// Letterboxd username (from `profile.csv`, now or in an earlier import), else by
/// `fallback_author`.
pub fn write(
    sources: &[Source],
    history: &History,
    store: &mut Store,
    fallback_author: &str,
) -> Result<Summary, ImportError> {
    let database = ImportError::database;
    let mut merge = store.begin_merge().map_err(database)?;
    let known = merge.setting(USERNAME).map_err(database)?;
    let author = match (&history.username, &known) {
        (Some(name), _) => {
            if known.as_ref() != Some(name) {
                merge.set_setting(USERNAME, name).map_err(database)?;
                merge
                    .rename_imported(fallback_author, name)
                    .map_err(database)?;
            }
            name.clone()
        }
        (None, Some(name)) => name.clone(),
        (None, None) => fallback_author.to_string(),
    };
    let names = sources.iter().map(|s| s.name.clone()).collect();
    let exports = sources.iter().map(|s| s.export).collect();
    let outcomes = apply::Applier::new(&mut merge, author, names, exports)
        .apply(history)
        .map_err(database)?;
    let (films, entries) = merge.commit().map_err(database)?;
    let files = sources
        .iter()
        .zip(outcomes.files)
        .zip(&history.rows)
        .map(|((source, mut outcomes), &rows)| {
            if source.kind == Kind::Profile && rows > 0 {
                let what = match &history.username {
                    Some(name) => format!(
                        "with the username {}, the author of your entries",
                        crate::text::sanitize_line(name)
                    ),
                    None => "without a username".to_string(),
                };
                outcomes.push((what, rows));
            }
            FileReport {
                name: source.name.clone(),
                rows,
                unit: if source.kind == Kind::List {
                    "film"
                } else {
                    "row"
                },
                outcomes,
            }
        })
        .collect();
    Ok(Summary {
        films,
        entries,
        files,
        notes: outcomes.notes,
        ..Summary::default()
    })
}

/// Reads, checks and writes, for callers that have the store at hand already.
pub fn import(
    sources: &[Source],
    store: &mut Store,
    fallback_author: &str,
) -> Result<Summary, ImportError> {
    let history = check(sources)?;
    write(sources, &history, store, fallback_author)
}
