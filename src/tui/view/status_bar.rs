//! The bottom line: where you are in the list, and the main keys (or a message).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::query::RatingFilter;
use crate::text;
use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::filtering::Focus;
use crate::tui::keymap::Mode;

/// The actions worth a hint in each mode, with short labels.
fn hinted(mode: Mode) -> &'static [(Action, &'static str)] {
    match mode {
        Mode::List => &[
            (Action::Next, "next"),
            (Action::Open, "read"),
            (Action::Write, "write"),
            (Action::FilterMenu, "filter"),
            (Action::Library, "films"),
            (Action::CycleSort, "sort"),
            (Action::Search, "search"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
        Mode::Reader => &[
            (Action::Next, "scroll"),
            (Action::Back, "back"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
        Mode::Composer => &[
            (Action::NextField, "next field"),
            (Action::Save, "save"),
            (Action::ExternalEditor, "editor"),
            (Action::Back, "cancel"),
            (Action::Help, "help"),
        ],
        Mode::RatingField => &[
            (Action::AddHalf, "+½"),
            (Action::RemoveHalf, "−½"),
            (Action::NextField, "next field"),
            (Action::Save, "save"),
            (Action::Back, "cancel"),
        ],
        Mode::ToggleField => &[
            (Action::Toggle, "switch"),
            (Action::NextField, "next field"),
            (Action::Save, "save"),
            (Action::Back, "cancel"),
        ],
        Mode::Confirm => &[(Action::Yes, "yes"), (Action::No, "no")],
        Mode::Histogram => &[
            (Action::Next, "next bar"),
            (Action::Open, "filter"),
            (Action::Back, "back"),
        ],
        Mode::FilterMenu => &[
            (Action::Next, "down"),
            (Action::Open, "choose"),
            (Action::ToggleOrMore, "or more"),
            (Action::Back, "close"),
        ],
        Mode::Search => &[(Action::Open, "search"), (Action::Back, "clear")],
        Mode::Library => &[
            (Action::Next, "next"),
            (Action::Open, "open"),
            (Action::CycleSort, "sort"),
            (Action::Back, "close"),
            (Action::Help, "help"),
        ],
        Mode::Help => &[(Action::Back, "close"), (Action::Quit, "quit")],
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let total = app.list.total();
    let position = if total == 0 {
        "0/0".to_string()
    } else if !app.list.total_known() {
        format!("{}/…", text::count(app.list.selected() as u64 + 1))
    } else {
        format!(
            "{}/{}",
            text::count(app.list.selected() as u64 + 1),
            text::count(total as u64)
        )
    };
    let mut spans = if matches!(app.screen, Screen::Library { .. }) {
        vec![Span::raw(" ")]
    } else {
        vec![Span::styled(format!(" {position} "), theme.accent)]
    };
    if let Focus::Search(line) = app.focus() {
        return draw_search_line(frame, area, spans, line, app);
    }
    if matches!(app.screen, Screen::Film(_)) {
        spans.push(Span::styled("│ ", theme.border));
        spans.extend(query_spans(app));
        spans.push(Span::styled(" │ ", theme.border));
    }
    {
        {
            if app.mode() == Mode::RatingField {
                spans.push(Span::styled(star_keys(app), theme.key));
                spans.push(Span::styled(" stars · ", theme.muted));
            }
            for (i, (key, label)) in app
                .keymap()
                .hints(app.mode(), hinted(app.mode()))
                .into_iter()
                .enumerate()
            {
                if i > 0 {
                    spans.push(Span::styled(" · ", theme.muted));
                }
                spans.push(Span::styled(key, theme.key));
                spans.push(Span::styled(format!(" {label}"), theme.muted));
            }
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
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

/// "★★★★½ · newest · “fathers” · 3 of 5": what the list shows, always in view.
pub fn query_spans(app: &App) -> Vec<Span<'static>> {
    let theme = &app.theme;
    let query = &app.query;
    let filter_style = if query.filter == RatingFilter::All {
        theme.muted
    } else {
        theme.stars
    };
    let mut spans = vec![
        Span::styled(query.filter.label(), filter_style),
        Span::styled(" · ", theme.muted),
        Span::styled(query.sort.label().to_string(), theme.text),
    ];
    if let Some(search) = &query.search {
        spans.push(Span::styled(" · ", theme.muted));
        spans.push(Span::styled(
            format!("“{}”", text::sanitize_line(search)),
            theme.key,
        ));
    }
    let matching = match app.matching {
        Some(n) => text::count(n),
        None => "counting…".to_string(),
    };
    spans.push(Span::styled(
        format!(" · {matching} of {}", text::count(app.stats.entries())),
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
    spans.push(Span::styled("Search: ", app.theme.key));
    let prefix = Line::from(spans);
    let width = (prefix.width() as u16).min(area.width);
    frame.render_widget(Paragraph::new(prefix), area);
    let input = Rect {
        x: area.x + width,
        width: area.width - width,
        ..area
    };
    if input.width > 0 {
        frame.render_widget(line, input);
    }
}
