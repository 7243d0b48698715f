//! Days as the user likes them written (`date_format`), on every screen and in the
//! command line's tables.

/// How days are written, on every screen and in the command line's tables: one
/// formatter for all of them. Machine formats (JSON, CSV) keep `YYYY-MM-DD`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Days {
    format: String,
}

impl Days {
    pub fn new(format: &str) -> Days {
        Days {
            format: format.to_string(),
        }
    }

    /// A day (`YYYY-MM-DD`, or a time that starts with one) as the user likes days
    /// written; anything else as it is. Made safe to print either way.
    pub fn show(&self, date: &str) -> String {
        let day = date
            .get(..10)
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        match day.and_then(|day| format_day(&self.format, day)) {
            Some(shown) => crate::text::sanitize_line(&shown),
            None => crate::text::sanitize_line(date),
        }
    }

    /// Columns a day takes at most, for a table's column: a long month and weekday.
    pub fn width(&self) -> usize {
        crate::text::width(&self.show("2024-09-25")).max(10)
    }
}

/// A day written in `format`, or `None` when chrono can't write it that way.
pub fn format_day(format: &str, day: chrono::NaiveDate) -> Option<String> {
    use std::fmt::Write;
    let mut out = String::new();
    write!(out, "{}", day.format(format)).ok()?;
    Some(out)
}
