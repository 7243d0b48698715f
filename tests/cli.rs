//! `marquee log` and `marquee reviews` as a script would run them.

#[path = "common/synthetic.rs"]
mod synthetic;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use marquee::model::{NewEntry, NewFilm};
use marquee::sample;
use marquee::store::Store;
use predicates::str::contains;
use serde_json::Value;

struct Db {
    _dir: tempfile::TempDir,
    path: PathBuf,
    config: PathBuf,
}

/// A database holding the sample film, and a config naming the user "Ada".
fn db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let (mut store, _) = Store::open(&path).unwrap();
    sample::seed(&mut store).unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "name = \"Ada\"\n").unwrap();
    Db {
        _dir: dir,
        path,
        config,
    }
}

fn marquee(db: &Db) -> Command {
    let mut cmd = Command::cargo_bin("marquee").unwrap();
    cmd.env("MARQUEE_DB", &db.path)
        .env("MARQUEE_CONFIG", &db.config);
    cmd
}

/// Every entry of the sample film as JSON lines: what "nothing changed" compares.
fn all_entries(db: &Db) -> String {
    let out = marquee(db)
        .args(["reviews", "the-work", "--all", "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn jsonl(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn log_adds_a_review_that_reviews_prints_first() {
    let db = db();
    marquee(&db)
        .args([
            "log",
            "The Work",
            "--rating",
            "4.5",
            "--review",
            "Two lines\n映画 🎬",
        ])
        .args([
            "--watched",
            "2024-05-01",
            "--liked",
            "--rewatch",
            "--spoiler",
        ])
        .args(["--tags", "prison, documentary ,"])
        .assert()
        .success()
        .stdout(contains("Logged a ★★★★½ review of The Work"));
    let entries = jsonl(&all_entries(&db));
    assert_eq!(entries.len(), 6);
    let mine = &entries[0];
    assert_eq!(mine["film"], "the-work");
    assert_eq!(mine["author"], "Ada");
    assert_eq!(mine["rating"], 4.5);
    assert_eq!(mine["body"], "Two lines\n映画 🎬");
    assert_eq!(mine["watched"], "2024-05-01");
    assert_eq!(mine["liked"], true);
    assert_eq!(mine["rewatch"], true);
    assert_eq!(mine["spoiler"], true);
    assert_eq!(mine["likes"], 0);
    assert_eq!(mine["tags"], serde_json::json!(["prison", "documentary"]));
    let created = mine["created"].as_str().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(created).is_ok(),
        "{created}"
    );
    assert_eq!(entries[1]["rating"], 5);
    assert_eq!(entries[1]["created"], Value::Null);
}

#[test]
fn a_rating_alone_is_a_log_listed_only_with_all() {
    let db = db();
    marquee(&db)
        .args(["log", "the-work", "--rating", "★★★"])
        .assert()
        .success()
        .stdout(contains("Logged a ★★★ rating of The Work"));
    let reviews = marquee(&db)
        .args(["reviews", "the-work", "--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(jsonl(&String::from_utf8(reviews.stdout).unwrap()).len(), 5);
    let all = jsonl(&all_entries(&db));
    assert_eq!(all.len(), 6);
    assert_eq!(all[0]["rating"], 3);
    assert_eq!(all[0]["body"], "");
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    assert_eq!(all[0]["watched"], today);
    // As on Letterboxd, a log marks the film watched and rates it.
    let films = marquee(&db)
        .args(["films", "--format", "json"])
        .output()
        .unwrap();
    let films: Value = serde_json::from_slice(&films.stdout).unwrap();
    assert_eq!(films[0]["rating"], 3);
    assert_eq!(films[0]["watched"], today);
    assert_eq!(films[0]["liked"], Value::Null);
}

#[test]
fn review_text_comes_from_a_file_or_stdin_without_control_characters() {
    let db = db();
    let file = db.path.with_file_name("review.txt");
    std::fs::write(&file, "from a file\r\nline two\x1b[2J\x07\n").unwrap();
    marquee(&db)
        .args(["log", "the-work", "--review-file"])
        .arg(&file)
        .assert()
        .success();
    marquee(&db)
        .args(["log", "the-work", "--rating", "1", "--review-file", "-"])
        .write_stdin("piped\ttext")
        .assert()
        .success();
    let entries = jsonl(&all_entries(&db));
    let bodies: Vec<&str> = entries
        .iter()
        .take(2)
        .map(|e| e["body"].as_str().unwrap())
        .collect();
    assert!(bodies.contains(&"from a file\nline two[2J"), "{bodies:?}");
    assert!(bodies.contains(&"piped\ttext"), "{bodies:?}");
}

#[test]
fn json_is_one_array_and_table_is_for_people() {
    let db = db();
    let out = marquee(&db)
        .args(["reviews", "the work", "--format", "json"])
        .output()
        .unwrap();
    let array: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(array.as_array().unwrap().len(), 5);
    marquee(&db)
        .args(["reviews", "the-work"])
        .assert()
        .success()
        .stdout(contains("STARS"))
        .stdout(contains("★★★★½"))
        .stdout(contains("Libby Banks"));
    // Likes have a column, grouped in thousands like every count.
    let plain = rusqlite::Connection::open(&db.path).unwrap();
    plain
        .execute(
            "UPDATE entry SET likes = 1234 WHERE author = 'nickfadden'",
            [],
        )
        .unwrap();
    let out = marquee(&db)
        .args(["reviews", "the-work", "--sort", "likes"])
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].contains(" LIKES  AUTHOR"), "{table}");
    assert!(lines[1].contains(" 1,234  nickfadden"), "{table}");
}

/// Runs `marquee` with `args` and expects it to refuse with `message`, changing nothing.
fn refused(db: &Db, args: &[&str], message: &str) {
    let before = all_entries(db);
    marquee(db)
        .args(args)
        .assert()
        .failure()
        .stderr(contains(message));
    assert_eq!(all_entries(db), before, "{args:?} changed the data");
}

#[test]
fn bad_ratings_are_refused() {
    let db = db();
    for bad in ["7", "4.3", "-1", "abc", "0", "5.5"] {
        refused(&db, &["log", "the-work", "--rating", bad], "invalid rating");
    }
}

#[test]
fn bad_logs_are_refused_and_change_nothing() {
    let db = db();
    refused(&db, &["log", "the-work"], "nothing to save");
    refused(
        &db,
        &["log", "the-work", "--review", "  \n "],
        "nothing to save",
    );
    refused(
        &db,
        &["log", "nope", "--rating", "4"],
        "no film matches \"nope\"",
    );
    refused(
        &db,
        &["log", "work", "--rating", "4"],
        "The Work [the-work]",
    );
    refused(
        &db,
        &[
            "log",
            "the-work",
            "--rating",
            "4",
            "--watched",
            "2024-02-30",
        ],
        "invalid date",
    );
    refused(
        &db,
        &["log", "the-work", "--rating", "4", "--watched", "yesterday"],
        "YYYY-MM-DD",
    );
    let long = "x".repeat(100_001);
    refused(&db, &["log", "the-work", "--review", &long], "100000");
    refused(
        &db,
        &["log", "the-work", "--review-file", "/no/such/file.txt"],
        "/no/such/file.txt",
    );
    refused(
        &db,
        &["log", "the-work", "--review", "a", "--review-file", "-"],
        "cannot be used with",
    );
}

#[test]
fn a_file_that_is_not_utf8_is_named() {
    let db = db();
    let file = db.path.with_file_name("latin1.txt");
    std::fs::write(&file, b"caf\xe9").unwrap();
    let path = file.to_str().unwrap();
    refused(
        &db,
        &["log", "the-work", "--review-file", path],
        "not UTF-8",
    );
}

#[test]
fn an_ambiguous_title_lists_the_candidates() {
    let db = db();
    {
        let (mut store, _) = Store::open(&db.path).unwrap();
        for (slug, year) in [("heat-1995", 1995), ("heat-1986", 1986)] {
            let film = NewFilm {
                slug: slug.into(),
                title: "Heat".into(),
                year: Some(year),
                ..NewFilm::default()
            };
            store.add_film_with_entries(&film, &[]).unwrap();
        }
    }
    marquee(&db)
        .args(["log", "heat", "--rating", "4"])
        .assert()
        .failure()
        .stderr(contains("Heat (1995) [heat-1995]"))
        .stderr(contains("Heat (1986) [heat-1986]"));
    marquee(&db)
        .args(["log", "Heat (1986)", "--rating", "4"])
        .assert()
        .success()
        .stdout(contains("Heat (1986)"));
}

#[test]
fn without_a_database_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.db");
    for args in [
        &["reviews", "the-work"][..],
        &["log", "the-work", "--rating", "4"],
    ] {
        Command::cargo_bin("marquee")
            .unwrap()
            .env("MARQUEE_DB", &path)
            .args(args)
            .assert()
            .failure()
            .stderr(contains("no marquee database at"));
    }
    assert!(!Path::new(&path).exists());
}

