//! Quitting: once the app's writes have landed and its draft is kept somewhere; asked
//! again, at once.

use super::{App, Effect};
use crate::tui::action::Action;
use crate::tui::screen::{self, Question};
use crate::tui::screens::question::Asking;

impl App {
    /// `q`: ends the app once its writes have landed, and its draft is kept somewhere;
    /// asked again, at once.
    pub(super) fn quit(&mut self) -> Effect {
        // Asked whether to lose what can be kept nowhere, and quitting again: go.
        let asked = screen::find::<Asking>(&self.over[self.over.len().saturating_sub(1)..]);
        if asked.is_some_and(|a| *a.question() == Question::QuitLosing) {
            return Effect::Quit;
        }
        if std::mem::replace(&mut self.session.quit_requested, true) && self.writer.in_flight() > 0
        {
            return Effect::Quit;
        }
        self.finish_quit()
    }

    /// Quits now if nothing is left to write, keeping the draft first; when it can be
    /// kept nowhere, asks.
    fn finish_quit(&mut self) -> Effect {
        if self.writer.in_flight() > 0 {
            self.shared.message = Some(format!(
                "Quitting once your changes are saved… ({} again quits without waiting)",
                self.shared.settings.key_name(self.mode(), Action::Quit)
            ));
            return Effect::None;
        }
        if !self.flush_draft().is_kept() {
            self.session.quit_requested = false;
            self.ask(Question::QuitLosing);
            return Effect::None;
        }
        Effect::Quit
    }

    /// Whether the app asked to quit and its last write has landed: the loop ends.
    pub fn ready_to_quit(&mut self) -> bool {
        self.session.quit_requested
            && self.writer.in_flight() == 0
            && self.finish_quit() == Effect::Quit
    }
}
