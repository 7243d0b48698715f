//! The review list: each review's stars, author, date and wrapped text, the selected one
//! highlighted, with a scrollbar. Draws only the reviews that fit on screen.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
};

use super::window::HeightKey;
use crate::model::Entry;
use crate::text;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::screen::Look;
use crate::tui::theme::Theme;

/// Columns before the text: the selection mark and a space.
const GUTTER: usize = 2;

/// Where the list is, scrolled where the last key left it (`last_top`), the selected
/// review on screen: what drawing draws, and what keys and clicks go by.
pub struct Placed {
    /// Inside the list's border.
    pub inner: Rect,
    /// Columns for a review's text: at most `text::MEASURE`.
    pub text_width: usize,
    /// The first review shown, and how many of its first lines are left off.
    pub top: usize,
    pub skip: usize,
    /// The rows each review shown covers (without the blank line after it), and its
    /// position in the list.
    pub rows: Vec<(Rect, usize)>,
    /// Reviews shown whole.
    pub whole: usize,
}

/// How many lines a review takes in a list `width` wide and `height` tall.
pub type Measure<'m> = dyn FnMut(&Entry, usize, usize) -> usize + 'm;

/// Places the list in `area`, measuring reviews with `measure`.
pub fn place(area: Rect, look: &Look, last_top: usize, measure: &mut Measure) -> Placed {
    let inner = block(area, look).inner(area);
    let text_width = usize::from(inner.width)
        .saturating_sub(GUTTER + 2)
        .clamp(1, text::MEASURE);
    let mut placed = Placed {
        inner,
        text_width,
        top: 0,
        skip: 0,
        rows: Vec::new(),
        whole: 0,
    };
    if inner.height == 0 || inner.width < 4 || look.page.list.total() == 0 {
        return placed;
    }
    let height = usize::from(inner.height);
    let mut height_of = |e: &Entry| measure(e, text_width, height);
    let (top, skip) = scroll_top(look, last_top, height, &mut height_of);
    placed.top = top;
    placed.skip = skip;
    // The rightmost column is the scrollbar's.
    let text_area = Rect {
        width: inner.width - 1,
        ..inner
    };
    let mut used = 0;
    let mut position = top;
    while used < height {
        let Some(entry) = look.page.list.get(position) else {
            break;
        };
        let skip = if position == top { skip } else { 0 };
        let from = used;
        used += height_of(entry).saturating_sub(skip);
        let to = used.saturating_sub(1).min(height);
        placed.rows.push((
            Rect {
                y: inner.y + from as u16,
                height: to.saturating_sub(from) as u16,
                ..text_area
            },
            position,
        ));
        // Whole: every line of it on screen (the blank line after it may fall below).
        if used.saturating_sub(1) <= height && skip == 0 {
            placed.whole += 1;
        }
        position += 1;
    }
    placed
}

/// The list's box: its border and title.
fn block(area: Rect, look: &Look) -> Block<'static> {
    let list = &look.page.list;
    Block::new()
        .borders(Borders::TOP)
        .border_style(look.settings.theme.border)
        .title(crate::tui::widgets::chrome::box_title(
            &match list.total_known() {
                true => format!(
                    " {} · {} ",
                    list_name(look),
                    text::count(list.total() as u64)
                ),
                false => format!(" {} · counting… ", list_name(look)),
            },
            area.width,
            look.settings.theme.accent,
        ))
}

