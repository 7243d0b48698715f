//! Writing a review in the app: opening the composer (on a draft when there is one),
//! keeping its draft, and saving it through the writer, never over what another app or
//! script changed meanwhile.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use crate::model::{Draft, Entry, NewEntry, today};
use crate::store::{EditSaved, EntryVersion, OwnAdded, Result};
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay, Question, Screen};
use crate::tui::runtime::draft_files;
use crate::tui::runtime::drafts::{DraftSaved, save_or_keep};
use crate::tui::runtime::writer::Patience;
use crate::tui::screens::composer::{Composer, Field};
use crate::tui::widgets::scroll::Scroll;

/// A save that did not land: the entry changed since the edit began, or went.
pub struct Conflict {
    /// What the entry holds now; `None` when it was deleted.
    pub theirs: Option<Box<Entry>>,
    /// Both versions shown, scrolled, when the user asked to see them.
    pub both: Option<Scroll>,
}

/// How a save of the review went, on the writer.
enum Saved {
    New(OwnAdded),
    Edit(EditSaved),
}

/// What a save in flight writes: the composer's review as it is when the write lands
/// (typing goes on while another program holds the database), kept up to date by
/// `composer_changed` while the text is valid.
pub(super) struct ToSave {
    entry: NewEntry,
    draft: Draft,
    text_unchanged: bool,
}

pub(super) type Saving = Arc<Mutex<ToSave>>;

impl App {
    /// `w`: the composer for a new review, or the film's draft if there is one.
    pub(crate) fn write(&mut self) -> Result<()> {
        if self.refuse_read_only() {
            return Ok(());
        }
        match self.found_draft()? {
            Some((draft, note, from)) => self.restore_draft(draft, note.as_deref(), from)?,
            None => {
                let composer = Composer::new(self.film.id, &self.film.slug, &today());
                self.open_composer(composer.dated(&self.date_format), None)
            }
        }
        Ok(())
    }

    /// The film's draft: this app's, one another app left, or one kept in a file when
    /// the database could not take it (the newer of those); with what to say about where
    /// it came from, and the file.
    #[allow(clippy::type_complexity)]
    fn found_draft(
        &mut self,
    ) -> Result<Option<(Draft, Option<String>, Option<std::path::PathBuf>)>> {
        let stored = self.store.find_draft(&self.film.slug)?;
        if let Some(owner) = stored.as_ref().and_then(|found| found.owner.clone()) {
            // Left by an app that is gone: this app's now, to save over and to drop.
            let slug = self.film.slug.clone();
            self.writer.submit(
                Patience::UntilDone,
                move |store| store.claim_draft(&slug, &owner),
                |_app: &mut App, _| {},
            );
        }
        let in_file = draft_files::find(self.store.path(), &self.film.slug);
        if let Some((draft, path)) = in_file {
            // A file holds what the database could not take: it is newer than any row.
            let note = format!(
                "Your draft is back. (It was kept in {}: the database could not take it.)",
                path.display()
            );
            return Ok(Some((draft, Some(note), Some(path))));
        }
        Ok(stored.map(|found| {
            let note = found.left_by_another.map(|when| {
                let when = when.get(..16).unwrap_or(&when).replace('T', " ");
                match found.left_at_quit {
                    true => format!("Your draft is back. (Kept when marquee quit, {when}.)"),
                    false => format!(
                        "Your draft is back. (Another marquee left it, stopped without quitting, {when}.)"
                    ),
                }
            });
            (found.draft, note, None)
        }))
    }

    /// `e`: the composer on the selected review, when it is the user's own.
    pub(crate) fn edit(&mut self) -> Result<()> {
        if self.refuse_read_only() {
            return Ok(());
        }
        let Some(entry) = self.list.selected_entry().cloned() else {
            return Ok(());
        };
        if !entry.is_mine {
            self.message = Some(crate::tui::app::not_yours(&entry, "edit"));
            return Ok(());
        }
        match self.found_draft()? {
            Some((draft, note, from)) => {
                let other = (draft.entry_id != Some(entry.id)).then_some(
                    "You have an unsaved draft for this film: save or discard it first.",
                );
                self.restore_draft(draft, other.or(note.as_deref()), from)?;
            }
            None => {
                let base = self
                    .store
                    .entry_version(entry.id)?
                    .map(EntryVersion::to_text);
                let composer = Composer::edit(&entry, &self.film.slug, base);
                self.open_composer(composer.dated(&self.date_format), None);
            }
        }
        Ok(())
    }

