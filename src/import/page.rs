//! A film page copied from Letterboxd as plain text: title, "Directed by", synopsis, then
//! reviews as bullets (`• ★★★★½ review by NAME on Letterboxd`) each followed by its text.

use crate::model::{NewEntry, NewFilm, Rating, slugify};

/// A parsed page: one film and its reviews, in page order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    pub film: NewFilm,
    pub entries: Vec<NewEntry>,
}

/// What was wrong with a page, and on which line (counted from 1).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct PageError {
    pub line: usize,
    pub message: String,
}

const BULLET: char = '•';
const DIRECTED_BY: &str = "Directed by ";
/// Page furniture that is not part of the film's text.
const NOISE: [&str; 3] = ["Add a review", "See more films", "See all reviews"];

pub fn parse(text: &str) -> Result<Page, PageError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end()))
        .collect();
    let mut rest = lines.as_slice();
    skip_blank(&mut rest);
    let Some(&(_, title_line)) = rest.first() else {
        return Err(PageError {
            line: 1,
            message: "the page is empty; expected the film's title on the first line".into(),
        });
    };
    rest = &rest[1..];
    let (title, year) = split_year(title_line.trim());
    let mut film = NewFilm {
        slug: slugify(&title),
        title,
        year,
        ..NewFilm::default()
    };
    skip_blank(&mut rest);
    if let Some(&(_, line)) = rest.first()
        && let Some(names) = line.trim().strip_prefix(DIRECTED_BY)
    {
        film.directors = split_names(names);
        rest = &rest[1..];
    }
    film.synopsis = take_synopsis(&mut rest);
    let entries = take_reviews(rest, &film.slug)?;
    Ok(Page { film, entries })
}

fn skip_blank(rest: &mut &[(usize, &str)]) {
    while rest.first().is_some_and(|(_, l)| l.trim().is_empty()) {
        *rest = &rest[1..];
    }
}

/// "Heat (1995)" → ("Heat", Some(1995)); a title without a year stays whole.
fn split_year(title: &str) -> (String, Option<i32>) {
    if let Some(open) = title.rfind(" (")
        && let Some(inner) = title[open + 2..].strip_suffix(')')
        && inner.len() == 4
        && inner.bytes().all(|b| b.is_ascii_digit())
    {
        return (title[..open].trim().to_string(), inner.parse().ok());
    }
    (title.to_string(), None)
}

/// "A, B and C" → ["A", "B", "C"].
fn split_names(names: &str) -> Vec<String> {
    names
        .split(", ")
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(String::from)
        .collect()
}

fn is_noise(line: &str) -> bool {
    NOISE.contains(&line.trim())
}

fn is_bullet(line: &str) -> bool {
    line.trim_start().starts_with(BULLET)
}

/// Paragraphs up to the first review, without page furniture.
fn take_synopsis(rest: &mut &[(usize, &str)]) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    while let Some(&(_, line)) = rest.first() {
        if is_bullet(line) {
            break;
        }
        *rest = &rest[1..];
        let line = line.trim();
        if line.is_empty() || is_noise(line) {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
    }
    paragraphs.join("\n\n")
}

fn take_reviews(lines: &[(usize, &str)], slug: &str) -> Result<Vec<NewEntry>, PageError> {
    let mut entries = Vec::new();
    let mut current: Option<(NewEntry, Vec<&str>)> = None;
    for &(number, line) in lines {
        if is_bullet(line) {
            if let Some((entry, body)) = current.take() {
                entries.push(finish(entry, &body, slug));
            }
            let header = line.trim_start().trim_start_matches(BULLET).trim();
            if is_noise(header) {
                continue;
            }
            current = Some((parse_header(header, number)?, Vec::new()));
        } else if let Some((_, body)) = current.as_mut() {
            body.push(line.trim());
        } else if !line.trim().is_empty() && !is_noise(line) {
            return Err(PageError {
                line: number,
                message: format!("expected a review bullet, found {:?}", line.trim()),
            });
        }
    }
    if let Some((entry, body)) = current {
        entries.push(finish(entry, &body, slug));
    }
    Ok(entries)
}

