//! Keeps the composer's draft in the database as the user types: saved after a short
//! pause, never more than about a second behind, and on the way out.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::model::Draft;
use crate::store::Store;

/// Save once typing pauses this long...
const QUIET: Duration = Duration::from_millis(300);
/// ...or once the oldest unsaved change is this old, whichever comes first.
const MAX_DELAY: Duration = Duration::from_millis(900);
/// How often the loop wakes when nothing is waiting.
const IDLE: Duration = Duration::from_millis(200);

/// The newest draft not yet in the database, shared with the signal watcher so that a
/// stuck event loop still loses nothing.
pub type Pending = Arc<Mutex<Option<Draft>>>;

#[derive(Default)]
pub struct DraftKeeper {
    pending: Pending,
    /// The composer's contents when last seen, to tell a change from a cursor move.
    last: Option<Draft>,
    first_change: Option<Instant>,
    last_change: Option<Instant>,
    /// The file that holds the draft while the database can't (disk full, locked).
    in_file: Option<PathBuf>,
    /// A save worked again after one that didn't: the warning can go.
    recovered: bool,
    /// After a save the database refused, the next try waits (each try may wait a
    /// moment for the database, and typing must not stutter).
    retry_after: Option<Instant>,
}

/// How long after a refused save the next one is tried.
const RETRY: Duration = Duration::from_secs(3);

/// A draft the database could not take, and where it went instead.
#[derive(Debug)]
pub struct DraftNotSaved {
    pub error: crate::store::StoreError,
    pub kept: Option<PathBuf>,
}

impl std::fmt::Display for DraftNotSaved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.kept {
            Some(path) => write!(
                f,
                "{}; it is kept in {} until it can be",
                self.error,
                path.display()
            ),
            None => write!(
                f,
                "{}; and it could not be kept in a file either",
                self.error
            ),
        }
    }
}

impl std::error::Error for DraftNotSaved {}

impl DraftKeeper {
    pub fn pending(&self) -> Pending {
        Arc::clone(&self.pending)
    }

    /// The composer opened holding `draft`: already stored, nothing to store, or (when it
    /// came from a file) to be stored in the database at once.
    pub fn opened(&mut self, draft: &Draft) {
        self.last = Some(draft.clone());
        if self.in_file.is_some() {
            let now = Instant::now();
            self.set_pending(Some(draft.clone()));
            self.first_change = Some(now);
            self.last_change = Some(now);
        } else {
            self.set_pending(None);
        }
    }

    /// The composer closed: its entry was saved or its draft discarded, so a file that
    /// kept it goes too.
    pub fn closed(&mut self) {
        self.last = None;
        self.set_pending(None);
        if let Some(path) = self.in_file.take() {
            let _ = std::fs::remove_file(path);
        }
    }

    /// The composer may have changed; if it did, its draft is due to be saved.
    pub fn changed(&mut self, draft: Draft, now: Instant) {
        if self.last.as_ref() == Some(&draft) {
            return;
        }
        self.last = Some(draft.clone());
        self.set_pending(Some(draft));
        self.first_change.get_or_insert(now);
        self.last_change = Some(now);
    }

    pub fn save_if_due(
        &mut self,
        store: &mut Store,
        now: Instant,
    ) -> std::result::Result<(), DraftNotSaved> {
        if self.retry_after.is_some_and(|t| now < t) {
            return Ok(());
        }
        let quiet = self.last_change.is_some_and(|t| now - t >= QUIET);
        let overdue = self.first_change.is_some_and(|t| now - t >= MAX_DELAY);
        if quiet || overdue {
            self.save_now(store)?;
        }
        Ok(())
    }

    /// Saves the pending draft in the database; when it can't take it, in a file of the
    /// platform's state folder, kept until a save works again.
    pub fn save_now(&mut self, store: &mut Store) -> std::result::Result<(), DraftNotSaved> {
        let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(draft) = pending.as_ref() else {
            return Ok(());
        };
        if let Err(error) = store.save_draft(draft) {
            let kept = keep_in_file(store.path(), draft);
            // The file has it now: the timers start again, so it is tried again soon.
            *pending = Some(draft.clone());
            drop(pending);
            self.first_change = Some(Instant::now());
            self.last_change = Some(Instant::now());
            self.in_file = kept.clone().or(self.in_file.take());
            self.retry_after = Some(Instant::now() + RETRY);
            return Err(DraftNotSaved { error, kept });
        }
        self.retry_after = None;
        *pending = None;
        drop(pending);
        self.first_change = None;
        self.last_change = None;
        if let Some(path) = self.in_file.take() {
            let _ = std::fs::remove_file(path);
            self.recovered = true;
        }
        Ok(())
    }

    /// Whether a save worked again after one that didn't (asked once).
    pub fn take_recovered(&mut self) -> bool {
        std::mem::take(&mut self.recovered)
    }

    /// A draft of `film_id` kept in a file when the database could not take it, and the
    /// file; it stays there until the draft is saved in the database.
    pub fn kept_in_file(&mut self, db: &Path, film_id: i64) -> Option<(Draft, PathBuf)> {
        let path = file_for(db, film_id)?;
        let draft = read_file(&path)?;
        self.in_file = Some(path.clone());
        Some((draft, path))
    }

