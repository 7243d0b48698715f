//! Rows whose film is gone. Other programs can leave them: before schema 19 the common
//! upsert `INSERT OR REPLACE INTO film …` deleted a film's row without its triggers, and
//! `UPDATE entry SET film_id = 999` named a film that isn't there; a script that drops
//! marquee's triggers still can. Such entries, marks and list places are the member's
//! words and ratings: they are given a film again, never deleted.
//!
//! A film is found for them by the slug the old film had, read from what remains of it
//! (`film_replaced`, its Letterboxd address, the entries' own keys, a draft); when a film
//! has that slug now, they move to it, else a film is made again under the old id.

use rusqlite::{Connection, OptionalExtension, params};

use crate::model::Film;

/// What hangs on a film, in the tables that name one.
const HOLDERS: [&str; 4] = ["entry", "mark", "list_item", "film_uri"];

/// A film id named by some rows while no film has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Orphaned {
    pub film_id: i64,
    /// Rows per table that name it, in `HOLDERS` order.
    pub rows: [i64; 4],
    /// The slug the film had, when anything left says.
    pub slug: Option<String>,
}

impl Orphaned {
    /// The problem in words, for check: what still names the film, and where repair
    /// puts it.
    pub fn describe(&self) -> String {
        let names = [
            ("entry", "entries"),
            ("mark", "marks"),
            ("list place", "list places"),
            ("Letterboxd address", "Letterboxd addresses"),
        ];
        let held: Vec<String> = self
            .rows
            .iter()
            .zip(names)
            .filter(|(n, _)| **n > 0)
            .map(|(n, (one, many))| format!("{n} {}", if *n == 1 { one } else { many }))
            .collect();
        let to = match &self.slug {
            Some(slug) => format!(
                "the film {} (what names it says that was its film)",
                crate::text::sanitize_line(slug)
            ),
            None => "a film made again under its id".into(),
        };
        format!(
            "film {} is gone, but {} still name it (it was deleted or replaced by a program that dropped or bypassed marquee's triggers): nothing shows them; `marquee check --repair` gives them {to}",
            self.film_id,
            held.join(", ")
        )
    }
}

/// The distinct film ids a table names, read by skipping along its index on `film_id`
/// (one lookup per film, not one per row: ten million entries take milliseconds).
fn ids_missing_in(conn: &Connection, table: &str) -> rusqlite::Result<Vec<i64>> {
    let sql = format!(
        "WITH RECURSIVE ids(id) AS (
             SELECT min(film_id) FROM {table}
             UNION ALL
             SELECT (SELECT min(film_id) FROM {table} WHERE film_id > ids.id) FROM ids
             WHERE ids.id IS NOT NULL
         )
         SELECT id FROM ids
         WHERE id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM film WHERE film.id = ids.id)"
    );
    conn.prepare(&sql)?.query_map([], |r| r.get(0))?.collect()
}

/// Every film id some rows name while no film has it, with what names it.
pub fn find(conn: &Connection) -> rusqlite::Result<Vec<Orphaned>> {
    let mut ids = std::collections::BTreeSet::new();
    for table in HOLDERS {
        ids.extend(ids_missing_in(conn, table)?);
    }
    ids.into_iter()
        .map(|film_id| {
            let mut rows = [0; 4];
            for (i, table) in HOLDERS.iter().enumerate() {
                rows[i] = conn.query_row(
                    &format!("SELECT count(*) FROM {table} WHERE film_id = ?1"),
                    [film_id],
                    |r| r.get(0),
                )?;
            }
            Ok(Orphaned {
                film_id,
                rows,
                slug: old_slug(conn, film_id)?,
            })
        })
        .collect()
}

