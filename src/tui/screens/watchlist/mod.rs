//! The watchlist: the films the member wants to see, the newest added first, or by
//! title or by year.

pub mod draw;

use crate::model::Film;
use crate::store::WatchlistFilm;
use crate::text::title_key;
use crate::tui::widgets::shelf::{OnShelf, Order, Shelf};

pub type Watchlist = Shelf<WatchlistFilm, WatchlistSort>;

impl OnShelf for WatchlistFilm {
    fn film(&self) -> &Film {
        &self.film
    }
}

/// The watchlist's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WatchlistSort {
    Added,
    Title,
    Year,
}

impl Order<WatchlistFilm> for WatchlistSort {
    fn label(self) -> &'static str {
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

    fn sort<R: std::ops::Deref<Target = WatchlistFilm>>(self, films: &mut [R]) {
        match self {
            // The store lists the newest added first.
            WatchlistSort::Added => films.sort_by(|a, b| b.added.cmp(&a.added)),
            // Each title's key once, not once per comparison.
            WatchlistSort::Title => films.sort_by_cached_key(|f| title_key(&f.film.title)),
            WatchlistSort::Year => {
                films.sort_by_cached_key(|f| (f.film.year, title_key(&f.film.title)))
            }
        }
    }
}
