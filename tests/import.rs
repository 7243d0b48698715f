//! Importers and exports against fixtures: a Letterboxd export with every awkward rule,
//! copied pages, and JSONL round trips.

#[path = "common/cli.rs"]
mod cli;

#[path = "common/synthetic.rs"]
mod synthetic;

use std::io::Write;
use std::path::{Path, PathBuf};

use cli::marquee;
use predicates::str::contains;
use serde_json::Value;

const BOM: &str = "\u{feff}";

/// reviews.csv: a BOM, CRLF line ends, commas, doubled quotes and a line break inside
/// quotes, HTML, a blank rating, a rewatch and tags.
fn reviews_csv() -> String {
    let rows = [
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date",
        "2024-05-02,Heat,1995,https://boxd.it/aaa1,4.5,Yes,\"Pacino, De Niro: \"\"the\"\" duel.<br/><br/>Second <i>paragraph</i> &amp; more\",\"crime, la\",2024-05-01",
        "2024-06-10,The Work,2017,https://boxd.it/aaa2,,,\"Line one\r\nline two\",,2024-06-09",
        "2024-07-01,花様年華,2000,https://boxd.it/aaa3,5,,<p>美しい</p><p>🎬</p>,,2024-07-01",
    ];
    format!("{BOM}{}\r\n", rows.join("\r\n"))
}

fn diary_csv() -> String {
    [
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date",
        // Same URI as a review: the review is this log's text.
        "2024-05-02,Heat,1995,https://boxd.it/aaa1,4.5,Yes,,2024-05-01",
        // A rating without a review.
        "2024-08-01,Alien,1979,https://boxd.it/bbb1,4,,,2024-07-31",
        // No rating: a log all the same.
        "2024-08-02,Aliens,1986,https://boxd.it/bbb2,,,,2024-08-02",
        "",
    ]
    .join("\n")
}

fn ratings_csv() -> String {
    [
        "Date,Name,Year,Letterboxd URI,Rating",
        // Heat has entries: no extra rating entry.
        "2024-05-02,Heat,1995,https://boxd.it/f1,4.5",
        // Solaris has none: a rating-only entry.
        "2023-01-01,Solaris,1972,https://boxd.it/f2,3.5",
        "",
    ]
    .join("\n")
}

fn write_export(dir: &Path) -> PathBuf {
    let export = dir.join("letterboxd-ada-2024");
    std::fs::create_dir_all(export.join("deleted")).unwrap();
    let files = [
        ("reviews.csv", reviews_csv()),
        ("diary.csv", diary_csv()),
        ("ratings.csv", ratings_csv()),
        ("watched.csv", "Date,Name,Year,Letterboxd URI\n2020-01-01,Stalker,1979,https://boxd.it/f3\n".into()),
        ("watchlist.csv", "Date,Name,Year,Letterboxd URI\n2020-01-01,Mirror,1975,https://boxd.it/f4\n".into()),
        ("profile.csv", "Date Joined,Username,Given Name\n2015-01-01,ada_l,Ada\n".into()),
        ("comments.csv", "Date,Content\n2020-01-01,ignored\n".into()),
        (
            "deleted/reviews.csv",
            "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n2020-01-01,Deleted Film,2001,https://boxd.it/zzz,1,,gone,,2020-01-01\n".into(),
        ),
    ];
    for (name, text) in files {
        std::fs::write(export.join(name), text).unwrap();
    }
    export
}

