//! The store against real files: creating, seeding, refusing what it must not touch,
//! finding films, and paging through reviews on their index.

use marquee::import::page;
use marquee::model::{NewEntry, NewFilm, Rating};
use marquee::query::{Cursor, ReviewQuery};
use marquee::sample;
use marquee::store::{Listing, Opened, SCHEMA_VERSION, Store, StoreError};

fn seeded() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    sample::seed(&mut store).unwrap();
    store
}

#[test]
fn a_new_file_is_created_with_its_folders_and_reopens_as_existing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep/er/marquee.db");
    let (mut store, opened) = Store::open(&path).unwrap();
    assert_eq!(opened, Opened::Created);
    sample::seed(&mut store).unwrap();
    drop(store);
    let (store, opened) = Store::open(&path).unwrap();
    assert_eq!(opened, Opened::Existing);
    assert_eq!(store.find_film("the-work").unwrap().title, "The Work");
}

#[test]
fn the_sample_is_the_seed_page_exactly() {
    let store = seeded();
    let film = store.default_film().unwrap().unwrap();
    assert_eq!(film.slug, "the-work");
    assert_eq!(film.title, "The Work");
    assert_eq!(film.directors, vec!["Jairus McLeary", "Gethin Aldous"]);
    assert!(
        film.synopsis
            .starts_with("Set entirely inside Folsom Prison")
    );
    let entries = store
        .entries_after(&ReviewQuery::film(film.id).into(), None, 50)
        .unwrap();
    let got: Vec<(String, String)> = entries
        .iter()
        .map(|e| (e.author.clone(), e.rating.unwrap().stars()))
        .collect();
    let want = [
        ("Chris Speddings", "★★★★★"),
        ("Aaron White", "★★★★½"),
        ("nickfadden", "★★★★½"),
        ("Musanna Ahmed", "★★★★★"),
        ("Libby Banks", "★★★★½"),
    ];
    assert_eq!(
        got,
        want.map(|(a, s)| (a.to_string(), s.to_string())).to_vec()
    );
    let page = page::parse(sample::PAGE).unwrap();
    for (stored, parsed) in entries.iter().zip(&page.entries) {
        assert_eq!(stored.body, parsed.body);
    }
}

#[test]
fn counts_make_the_histogram_and_average() {
    let store = seeded();
    let film = store.find_film("The Work").unwrap();
    let stats = store.film_stats(film.id).unwrap();
    assert_eq!(stats.ratings(), 5);
    assert_eq!(stats.reviews, 5);
    assert_eq!(stats.unrated, 0);
    assert_eq!(stats.count(Rating::MAX), 2);
    assert_eq!(stats.count(Rating::from_half_stars(9).unwrap()), 3);
    assert_eq!(stats.average_text().as_deref(), Some("4.70"));
}

#[test]
fn importing_the_same_page_twice_adds_nothing() {
    let mut store = seeded();
    let page = page::parse(sample::PAGE).unwrap();
    let added = store
        .add_film_with_entries(&page.film, &page.entries)
        .unwrap();
    assert_eq!((added.films, added.entries, added.duplicates), (0, 0, 5));
    let film = store.find_film("the-work").unwrap();
    assert_eq!(store.film_stats(film.id).unwrap().entries(), 5);
}

#[test]
fn a_file_that_is_not_a_database_is_named_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    let content = b"these are my notes, not a database\n".repeat(200);
    std::fs::write(&path, &content).unwrap();
    let err = Store::open(&path).err().expect("must fail");
    let message = err.to_string();
    assert!(message.contains("notes.db"), "{message}");
    assert_eq!(std::fs::read(&path).unwrap(), content);
}

