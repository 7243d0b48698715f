//! The films-you-have-seen screen's state: every film marked watched or logged, with your
//! rating and number of logs, the last watched first, or by title, year or rating.

use super::finder::Finder;
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
    /// Every film seen, in the order chosen.
    all: Vec<SeenFilm>,
    /// Those shown: the titles with the letters found.
    pub rows: Rows<SeenFilm>,
    pub sort: SeenSort,
    pub finder: Finder,
}

impl Seen {
    pub fn open(store: &Store) -> Result<Seen> {
        let mut seen = Seen {
            all: Vec::new(),
            rows: Rows::new(Vec::new()),
            sort: SeenSort::Watched,
            finder: Finder::default(),
        };
        seen.refresh(store)?;
        Ok(seen)
    }

    /// Reads the films again, keeping the highlighted film highlighted.
    pub fn refresh(&mut self, store: &Store) -> Result<()> {
        self.all = self.ordered(store.seen_films()?);
        self.show();
        Ok(())
    }

    /// Shows the films the finder keeps, the highlight kept on its film.
    pub fn show(&mut self) {
        let shown = self
            .all
            .iter()
            .filter(|f| self.finder.keeps(&f.film.title))
            .cloned()
            .collect();
        self.rows.replace(shown, |f| f.film.id);
    }

    /// Every film seen, whatever is found.
    pub fn count(&self) -> usize {
        self.all.len()
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
        let all = std::mem::take(&mut self.all);
        self.all = self.ordered(all);
        self.show();
    }
}
