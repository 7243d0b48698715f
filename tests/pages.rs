//! Other people's reviews from Letterboxd pages saved from a browser (HTML) or copied as
//! text: fixtures written in the shapes of real pages, imported through the real binary.

#[path = "common/cli.rs"]
mod cli;

use std::path::{Path, PathBuf};

use cli::marquee;
use predicates::str::contains;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new("tests/fixtures/pages").join(name)
}

fn exported(db: &Path) -> Vec<Value> {
    let out = marquee(db).arg("export").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn review<'a>(all: &'a [Value], author: &str) -> &'a Value {
    all.iter()
        .find(|v| v["type"] == "review" && v["author"] == author)
        .unwrap_or_else(|| panic!("no review by {author}"))
}

#[test]
fn a_saved_film_page_gives_the_film_and_its_popular_reviews() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    marquee(&db)
        .args(["import", "page"])
        .arg(fixture("night-train.html"))
        .assert()
        .success()
        .stdout(contains("1 film added, 4 entries added"))
        .stdout(contains(
            "4 reviews: 4 added to Night Train (2021), 0 already there, 1 of them cut short",
        ));
    let all = exported(&db);
    let film = &all[0];
    assert_eq!(film["slug"], "night-train-2021", "the slug is Letterboxd's");
    assert_eq!(film["title"], "Night Train");
    assert_eq!(film["year"], 2021);
    // All three directors, as the crew lists them (the heading shortens them with "…").
    assert_eq!(
        film["directors"],
        serde_json::json!(["Ada Lovelace", "Mary Shelley", "Emily Brontë"])
    );
    assert!(
        film["synopsis"]
            .as_str()
            .unwrap()
            .ends_with("where to get off & who to become.")
    );
    let kim = review(&all, "Kim Park");
    assert_eq!(kim["rating"], 5);
    assert_eq!(kim["handle"], "kimpark");
    assert_eq!(kim["liked"], true);
    assert_eq!(kim["likes"], 1204);
    assert_eq!(kim["comments"], 12);
    assert_eq!(kim["created"], "2026-03-04");
    assert_eq!(
        kim["body"],
        "A slow, patient ride.\n\nWorth it. See my notes."
    );
    assert_eq!(
        kim["markup"],
        "A <i>slow</i>, patient ride.\n\n<b>Worth it</b>. See <a href=\"https://example.org/night\">my notes</a>."
    );
    let sam = review(&all, "sam");
    assert_eq!(
        (sam["rating"].clone(), sam["spoiler"].clone()),
        (0.5.into(), true.into())
    );
    assert_eq!(
        sam["body"], "The ending is a dream.",
        "the spoiler notice is not the text"
    );
    let noor = review(&all, "نور");
    assert_eq!(noor["rating"], 3.5, "from the rated-7 class");
    assert_eq!(noor["cut_short"], true);
    assert!(
        noor["body"]
            .as_str()
            .unwrap()
            .starts_with("Stay on the train.\n\nI did")
    );
    assert!(!noor["body"].as_str().unwrap().contains("Translate"));
    assert!(!noor["body"].as_str().unwrap().ends_with("more"));
    assert_eq!(review(&all, "Quiet One")["rating"], Value::Null);
    // Runtime, genres, cast and Letterboxd's average are kept with the film.
    let films = marquee(&db)
        .args(["films", "--format", "json"])
        .output()
        .unwrap();
    let films: Value = serde_json::from_slice(&films.stdout).unwrap();
    assert_eq!(films[0]["runtime"], 118);
    assert_eq!(films[0]["genres"], serde_json::json!(["Drama", "Mystery"]));
    assert_eq!(films[0]["cast"], serde_json::json!(["Jane Doe", "Jo Roe"]));
    assert_eq!(films[0]["letterboxd_average"], 3.87);
    assert_eq!(films[0]["letterboxd_ratings"], 61234);

    // Again: nothing new.
    marquee(&db)
        .args(["import", "page"])
        .arg(fixture("night-train.html"))
        .assert()
        .success()
        .stdout(contains("0 films added, 0 entries added"))
        .stdout(contains("4 already there"));
}

