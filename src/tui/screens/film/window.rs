//! The slice of a film's list that the UI holds: a few hundred entries around the
//! selection, fetched from the store a page at a time with keyset cursors. The list itself
//! may have millions of entries; this never holds more than `MAX_ROWS`.

use crate::model::Entry;
use crate::query::{Cursor, ReviewQuery};
use crate::store::{Listing, Result, Store};

/// Entries kept loaded past the selection before a key's frame is drawn: what a screen
/// of 40 lines shows and more. A taller screen gets the rest from `read_ahead`, a moment
/// after its frame.
const SHOWN: usize = 12;
/// Entries fetched per trip to the store when reading ahead.
const PAGE: usize = 32;
/// Entries kept loaded on each side of the selection: more than a screen can show.
const MARGIN: usize = 128;
/// The most entries held at once: a margin each side and room to load before trimming.
const MAX_ROWS: usize = 2 * MARGIN + 2 * PAGE;

pub struct ReviewWindow {
    /// The query, and how its search is answered.
    listing: Listing,
    /// Entries in the whole list.
    total: usize,
    /// Position in the whole list of `rows[0]`.
    start: usize,
    rows: Vec<Entry>,
    /// Position in the whole list of the selected entry.
    selected: usize,
    /// How many lines each review drawn took (`item_height`), so a frame wraps only the
    /// reviews it shows, each once.
    heights: Heights,
}

/// What a review's lines depend on: the entry (its id and the length of its text, so an
/// entry changed in place is measured again), the width, the lines the list has, and
/// whether its text is shown or its spoiler notice.
pub type HeightKey = (i64, usize, usize, usize, bool);

/// Lines per review as laid out, forgotten with the window (a new query, a write) and
/// when more than a few thousand are known (a long scroll). Filled after each key
/// (`FilmPage::settle`), read by layout and drawing, which measure what it lacks.
#[derive(Default)]
pub struct Heights(std::collections::HashMap<HeightKey, usize>);

impl Heights {
    const KEPT: usize = 4096;

    pub fn get(&self, key: &HeightKey) -> Option<usize> {
        self.0.get(key).copied()
    }

    pub fn insert(&mut self, key: HeightKey, height: usize) {
        if self.0.len() >= Self::KEPT {
            self.0.clear();
        }
        self.0.insert(key, height);
    }
}

impl ReviewWindow {
    /// The top of the list, with the first entry selected.
    pub fn open(store: &Store, query: ReviewQuery, total: usize) -> Result<ReviewWindow> {
        let listing = Listing::new(query);
        let rows = store.entries_after(&listing, None, SHOWN)?;
        let mut window = ReviewWindow {
            listing,
            total,
            start: 0,
            rows,
            selected: 0,
            heights: Heights::default(),
        };
        window.fix_total();
        Ok(window)
    }

    /// The list around `entry`, with it selected.
    pub fn open_at(
        store: &Store,
        query: ReviewQuery,
        total: usize,
        entry: &Entry,
    ) -> Result<ReviewWindow> {
        let at = Cursor::of(entry);
        let listing = Listing::new(query);
        let position = store.position(&listing, at)?;
        let mut rows = store.entries_before(&listing, Some(at), MARGIN)?;
        let start = position.saturating_sub(rows.len());
        // The entry itself is read again with what follows it: another program may have
        // changed it (its text, its rating out of the filter) or deleted it.
        let from = rows.last().map(Cursor::of);
        rows.extend(store.entries_after(&listing, from, PAGE + 1)?);
        Ok(ReviewWindow {
            listing,
            total: total.max(start + rows.len()),
            start,
            rows,
            selected: position,
            heights: Heights::default(),
        })
    }

    /// The lines each review takes, as far as they are known.
    pub fn heights(&self) -> &Heights {
        &self.heights
    }

    pub fn heights_mut(&mut self) -> &mut Heights {
        &mut self.heights
    }

    /// What the window lists: its query, and how its search is answered.
    pub fn listing(&self) -> &Listing {
        &self.listing
    }

    /// The list's length, once known (a search's matches are counted after its first
    /// page shows).
    pub fn set_total(&mut self, total: usize) {
        self.total = total.max(self.end());
        self.selected = self.selected.min(self.total.saturating_sub(1));
    }

