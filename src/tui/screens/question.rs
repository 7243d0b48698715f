//! A yes/no question in a small box over the screen.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::text;
use crate::tui::action::Action;
use crate::tui::app::{App, Question};
use crate::tui::keymap::Mode;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, question: &Question) {
    let asked = match question {
        Question::Discard if app.composer().is_some_and(|c| c.editing.is_some()) => {
            "Discard your changes?".to_string()
        }
        Question::Discard => "Discard what you wrote?".to_string(),
        Question::DeleteList { name, .. } => {
            format!("Delete your list {}?", text::sanitize_line(name))
        }
        Question::OffWatchlist => format!(
            "Logged. Take {} off your watchlist?",
            text::sanitize_line(&app.film.title_with_year())
        ),
        Question::Delete { .. } => format!(
            "Delete your review of {}?",
            text::sanitize_line(&app.film.title_with_year())
        ),
        Question::QuitLosing => {
            "What you typed could be kept nowhere (is the disk full?). Quit and lose it?".into()
        }
    };
    let key = |action| {
        app.keymap()
            .keys(Mode::Confirm, action)
            .first()
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    let answers = Line::from(vec![
        Span::styled(key(Action::Yes), app.theme.key),
        Span::styled(" yes   ", app.theme.text),
        Span::styled(key(Action::No), app.theme.key),
        Span::styled(" no", app.theme.text),
    ]);
    let width = (text::width(&asked).max(answers.width()) as u16 + 4).min(area.width);
    let height = 4.min(area.height);
    let popup = crate::tui::widgets::chrome::centered(area, width, height);
    let block = Block::bordered().border_style(app.theme.warning);
    let inner = block.inner(popup).inner(Margin::new(1, 0));
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let lines = vec![Line::styled(asked, app.theme.warning), answers];
    frame.render_widget(Paragraph::new(lines), inner);
}
