//! `marquee films`: every film with its counts, as a table or JSON.

use std::io::Write;

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;
use serde_json::Value;

use crate::model::{Film, FilmStats};
use crate::store::Store;
use crate::text;

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
}

pub fn run(store: &Store, args: FilmsArgs) -> Result<()> {
    let films = store.films_with_stats()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => {
            let list: Vec<FilmJson> = films.iter().map(|f| film_json(&f.film, &f.stats)).collect();
            serde_json::to_writer_pretty(&mut out, &list)?;
            writeln!(out)?;
        }
        Format::Table => {
            writeln!(
                out,
                "{:<32}  {:>4}  {:>5}  {:>7}  {:>7}  SLUG",
                "TITLE", "YEAR", "AVG", "ENTRIES", "REVIEWS"
            )?;
            for summary in &films {
                let (film, stats) = (&summary.film, &summary.stats);
                let title = text::truncate(&text::sanitize_line(&film.title), 32);
                let pad = 32usize.saturating_sub(text::width(&title));
                writeln!(
                    out,
                    "{title}{}  {:>4}  {:>5}  {:>7}  {:>7}  {}",
                    " ".repeat(pad),
                    film.year.map(|y| y.to_string()).unwrap_or_default(),
                    stats.average_text().unwrap_or_default(),
                    stats.entries(),
                    stats.reviews,
                    text::sanitize_line(&film.slug),
                )?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn film_json<'a>(film: &'a Film, stats: &FilmStats) -> FilmJson<'a> {
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
    }
}
