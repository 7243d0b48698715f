//! Writing a review in the app: opening the composer (on a draft when there is one),
//! keeping its draft, and saving it through the writer, never over what another app or
//! script changed meanwhile.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use super::App;
use crate::model::{Draft, Entry, NewEntry, today};
use crate::store::{EditSaved, EntryVersion, OwnAdded, Result};
use crate::tui::runtime::draft_files;
use crate::tui::runtime::drafts::{DraftSaved, save_or_keep};
use crate::tui::runtime::writer::Patience;
use crate::tui::screen::{self, Question, Step};
use crate::tui::screens::composer::Composer;
use crate::tui::screens::conflict::Conflict;

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
    pub(super) fn write(&mut self) -> Result<()> {
        match self.found_draft()? {
            Some((draft, note, from)) => self.restore_draft(draft, note.as_deref(), from)?,
            None => {
                let film = &self.page.film;
                let composer = Composer::new(film.id, &film.slug, &today())
                    .dated(&self.shared.settings.date_format);
                self.open_composer(composer, None)
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
        let stored = self.shared.store.find_draft(&self.page.film.slug)?;
        if let Some(owner) = stored.as_ref().and_then(|found| found.owner.clone()) {
            // Left by an app that is gone: this app's now, to save over and to drop.
            let slug = self.page.film.slug.clone();
            self.writer.submit(
                Patience::UntilDone,
                move |store| store.claim_draft(&slug, &owner),
                |_app: &mut App, _| {},
            );
        }
        let in_file = draft_files::find(self.shared.store.path(), &self.page.film.slug);
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

    /// `e`: the composer on `entry`, the member's own.
    pub(super) fn edit(&mut self, entry: Entry) -> Result<()> {
        match self.found_draft()? {
            Some((draft, note, from)) => {
                let other = (draft.entry_id != Some(entry.id)).then_some(
                    "You have an unsaved draft for this film: save or discard it first.",
                );
                self.restore_draft(draft, other.or(note.as_deref()), from)?;
            }
            None => {
                let base = self
                    .shared
                    .store
                    .entry_version(entry.id)?
                    .map(EntryVersion::to_text);
                let composer = Composer::edit(&entry, &self.page.film.slug, base)
                    .dated(&self.shared.settings.date_format);
                self.open_composer(composer, None);
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
            Some(id) => self.shared.store.entry(id)?,
            None => None,
        };
        // A draft from before drafts kept their entry's version edits the entry as it is.
        if let (Some(id), None) = (draft.entry_id, &draft.base) {
            draft.base = self
                .shared
                .store
                .entry_version(id)?
                .map(EntryVersion::to_text);
        }
        draft.film_id = self.page.film.id;
        let baseline = match &edited {
            Some(entry) => Composer::edit(entry, &self.page.film.slug, draft.base.clone()).draft(),
            None => Composer::new(self.page.film.id, &self.page.film.slug, &today()).draft(),
        };
        let mut composer =
            Composer::restore(&draft, baseline).dated(&self.shared.settings.date_format);
        composer.error = Some(note.unwrap_or("Your draft is back.").to_string());
        self.open_composer(composer, from);
        Ok(())
    }

    fn open_composer(&mut self, composer: Composer, from: Option<std::path::PathBuf>) {
        self.drafts.opened(&composer.draft(), from);
        // Room for the draft on this disk while it has some (see `draft_files`).
        let (db, slug) = (
            self.shared.store.path().to_path_buf(),
            composer.film_slug.clone(),
        );
        self.writer.submit(
            Patience::Once,
            move |_store| {
                draft_files::reserve(&db, &slug);
                Ok(())
            },
            |_app: &mut App, _| {},
        );
        // Over the film page, in place of any screen there.
        let _ = self.take_step(None, Step::Open(Box::new(composer)));
    }

    /// The composer closes: its review was saved or its draft discarded, so its draft
    /// goes, from the database (unless the save took it) and from any file.
    fn close_composer(&mut self, drop_stored_draft: bool) {
        let slug = self
            .composer()
            .map_or_else(|| self.page.film.slug.clone(), |c| c.film_slug.clone());
        self.drafts.closed();
        let db = self.shared.store.path().to_path_buf();
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
                    app.shared.message = Some(format!("Could not drop the draft: {error}"));
                }
            },
        );
        self.close_from(0);
    }

    /// Notes a change in the composer, so the draft is saved soon (and a save in flight
    /// saves the change too, when it is valid).
    pub(super) fn composer_changed(&mut self) {
        let Some(composer) = self.composer() else {
            return;
        };
        let draft = composer.draft();
        let author = &self.shared.settings.author;
        if let (Some(saving), Ok(entry)) = (&self.saving, composer.to_entry(author)) {
            *saving.lock().unwrap_or_else(PoisonError::into_inner) = ToSave {
                entry,
                draft: draft.clone(),
                text_unchanged: composer.text_unchanged(),
            };
        }
        self.drafts.changed(draft, Instant::now());
    }

    pub(super) fn cancel_composer(&mut self) {
        match self.composer() {
            Some(composer) if composer.would_discard() => {
                let editing = composer.editing.is_some();
                self.ask(Question::Discard { editing })
            }
            // An unchanged composer leaves nothing worth keeping.
            _ => self.close_composer(true),
        }
    }

    /// "Discard what you wrote?" answered yes.
    pub(super) fn discard_draft(&mut self) {
        self.close_composer(true);
        self.shared.message = Some("Draft discarded.".into());
    }

    /// Ctrl-s: the review goes to the writer, which writes it and drops the draft in
    /// one transaction, or finds that the entry changed or went meanwhile. `as_new` saves an edit as a new review (the
    /// entry it edited changed or went meanwhile).
    pub(super) fn save_as(&mut self, as_new: bool) -> Result<()> {
        // Matched on the field itself: the author is read while the composer is held.
        let Some(composer) = screen::find_mut::<Composer>(&mut self.over) else {
            return Ok(());
        };
        if composer.saving {
            composer.error = Some("Saving already: a moment.".into());
            return Ok(());
        }
        let entry = match composer.to_entry(&self.shared.settings.author) {
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
        let film = self.page.film.clone();
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
                .shared
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
        draft_files::forget_all(self.shared.store.path(), &draft.film_slug);
        self.close_from(0);
        let result = self.after_save(id, new, film_made_again);
        if let Err(error) = result {
            self.shared.message = Some(error.to_string());
        }
    }

    fn after_save(&mut self, id: i64, new: bool, film_made_again: bool) -> Result<()> {
        if film_made_again
            && let Some(film) = self.shared.store.film_by_slug(&self.page.film.slug)?
        {
            self.film_changed_id(film);
        }
        let saved = self.shared.store.entry(id)?;
        let kept = self.page.keepable(saved.as_ref()).cloned();
        if let Some(problem) = self.page.reload(&self.shared.store, kept.as_ref())? {
            self.shared.message = Some(problem);
        }
        let title = crate::text::sanitize_line(&self.page.film.title_with_year());
        self.shared.message = Some(match (&saved, new) {
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
        if new && self.page.marks.watchlist.is_some() && !self.shared.store.is_read_only() {
            self.ask(Question::OffWatchlist);
        }
        Ok(())
    }

    /// The entry changed (`theirs`) or went since the edit began: nothing was written;
    /// the user chooses.
    fn conflict(&mut self, theirs: Option<Box<Entry>>) {
        self.drafts.release();
        self.composer_changed();
        let mine = self.composer().map(Composer::draft).unwrap_or_default();
        self.over.push(Box::new(Conflict::new(theirs, mine)));
    }

    /// "Take theirs": the composer closes, its changes dropped, and the review shows as
    /// another program left it.
    pub(super) fn take_theirs(&mut self, theirs: Option<Box<Entry>>) -> Result<()> {
        self.close_composer(true);
        let kept = self.page.keepable(theirs.as_deref()).cloned();
        self.page.reload(&self.shared.store, kept.as_ref())?;
        self.shared.message =
            Some("Kept the review as it is now; your changes are discarded.".into());
        Ok(())
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
    pub(super) fn save_due_draft(&mut self, now: Instant) {
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
        let saved = save_or_keep(&mut self.shared.store, &draft, self.drafts.was_in_file());
        self.drafts.saved(&draft, &saved);
        saved
    }

    /// The app ends: the drafts it leaves are marked as left when it quit.
    pub fn leave_drafts(&mut self) {
        let _ = self.shared.store.leave_drafts();
    }
}
