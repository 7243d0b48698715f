//! What every screen's boxes share: titles fitted to their border, popups centred, the
//! muted note an empty screen shows.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::text;

/// A popup of `width` by `height` in the middle of `area` (an odd leftover goes right
/// and below, as every popup has always been drawn).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let (width, height) = (width.min(area.width), height.min(area.height));
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// A box's title as it fits on the top border of a box `width` wide: cut with `…`
/// where it is longer, never cut short without saying so.
pub fn box_title(title: &str, width: u16, style: ratatui::style::Style) -> Span<'static> {
    let room = usize::from(width.saturating_sub(2));
    let trimmed = title.trim_end();
    let fitted = if text::width(title) <= room {
        title.to_string()
    } else {
        format!("{} ", text::truncate(trimmed, room.saturating_sub(1)))
    };
    Span::styled(fitted, style)
}

/// A muted note filling `area`, wrapped: what an empty screen says.
pub fn note(frame: &mut Frame, area: Rect, note: &str, app_theme: &crate::tui::theme::Theme) {
    let lines: Vec<Line> = text::wrap(note, usize::from(area.width))
        .into_iter()
        .map(|l| Line::styled(l, app_theme.muted))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// `n` columns or rows and `extra` (borders, padding), at most `most`: saturating, so a
/// 65,000-character title can't wrap the arithmetic of a box around it.
pub fn fit(n: usize, extra: u16, most: u16) -> u16 {
    u16::try_from(n)
        .unwrap_or(u16::MAX)
        .saturating_add(extra)
        .min(most)
}
