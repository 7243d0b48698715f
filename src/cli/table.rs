//! Tables on the command line, all alike: they fit the width they are printed at (the
//! terminal's, `COLUMNS` on a pipe, 80 when that is unset; nothing with `--wide`),
//! never wrapping a row, and take colour the same way (headers, ratings, dates).

use std::io::IsTerminal;

use crate::text;

/// The width tables fit: the terminal's, else `COLUMNS`, else 80; `None` with `--wide`.
pub fn width(wide: bool) -> Option<usize> {
    if wide {
        return None;
    }
    if std::io::stdout().is_terminal()
        && let Ok((columns, _)) = ratatui::crossterm::terminal::size()
        && columns > 0
    {
        return Some(usize::from(columns));
    }
    Some(columns_from_env(std::env::var("COLUMNS").ok().as_deref()))
}

/// `COLUMNS` as a width: a whole number, at least 20; 80 when unset or not a number.
fn columns_from_env(value: Option<&str>) -> usize {
    value
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .map_or(80, |n| n.max(20))
}

/// How command output is printed: the width tables fit, and colour or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Out {
    pub width: Option<usize>,
    pub paint: Paint,
}

impl Out {
    /// A line of free text cut to the width with …, and painted.
    pub fn line(self, text: &str, role: Role) -> String {
        let cut = match self.width {
            Some(width) => text::truncate(text, width),
            None => text.to_string(),
        };
        self.paint.paint(role, &cut)
    }

    /// A table of `columns` fitted to the width, making room in the order `room` gives.
    pub fn table(self, columns: Vec<Column>, room: &[Room]) -> Table {
        Table::new(columns, room, self.width, self.paint)
    }
}

/// What a cell is, for its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Plain,
    Header,
    /// ★★★★½: Letterboxd's green.
    Stars,
    Date,
    /// Marks, slugs, counts of less interest.
    Muted,
    /// A heading over a part of the output (a list's name, "By year").
    Title,
}

/// Colour for command output, or none: the same for every table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paint {
    pub on: bool,
}

impl Paint {
    pub fn paint(self, role: Role, text: &str) -> String {
        let code = match role {
            Role::Plain => return text.to_string(),
            Role::Header => "1",
            Role::Stars => "32",
            Role::Date => "36",
            Role::Muted => "2",
            Role::Title => "1;33",
        };
        if !self.on || text.trim().is_empty() {
            return text.to_string();
        }
        format!("\x1b[{code}m{text}\x1b[0m")
    }
}

/// A column: its header, how wide its cells want to be, and how narrow it may get.
#[derive(Clone, Debug)]
pub struct Column {
    pub header: &'static str,
    /// The width its cells want (the longest one, or a cap).
    pub ideal: usize,
    /// How narrow it may be cut (with …); the ideal for a column that is never cut.
    pub min: usize,
    pub right: bool,
    pub role: Role,
}

impl Column {
    /// A column never cut, as wide as its header or its widest cell.
    pub fn fixed(header: &'static str, widest: usize, role: Role) -> Column {
        let ideal = widest.max(text::width(header));
        Column {
            header,
            ideal,
            min: ideal,
            right: false,
            role,
        }
    }

    /// A column of text that may be cut down to `min` (with …).
    pub fn text(header: &'static str, widest: usize, min: usize, role: Role) -> Column {
        let ideal = widest.max(text::width(header));
        Column {
            header,
            ideal,
            min: min.min(ideal),
            right: false,
            role,
        }
    }

    pub fn right(self) -> Column {
        Column {
            right: true,
            ..self
        }
    }
}

/// How a table makes room when its columns' ideals don't fit: in order, until they do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Room {
    /// Cut this column down to its minimum.
    Cut(usize),
    /// Leave this column out.
    Drop(usize),
}

const GAP: usize = 2;

/// Columns fitted to a width: each one's width, or `None` when left out.
pub struct Table {
    columns: Vec<Column>,
    widths: Vec<Option<usize>>,
    width: Option<usize>,
    paint: Paint,
}

impl Table {
    /// Fits `columns` into `width`, making room in the order `room` gives; the last
    /// column is free text (a review, a slug) and takes what is left.
    pub fn new(columns: Vec<Column>, room: &[Room], width: Option<usize>, paint: Paint) -> Table {
        let mut widths: Vec<Option<usize>> = columns.iter().map(|c| Some(c.ideal)).collect();
        if let Some(width) = width {
            let total = |w: &[Option<usize>]| {
                let shown: Vec<usize> = w.iter().flatten().copied().collect();
                shown.iter().sum::<usize>() + GAP * shown.len().saturating_sub(1)
            };
            for step in room {
                let over = total(&widths).saturating_sub(width);
                if over == 0 {
                    break;
                }
                match *step {
                    Room::Cut(i) => {
                        if let Some(w) = widths[i] {
                            widths[i] = Some(w.saturating_sub(over).max(columns[i].min));
                        }
                    }
                    Room::Drop(i) => widths[i] = None,
                }
            }
            // What a dropped column freed goes back to the columns cut, last cut first.
            for step in room.iter().rev() {
                let Room::Cut(i) = *step else { continue };
                let spare = width.saturating_sub(total(&widths));
                if let Some(w) = widths[i] {
                    widths[i] = Some((w + spare).min(columns[i].ideal));
                }
            }
        }
        Table {
            columns,
            widths,
            width,
            paint,
        }
    }

