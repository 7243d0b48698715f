//! `marquee import imdb`: details for every film of the library from IMDb's datasets,
//! offline. Each file is read once, a line at a time, and only what the library needs
//! is kept: the titles that could be its films, their ratings, their directors and those
//! directors' names. Then each film is matched (`matching.rs`) and written in one
//! transaction (`store/imdb.rs`).

mod fast_hash;
pub mod files;
pub mod matching;
pub mod tsv;

use std::collections::HashSet;
use std::path::PathBuf;

use fast_hash::{FastMap, FastSet};
use files::Kind;
use matching::{
    Candidate, Verdict, choose, fold_title, fold_title_into, is_film_kind, tconst_number,
    tconst_text,
};
use tsv::Tsv;

use super::ImportError;
use crate::store::Store;
use crate::store::imdb::{ImdbBasics, ImdbDetails, ImdbFilm, ImdbFound};

/// What an IMDb import found and did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImdbSummary {
    /// Each file read, with its rows.
    pub files: Vec<(String, u64)>,
    /// Files of a folder not read, each with why.
    pub passed_over: Vec<(String, String)>,
    pub films: usize,
    /// Films matched by the IMDb id a page gave or the member set.
    pub by_id: usize,
    /// ... of which the files hold nothing.
    pub id_not_in_files: usize,
    pub by_title: usize,
    /// Films no title fits, and films several fit: (title with year, why).
    pub unmatched: Vec<String>,
    pub ambiguous: Vec<String>,
    /// Matched films whose IMDb title or details changed, and unmatched films newly
    /// noted so (or whose IMDb details went).
    pub changed: usize,
    pub noted_unmatched: usize,
}

/// One film, as the import works on it.
struct Work {
    film: ImdbFilm,
    /// Its IMDb title when the id is given (a page's, the member's), or kept from an
    /// import before when the titles are not read again.
    given: Option<u32>,
    candidates: Vec<Candidate>,
}

/// What title.basics says of a title the library may need.
struct TitleInfo {
    original: Option<String>,
    runtime: Option<u32>,
    genres: Vec<String>,
}

/// Everything kept while reading: only what the library needs.
#[derive(Default)]
struct Kept {
    /// Folded titles of the library's films, each to its group: the films of that title.
    titles: FastMap<String, u32>,
    groups: Vec<Vec<usize>>,
    /// Titles whose id a film has, each to those films.
    ids: FastMap<u32, Vec<usize>>,
    /// Titles known by another name (title.akas) that is a film's title, each with that
    /// title's group: the id in the high half, the group in the low. Eight bytes a title
    /// (there may be millions where the library's titles are common words), sorted once
    /// read, for the titles' file to look up.
    akas: Vec<u64>,
    infos: FastMap<u32, TitleInfo>,
    ratings: FastMap<u32, (u32, u64)>,
    directors: FastMap<u32, Vec<u32>>,
    names: FastMap<u32, String>,
}

