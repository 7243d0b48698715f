//! Reading rows that other tools may have written: a value of the wrong type or out of
//! range (a blob in `watched`, `likes = -7`, tags that are not JSON) is read as empty and
//! noted, naming the row and the column, instead of stopping every command.

use std::cell::RefCell;
use std::collections::BTreeSet;

use rusqlite::Row;
use rusqlite::types::ValueRef;

/// At most this many problems are kept (the rest are counted).
const KEPT: usize = 20;

thread_local! {
    static PROBLEMS: RefCell<(BTreeSet<String>, usize)> = const { RefCell::new((BTreeSet::new(), 0)) };
}

fn note(problem: String) {
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

/// The problems noted on this thread since last asked, each once, and clears them.
pub fn take_problems() -> Vec<String> {
    PROBLEMS.with(|p| {
        let (found, more) = std::mem::take(&mut *p.borrow_mut());
        let mut list: Vec<String> = found.into_iter().collect();
        if more > 0 {
            list.push(format!("and {more} more values that could not be read"));
        }
        list
    })
}

/// One row's columns, read leniently; problems name `table`, the row's id and the column.
pub(super) struct Cells<'a, 'r> {
    pub row: &'a Row<'r>,
    pub table: &'static str,
    pub id: i64,
}

impl Cells<'_, '_> {
    fn problem(&self, column: &str, what: &str) {
        note(format!(
            "{} {} column {column}: {what}; shown as empty",
            self.table, self.id
        ));
    }

    fn value(&self, index: usize) -> Option<ValueRef<'_>> {
        self.row.get_ref(index).ok()
    }

    /// Text, or `None` for NULL; a number is written out, a blob is a problem.
    pub fn text(&self, index: usize, column: &str) -> Option<String> {
        match self.value(index)? {
            ValueRef::Null => None,
            ValueRef::Text(bytes) => match std::str::from_utf8(bytes) {
                Ok(text) => Some(text.to_string()),
                Err(_) => {
                    self.problem(column, "not UTF-8 text");
                    Some(String::from_utf8_lossy(bytes).into_owned())
                }
            },
            ValueRef::Integer(n) => Some(n.to_string()),
            ValueRef::Real(x) => Some(x.to_string()),
            ValueRef::Blob(_) => {
                self.problem(column, "a blob where text belongs");
                None
            }
        }
    }

    /// A whole number of type `T`, or `None` for NULL; anything else is a problem.
    pub fn int<T: TryFrom<i64>>(&self, index: usize, column: &str) -> Option<T> {
        let n = match self.value(index)? {
            ValueRef::Null => return None,
            ValueRef::Integer(n) => n,
            ValueRef::Text(t) => match std::str::from_utf8(t).ok()?.trim().parse() {
                Ok(n) => n,
                Err(_) => {
                    self.problem(column, "text where a number belongs");
                    return None;
                }
            },
            ValueRef::Real(x) if x.fract() == 0.0 => x as i64,
            _ => {
                self.problem(column, "not a whole number");
                return None;
            }
        };
        match T::try_from(n) {
            Ok(v) => Some(v),
            Err(_) => {
                self.problem(column, &format!("{n} is out of range"));
                None
            }
        }
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
                Vec::new()
            }
        }
    }
}
