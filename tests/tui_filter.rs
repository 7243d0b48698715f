//! Filtering by stars, sorting and searching in the app, drawn into a TestBackend.

mod common;

use common::{draw, press, sample_app, terminal, type_text};
use insta::assert_snapshot;

/// The authors of the reviews on screen, top to bottom (from their header lines).
fn authors(screen: &str) -> Vec<&'static str> {
    let all = [
        "Chris Speddings",
        "Aaron White",
        "nickfadden",
        "Musanna Ahmed",
        "Libby Banks",
    ];
    let mut found: Vec<(usize, &'static str)> = all
        .iter()
        .filter_map(|a| screen.find(&format!("  {a}")).map(|at| (at, *a)))
        .collect();
    found.sort();
    found.into_iter().map(|(_, a)| a).collect()
}

fn status(screen: &str) -> String {
    screen.lines().last().unwrap_or_default().to_string()
}

/// Whether `word` is drawn somewhere in the search highlight's colours.
fn highlighted(t: &ratatui::Terminal<ratatui::backend::TestBackend>, word: &str) -> bool {
    let buffer = t.backend().buffer();
    let area = buffer.area;
    let highlight = marquee::tui::theme::Theme::default().highlight;
    for y in 0..area.height {
        for x in 0..area.width.saturating_sub(word.len() as u16) {
            let here: String = (0..word.len() as u16)
                .map(|i| buffer[(x + i, y)].symbol().to_string())
                .collect();
            if here == word {
                return buffer[(x, y)].bg == highlight.bg.unwrap();
            }
        }
    }
    false
}

#[test]
fn five_shows_the_two_five_star_reviews_and_zero_brings_all_back() {
    let mut t = terminal(120, 40);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    let five = press(&mut t, &mut app, &["5"]);
    assert_eq!(
        authors(&five),
        vec!["Chris Speddings", "Musanna Ahmed"],
        "{five}"
    );
    assert!(status(&five).contains("★★★★★ · newest · 2 of 5"), "{five}");
    assert!(status(&five).contains(" 1/2 "), "{five}");
    let all = press(&mut t, &mut app, &["0"]);
    assert_eq!(authors(&all).len(), 5, "{all}");
    assert!(
        status(&all).contains("all ratings · newest · 5 of 5"),
        "{all}"
    );
}

#[test]
fn a_digit_again_adds_the_half_and_plus_means_or_more() {
    let mut t = terminal(120, 40);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    let four = press(&mut t, &mut app, &["4"]);
    assert!(status(&four).contains("★★★★ · newest · 0 of 5"), "{four}");
    assert!(
        four.contains("No reviews match ★★★★. 0 shows all ratings."),
        "{four}"
    );
    let half = press(&mut t, &mut app, &["4"]);
    assert_eq!(
        authors(&half),
        vec!["Aaron White", "nickfadden", "Libby Banks"],
        "{half}"
    );
    assert!(status(&half).contains("★★★★½ · newest · 3 of 5"), "{half}");
    let or_more = press(&mut t, &mut app, &["+"]);
    assert!(
        status(&or_more).contains("★★★★½ or more · newest · 5 of 5"),
        "{or_more}"
    );
    let back = press(&mut t, &mut app, &["4"]);
    assert!(
        status(&back).contains("★★★★ or more · newest · 5 of 5"),
        "{back}"
    );
    let unrated = press(&mut t, &mut app, &["u"]);
    assert!(
        status(&unrated).contains("unrated · newest · 0 of 5"),
        "{unrated}"
    );
}

#[test]
fn selection_and_scrolling_work_inside_the_filter() {
    let mut t = terminal(80, 24);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["4", "4"]);
    let last = press(&mut t, &mut app, &["j", "j", "j"]);
    assert!(status(&last).contains(" 3/3 "), "{last}");
    let selected = last.lines().find(|l| l.contains("▌ ★")).unwrap();
    assert!(selected.contains("Libby Banks"), "{last}");
    let first = press(&mut t, &mut app, &["g"]);
    assert!(status(&first).contains(" 1/3 "), "{first}");
}

