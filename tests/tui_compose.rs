//! Writing, editing and deleting reviews in the app, drawn into a TestBackend.

mod common;

use common::{app_with, draw, press, sample_app, sample_store, terminal, type_text};
use insta::assert_snapshot;
use marquee::model::{NewEntry, Rating};

#[test]
fn the_composer_opens_on_the_rating_with_today_as_watched() {
    let mut t = terminal(80, 24);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    let screen = press(&mut t, &mut app, &["w"]);
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    assert!(screen.contains("Your review of The Work"), "{screen}");
    assert!(screen.contains("▸ Rating"), "{screen}");
    assert!(screen.contains(&today), "{screen}");
}

#[test]
fn writing_a_review_puts_it_in_the_list_and_the_histogram() {
    let mut t = terminal(80, 24);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["w", "4", "l", "Tab"]);
    let composing = type_text(&mut t, &mut app, "First line 映画\nsecond line 🎬");
    let composing = composing.replace(
        &chrono::Local::now().format("%Y-%m-%d").to_string(),
        "YYYY-MM-DD",
    );
    assert_snapshot!("composer_with_text", composing);
    let saved = press(&mut t, &mut app, &["Ctrl-s"]);
    assert!(saved.contains("Saved your review."), "{saved}");
    assert!(
        saved.contains("★ 4.67 average · 6 ratings · 6 reviews"),
        "{saved}"
    );
    assert!(saved.contains("Reviews · 6"), "{saved}");
    let selected: Vec<&str> = saved.lines().filter(|l| l.contains("▌")).collect();
    assert!(
        selected[0].contains("★★★★½") && selected[0].contains("tester (you)"),
        "{saved}"
    );
    assert!(selected[1].contains("First line 映画"), "{saved}");
    assert!(selected[2].contains("second line 🎬"), "{saved}");
    assert!(saved.contains(" 1/6 "), "{saved}");
}

#[test]
fn the_histogram_bar_grows() {
    let mut t = terminal(120, 40);
    let mut app = sample_app();
    let before = draw(&mut t, &mut app);
    let row = |screen: &str| {
        screen
            .lines()
            .find(|l| l.starts_with("\"   ★★★ "))
            .unwrap()
            .to_string()
    };
    assert!(row(&before).contains(" 0 "), "{before}");
    press(&mut t, &mut app, &["w", "3", "Ctrl-s"]);
    let after = draw(&mut t, &mut app);
    assert!(row(&after).contains("█"), "{after}");
    assert!(row(&after).contains(" 1 "), "{after}");
}

#[test]
fn an_empty_review_is_refused_in_place() {
    let mut t = terminal(80, 24);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    let screen = press(&mut t, &mut app, &["w", "Ctrl-s"]);
    assert!(screen.contains("nothing to save"), "{screen}");
    assert!(screen.contains("Your review of The Work"), "{screen}");
}

#[test]
fn a_bad_watched_date_is_pointed_at() {
    let mut t = terminal(80, 24);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["w", "5", "Tab", "Tab"]);
    for _ in 0..10 {
        app.key("Backspace".parse().unwrap());
    }
    type_text(&mut t, &mut app, "2024-02-30");
    let screen = press(&mut t, &mut app, &["Ctrl-s"]);
    assert!(screen.contains("invalid date \"2024-02-30\""), "{screen}");
    assert!(screen.contains("▸ Watched"), "{screen}");
}

#[test]
fn esc_asks_before_discarding_and_not_when_nothing_was_written() {
    let mut t = terminal(80, 24);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    let closed = press(&mut t, &mut app, &["w", "Esc"]);
    assert!(closed.contains("Reviews · 5"), "{closed}");
    press(&mut t, &mut app, &["w", "Tab"]);
    type_text(&mut t, &mut app, "words");
    let asked = press(&mut t, &mut app, &["Esc"]);
    assert!(asked.contains("Discard what you wrote?"), "{asked}");
    let kept = press(&mut t, &mut app, &["n"]);
    assert!(kept.contains("words"), "{kept}");
    let gone = press(&mut t, &mut app, &["Esc", "y"]);
    assert!(gone.contains("Draft discarded."), "{gone}");
    let fresh = press(&mut t, &mut app, &["w"]);
    assert!(!fresh.contains("words"), "{fresh}");
}

