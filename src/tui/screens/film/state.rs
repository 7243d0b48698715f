//! The film page's state: the film, its counts and details, the member's marks on it, and
//! a window of its reviews as the query (filter, sort, search) lists them. Its keys are
//! in `keys`, its drawing in `draw`.

use std::collections::HashSet;
use std::sync::atomic::AtomicBool;

use super::filtering::Focus;
use super::window::ReviewWindow;
use crate::model::{Entry, Film, FilmDetails, FilmStats, Marks};
use crate::query::{ReviewQuery, Sort};
use crate::store::{Result, Store};
use crate::tui::action::Action;
use crate::tui::runtime::counter::{Counter, Counting};

pub struct FilmPage {
    pub film: Film,
    /// The film was deleted by another program (what the app knows of it stays).
    pub gone: bool,
    pub stats: FilmStats,
    /// The member's rating of the film and marks on it.
    pub marks: Marks,
    /// What Letterboxd pages told of the film.
    pub details: FilmDetails,
    pub list: ReviewWindow,
    /// What the list shows: rating filter, sort, search.
    pub query: ReviewQuery,
    /// Entries the query lists; `None` while a search's matches are being counted.
    pub matching: Option<u64>,
    /// The thread that counts searches' matches, once a search needs it.
    counter: Option<Counter>,
    /// The count the current search waits for.
    counting: Option<Counting>,
    /// A query to run once the frame saying it is under way has been drawn.
    pub pending_query: Option<ReviewQuery>,
    /// Keys pressed for the list while its search's matches are counted, applied in
    /// order once the count is in (`G` goes to the last match then).
    pub after_count: Vec<Action>,
    /// Spoiler reviews whose text the user chose to see.
    pub revealed: HashSet<i64>,
    /// Reading ahead failed; it waits for the next key.
    pub read_ahead_failed: bool,
    /// What has the keyboard: the list, a histogram bar, the search line.
    pub focus: Focus,
    /// The first review the list shows, as the last key left it (`settle`).
    pub top: usize,
}

impl FilmPage {
    /// `film`'s page, its reviews in `sort` order, the first selected.
    pub fn open(store: &Store, film: Film, sort: Sort) -> Result<FilmPage> {
        let query = ReviewQuery {
            sort,
            ..ReviewQuery::film(film.id)
        };
        let mut page = FilmPage {
            stats: store.film_stats(film.id)?,
            marks: store.marks(film.id)?,
            details: store.film_details(film.id)?,
            list: ReviewWindow::open(store, query.clone(), usize::MAX)?,
            film,
            gone: false,
            query,
            matching: None,
            counter: None,
            counting: None,
            pending_query: None,
            after_count: Vec::new(),
            revealed: HashSet::new(),
            read_ahead_failed: false,
            focus: Focus::List,
            top: 0,
        };
        let matching = store.count(page.list.listing())?;
        page.list.set_total(to_usize(matching));
        page.matching = Some(matching);
        Ok(page)
    }

    /// Another film's page in the same order, with `at` selected.
    pub fn another(&self, store: &Store, film: Film, at: Option<&Entry>) -> Result<FilmPage> {
        let mut page = FilmPage::open(store, film, self.query.sort)?;
        if at.is_some() {
            page.reload(store, at)?;
        }
        Ok(page)
    }

    /// Whether `entry`'s text may be shown: not a spoiler, or revealed.
    pub fn shows_text(&self, entry: &Entry) -> bool {
        !entry.spoiler || self.revealed.contains(&entry.id)
    }

