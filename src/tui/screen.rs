//! What a screen is: its state answers keys, clicks and ticks, draws itself, and says
//! which keys its status line hints at. The app keeps the film page at the bottom and the
//! screens opened over it (the reader, the diary, help, a question…) in a stack; a key
//! goes to the top one, and down the stack while a screen passes it on.
//!
//! A screen never reaches into the app: what only the app can do (a write, another
//! film's page, a question) it asks for with a `Step`.

use std::any::Any;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::keymap::{Mode, ScreenKeys};
use super::screens::film::state::FilmPage;
use super::settings::Settings;
use crate::model::{Entry, Film, Mark};
use crate::query::RatingFilter;
use crate::store::{Result, Store};

pub trait Screen: Any {
    /// Which keymap's keys apply now.
    fn mode(&self) -> Mode;

    /// Drawn over the screen below (help, a question), not instead of it.
    fn is_overlay(&self) -> bool {
        false
    }

    /// An action from the keymap.
    fn act(&mut self, action: Action, cx: &mut Cx) -> Result<Step>;

    /// A key with no action, in a mode where keys type (`Mode::types`).
    fn typed(&mut self, _input: ratatui_textarea::Input, _cx: &mut Cx) -> Result<Step> {
        Ok(Step::Pass)
    }

    /// Pasted text; says whether the screen took it.
    fn paste(&mut self, _text: &str) -> bool {
        false
    }

    /// A left click at `at` on the screen; says whether it hit something.
    fn click(&mut self, _at: Position, _cx: &mut Cx) -> Result<bool> {
        Ok(false)
    }

    /// Draws the screen in `area`. Pure: what keys need of a frame (a page's size,
    /// where rows are) each screen works out from its state and the area alike.
    fn draw(&self, frame: &mut Frame, area: Rect, look: &Look);

    /// The actions the status line hints at, most useful first, with short labels.
    fn hints(&self) -> &'static [(Action, &'static str)];

    /// Whether `action`, bound here, makes sense now (the status line hides it if not).
    fn offers(&self, _action: Action) -> bool {
        true
    }

    /// What the screen lists, for the status line's "12/340".
    fn listed(&self) -> Listing {
        Listing::Nothing
    }

    /// Reads again what another program (or the app's own writer) may have changed.
    fn refresh(&mut self, _store: &Store) -> Result<()> {
        Ok(())
    }

    /// Takes what its threads found; says whether the screen changed, and gives back
    /// keys it held until then, to act on in order.
    fn tick(&mut self, _store: &Store) -> Result<Tick> {
        Ok(Tick::default())
    }

    /// Whether a thread works on something the screen waits for.
    fn waits(&self) -> bool {
        false
    }

    /// After every change, with the area it is drawn in: keeps what the next key needs
    /// of the frame (where a list is scrolled to, a long text's lines) up to date.
    fn settle(&mut self, _look: &Look, _area: Rect) {}

    /// The screen closes: what it keeps for the next opening goes to `kept`.
    fn closing(self: Box<Self>, _kept: &mut Kept) {}
}

/// What a screen may use while it acts.
pub struct Cx<'a> {
    pub store: &'a Store,
    pub settings: &'a Settings,
    /// Where the screen is drawn.
    pub area: Rect,
    /// The status line's message, until the next key.
    pub message: &'a mut Option<String>,
}

impl Cx<'_> {
    pub fn say(&mut self, text: impl Into<String>) {
        *self.message = Some(text.into());
    }
}

/// What a screen may use while it draws.
pub struct Look<'a> {
    pub settings: &'a Settings,
    pub page: &'a FilmPage,
}

/// What outlives a screen, for its next opening.
#[derive(Default)]
pub struct Kept {
    /// The library's title finder: its thread keeps the titles it read.
    pub title_finder: Option<crate::tui::widgets::title_finder::TitleFinder>,
}

/// What a screen a key opens from the film page may use as it opens.
pub struct Opening<'a> {
    pub store: &'a Store,
    pub settings: &'a Settings,
    pub page: &'a FilmPage,
    pub kept: &'a mut Kept,
}

/// A screen a key opens from the film page: its keys, and how it opens. Each such
/// screen has one (`OPENED`), and `screens/mod.rs` names it.
pub struct Opened {
    pub keys: &'static ScreenKeys,
    pub open: fn(Opening) -> Result<Box<dyn Screen>>,
}

