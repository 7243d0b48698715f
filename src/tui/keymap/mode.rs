//! Modes: where the user is. Each has its own keys.

/// Where the user is; each mode has its own bindings. A mode is its name in the config
/// file (`[keys.reader]`) with its title in help; the film page's, the reader's, the
/// composer's and the overlays' are here, every other screen's in its own `keys.rs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Mode {
    name: &'static str,
    title: &'static str,
    /// Letters typed here go into text (a field, a finder), not to the keymap.
    types: bool,
    /// A browsing screen: `[keys] next = …` with no mode gives the keys here as they are
    /// (elsewhere the remapping follows, less the keys that would clash).
    browsing: bool,
}

impl Mode {
    /// A mode named `name` in the config file and `title` in help.
    pub const fn new(name: &'static str, title: &'static str) -> Mode {
        Mode {
            name,
            title,
            types: false,
            browsing: false,
        }
    }

    /// ... where letters type.
    pub const fn typing(self) -> Mode {
        Mode {
            types: true,
            ..self
        }
    }

    /// ... that is browsed (a list moved through with next and prev).
    pub const fn browsed(self) -> Mode {
        Mode {
            browsing: true,
            ..self
        }
    }

    /// The name of the mode's table in the config file: `[keys.reader]`.
    pub const fn name(self) -> &'static str {
        self.name
    }

    pub fn title(self) -> &'static str {
        self.title
    }

    /// Whether letters typed here go into text (a field, a finder), not to the keymap.
    pub fn types(self) -> bool {
        self.types
    }

    pub fn is_browsing(self) -> bool {
        self.browsing
    }
}

#[allow(non_upper_case_globals)]
impl Mode {
    /// The film page with its review list.
    pub const List: Mode = Mode::new("list", "Review list").browsed();
    /// One review, full screen.
    pub const Reader: Mode =
        Mode::new("reader", "Reading a review or the film's details").browsed();
    /// The help overlay.
    pub const Help: Mode = Mode::new("help", "This help").browsed();
    /// The composer, in its text fields: other keys type.
    pub const Composer: Mode = Mode::new("composer", "Writing a review (any field)").typing();
    /// The composer's rating field.
    pub const RatingField: Mode = Mode::new("rating", "Rating field");
    /// The composer's liked, rewatch and spoiler switches.
    pub const ToggleField: Mode = Mode::new("toggles", "Liked, rewatch and spoiler");
    /// A yes/no question.
    pub const Confirm: Mode = Mode::new("confirm", "Questions");
    /// A save found the review changed or deleted meanwhile: keep mine, take theirs or
    /// see both.
    pub const Conflict: Mode = Mode::new(
        "conflict",
        "A review changed or deleted while you edited it",
    );
    /// The histogram has focus: a bar can be picked.
    pub const Histogram: Mode = Mode::new("histogram", "Histogram");
    /// The rating filter menu.
    pub const FilterMenu: Mode = Mode::new("filter_menu", "Rating filter menu");
    /// Typing a search.
    pub const Search: Mode = Mode::new("search", "Search line").typing();
    /// Typing letters to narrow a screen's films by title (the diary, the watchlist, the
    /// films seen): other keys type.
    pub const Find: Mode = Mode::new("find", "Finding a title").typing();
}