    fn restore_draft(
        &mut self,
        mut draft: Draft,
        note: Option<&str>,
        from: Option<std::path::PathBuf>,
    ) -> Result<()> {
        let edited = match draft.entry_id {
            Some(id) => self.store.entry(id)?,
            None => None,
        };
        // A draft from before drafts kept their entry's version edits the entry as it is.
        if let (Some(id), None) = (draft.entry_id, &draft.base) {
            draft.base = self.store.entry_version(id)?.map(EntryVersion::to_text);
        }
        draft.film_id = self.film.id;
        let baseline = match &edited {
            Some(entry) => Composer::edit(entry, &self.film.slug, draft.base.clone()).draft(),
            None => Composer::new(self.film.id, &self.film.slug, &today()).draft(),
        };
        let mut composer = Composer::restore(&draft, baseline).dated(&self.date_format);
        composer.error = Some(note.unwrap_or("Your draft is back.").to_string());
        self.open_composer(composer, from);
        Ok(())
    }

    fn open_composer(&mut self, composer: Composer, from: Option<std::path::PathBuf>) {
        self.drafts.opened(&composer.draft(), from);
        // Room for the draft on this disk while it has some (see `draft_files`).
        let (db, slug) = (self.store.path().to_path_buf(), composer.film_slug.clone());
        self.writer.submit(
            Patience::Once,
            move |_store| {
                draft_files::reserve(&db, &slug);
                Ok(())
            },
            |_app: &mut App, _| {},
        );
        let composer = Box::new(composer);
        self.show(|back| Screen::Composer { composer, back });
    }

    /// The composer closes: its review was saved or its draft discarded, so its draft
    /// goes, from the database (unless the save took it) and from any file.
    fn close_composer(&mut self, drop_stored_draft: bool) {
        let slug = self
            .composer()
            .map_or_else(|| self.film.slug.clone(), |c| c.film_slug.clone());
        self.drafts.closed();
        let db = self.store.path().to_path_buf();
        self.writer.submit(
            Patience::UntilDone,
            move |store| {
                if drop_stored_draft {
                    store.delete_draft(&slug)?;
                }
                draft_files::forget_all(&db, &slug);
                Ok(())
            },
            |app: &mut App, done| {
                if let Err(error) = done {
                    app.message = Some(format!("Could not drop the draft: {error}"));
                }
            },
        );
        self.back_to_film();
    }

    pub(crate) fn compose(&mut self, action: Action) {
        let Some(composer) = self.composer_mut() else {
            return;
        };
        composer.error = None;
        match action {
            Action::NextField => composer.next_field(),
            Action::PrevField => composer.prev_field(),
            Action::Stars(n) => composer.set_stars(n),
            Action::AddHalf => composer.add_half(),
            Action::RemoveHalf => composer.remove_half(),
            Action::ClearRating => composer.clear_rating(),
            Action::Toggle => composer.toggle(),
            _ => {}
        }
        self.composer_changed();
    }

    /// Notes a change in the composer, so the draft is saved soon (and a save in flight
    /// saves the change too, when it is valid).
    pub(crate) fn composer_changed(&mut self) {
        let Some(composer) = self.composer() else {
            return;
        };
        let draft = composer.draft();
        if let (Some(saving), Ok(entry)) = (&self.saving, composer.to_entry(&self.author)) {
            *saving.lock().unwrap_or_else(PoisonError::into_inner) = ToSave {
                entry,
                draft: draft.clone(),
                text_unchanged: composer.text_unchanged(),
            };
        }
        self.drafts.changed(draft, Instant::now());
    }

    pub(crate) fn cancel_composer(&mut self) {
        match self.composer() {
            Some(composer) if composer.would_discard() => {
                self.overlays.push(Overlay::Question(Question::Discard))
            }
            // An unchanged composer leaves nothing worth keeping.
            _ => self.close_composer(true),
        }
    }

    /// "Discard what you wrote?" answered yes.
    pub(crate) fn discard_draft(&mut self) {
        self.close_composer(true);
        self.message = Some("Draft discarded.".into());
    }

    /// Ctrl-s: the review goes to the writer, which writes it and drops the draft in
    /// one transaction, or finds that the entry changed or went meanwhile.
    pub(crate) fn save(&mut self) -> Result<()> {
        self.save_as(false)
    }

