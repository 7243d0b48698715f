//! Reading rows that other tools may have written: a value of the wrong type or out of
//! range (a blob in `watched`, `likes = -7`, tags that are not JSON) is read as empty and
//! noted, naming the row and the column, instead of stopping every command.

use std::cell::RefCell;
use std::collections::BTreeSet;

use rusqlite::Row;
use rusqlite::types::ValueRef;

use crate::model::{Rating, Stored, StoredValues};

/// At most this many problems are kept (the rest are counted).
const KEPT: usize = 20;

thread_local! {
    static PROBLEMS: RefCell<(BTreeSet<String>, usize)> = const { RefCell::new((BTreeSet::new(), 0)) };
}

pub(super) fn note(problem: String) {
    PROBLEMS.with(|p| {
        let mut p = p.borrow_mut();
        if p.0.contains(&problem) {
            return;
        }
        if p.0.len() < KEPT {
            p.0.insert(problem);
        } else {
            p.1 += 1;
        }
    });
}

/// Problems another thread (a worker, the writer) handed over for the app to say.
static HANDED_OVER: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// The problems noted on this thread since last asked, each once, and clears them; with
/// those other threads handed over.
pub fn take_problems() -> Vec<String> {
    let mut list: Vec<String> = PROBLEMS.with(|p| {
        let (found, more) = std::mem::take(&mut *p.borrow_mut());
        let mut list: Vec<String> = found.into_iter().collect();
        if more > 0 {
            list.push(format!("and {more} more values that could not be read"));
        }
        list
    });
    let mut handed = HANDED_OVER
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for problem in handed.drain(..) {
        if !list.contains(&problem) {
            list.push(problem);
        }
    }
    list
}

/// Hands this thread's problems to whichever thread says them (a worker's job read a
/// value another program stored: the app's thread shows it).
pub fn hand_over_problems() {
    let mine = PROBLEMS.with(|p| std::mem::take(&mut *p.borrow_mut()));
    if mine.0.is_empty() && mine.1 == 0 {
        return;
    }
    let mut handed = HANDED_OVER
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    handed.extend(mine.0);
    if mine.1 > 0 {
        handed.push(format!("and {} more values that could not be read", mine.1));
    }
}

/// One row's columns, read leniently; problems name `table`, the row's id and the column.
/// A value not taken as it is stored is kept, as stored, in `stored`.
pub(super) struct Cells<'a, 'r> {
    row: &'a Row<'r>,
    table: &'static str,
    id: i64,
    stored: RefCell<StoredValues>,
}

/// A value as SQLite holds it.
fn stored(value: ValueRef<'_>) -> Option<Stored> {
    Some(match value {
        ValueRef::Null => return None,
        ValueRef::Integer(n) => Stored::Integer(n),
        ValueRef::Real(x) => Stored::Real(x),
        ValueRef::Text(bytes) => match std::str::from_utf8(bytes) {
            Ok(text) => Stored::Text(text.to_string()),
            Err(_) => Stored::TextBytes(bytes.to_vec()),
        },
        ValueRef::Blob(bytes) => Stored::Blob(bytes.to_vec()),
    })
}

impl<'a, 'r> Cells<'a, 'r> {
    pub fn new(row: &'a Row<'r>, table: &'static str, id: i64) -> Self {
        Cells {
            row,
            table,
            id,
            stored: RefCell::new(Vec::new()),
        }
    }

    /// The values kept as stored, column by column.
    pub fn into_stored(self) -> StoredValues {
        self.stored.into_inner()
    }

    fn problem(&self, column: &str, what: &str) {
        self.problem_shown(column, what, "shown as empty");
    }

    fn problem_shown(&self, column: &str, what: &str, shown: &str) {
        note(format!(
            "{} {} column {column}: {what}; {shown}",
            self.table, self.id
        ));
    }

    /// Keeps the column's value as stored (it is read as something else).
    fn keep(&self, index: usize, column: &str) {
        if let Some(value) = self.value(index).and_then(stored) {
            self.stored.borrow_mut().push((column.to_string(), value));
        }
    }

