//! The app's state and how actions change it. Drawing lives in `view`; writing a review
//! in `compose`, the other writes in `writes`.

mod compose;
mod writes;

pub use compose::Conflict;

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Position, Rect};

use crate::model::{Entry, Film, FilmDetails, FilmStats, Mark, Marks};
use crate::query::RatingFilter;
use crate::query::ReviewQuery;
use crate::store::{Result, Store};
use crate::tui::action::Action;
use crate::tui::config::Config;
use crate::tui::keymap::{Key, Keymap, Mode};
use crate::tui::runtime::counter::{Counter, Counting};
use crate::tui::runtime::drafts::DraftKeeper;
use crate::tui::runtime::writer::Writer;
use crate::tui::screens::composer::{Composer, Field};
use crate::tui::screens::diary::Diary;
use crate::tui::screens::film::filtering::stars_pressed;
use crate::tui::screens::film::filtering::{FilterMenu, Focus};
use crate::tui::screens::film::window::ReviewWindow;
use crate::tui::screens::library::Library;
use crate::tui::screens::lists::Lists;
use crate::tui::screens::seen::Seen;
use crate::tui::screens::watchlist::{Watchlist, WatchlistSort};
use crate::tui::screens::year_in_review::YearInReview;
use crate::tui::theme::Theme;
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::title_finder::TitleFinder;

/// What fills the screen under any overlay, each with its own state: a composer exists
/// only while it is on screen, and so does the library. The other screens keep the film
/// page they were opened from (`back`), to return to it as it was.
pub enum Screen {
    /// The film pane and the review list.
    Film(FilmPage),
    /// The selected review, or the film's details, full screen, scrolled.
    Reader {
        scroll: Scroll,
        reading: Reading,
        /// The review's lines as last drawn.
        drawn: crate::tui::widgets::drawn::ReaderLines,
        back: FilmPage,
    },
    /// Writing or editing a review.
    Composer {
        composer: Box<Composer>,
        back: FilmPage,
    },
    /// The film library.
    Library {
        library: Box<Library>,
        back: FilmPage,
    },
    /// The member's diary.
    Diary { diary: Box<Diary>, back: FilmPage },
    /// The member's watchlist.
    Watchlist {
        watchlist: Box<Watchlist>,
        back: FilmPage,
    },
    /// The year in review.
    YearInReview {
        review: Box<YearInReview>,
        back: FilmPage,
    },
    /// The films the member has seen.
    Seen { seen: Box<Seen>, back: FilmPage },
    /// The member's lists.
    Lists { lists: Box<Lists>, back: FilmPage },
}

impl Screen {
    /// The film page with the list in focus, as a film first opens.
    pub fn film() -> Screen {
        Screen::Film(FilmPage::default())
    }

    /// The film page this screen is, or returns to.
    pub fn film_page(&self) -> &FilmPage {
        match self {
            Screen::Film(page)
            | Screen::Reader { back: page, .. }
            | Screen::Composer { back: page, .. }
            | Screen::Library { back: page, .. }
            | Screen::Diary { back: page, .. }
            | Screen::Watchlist { back: page, .. }
            | Screen::YearInReview { back: page, .. }
            | Screen::Seen { back: page, .. }
            | Screen::Lists { back: page, .. } => page,
        }
    }

    fn into_film_page(self) -> FilmPage {
        match self {
            Screen::Film(page)
            | Screen::Reader { back: page, .. }
            | Screen::Composer { back: page, .. }
            | Screen::Library { back: page, .. }
            | Screen::Diary { back: page, .. }
            | Screen::Watchlist { back: page, .. }
            | Screen::YearInReview { back: page, .. }
            | Screen::Seen { back: page, .. }
            | Screen::Lists { back: page, .. } => page,
        }
    }
}

/// What the reader shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// The review selected in the list.
    Review,
    /// Everything about the film: what its pane has no room for below 100 columns.
    Film,
}

/// The film page's own state: what has the keyboard there, and what its last frame
/// measured for the next key and click.
#[derive(Default)]
pub struct FilmPage {
    pub focus: Focus,
    pub measured: Measured,
}

/// What may stand over a screen. They stack: help opened over the filter menu goes back
/// to the menu.
pub enum Overlay {
    /// Every key, scrolled.
    Help(Scroll),
    /// A yes/no question.
    Question(Question),
    /// The rating filter as a menu.
    FilterMenu(FilterMenu),
    /// A save that found the review changed or gone since the edit began.
    Conflict(Conflict),
}

/// A yes/no question on screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Question {
    /// Throw away what the composer holds?
    Discard,
    /// Delete the user's entry `id`? `then` is the entry to select afterwards.
    Delete { id: i64, then: Option<Box<Entry>> },
    /// The film just logged is on the watchlist: take it off?
    OffWatchlist,
    /// Delete the list `id`, called `name`?
    DeleteList { id: i64, name: String },
    /// Quit, though what was typed could be kept nowhere?
    QuitLosing,
}

/// What the film page's last frame measured, for the next key and click: how far a page
/// of the list goes, and where its rows and bars were drawn. Its drawing writes these; its
/// keys read them. (The reader and help keep their own, in `Scroll`; the library its
/// `page_rows`.)
#[derive(Debug, Default)]
pub struct Measured {
    /// Reviews fully visible in the list.
    pub list_items: Cell<usize>,
    /// Top of the list: the first review drawn.
    pub list_top: Cell<usize>,
    /// Where each histogram bar was drawn (half-stars), for clicks.
    pub bars: RefCell<Vec<(Rect, u8)>>,
    /// Where each review of the list was drawn (its position), for clicks.
    pub rows: RefCell<Vec<(Rect, usize)>>,
}

pub struct App {
    pub(super) store: Store,
    pub(super) film: Film,
    pub(super) stats: FilmStats,
    /// The member's rating of the film and marks on it.
    pub(super) marks: Marks,
    /// What Letterboxd pages told of the film.
    pub(super) details: FilmDetails,
    /// The app's writes, done on a thread of their own (`writer.rs`).
    writer: Writer<App>,
    /// Quitting was asked for: the app ends once its writes have landed.
    quit_requested: bool,
    /// The review being saved, as the composer holds it now.
    saving: Option<compose::Saving>,
    /// The status line said a write waits for another program.
    waited: bool,
    /// The writer was asked to bring the search index up to date, and hasn't yet.
    upkeep_asked: bool,
    /// The first tick came (the first frame is up): the writer's first work is asked.
    started: bool,
    /// The film shown was deleted by another program (what the app knows of it stays).
    pub(super) film_gone: bool,
    pub(super) list: ReviewWindow,
    /// What the list shows: rating filter, sort, search.
    pub(super) query: ReviewQuery,
    /// Entries the query lists; `None` while a search's matches are being counted.
    pub(super) matching: Option<u64>,
    /// The thread that counts searches' matches, once a search needs it.
    counter: Option<Counter>,
    /// The count the current search waits for.
    counting: Option<Counting>,
    /// The library's title finder while the library is closed: its thread keeps the
    /// titles it read, so the next opening doesn't read 100,000 again.
    title_finder: Option<TitleFinder>,
    /// A query to run once the frame saying it is under way has been drawn.
    pub(super) pending_query: Option<ReviewQuery>,
    /// Keys pressed for the list while its search's matches are counted, applied in
    /// order once the count is in (`G` goes to the last match then).
    after_count: Vec<Action>,
    /// Keys pressed for the library's rows while the films typed for are found.
    after_found: Vec<Action>,
    pub(super) screen: Screen,
    /// Help, a question or the filter menu over the screen; the last is on top.
    pub(super) overlays: Vec<Overlay>,
    /// Reading ahead failed; it waits for the next key.
    read_ahead_failed: bool,
    /// The last frame only said the terminal is too small: then `q` quits, and other keys
    /// (which would act on a screen nobody sees, or type into a hidden field) do nothing.
    pub(super) too_small: Cell<bool>,
    /// Spoiler reviews whose text the user chose to see.
    pub(super) revealed: HashSet<i64>,
    pub(super) keymap: Keymap,
    pub(super) theme: Theme,
    /// A message for the status line, replacing the hints until the next key.
    pub(super) message: Option<String>,
    /// The name on reviews the user writes.
    author: String,
    /// How dates are shown (strftime).
    pub(super) date_format: String,
    drafts: DraftKeeper,
    /// When the database was last checked for other processes' writes, and what it said.
    watch: Watch,
}

