//! `marquee check`: SQLite's own integrity check, the full-text index's (which only a
//! connection with marquee's tokenizer can run), and the maintained counts against the
//! entries they count; `--repair` rebuilds what is derived from the entries.

use rusqlite::types::ValueRef;

use super::{Result, Store, orphans, schema_check};
use crate::model::{MAX_BODY_CHARS, parse_date, timestamp};

/// The kept per-film counts that differ from the entries, as (film, bucket, kept
/// entries, kept texts, real entries, real texts). The rows that differ are found by
/// sorting (EXCEPT), and only they are looked up: a join of the two sides, neither with
/// an index, took minutes at 100,000 films.
const COUNT_DIFFERENCES: &str = "
    WITH real AS (
        SELECT film_id, coalesce(rating, 0) AS bucket, count(*) AS entries,
               sum(body <> '') AS reviews
        FROM entry WHERE typeof(coalesce(rating, 0)) = 'integer' GROUP BY 1, 2
    ), kept AS (
        SELECT film_id, bucket, entries, reviews FROM film_count
        WHERE (entries <> 0 OR reviews <> 0) AND typeof(bucket) = 'integer'
    ), differing AS (
        SELECT film_id, bucket FROM (SELECT * FROM kept EXCEPT SELECT * FROM real)
        UNION
        SELECT film_id, bucket FROM (SELECT * FROM real EXCEPT SELECT * FROM kept)
    )
    SELECT d.film_id, d.bucket,
           coalesce(k.entries, 0), coalesce(k.reviews, 0),
           (SELECT count(*) FROM entry e
            WHERE e.film_id = d.film_id AND e.rating IS nullif(d.bucket, 0)),
           (SELECT count(*) FROM entry e
            WHERE e.film_id = d.film_id AND e.rating IS nullif(d.bucket, 0) AND e.body <> '')
    FROM differing d
    LEFT JOIN film_count k ON k.film_id = d.film_id AND k.bucket = d.bucket
    ORDER BY d.film_id, d.bucket
    LIMIT 20";

