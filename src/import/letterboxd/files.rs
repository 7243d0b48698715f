//! Finding an export's files (in a ZIP, a folder, or one CSV given alone) and telling
//! which Letterboxd file each one is: by its name where the name says, else by its header.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use crate::import::ImportError;

/// The Letterboxd files marquee reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Profile,
    Diary,
    Reviews,
    /// Letterboxd's import format (`LetterboxdURI`, `Title`, …), as marquee and other
    /// tools write it for Letterboxd's importer.
    ImportFormat,
    Ratings,
    Watched,
    Watchlist,
    /// `likes/films.csv`.
    LikedFilms,
    /// `lists/NAME.csv`.
    List,
}

impl Kind {
    /// How the file is named in an export.
    pub fn file_name(self) -> &'static str {
        match self {
            Kind::Profile => "profile.csv",
            Kind::Diary => "diary.csv",
            Kind::Reviews => "reviews.csv",
            Kind::ImportFormat => "Letterboxd's import format",
            Kind::Ratings => "ratings.csv",
            Kind::Watched => "watched.csv",
            Kind::Watchlist => "watchlist.csv",
            Kind::LikedFilms => "likes/films.csv",
            Kind::List => "lists/NAME.csv",
        }
    }
}

/// One file of the export, as text.
pub struct Source {
    /// How errors and the summary name it: its path, or `export.zip:diary.csv`.
    pub name: String,
    pub kind: Kind,
    pub text: String,
    /// Which of the paths given to one import it came from (0 for one): rows of one
    /// export that look alike are several logs, of two exports the same log.
    pub export: usize,
}

/// What an export holds that marquee reads (also under `orphaned/`: logs and reviews of
/// films Letterboxd no longer lists). What it passes over is in `passed_over`.
const NAMED: [(&str, Kind); 7] = [
    ("profile.csv", Kind::Profile),
    ("diary.csv", Kind::Diary),
    ("reviews.csv", Kind::Reviews),
    ("ratings.csv", Kind::Ratings),
    ("watched.csv", Kind::Watched),
    ("watchlist.csv", Kind::Watchlist),
    ("likes/films.csv", Kind::LikedFilms),
];

/// An export's files, and those of its files that could not be read as text (a
/// damaged copy: they are left out, and the summary says so).
#[derive(Default)]
pub struct Export {
    pub sources: Vec<Source>,
    pub unread: Vec<ImportError>,
    /// Files of a folder or ZIP not imported, each with what it holds (`deleted/` as
    /// one), for the summary.
    pub passed_over: Vec<(String, String)>,
}

/// What the files of an export that marquee does not import hold, by their names.
fn not_kept(inner: &str) -> Option<&'static str> {
    let base = plain_name(&inner.to_ascii_lowercase());
    let is = |name: &str| base == name || base.ends_with(&format!("/{name}"));
    Some(match () {
        _ if is("comments.csv") => "your comments on reviews and lists (marquee keeps no comments)",
        _ if is("likes/reviews.csv") => {
            "the reviews you liked, as addresses (marquee keeps no one else's likes)"
        }
        _ if is("likes/lists.csv") => {
            "the lists you liked, as addresses (marquee keeps no one else's lists)"
        }
        _ => return None,
    })
}

/// Whether a file is under `deleted/`: what the member deleted on Letterboxd.
fn is_deleted(inner: &str) -> bool {
    let lower = inner.to_ascii_lowercase();
    lower.starts_with("deleted/") || lower.contains("/deleted/")
}

fn count_of(n: usize) -> String {
    crate::text::count(n as u64)
}

/// Rows of a CSV (its records less the header), read as the import reads them.
fn rows(text: &str) -> usize {
    let records = super::table::records("", text).unwrap_or_default();
    // A list's films follow its own header block, from the `Position` line.
    let films = records
        .iter()
        .position(|(_, r)| r.get(0).is_some_and(|c| c.eq_ignore_ascii_case("position")));
    match films {
        Some(at) if text.starts_with("Letterboxd list export") => records.len() - at - 1,
        _ => records.len().saturating_sub(1),
    }
}

/// Notes the files passed over: each one that is not kept, and `deleted/` as one line.
#[derive(Default)]
struct PassedOver {
    files: Vec<(String, String)>,
    deleted: Option<(String, usize, usize)>,
}

