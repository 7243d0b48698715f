//! Screens drawn into ratatui's TestBackend after real key presses.

mod common;

use common::{draw, press, sample_app, terminal};
use insta::assert_snapshot;

#[test]
fn film_page_at_80x24() {
    let mut t = terminal(80, 24);
    assert_snapshot!(draw(&mut t, &mut sample_app()));
}

#[test]
fn film_page_at_120x40() {
    let mut t = terminal(120, 40);
    assert_snapshot!(draw(&mut t, &mut sample_app()));
}

#[test]
fn last_review_selected_at_80x24() {
    let mut t = terminal(80, 24);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    assert_snapshot!(press(&mut t, &mut app, &["j", "j", "j", "j", "G"]));
}

#[test]
fn reader_shows_the_whole_review_and_esc_goes_back() {
    let mut t = terminal(80, 24);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    assert_snapshot!(press(&mut t, &mut app, &["j", "j", "j", "Enter"]));
    let back = press(&mut t, &mut app, &["Esc"]);
    assert!(back.contains("Reviews · 5"), "{back}");
    assert!(back.contains(" 4/5 "), "{back}");
}

#[test]
fn the_list_is_scrolled_as_it_was_after_the_reader() {
    let mut t = terminal(80, 24);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    // Scrolled to the end, then up: the selected review is at the top of the list.
    let before = press(&mut t, &mut app, &["G", "k", "k"]);
    press(&mut t, &mut app, &["Enter"]);
    let after = press(&mut t, &mut app, &["Esc"]);
    assert_eq!(after, before);
}

#[test]
fn reader_scrolls_a_long_review_in_a_short_terminal() {
    let mut t = terminal(40, 10);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    let top = press(&mut t, &mut app, &["j", "j", "j", "Enter"]);
    assert!(top.contains("Musanna Ahmed"), "{top}");
    let end = press(&mut t, &mut app, &["G"]);
    assert!(!end.contains("Musanna Ahmed"), "{end}");
    assert!(end.contains("benefit of everyone."), "{end}");
    let back_up = press(&mut t, &mut app, &["g"]);
    assert_eq!(back_up, top);
}

#[test]
fn help_lists_the_keys_from_the_keymap() {
    let mut t = terminal(80, 24);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    assert_snapshot!(press(&mut t, &mut app, &["?"]));
    let closed = press(&mut t, &mut app, &["Esc"]);
    assert!(!closed.contains(" Keys "), "{closed}");
}

#[test]
fn help_scrolls_to_its_end_in_a_short_terminal() {
    let mut t = terminal(60, 12);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    let end = press(&mut t, &mut app, &["?", "G"]);
    assert!(end.contains("The mouse wheel scrolls too."), "{end}");
}

#[test]
fn j_reaches_every_review_in_order() {
    let mut t = terminal(80, 24);
    let mut app = sample_app();
    let authors = [
        "Chris Speddings",
        "Aaron White",
        "nickfadden",
        "Musanna Ahmed",
        "Libby Banks",
    ];
    let mut screen = draw(&mut t, &mut app);
    for (i, author) in authors.iter().enumerate() {
        let selected_header = screen
            .lines()
            .find(|l| l.contains("▌ ★"))
            .unwrap_or_default()
            .to_string();
        assert!(selected_header.contains(author), "{i}: {screen}");
        assert!(screen.contains(&format!(" {}/5 ", i + 1)), "{screen}");
        screen = press(&mut t, &mut app, &["j"]);
    }
    // j on the last review stays there.
    assert!(screen.contains(" 5/5 "), "{screen}");
}

#[test]
fn too_small_says_so() {
    let mut t = terminal(20, 6);
    let screen = draw(&mut t, &mut sample_app());
    assert!(screen.contains("Terminal too"), "{screen}");
}