    /// The entry to select after a write, unless a search is on: finding its place among
    /// the matches would mean gathering every one of them.
    pub fn keepable<'e>(&self, entry: Option<&'e Entry>) -> Option<&'e Entry> {
        entry.filter(|_| self.query.search.is_none())
    }

    /// Re-reads the counts and the list (after a write, or for a new query), selecting
    /// `select` if given. Says why a search's matches could not be counted, if so.
    pub fn reload(&mut self, store: &Store, select: Option<&Entry>) -> Result<Option<String>> {
        self.stats = store.film_stats(self.film.id)?;
        self.marks = store.marks(self.film.id)?;
        self.details = store.film_details(self.film.id)?;
        // The first page before the count: for a search, the page decides how it is
        // answered, and the count then asks nothing more of it.
        let query = self.query.clone();
        self.list = match select {
            Some(entry) => ReviewWindow::open_at(store, query, usize::MAX, entry)?,
            None => ReviewWindow::open(store, query, usize::MAX)?,
        };
        self.matching = store.count_if_known(self.list.listing())?;
        self.counting = None;
        match self.matching {
            Some(n) => {
                self.list.set_total(to_usize(n));
                Ok(None)
            }
            None => Ok(self.count_on_the_side(store)),
        }
    }

    /// Counts the current search's matches on a thread with its own connection, so keys
    /// go on working meanwhile (a common word in a huge film has a million matches).
    fn count_on_the_side(&mut self, store: &Store) -> Option<String> {
        let (film_id, expression) = match store.search_needs_counts(self.list.listing()) {
            Ok(Some(search)) => search,
            Ok(None) => return None,
            Err(error) => return Some(format!("Could not count the matches: {error}")),
        };
        let path = store.path().to_path_buf();
        if path == std::path::Path::new(":memory:") {
            // Nothing else can open an in-memory database: count here.
            let never = AtomicBool::new(false);
            if let Ok(Some(counts)) = store.search_counts(film_id, &expression, &never) {
                store.set_search_counts(self.list.listing(), counts);
                self.matching = store.count_if_known(self.list.listing()).ok().flatten();
            }
            return None;
        }
        let counter = self.counter.get_or_insert_with(|| Counter::new(path));
        match counter.start(film_id, expression) {
            Ok(counting) => {
                self.counting = Some(counting);
                None
            }
            Err(error) => Some(format!("Could not count the matches: {error}")),
        }
    }

    /// Whether a search's matches are being counted.
    pub fn counting(&self) -> bool {
        self.counting.is_some()
    }

    /// Takes a finished search count, if one came: the keys that waited for it, to act
    /// on now in order, or why it failed.
    pub fn take_count(
        &mut self,
        store: &Store,
    ) -> Option<std::result::Result<Vec<Action>, String>> {
        let counted = self.counter.as_ref().and_then(Counter::take)?;
        // A count for a search left since is of no use.
        let wanted = self
            .counting
            .as_ref()
            .is_some_and(|c| c.film_id == counted.film_id && c.expression == counted.expression);
        if !wanted {
            return None;
        }
        self.counting = None;
        match counted.counts {
            Ok(counts) => {
                store.set_search_counts(self.list.listing(), counts);
                self.matching = store.count_if_known(self.list.listing()).ok().flatten();
                let Some(n) = self.matching else {
                    return Some(Ok(Vec::new()));
                };
                self.list.set_total(to_usize(n));
                Some(Ok(std::mem::take(&mut self.after_count)))
            }
            Err(error) => {
                self.after_count.clear();
                Some(Err(format!("Could not count the matches: {error}")))
            }
        }
    }

    /// Reads a page of the list ahead of the selection, between keys; says whether the
    /// screen may show more now, and what went wrong if something did.
    pub fn read_ahead(&mut self, store: &Store) -> (bool, Option<String>) {
        // A search about to run replaces the list: reading this one ahead is wasted.
        if self.read_ahead_failed || self.pending_query.is_some() {
            return (false, None);
        }
        match self.list.read_ahead(store) {
            Ok(read) => (read, None),
            Err(error) => {
                // Not again until the next key: the loop would spin on the same error.
                self.read_ahead_failed = true;
                (true, Some(format!("Could not read the list: {error}")))
            }
        }
    }

    /// Whether the list wants reading ahead now.
    pub fn reads_ahead(&self) -> bool {
        self.list.wants_more() && !self.read_ahead_failed && self.pending_query.is_none()
    }

    /// The film has another id now (another program replaced its row): the list asks
    /// for that one.
    pub fn moved_to(&mut self, film: Film) {
        self.query.film_id = film.id;
        self.film = film;
    }
}

pub fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}