impl Store {
    /// Every problem found, each in words; none when all is well.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        // Each part is checked even when another fails: damage stops queries too.
        let schema_whole = match schema_check::differences(&self.conn) {
            Ok(found) => {
                problems.extend(found.iter().map(schema_check::Difference::describe));
                found.is_empty()
            }
            Err(error) => {
                problems.push(format!(
                    "marquee's tables, triggers and indexes could not be read: {error}"
                ));
                false
            }
        };
        match self.sqlite_check() {
            Ok(found) => problems.extend(found),
            Err(error) => problems.push(format!("SQLite: {error}")),
        }
        match self.check_search_index() {
            Ok(()) => {}
            Err(super::StoreError::ReadOnly) => problems.push(
                "the search index was not checked: that needs the file writable (it is not changed)".into(),
            ),
            Err(_) if !schema_whole => problems.push(
                "the search index does not match the reviews (a trigger that notes changes for it is missing, see above)".into(),
            ),
            Err(error) => problems.push(format!(
                "the search index does not match the reviews: some are missing from it, or it holds text they no longer have ({})",
                plain_error(&error)
            )),
        }
        match orphans::find(&self.conn) {
            Ok(found) => problems.extend(found.iter().map(orphans::Orphaned::describe)),
            Err(error) => problems.push(format!(
                "films that are gone could not be looked for: {error}"
            )),
        }
        match self.unruly_values() {
            Ok(found) => problems.extend(found),
            Err(error) => problems.push(format!("the entries' values could not be read: {error}")),
        }
        match self.count_differences() {
            Ok(found) => problems.extend(found),
            Err(error) => problems.push(format!("the counts could not be compared: {error}")),
        }
        match self.diary_count_differences() {
            Ok(found) => problems.extend(found),
            Err(error) => {
                problems.push(format!("the diary's counts could not be compared: {error}"))
            }
        }
        match self.seen_differences() {
            Ok(found) => problems.extend(found),
            Err(error) => problems.push(format!("the films seen could not be compared: {error}")),
        }
        match self.odd_ratings() {
            Ok(found) => problems.extend(found),
            Err(error) => problems.push(format!("the ratings could not be read: {error}")),
        }
        Ok(problems)
    }

    /// Where the diary's kept counts per year and rating differ from the logs.
    fn diary_count_differences(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "WITH real AS (
                 SELECT CAST(substr(watched, 1, 4) AS INTEGER) AS year,
                        coalesce(rating, 0) AS bucket, count(*) AS logs
                 FROM entry WHERE is_mine AND watched IS NOT NULL GROUP BY 1, 2
             ), kept AS (SELECT year, bucket, logs FROM diary_count WHERE logs <> 0)
             SELECT coalesce(kept.year, real.year), coalesce(kept.bucket, real.bucket),
                    coalesce(kept.logs, 0), coalesce(real.logs, 0)
             FROM kept FULL JOIN real ON kept.year = real.year AND kept.bucket = real.bucket
             WHERE coalesce(kept.logs, 0) <> coalesce(real.logs, 0) LIMIT 20",
        )?;
        let found = stmt.query_map([], |r| {
            Ok(format!(
                "diary, {} and {} half stars: the kept count says {} logs, the logs are {}",
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?
            ))
        })?;
        Ok(found.collect::<rusqlite::Result<_>>()?)
    }

    /// Where the kept films seen differ from the logs and marks.
    fn seen_differences(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "WITH real AS (
                 SELECT f.id AS film_id, coalesce(l.n, 0) AS logs,
                        coalesce(l.last, m.watched) AS last, coalesce(m.rating, 0) AS rating,
                        coalesce(f.year, 0) AS year
                 FROM film f LEFT JOIN mark m ON m.film_id = f.id
                 LEFT JOIN (SELECT film_id, count(*) AS n, max(watched) AS last FROM entry
                            WHERE is_mine AND watched IS NOT NULL GROUP BY film_id) l
                        ON l.film_id = f.id
                 WHERE l.n > 0 OR m.watched IS NOT NULL
             )
             SELECT coalesce(kept.film_id, real.film_id), kept.film_id IS NOT NULL,
                    real.film_id IS NOT NULL
             FROM seen_film kept FULL JOIN real ON kept.film_id = real.film_id
             WHERE kept.film_id IS NULL OR real.film_id IS NULL OR kept.logs <> real.logs
                OR kept.last IS NOT real.last OR kept.rating <> real.rating
                OR kept.year <> real.year
             LIMIT 20",
        )?;
        let found = stmt.query_map([], |r| {
            let (film, kept, real): (i64, bool, bool) = (r.get(0)?, r.get(1)?, r.get(2)?);
            Ok(match (kept, real) {
                (true, false) => format!("film {film} is kept as seen, but has no log or mark"),
                (false, _) => format!("film {film} is seen, but not kept among the films seen"),
                _ => format!("film {film}: what is kept of it as seen differs from its logs"),
            })
        })?;
        Ok(found.collect::<rusqlite::Result<_>>()?)
    }

    /// Ratings that are no number of half stars (written by another program before
    /// ratings were guarded): such an entry is in no rating's list.
    fn odd_ratings(&self) -> Result<Vec<String>> {
        let mut odd = self.conn.prepare(
            "SELECT id, quote(rating) FROM entry
             WHERE rating IS NOT NULL AND (typeof(rating) <> 'integer' OR rating NOT BETWEEN 1 AND 10)
             LIMIT 20",
        )?;
        let found = odd.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        found
            .map(|row| {
                let (id, rating) = row?;
                let rating = crate::text::sanitize_line(&rating);
                Ok(format!(
                    "entry {id} has the rating {rating}, which is no number of half stars (1 to 10, or NULL): it shows in no rating's list"
                ))
            })
            .collect()
    }

    /// SQLite's integrity check, as lines.
    fn sqlite_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check(50)")?;
        let found: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(found
            .into_iter()
            .filter(|line| line != "ok")
            .map(|line| match line.strip_prefix("CHECK constraint failed in ") {
                // A value another program stored with the checks off: named below.
                Some(table) => format!(
                    "SQLite: a row of {table} breaks one of its rules (a value stored with the checks turned off; see below)"
                ),
                None => format!("SQLite: {line}"),
            })
            .collect())
    }

    /// Where the kept counts differ from the entries.
    fn count_differences(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut counts = self.conn.prepare(COUNT_DIFFERENCES)?;
        let differences = counts.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
            ))
        })?;
        for difference in differences {
            let (film, bucket, kept, kept_texts, real, real_texts) = difference?;
            let rating = match bucket {
                0 => "unrated".to_string(),
                b => format!("{} half stars", b),
            };
            problems.push(format!(
                "film {film}, {rating}: the kept count says {kept} entries ({kept_texts} with text), the entries are {real} ({real_texts} with text)"
            ));
        }
        Ok(problems)
    }

    /// Values other programs stored that marquee's rules refuse, by entry: text stored as
    /// bytes, text over the limit, ratings that are no number of half stars (see
    /// `odd_ratings`), days and times that aren't, tags that are no JSON list. Each is
    /// shown, exported and restored as it is; `--repair` makes bytes that are UTF-8 text.
    fn unruly_values(&self) -> Result<Vec<String>> {
        let mut found = self.scan_values()?.0;
        let (films, _) = self.scan_films()?;
        for line in films {
            found.add(line);
        }
        Ok(found.into_lines())
    }

    /// Films whose title, slug or synopsis another program stored as bytes: the problems,
    /// and the columns whose bytes read as UTF-8 text.
    fn scan_films(&self) -> Result<(Vec<String>, Vec<Column>)> {
        let mut problems = Vec::new();
        let mut utf8_bytes = Vec::new();
        let mut rows = self
            .conn
            .prepare("SELECT id, title, slug, synopsis FROM film ORDER BY id")?;
        let mut rows = rows.query([])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            for (i, column) in [(1, "title"), (2, "slug"), (3, "synopsis")] {
                let value = row.get_ref(i)?;
                if let ValueRef::Blob(bytes) = value
                    && std::str::from_utf8(bytes).is_ok()
                {
                    utf8_bytes.push((id, column));
                }
                if let Some(problem) = bytes_problem(value) {
                    problems.push(format!("film {id}: {column} {problem}"));
                }
            }
        }
        Ok((problems, utf8_bytes))
    }

    /// One pass over the entries' text columns: the problems found, and the columns
    /// holding bytes that read as UTF-8 text (which `--repair` stores as text).
    fn scan_values(&self) -> Result<(Found, Vec<Column>)> {
        let mut found = Found::default();
        let mut utf8_bytes = Vec::new();
        let mut rows = self
            .conn
            .prepare("SELECT id, author, body, watched, created, tags FROM entry ORDER BY id")?;
        let mut rows = rows.query([])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            for (i, column) in [
                (1, "author"),
                (2, "body"),
                (3, "watched"),
                (4, "created"),
                (5, "tags"),
            ] {
                let value = row.get_ref(i)?;
                if let ValueRef::Blob(bytes) = value
                    && std::str::from_utf8(bytes).is_ok()
                {
                    utf8_bytes.push((id, column));
                }
                if let Some(problem) = bytes_problem(value).or_else(|| refused(column, value)) {
                    found.add(format!("entry {id}: {column} {problem}"));
                }
            }
        }
        Ok((found, utf8_bytes))
    }

    /// Gives rows whose film another program took away a film again (what `--repair`
    /// does for them), in a transaction of its own: the app does it as it starts.
    pub fn rehome_orphans(&mut self) -> Result<Vec<orphans::Rehomed>> {
        if orphans::find(&self.conn)?.is_empty() {
            return Ok(Vec::new());
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let done = orphans::rehome(&tx)?;
        tx.commit()?;
        Ok(done)
    }

    /// Puts back what is missing of marquee's schema, gives a film to what lost its film,
    /// stores UTF-8 bytes as text, then rebuilds what is derived from the entries
    /// (`rebuild_derived`), in one transaction; what it did, in words.
    pub fn repair(&mut self) -> Result<Vec<String>> {
        let differences = schema_check::differences(&self.conn)?;
        let (_, blobs) = self.scan_values()?;
        let (_, film_blobs) = self.scan_films()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut done: Vec<String> = schema_check::restore(&tx, &differences)?
            .into_iter()
            .map(|made| format!("made marquee's {made} again"))
            .collect();
        for rehomed in orphans::rehome(&tx)? {
            done.push(if rehomed.made {
                format!(
                    "made film {} ({}) again for what still named it",
                    rehomed.film_id, rehomed.slug
                )
            } else {
                format!(
                    "moved what named film {} to film {} ({}), which has its slug now",
                    rehomed.film_id, rehomed.to, rehomed.slug
                )
            });
        }
        let bytes = blobs
            .iter()
            .map(|b| ("entry", b))
            .chain(film_blobs.iter().map(|b| ("film", b)));
        for (table, (id, column)) in bytes {
            tx.execute(
                &format!("UPDATE {table} SET {column} = CAST({column} AS TEXT) WHERE id = ?1"),
                [id],
            )?;
            done.push(format!(
                "stored {table} {id}'s {column} as text (it was UTF-8 bytes)"
            ));
        }
        rebuild_derived(&tx)?;
        tx.commit()?;
        Ok(done)
    }
}

