//! Keys as data: which key does what in which mode. The help overlay and the status-line
//! hints are generated from this table, so they can never disagree with the keys. The
//! film page's keys are in `core.rs`; every other screen brings its own table
//! (`table.rs`), and `Keymap::new` puts them together.

mod core;
pub mod key;
pub mod mode;
pub mod table;

use ratatui::crossterm::event::{MouseEvent, MouseEventKind};

pub use key::{Key, KeyError};
pub use mode::Mode;
pub use table::{Bind, ModeKeys, OpenedFrom, ScreenKeys, Shared};

use crate::tui::action::Action;

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

/// Every binding, in the order help lists them, with the modes and what the screens'
/// tables say their keys do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
    /// The bindings before any remapping, for `settle`.
    defaults: Vec<Binding>,
    /// Every mode, in the order help lists them.
    modes: Vec<Mode>,
    /// What an action does in a mode, as a screen's table says it.
    told: Vec<(Mode, Action, &'static str)>,
}

/// The film page's modes before the screens' in help, and those after.
const FIRST_MODES: [Mode; 1] = [Mode::List];
const LAST_MODES: [Mode; 11] = [
    Mode::Find,
    Mode::Histogram,
    Mode::FilterMenu,
    Mode::Search,
    Mode::Reader,
    Mode::Composer,
    Mode::RatingField,
    Mode::ToggleField,
    Mode::Confirm,
    Mode::Conflict,
    Mode::Help,
];

impl Keymap {
    /// The film page's keys with those of `screens`, the screens a key opens from it, as
    /// each declares them.
    pub fn new(screens: &[&ScreenKeys]) -> Keymap {
        let mut told = Vec::new();
        let mut opening = Vec::new();
        for screen in screens {
            // The screens that take `Shared::Jumps` get the key from their own tables.
            let mut from = vec![Mode::List];
            if screen.opened_from != OpenedFrom::FilmPage {
                from.push(Mode::Reader);
            }
            let show = Action::Show(screen.mode());
            opening.push(Binding {
                action: show,
                keys: vec![screen.opened_by],
                modes: from,
                follows: false,
            });
            told.extend([Mode::List, Mode::Reader].map(|m| (m, show, screen.opens)));
        }
        let mut bindings = core::bindings(opening.clone());
        for screen in screens {
            for table in screen.modes {
                bindings.extend(mode_bindings(table, screen, screens));
                told.extend(table.binds.iter().map(|b| (table.mode, b.action, b.does)));
                told.extend(table.says.iter().map(|(a, does)| (table.mode, *a, *does)));
                // The jumps to the other screens say what they open.
                for other in screens {
                    told.push((table.mode, Action::Show(other.mode()), other.opens));
                }
            }
        }
        let modes = FIRST_MODES
            .into_iter()
            .chain(screens.iter().flat_map(|s| s.modes.iter().map(|t| t.mode)))
            .chain(LAST_MODES)
            .collect();
        Keymap {
            defaults: bindings.clone(),
            bindings,
            modes,
            told,
        }
    }

    /// Every mode, in the order help lists them.
    pub fn modes(&self) -> Vec<Mode> {
        self.modes.clone()
    }

    /// The mode the config file names (`[keys.diary]`).
    pub fn mode_named(&self, name: &str) -> Option<Mode> {
        self.modes.iter().copied().find(|m| m.name() == name)
    }

    /// Every action the config file can name: the film page's, and those the screens
    /// bring (the keys that open them, their own).
    pub fn actions(&self) -> Vec<Action> {
        let mut all = Action::named();
        for binding in &self.defaults {
            if !all.contains(&binding.action) {
                all.push(binding.action);
            }
        }
        all
    }

    /// The action the config file names.
    pub fn action_named(&self, name: &str) -> Option<Action> {
        self.actions().into_iter().find(|a| a.name() == name)
    }

    /// What `action` does in `mode`, for help.
    pub fn describe(&self, action: Action, mode: Mode) -> String {
        self.told
            .iter()
            .find(|(m, a, _)| *m == mode && *a == action)
            .map_or_else(
                || core::describe(action, mode),
                |(.., does)| does.to_string(),
            )
    }
}