/// The slug film `film_id` had, from whatever is left that names it.
fn old_slug(conn: &Connection, film_id: i64) -> rusqlite::Result<Option<String>> {
    let replaced: Option<String> = conn
        .query_row(
            "SELECT slug FROM film_replaced WHERE old_id = ?1",
            [film_id],
            |r| r.get(0),
        )
        .optional()?;
    if replaced.is_some() {
        return Ok(replaced);
    }
    let uris: Vec<String> = conn
        .prepare("SELECT uri FROM film_uri WHERE film_id = ?1")?
        .query_map([film_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if let Some(slug) = uris.iter().find_map(|u| slug_in_film_uri(u)) {
        return Ok(Some(slug));
    }
    let keys: Vec<String> = conn
        .prepare(
            "SELECT source_key FROM entry WHERE film_id = ?1 AND source_key IS NOT NULL LIMIT 50",
        )?
        .query_map([film_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if let Some(slug) = keys.iter().find_map(|k| slug_in_entry_key(k)) {
        return Ok(Some(slug));
    }
    conn.query_row(
        "SELECT film_slug FROM draft WHERE film_id = ?1 LIMIT 1",
        [film_id],
        |r| r.get(0),
    )
    .optional()
}

/// `heat-1995` in `https://letterboxd.com/film/heat-1995/`.
fn slug_in_film_uri(uri: &str) -> Option<String> {
    let rest = uri.strip_prefix("https://letterboxd.com/film/")?;
    let slug = rest.trim_end_matches('/');
    valid_slug(slug)
}

/// The film's slug in an entry's key: `page:SLUG:…` (saved pages) or
/// `https://letterboxd.com/USER/film/SLUG/…` (older exports).
fn slug_in_entry_key(key: &str) -> Option<String> {
    if let Some(rest) = key.strip_prefix("page:") {
        return valid_slug(rest.split(':').next()?);
    }
    let rest = key.strip_prefix("https://letterboxd.com/")?;
    let (_, after) = rest.split_once("/film/")?;
    valid_slug(after.split('/').next()?)
}

fn valid_slug(slug: &str) -> Option<String> {
    let ok = !slug.is_empty()
        && slug
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then(|| slug.to_string())
}

/// "The Work" for `the-work`: a title to show until the film's details come back.
fn title_from_slug(slug: &str) -> String {
    slug.split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// What a lost film's rows are shown under until `--repair` gives them a film again: a
/// film of the lost id, named from its old slug when that is known and free.
fn stand_in(conn: &Connection, orphan: &Orphaned) -> rusqlite::Result<Film> {
    let free = |slug: &str| -> rusqlite::Result<bool> {
        conn.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM film WHERE slug = ?1)",
            [slug],
            |r| r.get(0),
        )
    };
    let slug = match &orphan.slug {
        Some(slug) if free(slug)? => slug.clone(),
        _ => free_slug(conn, &format!("film-{}", orphan.film_id))?,
    };
    let title = match &orphan.slug {
        Some(slug) => title_from_slug(slug),
        None => format!("Film {}", orphan.film_id),
    };
    Ok(Film {
        id: orphan.film_id,
        slug,
        title,
        year: None,
        directors: Vec::new(),
        synopsis: GONE.into(),
    })
}

/// What a film made again (or stood in) for rows whose film was deleted says of itself.
const GONE: &str =
    "This film's details were deleted by another program; marquee kept what was written about it.";

/// A film to show each lost film's rows under, read-only: `marquee films`, `reviews`,
/// `diary` and the exports list them until `check --repair` makes the films again.
pub fn stand_ins(conn: &Connection) -> rusqlite::Result<Vec<Film>> {
    find(conn)?.iter().map(|o| stand_in(conn, o)).collect()
}

/// The stand-in for film `film_id`, when rows name it and no film has it.
pub fn stand_in_for(conn: &Connection, film_id: i64) -> rusqlite::Result<Option<Film>> {
    let named: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM entry WHERE film_id = ?1)
                AND NOT EXISTS (SELECT 1 FROM film WHERE id = ?1)",
        [film_id],
        |r| r.get(0),
    )?;
    if !named {
        return Ok(None);
    }
    let orphan = Orphaned {
        film_id,
        rows: [0; 4],
        slug: old_slug(conn, film_id)?,
    };
    stand_in(conn, &orphan).map(Some)
}

/// What `rehome` did with one lost film.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rehomed {
    pub film_id: i64,
    /// The film that holds its rows now.
    pub to: i64,
    pub slug: String,
    /// Whether a film was made again for them (else they joined the film with the slug).
    pub made: bool,
}

