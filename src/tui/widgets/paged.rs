//! Rows read from the store a window at a time, in the order of an index (the films seen,
//! the library): a screen holds the rows around its highlight and reads more from where
//! they end as it moves, or from the nearer end after a jump, so tens of thousands of rows
//! open, move and change order as quickly as twenty.

use crate::store::{Result, Store};
use crate::tui::widgets::rows::Rows;

/// Rows read at a time, on either side of the frame: more than a screen shows.
pub const WINDOW: usize = 64;
/// Rows held at most, unless a frame shows more.
const HELD: usize = 4 * WINDOW;

/// How a screen's rows are read.
pub trait Pages {
    type Row;
    /// Where a row is in the order.
    type Cursor;

    fn cursor(&self, row: &Self::Row) -> Self::Cursor;
    fn id(row: &Self::Row) -> i64;
    /// Where the row with this id is now, read afresh; `None` when it is no row.
    fn find(&self, store: &Store, id: i64) -> Result<Option<Self::Cursor>>;
    /// Up to `limit` rows after `from` (before it, `backward`, in order), with it when
    /// `inclusive`; from the first or the last without `from`.
    fn page(
        &self,
        store: &Store,
        from: Option<&Self::Cursor>,
        backward: bool,
        inclusive: bool,
        limit: usize,
    ) -> Result<Vec<Self::Row>>;
    /// How many rows come before the one at `at`.
    fn position(&self, store: &Store, at: &Self::Cursor) -> Result<usize>;
}

/// Holds the first rows of `len`, the first highlighted.
pub fn read_first<P: Pages>(
    rows: &mut Rows<P::Row>,
    store: &Store,
    pages: &P,
    len: usize,
) -> Result<()> {
    let first = pages.page(store, None, false, false, WINDOW)?;
    rows.set_window(0, first, len);
    rows.selected = 0;
    Ok(())
}

/// Holds the rows around the one with id `kept` (where it is now), highlighted; the
/// first rows when it is no longer one of them.
pub fn read_around<P: Pages>(
    rows: &mut Rows<P::Row>,
    store: &Store,
    pages: &P,
    len: usize,
    kept: Option<i64>,
) -> Result<()> {
    if let Some(id) = kept
        && let Some(cursor) = pages.find(store, id)?
    {
        let after = pages.page(store, Some(&cursor), false, true, WINDOW)?;
        if after.first().map(P::id) == Some(id) {
            let before = pages.page(store, Some(&cursor), true, false, WINDOW)?;
            let position = pages.position(store, &cursor)?;
            let start = position - before.len().min(position);
            rows.set_window(start, before.into_iter().chain(after).collect(), len);
            rows.selected = position;
            return Ok(());
        }
    }
    read_first(rows, store, pages, len)
}

/// Reads the rows a frame shows when they are not held: next to those held after a move
/// of a page or so, from the nearer end after a jump. Says whether it read.
pub fn fill<P: Pages>(rows: &mut Rows<P::Row>, store: &Store, pages: &P) -> Result<bool> {
    let page = rows.page_rows.max(1);
    if !rows.missing(page) {
        return Ok(false);
    }
    let top = rows.top(page);
    let len = rows.len();
    let (start, held) = (rows.start(), rows.items().len());
    let end = start + held;
    let first = rows.get(start).map(|r| pages.cursor(r));
    let last = held
        .checked_sub(1)
        .and_then(|i| rows.get(start + i))
        .map(|r| pages.cursor(r));
    let bottom = (top + page).min(len);
    // Held at most: a few windows, and never fewer than a frame shows.
    let cap = HELD.max(page + 2 * WINDOW);
    if top >= start && bottom > end && bottom - end <= WINDOW && last.is_some() {
        let more = pages.page(store, last.as_ref(), false, false, bottom - end + WINDOW)?;
        extend(rows, more, false, cap);
    } else if bottom <= end && top < start && start - top <= WINDOW && first.is_some() {
        let more = pages.page(store, first.as_ref(), true, false, start - top + WINDOW)?;
        extend(rows, more, true, cap);
    } else {
        // A jump (g, G): read from the nearer end as far as the frame and a window
        // beyond, and hold a window on either side of the frame.
        let from_start = top < len / 2;
        let read = if from_start {
            pages.page(store, None, false, false, bottom + WINDOW)?
        } else {
            pages.page(store, None, true, false, len - top + WINDOW)?
        };
        let first = if from_start { 0 } else { len - read.len() };
        let skip = top.saturating_sub(WINDOW).saturating_sub(first);
        let read: Vec<P::Row> = read.into_iter().skip(skip).take(cap).collect();
        rows.set_window(first + skip, read, len);
    }
    Ok(true)
}

/// Adds rows read next to those held, after them or (`before`) before them, letting go of
/// the farthest past `cap`.
fn extend<T>(rows: &mut Rows<T>, more: Vec<T>, before: bool, cap: usize) {
    let len = rows.len();
    let (start, held) = rows.take_window();
    let mut all: Vec<T> = Vec::with_capacity(held.len() + more.len());
    let mut from = start;
    if before {
        from = start - more.len().min(start);
        all.extend(more);
        all.extend(held);
        all.truncate(cap);
    } else {
        all.extend(held);
        all.extend(more);
        let drop = all.len().saturating_sub(cap);
        all.drain(..drop);
        from += drop;
    }
    rows.set_window(from, all, len);
}
