//! Entries: adding them, and reading one page of a film's list at a time.
//!
//! Pages are keyset pages: they resume from a `Cursor` (sort key, id) through the
//! `entry_by_time` index, so the millionth review costs what the first does.

use rusqlite::{OptionalExtension, Row, Transaction, TransactionBehavior, params};

use super::films::ensure_film;
use super::lenient::Cells;
use super::{Result, Store, StoreError};
use crate::model::{Entry, NewEntry, NewFilm, Rating, Stored, timestamp};
use crate::text::clean_input;

pub(super) const ENTRY_COLUMNS: &str = "id, film_id, author, rating, body, watched, created, ts, liked, \
                             rewatch, spoiler, likes, tags, is_mine, source_key, markup, handle, comments, cut_short";

/// An entry, read leniently: a value another tool wrote that is not what marquee writes
/// is read as empty and noted (see `lenient`), and the rest of the entry is shown.
pub(super) fn entry_from_row(row: &Row) -> rusqlite::Result<Entry> {
    let id: i64 = row.get(0)?;
    let c = Cells::new(row, "entry", id);
    let rating = c.rating(3, "rating");
    let mut entry = Entry {
        id,
        film_id: row.get(1)?,
        author: c.text(2, "author").unwrap_or_default(),
        rating,
        body: c.text(4, "body").unwrap_or_default(),
        watched: c.text(5, "watched"),
        created: c.text(6, "created"),
        ts: c.int(7, "ts").unwrap_or(0),
        liked: c.flag(8, "liked"),
        rewatch: c.flag(9, "rewatch"),
        spoiler: c.flag(10, "spoiler"),
        likes: c.int(11, "likes").unwrap_or(0),
        tags: c.list(12, "tags"),
        is_mine: c.flag(13, "is_mine"),
        source_key: c.text(14, "source_key"),
        markup: c.text(15, "markup"),
        handle: c.text(16, "handle"),
        comments: c.int(17, "comments").unwrap_or(0),
        cut_short: c.flag(18, "cut_short"),
        stored: Vec::new(),
    };
    entry.stored = c.into_stored();
    Ok(entry)
}

/// What an import added.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Added {
    pub films: usize,
    pub entries: usize,
    /// Entries already present (same source key), left as they were.
    pub duplicates: usize,
}

impl Store {
    /// Adds a film (unless its slug exists) and its entries in one transaction. Entries
    /// whose source key is already stored are skipped, so importing twice adds nothing twice.
    ///
    /// Entries are listed newest first and, among equal dates, last added first; they are
    /// inserted in reverse so that undated entries keep the order they were given in.
    pub fn add_film_with_entries(&mut self, film: &NewFilm, entries: &[NewEntry]) -> Result<Added> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (film_id, film_added) = ensure_film(&tx, film)?;
        let mut added = Added {
            films: usize::from(film_added),
            ..Added::default()
        };
        for entry in entries.iter().rev() {
            if insert_entry(&tx, film_id, entry, None)?.is_some() {
                added.entries += 1;
            } else {
                added.duplicates += 1;
            }
        }
        // The search index follows in the same transaction (see `stale`).
        super::stale::bring_up_to_date(&tx)?;
        tx.commit()?;
        Ok(added)
    }

    /// Every entry of a film in a fixed order (rating, time, id), one at a time, for
    /// exports: the same database always gives the same order.
    pub fn each_entry<E, F>(&self, film_id: i64, mut each: F) -> std::result::Result<(), E>
    where
        E: From<StoreError>,
        F: FnMut(Entry) -> std::result::Result<(), E>,
    {
        let sql =
            format!("SELECT {ENTRY_COLUMNS} FROM entry WHERE film_id = ?1 ORDER BY rating, ts, id");
        let mut stmt = self.conn.prepare_cached(&sql).map_err(StoreError::from)?;
        let mut rows = stmt.query([film_id]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            each(entry_from_row(row).map_err(StoreError::from)?)?;
        }
        Ok(())
    }

    pub fn entry(&self, id: i64) -> Result<Option<Entry>> {
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT {ENTRY_COLUMNS} FROM entry WHERE id = ?1"))?
            .query_row([id], entry_from_row)
            .optional()?)
    }
}

