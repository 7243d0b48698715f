//! The rules that make one account of an export, whatever order its files come in and
//! however often: each row finds what is stored already and adds only what is new.
//!
//! - A diary row is a log, rated or not. A review is the text of the log with the same
//!   address, or (address empty, or of the other vintage) of the same film, watched
//!   date and logged date; a review with no log is an entry of its own. A new log or
//!   review replaces a rating-only entry of its film.
//! - A rating (`ratings.csv`) is the film's rating; it is an entry only for a film that
//!   has no other.
//! - Watched, watchlist and liked are marks on the film; lists are lists.
//! - Films are found by Letterboxd address, else by name and year: an address of one
//!   form joins a film that has none of that form, so two films with one name and year
//!   stay two.

use super::parse::{At, FilmRef, History, ListFile, Log, LogKind, MarkRow, RatingRow};
use super::uri;
use crate::model::{FilmList, ListItem, Mark, NewEntry};
use crate::store::{Merge, OwnEntry, Result};

/// Source keys of entries made from a Letterboxd log, and from a rating alone.
const LOG_KEY: &str = "letterboxd:";
const RATING_KEY: &str = "letterboxd-rating:";
const LIST_KEY: &str = "letterboxd-list:";

/// What became of each row, per file, and what the member should know.
pub struct Outcomes {
    /// Per source: (what happened, how many rows).
    pub files: Vec<Vec<(String, usize)>>,
    pub notes: Vec<String>,
}

impl Outcomes {
    fn count(&mut self, at: At, what: impl Into<String>) {
        let what = what.into();
        let file = &mut self.files[at.file];
        match file.iter_mut().find(|(w, _)| *w == what) {
            Some((_, n)) => *n += 1,
            None => file.push((what, 1)),
        }
    }
}

pub struct Applier<'m, 'a> {
    merge: &'m mut Merge<'a>,
    author: String,
    names: Vec<String>,
    out: Outcomes,
    /// Entries a row of each kind has found or made in this import: another row of the
    /// same kind is another log, even when it looks the same (logged twice one day).
    /// Keyed by the export the row came from too: two exports' rows are one log.
    claimed: std::collections::HashSet<(i64, u8, usize)>,
    /// The export each file came from, by file.
    exports: Vec<usize>,
    /// Names and years that a film found by its address has under another title or
    /// year (Letterboxd renamed it since an earlier export): rows without an address
    /// find it by them.
    renamed: std::collections::HashMap<(String, Option<i32>), i64>,
    /// Logs that added their film by name alone, with that film: once every log is in,
    /// one whose days match a log no row of this import claimed is noted.
    by_name: Vec<(i64, usize)>,
}

impl<'m, 'a> Applier<'m, 'a> {
    pub fn new(
        merge: &'m mut Merge<'a>,
        author: String,
        names: Vec<String>,
        exports: Vec<usize>,
    ) -> Self {
        let files = vec![Vec::new(); names.len()];
        Applier {
            merge,
            author,
            names,
            out: Outcomes {
                files,
                notes: Vec::new(),
            },
            claimed: Default::default(),
            exports,
            renamed: Default::default(),
            by_name: Vec::new(),
        }
    }

    /// Applies a whole history: logs (diary, then reviews, then the import format),
    /// ratings, marks and lists.
    pub fn apply(mut self, history: &History) -> Result<Outcomes> {
        // Films named by address first, so that a log naming a film by name alone sees
        // every film of that name the export has.
        let addressed = (history.ratings.iter().map(|r| (&r.film, r.at)))
            .chain(history.marks.iter().map(|m| (&m.film, m.at)))
            .chain(
                history
                    .lists
                    .iter()
                    .flat_map(|l| l.films.iter().map(|f| (&f.film, f.at))),
            )
            .chain(history.logs.iter().map(|l| (&l.film, l.at)))
            .filter(|(film, _)| film.uri.is_some());
        for (film, at) in addressed {
            self.film(film, at, "film")?;
        }
        for kind in [LogKind::Diary, LogKind::Review, LogKind::Imported] {
            for (i, log) in history
                .logs
                .iter()
                .enumerate()
                .filter(|(_, l)| l.kind == kind)
            {
                if let Some(film) = self.log(log)? {
                    self.by_name.push((film, i));
                }
            }
        }
        for (film, i) in std::mem::take(&mut self.by_name) {
            self.note_unmatched(film, &history.logs[i])?;
        }
        for rating in &history.ratings {
            self.rating(rating)?;
        }
        for mark in &history.marks {
            self.mark(mark)?;
        }
        for list in &history.lists {
            self.list(list)?;
        }
        Ok(self.out)
    }

