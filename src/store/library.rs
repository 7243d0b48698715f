//! The library, read a page at a time in the order of an index of `film` (schema 17): by
//! title (its key, then year) or by latest activity, narrowed by letters of a title.

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

/// Which films, in which order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LibraryQuery {
    pub order: LibraryOrder,
    /// Only films whose title has these letters (case and accents ignored).
    pub title: Option<String>,
}

impl LibraryQuery {
    fn condition(&self) -> (String, Vec<Value>) {
        match self
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            Some(title) => super::title_has("title", "title_key", title),
            None => ("1".into(), Vec::new()),
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
    /// How many films the query keeps.
    pub fn library_count(&self, query: &LibraryQuery) -> Result<usize> {
        self.update_title_keys()?;
        let (condition, values) = query.condition();
        let n: i64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM film WHERE {condition}"))?
            .query_row(params_from_iter(values), |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Up to `limit` films next to `from` in the query's order (before it, `backward`,
    /// in order), with `from`'s own when `inclusive`; from the first or last without it.
    pub fn library_page(
        &self,
        query: &LibraryQuery,
        from: Option<&LibraryCursor>,
        backward: bool,
        inclusive: bool,
        limit: usize,
    ) -> Result<Vec<FilmSummary>> {
        let (mut condition, mut values) = query.condition();
        let keyset = query.order.keyset();
        if let Some(LibraryCursor(at)) = from {
            condition.push_str(&format!(" AND {}", keyset.past(backward, inclusive)));
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
        let columns = order.keyset().columns;
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {} FROM film WHERE id = ?1",
                columns.join(", ")
            ))?
            .query_row([film_id], |r| {
                (0..columns.len()).map(|i| r.get::<_, Value>(i)).collect()
            })
            .optional()?
            .map(LibraryCursor))
    }

    /// How many of the query's films come before the one at `at`.
    pub fn library_position(&self, query: &LibraryQuery, at: &LibraryCursor) -> Result<usize> {
        let (condition, mut values) = query.condition();
        values.extend(at.0.iter().cloned());
        let n: i64 = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM film WHERE {condition} AND {}",
                query.order.keyset().before()
            ))?
            .query_row(params_from_iter(values), |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}
