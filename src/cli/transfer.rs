//! `marquee import` and `marquee export`: bringing data in, taking it back out.

use std::io::{BufReader, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand, ValueEnum};

use crate::config::Config;
use crate::export;
use crate::import::{self, page};
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A Letterboxd data export: the ZIP, its extracted folder, or CSVs from it; several
    /// (files, folders and ZIPs in any mix) come in as one import.
    Letterboxd {
        /// The export's ZIP, folder or CSVs.
        #[arg(required = true, num_args = 1..)]
        paths: Vec<PathBuf>,
    },
    /// Letterboxd pages saved from a browser: a film page, its review listings, a single
    /// review (HTML, or its text copied); files, folders of them, or "-" for standard input.
    Page {
        /// The pages (.html, .htm or .txt), folders of them, or "-".
        #[arg(required = true, num_args = 1..)]
        paths: Vec<PathBuf>,
    },
    /// IMDb's datasets, downloaded once from datasets.imdbws.com (title.basics.tsv.gz,
    /// title.crew, name.basics, title.ratings and, where given, title.akas; gzipped or
    /// not), or a folder of them: directors, runtime, genres and IMDb's rating for the
    /// films of the library, offline. Films are matched by the IMDb id a saved page gave
    /// (or `marquee film SLUG --imdb`), else by title and year, never by a guess.
    Imdb {
        /// IMDb's files, or a folder of them.
        #[arg(required = true, num_args = 1..)]
        paths: Vec<PathBuf>,
    },
    /// marquee's own JSONL export (from a file, or "-" for standard input).
    Jsonl {
        /// The JSONL file, or "-".
        path: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// jsonl is lossless (import it back with `marquee import jsonl`); csv is Letterboxd's
    /// import format, with your own entries, its texts byte for byte and not escaped for
    /// spreadsheets (see --spreadsheet-safe); markdown is a readable page per film.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,

    /// Only this film (slug or title).
    #[arg(long, value_name = "FILM")]
    pub film: Option<String>,

    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// With --format csv: your watchlist, as Letterboxd's watchlist.csv.
    #[arg(long, conflicts_with_all = ["list", "film"])]
    pub watchlist: bool,

    /// With --format csv: one of your lists (by name), as Letterboxd exports a list.
    #[arg(long, value_name = "NAME", conflicts_with = "film")]
    pub list: Option<String>,

    /// With --format csv: make the file safe to open in a spreadsheet. The CSV is
    /// Letterboxd's import format and keeps every text byte for byte, so a review that
    /// starts with = or + is a formula to Excel or LibreOffice; this puts a ' before
    /// every cell that starts with =, +, -, @, a tab or a carriage return.
    #[arg(long)]
    pub spreadsheet_safe: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Jsonl,
    Csv,
    Markdown,
}

/// Runs an import into the database at `db`, creating it (empty) when missing.
pub fn import(db: &Path, command: ImportCommand, config: &Config) -> Result<()> {
    if let ImportCommand::Imdb { paths } = &command {
        return import_imdb(db, paths);
    }
    // Check what can be checked before the database is touched or created.
    let label = match &command {
        ImportCommand::Jsonl { path } => {
            if path.as_os_str() != "-" && !path.exists() {
                bail!("{} does not exist", path.display());
            }
            if path.as_os_str() != "-"
                && let Some(kind) = import::limited::not_regular(path)
            {
                bail!("{} is {kind}, not a file marquee can read", path.display());
            }
            path.display().to_string()
        }
        ImportCommand::Letterboxd { paths }
        | ImportCommand::Page { paths }
        | ImportCommand::Imdb { paths } => {
            if let Some(missing) = paths.iter().find(|p| p.as_os_str() != "-" && !p.exists()) {
                bail!("{} does not exist", missing.display());
            }
            match paths.as_slice() {
                [one] => one.display().to_string(),
                _ => format!("{} paths", paths.len()),
            }
        }
    };
    let existed = db.exists();
    let summary = run_import(db, command, config, &label);
    if summary.is_err() && !existed {
        // What failed was rolled back: the database it created would be empty.
        remove_database(db);
    }
    let summary = summary?;
    // The import is committed: a reader that stopped early (| head) changes nothing.
    // Names of files, titles of pages: nothing of them acts on the terminal.
    let said = format!("Imported {label} into {}:\n{summary}", db.display());
    let _ = writeln!(std::io::stdout(), "{}", crate::text::sanitize(&said));
    if summary.unreadable > 0 {
        bail!(
            "{} of the pages could not be read (named above); the rest was imported",
            summary.unreadable
        );
    }
    Ok(())
}

