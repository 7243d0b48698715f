//! `marquee import imdb` on files of IMDb's shape, of our own writing: every film matched
//! as the rules say and none wrongly, details shown, a second import changing nothing,
//! and bad files refused naming the file and the line, with nothing changed.

#[path = "common/cli.rs"]
mod cli;

use std::io::Write;
use std::path::{Path, PathBuf};

use cli::marquee;
use serde_json::Value;

/// The member's diary: (title, year) as Letterboxd exports them.
const DIARY: [(&str, u16); 8] = [
    ("Heat", 1995),
    ("Spirited Away", 2001),
    ("Stalker", 1979),
    ("The Haunted Castle", 1897),
    ("Alien", 1979),
    ("The \"Human\" Factor", 1979),
    ("Amélie", 2001),
    ("Nowhere To Be Found", 2020),
];

const BASICS: &str = "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres
tt0113277\tmovie\tHeat\tHeat\t0\t1995\t\\N\t170\tAction,Crime,Drama
tt0090624\tmovie\tHeat\tHeat\t0\t1986\t\\N\t101\tAction,Crime
tt5550001\ttvEpisode\tHeat\tHeat\t0\t1995\t\\N\t44\tDrama
tt0245429\tmovie\tSen to Chihiro no kamikakushi\tSen to Chihiro no kamikakushi\t0\t2001\t\\N\t125\tAdventure,Animation,Family
tt0079944\tmovie\tStalker\tStalker\t0\t1980\t\\N\t162\tDrama,Sci-Fi
tt0000131\tshort\tThe Haunted Castle\tLe manoir du diable\t0\t1897\t\\N\t1\tShort,Horror
tt0000132\tshort\tThe Haunted Castle\tLe château hanté\t0\t1897\t\\N\t1\tShort
tt0078748\tmovie\tAlien\tAlien\t0\t1979\t\\N\t117\tHorror,Sci-Fi
tt5550002\ttvEpisode\tAlien\tAlien\t0\t1979\t\\N\t30\tDrama
tt5550003\ttvSeries\tAlien\tAlien\t0\t1979\t1981\t30\tDrama
tt0079285\tmovie\tThe \"Human\" Factor\tThe \"Human\" Factor\t0\t1979\t\\N\t115\tDrama,Thriller
tt0211915\tmovie\tAmélie\tLe fabuleux destin d'Amélie Poulain\t0\t2001\t\\N\t122\tComedy,Romance
";

const AKAS: &str = "titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle
tt0245429\t1\tSen to Chihiro no kamikakushi\tJP\tja\toriginal\t\\N\t1
tt0245429\t2\tSpirited Away\tUS\t\\N\timdbDisplay\t\\N\t0
tt0245429\t3\tSpirited Away\tGB\t\\N\timdbDisplay\t\\N\t0
tt5550002\t1\tSpirited Away\tUS\t\\N\t\\N\t\\N\t0
";

const CREW: &str = "tconst\tdirectors\twriters
tt0113277\tnm0000520\tnm0000520
tt0245429\tnm0594503\tnm0594503
tt0079944\tnm0853546\t\\N
tt0078748\tnm0000631\tnm0000631,nm0000632
tt0079285\tnm0000001\t\\N
tt0211915\tnm0447987\tnm0447987
";

const NAMES: &str = "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles
nm0000520\tMichael Mann\t1943\t\\N\tproducer,writer,director\ttt0113277
nm0594503\tHayao Miyazaki\t1941\t\\N\twriter,director\ttt0245429
nm0853546\tAndrei Tarkovsky\t1932\t1986\tdirector\ttt0079944
nm0000631\tRidley Scott\t1937\t\\N\tdirector\ttt0078748
nm0000001\tOtto \"Ludwig\" Preminger\t1905\t1986\tdirector\ttt0079285
nm0447987\tJean-Pierre Jeunet\t1953\t\\N\tdirector\ttt0211915
";

const RATINGS: &str = "tconst\taverageRating\tnumVotes
tt0113277\t8.3\t750000
tt0245429\t8.6\t900000
tt0079944\t8.0\t150000
tt0078748\t8.5\t950000
tt0211915\t8.3\t800000
";

