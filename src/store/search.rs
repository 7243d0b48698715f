//! Search: FTS5 over review text and author (case and accents ignored, each word a
//! prefix), answered one of three ways, whichever finds a first page soonest.
//!
//! - A word in many reviews ("film" in a film of a million): the list's own order finds a
//!   page of matches within a few hundred reviews, so pages walk the film's list and match
//!   each review's text as the index does.
//! - A word in a few thousand reviews: walking would read hundreds of texts per match.
//!   Its matching ids are read from the index once (a fraction of a microsecond each), and
//!   pages walk the list testing ids instead of texts.
//! - A rare word: its matches are gathered into a temporary table with the same shape and
//!   indexes as `entry`, so paging through them is the same keyset query as paging through
//!   the film, and their counts are known at once.
//!
//! A new search first walks a few hundred reviews by text (`SearchTuning`); when that does not fill its first
//! page, the index says how many reviews the words are in, which picks one of the others.
//! The counts of a walked search need every match, so they are computed on the side
//! (`search_counts`, run by the app on a thread of its own).

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use rusqlite::CachedStatement;

use super::stats::BucketCounts;
use super::tokenizer::film_word;
use super::{Result, Store};
use crate::model::{Entry, FilmStats};
use crate::query::{Cursor, Direction, ReviewQuery};
use crate::text;

/// When a search walks, tests ids or gathers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SearchTuning {
    /// Reviews a new search reads by text before it asks the index how rare its words are.
    pub probe: usize,
    /// Reviews read per step of a walk.
    pub chunk: usize,
    /// Matches up to which a search is gathered: gathering costs a row lookup per match.
    pub gather_max: u64,
    /// Matches up to which pages test ids rather than texts. Reading the ids costs a
    /// fraction of a microsecond each; past this many, a word is common enough that
    /// reading texts finds a screenful of it sooner.
    pub ids_max: u64,
    /// Reviews a page may read by text before it turns to ids.
    pub text_walk_max: usize,
}

impl Default for SearchTuning {
    fn default() -> Self {
        SearchTuning {
            probe: 256,
            chunk: 32,
            gather_max: 1536,
            ids_max: 16_384,
            text_walk_max: 16_384,
        }
    }
}

/// A list of a film's entries as whoever shows it owns it: the query, and once a page
/// has decided it, how its search is answered (the way chosen, the matches gathered).
/// Nothing of it is kept in the store, so two lists on one connection never mix; it
/// stays valid while the entries do (see `Stamp`), and any write, here or by another
/// process, has the next page answer the search afresh.
#[derive(Debug)]
pub struct Listing {
    query: ReviewQuery,
    answer: RefCell<Option<SearchState>>,
}

impl Listing {
    pub fn new(query: ReviewQuery) -> Listing {
        Listing {
            query,
            answer: RefCell::new(None),
        }
    }

    pub fn query(&self) -> &ReviewQuery {
        &self.query
    }

    /// The search's words as the full-text index reads them, when it is a search.
    fn expression(&self) -> Option<String> {
        match_expression(&self.query.search_terms())
    }
}

impl From<ReviewQuery> for Listing {
    fn from(query: ReviewQuery) -> Listing {
        Listing::new(query)
    }
}

/// How a search is answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Answered {
    /// Its matches were gathered: their counts, and their ids for `temp.hits`.
    Gathered { counts: BucketCounts, hits: Hits },
    /// Pages walk the film's list, testing each review `by`; the counts, once known.
    Walked {
        by: Test,
        counts: Option<BucketCounts>,
    },
}

/// How a walk tells a match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Test {
    /// By the review's text and author.
    Text,
    /// By id: the ids, ascending, of every review with the rarest word; when the search
    /// has other words (`exact` is false), a review with an id there is tested by text.
    Ids { ids: Arc<[i64]>, exact: bool },
}

impl Answered {
    /// The matches' counts per bucket, when known.
    fn counts(&self) -> Option<&BucketCounts> {
        match self {
            Answered::Gathered { counts, .. } => Some(counts),
            Answered::Walked { counts, .. } => counts.as_ref(),
        }
    }
}

/// A gathered search's matches. `temp.hits` holds one search's at a time, labelled by
/// `token` in `temp.hits_of`; another listing's search refills it from `ids`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Hits {
    token: i64,
    ids: Arc<[i64]>,
}

