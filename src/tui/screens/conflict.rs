//! A save that found the review changed or deleted since the edit began: what happened,
//! the choices with their keys, and (asked for) both versions one above the other.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::model::{Draft, Entry};
use crate::store::Result;
use crate::text;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::screen::{Cx, Look, Request, Screen, Step};
use crate::tui::settings::Settings;
use crate::tui::widgets::scroll::Scroll;

/// A save that did not land: the entry changed since the edit began, or went.
pub struct Conflict {
    /// What the entry holds now; `None` when it was deleted.
    pub theirs: Option<Box<Entry>>,
    /// What the composer holds, not saved.
    mine: Draft,
    /// Both versions shown, scrolled, when the user asked to see them.
    both: Option<Scroll>,
}

/// Where both versions go: their lines, the rows they have, and the choices below.
struct Both {
    block: Rect,
    text: Rect,
    foot: Rect,
    lines: Vec<Line<'static>>,
}

impl Conflict {
    pub fn new(theirs: Option<Box<Entry>>, mine: Draft) -> Conflict {
        Conflict {
            theirs,
            mine,
            both: None,
        }
    }

    fn both_layout(&self, settings: &Settings, area: Rect, theirs: &Entry) -> Both {
        let inner = both_block(settings, area.width, false)
            .inner(area)
            .inner(Margin::new(1, 0));
        let width = usize::from(inner.width).max(1);
        let foot = self.choices(settings, usize::from(area.width.saturating_sub(4)));
        let foot_height = (foot.len() as u16).min(inner.height / 2);
        let text_height = inner.height - foot_height;
        // Theirs is stored ISO; yours is as typed, in the user's format.
        let theirs_day = theirs.watched.as_deref().map(|day| settings.day(day));
        let theirs_marks = Marks {
            watched: theirs_day.as_deref().unwrap_or(""),
            liked: theirs.liked,
            rewatch: theirs.rewatch,
            spoiler: theirs.spoiler,
            tags: theirs.tags.join(", "),
        };
        let heading = "Theirs, as the review is now";
        let mut lines = version(
            settings,
            heading,
            theirs.rating,
            &theirs_marks,
            &theirs.body,
            width,
        );
        lines.push(Line::default());
        let mine = &self.mine;
        let marks = Marks {
            watched: &mine.watched,
            liked: mine.liked,
            rewatch: mine.rewatch,
            spoiler: mine.spoiler,
            tags: crate::model::parse_tags(&mine.tags).join(", "),
        };
        lines.extend(version(
            settings,
            "Yours, not saved",
            mine.rating,
            &marks,
            &mine.body,
            width,
        ));
        Both {
            block: area,
            text: Rect {
                height: text_height,
                ..inner
            },
            foot: Rect {
                y: inner.y + text_height,
                height: foot_height,
                ..inner
            },
            lines,
        }
    }

    fn what_happened(&self, settings: &Settings, width: usize) -> Vec<Line<'static>> {
        let said = match &self.theirs {
            Some(_) => {
                "Not saved: this review was changed elsewhere (another marquee, a script) since you began editing it. Nothing was overwritten."
            }
            None => {
                "Not saved: this review was deleted elsewhere (another marquee, a script) while you edited it."
            }
        };
        text::wrap(said, width)
            .into_iter()
            .map(|l| Line::styled(l, settings.theme.warning))
            .collect()
    }

    /// Each choice with its key beside it, a line each (they are long).
    fn choices(&self, settings: &Settings, width: usize) -> Vec<Line<'static>> {
        let mut offered = vec![(Action::KeepMine, "save yours as a new review")];
        if self.theirs.is_some() {
            offered.push((Action::TakeTheirs, "take theirs: drop your changes"));
            if self.both.is_none() {
                offered.push((Action::SeeBoth, "see both versions"));
            }
        }
        offered.push((Action::Back, "back to editing"));
        offered
            .into_iter()
            .filter_map(|(action, label)| {
                let key = settings
                    .keymap
                    .keys(Mode::Conflict, action)
                    .first()?
                    .to_string();
                let label = text::truncate(label, width.saturating_sub(text::width(&key) + 1));
                Some(Line::from(vec![
                    Span::styled(key, settings.theme.key),
                    Span::styled(format!(" {label}"), settings.theme.text),
                ]))
            })
            .collect()
    }
}

fn both_block(settings: &Settings, width: u16, more_below: bool) -> Block<'static> {
    let mut block = Block::bordered()
        .border_style(settings.theme.warning)
        .title(crate::tui::widgets::chrome::box_title(
            " Not saved: changed elsewhere · both versions ",
            width,
            settings.theme.warning,
        ));
    if more_below {
        block = block.title_bottom(Span::styled(" more below ↓ ", settings.theme.accent));
    }
    block
}

impl Screen for Conflict {
    fn mode(&self) -> Mode {
        Mode::Conflict
    }

    fn is_overlay(&self) -> bool {
        true
    }

