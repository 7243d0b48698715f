//! Merging a member's history into what is stored: the writes of a Letterboxd import,
//! which finds what is there already and adds to it, all in one transaction.
//!
//! Histories are small (thousands of rows, not millions), so unlike `Import` every
//! trigger stays on: counts, search and activity follow each change as it is made,
//! including text added to an entry or an entry replaced.

use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::account::{insert_film_uri, insert_list};
use super::entries::insert_entry;
use super::films::{ensure_film, free_slug};
use super::{Result, Store};
use crate::model::{FilmDetails, FilmList, Mark, Marks, NewEntry, NewFilm, Rating};
use crate::text::clean_input;

/// A merge in progress. Dropping it without `commit` rolls everything back.
pub struct Merge<'a> {
    tx: Transaction<'a>,
    films: usize,
    entries: usize,
}

/// A stored film with the same title and year as a row, and its Letterboxd addresses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedFilm {
    pub id: i64,
    pub uris: Vec<String>,
}

/// One of the member's own stored entries, as a merge compares it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnEntry {
    pub id: i64,
    pub film_id: i64,
    pub rating: Option<Rating>,
    pub body: String,
    pub watched: Option<String>,
    pub created: Option<String>,
    pub source_key: Option<String>,
    pub tags: Vec<String>,
}

/// A log of another film on the same days (`Merge::same_day_logs`).
pub struct SameDayLog {
    pub id: i64,
    pub title: String,
    pub year: Option<i32>,
    pub key: String,
}

const OWN_COLUMNS: &str = "id, film_id, rating, body, watched, created, source_key, tags";

fn own_from_row(r: &rusqlite::Row) -> rusqlite::Result<OwnEntry> {
    let rating: Option<u8> = r.get(2)?;
    Ok(OwnEntry {
        id: r.get(0)?,
        film_id: r.get(1)?,
        rating: rating.and_then(Rating::from_half_stars),
        body: r.get(3)?,
        watched: r.get(4)?,
        created: r.get(5)?,
        source_key: r.get(6)?,
        tags: serde_json::from_str(&r.get::<_, String>(7)?).unwrap_or_default(),
    })
}

impl Store {
    pub fn begin_merge(&mut self) -> Result<Merge<'_>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        Ok(Merge {
            tx,
            films: 0,
            entries: 0,
        })
    }
}

