//! Command-line arguments and what each invocation does.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Parser;

use crate::model::Film;
use crate::sample;
use crate::store::{Opened, Store};
use crate::tui::{self, app::App};

/// marquee: film reviews in your terminal. Browse a film's details, its rating histogram
/// and its reviews, kept offline in a local SQLite file.
#[derive(Debug, Parser)]
#[command(name = "marquee", version, about, long_about = None)]
pub struct Args {
    /// The database file [default: marquee.db in your data folder,
    /// ~/.local/share/marquee on Linux]. A new one starts with the sample film.
    #[arg(long, value_name = "PATH", env = "MARQUEE_DB")]
    pub db: Option<PathBuf>,

    /// Open this film, by title ("The Work", "Heat (1995)") or slug ("the-work").
    #[arg(long, value_name = "TITLE_OR_SLUG")]
    pub film: Option<String>,

    /// Leave the mouse alone, so the terminal can select text.
    #[arg(long)]
    pub no_mouse: bool,
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
    let path = match args.db {
        Some(path) => path,
        None => default_db_path()?,
    };
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!("marquee's browser needs a terminal: run it in one, not through a pipe");
    }
    let (mut store, opened) = Store::open(&path)?;
    if opened == Opened::Created {
        sample::seed(&mut store)
            .with_context(|| format!("cannot add the sample film to {}", path.display()))?;
    }
    let film = choose_film(&store, args.film.as_deref())?;
    // Remembering the last film is a convenience; a read-only file must still open.
    let _ = store.mark_viewed(film.id);
    let app = App::new(store, film)?;
    let exit = tui::run(
        app,
        &tui::Options {
            mouse: !args.no_mouse,
        },
    )?;
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
