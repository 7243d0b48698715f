//! The films you have seen: every film marked watched or logged, sortable.

mod common;

use common::{config, draw, press, sample_store, terminal};
use marquee::model::{Mark, NewEntry, NewFilm, Rating};
use marquee::tui::app::App;

fn app_with_seen() -> App {
    let mut store = sample_store();
    let films = [
        ("heat", "Heat", 1995, Some("2025-11-03"), Some(9)),
        ("heat", "Heat", 1995, Some("2024-01-10"), Some(9)),
        ("alien", "Alien", 1979, Some("2025-02-01"), None),
        ("ran", "Ran", 1985, None, None),
    ];
    for (slug, title, year, watched, rating) in films {
        if store.find_film(slug).is_err() {
            let film = NewFilm {
                slug: slug.into(),
                title: title.into(),
                year: Some(year),
                ..NewFilm::default()
            };
            store.add_film_with_entries(&film, &[]).unwrap();
        }
        let id = store.find_film(slug).unwrap().id;
        match watched {
            Some(day) => {
                let log = NewEntry {
                    author: "tester".into(),
                    rating: rating.and_then(Rating::from_half_stars),
                    watched: Some(day.into()),
                    is_mine: true,
                    ..NewEntry::default()
                };
                store.add_entry(id, &log).unwrap();
            }
            // Marked watched without a log, as an export's watched.csv does.
            None => assert!(store.set_mark_on(id, Mark::Watched, true).unwrap()),
        }
    }
    let film = store.find_film("the-work").unwrap();
    App::new(store, film, &config()).unwrap()
}

#[test]
fn seen_films_show_rating_and_logs_and_sort() {
    let mut t = terminal(80, 24);
    let mut app = app_with_seen();
    draw(&mut t, &app);
    let seen = press(&mut t, &mut app, &["S"]);
    assert!(
        seen.contains("Films you have seen · 3 · last watched first"),
        "{seen}"
    );
    let heat = seen.lines().find(|l| l.contains("Heat (1995)")).unwrap();
    assert!(
        heat.contains("★★★★½") && heat.contains("2 logs") && heat.contains("2025-11-03"),
        "{heat}"
    );
    // Ran was marked watched today: the last watched.
    let order = |screen: &str| {
        let mut found: Vec<(usize, &str)> = ["Heat", "Alien", "Ran"]
            .into_iter()
            .filter_map(|t| screen.find(t).map(|at| (at, t)))
            .collect();
        found.sort();
        found.into_iter().map(|(_, t)| t).collect::<Vec<_>>()
    };
    assert_eq!(order(&seen), ["Ran", "Heat", "Alien"]);
    let by_title = press(&mut t, &mut app, &["s"]);
    assert_eq!(order(&by_title), ["Alien", "Heat", "Ran"]);
    let by_year = press(&mut t, &mut app, &["s"]);
    assert_eq!(order(&by_year), ["Alien", "Ran", "Heat"]);
    let by_rating = press(&mut t, &mut app, &["s"]);
    assert_eq!(order(&by_rating)[0], "Heat");
    let opened = press(&mut t, &mut app, &["g", "Enter"]);
    assert!(opened.contains("Heat 1995"), "{opened}");
}

#[test]
fn slash_narrows_the_films_seen() {
    let mut t = terminal(80, 24);
    let mut app = app_with_seen();
    draw(&mut t, &app);
    press(&mut t, &mut app, &["S", "/"]);
    let found = common::type_text(&mut t, &mut app, "ali\n");
    assert!(found.contains("Films you have seen · 1 of 3"), "{found}");
    assert!(
        found.contains("Alien") && !found.contains("Heat"),
        "{found}"
    );
}