#[test]
fn every_small_size_draws_without_panic() {
    let mut app = sample_app();
    for width in 1..=30 {
        for height in 1..=12 {
            let mut t = terminal(width, height);
            draw(&mut t, &mut app);
            press(
                &mut t,
                &mut app,
                &["j", "G", "Enter", "j", "?", "G", "Esc", "Esc", "g"],
            );
        }
    }
}

#[test]
fn the_readme_key_table_is_the_keymap() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = marquee::tui::screens::keymap().markdown();
    assert!(
        readme.contains(&table),
        "README.md's key table differs from the keymap:\n{table}"
    );
}

/// A film of the member's Letterboxd history: rated, watched and liked, reviewed with
/// Letterboxd's formatting.
fn formatted_app() -> marquee::tui::app::App {
    use marquee::import::letterboxd::{Kind, Source, import};
    let mut store = marquee::store::Store::open_in_memory().unwrap();
    let sources = vec![
        Source {
            name: "reviews.csv".into(),
            kind: Kind::Reviews,
            text: "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n\
                   2024-01-05,Heat,1995,https://boxd.it/a1,4.5,,\"<blockquote>Enhance your calm.</blockquote>Haha, <i>what</i> a <b>duel</b>. See <a href=\"\"https://example.org/heat\"\">the notes</a>.\",,2024-01-04\n"
                .into(),
            export: 0,
        },
        Source {
            name: "ratings.csv".into(),
            kind: Kind::Ratings,
            text: "Date,Name,Year,Letterboxd URI,Rating\n2024-01-05,Heat,1995,https://boxd.it/f1,4.5\n".into(),
            export: 0,
        },
        Source {
            name: "likes/films.csv".into(),
            kind: Kind::LikedFilms,
            text: "Date,Name,Year,Letterboxd URI\n2024-01-05,Heat,1995,https://boxd.it/f1\n".into(),
            export: 0,
        },
    ];
    import(&sources, &mut store, "ada").unwrap();
    let film = store.find_film("heat").unwrap();
    marquee::tui::app::App::new(store, film, &common::config()).unwrap()
}

#[test]
fn formatted_reviews_and_the_members_marks_are_drawn() {
    let mut t = terminal(80, 24);
    let mut app = formatted_app();
    let page = draw(&mut t, &mut app);
    assert!(page.contains("Yours · ★★★★½ · ♥ liked"), "{page}");
    assert!(page.contains("│ Enhance your calm."), "{page}");
    assert!(page.contains("Haha, what a duel. See the notes."), "{page}");
    let cell = |text: &str| {
        let buffer = t.backend().buffer();
        let row = (0..buffer.area.height)
            .find(|&y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>()
                    .contains(text)
            })
            .unwrap();
        let line: String = (0..buffer.area.width)
            .map(|x| buffer[(x, row)].symbol())
            .collect();
        let x = line.find(text).unwrap();
        let col = line[..x].chars().count() as u16;
        buffer[(col, row)].clone()
    };
    use ratatui::style::Modifier;
    assert!(cell("what").modifier.contains(Modifier::ITALIC));
    assert!(cell("duel").modifier.contains(Modifier::BOLD));
    assert!(cell("the notes").modifier.contains(Modifier::UNDERLINED));
    assert_snapshot!(press(&mut t, &mut app, &["Enter"]));
}

/// The hints after the status line's last `│` (or after the position, where there is
/// no query part), split as drawn.
fn hints(screen: &str) -> Vec<String> {
    let status = screen.lines().last().unwrap().trim_matches('"').trim_end();
    let hints = status.rsplit(" │ ").next().unwrap();
    hints.split(" · ").map(str::to_string).collect()
}

