//! Keys as data: which key does what in which mode. The help overlay and the status-line
//! hints are generated from this table, so they can never disagree with the keys.

use std::fmt;
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};

use crate::tui::action::Action;

/// Where the user is; each mode has its own bindings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The film page with its review list.
    List,
    /// One review, full screen.
    Reader,
    /// The help overlay.
    Help,
    /// The composer, in its text fields: other keys type.
    Composer,
    /// The composer's rating field.
    RatingField,
    /// The composer's liked, rewatch and spoiler switches.
    ToggleField,
    /// A yes/no question.
    Confirm,
    /// A save found the review changed or deleted meanwhile: keep mine, take theirs or
    /// see both.
    Conflict,
    /// The histogram has focus: a bar can be picked.
    Histogram,
    /// The rating filter menu.
    FilterMenu,
    /// Typing a search.
    Search,
    /// The film library; other keys type into its filter.
    Library,
    /// The member's diary.
    Diary,
    /// The member's watchlist.
    Watchlist,
    /// The year in review.
    YearInReview,
    /// The films the member has seen.
    Seen,
    /// The member's lists, or one of them open.
    Lists,
    /// Typing a list's name: other keys type.
    ListName,
    /// Typing letters to narrow the diary, watchlist or films seen by title: other keys
    /// type.
    Find,
}

/// Every mode, in the order help lists them: its table's name in the config file
/// (`[keys.reader]`) and its title in help.
const MODES: [(Mode, &str, &str); 19] = [
    (Mode::List, "list", "Review list"),
    (Mode::Lists, "lists", "Lists"),
    (Mode::ListName, "list_name", "A list's name"),
    (Mode::Diary, "diary", "Diary"),
    (Mode::Find, "find", "Finding a title"),
    (Mode::Seen, "seen", "Films you have seen"),
    (Mode::Watchlist, "watchlist", "Watchlist"),
    (Mode::YearInReview, "year_in_review", "Year in review"),
    (
        Mode::Library,
        "library",
        "Film library (type to find a title)",
    ),
    (Mode::Histogram, "histogram", "Histogram"),
    (Mode::FilterMenu, "filter_menu", "Rating filter menu"),
    (Mode::Search, "search", "Search line"),
    (
        Mode::Reader,
        "reader",
        "Reading a review or the film's details",
    ),
    (Mode::Composer, "composer", "Writing a review (any field)"),
    (Mode::RatingField, "rating", "Rating field"),
    (Mode::ToggleField, "toggles", "Liked, rewatch and spoiler"),
    (Mode::Confirm, "confirm", "Questions"),
    (
        Mode::Conflict,
        "conflict",
        "A review changed or deleted while you edited it",
    ),
    (Mode::Help, "help", "This help"),
];

impl Mode {
    pub const ALL: [Mode; 19] = {
        let mut all = [Mode::List; 19];
        let mut i = 0;
        while i < MODES.len() {
            all[i] = MODES[i].0;
            i += 1;
        }
        all
    };

    fn row(self) -> (Mode, &'static str, &'static str) {
        MODES
            .into_iter()
            .find(|(mode, ..)| *mode == self)
            .unwrap_or((self, "", ""))
    }

    /// The name of the mode's table in the config file: `[keys.reader]`.
    pub fn name(self) -> &'static str {
        self.row().1
    }

    /// Whether letters typed here go into text (a field, a finder), not to the keymap.
    pub fn types(self) -> bool {
        matches!(
            self,
            Mode::Composer | Mode::Search | Mode::Library | Mode::Find | Mode::ListName
        )
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == name)
    }

    pub fn title(self) -> &'static str {
        self.row().2
    }
}

/// A key with its modifiers, as written in the config file: `j`, `G`, `Ctrl-d`, `PageDown`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// Whether the key types a character into a text (a letter, a digit, a sign).
    pub fn is_typed(self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.ctrl && !self.alt
    }

    /// The key of a terminal event. Shift is part of the character (`G`), so it is dropped.
    pub fn from_event(event: &KeyEvent) -> Key {
        let code = match event.code {
            KeyCode::Char(c) if event.modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            code => code,
        };
        Key {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }
}

/// Names of keys that are not characters, as the config file spells them.
const NAMED: [(&str, KeyCode); 16] = [
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("Shift-Tab", KeyCode::BackTab),
    ("BackTab", KeyCode::BackTab),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
];

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            code => match NAMED.iter().find(|(_, c)| *c == code) {
                Some((name, _)) => f.write_str(name),
                None => write!(f, "{code:?}"),
            },
        }
    }
}

