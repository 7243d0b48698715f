//! The film pane: title, year, directors, rating summary, histogram and synopsis.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::model::{Film, FilmDetails, FilmStats, Marks, Rating};
use crate::text;
use crate::tui::screen::Look;
use crate::tui::screens::film::filtering::Focus;
use crate::tui::theme::Theme;
use crate::tui::widgets::histogram;

/// Inside the tall pane's border.
fn tall_inner(area: Rect, look: &Look) -> Rect {
    tall_block(look)
        .inner(area)
        .inner(ratatui::layout::Margin::new(1, 0))
}

fn tall_block(look: &Look) -> Block<'static> {
    Block::new()
        .borders(Borders::RIGHT)
        .border_style(look.settings.theme.border)
}

/// The tall pane's lines above its histogram: title, directors, details, the summary and
/// the member's marks.
fn tall_head(look: &Look, width: usize) -> Vec<Line<'static>> {
    let theme = &look.settings.theme;
    let page = look.page;
    let mut lines = title_lines(&page.film, width, theme);
    lines.extend(directors_lines(&page.film, width, theme));
    lines.extend(details_lines(&page.details, width, theme));
    lines.push(Line::default());
    lines.push(summary_line(&page.stats, width, theme));
    if let Some(yours) = marks_line(&page.marks, width, theme) {
        lines.push(yours);
    }
    lines.push(Line::default());
    lines
}

/// Where each histogram bar is (its half-stars), for clicks: a row each in the tall
/// pane, a column each in the short one.
pub fn bars(area: Rect, wide: bool, look: &Look) -> Vec<(Rect, u8)> {
    if !wide {
        let hist_area = short_areas(area).1;
        if hist_area.width == 0 {
            return Vec::new();
        }
        let (bar_width, gap) = histogram::vertical_geometry(usize::from(hist_area.width));
        return (1..=10u8)
            .map(|half_stars| {
                let x = hist_area.x + u16::from(half_stars - 1) * (bar_width + gap) as u16;
                let column = Rect {
                    x,
                    width: bar_width as u16,
                    ..hist_area
                };
                (column, half_stars)
            })
            .collect();
    }
    let inner = tall_inner(area, look);
    let first_bar = inner.y as usize + tall_head(look, usize::from(inner.width)).len();
    Rating::all()
        .rev()
        .enumerate()
        .filter_map(|(i, rating)| {
            let y = u16::try_from(first_bar + i).ok()?;
            (y < inner.bottom()).then_some((
                Rect {
                    y,
                    height: 1,
                    ..inner
                },
                rating.half_stars(),
            ))
        })
        .collect()
}

/// The pane beside the list on wide terminals: everything, the synopsis taking what is left.
pub fn draw_tall(frame: &mut Frame, area: Rect, look: &Look) {
    let inner = tall_inner(area, look);
    frame.render_widget(tall_block(look), area);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let theme = &look.settings.theme;
    let mut lines = tall_head(look, width);
    lines.extend(histogram::horizontal(
        &look.page.stats,
        width,
        marks(look),
        theme,
    ));
    if !look.page.film.synopsis.is_empty() {
        lines.push(Line::default());
        let room = height.saturating_sub(lines.len());
        lines.extend(synopsis_lines(&look.page.film, width, room, theme));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The short pane's text and histogram areas.
fn short_areas(area: Rect) -> (Rect, Rect) {
    let area = area.inner(ratatui::layout::Margin::new(1, 0));
    let hist_width = histogram::vertical_width(usize::from(area.width) / 3);
    let [text_area, _, hist_area] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(u16::from(hist_width > 0)),
        Constraint::Length(hist_width as u16),
    ])
    .areas(area);
    (text_area, hist_area)
}

/// The pane above the list on narrow terminals: a line each for title, directors and
/// summary, the synopsis below, and a small histogram on the right when it fits.
pub fn draw_short(frame: &mut Frame, area: Rect, look: &Look) {
    let theme = &look.settings.theme;
    let page = look.page;
    let (text_area, hist_area) = short_areas(area);
    let width = usize::from(text_area.width);

    let mut lines = vec![one_line(title_lines(&page.film, usize::MAX, theme), width)];
    if !page.film.directors.is_empty() {
        lines.push(one_line(
            directors_lines(&page.film, usize::MAX, theme),
            width,
        ));
    }
    lines.push(summary_line(&page.stats, width, theme));
    if let Some(yours) = marks_line(&page.marks, width, theme) {
        lines.push(yours);
    }
    let room = usize::from(text_area.height).saturating_sub(lines.len());
    lines.extend(synopsis_lines(&page.film, width, room, theme));
    frame.render_widget(Paragraph::new(lines), text_area);

    let bars = histogram::vertical(
        &page.stats,
        usize::from(hist_area.width),
        usize::from(hist_area.height),
        marks(look),
        theme,
    );
    frame.render_widget(Paragraph::new(bars), hist_area);
}

