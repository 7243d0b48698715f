//! What other programs do to the shared file, and what marquee makes of it: the common
//! upsert, rows whose film is gone, marquee's triggers and indexes dropped, a copy
//! restored from `.dump`, text stored as bytes, and values outside marquee's rules, which
//! its own backup must restore exactly.

#[path = "common/cli.rs"]
mod cli;
#[path = "common/tools.rs"]
mod tools;

use std::path::Path;
use std::process::Command;

use cli::{marquee, sample_db};
use serde_json::Value;
use tools::{python, shell};

/// A command's exit code, standard output and standard error.
fn run(db: &Path, args: &[&str]) -> (i32, String, String) {
    let out = marquee(db).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn authors(db: &Path, film: &str) -> Vec<String> {
    cli::authors(db, film, None)
}

/// The sample film and a log of the member's.
fn db_with_my_log(dir: &Path) -> std::path::PathBuf {
    let db = sample_db(dir);
    let (code, _, err) = run(
        &db,
        &[
            "log",
            "the-work",
            "--rating",
            "4",
            "--review",
            "Mine.",
            "--watched",
            "2026-01-02",
        ],
    );
    assert_eq!(code, 0, "{err}");
    db
}

#[test]
fn the_common_upsert_keeps_every_entry_with_its_film() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_my_log(dir.path());
    shell(
        &db,
        "INSERT OR REPLACE INTO film (slug, title, year) VALUES ('the-work', 'The Work', 2017);",
    );
    assert_eq!(authors(&db, "the-work").len(), 6, "no entry vanished");
    let (_, diary, _) = run(&db, &["diary", "--format", "json"]);
    assert!(diary.contains("Mine."), "{diary}");
    let (_, export, _) = run(&db, &["export"]);
    assert_eq!(export.matches("\"type\":\"review\"").count(), 6, "{export}");
    let (code, out, _) = run(&db, &["check"]);
    assert_eq!((code, out.as_str()), (0, "ok\n"));
    let (_, films, _) = run(&db, &["films", "--format", "json"]);
    let films: Vec<Value> = serde_json::from_str(&films).unwrap();
    assert_eq!(films.len(), 1);
    assert_eq!(
        films[0]["year"], 2017,
        "the upsert's title and year are kept"
    );
    assert_eq!(films[0]["entries"], 6);
    // With foreign keys on (DB Browser's way), no cascade takes the entries either.
    python(
        &db,
        "import os, sqlite3
db = sqlite3.connect(os.environ['DB'])
db.execute('PRAGMA foreign_keys = ON')
db.execute(\"INSERT OR REPLACE INTO film (slug, title, year) VALUES ('the-work', 'The Work', 2018)\")
db.commit()",
    );
    assert_eq!(authors(&db, "the-work").len(), 6, "no entry vanished");
    let (code, out, _) = run(&db, &["check"]);
    assert_eq!((code, out.as_str()), (0, "ok\n"));
}

#[test]
fn an_entry_moved_to_a_film_that_does_not_exist_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_my_log(dir.path());
    let out = Command::new("sqlite3")
        .arg(&db)
        .arg("UPDATE entry SET film_id = 999;")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        said.contains("entry.film_id must be the id of a film"),
        "{said}"
    );
    assert_eq!(authors(&db, "the-work").len(), 6, "nothing changed");
}

