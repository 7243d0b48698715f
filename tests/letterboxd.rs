//! A Letterboxd history comes in whole: an export written here in the shapes of real
//! ones (CRLF and LF, empty addresses, both address vintages, unrated logs, two films
//! with one name and year, review HTML, lists, a hand-edited header), imported as a
//! folder and file by file in every order, and older and newer exports of one account.

#[path = "common/cli.rs"]
mod cli;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cli::marquee;
use marquee::import::letterboxd;
use marquee::store::Store;
use predicates::str::contains;
use serde_json::Value;

fn crlf(lines: &[&str]) -> String {
    format!("{}\r\n", lines.join("\r\n"))
}

fn lf(lines: &[&str]) -> String {
    format!("{}\n", lines.join("\n"))
}

/// The newer export: boxd.it addresses.
fn newer_export() -> Vec<(&'static str, String)> {
    vec![
        (
            "profile.csv",
            crlf(&[
                "Date Joined,Username,Given Name,Family Name,Email Address,Location,Website,Bio,Pronoun,Favorite Films",
                "2019-03-01,ada_l,Ada,,ada@example.org,,,,She / her,\"https://boxd.it/f01, https://boxd.it/f06\"",
            ]),
        ),
        (
            "diary.csv",
            lf(&[
                "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date",
                "2024-01-05,Heat,1995,https://boxd.it/aA01,4.5,,\"crime, la\",2024-01-04",
                // A log without a rating is still a log.
                "2024-01-06,Alien,1979,https://boxd.it/aA02,,,,2024-01-06",
                "2024-02-10,Alien,1979,https://boxd.it/aA03,5,Yes,,2024-02-09",
                // A film Letterboxd removed: no address.
                "2024-03-01,Lost Short,2019,,,,\"short, youtube\",2024-03-01",
                // Two films are called Twin (2001): the log can't tell which.
                "2024-03-02,Twin,2001,https://boxd.it/aA04,3,,,2024-03-02",
                "2024-04-01,Solaris,1972,https://boxd.it/aA05,,,,2024-04-01",
            ]),
        ),
        (
            "reviews.csv",
            crlf(&[
                "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date",
                "2024-01-05,Heat,1995,https://boxd.it/aA01,4.5,,\"<blockquote>Enhance your calm.</blockquote>Haha, <i>what</i> a <b>duel</b>.\r\n\r\nSee <a href=\"\"https://example.org/heat\"\">the notes</a>.\",\"crime, la\",2024-01-04",
                "2024-03-01,Lost Short,2019,,,,A short I liked &amp; kept.,\"short, youtube\",2024-03-01",
                // A review with no diary log.
                "2024-05-01,Stalker,1979,https://boxd.it/aA06,4,,Slow and <em>wonderful</em>.,,",
                // Two reviews of removed films: two entries, not one.
                "2024-05-02,Gone Film,2010,,2.5,,Review of a removed film.,,",
                "2024-05-03,Gone Too,2011,,,,Another removed one.,,",
            ]),
        ),
        (
            "ratings.csv",
            lf(&[
                "Date,Name,Year,Letterboxd URI,Rating",
                "2024-01-05,Heat,1995,https://boxd.it/f01,4.5",
                "2023-06-01,Mirror,1975,https://boxd.it/f02,3.5",
                "2024-04-01,Solaris,1972,https://boxd.it/f03,4",
            ]),
        ),
        (
            "watched.csv",
            lf(&[
                "Date,Name,Year,Letterboxd URI",
                "2024-01-04,Heat,1995,https://boxd.it/f01",
                "2024-03-02,Twin,2001,https://boxd.it/f04",
                "2024-03-02,Twin,2001,https://boxd.it/f05",
                "2023-06-01,Mirror,1975,https://boxd.it/f02",
            ]),
        ),
        (
            "watchlist.csv",
            lf(&[
                "Date,Name,Year,Letterboxd URI",
                "2024-06-01,Sans Soleil,1983,https://boxd.it/f06",
            ]),
        ),
        (
            "likes/films.csv",
            lf(&[
                "Date,Name,Year,Letterboxd URI",
                "2024-01-05,Heat,1995,https://boxd.it/f01",
            ]),
        ),
        (
            "lists/favourites.csv",
            crlf(&[
                "Letterboxd list export v7",
                "Date,Name,Tags,URL,Description",
                "2024-06-02,Favourites,\"best, rewatch\",https://boxd.it/L001,Films I <i>love</i>.",
                "",
                "Position,Name,Year,URL,Description",
                "1,Heat,1995,https://boxd.it/f01,The duel.",
                "2,Sans Soleil,1983,https://boxd.it/f06,",
            ]),
        ),
        (
            // Letterboxd allows two lists with one name.
            "lists/favourites-1.csv",
            lf(&[
                "Letterboxd list export v7",
                "Date,Name,Tags,URL,Description",
                "2024-07-01,Favourites,,https://boxd.it/L002,",
                "",
                "Position,Name,Year,URL,Description",
                "1,Mirror,1975,https://boxd.it/f02,",
            ]),
        ),
        (
            "comments.csv",
            lf(&[
                "Date,Content,Comment",
                "2024-01-01,https://boxd.it/x,Not read.",
            ]),
        ),
        (
            "deleted/diary.csv",
            lf(&[
                "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date",
                "2024-01-01,Deleted Film,2001,https://boxd.it/zz,1,,,2024-01-01",
            ]),
        ),
    ]
}

