//! marquee's lossless format, read back: one JSON object per line, a film line before the
//! lines of its reviews. Read as a stream (a file of any size takes constant memory) into
//! one transaction; importing the same file twice adds nothing twice.

use std::collections::HashMap;
use std::io::BufRead;

use serde::Deserialize;

use super::{ImportError, Summary};
use crate::model::{
    FilmList, ListItem, LogError, Marks, NewEntry, NewFilm, Rating, RatingError, Stored, check_log,
    parse_date, timestamp,
};
use crate::store::{Placed, Store};

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Line {
    Film(FilmLine),
    Review(ReviewLine),
    List(ListLine),
}

/// The member's marks on a film and rating of it.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct MarksLine {
    #[serde(default)]
    rating: Option<serde_json::Number>,
    #[serde(default)]
    rated: Option<String>,
    #[serde(default)]
    watched: Option<String>,
    #[serde(default)]
    watchlist: Option<String>,
    #[serde(default)]
    liked: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListLine {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    markup: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    ranked: bool,
    #[serde(default)]
    created: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    films: Vec<ListFilmLine>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListFilmLine {
    slug: String,
    position: u32,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FilmLine {
    slug: String,
    title: String,
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    directors: Vec<String>,
    #[serde(default)]
    synopsis: String,
    /// Letterboxd's addresses of the film.
    #[serde(default)]
    uris: Vec<String>,
    #[serde(default)]
    marks: Option<MarksLine>,
    /// What pages and IMDb told of the film, as the export keeps it.
    #[serde(default)]
    details: Option<crate::export::jsonl::DetailsJson>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewLine {
    /// Read only when the line is read straight into this struct (`parse_line`); the
    /// enum takes its tag itself.
    #[serde(rename = "type", default)]
    kind: Option<String>,
    film: String,
    #[serde(default)]
    id: Option<i64>,
    author: String,
    #[serde(default)]
    rating: Option<serde_json::Number>,
    #[serde(default)]
    body: String,
    #[serde(default)]
    watched: Option<String>,
    #[serde(default)]
    created: Option<String>,
    #[serde(default)]
    liked: bool,
    #[serde(default)]
    rewatch: bool,
    #[serde(default)]
    spoiler: bool,
    #[serde(default)]
    likes: u32,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    mine: bool,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    markup: Option<String>,
    #[serde(default)]
    handle: Option<String>,
    #[serde(default)]
    comments: u32,
    #[serde(default)]
    cut_short: bool,
    /// Columns as another program stored them (see `export::jsonl::stored_value`).
    #[serde(default)]
    stored: serde_json::Map<String, serde_json::Value>,
}

/// The longest line read: a review at its longest, its markup and what another program
/// stored beside it, many times over.
const MAX_LINE_BYTES: u64 = 16 << 20;

/// Imports the lines of `input` (named `name` in errors) in one transaction.
pub fn import(input: impl BufRead, name: &str, store: &mut Store) -> Result<Summary, ImportError> {
    let error = |line: u64, message: String| ImportError {
        file: name.to_string(),
        line: Some(line),
        message,
    };
    let database = ImportError::database;
    let mut summary = Summary::default();
    let mut import = store.begin_import().map_err(database)?;
    let mut films: HashMap<String, i64> = HashMap::new();
    let mut input = input;
    let mut text = Vec::new();
    for number in 1.. {
        text.clear();
        // A line is read up to its limit, never further (a 3 GB file with no newline).
        let read = std::io::Read::take(&mut input, MAX_LINE_BYTES + 1)
            .read_until(b'\n', &mut text)
            .map_err(|e| error(number, format!("cannot be read: {e}")))?;
        if read == 0 {
            break;
        }
        if text.len() as u64 > MAX_LINE_BYTES && !text.ends_with(b"\n") {
            return Err(error(
                number,
                format!(
                    "is longer than {}, longer than any line marquee writes (a review is 100,000 characters at most)",
                    super::limited::size(MAX_LINE_BYTES)
                ),
            ));
        }
        if text.trim_ascii().is_empty() {
            continue;
        }
        // The whole line is checked at once (simdutf8 reads it several times faster than
        // serde_json checks string by string), then parsed as text known to be UTF-8.
        let text = simdutf8::basic::from_utf8(&text).map_err(|_| {
            error(
                number,
                "cannot be read: stream did not contain valid UTF-8".into(),
            )
        })?;
        let line = parse_line(text).map_err(|e| error(number, e.to_string()))?;
        match line {
            Line::Film(mut film) => {
                let slug = film.slug.clone();
                let uris = std::mem::take(&mut film.uris);
                let details = film.details.take();
                let marks = film.marks.take().map(marks).transpose();
                let marks = marks.map_err(|m| error(number, m))?;
                let id = import.film(&new_film(film)).map_err(database)?;
                if let Some(details) = details {
                    import
                        .film_details(id, &details.into_details())
                        .map_err(database)?;
                }
                for uri in uris {
                    import.film_uri(id, &uri).map_err(database)?;
                }
                if let Some(marks) = marks {
                    import.marks(id, &marks).map_err(database)?;
                }
                films.insert(slug, id);
            }
            Line::List(list) => {
                let list = new_list(list, |slug| match films.get(slug) {
                    Some(&id) => Ok(Some(id)),
                    None => import.film_with_slug(slug),
                })
                .map_err(database)?
                .map_err(|m| error(number, m))?;
                if !import.list(&list).map_err(database)? {
                    summary.skip("lists imported before");
                }
            }
            Line::Review(review) => {
                let film_id = match films.get(&review.film) {
                    Some(&id) => id,
                    None => match import.film_with_slug(&review.film).map_err(database)? {
                        Some(id) => id,
                        None => {
                            return Err(error(
                                number,
                                format!(
                                    "review of film {:?}, which has no film line before it",
                                    review.film
                                ),
                            ));
                        }
                    },
                };
                let id = review.id;
                let mut notes = Vec::new();
                let entry = new_entry(review, &mut notes).map_err(|m| error(number, m))?;
                for note in notes {
                    summary.notes.push(format!("line {number}: {note}"));
                }
                let placed = match id {
                    Some(id) => import
                        .entry_with_id(id, film_id, &entry)
                        .map_err(database)?,
                    None if import.entry(film_id, &entry).map_err(database)? => Placed::AsIs,
                    None => Placed::Duplicate,
                };
                match placed {
                    Placed::Duplicate => summary.skip("reviews imported before"),
                    Placed::Renumbered => summary.renumbered += 1,
                    Placed::AsIs => {}
                }
            }
        }
    }
    let added = import.commit().map_err(database)?;
    summary.films = added.films;
    summary.entries = added.entries;
    Ok(summary)
}

/// One line. The enum has to hold a whole line in memory before it can find its tag, so
/// a line that says it is a review is read straight into a review first: most lines are,
/// and that reads them in half the time. Anything else (or an error) goes through the enum.
fn parse_line(text: &str) -> serde_json::Result<Line> {
    let says_review = |pattern: &[u8]| memchr::memmem::find(text.as_bytes(), pattern).is_some();
    // Written compactly (marquee, serde_json) or with spaces (Python's json.dumps).
    if (says_review(br#""type":"review""#) || says_review(br#""type": "review""#))
        && let Ok(review) = serde_json::from_str::<ReviewLine>(text)
        && review.kind.as_deref() == Some("review")
    {
        return Ok(Line::Review(review));
    }
    serde_json::from_str(text)
}

/// A rating written as a number of stars: 4, 4.0 or 4.5.
fn rating(number: &serde_json::Number) -> Result<Rating, String> {
    // Whole and half stars are exact in binary, so most ratings skip the text parser.
    let half_stars = number.as_f64().map(|stars| stars * 2.0);
    if let Some(half) = half_stars.filter(|h| h.fract() == 0.0 && (1.0..=10.0).contains(h))
        && let Some(rating) = Rating::from_half_stars(half as u8)
    {
        return Ok(rating);
    }
    number
        .to_string()
        .parse()
        .map_err(|e: RatingError| e.to_string())
}

fn new_film(film: FilmLine) -> NewFilm {
    NewFilm {
        slug: film.slug,
        title: film.title,
        year: film.year,
        directors: film.directors,
        synopsis: film.synopsis,
    }
}

/// A review line. What marquee wrote is read as it was written: a backup restores what
/// the database held, values another program stored outside marquee's rules included (a
/// day that is no day, text over the limit, the `stored` columns); each of those is said
/// in `notes`, and `marquee check` names them once restored.
fn new_entry(review: ReviewLine, notes: &mut Vec<String>) -> Result<NewEntry, String> {
    let rating = match &review.rating {
        None => None,
        Some(number) => Some(rating(number)?),
    };
    let watched = match review.watched.as_deref() {
        None | Some("") => None,
        Some(date) => {
            if let Err(e) = parse_date(date) {
                notes.push(format!("watched: {e}; restored as it was"));
            }
            Some(date.to_string())
        }
    };
    if let Err(e @ LogError::TooLong { .. }) = check_log(rating, &review.body) {
        notes.push(format!("{e}; restored whole, as it was"));
    }
    if let Some(created) = review.created.as_deref()
        && timestamp(created).is_none()
    {
        notes.push(format!(
            "created: {created:?} is no time (RFC 3339) or day; restored as it was"
        ));
    }
    let stored = stored_values(&review.stored)?;
    if !stored.is_empty() {
        let columns: Vec<&str> = stored.iter().map(|(c, _)| c.as_str()).collect();
        notes.push(format!(
            "{} restored as another program had stored it",
            columns.join(", ")
        ));
    }
    Ok(NewEntry {
        author: review.author,
        rating,
        body: review.body,
        watched,
        created: review.created,
        liked: review.liked,
        rewatch: review.rewatch,
        spoiler: review.spoiler,
        likes: review.likes,
        tags: review.tags,
        source_key: review.source,
        is_mine: review.mine,
        markup: review.markup.filter(|m| !m.is_empty()),
        handle: review.handle.filter(|h| !h.is_empty()),
        comments: review.comments,
        cut_short: review.cut_short,
        stored,
    })
}

/// The `stored` object read back: each column's value as it was stored.
fn stored_values(
    map: &serde_json::Map<String, serde_json::Value>,
) -> Result<crate::model::StoredValues, String> {
    use serde_json::Value;
    let bytes = |hex: &str| -> Option<Vec<u8>> {
        if !hex.len().is_multiple_of(2) {
            return None;
        }
        (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
            .collect()
    };
    map.iter()
        .map(|(column, value)| {
            let stored = match value {
                Value::Number(n) => match n.as_i64() {
                    Some(i) => Stored::Integer(i),
                    None => Stored::Real(n.as_f64().unwrap_or(f64::NAN)),
                },
                Value::String(t) => Stored::Text(t.clone()),
                Value::Object(o) => match (o.get("blob_hex"), o.get("text_hex")) {
                    (Some(Value::String(h)), None) => Stored::Blob(bytes(h).ok_or(())?),
                    (None, Some(Value::String(h))) => Stored::TextBytes(bytes(h).ok_or(())?),
                    _ => return Err(()),
                },
                _ => return Err(()),
            };
            Ok((column.clone(), stored))
        })
        .collect::<Result<_, ()>>()
        .map_err(|_| {
            "stored: each column's value must be a number, a string, or {\"blob_hex\": …} / {\"text_hex\": …} with an even number of hex digits".to_string()
        })
}

/// Marks as stored, their dates checked.
fn marks(line: MarksLine) -> Result<Marks, String> {
    let day = |field: &str, date: Option<String>| -> Result<Option<String>, String> {
        match date.as_deref() {
            None | Some("") => Ok(date),
            Some(d) => parse_date(d)
                .map(Some)
                .map_err(|e| format!("marks.{field}: {e}")),
        }
    };
    Ok(Marks {
        rating: line.rating.as_ref().map(rating).transpose()?,
        rated: day("rated", line.rated)?,
        watched: day("watched", line.watched)?,
        watchlist: day("watchlist", line.watchlist)?,
        liked: day("liked", line.liked)?,
    })
}

/// A list, its films found by slug (`find`).
fn new_list(
    line: ListLine,
    mut find: impl FnMut(&str) -> crate::store::Result<Option<i64>>,
) -> crate::store::Result<Result<FilmList, String>> {
    let mut items = Vec::new();
    for film in line.films {
        let Some(film_id) = find(&film.slug)? else {
            return Ok(Err(format!(
                "list {:?} names film {:?}, which has no film line before it",
                line.name, film.slug
            )));
        };
        items.push(ListItem {
            film_id,
            slug: film.slug,
            position: film.position,
            note: film.note,
        });
    }
    Ok(Ok(FilmList {
        name: line.name,
        description: line.description,
        markup: line.markup,
        tags: line.tags,
        ranked: line.ranked,
        created: line.created,
        source_key: line.source,
        items,
        ..FilmList::default()
    }))
}

#[cfg(test)]
mod line_tests {
    use super::*;

    fn review_author(text: &str) -> Option<String> {
        match parse_line(text).ok()? {
            Line::Review(review) => Some(review.author),
            Line::Film(_) | Line::List(_) => None,
        }
    }

    #[test]
    fn reviews_read_the_same_however_the_json_is_spaced() {
        let compact = r#"{"author":"ann","film":"f","type":"review"}"#;
        let spaced = r#"{"author": "ann", "film": "f", "type": "review"}"#;
        let tag_first = r#"{"type":"review","film":"f","author":"ann"}"#;
        for line in [compact, spaced, tag_first] {
            assert_eq!(review_author(line).as_deref(), Some("ann"), "{line}");
        }
    }

    #[test]
    fn ratings_are_read_as_stars_in_halves() {
        let read = |json: &str| rating(&serde_json::from_str(json).unwrap());
        for (json, half_stars) in [("0.5", 1), ("4", 8), ("4.0", 8), ("4.5", 9), ("5", 10)] {
            assert_eq!(read(json).map(Rating::half_stars), Ok(half_stars), "{json}");
        }
        for json in ["0", "2.7", "5.5", "-1", "4.25", "1e9"] {
            let message = read(json).unwrap_err();
            assert!(message.contains("invalid rating"), "{json}: {message}");
        }
    }

    #[test]
    fn a_film_that_quotes_a_review_tag_is_still_a_film() {
        let line = r#"{"slug":"f","title":"F","synopsis":"\"type\":\"review\"","type":"film"}"#;
        assert!(matches!(parse_line(line), Ok(Line::Film(_))));
        let unknown = r#"{"author":"ann","film":"f","type":"review","stars":5}"#;
        let message = parse_line(unknown).err().unwrap().to_string();
        assert!(message.contains("unknown field `stars`"), "{message}");
    }
}
