//! A save that found the review changed or deleted since the edit began: what happened,
//! the choices with their keys, and (asked for) both versions one above the other.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::model::Entry;
use crate::text;
use crate::tui::action::Action;
use crate::tui::app::{App, Conflict};
use crate::tui::keymap::Mode;
use crate::tui::widgets::scroll::Scroll;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, conflict: &Conflict) {
    let width = area.width.min(76);
    let inner_width = usize::from(width.saturating_sub(4)).max(1);
    if let (Some(scroll), Some(theirs)) = (&conflict.both, &conflict.theirs) {
        let foot = choices(app, conflict, usize::from(area.width.saturating_sub(4)));
        return draw_both(frame, area, app, theirs, scroll, foot);
    }
    let mut lines = what_happened(app, conflict, inner_width);
    lines.push(Line::default());
    lines.extend(choices(app, conflict, inner_width));
    if lines.len() + 2 > usize::from(area.height) {
        // Short of room: the choices first, what happened in a word.
        let said = match conflict.theirs {
            Some(_) => "Not saved: changed elsewhere.",
            None => "Not saved: deleted elsewhere.",
        };
        lines = vec![Line::styled(
            text::truncate(said, inner_width),
            app.theme.warning,
        )];
        lines.extend(choices(app, conflict, inner_width));
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = crate::tui::widgets::chrome::centered(area, width, height);
    let block = Block::bordered().border_style(app.theme.warning);
    let inner = block.inner(popup).inner(Margin::new(1, 0));
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    frame.render_widget(Paragraph::new(lines), inner);
}

fn what_happened(app: &App, conflict: &Conflict, width: usize) -> Vec<Line<'static>> {
    let said = match &conflict.theirs {
        Some(_) => {
            "Not saved: this review was changed elsewhere (another marquee, a script) since you began editing it. Nothing was overwritten."
        }
        None => {
            "Not saved: this review was deleted elsewhere (another marquee, a script) while you edited it."
        }
    };
    text::wrap(said, width)
        .into_iter()
        .map(|l| Line::styled(l, app.theme.warning))
        .collect()
}

/// Each choice with its key beside it, a line each (they are long).
fn choices(app: &App, conflict: &Conflict, width: usize) -> Vec<Line<'static>> {
    let mut offered = vec![(Action::KeepMine, "save yours as a new review")];
    if conflict.theirs.is_some() {
        offered.push((Action::TakeTheirs, "take theirs: drop your changes"));
        if conflict.both.is_none() {
            offered.push((Action::SeeBoth, "see both versions"));
        }
    }
    offered.push((Action::Back, "back to editing"));
    offered
        .into_iter()
        .filter_map(|(action, label)| {
            let key = app
                .keymap()
                .keys(Mode::Conflict, action)
                .first()?
                .to_string();
            let label = text::truncate(label, width.saturating_sub(text::width(&key) + 1));
            Some(Line::from(vec![
                Span::styled(key, app.theme.key),
                Span::styled(format!(" {label}"), app.theme.text),
            ]))
        })
        .collect()
}

/// Theirs above yours, scrolled, with the choices at the foot.
fn draw_both(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    theirs: &Entry,
    scroll: &Scroll,
    foot: Vec<Line<'static>>,
) {
    let mut block = Block::bordered()
        .border_style(app.theme.warning)
        .title(Span::styled(
            " Not saved: changed elsewhere · both versions ",
            app.theme.warning,
        ));
    if scroll.more_below() {
        block = block.title_bottom(Span::styled(" more below ↓ ", app.theme.accent));
    }
    frame.render_widget(Clear, area);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let width = usize::from(inner.width).max(1);
    let mine = app.composer().map(|c| c.draft());
    let theirs_marks = Marks {
        watched: theirs.watched.as_deref().unwrap_or(""),
        liked: theirs.liked,
        rewatch: theirs.rewatch,
        spoiler: theirs.spoiler,
        tags: theirs.tags.join(", "),
    };
    let heading = "Theirs, as the review is now";
    let mut lines = version(
        app,
        heading,
        theirs.rating,
        &theirs_marks,
        &theirs.body,
        width,
    );
    lines.push(Line::default());
    if let Some(mine) = mine {
        let marks = Marks {
            watched: &mine.watched,
            liked: mine.liked,
            rewatch: mine.rewatch,
            spoiler: mine.spoiler,
            tags: crate::model::parse_tags(&mine.tags).join(", "),
        };
        let heading = "Yours, not saved";
        lines.extend(version(
            app,
            heading,
            mine.rating,
            &marks,
            &mine.body,
            width,
        ));
    }
    let foot_height = (foot.len() as u16).min(inner.height / 2);
    let text_height = inner.height - foot_height;
    let from = scroll.measure(usize::from(text_height), lines.len());
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(from)
        .take(usize::from(text_height))
        .collect();
    let text_area = Rect {
        height: text_height,
        ..inner
    };
    let foot_area = Rect {
        y: inner.y + text_height,
        height: foot_height,
        ..inner
    };
    frame.render_widget(Paragraph::new(shown), text_area);
    frame.render_widget(Paragraph::new(foot), foot_area);
}

/// What a version holds besides its rating and text.
struct Marks<'a> {
    watched: &'a str,
    liked: bool,
    rewatch: bool,
    spoiler: bool,
    tags: String,
}

impl Marks<'_> {
    fn words(&self) -> String {
        let mut words = Vec::new();
        if !self.watched.is_empty() {
            words.push(format!("watched {}", self.watched));
        }
        for (on, word) in [
            (self.liked, "♥ liked"),
            (self.rewatch, "↺ rewatch"),
            (self.spoiler, "⚠ spoiler"),
        ] {
            if on {
                words.push(word.to_string());
            }
        }
        if !self.tags.is_empty() {
            words.push(format!("tags: {}", self.tags));
        }
        words.join(" · ")
    }
}

fn version(
    app: &App,
    heading: &str,
    rating: Option<crate::model::Rating>,
    marks: &Marks,
    body: &str,
    width: usize,
) -> Vec<Line<'static>> {
    let stars = rating.map_or_else(|| "no rating".to_string(), |r| r.stars());
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{heading} · "), app.theme.title),
        Span::styled(stars, app.theme.stars),
    ])];
    for line in text::wrap(&text::sanitize_line(&marks.words()), width) {
        lines.push(Line::styled(line, app.theme.muted));
    }
    for paragraph in body.split('\n') {
        let clean = text::sanitize_line(paragraph);
        let wrapped = text::wrap(&clean, width);
        if wrapped.is_empty() {
            lines.push(Line::default());
        }
        lines.extend(wrapped.into_iter().map(|l| Line::styled(l, app.theme.text)));
    }
    lines
}
