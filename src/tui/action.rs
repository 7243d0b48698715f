//! Everything a key (or the mouse) can ask the app to do.

use super::keymap::Mode;

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
}

impl Action {
    /// Every action, for looking one up by name.
    pub fn all() -> Vec<Action> {
        let mut all = vec![
            Action::Next,
            Action::Prev,
            Action::PageDown,
            Action::PageUp,
            Action::First,
            Action::Last,
            Action::Open,
            Action::Back,
            Action::Help,
            Action::Quit,
            Action::Write,
            Action::Edit,
            Action::Delete,
            Action::Reveal,
            Action::Save,
            Action::NextField,
            Action::PrevField,
            Action::ExternalEditor,
            Action::AddHalf,
            Action::RemoveHalf,
            Action::ClearRating,
            Action::Toggle,
            Action::Yes,
            Action::No,
            Action::ToggleOrMore,
            Action::FilterUnrated,
            Action::ClearFilter,
            Action::FilterMenu,
            Action::CycleSort,
            Action::Search,
            Action::FocusHistogram,
            Action::Library,
        ];
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
        let name = match self {
            Action::Next => "next",
            Action::Prev => "prev",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::First => "first",
            Action::Last => "last",
            Action::Open => "open",
            Action::Back => "back",
            Action::Help => "help",
            Action::Quit => "quit",
            Action::Write => "write",
            Action::Edit => "edit",
            Action::Delete => "delete",
            Action::Reveal => "reveal",
            Action::Save => "save",
            Action::NextField => "next_field",
            Action::PrevField => "prev_field",
            Action::ExternalEditor => "external_editor",
            Action::Stars(n) => return format!("stars_{n}"),
            Action::AddHalf => "add_half",
            Action::RemoveHalf => "remove_half",
            Action::ClearRating => "clear_rating",
            Action::Toggle => "toggle",
            Action::Yes => "yes",
            Action::No => "no",
            Action::FilterStars(n) => return format!("filter_{n}"),
            Action::ToggleOrMore => "or_more",
            Action::FilterUnrated => "unrated",
            Action::ClearFilter => "clear_filter",
            Action::FilterMenu => "filter_menu",
            Action::CycleSort => "sort",
            Action::Search => "search",
            Action::FocusHistogram => "histogram",
            Action::Library => "library",
        };
        name.to_string()
    }

    /// What the action does in `mode`, for the help overlay.
    pub fn describe(self, mode: Mode) -> String {
        let text = match (self, mode) {
            (Action::Open, Mode::Library) => "open the film",
            (Action::Next, Mode::Library) => "next film",
            (Action::Prev, Mode::Library) => "previous film",
            (Action::First, Mode::Library) => "first film",
            (Action::Last, Mode::Library) => "last film",
            (Action::PageDown, Mode::Library) => "page down",
            (Action::PageUp, Mode::Library) => "page up",
            (Action::CycleSort, Mode::Library) => "sort by title or by latest activity",
            (Action::Back, Mode::Library) => "clear what you typed, or close",
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
            (Action::Quit, Mode::Composer | Mode::RatingField | Mode::ToggleField) => {
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
            (Action::Stars(_), _) => "that many stars",
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
        };
        text.to_string()
    }
}