#[test]
fn a_database_from_a_newer_marquee_is_refused_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", marquee::store::APPLICATION_ID)
            .unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 7)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("must fail");
    assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
    let message = err.to_string();
    assert!(message.contains("future.db"), "{message}");
    assert!(
        message.contains(&(SCHEMA_VERSION + 7).to_string()),
        "{message}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

fn film(slug: &str, title: &str, year: Option<i32>) -> NewFilm {
    NewFilm {
        slug: slug.into(),
        title: title.into(),
        year,
        ..NewFilm::default()
    }
}

#[test]
fn films_are_found_by_slug_title_or_title_and_year() {
    let mut store = seeded();
    store
        .add_film_with_entries(&film("heat-1995", "Heat", Some(1995)), &[])
        .unwrap();
    store
        .add_film_with_entries(&film("heat-1986", "Heat", Some(1986)), &[])
        .unwrap();
    assert_eq!(store.find_film("the-work").unwrap().title, "The Work");
    assert_eq!(store.find_film("THE WORK").unwrap().slug, "the-work");
    assert_eq!(store.find_film("Heat (1986)").unwrap().slug, "heat-1986");
    let ambiguous = store.find_film("heat").unwrap_err().to_string();
    assert!(ambiguous.contains("Heat (1995) [heat-1995]"), "{ambiguous}");
    assert!(ambiguous.contains("Heat (1986) [heat-1986]"), "{ambiguous}");
    let unknown = store.find_film("Work").unwrap_err().to_string();
    assert!(unknown.contains("no film matches \"Work\""), "{unknown}");
    assert!(unknown.contains("The Work [the-work]"), "{unknown}");
}

#[test]
fn the_last_viewed_film_opens_next_time() {
    let mut store = seeded();
    store
        .add_film_with_entries(&film("heat", "Heat", Some(1995)), &[])
        .unwrap();
    assert_eq!(store.default_film().unwrap().unwrap().slug, "the-work");
    let heat = store.find_film("heat").unwrap();
    store.mark_viewed(heat.id).unwrap();
    assert_eq!(store.default_film().unwrap().unwrap().slug, "heat");
}

#[test]
fn pages_follow_each_other_without_gaps_or_repeats() {
    let mut store = Store::open_in_memory().unwrap();
    let entries: Vec<NewEntry> = (0..250)
        .map(|i| NewEntry {
            author: format!("a{i}"),
            // Many share a day, so the id must break ties.
            created: Some(format!("2021-05-{:02}", 1 + i % 7)),
            source_key: Some(format!("k{i}")),
            ..NewEntry::default()
        })
        .collect();
    store
        .add_film_with_entries(&film("f", "F", None), &entries)
        .unwrap();
    let query = Listing::new(ReviewQuery::film(store.find_film("f").unwrap().id));
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = store.entries_after(&query, after, 40).unwrap();
        if page.is_empty() {
            break;
        }
        after = page.last().map(Cursor::of);
        seen.extend(page);
    }
    assert_eq!(seen.len(), 250);
    assert!(
        seen.windows(2)
            .all(|w| (w[0].ts, w[0].id) > (w[1].ts, w[1].id))
    );
    // Backwards from the end gives the same entries.
    let mut back = Vec::new();
    let mut before = None;
    loop {
        let mut page = store.entries_before(&query, before, 40).unwrap();
        if page.is_empty() {
            break;
        }
        before = page.first().map(Cursor::of);
        page.extend(back);
        back = page;
    }
    assert_eq!(
        back.iter().map(|e| e.id).collect::<Vec<_>>(),
        seen.iter().map(|e| e.id).collect::<Vec<_>>()
    );
}

fn mine(rating: u8, body: &str) -> NewEntry {
    NewEntry {
        author: "me".into(),
        rating: Rating::from_half_stars(rating),
        body: body.into(),
        created: Some("2026-01-02T03:04:05+00:00".into()),
        watched: Some("2026-01-01".into()),
        is_mine: true,
        ..NewEntry::default()
    }
}

#[test]
fn the_users_entries_change_the_counts_in_the_same_write() {
    let mut store = seeded();
    let film = store.find_film("the-work").unwrap().id;
    let id = store.add_entry(film, &mine(9, "good")).unwrap();
    let stats = store.film_stats(film).unwrap();
    assert_eq!((stats.ratings(), stats.reviews), (6, 6));
    assert_eq!(stats.count(Rating::from_half_stars(9).unwrap()), 4);

    store.update_entry(id, &mine(2, "")).unwrap();
    let stats = store.film_stats(film).unwrap();
    assert_eq!(stats.count(Rating::from_half_stars(9).unwrap()), 3);
    assert_eq!(stats.count(Rating::from_half_stars(2).unwrap()), 1);
    assert_eq!(stats.reviews, 5, "the text was removed");
    assert_eq!(
        store.entry(id).unwrap().unwrap().rating.unwrap().stars(),
        "★"
    );

    store.delete_entry(id).unwrap();
    let stats = store.film_stats(film).unwrap();
    assert_eq!((stats.ratings(), stats.reviews), (5, 5));
    assert!(store.entry(id).unwrap().is_none());
}