fn run_import(
    db: &Path,
    command: ImportCommand,
    config: &Config,
    label: &str,
) -> Result<import::Summary> {
    Ok(match command {
        ImportCommand::Letterboxd { paths } => {
            let export = import::letterboxd::read_all(&paths)?;
            let history = import::letterboxd::check(&export.sources)?;
            let mut store = open_to_write(db)?;
            let author = config.author();
            let mut summary =
                import::letterboxd::write(&export.sources, &history, &mut store, &author)?;
            summary.warnings = export
                .unread
                .iter()
                .map(|e| format!("{e}; it was not read"))
                .collect();
            summary.passed_over = export.passed_over;
            summary
        }
        ImportCommand::Page { paths } => {
            let mut pages = Vec::new();
            let mut passed_over = Vec::new();
            let mut unreadable = Vec::new();
            for (file, in_folder) in page_files(&paths)? {
                let name = if file.as_os_str() == "-" {
                    "standard input".to_string()
                } else {
                    file.display().to_string()
                };
                // A FIFO or a device among the pages is none (a FIFO would wait forever).
                if in_folder && let Some(kind) = import::limited::not_regular(&file) {
                    passed_over.push((name, format!("is {kind}, not a saved page")));
                    continue;
                }
                let text = read_text(&file)?;
                match page::parse(&text) {
                    Ok(page) => pages.push((name, page)),
                    // A folder of saved pages may hold others (a list, a profile): the
                    // ones named are meant to be read, and one that can't be is an error;
                    // in a folder, one that can't be read is named and the rest read.
                    Err(e) if in_folder && e.other_kind => {
                        // What it is; the advice on what to save is said once, below.
                        let what = e.to_string();
                        let what = what.split(['(', ';']).next().unwrap_or(&what).trim_end();
                        let what = what.trim_end_matches(':').to_string();
                        passed_over.push((name, what));
                    }
                    Err(e) if in_folder => unreadable.push(format!("{name} {e}; it was not read")),
                    Err(e) => bail!("{name} {e}"),
                }
            }
            if pages.is_empty() {
                let named = passed_over
                    .iter()
                    .map(|(name, what)| format!("{name} {what}"));
                bail!(
                    "no film page, review listing or review among the pages: {}",
                    named.chain(unreadable).collect::<Vec<_>>().join("; ")
                );
            }
            let mut store = open_to_write(db)?;
            let written = page::write(&mut store, &pages)?;
            import::Summary {
                passed_over,
                unreadable: unreadable.len(),
                warnings: unreadable,
                ..page_summary(&written)
            }
        }
        // Read before: `import` hands it to `import_imdb`.
        ImportCommand::Imdb { .. } => unreachable!("IMDb's files are imported by import_imdb"),
        ImportCommand::Jsonl { path } => {
            let mut store = open_to_write(db)?;
            if path.as_os_str() == "-" {
                import::jsonl::import(std::io::stdin().lock(), "standard input", &mut store)?
            } else {
                let file = std::fs::File::open(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                // Progress by bytes read: the file is streamed, never counted first.
                let bar = import::progress_bytes(file.metadata().map_or(0, |m| m.len()));
                let input = BufReader::new(import::reading_with(&bar, file));
                let summary = import::jsonl::import(input, label, &mut store)?;
                bar.finish_and_clear();
                summary
            }
        }
    })
}

/// `marquee import imdb`: IMDb's details for the films of an existing library.
fn import_imdb(db: &Path, paths: &[PathBuf]) -> Result<()> {
    if let Some(missing) = paths.iter().find(|p| !p.exists()) {
        bail!("{} does not exist", missing.display());
    }
    if !db.exists() {
        bail!(
            "there is no marquee database at {}: bring your films in first (marquee import letterboxd EXPORT), then IMDb's details for them",
            db.display()
        );
    }
    let mut store = open_to_write(db)?;
    let summary = import::imdb::import(&mut store, paths)?;
    let said = format!(
        "Imported IMDb's datasets into {}:\n{}",
        db.display(),
        imdb_said(&summary)
    );
    let _ = writeln!(std::io::stdout(), "{}", crate::text::sanitize(&said));
    Ok(())
}

/// What an IMDb import says it did: the files, the films matched and how, the films not.
fn imdb_said(summary: &import::imdb::ImdbSummary) -> String {
    let n = |n: usize| crate::text::count(n as u64);
    let mut lines: Vec<String> = summary
        .files
        .iter()
        .map(|(name, rows)| {
            let s = if *rows == 1 { "" } else { "s" };
            format!("read {name}: {} row{s}", crate::text::count(*rows))
        })
        .collect();
    for (name, why) in &summary.passed_over {
        lines.push(format!("not imported: {name}: {why}"));
    }
    let matched = summary.by_id + summary.by_title;
    let mut films = format!(
        "{} films: {} matched ({} by the IMDb id a page gave or you set, {} by title and year)",
        n(summary.films),
        n(matched),
        n(summary.by_id),
        n(summary.by_title)
    );
    if summary.id_not_in_files > 0 {
        films.push_str(&format!(
            ", {} of them not in these files (a newer title than the files?)",
            n(summary.id_not_in_files)
        ));
    }
    lines.push(films);
    lines.push(format!(
        "{} with no IMDb title that fits, {} with several that fit equally (no guess)",
        n(summary.unmatched.len()),
        n(summary.ambiguous.len())
    ));
    lines.push(format!(
        "{} matched films changed (their IMDb title or details), {} unmatched ones noted so",
        n(summary.changed),
        n(summary.noted_unmatched)
    ));
    const SHOWN: usize = 20;
    let left: Vec<&String> = summary.unmatched.iter().chain(&summary.ambiguous).collect();
    for film in left.iter().take(SHOWN) {
        lines.push(format!("  not matched: {film}"));
    }
    if !left.is_empty() {
        lines.push(format!(
            "{}marquee films --unmatched lists them; marquee film SLUG --imdb tt… sets one by hand",
            if left.len() > SHOWN {
                format!("and {} more: ", n(left.len() - SHOWN))
            } else {
                String::new()
            }
        ));
    }
    lines.join("\n")
}

/// An export never replaces the database it reads, nor any other SQLite file.
fn refuse_overwriting_a_database(store: &Store, path: &Path) -> Result<()> {
    // Only a regular file is read first: a FIFO would wait for a writer forever.
    if !path.exists() || import::limited::not_regular(path).is_some() {
        return Ok(());
    }
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same(path, store.path()) {
        bail!(
            "{} is the database being exported; write the export to another file",
            path.display()
        );
    }
    let mut head = [0u8; 16];
    let is_sqlite = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok()
        && &head == b"SQLite format 3\0";
    if is_sqlite {
        bail!(
            "{} is an SQLite database; marquee won't overwrite it with an export",
            path.display()
        );
    }
    Ok(())
}

/// What a new file gets: read and write for the owner, read for the rest, less the
/// process's umask.
#[cfg(unix)]
fn usual_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: umask only swaps the process's mask; it is put back at once, and the CLI
    // creates no files on other threads meanwhile.
    let mask = unsafe {
        let mask = libc::umask(0o022);
        libc::umask(mask);
        mask
    };
    // mode_t is u32 here and u16 on macOS.
    #[allow(clippy::useless_conversion)]
    let mask = u32::from(mask);
    Some(std::fs::Permissions::from_mode(0o666 & !mask))
}