impl App {
    /// Opens `film`'s page with the user's settings (keys, theme, order, author), its
    /// first review selected.
    pub fn new(mut store: Store, film: Film, config: &Config) -> Result<App> {
        let stats = store.film_stats(film.id)?;
        let marks = store.marks(film.id)?;
        let details = store.film_details(film.id)?;
        let store_version = store.data_version()?;
        let query = ReviewQuery {
            sort: config.default_sort,
            ..ReviewQuery::film(film.id)
        };
        let mut list = ReviewWindow::open(&store, query.clone(), usize::MAX)?;
        let matching = store.count(list.listing())?;
        list.set_total(to_usize(matching));
        let matching = Some(matching);
        // The app's own connection only reads: it never waits long for a writer, and
        // leaves the search index's upkeep to the writer.
        store.wait_at_most(READ_WAIT)?;
        if !store.is_read_only() && store.path() != std::path::Path::new(":memory:") {
            store.leave_upkeep_to_another();
        }
        let path = store.path().to_path_buf();
        let read_only = store.is_read_only();
        let drafts = DraftKeeper::default();
        let keep_draft =
            crate::tui::runtime::drafts::keeper_while_waiting(drafts.pending(), path.clone());
        let app = App {
            store,
            film,
            stats,
            marks,
            details,
            writer: Writer::new(&path, read_only, keep_draft),
            quit_requested: false,
            saving: None,
            waited: false,
            upkeep_asked: false,
            started: false,
            film_gone: false,
            list,
            query,
            matching,
            counter: None,
            counting: None,
            title_finder: None,
            pending_query: None,
            after_count: Vec::new(),
            after_found: Vec::new(),
            screen: Screen::film(),
            overlays: Vec::new(),
            read_ahead_failed: false,
            too_small: Cell::new(false),
            revealed: HashSet::new(),
            keymap: config.keymap.clone(),
            theme: config.theme.clone(),
            date_format: config.date_format.clone(),
            message: None,
            author: config.author(),
            watch: Watch {
                checked: Instant::now(),
                version: store_version,
            },
            drafts,
        };
        Ok(app)
    }

    /// Rows another program left without their film (its triggers dropped) get a film
    /// again, on the writer, once the app's first frame is up (the writer's connection
    /// would only slow that frame); the app says so when there were some.
    fn rehome_orphans(&mut self) {
        if self.store.is_read_only() {
            return;
        }
        self.keep_derived_up_to_date();
        self.writer.submit(
            crate::tui::runtime::writer::Patience::UntilDone,
            |store| store.rehome_orphans(),
            |app: &mut App, done| match done {
                Ok(rehomed) if !rehomed.is_empty() => {
                    app.message = Some(format!(
                        "Gave {} film(s) back to reviews another program had left without one; `marquee check` says more.",
                        rehomed.len()
                    ));
                    if let Err(error) = app.follow_other_writers() {
                        app.message = Some(error.to_string());
                    }
                }
                Ok(_) => {}
                Err(error) => app.message = Some(format!("Could not check the films: {error}")),
            },
        );
    }

    /// What has the keyboard on the film page (the list when another screen shows).
    pub(crate) fn focus(&self) -> &Focus {
        match &self.screen {
            Screen::Film(page) => &page.focus,
            _ => &Focus::List,
        }
    }

    /// Moves the keyboard on the film page (nothing on another screen).
    pub(crate) fn set_focus(&mut self, to: Focus) {
        if let Screen::Film(page) = &mut self.screen {
            page.focus = to;
        }
    }

    /// Puts `screen`, made from the film page now showing or returned to, on screen.
    fn show(&mut self, screen: impl FnOnce(FilmPage) -> Screen) {
        let page = self.leave_screen();
        self.screen = screen(page);
    }

    /// Takes the screen down, keeping what the next one may use again (the library's
    /// title finder); the film page it was over.
    fn leave_screen(&mut self) -> FilmPage {
        match std::mem::replace(&mut self.screen, Screen::film()) {
            Screen::Library { library, back } => {
                self.title_finder = Some(library.into_finder());
                back
            }
            other => other.into_film_page(),
        }
    }

    /// Back to the film page, as it was when another screen opened over it.
    pub(crate) fn back_to_film(&mut self) {
        self.show(Screen::Film);
    }

    /// The composer, when it is on screen.
    pub(crate) fn composer(&self) -> Option<&Composer> {
        match &self.screen {
            Screen::Composer { composer, .. } => Some(composer),
            _ => None,
        }
    }

    pub(crate) fn composer_mut(&mut self) -> Option<&mut Composer> {
        match &mut self.screen {
            Screen::Composer { composer, .. } => Some(composer),
            _ => None,
        }
    }