#[test]
fn others_entries_cannot_be_changed() {
    let mut store = seeded();
    let film = store.find_film("the-work").unwrap().id;
    let theirs = store
        .entries_after(&ReviewQuery::film(film).into(), None, 1)
        .unwrap()[0]
        .clone();
    let err = store
        .update_entry(theirs.id, &mine(1, "mine now"))
        .unwrap_err();
    assert!(err.to_string().contains("by Chris Speddings"), "{err}");
    let err = store.delete_entry(theirs.id).unwrap_err();
    assert!(matches!(err, StoreError::NotYours { .. }), "{err}");
    assert_eq!(store.entry(theirs.id).unwrap().unwrap(), theirs);
}

#[test]
fn drafts_are_kept_per_film_and_dropped_when_the_entry_is_saved() {
    let mut store = seeded();
    let film = store.find_film("the-work").unwrap().id;
    let draft = marquee::model::Draft {
        film_id: film,
        film_slug: "the-work".into(),
        rating: Rating::from_half_stars(9),
        body: "two\nlines 映画 🎬".into(),
        watched: "2026-11-26".into(),
        liked: true,
        tags: "a, b".into(),
        ..Default::default()
    };
    store.save_draft(&draft).unwrap();
    assert_eq!(store.draft("the-work").unwrap(), Some(draft.clone()));
    let changed = marquee::model::Draft {
        body: "three".into(),
        ..draft
    };
    store.save_draft(&changed).unwrap();
    assert_eq!(store.draft("the-work").unwrap().unwrap().body, "three");
    store.add_entry(film, &mine(9, "three")).unwrap();
    assert_eq!(store.draft("the-work").unwrap(), None);
}

#[test]
fn control_characters_are_never_stored() {
    let mut store = seeded();
    let film = store.find_film("the-work").unwrap().id;
    let id = store
        .add_entry(film, &mine(4, "ok\x1b]0;title\x07\r\nnext\u{9b}1m"))
        .unwrap();
    assert_eq!(store.entry(id).unwrap().unwrap().body, "ok]0;title\nnext1m");
}

#[test]
fn a_saved_entry_is_found_at_its_position() {
    let mut store = seeded();
    let film = store.find_film("the-work").unwrap().id;
    let id = store.add_entry(film, &mine(4, "newest")).unwrap();
    let entry = store.entry(id).unwrap().unwrap();
    let query = Listing::new(ReviewQuery::film(film));
    assert_eq!(store.position(&query, Cursor::of(&entry)).unwrap(), 0);
    let last = store.entries_before(&query, None, 1).unwrap()[0].clone();
    assert_eq!(store.position(&query, Cursor::of(&last)).unwrap(), 5);
}

fn review(author: &str, key: Option<&str>) -> NewEntry {
    NewEntry {
        author: author.into(),
        rating: Some("4".parse().unwrap()),
        body: format!("{author} liked it"),
        source_key: key.map(str::to_string),
        ..NewEntry::default()
    }
}

#[test]
fn entries_with_ids_keep_free_ids_and_skip_what_is_stored() {
    use marquee::store::Placed;
    let mut store = seeded();
    let mut import = store.begin_import().unwrap();
    let film = import.film(&film("f", "F", None)).unwrap();
    assert!(import.entry(film, &review("ann", Some("k1"))).unwrap());
    let added = import.commit().unwrap();
    assert_eq!(added.entries, 1);

    let mut import = store.begin_import().unwrap();
    // Above every stored id: kept, unless its source key is stored already.
    assert_eq!(
        import
            .entry_with_id(1000, film, &review("bob", None))
            .unwrap(),
        Placed::AsIs
    );
    assert_eq!(
        import
            .entry_with_id(1001, film, &review("ann", Some("k1")))
            .unwrap(),
        Placed::Duplicate
    );
    // An id added earlier in the same import: the same entry is skipped, another renumbered.
    assert_eq!(
        import
            .entry_with_id(1000, film, &review("bob", None))
            .unwrap(),
        Placed::Duplicate
    );
    assert_eq!(
        import
            .entry_with_id(1000, film, &review("cat", None))
            .unwrap(),
        Placed::Renumbered
    );
    // A stored id (the sample's first review) held by another entry: renumbered too.
    assert_eq!(
        import.entry_with_id(1, film, &review("dan", None)).unwrap(),
        Placed::Renumbered
    );
    let added = import.commit().unwrap();
    assert_eq!((added.entries, added.duplicates), (3, 2));

    let mut stored: Vec<(i64, String)> = store
        .entries_after(&ReviewQuery::film(film).into(), None, 10)
        .unwrap()
        .into_iter()
        .map(|e| (e.id, e.author))
        .collect();
    stored.sort();
    // ann from the first import; bob under his own id; cat and dan under new ids above it.
    let authors: Vec<&str> = stored.iter().map(|(_, a)| a.as_str()).collect();
    assert_eq!(authors, ["ann", "bob", "cat", "dan"], "{stored:?}");
    assert_eq!(stored[1].0, 1000);
    assert!(stored[2].0 > 1000 && stored[3].0 > 1000, "{stored:?}");
}

