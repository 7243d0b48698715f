//! The app: the film page, the screens opened over it, and what they all share (the
//! store, the settings, the status line's message). A key goes to the top screen, and
//! down the stack while screens pass it on; what a screen asks of the app (`Step`) is
//! done in `steps`. Writing a review is in `compose`, the other writes in `writes`,
//! following other programs' writes and the threads' answers in `follow`, quitting in
//! `quit`.

mod compose;
mod follow;
mod quit;
mod steps;
mod writes;

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Position, Rect, Size};

use super::action::Action;
use super::config::Config;
use super::keymap::{Key, Keymap, Mode};
use super::runtime::drafts::DraftKeeper;
use super::runtime::writer::Writer;
use super::screen::{self, Cx, Kept, Look, Screen, Step};
use super::screens::composer::{Composer, Field};
use super::screens::film::state::FilmPage;
use super::settings::Settings;
use crate::model::Film;
use crate::store::{Result, Store};

/// What every screen shares.
pub struct Shared {
    pub store: Store,
    pub settings: Settings,
    /// A message for the status line, replacing the hints until the next key.
    pub message: Option<String>,
    /// The terminal's size, as the last resize said: what layouts are worked out for.
    pub size: Size,
    /// What closed screens keep for their next opening.
    pub kept: Kept,
}

pub struct App {
    shared: Shared,
    /// The film page, under every other screen.
    page: FilmPage,
    /// The screens over the film page, the top one last: a screen instead of the page
    /// (the reader, the diary…), and overlays over it (help, a question).
    over: Vec<Box<dyn Screen>>,
    /// The app's writes, done on a thread of their own (`runtime/writer.rs`).
    writer: Writer<App>,
    drafts: DraftKeeper,
    /// The review being saved, as the composer holds it now.
    saving: Option<compose::Saving>,
    session: follow::Session,
}

impl App {
    /// Opens `film`'s page with the user's settings (keys, theme, order, author), its
    /// first review selected.
    pub fn new(mut store: Store, film: Film, config: &Config) -> Result<App> {
        let page = FilmPage::open(&store, film, config.default_sort)?;
        let session = follow::Session::new(store.data_version()?);
        // The app's own connection only reads: it never waits long for a writer, and
        // leaves the search index's upkeep to the writer.
        store.wait_at_most(follow::READ_WAIT)?;
        if !store.is_read_only() && store.path() != std::path::Path::new(":memory:") {
            store.leave_upkeep_to_another();
        }
        let path = store.path().to_path_buf();
        let read_only = store.is_read_only();
        let drafts = DraftKeeper::default();
        let keep_draft =
            super::runtime::drafts::keeper_while_waiting(drafts.pending(), path.clone());
        Ok(App {
            shared: Shared {
                store,
                settings: config.settings(),
                message: None,
                size: Size::new(80, 24),
                kept: Kept::default(),
            },
            page,
            over: Vec::new(),
            writer: Writer::new(&path, read_only, keep_draft),
            drafts,
            saving: None,
            session,
        })
    }

    pub fn keymap(&self) -> &Keymap {
        &self.shared.settings.keymap
    }

    pub fn store(&self) -> &Store {
        &self.shared.store
    }

    pub fn settings(&self) -> &Settings {
        &self.shared.settings
    }

    /// The film page, under every screen.
    pub fn page(&self) -> &FilmPage {
        &self.page
    }

    /// The screens over the film page, the top one last.
    pub fn screens(&self) -> &[Box<dyn Screen>] {
        &self.over
    }

    pub fn message(&self) -> Option<&str> {
        self.shared.message.as_deref()
    }

