//! Bulk writes for importers: one transaction for a whole import, so a bad row anywhere
//! leaves the database exactly as it was. Importers call these; they never write SQL.

use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::entries::{Added, insert_entry};
use super::films::ensure_film;
use super::{Result, Store};
use crate::model::{NewEntry, NewFilm, slugify};

/// An import in progress. Dropping it without `commit` rolls everything back.
pub struct Import<'a> {
    tx: Transaction<'a>,
    added: Added,
}

/// How an entry with an id of its own (JSONL) was taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placed {
    /// Stored under the id it came with.
    AsIs,
    /// Its id belonged to another entry: stored under a new one.
    Renumbered,
    /// Already stored: skipped.
    Duplicate,
}

impl Store {
    pub fn begin_import(&mut self) -> Result<Import<'_>> {
        // The import changes what searches find.
        self.forget_search();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        Ok(Import {
            tx,
            added: Added::default(),
        })
    }
}

impl Import<'_> {
    /// The film with `film.slug`, added when missing.
    pub fn film(&mut self, film: &NewFilm) -> Result<i64> {
        let (id, added) = ensure_film(&self.tx, film)?;
        self.added.films += usize::from(added);
        Ok(id)
    }

    /// The id of the film with this slug, if there is one.
    pub fn film_with_slug(&self, slug: &str) -> Result<Option<i64>> {
        Ok(self
            .tx
            .query_row("SELECT id FROM film WHERE slug = ?1", [slug], |r| r.get(0))
            .optional()?)
    }

    /// The film with this title and year, added when missing under a free slug
    /// ("heat", else "heat-1995", else "heat-1995-2").
    pub fn film_titled(&mut self, title: &str, year: Option<i32>) -> Result<i64> {
        let found: Option<i64> = self
            .tx
            .query_row(
                "SELECT id FROM film WHERE title = ?1 AND year IS ?2 ORDER BY id LIMIT 1",
                params![title, year],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = found {
            return Ok(id);
        }
        let slug = self.free_slug(title, year)?;
        self.film(&NewFilm {
            slug,
            title: title.to_string(),
            year,
            ..NewFilm::default()
        })
    }

    fn free_slug(&self, title: &str, year: Option<i32>) -> Result<String> {
        let base = slugify(title);
        let mut candidates = vec![base.clone()];
        if let Some(year) = year {
            candidates.push(format!("{base}-{year}"));
        }
        let last = candidates.last().cloned().unwrap_or(base);
        candidates.extend((2..).map(|n| format!("{last}-{n}")).take(1000));
        for slug in candidates {
            let taken: bool = self.tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM film WHERE slug = ?1)",
                [&slug],
                |r| r.get(0),
            )?;
            if !taken {
                return Ok(slug);
            }
        }
        Ok(format!("{}-{}", slugify(title), self.added.films + 1001))
    }

    /// Adds an entry unless its source key is stored already; says whether it was added.
    pub fn entry(&mut self, film_id: i64, entry: &NewEntry) -> Result<bool> {
        let added = insert_entry(&self.tx, film_id, entry, None)?.is_some();
        if added {
            self.added.entries += 1;
        } else {
            self.added.duplicates += 1;
        }
        Ok(added)
    }

    /// Adds an entry that comes with an id (from marquee's own export). The id is kept when
    /// it is free; an entry already stored (same id and content, or same source key) is
    /// skipped; an id taken by a different entry is replaced by a new one.
    pub fn entry_with_id(&mut self, id: i64, film_id: i64, entry: &NewEntry) -> Result<Placed> {
        if let Some(key) = &entry.source_key {
            let known: bool = self.tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM entry WHERE source_key = ?1)",
                [key],
                |r| r.get(0),
            )?;
            if known {
                self.added.duplicates += 1;
                return Ok(Placed::Duplicate);
            }
        }
        let holder: Option<(i64, String, String, Option<String>)> = self
            .tx
            .query_row(
                "SELECT film_id, author, body, created FROM entry WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let placed = match holder {
            None => Placed::AsIs,
            Some((f, author, body, created))
                if f == film_id
                    && author == entry.author
                    && body == entry.body
                    && created == entry.created =>
            {
                self.added.duplicates += 1;
                return Ok(Placed::Duplicate);
            }
            Some(_) => Placed::Renumbered,
        };
        let keep = (placed == Placed::AsIs).then_some(id);
        let new_id = insert_entry(&self.tx, film_id, entry, keep)?;
        self.added.entries += usize::from(new_id.is_some());
        Ok(placed)
    }

    /// Whether the film has any entry (stored before or during this import).
    pub fn has_entries(&self, film_id: i64) -> Result<bool> {
        Ok(self.tx.query_row(
            "SELECT coalesce(sum(entries), 0) > 0 FROM film_count WHERE film_id = ?1",
            [film_id],
            |r| r.get(0),
        )?)
    }

    pub fn commit(self) -> Result<Added> {
        self.tx.commit()?;
        Ok(self.added)
    }
}