fn journal_mode(path: &std::path::Path) -> String {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn an_import_alone_uses_a_rollback_journal_and_leaves_wal_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let mut store = Store::open(&path).unwrap().0;
    assert_eq!(journal_mode(&path), "wal");
    let mut import = store.begin_import().unwrap();
    let film_id = import.film(&film("f", "F", None)).unwrap();
    import.entry(film_id, &review("ann", None)).unwrap();
    // Mid-import, the database is the import's: no WAL file is written meanwhile.
    assert!(!dir.path().join("m.db-wal").exists());
    assert!(dir.path().join("m.db-journal").exists());
    import.commit().unwrap();
    assert_eq!(journal_mode(&path), "wal");

    // With another connection open, the import keeps WAL and that connection can read.
    let other = Store::open(&path).unwrap().0;
    let mut import = store.begin_import().unwrap();
    import.entry(film_id, &review("bob", None)).unwrap();
    assert!(!dir.path().join("m.db-journal").exists());
    assert_eq!(other.find_film("f").unwrap().id, film_id);
    import.commit().unwrap();
    let query = Listing::new(ReviewQuery::film(film_id));
    assert_eq!(other.entries_after(&query, None, 10).unwrap().len(), 2);
}

#[test]
fn an_import_given_up_rolls_back_and_leaves_wal_as_it_found_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let mut store = Store::open(&path).unwrap().0;
    let mut import = store.begin_import().unwrap();
    let film_id = import.film(&film("f", "F", None)).unwrap();
    import.entry(film_id, &review("ann", None)).unwrap();
    assert_eq!(journal_mode(&path), "delete", "mid-import");
    // Its input had an error: dropped without committing.
    drop(import);
    assert_eq!(journal_mode(&path), "wal");
    assert!(store.find_film("f").is_err(), "nothing of it is kept");
}

#[test]
fn opening_waits_for_a_writer_that_has_the_database_and_turns_wal_back_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    drop(Store::open(&path).unwrap());
    // What a killed import leaves: a rollback journal; here another process is writing.
    let writer = rusqlite::Connection::open(&path).unwrap();
    writer
        .execute_batch("PRAGMA journal_mode = DELETE; BEGIN EXCLUSIVE;")
        .unwrap();
    let (done, finished) = std::sync::mpsc::channel();
    let opening = std::thread::spawn({
        let path = path.clone();
        move || {
            let opened = Store::open(&path).map(|_| ());
            let _ = done.send(());
            opened
        }
    });
    // Still waiting after longer than a connection's own wait for a lock (5 s): an import
    // can take minutes. (An early give-up or open ends the wait at once.)
    let early = finished.recv_timeout(std::time::Duration::from_millis(5500));
    assert!(
        early.is_err(),
        "gave up or opened while another had the database"
    );
    writer.execute_batch("COMMIT").unwrap();
    drop(writer);
    opening.join().unwrap().unwrap();
    assert_eq!(journal_mode(&path), "wal");
}

#[test]
fn search_folds_letters_beyond_accents() {
    let mut store = Store::open_in_memory().unwrap();
    let entries = [
        review_with("ann", "Martin Ødegaard scores twice"),
        review_with("bo", "Die Straße bei Nacht"),
        review_with("cy", "Æon Flux, again"),
    ];
    store
        .add_film_with_entries(&film("f", "F", None), &entries)
        .unwrap();
    let film = store.find_film("f").unwrap().id;
    for (words, author) in [
        ("odegaard", "ann"),
        ("Ødegaard", "ann"),
        ("strasse", "bo"),
        ("STRASSE NACHT", "bo"),
        ("aeon", "cy"),
    ] {
        let listing = Listing::new(ReviewQuery {
            search: Some(words.into()),
            ..ReviewQuery::film(film)
        });
        let found = store.entries_after(&listing, None, 10).unwrap();
        let authors: Vec<&str> = found.iter().map(|e| e.author.as_str()).collect();
        assert_eq!(authors, [author], "{words}");
    }
}