/// An older export of the same account: letterboxd.com addresses, no Rewatch column, a
/// log the newer export no longer has.
fn older_export() -> Vec<(&'static str, String)> {
    vec![
        (
            "diary.csv",
            lf(&[
                "Date,Name,Year,Letterboxd URI,Rating,Tags,Watched Date",
                "2023-12-01,Old Only,1950,https://letterboxd.com/ada_l/film/old-only/,3,,2023-12-01",
                "2024-01-05,Heat,1995,https://letterboxd.com/ada_l/film/heat/,4.5,\"crime, la\",2024-01-04",
                "2024-01-06,Alien,1979,https://letterboxd.com/ada_l/film/alien/,,,2024-01-06",
                "2024-02-10,Alien,1979,https://letterboxd.com/ada_l/film/alien/1/,5,,2024-02-09",
            ]),
        ),
        (
            "reviews.csv",
            lf(&[
                "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date",
                "2024-01-05,Heat,1995,https://letterboxd.com/ada_l/film/heat/,4.5,,\"<blockquote>Enhance your calm.</blockquote>Haha, <i>what</i> a <b>duel</b>.\n\nSee <a href=\"\"https://example.org/heat\"\">the notes</a>.\",\"crime, la\",2024-01-04",
            ]),
        ),
        (
            "watched.csv",
            lf(&[
                "Date,Name,Year,Letterboxd URI",
                "2024-01-04,Heat,1995,https://letterboxd.com/film/heat/",
                "2023-12-01,Old Only,1950,https://letterboxd.com/film/old-only/",
            ]),
        ),
    ]
}

fn write(dir: &Path, files: &[(&str, String)]) -> PathBuf {
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir.to_path_buf()
}

/// What a store holds, with nothing that depends on the order of writing (ids, slugs):
/// films by title, year and addresses; entries; marks; lists.
fn state(store: &Store) -> BTreeMap<String, Vec<String>> {
    let mut state: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut name_of = BTreeMap::new();
    for film in store.films_by_slug().unwrap() {
        let name = format!(
            "{} ({:?}) {:?}",
            film.title,
            film.year,
            store.film_uris(film.id).unwrap()
        );
        name_of.insert(film.id, name.clone());
        let marks = store.marks(film.id).unwrap();
        state
            .entry("films".into())
            .or_default()
            .push(format!("{name} {marks:?}"));
        store
            .each_entry::<marquee::store::StoreError, _>(film.id, |e| {
                state.entry("entries".into()).or_default().push(format!(
                    "{name} | {} | {:?} | {:?} | {:?} | {:?} | {:?} | {} | {} | {:?} | {:?}",
                    e.author,
                    e.rating,
                    e.body,
                    e.markup,
                    e.watched,
                    e.created,
                    e.rewatch,
                    e.is_mine,
                    e.tags,
                    e.source_key
                ));
                Ok(())
            })
            .unwrap();
    }
    for list in store.lists().unwrap() {
        let films: Vec<String> = list
            .items
            .iter()
            .map(|i| format!("{} {} {:?}", i.position, name_of[&i.film_id], i.note))
            .collect();
        state.entry("lists".into()).or_default().push(format!(
            "{} {:?} {:?} {:?} {} {:?} {:?} {films:?}",
            list.name,
            list.description,
            list.markup,
            list.tags,
            list.ranked,
            list.created,
            list.source_key
        ));
    }
    for list in state.values_mut() {
        list.sort();
    }
    state
}

fn import_all(store: &mut Store, path: &Path) {
    let export = letterboxd::read(path).unwrap();
    assert!(export.unread.is_empty());
    letterboxd::import(&export.sources, store, "fallback").unwrap();
}

fn imported(path: &Path) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    import_all(&mut store, path);
    store
}

fn count(state: &BTreeMap<String, Vec<String>>, what: &str) -> usize {
    state.get(what).map_or(0, Vec::len)
}