    fn value(&self, index: usize) -> Option<ValueRef<'_>> {
        self.row.get_ref(index).ok()
    }

    /// Text, or `None` for NULL; a number is written out. Bytes (a blob, or text that is
    /// not UTF-8) are read as far as they are UTF-8, and kept as stored.
    pub fn text(&self, index: usize, column: &str) -> Option<String> {
        match self.value(index)? {
            ValueRef::Null => None,
            ValueRef::Text(bytes) => match std::str::from_utf8(bytes) {
                // Control characters marquee never stores (another program's): the text
                // is shown without them (drawing makes them safe), and kept as stored.
                Ok(text) if crate::text::has_control(text) => {
                    self.keep(index, column);
                    Some(text.to_string())
                }
                Ok(text) => Some(text.to_string()),
                Err(_) => {
                    self.problem_shown(column, "not UTF-8 text", "shown with � for what is not");
                    self.keep(index, column);
                    Some(String::from_utf8_lossy(bytes).into_owned())
                }
            },
            ValueRef::Integer(n) => Some(n.to_string()),
            ValueRef::Real(x) => Some(x.to_string()),
            ValueRef::Blob(bytes) => {
                self.keep(index, column);
                match std::str::from_utf8(bytes) {
                    Ok(text) => {
                        self.problem_shown(
                            column,
                            "a blob where text belongs",
                            "shown as its text",
                        );
                        Some(text.to_string())
                    }
                    Err(_) => {
                        self.problem_shown(
                            column,
                            "a blob where text belongs, not UTF-8",
                            "shown with � for what is not",
                        );
                        Some(String::from_utf8_lossy(bytes).into_owned())
                    }
                }
            }
        }
    }

    /// A whole number of type `T`, or `None` for NULL; anything else is a problem.
    pub fn int<T: TryFrom<i64>>(&self, index: usize, column: &str) -> Option<T> {
        let n = match self.value(index)? {
            ValueRef::Null => return None,
            ValueRef::Integer(n) => n,
            ValueRef::Text(t) => match std::str::from_utf8(t)
                .ok()
                .and_then(|t| t.trim().parse().ok())
            {
                Some(n) => n,
                None => {
                    self.problem(column, "text where a number belongs");
                    self.keep(index, column);
                    return None;
                }
            },
            ValueRef::Real(x) if x.fract() == 0.0 => x as i64,
            _ => {
                self.problem(column, "not a whole number");
                self.keep(index, column);
                return None;
            }
        };
        match T::try_from(n) {
            Ok(v) => Some(v),
            Err(_) => {
                self.problem(column, &format!("{n} is out of range"));
                self.keep(index, column);
                None
            }
        }
    }

    /// A rating in half stars, 1 to 10; another value is a problem, kept as stored.
    pub fn rating(&self, index: usize, column: &str) -> Option<Rating> {
        let half_stars = self.int::<i64>(index, column)?;
        let rating = u8::try_from(half_stars)
            .ok()
            .and_then(Rating::from_half_stars);
        if rating.is_none() {
            self.problem(
                column,
                &format!("{half_stars} is no number of half stars (1 to 10)"),
            );
            self.keep(index, column);
        }
        rating
    }

    pub fn flag(&self, index: usize, column: &str) -> bool {
        self.int::<i64>(index, column).is_some_and(|n| n != 0)
    }

    /// A JSON list of strings (`tags`, `directors`).
    pub fn list(&self, index: usize, column: &str) -> Vec<String> {
        let Some(text) = self.text(index, column) else {
            return Vec::new();
        };
        match serde_json::from_str(&text) {
            Ok(list) => list,
            Err(_) => {
                self.problem(column, "not a JSON list of strings");
                if !self.stored.borrow().iter().any(|(c, _)| c == column) {
                    self.keep(index, column);
                }
                Vec::new()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_another_thread_noted_reach_the_thread_that_says_them() {
        std::thread::spawn(|| {
            note("entry 7: likes -7 is no count".into());
            note("entry 8: tags are not a list".into());
            hand_over_problems();
        })
        .join()
        .unwrap();
        note("entry 9: watched is a blob".into());
        let said = take_problems();
        for problem in [
            "entry 9: watched is a blob",
            "entry 7: likes -7 is no count",
            "entry 8: tags are not a list",
        ] {
            assert!(said.iter().any(|p| p == problem), "{said:?}");
        }
        assert!(take_problems().is_empty(), "each said once");
    }
}
