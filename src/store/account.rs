//! The member's account beyond reviews: marks on films (watched, watchlist, liked) and
//! their rating of each film, Letterboxd's addresses of films, and lists.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Row, params};

use super::{Result, Store};
use crate::model::{FilmList, ListItem, Marks, Rating};
use crate::text::clean_input;

pub(super) fn marks_from_row(row: &Row, first: usize) -> rusqlite::Result<Marks> {
    let rating: Option<u8> = row.get(first)?;
    Ok(Marks {
        rating: rating.and_then(Rating::from_half_stars),
        rated: row.get(first + 1)?,
        watched: row.get(first + 2)?,
        watchlist: row.get(first + 3)?,
        liked: row.get(first + 4)?,
    })
}

const MARK_COLUMNS: &str = "rating, rated, watched, watchlist, liked";

/// A film's marks, on any connection (the store's, or an import's transaction).
pub(super) fn read_marks(conn: &rusqlite::Connection, film_id: i64) -> Result<Marks> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {MARK_COLUMNS} FROM mark WHERE film_id = ?1"
        ))?
        .query_row([film_id], |r| marks_from_row(r, 0))
        .optional()?
        .unwrap_or_default())
}

impl Store {
    /// The member's marks on a film and rating of it.
    pub fn marks(&self, film_id: i64) -> Result<Marks> {
        read_marks(&self.conn, film_id)
    }

    /// Every film's marks, by film id (films without marks are absent).
    pub fn all_marks(&self) -> Result<HashMap<i64, Marks>> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT film_id, {MARK_COLUMNS} FROM mark"))?;
        let marks = stmt
            .query_map([], |r| Ok((r.get(0)?, marks_from_row(r, 1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(marks)
    }

    /// What Letterboxd pages told of a film: runtime, genres, cast, its average there.
    pub fn film_details(&self, film_id: i64) -> Result<crate::model::FilmDetails> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT runtime, genres, actors, letterboxd_average, letterboxd_ratings,
                        imdb_id, tmdb_id, imdb_how, original_title, imdb_rating, imdb_votes,
                        from_imdb
                 FROM film WHERE id = ?1",
            )?
            .query_row([film_id], |r| {
                let list = |i: usize| -> rusqlite::Result<Vec<String>> {
                    Ok(serde_json::from_str(&r.get::<_, String>(i)?).unwrap_or_default())
                };
                Ok(crate::model::FilmDetails {
                    runtime: r.get(0)?,
                    genres: list(1)?,
                    cast: list(2)?,
                    letterboxd_average: r.get(3)?,
                    letterboxd_ratings: r.get::<_, Option<i64>>(4)?.map(|n| n.max(0) as u64),
                    imdb: r.get(5).ok().flatten(),
                    tmdb: r
                        .get::<_, Option<i64>>(6)
                        .ok()
                        .flatten()
                        .map(|n| n.max(0) as u64),
                    from_imdb: crate::model::ImdbFacts {
                        how: r.get(7).ok().flatten(),
                        original_title: r.get(8).ok().flatten(),
                        rating: r
                            .get::<_, Option<i64>>(9)
                            .ok()
                            .flatten()
                            .map(|n| n.clamp(0, 100) as u32),
                        votes: r
                            .get::<_, Option<i64>>(10)
                            .ok()
                            .flatten()
                            .map(|n| n.max(0) as u64),
                        filled: r.get::<_, i64>(11).map_or(0, |n| (n & 7) as u8),
                    },
                })
            })
            .optional()?
            .unwrap_or_default())
    }

    /// How many films there are.
    pub fn film_count(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM film", [], |r| r.get::<_, i64>(0))?
            as usize)
    }

    /// Letterboxd's addresses of a film, in order.
    pub fn film_uris(&self, film_id: i64) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT uri FROM film_uri WHERE film_id = ?1 ORDER BY uri")?;
        let uris = stmt
            .query_map([film_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(uris)
    }

    /// Every list with its films in order, lists by the day they were made.
    pub fn lists(&self) -> Result<Vec<FilmList>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, name, description, markup, tags, ranked, created, source_key
             FROM list ORDER BY created IS NULL, created, id",
        )?;
        let mut lists: Vec<FilmList> = stmt
            .query_map([], |r| {
                let tags: String = r.get(4)?;
                Ok(FilmList {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    description: r.get(2)?,
                    markup: r.get(3)?,
                    tags: serde_json::from_str(&tags).unwrap_or_default(),
                    ranked: r.get(5)?,
                    created: r.get(6)?,
                    source_key: r.get(7)?,
                    items: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut items = self.conn.prepare(
            "SELECT list_item.film_id, film.slug, position, note
             FROM list_item JOIN film ON film.id = list_item.film_id
             WHERE list_id = ?1 ORDER BY position",
        )?;
        for list in &mut lists {
            list.items = items
                .query_map(params![list.id], |r| {
                    Ok(ListItem {
                        film_id: r.get(0)?,
                        slug: r.get(1)?,
                        position: r.get(2)?,
                        note: r.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(lists)
    }
}

/// Records a Letterboxd address of a film (kept as it is when already known).
pub(super) fn insert_film_uri(conn: &rusqlite::Connection, film_id: i64, uri: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO film_uri (uri, film_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
    )?
    .execute(params![clean_input(uri), film_id])?;
    Ok(())
}

/// Adds a list with its films (each `ListItem` names its film by `film_id`).
pub(super) fn insert_list(conn: &rusqlite::Connection, list: &FilmList) -> Result<i64> {
    let tags: Vec<String> = list.tags.iter().map(|t| clean_input(t)).collect();
    let tags = serde_json::to_string(&tags).expect("strings serialize");
    conn.prepare_cached(
        "INSERT INTO list (name, description, markup, tags, ranked, created, source_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        crate::text::clean_name(&list.name),
        clean_input(&list.description),
        list.markup.as_deref().map(clean_input),
        tags,
        list.ranked,
        list.created,
        list.source_key,
    ])?;
    let id = conn.last_insert_rowid();
    let mut item = conn.prepare_cached(
        "INSERT INTO list_item (list_id, position, film_id, note) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for film in &list.items {
        item.execute(params![
            id,
            film.position,
            film.film_id,
            clean_input(&film.note)
        ])?;
    }
    Ok(id)
}

/// Sets every mark of a film at once (marquee's own export brings them whole).
pub(super) fn replace_marks(
    conn: &rusqlite::Connection,
    film_id: i64,
    marks: &Marks,
) -> Result<()> {
    if marks.is_empty() {
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT INTO mark (film_id, rating, rated, watched, watchlist, liked)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (film_id) DO UPDATE SET
             rating = coalesce(excluded.rating, rating), rated = coalesce(excluded.rated, rated),
             watched = coalesce(excluded.watched, watched),
             watchlist = coalesce(excluded.watchlist, watchlist),
             liked = coalesce(excluded.liked, liked)",
    )?
    .execute(params![
        film_id,
        marks.rating.map(Rating::half_stars),
        marks.rated,
        marks.watched,
        marks.watchlist,
        marks.liked,
    ])?;
    Ok(())
}

/// Whether a list with this source key is stored.
pub(super) fn has_list(conn: &rusqlite::Connection, key: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM list WHERE source_key = ?1)")?
        .query_row([key], |r| r.get(0))?)
}
