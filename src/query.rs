//! What the TUI list and the CLI ask the store for: which of a film's entries (rating
//! filter, search), in which order (sort), one page at a time.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use crate::model::{Entry, Rating};

/// Which ratings to show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum RatingFilter {
    #[default]
    All,
    /// Exactly this many half-stars.
    Exactly(Rating),
    /// This rating or more.
    AtLeast(Rating),
    /// Entries without a rating.
    Unrated,
}

/// A rating bucket: a half-star count 1..=10, or `None` for unrated. Two more hold the
/// ratings another program stored outside 1..=10 with SQLite's checks off: `BELOW` (0
/// and less) and `ABOVE` (11 and more). They are read, counted and filtered as unrated.
pub type Bucket = Option<u8>;

/// Ratings below one half star, stored from outside.
pub const BELOW: Bucket = Some(0);
/// Ratings above five stars, stored from outside.
pub const ABOVE: Bucket = Some(11);

/// Whether `bucket` is shown as unrated: no rating, or one outside 1..=10.
pub fn is_unrated(bucket: Bucket) -> bool {
    !matches!(bucket, Some(1..=10))
}

impl RatingFilter {
    /// The buckets the filter keeps. Every list query is a merge over these.
    pub fn buckets(self) -> Vec<Bucket> {
        match self {
            RatingFilter::All => [None, BELOW]
                .into_iter()
                .chain((1..=10).map(Some))
                .chain([ABOVE])
                .collect(),
            RatingFilter::Exactly(r) => vec![Some(r.half_stars())],
            RatingFilter::AtLeast(r) => (r.half_stars()..=10).map(Some).collect(),
            RatingFilter::Unrated => vec![None, BELOW, ABOVE],
        }
    }

    pub fn keeps(self, rating: Option<Rating>) -> bool {
        self.buckets().contains(&rating.map(Rating::half_stars))
    }

    /// "★★★★½", "★★★★ or more", "unrated", "all ratings".
    pub fn label(self) -> String {
        match self {
            RatingFilter::All => "all ratings".into(),
            RatingFilter::Exactly(r) => r.stars(),
            RatingFilter::AtLeast(r) => format!("{} or more", r.stars()),
            RatingFilter::Unrated => "unrated".into(),
        }
    }
}

/// The order of the list. Ties always fall back to newest first, then the id, so every
/// order is total and pages never repeat or skip an entry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    Highest,
    Lowest,
    MostLiked,
}

impl Sort {
    pub const ALL: [Sort; 5] = [
        Sort::Newest,
        Sort::Oldest,
        Sort::Highest,
        Sort::Lowest,
        Sort::MostLiked,
    ];

    /// The next sort in the cycle `s` walks through.
    pub fn next(self) -> Sort {
        let at = Sort::ALL.iter().position(|&s| s == self).unwrap_or(0);
        Sort::ALL[(at + 1) % Sort::ALL.len()]
    }

    pub fn name(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::Highest => "highest",
            Sort::Lowest => "lowest",
            Sort::MostLiked => "likes",
        }
    }

    /// How the status line says it.
    pub fn label(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::Highest => "highest rated",
            Sort::Lowest => "lowest rated",
            Sort::MostLiked => "most liked",
        }
    }

    /// Where a bucket stands in this sort's order of buckets, when the sort orders by
    /// rating first: unrated entries come last both ways.
    pub fn bucket_rank(self, bucket: Bucket) -> Option<u8> {
        match (self, bucket) {
            (Sort::Highest | Sort::Lowest, b) if is_unrated(b) => Some(10),
            (Sort::Highest, Some(h)) => Some(10 - h),
            (Sort::Lowest, Some(h)) => Some(h - 1),
            _ => None,
        }
    }

    /// The list's order: `Less` means `a` comes first.
    pub fn compare(self, a: &Cursor, b: &Cursor) -> Ordering {
        let newest_first = (b.ts, b.id).cmp(&(a.ts, a.id));
        match self {
            Sort::Newest => newest_first,
            Sort::Oldest => (a.ts, a.id).cmp(&(b.ts, b.id)),
            Sort::Highest | Sort::Lowest => self
                .bucket_rank(a.bucket)
                .cmp(&self.bucket_rank(b.bucket))
                .then(newest_first),
            Sort::MostLiked => b.likes.cmp(&a.likes).then(newest_first),
        }
    }
}

