//! The full-text index of a big import, built on a second core while the import writes
//! its rows on the first.
//!
//! SQLite lets one connection write a database at a time, and splitting review text into
//! words takes longer than storing the reviews. So a worker thread indexes the reviews into
//! a private temporary database, in a contentless table with the same options as
//! `entry_fts`. An FTS5 index is two ordinary tables (`_data`, `_idx`) whose rows don't
//! depend on where the text is kept, so at the end the import copies them into a fresh
//! `entry_fts`, inside its transaction.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use rusqlite::{Connection, Transaction, params};

use super::Result;

/// A review's text to index: its id, body and author, as stored.
type Doc = (i64, String, String);

/// Reviews sent to the worker at a time.
const BATCH: usize = 512;
/// Batches in flight: enough that the import never waits for the worker (which catches
/// up while the import builds its other indexes), few enough to bound memory.
const IN_FLIGHT: usize = 1024;
/// The worker's FTS5 buffer: with the default (1 MiB) a million reviews make hundreds of
/// small segments, and merging them costs a third of the build; much bigger, and it no
/// longer fits the processor's caches.
const HASH_BYTES: i64 = 16 * 1024 * 1024;

pub(super) struct SearchBuilder {
    send: Option<SyncSender<Vec<Doc>>>,
    batch: Vec<Doc>,
    worker: JoinHandle<rusqlite::Result<Connection>>,
}

impl SearchBuilder {
    pub(super) fn start() -> Self {
        let (send, receive) = sync_channel(IN_FLIGHT);
        let worker = std::thread::Builder::new()
            .name("search index".into())
            .spawn(move || build(receive))
            .expect("a thread can be started");
        SearchBuilder {
            send: Some(send),
            batch: Vec::with_capacity(BATCH),
            worker,
        }
    }

    /// Queues a review for the index.
    pub(super) fn add(&mut self, id: i64, body: String, author: String) {
        self.batch.push((id, body, author));
        if self.batch.len() == BATCH {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        if let Some(send) = &self.send {
            // A worker that stopped has an error, which `finish` reports.
            let _ = send.send(batch);
        }
    }

    /// Sends the last reviews: the worker finishes on its own from here.
    pub(super) fn close(&mut self) {
        self.flush();
        self.send = None;
    }

    /// Waits for the index and puts it in place of `entry_fts`'s, in `tx`.
    pub(super) fn finish(mut self, tx: &Transaction) -> Result<()> {
        self.close();
        let built = match self.worker.join() {
            Ok(built) => built?,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        // A new table, rather than emptying the old one's rows: the connection keeps the
        // old table's layout in memory and would not notice rows changed under it.
        tx.execute_batch(concat!(
            "DROP TABLE entry_fts;",
            create_entry_fts!(),
            "DELETE FROM entry_fts_data; DELETE FROM entry_fts_idx;"
        ))?;
        copy(
            &built,
            "SELECT id, block FROM fts_data",
            tx,
            "INSERT INTO entry_fts_data (id, block) VALUES (?1, ?2)",
        )?;
        copy(
            &built,
            "SELECT segid, term, pgno FROM fts_idx",
            tx,
            "INSERT INTO entry_fts_idx (segid, term, pgno) VALUES (?1, ?2, ?3)",
        )?;
        Ok(())
    }
}

/// The worker: indexes every review it is sent, until the sender is dropped.
fn build(docs: Receiver<Vec<Doc>>) -> rusqlite::Result<Connection> {
    // An empty name: a temporary database on disk, private to this connection.
    let conn = Connection::open("")?;
    super::tokenizer::register(&conn)?;
    conn.execute_batch(concat!(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;",
        "CREATE VIRTUAL TABLE fts USING fts5(body, author, content = '', ",
        fts_options!(),
        ");"
    ))?;
    conn.execute(
        "INSERT INTO fts (fts, rank) VALUES ('hashsize', ?1)",
        [HASH_BYTES],
    )?;
    let tx = conn.unchecked_transaction()?;
    {
        let mut insert = tx.prepare("INSERT INTO fts (rowid, body, author) VALUES (?1, ?2, ?3)")?;
        for batch in docs {
            for (id, body, author) in batch {
                insert.execute(params![id, body, author])?;
            }
        }
    }
    tx.commit()?;
    Ok(conn)
}

/// Copies the rows of `select` in `from` through `insert` in `to` (same columns).
fn copy(from: &Connection, select: &str, to: &Transaction, insert: &str) -> Result<()> {
    let mut read = from.prepare(select)?;
    let columns = read.column_count();
    let mut write = to.prepare(insert)?;
    let mut rows = read.query([])?;
    while let Some(row) = rows.next()? {
        let values = (0..columns)
            .map(|i| row.get::<_, rusqlite::types::Value>(i))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        write.execute(rusqlite::params_from_iter(values))?;
    }
    Ok(())
}
