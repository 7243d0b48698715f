//! Bulk writes for importers: one transaction for a whole import, so a bad row anywhere
//! leaves the database exactly as it was. Importers call these; they never write SQL.
//!
//! Row by row, the triggers that keep counts, full-text search and activity up to date
//! cost three times the insert itself. So an import sets them aside (inside its
//! transaction), tallies counts and activity as it goes, and at the end indexes the new
//! rows for search, applies the tallies and puts the triggers back, all before it commits.

use std::collections::HashMap;

use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::entries::{Added, Inserted, insert_entry};
use super::films::{ensure_film, free_slug};
use super::search_build::{Doc, SearchBuilder, index_stored};
use super::{BUSY_TIMEOUT, Result, Store};
use crate::model::{NewEntry, NewFilm};

/// The triggers an import sets aside while it writes: it keeps counts, the search index
/// and activity itself, computes every sort time and checks every rating (each trigger
/// costs a call per row, a second or more in a million).
const SET_ASIDE: [&str; 10] = [
    "entry_count_insert",
    "entry_fts_insert",
    "entry_activity",
    "entry_ts_insert",
    "entry_rating_insert",
    "diary_count_insert",
    "seen_entry_insert",
    // The import names films it made itself, and replaces no entry.
    "entry_film_insert",
    "entry_replacing",
    "entry_upserted",
];

/// Indexes an import into a small database also sets aside: building them once, sorted,
/// at the end is several times faster than a million random inserts.
const REBUILT: [&str; 2] = ["entry_bucket_time", "entry_bucket_likes"];

/// Below this many entries a database counts as small.
const SMALL: i64 = 200_000;

/// A page cache big enough that a million random index inserts stay in memory.
const IMPORT_CACHE_KIB: i64 = 64 * 1024;
/// The page cache while indexes are built: it is also the size of each sorted piece.
const SORT_CACHE_KIB: i64 = 8 * 1024;

/// An import in progress. Dropping it without `commit` rolls everything back.
pub struct Import<'a> {
    tx: Transaction<'a>,
    added: Added,
    /// The set-aside triggers' and indexes' SQL, to put them back.
    triggers: Vec<String>,
    /// Entries added per (film, bucket 0..=10): (entries, with text).
    counts: HashMap<(i64, i64), (i64, i64)>,
    /// The member's logs added per (year, rating bucket), for `diary_count`.
    diary: HashMap<(i64, i64), i64>,
    /// Films the member logged, for `seen_film`.
    seen: std::collections::HashSet<i64>,
    /// The newest entry time per film.
    activity: HashMap<i64, i64>,
    /// Ids of the entries added, for the search index, when it is updated at the end.
    new_ids: Vec<i64>,
    /// The search index built beside the import, when the database is small.
    search: Option<SearchBuilder>,
    /// Entries whose id belonged to another entry, stored under new ids at the end.
    renumber: Vec<(i64, NewEntry)>,
    /// The highest entry id stored, before or during the import: an id above it is free.
    top_id: i64,
    /// Whether the import runs with a rollback journal, and WAL comes back after it.
    journal_switched: bool,
}

impl Drop for Import<'_> {
    /// An import given up (its input had an error) rolls back, and a database it had
    /// switched to a rollback journal goes back to WAL at once, as it was found.
    fn drop(&mut self) {
        if self.journal_switched && !self.tx.is_autocommit() {
            let _ = self.tx.execute_batch("ROLLBACK");
            let _ = self.tx.pragma_update(None, "journal_mode", "WAL");
        }
    }
}

/// How an entry with an id of its own (JSONL) was taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placed {
    /// Stored under the id it came with.
    AsIs,
    /// Its id belonged to another entry: stored under a new one.
    Renumbered,
    /// Already stored: skipped.
    Duplicate,
}

impl Store {
    pub fn begin_import(&mut self) -> Result<Import<'_>> {
        // Imports run as commands of their own, so the bigger cache ends with the process.
        self.conn
            .pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
        let journal_switched = rollback_journal(&self.conn);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Entries changed since the index was brought up to date are indexed first, so
        // the index the import adds to (or reads anew) matches them.
        super::stale::bring_up_to_date(&tx)?;
        let stored: i64 = tx.query_row(
            "SELECT coalesce(sum(entries), 0) FROM film_count",
            [],
            |r| r.get(0),
        )?;
        let top_id: i64 =
            tx.query_row("SELECT coalesce(max(id), 0) FROM entry", [], |r| r.get(0))?;
        let mut triggers = set_aside(&tx, "trigger", &SET_ASIDE)?;
        let mut search = None;
        if stored < SMALL {
            triggers.extend(set_aside(&tx, "index", &REBUILT)?);
            search = Some(index_stored(&tx)?);
        }
        Ok(Import {
            tx,
            added: Added::default(),
            triggers,
            counts: HashMap::new(),
            diary: HashMap::new(),
            seen: Default::default(),
            activity: HashMap::new(),
            new_ids: Vec::new(),
            search,
            renumber: Vec::new(),
            top_id,
            journal_switched,
        })
    }
}

