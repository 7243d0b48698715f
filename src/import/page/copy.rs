//! A Letterboxd page copied from a browser as text (select all, copy): the site's
//! navigation, the film's title with its year on a line of its own, "Directed by" and the
//! names on the next line, the synopsis, cast and crew, then reviews that each begin
//! "Review by NAME". Star ratings are images on the page, so a copy has none; the count
//! of such reviews is reported.

use super::{Page, PageError, text_key, title_and_year};
use crate::model::{NewEntry, NewFilm, Rating, slugify};

/// How a review begins in a copy.
const REVIEW_STARTS: [&str; 5] = [
    "Review by ",
    "Reviewed by ",
    "Watched by ",
    "Rewatched by ",
    "Added by ",
];

/// Lines that end the film's text: tabs, headings and the like.
const SECTIONS: [&str; 16] = [
    "Cast",
    "Crew",
    "Details",
    "Genres",
    "Releases",
    "Where to watch",
    "Ratings",
    "Popular reviews",
    "Recent reviews",
    "Reviews",
    "Popular lists",
    "Mentioned by",
    "Related films",
    "Similar films",
    "Watch",
    "Show All…",
];

/// Lines of page furniture inside and between reviews.
fn is_furniture(line: &str) -> bool {
    let lower = line.to_lowercase();
    matches!(
        lower.as_str(),
        "like review" | "liked" | "like" | "translate" | "more" | "report" | "share" | "…"
    ) || lower.starts_with("this review may contain spoilers")
        || likes(line).is_some()
        || comments(line).is_some()
}

/// Whether the text looks like a copied Letterboxd page (and not the sample's layout).
pub fn looks_like_copy(text: &str) -> bool {
    let has_review = text.lines().any(|l| review_header(l.trim()).is_some());
    let has_directed = text
        .lines()
        .any(|l| l.trim() == "Directed by" || l.trim().starts_with("Directed by "));
    let seed_bullets = text.lines().any(|l| {
        let l = l.trim();
        l.starts_with('•') && l.contains("review by ")
    });
    !seed_bullets && (has_review || (has_directed && text.contains("Letterboxd")))
}

/// "Review by Ada ★★★★½" → ("Ada", stars).
fn review_header(line: &str) -> Option<(String, Option<Rating>)> {
    let rest = REVIEW_STARTS.iter().find_map(|s| line.strip_prefix(s))?;
    let name: String = rest
        .trim_end_matches(|c: char| c == '★' || c == '½' || c.is_whitespace())
        .to_string();
    let glyphs: String = rest[name.len()..]
        .chars()
        .filter(|c| *c == '★' || *c == '½')
        .collect();
    if name.is_empty() {
        return None;
    }
    Some((name, glyphs.parse().ok()))
}

/// "1,234 likes" → 1234.
fn likes(line: &str) -> Option<u32> {
    count_before(line, &[" likes", " like"])
}

fn comments(line: &str) -> Option<u32> {
    count_before(line, &[" comments", " comment"])
}

fn count_before(line: &str, words: &[&str]) -> Option<u32> {
    let number = words.iter().find_map(|w| line.strip_suffix(w))?;
    let digits: String = number.chars().filter(|c| *c != ',').collect();
    digits.parse().ok()
}

pub fn parse(text: &str) -> Result<Page, PageError> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let first_review = lines
        .iter()
        .position(|(_, l)| review_header(l).is_some())
        .unwrap_or(lines.len());
    let head = &lines[..first_review];
    let mut film = film(head)?;
    film.slug = slugify(&film.title);
    let mut entries = Vec::new();
    let mut unrated = 0;
    let mut at = first_review;
    while at < lines.len() {
        let Some((author, rating)) = review_header(lines[at].1) else {
            at += 1;
            continue;
        };
        let end = lines[at + 1..]
            .iter()
            .position(|(_, l)| review_header(l).is_some() || is_end(l))
            .map_or(lines.len(), |p| at + 1 + p);
        let block = &lines[at + 1..end];
        let rating = rating.or_else(|| block.iter().find_map(|(_, l)| stars_line(l)));
        unrated += usize::from(rating.is_none());
        entries.push(entry(&film.slug, author, rating, block));
        at = end;
    }
    Ok(Page::text(film, entries, unrated))
}

/// A line of stars alone (some browsers copy the stars' text).
fn stars_line(line: &str) -> Option<Rating> {
    if line.chars().all(|c| c == '★' || c == '½') {
        line.parse().ok()
    } else {
        None
    }
}

/// Where the reviews end: the next section or the site's footer.
fn is_end(line: &str) -> bool {
    matches!(
        line,
        "Popular lists" | "Mentioned by" | "Related films" | "Similar films" | "Your activity"
    ) || line.starts_with("© Letterboxd")
}