#[test]
fn review_pages_add_only_their_reviews_to_the_same_film() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    marquee(&db)
        .args(["import", "page"])
        .arg(fixture("night-train.html"))
        .arg(fixture("night-train-reviews-2.html"))
        .arg(fixture("kim-review.html"))
        .assert()
        .success()
        .stdout(contains("1 film added, 6 entries added"))
        .stdout(contains(
            "night-train-reviews-2.html: 3 reviews: 2 added to Night Train (2021), 1 already there",
        ))
        .stdout(contains(
            "kim-review.html: 1 review: 0 added to Night Train (2021), 1 already there",
        ));
    let all = exported(&db);
    assert_eq!(all.iter().filter(|v| v["type"] == "film").count(), 1);
    let lee = review(&all, "Lee");
    assert_eq!(lee["rating"], 2);
    assert_eq!(
        lee["body"],
        "Less than I remembered.\nStill the light at 2 a.m. <3"
    );
    assert_eq!(review(&all, "Mo & Co")["body"], "夜行列車、最高。");
    // The listing names one director: the film keeps the crew's three.
    assert_eq!(all[0]["directors"].as_array().unwrap().len(), 3);
}

#[test]
fn reviews_cut_short_and_liked_in_today_s_markup_keep_their_words_and_hearts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    marquee(&db)
        .args(["import", "page"])
        .arg(fixture("night-train-reviews-3.html"))
        .assert()
        .success()
        .stdout(contains(
            "4 reviews: 4 added to Night Train (2021), 0 already there, 2 of them cut short",
        ));
    let all = exported(&db);
    let ravi = review(&all, "Ravi");
    assert_eq!(
        ravi["body"],
        "Better than I remembered.\n\nNight Train is all night and all train, and the second act, \
         where the lights go out for a whole reel and nobody says a word, is the part I will keep \
         thinking about…"
    );
    assert_eq!(ravi["cut_short"], true);
    assert!(
        ravi["markup"].as_str().unwrap().contains("<i>Night Train"),
        "{ravi}"
    );
    assert_eq!(ravi["liked"], true);
    assert_eq!(ravi["rewatch"], true);
    let ines = review(&all, "Inês");
    assert_eq!(
        ines["body"],
        "Two hours of windows. I counted the stations instead: eleven, and the…"
    );
    assert_eq!(
        (ines["cut_short"].clone(), ines["liked"].clone()),
        (true.into(), false.into())
    );
    let oto = review(&all, "Oto");
    assert_eq!(oto["body"], "Stay on the train.");
    assert_eq!(oto["liked"], true);
    assert!(oto.get("cut_short").is_none_or(|c| c == false), "{oto}");
    assert_eq!(review(&all, "Pat")["liked"], false);
}

#[test]
fn a_review_stored_before_with_no_text_is_given_the_page_s_text_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let page = fixture("night-train-reviews-3.html");
    marquee(&db)
        .args(["import", "page"])
        .arg(&page)
        .assert()
        .success();
    // As an earlier release stored it: no text, not liked.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE entry SET body = '', markup = NULL, liked = 0, cut_short = 0 WHERE author = 'Ravi'",
        [],
    )
    .unwrap();
    drop(conn);
    marquee(&db)
        .args(["import", "page"])
        .arg(&page)
        .assert()
        .success()
        .stdout(contains(
            "0 added to Night Train (2021), 4 already there, 1 of them given the text the page shows",
        ));
    let all = exported(&db);
    let ravi = review(&all, "Ravi");
    assert!(
        ravi["body"]
            .as_str()
            .unwrap()
            .starts_with("Better than I remembered.")
    );
    assert_eq!(
        (ravi["liked"].clone(), ravi["cut_short"].clone()),
        (true.into(), true.into())
    );
    assert_eq!(review(&all, "Oto")["body"], "Stay on the train.");
}

/// A page as a save of the browser's view-source tab holds it: each line of its HTML as
/// text in a numbered table row.
fn as_view_source(page: &Path, into: &Path) {
    let html = std::fs::read_to_string(page).unwrap();
    let rows: String = html
        .lines()
        .enumerate()
        .map(|(n, line)| {
            let shown = line.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            format!(
                "<tr><td class=\"line-number\" value=\"{}\"></td><td class=\"line-content\">{shown}</td></tr>",
                n + 1
            )
        })
        .collect();
    let saved = format!(
        "<html><head><meta name=\"color-scheme\" content=\"light dark\"></head><body>\
         <div class=\"line-gutter-backdrop\"></div><table><tbody>{rows}</tbody></table></body></html>"
    );
    std::fs::write(into, saved).unwrap();
}

