//! The year in review: a year's numbers (or all time's), held so drawing never asks the
//! store; `y` goes to another year.
//!
//! Tallying a busy year's directors and decades takes longer than a key may (5 ms for
//! 5,000 logs), so the tally runs on a thread of its own: the screen opens at once with
//! the kept counts (logs and ratings, from `diary_count`), and the rest follows in a few
//! milliseconds. The thread goes on to tally the other years and all time, so moving
//! between them is instant.

pub mod draw;
pub mod keys;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::store::{LogStats, Result, Store};
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::runtime::worker::{Job, Ticket, Worker};
use crate::tui::screen::{Cx, Look, Opened, Screen, Step, Tick};

/// A year's numbers (all time's under `None`), or why they could not be had, with the
/// generation of the tally they come from.
type Tallied = (u64, std::result::Result<(Option<i32>, LogStats), String>);

/// Tallying years in the order given.
struct Tally {
    years: Vec<Option<i32>>,
    /// Which of the screen's tallies this is: after another program's write, answers from
    /// before it are of no use.
    generation: u64,
}

impl Job for Tally {
    type Answer = Tallied;

    fn run(
        &self,
        store: &Store,
        cancel: &AtomicBool,
        answer: &mut dyn FnMut(Tallied),
    ) -> Result<()> {
        for &year in &self.years {
            if cancel.load(Ordering::Relaxed) {
                break;
            }
            answer((self.generation, Ok((year, store.log_stats(year)?))));
        }
        Ok(())
    }

    fn failed(&self, error: String) -> Tallied {
        (self.generation, Err(error))
    }
}

pub struct YearInReview {
    /// The year shown; `None` for all time.
    pub year: Option<i32>,
    /// The years that have logs, newest first.
    years: Vec<i32>,
    /// The years tallied so far.
    tallied: HashMap<Option<i32>, LogStats>,
    /// The kept counts of the year shown, until its tally is in.
    counts: LogStats,
    /// The thread tallying; `None` for a database in memory, tallied here.
    worker: Option<Worker<Tally>>,
    tallying: Option<Ticket>,
    generation: u64,
    /// Why the tally failed, once it has.
    pub problem: Option<String>,
}

impl YearInReview {
    /// The newest year with logs (all time when there are none).
    pub fn open(store: &Store) -> Result<YearInReview> {
        let years = store.diary_years()?;
        let path = store.path();
        let worker = (path != std::path::Path::new(":memory:"))
            .then(|| Worker::new(path.to_path_buf(), "year in review"));
        let mut review = YearInReview {
            year: years.first().copied(),
            years,
            tallied: HashMap::new(),
            counts: LogStats::default(),
            worker,
            tallying: None,
            generation: 0,
            problem: None,
        };
        review.show(store)?;
        Ok(review)
    }

    /// The numbers shown: the year's tally, or its kept counts until the tally is in.
    pub fn stats(&self) -> &LogStats {
        self.tallied.get(&self.year).unwrap_or(&self.counts)
    }

    /// Whether the year shown is still being tallied.
    pub fn is_tallying(&self) -> bool {
        self.problem.is_none() && !self.tallied.contains_key(&self.year)
    }

    /// The next older year, and after the oldest, all time, then the newest again.
    pub fn cycle_year(&mut self, store: &Store) -> Result<()> {
        self.year = match self.year {
            None => self.years.first().copied(),
            Some(year) => self.years.iter().copied().find(|&y| y < year),
        };
        self.show(store)
    }

    /// Forgets every tally and starts again (after another program's write).
    pub fn tally_again(&mut self, store: &Store) -> Result<()> {
        self.years = store.diary_years()?;
        self.tallied.clear();
        self.tallying = None;
        self.generation += 1;
        self.problem = None;
        self.show(store)
    }

    /// Takes the tallies that came in; says whether the year shown is among them.
    pub fn take_tallies(&mut self) -> bool {
        let Some(worker) = &self.worker else {
            return false;
        };
        let mut shown = false;
        while let Some((generation, tallied)) = worker.take() {
            if generation != self.generation {
                continue;
            }
            match tallied {
                Ok((year, stats)) => {
                    shown |= year == self.year;
                    self.tallied.insert(year, stats);
                }
                Err(error) => {
                    self.problem = Some(error);
                    self.tallying = None;
                    shown = true;
                }
            }
        }
        shown
    }

    /// Shows the year: its tally when it is in, else its kept counts while it is tallied.
    fn show(&mut self, store: &Store) -> Result<()> {
        if self.tallied.contains_key(&self.year) {
            return Ok(());
        }
        let Some(worker) = &mut self.worker else {
            let stats = store.log_stats(self.year)?;
            self.tallied.insert(self.year, stats);
            return Ok(());
        };
        self.counts = store.log_counts(self.year)?;
        // The year shown first, then the others in the order `y` goes through them.
        let mut order: Vec<Option<i32>> = self.years.iter().copied().map(Some).collect();
        order.push(None);
        let at = order.iter().position(|&y| y == self.year).unwrap_or(0);
        order.rotate_left(at);
        order.retain(|year| !self.tallied.contains_key(year));
        let tally = Tally {
            years: order,
            generation: self.generation,
        };
        match worker.start(tally) {
            Ok(ticket) => self.tallying = Some(ticket),
            Err(error) => self.problem = Some(error.to_string()),
        }
        Ok(())
    }
}

/// The year in review as a key opens it: `Y`, from the film page and the screens like it.
pub const OPENED: Opened = Opened {
    keys: &keys::KEYS,
    open: |at| Ok(Box::new(YearInReview::open(at.store)?)),
};

impl Screen for YearInReview {
    fn mode(&self) -> Mode {
        keys::MODE
    }

    fn act(&mut self, action: Action, cx: &mut Cx) -> Result<Step> {
        Ok(match action {
            Action::CycleYear => {
                self.cycle_year(cx.store)?;
                Step::Done
            }
            Action::Back => Step::Close,
            _ => Step::Pass,
        })
    }

    fn refresh(&mut self, store: &Store) -> Result<()> {
        self.tally_again(store)
    }

    fn tick(&mut self, _store: &Store) -> Result<Tick> {
        Ok(Tick {
            changed: self.take_tallies(),
            replay: Vec::new(),
        })
    }

    fn waits(&self) -> bool {
        self.is_tallying()
    }

    fn draw(&self, frame: &mut Frame, area: Rect, look: &Look) {
        draw::draw(frame, area, look, self);
    }

    fn hints(&self) -> &'static [(Action, &'static str)] {
        &[
            (Action::CycleYear, "another year"),
            (
                Action::Show(crate::tui::screens::diary::keys::MODE),
                "diary",
            ),
            (Action::Back, "back"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ]
    }
}
