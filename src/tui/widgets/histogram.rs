//! The rating histogram: ten half-star buckets, ½ to ★★★★★, drawn as bars with
//! eighth-block precision.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::model::{FilmStats, Rating};
use crate::query::RatingFilter;
use crate::text;
use crate::tui::theme::Theme;

/// How bars are coloured: those the list is filtered to stand out, and the bar with
/// keyboard focus is marked.
#[derive(Clone, Copy, Debug)]
pub struct Marks {
    pub filter: RatingFilter,
    pub focused: Option<u8>,
}

impl Marks {
    #[cfg(test)]
    pub const NONE: Marks = Marks {
        filter: RatingFilter::All,
        focused: None,
    };

    fn bar(self, rating: Rating, theme: &Theme) -> Style {
        if self.focused == Some(rating.half_stars()) {
            theme.accent
        } else if self.filter != RatingFilter::All && self.filter.keeps(Some(rating)) {
            theme.stars
        } else {
            theme.bar
        }
    }

    fn label(self, rating: Rating, theme: &Theme) -> Style {
        if self.focused == Some(rating.half_stars()) {
            theme.accent.add_modifier(Modifier::REVERSED)
        } else {
            theme.stars
        }
    }
}

const HORIZONTAL_EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
const VERTICAL_EIGHTHS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
const LABEL_WIDTH: usize = 5;

/// Length in eighths of a cell of a bar for `count`, where `max` fills `cells` cells.
/// Any non-zero count shows at least one eighth.
fn eighths(count: u64, max: u64, cells: usize) -> usize {
    if count == 0 || max == 0 {
        return 0;
    }
    let full = cells as u64 * 8;
    (count * full).div_ceil(max).clamp(1, full) as usize
}

/// One row per bucket, ★★★★★ at the top: `★★★★½ ██████▍ 12`.
pub fn horizontal(
    stats: &FilmStats,
    width: usize,
    marks: Marks,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let max = stats.buckets.iter().copied().max().unwrap_or(0);
    let count_width = text::count(max).len();
    let bar_cells = width.saturating_sub(LABEL_WIDTH + 2 + count_width);
    Rating::all()
        .rev()
        .map(|rating| {
            let count = stats.count(rating);
            let units = eighths(count, max, bar_cells);
            let mut bar = "█".repeat(units / 8);
            bar.push_str(HORIZONTAL_EIGHTHS[units % 8]);
            let padding = bar_cells.saturating_sub(bar.chars().count());
            Line::from(vec![
                Span::styled(
                    format!("{:>LABEL_WIDTH$}", rating.stars()),
                    marks.label(rating, theme),
                ),
                Span::raw(" "),
                Span::styled(bar, marks.bar(rating, theme)),
                Span::raw(" ".repeat(padding + 1)),
                Span::styled(format!("{:>count_width$}", text::count(count)), theme.muted),
            ])
        })
        .collect()
}

/// Ten columns of bars, ½ on the left, with a label row below: fits `width` x `height`.
/// Each bar is as wide as fits, up to two cells, with a one-cell gap when there is room.
pub fn vertical(
    stats: &FilmStats,
    width: usize,
    height: usize,
    marks: Marks,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let rows = height.saturating_sub(1);
    if width < 10 || rows == 0 {
        return Vec::new();
    }
    let (bar_width, gap) = vertical_geometry(width);
    let max = stats.buckets.iter().copied().max().unwrap_or(0);
    let heights: Vec<usize> = Rating::all()
        .map(|r| eighths(stats.count(r), max, rows))
        .collect();
    let mut lines: Vec<Line> = (0..rows)
        .map(|row| {
            // Eighths of this bar that fall in this row, counting rows from the bottom.
            let floor = (rows - 1 - row) * 8;
            let spans: Vec<Span> = heights
                .iter()
                .enumerate()
                .flat_map(|(i, &h)| {
                    let cell = VERTICAL_EIGHTHS[h.saturating_sub(floor).min(8)];
                    let gap = if i + 1 < heights.len() { gap } else { 0 };
                    let rating = Rating::from_half_stars(i as u8 + 1).expect("ten bars");
                    [
                        Span::styled(cell.repeat(bar_width), marks.bar(rating, theme)),
                        Span::raw(" ".repeat(gap)),
                    ]
                })
                .collect();
            Line::from(spans)
        })
        .collect();
    lines.push(label_row(bar_width, gap, marks, theme));
    lines
}

