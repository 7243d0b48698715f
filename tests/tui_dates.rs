//! `date_format` writes every date on every screen, and the composer reads a watched day
//! written so.

#[path = "common/cli.rs"]
mod cli;
mod common;

use common::{add_film, draw, press, sample_store, terminal, type_text};
use marquee::config::Config;
use marquee::model::{NewEntry, Rating};
use marquee::tui::app::App;

fn app_with_dates() -> App {
    let mut store = sample_store();
    let heat = add_film(&mut store, "heat", "Heat", 1995);
    let log = NewEntry {
        author: "tester".into(),
        rating: Rating::from_half_stars(9),
        body: "The diner.".into(),
        watched: Some("2025-11-03".into()),
        created: Some("2025-11-03T21:00:00Z".into()),
        is_mine: true,
        ..NewEntry::default()
    };
    store.add_entry(heat, &log).unwrap();
    assert!(store.set_watchlist(heat, true).unwrap());
    let film = store.find_film("heat").unwrap();
    let config = Config {
        name: Some("tester".into()),
        date_format: "%d %b %Y".into(),
        ..Config::default()
    };
    App::new(store, film, &config).unwrap()
}

#[test]
fn every_screen_writes_days_as_the_config_says() {
    let mut t = terminal(100, 30);
    let mut app = app_with_dates();
    let film = draw(&mut t, &mut app);
    assert!(film.contains("03 Nov 2025"), "{film}");
    let seen = press(&mut t, &mut app, &["S"]);
    assert!(seen.contains("03 Nov 2025"), "{seen}");
    assert!(!seen.contains("2025-11-03"), "{seen}");
    let watchlist = press(&mut t, &mut app, &["Esc", "W"]);
    assert!(watchlist.contains("added "), "{watchlist}");
    assert!(!watchlist.contains("-"), "{watchlist}");
    press(&mut t, &mut app, &["Esc", "Y"]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let year = loop {
        app.tick(std::time::Instant::now());
        let year = draw(&mut t, &mut app);
        if !year.contains("tallying") || std::time::Instant::now() > deadline {
            break year;
        }
        std::thread::sleep(app.next_tick());
    };
    assert!(year.contains("First: Heat (1995), 03 Nov 2025"), "{year}");
}

#[test]
fn the_composer_shows_and_reads_the_watched_day_as_the_config_writes_it() {
    let mut t = terminal(100, 30);
    let mut app = app_with_dates();
    draw(&mut t, &mut app);
    let today = chrono::Local::now().format("%d %b %Y").to_string();
    let composer = press(&mut t, &mut app, &["w"]);
    assert!(composer.contains(&format!("Watched {today}")), "{composer}");
    // Typed the same way, it is read.
    press(&mut t, &mut app, &["4", "Tab", "Tab"]);
    for _ in 0..today.chars().count() {
        app.key("Backspace".parse().unwrap());
    }
    type_text(&mut t, &mut app, "01 Jan 2026");
    let saved = press(&mut t, &mut app, &["Ctrl-s"]);
    assert!(saved.contains("Logged ★★★★."), "{saved}");
    let watched: Vec<String> = app
        .store()
        .diary_page(&Default::default(), None, 10)
        .unwrap()
        .into_iter()
        .map(|d| d.day)
        .collect();
    assert!(watched.contains(&"2026-01-01".to_string()), "{watched:?}");
    // A day it can't read says how to write one (after leaving Heat on the watchlist).
    press(&mut t, &mut app, &["n", "w", "3", "Tab", "Tab"]);
    type_text(&mut t, &mut app, "x");
    let refused = press(&mut t, &mut app, &["Ctrl-s"]);
    assert!(refused.contains("like 31 May 2024"), "{refused}");
}

#[test]
fn the_command_line_tables_write_days_as_the_config_says_and_json_keeps_iso() {
    let dir = tempfile::tempdir().unwrap();
    let db = cli::sample_db(dir.path());
    std::fs::write(db.with_extension("toml"), "date_format = \"%d %b %Y\"\n").unwrap();
    let run = |args: &[&str]| {
        let out = cli::marquee(&db).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    run(&[
        "log",
        "the-work",
        "--rating",
        "4",
        "--watched",
        "2025-11-03",
        "--review",
        "The tour.",
    ]);
    run(&["watchlist", "add", "the-work"]);
    let diary = run(&["diary"]);
    assert!(diary.contains("03 Nov 2025  ★★★★"), "{diary}");
    assert!(!diary.contains("2025-11-03"), "{diary}");
    let reviews = run(&["reviews", "the-work", "--all"]);
    assert!(reviews.contains("03 Nov 2025"), "{reviews}");
    let watchlist = run(&["watchlist"]);
    let added = chrono::Local::now().format("%d %b %Y").to_string();
    assert!(watchlist.contains(&added), "{watchlist}");
    // Machine formats are for machines: days stay YYYY-MM-DD.
    let json = run(&["diary", "--format", "json"]);
    assert!(json.contains("\"watched\":\"2025-11-03\""), "{json}");
}