/// Elsewhere a new file's permissions are already the usual ones.
#[cfg(not(unix))]
fn usual_permissions() -> Option<std::fs::Permissions> {
    None
}

/// The list with this name (ignoring case); several of one name are told apart by a
/// number: "Favourites #2".
pub(super) fn find_list(store: &Store, name: &str) -> Result<crate::model::FilmList> {
    let lists = store.lists()?;
    let (wanted, nth) = match name.rsplit_once(" #") {
        Some((base, n)) if n.parse::<usize>().is_ok() => (base, n.parse::<usize>().unwrap_or(1)),
        _ => (name, 1),
    };
    let matching: Vec<_> = lists
        .iter()
        .filter(|l| l.name.eq_ignore_ascii_case(wanted.trim()))
        .collect();
    match matching.get(nth.saturating_sub(1)) {
        Some(list) if matching.len() == 1 || name != wanted => Ok((*list).clone()),
        Some(_) => bail!(
            "{} lists are called {:?}; name one as \"{} #2\" (1 to {})",
            matching.len(),
            crate::text::sanitize_line(wanted),
            crate::text::sanitize_line(wanted),
            matching.len()
        ),
        None => {
            let names: Vec<String> = lists
                .iter()
                .map(|l| format!("\n  {}", crate::text::sanitize_line(&l.name)))
                .collect();
            bail!(
                "no list is called {:?}; the lists are:{}",
                crate::text::sanitize_line(name),
                if names.is_empty() {
                    " (none)".to_string()
                } else {
                    names.concat()
                }
            )
        }
    }
}