/// A key name that marquee does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown key {0:?}: write a character (\"j\", \"G\"), a name (\"Enter\", \"PageDown\", \"F1\") or a modifier and a key (\"Ctrl-d\")"
)]
pub struct KeyError(pub String);

impl FromStr for Key {
    type Err = KeyError;

    fn from_str(input: &str) -> Result<Key, KeyError> {
        let err = || KeyError(input.to_string());
        let mut key = Key::plain(KeyCode::Null);
        let mut rest = input;
        if input == "Shift-Tab" {
            return Ok(Key::plain(KeyCode::BackTab));
        }
        loop {
            if let Some(r) = rest.strip_prefix("Ctrl-") {
                key.ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("Alt-") {
                key.alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if key.ctrl { c.to_ascii_lowercase() } else { c }),
            _ if rest == "Space" => KeyCode::Char(' '),
            _ => match NAMED.iter().find(|(name, _)| *name == rest) {
                Some((_, code)) => *code,
                None => {
                    let n: u8 = rest
                        .strip_prefix('F')
                        .and_then(|n| n.parse().ok())
                        .ok_or_else(err)?;
                    if !(1..=24).contains(&n) {
                        return Err(err());
                    }
                    KeyCode::F(n)
                }
            },
        };
        Ok(key)
    }
}

/// One action, its keys, and the modes where they apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    pub action: Action,
    pub keys: Vec<Key>,
    pub modes: Vec<Mode>,
    /// Its keys follow a remapping of the action for every screen (`[keys] next = …`):
    /// keys another action of its mode has are dropped from it (`settle`).
    pub follows: bool,
}

