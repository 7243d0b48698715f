//! Where the app's frame puts things: the screens above, the status line below, and the
//! least room in which anything is drawn. Keys and drawing both go by it.

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this the app shows only a "terminal too small" note.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 8;

/// Whether a terminal of `area` is too small to show anything but a note saying so.
pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// The screens' area: all but the status line.
pub fn main_area(area: Rect) -> Rect {
    areas(area).0
}

pub fn areas(area: Rect) -> (Rect, Rect) {
    let [main, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    (main, status)
}
