//! The films you have seen: every film marked watched or logged, with your rating and
//! number of logs, the last watched first, or by title, year or rating.
//!
//! A member with a long history has seen tens of thousands of films: they are read from
//! the store a window at a time (`Store::seen_window`), as the review list is, never all.

pub mod draw;
pub mod keys;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use crate::model::Film;
use crate::store::{Result, SeenCursor, SeenFilm, SeenOrder, SeenQuery, Store};
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::screen::{Cx, Listed, Listing, Look, Opened, Screen, Step, Tick};
use crate::tui::widgets::finder::{self, Finder};
use crate::tui::widgets::paged::{self, Pages};
use crate::tui::widgets::rows::Rows;
use crate::tui::widgets::shelf_draw::rows_area;

impl Pages for SeenQuery {
    type Row = SeenFilm;
    type Cursor = SeenCursor;

    fn cursor(&self, row: &SeenFilm) -> SeenCursor {
        row.cursor(self.order)
    }

    fn id(row: &SeenFilm) -> i64 {
        row.film.id
    }

    fn find(&self, store: &Store, id: i64) -> Result<Option<SeenCursor>> {
        store.seen_cursor(self.order, id)
    }

    fn page(
        &self,
        store: &Store,
        from: Option<&SeenCursor>,
        backward: bool,
        inclusive: bool,
        limit: usize,
    ) -> Result<Vec<SeenFilm>> {
        store.seen_page(self, from, backward, inclusive, limit)
    }

    fn position(&self, store: &Store, at: &SeenCursor) -> Result<usize> {
        store.seen_position(self, at)
    }
}

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
        let (query, len) = (self.query(), self.rows.len());
        paged::read_first(&mut self.rows, store, &query, len)
    }

    /// Reads the films around the highlighted one, wherever it now is, or from the first.
    fn read_around_kept(&mut self, store: &Store) -> Result<()> {
        let kept = self.selected_film().map(|f| f.id);
        let (query, len) = (self.query(), self.rows.len());
        paged::read_around(&mut self.rows, store, &query, len, kept)
    }

    /// Reads the rows a frame would show when they are not held; says whether it read.
    pub fn fill(&mut self, store: &Store) -> Result<bool> {
        let query = self.query();
        paged::fill(&mut self.rows, store, &query)
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

/// The films seen as a key opens them: `S`, from the film page and the screens like it.
pub const OPENED: Opened = Opened {
    keys: &keys::KEYS,
    open: |at| Ok(Box::new(Seen::open(at.store)?)),
};

impl Screen for Seen {
    fn mode(&self) -> Mode {
        match self.finder.typing() {
            true => Mode::Find,
            false => keys::MODE,
        }
    }

    fn act(&mut self, action: Action, cx: &mut Cx) -> Result<Step> {
        if self.key(cx.store, action, cx.settings.theme.cursor)? {
            return Ok(Step::Done);
        }
        Ok(match (action, self.selected_film()) {
            (Action::Open, Some(film)) => Step::Film(film.clone(), None),
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
        self.reload(store)
    }

    /// The films a taller frame shows, when they are not held.
    fn tick(&mut self, store: &Store) -> Result<Tick> {
        Ok(Tick {
            changed: self.fill(store)?,
            replay: Vec::new(),
        })
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
            (Action::Back, "back"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ]
    }
}