fn review_with(author: &str, body: &str) -> NewEntry {
    NewEntry {
        author: author.into(),
        body: body.into(),
        ..NewEntry::default()
    }
}

#[test]
fn films_are_listed_in_natural_title_order_without_articles() {
    let mut store = Store::open_in_memory().unwrap();
    for (slug, title) in [
        ("the-work", "The Work"),
        ("sf10", "Small Film 10"),
        ("sf2", "Small Film 2"),
        ("amelie", "Amélie"),
        ("a-zed", "A Zed"),
    ] {
        store
            .add_film_with_entries(&film(slug, title, None), &[])
            .unwrap();
    }
    let titles: Vec<String> = store
        .films_with_stats()
        .unwrap()
        .into_iter()
        .map(|f| f.film.title)
        .collect();
    assert_eq!(
        titles,
        [
            "Amélie",
            "Small Film 2",
            "Small Film 10",
            "The Work",
            "A Zed"
        ]
    );
}

#[test]
fn the_kept_counts_of_a_year_agree_with_its_tally() {
    let mut store = seeded();
    let film = store.find_film("the-work").unwrap().id;
    for i in 0..40u8 {
        let log = NewEntry {
            author: "me".into(),
            rating: Rating::from_half_stars(i % 11),
            watched: Some(format!("20{:02}-0{}-1{}", 20 + i % 4, 1 + i % 9, i % 10)),
            is_mine: true,
            ..NewEntry::default()
        };
        store.add_entry(film, &log).unwrap();
    }
    let mut years = store.diary_years().unwrap();
    assert_eq!(years, [2023, 2022, 2021, 2020]);
    years.push(0);
    for year in years.into_iter().map(|y| (y != 0).then_some(y)) {
        let counts = store.log_counts(year).unwrap();
        let tally = store.log_stats(year).unwrap();
        assert_eq!(counts.logs, tally.logs, "{year:?}");
        assert_eq!(counts.ratings, tally.ratings, "{year:?}");
        assert_eq!(counts.unrated, tally.unrated, "{year:?}");
        assert_eq!(counts.per_year, tally.per_year, "{year:?}");
    }
    assert_eq!(store.log_counts(None).unwrap().logs, 40);
    assert_eq!(store.log_counts(Some(2020)).unwrap().logs, 10);
}

