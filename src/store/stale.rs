//! Bringing what marquee derives (the full-text index, the titles' order) up to date with
//! what anyone wrote.
//!
//! The index needs marquee's tokenizer, which other SQLite tools lack, so the triggers on
//! `entry` never touch it: they note each changed entry in `entry_fts_stale`, with what
//! the index holds for it (the text it had when first changed since the index was last
//! brought up to date), which is what FTS5 needs to take it out. marquee applies the notes
//! before it searches, checks the index or imports, in one savepoint.
//!
//! Titles are kept in order by a key only marquee computes (`text::title_key`): a film
//! without one (new, or retitled by another program) gets it from marquee.

use rusqlite::Connection;

use super::{Result, Store, StoreError};

/// Builds the index anew from the entries as they are: nothing is stale after it.
pub(super) const REBUILD: &str = "
    INSERT INTO entry_fts (entry_fts) VALUES ('rebuild');
    DELETE FROM entry_fts_stale;";

/// Takes out what the index holds for each noted entry and puts in what the entry holds
/// now (nothing, for a deleted one), then forgets the notes.
const INDEX_STALE: &str = "
    SAVEPOINT index_stale;
    INSERT INTO entry_fts (entry_fts, rowid, body, author, film)
        SELECT 'delete', id, body, author, film FROM entry_fts_stale WHERE indexed;
    INSERT INTO entry_fts (rowid, body, author, film)
        SELECT e.id, e.body, e.author, e.film
        FROM entry_fts_stale s JOIN entry_fts_source e ON e.id = s.id;
    DELETE FROM entry_fts_stale;
    RELEASE index_stale;";

/// Whether any entry changed since the index was last brought up to date.
fn any_stale(conn: &Connection) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM entry_fts_stale)")?
        .query_row([], |r| r.get(0))
}

/// Brings the index up to date on `conn`, inside or outside a transaction.
pub(super) fn index_stale(conn: &Connection) -> rusqlite::Result<()> {
    if !any_stale(conn)? {
        return Ok(());
    }
    if let Err(error) = conn.execute_batch(INDEX_STALE) {
        // Leave nothing half done: the notes stay for the next try.
        let _ = conn.execute_batch("ROLLBACK TO index_stale; RELEASE index_stale;");
        return Err(error);
    }
    Ok(())
}

/// Whether a film's title has no key yet.
fn any_title_unkeyed(conn: &Connection) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM film WHERE title_key IS NULL)")?
        .query_row([], |r| r.get(0))
}

/// Gives every film without a title key its key.
fn key_titles(conn: &Connection) -> rusqlite::Result<()> {
    let unkeyed: Vec<(i64, String)> = conn
        .prepare_cached("SELECT id, coalesce(title, '') FROM film WHERE title_key IS NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut key = conn.prepare_cached("UPDATE film SET title_key = ?2 WHERE id = ?1")?;
    for (id, title) in unkeyed {
        key.execute(rusqlite::params![id, crate::text::title_key(&title)])?;
    }
    Ok(())
}

/// Brings the search index and the title keys up to date on `conn`, inside a
/// transaction (marquee's own writes call it before they commit).
pub(super) fn bring_up_to_date(conn: &Connection) -> rusqlite::Result<()> {
    index_stale(conn)?;
    if any_title_unkeyed(conn)? {
        key_titles(conn)?;
    }
    Ok(())
}

impl Store {
    /// Brings the search index up to date with entries other programs (or marquee) wrote.
    /// A database that can't be written now (read-only, or another writer holding it)
    /// is searched as its index stands: the next search tries again.
    pub fn update_search_index(&self) -> Result<()> {
        if !self.upkeep {
            return Ok(());
        }
        match index_stale(&self.conn) {
            Ok(()) => Ok(()),
            Err(error) => match StoreError::from(error) {
                e if e.is_busy() || matches!(e, StoreError::ReadOnly) => Ok(()),
                e => Err(e),
            },
        }
    }

    /// Gives titles other programs wrote their place in marquee's order. A database that
    /// can't be written now lists them first until it can.
    pub fn update_title_keys(&self) -> Result<()> {
        if !self.upkeep || !any_title_unkeyed(&self.conn)? {
            return Ok(());
        }
        let keyed = self
            .conn
            .execute_batch("SAVEPOINT key_titles")
            .and_then(|()| key_titles(&self.conn));
        let end = if keyed.is_ok() {
            "RELEASE key_titles"
        } else {
            "ROLLBACK TO key_titles; RELEASE key_titles"
        };
        let _ = self.conn.execute_batch(end);
        match keyed {
            Ok(()) => Ok(()),
            Err(error) => match StoreError::from(error) {
                e if e.is_busy() || matches!(e, StoreError::ReadOnly) => Ok(()),
                e => Err(e),
            },
        }
    }

    /// Brings the search index and the titles' keys up to date with what anyone wrote, in
    /// a transaction of its own; says whether anything was behind.
    pub fn bring_up_to_date(&mut self) -> Result<bool> {
        if !self.is_behind()? {
            return Ok(false);
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        bring_up_to_date(&tx)?;
        tx.commit()?;
        Ok(true)
    }

    /// Whether entries changed since the index was last brought up to date (so a search
    /// may miss them until it is).
    pub fn index_is_stale(&self) -> Result<bool> {
        Ok(any_stale(&self.conn)?)
    }

    /// Whether what marquee derives is behind what was written (entries the search index
    /// has yet to take in, titles without their key).
    pub fn is_behind(&self) -> Result<bool> {
        Ok(any_stale(&self.conn)? || any_title_unkeyed(&self.conn)?)
    }
}