/// Every binding, in the order help lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        use Mode::*;
        let bind = |action, keys: &[Key], modes: &[Mode]| Binding {
            action,
            keys: keys.to_vec(),
            modes: modes.to_vec(),
            follows: false,
        };
        let key = Key::plain;
        let scrolling = [List, Reader, Help, Diary, Watchlist, Seen, Lists];
        let composing = [Composer, RatingField, ToggleField];
        let mut bindings = vec![
            bind(
                Action::Next,
                &[Key::char('j'), key(KeyCode::Down)],
                &scrolling,
            ),
            bind(
                Action::Prev,
                &[Key::char('k'), key(KeyCode::Up)],
                &scrolling,
            ),
            bind(
                Action::PageDown,
                &[key(KeyCode::PageDown), Key::ctrl('d'), Key::char(' ')],
                &scrolling,
            ),
            bind(
                Action::PageUp,
                &[key(KeyCode::PageUp), Key::ctrl('u')],
                &scrolling,
            ),
            bind(
                Action::First,
                &[Key::char('g'), key(KeyCode::Home)],
                &scrolling,
            ),
            bind(
                Action::Last,
                &[Key::char('G'), key(KeyCode::End)],
                &scrolling,
            ),
            bind(
                Action::Open,
                &[key(KeyCode::Enter)],
                &[List, Diary, Watchlist, Seen, Lists, ListName],
            ),
            bind(Action::Write, &[Key::char('w')], &[List, Reader]),
            bind(Action::Edit, &[Key::char('e')], &[List, Reader]),
            bind(Action::Delete, &[Key::char('d')], &[List, Reader]),
            bind(Action::Reveal, &[Key::char('x')], &[List, Reader]),
            bind(Action::Save, &[Key::ctrl('s')], &composing),
            bind(Action::NextField, &[key(KeyCode::Tab)], &composing),
            bind(Action::PrevField, &[key(KeyCode::BackTab)], &composing),
            bind(Action::ExternalEditor, &[Key::ctrl('e')], &composing),
            // In the rating and the switches, next and prev go from field to field.
            bind(
                Action::Next,
                &[Key::char('j'), key(KeyCode::Down)],
                &[RatingField, ToggleField],
            ),
            bind(Action::NextField, &[key(KeyCode::Enter)], &[RatingField]),
            bind(
                Action::Prev,
                &[Key::char('k'), key(KeyCode::Up)],
                &[RatingField, ToggleField],
            ),
        ];
        for n in 1..=5u8 {
            let digit = char::from(b'0' + n);
            bindings.push(bind(Action::Stars(n), &[Key::char(digit)], &[RatingField]));
        }
        for n in 1..=5u8 {
            let digit = char::from(b'0' + n);
            bindings.push(bind(
                Action::FilterStars(n),
                &[Key::char(digit)],
                &[List, Diary],
            ));
        }
        bindings.extend([
            bind(
                Action::ToggleOrMore,
                &[Key::char('+')],
                &[List, FilterMenu, Diary],
            ),
            bind(Action::FilterUnrated, &[Key::char('u')], &[List, Diary]),
            bind(Action::ClearFilter, &[Key::char('0')], &[List, Diary]),
            bind(Action::CycleYear, &[Key::char('y')], &[Diary, YearInReview]),
            bind(Action::OlderMonth, &[Key::char(']')], &[Diary]),
            bind(Action::Search, &[Key::char('/')], &[Diary, Watchlist, Seen]),
            bind(Action::Open, &[key(KeyCode::Enter)], &[Find]),
            bind(Action::Back, &[key(KeyCode::Esc)], &[Find]),
            bind(Action::Quit, &[Key::ctrl('c')], &[Find]),
            bind(Action::NewerMonth, &[Key::char('[')], &[Diary]),
            bind(Action::FilterMenu, &[Key::char('f')], &[List]),
            bind(Action::CycleSort, &[Key::char('s')], &[List]),
            bind(Action::Search, &[Key::char('/')], &[List]),
            bind(Action::FocusHistogram, &[key(KeyCode::Tab)], &[List]),
            bind(Action::Library, &[Key::char('F')], &[List]),
            bind(Action::FilmDetails, &[Key::char('i')], &[List]),
            bind(
                Action::Diary,
                &[Key::char('D')],
                &[List, Reader, Watchlist, YearInReview, Seen],
            ),
            bind(
                Action::Watchlist,
                &[Key::char('W')],
                &[List, Reader, Diary, YearInReview, Seen],
            ),
            bind(
                Action::YearInReview,
                &[Key::char('Y')],
                &[List, Reader, Diary, Watchlist, Seen],
            ),
            bind(
                Action::Seen,
                &[Key::char('S')],
                &[List, Reader, Diary, Watchlist, YearInReview],
            ),
            bind(
                Action::ToggleWatchlist,
                &[Key::char('a')],
                &[List, Reader, Watchlist],
            ),
            bind(Action::CycleSort, &[Key::char('s')], &[Watchlist, Seen]),
            bind(Action::Lists, &[Key::char('l')], &[List, Reader]),
            bind(Action::NewList, &[Key::char('c')], &[Lists]),
            bind(Action::RenameList, &[Key::char('r')], &[Lists]),
            bind(Action::AddToList, &[Key::char('a')], &[Lists]),
            bind(Action::Delete, &[Key::char('d')], &[Lists]),
            bind(Action::MoveUp, &[Key::char('K')], &[Lists]),
            bind(Action::MoveDown, &[Key::char('J')], &[Lists]),
            bind(Action::Undo, &[Key::char('u')], &[Lists]),
            bind(Action::Back, &[key(KeyCode::Esc)], &[ListName]),
            bind(Action::Quit, &[Key::ctrl('c')], &[ListName]),
            bind(Action::ToggleWatched, &[Key::char('v')], &[List, Reader]),
            bind(Action::ToggleLiked, &[Key::char('L')], &[List, Reader]),
            bind(Action::Next, &[key(KeyCode::Down)], &[Library]),
            bind(Action::Prev, &[key(KeyCode::Up)], &[Library]),
            bind(Action::PageDown, &[key(KeyCode::PageDown)], &[Library]),
            bind(Action::PageUp, &[key(KeyCode::PageUp)], &[Library]),
            bind(Action::Open, &[key(KeyCode::Enter)], &[Library]),
            bind(Action::CycleSort, &[key(KeyCode::Tab)], &[Library]),
            bind(Action::Back, &[key(KeyCode::Esc)], &[Library]),
            bind(Action::Help, &[key(KeyCode::F(1))], &[Library]),
            bind(Action::Quit, &[Key::ctrl('c')], &[Library]),
            bind(Action::Back, &[key(KeyCode::Esc)], &[List]),
            bind(
                Action::Next,
                &[Key::char('l'), key(KeyCode::Right)],
                &[Histogram],
            ),
            bind(
                Action::Prev,
                &[Key::char('h'), key(KeyCode::Left)],
                &[Histogram],
            ),
            bind(
                Action::Open,
                &[key(KeyCode::Enter)],
                &[Histogram, FilterMenu, Search],
            ),
            bind(
                Action::Back,
                &[key(KeyCode::Esc), key(KeyCode::Tab)],
                &[Histogram],
            ),
            bind(
                Action::Next,
                &[Key::char('j'), key(KeyCode::Down)],
                &[FilterMenu],
            ),
            bind(
                Action::Prev,
                &[Key::char('k'), key(KeyCode::Up)],
                &[FilterMenu],
            ),
            bind(
                Action::Back,
                &[key(KeyCode::Esc), Key::char('f')],
                &[FilterMenu],
            ),
            bind(Action::Back, &[key(KeyCode::Esc)], &[Search]),
            bind(Action::Help, &[key(KeyCode::F(1))], &[Search]),
            bind(Action::Quit, &[Key::ctrl('c')], &[Search]),
            bind(
                Action::Help,
                &[Key::char('?'), key(KeyCode::F(1))],
                &[Histogram, FilterMenu],
            ),
            bind(
                Action::Quit,
                &[Key::char('q'), Key::ctrl('c')],
                &[Histogram, FilterMenu],
            ),
        ]);
        bindings.extend([
            bind(
                Action::AddHalf,
                &[Key::char('l'), key(KeyCode::Right)],
                &[RatingField],
            ),
            bind(
                Action::RemoveHalf,
                &[Key::char('h'), key(KeyCode::Left)],
                &[RatingField],
            ),
            bind(
                Action::ClearRating,
                &[Key::char('0'), key(KeyCode::Backspace)],
                &[RatingField],
            ),
            bind(
                Action::Toggle,
                &[Key::char(' '), key(KeyCode::Enter), Key::char('x')],
                &[ToggleField],
            ),
            bind(Action::Yes, &[Key::char('y')], &[Confirm]),
            bind(Action::No, &[Key::char('n'), key(KeyCode::Esc)], &[Confirm]),
            bind(Action::KeepMine, &[Key::char('n')], &[Conflict]),
            bind(Action::TakeTheirs, &[Key::char('t')], &[Conflict]),
            bind(Action::SeeBoth, &[Key::char('b')], &[Conflict]),
            bind(
                Action::Next,
                &[Key::char('j'), key(KeyCode::Down)],
                &[Conflict],
            ),
            bind(
                Action::Prev,
                &[Key::char('k'), key(KeyCode::Up)],
                &[Conflict],
            ),
            bind(
                Action::PageDown,
                &[key(KeyCode::PageDown), Key::char(' ')],
                &[Conflict],
            ),
            bind(Action::PageUp, &[key(KeyCode::PageUp)], &[Conflict]),
            bind(Action::Back, &[key(KeyCode::Esc)], &[Conflict]),
            bind(Action::Help, &[key(KeyCode::F(1))], &[Conflict]),
            bind(
                Action::Back,
                &[key(KeyCode::Esc)],
                &[
                    Reader,
                    Help,
                    Diary,
                    Watchlist,
                    YearInReview,
                    Seen,
                    Lists,
                    Composer,
                    RatingField,
                    ToggleField,
                ],
            ),
            bind(
                Action::Help,
                &[Key::char('?'), key(KeyCode::F(1))],
                &[
                    List,
                    Reader,
                    Help,
                    Diary,
                    Watchlist,
                    YearInReview,
                    Seen,
                    Lists,
                    RatingField,
                    ToggleField,
                ],
            ),
            bind(Action::Help, &[key(KeyCode::F(1))], &[Composer]),
            bind(
                Action::Quit,
                &[Key::char('q'), Key::ctrl('c')],
                &[
                    List,
                    Reader,
                    Help,
                    Diary,
                    Watchlist,
                    YearInReview,
                    Seen,
                    Lists,
                ],
            ),
            bind(
                Action::Quit,
                &[Key::ctrl('c')],
                &[Composer, RatingField, ToggleField, Confirm, Conflict],
            ),
        ]);
        Keymap { bindings }
    }
}