    /// Saves the composer's review; `as_new` saves an edit as a new review (the
    /// entry it edited changed or went meanwhile).
    fn save_as(&mut self, as_new: bool) -> Result<()> {
        // Matched on the field itself: the author is read while the composer is held.
        let Screen::Composer { composer, .. } = &mut self.screen else {
            return Ok(());
        };
        if composer.saving {
            composer.error = Some("Saving already: a moment.".into());
            return Ok(());
        }
        let entry = match composer.to_entry(&self.author) {
            Ok(entry) => entry,
            Err(invalid) => {
                composer.field = invalid.field;
                composer.error = Some(invalid.message);
                return Ok(());
            }
        };
        composer.saving = true;
        let editing = composer.editing.filter(|_| !as_new);
        let base = composer.base.as_deref().and_then(EntryVersion::parse);
        let saving: Saving = Arc::new(Mutex::new(ToSave {
            entry,
            draft: composer.draft(),
            text_unchanged: composer.text_unchanged() && !as_new,
        }));
        self.saving = Some(Arc::clone(&saving));
        let film = self.film.clone();
        self.drafts.hold();
        self.writer.submit(
            Patience::UntilDone,
            move |store| {
                let to_save = saving.lock().unwrap_or_else(PoisonError::into_inner);
                let saved = match (editing, base) {
                    (Some(id), Some(base)) => {
                        let edit = crate::store::Edit {
                            entry: &to_save.entry,
                            text_unchanged: to_save.text_unchanged,
                        };
                        store
                            .save_edit(id, base, &edit, &film.slug)
                            .map(Saved::Edit)
                    }
                    (Some(_), None) => Ok(Saved::Edit(EditSaved::Gone)),
                    (None, _) => store.add_own_entry(&film, &to_save.entry).map(Saved::New),
                };
                saved.map(|saved| (saved, to_save.draft.clone()))
            },
            move |app: &mut App, saved| app.review_saved(saved),
        );
        Ok(())
    }

    /// What became of a save of the review, with the composer's contents it saved.
    fn review_saved(&mut self, saved: Result<(Saved, Draft)>) {
        self.saving = None;
        let current = self.composer().map(|c| c.draft()).unwrap_or_default();
        let (saved, draft) = match saved {
            Ok((saved, draft)) => (Ok(saved), draft),
            Err(error) => (Err(error), current),
        };
        if let Some(composer) = self.composer_mut() {
            composer.saving = false;
        }
        let (id, new, film_made_again) = match saved {
            Ok(Saved::New(added)) => (added.id, true, added.film_made_again),
            Ok(Saved::Edit(EditSaved::Saved)) => (draft.entry_id.unwrap_or_default(), false, false),
            Ok(Saved::Edit(EditSaved::Changed(theirs))) => {
                return self.conflict(Some(theirs));
            }
            Ok(Saved::Edit(EditSaved::Gone)) => return self.conflict(None),
            Err(error) => {
                self.drafts.release();
                return self.draft_note(format!("Could not save your review: {error}"));
            }
        };
        // Typed on while it was saved: that stays open, editing what was saved.
        if self.composer().is_some_and(|c| c.draft() != draft) {
            let base = self
                .store
                .entry_version(id)
                .ok()
                .flatten()
                .map(EntryVersion::to_text);
            if let Some(composer) = self.composer_mut() {
                composer.saved_as(id, base, draft);
                composer.error = Some(
                    "Saved what you had when you pressed save; what you typed since is still here."
                        .into(),
                );
            }
            self.drafts.release();
            self.composer_changed();
            return;
        }
        self.drafts.closed();
        draft_files::forget_all(self.store.path(), &draft.film_slug);
        self.back_to_film();
        let result = self.after_save(id, new, film_made_again);
        if let Err(error) = result {
            self.message = Some(error.to_string());
        }
    }