fn zip_folder(folder: &Path, zip_path: &Path) {
    let file = std::fs::File::create(zip_path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    for name in [
        "reviews.csv",
        "diary.csv",
        "ratings.csv",
        "watched.csv",
        "watchlist.csv",
        "profile.csv",
        "comments.csv",
        "deleted/reviews.csv",
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(&std::fs::read(folder.join(name)).unwrap())
            .unwrap();
    }
    zip.finish().unwrap();
}

fn export_jsonl(db: &Path) -> String {
    let out = marquee(db)
        .args(["export", "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn reviews_of<'a>(all: &'a [Value], slug: &str) -> Vec<&'a Value> {
    all.iter()
        .filter(|l| l["type"] == "review" && l["film"] == slug)
        .collect()
}

#[test]
fn a_letterboxd_folder_is_read_by_every_rule() {
    let dir = tempfile::tempdir().unwrap();
    let export = write_export(dir.path());
    let db = dir.path().join("new/m.db");
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&export)
        .assert()
        .success()
        .stdout(contains("8 films added, 6 entries added"))
        .stdout(contains("diary.csv: 3 rows: 3 logs added"))
        .stdout(contains(
            "reviews.csv: 3 rows: 1 review added to their diary logs, 2 reviews added as entries of their own",
        ))
        .stdout(contains(
            "ratings.csv: 2 rows: 1 rating kept as the film's rating (the film has logs), 1 rating added as rating-only entries",
        ));
    let all = lines(&export_jsonl(&db));
    let films: Vec<&str> = all
        .iter()
        .filter(|l| l["type"] == "film")
        .map(|l| l["title"].as_str().unwrap())
        .collect();
    for title in [
        "Heat",
        "The Work",
        "花様年華",
        "Alien",
        "Aliens",
        "Solaris",
        "Stalker",
        "Mirror",
    ] {
        assert!(films.contains(&title), "{title} missing from {films:?}");
    }
    assert!(!films.contains(&"Deleted Film"), "deleted/ is not read");
    assert!(!films.contains(&"The Work") || films.len() == 8);

    let heat = reviews_of(&all, "heat");
    assert_eq!(heat.len(), 1);
    assert_eq!(heat[0]["author"], "ada_l");
    assert_eq!(heat[0]["rating"], 4.5);
    assert_eq!(heat[0]["rewatch"], true);
    assert_eq!(heat[0]["mine"], true);
    assert_eq!(heat[0]["tags"], serde_json::json!(["crime", "la"]));
    assert_eq!(heat[0]["watched"], "2024-05-01");
    assert_eq!(heat[0]["created"], "2024-05-02");
    assert_eq!(
        heat[0]["body"],
        "Pacino, De Niro: \"the\" duel.\n\nSecond paragraph & more"
    );
    let work = reviews_of(&all, "the-work");
    assert_eq!(work[0]["rating"], Value::Null);
    assert_eq!(work[0]["body"], "Line one\nline two");
    let kar_wai = all
        .iter()
        .find(|l| l["type"] == "review" && l["rating"] == 5)
        .unwrap();
    assert_eq!(kar_wai["body"], "美しい\n\n🎬");
    let alien = reviews_of(&all, "alien");
    assert_eq!(
        (
            alien.len(),
            alien[0]["rating"].clone(),
            alien[0]["body"].clone()
        ),
        (1, 4.into(), "".into())
    );
    let aliens = reviews_of(&all, "aliens");
    assert_eq!(aliens.len(), 1, "an unrated log is kept");
    assert_eq!(
        (aliens[0]["rating"].clone(), aliens[0]["watched"].clone()),
        (Value::Null, "2024-08-02".into())
    );
    assert_eq!(reviews_of(&all, "solaris")[0]["rating"], 3.5);
}

#[test]
fn the_zip_after_the_folder_adds_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let export = write_export(dir.path());
    let zip = dir.path().join("letterboxd-ada.zip");
    zip_folder(&export, &zip);
    let db = dir.path().join("m.db");
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&zip)
        .assert()
        .success()
        .stdout(contains("6 entries added"));
    let first = export_jsonl(&db);
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&export)
        .assert()
        .success()
        .stdout(contains("0 films added, 0 entries added"))
        .stdout(contains("diary.csv: 3 rows: 3 logs already there"))
        .stdout(contains("reviews.csv: 3 rows: 3 reviews already there"));
    assert_eq!(export_jsonl(&db), first);
}

