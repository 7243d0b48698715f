//! Every command's table fits the width it is printed at (the terminal's, `COLUMNS`, 80),
//! never wrapping a row, cuts with `…`, lifts the limit with `--wide`, and takes colour
//! the same way: `--color always|never|auto` and `NO_COLOR`.

#[path = "common/cli.rs"]
mod cli;

use std::path::{Path, PathBuf};

use cli::marquee;

/// A title longer than any column: what gets cut.
const LONG_TITLE: &str =
    "Experimental Treatment of a Hemorrhage in a Dog Observed Under the Microscope";
const CJK_TITLE: &str = "千と千尋の神隠しと長いタイトルのもう一つの映画";

/// An export of our own writing, shaped like Letterboxd's, with long titles, a long
/// review, a CJK title and a list with a long note.
fn db_with_long_names() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("letterboxd-tester");
    std::fs::create_dir_all(export.join("lists")).unwrap();
    // Quoted, as Letterboxd writes a field with a comma.
    let review = format!("\"{}\"", "A long review that goes on and on, ".repeat(8));
    std::fs::write(
        export.join("diary.csv"),
        format!(
            "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\r\n\
             2024-02-11,{LONG_TITLE},1930,https://boxd.it/t001,4.5,Yes,,2024-02-11\r\n\
             2024-02-12,{CJK_TITLE},2001,https://boxd.it/t002,5,,,2024-02-12\r\n"
        ),
    )
    .unwrap();
    std::fs::write(
        export.join("reviews.csv"),
        format!(
            "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\r\n\
             2024-02-11,{LONG_TITLE},1930,https://boxd.it/t001,4.5,Yes,{review},,2024-02-11\r\n"
        ),
    )
    .unwrap();
    std::fs::write(
        export.join("watchlist.csv"),
        format!(
            "Date,Name,Year,Letterboxd URI\r\n2024-01-01,{LONG_TITLE} Returns,1931,https://boxd.it/f009\r\n"
        ),
    )
    .unwrap();
    std::fs::write(
        export.join("lists/long-ones.csv"),
        format!(
            "Letterboxd list export v7\r\nDate,Name,Tags,URL,Description\r\n\
             2024-03-02,The Longest Titles Ever Given to a Film by Anyone at All,,https://boxd.it/L9,\r\n\r\n\
             Position,Name,Year,URL,Description\r\n\
             1,{LONG_TITLE},1930,https://boxd.it/f001,{review}\r\n"
        ),
    )
    .unwrap();
    let db = cli::imported(dir.path(), &export);
    (dir, db)
}

/// Every command that prints a table, with its arguments.
fn commands(film: &str) -> Vec<Vec<String>> {
    let strings = |a: &[&str]| a.iter().map(|s| s.to_string()).collect();
    vec![
        strings(&["films"]),
        strings(&["diary"]),
        strings(&["watchlist"]),
        strings(&["stats"]),
        strings(&["lists"]),
        strings(&["reviews", film, "--all"]),
    ]
}

/// What `args` print on a pipe with `env` set (NO_COLOR and COLUMNS cleared first).
fn printed(db: &Path, args: &[String], env: &[(&str, &str)]) -> String {
    let mut cmd = marquee(db);
    cmd.env_remove("NO_COLOR").env_remove("COLUMNS");
    for (name, value) in env {
        cmd.env(name, value);
    }
    let out = cmd.args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn film_slug(db: &Path) -> String {
    let films = printed(db, &["films".into(), "--format".into(), "json".into()], &[]);
    let films: serde_json::Value = serde_json::from_str(&films).unwrap();
    let found = films
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["title"] == LONG_TITLE);
    found.unwrap()["slug"].as_str().unwrap().to_string()
}

#[test]
fn every_table_fits_the_width_and_cuts_with_an_ellipsis() {
    let (_dir, db) = db_with_long_names();
    let slug = film_slug(&db);
    for args in commands(&slug) {
        for (columns, width) in [(None, 80), (Some("80"), 80), (Some("200"), 200)] {
            let env: Vec<(&str, &str)> = columns.map(|c| ("COLUMNS", c)).into_iter().collect();
            let out = printed(&db, &args, &env);
            for line in out.lines() {
                assert!(
                    marquee::text::width(line) <= width,
                    "{args:?} at {width}: {line:?} is {} wide",
                    marquee::text::width(line)
                );
            }
            if width == 80 && args[0] != "stats" {
                assert!(out.contains('…'), "{args:?} at 80 cuts nothing:\n{out}");
            }
        }
    }
}

#[test]
fn wide_lifts_the_limit() {
    let (_dir, db) = db_with_long_names();
    let slug = film_slug(&db);
    for args in commands(&slug) {
        if args[0] == "stats" {
            continue;
        }
        let mut wide = args.clone();
        wide.push("--wide".into());
        let out = printed(&db, &wide, &[("COLUMNS", "80")]);
        assert!(
            out.lines().any(|l| marquee::text::width(l) > 80),
            "{args:?} --wide:\n{out}"
        );
        if args[0] != "reviews" {
            assert!(out.contains(LONG_TITLE), "{args:?} --wide:\n{out}");
        }
    }
}

#[test]
fn every_table_takes_colour_the_same_way() {
    let (_dir, db) = db_with_long_names();
    let slug = film_slug(&db);
    let escape = "\x1b[";
    for args in commands(&slug) {
        let with = |extra: &[&str], env: &[(&str, &str)]| {
            let mut all = args.clone();
            all.extend(extra.iter().map(|s| s.to_string()));
            printed(&db, &all, env)
        };
        let always = with(&["--color", "always"], &[]);
        assert!(
            always.contains(escape),
            "{args:?} --color always:\n{always}"
        );
        // Colour changes no width.
        let plain = with(&["--color", "never"], &[]);
        assert!(!plain.contains(escape), "{args:?} --color never");
        let stripped: Vec<String> = always.lines().map(strip).collect();
        let plain: Vec<&str> = plain.lines().collect();
        assert_eq!(stripped, plain, "{args:?}");
        // auto on a pipe: none; NO_COLOR gives way to --color always only.
        assert!(!with(&[], &[]).contains(escape), "{args:?} auto on a pipe");
        let no_color = [("NO_COLOR", "1")];
        assert!(!with(&[], &no_color).contains(escape), "{args:?} NO_COLOR");
        assert!(
            with(&["--color", "always"], &no_color).contains(escape),
            "{args:?} NO_COLOR --color always"
        );
    }
}

/// A line without its colour escapes.
fn strip(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("\x1b[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let end = after.find('m').map_or(after.len(), |e| e + 1);
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}
