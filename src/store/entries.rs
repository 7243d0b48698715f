//! Entries: adding them, and reading one page of a film's list at a time.
//!
//! Pages are keyset pages: they resume from a `Cursor` (sort key, id) through the
//! `entry_by_time` index, so the millionth review costs what the first does.

use rusqlite::{Row, TransactionBehavior, params};

use super::films::ensure_film;
use super::{Result, Store};
use crate::model::{Entry, NewEntry, NewFilm, Rating, timestamp};
use crate::query::{Cursor, ReviewQuery};

const ENTRY_COLUMNS: &str = "id, film_id, author, rating, body, watched, created, ts, liked, \
                             rewatch, spoiler, likes, tags, is_mine";

fn entry_from_row(row: &Row) -> rusqlite::Result<Entry> {
    let rating: Option<u8> = row.get(3)?;
    let tags: String = row.get(12)?;
    Ok(Entry {
        id: row.get(0)?,
        film_id: row.get(1)?,
        author: row.get(2)?,
        rating: rating.and_then(Rating::from_half_stars),
        body: row.get(4)?,
        watched: row.get(5)?,
        created: row.get(6)?,
        ts: row.get(7)?,
        liked: row.get(8)?,
        rewatch: row.get(9)?,
        spoiler: row.get(10)?,
        likes: row.get(11)?,
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        is_mine: row.get(13)?,
    })
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
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO entry (film_id, author, rating, body, watched, created, ts, liked,
                                    rewatch, spoiler, likes, tags, source_key, is_mine)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                 ON CONFLICT (source_key) DO NOTHING",
            )?;
            for entry in entries.iter().rev() {
                let ts = entry
                    .created
                    .as_deref()
                    .or(entry.watched.as_deref())
                    .and_then(timestamp)
                    .unwrap_or(0);
                let tags = serde_json::to_string(&entry.tags).expect("strings serialize");
                let inserted = insert.execute(params![
                    film_id,
                    entry.author,
                    entry.rating.map(Rating::half_stars),
                    entry.body,
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
                ])?;
                if inserted == 1 {
                    added.entries += 1;
                } else {
                    added.duplicates += 1;
                }
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// Up to `limit` entries that come after `after` in the list (from the top when `None`),
    /// in list order.
    pub fn entries_after(
        &self,
        query: &ReviewQuery,
        after: Option<Cursor>,
        limit: usize,
    ) -> Result<Vec<Entry>> {
        let (key, id) = after.map_or((i64::MAX, i64::MAX), |c| (c.key, c.id));
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM entry
             WHERE film_id = ?1 AND (ts, id) < (?2, ?3)
             ORDER BY ts DESC, id DESC LIMIT ?4"
        ))?;
        let rows = stmt
            .query_map(
                params![query.film_id, key, id, limit as i64],
                entry_from_row,
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Up to `limit` entries that come just before `before` in the list (the last ones when
    /// `None`), in list order.
    pub fn entries_before(
        &self,
        query: &ReviewQuery,
        before: Option<Cursor>,
        limit: usize,
    ) -> Result<Vec<Entry>> {
        let (key, id) = before.map_or((i64::MIN, i64::MIN), |c| (c.key, c.id));
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM entry
             WHERE film_id = ?1 AND (ts, id) > (?2, ?3)
             ORDER BY ts ASC, id ASC LIMIT ?4"
        ))?;
        let mut rows: Vec<Entry> = stmt
            .query_map(
                params![query.film_id, key, id, limit as i64],
                entry_from_row,
            )?
            .collect::<rusqlite::Result<_>>()?;
        rows.reverse();
        Ok(rows)
    }

    /// The query plan SQLite chooses for a page, one line per step, for tests that keep
    /// the list queries on their index.
    pub fn explain_entries_after(&self, query: &ReviewQuery) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(&format!(
            "EXPLAIN QUERY PLAN SELECT {ENTRY_COLUMNS} FROM entry
             WHERE film_id = ?1 AND (ts, id) < (?2, ?3)
             ORDER BY ts DESC, id DESC LIMIT ?4"
        ))?;
        let plan = stmt
            .query_map(params![query.film_id, 0, 0, 50], |r| r.get::<_, String>(3))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(plan)
    }
}