#[test]
fn one_csv_alone_is_an_export_too() {
    let dir = tempfile::tempdir().unwrap();
    let export = write_export(dir.path());
    let db = dir.path().join("m.db");
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(export.join("reviews.csv"))
        .assert()
        .success()
        .stdout(contains("3 films added, 3 entries added"));
    // Without profile.csv the author is the configured name.
    std::fs::write(db.with_extension("toml"), "name = \"Ada\"\n").unwrap();
    let renamed = dir.path().join("my ratings.csv");
    std::fs::write(&renamed, ratings_csv()).unwrap();
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&renamed)
        .assert()
        .success();
    let all = lines(&export_jsonl(&db));
    assert_eq!(reviews_of(&all, "solaris")[0]["author"], "Ada");
}

#[test]
fn a_malformed_row_names_its_file_and_line_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let export = write_export(dir.path());
    let db = dir.path().join("m.db");
    marquee(&db)
        .args(["import", "page", "assets/the-work.txt"])
        .assert()
        .success();
    let before = export_jsonl(&db);
    let mut diary = diary_csv();
    diary.push_str("2024-09-01,Bad,2000,https://boxd.it/ccc,7,,,2024-09-01\n");
    std::fs::write(export.join("diary.csv"), diary).unwrap();
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&export)
        .assert()
        .failure()
        .stderr(contains("diary.csv line 5: Rating: invalid rating \"7\""));
    assert_eq!(export_jsonl(&db), before, "nothing was written");
    std::fs::write(export.join("diary.csv"), "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n2024-09-01,Bad,2000,x,4,,,2024-02-30\n").unwrap();
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&export)
        .assert()
        .failure()
        .stderr(contains("diary.csv line 2: Watched Date: invalid date"));
    std::fs::write(export.join("diary.csv"), "Date,Name,Year\n").unwrap();
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&export)
        .assert()
        .failure()
        .stderr(contains(
            "diary.csv line 1: the header has no \"Letterboxd URI\" column",
        ));
    assert_eq!(export_jsonl(&db), before);
}

#[test]
fn what_is_not_an_export_is_refused_without_creating_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "just some notes\n").unwrap();
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&notes)
        .assert()
        .failure()
        .stderr(contains("is not a Letterboxd export"));
    marquee(&db)
        .args(["import", "letterboxd", "/no/such/export.zip"])
        .assert()
        .failure()
        .stderr(contains("/no/such/export.zip does not exist"));
    assert!(!db.exists());
}

#[test]
fn importing_into_a_new_path_creates_an_empty_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let export = write_export(dir.path());
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(export.join("watched.csv"))
        .assert()
        .success();
    let out = marquee(&db)
        .args(["films", "--format", "json"])
        .output()
        .unwrap();
    let films: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        films.as_array().unwrap().len(),
        1,
        "no sample film: {films}"
    );
    assert_eq!(films[0]["title"], "Stalker");
}

#[test]
fn a_page_comes_in_from_a_file_or_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    marquee(&db)
        .args(["import", "page", "-"])
        .write_stdin(std::fs::read_to_string("assets/the-work.txt").unwrap())
        .assert()
        .success()
        .stdout(contains("1 film added, 5 entries added"));
    let page = "Heat (1995)\n\nDirected by Michael Mann\n\nA heist.\n\n  • ½ review by ann on Letterboxd\n\n    Half a star.\n\n    Second paragraph.\n\n  • review by bob on Letterboxd\n\n    No stars.\n\n  • See all reviews";
    let file = dir.path().join("heat.txt");
    std::fs::write(&file, page).unwrap();
    marquee(&db)
        .args(["import", "page"])
        .arg(&file)
        .assert()
        .success();
    let all = lines(&export_jsonl(&db));
    let heat = reviews_of(&all, "heat");
    assert_eq!(heat.len(), 2);
    assert_eq!(heat[0]["rating"], Value::Null);
    assert_eq!(heat[1]["rating"], 0.5);
    assert_eq!(heat[1]["body"], "Half a star.\n\nSecond paragraph.");
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, "Heat\n\n  • ★★★★★★ review by ann on Letterboxd\n").unwrap();
    marquee(&db)
        .args(["import", "page"])
        .arg(&bad)
        .assert()
        .failure()
        .stderr(contains("bad.txt line 3: invalid rating"));
}

