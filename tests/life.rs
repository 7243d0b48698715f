//! The member's film life on the command line: diary, watchlist, lists and stats, read
//! from an export of our own writing, shaped like Letterboxd's.

#[path = "common/cli.rs"]
mod cli;

use std::path::{Path, PathBuf};

use cli::marquee;
use serde_json::Value;

/// Diary rows: (logged, title, year, address, rating, rewatch, watched).
const DIARY: [(&str, &str, u16, &str, &str, &str, &str); 7] = [
    (
        "2023-01-02",
        "Heat",
        1995,
        "https://boxd.it/t001",
        "4.5",
        "",
        "2023-01-01",
    ),
    (
        "2023-03-05",
        "Alien",
        1979,
        "https://boxd.it/t002",
        "",
        "",
        "2023-03-04",
    ),
    (
        "2023-03-20",
        "Alien",
        1979,
        "https://boxd.it/t003",
        "5",
        "Yes",
        "2023-03-19",
    ),
    (
        "2024-02-10",
        "Solaris",
        1972,
        "https://boxd.it/t004",
        "3",
        "",
        "2024-02-09",
    ),
    (
        "2024-02-11",
        "Stalker",
        1979,
        "https://boxd.it/t005",
        "4",
        "",
        "2024-02-11",
    ),
    (
        "2024-07-01",
        "Heat",
        1995,
        "https://boxd.it/t006",
        "5",
        "Yes",
        "2024-06-30",
    ),
    (
        "2025-12-31",
        "Mirror",
        1975,
        "https://boxd.it/t007",
        "2.5",
        "",
        "2025-12-30",
    ),
];

fn export(dir: &Path) -> PathBuf {
    let export = dir.join("letterboxd-tester");
    std::fs::create_dir_all(export.join("lists")).unwrap();
    let mut diary =
        String::from("Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\r\n");
    for (logged, title, year, uri, rating, rewatch, watched) in DIARY {
        diary.push_str(&format!(
            "{logged},{title},{year},{uri},{rating},{rewatch},,{watched}\r\n"
        ));
    }
    std::fs::write(export.join("diary.csv"), diary).unwrap();
    // A review of a log, and a rating alone: neither adds a day to the diary.
    std::fs::write(
        export.join("reviews.csv"),
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\r\n\
         2024-02-11,Stalker,1979,https://boxd.it/t005,4,,The zone hums.,,2024-02-11\r\n",
    )
    .unwrap();
    std::fs::write(
        export.join("ratings.csv"),
        "Date,Name,Year,Letterboxd URI,Rating\r\n2022-05-05,Ran,1985,https://boxd.it/f009,4\r\n",
    )
    .unwrap();
    std::fs::write(
        export.join("watchlist.csv"),
        "Date,Name,Year,Letterboxd URI\r\n\
         2024-01-01,Ran,1985,https://boxd.it/f009\r\n\
         2024-03-01,Playtime,1967,https://boxd.it/f010\r\n",
    )
    .unwrap();
    std::fs::write(
        export.join("lists/slow-ones.csv"),
        "Letterboxd list export v7\r\nDate,Name,Tags,URL,Description\r\n\
         2024-03-02,Slow ones,,https://boxd.it/L9,Patience pays.\r\n\r\n\
         Position,Name,Year,URL,Description\r\n\
         1,Stalker,1979,https://boxd.it/f005,The room.\r\n\
         2,Solaris,1972,https://boxd.it/f004,\r\n",
    )
    .unwrap();
    export
}

fn db_with_history() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let export = export(dir.path());
    let db = cli::imported(dir.path(), &export);
    (dir, db)
}

fn json(db: &Path, args: &[&str]) -> Value {
    let out = marquee(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_diary_is_every_log_by_day_watched_newest_first() {
    let (_dir, db) = db_with_history();
    let diary = json(&db, &["diary", "--format", "json"]);
    let days: Vec<&str> = diary
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["watched"].as_str().unwrap())
        .collect();
    let mut expected: Vec<&str> = DIARY.iter().map(|d| d.6).collect();
    expected.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(days, expected, "the rating of Ran alone is no log");
    let first = &diary[0];
    assert_eq!(
        (&first["title"], &first["year"], &first["rating"]),
        (
            &Value::from("Mirror"),
            &Value::from(1975),
            &Value::from(2.5)
        )
    );
    let stalker = diary
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == "Stalker")
        .unwrap();
    assert_eq!(
        stalker["body"], "The zone hums.",
        "the review joined its log"
    );
    // Per year as the export has them, and by rating as in the app.
    for year in [2023, 2024, 2025] {
        let logs = json(
            &db,
            &["diary", "--year", &year.to_string(), "--format", "json"],
        );
        let want = DIARY
            .iter()
            .filter(|d| d.6.starts_with(&year.to_string()))
            .count();
        assert_eq!(logs.as_array().unwrap().len(), want, "{year}");
    }
    let fives = json(&db, &["diary", "--stars", "5", "--format", "json"]);
    assert_eq!(fives.as_array().unwrap().len(), 2);
    let table = marquee(&db).arg("diary").output().unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    let alien = table.lines().find(|l| l.contains("Alien")).unwrap();
    assert!(alien.starts_with("2023-03-19  ★★★★★  ↺"), "{table}");
}