impl PassedOver {
    /// Takes `inner` when it is a file not imported; says whether it did.
    fn take(&mut self, inner: &str, name: &str, text: impl FnOnce() -> String) -> bool {
        if is_deleted(inner) {
            let folder = match name.to_ascii_lowercase().rfind("deleted/") {
                Some(at) => name[..at + "deleted/".len()].to_string(),
                None => "deleted/".to_string(),
            };
            let (_, files, count) = self.deleted.get_or_insert((folder, 0, 0));
            *files += 1;
            *count += rows(&text());
            return true;
        }
        let Some(what) = not_kept(inner) else {
            return false;
        };
        let count = rows(&text());
        let s = if count == 1 { "" } else { "s" };
        self.files.push((
            name.to_string(),
            format!("({} row{s}): {what}", count_of(count)),
        ));
        true
    }

    fn done(mut self) -> Vec<(String, String)> {
        if let Some((folder, files, count)) = self.deleted {
            let s = if count == 1 { "" } else { "s" };
            let fs = if files == 1 { "" } else { "s" };
            self.files.push((
                folder,
                format!(
                    "({files} file{fs}, {} row{s}): what you deleted on Letterboxd",
                    count_of(count)
                ),
            ));
        }
        self.files
    }
}

/// The export's files from a ZIP, a folder or a single CSV, in the order they are read.
/// A file named alone must be readable; in a folder or ZIP, one that is not text is
/// set aside in `unread`.
pub fn read(path: &Path) -> Result<Export, ImportError> {
    let whole = |message: String| ImportError::file(path, message);
    let mut unread = Vec::new();
    let mut passed = PassedOver::default();
    let sources = if path.is_dir() {
        read_folder(path, &mut unread, &mut passed)?
    } else {
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        if size > MAX_FILE_BYTES && !is_zip(path) {
            check_unpacked_size(&path.display().to_string(), size, u64::MAX)?;
        }
        if let Some(kind) = crate::import::limited::not_regular(path) {
            return Err(whole(format!("is {kind}, not a file marquee can read")));
        }
        if is_zip(path) {
            // Read from the file entry by entry, never whole.
            let file =
                std::fs::File::open(path).map_err(|e| whole(format!("cannot be read: {e}")))?;
            read_zip(path, file, &mut unread, &mut passed)?
        } else {
            let bytes = crate::import::limited::read_file(path, MAX_FILE_BYTES).map_err(&whole)?;
            let text = utf8(&path.display().to_string(), bytes)?;
            let inner = single_file_name(path);
            refuse_alone(&inner).map_err(&whole)?;
            let kind = kind_of(&inner, &text, true)
                .map_err(&whole)?
                .ok_or_else(|| whole(not_an_export()))?;
            vec![Source {
                name: path.display().to_string(),
                kind,
                text,
                export: 0,
            }]
        }
    };
    if sources.is_empty() {
        if let Some(first) = unread.into_iter().next() {
            return Err(first);
        }
        return Err(whole(format!(
            "holds none of the export's files ({})",
            expected_files()
        )));
    }
    Ok(Export {
        sources,
        unread,
        passed_over: passed.done(),
    })
}

/// A file named alone that holds what marquee does not import is refused, saying what.
fn refuse_alone(inner: &str) -> Result<(), String> {
    if is_deleted(inner) {
        return Err(
            "holds entries you deleted on Letterboxd (the export's deleted/ folder): marquee \
             does not import them; import the export, or its own files"
                .to_string(),
        );
    }
    match not_kept(inner) {
        Some(what) => Err(format!("holds {what}: it is not imported")),
        None => Ok(()),
    }
}

/// The files of several exports, folders, ZIPs and CSVs as one export, in the order
/// they are read (profile first, lists last).
pub fn read_all(paths: &[std::path::PathBuf]) -> Result<Export, ImportError> {
    let mut all = Export::default();
    for (i, path) in paths.iter().enumerate() {
        let export = read(path)?;
        all.sources.extend(
            export
                .sources
                .into_iter()
                .map(|s| Source { export: i, ..s }),
        );
        all.unread.extend(export.unread);
        all.passed_over.extend(export.passed_over);
    }
    all.sources.sort_by_key(|source| source.kind);
    Ok(all)
}

/// Whether the file starts as a ZIP does.
fn is_zip(path: &Path) -> bool {
    let mut head = [0u8; 2];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head == b"PK"
}

fn not_an_export() -> String {
    format!(
        "is not a Letterboxd export: expected a ZIP, a folder, or one of {}",
        expected_files()
    )
}

fn expected_files() -> String {
    let mut names: Vec<&str> = NAMED.iter().map(|(n, _)| *n).collect();
    names.push("lists/NAME.csv");
    names.join(", ")
}

