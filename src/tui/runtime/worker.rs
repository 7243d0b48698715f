//! Work that takes longer than a key may (a search's counts, a year's tally), on a thread
//! of its own with a read-only connection of its own, while keys go on.
//!
//! One thread per kind of work does one job at a time and skips jobs no longer wanted:
//! with a thread per job, a job that was cancelled but not yet stopped competed with the
//! next one and with the app for two cores, and keys waited a scheduler tick now and then.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::store::{Result, Store};

/// A kind of work done on the thread.
pub trait Job: Send + 'static {
    type Answer: Send + 'static;

    /// Does the job on `store`, handing each answer to `answer` as it comes; stops early,
    /// with `Ok`, once `cancel` is set.
    fn run(
        &self,
        store: &Store,
        cancel: &AtomicBool,
        answer: &mut dyn FnMut(Self::Answer),
    ) -> Result<()>;

    /// The answer saying the job failed.
    fn failed(&self, error: String) -> Self::Answer;
}

/// A job asked for; dropping it cancels the job.
pub struct Ticket {
    cancel: Arc<AtomicBool>,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

struct Queued<J> {
    job: J,
    cancel: Arc<AtomicBool>,
}

/// The thread for jobs of kind `J`, started with the first job.
pub struct Worker<J: Job> {
    path: PathBuf,
    name: &'static str,
    jobs: Option<Sender<Queued<J>>>,
    answers: Option<Receiver<J::Answer>>,
}

impl<J: Job> Worker<J> {
    /// A worker on the database at `path`; `name` names its thread.
    pub fn new(path: PathBuf, name: &'static str) -> Worker<J> {
        Worker {
            path,
            name,
            jobs: None,
            answers: None,
        }
    }

    /// Starts `job`; its answers come from `take`.
    pub fn start(&mut self, job: J) -> std::io::Result<Ticket> {
        let cancel = Arc::new(AtomicBool::new(false));
        let queued = Queued {
            job,
            cancel: Arc::clone(&cancel),
        };
        // No thread yet, or it ended (it only does if it panicked): start one.
        let unsent = match &self.jobs {
            Some(jobs) => jobs.send(queued).err().map(|unsent| unsent.0),
            None => Some(queued),
        };
        if let Some(queued) = unsent {
            let (jobs, job_queue) = channel();
            let (done, answers) = channel();
            let path = self.path.clone();
            std::thread::Builder::new()
                .name(self.name.into())
                .spawn(move || work(&path, &job_queue, &done))?;
            // A fresh thread holds its queue until it ends, so this send can't fail.
            let _ = jobs.send(queued);
            self.jobs = Some(jobs);
            self.answers = Some(answers);
        }
        Ok(Ticket { cancel })
    }

    /// An answer, if one is in.
    pub fn take(&self) -> Option<J::Answer> {
        self.answers.as_ref()?.try_recv().ok()
    }
}

/// The thread: the latest wanted job at a time, on one connection kept open.
fn work<J: Job>(path: &std::path::Path, jobs: &Receiver<Queued<J>>, done: &Sender<J::Answer>) {
    // The app's own thread runs first when both want the same core. (SCHED_IDLE was
    // worse: keys then waited whenever the job was put aside holding a lock in the
    // kernel.)
    crate::threads::lower_priority(19);
    let mut store: Option<Store> = None;
    while let Ok(mut queued) = jobs.recv() {
        while let Ok(later) = jobs.try_recv() {
            queued = later;
        }
        if queued.cancel.load(Ordering::Relaxed) {
            continue;
        }
        let opened = match store.take() {
            Some(store) => Ok(store),
            // SQLite's own 2 MiB of cache: a job reads through its rows once, and the
            // app's 8 MiB for each of its threads' connections would add up to more
            // memory than the app's.
            None => Store::open_read_only(path).and_then(|store| {
                store.set_cache_kib(2048)?;
                Ok(store)
            }),
        };
        let mut send = |answer| {
            let _ = done.send(answer);
        };
        let ran = opened.and_then(|opened| {
            let ran = queued.job.run(&opened, &queued.cancel, &mut send);
            store = Some(opened);
            crate::store::hand_over_problems();
            ran
        });
        if let Err(error) = ran {
            // Open afresh next time: the file may have been replaced.
            store = None;
            if done.send(queued.job.failed(error.to_string())).is_err() {
                return;
            }
        }
    }
}
