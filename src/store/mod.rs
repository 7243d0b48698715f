//! The SQLite store: the only place that speaks SQL.

/// The full-text index's table, as the schema has it and as an import's builder makes
/// it (the builder's copy is contentless, so it takes the options alone).
macro_rules! fts_options {
    () => {
        "tokenize = 'marquee', detail = 'none', columnsize = 0"
    };
}
macro_rules! create_entry_fts {
    () => {
        concat!(
            "CREATE VIRTUAL TABLE entry_fts USING fts5(body, author, film, ",
            "content = 'entry_fts_source', content_rowid = 'id', ",
            fts_options!(),
            ");"
        )
    };
}

mod account;
mod check;
mod diary;
mod drafts;
mod edits;
mod entries;
mod films;
mod fts_segments;
pub mod imdb;
mod import;
mod keyset;
mod lenient;
mod library;
mod list;
mod lists;
mod merge;
mod migrations;
mod orphans;
pub use orphans::Rehomed;
mod schema_check;
mod search;
mod search_build;
mod seen;
mod stale;
mod stats;
mod tokenizer;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

pub use diary::{DiaryCursor, DiaryEntry, DiaryQuery, LogStats, SeenFilm, WatchlistFilm};
pub use drafts::FoundDraft;
pub use edits::{Edit, EditSaved, EntryVersion, OwnAdded};
pub use entries::Added;
pub use films::{FilmLookupError, FilmSummary};
pub use import::{Import, Placed};
pub use lenient::{hand_over_problems, take_problems};
pub use library::{LibraryCursor, LibraryOrder, TitleEntry, TitleIndex};
pub use merge::{Merge, NamedFilm, OwnEntry, SameDayLog};
pub use migrations::{APPLICATION_ID, SCHEMA_VERSION, create_at_version};
pub use search::{BucketCountsOut, Listing, SearchTuning, match_expression};
pub use seen::{SeenCursor, SeenOrder, SeenQuery};

/// Something went wrong reading or writing the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the folder {}: {source}", path.display())]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the database {}: {source}", path.display())]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "the database {} has schema version {found}, but this marquee only knows up to version {known}; use a newer marquee",
        path.display()
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error(
        "{} is an SQLite database of another program, not a marquee database; choose another file with --db",
        path.display()
    )]
    NotMarquee { path: PathBuf },
    #[error(
        "{} holds marquee's tables but not marquee's mark (its application id and schema version), as a copy restored with `sqlite3 … .dump` does; to use it as a marquee database, run: marquee --db {} check --repair",
        path.display(),
        path.display()
    )]
    Unmarked { path: PathBuf },
    #[error("{} holds no database (it is empty); start marquee on it, or import into it, to make one", path.display())]
    NoDatabase { path: PathBuf },
    #[error("{} is {what}, not a database file; name a file with --db", path.display())]
    NotAFile { path: PathBuf, what: &'static str },
    #[error("that review is by {author}; you can only change your own")]
    NotYours { author: String },
    #[error("you have a list called {0:?} already; give this one another name")]
    ListNameTaken(String),
    #[error("a list needs a name")]
    ListNameEmpty,
    #[error("no review with id {0}; it may have been deleted")]
    NoSuchEntry(i64),
    #[error(transparent)]
    FilmLookup(#[from] FilmLookupError),
    #[error(
        "the database is read-only (opened with --read-only, or its file or folder can't be written): browse it, but nothing can be saved"
    )]
    ReadOnly,
    #[error(
        "{} is at schema version {found} and needs upgrading to {known}; open it once without --read-only",
        path.display()
    )]
    NeedsUpgrade {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("database error: {0}")]
    Sql(rusqlite::Error),
}

impl StoreError {
    /// Another connection is writing (or holds the database) right now.
    pub fn is_busy(&self) -> bool {
        matches!(self, StoreError::Sql(e) if is_busy(e))
    }

