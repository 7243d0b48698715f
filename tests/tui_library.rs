//! The film library: typing narrows, Tab sorts, Enter opens, and the next start opens the
//! film viewed last.

mod common;

use common::{app_with, draw, press, terminal, type_text};
use marquee::model::{NewEntry, NewFilm, Rating};
use marquee::store::Store;
use marquee::tui::app::{App, Effect};

/// Ticks the app until the library has found the films with the letters typed (its own
/// thread finds them), and draws it.
fn found(t: &mut ratatui::Terminal<ratatui::backend::TestBackend>, app: &mut App) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let screen = draw(t, app);
        if !screen.contains("finding…") {
            return screen;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "never found: {screen}"
        );
        std::thread::sleep(app.next_tick());
        app.tick(std::time::Instant::now());
    }
}

fn library_store(path: &std::path::Path) -> Store {
    let (mut store, _) = Store::open(path).unwrap();
    marquee::sample::seed(&mut store).unwrap();
    for (slug, title, year, day) in [
        ("heat", "Heat", 1995, "2024-05-01"),
        ("alien", "Alien", 1979, "2023-01-01"),
        ("amelie", "Amélie", 2001, "2025-03-01"),
    ] {
        let film = NewFilm {
            slug: slug.into(),
            title: title.into(),
            year: Some(year),
            directors: vec!["Someone".into()],
            ..NewFilm::default()
        };
        let entry = NewEntry {
            author: "ada".into(),
            rating: Rating::from_half_stars(8),
            body: format!("About {title}."),
            created: Some(day.into()),
            ..NewEntry::default()
        };
        store.add_film_with_entries(&film, &[entry]).unwrap();
    }
    store
}

#[test]
fn the_library_lists_filters_sorts_and_opens_films() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let mut t = terminal(80, 24);
    let mut app = app_with(library_store(&path));
    draw(&mut t, &mut app);
    let library = press(&mut t, &mut app, &["F"]);
    assert!(library.contains("Films · 4 of 4 · by title"), "{library}");
    for title in ["Alien (1979)", "Amélie (2001)", "Heat (1995)", "The Work"] {
        assert!(library.contains(title), "{title}: {library}");
    }
    assert!(library.contains("★ 4.70"), "{library}");
    type_text(&mut t, &mut app, "ame");
    let typed = found(&mut t, &mut app);
    assert!(typed.contains("Films · 1 of 4"), "{typed}");
    assert!(
        typed.contains("Amélie (2001)") && !typed.contains("Heat"),
        "{typed}"
    );
    let cleared = press(&mut t, &mut app, &["Esc"]);
    assert!(cleared.contains("Films · 4 of 4"), "{cleared}");
    let by_activity = press(&mut t, &mut app, &["Tab"]);
    assert!(by_activity.contains("by latest activity"), "{by_activity}");
    let order: Vec<usize> = ["Amélie", "Heat", "Alien"]
        .iter()
        .map(|t| by_activity.find(t).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{by_activity}");
    // Amélie stayed highlighted through the filter; two down is Alien.
    let opened = press(&mut t, &mut app, &["Down", "Down", "Enter"]);
    assert!(opened.contains("Alien 1979"), "{opened}");
    assert!(opened.contains("About Alien."), "{opened}");
    drop(app);

    // The next start opens the film viewed last.
    let store = Store::open(&path).unwrap().0;
    assert_eq!(store.default_film().unwrap().unwrap().slug, "alien");
}

#[test]
fn esc_closes_the_library_and_an_empty_search_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = terminal(80, 24);
    let mut app = app_with(library_store(&dir.path().join("m.db")));
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["F"]);
    type_text(&mut t, &mut app, "zzz");
    let none = found(&mut t, &mut app);
    assert!(none.contains("No film's title has that in it."), "{none}");
    let back = press(&mut t, &mut app, &["Esc", "Esc"]);
    assert!(back.contains("Reviews · 5"), "{back}");
}

#[test]
fn the_library_draws_at_every_small_size() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(library_store(&dir.path().join("m.db")));
    for width in 1..=30 {
        for height in 1..=12 {
            let mut t = terminal(width, height);
            press(&mut t, &mut app, &["F", "Tab", "Down"]);
            type_text(&mut t, &mut app, "é");
            found(&mut t, &mut app);
            press(&mut t, &mut app, &["Esc", "Esc"]);
        }
    }
}