#[test]
fn a_view_source_save_comes_in_as_the_page_itself() {
    let dir = tempfile::tempdir().unwrap();
    let direct = dir.path().join("direct.db");
    let shown = dir.path().join("shown.db");
    marquee(&direct)
        .args(["import", "page"])
        .arg(fixture("night-train-reviews-3.html"))
        .assert()
        .success();
    // Chrome's own markup of the source: tags, attributes and links in spans.
    marquee(&shown)
        .args(["import", "page"])
        .arg(fixture("night-train-reviews-3.view-source.html"))
        .assert()
        .success()
        .stdout(contains("4 reviews: 4 added to Night Train (2021)"));
    assert_eq!(exported(&shown), exported(&direct));
    // A list seen in view-source is still a list.
    let list = dir.path().join("list.html");
    as_view_source(&fixture("a-list.html"), &list);
    marquee(&shown)
        .args(["import", "page"])
        .arg(&list)
        .assert()
        .code(1)
        .stderr(contains(
            "is a list on Letterboxd, which marquee does not import",
        ));
}

#[test]
fn films_are_told_apart_by_slug_and_year_never_by_title_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    marquee(&db)
        .args(["import", "page"])
        .arg(fixture("heat-1995.html"))
        .arg(fixture("heat-1986.html"))
        .assert()
        .success()
        .stdout(contains("2 films added"));
    let all = exported(&db);
    let films: Vec<(&str, i64)> = all
        .iter()
        .filter(|v| v["type"] == "film")
        .map(|v| (v["slug"].as_str().unwrap(), v["year"].as_i64().unwrap()))
        .collect();
    assert_eq!(films, [("heat-1986", 1986), ("heat-1995", 1995)]);
    assert_eq!(
        all[0]["directors"],
        serde_json::json!([]),
        "a film with no directors"
    );
}

#[test]
fn a_text_copy_comes_in_unrated_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    marquee(&db)
        .args(["import", "page"])
        .arg(fixture("night-train-copy.txt"))
        .assert()
        .success()
        .stdout(contains("4 added to Night Train (2021)"))
        .stdout(contains("4 of them without a rating in the text"));
    let all = exported(&db);
    assert_eq!(all[0]["title"], "Night Train");
    assert_eq!(
        all[0]["directors"],
        serde_json::json!(["Ada Lovelace", "Mary Shelley"])
    );
    assert!(
        all[0]["synopsis"]
            .as_str()
            .unwrap()
            .starts_with("A night train crosses")
    );
    assert_eq!(review(&all, "Kim Park")["likes"], 1204);
    assert_eq!(review(&all, "sam")["spoiler"], true);
    let noor = review(&all, "نور");
    assert_eq!(noor["cut_short"], true);
    assert!(noor["body"].as_str().unwrap().ends_with("which"));
    // The saved HTML of the same film joins it (title and year), with its stars.
    marquee(&db)
        .args(["import", "page"])
        .arg(fixture("night-train.html"))
        .assert()
        .success()
        .stdout(contains("0 films added"));
}