#[test]
fn stats_count_a_year_by_month_and_all_time_by_year() {
    let (_dir, db) = db_with_history();
    let year = json(&db, &["stats", "--year", "2024", "--format", "json"]);
    assert_eq!(year["logs"], 3);
    assert_eq!(year["films"], 3);
    assert_eq!(year["reviews"], 1);
    assert_eq!(year["rewatches"], 1);
    let months: Vec<u64> = year["per_month"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    assert_eq!(months, [0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    let all = json(&db, &["stats", "--format", "json"]);
    assert_eq!(all["logs"], 7);
    assert_eq!(all["per_year"]["2023"], 3);
    assert_eq!(all["per_year"]["2025"], 1);
    let ratings = all["ratings"].as_object().unwrap();
    let sum: u64 = ratings.values().map(|n| n.as_u64().unwrap()).sum();
    assert_eq!(sum, 7, "{ratings:?}");
    assert_eq!(ratings["5"], 2);
    assert_eq!(ratings["unrated"], 1);
    let out = marquee(&db)
        .args(["stats", "--year", "3000"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a year of films"));
}

#[test]
fn the_watchlist_lists_adds_and_removes() {
    let (_dir, db) = db_with_history();
    let slugs = |db: &Path| -> Vec<String> {
        json(db, &["watchlist", "--format", "json"])
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["slug"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(slugs(&db), ["playtime", "ran"], "newest added first");
    marquee(&db)
        .args(["watchlist", "add", "Heat"])
        .assert()
        .success();
    assert_eq!(slugs(&db)[0], "heat");
    marquee(&db)
        .args(["watchlist", "remove", "ran"])
        .assert()
        .success();
    assert_eq!(slugs(&db), ["heat", "playtime"]);
    // Taking off what is not there, or a film that is not there: refused, nothing changed.
    for film in ["ran", "no-such-film"] {
        let out = marquee(&db)
            .args(["watchlist", "remove", film])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{film}");
        assert_eq!(slugs(&db), ["heat", "playtime"]);
    }
    let out = marquee(&db)
        .args(["--read-only", "watchlist", "add", "Alien"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(slugs(&db), ["heat", "playtime"]);
}

#[test]
fn lists_show_one_list_by_name() {
    let (_dir, db) = db_with_history();
    // One list is one object, as `jq .films` expects.
    let list = json(&db, &["lists", "show", "slow ONES", "--format", "json"]);
    assert!(list.is_object(), "{list:#}");
    let films: Vec<&str> = list["films"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["slug"].as_str().unwrap())
        .collect();
    assert_eq!(films, ["stalker", "solaris"]);
    assert_eq!(list["films"][0]["note"], "The room.");
    // The table names each film by its title and year.
    let out = marquee(&db)
        .args(["lists", "show", "slow ones"])
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("   1. Stalker (1979)"), "{table}");
    let out = marquee(&db)
        .args(["lists", "show", "fast ones"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no list is called"));
}

#[test]
fn lists_are_made_renamed_filled_reordered_and_deleted() {
    let (_dir, db) = db_with_history();
    let (mut store, _) = marquee::store::Store::open(&db).unwrap();
    let heat = store.find_film("heat").unwrap().id;
    let alien = store.find_film("alien").unwrap().id;
    let mirror = store.find_film("mirror").unwrap().id;
    let id = store.create_list("Rainy days").unwrap();
    // A name already used (ignoring case), or none: refused, nothing changed.
    for taken in ["slow ones", "rainy DAYS", "  "] {
        assert!(store.create_list(taken).is_err(), "{taken}");
    }
    assert!(store.rename_list(id, "Slow Ones").is_err());
    store.rename_list(id, "Rainy afternoons").unwrap();
    for film in [heat, alien, mirror] {
        assert!(store.add_to_list(id, film).unwrap());
    }
    assert!(!store.add_to_list(id, heat).unwrap(), "once only");
    assert!(store.move_in_list(id, 3, true).unwrap());
    assert!(
        !store.move_in_list(id, 1, true).unwrap(),
        "nothing above the first"
    );
    store.remove_from_list(id, 1).unwrap();
    let list = store
        .lists()
        .unwrap()
        .into_iter()
        .find(|l| l.id == id)
        .unwrap();
    assert_eq!(list.name, "Rainy afternoons");
    let order: Vec<(u32, &str)> = list
        .items
        .iter()
        .map(|i| (i.position, i.slug.as_str()))
        .collect();
    assert_eq!(order, [(1, "mirror"), (2, "alien")]);
    store.delete_list(id).unwrap();
    assert!(store.lists().unwrap().iter().all(|l| l.id != id));
}