    /// The film a row names: by address, else by name and year.
    fn film(&mut self, film: &FilmRef, at: At, what: &str) -> Result<i64> {
        if let Some(address) = &film.uri {
            if let Some(id) = self.merge.film_with_uri(&address.0)? {
                self.note_renamed(film, id, at)?;
                return Ok(id);
            }
            let named = self.merge.films_named(&film.name, film.year)?;
            let free = named
                .iter()
                .find(|f| !f.uris.iter().any(|u| uri::form(u) == address.form()));
            let id = match free {
                Some(found) => found.id,
                None => {
                    self.merge
                        .add_film(&film.name, film.year, address.slug(), &film.directors)?
                }
            };
            self.merge.add_film_uri(id, &address.0)?;
            return Ok(id);
        }
        let named = self.merge.films_named(&film.name, film.year)?;
        match named.as_slice() {
            [] => match self.renamed.get(&(film.name.clone(), film.year)) {
                Some(&id) => Ok(id),
                None => self
                    .merge
                    .add_film(&film.name, film.year, None, &film.directors),
            },
            [one] => Ok(one.id),
            [first, ..] => {
                self.out.notes.push(format!(
                    "{} line {}: {} films are called {}; the row has no address to tell them apart, so the {what} went to the first{}",
                    self.names[at.file],
                    at.line,
                    named.len(),
                    crate::text::sanitize_line(&title_year(film)),
                    first.uris.first().map(|u| format!(" ({u})")).unwrap_or_default(),
                ));
                Ok(first.id)
            }
        }
    }

    /// Notes a film found by address under another name or year than the row gives.
    fn note_renamed(&mut self, film: &FilmRef, id: i64, at: At) -> Result<()> {
        let key = (film.name.clone(), film.year);
        if self.renamed.contains_key(&key) {
            return Ok(());
        }
        let Some((title, year)) = self.merge.film_title(id)? else {
            return Ok(());
        };
        if title == film.name && year == film.year {
            return Ok(());
        }
        let stored = title_year(&FilmRef {
            name: title,
            year,
            uri: None,
            directors: Vec::new(),
        });
        self.out.notes.push(format!(
            "{} line {}: {} is {} in an earlier import; matched by its address, kept as it was",
            self.names[at.file],
            at.line,
            crate::text::sanitize_line(&title_year(film)),
            crate::text::sanitize_line(&stored),
        ));
        self.renamed.insert(key, id);
        Ok(())
    }

    /// Says so when a log had to add a film by name while another film has a log of
    /// the same days from the other vintage of export: Letterboxd may have renamed it.
    /// Only a log no row of this import found or made counts: one this import holds is
    /// another viewing of that day, not this one under another name.
    fn note_unmatched(&mut self, film: i64, log: &Log) -> Result<()> {
        let same_days = self.merge.same_day_logs(
            film,
            log.watched.as_deref(),
            log.logged.as_deref(),
            log.rating,
        )?;
        let unclaimed = same_days
            .into_iter()
            .find(|other| !self.claimed.iter().any(|(id, ..)| *id == other.id));
        let Some(crate::store::SameDayLog {
            title, year, key, ..
        }) = unclaimed
        else {
            return Ok(());
        };
        let stored = key.strip_prefix(LOG_KEY).unwrap_or(&key);
        if log
            .key
            .as_deref()
            .is_some_and(|k| uri::form(k) == uri::form(stored))
        {
            return Ok(());
        }
        let other = title_year(&FilmRef {
            name: title,
            year,
            uri: None,
            directors: Vec::new(),
        });
        self.out.notes.push(format!(
            "{} line {}: could not match {new} to a film already there; {} has a log of the same days from another export: if Letterboxd changed the film's title or year, they are one log, and you can delete the new one on {new}'s page (d)",
            self.names[log.at.file],
            log.at.line,
            crate::text::sanitize_line(&other),
            new = crate::text::sanitize_line(&title_year(&log.film)),
        ));
        Ok(())
    }

