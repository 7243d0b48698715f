//! A review's formatted text, drawn: italic and bold as terminal styles, block quotes
//! set off with a bar, links underlined (their addresses are listed in the reader).
//! Wrapped like plain text, with the search's words highlighted on top.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::markup::{self, Block, Run};
use crate::text;
use crate::tui::theme::Theme;

/// What a quoted line starts with.
const QUOTE_BAR: &str = "│ ";

/// Markup wrapped to `width`, a blank line between blocks.
/// The first `max` lines, and whether there are more.
pub fn lines_at_most(
    markup: &str,
    width: usize,
    terms: &[String],
    theme: &Theme,
    max: usize,
) -> (Vec<Line<'static>>, bool) {
    let mut out = Vec::new();
    for (i, block) in markup::blocks(markup).iter().enumerate() {
        if out.len() >= max {
            return (out, true);
        }
        if i > 0 {
            out.push(Line::default());
        }
        let room = max - out.len();
        if block_lines(block, width, terms, theme, room, &mut out) {
            return (out, true);
        }
    }
    let more = out.len() > max;
    out.truncate(max);
    (out, more)
}

/// One block: its runs joined into one text, wrapped, each line styled run by run; at
/// most `max` lines, saying whether it had more.
fn block_lines(
    block: &Block,
    width: usize,
    terms: &[String],
    theme: &Theme,
    max: usize,
    out: &mut Vec<Line<'static>>,
) -> bool {
    let bar = if block.quote { QUOTE_BAR } else { "" };
    let inner = width.saturating_sub(text::width(bar)).max(1);
    let mut joined = String::new();
    let mut styles: Vec<(usize, Style)> = Vec::new();
    for run in &block.runs {
        styles.push((joined.len(), run_style(run, block.quote, theme)));
        joined.push_str(&text::sanitize(&run.text));
    }
    let mut cursor = 0;
    let (wrapped, more) = text::wrap_at_most(&joined, inner, max);
    for line in wrapped {
        // Wrapping only drops spaces and line breaks: each line is found in order.
        let at = joined[cursor..].find(&line).map_or(cursor, |i| cursor + i);
        cursor = at + line.len();
        let mut spans = Vec::new();
        if !bar.is_empty() {
            spans.push(Span::styled(bar, theme.muted));
        }
        spans.extend(styled(&line, at, &styles, terms, theme.highlight));
        out.push(Line::from(spans));
    }
    more
}

fn run_style(run: &Run, quote: bool, theme: &Theme) -> Style {
    let mut style = if quote { theme.muted } else { theme.text };
    if run.italic {
        style = style.add_modifier(Modifier::ITALIC);
    }
    if run.bold {
        style = style.add_modifier(Modifier::BOLD);
    }
    if run.link.is_some() {
        style = style.patch(theme.accent).add_modifier(Modifier::UNDERLINED);
    }
    style
}

/// A line starting at byte `at` of its block, cut where a run's style or a highlighted
/// word begins or ends.
fn styled(
    line: &str,
    at: usize,
    styles: &[(usize, Style)],
    terms: &[String],
    highlight: Style,
) -> Vec<Span<'static>> {
    let found = text::matches(line, terms);
    let mut cuts: Vec<usize> = vec![0, line.len()];
    cuts.extend(
        styles
            .iter()
            .map(|(start, _)| start.saturating_sub(at))
            .filter(|&c| c < line.len()),
    );
    cuts.extend(found.iter().flat_map(|r| [r.start, r.end]));
    cuts.retain(|&c| line.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| {
            let start = w[0];
            let base = styles
                .iter()
                .rev()
                .find(|(s, _)| *s <= at + start)
                .map(|(_, style)| *style)
                .unwrap_or_default();
            let lit = found.iter().any(|r| r.start <= start && start < r.end);
            let style = if lit { base.patch(highlight) } else { base };
            Span::styled(line[start..w[1]].to_string(), style)
        })
        .collect()
}

/// The reader's list of where the review's links point: "[1] text → address".
pub fn link_lines(markup: &str, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let links = markup::links(markup);
    if links.is_empty() {
        return Vec::new();
    }
    let mut out = vec![Line::default(), Line::styled("Links", theme.muted)];
    for (i, (label, address)) in links.iter().enumerate() {
        let entry = format!(
            "[{}] {} → {}",
            i + 1,
            text::sanitize_line(label),
            text::sanitize_line(address)
        );
        for line in text::wrap(&entry, width) {
            out.push(Line::styled(line, theme.muted));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn quotes_are_set_off_and_styles_follow_the_words() {
        let theme = Theme::default();
        let markup = "Read <i>this</i> now:\n\n<blockquote>It was <b>me</b>.</blockquote>\n\nEnd";
        let lines = lines_at_most(markup, 40, &[], &theme, usize::MAX).0;
        assert_eq!(
            plain(&lines),
            ["Read this now:", "", "│ It was me.", "", "End"]
        );
        let italic = lines[0].spans.iter().find(|s| s.content == "this").unwrap();
        assert!(italic.style.add_modifier.contains(Modifier::ITALIC));
        let bold = lines[2].spans.iter().find(|s| s.content == "me").unwrap();
        assert!(bold.style.add_modifier.contains(Modifier::BOLD));
    }

    #[test]
    fn wrapping_keeps_styles_and_highlights_on_their_words() {
        let theme = Theme::default();
        let markup = "one <a href=\"https://x.y\">two three</a> four five";
        let lines = lines_at_most(markup, 9, &["thr".to_string()], &theme, usize::MAX).0;
        assert_eq!(plain(&lines), ["one two", "three", "four five"]);
        let three = &lines[1].spans;
        assert!(
            three
                .iter()
                .all(|s| s.style.add_modifier.contains(Modifier::UNDERLINED))
        );
        let lit = three.iter().find(|s| s.content == "three").unwrap();
        assert_eq!(lit.style.bg, theme.highlight.bg);
        let links = link_lines(markup, 40, &theme);
        assert_eq!(
            links.last().unwrap().to_string(),
            "[1] two three → https://x.y"
        );
    }
}
