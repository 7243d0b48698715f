//! Every screen at every width from 20 to 250 columns: a title, a name or a count is
//! shown whole, or cut with `…`, never cut short without saying so.

mod common;

use common::{config, draw, press, sample_store, terminal};
use marquee::model::{NewEntry, Rating};
use marquee::tui::app::App;

/// Names long enough to be cut at every width below their own.
const TITLE: &str = "Everything Everywhere All at Once Extended Edition";
const LIST: &str = "Thus Far in Life I Have Seen Despite It All, Ranked";
const AUTHOR: &str = "Bartholomew Fitzgerald-Montgomery";
const TAG: &str = "seen-at-the-old-palace-cinema";
const DIRECTOR: &str = "Daniel Kwan-Scheinert and Many Friends";

fn app() -> App {
    let mut store = sample_store();
    let film = marquee::model::NewFilm {
        slug: "everything".into(),
        title: TITLE.into(),
        year: Some(2022),
        directors: vec![DIRECTOR.into()],
        ..Default::default()
    };
    store.add_film_with_entries(&film, &[]).unwrap();
    let id = store.find_film("everything").unwrap().id;
    let log = NewEntry {
        author: "tester".into(),
        rating: Rating::from_half_stars(9),
        body: "Bagels.".into(),
        watched: Some("2025-11-03".into()),
        liked: true,
        rewatch: true,
        is_mine: true,
        ..NewEntry::default()
    };
    store.add_entry(id, &log).unwrap();
    let theirs = NewEntry {
        author: AUTHOR.into(),
        rating: Rating::from_half_stars(7),
        body: "A long day of bagels and googly eyes.".into(),
        tags: vec![TAG.into()],
        ..NewEntry::default()
    };
    store.add_entry(id, &theirs).unwrap();
    store.set_watchlist(id, true).unwrap();
    let list = store.create_list(LIST).unwrap();
    store.add_to_list(list, id).unwrap();
    let film = store.find_film("everything").unwrap();
    App::new(store, film, &config()).unwrap()
}

/// Where `screen` shows the start of `name` (twelve characters or more) but not all of it,
/// the line must go on with `…` right there, or the name on the next line (wrapped, or
/// scrolled below the box's border).
fn cut_silently(screen: &str, name: &str) -> Option<String> {
    let lines: Vec<&str> = screen.lines().collect();
    let chars: Vec<char> = name.chars().collect();
    for (i, line) in lines.iter().enumerate() {
        for len in (12..chars.len()).rev() {
            let prefix: String = chars[..len].iter().collect();
            let Some(at) = line.find(&prefix) else {
                continue;
            };
            let rest = &line[at + prefix.len()..];
            let remainder: String = chars[len..].iter().collect();
            let next: String = remainder.trim_start().chars().take(6).collect();
            // Wrapped: the rest on the next line, or below the box's bottom border where
            // the text scrolls on.
            let wrapped = lines
                .get(i + 1)
                .is_some_and(|l| l.contains(&next) || l.trim_start_matches('"').starts_with('└'));
            // Covered: a popup's border right after it (a box's own text keeps a space of
            // padding before its border).
            let covered = rest.starts_with(['┌', '│', '└']);
            if line.contains(name) || rest.starts_with('…') || wrapped || covered {
                break;
            }
            return Some(line.to_string());
        }
    }
    None
}

/// Every screen and overlay a key or two away, as the keys that open them from the film
/// page (the member's own log is selected first).
const SCREENS: [&[&str]; 16] = [
    &[],
    &["Enter"],
    &["j", "Enter"],
    &["i"],
    &["D"],
    &["W"],
    &["S"],
    &["Y"],
    &["l"],
    &["l", "Enter"],
    &["F"],
    &["w"],
    &["?"],
    &["f"],
    &["d"],
    &["Tab"],
];

#[test]
fn no_title_or_name_is_cut_without_saying_so() {
    for width in (20..=250).step_by(13).chain([24, 30, 80, 100, 200]) {
        for height in [10, 24] {
            for keys in SCREENS {
                let mut app = app();
                let mut t = terminal(width, height);
                draw(&mut t, &mut app);
                let screen = press(&mut t, &mut app, keys);
                for name in [TITLE, LIST, AUTHOR, TAG, DIRECTOR] {
                    if let Some(line) = cut_silently(&screen, name) {
                        panic!(
                            "{width}x{height} {keys:?}: {name:?} cut without …:\n{line}\n{screen}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn a_title_of_65_thousand_characters_fits_every_box_without_overflow() {
    let mut store = sample_store();
    let title = "Long ".repeat(13_099);
    let film = marquee::model::NewFilm {
        slug: "long".into(),
        title: title.clone(),
        year: Some(2020),
        ..Default::default()
    };
    store.add_film_with_entries(&film, &[]).unwrap();
    let id = store.find_film("long").unwrap().id;
    let mine = NewEntry {
        author: "tester".into(),
        rating: Rating::from_half_stars(6),
        body: "Long indeed.".into(),
        is_mine: true,
        ..NewEntry::default()
    };
    store.add_entry(id, &mine).unwrap();
    let film = store.find_film("long").unwrap();
    let mut app = App::new(store, film, &config()).unwrap();
    for (width, height) in [(80, 24), (30, 10), (250, 60)] {
        let mut t = terminal(width, height);
        draw(&mut t, &mut app);
        // The question names the film; help and the reader are boxes of their own.
        let asked = press(&mut t, &mut app, &["d"]);
        assert!(asked.contains("Delete your review of Long"), "{asked}");
        press(&mut t, &mut app, &["n", "?"]);
        press(&mut t, &mut app, &["Esc", "Enter"]);
        press(&mut t, &mut app, &["Esc"]);
    }
}
