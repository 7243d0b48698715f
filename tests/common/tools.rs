//! The tools people script a marquee database with: Debian's `sqlite3` shell and
//! Python's `sqlite3` module (`.ci/run` installs both where they are missing).
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `sql` in the `sqlite3` shell on `db`, failing with what it said; its output.
pub fn shell(db: &Path, sql: &str) -> String {
    let out = Command::new("sqlite3")
        .arg(db)
        .arg(sql)
        .output()
        .expect("Debian's sqlite3 shell is needed: `apt-get install sqlite3` (.ci/run does)");
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "sqlite3 {sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs a Python script (given the database's path as `DB`), failing with what it said.
pub fn python(db: &Path, script: &str) -> String {
    let mut child = Command::new("python3")
        .env("DB", db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 is needed: `apt-get install python3` (.ci/run does)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "python: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