/// Rebuilds what is derived from the entries: indexes, the search index, the per-film
/// counts, each film's latest activity and the films seen.
fn rebuild_derived(tx: &rusqlite::Transaction) -> Result<()> {
    {
        {
            tx.execute_batch(
                "REINDEX;
             INSERT INTO entry_fts (entry_fts) VALUES ('rebuild');
             DELETE FROM entry_fts_stale;
             DELETE FROM diary_count;
             INSERT INTO diary_count (year, bucket, logs)
                 SELECT CAST(substr(watched, 1, 4) AS INTEGER), coalesce(rating, 0), count(*)
                 FROM entry WHERE is_mine AND watched IS NOT NULL GROUP BY 1, 2;
             DELETE FROM film_count;
             INSERT INTO film_count (film_id, bucket, entries, reviews)
                 SELECT film_id, coalesce(rating, 0), count(*), sum(body <> '')
                 FROM entry GROUP BY 1, 2;
             UPDATE film SET activity =
                 coalesce((SELECT max(ts) FROM entry WHERE film_id = film.id), 0);
             DELETE FROM seen_film;
             INSERT INTO seen_recount
                 SELECT DISTINCT film_id FROM entry WHERE is_mine AND watched IS NOT NULL
                 UNION SELECT film_id FROM mark WHERE watched IS NOT NULL;",
            )?;
        }
    }
    Ok(())
}

