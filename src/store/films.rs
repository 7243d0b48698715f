//! Films: finding one by title or slug, choosing which to open, adding new ones.

use rusqlite::{OptionalExtension, Row, params};

use super::stats::BucketCounts;
use super::{Result, Store};
use crate::model::{Film, FilmStats, NewFilm, slugify};

/// A film the user named could not be chosen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilmLookupError {
    #[error("no film matches {query:?}{}", candidates_text(.candidates))]
    NotFound {
        query: String,
        candidates: Vec<String>,
    },
    #[error("{query:?} matches several films; name one by slug or as \"Title (Year)\":{}", list(.candidates))]
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },
}

fn candidates_text(candidates: &[String]) -> String {
    if candidates.is_empty() {
        String::new()
    } else {
        format!("; did you mean:{}", list(candidates))
    }
}

fn list(candidates: &[String]) -> String {
    candidates.iter().map(|c| format!("\n  {c}")).collect()
}

pub(super) const FILM_COLUMNS: &str = "id, slug, title, year, directors, synopsis";

pub(super) fn film_from_row(row: &Row) -> rusqlite::Result<Film> {
    let id: i64 = row.get(0)?;
    let c = super::lenient::Cells::new(row, "film", id);
    Ok(Film {
        id,
        slug: c.text(1, "slug").unwrap_or_else(|| id.to_string()),
        title: c.text(2, "title").unwrap_or_default(),
        year: c.int(3, "year"),
        directors: c.list(4, "directors"),
        synopsis: c.text(5, "synopsis").unwrap_or_default(),
    })
}

/// A film with what the library and `marquee films` show of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilmSummary {
    pub film: Film,
    pub stats: FilmStats,
    /// Seconds since 1970 of its newest entry, 0 without entries.
    pub activity: i64,
    /// Its title's place in marquee's order (`text::title_key`).
    pub title_key: String,
}

/// How a candidate is listed: "Heat (1995) [heat-1995]".
fn describe(film: &Film) -> String {
    crate::text::sanitize_line(&format!("{} [{}]", film.title_with_year(), film.slug))
}