    /// The disk (or the database's size limit) is full.
    pub fn is_full(&self) -> bool {
        matches!(self, StoreError::Sql(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull))
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> StoreError {
        match error.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnly,
            _ => StoreError::Sql(error),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open marquee database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// When a search walks, tests ids or gathers.
    search_tuning: SearchTuning,
    /// Whether reading brings what is derived up to date first (the search index after
    /// other programs' writes, titles' keys). The app's own connection leaves that to its
    /// writer, so that no key waits on a write.
    upkeep: bool,
}

/// What opening found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opened {
    /// The database was new: its schema was just created.
    Created,
    Existing,
}

impl Store {
    /// Opens (creating when missing) the database at `path`, and brings its schema up to date.
    pub fn open(path: &Path) -> Result<(Store, Opened)> {
        check_path(path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let open_err = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        without_memory_statistics();
        let mut conn = Connection::open(path).map_err(open_err)?;
        wal_when_free(&conn, path, false).map_err(open_err)?;
        configure(&conn).map_err(open_err)?;
        let opened = migrations::migrate(&mut conn, path)?;
        Ok((Store::with(conn, path), opened))
    }

    /// Opens a file holding marquee's tables without its mark (a copy restored from the
    /// shell's `.dump`), marking it as the marquee database its tables say it is, then as
    /// `open` does. Any other file is opened (or refused) as `open` would.
    pub fn adopt(path: &Path) -> Result<Store> {
        check_path(path)?;
        let open_err = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        without_memory_statistics();
        let conn = Connection::open(path).map_err(open_err)?;
        configure(&conn).map_err(open_err)?;
        migrations::adopt(&conn, path)?;
        drop(conn);
        Ok(Store::open(path)?.0)
    }

    /// Opens an existing database without ever writing to it: no migration, no WAL switch.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        check_path(path)?;
        let open_err = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        without_memory_statistics();
        let conn = read_only_connection(path).map_err(open_err)?;
        configure(&conn).map_err(open_err)?;
        match migrations::identity(&conn).map_err(open_err)? {
            migrations::Identity::Ours => {}
            migrations::Identity::Empty => {
                return Err(StoreError::NoDatabase {
                    path: path.to_path_buf(),
                });
            }
            migrations::Identity::Other => {
                return Err(StoreError::NotMarquee {
                    path: path.to_path_buf(),
                });
            }
            migrations::Identity::Unmarked => {
                return Err(StoreError::Unmarked {
                    path: path.to_path_buf(),
                });
            }
        }
        let found = migrations::schema_version(&conn, path)?;
        if found < SCHEMA_VERSION {
            return Err(StoreError::NeedsUpgrade {
                path: path.to_path_buf(),
                found,
                known: SCHEMA_VERSION,
            });
        }
        Ok(Store::with(conn, path))
    }

    /// Makes this connection wait for other writers as long as they write (a big import
    /// takes minutes), saying once on standard error that it waits: for commands, which
    /// would otherwise fail after a few seconds. (The app never waits like this.)
    pub fn wait_for_other_writers(&mut self) -> Result<()> {
        fn patient(attempt: i32) -> bool {
            static SAID: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
            // A moment's wait is normal; past it, say why nothing seems to happen.
            if attempt == 20 && !SAID.swap(true, std::sync::atomic::Ordering::SeqCst) {
                eprintln!("marquee: waiting for another marquee to finish writing (an import?)…");
            }
            std::thread::sleep(Duration::from_millis(50));
            true
        }
        self.conn.busy_handler(Some(patient))?;
        Ok(())
    }

    /// Makes this connection wait at most `wait` for another writer before a statement
    /// fails as busy: the app's connections, which must never freeze a key.
    pub fn wait_at_most(&self, wait: Duration) -> Result<()> {
        self.conn.busy_timeout(wait)?;
        Ok(())
    }

    /// Whether writes will be refused.
    pub fn is_read_only(&self) -> bool {
        self.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true)
    }

    /// A fresh database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        without_memory_statistics();
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        migrations::migrate(&mut conn, Path::new(":memory:"))?;
        Ok(Store::with(conn, Path::new(":memory:")))
    }

    fn with(conn: Connection, path: &Path) -> Store {
        // Every bucket, sort, bound and direction has a statement of its own; keep them.
        conn.set_prepared_statement_cache_capacity(512);
        Store {
            conn,
            path: path.to_path_buf(),
            search_tuning: SearchTuning::default(),
            upkeep: true,
        }
    }

    /// Leaves bringing what is derived up to date (`bring_up_to_date`) to another
    /// connection: this one then only reads.
    pub fn leave_upkeep_to_another(&mut self) {
        self.upkeep = false;
    }

    /// A number that changes when another connection commits a write: cheap to ask, so
    /// the app can show other processes' writes as they happen.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Sets the most memory SQLite's page cache of this connection takes.
    pub fn set_cache_kib(&self, kib: i64) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -kib)?;
        Ok(())
    }

    /// Has SQLite check the full-text index against the reviews' text, word by word.
    #[doc(hidden)]
    pub fn check_search_index(&self) -> Result<()> {
        stale::index_stale(&self.conn)?;
        self.conn.execute(
            "INSERT INTO entry_fts (entry_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )?;
        Ok(())
    }

    /// Changes when a search walks, tests ids or gathers: tests use it to run every way
    /// of answering on a few rows.
    #[doc(hidden)]
    pub fn tune_search(&mut self, tuning: SearchTuning) {
        self.search_tuning = tuning;
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// A LIKE pattern (with `ESCAPE '\\'`) for text that holds `text` anywhere.
fn containing(text: &str) -> rusqlite::types::Value {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    rusqlite::types::Value::Text(format!("%{escaped}%"))
}

/// The condition that a title has the letters typed (case and accents ignored), with its
/// values: the title as written (SQLite's LIKE ignores ASCII case), or its key, which is
/// folded (accents off, ø as o).
fn title_has(title: &str, key: &str, typed: &str) -> (String, Vec<rusqlite::types::Value>) {
    (
        format!("({title} LIKE ? ESCAPE '\\' OR {key} LIKE ? ESCAPE '\\')"),
        vec![
            containing(typed),
            containing(&crate::text::title_key_part(typed)),
        ],
    )
}

/// A connection that never writes, not even SQLite's `-wal` and `-shm` files. While no
/// other program is writing the database (no log or journal beside it), it is opened as
/// immutable: read as it is, without those files, so a read-only medium works too. While
/// one is, it is opened read-only in the usual way (waiting for the writer), and as
/// immutable only if the medium refuses even that.
fn read_only_connection(path: &Path) -> rusqlite::Result<Connection> {
    use rusqlite::OpenFlags;
    let beside = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name).exists()
    };
    // Another connection (an open app, an import) keeps one of these while it has the
    // database open.
    let quiet = !beside("-wal") && !beside("-shm") && !beside("-journal");
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let immutable = || {
        let conn = Connection::open_with_flags(
            format!("file:{}?immutable=1", uri_path(path)),
            flags | OpenFlags::SQLITE_OPEN_URI,
        )?;
        // Reading the mode reads the file: one that is not a database fails here.
        conn.query_row("PRAGMA journal_mode", [], |r| r.get::<_, String>(0))?;
        Ok(conn)
    };
    if quiet {
        return immutable();
    }
    let usual = Connection::open_with_flags(path, flags)
        .and_then(|conn| wal_when_free(&conn, path, false).map(|()| conn));
    match usual {
        Err(e) if is_unopenable(&e) => immutable(),
        other => other,
    }
}

