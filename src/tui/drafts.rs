//! Keeps the composer's draft in the database as the user types: saved after a short
//! pause, never more than about a second behind, and on the way out.

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::model::Draft;
use crate::store::{Result, Store};

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
}

impl DraftKeeper {
    pub fn pending(&self) -> Pending {
        Arc::clone(&self.pending)
    }

    /// The composer opened holding `draft` (already stored, or nothing to store).
    pub fn opened(&mut self, draft: &Draft) {
        self.last = Some(draft.clone());
        self.set_pending(None);
    }

    /// The composer closed: its entry was saved or its draft discarded.
    pub fn closed(&mut self) {
        self.last = None;
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

    pub fn save_if_due(&mut self, store: &mut Store, now: Instant) -> Result<()> {
        let quiet = self.last_change.is_some_and(|t| now - t >= QUIET);
        let overdue = self.first_change.is_some_and(|t| now - t >= MAX_DELAY);
        if quiet || overdue {
            self.save_now(store)?;
        }
        Ok(())
    }

    pub fn save_now(&mut self, store: &mut Store) -> Result<()> {
        let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(draft) = pending.as_ref() {
            store.save_draft(draft)?;
            *pending = None;
        }
        self.first_change = None;
        self.last_change = None;
        Ok(())
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
/// the event loop cannot (it is stuck, or the process is going down).
pub fn save_pending(pending: &Mutex<Option<Draft>>, db: &Path) {
    let taken = pending
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    if let Some(draft) = taken
        && let Ok((mut store, _)) = Store::open(db)
    {
        let _ = store.save_draft(&draft);
    }
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