impl Store {
    pub fn film(&self, id: i64) -> Result<Option<Film>> {
        // Cached: a diary page looks up a hundred films, and parsing the statement each
        // time was a third of opening it.
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT {FILM_COLUMNS} FROM film WHERE id = ?1"))?
            .query_row([id], film_from_row)
            .optional()?)
    }

    /// The film with this slug, if there is one.
    pub fn film_by_slug(&self, slug: &str) -> Result<Option<Film>> {
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT {FILM_COLUMNS} FROM film WHERE slug = ?1"))?
            .query_row([slug], film_from_row)
            .optional()?)
    }

    /// The film to open without `--film`: the one viewed last, else the first added.
    pub fn default_film(&self) -> Result<Option<Film>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {FILM_COLUMNS} FROM film
                     ORDER BY viewed_at IS NULL, viewed_at DESC, id LIMIT 1"
                ),
                [],
                film_from_row,
            )
            .optional()?)
    }

    /// Finds a film by slug, by title (ignoring case) or by "Title (Year)".
    pub fn find_film(&self, query: &str) -> Result<Film> {
        let query = query.trim();
        let by_slug = self
            .conn
            .query_row(
                &format!("SELECT {FILM_COLUMNS} FROM film WHERE slug = ?1"),
                [query],
                film_from_row,
            )
            .optional()?;
        if let Some(film) = by_slug {
            return Ok(film);
        }
        let mut matches = self.films_titled(query, None)?;
        if matches.is_empty()
            && let Some((title, year)) = split_title_year(query)
        {
            matches = self.films_titled(title, Some(year))?;
        }
        if matches.is_empty()
            && let Some(stand_in) = super::orphans::stand_ins(&self.conn)?
                .into_iter()
                .find(|f| f.slug == query)
        {
            // Rows whose film another program took away, under their stand-in.
            return Ok(stand_in);
        }
        match matches.len() {
            1 => Ok(matches.remove(0)),
            0 => Err(FilmLookupError::NotFound {
                query: query.to_string(),
                candidates: self.similar_titles(query)?,
            }
            .into()),
            _ => Err(FilmLookupError::Ambiguous {
                query: query.to_string(),
                candidates: matches.iter().map(describe).collect(),
            }
            .into()),
        }
    }

    fn films_titled(&self, title: &str, year: Option<i32>) -> Result<Vec<Film>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {FILM_COLUMNS} FROM film
             WHERE title = ?1 COLLATE NOCASE AND (?2 IS NULL OR year = ?2)
             ORDER BY year, id"
        ))?;
        let films = stmt
            .query_map(params![title, year], film_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(films)
    }

    /// Up to ten films whose title contains the query, to suggest when nothing matched.
    fn similar_titles(&self, query: &str) -> Result<Vec<String>> {
        let pattern = super::containing(query);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {FILM_COLUMNS} FROM film WHERE title LIKE ?1 ESCAPE '\\'
             ORDER BY title COLLATE NOCASE LIMIT 10"
        ))?;
        let films = stmt
            .query_map([pattern], film_from_row)?
            .map(|f| f.map(|f| describe(&f)))
            .collect::<rusqlite::Result<_>>()?;
        Ok(films)
    }

    /// Every film, by slug: the order exports write them in.
    pub fn films_by_slug(&self) -> Result<Vec<Film>> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {FILM_COLUMNS} FROM film ORDER BY slug"))?;
        let mut films: Vec<Film> = stmt
            .query_map([], film_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        // Rows whose film another program took away go out under a stand-in.
        films.extend(super::orphans::stand_ins(&self.conn)?);
        films.sort_by(|a, b| a.slug.cmp(&b.slug));
        Ok(films)
    }

    /// Every film with its counts and latest activity, by title: in the order of the
    /// title keys' index (`text::title_key`, then year), as the library lists them.
    pub fn films_with_stats(&self) -> Result<Vec<FilmSummary>> {
        self.update_title_keys()?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {FILM_COLUMNS}, activity, coalesce(title_key, '') FROM film
             ORDER BY coalesce(title_key, ''), coalesce(year, 0), id"
        ))?;
        let mut films: Vec<(Film, i64, String)> = stmt
            .query_map([], |row| {
                Ok((film_from_row(row)?, row.get(6)?, row.get(7)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // Rows whose film another program took away are listed under a stand-in, last.
        for film in super::orphans::stand_ins(&self.conn)? {
            films.push((film, 0, "\u{10ffff}".into()));
        }
        let mut counts: std::collections::HashMap<i64, BucketCounts> = Default::default();
        let mut stmt = self.conn.prepare(
            "SELECT film_id, bucket, entries, reviews FROM film_count
                 WHERE typeof(bucket) = 'integer'",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let film: i64 = row.get(0)?;
            counts
                .entry(film)
                .or_default()
                .record(row.get(1)?, row.get(2)?, row.get(3)?);
        }
        Ok(films
            .into_iter()
            .map(|(film, activity, title_key)| FilmSummary {
                title_key,
                stats: counts
                    .remove(&film.id)
                    .map(|c| c.stats())
                    .unwrap_or_default(),
                film,
                activity,
            })
            .collect())
    }

    /// Remembers that the film was opened now, so the next start opens it again.
    pub fn mark_viewed(&self, film_id: i64) -> Result<()> {
        self.conn.execute(
            "UPDATE film SET viewed_at = unixepoch('subsec') * 1000 WHERE id = ?1",
            [film_id],
        )?;
        Ok(())
    }
}

/// Adds the film unless one with its slug exists; returns its id and whether it was added.
pub(super) fn ensure_film(tx: &rusqlite::Transaction, film: &NewFilm) -> Result<(i64, bool)> {
    use crate::text::{clean_input, clean_name};
    // Whatever brought it (a page, an export, a JSONL line), no control character is
    // stored in a film's names.
    let directors: Vec<String> = film.directors.iter().map(|d| clean_name(d)).collect();
    let directors = serde_json::to_string(&directors).expect("strings serialize");
    let slug = clean_name(&film.slug);
    let added = tx.execute(
        "INSERT INTO film (slug, title, year, directors, synopsis) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (slug) DO NOTHING",
        params![
            slug,
            clean_name(&film.title),
            film.year,
            directors,
            clean_input(&film.synopsis)
        ],
    )?;
    let id = tx.query_row("SELECT id FROM film WHERE slug = ?1", [&slug], |r| r.get(0))?;
    Ok((id, added == 1))
}

/// A slug no film has, for a film with this title and year: "heat", else "heat-1995",
/// else "heat-1995-2", and so on.
pub(super) fn free_slug(
    conn: &rusqlite::Connection,
    title: &str,
    year: Option<i32>,
) -> Result<String> {
    let base = slugify(title);
    let mut candidates = vec![base.clone()];
    if let Some(year) = year {
        candidates.push(format!("{base}-{year}"));
    }
    let last = candidates.last().cloned().unwrap_or_else(|| base.clone());
    let taken = |slug: &str| -> Result<bool> {
        Ok(conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM film WHERE slug = ?1)")?
            .query_row([slug], |r| r.get(0))?)
    };
    for slug in candidates {
        if !taken(&slug)? {
            return Ok(slug);
        }
    }
    for n in 2.. {
        let slug = format!("{last}-{n}");
        if !taken(&slug)? {
            return Ok(slug);
        }
    }
    unreachable!("some number is free")
}

/// "Heat (1995)" → ("Heat", 1995).
fn split_title_year(query: &str) -> Option<(&str, i32)> {
    let open = query.rfind(" (")?;
    let year = query[open + 2..].strip_suffix(')')?.parse().ok()?;
    Some((query[..open].trim(), year))
}
