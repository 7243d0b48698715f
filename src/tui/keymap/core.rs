//! The keys of the film page and what it opens itself (the reader, the composer, the
//! filter menu, help, questions, a save's conflict), and what they do; the screens a key
//! opens from the film page bring their own (`table.rs`), and the keys every such screen
//! shares are here too.

use ratatui::crossterm::event::KeyCode;

use super::Binding;
use super::key::Key;
use super::mode::Mode;
use super::table::Shared;
use crate::tui::action::Action;

fn bind(action: Action, keys: &[Key], modes: &[Mode]) -> Binding {
    Binding {
        action,
        keys: keys.to_vec(),
        modes: modes.to_vec(),
        follows: false,
    }
}

const fn key(code: KeyCode) -> Key {
    Key::plain(code)
}

/// The film page's bindings, in the order help lists them; `opening`, the keys that open
/// the other screens, go after the film's details.
pub fn bindings(opening: Vec<Binding>) -> Vec<Binding> {
    use Mode as M;
    let scrolling = [M::List, M::Reader, M::Help];
    let composing = [M::Composer, M::RatingField, M::ToggleField];
    let mut bindings: Vec<Binding> = shared(Shared::Scrolls)
        .into_iter()
        .map(|(action, keys)| bind(action, &keys, &scrolling))
        .collect();
    bindings.extend([
        bind(Action::Open, &[key(KeyCode::Enter)], &[M::List]),
        bind(Action::Write, &[Key::char('w')], &[M::List, M::Reader]),
        bind(Action::Edit, &[Key::char('e')], &[M::List, M::Reader]),
        bind(Action::Delete, &[Key::char('d')], &[M::List, M::Reader]),
        bind(Action::Reveal, &[Key::char('x')], &[M::List, M::Reader]),
        bind(Action::Save, &[Key::ctrl('s')], &composing),
        bind(Action::NextField, &[key(KeyCode::Tab)], &composing),
        bind(Action::PrevField, &[key(KeyCode::BackTab)], &composing),
        bind(Action::ExternalEditor, &[Key::ctrl('e')], &composing),
        // In the rating and the switches, next and prev go from field to field.
        bind(
            Action::Next,
            &[Key::char('j'), key(KeyCode::Down)],
            &[M::RatingField, M::ToggleField],
        ),
        bind(Action::NextField, &[key(KeyCode::Enter)], &[M::RatingField]),
        bind(
            Action::Prev,
            &[Key::char('k'), key(KeyCode::Up)],
            &[M::RatingField, M::ToggleField],
        ),
    ]);
    for n in 1..=5u8 {
        let digit = char::from(b'0' + n);
        bindings.push(bind(
            Action::Stars(n),
            &[Key::char(digit)],
            &[M::RatingField],
        ));
    }
    for n in 1..=5u8 {
        let digit = char::from(b'0' + n);
        bindings.push(bind(
            Action::FilterStars(n),
            &[Key::char(digit)],
            &[M::List],
        ));
    }
    bindings.extend([
        bind(
            Action::ToggleOrMore,
            &[Key::char('+')],
            &[M::List, M::FilterMenu],
        ),
        bind(Action::FilterUnrated, &[Key::char('u')], &[M::List]),
        bind(Action::ClearFilter, &[Key::char('0')], &[M::List]),
        bind(Action::Open, &[key(KeyCode::Enter)], &[M::Find]),
        bind(Action::Back, &[key(KeyCode::Esc)], &[M::Find]),
        bind(Action::Quit, &[Key::ctrl('c')], &[M::Find]),
        bind(Action::FilterMenu, &[Key::char('f')], &[M::List]),
        bind(Action::CycleSort, &[Key::char('s')], &[M::List]),
        bind(Action::Search, &[Key::char('/')], &[M::List]),
        bind(Action::FocusHistogram, &[key(KeyCode::Tab)], &[M::List]),
        bind(Action::FilmDetails, &[Key::char('i')], &[M::List]),
    ]);
    bindings.extend(opening);
    bindings.extend([
        bind(
            Action::ToggleWatchlist,
            &[Key::char('a')],
            &[M::List, M::Reader],
        ),
        bind(
            Action::ToggleWatched,
            &[Key::char('v')],
            &[M::List, M::Reader],
        ),
        bind(
            Action::ToggleLiked,
            &[Key::char('L')],
            &[M::List, M::Reader],
        ),
        bind(Action::Back, &[key(KeyCode::Esc)], &[M::List]),
        bind(
            Action::Next,
            &[Key::char('l'), key(KeyCode::Right)],
            &[M::Histogram],
        ),
        bind(
            Action::Prev,
            &[Key::char('h'), key(KeyCode::Left)],
            &[M::Histogram],
        ),
        bind(
            Action::Open,
            &[key(KeyCode::Enter)],
            &[M::Histogram, M::FilterMenu, M::Search],
        ),
        bind(
            Action::Back,
            &[key(KeyCode::Esc), key(KeyCode::Tab)],
            &[M::Histogram],
        ),
        bind(
            Action::Next,
            &[Key::char('j'), key(KeyCode::Down)],
            &[M::FilterMenu],
        ),
        bind(
            Action::Prev,
            &[Key::char('k'), key(KeyCode::Up)],
            &[M::FilterMenu],
        ),
        bind(
            Action::Back,
            &[key(KeyCode::Esc), Key::char('f')],
            &[M::FilterMenu],
        ),
        bind(Action::Back, &[key(KeyCode::Esc)], &[M::Search]),
        bind(Action::Help, &[key(KeyCode::F(1))], &[M::Search]),
        bind(Action::Quit, &[Key::ctrl('c')], &[M::Search]),
        bind(
            Action::Help,
            &[Key::char('?'), key(KeyCode::F(1))],
            &[M::Histogram, M::FilterMenu],
        ),
        bind(
            Action::Quit,
            &[Key::char('q'), Key::ctrl('c')],
            &[M::Histogram, M::FilterMenu],
        ),
        bind(
            Action::AddHalf,
            &[Key::char('l'), key(KeyCode::Right)],
            &[M::RatingField],
        ),
        bind(
            Action::RemoveHalf,
            &[Key::char('h'), key(KeyCode::Left)],
            &[M::RatingField],
        ),
        bind(
            Action::ClearRating,
            &[Key::char('0'), key(KeyCode::Backspace)],
            &[M::RatingField],
        ),
        bind(
            Action::Toggle,
            &[Key::char(' '), key(KeyCode::Enter), Key::char('x')],
            &[M::ToggleField],
        ),
        bind(Action::Yes, &[Key::char('y')], &[M::Confirm]),
        bind(
            Action::No,
            &[Key::char('n'), key(KeyCode::Esc)],
            &[M::Confirm],
        ),
        bind(Action::KeepMine, &[Key::char('n')], &[M::Conflict]),
        bind(Action::TakeTheirs, &[Key::char('t')], &[M::Conflict]),
        bind(Action::SeeBoth, &[Key::char('b')], &[M::Conflict]),
        bind(
            Action::Next,
            &[Key::char('j'), key(KeyCode::Down)],
            &[M::Conflict],
        ),
        bind(
            Action::Prev,
            &[Key::char('k'), key(KeyCode::Up)],
            &[M::Conflict],
        ),
        bind(
            Action::PageDown,
            &[key(KeyCode::PageDown), Key::char(' ')],
            &[M::Conflict],
        ),
        bind(Action::PageUp, &[key(KeyCode::PageUp)], &[M::Conflict]),
        bind(Action::Back, &[key(KeyCode::Esc)], &[M::Conflict]),
        bind(Action::Help, &[key(KeyCode::F(1))], &[M::Conflict]),
        bind(
            Action::Back,
            &[key(KeyCode::Esc)],
            &[
                M::Reader,
                M::Help,
                M::Composer,
                M::RatingField,
                M::ToggleField,
            ],
        ),
        bind(
            Action::Help,
            &[Key::char('?'), key(KeyCode::F(1))],
            &[M::List, M::Reader, M::Help, M::RatingField, M::ToggleField],
        ),
        bind(Action::Help, &[key(KeyCode::F(1))], &[M::Composer]),
        bind(
            Action::Quit,
            &[Key::char('q'), Key::ctrl('c')],
            &[M::List, M::Reader, M::Help],
        ),
        bind(
            Action::Quit,
            &[Key::ctrl('c')],
            &[
                M::Composer,
                M::RatingField,
                M::ToggleField,
                M::Confirm,
                M::Conflict,
            ],
        ),
    ]);
    bindings
}