#[test]
fn the_status_line_fits_whole_hints_and_always_offers_help() {
    let whole = [
        "j next",
        "Enter read",
        "w write",
        "f filter",
        "F films",
        "D diary",
        "W watchlist",
        "Y year",
        "S seen",
        "l lists",
        "s sort",
        "/ search",
        "i details",
        "q quit",
        "…",
        "? help",
    ];
    for width in [40, 50, 60, 72, 80, 100, 120, 160, 200] {
        let mut t = terminal(width, 24);
        let screen = draw(&mut t, &mut sample_app());
        let shown = hints(&screen);
        assert_eq!(
            shown.last().map(String::as_str),
            Some("? help"),
            "{width}: {shown:?}"
        );
        for hint in &shown {
            assert!(
                whole.contains(&hint.as_str()),
                "{width}: {hint:?} in {shown:?}"
            );
        }
        // Hidden hints are said to be hidden, and at 200 columns none are.
        let all_there = whole
            .iter()
            .filter(|&&h| h != "…")
            .all(|h| shown.iter().any(|s| s == h));
        assert_eq!(
            !all_there,
            shown.contains(&"…".to_string()),
            "{width}: {shown:?}"
        );
        if width == 200 {
            assert!(all_there, "{shown:?}");
        }
    }
}

#[test]
fn read_only_says_so_and_offers_no_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    {
        let (mut store, _) = marquee::store::Store::open(&path).unwrap();
        marquee::sample::seed(&mut store).unwrap();
    }
    let store = marquee::store::Store::open_read_only(&path).unwrap();
    let mut app = common::app_with(store);
    let mut t = terminal(200, 24);
    let screen = draw(&mut t, &mut app);
    let status = screen.lines().last().unwrap();
    assert!(status.contains(" 1/5 read-only │"), "{status}");
    assert!(!status.contains("write"), "{status}");
    assert!(status.contains("? help"), "{status}");
    let refused = press(&mut t, &mut app, &["w"]);
    assert!(refused.contains("read-only"), "{refused}");
}

#[test]
fn a_list_with_no_match_says_so_instead_of_a_position() {
    let mut t = terminal(80, 24);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    let screen = press(&mut t, &mut app, &["1"]);
    let status = screen.lines().last().unwrap();
    assert!(
        status.starts_with("\" no reviews │ ★ · newest · 0 of 5"),
        "{status}"
    );
    assert!(!status.contains("j next"), "nothing to move to: {status}");
}

#[test]
fn i_shows_the_whole_synopsis_that_a_narrow_pane_cuts() {
    let mut t = terminal(80, 24);
    let mut app = sample_app();
    let page = draw(&mut t, &mut app);
    let ending = "think of as rehabilitation.";
    assert!(!page.contains(ending), "{page}");
    let details = press(&mut t, &mut app, &["i"]);
    assert!(details.contains(ending), "{details}");
    assert!(details.contains("Directed by Jairus McLeary"), "{details}");
    let back = press(&mut t, &mut app, &["Esc"]);
    assert_eq!(back, page);
}

/// A film of `n` one-line reviews, numbered from the newest.
fn film_of(n: usize) -> marquee::tui::app::App {
    let mut store = marquee::store::Store::open_in_memory().unwrap();
    let film = marquee::model::NewFilm {
        slug: "many".into(),
        title: "Many".into(),
        ..Default::default()
    };
    let entries: Vec<marquee::model::NewEntry> = (0..n)
        .map(|i| marquee::model::NewEntry {
            author: format!("author{:02}", n - i),
            body: format!("review number {}", n - i),
            created: Some(format!("2024-01-01T00:00:{:02}Z", i % 60)),
            ..Default::default()
        })
        .collect();
    store.add_film_with_entries(&film, &entries).unwrap();
    let film = store.find_film("many").unwrap();
    marquee::tui::app::App::new(store, film, &common::config()).unwrap()
}

fn position(screen: &str) -> String {
    let status = screen.lines().last().unwrap();
    status.split_whitespace().nth(1).unwrap().to_string()
}

