//! Command-line arguments and what each invocation does.

mod completions;
mod film;
mod films;
mod life;
mod lists;
mod log;
mod man;
mod reviews;
mod screen_out;
mod settings;
mod table;
mod transfer;
mod values;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use crate::config::{self, Config};
use crate::model::Film;
use crate::sample;
use crate::store::{Opened, Store};
use crate::tui::{self, app::App};

/// The heading of the options every command takes, apart from each command's own.
const GLOBAL: &str = "Global options";

/// marquee: film reviews in your terminal. Without a command it opens the browser on the
/// film you viewed last (at first, the sample film).
#[derive(Debug, Parser)]
#[command(name = "marquee", version, about, long_about = None)]
pub struct Args {
    /// The database file [default: marquee.db in your data folder,
    /// ~/.local/share/marquee on Linux].
    #[arg(
        long,
        value_name = "PATH",
        env = "MARQUEE_DB",
        global = true,
        help_heading = GLOBAL
    )]
    pub db: Option<PathBuf>,

    /// The config file [default: config.toml in your config folder,
    /// ~/.config/marquee on Linux].
    #[arg(
        long,
        value_name = "PATH",
        env = "MARQUEE_CONFIG",
        global = true,
        help_heading = GLOBAL
    )]
    pub config: Option<PathBuf>,

    /// Start with the default settings, ignoring the config file.
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub no_config: bool,

    /// Colour in command output: auto colours only a terminal (and never with NO_COLOR).
    #[arg(
        long,
        value_enum,
        default_value_t = ColorChoice::Auto,
        global = true,
        help_heading = GLOBAL
    )]
    pub color: ColorChoice,

    /// Print tables at full width, cutting nothing (they fit the terminal otherwise, or
    /// COLUMNS on a pipe, or 80 columns).
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub wide: bool,

    /// Open this film, by title ("The Work", "Heat (1995)") or slug ("the-work").
    #[arg(long, value_name = "TITLE_OR_SLUG")]
    pub film: Option<String>,

    /// Leave the mouse alone, so the terminal can select text.
    #[arg(long)]
    pub no_mouse: bool,

    /// Read without writing anything to the database.
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub read_only: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Whether NO_COLOR asks for no colour (any non-empty value).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

impl ColorChoice {
    /// Whether command output to standard output gets colour.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color() && std::io::stdout().is_terminal(),
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// The command whose page to print (log, reviews…); without it, marquee(1).
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,

    /// Write every page beside marquee, in ../share/man/man1 of the folder it is in,
    /// where man finds the pages of a program on PATH with nothing else set.
    #[arg(long, conflicts_with_all = ["command", "dir"])]
    pub install: bool,

    /// Write every page into this folder (NAME.1), instead of printing one.
    #[arg(long, value_name = "FOLDER", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add an entry to a film: a rating, a review, or both.
    Log(log::LogArgs),
    /// Print a film's reviews, filtered, sorted and searched.
    Reviews(reviews::ReviewsArgs),
    /// One film's details; --imdb sets its IMDb title by hand.
    Film(film::FilmArgs),
    /// List the films in the database, with your rating and marks.
    #[command(after_help = films::MARKS_LEGEND)]
    Films(films::FilmsArgs),
    /// Your lists, made in the app or brought in from a Letterboxd export, each with its
    /// films in order.
    Lists(lists::ListsArgs),
    /// Your diary: every log of yours, newest first, by the day watched.
    Diary(life::DiaryArgs),
    /// Your watchlist, or put a film on it or take one off.
    Watchlist(life::WatchlistArgs),
    /// Your numbers: logs, films, reviews, rewatches, by month or year, by rating.
    Stats(life::StatsArgs),
    /// Check the database: SQLite's integrity, the search index and the counts. Prints
    /// "ok", or each problem and exits 1.
    Check {
        /// Rebuild what is derived from the reviews (search index, counts, indexes), then
        /// check again.
        #[arg(long)]
        repair: bool,
    },
    /// Bring in a Letterboxd export, a copied film page, or marquee's JSONL.
    #[command(subcommand)]
    Import(transfer::ImportCommand),
    /// Take your data out: JSONL (lossless), Letterboxd CSV, or Markdown.
    Export(transfer::ExportArgs),
    /// Where the config file is, what it sets, or a fresh commented one.
    #[command(subcommand)]
    Config(settings::ConfigCommand),
    /// Shell completions: marquee completions bash > ~/.local/share/bash-completion/completions/marquee
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// The manual: a page per command (marquee-log(1), …); --install puts them where man
    /// finds them.
    Man(ManArgs),
}

/// Where the database lives when `--db` and `MARQUEE_DB` are not given.
pub fn default_db_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "marquee").context(
        "cannot find your home folder to keep the database in; name a file with --db PATH",
    )?;
    Ok(dirs.data_dir().join("marquee.db"))
}

