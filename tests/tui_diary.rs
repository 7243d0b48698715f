//! The diary screen: the member's logs by day watched, under month headings.

mod common;

use common::{config, draw, press, sample_store, terminal};
use marquee::model::{NewEntry, NewFilm, Rating};
use marquee::tui::app::App;

/// The sample film, and logs of three films of ours over two years.
fn app_with_logs() -> App {
    let mut store = sample_store();
    let logs = [
        ("heat", "Heat", 1995, "2025-11-03", 9, "The diner scene."),
        ("alien", "Alien", 1979, "2025-11-20", 10, ""),
        ("ran", "Ran", 1985, "2025-10-02", 8, ""),
        ("heat", "Heat", 1995, "2024-12-24", 7, "Christmas again."),
    ];
    for (slug, title, year, watched, rating, body) in logs {
        let film = NewFilm {
            slug: slug.into(),
            title: title.into(),
            year: Some(year),
            ..NewFilm::default()
        };
        let id = match store.find_film(slug) {
            Ok(film) => film.id,
            Err(_) => {
                store.add_film_with_entries(&film, &[]).unwrap();
                store.find_film(slug).unwrap().id
            }
        };
        let log = NewEntry {
            author: "tester".into(),
            rating: Rating::from_half_stars(rating),
            body: body.into(),
            watched: Some(watched.into()),
            created: Some(format!("{watched}T21:00:00Z")),
            rewatch: slug == "heat" && watched.starts_with("2025"),
            is_mine: true,
            ..NewEntry::default()
        };
        store.add_entry(id, &log).unwrap();
    }
    let film = store.find_film("the-work").unwrap();
    App::new(store, film, &config()).unwrap()
}

fn status(screen: &str) -> &str {
    screen.lines().last().unwrap()
}

#[test]
fn the_diary_lists_logs_under_their_months_newest_first() {
    let mut t = terminal(80, 24);
    let mut app = app_with_logs();
    draw(&mut t, &mut app);
    let diary = press(&mut t, &mut app, &["D"]);
    let november = diary.find("November 2025").unwrap();
    let alien = diary.find("Alien (1979)").unwrap();
    let heat = diary.find("Heat (1995)").unwrap();
    let october = diary.find("October 2025").unwrap();
    let december = diary.find("December 2024").unwrap();
    assert!(november < alien && alien < heat && heat < october && october < december);
    assert!(
        diary.contains("Diary · all years · all ratings · 4 logs"),
        "{diary}"
    );
    let alien_row = diary.lines().find(|l| l.contains("Alien")).unwrap();
    assert!(alien_row.contains("20  Alien (1979)"), "{alien_row}");
    assert!(alien_row.contains("★★★★★"), "{alien_row}");
    assert!(
        status(&diary).starts_with("\" 1/4 │") || status(&diary).starts_with("\" 1/4 "),
        "{diary}"
    );
}

#[test]
fn years_and_ratings_narrow_the_diary() {
    let mut t = terminal(80, 24);
    let mut app = app_with_logs();
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["D"]);
    let newest = press(&mut t, &mut app, &["y"]);
    assert!(
        newest.contains("Diary · 2025 · all ratings · 3 logs"),
        "{newest}"
    );
    assert!(!newest.contains("December 2024"), "{newest}");
    let older = press(&mut t, &mut app, &["y"]);
    assert!(
        older.contains("Diary · 2024 · all ratings · 1 log "),
        "{older}"
    );
    let all = press(&mut t, &mut app, &["y"]);
    assert!(all.contains("all years"), "{all}");
    let fives = press(&mut t, &mut app, &["5"]);
    assert!(fives.contains("· ★★★★★ · 1 log "), "{fives}");
    assert!(
        fives.contains("Alien") && !fives.contains("Heat"),
        "{fives}"
    );
    let none = press(&mut t, &mut app, &["1"]);
    assert!(none.contains("No logs match"), "{none}");
    assert!(status(&none).contains(" no logs "), "{none}");
    assert!(
        !status(&none).contains("next"),
        "nothing to move to: {none}"
    );
}

