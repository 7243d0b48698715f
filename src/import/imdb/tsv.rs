//! IMDb's files read exactly as IMDb writes them: tab-separated, a header line, `\N` for
//! nothing, no quoting (a title may hold a `"`), gzipped or not. A line at a time, so a
//! file of millions of rows takes no more memory than its longest line, and every
//! problem names the file and the physical line (the header is line 1).

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use indicatif::ProgressBar;

use super::super::ImportError;

/// A line longer than this is no line of IMDb's (their longest are a few KB).
const LONGEST_LINE: usize = 1 << 20;

/// Bytes read from the file at a time: large reads keep the decompressor busy.
const READ_AHEAD: usize = 1 << 20;

pub struct Tsv {
    name: String,
    input: Box<dyn BufRead>,
    /// The line last read, checked as UTF-8 once.
    line: String,
    /// Where each field ends in `line`.
    ends: Vec<usize>,
    /// The physical line last read; the header is 1.
    number: u64,
    columns: usize,
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
        let input: Box<dyn BufRead> = match gzipped {
            true => Box::new(Inflated::new(flate2::bufread::MultiGzDecoder::new(raw))),
            false => Box::new(raw),
        };
        let mut tsv = Tsv {
            name,
            input,
            line: String::with_capacity(4096),
            ends: Vec::with_capacity(16),
            number: 0,
            columns: header.len(),
        };
        if !tsv.read_line()? {
            return Err(tsv.error("is empty: IMDb's files start with a header line"));
        }
        tsv.split();
        let found: Vec<&str> = (0..tsv.ends.len())
            .map(|i| {
                Row {
                    line: &tsv.line,
                    ends: &tsv.ends,
                    file: &tsv.name,
                    number: 1,
                }
                .get(i)
                .unwrap_or("\\N")
            })
            .collect();
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
        if !self.read_line()? {
            return Ok(None);
        }
        self.split();
        if self.ends.len() != self.columns {
            let message = format!(
                "{} fields where the header has {} (fields are separated by tabs)",
                self.ends.len(),
                self.columns
            );
            return Err(self.error(&message));
        }
        Ok(Some(Row {
            line: &self.line,
            ends: &self.ends,
            file: &self.name,
            number: self.number,
        }))
    }

    /// An error at the line last read.
    pub fn error(&self, message: &str) -> ImportError {
        ImportError {
            file: self.name.clone(),
            line: Some(self.number.max(1)),
            message: message.to_string(),
        }
    }

    /// Reads the next line into `line`, without its line ending; says whether there was
    /// one.
    fn read_line(&mut self) -> Result<bool, ImportError> {
        let mut bytes = std::mem::take(&mut self.line).into_bytes();
        bytes.clear();
        self.number += 1;
        let read = (&mut self.input)
            .take(LONGEST_LINE as u64 + 1)
            .read_until(b'\n', &mut bytes);
        match read {
            Ok(0) => return Ok(false),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                return Err(self.error(
                    "the file ends in the middle of its compressed data: it is cut short (download it again)",
                ));
            }
            Err(e) => return Err(self.error(&format!("cannot be read: {e}"))),
        }
        if bytes.len() > LONGEST_LINE {
            return Err(self.error("is longer than any line of IMDb's (1 MB)"));
        }
        if bytes.last() == Some(&b'\n') {
            bytes.pop();
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
        }
        match String::from_utf8(bytes) {
            Ok(line) => self.line = line,
            Err(_) => return Err(self.error("is not UTF-8 text, as IMDb's files are")),
        }
        Ok(true)
    }

    /// Notes where each field of `line` ends.
    fn split(&mut self) {
        self.ends.clear();
        self.ends
            .extend(memchr::memchr_iter(b'\t', self.line.as_bytes()));
        self.ends.push(self.line.len());
    }
}

/// A gzipped file inflated on a thread of its own while the rows are read: the two
/// cores each do half of the work, so reading takes about as long as inflating alone.
/// Chunks go back to the thread once read, so no memory is allocated per chunk.
struct Inflated {
    chunks: std::sync::mpsc::Receiver<std::io::Result<Vec<u8>>>,
    spent: std::sync::mpsc::Sender<Vec<u8>>,
    chunk: Vec<u8>,
    at: usize,
}

/// Chunks in flight between the inflating thread and the reader.
const IN_FLIGHT: usize = 4;

impl Inflated {
    fn new(mut input: impl Read + Send + 'static) -> Inflated {
        let (send, chunks) = std::sync::mpsc::sync_channel(IN_FLIGHT);
        let (spent, reuse) = std::sync::mpsc::channel::<Vec<u8>>();
        std::thread::spawn(move || {
            loop {
                let mut chunk = reuse.try_recv().unwrap_or_default();
                chunk.resize(READ_AHEAD, 0);
                let mut filled = 0;
                while filled < chunk.len() {
                    match input.read(&mut chunk[filled..]) {
                        Ok(0) => break,
                        Ok(n) => filled += n,
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        Err(e) => {
                            // What inflated before the damage is read first, so the
                            // error names the line it cuts.
                            chunk.truncate(filled);
                            if filled > 0 && send.send(Ok(chunk)).is_err() {
                                return;
                            }
                            let _ = send.send(Err(e));
                            return;
                        }
                    }
                }
                if filled == 0 {
                    return;
                }
                chunk.truncate(filled);
                // The reader went (an error in a row): nothing more to inflate.
                if send.send(Ok(chunk)).is_err() {
                    return;
                }
            }
        });
        Inflated {
            chunks,
            spent,
            chunk: Vec::new(),
            at: 0,
        }
    }
}

impl Read for Inflated {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n = out.len().min(available.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Inflated {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.at == self.chunk.len() {
            match self.chunks.recv() {
                Ok(Ok(chunk)) => {
                    let spent = std::mem::replace(&mut self.chunk, chunk);
                    let _ = self.spent.send(spent);
                    self.at = 0;
                }
                Ok(Err(e)) => return Err(e),
                // The thread ended: the file did.
                Err(_) => return Ok(&[]),
            }
        }
        Ok(&self.chunk[self.at..])
    }

    fn consume(&mut self, n: usize) {
        self.at = (self.at + n).min(self.chunk.len());
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
