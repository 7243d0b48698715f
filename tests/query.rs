//! The query engine against generated data: every filter, sort and search, paged both
//! ways, equals a naive filter and sort of the same rows; and every plan uses an index.

use std::cmp::Ordering;

use marquee::model::{NewEntry, NewFilm, Rating};
use marquee::query::{Cursor, Direction, RatingFilter, ReviewQuery, Sort};
use marquee::store::{Listing, SearchTuning, Store};
use proptest::prelude::*;

const WORDS: [&str; 8] = [
    "father", "fathers", "son", "prison", "Émotion", "café", "映画", "raw",
];

#[derive(Clone, Debug)]
struct Row {
    rating: Option<u8>,
    day: u8,
    likes: u8,
    words: Vec<usize>,
    author: usize,
}

fn row() -> impl Strategy<Value = Row> {
    (
        prop::option::weighted(0.85, 1u8..=10),
        0u8..6,
        0u8..4,
        prop::collection::vec(0..WORDS.len(), 0..4),
        0usize..3,
    )
        .prop_map(|(rating, day, likes, words, author)| Row {
            rating,
            day,
            likes,
            words,
            author,
        })
}

fn filter() -> impl Strategy<Value = RatingFilter> {
    prop_oneof![
        Just(RatingFilter::All),
        Just(RatingFilter::Unrated),
        (1u8..=10).prop_map(|h| RatingFilter::Exactly(Rating::from_half_stars(h).unwrap())),
        (1u8..=10).prop_map(|h| RatingFilter::AtLeast(Rating::from_half_stars(h).unwrap())),
    ]
}

fn sort() -> impl Strategy<Value = Sort> {
    prop::sample::select(Sort::ALL.to_vec())
}

fn search() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        3 => Just(None),
        1 => Just(Some("fath".to_string())),
        1 => Just(Some("EMOTION".to_string())),
        1 => Just(Some("cafe son".to_string())),
        1 => Just(Some("映".to_string())),
        1 => Just(Some("ann".to_string())),
    ]
}

/// Every way a search can be answered, forced on a few rows: gathered, walked by text
/// from the first page, walked by text or by ids after a probe, and ids after texts.
fn tuning() -> impl Strategy<Value = SearchTuning> {
    let small = |probe, gather_max, ids_max| SearchTuning {
        probe,
        chunk: 3,
        gather_max,
        ids_max,
        text_walk_max: 1000,
    };
    prop_oneof![
        Just(SearchTuning::default()),
        Just(small(1000, 0, 0)),
        Just(small(2, 0, 0)),
        Just(small(2, 0, u64::MAX)),
        Just(small(2, 5, u64::MAX)),
        // More matches in all films than gathered, few enough in this one for ids: the
        // film's own matches are counted to decide.
        Just(small(2, 5, 8)),
        // Reading texts gives up at once and turns to ids.
        Just(SearchTuning {
            text_walk_max: 2,
            ..small(1000, 0, 0)
        }),
    ]
}

const AUTHORS: [&str; 3] = ["ann", "Bob", "Zoë"];

fn body(row: &Row) -> String {
    row.words
        .iter()
        .map(|&w| WORDS[w])
        .collect::<Vec<_>>()
        .join(" ")
}

/// Case- and accent-blind word-prefix match, as the search promises.
fn fold(s: &str) -> String {
    s.to_lowercase().replace(['é', 'ë', 'É'], "e")
}

fn matches(row: &Row, search: &Option<String>) -> bool {
    let Some(search) = search else {
        return true;
    };
    let text = format!("{} {}", body(row), AUTHORS[row.author]);
    let words: Vec<String> = text.split_whitespace().map(fold).collect();
    search
        .split_whitespace()
        .all(|term| words.iter().any(|w| w.starts_with(&fold(term))))
}

