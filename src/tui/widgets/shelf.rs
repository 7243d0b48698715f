//! A shelf of films the member keeps: every film of it in the order chosen, those whose
//! titles have the letters found (`/`) shown as rows, one highlighted. The watchlist and
//! the films seen are shelves; each says how its films are ordered.

use std::rc::Rc;

use ratatui::style::Style;

use crate::model::Film;
use crate::tui::action::Action;
use crate::tui::widgets::finder::Finder;
use crate::tui::widgets::rows::Rows;

/// A row of a shelf: a film and what the shelf knows of it.
pub trait OnShelf: Clone {
    fn film(&self) -> &Film;
}

/// A shelf's orders.
pub trait Order<T>: Copy {
    fn label(self) -> &'static str;
    /// The order after this one, for `s`.
    fn next(self) -> Self;
    /// Orders the films (held as `T`, or shared as `Rc<T>`).
    fn sort<R: std::ops::Deref<Target = T>>(self, films: &mut [R]);
}

pub struct Shelf<T, S> {
    /// Every film of the shelf, in the order chosen.
    all: Vec<Rc<T>>,
    /// Those shown: the titles with the letters found (shared with `all`: showing a
    /// thousand films copies no film).
    pub rows: Rows<Rc<T>>,
    pub sort: S,
    pub finder: Finder,
}

impl<T: OnShelf, S: Order<T>> Shelf<T, S> {
    pub fn new(sort: S) -> Self {
        Shelf {
            all: Vec::new(),
            rows: Rows::new(Vec::new()),
            sort,
            finder: Finder::default(),
        }
    }

    /// Takes the shelf's films as read again, keeping the highlighted film highlighted.
    pub fn set(&mut self, films: Vec<T>) {
        self.all = films.into_iter().map(Rc::new).collect();
        self.sort.sort(&mut self.all);
        self.show();
    }

    /// Takes a film off the shelf on screen (its write follows), the highlight staying
    /// in place.
    pub fn remove(&mut self, film_id: i64) {
        self.all.retain(|f| f.film().id != film_id);
        let selected = self.rows.selected;
        self.show();
        self.rows.selected = selected.min(self.rows.len().saturating_sub(1));
    }

    /// Shows the films the finder keeps, the highlight kept on its film.
    fn show(&mut self) {
        let shown = self
            .all
            .iter()
            .filter(|f| self.finder.keeps(&f.film().title))
            .map(Rc::clone)
            .collect();
        self.rows.replace(shown, |f| f.film().id);
    }

    /// Every film of the shelf, whatever is found.
    pub fn count(&self) -> usize {
        self.all.len()
    }

    pub fn selected_film(&self) -> Option<&Film> {
        self.rows.selected_item().map(|f| f.film())
    }

    /// The keys every shelf has: typing letters to find, moving, `/`, `s`, and Esc
    /// letting go of the letters first. Says whether `action` was one of them.
    pub fn key(&mut self, action: Action, cursor: Style) -> bool {
        if self.finder.typing() {
            if matches!(action, Action::Open | Action::Back) {
                self.finder.finish(action == Action::Open);
                self.show();
            }
            return true;
        }
        if self.rows.apply(action) {
            return true;
        }
        match action {
            Action::Search => self.finder.start(cursor),
            Action::Back if self.finder.words.is_some() => {
                self.finder.finish(false);
                self.show();
            }
            Action::CycleSort => {
                // Another order starts at its top, as the films seen's does.
                self.sort = self.sort.next();
                self.sort.sort(&mut self.all);
                self.show();
                self.rows.selected = 0;
            }
            _ => return false,
        }
        true
    }
}
