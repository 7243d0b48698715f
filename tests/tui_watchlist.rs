//! The watchlist screen, and putting films on it and off it from their pages.

mod common;

use common::{add_film, config, draw, press, sample_store, terminal};
use marquee::tui::app::App;

/// The sample film, and three films on the watchlist, added on three days.
fn app_with_watchlist() -> App {
    let mut store = sample_store();
    for (slug, title, year) in [
        ("playtime", "Playtime", 1967),
        ("ran", "Ran", 1985),
        ("the-mirror", "The Mirror", 1975),
    ] {
        let id = add_film(&mut store, slug, title, year);
        assert!(store.set_watchlist(id, true).unwrap());
    }
    let film = store.find_film("the-work").unwrap();
    App::new(store, film, &config()).unwrap()
}

fn titles(screen: &str) -> Vec<&'static str> {
    let mut found: Vec<(usize, &'static str)> =
        ["Playtime", "Ran (1985)", "The Mirror", "The Work"]
            .into_iter()
            .filter_map(|t| screen.find(t).map(|at| (at, t)))
            .collect();
    found.sort();
    found.into_iter().map(|(_, t)| t).collect()
}

#[test]
fn a_puts_the_open_film_on_the_watchlist_and_takes_it_off() {
    let mut t = terminal(80, 24);
    let mut app = app_with_watchlist();
    draw(&mut t, &mut app);
    let put = press(&mut t, &mut app, &["a"]);
    assert!(put.contains("Put The Work on your watchlist."), "{put}");
    assert!(put.contains("+ watchlist"), "{put}");
    let list = press(&mut t, &mut app, &["W"]);
    assert!(
        list.contains("Watchlist · 4 films · newest added first"),
        "{list}"
    );
    // All were added today: the order falls back to the store's, newest id first.
    assert!(list.contains("The Work"), "{list}");
    let film = press(&mut t, &mut app, &["Esc", "a"]);
    assert!(film.contains("Took The Work off your watchlist."), "{film}");
    assert!(!film.contains("+ watchlist"), "{film}");
}

#[test]
fn the_watchlist_sorts_opens_and_takes_films_off() {
    let mut t = terminal(80, 24);
    let mut app = app_with_watchlist();
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["W"]);
    let by_title = press(&mut t, &mut app, &["s"]);
    assert!(by_title.contains("by title"), "{by_title}");
    assert_eq!(titles(&by_title), ["The Mirror", "Playtime", "Ran (1985)"]);
    let by_year = press(&mut t, &mut app, &["j", "j", "s"]);
    assert_eq!(titles(&by_year), ["Playtime", "The Mirror", "Ran (1985)"]);
    // Another order starts at its top: a takes the first (Playtime) off, Enter opens the
    // next.
    let selected = by_year.lines().find(|l| l.contains('▌')).unwrap();
    assert!(selected.contains("Playtime"), "{by_year}");
    let off = press(&mut t, &mut app, &["a"]);
    assert!(
        off.contains("Took Playtime (1967) off your watchlist."),
        "{off}"
    );
    assert!(off.contains("Watchlist · 2 films"), "{off}");
    let opened = press(&mut t, &mut app, &["Enter"]);
    assert!(opened.contains("The Mirror 1975"), "{opened}");
}

#[test]
fn logging_a_film_on_the_watchlist_offers_to_take_it_off() {
    let mut t = terminal(80, 24);
    let mut app = app_with_watchlist();
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["a"]);
    let asked = press(&mut t, &mut app, &["w", "4", "Ctrl-s"]);
    assert!(
        asked.contains("Take The Work off your watchlist?"),
        "{asked}"
    );
    let kept = press(&mut t, &mut app, &["n"]);
    assert!(kept.contains("+ watchlist"), "{kept}");
    press(&mut t, &mut app, &["w", "3", "Ctrl-s"]);
    let taken = press(&mut t, &mut app, &["y"]);
    assert!(!taken.contains("+ watchlist"), "{taken}");
    assert!(taken.contains("off your watchlist"), "{taken}");
}

#[test]
fn the_watchlist_draws_at_every_small_size() {
    let mut app = app_with_watchlist();
    let mut t = terminal(80, 24);
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["W"]);
    for (w, h) in [(24, 8), (30, 10), (200, 60)] {
        let mut t = terminal(w, h);
        let screen = draw(&mut t, &mut app);
        assert!(
            screen.contains("Ran") || screen.contains("Playtime"),
            "{w}x{h}\n{screen}"
        );
    }
}

#[test]
fn v_and_capital_l_mark_the_film_watched_and_liked() {
    let mut t = terminal(80, 24);
    let mut app = app_with_watchlist();
    draw(&mut t, &mut app);
    let watched = press(&mut t, &mut app, &["v"]);
    assert!(watched.contains("Marked The Work watched."), "{watched}");
    assert!(watched.contains("Yours · ✓ watched"), "{watched}");
    let liked = press(&mut t, &mut app, &["L"]);
    assert!(liked.contains("Liked The Work."), "{liked}");
    assert!(liked.contains("✓ watched · ♥ liked"), "{liked}");
    let unliked = press(&mut t, &mut app, &["L", "v"]);
    assert!(!unliked.contains("Yours"), "{unliked}");
}

#[test]
fn slash_narrows_the_watchlist_and_esc_shows_it_all() {
    let mut t = terminal(80, 24);
    let mut app = app_with_watchlist();
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["W", "/"]);
    let found = common::type_text(&mut t, &mut app, "MIRR\n");
    assert!(found.contains("Watchlist · 1 of 3 films"), "{found}");
    assert!(found.contains("“MIRR”"), "{found}");
    assert_eq!(titles(&found), ["The Mirror"]);
    let all = press(&mut t, &mut app, &["Esc"]);
    assert!(all.contains("Watchlist · 3 films"), "{all}");
}

#[test]
fn a_click_highlights_the_film_under_it() {
    let mut t = terminal(80, 24);
    let mut app = app_with_watchlist();
    draw(&mut t, &mut app);
    let list = press(&mut t, &mut app, &["W"]);
    let row = list.lines().position(|l| l.contains("Playtime")).unwrap() as u16;
    app.click(10, row);
    let clicked = draw(&mut t, &mut app);
    let selected = clicked.lines().find(|l| l.contains("▌")).unwrap();
    assert!(selected.contains("Playtime"), "{clicked}");
}