#[test]
fn search_finds_only_nickfadden_for_fathers() {
    let mut t = terminal(80, 24);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["/"]);
    let typing = type_text(&mut t, &mut app, "fathers");
    assert!(status(&typing).contains("Search: fathers"), "{typing}");
    let found = press(&mut t, &mut app, &["Enter"]);
    assert_eq!(authors(&found), vec!["nickfadden"], "{found}");
    assert!(
        status(&found).contains("all ratings · newest · “fathers” · 1 of 5"),
        "{found}"
    );
    assert_snapshot!("search_fathers", found);
    assert!(highlighted(&t, "fathers"), "the match is highlighted");
    assert!(!highlighted(&t, "sons"), "only the match is highlighted");
    let cleared = press(&mut t, &mut app, &["Esc"]);
    assert!(status(&cleared).contains("5 of 5"), "{cleared}");
}

#[test]
fn search_ignores_case_takes_prefixes_and_combines_with_the_filter() {
    let mut t = terminal(120, 40);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["/"]);
    type_text(&mut t, &mut app, "EMOTION");
    let found = press(&mut t, &mut app, &["Enter"]);
    assert_eq!(
        authors(&found),
        vec!["Aaron White", "nickfadden", "Musanna Ahmed"],
        "{found}"
    );
    let five = press(&mut t, &mut app, &["5"]);
    assert_eq!(authors(&five), vec!["Musanna Ahmed"], "{five}");
    assert!(
        status(&five).contains("★★★★★ · newest · “EMOTION” · 1 of 5"),
        "{five}"
    );
    let none = press(&mut t, &mut app, &["/", "Ctrl-u"]);
    let _ = none;
    press(&mut t, &mut app, &["Esc"]);
    press(&mut t, &mut app, &["/"]);
    type_text(&mut t, &mut app, "zzzz");
    let empty = press(&mut t, &mut app, &["Enter"]);
    assert!(
        empty.contains("No reviews match ★★★★★ and “zzzz”."),
        "{empty}"
    );
    assert!(empty.contains("Esc clears the"), "{empty}");
}

#[test]
fn s_cycles_the_sort() {
    let mut t = terminal(120, 40);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    // The selected review stays selected; g goes to the top of the new order.
    let oldest = press(&mut t, &mut app, &["s", "g"]);
    assert!(status(&oldest).contains("oldest"), "{oldest}");
    assert_eq!(authors(&oldest)[0], "Libby Banks", "{oldest}");
    let highest = press(&mut t, &mut app, &["s", "g"]);
    assert!(status(&highest).contains("highest rated"), "{highest}");
    assert_eq!(
        authors(&highest)[..2],
        ["Chris Speddings", "Musanna Ahmed"],
        "{highest}"
    );
    let lowest = press(&mut t, &mut app, &["s", "g"]);
    assert!(status(&lowest).contains("lowest rated"), "{lowest}");
    assert_eq!(authors(&lowest)[0], "Aaron White", "{lowest}");
    let liked = press(&mut t, &mut app, &["s"]);
    assert!(status(&liked).contains("most liked"), "{liked}");
    let newest = press(&mut t, &mut app, &["s"]);
    assert!(status(&newest).contains("newest"), "{newest}");
}

#[test]
fn the_filter_menu_lists_every_bucket_with_its_count() {
    let mut t = terminal(80, 24);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    let menu = press(&mut t, &mut app, &["f"]);
    assert_snapshot!("filter_menu", menu);
    let chosen = press(&mut t, &mut app, &["j", "j", "Enter"]);
    assert!(
        status(&chosen).contains("★★★★½ · newest · 3 of 5"),
        "{chosen}"
    );
    let or_more = press(&mut t, &mut app, &["f", "+", "Enter"]);
    assert!(status(&or_more).contains("★★★★½ or more"), "{or_more}");
    let closed = press(&mut t, &mut app, &["f", "Esc"]);
    assert!(!closed.contains("Filter by rating"), "{closed}");
}

#[test]
fn help_over_the_filter_menu_goes_back_to_the_menu() {
    let mut t = terminal(80, 24);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["f", "j"]);
    let help = press(&mut t, &mut app, &["?"]);
    assert!(help.contains("Rating filter menu"), "{help}");
    let menu = press(&mut t, &mut app, &["Esc"]);
    assert!(menu.contains("Filter by rating"), "{menu}");
    assert!(!menu.contains("Rating filter menu"), "{menu}");
    let chosen = press(&mut t, &mut app, &["Enter"]);
    assert!(
        status(&chosen).contains("★★★★★ · newest · 2 of 5"),
        "{chosen}"
    );
}

