//! The database is a plain SQLite file: the `sqlite3` shell, Python's `sqlite3` module and
//! a connection with no marquee code loaded can add, change and delete films and entries,
//! and marquee then counts and searches what they wrote. (`.ci/run` installs Debian's
//! `sqlite3` and `python3` where the machine lacks them.)

#[path = "common/cli.rs"]
mod cli;
#[path = "common/tools.rs"]
mod tools;

use std::path::Path;
use std::process::Command;

use cli::{marquee, sample_db};
use serde_json::Value;
use tools::{python, shell};

/// The authors of `film`'s reviews that marquee finds for `words`.
fn found(db: &Path, film: &str, words: &str) -> Vec<String> {
    cli::authors(db, film, Some(words))
}

/// `marquee films --format json`, by slug: (entries, reviews).
fn films(db: &Path) -> Vec<(String, u64, u64)> {
    let out = marquee(db)
        .args(["films", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let films: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    films
        .iter()
        .map(|f| {
            (
                f["slug"].as_str().unwrap().to_string(),
                f["entries"].as_u64().unwrap(),
                f["reviews"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn checks_clean(db: &Path) {
    assert_eq!(shell(db, "PRAGMA integrity_check;"), "ok\n");
    let out = marquee(db).arg("check").output().unwrap();
    assert!(
        out.status.success(),
        "marquee check: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_sqlite3_shell_adds_changes_and_deletes_and_marquee_keeps_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    shell(
        &db,
        "INSERT INTO entry (film_id, author, rating, body, watched)
         VALUES ((SELECT id FROM film WHERE slug = 'the-work'), 'cron', 7,
                 'Zanzibar sunsets, seen from a prison yard', '2026-11-20');
         UPDATE entry SET body = 'Quokka ' || body WHERE author = 'nickfadden';
         DELETE FROM entry WHERE author = 'Libby Banks';",
    );
    assert_eq!(found(&db, "the-work", "zanzibar"), ["cron"]);
    assert_eq!(found(&db, "the-work", "quokka"), ["nickfadden"]);
    // The deleted review is gone from the search too, and the changed one keeps its words.
    assert_eq!(found(&db, "the-work", "folsom"), Vec::<String>::new());
    assert_eq!(found(&db, "the-work", "fathers"), ["nickfadden"]);
    assert_eq!(
        found(&db, "the-work", "prison"),
        ["Chris Speddings", "Musanna Ahmed", "cron"]
    );
    assert_eq!(films(&db), [("the-work".to_string(), 5, 5)]);
    // Its sort time comes from its date, so it is the newest.
    let newest = marquee(&db)
        .args(["reviews", "the-work", "--limit", "1", "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&newest.stdout).contains("\"author\":\"cron\""));
    checks_clean(&db);
}

#[test]
fn a_review_moved_to_another_film_by_the_shell_is_searched_there() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    // Heat has more reviews than The Work, so a search of The Work is narrowed to it in
    // the index, by the film's own word there: moving a review must move that word.
    shell(
        &db,
        "INSERT INTO film (slug, title, year) VALUES ('heat', 'Heat', 1995);
         INSERT INTO entry (film_id, author, body, watched)
         SELECT (SELECT id FROM film WHERE slug = 'heat'), 'fan' || value,
                'the diner scene', '2026-01-0' || value
         FROM generate_series(1, 6);
         UPDATE entry SET film_id = (SELECT id FROM film WHERE slug = 'heat')
         WHERE author = 'nickfadden';
         UPDATE entry SET film_id = (SELECT id FROM film WHERE slug = 'the-work')
         WHERE author = 'fan1';",
    );
    assert_eq!(found(&db, "the-work", "diner"), ["fan1"]);
    assert_eq!(found(&db, "heat", "fathers"), ["nickfadden"]);
    assert_eq!(found(&db, "the-work", "fathers"), Vec::<String>::new());
    assert_eq!(
        found(&db, "the-work", "prison"),
        ["Chris Speddings", "Libby Banks", "Musanna Ahmed"]
    );
    assert_eq!(found(&db, "heat", "diner").len(), 5);
    checks_clean(&db);
}

#[test]
fn a_python_script_logs_a_film_and_deletes_another() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let out = python(
        &db,
        r#"
import os, sqlite3
db = sqlite3.connect(os.environ["DB"])
db.execute("INSERT INTO film (slug, title, year) VALUES ('paris-texas', 'Paris, Texas', 1984)")
film = db.execute("SELECT id FROM film WHERE slug = 'paris-texas'").fetchone()[0]
db.execute(
    "INSERT INTO entry (film_id, author, rating, body, watched) VALUES (?, 'me', 9, ?, ?)",
    (film, "Harry Dean Stanton walks out of the desert", "2025-03-01"),
)
db.execute("INSERT INTO entry (film_id, author, rating) VALUES (?, 'me', 10)", (film,))
db.commit()
print(db.execute("SELECT count(*) FROM entry WHERE film_id = ?", (film,)).fetchone()[0])
"#,
    );
    assert_eq!(out, "2\n");
    assert_eq!(found(&db, "paris-texas", "stanton desert"), ["me"]);
    let listed = films(&db);
    assert!(
        listed.contains(&("paris-texas".to_string(), 2, 1)),
        "{listed:?}"
    );
    // Deleting the sample film from Python (foreign keys off, as Python leaves them)
    // deletes its entries and counts with it.
    python(
        &db,
        r#"
import os, sqlite3
db = sqlite3.connect(os.environ["DB"])
db.execute("DELETE FROM film WHERE slug = 'the-work'")
db.commit()
"#,
    );
    assert_eq!(films(&db), [("paris-texas".to_string(), 2, 1)]);
    assert_eq!(shell(&db, "SELECT count(*) FROM entry;"), "2\n");
    assert_eq!(found(&db, "paris-texas", "harry"), ["me"]);
    checks_clean(&db);
}

#[test]
fn a_connection_without_marquee_code_writes_and_the_index_follows() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    // SQLite as any program has it: no tokenizer, no functions of marquee's.
    let plain = rusqlite::Connection::open(&db).unwrap();
    plain
        .execute_batch(
            "INSERT INTO entry (film_id, author, body) VALUES (1, 'ann', 'Émile and the café');
             INSERT INTO entry (film_id, author, body) VALUES (1, 'bo', 'gone soon');
             DELETE FROM entry WHERE author = 'bo';
             UPDATE entry SET author = 'Annie' WHERE author = 'ann';
             UPDATE entry SET id = 1000 WHERE author = 'Annie';",
        )
        .unwrap();
    drop(plain);
    // Accents and case ignored, prefixes found, as for marquee's own reviews.
    assert_eq!(found(&db, "the-work", "EMIL cafe"), ["Annie"]);
    assert_eq!(found(&db, "the-work", "annie"), ["Annie"]);
    assert_eq!(found(&db, "the-work", "gone"), Vec::<String>::new());
    checks_clean(&db);
}

#[test]
fn read_only_says_the_index_has_yet_to_take_in_outside_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    shell(
        &db,
        "INSERT INTO entry (film_id, author, body) VALUES (1, 'cron', 'Vermilion');",
    );
    let out = marquee(&db)
        .args(["--read-only", "reviews", "the-work", "--search", "prison"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("yet to take in reviews another program"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Without --read-only, the index takes them in.
    assert_eq!(found(&db, "the-work", "vermilion"), ["cron"]);
}

#[test]
fn a_rating_in_stars_instead_of_half_stars_is_refused_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    for sql in [
        "INSERT INTO entry (film_id, author, rating) VALUES (1, 'me', 4.5);",
        "UPDATE entry SET rating = 3.5 WHERE author = 'nickfadden';",
    ] {
        let out = Command::new("sqlite3").arg(&db).arg(sql).output().unwrap();
        assert!(!out.status.success(), "{sql}");
        assert!(
            String::from_utf8_lossy(&out.stderr)
                .contains("entry.rating is in half stars: a whole number from 1 to 10"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        shell(&db, "SELECT count(*), sum(rating) FROM entry;"),
        "5|47\n"
    );
    // One written with the guard taken away is named by `check`, and the rest still shows.
    shell(
        &db,
        "DROP TRIGGER entry_rating_insert;
         INSERT INTO entry (id, film_id, author, rating) VALUES (77, 1, 'me', 4.5);",
    );
    let out = marquee(&db).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("entry 77 has the rating 4.5")
            || String::from_utf8_lossy(&out.stderr).contains("entry 77 has the rating 4.5"),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(films(&db), [("the-work".to_string(), 5, 5)]);
}

/// The fenced blocks of `lang` in the schema's documentation, in order.
fn doc_blocks(lang: &str) -> Vec<String> {
    let doc = std::fs::read_to_string("docs/schema.md").unwrap();
    let fence = format!("```{lang}\n");
    doc.split(&fence)
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap().to_string())
        .collect()
}

#[test]
fn the_schema_documents_examples_work_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let db_text = db.to_str().unwrap();
    let [sh] = &doc_blocks("sh")[..] else {
        panic!("one sh example")
    };
    let sh = sh.replace("~/.local/share/marquee/marquee.db", db_text);
    let out = Command::new("sh").arg("-c").arg(&sh).output().unwrap();
    assert!(
        out.status.success(),
        "{sh}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(found(&db, "the-work", "second time"), ["me"]);

    let [py] = &doc_blocks("python")[..] else {
        panic!("one python example")
    };
    // The review above was watched yesterday: ask for that year.
    let year = shell(&db, "SELECT strftime('%Y', 'now', '-1 day');");
    let py = py
        .replace("/home/me/.local/share/marquee/marquee.db", db_text)
        .replace("'2026-%'", &format!("'{}-%'", year.trim()));
    let printed = python(&db, &py);
    let yesterday = shell(&db, "SELECT date('now', '-1 day');");
    assert_eq!(
        printed,
        format!("{}  4.5  The Work (None)\n", yesterday.trim())
    );
}

/// Runs marquee with `args` on `db`, failing with what it said.
fn run(db: &Path, args: &[&str]) {
    let out = marquee(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "marquee {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn sqlites_integrity_check_is_clean_after_every_kind_of_marquee_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    checks_clean(&db);
    run(
        &db,
        &[
            "log",
            "the-work",
            "--rating",
            "3.5",
            "--review",
            "Seen twice",
        ],
    );
    checks_clean(&db);
    let export = dir.path().join("export");
    std::fs::create_dir(&export).unwrap();
    std::fs::write(
        export.join("diary.csv"),
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\r\n\
         2025-05-02,Night Train,1999,https://boxd.it/zz01,4,,,2025-05-01\r\n",
    )
    .unwrap();
    std::fs::write(
        export.join("reviews.csv"),
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\r\n\
         2025-05-02,Night Train,1999,https://boxd.it/zz01,4,,Rails <i>hum</i> all night.,,2025-05-01\r\n",
    )
    .unwrap();
    run(&db, &["import", "letterboxd", export.to_str().unwrap()]);
    checks_clean(&db);
    assert_eq!(found(&db, "Night Train", "rails hum").len(), 1);
    // Marquee's own export, into a new database (the big import's index, joined) and
    // back into this one (every entry there already).
    let jsonl = dir.path().join("all.jsonl");
    run(&db, &["export", "-o", jsonl.to_str().unwrap()]);
    let copy = dir.path().join("copy.db");
    run(&copy, &["import", "jsonl", jsonl.to_str().unwrap()]);
    checks_clean(&copy);
    run(&db, &["import", "jsonl", jsonl.to_str().unwrap()]);
    checks_clean(&db);
    // Editing and deleting, as the app does.
    let (mut store, _) = marquee::store::Store::open(&db).unwrap();
    let film = store.find_film("the-work").unwrap();
    let mine = store
        .entries_after(&marquee::query::ReviewQuery::film(film.id).into(), None, 1)
        .unwrap()
        .remove(0);
    assert!(mine.is_mine, "{mine:?}");
    let edited = marquee::model::NewEntry {
        author: mine.author.clone(),
        rating: mine.rating,
        body: "Seen three times now".into(),
        watched: mine.watched.clone(),
        is_mine: true,
        ..marquee::model::NewEntry::default()
    };
    store.update_entry(mine.id, &edited).unwrap();
    drop(store);
    checks_clean(&db);
    assert_eq!(found(&db, "the-work", "three times").len(), 1);
    let (mut store, _) = marquee::store::Store::open(&db).unwrap();
    store.delete_entry(mine.id).unwrap();
    drop(store);
    checks_clean(&db);
    assert!(found(&db, "the-work", "three").is_empty());
}

#[test]
fn ratings_stored_outside_the_rules_are_shown_and_counted_as_unrated() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    // The shell, with SQLite's checks turned off: 0 and 11 half stars.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "PRAGMA ignore_check_constraints = ON;
         UPDATE entry SET rating = 0 WHERE author = 'Aaron White';
         UPDATE entry SET rating = 11 WHERE author = 'nickfadden';",
    )
    .unwrap();
    drop(conn);
    let listed = |extra: &[&str]| -> Vec<String> {
        let out = marquee(&db)
            .args(["reviews", "the-work", "--format", "json"])
            .args(extra)
            .output()
            .unwrap();
        let all: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
        all.iter()
            .map(|r| format!("{} {}", r["author"].as_str().unwrap(), r["rating"]))
            .collect()
    };
    let every = listed(&[]);
    assert_eq!(every.len(), 5, "{every:?}");
    assert!(every.contains(&"Aaron White null".to_string()), "{every:?}");
    assert!(every.contains(&"nickfadden null".to_string()), "{every:?}");
    let unrated = listed(&["--unrated"]);
    assert_eq!(unrated.len(), 2, "{unrated:?}");
    for sort in ["highest", "lowest", "oldest", "likes"] {
        assert_eq!(listed(&["--sort", sort]).len(), 5, "{sort}");
    }
    assert_eq!(films(&db), [("the-work".to_string(), 5, 5)]);
}
