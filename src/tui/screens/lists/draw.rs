//! The lists: a row per list with its number of films; an open list's films in order
//! (ranked ones numbered) with their notes; and the line where a name is typed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::keys::{ADD_TO_LIST, MODE, NEW_LIST};
use crate::text;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::screen::Look;
use crate::tui::screens::lists::Lists;
use crate::tui::theme::Theme;
use crate::tui::widgets::rows::Rows;

/// Where the lists' parts are: the line where a name is typed, an open list's
/// description, and the rows (of lists, or of the open list's films), a row a line.
pub struct ListsLayout {
    pub naming: Rect,
    pub description: Vec<String>,
    pub rows: Rect,
}

pub fn layout(lists: &Lists, area: Rect) -> ListsLayout {
    let inner = Block::bordered().inner(area).inner(Margin::new(1, 0));
    let [naming, below] = Layout::vertical([
        Constraint::Length(u16::from(lists.naming.is_some())),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let width = usize::from(below.width);
    let description = match lists.open.as_ref().zip(lists.highlighted()) {
        Some((_, list)) if !list.description.is_empty() => {
            // Two lines of it at most, ended by … where it goes on.
            let (shown, more) =
                text::wrap_at_most(&text::sanitize_line(&list.description), width, 2);
            text::mark_more(shown, more, width)
        }
        _ => Vec::new(),
    };
    let skip = (description.len() as u16).min(below.height);
    let rows = Rect {
        y: below.y + skip,
        height: below.height - skip,
        ..below
    };
    ListsLayout {
        naming,
        description,
        rows,
    }
}

pub fn draw(frame: &mut Frame, area: Rect, look: &Look, lists: &Lists) {
    let theme = &look.settings.theme;
    let key = |action| look.settings.key_name(MODE, action);
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
    frame.render_widget(block, area);
    let layout = layout(lists, area);
    if let Some(naming) = &lists.naming {
        let label = if naming.renaming {
            "Rename: "
        } else {
            "New list: "
        };
        let [label_area, input] =
            Layout::horizontal([Constraint::Length(label.len() as u16), Constraint::Fill(1)])
                .areas(layout.naming);
        frame.render_widget(Paragraph::new(Span::styled(label, theme.key)), label_area);
        crate::tui::widgets::text_box::draw_line(frame, input, &naming.line);
    }
    let rows = layout.rows;
    let width = usize::from(rows.width);
    let description = Rect {
        y: rows.y - layout.description.len() as u16,
        height: layout.description.len() as u16,
        ..rows
    };
    let described: Vec<Line> = layout
        .description
        .iter()
        .map(|l| Line::styled(l.clone(), theme.muted))
        .collect();
    frame.render_widget(Paragraph::new(described), description);
    let lines = match open {
        Some((films, list)) => {
            let mut lines: Vec<Line> = window(films, rows)
                .map(|(i, film)| {
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
                })
                .collect();
            if films.items().is_empty() {
                lines.extend(note_lines(
                    &format!(
                        "No films in this list yet: open a film, press {}, and {} on this list.",
                        look.settings.key_name(Mode::List, Action::Show(MODE)),
                        key(ADD_TO_LIST)
                    ),
                    width,
                    theme,
                ));
            }
            lines
        }
        None => {
            let mut lines: Vec<Line> = window(&lists.lists, rows)
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
                lines.extend(note_lines(
                    &format!(
                        "No lists yet: {} makes one, or import your Letterboxd lists.",
                        key(NEW_LIST)
                    ),
                    width,
                    theme,
                ));
            }
            lines
        }
    };
    frame.render_widget(Paragraph::new(lines), rows);
}

/// A muted note, wrapped to `width`.
fn note_lines(note: &str, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    text::wrap(note, width.max(1))
        .into_iter()
        .map(|l| Line::styled(l, theme.muted))
        .collect()
}

/// The rows `area` shows, the highlighted one in view.
fn window<T>(rows: &Rows<T>, area: Rect) -> impl Iterator<Item = (usize, &T)> {
    let height = usize::from(area.height);
    let top = rows.top(height);
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
