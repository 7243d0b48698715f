//! The films the member has seen, read a window at a time from `seen_film` (kept by
//! triggers, schema 16) in the order of one of its indexes: 20,000 films open, move and
//! change order in a millisecond.

use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::films::film_from_row;
use super::keyset::Keyset;
use super::{Result, Store};
use crate::model::Rating;

pub use super::diary::SeenFilm;

/// The orders of the films seen, each an index of `seen_film`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeenOrder {
    /// The last watched first.
    Watched,
    Title,
    /// The oldest first, unknown years before them.
    Year,
    /// The highest rated first, the last watched first among equals.
    Rating,
}

impl SeenOrder {
    /// The order's index of `seen_film`.
    fn keyset(self) -> Keyset {
        let (columns, down): (&'static [&'static str], bool) = match self {
            SeenOrder::Watched => (&["s.last", "s.film_id"], true),
            SeenOrder::Title => (&["s.title_key", "s.film_id"], false),
            SeenOrder::Year => (&["s.year", "s.title_key", "s.film_id"], false),
            SeenOrder::Rating => (&["s.rating", "s.last", "s.film_id"], true),
        };
        Keyset { columns, down }
    }
}

/// Which films seen, in which order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeenQuery {
    pub order: SeenOrder,
    /// Only films whose title has these letters (case and accents ignored).
    pub title: Option<String>,
}

impl SeenQuery {
    /// The join the condition needs: the film's title, when narrowed by it.
    fn join(&self) -> &'static str {
        if self.title.is_some() {
            "JOIN film f ON f.id = s.film_id"
        } else {
            ""
        }
    }

    fn condition(&self) -> (String, Vec<Value>) {
        let Some(title) = self
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        else {
            return ("1".into(), Vec::new());
        };
        super::title_has("f.title", "s.title_key", title)
    }
}

const SEEN_COLUMNS: &str =
    "f.id, f.slug, f.title, f.year, f.directors, f.synopsis, s.rating, s.logs, s.last, s.title_key";

/// Where a film is in an order: its values of the order's columns.
#[derive(Clone, Debug, PartialEq)]
pub struct SeenCursor(Vec<Value>);

impl SeenFilm {
    /// Where the film is in `order`.
    pub fn cursor(&self, order: SeenOrder) -> SeenCursor {
        let rating = Value::Integer(self.rating.map_or(0, |r| i64::from(r.half_stars())));
        let year = Value::Integer(i64::from(self.film.year.unwrap_or(0)));
        let (last, key) = (
            Value::Text(self.last.clone()),
            Value::Text(self.title_key.clone()),
        );
        let id = Value::Integer(self.film.id);
        SeenCursor(match order {
            SeenOrder::Watched => vec![last, id],
            SeenOrder::Title => vec![key, id],
            SeenOrder::Year => vec![year, key, id],
            SeenOrder::Rating => vec![rating, last, id],
        })
    }
}

fn seen_from_row(r: &rusqlite::Row) -> rusqlite::Result<SeenFilm> {
    Ok(SeenFilm {
        film: film_from_row(r)?,
        rating: u8::try_from(r.get::<_, i64>(6)?)
            .ok()
            .and_then(Rating::from_half_stars),
        logs: u64::try_from(r.get::<_, i64>(7)?).unwrap_or(0),
        last: r.get(8)?,
        title_key: r.get(9)?,
    })
}

impl Store {
    /// How many films seen the query keeps.
    pub fn seen_count(&self, query: &SeenQuery) -> Result<usize> {
        self.update_title_keys()?;
        let (condition, values) = query.condition();
        let n: i64 = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM seen_film s {} WHERE {condition}",
                query.join()
            ))?
            .query_row(params_from_iter(values), |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Up to `limit` films seen next to `from` in the query's order: after it, or before
    /// it (`backward`, nearest first reversed so they read in order), with `from` itself
    /// when `inclusive`; from the first or the last film without `from`. Read in the
    /// index's order, a page costs what it holds wherever it is.
    pub fn seen_page(
        &self,
        query: &SeenQuery,
        from: Option<&SeenCursor>,
        backward: bool,
        inclusive: bool,
        limit: usize,
    ) -> Result<Vec<SeenFilm>> {
        let (mut condition, mut values) = query.condition();
        let keyset = query.order.keyset();
        if let Some(SeenCursor(at)) = from {
            condition.push_str(&format!(" AND {}", keyset.past(backward, inclusive)));
            values.extend(at.iter().cloned());
        }
        values.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        let order = keyset.order_by(backward);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SEEN_COLUMNS} FROM seen_film s JOIN film f ON f.id = s.film_id
             WHERE {condition} ORDER BY {order} LIMIT ?"
        ))?;
        let mut films = stmt
            .query_map(params_from_iter(values), seen_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if backward {
            films.reverse();
        }
        Ok(films)
    }

    /// Where a film seen is in `order`, if it is one.
    pub fn seen_cursor(&self, order: SeenOrder, film_id: i64) -> Result<Option<SeenCursor>> {
        let at = order
            .keyset()
            .values_at(&self.conn, "seen_film s", "s.film_id", film_id)?;
        Ok(at.map(SeenCursor))
    }

    /// How many of the query's films seen come before the film at `at`.
    pub fn seen_position(&self, query: &SeenQuery, at: &SeenCursor) -> Result<usize> {
        let (condition, mut values) = query.condition();
        values.extend(at.0.iter().cloned());
        let before = query.order.keyset().before();
        let n: i64 = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM seen_film s {} WHERE {condition} AND {before}",
                query.join(),
            ))?
            .query_row(params_from_iter(values), |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}
