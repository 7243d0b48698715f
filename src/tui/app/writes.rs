//! The app's other writes (marks, the watchlist, lists, deleting a review, the film
//! viewed last), each handed to the writer so no key waits on the database. What a key
//! changes shows at once; the screens read the database again once the write landed.

use super::App;
use crate::model::{Film, Mark};
use crate::store::{Result, Store};
use crate::tui::runtime::writer::Patience;
use crate::tui::screen;
use crate::tui::screens::lists::Lists;

impl App {
    /// Hands `work` to the writer, tried until it lands; once it has, the screens are
    /// read again and `done` says what happened (or the error is shown).
    pub(super) fn write_then<T: Send + 'static>(
        &mut self,
        work: impl FnMut(&mut Store) -> Result<T> + Send + 'static,
        done: impl FnOnce(&mut App, T) + 'static,
    ) {
        self.writer
            .submit(Patience::UntilDone, work, move |app: &mut App, result| {
                match result {
                    Ok(value) => done(app, value),
                    Err(error) => {
                        app.shared.message = Some(format!("Could not save that: {error}"))
                    }
                }
                if let Err(error) = app.refresh_after_write() {
                    app.shared.message = Some(error.to_string());
                }
            });
    }

    /// Reads again what a write may have changed: the film's marks and counts, the
    /// screen on show.
    fn refresh_after_write(&mut self) -> Result<()> {
        let store = &self.shared.store;
        self.page.marks = store.marks(self.page.film.id)?;
        for screen in &mut self.over {
            screen.refresh(store)?;
        }
        Ok(())
    }

    /// Refuses a write on a read-only database, saying why; true when it refused.
    fn refuse_read_only(&mut self) -> bool {
        let read_only = self.shared.store.is_read_only();
        if read_only {
            // Short enough for the line above the status line at 80 columns.
            self.shared.message = Some("Read-only: nothing can be saved here.".into());
        }
        read_only
    }

    /// `v`, `L` and `a` on a film: the mark goes on, or off, at once on screen.
    pub(super) fn toggle_mark(&mut self, mark: Mark) {
        if self.refuse_read_only() {
            return;
        }
        let slot = match mark {
            Mark::Watched => &mut self.page.marks.watched,
            Mark::Liked => &mut self.page.marks.liked,
            Mark::Watchlist => &mut self.page.marks.watchlist,
        };
        let on = slot.is_none();
        *slot = on.then(crate::model::today);
        let film = self.page.film.clone();
        self.shared.message = Some(mark_message(&film, mark, on));
        self.write_then(move |store| store.set_mark_on(film.id, mark, on), |_, _| {});
    }

    /// Puts `film` on the watchlist or takes it off (from the watchlist's own screen,
    /// where it leaves the rows at once).
    pub(super) fn set_watchlist(&mut self, film: &Film, on: bool) {
        if self.refuse_read_only() {
            return;
        }
        if film.id == self.page.film.id {
            self.page.marks.watchlist = on.then(crate::model::today);
        }
        self.shared.message = Some(mark_message(film, Mark::Watchlist, on));
        let id = film.id;
        self.write_then(move |store| store.set_watchlist(id, on), |_, _| {});
    }

    /// Remembers the film as the one viewed last, for the next start.
    pub(super) fn remember_viewed(&mut self, film_id: i64) {
        if self.shared.store.is_read_only() {
            return;
        }
        self.writer.submit(
            Patience::UntilDone,
            move |store| store.mark_viewed(film_id),
            |app: &mut App, done| {
                if let Err(error) = done {
                    app.shared.message = Some(format!(
                        "Could not remember this film for the next start: {error}"
                    ));
                }
            },
        );
    }

    /// Deletes the member's review `id`; the list shows it gone once it is.
    pub(super) fn delete_review(&mut self, id: i64, then: Option<crate::model::Entry>) {
        self.write_then(
            move |store| store.delete_entry(id),
            move |app, ()| {
                let kept = app.page.keepable(then.as_ref()).cloned();
                match app.page.reload(&app.shared.store, kept.as_ref()) {
                    Err(error) => app.shared.message = Some(error.to_string()),
                    Ok(_) => app.shared.message = Some("Deleted your review.".into()),
                }
            },
        );
    }

    /// Adds the film the lists were opened from to list `id`.
    pub(super) fn add_to_list(&mut self, id: i64, name: String, film: Film) {
        self.write_then(
            move |store| {
                store
                    .add_to_list(id, film.id)
                    .map(|added| (added, film.clone()))
            },
            move |app, (added, film)| {
                let title = crate::text::sanitize_line(&film.title_with_year());
                let name = crate::text::sanitize_line(&name);
                app.shared.message = Some(if added {
                    format!("Added {title} to {name}.")
                } else {
                    format!("{title} is in {name} already.")
                });
            },
        );
    }

    /// Takes `film_id` out of list `id` (the list shows it gone already).
    pub(super) fn remove_from_list(&mut self, id: i64, film_id: i64) {
        self.write_then(
            move |store| store.remove_film_from_list(id, film_id),
            |_, _| {},
        );
    }

    /// Puts `film_id` back in list `id`, where it was, with its note.
    pub(super) fn put_back_in_list(&mut self, id: i64, film_id: i64, position: u32, note: String) {
        self.write_then(
            move |store| store.put_back_in_list(id, film_id, position, &note),
            |_, _| {},
        );
    }

    /// Moves `film_id` up or down list `id` (the list shows it moved already); the write
    /// finds the film where it is by then, so moves pressed before the first lands add up.
    pub(super) fn move_in_list(&mut self, id: i64, film_id: i64, up: bool) {
        self.write_then(
            move |store| store.move_film_in_list(id, film_id, up),
            |_, _| {},
        );
    }

    /// Deletes list `id`.
    pub(super) fn delete_list(&mut self, id: i64) {
        self.write_then(
            move |store| store.delete_list(id),
            |app, ()| app.shared.message = Some("Deleted the list.".into()),
        );
    }

    /// Keeps the name typed: a new list, or list `renaming` renamed. The line closes
    /// once the name is taken; a name refused (already a list's) stays to be changed.
    pub(super) fn keep_list_name(&mut self, name: String, renaming: Option<i64>) {
        self.writer.submit(
            Patience::UntilDone,
            {
                let name = name.clone();
                move |store| match renaming {
                    Some(id) => store.rename_list(id, &name).map(|()| id),
                    None => store.create_list(&name),
                }
            },
            move |app: &mut App, written| match written {
                Err(error) => app.shared.message = Some(error.to_string()),
                Ok(id) => {
                    app.shared.message = Some(match renaming {
                        Some(_) => {
                            format!("Renamed the list {}.", crate::text::sanitize_line(&name))
                        }
                        None => format!("Made the list {}.", crate::text::sanitize_line(&name)),
                    });
                    if let Some(lists) = screen::find_mut::<Lists>(&mut app.over) {
                        lists.naming = None;
                        // A new list is shown among the lists, not over the films of the
                        // one that was open.
                        if renaming.is_none() {
                            lists.open = None;
                        }
                        if let Err(error) = lists.read_again(&app.shared.store) {
                            app.shared.message = Some(error.to_string());
                        }
                        let at = lists.lists.items().iter().position(|l| l.id == id);
                        lists.lists.selected = at.unwrap_or(lists.lists.selected);
                    }
                }
            },
        );
    }
}

fn mark_message(film: &Film, mark: Mark, on: bool) -> String {
    let title = crate::text::sanitize_line(&film.title_with_year());
    match (mark, on) {
        (Mark::Watched, true) => format!("Marked {title} watched."),
        (Mark::Watched, false) => format!("{title} is no longer marked watched."),
        (Mark::Liked, true) => format!("Liked {title}."),
        (Mark::Liked, false) => format!("Took back your like of {title}."),
        (Mark::Watchlist, true) => format!("Put {title} on your watchlist."),
        (Mark::Watchlist, false) => format!("Took {title} off your watchlist."),
    }
}