fn build(rows: &[Row]) -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let other = NewFilm {
        slug: "other".into(),
        title: "Other".into(),
        ..NewFilm::default()
    };
    // Another film with the same words, which no query of the first may return.
    let decoys: Vec<NewEntry> = (0..5)
        .map(|i| NewEntry {
            author: "ann".into(),
            rating: Rating::from_half_stars(10),
            body: "father son prison".into(),
            source_key: Some(format!("decoy{i}")),
            ..NewEntry::default()
        })
        .collect();
    store.add_film_with_entries(&other, &decoys).unwrap();
    let film = NewFilm {
        slug: "f".into(),
        title: "F".into(),
        ..NewFilm::default()
    };
    let entries: Vec<NewEntry> = rows
        .iter()
        .map(|r| NewEntry {
            author: AUTHORS[r.author].into(),
            rating: r.rating.and_then(Rating::from_half_stars),
            body: body(r),
            created: Some(format!("2024-01-0{}", r.day + 1)),
            likes: u32::from(r.likes),
            ..NewEntry::default()
        })
        .collect();
    store.add_film_with_entries(&film, &entries).unwrap();
    let id = store.find_film("f").unwrap().id;
    (store, id)
}

/// Pages through the whole list with `page` rows at a time.
fn walk(store: &Store, listing: &Listing, page: usize, direction: Direction) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut from: Option<Cursor> = None;
    loop {
        let rows = store.page(listing, from, direction, page).unwrap();
        if rows.is_empty() {
            break;
        }
        from = Some(Cursor::of(match direction {
            Direction::Forward => rows.last().unwrap(),
            Direction::Backward => rows.first().unwrap(),
        }));
        match direction {
            Direction::Forward => ids.extend(rows.iter().map(|e| e.id)),
            Direction::Backward => {
                let mut before: Vec<i64> = rows.iter().map(|e| e.id).collect();
                before.extend(ids);
                ids = before;
            }
        }
    }
    ids
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn every_combination_equals_a_naive_filter_and_sort(
        rows in prop::collection::vec(row(), 0..60),
        filter in filter(),
        sort in sort(),
        search in search(),
        page in 1usize..7,
        tuning in tuning(),
    ) {
        let (mut store, film) = build(&rows);
        store.tune_search(tuning);
        let query = ReviewQuery { film_id: film, filter, sort, search: search.clone(), text_only: false };
        // The naive answer: every stored entry, filtered and sorted in memory.
        let all = store.page(&ReviewQuery::film(film).into(), None, Direction::Forward, 10_000).unwrap();
        prop_assert_eq!(all.len(), rows.len());
        let mut expected: Vec<_> = all
            .iter()
            .filter(|e| filter.keeps(e.rating))
            .filter(|e| {
                let row = rows.iter().find(|r| body(r) == e.body && AUTHORS[r.author] == e.author);
                row.is_some_and(|r| matches(r, &search))
            })
            .collect();
        expected.sort_by(|a, b| sort.compare(&Cursor::of(a), &Cursor::of(b)));
        let expected: Vec<i64> = expected.iter().map(|e| e.id).collect();

        let listing = Listing::new(query.clone());
        prop_assert_eq!(&walk(&store, &listing, page, Direction::Forward), &expected);
        prop_assert_eq!(&walk(&store, &listing, page, Direction::Backward), &expected);
        // From cold, the other way first.
        prop_assert_eq!(&walk(&store, &Listing::new(query), page, Direction::Backward), &expected);
        prop_assert_eq!(store.count(&listing).unwrap(), expected.len() as u64);
        for (position, id) in expected.iter().enumerate() {
            let entry = store.entry(*id).unwrap().unwrap();
            prop_assert_eq!(store.position(&listing, Cursor::of(&entry)).unwrap(), position);
        }
    }
}

#[test]
fn orders_break_ties_the_same_way_every_time() {
    let a = Cursor {
        bucket: Some(8),
        ts: 5,
        likes: 1,
        id: 1,
    };
    let b = Cursor {
        bucket: Some(8),
        ts: 5,
        likes: 1,
        id: 2,
    };
    for sort in Sort::ALL {
        assert_ne!(sort.compare(&a, &b), Ordering::Equal, "{sort:?}");
    }
}