#[test]
fn a_library_of_many_films_is_read_a_window_at_a_time() {
    let mut store = Store::open_in_memory().unwrap();
    marquee::sample::seed(&mut store).unwrap();
    for i in 1..=600 {
        let film = NewFilm {
            slug: format!("film-{i}"),
            title: format!("Film {i}"),
            year: Some(1900 + i % 120),
            ..NewFilm::default()
        };
        store.add_film_with_entries(&film, &[]).unwrap();
    }
    let mut app = app_with(store);
    let mut t = terminal(80, 24);
    draw(&mut t, &mut app);
    // Opened at the first film by title; numbers by their value.
    let opened = press(&mut t, &mut app, &["F"]);
    assert!(opened.contains("Films · 601 of 601 · by title"), "{opened}");
    assert!(opened.contains("▌Film 1 (1901)"), "{opened}");
    let rows: Vec<&str> = opened.lines().filter(|l| l.contains("Film ")).collect();
    assert!(rows[1].contains("Film 2 (1902)"), "{opened}");
    // Down page after page to the last, every highlighted row there.
    let mut screen = opened;
    for _ in 0..40 {
        screen = press(&mut t, &mut app, &["PageDown"]);
        assert!(!screen.contains("▌ "), "a blank highlighted row: {screen}");
    }
    assert!(screen.contains("▌The Work"), "{screen}");
    assert!(screen.contains("Film 600 (1900)"), "{screen}");
    let found = type_text(&mut t, &mut app, "film 59");
    assert!(found.contains("Films · 11 of 601"), "{found}");
    assert!(
        found.contains("Film 590") && !found.contains("Film 58"),
        "{found}"
    );
}

#[test]
fn narrow_rows_give_up_the_average_before_the_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(library_store(&dir.path().join("m.db")));
    for (width, average_shown) in [(80, true), (36, true), (30, false), (24, false)] {
        let mut t = terminal(width, 12);
        draw(&mut t, &mut app);
        let library = press(&mut t, &mut app, &["F"]);
        let heat = library
            .lines()
            .find(|l| l.contains("Heat"))
            .unwrap_or_else(|| panic!("{width}: {library}"));
        // Each row ends with its whole count, never cut.
        let row = heat.trim_matches(|c| c == '"' || c == '│' || c == ' ');
        assert!(row.ends_with("1 entry"), "{width}: {heat:?}");
        assert_eq!(heat.contains("★ 4.00"), average_shown, "{width}: {heat:?}");
        press(&mut t, &mut app, &["Esc"]);
    }
}

#[test]
fn a_library_opened_again_finds_titles_written_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let mut t = terminal(80, 24);
    let mut app = app_with(library_store(&path));
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["F"]);
    type_text(&mut t, &mut app, "heat");
    assert!(found(&mut t, &mut app).contains("Heat (1995)"));
    press(&mut t, &mut app, &["Esc", "Esc"]);
    // Another program retitles a film while the library is closed; its finder's thread,
    // kept from the first opening, must read the titles again.
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute(
            "UPDATE film SET title = 'Collateral' WHERE slug = 'heat'",
            [],
        )
        .unwrap();
    drop(other);
    press(&mut t, &mut app, &["F"]);
    type_text(&mut t, &mut app, "coll");
    let screen = found(&mut t, &mut app);
    assert!(screen.contains("Collateral (1995)"), "{screen}");
    assert!(screen.contains("Films · 1 of 4"), "{screen}");
}

#[test]
fn on_a_terminal_too_small_q_quits_even_from_the_library_s_find_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(library_store(&dir.path().join("m.db")));
    let mut t = terminal(80, 24);
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["F"]);
    let mut tiny = terminal(12, 4);
    let screen = draw(&mut tiny, &mut app);
    assert!(screen.contains("small"), "{screen}");
    // Other keys do nothing there: nothing is typed into the hidden find line.
    assert_eq!(app.key("x".parse().unwrap()), Effect::None);
    assert_eq!(app.key("q".parse().unwrap()), Effect::Quit);
    let back = draw(&mut t, &mut app);
    assert!(back.contains("type to find a title"), "{back}");
}

#[test]
fn enter_typed_with_the_letters_opens_the_film_they_find() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let mut t = terminal(80, 24);
    let mut app = app_with(library_store(&path));
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["F"]);
    // As a paste sends them: the letters and Enter at once, before the finder answers.
    type_text(&mut t, &mut app, "amel\n");
    let opened = found(&mut t, &mut app);
    assert!(opened.contains("About Amélie."), "{opened}");
    assert!(
        !opened.contains("Films ·"),
        "the film page is open: {opened}"
    );
}