#[test]
fn the_folder_gives_every_log_review_mark_and_list() {
    let dir = tempfile::tempdir().unwrap();
    let export = write(dir.path(), &newer_export());
    let store = imported(&export);
    let state = state(&store);
    // Heat, Alien, Lost Short, two Twins, Solaris, Stalker, Gone Film, Gone Too,
    // Mirror, Sans Soleil; not the deleted film.
    assert_eq!(count(&state, "films"), 11, "{:#?}", state["films"]);
    // Six logs, three reviews of their own, one rating of a film with no log.
    assert_eq!(count(&state, "entries"), 10, "{:#?}", state["entries"]);
    let entries = &state["entries"];
    let texts = entries.iter().filter(|e| !e.contains("| \"\" |")).count();
    assert_eq!(texts, 5, "{entries:#?}");
    let heat = entries.iter().find(|e| e.starts_with("Heat")).unwrap();
    assert!(
        heat.contains("\"Enhance your calm.\\n\\nHaha, what a duel.\\n\\nSee the notes.\""),
        "{heat}"
    );
    // Its text as the export wrote it, CRLF and all.
    assert!(heat.contains("<blockquote>Enhance your calm.</blockquote>Haha, <i>what</i> a <b>duel</b>.\\r\\n\\r\\nSee <a href=\\\"https://example.org/heat\\\">the notes</a>."), "{heat}");
    assert!(heat.contains("| ada_l |"), "{heat}");
    let alien: Vec<&String> = entries.iter().filter(|e| e.starts_with("Alien")).collect();
    assert_eq!(alien.len(), 2, "an unrated log and a rewatch");
    let lost = entries
        .iter()
        .find(|e| e.starts_with("Lost Short"))
        .unwrap();
    assert!(
        lost.contains("A short I liked & kept."),
        "joined its log by film and dates: {lost}"
    );
    assert_eq!(entries.iter().filter(|e| e.starts_with("Gone")).count(), 2);
    let mirror = entries.iter().find(|e| e.starts_with("Mirror")).unwrap();
    assert!(mirror.contains("letterboxd-rating:"), "{mirror}");
    let solaris: Vec<&String> = entries
        .iter()
        .filter(|e| e.starts_with("Solaris"))
        .collect();
    assert_eq!(solaris.len(), 1, "the log, not the rating: {solaris:?}");
    // Two films called Twin stay two, and the log went to one of them.
    let twins: Vec<&String> = state["films"]
        .iter()
        .filter(|f| f.starts_with("Twin"))
        .collect();
    assert_eq!(twins.len(), 2);
    let films = &state["films"];
    let heat_film = films.iter().find(|f| f.starts_with("Heat")).unwrap();
    for mark in [
        "rating: Some(Rating(9))",
        "watched: Some(\"2024-01-04\")",
        "liked: Some(\"2024-01-05\")",
    ] {
        assert!(heat_film.contains(mark), "{mark} in {heat_film}");
    }
    let sans_soleil = films.iter().find(|f| f.starts_with("Sans Soleil")).unwrap();
    assert!(
        sans_soleil.contains("watchlist: Some(\"2024-06-01\")"),
        "{sans_soleil}"
    );
    let lists = &state["lists"];
    assert_eq!(lists.len(), 2, "two lists with one name: {lists:#?}");
    assert!(
        lists
            .iter()
            .any(|l| l.contains("The duel.") && l.contains("Films I love.")),
        "{lists:#?}"
    );
}

#[test]
fn files_one_at_a_time_in_every_order_give_the_whole() {
    let dir = tempfile::tempdir().unwrap();
    let export = write(dir.path(), &newer_export());
    let whole = state(&imported(&export));
    // The files whose order matters to one another; watchlist and likes ride along,
    // one first and one last.
    let files = [
        "profile.csv",
        "diary.csv",
        "reviews.csv",
        "ratings.csv",
        "watched.csv",
        "lists/favourites.csv",
    ];
    let mut orders = 0;
    permutations(&files, &mut |order| {
        let mut store = Store::open_in_memory().unwrap();
        import_all(&mut store, &export.join("watchlist.csv"));
        for file in order {
            import_all(&mut store, &export.join(file));
        }
        import_all(&mut store, &export.join("lists/favourites-1.csv"));
        import_all(&mut store, &export.join("likes/films.csv"));
        assert_eq!(state(&store), whole, "in the order {order:?}");
        orders += 1;
    });
    assert_eq!(orders, 720);
}

/// Calls `each` with every order of `items`.
fn permutations<'a>(items: &[&'a str], each: &mut dyn FnMut(&[&'a str])) {
    fn go<'a>(
        chosen: &mut Vec<&'a str>,
        rest: &mut Vec<&'a str>,
        each: &mut dyn FnMut(&[&'a str]),
    ) {
        if rest.is_empty() {
            each(chosen);
            return;
        }
        for i in 0..rest.len() {
            let item = rest.remove(i);
            chosen.push(item);
            go(chosen, rest, each);
            chosen.pop();
            rest.insert(i, item);
        }
    }
    go(&mut Vec::new(), &mut items.to_vec(), each);
}

#[test]
fn importing_again_or_as_a_zip_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let export = write(&dir.path().join("export"), &newer_export());
    let mut store = imported(&export);
    let before = state(&store);
    import_all(&mut store, &export);
    assert_eq!(state(&store), before);
    let zip = dir.path().join("letterboxd-ada_l-2024.zip");
    zip_folder(&export, &zip, "letterboxd-ada_l-2024/");
    import_all(&mut store, &zip);
    assert_eq!(state(&store), before);
    assert_eq!(
        state(&imported(&zip)),
        before,
        "the ZIP alone gives the same"
    );
}

#[test]
fn an_older_and_a_newer_export_of_one_account_double_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(&dir.path().join("old"), &older_export());
    let new = write(&dir.path().join("new"), &newer_export());
    let newer_alone = state(&imported(&new));
    let mut both = imported(&old);
    import_all(&mut both, &new);
    let state = state(&both);
    // All the newer export has, and the one log only the older one has.
    assert_eq!(
        count(&state, "entries"),
        count(&newer_alone, "entries") + 1,
        "{:#?}",
        state["entries"]
    );
    assert_eq!(
        count(&state, "films"),
        count(&newer_alone, "films") + 1,
        "{:#?}",
        state["films"]
    );
    let heat: Vec<&String> = state["films"]
        .iter()
        .filter(|f| f.starts_with("Heat"))
        .collect();
    assert_eq!(heat.len(), 1, "both addresses name one film: {heat:?}");
    assert!(
        heat[0].contains("https://letterboxd.com/film/heat/")
            && heat[0].contains("https://boxd.it/f01")
    );
    // And the other way round.
    let mut reverse = imported(&new);
    import_all(&mut reverse, &old);
    assert_eq!(
        count(&self::state(&reverse), "entries"),
        count(&state, "entries")
    );
}