pub fn draw(frame: &mut Frame, area: Rect, look: &Look, placed: &Placed) {
    let total = look.page.list.total();
    frame.render_widget(block(area, look), area);
    let inner = placed.inner;
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    if total == 0 {
        let note = text::wrap(
            &empty_note(look),
            usize::from(inner.width).saturating_sub(2),
        )
        .into_iter()
        .map(|l| Line::styled(l, look.settings.theme.muted))
        .collect::<Vec<_>>();
        frame.render_widget(Paragraph::new(note), inner.inner(Margin::new(1, 0)));
        return;
    }
    let height = usize::from(inner.height);
    let selected = look.page.list.selected();
    // The selection's background first: the text drawn over it keeps it, except where a
    // search match brings its own.
    if let Some((rows, _)) = placed.rows.iter().find(|(_, p)| *p == selected) {
        frame
            .buffer_mut()
            .set_style(*rows, look.settings.theme.selection);
    }
    let mut lines = Vec::with_capacity(height);
    for &(_, position) in &placed.rows {
        let Some(entry) = look.page.list.get(position) else {
            break;
        };
        let skip = if position == placed.top {
            placed.skip
        } else {
            0
        };
        let item = item_lines(look, entry, placed.text_width, height, position == selected);
        lines.extend(item.into_iter().skip(skip));
    }
    lines.truncate(height);
    let text_area = Rect {
        width: inner.width - 1,
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), text_area);
    // Nothing to scroll when every review is on screen whole.
    if !look.page.list.total_known() || (placed.top == 0 && placed.whole >= total) {
        return;
    }
    let mut state = ScrollbarState::new(total).position(selected);
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .symbols(ratatui::symbols::scrollbar::VERTICAL)
            .begin_symbol(None)
            .end_symbol(None)
            .track_style(look.settings.theme.border)
            .thumb_style(look.settings.theme.muted),
        inner,
        &mut state,
    );
}

/// Why the list is empty, and how to widen it.
fn empty_note(look: &Look) -> String {
    if look.page.stats.entries() == 0 {
        let write = look.settings.key_name(Mode::List, Action::Write);
        return format!("No reviews yet. Press {write} to write the first.");
    }
    let mut narrowed = Vec::new();
    if look.page.query.filter != crate::query::RatingFilter::All {
        narrowed.push(look.page.query.filter.label());
    }
    if let Some(search) = &look.page.query.search {
        narrowed.push(format!("“{}”", text::sanitize_line(search)));
    }
    let mut ways = Vec::new();
    if look.page.query.filter != crate::query::RatingFilter::All {
        let all = look.settings.key_name(Mode::List, Action::ClearFilter);
        ways.push(format!("{all} shows all ratings"));
    }
    if look.page.query.search.is_some() {
        let clear = look.settings.key_name(Mode::List, Action::Back);
        ways.push(format!("{clear} clears the search"));
    }
    format!(
        "No reviews match {}. {}.",
        narrowed.join(" and "),
        ways.join(", ")
    )
}

/// "Reviews", or "Reviews and ratings" when some entries are ratings without text.
fn list_name(look: &Look) -> &'static str {
    if look.page.stats.reviews < look.page.stats.entries() {
        "Reviews and ratings"
    } else {
        "Reviews"
    }
}

/// What a review's height depends on, for the cache of heights.
pub fn height_key(look: &Look, entry: &Entry, width: usize, height: usize) -> HeightKey {
    (
        entry.id,
        text_size(entry),
        width,
        height,
        look.page.shows_text(entry),
    )
}

/// Lines a review takes (its header, its text, marks, and a blank line after), as the
/// cache knows it or measured now.
pub fn item_height(look: &Look, entry: &Entry, width: usize, height: usize) -> usize {
    let key = height_key(look, entry, width, height);
    look.page
        .list
        .heights()
        .get(&key)
        .unwrap_or_else(|| item_lines(look, entry, width, height, false).len())
}

/// How much text the entry has: with its id, what says its lines are still the ones
/// measured (an entry changed in place is measured again).
pub fn text_size(entry: &Entry) -> usize {
    entry.body.len() + entry.markup.as_ref().map_or(0, String::len)
}

