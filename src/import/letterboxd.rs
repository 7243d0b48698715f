//! A Letterboxd data export: the ZIP, its extracted folder, or one CSV from it.
//!
//! Everything is read and checked before anything is written, then written in one
//! transaction: a malformed row stops the import with its file and line, and the database
//! is left as it was.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use super::html;
use super::{ImportError, Summary};
use crate::model::{NewEntry, Rating, parse_date, parse_tags};
use crate::store::Store;

/// The files of an export marquee reads, in the order it reads them.
const FILES: [&str; 6] = [
    "reviews.csv",
    "diary.csv",
    "ratings.csv",
    "watched.csv",
    "watchlist.csv",
    "profile.csv",
];

/// One CSV of the export, as text.
pub struct Source {
    pub name: String,
    pub text: String,
}

/// Reads the export's files from a ZIP, a folder or a single CSV.
pub fn read(path: &Path) -> Result<Vec<Source>, ImportError> {
    let whole = |message: String| ImportError::file(path, message);
    if path.is_dir() {
        return read_folder(path);
    }
    let bytes = std::fs::read(path).map_err(|e| whole(format!("cannot read it: {e}")))?;
    if bytes.starts_with(b"PK") {
        return read_zip(path, bytes);
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let name = if FILES.contains(&name.as_str()) {
        name
    } else {
        guess_kind(&bytes).ok_or_else(|| {
            whole(format!(
                "is not a Letterboxd export: expected a ZIP, a folder, or one of {}",
                FILES.join(", ")
            ))
        })?
    };
    Ok(vec![Source {
        text: utf8(path, &name, bytes)?,
        name,
    }])
}

fn read_folder(dir: &Path) -> Result<Vec<Source>, ImportError> {
    let mut sources = Vec::new();
    for name in FILES {
        let path = dir.join(name);
        if path.is_file() {
            let bytes = std::fs::read(&path)
                .map_err(|e| ImportError::file(&path, format!("cannot read it: {e}")))?;
            sources.push(Source {
                text: utf8(&path, name, bytes)?,
                name: name.to_string(),
            });
        }
    }
    if sources.is_empty() {
        return Err(ImportError::file(
            dir,
            format!("holds none of the export's files ({})", FILES.join(", ")),
        ));
    }
    Ok(sources)
}

/// The export's files at the top of the ZIP (or of its one folder); `deleted/`,
/// `orphaned/`, `likes/`, `lists/` and the rest are not read.
fn read_zip(path: &Path, bytes: Vec<u8>) -> Result<Vec<Source>, ImportError> {
    let bad =
        |e: zip::result::ZipError| ImportError::file(path, format!("is not a readable ZIP: {e}"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(bad)?;
    let mut found: HashMap<String, String> = HashMap::new();
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).map_err(bad)?;
        let inner = file.name().replace('\\', "/");
        let parts: Vec<&str> = inner.split('/').filter(|p| !p.is_empty()).collect();
        let name = match parts.as_slice() {
            [name] => name.to_lowercase(),
            [folder, name] if !IGNORED.contains(&folder.to_lowercase().as_str()) => {
                name.to_lowercase()
            }
            _ => continue,
        };
        if !FILES.contains(&name.as_str()) || found.contains_key(&name) {
            continue;
        }
        let mut data = Vec::new();
        file.read_to_end(&mut data)
            .map_err(|e| ImportError::file(path, format!("cannot unpack {inner}: {e}")))?;
        found.insert(name.clone(), utf8(path, &name, data)?);
    }
    let sources: Vec<Source> = FILES
        .iter()
        .filter_map(|name| {
            found.remove(*name).map(|text| Source {
                name: name.to_string(),
                text,
            })
        })
        .collect();
    if sources.is_empty() {
        return Err(ImportError::file(
            path,
            format!("holds none of the export's files ({})", FILES.join(", ")),
        ));
    }
    Ok(sources)
}

/// Folders of the export that marquee leaves alone.
const IGNORED: [&str; 4] = ["deleted", "orphaned", "likes", "lists"];

fn utf8(path: &Path, name: &str, bytes: Vec<u8>) -> Result<String, ImportError> {
    String::from_utf8(bytes).map_err(|e| ImportError {
        file: display_name(path, name),
        line: None,
        message: format!(
            "is not UTF-8 text (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })
}

fn display_name(path: &Path, name: &str) -> String {
    if path.is_dir()
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
    {
        format!("{} ({name})", path.display())
    } else {
        path.display().to_string()
    }
}

/// A CSV with another name, known by its header.
fn guess_kind(bytes: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    let header = text.trim_start_matches('\u{feff}').lines().next()?;
    let has = |column: &str| {
        header
            .split(',')
            .any(|h| h.trim().trim_matches('"') == column)
    };
    let kind = if has("Review") {
        "reviews.csv"
    } else if has("Watched Date") {
        "diary.csv"
    } else if has("Rating") {
        "ratings.csv"
    } else if has("Username") {
        "profile.csv"
    } else if has("Letterboxd URI") {
        "watched.csv"
    } else {
        return None;
    };
    Some(kind.to_string())
}

/// One row of a CSV, its columns by header name.
struct Row<'a> {
    file: &'a str,
    line: u64,
    header: &'a HashMap<String, usize>,
    record: csv::StringRecord,
}

impl Row<'_> {
    fn get(&self, column: &str) -> &str {
        self.header
            .get(column)
            .and_then(|&i| self.record.get(i))
            .map_or("", str::trim)
    }

    fn error(&self, message: String) -> ImportError {
        ImportError {
            file: self.file.to_string(),
            line: Some(self.line),
            message,
        }
    }

    fn film(&self) -> Result<(String, Option<i32>), ImportError> {
        let name = self.get("Name");
        if name.is_empty() {
            return Err(self.error("the film has no Name".into()));
        }
        let year = match self.get("Year") {
            "" => None,
            y => Some(
                y.parse::<i32>()
                    .map_err(|_| self.error(format!("invalid Year {y:?}")))?,
            ),
        };
        Ok((name.to_string(), year))
    }

    fn rating(&self) -> Result<Option<Rating>, ImportError> {
        match self.get("Rating") {
            "" => Ok(None),
            r => r.parse().map(Some).map_err(|e| self.error(format!("{e}"))),
        }
    }

    fn date(&self, column: &str) -> Result<Option<String>, ImportError> {
        match self.get(column) {
            "" => Ok(None),
            d => parse_date(d)
                .map(Some)
                .map_err(|e| self.error(format!("{column}: {e}"))),
        }
    }
}

/// Reads every row of one CSV, checking the columns it must have.
fn rows<'a>(
    source: &'a Source,
    header: &'a mut HashMap<String, usize>,
    required: &[&str],
) -> Result<Vec<Row<'a>>, ImportError> {
    let text = source.text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let names = reader
        .headers()
        .map_err(|e| csv_error(&source.name, e))?
        .clone();
    header.clear();
    for (i, name) in names.iter().enumerate() {
        header.entry(name.trim().to_string()).or_insert(i);
    }
    if let Some(missing) = required.iter().find(|c| !header.contains_key(**c)) {
        return Err(ImportError {
            file: source.name.clone(),
            line: Some(1),
            message: format!("the header has no {missing:?} column"),
        });
    }
    let header: &'a HashMap<String, usize> = header;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(&source.name, e))?;
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != header.len() {
            return Err(ImportError {
                file: source.name.clone(),
                line: Some(line),
                message: format!(
                    "{} fields where the header has {}",
                    record.len(),
                    header.len()
                ),
            });
        }
        rows.push(Row {
            file: &source.name,
            line,
            header,
            record,
        });
    }
    Ok(rows)
}