#[test]
fn toggles_and_tags_show_in_the_list() {
    let mut t = terminal(80, 24);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["w", "4", "Tab"]);
    type_text(&mut t, &mut app, "Hidden ending");
    press(
        &mut t,
        &mut app,
        &["Tab", "Tab", "Space", "Tab", "Space", "Tab", "Space", "Tab"],
    );
    type_text(&mut t, &mut app, "prison, doc");
    let saved = press(&mut t, &mut app, &["Ctrl-s"]);
    assert!(saved.contains("★★★★ ♥ ↺  tester (you)"), "{saved}");
    assert!(
        saved.contains("This review may contain spoilers. Press x to read it."),
        "{saved}"
    );
    assert!(!saved.contains("Hidden ending"), "{saved}");
    assert!(saved.contains("#prison #doc"), "{saved}");
    let revealed = press(&mut t, &mut app, &["x"]);
    assert!(revealed.contains("Hidden ending"), "{revealed}");
    let hidden = press(&mut t, &mut app, &["x"]);
    assert!(!hidden.contains("Hidden ending"), "{hidden}");
}

#[test]
fn only_your_own_reviews_can_be_edited_or_deleted() {
    let mut t = terminal(80, 24);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    let edit = press(&mut t, &mut app, &["e"]);
    assert!(
        edit.contains("That review is by Chris Speddings; you can only edit your own."),
        "{edit}"
    );
    let delete = press(&mut t, &mut app, &["d"]);
    assert!(delete.contains("you can only delete your own"), "{delete}");
    assert!(delete.contains("Reviews · 5"), "{delete}");
}

fn app_with_my_review() -> marquee::tui::app::App {
    let mut store = sample_store();
    let film = store.find_film("the-work").unwrap().id;
    let mine = NewEntry {
        author: "tester".into(),
        rating: Rating::from_half_stars(6),
        body: "my words".into(),
        created: Some("2026-01-01T10:00:00Z".into()),
        watched: Some("2026-01-01".into()),
        is_mine: true,
        ..NewEntry::default()
    };
    store.add_entry(film, &mine).unwrap();
    app_with(store)
}

#[test]
fn editing_keeps_the_review_and_changes_the_rating() {
    let mut t = terminal(80, 24);
    let mut app = app_with_my_review();
    draw(&mut t, &mut app);
    let editing = press(&mut t, &mut app, &["e"]);
    assert!(
        editing.contains("Editing your review of The Work"),
        "{editing}"
    );
    assert!(editing.contains("my words"), "{editing}");
    assert!(editing.contains("2026-01-01"), "{editing}");
    let saved = press(&mut t, &mut app, &["5", "Ctrl-s"]);
    assert!(saved.contains("Saved your changes."), "{saved}");
    assert!(saved.contains("★★★★★  tester (you)  2026-01-01"), "{saved}");
    assert!(saved.contains("Reviews · 6"), "{saved}");
    assert!(saved.contains("★ 4.75 average"), "{saved}");
}

#[test]
fn a_logs_rating_changed_in_an_edit_becomes_the_films_rating() {
    let mut t = terminal(80, 24);
    let mut app = app_with_my_review();
    draw(&mut t, &mut app);
    let before = draw(&mut t, &mut app);
    assert!(before.contains("Yours · ★★★"), "{before}");
    let saved = press(&mut t, &mut app, &["e", "4", "4", "Ctrl-s"]);
    assert!(saved.contains("Saved your changes."), "{saved}");
    assert!(saved.contains("Yours · ★★★★½"), "{saved}");
    let film = app.store().find_film("the-work").unwrap().id;
    let rating = app.store().marks(film).unwrap().rating.unwrap();
    assert_eq!(rating.half_stars(), 9);
}

#[test]
fn deleting_asks_then_removes_and_recounts() {
    let mut t = terminal(80, 24);
    let mut app = app_with_my_review();
    draw(&mut t, &mut app);
    let asked = press(&mut t, &mut app, &["d"]);
    assert!(asked.contains("Delete your review of The Work?"), "{asked}");
    let kept = press(&mut t, &mut app, &["n"]);
    assert!(kept.contains("my words"), "{kept}");
    let deleted = press(&mut t, &mut app, &["d", "y"]);
    assert!(deleted.contains("Deleted your review."), "{deleted}");
    assert!(!deleted.contains("my words"), "{deleted}");
    assert!(deleted.contains("★ 4.70 average · 5 ratings"), "{deleted}");
}

#[test]
fn a_draft_comes_back_when_the_composer_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let (mut store, _) = marquee::store::Store::open(&path).unwrap();
    marquee::sample::seed(&mut store).unwrap();
    let mut t = terminal(80, 24);
    let mut app = app_with(store);
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["w", "2", "Tab"]);
    type_text(&mut t, &mut app, "unfinished 映画");
    assert!(app.flush_draft().is_kept());
    drop(app);

    // As after a crash: a new app on the same file.
    let mut app = app_with(marquee::store::Store::open(&path).unwrap().0);
    draw(&mut t, &mut app);
    let restored = press(&mut t, &mut app, &["w"]);
    assert!(restored.contains("Your draft is back."), "{restored}");
    assert!(restored.contains("unfinished 映画"), "{restored}");
    assert!(restored.contains("★★  2 of 5"), "{restored}");
    let saved = press(&mut t, &mut app, &["Ctrl-s"]);
    assert!(saved.contains("Saved your review."), "{saved}");
    drop(app);
    let store = marquee::store::Store::open(&path).unwrap().0;
    assert_eq!(
        store.draft("the-work").unwrap(),
        None,
        "saving removes the draft"
    );
}

