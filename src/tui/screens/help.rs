//! The help overlay, generated from the keymap so it always tells the truth.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::text;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::widgets::scroll::Scroll;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, scroll: &Scroll) {
    let lines = help_lines(app, usize::from(area.width.saturating_sub(4)));
    let content_width = lines.iter().map(Line::width).max().unwrap_or(0);
    let width = (content_width as u16 + 4).min(area.width);
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = crate::tui::widgets::chrome::centered(area, width, height);
    let visible = usize::from(height.saturating_sub(2));
    let from = scroll.measure(visible, lines.len());
    let mut block = Block::bordered()
        .border_style(app.theme.accent)
        .title(Span::styled(" Keys ", app.theme.accent));
    if scroll.more_below() {
        block = block.title_bottom(Span::styled(" more below ↓ ", app.theme.accent));
    }
    let inner = block.inner(popup).inner(Margin::new(1, 0));
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let shown: Vec<Line> = lines.into_iter().skip(from).take(visible).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// A section per mode, the one under the overlay first: its keys and what they do, side
/// by side, or what they do below the keys where `width` has no room for both.
fn help_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let under = app.base_mode();
    let mut modes = vec![under];
    modes.extend(Mode::ALL.into_iter().filter(|&m| m != under));
    let sections: Vec<(Mode, Vec<(String, String)>)> = modes
        .into_iter()
        .map(|mode| (mode, app.keymap().help(mode)))
        .collect();
    let key_width = sections
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(keys, _)| text::width(keys)))
        .max()
        .unwrap_or(0);
    let mut lines = Vec::new();
    for (mode, rows) in sections {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(mode.title(), theme.title));
        for (keys, what) in rows {
            let pad = key_width - text::width(&keys);
            if 2 + key_width + 2 + text::width(&what) <= width {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {keys}{}", " ".repeat(pad)), theme.key),
                    Span::styled(format!("  {what}"), theme.text),
                ]));
                continue;
            }
            lines.push(Line::styled(format!("  {keys}"), theme.key));
            for part in text::wrap(&what, width.saturating_sub(4).max(1)) {
                lines.push(Line::styled(format!("    {part}"), theme.text));
            }
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled("The mouse wheel scrolls too.", theme.muted));
    lines
}
