//! The year in review: a year's logs by month, the numbers, ratings, directors, decades.

mod common;

use std::time::{Duration, Instant};

use common::{config, draw, press, sample_store, terminal};
use marquee::model::{NewEntry, NewFilm, Rating};
use marquee::store::Store;
use marquee::tui::app::App;

fn app_with_logs() -> App {
    app_logging(sample_store())
}

/// The app on `store`, with four logs: three in 2025 (two of Michael Mann's), one in 2024.
fn app_logging(mut store: Store) -> App {
    let logs = [
        ("heat", "Heat", 1995, "Michael Mann", "2025-03-03", 9),
        ("thief", "Thief", 1981, "Michael Mann", "2025-03-20", 10),
        ("alien", "Alien", 1979, "Ridley Scott", "2025-11-20", 10),
        ("ran", "Ran", 1985, "Akira Kurosawa", "2024-10-02", 8),
    ];
    for (slug, title, year, director, watched, rating) in logs {
        let film = NewFilm {
            slug: slug.into(),
            title: title.into(),
            year: Some(year),
            directors: vec![director.into()],
            ..NewFilm::default()
        };
        store.add_film_with_entries(&film, &[]).unwrap();
        let id = store.find_film(slug).unwrap().id;
        let log = NewEntry {
            author: "tester".into(),
            rating: Rating::from_half_stars(rating),
            watched: Some(watched.into()),
            is_mine: true,
            ..NewEntry::default()
        };
        store.add_entry(id, &log).unwrap();
    }
    let film = store.find_film("the-work").unwrap();
    App::new(store, film, &config()).unwrap()
}

#[test]
fn a_film_logged_twice_at_the_highest_rating_is_named_once() {
    let mut store = sample_store();
    let film = store.find_film("the-work").unwrap().id;
    for watched in ["2025-05-01", "2025-06-01"] {
        let log = NewEntry {
            author: "tester".into(),
            rating: Rating::from_half_stars(10),
            watched: Some(watched.into()),
            is_mine: true,
            ..NewEntry::default()
        };
        store.add_entry(film, &log).unwrap();
    }
    let stats = store.log_stats(Some(2025)).unwrap();
    assert_eq!(stats.highest.len(), 1, "{:?}", stats.highest);
    assert_eq!(stats.highest[0].0, "The Work");
}

#[test]
fn the_newest_year_is_reviewed_and_y_goes_back_in_time() {
    let mut t = terminal(80, 30);
    let mut app = app_with_logs();
    draw(&mut t, &mut app);
    let year = press(&mut t, &mut app, &["Y"]);
    assert!(year.contains("2025 in review"), "{year}");
    assert!(
        year.contains("3 films · 3 logs · 0 reviews · 0 rewatches"),
        "{year}"
    );
    assert!(year.contains("First: Heat (1995), 2025-03-03"), "{year}");
    assert!(year.contains("Last: Alien (1979), 2025-11-20"), "{year}");
    assert!(
        year.contains("Highest rated ★★★★★: Thief (1981), Alien (1979)"),
        "{year}"
    );
    assert!(year.contains("Logs by month"), "{year}");
    assert!(year.contains("Mar") && year.contains("Nov"), "{year}");
    assert!(year.contains("Michael Mann  2"), "{year}");
    assert!(year.contains("1980s  1"), "{year}");
    let older = press(&mut t, &mut app, &["y"]);
    assert!(older.contains("2024 in review"), "{older}");
    assert!(older.contains("1 film · 1 log"), "{older}");
    let all = press(&mut t, &mut app, &["y"]);
    assert!(all.contains("All time"), "{all}");
    assert!(all.contains("Logs by year"), "{all}");
    let back = press(&mut t, &mut app, &["Esc"]);
    assert!(back.contains("Reviews · 5"), "{back}");
}

#[test]
fn the_year_in_review_reads_without_colour_and_at_small_sizes() {
    let mut app = app_with_logs();
    let mut t = terminal(80, 24);
    draw(&mut t, &mut app);
    let screen = press(&mut t, &mut app, &["Y"]);
    // The bars are drawn with block characters, which need no colour.
    assert!(screen.contains('█'), "{screen}");
    for (w, h) in [(24, 8), (40, 12), (200, 60)] {
        let mut t = terminal(w, h);
        draw(&mut t, &mut app);
    }
}