/// The name a lone CSV has within an export: `likes/films.csv` for `…/likes/films.csv`.
fn single_file_name(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    match path.parent().and_then(Path::file_name) {
        Some(folder) => format!("{}/{name}", folder.to_string_lossy()),
        None => name,
    }
}

fn read_folder(
    dir: &Path,
    unread: &mut Vec<ImportError>,
    passed: &mut PassedOver,
) -> Result<Vec<Source>, ImportError> {
    let mut found = BTreeMap::new();
    let mut paths = Vec::new();
    let mut total = 0u64;
    collect_csv(dir, dir, &mut paths)?;
    for (inner, path) in paths {
        let name = path.display().to_string();
        // A FIFO or a device among the files is no file of the export (and a FIFO
        // would wait forever for a writer): named, and the rest read.
        if let Some(kind) = crate::import::limited::not_regular(&path) {
            passed
                .files
                .push((name, format!("is {kind}, not a file of an export")));
            continue;
        }
        let text = || {
            crate::import::limited::read_file(&path, MAX_FILE_BYTES)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default()
        };
        if passed.take(&inner, &name, text) {
            continue;
        }
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        check_unpacked_size(&name, size, u64::MAX)?;
        check_total(dir, total.saturating_add(size))?;
        let bytes = crate::import::limited::read_file(&path, MAX_FILE_BYTES)
            .map_err(|e| ImportError::file(&path, e))?;
        total += bytes.len() as u64;
        check_total(dir, total)?;
        add(&mut found, inner, name, bytes, unread, passed)?;
    }
    Ok(found.into_values().collect())
}

/// The CSV files under `dir`, two folders deep at most, with their paths inside it.
fn collect_csv(
    root: &Path,
    dir: &Path,
    out: &mut Vec<(String, std::path::PathBuf)>,
) -> Result<(), ImportError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| ImportError::file(dir, format!("cannot read the folder: {e}")))?;
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let inner = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        // Two deep: `deleted/lists/` is counted with the rest of `deleted/`.
        if path.is_dir() && inner.matches('/').count() < 2 {
            collect_csv(root, &path, out)?;
        } else if inner.to_ascii_lowercase().ends_with(".csv") {
            out.push((inner, path));
        }
    }
    Ok(())
}

fn read_zip(
    path: &Path,
    file: std::fs::File,
    unread: &mut Vec<ImportError>,
    passed: &mut PassedOver,
) -> Result<Vec<Source>, ImportError> {
    let bad =
        |e: zip::result::ZipError| ImportError::file(path, format!("is not a readable ZIP: {e}"));
    let mut archive = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(bad)?;
    let names: Vec<String> = archive.file_names().map(str::to_string).collect();
    // An export zipped again by hand keeps its files in one folder: read from inside it.
    let prefix = common_folder(&names);
    let mut found = BTreeMap::new();
    let mut total = 0u64;
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).map_err(bad)?;
        let full = file.name().replace('\\', "/");
        let inner = full.strip_prefix(&prefix).unwrap_or(&full).to_string();
        if file.is_dir() || !inner.to_ascii_lowercase().ends_with(".csv") {
            continue;
        }
        let name = format!("{}:{full}", path.display());
        check_unpacked_size(&name, file.size(), file.compressed_size())?;
        // What the entry claims counts before it is read; what it holds, after.
        check_total(path, total.saturating_add(file.size()))?;
        let mut data = Vec::new();
        // Never more than the limits, whatever the entry claims.
        let room = (MAX_EXPORT_BYTES - total).min(MAX_FILE_BYTES);
        (&mut file)
            .take(room + 1)
            .read_to_end(&mut data)
            .map_err(|e| ImportError::file(path, format!("cannot unpack {inner}: {e}")))?;
        check_unpacked_size(&name, data.len() as u64, file.compressed_size())?;
        total += data.len() as u64;
        check_total(path, total)?;
        if passed.take(&inner, &name, || {
            String::from_utf8_lossy(&data).into_owned()
        }) {
            continue;
        }
        add(&mut found, inner, name, data, unread, passed)?;
    }
    Ok(found.into_values().collect())
}

/// The largest CSV an export may hold: a reviews.csv of tens of thousands of long
/// reviews is a few tens of megabytes.
pub const MAX_FILE_BYTES: u64 = 100 << 20;
/// The most all of an export's files may hold together, unpacked: several times the
/// largest real export, and what keeps an import within a few hundred megabytes.
const MAX_EXPORT_BYTES: u64 = 128 << 20;

