//! The diary: the member's logs by day watched, newest first, loaded a
//! page at a time as the selection moves (a history of 100,000 logs is never read whole
//! to show a screen of it), filtered by year and rating.

pub mod draw;
pub mod keys;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use crate::query::RatingFilter;
use crate::store::{DiaryEntry, DiaryQuery, Result, Store};
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::screen::{Cx, Listed, Listing, Look, Opened, Screen, Step};
use crate::tui::screens::film::filtering::stars_pressed;
use crate::tui::widgets::finder::{self, Finder};

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
    /// Logs a frame shows, and the first of them, as the last change left them
    /// (`settle`).
    pub page_rows: usize,
    pub top: usize,
    /// `/`: letters of a title to narrow the diary to.
    pub finder: Finder,
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
            page_rows: 0,
            top: 0,
            finder: Finder::default(),
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
        self.top = 0;
        Ok(())
    }

    /// Reads the diary again after another program's write, keeping the highlight at
    /// its place.
    pub fn read_again(&mut self, store: &Store) -> Result<()> {
        let (selected, top) = (self.selected, self.top);
        self.years = store.diary_years()?;
        self.reload(store)?;
        self.load_to(store, selected)?;
        self.selected = selected.min(self.rows.len().saturating_sub(1));
        self.top = top.min(self.selected);
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
        let screen = self.page_rows.max(1);
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

/// The diary as a key opens it: `D`, from the film page and the screens like it.
pub const OPENED: Opened = Opened {
    keys: &keys::KEYS,
    open: |at| Ok(Box::new(Diary::open(at.store)?)),
};

impl Screen for Diary {
    fn mode(&self) -> Mode {
        match self.finder.typing() {
            true => Mode::Find,
            false => keys::MODE,
        }
    }

    fn act(&mut self, action: Action, cx: &mut Cx) -> Result<Step> {
        let page = self.page_rows.max(1) as isize;
        let store = cx.store;
        let filter = self.query.filter;
        if self.finder.typing() {
            if matches!(action, Action::Open | Action::Back) {
                self.find(store, action == Action::Open)?;
            }
            return Ok(Step::Done);
        }
        match action {
            Action::Search => self.finder.start(cx.settings.theme.cursor),
            // Esc first lets go of a title it was narrowed to.
            Action::Back if self.query.title.is_some() => self.find(store, false)?,
            Action::Back => return Ok(Step::Close),
            Action::Next => self.move_by(store, 1)?,
            Action::Prev => self.move_by(store, -1)?,
            Action::PageDown => self.move_by(store, page)?,
            Action::PageUp => self.move_by(store, -page)?,
            Action::First => self.first(),
            Action::Last => self.last(store)?,
            Action::CycleYear => self.cycle_year(store)?,
            keys::OLDER_MONTH => self.older_month(store)?,
            keys::NEWER_MONTH => self.newer_month(),
            Action::FilterStars(n) => self.set_filter(store, stars_pressed(filter, n))?,
            Action::ToggleOrMore => match filter {
                RatingFilter::Exactly(r) => self.set_filter(store, RatingFilter::AtLeast(r))?,
                RatingFilter::AtLeast(r) => self.set_filter(store, RatingFilter::Exactly(r))?,
                _ => {
                    let digits = format!(
                        "{}–{}",
                        cx.settings.key_name(keys::MODE, Action::FilterStars(1)),
                        cx.settings.key_name(keys::MODE, Action::FilterStars(5))
                    );
                    let more = cx.settings.key_name(keys::MODE, Action::ToggleOrMore);
                    cx.say(format!(
                        "Pick a rating first ({digits}), then {more} for “or more”."
                    ));
                }
            },
            Action::FilterUnrated => self.set_filter(store, RatingFilter::Unrated)?,
            Action::ClearFilter => self.set_filter(store, RatingFilter::All)?,
            Action::Open => {
                if let Some(log) = self.selected_log() {
                    let entry = Box::new(log.entry.clone());
                    return Ok(Step::Film(log.film.clone(), Some(entry)));
                }
            }
            _ => return Ok(Step::Pass),
        }
        Ok(Step::Done)
    }

    fn typed(&mut self, input: ratatui_textarea::Input, _cx: &mut Cx) -> Result<Step> {
        self.finder.input(input);
        Ok(Step::Done)
    }

    fn click(&mut self, at: Position, cx: &mut Cx) -> Result<bool> {
        let layout = draw::layout(self, cx.area);
        let hit = layout.rows().find(|(r, _)| r.contains(at)).map(|h| h.1);
        if let Some(position) = hit {
            self.selected = position;
        }
        Ok(hit.is_some())
    }

    fn settle(&mut self, _look: &Look, area: Rect) {
        let layout = draw::layout(self, area);
        self.top = layout.top;
        self.page_rows = layout.rows().count();
    }

    fn refresh(&mut self, store: &Store) -> Result<()> {
        self.read_again(store)
    }

    fn listed(&self) -> Listing {
        Listing::Rows(Listed {
            selected: self.selected,
            total: self.total,
            noun: "logs",
        })
    }

    fn draw(&self, frame: &mut Frame, area: Rect, look: &Look) {
        draw::draw(frame, area, look, self);
    }

    fn hints(&self) -> &'static [(Action, &'static str)] {
        if self.finder.typing() {
            return finder::HINTS;
        }
        &[
            (Action::Next, "next"),
            (Action::Open, "open"),
            (Action::CycleYear, "year"),
            (Action::ClearFilter, "all ratings"),
            (Action::Back, "back"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ]
    }
}
