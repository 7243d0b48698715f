//! The member's own film life across films: the diary (every log by day, newest first),
//! the watchlist, and the year's or all time's numbers. Windowed like the review list: a
//! page is a keyset query on `entry_diary`, however long the history.

use std::collections::BTreeMap;

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params_from_iter};

use super::entries::{ENTRY_COLUMNS, entry_from_row};
use super::films::{FILM_COLUMNS, film_from_row};
use super::{Result, Store};
use crate::model::{Entry, Film, Mark, Rating, today};
use crate::query::RatingFilter;

/// A log's day: the day watched. As on Letterboxd, the diary is the logs with one: a
/// rating alone or a review without a day watched (both come with exports) is not in it.
const DAY: &str = "watched";

/// Which logs the diary lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DiaryQuery {
    /// Only this year's days.
    pub year: Option<i32>,
    pub filter: RatingFilter,
    /// Only films whose title has this in it (ignoring ASCII case).
    pub title: Option<String>,
}

/// Where a diary page starts: after the log of this day and id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiaryCursor {
    pub day: String,
    pub id: i64,
}

/// One log of the diary with its film.
#[derive(Clone, Debug)]
pub struct DiaryEntry {
    /// The day watched, `YYYY-MM-DD`.
    pub day: String,
    pub entry: Entry,
    pub film: Film,
}

impl DiaryEntry {
    pub fn cursor(&self) -> DiaryCursor {
        DiaryCursor {
            day: self.day.clone(),
            id: self.entry.id,
        }
    }
}

/// A film on the watchlist, with the day it was put there.
#[derive(Clone, Debug)]
pub struct WatchlistFilm {
    pub film: Film,
    pub added: String,
}

/// A film the member has seen: marked watched, or logged with a day watched.
#[derive(Clone, Debug)]
pub struct SeenFilm {
    pub film: Film,
    /// The member's rating of the film.
    pub rating: Option<Rating>,
    /// Logs with a day watched.
    pub logs: u64,
    /// The day last watched (the newest log's, else the day marked), or empty.
    pub last: String,
    /// Its title's place in marquee's order (`text::title_key`).
    pub title_key: String,
}

/// The numbers of a year or of all time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogStats {
    pub logs: u64,
    /// Different films logged.
    pub films: u64,
    /// Logs with a review.
    pub reviews: u64,
    pub rewatches: u64,
    /// Logs per month, January first (a year's).
    pub per_month: [u64; 12],
    /// Logs per year (all time's).
    pub per_year: BTreeMap<i32, u64>,
    /// Logs per half star, ½ first.
    pub ratings: [u64; 10],
    pub unrated: u64,
    /// The directors of the most logs, with their counts, most first (at most ten).
    pub directors: Vec<(String, u64)>,
    /// Logs per decade of release (1970 for the 1970s), most first.
    pub decades: Vec<(i32, u64)>,
    /// The genres of the most logs, with their counts, most first (at most ten).
    pub genres: Vec<(String, u64)>,
    /// Minutes watched: each log's film's runtime, over the logs of films whose runtime
    /// is known (`timed` of them).
    pub minutes: u64,
    pub timed: u64,
    /// The first and the last film logged, by day watched.
    pub first: Option<(String, String)>,
    pub last: Option<(String, String)>,
    /// The films given the highest rating logged, with it (at most ten).
    pub highest: Vec<(String, Rating)>,
}

impl DiaryQuery {
    /// The SQL condition and its values, on the member's logs, with the entry table's
    /// columns named through `table` (`""`, or `"e."` in a join).
    fn condition(&self, table: &str) -> (String, Vec<Value>) {
        let mut sql = format!("{table}is_mine AND {table}{DAY} IS NOT NULL");
        let mut values = Vec::new();
        if let Some(year) = self.year {
            sql.push_str(&format!(" AND {table}{DAY} >= ? AND {table}{DAY} < ?"));
            values.push(Value::Text(format!("{year:04}-")));
            values.push(Value::Text(format!("{:04}-", year + 1)));
        }
        if let Some(title) = &self.title {
            // The title as written (LIKE ignores ASCII case), or its key, folded: accents
            // off, ø as o.
            sql.push_str(&format!(
                " AND {table}film_id IN (SELECT id FROM film
                     WHERE title LIKE ? ESCAPE '\\' OR title_key LIKE ? ESCAPE '\\')"
            ));
            values.push(super::containing(title));
            values.push(super::containing(&crate::text::title_key_part(title)));
        }
        match self.filter {
            RatingFilter::All => {}
            RatingFilter::Unrated => sql.push_str(&format!(" AND {table}rating IS NULL")),
            RatingFilter::Exactly(r) => {
                sql.push_str(&format!(" AND {table}rating = ?"));
                values.push(Value::Integer(i64::from(r.half_stars())));
            }
            RatingFilter::AtLeast(r) => {
                sql.push_str(&format!(" AND {table}rating >= ?"));
                values.push(Value::Integer(i64::from(r.half_stars())));
            }
        }
        (sql, values)
    }
}

