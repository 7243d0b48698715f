//! `marquee films`: every film with its counts, as a table or JSON.

use std::io::Write;

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;
use serde_json::Value;

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
}

pub fn run(store: &Store, args: FilmsArgs) -> Result<()> {
    let films = store.films_with_stats()?;
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
            writeln!(
                out,
                "{:<32}  {:>4}  {:>5}  {:>7}  {:>7}  {:<6}  {:<5}  SLUG",
                "TITLE", "YEAR", "AVG", "ENTRIES", "REVIEWS", "YOURS", "MARKS"
            )?;
            for summary in &films {
                let (film, stats) = (&summary.film, &summary.stats);
                let title = text::truncate(&text::sanitize_line(&film.title), 32);
                let pad = 32usize.saturating_sub(text::width(&title));
                let marks = marks_of(film);
                let stars = marks.rating.map(|r| r.stars()).unwrap_or_default();
                let stars_pad = 6usize.saturating_sub(text::width(&stars));
                writeln!(
                    out,
                    "{title}{}  {:>4}  {:>5}  {:>7}  {:>7}  {stars}{}  {:<5}  {}",
                    " ".repeat(pad),
                    film.year.map(|y| y.to_string()).unwrap_or_default(),
                    stats.average_text().unwrap_or_default(),
                    text::count(stats.entries()),
                    text::count(stats.reviews),
                    " ".repeat(stars_pad),
                    mark_letters(marks),
                    text::sanitize_line(&film.slug),
                )?;
            }
            writeln!(out, "\n{MARKS_LEGEND}")?;
        }
    }
    out.flush()?;
    Ok(())
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
    }
}
