//! Keeps the composer's draft as the user types: saved after a short pause, never more
//! than about a second behind, by the writer thread (the keys never wait for it). When
//! the database can't take it, it goes to a file (`draft_files`), and back to the
//! database once it can.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::model::Draft;
use crate::store::Store;
use crate::tui::runtime::draft_files;

/// Save once typing pauses this long...
const QUIET: Duration = Duration::from_millis(300);
/// ...or once the oldest unsaved change is this old, whichever comes first.
const MAX_DELAY: Duration = Duration::from_millis(900);
/// How often the loop wakes when nothing is waiting.
const IDLE: Duration = Duration::from_millis(200);
/// How long after a save the database refused the next one is tried.
const RETRY: Duration = Duration::from_secs(3);

/// The newest draft not yet in the database, shared with the signal watcher and the
/// writer thread, so that a stuck event loop or a long wait still loses nothing.
pub type Pending = Arc<Mutex<Option<Draft>>>;

/// Where a draft save put the draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftSaved {
    InDatabase,
    /// The database refused it (`error`); it is in `path`.
    InFile {
        path: PathBuf,
        error: String,
    },
    /// Neither the database nor any file would take it.
    Nowhere {
        error: String,
    },
}

impl DraftSaved {
    /// Whether the text is safe somewhere.
    pub fn is_kept(&self) -> bool {
        !matches!(self, DraftSaved::Nowhere { .. })
    }

    /// What to tell the user when it is not in the database.
    pub fn note(&self) -> Option<String> {
        match self {
            DraftSaved::InDatabase => None,
            DraftSaved::InFile { path, error } => Some(format!(
                "Your draft is kept in {} until the database can take it ({error}).",
                path.display()
            )),
            DraftSaved::Nowhere { error } => Some(format!(
                "Your draft could not be kept anywhere ({error}): free some space, or keep this open."
            )),
        }
    }
}

/// Saves `draft` in the database, waiting only a moment for another writer; else keeps
/// it in a file. What the writer thread runs.
pub fn save_or_keep(store: &mut Store, draft: &Draft, was_in_file: bool) -> DraftSaved {
    match store.save_draft(draft) {
        Ok(()) => {
            if was_in_file {
                draft_files::forget_copies(store.path(), &draft.film_slug);
            }
            DraftSaved::InDatabase
        }
        Err(error) => {
            let error = why_not(&error);
            match draft_files::keep(store.path(), draft) {
                Ok(path) => DraftSaved::InFile { path, error },
                Err(also) => DraftSaved::Nowhere {
                    error: format!("{error}; {also}"),
                },
            }
        }
    }
}

/// Why the database took no write, in a user's words.
pub fn why_not(error: &crate::store::StoreError) -> String {
    if error.is_busy() {
        "another program is writing to it".into()
    } else if error.is_full() {
        "the disk is full".into()
    } else {
        error.to_string()
    }
}

#[derive(Default)]
pub struct DraftKeeper {
    pending: Pending,
    /// The composer's contents when last seen, to tell a change from a cursor move.
    last: Option<Draft>,
    first_change: Option<Instant>,
    last_change: Option<Instant>,
    /// The file that holds the draft while the database can't.
    in_file: Option<PathBuf>,
    /// The last save kept the draft nowhere.
    nowhere: bool,
    /// A save is with the writer.
    saving: bool,
    /// The review itself is being saved: no draft save may come after it.
    held: bool,
    /// After a save the database refused, the next try waits.
    retry_after: Option<Instant>,
}

impl DraftKeeper {
    pub fn pending(&self) -> Pending {
        Arc::clone(&self.pending)
    }

    /// The composer opened holding `draft`: already stored, or (when it came from a file)
    /// to be stored in the database at once.
    pub fn opened(&mut self, draft: &Draft, from: Option<PathBuf>) {
        self.last = Some(draft.clone());
        self.held = false;
        self.nowhere = false;
        self.in_file = from;
        if self.in_file.is_some() {
            let now = Instant::now();
            self.set_pending(Some(draft.clone()));
            self.first_change = Some(now);
            self.last_change = Some(now);
        } else {
            self.set_pending(None);
        }
    }

