//! The records marquee keeps: films, entries (reviews and rating-only logs) and ratings.

use std::fmt;
use std::str::FromStr;

/// A rating in half-stars, 1 (½) through 10 (★★★★★). Never a float.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rating(u8);

/// Why a rating could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid rating {input:?}: expected 0.5 to 5 in steps of 0.5 (like 4.5) or stars (like ★★★★½)"
)]
pub struct RatingError {
    pub input: String,
}

impl Rating {
    /// The rating after pressing digit `n` (1–5) on `current`: that many whole stars, or,
    /// pressed again, the half star above it, and back. The one rule for the composer's
    /// rating and the list's filter.
    pub fn after_digit(current: Option<Rating>, n: u8) -> Rating {
        let n = n.clamp(1, 5);
        let whole = Rating(n * 2);
        match current {
            Some(r) if r.0 == n * 2 && n < 5 => Rating(n * 2 + 1),
            _ => whole,
        }
    }

    pub const MIN: Rating = Rating(1);
    pub const MAX: Rating = Rating(10);

    /// A rating from a count of half-stars, `None` outside 1..=10.
    pub fn from_half_stars(half_stars: u8) -> Option<Rating> {
        (1..=10).contains(&half_stars).then_some(Rating(half_stars))
    }

    pub fn half_stars(self) -> u8 {
        self.0
    }

    /// Every rating from ½ to ★★★★★, in ascending order.
    pub fn all() -> impl DoubleEndedIterator<Item = Rating> {
        (1..=10).map(Rating)
    }

    /// The rating as Letterboxd draws it: `★★★★½`.
    pub fn stars(self) -> String {
        let mut s = "★".repeat(usize::from(self.0 / 2));
        if self.0 % 2 == 1 {
            s.push('½');
        }
        s
    }

    /// The rating as a decimal, `4.5`, computed from integers.
    pub fn decimal(self) -> String {
        if self.0.is_multiple_of(2) {
            format!("{}", self.0 / 2)
        } else {
            format!("{}.5", self.0 / 2)
        }
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.stars())
    }
}

impl FromStr for Rating {
    type Err = RatingError;

    /// Reads `4.5`, `4`, `4.0`, `★★★★½` or `½`.
    fn from_str(input: &str) -> Result<Rating, RatingError> {
        let err = || RatingError {
            input: input.to_string(),
        };
        let s = input.trim();
        if s.is_empty() {
            return Err(err());
        }
        let half_stars = if s.chars().all(|c| c == '★' || c == '½') {
            parse_stars(s).ok_or_else(err)?
        } else {
            parse_decimal(s).ok_or_else(err)?
        };
        Rating::from_half_stars(half_stars).ok_or_else(err)
    }
}

/// `★★★½` → 7. A `½` may only come last.
fn parse_stars(s: &str) -> Option<u8> {
    let stars = s.chars().take_while(|&c| c == '★').count();
    let rest: Vec<char> = s.chars().skip(stars).collect();
    let half = match rest.as_slice() {
        [] => 0,
        ['½'] => 1,
        _ => return None,
    };
    u8::try_from(stars * 2 + half).ok()
}

/// `4.5` → 9, `4` → 8, `4.0` → 8; anything but a whole or half number fails.
fn parse_decimal(s: &str) -> Option<u8> {
    let (whole, frac) = s.split_once('.').unwrap_or((s, "0"));
    if whole.is_empty()
        || frac.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || whole.len() > 2
    {
        return None;
    }
    let whole: u8 = whole.parse().ok()?;
    let half = match frac.trim_end_matches('0') {
        "" => 0,
        "5" => 1,
        _ => return None,
    };
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    whole.checked_mul(2)?.checked_add(half)
}

/// A film as marquee stores it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Film {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub year: Option<i32>,
    pub directors: Vec<String>,
    pub synopsis: String,
}

impl Film {
    /// "The Work (2017)", or just the title when the year is unknown.
    pub fn title_with_year(&self) -> String {
        match self.year {
            Some(year) => format!("{} ({year})", self.title),
            None => self.title.clone(),
        }
    }
}

/// A film about to be stored, before it has an id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewFilm {
    pub slug: String,
    pub title: String,
    pub year: Option<i32>,
    pub directors: Vec<String>,
    pub synopsis: String,
}

