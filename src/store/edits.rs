//! The member's own writes from the app, made safe against other writers: a save of an
//! edit compares the entry with the version it had when the edit began and never
//! overwrites what changed meanwhile; a new review goes to its film by slug, so a film
//! deleted (or given another id) while the review was written still gets it.

use std::hash::Hasher;

use rusqlite::types::ValueRef;
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::entries::{ENTRY_COLUMNS, entry_from_row, insert_entry, new_source_key, tags_json};
use super::films::ensure_film;
use super::{Result, Store, StoreError};
use crate::model::{Entry, Film, NewEntry, NewFilm, Rating};
use crate::text::clean_input;

/// What an entry is (who wrote it, when, where it came from) and what it holds (film,
/// rating, text, dates, marks, tags), each hashed from the values as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntryVersion {
    identity: u64,
    content: u64,
}

impl EntryVersion {
    /// As kept in a draft's `base`.
    pub fn to_text(self) -> String {
        format!("{:016x}{:016x}", self.identity, self.content)
    }

    pub fn parse(text: &str) -> Option<EntryVersion> {
        if text.len() != 32 {
            return None;
        }
        Some(EntryVersion {
            identity: u64::from_str_radix(text.get(..16)?, 16).ok()?,
            content: u64::from_str_radix(text.get(16..)?, 16).ok()?,
        })
    }
}

/// The columns hashed, identity first.
const VERSION_COLUMNS: &str = "is_mine, created, source_key, \
    film_id, author, rating, body, watched, liked, rewatch, spoiler, tags, markup";
const IDENTITY_COLUMNS: usize = 3;

/// FNV-1a over a value's type and bytes.
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

fn hash_value(hasher: &mut Fnv, value: ValueRef<'_>) {
    match value {
        ValueRef::Null => hasher.write(&[0]),
        ValueRef::Integer(n) => {
            hasher.write(&[1]);
            hasher.write(&n.to_le_bytes());
        }
        ValueRef::Real(x) => {
            hasher.write(&[2]);
            hasher.write(&x.to_bits().to_le_bytes());
        }
        ValueRef::Text(t) => {
            hasher.write(&[3]);
            hasher.write(&(t.len() as u64).to_le_bytes());
            hasher.write(t);
        }
        ValueRef::Blob(b) => {
            hasher.write(&[4]);
            hasher.write(&(b.len() as u64).to_le_bytes());
            hasher.write(b);
        }
    }
}

fn version_of(conn: &rusqlite::Connection, id: i64) -> rusqlite::Result<Option<EntryVersion>> {
    conn.prepare_cached(&format!(
        "SELECT {VERSION_COLUMNS} FROM entry WHERE id = ?1"
    ))?
    .query_row([id], |row| {
        let mut identity = Fnv(0xcbf2_9ce4_8422_2325);
        let mut content = Fnv(0xcbf2_9ce4_8422_2325);
        for i in 0..13 {
            let hasher = if i < IDENTITY_COLUMNS {
                &mut identity
            } else {
                &mut content
            };
            hash_value(hasher, row.get_ref(i)?);
        }
        Ok(EntryVersion {
            identity: identity.finish(),
            content: content.finish(),
        })
    })
    .optional()
}

/// How a save of an edit went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditSaved {
    /// Written over the entry, which was as the edit found it.
    Saved,
    /// Not written: the entry changed since the edit began (another app, a script). It
    /// holds this now.
    Changed(Box<Entry>),
    /// Not written: the entry was deleted since (or its id now names another entry).
    Gone,
}

/// Where a new review of the member's went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OwnAdded {
    pub id: i64,
    pub film_id: i64,
    /// The film had been deleted meanwhile, and was made again from what the app knew.
    pub film_made_again: bool,
}

/// What the member wrote, for a save: the entry, and whether its text is the text the
/// edit began with (then the stored text stays exactly as it is, whatever its bytes).
pub struct Edit<'a> {
    pub entry: &'a NewEntry,
    pub text_unchanged: bool,
}

impl Store {
    /// The version entry `id` has now, `None` when there is no such entry.
    pub fn entry_version(&self, id: i64) -> Result<Option<EntryVersion>> {
        Ok(version_of(&self.conn, id)?)
    }

