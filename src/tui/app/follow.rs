//! Between keys: the writes that landed, the threads' answers (a search's count, the
//! library's films, the year's tallies), reading the list ahead, a draft due to be kept,
//! and what other programs wrote to the database meanwhile.

use std::time::{Duration, Instant};

use super::App;
use crate::store::Result;
use crate::tui::action::Action;
use crate::tui::runtime::writer::Patience;

/// What the app keeps track of between keys.
pub struct Session {
    /// Quitting was asked for: the app ends once its writes have landed.
    pub quit_requested: bool,
    /// Quitting without keeping what could be kept nowhere was answered yes.
    pub quit_now: bool,
    /// The status line said a write waits for another program.
    waited: bool,
    /// The writer was asked to bring the search index up to date, and hasn't yet.
    pub upkeep_asked: bool,
    /// The first tick came (the first frame is up): the writer's first work is asked.
    started: bool,
    /// When the database was last checked for other processes' writes, and what it said.
    checked: Instant,
    version: i64,
}

impl Session {
    pub fn new(version: i64) -> Session {
        Session {
            quit_requested: false,
            quit_now: false,
            waited: false,
            upkeep_asked: false,
            started: false,
            checked: Instant::now(),
            version,
        }
    }
}

/// How the app says a write waits for another program.
pub const WAITING: &str = "Another program holds the database";

/// The longest the app's own connection waits for another program: it only reads, and
/// in WAL mode readers wait for nobody but in rare moments (a log being recovered).
pub const READ_WAIT: Duration = Duration::from_millis(50);

/// How often the app looks for other processes' writes.
const WATCH_EVERY: Duration = Duration::from_millis(500);
/// How often the event loop looks for a thread's answer the screen waits for.
const AWAIT_EVERY: Duration = Duration::from_millis(4);

impl App {
    /// Saves a due draft, takes what threads found and looks for other processes'
    /// writes; says whether the screen needs drawing again.
    pub fn tick(&mut self, now: Instant) -> bool {
        if !std::mem::replace(&mut self.session.started, true) {
            self.rehome_orphans();
        }
        let mut changed = self.take_writes();
        if self.take_count() | self.take_screens() {
            self.after_change();
            return true;
        }
        self.save_due_draft(now);
        changed |= self.say_waiting();
        if now.duration_since(self.session.checked) < WATCH_EVERY {
            changed |= self.read_ahead();
        } else {
            self.session.checked = now;
            changed |= self.follow_other_writers().unwrap_or_else(|error| {
                self.shared.message = Some(error.to_string());
                true
            });
        }
        if changed {
            self.after_change();
        }
        changed
    }

    /// How soon `tick` wants to run again: at once while the list reads ahead, soon while
    /// a thread works on what the screen waits for.
    pub fn next_tick(&self) -> Duration {
        if self.page.reads_ahead() {
            return Duration::ZERO;
        }
        if self.page.counting() || self.waiting() || self.writer.in_flight() > 0 {
            return AWAIT_EVERY.min(self.drafts.next_due());
        }
        self.drafts.next_due()
    }

    /// Takes a finished search count, then acts on the keys that waited for it; says
    /// whether one came.
    fn take_count(&mut self) -> bool {
        match self.page.take_count(&self.shared.store) {
            None => false,
            Some(Ok(replay)) => {
                self.shared.message = None;
                for action in replay {
                    self.update(action);
                }
                true
            }
            Some(Err(error)) => {
                self.shared.message = Some(error);
                true
            }
        }
    }

    /// What the screens' threads found, then the keys that waited for it; says whether
    /// a screen changed.
    fn take_screens(&mut self) -> bool {
        let mut changed = false;
        let mut replay: Vec<Action> = Vec::new();
        for screen in &mut self.over {
            match screen.tick(&self.shared.store) {
                Ok(tick) => {
                    changed |= tick.changed;
                    replay.extend(tick.replay);
                }
                Err(error) => {
                    self.shared.message = Some(format!("Could not read the films: {error}"));
                    changed = true;
                }
            }
        }
        for action in replay {
            self.update(action);
        }
        changed
    }

    /// Reads a page of the list ahead of the selection, between keys; says whether the
    /// screen may show more now.
    fn read_ahead(&mut self) -> bool {
        let (read, problem) = self.page.read_ahead(&self.shared.store);
        if let Some(problem) = problem {
            self.shared.message = Some(problem);
        }
        read
    }

    /// Hands each write that landed its answer; says whether any did.
    fn take_writes(&mut self) -> bool {
        let done = self.writer.finished(&mut self.shared.store);
        let any = !done.is_empty();
        for write in done {
            write.apply(self);
        }
        any
    }

    /// While a write waits for another program, says so (and where the draft went);
    /// says whether the screen changed.
    fn say_waiting(&mut self) -> bool {
        let status = self.writer.status();
        let Some(since) = status.waiting_since else {
            // The wait is over: what said so is replaced.
            if !std::mem::take(&mut self.session.waited) {
                return false;
            }
            let done = "The other program let go of the database.";
            let waiting = |m: &Option<String>| m.as_deref().is_some_and(|m| m.contains(WAITING));
            if let Some(composer) = self.composer_mut()
                && waiting(&composer.error)
            {
                composer.error = Some(done.into());
            }
            if waiting(&self.shared.message) {
                self.shared.message = Some(done.into());
            }
            return true;
        };
        self.session.waited = true;
        let waited = since.elapsed().as_secs();
        let mut text = if self.session.quit_requested {
            format!(
                "Quitting once your changes are saved ({} again: now). {WAITING} ({waited}s).",
                self.shared.settings.key_name(self.mode(), Action::Quit)
            )
        } else {
            format!("{WAITING} ({waited}s): your changes are saved as soon as it lets go.")
        };
        if let Some(path) = &status.draft_kept {
            text.push_str(&format!(
                " Your draft is kept in {} meanwhile.",
                path.display()
            ));
        }
        self.draft_note(text);
        true
    }

