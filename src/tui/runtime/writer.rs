//! The app's writes, off the key path: a thread with a connection of its own does them in
//! the order they were asked, while keys go on. The database is shared with the sqlite3
//! shell, Python, cron and other marquees; when one of them holds it (`BEGIN EXCLUSIVE`, a
//! long import), a write waits on this thread, is tried again until it lands, and says
//! that it waits, never dropped and never freezing a key. While it waits, the draft being
//! typed is kept in a file, so a kill then loses nothing either.
//!
//! An in-memory database (tests) has no second connection: its writes are run on the
//! app's own store as soon as the key is handled, in the same order.

use std::any::Any;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::store::{Result, Store, StoreError};

/// How patient a write is with another writer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Patience {
    /// Tried again until it lands (another program may hold the database for minutes).
    UntilDone,
    /// Tried once, waiting only a moment: a draft, which has a file to go to instead and
    /// is tried again later.
    Once,
}

/// A write: run (again, while the database is busy) on the writer's store.
type Work = Box<dyn FnMut(&mut Store) -> Result<Box<dyn Any + Send>> + Send>;

struct Job {
    id: u64,
    patience: Patience,
    work: Work,
}

struct Finished {
    id: u64,
    result: Result<Box<dyn Any + Send>>,
}

/// What the writer is doing, for the status line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// Since when a write waits for another program to let go of the database.
    pub waiting_since: Option<Instant>,
    /// A draft kept in this file while the write waited.
    pub draft_kept: Option<PathBuf>,
}

/// What the writer keeps a draft with while it waits: the app's newest draft not yet in
/// the database, and how to keep it in a file.
pub type KeepDraft = Box<dyn FnMut() -> Option<PathBuf> + Send>;

enum Runner {
    Thread {
        jobs: Sender<Job>,
        done: Receiver<Finished>,
        status: Arc<Mutex<Status>>,
    },
    /// Run on the app's store by `take_inline`.
    Inline(VecDeque<Job>),
}

/// The app's writes in flight. `C` is what a write's answer is handed to (the app).
pub struct Writer<C> {
    runner: Runner,
    next_id: u64,
    answers: Vec<(u64, Answer<C>)>,
}

type Answer<C> = Box<dyn FnOnce(&mut C, Result<Box<dyn Any + Send>>)>;

/// A write's answer, with what it is for.
pub struct Done<C> {
    answer: Answer<C>,
    result: Result<Box<dyn Any + Send>>,
}

impl<C> Done<C> {
    /// Hands the answer to `context`.
    pub fn apply(self, context: &mut C) {
        (self.answer)(context, self.result);
    }
}

/// How long one try waits for another writer before it is tried again.
const TRY_WAIT: Duration = Duration::from_millis(100);
/// How long a write waits before the draft goes to a file and the app says it waits.
const SAY_AFTER: Duration = Duration::from_millis(250);

impl<C: 'static> Writer<C> {
    /// The writer of the database at `path`: a thread, or for an in-memory database the
    /// app's own store (and for one opened read-only too: no connection that could write
    /// is ever opened on it). `keep_draft` keeps the app's unsaved draft while a write
    /// waits.
    pub fn new(path: &Path, read_only: bool, keep_draft: KeepDraft) -> Writer<C> {
        let runner = if path == Path::new(":memory:") || read_only {
            Runner::Inline(VecDeque::new())
        } else {
            let (jobs, queue) = channel();
            let (finished, done) = channel();
            let status = Arc::new(Mutex::new(Status::default()));
            let shared = Arc::clone(&status);
            let path = path.to_path_buf();
            let spawned = std::thread::Builder::new()
                .name("writer".into())
                .spawn(move || run(&path, &queue, &finished, &shared, keep_draft));
            match spawned {
                Ok(_) => Runner::Thread { jobs, done, status },
                Err(_) => Runner::Inline(VecDeque::new()),
            }
        };
        Writer {
            runner,
            next_id: 0,
            answers: Vec::new(),
        }
    }

    /// Asks for a write; `answer` gets what it returned once it landed (or failed for a
    /// reason other than another writer).
    pub fn submit<T: Send + 'static>(
        &mut self,
        patience: Patience,
        mut work: impl FnMut(&mut Store) -> Result<T> + Send + 'static,
        answer: impl FnOnce(&mut C, Result<T>) + 'static,
    ) {
        self.next_id += 1;
        let id = self.next_id;
        let job = Job {
            id,
            patience,
            work: Box::new(move |store| work(store).map(|t| Box::new(t) as Box<dyn Any + Send>)),
        };
        let answer: Answer<C> = Box::new(move |context, result| {
            let typed = result.map(|boxed| {
                *boxed
                    .downcast::<T>()
                    .expect("a write's answer has the type it was asked with")
            });
            answer(context, typed);
        });
        self.answers.push((id, answer));
        match &mut self.runner {
            Runner::Thread { jobs, .. } => {
                if let Err(unsent) = jobs.send(job) {
                    // The thread is gone (it panicked): do the rest here.
                    let mut queue = VecDeque::new();
                    queue.push_back(unsent.0);
                    self.runner = Runner::Inline(queue);
                }
            }
            Runner::Inline(queue) => queue.push_back(job),
        }
    }

    /// Writes asked for and not yet answered.
    pub fn in_flight(&self) -> usize {
        self.answers.len()
    }

    /// What the thread is doing (nothing to say for the in-memory runner).
    pub fn status(&self) -> Status {
        match &self.runner {
            Runner::Thread { status, .. } => status
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone(),
            Runner::Inline(_) => Status::default(),
        }
    }

    /// Writes that finished, in order, with their answers.
    pub fn finished(&mut self, store: &mut Store) -> Vec<Done<C>> {
        let results: Vec<Finished> = match &mut self.runner {
            Runner::Thread { done, .. } => done.try_iter().collect(),
            Runner::Inline(queue) => queue
                .drain(..)
                .map(|mut job| Finished {
                    id: job.id,
                    result: (job.work)(store),
                })
                .collect(),
        };
        results
            .into_iter()
            .filter_map(|finished| {
                let at = self.answers.iter().position(|(id, _)| *id == finished.id)?;
                let (_, answer) = self.answers.remove(at);
                Some(Done {
                    answer,
                    result: finished.result,
                })
            })
            .collect()
    }
}

/// The thread: each write in turn, on one connection, tried again while another program
/// holds the database.
fn run(
    path: &Path,
    jobs: &Receiver<Job>,
    done: &Sender<Finished>,
    status: &Mutex<Status>,
    mut keep_draft: KeepDraft,
) {
    let mut store: Option<Store> = None;
    while let Ok(mut job) = jobs.recv() {
        let began = Instant::now();
        let result = loop {
            let opened = match store.take() {
                Some(store) => Ok(store),
                None => Store::open(path).map(|(store, _)| store),
            };
            let attempt = opened.and_then(|mut opened| {
                opened.wait_at_most(TRY_WAIT)?;
                let result = (job.work)(&mut opened);
                store = Some(opened);
                crate::store::hand_over_problems();
                result
            });
            let busy = attempt.as_ref().is_err_and(StoreError::is_busy);
            if !busy || job.patience == Patience::Once {
                break attempt;
            }
            if began.elapsed() >= SAY_AFTER {
                let kept = keep_draft();
                let mut status = status.lock().unwrap_or_else(PoisonError::into_inner);
                status.waiting_since.get_or_insert(began);
                if kept.is_some() {
                    status.draft_kept = kept;
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        *status.lock().unwrap_or_else(PoisonError::into_inner) = Status::default();
        if done.send(Finished { id: job.id, result }).is_err() {
            return;
        }
    }
}
