//! What the TUI list and the CLI ask the store for: one page of a film's reviews.

use crate::model::Entry;

/// Which reviews, in which order. Built by the TUI and the CLI alike.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewQuery {
    pub film_id: i64,
    /// Only entries with text: reviews, not rating-only logs.
    pub text_only: bool,
}

impl ReviewQuery {
    /// Every entry of a film, newest first.
    pub fn film(film_id: i64) -> ReviewQuery {
        ReviewQuery {
            film_id,
            text_only: false,
        }
    }
}

/// A position in the list's order, between two entries: the sort key and id of the entry
/// just before (or after) it. Keyset pagination resumes from here without counting rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub key: i64,
    pub id: i64,
}

impl Cursor {
    /// The position of `entry` in the list's order (newest first).
    pub fn of(entry: &Entry) -> Cursor {
        Cursor {
            key: entry.ts,
            id: entry.id,
        }
    }
}
