//! Importers turn outside formats into records; they never write SQL themselves.

pub mod imdb;
pub mod jsonl;
pub mod letterboxd;
pub mod limited;
pub mod page;

use std::fmt;
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

/// What was wrong with an import, and where: the file, and the line when one is to blame.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ImportError {
    pub file: String,
    pub line: Option<u64>,
    pub message: String,
}

/// Errors quote their input (file names, fields, values): they are made harmless for a
/// terminal here, once for every importer.
impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = crate::text::sanitize(&self.message);
        if self.file.is_empty() {
            return f.write_str(&message);
        }
        let file = crate::text::sanitize_line(&self.file);
        match self.line {
            Some(line) => write!(f, "{file} line {line}: {message}"),
            None => write!(f, "{file} {message}"),
        }
    }
}

impl ImportError {
    /// The database could not take the import (its message names the database).
    pub fn database(error: crate::store::StoreError) -> ImportError {
        ImportError {
            file: String::new(),
            line: None,
            message: error.to_string(),
        }
    }

    pub fn file(path: &Path, message: impl Into<String>) -> ImportError {
        ImportError {
            file: path.display().to_string(),
            line: None,
            message: message.into(),
        }
    }
}

/// What an import did, for the summary at its end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub films: usize,
    pub entries: usize,
    /// Why rows were not imported as entries, and how many.
    pub skipped: Vec<(String, usize)>,
    /// Reviews imported under a new id, theirs being another review's.
    pub renumbered: usize,
    /// What became of each file's rows (Letterboxd exports).
    pub files: Vec<FileReport>,
    /// Things the user should know, such as a row that could have meant two films.
    pub notes: Vec<String>,
    /// Files that were not read (damaged copies in an export).
    pub warnings: Vec<String>,
    /// Files not imported, each with what it is: a page of another kind in a folder of
    /// saved pages, a file of an export that holds what marquee does not keep.
    pub passed_over: Vec<(String, String)>,
    /// Files of a folder that should have been read and could not be (named in
    /// `warnings`): the rest came in, and the command ends in failure to say so.
    pub unreadable: usize,
}

/// One file of an import: its rows, and what became of them (the counts add up to the
/// rows).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileReport {
    pub name: String,
    pub rows: usize,
    /// What the rows are ("row" when empty).
    pub unit: &'static str,
    pub outcomes: Vec<(String, usize)>,
}

impl Summary {
    pub fn skip(&mut self, why: &str) {
        match self.skipped.iter_mut().find(|(w, _)| w == why) {
            Some((_, n)) => *n += 1,
            None => self.skipped.push((why.to_string(), 1)),
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, one: &str| {
            let s = if n == 1 { "" } else { "s" };
            format!("{} {one}{s}", crate::text::count(n as u64))
        };
        write!(
            f,
            "{} added, {} added",
            plural(self.films, "film"),
            plural(self.entries, "entry").replace("entrys", "entries")
        )?;
        if self.renumbered > 0 {
            write!(
                f,
                "\n{} imported under new ids (theirs belonged to other reviews)",
                plural(self.renumbered, "review")
            )?;
        }
        for warning in &self.warnings {
            write!(f, "\nwarning: {warning}")?;
        }
        for (why, n) in &self.skipped {
            write!(f, "\nskipped {}: {why}", crate::text::count(*n as u64))?;
        }
        for (name, what) in &self.passed_over {
            let name = crate::text::sanitize_line(name);
            write!(
                f,
                "\nnot imported: {name} {}",
                crate::text::sanitize_line(what)
            )?;
        }
        for file in &self.files {
            let name = crate::text::sanitize_line(&file.name);
            let rows = crate::text::count(file.rows as u64);
            let s = if file.rows == 1 { "" } else { "s" };
            let unit = if file.unit.is_empty() {
                "row"
            } else {
                file.unit
            };
            write!(f, "\n{name}: {rows} {unit}{s}")?;
            let outcomes: Vec<String> = file
                .outcomes
                .iter()
                .map(|(what, n)| {
                    format!(
                        "{} {}",
                        crate::text::count(*n as u64),
                        one_or_many(what, *n)
                    )
                })
                .collect();
            if !outcomes.is_empty() {
                write!(f, ": {}", outcomes.join(", "))?;
            }
        }
        const SHOWN: usize = 10;
        for note in self.notes.iter().take(SHOWN) {
            write!(f, "\nnote: {note}")?;
        }
        if self.notes.len() > SHOWN {
            write!(
                f,
                "\nnote: and {} more like these",
                self.notes.len() - SHOWN
            )?;
        }
        Ok(())
    }
}

/// "logs added" for one: "log added" (the outcomes are written for many).
fn one_or_many(what: &str, n: usize) -> String {
    if n != 1 {
        return what.to_string();
    }
    let (first, rest) = what.split_once(' ').unwrap_or((what, ""));
    let one = match first {
        "entries" => "entry",
        "logs" | "reviews" | "films" | "texts" | "ratings" | "rows" | "marks" => {
            first.trim_end_matches('s')
        }
        _ => return what.to_string(),
    };
    format!("{one} {rest}").trim_end().to_string()
}

/// A progress bar on standard error for imports of `total` steps; it draws nothing when
/// standard error is not a terminal, or for small imports.
pub fn progress(total: u64, what: &str) -> ProgressBar {
    if total < 10_000 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message(what.to_string());
    bar
}

/// `input`, read with `bar` showing how far; at its end the bar turns into a spinner that
/// says the import is being saved, since building the indexes and writing everything out
/// takes seconds more for a big file, which a full bar would hide.
pub fn reading_with(bar: &ProgressBar, input: impl std::io::Read) -> impl std::io::Read {
    Saving {
        input: bar.wrap_read(input),
        bar: bar.clone(),
        ended: false,
    }
}

struct Saving<R> {
    input: R,
    bar: ProgressBar,
    ended: bool,
}

impl<R: std::io::Read> std::io::Read for Saving<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = self.input.read(buf)?;
        if read == 0 && !buf.is_empty() && !self.ended {
            self.ended = true;
            self.bar.set_style(
                ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            self.bar
                .set_message("all read; building the indexes and saving…");
            self.bar
                .enable_steady_tick(std::time::Duration::from_millis(120));
        }
        Ok(read)
    }
}

/// A progress bar for reading `size` bytes, shown for files of a megabyte or more.
pub fn progress_bytes(size: u64) -> ProgressBar {
    if size < 1 << 20 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(size);
    bar.set_style(
        ProgressStyle::with_template("importing {wide_bar} {bytes}/{total_bytes} ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}