/// A screen's mode's bindings: the shared keys it takes and its own, in help's order.
fn mode_bindings(table: &ModeKeys, screen: &ScreenKeys, screens: &[&ScreenKeys]) -> Vec<Binding> {
    let one = |action, keys: Vec<Key>| Binding {
        action,
        keys,
        modes: vec![table.mode],
        follows: false,
    };
    let shared = |what: Shared| -> Vec<Binding> {
        if !table.shares.contains(&what) {
            return Vec::new();
        }
        if what == Shared::Jumps {
            return screens
                .iter()
                .filter(|other| other.mode() != screen.mode())
                .filter(|other| other.opened_from == OpenedFrom::Anywhere)
                .map(|other| one(Action::Show(other.mode()), vec![other.opened_by]))
                .collect();
        }
        core::shared(what)
            .into_iter()
            .map(|(action, keys)| one(action, keys))
            .collect()
    };
    let mut out = shared(Shared::Scrolls);
    out.extend(shared(Shared::Opens));
    out.extend(table.binds.iter().map(|b| one(b.action, b.keys.to_vec())));
    for what in [
        Shared::Finds,
        Shared::Jumps,
        Shared::Back,
        Shared::Help,
        Shared::Quit,
    ] {
        out.extend(shared(what));
    }
    out
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
                let in_browsing = self
                    .bindings
                    .iter()
                    .any(|b| b.action == action && b.modes.iter().any(|m| m.is_browsing()));
                let mut rebound = Vec::with_capacity(self.bindings.len());
                for binding in std::mem::take(&mut self.bindings) {
                    if binding.action != action {
                        rebound.push(binding);
                    } else if !in_browsing || binding.modes.iter().any(|m| m.is_browsing()) {
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
            let first: Vec<Key> = keys_in(&self.defaults, mode, action)
                .filter(|k| !taken.contains(k))
                .collect();
            let binding = &mut self.bindings[i];
            binding.keys.retain(|k| !taken.contains(k));
            if binding.keys.is_empty() {
                binding.keys = first;
            }
        }
    }

    /// Checks that no key does two things in one mode.
    pub fn check(&self) -> Result<(), KeymapError> {
        for &mode in &self.modes {
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
        keys_in(&self.bindings, mode, action).collect()
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
            let what = self.describe(binding.action, mode);
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
        for mode in self.modes().into_iter().filter(|&m| m != Mode::Help) {
            out.push_str(&format!("| **{}** | |\n", mode.title()));
            for (keys, what) in self.help(mode) {
                let keys: Vec<String> = keys.split(", ").map(|k| format!("`{k}`")).collect();
                out.push_str(&format!("| {} | {what} |\n", keys.join(" ")));
            }
        }
        out
    }
}

/// The keys `bindings` give `action` in `mode`, first key first.
fn keys_in(bindings: &[Binding], mode: Mode, action: Action) -> impl Iterator<Item = Key> + '_ {
    bindings
        .iter()
        .filter(move |b| b.action == action && b.modes.contains(&mode))
        .flat_map(|b| b.keys.iter().copied())
}

/// The action the mouse wheel stands for: it moves like `next`/`prev`.
pub fn mouse_action(event: &MouseEvent) -> Option<Action> {
    match event.kind {
        MouseEventKind::ScrollDown => Some(Action::Next),
        MouseEventKind::ScrollUp => Some(Action::Prev),
        _ => None,
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyCode;

    #[test]
    fn no_key_does_two_things_in_one_mode() {
        assert_one_action_per_key(&Keymap::new(&[]));
    }

    /// No key does two things in one mode of `keymap`.
    pub fn assert_one_action_per_key(keymap: &Keymap) {
        for mode in keymap.modes() {
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
        let keymap = Keymap::new(&[]);
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
        for mode in keymap.modes() {
            assert_eq!(keymap.action(mode, Key::ctrl('c')), Some(Action::Quit));
        }
        assert_eq!(
            keymap.action(Mode::Reader, Key::plain(KeyCode::Esc)),
            Some(Action::Back)
        );
    }
}

#[cfg(test)]
mod a_new_screen {
    use super::*;
    use ratatui::crossterm::event::KeyCode;

    const NOTES: Mode = Mode::new("notes", "Notes").browsed();
    const PIN: Action = Action::Own("pin_note");
    const KEYS: ScreenKeys = ScreenKeys {
        modes: &[ModeKeys {
            mode: NOTES,
            shares: &[Shared::Scrolls, Shared::Back, Shared::Quit],
            binds: &[Bind {
                action: PIN,
                keys: &[Key::char('p')],
                does: "pin the note",
            }],
            says: &[(Action::Next, "next note")],
        }],
        opened_by: Key::char('N'),
        opened_from: OpenedFrom::FilmPageAndReader,
        opens: "your notes",
    };

    #[test]
    fn brings_its_keys_its_mode_and_its_help_with_its_table() {
        let mut keymap = Keymap::new(&[&KEYS]);
        let show = Action::Show(NOTES);
        assert_eq!(keymap.action(Mode::List, Key::char('N')), Some(show));
        assert_eq!(keymap.action(Mode::Reader, Key::char('N')), Some(show));
        assert_eq!(keymap.action(NOTES, Key::char('p')), Some(PIN));
        assert_eq!(keymap.action(NOTES, Key::char('j')), Some(Action::Next));
        assert_eq!(
            keymap.action(NOTES, Key::plain(KeyCode::Esc)),
            Some(Action::Back)
        );
        assert_eq!(keymap.mode_named("notes"), Some(NOTES));
        assert_eq!(keymap.action_named("notes"), Some(show));
        assert_eq!(keymap.action_named("pin_note"), Some(PIN));
        let help = keymap.help(NOTES);
        assert!(
            help.contains(&("p".into(), "pin the note".into())),
            "{help:?}"
        );
        assert!(
            help.contains(&("j, Down".into(), "next note".into())),
            "{help:?}"
        );
        let list = keymap.help(Mode::List);
        assert!(
            list.contains(&("N".into(), "your notes".into())),
            "{list:?}"
        );
        // Remapped like any other: `[keys] pin_note = ["P"]`, `next` for every screen.
        keymap.rebind(PIN, vec![Key::char('P')], None);
        keymap.rebind(Action::Next, vec![Key::char('n')], None);
        keymap.settle();
        assert_eq!(keymap.action(NOTES, Key::char('P')), Some(PIN));
        assert_eq!(keymap.action(NOTES, Key::char('n')), Some(Action::Next));
        assert_eq!(keymap.check(), Ok(()));
    }
}
