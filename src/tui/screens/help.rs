//! The help overlay, generated from the keymap so it always tells the truth: the keys of
//! the screen under it first, then every other's.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::store::Result;
use crate::text;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::screen::{Cx, Look, Screen, Step};
use crate::tui::settings::Settings;
use crate::tui::widgets::scroll::Scroll;

pub struct Help {
    /// The mode under the help: its keys come first.
    under: Mode,
    scroll: Scroll,
}

impl Help {
    pub fn new(under: Mode) -> Help {
        Help {
            under,
            scroll: Scroll::default(),
        }
    }

    /// The popup in `area`, its lines, and how many of them show.
    fn layout(&self, settings: &Settings, area: Rect) -> (Rect, Vec<Line<'static>>, usize) {
        let lines = help_lines(
            settings,
            self.under,
            usize::from(area.width.saturating_sub(4)),
        );
        let content_width = lines.iter().map(Line::width).max().unwrap_or(0);
        let width = crate::tui::widgets::chrome::fit(content_width, 4, area.width);
        let height = crate::tui::widgets::chrome::fit(lines.len(), 2, area.height);
        let popup = crate::tui::widgets::chrome::centered(area, width, height);
        (popup, lines, usize::from(height.saturating_sub(2)))
    }
}

impl Screen for Help {
    fn mode(&self) -> Mode {
        Mode::Help
    }

    fn is_overlay(&self) -> bool {
        true
    }

    fn act(&mut self, action: Action, cx: &mut Cx) -> Result<Step> {
        if matches!(action, Action::Back | Action::Help) {
            return Ok(Step::Close);
        }
        let (_, lines, visible) = self.layout(cx.settings, cx.area);
        self.scroll.apply(action, visible, lines.len());
        Ok(Step::Done)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, look: &Look) {
        let theme = &look.settings.theme;
        let (popup, lines, visible) = self.layout(look.settings, area);
        let total = lines.len();
        let from = self.scroll.offset(visible, total);
        let mut block = Block::bordered()
            .border_style(theme.accent)
            .title(Span::styled(" Keys ", theme.accent));
        if self.scroll.more_below(visible, total) {
            block = block.title_bottom(Span::styled(" more below ↓ ", theme.accent));
        }
        let inner = block.inner(popup).inner(Margin::new(1, 0));
        frame.render_widget(Clear, popup);
        frame.render_widget(block, popup);
        let shown: Vec<Line> = lines.into_iter().skip(from).take(visible).collect();
        frame.render_widget(Paragraph::new(shown), inner);
    }

    fn hints(&self) -> &'static [(Action, &'static str)] {
        &[(Action::Back, "close"), (Action::Quit, "quit")]
    }
}

/// A section per mode, the one under the overlay first: its keys and what they do, side
/// by side, or what they do below the keys where `width` has no room for both.
fn help_lines(settings: &Settings, under: Mode, width: usize) -> Vec<Line<'static>> {
    let theme = &settings.theme;
    let mut modes = vec![under];
    modes.extend(settings.keymap.modes().into_iter().filter(|&m| m != under));
    let sections: Vec<(Mode, Vec<(String, String)>)> = modes
        .into_iter()
        .map(|mode| (mode, settings.keymap.help(mode)))
        .collect();
    let key_width = sections
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(keys, _)| text::width(keys)))
        .max()
        .unwrap_or(0);
    let mut lines = Vec::new();
    for (mode, rows) in sections {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(mode.title(), theme.title));
        for (keys, what) in rows {
            let pad = key_width - text::width(&keys);
            if 2 + key_width + 2 + text::width(&what) <= width {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {keys}{}", " ".repeat(pad)), theme.key),
                    Span::styled(format!("  {what}"), theme.text),
                ]));
                continue;
            }
            lines.push(Line::styled(format!("  {keys}"), theme.key));
            for part in text::wrap(&what, width.saturating_sub(4).max(1)) {
                lines.push(Line::styled(format!("    {part}"), theme.text));
            }
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled("The mouse wheel scrolls too.", theme.muted));
    lines
}