/// Runs what the arguments ask for; the result is the process's exit status.
pub fn run(args: Args) -> Result<u8> {
    let db = match &args.db {
        Some(path) => path.clone(),
        None => default_db_path()?,
    };
    // Generated into memory, then written: generators panic when a write fails, and a
    // reader that went away (`| true`) must end marquee quietly.
    if let Some(Command::Completions { shell }) = &args.command {
        std::io::Write::write_all(&mut std::io::stdout(), &completions::script(*shell))?;
        return Ok(0);
    }
    if let Some(Command::Man(wanted)) = &args.command {
        return manual(wanted).map(|()| 0);
    }
    let config_path = args.config.clone().or_else(config::default_path);
    if let Some(Command::Config(what)) = &args.command {
        let from = settings::Sources {
            db: &db,
            db_from_env: args.db.is_some() && std::env::var_os("MARQUEE_DB").is_some(),
            config_from_env: std::env::var_os("MARQUEE_CONFIG").is_some(),
            no_color: no_color(),
        };
        return settings::run(what, config_path.as_deref(), args.no_config, &from).map(|()| 0);
    }
    let mut config = match (&config_path, args.no_config) {
        (Some(path), false) => Config::load(path)?,
        _ => Config::default(),
    };
    if no_color() {
        config = config.without_color();
    }
    run_command(args, &db, config).map_err(|error| name_the_database(error, &db))
}

/// `marquee man`: one page printed, or every page written where asked.
fn manual(wanted: &ManArgs) -> Result<()> {
    let folder = match (&wanted.dir, wanted.install) {
        (Some(dir), _) => dir.clone(),
        (None, true) => man::beside_the_program()?,
        (None, false) => {
            let page = man::page(wanted.command.as_deref())?;
            std::io::Write::write_all(&mut std::io::stdout(), page.text.as_bytes())?;
            return Ok(());
        }
    };
    let written = man::install(&folder)?;
    eprintln!(
        "Wrote {} pages into {}: man marquee, man marquee-log…",
        written.len(),
        folder.display()
    );
    Ok(())
}

/// A database error that doesn't say which file gets the file's name.
fn name_the_database(error: anyhow::Error, db: &Path) -> anyhow::Error {
    match error.downcast_ref::<crate::store::StoreError>() {
        Some(crate::store::StoreError::Sql(_)) => {
            error.context(format!("in the database {}", db.display()))
        }
        _ => error,
    }
}

fn run_command(args: Args, db: &Path, config: Config) -> Result<u8> {
    // Days in tables as the user writes them (`date_format`).
    let days = crate::days::Days::new(&config.date_format);
    let out = table::Out {
        width: table::width(args.wide),
        paint: table::Paint {
            on: args.color.enabled(),
        },
    };
    match args.command {
        Some(Command::Log(_) | Command::Import(_)) if args.read_only => {
            Err(crate::store::StoreError::ReadOnly.into())
        }
        Some(Command::Watchlist(w)) if w.change.is_some() && args.read_only => {
            Err(crate::store::StoreError::ReadOnly.into())
        }
        Some(Command::Log(log)) => {
            let mut store = open_existing(db, false)?;
            store.wait_for_other_writers()?;
            log::run(store, log, &config).map(|()| 0)
        }
        Some(Command::Reviews(reviews)) => {
            reviews::run(&open_to_read(db, args.read_only)?, reviews, out, &days).map(|()| 0)
        }
        Some(Command::Film(film)) if film::writes(&film) => {
            if args.read_only {
                return Err(crate::store::StoreError::ReadOnly.into());
            }
            let mut store = open_existing(db, false)?;
            store.wait_for_other_writers()?;
            film::run(&mut store, film, out).map(|()| 0)
        }
        Some(Command::Film(film)) => {
            film::run(&mut open_to_read(db, args.read_only)?, film, out).map(|()| 0)
        }
        Some(Command::Films(films)) => {
            films::run(&open_to_read(db, args.read_only)?, films, out).map(|()| 0)
        }
        Some(Command::Lists(lists)) => {
            lists::run(&open_to_read(db, args.read_only)?, lists, out).map(|()| 0)
        }
        Some(Command::Diary(diary)) => {
            life::diary(&open_to_read(db, args.read_only)?, diary, out, &days).map(|()| 0)
        }
        Some(Command::Stats(stats)) => {
            life::stats(&open_to_read(db, args.read_only)?, stats, out).map(|()| 0)
        }
        Some(Command::Watchlist(watchlist)) if watchlist.change.is_none() => life::watchlist(
            &mut open_to_read(db, args.read_only)?,
            watchlist,
            out,
            &days,
        )
        .map(|()| 0),
        Some(Command::Watchlist(watchlist)) => {
            let mut store = open_existing(db, false)?;
            store.wait_for_other_writers()?;
            life::watchlist(&mut store, watchlist, out, &days).map(|()| 0)
        }
        Some(Command::Import(what)) => transfer::import(db, what, &config).map(|()| 0),
        Some(Command::Check { repair }) => check(db, repair, args.read_only),
        Some(Command::Export(export)) => {
            transfer::export(&open_to_read(db, args.read_only)?, export).map(|()| 0)
        }
        None => browse(db, &args, config),
        // Answered before a database or config is needed.
        Some(Command::Config(_) | Command::Completions { .. } | Command::Man(_)) => Ok(0),
    }
}

