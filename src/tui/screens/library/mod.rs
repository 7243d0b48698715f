//! The film library (Letterboxd's "See more films"): every film, narrowed by typing,
//! ordered by title or by latest activity; Enter opens one. A library of 100,000 films is
//! read a window at a time (`paged.rs`), never whole.

pub mod draw;
pub mod keys;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui_textarea::TextArea;

use crate::store::{FilmSummary, LibraryCursor, LibraryOrder, Result, Store};
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::screen::{Cx, Kept, Look, Opened, Screen, Step, Tick};
use crate::tui::theme::Theme;
use crate::tui::widgets::paged::{self, Pages};
use crate::tui::widgets::rows::Rows;
use crate::tui::widgets::title_finder::{FoundPages, TitleFinder};

impl LibraryOrder {
    pub fn label(self) -> &'static str {
        match self {
            LibraryOrder::Title => "by title",
            LibraryOrder::Activity => "by latest activity",
        }
    }
}

impl Pages for LibraryOrder {
    type Row = FilmSummary;
    type Cursor = LibraryCursor;

    fn cursor(&self, row: &FilmSummary) -> LibraryCursor {
        row.cursor(*self)
    }

    fn id(row: &FilmSummary) -> i64 {
        row.film.id
    }

    fn find(&self, store: &Store, id: i64) -> Result<Option<LibraryCursor>> {
        store.library_cursor(*self, id)
    }

    fn page(
        &self,
        store: &Store,
        from: Option<&LibraryCursor>,
        backward: bool,
        inclusive: bool,
        limit: usize,
    ) -> Result<Vec<FilmSummary>> {
        store.library_page(*self, from, backward, inclusive, limit)
    }

    fn position(&self, store: &Store, at: &LibraryCursor) -> Result<usize> {
        store.library_position(*self, at)
    }
}

pub struct Library {
    /// A window of the films the filter keeps, one highlighted.
    pub rows: Rows<FilmSummary>,
    pub filter: TextArea<'static>,
    pub sort: LibraryOrder,
    /// Every film, whatever the filter keeps.
    all: usize,
    /// Finds the films with the letters typed.
    finder: TitleFinder,
    /// The films with the letters typed, by id in the order, once found.
    found: Option<Vec<i64>>,
    /// Why finding them failed, when it did.
    pub problem: Option<String>,
    /// Keys for the rows (Enter, a move) pressed while the films with the letters typed
    /// are still being found, to act on in order once they are: a paste of "parasite"
    /// and Enter opens Parasite, not the film highlighted before the letters were taken
    /// in.
    after_found: Vec<Action>,
}

impl Library {
    /// The library by title, from its first film, finding typed letters with `finder`.
    /// (Opening on the film shown would mean counting the films before it: 10 ms at
    /// 100,000.)
    pub fn open(store: &Store, theme: &Theme, finder: TitleFinder) -> Result<Library> {
        let mut library = Library {
            rows: Rows::new(Vec::new()),
            filter: filter_line(theme.cursor, theme.placeholder),
            sort: LibraryOrder::Title,
            all: 0,
            finder,
            found: None,
            problem: None,
            after_found: Vec::new(),
        };
        library.all = store.library_count()?;
        let (order, len) = (library.sort, library.all);
        paged::read_first(&mut library.rows, store, &order, len)?;
        Ok(library)
    }

    /// The library, finding typed letters with the finder kept from its last opening.
    pub fn reopen(store: &Store, theme: &Theme, kept: &mut Kept) -> Result<Library> {
        let finder = match kept.title_finder.take() {
            Some(mut finder) => {
                finder.reopen();
                finder
            }
            None => TitleFinder::new(store),
        };
        Library::open(store, theme, finder)
    }

    /// Every film, whatever the filter keeps.
    pub fn total(&self) -> usize {
        self.all
    }

    pub fn selected_film(&self) -> Option<&FilmSummary> {
        self.rows.selected_item()
    }

    /// Whether letters are typed (the films shown are those found for them).
    fn narrowed(&self) -> bool {
        !self.filter_text().trim().is_empty()
    }

    /// Whether the films with the letters typed are still being found.
    pub fn is_finding(&self) -> bool {
        self.finder.is_finding()
    }

    /// Takes the films found for the letters typed; says whether they came.
    pub fn take_found(&mut self, store: &Store) -> Result<bool> {
        match self.finder.take() {
            Some(Ok(ids)) => self.show_found(store, ids).map(|()| true),
            Some(Err(error)) => {
                self.problem = Some(error);
                Ok(true)
            }
            None => Ok(false),
        }
    }

