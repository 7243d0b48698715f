//! JSONL is lossless: export, import into an empty database, export again gives the same
//! bytes, for any data; and importing it twice adds nothing.

use marquee::export;
use marquee::import::jsonl;
use marquee::model::{NewEntry, NewFilm, Rating};
use marquee::store::Store;
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z ,.!?'\"]{0,40}",
        "[\\u{4e00}-\\u{4e20}é😀\\n\\t ]{0,20}",
    ]
}

fn entry() -> impl Strategy<Value = NewEntry> {
    (
        prop::option::of(1u8..=10),
        text(),
        prop::option::of((2000i32..2030, 1u32..13, 1u32..29)),
        any::<(bool, bool, bool, bool)>(),
        0u32..1000,
        prop::collection::vec("[a-z]{1,6}", 0..3),
        "[A-Za-z]{1,8}",
    )
        .prop_filter("a log needs a rating or text", |(r, body, ..)| {
            r.is_some() || !body.trim().is_empty()
        })
        .prop_map(
            |(rating, body, date, (liked, rewatch, spoiler, mine), likes, tags, author)| {
                let day = date.map(|(y, m, d)| format!("{y}-{m:02}-{d:02}"));
                NewEntry {
                    author,
                    rating: rating.and_then(Rating::from_half_stars),
                    body: body.trim().to_string(),
                    watched: day.clone(),
                    created: day.map(|d| format!("{d}T10:00:00+02:00")),
                    liked,
                    rewatch,
                    spoiler,
                    likes,
                    tags,
                    source_key: None,
                    is_mine: mine,
                    markup: None,
                    ..NewEntry::default()
                }
            },
        )
}

fn film(i: usize) -> impl Strategy<Value = (NewFilm, Vec<NewEntry>)> {
    (
        "[A-Za-z ]{1,12}",
        prop::option::of(1900i32..2030),
        prop::collection::vec("[A-Za-z ]{1,10}", 0..3),
        text(),
        prop::collection::vec(entry(), 0..8),
    )
        .prop_map(move |(title, year, directors, synopsis, entries)| {
            let film = NewFilm {
                slug: format!("film-{i}"),
                title,
                year,
                directors,
                synopsis,
            };
            (film, entries)
        })
}

fn export_bytes(store: &Store) -> Vec<u8> {
    let films = export::films(store, None).unwrap();
    let mut out = Vec::new();
    export::jsonl::write(store, &films, &mut out).unwrap();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn export_import_export_is_the_same_bytes(films in (0usize..4).prop_flat_map(|n| {
        (0..n).map(film).collect::<Vec<_>>()
    })) {
        let mut original = Store::open_in_memory().unwrap();
        for (film, entries) in &films {
            original.add_film_with_entries(film, entries).unwrap();
        }
        let first = export_bytes(&original);

        let mut copy = Store::open_in_memory().unwrap();
        jsonl::import(first.as_slice(), "export", &mut copy).unwrap();
        let second = export_bytes(&copy);
        prop_assert_eq!(String::from_utf8_lossy(&first), String::from_utf8_lossy(&second));

        let again = jsonl::import(first.as_slice(), "export", &mut copy).unwrap();
        prop_assert_eq!(again.entries, 0);
        prop_assert_eq!(again.films, 0);
        prop_assert_eq!(export_bytes(&copy), first);
    }
}

#[test]
fn a_clashing_id_gets_a_new_one_and_nothing_is_lost() {
    let mut a = Store::open_in_memory().unwrap();
    let mut b = Store::open_in_memory().unwrap();
    let film = NewFilm {
        slug: "f".into(),
        title: "F".into(),
        ..NewFilm::default()
    };
    let entry = |author: &str| NewEntry {
        author: author.into(),
        rating: Rating::from_half_stars(6),
        ..NewEntry::default()
    };
    a.add_film_with_entries(&film, &[entry("ann")]).unwrap();
    b.add_film_with_entries(&film, &[entry("bob")]).unwrap();
    let from_a = export_bytes(&a);
    let summary = jsonl::import(from_a.as_slice(), "a", &mut b).unwrap();
    assert_eq!((summary.entries, summary.renumbered), (1, 1));
    let text = String::from_utf8(export_bytes(&b)).unwrap();
    assert!(
        text.contains("\"author\":\"ann\"") && text.contains("\"author\":\"bob\""),
        "{text}"
    );
}
