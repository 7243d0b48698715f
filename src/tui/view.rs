//! Drawing: a function of the app's state that never asks the store (plus the measurements
//! each screen hands back for its next key: the film page's `Measured`, `Scroll`).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::text;
use crate::tui::app::{App, Measured, Overlay, Screen};
use crate::tui::screens::film::{list as review_list, pane as film_pane};
use crate::tui::screens::{
    composer::draw as composer, conflict, diary::draw as diary, filter_menu, help,
    library::draw as library, lists::draw as lists, question, reader, seen::draw as seen,
    watchlist::draw as watchlist, year_in_review::draw as year_in_review,
};
use crate::tui::status_line as status_bar;

/// Below this the app shows only a "terminal too small" note.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 8;
/// From this width the film pane stands beside the list instead of above it.
pub const WIDE: u16 = 100;

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