    /// What a screen draws with.
    pub fn look(&self) -> Look<'_> {
        Look {
            settings: &self.shared.settings,
            page: &self.page,
        }
    }

    /// The keeper of the composer's draft, shared with the signal watcher.
    pub fn drafts(&self) -> &DraftKeeper {
        &self.drafts
    }

    /// What the keys do now: the top screen's, else the film page's.
    pub fn mode(&self) -> Mode {
        self.over
            .last()
            .map_or_else(|| self.page.mode(), |s| s.mode())
    }

    /// The composer, when it is open.
    pub(crate) fn composer(&self) -> Option<&Composer> {
        screen::find(&self.over)
    }

    pub(crate) fn composer_mut(&mut self) -> Option<&mut Composer> {
        screen::find_mut(&mut self.over)
    }

    /// The terminal has this size now.
    pub fn resize(&mut self, size: Size) {
        if self.shared.size != size {
            self.shared.size = size;
            self.settle();
        }
    }

    /// Where screens are drawn: the terminal less the status line.
    fn area(&self) -> Rect {
        super::areas::main_area(Rect::from((Position::ORIGIN, self.shared.size)))
    }

    /// Whether the terminal is too small to show anything but a note saying so: then
    /// `q` quits, and other keys (which would act on a screen nobody sees, or type into a
    /// hidden field) do nothing.
    fn too_small(&self) -> bool {
        super::areas::too_small(Rect::from((Position::ORIGIN, self.shared.size)))
    }

    /// Handles a key press: the keymap's action for the current mode, or typing when a
    /// text field has focus.
    pub fn key_event(&mut self, event: KeyEvent) -> Effect {
        let key = Key::from_event(&event);
        if self.too_small() {
            return if key == Key::char('q') || key == Key::ctrl('c') {
                self.quit()
            } else {
                Effect::None
            };
        }
        self.shared.message = None;
        self.page.read_ahead_failed = false;
        let mode = self.mode();
        let effect = match self.keymap().action(mode, key) {
            Some(action) => return self.update(action),
            // Ctrl-c quits from anywhere, whatever the keymap says.
            None if key == Key::ctrl('c') => self.quit(),
            None if mode.types() => {
                if let Err(error) = self.typed(event.into()) {
                    self.show_error(error);
                }
                Effect::None
            }
            None => {
                let help = self.shared.settings.key_name(mode, Action::Help);
                self.shared.message =
                    Some(format!("{key} does nothing here; press {help} for help"));
                Effect::None
            }
        };
        self.after_change();
        effect
    }

    /// A key that types into the top screen's text (or the search line).
    fn typed(&mut self, input: ratatui_textarea::Input) -> Result<()> {
        let area = self.area();
        let mut cx = cx_of(&mut self.shared, area);
        match self.over.last_mut() {
            Some(top) => {
                let step = top.typed(input, &mut cx)?;
                let at = self.over.len() - 1;
                self.take_step(Some(at), step)
            }
            None => {
                self.page.typed(input);
                Ok(())
            }
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

    /// Text pasted into the terminal (bracketed paste): into the top screen's field.
    pub fn paste(&mut self, text: &str) -> Effect {
        match self.over.last_mut() {
            Some(top) => {
                top.paste(text);
            }
            None => {
                self.page.paste(text);
            }
        }
        self.after_change();
        Effect::None
    }

    /// Applies an action. A store error does not end the app: it is shown instead.
    /// Says what the event loop must do besides.
    pub fn update(&mut self, action: Action) -> Effect {
        if self.mode() != Mode::List {
            self.page.after_count.clear();
        } else if self.page.awaits_count(action) {
            self.shared.message =
                Some("Counting the matches: the last is selected once they are.".into());
            return Effect::None;
        }
        let effect = self.try_update(action).unwrap_or_else(|error| {
            self.show_error(error);
            Effect::None
        });
        self.after_change();
        match effect {
            Effect::None if self.page.pending_query.is_some() => Effect::RunAfterFrame,
            other => other,
        }
    }

    /// An error, where the user is looking: in the composer when it is open.
    fn show_error(&mut self, error: crate::store::StoreError) {
        self.draft_note(error.to_string());
    }

    fn try_update(&mut self, action: Action) -> Result<Effect> {
        match action {
            // From any screen and overlay.
            Action::Quit => return Ok(self.quit()),
            Action::ExternalEditor => {
                let top = self
                    .over
                    .last_mut()
                    .map(|s| s.as_mut() as &mut dyn std::any::Any);
                if let Some(composer) = top.and_then(|s| s.downcast_mut::<Composer>()) {
                    composer.field = Field::Text;
                    return Ok(Effect::OpenEditor(composer.draft().body));
                }
                return Ok(Effect::None);
            }
            _ => {}
        }
        self.dispatch(action)?;
        // "Quit and lose what you typed?" answered yes.
        if self.session.quit_now {
            return Ok(Effect::Quit);
        }
        Ok(Effect::None)
    }

    /// Hands `action` to the top screen, and down the stack while each passes it on; the
    /// film page last, then the app (help, the screens a key opens).
    fn dispatch(&mut self, action: Action) -> Result<()> {
        let area = self.area();
        for at in (0..self.over.len()).rev() {
            let mut cx = cx_of(&mut self.shared, area);
            match self.over[at].act(action, &mut cx)? {
                Step::Pass => continue,
                step => return self.take_step(Some(at), step),
            }
        }
        let mut cx = cx_of(&mut self.shared, area);
        match self.page.act(action, &mut cx)? {
            Step::Pass => self.app_act(action),
            step => self.take_step(None, step),
        }
    }

    /// What no screen took: help, and the screens a key opens.
    fn app_act(&mut self, action: Action) -> Result<()> {
        if action == Action::Help {
            let under = self.mode();
            return self.take_step(
                None,
                Step::Over(Box::new(super::screens::help::Help::new(under))),
            );
        }
        let Shared {
            store,
            settings,
            kept,
            ..
        } = &mut self.shared;
        let at = screen::Opening {
            store,
            settings,
            page: &self.page,
            kept,
        };
        match super::screens::open(action, at) {
            Some(opened) => self.take_step(None, Step::Open(opened?)),
            None => Ok(()),
        }
    }

    /// After every change: the composer's draft noted, its cursor styled, and each
    /// screen's layout kept up to date with its state.
    fn after_change(&mut self) {
        let theme = &self.shared.settings.theme;
        let (cursor, placeholder) = (theme.cursor, theme.placeholder);
        if let Some(composer) = self.composer_mut() {
            composer.style(cursor, placeholder);
        }
        self.composer_changed();
        self.settle();
    }

    /// Keeps each screen's layout up to date with its state, at the terminal's size.
    fn settle(&mut self) {
        let area = self.area();
        self.page.settle(&self.shared.settings, area);
        let look = Look {
            settings: &self.shared.settings,
            page: &self.page,
        };
        for screen in &mut self.over {
            screen.settle(&look, area);
        }
    }

    /// A left click: the top screen's, or the film page's.
    pub fn click(&mut self, column: u16, row: u16) -> Effect {
        let at = Position::new(column, row);
        self.shared.message = None;
        let result = self.click_at(at);
        if let Err(error) = result {
            self.show_error(error);
        }
        self.after_change();
        Effect::None
    }

    fn click_at(&mut self, at: Position) -> Result<()> {
        let area = self.area();
        let mut cx = cx_of(&mut self.shared, area);
        match self.over.last_mut() {
            Some(top) => top.click(at, &mut cx).map(|_| ()),
            None => self.page.click(at, &mut cx),
        }
    }

    /// The wheel scrolls three lines of text at a time, but one review in the list.
    pub fn wheel(&mut self, action: Action) -> Effect {
        self.shared.message = None;
        let mut effect = Effect::None;
        if matches!(self.mode(), Mode::List | Mode::Reader | Mode::Help) {
            let times = if self.mode() == Mode::List { 1 } else { 3 };
            for _ in 0..times {
                effect = self.update(action);
            }
        }
        effect
    }

    /// Runs a search the last frame announced.
    pub fn run_pending(&mut self) {
        self.shared.message = None;
        if let Some(said) = self.page.run_pending(&self.shared.store) {
            self.shared.message = Some(said);
        }
        self.after_change();
    }

    pub fn has_pending(&self) -> bool {
        self.page.pending_query.is_some()
    }

    /// Says what became of the draft (or an error), where the user is looking: in the
    /// composer when it is open.
    fn draft_note(&mut self, text: String) {
        match self.composer_mut() {
            Some(composer) => composer.error = Some(text),
            None => self.shared.message = Some(text),
        }
    }

    /// Shows a warning in the status line (a value in the database that could not be read).
    pub fn warn(&mut self, text: String) {
        self.shared.message = Some(text);
    }

    /// Shows another film's page, remembered as the one viewed last, with `at` selected.
    fn open_film(&mut self, film: Film, at: Option<&crate::model::Entry>) -> Result<()> {
        self.remember_viewed(film.id);
        self.page = self.page.another(&self.shared.store, film, at)?;
        // Another film: its page starts afresh.
        self.close_from(0);
        Ok(())
    }

    /// Takes down the screens from `at` up, keeping what each keeps for its next opening.
    fn close_from(&mut self, at: usize) {
        for screen in self.over.drain(at..).rev() {
            screen.closing(&mut self.shared.kept);
        }
    }

    /// Whether the screen waits for a thread: the year in review for its tally, the
    /// library for the films with the letters typed.
    fn waiting(&self) -> bool {
        self.over.iter().any(|s| s.waits())
    }

    /// Whether the library is finding the films with the letters typed.
    pub fn library_finding(&self) -> bool {
        screen::find::<super::screens::library::Library>(&self.over).is_some_and(|l| l.waits())
    }
}

impl Drop for App {
    /// The room reserved for the composer's draft is given back (unless a draft is in it).
    fn drop(&mut self) {
        if let Some(composer) = self.composer() {
            let slug = composer.film_slug.clone();
            super::runtime::draft_files::release_reserve(self.shared.store.path(), &slug);
        }
    }
}

/// What a screen may use while it acts, from what they all share.
fn cx_of(shared: &mut Shared, area: Rect) -> Cx<'_> {
    Cx {
        store: &shared.store,
        settings: &shared.settings,
        area,
        message: &mut shared.message,
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
    /// Give the terminal back and stop as a shell's job (Ctrl-z); on `fg`, take it back
    /// and draw everything again.
    Suspend,
}