    /// Saves an edit of the member's entry `id` begun at version `base`, and drops the
    /// app's draft of the film, in one transaction; or, when the entry changed or went
    /// meanwhile, writes nothing and says so.
    pub fn save_edit(
        &mut self,
        id: i64,
        base: EntryVersion,
        edit: &Edit,
        film_slug: &str,
    ) -> Result<EditSaved> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now = version_of(&tx, id)?;
        let outcome = match now {
            None => EditSaved::Gone,
            Some(now) if now.identity != base.identity => EditSaved::Gone,
            Some(now) if now.content != base.content => {
                let theirs = tx
                    .prepare_cached(&format!("SELECT {ENTRY_COLUMNS} FROM entry WHERE id = ?1"))?
                    .query_row([id], entry_from_row)?;
                EditSaved::Changed(Box::new(theirs))
            }
            Some(_) => {
                update_own(&tx, id, edit)?;
                drop_draft(&tx, film_slug)?;
                super::stale::bring_up_to_date(&tx)?;
                EditSaved::Saved
            }
        };
        tx.commit()?;
        Ok(outcome)
    }

    /// Adds a review the member wrote of `film`, found by its slug (it may have another
    /// id now; when it was deleted meanwhile, it is made again from `film`), and drops the
    /// app's draft of it, in one transaction.
    pub fn add_own_entry(&mut self, film: &Film, entry: &NewEntry) -> Result<OwnAdded> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (film_id, film_made_again) = ensure_film(
            &tx,
            &NewFilm {
                slug: film.slug.clone(),
                title: film.title.clone(),
                year: film.year,
                directors: film.directors.clone(),
                synopsis: film.synopsis.clone(),
            },
        )?;
        let id = add_own(&tx, film_id, entry)?;
        drop_draft(&tx, &film.slug)?;
        super::stale::bring_up_to_date(&tx)?;
        tx.commit()?;
        Ok(OwnAdded {
            id,
            film_id,
            film_made_again,
        })
    }
}

impl Store {
    /// Adds one entry the user wrote, and drops the film's draft in the same transaction.
    pub fn add_entry(&mut self, film_id: i64, entry: &NewEntry) -> Result<i64> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = add_own(&tx, film_id, entry)?;
        drop_film_draft(&tx, film_id)?;
        // The search index follows in the same transaction (see `stale`).
        super::stale::bring_up_to_date(&tx)?;
        tx.commit()?;
        Ok(id)
    }

    /// Changes what the user wrote in one of their own entries (rating, text, watched
    /// date, marks and tags), and drops the film's draft in the same transaction.
    pub fn update_entry(&mut self, id: i64, entry: &NewEntry) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let film_id = own_entry_film(&tx, id)?;
        let edit = Edit {
            entry,
            text_unchanged: false,
        };
        update_own(&tx, id, &edit)?;
        drop_film_draft(&tx, film_id)?;
        // The search index follows in the same transaction (see `stale`).
        super::stale::bring_up_to_date(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// Deletes one of the user's own entries.
    pub fn delete_entry(&mut self, id: i64) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        own_entry_film(&tx, id)?;
        tx.execute("DELETE FROM entry WHERE id = ?1", [id])?;
        // The search index follows in the same transaction (see `stale`).
        super::stale::bring_up_to_date(&tx)?;
        tx.commit()?;
        Ok(())
    }
}

/// Drops this app's draft of film `film_id`.
fn drop_film_draft(tx: &Transaction, film_id: i64) -> Result<()> {
    let slug: Option<String> = tx
        .query_row("SELECT slug FROM film WHERE id = ?1", [film_id], |r| {
            r.get(0)
        })
        .optional()?;
    match slug {
        Some(slug) => drop_draft(tx, &slug),
        None => Ok(()),
    }
}

/// Inserts the member's entry with a key of its own, marking the film logged.
pub(super) fn add_own(tx: &Transaction, film_id: i64, entry: &NewEntry) -> Result<i64> {
    // The user's own entries get a key too, so exporting and importing them again
    // recognises them.
    let keyed = NewEntry {
        source_key: entry.source_key.clone().or_else(|| Some(new_source_key())),
        ..entry.clone()
    };
    let id = insert_entry(tx, film_id, &keyed, None)?
        .ok_or(rusqlite::Error::StatementChangedRows(0))?
        .id;
    if entry.is_mine {
        super::entries::mark_logged(tx, film_id, entry)?;
    }
    Ok(id)
}

