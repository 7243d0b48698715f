//! What the app does when a screen has acted: closing it, opening another, another
//! film's page, and what a screen asks of it (`Request`).

use super::App;
use crate::store::Result;
use crate::tui::screen::{Question, Request, Step};
use crate::tui::screens::question::Asking;

impl App {
    /// Does what the screen at `at` (the film page for `None`) asked for.
    pub(super) fn take_step(&mut self, at: Option<usize>, step: Step) -> Result<()> {
        match step {
            Step::Done | Step::Pass => {}
            Step::Close => self.close_from(at.unwrap_or(0)),
            Step::CloseThen(request) => {
                self.close_from(at.unwrap_or(0));
                self.request(request)?;
            }
            Step::Open(screen) => {
                self.close_from(0);
                self.over.push(screen);
            }
            Step::Over(screen) => self.over.push(screen),
            Step::Film(film, at) => self.open_film(film, at.as_deref())?,
            Step::Do(request) => self.request(request)?,
        }
        Ok(())
    }

    fn request(&mut self, request: Request) -> Result<()> {
        match request {
            Request::Ask(question) => self.ask(question),
            Request::Answered(question, yes) => self.answered(question, yes)?,
            Request::Write => self.write()?,
            Request::Edit(entry) => self.edit(*entry)?,
            Request::ToggleMark(mark) => self.toggle_mark(mark),
            Request::OffWatchlist(film) => self.set_watchlist(&film, false),
            Request::Filter(filter) => {
                let area = self.area();
                let mut cx = super::cx_of(&mut self.shared, area);
                self.page.set_filter(&mut cx, filter)?;
            }
            Request::Save => self.save_as(false)?,
            Request::SaveAsNew => self.save_as(true)?,
            Request::CancelComposer => self.cancel_composer(),
            Request::TakeTheirs(theirs) => self.take_theirs(theirs)?,
            Request::BackToText => {
                if let Some(composer) = self.composer_mut() {
                    composer.field = crate::tui::screens::composer::Field::Text;
                }
            }
            Request::AddToList { id, name, film } => self.add_to_list(id, name, film),
            Request::RemovedFromList { id, film_id } => self.remove_from_list(id, film_id),
            Request::PutBack {
                id,
                film_id,
                position,
                note,
            } => self.put_back_in_list(id, film_id, position, note),
            Request::MovedInList { id, film_id, up } => self.move_in_list(id, film_id, up),
            Request::KeepListName { name, renaming } => self.keep_list_name(name, renaming),
        }
        Ok(())
    }

    /// Puts a yes/no question over the screen.
    pub(super) fn ask(&mut self, question: Question) {
        let title = self.page.film.title_with_year();
        self.over.push(Box::new(Asking::new(question, &title)));
    }

    fn answered(&mut self, question: Question, yes: bool) -> Result<()> {
        if !yes {
            return Ok(());
        }
        match question {
            Question::Discard { .. } => self.discard_draft(),
            Question::DeleteList { id, .. } => self.delete_list(id),
            Question::OffWatchlist => {
                let film = self.page.film.clone();
                self.set_watchlist(&film, false);
            }
            Question::Delete { id, then } => {
                self.close_from(0);
                self.delete_review(id, then.map(|e| *e));
            }
            Question::QuitLosing => self.session.quit_now = true,
        }
        Ok(())
    }
}
