//! `/` on the member's screens: a line to type a few letters of a title in, and the
//! letters the screen is narrowed to once Enter keeps them.

use ratatui::style::Style;
use ratatui_textarea::{CursorMove, Input, Key, TextArea};

use crate::text::fold;

#[derive(Default)]
pub struct Finder {
    /// The line being typed in, while it is open.
    pub line: Option<TextArea<'static>>,
    /// The letters the screen is narrowed to.
    pub words: Option<String>,
}

impl Finder {
    /// Opens the line, holding the letters in use.
    pub fn start(&mut self, cursor: Style) {
        let mut line = TextArea::new(vec![self.words.clone().unwrap_or_default()]);
        line.set_cursor_line_style(Style::default());
        line.set_cursor_style(cursor);
        line.move_cursor(CursorMove::End);
        line.set_placeholder_text("a few letters of a title");
        self.line = Some(line);
    }

    pub fn typing(&self) -> bool {
        self.line.is_some()
    }

    /// A key typed into the line (Enter is the keymap's).
    pub fn input(&mut self, input: Input) {
        if let Some(line) = &mut self.line
            && input.key != Key::Enter
        {
            line.input(input);
        }
    }

    /// Closes the line, keeping what it holds (`keep`) or letting go of every letter.
    pub fn finish(&mut self, keep: bool) {
        let typed = self.line.take().map(|l| l.lines().join(" "));
        self.words = typed.filter(|_| keep).filter(|t| !t.trim().is_empty());
    }

    /// Whether a title has the letters in it (case and accents ignored).
    pub fn keeps(&self, title: &str) -> bool {
        self.words
            .as_ref()
            .is_none_or(|w| fold(title).contains(&fold(w.trim())))
    }

    /// " · “hea”", for a screen's title, or nothing.
    pub fn label(&self) -> String {
        self.words.as_ref().map_or_else(String::new, |w| {
            format!(" · “{}”", crate::text::sanitize_line(w))
        })
    }
}

/// What is left of `area` below the finder's line while it is open.
pub fn below_line(area: ratatui::layout::Rect, finder: &Finder) -> ratatui::layout::Rect {
    use ratatui::layout::{Constraint, Layout};
    if finder.line.is_none() {
        return area;
    }
    let [_, rest] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    rest
}

/// The actions the status line hints at while a title is typed.
pub const HINTS: &[(crate::tui::action::Action, &str)] = &[
    (crate::tui::action::Action::Open, "find"),
    (crate::tui::action::Action::Back, "every film"),
];

/// Draws the finder's line at the top of `area` while it is open.
pub fn draw_line(
    frame: &mut ratatui::Frame,
    area: ratatui::layout::Rect,
    finder: &Finder,
    theme: &crate::tui::theme::Theme,
) {
    use ratatui::layout::{Constraint, Layout};
    let Some(line) = &finder.line else {
        return;
    };
    let [find, _] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let [label, input] =
        Layout::horizontal([Constraint::Length(6), Constraint::Fill(1)]).areas(find);
    frame.render_widget(
        ratatui::widgets::Paragraph::new(ratatui::text::Span::styled("Find: ", theme.key)),
        label,
    );
    super::text_box::draw_line(frame, input, line);
}