/// Below the bars: ½ on the left and ★★★★★ on the right, and under the bar with focus a
/// `▲` (where a label is, the label underlined instead), seen without colour and under an
/// empty bar.
fn label_row(bar_width: usize, gap: usize, marks: Marks, theme: &Theme) -> Line<'static> {
    let total_width = 10 * bar_width + 9 * gap;
    let mut cells: Vec<(char, Style)> = vec![(' ', Style::new()); total_width];
    cells[0] = ('½', theme.stars);
    for (i, star) in "★★★★★".chars().enumerate() {
        if let Some(cell) = (total_width + i).checked_sub(LABEL_WIDTH) {
            cells[cell] = (star, theme.stars);
        }
    }
    if let Some(bar) = marks.focused {
        let start = usize::from(bar.saturating_sub(1)) * (bar_width + gap);
        let mark = theme.accent.add_modifier(Modifier::BOLD);
        for cell in cells.iter_mut().skip(start).take(bar_width) {
            // A label under the bar stays whole, underlined: the mark never hides it.
            *cell = match cell.0 {
                ' ' => ('▲', mark),
                label => (label, mark.add_modifier(Modifier::UNDERLINED)),
            };
        }
    }
    let spans: Vec<Span<'static>> = cells
        .into_iter()
        .map(|(c, style)| Span::styled(c.to_string(), style))
        .collect();
    Line::from(spans)
}

/// The width of each vertical bar and the gap after it, for the width available.
pub fn vertical_geometry(width: usize) -> (usize, usize) {
    match width {
        29.. => (2, 1),
        19.. => (1, 1),
        _ => (1, 0),
    }
}

/// How wide `vertical` draws for a given width.
pub fn vertical_width(width: usize) -> usize {
    if width < 10 {
        return 0;
    }
    let (bar_width, gap) = vertical_geometry(width);
    10 * bar_width + 9 * gap
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn bars_are_proportional_and_never_hide_a_count() {
        assert_eq!(eighths(0, 10, 5), 0);
        assert_eq!(eighths(10, 10, 5), 40);
        assert_eq!(eighths(5, 10, 5), 20);
        assert_eq!(eighths(1, 1_000_000, 5), 1);
    }

    #[test]
    fn horizontal_rows_run_from_five_stars_down() {
        let mut stats = FilmStats::default();
        stats.buckets[9] = 2;
        stats.buckets[8] = 3;
        let rows = plain(&horizontal(&stats, 20, Marks::NONE, &Theme::default()));
        assert_eq!(rows.len(), 10);
        assert_eq!(rows[0], "★★★★★ ████████     2");
        assert_eq!(rows[1], "★★★★½ ████████████ 3");
        assert_eq!(rows[9], "    ½              0");
    }

    #[test]
    fn counts_group_their_thousands() {
        let mut stats = FilmStats::default();
        stats.buckets[9] = 147_226;
        stats.buckets[0] = 3;
        let rows = plain(&horizontal(&stats, 30, Marks::NONE, &Theme::default()));
        assert!(rows[0].ends_with(" 147,226"), "{rows:?}");
        assert!(rows[9].ends_with("       3"), "{rows:?}");
    }

    #[test]
    fn vertical_bars_fit_their_box() {
        let mut stats = FilmStats::default();
        stats.buckets[9] = 4;
        stats.buckets[0] = 1;
        for width in [10, 19, 29, 40] {
            let lines = vertical(&stats, width, 4, Marks::NONE, &Theme::default());
            assert_eq!(lines.len(), 4);
            for line in &lines {
                assert!(line.width() <= vertical_width(width), "{line} at {width}");
            }
        }
        let rows = plain(&vertical(&stats, 29, 3, Marks::NONE, &Theme::default()));
        assert_eq!(rows[0], "                           ██");
        assert_eq!(rows[1], "▄▄                         ██");
        assert_eq!(rows[2], "½                       ★★★★★");
    }

    #[test]
    fn the_focused_bar_is_marked_without_colour_even_when_empty() {
        let mut stats = FilmStats::default();
        stats.buckets[9] = 4;
        let focused = |bar| Marks {
            filter: RatingFilter::All,
            focused: Some(bar),
        };
        let rows = plain(&vertical(&stats, 29, 3, focused(4), &Theme::plain()));
        assert_eq!(rows[2], "½        ▲▲             ★★★★★");
        // Under a label, the label stays whole (and is underlined).
        let lines = vertical(&stats, 10, 3, focused(1), &Theme::plain());
        assert_eq!(plain(&lines)[2], "½    ★★★★★");
        let half = &lines[2].spans[0];
        assert!(half.style.add_modifier.contains(Modifier::UNDERLINED));
        let rows = plain(&vertical(&stats, 29, 3, focused(10), &Theme::plain()));
        assert_eq!(rows[2], "½                       ★★★★★");
    }
}
