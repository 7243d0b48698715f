//! The review list: each review's stars, author, date and wrapped text, the selected one
//! highlighted, with a scrollbar. Draws only the reviews that fit on screen.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
};

use crate::model::Entry;
use crate::text;
use crate::tui::action::Action;
use crate::tui::app::{App, Measured};
use crate::tui::keymap::Mode;
use crate::tui::theme::Theme;

/// Columns before the text: the selection mark and a space.
const GUTTER: usize = 2;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, measured: &Measured) {
    let total = app.list.total();
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(app.theme.border)
        .title(crate::tui::widgets::chrome::box_title(
            &match app.list.total_known() {
                true => format!(" {} · {} ", list_name(app), text::count(total as u64)),
                false => format!(" {} · counting… ", list_name(app)),
            },
            area.width,
            app.theme.accent,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    if total == 0 {
        let note = text::wrap(&empty_note(app), usize::from(inner.width).saturating_sub(2))
            .into_iter()
            .map(|l| Line::styled(l, app.theme.muted))
            .collect::<Vec<_>>();
        frame.render_widget(Paragraph::new(note), inner.inner(Margin::new(1, 0)));
        measured.rows.borrow_mut().clear();
        return;
    }
    // The rightmost column is the scrollbar's.
    let text_width = usize::from(inner.width)
        .saturating_sub(GUTTER + 2)
        .clamp(1, text::MEASURE);
    let height = usize::from(inner.height);
    let (top, skip) = scroll_top(app, measured.list_top.get(), text_width, height);
    let visible = visible_lines(app, (top, skip), text_width, height);
    measured.list_top.set(top);
    measured.list_items.set(visible.whole.max(1));

    let text_area = Rect {
        width: inner.width - 1,
        ..inner
    };
    let rows: Vec<(Rect, usize)> = visible
        .items
        .iter()
        .map(|&(from, to, position)| {
            let rows = Rect {
                y: inner.y + from as u16,
                height: to.saturating_sub(from) as u16,
                ..text_area
            };
            (rows, position)
        })
        .collect();
    // The selection's background first: the text drawn over it keeps it, except where a
    // search match brings its own.
    if let Some((selected, _)) = rows.iter().find(|(_, p)| *p == app.list.selected()) {
        frame.buffer_mut().set_style(*selected, app.theme.selection);
    }
    frame.render_widget(Paragraph::new(visible.lines), text_area);
    *measured.rows.borrow_mut() = rows;
    // Nothing to scroll when every review is on screen whole.
    if !app.list.total_known() || (top == 0 && visible.whole >= total) {
        return;
    }
    let mut state = ScrollbarState::new(total).position(app.list.selected());
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .symbols(ratatui::symbols::scrollbar::VERTICAL)
            .begin_symbol(None)
            .end_symbol(None)
            .track_style(app.theme.border)
            .thumb_style(app.theme.muted),
        inner,
        &mut state,
    );
}

/// Why the list is empty, and how to widen it.
fn empty_note(app: &App) -> String {
    if app.stats.entries() == 0 {
        let write = app.key_name(Mode::List, Action::Write);
        return format!("No reviews yet. Press {write} to write the first.");
    }
    let mut narrowed = Vec::new();
    if app.query.filter != crate::query::RatingFilter::All {
        narrowed.push(app.query.filter.label());
    }
    if let Some(search) = &app.query.search {
        narrowed.push(format!("“{}”", text::sanitize_line(search)));
    }
    let mut ways = Vec::new();
    if app.query.filter != crate::query::RatingFilter::All {
        let all = app.key_name(Mode::List, Action::ClearFilter);
        ways.push(format!("{all} shows all ratings"));
    }
    if app.query.search.is_some() {
        let clear = app.key_name(Mode::List, Action::Back);
        ways.push(format!("{clear} clears the search"));
    }
    format!(
        "No reviews match {}. {}.",
        narrowed.join(" and "),
        ways.join(", ")
    )
}

/// "Reviews", or "Reviews and ratings" when some entries are ratings without text.
fn list_name(app: &App) -> &'static str {
    if app.stats.reviews < app.stats.entries() {
        "Reviews and ratings"
    } else {
        "Reviews"
    }
}

/// Lines a review takes: its header, its text, marks, and a blank line after.
fn item_height(app: &App, entry: &Entry, width: usize, height: usize) -> usize {
    let key = (
        entry.id,
        text_size(entry),
        width,
        height,
        app.shows_text(entry),
    );
    app.list
        .heights()
        .get(key, || item_lines(app, entry, width, height, false).len())
}

/// How much text the entry has: with its id, what says its lines are still the ones
/// measured (an entry changed in place is measured again).
pub fn text_size(entry: &Entry) -> usize {
    entry.body.len() + entry.markup.as_ref().map_or(0, String::len)
}

