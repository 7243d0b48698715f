//! The reader: the selected review, or everything about the film, full screen and
//! scrolled. A review of 100,000 characters is wrapped once (at `settle`), not at every
//! key and frame.

use std::rc::Rc;

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use crate::model::Entry;
use crate::store::Result;
use crate::text;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::screen::{Cx, Listing, Look, Screen, Step};
use crate::tui::screens::film::{list, pane};
use crate::tui::widgets::chrome::box_title;
use crate::tui::widgets::scroll::Scroll;

/// What the reader shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// The review selected in the list.
    Review,
    /// Everything about the film: what its pane has no room for below 100 columns.
    Film,
}

/// What a review's lines depend on: the entry, the length of its text, the width, and
/// whether the text is shown.
type LinesKey = (i64, usize, usize, bool);

pub struct Reader {
    reading: Reading,
    scroll: Scroll,
    /// The review's lines as the last change left them, and how many lines show.
    lines: Option<(LinesKey, Rc<Vec<Line<'static>>>)>,
    shown: usize,
}

impl Reader {
    pub fn new(reading: Reading) -> Reader {
        Reader {
            reading,
            scroll: Scroll::default(),
            lines: None,
            shown: 0,
        }
    }

    /// The text's lines at `width`: those kept, when they are for the same review.
    fn lines(&self, look: &Look, width: usize) -> Rc<Vec<Line<'static>>> {
        match (self.reading, look.page.list.selected_entry()) {
            (Reading::Film, _) => Rc::new(pane::full_lines(look, width)),
            (Reading::Review, Some(entry)) => {
                let key = key(look, entry, width);
                match &self.lines {
                    Some((kept, lines)) if *kept == key => Rc::clone(lines),
                    _ => Rc::new(review_lines(look, entry, width)),
                }
            }
            (Reading::Review, None) => Rc::new(Vec::new()),
        }
    }

    fn total(&self) -> usize {
        self.lines.as_ref().map_or(0, |(_, lines)| lines.len())
    }
}

fn key(look: &Look, entry: &Entry, width: usize) -> LinesKey {
    (
        entry.id,
        list::text_size(entry),
        width,
        look.page.shows_text(entry),
    )
}

fn block(look: &Look, area: Rect) -> Block<'static> {
    Block::bordered()
        .border_style(look.settings.theme.border)
        .title(box_title(
            &format!(
                " {} ",
                text::sanitize_line(&look.page.film.title_with_year())
            ),
            area.width,
            look.settings.theme.accent,
        ))
}

/// The text's room: inside the border, a column of padding each side, at most
/// `text::MEASURE` wide.
fn text_area(look: &Look, area: Rect) -> (Rect, usize) {
    let inner = block(look, area).inner(area).inner(Margin::new(1, 0));
    (inner, usize::from(inner.width).min(text::MEASURE))
}

impl Screen for Reader {
    fn mode(&self) -> Mode {
        Mode::Reader
    }

    fn act(&mut self, action: Action, _cx: &mut Cx) -> Result<Step> {
        Ok(match action {
            Action::Next
            | Action::Prev
            | Action::PageDown
            | Action::PageUp
            | Action::First
            | Action::Last => {
                self.scroll.apply(action, self.shown, self.total());
                Step::Done
            }
            Action::Back => Step::Close,
            // The review's own keys (edit, delete, reveal, marks) are the film page's.
            _ => Step::Pass,
        })
    }

    fn settle(&mut self, look: &Look, area: Rect) {
        let (inner, width) = text_area(look, area);
        let lines = self.lines(look, width);
        self.shown = usize::from(inner.height);
        let key = match (self.reading, look.page.list.selected_entry()) {
            (Reading::Review, Some(entry)) => key(look, entry, width),
            _ => (0, 0, width, false),
        };
        self.lines = Some((key, lines));
    }

    fn draw(&self, frame: &mut Frame, area: Rect, look: &Look) {
        frame.render_widget(block(look, area), area);
        let (inner, width) = text_area(look, area);
        if self.reading == Reading::Review && look.page.list.selected_entry().is_none() {
            return;
        }
        let height = usize::from(inner.height);
        let lines = self.lines(look, width);
        let total = lines.len();
        let max_scroll = total.saturating_sub(height);
        let scroll = self.scroll.offset(height, total);
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

    fn listed(&self) -> Listing {
        Listing::Page
    }

    fn hints(&self) -> &'static [(Action, &'static str)] {
        &[
            (Action::Next, "scroll"),
            (Action::Back, "back"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ]
    }
}

/// Stars, author and date, then the whole text.
fn review_lines(look: &Look, entry: &Entry, width: usize) -> Vec<Line<'static>> {
    let theme = &look.settings.theme;
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
    if let Some(date) = look.settings.shown_date(entry) {
        lines.push(Line::styled(text::sanitize_line(&date), theme.muted));
    }
    lines.push(Line::default());
    if entry.body.is_empty() {
        lines.push(Line::styled("(a rating without a review)", theme.muted));
    }
    lines.extend(list::body_lines(look, entry, width));
    if let Some(markup) = entry
        .markup
        .as_deref()
        .filter(|_| look.page.shows_text(entry))
    {
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