/// The films seen as a live query reads them: id, logs, last day, rating, title key, year.
fn seen_live(conn: &rusqlite::Connection) -> Vec<(i64, i64, String, i64, String, i64)> {
    let mut stmt = conn
        .prepare(
            "SELECT f.id, coalesce(l.n, 0), coalesce(l.last, m.watched), coalesce(m.rating, 0),
                    f.title, coalesce(f.year, 0)
             FROM film f LEFT JOIN mark m ON m.film_id = f.id
             LEFT JOIN (SELECT film_id, count(*) AS n, max(watched) AS last FROM entry
                        WHERE is_mine AND watched IS NOT NULL GROUP BY film_id) l
                    ON l.film_id = f.id
             WHERE l.n > 0 OR m.watched IS NOT NULL ORDER BY f.id",
        )
        .unwrap();
    stmt.query_map([], |r| {
        let title: String = r.get(4)?;
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            marquee::text::title_key(&title),
            r.get(5)?,
        ))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

fn seen_kept(conn: &rusqlite::Connection) -> Vec<(i64, i64, String, i64, String, i64)> {
    let mut stmt = conn
        .prepare("SELECT film_id, logs, last, rating, title_key, year FROM seen_film ORDER BY 1")
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

#[test]
fn the_films_seen_are_kept_through_anyones_writes() {
    use marquee::model::Mark;
    use marquee::store::{SeenOrder, SeenQuery};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let (mut store, _) = Store::open(&path).unwrap();
    sample::seed(&mut store).unwrap();
    let mut ids = Vec::new();
    for (slug, title, year) in [
        ("heat", "Heat", 1995),
        ("ran", "Ran", 1985),
        ("m", "M", 1931),
    ] {
        store
            .add_film_with_entries(&film(slug, title, Some(year)), &[])
            .unwrap();
        ids.push(store.find_film(slug).unwrap().id);
    }
    let log = |day: &str| NewEntry {
        author: "me".into(),
        watched: Some(day.into()),
        is_mine: true,
        ..NewEntry::default()
    };
    let plain = rusqlite::Connection::open(&path).unwrap();
    let check = |when: &str| {
        store_keys(&path);
        assert_eq!(seen_kept(&plain), seen_live(&plain), "{when}");
    };
    store.add_entry(ids[0], &log("2024-05-01")).unwrap();
    store.add_entry(ids[0], &log("2025-01-02")).unwrap();
    check("two logs");
    assert!(store.set_mark_on(ids[1], Mark::Watched, true).unwrap());
    check("marked watched");
    // Another program: a log, a rating, a retitled film, a log moved, a log deleted.
    plain
        .execute_batch(&format!(
            "INSERT INTO entry (film_id, author, watched, created, is_mine)
                 VALUES ({m}, 'me', '2023-03-03', '2023-03-03', 1);
             UPDATE mark SET rating = 8 WHERE film_id = {ran};
             UPDATE film SET title = 'The Ran 2' WHERE id = {ran};
             UPDATE entry SET watched = '2026-01-01' WHERE film_id = {heat} AND watched = '2024-05-01';",
            m = ids[2],
            ran = ids[1],
            heat = ids[0]
        ))
        .unwrap();
    check("another program's writes");
    plain
        .execute_batch(&format!(
            "DELETE FROM entry WHERE film_id = {m} AND is_mine;
             UPDATE entry SET is_mine = 0 WHERE film_id = {heat} AND watched = '2025-01-02';",
            m = ids[2],
            heat = ids[0]
        ))
        .unwrap();
    check("logs taken away");
    assert!(store.set_mark_on(ids[1], Mark::Watched, false).unwrap());
    check("unmarked");
    let title = |order| {
        let query = SeenQuery { order, title: None };
        store
            .seen_page(&query, None, false, false, 10)
            .unwrap()
            .into_iter()
            .map(|f| f.film.title)
            .collect::<Vec<_>>()
    };
    assert_eq!(title(SeenOrder::Title), ["Heat"]);
}

/// Gives titles their keys, as marquee does before it reads the films seen.
fn store_keys(path: &std::path::Path) {
    Store::open(path).unwrap().0.update_title_keys().unwrap();
}

#[test]
fn the_films_seen_page_both_ways_in_every_order_as_sorting_them_would() {
    use marquee::model::Mark;
    use marquee::store::{SeenOrder, SeenQuery};
    use std::cmp::Reverse;
    let mut store = seeded();
    // Titles with numbers and articles, years unknown for some, ratings and days repeated.
    for i in 0..61u8 {
        let title = match i % 4 {
            0 => format!("The Film {i}"),
            1 => format!("film {}", 60 - i),
            2 => format!("Ärger {}", i % 7),
            _ => format!("A {}", i % 5),
        };
        let year = (i % 6 != 0).then(|| 1950 + i32::from(i % 9));
        let slug = format!("f{i}");
        store
            .add_film_with_entries(&film(&slug, &title, year), &[])
            .unwrap();
        let id = store.find_film(&slug).unwrap().id;
        let log = NewEntry {
            author: "me".into(),
            rating: Rating::from_half_stars(i % 11),
            watched: Some(format!("2024-0{}-1{}", 1 + i % 9, i % 3)),
            is_mine: true,
            ..NewEntry::default()
        };
        if i % 5 == 0 {
            assert!(store.set_mark_on(id, Mark::Watched, true).unwrap());
        } else {
            store.add_entry(id, &log).unwrap();
        }
    }
    let query = |order| SeenQuery { order, title: None };
    let all = store
        .seen_page(&query(SeenOrder::Title), None, false, false, 1000)
        .unwrap();
    assert_eq!(all.len(), 61);
    for order in [
        SeenOrder::Watched,
        SeenOrder::Title,
        SeenOrder::Year,
        SeenOrder::Rating,
    ] {
        // The order, sorted here from the films' own values.
        let mut expected = all.clone();
        let by_title = |a: &marquee::store::SeenFilm, b: &marquee::store::SeenFilm| {
            marquee::text::title_order(&a.film.title, &b.film.title).then(a.film.id.cmp(&b.film.id))
        };
        match order {
            SeenOrder::Watched => expected.sort_by_key(|f| Reverse((f.last.clone(), f.film.id))),
            SeenOrder::Title => expected.sort_by(by_title),
            SeenOrder::Year => expected.sort_by(|a, b| {
                a.film
                    .year
                    .unwrap_or(0)
                    .cmp(&b.film.year.unwrap_or(0))
                    .then(by_title(a, b))
            }),
            SeenOrder::Rating => {
                expected.sort_by_key(|f| Reverse((f.rating, f.last.clone(), f.film.id)))
            }
        }
        let expected: Vec<i64> = expected.iter().map(|f| f.film.id).collect();
        // Forward, seven at a time, each page after the last one's last film.
        let mut forward = Vec::new();
        let mut cursor = None;
        loop {
            let page = store
                .seen_page(&query(order), cursor.as_ref(), false, false, 7)
                .unwrap();
            let Some(last) = page.last() else { break };
            cursor = Some(last.cursor(order));
            forward.extend(page.iter().map(|f| f.film.id));
        }
        assert_eq!(forward, expected, "{order:?} forward");
        // Backward from the end, five at a time.
        let mut backward = Vec::new();
        let mut cursor = None;
        loop {
            let page = store
                .seen_page(&query(order), cursor.as_ref(), true, false, 5)
                .unwrap();
            let Some(first) = page.first() else { break };
            cursor = Some(first.cursor(order));
            backward.splice(0..0, page.iter().map(|f| f.film.id));
        }
        assert_eq!(backward, expected, "{order:?} backward");
        for (position, id) in expected.iter().enumerate() {
            let at = store.seen_cursor(order, *id).unwrap().unwrap();
            assert_eq!(store.seen_position(&query(order), &at).unwrap(), position);
            let here = store
                .seen_page(&query(order), Some(&at), false, true, 1)
                .unwrap();
            assert_eq!(here[0].film.id, *id);
        }
    }
}

#[test]
fn check_names_every_kept_count_that_differs_missing_or_not() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let (mut store, _) = Store::open(&path).unwrap();
    let film = NewFilm {
        slug: "f".into(),
        title: "F".into(),
        ..NewFilm::default()
    };
    let entry = |rating: Option<u8>, body: &str, key: &str| NewEntry {
        author: "ann".into(),
        rating: rating.and_then(Rating::from_half_stars),
        body: body.into(),
        source_key: Some(key.into()),
        ..NewEntry::default()
    };
    let entries = [
        entry(None, "no stars", "a"),
        entry(None, "", "b"),
        entry(Some(8), "four stars", "c"),
    ];
    store.add_film_with_entries(&film, &entries).unwrap();
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
    let id = store.find_film("f").unwrap().id;
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(&format!(
            "DELETE FROM film_count WHERE bucket = 0;
             UPDATE film_count SET reviews = 0 WHERE bucket = 8;
             INSERT INTO film_count (film_id, bucket, entries, reviews) VALUES ({id}, 2, 1, 1);"
        ))
        .unwrap();
    assert_eq!(
        store.check().unwrap(),
        [
            format!(
                "film {id}, unrated: the kept count says 0 entries (0 with text), the entries are 2 (1 with text)"
            ),
            format!(
                "film {id}, 2 half stars: the kept count says 1 entries (1 with text), the entries are 0 (0 with text)"
            ),
            format!(
                "film {id}, 8 half stars: the kept count says 1 entries (0 with text), the entries are 1 (1 with text)"
            ),
        ]
    );
}

#[test]
fn a_day_a_script_wrote_past_year_9999_is_no_year_of_the_diary() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let (mut store, _) = Store::open(&db).unwrap();
    sample::seed(&mut store).unwrap();
    let film = store.find_film("the-work").unwrap().id;
    for watched in ["2024-05-01", "2019-01-02"] {
        let log = NewEntry {
            author: "me".into(),
            watched: Some(watched.into()),
            is_mine: true,
            ..NewEntry::default()
        };
        store.add_entry(film, &log).unwrap();
    }
    drop(store);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE entry SET watched = '99999-12-31' WHERE watched = '2019-01-02'",
        [],
    )
    .unwrap();
    drop(conn);
    let (store, _) = Store::open(&db).unwrap();
    assert_eq!(store.diary_years().unwrap(), [2024]);
}
