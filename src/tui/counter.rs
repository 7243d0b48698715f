//! Search counts on a thread of their own, with a connection of their own: counting a
//! word found in half a million reviews takes a second or two, and keys go on meanwhile.
//!
//! One thread does every count, one at a time, and skips counts no longer wanted: with a
//! thread per count, a count that was cancelled but not yet stopped competed with the next
//! one and with the app for two cores, and keys waited a scheduler tick now and then.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::store::{BucketCountsOut, Store};

/// A search's counts, or why they could not be had, for the search they belong to.
pub struct Counted {
    pub film_id: i64,
    pub expression: String,
    pub counts: Result<BucketCountsOut, String>,
}

struct Job {
    film_id: i64,
    expression: String,
    cancel: Arc<AtomicBool>,
}

/// A count asked for; dropping it cancels the count.
pub struct Counting {
    cancel: Arc<AtomicBool>,
    pub film_id: i64,
    pub expression: String,
}

impl Drop for Counting {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// The counting thread, started with the first count.
pub struct Counter {
    path: PathBuf,
    jobs: Option<Sender<Job>>,
    results: Option<Receiver<Counted>>,
}

impl Counter {
    /// Counts for the database at `path`.
    pub fn new(path: PathBuf) -> Counter {
        Counter {
            path,
            jobs: None,
            results: None,
        }
    }

    /// Starts counting the search `expression` in the film; the counts come from `take`.
    pub fn start(&mut self, film_id: i64, expression: String) -> std::io::Result<Counting> {
        let cancel = Arc::new(AtomicBool::new(false));
        let job = Job {
            film_id,
            expression: expression.clone(),
            cancel: Arc::clone(&cancel),
        };
        // No thread yet, or it ended (it only does if it panicked): start one.
        let unsent = match &self.jobs {
            Some(jobs) => jobs.send(job).err().map(|unsent| unsent.0),
            None => Some(job),
        };
        if let Some(job) = unsent {
            let (jobs, job_queue) = channel();
            let (done, results) = channel();
            let path = self.path.clone();
            std::thread::Builder::new()
                .name("search count".into())
                .spawn(move || work(&path, &job_queue, &done))?;
            // A fresh thread holds its queue until it ends, so this send can't fail.
            let _ = jobs.send(job);
            self.jobs = Some(jobs);
            self.results = Some(results);
        }
        Ok(Counting {
            cancel,
            film_id,
            expression,
        })
    }

    /// A finished count, if one is in.
    pub fn take(&self) -> Option<Counted> {
        self.results.as_ref()?.try_recv().ok()
    }
}

/// The counting thread: the latest wanted job at a time, on one connection kept open.
fn work(path: &std::path::Path, jobs: &Receiver<Job>, done: &Sender<Counted>) {
    // The app's own thread runs first when both want the same core. (SCHED_IDLE was
    // worse: keys then waited whenever the count was put aside holding a lock in the
    // kernel.)
    crate::threads::lower_priority(19);
    let mut store: Option<Store> = None;
    while let Ok(mut job) = jobs.recv() {
        while let Ok(later) = jobs.try_recv() {
            job = later;
        }
        if job.cancel.load(Ordering::Relaxed) {
            continue;
        }
        let counted = match &store {
            Some(store) => store.search_counts(job.film_id, &job.expression, &job.cancel),
            None => Store::open_read_only(path).and_then(|opened| {
                let counted = opened.search_counts(job.film_id, &job.expression, &job.cancel);
                store = Some(opened);
                counted
            }),
        };
        let counts = match counted {
            Ok(None) => continue,
            Ok(Some(counts)) => Ok(counts),
            Err(error) => {
                // Open afresh next time: the file may have been replaced.
                store = None;
                Err(error.to_string())
            }
        };
        let answer = Counted {
            film_id: job.film_id,
            expression: job.expression,
            counts,
        };
        if done.send(answer).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;
    use crate::model::{NewEntry, NewFilm, Rating};

    #[test]
    fn the_latest_search_gets_its_counts_from_the_thread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let (mut store, _) = Store::open(&path).unwrap();
        let entries: Vec<NewEntry> = (0..60u8)
            .map(|i| NewEntry {
                author: format!("a{i}"),
                body: if i % 3 == 0 { "vertigo" } else { "heat" }.into(),
                rating: Rating::from_half_stars(1 + i % 10),
                ..NewEntry::default()
            })
            .collect();
        let film = NewFilm {
            slug: "f".into(),
            title: "F".into(),
            ..NewFilm::default()
        };
        store.add_film_with_entries(&film, &entries).unwrap();
        let film = store.find_film("f").unwrap().id;
        let never = AtomicBool::new(false);
        let expected = store.search_counts(film, "\"vertigo\"*", &never).unwrap();
        let expected = expected.expect("not cancelled");

        let mut counter = Counter::new(path);
        drop(counter.start(film, "\"heat\"*".into()).unwrap());
        let wanted = counter.start(film, "\"vertigo\"*".into()).unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(counted) = counter.take() {
                if counted.expression == wanted.expression {
                    assert_eq!(counted.counts.unwrap(), expected);
                    break;
                }
                // The dropped count may have finished before it was dropped; never another.
                assert_eq!(counted.expression, "\"heat\"*");
            }
            assert!(Instant::now() < deadline, "no count arrived");
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}
