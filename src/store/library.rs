//! The library, read a page at a time in the order of an index of `film` (schema 17): by
//! title (its key, then year) or by latest activity; and every title as the library's
//! finder matches them (`tui/title_finder.rs`).

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params_from_iter};

use super::films::{FILM_COLUMNS, FilmSummary, film_from_row};
use super::keyset::Keyset;
use super::{Result, Store};
use crate::model::Film;

/// The library's orders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LibraryOrder {
    Title,
    /// The newest activity first; films without entries last.
    Activity,
}

impl LibraryOrder {
    fn keyset(self) -> Keyset {
        match self {
            LibraryOrder::Title => Keyset {
                columns: &["coalesce(title_key, '')", "coalesce(year, 0)", "id"],
                down: false,
            },
            LibraryOrder::Activity => Keyset {
                columns: &["activity", "id"],
                down: true,
            },
        }
    }
}

/// Where a film is in an order.
#[derive(Clone, Debug, PartialEq)]
pub struct LibraryCursor(Vec<Value>);

impl FilmSummary {
    /// Where the film is in `order`.
    pub fn cursor(&self, order: LibraryOrder) -> LibraryCursor {
        let id = Value::Integer(self.film.id);
        LibraryCursor(match order {
            LibraryOrder::Title => vec![
                Value::Text(self.title_key.clone()),
                Value::Integer(i64::from(self.film.year.unwrap_or(0))),
                id,
            ],
            LibraryOrder::Activity => vec![Value::Integer(self.activity), id],
        })
    }
}

impl Store {
    /// How many films there are.
    pub fn library_count(&self) -> Result<usize> {
        self.update_title_keys()?;
        let n: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM film")?
            .query_row([], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Up to `limit` films next to `from` in the query's order (before it, `backward`,
    /// in order), with `from`'s own when `inclusive`; from the first or last without it.
    pub fn library_page(
        &self,
        order: LibraryOrder,
        from: Option<&LibraryCursor>,
        backward: bool,
        inclusive: bool,
        limit: usize,
    ) -> Result<Vec<FilmSummary>> {
        let (mut condition, mut values) = ("1".to_string(), Vec::new());
        let keyset = order.keyset();
        if let Some(LibraryCursor(at)) = from {
            condition = keyset.past(backward, inclusive);
            values.extend(at.iter().cloned());
        }
        values.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {FILM_COLUMNS}, activity, coalesce(title_key, '') FROM film
             WHERE {condition} ORDER BY {} LIMIT ?",
            keyset.order_by(backward)
        ))?;
        let read = stmt
            .query_map(params_from_iter(values), library_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut films = read
            .into_iter()
            .map(|row| self.with_stats(row))
            .collect::<Result<Vec<_>>>()?;
        if backward {
            films.reverse();
        }
        Ok(films)
    }

    /// Where the film is in `order`, if there is such a film.
    pub fn library_cursor(
        &self,
        order: LibraryOrder,
        film_id: i64,
    ) -> Result<Option<LibraryCursor>> {
        let at = order
            .keyset()
            .values_at(&self.conn, "film", "id", film_id)?;
        Ok(at.map(LibraryCursor))
    }

    /// How many films come before the one at `at`.
    pub fn library_position(&self, order: LibraryOrder, at: &LibraryCursor) -> Result<usize> {
        let n: i64 = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM film WHERE {}",
                order.keyset().before()
            ))?
            .query_row(params_from_iter(at.0.iter()), |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}

/// A film as the library's finder matches it: its id, its latest activity, its title
/// folded (case and accents off) and its title's key.
#[derive(Clone, Copy, Debug)]
pub struct TitleEntry<'a> {
    pub id: i64,
    pub activity: i64,
    pub folded: &'a str,
    pub key: &'a str,
}

/// Every film as the finder matches it, in the library's title order, held in memory by
/// the finder's thread. The texts are kept end to end in one string: 100,000 films take
/// 6 MB, where a pair of strings each took 13.
#[derive(Clone, Debug, Default)]
pub struct TitleIndex {
    /// Each film's folded title, then its title's key, film after film.
    text: String,
    films: Vec<IndexedFilm>,
}

#[derive(Clone, Copy, Debug)]
struct IndexedFilm {
    id: i64,
    activity: i64,
    /// Where its folded title and its key end in `text` (each starts where the one
    /// before it ends).
    folded_end: u32,
    key_end: u32,
}

/// What a film's folded title and key take, about.
const TITLE_BYTES: usize = 40;

impl TitleIndex {
    fn with_capacity(films: usize, text: usize) -> TitleIndex {
        TitleIndex {
            text: String::with_capacity(text),
            films: Vec::with_capacity(films),
        }
    }

    /// Adds a film after the others.
    pub fn push(&mut self, id: i64, activity: i64, folded: &str, key: &str) {
        self.text.push_str(folded);
        let folded_end = end(&self.text);
        self.text.push_str(key);
        self.films.push(IndexedFilm {
            id,
            activity,
            folded_end,
            key_end: end(&self.text),
        });
    }

    /// The films, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = TitleEntry<'_>> {
        let mut start = 0;
        self.films.iter().map(move |film| {
            let (folded_end, key_end) = (film.folded_end as usize, film.key_end as usize);
            let entry = TitleEntry {
                id: film.id,
                activity: film.activity,
                folded: &self.text[start..folded_end],
                key: &self.text[folded_end..key_end],
            };
            start = key_end;
            entry
        })
    }
}

/// Where `text` ends, as an offset the index keeps (titles of 4 GB are not expected).
fn end(text: &str) -> u32 {
    u32::try_from(text.len()).expect("the titles' text is under 4 GB")
}

impl Store {
    /// Every film as the finder matches it, in the library's title order.
    pub fn title_index(&self) -> Result<TitleIndex> {
        // Counting gives films without a key theirs first.
        let films = self.library_count()?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, activity, coalesce(title, ''), coalesce(title_key, '') FROM film
             ORDER BY {}",
            LibraryOrder::Title.keyset().order_by(false)
        ))?;
        // Room for every film at once: grown by doubling, the index would for a moment
        // take three times its size.
        let mut index = TitleIndex::with_capacity(films, films * TITLE_BYTES);
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let (title, key): (String, String) = (row.get(2)?, row.get(3)?);
            index.push(row.get(0)?, row.get(1)?, &crate::text::fold(&title), &key);
        }
        index.text.shrink_to_fit();
        Ok(index)
    }

    /// The films with these ids, in their order, with their counts (ids of films no
    /// longer there are left out).
    pub fn library_films(&self, ids: &[i64]) -> Result<Vec<FilmSummary>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {FILM_COLUMNS}, activity, coalesce(title_key, '') FROM film WHERE id = ?1"
        ))?;
        let mut films = Vec::with_capacity(ids.len());
        for &id in ids {
            if let Some(row) = stmt.query_row([id], library_row).optional()? {
                films.push(self.with_stats(row)?);
            }
        }
        Ok(films)
    }

    /// A film read by `library_row`, with its counts.
    fn with_stats(&self, (film, activity, title_key): LibraryRow) -> Result<FilmSummary> {
        Ok(FilmSummary {
            stats: self.film_stats(film.id)?,
            film,
            activity,
            title_key,
        })
    }
}

/// A film as the library reads it: its columns, latest activity and title key.
type LibraryRow = (Film, i64, String);

/// Reads a row of `FILM_COLUMNS, activity, coalesce(title_key, '')`.
fn library_row(r: &rusqlite::Row) -> rusqlite::Result<LibraryRow> {
    Ok((film_from_row(r)?, r.get(6)?, r.get(7)?))
}
