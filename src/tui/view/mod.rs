//! Drawing: a function of the app's state that never asks the store (plus the measurements
//! each screen hands back for its next key: the film page's `Measured`, `Scroll`).

mod composer;
mod conflict;
mod diary;
mod film_pane;
mod filter_menu;
mod help;
mod histogram;
mod library;
mod lists;
mod question;
pub(crate) mod reader;
mod review_list;
mod rich_text;
mod seen;
mod shelf;
mod status_bar;
mod watchlist;
mod year_in_review;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Measured, Overlay, Screen};
use crate::text;

/// Below this the app shows only a "terminal too small" note.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 8;
/// From this width the film pane stands beside the list instead of above it.
pub const WIDE: u16 = 100;

/// A popup of `width` by `height` in the middle of `area` (an odd leftover goes right
/// and below, as every popup has always been drawn).
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let (width, height) = (width.min(area.width), height.min(area.height));
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    app.too_small
        .set(area.width < MIN_WIDTH || area.height < MIN_HEIGHT);
    if app.too_small.get() {
        too_small(frame, area, app);
        return;
    }
    let [main, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    match &app.screen {
        Screen::Film(page) => film_page(frame, main, app, &page.measured),
        Screen::Reader {
            scroll,
            reading,
            drawn,
            ..
        } => reader::draw(frame, main, app, scroll, *reading, drawn),
        Screen::Composer { .. } => composer::draw(frame, main, app),
        Screen::Library { .. } => library::draw(frame, main, app),
        Screen::Diary { diary, .. } => diary::draw(frame, main, app, diary),
        Screen::Watchlist { watchlist, .. } => watchlist::draw(frame, main, app, watchlist),
        Screen::YearInReview { review, .. } => year_in_review::draw(frame, main, app, review),
        Screen::Seen { seen, .. } => seen::draw(frame, main, app, seen),
        Screen::Lists { lists, .. } => lists::draw(frame, main, app, lists),
    }
    status_bar::draw(frame, status, app);
    for overlay in &app.overlays {
        match overlay {
            Overlay::FilterMenu(menu) => filter_menu::draw(frame, main, app, menu),
            Overlay::Question(question) => question::draw(frame, main, app, question),
            Overlay::Help(scroll) => help::draw(frame, main, app, scroll),
            Overlay::Conflict(conflict) => conflict::draw(frame, main, app, conflict),
        }
    }
    if let Some(message) = &app.message {
        toast(frame, main, message, app);
    }
}

/// A box's title as it fits on the top border of a box `width` wide: cut with `…`
/// where it is longer, never cut short without saying so.
pub(crate) fn box_title(title: &str, width: u16, style: ratatui::style::Style) -> Span<'static> {
    let room = usize::from(width.saturating_sub(2));
    let trimmed = title.trim_end();
    let fitted = if text::width(title) <= room {
        title.to_string()
    } else {
        format!("{} ", text::truncate(trimmed, room.saturating_sub(1)))
    };
    Span::styled(fitted, style)
}

/// A muted note filling `area`, wrapped: what an empty screen says.
fn note(frame: &mut Frame, area: Rect, note: &str, app_theme: &crate::tui::theme::Theme) {
    let lines: Vec<Line> = text::wrap(note, usize::from(area.width))
        .into_iter()
        .map(|l| Line::styled(l, app_theme.muted))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// A message on the line above the status line, until the next key.
fn toast(frame: &mut Frame, main: Rect, message: &str, app: &App) {
    if main.height == 0 {
        return;
    }
    let row = Rect {
        y: main.bottom() - 1,
        height: 1,
        ..main
    };
    let text = text::truncate(
        &format!(" {} ", text::sanitize_line(message)),
        usize::from(row.width),
    );
    frame.render_widget(ratatui::widgets::Clear, row);
    frame.render_widget(Paragraph::new(Line::styled(text, app.theme.toast)), row);
}

fn film_page(frame: &mut Frame, area: Rect, app: &App, measured: &Measured) {
    if area.width >= WIDE {
        let pane_width = (area.width * 36 / 100).clamp(34, 50);
        let [pane, list] =
            Layout::horizontal([Constraint::Length(pane_width), Constraint::Fill(1)]).areas(area);
        film_pane::draw_tall(frame, pane, app, measured);
        review_list::draw(frame, list, app, measured);
    } else {
        // Stacked: the film pane gets a quarter of the height, the list the rest.
        let pane_height = ((area.height) / 4).clamp(3, 6);
        let [pane, list] =
            Layout::vertical([Constraint::Length(pane_height), Constraint::Fill(1)]).areas(area);
        film_pane::draw_short(frame, pane, app, measured);
        review_list::draw(frame, list, app, measured);
    }
}

/// Says the terminal is too small, in as much of the sentence as fits.
fn too_small(frame: &mut Frame, area: Rect, app: &App) {
    let note = format!(
        "Terminal too small: {}x{}, need {MIN_WIDTH}x{MIN_HEIGHT}. q quits.",
        area.width, area.height
    );
    let lines: Vec<Line> = text::wrap(&note, usize::from(area.width))
        .into_iter()
        .map(|l| Line::styled(l, app.theme.warning))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
