//! `marquee log`: add an entry from a script.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Args;

use crate::config::Config;
use crate::model::{NewEntry, Rating, check_log, now, parse_tags, parse_watched, today};
use crate::store::Store;
use crate::text::clean_input;

#[derive(Debug, Args)]
pub struct LogArgs {
    /// The film, by slug or title (ignoring case); "Title (Year)" picks one of several.
    pub film: String,

    /// Stars from 0.5 to 5 in steps of 0.5 (4.5), or as stars (★★★★½).
    #[arg(
        long,
        value_name = "STARS",
        value_parser = super::values::ratings(),
        hide_possible_values = true,
        allow_negative_numbers = true
    )]
    pub rating: Option<Rating>,

    /// The review's text (at most 100,000 characters).
    #[arg(long, value_name = "TEXT", conflicts_with = "review_file")]
    pub review: Option<String>,

    /// Read the review's text from a file, or from standard input with "-".
    #[arg(long, value_name = "PATH")]
    pub review_file: Option<PathBuf>,

    /// The day you watched it, YYYY-MM-DD [default: today].
    #[arg(long, value_name = "DATE", value_parser = parse_watched)]
    pub watched: Option<String>,

    /// The review contains spoilers.
    #[arg(long)]
    pub spoiler: bool,

    /// You liked the film (♥).
    #[arg(long)]
    pub liked: bool,

    /// You had seen it before.
    #[arg(long)]
    pub rewatch: bool,

    /// Tags, separated by commas: --tags "cinema,friends".
    #[arg(long, value_name = "TAGS")]
    pub tags: Option<String>,
}

pub fn run(mut store: Store, args: LogArgs, config: &Config) -> Result<()> {
    let film = store.find_film(&args.film)?;
    let body = match (&args.review, &args.review_file) {
        (Some(text), _) => text.clone(),
        (None, Some(path)) => read_review(path)?,
        (None, None) => String::new(),
    };
    let body = clean_input(&body).trim().to_string();
    check_log(args.rating, &body)?;
    let entry = NewEntry {
        author: config.author(),
        rating: args.rating,
        body,
        watched: Some(args.watched.unwrap_or_else(today)),
        created: Some(now()),
        liked: args.liked,
        rewatch: args.rewatch,
        spoiler: args.spoiler,
        tags: parse_tags(args.tags.as_deref().unwrap_or("")),
        is_mine: true,
        ..NewEntry::default()
    };
    let id = store.add_entry(film.id, &entry)?;
    let what = match (entry.rating, entry.body.is_empty()) {
        (Some(rating), true) => format!("a {rating} rating"),
        (Some(rating), false) => format!("a {rating} review"),
        (None, _) => "a review".to_string(),
    };
    // Written (not printed): a reader gone away must not undo what is saved.
    let _ = writeln!(
        std::io::stdout(),
        "Logged {what} of {} (entry {id}).",
        crate::text::sanitize_line(&film.title_with_year())
    );
    Ok(())
}

fn read_review(path: &Path) -> Result<String> {
    use crate::import::limited;
    // A review holds 100,000 characters at most, four bytes each at most: reading more
    // than that is reading something that is no review (`/dev/zero`, a 300 MB pipe).
    let limit = (crate::model::MAX_BODY_CHARS as u64) * 4;
    let (name, read) = if path.as_os_str() == "-" {
        let read = limited::read_at_most(std::io::stdin().lock(), limit);
        ("standard input".to_string(), read)
    } else {
        (path.display().to_string(), limited::read_file(path, limit))
    };
    let bytes = read.map_err(|e| match e.strip_prefix("holds more than ") {
        Some(_) => anyhow::anyhow!(
            "the review in {name} is longer than a review may be ({} characters)",
            crate::text::count(crate::model::MAX_BODY_CHARS as u64)
        ),
        None => anyhow::anyhow!("the review file {name} {e}"),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "the review in {name} is not UTF-8 text (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}