    /// The library, when it is on screen.
    pub(crate) fn library(&self) -> Option<&Library> {
        match &self.screen {
            Screen::Library { library, .. } => Some(library),
            _ => None,
        }
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The keeper of the composer's draft, shared with the signal watcher.
    pub fn drafts(&self) -> &DraftKeeper {
        &self.drafts
    }

    /// What the keys do now: the top overlay's, else the screen's.
    pub fn mode(&self) -> Mode {
        self.mode_under(self.overlays.len())
    }

    /// The mode under the top overlay: what help, when it is on top, describes first.
    pub fn base_mode(&self) -> Mode {
        self.mode_under(self.overlays.len().saturating_sub(1))
    }

    /// The mode with only the lowest `overlays` overlays showing.
    fn mode_under(&self, overlays: usize) -> Mode {
        match self.overlays[..overlays].last() {
            Some(Overlay::Help(_)) => return Mode::Help,
            Some(Overlay::Question(_)) => return Mode::Confirm,
            Some(Overlay::FilterMenu(_)) => return Mode::FilterMenu,
            Some(Overlay::Conflict(_)) => return Mode::Conflict,
            None => {}
        }
        match &self.screen {
            Screen::Film(page) => match page.focus {
                Focus::List => Mode::List,
                Focus::Histogram { .. } => Mode::Histogram,
                Focus::Search(_) => Mode::Search,
            },
            Screen::Reader { .. } => Mode::Reader,
            Screen::Composer { composer, .. } if composer.field == Field::Rating => {
                Mode::RatingField
            }
            Screen::Composer { composer, .. } if composer.field.is_toggle() => Mode::ToggleField,
            Screen::Composer { .. } => Mode::Composer,
            Screen::Library { .. } => Mode::Library,
            Screen::Diary { diary, .. } if diary.finder.typing() => Mode::Find,
            Screen::Diary { .. } => Mode::Diary,
            Screen::Watchlist { watchlist, .. } if watchlist.finder.typing() => Mode::Find,
            Screen::Watchlist { .. } => Mode::Watchlist,
            Screen::YearInReview { .. } => Mode::YearInReview,
            Screen::Seen { seen, .. } if seen.finder.typing() => Mode::Find,
            Screen::Seen { .. } => Mode::Seen,
            Screen::Lists { lists, .. } if lists.naming.is_some() => Mode::ListName,
            Screen::Lists { .. } => Mode::Lists,
        }
    }

    /// Handles a key press: the keymap's action for the current mode, or typing when a
    /// text field has focus.
    pub fn key_event(&mut self, event: KeyEvent) -> Effect {
        let key = Key::from_event(&event);
        if self.too_small.get() {
            return if key == Key::char('q') || key == Key::ctrl('c') {
                self.quit()
            } else {
                Effect::None
            };
        }
        self.message = None;
        self.read_ahead_failed = false;
        match self.keymap.action(self.mode(), key) {
            Some(action) => return self.update(action),
            // Ctrl-c quits from anywhere, whatever the keymap says.
            None if key == Key::ctrl('c') => return self.quit(),
            None if self.mode() == Mode::Search => {
                self.search_input(event.into());
            }
            None if self.mode() == Mode::Find => match &mut self.screen {
                Screen::Diary { diary, .. } => diary.finder.input(event.into()),
                Screen::Watchlist { watchlist, .. } => watchlist.finder.input(event.into()),
                Screen::Seen { seen, .. } => seen.finder.input(event.into()),
                _ => {}
            },
            None if self.mode() == Mode::ListName => {
                if let Screen::Lists { lists, .. } = &mut self.screen
                    && let Some(naming) = &mut lists.naming
                {
                    let input: ratatui_textarea::Input = event.into();
                    // One line: Enter is the keymap's (keep the name).
                    if input.key != ratatui_textarea::Key::Enter {
                        naming.line.input(input);
                    }
                }
            }
            None if self.mode() == Mode::Library => {
                if let Screen::Library { library, .. } = &mut self.screen
                    && let Err(error) = library.type_key(&self.store, event.into())
                {
                    self.message = Some(format!("Could not read the films: {error}"));
                }
            }
            None if self.mode() == Mode::Composer => {
                if let Some(composer) = self.composer_mut() {
                    composer.error = None;
                    composer.input(event.into());
                }
                self.composer_changed();
            }
            None => {
                self.message = Some(format!(
                    "{key} does nothing here; press {} for help",
                    self.first_key(Action::Help)
                ));
            }
        }
        // Typing changes the text, never what the loop does.
        self.style_composer();
        Effect::None
    }

    /// An input's effect, or running the query it announced once its frame is drawn.
    fn with_pending(&self, effect: Effect) -> Effect {
        match effect {
            Effect::None if self.pending_query.is_some() => Effect::RunAfterFrame,
            other => other,
        }
    }

    /// The focused text field shows a cursor; the others do not.
    fn style_composer(&mut self) {
        let (cursor, placeholder) = (self.theme.cursor, self.theme.placeholder);
        if let Some(composer) = self.composer_mut() {
            composer.style(cursor, placeholder);
        }
    }

    /// A key given as the config file writes it, for tests and scripts.
    pub fn key(&mut self, key: Key) -> Effect {
        let mut modifiers = ratatui::crossterm::event::KeyModifiers::NONE;
        if key.ctrl {
            modifiers |= ratatui::crossterm::event::KeyModifiers::CONTROL;
        }
        if key.alt {
            modifiers |= ratatui::crossterm::event::KeyModifiers::ALT;
        }
        self.key_event(KeyEvent::new(key.code, modifiers))
    }

    /// Text pasted into the terminal (bracketed paste).
    pub fn paste(&mut self, text: &str) -> Effect {
        if !self.search_paste(text)
            && let Some(composer) = self.composer_mut()
        {
            composer.paste(text);
            self.composer_changed();
        }
        Effect::None
    }

    fn first_key(&self, action: Action) -> String {
        self.key_name(self.mode(), action)
    }

    /// The first key for `action` in `mode`, as help writes it, for hints in the text.
    pub fn key_name(&self, mode: Mode, action: Action) -> String {
        self.keymap
            .keys(mode, action)
            .first()
            .map_or_else(|| action.name(), Key::to_string)
    }

    /// Applies an action. A store error does not end the app: it is shown instead.
    /// Says what the event loop must do besides.
    pub fn update(&mut self, action: Action) -> Effect {
        if self.awaits_count(action) || self.awaits_found(action) {
            return Effect::None;
        }
        let effect = self.try_update(action).unwrap_or_else(|error| {
            let text = format!("{error}");
            match self.composer_mut() {
                Some(composer) => composer.error = Some(text),
                _ => self.message = Some(text),
            }
            Effect::None
        });
        self.style_composer();
        self.with_pending(effect)
    }

    /// An action's effect outside the app; the app's own changes are made by `apply`.
    fn try_update(&mut self, action: Action) -> Result<Effect> {
        match action {
            // From any screen and overlay.
            Action::Quit => return Ok(self.quit()),
            Action::ExternalEditor if self.overlays.is_empty() => {
                if let Some(composer) = self.composer_mut() {
                    composer.field = Field::Text;
                    return Ok(Effect::OpenEditor(composer.draft().body));
                }
            }
            _ => {}
        }
        if let Some(Overlay::Question(_)) = self.overlays.last() {
            return self.answer(action);
        }
        self.apply(action)?;
        Ok(Effect::None)
    }

    fn apply(&mut self, action: Action) -> Result<()> {
        match self.overlays.last() {
            Some(Overlay::Help(_)) => return self.help_action(action),
            Some(Overlay::Question(_)) => return self.answer(action).map(|_| ()),
            Some(Overlay::FilterMenu(_)) => return self.menu_action(action),
            Some(Overlay::Conflict(_)) => return self.conflict_action(action),
            None => {}
        }
        if matches!(self.screen, Screen::Film(_)) && self.filter_action(action)? {
            return Ok(());
        }
        if matches!(self.screen, Screen::Library { .. }) {
            return self.library_action(action);
        }
        if self.open_screen(action)? {
            return Ok(());
        }
        match &mut self.screen {
            Screen::Diary { .. } => return self.diary_action(action),
            Screen::Watchlist { .. } | Screen::Seen { .. } => return self.shelf_action(action),
            Screen::Lists { .. } => return self.lists_action(action),
            Screen::YearInReview { review, .. } => {
                match action {
                    Action::CycleYear => review.cycle_year(&self.store)?,
                    Action::Back => self.back_to_film(),
                    Action::Help => self.open_help(),
                    _ => {}
                }
                return Ok(());
            }
            _ => {}
        }
        match action {
            Action::Help => self.open_help(),
            Action::Back if matches!(self.screen, Screen::Composer { .. }) => {
                self.cancel_composer()
            }
            Action::Back => self.back_to_film(),
            Action::Open => {
                if self.list.selected_entry().is_some() {
                    self.read(Reading::Review);
                }
            }
            Action::FilmDetails => self.read(Reading::Film),
            // Screens: see `open_screen`.
            Action::Diary
            | Action::Watchlist
            | Action::YearInReview
            | Action::Seen
            | Action::Lists
            | Action::NewList
            | Action::RenameList
            | Action::AddToList
            | Action::MoveUp
            | Action::MoveDown
            | Action::OlderMonth
            | Action::NewerMonth => {}
            Action::ToggleWatchlist => self.toggle_mark(Mark::Watchlist)?,
            Action::ToggleWatched => self.toggle_mark(Mark::Watched)?,
            Action::ToggleLiked => self.toggle_mark(Mark::Liked)?,
            Action::CycleYear => {}
            Action::Write => self.write()?,
            Action::Edit => self.edit()?,
            Action::Delete => self.ask_delete(),
            Action::Reveal => self.reveal(),
            Action::Save => self.save()?,
            // In the composer's rating and switches, next and prev go from field to field.
            Action::Next | Action::Prev if matches!(self.screen, Screen::Composer { .. }) => {
                self.compose(match action {
                    Action::Next => Action::NextField,
                    _ => Action::PrevField,
                })
            }
            Action::NextField
            | Action::PrevField
            | Action::Stars(_)
            | Action::AddHalf
            | Action::RemoveHalf
            | Action::ClearRating
            | Action::Toggle => self.compose(action),
            Action::Yes
            | Action::No
            | Action::KeepMine
            | Action::TakeTheirs
            | Action::SeeBoth
            | Action::Undo
            | Action::FilterStars(_)
            | Action::ToggleOrMore
            | Action::FilterUnrated
            | Action::ClearFilter
            | Action::FilterMenu
            | Action::CycleSort
            | Action::Search
            | Action::FocusHistogram
            // Effects: see `try_update`.
            | Action::Quit
            | Action::ExternalEditor => {}
            Action::Library => self.open_library()?,
            Action::Next
            | Action::Prev
            | Action::PageDown
            | Action::PageUp
            | Action::First
            | Action::Last => self.move_by(action)?,
        }
        Ok(())
    }

    /// The reader, on the review or the film.
    fn read(&mut self, reading: Reading) {
        let scroll = Scroll::default();
        self.show(|back| Screen::Reader {
            scroll,
            reading,
            drawn: Default::default(),
            back,
        });
    }

    pub(crate) fn open_help(&mut self) {
        self.overlays.push(Overlay::Help(Scroll::default()));
    }

    fn help_action(&mut self, action: Action) -> Result<()> {
        match action {
            Action::Back | Action::Help => {
                self.overlays.pop();
            }
            _ => {
                if let Some(Overlay::Help(scroll)) = self.overlays.last_mut() {
                    scroll.apply(action);
                }
            }
        }
        Ok(())
    }

    /// Next, previous, pages, first and last: in the list they move the selection,
    /// in the reader they scroll the text.
    fn move_by(&mut self, action: Action) -> Result<()> {
        if let Screen::Reader { scroll, .. } = &mut self.screen {
            scroll.apply(action);
            return Ok(());
        }
        let measured = &self.screen.film_page().measured;
        let (top, page) = (measured.list_top.get(), measured.list_items.get().max(1));
        let selected = self.list.selected();
        match action {
            Action::Next => self.list.select_by(&self.store, 1),
            Action::Prev => self.list.select_by(&self.store, -1),
            // A page is the screenful after (or before) the one shown, its first review
            // selected and drawn at the top, as a pager turns pages.
            Action::PageDown => {
                let target = (top + page).max(selected + 1);
                measured.list_top.set(target);
                self.list.select(&self.store, target)
            }
            Action::PageUp => {
                let target = top.saturating_sub(page).min(selected.saturating_sub(1));
                measured.list_top.set(target);
                self.list.select(&self.store, target)
            }
            Action::First => self.list.first(&self.store),
            Action::Last => self.list.last(&self.store),
            _ => Ok(()),
        }
    }

    /// A left click: on a histogram bar it filters to that rating; on a review it selects it.
    pub fn click(&mut self, column: u16, row: u16) -> Effect {
        if self.click_a_row(column, row) {
            return Effect::None;
        }
        if self.mode() != Mode::List && self.mode() != Mode::Histogram {
            return Effect::None;
        }
        self.message = None;
        let at = Position::new(column, row);
        let measured = &self.screen.film_page().measured;
        let bar = measured
            .bars
            .borrow()
            .iter()
            .find(|(r, _)| r.contains(at))
            .map(|b| b.1);
        if let Some(half_stars) = bar {
            self.set_focus(Focus::Histogram { bar: half_stars });
            return self.update(Action::Open);
        }
        let measured = &self.screen.film_page().measured;
        let review = measured
            .rows
            .borrow()
            .iter()
            .find(|(r, _)| r.contains(at))
            .map(|r| r.1);
        if let Some(position) = review {
            self.set_focus(Focus::List);
            if let Err(error) = self.list.select(&self.store, position) {
                self.message = Some(error.to_string());
            }
        }
        Effect::None
    }

    /// The wheel scrolls three lines of text at a time, but one review in the list.
    pub fn wheel(&mut self, action: Action) -> Effect {
        self.message = None;
        let mut effect = Effect::None;
        if matches!(self.mode(), Mode::List | Mode::Reader | Mode::Help) {
            let times = if self.mode() == Mode::List { 1 } else { 3 };
            for _ in 0..times {
                effect = self.update(action);
            }
        }
        effect
    }

    // --- Writing -------------------------------------------------------------------

    /// Refuses a write on a read-only database, saying why; true when it refused.
    fn refuse_read_only(&mut self) -> bool {
        let read_only = self.store.is_read_only();
        if read_only {
            // Short enough for the line above the status line at 80 columns.
            self.message = Some("Read-only: nothing can be saved here.".into());
        }
        read_only
    }

    /// The entry to select after a write, unless a search is on: finding its place among
    /// the matches would mean gathering every one of them.
    fn keepable<'e>(&self, entry: Option<&'e Entry>) -> Option<&'e Entry> {
        entry.filter(|_| self.query.search.is_none())
    }

    /// Re-reads the counts and the list (after a write, or for a new query), selecting
    /// `select` if given.
    pub(crate) fn reload(&mut self, select: Option<&Entry>) -> Result<()> {
        self.stats = self.store.film_stats(self.film.id)?;
        self.marks = self.store.marks(self.film.id)?;
        self.details = self.store.film_details(self.film.id)?;
        // The first page before the count: for a search, the page decides how it is
        // answered, and the count then asks nothing more of it.
        let query = self.query.clone();
        self.list = match select {
            Some(entry) => ReviewWindow::open_at(&self.store, query, usize::MAX, entry)?,
            None => ReviewWindow::open(&self.store, query, usize::MAX)?,
        };
        self.matching = self.store.count_if_known(self.list.listing())?;
        self.counting = None;
        match self.matching {
            Some(n) => self.list.set_total(to_usize(n)),
            None => self.count_on_the_side(),
        }
        Ok(())
    }

    /// Counts the current search's matches on a thread with its own connection, so keys
    /// go on working meanwhile (a common word in a huge film has a million matches).
    fn count_on_the_side(&mut self) {
        let (film_id, expression) = match self.store.search_needs_counts(self.list.listing()) {
            Ok(Some(search)) => search,
            Ok(None) => return,
            Err(error) => {
                self.message = Some(format!("Could not count the matches: {error}"));
                return;
            }
        };
        let path = self.store.path().to_path_buf();
        if path == std::path::Path::new(":memory:") {
            // Nothing else can open an in-memory database: count here.
            let never = AtomicBool::new(false);
            if let Ok(Some(counts)) = self.store.search_counts(film_id, &expression, &never) {
                self.store.set_search_counts(self.list.listing(), counts);
                self.matching = self
                    .store
                    .count_if_known(self.list.listing())
                    .ok()
                    .flatten();
            }
            return;
        }
        let counter = self.counter.get_or_insert_with(|| Counter::new(path));
        match counter.start(film_id, expression) {
            Ok(counting) => self.counting = Some(counting),
            Err(error) => self.message = Some(format!("Could not count the matches: {error}")),
        }
    }

    /// Keeps a key that needs the search's count (`G` while the matches are counted) and
    /// the moves after it, to apply in order once the count is in; any other key lets go
    /// of them and applies at once. Says whether `action` was kept.
    fn awaits_count(&mut self, action: Action) -> bool {
        if self.mode() != Mode::List || self.matching.is_some() {
            self.after_count.clear();
            return false;
        }
        // G waits; the moves after a waiting G wait with it.
        let waits = action == Action::Last
            || (!self.after_count.is_empty()
                && matches!(
                    action,
                    Action::Next | Action::Prev | Action::PageDown | Action::PageUp
                ));
        if !waits {
            self.after_count.clear();
            return false;
        }
        self.after_count.push(action);
        self.message = Some("Counting the matches: the last is selected once they are.".into());
        true
    }

    /// Applies the keys kept for the count, now that it is in.
    fn apply_after_count(&mut self) {
        for action in std::mem::take(&mut self.after_count) {
            if let Err(error) = self.move_by(action) {
                self.message = Some(error.to_string());
                return;
            }
        }
        self.message = None;
    }

    /// Takes a finished search count; says whether one arrived.
    fn take_count(&mut self) -> bool {
        let Some(counted) = self.counter.as_ref().and_then(Counter::take) else {
            return false;
        };
        // A count for a search left since is of no use.
        let wanted = self
            .counting
            .as_ref()
            .is_some_and(|c| c.film_id == counted.film_id && c.expression == counted.expression);
        if !wanted {
            return false;
        }
        self.counting = None;
        match counted.counts {
            Ok(counts) => {
                self.store.set_search_counts(self.list.listing(), counts);
                self.matching = self
                    .store
                    .count_if_known(self.list.listing())
                    .ok()
                    .flatten();
                if let Some(n) = self.matching {
                    self.list.set_total(to_usize(n));
                    self.apply_after_count();
                }
            }
            Err(error) => {
                self.after_count.clear();
                self.message = Some(format!("Could not count the matches: {error}"));
            }
        }
        true
    }

    /// Saves a due draft, takes a finished search count and looks for other processes'
    /// writes; says whether the screen needs drawing again.
    pub fn tick(&mut self, now: Instant) -> bool {
        if !std::mem::replace(&mut self.started, true) {
            self.rehome_orphans();
        }
        let mut changed = self.take_writes();
        if self.take_count() | self.take_tallies() | self.take_found() | self.fill_window() {
            return true;
        }
        self.save_due_draft(now);
        changed |= self.say_waiting();
        if now.duration_since(self.watch.checked) < WATCH_EVERY {
            return self.read_ahead() | changed;
        }
        self.watch.checked = now;
        self.follow_other_writers().unwrap_or_else(|error| {
            self.message = Some(error.to_string());
            true
        }) | changed
    }

    /// Hands each write that landed its answer; says whether any did.
    fn take_writes(&mut self) -> bool {
        let done = self.writer.finished(&mut self.store);
        let any = !done.is_empty();
        for write in done {
            write.apply(self);
        }
        any
    }

    /// While a write waits for another program, says so (and where the draft went);
    /// says whether the screen changed.
    fn say_waiting(&mut self) -> bool {
        let status = self.writer.status();
        let Some(since) = status.waiting_since else {
            // The wait is over: what said so is replaced.
            if !std::mem::take(&mut self.waited) {
                return false;
            }
            let done = "The other program let go of the database.";
            let waiting = |m: &Option<String>| m.as_deref().is_some_and(|m| m.contains(WAITING));
            if let Some(composer) = self.composer_mut()
                && waiting(&composer.error)
            {
                composer.error = Some(done.into());
            }
            if waiting(&self.message) {
                self.message = Some(done.into());
            }
            return true;
        };
        self.waited = true;
        let waited = since.elapsed().as_secs();
        let mut text = if self.quit_requested {
            format!(
                "Quitting once your changes are saved ({} again: now). {WAITING} ({waited}s).",
                self.first_key(Action::Quit)
            )
        } else {
            format!("{WAITING} ({waited}s): your changes are saved as soon as it lets go.")
        };
        if let Some(path) = &status.draft_kept {
            text.push_str(&format!(
                " Your draft is kept in {} meanwhile.",
                path.display()
            ));
        }
        if self.composer().is_some() {
            self.draft_note(text);
        } else {
            self.message = Some(text);
        }
        true
    }

    /// `q`: ends the app once its writes have landed, and its draft is kept somewhere;
    /// asked again, at once.
    fn quit(&mut self) -> Effect {
        // Asked whether to lose what can be kept nowhere, and quitting again: go.
        if let Some(Overlay::Question(Question::QuitLosing)) = self.overlays.last() {
            return Effect::Quit;
        }
        if std::mem::replace(&mut self.quit_requested, true) && self.writer.in_flight() > 0 {
            return Effect::Quit;
        }
        self.finish_quit()
    }

    /// Quits now if nothing is left to write, keeping the draft first; when it can be
    /// kept nowhere, asks.
    fn finish_quit(&mut self) -> Effect {
        if self.writer.in_flight() > 0 {
            self.message = Some(format!(
                "Quitting once your changes are saved… ({} again quits without waiting)",
                self.first_key(Action::Quit)
            ));
            return Effect::None;
        }
        if !self.flush_draft().is_kept() {
            self.quit_requested = false;
            self.overlays.push(Overlay::Question(Question::QuitLosing));
            return Effect::None;
        }
        Effect::Quit
    }

    /// Waits until every write asked for has landed, and hands each its answer: for
    /// tests and scripts driving the app, which look at the result next.
    pub fn settle_writes(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            self.take_writes();
            if self.writer.in_flight() == 0 || Instant::now() > deadline {
                return;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Whether the app asked to quit and its last write has landed: the loop ends.
    pub fn ready_to_quit(&mut self) -> bool {
        self.quit_requested && self.writer.in_flight() == 0 && self.finish_quit() == Effect::Quit
    }

    /// Shows what another process (`marquee log`, an import, another window) wrote,
    /// keeping the selected review selected. Returns whether anything changed.
    pub fn follow_other_writers(&mut self) -> Result<bool> {
        let version = self.store.data_version()?;
        if version == self.watch.version {
            return Ok(false);
        }
        self.watch.version = version;
        self.keep_derived_up_to_date();
        self.follow_the_film()?;
        let selected = self.list.selected_entry().cloned();
        self.reload(self.keepable(selected.as_ref()))?;
        match &mut self.screen {
            Screen::Diary { diary, .. } => diary.refresh(&self.store)?,
            Screen::Watchlist { watchlist, .. } => watchlist.set(self.store.watchlist()?),
            Screen::YearInReview { review, .. } => review.refresh(&self.store)?,
            Screen::Seen { seen, .. } => seen.reload(&self.store)?,
            Screen::Library { library, .. } => library.reload(&self.store)?,
            Screen::Lists { lists, .. } => lists.refresh(&self.store)?,
            _ => {}
        }
        Ok(true)
    }

    /// The film shown, as another program left it: changed, under another id (replaced
    /// by `INSERT OR REPLACE`), or deleted; a film that took its id is another film.
    fn follow_the_film(&mut self) -> Result<()> {
        // The same film: its slug, or (given a new slug) its title and year.
        let shown = &self.film;
        let same = self.store.film(shown.id)?.filter(|film| {
            film.slug == shown.slug || (film.title == shown.title && film.year == shown.year)
        });
        let found = match same {
            Some(film) => Some(film),
            None => self.store.film_by_slug(&self.film.slug)?,
        };
        match found {
            Some(film) => {
                let moved = film.id != self.film.id;
                if film.slug != self.film.slug {
                    self.film_changed_slug(&film.slug);
                }
                self.film = film;
                if std::mem::take(&mut self.film_gone) || moved {
                    self.film_changed_id();
                }
            }
            None if !self.film_gone => {
                self.film_gone = true;
                let title = crate::text::sanitize_line(&self.film.title_with_year());
                let text = format!(
                    "{title} was deleted by another program. What you write here is kept, and saving it adds the film back."
                );
                match self.composer().is_some() {
                    true => self.draft_note(text),
                    false => self.message = Some(text),
                }
            }
            None => {}
        }
        Ok(())
    }

    /// Has the writer bring the search index and the titles' keys up to date with what
    /// other programs wrote (one such write at a time); the list is read again once it
    /// lands, as after any write.
    fn keep_derived_up_to_date(&mut self) {
        if self.store.is_read_only() || std::mem::replace(&mut self.upkeep_asked, true) {
            return;
        }
        self.writer.submit(
            crate::tui::runtime::writer::Patience::UntilDone,
            |store| store.bring_up_to_date(),
            |app: &mut App, done| {
                app.upkeep_asked = false;
                if let Err(error) = done {
                    app.message = Some(format!("Could not bring the search up to date: {error}"));
                }
            },
        );
    }

    /// Another program gave the film shown a new slug: the draft being written goes with
    /// it, in the composer and in the database.
    fn film_changed_slug(&mut self, new: &str) {
        let old = self.film.slug.clone();
        if let Some(composer) = self.composer_mut() {
            composer.film_slug = new.to_string();
        }
        let new = new.to_string();
        self.writer.submit(
            crate::tui::runtime::writer::Patience::UntilDone,
            move |store| store.rename_draft(&old, &new),
            |_app: &mut App, _| {},
        );
        self.composer_changed();
    }

    /// The film shown has another id now: the list asks for that one.
    pub(crate) fn film_changed_id(&mut self) {
        self.query.film_id = self.film.id;
        let id = self.film.id;
        if let Some(composer) = self.composer_mut() {
            composer.film_id = id;
        }
    }

    /// How soon `tick` wants to run again: at once while the list reads ahead, soon while
    /// a thread works on what the screen waits for.
    pub fn next_tick(&self) -> Duration {
        if self.list.wants_more() && !self.read_ahead_failed && !self.has_pending() {
            return Duration::ZERO;
        }
        if self.counting.is_some() || self.tallying() || self.writer.in_flight() > 0 {
            return AWAIT_EVERY.min(self.drafts.next_due());
        }
        self.drafts.next_due()
    }

    /// Whether the screen waits for a thread: the year in review for its tally, the
    /// library for the films with the letters typed.
    fn tallying(&self) -> bool {
        match &self.screen {
            Screen::YearInReview { review, .. } => review.is_tallying(),
            Screen::Library { library, .. } => library.is_finding(),
            _ => false,
        }
    }

    /// Whether the library is finding the films with the letters typed.
    pub fn library_finding(&self) -> bool {
        self.library().is_some_and(Library::is_finding)
    }

    /// Keeps a key for the library's rows (Enter, a move) pressed while the films with
    /// the letters typed are still being found, to apply in order once they are: a paste
    /// of "parasite" and Enter opens Parasite, not the film highlighted before the letters
    /// were taken in. Says whether `action` was kept.
    fn awaits_found(&mut self, action: Action) -> bool {
        let finding = self.mode() == Mode::Library && self.library_finding();
        let for_rows = matches!(
            action,
            Action::Open | Action::Next | Action::Prev | Action::PageDown | Action::PageUp
        );
        if !finding || !for_rows {
            return false;
        }
        self.after_found.push(action);
        true
    }

    /// Takes the films the library's finder found, then the keys that waited for them;
    /// says whether they came.
    fn take_found(&mut self) -> bool {
        let Screen::Library { library, .. } = &mut self.screen else {
            self.after_found.clear();
            return false;
        };
        let taken = library.take_found(&self.store).unwrap_or_else(|error| {
            self.message = Some(format!("Could not read the films: {error}"));
            true
        });
        if taken && !self.library_finding() {
            for action in std::mem::take(&mut self.after_found) {
                self.update(action);
            }
        }
        taken
    }

    /// Reads the films (seen, or the library's) a frame shows when they are not held
    /// (the terminal grew); says whether it read.
    fn fill_window(&mut self) -> bool {
        let filled = match &mut self.screen {
            Screen::Seen { seen, .. } => seen.fill(&self.store),
            Screen::Library { library, .. } => library.fill(&self.store),
            _ => return false,
        };
        filled.unwrap_or_else(|error| {
            self.message = Some(format!("Could not read the films: {error}"));
            true
        })
    }

    /// Takes the year in review's tallies; says whether the year shown got its numbers.
    fn take_tallies(&mut self) -> bool {
        match &mut self.screen {
            Screen::YearInReview { review, .. } => review.take_tallies(),
            _ => false,
        }
    }

    /// Reads a page of the list ahead of the selection, between keys; says whether the
    /// screen may show more now.
    fn read_ahead(&mut self) -> bool {
        // A search about to run replaces the list: reading this one ahead is wasted.
        if self.read_ahead_failed || self.has_pending() {
            return false;
        }
        match self.list.read_ahead(&self.store) {
            Ok(read) => read,
            Err(error) => {
                // Not again until the next key: the loop would spin on the same error.
                self.read_ahead_failed = true;
                self.message = Some(format!("Could not read the list: {error}"));
                true
            }
        }
    }

    // --- The library --------------------------------------------------------------

    fn open_library(&mut self) -> Result<()> {
        let finder = match self.title_finder.take() {
            Some(mut finder) => {
                finder.reopen();
                finder
            }
            None => TitleFinder::new(&self.store),
        };
        let library = Box::new(Library::open(&self.store, &self.theme, finder)?);
        self.show(|back| Screen::Library { library, back });
        Ok(())
    }

    fn library_action(&mut self, action: Action) -> Result<()> {
        let Screen::Library { library, .. } = &mut self.screen else {
            return Ok(());
        };
        if library.apply(&self.store, action)? {
            return Ok(());
        }
        match action {
            Action::CycleSort => library.toggle_sort(&self.store)?,
            Action::Back if library.clear_filter(&self.store)? => {}
            Action::Back => self.back_to_film(),
            Action::Open => {
                if let Some(chosen) = library.selected_film() {
                    let film = chosen.film.clone();
                    self.open_film(film, None)?;
                }
            }
            Action::Help => self.open_help(),
            _ => {}
        }
        Ok(())
    }

    // --- The diary ----------------------------------------------------------------

    fn open_diary(&mut self) -> Result<()> {
        let diary = Box::new(Diary::open(&self.store)?);
        self.show(|back| Screen::Diary { diary, back });
        Ok(())
    }

    fn diary_action(&mut self, action: Action) -> Result<()> {
        let Screen::Diary { diary, .. } = &mut self.screen else {
            return Ok(());
        };
        let page = diary.page_rows.get().max(1) as isize;
        let store = &self.store;
        let filter = diary.query.filter;
        if diary.finder.typing() {
            if matches!(action, Action::Open | Action::Back) {
                diary.find(store, action == Action::Open)?;
            }
            return Ok(());
        }
        match action {
            Action::Search => diary.finder.start(self.theme.cursor),
            // Esc first lets go of a title it was narrowed to.
            Action::Back if diary.query.title.is_some() => diary.find(store, false)?,
            Action::Next => diary.move_by(store, 1)?,
            Action::Prev => diary.move_by(store, -1)?,
            Action::PageDown => diary.move_by(store, page)?,
            Action::PageUp => diary.move_by(store, -page)?,
            Action::First => diary.first(),
            Action::Last => diary.last(store)?,
            Action::CycleYear => diary.cycle_year(store)?,
            Action::OlderMonth => diary.older_month(store)?,
            Action::NewerMonth => diary.newer_month(),
            Action::FilterStars(n) => diary.set_filter(store, stars_pressed(filter, n))?,
            Action::ToggleOrMore => match filter {
                RatingFilter::Exactly(r) => diary.set_filter(store, RatingFilter::AtLeast(r))?,
                RatingFilter::AtLeast(r) => diary.set_filter(store, RatingFilter::Exactly(r))?,
                _ => self.message = Some("Pick a rating first (1–5), then + for “or more”.".into()),
            },
            Action::FilterUnrated => diary.set_filter(store, RatingFilter::Unrated)?,
            Action::ClearFilter => diary.set_filter(store, RatingFilter::All)?,
            Action::Open => {
                if let Some(log) = diary.selected_log() {
                    let (film, entry) = (log.film.clone(), log.entry.clone());
                    self.open_film(film, Some(&entry))?;
                }
            }
            Action::Back => self.back_to_film(),
            Action::Help => self.open_help(),
            _ => {}
        }
        Ok(())
    }

    // --- The watchlist ------------------------------------------------------------

    // --- Lists ----------------------------------------------------------------------

    fn open_lists(&mut self) -> Result<()> {
        let lists = Box::new(Lists::open(&self.store, self.film.clone())?);
        self.show(|back| Screen::Lists { lists, back });
        Ok(())
    }

    fn lists_action(&mut self, action: Action) -> Result<()> {
        let Screen::Lists { lists, .. } = &mut self.screen else {
            return Ok(());
        };
        if lists.naming.is_some() {
            return self.naming_action(action);
        }
        let moved = match &mut lists.open {
            Some(films) => films.apply(action),
            None => lists.lists.apply(action),
        };
        if moved {
            return Ok(());
        }
        let writes = matches!(
            action,
            Action::NewList
                | Action::RenameList
                | Action::AddToList
                | Action::Delete
                | Action::MoveUp
                | Action::MoveDown
        );
        if writes && self.refuse_read_only() {
            return Ok(());
        }
        let Screen::Lists { lists, .. } = &mut self.screen else {
            return Ok(());
        };
        let list = lists.highlighted().map(|l| (l.id, l.name.clone()));
        let film = lists
            .open
            .as_ref()
            .and_then(|f| f.selected_item())
            .map(|f| (f.film_id, f.position));
        match (action, list, film) {
            (Action::Open, Some(_), None) if lists.open.is_none() => {
                lists.open_highlighted(&self.store)?
            }
            (Action::Open, _, Some((film_id, _))) => {
                if let Some(film) = self.store.film(film_id)? {
                    self.open_film(film, None)?;
                }
            }
            (Action::Back, ..) if lists.open.is_some() => lists.open = None,
            (Action::Back, ..) => self.back_to_film(),
            (Action::NewList, ..) => lists.start_naming(false, self.theme.cursor),
            (Action::RenameList, Some(_), _) => lists.start_naming(true, self.theme.cursor),
            (Action::AddToList, Some((id, name)), _) => {
                let film = lists.film.clone();
                self.add_to_list(id, name, film);
            }
            (Action::Delete, Some((id, _)), Some((film_id, _))) => {
                self.remove_from_list(id, film_id);
            }
            (Action::Delete, Some((id, name)), None) => {
                let question = Question::DeleteList { id, name };
                self.overlays.push(Overlay::Question(question));
            }
            (Action::MoveUp | Action::MoveDown, Some((id, _)), Some((film_id, _))) => {
                self.move_in_list(id, film_id, action == Action::MoveUp);
            }
            (Action::Undo, ..) => self.undo_removal(),
            (Action::Help, ..) => self.open_help(),
            _ => {}
        }
        Ok(())
    }

    /// Enter keeps the typed name (a new list, or the highlighted one renamed); Esc
    /// leaves things as they were.
    fn naming_action(&mut self, action: Action) -> Result<()> {
        let Screen::Lists { lists, .. } = &mut self.screen else {
            return Ok(());
        };
        match action {
            Action::Back => lists.naming = None,
            Action::Open => {
                let Some(naming) = &lists.naming else {
                    return Ok(());
                };
                let name = naming.line.lines().join(" ");
                let renaming = naming
                    .renaming
                    .then(|| lists.highlighted().map(|l| l.id))
                    .flatten();
                self.keep_list_name(name, renaming);
            }
            _ => {}
        }
        Ok(())
    }

    /// Opens the member's screen an action names (each key is bound only where its
    /// screen may open); says whether `action` named one.
    fn open_screen(&mut self, action: Action) -> Result<bool> {
        match action {
            Action::Diary => self.open_diary()?,
            Action::Watchlist => self.open_watchlist()?,
            Action::Seen => self.open_seen()?,
            Action::YearInReview => self.open_year_in_review()?,
            Action::Lists => self.open_lists()?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn open_seen(&mut self) -> Result<()> {
        let seen = Box::new(Seen::open(&self.store)?);
        self.show(|back| Screen::Seen { seen, back });
        Ok(())
    }

    fn open_year_in_review(&mut self) -> Result<()> {
        let review = Box::new(YearInReview::open(&self.store)?);
        self.show(|back| Screen::YearInReview { review, back });
        Ok(())
    }

    fn open_watchlist(&mut self) -> Result<()> {
        let mut watchlist = Box::new(Watchlist::new(WatchlistSort::Added));
        watchlist.set(self.store.watchlist()?);
        self.show(|back| Screen::Watchlist { watchlist, back });
        Ok(())
    }

    /// The watchlist's and the films seen's keys: the shelf's own, then opening a film
    /// and (on the watchlist) taking one off.
    fn shelf_action(&mut self, action: Action) -> Result<()> {
        let cursor = self.theme.cursor;
        let (handled, film) = match &mut self.screen {
            Screen::Watchlist { watchlist, .. } => {
                (watchlist.key(action, cursor), watchlist.selected_film())
            }
            Screen::Seen { seen, .. } => {
                (seen.key(&self.store, action, cursor)?, seen.selected_film())
            }
            _ => return Ok(()),
        };
        if handled {
            return Ok(());
        }
        let film = film.cloned();
        match (action, film) {
            (Action::Open, Some(film)) => self.open_film(film, None)?,
            (Action::ToggleWatchlist, Some(film)) => self.set_watchlist(&film, false)?,
            (Action::Back, _) => self.back_to_film(),
            (Action::Help, _) => self.open_help(),
            _ => {}
        }
        Ok(())
    }

    /// A click on a row of the diary, the watchlist, the films seen or the lists
    /// highlights it; says whether the screen is one of those.
    fn click_a_row(&mut self, column: u16, row: u16) -> bool {
        if !self.overlays.is_empty() {
            return false;
        }
        let at = Position::new(column, row);
        match &mut self.screen {
            Screen::Diary { diary, .. } => {
                let hit = diary
                    .drawn
                    .borrow()
                    .iter()
                    .find(|(r, _)| r.contains(at))
                    .map(|h| h.1);
                if let Some(position) = hit {
                    diary.selected = position;
                }
            }
            Screen::Watchlist { watchlist, .. } => {
                if let Some(position) = watchlist.rows.at(column, row) {
                    watchlist.rows.selected = position;
                }
            }
            Screen::Seen { seen, .. } => {
                if let Some(position) = seen.rows.at(column, row) {
                    seen.rows.selected = position;
                }
            }
            Screen::Library { library, .. } => {
                if let Some(position) = library.rows.at(column, row) {
                    library.rows.selected = position;
                }
            }
            Screen::Lists { lists, .. } => match &mut lists.open {
                Some(films) => {
                    if let Some(position) = films.at(column, row) {
                        films.selected = position;
                    }
                }
                None => {
                    if let Some(position) = lists.lists.at(column, row) {
                        lists.lists.selected = position;
                    }
                }
            },
            _ => return false,
        }
        true
    }

    /// Shows another film's page, remembered as the one viewed last, with `at` selected.
    fn open_film(&mut self, film: Film, at: Option<&Entry>) -> Result<()> {
        self.remember_viewed(film.id);
        self.film = film;
        self.film_gone = false;
        self.query = ReviewQuery {
            sort: self.query.sort,
            ..ReviewQuery::film(self.film.id)
        };
        self.revealed.clear();
        // Another film: its page starts afresh.
        self.leave_screen();
        self.reload(at)?;
        Ok(())
    }

    // --- Deleting and spoilers -----------------------------------------------------

    fn ask_delete(&mut self) {
        if self.refuse_read_only() {
            return;
        }
        let Some(entry) = self.list.selected_entry() else {
            return;
        };
        if !entry.is_mine {
            self.message = Some(not_yours(entry, "delete"));
            return;
        }
        let at = self.list.selected();
        let then = self
            .list
            .get(at + 1)
            .or_else(|| at.checked_sub(1).and_then(|p| self.list.get(p)))
            .cloned()
            .map(Box::new);
        let question = Question::Delete { id: entry.id, then };
        self.overlays.push(Overlay::Question(question));
    }

    fn answer(&mut self, action: Action) -> Result<Effect> {
        let yes = match action {
            Action::Yes => true,
            Action::No => false,
            _ => return Ok(Effect::None),
        };
        let question = match self.overlays.pop() {
            Some(Overlay::Question(question)) => Some(question),
            other => {
                self.overlays.extend(other);
                None
            }
        };
        match question {
            Some(Question::Discard) if yes => self.discard_draft(),
            Some(Question::DeleteList { id, .. }) if yes => self.delete_list(id),
            Some(Question::OffWatchlist) if yes => {
                let film = self.film.clone();
                self.set_watchlist(&film, false)?;
            }
            Some(Question::Delete { id, then }) if yes => {
                self.back_to_film();
                self.delete_review(id, then.map(|e| *e));
            }
            Some(Question::QuitLosing) if yes => return Ok(Effect::Quit),
            _ => {}
        }
        Ok(Effect::None)
    }

    fn reveal(&mut self) {
        if let Some(entry) = self.list.selected_entry().filter(|e| e.spoiler)
            && !self.revealed.remove(&entry.id)
        {
            self.revealed.insert(entry.id);
        }
    }

    /// An entry's date as the user likes dates written.
    pub fn shown_date(&self, entry: &Entry) -> Option<String> {
        Some(self.day(entry.display_date()?))
    }

    /// A day (`YYYY-MM-DD`, or a time that starts with one) as the user likes dates
    /// written (`date_format`), on every screen; anything else as it is, made safe.
    pub fn day(&self, date: &str) -> String {
        let day = date
            .get(..10)
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        match day.and_then(|day| crate::tui::config::format_day(&self.date_format, day)) {
            Some(shown) => crate::text::sanitize_line(&shown),
            None => crate::text::sanitize_line(date),
        }
    }

    /// Says what became of the draft, where the user is looking: in the composer when it
    /// is open.
    fn draft_note(&mut self, text: String) {
        match self.composer_mut() {
            Some(composer) => composer.error = Some(text),
            None => self.message = Some(text),
        }
    }

    /// Shows a warning in the status line (a value in the database that could not be read).
    pub fn warn(&mut self, text: String) {
        self.message = Some(text);
    }

    /// Whether `entry`'s text may be shown: not a spoiler, or revealed.
    pub fn shows_text(&self, entry: &Entry) -> bool {
        !entry.spoiler || self.revealed.contains(&entry.id)
    }
}

impl Drop for App {
    /// The room reserved for the composer's draft is given back (unless a draft is in it).
    fn drop(&mut self) {
        if let Some(composer) = self.composer() {
            crate::tui::runtime::draft_files::release_reserve(
                self.store.path(),
                &composer.film_slug,
            );
        }
    }
}

/// What the event loop must do after an input, which the app can't do itself (as
/// atuin's search returns its `InputAction`): the app's state says what to draw; this
/// says what happens outside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Nothing beyond drawing the new state.
    None,
    /// Draw this frame, then run the query it announced (`App::run_pending`), so the
    /// frame saying "searching" is on screen while the search runs.
    RunAfterFrame,
    /// Hand the terminal to the user's editor with this text (`App::editor_finished`).
    OpenEditor(String),
    /// End the app.
    Quit,
}

/// How the app says a write waits for another program.
const WAITING: &str = "Another program holds the database";

/// The longest the app's own connection waits for another program: it only reads, and
/// in WAL mode readers wait for nobody but in rare moments (a log being recovered).
const READ_WAIT: Duration = Duration::from_millis(50);

/// How often the app looks for other processes' writes.
const WATCH_EVERY: Duration = Duration::from_millis(500);
/// How often the event loop looks for a thread's answer the screen waits for.
const AWAIT_EVERY: Duration = Duration::from_millis(4);

struct Watch {
    checked: Instant,
    version: i64,
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

fn not_yours(entry: &Entry, verb: &str) -> String {
    format!(
        "That review is by {}; you can only {verb} your own.",
        crate::text::sanitize_line(&entry.author)
    )
}
