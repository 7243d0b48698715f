//! Faults and hostile input (issue #15): what a hostile or unlucky user does, through the
//! real binary.

#[path = "common/cli.rs"]
mod cli;

use std::path::Path;
use std::process::{Command as Process, Stdio};

use assert_cmd::cargo::cargo_bin;
use cli::{marquee, sample_db};
use predicates::str::contains;

fn no_controls(text: &[u8]) {
    let text = String::from_utf8_lossy(text);
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "control characters reached the terminal: {text:?}"
    );
}

#[test]
fn messages_that_quote_input_carry_no_escape_sequences() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let hostile = dir.path().join("hostile.jsonl");
    std::fs::write(&hostile, "{\"type\":\"\\u001b]0;PWNED\\u0007\"}\n").unwrap();
    let out = marquee(&db)
        .args(["import", "jsonl"])
        .arg(&hostile)
        .output()
        .unwrap();
    assert!(!out.status.success());
    no_controls(&out.stderr);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("^["),
        "shown, made harmless"
    );
    let field = dir.path().join("field.jsonl");
    std::fs::write(
        &field,
        "{\"type\":\"film\",\"slug\":\"x\",\"title\":\"X\",\"\\u001b]52;c;aGk=\\u0007\":1}\n",
    )
    .unwrap();
    let out = marquee(&db)
        .args(["import", "jsonl"])
        .arg(&field)
        .output()
        .unwrap();
    no_controls(&out.stderr);
    // A config key.
    std::fs::write(db.with_extension("toml"), "\"\\u001b[2J\" = 1\n").unwrap();
    let out = marquee(&db).arg("films").output().unwrap();
    assert!(!out.status.success());
    no_controls(&out.stderr);
}

/// Runs marquee with its output read by nobody: the reader is gone before it writes.
fn with_reader_gone(args: &[&str], db: &Path) -> std::process::Output {
    let mut child = Process::new(cargo_bin("marquee"))
        .args(args)
        .env("MARQUEE_DB", db)
        .env("MARQUEE_CONFIG", db.with_extension("toml"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn every_command_ends_quietly_when_its_reader_goes_away() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    for args in [
        &["completions", "bash"][..],
        &["man"],
        &["config", "show"],
        &["films", "--format", "json"],
        &["reviews", "the-work", "--format", "json"],
        &["export"],
        &["export", "--format", "csv"],
    ] {
        let out = with_reader_gone(args, &db);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {:?} {stderr}", out.status);
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

#[test]
fn an_export_never_overwrites_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let before = std::fs::read(&db).unwrap();
    marquee(&db)
        .args(["export", "-o"])
        .arg(&db)
        .assert()
        .failure()
        .stderr(contains("is the database being exported"));
    let other = dir.path().join("other.db");
    std::fs::copy(&db, &other).unwrap();
    marquee(&db)
        .args(["export", "-o"])
        .arg(&other)
        .assert()
        .failure()
        .stderr(contains(
            "is an SQLite database; marquee won't overwrite it",
        ));
    assert_eq!(std::fs::read(&db).unwrap(), before);
    let out = dir.path().join("out.jsonl");
    marquee(&db)
        .args(["export", "-o"])
        .arg(&out)
        .assert()
        .success();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode, 0o600, "not a temporary file's private mode");
        assert_eq!(mode & 0o400, 0o400);
    }
}

#[test]
fn a_folder_or_a_device_as_the_database_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    marquee(dir.path())
        .arg("films")
        .assert()
        .failure()
        .stderr(contains("is a folder, not a database file"));
    #[cfg(unix)]
    marquee(Path::new("/dev/null"))
        .args(["import", "page", "assets/the-work.txt"])
        .assert()
        .failure()
        .stderr(contains("/dev/null is not a regular file"));
}

/// Another program's file with a schema version but none of marquee's tables, as the
/// commands see it: refused byte for byte, and the read-only ones never write.
#[test]
fn another_programs_file_is_never_touched() {
    let dir = tempfile::tempdir().unwrap();
    for version in [1, 4, 6, 8] {
        let path = dir.path().join(format!("other-{version}.db"));
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('mine');").unwrap();
            conn.pragma_update(None, "user_version", version).unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        for args in [
            &["films"][..],
            &["reviews", "x"],
            &["export"],
            &["--read-only", "films"],
            &["import", "page", "assets/the-work.txt"],
        ] {
            marquee(&path)
                .args(args)
                .assert()
                .failure()
                .stderr(contains("not a marquee database"));
            assert_eq!(
                std::fs::read(&path).unwrap(),
                before,
                "{args:?} on v{version}"
            );
            assert!(!path.with_extension("db-wal").exists());
        }
    }
    // An empty (0-byte) file holds no database: reading commands say so and leave it empty.
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    for args in [&["films"][..], &["export"], &["--read-only", "films"]] {
        marquee(&empty)
            .args(args)
            .assert()
            .failure()
            .code(1)
            .stderr(contains("holds no database"));
        assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0, "{args:?}");
    }
}

