//! Which IMDb title a film is: the rules, apart from the files. A film is its IMDb title
//! by id where marquee knows the id; else by title and year among the kinds of title a
//! film can be, and never by a guess.

/// The kinds of IMDb title a film of the library may be (never an episode, a series, a
/// pilot or a game).
pub const FILM_KINDS: [&str; 7] = [
    "movie",
    "tvMovie",
    "tvMiniSeries",
    "tvSpecial",
    "short",
    "tvShort",
    "video",
];

pub fn is_film_kind(kind: &str) -> bool {
    FILM_KINDS.contains(&kind)
}

/// A title folded for matching: letters and digits kept (accents stripped, case folded),
/// every other character of any script a space, spaces squeezed. "Amélie" and "AMELIE"
/// fold alike, and so do "Face/Off" and "Face Off".
pub fn fold_title(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    fold_title_into(title, &mut out);
    out
}

/// `fold_title` into `out` (emptied first): for the millions of titles of IMDb's files,
/// with no allocation once `out` has grown, and ASCII (most of them) folded directly.
pub fn fold_title_into(title: &str, out: &mut String) {
    out.clear();
    if title.is_ascii() {
        return fold_ascii_into(title.as_bytes(), out);
    }
    let mut space = true;
    let mut push = |c: char, out: &mut String| {
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    };
    for c in title.chars() {
        if c.is_ascii() {
            push(c.to_ascii_lowercase(), out);
        } else {
            for folded in crate::text::folded_letters(c) {
                push(folded, out);
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
}

/// `fold_title_into` of ASCII: a byte at a time.
fn fold_ascii_into(title: &[u8], out: &mut String) {
    let mut space = true;
    for &b in title {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b.to_ascii_lowercase()));
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
}

/// An IMDb title that could be a film: its id and first year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Candidate {
    pub tconst: u32,
    pub year: Option<i32>,
}

/// What matching a film by title and year came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Matched(u32),
    /// Several titles fit equally well: no guess.
    Ambiguous(Vec<u32>),
    None,
}

/// The rule: among the candidates (each title once), the one of the film's year; only
/// when none has it, the one a year off, if exactly one is. A film with no year is
/// matched by id only.
pub fn choose(year: Option<i32>, candidates: &[Candidate]) -> Verdict {
    let Some(year) = year else {
        return Verdict::None;
    };
    let mut distinct: Vec<Candidate> = candidates.to_vec();
    distinct.sort();
    distinct.dedup_by_key(|c| c.tconst);
    let with = |off: i32| -> Vec<u32> {
        distinct
            .iter()
            .filter(|c| c.year.is_some_and(|y| (y - year).abs() == off))
            .map(|c| c.tconst)
            .collect()
    };
    for off in [0, 1] {
        match with(off).as_slice() {
            [] => continue,
            [one] => return Verdict::Matched(*one),
            many => return Verdict::Ambiguous(many.to_vec()),
        }
    }
    Verdict::None
}

/// `tt0113277` as a number, or `None` for anything else.
pub fn tconst_number(id: &str) -> Option<u32> {
    let digits = id.strip_prefix("tt")?;
    if digits.len() < 7 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A number as IMDb writes its id: `tt` and at least seven digits.
pub fn tconst_text(n: u32) -> String {
    format!("tt{n:07}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_fold_as_the_rule_says() {
        assert_eq!(fold_title("Amélie"), "amelie");
        assert_eq!(fold_title("AMELIE!"), "amelie");
        assert_eq!(fold_title("Face/Off"), "face off");
        assert_eq!(
            fold_title("  Mission:  Impossible – Fallout "),
            "mission impossible fallout"
        );
        assert_eq!(
            fold_title("Léon: The Professional"),
            "leon the professional"
        );
        assert_eq!(fold_title("千と千尋の神隠し"), "千と千尋の神隠し");
        // Every mark that decomposes goes, as on both sides of a match (й as и).
        assert_eq!(fold_title("Крёстный отец"), "крестныи отец");
        assert_eq!(fold_title("\"Weird\" Al"), "weird al");
        assert_eq!(fold_title("9½ Weeks"), "9½ weeks");
    }

    fn c(tconst: u32, year: i32) -> Candidate {
        Candidate {
            tconst,
            year: Some(year),
        }
    }

    #[test]
    fn the_year_decides_and_never_a_guess() {
        // The exact year wins over one a year off.
        assert_eq!(
            choose(Some(1995), &[c(1, 1995), c(2, 1996)]),
            Verdict::Matched(1)
        );
        // One off counts only when no candidate has the year, and only alone.
        assert_eq!(choose(Some(1995), &[c(2, 1996)]), Verdict::Matched(2));
        assert_eq!(
            choose(Some(1995), &[c(2, 1996), c(3, 1994)]),
            Verdict::Ambiguous(vec![2, 3])
        );
        // Two of the year: no match.
        assert_eq!(
            choose(Some(1897), &[c(5, 1897), c(6, 1897)]),
            Verdict::Ambiguous(vec![5, 6])
        );
        // The same title found twice (its primary title and an aka) is one candidate.
        assert_eq!(
            choose(Some(2001), &[c(7, 2001), c(7, 2001)]),
            Verdict::Matched(7)
        );
        assert_eq!(choose(Some(2001), &[c(7, 1990)]), Verdict::None);
        assert_eq!(choose(None, &[c(7, 2001)]), Verdict::None);
        assert_eq!(choose(Some(2001), &[]), Verdict::None);
    }

    #[test]
    fn ids_read_and_write_as_imdb_does() {
        assert_eq!(tconst_number("tt0113277"), Some(113_277));
        assert_eq!(tconst_number("tt10872600"), Some(10_872_600));
        assert_eq!(tconst_number("tt12"), None);
        assert_eq!(tconst_number("nm0000001"), None);
        assert_eq!(tconst_text(113_277), "tt0113277");
        assert_eq!(tconst_text(10_872_600), "tt10872600");
    }
}