#[test]
fn jsonl_errors_name_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let cases = [
        (
            "{\"type\":\"film\",\"slug\":\"x\",\"title\":\"X\",\"colour\":1}\n",
            "line 1: unknown field `colour`",
        ),
        (
            "{\"type\":\"film\",\"slug\":\"x\",\"title\":\"X\"}\n{\"type\":\"review\",\"film\":\"x\",\"author\":\"a\",\"rating\":4.3}\n",
            "line 2: invalid rating \"4.3\"",
        ),
        (
            "{\"type\":\"review\",\"film\":\"nowhere\",\"author\":\"a\",\"rating\":4}\n",
            "line 1: review of film \"nowhere\"",
        ),
        (
            "{\"type\":\"film\",\"slug\":\"x\",\"title\":\"X\"}\nnot json\n",
            "line 2:",
        ),
        (
            "{\"type\":\"film\",\"slug\":\"x\",\"title\":\"X\"}\n{\"type\":\"review\",\"film\":\"x\",\"author\":\"a\",\"stored\":{\"body\":{\"blob_hex\":\"abc\"}}}\n",
            "line 2: stored: each column's value must be",
        ),
        (
            "{\"type\":\"film\",\"slug\":\"x\",\"title\":\"X\"}\n{\"type\":\"review\",\"film\":\"x\",\"author\":\"a\",\"rating\":5.5}\n",
            "line 2: invalid rating \"5.5\"",
        ),
        (
            "{\"type\":\"film\",\"slug\":\"x\",\"title\":\"X\"}\n{\"type\":\"review\",\"film\":\"x\",\"author\":\"a\",\"rating\":0}\n",
            "line 2: invalid rating \"0\"",
        ),
    ];
    // Latin-1 "café": not UTF-8.
    let latin1: &[u8] = b"{\"type\":\"film\",\"slug\":\"x\",\"title\":\"X\"}\n{\"type\":\"review\",\"film\":\"x\",\"author\":\"a\",\"body\":\"caf\xe9\"}\n";
    let not_utf8 = (
        latin1,
        "line 2: cannot be read: stream did not contain valid UTF-8",
    );
    let cases = cases.iter().map(|&(t, m)| (t.as_bytes(), m));
    for (text, message) in cases.chain([not_utf8]) {
        let file = dir.path().join("in.jsonl");
        std::fs::write(&file, text).unwrap();
        marquee(&db)
            .args(["import", "jsonl"])
            .arg(&file)
            .assert()
            .failure()
            .stderr(contains(message));
    }
    assert!(
        !db.exists(),
        "no failed import left a database (nor a film in it) behind"
    );
}

