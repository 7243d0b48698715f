//! The composer: rating, review text, watched date, liked / rewatch / spoiler, tags.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui_textarea::TextArea;

use crate::text;
use crate::tui::keymap::Mode;
use crate::tui::screen::Look;
use crate::tui::screens::composer::{Composer, Field};
use crate::tui::theme::Theme;
use crate::tui::widgets::text_box;

const LABEL: usize = 10;

/// Where the composer's parts are; a short terminal shows the focused field's line (or
/// the message) above the text, and nothing else.
pub struct Areas {
    pub inner: Rect,
    pub compact: bool,
    pub rating: Rect,
    /// The review's box, and the text inside it.
    pub text_box: Rect,
    pub text: Rect,
    pub watched: Rect,
    pub toggles: Rect,
    pub tags: Rect,
    pub message: Rect,
    /// The message's lines, wrapped.
    pub said: Vec<String>,
}

pub fn areas(area: Rect, composer: &Composer) -> Areas {
    let inner = Block::bordered().inner(area).inner(Margin::new(1, 0));
    if inner.height < 8 {
        let [top, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
        return Areas {
            inner,
            compact: true,
            rating: top,
            text_box: rest,
            text: rest,
            watched: top,
            toggles: top,
            tags: top,
            message: top,
            said: Vec::new(),
        };
    }
    // A message takes the lines it needs, up to three (a file's path is long), and
    // leaves the text box three at least.
    let said: Vec<String> = composer.error.as_deref().map_or_else(Vec::new, |m| {
        text::wrap(&text::sanitize_line(m), usize::from(inner.width).max(1))
    });
    let room = inner.height.saturating_sub(8).clamp(1, 3);
    let error_height = (said.len() as u16).min(room);
    let [rating, text_box, watched, toggles, tags, message] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(error_height),
    ])
    .areas(inner);
    // A column of padding each side, as the list and the reader have.
    let text = Block::bordered().inner(text_box).inner(Margin::new(1, 0));
    Areas {
        inner,
        compact: false,
        rating,
        text_box,
        text,
        watched: field_input(watched),
        toggles,
        tags: field_input(tags),
        message,
        said,
    }
}

/// Where a one-line field's input goes, after its label.
fn field_input(area: Rect) -> Rect {
    Layout::horizontal([Constraint::Length(LABEL as u16), Constraint::Fill(1)]).areas::<2>(area)[1]
}

pub fn draw(frame: &mut Frame, area: Rect, look: &Look, composer: &Composer) {
    let theme = &look.settings.theme;
    let verb = if composer.editing.is_some() {
        "Editing your review of"
    } else {
        "Your review of"
    };
    let title = format!(
        " {verb} {} ",
        text::sanitize_line(&look.page.film.title_with_year())
    );
    let block =
        Block::bordered()
            .border_style(theme.accent)
            .title(crate::tui::widgets::chrome::box_title(
                &title,
                area.width,
                theme.accent,
            ));
    frame.render_widget(block, area);
    let areas = areas(area, composer);
    if areas.compact {
        return draw_compact(frame, &areas, composer, look);
    }
    let (rating, toggles, error) = (areas.rating, areas.toggles, areas.message);
    let message = areas.said.clone();
    let error_height = error.height;
    frame.render_widget(Paragraph::new(rating_line(composer, look)), rating);
    draw_text_box(frame, &areas, composer, theme);
    draw_field(
        frame,
        areas.watched,
        "Watched",
        &composer.watched,
        composer.field == Field::Watched,
        theme,
    );
    let width = usize::from(toggles.width);
    let mut switches = toggles_line(composer, false, false, None, theme);
    if switches.width() > width {
        // Narrow: each switch by its sign alone, so all three stay in view.
        switches = toggles_line(composer, false, true, Some(width), theme);
    }
    frame.render_widget(Paragraph::new(switches), toggles);
    draw_field(
        frame,
        areas.tags,
        "Tags",
        &composer.tags,
        composer.field == Field::Tags,
        theme,
    );
    let mut lines: Vec<Line> = message
        .into_iter()
        .take(usize::from(error_height))
        .map(|l| Line::styled(l, theme.warning))
        .collect();
    if let Some(last) = lines.last_mut()
        && composer.error.as_deref().is_some_and(|m| {
            text::wrap(&text::sanitize_line(m), usize::from(error.width).max(1)).len()
                > usize::from(error_height)
        })
    {
        let shown = last.to_string();
        *last = Line::styled(
            text::truncate(&format!("{shown}…"), usize::from(error.width)),
            theme.warning,
        );
    }
    frame.render_widget(Paragraph::new(lines), error);
}

/// In a short terminal: the focused field's line (or the error), then the text.
fn draw_compact(frame: &mut Frame, areas: &Areas, composer: &Composer, look: &Look) {
    let theme = &look.settings.theme;
    let (top, rest) = (areas.rating, areas.text);
    if let Some(message) = &composer.error {
        let line = text::truncate(&text::sanitize_line(message), usize::from(top.width));
        frame.render_widget(Paragraph::new(Line::styled(line, theme.warning)), top);
    } else {
        match composer.field {
            Field::Rating => frame.render_widget(Paragraph::new(rating_line(composer, look)), top),
            Field::Text => frame.render_widget(
                Paragraph::new(Line::from(label("Review", true, theme))),
                top,
            ),
            Field::Watched => {
                let input = field_input(top);
                draw_field(frame, input, "Watched", &composer.watched, true, theme)
            }
            Field::Tags => draw_field(frame, field_input(top), "Tags", &composer.tags, true, theme),
            Field::Liked | Field::Rewatch | Field::Spoiler => frame.render_widget(
                Paragraph::new(toggles_line(composer, true, false, None, theme)),
                top,
            ),
        }
    }
    text_box::draw(frame, rest, &composer.text, composer.text_top);
}