fn zip_folder(folder: &Path, zip_path: &Path, prefix: &str) {
    use std::io::Write;
    let file = std::fs::File::create(zip_path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    for (name, _) in newer_export() {
        zip.start_file(format!("{prefix}{name}"), options).unwrap();
        zip.write_all(&std::fs::read(folder.join(name)).unwrap())
            .unwrap();
    }
    zip.finish().unwrap();
}

fn json(db: &Path, args: &[&str]) -> Value {
    let out = marquee(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_summary_accounts_for_every_row_and_the_commands_show_marks_and_lists() {
    let dir = tempfile::tempdir().unwrap();
    let export = write(&dir.path().join("export"), &newer_export());
    let db = dir.path().join("m.db");
    let out = marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&export)
        .output()
        .unwrap();
    let summary = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{summary}");
    for line in [
        "11 films added, 10 entries added",
        "diary.csv: 6 rows: 6 logs added",
        "reviews.csv: 5 rows: 2 reviews added to their diary logs, 3 reviews added as entries of their own (no diary log)",
        "ratings.csv: 3 rows: 2 ratings kept as the film's rating (the film has logs), 1 rating added as rating-only entries (films with no log)",
        "watched.csv: 4 rows: 4 films marked watched",
        "favourites.csv: 2 films: 2 added to the list \"Favourites\"",
        "note: ",
        "2 films are called Twin (2001)",
    ] {
        assert!(summary.contains(line), "{line:?} in:\n{summary}");
    }
    let again = marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&export)
        .output()
        .unwrap();
    let again = String::from_utf8(again.stdout).unwrap();
    assert!(again.contains("0 films added, 0 entries added"), "{again}");
    assert!(
        again.contains("diary.csv: 6 rows: 6 logs already there"),
        "{again}"
    );
    assert!(
        again.contains("watched.csv: 4 rows: 4 marks already there"),
        "{again}"
    );

    let films = json(&db, &["films", "--format", "json"]);
    let heat = films
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["title"] == "Heat")
        .unwrap();
    assert_eq!(heat["rating"], 4.5);
    assert_eq!(heat["watched"], "2024-01-04");
    assert_eq!(heat["liked"], "2024-01-05");
    assert_eq!(heat["watchlist"], Value::Null);
    let lists = json(&db, &["lists", "--format", "json"]);
    assert_eq!(lists.as_array().unwrap().len(), 2);
    assert_eq!(lists[0]["name"], "Favourites");
    assert_eq!(lists[0]["description"], "Films I love.");
    assert_eq!(lists[0]["ranked"], true);
    assert_eq!(lists[0]["films"][0]["position"], 1);
    assert_eq!(lists[0]["films"][0]["note"], "The duel.");
    assert_eq!(lists[0]["films"][1]["slug"], "sans-soleil");
}

