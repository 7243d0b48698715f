//! The app's state and how actions change it. Drawing lives in `view`.

use std::cell::Cell;

use super::action::Action;
use super::keymap::{Key, Keymap, Mode};
use super::review_window::ReviewWindow;
use super::theme::Theme;
use crate::model::{Film, FilmStats};
use crate::query::ReviewQuery;
use crate::store::{Result, Store};

/// What fills the screen under any overlay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The film pane and the review list.
    Film,
    /// The selected review, full screen, scrolled down by this many lines.
    Reader { scroll: usize },
}

/// What the last drawn frame measured, for the next key: how far a page goes, how far
/// text can scroll. The view writes these; `update` reads them.
#[derive(Debug, Default)]
pub struct Measured {
    /// Reviews fully visible in the list.
    pub list_items: Cell<usize>,
    /// Top of the list: the first review drawn.
    pub list_top: Cell<usize>,
    /// Lines of text visible in the reader or help.
    pub page_lines: Cell<usize>,
    /// How far the reader or help can scroll before its end is at the bottom.
    pub max_scroll: Cell<usize>,
}

pub struct App {
    pub(super) store: Store,
    pub(super) film: Film,
    pub(super) stats: FilmStats,
    pub(super) list: ReviewWindow,
    pub(super) screen: Screen,
    /// The help overlay's scroll, when it is open.
    pub(super) help: Option<usize>,
    pub(super) keymap: Keymap,
    pub(super) theme: Theme,
    pub(super) measured: Measured,
    /// A message for the status line, replacing the hints until the next key.
    pub(super) message: Option<String>,
    quit: bool,
}

impl App {
    /// Opens `film`'s page, with its first review selected.
    pub fn new(store: Store, film: Film) -> Result<App> {
        let stats = store.film_stats(film.id)?;
        let total = usize::try_from(stats.entries()).unwrap_or(usize::MAX);
        let list = ReviewWindow::open(&store, ReviewQuery::film(film.id), total)?;
        Ok(App {
            store,
            film,
            stats,
            list,
            screen: Screen::Film,
            help: None,
            keymap: Keymap::default(),
            theme: Theme::default(),
            measured: Measured::default(),
            message: None,
            quit: false,
        })
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn mode(&self) -> Mode {
        match (self.help, self.screen) {
            (Some(_), _) => Mode::Help,
            (None, Screen::Film) => Mode::List,
            (None, Screen::Reader { .. }) => Mode::Reader,
        }
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// Handles a key press: looks it up in the keymap for the current mode.
    pub fn key(&mut self, key: Key) -> Result<()> {
        self.message = None;
        match self.keymap.action(self.mode(), key) {
            Some(action) => self.update(action),
            // Ctrl-c quits from anywhere, whatever the keymap says.
            None if key == Key::ctrl('c') => self.update(Action::Quit),
            None => {
                self.message = Some(format!(
                    "{key} does nothing here; press {} for help",
                    self.first_key(Action::Help)
                ));
                Ok(())
            }
        }
    }

    fn first_key(&self, action: Action) -> String {
        self.keymap
            .keys(self.mode(), action)
            .first()
            .map_or_else(|| action.name().to_string(), Key::to_string)
    }

    pub fn update(&mut self, action: Action) -> Result<()> {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.help = if self.help.is_some() { None } else { Some(0) },
            Action::Back if self.help.is_some() => self.help = None,
            Action::Back => self.screen = Screen::Film,
            Action::Open => {
                if self.list.selected_entry().is_some() {
                    self.screen = Screen::Reader { scroll: 0 };
                }
            }
            _ => self.move_by(action)?,
        }
        Ok(())
    }

    /// Next, previous, pages, first and last: in the list they move the selection,
    /// in the reader and help they scroll the text.
    fn move_by(&mut self, action: Action) -> Result<()> {
        match self.mode() {
            Mode::List => self.move_selection(action),
            Mode::Reader => {
                if let Screen::Reader { scroll } = &mut self.screen {
                    *scroll = scrolled(*scroll, action, &self.measured);
                }
                Ok(())
            }
            Mode::Help => {
                if let Some(scroll) = &mut self.help {
                    *scroll = scrolled(*scroll, action, &self.measured);
                }
                Ok(())
            }
        }
    }

    fn move_selection(&mut self, action: Action) -> Result<()> {
        let page = self.measured.list_items.get().max(1) as isize;
        match action {
            Action::Next => self.list.select_by(&self.store, 1),
            Action::Prev => self.list.select_by(&self.store, -1),
            Action::PageDown => self.list.select_by(&self.store, page),
            Action::PageUp => self.list.select_by(&self.store, -page),
            Action::First => self.list.first(&self.store),
            Action::Last => self.list.last(&self.store),
            _ => Ok(()),
        }
    }

    /// The wheel scrolls three lines of text at a time, but one review in the list.
    pub fn wheel(&mut self, action: Action) -> Result<()> {
        self.message = None;
        let times = if self.mode() == Mode::List { 1 } else { 3 };
        for _ in 0..times {
            self.update(action)?;
        }
        Ok(())
    }
}

/// A text scroll position after a movement, kept within what the last frame measured.
fn scrolled(scroll: usize, action: Action, measured: &Measured) -> usize {
    let page = measured.page_lines.get().max(1);
    let max = measured.max_scroll.get();
    let next = match action {
        Action::Next => scroll + 1,
        Action::Prev => scroll.saturating_sub(1),
        Action::PageDown => scroll + page,
        Action::PageUp => scroll.saturating_sub(page),
        Action::First => 0,
        Action::Last => max,
        _ => scroll,
    };
    next.min(max)
}