#[test]
fn rows_a_script_left_without_their_film_are_named_and_given_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_my_log(dir.path());
    // A script with marquee's guards dropped does what the guards stop.
    shell(
        &db,
        "DROP TRIGGER entry_film_update; DROP TRIGGER film_upserted;
         INSERT OR REPLACE INTO film (slug, title) VALUES ('the-work', 'The Work');
         INSERT INTO film (id, slug, title) VALUES (50, 'heat', 'Heat');
         UPDATE entry SET film_id = 77 WHERE author = 'Libby Banks';",
    );
    let (code, out, _) = run(&db, &["check"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("film 1 is gone, but 5 entries, 1 mark still name it"),
        "{out}"
    );
    assert!(
        out.contains("film 77 is gone, but 1 entry still name"),
        "{out}"
    );
    assert!(
        out.contains("trigger entry_film_update is missing"),
        "{out}"
    );
    // Meanwhile they stay in sight, each under a stand-in for its film.
    let (_, films, _) = run(&db, &["films"]);
    assert!(
        films.contains("film-1") && films.contains("film-77"),
        "{films}"
    );
    assert_eq!(authors(&db, "film-77"), ["Libby Banks"]);
    assert_eq!(authors(&db, "film-1").len(), 5);
    let (_, diary, _) = run(&db, &["diary"]);
    assert!(diary.contains("Mine."), "{diary}");
    let (_, export, _) = run(&db, &["export"]);
    assert_eq!(export.matches("\"type\":\"review\"").count(), 6, "{export}");
    let (code, out, err) = run(&db, &["check", "--repair"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("made marquee's trigger entry_film_update again"),
        "{out}"
    );
    assert!(
        out.contains("moved what named film 1 to film 2 (the-work)"),
        "{out}"
    );
    // Libby Banks's review came from The Work's page (its key says so): it goes back.
    assert!(
        out.contains("moved what named film 77 to film 2 (the-work)"),
        "{out}"
    );
    assert!(out.ends_with("repaired; ok\n"), "{out}");
    assert_eq!(authors(&db, "the-work").len(), 6);
    let (_, diary, _) = run(&db, &["diary"]);
    assert!(diary.contains("Mine."), "{diary}");
}

#[test]
fn dropped_triggers_and_indexes_are_named_and_made_again_with_right_counts() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    shell(
        &db,
        "DROP TRIGGER entry_count_insert; DROP TRIGGER entry_fts_insert;
         DROP INDEX entry_bucket_time; DROP VIEW film_moved;
         INSERT INTO entry (film_id, author, rating, body)
         VALUES (1, 'cron', 7, 'Quetzalcoatl at dawn');",
    );
    let (code, out, _) = run(&db, &["check"]);
    assert_eq!(code, 1, "{out}");
    for missing in [
        "trigger entry_count_insert is missing",
        "trigger entry_fts_insert is missing",
        "index entry_bucket_time is missing",
        "view film_moved is missing",
    ] {
        assert!(out.contains(missing), "{missing}: {out}");
    }
    assert!(!out.contains("malformed"), "{out}");
    let (code, out, err) = run(&db, &["check", "--repair"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, _) = run(&db, &["check"]);
    assert_eq!((code, out.as_str()), (0, "ok\n"));
    let (_, found, _) = run(
        &db,
        &[
            "reviews",
            "the-work",
            "--search",
            "quetzalcoatl",
            "--format",
            "json",
        ],
    );
    assert!(found.contains("cron"), "{found}");
    let (_, films, _) = run(&db, &["films", "--format", "json"]);
    let films: Vec<Value> = serde_json::from_str(&films).unwrap();
    assert_eq!(films[0]["entries"], 6);
    // The next outside insert is counted again.
    shell(
        &db,
        "INSERT INTO entry (film_id, author, rating, body) VALUES (1, 'cron', 7, 'again');",
    );
    let (_, films, _) = run(&db, &["films", "--format", "json"]);
    let films: Vec<Value> = serde_json::from_str(&films).unwrap();
    assert_eq!(films[0]["entries"], 7);
}

#[test]
fn a_copy_restored_from_dump_is_recognised_and_adopted() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_my_log(dir.path());
    let copy = dir.path().join("restored.db");
    let sh = format!(
        "sqlite3 '{}' .dump | sqlite3 '{}'",
        db.display(),
        copy.display()
    );
    assert!(
        Command::new("sh")
            .arg("-c")
            .arg(&sh)
            .status()
            .unwrap()
            .success()
    );
    let (code, _, err) = run(&copy, &["films"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("holds marquee's tables but not marquee's mark"),
        "{err}"
    );
    assert!(
        err.contains(&format!("marquee --db {} check --repair", copy.display())),
        "{err}"
    );
    let (code, out, err) = run(&copy, &["check", "--repair"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("as a marquee database again"), "{out}");
    assert_eq!(authors(&copy, "the-work").len(), 6);
    let (_, original, _) = run(&db, &["export"]);
    let (_, restored, _) = run(&copy, &["export"]);
    assert_eq!(original, restored, "everything is there");
}

#[test]
fn text_python_stored_as_bytes_is_shown_exported_named_and_repaired() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_my_log(dir.path());
    python(
        &db,
        "import os, sqlite3
db = sqlite3.connect(os.environ['DB'])
db.execute('UPDATE entry SET body = ? WHERE body = ?', ('Bytes: café 映画'.encode(), 'Mine.'))
db.execute('UPDATE entry SET body = ? WHERE author = ?', (b'Not UTF-8: \\xff\\xfe', 'Libby Banks'))
db.commit()",
    );
    let (_, out, _) = run(&db, &["reviews", "the-work", "--format", "json"]);
    assert!(out.contains("Bytes: café 映画"), "{out}");
    let (code, check, _) = run(&db, &["check"]);
    assert_eq!(code, 1);
    assert!(
        check.contains("body is stored as bytes (a blob), not text"),
        "{check}"
    );
    assert!(
        check.contains("body is stored as bytes (a blob) that are not UTF-8"),
        "{check}"
    );
    let (_, export, _) = run(&db, &["export"]);
    assert!(
        export.contains("\"stored\":{\"body\":{\"blob_hex\":\"4e6f74205554462d383a20fffe\"}}"),
        "{export}"
    );
    let (code, out, _) = run(&db, &["check", "--repair"]);
    assert_eq!(code, 1, "the bytes that are no UTF-8 stay: {out}");
    assert!(
        out.contains("'s body as text (it was UTF-8 bytes)"),
        "{out}"
    );
    let kinds = shell(&db, "SELECT typeof(body) FROM entry WHERE is_mine;");
    assert_eq!(kinds, "text\n");
}

#[test]
fn a_backup_restores_exactly_what_another_program_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_my_log(dir.path());
    shell(
        &db,
        "PRAGMA ignore_check_constraints = ON;
         UPDATE entry SET rating = 11 WHERE author = 'Libby Banks';
         UPDATE entry SET rating = 0 WHERE author = 'Aaron White';
         UPDATE entry SET watched = '2025-1-5' WHERE author = 'nickfadden';
         UPDATE entry SET watched = 'yesterday', created = '2026-02-30' WHERE author = 'Musanna Ahmed';
         UPDATE entry SET tags = 'not json' WHERE is_mine;
         UPDATE entry SET body = x'48656cff6c6f' WHERE author = 'Chris Speddings';
         UPDATE entry SET body = body || char(27) || '[2J' WHERE author = 'Aaron White';
         INSERT INTO entry (film_id, author, body) VALUES (1, 'long', replace(hex(zeroblob(500000)), '0', 'ab'));",
    );
    let (code, check, _) = run(&db, &["check"]);
    assert_eq!(code, 1);
    for named in [
        "has the rating 11",
        "has the rating 0",
        "watched \"2025-1-5\" is no day",
        "watched \"yesterday\" is no day",
        "created \"2026-02-30\" is no time",
        "tags \"not json\" is no JSON list",
        "that are not UTF-8",
        "is 2000000 characters long, over the 100000",
        "holds control characters, which marquee never stores",
    ] {
        assert!(check.contains(named), "{named}: {check}");
    }
    let backup = dir.path().join("backup.jsonl");
    let (code, _, err) = run(&db, &["export", "-o", backup.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let restored = dir.path().join("restored.db");
    let (code, out, err) = run(&restored, &["import", "jsonl", backup.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("restored as it was"), "{out}");
    let (_, first, _) = run(&db, &["export"]);
    let (_, again, _) = run(&restored, &["export"]);
    assert_eq!(first, again, "the backup restores byte for byte");
    let dump = |db: &Path| {
        shell(
            db,
            "SELECT id, quote(rating), watched, created, tags, hex(body), typeof(body) FROM entry ORDER BY id;",
        )
    };
    assert_eq!(dump(&db), dump(&restored), "every value as it was stored");
}

#[test]
fn a_saved_page_keeps_the_one_limit_for_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let page = std::fs::read_to_string("assets/the-work.txt").unwrap();
    let long = "word ".repeat(40_000);
    let page = page.replacen(
        "Fantastic documentary",
        &format!("{long}Fantastic documentary"),
        1,
    );
    assert_ne!(
        page,
        std::fs::read_to_string("assets/the-work.txt").unwrap()
    );
    let path = dir.path().join("the-work.txt");
    std::fs::write(&path, page).unwrap();
    let (code, out, err) = run(&db, &["import", "page", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 of them cut short"), "{out}");
    let (code, out, _) = run(&db, &["check"]);
    assert_eq!((code, out.as_str()), (0, "ok\n"));
    let (_, json, _) = run(&db, &["reviews", "the-work", "--format", "json"]);
    let reviews: Vec<Value> = serde_json::from_str(&json).unwrap();
    let cut: Vec<&Value> = reviews.iter().filter(|r| r["cut_short"] == true).collect();
    assert_eq!(cut.len(), 1);
    assert_eq!(cut[0]["body"].as_str().unwrap().chars().count(), 100_000);
}