    /// Applies a log; gives its film when the log added it by name alone.
    fn log(&mut self, log: &Log) -> Result<Option<i64>> {
        let what = match log.kind {
            LogKind::Diary => "log",
            LogKind::Review => "review",
            LogKind::Imported => "entry",
        };
        let by_name_only = log.film.uri.is_none()
            && !self
                .renamed
                .contains_key(&(log.film.name.clone(), log.film.year))
            && self
                .merge
                .films_named(&log.film.name, log.film.year)?
                .is_empty();
        let film = match self.film_of_same_log(log)? {
            Some(id) => id,
            None => self.film(&log.film, log.at, what)?,
        };
        let by_name = by_name_only.then_some(film);
        if let Some(found) = self.stored_log(film, log)? {
            self.claimed.insert(self.claim(found.id, log));
            // A log and its review may each carry tags: the entry has them all.
            let missing: Vec<&String> = log
                .tags
                .iter()
                .filter(|t| !found.tags.contains(t))
                .collect();
            if !missing.is_empty() {
                let all: Vec<String> = found.tags.iter().chain(missing).cloned().collect();
                self.merge.set_tags(found.id, &all)?;
            }
            let outcome = match &log.review {
                Some(review) if found.body.is_empty() => {
                    self.merge
                        .set_text(found.id, &review.body, review.markup.as_deref())?;
                    match log.kind {
                        LogKind::Review => "reviews added to their diary logs",
                        _ => "texts added to entries already there",
                    }
                }
                _ => match log.kind {
                    LogKind::Diary => "logs already there",
                    LogKind::Review => "reviews already there",
                    LogKind::Imported => "entries already there",
                },
            };
            self.out.count(log.at, outcome);
            return Ok(by_name);
        }
        let replaced = self.drop_rating_entries(film)?;
        if let Some(id) = self.merge.add_entry(film, &self.entry(log))? {
            self.claimed.insert(self.claim(id, log));
        }
        let outcome = match (log.kind, replaced) {
            (LogKind::Diary, false) => "logs added",
            (LogKind::Diary, true) => "logs added in place of a rating-only entry",
            (LogKind::Review, false) => "reviews added as entries of their own (no diary log)",
            (LogKind::Review, true) => "reviews added in place of a rating-only entry",
            (LogKind::Imported, false) => "entries added",
            (LogKind::Imported, true) => "entries added in place of a rating-only entry",
        };
        self.out.count(log.at, outcome);
        Ok(by_name)
    }

    /// How `log` claims the entry `id`: by its kind and its export.
    fn claim(&self, id: i64, log: &Log) -> (i64, u8, usize) {
        let export = self.exports.get(log.at.file).copied().unwrap_or(0);
        (id, log.kind as u8, export)
    }

    /// Of several films with the log's name and year, the one already holding this log
    /// (same days, an address of the other vintage or none, not yet matched): two films
    /// of one name each logged on one day are told apart by their logs, one to one.
    fn film_of_same_log(&mut self, log: &Log) -> Result<Option<i64>> {
        if let Some(address) = &log.film.uri
            && self.merge.film_with_uri(&address.0)?.is_some()
        {
            return Ok(None);
        }
        let named = self.merge.films_named(&log.film.name, log.film.year)?;
        if named.len() < 2 {
            return Ok(None);
        }
        for film in named {
            if self.stored_log(film.id, log)?.is_some() {
                if let Some(address) = &log.film.uri {
                    self.merge.add_film_uri(film.id, &address.0)?;
                }
                return Ok(Some(film.id));
            }
        }
        Ok(None)
    }

    fn entry(&self, log: &Log) -> NewEntry {
        NewEntry {
            author: self.author.clone(),
            rating: log.rating,
            body: log
                .review
                .as_ref()
                .map(|r| r.body.clone())
                .unwrap_or_default(),
            markup: log.review.as_ref().and_then(|r| r.markup.clone()),
            watched: log.watched.clone(),
            created: log.logged.clone(),
            rewatch: log.rewatch,
            tags: log.tags.clone(),
            is_mine: true,
            source_key: log.key.as_ref().map(|k| format!("{LOG_KEY}{k}")),
            ..NewEntry::default()
        }
    }

    /// The stored entry a log is: the one with its address, else one of the same film
    /// with the same dates (an address of the other vintage, or none).
    fn stored_log(&self, film: i64, log: &Log) -> Result<Option<OwnEntry>> {
        if let Some(key) = &log.key
            && let Some(found) = self.merge.entry_with_key(&format!("{LOG_KEY}{key}"))?
        {
            return Ok(Some(found));
        }
        let body = log.review.as_ref().map_or("", |r| r.body.as_str());
        // A rating with no date or text (how a rating-only entry is exported) is one.
        let rating_alone =
            log.kind == LogKind::Imported && log.watched.is_none() && body.is_empty();
        let same = |e: &OwnEntry| match log.kind {
            LogKind::Imported => {
                e.watched == log.watched
                    && e.rating == log.rating
                    && (e.body == body || e.body.is_empty())
            }
            _ => e.watched == log.watched && e.created == log.logged,
        };
        Ok(self
            .merge
            .own_entries(film)?
            .into_iter()
            .filter(|e| !is_rating_only(e) || rating_alone)
            .filter(|e| other_vintage(e, log.key.as_deref()))
            .filter(|e| !self.claimed.contains(&self.claim(e.id, log)))
            .find(same))
    }

