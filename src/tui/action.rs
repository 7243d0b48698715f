//! Everything a key (or the mouse) can ask the app to do.

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
    /// Open the film library.
    Library,
    /// The film's details in full, in the reader: the whole synopsis, cast and genres.
    FilmDetails,
    /// The member's diary: every log by the day watched.
    Diary,
    /// In the diary: one year's logs, the newest year first, then older, then all.
    CycleYear,
    /// The member's watchlist.
    Watchlist,
    /// Put the open film on the watchlist or take it off (on the watchlist: the
    /// highlighted film off it).
    ToggleWatchlist,
    /// The year in review: a year's numbers, or all time's.
    YearInReview,
    /// Mark the open film watched, or take the mark off.
    ToggleWatched,
    /// Like the open film, or take the like back.
    ToggleLiked,
    /// The films the member has seen.
    Seen,
    /// The member's lists.
    Lists,
    /// In the lists: make a new list.
    NewList,
    /// In the lists: rename the highlighted list.
    RenameList,
    /// In the lists: add the film the lists were opened from to the highlighted list.
    AddToList,
    /// In an open list: move the highlighted film up, or down.
    MoveUp,
    MoveDown,
    /// In the diary: to the month before (older), or after (newer).
    OlderMonth,
    NewerMonth,
    /// A save found the review changed (or gone) meanwhile: save what the composer holds
    /// as a new review instead.
    KeepMine,
    /// ... or keep the review as it is now, and drop the composer's changes.
    TakeTheirs,
    /// ... or see both versions.
    SeeBoth,
    /// In the lists: put back the film last taken out.
    Undo,
}

/// Every action with the name the config file's `[keys]` table gives it (the stars add
/// `stars_1` to `stars_5` and `filter_1` to `filter_5`).
const NAMES: [(Action, &str); 53] = [
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
    (Action::Library, "library"),
    (Action::FilmDetails, "film_details"),
    (Action::Diary, "diary"),
    (Action::CycleYear, "year"),
    (Action::Watchlist, "watchlist"),
    (Action::ToggleWatchlist, "toggle_watchlist"),
    (Action::YearInReview, "year_in_review"),
    (Action::ToggleWatched, "toggle_watched"),
    (Action::ToggleLiked, "toggle_liked"),
    (Action::Seen, "seen"),
    (Action::Lists, "lists"),
    (Action::NewList, "new_list"),
    (Action::RenameList, "rename_list"),
    (Action::AddToList, "add_to_list"),
    (Action::MoveUp, "move_up"),
    (Action::MoveDown, "move_down"),
    (Action::OlderMonth, "older_month"),
    (Action::NewerMonth, "newer_month"),
    (Action::KeepMine, "keep_mine"),
    (Action::TakeTheirs, "take_theirs"),
    (Action::SeeBoth, "see_both"),
    (Action::Undo, "undo"),
];

impl Action {
    /// Every action, for looking one up by name.
    pub fn all() -> Vec<Action> {
        let mut all: Vec<Action> = NAMES.iter().map(|(action, _)| *action).collect();
        all.extend((1..=5).map(Action::Stars));
        all.extend((1..=5).map(Action::FilterStars));
        all
    }

    /// The action a config file names.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::all().into_iter().find(|a| a.name() == name)
    }

    /// The name used in the config file's `[keys]` table.
    pub fn name(self) -> String {
        match self {
            Action::Stars(n) => format!("stars_{n}"),
            Action::FilterStars(n) => format!("filter_{n}"),
            action => NAMES
                .iter()
                .find(|(a, _)| *a == action)
                .map_or_else(String::new, |(_, name)| (*name).to_string()),
        }
    }
}
