//! IMDb's files read exactly as IMDb writes them: tab-separated, a header line, `\N` for
//! nothing, no quoting (a title may hold a `"`), gzipped or not. A thread reads (and
//! inflates) the file and hands over chunks of whole lines, checked as UTF-8, while the
//! rows are parsed: the two cores share the work, and a file of millions of rows takes no
//! more memory than a few chunks. Every problem names the file and the physical line (the
//! header is line 1).

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::mpsc::{Receiver, Sender, SyncSender};

use indicatif::ProgressBar;

use super::super::ImportError;

/// A line longer than this is no line of IMDb's (their longest are a few KB).
const LONGEST_LINE: usize = 1 << 20;

/// Bytes read from the file at a time: large reads keep the decompressor busy.
const READ_AHEAD: usize = 1 << 20;

/// Chunks in flight between the reading thread and the rows.
const IN_FLIGHT: usize = 4;

pub struct Tsv {
    name: String,
    chunks: Receiver<Chunk>,
    /// Chunks read, back to the thread to fill again.
    spent: Sender<String>,
    /// The chunk being read: whole lines.
    text: String,
    /// Where the next line starts in `text`.
    at: usize,
    /// The line last read, in `text`.
    line: std::ops::Range<usize>,
    /// Where each field of the line ends, from the line's start.
    ends: Vec<usize>,
    /// The physical line last read; the header is 1.
    number: u64,
    columns: usize,
}

/// What the reading thread hands over: whole lines, or why it stopped.
enum Chunk {
    Lines(String),
    /// The gzip stream ends before its end: the file is cut short.
    Cut,
    NotUtf8,
    TooLong,
    Unreadable(String),
}

/// One row: its fields, `None` where IMDb wrote `\N`.
pub struct Row<'a> {
    line: &'a str,
    ends: &'a [usize],
    file: &'a str,
    number: u64,
}

impl<'a> Row<'a> {
    /// An error at this row's line.
    pub fn error(&self, message: &str) -> ImportError {
        ImportError {
            file: self.file.to_string(),
            line: Some(self.number),
            message: message.to_string(),
        }
    }

    /// Field `i`, or `None` for `\N`.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        let field = self.raw(i);
        (field != "\\N").then_some(field)
    }

    /// Field `i`'s bytes (`\N` too), for the quick checks made of every row.
    pub fn bytes(&self, i: usize) -> &'a [u8] {
        self.raw(i).as_bytes()
    }

    /// Field `i` as written. Fields end at tabs, so every field is whole UTF-8.
    fn raw(&self, i: usize) -> &'a str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] + 1 };
        &self.line[start..self.ends[i]]
    }
}

impl Tsv {
    /// Opens `path` (gzipped or not, by its first bytes), checks its header is
    /// `header`, and reads with `bar` showing how far.
    pub fn open(path: &Path, header: &[&str], bar: &ProgressBar) -> Result<Tsv, ImportError> {
        let name = path.display().to_string();
        if let Some(kind) = super::super::limited::not_regular(path) {
            return Err(ImportError::file(
                path,
                format!("is {kind}, not a file marquee can read"),
            ));
        }
        let file = std::fs::File::open(path)
            .map_err(|e| ImportError::file(path, format!("cannot be read: {e}")))?;
        let mut raw = BufReader::with_capacity(READ_AHEAD, bar.wrap_read(file));
        let gzipped = raw
            .fill_buf()
            .map_err(|e| ImportError::file(path, format!("cannot be read: {e}")))?
            .starts_with(&[0x1f, 0x8b]);
        let (send, chunks) = std::sync::mpsc::sync_channel(IN_FLIGHT);
        let (spent, reuse) = std::sync::mpsc::channel();
        std::thread::spawn(move || match gzipped {
            true => hand_over_lines(flate2::bufread::MultiGzDecoder::new(raw), send, reuse),
            false => hand_over_lines(raw, send, reuse),
        });
        let mut tsv = Tsv {
            name,
            chunks,
            spent,
            text: String::new(),
            at: 0,
            line: 0..0,
            ends: Vec::with_capacity(16),
            number: 0,
            columns: header.len(),
        };
        if !tsv.next_line()? {
            return Err(tsv.error("is empty: IMDb's files start with a header line"));
        }
        let found: Vec<&str> = (0..tsv.ends.len()).map(|i| tsv.row().raw(i)).collect();
        if found != header {
            let message = format!(
                "has the header \"{}\", not IMDb's \"{}\"",
                found.join("\\t"),
                header.join("\\t")
            );
            return Err(tsv.error(&message));
        }
        Ok(tsv)
    }