#[test]
fn page_down_and_page_up_turn_whole_screens_both_ways() {
    let mut t = terminal(80, 24);
    let mut app = film_of(40);
    let first = draw(&mut t, &mut app);
    let down = press(&mut t, &mut app, &["PageDown"]);
    let step: usize = position(&down)
        .split('/')
        .next()
        .unwrap()
        .parse::<usize>()
        .unwrap()
        - 1;
    assert!(
        step >= 4,
        "a page is more than a review or two: {step}\n{down}"
    );
    // The review after the last one shown is now the first.
    let shown_before: Vec<&str> = first.lines().filter(|l| l.contains("author")).collect();
    assert_eq!(shown_before.len(), step, "{first}");
    let twice = press(&mut t, &mut app, &["PageDown"]);
    assert_eq!(position(&twice), format!("{}/40", 2 * step + 1), "{twice}");
    let back = press(&mut t, &mut app, &["PageUp"]);
    assert_eq!(back, down);
    let start = press(&mut t, &mut app, &["PageUp"]);
    assert_eq!(start, first);
}

#[test]
fn no_scrollbar_when_every_review_is_on_screen() {
    let mut t = terminal(80, 24);
    let mut app = film_of(3);
    let screen = draw(&mut t, &mut app);
    let list: Vec<&str> = screen.lines().skip(7).take(14).collect();
    for line in &list {
        assert!(!line.ends_with("█\"") && !line.ends_with("│\""), "{screen}");
    }
    // With more than fits, there is one.
    let screen = draw(&mut t, &mut film_of(40));
    assert!(screen.lines().any(|l| l.ends_with("█\"")), "{screen}");
}

#[test]
fn narrow_help_still_says_what_each_key_does() {
    for width in [24, 30, 40] {
        let mut t = terminal(width, 60);
        let mut app = sample_app();
        draw(&mut t, &mut app);
        let help = press(&mut t, &mut app, &["?"]);
        for what in ["next review", "read the review", "write a review"] {
            assert!(help.contains(what), "{width}: {what}\n{help}");
        }
    }
}

#[test]
fn review_text_is_never_wider_than_a_hundred_columns() {
    let mut app = common::sample_app();
    let mut t = common::terminal(250, 60);
    let screen = common::draw(&mut t, &mut app);
    let widest = |screen: &str| {
        screen
            .lines()
            .filter_map(|l| {
                l.split_once('▌')
                    .map(|(_, rest)| rest.trim_end_matches(['"', ' ', '█', '│']))
            })
            .map(|l| unicode_width::UnicodeWidthStr::width(l.trim()))
            .max()
            .unwrap()
    };
    let list = widest(&screen);
    assert!((90..=100).contains(&list), "{list}: {screen}");
    let reader = common::press(&mut t, &mut app, &["Enter"]);
    let longest = reader
        .lines()
        .filter_map(|l| l.trim_matches('"').strip_prefix('│'))
        .map(|l| unicode_width::UnicodeWidthStr::width(l.trim_end_matches('│').trim()))
        .max()
        .unwrap();
    assert!(longest <= 100, "{longest}: {reader}");
}

/// The README's picture of the app: its first `text` block, a line of it a row.
fn readme_screenshot() -> Vec<String> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let block = readme
        .split("```text\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap();
    block.lines().map(|l| l.trim_end().to_string()).collect()
}

#[test]
fn the_readme_screenshot_is_what_the_app_draws_at_its_size() {
    let shot = readme_screenshot();
    let width = shot.iter().map(|l| marquee::text::width(l)).max().unwrap();
    assert_eq!(width, 80, "the screenshot is of an 80-column terminal");
    let mut t = terminal(80, shot.len() as u16);
    let drawn = draw(&mut t, &mut sample_app());
    let drawn: Vec<String> = drawn
        .lines()
        .map(|l| l.trim_matches('"').trim_end().to_string())
        .collect();
    assert_eq!(
        shot,
        drawn,
        "README.md's screenshot differs from the app:\n{}",
        drawn.join("\n")
    );
}
