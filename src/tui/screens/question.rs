//! A yes/no question in a small box over the screen; the app acts on the answer.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::store::Result;
use crate::text;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::screen::{Cx, Look, Question, Request, Screen, Step};

pub struct Asking {
    question: Question,
    /// The question as the box words it.
    asked: String,
}

impl Asking {
    /// `question`, about the film `title`.
    pub fn new(question: Question, title: &str) -> Asking {
        let title = text::sanitize_line(title);
        let asked = match &question {
            Question::Discard { editing: true } => "Discard your changes?".to_string(),
            Question::Discard { editing: false } => "Discard what you wrote?".to_string(),
            Question::DeleteList { name, .. } => {
                format!("Delete your list {}?", text::sanitize_line(name))
            }
            Question::OffWatchlist => format!("Logged. Take {title} off your watchlist?"),
            Question::Delete { .. } => format!("Delete your review of {title}?"),
            Question::QuitLosing => {
                "What you typed could be kept nowhere (is the disk full?). Quit and lose it?".into()
            }
        };
        Asking { question, asked }
    }

    pub fn question(&self) -> &Question {
        &self.question
    }
}

impl Screen for Asking {
    fn mode(&self) -> Mode {
        Mode::Confirm
    }

    fn is_overlay(&self) -> bool {
        true
    }

    fn act(&mut self, action: Action, _cx: &mut Cx) -> Result<Step> {
        let yes = match action {
            Action::Yes => true,
            Action::No => false,
            // Nothing else while a question waits.
            _ => return Ok(Step::Done),
        };
        Ok(Step::CloseThen(Request::Answered(
            self.question.clone(),
            yes,
        )))
    }

    fn hints(&self) -> &'static [(Action, &'static str)] {
        &[(Action::Yes, "yes"), (Action::No, "no")]
    }

    fn draw(&self, frame: &mut Frame, area: Rect, look: &Look) {
        let asked = self.asked.clone();
        let key = |action| {
            look.settings
                .keymap
                .keys(Mode::Confirm, action)
                .first()
                .map(ToString::to_string)
                .unwrap_or_default()
        };
        let answers = Line::from(vec![
            Span::styled(key(Action::Yes), look.settings.theme.key),
            Span::styled(" yes   ", look.settings.theme.text),
            Span::styled(key(Action::No), look.settings.theme.key),
            Span::styled(" no", look.settings.theme.text),
        ]);
        // The question wrapped to the room there is, a line for the answers below it.
        let room = usize::from(area.width.saturating_sub(4)).max(1);
        let rows = usize::from(area.height.saturating_sub(3)).max(1);
        let (asked, more) = text::wrap_at_most(&asked, room, rows);
        let asked = text::mark_more(asked, more, room);
        let widest = asked.iter().map(|l| text::width(l)).max().unwrap_or(0);
        let width = crate::tui::widgets::chrome::fit(widest.max(answers.width()), 4, area.width);
        let height = crate::tui::widgets::chrome::fit(asked.len(), 3, area.height);
        let popup = crate::tui::widgets::chrome::centered(area, width, height);
        let block = Block::bordered().border_style(look.settings.theme.warning);
        let inner = block.inner(popup).inner(Margin::new(1, 0));
        frame.render_widget(Clear, popup);
        frame.render_widget(block, popup);
        let mut lines: Vec<Line> = asked
            .into_iter()
            .map(|l| Line::styled(l, look.settings.theme.warning))
            .collect();
        lines.push(answers);
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