fn label(name: &str, focused: bool, theme: &Theme) -> Span<'static> {
    let style = if focused { theme.accent } else { theme.muted };
    let mark = if focused { "▸ " } else { "  " };
    Span::styled(format!("{mark}{name:<width$}", width = LABEL - 2), style)
}

fn rating_line(composer: &Composer, look: &Look) -> Line<'static> {
    let theme = &look.settings.theme;
    let focused = composer.field == Field::Rating;
    let mut spans = vec![label("Rating", focused, theme)];
    match composer.rating {
        Some(rating) => {
            spans.push(Span::styled(rating.stars(), theme.stars));
            spans.push(Span::styled(
                format!("  {} of 5", rating.decimal()),
                theme.muted,
            ));
        }
        None => spans.push(Span::styled("no rating", theme.muted)),
    }
    if focused {
        spans.push(Span::styled(
            format!("   {}", rating_keys(&look.settings.keymap)),
            theme.muted,
        ));
    }
    Line::from(spans)
}

/// "1–5 stars · l/→ +½ · h/← −½ · 0 clear", with the keys as they are mapped.
fn rating_keys(keymap: &crate::tui::keymap::Keymap) -> String {
    use crate::tui::action::Action;
    let keys = |action| {
        let keys: Vec<String> = keymap
            .keys(Mode::RatingField, action)
            .iter()
            .take(2)
            .map(ToString::to_string)
            .collect();
        keys.join("/")
    };
    let first = |action| {
        keymap
            .keys(Mode::RatingField, action)
            .first()
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    format!(
        "{}–{} stars · {} +½ · {} −½ · {} clear",
        first(Action::Stars(1)),
        first(Action::Stars(5)),
        keys(Action::AddHalf),
        keys(Action::RemoveHalf),
        first(Action::ClearRating)
    )
}

fn draw_text_box(frame: &mut Frame, areas: &Areas, composer: &Composer, theme: &Theme) {
    let area = areas.text_box;
    let focused = composer.field == Field::Text;
    let block = Block::bordered()
        .border_style(if focused { theme.accent } else { theme.border })
        .title(Span::styled(
            " Review ",
            if focused { theme.accent } else { theme.muted },
        ));
    frame.render_widget(block, area);
    text_box::draw(frame, areas.text, &composer.text, composer.text_top);
}

/// A one-line field: its label before `input_area`, its text in it.
fn draw_field(
    frame: &mut Frame,
    input_area: Rect,
    name: &str,
    input: &TextArea<'static>,
    focused: bool,
    theme: &Theme,
) {
    let name_area = Rect {
        x: input_area.x.saturating_sub(LABEL as u16),
        width: (LABEL as u16).min(input_area.x),
        ..input_area
    };
    frame.render_widget(
        Paragraph::new(Line::from(label(name, focused, theme))),
        name_area,
    );
    text_box::draw_line(frame, input_area, input);
}

/// Liked, rewatch and spoiler switches; `only_focused` keeps just the one with focus,
/// `signs` names each by its sign alone (and drops the label where `width` is too narrow
/// for it).
fn toggles_line(
    composer: &Composer,
    only_focused: bool,
    signs: bool,
    width: Option<usize>,
    theme: &Theme,
) -> Line<'static> {
    let switches = [
        (Field::Liked, composer.liked, "Liked ♥"),
        (Field::Rewatch, composer.rewatch, "Rewatch ↺"),
        (Field::Spoiler, composer.spoiler, "Spoiler ⚠"),
    ]
    .map(|(field, on, name)| {
        let name = if signs {
            name.rsplit(' ').next().unwrap_or(name)
        } else {
            name
        };
        (field, on, name)
    });
    let gap = if signs { " " } else { "   " };
    let focused = switches.iter().any(|(f, ..)| *f == composer.field);
    let mut spans = vec![label("Marks", focused, theme)];
    if signs && width.is_some_and(|w| w < 10 + 15) {
        // Narrower still: the focus mark without the label.
        spans = vec![Span::styled(
            if focused { "▸ " } else { "  " },
            theme.accent,
        )];
    }
    for (field, on, name) in switches {
        if only_focused && field != composer.field {
            continue;
        }
        let style = match (field == composer.field, on) {
            (true, _) => theme
                .accent
                .add_modifier(ratatui::style::Modifier::REVERSED),
            (false, true) => theme.accent,
            (false, false) => Style::default(),
        };
        let box_ = if on { "[x]" } else { "[ ]" };
        let switch = if signs {
            format!("{box_}{name}")
        } else {
            format!("{box_} {name}")
        };
        spans.push(Span::styled(switch, style));
        spans.push(Span::raw(gap));
    }
    Line::from(spans)
}
