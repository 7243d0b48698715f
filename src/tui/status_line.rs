//! The bottom line: where you are in the list, and the main keys (or a message).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::query::RatingFilter;
use crate::text;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::screen::{Listing, Screen};
use crate::tui::screens::film::filtering::Focus;

/// Actions that write: not offered when the database is read-only.
const WRITES: [Action; 4] = [Action::Write, Action::Edit, Action::Delete, Action::Save];

/// The screen that fills the area (the film page's is `None`): what the status line's
/// position and summary are about.
fn base(app: &App) -> Option<&dyn Screen> {
    app.screens()
        .iter()
        .rev()
        .find(|s| !s.is_overlay())
        .map(|s| s.as_ref())
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.settings().theme;
    let page = app.page();
    let base = base(app);
    let mut spans = match base.map_or(Listing::Page, |s| s.listed()) {
        Listing::Nothing => vec![Span::raw(" ")],
        listing => vec![Span::styled(
            format!(" {} ", position(app, &listing)),
            theme.accent,
        )],
    };
    if app.store().is_read_only() {
        spans.push(Span::styled("read-only ", theme.warning));
    }
    if app.screens().is_empty()
        && let Focus::Search(line) = &page.focus
    {
        return draw_search_line(frame, area, spans, line, app);
    }
    if base.is_none() {
        // What the list shows, shorter where the whole would leave no room for help.
        let help_room = 10;
        let fits = |part: &[Span<'static>]| {
            Line::from([spans.as_slice(), part].concat()).width() + 4 + help_room
                <= usize::from(area.width)
        };
        let part = match page.focus {
            Focus::Histogram { bar } => bar_spans(app, bar),
            _ => query_spans(app, false),
        };
        let part = if fits(&part) {
            part
        } else {
            query_spans(app, true)
        };
        spans.push(Span::styled("│ ", theme.border));
        spans.extend(part);
        spans.push(Span::styled(" │ ", theme.border));
    }
    if app.mode() == Mode::RatingField {
        spans.push(Span::styled(star_keys(app), theme.key));
        spans.push(Span::styled(" stars · ", theme.muted));
    }
    let used = Line::from(spans.clone()).width();
    let room = usize::from(area.width).saturating_sub(used);
    for (i, (key, label)) in fitted_hints(app, room).into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.muted));
        }
        spans.push(Span::styled(key, theme.key));
        if !label.is_empty() {
            spans.push(Span::styled(format!(" {label}"), theme.muted));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// "12/5,000": the selected row and how many there are; "no logs" when there are none;
/// "…" for a total a search is still counting.
fn position(app: &App, listing: &Listing) -> String {
    let Listing::Rows(listed) = listing else {
        return list_position(app);
    };
    match listed.total {
        0 => format!("no {}", listed.noun),
        total => format!(
            "{}/{}",
            text::count(listed.selected as u64 + 1),
            text::count(total)
        ),
    }
}

/// The film page's position in its list: "…" while a search's matches are counted.
fn list_position(app: &App) -> String {
    let list = &app.page().list;
    let total = list.total();
    if total == 0 {
        "no reviews".to_string()
    } else if !list.total_known() {
        format!("{}/…", text::count(list.selected() as u64 + 1))
    } else {
        format!(
            "{}/{}",
            text::count(list.selected() as u64 + 1),
            text::count(total as u64)
        )
    }
}

/// Whether the screen lists nothing at all: then nothing can be moved to or opened.
fn lists_nothing(app: &App) -> bool {
    match base(app).map_or(Listing::Page, |s| s.listed()) {
        Listing::Rows(listed) => listed.total == 0,
        Listing::Page => {
            let list = &app.page().list;
            list.total_known() && list.total() == 0
        }
        Listing::Nothing => false,
    }
}

/// What acts on the listed row under the highlight.
const ABOUT_A_ROW: [Action; 10] = [
    Action::Next,
    Action::Prev,
    Action::PageDown,
    Action::PageUp,
    Action::First,
    Action::Last,
    Action::Open,
    Action::Edit,
    Action::Delete,
    Action::Reveal,
];

/// The mode's hints that fit in `room` columns, whole: the most useful first (the order
/// `hinted` lists them in), help always, and `…` where some had no room. Writes are not
/// offered on a read-only database.
fn fitted_hints(app: &App, room: usize) -> Vec<(String, &'static str)> {
    let mode = app.mode();
    let read_only = app.store().is_read_only();
    let top = app.screens().last();
    let hinted = top.map_or_else(|| app.page().hints(), |s| s.hints());
    let nothing = lists_nothing(app);
    let wanted: Vec<(Action, &'static str)> = hinted
        .iter()
        .copied()
        .filter(|(action, _)| !(read_only && WRITES.contains(action)))
        .filter(|(action, _)| top.is_none_or(|s| s.offers(*action)))
        // Nothing listed: nothing to move to, open or change.
        .filter(|(action, _)| !(nothing && ABOUT_A_ROW.contains(action)))
        .collect();
    // Help's own key closes it there: no hint to open it.
    let help = match mode {
        Mode::Help => Vec::new(),
        _ => app.keymap().hints(mode, &[(Action::Help, "help")]),
    };
    let others: Vec<(Action, &'static str)> = wanted
        .into_iter()
        .filter(|(action, _)| *action != Action::Help)
        .collect();
    let others = app.keymap().hints(mode, &others);
    let width = |(key, label): &(String, &str)| text::width(key) + 1 + text::width(label);
    const SEPARATOR: usize = 3;
    const MORE: usize = 1;
    let help_width: usize = help.iter().map(|h| width(h) + SEPARATOR).sum();
    let mut shown = Vec::new();
    let mut used = 0;
    for (i, hint) in others.iter().enumerate() {
        let last = i + 1 == others.len();
        // Room for the hint, and unless it is the last, for the "more" marker after it.
        let after = if last { 0 } else { SEPARATOR + MORE };
        let needed = used + width(hint) + usize::from(!shown.is_empty()) * SEPARATOR;
        if needed + after + help_width > room {
            break;
        }
        used = needed;
        shown.push(hint.clone());
    }
    let marker = MORE + usize::from(!shown.is_empty()) * SEPARATOR;
    if shown.len() < others.len() && used + marker + help_width <= room {
        shown.push(("…".to_string(), ""));
    }
    if help.iter().map(width).sum::<usize>() <= room {
        shown.extend(help);
    }
    shown
}

/// "★★★½ · 3 reviews": the histogram bar in focus, named.
fn bar_spans(app: &App, bar: u8) -> Vec<Span<'static>> {
    let theme = &app.settings().theme;
    let Some(rating) = crate::model::Rating::from_half_stars(bar) else {
        return query_spans(app, false);
    };
    let count = app.page().stats.count(rating);
    let noun = if count == 1 { "rating" } else { "ratings" };
    vec![
        Span::styled(rating.to_string(), theme.stars),
        Span::styled(format!(" · {} {noun}", text::count(count)), theme.muted),
    ]
}

/// "1–5": the keys that set whole stars.
fn star_keys(app: &App) -> String {
    let key = |n| {
        app.keymap()
            .keys(Mode::RatingField, Action::Stars(n))
            .first()
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    format!("{}–{}", key(1), key(5))
}

/// "★★★★½ · newest · “fathers” · 3 of 5": what the list shows, always in view. `short`
/// leaves out what is as it always starts (all ratings, newest first).
fn query_spans(app: &App, short: bool) -> Vec<Span<'static>> {
    let theme = &app.settings().theme;
    let query = &app.page().query;
    let filter_style = if query.filter == RatingFilter::All {
        theme.muted
    } else {
        theme.stars
    };
    let mut parts = Vec::new();
    if !(short && query.filter == RatingFilter::All) {
        parts.push(Span::styled(query.filter.label(), filter_style));
    }
    if !(short && query.sort == crate::query::Sort::Newest) {
        parts.push(Span::styled(query.sort.label().to_string(), theme.text));
    }
    if let Some(search) = &query.search {
        parts.push(Span::styled(
            format!("“{}”", text::sanitize_line(search)),
            theme.key,
        ));
    }
    let mut spans = Vec::new();
    for part in parts {
        if !spans.is_empty() {
            spans.push(Span::styled(" · ", theme.muted));
        }
        spans.push(part);
    }
    if !spans.is_empty() {
        spans.push(Span::styled(" · ", theme.muted));
    }
    let matching = match app.page().matching {
        Some(n) => text::count(n),
        None => "counting…".to_string(),
    };
    spans.push(Span::styled(
        format!("{matching} of {}", text::count(app.page().stats.entries())),
        theme.muted,
    ));
    spans
}

/// The search line, where the status line was: "/ words▏".
fn draw_search_line(
    frame: &mut Frame,
    area: Rect,
    mut spans: Vec<Span<'static>>,
    line: &ratatui_textarea::TextArea<'static>,
    app: &App,
) {
    spans.push(Span::styled("Search: ", app.settings().theme.key));
    let prefix = Line::from(spans);
    let width = (prefix.width() as u16).min(area.width);
    frame.render_widget(Paragraph::new(prefix), area);
    let input = Rect {
        x: area.x + width,
        width: area.width - width,
        ..area
    };
    if input.width > 0 {
        crate::tui::widgets::text_box::draw_line(frame, input, line);
    }
}
