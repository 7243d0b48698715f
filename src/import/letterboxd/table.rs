//! A CSV of the export as rows whose columns are found by meaning: `Name` or `Title`,
//! `Letterboxd URI` or `LetterboxdURI`, `Watched Date` or `WatchedDate`. Every row knows
//! its physical line in the file (the header is line 1), for CRLF and LF alike.

use std::collections::HashMap;

use crate::import::ImportError;
use crate::model::{Rating, parse_date};

/// A column's name reduced for comparison: "Watched Date" → "watcheddate".
pub fn canonical(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// What a column means, and the names it goes by (the first is Letterboxd's own).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Date,
    Name,
    Year,
    Uri,
    Rating,
    Rating10,
    Rewatch,
    Tags,
    WatchedDate,
    Review,
    Directors,
    Position,
    Description,
    Username,
}

impl Field {
    /// Names the column may have, reduced by `canonical`; the first is the usual one.
    fn names(self) -> &'static [&'static str] {
        match self {
            Field::Date => &["date", "loggeddate", "logged", "dateadded", "dateliked"],
            Field::Name => &["name", "title", "film", "filmtitle", "filmname"],
            Field::Year => &["year", "releaseyear"],
            Field::Uri => &["letterboxduri", "url", "uri", "letterboxdurl", "link"],
            Field::Rating => &["rating", "stars"],
            Field::Rating10 => &["rating10"],
            Field::Rewatch => &["rewatch"],
            Field::Tags => &["tags"],
            Field::WatchedDate => &["watcheddate", "watched", "datewatched", "watchedon"],
            Field::Review => &["review", "reviewtext"],
            Field::Directors => &["directors", "director"],
            Field::Position => &["position", "rank", "number"],
            Field::Description => &["description", "note", "notes"],
            Field::Username => &["username"],
        }
    }

    /// How the column is called in messages.
    pub fn label(self) -> &'static str {
        match self {
            Field::Date => "Date",
            Field::Name => "Name",
            Field::Year => "Year",
            Field::Uri => "Letterboxd URI",
            Field::Rating => "Rating",
            Field::Rating10 => "Rating10",
            Field::Rewatch => "Rewatch",
            Field::Tags => "Tags",
            Field::WatchedDate => "Watched Date",
            Field::Review => "Review",
            Field::Directors => "Directors",
            Field::Position => "Position",
            Field::Description => "Description",
            Field::Username => "Username",
        }
    }
}

/// Which column holds each field.
#[derive(Clone, Debug, Default)]
pub struct Header {
    columns: HashMap<Field, usize>,
    width: usize,
}