#[test]
fn enter_opens_the_film_at_that_log_and_esc_goes_back() {
    let mut t = terminal(80, 24);
    let mut app = app_with_logs();
    let page = draw(&mut t, &mut app);
    press(&mut t, &mut app, &["D"]);
    let back = press(&mut t, &mut app, &["Esc"]);
    assert_eq!(back, page);
    press(&mut t, &mut app, &["D", "G"]);
    let film = press(&mut t, &mut app, &["Enter"]);
    assert!(film.contains("Heat 1995"), "{film}");
    let selected: Vec<&str> = film.lines().filter(|l| l.contains("▌")).collect();
    assert!(
        selected.iter().any(|l| l.contains("Christmas again.")),
        "{film}"
    );
}

#[test]
fn the_diary_draws_at_every_small_size() {
    let mut app = app_with_logs();
    let mut t = terminal(80, 24);
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["D"]);
    for (w, h) in [(24, 8), (30, 10), (40, 12), (200, 60)] {
        let mut t = terminal(w, h);
        let screen = draw(&mut t, &mut app);
        assert!(screen.contains("Alien") || w < 30, "{w}x{h}\n{screen}");
    }
}

#[test]
fn brackets_jump_between_months() {
    let mut t = terminal(80, 24);
    let mut app = app_with_logs();
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["D"]);
    let selected = |screen: &str| {
        screen
            .lines()
            .find(|l| l.contains("▌"))
            .unwrap()
            .to_string()
    };
    // November 2025 (Alien, Heat), October 2025 (Ran), December 2024 (Heat).
    let october = press(&mut t, &mut app, &["]"]);
    assert!(selected(&october).contains("Ran"), "{october}");
    let december = press(&mut t, &mut app, &["]"]);
    assert!(
        selected(&december).contains("02  Heat") || selected(&december).contains("24  Heat"),
        "{december}"
    );
    let back = press(&mut t, &mut app, &["[", "["]);
    assert!(selected(&back).contains("Alien"), "{back}");
    let within = press(&mut t, &mut app, &["j", "["]);
    assert!(selected(&within).contains("Alien"), "{within}");
}

#[test]
fn slash_narrows_the_diary_to_a_title() {
    let mut t = terminal(80, 24);
    let mut app = app_with_logs();
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["D", "/"]);
    let found = common::type_text(&mut t, &mut app, "HEA\n");
    assert!(found.contains("· “HEA” · 2 logs"), "{found}");
    assert!(
        found.contains("Heat") && !found.contains("Alien"),
        "{found}"
    );
    let none = press(
        &mut t,
        &mut app,
        &["/", "Backspace", "Backspace", "Backspace"],
    );
    assert!(none.contains("Find:"), "{none}");
    let again = common::type_text(&mut t, &mut app, "zzz\n");
    assert!(again.contains("No logs match"), "{again}");
    // Accents and case are no matter: "ÀLI" finds Alien.
    press(
        &mut t,
        &mut app,
        &["/", "Backspace", "Backspace", "Backspace"],
    );
    let accented = common::type_text(&mut t, &mut app, "ÀLI\n");
    assert!(
        accented.contains("Alien") && !accented.contains("Heat"),
        "{accented}"
    );
    // Esc lets go of the title first, then leaves the diary.
    let all = press(&mut t, &mut app, &["Esc"]);
    assert!(all.contains("4 logs") && all.contains("Alien"), "{all}");
}

#[test]
fn a_click_highlights_the_log_under_it() {
    let mut t = terminal(80, 24);
    let mut app = app_with_logs();
    draw(&mut t, &mut app);
    let diary = press(&mut t, &mut app, &["D"]);
    let row = diary
        .lines()
        .position(|l| l.contains("Ran (1985)"))
        .unwrap() as u16;
    app.click(10, row);
    let clicked = draw(&mut t, &mut app);
    let selected = clicked.lines().find(|l| l.contains("▌")).unwrap();
    assert!(selected.contains("Ran (1985)"), "{clicked}");
}

#[test]
fn every_log_with_a_review_shows_its_mark_at_every_width() {
    let mut app = app_with_logs();
    for width in [40, 60, 80, 120, 200] {
        let mut t = terminal(width, 24);
        draw(&mut t, &mut app);
        let diary = press(&mut t, &mut app, &["D"]);
        let heat: Vec<&str> = diary.lines().filter(|l| l.contains("Heat")).collect();
        assert_eq!(heat.len(), 2, "{diary}");
        for row in heat {
            assert!(row.contains('✎'), "{width}: {row}");
        }
        let alien = diary.lines().find(|l| l.contains("Alien")).unwrap();
        assert!(!alien.contains('✎'), "{width}: {alien}");
        press(&mut t, &mut app, &["Esc"]);
    }
}