    /// Whether the list's length is known yet.
    pub fn total_known(&self) -> bool {
        self.total != usize::MAX
    }

    pub fn total(&self) -> usize {
        self.total
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        self.get(self.selected)
    }

    /// The entry at a position in the whole list, if it is loaded.
    pub fn get(&self, position: usize) -> Option<&Entry> {
        self.rows.get(position.checked_sub(self.start)?)
    }

    /// The first loaded position; the view never draws above it.
    pub fn first_loaded(&self) -> usize {
        self.start
    }

    /// Selects the entry at `target` (clamped to the list), loading what lies around it.
    pub fn select(&mut self, store: &Store, target: usize) -> Result<()> {
        if self.total == 0 {
            return Ok(());
        }
        let target = target.min(self.total - 1);
        if target == 0 && self.start > 0 {
            return self.first(store);
        }
        if target == self.total - 1 && target > self.end() + MARGIN {
            return self.last(store);
        }
        // Only what the screen needs now; `read_ahead` fills the margins while the app
        // waits for the next key, so a key rarely waits for the store at all.
        self.load_after(store, target + SHOWN)?;
        self.load_before(store, target.saturating_sub(SHOWN))?;
        self.selected = target.min(self.end().saturating_sub(1));
        self.trim();
        Ok(())
    }

    pub fn select_by(&mut self, store: &Store, delta: isize) -> Result<()> {
        let target = self.selected.saturating_add_signed(delta);
        self.select(store, target)
    }

    /// Whether the margins around the selection are still to be read.
    pub fn wants_more(&self) -> bool {
        let short_after = self.end() <= self.selected + MARGIN && self.end() < self.total;
        let short_before = self.start > self.selected.saturating_sub(MARGIN);
        short_after || short_before
    }

    /// Reads one page toward the margins around the selection (between keys); says whether
    /// it read anything.
    pub fn read_ahead(&mut self, store: &Store) -> Result<bool> {
        if self.end() <= self.selected + MARGIN && self.end() < self.total {
            self.load_after(store, self.end())?;
        } else if self.start > self.selected.saturating_sub(MARGIN) {
            self.load_before(store, self.start - 1)?;
        } else {
            return Ok(false);
        }
        self.trim();
        Ok(true)
    }

    pub fn first(&mut self, store: &Store) -> Result<()> {
        if self.start > 0 {
            self.rows = store.entries_after(&self.listing, None, SHOWN)?;
            self.start = 0;
        }
        self.selected = 0;
        Ok(())
    }

    pub fn last(&mut self, store: &Store) -> Result<()> {
        if self.end() < self.total {
            self.rows = store.entries_before(&self.listing, None, SHOWN)?;
            self.total = self.total.max(self.rows.len());
            self.start = self.total - self.rows.len();
        }
        self.selected = self.total.saturating_sub(1);
        Ok(())
    }

    /// One past the last loaded position.
    fn end(&self) -> usize {
        self.start + self.rows.len()
    }

    /// Loads pages after the window until it reaches `position` or the list ends.
    fn load_after(&mut self, store: &Store, position: usize) -> Result<()> {
        while self.end() <= position && self.end() < self.total {
            let after = self.rows.last().map(Cursor::of);
            let page = store.entries_after(&self.listing, after, PAGE)?;
            let short = page.len() < PAGE;
            self.rows.extend(page);
            if short {
                // The list ended sooner than the counts said (another process deleted).
                self.total = self.end();
            }
        }
        Ok(())
    }

    /// Loads pages before the window until it reaches `position` or the list's top.
    fn load_before(&mut self, store: &Store, position: usize) -> Result<()> {
        while self.start > position {
            let before = self.rows.first().map(Cursor::of);
            let mut page = store.entries_before(&self.listing, before, PAGE)?;
            let reached_top = page.len() < PAGE;
            self.start = self.start.saturating_sub(page.len());
            page.append(&mut self.rows);
            self.rows = page;
            if reached_top && self.start > 0 {
                // Fewer entries above than positions said: re-count from the top.
                self.selected -= self.start;
                self.total -= self.start;
                self.start = 0;
            }
        }
        Ok(())
    }

    /// Drops entries far from the selection so memory stays bounded.
    fn trim(&mut self) {
        if self.rows.len() <= MAX_ROWS {
            return;
        }
        let keep_from = self.selected.saturating_sub(MARGIN).max(self.start);
        let drop_front = keep_from - self.start;
        self.rows.drain(..drop_front);
        self.start = keep_from;
        self.rows.truncate(MAX_ROWS);
    }

