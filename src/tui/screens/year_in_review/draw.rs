//! The year in review: a year's logs by month (all time's by year) in a bar chart, the
//! numbers (hours watched among them), the rating histogram, and the directors, genres
//! and decades logged most.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph};

use crate::model::FilmStats;
use crate::text;
use crate::tui::screen::Look;
use crate::tui::screens::year_in_review::YearInReview;
use crate::tui::theme::Theme;
use crate::tui::widgets::histogram;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

pub fn draw(frame: &mut Frame, area: Rect, look: &Look, review: &YearInReview) {
    let theme = &look.settings.theme;
    let when = review
        .year
        .map_or("All time".to_string(), |y| format!("{y} in review"));
    let block =
        Block::bordered()
            .border_style(theme.accent)
            .title(crate::tui::widgets::chrome::box_title(
                &format!(" {when} "),
                area.width,
                theme.accent,
            ));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let stats = review.stats();
    if stats.logs == 0 && !review.is_tallying() {
        let note = format!(
            "No logs yet: the year in review counts the films you log ({} on a film's page, or your Letterboxd diary).",
            look.settings.key_name(
                crate::tui::keymap::Mode::List,
                crate::tui::action::Action::Write
            )
        );
        crate::tui::widgets::chrome::note(frame, inner, &note, theme);
        return;
    }
    let summary = summary_lines(look, review, usize::from(inner.width), theme);
    // The chart grows with the terminal up to CHART rows; past that, the room is left
    // below (bars 40 rows tall say no more than bars of 14).
    let [top, chart, bottom, _] = Layout::vertical([
        Constraint::Length(summary.len() as u16),
        Constraint::Max(CHART),
        Constraint::Length(11),
        Constraint::Fill(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(summary), top);
    draw_chart(frame, chart, review, theme);
    // Half the width for the ratings, bars no longer than the film page's.
    let half = (bottom.width / 2).min(RATINGS);
    let [ratings, lists] =
        Layout::horizontal([Constraint::Length(half), Constraint::Fill(1)]).areas(bottom);
    let buckets = FilmStats {
        buckets: stats.ratings,
        ..FilmStats::default()
    };
    let title = text::truncate("Your ratings", usize::from(ratings.width));
    let mut lines = vec![Line::styled(title, theme.title)];
    let unmarked = histogram::Marks {
        filter: crate::query::RatingFilter::All,
        focused: None,
    };
    lines.extend(histogram::horizontal(
        &buckets,
        usize::from(ratings.width).saturating_sub(1),
        unmarked,
        theme,
    ));
    frame.render_widget(Paragraph::new(lines), ratings);
    let most = most_lines(review, usize::from(lists.width), theme);
    frame.render_widget(Paragraph::new(most), lists);
}

/// "12 films · 14 logs · 3 reviews · 2 rewatches", then the first, last and best.
fn summary_lines(
    look: &Look,
    review: &YearInReview,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let stats = review.stats();
    let plural = |n: u64, one: &str, many: &str| {
        format!("{} {}", text::count(n), if n == 1 { one } else { many })
    };
    let numbers = if review.is_tallying() {
        format!("{} · tallying the rest…", plural(stats.logs, "log", "logs"))
    } else {
        [
            plural(stats.films, "film", "films"),
            plural(stats.logs, "log", "logs"),
            plural(stats.reviews, "review", "reviews"),
            plural(stats.rewatches, "rewatch", "rewatches"),
        ]
        .join(" · ")
    };
    let mut lines = vec![Line::styled(text::truncate(&numbers, width), theme.title)];
    if let Some(problem) = &review.problem {
        let line = format!("Could not tally the rest: {}", text::sanitize_line(problem));
        lines.push(Line::styled(text::truncate(&line, width), theme.warning));
    }
    let mut fact = |label: &str, value: String| {
        let line = text::truncate(&format!("{label}{}", text::sanitize_line(&value)), width);
        lines.push(Line::styled(line, theme.text));
    };
    if !review.is_tallying() && stats.timed > 0 {
        let hours = (stats.minutes + 30) / 60;
        let of = match stats.timed == stats.logs {
            true => String::new(),
            false => format!(
                " (the {} logs whose runtime is known)",
                text::count(stats.timed)
            ),
        };
        fact("Hours watched: ", format!("{}{of}", text::count(hours)));
    }
    if let Some((day, film)) = &stats.first {
        fact("First: ", format!("{film}, {}", look.settings.day(day)));
    }
    if let Some((day, film)) = &stats.last {
        fact("Last: ", format!("{film}, {}", look.settings.day(day)));
    }
    if let Some((_, rating)) = stats.highest.first() {
        let films: Vec<&str> = stats.highest.iter().map(|(f, _)| f.as_str()).collect();
        fact(
            &format!("Highest rated {}: ", rating.stars()),
            films.join(", "),
        );
    }
    lines
}

/// The most rows the chart of logs takes, its title and labels included.
const CHART: u16 = 16;

/// Logs per month of the year (per year, all time), as bars.
fn draw_chart(frame: &mut Frame, area: Rect, review: &YearInReview, theme: &Theme) {
    let stats = review.stats();
    if review.year.is_some() && review.is_tallying() {
        // The months are tallied with the rest: no bars of zeros meanwhile.
        let lines = vec![
            Line::styled("Logs by month", theme.title),
            Line::styled("  tallying…", theme.muted),
        ];
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let (title, bars): (&str, Vec<Bar>) = match review.year {
        Some(_) => (
            "Logs by month",
            MONTHS
                .iter()
                .zip(stats.per_month)
                .map(|(month, n)| bar(month.to_string(), n, theme))
                .collect(),
        ),
        None => (
            "Logs by year",
            stats
                .per_year
                .iter()
                .map(|(year, n)| bar(format!("{:02}", year % 100), *n, theme))
                .collect(),
        ),
    };
    let count = bars.len().max(1) as u16;
    // As wide as the bars fit, a gap between them.
    let bar_width = (area.width.saturating_sub(count) / count).clamp(1, 6);
    let chart = BarChart::default()
        .block(Block::new().title(Span::styled(title, theme.title)))
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_width)
        .bar_gap(1)
        .bar_style(theme.stars)
        .value_style(theme.title.add_modifier(ratatui::style::Modifier::REVERSED))
        .label_style(theme.muted);
    frame.render_widget(chart, area);
}

fn bar(label: String, n: u64, theme: &Theme) -> Bar<'static> {
    Bar::default()
        .value(n)
        .text_value(text::count(n))
        .label(Line::from(label))
        .style(theme.stars)
}

/// The directors, genres and decades logged most, each line cut to `width` (a name with
/// `…`, its count kept).
fn most_lines(review: &YearInReview, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let stats = review.stats();
    let title = |words: &str| Line::styled(text::truncate(words, width), theme.title);
    let muted = |words: &str| Line::styled(text::truncate(words, width), theme.muted);
    let counted = |name: &str, n: u64| {
        let count = format!("  {}", text::count(n));
        let name = text::truncate(&format!("  {name}"), width.saturating_sub(count.len()));
        Line::from(vec![
            Span::styled(name, theme.text),
            Span::styled(text::truncate(&count, width), theme.muted),
        ])
    };
    let mut lines = vec![title("Directors logged most")];
    if review.is_tallying() {
        lines.push(muted("  tallying…"));
        return lines;
    }
    if stats.directors.is_empty() {
        lines.push(muted("  (no directors known)"));
    }
    for (name, n) in stats.directors.iter().take(4) {
        lines.push(counted(&text::sanitize_line(name), *n));
    }
    if !stats.genres.is_empty() {
        lines.push(title("Genres logged most"));
    }
    for (genre, n) in stats.genres.iter().take(4) {
        lines.push(counted(&text::sanitize_line(genre), *n));
    }
    lines.push(title("Decades watched most"));
    if stats.decades.is_empty() {
        lines.push(muted("  (no years known)"));
    }
    for (decade, n) in stats.decades.iter().take(4) {
        lines.push(counted(&format!("{decade}s"), *n));
    }
    lines
}

/// The widest the ratings' column grows: bars as long as the film page's histogram.
const RATINGS: u16 = 60;
