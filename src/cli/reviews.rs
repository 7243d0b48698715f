//! `marquee reviews`: print a film's reviews as a table, JSON or JSON lines.

use std::io::Write;

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};

use super::table::{Column, Out, Role, Room, Table};
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
          value_parser = super::values::ratings(),
        hide_possible_values = true,
          conflicts_with_all = ["min_stars", "unrated"])]
    pub stars: Option<Rating>,

    /// Only reviews rated this or more.
    #[arg(
        long,
        value_name = "STARS",
        allow_negative_numbers = true,
        value_parser = super::values::ratings(),
        hide_possible_values = true,
        conflicts_with = "unrated"
    )]
    pub min_stars: Option<Rating>,

    /// Only reviews without a rating.
    #[arg(long)]
    pub unrated: bool,

    /// The order: newest, oldest, highest, lowest or likes (most liked).
    #[arg(long, default_value_t = Sort::Newest, value_parser = super::values::sorts())]
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

pub fn run(store: &Store, args: ReviewsArgs, to: Out, days: &Days) -> Result<()> {
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
    let table = reviews_table(to, days);
    if args.format == Format::Table {
        writeln!(out, "{}", table.header())?;
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
                    let row = table.row(&cells(entry, days, args.spoilers));
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

/// The reviews table: at 80 columns the review is cut first, then the author, and the
/// likes go last. Reviews are read a page at a time, so the columns are as wide as
/// their longest cell could be, not as the longest one is.
fn reviews_table(to: Out, days: &Days) -> Table {
    let columns = vec![
        Column::fixed("STARS", 5, Role::Stars),
        Column::fixed("WATCHED", days.width(), Role::Date),
        Column::fixed("LIKES", 6, Role::Plain).right(),
        Column::text("AUTHOR", 20, 10, Role::Plain),
        Column::text("REVIEW", 60, 20, Role::Plain),
    ];
    let room = [Room::Cut(4), Room::Cut(3), Room::Drop(2)];
    to.table(columns, &room)
}

/// `★★★★½  2024-05-01  Aaron White  The raw, visceral emotion…`: a review's cells.
fn cells(entry: &Entry, days: &Days, spoilers: bool) -> [String; 5] {
    let stars = entry.rating.map(Rating::stars).unwrap_or_default();
    let date = entry
        .watched
        .as_deref()
        .map(|d| days.show(d))
        .unwrap_or_default();
    let mut body = text::sanitize_line(&entry.body);
    if entry.spoiler {
        body = match spoilers {
            true => format!("[spoiler] {body}"),
            false => "[spoiler; --spoilers shows it]".to_string(),
        };
    }
    [
        stars,
        date,
        text::count(u64::from(entry.likes)),
        text::sanitize_line(&entry.author),
        body,
    ]
}

fn entry_json(entry: &Entry, film: &Film) -> String {
    ReviewJson::new(entry, film).to_line()
}