/// Labels gathered matches, so `temp.hits` is known to hold them.
static GATHERED: AtomicI64 = AtomicI64::new(1);

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct SearchState {
    answered: Answered,
    /// The entries as they were when it was answered; any other stamp means it is stale.
    stamp: Stamp,
}

/// Which version of the entries a search was answered on: SQLite's `data_version` counts
/// other connections' commits, and `temp.entry_writes` (kept by temporary triggers) this
/// connection's own changes to entries. No write has to remember to forget a search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    others: i64,
    ours: i64,
}

/// Counts this connection's changes to entries; temporary, so nothing of it is in the
/// file. Rolled back with the changes it counted.
const WATCH_ENTRIES: &str = "
    CREATE TEMP TABLE IF NOT EXISTS entry_writes (n INTEGER NOT NULL);
    INSERT INTO temp.entry_writes SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM temp.entry_writes);
    CREATE TEMP TRIGGER IF NOT EXISTS entry_inserted AFTER INSERT ON main.entry
        BEGIN UPDATE temp.entry_writes SET n = n + 1; END;
    CREATE TEMP TRIGGER IF NOT EXISTS entry_updated AFTER UPDATE ON main.entry
        BEGIN UPDATE temp.entry_writes SET n = n + 1; END;
    CREATE TEMP TRIGGER IF NOT EXISTS entry_deleted AFTER DELETE ON main.entry
        BEGIN UPDATE temp.entry_writes SET n = n + 1; END;";

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
    pub(super) fn source(&self, listing: &Listing) -> Result<&'static str> {
        match listing.expression() {
            None => Ok("entry"),
            Some(expression) => {
                self.gather(listing, Gather::Query(&expression))?;
                Ok("temp.hits")
            }
        }
    }

    /// A page of a search that is answered by walking, or `None` when it is gathered.
    pub(super) fn search_page(
        &self,
        listing: &Listing,
        from: Option<Cursor>,
        direction: Direction,
        limit: usize,
    ) -> Result<Option<Vec<Entry>>> {
        let Some(expression) = listing.expression() else {
            return Ok(None);
        };
        let query = listing.query();
        let answered = self.answered(listing)?;
        if answered.is_none() {
            // A search answered afresh sees every entry written since the last.
            self.update_search_index()?;
        }
        let by = match answered {
            Some(Answered::Gathered { .. }) => return Ok(None),
            Some(Answered::Walked { by, .. }) => by,
            None => match self.walk(query, &Test::Text, from, direction, limit, true)? {
                Walk::Full(page) => {
                    self.set_walked(listing, Test::Text)?;
                    return Ok(Some(page));
                }
                // The film is that small: gathering is quick.
                Walk::End(_) => {
                    self.gather(listing, Gather::Query(&expression))?;
                    return Ok(None);
                }
                Walk::TooFar => match self.choose(listing)? {
                    Some(by) => by,
                    None => return Ok(None),
                },
            },
        };
        match self.walk(query, &by, from, direction, limit, false)? {
            Walk::Full(page) | Walk::End(page) => Ok(Some(page)),
            // Texts were read for too long: matches are sparse here, so ids are quicker.
            Walk::TooFar => {
                let by = Test::Ids {
                    ids: self.matching_ids(query.film_id, &expression, u64::MAX)?,
                    exact: true,
                };
                self.set_walked(listing, by.clone())?;
                match self.walk(query, &by, from, direction, limit, false)? {
                    Walk::Full(page) | Walk::End(page) => Ok(Some(page)),
                    Walk::TooFar => Ok(None),
                }
            }
        }
    }

    /// The film's reviews with the search's rarest word, by id, read from the index up
    /// to one past the most a walk tests by id. Longest word first, as the likelier rare
    /// one: the first word in few enough of the film's reviews decides, so a common
    /// word's terms (which FTS5 counts from their whole list: 80 ms for a word in a third
    /// of ten million reviews) are seldom looked up.
    fn rarest_word_ids(&self, film_id: i64, terms: &[String]) -> Result<Arc<[i64]>> {
        let ids_max = self.search_tuning.ids_max;
        let mut longest_first: Vec<&String> = terms.iter().collect();
        longest_first.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
        let mut rarest: Option<Arc<[i64]>> = None;
        for term in longest_first {
            let query = self.word_query(term)?;
            let ids = self.matching_ids(film_id, &query, ids_max.saturating_add(1))?;
            if ids.len() as u64 <= ids_max {
                return Ok(ids);
            }
            if rarest.as_ref().is_none_or(|known| ids.len() < known.len()) {
                rarest = Some(ids);
            }
        }
        Ok(rarest.unwrap_or_else(|| Arc::from([])))
    }

    /// After a probe: how the search is answered, from the film's reviews with its
    /// rarest word: gathered when they are few (`None`), tested by id, or by text when
    /// there are more than a walk tests by id.
    fn choose(&self, listing: &Listing) -> Result<Option<Test>> {
        let tuning = self.search_tuning;
        let terms = listing.query().search_terms();
        let alone = terms.len() == 1;
        let ids = self.rarest_word_ids(listing.query().film_id, &terms)?;
        let found = ids.len() as u64;
        if found <= tuning.gather_max {
            let others = (!alone).then_some(terms.as_slice());
            self.gather(listing, Gather::Ids(&ids, others))?;
            return Ok(None);
        }
        let by = if found <= tuning.ids_max {
            Test::Ids { ids, exact: alone }
        } else {
            Test::Text
        };
        self.set_walked(listing, by.clone())?;
        Ok(Some(by))
    }

    /// Walks the film's list from `from`, keeping reviews that match, until `limit` are
    /// found, the list ends, or a budget of reviews was read: the probe's when `probing`,
    /// else `text_walk_max` when texts are read.
    fn walk(
        &self,
        query: &ReviewQuery,
        by: &Test,
        mut from: Option<Cursor>,
        direction: Direction,
        limit: usize,
        probing: bool,
    ) -> Result<Walk> {
        let SearchTuning {
            probe,
            chunk: first,
            text_walk_max,
            ..
        } = self.search_tuning;
        let budget = match (probing, by) {
            (true, _) => probe,
            (false, Test::Text) => text_walk_max,
            (false, Test::Ids { .. }) => usize::MAX,
        };
        // Testing an id costs next to nothing, so an id walk starts with long steps.
        let mut size = match by {
            Test::Ids { .. } => first * 8,
            Test::Text => first,
        };
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
            let chunk = self.page_keys(&plain, "entry", from, direction, size)?;
            let in_order: Box<dyn Iterator<Item = &Cursor>> = match direction {
                Direction::Forward => Box::new(chunk.iter()),
                Direction::Backward => Box::new(chunk.iter().rev()),
            };
            for key in in_order {
                read += 1;
                if matches(&mut texts, by, &terms, key.id)? {
                    found.push(*key);
                    if found.len() == limit {
                        let page = self.entries_by_id(&in_list_order(found, direction))?;
                        return Ok(Walk::Full(page));
                    }
                }
            }
            if chunk.len() < size {
                let page = self.entries_by_id(&in_list_order(found, direction))?;
                return Ok(Walk::End(page));
            }
            // A probe stops at its budget, or as soon as the matches it found so far say
            // it would not fill its page within it (at once when it found none): the word
            // is then rare enough that the index is quicker.
            let filling = !found.is_empty() && read * limit / found.len() <= budget;
            if read >= budget || (probing && !filling) {
                return Ok(Walk::TooFar);
            }
            let edge = match direction {
                Direction::Forward => chunk.last(),
                Direction::Backward => chunk.first(),
            };
            from = edge.copied();
            // Each step costs a seek per bucket: a long walk takes longer steps.
            size = (size * 2).min(first * 32);
        }
    }

    /// The full-text query for every word starting with `word`: the index's terms by name
    /// when there are few (read from its own list of terms), else the prefix. (A prefix
    /// query merges its terms' lists before its first row, several times slower.) No
    /// film's word (`tokenizer::film_word`) starts as a word does, so none is named.
    fn word_query(&self, word: &str) -> Result<String> {
        const NAMED: usize = 8;
        self.conn.execute_batch(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.entry_terms
             USING fts5vocab(main, entry_fts, row);",
        )?;
        let mut terms = self.conn.prepare_cached(
            "SELECT term FROM temp.entry_terms
             WHERE term >= ?1 AND term < ?1 || char(1114111)",
        )?;
        let mut rows = terms.query([text::fold(word)])?;
        let mut named = Vec::new();
        // One past the few named: the rest are not read (each term's list is, to count
        // it, whether asked for or not).
        while named.len() <= NAMED
            && let Some(row) = rows.next()?
        {
            named.push(quoted(row.get_ref(0)?.as_str().unwrap_or_default()));
        }
        Ok(match named.len() {
            // None (folded otherwise than the index folds), or many: the prefix.
            n if (1..=NAMED).contains(&n) => format!("({})", named.join(" OR ")),
            _ => prefix(word),
        })
    }

    /// The full-text `query` for the reviews of one film: narrowed by the film's own word
    /// in the index (FTS5 then reads only the stretches of the query's lists that lie in
    /// the film), unless the film has most of the reviews: then its word's list is the
    /// longer one, and the query alone (its finds checked for the film) reads less.
    fn in_film(&self, film_id: i64, query: &str) -> Result<String> {
        let mut sizes = self.conn.prepare_cached(
            "SELECT (SELECT coalesce(sum(entries), 0) FROM film_count WHERE film_id = ?1),
                    (SELECT coalesce(max(id), 0) FROM entry)",
        )?;
        let (film, all): (i64, i64) = sizes.query_row([film_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(if film.saturating_mul(2) < all {
            format!("{} AND ({query})", quoted(&film_word(film_id)))
        } else {
            query.to_string()
        })
    }

    /// The ids of the film's reviews the full-text `query` finds, ascending, the first
    /// `cap` of them (with other films' too, when the film has most reviews: a walk of
    /// the film never meets those).
    fn matching_ids(&self, film_id: i64, query: &str, cap: u64) -> Result<Arc<[i64]>> {
        let mut ids = self.conn.prepare_cached(
            "SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?1 ORDER BY rowid LIMIT ?2",
        )?;
        let cap = i64::try_from(cap).unwrap_or(i64::MAX);
        let ids = ids
            .query_map(rusqlite::params![self.in_film(film_id, query)?, cap], |r| {
                r.get(0)
            })?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(ids.into())
    }

    /// How many entries the list has. A walked search's counts are computed here if they
    /// are not known yet (a scan of its matches); the app asks `count_if_known`.
    pub fn count(&self, listing: &Listing) -> Result<u64> {
        if let Some(n) = self.count_if_known(listing)? {
            return Ok(n);
        }
        let query = listing.query();
        let expression = listing.expression().unwrap_or_default();
        let never = AtomicBool::new(false);
        if let Some(counts) = self.search_counts(query.film_id, &expression, &never)? {
            self.set_search_counts(listing, counts);
        }
        Ok(self.count_if_known(listing)?.unwrap_or(0))
    }

    /// How many entries the list has, from kept counts (never a scan of the film), or
    /// `None` while a walked search's counts are not in yet.
    pub fn count_if_known(&self, listing: &Listing) -> Result<Option<u64>> {
        let query = listing.query();
        let counts = match listing.expression() {
            None => self.bucket_counts(query.film_id)?,
            Some(_) => {
                if self.answered(listing)?.is_none() {
                    // Decide how the search is answered, as its first page would.
                    self.search_page(listing, None, Direction::Forward, 32)?;
                }
                match self.answered(listing)?.as_ref().and_then(Answered::counts) {
                    Some(counts) => counts.clone(),
                    None => return Ok(None),
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

    /// The film and full-text query of a search whose counts are still to be computed
    /// (by `search_counts`, on a connection of its own).
    pub fn search_needs_counts(&self, listing: &Listing) -> Result<Option<(i64, String)>> {
        let Some(expression) = listing.expression() else {
            return Ok(None);
        };
        Ok(match self.answered(listing)? {
            Some(Answered::Walked { counts: None, .. }) => {
                Some((listing.query.film_id, expression))
            }
            _ => None,
        })
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
        let narrowed = self.in_film(film_id, expression)?;
        let mut rows = stmt.query(rusqlite::params![narrowed, film_id])?;
        let mut counts = BucketCounts::default();
        let mut seen = 0u32;
        while let Some(row) = rows.next()? {
            counts.add_one(row.get(0)?, row.get(1)?);
            seen = seen.wrapping_add(1);
            if seen.is_multiple_of(4096) && cancel.load(Ordering::Relaxed) {
                return Ok(None);
            }
        }
        Ok(Some(BucketCountsOut {
            film_id,
            expression: expression.to_string(),
            counts,
        }))
    }

    /// Takes counts computed elsewhere (`search_counts`) for the listing's search; counts
    /// of another search are ignored.
    pub fn set_search_counts(&self, listing: &Listing, counts: BucketCountsOut) {
        let mut answer = listing.answer.borrow_mut();
        if listing.query.film_id == counts.film_id
            && listing.expression().as_deref() == Some(counts.expression.as_str())
            && let Some(state) = answer.as_mut()
            && let Answered::Walked { counts: known, .. } = &mut state.answered
            && known.is_none()
        {
            *known = Some(counts.counts);
        }
    }

    /// Counts of a search's matches per bucket (the histogram of the search), when known.
    pub fn search_stats(&self, listing: &Listing) -> Result<Option<FilmStats>> {
        if listing.expression().is_none() {
            return Ok(None);
        }
        let answered = self.answered(listing)?;
        Ok(answered
            .as_ref()
            .and_then(Answered::counts)
            .map(BucketCounts::stats))
    }

    /// How the listing's search is answered, unless the entries changed since.
    fn answered(&self, listing: &Listing) -> Result<Option<Answered>> {
        let answer = listing.answer.borrow();
        let Some(state) = answer.as_ref() else {
            return Ok(None);
        };
        Ok((self.stamp()? == state.stamp).then(|| state.answered.clone()))
    }

    fn stamp(&self) -> Result<Stamp> {
        let mut read = self.conn.prepare_cached(
            "SELECT (SELECT data_version FROM pragma_data_version), n FROM temp.entry_writes",
        )?;
        Ok(read.query_row([], |r| {
            Ok(Stamp {
                others: r.get(0)?,
                ours: r.get(1)?,
            })
        })?)
    }

    fn set_walked(&self, listing: &Listing, by: Test) -> Result<()> {
        let counts = None;
        self.set_answered(listing, Answered::Walked { by, counts })
    }

    fn set_answered(&self, listing: &Listing, answered: Answered) -> Result<()> {
        self.conn.execute_batch(WATCH_ENTRIES)?;
        *listing.answer.borrow_mut() = Some(SearchState {
            answered,
            stamp: self.stamp()?,
        });
        Ok(())
    }

    /// Has `temp.hits` hold the listing's matches: gathered now (`found`), or put back
    /// from the ids gathered before, when another listing's search used the table since.
    fn gather(&self, listing: &Listing, found: Gather) -> Result<()> {
        let film_id = listing.query.film_id;
        let gathered = match self.answered(listing)? {
            Some(Answered::Gathered { hits, .. }) => Some(hits),
            _ => None,
        };
        if gathered.is_none() {
            self.update_search_index()?;
        }
        self.conn.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS hits (
                 id INTEGER PRIMARY KEY, film_id INTEGER, rating INTEGER, ts INTEGER,
                 likes INTEGER, has_text INTEGER);
             CREATE INDEX IF NOT EXISTS temp.hits_time ON hits(film_id, rating, ts, id);
             CREATE INDEX IF NOT EXISTS temp.hits_likes ON hits(film_id, rating, likes, ts, id);
             CREATE TEMP TABLE IF NOT EXISTS hits_of (token INTEGER NOT NULL);",
        )?;
        let holding: Option<i64> = self
            .conn
            .prepare_cached("SELECT token FROM temp.hits_of")?
            .query_row([], |r| r.get(0))
            .ok();
        if let Some(hits) = &gathered
            && holding == Some(hits.token)
        {
            return Ok(());
        }
        self.conn
            .execute_batch("DELETE FROM temp.hits; DELETE FROM temp.hits_of;")?;
        match (&gathered, found) {
            (Some(hits), _) => self.put_back(film_id, &hits.ids)?,
            (None, Gather::Query(fts)) => {
                self.conn.execute(
                    "INSERT INTO temp.hits
                     SELECT e.id, e.film_id, e.rating, e.ts, e.likes, e.body <> ''
                     FROM entry_fts JOIN entry e ON e.id = entry_fts.rowid
                     WHERE entry_fts MATCH ?1 AND e.film_id = ?2",
                    rusqlite::params![self.in_film(film_id, fts)?, film_id],
                )?;
            }
            (None, Gather::Ids(ids, None)) => self.put_back(film_id, ids)?,
            (None, Gather::Ids(ids, Some(terms))) => self.gather_checked(film_id, ids, terms)?,
        }
        let hits = match gathered {
            Some(hits) => hits,
            None => self.label_hits(listing)?,
        };
        self.conn
            .execute("INSERT INTO temp.hits_of VALUES (?1)", [hits.token])?;
        Ok(())
    }

    /// Records what `temp.hits` now holds as the listing's answer.
    fn label_hits(&self, listing: &Listing) -> Result<Hits> {
        let counts = BucketCounts::read(
            &self.conn,
            "SELECT coalesce(rating, 0), count(*), sum(has_text) FROM temp.hits GROUP BY rating",
            [],
        )?;
        let ids = self
            .conn
            .prepare_cached("SELECT id FROM temp.hits ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        let hits = Hits {
            token: GATHERED.fetch_add(1, Ordering::Relaxed),
            ids: ids.into(),
        };
        let answered = Answered::Gathered {
            counts,
            hits: hits.clone(),
        };
        self.set_answered(listing, answered)?;
        Ok(hits)
    }

    /// Fills `temp.hits` with the film's entries among `ids`: matches gathered before, or
    /// found.
    fn put_back(&self, film_id: i64, ids: &[i64]) -> Result<()> {
        self.conn.execute(
            "INSERT INTO temp.hits
             SELECT e.id, e.film_id, e.rating, e.ts, e.likes, e.body <> ''
             FROM json_each(?1) AS j CROSS JOIN entry e ON e.id = j.value
             WHERE e.film_id = ?2",
            rusqlite::params![json_ids(ids), film_id],
        )?;
        Ok(())
    }

    /// Adds to `temp.hits` the entries `ids` of the film that have every word.
    fn gather_checked(&self, film_id: i64, ids: &[i64], terms: &[String]) -> Result<()> {
        let folded: Vec<String> = terms.iter().map(|t| text::fold(t)).collect();
        let mut found = self.conn.prepare_cached(
            // CROSS JOIN: the ids first, each looked up; not the film's every entry.
            "SELECT e.id, e.rating, e.ts, e.likes, e.body, e.author
             FROM json_each(?1) AS j CROSS JOIN entry e ON e.id = j.value
             WHERE e.film_id = ?2",
        )?;
        let mut add = self
            .conn
            .prepare_cached("INSERT INTO temp.hits VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
        let mut rows = found.query(rusqlite::params![json_ids(ids), film_id])?;
        while let Some(row) = rows.next()? {
            let body: String = row.get(4)?;
            let author: String = row.get(5)?;
            if text_matches(&body, &author, &folded) {
                let (id, rating, ts, likes): (i64, Option<i64>, i64, i64) =
                    (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
                add.execute(rusqlite::params![
                    id,
                    film_id,
                    rating,
                    ts,
                    likes,
                    !body.is_empty()
                ])?;
            }
        }
        Ok(())
    }
}

/// What a search's matches are gathered from.
enum Gather<'a> {
    /// Every review of the film the full-text query finds.
    Query(&'a str),
    /// The film's among these reviews (those with the search's rarest word); those with
    /// every one of the words, when they are given.
    Ids(&'a [i64], Option<&'a [String]>),
}

/// Ids as a JSON array, for `json_each`.
fn json_ids(ids: &[i64]) -> String {
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("[{}]", ids.join(","))
}

/// A search's counts per bucket, as computed by `search_counts`, to hand back to the
/// connection the app pages with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BucketCountsOut {
    film_id: i64,
    expression: String,
    counts: BucketCounts,
}

fn in_list_order(mut found: Vec<Cursor>, direction: Direction) -> Vec<Cursor> {
    if direction == Direction::Backward {
        found.reverse();
    }
    found
}

/// Whether the review `id` matches, tested `by` its text (read with `texts`) or its id.
fn matches(texts: &mut CachedStatement, by: &Test, terms: &[String], id: i64) -> Result<bool> {
    match by {
        Test::Ids { ids, .. } if ids.binary_search(&id).is_err() => Ok(false),
        Test::Ids { exact: true, .. } => Ok(true),
        // Borrowed, not copied: a walk reads hundreds of texts per page.
        _ => Ok(texts.query_row([id], |r| {
            let body = r.get_ref(0)?.as_str()?;
            let author = r.get_ref(1)?.as_str()?;
            Ok(text_matches(body, author, terms))
        })?),
    }
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
    let prefixes: Vec<String> = terms.iter().map(|t| prefix(t)).collect();
    Some(prefixes.join(" "))
}

/// A word as an FTS5 string.
fn quoted(word: &str) -> String {
    format!("\"{}\"", word.replace('"', "\"\""))
}

/// Every word starting with `word`, as an FTS5 query.
fn prefix(word: &str) -> String {
    format!("{}*", quoted(word))
}