#[test]
fn every_list_query_reads_an_index_and_never_sorts() {
    let rows: Vec<Row> = (0..40)
        .map(|i| Row {
            rating: if i % 5 == 0 {
                None
            } else {
                Some(1 + (i % 10) as u8)
            },
            day: (i % 6) as u8,
            likes: (i % 4) as u8,
            words: vec![i % WORDS.len()],
            author: i % 3,
        })
        .collect();
    let (store, film) = build(&rows);
    let some = store
        .page(
            &ReviewQuery::film(film).into(),
            None,
            Direction::Forward,
            20,
        )
        .unwrap();
    let cursor = Cursor::of(&some[10]);
    let filters = [
        RatingFilter::All,
        RatingFilter::Unrated,
        RatingFilter::Exactly(Rating::from_half_stars(9).unwrap()),
        RatingFilter::AtLeast(Rating::from_half_stars(7).unwrap()),
    ];
    for filter in filters {
        for sort in Sort::ALL {
            for search in [None, Some("fath".to_string())] {
                for from in [None, Some(cursor)] {
                    let query = ReviewQuery {
                        film_id: film,
                        filter,
                        sort,
                        search: search.clone(),
                        text_only: false,
                    };
                    let plan = store.explain_page(&query.into(), from).unwrap().join("\n");
                    let case = format!("{filter:?} {sort:?} {search:?} {from:?}:\n{plan}");
                    assert!(plan.contains("USING COVERING INDEX"), "{case}");
                    assert!(!plan.contains("SCAN"), "{case}");
                    // Only the two buckets of ratings stored outside the rules (`rating<`,
                    // `rating>`: none, or a few a script wrote) may sort what they hold.
                    let lines: Vec<&str> = plan.lines().collect();
                    for (i, line) in lines.iter().enumerate() {
                        if line.contains("TEMP B-TREE") {
                            let bucket = i.checked_sub(1).map_or("", |b| lines[b]);
                            assert!(
                                bucket.contains("rating<?") || bucket.contains("rating>?"),
                                "{case}"
                            );
                        }
                    }
                }
            }
        }
    }
}

/// A search answered once (gathered, walked by text or by ids) still finds what this
/// connection or another one writes afterwards: nothing has to tell it the entries changed.
#[test]
fn a_search_sees_writes_made_after_it_was_answered() {
    let tunings = [
        SearchTuning::default(),
        SearchTuning {
            probe: 1000,
            chunk: 3,
            gather_max: 0,
            ids_max: 0,
            text_walk_max: 1000,
        },
        SearchTuning {
            probe: 2,
            chunk: 3,
            gather_max: 0,
            ids_max: u64::MAX,
            text_walk_max: 1000,
        },
    ];
    for tuning in tunings {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let (mut ours, _) = Store::open(&path).unwrap();
        let (mut theirs, _) = Store::open(&path).unwrap();
        ours.tune_search(tuning);
        let film = NewFilm {
            slug: "f".into(),
            title: "F".into(),
            ..NewFilm::default()
        };
        let review = |body: &str, author: &str| NewEntry {
            author: author.into(),
            rating: Rating::from_half_stars(8),
            body: body.into(),
            ..NewEntry::default()
        };
        let seed: Vec<NewEntry> = (0..6)
            .map(|i| review(if i % 2 == 0 { "vertigo again" } else { "plain" }, "ann"))
            .collect();
        ours.add_film_with_entries(&film, &seed).unwrap();
        let id = ours.find_film("f").unwrap().id;
        let listing = Listing::new(ReviewQuery {
            search: Some("vertigo".into()),
            ..ReviewQuery::film(id)
        });
        let found = |store: &Store| walk(store, &listing, 10, Direction::Forward).len();
        assert_eq!(found(&ours), 3, "{tuning:?}");

        let mine = NewEntry {
            is_mine: true,
            ..review("vertigo once more", "me")
        };
        let mine = ours.add_entry(id, &mine).unwrap();
        assert_eq!(found(&ours), 4, "our own write, {tuning:?}");
        theirs.add_entry(id, &review("more vertigo", "cy")).unwrap();
        assert_eq!(found(&ours), 5, "another connection's write, {tuning:?}");
        ours.delete_entry(mine).unwrap();
        assert_eq!(found(&ours), 4, "our own delete, {tuning:?}");
        assert_eq!(ours.count(&listing).unwrap(), 4, "{tuning:?}");
    }
}