/// Imports the files `paths` name into `store`; nothing is written unless every file
/// reads to its end.
pub fn import(store: &mut Store, paths: &[PathBuf]) -> Result<ImdbSummary, ImportError> {
    let chosen = files::choose(paths)?;
    if chosen.files.is_empty() {
        return Err(ImportError {
            file: String::new(),
            line: None,
            message: "none of IMDb's files is there: name title.basics.tsv.gz and the others, or a folder of them".into(),
        });
    }
    let read: HashSet<Kind> = chosen.files.iter().map(|(k, _)| *k).collect();
    let films = store.films_for_imdb().map_err(ImportError::database)?;
    let titles_read = read.contains(&Kind::Basics);
    let mut work: Vec<Work> = films
        .into_iter()
        .map(|film| {
            // Without the titles, a match from an import before stands.
            let keeps = film.id_is_given() || !titles_read;
            let given = keeps
                .then(|| film.imdb_id.as_deref().and_then(tconst_number))
                .flatten();
            Work {
                film,
                given,
                candidates: Vec::new(),
            }
        })
        .collect();
    let mut kept = Kept::default();
    for (i, w) in work.iter().enumerate() {
        if let Some(id) = w.given {
            kept.ids.entry(id).or_default().push(i);
        } else if w.film.year.is_some() {
            let folded = fold_title(&w.film.title);
            if folded.is_empty() {
                continue;
            }
            let next = kept.groups.len() as u32;
            let group = *kept.titles.entry(folded).or_insert(next);
            if group == next {
                kept.groups.push(Vec::new());
            }
            kept.groups[group as usize].push(i);
        }
    }
    let mut summary = ImdbSummary {
        passed_over: chosen.passed_over,
        films: work.len(),
        ..ImdbSummary::default()
    };
    for (kind, path) in &chosen.files {
        let bar = progress(path, *kind);
        let mut tsv = Tsv::open(path, kind.header(), &bar)?;
        let rows = match kind {
            Kind::Akas if titles_read => read_akas(&mut tsv, &mut kept)?,
            Kind::Akas => count_rows(&mut tsv)?,
            Kind::Basics => read_basics(&mut tsv, &mut kept, &mut work)?,
            Kind::Ratings => read_ratings(&mut tsv, &mut kept, &work)?,
            Kind::Crew => read_crew(&mut tsv, &mut kept, &work)?,
            Kind::Names => read_names(&mut tsv, &mut kept)?,
        };
        bar.finish_and_clear();
        summary.files.push((path.display().to_string(), rows));
    }
    let found = verdicts(&work, &kept, &read, &mut summary);
    (summary.changed, summary.noted_unmatched) =
        store.apply_imdb(&found).map_err(ImportError::database)?;
    Ok(summary)
}

/// A progress bar for one of the files, by the bytes read of it, named.
fn progress(path: &std::path::Path, kind: Kind) -> indicatif::ProgressBar {
    let bar = super::progress_bytes(std::fs::metadata(path).map_or(0, |m| m.len()));
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} {wide_bar} {bytes}/{total_bytes} ({eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message(kind.stem());
    bar
}

/// The IMDb title each film is, by the rules, with what the files say of it.
fn verdicts(
    work: &[Work],
    kept: &Kept,
    read: &HashSet<Kind>,
    summary: &mut ImdbSummary,
) -> Vec<(i64, ImdbFound)> {
    let mut found = Vec::new();
    for w in work {
        let (tconst, how) = match (w.given, read.contains(&Kind::Basics)) {
            (Some(id), _) => {
                let how = match w.film.how.as_deref() {
                    Some("page") => "page",
                    Some("hand") => "hand",
                    _ => "title",
                };
                match how {
                    "title" => summary.by_title += 1,
                    _ => summary.by_id += 1,
                }
                if read.contains(&Kind::Basics) && !kept.infos.contains_key(&id) {
                    summary.id_not_in_files += 1;
                }
                (id, how)
            }
            // Without the titles no film is matched anew.
            (None, false) => continue,
            (None, true) => match choose(w.film.year, &w.candidates) {
                Verdict::Matched(id) => {
                    summary.by_title += 1;
                    (id, "title")
                }
                verdict => {
                    let name = w.film_title();
                    let why = match verdict {
                        Verdict::Ambiguous(ids) => {
                            let ids: Vec<String> = ids.into_iter().map(tconst_text).collect();
                            summary
                                .ambiguous
                                .push(format!("{name}: {}", ids.join(", ")));
                            "ambiguous"
                        }
                        _ => {
                            summary.unmatched.push(name);
                            "none"
                        }
                    };
                    found.push((w.film.id, ImdbFound::Unmatched(why)));
                    continue;
                }
            },
        };
        // A title the files don't hold (a page's id newer than the files) leaves what
        // title.basics would say as it was.
        let basics = match (read.contains(&Kind::Basics), kept.infos.get(&tconst)) {
            (true, Some(info)) => Some(ImdbBasics {
                original_title: info.original.clone(),
                runtime: info.runtime,
                genres: info.genres.clone(),
            }),
            _ => None,
        };
        let details = ImdbDetails {
            basics,
            rating: read
                .contains(&Kind::Ratings)
                .then(|| kept.ratings.get(&tconst).copied()),
            directors: (read.contains(&Kind::Crew) && read.contains(&Kind::Names)).then(|| {
                kept.directors
                    .get(&tconst)
                    .map(|ids| {
                        ids.iter()
                            .filter_map(|n| kept.names.get(n).cloned())
                            .collect()
                    })
                    .unwrap_or_default()
            }),
        };
        found.push((w.film.id, title(tconst, how, details)));
    }
    found
}

fn title(tconst: u32, how: &'static str, details: ImdbDetails) -> ImdbFound {
    ImdbFound::Title {
        imdb_id: tconst_text(tconst),
        how,
        details,
    }
}

impl Work {
    fn film_title(&self) -> String {
        match self.film.year {
            Some(year) => format!("{} ({year})", self.film.title),
            None => self.film.title.clone(),
        }
    }
}

/// `tt0113277` read from a field's bytes, quickly (every row has one).
fn tconst_of(bytes: &[u8]) -> Option<u32> {
    let digits = bytes.strip_prefix(b"tt")?;
    number(digits)
}

fn nconst_of(bytes: &[u8]) -> Option<u32> {
    number(bytes.strip_prefix(b"nm")?)
}

fn number(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 9 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        digits
            .iter()
            .fold(0u32, |n, d| n * 10 + u32::from(d - b'0')),
    )
}