/// "★★★★½ review by Aaron White on Letterboxd" (the stars are absent when unrated).
fn parse_header(header: &str, line: usize) -> Result<NewEntry, PageError> {
    let error = |message: String| PageError { line, message };
    let (stars, rest) = match header.find("review by ") {
        Some(at) => (header[..at].trim(), &header[at + "review by ".len()..]),
        None => {
            return Err(error(format!(
                "expected a review like \"• ★★★★½ review by NAME on Letterboxd\", found {header:?}"
            )));
        }
    };
    let author = rest.strip_suffix(" on Letterboxd").unwrap_or(rest).trim();
    if author.is_empty() {
        return Err(error("the review has no author after \"review by\"".into()));
    }
    let rating = if stars.is_empty() {
        None
    } else {
        Some(stars.parse::<Rating>().map_err(|e| error(e.to_string()))?)
    };
    Ok(NewEntry {
        author: author.to_string(),
        rating,
        ..NewEntry::default()
    })
}

/// Joins the review's lines: lines of one paragraph with spaces, paragraphs with a blank line.
fn finish(mut entry: NewEntry, body: &[&str], slug: &str) -> NewEntry {
    let mut paragraphs: Vec<String> = Vec::new();
    for chunk in body.split(|l| l.is_empty()) {
        if !chunk.is_empty() {
            paragraphs.push(chunk.join(" "));
        }
    }
    entry.body = paragraphs.join("\n\n");
    entry.source_key = Some(format!(
        "page:{slug}:{}:{:016x}",
        entry.author,
        fnv1a(entry.body.as_bytes())
    ));
    entry
}

/// A stable 64-bit hash (FNV-1a), so the same review on the same page keys the same way
/// on every machine and every build.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../assets/the-work.txt");

    #[test]
    fn the_seed_page_reads_whole() {
        let page = parse(SEED).unwrap();
        assert_eq!(page.film.title, "The Work");
        assert_eq!(page.film.slug, "the-work");
        assert_eq!(page.film.year, None);
        assert_eq!(page.film.directors, vec!["Jairus McLeary", "Gethin Aldous"]);
        assert!(
            page.film
                .synopsis
                .starts_with("Set entirely inside Folsom Prison")
        );
        assert!(
            page.film
                .synopsis
                .ends_with("what we think of as rehabilitation.")
        );
        let reviews: Vec<(&str, u8)> = page
            .entries
            .iter()
            .map(|e| (e.author.as_str(), e.rating.unwrap().half_stars()))
            .collect();
        assert_eq!(
            reviews,
            vec![
                ("Chris Speddings", 10),
                ("Aaron White", 9),
                ("nickfadden", 9),
                ("Musanna Ahmed", 10),
                ("Libby Banks", 9),
            ]
        );
        assert!(
            page.entries[1]
                .body
                .starts_with("The raw, visceral emotion")
        );
        assert!(page.entries[4].body.ends_with("Super-recommend."));
    }

    #[test]
    fn years_directors_and_unrated_reviews() {
        let page = parse(
            "Heat (1995)\n\nDirected by Michael Mann\n\nA heist.\n\n  • review by ann on Letterboxd\n\n    Two lines\n    of text.\n\n    Second paragraph.\n",
        )
        .unwrap();
        assert_eq!(page.film.title, "Heat");
        assert_eq!(page.film.year, Some(1995));
        assert_eq!(page.film.directors, vec!["Michael Mann"]);
        assert_eq!(page.entries[0].rating, None);
        assert_eq!(
            page.entries[0].body,
            "Two lines of text.\n\nSecond paragraph."
        );
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse("Heat\n\n  • ★★★★★★ review by ann on Letterboxd\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("invalid rating"), "{err}");
        let err = parse("Heat\n\n  • a bullet that is no review\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert_eq!(parse("\n\n").unwrap_err().line, 1);
    }

    #[test]
    fn keys_are_stable_and_distinct() {
        let a = parse(SEED).unwrap();
        let b = parse(SEED).unwrap();
        assert_eq!(a.entries[0].source_key, b.entries[0].source_key);
        assert_ne!(a.entries[1].source_key, a.entries[2].source_key);
    }
}
