//! The films you have seen: every film marked watched or logged, with your rating and
//! number of logs, the last watched first, or by title, year or rating.
//!
//! A member with a long history has seen tens of thousands of films: they are read from
//! the store a window at a time (`Store::seen_window`), as the review list is, never all.

use ratatui::style::Style;

use super::action::Action;
use super::finder::Finder;
use super::rows::Rows;
use crate::model::Film;
use crate::store::{Result, SeenFilm, SeenOrder, SeenQuery, Store};

/// Rows read at a time, on either side of the highlight: more than a screen shows.
const WINDOW: usize = 64;
/// Rows held at most.
const HELD: usize = 4 * WINDOW;

pub struct Seen {
    /// A window of the films the finder keeps, one highlighted.
    pub rows: Rows<SeenFilm>,
    pub order: SeenOrder,
    pub finder: Finder,
    /// Every film seen, whatever the finder keeps.
    all: usize,
}

impl SeenOrder {
    pub fn label(self) -> &'static str {
        match self {
            SeenOrder::Watched => "last watched first",
            SeenOrder::Title => "by title",
            SeenOrder::Year => "by year",
            SeenOrder::Rating => "your highest rated first",
        }
    }

    /// The order after this one, for `s`.
    fn next(self) -> SeenOrder {
        match self {
            SeenOrder::Watched => SeenOrder::Title,
            SeenOrder::Title => SeenOrder::Year,
            SeenOrder::Year => SeenOrder::Rating,
            SeenOrder::Rating => SeenOrder::Watched,
        }
    }
}

impl Seen {
    /// The films seen, the last watched first.
    pub fn open(store: &Store) -> Result<Seen> {
        let mut seen = Seen {
            rows: Rows::new(Vec::new()),
            order: SeenOrder::Watched,
            finder: Finder::default(),
            all: 0,
        };
        seen.reload(store)?;
        Ok(seen)
    }

    /// Every film seen, whatever the finder keeps.
    pub fn count(&self) -> usize {
        self.all
    }

    pub fn selected_film(&self) -> Option<&Film> {
        self.rows.selected_item().map(|f| &f.film)
    }

    fn query(&self) -> SeenQuery {
        SeenQuery {
            order: self.order,
            title: self.finder.words.clone(),
        }
    }

    /// Counts and reads the films again (other letters, another program's write), the
    /// highlighted film kept highlighted where it still is one of them.
    pub fn reload(&mut self, store: &Store) -> Result<()> {
        let query = self.query();
        self.all = store.seen_count(&SeenQuery {
            title: None,
            ..query.clone()
        })?;
        let len = if query.title.is_some() {
            store.seen_count(&query)?
        } else {
            self.all
        };
        self.rows.set_window(0, Vec::new(), len);
        self.read_around_kept(store)
    }

    /// Reads the films in another order, from its first, as Letterboxd shows a list
    /// sorted anew. (Finding where the highlighted film went means counting the films
    /// before it: 2 ms at 20,000.)
    fn reorder(&mut self, store: &Store) -> Result<()> {
        let films = store.seen_page(&self.query(), None, false, false, WINDOW)?;
        let len = self.rows.len();
        self.rows.set_window(0, films, len);
        self.rows.selected = 0;
        Ok(())
    }

    /// Reads the films around the highlighted one, wherever it now is, or from the first.
    fn read_around_kept(&mut self, store: &Store) -> Result<()> {
        let query = self.query();
        let len = self.rows.len();
        let kept = self.selected_film().map(|f| f.id);
        let cursor = match kept {
            Some(id) => store.seen_cursor(query.order, id)?,
            None => None,
        };
        if let Some(cursor) = cursor {
            let after = store.seen_page(&query, Some(&cursor), false, true, WINDOW)?;
            if after.first().map(|f| f.film.id) == kept {
                let before = store.seen_page(&query, Some(&cursor), true, false, WINDOW)?;
                let position = store.seen_position(&query, &cursor)?;
                let start = position - before.len().min(position);
                let films = before.into_iter().chain(after).collect();
                self.rows.set_window(start, films, len);
                self.rows.selected = position;
                return Ok(());
            }
        }
        let films = store.seen_page(&query, None, false, false, WINDOW)?;
        self.rows.set_window(0, films, len);
        self.rows.selected = 0;
        Ok(())
    }