/// A value exactly as SQLite holds it, kept for a column another program filled with
/// what marquee's rules read otherwise (text stored as bytes or not UTF-8, a rating that
/// is no number of half stars, tags that are not a JSON list), so that an export writes
/// it, and an import restores it, as it is.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    Integer(i64),
    Real(f64),
    /// Text that reads as UTF-8 (but not as what the column wants).
    Text(String),
    /// Text whose bytes are not UTF-8.
    TextBytes(Vec<u8>),
    Blob(Vec<u8>),
}

impl Eq for Stored {}

impl Stored {
    /// The value to bind when writing it back.
    pub fn to_sql(&self) -> rusqlite::types::Value {
        use rusqlite::types::Value;
        match self {
            Stored::Integer(n) => Value::Integer(*n),
            Stored::Real(x) => Value::Real(*x),
            Stored::Text(t) => Value::Text(t.clone()),
            // Bound as bytes, then cast to text in SQL (`stored_sql`): rusqlite binds
            // only UTF-8 as text.
            Stored::TextBytes(b) | Stored::Blob(b) => Value::Blob(b.clone()),
        }
    }

    /// The SQL expression that stores the bound value `?N` as this value's type.
    pub fn sql_expression(&self, n: usize) -> String {
        match self {
            Stored::TextBytes(_) => format!("CAST(?{n} AS TEXT)"),
            _ => format!("?{n}"),
        }
    }
}

/// A column's stored value, by column name.
pub type StoredValues = Vec<(String, Stored)>;

/// A diary entry: a review (with text) or a rating-only log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub film_id: i64,
    pub author: String,
    pub rating: Option<Rating>,
    pub body: String,
    /// The day the film was watched, `YYYY-MM-DD`, when known.
    pub watched: Option<String>,
    /// When the entry was written, `YYYY-MM-DD` or RFC 3339, when known.
    pub created: Option<String>,
    /// Seconds since 1970 of `created` (else `watched`), 0 when neither is known: the list's
    /// order.
    pub ts: i64,
    pub liked: bool,
    pub rewatch: bool,
    pub spoiler: bool,
    pub likes: u32,
    pub tags: Vec<String>,
    pub is_mine: bool,
    /// What identifies the entry where it came from (a Letterboxd URI, a marquee key).
    pub source_key: Option<String>,
    /// The text with its formatting (see `markup`), when it has any.
    pub markup: Option<String>,
    /// The author's Letterboxd username, when known (the author is their display name).
    pub handle: Option<String>,
    /// Comments on the review where it came from.
    pub comments: u32,
    /// The page it came from showed only its beginning: there is more on Letterboxd.
    pub cut_short: bool,
    /// Columns another program filled with what the fields above read otherwise, as
    /// stored (see `Stored`); empty for what marquee wrote.
    pub stored: StoredValues,
}

impl Entry {
    /// The date to show next to the entry: when it was watched, else when it was written.
    pub fn display_date(&self) -> Option<&str> {
        let date = self.watched.as_deref().or(self.created.as_deref())?;
        Some(date.get(..10).unwrap_or(date))
    }
}

/// An entry about to be stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewEntry {
    pub author: String,
    pub rating: Option<Rating>,
    pub body: String,
    pub watched: Option<String>,
    pub created: Option<String>,
    pub liked: bool,
    pub rewatch: bool,
    pub spoiler: bool,
    pub likes: u32,
    pub tags: Vec<String>,
    /// A key that identifies the entry at its source, so importing twice adds nothing twice.
    pub source_key: Option<String>,
    pub is_mine: bool,
    /// The text with its formatting (see `markup`), when it has any; `body` is its plain
    /// text.
    pub markup: Option<String>,
    /// The author's Letterboxd username, when known.
    pub handle: Option<String>,
    pub comments: u32,
    /// Only the beginning of the review was at hand (a page that cut it short).
    pub cut_short: bool,
    /// Columns to store exactly so, over the fields above (a restored backup of values
    /// another program wrote; see `Stored`).
    pub stored: StoredValues,
}

/// What a Letterboxd page tells of a film beyond its title, directors and synopsis.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilmDetails {
    /// Minutes.
    pub runtime: Option<u32>,
    pub genres: Vec<String>,
    /// The main cast, in billing order.
    pub cast: Vec<String>,
    /// Letterboxd's average rating in hundredths of a star (4.55 → 455).
    pub letterboxd_average: Option<u32>,
    /// How many ratings Letterboxd's average is of.
    pub letterboxd_ratings: Option<u64>,
    /// The film's IMDb title (`tt0113277`), as the page links to it.
    pub imdb: Option<String>,
    /// The film's TMDB id, as the page carries it.
    pub tmdb: Option<u64>,
    /// What IMDb's datasets say of it (`marquee import imdb`).
    pub from_imdb: ImdbFacts,
}

