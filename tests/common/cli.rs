//! Helpers for tests that run the real binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// marquee on the database `db`, with a config file of its own beside it.
pub fn marquee(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("marquee").unwrap();
    cmd.env("MARQUEE_DB", db)
        .env("MARQUEE_CONFIG", db.with_extension("toml"));
    cmd
}

/// `m.db` in `dir`, holding the sample film.
pub fn sample_db(dir: &Path) -> PathBuf {
    let db = dir.join("m.db");
    marquee(&db)
        .args(["import", "page", "assets/the-work.txt"])
        .assert()
        .success();
    db
}

/// The authors of `film`'s entries, rated or with text, that `marquee reviews` lists
/// (those with `words` in them, when given), sorted.
pub fn authors(db: &Path, film: &str, words: Option<&str>) -> Vec<String> {
    let mut args = vec!["reviews", film, "--all", "--format", "json"];
    if let Some(words) = words {
        args.extend(["--search", words]);
    }
    let out = marquee(db).args(&args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reviews: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut authors: Vec<String> = reviews
        .iter()
        .map(|r| r["author"].as_str().unwrap().to_string())
        .collect();
    authors.sort();
    authors
}

/// `m.db` in `dir`, holding what `marquee import letterboxd` makes of `export`.
pub fn imported(dir: &Path, export: &Path) -> PathBuf {
    let db = dir.join("m.db");
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(export)
        .assert()
        .success();
    db
}