#[test]
fn jsonl_and_csv_round_trips_keep_everything() {
    let dir = tempfile::tempdir().unwrap();
    let export = write(&dir.path().join("export"), &newer_export());
    let db = dir.path().join("m.db");
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&export)
        .assert()
        .success();
    let jsonl = marquee(&db).arg("export").output().unwrap().stdout;
    let text = String::from_utf8(jsonl.clone()).unwrap();
    assert!(
        text.contains("\"type\":\"list\""),
        "lists are in the export"
    );
    assert!(
        text.contains("\"watchlist\":\"2024-06-01\""),
        "marks are in the export"
    );
    assert!(
        text.contains("\"markup\":\"<blockquote>"),
        "markup is in the export"
    );
    let copy = dir.path().join("copy.db");
    let file = dir.path().join("all.jsonl");
    std::fs::write(&file, &jsonl).unwrap();
    marquee(&copy)
        .args(["import", "jsonl"])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(
        marquee(&copy).arg("export").output().unwrap().stdout,
        jsonl,
        "same bytes"
    );

    // CSV: Letterboxd's import format, read back by marquee.
    let csv_file = dir.path().join("marquee-export.csv");
    marquee(&db)
        .args(["export", "--format", "csv", "-o"])
        .arg(&csv_file)
        .assert()
        .success();
    let csv_text = std::fs::read_to_string(&csv_file).unwrap();
    assert!(
        csv_text.starts_with(
            "LetterboxdURI,Title,Year,Directors,Rating,WatchedDate,Rewatch,Tags,Review,imdbID,tmdbID\n"
        ),
        "{csv_text}"
    );
    assert!(
        csv_text.contains("<i>what</i>"),
        "Letterboxd gets its markup back"
    );
    let from_csv = dir.path().join("from-csv.db");
    marquee(&from_csv)
        .args(["import", "letterboxd"])
        .arg(&csv_file)
        .assert()
        .success()
        .stdout(contains("10 entries added"));
    let entries = |db: &Path| {
        let mut all: Vec<String> = marquee(db)
            .arg("export")
            .output()
            .unwrap()
            .stdout
            .split(|&b| b == b'\n')
            .filter_map(|l| serde_json::from_slice::<Value>(l).ok())
            .filter(|v| v["type"] == "review")
            .map(|v| {
                format!(
                    "{} {} {} {} {} {} {}",
                    v["rating"],
                    v["body"],
                    v["markup"],
                    v["watched"],
                    v["rewatch"],
                    v["tags"],
                    v["film"]
                )
            })
            .collect();
        all.sort();
        all
    };
    let original = entries(&db);
    let back = entries(&from_csv);
    assert_eq!(original.len(), back.len());
    // The same entries (films by slug: Twin's two films are told apart by address).
    let strip = |v: &[String]| -> Vec<String> {
        v.iter()
            .map(|e| e.rsplit_once(' ').unwrap().0.to_string())
            .collect()
    };
    assert_eq!(strip(&original), strip(&back));
    // Back into the database it came from: nothing new.
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&csv_file)
        .assert()
        .success()
        .stdout(contains("0 entries added"));

    // The watchlist and a list, in Letterboxd's forms, read back as what they are.
    let watchlist = marquee(&db)
        .args(["export", "--format", "csv", "--watchlist"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(watchlist.stdout).unwrap(),
        "Date,Name,Year,Letterboxd URI\n2024-06-01,Sans Soleil,1983,https://boxd.it/f06\n"
    );
    let list = marquee(&db)
        .args(["export", "--format", "csv", "--list", "Favourites"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(list.stderr).unwrap();
    assert!(
        stderr.contains("2 lists are called \"Favourites\""),
        "{stderr}"
    );
    let list = marquee(&db)
        .args(["export", "--format", "csv", "--list", "Favourites #1"])
        .output()
        .unwrap();
    let list = String::from_utf8(list.stdout).unwrap();
    assert!(list.starts_with("Letterboxd list export v7\nDate,Name,Tags,URL,Description\n2024-06-02,Favourites,\"best, rewatch\",https://boxd.it/L001,Films I <i>love</i>.\n\nPosition,Name,Year,URL,Description\n1,Heat,1995,https://boxd.it/f01,The duel.\n"), "{list}");
}

#[test]
fn errors_name_the_real_file_its_physical_line_the_column_and_the_value() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    // CRLF, a review over two lines, then a bad rating on physical line 4.
    let reviews = dir.path().join("reviews (1).csv");
    std::fs::write(
        &reviews,
        crlf(&[
            "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date",
            "2024-01-05,Heat,1995,https://boxd.it/a1,4,,\"two\r\nlines\",,2024-01-04",
            "2024-01-06,Alien,1979,https://boxd.it/a2,4.3,,bad,,2024-01-06",
        ]),
    )
    .unwrap();
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&reviews)
        .assert()
        .failure()
        .stderr(contains(
            "reviews (1).csv line 4: Rating: invalid rating \"4.3\"",
        ));
    assert!(
        !db.exists(),
        "a failed import into a new path leaves no database"
    );

    // Inside a ZIP, the ZIP's name and the file's.
    let zip = dir.path().join("export.zip");
    {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::fs::File::create(&zip).unwrap());
        w.start_file("diary.csv", zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(b"Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n2024-01-01,X,1999,,,,,2024-02-30\n").unwrap();
        w.finish().unwrap();
    }
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&zip)
        .assert()
        .failure()
        .stderr(contains(
            "export.zip:diary.csv line 2: Watched Date: invalid date \"2024-02-30\"",
        ));

    // A hand-edited header: Title for Name is read; two candidates are refused.
    let edited = dir.path().join("my diary.csv");
    std::fs::write(
        &edited,
        lf(&[
            "Date,Title,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date",
            "2024-01-01,Heat,1995,https://boxd.it/a9,4,,,2024-01-01",
        ]),
    )
    .unwrap();
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&edited)
        .assert()
        .success()
        .stdout(contains("1 log added"));
    std::fs::write(
        &edited,
        lf(&["Date,Title,Film,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date"]),
    )
    .unwrap();
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&edited)
        .assert()
        .failure()
        .stderr(contains(
            "my diary.csv line 1: the header has 2 columns that could be \"Name\" (title, film)",
        ));
    // watched, watchlist and liked films share a header: another name can't say which.
    let shared = dir.path().join("films.csv");
    std::fs::write(
        &shared,
        "Date,Name,Year,Letterboxd URI\n2024-01-01,Heat,1995,https://boxd.it/f1\n",
    )
    .unwrap();
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&shared)
        .assert()
        .failure()
        .stderr(contains(
            "are those of watched.csv, watchlist.csv and likes/films.csv alike",
        ));
}

