//! The film library: a filter line, then one row per film with its year, directors,
//! average and entry count.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::store::FilmSummary;
use crate::text;
use crate::tui::screen::Look;
use crate::tui::screens::library::Library;
use crate::tui::theme::Theme;

/// Where the library's parts are: the filter line and the rows below it.
pub struct Areas {
    pub filter: Rect,
    pub rows: Rect,
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

pub fn areas(area: Rect) -> Areas {
    let inner = Block::bordered().inner(area).inner(Margin::new(1, 0));
    let [filter, _, rows] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    Areas { filter, rows }
}

pub fn draw(frame: &mut Frame, area: Rect, look: &Look, library: &Library) {
    let theme = &look.settings.theme;
    let shown = if library.is_finding() {
        "finding…".to_string()
    } else {
        text::count(library.rows.len() as u64)
    };
    let title = format!(
        " Films · {shown} of {} · {} ",
        text::count(library.total() as u64),
        library.sort.label()
    );
    frame.render_widget(block(&title, area, look), area);
    let Areas {
        filter: filter_row,
        rows,
    } = areas(area);
    let [label, input] =
        Layout::horizontal([Constraint::Length(6), Constraint::Fill(1)]).areas(filter_row);
    frame.render_widget(Paragraph::new(Span::styled("Find: ", theme.key)), label);
    if input.width > 0 {
        crate::tui::widgets::text_box::draw_line(frame, input, &library.filter);
    }
    if let Some(problem) = &library.problem {
        let line = format!("Could not find the films: {}", text::sanitize_line(problem));
        frame.render_widget(Paragraph::new(Line::styled(line, theme.warning)), rows);
        return;
    }
    draw_rows(frame, rows, library, look);
}

fn draw_rows(frame: &mut Frame, area: Rect, library: &Library, look: &Look) {
    let theme = &look.settings.theme;
    let height = usize::from(area.height);
    if library.rows.is_empty() {
        let note = if library.total() == 0 {
            "No films yet. Import some: marquee import letterboxd EXPORT.zip".to_string()
        } else {
            let clear = look
                .settings
                .key_name(super::keys::MODE, crate::tui::action::Action::Back);
            format!("No film's title has that in it. {clear} clears.")
        };
        crate::tui::widgets::chrome::note(frame, area, &note, theme);
        return;
    }
    // Keep the highlighted film in view, at the bottom once it is past the first screen.
    let top = library.rows.top(height);
    let width = usize::from(area.width);
    let lines: Vec<Line> = (top..(top + height).min(library.rows.len()))
        .map(|i| match library.rows.get(i) {
            Some(film) => row(film, width, i == library.rows.selected, theme),
            None => Line::default(),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// Letters of a title a row keeps before it gives up the average, then the word "entries".
const TITLE_AT_LEAST: usize = 8;

/// "Heat (1995)   Michael Mann   ★ 4.20   12 entries", cut to fit: the directors go
/// first, then the title's end; on a narrow screen the average, then "entries".
fn row(summary: &FilmSummary, width: usize, selected: bool, theme: &Theme) -> Line<'static> {
    let film = &summary.film;
    let stats = &summary.stats;
    // The selection mark takes a column.
    let room_all = width.saturating_sub(1);
    let count = text::count(stats.entries());
    let entries = format!(
        "{count} entr{}",
        if stats.entries() == 1 { "y" } else { "ies" }
    );
    let average = stats
        .average_text()
        .map_or_else(|| "      ".to_string(), |a| format!("★ {a}"));
    let right = [format!("{average}  {entries:>9}"), format!("{entries:>9}")]
        .into_iter()
        .find(|right| text::width(right) + 2 + TITLE_AT_LEAST <= room_all)
        .unwrap_or(count);
    let directors = film
        .directors
        .iter()
        .map(|d| text::sanitize_line(d))
        .collect::<Vec<_>>()
        .join(", ");
    let title = text::sanitize_line(&film.title_with_year());
    // The left part, and two spaces before the right one.
    let room = room_all.saturating_sub(text::width(&right) + 2);
    let title_room = room.min(text::width(&title).max(room / 2));
    let title = text::truncate(&title, title_room);
    // A director cut to a letter or two says nothing: then none.
    let directors_room = room.saturating_sub(text::width(&title) + 2);
    let directors = if directors_room < 3 {
        String::new()
    } else {
        text::truncate(&directors, directors_room)
    };
    let between = if directors.is_empty() { "" } else { "  " };
    let used = text::width(&title) + between.len() + text::width(&directors);
    let gap = room.saturating_sub(used) + 2;
    let mark = if selected { "▌" } else { " " };
    let mut line = Line::from(vec![
        Span::styled(mark.to_string(), theme.selection_mark),
        Span::styled(title, if selected { theme.accent } else { theme.title }),
        Span::raw(between),
        Span::styled(directors, theme.muted),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, theme.muted),
    ]);
    if selected {
        line = line.style(theme.selection);
    }
    line
}
