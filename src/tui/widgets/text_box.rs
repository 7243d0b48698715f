//! Text being typed (a `TextArea`'s lines and cursor), wrapped and drawn by marquee: a
//! word keeps its punctuation ("end." never leaves the full stop alone on a line), and
//! drawing writes nothing (the text area's own rendering keeps its scroll in cells).
//! The rows here also move the cursor up and down, so keys and the screen agree.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// A row on screen: characters `start..end` of the text's line `line`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub start: usize,
    pub end: usize,
    /// The last row of its line.
    pub last: bool,
}

/// The lines wrapped at `width` columns: whole words with what follows them up to the
/// next space, a word wider than the row cut by characters.
pub fn wrap(lines: &[String], width: usize) -> Vec<Row> {
    let width = width.max(1);
    let mut rows = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let first = rows.len();
        let mut start = 0;
        let mut used = 0;
        let mut at = 0;
        for word in words(line) {
            let chars = word.chars().count();
            let text_width = word.trim_end().width();
            if used > 0 && used + text_width > width {
                rows.push(row(index, start, at));
                start = at;
                used = 0;
            }
            if text_width > width {
                // Too wide for any row: cut by characters.
                for grapheme in word.graphemes(true) {
                    let w = grapheme.width();
                    if used > 0 && used + w > width {
                        rows.push(row(index, start, at));
                        start = at;
                        used = 0;
                    }
                    used += w;
                    at += grapheme.chars().count();
                }
                continue;
            }
            used += word.width();
            at += chars;
        }
        rows.push(row(index, start, at));
        if let Some(last) = rows[first..].last_mut() {
            last.last = true;
        }
    }
    rows
}

fn row(line: usize, start: usize, end: usize) -> Row {
    Row {
        line,
        start,
        end,
        last: false,
    }
}

/// A line's words, each with the spaces after it.
fn words(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = line;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let spaces = rest[word_end..]
            .find(|c: char| !c.is_whitespace())
            .map_or(rest.len(), |n| word_end + n);
        let (word, after) = rest.split_at(spaces);
        rest = after;
        Some(word)
    })
}

/// The row the cursor (line, character) is on, and its column there.
pub fn locate(rows: &[Row], lines: &[String], (line, col): (usize, usize)) -> (usize, usize) {
    let at = rows
        .iter()
        .position(|r| r.line == line && (col < r.end || r.last))
        .unwrap_or(rows.len().saturating_sub(1));
    let Some(row) = rows.get(at) else {
        return (0, 0);
    };
    let text = lines.get(line).map_or("", String::as_str);
    let before: String = text
        .chars()
        .skip(row.start)
        .take(col.saturating_sub(row.start))
        .collect();
    (at, before.width())
}

/// The cursor one row up (or down), at the column it is at, or `None` at the first (or
/// last) row.
pub fn vertical(
    rows: &[Row],
    lines: &[String],
    cursor: (usize, usize),
    down: bool,
) -> Option<(usize, usize)> {
    let (at, column) = locate(rows, lines, cursor);
    let target = if down { at + 1 } else { at.checked_sub(1)? };
    let row = rows.get(target)?;
    let text = lines.get(row.line).map_or("", String::as_str);
    let mut col = row.start;
    let mut used = 0;
    for grapheme in text
        .chars()
        .skip(row.start)
        .take(row.end - row.start)
        .collect::<String>()
        .graphemes(true)
    {
        let w = grapheme.width();
        if used + w > column {
            break;
        }
        used += w;
        col += grapheme.chars().count();
    }
    // The end of a row that goes on is the start of the next: stay on this one.
    if !row.last && col == row.end && row.end > row.start {
        col -= 1;
    }
    Some((row.line, col))
}

/// The first row to show in `height` rows: the last one, moved just enough that the
/// cursor's row is in view.
pub fn top(last_top: usize, cursor_row: usize, height: usize) -> usize {
    let height = height.max(1);
    last_top
        .min(cursor_row)
        .max((cursor_row + 1).saturating_sub(height))
}