/// A sort named on the command line that marquee does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown sort {0:?}: choose newest, oldest, highest, lowest or likes")]
pub struct SortError(pub String);

impl FromStr for Sort {
    type Err = SortError;

    fn from_str(s: &str) -> Result<Sort, SortError> {
        Sort::ALL
            .into_iter()
            .find(|sort| sort.name() == s)
            .ok_or_else(|| SortError(s.to_string()))
    }
}

impl fmt::Display for Sort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which entries of a film, in which order. Built by the TUI and the CLI alike.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ReviewQuery {
    pub film_id: i64,
    pub filter: RatingFilter,
    pub sort: Sort,
    /// Words to find in the text or the author, as typed.
    pub search: Option<String>,
    /// Only entries with text: reviews, not rating-only logs.
    pub text_only: bool,
}

impl ReviewQuery {
    /// Every entry of a film, newest first.
    pub fn film(film_id: i64) -> ReviewQuery {
        ReviewQuery {
            film_id,
            filter: RatingFilter::All,
            sort: Sort::Newest,
            search: None,
            text_only: false,
        }
    }

    /// The search as FTS5 terms: each word a prefix, all of them required.
    pub fn search_terms(&self) -> Vec<String> {
        self.search.as_deref().map(search_terms).unwrap_or_default()
    }
}

/// Splits what the user typed into words (letters and digits), lowercased.
pub fn search_terms(typed: &str) -> Vec<String> {
    typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A position in the list: everything the order looks at, for the entry just before (or
/// after) it. Keyset pagination resumes from here without counting rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cursor {
    pub bucket: Bucket,
    pub ts: i64,
    pub likes: i64,
    pub id: i64,
}

impl Cursor {
    pub fn of(entry: &Entry) -> Cursor {
        Cursor {
            bucket: entry.rating.map(Rating::half_stars),
            ts: entry.ts,
            likes: i64::from(entry.likes),
            id: entry.id,
        }
    }
}

/// Which way from a cursor a page goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Entries after the cursor, in list order.
    Forward,
    /// Entries before the cursor, in list order.
    Backward,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rating(h: u8) -> Rating {
        Rating::from_half_stars(h).unwrap()
    }

    #[test]
    fn filters_name_their_buckets() {
        assert_eq!(RatingFilter::All.buckets().len(), 13);
        assert_eq!(RatingFilter::Exactly(rating(9)).buckets(), vec![Some(9)]);
        assert_eq!(
            RatingFilter::AtLeast(rating(9)).buckets(),
            vec![Some(9), Some(10)]
        );
        assert_eq!(RatingFilter::Unrated.buckets(), vec![None, BELOW, ABOVE]);
        assert!(RatingFilter::AtLeast(rating(8)).keeps(Some(rating(10))));
        assert!(!RatingFilter::AtLeast(rating(8)).keeps(None));
    }

    #[test]
    fn sorts_cycle_and_parse() {
        let mut sort = Sort::Newest;
        for _ in 0..5 {
            sort = sort.next();
        }
        assert_eq!(sort, Sort::Newest);
        assert_eq!("likes".parse::<Sort>().unwrap(), Sort::MostLiked);
        assert!("sideways".parse::<Sort>().is_err());
    }

    #[test]
    fn unrated_entries_come_last_in_rating_orders() {
        let unrated = Cursor {
            bucket: None,
            ts: 9,
            likes: 0,
            id: 1,
        };
        let half = Cursor {
            bucket: Some(1),
            ts: 1,
            likes: 0,
            id: 2,
        };
        let five = Cursor {
            bucket: Some(10),
            ts: 1,
            likes: 0,
            id: 3,
        };
        assert_eq!(Sort::Highest.compare(&five, &half), Ordering::Less);
        assert_eq!(Sort::Highest.compare(&half, &unrated), Ordering::Less);
        assert_eq!(Sort::Lowest.compare(&half, &five), Ordering::Less);
        assert_eq!(Sort::Lowest.compare(&five, &unrated), Ordering::Less);
    }

    #[test]
    fn search_words_are_split_and_lowercased() {
        assert_eq!(search_terms("Fathers, SONS!"), vec!["fathers", "sons"]);
        assert!(search_terms(" *\"- ").is_empty());
    }
}
