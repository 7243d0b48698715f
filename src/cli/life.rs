//! The member's film life on the command line: `marquee diary`, `marquee watchlist` and
//! `marquee stats`, on the store's windowed queries.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use serde::Serialize;
use serde_json::Value;

use super::films::Format;
use super::table::{Column, Out, Role, Room, Table};
use crate::days::Days;
use crate::export::jsonl::{ReviewJson, rating_number};
use crate::model::Rating;
use crate::query::RatingFilter;
use crate::store::{DiaryQuery, Store};
use crate::text;

/// Years a diary or stats may ask for.
const YEARS: std::ops::RangeInclusive<i32> = 1874..=2200;

#[derive(Debug, Args)]
pub struct DiaryArgs {
    /// Only this year's logs.
    #[arg(long, value_name = "YEAR", value_parser = year)]
    pub year: Option<i32>,

    /// Only logs with exactly this rating: 0.5 to 5 in steps of 0.5 (4.5) or stars (★★★★½).
    #[arg(
        long,
        value_name = "STARS",
        value_parser = super::values::ratings(),
        hide_possible_values = true,
        conflicts_with_all = ["min_stars", "unrated"]
    )]
    pub stars: Option<Rating>,

    /// Only logs rated this or more.
    #[arg(
        long,
        value_name = "STARS",
        value_parser = super::values::ratings(),
        hide_possible_values = true,
        conflicts_with = "unrated"
    )]
    pub min_stars: Option<Rating>,

    /// Only logs without a rating.
    #[arg(long)]
    pub unrated: bool,

    /// How to print them.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct WatchlistArgs {
    #[command(subcommand)]
    pub change: Option<WatchlistChange>,

    /// How to print it.
    #[arg(long, value_enum, default_value_t = Format::Table, global = true)]
    pub format: Format,
}

#[derive(Debug, Subcommand)]
pub enum WatchlistChange {
    /// Put a film on the watchlist (by slug or title).
    Add {
        /// The film, by slug or title (ignoring case); "Title (Year)" picks one of several.
        film: String,
    },
    /// Take a film off the watchlist.
    Remove {
        /// The film, by slug or title (ignoring case); "Title (Year)" picks one of several.
        film: String,
    },
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// A year's numbers, month by month; without it, all time's, year by year.
    #[arg(long, value_name = "YEAR", value_parser = year)]
    pub year: Option<i32>,