    /// The header line.
    pub fn header(&self) -> String {
        let cells: Vec<String> = self.columns.iter().map(|c| c.header.to_string()).collect();
        self.line(&cells, true)
    }

    /// A row: one cell per column, as plain text (sanitised by the caller).
    pub fn row(&self, cells: &[String]) -> String {
        self.line(cells, false)
    }

    fn line(&self, cells: &[String], header: bool) -> String {
        let last = self.columns.len() - 1;
        let mut out = String::new();
        let mut used = 0;
        for (i, (column, cell)) in self.columns.iter().zip(cells).enumerate() {
            let Some(fitted) = self.widths[i] else {
                continue;
            };
            if !out.is_empty() {
                if self.width.is_some_and(|w| used + GAP >= w) {
                    break;
                }
                out.push_str(&" ".repeat(GAP));
                used += GAP;
            }
            let left = self.width.map_or(usize::MAX, |w| w.saturating_sub(used));
            let room = match (i == last, self.width) {
                (true, _) => left,
                (false, Some(_)) => fitted.min(left),
                // At full width nothing is cut: a long cell pushes the rest along.
                (false, None) => fitted.max(text::width(cell)),
            };
            let cut = text::truncate(cell, room);
            let pad = if i == last {
                0
            } else {
                room.min(fitted).saturating_sub(text::width(&cut))
            };
            let role = if header { Role::Header } else { column.role };
            let painted = self.paint.paint(role, &cut);
            match column.right {
                true => out.push_str(&format!("{}{painted}", " ".repeat(pad))),
                false => out.push_str(&format!("{painted}{}", " ".repeat(pad))),
            }
            used += pad + text::width(&cut);
        }
        out.trim_end().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn films(width: Option<usize>) -> Table {
        let columns = vec![
            Column::text("TITLE", 40, 12, Role::Plain),
            Column::fixed("YEAR", 4, Role::Plain).right(),
            Column::fixed("COUNT", 7, Role::Plain).right(),
            Column::text("SLUG", 38, 10, Role::Muted),
        ];
        let room = [Room::Drop(2), Room::Cut(0), Room::Cut(3)];
        Table::new(columns, &room, width, Paint { on: false })
    }

    fn row(table: &Table) -> String {
        table.row(&[
            "Experimental Treatment of a Hemorrhage in a Dog".into(),
            "1930".into(),
            "12".into(),
            "experimental-treatment-of-a-hemorrhage".into(),
        ])
    }

    #[test]
    fn a_row_fits_every_width_and_is_cut_with_an_ellipsis() {
        for width in 20..=200 {
            let table = films(Some(width));
            for line in [table.header(), row(&table)] {
                assert!(text::width(&line) <= width, "{width}: {line:?}");
            }
            let line = row(&table);
            if width < 100 {
                assert!(line.contains('…'), "{width}: {line:?}");
            }
        }
    }

    #[test]
    fn room_is_made_in_order_and_given_back() {
        // 80 columns: the count goes first, then the title is cut; the slug stays whole.
        let line = row(&films(Some(80)));
        assert!(!line.contains("12"), "{line}");
        assert!(
            line.ends_with("experimental-treatment-of-a-hemorrhage"),
            "{line}"
        );
        assert!(
            line.starts_with("Experimental Treatment of a Hemo"),
            "{line}"
        );
        // Wide enough for everything: nothing dropped, the title at its 40 columns.
        let line = row(&films(Some(200)));
        assert!(
            line.contains("Hemorrhage …  1930       12  experimental-"),
            "{line}"
        );
    }

    #[test]
    fn full_width_cuts_nothing() {
        let line = row(&films(None));
        assert!(!line.contains('…'), "{line}");
        assert!(line.starts_with("Experimental Treatment of a Hemorrhage in a Dog  1930"));
    }

    #[test]
    fn columns_comes_from_the_environment_or_is_80() {
        assert_eq!(columns_from_env(None), 80);
        assert_eq!(columns_from_env(Some("200")), 200);
        assert_eq!(columns_from_env(Some("wide")), 80);
        assert_eq!(columns_from_env(Some("0")), 80);
        assert_eq!(columns_from_env(Some("5")), 20);
    }

    #[test]
    fn paint_colours_only_when_on_and_never_blank_cells() {
        let on = Paint { on: true };
        assert_eq!(on.paint(Role::Stars, "★★★"), "\x1b[32m★★★\x1b[0m");
        assert_eq!(on.paint(Role::Stars, "  "), "  ");
        assert_eq!(Paint { on: false }.paint(Role::Stars, "★★★"), "★★★");
    }
}