#[test]
fn junk_and_other_pages_are_refused_with_nothing_added() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let garbage = dir.path().join("garbage.txt");
    std::fs::write(&garbage, "random garbage\n").unwrap();
    let jsonl = dir.path().join("export.jsonl");
    std::fs::write(
        &jsonl,
        "{\"type\":\"film\",\"slug\":\"x\",\"title\":\"X\"}\n",
    )
    .unwrap();
    let blog = dir.path().join("blog.html");
    std::fs::write(&blog, "<!DOCTYPE html><html><head><title>My blog</title></head><body><p>Directed by me</p></body></html>").unwrap();
    let cases: [(&Path, &str); 4] = [
        (&garbage, "is not a Letterboxd page"),
        (&jsonl, "use `marquee import jsonl`"),
        (
            &blog,
            "is an HTML page titled \"My blog\", not one of Letterboxd's",
        ),
        (
            &fixture("a-list.html"),
            "is a list on Letterboxd, which marquee does not import",
        ),
    ];
    for (file, message) in cases {
        marquee(&db)
            .args(["import", "page"])
            .arg(file)
            .assert()
            .failure()
            .code(1)
            .stderr(contains(message));
        assert!(!db.exists(), "nothing created for {}", file.display());
    }
    marquee(&db)
        .args(["import", "page", "-"])
        .write_stdin("random garbage\n")
        .assert()
        .failure()
        .stderr(contains("standard input is not a Letterboxd page"));
    // One bad page among good ones: nothing of any of them.
    marquee(&db)
        .args(["import", "page"])
        .arg(fixture("night-train.html"))
        .arg(&garbage)
        .assert()
        .failure();
    assert!(!db.exists());
}

#[test]
fn a_folder_of_saved_pages_comes_in_whole() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("saved");
    std::fs::create_dir_all(saved.join("Night Train (2021)_files")).unwrap();
    for name in [
        "night-train.html",
        "night-train-reviews-2.html",
        "heat-1986.html",
    ] {
        std::fs::copy(fixture(name), saved.join(name)).unwrap();
    }
    std::fs::write(saved.join("Night Train (2021)_files/main.css"), "body{}").unwrap();
    let db = dir.path().join("m.db");
    marquee(&db)
        .args(["import", "page"])
        .arg(&saved)
        .assert()
        .success()
        .stdout(contains("2 films added, 7 entries added"));
}

#[test]
fn a_folder_passes_over_pages_of_other_kinds_naming_each() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("saved");
    std::fs::create_dir_all(&saved).unwrap();
    std::fs::copy(fixture("night-train.html"), saved.join("night-train.html")).unwrap();
    std::fs::copy(fixture("a-list.html"), saved.join("a-list.html")).unwrap();
    let page = |address: &str, title: &str| {
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>{title}</title>\n\
             <link rel=\"canonical\" href=\"{address}\">\n</head><body class=\"profile\"></body></html>\n"
        )
    };
    let profile = page(
        "https://letterboxd.com/kimpark/",
        "\u{200e}Kim Park’s profile • Letterboxd",
    );
    std::fs::write(saved.join("kim.html"), profile).unwrap();
    let members = page(
        "https://letterboxd.com/film/night-train-2021/members/",
        "\u{200e}Members who have watched Night Train • Letterboxd",
    );
    std::fs::write(saved.join("members.html"), members).unwrap();
    std::fs::write(saved.join("notes.txt"), "eggs\nmilk\n").unwrap();
    let db = dir.path().join("m.db");
    let out = marquee(&db)
        .args(["import", "page"])
        .arg(&saved)
        .assert()
        .success();
    let said = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(said.contains("1 film added, 4 entries added"), "{said}");
    for (name, what) in [
        (
            "a-list.html",
            "is a list on Letterboxd, which marquee does not import",
        ),
        ("kim.html", "is a member's profile on Letterboxd"),
        ("members.html", "is the film's members page on Letterboxd"),
        ("notes.txt", "is not a Letterboxd page"),
    ] {
        let line = format!("not imported: {} {what}", saved.join(name).display());
        assert!(said.contains(&line), "{line}\n{said}");
    }
    // Named on its own, a list is refused: the user meant it to be read.
    marquee(&db)
        .args(["import", "page"])
        .arg(saved.join("a-list.html"))
        .assert()
        .code(1);
    // A film page that can't be read is named and skipped, the rest read; the command
    // ends in failure to say so.
    std::fs::write(
        saved.join("broken.html"),
        page("https://letterboxd.com/film/no-title-here/", ""),
    )
    .unwrap();
    std::fs::copy(fixture("heat-1995.html"), saved.join("heat-1995.html")).unwrap();
    marquee(&db)
        .args(["import", "page"])
        .arg(&saved)
        .assert()
        .code(1)
        .stdout(contains("broken.html is a Letterboxd page"))
        .stdout(contains("it was not read"))
        .stdout(contains("added to Heat (1995)"))
        .stderr(contains(
            "1 of the pages could not be read (named above); the rest was imported",
        ));
    assert!(
        exported(&db).iter().any(|v| v["title"] == "Heat"),
        "the rest came in"
    );
}

