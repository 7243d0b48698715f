//! `docs/json.md` is what `--format json` prints: each command it names is run on a
//! database where every field it documents has something to say, and every field printed
//! must be documented with its type, every field documented `always` must be in every
//! object, and every field documented must be seen.

#[path = "common/cli.rs"]
mod cli;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cli::marquee;
use serde_json::Value;

/// A field of a documented shape: its path (`films[].slug`), type and when it is there.
struct Field {
    path: String,
    kind: String,
    always: bool,
    /// Present only with an argument the command was or wasn't given (`with --year`).
    by_argument: bool,
}

/// A section of the doc: the command (as written, with FILM, NAME, YEAR), whether it
/// prints an array, and its fields.
struct Shape {
    command: String,
    array: bool,
    fields: Vec<Field>,
}

fn shapes() -> Vec<Shape> {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md"))
        .expect("docs/json.md");
    let mut shapes: Vec<Shape> = Vec::new();
    for line in doc.lines() {
        if let Some(heading) = line.strip_prefix("## `") {
            let command = heading.trim_end_matches('`').to_string();
            assert!(command.ends_with("--format json"), "{command}");
            shapes.push(Shape {
                command,
                array: false,
                fields: Vec::new(),
            });
            continue;
        }
        let Some(shape) = shapes.last_mut() else {
            continue;
        };
        if line.starts_with("An array") {
            shape.array = true;
        }
        let cells: Vec<&str> = line
            .split(" | ")
            .map(|c| c.trim_matches('|').trim())
            .collect();
        if let [field, kind, present] = cells.as_slice()
            && field.starts_with('`')
        {
            shape.fields.push(Field {
                path: field.trim_matches('`').to_string(),
                kind: kind.to_string(),
                always: present.starts_with("always"),
                by_argument: present.starts_with("with"),
            });
        }
    }
    assert!(shapes.len() >= 7, "every command's shape is documented");
    shapes
}

/// Whether `value` is of the documented `kind`.
fn is_kind(value: &Value, kind: &str) -> bool {
    if let Some(kind) = kind.strip_suffix(" or null") {
        return value.is_null() || is_kind(value, kind);
    }
    let all = |check: fn(&Value) -> bool| match value {
        Value::Array(items) => items.iter().all(check),
        Value::Object(map) => map.values().all(check),
        _ => false,
    };
    match kind {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array of strings" => value.is_array() && all(Value::is_string),
        "array of integers" => value.is_array() && all(|v| v.is_i64() || v.is_u64()),
        "array of objects" => value.is_array() && all(Value::is_object),
        "object of integers" => value.is_object() && all(|v| v.is_i64() || v.is_u64()),
        "object" => value.is_object(),
        other => panic!("docs/json.md names a type no test knows: {other:?}"),
    }
}

/// Checks `object` against the fields under `prefix`, noting each field seen.
fn check(shape: &Shape, object: &Value, prefix: &str, seen: &mut BTreeSet<String>) {
    let map = object
        .as_object()
        .unwrap_or_else(|| panic!("{object} is no object"));
    for (key, value) in map {
        let path = format!("{prefix}{key}");
        let field = shape
            .fields
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{}: `{path}` is printed, not documented", shape.command));
        assert!(
            is_kind(value, &field.kind),
            "{}: `{path}` is {value}, documented {}",
            shape.command,
            field.kind
        );
        seen.insert(path.clone());
        if field.kind == "array of objects" {
            for item in value.as_array().unwrap() {
                check(shape, item, &format!("{path}[]."), seen);
            }
        }
    }
    for field in &shape.fields {
        let Some(key) = field.path.strip_prefix(prefix) else {
            continue;
        };
        if field.always && !key.contains('.') {
            assert!(
                map.contains_key(key),
                "{}: `{}` is documented always, missing from {object}",
                shape.command,
                field.path
            );
        }
    }
}