fn is_unopenable(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly)
    )
}

/// A path written for an SQLite URI: bytes other than letters, digits and `/-._~`
/// percent-encoded.
fn uri_path(path: &Path) -> String {
    let full = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for &b in full.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A path that can't be a database file is named as what it is, before SQLite tries.
fn check_path(path: &Path) -> Result<()> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    let what = if meta.is_dir() {
        "a folder"
    } else if !meta.is_file() {
        "not a regular file (a device or a pipe)"
    } else {
        return Ok(());
    };
    Err(StoreError::NotAFile {
        path: path.to_path_buf(),
        what,
    })
}

/// Turns off SQLite's memory statistics, before its first connection (afterwards SQLite
/// refuses, harmlessly). They take a lock shared by every thread on each allocation, and
/// the app's thread and the search count's allocate all the time; marquee never reads them.
fn without_memory_statistics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: sqlite3_config is called before SQLite is initialized by this process's
        // first connection (or fails with SQLITE_MISUSE, changing nothing); MEMSTATUS takes
        // one int.
        unsafe {
            rusqlite::ffi::sqlite3_config(rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS, 0);
        }
    });
}

/// Puts the database in WAL mode (which lets the TUI read while another process writes),
/// waiting, with a word on a terminal, while another marquee has it to itself: a big
/// import does, with a rollback journal, until it commits. (An import that was killed
/// leaves the rollback journal on; this turns WAL back on.) Without `switch`, it only
/// waits for the database to be readable: read-only, or before its schema is checked.
pub(super) fn wal_when_free(conn: &Connection, path: &Path, switch: bool) -> rusqlite::Result<()> {
    conn.busy_timeout(Duration::from_millis(100))?;
    let mut said = false;
    loop {
        // Reading the mode also makes SQLite look at the file, so a file that is not a
        // database fails here, with a clear message.
        let free = match conn.query_row("PRAGMA journal_mode", [], |r| r.get::<_, String>(0)) {
            Ok(mode) if !switch || mode == "wal" || mode == "memory" => true,
            // A file that can't be switched (read-only, say) is used as it is.
            Ok(_) => !conn
                .pragma_update(None, "journal_mode", "WAL")
                .is_err_and(|e| is_busy(&e)),
            Err(e) if is_busy(&e) => false,
            Err(e) => return Err(e),
        };
        if free {
            return conn.busy_timeout(BUSY_TIMEOUT);
        }
        if !said && std::io::stderr().is_terminal() {
            eprintln!(
                "marquee: waiting for another marquee to finish writing {} (an import?)…",
                path.display()
            );
            said = true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// How long a connection waits for another's write before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Connection settings every marquee connection uses.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    tokenizer::register(conn)?;
    // One plan per statement, whatever is bound: otherwise SQLite prepares a statement
    // again whenever a page's LIMIT differs from the last, and the list pages with
    // several sizes.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    // A page cache of 8 MiB rather than SQLite's 2: a watchlist of a thousand films
    // touches as many pages of films, which SQLite otherwise read from the file again
    // each time it opened (1 ms of a 2 ms frame). The cache fills only as pages are read.
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA synchronous = FULL;
         PRAGMA cache_size = -8192;",
    )?;
    Ok(())
}