    /// Removes a film's rating-only entries; says whether there were any.
    fn drop_rating_entries(&mut self, film: i64) -> Result<bool> {
        let mut dropped = false;
        for entry in self.merge.own_entries(film)? {
            if is_rating_only(&entry) {
                self.merge.remove_entry(entry.id)?;
                dropped = true;
            }
        }
        Ok(dropped)
    }

    fn rating(&mut self, row: &RatingRow) -> Result<()> {
        let film = self.film(&row.film, row.at, "rating")?;
        let marks = self.merge.marks(film)?;
        // The newest rating is the film's: importing an older export after a newer
        // one changes nothing.
        let newer = marks.rating.is_none() || marks.rated.as_deref() <= row.date.as_deref();
        if newer && marks.rating != Some(row.rating) {
            self.merge
                .set_rating(film, row.rating, row.date.as_deref())?;
        }
        let own = self.merge.own_entries(film)?;
        let known = marks.rating == Some(row.rating) || !newer;
        let outcome = if own.iter().any(|e| !is_rating_only(e)) {
            if known {
                "ratings already there"
            } else {
                "ratings kept as the film's rating (the film has logs)"
            }
        } else if !own.is_empty() {
            "ratings already there"
        } else {
            let key = match &row.film.uri {
                Some(address) => address.0.clone(),
                None => title_year(&row.film),
            };
            self.merge.add_entry(
                film,
                &NewEntry {
                    author: self.author.clone(),
                    rating: Some(row.rating),
                    created: row.date.clone(),
                    is_mine: true,
                    source_key: Some(format!("{RATING_KEY}{key}")),
                    ..NewEntry::default()
                },
            )?;
            "ratings added as rating-only entries (films with no log)"
        };
        self.out.count(row.at, outcome);
        Ok(())
    }

    fn mark(&mut self, row: &MarkRow) -> Result<()> {
        let film = self.film(&row.film, row.at, "mark")?;
        let marks = self.merge.marks(film)?;
        let (current, added) = match row.mark {
            Mark::Watched => (marks.watched, "films marked watched"),
            Mark::Watchlist => (marks.watchlist, "films put on the watchlist"),
            Mark::Liked => (marks.liked, "films marked liked"),
        };
        let outcome = if current.is_some() {
            "marks already there"
        } else {
            self.merge.set_mark(film, row.mark, row.date.as_deref())?;
            added
        };
        self.out.count(row.at, outcome);
        Ok(())
    }

    fn list(&mut self, list: &ListFile) -> Result<()> {
        let key = match &list.uri {
            Some(address) => format!("{LIST_KEY}{address}"),
            None => format!(
                "{LIST_KEY}{}:{}",
                list.name,
                list.created.as_deref().unwrap_or("")
            ),
        };
        let shown = crate::text::sanitize_line(&list.name);
        if self.merge.list_with_key(&key)?.is_some() {
            for film in &list.films {
                self.out
                    .count(film.at, format!("already in the list {shown:?}"));
            }
            return Ok(());
        }
        let mut items = Vec::new();
        for film in &list.films {
            let film_id = self.film(&film.film, film.at, "list's film")?;
            items.push(ListItem {
                film_id,
                position: film.position,
                note: film.note.clone(),
                ..ListItem::default()
            });
            self.out
                .count(film.at, format!("added to the list {shown:?}"));
        }
        self.merge.add_list(&FilmList {
            name: list.name.clone(),
            description: list.description.body.clone(),
            markup: list.description.markup.clone(),
            tags: list.tags.clone(),
            ranked: list.ranked,
            created: list.created.clone(),
            source_key: Some(key),
            items,
            ..FilmList::default()
        })?;
        Ok(())
    }
}

fn is_rating_only(entry: &OwnEntry) -> bool {
    entry
        .source_key
        .as_deref()
        .is_some_and(|k| k.starts_with(RATING_KEY))
}

/// Whether a stored entry may be the log with address `key` under another address: it
/// has no Letterboxd address, or one of the other vintage.
fn other_vintage(entry: &OwnEntry, key: Option<&str>) -> bool {
    let (Some(key), Some(stored)) = (key, entry.source_key.as_deref()) else {
        return true;
    };
    match stored.strip_prefix(LOG_KEY) {
        Some(stored) => uri::form(stored) != uri::form(key),
        None => true,
    }
}

/// "Heat (1995)".
fn title_year(film: &FilmRef) -> String {
    match film.year {
        Some(year) => format!("{} ({year})", film.name),
        None => film.name.clone(),
    }
}