#[test]
fn the_composer_draws_at_every_small_size() {
    let mut app = sample_app();
    for width in 1..=30 {
        for height in 1..=12 {
            let mut t = terminal(width, height);
            press(&mut t, &mut app, &["w", "3", "Tab"]);
            type_text(&mut t, &mut app, "映画🎬 text\nmore");
            press(
                &mut t,
                &mut app,
                &["Tab", "Tab", "Space", "Esc", "n", "F1", "Esc", "Esc", "y"],
            );
        }
    }
}

#[test]
fn a_rating_alone_is_logged_and_a_future_day_refused() {
    let mut t = terminal(80, 24);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    let logged = press(&mut t, &mut app, &["w", "4", "4", "Ctrl-s"]);
    assert!(logged.contains("Logged ★★★★½."), "{logged}");
    press(&mut t, &mut app, &["w", "5", "Tab", "Tab"]);
    for _ in 0..10 {
        app.key("Backspace".parse().unwrap());
    }
    let tomorrow = (chrono::Local::now() + chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    type_text(&mut t, &mut app, &tomorrow);
    let refused = press(&mut t, &mut app, &["Ctrl-s"]);
    assert!(refused.contains("is in the future"), "{refused}");
    assert!(refused.contains("▸ Watched"), "{refused}");
}

#[test]
fn discarding_an_edit_asks_about_the_changes() {
    let mut t = terminal(80, 24);
    let mut app = app_with_my_review();
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["e", "Tab"]);
    type_text(&mut t, &mut app, " more");
    let asked = press(&mut t, &mut app, &["Esc"]);
    assert!(asked.contains("Discard your changes?"), "{asked}");
}

#[test]
fn a_narrow_composer_keeps_every_switch_in_view() {
    for width in [40, 30, 24] {
        let mut t = terminal(width, 24);
        let mut app = sample_app();
        draw(&mut t, &mut app);
        let screen = press(&mut t, &mut app, &["w"]);
        for sign in ["♥", "↺", "⚠"] {
            assert!(screen.contains(sign), "{width}: {sign}\n{screen}");
        }
    }
}

/// The review box's rows of text, trimmed, from a screen with the composer.
fn review_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|l| l.trim_matches('"').strip_prefix("│ │ "))
        .map(|l| l.trim_end_matches(['│', ' ']).trim().to_string())
        .collect()
}

#[test]
fn a_full_stop_never_wraps_onto_a_line_of_its_own() {
    // Somewhere among these, "end" fills its row to the last column.
    for pad in 20..32 {
        let text = format!("{} end. Then more.", "x".repeat(pad));
        let mut t = terminal(40, 24);
        let mut app = sample_app();
        draw(&mut t, &mut app);
        press(&mut t, &mut app, &["w", "Tab"]);
        let screen = type_text(&mut t, &mut app, &text);
        let rows = review_rows(&screen);
        assert!(
            !rows.iter().any(|r| r.starts_with('.')),
            "{pad}: a lone full stop\n{screen}"
        );
        // Every word of it whole, on one row or another.
        let shown = rows.join(" ");
        for word in text.split(' ') {
            assert!(
                shown.split(' ').any(|w| w == word),
                "{pad}: {word}\n{screen}"
            );
        }
    }
}

#[test]
fn up_and_down_move_a_row_as_the_text_is_wrapped() {
    let mut t = terminal(40, 24);
    let mut app = sample_app();
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["w", "Tab"]);
    // 32 columns of text: "aaaa… bbbb" wraps after the first word.
    type_text(
        &mut t,
        &mut app,
        &format!("{} {}", "a".repeat(20), "b".repeat(20)),
    );
    press(&mut t, &mut app, &["Up"]);
    let screen = type_text(&mut t, &mut app, "X");
    let rows = review_rows(&screen);
    assert_eq!(rows[0], format!("{}X", "a".repeat(20)), "{screen}");
    press(&mut t, &mut app, &["Down"]);
    let screen = type_text(&mut t, &mut app, "Y");
    let rows = review_rows(&screen);
    assert_eq!(rows[1], format!("{}Y", "b".repeat(20)), "{screen}");
}