/// Draws `text` in `area` from row `top`: the cursor in the text area's cursor style,
/// a selection reversed, the placeholder while there is no text.
pub fn draw(frame: &mut Frame, area: Rect, text: &TextArea, top: usize) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let lines = text.lines();
    let cursor_style = text.cursor_style();
    let cursor = (text.cursor().0, text.cursor().1);
    if lines.iter().all(String::is_empty) {
        let placeholder = text.placeholder_style().unwrap_or_default();
        let shown: String = text.placeholder_text().chars().collect();
        let mut graphemes = shown.graphemes(true);
        let first = graphemes.next().unwrap_or(" ").to_string();
        let rest: String = graphemes.collect();
        let line = Line::from(vec![
            Span::styled(first, placeholder.patch(cursor_style)),
            Span::styled(rest, placeholder),
        ]);
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let rows = wrap(lines, usize::from(area.width));
    let (cursor_row, _) = locate(&rows, lines, cursor);
    let top = top.min(rows.len().saturating_sub(1));
    let selection = text.selection_range();
    let shown: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(top)
        .take(usize::from(area.height))
        .map(|(at, row)| {
            let on_row = (at == cursor_row).then_some(cursor.1);
            let styles = (text.style(), cursor_style);
            styled_row(&lines[row.line], row, on_row, selection, styles, area.width)
        })
        .collect();
    frame.render_widget(Paragraph::new(shown), area);
}

/// A one-line field: the row with the cursor (a long line scrolls with it).
pub fn draw_line(frame: &mut Frame, area: Rect, text: &TextArea) {
    let lines = text.lines();
    let rows = wrap(lines, usize::from(area.width));
    let cursor = (text.cursor().0, text.cursor().1);
    let row = locate(&rows, lines, cursor).0;
    draw(frame, area, text, row);
}

/// A row's characters, each in its style: the cursor's, a selected one's, the text's. A
/// cursor past the last column (after a full row, or spaces hanging past it) shows on the
/// last one.
fn styled_row(
    line: &str,
    row: &Row,
    cursor: Option<usize>,
    selection: Option<((usize, usize), (usize, usize))>,
    (style, cursor_style): (Style, Style),
    width: u16,
) -> Line<'static> {
    let selected = |col: usize| {
        selection.is_some_and(|(from, to)| (row.line, col) >= from && (row.line, col) < to)
    };
    let width = usize::from(width);
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut col = row.start;
    let mut used = 0;
    let mut cursor_shown = false;
    let text: String = line
        .chars()
        .skip(row.start)
        .take(row.end - row.start)
        .collect();
    for grapheme in text.graphemes(true) {
        let w = grapheme.width();
        if used + w > width {
            break;
        }
        let mut this = style;
        if selected(col) {
            this = this.add_modifier(Modifier::REVERSED);
        }
        if cursor == Some(col) {
            this = this.patch(cursor_style);
            cursor_shown = true;
        }
        spans.push(Span::styled(grapheme.to_string(), this));
        col += grapheme.chars().count();
        used += w;
    }
    if cursor.is_some() && !cursor_shown {
        if used < width {
            spans.push(Span::styled(" ", style.patch(cursor_style)));
        } else if let Some(last) = spans.last_mut() {
            last.style = last.style.patch(cursor_style);
        }
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, width: usize) -> Vec<String> {
        let lines: Vec<String> = text.split('\n').map(String::from).collect();
        wrap(&lines, width)
            .iter()
            .map(|r| {
                lines[r.line]
                    .chars()
                    .skip(r.start)
                    .take(r.end - r.start)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_full_stop_stays_with_its_word() {
        assert_eq!(shown("It ends here.", 12), ["It ends ", "here."]);
        assert_eq!(shown("the end.", 7), ["the ", "end."]);
        assert_eq!(
            shown("a very long word", 4),
            ["a ", "very ", "long ", "word"]
        );
        assert_eq!(shown("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(shown("映画はいい", 4), ["映画", "はい", "い"]);
        assert_eq!(shown("one\n\ntwo", 10), ["one", "", "two"]);
    }

    #[test]
    fn the_cursor_moves_by_rows_as_shown() {
        let lines = vec!["It ends here.".to_string(), "Next".to_string()];
        let rows = wrap(&lines, 8);
        assert_eq!(locate(&rows, &lines, (0, 0)), (0, 0));
        assert_eq!(locate(&rows, &lines, (0, 10)), (1, 2));
        assert_eq!(locate(&rows, &lines, (0, 13)), (1, 5), "the line's end");
        assert_eq!(vertical(&rows, &lines, (0, 10), false), Some((0, 2)));
        assert_eq!(vertical(&rows, &lines, (0, 2), true), Some((0, 10)));
        assert_eq!(vertical(&rows, &lines, (0, 12), true), Some((1, 4)));
        assert_eq!(vertical(&rows, &lines, (1, 0), true), None);
        assert_eq!(top(0, 5, 3), 3);
        assert_eq!(top(3, 4, 3), 3, "in view: stays");
        assert_eq!(top(3, 1, 3), 1);
    }
}
