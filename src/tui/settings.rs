//! The user's settings as every screen uses them: the keys, the colours, how dates are
//! written, the name on reviews.

use super::action::Action;
use super::keymap::{Key, Keymap, Mode};
use super::theme::Theme;
use crate::model::Entry;

pub struct Settings {
    pub keymap: Keymap,
    pub theme: Theme,
    /// How dates are shown (strftime).
    pub date_format: String,
    /// ... and the formatter that shows them so.
    pub days: crate::days::Days,
    /// The name on reviews the user writes.
    pub author: String,
}

impl Settings {
    /// The first key for `action` in `mode`, as help writes it, for hints in the text.
    pub fn key_name(&self, mode: Mode, action: Action) -> String {
        self.keymap
            .keys(mode, action)
            .first()
            .map_or_else(|| action.name(), Key::to_string)
    }

    /// A day (`YYYY-MM-DD`, or a time that starts with one) as the user likes dates
    /// written (`date_format`), on every screen; anything else as it is, made safe.
    pub fn day(&self, date: &str) -> String {
        self.days.show(date)
    }

    /// An entry's date as the user likes dates written.
    pub fn shown_date(&self, entry: &Entry) -> Option<String> {
        Some(self.day(entry.display_date()?))
    }
}
