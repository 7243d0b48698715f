//! The films-you-have-seen screen's state: every film marked watched or logged, with your
//! rating and number of logs, the last watched first, or by title, year or rating.

use super::rows::Rows;
use crate::store::{Result, SeenFilm, Store};
use crate::text::title_order;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeenSort {
    Watched,
    Title,
    Year,
    Rating,
}

impl SeenSort {
    pub fn label(self) -> &'static str {
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
}

pub struct Seen {
    pub rows: Rows<SeenFilm>,
    pub sort: SeenSort,
}

impl Seen {
    pub fn open(store: &Store) -> Result<Seen> {
        let mut seen = Seen {
            rows: Rows::new(Vec::new()),
            sort: SeenSort::Watched,
        };
        seen.refresh(store)?;
        Ok(seen)
    }

    /// Reads the films again, keeping the highlighted film highlighted.
    pub fn refresh(&mut self, store: &Store) -> Result<()> {
        let films = self.ordered(store.seen_films()?);
        self.rows.replace(films, |f| f.film.id);
        Ok(())
    }

    fn ordered(&self, mut films: Vec<SeenFilm>) -> Vec<SeenFilm> {
        let by_title = |a: &SeenFilm, b: &SeenFilm| title_order(&a.film.title, &b.film.title);
        match self.sort {
            SeenSort::Watched => films.sort_by(|a, b| b.last.cmp(&a.last)),
            SeenSort::Title => films.sort_by(by_title),
            SeenSort::Year => {
                films.sort_by(|a, b| a.film.year.cmp(&b.film.year).then_with(|| by_title(a, b)))
            }
            SeenSort::Rating => {
                films.sort_by(|a, b| b.rating.cmp(&a.rating).then_with(|| by_title(a, b)))
            }
        }
        films
    }

    pub fn cycle_sort(&mut self) {
        self.sort = self.sort.next();
        let films = self.ordered(self.rows.items().to_vec());
        self.rows.replace(films, |f| f.film.id);
    }
}
