//! Reading every file of an export into typed rows, checking each: nothing is written
//! until all of them have been read.

use super::files::{Kind, Source};
use super::table::{Field, Header, Row, records};
use super::uri::{self, FilmUri};
use crate::import::ImportError;
use crate::markup::{self, Review};
use crate::model::{Mark, Rating, parse_tags};

/// Where a row is: which file (its index among the sources) and its physical line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct At {
    pub file: usize,
    pub line: u64,
}

/// A film as a row names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilmRef {
    pub name: String,
    pub year: Option<i32>,
    /// The film's own address, when the row gives it.
    pub uri: Option<FilmUri>,
    pub directors: Vec<String>,
}

/// Where a log comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogKind {
    Diary,
    Review,
    /// A row of Letterboxd's import format: a log, with or without a review.
    Imported,
}

/// A diary log, a review, or both (a row of the import format).
#[derive(Clone, Debug)]
pub struct Log {
    pub at: At,
    pub kind: LogKind,
    pub film: FilmRef,
    /// The entry's own address, normalised.
    pub key: Option<String>,
    pub rating: Option<Rating>,
    pub watched: Option<String>,
    /// When it was logged (the `Date` column).
    pub logged: Option<String>,
    pub rewatch: bool,
    pub tags: Vec<String>,
    pub review: Option<Review>,
}

/// A row of `ratings.csv`.
#[derive(Clone, Debug)]
pub struct RatingRow {
    pub at: At,
    pub film: FilmRef,
    pub rating: Rating,
    pub date: Option<String>,
}

/// A row of `watched.csv`, `watchlist.csv` or `likes/films.csv`.
#[derive(Clone, Debug)]
pub struct MarkRow {
    pub at: At,
    pub film: FilmRef,
    pub mark: Mark,
    pub date: Option<String>,
}

/// A list file.
#[derive(Clone, Debug)]
pub struct ListFile {
    pub at: At,
    pub name: String,
    pub description: Review,
    pub tags: Vec<String>,
    pub created: Option<String>,
    pub uri: Option<String>,
    pub ranked: bool,
    pub films: Vec<ListRow>,
}

#[derive(Clone, Debug)]
pub struct ListRow {
    pub at: At,
    pub film: FilmRef,
    pub position: u32,
    pub note: String,
}

/// Everything an export says, checked.
#[derive(Default)]
pub struct History {
    pub username: Option<String>,
    pub logs: Vec<Log>,
    pub ratings: Vec<RatingRow>,
    pub marks: Vec<MarkRow>,
    pub lists: Vec<ListFile>,
    /// Data rows per file, by source index (list files: their films).
    pub rows: Vec<usize>,
}

/// Reads and checks every source.
pub fn history(sources: &[Source]) -> Result<History, ImportError> {
    let mut history = History {
        rows: vec![0; sources.len()],
        ..History::default()
    };
    for (index, source) in sources.iter().enumerate() {
        let rows = records(&source.name, &source.text)?;
        if source.kind == Kind::List {
            let list = list(index, source, &rows)?;
            history.rows[index] = list.films.len();
            history.lists.push(list);
            continue;
        }
        let Some(((_, names), body)) = rows.split_first() else {
            continue;
        };
        let (fields, required) = columns(source.kind);
        let header = Header::new(names, fields, required).map_err(|message| ImportError {
            file: source.name.clone(),
            line: Some(1),
            message,
        })?;
        history.rows[index] = body.len();
        for (line, record) in body {
            let row = Row {
                file: &source.name,
                line: *line,
                header: &header,
                record,
            };
            row.check_width()?;
            let at = At {
                file: index,
                line: *line,
            };
            read_row(&mut history, source.kind, at, &row)?;
        }
    }
    Ok(history)
}

/// The columns each file has, and those it must have.
fn columns(kind: Kind) -> (&'static [Field], &'static [Field]) {
    use Field::*;
    match kind {
        Kind::Profile => (&[Username], &[]),
        Kind::Diary => (
            &[Date, Name, Year, Uri, Rating, Rewatch, Tags, WatchedDate],
            &[Name, Year, Uri],
        ),
        Kind::Reviews => (
            &[
                Date,
                Name,
                Year,
                Uri,
                Rating,
                Rewatch,
                Review,
                Tags,
                WatchedDate,
            ],
            &[Name, Year, Uri, Review],
        ),
        Kind::ImportFormat => (
            &[
                Uri,
                Name,
                Year,
                Directors,
                Rating,
                Rating10,
                WatchedDate,
                Rewatch,
                Tags,
                Review,
            ],
            &[Name],
        ),
        Kind::Ratings => (&[Date, Name, Year, Uri, Rating], &[Name, Year, Rating]),
        Kind::Watched | Kind::Watchlist | Kind::LikedFilms => {
            (&[Date, Name, Year, Uri], &[Name, Year])
        }
        Kind::List => (&[], &[]),
    }
}

fn read_row(history: &mut History, kind: Kind, at: At, row: &Row) -> Result<(), ImportError> {
    match kind {
        Kind::Profile => {
            let name = row.get(Field::Username);
            if history.username.is_none() && !name.is_empty() {
                history.username = Some(name.to_string());
            }
        }
        Kind::Diary | Kind::Reviews | Kind::ImportFormat => history.logs.push(log(kind, at, row)?),
        Kind::Ratings => {
            let film = film_of(row)?;
            let rating = row
                .rating()?
                .ok_or_else(|| row.error("Rating: the row has no rating".into()))?;
            history.ratings.push(RatingRow {
                at,
                film,
                rating,
                date: row.date(Field::Date)?,
            });
        }
        Kind::Watched | Kind::Watchlist | Kind::LikedFilms => {
            let mark = match kind {
                Kind::Watched => Mark::Watched,
                Kind::Watchlist => Mark::Watchlist,
                _ => Mark::Liked,
            };
            history.marks.push(MarkRow {
                at,
                film: film_of(row)?,
                mark,
                date: row.date(Field::Date)?,
            });
        }
        Kind::List => {}
    }
    Ok(())
}