/// The film from the lines above the reviews.
fn film(head: &[(usize, &str)]) -> Result<NewFilm, PageError> {
    let directed = head
        .iter()
        .position(|(_, l)| *l == "Directed by" || l.starts_with("Directed by "));
    let Some(d) = directed else {
        return reviews_heading_film(head);
    };
    // The title, and its year on the line after it (or in brackets after it).
    let mut title_at = d
        .checked_sub(1)
        .ok_or_else(|| PageError::at(head[d].0, "\"Directed by\" with no film title above it"))?;
    let mut year = None;
    if let Some(y) = as_year(head[title_at].1)
        && title_at > 0
    {
        year = Some(y);
        title_at -= 1;
    }
    let (title, bracketed) = title_and_year(head[title_at].1);
    let year = year.or(bracketed);
    let (names, after) = match head[d].1.strip_prefix("Directed by ") {
        Some(names) => (names.to_string(), d + 1),
        None => (head.get(d + 1).map_or("", |(_, l)| *l).to_string(), d + 2),
    };
    let directors = names
        .split(", ")
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|n| !n.is_empty() && *n != "…")
        .map(str::to_string)
        .collect();
    // The synopsis: the last paragraph before the tabs (a tagline may come first).
    let text: Vec<&str> = head[after.min(head.len())..]
        .iter()
        .map(|(_, l)| *l)
        .take_while(|l| !SECTIONS.contains(l))
        .collect();
    let synopsis = text
        .iter()
        .rev()
        .find(|l| l.len() > 40 || l.contains(". "))
        .or(text.last())
        .map(|l| l.to_string())
        .unwrap_or_default();
    Ok(NewFilm {
        title,
        year,
        directors,
        synopsis,
        ..NewFilm::default()
    })
}

/// A review listing's copy names its film in a heading: "Reviews of Parasite (2019)".
fn reviews_heading_film(head: &[(usize, &str)]) -> Result<NewFilm, PageError> {
    let heading = head.iter().find_map(|(_, l)| {
        l.strip_prefix("Reviews of ")
            .or_else(|| l.strip_prefix("Popular reviews of "))
            .or_else(|| l.strip_suffix(" reviews"))
    });
    let Some(heading) = heading else {
        return Err(PageError::whole(
            "looks like reviews copied from Letterboxd, but names no film (no \"Directed by\" and no \"Reviews of …\" above the reviews); copy the whole page",
        ));
    };
    let (title, year) = title_and_year(heading);
    Ok(NewFilm {
        title,
        year,
        ..NewFilm::default()
    })
}

fn as_year(line: &str) -> Option<i32> {
    (line.len() == 4 && line.bytes().all(|b| b.is_ascii_digit()))
        .then(|| line.parse().ok())
        .flatten()
}

fn entry(film: &str, author: String, rating: Option<Rating>, block: &[(usize, &str)]) -> NewEntry {
    let mut paragraphs = Vec::new();
    let mut likes_seen = 0;
    let mut comments_seen = 0;
    let mut spoiler = false;
    for (_, line) in block {
        if let Some(n) = likes(line) {
            likes_seen = n;
        } else if let Some(n) = comments(line) {
            comments_seen = n;
        } else if line
            .to_lowercase()
            .starts_with("this review may contain spoilers")
        {
            spoiler = true;
        } else if !is_furniture(line) && stars_line(line).is_none() {
            paragraphs.push(*line);
        }
    }
    // A review the page cut short ends in "… more" (the link to the rest).
    let mut cut_short = false;
    let mut body = paragraphs.join("\n\n");
    for tail in ["… more", "...more", "… More", "…more"] {
        if let Some(kept) = body.strip_suffix(tail) {
            body = kept.trim_end().to_string();
            cut_short = true;
            break;
        }
    }
    NewEntry {
        cut_short,
        source_key: Some(text_key(film, &author, &body)),
        author,
        rating,
        body,
        likes: likes_seen,
        comments: comments_seen,
        spoiler,
        ..NewEntry::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copied_film_page_gives_its_film_and_reviews() {
        let text = "Sign in\nCreate account\nFilms\nLists\n\nNight Train\n2021\nDirected by\nAda Lovelace and Mary Shelley\nALL ABOARD\nA night train crosses a country that no longer exists, and its passengers must decide where to get off.\nCast\nCrew\nDetails\nJane Doe\nShow All…\n\nPopular reviews\nMore\nReview by Kim Park\nA slow, patient ride.\nSecond thought.\n1,204 likes\nReview by sam\nThis review may contain spoilers. I can handle the truth.\nThe ending.\n3 likes\nPopular lists\n";
        let page = parse(text).unwrap();
        assert_eq!(page.film.title, "Night Train");
        assert_eq!(page.film.year, Some(2021));
        assert_eq!(page.film.directors, ["Ada Lovelace", "Mary Shelley"]);
        assert!(page.film.synopsis.starts_with("A night train crosses"));
        assert_eq!(page.entries.len(), 2);
        assert_eq!(page.entries[0].author, "Kim Park");
        assert_eq!(
            page.entries[0].body,
            "A slow, patient ride.\n\nSecond thought."
        );
        assert_eq!(page.entries[0].likes, 1204);
        assert!(page.entries[1].spoiler);
        assert_eq!(page.entries[1].body, "The ending.");
        assert_eq!(page.unrated_in_text, 2);
    }
}
