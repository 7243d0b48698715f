//! marquee's own schema objects (tables, indexes, views, triggers) as this build makes
//! them, against what a file holds: a script may drop a trigger or an index, and then
//! new rows go missing from counts and search without a word. `check` names what is
//! missing or changed; `--repair` makes it again from this build's own SQL.

use std::collections::HashMap;

use rusqlite::Connection;

/// One schema object, as `sqlite_schema` lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Object {
    pub kind: String,
    pub name: String,
    pub sql: String,
}

/// How a file's object differs from marquee's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Difference {
    Missing(Object),
    Changed(Object),
}

impl Difference {
    pub fn object(&self) -> &Object {
        match self {
            Difference::Missing(o) | Difference::Changed(o) => o,
        }
    }

    /// The problem in words, for `check`.
    pub fn describe(&self) -> String {
        let o = self.object();
        let what = match (o.kind.as_str(), o.name.as_str()) {
            ("trigger", name) if name.starts_with("entry_count") => {
                ": the films' counts and histograms miss what is written meanwhile"
            }
            ("trigger", name) if name.starts_with("entry_fts") => {
                ": the search misses what is written meanwhile"
            }
            ("trigger", name) if name.starts_with("diary_count") || name.starts_with("seen_") => {
                ": the diary's counts and the films seen miss what is written meanwhile"
            }
            ("trigger", _) => ": what it keeps is not kept",
            ("index", _) => ": what it orders is read slowly",
            ("view", _) => ": what uses it fails",
            (
                "table",
                "film_count" | "diary_count" | "seen_film" | "entry_fts_stale" | "film_replaced"
                | "entry_replaced",
            ) => ": what it keeps is derived, and `--repair` makes it again",
            ("table", _) => ": its rows are gone (`--repair` makes it again, empty)",
            _ => "",
        };
        match self {
            Difference::Missing(_) => format!(
                "marquee's {} {} is missing (dropped by another program?){what}",
                o.kind, o.name
            ),
            Difference::Changed(_) if o.kind == "table" => format!(
                "marquee's table {} lacks some of its columns (changed by another program?): what they hold is gone, and `--repair` can't make it again",
                o.name
            ),
            Difference::Changed(_) => format!(
                "marquee's {} {} is not as marquee made it (changed by another program?)",
                o.kind, o.name
            ),
        }
    }

    /// Whether `--repair` can make it again as it was. A changed table holds the
    /// member's rows: it is named, never dropped.
    pub fn repairable(&self) -> bool {
        !matches!(self, Difference::Changed(o) if o.kind == "table")
    }
}

/// The objects a file holds that marquee makes: not SQLite's own (`sqlite_*`), nor the
/// full-text index's shadow tables, which FTS5 makes with the index.
fn objects(conn: &Connection) -> rusqlite::Result<Vec<Object>> {
    conn.prepare(
        "SELECT type, name, sql FROM sqlite_schema
         WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
           AND NOT (type = 'table' AND name IN ('entry_fts_data', 'entry_fts_idx',
                    'entry_fts_config', 'entry_fts_docsize', 'entry_fts_content'))
         ORDER BY rowid",
    )?
    .query_map([], |r| {
        Ok(Object {
            kind: r.get(0)?,
            name: r.get(1)?,
            sql: r.get(2)?,
        })
    })?
    .collect()
}

/// A new database of this build's schema, in memory.
fn fresh() -> rusqlite::Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    super::migrations::create_at_version(&mut conn, super::SCHEMA_VERSION as usize)?;
    Ok(conn)
}

/// SQL compared without regard to spacing, as the shell's `.dump` may write it.
fn same_sql(a: &str, b: &str) -> bool {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    words(a) == words(b)
}

/// What the file lacks or holds changed, of marquee's objects, in the order they are
/// made. Objects of the file's own that marquee doesn't make (an index a user added) are
/// left alone.
pub fn differences(conn: &Connection) -> rusqlite::Result<Vec<Difference>> {
    let present: HashMap<(String, String), String> = objects(conn)?
        .into_iter()
        .map(|o| ((o.kind, o.name), o.sql))
        .collect();
    let fresh = fresh()?;
    let mut found = Vec::new();
    // This build's objects, in the order they are made (what one uses is made first).
    for o in objects(&fresh)? {
        match present.get(&(o.kind.clone(), o.name.clone())) {
            None => found.push(Difference::Missing(o)),
            // A table is marquee's while it has marquee's columns: a column a user added
            // (with a default, as marquee adds its own) is theirs to keep.
            Some(_) if o.kind == "table" => {
                if !lacking_columns(conn, &fresh, &o.name)?.is_empty() {
                    found.push(Difference::Changed(o));
                }
            }
            Some(sql) if !same_sql(sql, &o.sql) => found.push(Difference::Changed(o)),
            Some(_) => {}
        }
    }
    Ok(found)
}

/// The columns marquee's table `table` has that the file's lacks.
fn lacking_columns(
    conn: &Connection,
    fresh: &Connection,
    table: &str,
) -> rusqlite::Result<Vec<String>> {
    let columns = |conn: &Connection| -> rusqlite::Result<Vec<String>> {
        conn.prepare("SELECT name FROM pragma_table_info(?1)")?
            .query_map([table], |r| r.get(0))?
            .collect()
    };
    let have = columns(conn)?;
    Ok(columns(fresh)?
        .into_iter()
        .filter(|c| !have.contains(c))
        .collect())
}

/// Makes each missing or changed object again from marquee's SQL, in order; a changed
/// table is left as it is. Returns what was made.
pub fn restore(conn: &Connection, differences: &[Difference]) -> rusqlite::Result<Vec<String>> {
    let mut made = Vec::new();
    for difference in differences.iter().filter(|d| d.repairable()) {
        let o = difference.object();
        if matches!(difference, Difference::Changed(_)) {
            conn.execute_batch(&format!(
                "DROP {} IF EXISTS \"{}\"",
                o.kind.to_uppercase(),
                o.name
            ))?;
        }
        conn.execute_batch(&o.sql)?;
        made.push(format!("{} {}", o.kind, o.name));
    }
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_database_differs_in_nothing_and_a_dropped_trigger_is_named() {
        let mut conn = Connection::open_in_memory().unwrap();
        super::super::migrations::create_at_version(
            &mut conn,
            super::super::SCHEMA_VERSION as usize,
        )
        .unwrap();
        assert_eq!(differences(&conn).unwrap(), []);
        conn.execute_batch("DROP TRIGGER entry_count_insert; DROP INDEX entry_bucket_time;")
            .unwrap();
        let found: Vec<String> = differences(&conn)
            .unwrap()
            .iter()
            .map(Difference::describe)
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found
                .iter()
                .any(|p| p.contains("trigger entry_count_insert is missing"))
        );
        assert!(
            found
                .iter()
                .any(|p| p.contains("index entry_bucket_time is missing"))
        );
        let made = restore(&conn, &differences(&conn).unwrap()).unwrap();
        assert_eq!(made.len(), 2);
        assert_eq!(differences(&conn).unwrap(), []);
    }
}
