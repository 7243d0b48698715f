//! The diary screen's state: the member's logs by day watched, newest first, loaded a
//! page at a time as the selection moves (a history of 100,000 logs is never read whole
//! to show a screen of it), filtered by year and rating.

pub mod draw;

use std::cell::Cell;

use crate::tui::widgets::finder::Finder;

use crate::query::RatingFilter;
use crate::store::{DiaryEntry, DiaryQuery, Result, Store};

/// Logs read per trip to the store.
const PAGE: usize = 128;

pub struct Diary {
    pub query: DiaryQuery,
    /// The logs loaded so far, from the newest.
    rows: Vec<DiaryEntry>,
    /// Every log of the query is loaded.
    complete: bool,
    /// Logs the query lists.
    total: u64,
    /// The years that have logs, newest first, for `y`.
    years: Vec<i32>,
    /// Position of the highlighted log.
    pub selected: usize,
    /// Rows the last frame showed, and the first of them: written by its drawing.
    pub page_rows: Cell<usize>,
    pub top: Cell<usize>,
    /// `/`: letters of a title to narrow the diary to.
    pub finder: Finder,
    /// Where the last frame drew each log (its line, its position), for clicks.
    pub drawn: std::cell::RefCell<Vec<(ratatui::layout::Rect, usize)>>,
}

impl Diary {
    pub fn open(store: &Store) -> Result<Diary> {
        let mut diary = Diary {
            query: DiaryQuery::default(),
            rows: Vec::new(),
            complete: false,
            total: 0,
            years: store.diary_years()?,
            selected: 0,
            page_rows: Cell::new(0),
            top: Cell::new(0),
            finder: Finder::default(),
            drawn: Default::default(),
        };
        diary.reload(store)?;
        Ok(diary)
    }

    /// Reads the query's first page and count, from the top.
    fn reload(&mut self, store: &Store) -> Result<()> {
        self.rows = store.diary_page(&self.query, None, PAGE)?;
        self.complete = self.rows.len() < PAGE;
        self.total = store.diary_count(&self.query)?;
        self.selected = 0;
        self.top.set(0);
        Ok(())
    }

    /// Reads the diary again after another program's write, keeping the highlight at
    /// its place.
    pub fn refresh(&mut self, store: &Store) -> Result<()> {
        let (selected, top) = (self.selected, self.top.get());
        self.years = store.diary_years()?;
        self.reload(store)?;
        self.load_to(store, selected)?;
        self.selected = selected.min(self.rows.len().saturating_sub(1));
        self.top.set(top.min(self.selected));
        Ok(())
    }

    pub fn total(&self) -> u64 {
        self.total
    }

    /// The loaded logs, from the newest.
    pub fn rows(&self) -> &[DiaryEntry] {
        &self.rows
    }

    pub fn selected_log(&self) -> Option<&DiaryEntry> {
        self.rows.get(self.selected)
    }

    /// Loads pages until position `upto` is loaded (or the diary ends).
    fn load_to(&mut self, store: &Store, upto: usize) -> Result<()> {
        while !self.complete && self.rows.len() <= upto {
            let after = self.rows.last().map(DiaryEntry::cursor);
            let page = store.diary_page(&self.query, after.as_ref(), PAGE)?;
            self.complete = page.len() < PAGE;
            self.rows.extend(page);
        }
        Ok(())
    }

    /// Moves the highlight by `delta` logs, loading what the next screen shows.
    pub fn move_by(&mut self, store: &Store, delta: isize) -> Result<()> {
        let target = self.selected.saturating_add_signed(delta);
        let screen = self.page_rows.get().max(1);
        self.load_to(store, target + screen)?;
        self.selected = target.min(self.rows.len().saturating_sub(1));
        Ok(())
    }

    /// To the oldest log: the rest of the diary is read (a page per 128 logs).
    pub fn last(&mut self, store: &Store) -> Result<()> {
        self.load_to(store, usize::MAX)?;
        self.selected = self.rows.len().saturating_sub(1);
        Ok(())
    }

    /// To the first log of the month before the highlighted one's.
    pub fn older_month(&mut self, store: &Store) -> Result<()> {
        let month = self.month_of(self.selected).map(str::to_string);
        let mut at = self.selected;
        loop {
            self.load_to(store, at + 1)?;
            match self.rows.get(at + 1) {
                Some(_) if self.month_of(at + 1) == month.as_deref() => at += 1,
                Some(_) => {
                    self.selected = at + 1;
                    return Ok(());
                }
                // The oldest month: its last log.
                None => {
                    self.selected = at;
                    return Ok(());
                }
            }
        }
    }

    /// To the first log of the highlighted one's month, or, there already, of the month
    /// after it.
    pub fn newer_month(&mut self) {
        let start = |diary: &Diary, at: usize| {
            let month = diary.month_of(at);
            let mut first = at;
            while first > 0 && diary.month_of(first - 1) == month {
                first -= 1;
            }
            first
        };
        let first = start(self, self.selected);
        self.selected = if first == self.selected && first > 0 {
            start(self, first - 1)
        } else {
            first
        };
    }

    fn month_of(&self, at: usize) -> Option<&str> {
        self.rows.get(at).and_then(|log| log.day.get(..7))
    }

    pub fn first(&mut self) {
        self.selected = 0;
    }

    pub fn set_filter(&mut self, store: &Store, filter: RatingFilter) -> Result<()> {
        self.query.filter = filter;
        self.reload(store)
    }

    /// All years, then the newest, then each older one, then all again.
    pub fn cycle_year(&mut self, store: &Store) -> Result<()> {
        self.query.year = match self.query.year {
            None => self.years.first().copied(),
            Some(year) => self.years.iter().copied().find(|&y| y < year),
        };
        self.reload(store)
    }

    /// Closes the finder's line, keeping its letters (`keep`) or letting go of them, and
    /// reads the diary narrowed to films with them in their titles.
    pub fn find(&mut self, store: &Store, keep: bool) -> Result<()> {
        self.finder.finish(keep);
        self.query.title = self.finder.words.clone();
        self.reload(store)
    }

    /// "2024 · ★★★★ or more · “heat”": what the diary shows.
    pub fn describe(&self) -> String {
        let year = self
            .query
            .year
            .map_or("all years".to_string(), |y| y.to_string());
        format!(
            "{year} · {}{}",
            self.query.filter.label(),
            self.finder.label()
        )
    }

    /// "3 logs", "1 log".
    pub fn count_text(&self) -> String {
        let n = self.total;
        format!(
            "{} log{}",
            crate::text::count(n),
            if n == 1 { "" } else { "s" }
        )
    }
}