/// Gives every lost film's rows a film: the film now holding its old slug, else a film
/// made again under its id. Runs inside the caller's transaction.
pub fn rehome(conn: &Connection) -> rusqlite::Result<Vec<Rehomed>> {
    let mut done = Vec::new();
    for orphan in find(conn)? {
        let holder: Option<i64> = match &orphan.slug {
            Some(slug) => conn
                .query_row("SELECT id FROM film WHERE slug = ?1", [slug], |r| r.get(0))
                .optional()?,
            None => None,
        };
        if let Some(to) = holder {
            conn.execute(
                "INSERT INTO film_moved (old_id, new_id) VALUES (?1, ?2)",
                params![orphan.film_id, to],
            )?;
            done.push(Rehomed {
                film_id: orphan.film_id,
                to,
                slug: orphan.slug.clone().unwrap_or_default(),
                made: false,
            });
            continue;
        }
        let slug = match &orphan.slug {
            Some(slug) => slug.clone(),
            None => free_slug(conn, &format!("film-{}", orphan.film_id))?,
        };
        let title = match &orphan.slug {
            Some(slug) => title_from_slug(slug),
            None => format!("Film {}", orphan.film_id),
        };
        conn.execute(
            "INSERT INTO film (id, slug, title, synopsis) VALUES (?1, ?2, ?3, ?4)",
            params![orphan.film_id, slug, title, GONE],
        )?;
        // The counts kept for the id are its entries' own; what the film itself keeps
        // (its latest activity, its place among the films seen) is worked out again.
        conn.execute(
            "UPDATE film SET activity =
                 coalesce((SELECT max(ts) FROM entry WHERE film_id = ?1), 0)
             WHERE id = ?1",
            [orphan.film_id],
        )?;
        conn.execute("INSERT INTO seen_recount VALUES (?1)", [orphan.film_id])?;
        done.push(Rehomed {
            film_id: orphan.film_id,
            to: orphan.film_id,
            slug,
            made: true,
        });
    }
    conn.execute("DELETE FROM film_replaced", [])?;
    Ok(done)
}

/// `base`, or `base-2`, `base-3`… whichever no film has.
fn free_slug(conn: &Connection, base: &str) -> rusqlite::Result<String> {
    let taken = |slug: &str| -> rusqlite::Result<bool> {
        conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM film WHERE slug = ?1)",
            [slug],
            |r| r.get(0),
        )
    };
    if !taken(base)? {
        return Ok(base.to_string());
    }
    for n in 2.. {
        let slug = format!("{base}-{n}");
        if !taken(&slug)? {
            return Ok(slug);
        }
    }
    unreachable!("some numbered slug is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_read_from_addresses_and_keys() {
        assert_eq!(
            slug_in_film_uri("https://letterboxd.com/film/heat-1995/").as_deref(),
            Some("heat-1995")
        );
        assert_eq!(slug_in_film_uri("https://boxd.it/2bg"), None);
        assert_eq!(
            slug_in_entry_key("page:the-work:Aaron White:a7df").as_deref(),
            Some("the-work")
        );
        assert_eq!(
            slug_in_entry_key("https://letterboxd.com/ann/film/heat-1995/1/").as_deref(),
            Some("heat-1995")
        );
        assert_eq!(slug_in_entry_key("marquee:1a-2-3"), None);
        assert_eq!(title_from_slug("the-work"), "The Work");
    }
}