#[test]
fn a_file_s_year_opens_with_its_counts_and_the_tally_follows() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(&dir.path().join("m.db")).unwrap();
    marquee::sample::seed(&mut store).unwrap();
    let mut app = app_logging(store);
    let mut t = terminal(80, 30);
    draw(&mut t, &mut app);
    let first = press(&mut t, &mut app, &["Y"]);
    // The kept counts are there at once; the rest comes from the tallying thread.
    assert!(first.contains("2025 in review"), "{first}");
    assert!(first.contains("3 logs · tallying the rest…"), "{first}");
    // Awaited until the year's tally is on screen: a tick may bring something else first.
    let deadline = Instant::now() + Duration::from_secs(10);
    let tallied = loop {
        app.tick(Instant::now());
        let screen = draw(&mut t, &mut app);
        if !screen.contains("tallying") {
            break screen;
        }
        assert!(Instant::now() < deadline, "no tally came");
        std::thread::sleep(app.next_tick());
    };
    assert!(
        tallied.contains("3 films · 3 logs · 0 reviews · 0 rewatches"),
        "{tallied}"
    );
    assert!(tallied.contains("Michael Mann  2"), "{tallied}");
    assert!(!tallied.contains("tallying"), "{tallied}");
    // The thread went on to the other years: the year before needs no wait.
    let deadline = Instant::now() + Duration::from_secs(10);
    let older = loop {
        app.tick(Instant::now());
        let older = press(&mut t, &mut app, &["y"]);
        if !older.contains("tallying") {
            break older;
        }
        assert!(Instant::now() < deadline, "2024 was never tallied: {older}");
        // Round to all time and the newest year, and try again.
        press(&mut t, &mut app, &["y", "y"]);
        std::thread::sleep(app.next_tick());
    };
    assert!(older.contains("2024 in review"), "{older}");
    assert!(older.contains("1 film · 1 log"), "{older}");
}

#[test]
fn the_chart_of_logs_stays_a_chart_on_a_tall_terminal() {
    for (width, height, most) in [(80u16, 24u16, 6), (200, 60, 16)] {
        let mut t = terminal(width, height);
        let mut app = app_with_logs();
        draw(&mut t, &mut app);
        press(&mut t, &mut app, &["Y"]);
        let deadline = Instant::now() + Duration::from_secs(10);
        let screen = loop {
            app.tick(Instant::now());
            let screen = draw(&mut t, &mut app);
            if !screen.contains("tallying") || Instant::now() > deadline {
                break screen;
            }
            std::thread::sleep(app.next_tick());
        };
        let lines: Vec<&str> = screen.lines().collect();
        let title = lines
            .iter()
            .position(|l| l.contains("Logs by month"))
            .unwrap();
        let months = lines
            .iter()
            .position(|l| l.contains("Jan") && l.contains("Dec"))
            .unwrap();
        let bars = months - title - 1;
        assert!(
            (4..=most).contains(&bars),
            "{width}x{height}: {bars} rows of bars\n{screen}"
        );
    }
}

#[test]
fn hours_watched_and_genres_come_from_the_films_runtimes_and_genres() {
    let mut store = sample_store();
    // Two logs of a film of 170 minutes, one of a film of 123, one of a film of none.
    let logs = [
        ("heat", "Heat", 1995, Some(170), "Crime,Drama", "2025-03-03"),
        ("heat", "Heat", 1995, Some(170), "Crime,Drama", "2025-04-03"),
        ("thief", "Thief", 1981, Some(123), "Crime", "2025-03-20"),
        ("ran", "Ran", 1985, None, "", "2025-10-02"),
    ];
    for (slug, title, year, runtime, genres, watched) in logs {
        let film = NewFilm {
            slug: slug.into(),
            title: title.into(),
            year: Some(year),
            ..NewFilm::default()
        };
        store.add_film_with_entries(&film, &[]).unwrap();
        let id = store.find_film(slug).unwrap().id;
        let details = marquee::model::FilmDetails {
            runtime,
            genres: genres
                .split(',')
                .filter(|g| !g.is_empty())
                .map(String::from)
                .collect(),
            ..Default::default()
        };
        let mut merge = store.begin_merge().unwrap();
        merge.set_film_details(id, &film, &details, false).unwrap();
        merge.commit().unwrap();
        let log = NewEntry {
            author: "tester".into(),
            watched: Some(watched.into()),
            is_mine: true,
            ..NewEntry::default()
        };
        store.add_entry(id, &log).unwrap();
    }
    let stats = store.log_stats(Some(2025)).unwrap();
    assert_eq!((stats.minutes, stats.timed, stats.logs), (463, 3, 4));
    assert_eq!(stats.genres[0], ("Crime".to_string(), 3));
    let film = store.find_film("the-work").unwrap();
    let mut app = App::new(store, film, &config()).unwrap();
    let mut t = terminal(100, 40);
    draw(&mut t, &mut app);
    let year = press(&mut t, &mut app, &["Y"]);
    // 463 minutes are 7.7 hours, over the three logs whose runtime is known.
    assert!(
        year.contains("Hours watched: 8 (the 3 logs whose runtime is known)"),
        "{year}"
    );
    assert!(year.contains("Genres logged most"), "{year}");
    assert!(year.contains("Crime  3"), "{year}");
}
