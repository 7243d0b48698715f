//! The watchlist: a row per film with the day it was added.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::store::WatchlistFilm;
use crate::text;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::watchlist::Watchlist;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, watchlist: &Watchlist) {
    let theme = &app.theme;
    let n = watchlist.films().len();
    let total = watchlist.count();
    let shown = if n == total {
        format!(
            "{} film{}",
            text::count(n as u64),
            if n == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{} of {} films",
            text::count(n as u64),
            text::count(total as u64)
        )
    };
    let title = format!(
        " Watchlist · {shown} · {}{} ",
        watchlist.sort.label(),
        watchlist.finder.label()
    );
    let block = Block::bordered()
        .border_style(theme.accent)
        .title(Span::styled(title, theme.accent));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let inner = crate::tui::finder::draw_line(frame, inner, &watchlist.finder, theme);
    let height = usize::from(inner.height);
    watchlist.rows.page_rows.set(height.max(1));
    if n == 0 {
        let note = if total == 0 {
            "Nothing on your watchlist. Press a on a film's page to put it here."
        } else {
            "No film's title has those letters. Esc shows them all."
        };
        let lines: Vec<Line> = text::wrap(note, usize::from(inner.width))
            .into_iter()
            .map(|l| Line::styled(l, theme.muted))
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    // The highlighted film in view, at the bottom once past the first screen.
    let top = (watchlist.rows.selected + 1).saturating_sub(height);
    watchlist.rows.drawn.set((inner, top));
    let width = usize::from(inner.width);
    let lines: Vec<Line> = watchlist
        .films()
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(i, film)| row(film, width, i == watchlist.rows.selected, theme))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// "Playtime (1967)                       added 2024-03-01".
fn row(film: &WatchlistFilm, width: usize, selected: bool, theme: &Theme) -> Line<'static> {
    // The day added goes first where the title needs the room.
    let added = if width >= 40 {
        format!("added {}", text::sanitize_line(&film.added))
    } else {
        String::new()
    };
    let title = text::sanitize_line(&film.film.title_with_year());
    let room = width.saturating_sub(text::width(&added) + 3);
    let title = text::truncate(&title, room);
    let gap = room.saturating_sub(text::width(&title));
    let mark = if selected { "▌" } else { " " };
    let mut line = Line::from(vec![
        Span::styled(mark.to_string(), theme.selection_mark),
        Span::styled(title, if selected { theme.accent } else { theme.title }),
        Span::raw(" ".repeat(gap + 2)),
        Span::styled(added, theme.muted),
    ]);
    if selected {
        line = line.style(theme.selection);
    }
    line
}