    /// Rows another program left without their film (its triggers dropped) get a film
    /// again, on the writer, once the app's first frame is up (the writer's connection
    /// would only slow that frame); the app says so when there were some.
    fn rehome_orphans(&mut self) {
        if self.shared.store.is_read_only() {
            return;
        }
        self.keep_derived_up_to_date();
        self.writer.submit(
            Patience::UntilDone,
            |store| store.rehome_orphans(),
            |app: &mut App, done| match done {
                Ok(rehomed) if !rehomed.is_empty() => {
                    app.shared.message = Some(format!(
                        "Gave {} film(s) back to reviews another program had left without one; `marquee check` says more.",
                        rehomed.len()
                    ));
                    if let Err(error) = app.follow_other_writers() {
                        app.shared.message = Some(error.to_string());
                    }
                }
                Ok(_) => {}
                Err(error) => {
                    app.shared.message = Some(format!("Could not check the films: {error}"))
                }
            },
        );
    }

    /// Shows what another process (`marquee log`, an import, another window) wrote,
    /// keeping the selected review selected. Returns whether anything changed.
    pub fn follow_other_writers(&mut self) -> Result<bool> {
        let version = self.shared.store.data_version()?;
        if version == self.session.version {
            return Ok(false);
        }
        self.session.version = version;
        self.keep_derived_up_to_date();
        self.follow_the_film()?;
        self.read_again()?;
        Ok(true)
    }

    /// Reads the film page and every screen again, the selected review kept selected.
    pub(super) fn read_again(&mut self) -> Result<()> {
        let selected = self.page.list.selected_entry().cloned();
        let store = &self.shared.store;
        let kept = self.page.keepable(selected.as_ref()).cloned();
        if let Some(problem) = self.page.reload(store, kept.as_ref())? {
            self.shared.message = Some(problem);
        }
        for screen in &mut self.over {
            screen.refresh(store)?;
        }
        Ok(())
    }

    /// The film shown, as another program left it: changed, under another id (replaced
    /// by `INSERT OR REPLACE`), or deleted; a film that took its id is another film.
    fn follow_the_film(&mut self) -> Result<()> {
        // The same film: its slug, or (given a new slug) its title and year.
        let store = &self.shared.store;
        let shown = &self.page.film;
        let same = store.film(shown.id)?.filter(|film| {
            film.slug == shown.slug || (film.title == shown.title && film.year == shown.year)
        });
        let found = match same {
            Some(film) => Some(film),
            None => store.film_by_slug(&shown.slug)?,
        };
        match found {
            Some(film) => {
                let moved = film.id != self.page.film.id;
                if film.slug != self.page.film.slug {
                    self.film_changed_slug(&film.slug);
                }
                let back = std::mem::take(&mut self.page.gone);
                self.page.film = film.clone();
                if back || moved {
                    self.film_changed_id(film);
                }
            }
            None if !self.page.gone => {
                self.page.gone = true;
                let title = crate::text::sanitize_line(&self.page.film.title_with_year());
                self.draft_note(format!(
                    "{title} was deleted by another program. What you write here is kept, and saving it adds the film back."
                ));
            }
            None => {}
        }
        Ok(())
    }

    /// Has the writer bring the search index and the titles' keys up to date with what
    /// other programs wrote (one such write at a time); the list is read again once it
    /// lands, as after any write.
    fn keep_derived_up_to_date(&mut self) {
        if self.shared.store.is_read_only()
            || std::mem::replace(&mut self.session.upkeep_asked, true)
        {
            return;
        }
        self.writer.submit(
            Patience::UntilDone,
            |store| store.bring_up_to_date(),
            |app: &mut App, done| {
                app.session.upkeep_asked = false;
                if let Err(error) = done {
                    app.shared.message =
                        Some(format!("Could not bring the search up to date: {error}"));
                }
            },
        );
    }

    /// Another program gave the film shown a new slug: the draft being written goes with
    /// it, in the composer and in the database.
    fn film_changed_slug(&mut self, new: &str) {
        let old = self.page.film.slug.clone();
        if let Some(composer) = self.composer_mut() {
            composer.film_slug = new.to_string();
        }
        let new = new.to_string();
        self.writer.submit(
            Patience::UntilDone,
            move |store| store.rename_draft(&old, &new),
            |_app: &mut App, _| {},
        );
        self.composer_changed();
    }

    /// The film shown has another id now: the list and the composer ask for that one.
    pub(super) fn film_changed_id(&mut self, film: crate::model::Film) {
        let id = film.id;
        self.page.moved_to(film);
        if let Some(composer) = self.composer_mut() {
            composer.film_id = id;
        }
    }

    /// Waits until every write asked for has landed, and hands each its answer: for
    /// tests and scripts driving the app, which look at the result next.
    pub fn settle_writes(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if self.take_writes() {
                self.after_change();
            }
            if self.writer.in_flight() == 0 || Instant::now() > deadline {
                return;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}
