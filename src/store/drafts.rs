//! Drafts: the composer's contents, saved as the user types. Each app (process) keeps its
//! own draft of a film, so two apps composing on one film never replace each other's
//! text; an app's `w` takes over a draft another app left behind (a crash, a kill).

use std::sync::OnceLock;

use rusqlite::{OptionalExtension, Row, TransactionBehavior, params};

use super::{Result, Store};
use crate::model::{Draft, Rating, now};
use crate::text::clean_input;

/// This process's name for its drafts: its id and the moment it first asked.
pub(super) fn session() -> &'static str {
    static SESSION: OnceLock<String> = OnceLock::new();
    SESSION.get_or_init(|| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        format!("{:x}-{nanos:x}", std::process::id())
    })
}

/// Whether the app that wrote drafts under `session` is still running (here).
fn still_running(session: &str) -> bool {
    let Some(pid) = session
        .split('-')
        .next()
        .and_then(|p| u32::from_str_radix(p, 16).ok())
    else {
        return false;
    };
    process_alive(pid)
}

#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 sends nothing; it only asks whether the process exists.
    let found = unsafe { libc::kill(pid, 0) } == 0;
    found || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    false
}

const DRAFT_COLUMNS: &str = "film_id, entry_id, rating, body, watched, liked, rewatch, spoiler, \
     tags, updated, film_slug, base";

fn draft_from_row(row: &Row) -> rusqlite::Result<(Draft, String)> {
    let rating: Option<u8> = row.get(2)?;
    Ok((
        Draft {
            film_id: row.get::<_, Option<i64>>(0)?.unwrap_or_default(),
            film_slug: row.get(10)?,
            base: row.get(11)?,
            entry_id: row.get(1)?,
            rating: rating.and_then(Rating::from_half_stars),
            body: row.get(3)?,
            watched: row.get(4)?,
            liked: row.get(5)?,
            rewatch: row.get(6)?,
            spoiler: row.get(7)?,
            tags: row.get(8)?,
        },
        row.get(9)?,
    ))
}

/// What a draft's session starts with once its app quit leaving it.
const QUIT: &str = "quit:";

/// A draft found for the composer, and whether another app left it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundDraft {
    pub draft: Draft,
    /// When another app wrote it (RFC 3339), when it was not this app.
    pub left_by_another: Option<String>,
    /// That app quit leaving it (rather than stopping without a word: killed, crashed).
    pub left_at_quit: bool,
    /// The app that left it (its session), for `claim_draft`.
    pub owner: Option<String>,
}

impl Store {
    /// Saves this app's draft of its film, waiting for another writer as long as the
    /// connection does (the app's connections only a moment); the caller keeps the draft
    /// elsewhere if this fails.
    pub fn save_draft(&mut self, draft: &Draft) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT OR REPLACE INTO draft
                 (film_id, session, entry_id, rating, body, watched, liked, rewatch, spoiler,
                  tags, updated, film_slug, base)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                draft.film_id,
                session(),
                draft.entry_id,
                draft.rating.map(Rating::half_stars),
                clean_input(&draft.body),
                clean_input(&draft.watched),
                draft.liked,
                draft.rewatch,
                draft.spoiler,
                clean_input(&draft.tags),
                now(),
                draft.film_slug,
                draft.base,
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// This app's draft of the film with `slug`.
    pub fn draft(&self, slug: &str) -> Result<Option<Draft>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {DRAFT_COLUMNS} FROM draft WHERE film_slug = ?1 AND session = ?2"),
                params![slug, session()],
                draft_from_row,
            )
            .optional()?
            .map(|(draft, _)| draft))
    }

    /// The draft the composer should open with: this app's, else the newest another app
    /// left behind (its text is offered, never overwritten; `claim_draft` makes it this
    /// app's). Only reads.
    pub fn find_draft(&self, slug: &str) -> Result<Option<FoundDraft>> {
        if let Some(draft) = self.draft(slug)? {
            return Ok(Some(FoundDraft {
                draft,
                left_by_another: None,
                left_at_quit: false,
                owner: None,
            }));
        }
        // Drafts of apps still running are theirs: only one left behind is taken over.
        let others: Vec<((Draft, String), String)> = self
            .conn
            .prepare(&format!(
                "SELECT {DRAFT_COLUMNS}, session FROM draft
                 WHERE film_slug = ?1 AND session <> ?2 ORDER BY updated DESC"
            ))?
            .query_map(params![slug, session()], |r| {
                Ok((draft_from_row(r)?, r.get(12)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(others
            .into_iter()
            .find(|(_, owner)| !still_running(owner))
            .map(|((draft, updated), owner)| FoundDraft {
                draft,
                left_by_another: Some(updated),
                left_at_quit: owner.starts_with(QUIT),
                owner: Some(owner),
            }))
    }

    /// Makes the draft of `slug` that the app `owner` left this app's, so it is this
    /// app's to save over and to drop.
    pub fn claim_draft(&mut self, slug: &str, owner: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE OR IGNORE draft SET session = ?3 WHERE film_slug = ?1 AND session = ?2",
            params![slug, owner, session()],
        )?;
        Ok(())
    }

    /// This app is ending with drafts unsaved: they are marked as left when it quit, so
    /// the next app says so (rather than that another marquee left them).
    pub fn leave_drafts(&mut self) -> Result<()> {
        self.conn.execute(
            "UPDATE OR IGNORE draft SET session = ?2 || ?1 WHERE session = ?1",
            params![session(), QUIT],
        )?;
        Ok(())
    }

    /// This app's draft of the film once called `old`, now `new`.
    pub fn rename_draft(&mut self, old: &str, new: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE OR REPLACE draft SET film_slug = ?2 WHERE film_slug = ?1 AND session = ?3",
            params![old, new, session()],
        )?;
        Ok(())
    }

    /// Drops this app's draft of the film with `slug` (saved or discarded).
    pub fn delete_draft(&mut self, slug: &str) -> Result<()> {
        self.conn.execute(
            "DELETE FROM draft WHERE film_slug = ?1 AND session = ?2",
            params![slug, session()],
        )?;
        Ok(())
    }
}