/// The list's filter and the focused bar, for the histogram's colours.
fn marks(look: &Look) -> histogram::Marks {
    histogram::Marks {
        filter: look.page.query.filter,
        focused: match &look.page.focus {
            Focus::Histogram { bar } => Some(*bar),
            _ => None,
        },
    }
}

/// The first of `lines`, cut to `width` with an ellipsis.
fn one_line(lines: Vec<Line<'static>>, width: usize) -> Line<'static> {
    let line = lines.into_iter().next().unwrap_or_default();
    if line.width() <= width {
        return line;
    }
    let style = line.spans.first().map(|s| s.style).unwrap_or_default();
    Line::styled(text::truncate(&line.to_string(), width), style)
}

fn title_lines(film: &Film, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let title = text::sanitize_line(&film.title);
    let year = film.year.map(|y| format!(" {y}")).unwrap_or_default();
    if width == usize::MAX {
        return vec![Line::from(vec![
            Span::styled(title, theme.title),
            Span::styled(year, theme.muted),
        ])];
    }
    text::wrap(&format!("{title}{year}"), width)
        .into_iter()
        .map(|l| Line::styled(l, theme.title))
        .collect()
}

fn directors_lines(film: &Film, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    if film.directors.is_empty() {
        return Vec::new();
    }
    let names: Vec<String> = film
        .directors
        .iter()
        .map(|d| text::sanitize_line(d))
        .collect();
    let text = format!("Directed by {}", join_names(&names));
    if width == usize::MAX {
        return vec![Line::styled(text, theme.muted)];
    }
    text::wrap(&text, width)
        .into_iter()
        .map(|l| Line::styled(l, theme.muted))
        .collect()
}

/// Everything about the film, for the reader: the pane's lines with the whole synopsis,
/// the whole cast and the histogram.
pub fn full_lines(look: &Look, width: usize) -> Vec<Line<'static>> {
    let theme = &look.settings.theme;
    let mut lines = title_lines(&look.page.film, width, theme);
    if let Some(original) = &look.page.details.from_imdb.original_title
        && original != &look.page.film.title
    {
        let original = format!("Original title: {}", text::sanitize_line(original));
        for line in text::wrap(&original, width) {
            lines.push(Line::styled(line, theme.muted));
        }
    }
    lines.extend(directors_lines(&look.page.film, width, theme));
    lines.extend(details_lines(&look.page.details, width, theme));
    lines.push(Line::default());
    lines.push(summary_line(&look.page.stats, width, theme));
    if let Some(yours) = marks_line(&look.page.marks, width, theme) {
        lines.push(yours);
    }
    if !look.page.film.synopsis.is_empty() {
        lines.push(Line::default());
        lines.extend(synopsis_lines(&look.page.film, width, usize::MAX, theme));
    }
    if look.page.details.cast.len() > 3 {
        lines.push(Line::default());
        let cast = format!("Cast: {}", look.page.details.cast.join(", "));
        for line in text::wrap(&text::sanitize_line(&cast), width) {
            lines.push(Line::styled(line, theme.muted));
        }
    }
    lines.push(Line::default());
    let unmarked = histogram::Marks {
        filter: crate::query::RatingFilter::All,
        focused: None,
    };
    lines.extend(histogram::horizontal(
        &look.page.stats,
        width.min(40),
        unmarked,
        theme,
    ));
    lines
}