#[test]
fn a_film_renamed_between_exports_is_named_in_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(&dir.path().join("old"), &older_export());
    let renamed: Vec<(&str, String)> = vec![(
        "diary.csv",
        lf(&[
            "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date",
            "2024-01-05,Heat: Remastered,1995,https://boxd.it/aA01,4.5,,,2024-01-04",
        ]),
    )];
    let new = write(&dir.path().join("new"), &renamed);
    let db = dir.path().join("m.db");
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&old)
        .assert()
        .success();
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&new)
        .assert()
        .success()
        .stdout(contains(
            "diary.csv line 2: could not match Heat: Remastered (1995) to a film already there; Heat (1995) has a log of the same days from another export",
        ));
}

#[test]
fn an_export_cut_short_inside_a_quoted_review_is_refused_with_nothing_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = newer_export();
    let db = dir.path().join("m.db");
    let whole = write(&dir.path().join("whole"), &files);
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&whole)
        .assert()
        .success();
    let before = std::fs::read(&db).unwrap();
    // The download stopped inside the last review's text, two lines into it.
    let reviews = files
        .iter_mut()
        .find(|(name, _)| *name == "reviews.csv")
        .unwrap();
    reviews.1.push_str("2024-06-01,Heat,1995,https://boxd.it/aA01,5,Yes,\"Again.\r\nthis quote never closes,,2023-01-05\r\n");
    let cut = write(&dir.path().join("cut"), &files);
    for path in [cut.clone(), cut.join("reviews.csv")] {
        marquee(&db)
            .args(["import", "letterboxd"])
            .arg(&path)
            .assert()
            .code(1)
            .stderr(contains(
                "reviews.csv line 9: a quoted field begins here and never closes",
            ));
        assert_eq!(std::fs::read(&db).unwrap(), before, "nothing changed");
    }
}

/// Two films called The Haunted Castle (1897), each logged once on one day: the older
/// export's addresses name the films' pages, the newer's are boxd.it links to the logs.
fn two_castles(vintage: &str) -> Vec<(&'static str, String)> {
    let (log_a, log_b, film_a, film_b) = match vintage {
        "old" => (
            "https://letterboxd.com/ada_l/film/the-haunted-castle-1897/",
            "https://letterboxd.com/ada_l/film/the-haunted-castle-1897-1/",
            "https://letterboxd.com/film/the-haunted-castle-1897/",
            "https://letterboxd.com/film/the-haunted-castle-1897-1/",
        ),
        _ => (
            "https://boxd.it/1cA1",
            "https://boxd.it/1cA2",
            "https://boxd.it/6Pk1",
            "https://boxd.it/3y71",
        ),
    };
    vec![
        (
            "diary.csv",
            lf(&[
                "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date",
                &format!(
                    "2020-06-16,The Haunted Castle,1897,{log_a},,,\"short, silent\",2020-06-16"
                ),
                &format!(
                    "2020-06-16,The Haunted Castle,1897,{log_b},,,\"short, silent\",2020-06-16"
                ),
                // A film Letterboxd no longer lists, logged the same day: no address.
                "2020-06-16,Never Hike in the Snow,,,,,short,2020-06-16",
            ]),
        ),
        (
            "watched.csv",
            lf(&[
                "Date,Name,Year,Letterboxd URI",
                &format!("2020-06-16,The Haunted Castle,1897,{film_a}"),
                &format!("2020-06-16,The Haunted Castle,1897,{film_b}"),
            ]),
        ),
    ]
}

#[test]
fn identical_logs_of_two_exports_are_matched_one_to_one() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(&dir.path().join("old"), &two_castles("old"));
    let new = write(&dir.path().join("new"), &two_castles("new"));
    let db = dir.path().join("m.db");
    for (export, said) in [(&old, "3 logs added"), (&new, "3 logs already there")] {
        let out = marquee(&db)
            .args(["import", "letterboxd"])
            .arg(export)
            .assert()
            .success();
        let out = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(out.contains(said), "{out}");
        // The film without an address shares its day with the castles' logs, which
        // this import holds itself: nothing to say of it.
        assert!(!out.contains("note:"), "{out}");
    }
    let films = json(&db, &["films", "--format", "json"]);
    let castles: Vec<u64> = films
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["title"] == "The Haunted Castle")
        .map(|f| f["entries"].as_u64().unwrap())
        .collect();
    assert_eq!(castles, [1, 1], "{films:#}");
}