/// What the IMDb title matched to a film says beyond what the film's own columns hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImdbFacts {
    /// How the title was found: `page`, `hand`, `title`; or after an import that found
    /// none, `none` or `ambiguous`.
    pub how: Option<String>,
    pub original_title: Option<String>,
    /// IMDb's rating in tenths (73 is 7.3 of 10).
    pub rating: Option<u32>,
    pub votes: Option<u64>,
    /// Which of the film's directors (1), runtime (2) and genres (4) IMDb filled.
    pub filled: u8,
}

impl FilmDetails {
    pub fn is_empty(&self) -> bool {
        *self == FilmDetails::default()
    }
}

/// The member's own marks on a film, each the date it was made (or `None`), and their
/// rating of the film, as Letterboxd keeps them beside the diary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    pub rating: Option<Rating>,
    /// When the rating was given.
    pub rated: Option<String>,
    pub watched: Option<String>,
    pub watchlist: Option<String>,
    pub liked: Option<String>,
}

impl Marks {
    pub fn is_empty(&self) -> bool {
        *self == Marks::default()
    }
}

/// A mark a film can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Watched,
    Watchlist,
    Liked,
}

/// A list of films, as the member made it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilmList {
    pub id: i64,
    pub name: String,
    /// Plain text; `markup` keeps its formatting when it has any.
    pub description: String,
    pub markup: Option<String>,
    pub tags: Vec<String>,
    /// Whether the order is a ranking (Letterboxd's "ranked list").
    pub ranked: bool,
    /// The day it was made, `YYYY-MM-DD`, when known.
    pub created: Option<String>,
    /// Where it came from (its Letterboxd address), so importing it again adds nothing.
    pub source_key: Option<String>,
    pub items: Vec<ListItem>,
}

/// A film in a list: its place (from 1) and the note the member wrote for it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListItem {
    pub film_id: i64,
    /// The film's slug, when read back.
    pub slug: String,
    pub position: u32,
    pub note: String,
}

/// The most characters a review's text may have.
pub const MAX_BODY_CHARS: usize = 100_000;

/// What is wrong with an entry the user wants to save.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LogError {
    #[error("nothing to save: give a rating, a review, or both")]
    Empty,
    #[error("the review has {chars} characters; the most marquee keeps is {MAX_BODY_CHARS}")]
    TooLong { chars: usize },
}

/// Checks an entry before it is written: a rating or text (or both), text not too long.
pub fn check_log(rating: Option<Rating>, body: &str) -> Result<(), LogError> {
    if rating.is_none() && body.trim().is_empty() {
        return Err(LogError::Empty);
    }
    let chars = body.chars().count();
    if chars > MAX_BODY_CHARS {
        return Err(LogError::TooLong { chars });
    }
    Ok(())
}

/// Tags as typed, "a, b ,c" → ["a", "b", "c"]: trimmed, empty ones dropped, no repeats.
pub fn parse_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_string());
        }
    }
    tags
}

/// A review being written in the composer, saved as the user types so nothing is lost.
/// Fields are kept as typed; they are checked only when the review is saved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub film_id: i64,
    /// The film's slug: what the draft belongs to (a film deleted elsewhere may leave its
    /// id to another).
    pub film_slug: String,
    /// The version of the entry being edited when the edit began (`EntryVersion`), so a
    /// save notices what changed meanwhile.
    pub base: Option<String>,
    /// The entry being edited, or `None` for a new one.
    pub entry_id: Option<i64>,
    pub rating: Option<Rating>,
    pub body: String,
    pub watched: String,
    pub liked: bool,
    pub rewatch: bool,
    pub spoiler: bool,
    pub tags: String,
}

/// Per-film rating counts, kept exact by the store on every write.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilmStats {
    /// Entries per rating: index 0 is ½, index 9 is ★★★★★.
    pub buckets: [u64; 10],
    pub unrated: u64,
    /// Entries with text.
    pub reviews: u64,
}

impl FilmStats {
    pub fn ratings(&self) -> u64 {
        self.buckets.iter().sum()
    }

    pub fn entries(&self) -> u64 {
        self.ratings() + self.unrated
    }

    pub fn count(&self, rating: Rating) -> u64 {
        self.buckets[usize::from(rating.half_stars() - 1)]
    }

