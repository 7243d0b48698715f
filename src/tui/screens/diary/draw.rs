//! The diary: the member's logs under month headings, as Letterboxd writes them
//! ("November 2026"), each with its day, film, rating and marks.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::store::DiaryEntry;
use crate::text;
use crate::tui::app::App;
use crate::tui::screens::diary::Diary;
use crate::tui::theme::Theme;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn draw(frame: &mut Frame, area: Rect, app: &App, diary: &Diary) {
    let theme = &app.theme;
    let title = format!(" Diary · {} · {} ", diary.describe(), diary.count_text());
    let block =
        Block::bordered()
            .border_style(theme.accent)
            .title(crate::tui::widgets::chrome::box_title(
                &title,
                area.width,
                theme.accent,
            ));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let inner = crate::tui::widgets::finder::draw_line(frame, inner, &diary.finder, theme);
    let height = usize::from(inner.height);
    if diary.rows().is_empty() {
        let note = if diary.total() == 0 && diary.query == Default::default() {
            "No logs yet. Log a film with w on its page, or import your Letterboxd diary."
        } else {
            "No logs match. 0 shows every rating, y the other years."
        };
        crate::tui::widgets::chrome::note(frame, inner, note, theme);
        return;
    }
    let top = scroll_top(diary, height);
    diary.top.set(top);
    let width = usize::from(inner.width);
    let mut lines = Vec::with_capacity(height);
    let mut shown = 0;
    let mut month = None;
    let mut drawn = Vec::new();
    for (i, log) in diary.rows().iter().enumerate().skip(top) {
        let this_month = log.day.get(..7);
        if month != this_month {
            if lines.len() + 2 > height {
                break;
            }
            lines.push(Line::styled(month_heading(&log.day), theme.title));
            month = this_month;
        }
        if lines.len() >= height {
            break;
        }
        drawn.push((
            Rect {
                y: inner.y + lines.len() as u16,
                height: 1,
                ..inner
            },
            i,
        ));
        lines.push(row(log, width, i == diary.selected, theme));
        shown += 1;
    }
    *diary.drawn.borrow_mut() = drawn;
    diary.page_rows.set(shown.max(1));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The first log to draw: the last frame's, moved just enough that the highlighted log
/// is on screen (a month heading takes a line above it).
fn scroll_top(diary: &Diary, height: usize) -> usize {
    let selected = diary.selected;
    let mut top = diary.top.get().min(selected);
    // Lines from `top` to the selected log, with the headings between them.
    let lines_to = |top: usize| {
        let rows = &diary.rows()[top..=selected];
        let mut months = 1;
        for pair in rows.windows(2) {
            if pair[0].day.get(..7) != pair[1].day.get(..7) {
                months += 1;
            }
        }
        rows.len() + months
    };
    while top < selected && lines_to(top) > height {
        top += 1;
    }
    top
}

/// "November 2026".
fn month_heading(day: &str) -> String {
    let month = day
        .get(5..7)
        .and_then(|m| m.parse::<usize>().ok())
        .and_then(|m| MONTHS.get(m.wrapping_sub(1)));
    match (month, day.get(..4)) {
        (Some(month), Some(year)) => format!("{month} {year}"),
        _ => text::sanitize_line(day),
    }
}

/// " 14  The Report (2019)     ★★★★½ ♥ ↺ ✎": the day, the film, the rating and marks.
fn row(log: &DiaryEntry, width: usize, selected: bool, theme: &Theme) -> Line<'static> {
    let entry = &log.entry;
    let day = log.day.get(8..10).unwrap_or("  ").to_string();
    let stars = entry.rating.map(|r| r.stars()).unwrap_or_default();
    let marks = [
        (entry.liked, "♥"),
        (entry.rewatch, "↺"),
        (!entry.body.is_empty(), "✎"),
    ]
    .iter()
    .map(|&(on, sign)| if on { sign } else { " " })
    .collect::<Vec<_>>()
    .join(" ");
    let right = format!("{stars:>5}  {marks}");
    let title = text::sanitize_line(&log.film.title_with_year());
    // The mark, the day and its gap (5), the gap before the stars (2).
    let room = width.saturating_sub(text::width(&right) + 7);
    let title = text::truncate(&title, room);
    let gap = room.saturating_sub(text::width(&title));
    let mark = if selected { "▌" } else { " " };
    let mut line = Line::from(vec![
        Span::styled(mark.to_string(), theme.selection_mark),
        Span::styled(format!("{day}  "), theme.muted),
        Span::styled(title, if selected { theme.accent } else { theme.title }),
        Span::raw(" ".repeat(gap + 2)),
        Span::styled(format!("{stars:>5}"), theme.stars),
        Span::styled(format!("  {marks}"), theme.accent),
    ]);
    if selected {
        line = line.style(theme.selection);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_headed_as_letterboxd_writes_them() {
        assert_eq!(month_heading("2026-11-29"), "November 2026");
        assert_eq!(month_heading("2024-01-01"), "January 2024");
        assert_eq!(month_heading("garbage"), "garbage");
    }
}