/// The files to read: those named, and the pages in folders named (`NAME_files`
/// folders of saved pages hold the page's pictures and scripts, and are skipped).
/// Each with whether it was found in a folder.
fn page_files(paths: &[PathBuf]) -> Result<Vec<(PathBuf, bool)>> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push((path.clone(), false));
            continue;
        }
        let mut found: Vec<PathBuf> = std::fs::read_dir(path)
            .with_context(|| format!("cannot read the folder {}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                !p.is_dir()
                    && p.extension().is_some_and(|e| {
                        ["html", "htm", "txt"]
                            .contains(&e.to_string_lossy().to_lowercase().as_str())
                    })
            })
            .collect();
        if found.is_empty() {
            bail!(
                "{} holds no saved pages (.html, .htm or .txt)",
                path.display()
            );
        }
        found.sort();
        files.extend(found.into_iter().map(|file| (file, true)));
    }
    Ok(files)
}

/// What a page import did, in the words of an import's summary.
fn page_summary(written: &page::PageSummary) -> import::Summary {
    let entries = written.pages.iter().map(|p| p.added).sum();
    let files = written
        .pages
        .iter()
        .map(|p| {
            let mut outcomes = vec![
                (format!("added to {}", p.film), p.added),
                ("already there".to_string(), p.already),
            ];
            if p.unrated_in_text > 0 {
                outcomes.push((
                    "of them without a rating in the text (a copy leaves out the stars; save the page as HTML to keep them)".to_string(),
                    p.unrated_in_text,
                ));
            }
            if p.mended > 0 {
                outcomes.push((
                    "of them given the text the page shows (stored before with none)".to_string(),
                    p.mended,
                ));
            }
            if p.cut_short > 0 {
                outcomes.push((
                    "of them cut short on the page (the rest is on Letterboxd)".to_string(),
                    p.cut_short,
                ));
            }
            import::FileReport {
                name: p.name.clone(),
                rows: p.added + p.already,
                unit: "review",
                outcomes,
            }
        })
        .collect();
    import::Summary {
        films: written.films_added,
        entries,
        files,
        ..import::Summary::default()
    }
}

/// The database for an import, which waits for other writers as long as they write.
fn open_to_write(db: &Path) -> Result<Store> {
    let mut store = Store::open(db)?.0;
    store.wait_for_other_writers()?;
    Ok(store)
}