/// A field that must be an id, or the row is refused.
fn id_or_error(row: &tsv::Row, id: Option<u32>, what: &str) -> Result<u32, ImportError> {
    id.ok_or_else(|| row.error(&format!("the first field is no {what} id")))
}

fn count_rows(tsv: &mut Tsv) -> Result<u64, ImportError> {
    let mut rows = 0;
    while tsv.next_row()?.is_some() {
        rows += 1;
    }
    Ok(rows)
}

/// title.akas: titles known by another name that is a film's title.
fn read_akas(tsv: &mut Tsv, kept: &mut Kept) -> Result<u64, ImportError> {
    let mut rows = 0;
    let mut folded = String::new();
    while let Some(row) = tsv.next_row()? {
        rows += 1;
        let Some(title) = row.get(2) else { continue };
        fold_title_into(title, &mut folded);
        let Some(&group) = kept.titles.get(folded.as_str()) else {
            continue;
        };
        let id = id_or_error(&row, tconst_of(row.bytes(0)), "title")?;
        let hit = (u64::from(id) << 32) | u64::from(group);
        // IMDb's akas come by title: a title's several names of one group are one hit.
        if kept.akas.last() != Some(&hit) {
            kept.akas.push(hit);
        }
    }
    kept.akas.sort_unstable();
    kept.akas.dedup();
    kept.akas.shrink_to_fit();
    Ok(rows)
}

/// The groups whose title is another name of title `id`.
fn aka_groups(akas: &[u64], id: u32) -> impl Iterator<Item = u32> + '_ {
    let from = akas.partition_point(|&hit| (hit >> 32) < u64::from(id));
    akas[from..]
        .iter()
        .take_while(move |&&hit| (hit >> 32) == u64::from(id))
        .map(|&hit| hit as u32)
}

/// title.basics: the kind, titles, year, minutes and genres of every title a film may
/// be. A title is kept only when a film of its name is of its year, or a year off, or when
/// a film has its id: the rules look at no other.
fn read_basics(tsv: &mut Tsv, kept: &mut Kept, work: &mut [Work]) -> Result<u64, ImportError> {
    let mut rows = 0;
    let mut groups: Vec<u32> = Vec::new();
    let mut folded = String::new();
    while let Some(row) = tsv.next_row()? {
        rows += 1;
        let id = id_or_error(&row, tconst_of(row.bytes(0)), "title")?;
        groups.clear();
        if row.get(1).is_some_and(is_film_kind) {
            let (primary, original) = (row.get(2), row.get(3));
            let titles = [primary, original.filter(|o| Some(*o) != primary)];
            for title in titles.into_iter().flatten() {
                fold_title_into(title, &mut folded);
                groups.extend(kept.titles.get(folded.as_str()));
            }
            groups.extend(aka_groups(&kept.akas, id));
        }
        let given = kept.ids.contains_key(&id);
        if groups.is_empty() && !given {
            continue;
        }
        let year: Option<i32> = row.get(5).and_then(|y| y.parse().ok());
        let mut candidate = false;
        for &group in &groups {
            for &film in &kept.groups[group as usize] {
                let near = match (year, work[film].film.year) {
                    (Some(y), Some(f)) => (y - f).abs() <= 1,
                    _ => false,
                };
                if near {
                    work[film].candidates.push(Candidate { tconst: id, year });
                    candidate = true;
                }
            }
        }
        if !candidate && !given {
            continue;
        }
        kept.infos.insert(
            id,
            TitleInfo {
                original: row.get(3).map(String::from),
                runtime: row.get(7).and_then(|m| m.parse().ok()),
                genres: row
                    .get(8)
                    .map(|g| g.split(',').map(String::from).collect())
                    .unwrap_or_default(),
            },
        );
    }
    Ok(rows)
}