/// A database where every documented field has something to say: saved pages (text with
/// formatting, cut short, authors' handles), an export of our own (logs, a list, the
/// watchlist), and what another program wrote (comments, bytes where text was).
fn rich_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("letterboxd-tester");
    std::fs::create_dir_all(export.join("lists")).unwrap();
    std::fs::write(
        export.join("diary.csv"),
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\r\n\
         2024-02-11,Stalker,1979,https://boxd.it/t005,4,,slow,2024-02-11\r\n\
         2024-06-30,Heat,1995,https://boxd.it/t006,5,Yes,,2024-06-30\r\n",
    )
    .unwrap();
    std::fs::write(
        export.join("reviews.csv"),
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\r\n\
         2024-02-11,Stalker,1979,https://boxd.it/t005,4,,The <i>zone</i> hums.,slow,2024-02-11\r\n",
    )
    .unwrap();
    std::fs::write(
        export.join("watchlist.csv"),
        "Date,Name,Year,Letterboxd URI\r\n2024-03-01,Playtime,1967,https://boxd.it/f010\r\n",
    )
    .unwrap();
    std::fs::write(
        export.join("lists/slow-ones.csv"),
        "Letterboxd list export v7\r\nDate,Name,Tags,URL,Description\r\n\
         2024-03-02,Slow ones,patience,https://boxd.it/L9,Patience pays.\r\n\r\n\
         Position,Name,Year,URL,Description\r\n\
         1,Stalker,1979,https://boxd.it/f005,The room.\r\n",
    )
    .unwrap();
    let db = cli::imported(dir.path(), &export);
    marquee(&db)
        .args(["import", "page", "tests/fixtures/pages"])
        .assert()
        .success();
    // IMDb's details for Stalker, from files of IMDb's shape.
    let imdb = dir.path().join("imdb");
    std::fs::create_dir_all(&imdb).unwrap();
    for (name, text) in [
        (
            "title.basics.tsv",
            "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n\
             tt0079944\tmovie\tStalker\tСталкер\t0\t1979\t\\N\t162\tDrama,Sci-Fi\n",
        ),
        (
            "title.ratings.tsv",
            "tconst\taverageRating\tnumVotes\ntt0079944\t8.0\t150000\n",
        ),
    ] {
        std::fs::write(imdb.join(name), text).unwrap();
    }
    marquee(&db)
        .args(["import", "imdb"])
        .arg(&imdb)
        .assert()
        .success();
    // Another program: a comment count, and bytes that are no UTF-8 where text was.
    let sql = rusqlite::Connection::open(&db).unwrap();
    sql.execute_batch(
        "UPDATE entry SET comments = 3, handle = 'tester', cut_short = 1
           WHERE id = (SELECT min(id) FROM entry WHERE is_mine = 1);
         UPDATE film SET tmdb_id = 1398 WHERE slug = 'stalker';
         UPDATE entry SET comments = 2 WHERE id = (SELECT min(id) FROM entry WHERE handle IS NOT NULL AND is_mine = 0);
         UPDATE entry SET body = X'fffe'
           WHERE id = (SELECT max(id) FROM entry WHERE is_mine = 1);
         UPDATE entry SET body = X'fffe'
           WHERE id = (SELECT max(id) FROM entry WHERE cut_short = 1 AND is_mine = 0);",
    )
    .unwrap();
    (dir, db)
}

/// The command of a doc's heading, with a film, a list and a year of `db` in it.
fn run(db: &Path, command: &str, film: &str) -> Value {
    let args: Vec<String> = command
        .split_whitespace()
        .skip(1)
        .map(|word| match word {
            "FILM" => film.to_string(),
            "NAME" => "Slow ones".to_string(),
            "YEAR" => "2024".to_string(),
            word => word.to_string(),
        })
        .collect();
    let out = marquee(db).args(&args).output().unwrap();
    assert!(
        out.status.success(),
        "{command}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{command}: {e}"))
}

#[test]
fn every_json_output_is_the_shape_docs_json_md_gives() {
    let (_dir, db) = rich_db();
    // Films whose reviews have every optional field between them.
    let films = ["night-train-2021", "filme", "stalker"];
    for shape in shapes() {
        let mut seen = BTreeSet::new();
        let runs: Vec<&str> = match shape.command.contains("FILM") {
            true => films.to_vec(),
            false => vec![""],
        };
        for film in runs {
            let value = run(&db, &shape.command, film);
            match (shape.array, &value) {
                (true, Value::Array(items)) => {
                    assert!(!items.is_empty(), "{}: nothing printed", shape.command);
                    for item in items {
                        check(&shape, item, "", &mut seen);
                    }
                }
                (false, Value::Object(_)) => check(&shape, &value, "", &mut seen),
                _ => panic!("{}: {value} is not the documented kind", shape.command),
            }
        }
        for field in shape.fields.iter().filter(|f| !f.by_argument) {
            assert!(
                seen.contains(&field.path),
                "{}: `{}` is documented but never printed",
                shape.command,
                field.path
            );
        }
    }
}