/// Switches the database to a rollback journal for the import, when no other connection
/// has it open, and says whether it did. With WAL every page is written twice (to the
/// log, then into the database); a rollback journal writes new pages once and copies
/// only the old pages the import changes: a big import takes a fifth less time. Other
/// connections would wait for the import to end, so with any open, WAL stays.
fn rollback_journal(conn: &Connection) -> bool {
    let mode = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, String>(0));
    if !mode("PRAGMA journal_mode").is_ok_and(|m| m.eq_ignore_ascii_case("wal")) {
        return false;
    }
    // Leaving WAL needs the database to itself: ask once, don't wait.
    let switched = conn.busy_timeout(Duration::ZERO).is_ok()
        && mode("PRAGMA journal_mode = DELETE").is_ok_and(|m| m.eq_ignore_ascii_case("delete"));
    let _ = conn.busy_timeout(BUSY_TIMEOUT);
    switched
}

/// Drops the named schema objects of one type, returning the SQL that makes them again.
fn set_aside(tx: &Transaction, kind: &str, names: &[&str]) -> Result<Vec<String>> {
    let mut kept = Vec::new();
    for name in names {
        let sql: Option<String> = tx
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE type = ?1 AND name = ?2",
                [kind, name],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(sql) = sql {
            tx.execute_batch(&format!("DROP {} {name}", kind.to_uppercase()))?;
            kept.push(sql);
        }
    }
    Ok(kept)
}

