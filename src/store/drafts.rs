//! Drafts: the composer's contents, one per film, written as the user types.

use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::{Result, Store};
use crate::model::{Draft, Rating, now};
use crate::text::clean_input;

impl Store {
    pub fn save_draft(&mut self, draft: &Draft) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT OR REPLACE INTO draft
                 (film_id, entry_id, rating, body, watched, liked, rewatch, spoiler, tags, updated)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                draft.film_id,
                draft.entry_id,
                draft.rating.map(Rating::half_stars),
                clean_input(&draft.body),
                clean_input(&draft.watched),
                draft.liked,
                draft.rewatch,
                draft.spoiler,
                clean_input(&draft.tags),
                now(),
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn draft(&self, film_id: i64) -> Result<Option<Draft>> {
        Ok(self
            .conn
            .query_row(
                "SELECT film_id, entry_id, rating, body, watched, liked, rewatch, spoiler, tags
                 FROM draft WHERE film_id = ?1",
                [film_id],
                |row| {
                    let rating: Option<u8> = row.get(2)?;
                    Ok(Draft {
                        film_id: row.get(0)?,
                        entry_id: row.get(1)?,
                        rating: rating.and_then(Rating::from_half_stars),
                        body: row.get(3)?,
                        watched: row.get(4)?,
                        liked: row.get(5)?,
                        rewatch: row.get(6)?,
                        spoiler: row.get(7)?,
                        tags: row.get(8)?,
                    })
                },
            )
            .optional()?)
    }

    pub fn delete_draft(&mut self, film_id: i64) -> Result<()> {
        self.conn
            .execute("DELETE FROM draft WHERE film_id = ?1", [film_id])?;
        Ok(())
    }
}