    fn after_save(&mut self, id: i64, new: bool, film_made_again: bool) -> Result<()> {
        if film_made_again && let Some(film) = self.store.film_by_slug(&self.film.slug)? {
            self.film = film;
            self.film_changed_id();
        }
        let saved = self.store.entry(id)?;
        self.reload(self.keepable(saved.as_ref()))?;
        let title = crate::text::sanitize_line(&self.film.title_with_year());
        self.message = Some(match (&saved, new) {
            _ if film_made_again => {
                format!(
                    "{title} had been deleted by another program: it is back, with your review."
                )
            }
            (_, false) => "Saved your changes.".into(),
            (Some(entry), true) if entry.body.is_empty() => match entry.rating {
                Some(rating) => format!("Logged {}.", rating.stars()),
                None => "Logged it.".into(),
            },
            _ => "Saved your review.".into(),
        });
        if new && self.marks.watchlist.is_some() && !self.store.is_read_only() {
            self.overlays
                .push(Overlay::Question(Question::OffWatchlist));
        }
        Ok(())
    }

    /// The entry changed (`theirs`) or went since the edit began: nothing was written;
    /// the user chooses.
    fn conflict(&mut self, theirs: Option<Box<Entry>>) {
        self.drafts.release();
        self.composer_changed();
        self.overlays
            .push(Overlay::Conflict(Conflict { theirs, both: None }));
    }

    /// A key on the conflict: keep mine as a new review, take theirs, see both, or
    /// back to editing.
    pub(crate) fn conflict_action(&mut self, action: Action) -> Result<()> {
        let Some(Overlay::Conflict(conflict)) = self.overlays.last_mut() else {
            return Ok(());
        };
        match action {
            Action::KeepMine => {
                self.overlays.pop();
                self.save_as(true)?;
            }
            Action::TakeTheirs if conflict.theirs.is_some() => {
                let theirs = conflict.theirs.take();
                self.overlays.pop();
                self.close_composer(true);
                self.reload(self.keepable(theirs.as_deref()))?;
                self.message =
                    Some("Kept the review as it is now; your changes are discarded.".into());
            }
            Action::SeeBoth if conflict.theirs.is_some() => {
                conflict.both = Some(Scroll::default());
            }
            Action::Back if conflict.both.is_some() => conflict.both = None,
            Action::Back => {
                self.overlays.pop();
                if let Some(composer) = self.composer_mut() {
                    composer.field = Field::Text;
                }
            }
            Action::Help => self.open_help(),
            _ => {
                if let Some(scroll) = &mut conflict.both {
                    scroll.apply(action);
                }
            }
        }
        Ok(())
    }

    /// Whether the conflict on screen offers `action` (a deleted review has no version
    /// to take or to see); every other action is offered where it is bound.
    pub fn offers(&self, action: Action) -> bool {
        match self.overlays.last() {
            Some(Overlay::Conflict(conflict)) => match action {
                Action::TakeTheirs => conflict.theirs.is_some(),
                Action::SeeBoth => conflict.theirs.is_some() && conflict.both.is_none(),
                _ => true,
            },
            _ => true,
        }
    }

    /// What the external editor gave back, or why it failed.
    pub fn editor_finished(&mut self, result: std::result::Result<String, String>) {
        let Some(composer) = self.composer_mut() else {
            return;
        };
        match result {
            Ok(text) => {
                composer.set_text(&text);
                composer.error = None;
                self.composer_changed();
            }
            Err(why) => composer.error = Some(why),
        }
    }

    /// Hands a due draft to the writer, which saves it in the database, else a file.
    pub(crate) fn save_due_draft(&mut self, now: Instant) {
        let Some(draft) = self.drafts.due(now) else {
            return;
        };
        let kept = draft.clone();
        let was_in_file = self.drafts.was_in_file();
        self.writer.submit(
            Patience::Once,
            move |store| Ok(save_or_keep(store, &kept, was_in_file)),
            move |app: &mut App, saved| {
                let saved = saved.unwrap_or_else(|error| DraftSaved::Nowhere {
                    error: error.to_string(),
                });
                if let Some(note) = app.drafts.saved(&draft, &saved) {
                    app.draft_note(note);
                }
            },
        );
    }

    /// Keeps the draft now, on this thread, before the app ends: in the database, else
    /// in a file. Where it went (`InDatabase` when nothing was unsaved).
    pub fn flush_draft(&mut self) -> DraftSaved {
        let Some(draft) = self.drafts.current() else {
            return DraftSaved::InDatabase;
        };
        let saved = save_or_keep(&mut self.store, &draft, self.drafts.was_in_file());
        self.drafts.saved(&draft, &saved);
        saved
    }

    /// The app ends: the drafts it leaves are marked as left when it quit.
    pub fn leave_drafts(&mut self) {
        let _ = self.store.leave_drafts();
    }
}