impl Store {
    /// Up to `limit` logs after `after` (from the newest when `None`), newest first.
    pub fn diary_page(
        &self,
        query: &DiaryQuery,
        after: Option<&DiaryCursor>,
        limit: usize,
    ) -> Result<Vec<DiaryEntry>> {
        let (mut sql, mut values) = query.condition("");
        if let Some(cursor) = after {
            sql.push_str(&format!(" AND ({DAY}, id) < (?, ?)"));
            values.push(Value::Text(cursor.day.clone()));
            values.push(Value::Integer(cursor.id));
        }
        values.push(Value::Integer(limit as i64));
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS}, {DAY} FROM entry WHERE {sql}
             ORDER BY {DAY} DESC, id DESC LIMIT ?"
        ))?;
        let rows = stmt
            .query_map(params_from_iter(values), |row| {
                Ok((entry_from_row(row)?, row.get::<_, String>(19)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut films: BTreeMap<i64, Film> = BTreeMap::new();
        let mut page = Vec::with_capacity(rows.len());
        for (entry, day) in rows {
            let film = match films.get(&entry.film_id) {
                Some(film) => film.clone(),
                None => {
                    // A log whose film another program took away shows under a stand-in.
                    let found = match self.film(entry.film_id)? {
                        Some(film) => Some(film),
                        None => super::orphans::stand_in_for(&self.conn, entry.film_id)?,
                    };
                    let Some(film) = found else {
                        continue;
                    };
                    films.insert(film.id, film.clone());
                    film
                }
            };
            page.push(DiaryEntry { day, entry, film });
        }
        Ok(page)
    }

    /// How many logs the diary lists: from the counts kept per year and rating
    /// (`diary_count`), never a count of the logs themselves.
    pub fn diary_count(&self, query: &DiaryQuery) -> Result<u64> {
        if query.title.is_some() {
            // Narrowed by title: no kept count says that; the narrowed logs are counted.
            let (sql, values) = query.condition("");
            let n: i64 = self
                .conn
                .prepare_cached(&format!("SELECT count(*) FROM entry WHERE {sql}"))?
                .query_row(params_from_iter(values), |r| r.get(0))?;
            return Ok(u64::try_from(n).unwrap_or(0));
        }
        let mut sql = String::from("SELECT coalesce(sum(logs), 0) FROM diary_count WHERE 1");
        let mut values: Vec<Value> = Vec::new();
        if let Some(year) = query.year {
            sql.push_str(" AND year = ?");
            values.push(Value::Integer(i64::from(year)));
        }
        match query.filter {
            RatingFilter::All => {}
            RatingFilter::Unrated => sql.push_str(" AND bucket = 0"),
            RatingFilter::Exactly(r) => {
                sql.push_str(" AND bucket = ?");
                values.push(Value::Integer(i64::from(r.half_stars())));
            }
            RatingFilter::AtLeast(r) => {
                sql.push_str(" AND bucket >= ?");
                values.push(Value::Integer(i64::from(r.half_stars())));
            }
        }
        let n: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params_from_iter(values), |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// What the kept counts (`diary_count`) say of a year's logs, or all time's: how
    /// many, per half star and unrated, and per year. The rest of
    /// `log_stats` is left empty: this is what shows while it is tallied.
    pub fn log_counts(&self, year: Option<i32>) -> Result<LogStats> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT year, bucket, logs FROM diary_count
             WHERE logs > 0 AND (?1 IS NULL OR year = ?1)",
        )?;
        let mut rows = stmt.query([year])?;
        let mut stats = LogStats::default();
        while let Some(row) = rows.next()? {
            let (y, bucket, logs): (i32, i64, i64) = (row.get(0)?, row.get(1)?, row.get(2)?);
            let logs = u64::try_from(logs).unwrap_or(0);
            stats.logs += logs;
            match usize::try_from(bucket) {
                Ok(b @ 1..=10) => stats.ratings[b - 1] += logs,
                _ => stats.unrated += logs,
            }
            *stats.per_year.entry(y).or_default() += logs;
        }
        Ok(stats)
    }

    /// The years that have logs, newest first: an index seek per year (reading every
    /// log's day would take tens of milliseconds in a history of 100,000).
    pub fn diary_years(&self) -> Result<Vec<i32>> {
        let mut newest_before = self.conn.prepare_cached(
            "SELECT max(watched) FROM entry
             WHERE is_mine AND watched IS NOT NULL AND watched < ?1",
        )?;
        let mut years = Vec::new();
        // Past any year's days: "9999-…" sorts after them all.
        let mut before = "A".to_string();
        while let Some(day) =
            newest_before.query_row([&before], |r| r.get::<_, Option<String>>(0))?
        {
            // A day, not only four digits: "99999-12-31" is no day of year 9999.
            let year = day
                .get(..10)
                .filter(|d| crate::model::parse_date(d).is_ok())
                .and_then(|d| d[..4].parse::<i32>().ok());
            let Some(year) = year else {
                // A day another program wrote that is no date: past it.
                before = day;
                continue;
            };
            years.push(year);
            before = format!("{year:04}");
        }
        Ok(years)
    }

    /// The films on the watchlist, the newest added first.
    pub fn watchlist(&self) -> Result<Vec<WatchlistFilm>> {
        // Film and mark in one query: a lookup per film took 5 ms for a thousand.
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {FILM_COLUMNS}, mark.watchlist FROM mark JOIN film ON film.id = mark.film_id
             WHERE mark.watchlist IS NOT NULL
             ORDER BY mark.watchlist DESC, mark.film_id DESC"
        ))?;
        let films = stmt
            .query_map([], |r| {
                Ok(WatchlistFilm {
                    film: film_from_row(r)?,
                    added: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(films)
    }

    /// Puts the film on the watchlist (today) or takes it off; says whether that changed
    /// anything.
    pub fn set_watchlist(&mut self, film_id: i64, on: bool) -> Result<bool> {
        self.set_mark_on(film_id, Mark::Watchlist, on)
    }

    /// Marks the film (watched, on the watchlist, liked: today) or takes the mark off;
    /// says whether that changed anything.
    pub fn set_mark_on(&mut self, film_id: i64, mark: Mark, on: bool) -> Result<bool> {
        let column = match mark {
            Mark::Watched => "watched",
            Mark::Watchlist => "watchlist",
            Mark::Liked => "liked",
        };
        let tx = self.conn.transaction()?;
        let changed = if on {
            tx.execute(
                &format!(
                    "INSERT INTO mark (film_id, {column}) VALUES (?1, ?2)
                     ON CONFLICT (film_id) DO UPDATE SET {column} = excluded.{column}
                     WHERE {column} IS NULL"
                ),
                rusqlite::params![film_id, today()],
            )?
        } else {
            tx.execute(
                &format!(
                    "UPDATE mark SET {column} = NULL WHERE film_id = ?1 AND {column} IS NOT NULL"
                ),
                [film_id],
            )?
        };
        tx.commit()?;
        Ok(changed > 0)
    }

    /// The numbers of the logs of `year`, or of all time: counted by SQLite over the
    /// diary's index, and per film (not per log) where a film's details are needed.
    pub fn log_stats(&self, year: Option<i32>) -> Result<LogStats> {
        let query = DiaryQuery {
            year,
            ..DiaryQuery::default()
        };
        let (sql, values) = query.condition("");
        let mut stats = LogStats::default();
        // Tallied here from the diary's index, in its order: a GROUP BY would sort
        // every log first.
        let mut logs = self.conn.prepare_cached(&format!(
            "SELECT {DAY}, rating, rewatch, body <> '', film_id FROM entry WHERE {sql}"
        ))?;
        let mut rows = logs.query(params_from_iter(values.iter()))?;
        let mut per_film: std::collections::HashMap<i64, u64> = Default::default();
        while let Some(row) = rows.next()? {
            stats.logs += 1;
            *per_film.entry(row.get(4)?).or_default() += 1;
            let bucket = row
                .get::<_, Option<i64>>(1)
                .ok()
                .flatten()
                .and_then(|r| usize::try_from(r).ok());
            match bucket {
                Some(b @ 1..=10) => stats.ratings[b - 1] += 1,
                _ => stats.unrated += 1,
            }
            stats.rewatches += u64::from(row.get::<_, bool>(2).unwrap_or(false));
            stats.reviews += u64::from(row.get::<_, bool>(3).unwrap_or(false));
            let day = row.get_ref(0)?.as_str().unwrap_or_default();
            if let Some(y) = day.get(..4).and_then(|y| y.parse::<i32>().ok()) {
                *stats.per_year.entry(y).or_default() += 1;
            }
            if let Some(m) = day.get(5..7).and_then(|m| m.parse::<usize>().ok())
                && (1..=12).contains(&m)
            {
                stats.per_month[m - 1] += 1;
            }
        }
        self.per_film_stats(&per_film, &mut stats)?;
        stats.first = self.end_log(&sql, &values, "ASC")?;
        stats.last = self.end_log(&sql, &values, "DESC")?;
        stats.highest = self.highest_rated(&sql, &values)?;
        Ok(stats)
    }

    /// Films, directors and decades, from each film's count of logs (`per_film`): one
    /// pass over the films, each film's directors read once however often it was logged.
    fn per_film_stats(
        &self,
        per_film: &std::collections::HashMap<i64, u64>,
        stats: &mut LogStats,
    ) -> Result<()> {
        stats.films = per_film.len() as u64;
        let mut directors: std::collections::HashMap<String, u64> = Default::default();
        let mut genres: std::collections::HashMap<String, u64> = Default::default();
        let mut decades: BTreeMap<i32, u64> = BTreeMap::new();
        let (mut minutes, mut timed) = (0u64, 0u64);
        let list = |row: &rusqlite::Row, i: usize| -> Vec<String> {
            row.get::<_, String>(i)
                .ok()
                .and_then(|json| serde_json::from_str(&json).ok())
                .unwrap_or_default()
        };
        let mut count = |n: u64, row: &rusqlite::Row| {
            if let Some(y) = row.get::<_, Option<i32>>(1).ok().flatten() {
                *decades.entry(y - y.rem_euclid(10)).or_default() += n;
            }
            for name in list(row, 2) {
                *directors.entry(name).or_default() += n;
            }
            for genre in list(row, 4) {
                *genres.entry(genre).or_default() += n;
            }
            if let Some(runtime) = row.get::<_, Option<i64>>(3).ok().flatten()
                && runtime > 0
            {
                minutes += n * runtime as u64;
                timed += n;
            }
        };
        // A year's films are looked up one by one; all time's, most of the films, in one
        // pass over them.
        if per_film.len() < 2048 {
            let mut film = self.conn.prepare_cached(
                "SELECT id, year, directors, runtime, genres FROM film WHERE id = ?1",
            )?;
            for (&id, &n) in per_film {
                let mut rows = film.query([id])?;
                if let Some(row) = rows.next()? {
                    count(n, row);
                }
            }
        } else {
            let mut films = self
                .conn
                .prepare_cached("SELECT id, year, directors, runtime, genres FROM film")?;
            let mut rows = films.query([])?;
            while let Some(row) = rows.next()? {
                if let Some(&n) = per_film.get(&row.get::<_, i64>(0)?) {
                    count(n, row);
                }
            }
        }
        stats.directors = most(directors);
        stats.genres = most(genres);
        stats.minutes = minutes;
        stats.timed = timed;
        let mut decades: Vec<(i32, u64)> = decades.into_iter().collect();
        decades.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        stats.decades = decades;
        Ok(())
    }

    /// The first (`ASC`) or last (`DESC`) log's day and film.
    fn end_log(
        &self,
        sql: &str,
        values: &[Value],
        order: &str,
    ) -> Result<Option<(String, String)>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {DAY}, film_id FROM entry WHERE {sql}
             ORDER BY {DAY} {order}, id {order} LIMIT 1"
        ))?;
        let found: Option<(String, i64)> = stmt
            .query_row(params_from_iter(values.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        Ok(match found {
            Some((day, film)) => self.film(film)?.map(|f| (day, f.title_with_year())),
            None => None,
        })
    }

    /// The films given the highest rating logged (the first ten by the day first logged so),
    /// each once however often it was logged, with it.
    fn highest_rated(&self, sql: &str, values: &[Value]) -> Result<Vec<(String, Rating)>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT film_id, rating FROM entry
             WHERE {sql} AND rating = (SELECT max(rating) FROM entry WHERE {sql})
             GROUP BY film_id ORDER BY min({DAY}), min(id) LIMIT 10"
        ))?;
        let doubled: Vec<Value> = values.iter().chain(values.iter()).cloned().collect();
        let rows = stmt
            .query_map(params_from_iter(doubled), |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut highest = Vec::new();
        for (film, rating) in rows {
            let rating = u8::try_from(rating).ok().and_then(Rating::from_half_stars);
            if let (Some(film), Some(rating)) = (self.film(film)?, rating) {
                highest.push((film.title_with_year(), rating));
            }
        }
        Ok(highest)
    }
}

/// The ten names counted most, most first (ties by name).
fn most(counts: std::collections::HashMap<String, u64>) -> Vec<(String, u64)> {
    let mut counts: Vec<(String, u64)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts.truncate(10);
    counts
}