/// The first review to draw, and how many of its lines to leave off: the one drawn first
/// last time (`last_top`), moved just enough that the selected review is on screen, whole
/// when it fits.
fn scroll_top(app: &App, last_top: usize, width: usize, height: usize) -> (usize, usize) {
    let selected = app.list.selected();
    // Every review takes at least two lines, so no more than height / 2 fit above it.
    let lowest = selected
        .saturating_sub(height / 2)
        .max(app.list.first_loaded());
    let mut top = last_top.clamp(lowest, selected);
    let mut used: usize = (top..=selected)
        .filter_map(|i| app.list.get(i))
        .map(|e| item_height(app, e, width, height))
        .sum();
    while top < selected && used > height {
        used -= app
            .list
            .get(top)
            .map_or(0, |e| item_height(app, e, width, height));
        top += 1;
    }
    fill_from_above(app, top, width, height)
}

/// Moves `top` up while there is room below the end of the list, so the list's end sits at
/// the bottom of the screen; the review above may show only its last lines.
fn fill_from_above(app: &App, mut top: usize, width: usize, height: usize) -> (usize, usize) {
    let mut used = 0;
    for entry in (top..).map_while(|i| app.list.get(i)) {
        used += item_height(app, entry, width, height);
        if used >= height {
            return (top, 0);
        }
    }
    while top > app.list.first_loaded() {
        let Some(above) = app
            .list
            .get(top - 1)
            .map(|e| item_height(app, e, width, height))
        else {
            break;
        };
        top -= 1;
        if used + above >= height {
            return (top, used + above - height);
        }
        used += above;
    }
    (top, 0)
}

/// The lines from review `top` down to the bottom, the rows the selected review covers,
/// and how many reviews are shown whole.
/// What the list draws: its lines, and the rows each review covers.
struct Visible {
    lines: Vec<Line<'static>>,
    /// (first row, row after the last, position) of each review drawn, without the blank
    /// line that ends it.
    items: Vec<(usize, usize, usize)>,
    /// Reviews shown whole.
    whole: usize,
}

fn visible_lines(app: &App, (top, skip): (usize, usize), width: usize, height: usize) -> Visible {
    let mut visible = Visible {
        lines: Vec::with_capacity(height),
        items: Vec::new(),
        whole: 0,
    };
    let lines = &mut visible.lines;
    let mut position = top;
    while lines.len() < height {
        let Some(entry) = app.list.get(position) else {
            break;
        };
        let is_selected = position == app.list.selected();
        let from = lines.len();
        let skip = if position == top { skip } else { 0 };
        lines.extend(
            item_lines(app, entry, width, height, is_selected)
                .into_iter()
                .skip(skip),
        );
        visible
            .items
            .push((from, (lines.len() - 1).min(height), position));
        // Whole: every line of it on screen (the blank line after it may fall below).
        if lines.len() - 1 <= height && skip == 0 {
            visible.whole += 1;
        }
        position += 1;
    }
    lines.truncate(height);
    visible
}

/// A review's lines in a list of `height` lines: one taller than the list shows its
/// beginning and a line saying there is more, which the reader shows whole.
fn item_lines(
    app: &App,
    entry: &Entry,
    width: usize,
    height: usize,
    selected: bool,
) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mark = if selected {
        Span::styled("▌ ", theme.selection_mark)
    } else {
        Span::raw("  ")
    };
    let mut lines = vec![fit(
        header_spans(mark.clone(), entry, app, theme),
        width + GUTTER,
    )];
    let with_mark = |line: Line<'static>| {
        let mut spans = vec![mark.clone()];
        spans.extend(line.spans);
        Line::from(spans)
    };
    let footer = footer(entry, width, theme);
    // Room for the header, the footer and the line saying there is more.
    let room = height
        .saturating_sub(2 + usize::from(footer.is_some()))
        .max(1);
    let (body, more) = body_lines_at_most(app, entry, width, room);
    for line in body {
        lines.push(with_mark(line));
    }
    if more {
        let open = app.key_name(Mode::List, Action::Open);
        let note = format!("⋯ more: {open} reads it whole");
        lines.push(with_mark(Line::styled(
            text::truncate(&note, width),
            theme.muted,
        )));
    }
    if let Some(footer) = footer {
        lines.push(with_mark(footer));
    }
    // The blank line between reviews is not part of the highlight.
    lines.push(Line::default());
    lines
}