/// A film named by a row whose address column is the film's own.
fn film_of(row: &Row) -> Result<FilmRef, ImportError> {
    let (name, year) = row.film()?;
    Ok(FilmRef {
        name,
        year,
        uri: uri::film(row.get(Field::Uri)),
        directors: Vec::new(),
    })
}

fn log(kind: Kind, at: At, row: &Row) -> Result<Log, ImportError> {
    let (name, year) = row.film()?;
    let (key, film_uri, log_kind) = match kind {
        Kind::ImportFormat => (None, uri::film(row.get(Field::Uri)), LogKind::Imported),
        _ => {
            let (key, film) =
                uri::entry(row.get(Field::Uri)).map_or((None, None), |(k, f)| (Some(k), f));
            let log_kind = if kind == Kind::Diary {
                LogKind::Diary
            } else {
                LogKind::Review
            };
            (key, film, log_kind)
        }
    };
    // The text is kept as the export wrote it (markup is drawn from it); the plain
    // body is for search and plain outputs.
    let review = match row.get_exact(Field::Review) {
        written if written.trim().is_empty() => None,
        written => Some(markup::from_html(written))
            .filter(|r| !r.body.trim().is_empty())
            .map(|r| Review {
                markup: (written != r.body).then(|| written.to_string()),
                body: r.body,
            }),
    };
    if let Some(review) = &review
        && let Err(e) = crate::model::check_log(None, &review.body)
    {
        return Err(row.error(format!("Review: {e}")));
    }
    let directors = row
        .get(Field::Directors)
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_string)
        .collect();
    Ok(Log {
        at,
        kind: log_kind,
        film: FilmRef {
            name,
            year,
            uri: film_uri,
            directors,
        },
        key,
        rating: row.rating()?,
        watched: row.date(Field::WatchedDate)?,
        logged: row.date(Field::Date)?,
        rewatch: row.yes(Field::Rewatch),
        tags: parse_tags(row.get(Field::Tags)),
        review,
    })
}

/// A list file: an optional "Letterboxd list export v7" line, the list's own header and
/// row (`Date,Name,Tags,URL,Description`), then its films (`Position,Name,Year,URL,
/// Description`).
fn list(
    index: usize,
    source: &Source,
    rows: &[(u64, csv::StringRecord)],
) -> Result<ListFile, ImportError> {
    let error = |line: u64, message: String| ImportError {
        file: source.name.clone(),
        line: Some(line),
        message,
    };
    let mut rows = rows.iter().peekable();
    if rows
        .peek()
        .is_some_and(|(_, r)| r.len() == 1 && r[0].starts_with("Letterboxd list export"))
    {
        rows.next();
    }
    let Some((line, names)) = rows.next() else {
        return Err(error(
            1,
            "is empty: a list file starts with the list's name".into(),
        ));
    };
    let meta_fields = [
        Field::Date,
        Field::Name,
        Field::Tags,
        Field::Uri,
        Field::Description,
    ];
    let meta_header =
        Header::new(names, &meta_fields, &[Field::Name]).map_err(|m| error(*line, m))?;
    let Some((line, meta)) = rows.next() else {
        return Err(error(
            *line + 1,
            "the list has no row under its header".into(),
        ));
    };
    let meta_row = Row {
        file: &source.name,
        line: *line,
        header: &meta_header,
        record: meta,
    };
    let name = meta_row.get(Field::Name).to_string();
    if name.is_empty() {
        return Err(meta_row.error("the list has no Name".into()));
    }
    let mut list = ListFile {
        at: At {
            file: index,
            line: *line,
        },
        name,
        description: markup::from_html(meta_row.get(Field::Description)),
        tags: parse_tags(meta_row.get(Field::Tags)),
        created: meta_row.date(Field::Date)?,
        uri: uri::normalize(meta_row.get(Field::Uri)),
        ranked: false,
        films: Vec::new(),
    };
    let Some((line, names)) = rows.next() else {
        return Ok(list);
    };
    let item_fields = [
        Field::Position,
        Field::Name,
        Field::Year,
        Field::Uri,
        Field::Description,
    ];
    let header = Header::new(names, &item_fields, &[Field::Name]).map_err(|m| error(*line, m))?;
    list.ranked = header.has(Field::Position);
    for (line, record) in rows {
        let row = Row {
            file: &source.name,
            line: *line,
            header: &header,
            record,
        };
        row.check_width()?;
        let position = match row.get(Field::Position) {
            "" => list.films.len() as u32 + 1,
            p => p.parse::<u32>().ok().filter(|&p| p > 0).ok_or_else(|| {
                row.error(format!(
                    "Position: {:?} is not a place in the list",
                    crate::text::sanitize_line(p)
                ))
            })?,
        };
        if list.films.iter().any(|f| f.position == position) {
            return Err(row.error(format!("Position: {position} is given twice")));
        }
        list.films.push(ListRow {
            at: At {
                file: index,
                line: *line,
            },
            film: film_of(&row)?,
            position,
            note: markup::from_html(row.get(Field::Description)).body,
        });
    }
    Ok(list)
}