/// A row's column, by the row's id and the column's name.
type Column = (i64, &'static str);

/// Problems of one kind, the first few named, the rest counted.
#[derive(Default)]
struct Found {
    lines: Vec<String>,
    more: usize,
}

impl Found {
    const NAMED: usize = 20;

    fn add(&mut self, line: String) {
        if self.lines.len() < Self::NAMED {
            self.lines.push(line);
        } else {
            self.more += 1;
        }
    }

    fn into_lines(mut self) -> Vec<String> {
        if self.more > 0 {
            self.lines
                .push(format!("and {} more values like those above", self.more));
        }
        self.lines
    }
}

/// What marquee's rules refuse in a column's text: a body over the limit, a day or a time
/// that is none, tags that are no JSON list.
fn refused(column: &str, value: ValueRef<'_>) -> Option<String> {
    let ValueRef::Text(bytes) = value else {
        return None;
    };
    let text = String::from_utf8_lossy(bytes);
    let quoted = || format!("{:?}", crate::text::sanitize_line(&text));
    if crate::text::has_control(&text) {
        return Some(
            "holds control characters, which marquee never stores: shown without them, exported and restored as stored".into(),
        );
    }
    match column {
        "body" if text.chars().count() > MAX_BODY_CHARS => Some(format!(
            "is {} characters long, over the {MAX_BODY_CHARS} marquee keeps: shown and exported whole; the app's editor refuses to save it until it is shorter",
            text.chars().count()
        )),
        "watched" if parse_date(&text).is_err() => Some(format!(
            "{} is no day written YYYY-MM-DD: the diary and year in review can't place it",
            quoted()
        )),
        "created" if timestamp(&text).is_none() => Some(format!(
            "{} is no time (RFC 3339) or day (YYYY-MM-DD): the list sorts it as undated",
            quoted()
        )),
        "tags" if serde_json::from_str::<Vec<String>>(&text).is_err() => Some(format!(
            "{} is no JSON list of strings: shown as no tags, exported as stored",
            quoted()
        )),
        _ => None,
    }
}

/// What is wrong with a text column's value when it is not text: bytes (UTF-8 or not).
fn bytes_problem(value: ValueRef<'_>) -> Option<String> {
    match value {
        ValueRef::Blob(bytes) if std::str::from_utf8(bytes).is_ok() => Some(
            "is stored as bytes (a blob), not text: shown and exported as its text; `marquee check --repair` stores it as text".into(),
        ),
        ValueRef::Blob(_) => Some(
            "is stored as bytes (a blob) that are not UTF-8: shown with � where they are not, exported as stored; edit it in the app to replace it".into(),
        ),
        ValueRef::Text(bytes) if std::str::from_utf8(bytes).is_err() => Some(
            "is text whose bytes are not UTF-8: shown with � where they are not, exported as stored; edit it in the app to replace it".into(),
        ),
        _ => None,
    }
}

/// SQLite's words for a failed check, without its misleading "disk image is malformed"
/// (the file is fine; the index and the reviews disagree).
fn plain_error(error: &super::StoreError) -> String {
    let text = error.to_string();
    if text.contains("malformed") {
        "FTS5's own check failed".into()
    } else {
        text
    }
}
