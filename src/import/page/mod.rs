//! Other people's reviews: Letterboxd pages as a person gets them from a browser.
//!
//! - saved HTML of a film page (with its popular reviews), of its review listings and of
//!   a single review (`html`);
//! - the same pages copied as text (`copy`);
//! - the layout of the sample film's page, `assets/the-work.txt` (`seed`).
//!
//! Anything else is refused, saying what it looks like.

mod copy;
mod html;
mod seed;
mod write;

pub use write::{PageSummary, write};

use crate::model::{FilmDetails, NewEntry, NewFilm};

/// What kind of page it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    /// A film's page, with its popular reviews.
    Film,
    /// A film's review listing (any sort, page or rating).
    Reviews,
    /// One review on a page of its own.
    Review,
    /// Text: a browser's copy of a page, or the sample's layout.
    Text,
}

/// A parsed page: one film and its reviews, in page order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    pub kind: PageKind,
    pub film: NewFilm,
    /// Whether `film.slug` is Letterboxd's own (from the page's address); text copies
    /// don't say, and their films are found by title and year.
    pub slug_known: bool,
    pub details: FilmDetails,
    pub entries: Vec<NewEntry>,
    /// Reviews whose stars a text copy left out (they are images on the page).
    pub unrated_in_text: usize,
}

impl Page {
    /// A page read from text: its film known by title and year, no details.
    fn text(film: NewFilm, entries: Vec<NewEntry>, unrated_in_text: usize) -> Page {
        Page {
            kind: PageKind::Text,
            film,
            slug_known: false,
            details: FilmDetails::default(),
            entries,
            unrated_in_text,
        }
    }
}

/// What was wrong with a page, and on which line (counted from 1) when one is to blame.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct PageError {
    pub line: Option<usize>,
    pub message: String,
    /// A page marquee reads well enough to know it is of a kind it does not import (a
    /// list, a profile, a page of another site): in a folder, passed over.
    pub other_kind: bool,
}

/// Made harmless for a terminal: messages quote the page.
impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let message = crate::text::sanitize(&self.message);
        match self.line {
            Some(line) => write!(f, "line {line}: {message}"),
            None => f.write_str(&message),
        }
    }
}

impl PageError {
    pub fn at(line: usize, message: impl Into<String>) -> PageError {
        PageError {
            line: Some(line),
            message: message.into(),
            other_kind: false,
        }
    }

    pub fn whole(message: impl Into<String>) -> PageError {
        PageError {
            line: None,
            message: message.into(),
            other_kind: false,
        }
    }

    /// A page of a kind marquee does not import.
    pub fn other_kind(message: impl Into<String>) -> PageError {
        PageError {
            other_kind: true,
            ..PageError::whole(message)
        }
    }
}

/// Reads a page of any of the kinds marquee knows, or says what the text is instead.
pub fn parse(text: &str) -> Result<Page, PageError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if html::looks_like_html(text) {
        return html::parse(text);
    }
    if let Some(refusal) = other_format(text) {
        return Err(PageError::other_kind(refusal));
    }
    if copy::looks_like_copy(text) {
        return copy::parse(text);
    }
    seed::parse(text)
}

/// Formats that have an import of their own, or none.
fn other_format(text: &str) -> Option<String> {
    let first = text.lines().find(|l| !l.trim().is_empty())?.trim();
    if first.starts_with('{') && serde_json::from_str::<serde_json::Value>(first).is_ok() {
        return Some(
            "is JSON lines (marquee's own export?), not a Letterboxd page: use `marquee import jsonl`"
                .into(),
        );
    }
    let header = first.to_ascii_lowercase();
    if header.contains("letterboxd uri")
        || header.contains("letterboxduri")
        || header.starts_with("date,name,")
    {
        return Some(
            "is a CSV of a Letterboxd export, not a page: use `marquee import letterboxd`".into(),
        );
    }
    None
}

/// "Parasite (2019)" → ("Parasite", Some(2019)); also "Reviews of Parasite (2019)" and
/// titles that end in " • Letterboxd". A title without a year stays whole.
pub fn title_and_year(text: &str) -> (String, Option<i32>) {
    let text = text.trim_start_matches('\u{200e}').trim();
    let text = text.split(" • ").next().unwrap_or(text).trim();
    if let Some(open) = text.rfind(" (")
        && let Some(inner) = text[open + 2..].strip_suffix(')')
        && inner.len() == 4
        && inner.bytes().all(|b| b.is_ascii_digit())
    {
        return (text[..open].trim().to_string(), inner.parse().ok());
    }
    (text.to_string(), None)
}

pub(crate) use crate::text::fnv1a;

/// The key of a review known by its author and text on a film's page.
pub(crate) fn text_key(film: &str, author: &str, body: &str) -> String {
    format!("page:{film}:{author}:{:016x}", fnv1a(body.as_bytes()))
}
