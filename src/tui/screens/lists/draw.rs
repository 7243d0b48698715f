//! The lists: a row per list with its number of films; an open list's films in order
//! (ranked ones numbered) with their notes; and the line where a name is typed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::text;
use crate::tui::app::App;
use crate::tui::screens::lists::Lists;
use crate::tui::theme::Theme;
use crate::tui::widgets::rows::Rows;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, lists: &Lists) {
    let theme = &app.theme;
    let open = lists.open.as_ref().zip(lists.highlighted());
    let title = match open {
        Some((_, list)) => format!(" {} ", text::sanitize_line(&list.name)),
        None => format!(
            " Your lists · {} ",
            text::count(lists.lists.items().len() as u64)
        ),
    };
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
    let [top, rows] = Layout::vertical([
        Constraint::Length(u16::from(lists.naming.is_some())),
        Constraint::Fill(1),
    ])
    .areas(inner);
    if let Some(naming) = &lists.naming {
        let label = if naming.renaming {
            "Rename: "
        } else {
            "New list: "
        };
        let [label_area, input] =
            Layout::horizontal([Constraint::Length(label.len() as u16), Constraint::Fill(1)])
                .areas(top);
        frame.render_widget(Paragraph::new(Span::styled(label, theme.key)), label_area);
        frame.render_widget(&naming.line, input);
    }
    let width = usize::from(rows.width);
    let lines = match open {
        Some((films, list)) => {
            let mut lines = Vec::new();
            if !list.description.is_empty() {
                // Two lines of it at most, ended by … where it goes on.
                let (shown, more) =
                    text::wrap_at_most(&text::sanitize_line(&list.description), width, 2);
                for l in text::mark_more(shown, more, width) {
                    lines.push(Line::styled(l, theme.muted));
                }
            }
            let skip = lines.len();
            lines.extend(window(films, rows, skip).map(|(i, film)| {
                let place = if list.ranked {
                    format!("{:>4}. ", film.position)
                } else {
                    "   • ".to_string()
                };
                let note = if film.note.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", text::sanitize_line(&film.note))
                };
                let row = format!("{place}{}{note}", text::sanitize_line(&film.title));
                // The highlight's mark takes a column.
                let row = text::truncate(&row, width.saturating_sub(1));
                highlight(row, i == films.selected, theme)
            }));
            if films.items().is_empty() {
                lines.push(Line::styled(
                    "No films in this list yet: open a film, press l, and a on this list.",
                    theme.muted,
                ));
            }
            lines
        }
        None => {
            let mut lines: Vec<Line> = window(&lists.lists, rows, 0)
                .map(|(i, list)| {
                    let n = list.items.len();
                    let count = format!(
                        "  ({} film{}{})",
                        text::count(n as u64),
                        if n == 1 { "" } else { "s" },
                        if list.ranked { ", ranked" } else { "" }
                    );
                    // A long name is cut, its count kept whole; the mark takes a column.
                    let row = text::fit_keeping(
                        &text::sanitize_line(&list.name),
                        &count,
                        width.saturating_sub(1),
                    );
                    highlight(row, i == lists.lists.selected, theme)
                })
                .collect();
            if lists.lists.items().is_empty() {
                lines.push(Line::styled(
                    "No lists yet: c makes one, or import your Letterboxd lists.",
                    theme.muted,
                ));
            }
            lines
        }
    };
    frame.render_widget(Paragraph::new(lines), rows);
}

/// The rows `area` shows from its line `skip` on, the highlighted one in view; writes the
/// page size and where they were drawn.
fn window<T>(rows: &Rows<T>, area: Rect, skip: usize) -> impl Iterator<Item = (usize, &T)> {
    let height = usize::from(area.height).saturating_sub(skip);
    rows.page_rows.set(height.max(1));
    let top = rows.top(height);
    let drawn = Rect {
        y: area.y + skip as u16,
        height: height as u16,
        ..area
    };
    rows.drawn.set((drawn, top));
    rows.items().iter().enumerate().skip(top).take(height)
}

fn highlight(row: String, selected: bool, theme: &Theme) -> Line<'static> {
    let mark = if selected { "▌" } else { " " };
    let line = Line::from(vec![
        Span::styled(mark.to_string(), theme.selection_mark),
        Span::styled(row, if selected { theme.accent } else { theme.title }),
    ]);
    if selected {
        line.style(theme.selection)
    } else {
        line
    }
}