/// Where a remapping in the config file went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeymapError {
    #[error("{key} is bound to both {first} and {second} in {mode}")]
    Conflict {
        key: String,
        first: String,
        second: String,
        mode: &'static str,
    },
}

impl Keymap {
    /// Gives `action` the keys `keys`. Without a mode, that is wherever the action is
    /// bound in the browsing screens (list, reader, help), or everywhere it is bound when
    /// it has nothing to do there; with a mode, in that mode only.
    pub fn rebind(&mut self, action: Action, keys: Vec<Key>, mode: Option<Mode>) {
        match mode {
            None => {
                let browsing = [
                    Mode::List,
                    Mode::Reader,
                    Mode::Help,
                    Mode::Diary,
                    Mode::Watchlist,
                    Mode::Seen,
                ];
                let in_browsing = self
                    .bindings
                    .iter()
                    .any(|b| b.action == action && b.modes.iter().any(|m| browsing.contains(m)));
                let mut rebound = Vec::with_capacity(self.bindings.len());
                for binding in std::mem::take(&mut self.bindings) {
                    if binding.action != action {
                        rebound.push(binding);
                    } else if !in_browsing || binding.modes.iter().any(|m| browsing.contains(m)) {
                        rebound.push(Binding {
                            keys: keys.clone(),
                            ..binding
                        });
                    } else {
                        // Elsewhere (the filter menu, the composer's fields, the library)
                        // the action follows too, mode by mode (`settle`); where letters
                        // are typed, with the keys that are no letter.
                        for &mode in &binding.modes {
                            // The histogram's bars go left and right: its own keys for
                            // the next and previous bar stay.
                            if mode == Mode::Histogram
                                && matches!(action, Action::Next | Action::Prev)
                            {
                                rebound.push(Binding {
                                    modes: vec![mode],
                                    ..binding.clone()
                                });
                                continue;
                            }
                            let usable: Vec<Key> = keys
                                .iter()
                                .copied()
                                .filter(|k| !mode.types() || !k.is_typed())
                                .collect();
                            rebound.push(Binding {
                                action,
                                keys: if usable.is_empty() {
                                    binding.keys.clone()
                                } else {
                                    usable
                                },
                                modes: vec![mode],
                                follows: true,
                            });
                        }
                    }
                }
                self.bindings = rebound;
            }
            Some(mode) => {
                for binding in self.bindings.iter_mut().filter(|b| b.action == action) {
                    binding.modes.retain(|m| *m != mode);
                }
                self.bindings.retain(|b| !b.modes.is_empty());
                self.bindings.push(Binding {
                    action,
                    keys,
                    modes: vec![mode],
                    follows: false,
                });
            }
        }
    }