/// The keys of what screens share (the screens opened from anywhere aside).
pub fn shared(what: Shared) -> Vec<(Action, Vec<Key>)> {
    match what {
        Shared::Scrolls => vec![
            (Action::Next, vec![Key::char('j'), key(KeyCode::Down)]),
            (Action::Prev, vec![Key::char('k'), key(KeyCode::Up)]),
            (
                Action::PageDown,
                vec![key(KeyCode::PageDown), Key::ctrl('d'), Key::char(' ')],
            ),
            (Action::PageUp, vec![key(KeyCode::PageUp), Key::ctrl('u')]),
            (Action::First, vec![Key::char('g'), key(KeyCode::Home)]),
            (Action::Last, vec![Key::char('G'), key(KeyCode::End)]),
        ],
        Shared::Opens => vec![(Action::Open, vec![key(KeyCode::Enter)])],
        Shared::Finds => vec![(Action::Search, vec![Key::char('/')])],
        Shared::Jumps => Vec::new(),
        Shared::Back => vec![(Action::Back, vec![key(KeyCode::Esc)])],
        Shared::Help => vec![(Action::Help, vec![Key::char('?'), key(KeyCode::F(1))])],
        Shared::Quit => vec![(Action::Quit, vec![Key::char('q'), Key::ctrl('c')])],
    }
}