impl Header {
    /// Finds `fields` among the header's names. A field two columns could be (`Name` and
    /// `Title`, neither Letterboxd's own) is refused, and so is a missing `required` one.
    pub fn new(
        names: &csv::StringRecord,
        fields: &[Field],
        required: &[Field],
    ) -> Result<Header, String> {
        let shown: Vec<String> = names.iter().map(crate::text::sanitize_line).collect();
        let names: Vec<String> = names.iter().map(canonical).collect();
        let mut columns = HashMap::new();
        for &field in fields {
            let own = field.names()[0];
            if let Some(i) = names.iter().position(|n| n == own) {
                columns.insert(field, i);
                continue;
            }
            let found: Vec<usize> = (0..names.len())
                .filter(|&i| field.names().contains(&names[i].as_str()))
                .filter(|&i| !claimed_elsewhere(&names[i], field, fields))
                .collect();
            match found.as_slice() {
                [] => {}
                [i] => {
                    columns.insert(field, *i);
                }
                several => {
                    return Err(format!(
                        "the header has {} columns that could be {:?} ({}); expected one",
                        several.len(),
                        field.label(),
                        several
                            .iter()
                            .map(|&i| names[i].as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
            }
        }
        if let Some(missing) = required.iter().find(|f| !columns.contains_key(f)) {
            let written: Vec<&str> = shown.iter().map(String::as_str).collect();
            return Err(format!(
                "the header has no {:?} column; its first line is {:?}",
                missing.label(),
                crate::text::truncate(&written.join(","), 120)
            ));
        }
        Ok(Header {
            columns,
            width: names.len(),
        })
    }

    pub fn has(&self, field: Field) -> bool {
        self.columns.contains_key(&field)
    }
}

/// Whether `name` is another field's own name (so `Date` stays the date, never a
/// watched date, when both are there).
fn claimed_elsewhere(name: &str, field: Field, fields: &[Field]) -> bool {
    fields
        .iter()
        .any(|&other| other != field && other.names()[0] == name)
}

/// The separator of a CSV, from its first line: a comma as Letterboxd writes it, or the
/// semicolon or tab a spreadsheet writes when it saves the file again.
pub fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    match counts {
        [c, s, _] if s > c && s >= counts[2] => b';',
        [c, _, t] if t > c => b'\t',
        _ => b',',
    }
}

/// The physical line where a quoted field begins that never closes (a file cut short),
/// reading as the csv crate does: a quote opens a field only at its start, `""` inside is
/// a quote.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<u64> {
    let bytes = text.as_bytes();
    let (mut line, mut at_field_start, mut i) = (1u64, true, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if at_field_start && b == b'"' {
            let began = line;
            i += 1;
            loop {
                match bytes.get(i) {
                    None => return Some(began),
                    Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => break,
                    Some(c) => {
                        line += u64::from(*c == b'\n');
                        i += 1;
                    }
                }
            }
            at_field_start = false;
        } else {
            line += u64::from(b == b'\n');
            at_field_start = b == delimiter || b == b'\n' || b == b'\r';
        }
        i += 1;
    }
    None
}

/// Every record of a CSV with its physical line, blank lines skipped.
pub fn records(file: &str, text: &str) -> Result<Vec<(u64, csv::StringRecord)>, ImportError> {
    if let Some(line) = unclosed_quote(text, delimiter(text)) {
        return Err(ImportError {
            file: file.to_string(),
            line: Some(line),
            message: "a quoted field begins here and never closes: the file is cut short \
                      (download the export again)"
                .to_string(),
        });
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut lines = LineCounter::new(text);
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                // A record's position may be that of the blank lines before it.
                let mut byte = record.position().map_or(0, |p| p.byte()) as usize;
                while matches!(text.as_bytes().get(byte), Some(b'\r' | b'\n')) {
                    byte += 1;
                }
                let line = lines.line_at(byte as u64);
                if record.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                out.push((line, record.clone()));
            }
            Err(e) => {
                let line = e.position().map(|p| lines.line_at(p.byte()));
                return Err(ImportError {
                    file: file.to_string(),
                    line,
                    message: format!("malformed CSV: {}", csv_message(&e)),
                });
            }
        }
    }
    Ok(out)
}

/// The csv crate's message without its own (logical) position.
fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 in field {}", err.field() + 1),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("{len} fields where {expected_len} were expected")
        }
        _ => e.to_string(),
    }
}

/// Counts newlines up to a byte offset, going forward only.
struct LineCounter<'a> {
    text: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, byte: u64) -> u64 {
        let byte = (byte as usize).min(self.text.len());
        if byte < self.at {
            self.at = 0;
            self.line = 1;
        }
        self.line += memchr::memchr_iter(b'\n', &self.text[self.at..byte]).count() as u64;
        self.at = byte;
        self.line
    }
}

/// One row, its fields by meaning.
pub struct Row<'a> {
    pub file: &'a str,
    pub line: u64,
    pub header: &'a Header,
    pub record: &'a csv::StringRecord,
}