    fn act(&mut self, action: Action, cx: &mut Cx) -> Result<Step> {
        match action {
            Action::KeepMine => return Ok(Step::CloseThen(Request::SaveAsNew)),
            Action::TakeTheirs if self.theirs.is_some() => {
                return Ok(Step::CloseThen(Request::TakeTheirs(self.theirs.take())));
            }
            Action::SeeBoth if self.theirs.is_some() => self.both = Some(Scroll::default()),
            Action::Back if self.both.is_some() => self.both = None,
            Action::Back => return Ok(Step::CloseThen(Request::BackToText)),
            Action::Help | Action::Quit => return Ok(Step::Pass),
            _ => {
                if let Some(theirs) = &self.theirs {
                    let both = self.both_layout(cx.settings, cx.area, theirs);
                    let page = usize::from(both.text.height);
                    if let Some(scroll) = &mut self.both {
                        scroll.apply(action, page, both.lines.len());
                    }
                }
            }
        }
        Ok(Step::Done)
    }

    /// A deleted review has no version to take or to see.
    fn offers(&self, action: Action) -> bool {
        match action {
            Action::TakeTheirs => self.theirs.is_some(),
            Action::SeeBoth => self.theirs.is_some() && self.both.is_none(),
            _ => true,
        }
    }

    fn hints(&self) -> &'static [(Action, &'static str)] {
        &[
            (Action::KeepMine, "save yours as new"),
            (Action::TakeTheirs, "take theirs"),
            (Action::SeeBoth, "see both"),
            (Action::Back, "back to editing"),
        ]
    }

    fn draw(&self, frame: &mut Frame, area: Rect, look: &Look) {
        let settings = look.settings;
        if let (Some(scroll), Some(theirs)) = (&self.both, &self.theirs) {
            return self.draw_both(frame, area, settings, theirs, scroll);
        }
        let width = area.width.min(76);
        let inner_width = usize::from(width.saturating_sub(4)).max(1);
        let mut lines = self.what_happened(settings, inner_width);
        lines.push(Line::default());
        lines.extend(self.choices(settings, inner_width));
        if lines.len() + 2 > usize::from(area.height) {
            // Short of room: the choices first, what happened in a word.
            let said = match self.theirs {
                Some(_) => "Not saved: changed elsewhere.",
                None => "Not saved: deleted elsewhere.",
            };
            lines = vec![Line::styled(
                text::truncate(said, inner_width),
                settings.theme.warning,
            )];
            lines.extend(self.choices(settings, inner_width));
        }
        let height = crate::tui::widgets::chrome::fit(lines.len(), 2, area.height);
        let popup = crate::tui::widgets::chrome::centered(area, width, height);
        let block = Block::bordered().border_style(settings.theme.warning);
        let inner = block.inner(popup).inner(Margin::new(1, 0));
        frame.render_widget(Clear, popup);
        frame.render_widget(block, popup);
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

impl Conflict {
    /// Theirs above yours, scrolled, with the choices at the foot.
    fn draw_both(
        &self,
        frame: &mut Frame,
        area: Rect,
        settings: &Settings,
        theirs: &Entry,
        scroll: &Scroll,
    ) {
        let both = self.both_layout(settings, area, theirs);
        let page = usize::from(both.text.height);
        let total = both.lines.len();
        frame.render_widget(Clear, area);
        frame.render_widget(
            both_block(settings, area.width, scroll.more_below(page, total)),
            both.block,
        );
        let from = scroll.offset(page, total);
        let shown: Vec<Line> = both.lines.into_iter().skip(from).take(page).collect();
        frame.render_widget(Paragraph::new(shown), both.text);
        let foot = self.choices(settings, usize::from(area.width.saturating_sub(4)));
        frame.render_widget(Paragraph::new(foot), both.foot);
    }
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
    settings: &Settings,
    heading: &str,
    rating: Option<crate::model::Rating>,
    marks: &Marks,
    body: &str,
    width: usize,
) -> Vec<Line<'static>> {
    let stars = rating.map_or_else(|| "no rating".to_string(), |r| r.stars());
    let whole = format!("{heading} · {stars}");
    let mut lines: Vec<Line> = if text::width(&whole) <= width {
        vec![Line::from(vec![
            Span::styled(format!("{heading} · "), settings.theme.title),
            Span::styled(stars, settings.theme.stars),
        ])]
    } else {
        // Narrow: wrapped, the heading's words whole.
        text::wrap(&whole, width)
            .into_iter()
            .map(|line| Line::styled(line, settings.theme.title))
            .collect()
    };
    for line in text::wrap(&text::sanitize_line(&marks.words()), width) {
        lines.push(Line::styled(line, settings.theme.muted));
    }
    for paragraph in body.split('\n') {
        let clean = text::sanitize_line(paragraph);
        let wrapped = text::wrap(&clean, width);
        if wrapped.is_empty() {
            lines.push(Line::default());
        }
        lines.extend(
            wrapped
                .into_iter()
                .map(|l| Line::styled(l, settings.theme.text)),
        );
    }
    lines
}
