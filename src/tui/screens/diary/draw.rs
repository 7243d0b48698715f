//! The diary: the member's logs under month headings, as Letterboxd writes them
//! ("November 2026"), each with its day, film, rating and marks.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::store::DiaryEntry;
use crate::text;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::screen::Look;
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

/// Where the diary's lines go: month headings and logs, from the log at `top`.
pub struct DiaryLayout {
    /// Inside the border, below the finder's line.
    pub inner: Rect,
    pub top: usize,
    /// Each line: a heading for the month of the log at that position, or the log.
    pub lines: Vec<(Rect, Drawn)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drawn {
    Heading(usize),
    Log(usize),
}

impl DiaryLayout {
    /// The rows of logs, with their positions.
    pub fn rows(&self) -> impl Iterator<Item = (Rect, usize)> + '_ {
        self.lines.iter().filter_map(|&(rect, line)| match line {
            Drawn::Log(i) => Some((rect, i)),
            Drawn::Heading(_) => None,
        })
    }
}

fn block(title: &str, area: Rect, look: &Look) -> Block<'static> {
    Block::bordered()
        .border_style(look.settings.theme.accent)
        .title(crate::tui::widgets::chrome::box_title(
            title,
            area.width,
            look.settings.theme.accent,
        ))
}

/// The diary in `area`: scrolled from where the last change left it (`diary.top`), just
/// enough that the highlighted log is on screen (a month heading takes a line above it).
pub fn layout(diary: &Diary, area: Rect) -> DiaryLayout {
    let inner = Block::bordered().inner(area).inner(Margin::new(1, 0));
    let inner = crate::tui::widgets::finder::below_line(inner, &diary.finder);
    let height = usize::from(inner.height);
    let top = scroll_top(diary, height);
    let mut lines = Vec::with_capacity(height);
    let mut month = None;
    let line = |n: usize| Rect {
        y: inner.y + n as u16,
        height: 1,
        ..inner
    };
    for (i, log) in diary.rows().iter().enumerate().skip(top) {
        let this_month = log.day.get(..7);
        if month != this_month {
            if lines.len() + 2 > height {
                break;
            }
            lines.push((line(lines.len()), Drawn::Heading(i)));
            month = this_month;
        }
        if lines.len() >= height {
            break;
        }
        lines.push((line(lines.len()), Drawn::Log(i)));
    }
    DiaryLayout { inner, top, lines }
}

pub fn draw(frame: &mut Frame, area: Rect, look: &Look, diary: &Diary) {
    let theme = &look.settings.theme;
    let title = format!(" Diary · {} · {} ", diary.describe(), diary.count_text());
    frame.render_widget(block(&title, area, look), area);
    let inside = Block::bordered().inner(area).inner(Margin::new(1, 0));
    crate::tui::widgets::finder::draw_line(frame, inside, &diary.finder, theme);
    let layout = layout(diary, area);
    if diary.rows().is_empty() {
        let key = |action| look.settings.key_name(super::keys::MODE, action);
        let note = if diary.total() == 0 && diary.query == Default::default() {
            format!(
                "No logs yet. Log a film with {} on its page, or import your Letterboxd diary.",
                look.settings.key_name(Mode::List, Action::Write)
            )
        } else {
            format!(
                "No logs match. {} shows every rating, {} the other years.",
                key(Action::ClearFilter),
                key(Action::CycleYear)
            )
        };
        crate::tui::widgets::chrome::note(frame, layout.inner, &note, theme);
        return;
    }
    let width = usize::from(layout.inner.width);
    let lines: Vec<Line> = layout
        .lines
        .iter()
        .map(|&(_, line)| match line {
            Drawn::Heading(i) => Line::styled(month_heading(&diary.rows()[i].day), theme.title),
            Drawn::Log(i) => row(&diary.rows()[i], width, i == diary.selected, theme),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), layout.inner);
}

/// The first log to draw: the last change's, moved just enough that the highlighted log
/// is on screen (a month heading takes a line above it).
fn scroll_top(diary: &Diary, height: usize) -> usize {
    if diary.rows().is_empty() {
        return 0;
    }
    let selected = diary.selected.min(diary.rows().len().saturating_sub(1));
    let mut top = diary.top.min(selected);
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