#[test]
fn csv_and_markdown_exports_carry_the_users_entries() {
    let dir = tempfile::tempdir().unwrap();
    let export = write_export(dir.path());
    let db = dir.path().join("m.db");
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&export)
        .assert()
        .success();
    marquee(&db)
        .args(["import", "page", "assets/the-work.txt"])
        .assert()
        .success();
    let out = marquee(&db)
        .args(["export", "--format", "csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "LetterboxdURI",
            "Title",
            "Year",
            "Directors",
            "Rating",
            "WatchedDate",
            "Rewatch",
            "Tags",
            "Review",
            "imdbID",
            "tmdbID"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(
        rows.len(),
        6,
        "only the user's six entries, not the page's reviews"
    );
    let heat = rows.iter().find(|r| &r[1] == "Heat").unwrap();
    assert_eq!(
        (&heat[2], &heat[4], &heat[5], &heat[6], &heat[7]),
        ("1995", "4.5", "2024-05-01", "true", "crime, la")
    );
    assert_eq!(
        &heat[8], "Pacino, De Niro: \"the\" duel.<br/><br/>Second <i>paragraph</i> &amp; more",
        "the review as the export wrote it, byte for byte"
    );
    let page = dir.path().join("out/page.md");
    std::fs::create_dir_all(page.parent().unwrap()).unwrap();
    marquee(&db)
        .args(["export", "--format", "markdown", "--film", "the-work", "-o"])
        .arg(&page)
        .assert()
        .success();
    let markdown = std::fs::read_to_string(&page).unwrap();
    // The page joined the film the export brought (same slug).
    assert!(markdown.starts_with("# The Work (2017)\n"), "{markdown}");
    assert!(markdown.contains("### ★★★★½ Aaron White"), "{markdown}");
}

/// Search words found in a generated review's text or author, folded, by a plain scan.
fn naive_search_count(jsonl: &str, slug: &str, word: &str) -> usize {
    let word = marquee::text::fold(word);
    lines(jsonl)
        .iter()
        .filter(|v| v["type"] == "review" && v["film"] == slug)
        .filter(|v| {
            let text = format!(
                "{} {}",
                v["body"].as_str().unwrap(),
                v["author"].as_str().unwrap()
            );
            text.split(|c: char| !c.is_alphanumeric())
                .any(|w| marquee::text::fold(w).starts_with(&word))
        })
        .count()
}

#[test]
fn a_big_import_gets_a_search_index_that_agrees_with_the_text() {
    use marquee::query::ReviewQuery;
    use marquee::store::{Listing, Store};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let (mut store, _) = Store::open(&db).unwrap();
    let mut jsonl = Vec::new();
    synthetic::write_jsonl(1500, 20, &mut jsonl).unwrap();
    let jsonl = String::from_utf8(jsonl).unwrap();
    let big = lines(&jsonl)[0]["slug"].as_str().unwrap().to_string();
    // A search before the import: this connection has read the index it replaces.
    marquee::sample::seed(&mut store).unwrap();
    let sample = store.find_film("the-work").unwrap().id;
    let before = Listing::new(ReviewQuery {
        search: Some("fathers".into()),
        ..ReviewQuery::film(sample)
    });
    assert_eq!(store.count(&before).unwrap(), 1);

    marquee::import::jsonl::import(jsonl.as_bytes(), "gen.jsonl", &mut store).unwrap();

    let film_id = store.find_film(&big).unwrap().id;
    let author = lines(&jsonl)[1]["author"].as_str().unwrap().to_string();
    for word in [synthetic::COMMON_WORD, "deja", "NAIVE", "映画", &author] {
        let query = ReviewQuery {
            search: Some(word.into()),
            ..ReviewQuery::film(film_id)
        };
        let expected = naive_search_count(&jsonl, &big, word);
        assert!(expected > 0, "{word} is in the generated reviews");
        assert_eq!(
            store.count(&query.into()).unwrap() as usize,
            expected,
            "{word}"
        );
    }
    // The sample's reviews were indexed again with the new ones.
    assert_eq!(store.count(&before).unwrap(), 1);
    store
        .check_search_index()
        .expect("SQLite finds the search index consistent with the reviews");
}

#[test]
fn the_markdown_export_lists_entries_as_the_app_does() {
    let dir = tempfile::tempdir().unwrap();
    let db = cli::sample_db(dir.path());
    marquee(&db)
        .args(["log", "the-work", "--rating", "3"])
        .assert()
        .success();
    let page = dir.path().join("page.md");
    marquee(&db)
        .args(["export", "--format", "markdown", "--film", "the-work", "-o"])
        .arg(&page)
        .assert()
        .success();
    let markdown = std::fs::read_to_string(&page).unwrap();
    // The rating alone is a line, not an empty heading; the rest under headings.
    assert!(markdown.contains("\n- ★★★ "), "{markdown}");
    assert!(!markdown.contains("### ★★★ "), "{markdown}");
    // In the app's order: the authors as `marquee reviews --all` lists them.
    let out = marquee(&db)
        .args(["reviews", "the-work", "--all", "--format", "jsonl"])
        .output()
        .unwrap();
    let listed: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["author"].as_str().unwrap().to_string()
        })
        .collect();
    let at = |author: &str| markdown.find(&format!(" {author}")).unwrap();
    let positions: Vec<usize> = listed.iter().map(|a| at(a)).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "{listed:?}\n{markdown}"
    );
    // Readable by others, as files usually are (not 0600).
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&page).unwrap().permissions().mode();
    assert_ne!(mode & 0o044, 0, "{mode:o}");
}
