//! The watchlist screen's state: the films the member wants to see, the newest added
//! first, or by title or by year.

use std::cell::Cell;

use crate::store::{Result, Store, WatchlistFilm};
use crate::text::title_order;

/// The watchlist's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WatchlistSort {
    Added,
    Title,
    Year,
}

impl WatchlistSort {
    pub fn label(self) -> &'static str {
        match self {
            WatchlistSort::Added => "newest added first",
            WatchlistSort::Title => "by title",
            WatchlistSort::Year => "by year",
        }
    }

    fn next(self) -> WatchlistSort {
        match self {
            WatchlistSort::Added => WatchlistSort::Title,
            WatchlistSort::Title => WatchlistSort::Year,
            WatchlistSort::Year => WatchlistSort::Added,
        }
    }
}

pub struct Watchlist {
    films: Vec<WatchlistFilm>,
    pub sort: WatchlistSort,
    pub selected: usize,
    /// Rows the last frame showed: written by its drawing.
    pub page_rows: Cell<usize>,
}

impl Watchlist {
    pub fn open(store: &Store) -> Result<Watchlist> {
        let mut watchlist = Watchlist {
            films: Vec::new(),
            sort: WatchlistSort::Added,
            selected: 0,
            page_rows: Cell::new(0),
        };
        watchlist.refresh(store)?;
        Ok(watchlist)
    }

    /// Reads the watchlist again, keeping the highlighted film highlighted.
    pub fn refresh(&mut self, store: &Store) -> Result<()> {
        let kept = self.selected_film().map(|w| w.film.id);
        self.films = store.watchlist()?;
        self.order();
        self.select_film(kept);
        Ok(())
    }

    fn order(&mut self) {
        match self.sort {
            // The store lists the newest added first.
            WatchlistSort::Added => self.films.sort_by(|a, b| b.added.cmp(&a.added)),
            WatchlistSort::Title => self
                .films
                .sort_by(|a, b| title_order(&a.film.title, &b.film.title)),
            WatchlistSort::Year => self.films.sort_by(|a, b| {
                a.film
                    .year
                    .cmp(&b.film.year)
                    .then_with(|| title_order(&a.film.title, &b.film.title))
            }),
        }
    }

    fn select_film(&mut self, id: Option<i64>) {
        self.selected = id
            .and_then(|id| self.films.iter().position(|w| w.film.id == id))
            .unwrap_or(self.selected)
            .min(self.films.len().saturating_sub(1));
    }

    pub fn films(&self) -> &[WatchlistFilm] {
        &self.films
    }

    pub fn selected_film(&self) -> Option<&WatchlistFilm> {
        self.films.get(self.selected)
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.films.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn first(&mut self) {
        self.selected = 0;
    }

    pub fn last(&mut self) {
        self.selected = self.films.len().saturating_sub(1);
    }

    pub fn cycle_sort(&mut self) {
        let kept = self.selected_film().map(|w| w.film.id);
        self.sort = self.sort.next();
        self.order();
        self.select_film(kept);
    }
}
