//! Keys pressed while the search's matches are counted on their thread are kept and
//! applied in order once the count is in.

mod common;
#[path = "common/synthetic.rs"]
mod synthetic;

use std::time::{Duration, Instant};

use common::{config, draw, press, terminal, type_text};
use marquee::store::Store;
use marquee::tui::app::App;

/// A file of 3,000 generated reviews on one film ("film" is in most of them), so a
/// search for it is counted on the counting thread.
fn app_on_a_big_film(dir: &std::path::Path) -> App {
    let (mut store, _) = Store::open(&dir.join("m.db")).unwrap();
    let mut jsonl = Vec::new();
    synthetic::write_jsonl(3000, 0, &mut jsonl).unwrap();
    marquee::import::jsonl::import(jsonl.as_slice(), "gen", &mut store).unwrap();
    let film = store.find_film("big-film").unwrap();
    App::new(store, film, &config()).unwrap()
}

/// The big film's app with "film" searched (Enter pressed): its matches are being
/// counted. Returns the frame Enter drew.
fn searching_film(
    dir: &std::path::Path,
) -> (
    App,
    ratatui::Terminal<ratatui::backend::TestBackend>,
    String,
) {
    let mut app = app_on_a_big_film(dir);
    let mut t = terminal(80, 24);
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["/"]);
    type_text(&mut t, &mut app, "film");
    let searching = press(&mut t, &mut app, &["Enter"]);
    (app, t, searching)
}

/// Ticks the app until the screen no longer says it counts.
fn until_counted(
    t: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
    app: &mut App,
) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        app.tick(Instant::now());
        let screen = draw(t, app);
        if !screen.contains("counting") {
            return screen;
        }
        assert!(Instant::now() < deadline, "never counted: {screen}");
        std::thread::sleep(app.next_tick());
    }
}

/// "12/2,345" from the status line: the selected position and the total.
fn position(screen: &str) -> (String, String) {
    let status = screen.lines().last().unwrap().trim_matches('"').trim();
    let at = status.split_whitespace().next().unwrap();
    let (a, b) = at
        .split_once('/')
        .unwrap_or_else(|| panic!("no position: {status}"));
    (a.to_string(), b.to_string())
}

#[test]
fn g_while_the_matches_are_counted_goes_to_the_last_once_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut t, searching) = searching_film(dir.path());
    assert!(searching.contains("counting"), "{searching}");
    // G, then k: both wait for the count.
    let waiting = press(&mut t, &mut app, &["G", "k"]);
    assert!(waiting.contains("Counting the matches"), "{waiting}");
    let counted = until_counted(&mut t, &mut app);
    let (at, of) = position(&counted);
    let total: u64 = of.replace(',', "").parse().unwrap();
    let at: u64 = at.replace(',', "").parse().unwrap();
    assert!(total > 1000, "{counted}");
    assert_eq!(
        at,
        total - 1,
        "G then k: the one before the last. {counted}"
    );
    assert!(!counted.contains("Counting the matches"), "{counted}");
}

#[test]
fn another_key_while_counting_lets_go_of_the_kept_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut t, _) = searching_film(dir.path());
    // G waits; g goes to the top at once and G is forgotten.
    press(&mut t, &mut app, &["G", "g"]);
    let counted = until_counted(&mut t, &mut app);
    assert_eq!(position(&counted).0, "1", "{counted}");
}
