//! Everything a key (or the mouse) can ask the app to do.

use super::keymap::mode::Mode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Next,
    Prev,
    PageDown,
    PageUp,
    First,
    Last,
    Open,
    Back,
    Help,
    Quit,
    /// Open the composer for a new review.
    Write,
    /// Edit the selected review (the user's own).
    Edit,
    /// Delete the selected review (the user's own), after asking.
    Delete,
    /// Show or hide the text of a review marked as a spoiler.
    Reveal,
    /// Save what the composer holds.
    Save,
    NextField,
    PrevField,
    /// Edit the review's text in `$VISUAL` / `$EDITOR`.
    ExternalEditor,
    /// Set the rating to this many whole stars.
    Stars(u8),
    AddHalf,
    RemoveHalf,
    ClearRating,
    /// Flip liked, rewatch or spoiler.
    Toggle,
    Yes,
    No,
    /// Show only reviews with this many whole stars; again toggles the half.
    FilterStars(u8),
    /// Switch between "exactly" and "or more".
    ToggleOrMore,
    FilterUnrated,
    ClearFilter,
    FilterMenu,
    CycleSort,
    Search,
    /// Move focus to the rating histogram, to pick a bar.
    FocusHistogram,
    /// The film's details in full, in the reader: the whole synopsis, cast and genres.
    FilmDetails,
    /// In the diary: one year's logs, the newest year first, then older, then all.
    CycleYear,
    /// Put the open film on the watchlist or take it off (on the watchlist: the
    /// highlighted film off it).
    ToggleWatchlist,
    /// Mark the open film watched, or take the mark off.
    ToggleWatched,
    /// Like the open film, or take the like back.
    ToggleLiked,
    /// A save found the review changed (or gone) meanwhile: save what the composer holds
    /// as a new review instead.
    KeepMine,
    /// ... or keep the review as it is now, and drop the composer's changes.
    TakeTheirs,
    /// ... or see both versions.
    SeeBoth,
    /// Open the screen whose mode this is (the diary, the lists…); its name in the
    /// config file is the mode's: `diary`.
    Show(Mode),
    /// An action of one screen's own, named as the config file names it (`new_list`):
    /// the screen's `keys.rs` declares it, and only that screen acts on it.
    Own(&'static str),
}

/// Every action with the name the config file's `[keys]` table gives it (the stars add
/// `stars_1` to `stars_5` and `filter_1` to `filter_5`).
const NAMES: [(Action, &str); 39] = [
    (Action::Next, "next"),
    (Action::Prev, "prev"),
    (Action::PageDown, "page_down"),
    (Action::PageUp, "page_up"),
    (Action::First, "first"),
    (Action::Last, "last"),
    (Action::Open, "open"),
    (Action::Back, "back"),
    (Action::Help, "help"),
    (Action::Quit, "quit"),
    (Action::Write, "write"),
    (Action::Edit, "edit"),
    (Action::Delete, "delete"),
    (Action::Reveal, "reveal"),
    (Action::Save, "save"),
    (Action::NextField, "next_field"),
    (Action::PrevField, "prev_field"),
    (Action::ExternalEditor, "external_editor"),
    (Action::AddHalf, "add_half"),
    (Action::RemoveHalf, "remove_half"),
    (Action::ClearRating, "clear_rating"),
    (Action::Toggle, "toggle"),
    (Action::Yes, "yes"),
    (Action::No, "no"),
    (Action::ToggleOrMore, "or_more"),
    (Action::FilterUnrated, "unrated"),
    (Action::ClearFilter, "clear_filter"),
    (Action::FilterMenu, "filter_menu"),
    (Action::CycleSort, "sort"),
    (Action::Search, "search"),
    (Action::FocusHistogram, "histogram"),
    (Action::FilmDetails, "film_details"),
    (Action::CycleYear, "year"),
    (Action::ToggleWatchlist, "toggle_watchlist"),
    (Action::ToggleWatched, "toggle_watched"),
    (Action::ToggleLiked, "toggle_liked"),
    (Action::KeepMine, "keep_mine"),
    (Action::TakeTheirs, "take_theirs"),
    (Action::SeeBoth, "see_both"),
];

impl Action {
    /// The actions every keymap knows by name, the film page's: a screen's `Show` and
    /// `Own` come with its table (`Keymap::action_named`).
    pub fn named() -> Vec<Action> {
        let mut all: Vec<Action> = NAMES.iter().map(|(action, _)| *action).collect();
        all.extend((1..=5).map(Action::Stars));
        all.extend((1..=5).map(Action::FilterStars));
        all
    }

    /// The name used in the config file's `[keys]` table.
    pub fn name(self) -> String {
        match self {
            Action::Stars(n) => format!("stars_{n}"),
            Action::FilterStars(n) => format!("filter_{n}"),
            Action::Show(mode) => mode.name().to_string(),
            Action::Own(name) => name.to_string(),
            action => NAMES
                .iter()
                .find(|(a, _)| *a == action)
                .map_or_else(String::new, |(_, name)| (*name).to_string()),
        }
    }
}
