//! Drawing: a function of the app's state that never asks the store and writes nothing.
//! The film page, or the screen over it; the overlays over that; the status line; and a
//! message just above it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::text;
use crate::tui::app::App;
use crate::tui::areas::{MIN_HEIGHT, MIN_WIDTH, areas, too_small};
use crate::tui::screens::film;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if too_small(area) {
        draw_too_small(frame, area, app);
        return;
    }
    let (main, status) = areas(area);
    let look = app.look();
    let screens = app.screens();
    // The topmost screen that is not an overlay fills the area (the film page when none
    // is); the overlays above it are drawn over it, in order.
    let base = screens.iter().rposition(|s| !s.is_overlay());
    match base {
        Some(at) => screens[at].draw(frame, main, &look),
        None => film::draw::draw(frame, main, &look),
    }
    for overlay in &screens[base.map_or(0, |at| at + 1)..] {
        overlay.draw(frame, main, &look);
    }
    crate::tui::status_line::draw(frame, status, app);
    if let Some(message) = app.message() {
        toast(frame, main, message, app);
    }
}

/// A message on the line above the status line, until the next key.
fn toast(frame: &mut Frame, main: Rect, message: &str, app: &App) {
    if main.height == 0 {
        return;
    }
    let row = Rect {
        y: main.bottom() - 1,
        height: 1,
        ..main
    };
    let text = text::truncate(
        &format!(" {} ", text::sanitize_line(message)),
        usize::from(row.width),
    );
    frame.render_widget(ratatui::widgets::Clear, row);
    frame.render_widget(
        Paragraph::new(Line::styled(text, app.settings().theme.toast)),
        row,
    );
}

/// Says the terminal is too small, in as much of the sentence as fits.
fn draw_too_small(frame: &mut Frame, area: Rect, app: &App) {
    let note = format!(
        "Terminal too small: {}x{}, need {MIN_WIDTH}x{MIN_HEIGHT}. q quits.",
        area.width, area.height
    );
    let lines: Vec<Line> = text::wrap(&note, usize::from(area.width))
        .into_iter()
        .map(|l| Line::styled(l, app.settings().theme.warning))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
