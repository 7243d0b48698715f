//! Bringing the full-text index up to date with entries written by anyone.
//!
//! The index needs marquee's tokenizer, which other SQLite tools lack, so the triggers on
//! `entry` never touch it: they note each changed entry in `entry_fts_stale`, with what
//! the index holds for it (the text it had when first changed since the index was last
//! brought up to date), which is what FTS5 needs to take it out. marquee applies the notes
//! before it searches, checks the index or imports, in one savepoint.

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
    INSERT INTO entry_fts (entry_fts, rowid, body, author)
        SELECT 'delete', id, body, author FROM entry_fts_stale WHERE indexed;
    INSERT INTO entry_fts (rowid, body, author)
        SELECT e.id, e.body, e.author FROM entry_fts_stale s JOIN entry e ON e.id = s.id;
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

impl Store {
    /// Brings the search index up to date with entries other programs (or marquee) wrote.
    /// A database that can't be written now (read-only, or another writer holding it)
    /// is searched as its index stands: the next search tries again.
    pub fn update_search_index(&self) -> Result<()> {
        match index_stale(&self.conn) {
            Ok(()) => Ok(()),
            Err(error) => match StoreError::from(error) {
                e if e.is_busy() || matches!(e, StoreError::ReadOnly) => Ok(()),
                e => Err(e),
            },
        }
    }

    /// Whether entries changed since the index was last brought up to date (so a search
    /// may miss them until it is).
    pub fn index_is_stale(&self) -> Result<bool> {
        Ok(any_stale(&self.conn)?)
    }
}