/// Writes what the member changed in their entry: rating, text (unless unchanged, so
/// text another program stored as bytes stays as it is), watched date, marks and tags.
pub(super) fn update_own(tx: &Transaction, id: i64, edit: &Edit) -> Result<()> {
    let film_id = own_entry_film(tx, id)?;
    let entry = edit.entry;
    let rated_before: Option<i64> =
        tx.query_row("SELECT rating FROM entry WHERE id = ?1", [id], |r| r.get(0))?;
    tx.execute(
        // The formatting stays while the text does (the composer edits plain text).
        "UPDATE entry SET rating = ?2,
                          body = CASE WHEN ?9 THEN body ELSE ?3 END,
                          watched = ?4, liked = ?5, rewatch = ?6, spoiler = ?7, tags = ?8,
                          markup = CASE WHEN ?9 OR body = ?3 THEN markup END
         WHERE id = ?1",
        params![
            id,
            entry.rating.map(Rating::half_stars),
            clean_input(&entry.body),
            entry.watched,
            entry.liked,
            entry.rewatch,
            entry.spoiler,
            tags_json(&entry.tags),
            edit.text_unchanged,
        ],
    )?;
    // As when it was logged, a log's rating given now becomes the member's rating of the
    // film (a rating taken off leaves the film's as it was).
    let rated_now = entry.rating.map(|r| i64::from(r.half_stars()));
    if rated_now.is_some() && rated_now != rated_before {
        super::entries::mark_logged(tx, film_id, entry)?;
    }
    Ok(())
}

/// Drops this app's draft of the film with `slug`.
pub(super) fn drop_draft(tx: &Transaction, slug: &str) -> Result<()> {
    tx.execute(
        "DELETE FROM draft WHERE film_slug = ?1 AND session = ?2",
        params![slug, super::drafts::session()],
    )?;
    Ok(())
}

/// The film of entry `id`, when the entry is the user's own.
pub(super) fn own_entry_film(tx: &Transaction, id: i64) -> Result<i64> {
    let found: Option<(i64, bool, String)> = tx
        .query_row(
            "SELECT film_id, is_mine, author FROM entry WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                ))
            },
        )
        .optional()?;
    match found {
        None => Err(StoreError::NoSuchEntry(id)),
        Some((_, false, author)) => Err(StoreError::NotYours {
            author: crate::text::sanitize_line(&author),
        }),
        Some((film_id, true, _)) => Ok(film_id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own(body: &str) -> NewEntry {
        NewEntry {
            author: "me".into(),
            body: body.into(),
            rating: Rating::from_half_stars(8),
            is_mine: true,
            ..NewEntry::default()
        }
    }

    #[test]
    fn an_edit_saves_over_what_it_found_and_never_over_what_changed() {
        let mut store = Store::open_in_memory().unwrap();
        crate::sample::seed(&mut store).unwrap();
        let film = store.find_film("the-work").unwrap();
        let id = store.add_own_entry(&film, &own("first")).unwrap().id;
        let base = store.entry_version(id).unwrap().unwrap();
        let mine = own("mine");
        let edit = Edit {
            entry: &mine,
            text_unchanged: false,
        };
        // Someone else changes it meanwhile.
        store
            .conn
            .execute("UPDATE entry SET body = 'theirs' WHERE id = ?1", [id])
            .unwrap();
        match store.save_edit(id, base, &edit, &film.slug).unwrap() {
            EditSaved::Changed(theirs) => assert_eq!(theirs.body, "theirs"),
            other => panic!("{other:?}"),
        }
        assert_eq!(store.entry(id).unwrap().unwrap().body, "theirs");
        // From what is there now, the edit saves.
        let now = store.entry_version(id).unwrap().unwrap();
        assert_eq!(
            store.save_edit(id, now, &edit, &film.slug).unwrap(),
            EditSaved::Saved
        );
        assert_eq!(store.entry(id).unwrap().unwrap().body, "mine");
        // Deleted, then its id given to another entry: gone, not changed.
        store
            .conn
            .execute("DELETE FROM entry WHERE id = ?1", [id])
            .unwrap();
        let base = now;
        assert_eq!(
            store.save_edit(id, base, &edit, &film.slug).unwrap(),
            EditSaved::Gone
        );
        let again = store.add_own_entry(&film, &own("another")).unwrap().id;
        assert_eq!(again, id, "SQLite gives the highest id again");
        assert_eq!(
            store.save_edit(id, base, &edit, &film.slug).unwrap(),
            EditSaved::Gone
        );
    }

    #[test]
    fn a_review_of_a_film_deleted_meanwhile_makes_the_film_again() {
        let mut store = Store::open_in_memory().unwrap();
        crate::sample::seed(&mut store).unwrap();
        let film = store.find_film("the-work").unwrap();
        store
            .conn
            .execute("DELETE FROM film WHERE id = ?1", [film.id])
            .unwrap();
        let added = store.add_own_entry(&film, &own("still here")).unwrap();
        assert!(added.film_made_again);
        let back = store.find_film("the-work").unwrap();
        assert_eq!(back.title, "The Work");
        assert_eq!(store.entry(added.id).unwrap().unwrap().film_id, back.id);
    }
}
