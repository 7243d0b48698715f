//! Search: FTS5 over review text and author (case and accents ignored, each word a
//! prefix), answered one of two ways.
//!
//! - A word that is rare in the film: its matches are gathered once into a temporary
//!   table with the same shape and indexes as `entry`, so paging through them is the same
//!   keyset query as paging through the film, and their counts are known.
//! - A word in many reviews ("film" in a film of a million): gathering every match would
//!   take seconds, but the list's own order finds a page of them within a few hundred
//!   reviews. So pages are found by walking the film's list and matching the text as the
//!   index does, and the counts, which do need every match, are computed on the side
//!   (`search_counts`, run by the app on a thread of its own).
//!
//! Which one a search is decided by its first page: a walk that fills it within `PROBE`
//! reviews, finding at least one match in every `SPARSE`, means a common word.

use std::sync::atomic::{AtomicBool, Ordering};

use super::stats::BucketCounts;
use super::{Result, Store};
use crate::model::{Entry, FilmStats};
use crate::query::{Cursor, Direction, ReviewQuery};
use crate::text;

/// How many reviews a first page may walk before the search is gathered instead.
const PROBE: usize = 8192;
/// A walk that finds fewer than one match in this many reviews stops early: the word is
/// rare enough that gathering its matches is quicker.
const SPARSE: usize = 64;
/// Reviews read per step of a walk.
const CHUNK: usize = 256;