#[test]
fn a_page_s_indentation_is_not_a_review_s_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    marquee(&db)
        .args(["import", "page"])
        .arg(fixture("filme-reviews-3.html"))
        .assert()
        .success()
        .stdout(contains("2 added to Filme (2020)"));
    let all = exported(&db);
    let hidden = review(&all, "sn");
    assert_eq!(hidden["body"], "A star is born, at last.");
    assert_eq!(
        (hidden["spoiler"].clone(), hidden["likes"].clone()),
        (true.into(), 1.into())
    );
    let cut = review(&all, "ana7");
    assert_eq!(cut["body"], "First words, then the page stops");
    assert_eq!(cut["cut_short"], true);
    assert_eq!(
        cut["source"], "letterboxd-viewing:7",
        "the id from the full-text link"
    );
}

#[test]
fn a_page_s_title_never_reaches_the_terminal_or_the_database_as_an_escape() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let evil = "Evil &#27;]0;PWNED-TITLE&#7;&#27;[2J";
    let page = std::fs::read_to_string(fixture("night-train.html"))
        .unwrap()
        .replace("Night&nbsp;Train", evil)
        .replace("Night Train", evil);
    let file = dir.path().join("evil\u{1b}[2J.html");
    std::fs::write(&file, page).unwrap();
    let out = marquee(&db)
        .args(["import", "page"])
        .arg(&file)
        .assert()
        .success();
    let said = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(!said.contains(['\u{1b}', '\u{7}']), "{said:?}");
    assert!(said.contains("evil^[[2J.html"), "{said}");
    assert!(
        said.contains("added to Evil ^[]0;PWNED-TITLE^G^[[2J (2021)"),
        "{said}"
    );
    let film = &exported(&db)[0];
    assert_eq!(
        film["title"], "Evil ]0;PWNED-TITLE[2J",
        "stored without its controls"
    );
    // marquee's own JSONL, written by someone else with controls in its names.
    let jsonl = dir.path().join("e.jsonl");
    std::fs::write(
        &jsonl,
        "{\"type\":\"film\",\"slug\":\"ev\\u001bil\",\"title\":\"T\\u001b]0;X\\u0007\",\"year\":2021,\
         \"directors\":[\"D\\u001b[2J\"],\"synopsis\":\"\"}\n",
    )
    .unwrap();
    let other = dir.path().join("j.db");
    marquee(&other)
        .args(["import", "jsonl"])
        .arg(&jsonl)
        .assert()
        .success();
    let films = exported(&other);
    assert_eq!(
        (
            &films[0]["slug"],
            &films[0]["title"],
            &films[0]["directors"][0]
        ),
        (&"evil".into(), &"T]0;X".into(), &"D[2J".into())
    );
}

#[test]
fn a_page_nesting_forty_thousand_tags_comes_in_without_overflowing() {
    let dir = tempfile::tempdir().unwrap();
    let page = std::fs::read_to_string(fixture("night-train.html")).unwrap();
    assert!(page.contains("A <i>slow</i>"));
    // (`div` overflowed too, but 40,000 nested block elements take html5ever seconds to
    // build in a debug build: the two inline ones stand for them here.)
    for tag in ["i", "span"] {
        let deep = format!(
            "{}deep{}",
            format!("<{tag}>").repeat(40_000),
            format!("</{tag}>").repeat(40_000)
        );
        let file = dir.path().join(format!("deep-{tag}.html"));
        std::fs::write(&file, page.replace("A <i>slow</i>", &format!("A {deep}"))).unwrap();
        let db = dir.path().join(format!("{tag}.db"));
        marquee(&db)
            .args(["import", "page"])
            .arg(&file)
            .assert()
            .success()
            .stdout(contains("4 reviews: 4 added to Night Train (2021)"));
        let kim = exported(&db);
        let body = review(&kim, "Kim Park")["body"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            body.starts_with("A") && body.contains("deep"),
            "{tag}: {body}"
        );
    }
}