    /// After every remapping: a key a followed remapping gave a mode, that another action
    /// of that mode has, is dropped there (the mode's own keys win); left with none, the
    /// binding has its first keys again, less those.
    pub fn settle(&mut self) {
        let defaults = Keymap::default();
        for i in 0..self.bindings.len() {
            if !self.bindings[i].follows {
                continue;
            }
            let (action, mode) = (self.bindings[i].action, self.bindings[i].modes[0]);
            let taken: Vec<Key> = self
                .bindings
                .iter()
                .filter(|b| b.action != action && b.modes.contains(&mode))
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            let binding = &mut self.bindings[i];
            binding.keys.retain(|k| !taken.contains(k));
            if binding.keys.is_empty() {
                binding.keys = defaults
                    .keys(mode, action)
                    .into_iter()
                    .filter(|k| !taken.contains(k))
                    .collect();
            }
        }
    }

    /// Checks that no key does two things in one mode.
    pub fn check(&self) -> Result<(), KeymapError> {
        for mode in Mode::ALL {
            let mut seen: Vec<(Key, Action)> = Vec::new();
            for binding in self.bindings.iter().filter(|b| b.modes.contains(&mode)) {
                for key in &binding.keys {
                    if let Some((_, first)) =
                        seen.iter().find(|(k, a)| k == key && *a != binding.action)
                    {
                        return Err(KeymapError::Conflict {
                            key: key.to_string(),
                            first: first.name(),
                            second: binding.action.name(),
                            mode: mode.name(),
                        });
                    }
                    seen.push((*key, binding.action));
                }
            }
        }
        Ok(())
    }

    /// Every action of `mode` with its keys, as `marquee config show` writes them.
    pub fn effective(&self, mode: Mode) -> Vec<(Action, Vec<Key>)> {
        let mut out: Vec<(Action, Vec<Key>)> = Vec::new();
        for binding in self.bindings.iter().filter(|b| b.modes.contains(&mode)) {
            match out.iter_mut().find(|(a, _)| *a == binding.action) {
                Some((_, keys)) => {
                    for key in &binding.keys {
                        if !keys.contains(key) {
                            keys.push(*key);
                        }
                    }
                }
                None => out.push((binding.action, binding.keys.clone())),
            }
        }
        out
    }