    /// Reads the rows a frame would show when they are not held: next to those held
    /// after a move of a page or so, from the nearer end after a jump.
    /// Says whether it read.
    pub fn fill(&mut self, store: &Store) -> Result<bool> {
        let page = self.rows.page_rows.get().max(1);
        let top = self.rows.top(page);
        if !self.rows.missing(page) {
            return Ok(false);
        }
        let query = self.query();
        let len = self.rows.len();
        let (start, held) = (self.rows.start(), self.rows.items().len());
        let end = start + held;
        let first_cursor = self.rows.get(start).map(|f| f.cursor(query.order));
        let last_cursor = held
            .checked_sub(1)
            .and_then(|i| self.rows.get(start + i))
            .map(|f| f.cursor(query.order));
        let bottom = (top + page).min(len);
        // Held at most: a few windows, and never fewer than a frame shows.
        let cap = HELD.max(page + 2 * WINDOW);
        if top >= start && bottom > end && bottom - end <= WINDOW && last_cursor.is_some() {
            let wanted = bottom - end + WINDOW;
            let more = store.seen_page(&query, last_cursor.as_ref(), false, false, wanted)?;
            self.extend(more, false, cap);
        } else if bottom <= end && top < start && start - top <= WINDOW && first_cursor.is_some() {
            let wanted = start - top + WINDOW;
            let more = store.seen_page(&query, first_cursor.as_ref(), true, false, wanted)?;
            self.extend(more, true, cap);
        } else {
            // A jump (g, G): read from the nearer end as far as the frame and a window
            // beyond, and hold a window on either side of the frame.
            let from_start = top < len / 2;
            let films = if from_start {
                store.seen_page(&query, None, false, false, bottom + WINDOW)?
            } else {
                store.seen_page(&query, None, true, false, len - top + WINDOW)?
            };
            let first = if from_start { 0 } else { len - films.len() };
            let skip = top.saturating_sub(WINDOW).saturating_sub(first);
            let films: Vec<SeenFilm> = films.into_iter().skip(skip).take(cap).collect();
            self.rows.set_window(first + skip, films, len);
        }
        Ok(true)
    }

    /// Adds rows read next to those held, after them or (`before`) before them, letting
    /// go of the farthest once more than a few windows are held.
    fn extend(&mut self, more: Vec<SeenFilm>, before: bool, cap: usize) {
        let len = self.rows.len();
        let (start, held) = self.rows.take_window();
        let mut films: Vec<SeenFilm> = Vec::new();
        let (mut from, added) = (start, more.len());
        if before {
            from = start - added.min(start);
            films.extend(more);
            films.extend(held);
            films.truncate(cap);
        } else {
            films.extend(held);
            films.extend(more);
            let drop = films.len().saturating_sub(cap);
            films.drain(..drop);
            from += drop;
        }
        self.rows.set_window(from, films, len);
    }

    /// The keys of the films seen: typing letters to find, moving, `/`, `s`, and Esc
    /// letting go of the letters first. Says whether `action` was one of them.
    pub fn key(&mut self, store: &Store, action: Action, cursor: Style) -> Result<bool> {
        if self.finder.typing() {
            if matches!(action, Action::Open | Action::Back) {
                self.finder.finish(action == Action::Open);
                self.reload(store)?;
            }
            return Ok(true);
        }
        if self.rows.apply(action) {
            self.fill(store)?;
            return Ok(true);
        }
        match action {
            Action::Search => self.finder.start(cursor),
            Action::Back if self.finder.words.is_some() => {
                self.finder.finish(false);
                self.reload(store)?;
            }
            Action::CycleSort => {
                self.order = self.order.next();
                self.reorder(store)?;
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}