    fn fix_total(&mut self) {
        if self.rows.len() < SHOWN {
            self.total = self.rows.len();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NewEntry, NewFilm};

    fn store_with(n: usize) -> (Store, i64) {
        let mut store = Store::open_in_memory().unwrap();
        let film = NewFilm {
            slug: "big".into(),
            title: "Big".into(),
            ..NewFilm::default()
        };
        let entries: Vec<NewEntry> = (0..n)
            .map(|i| NewEntry {
                author: format!("author {i}"),
                created: Some(format!("2020-01-01T00:{:02}:{:02}", (i / 60) % 60, i % 60)),
                body: format!("review {i}"),
                ..NewEntry::default()
            })
            .collect();
        store.add_film_with_entries(&film, &entries).unwrap();
        let id = store.find_film("big").unwrap().id;
        (store, id)
    }

    /// The author at each position, newest first, is `author {n - 1 - position}`.
    fn author_at(window: &ReviewWindow, n: usize) -> (String, String) {
        let expected = format!("author {}", n - 1 - window.selected());
        (window.selected_entry().unwrap().author.clone(), expected)
    }

    #[test]
    fn walks_the_whole_list_one_step_at_a_time_both_ways() {
        let n = 1000;
        let (store, film) = store_with(n);
        let mut window = ReviewWindow::open(&store, ReviewQuery::film(film), n).unwrap();
        for _ in 0..n + 5 {
            let (got, want) = author_at(&window, n);
            assert_eq!(got, want);
            assert!(window.rows.len() <= MAX_ROWS);
            window.select_by(&store, 1).unwrap();
        }
        assert_eq!(window.selected(), n - 1);
        for _ in 0..n + 5 {
            window.select_by(&store, -1).unwrap();
            let (got, want) = author_at(&window, n);
            assert_eq!(got, want);
        }
        assert_eq!(window.selected(), 0);
    }

    #[test]
    fn jumps_to_the_end_and_back_up() {
        let n = 3000;
        let (store, film) = store_with(n);
        let mut window = ReviewWindow::open(&store, ReviewQuery::film(film), n).unwrap();
        window.select(&store, n - 1).unwrap();
        assert_eq!(window.selected(), n - 1);
        assert_eq!(window.selected_entry().unwrap().author, "author 0");
        assert!(window.rows.len() <= MAX_ROWS);
        window.select_by(&store, -700).unwrap();
        let (got, want) = author_at(&window, n);
        assert_eq!(got, want);
        window.select(&store, 0).unwrap();
        assert_eq!(
            window.selected_entry().unwrap().author,
            format!("author {}", n - 1)
        );
    }

    #[test]
    fn reading_ahead_fills_the_margins_then_stops() {
        let n = 1000;
        let (store, film) = store_with(n);
        let mut window = ReviewWindow::open(&store, ReviewQuery::film(film), n).unwrap();
        assert_eq!(window.rows.len(), SHOWN);
        assert!(window.wants_more());
        let mut trips = 0;
        while window.read_ahead(&store).unwrap() {
            trips += 1;
            assert!(trips < 100, "reading ahead never stops");
        }
        assert!(!window.wants_more());
        assert!(window.end() > MARGIN);
        // Far down the list, the margin above is read too, and the rows stay in order.
        window.select(&store, 600).unwrap();
        while window.read_ahead(&store).unwrap() {}
        assert!(window.start <= 600 - MARGIN && window.end() > 600 + MARGIN);
        assert!(window.rows.len() <= MAX_ROWS);
        for position in window.start..window.end() {
            let entry = window.get(position).unwrap();
            assert_eq!(entry.author, format!("author {}", n - 1 - position));
        }
    }

    #[test]
    fn an_empty_list_selects_nothing() {
        let (store, _) = store_with(0);
        let film = store.find_film("big").unwrap().id;
        let mut window = ReviewWindow::open(&store, ReviewQuery::film(film), 0).unwrap();
        window.select_by(&store, 5).unwrap();
        window.last(&store).unwrap();
        assert!(window.selected_entry().is_none());
        assert_eq!(window.total(), 0);
    }
}
