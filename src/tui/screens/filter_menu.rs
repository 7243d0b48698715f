//! The rating filter menu: every bucket with its count, ★★★★★ down to ½.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::model::FilmStats;
use crate::query::RatingFilter;
use crate::text;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::screens::film::filtering::{FilterMenu, MENU_ROWS, menu_filter};

const WIDTH: u16 = 30;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, menu: &FilterMenu) {
    let FilterMenu {
        row,
        or_more,
        counts: ref stats,
    } = *menu;
    let theme = &app.theme;
    let width = WIDTH.min(area.width);
    let mut lines: Vec<Line> = (0..MENU_ROWS)
        .map(|r| {
            let filter = menu_filter(r, or_more);
            let count = count(stats, filter);
            let label = match filter {
                RatingFilter::All => "All ratings".to_string(),
                RatingFilter::Unrated => "Unrated".to_string(),
                other => other.label(),
            };
            let count = text::count(count);
            // Padded to the popup as drawn, so a narrow terminal still shows the counts.
            let pad = usize::from(width.saturating_sub(6))
                .saturating_sub(text::width(&label) + count.len());
            let style = if r == row {
                theme.accent.add_modifier(Modifier::REVERSED)
            } else if filter == app.query.filter {
                theme.stars
            } else {
                theme.text
            };
            Line::from(vec![Span::styled(
                format!(" {label}{} {count} ", " ".repeat(pad)),
                style,
            )])
        })
        .collect();
    let toggle = app.key_name(Mode::FilterMenu, Action::ToggleOrMore);
    let check = if or_more { "[x]" } else { "[ ]" };
    lines.push(Line::default());
    lines.push(Line::styled(
        format!(" {check} or more ({toggle})"),
        theme.muted,
    ));

    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = crate::tui::widgets::chrome::centered(area, width, height);
    let block = Block::bordered()
        .border_style(theme.accent)
        .title(Span::styled(" Filter by rating ", theme.accent));
    let inner = block.inner(popup).inner(Margin::new(1, 0));
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    // Keep the highlighted row in view when the terminal is short.
    let skip = (row + 1).saturating_sub(usize::from(inner.height));
    frame.render_widget(Paragraph::new(lines).scroll((skip as u16, 0)), inner);
}

/// Entries a filter keeps, from the counts.
fn count(stats: &FilmStats, filter: RatingFilter) -> u64 {
    filter
        .buckets()
        .into_iter()
        .map(|bucket| match bucket {
            None => stats.unrated,
            Some(h) => stats.buckets[usize::from(h) - 1],
        })
        .sum()
}
