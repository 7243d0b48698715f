//! Films and their IMDb titles: what an IMDb import needs to know of the library, and
//! what it writes back, in one transaction that changes only what differs (the same
//! files imported again write nothing).

use rusqlite::{OptionalExtension, params};

use super::{Result, Store};

/// A film as the IMDb import sees it.
#[derive(Clone, Debug)]
pub struct ImdbFilm {
    pub id: i64,
    pub title: String,
    pub year: Option<i32>,
    pub imdb_id: Option<String>,
    /// How `imdb_id` was found: `page`, `hand`, `title`; or `none`, `ambiguous`.
    pub how: Option<String>,
}

impl ImdbFilm {
    /// Whether the film's IMDb id is the member's or a page's, which no import changes.
    pub fn id_is_given(&self) -> bool {
        matches!(self.how.as_deref(), Some("page" | "hand")) && self.imdb_id.is_some()
    }
}

/// What the IMDb title of a film says; each part `None` when its file was not read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImdbDetails {
    /// From title.basics: the original title, minutes and genres.
    pub basics: Option<ImdbBasics>,
    /// From title.ratings: the rating in tenths and the votes, or `None` for a title
    /// IMDb has no rating for.
    pub rating: Option<Option<(u32, u64)>>,
    /// From title.crew and name.basics: the directors' names, in IMDb's order.
    pub directors: Option<Vec<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImdbBasics {
    pub original_title: Option<String>,
    pub runtime: Option<u32>,
    pub genres: Vec<String>,
}

/// What an import found for a film.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImdbFound {
    /// Its IMDb title (`tt…`), how it was found, and what the files say of it.
    Title {
        imdb_id: String,
        how: &'static str,
        details: ImdbDetails,
    },
    /// No IMDb title fits (`none`) or several do (`ambiguous`): what IMDb filled in goes.
    Unmatched(&'static str),
}

/// Which of the film's own columns IMDb filled (`film.from_imdb`).
const DIRECTORS: i64 = 1;
const RUNTIME: i64 = 2;
const GENRES: i64 = 4;

/// A film's columns an import may change, as they are.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Current {
    imdb_id: Option<String>,
    how: Option<String>,
    original_title: Option<String>,
    imdb_rating: Option<i64>,
    imdb_votes: Option<i64>,
    directors: String,
    runtime: Option<i64>,
    genres: String,
    from_imdb: i64,
}