    /// The average rating in hundredths of a star (4.70 stars → 470), `None` without ratings.
    /// Kept in integers so nothing rounds differently on another machine.
    pub fn average_centistars(&self) -> Option<u64> {
        let ratings = self.ratings();
        if ratings == 0 {
            return None;
        }
        let half_star_sum: u64 = self
            .buckets
            .iter()
            .zip(1u64..)
            .map(|(count, half_stars)| count * half_stars)
            .sum();
        // stars = half_stars / 2; centistars = half_stars * 50, rounded to nearest.
        Some((half_star_sum * 50 + ratings / 2) / ratings)
    }

    /// The average as Letterboxd shows it, with two decimals: "4.70".
    pub fn average_text(&self) -> Option<String> {
        self.average_centistars()
            .map(|c| format!("{}.{:02}", c / 100, c % 100))
    }
}

/// Seconds since 1970-01-01 of an RFC 3339 time (`2024-02-29T12:30:05+01:00`), a time
/// without offset (taken as UTC) or a `YYYY-MM-DD` date (its midnight, UTC).
/// `None` when the text is none of these.
pub fn timestamp(text: &str) -> Option<i64> {
    use chrono::{DateTime, NaiveDate, NaiveDateTime};
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Some(time.timestamp());
    }
    for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if let Ok(time) = NaiveDateTime::parse_from_str(text, format) {
            return Some(time.and_utc().timestamp());
        }
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc().timestamp())
}

/// A watched date as the user typed it, checked: `YYYY-MM-DD`, a real day.
pub fn parse_date(text: &str) -> Result<String, DateError> {
    let text = text.trim();
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = text.get(range)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let strict = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    // Read by hand: an import checks a date for every review, and chrono's format
    // parsing costs more than the rest of the check.
    let day = match (number(0..4), number(5..7), number(8..10)) {
        (Some(y), Some(m), Some(d)) if strict => chrono::NaiveDate::from_ymd_opt(y as i32, m, d),
        _ => None,
    };
    match day {
        Some(_) => Ok(text.to_string()),
        None => Err(DateError::NotADay {
            input: text.to_string(),
        }),
    }
}

/// A day the user says they watched a film: a real day, and not after today (as
/// Letterboxd has it).
pub fn parse_watched(text: &str) -> Result<String, DateError> {
    let day = parse_date(text)?;
    let today = today();
    // Both `YYYY-MM-DD`: compared as text, they compare as days.
    if day > today {
        return Err(DateError::Future { input: day, today });
    }
    Ok(day)
}

/// A watched day typed as the user writes dates (`format`, strftime), or as
/// `YYYY-MM-DD`: a real day, not after today. Returned as `YYYY-MM-DD`.
pub fn parse_watched_as(text: &str, format: &str) -> Result<String, DateError> {
    let typed = text.trim();
    if parse_date(typed).is_ok() {
        return parse_watched(typed);
    }
    match chrono::NaiveDate::parse_from_str(typed, format) {
        Ok(day) => parse_watched(&day.format("%Y-%m-%d").to_string()),
        Err(_) => Err(match example_day(format) {
            iso if iso == "2024-05-31" => DateError::NotADay {
                input: typed.to_string(),
            },
            example => DateError::NotADayAs {
                input: typed.to_string(),
                example,
            },
        }),
    }
}

/// 31 May 2024 written in `format`, to show how a day is typed.
pub fn example_day(format: &str) -> String {
    use std::fmt::Write;
    let day = chrono::NaiveDate::from_ymd_opt(2024, 5, 31).expect("a real day");
    let mut out = String::new();
    match write!(out, "{}", day.format(format)) {
        Ok(()) => out,
        Err(_) => "2024-05-31".into(),
    }
}

/// A date that can't be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("invalid date {input:?}: expected a day written YYYY-MM-DD, like 2024-05-31")]
    NotADay { input: String },
    #[error("invalid date {input:?}: expected a day written like {example} (or 2024-05-31)")]
    NotADayAs { input: String, example: String },
    #[error("{input} is in the future (today is {today}): a film can only be logged once watched")]
    Future { input: String, today: String },
}

/// Today's date where the user is, `YYYY-MM-DD`.
pub fn today() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

