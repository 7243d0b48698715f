//! Per-film counts: read from `film_count`, which triggers keep exact on every write, so
//! the histogram, the average and the list's length never scan reviews.

use rusqlite::{Connection, Params};

use super::{Result, Store};
use crate::model::FilmStats;
use crate::query::Bucket;

/// Index of a stored bucket: 1..=10 as they are, anything else (unrated, or a rating
/// stored outside the rules) 0.
fn slot(bucket: i64) -> usize {
    usize::try_from(bucket)
        .ok()
        .filter(|b| (1..=10).contains(b))
        .unwrap_or(0)
}

/// Entries and entries with text, per bucket: index 0 is unrated, 1..=10 the half-stars.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct BucketCounts {
    entries: [u64; 11],
    reviews: [u64; 11],
}

impl BucketCounts {
    /// Reads rows of (bucket 0..=10, entries, reviews).
    pub(super) fn read(conn: &Connection, sql: &str, params: impl Params) -> Result<BucketCounts> {
        let mut counts = BucketCounts::default();
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query(params)?;
        while let Some(row) = rows.next()? {
            counts.record(
                row.get(0)?,
                row.get(1)?,
                row.get::<_, Option<i64>>(2)?.unwrap_or(0),
            );
        }
        Ok(counts)
    }

    /// Takes one row of counts: bucket 0..=10, entries, entries with text.
    /// A rating stored outside 1..=10 is counted as unrated (index 0), as it is shown.
    pub(super) fn record(&mut self, bucket: i64, entries: i64, reviews: i64) {
        let at = slot(bucket);
        // Counts never go below zero; a negative one would mean a broken trigger.
        self.entries[at] += u64::try_from(entries).unwrap_or(0);
        self.reviews[at] += u64::try_from(reviews).unwrap_or(0);
    }

    /// Counts one more entry in `bucket`, with text or not.
    pub(super) fn add_one(&mut self, bucket: i64, has_text: bool) {
        let at = slot(bucket);
        self.entries[at] += 1;
        self.reviews[at] += u64::from(has_text);
    }

    /// Entries of `bucket`; the buckets of ratings outside 1..=10 are counted with the
    /// unrated, so they are none of their own here.
    pub(super) fn get(&self, bucket: Bucket, text_only: bool) -> u64 {
        if bucket.is_some() && crate::query::is_unrated(bucket) {
            return 0;
        }
        let at = usize::from(bucket.unwrap_or(0));
        if text_only {
            self.reviews[at]
        } else {
            self.entries[at]
        }
    }

    pub(super) fn stats(&self) -> FilmStats {
        let mut buckets = [0; 10];
        buckets.copy_from_slice(&self.entries[1..]);
        FilmStats {
            buckets,
            unrated: self.entries[0],
            reviews: self.reviews.iter().sum(),
        }
    }
}

impl Store {
    pub fn film_stats(&self, film_id: i64) -> Result<FilmStats> {
        Ok(self.bucket_counts(film_id)?.stats())
    }

    pub(super) fn bucket_counts(&self, film_id: i64) -> Result<BucketCounts> {
        BucketCounts::read(
            &self.conn,
            // A rating no bucket stands for (one written before ratings were guarded)
            // has no bucket either: `check` names it.
            "SELECT bucket, entries, reviews FROM film_count
             WHERE film_id = ?1 AND typeof(bucket) = 'integer'",
            [film_id],
        )
    }
}
