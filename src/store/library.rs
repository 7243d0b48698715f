//! The library, read a page at a time in the order of an index of `film` (schema 17): by
//! title (its key, then year) or by latest activity; and every title as the library's
//! finder matches them (`tui/title_finder.rs`).

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params_from_iter};

use super::films::{FILM_COLUMNS, FilmSummary, film_from_row};
use super::keyset::Keyset;
use super::{Result, Store};

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
            .query_map(params_from_iter(values), |r| {
                Ok((film_from_row(r)?, r.get(6)?, r.get(7)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut films = Vec::with_capacity(read.len());
        for (film, activity, title_key) in read {
            films.push(FilmSummary {
                stats: self.film_stats(film.id)?,
                film,
                activity,
                title_key,
            });
        }
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
/// folded (case and accents off) and its title's key. Held in memory by the finder's
/// thread, in the library's title order.
#[derive(Clone, Debug)]
pub struct TitleEntry {
    pub id: i64,
    pub activity: i64,
    pub folded: String,
    pub key: String,
}

impl Store {
    /// Every film as the finder matches it, in the library's title order.
    pub fn title_index(&self) -> Result<Vec<TitleEntry>> {
        self.update_title_keys()?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, activity, coalesce(title, ''), coalesce(title_key, '') FROM film
             ORDER BY {}",
            LibraryOrder::Title.keyset().order_by(false)
        ))?;
        let films = stmt
            .query_map([], |r| {
                Ok(TitleEntry {
                    id: r.get(0)?,
                    activity: r.get(1)?,
                    folded: crate::text::fold(&r.get::<_, String>(2)?),
                    key: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(films)
    }

    /// The films with these ids, in their order, with their counts (ids of films no
    /// longer there are left out).
    pub fn library_films(&self, ids: &[i64]) -> Result<Vec<FilmSummary>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {FILM_COLUMNS}, activity, coalesce(title_key, '') FROM film WHERE id = ?1"
        ))?;
        let mut films = Vec::with_capacity(ids.len());
        for &id in ids {
            let found = stmt
                .query_row([id], |r| Ok((film_from_row(r)?, r.get(6)?, r.get(7)?)))
                .optional()?;
            if let Some((film, activity, title_key)) = found {
                films.push(FilmSummary {
                    stats: self.film_stats(id)?,
                    film,
                    activity,
                    title_key,
                });
            }
        }
        Ok(films)
    }
}