/// The titles the films are, or may be: given ids and candidates.
fn wanted_titles(kept: &Kept, work: &[Work]) -> FastSet<u32> {
    let mut wanted: FastSet<u32> = kept.ids.keys().copied().collect();
    for w in work {
        wanted.extend(w.candidates.iter().map(|c| c.tconst));
    }
    wanted
}

/// Each row of a file of titles (ratings, crew) whose title is wanted, handed to `take`;
/// says how many rows there were.
fn wanted_rows(
    tsv: &mut Tsv,
    wanted: &FastSet<u32>,
    mut take: impl FnMut(u32, &tsv::Row),
) -> Result<u64, ImportError> {
    let mut rows = 0;
    while let Some(row) = tsv.next_row()? {
        rows += 1;
        let id = id_or_error(&row, tconst_of(row.bytes(0)), "title")?;
        if wanted.contains(&id) {
            take(id, &row);
        }
    }
    Ok(rows)
}

/// title.ratings: IMDb's rating (in tenths) and votes of the titles wanted.
fn read_ratings(tsv: &mut Tsv, kept: &mut Kept, work: &[Work]) -> Result<u64, ImportError> {
    let wanted = wanted_titles(kept, work);
    wanted_rows(tsv, &wanted, |id, row| {
        let tenths = row.get(1).and_then(tenths);
        let votes = row.get(2).and_then(|v| v.parse().ok());
        if let (Some(tenths), Some(votes)) = (tenths, votes) {
            kept.ratings.insert(id, (tenths, votes));
        }
    })
}

/// "7.3" as 73: IMDb writes its ratings with one decimal.
fn tenths(text: &str) -> Option<u32> {
    let (whole, tenth) = text.split_once('.').unwrap_or((text, "0"));
    let whole: u32 = whole.parse().ok()?;
    let tenth: u32 = tenth.get(..1)?.parse().ok()?;
    (whole <= 10).then_some(whole * 10 + tenth)
}

/// title.crew: the directors of the titles wanted.
fn read_crew(tsv: &mut Tsv, kept: &mut Kept, work: &[Work]) -> Result<u64, ImportError> {
    let wanted = wanted_titles(kept, work);
    wanted_rows(tsv, &wanted, |id, row| {
        let directors: Vec<u32> = row
            .get(1)
            .map(|d| {
                d.split(',')
                    .filter_map(|n| nconst_of(n.as_bytes()))
                    .collect()
            })
            .unwrap_or_default();
        kept.directors.insert(id, directors);
    })
}

/// name.basics: the names of the directors kept.
fn read_names(tsv: &mut Tsv, kept: &mut Kept) -> Result<u64, ImportError> {
    let wanted: FastSet<u32> = kept.directors.values().flatten().copied().collect();
    let mut rows = 0;
    while let Some(row) = tsv.next_row()? {
        rows += 1;
        let id = id_or_error(&row, nconst_of(row.bytes(0)), "name")?;
        if wanted.contains(&id)
            && let Some(name) = row.get(1)
        {
            kept.names.insert(id, crate::text::clean_input(name));
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_read_in_tenths_and_ids_as_numbers() {
        assert_eq!(tenths("7.3"), Some(73));
        assert_eq!(tenths("10.0"), Some(100));
        assert_eq!(tenths("8"), Some(80));
        assert_eq!(tenths("x"), None);
        assert_eq!(tconst_of(b"tt0113277"), Some(113_277));
        assert_eq!(tconst_of(b"nm0000001"), None);
        assert_eq!(nconst_of(b"nm0000001"), Some(1));
    }
}
