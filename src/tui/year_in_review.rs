//! The year in review screen's state: a year's numbers (or all time's), read when it
//! opens or the year changes, so drawing never asks the store.

use crate::store::{LogStats, Result, Store};

pub struct YearInReview {
    /// The year shown; `None` for all time.
    pub year: Option<i32>,
    /// The years that have logs, newest first.
    years: Vec<i32>,
    pub stats: LogStats,
}

impl YearInReview {
    /// The newest year with logs (all time when there are none).
    pub fn open(store: &Store) -> Result<YearInReview> {
        let years = store.diary_years()?;
        let year = years.first().copied();
        let stats = store.log_stats(year)?;
        Ok(YearInReview { year, years, stats })
    }

    /// The next older year, and after the oldest, all time, then the newest again.
    pub fn cycle_year(&mut self, store: &Store) -> Result<()> {
        self.year = match self.year {
            None => self.years.first().copied(),
            Some(year) => self.years.iter().copied().find(|&y| y < year),
        };
        self.refresh(store)
    }

    /// Reads the numbers again (after another program's write).
    pub fn refresh(&mut self, store: &Store) -> Result<()> {
        self.years = store.diary_years()?;
        self.stats = store.log_stats(self.year)?;
        Ok(())
    }
}