    fn show_found(&mut self, store: &Store, ids: Vec<i64>) -> Result<()> {
        let len = ids.len();
        paged::read_first(&mut self.rows, store, &FoundPages { ids: &ids }, len)?;
        self.found = Some(ids);
        Ok(())
    }

    /// Moves the highlight by a movement key, reading the films it comes to.
    pub fn apply(&mut self, store: &Store, action: crate::tui::action::Action) -> Result<bool> {
        if !self.rows.apply(action) {
            return Ok(false);
        }
        self.fill(store)?;
        Ok(true)
    }

    /// Reads the films a frame shows when they are not held; says whether it read.
    pub fn fill(&mut self, store: &Store) -> Result<bool> {
        let order = self.sort;
        match (&self.found, self.narrowed()) {
            (Some(ids), true) => paged::fill(&mut self.rows, store, &FoundPages { ids }),
            (None, true) => Ok(false),
            (_, false) => paged::fill(&mut self.rows, store, &order),
        }
    }

    /// The other order, from its first film.
    pub fn toggle_sort(&mut self, store: &Store) -> Result<()> {
        self.sort = match self.sort {
            LibraryOrder::Title => LibraryOrder::Activity,
            LibraryOrder::Activity => LibraryOrder::Title,
        };
        if self.narrowed() {
            return self.refresh(store);
        }
        let (order, len) = (self.sort, self.rows.len());
        paged::read_first(&mut self.rows, store, &order, len)
    }

    /// A key typed into the filter line; returns whether the text changed.
    pub fn type_key(&mut self, store: &Store, input: ratatui_textarea::Input) -> Result<bool> {
        if input.key == ratatui_textarea::Key::Enter {
            return Ok(false);
        }
        let changed = self.filter.input(input);
        if changed {
            self.refresh(store)?;
        }
        Ok(changed)
    }

    /// Empties the filter; says whether there was one.
    pub fn clear_filter(&mut self, store: &Store) -> Result<bool> {
        if self.filter_text().is_empty() {
            return Ok(false);
        }
        let placeholder = self.filter.placeholder_style().unwrap_or_default();
        self.filter = filter_line(self.filter.cursor_style(), placeholder);
        self.refresh(store)?;
        Ok(true)
    }

    pub fn filter_text(&self) -> String {
        self.filter.lines().join(" ")
    }

    /// Shows the films with the letters typed, from the first, as a finder narrows: at
    /// once when no letters are, else once they are found (the films shown so far stay
    /// meanwhile).
    fn refresh(&mut self, store: &Store) -> Result<()> {
        self.problem = None;
        if !self.narrowed() {
            self.finder.forget();
            self.found = None;
            let (order, len) = (self.sort, self.all);
            return paged::read_first(&mut self.rows, store, &order, len);
        }
        if let Some(ids) = self.finder.find(store, &self.filter_text(), self.sort)? {
            self.show_found(store, ids)?;
        }
        Ok(())
    }

    /// Reads every count and the films again, after another program's write.
    pub fn reload(&mut self, store: &Store) -> Result<()> {
        self.all = store.library_count()?;
        self.refresh(store)
    }
}

/// The library as a key opens it: `F`, from the film page, with the finder it kept.
pub const OPENED: Opened = Opened {
    keys: &keys::KEYS,
    open: |at| {
        Ok(Box::new(Library::reopen(
            at.store,
            &at.settings.theme,
            at.kept,
        )?))
    },
};

impl Screen for Library {
    fn mode(&self) -> Mode {
        keys::MODE
    }

    fn act(&mut self, action: Action, cx: &mut Cx) -> Result<Step> {
        let for_rows = matches!(
            action,
            Action::Open | Action::Next | Action::Prev | Action::PageDown | Action::PageUp
        );
        if for_rows && self.is_finding() {
            self.after_found.push(action);
            return Ok(Step::Done);
        }
        if self.apply(cx.store, action)? {
            return Ok(Step::Done);
        }
        Ok(match action {
            Action::CycleSort => {
                self.toggle_sort(cx.store)?;
                Step::Done
            }
            Action::Back if self.clear_filter(cx.store)? => Step::Done,
            Action::Back => Step::Close,
            Action::Open => match self.selected_film() {
                Some(chosen) => Step::Film(chosen.film.clone(), None),
                None => Step::Done,
            },
            _ => Step::Pass,
        })
    }