/// Removes a database file an import created and could not fill, with its journals.
fn remove_database(db: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// A saved page is a few megabytes at most; a file far bigger is not one.
const MAX_PAGE_BYTES: u64 = 64 << 20;

fn read_text(path: &Path) -> Result<String> {
    use crate::import::limited;
    let (name, bytes) = if path.as_os_str() == "-" {
        let read = limited::read_at_most(std::io::stdin().lock(), MAX_PAGE_BYTES);
        ("standard input".to_string(), read)
    } else {
        (
            path.display().to_string(),
            limited::read_file(path, MAX_PAGE_BYTES),
        )
    };
    let bytes = bytes.map_err(|e| match e.strip_prefix("holds more than ") {
        Some(limit) => anyhow::anyhow!("{name} holds more than {limit}, more than any saved page"),
        None => anyhow::anyhow!("{name} {e}"),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{name} is not UTF-8 text (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Writes an export to standard output or, through a temporary file renamed at the end,
/// to the file asked for: a failed export never leaves half a file.
pub fn export(store: &Store, args: ExportArgs) -> Result<()> {
    let only = match &args.film {
        Some(query) => Some(store.find_film(query)?),
        None => None,
    };
    let films = export::films(store, only.as_ref())?;
    if (args.watchlist || args.list.is_some()) && args.format != Format::Csv {
        bail!("--watchlist and --list go with --format csv (JSONL has them already)");
    }
    if args.spreadsheet_safe && args.format != Format::Csv {
        bail!("--spreadsheet-safe goes with --format csv");
    }
    let safe = args.spreadsheet_safe;
    let list = match &args.list {
        Some(name) => Some(find_list(store, name)?),
        None => None,
    };
    let write = |out: &mut dyn Write| -> Result<u64> {
        match (args.format, &list) {
            (Format::Csv, Some(list)) => export::csv::write_list(store, list, out, safe),
            (Format::Csv, None) if args.watchlist => {
                export::csv::write_watchlist(store, &films, out, safe)
            }
            (Format::Jsonl, _) => export::jsonl::write(store, &films, out),
            (Format::Csv, None) => export::csv::write(store, &films, out, safe),
            (Format::Markdown, _) => export::markdown::write(store, &films, out),
        }
    };
    match &args.output {
        None => {
            let stdout = std::io::stdout();
            let terminal = stdout.is_terminal();
            let lock = std::io::BufWriter::new(stdout.lock());
            // To a terminal, a text another program stored can't act on it.
            let mut out = super::screen_out::ScreenOut::new(lock, terminal);
            write(&mut out)?;
            out.flush()?;
        }
        Some(asked) => {
            refuse_overwriting_a_database(store, asked)?;
            // A device, a FIFO or a pipe (`/dev/null`, `/dev/stdout`) is written as it
            // is, never replaced by a file.
            if import::limited::not_regular(asked).is_some() {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(asked)
                    .with_context(|| format!("cannot write {}", asked.display()))?;
                let mut out = std::io::BufWriter::new(file);
                write(&mut out)?;
                out.flush()?;
                return Ok(());
            }
            // A symlink to a file: the file it names is replaced, the link stays.
            let target = std::fs::canonicalize(asked).ok();
            let path = target.as_deref().unwrap_or(asked);
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let mut file = tempfile::NamedTempFile::new_in(dir)
                .with_context(|| format!("cannot write in {}", dir.display()))?;
            let count = {
                let mut out = std::io::BufWriter::new(file.as_file_mut());
                let count = write(&mut out)?;
                out.flush()?;
                count
            };
            // A temporary file is private (0600); the export gets the file's own
            // permissions when it replaces one, else the usual ones.
            let mode = std::fs::metadata(path).map(|m| m.permissions()).ok();
            let file = file
                .persist(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            if let Some(mode) = mode.or_else(usual_permissions) {
                file.set_permissions(mode)
                    .with_context(|| format!("cannot set the permissions of {}", path.display()))?;
            }
            if std::io::stderr().is_terminal() {
                eprintln!(
                    "Wrote {} films and {} entries to {}.",
                    crate::text::count(films.len() as u64),
                    crate::text::count(count),
                    crate::text::sanitize_line(&path.display().to_string())
                );
            }
        }
    }
    Ok(())
}
