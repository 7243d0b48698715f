//! The sample film's layout (`assets/the-work.txt`): title, "Directed by", synopsis,
//! then reviews as bullets (`• ★★★★½ review by NAME on Letterboxd`) each followed by its
//! text.

use super::{Page, PageError, text_key};
use crate::model::{NewEntry, NewFilm, Rating, slugify};

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
        return Err(PageError::at(
            1,
            "the page is empty; expected the film's title on the first line",
        ));
    };
    rest = &rest[1..];
    let (title, year) = super::title_and_year(title_line.trim());
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
    let directed = !film.directors.is_empty();
    film.synopsis = take_synopsis(&mut rest);
    let entries = take_reviews(rest, &film.slug)?;
    if !directed && entries.is_empty() {
        return Err(PageError::other_kind(format!(
            "is not a Letterboxd page: expected a film page, its reviews or a review saved from letterboxd.com (HTML, or its text copied), or the layout of assets/the-work.txt; its first line is {:?}",
            crate::text::truncate(&crate::text::sanitize_line(title_line.trim()), 60)
        )));
    }
    Ok(Page::text(film, entries, 0))
}

fn skip_blank(rest: &mut &[(usize, &str)]) {
    while rest.first().is_some_and(|(_, l)| l.trim().is_empty()) {
        *rest = &rest[1..];
    }
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
            return Err(PageError::at(
                number,
                format!(
                    "expected a review bullet, found {:?}",
                    crate::text::truncate(&crate::text::sanitize_line(line.trim()), 60)
                ),
            ));
        }
    }
    if let Some((entry, body)) = current {
        entries.push(finish(entry, &body, slug));
    }
    Ok(entries)
}

/// "★★★★½ review by Aaron White on Letterboxd" (the stars are absent when unrated).
fn parse_header(header: &str, line: usize) -> Result<NewEntry, PageError> {
    let error = |message: String| PageError::at(line, message);
    let (stars, rest) = match header.find("review by ") {
        Some(at) => (header[..at].trim(), &header[at + "review by ".len()..]),
        None => {
            return Err(error(format!(
                "expected a review like \"• ★★★★½ review by NAME on Letterboxd\", found {:?}",
                crate::text::truncate(&crate::text::sanitize_line(header), 60)
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
    entry.source_key = Some(text_key(slug, &entry.author, &entry.body));
    entry
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../../assets/the-work.txt");

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
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("invalid rating"), "{err}");
        let err = parse("Heat\n\n  • a bullet that is no review\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert_eq!(parse("\n\n").unwrap_err().line, Some(1));
        let junk = parse("random garbage\n").unwrap_err();
        assert!(junk.message.contains("is not a Letterboxd page"), "{junk}");
    }

    #[test]
    fn keys_are_stable_and_distinct() {
        let a = parse(SEED).unwrap();
        let b = parse(SEED).unwrap();
        assert_eq!(a.entries[0].source_key, b.entries[0].source_key);
        assert_ne!(a.entries[1].source_key, a.entries[2].source_key);
    }
}
