//! Inputs that never end or never come: a device, a FIFO, an endless pipe, a line of
//! gigabytes. Each is refused naming it (named alone) or passed over and named (inside a
//! folder), quickly and within its limit; nothing waits forever.

#[path = "common/cli.rs"]
mod cli;

use std::os::unix::fs::FileTypeExt;
use std::time::Duration;

use cli::marquee;
use predicates::str::contains;

fn fifo(path: &std::path::Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
}

#[test]
fn a_device_named_on_the_command_line_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    for args in [
        &["import", "page", "/dev/zero"][..],
        &["import", "letterboxd", "/dev/zero"],
        &["import", "jsonl", "/dev/zero"],
    ] {
        marquee(&db)
            .args(args)
            .timeout(Duration::from_secs(20))
            .assert()
            .code(1)
            .stderr(contains(
                "/dev/zero is a device, not a file marquee can read",
            ));
    }
    assert!(!db.exists(), "nothing created");
}

#[test]
fn fifos_and_devices_in_folders_are_named_and_the_rest_comes_in() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export");
    std::fs::create_dir_all(&export).unwrap();
    std::fs::write(
        export.join("diary.csv"),
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n\
         2024-01-05,Heat,1995,https://boxd.it/aA01,4.5,,,2024-01-04\n",
    )
    .unwrap();
    fifo(&export.join("watched.csv"));
    std::os::unix::fs::symlink("/dev/zero", export.join("ratings.csv")).unwrap();
    let db = dir.path().join("m.db");
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&export)
        .timeout(Duration::from_secs(20))
        .assert()
        .success()
        .stdout(contains("diary.csv: 1 row: 1 log added"))
        .stdout(contains(
            "watched.csv is a FIFO (a named pipe), not a file of an export",
        ))
        .stdout(contains("ratings.csv is a device, not a file of an export"));
    let pages = dir.path().join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::copy(
        "tests/fixtures/pages/night-train.html",
        pages.join("night-train.html"),
    )
    .unwrap();
    fifo(&pages.join("waiting.html"));
    std::os::unix::fs::symlink("/dev/zero", pages.join("zero.html")).unwrap();
    marquee(&db)
        .args(["import", "page"])
        .arg(&pages)
        .timeout(Duration::from_secs(20))
        .assert()
        .success()
        .stdout(contains("4 added to Night Train (2021)"))
        .stdout(contains(
            "waiting.html is a FIFO (a named pipe), not a saved page",
        ))
        .stdout(contains("zero.html is a device, not a saved page"));
}

#[test]
fn endless_standard_input_and_endless_lines_stop_at_their_limit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    marquee(&db)
        .args(["import", "page"])
        .arg("tests/fixtures/pages/night-train.html")
        .assert()
        .success();
    // A review bigger than any review may be, through a pipe.
    marquee(&db)
        .args(["log", "night-train-2021", "--review-file", "-"])
        .write_stdin(vec![b'a'; 500_000])
        .timeout(Duration::from_secs(20))
        .assert()
        .code(1)
        .stderr(contains(
            "the review in standard input is longer than a review may be",
        ));
    marquee(&db)
        .args(["log", "night-train-2021", "--review-file", "/dev/zero"])
        .timeout(Duration::from_secs(20))
        .assert()
        .code(1)
        .stderr(contains("/dev/zero is a device"));
    // A JSONL "line" of 17 MB with no end.
    let long = dir.path().join("long.jsonl");
    std::fs::write(&long, vec![b'{'; 17 << 20]).unwrap();
    marquee(&db)
        .args(["import", "jsonl"])
        .arg(&long)
        .timeout(Duration::from_secs(20))
        .assert()
        .code(1)
        .stderr(contains("long.jsonl line 1: is longer than 16 MB"));
}

#[test]
fn an_export_writes_into_fifos_and_pipes_and_through_links_replacing_none() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    marquee(&db)
        .args(["import", "page"])
        .arg("tests/fixtures/pages/night-train.html")
        .assert()
        .success();
    // A FIFO: opened and written, never read first.
    let pipe = dir.path().join("pipe");
    fifo(&pipe);
    let (sent, got) = std::sync::mpsc::channel();
    let reading = pipe.clone();
    std::thread::spawn(move || {
        let _ = sent.send(std::fs::read_to_string(reading).unwrap_or_default());
    });
    marquee(&db)
        .args(["export", "-o"])
        .arg(&pipe)
        .timeout(Duration::from_secs(20))
        .assert()
        .success();
    let through = got.recv_timeout(Duration::from_secs(20)).unwrap();
    assert!(through.starts_with("{\"type\":\"film\""), "{through}");
    assert!(
        std::fs::metadata(&pipe).unwrap().file_type().is_fifo(),
        "still a FIFO"
    );
    // A link to standard output (a pipe here): written through, the link kept.
    let stdout = dir.path().join("stdout");
    std::os::unix::fs::symlink("/proc/self/fd/1", &stdout).unwrap();
    marquee(&db)
        .args(["export", "--format", "csv", "-o"])
        .arg(&stdout)
        .assert()
        .success()
        .stdout(contains("LetterboxdURI,Title"));
    assert!(
        std::fs::symlink_metadata(&stdout)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // A link to a regular file: the file gets the export, the link stays a link.
    let real = dir.path().join("real.jsonl");
    std::fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.jsonl");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    marquee(&db)
        .args(["export", "-o"])
        .arg(&link)
        .assert()
        .success();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .starts_with("{\"type\":\"film\"")
    );
}
