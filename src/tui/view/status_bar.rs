//! The bottom line: where you are in the list, and the main keys (or a message).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::text;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;

/// The actions worth a hint in each mode, with short labels.
fn hinted(mode: Mode) -> &'static [(Action, &'static str)] {
    match mode {
        Mode::List => &[
            (Action::Next, "next"),
            (Action::Prev, "prev"),
            (Action::Open, "read"),
            (Action::Write, "write"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
        Mode::Reader => &[
            (Action::Next, "scroll"),
            (Action::Back, "back"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
        Mode::Composer => &[
            (Action::NextField, "next field"),
            (Action::Save, "save"),
            (Action::ExternalEditor, "editor"),
            (Action::Back, "cancel"),
            (Action::Help, "help"),
        ],
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
        Mode::Confirm => &[(Action::Yes, "yes"), (Action::No, "no")],
        Mode::Help => &[(Action::Back, "close"), (Action::Quit, "quit")],
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let total = app.list.total();
    let position = if total == 0 {
        "0/0".to_string()
    } else {
        format!(
            "{}/{}",
            text::count(app.list.selected() as u64 + 1),
            text::count(total as u64)
        )
    };
    let mut spans = vec![Span::styled(format!(" {position} "), theme.accent)];
    match &app.message {
        Some(message) => spans.push(Span::styled(text::sanitize_line(message), theme.warning)),
        None => {
            if app.mode() == Mode::RatingField {
                spans.push(Span::styled(star_keys(app), theme.key));
                spans.push(Span::styled(" stars · ", theme.muted));
            }
            for (i, (key, label)) in app
                .keymap()
                .hints(app.mode(), hinted(app.mode()))
                .into_iter()
                .enumerate()
            {
                if i > 0 {
                    spans.push(Span::styled(" · ", theme.muted));
                }
                spans.push(Span::styled(key, theme.key));
                spans.push(Span::styled(format!(" {label}"), theme.muted));
            }
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// "1–5": the keys that set whole stars.
fn star_keys(app: &App) -> String {
    let key = |n| {
        app.keymap()
            .keys(Mode::RatingField, Action::Stars(n))
            .first()
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    format!("{}–{}", key(1), key(5))
}