/// Refuses an export whose files hold more than `MAX_EXPORT_BYTES` together.
fn check_total(path: &Path, total: u64) -> Result<(), ImportError> {
    if total > MAX_EXPORT_BYTES {
        return Err(ImportError::file(
            path,
            format!(
                "holds more than {} MB of CSV in all, more than any Letterboxd export; it is not read",
                MAX_EXPORT_BYTES >> 20
            ),
        ));
    }
    Ok(())
}

/// Text CSVs pack to a fifth or a tenth; far beyond that, an entry is built to blow up.
const MAX_RATIO: u64 = 200;

/// Refuses an entry too big to be a Letterboxd CSV, or packed far tighter than text packs.
fn check_unpacked_size(name: &str, size: u64, packed: u64) -> Result<(), ImportError> {
    let error = |message: String| ImportError {
        file: name.to_string(),
        line: None,
        message,
    };
    if size > MAX_FILE_BYTES {
        return Err(error(format!(
            "unpacks to more than {} MB, more than any Letterboxd export file; it is not read",
            MAX_FILE_BYTES >> 20
        )));
    }
    if size > 1 << 20 && size / packed.max(1) > MAX_RATIO {
        return Err(error(format!(
            "unpacks {} times its packed size (text packs to a fifth or so): a ZIP bomb? it is not read",
            size / packed.max(1)
        )));
    }
    Ok(())
}

/// `letterboxd-me-2026/` when every file of the ZIP is inside that one folder.
fn common_folder(names: &[String]) -> String {
    let folder = |n: &String| {
        n.replace('\\', "/")
            .split_once('/')
            .map(|(f, _)| f.to_string())
    };
    let Some(first) = names.first().and_then(folder) else {
        return String::new();
    };
    let export_folder = ["likes", "lists", "deleted", "orphaned"];
    if export_folder.contains(&first.to_ascii_lowercase().as_str())
        || names.iter().any(|n| folder(n).as_ref() != Some(&first))
    {
        return String::new();
    }
    format!("{first}/")
}

/// Adds a file found in a folder or ZIP, ordered for reading (profile first, lists last).
fn add(
    found: &mut BTreeMap<(Kind, String), Source>,
    inner: String,
    name: String,
    bytes: Vec<u8>,
    unread: &mut Vec<ImportError>,
    passed: &mut PassedOver,
) -> Result<(), ImportError> {
    let text = match utf8(&name, bytes) {
        Ok(text) => text,
        Err(e) => {
            unread.push(e);
            return Ok(());
        }
    };
    let kind = kind_of(&inner, &text, false).map_err(|message| ImportError {
        file: name.clone(),
        line: Some(1),
        message,
    })?;
    match kind {
        Some(kind) => {
            let source = Source {
                name,
                kind,
                text,
                export: 0,
            };
            found.insert((kind, inner), source);
        }
        None => {
            let why = by_header(&text).err().unwrap_or_default();
            passed.files.push((name, why));
        }
    }
    Ok(())
}