    /// The next row, or `None` at the end of the file.
    pub fn next_row(&mut self) -> Result<Option<Row<'_>>, ImportError> {
        if !self.next_line()? {
            return Ok(None);
        }
        if self.ends.len() != self.columns {
            let message = format!(
                "{} fields where the header has {} (fields are separated by tabs)",
                self.ends.len(),
                self.columns
            );
            return Err(self.error(&message));
        }
        Ok(Some(self.row()))
    }

    fn row(&self) -> Row<'_> {
        Row {
            line: &self.text[self.line.clone()],
            ends: &self.ends,
            file: &self.name,
            number: self.number,
        }
    }

    /// An error at the line last read.
    pub fn error(&self, message: &str) -> ImportError {
        ImportError {
            file: self.name.clone(),
            line: Some(self.number.max(1)),
            message: message.to_string(),
        }
    }

    /// Moves to the next line, noting where its fields end; says whether there was one.
    fn next_line(&mut self) -> Result<bool, ImportError> {
        if self.at >= self.text.len() {
            let failed = match self.chunks.recv() {
                Ok(Chunk::Lines(text)) => {
                    let spent = std::mem::replace(&mut self.text, text);
                    let _ = self.spent.send(spent);
                    self.at = 0;
                    None
                }
                Ok(Chunk::Cut) => Some(
                    "the file ends in the middle of its compressed data: it is cut short (download it again)".to_string(),
                ),
                Ok(Chunk::NotUtf8) => Some("is not UTF-8 text, as IMDb's files are".into()),
                Ok(Chunk::TooLong) => Some("is longer than any line of IMDb's (1 MB)".into()),
                Ok(Chunk::Unreadable(why)) => Some(format!("cannot be read: {why}")),
                // The thread ended: the file did.
                Err(_) => return Ok(false),
            };
            if let Some(message) = failed {
                // The line that could not be read is the one after the last read.
                self.number += 1;
                return Err(self.error(&message));
            }
        }
        let rest = &self.text.as_bytes()[self.at..];
        let length = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        let mut end = self.at + length;
        let start = self.at;
        self.at = end + 1;
        if self.text.as_bytes()[start..end].ends_with(b"\r") {
            end -= 1;
        }
        self.line = start..end;
        self.number += 1;
        self.ends.clear();
        let line = &self.text.as_bytes()[start..end];
        self.ends.extend(memchr::memchr_iter(b'\t', line));
        self.ends.push(line.len());
        Ok(true)
    }
}

/// The reading thread: reads `input` a chunk at a time, cuts each after its last whole
/// line (the rest starts the next), checks it as UTF-8 and hands it over; at the end, or
/// at a problem (after the lines before it), stops.
fn hand_over_lines(mut input: impl Read, send: SyncSender<Chunk>, reuse: Receiver<String>) {
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let mut chunk = reuse.try_recv().map(String::into_bytes).unwrap_or_default();
        chunk.clear();
        chunk.append(&mut carry);
        let start = chunk.len();
        chunk.resize(start + READ_AHEAD, 0);
        let mut filled = start;
        let mut problem = None;
        while filled < chunk.len() {
            match input.read(&mut chunk[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                    problem = Some(Chunk::Cut);
                    break;
                }
                Err(e) => {
                    problem = Some(Chunk::Unreadable(e.to_string()));
                    break;
                }
            }
        }
        let ended = filled < chunk.len() || problem.is_some();
        chunk.truncate(filled);
        if !ended {
            match memchr::memrchr(b'\n', &chunk) {
                Some(last) => carry.extend_from_slice(&chunk[last + 1..]),
                None if chunk.len() > LONGEST_LINE => {
                    let _ = send.send(Chunk::TooLong);
                    return;
                }
                None => {
                    carry = chunk;
                    continue;
                }
            }
            chunk.truncate(chunk.len() - carry.len());
        } else if problem.is_some() {
            // Only whole lines before the damage.
            let whole = memchr::memrchr(b'\n', &chunk).map_or(0, |last| last + 1);
            chunk.truncate(whole);
        }
        if !chunk.is_empty() && !hand_over(chunk, &send) {
            return;
        }
        if ended {
            if let Some(problem) = problem {
                let _ = send.send(problem);
            }
            return;
        }
    }
}