impl Store {
    /// Every film, with its IMDb id and how it was found.
    pub fn films_for_imdb(&self) -> Result<Vec<ImdbFilm>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, title, year, imdb_id, imdb_how FROM film ORDER BY id")?;
        let films = stmt
            .query_map([], |r| {
                Ok(ImdbFilm {
                    id: r.get(0)?,
                    title: r
                        .get::<_, Option<String>>(1)
                        .ok()
                        .flatten()
                        .unwrap_or_default(),
                    year: r.get::<_, Option<i64>>(2).ok().flatten().map(|y| y as i32),
                    imdb_id: r.get::<_, Option<String>>(3).ok().flatten(),
                    how: r.get::<_, Option<String>>(4).ok().flatten(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(films)
    }

    /// Writes what an import found, film by film, in one transaction; says how many
    /// matched films changed, and how many unmatched ones.
    pub fn apply_imdb(&mut self, found: &[(i64, ImdbFound)]) -> Result<(usize, usize)> {
        // The write lock first: what is read is what the write changes, whatever another
        // program writes meanwhile.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut changed = (0, 0);
        for (film_id, found) in found {
            let Some(current) = current(&tx, *film_id)? else {
                continue;
            };
            let next = updated(&current, found);
            if next != current {
                write(&tx, *film_id, &next)?;
                match found {
                    ImdbFound::Title { .. } => changed.0 += 1,
                    ImdbFound::Unmatched(_) => changed.1 += 1,
                }
            }
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Sets a film's IMDb title by hand (`tt…`), or takes it away (`None`): no import
    /// changes one set by hand. What the old title filled in goes until the next import.
    pub fn set_imdb_by_hand(&mut self, film_id: i64, imdb_id: Option<&str>) -> Result<bool> {
        // The write lock first: what is read is what the write changes, whatever another
        // program writes meanwhile.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let Some(current) = current(&tx, film_id)? else {
            return Ok(false);
        };
        let mut next = match imdb_id {
            Some(id) if current.imdb_id.as_deref() == Some(id) => Current {
                how: Some("hand".into()),
                ..current.clone()
            },
            _ => cleared(&current, None),
        };
        next.imdb_id = imdb_id.map(String::from);
        next.how = imdb_id.map(|_| "hand".to_string());
        let changed = next != current;
        if changed {
            write(&tx, film_id, &next)?;
        }
        tx.commit()?;
        Ok(changed)
    }

    /// The ids of the films an IMDb import could not match (no title fits, or several).
    pub fn films_unmatched_on_imdb(&self) -> Result<std::collections::HashSet<i64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM film WHERE imdb_how IN ('none', 'ambiguous')")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }
}

fn current(tx: &rusqlite::Transaction, film_id: i64) -> Result<Option<Current>> {
    Ok(tx
        .query_row(
            "SELECT imdb_id, imdb_how, original_title, imdb_rating, imdb_votes, directors,
                    runtime, genres, from_imdb
             FROM film WHERE id = ?1",
            [film_id],
            |r| {
                Ok(Current {
                    imdb_id: r.get(0).ok().flatten(),
                    how: r.get(1).ok().flatten(),
                    original_title: r.get(2).ok().flatten(),
                    imdb_rating: r.get(3).ok().flatten(),
                    imdb_votes: r.get(4).ok().flatten(),
                    directors: r.get::<_, String>(5).unwrap_or_else(|_| "[]".into()),
                    runtime: r.get(6).ok().flatten(),
                    genres: r.get::<_, String>(7).unwrap_or_else(|_| "[]".into()),
                    from_imdb: r.get(8).unwrap_or(0),
                })
            },
        )
        .optional()?)
}

fn write(tx: &rusqlite::Transaction, film_id: i64, next: &Current) -> Result<()> {
    tx.execute(
        "UPDATE film SET imdb_id = ?2, imdb_how = ?3, original_title = ?4, imdb_rating = ?5,
                imdb_votes = ?6, directors = ?7, runtime = ?8, genres = ?9, from_imdb = ?10
         WHERE id = ?1",
        params![
            film_id,
            next.imdb_id,
            next.how,
            next.original_title,
            next.imdb_rating,
            next.imdb_votes,
            next.directors,
            next.runtime,
            next.genres,
            next.from_imdb
        ],
    )?;
    Ok(())
}

/// The film with nothing from IMDb: what IMDb filled in emptied, `how` as given.
fn cleared(current: &Current, how: Option<&str>) -> Current {
    let filled = |bit: i64| current.from_imdb & bit != 0;
    Current {
        imdb_id: None,
        how: how.map(String::from),
        original_title: None,
        imdb_rating: None,
        imdb_votes: None,
        directors: if filled(DIRECTORS) {
            "[]".into()
        } else {
            current.directors.clone()
        },
        runtime: if filled(RUNTIME) {
            None
        } else {
            current.runtime
        },
        genres: if filled(GENRES) {
            "[]".into()
        } else {
            current.genres.clone()
        },
        from_imdb: 0,
    }
}

/// The film after an import's finding: what a page gave is kept; what it lacks (or IMDb
/// filled before) follows the IMDb title.
fn updated(current: &Current, found: &ImdbFound) -> Current {
    let (imdb_id, how, details) = match found {
        ImdbFound::Unmatched(why) => return cleared(current, Some(why)),
        ImdbFound::Title {
            imdb_id,
            how,
            details,
        } => (imdb_id, how, details),
    };
    // Another title than before: nothing of the old one stays.
    let base = match current.imdb_id.as_deref() == Some(imdb_id.as_str()) {
        true => current.clone(),
        false => cleared(current, None),
    };
    let mut next = Current {
        imdb_id: Some(imdb_id.clone()),
        how: Some((*how).to_string()),
        ..base
    };
    let ours = |flags: i64, bit: i64, empty: bool| empty || flags & bit != 0;
    if let Some(basics) = &details.basics {
        next.original_title = basics.original_title.clone();
        if ours(next.from_imdb, RUNTIME, next.runtime.is_none()) {
            next.runtime = basics.runtime.map(i64::from);
            next.from_imdb = flag(next.from_imdb, RUNTIME, next.runtime.is_some());
        }
        if ours(next.from_imdb, GENRES, is_empty_list(&next.genres)) {
            next.genres = json_list(&basics.genres);
            next.from_imdb = flag(next.from_imdb, GENRES, !basics.genres.is_empty());
        }
    }
    if let Some(rating) = details.rating {
        next.imdb_rating = rating.map(|(tenths, _)| i64::from(tenths));
        next.imdb_votes = rating.map(|(_, votes)| votes as i64);
    }
    if let Some(directors) = &details.directors
        && ours(next.from_imdb, DIRECTORS, is_empty_list(&next.directors))
    {
        next.directors = json_list(directors);
        next.from_imdb = flag(next.from_imdb, DIRECTORS, !directors.is_empty());
    }
    next
}

fn flag(flags: i64, bit: i64, on: bool) -> i64 {
    match on {
        true => flags | bit,
        false => flags & !bit,
    }
}

fn is_empty_list(json: &str) -> bool {
    json.trim().is_empty() || serde_json::from_str::<Vec<String>>(json).is_ok_and(|l| l.is_empty())
}

fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}