#[test]
fn a_histogram_bar_picked_by_keys_or_click_filters_to_it() {
    let mut t = terminal(120, 40);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    let picked = press(&mut t, &mut app, &["Tab", "h", "Enter"]);
    assert!(
        status(&picked).contains("★★★★½ · newest · 3 of 5"),
        "{picked}"
    );
    // Click the ★★★★★ row of the histogram in the film pane.
    let row = picked
        .lines()
        .position(|l| l.starts_with("\" ★★★★★ "))
        .expect("the histogram's top row") as u16;
    app.click(3, row);
    let clicked = draw(&mut t, &mut app);
    assert!(
        status(&clicked).contains("★★★★★ · newest · 2 of 5"),
        "{clicked}"
    );
}

#[test]
fn clicking_a_review_selects_it() {
    let mut t = terminal(120, 40);
    let mut app = sample_app();
    let screen = draw(&mut t, &mut app);
    let row = screen
        .lines()
        .position(|l| l.contains("nickfadden"))
        .unwrap() as u16;
    app.click(60, row);
    let after = draw(&mut t, &mut app);
    assert!(status(&after).contains(" 3/5 "), "{after}");
}

#[test]
fn filtered_screens_draw_at_every_small_size() {
    let mut app = sample_app();
    for width in 1..=30 {
        for height in 1..=12 {
            let mut t = terminal(width, height);
            press(
                &mut t,
                &mut app,
                &["f", "j", "Enter", "Tab", "h", "Enter", "s", "/"],
            );
            type_text(&mut t, &mut app, "raw 映画");
            press(&mut t, &mut app, &["Enter", "G", "Esc", "0"]);
        }
    }
}

#[test]
fn a_search_says_it_is_under_way_before_it_runs() {
    let mut t = terminal(80, 24);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["/"]);
    type_text(&mut t, &mut app, "raw");
    app.key("Enter".parse().unwrap());
    let announced = draw(&mut t, &mut app);
    assert!(announced.contains("Searching for “raw”…"), "{announced}");
    app.run_pending();
    let done = draw(&mut t, &mut app);
    assert!(!done.contains("Searching"), "{done}");
    assert!(status(&done).contains("“raw” · 3 of 5"), "{done}");
}

#[test]
fn the_filter_menu_shows_its_counts_on_a_narrow_terminal() {
    let mut app = sample_app();
    let mut t = terminal(24, 8);
    let menu = press(&mut t, &mut app, &["f"]);
    let row = |label: &str| {
        menu.lines()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("no {label} row in\n{menu}"))
            .split_whitespace()
            .rfind(|w| w.chars().all(|c| c.is_ascii_digit()))
            .map(String::from)
    };
    assert_eq!(row("All ratings").as_deref(), Some("5"), "{menu}");
    assert_eq!(row("★★★★½").as_deref(), Some("3"), "{menu}");
}

#[test]
fn the_histogram_bar_in_focus_is_named_and_marked() {
    let mut t = terminal(80, 24);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    // Tab starts on ★★★★★; h moves down a half star at a time, to a bar with no entries.
    let five = press(&mut t, &mut app, &["Tab"]);
    assert!(status(&five).contains("│ ★★★★★ · 2 ratings │"), "{five}");
    let empty = press(&mut t, &mut app, &["h", "h"]);
    assert!(status(&empty).contains("│ ★★★★ · 0 ratings │"), "{empty}");
    // The stacked film pane's small histogram marks the bar under it, colour or not: the
    // label under it stays whole, underlined.
    let labels = empty
        .lines()
        .position(|l| l.contains('½') && l.contains("★★★★★"))
        .unwrap();
    let buffer = t.backend().buffer();
    let underlined = (0..buffer.area.width).any(|x| {
        let cell = &buffer[(x, labels as u16)];
        cell.symbol() == "★" && cell.modifier.contains(ratatui::style::Modifier::UNDERLINED)
    });
    assert!(underlined, "{empty}");
    // Further down, a bar clear of the labels gets the ▲.
    let lower = press(&mut t, &mut app, &["h", "h", "h"]);
    assert!(lower.contains('▲'), "{lower}");
}