/// "118 min · Drama, Mystery · with Jane Doe, Jo Roe" and "Letterboxd ★ 3.87 from
/// 61,234 ratings", as far as a Letterboxd page told them.
fn details_lines(details: &FilmDetails, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut facts = Vec::new();
    if let Some(minutes) = details.runtime {
        facts.push(format!("{minutes} min"));
    }
    if !details.genres.is_empty() {
        facts.push(text::sanitize_line(&details.genres.join(", ")));
    }
    if !details.cast.is_empty() {
        let cast: Vec<&str> = details.cast.iter().take(3).map(String::as_str).collect();
        facts.push(format!("with {}", text::sanitize_line(&cast.join(", "))));
    }
    let mut lines: Vec<Line<'static>> = if facts.is_empty() {
        Vec::new()
    } else {
        text::wrap(&facts.join(" · "), width)
            .into_iter()
            .map(|l| Line::styled(l, theme.muted))
            .collect()
    };
    if let Some(average) = details.letterboxd_average {
        let mut text = format!("Letterboxd ★ {}.{:02}", average / 100, average % 100);
        if let Some(count) = details.letterboxd_ratings {
            text.push_str(&format!(" from {}", plural(count, "rating", "ratings")));
        }
        lines.push(Line::styled(text::truncate(&text, width), theme.muted));
    }
    let imdb = &details.from_imdb;
    if let Some(rating) = imdb.rating {
        let mut text = format!("IMDb {}.{} of 10", rating / 10, rating % 10);
        if let Some(votes) = imdb.votes {
            text.push_str(&format!(" from {}", plural(votes, "vote", "votes")));
        }
        lines.push(Line::styled(text::truncate(&text, width), theme.muted));
    }
    lines
}

/// "A", "A and B", "A, B and C".
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", text::count(n), if n == 1 { one } else { many })
}

/// "★ 4.70 average · 5 ratings · 5 reviews", shortened to fit `width`.
pub fn summary_line(stats: &FilmStats, width: usize, theme: &Theme) -> Line<'static> {
    let ratings = plural(stats.ratings(), "rating", "ratings");
    let reviews = plural(stats.reviews, "review", "reviews");
    let Some(average) = stats.average_text() else {
        return Line::styled(format!("No ratings yet · {reviews}"), theme.muted);
    };
    let candidates = [
        format!(" average · {ratings} · {reviews}"),
        format!(" · {ratings} · {reviews}"),
        format!(" · {ratings}"),
    ];
    let prefix = 2 + average.len();
    let rest = candidates
        .iter()
        .find(|c| prefix + text::width(c) <= width)
        .unwrap_or(&candidates[2]);
    Line::from(vec![
        Span::styled("★ ", theme.stars),
        Span::styled(average, theme.title),
        Span::styled(rest.clone(), theme.muted),
    ])
}

/// The member's own: "Yours ★★★★½ · ✓ watched · ♥ liked · + watchlist", as much as fits;
/// nothing for a film they never marked.
pub fn marks_line(marks: &Marks, width: usize, theme: &Theme) -> Option<Line<'static>> {
    if marks.is_empty() {
        return None;
    }
    let mut spans = vec![Span::styled("Yours", theme.muted)];
    let mut used = 5;
    let mut add = |text: String, style| {
        let piece = format!(" · {text}");
        let w = text::width(&piece);
        if used + w <= width {
            used += w;
            spans.push(Span::styled(piece, style));
        }
    };
    if let Some(rating) = marks.rating {
        add(rating.stars(), theme.stars);
    }
    if marks.watched.is_some() {
        add("✓ watched".into(), theme.muted);
    }
    if marks.liked.is_some() {
        add("♥ liked".into(), theme.accent);
    }
    if marks.watchlist.is_some() {
        add("+ watchlist".into(), theme.muted);
    }
    // "Yours ·" alone says nothing: the first mark is there, or the line is not.
    (spans.len() > 1).then(|| Line::from(spans))
}

/// The synopsis wrapped into at most `room` lines, the last ending in "…" when cut.
fn synopsis_lines(film: &Film, width: usize, room: usize, theme: &Theme) -> Vec<Line<'static>> {
    if room == 0 || width == 0 {
        return Vec::new();
    }
    let mut lines = text::wrap(&text::sanitize(&film.synopsis), width);
    if lines.len() > room {
        lines.truncate(room);
        let last = lines.pop().unwrap_or_default();
        lines.push(text::truncate(&format!("{last} …"), width));
    }
    lines
        .into_iter()
        .map(|l| Line::styled(l, theme.text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn director_names_read_naturally() {
        let names = |n: &[&str]| join_names(&n.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(names(&["A"]), "A");
        assert_eq!(names(&["A", "B"]), "A and B");
        assert_eq!(names(&["A", "B", "C"]), "A, B and C");
    }
}