/// The first review to draw, and how many of its lines to leave off: the one drawn first
/// last time (`last_top`), moved just enough that the selected review is on screen, whole
/// when it fits.
fn scroll_top(
    look: &Look,
    last_top: usize,
    height: usize,
    height_of: &mut dyn FnMut(&Entry) -> usize,
) -> (usize, usize) {
    let list = &look.page.list;
    let selected = list.selected();
    // Every review takes at least two lines, so no more than height / 2 fit above it.
    let lowest = selected.saturating_sub(height / 2).max(list.first_loaded());
    let mut top = last_top.clamp(lowest, selected);
    let mut used: usize = (top..=selected)
        .filter_map(|i| list.get(i))
        .map(&mut *height_of)
        .sum();
    while top < selected && used > height {
        used -= list.get(top).map_or(0, &mut *height_of);
        top += 1;
    }
    fill_from_above(look, top, height, height_of)
}

/// Moves `top` up while there is room below the end of the list, so the list's end sits at
/// the bottom of the screen; the review above may show only its last lines.
fn fill_from_above(
    look: &Look,
    mut top: usize,
    height: usize,
    height_of: &mut dyn FnMut(&Entry) -> usize,
) -> (usize, usize) {
    let list = &look.page.list;
    let mut used = 0;
    for entry in (top..).map_while(|i| list.get(i)) {
        used += height_of(entry);
        if used >= height {
            return (top, 0);
        }
    }
    while top > list.first_loaded() {
        let Some(above) = list.get(top - 1).map(&mut *height_of) else {
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

/// A review's lines in a list of `height` lines: one taller than the list shows its
/// beginning and a line saying there is more, which the reader shows whole.
fn item_lines(
    look: &Look,
    entry: &Entry,
    width: usize,
    height: usize,
    selected: bool,
) -> Vec<Line<'static>> {
    let theme = &look.settings.theme;
    let mark = if selected {
        Span::styled("▌ ", theme.selection_mark)
    } else {
        Span::raw("  ")
    };
    let mut lines = vec![fit(
        header_spans(mark.clone(), entry, look, theme),
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
    let (body, more) = body_lines_at_most(look, entry, width, room);
    for line in body {
        lines.push(with_mark(line));
    }
    if more {
        let open = look.settings.key_name(Mode::List, Action::Open);
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
    look: &Look,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let terms = &search_terms(look);
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
    if let Some(date) = look.settings.shown_date(entry) {
        header.push(Span::styled(
            format!("  {}", text::sanitize_line(&date)),
            theme.muted,
        ));
    }
    header
}

/// The text wrapped to `width`, or the spoiler notice while it is hidden.
pub fn body_lines(look: &Look, entry: &Entry, width: usize) -> Vec<Line<'static>> {
    body_lines_at_most(look, entry, width, usize::MAX).0
}

/// The first `max` lines of `body_lines`, and whether there are more: as quick for a
/// review of 100,000 characters as for one of a hundred.
fn body_lines_at_most(
    look: &Look,
    entry: &Entry,
    width: usize,
    max: usize,
) -> (Vec<Line<'static>>, bool) {
    if entry.body.is_empty() {
        return (Vec::new(), false);
    }
    if !look.page.shows_text(entry) {
        let key = look.settings.key_name(Mode::List, Action::Reveal);
        let notice = format!("⚠ This review may contain spoilers. Press {key} to read it.");
        let (notice, more) = text::wrap_at_most(&notice, width, max);
        let notice = notice
            .into_iter()
            .map(|l| Line::styled(l, look.settings.theme.warning))
            .collect();
        return (notice, more);
    }
    let terms = search_terms(look);
    if let Some(markup) = &entry.markup {
        return crate::tui::widgets::rich_text::lines_at_most(
            markup,
            width,
            &terms,
            &look.settings.theme,
            max,
        );
    }
    let (lines, more) = text::wrap_sanitized_at_most(&entry.body, width, max);
    let lines = lines
        .into_iter()
        .map(|l| {
            highlighted(
                l,
                &terms,
                look.settings.theme.text,
                look.settings.theme.highlight,
            )
        })
        .collect();
    (lines, more)
}

/// The search's words, folded as the search folds them.
fn search_terms(look: &Look) -> Vec<String> {
    look.page
        .query
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
