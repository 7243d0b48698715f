//! `marquee reviews`: print a film's reviews as a table, JSON or JSON lines.

use std::io::{IsTerminal, Write};

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};

use crate::days::Days;
use crate::export::jsonl::ReviewJson;
use crate::model::{Entry, Film, Rating};
use crate::query::{Cursor, RatingFilter, ReviewQuery, Sort, search_terms};
use crate::store::{Listing, Store};
use crate::text;

/// Entries fetched per page while printing.
const PAGE: usize = 500;

#[derive(Debug, Args)]
pub struct ReviewsArgs {
    /// The film, by slug or title (ignoring case); "Title (Year)" picks one of several.
    pub film: String,

    /// Only reviews with exactly this rating: 0.5 to 5 in steps of 0.5 (4.5) or stars (★★★★½).
    #[arg(long, value_name = "STARS", allow_negative_numbers = true,
          conflicts_with_all = ["min_stars", "unrated"])]
    pub stars: Option<Rating>,

    /// Only reviews rated this or more.
    #[arg(
        long,
        value_name = "STARS",
        allow_negative_numbers = true,
        conflicts_with = "unrated"
    )]
    pub min_stars: Option<Rating>,

    /// Only reviews without a rating.
    #[arg(long)]
    pub unrated: bool,

    /// The order: newest, oldest, highest, lowest or likes (most liked).
    #[arg(long, default_value_t = Sort::Newest)]
    pub sort: Sort,

    /// Only reviews whose text or author has these words (each may be the start of a
    /// word; case and accents are ignored).
    #[arg(long, value_name = "WORDS")]
    pub search: Option<String>,

    /// Print at most this many (at least 1).
    #[arg(long, value_name = "N", value_parser = at_least_one)]
    pub limit: Option<u64>,

    /// Also list ratings without text.
    #[arg(long)]
    pub all: bool,

    /// Show the text of reviews marked as spoilers in the table (hidden otherwise, as in
    /// the app; JSON always has it).
    #[arg(long)]
    pub spoilers: bool,

    /// How to print them.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line per entry, for people.
    Table,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    Jsonl,
}

/// `--limit`: a whole number, at least 1.
fn at_least_one(text: &str) -> std::result::Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(0) => Err("print at least 1 (leave --limit out for all of them)".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!(
            "{text:?} is not a number; give a whole number, at least 1"
        )),
    }
}

pub fn run(store: &Store, args: ReviewsArgs, color: bool, days: &Days) -> Result<()> {
    let film = store.find_film(&args.film)?;
    if let Some(search) = &args.search
        && search_terms(search).is_empty()
    {
        bail!("--search {search:?} has no words to look for");
    }
    if args.search.is_some() && store.index_is_stale()? {
        eprintln!(
            "marquee: the search index has yet to take in reviews another program wrote; run without --read-only to find them"
        );
    }
    let filter = match (args.stars, args.min_stars, args.unrated) {
        (Some(stars), _, _) => RatingFilter::Exactly(stars),
        (_, Some(min), _) => RatingFilter::AtLeast(min),
        (_, _, true) => RatingFilter::Unrated,
        _ => RatingFilter::All,
    };
    let listing = Listing::new(ReviewQuery {
        filter,
        sort: args.sort,
        search: args.search.clone(),
        text_only: !args.all,
        ..ReviewQuery::film(film.id)
    });
    let mut left = args.limit.unwrap_or(u64::MAX);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let width = table_width();
    if args.format == Format::Table {
        writeln!(
            out,
            "{:<5}  {:<10}  {:>6}  {:<20}  REVIEW",
            "STARS", "WATCHED", "LIKES", "AUTHOR"
        )?;
    }
    if args.format == Format::Json {
        write!(out, "[")?;
    }
    let mut first = true;
    let mut after: Option<Cursor> = None;
    loop {
        let want = PAGE.min(usize::try_from(left).unwrap_or(PAGE));
        let page = store.entries_after(&listing, after, want)?;
        left -= page.len() as u64;
        for entry in &page {
            match args.format {
                Format::Table => {
                    let row = table_row(entry, width, color, days, args.spoilers);
                    writeln!(out, "{row}")?
                }
                Format::Jsonl => writeln!(out, "{}", entry_json(entry, &film))?,
                Format::Json => {
                    let separator = if first { "\n  " } else { ",\n  " };
                    write!(out, "{separator}{}", entry_json(entry, &film))?;
                }
            }
            first = false;
        }
        if page.len() < want || left == 0 {
            break;
        }
        after = page.last().map(Cursor::of);
    }
    if args.format == Format::Json {
        writeln!(out, "{}]", if first { "" } else { "\n" })?;
    }
    out.flush()?;
    Ok(())
}

/// The terminal's width when printing to one; otherwise lines are not cut.
fn table_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    ratatui::crossterm::terminal::size()
        .ok()
        .map(|(w, _)| usize::from(w))
}

/// `★★★★½  2024-05-01  Aaron White           The raw, visceral emotion…`
fn table_row(
    entry: &Entry,
    width: Option<usize>,
    color: bool,
    days: &Days,
    spoilers: bool,
) -> String {
    let stars = entry.rating.map(Rating::stars).unwrap_or_default();
    let date = entry
        .watched
        .as_deref()
        .map(|d| days.show(d))
        .unwrap_or_default();
    let author = text::truncate(&text::sanitize_line(&entry.author), 20);
    let mut body = text::sanitize_line(&entry.body);
    if entry.spoiler {
        body = match spoilers {
            true => format!("[spoiler] {body}"),
            false => "[spoiler: hidden; --spoilers shows it]".to_string(),
        };
    }
    let likes = text::count(u64::from(entry.likes));
    let row = format!(
        "{}  {}  {likes:>6}  {}  {body}",
        pad(&stars, 5),
        pad(&date, days.width()),
        pad(&author, 20)
    );
    let row = match width {
        Some(width) => text::truncate(&row, width),
        None => row.trim_end().to_string(),
    };
    if color && !stars.is_empty() {
        // The stars in Letterboxd's green; the rest is the terminal's own colour.
        return row.replacen(&stars, &format!("\x1b[32m{stars}\x1b[0m"), 1);
    }
    row
}

/// Pads to a display width (stars and CJK are not one byte per column).
pub(super) fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(text::width(s))))
}

fn entry_json(entry: &Entry, film: &Film) -> String {
    ReviewJson::new(entry, film).to_line()
}
