//! Reviews of any length: one taller than the list shows its beginning and says there is
//! more; the reader shows it whole.

mod common;

use common::{app_with, draw, press, sample_store, terminal};
use marquee::model::{NewEntry, NewFilm, Rating};
use marquee::tui::app::App;

/// A film whose reviews are `words` words each, numbered so each line can be told apart,
/// ending with "THE-END".
fn film_of_long_reviews(reviews: usize, words: usize) -> App {
    let mut store = sample_store();
    let entries: Vec<NewEntry> = (0..reviews)
        .map(|r| {
            let mut body: Vec<String> = (0..words).map(|w| format!("w{r}x{w}")).collect();
            body.push("THE-END".into());
            NewEntry {
                author: format!("critic{r}"),
                rating: Rating::from_half_stars(8),
                body: body.join(" "),
                created: Some(format!("2025-01-{:02}", 1 + r % 28)),
                ..NewEntry::default()
            }
        })
        .collect();
    let film = NewFilm {
        slug: "long".into(),
        title: "Long".into(),
        ..NewFilm::default()
    };
    store.add_film_with_entries(&film, &entries).unwrap();
    let mut app = app_with(store);
    let mut t = terminal(80, 24);
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["F"]);
    common::type_text(&mut t, &mut app, "Long\n");
    app
}

#[test]
fn a_review_taller_than_the_list_is_cut_with_a_note_and_read_whole() {
    // About 12,000 words, 100,000 characters: hundreds of lines at any width.
    let mut app = film_of_long_reviews(3, 12_000);
    let mut t = terminal(80, 24);
    let list = draw(&mut t, &mut app);
    assert!(list.contains("Long"), "{list}");
    assert!(list.contains("⋯ more: Enter reads it whole"), "{list}");
    assert!(list.contains("w"), "{list}");
    assert!(!list.contains("THE-END"), "{list}");
    // j goes to the next review, cut too, on screen.
    let next = press(&mut t, &mut app, &["j"]);
    assert!(next.contains("▌ ★★★★"), "{next}");
    assert!(next.contains("⋯ more"), "{next}");
    // The reader has it all: its end is there.
    let reader = press(&mut t, &mut app, &["Enter", "G"]);
    assert!(reader.contains("THE-END"), "{reader}");
    // Tiny and wide, the list still cuts it to fit.
    for (w, h) in [(30, 10), (200, 60)] {
        let mut t = terminal(w, h);
        let list = press(&mut t, &mut app, &["Esc"]);
        assert!(list.contains("⋯ more"), "{w}x{h}: {list}");
        press(&mut t, &mut app, &["Enter"]);
    }
}

#[test]
fn a_review_that_fits_has_no_note() {
    let mut app = film_of_long_reviews(2, 30);
    let mut t = terminal(80, 24);
    let list = press(&mut t, &mut app, &["g"]);
    assert!(list.contains("THE-END"), "{list}");
    assert!(!list.contains("⋯ more"), "{list}");
}