/// Stars, ♥ when liked, ↺ for a rewatch, the author and the date.
fn header_spans(
    mark: Span<'static>,
    entry: &Entry,
    app: &App,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let terms = &search_terms(app);
    let mut header = vec![mark];
    if let Some(rating) = entry.rating {
        header.push(Span::styled(rating.stars(), theme.stars));
        header.push(Span::raw(" "));
    }
    if entry.liked {
        header.push(Span::styled("♥ ", theme.accent));
    }
    if entry.rewatch {
        header.push(Span::styled("↺ ", theme.key));
    }
    header.push(Span::raw(" "));
    let author_style = if entry.is_mine {
        theme.accent
    } else {
        theme.author
    };
    let author = highlighted(
        text::sanitize_line(&entry.author),
        terms,
        author_style,
        theme.highlight,
    );
    header.extend(author.spans);
    if entry.is_mine {
        header.push(Span::styled(" (you)", theme.muted));
    }
    if let Some(date) = app.shown_date(entry) {
        header.push(Span::styled(
            format!("  {}", text::sanitize_line(&date)),
            theme.muted,
        ));
    }
    header
}

/// The text wrapped to `width`, or the spoiler notice while it is hidden.
pub fn body_lines(app: &App, entry: &Entry, width: usize) -> Vec<Line<'static>> {
    body_lines_at_most(app, entry, width, usize::MAX).0
}

/// The first `max` lines of `body_lines`, and whether there are more: as quick for a
/// review of 100,000 characters as for one of a hundred.
fn body_lines_at_most(
    app: &App,
    entry: &Entry,
    width: usize,
    max: usize,
) -> (Vec<Line<'static>>, bool) {
    if entry.body.is_empty() {
        return (Vec::new(), false);
    }
    if !app.shows_text(entry) {
        let key = app
            .keymap()
            .keys(
                crate::tui::keymap::Mode::List,
                crate::tui::action::Action::Reveal,
            )
            .first()
            .map(ToString::to_string)
            .unwrap_or_default();
        let notice = format!("⚠ This review may contain spoilers. Press {key} to read it.");
        let (notice, more) = text::wrap_at_most(&notice, width, max);
        let notice = notice
            .into_iter()
            .map(|l| Line::styled(l, app.theme.warning))
            .collect();
        return (notice, more);
    }
    let terms = search_terms(app);
    if let Some(markup) = &entry.markup {
        return crate::tui::widgets::rich_text::lines_at_most(
            markup, width, &terms, &app.theme, max,
        );
    }
    let (lines, more) = text::wrap_sanitized_at_most(&entry.body, width, max);
    let lines = lines
        .into_iter()
        .map(|l| highlighted(l, &terms, app.theme.text, app.theme.highlight))
        .collect();
    (lines, more)
}

/// The search's words, folded as the search folds them.
fn search_terms(app: &App) -> Vec<String> {
    app.query
        .search_terms()
        .iter()
        .map(|t| text::fold(t))
        .collect()
}

/// A line with the words the search matched in the highlight style.
pub fn highlighted(line: String, terms: &[String], base: Style, highlight: Style) -> Line<'static> {
    let ranges = text::matches(&line, terms);
    if ranges.is_empty() {
        return Line::styled(line, base);
    }
    let mut spans = Vec::new();
    let mut at = 0;
    for range in ranges {
        if range.start > at {
            spans.push(Span::styled(line[at..range.start].to_string(), base));
        }
        spans.push(Span::styled(line[range.clone()].to_string(), highlight));
        at = range.end;
    }
    if at < line.len() {
        spans.push(Span::styled(line[at..].to_string(), base));
    }
    Line::from(spans)
}

/// Tags and likes, when there are any: "#cinema #friends · 12 likes".
fn footer(entry: &Entry, width: usize, theme: &Theme) -> Option<Line<'static>> {
    let mut parts: Vec<String> = Vec::new();
    if !entry.tags.is_empty() {
        let tags: Vec<String> = entry
            .tags
            .iter()
            .map(|t| format!("#{}", text::sanitize_line(t)))
            .collect();
        parts.push(tags.join(" "));
    }
    if entry.likes > 0 {
        let s = if entry.likes == 1 { "" } else { "s" };
        parts.push(format!("{} like{s}", text::count(u64::from(entry.likes))));
    }
    if entry.comments > 0 {
        let s = if entry.comments == 1 { "" } else { "s" };
        parts.push(format!(
            "{} comment{s}",
            text::count(u64::from(entry.comments))
        ));
    }
    if entry.cut_short {
        // The page it came from showed only this much.
        parts.push("cut short: the rest is on Letterboxd".to_string());
    }
    (!parts.is_empty())
        .then(|| Line::styled(text::truncate(&parts.join(" · "), width), theme.muted))
}

/// Cuts a header to `width` columns, marking the cut.
fn fit(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let line = Line::from(spans);
    if line.width() <= width {
        return line;
    }
    let mut used = 0;
    let mut out = Vec::new();
    for span in line.spans {
        let w = span.width();
        if used + w <= width.saturating_sub(1) {
            used += w;
            out.push(span);
        } else {
            let room = width.saturating_sub(used);
            out.push(Span::styled(
                text::truncate(&span.content, room),
                span.style,
            ));
            break;
        }
    }
    Line::from(out)
}
