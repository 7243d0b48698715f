//! The app's other writes (marks, the watchlist, lists, deleting a review, the film
//! viewed last), each handed to the writer so no key waits on the database. What a key
//! changes shows at once; the screens read the database again once the write landed.

use crate::model::{Film, Mark};
use crate::store::{Result, Store};
use crate::tui::app::{App, Screen};
use crate::tui::runtime::writer::Patience;

impl App {
    /// Hands `work` to the writer, tried until it lands; once it has, the screens are
    /// read again and `done` says what happened (or the error is shown).
    pub(crate) fn write_then<T: Send + 'static>(
        &mut self,
        work: impl FnMut(&mut Store) -> Result<T> + Send + 'static,
        done: impl FnOnce(&mut App, T) + 'static,
    ) {
        self.writer
            .submit(Patience::UntilDone, work, move |app: &mut App, result| {
                match result {
                    Ok(value) => done(app, value),
                    Err(error) => app.message = Some(format!("Could not save that: {error}")),
                }
                if let Err(error) = app.refresh_after_write() {
                    app.message = Some(error.to_string());
                }
            });
    }

    /// Reads again what a write may have changed: the film's marks and counts, the
    /// screen on show.
    fn refresh_after_write(&mut self) -> Result<()> {
        self.marks = self.store.marks(self.film.id)?;
        match &mut self.screen {
            Screen::Watchlist { watchlist, .. } => watchlist.set(self.store.watchlist()?),
            Screen::Seen { seen, .. } => seen.reload(&self.store)?,
            Screen::Lists { lists, .. } => lists.refresh(&self.store)?,
            _ => {}
        }
        Ok(())
    }

    /// `v`, `L` and `a` on a film: the mark goes on, or off, at once on screen.
    pub(crate) fn toggle_mark(&mut self, mark: Mark) -> Result<()> {
        if self.refuse_read_only() {
            return Ok(());
        }
        let slot = match mark {
            Mark::Watched => &mut self.marks.watched,
            Mark::Liked => &mut self.marks.liked,
            Mark::Watchlist => &mut self.marks.watchlist,
        };
        let on = slot.is_none();
        *slot = on.then(crate::model::today);
        let film = self.film.clone();
        self.message = Some(mark_message(&film, mark, on));
        self.write_then(move |store| store.set_mark_on(film.id, mark, on), |_, _| {});
        Ok(())
    }

    /// Puts `film` on the watchlist or takes it off (from the watchlist's own screen,
    /// where it leaves the rows at once).
    pub(crate) fn set_watchlist(&mut self, film: &Film, on: bool) -> Result<()> {
        if self.refuse_read_only() {
            return Ok(());
        }
        if film.id == self.film.id {
            self.marks.watchlist = on.then(crate::model::today);
        }
        if let Screen::Watchlist { watchlist, .. } = &mut self.screen
            && !on
        {
            watchlist.remove(film.id);
        }
        self.message = Some(mark_message(film, Mark::Watchlist, on));
        let id = film.id;
        self.write_then(move |store| store.set_watchlist(id, on), |_, _| {});
        Ok(())
    }

    /// Remembers the film as the one viewed last, for the next start.
    pub(crate) fn remember_viewed(&mut self, film_id: i64) {
        if self.store.is_read_only() {
            return;
        }
        self.writer.submit(
            Patience::UntilDone,
            move |store| store.mark_viewed(film_id),
            |app: &mut App, done| {
                if let Err(error) = done {
                    app.message = Some(format!(
                        "Could not remember this film for the next start: {error}"
                    ));
                }
            },
        );
    }

    /// Deletes the member's review `id`; the list shows it gone once it is.
    pub(crate) fn delete_review(&mut self, id: i64, then: Option<crate::model::Entry>) {
        self.write_then(
            move |store| store.delete_entry(id),
            move |app, ()| {
                if let Err(error) = app.reload(app.keepable(then.as_ref())) {
                    app.message = Some(error.to_string());
                } else {
                    app.message = Some("Deleted your review.".into());
                }
            },
        );
    }

    /// Adds the film the lists were opened from to list `id`.
    pub(crate) fn add_to_list(&mut self, id: i64, name: String, film: Film) {
        self.write_then(
            move |store| {
                store
                    .add_to_list(id, film.id)
                    .map(|added| (added, film.clone()))
            },
            move |app, (added, film)| {
                let title = crate::text::sanitize_line(&film.title_with_year());
                let name = crate::text::sanitize_line(&name);
                app.message = Some(if added {
                    format!("Added {title} to {name}.")
                } else {
                    format!("{title} is in {name} already.")
                });
            },
        );
    }

    /// Takes `film_id` out of list `id`, at once on screen.
    pub(crate) fn remove_from_list(&mut self, id: i64, film_id: i64) {
        let undo = self.first_key(crate::tui::action::Action::Undo);
        let Screen::Lists { lists, .. } = &mut self.screen else {
            return;
        };
        let Some(removed) = lists.remove_open(film_id) else {
            return;
        };
        let name = lists
            .highlighted()
            .map(|l| l.name.clone())
            .unwrap_or_default();
        self.message = Some(format!(
            "Took {} out of {}; {undo} puts it back.",
            crate::text::sanitize_line(&removed.title),
            crate::text::sanitize_line(&name),
        ));
        lists.taken_out = Some((id, removed));
        self.write_then(
            move |store| store.remove_film_from_list(id, film_id),
            |_, _| {},
        );
    }

    /// `u`: puts back the film last taken out of a list, where it was, with its note.
    pub(crate) fn undo_removal(&mut self) {
        let Screen::Lists { lists, .. } = &mut self.screen else {
            return;
        };
        let Some((id, film)) = lists.taken_out.take() else {
            self.message = Some("Nothing taken out of a list to put back.".into());
            return;
        };
        self.message = Some(format!(
            "Put {} back.",
            crate::text::sanitize_line(&film.title)
        ));
        self.write_then(
            move |store| store.put_back_in_list(id, film.film_id, film.position, &film.note),
            |_, _| {},
        );
    }

    /// Moves `film_id` up or down list `id`, at once on screen; the write finds the film
    /// where it is by then, so moves pressed before the first lands add up.
    pub(crate) fn move_in_list(&mut self, id: i64, film_id: i64, up: bool) {
        if let Screen::Lists { lists, .. } = &mut self.screen {
            lists.move_open(film_id, up);
            let moved = lists
                .open
                .as_ref()
                .and_then(|films| films.items().iter().find(|f| f.film_id == film_id).cloned());
            if let Some(film) = moved {
                self.message = Some(format!(
                    "Moved {} {} to place {}.",
                    crate::text::sanitize_line(&film.title),
                    if up { "up" } else { "down" },
                    film.position
                ));
            }
        }
        self.write_then(
            move |store| store.move_film_in_list(id, film_id, up),
            |_, _| {},
        );
    }

    /// Deletes list `id`.
    pub(crate) fn delete_list(&mut self, id: i64) {
        self.write_then(
            move |store| store.delete_list(id),
            |app, ()| app.message = Some("Deleted the list.".into()),
        );
    }

    /// Keeps the name typed: a new list, or list `renaming` renamed. The line closes
    /// once the name is taken; a name refused (already a list's) stays to be changed.
    pub(crate) fn keep_list_name(&mut self, name: String, renaming: Option<i64>) {
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
                Err(error) => app.message = Some(error.to_string()),
                Ok(id) => {
                    app.message = Some(match renaming {
                        Some(_) => {
                            format!("Renamed the list {}.", crate::text::sanitize_line(&name))
                        }
                        None => format!("Made the list {}.", crate::text::sanitize_line(&name)),
                    });
                    if let Screen::Lists { lists, .. } = &mut app.screen {
                        lists.naming = None;
                        // A new list is shown among the lists, not over the films of the
                        // one that was open.
                        if renaming.is_none() {
                            lists.open = None;
                        }
                        if let Err(error) = lists.refresh(&app.store) {
                            app.message = Some(error.to_string());
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