#[test]
fn two_searches_on_one_connection_keep_their_own_matches() {
    let rows: Vec<Row> = (0..40)
        .map(|i| Row {
            rating: Some((i % 10 + 1) as u8),
            day: (i % 6) as u8,
            likes: (i % 4) as u8,
            words: vec![i % WORDS.len()],
            author: i % 3,
        })
        .collect();
    let (mut store, film) = build(&rows);
    // A first step that reads the whole film: counting a search (a page of 32) reaches
    // its end, so its matches are gathered, and both searches share the one temporary
    // table of matches in turn.
    store.tune_search(SearchTuning {
        chunk: 64,
        ..SearchTuning::default()
    });
    let search = |word: &str| {
        Listing::new(ReviewQuery {
            search: Some(word.into()),
            ..ReviewQuery::film(film)
        })
    };
    let expected = |word: &str| {
        let mut all = walk(&store, &search(word), 1000, Direction::Forward);
        all.sort_unstable();
        all
    };
    let (one, other) = (search(WORDS[2]), search(WORDS[3]));
    let (want_one, want_other) = (expected(WORDS[2]), expected(WORDS[3]));
    assert!(!want_one.is_empty() && !want_other.is_empty());
    assert!(want_one != want_other);
    assert_eq!(store.count(&one).unwrap() as usize, want_one.len());
    assert_eq!(store.count(&other).unwrap() as usize, want_other.len());
    // Page through both at once, a few rows of each in turn.
    let (mut got_one, mut got_other) = (Vec::new(), Vec::new());
    let (mut from_one, mut from_other): (Option<Cursor>, Option<Cursor>) = (None, None);
    for _ in 0..40 {
        for (listing, got, from) in [
            (&one, &mut got_one, &mut from_one),
            (&other, &mut got_other, &mut from_other),
        ] {
            let page = store.entries_after(listing, *from, 2).unwrap();
            if let Some(last) = page.last() {
                *from = Some(Cursor::of(last));
            }
            got.extend(page.iter().map(|e| e.id));
        }
    }
    got_one.sort_unstable();
    got_other.sort_unstable();
    assert_eq!(got_one, want_one);
    assert_eq!(got_other, want_other);
    assert_eq!(store.count(&one).unwrap() as usize, want_one.len());
}

#[test]
fn a_search_for_the_films_number_finds_only_reviews_with_it() {
    // The index holds a word per film, made of its number: no search may reach it.
    let mut store = Store::open_in_memory().unwrap();
    // Another film with more reviews, so searches of the first are narrowed by its word.
    let other = NewFilm {
        slug: "other".into(),
        title: "Other".into(),
        ..NewFilm::default()
    };
    let others: Vec<NewEntry> = (0..5)
        .map(|i| NewEntry {
            author: "bo".into(),
            body: "nothing to see".into(),
            source_key: Some(format!("other{i}")),
            ..NewEntry::default()
        })
        .collect();
    store.add_film_with_entries(&other, &others).unwrap();
    let film = NewFilm {
        slug: "f".into(),
        title: "F".into(),
        ..NewFilm::default()
    };
    let reviews: Vec<NewEntry> = ["no digits here", "seen it 1 time", "twice"]
        .iter()
        .map(|body| NewEntry {
            author: "ann".into(),
            body: (*body).into(),
            ..NewEntry::default()
        })
        .collect();
    store.add_film_with_entries(&film, &reviews).unwrap();
    let id = store.find_film("f").unwrap().id;
    for tuning in [
        SearchTuning::default(),
        // Straight to the index's counts, then to gathering or to ids.
        SearchTuning {
            probe: 1,
            chunk: 1,
            ..SearchTuning::default()
        },
        SearchTuning {
            probe: 1,
            chunk: 1,
            gather_max: 0,
            ids_max: u64::MAX,
            text_walk_max: 1,
        },
    ] {
        store.tune_search(tuning);
        for typed in [id.to_string(), format!("\u{1}{id}"), "1".to_string()] {
            let listing = Listing::new(ReviewQuery {
                search: Some(typed.clone()),
                ..ReviewQuery::film(id)
            });
            let found: Vec<String> = walk(&store, &listing, 10, Direction::Forward)
                .iter()
                .map(|e| store.entry(*e).unwrap().unwrap().body)
                .collect();
            let expected: &[&str] = if typed == "1" {
                &["seen it 1 time"]
            } else {
                &[]
            };
            assert_eq!(found, expected, "{typed:?}, {tuning:?}");
        }
    }
}
