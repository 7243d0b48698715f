//! The film page drawn: the pane (beside the list on a wide terminal, above it on a
//! narrow one) and the review list, where `layout` puts them.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::layout::looked;
use super::{list, pane};
use crate::tui::screen::Look;

pub fn draw(frame: &mut Frame, area: Rect, look: &Look) {
    let layout = looked(look, area);
    if layout.wide {
        pane::draw_tall(frame, layout.pane, look);
    } else {
        pane::draw_short(frame, layout.pane, look);
    }
    list::draw(frame, layout.list, look, &layout.reviews);
}
