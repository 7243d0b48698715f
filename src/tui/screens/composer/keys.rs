//! The composer's keys: moving between fields, the rating, the switches, typing and
//! pasting into the text fields; saving and closing are the app's (the draft, the
//! writer).

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Composer, Field};
use crate::store::Result;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::screen::{Cx, Listing, Look, Request, Screen, Step};
use crate::tui::widgets::text_box;

impl Composer {
    /// Up and Down (and Ctrl-p, Ctrl-n) in the review's text go a row up or down as it is
    /// wrapped on screen; says whether `input` was one of them.
    fn row_up_or_down(&mut self, input: &ratatui_textarea::Input) -> bool {
        use ratatui_textarea::Key;
        let down = match (input.key, input.ctrl, input.alt) {
            (Key::Up, false, false) | (Key::Char('p'), true, false) => false,
            (Key::Down, false, false) | (Key::Char('n'), true, false) => true,
            _ => return false,
        };
        if self.field != Field::Text || self.text_width == 0 {
            return false;
        }
        let lines = self.text.lines();
        let rows = text_box::wrap(lines, self.text_width);
        let cursor = (self.text.cursor().0, self.text.cursor().1);
        if let Some((row, col)) = text_box::vertical(&rows, lines, cursor, down) {
            // The text area counts in u16: a line longer than that ends at its limit.
            let cell = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
            let jump = ratatui_textarea::CursorMove::Jump(cell(row), cell(col));
            self.text.move_cursor(jump);
        }
        true
    }
}

impl Screen for Composer {
    fn mode(&self) -> Mode {
        match self.field {
            Field::Rating => Mode::RatingField,
            field if field.is_toggle() => Mode::ToggleField,
            _ => Mode::Composer,
        }
    }

    fn act(&mut self, action: Action, _cx: &mut Cx) -> Result<Step> {
        self.error = None;
        match action {
            Action::NextField => self.next_field(),
            Action::PrevField => self.prev_field(),
            // In the rating and the switches, next and prev go from field to field.
            Action::Next => self.next_field(),
            Action::Prev => self.prev_field(),
            Action::Stars(n) => self.set_stars(n),
            Action::AddHalf => self.add_half(),
            Action::RemoveHalf => self.remove_half(),
            Action::ClearRating => self.clear_rating(),
            Action::Toggle => self.toggle(),
            Action::Save => return Ok(Step::Do(Request::Save)),
            Action::Back => return Ok(Step::Do(Request::CancelComposer)),
            _ => return Ok(Step::Pass),
        }
        Ok(Step::Done)
    }

    fn typed(&mut self, input: ratatui_textarea::Input, _cx: &mut Cx) -> Result<Step> {
        self.error = None;
        if !self.row_up_or_down(&input) {
            self.input(input);
        }
        Ok(Step::Done)
    }

    /// Keeps the text's first row shown where the cursor is in view, at the width the
    /// text is drawn.
    fn settle(&mut self, _look: &Look, area: Rect) {
        let text = super::draw::areas(area, self).text;
        self.text_width = usize::from(text.width);
        let lines = self.text.lines();
        let rows = text_box::wrap(lines, self.text_width);
        let cursor = (self.text.cursor().0, self.text.cursor().1);
        let row = text_box::locate(&rows, lines, cursor).0;
        self.text_top = text_box::top(self.text_top, row, usize::from(text.height));
    }

    fn paste(&mut self, text: &str) -> bool {
        Composer::paste(self, text);
        true
    }

    fn draw(&self, frame: &mut Frame, area: Rect, look: &Look) {
        super::draw::draw(frame, area, look, self);
    }

    fn listed(&self) -> Listing {
        Listing::Page
    }

    fn hints(&self) -> &'static [(Action, &'static str)] {
        match self.mode() {
            Mode::RatingField => &[
                (Action::AddHalf, "+½"),
                (Action::RemoveHalf, "−½"),
                (Action::NextField, "next field"),
                (Action::Save, "save"),
                (Action::Back, "cancel"),
            ],
            Mode::ToggleField => &[
                (Action::Toggle, "switch"),
                (Action::NextField, "next field"),
                (Action::Save, "save"),
                (Action::Back, "cancel"),
            ],
            _ => &[
                (Action::NextField, "next field"),
                (Action::Save, "save"),
                (Action::ExternalEditor, "editor"),
                (Action::Back, "cancel"),
                (Action::Help, "help"),
            ],
        }
    }
}