impl Row<'_> {
    pub fn get(&self, field: Field) -> &str {
        self.header
            .columns
            .get(&field)
            .and_then(|&i| self.record.get(i))
            .map_or("", str::trim)
    }

    /// A field as the file holds it, its spaces and line ends kept (a review's text).
    pub fn get_exact(&self, field: Field) -> &str {
        self.header
            .columns
            .get(&field)
            .and_then(|&i| self.record.get(i))
            .unwrap_or("")
    }

    pub fn error(&self, message: String) -> ImportError {
        ImportError {
            file: self.file.to_string(),
            line: Some(self.line),
            message,
        }
    }

    /// Rows must have the header's number of fields (a short last field is allowed:
    /// spreadsheets drop trailing empty ones).
    pub fn check_width(&self) -> Result<(), ImportError> {
        if self.record.len() > self.header.width {
            let extra: Vec<&str> = self.record.iter().skip(self.header.width).collect();
            if extra.iter().any(|f| !f.trim().is_empty()) {
                return Err(self.error(format!(
                    "{} fields where the header has {}",
                    self.record.len(),
                    self.header.width
                )));
            }
        }
        Ok(())
    }

    /// The film's name and year.
    pub fn film(&self) -> Result<(String, Option<i32>), ImportError> {
        let name = self.get(Field::Name);
        if name.is_empty() {
            return Err(self.error(format!("the film has no {}", Field::Name.label())));
        }
        Ok((name.to_string(), self.year()?))
    }

    fn year(&self) -> Result<Option<i32>, ImportError> {
        let y = self.get(Field::Year);
        if y.is_empty() {
            return Ok(None);
        }
        // Spreadsheets write years as 2023.0.
        let digits = y.strip_suffix(".0").unwrap_or(y);
        match digits.parse::<i32>() {
            Ok(year) if (1000..=9999).contains(&year) => Ok(Some(year)),
            _ => Err(self.error(format!(
                "Year: {:?} is not a year",
                crate::text::sanitize_line(y)
            ))),
        }
    }

    /// The rating: `Rating` (0.5–5), else `Rating10` (1–10).
    pub fn rating(&self) -> Result<Option<Rating>, ImportError> {
        let r = self.get(Field::Rating);
        if !r.is_empty() {
            return r
                .parse()
                .map(Some)
                .map_err(|e| self.error(format!("Rating: {e}")));
        }
        match self.get(Field::Rating10) {
            "" => Ok(None),
            r10 => r10
                .parse::<u8>()
                .ok()
                .and_then(Rating::from_half_stars)
                .map(Some)
                .ok_or_else(|| {
                    self.error(format!(
                        "Rating10: {:?} is not a whole number from 1 to 10",
                        crate::text::sanitize_line(r10)
                    ))
                }),
        }
    }

    pub fn date(&self, field: Field) -> Result<Option<String>, ImportError> {
        match self.get(field) {
            "" => Ok(None),
            d => parse_date(
                d.get(..10)
                    .filter(|_| d.len() > 10 && d.as_bytes()[10] == b' ')
                    .unwrap_or(d),
            )
            .map(Some)
            .map_err(|e| self.error(format!("{}: {e}", field.label()))),
        }
    }

    /// "Yes", "true" or "1": a rewatch.
    pub fn yes(&self, field: Field) -> bool {
        matches!(
            self.get(field).to_ascii_lowercase().as_str(),
            "yes" | "true" | "1" | "y"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_physical_in_crlf_and_lf() {
        for eol in ["\n", "\r\n"] {
            let text = format!("a,b{eol}1,\"two{eol}lines\"{eol}{eol}3,4{eol}");
            let rows = records("f.csv", &text).unwrap();
            let lines: Vec<u64> = rows.iter().map(|(l, _)| *l).collect();
            assert_eq!(lines, [1, 2, 5], "{eol:?}");
        }
    }

    #[test]
    fn a_quote_that_never_closes_is_refused_at_the_line_it_began() {
        let cut = "a,b\r\n1,\"two \"\"quoted\"\"\r\nlines\"\r\n3,\"open\r\nmore,,2023\r\n";
        let error = records("f.csv", cut).unwrap_err();
        assert_eq!(error.line, Some(4));
        assert!(error.message.contains("never closes"), "{}", error.message);
        // Quotes inside a field that did not begin with one are the text's.
        assert!(records("f.csv", "a,b\n1,say \"hi\n2,3\n").is_ok());
        assert!(records("f.csv", "a;b\n\"x;y\";\"\"\n").is_ok());
    }

    #[test]
    fn a_spreadsheet_s_separator_is_read_too() {
        assert_eq!(delimiter("Date;Name;Year;Letterboxd URI\n"), b';');
        assert_eq!(delimiter("Date\tName\tYear\n"), b'\t');
        assert_eq!(delimiter("Date,Name,\"a;b;c\"\n"), b',');
        let rows = records(
            "d.csv",
            "Date;Name;Year\n2024-01-01;\"Heat; the film\";1995\n",
        )
        .unwrap();
        assert_eq!(&rows[1].1[1], "Heat; the film");
    }

    #[test]
    fn columns_are_found_by_meaning() {
        let names = csv::StringRecord::from(vec!["Title", "Year", "LetterboxdURI", "WatchedDate"]);
        let header = Header::new(
            &names,
            &[Field::Name, Field::Uri, Field::WatchedDate],
            &[Field::Name],
        )
        .unwrap();
        assert!(header.has(Field::Uri) && header.has(Field::WatchedDate));
        let both = csv::StringRecord::from(vec!["Film", "Title", "Year"]);
        let err = Header::new(&both, &[Field::Name], &[]).unwrap_err();
        assert!(err.contains("could be \"Name\""), "{err}");
        let missing = Header::new(
            &csv::StringRecord::from(vec!["Year"]),
            &[Field::Name],
            &[Field::Name],
        )
        .unwrap_err();
        assert!(missing.contains("no \"Name\" column"), "{missing}");
        // Letterboxd's own name wins over a look-alike.
        let dated = csv::StringRecord::from(vec!["Date", "Name", "Watched Date"]);
        let header = Header::new(&dated, &[Field::Date, Field::WatchedDate], &[]).unwrap();
        assert_eq!(header.columns[&Field::Date], 0);
        assert_eq!(header.columns[&Field::WatchedDate], 2);
    }
}
