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
