//! Where the film page's parts are at a size: the pane, the histogram's bars, the list
//! and the reviews it shows. One function of the page's state and the area, which the
//! keys (a page down, a click) and the drawing both go by.

use ratatui::layout::{Constraint, Layout, Rect};

use super::list::{self, Measure, Placed};
use super::pane;
use crate::tui::screen::Look;

/// From this width the film pane stands beside the list instead of above it.
pub const WIDE: u16 = 100;

pub struct PageLayout {
    pub pane: Rect,
    pub list: Rect,
    /// The pane beside the list (else above it).
    pub wide: bool,
    /// Where each histogram bar is, by half-stars.
    pub bars: Vec<(Rect, u8)>,
    pub reviews: Placed,
}

/// The page in `area`, the list scrolled from where the last key left it, reviews
/// measured by `measure`.
pub fn layout(look: &Look, area: Rect, measure: &mut Measure) -> PageLayout {
    let wide = area.width >= WIDE;
    let (pane, list) = if wide {
        let pane_width = (area.width * 36 / 100).clamp(34, 50);
        let [pane, list] =
            Layout::horizontal([Constraint::Length(pane_width), Constraint::Fill(1)]).areas(area);
        (pane, list)
    } else {
        // Stacked: the film pane gets a quarter of the height, the list the rest.
        let pane_height = (area.height / 4).clamp(3, 6);
        let [pane, list] =
            Layout::vertical([Constraint::Length(pane_height), Constraint::Fill(1)]).areas(area);
        (pane, list)
    };
    PageLayout {
        pane,
        list,
        wide,
        bars: pane::bars(pane, wide, look),
        reviews: list::place(list, look, look.page.top, measure),
    }
}

/// The page as drawing and keys see it, measuring what the cache of heights lacks (and
/// forgetting it: `FilmPage::settle` keeps it).
pub fn looked(look: &Look, area: Rect) -> PageLayout {
    layout(look, area, &mut |entry, width, height| {
        list::item_height(look, entry, width, height)
    })
}