#[test]
fn orphaned_logs_come_in_and_every_file_not_imported_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = newer_export();
    files.extend([
        (
            "orphaned/diary.csv",
            lf(&[
                "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date",
                "2023-11-18,Soulmates,2020,,3.5,,,2023-11-17",
                "2024-01-07,The Wilds,2020,,4.5,Yes,,2024-01-06",
            ]),
        ),
        (
            "orphaned/reviews.csv",
            lf(&[
                "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date",
                "2024-01-07,The Wilds,2020,,4.5,Yes,\"Underrated.\nTruly.\",,2024-01-06",
            ]),
        ),
        (
            "orphaned/comments.csv",
            lf(&["Date,Content,Comment", "2024-12-24,,So lovely."]),
        ),
        (
            "deleted/diary.csv",
            lf(&[
                "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date",
                "2023-09-04,I Origins,2014,https://boxd.it/4Np6,5,,,2023-09-03",
                "2023-09-05,Heat,1995,https://boxd.it/4NJK,3.5,Yes,,2023-09-04",
            ]),
        ),
        (
            "deleted/lists/gone.csv",
            lf(&[
                "Letterboxd list export v7",
                "Date,Name,Tags,URL,Description",
                "2024-01-01,Gone,,https://boxd.it/l1,",
                "",
                "Position,Name,Year,URL,Description",
                "1,Heat,1995,https://boxd.it/f01,",
            ]),
        ),
        (
            "comments.csv",
            lf(&[
                "Date,Content,Comment",
                "2023-12-24,https://boxd.it/5nEv,\"Waiting for someone\nto write this.\"",
            ]),
        ),
        (
            "likes/reviews.csv",
            lf(&["Date,Content", "2023-08-07,https://boxd.it/4lYV"]),
        ),
        (
            "likes/lists.csv",
            lf(&[
                "Date,Content",
                "2023-10-27,https://boxd.it/nnsM",
                "2023-11-26,https://boxd.it/kmkP",
            ]),
        ),
        (
            "updated_watchlist.csv",
            lf(&[
                "Date,Name,Year,Letterboxd URI",
                "2024-01-01,Heat,1995,https://boxd.it/f01",
            ]),
        ),
    ]);
    let export = write(&dir.path().join("export"), &files);
    let db = dir.path().join("m.db");
    let out = marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&export)
        .assert()
        .success();
    let said = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let at = |name: &str| export.join(name).display().to_string();
    for line in [
        format!("{}: 2 rows: 2 logs added", at("orphaned/diary.csv")),
        format!(
            "{}: 1 row: 1 review added to their diary logs",
            at("orphaned/reviews.csv")
        ),
        format!(
            "not imported: {} (1 row): your comments",
            at("comments.csv")
        ),
        format!(
            "not imported: {} (1 row): your comments",
            at("orphaned/comments.csv")
        ),
        format!(
            "not imported: {} (1 row): the reviews you liked",
            at("likes/reviews.csv")
        ),
        format!(
            "not imported: {} (2 rows): the lists you liked",
            at("likes/lists.csv")
        ),
        format!(
            "not imported: {}/ (2 files, 3 rows): what you deleted on Letterboxd",
            at("deleted")
        ),
        format!(
            "not imported: {} has columns (Date,Name,Year,Letterboxd URI) that are those of watched.csv",
            at("updated_watchlist.csv")
        ),
    ] {
        assert!(said.contains(&line), "{line}\n{said}");
    }
    let wilds = json(&db, &["reviews", "the-wilds", "--format", "json"]);
    assert_eq!(wilds[0]["body"], "Underrated.\nTruly.", "{wilds:#}");
    assert_eq!(wilds[0]["rating"], 4.5);
    // I Origins was only ever deleted: it is nowhere.
    let films = json(&db, &["films", "--format", "json"]);
    assert!(!films.to_string().contains("I Origins"), "{films:#}");
    // Named alone, deleted entries are refused, saying what they are.
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(export.join("deleted/diary.csv"))
        .assert()
        .code(1)
        .stderr(contains("holds entries you deleted on Letterboxd"));
}

#[test]
fn every_review_goes_back_out_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        "Trailing spaces stay.   ",
        "Three\r\n\r\n\r\nblank lines, CRLF kept.",
        "\tA leading tab.",
        "&quot;Quoted&quot; as Letterboxd escaped it",
        "<i>mis-<b>nested</i> tags</b> and <a href=\"https://example.org/\" rel=\"nofollow\" style=\"color:red\">a link",
        "Plain.",
    ];
    let mut lines =
        vec!["Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date".to_string()];
    for (i, text) in texts.iter().enumerate() {
        let quoted = text.replace('"', "\"\"");
        lines.push(format!(
            "2024-05-0{n},Film {n},200{n},https://boxd.it/r{n},3,,\"{quoted}\",,2024-05-0{n}",
            n = i + 1
        ));
    }
    let export = dir.path().join("export");
    std::fs::create_dir_all(&export).unwrap();
    std::fs::write(
        export.join("reviews.csv"),
        format!("{}\r\n", lines.join("\r\n")),
    )
    .unwrap();
    let reviews_out = |db: &Path| -> Vec<String> {
        let out = marquee(db)
            .args(["export", "--format", "csv"])
            .output()
            .unwrap();
        let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
        let mut texts: Vec<String> = reader
            .records()
            .map(|r| r.unwrap()[8].to_string())
            .collect();
        texts.sort();
        texts
    };
    let mut expected: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
    expected.sort();
    let db = dir.path().join("m.db");
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&export)
        .assert()
        .success();
    assert_eq!(reviews_out(&db), expected);
    // Through marquee's own JSONL and back: still the same bytes.
    let jsonl = dir.path().join("all.jsonl");
    marquee(&db)
        .args(["export", "-o"])
        .arg(&jsonl)
        .assert()
        .success();
    let again = dir.path().join("again.db");
    marquee(&again)
        .args(["import", "jsonl"])
        .arg(&jsonl)
        .assert()
        .success();
    assert_eq!(reviews_out(&again), expected);
    // The plain text is what the markup shows.
    let mis = json(&db, &["reviews", "film-5", "--format", "json"]);
    assert_eq!(mis[0]["body"], "mis-nested tags and a link", "{mis:#}");
}

