//! The films you have seen: a row per film with your rating, logs and last day watched.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::store::SeenFilm;
use crate::text;
use crate::tui::app::App;
use crate::tui::seen::Seen;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, seen: &Seen) {
    let theme = &app.theme;
    let n = seen.rows.items().len();
    let total = seen.count();
    let shown = if n == total {
        text::count(n as u64)
    } else {
        format!("{} of {}", text::count(n as u64), text::count(total as u64))
    };
    let title = format!(
        " Films you have seen · {shown} · {}{} ",
        seen.sort.label(),
        seen.finder.label()
    );
    let block = Block::bordered()
        .border_style(theme.accent)
        .title(Span::styled(title, theme.accent));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let inner = crate::tui::finder::draw_line(frame, inner, &seen.finder, theme);
    let height = usize::from(inner.height);
    seen.rows.page_rows.set(height.max(1));
    if n == 0 {
        let note = if total == 0 {
            "No film marked watched yet: log one with w, or mark it with v on its page."
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
    let top = (seen.rows.selected + 1).saturating_sub(height);
    seen.rows.drawn.set((inner, top));
    let width = usize::from(inner.width);
    let lines: Vec<Line> = seen
        .rows
        .items()
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(i, film)| row(film, width, i == seen.rows.selected, theme))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// "Heat (1995)        ★★★★½   2 logs   2025-11-03".
fn row(film: &SeenFilm, width: usize, selected: bool, theme: &Theme) -> Line<'static> {
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
            text::sanitize_line(&film.last)
        )
    } else {
        format!("{stars:>5}")
    };
    let title = text::sanitize_line(&film.film.title_with_year());
    let room = width.saturating_sub(text::width(&right) + 3);
    let title = text::truncate(&title, room);
    let gap = room.saturating_sub(text::width(&title));
    let mark = if selected { "▌" } else { " " };
    let mut line = Line::from(vec![
        Span::styled(mark.to_string(), theme.selection_mark),
        Span::styled(title, if selected { theme.accent } else { theme.title }),
        Span::raw(" ".repeat(gap + 2)),
        Span::styled(right, theme.muted),
    ]);
    if selected {
        line = line.style(theme.selection);
    }
    line
}
