//! `marquee films`: every film with its counts, as a table or JSON.

use std::io::Write;

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;
use serde_json::Value;

use super::table::{Column, Out, Role, Room, Table};
use crate::model::{Film, FilmDetails, FilmStats, Marks};
use crate::store::Store;
use crate::text;

/// What the table's MARKS column says, under the table and in `films --help`.
pub const MARKS_LEGEND: &str = "MARKS: W watched · L on your watchlist · ♥ liked · a dot where not";

#[derive(Debug, Args)]
pub struct FilmsArgs {
    /// How to print them.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Only the films' slugs, one a line (what shell completion offers for a film).
    #[arg(long, conflicts_with = "format")]
    pub slugs: bool,

    /// Only the films `marquee import imdb` could not match: no IMDb title fits, or
    /// several fit equally (`marquee film SLUG --imdb tt…` sets one by hand).
    #[arg(long)]
    pub unmatched: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

#[derive(Serialize)]
struct FilmJson<'a> {
    slug: &'a str,
    title: &'a str,
    year: Option<i32>,
    directors: &'a [String],
    entries: u64,
    reviews: u64,
    ratings: u64,
    average: Option<Value>,
    /// The member's rating of the film, and the days they marked it.
    rating: Option<Value>,
    watched: Option<&'a str>,
    watchlist: Option<&'a str>,
    liked: Option<&'a str>,
    /// What Letterboxd pages told of it: minutes, genres, main cast, and Letterboxd's
    /// average and number of ratings.
    runtime: Option<u32>,
    genres: Vec<String>,
    cast: Vec<String>,
    letterboxd_average: Option<Value>,
    letterboxd_ratings: Option<u64>,
    /// The IMDb title and what it says (`marquee import imdb`), and how it was found.
    imdb: Option<String>,
    imdb_match: Option<String>,
    original_title: Option<String>,
    imdb_rating: Option<Value>,
    imdb_votes: Option<u64>,
    tmdb: Option<u64>,
}

pub fn run(store: &Store, args: FilmsArgs, to: Out) -> Result<()> {
    if args.slugs {
        return print_slugs(store);
    }
    let mut films = store.films_with_stats()?;
    if args.unmatched {
        let unmatched = store.films_unmatched_on_imdb()?;
        films.retain(|f| unmatched.contains(&f.film.id));
    }
    let marks = store.all_marks()?;
    let none = Marks::default();
    let marks_of = |film: &Film| marks.get(&film.id).unwrap_or(&none);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => {
            let mut list = Vec::new();
            for f in &films {
                let details = store.film_details(f.film.id)?;
                list.push(film_json(&f.film, &f.stats, marks_of(&f.film), details));
            }
            serde_json::to_writer_pretty(&mut out, &list)?;
            writeln!(out)?;
        }
        Format::Table => {
            let rows: Vec<[String; 8]> = films
                .iter()
                .map(|summary| {
                    let (film, stats) = (&summary.film, &summary.stats);
                    let marks = marks_of(film);
                    [
                        text::sanitize_line(&film.title),
                        film.year.map(|y| y.to_string()).unwrap_or_default(),
                        stats.average_text().unwrap_or_default(),
                        text::count(stats.entries()),
                        text::count(stats.reviews),
                        marks.rating.map(|r| r.stars()).unwrap_or_default(),
                        mark_letters(marks),
                        text::sanitize_line(&film.slug),
                    ]
                })
                .collect();
            let table = films_table(&rows, to);
            writeln!(out, "{}", table.header())?;
            for row in &rows {
                writeln!(out, "{}", table.row(row))?;
            }
            writeln!(out, "\n{}", to.line(MARKS_LEGEND, Role::Muted))?;
        }
    }
    out.flush()?;
    Ok(())
}

/// `--slugs`: every film's slug, a line each.
fn print_slugs(store: &Store) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for summary in store.films_with_stats()? {
        writeln!(out, "{}", text::sanitize_line(&summary.film.slug))?;
    }
    out.flush()?;
    Ok(())
}

/// The films table: as the width narrows, the counts of everyone's entries and reviews
/// go first, then the average; then long slugs are cut (down to 24), then the title.
fn films_table(rows: &[[String; 8]], to: Out) -> Table {
    let widest = |i: usize| rows.iter().map(|r| text::width(&r[i])).max().unwrap_or(0);
    let columns = vec![
        Column::text("TITLE", widest(0).min(40), 16, Role::Plain),
        Column::fixed("YEAR", widest(1), Role::Plain).right(),
        Column::fixed("AVG", widest(2), Role::Plain).right(),
        Column::fixed("ENTRIES", widest(3), Role::Plain).right(),
        Column::fixed("REVIEWS", widest(4), Role::Plain).right(),
        Column::fixed("YOURS", widest(5), Role::Stars),
        Column::fixed("MARKS", widest(6), Role::Muted),
        Column::text("SLUG", widest(7), 24, Role::Muted),
    ];
    let room = [
        Room::Drop(3),
        Room::Drop(4),
        Room::Drop(2),
        Room::Cut(7),
        Room::Cut(0),
    ];
    to.table(columns, &room)
}

/// "W L ♥"-style marks in a few columns: watched, on the watchlist, liked.
fn mark_letters(marks: &Marks) -> String {
    [
        (marks.watched.is_some(), 'W'),
        (marks.watchlist.is_some(), 'L'),
        (marks.liked.is_some(), '♥'),
    ]
    .iter()
    .map(|&(on, c)| if on { c } else { '·' })
    .collect()
}

fn film_json<'a>(
    film: &'a Film,
    stats: &FilmStats,
    marks: &'a Marks,
    details: FilmDetails,
) -> FilmJson<'a> {
    FilmJson {
        slug: &film.slug,
        title: &film.title,
        year: film.year,
        directors: &film.directors,
        entries: stats.entries(),
        reviews: stats.reviews,
        ratings: stats.ratings(),
        // Hundredths of a star, as the app shows it: 4.70 → 4.7.
        average: stats
            .average_centistars()
            .and_then(|c| serde_json::Number::from_f64(c as f64 / 100.0))
            .map(Value::Number),
        rating: marks.rating.map(crate::export::jsonl::rating_number),
        watched: marks.watched.as_deref(),
        watchlist: marks.watchlist.as_deref(),
        liked: marks.liked.as_deref(),
        runtime: details.runtime,
        genres: details.genres,
        cast: details.cast,
        letterboxd_average: details
            .letterboxd_average
            .and_then(|c| serde_json::Number::from_f64(f64::from(c) / 100.0))
            .map(Value::Number),
        letterboxd_ratings: details.letterboxd_ratings,
        imdb: details.imdb,
        imdb_match: details.from_imdb.how,
        original_title: details.from_imdb.original_title,
        // Tenths of IMDb's 10: 73 → 7.3.
        imdb_rating: details
            .from_imdb
            .rating
            .and_then(|t| serde_json::Number::from_f64(f64::from(t) / 10.0))
            .map(Value::Number),
        imdb_votes: details.from_imdb.votes,
        tmdb: details.tmdb,
    }
}
