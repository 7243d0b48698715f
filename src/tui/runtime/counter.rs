//! Search counts on the worker thread: counting a word found in half a million reviews
//! takes a second or two, and keys go on meanwhile.

use std::sync::atomic::AtomicBool;

use crate::store::{BucketCountsOut, Result, Store};
use crate::tui::runtime::worker::{Job, Ticket, Worker};

/// A search's counts, or why they could not be had, for the search they belong to.
pub struct Counted {
    pub film_id: i64,
    pub expression: String,
    pub counts: std::result::Result<BucketCountsOut, String>,
}

/// Counting one search's matches in a film.
pub struct Count {
    film_id: i64,
    expression: String,
}

impl Job for Count {
    type Answer = Counted;

    fn run(
        &self,
        store: &Store,
        cancel: &AtomicBool,
        answer: &mut dyn FnMut(Counted),
    ) -> Result<()> {
        if let Some(counts) = store.search_counts(self.film_id, &self.expression, cancel)? {
            answer(Counted {
                film_id: self.film_id,
                expression: self.expression.clone(),
                counts: Ok(counts),
            });
        }
        Ok(())
    }

    fn failed(&self, error: String) -> Counted {
        Counted {
            film_id: self.film_id,
            expression: self.expression.clone(),
            counts: Err(error),
        }
    }
}

/// A count asked for; dropping it cancels the count.
pub struct Counting {
    _ticket: Ticket,
    pub film_id: i64,
    pub expression: String,
}

/// The counting thread, started with the first count.
pub struct Counter(Worker<Count>);

impl Counter {
    /// Counts for the database at `path`.
    pub fn new(path: std::path::PathBuf) -> Counter {
        Counter(Worker::new(path, "search count"))
    }

    /// Starts counting the search `expression` in the film; the counts come from `take`.
    pub fn start(&mut self, film_id: i64, expression: String) -> std::io::Result<Counting> {
        let ticket = self.0.start(Count {
            film_id,
            expression: expression.clone(),
        })?;
        Ok(Counting {
            _ticket: ticket,
            film_id,
            expression,
        })
    }

    /// A finished count, if one is in.
    pub fn take(&self) -> Option<Counted> {
        self.0.take()
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