/// What `action` does in `mode`, for help, where the screen's own table says nothing.
pub fn describe(action: Action, mode: Mode) -> String {
    use Mode as M;
    let text = match (action, mode) {
        (Action::Open, M::Find) => "show only films with that in their title",
        (Action::Back, M::Find) => "every film again",
        (Action::Search, M::List) => "search text and authors",
        (Action::Search, _) => "find a title",
        (Action::Back, M::Conflict) => "back to editing (from both versions: back to the choice)",
        (Action::Next, M::Conflict) => "scroll both versions down",
        (Action::Prev, M::Conflict) => "scroll both versions up",
        (Action::Next, M::List) => "next review",
        (Action::Prev, M::List) => "previous review",
        (Action::PageDown, M::List) => "page down",
        (Action::PageUp, M::List) => "page up",
        (Action::First, M::List) => "first review",
        (Action::Last, M::List) => "last review",
        (Action::Next, M::Histogram) => "next bar",
        (Action::Prev, M::Histogram) => "previous bar",
        (Action::Next, M::FilterMenu) => "down",
        (Action::Prev, M::FilterMenu) => "up",
        (Action::Next, M::RatingField | M::ToggleField) => "next field",
        (Action::Prev, M::RatingField | M::ToggleField) => "previous field",
        (Action::Next, _) => "scroll down",
        (Action::Prev, _) => "scroll up",
        (Action::PageDown, _) => "scroll a page down",
        (Action::PageUp, _) => "scroll a page up",
        (Action::First, _) => "scroll to the top",
        (Action::Last, _) => "scroll to the end",
        (Action::Open, M::List) => "read the review full screen",
        (Action::Open, M::Histogram) => "show only that rating",
        (Action::Open, M::FilterMenu) => "choose",
        (Action::Open, M::Search) => "search",
        (Action::Open, _) => "open",
        (Action::Back, M::Help) => "close help",
        (Action::Back, M::List) => "clear the search",
        (Action::Back, M::Search) => "clear the search",
        (Action::Back, M::Histogram | M::FilterMenu) => "back to the list",
        (Action::Back, M::Composer | M::RatingField | M::ToggleField) => {
            "cancel (asks before throwing text away)"
        }
        (Action::Back, M::Reader) => "back to the list",
        (Action::Back, _) => "back to the film",
        (Action::Help, M::Help) => "close help",
        (Action::Help, _) => "show all keys",
        (Action::Quit, M::Composer | M::RatingField | M::ToggleField | M::Conflict) => {
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
        (Action::FocusHistogram, _) => "pick a bar of the histogram",
        (Action::FilmDetails, _) => "the film's details in full: synopsis, cast, genres",
        (Action::CycleYear, _) => "one year: the newest, then older ones, then all",
        (Action::ToggleWatched, _) => "mark the film watched ✓, or take the mark off",
        (Action::ToggleLiked, _) => "like the film ♥, or take the like back",
        (Action::ToggleWatchlist, _) => "put the film on your watchlist, or take it off",
        (Action::KeepMine, _) => "save yours as a new review",
        (Action::TakeTheirs, _) => "keep the review as it is now; drop your changes",
        (Action::SeeBoth, _) => "see both versions",
        // A screen's own: its table says what they do.
        (Action::Show(_) | Action::Own(_), _) => return action.name(),
    };
    text.to_string()
}
