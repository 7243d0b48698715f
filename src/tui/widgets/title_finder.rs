//! Finding films by letters of their titles as they are typed, among 100,000: the titles
//! are held folded on a thread of their own, read once (and again after another
//! program's write), and each typed letter is one pass over them there, a few
//! milliseconds, while keys go on. A database in memory is searched here instead.

use std::cell::RefCell;
use std::sync::atomic::AtomicBool;

use crate::store::{FilmSummary, LibraryOrder, Result, Store, TitleIndex};
use crate::text::{fold, title_key_part};
use crate::tui::runtime::worker::{Job, Ticket, Worker};
use crate::tui::widgets::paged::Pages;

/// The films whose titles have the letters typed, in the order, by id.
pub fn matching(index: &TitleIndex, typed: &str, order: LibraryOrder) -> Vec<i64> {
    let (folded, key) = (fold(typed.trim()), title_key_part(typed.trim()));
    let found = index
        .iter()
        .filter(|t| t.folded.contains(&folded) || t.key.contains(&key));
    match order {
        LibraryOrder::Title => found.map(|t| t.id).collect(),
        LibraryOrder::Activity => {
            // Only what the order needs: a letter found in every title keeps 100,000.
            let mut by_activity: Vec<(i64, i64)> = found.map(|t| (t.activity, t.id)).collect();
            by_activity.sort_unstable_by_key(|&key| std::cmp::Reverse(key));
            by_activity.into_iter().map(|(_, id)| id).collect()
        }
    }
}

/// Films found for a generation of typed letters, or why they could not be.
pub struct Found {
    pub generation: u64,
    pub ids: std::result::Result<Vec<i64>, String>,
}

struct Find {
    typed: String,
    order: LibraryOrder,
    generation: u64,
}

thread_local! {
    /// The titles, with the `data_version` they were read at, on the finder's thread.
    static TITLES: RefCell<Option<(i64, TitleIndex)>> = const { RefCell::new(None) };
}

impl Job for Find {
    type Answer = Found;

    fn run(
        &self,
        store: &Store,
        _cancel: &AtomicBool,
        answer: &mut dyn FnMut(Found),
    ) -> Result<()> {
        TITLES.with(|titles| {
            let version = store.data_version()?;
            let mut titles = titles.borrow_mut();
            let held = match titles.take() {
                Some((read_at, index)) if read_at == version => (read_at, index),
                _ => (version, store.title_index()?),
            };
            let (_, index) = titles.insert(held);
            if self.typed.is_empty() {
                // Only reading the titles ahead.
                return Ok(());
            }
            answer(Found {
                generation: self.generation,
                ids: Ok(matching(index, &self.typed, self.order)),
            });
            Ok(())
        })
    }

    fn failed(&self, error: String) -> Found {
        Found {
            generation: self.generation,
            ids: Err(error),
        }
    }
}

/// The finder of a library: its thread (none for a database in memory), the letters
/// being looked for and the films found.
pub struct TitleFinder {
    worker: Option<Worker<Find>>,
    finding: Option<Ticket>,
    /// Reading the titles before the first letter is typed (40 ms at 100,000 films).
    _warming: Option<Ticket>,
    generation: u64,
}

impl TitleFinder {
    /// A finder whose thread starts reading the titles at once.
    pub fn new(store: &Store) -> TitleFinder {
        let path = store.path();
        let worker = (path != std::path::Path::new(":memory:"))
            .then(|| Worker::new(path.to_path_buf(), "title finder"));
        let mut finder = TitleFinder {
            worker,
            finding: None,
            _warming: None,
            // Past the reading ahead's 0.
            generation: 1,
        };
        finder.reopen();
        finder
    }

    /// Ready for a library opening: nothing looked for, and the titles read ahead (at
    /// once, when the thread holds them as the database still is).
    pub fn reopen(&mut self) {
        self.forget();
        let warm = Find {
            typed: String::new(),
            order: LibraryOrder::Title,
            generation: 0,
        };
        self._warming = self.worker.as_mut().and_then(|w| w.start(warm).ok());
    }