impl Import<'_> {
    /// The film with `film.slug`, added when missing.
    pub fn film(&mut self, film: &NewFilm) -> Result<i64> {
        let (id, added) = ensure_film(&self.tx, film)?;
        self.added.films += usize::from(added);
        Ok(id)
    }

    /// A film's details as an export kept them: each one the file has fills the film's
    /// (a page's runtime, genres, cast and Letterboxd's average; IMDb's title and what it
    /// says, and which columns it filled).
    pub fn film_details(&mut self, film_id: i64, d: &crate::model::FilmDetails) -> Result<()> {
        let list = |items: &[String]| {
            (!items.is_empty()).then(|| serde_json::to_string(items).expect("strings serialize"))
        };
        let imdb = &d.from_imdb;
        self.tx
            .prepare_cached(
                "UPDATE film SET
                     runtime = coalesce(?2, runtime),
                     genres = coalesce(?3, genres),
                     actors = coalesce(?4, actors),
                     letterboxd_average = coalesce(?5, letterboxd_average),
                     letterboxd_ratings = coalesce(?6, letterboxd_ratings),
                     imdb_id = coalesce(?7, imdb_id),
                     imdb_how = coalesce(?8, imdb_how),
                     tmdb_id = coalesce(?9, tmdb_id),
                     original_title = coalesce(?10, original_title),
                     imdb_rating = coalesce(?11, imdb_rating),
                     imdb_votes = coalesce(?12, imdb_votes),
                     from_imdb = from_imdb | ?13
                 WHERE id = ?1",
            )?
            .execute(params![
                film_id,
                d.runtime,
                list(&d.genres),
                list(&d.cast),
                d.letterboxd_average,
                d.letterboxd_ratings.map(|n| n as i64),
                d.imdb,
                imdb.how,
                d.tmdb.map(|n| n as i64),
                imdb.original_title,
                imdb.rating,
                imdb.votes.map(|n| n as i64),
                imdb.filled,
            ])?;
        Ok(())
    }

    /// The id of the film with this slug, if there is one.
    pub fn film_with_slug(&self, slug: &str) -> Result<Option<i64>> {
        Ok(self
            .tx
            .query_row("SELECT id FROM film WHERE slug = ?1", [slug], |r| r.get(0))
            .optional()?)
    }

    /// The film with this title and year, added when missing under a free slug
    /// ("heat", else "heat-1995", else "heat-1995-2").
    pub fn film_titled(&mut self, title: &str, year: Option<i32>) -> Result<i64> {
        let found: Option<i64> = self
            .tx
            .prepare_cached(
                "SELECT id FROM film WHERE title = ?1 AND year IS ?2 ORDER BY id LIMIT 1",
            )?
            .query_row(params![title, year], |r| r.get(0))
            .optional()?;
        if let Some(id) = found {
            return Ok(id);
        }
        let slug = free_slug(&self.tx, title, year)?;
        self.film(&NewFilm {
            slug,
            title: title.to_string(),
            year,
            ..NewFilm::default()
        })
    }

    /// Records a Letterboxd address of a film.
    pub fn film_uri(&mut self, film_id: i64, uri: &str) -> Result<()> {
        super::account::insert_film_uri(&self.tx, film_id, uri)
    }

    /// Sets a film's marks (those it has stay unless `marks` has them too).
    pub fn marks(&mut self, film_id: i64, marks: &crate::model::Marks) -> Result<()> {
        super::account::replace_marks(&self.tx, film_id, marks)
    }

    /// Adds a list unless one with its source key is stored; says whether it was added.
    pub fn list(&mut self, list: &crate::model::FilmList) -> Result<bool> {
        if let Some(key) = &list.source_key
            && super::account::has_list(&self.tx, key)?
        {
            return Ok(false);
        }
        super::account::insert_list(&self.tx, list)?;
        Ok(true)
    }

    /// Adds an entry unless its source key is stored already; says whether it was added.
    pub fn entry(&mut self, film_id: i64, entry: &NewEntry) -> Result<bool> {
        let inserted = insert_entry(&self.tx, film_id, entry, None)?;
        let added = inserted.is_some();
        match inserted {
            Some(inserted) => self.tally(inserted, film_id, entry),
            None => self.added.duplicates += 1,
        }
        Ok(added)
    }

    /// Notes an added entry for the counts, activity and search index written at the end.
    fn tally(&mut self, inserted: Inserted, film_id: i64, entry: &NewEntry) {
        let Inserted {
            id,
            ts,
            body,
            author,
        } = inserted;
        self.added.entries += 1;
        self.top_id = self.top_id.max(id);
        let bucket = entry.rating.map_or(0, |r| i64::from(r.half_stars()));
        let count = self.counts.entry((film_id, bucket)).or_default();
        count.0 += 1;
        count.1 += i64::from(!entry.body.is_empty());
        if entry.is_mine
            && let Some(watched) = &entry.watched
        {
            // The year as SQLite's CAST(substr(watched, 1, 4) AS INTEGER) reads it.
            let year = watched.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
            *self.diary.entry((year, bucket)).or_default() += 1;
            self.seen.insert(film_id);
        }
        let newest = self.activity.entry(film_id).or_insert(ts);
        *newest = (*newest).max(ts);
        match &mut self.search {
            Some(builder) => builder.add(Doc {
                id,
                film_id,
                body,
                author,
            }),
            None => self.new_ids.push(id),
        }
    }

    /// Adds an entry that comes with an id (from marquee's own export). The id is kept when
    /// it is free; an entry already stored (same id and content, or same source key) is
    /// skipped; an id taken by a different entry is replaced by a new one.
    pub fn entry_with_id(&mut self, id: i64, film_id: i64, entry: &NewEntry) -> Result<Placed> {
        if id > self.top_id {
            // No entry has this id (an export lists ids in rising order, so this is the
            // usual case): only a stored source key can make it a duplicate.
            return Ok(match insert_entry(&self.tx, film_id, entry, Some(id))? {
                Some(inserted) => {
                    self.tally(inserted, film_id, entry);
                    Placed::AsIs
                }
                None => {
                    self.added.duplicates += 1;
                    Placed::Duplicate
                }
            });
        }
        if let Some(key) = &entry.source_key {
            let known: bool = self
                .tx
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM entry WHERE source_key = ?1)")?
                .query_row([key], |r| r.get(0))?;
            if known {
                self.added.duplicates += 1;
                return Ok(Placed::Duplicate);
            }
        }
        let holder: Option<(i64, String, String, Option<String>)> = self
            .tx
            .prepare_cached("SELECT film_id, author, body, created FROM entry WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()?;
        let placed = match holder {
            None => Placed::AsIs,
            Some((f, author, body, created))
                if f == film_id
                    && author == entry.author
                    && body == entry.body
                    && created == entry.created =>
            {
                self.added.duplicates += 1;
                return Ok(Placed::Duplicate);
            }
            Some(_) => {
                // A new id is given at the end, above every id the import brings, so it
                // can't take the id of an entry still to come.
                self.renumber.push((film_id, entry.clone()));
                return Ok(Placed::Renumbered);
            }
        };
        if let Some(inserted) = insert_entry(&self.tx, film_id, entry, Some(id))? {
            self.tally(inserted, film_id, entry);
        }
        Ok(placed)
    }

    /// Whether the film has any entry (stored before or during this import).
    pub fn has_entries(&self, film_id: i64) -> Result<bool> {
        if self.activity.contains_key(&film_id) {
            return Ok(true);
        }
        Ok(self.tx.query_row(
            "SELECT coalesce(sum(entries), 0) > 0 FROM film_count WHERE film_id = ?1",
            [film_id],
            |r| r.get(0),
        )?)
    }

    /// Writes the counts, activity and search index of what was added, puts the triggers
    /// back, and commits.
    pub fn commit(mut self) -> Result<Added> {
        for (film_id, entry) in std::mem::take(&mut self.renumber) {
            if let Some(inserted) = insert_entry(&self.tx, film_id, &entry, None)? {
                self.tally(inserted, film_id, &entry);
            }
        }
        if let Some(builder) = &mut self.search {
            // The worker finishes the index while the indexes below are built.
            builder.close();
        }
        let tx = &self.tx;
        let mut count = tx.prepare(
            "INSERT INTO film_count (film_id, bucket, entries, reviews) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (film_id, bucket) DO UPDATE
             SET entries = entries + excluded.entries, reviews = reviews + excluded.reviews",
        )?;
        for ((film, bucket), (entries, reviews)) in &self.counts {
            count.execute(params![film, bucket, entries, reviews])?;
        }
        let mut diary = tx.prepare(
            "INSERT INTO diary_count (year, bucket, logs) VALUES (?1, ?2, ?3)
             ON CONFLICT (year, bucket) DO UPDATE SET logs = logs + excluded.logs",
        )?;
        for ((year, bucket), logs) in &self.diary {
            diary.execute(params![year, bucket, logs])?;
        }
        let mut seen = tx.prepare("INSERT INTO seen_recount VALUES (?1)")?;
        for film in &self.seen {
            seen.execute([film])?;
        }
        let mut activity =
            tx.prepare("UPDATE film SET activity = max(activity, ?2) WHERE id = ?1")?;
        for (film, ts) in &self.activity {
            activity.execute(params![film, ts])?;
        }
        // Indexes are built by sorting; with a cache smaller than the sort, SQLite sorts
        // in pieces, on as many threads as it may use, then merges them: a third quicker
        // on two cores than one sort in memory.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        tx.pragma_update(None, "threads", threads as i64)?;
        tx.pragma_update(None, "cache_size", -SORT_CACHE_KIB)?;
        for sql in &self.triggers {
            tx.execute_batch(sql)?;
        }
        // The small cache stays: what is left writes the search index in order, and the
        // big one, filled again, would add to the import's peak memory.
        drop((count, diary, seen, activity));
        self.index_for_search()?;
        super::stale::bring_up_to_date(&self.tx)?;
        // Committed by hand, so the connection is still at hand to go back to WAL (the
        // transaction then has nothing left to do when dropped).
        self.tx.execute_batch("COMMIT")?;
        if self.journal_switched {
            // Should another connection have opened the database this very moment, the
            // next marquee to open it switches instead.
            let _ = self.tx.pragma_update(None, "journal_mode", "WAL");
        }
        Ok(self.added)
    }

    /// Adds the new entries to the search index: the index built beside the import, else
    /// all of them at once ('rebuild') when they are most of the table, else one by one.
    fn index_for_search(&mut self) -> Result<()> {
        if let Some(builder) = self.search.take() {
            return builder.finish(&self.tx);
        }
        if self.new_ids.is_empty() {
            return Ok(());
        }
        let total: i64 = self
            .tx
            .query_row("SELECT count(*) FROM entry", [], |r| r.get(0))?;
        if self.new_ids.len() as i64 * 2 > total {
            self.tx.execute_batch(super::stale::REBUILD)?;
            return Ok(());
        }
        let mut add = self.tx.prepare(
            "INSERT INTO entry_fts (rowid, body, author, film)
             SELECT id, body, author, film FROM entry_fts_source WHERE id = ?1",
        )?;
        for id in &self.new_ids {
            add.execute([id])?;
        }
        Ok(())
    }
}