#[test]
fn slugs_marquee_makes_do_not_depend_on_the_order_of_import() {
    let dir = tempfile::tempdir().unwrap();
    let header = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date";
    let rows = [
        "2024-01-01,Ghost in the Shell,1995,https://boxd.it/g1,4,,,2024-01-01",
        "2024-01-02,Ghost in the Shell,2017,https://boxd.it/g2,2,,,2024-01-02",
        "2024-01-03,Lilo & Stitch,2025,https://boxd.it/l2,3,,,2024-01-03",
        "2024-01-04,Lilo & Stitch,2002,https://boxd.it/l1,4,,,2024-01-04",
    ];
    let slugs = |db: &Path| -> Vec<String> {
        let films = json(db, &["films", "--format", "json"]);
        let mut slugs: Vec<String> = films
            .as_array()
            .unwrap()
            .iter()
            .map(|f| format!("{} {} {}", f["title"], f["year"], f["slug"]))
            .collect();
        slugs.sort();
        slugs
    };
    let mut seen = Vec::new();
    for (i, order) in [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2]]
        .iter()
        .enumerate()
    {
        let db = dir.path().join(format!("{i}.db"));
        // Each row an import of its own: the order is the order of the imports.
        for &row in order {
            let file = dir.path().join(format!("{i}-{row}/diary.csv"));
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, lf(&[header, rows[row]])).unwrap();
            marquee(&db)
                .args(["import", "letterboxd"])
                .arg(&file)
                .assert()
                .success();
        }
        seen.push(slugs(&db));
    }
    assert_eq!(
        seen[0],
        [
            "\"Ghost in the Shell\" 1995 \"ghost-in-the-shell\"",
            "\"Ghost in the Shell\" 2017 \"ghost-in-the-shell-2017\"",
            "\"Lilo & Stitch\" 2002 \"lilo-stitch\"",
            "\"Lilo & Stitch\" 2025 \"lilo-stitch-2025\"",
        ]
    );
    assert!(seen.iter().all(|s| *s == seen[0]), "{seen:#?}");
}

#[test]
fn several_paths_are_one_import_equal_to_importing_them_in_turn() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(&dir.path().join("old"), &older_export());
    let new = write(&dir.path().join("new"), &newer_export());
    let zip = dir.path().join("old.zip");
    {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::fs::File::create(&zip).unwrap());
        for (name, text) in older_export() {
            w.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(text.as_bytes()).unwrap();
        }
        w.finish().unwrap();
    }
    let mut in_turn = imported(&old);
    import_all(&mut in_turn, &new);
    // A ZIP, a folder and a lone CSV of the newer export, in one command.
    let db = dir.path().join("m.db");
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&zip)
        .arg(&new)
        .arg(new.join("diary.csv"))
        .assert()
        .success()
        .stdout(contains("Imported 3 paths into"));
    let (at_once, _) = Store::open(&db).unwrap();
    assert_eq!(state(&at_once), state(&in_turn));
    // One path missing: nothing is imported.
    let other = dir.path().join("other.db");
    marquee(&other)
        .args(["import", "letterboxd"])
        .arg(&new)
        .arg(dir.path().join("nowhere.zip"))
        .assert()
        .code(1)
        .stderr(contains("nowhere.zip does not exist"));
    assert!(!other.exists());
}

#[test]
fn a_damaged_file_in_an_export_is_named_and_the_rest_comes_in() {
    let dir = tempfile::tempdir().unwrap();
    let export = write(&dir.path().join("export"), &newer_export());
    std::fs::write(export.join("lists/broken.csv"), vec![0u8; 300]).unwrap();
    let db = dir.path().join("m.db");
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&export)
        .assert()
        .success()
        .stdout(contains("10 entries added"))
        .stdout(contains("warning: "))
        .stdout(contains(
            "broken.csv is not a CSV file: it has a zero byte at offset 0",
        ));
    // Named alone, it is refused.
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(export.join("lists/broken.csv"))
        .assert()
        .failure()
        .stderr(contains("broken.csv is not a CSV file"));
}
