//! The films you have seen: every film marked watched or logged, sortable.

mod common;

use common::{add_film, config, draw, press, sample_store, terminal};
use marquee::model::{Mark, NewEntry, Rating};
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
        let id = match store.find_film(slug) {
            Ok(film) => film.id,
            Err(_) => add_film(&mut store, slug, title, year),
        };
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
    draw(&mut t, &mut app);
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
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["S", "/"]);
    let found = common::type_text(&mut t, &mut app, "ali\n");
    assert!(found.contains("Films you have seen · 1 of 3"), "{found}");
    assert!(
        found.contains("Alien") && !found.contains("Heat"),
        "{found}"
    );
}

#[test]
fn three_hundred_films_seen_are_read_a_window_at_a_time() {
    let mut store = sample_store();
    for i in 1..=300 {
        let id = add_film(
            &mut store,
            &format!("film-{i}"),
            &format!("Film {i}"),
            1900 + i,
        );
        let log = NewEntry {
            author: "tester".into(),
            // Film 1 watched first, Film 300 last.
            watched: Some(format!("{}-01-01", 1700 + i)),
            is_mine: true,
            ..NewEntry::default()
        };
        store.add_entry(id, &log).unwrap();
    }
    let film = store.find_film("the-work").unwrap();
    let mut app = App::new(store, film, &config()).unwrap();
    let mut t = terminal(80, 24);
    draw(&mut t, &mut app);
    let seen = press(&mut t, &mut app, &["S"]);
    assert!(
        seen.contains("Films you have seen · 300 · last watched first"),
        "{seen}"
    );
    assert!(seen.contains("▌Film 300 (2200)"), "{seen}");
    // By title, numbers by their value: Film 2 after Film 1, Film 300 last.
    let by_title = press(&mut t, &mut app, &["s"]);
    assert!(by_title.contains("by title"), "{by_title}");
    // A new order shows its first film.
    assert!(by_title.contains("▌Film 1 (1901)"), "{by_title}");
    assert!(by_title.contains("1/300"), "{by_title}");
    let last = press(&mut t, &mut app, &["G"]);
    assert!(last.contains("▌Film 300 (2200)"), "{last}");
    assert!(last.contains("300/300"), "{last}");
    let top = press(&mut t, &mut app, &["g"]);
    assert!(top.contains("▌Film 1 (1901)"), "{top}");
    let first_rows: Vec<&str> = top
        .lines()
        .filter_map(|l| l.split("Film ").nth(1))
        .map(|rest| rest.split(' ').next().unwrap())
        .take(3)
        .collect();
    assert_eq!(first_rows, ["1", "2", "3"], "{top}");
    // Page after page down to the last film, every row there when shown.
    let mut screen = top;
    for _ in 0..20 {
        screen = press(&mut t, &mut app, &["PageDown"]);
        assert!(
            !screen.contains("▌ "),
            "a highlighted row is blank: {screen}"
        );
    }
    assert!(screen.contains("▌Film 300 (2200)"), "{screen}");
    let up = press(&mut t, &mut app, &["PageUp", "PageUp"]);
    assert!(up.contains("Film 2"), "{up}");
    press(&mut t, &mut app, &["/"]);
    let found = common::type_text(&mut t, &mut app, "film 15\n");
    assert!(found.contains("Films you have seen · 11 of 300"), "{found}");
    let last = press(&mut t, &mut app, &["G"]);
    assert!(last.contains("▌Film 159 (2059)"), "{last}");
    // A terminal taller than the rows held: the rows it shows are read as it ticks.
    press(&mut t, &mut app, &["Esc", "Esc"]);
    let mut tall = terminal(80, 150);
    let opened = press(&mut tall, &mut app, &["S"]);
    assert!(opened.contains("▌Film 300 (2200)"), "{opened}");
    assert!(app.tick(std::time::Instant::now()), "nothing was read");
    let filled = draw(&mut tall, &mut app);
    assert!(filled.contains("Film 160 (2060)"), "{filled}");
}