fn gzip(text: &str) -> Vec<u8> {
    let mut out = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    out.write_all(text.as_bytes()).unwrap();
    out.finish().unwrap()
}

/// IMDb's five files, gzipped, in a folder of their own; and one IMDb file marquee
/// passes over.
fn datasets(dir: &Path) -> PathBuf {
    let folder = dir.join("imdb");
    std::fs::create_dir_all(&folder).unwrap();
    for (name, text) in [
        ("title.basics.tsv.gz", BASICS),
        ("title.akas.tsv.gz", AKAS),
        ("title.crew.tsv.gz", CREW),
        ("name.basics.tsv.gz", NAMES),
        ("title.ratings.tsv.gz", RATINGS),
        ("title.principals.tsv.gz", "tconst\tordering\tnconst\n"),
    ] {
        std::fs::write(folder.join(name), gzip(text)).unwrap();
    }
    folder
}

fn library(dir: &Path) -> PathBuf {
    let export = dir.join("letterboxd-tester");
    std::fs::create_dir_all(&export).unwrap();
    let mut diary =
        String::from("Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\r\n");
    for (i, (title, year)) in DIARY.iter().enumerate() {
        let title = match title.contains('"') {
            true => format!("\"{}\"", title.replace('"', "\"\"")),
            false => title.to_string(),
        };
        diary.push_str(&format!(
            "2024-01-{:02},{title},{year},https://boxd.it/t{i:03},4,,,2024-01-{:02}\r\n",
            i + 1,
            i + 1
        ));
    }
    std::fs::write(export.join("diary.csv"), diary).unwrap();
    cli::imported(dir, &export)
}

/// The library, and a saved page of a film that links to IMDb and TMDB.
fn library_with_a_page(dir: &Path) -> PathBuf {
    let db = library(dir);
    marquee(&db)
        .args(["import", "page", "tests/fixtures/pages/night-train.html"])
        .assert()
        .success();
    db
}