#[test]
fn a_broken_config_names_its_line() {
    let db = db();
    std::fs::write(&db.config, "name = \"Ada\"\nname = 3\n").unwrap();
    marquee(&db)
        .args(["log", "the-work", "--rating", "4"])
        .assert()
        .failure()
        .stderr(contains("config.toml"))
        .stderr(contains("line 2"));
}

#[test]
fn own_entries_are_marked_as_mine() {
    let db = db();
    marquee(&db)
        .args(["log", "the-work", "--rating", "2"])
        .assert()
        .success();
    let (store, _) = Store::open(&db.path).unwrap();
    let film = store.find_film("the-work").unwrap();
    let query = marquee::query::ReviewQuery::film(film.id);
    let first = &store.entries_after(&query.into(), None, 1).unwrap()[0];
    assert!(first.is_mine);
    assert_eq!(first.author, "Ada");
    let _ = NewEntry::default();
}

fn count_lines(db: &Db, args: &[&str]) -> usize {
    let out = marquee(db)
        .args(["reviews", "the-work", "--format", "jsonl"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().lines().count()
}

#[test]
fn reviews_filters_like_the_app() {
    let db = db();
    assert_eq!(count_lines(&db, &["--stars", "4.5"]), 3);
    assert_eq!(count_lines(&db, &["--stars", "★★★★★"]), 2);
    assert_eq!(count_lines(&db, &["--min-stars", "4.5"]), 5);
    assert_eq!(count_lines(&db, &["--min-stars", "5"]), 2);
    assert_eq!(count_lines(&db, &["--unrated"]), 0);
    assert_eq!(count_lines(&db, &["--search", "fathers"]), 1);
    assert_eq!(count_lines(&db, &["--search", "EMOTION"]), 3);
    assert_eq!(
        count_lines(&db, &["--search", "emotion", "--stars", "5"]),
        1
    );
    assert_eq!(count_lines(&db, &["--limit", "2"]), 2);
    let found = marquee(&db)
        .args([
            "reviews", "the-work", "--search", "fathers", "--format", "jsonl",
        ])
        .output()
        .unwrap();
    assert_eq!(
        jsonl(&String::from_utf8(found.stdout).unwrap())[0]["author"],
        "nickfadden"
    );
}

#[test]
fn reviews_sorts_like_the_app() {
    let db = db();
    let authors = |sort: &str| -> Vec<String> {
        let out = marquee(&db)
            .args(["reviews", "the-work", "--format", "jsonl", "--sort", sort])
            .output()
            .unwrap();
        jsonl(&String::from_utf8(out.stdout).unwrap())
            .iter()
            .map(|e| e["author"].as_str().unwrap().to_string())
            .collect()
    };
    let newest = authors("newest");
    let mut oldest = authors("oldest");
    oldest.reverse();
    assert_eq!(newest, oldest);
    assert_eq!(
        authors("highest")[..2],
        ["Chris Speddings", "Musanna Ahmed"]
    );
    assert_eq!(authors("lowest")[0], "Aaron White");
    assert_eq!(authors("likes").len(), 5);
}

#[test]
fn bad_filters_are_refused() {
    let db = db();
    let cases: [(&[&str], &str); 9] = [
        (&["--stars", "6"], "invalid rating"),
        (&["--stars", "2.7"], "invalid rating"),
        (&["--min-stars", "x"], "invalid rating"),
        (&["--sort", "sideways"], "unknown sort \"sideways\""),
        (&["--stars", "4", "--min-stars", "3"], "cannot be used with"),
        (&["--stars", "4", "--unrated"], "cannot be used with"),
        (&["--min-stars", "4", "--unrated"], "cannot be used with"),
        (&["--limit", "0"], "--limit"),
        (&["--search", "!!"], "no words to look for"),
    ];
    for (args, message) in cases {
        marquee(&db)
            .args(["reviews", "the-work"])
            .args(args)
            .assert()
            .failure()
            .stderr(contains(message));
    }
}

#[test]
fn films_lists_every_film_with_its_counts() {
    let db = db();
    marquee(&db)
        .args(["log", "the-work", "--rating", "3"])
        .assert()
        .success();
    let out = marquee(&db)
        .args(["films", "--format", "json"])
        .output()
        .unwrap();
    let films: Value = serde_json::from_slice(&out.stdout).unwrap();
    let work = &films[0];
    assert_eq!(work["slug"], "the-work");
    assert_eq!(work["title"], "The Work");
    assert_eq!(work["year"], Value::Null);
    assert_eq!(
        work["directors"],
        serde_json::json!(["Jairus McLeary", "Gethin Aldous"])
    );
    assert_eq!(work["entries"], 6);
    assert_eq!(work["reviews"], 5);
    assert_eq!(work["average"], 4.42);
    marquee(&db)
        .arg("films")
        .assert()
        .success()
        .stdout(contains("The Work"))
        .stdout(contains("the-work"));
}

#[test]
fn read_only_reads_and_refuses_writes() {
    let db = db();
    marquee(&db)
        .args(["--read-only", "reviews", "the-work", "--format", "jsonl"])
        .assert()
        .success();
    marquee(&db)
        .args(["--read-only", "log", "the-work", "--rating", "3"])
        .assert()
        .failure()
        .stderr(contains("read-only"));
    assert_eq!(jsonl(&all_entries(&db)).len(), 5);
}

#[test]
fn a_corrupt_database_is_named_and_left_as_it_was() {
    let db = db();
    // Flatten the database into one file, then scribble over everything after its header.
    {
        let conn = rusqlite::Connection::open(&db.path).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let mut bytes = std::fs::read(&db.path).unwrap();
    for b in bytes.iter_mut().skip(4096) {
        *b = 0x5a;
    }
    std::fs::write(&db.path, &bytes).unwrap();
    let out = marquee(&db)
        .args(["reviews", "the-work"])
        .assert()
        .failure()
        .stderr(contains(db.path.to_str().unwrap()))
        .stderr(contains("malformed"))
        .get_output()
        .stderr
        .clone();
    // Said once, without SQLite's error code.
    let said = String::from_utf8(out).unwrap();
    assert_eq!(said.matches("malformed").count(), 1, "{said}");
    assert!(!said.contains("Error code"), "{said}");
    assert_eq!(
        std::fs::read(&db.path).unwrap(),
        bytes,
        "the file was changed"
    );
}

#[test]
fn a_reader_that_stops_early_is_no_error() {
    let db = db();
    let mut jsonl = Vec::new();
    synthetic::write_jsonl(1000, 0, &mut jsonl).unwrap();
    let mut store = Store::open(&db.path).unwrap().0;
    marquee::import::jsonl::import(jsonl.as_slice(), "gen.jsonl", &mut store).unwrap();
    drop(store);
    let bin = assert_cmd::cargo::cargo_bin("marquee");
    // Like `marquee reviews big-film --all | head -1`: far more than a pipe holds.
    let mut child = std::process::Command::new(bin)
        .env("MARQUEE_DB", &db.path)
        .env("MARQUEE_CONFIG", &db.config)
        .args(["reviews", "big-film", "--all", "--format", "jsonl"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    std::io::BufRead::read_line(&mut out, &mut first).unwrap();
    drop(out);
    let finished = child.wait_with_output().unwrap();
    assert!(first.starts_with('{'), "{first}");
    assert!(finished.status.success(), "{:?}", finished.status);
    assert_eq!(String::from_utf8_lossy(&finished.stderr), "");
}

#[test]
fn counts_in_tables_group_their_thousands() {
    let db = db();
    let (mut store, _) = Store::open(&db.path).unwrap();
    let film = marquee::model::NewFilm {
        slug: "crowded".into(),
        title: "Crowded".into(),
        ..Default::default()
    };
    let entries: Vec<marquee::model::NewEntry> = (0..1234)
        .map(|i| marquee::model::NewEntry {
            author: format!("a{i}"),
            body: "x".into(),
            ..Default::default()
        })
        .collect();
    store.add_film_with_entries(&film, &entries).unwrap();
    drop(store);
    let out = marquee(&db).args(["films"]).output().unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    let row = table.lines().find(|l| l.starts_with("Crowded")).unwrap();
    assert!(row.contains("   1,234    1,234  "), "{table}");
}

#[test]
fn without_user_set_the_author_is_the_login_name() {
    let db = db();
    std::fs::write(&db.config, "").unwrap();
    marquee(&db)
        .env_remove("USER")
        .env_remove("USERNAME")
        .args(["log", "the-work", "--rating", "3"])
        .assert()
        .success();
    let login = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    let login = String::from_utf8(login.stdout).unwrap().trim().to_string();
    assert!(!login.is_empty());
    let (store, _) = Store::open(&db.path).unwrap();
    let film = store.find_film("the-work").unwrap();
    let newest = &store
        .entries_after(&marquee::query::ReviewQuery::film(film.id).into(), None, 1)
        .unwrap()[0];
    assert_eq!(newest.author, login);
}

#[test]
fn a_future_watched_day_and_a_limit_of_nothing_are_refused_in_words() {
    let db = db();
    let tomorrow = (chrono::Local::now() + chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    refused(
        &db,
        &["log", "the-work", "--rating", "3", "--watched", &tomorrow],
        "is in the future",
    );
    marquee(&db)
        .args(["reviews", "the-work", "--limit", "0"])
        .assert()
        .code(2)
        .stderr(contains("print at least 1"));
}

#[test]
fn the_manual_has_every_section_a_user_looks_for() {
    let db = db();
    let out = marquee(&db).arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        ".SH KEYS",
        ".SH CONFIGURATION",
        ".SH FILES",
        ".SH ENVIRONMENT",
        ".SH \"EXIT STATUS\"",
        ".SH EXAMPLES",
    ] {
        let found = page.contains(section) || page.contains(&section.replace('"', ""));
        assert!(found, "{section}");
    }
    // Generated from the keymap and the config file marquee writes, so never stale.
    let keymap = marquee::tui::screens::keymap();
    for (_, what) in keymap.help(marquee::tui::keymap::Mode::Reader) {
        let roff: String = what
            .chars()
            .map(|c| match c {
                '-' => "\\-".to_string(),
                c if !c.is_ascii() => format!("\\[u{:04X}]", u32::from(c)),
                c => c.to_string(),
            })
            .collect();
        assert!(page.contains(&roff), "{what}");
    }
    assert!(
        page.contains("default_sort = \"newest\""),
        "the config's settings"
    );
}

#[test]
fn the_csv_export_keeps_formulas_as_text_unless_asked_to_make_them_safe() {
    let db = db();
    for review in [
        "=HYPERLINK(\"https://evil.example\",\"click\")",
        "+cmd|' /C calc'!A0",
        "=1+1",
    ] {
        marquee(&db)
            .args(["log", "the-work", "--rating", "3", "--review", review])
            .assert()
            .success();
    }
    let reviews = |extra: &[&str]| -> Vec<String> {
        let out = marquee(&db)
            .args(["export", "--format", "csv"])
            .args(extra)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
        let mut texts: Vec<String> = reader
            .records()
            .map(|r| r.unwrap()[8].to_string())
            .collect();
        texts.sort();
        texts
    };
    assert_eq!(
        reviews(&[]),
        [
            "+cmd|' /C calc'!A0",
            "=1+1",
            "=HYPERLINK(\"https://evil.example\",\"click\")"
        ],
        "Letterboxd's format: byte for byte"
    );
    assert_eq!(
        reviews(&["--spreadsheet-safe"]),
        [
            "'+cmd|' /C calc'!A0",
            "'=1+1",
            "'=HYPERLINK(\"https://evil.example\",\"click\")"
        ]
    );
    marquee(&db)
        .args(["export", "--spreadsheet-safe"])
        .assert()
        .code(1)
        .stderr(contains("--spreadsheet-safe goes with --format csv"));
    marquee(&db)
        .args(["export", "--help"])
        .assert()
        .stdout(contains("not escaped for spreadsheets"));
}

#[test]
fn the_reviews_table_hides_spoilers_unless_asked() {
    let db = db();
    marquee(&db)
        .args([
            "log",
            "the-work",
            "--rating",
            "4",
            "--spoiler",
            "--review",
            "Rosebud was the sled.",
        ])
        .assert()
        .success();
    let table = |extra: &[&str]| -> String {
        let out = marquee(&db)
            .args(["reviews", "the-work"])
            .args(extra)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let hidden = table(&[]);
    assert!(!hidden.contains("Rosebud"), "{hidden}");
    assert!(
        hidden.contains("[spoiler; --spoilers shows it]"),
        "{hidden}"
    );
    assert!(table(&["--spoilers", "--wide"]).contains("[spoiler] Rosebud was the sled."));
    // JSON is for programs: the text is there, with its mark.
    let json = table(&["--format", "json"]);
    assert!(json.contains("Rosebud was the sled."), "{json}");
}

#[test]
fn the_films_table_and_its_help_say_what_the_marks_mean() {
    let db = db();
    let legend = "MARKS: W watched · L on your watchlist · ♥ liked · a dot where not";
    marquee(&db)
        .args(["films"])
        .assert()
        .success()
        .stdout(contains(legend));
    marquee(&db)
        .args(["films", "--help"])
        .assert()
        .success()
        .stdout(contains(legend));
}
