//! `marquee film FILM`: one film's details, as the app's details show them; with
//! `--imdb tt…`, its IMDb title set by hand, which no import changes.

use anyhow::{Result, bail};
use clap::Args;

use super::table::{Out, Role};
use crate::import::imdb::matching::{tconst_number, tconst_text};
use crate::store::Store;
use crate::text;

#[derive(Debug, Args)]
pub struct FilmArgs {
    /// The film, by slug or title (ignoring case); "Title (Year)" picks one of several.
    pub film: String,

    /// Set the film's IMDb title by hand (tt0113277, or its address on imdb.com): imports
    /// keep it, and `marquee import imdb` fills the film's details from it. "none" takes
    /// it away.
    #[arg(long, value_name = "ID")]
    pub imdb: Option<String>,
}

/// What `--imdb` names: an IMDb title, or none.
fn imdb_wanted(text: &str) -> Result<Option<String>> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    let id = text
        .split('/')
        .find(|part| part.starts_with("tt"))
        .unwrap_or(text);
    match tconst_number(id) {
        Some(n) => Ok(Some(tconst_text(n))),
        None => bail!(
            "--imdb {:?} is no IMDb title: write its id (tt0113277), its address, or none",
            text::sanitize_line(text)
        ),
    }
}

/// Whether `--imdb` asks for a write.
pub fn writes(args: &FilmArgs) -> bool {
    args.imdb.is_some()
}

pub fn run(store: &mut Store, args: FilmArgs, to: Out) -> Result<()> {
    let film = store.find_film(&args.film)?;
    if let Some(wanted) = &args.imdb {
        let imdb = imdb_wanted(wanted)?;
        let changed = store.set_imdb_by_hand(film.id, imdb.as_deref())?;
        let title = text::sanitize_line(&film.title_with_year());
        let said = match (&imdb, changed) {
            (Some(id), true) => format!(
                "{title} is IMDb's {id} now, set by hand: imports keep it, and marquee import imdb fills in its details."
            ),
            (Some(id), false) => format!("{title} was IMDb's {id} already."),
            (None, _) => format!("{title} has no IMDb title set by hand now."),
        };
        eprintln!("{said}");
    }
    for line in details(store, film.id)? {
        println!("{}", to.line(&line.0, line.1));
    }
    Ok(())
}

/// The film's details, a line each: what the film pane shows, and where IMDb's came from.
fn details(store: &Store, film_id: i64) -> Result<Vec<(String, Role)>> {
    let film = store
        .film(film_id)?
        .ok_or_else(|| anyhow::anyhow!("the film went while it was read"))?;
    let details = store.film_details(film_id)?;
    let clean = |s: &str| text::sanitize_line(s);
    let mut lines = vec![(clean(&film.title_with_year()), Role::Title)];
    let mut add = |label: &str, value: String| {
        if !value.is_empty() {
            lines.push((format!("{label:<16}{value}"), Role::Plain));
        }
    };
    add("slug", clean(&film.slug));
    let imdb = &details.from_imdb;
    if let Some(original) = &imdb.original_title
        && original != &film.title
    {
        add("original title", clean(original));
    }
    add("directed by", clean(&film.directors.join(", ")));
    add(
        "runtime",
        details
            .runtime
            .map(|m| format!("{m} min"))
            .unwrap_or_default(),
    );
    add("genres", clean(&details.genres.join(", ")));
    if let (Some(rating), Some(votes)) = (imdb.rating, imdb.votes) {
        add(
            "IMDb rating",
            format!(
                "{}.{} / 10 ({} votes)",
                rating / 10,
                rating % 10,
                text::count(votes)
            ),
        );
    }
    let how = match imdb.how.as_deref() {
        Some("page") => "from a saved Letterboxd page",
        Some("hand") => "set by hand",
        Some("title") => "matched by title and year",
        _ => "",
    };
    match (&details.imdb, imdb.how.as_deref()) {
        (Some(id), _) => add("IMDb", format!("{id} ({how})")),
        (None, Some("none")) => add("IMDb", "no title in IMDb's files fits".into()),
        (None, Some("ambiguous")) => add(
            "IMDb",
            "several titles fit equally: set one with --imdb".into(),
        ),
        _ => {}
    }
    if let Some(tmdb) = details.tmdb {
        add("TMDB", tmdb.to_string());
    }
    Ok(lines)
}