/// Hands over a chunk of lines checked as UTF-8 (the lines before a bad one, then the
/// problem); says whether to go on.
fn hand_over(chunk: Vec<u8>, send: &SyncSender<Chunk>) -> bool {
    match String::from_utf8(chunk) {
        Ok(text) => send.send(Chunk::Lines(text)).is_ok(),
        Err(bad) => {
            let valid = bad.utf8_error().valid_up_to();
            let bytes = bad.into_bytes();
            let whole = memchr::memrchr(b'\n', &bytes[..valid]).map_or(0, |last| last + 1);
            if whole > 0 {
                let good = String::from_utf8(bytes[..whole].to_vec()).unwrap_or_default();
                if send.send(Chunk::Lines(good)).is_err() {
                    return false;
                }
            }
            let _ = send.send(Chunk::NotUtf8);
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const HEADER: [&str; 3] = ["tconst", "averageRating", "numVotes"];

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        out.write_all(bytes).unwrap();
        out.finish().unwrap()
    }

    fn rows(path: &Path) -> Result<Vec<Vec<Option<String>>>, ImportError> {
        let mut tsv = Tsv::open(path, &HEADER, &ProgressBar::hidden())?;
        let mut rows = Vec::new();
        while let Some(row) = tsv.next_row()? {
            rows.push((0..3).map(|i| row.get(i).map(String::from)).collect());
        }
        Ok(rows)
    }

    const TEXT: &[u8] =
        b"tconst\taverageRating\tnumVotes\ntt0000001\t5.7\t2100\ntt0000002\t\\N\t\"9\"\n";

    #[test]
    fn plain_and_gzipped_read_alike_with_nothing_and_quotes_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let plain = rows(&write(dir.path(), "title.ratings.tsv", TEXT)).unwrap();
        let zipped = rows(&write(dir.path(), "title.ratings.tsv.gz", &gzip(TEXT))).unwrap();
        assert_eq!(plain, zipped);
        assert_eq!(
            plain[1],
            [Some("tt0000002".into()), None, Some("\"9\"".into())]
        );
    }

    #[test]
    fn problems_name_the_file_and_the_physical_line() {
        let dir = tempfile::tempdir().unwrap();
        let short = write(
            dir.path(),
            "a.tsv",
            b"tconst\taverageRating\tnumVotes\ntt1\t1\t2\ntt2\t3\n",
        );
        let error = rows(&short).unwrap_err();
        assert_eq!(error.line, Some(3));
        assert!(
            error.message.contains("2 fields where the header has 3"),
            "{error}"
        );
        let header = write(dir.path(), "b.tsv", b"tconst,averageRating\n");
        let error = rows(&header).unwrap_err();
        assert_eq!(error.line, Some(1));
        assert!(error.message.contains("not IMDb's"), "{error}");
        // A gzip cut short: named, not read as if it ended there.
        let mut long = TEXT.to_vec();
        for n in 0..5000 {
            long.extend_from_slice(format!("tt{n:07}\t7.1\t{n}\n").as_bytes());
        }
        let cut = gzip(&long);
        let cut = write(dir.path(), "c.tsv.gz", &cut[..cut.len() / 2]);
        let error = rows(&cut).unwrap_err();
        assert!(error.message.contains("cut short"), "{error}");
        assert!(error.line.unwrap() > 1, "{error:?}");
    }
}