    /// The composer closed: its review was saved or its draft discarded.
    pub fn closed(&mut self) {
        self.last = None;
        self.in_file = None;
        self.held = false;
        self.nowhere = false;
        self.set_pending(None);
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

    /// The review is being saved: draft saves wait, so none lands after it.
    pub fn hold(&mut self) {
        self.held = true;
    }

    /// The review's save did not land: draft saves go on, the first at once.
    pub fn release(&mut self) {
        self.held = false;
        if self.unsaved() {
            let now = Instant::now();
            self.first_change.get_or_insert(now);
            self.last_change = Some(now);
            self.retry_after = None;
        }
    }

    /// The draft to save now, if a save is due (and none is under way).
    pub fn due(&mut self, now: Instant) -> Option<Draft> {
        if self.saving || self.held || self.retry_after.is_some_and(|t| now < t) {
            return None;
        }
        let quiet = self.last_change.is_some_and(|t| now - t >= QUIET);
        let overdue = self.first_change.is_some_and(|t| now - t >= MAX_DELAY);
        if !(quiet || overdue) {
            return None;
        }
        let draft = self.current()?;
        self.saving = true;
        self.first_change = None;
        self.last_change = None;
        Some(draft)
    }

    /// The newest draft not known to be in the database.
    pub fn current(&self) -> Option<Draft> {
        self.pending
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Whether some of what was typed is not in the database yet.
    pub fn unsaved(&self) -> bool {
        self.current().is_some()
    }

    /// A save of `draft` finished; what to tell the user, if anything.
    pub fn saved(&mut self, draft: &Draft, outcome: &DraftSaved) -> Option<String> {
        self.saving = false;
        match outcome {
            DraftSaved::InDatabase => {
                {
                    let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
                    if pending.as_ref() == Some(draft) {
                        *pending = None;
                    }
                }
                self.retry_after = None;
                let recovered = self.in_file.take().is_some() || std::mem::take(&mut self.nowhere);
                recovered.then(|| "Your draft is saved in the database again.".to_string())
            }
            DraftSaved::InFile { path, .. } => {
                self.retry(Some(path.clone()));
                outcome.note()
            }
            DraftSaved::Nowhere { .. } => {
                self.retry(None);
                self.nowhere = true;
                outcome.note()
            }
        }
    }

    /// Tries the database again in a while; the draft stays pending.
    fn retry(&mut self, file: Option<PathBuf>) {
        if file.is_some() {
            self.in_file = file;
        }
        let now = Instant::now();
        self.retry_after = Some(now + RETRY);
        self.first_change.get_or_insert(now);
        self.last_change = Some(now);
    }

    /// Whether the draft was kept in a file (or nowhere) by an earlier save: once the
    /// database takes it, the copies go.
    pub fn was_in_file(&self) -> bool {
        self.in_file.is_some() || self.nowhere
    }

    /// Whether the last save kept the draft nowhere.
    pub fn kept_nowhere(&self) -> bool {
        self.nowhere
    }

    /// How long until a save is due, or the idle tick when nothing waits.
    pub fn next_due(&self) -> Duration {
        match (self.first_change, self.last_change) {
            (Some(first), Some(last)) if !self.saving && !self.held => {
                let now = Instant::now();
                let quiet = (last + QUIET).saturating_duration_since(now);
                let overdue = (first + MAX_DELAY).saturating_duration_since(now);
                let retry = self
                    .retry_after
                    .map_or(Duration::ZERO, |t| t.saturating_duration_since(now));
                quiet.min(overdue).max(retry).min(IDLE)
            }
            _ => IDLE,
        }
    }

    fn set_pending(&mut self, draft: Option<Draft>) {
        if draft.is_none() {
            self.first_change = None;
            self.last_change = None;
            self.retry_after = None;
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
        let saved = Store::open(db).and_then(|(mut store, _)| {
            // The process is going down: a moment for another writer, then a file.
            store.wait_at_most(Duration::from_millis(250))?;
            store.save_draft(&draft)
        });
        if saved.is_err() {
            let _ = draft_files::keep(db, &draft);
        }
    }
}

/// What the writer keeps while a write waits for another program: the pending draft, in
/// a file, each time it changed. Says the file when it wrote one.
pub fn keeper_while_waiting(
    pending: Pending,
    db: PathBuf,
) -> crate::tui::runtime::writer::KeepDraft {
    let mut kept: Option<Draft> = None;
    Box::new(move || {
        let draft = pending
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()?;
        if kept.as_ref() == Some(&draft) {
            return None;
        }
        let path = draft_files::keep(&db, &draft).ok()?;
        kept = Some(draft);
        Some(path)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(body: &str) -> Draft {
        Draft {
            film_id: 1,
            film_slug: "the-work".into(),
            body: body.into(),
            ..Draft::default()
        }
    }

    #[test]
    fn due_after_a_pause_or_within_a_second_of_steady_typing() {
        let mut keeper = DraftKeeper::default();
        keeper.opened(&draft(""), None);
        let start = Instant::now();
        // Typing a key every 100 ms never pauses, but a save is due within a second.
        let mut due_at = None;
        for i in 1..=15u32 {
            let now = start + Duration::from_millis(100) * i;
            keeper.changed(draft(&"x".repeat(i as usize)), now);
            if let Some(due) = keeper.due(now) {
                due_at.get_or_insert(i);
                assert_eq!(keeper.saved(&due, &DraftSaved::InDatabase), None);
            }
        }
        assert!(due_at.is_some_and(|i| i <= 10), "due at step {due_at:?}");
        // A pause saves the rest.
        let later = start + Duration::from_millis(2000);
        let rest = keeper.due(later).unwrap();
        assert_eq!(rest.body, "x".repeat(15));
        keeper.saved(&rest, &DraftSaved::InDatabase);
        assert!(!keeper.unsaved());
    }

    #[test]
    fn an_unchanged_composer_saves_nothing_and_a_held_one_waits() {
        let mut keeper = DraftKeeper::default();
        keeper.opened(&draft("same"), None);
        let now = Instant::now();
        keeper.changed(draft("same"), now);
        assert_eq!(keeper.due(now + Duration::from_secs(2)), None);
        keeper.changed(draft("other"), now);
        keeper.hold();
        assert_eq!(keeper.due(now + Duration::from_secs(2)), None, "held");
        keeper.release();
        assert!(
            keeper
                .due(Instant::now() + Duration::from_secs(2))
                .is_some()
        );
    }

    #[test]
    fn a_draft_changed_while_it_was_saved_stays_pending() {
        let mut keeper = DraftKeeper::default();
        keeper.opened(&draft(""), None);
        let now = Instant::now();
        keeper.changed(draft("a"), now);
        let saving = keeper.due(now + Duration::from_secs(1)).unwrap();
        keeper.changed(draft("ab"), now + Duration::from_secs(1));
        keeper.saved(&saving, &DraftSaved::InDatabase);
        assert_eq!(keeper.current().unwrap().body, "ab");
    }
}