    /// The action `key` triggers in `mode`, if any.
    pub fn action(&self, mode: Mode, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|b| b.modes.contains(&mode) && b.keys.contains(&key))
            .map(|b| b.action)
    }

    /// The keys for `action` in `mode`, first key first.
    pub fn keys(&self, mode: Mode, action: Action) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|b| b.action == action && b.modes.contains(&mode))
            .flat_map(|b| b.keys.iter().copied())
            .collect()
    }

    /// Every binding in `mode`: (keys as text, what they do). The composer's fields leave
    /// out what they share with the whole composer, which has a section of its own.
    pub fn help(&self, mode: Mode) -> Vec<(String, String)> {
        let shared = matches!(mode, Mode::RatingField | Mode::ToggleField);
        let mut rows: Vec<(String, String)> = Vec::new();
        for binding in self
            .bindings
            .iter()
            .filter(|b| b.modes.contains(&mode))
            .filter(|b| !(shared && b.modes.contains(&Mode::Composer)))
        {
            let keys: Vec<String> = binding.keys.iter().map(Key::to_string).collect();
            let what = describe(binding.action, mode);
            // Neighbours that do the same (1 to 5 stars) share a row.
            match rows.last_mut() {
                Some((previous, described)) if *described == what => {
                    previous.push_str(", ");
                    previous.push_str(&keys.join(", "));
                }
                _ => rows.push((keys.join(", "), what)),
            }
        }
        rows
    }

    /// Short hints for the status line: the first key of each action given, with a label.
    pub fn hints(
        &self,
        mode: Mode,
        actions: &[(Action, &'static str)],
    ) -> Vec<(String, &'static str)> {
        actions
            .iter()
            .filter_map(|&(action, label)| {
                let key = self.keys(mode, action).into_iter().next()?;
                Some((key.to_string(), label))
            })
            .collect()
    }
}

impl Keymap {
    /// The keys of the list and the reader as a Markdown table, for the README.
    pub fn markdown(&self) -> String {
        let mut out = String::from("| Keys | What they do |\n|---|---|\n");
        for mode in Mode::ALL.into_iter().filter(|&m| m != Mode::Help) {
            out.push_str(&format!("| **{}** | |\n", mode.title()));
            for (keys, what) in self.help(mode) {
                let keys: Vec<String> = keys.split(", ").map(|k| format!("`{k}`")).collect();
                out.push_str(&format!("| {} | {what} |\n", keys.join(" ")));
            }
        }
        out
    }
}

/// The action the mouse wheel stands for: it moves like `next`/`prev`.
pub fn mouse_action(event: &MouseEvent) -> Option<Action> {
    match event.kind {
        MouseEventKind::ScrollDown => Some(Action::Next),
        MouseEventKind::ScrollUp => Some(Action::Prev),
        _ => None,
    }
}

/// What `action` does in `mode`, for the help overlay (help text lives with the keymap,
/// so the actions depend on nothing).
pub fn describe(action: Action, mode: Mode) -> String {
    let text = match (action, mode) {
        (Action::Open, Mode::Library) => "open the film",
        (Action::Next, Mode::Library) => "next film",
        (Action::Prev, Mode::Library) => "previous film",
        (Action::First, Mode::Library) => "first film",
        (Action::Last, Mode::Library) => "last film",
        (Action::PageDown, Mode::Library) => "page down",
        (Action::PageUp, Mode::Library) => "page up",
        (Action::CycleSort, Mode::Library) => "sort by title or by latest activity",
        (Action::Back, Mode::Library) => "clear what you typed, or close",
        (Action::Next, Mode::Diary) => "next log",
        (Action::Prev, Mode::Diary) => "previous log",
        (Action::First, Mode::Diary) => "newest log",
        (Action::Last, Mode::Diary) => "oldest log",
        (Action::Open, Mode::Diary) => "open the film at that log",
        (Action::Back, Mode::Diary) => "back to the film",
        (Action::FilterStars(_), Mode::Diary) => "only logs with that many stars; again adds ½",
        (Action::FilterUnrated, Mode::Diary) => "only unrated logs",
        (Action::Next, Mode::Watchlist) => "next film",
        (Action::Prev, Mode::Watchlist) => "previous film",
        (Action::First, Mode::Watchlist) => "first film",
        (Action::Last, Mode::Watchlist) => "last film",
        (Action::Open, Mode::Watchlist) => "open the film",
        (Action::Back, Mode::Watchlist) => "back to the film",
        (Action::CycleSort, Mode::Watchlist) => "sort: newest added, title, year",
        (Action::ToggleWatchlist, Mode::Watchlist) => "take the film off the watchlist",
        (Action::Back, Mode::YearInReview) => "back to the film",
        (Action::CycleYear, Mode::YearInReview) => "another year: older ones, then all time",
        (Action::Next, Mode::Seen) => "next film",
        (Action::Prev, Mode::Seen) => "previous film",
        (Action::First, Mode::Seen) => "first film",
        (Action::Last, Mode::Seen) => "last film",
        (Action::Open, Mode::Seen) => "open the film",
        (Action::Back, Mode::Seen) => "back to the film",
        (Action::CycleSort, Mode::Seen) => "sort: last watched, title, year, your rating",
        (Action::Next, Mode::Lists) => "next list, or next film of the open list",
        (Action::Prev, Mode::Lists) => "previous list, or previous film",
        (Action::Open, Mode::Lists) => "open the list, or the film",
        (Action::Back, Mode::Lists) => "close the list, or back to the film",
        (Action::Delete, Mode::Lists) => "delete the list (asks first), or take the film out",
        (Action::Open, Mode::ListName) => "keep the name",
        (Action::Open, Mode::Find) => "show only films with that in their title",
        (Action::Back, Mode::Find) => "every film again",
        (Action::Search, Mode::Diary | Mode::Watchlist | Mode::Seen) => "find a title",
        (Action::Back, Mode::ListName) => "leave the name as it was",
        (Action::Back, Mode::Conflict) => {
            "back to editing (from both versions: back to the choice)"
        }
        (Action::Next, Mode::Conflict) => "scroll both versions down",
        (Action::Prev, Mode::Conflict) => "scroll both versions up",
        (Action::Next, Mode::List) => "next review",
        (Action::Prev, Mode::List) => "previous review",
        (Action::PageDown, Mode::List) => "page down",
        (Action::PageUp, Mode::List) => "page up",
        (Action::First, Mode::List) => "first review",
        (Action::Last, Mode::List) => "last review",
        (Action::Next, Mode::Histogram) => "next bar",
        (Action::Prev, Mode::Histogram) => "previous bar",
        (Action::Next, Mode::FilterMenu) => "down",
        (Action::Prev, Mode::FilterMenu) => "up",
        (Action::Next, Mode::RatingField | Mode::ToggleField) => "next field",
        (Action::Prev, Mode::RatingField | Mode::ToggleField) => "previous field",
        (Action::Next, _) => "scroll down",
        (Action::Prev, _) => "scroll up",
        (Action::PageDown, _) => "scroll a page down",
        (Action::PageUp, _) => "scroll a page up",
        (Action::First, _) => "scroll to the top",
        (Action::Last, _) => "scroll to the end",
        (Action::Open, Mode::List) => "read the review full screen",
        (Action::Open, Mode::Histogram) => "show only that rating",
        (Action::Open, Mode::FilterMenu) => "choose",
        (Action::Open, _) => "search",

        (Action::Back, Mode::Help) => "close help",
        (Action::Back, Mode::List) => "clear the search",
        (Action::Back, Mode::Search) => "clear the search",
        (Action::Back, Mode::Histogram | Mode::FilterMenu) => "back to the list",
        (Action::Back, Mode::Composer | Mode::RatingField | Mode::ToggleField) => {
            "cancel (asks before throwing text away)"
        }
        (Action::Back, _) => "back to the list",
        (Action::Help, Mode::Help) => "close help",
        (Action::Help, _) => "show all keys",
        (Action::Quit, Mode::Composer | Mode::RatingField | Mode::ToggleField | Mode::Conflict) => {
            "quit (your draft is kept)"
        }
        (Action::Quit, _) => "quit",
        (Action::Write, _) => "write a review",
        (Action::Edit, _) => "edit your review",
        (Action::Delete, _) => "delete your review",
        (Action::Reveal, _) => "show or hide spoilers",
        (Action::Save, _) => "save the review",
        (Action::NextField, _) => "next field",
        (Action::PrevField, _) => "previous field",
        (Action::ExternalEditor, _) => "write the text in $VISUAL / $EDITOR",
        (Action::Stars(_), _) => "that many stars; again adds ½",
        (Action::AddHalf, _) => "add ½ star",
        (Action::RemoveHalf, _) => "remove ½ star",
        (Action::ClearRating, _) => "no rating",
        (Action::Toggle, _) => "switch on or off",
        (Action::Yes, _) => "yes",
        (Action::No, _) => "no",
        (Action::FilterStars(_), _) => "only reviews with that many stars; again adds ½",
        (Action::ToggleOrMore, _) => "this rating or more",
        (Action::FilterUnrated, _) => "only unrated reviews",
        (Action::ClearFilter, _) => "all ratings",
        (Action::FilterMenu, _) => "filter by rating from a menu",
        (Action::CycleSort, _) => "sort: newest, oldest, highest, lowest, most liked",
        (Action::Search, _) => "search text and authors",
        (Action::FocusHistogram, _) => "pick a bar of the histogram",
        (Action::Library, _) => "the film library",
        (Action::FilmDetails, _) => "the film's details in full: synopsis, cast, genres",
        (Action::Diary, _) => "your diary: every log by the day watched",
        (Action::CycleYear, _) => "one year: the newest, then older ones, then all",
        (Action::Watchlist, _) => "your watchlist",
        (Action::YearInReview, _) => "your year in review, or all time's",
        (Action::ToggleWatched, _) => "mark the film watched ✓, or take the mark off",
        (Action::ToggleLiked, _) => "like the film ♥, or take the like back",
        (Action::Seen, _) => "the films you have seen",
        (Action::Lists, _) => "your lists",
        (Action::NewList, _) => "make a new list",
        (Action::RenameList, _) => "rename the list",
        (Action::AddToList, _) => "add the film you came from to the list",
        (Action::MoveUp, _) => "move the film up the list",
        (Action::MoveDown, _) => "move the film down the list",
        (Action::OlderMonth, _) => "to the month before",
        (Action::NewerMonth, _) => "to the month after",
        (Action::ToggleWatchlist, _) => "put the film on your watchlist, or take it off",
        (Action::KeepMine, _) => "save yours as a new review",
        (Action::TakeTheirs, _) => "keep the review as it is now; drop your changes",
        (Action::SeeBoth, _) => "see both versions",
        (Action::Undo, _) => "put back the film last taken out",
    };
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_and_print_the_same() {
        for text in [
            "j", "G", "?", "Ctrl-d", "PageDown", "Enter", "Esc", "F1", "Space", "Alt-x",
        ] {
            let key: Key = text.parse().unwrap();
            assert_eq!(key.to_string(), text);
        }
        assert!("Hyper-x".parse::<Key>().is_err());
        assert!("F99".parse::<Key>().is_err());
        assert!("".parse::<Key>().is_err());
    }

    #[test]
    fn shift_is_part_of_the_character_and_ctrl_ignores_case() {
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&shifted), Key::char('G'));
        let ctrl = KeyEvent::new(
            KeyCode::Char('D'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        assert_eq!(Key::from_event(&ctrl), Key::ctrl('d'));
    }

    #[test]
    fn no_key_does_two_things_in_one_mode() {
        let keymap = Keymap::default();
        for mode in Mode::ALL {
            let mut seen = std::collections::HashSet::new();
            for binding in keymap.bindings.iter().filter(|b| b.modes.contains(&mode)) {
                for key in &binding.keys {
                    assert!(seen.insert(*key), "{key} is bound twice in {mode:?}");
                }
            }
        }
    }

    #[test]
    fn the_issue_keys_are_bound() {
        let keymap = Keymap::default();
        let list = |k: &str| keymap.action(Mode::List, k.parse().unwrap());
        assert_eq!(list("j"), Some(Action::Next));
        assert_eq!(list("Down"), Some(Action::Next));
        assert_eq!(list("k"), Some(Action::Prev));
        assert_eq!(list("Ctrl-d"), Some(Action::PageDown));
        assert_eq!(list("Ctrl-u"), Some(Action::PageUp));
        assert_eq!(list("g"), Some(Action::First));
        assert_eq!(list("End"), Some(Action::Last));
        assert_eq!(list("Enter"), Some(Action::Open));
        assert_eq!(list("?"), Some(Action::Help));
        assert_eq!(list("q"), Some(Action::Quit));
        for mode in Mode::ALL {
            assert_eq!(keymap.action(mode, Key::ctrl('c')), Some(Action::Quit));
        }
        assert_eq!(
            keymap.action(Mode::Reader, Key::plain(KeyCode::Esc)),
            Some(Action::Back)
        );
    }
}
