//! The watchlist: the films the member wants to see, the newest added first, or by
//! title or by year.

pub mod draw;
pub mod keys;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use crate::model::Film;
use crate::store::{Result, Store, WatchlistFilm};
use crate::text::title_key;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::screen::{
    Cx, Listed, Listing, Look, Opened, Request, Screen, Step, refuse_read_only,
};
use crate::tui::widgets::finder;
use crate::tui::widgets::shelf::{OnShelf, Order, Shelf};
use crate::tui::widgets::shelf_draw::rows_area;

pub type Watchlist = Shelf<WatchlistFilm, WatchlistSort>;

/// The watchlist, the newest added first.
pub fn open(store: &Store) -> Result<Watchlist> {
    let mut watchlist = Watchlist::new(WatchlistSort::Added);
    watchlist.set(store.watchlist()?);
    Ok(watchlist)
}

/// The watchlist as a key opens it: `W`, from the film page and the screens like it.
pub const OPENED: Opened = Opened {
    keys: &keys::KEYS,
    open: |at| Ok(Box::new(open(at.store)?)),
};

impl Screen for Watchlist {
    fn mode(&self) -> Mode {
        match self.finder.typing() {
            true => Mode::Find,
            false => keys::MODE,
        }
    }

    fn act(&mut self, action: Action, cx: &mut Cx) -> Result<Step> {
        if self.key(action, cx.settings.theme.cursor) {
            return Ok(Step::Done);
        }
        let film = self.selected_film().cloned();
        Ok(match (action, film) {
            (Action::Open, Some(film)) => Step::Film(film, None),
            (Action::ToggleWatchlist, Some(film)) if !refuse_read_only(cx) => {
                // Off the rows at once; the write follows.
                self.remove(film.id);
                Step::Do(Request::OffWatchlist(film))
            }
            (Action::ToggleWatchlist, _) => Step::Done,
            (Action::Back, _) => Step::Close,
            _ => Step::Pass,
        })
    }

    fn typed(&mut self, input: ratatui_textarea::Input, _cx: &mut Cx) -> Result<Step> {
        self.finder.input(input);
        Ok(Step::Done)
    }

    fn click(&mut self, at: Position, cx: &mut Cx) -> Result<bool> {
        Ok(self.rows.click(at, rows_area(cx.area, &self.finder)))
    }

    fn settle(&mut self, _look: &Look, area: Rect) {
        self.rows.page_rows = usize::from(rows_area(area, &self.finder).height);
    }

    fn refresh(&mut self, store: &Store) -> Result<()> {
        self.set(store.watchlist()?);
        Ok(())
    }

    fn listed(&self) -> Listing {
        Listing::Rows(Listed {
            selected: self.rows.selected,
            total: self.rows.len() as u64,
            noun: "films",
        })
    }

    fn draw(&self, frame: &mut Frame, area: Rect, look: &Look) {
        draw::draw(frame, area, look, self);
    }

    fn hints(&self) -> &'static [(Action, &'static str)] {
        if self.finder.typing() {
            return finder::HINTS;
        }
        &[
            (Action::Next, "next"),
            (Action::Open, "open"),
            (Action::CycleSort, "sort"),
            (Action::ToggleWatchlist, "take off"),
            (Action::Back, "back"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ]
    }
}

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