impl Merge<'_> {
    /// The film Letterboxd knows by this address.
    pub fn film_with_uri(&self, uri: &str) -> Result<Option<i64>> {
        Ok(self
            .tx
            .prepare_cached("SELECT film_id FROM film_uri WHERE uri = ?1")?
            .query_row([uri], |r| r.get(0))
            .optional()?)
    }

    /// The film with this slug.
    pub fn film_with_slug(&self, slug: &str) -> Result<Option<i64>> {
        Ok(self
            .tx
            .prepare_cached("SELECT id FROM film WHERE slug = ?1")?
            .query_row([slug], |r| r.get(0))
            .optional()?)
    }

    /// A slug marquee makes for a film Letterboxd's address does not name, the same in
    /// any import order: among films of one title, the earliest holds the bare slug (as
    /// on Letterboxd). A later film holding it under a slug marquee made moves to its
    /// own (`title-year`), its drafts with it.
    fn made_slug(&mut self, title: &str, year: Option<i32>) -> Result<String> {
        let base = crate::model::slugify(title);
        let holder: Option<(i64, String, Option<i32>)> = self
            .tx
            .prepare_cached("SELECT id, title, year FROM film WHERE slug = ?1")?
            .query_row([&base], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let Some((holder, held_title, held_year)) = holder else {
            return free_slug(&self.tx, title, year);
        };
        let earlier = matches!((year, held_year), (Some(new), Some(held)) if new < held);
        let named_so = self
            .tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM film_uri WHERE film_id = ?1
                                AND uri LIKE '%/film/' || ?2 || '/%')",
            )?
            .query_row(params![holder, base], |r| r.get::<_, bool>(0))?;
        if !earlier || named_so || crate::model::slugify(&held_title) != base {
            return free_slug(&self.tx, title, year);
        }
        let moved = free_slug(&self.tx, &held_title, held_year)?;
        self.tx
            .prepare_cached("UPDATE film SET slug = ?2 WHERE id = ?1")?
            .execute(params![holder, moved])?;
        self.tx
            .prepare_cached(
                "UPDATE draft SET film_slug = ?3 WHERE film_slug = ?1 AND film_id = ?2",
            )?
            .execute(params![base, holder, moved])?;
        Ok(base)
    }

    /// A film's title and year.
    pub fn film_title(&self, id: i64) -> Result<Option<(String, Option<i32>)>> {
        Ok(self
            .tx
            .prepare_cached("SELECT title, year FROM film WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// The member's Letterboxd logs of other films than `film_id`, watched and logged on
    /// these days with this rating: each one's id, its film's title and year, and its key.
    pub fn same_day_logs(
        &self,
        film_id: i64,
        watched: Option<&str>,
        logged: Option<&str>,
        rating: Option<Rating>,
    ) -> Result<Vec<SameDayLog>> {
        let found = self
            .tx
            .prepare_cached(
                "SELECT entry.id, film.title, film.year, entry.source_key FROM entry
                 JOIN film ON film.id = entry.film_id
                 WHERE entry.is_mine AND entry.film_id <> ?1 AND entry.watched IS ?2
                   AND entry.created IS ?3 AND entry.rating IS ?4
                   AND entry.source_key LIKE 'letterboxd:%'
                 ORDER BY entry.id",
            )?
            .query_map(
                params![film_id, watched, logged, rating.map(Rating::half_stars)],
                |r| {
                    Ok(SameDayLog {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        year: r.get(2)?,
                        key: r.get(3)?,
                    })
                },
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(found)
    }

    /// Films with this title, whatever their year, oldest first.
    pub fn films_titled(&self, title: &str) -> Result<Vec<i64>> {
        let ids = self
            .tx
            .prepare_cached("SELECT id FROM film WHERE title = ?1 ORDER BY id")?
            .query_map([title], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// Films with this title and year (exactly), oldest first, with their addresses.
    pub fn films_named(&self, title: &str, year: Option<i32>) -> Result<Vec<NamedFilm>> {
        let ids: Vec<i64> = self
            .tx
            .prepare_cached("SELECT id FROM film WHERE title = ?1 AND year IS ?2 ORDER BY id")?
            .query_map(params![title, year], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut uris = self
            .tx
            .prepare_cached("SELECT uri FROM film_uri WHERE film_id = ?1 ORDER BY uri")?;
        ids.into_iter()
            .map(|id| {
                let found = uris
                    .query_map([id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                Ok(NamedFilm { id, uris: found })
            })
            .collect()
    }

    /// Adds a film under `slug` when that is free, else under a free slug made from its
    /// title and year.
    pub fn add_film(
        &mut self,
        title: &str,
        year: Option<i32>,
        slug: Option<&str>,
        directors: &[String],
    ) -> Result<i64> {
        let slug = match slug {
            Some(s) if !s.is_empty() && self.film_with_slug(s)?.is_none() => s.to_string(),
            _ => self.made_slug(title, year)?,
        };
        let (id, added) = ensure_film(
            &self.tx,
            &NewFilm {
                slug,
                title: clean_input(title),
                year,
                directors: directors.iter().map(|d| clean_input(d)).collect(),
                ..NewFilm::default()
            },
        )?;
        self.films += usize::from(added);
        Ok(id)
    }

    /// Records a Letterboxd address of a film (kept as it is when already known).
    pub fn add_film_uri(&mut self, film_id: i64, uri: &str) -> Result<()> {
        insert_film_uri(&self.tx, film_id, uri)
    }

    /// The entry stored under this source key.
    pub fn entry_with_key(&self, key: &str) -> Result<Option<OwnEntry>> {
        Ok(self
            .tx
            .prepare_cached(&format!(
                "SELECT {OWN_COLUMNS} FROM entry WHERE source_key = ?1"
            ))?
            .query_row([key], own_from_row)
            .optional()?)
    }

    /// The member's own entries of a film, oldest first.
    pub fn own_entries(&self, film_id: i64) -> Result<Vec<OwnEntry>> {
        let entries = self
            .tx
            .prepare_cached(&format!(
                "SELECT {OWN_COLUMNS} FROM entry WHERE film_id = ?1 AND is_mine ORDER BY id"
            ))?
            .query_map([film_id], own_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(entries)
    }

    /// Adds an entry; `None` when its source key is stored already.
    pub fn add_entry(&mut self, film_id: i64, entry: &NewEntry) -> Result<Option<i64>> {
        let inserted = insert_entry(&self.tx, film_id, entry, None)?;
        self.entries += usize::from(inserted.is_some());
        Ok(inserted.map(|i| i.id))
    }

    /// Gives an entry the text of its review.
    pub fn set_text(&mut self, id: i64, body: &str, markup: Option<&str>) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE entry SET body = ?2, markup = ?3 WHERE id = ?1")?
            .execute(params![
                id,
                clean_input(body),
                markup.map(crate::text::clean_written)
            ])?;
        Ok(())
    }

    /// Sets what a page says of a review besides its text: cut short, liked, rewatched.
    pub fn set_page_marks(&mut self, id: i64, entry: &NewEntry) -> Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE entry SET cut_short = ?2, liked = ?3, rewatch = ?4 WHERE id = ?1",
            )?
            .execute(params![id, entry.cut_short, entry.liked, entry.rewatch])?;
        Ok(())
    }

    /// Sets an entry's tags.
    pub fn set_tags(&mut self, id: i64, tags: &[String]) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE entry SET tags = ?2 WHERE id = ?1")?
            .execute(params![id, super::entries::tags_json(tags)])?;
        Ok(())
    }

    /// Removes an entry (one a better entry replaces).
    pub fn remove_entry(&mut self, id: i64) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM entry WHERE id = ?1")?
            .execute([id])?;
        self.entries = self.entries.saturating_sub(1);
        Ok(())
    }

    pub fn marks(&self, film_id: i64) -> Result<Marks> {
        super::account::read_marks(&self.tx, film_id)
    }

    /// Marks a film (watched, on the watchlist, liked) on `date`.
    pub fn set_mark(&mut self, film_id: i64, mark: Mark, date: Option<&str>) -> Result<()> {
        let column = match mark {
            Mark::Watched => "watched",
            Mark::Watchlist => "watchlist",
            Mark::Liked => "liked",
        };
        // A mark without a date is kept as an empty date: marked, day unknown.
        let date = date.unwrap_or("");
        self.tx
            .prepare_cached(&format!(
                "INSERT INTO mark (film_id, {column}) VALUES (?1, ?2)
                 ON CONFLICT (film_id) DO UPDATE SET {column} = excluded.{column}"
            ))?
            .execute(params![film_id, date])?;
        Ok(())
    }

    /// The member's rating of a film, given on `date`.
    pub fn set_rating(&mut self, film_id: i64, rating: Rating, date: Option<&str>) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO mark (film_id, rating, rated) VALUES (?1, ?2, ?3)
                 ON CONFLICT (film_id) DO UPDATE SET rating = excluded.rating,
                                                     rated = excluded.rated",
            )?
            .execute(params![film_id, rating.half_stars(), date])?;
        Ok(())
    }

    /// The list stored under this source key.
    pub fn list_with_key(&self, key: &str) -> Result<Option<i64>> {
        Ok(self
            .tx
            .prepare_cached("SELECT id FROM list WHERE source_key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// Adds a list with its films (each `ListItem` names its film by `film_id`).
    pub fn add_list(&mut self, list: &FilmList) -> Result<i64> {
        insert_list(&self.tx, list)
    }

    /// Fills a film's details from a page: what the film's own page has replaces what is
    /// stored (it is Letterboxd's word now; `own_page`), other pages only fill what is
    /// missing (a review's page names one director where the crew lists three); what a
    /// page lacks stays.
    pub fn set_film_details(
        &mut self,
        film_id: i64,
        film: &NewFilm,
        details: &FilmDetails,
        own_page: bool,
    ) -> Result<()> {
        let json = |v: &[String]| -> Option<String> {
            (!v.is_empty()).then(|| {
                let cleaned: Vec<String> = v.iter().map(|s| clean_input(s)).collect();
                serde_json::to_string(&cleaned).expect("strings serialize")
            })
        };
        let text = |s: &str| -> Option<String> { (!s.trim().is_empty()).then(|| clean_input(s)) };
        if let Some(imdb) = &details.imdb {
            // The page names another IMDb title than the film had: what the old one
            // filled in goes (the next `import imdb` fills from the page's).
            self.tx
                .prepare_cached(
                    "UPDATE film SET
                         directors = CASE WHEN from_imdb & 1 THEN '[]' ELSE directors END,
                         runtime = CASE WHEN from_imdb & 2 THEN NULL ELSE runtime END,
                         genres = CASE WHEN from_imdb & 4 THEN '[]' ELSE genres END,
                         from_imdb = 0, original_title = NULL, imdb_rating = NULL,
                         imdb_votes = NULL
                     WHERE id = ?1 AND imdb_id IS NOT ?2
                       AND coalesce(imdb_how, '') <> 'hand'",
                )?
                .execute(params![film_id, imdb])?;
        }
        // The page's own details replace what IMDb filled in; its IMDb and TMDB ids are
        // kept, unless the member set the IMDb title by hand.
        self.tx
            .prepare_cached(
                "UPDATE film SET
                     year = coalesce(year, ?2),
                     directors = CASE WHEN ?10 OR directors = '[]' OR from_imdb & 1
                                      THEN coalesce(?3, directors) ELSE directors END,
                     synopsis = CASE WHEN ?10 OR synopsis = ''
                                     THEN coalesce(?4, synopsis) ELSE synopsis END,
                     runtime = coalesce(?5, runtime),
                     genres = coalesce(?6, genres),
                     actors = coalesce(?7, actors),
                     letterboxd_average = coalesce(?8, letterboxd_average),
                     letterboxd_ratings = coalesce(?9, letterboxd_ratings),
                     from_imdb = from_imdb
                         & ~(CASE WHEN ?3 IS NOT NULL AND (?10 OR directors = '[]' OR from_imdb & 1)
                                  THEN 1 ELSE 0 END)
                         & ~(CASE WHEN ?5 IS NOT NULL THEN 2 ELSE 0 END)
                         & ~(CASE WHEN ?6 IS NOT NULL THEN 4 ELSE 0 END),
                     imdb_how = CASE WHEN ?11 IS NOT NULL AND coalesce(imdb_how, '') <> 'hand'
                                     THEN 'page' ELSE imdb_how END,
                     imdb_id = CASE WHEN ?11 IS NOT NULL AND coalesce(imdb_how, '') <> 'hand'
                                    THEN ?11 ELSE imdb_id END,
                     tmdb_id = coalesce(?12, tmdb_id)
                 WHERE id = ?1",
            )?
            .execute(params![
                film_id,
                film.year,
                json(&film.directors),
                text(&film.synopsis),
                details.runtime,
                json(&details.genres),
                json(&details.cast),
                details.letterboxd_average,
                details.letterboxd_ratings.map(|n| n as i64),
                own_page,
                details.imdb,
                details.tmdb.map(|n| n as i64),
            ])?;
        Ok(())
    }

    /// A setting kept in the database (the member's Letterboxd username, say).
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .tx
            .prepare_cached("SELECT value FROM setting WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![key, clean_input(value)])?;
        Ok(())
    }

    /// Gives the member's entries that came from Letterboxd under the name `from` the
    /// author `to` (the username, once an import tells it).
    pub fn rename_imported(&mut self, from: &str, to: &str) -> Result<usize> {
        Ok(self.tx.execute(
            "UPDATE entry SET author = ?2
             WHERE is_mine AND author = ?1
                   AND (source_key IS NULL OR source_key LIKE 'letterboxd%')",
            params![from, clean_input(to)],
        )?)
    }

    /// Commits; returns how many films and entries were added.
    pub fn commit(self) -> Result<(usize, usize)> {
        super::stale::bring_up_to_date(&self.tx)?;
        self.tx.commit()?;
        Ok((self.films, self.entries))
    }
}