    /// How long until a save is due, or the idle tick when nothing waits.
    pub fn next_due(&self) -> Duration {
        match (self.first_change, self.last_change) {
            (Some(first), Some(last)) => {
                let now = Instant::now();
                let quiet = (last + QUIET).saturating_duration_since(now);
                let overdue = (first + MAX_DELAY).saturating_duration_since(now);
                quiet.min(overdue).min(IDLE)
            }
            _ => IDLE,
        }
    }

    fn set_pending(&mut self, draft: Option<Draft>) {
        if draft.is_none() {
            self.first_change = None;
            self.last_change = None;
        }
        *self.pending.lock().unwrap_or_else(PoisonError::into_inner) = draft;
    }
}

/// Saves whatever draft is pending with a connection of its own: the last resort when
/// the event loop cannot (it is stuck, or the process is going down). When the database
/// can't take it, it goes to a file.
pub fn save_pending(pending: &Mutex<Option<Draft>>, db: &Path) {
    let taken = pending
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    if let Some(draft) = taken {
        let saved = Store::open(db).and_then(|(mut store, _)| store.save_draft(&draft));
        if saved.is_err() {
            let _ = keep_in_file(db, &draft);
        }
    }
}

/// Where a draft of `film_id` in the database `db` is kept when the database can't take
/// it: the platform's state folder (`$XDG_STATE_HOME/marquee/drafts` on Linux).
fn file_for(db: &Path, film_id: i64) -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "marquee")?;
    let folder = dirs
        .state_dir()
        .unwrap_or_else(|| dirs.data_local_dir())
        .join("drafts");
    let full = db.canonicalize().unwrap_or_else(|_| db.to_path_buf());
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let hash = crate::text::fnv1a(full.to_string_lossy().as_bytes());
    Some(folder.join(format!("{stem}-{hash:08x}-film-{film_id}.json")))
}

/// Writes the draft to its file (through a temporary file, so a full disk never leaves
/// half of one); returns the file, or `None` when even that failed.
fn keep_in_file(db: &Path, draft: &Draft) -> Option<PathBuf> {
    let path = file_for(db, draft.film_id)?;
    let dir = path.parent()?;
    std::fs::create_dir_all(dir).ok()?;
    let json = serde_json::json!({
        "film_id": draft.film_id,
        "entry_id": draft.entry_id,
        "rating": draft.rating.map(|r| r.half_stars()),
        "body": draft.body,
        "watched": draft.watched,
        "liked": draft.liked,
        "rewatch": draft.rewatch,
        "spoiler": draft.spoiler,
        "tags": draft.tags,
    });
    let mut file = tempfile::NamedTempFile::new_in(dir).ok()?;
    std::io::Write::write_all(&mut file, json.to_string().as_bytes()).ok()?;
    file.as_file().sync_all().ok()?;
    file.persist(&path).ok()?;
    Some(path)
}

fn read_file(path: &Path) -> Option<Draft> {
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    let text = |key: &str| json[key].as_str().unwrap_or_default().to_string();
    Some(Draft {
        film_id: json["film_id"].as_i64()?,
        entry_id: json["entry_id"].as_i64(),
        rating: json["rating"]
            .as_u64()
            .and_then(|r| u8::try_from(r).ok())
            .and_then(crate::model::Rating::from_half_stars),
        body: text("body"),
        watched: text("watched"),
        liked: json["liked"].as_bool().unwrap_or(false),
        rewatch: json["rewatch"].as_bool().unwrap_or(false),
        spoiler: json["spoiler"].as_bool().unwrap_or(false),
        tags: text("tags"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(body: &str) -> Draft {
        Draft {
            film_id: 1,
            body: body.into(),
            ..Draft::default()
        }
    }

    #[test]
    fn saves_after_a_pause_or_within_a_second_of_steady_typing() {
        let mut store = Store::open_in_memory().unwrap();
        crate::sample::seed(&mut store).unwrap();
        let mut keeper = DraftKeeper::default();
        keeper.opened(&draft(""));
        let start = Instant::now();
        // Typing a key every 100 ms never pauses, but the draft lands within a second.
        let mut saved_at = None;
        for i in 1..=15u32 {
            let now = start + Duration::from_millis(100) * i;
            keeper.changed(draft(&"x".repeat(i as usize)), now);
            keeper.save_if_due(&mut store, now).unwrap();
            if saved_at.is_none() && store.draft(1).unwrap().is_some() {
                saved_at = Some(i);
            }
        }
        assert!(
            saved_at.is_some_and(|i| i <= 10),
            "saved at step {saved_at:?}"
        );
        // A pause saves the rest.
        let later = start + Duration::from_millis(2000);
        keeper.save_if_due(&mut store, later).unwrap();
        assert_eq!(store.draft(1).unwrap().unwrap().body, "x".repeat(15));
        assert!(keeper.pending().lock().unwrap().is_none());
    }

    #[test]
    fn an_unchanged_composer_saves_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        crate::sample::seed(&mut store).unwrap();
        let mut keeper = DraftKeeper::default();
        keeper.opened(&draft("same"));
        keeper.changed(draft("same"), Instant::now());
        keeper.save_now(&mut store).unwrap();
        assert!(store.draft(1).unwrap().is_none());
    }
}