/// What the status line's position is about.
pub enum Listing {
    /// The screen's own rows.
    Rows(Listed),
    /// The film page's list (the reader, the composer: about its selected review).
    Page,
    /// Nothing.
    Nothing,
}

/// The rows a screen lists and the highlighted one, for the status line.
pub struct Listed {
    pub selected: usize,
    pub total: u64,
    /// What they are: "films", "logs".
    pub noun: &'static str,
}

/// What a tick brought.
#[derive(Default)]
pub struct Tick {
    pub changed: bool,
    /// Keys held until a thread answered, to act on now.
    pub replay: Vec<Action>,
}

/// What the app does after a screen acted.
pub enum Step {
    /// Done here.
    Done,
    /// Not this screen's: the one below has it, then the app.
    Pass,
    /// The screen closes.
    Close,
    /// The screen closes, then the app does this.
    CloseThen(Request),
    /// A screen instead of those over the film page.
    Open(Box<dyn Screen>),
    /// Another screen over this one (help, a question).
    Over(Box<dyn Screen>),
    /// Another film's page, with this entry selected.
    Film(Film, Option<Box<Entry>>),
    /// Something only the app does: a write, a question.
    Do(Request),
}

/// What a screen asks of the app.
pub enum Request {
    /// Ask this yes/no question.
    Ask(Question),
    /// A question answered.
    Answered(Question, bool),
    /// The composer for a new review of the film shown (or its draft).
    Write,
    /// The composer on the member's own entry.
    Edit(Box<Entry>),
    /// Put a mark on the film shown, or take it off.
    ToggleMark(Mark),
    /// Take this film off the watchlist.
    OffWatchlist(Film),
    /// The film page's rating filter.
    Filter(RatingFilter),
    /// The composer: save, save as a new review (after a conflict), close.
    Save,
    SaveAsNew,
    CancelComposer,
    /// The conflict: back to editing, in the text.
    BackToText,
    /// The conflict: keep the review as another program left it.
    TakeTheirs(Option<Box<Entry>>),
    /// Add `film` to list `id`, called `name`.
    AddToList {
        id: i64,
        name: String,
        film: Film,
    },
    /// Take a film out of list `id`: the list shows it gone already.
    RemovedFromList {
        id: i64,
        film_id: i64,
    },
    /// Put `film_id` back in list `id`, at `position`, with its note.
    PutBack {
        id: i64,
        film_id: i64,
        position: u32,
        note: String,
    },
    /// Move a film up or down list `id`: the list shows it moved already.
    MovedInList {
        id: i64,
        film_id: i64,
        up: bool,
    },
    /// Keep the name typed: a new list, or list `renaming` renamed.
    KeepListName {
        name: String,
        renaming: Option<i64>,
    },
}

/// A yes/no question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Question {
    /// Throw away what the composer holds (`editing`: changes to a saved review)?
    Discard { editing: bool },
    /// Delete the user's entry `id`? `then` is the entry to select afterwards.
    Delete { id: i64, then: Option<Box<Entry>> },
    /// The film just logged is on the watchlist: take it off?
    OffWatchlist,
    /// Delete the list `id`, called `name`?
    DeleteList { id: i64, name: String },
    /// Quit, though what was typed could be kept nowhere?
    QuitLosing,
}

/// Refuses a write on a read-only database, saying why; true when it refused.
pub fn refuse_read_only(cx: &mut Cx) -> bool {
    let read_only = cx.store.is_read_only();
    if read_only {
        // Short enough for the line above the status line at 80 columns.
        cx.say("Read-only: nothing can be saved here.");
    }
    read_only
}

/// The screen of type `T` in a stack, the topmost.
pub fn find<T: Screen>(stack: &[Box<dyn Screen>]) -> Option<&T> {
    stack
        .iter()
        .rev()
        .find_map(|screen| (screen.as_ref() as &dyn Any).downcast_ref::<T>())
}

pub fn find_mut<T: Screen>(stack: &mut [Box<dyn Screen>]) -> Option<&mut T> {
    stack
        .iter_mut()
        .rev()
        .find_map(|screen| (screen.as_mut() as &mut dyn Any).downcast_mut::<T>())
}
