//! The watchlist screen's state: the films the member wants to see, the newest added
//! first, or by title or by year.

use super::finder::Finder;
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
    /// Every film on it, in the order chosen.
    all: Vec<WatchlistFilm>,
    /// Those shown: the titles with the letters found.
    pub rows: Rows<WatchlistFilm>,
    pub sort: WatchlistSort,
    pub finder: Finder,
}

impl Watchlist {
    pub fn open(store: &Store) -> Result<Watchlist> {
        let mut watchlist = Watchlist {
            all: Vec::new(),
            rows: Rows::new(Vec::new()),
            sort: WatchlistSort::Added,
            finder: Finder::default(),
        };
        watchlist.refresh(store)?;
        Ok(watchlist)
    }

    /// Reads the watchlist again, keeping the highlighted film highlighted.
    pub fn refresh(&mut self, store: &Store) -> Result<()> {
        self.all = self.ordered(store.watchlist()?);
        self.show();
        Ok(())
    }

    /// Shows the films the finder keeps, the highlight kept on its film.
    pub fn show(&mut self) {
        let shown = self
            .all
            .iter()
            .filter(|w| self.finder.keeps(&w.film.title))
            .cloned()
            .collect();
        self.rows.replace(shown, |w| w.film.id);
    }

    /// Every film on the watchlist, whatever is found.
    pub fn count(&self) -> usize {
        self.all.len()
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
        let all = std::mem::take(&mut self.all);
        self.all = self.ordered(all);
        self.show();
    }
}
