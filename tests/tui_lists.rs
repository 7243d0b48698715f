//! Lists in the app: made, named, filled from a film's page, reordered, emptied, deleted.

mod common;

use common::{add_film, config, draw, press, sample_store, terminal, type_text};
use marquee::tui::app::App;

fn app_with_films() -> App {
    let mut store = sample_store();
    for (slug, title, year) in [("heat", "Heat", 1995), ("ran", "Ran", 1985)] {
        add_film(&mut store, slug, title, year);
    }
    let id = store.create_list("Slow ones").unwrap();
    let ran = store.find_film("ran").unwrap().id;
    store.add_to_list(id, ran).unwrap();
    let film = store.find_film("the-work").unwrap();
    App::new(store, film, &config()).unwrap()
}

#[test]
fn a_list_is_made_filled_reordered_and_deleted() {
    let mut t = terminal(80, 24);
    let mut app = app_with_films();
    draw(&mut t, &mut app);
    let lists = press(&mut t, &mut app, &["l"]);
    assert!(lists.contains("Your lists · 1"), "{lists}");
    assert!(lists.contains("Slow ones  (1 film)"), "{lists}");
    // A name already used is refused, and the line stays for another try.
    press(&mut t, &mut app, &["c"]);
    let refused = type_text(&mut t, &mut app, "slow ONES\n");
    assert!(refused.contains("you have a list called"), "{refused}");
    for _ in 0..9 {
        app.key("Backspace".parse().unwrap());
    }
    let made = type_text(&mut t, &mut app, "Documentaries\n");
    assert!(made.contains("Documentaries  (0 films)"), "{made}");
    assert!(made.contains("Made the list Documentaries."), "{made}");
    // `a` adds the film the lists were opened from.
    let added = press(&mut t, &mut app, &["a"]);
    assert!(
        added.contains("Added The Work to Documentaries."),
        "{added}"
    );
    let slow = press(&mut t, &mut app, &["g", "a", "Enter"]);
    assert!(
        slow.contains("Ran (1985)") && slow.contains("The Work"),
        "{slow}"
    );
    let ran = slow.find("Ran (1985)").unwrap();
    let work = slow.find("The Work").unwrap();
    assert!(ran < work, "{slow}");
    let moved = press(&mut t, &mut app, &["G", "K"]);
    assert!(moved.contains("Moved The Work up to place 1."), "{moved}");
    assert!(
        moved.find("• The Work").unwrap() < moved.find("• Ran (1985)").unwrap(),
        "{moved}"
    );
    let removed = press(&mut t, &mut app, &["d"]);
    assert!(!removed.contains("• The Work"), "{removed}");
    assert!(
        removed.contains("Took The Work out of Slow ones"),
        "{removed}"
    );
    let closed = press(&mut t, &mut app, &["Esc", "r"]);
    assert!(closed.contains("Rename:"), "{closed}");
    let asked = press(&mut t, &mut app, &["Esc", "d"]);
    assert!(asked.contains("Delete your list Slow ones?"), "{asked}");
    let gone = press(&mut t, &mut app, &["y"]);
    assert!(
        !gone.contains("Slow ones") && gone.contains("Your lists · 1"),
        "{gone}"
    );
}

#[test]
fn a_list_made_while_another_is_open_is_shown_among_the_lists() {
    let mut t = terminal(80, 24);
    let mut app = app_with_films();
    draw(&mut t, &mut app);
    let open = press(&mut t, &mut app, &["l", "Enter"]);
    assert!(open.contains("Ran (1985)"), "{open}");
    press(&mut t, &mut app, &["c"]);
    let made = type_text(&mut t, &mut app, "Fresh\n");
    assert!(made.contains("Your lists · 2"), "{made}");
    assert!(!made.contains("Ran (1985)"), "{made}");
    let fresh = press(&mut t, &mut app, &["Enter"]);
    assert!(fresh.contains(" Fresh "), "{fresh}");
    assert!(!fresh.contains("Ran (1985)"), "{fresh}");
}

#[test]
fn a_film_taken_out_of_a_list_is_said_and_u_puts_it_back() {
    let mut t = terminal(80, 24);
    let mut app = app_with_films();
    draw(&mut t, &mut app);
    let taken = press(&mut t, &mut app, &["l", "Enter", "d"]);
    assert!(
        taken.contains("Took Ran (1985) out of Slow ones; u puts it back."),
        "{taken}"
    );
    assert!(!taken.contains("• Ran"), "{taken}");
    let back = press(&mut t, &mut app, &["u"]);
    assert!(back.contains("Put Ran (1985) back."), "{back}");
    assert!(back.contains("Ran (1985)"), "{back}");
    let film = app.store().find_film("ran").unwrap().id;
    let lists = app.store().lists().unwrap();
    assert_eq!(lists[0].items.len(), 1);
    assert_eq!(lists[0].items[0].film_id, film);
}
