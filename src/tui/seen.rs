//! The films you have seen: every film marked watched or logged, with your rating and
//! number of logs, the last watched first, or by title, year or rating.

use super::shelf::{OnShelf, Order, Shelf};
use crate::model::Film;
use crate::store::SeenFilm;
use crate::text::title_order;

pub type Seen = Shelf<SeenFilm, SeenSort>;

impl OnShelf for SeenFilm {
    fn film(&self) -> &Film {
        &self.film
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeenSort {
    Watched,
    Title,
    Year,
    Rating,
}

impl Order<SeenFilm> for SeenSort {
    fn label(self) -> &'static str {
        match self {
            SeenSort::Watched => "last watched first",
            SeenSort::Title => "by title",
            SeenSort::Year => "by year",
            SeenSort::Rating => "your highest rated first",
        }
    }

    fn next(self) -> SeenSort {
        match self {
            SeenSort::Watched => SeenSort::Title,
            SeenSort::Title => SeenSort::Year,
            SeenSort::Year => SeenSort::Rating,
            SeenSort::Rating => SeenSort::Watched,
        }
    }

    fn sort(self, films: &mut [SeenFilm]) {
        let by_title = |a: &SeenFilm, b: &SeenFilm| title_order(&a.film.title, &b.film.title);
        match self {
            SeenSort::Watched => films.sort_by(|a, b| b.last.cmp(&a.last)),
            SeenSort::Title => films.sort_by(by_title),
            SeenSort::Year => {
                films.sort_by(|a, b| a.film.year.cmp(&b.film.year).then_with(|| by_title(a, b)))
            }
            SeenSort::Rating => {
                films.sort_by(|a, b| b.rating.cmp(&a.rating).then_with(|| by_title(a, b)))
            }
        }
    }
}