/// This moment where the user is, RFC 3339 to the second: `2026-11-26T12:05:09+01:00`.
pub fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Turns a title into a URL-style slug, as Letterboxd does: "The Work" → "the-work".
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    let mut dash = false;
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            slug.push(c);
            dash = false;
        } else if c != '\'' && c != '’' {
            dash = true;
        }
    }
    if slug.is_empty() {
        slug.push_str("film");
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_read_decimals_and_stars() {
        assert_eq!("4.5".parse::<Rating>().unwrap().half_stars(), 9);
        assert_eq!("4".parse::<Rating>().unwrap().half_stars(), 8);
        assert_eq!("4.0".parse::<Rating>().unwrap().half_stars(), 8);
        assert_eq!("0.5".parse::<Rating>().unwrap().half_stars(), 1);
        assert_eq!("★★★★½".parse::<Rating>().unwrap().half_stars(), 9);
        assert_eq!("½".parse::<Rating>().unwrap().half_stars(), 1);
        assert_eq!("★★★★★".parse::<Rating>().unwrap().half_stars(), 10);
    }

    #[test]
    fn ratings_reject_what_is_not_a_half_star() {
        for bad in [
            "",
            "0",
            "5.5",
            "6",
            "2.7",
            "x",
            "-1",
            "★½★",
            "★★★★★★",
            "½½",
            "4.",
            ".5",
            "4.55",
        ] {
            assert!(bad.parse::<Rating>().is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn ratings_display_as_stars_and_decimals() {
        let r = Rating::from_half_stars(7).unwrap();
        assert_eq!(r.to_string(), "★★★½");
        assert_eq!(r.decimal(), "3.5");
        assert_eq!(Rating::MIN.to_string(), "½");
        assert_eq!(Rating::MAX.decimal(), "5");
        for r in Rating::all() {
            assert_eq!(r.stars().parse::<Rating>().unwrap(), r);
            assert_eq!(r.decimal().parse::<Rating>().unwrap(), r);
        }
    }

    #[test]
    fn average_is_exact_to_the_hundredth() {
        let mut stats = FilmStats::default();
        stats.buckets[9] = 2; // two ★★★★★
        stats.buckets[8] = 3; // three ★★★★½
        assert_eq!(stats.average_text().as_deref(), Some("4.70"));
        assert_eq!(stats.ratings(), 5);
        assert_eq!(FilmStats::default().average_text(), None);
    }

    #[test]
    fn timestamps_count_from_1970() {
        assert_eq!(timestamp("1970-01-01"), Some(0));
        assert_eq!(timestamp("2000-03-01"), Some(951_868_800));
        assert_eq!(timestamp("2024-02-29T12:30:05Z"), Some(1_709_209_805));
        assert_eq!(timestamp("2024-02-29T13:30:05+01:00"), Some(1_709_209_805));
        assert_eq!(timestamp("2024-02-29 12:30:05"), Some(1_709_209_805));
        assert_eq!(timestamp("2024-13-01"), None);
        assert_eq!(timestamp("yesterday"), None);
    }

    #[test]
    fn dates_must_be_real_days() {
        assert_eq!(parse_date("2024-02-29").unwrap(), "2024-02-29");
        assert_eq!(parse_date(" 2024-05-31 ").unwrap(), "2024-05-31");
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-1-1",
            "2024-00-10",
            "2024-05-00",
            "2024-0a-01",
            "+024-05-01",
            "2024-05-3１",
            "31/05/2024",
            "",
            "tomorrow",
        ] {
            assert!(parse_date(bad).is_err(), "{bad:?}");
        }
        assert!(parse_date(&today()).is_ok());
        assert!(timestamp(&now()).is_some());
    }

    #[test]
    fn a_log_needs_a_rating_or_text() {
        assert_eq!(check_log(None, "  \n "), Err(LogError::Empty));
        assert!(check_log(Rating::from_half_stars(9), "").is_ok());
        assert!(check_log(None, "words").is_ok());
        let long = "x".repeat(MAX_BODY_CHARS + 1);
        assert!(matches!(
            check_log(None, &long),
            Err(LogError::TooLong { .. })
        ));
    }

    #[test]
    fn tags_are_trimmed_and_unique() {
        assert_eq!(parse_tags(" a, b ,,a, c d "), vec!["a", "b", "c d"]);
        assert!(parse_tags(" , ").is_empty());
    }

    #[test]
    fn slugs_look_like_letterboxd() {
        assert_eq!(slugify("The Work"), "the-work");
        assert_eq!(slugify("Schindler's List"), "schindlers-list");
        assert_eq!(slugify("  Mad Max: Fury Road! "), "mad-max-fury-road");
        assert_eq!(slugify("花様年華"), "花様年華");
        assert_eq!(slugify("?!"), "film");
    }
}
