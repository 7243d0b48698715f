//! A screen's rows with one highlighted, moved by keys: the watchlist's films, the films
//! you have seen. Each screen orders its own rows; this keeps the highlight in place.
//!
//! The rows held may be a window of more (the films seen are read a window at a time):
//! positions count from the first of all, and `missing` says when the highlight has moved
//! past the window, for its screen to read the rows there.

use ratatui::layout::{Position, Rect};

use crate::tui::action::Action;

pub struct Rows<T> {
    /// The rows held: all of them, or a window from position `start`.
    items: Vec<T>,
    start: usize,
    /// How many rows there are in all.
    len: usize,
    /// Position of the highlighted row.
    pub selected: usize,
    /// Rows a frame shows, for PgUp/PgDn and for what to read: kept by the screen's
    /// `settle`, from its layout.
    pub page_rows: usize,
}

impl<T> Rows<T> {
    pub fn new(items: Vec<T>) -> Rows<T> {
        Rows {
            len: items.len(),
            items,
            start: 0,
            selected: 0,
            page_rows: 0,
        }
    }

    /// The row at a screen position, when the rows are drawn in `area`, a row a line.
    pub fn at(&self, at: Position, area: Rect) -> Option<usize> {
        if !area.contains(at) {
            return None;
        }
        let row = self.top(usize::from(area.height)) + usize::from(at.y - area.y);
        (row < self.len).then_some(row)
    }

    /// Selects the row clicked at `at` in `area`; says whether a row was hit.
    pub fn click(&mut self, at: Position, area: Rect) -> bool {
        let hit = self.at(at, area);
        if let Some(position) = hit {
            self.selected = position;
        }
        hit.is_some()
    }

    /// The rows held, the first at position `start()`.
    pub fn items(&self) -> &[T] {
        &self.items
    }

    pub fn start(&self) -> usize {
        self.start
    }

    /// How many rows there are in all.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The row at a position, when it is held.
    pub fn get(&self, position: usize) -> Option<&T> {
        self.items.get(position.checked_sub(self.start)?)
    }

    pub fn selected_item(&self) -> Option<&T> {
        self.get(self.selected)
    }

    /// Whether the rows a frame shows (`page` of them from the one at the top) are not
    /// all held.
    pub fn missing(&self, page: usize) -> bool {
        let top = self.top(page);
        let bottom = (top + page).min(self.len);
        let end = self.start + self.items.len();
        self.len > 0 && (top < self.start || bottom > end)
    }

    /// The first row a frame of `page` rows shows: the highlighted one in view, at the
    /// bottom once past the first screen.
    pub fn top(&self, page: usize) -> usize {
        (self.selected + 1).saturating_sub(page)
    }

    /// Takes the rows held, and the position of the first, to hold others.
    pub fn take_window(&mut self) -> (usize, Vec<T>) {
        (self.start, std::mem::take(&mut self.items))
    }

    /// Holds a window of `len` rows: `items` from position `start`.
    pub fn set_window(&mut self, start: usize, items: Vec<T>, len: usize) {
        self.start = start;
        self.items = items;
        self.len = len;
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.len.saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// A page of rows down (or up, negative), as many as a frame shows.
    pub fn page(&mut self, pages: isize) {
        let rows = self.page_rows.max(1) as isize;
        self.move_by(pages * rows);
    }

    /// Moves by a movement key; says whether `action` was one.
    pub fn apply(&mut self, action: Action) -> bool {
        match action {
            Action::Next => self.move_by(1),
            Action::Prev => self.move_by(-1),
            Action::PageDown => self.page(1),
            Action::PageUp => self.page(-1),
            Action::First => self.first(),
            Action::Last => self.last(),
            _ => return false,
        }
        true
    }

    pub fn first(&mut self) {
        self.selected = 0;
    }

    pub fn last(&mut self) {
        self.selected = self.len.saturating_sub(1);
    }

    /// Replaces the rows (read again, or ordered anew), keeping the highlight on the row
    /// with the same `key` when there is one.
    pub fn replace<K: PartialEq>(&mut self, items: Vec<T>, key: impl Fn(&T) -> K) {
        let kept = self.selected_item().map(&key);
        self.start = 0;
        self.len = items.len();
        self.items = items;
        if let Some(kept) = kept
            && let Some(at) = self.items.iter().position(|i| key(i) == kept)
        {
            self.selected = at;
        }
        self.selected = self.selected.min(self.len.saturating_sub(1));
    }
}
