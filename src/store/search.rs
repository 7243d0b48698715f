//! Search: FTS5 over review text and author (case and accents ignored, each word a
//! prefix). A search's matches for one film are gathered once into a temporary table with
//! the same shape and indexes as `entry`, so paging through them is the same keyset
//! query as paging through the film, and their counts are known without scanning.

use super::stats::BucketCounts;
use super::{Result, Store};
use crate::model::FilmStats;
use crate::query::ReviewQuery;

/// The search whose matches `temp.hits` holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Materialized {
    film_id: i64,
    expression: String,
    counts: BucketCounts,
}

impl Store {
    /// The table a query reads: the film's entries, or a search's matches.
    pub(super) fn source(&self, query: &ReviewQuery) -> Result<&'static str> {
        match match_expression(&query.search_terms()) {
            None => Ok("entry"),
            Some(expression) => {
                self.materialize(query.film_id, &expression)?;
                Ok("temp.hits")
            }
        }
    }

    /// How many entries the query lists, from kept counts (never a scan of the film).
    pub fn count(&self, query: &ReviewQuery) -> Result<u64> {
        let counts = match match_expression(&query.search_terms()) {
            None => self.bucket_counts(query.film_id)?,
            Some(expression) => {
                self.materialize(query.film_id, &expression)?;
                self.search
                    .borrow()
                    .as_ref()
                    .map(|m| m.counts.clone())
                    .unwrap_or_default()
            }
        };
        Ok(query
            .filter
            .buckets()
            .into_iter()
            .map(|bucket| counts.get(bucket, query.text_only))
            .sum())
    }

    /// Counts of a search's matches per bucket (the histogram of the search).
    pub fn search_stats(&self, query: &ReviewQuery) -> Result<Option<FilmStats>> {
        let Some(expression) = match_expression(&query.search_terms()) else {
            return Ok(None);
        };
        self.materialize(query.film_id, &expression)?;
        Ok(self.search.borrow().as_ref().map(|m| m.counts.stats()))
    }

    /// Fills `temp.hits` with the film's matches, unless it holds them already.
    fn materialize(&self, film_id: i64, expression: &str) -> Result<()> {
        let fresh = self
            .search
            .borrow()
            .as_ref()
            .is_some_and(|m| m.film_id == film_id && m.expression == expression);
        if fresh {
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
        *self.search.borrow_mut() = Some(Materialized {
            film_id,
            expression: expression.to_string(),
            counts,
        });
        Ok(())
    }

    /// Forgets the gathered matches: entries changed (here or in another process).
    pub fn forget_search(&self) {
        *self.search.borrow_mut() = None;
    }
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
