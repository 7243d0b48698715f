//! One review, full screen, scrollable.

use crate::tui::widgets::drawn::ReaderLines;
use std::rc::Rc;

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use crate::model::Entry;
use crate::text;
use crate::tui::app::{App, Reading};
use crate::tui::widgets::scroll::Scroll;

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    scroll: &Scroll,
    reading: Reading,
    drawn: &ReaderLines,
) {
    let block = Block::bordered().border_style(app.theme.border).title(
        crate::tui::widgets::chrome::box_title(
            &format!(" {} ", text::sanitize_line(&app.film.title_with_year())),
            area.width,
            app.theme.accent,
        ),
    );
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let width = usize::from(inner.width).min(text::MEASURE);
    let height = usize::from(inner.height);
    let lines = match (reading, app.list.selected_entry()) {
        (Reading::Film, _) => Rc::new(crate::tui::screens::film::pane::full_lines(app, width)),
        (Reading::Review, Some(entry)) => {
            let text = crate::tui::screens::film::list::text_size(entry);
            let key = (entry.id, text, width, app.shows_text(entry));
            drawn.lines(key, || review_lines(app, entry, width))
        }
        (Reading::Review, None) => return,
    };
    let total = lines.len();
    let max_scroll = total.saturating_sub(height);
    let scroll = scroll.measure(height, total);
    let shown: Vec<Line> = lines.iter().skip(scroll).take(height).cloned().collect();
    frame.render_widget(Paragraph::new(shown), inner);
    if max_scroll > 0 {
        let mut state = ScrollbarState::new(max_scroll + 1)
            .position(scroll)
            .viewport_content_length(height.min(total));
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .symbols(ratatui::symbols::scrollbar::VERTICAL)
                .begin_symbol(None)
                .end_symbol(None),
            area.inner(Margin::new(0, 1)),
            &mut state,
        );
    }
}

/// Stars, author and date, then the whole text.
fn review_lines(app: &App, entry: &Entry, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut header = Vec::new();
    if let Some(rating) = entry.rating {
        header.push(Span::styled(format!("{}  ", rating.stars()), theme.stars));
    }
    header.push(Span::styled(
        match entry.handle.as_deref().filter(|h| *h != entry.author) {
            Some(handle) => format!(
                "review by {} ({})",
                text::sanitize_line(&entry.author),
                text::sanitize_line(handle)
            ),
            None => format!("review by {}", text::sanitize_line(&entry.author)),
        },
        theme.author,
    ));
    let header = Line::from(header);
    let mut lines: Vec<Line> = if header.width() <= width {
        vec![header]
    } else {
        text::wrap(&header.to_string(), width)
            .into_iter()
            .map(|l| Line::styled(l, theme.author))
            .collect()
    };
    if let Some(date) = app.shown_date(entry) {
        lines.push(Line::styled(text::sanitize_line(&date), theme.muted));
    }
    lines.push(Line::default());
    if entry.body.is_empty() {
        lines.push(Line::styled("(a rating without a review)", theme.muted));
    }
    lines.extend(crate::tui::screens::film::list::body_lines(
        app, entry, width,
    ));
    if let Some(markup) = entry.markup.as_deref().filter(|_| app.shows_text(entry)) {
        lines.extend(crate::tui::widgets::rich_text::link_lines(
            markup, width, theme,
        ));
    }
    let marks: Vec<String> = [
        entry.liked.then(|| "♥ liked".to_string()),
        entry.rewatch.then(|| "↺ rewatch".to_string()),
        (entry.likes > 0).then(|| format!("{} likes", text::count(u64::from(entry.likes)))),
        (entry.comments > 0)
            .then(|| format!("{} comments", text::count(u64::from(entry.comments)))),
        entry
            .cut_short
            .then(|| "cut short: the rest is on Letterboxd".to_string()),
    ]
    .into_iter()
    .flatten()
    .chain(
        entry
            .tags
            .iter()
            .map(|t| format!("#{}", text::sanitize_line(t))),
    )
    .collect();
    if !marks.is_empty() {
        lines.push(Line::default());
        for line in text::wrap(&marks.join("  "), width) {
            lines.push(Line::styled(line, theme.muted));
        }
    }
    lines
}