/// How the current search is answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Answered {
    /// `temp.hits` holds the matches.
    Gathered(BucketCounts),
    /// Pages walk the film's list; the counts, once known.
    Walked(Option<BucketCounts>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct SearchState {
    film_id: i64,
    expression: String,
    answered: Answered,
}

/// What a walk found.
enum Walk {
    /// A full page.
    Full(Vec<Entry>),
    /// The list ended: everything there is.
    End(Vec<Entry>),
    /// The walk went past its budget.
    TooFar,
}

impl Store {
    /// The table a query reads (gathering a search's matches if it must): the film's
    /// entries, or the matches.
    pub(super) fn source(&self, query: &ReviewQuery) -> Result<&'static str> {
        match match_expression(&query.search_terms()) {
            None => Ok("entry"),
            Some(expression) => {
                self.gather(query.film_id, &expression)?;
                Ok("temp.hits")
            }
        }
    }

    /// A page of a search that is answered by walking, or `None` when it is gathered.
    pub(super) fn search_page(
        &self,
        query: &ReviewQuery,
        from: Option<Cursor>,
        direction: Direction,
        limit: usize,
    ) -> Result<Option<Vec<Entry>>> {
        let Some(expression) = match_expression(&query.search_terms()) else {
            return Ok(None);
        };
        match self.state_of(query.film_id, &expression) {
            Some(Answered::Gathered(_)) => return Ok(None),
            Some(Answered::Walked(_)) => {
                return match self.walk(query, from, direction, limit, None)? {
                    Walk::Full(page) | Walk::End(page) => Ok(Some(page)),
                    Walk::TooFar => Ok(None),
                };
            }
            None => {}
        }
        // A new search: does its first page turn up quickly in the list's own order?
        match self.walk(query, from, direction, limit, Some(PROBE))? {
            Walk::Full(page) => {
                self.set_state(query.film_id, &expression, Answered::Walked(None));
                Ok(Some(page))
            }
            Walk::End(_) | Walk::TooFar => {
                self.gather(query.film_id, &expression)?;
                Ok(None)
            }
        }
    }

    /// Walks the film's list from `from`, keeping reviews that match, until `limit` are
    /// found, the list ends, or `budget` reviews were read.
    fn walk(
        &self,
        query: &ReviewQuery,
        mut from: Option<Cursor>,
        direction: Direction,
        limit: usize,
        budget: Option<usize>,
    ) -> Result<Walk> {
        let plain = ReviewQuery {
            search: None,
            ..query.clone()
        };
        let terms: Vec<String> = query.search_terms().iter().map(|t| text::fold(t)).collect();
        // Only the text is read to match; whole rows only for the matches.
        let mut texts = self
            .conn
            .prepare_cached("SELECT body, author FROM entry WHERE id = ?1")?;
        let mut found = Vec::new();
        let mut read = 0;
        loop {
            let chunk = self.page_keys(&plain, from, direction, CHUNK)?;
            let in_order: Box<dyn Iterator<Item = &Cursor>> = match direction {
                Direction::Forward => Box::new(chunk.iter()),
                Direction::Backward => Box::new(chunk.iter().rev()),
            };
            for key in in_order {
                read += 1;
                let (body, author): (String, String) =
                    texts.query_row([key.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
                if text_matches(&body, &author, &terms) {
                    found.push(*key);
                    if found.len() == limit {
                        let page = self.entries_by_id(&in_list_order(found, direction))?;
                        return Ok(Walk::Full(page));
                    }
                }
            }
            if chunk.len() < CHUNK {
                let page = self.entries_by_id(&in_list_order(found, direction))?;
                return Ok(Walk::End(page));
            }
            let sparse = found.len() * SPARSE < read;
            if budget.is_some_and(|b| read >= b || sparse) {
                return Ok(Walk::TooFar);
            }
            let edge = match direction {
                Direction::Forward => chunk.last(),
                Direction::Backward => chunk.first(),
            };
            from = edge.copied();
        }
    }

    /// How many entries the query lists. A walked search's counts are computed here if
    /// they are not known yet (a scan of its matches); the app asks `count_if_known`.
    pub fn count(&self, query: &ReviewQuery) -> Result<u64> {
        if let Some(n) = self.count_if_known(query)? {
            return Ok(n);
        }
        let expression = match_expression(&query.search_terms()).unwrap_or_default();
        let never = AtomicBool::new(false);
        if let Some(counts) = self.search_counts(query.film_id, &expression, &never)? {
            self.set_search_counts(query.film_id, &expression, counts);
        }
        Ok(self.count_if_known(query)?.unwrap_or(0))
    }

    /// How many entries the query lists, from kept counts (never a scan of the film), or
    /// `None` while a walked search's counts are not in yet.
    pub fn count_if_known(&self, query: &ReviewQuery) -> Result<Option<u64>> {
        let counts = match match_expression(&query.search_terms()) {
            None => self.bucket_counts(query.film_id)?,
            Some(expression) => {
                if self.state_of(query.film_id, &expression).is_none() {
                    // Decide how the search is answered, as its first page would.
                    self.search_page(query, None, Direction::Forward, 128)?;
                }
                match self.state_of(query.film_id, &expression) {
                    Some(Answered::Gathered(counts) | Answered::Walked(Some(counts))) => counts,
                    _ => return Ok(None),
                }
            }
        };
        Ok(Some(
            query
                .filter
                .buckets()
                .into_iter()
                .map(|bucket| counts.get(bucket, query.text_only))
                .sum(),
        ))
    }

    /// Whether the query is a search whose counts are still to be computed.
    pub fn search_needs_counts(&self, query: &ReviewQuery) -> Option<(i64, String)> {
        let expression = match_expression(&query.search_terms())?;
        match self.state_of(query.film_id, &expression) {
            Some(Answered::Walked(None)) => Some((query.film_id, expression)),
            _ => None,
        }
    }

    /// Counts a search's matches per bucket: a scan of every match. Safe to run on a
    /// connection of its own while the app goes on; gives `None` once `cancel` is set
    /// (the search changed, so its counts are wanted no more).
    pub fn search_counts(
        &self,
        film_id: i64,
        expression: &str,
        cancel: &AtomicBool,
    ) -> Result<Option<BucketCountsOut>> {
        // Tallied here rather than by GROUP BY, which sorts half a million rows through
        // temporary files for a common word.
        let mut stmt = self.conn.prepare_cached(
            "SELECT coalesce(e.rating, 0), e.body <> ''
             FROM entry_fts JOIN entry e ON e.id = entry_fts.rowid
             WHERE entry_fts MATCH ?1 AND e.film_id = ?2",
        )?;
        let mut rows = stmt.query(rusqlite::params![expression, film_id])?;
        let mut counts = BucketCounts::default();
        let mut seen = 0u32;
        while let Some(row) = rows.next()? {
            counts.add_one(row.get(0)?, row.get(1)?);
            seen = seen.wrapping_add(1);
            if seen % 4096 == 0 && cancel.load(Ordering::Relaxed) {
                return Ok(None);
            }
        }
        Ok(Some(BucketCountsOut(counts)))
    }

    /// Takes counts computed elsewhere (`search_counts`) for the current search.
    pub fn set_search_counts(&self, film_id: i64, expression: &str, counts: BucketCountsOut) {
        let mut state = self.search.borrow_mut();
        if let Some(s) = state.as_mut()
            && s.film_id == film_id
            && s.expression == expression
            && s.answered == Answered::Walked(None)
        {
            s.answered = Answered::Walked(Some(counts.0));
        }
    }

    /// Counts of a search's matches per bucket (the histogram of the search), when known.
    pub fn search_stats(&self, query: &ReviewQuery) -> Result<Option<FilmStats>> {
        let Some(expression) = match_expression(&query.search_terms()) else {
            return Ok(None);
        };
        Ok(match self.state_of(query.film_id, &expression) {
            Some(Answered::Gathered(counts) | Answered::Walked(Some(counts))) => {
                Some(counts.stats())
            }
            _ => None,
        })
    }

    fn state_of(&self, film_id: i64, expression: &str) -> Option<Answered> {
        self.search
            .borrow()
            .as_ref()
            .filter(|s| s.film_id == film_id && s.expression == expression)
            .map(|s| s.answered.clone())
    }

    fn set_state(&self, film_id: i64, expression: &str, answered: Answered) {
        *self.search.borrow_mut() = Some(SearchState {
            film_id,
            expression: expression.to_string(),
            answered,
        });
    }

    /// Fills `temp.hits` with the film's matches, unless it holds them already.
    fn gather(&self, film_id: i64, expression: &str) -> Result<()> {
        if let Some(Answered::Gathered(_)) = self.state_of(film_id, expression) {
            return Ok(());
        }
        self.conn.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS hits (
                 id INTEGER PRIMARY KEY, film_id INTEGER, rating INTEGER, ts INTEGER,
                 likes INTEGER, has_text INTEGER);
             CREATE INDEX IF NOT EXISTS temp.hits_time ON hits(film_id, rating, ts, id);
             CREATE INDEX IF NOT EXISTS temp.hits_likes ON hits(film_id, rating, likes, ts, id);
             DELETE FROM temp.hits;",
        )?;
        self.conn.execute(
            "INSERT INTO temp.hits
             SELECT e.id, e.film_id, e.rating, e.ts, e.likes, e.body <> ''
             FROM entry_fts JOIN entry e ON e.id = entry_fts.rowid
             WHERE entry_fts MATCH ?1 AND e.film_id = ?2",
            rusqlite::params![expression, film_id],
        )?;
        let counts = BucketCounts::read(
            &self.conn,
            "SELECT coalesce(rating, 0), count(*), sum(has_text) FROM temp.hits GROUP BY rating",
            [],
        )?;
        self.set_state(film_id, expression, Answered::Gathered(counts));
        Ok(())
    }

    /// Forgets how the current search is answered: entries changed (here or in another
    /// process).
    pub fn forget_search(&self) {
        *self.search.borrow_mut() = None;
    }
}

/// A search's counts per bucket, as computed by `search_counts`, to hand back to the
/// connection the app pages with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BucketCountsOut(BucketCounts);

fn in_list_order(mut found: Vec<Cursor>, direction: Direction) -> Vec<Cursor> {
    if direction == Direction::Backward {
        found.reverse();
    }
    found
}

/// Whether every search word starts a word of the review's text or author, folded as the
/// full-text index folds them.
fn text_matches(body: &str, author: &str, terms: &[String]) -> bool {
    let words = || {
        body.split(|c: char| !c.is_alphanumeric())
            .chain(author.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
    };
    terms
        .iter()
        .all(|term| words().any(|word| text::starts_folded(word, term)))
}

/// The FTS5 query for search words: each quoted, each a prefix, all required.
pub fn match_expression(terms: &[String]) -> Option<String> {
    if terms.is_empty() {
        return None;
    }
    let quoted: Vec<String> = terms
        .iter()
        .map(|t| format!("\"{}\"*", t.replace('"', "\"\"")))
        .collect();
    Some(quoted.join(" "))
}