fn csv_error(file: &str, error: csv::Error) -> ImportError {
    ImportError {
        file: file.to_string(),
        line: error.position().map(|p| p.line()),
        message: format!("malformed CSV: {error}"),
    }
}

/// A checked row, ready to write.
struct Planned {
    film: (String, Option<i32>),
    entry: Option<NewEntry>,
    /// A rating from ratings.csv: written only for a film with no other entry.
    fallback: bool,
}

/// Reads and checks every file, then writes it all in one transaction.
pub fn import(
    sources: &[Source],
    store: &mut Store,
    fallback_author: &str,
) -> Result<Summary, ImportError> {
    let author = username(sources)?.unwrap_or_else(|| fallback_author.to_string());
    let mut summary = Summary::default();
    let mut planned: Vec<Planned> = Vec::new();
    let mut reviewed: HashSet<String> = HashSet::new();
    let mut header = HashMap::new();
    for source in sources {
        let kind = source.name.as_str();
        let required: &[&str] = match kind {
            "reviews.csv" | "diary.csv" => &["Name", "Year", "Letterboxd URI", "Rating"],
            "ratings.csv" => &["Name", "Year", "Rating"],
            "watched.csv" | "watchlist.csv" => &["Name", "Year"],
            _ => continue,
        };
        for row in rows(source, &mut header, required)? {
            let film = row.film()?;
            let uri = row.get("Letterboxd URI").to_string();
            let entry = |body: String| -> Result<NewEntry, ImportError> {
                Ok(NewEntry {
                    author: author.clone(),
                    rating: row.rating()?,
                    body,
                    watched: row.date("Watched Date")?,
                    created: row.date("Date")?,
                    rewatch: row.get("Rewatch").eq_ignore_ascii_case("yes"),
                    tags: parse_tags(row.get("Tags")),
                    is_mine: true,
                    ..NewEntry::default()
                })
            };
            let item = match kind {
                "reviews.csv" => {
                    reviewed.insert(uri.clone());
                    let mut e = entry(html::to_text(row.get("Review")))?;
                    e.source_key = Some(format!("letterboxd:{uri}"));
                    Planned {
                        film,
                        entry: Some(e),
                        fallback: false,
                    }
                }
                "diary.csv" if reviewed.contains(&uri) => {
                    summary.skip("diary rows already in reviews.csv");
                    Planned {
                        film,
                        entry: None,
                        fallback: false,
                    }
                }
                "diary.csv" => {
                    let mut e = entry(String::new())?;
                    if e.rating.is_none() {
                        summary.skip("diary rows without a rating (film added only)");
                        Planned {
                            film,
                            entry: None,
                            fallback: false,
                        }
                    } else {
                        e.source_key = Some(format!("letterboxd:{uri}"));
                        Planned {
                            film,
                            entry: Some(e),
                            fallback: false,
                        }
                    }
                }
                "ratings.csv" => {
                    let mut e = entry(String::new())?;
                    e.watched = None;
                    let key = if uri.is_empty() {
                        format!("{}:{:?}", film.0, film.1)
                    } else {
                        uri
                    };
                    e.source_key = Some(format!("letterboxd-rating:{key}"));
                    let keep = e.rating.is_some();
                    Planned {
                        film,
                        entry: keep.then_some(e),
                        fallback: true,
                    }
                }
                _ => Planned {
                    film,
                    entry: None,
                    fallback: false,
                },
            };
            planned.push(item);
        }
    }
    write(store, &planned, summary).map_err(|e| ImportError {
        file: "the database".into(),
        line: None,
        message: e.to_string(),
    })
}