    fn typed(&mut self, input: ratatui_textarea::Input, cx: &mut Cx) -> Result<Step> {
        if let Err(error) = self.type_key(cx.store, input) {
            cx.say(format!("Could not read the films: {error}"));
        }
        Ok(Step::Done)
    }

    fn click(&mut self, at: Position, cx: &mut Cx) -> Result<bool> {
        Ok(self.rows.click(at, draw::areas(cx.area).rows))
    }

    fn settle(&mut self, _look: &Look, area: Rect) {
        self.rows.page_rows = usize::from(draw::areas(area).rows.height);
    }

    fn refresh(&mut self, store: &Store) -> Result<()> {
        self.reload(store)
    }

    /// The films found for the letters typed, then the keys that waited for them; the
    /// films a taller frame shows.
    fn tick(&mut self, store: &Store) -> Result<Tick> {
        let found = self.take_found(store)?;
        let mut tick = Tick {
            changed: found | self.fill(store)?,
            replay: Vec::new(),
        };
        if found && !self.is_finding() {
            tick.replay = std::mem::take(&mut self.after_found);
        }
        Ok(tick)
    }

    fn waits(&self) -> bool {
        self.is_finding()
    }

    fn closing(self: Box<Self>, kept: &mut Kept) {
        kept.title_finder = Some(self.finder);
    }

    fn draw(&self, frame: &mut Frame, area: Rect, look: &Look) {
        draw::draw(frame, area, look, self);
    }

    fn hints(&self) -> &'static [(Action, &'static str)] {
        &[
            (Action::Next, "next"),
            (Action::Open, "open"),
            (Action::CycleSort, "sort"),
            (Action::Back, "close"),
            (Action::Help, "help"),
        ]
    }
}

fn filter_line(cursor: Style, placeholder: Style) -> TextArea<'static> {
    let mut line = TextArea::default();
    line.set_cursor_line_style(Style::default());
    line.set_cursor_style(cursor);
    line.set_placeholder_text("type to find a title");
    line.set_placeholder_style(placeholder);
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NewFilm;

    fn store_of(films: &[(&str, i64)]) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        for (title, entries) in films {
            let film = NewFilm {
                slug: title.to_lowercase(),
                title: (*title).into(),
                ..NewFilm::default()
            };
            let entries: Vec<crate::model::NewEntry> = (0..*entries)
                .map(|i| crate::model::NewEntry {
                    author: format!("a{i}"),
                    created: Some(format!("2025-0{}-01", 1 + entries)),
                    ..Default::default()
                })
                .collect();
            store.add_film_with_entries(&film, &entries).unwrap();
        }
        store
    }

    fn titles(library: &Library) -> Vec<String> {
        library
            .rows
            .items()
            .iter()
            .map(|f| f.film.title.clone())
            .collect()
    }

    fn typed(library: &mut Library, store: &Store, text: &str) {
        for c in text.chars() {
            let input = ratatui_textarea::Input {
                key: ratatui_textarea::Key::Char(c),
                ..Default::default()
            };
            library.type_key(store, input).unwrap();
        }
    }

    #[test]
    fn typing_narrows_by_title_ignoring_case_and_accents() {
        let store = store_of(&[("Amélie", 1), ("Heat", 2), ("The Heat", 0)]);
        let mut library =
            Library::open(&store, &Theme::default(), TitleFinder::new(&store)).unwrap();
        assert_eq!(library.selected_film().unwrap().film.title, "Amélie");
        typed(&mut library, &store, "HEA");
        assert_eq!(titles(&library), vec!["Heat", "The Heat"]);
        assert_eq!(library.selected_film().unwrap().film.title, "Heat");
        library.clear_filter(&store).unwrap();
        typed(&mut library, &store, "ame");
        assert_eq!(titles(&library), vec!["Amélie"]);
    }

    #[test]
    fn latest_activity_comes_first() {
        let store = store_of(&[("Amélie", 1), ("Heat", 3), ("Zodiac", 0)]);
        let mut library =
            Library::open(&store, &Theme::default(), TitleFinder::new(&store)).unwrap();
        library.toggle_sort(&store).unwrap();
        assert_eq!(titles(&library), vec!["Heat", "Amélie", "Zodiac"]);
        library.rows.move_by(5);
        assert_eq!(library.selected_film().unwrap().film.title, "Zodiac");
    }
}