fn utf8(name: &str, bytes: Vec<u8>) -> Result<String, ImportError> {
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(ImportError {
            file: name.to_string(),
            line: None,
            message: format!(
                "is not a CSV file: it has a zero byte at offset {at} (a damaged copy?)"
            ),
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| ImportError {
        file: name.to_string(),
        line: None,
        message: format!(
            "is not UTF-8 text (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Which file this is: by its name inside the export (`diary.csv`, `lists/x.csv`), else
/// by its header. A file under another name whose header fits no file, or several, is
/// an error when the user named it (`alone`); in a folder or ZIP it is someone else's
/// file, and `Ok(None)`.
fn kind_of(inner: &str, text: &str, alone: bool) -> Result<Option<Kind>, String> {
    let inner = inner.to_ascii_lowercase();
    if inner.starts_with("lists/") || inner.contains("/lists/") {
        return Ok(Some(Kind::List));
    }
    let base = plain_name(&inner);
    for (name, kind) in NAMED {
        if base == name || (!name.contains('/') && base.rsplit('/').next() == Some(name)) {
            // `likes/films.csv` is a liked-films file; a top-level `films.csv` is not known.
            return Ok(Some(kind));
        }
    }
    if base.ends_with("likes/films.csv") {
        return Ok(Some(Kind::LikedFilms));
    }
    match by_header(text) {
        Ok(kind) => Ok(Some(kind)),
        Err(message) if alone => Err(message),
        Err(_) => Ok(None),
    }
}

/// `diary (1).csv` → `diary.csv`; `Diary-2.CSV` → `diary.csv`: names browsers and
/// people give a copy.
fn plain_name(lower: &str) -> String {
    let stem = lower.strip_suffix(".csv").unwrap_or(lower);
    let stem = stem.trim_end();
    let stem = match stem.rfind(['(', '-', ' ']) {
        Some(at) if at > 0 => {
            let tail = stem[at..].trim_matches(|c| c == '(' || c == ')' || c == '-' || c == ' ');
            if !tail.is_empty() && tail.bytes().all(|b| b.is_ascii_digit()) {
                stem[..at].trim_end()
            } else {
                stem
            }
        }
        _ => stem,
    };
    format!("{stem}.csv")
}

/// The file a header belongs to, or why none can be chosen.
fn by_header(text: &str) -> Result<Kind, String> {
    let first = text.lines().next().unwrap_or("");
    if first.starts_with("Letterboxd list export") {
        return Ok(Kind::List);
    }
    let columns: Vec<String> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(super::table::delimiter(first))
        .from_reader(first.as_bytes())
        .records()
        .next()
        .and_then(Result::ok)
        .map(|r| r.iter().map(super::table::canonical).collect())
        .unwrap_or_default();
    let has = |c: &str| columns.iter().any(|x| x == c);
    if has("date") && has("name") && has("tags") && has("url") && has("description") {
        return Ok(Kind::List);
    }
    // Letterboxd's own files have a Date; the import format (marquee's CSV export and
    // other tools') has none.
    if has("date") && has("review") {
        return Ok(Kind::Reviews);
    }
    if has("date") && has("watcheddate") {
        return Ok(Kind::Diary);
    }
    if has("date") && has("rating") {
        return Ok(Kind::Ratings);
    }
    let film = has("name") || has("title") || has("letterboxduri");
    if film
        && !has("date")
        && (has("rating") || has("review") || has("watcheddate") || has("title"))
    {
        return Ok(Kind::ImportFormat);
    }
    if has("username") {
        return Ok(Kind::Profile);
    }
    if (has("name") || has("title")) && has("letterboxduri") {
        return Err(format!(
            "has columns ({}) that are those of watched.csv, watchlist.csv and likes/films.csv alike; \
             name the file after the one it is",
            shown_header(first)
        ));
    }
    Err(format!(
        "is not a Letterboxd export file: its header ({}) is none of {}",
        shown_header(first),
        expected_files()
    ))
}

fn shown_header(first: &str) -> String {
    crate::text::sanitize_line(&crate::text::truncate(first.trim_end_matches('\r'), 120))
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_export_holding_more_than_any_export_is_refused_by_its_total() {
        let zip = Path::new("export.zip");
        assert!(check_total(zip, MAX_EXPORT_BYTES).is_ok());
        let error = check_total(zip, MAX_EXPORT_BYTES + 1)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("export.zip holds more than 128 MB of CSV in all"),
            "{error}"
        );
    }

    use super::*;

    #[test]
    fn copies_keep_their_names() {
        assert_eq!(plain_name("diary (1).csv"), "diary.csv");
        assert_eq!(plain_name("diary-2.csv"), "diary.csv");
        assert_eq!(plain_name("my-list.csv"), "my-list.csv");
        assert_eq!(plain_name("likes/films.csv"), "likes/films.csv");
    }

    #[test]
    fn files_are_known_by_name_then_by_header() {
        let shared = "Date,Name,Year,Letterboxd URI\n";
        assert_eq!(
            kind_of("watchlist.csv", shared, true),
            Ok(Some(Kind::Watchlist))
        );
        assert_eq!(
            kind_of("likes/films.csv", shared, true),
            Ok(Some(Kind::LikedFilms))
        );
        assert_eq!(
            kind_of("watched (2).csv", shared, true),
            Ok(Some(Kind::Watched))
        );
        let err = kind_of("films-i-saw.csv", shared, true).unwrap_err();
        assert!(
            err.contains("watched.csv, watchlist.csv and likes/films.csv"),
            "{err}"
        );
        let diary = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\r\n";
        assert_eq!(kind_of("export.csv", diary, true), Ok(Some(Kind::Diary)));
        let ours = "LetterboxdURI,Title,Year,Directors,Rating,WatchedDate,Rewatch,Tags,Review\n";
        assert_eq!(
            kind_of("marquee.csv", ours, true),
            Ok(Some(Kind::ImportFormat))
        );
        assert_eq!(
            kind_of("x.csv", "Letterboxd list export v7\n", true),
            Ok(Some(Kind::List))
        );
        assert!(kind_of("x.csv", "a,b,c\n", true).is_err());
        assert_eq!(kind_of("x.csv", "a,b,c\n", false), Ok(None));
    }
}