/// Opens a database that must already exist: commands for scripts never create one.
fn open_existing(path: &Path, read_only: bool) -> Result<Store> {
    if !path.exists() {
        bail!(
            "there is no marquee database at {}; start marquee once to create it, or name one with --db",
            path.display()
        );
    }
    if read_only {
        return Ok(Store::open_read_only(path)?);
    }
    Ok(Store::open(path)?.0)
}

/// `marquee check [--repair]`.
fn check(db: &Path, repair: bool, read_only: bool) -> Result<u8> {
    use std::io::Write;
    if repair && read_only {
        return Err(crate::store::StoreError::ReadOnly.into());
    }
    // The search index's own check is a statement that writes (though it changes
    // nothing), so a check needs a writable connection; with --read-only the rest is
    // checked.
    let mut out = std::io::stdout().lock();
    let opened = match open_existing(db, read_only) {
        // A copy restored from `.dump` is made marquee's again by a repair.
        Err(error)
            if repair
                && matches!(
                    error.downcast_ref::<crate::store::StoreError>(),
                    Some(crate::store::StoreError::Unmarked { .. })
                ) =>
        {
            let store = Store::adopt(db)?;
            writeln!(
                out,
                "marked {} as a marquee database again (its copy had lost the mark)",
                crate::text::sanitize_line(&db.display().to_string())
            )?;
            Ok(store)
        }
        other => other,
    };
    let mut store = match opened {
        Ok(store) => store,
        Err(error) if error.to_string().contains("malformed") => {
            writeln!(out, "SQLite: {error}: the file can't even be opened")?;
            writeln!(out, "{}", damaged_hint(db))?;
            return Ok(1);
        }
        Err(error) => return Err(error),
    };
    if repair {
        store.wait_for_other_writers()?;
        for done in store.repair()? {
            writeln!(out, "{}", crate::text::sanitize_line(&done))?;
        }
    }
    let (notes, problems): (Vec<String>, Vec<String>) = store
        .check()?
        .into_iter()
        .partition(|p| p.starts_with("the search index was not checked"));
    for note in &notes {
        writeln!(out, "{note}")?;
    }
    if problems.is_empty() {
        writeln!(out, "{}", if repair { "repaired; ok" } else { "ok" })?;
        return Ok(0);
    }
    for problem in &problems {
        writeln!(out, "{}", crate::text::sanitize_line(problem))?;
    }
    if !repair {
        writeln!(out, "{}", damaged_hint(db))?;
    }
    Ok(1)
}

fn damaged_hint(db: &Path) -> String {
    format!(
        "marquee check --repair makes what is missing of marquee's again, gives rows without a film a film and rebuilds the search index and the counts; damage SQLite reports needs a backup, or `sqlite3 {} .recover`",
        db.display()
    )
}

/// Opens a database for a command that only reads: without writing a byte (no WAL
/// switch, no schema change), unless it is a marquee database of an older schema, which
/// is brought up to date first (with `--read-only`, it is refused instead), or its search
/// index has yet to take in entries another program wrote (with `--read-only`, they are
/// searched as the index stands).
fn open_to_read(path: &Path, strictly: bool) -> Result<Store> {
    if !path.exists() {
        return open_existing(path, true);
    }
    match Store::open_read_only(path) {
        Err(crate::store::StoreError::NeedsUpgrade { .. }) if !strictly => Ok(Store::open(path)?.0),
        Ok(store) if !strictly && store.is_behind()? => {
            drop(store);
            let store = Store::open(path)?.0;
            store.update_search_index()?;
            store.update_title_keys()?;
            Ok(store)
        }
        other => Ok(other?),
    }
}

/// The browser: opens (creating and seeding when new) the database and runs the TUI.
fn browse(path: &Path, args: &Args, mut config: Config) -> Result<u8> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!("marquee's browser needs a terminal: run it in one, not through a pipe");
    }
    let store = if args.read_only {
        open_existing(path, true)?
    } else {
        let (mut store, opened) = Store::open(path)?;
        if opened == Opened::Created {
            sample::seed(&mut store)
                .with_context(|| format!("cannot add the sample film to {}", path.display()))?;
        }
        store
    };
    // In the colours this terminal says it has.
    config.theme = config
        .theme
        .for_depth(tui::runtime::color_depth::ColorDepth::detect());
    let mouse = config.mouse && !args.no_mouse;
    let film = choose_film(&store, args.film.as_deref())?;
    // Remembering the last film is a convenience; a read-only file must still open.
    let _ = store.mark_viewed(film.id);
    let app = App::new(store, film, &config)?;
    let exit = tui::run(app, &tui::Options { mouse })?;
    Ok(match exit {
        tui::Exit::Quit => 0,
        tui::Exit::Signal(signal) => u8::try_from(128 + signal).unwrap_or(1),
    })
}

fn choose_film(store: &Store, wanted: Option<&str>) -> Result<Film> {
    match wanted {
        Some(query) => Ok(store.find_film(query)?),
        None => store.default_film()?.with_context(|| {
            format!(
                "{} has no films yet; delete it to start again with the sample film",
                store.path().display()
            )
        }),
    }
}