    /// How to print them.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// `--year`: a year films could have been watched in.
fn year(text: &str) -> std::result::Result<i32, String> {
    match text.trim().parse::<i32>() {
        Ok(y) if YEARS.contains(&y) => Ok(y),
        Ok(y) => Err(format!(
            "{y} is not a year of films; give one from {} to {}",
            YEARS.start(),
            YEARS.end()
        )),
        Err(_) => Err(format!("{text:?} is not a year; give one like 2024")),
    }
}

/// Logs printed per trip to the store.
const PAGE: usize = 256;

pub fn diary(store: &Store, args: DiaryArgs, to: Out, days: &Days) -> Result<()> {
    let filter = match (args.stars, args.min_stars, args.unrated) {
        (Some(stars), _, _) => RatingFilter::Exactly(stars),
        (_, Some(min), _) => RatingFilter::AtLeast(min),
        (_, _, true) => RatingFilter::Unrated,
        _ => RatingFilter::All,
    };
    let query = DiaryQuery {
        year: args.year,
        filter,
        title: None,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let table = diary_table(to, days);
    if args.format == Format::Json {
        write!(out, "[")?;
    } else {
        writeln!(out, "{}", table.header())?;
    }
    let mut after = None;
    let mut first = true;
    loop {
        let page = store.diary_page(&query, after.as_ref(), PAGE)?;
        for log in &page {
            match args.format {
                Format::Json => {
                    let mut json = serde_json::to_value(ReviewJson::new(&log.entry, &log.film))?;
                    json["title"] = Value::from(log.film.title.as_str());
                    json["year"] = log.film.year.map_or(Value::Null, Value::from);
                    let separator = if first { "\n  " } else { ",\n  " };
                    write!(out, "{separator}{json}")?;
                }
                Format::Table => writeln!(out, "{}", table.row(&diary_cells(log, days)))?,
            }
            first = false;
        }
        match page.last() {
            Some(last) if page.len() == PAGE => after = Some(last.cursor()),
            _ => break,
        }
    }
    if args.format == Format::Json {
        writeln!(out, "{}]", if first { "" } else { "\n" })?;
    }
    out.flush()?;
    Ok(())
}

/// The diary table: at 80 columns the review is cut first, then the film's title. Logs
/// are read a page at a time, so the columns are as wide as a cell could be.
fn diary_table(to: Out, days: &Days) -> Table {
    let columns = vec![
        Column::fixed("DAY", days.width(), Role::Date),
        Column::fixed("STARS", 5, Role::Stars),
        Column::fixed("", 3, Role::Plain),
        Column::text("FILM", 40, 16, Role::Plain),
        Column::fixed("YEAR", 4, Role::Plain).right(),
        Column::text("REVIEW", 60, 20, Role::Muted),
    ];
    to.table(columns, &[Room::Cut(5), Room::Cut(3)])
}

/// `2024-05-01  ★★★★½  ♥↺✎  Heat  1995  Pacino, De Niro…`: a log's cells.
fn diary_cells(log: &crate::store::DiaryEntry, days: &Days) -> [String; 6] {
    let entry = &log.entry;
    let marks = format!(
        "{}{}{}",
        if entry.liked { "♥" } else { "" },
        if entry.rewatch { "↺" } else { "" },
        if entry.body.is_empty() { "" } else { "✎" }
    );
    [
        days.show(&log.day),
        entry.rating.map(Rating::stars).unwrap_or_default(),
        marks,
        text::sanitize_line(&log.film.title),
        log.film.year.map(|y| y.to_string()).unwrap_or_default(),
        text::sanitize_line(&entry.body),
    ]
}

#[derive(Serialize)]
struct WatchlistJson<'a> {
    slug: &'a str,
    title: &'a str,
    year: Option<i32>,
    added: &'a str,
}

pub fn watchlist(store: &mut Store, args: WatchlistArgs, to: Out, days: &Days) -> Result<()> {
    if let Some(change) = &args.change {
        let (film, on) = match change {
            WatchlistChange::Add { film } => (film, true),
            WatchlistChange::Remove { film } => (film, false),
        };
        let film = store.find_film(film)?;
        let changed = store.set_watchlist(film.id, on)?;
        let title = text::sanitize_line(&film.title_with_year());
        let said = match (on, changed) {
            (true, true) => format!("Put {title} on your watchlist."),
            (true, false) => format!("{title} was on your watchlist already."),
            (false, true) => format!("Took {title} off your watchlist."),
            (false, false) => bail!("{title} is not on your watchlist"),
        };
        eprintln!("{said}");
        return Ok(());
    }
    let films = store.watchlist()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => {
            let json: Vec<WatchlistJson> = films
                .iter()
                .map(|w| WatchlistJson {
                    slug: &w.film.slug,
                    title: &w.film.title,
                    year: w.film.year,
                    added: &w.added,
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &json)?;
            writeln!(out)?;
        }
        Format::Table => {
            let rows: Vec<[String; 4]> = films
                .iter()
                .map(|w| {
                    [
                        days.show(&w.added),
                        text::sanitize_line(&w.film.title),
                        w.film.year.map(|y| y.to_string()).unwrap_or_default(),
                        text::sanitize_line(&w.film.slug),
                    ]
                })
                .collect();
            let widest = |i: usize| rows.iter().map(|r| text::width(&r[i])).max().unwrap_or(0);
            let columns = vec![
                Column::fixed("ADDED", days.width(), Role::Date),
                Column::text("TITLE", widest(1).min(40), 16, Role::Plain),
                Column::fixed("YEAR", 4, Role::Plain).right(),
                Column::text("SLUG", widest(3), 12, Role::Muted),
            ];
            // At 80 columns the title is cut first, then the slug.
            let table = to.table(columns, &[Room::Cut(1), Room::Cut(3)]);
            writeln!(out, "{}", table.header())?;
            for row in &rows {
                writeln!(out, "{}", table.row(row))?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

#[derive(Serialize)]
struct StatsJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
    logs: u64,
    films: u64,
    reviews: u64,
    rewatches: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    per_month: Option<[u64; 12]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    per_year: Option<BTreeMap<String, u64>>,
    /// Logs per half star, ½ to 5, as `{"0.5": n, …, "5": n}`, plus `unrated`.
    ratings: BTreeMap<String, u64>,
    /// Minutes watched, over the logs of films whose runtime is known.
    minutes: u64,
    timed_logs: u64,
    directors: Vec<Counted>,
    genres: Vec<Counted>,
    decades: Vec<Counted>,
}

/// A director, a genre or a decade, and its logs.
#[derive(Serialize)]
struct Counted {
    name: String,
    logs: u64,
}

fn counted<T: ToString>(counts: &[(T, u64)]) -> Vec<Counted> {
    counts
        .iter()
        .map(|(name, logs)| Counted {
            name: name.to_string(),
            logs: *logs,
        })
        .collect()
}

pub fn stats(store: &Store, args: StatsArgs, to: Out) -> Result<()> {
    let stats = store.log_stats(args.year)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let rated = (1..=10u8).filter_map(Rating::from_half_stars);
    match args.format {
        Format::Json => {
            let mut ratings: BTreeMap<String, u64> = rated
                .clone()
                .map(|r| {
                    let key = rating_number(r).to_string();
                    (key, stats.ratings[usize::from(r.half_stars()) - 1])
                })
                .collect();
            ratings.insert("unrated".into(), stats.unrated);
            let json = StatsJson {
                year: args.year,
                logs: stats.logs,
                films: stats.films,
                reviews: stats.reviews,
                rewatches: stats.rewatches,
                per_month: args.year.map(|_| stats.per_month),
                per_year: args.year.is_none().then(|| {
                    stats
                        .per_year
                        .iter()
                        .map(|(y, n)| (y.to_string(), *n))
                        .collect()
                }),
                ratings,
                minutes: stats.minutes,
                timed_logs: stats.timed,
                directors: counted(&stats.directors),
                genres: counted(&stats.genres),
                decades: counted(
                    &stats
                        .decades
                        .iter()
                        .map(|(d, n)| (format!("{d}s"), *n))
                        .collect::<Vec<_>>(),
                ),
            };
            serde_json::to_writer_pretty(&mut out, &json)?;
            writeln!(out)?;
        }
        Format::Table => {
            for line in stats_lines(&stats, args.year, to) {
                writeln!(out, "{line}")?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// The numbers as lines: a heading, then a label and a count a line, cut to the width.
fn stats_lines(stats: &crate::store::LogStats, year: Option<i32>, to: Out) -> Vec<String> {
    let heading = |text: &str| to.line(text, Role::Title);
    let row = |label: &str, role: Role, n: u64| {
        let plain = format!("  {label}  {:>8}", text::count(n));
        match to.width.is_none_or(|w| text::width(&plain) <= w) {
            true => format!("  {}  {:>8}", to.paint.paint(role, label), text::count(n)),
            false => to.line(&plain, Role::Plain),
        }
    };
    let mut lines = vec![heading(
        &year.map_or("All time".to_string(), |y| y.to_string()),
    )];
    for (label, n) in [
        ("logs", stats.logs),
        ("films", stats.films),
        ("reviews", stats.reviews),
        ("rewatches", stats.rewatches),
    ] {
        lines.push(row(&format!("{label:<9}"), Role::Plain, n));
    }
    if stats.timed > 0 {
        lines.push(to.line(&hours_line(stats), Role::Plain));
    }
    lines.push(String::new());
    match year {
        Some(_) => {
            lines.push(heading("By month"));
            let months = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            for (month, n) in months.iter().zip(stats.per_month) {
                lines.push(row(month, Role::Date, n));
            }
        }
        None => {
            lines.push(heading("By year"));
            for (year, n) in &stats.per_year {
                lines.push(row(&year.to_string(), Role::Date, *n));
            }
        }
    }
    lines.push(String::new());
    lines.push(heading("Ratings"));
    for r in (1..=10u8).rev().filter_map(Rating::from_half_stars) {
        let n = stats.ratings[usize::from(r.half_stars()) - 1];
        lines.push(row(&format!("{:>5}", r.stars()), Role::Stars, n));
    }
    lines.push(row(&format!("{:>5}", "none"), Role::Plain, stats.unrated));
    for (heading_text, counts) in [
        ("Directors logged most", &stats.directors),
        ("Genres logged most", &stats.genres),
    ] {
        if counts.is_empty() {
            continue;
        }
        lines.push(String::new());
        lines.push(heading(heading_text));
        for (name, n) in counts.iter().take(5) {
            let name = text::truncate(&text::sanitize_line(name), 24);
            lines.push(row(&format!("{name:<24}"), Role::Plain, *n));
        }
    }
    if !stats.decades.is_empty() {
        lines.push(String::new());
        lines.push(heading("By decade"));
        for (decade, n) in &stats.decades {
            lines.push(row(&format!("{decade}s"), Role::Date, *n));
        }
    }
    lines
}

/// "132 hours" watched, over how many logs: what is known of runtimes.
fn hours_line(stats: &crate::store::LogStats) -> String {
    let hours = (stats.minutes + 30) / 60;
    let of = match stats.timed == stats.logs {
        true => String::new(),
        false => format!(
            " (the {} of {} logs whose runtime is known)",
            text::count(stats.timed),
            text::count(stats.logs)
        ),
    };
    format!("  hours      {:>8}{of}", text::count(hours))
}