/// Inserts an entry (under `id` when given), returning its id and time, or `None` when its
/// source key is already stored. Text is cleaned of control characters here, so none is ever
/// stored.
pub(super) fn insert_entry(
    tx: &Transaction,
    film_id: i64,
    entry: &NewEntry,
    id: Option<i64>,
) -> Result<Option<Inserted>> {
    let ts = entry
        .created
        .as_deref()
        .or(entry.watched.as_deref())
        .map_or(Ok(0), |time| sort_time(tx, time))?;
    let tags = tags_json(&entry.tags);
    let author = crate::text::clean_name(&entry.author);
    let body = clean_input(&entry.body);
    let mut insert = tx.prepare_cached(
        "INSERT INTO entry (film_id, author, rating, body, watched, created, ts, liked,
                            rewatch, spoiler, likes, tags, source_key, is_mine, id, markup,
                            handle, comments, cut_short)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19)
         ON CONFLICT (source_key) DO NOTHING",
    )?;
    let inserted = insert.execute(params![
        film_id,
        author,
        entry.rating.map(Rating::half_stars),
        body,
        entry.watched,
        entry.created,
        ts,
        entry.liked,
        entry.rewatch,
        entry.spoiler,
        entry.likes,
        tags,
        entry.source_key,
        entry.is_mine,
        id,
        entry.markup.as_deref().map(crate::text::clean_written),
        entry.handle.as_deref().map(crate::text::clean_name),
        entry.comments,
        entry.cut_short,
    ])?;
    if inserted != 1 {
        return Ok(None);
    }
    let id = tx.last_insert_rowid();
    restore_stored(tx, id, &entry.stored)?;
    Ok(Some(Inserted {
        id,
        ts,
        body,
        author,
    }))
}

/// An entry's sort time from its date, as the schema's trigger reads the dates other
/// programs write (`entry_ts_insert`): only text shaped `YYYY-MM-DD…` is a date, and a day
/// past its month's end (`2026-02-30`) runs on into the next, as SQLite's date functions
/// have it. So an entry restored from a backup sorts where it did.
fn sort_time(tx: &Transaction, time: &str) -> Result<i64> {
    let shaped = time.len() >= 10
        && time.bytes().take(10).enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Ok(0);
    }
    if let Some(ts) = timestamp(time) {
        return Ok(ts);
    }
    Ok(tx.query_row(
        "SELECT coalesce(CAST(strftime('%s', ?1) AS INTEGER), 0)",
        [time],
        |r| r.get(0),
    )?)
}

/// Columns an entry may have stored values for: those a backup restores as they were.
const RESTORABLE: [&str; 13] = [
    "author", "rating", "body", "watched", "created", "liked", "rewatch", "spoiler", "likes",
    "tags", "markup", "handle", "comments",
];

/// Writes each stored value over what was inserted, as it was stored (a backup of values
/// another program wrote). The triggers on `entry` follow each, so counts stay right. A
/// value this database's own rules still refuse (a trigger, a type) stays as inserted,
/// and is said.
fn restore_stored(tx: &Transaction, id: i64, stored: &[(String, Stored)]) -> Result<()> {
    for (column, value) in stored {
        let Some(column) = RESTORABLE.iter().find(|c| *c == column) else {
            super::lenient::note(format!(
                "entry {id}: a stored value for column {} is not restored (no such column)",
                crate::text::sanitize_line(column)
            ));
            continue;
        };
        tx.execute_batch("SAVEPOINT restore_stored; PRAGMA ignore_check_constraints = ON;")?;
        let written = tx.execute(
            &format!(
                "UPDATE entry SET {column} = {} WHERE id = ?1",
                value.sql_expression(2)
            ),
            params![id, value.to_sql()],
        );
        let end = match &written {
            Ok(_) => "RELEASE restore_stored",
            Err(_) => "ROLLBACK TO restore_stored; RELEASE restore_stored",
        };
        tx.execute_batch(&format!("{end}; PRAGMA ignore_check_constraints = OFF;"))?;
        if let Err(error) = written {
            super::lenient::note(format!(
                "entry {id} column {column}: the stored value could not be restored ({}); kept as read",
                crate::text::sanitize_line(&error.to_string())
            ));
        }
    }
    Ok(())
}

/// As on Letterboxd, logging a film marks it watched (on its watched day, when it was
/// not marked already) and makes a rating given now the member's rating of the film.
pub(super) fn mark_logged(tx: &Transaction, film_id: i64, entry: &NewEntry) -> Result<()> {
    let today = crate::model::today();
    let watched = entry.watched.clone().unwrap_or_else(|| today.clone());
    tx.execute(
        "INSERT INTO mark (film_id, watched, rating, rated) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (film_id) DO UPDATE SET
             watched = coalesce(watched, excluded.watched),
             rating = coalesce(excluded.rating, rating),
             rated = CASE WHEN excluded.rating IS NULL THEN rated ELSE excluded.rated END",
        params![
            film_id,
            watched,
            entry.rating.map(Rating::half_stars),
            entry.rating.map(|_| today)
        ],
    )?;
    Ok(())
}

/// An entry as `insert_entry` stored it.
pub(super) struct Inserted {
    pub id: i64,
    pub ts: i64,
    /// The body and author as stored (cleaned), for the search index.
    pub body: String,
    pub author: String,
}

/// Tags as stored: cleaned, as a JSON list (most entries have none: no JSON then).
pub(super) fn tags_json(tags: &[String]) -> String {
    if tags.is_empty() {
        return "[]".to_string();
    }
    let cleaned: Vec<String> = tags.iter().map(|t| clean_input(t)).collect();
    serde_json::to_string(&cleaned).expect("strings serialize")
}

/// A key no other entry has: "marquee:" and the time, the process and a counter.
pub(super) fn new_source_key() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("marquee:{nanos:x}-{:x}-{n}", std::process::id())
}
