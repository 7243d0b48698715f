//! The watchlist screen's state: the films the member wants to see, the newest added
//! first, or by title or by year.

use super::rows::Rows;
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
    pub rows: Rows<WatchlistFilm>,
    pub sort: WatchlistSort,
}

impl Watchlist {
    pub fn open(store: &Store) -> Result<Watchlist> {
        let mut watchlist = Watchlist {
            rows: Rows::new(Vec::new()),
            sort: WatchlistSort::Added,
        };
        watchlist.refresh(store)?;
        Ok(watchlist)
    }

    /// Reads the watchlist again, keeping the highlighted film highlighted.
    pub fn refresh(&mut self, store: &Store) -> Result<()> {
        let films = self.ordered(store.watchlist()?);
        self.rows.replace(films, |w| w.film.id);
        Ok(())
    }

    fn ordered(&self, mut films: Vec<WatchlistFilm>) -> Vec<WatchlistFilm> {
        match self.sort {
            // The store lists the newest added first.
            WatchlistSort::Added => films.sort_by(|a, b| b.added.cmp(&a.added)),
            WatchlistSort::Title => films.sort_by(|a, b| title_order(&a.film.title, &b.film.title)),
            WatchlistSort::Year => films.sort_by(|a, b| {
                a.film
                    .year
                    .cmp(&b.film.year)
                    .then_with(|| title_order(&a.film.title, &b.film.title))
            }),
        }
        films
    }

    pub fn films(&self) -> &[WatchlistFilm] {
        self.rows.items()
    }

    pub fn selected_film(&self) -> Option<&WatchlistFilm> {
        self.rows.selected_item()
    }

    pub fn cycle_sort(&mut self) {
        self.sort = self.sort.next();
        let films = self.ordered(self.rows.items().to_vec());
        self.rows.replace(films, |w| w.film.id);
    }
}