    /// Looks for the letters; the films come from `take`, or at once (`Some`) for a
    /// database in memory.
    pub fn find(
        &mut self,
        store: &Store,
        typed: &str,
        order: LibraryOrder,
    ) -> Result<Option<Vec<i64>>> {
        self.generation += 1;
        let Some(worker) = &mut self.worker else {
            return Ok(Some(matching(&store.title_index()?, typed, order)));
        };
        let job = Find {
            typed: typed.to_string(),
            order,
            generation: self.generation,
        };
        match worker.start(job) {
            Ok(ticket) => {
                self.finding = Some(ticket);
                Ok(None)
            }
            // No thread to be had: found here, as for a database in memory.
            Err(_) => Ok(Some(matching(&store.title_index()?, typed, order))),
        }
    }

    /// Stops looking (the letters were cleared).
    pub fn forget(&mut self) {
        self.generation += 1;
        self.finding = None;
    }

    pub fn is_finding(&self) -> bool {
        self.finding.is_some()
    }

    /// The films found for the latest letters, once they are.
    pub fn take(&mut self) -> Option<std::result::Result<Vec<i64>, String>> {
        let worker = self.worker.as_ref()?;
        let mut latest = None;
        while let Some(found) = worker.take() {
            if found.generation == self.generation {
                latest = Some(found.ids);
            }
        }
        if latest.is_some() {
            self.finding = None;
        }
        latest
    }
}

/// The films found, read a window at a time by their place in the list of ids.
pub struct FoundPages<'a> {
    pub ids: &'a [i64],
}

impl Pages for FoundPages<'_> {
    type Row = FilmSummary;
    type Cursor = usize;

    fn cursor(&self, row: &FilmSummary) -> usize {
        self.ids
            .iter()
            .position(|&id| id == row.film.id)
            .unwrap_or(0)
    }

    fn id(row: &FilmSummary) -> i64 {
        row.film.id
    }

    fn find(&self, _store: &Store, id: i64) -> Result<Option<usize>> {
        Ok(self.ids.iter().position(|&found| found == id))
    }

    fn page(
        &self,
        store: &Store,
        from: Option<&usize>,
        backward: bool,
        inclusive: bool,
        limit: usize,
    ) -> Result<Vec<FilmSummary>> {
        let len = self.ids.len();
        let range = match (from, backward) {
            (None, false) => 0..limit.min(len),
            (None, true) => len.saturating_sub(limit)..len,
            (Some(&at), false) => {
                let start = if inclusive { at } else { at + 1 }.min(len);
                start..(start + limit).min(len)
            }
            (Some(&at), true) => {
                let end = if inclusive { at + 1 } else { at }.min(len);
                end.saturating_sub(limit)..end
            }
        };
        store.library_films(&self.ids[range])
    }

    fn position(&self, _store: &Store, at: &usize) -> Result<usize> {
        Ok(*at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_find_titles_ignoring_case_and_accents_in_either_order() {
        let mut index = TitleIndex::default();
        for (id, activity, title) in [
            (1, 5, "Amélie"),
            (2, 9, "Film 15"),
            (3, 0, "Film 150"),
            (4, 7, "Film 5"),
        ] {
            index.push(id, activity, &fold(title), &crate::text::title_key(title));
        }
        let kept: Vec<(i64, &str, &str)> = index.iter().map(|t| (t.id, t.folded, t.key)).collect();
        assert_eq!(kept[0], (1, "amelie", "amelie"));
        assert_eq!(kept[3].1, "film 5");
        assert_eq!(matching(&index, "AME", LibraryOrder::Title), [1]);
        // "15" is in Film 15 and Film 150, not in Film 5 (whose key holds "15").
        assert_eq!(matching(&index, "film 15", LibraryOrder::Title), [2, 3]);
        assert_eq!(matching(&index, "film", LibraryOrder::Activity), [2, 4, 3]);
    }
}
