//! Narrowing the list by rating: what has the keyboard on the film page, the filter
//! menu's rows, and what a digit pressed again does.

use ratatui_textarea::TextArea;

use crate::model::Rating;
use crate::query::RatingFilter;

/// What has the keyboard on the film screen.
#[derive(Default)]
pub enum Focus {
    #[default]
    List,
    /// A bar of the histogram, by half-stars 1..=10.
    Histogram { bar: u8 },
    /// The search line being typed.
    Search(Box<TextArea<'static>>),
}

/// The filter menu's rows: all, ★★★★★ down to ½, unrated.
pub const MENU_ROWS: usize = 12;

/// What menu row `row` filters to.
pub fn menu_filter(row: usize, or_more: bool) -> RatingFilter {
    match row {
        0 => RatingFilter::All,
        1..=10 => {
            let rating = Rating::from_half_stars(11 - row as u8).expect("rows 1..=10 are ratings");
            if or_more {
                RatingFilter::AtLeast(rating)
            } else {
                RatingFilter::Exactly(rating)
            }
        }
        _ => RatingFilter::Unrated,
    }
}

/// The menu row showing `filter`.
pub fn menu_row(filter: RatingFilter) -> usize {
    match filter {
        RatingFilter::All => 0,
        RatingFilter::Exactly(r) | RatingFilter::AtLeast(r) => 11 - usize::from(r.half_stars()),
        RatingFilter::Unrated => 11,
    }
}

/// The filter after pressing digit `n`: that many whole stars, or, pressed again, the
/// half star above it (and back).
pub fn stars_pressed(filter: RatingFilter, n: u8) -> RatingFilter {
    match filter {
        RatingFilter::Exactly(r) if r.half_stars() / 2 == n => {
            RatingFilter::Exactly(Rating::after_digit(Some(r), n))
        }
        RatingFilter::AtLeast(r) if r.half_stars() / 2 == n => {
            RatingFilter::AtLeast(Rating::after_digit(Some(r), n))
        }
        _ => RatingFilter::Exactly(Rating::after_digit(None, n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exactly(h: u8) -> RatingFilter {
        RatingFilter::Exactly(Rating::from_half_stars(h).unwrap())
    }

    #[test]
    fn a_digit_again_toggles_the_half() {
        assert_eq!(stars_pressed(RatingFilter::All, 4), exactly(8));
        assert_eq!(stars_pressed(exactly(8), 4), exactly(9));
        assert_eq!(stars_pressed(exactly(9), 4), exactly(8));
        assert_eq!(stars_pressed(exactly(9), 3), exactly(6));
        assert_eq!(stars_pressed(exactly(10), 5), exactly(10), "no 5½ stars");
        assert_eq!(stars_pressed(exactly(3), 1), exactly(2));
        let at_least = RatingFilter::AtLeast(Rating::from_half_stars(8).unwrap());
        assert_eq!(
            stars_pressed(at_least, 4),
            RatingFilter::AtLeast(Rating::from_half_stars(9).unwrap())
        );
    }

    #[test]
    fn menu_rows_cover_every_bucket() {
        assert_eq!(menu_filter(0, false), RatingFilter::All);
        assert_eq!(menu_filter(1, false), exactly(10));
        assert_eq!(menu_filter(10, false), exactly(1));
        assert_eq!(menu_filter(11, true), RatingFilter::Unrated);
        for row in 0..MENU_ROWS {
            assert_eq!(menu_row(menu_filter(row, false)), row);
        }
    }
}