fn films(db: &Path) -> Vec<Value> {
    let out = marquee(db)
        .args(["films", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn film<'a>(films: &'a [Value], title: &str) -> &'a Value {
    films
        .iter()
        .find(|f| f["title"] == title)
        .unwrap_or_else(|| panic!("no {title}"))
}

/// Every film's columns, to tell whether an import changed anything.
fn film_rows(db: &Path) -> String {
    let sql = rusqlite::Connection::open(db).unwrap();
    let mut stmt = sql.prepare("SELECT * FROM film ORDER BY id").unwrap();
    let columns = stmt.column_count();
    let rows: Vec<String> = stmt
        .query_map([], |r| {
            Ok((0..columns)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect::<Vec<_>>()
                .join("|"))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows.join("\n")
}

#[test]
fn every_film_is_matched_as_the_rules_say_and_none_wrongly() {
    let dir = tempfile::tempdir().unwrap();
    let db = library(dir.path());
    let folder = datasets(dir.path());
    let out = marquee(&db)
        .args(["import", "imdb"])
        .arg(&folder)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains(
            "8 films: 6 matched (0 by the IMDb id a page gave or you set, 6 by title and year)"
        ),
        "{said}"
    );
    assert!(
        said.contains("1 with no IMDb title that fits, 1 with several that fit equally"),
        "{said}"
    );
    assert!(
        said.contains("title.principals.tsv.gz: IMDb's, with nothing marquee keeps"),
        "{said}"
    );
    assert!(
        said.contains("not matched: The Haunted Castle (1897): tt0000131, tt0000132"),
        "{said}"
    );
    assert!(
        said.contains("not matched: Nowhere To Be Found (2020)"),
        "{said}"
    );
    let films = films(&db);
    let imdb = |title: &str| film(&films, title)["imdb"].clone();
    // The year decides: not the 1986 Heat, not the episode.
    assert_eq!(imdb("Heat"), "tt0113277");
    // Known only by an aka; an episode of the same name is no film.
    assert_eq!(imdb("Spirited Away"), "tt0245429");
    // A year off, the only candidate.
    assert_eq!(imdb("Stalker"), "tt0079944");
    // Two shorts of one title and year: no guess.
    assert_eq!(imdb("The Haunted Castle"), Value::Null);
    assert_eq!(
        film(&films, "The Haunted Castle")["imdb_match"],
        "ambiguous"
    );
    // The film, not the episode nor the series of its name.
    assert_eq!(imdb("Alien"), "tt0078748");
    // Quotes are part of the title: IMDb's files don't quote.
    assert_eq!(imdb("The \"Human\" Factor"), "tt0079285");
    assert_eq!(imdb("Amélie"), "tt0211915");
    assert_eq!(imdb("Nowhere To Be Found"), Value::Null);
    // What a match gives.
    let heat = film(&films, "Heat");
    assert_eq!(heat["directors"], serde_json::json!(["Michael Mann"]));
    assert_eq!(heat["runtime"], 170);
    assert_eq!(
        heat["genres"],
        serde_json::json!(["Action", "Crime", "Drama"])
    );
    assert_eq!(heat["imdb_rating"], 8.3);
    assert_eq!(heat["imdb_votes"], 750_000);
    assert_eq!(heat["imdb_match"], "title");
    let amelie = film(&films, "Amélie");
    assert_eq!(
        amelie["original_title"],
        "Le fabuleux destin d'Amélie Poulain"
    );
    assert_eq!(
        film(&films, "The \"Human\" Factor")["directors"],
        serde_json::json!(["Otto \"Ludwig\" Preminger"])
    );
    // The unmatched, listed for the member to fix.
    let out = marquee(&db)
        .args(["films", "--unmatched", "--format", "json"])
        .output()
        .unwrap();
    let unmatched: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let titles: Vec<&str> = unmatched
        .iter()
        .map(|f| f["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["The Haunted Castle", "Nowhere To Be Found"]);
}

#[test]
fn a_second_import_changes_nothing_and_a_title_set_by_hand_sticks() {
    let dir = tempfile::tempdir().unwrap();
    let db = library(dir.path());
    let folder = datasets(dir.path());
    marquee(&db)
        .args(["import", "imdb"])
        .arg(&folder)
        .assert()
        .success();
    let before = film_rows(&db);
    let out = marquee(&db)
        .args(["import", "imdb"])
        .arg(&folder)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(
            "0 matched films changed (their IMDb title or details), 0 unmatched ones noted so"
        ),
        "{said}"
    );
    assert_eq!(
        film_rows(&db),
        before,
        "the same files again change nothing"
    );
    // Set by hand: the ambiguous castle is the first short.
    let castle = film(&films(&db), "The Haunted Castle")["slug"]
        .as_str()
        .unwrap()
        .to_string();
    marquee(&db)
        .args([
            "film",
            &castle,
            "--imdb",
            "https://www.imdb.com/title/tt0000132/",
        ])
        .assert()
        .success();
    marquee(&db)
        .args(["import", "imdb"])
        .arg(&folder)
        .assert()
        .success();
    let castle = film(&films(&db), "The Haunted Castle").clone();
    assert_eq!(castle["imdb"], "tt0000132");
    assert_eq!(castle["imdb_match"], "hand");
    assert_eq!(castle["original_title"], "Le château hanté");
    assert_eq!(castle["runtime"], 1);
    // A bad id is refused.
    marquee(&db)
        .args(["film", "heat", "--imdb", "tt12"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("is no IMDb title"));
}

#[test]
fn bad_files_are_refused_naming_the_file_and_line_with_nothing_changed() {
    let dir = tempfile::tempdir().unwrap();
    let db = library(dir.path());
    let before = film_rows(&db);
    let bad = dir.path().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    // A row short of a field: its physical line (the header is line 1).
    let short = BASICS.replace(
        "tt0078748\tmovie\tAlien\tAlien\t0\t",
        "tt0078748\tmovie\tAlien\t0\t",
    );
    let basics = bad.join("title.basics.tsv");
    std::fs::write(&basics, &short).unwrap();
    let out = marquee(&db)
        .args(["import", "imdb"])
        .arg(&basics)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("title.basics.tsv line 9: 8 fields where the header has 9"),
        "{said}"
    );
    // A gzip cut short.
    let mut long = String::from(RATINGS);
    for n in 0..20_000 {
        long.push_str(&format!("tt{:07}\t6.{}\t{n}\n", 1_000_000 + n, n % 10));
    }
    let zipped = gzip(&long);
    let ratings = bad.join("title.ratings.tsv.gz");
    std::fs::write(&ratings, &zipped[..zipped.len() / 2]).unwrap();
    let out = marquee(&db)
        .args(["import", "imdb"])
        .arg(&ratings)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("title.ratings.tsv.gz line") && said.contains("cut short"),
        "{said}"
    );
    // A file that isn't one of IMDb's.
    let other = bad.join("ratings.csv");
    std::fs::write(&other, "x").unwrap();
    let out = marquee(&db)
        .args(["import", "imdb"])
        .arg(&other)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not one of IMDb's files"));
    assert_eq!(film_rows(&db), before, "nothing changed");
}

#[test]
fn a_saved_pages_imdb_id_is_kept_and_matched_by_id_and_films_added_later_are_matched() {
    let dir = tempfile::tempdir().unwrap();
    // The page links to IMDb and TMDB: both are kept on the film.
    let db = library_with_a_page(dir.path());
    let night = film(&films(&db), "Night Train").clone();
    assert_eq!(night["imdb"], "tt9999901");
    assert_eq!(night["imdb_match"], "page");
    assert_eq!(night["tmdb"], 999_901);
    // IMDb knows it under another title and year: the id decides.
    let folder = datasets(dir.path());
    let basics =
        format!("{BASICS}tt9999901\tmovie\tNachtzug\tNachtzug\t0\t2022\t\\N\t118\tDrama\n");
    std::fs::write(folder.join("title.basics.tsv.gz"), gzip(&basics)).unwrap();
    let out = marquee(&db)
        .args(["import", "imdb"])
        .arg(&folder)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("7 matched (1 by the IMDb id a page gave or you set, 6 by title and year)"),
        "{said}"
    );
    let night = film(&films(&db), "Night Train").clone();
    assert_eq!(night["imdb_match"], "page");
    assert_eq!(night["original_title"], "Nachtzug");
    // The page's own directors stay (IMDb's crew names none of them here).
    assert_eq!(
        night["directors"],
        serde_json::json!(["Ada Lovelace", "Mary Shelley", "Emily Brontë"])
    );
    // A film added after the import is matched by the next one.
    let export = dir.path().join("later");
    std::fs::create_dir_all(&export).unwrap();
    std::fs::write(
        export.join("diary.csv"),
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\r\n\
         2024-03-01,Heat,1986,https://boxd.it/later1,3,,,2024-03-01\r\n",
    )
    .unwrap();
    marquee(&db)
        .args(["import", "letterboxd"])
        .arg(&export)
        .assert()
        .success();
    marquee(&db)
        .args(["import", "imdb"])
        .arg(&folder)
        .assert()
        .success();
    let films = films(&db);
    let heats: Vec<&Value> = films.iter().filter(|f| f["title"] == "Heat").collect();
    let mut ids: Vec<&str> = heats.iter().map(|f| f["imdb"].as_str().unwrap()).collect();
    ids.sort();
    assert_eq!(ids, ["tt0090624", "tt0113277"]);
}

#[test]
fn the_jsonl_export_keeps_what_pages_and_imdb_told_of_every_film() {
    let dir = tempfile::tempdir().unwrap();
    let db = library_with_a_page(dir.path());
    marquee(&db)
        .args(["import", "imdb"])
        .arg(datasets(dir.path()))
        .assert()
        .success();
    let export = |db: &Path| marquee(db).arg("export").output().unwrap().stdout;
    let jsonl = dir.path().join("all.jsonl");
    std::fs::write(&jsonl, export(&db)).unwrap();
    let again = dir.path().join("again.db");
    marquee(&again)
        .args(["import", "jsonl"])
        .arg(&jsonl)
        .assert()
        .success();
    assert_eq!(films(&again), films(&db), "every film's details come back");
    assert_eq!(
        export(&again),
        std::fs::read(&jsonl).unwrap(),
        "byte for byte"
    );
    // And a newer IMDb import still knows which columns IMDb filled.
    let heat = film(&films(&again), "Heat").clone();
    assert_eq!(heat["runtime"], 170);
    assert_eq!(heat["imdb_match"], "title");
}
