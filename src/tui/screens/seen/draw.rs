//! The films you have seen: a row per film with your rating, logs and last day watched.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::store::SeenFilm;
use crate::text;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::screen::Look;
use crate::tui::screens::seen::Seen;

use crate::tui::theme::Theme;
use crate::tui::widgets::shelf_draw::{Shelf, Shown};

pub fn draw(frame: &mut Frame, area: Rect, look: &Look, seen: &Seen) {
    let key = |mode, action| look.settings.key_name(mode, action);
    let shelf = Shelf {
        name: "Films you have seen",
        unit: None,
        empty: format!(
            "No film marked watched yet: log one with {}, or mark it with {} on its page.",
            key(Mode::List, Action::Write),
            key(Mode::List, Action::ToggleWatched)
        ),
        narrowed: format!(
            "No film's title has those letters. {} shows them all.",
            key(super::keys::MODE, Action::Back)
        ),
    };
    let shown = Shown {
        rows: &seen.rows,
        all: seen.count(),
        order: seen.order.label(),
        finder: &seen.finder,
    };
    shelf.draw_rows(frame, area, look, &shown, |film, width, selected, theme| {
        row(look, film, width, selected, theme)
    });
}

/// "Heat (1995)        ★★★★½   2 logs   2025-11-03".
fn row(look: &Look, film: &SeenFilm, width: usize, selected: bool, theme: &Theme) -> Line<'static> {
    let stars = film.rating.map(|r| r.stars()).unwrap_or_default();
    let logs = match film.logs {
        0 => String::new(),
        1 => "1 log".to_string(),
        n => format!("{} logs", text::count(n)),
    };
    // The day watched goes first where the title needs the room.
    let right = if width >= 50 {
        format!(
            "{stars:>5}  {logs:>8}  {:>10}",
            look.settings.day(&film.last)
        )
    } else {
        format!("{stars:>5}")
    };
    crate::tui::widgets::shelf_draw::film_row(
        &film.film.title_with_year(),
        right,
        width,
        selected,
        theme,
    )
}