/// The Username in profile.csv, if there is one.
fn username(sources: &[Source]) -> Result<Option<String>, ImportError> {
    let Some(profile) = sources.iter().find(|s| s.name == "profile.csv") else {
        return Ok(None);
    };
    let mut header = HashMap::new();
    let rows = rows(profile, &mut header, &[])?;
    Ok(rows
        .first()
        .map(|r| r.get("Username").to_string())
        .filter(|u| !u.is_empty()))
}

fn write(
    store: &mut Store,
    planned: &[Planned],
    mut summary: Summary,
) -> crate::store::Result<Summary> {
    let progress = super::progress(planned.len() as u64, "importing");
    let mut import = store.begin_import()?;
    let mut films: HashMap<(String, Option<i32>), i64> = HashMap::new();
    for item in planned {
        progress.inc(1);
        let film_id = match films.get(&item.film) {
            Some(&id) => id,
            None => {
                let id = import.film_titled(&item.film.0, item.film.1)?;
                films.insert(item.film.clone(), id);
                id
            }
        };
        let Some(entry) = &item.entry else {
            continue;
        };
        if item.fallback && import.has_entries(film_id)? {
            summary.skip("ratings.csv ratings of films that have entries");
            continue;
        }
        if !import.entry(film_id, entry)? {
            summary.skip("entries imported before");
        }
    }
    let added = import.commit()?;
    progress.finish_and_clear();
    summary.films = added.films;
    summary.entries = added.entries;
    Ok(summary)
}