#[test]
fn marquee_marks_its_own_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let conn = rusqlite::Connection::open(&db).unwrap();
    let id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(id, marquee::store::APPLICATION_ID);
}

#[test]
fn values_other_tools_wrote_are_named_and_the_rest_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "UPDATE entry SET watched = x'0102' WHERE id = 1;
             UPDATE entry SET likes = -7 WHERE id = 2;
             UPDATE entry SET tags = 'not json' WHERE id = 3;",
        )
        .unwrap();
    }
    marquee(&db)
        .args(["export", "--format", "csv"])
        .assert()
        .success();
    for args in [
        &["reviews", "the-work", "--format", "json"][..],
        &["export"],
    ] {
        let out = marquee(&db).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        for problem in [
            "entry 1 column watched: a blob where text belongs",
            "entry 2 column likes: -7 is out of range",
            "entry 3 column tags: not a JSON list of strings",
        ] {
            assert!(stderr.contains(problem), "{args:?}: {stderr}");
        }
    }
    let out = marquee(&db)
        .args(["reviews", "the-work", "--format", "json"])
        .output()
        .unwrap();
    let reviews: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        reviews.as_array().unwrap().len(),
        5,
        "every review is still shown"
    );
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("export.zip");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("reviews.csv", options).unwrap();
        zip.write_all(b"Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n")
            .unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..8 {
            zip.write_all(&block).unwrap();
        }
        zip.finish().unwrap();
    }
    assert!(std::fs::metadata(&zip_path).unwrap().len() < 100_000);
    let db = dir.path().join("m.db");
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&zip_path)
        .assert()
        .failure()
        .stderr(contains("export.zip:reviews.csv unpacks"))
        .stderr(contains("a ZIP bomb?"));
    assert!(!db.exists());
}

#[test]
fn check_finds_damage_and_repair_rebuilds_what_is_derived() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    marquee(&db).arg("check").assert().success().stdout("ok\n");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "UPDATE film_count SET entries = entries + 3 WHERE bucket = 10;
             DELETE FROM entry_fts_data WHERE id > 1;
             INSERT INTO mark (film_id, watched) VALUES ((SELECT min(id) FROM film), '2025-01-01');
             DELETE FROM seen_film;",
        )
        .unwrap();
    }
    marquee(&db)
        .arg("check")
        .assert()
        .failure()
        .code(1)
        .stdout(contains("10 half stars: the kept count says 5 entries"))
        .stdout(contains("the search index does not match the reviews"))
        .stdout(contains("is seen, but not kept among the films seen"));
    marquee(&db)
        .args(["check", "--repair"])
        .assert()
        .success()
        .stdout("repaired; ok\n");
    marquee(&db).arg("check").assert().success().stdout("ok\n");
    let out = marquee(&db)
        .args([
            "reviews", "the-work", "--search", "fathers", "--format", "json",
        ])
        .output()
        .unwrap();
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(found.as_array().unwrap().len(), 1, "search works again");
}

#[test]
fn reading_commands_leave_no_files_beside_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m #1.db");
    marquee(&db)
        .args(["import", "page", "assets/the-work.txt"])
        .assert()
        .success();
    let beside = || {
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with("m #1.db"))
            .collect();
        names.sort();
        names
    };
    assert_eq!(beside(), ["m #1.db"], "the import closed cleanly");
    for args in [
        &["--read-only", "films"][..],
        &["films"],
        &["export"],
        &["reviews", "the-work"],
        &["check", "--read-only"],
    ] {
        marquee(&db).args(args).assert().success();
        assert_eq!(beside(), ["m #1.db"], "{args:?} left files");
    }
}

#[test]
fn a_writer_waits_for_a_long_import_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    // Another writer holds the database longer than SQLite's usual patience.
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(6));
        holder.execute_batch("COMMIT").unwrap();
    });
    marquee(&db)
        .args(["log", "the-work", "--rating", "4"])
        .assert()
        .success()
        .stderr(contains("waiting for another marquee to finish writing"));
    release.join().unwrap();
    let out = marquee(&db)
        .args(["reviews", "the-work", "--all", "--format", "json"])
        .output()
        .unwrap();
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 6, "the log is there");
}
