//! The full-text index of a big import, built beside the import while it writes its rows.
//!
//! SQLite lets one connection write a database at a time, and indexing review text can
//! take longer than storing the reviews. So worker threads index the reviews, every other
//! batch each, into private temporary databases, in contentless tables with the same
//! options as `entry_fts`. An FTS5 index is two ordinary tables (`_data`, `_idx`) whose
//! rows don't depend on where the text is kept, so at the end the import copies them into a
//! fresh `entry_fts`, inside its transaction, joining the workers' indexes into one
//! (`fts_segments`).

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use rusqlite::{Connection, Transaction, params};

use super::{Result, fts_segments};

/// A review to index, as stored.
pub(super) struct Doc {
    pub(super) id: i64,
    pub(super) film_id: i64,
    pub(super) body: String,
    pub(super) author: String,
}

/// Reviews sent to the worker at a time, at most...
const BATCH: usize = 512;
/// ...and at most this much text: a batch of long reviews is sent sooner.
const BATCH_BYTES: usize = 256 * 1024;
/// Batches in flight: enough that the import seldom waits for the worker (which catches
/// up while the import builds its other indexes), few enough to bound memory: at most
/// `IN_FLIGHT * BATCH_BYTES` of text waits. (With 1,024, a million long reviews held
/// 250 MB of text in the queues; with 256, ten million held 64 MB.)
const IN_FLIGHT: usize = 64;
/// The worker's FTS5 buffer: with the default (1 MiB) a million reviews make hundreds of
/// small segments, and merging them costs a third of the build; much bigger, and it no
/// longer fits the processor's caches.
const HASH_BYTES: i64 = 16 * 1024 * 1024;

/// Threads that build the index: with two or more cores, two, each indexing every other
/// batch of reviews; their indexes are joined at the end (`fts_segments`). With many
/// different words, FTS5's own work is most of an import, so it gets a core and a half.
fn workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(2))
}

pub(super) struct SearchBuilder {
    sends: Vec<SyncSender<Vec<Doc>>>,
    /// The worker the next batch goes to.
    next: usize,
    batch: Vec<Doc>,
    /// The text in `batch`.
    batch_bytes: usize,
    workers: Vec<JoinHandle<rusqlite::Result<Connection>>>,
}

impl SearchBuilder {
    pub(super) fn start() -> Self {
        let count = workers();
        let (mut sends, mut workers) = (Vec::new(), Vec::new());
        for _ in 0..count {
            let (send, receive) = sync_channel(IN_FLIGHT / count);
            let worker = std::thread::Builder::new()
                .name("search index".into())
                .spawn(move || build(receive))
                .expect("a thread can be started");
            sends.push(send);
            workers.push(worker);
        }
        SearchBuilder {
            sends,
            next: 0,
            batch: Vec::with_capacity(BATCH),
            batch_bytes: 0,
            workers,
        }
    }

    /// Queues a review for the index.
    pub(super) fn add(&mut self, doc: Doc) {
        self.batch_bytes += doc.body.len() + doc.author.len();
        self.batch.push(doc);
        if self.batch.len() == BATCH || self.batch_bytes >= BATCH_BYTES {
            self.flush();
        }
    }

    fn flush(&mut self) {
        self.batch_bytes = 0;
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        if let Some(send) = self.sends.get(self.next) {
            // A worker that stopped has an error, which `finish` reports.
            let _ = send.send(batch);
            self.next = (self.next + 1) % self.sends.len();
        }
    }

    /// Sends the last reviews: the workers finish on their own from here.
    pub(super) fn close(&mut self) {
        self.flush();
        self.sends.clear();
    }

    /// Waits for the index and puts it in place of `entry_fts`'s, in `tx`.
    pub(super) fn finish(mut self, tx: &Transaction) -> Result<()> {
        self.close();
        let mut built = Vec::new();
        for worker in self.workers {
            match worker.join() {
                Ok(part) => built.push(part?),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        // A new table, rather than emptying the old one's rows: the connection keeps the
        // old table's layout in memory and would not notice rows changed under it.
        let fresh = concat!(
            "DROP TABLE entry_fts;",
            create_entry_fts!(),
            "DELETE FROM entry_fts_data; DELETE FROM entry_fts_idx;"
        );
        tx.execute_batch(fresh)?;
        if let Err(why) = fts_segments::join(&built, tx) {
            // Not expected (see `fts_segments`), but should FTS5's format ever differ,
            // the index is still right, built from the text. Tests run debug builds, and
            // stop here.
            if cfg!(debug_assertions) {
                panic!("the index parts could not be joined: {}", why.0);
            }
            tx.execute_batch(fresh)?;
            tx.execute_batch(super::stale::REBUILD)?;
        }
        Ok(())
    }
}

/// A search index builder, started with the entries stored already.
pub(super) fn index_stored(tx: &Transaction) -> Result<SearchBuilder> {
    let mut builder = SearchBuilder::start();
    let mut stored = tx.prepare("SELECT id, film_id, body, author FROM entry")?;
    let mut rows = stored.query([])?;
    while let Some(row) = rows.next()? {
        builder.add(Doc {
            id: row.get(0)?,
            film_id: row.get(1)?,
            body: row.get(2)?,
            author: row.get(3)?,
        });
    }
    Ok(builder)
}

/// Builds the search index anew from the entries, on the import's workers: both cores,
/// where FTS5's 'rebuild' takes one (an upgrade that changes the index uses it).
pub(super) fn rebuild(tx: &Transaction) -> Result<()> {
    index_stored(tx)?.finish(tx)
}

/// The worker: indexes every review it is sent, until the sender is dropped. Its segments
/// are never merged bit by bit, so its index can be joined with others (`fts_segments`).
fn build(docs: Receiver<Vec<Doc>>) -> rusqlite::Result<Connection> {
    // The thread storing the rows goes first: with one core to the workers while it
    // reads, indexing a small vocabulary keeps up, and a big one gets both cores once the
    // rows are in.
    crate::threads::lower_priority(10);
    index_part(docs.into_iter().flatten(), HASH_BYTES)
}

/// An index of `docs` in a contentless table `fts` of a private temporary database,
/// flushed to a new segment each time `hash_bytes` of it are in memory.
pub(super) fn index_part(
    docs: impl Iterator<Item = Doc>,
    hash_bytes: i64,
) -> rusqlite::Result<Connection> {
    // An empty name: a temporary database on disk, private to this connection. Its page
    // cache is small: the part is written once, in order, and read once when it is joined,
    // and with 64 MiB each the two parts of ten million reviews held 128 MB at the join.
    let conn = Connection::open("")?;
    super::tokenizer::register(&conn)?;
    conn.execute_batch(concat!(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -16384;",
        "CREATE VIRTUAL TABLE fts USING fts5(body, author, film, content = '', ",
        fts_options!(),
        ");"
    ))?;
    conn.execute(
        "INSERT INTO fts (fts, rank) VALUES ('hashsize', ?1)",
        [hash_bytes],
    )?;
    conn.execute("INSERT INTO fts (fts, rank) VALUES ('automerge', 0)", [])?;
    let tx = conn.unchecked_transaction()?;
    {
        let mut insert =
            tx.prepare("INSERT INTO fts (rowid, body, author, film) VALUES (?1, ?2, ?3, ?4)")?;
        for doc in docs {
            let film = super::tokenizer::film_word(doc.film_id);
            insert.execute(params![doc.id, doc.body, doc.author, film])?;
        }
    }
    tx.commit()?;
    Ok(conn)
}
