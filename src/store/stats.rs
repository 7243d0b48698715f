//! Per-film counts: read from `film_count`, which triggers keep exact on every write, so
//! the histogram and average never scan reviews.

use super::{Result, Store};
use crate::model::FilmStats;

impl Store {
    pub fn film_stats(&self, film_id: i64) -> Result<FilmStats> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT bucket, entries, reviews FROM film_count WHERE film_id = ?1")?;
        let mut stats = FilmStats::default();
        let mut rows = stmt.query([film_id])?;
        while let Some(row) = rows.next()? {
            let bucket: i64 = row.get(0)?;
            // Counts never go below zero; a negative one would mean a broken trigger.
            let entries = u64::try_from(row.get::<_, i64>(1)?).unwrap_or(0);
            let reviews = u64::try_from(row.get::<_, i64>(2)?).unwrap_or(0);
            match bucket {
                0 => stats.unrated = entries,
                1..=10 => stats.buckets[bucket as usize - 1] = entries,
                _ => {}
            }
            stats.reviews += reviews;
        }
        Ok(stats)
    }
}
