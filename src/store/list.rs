//! The one query engine behind the TUI list and `marquee reviews`: a page of a film's
//! entries for any rating filter, sort and search.
//!
//! Every filter is a set of rating buckets (½ … ★★★★★, unrated). Each bucket is read with a
//! keyset query on an index that starts `(film_id, rating, …)` and reads only the index;
//! the buckets' rows are merged in the sort's order and the page's full rows fetched by id.
//! So a page costs at most eleven index seeks, at any depth, for every combination, and
//! "4½ stars or more, newest first" never scans a range of ratings.

use std::cmp::Ordering;

use rusqlite::{ToSql, params_from_iter};

use super::entries::{ENTRY_COLUMNS, entry_from_row};
use super::{Result, Store};
use crate::model::Entry;
use crate::query::{Bucket, Cursor, Direction, ReviewQuery, Sort};

/// What a bucket's rows must satisfy relative to the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bound {
    /// The whole bucket.
    All,
    /// Rows past the cursor by `(ts, id)`.
    Time,
    /// Rows past the cursor by `(likes, ts, id)`.
    Likes,
    /// No row of the bucket can follow the cursor.
    Nothing,
}

impl Store {
    /// Up to `limit` entries after `after` (from the top when `None`), in list order.
    pub fn entries_after(
        &self,
        query: &ReviewQuery,
        after: Option<Cursor>,
        limit: usize,
    ) -> Result<Vec<Entry>> {
        self.page(query, after, Direction::Forward, limit)
    }

    /// Up to `limit` entries just before `before` (the list's last when `None`), in list
    /// order.
    pub fn entries_before(
        &self,
        query: &ReviewQuery,
        before: Option<Cursor>,
        limit: usize,
    ) -> Result<Vec<Entry>> {
        self.page(query, before, Direction::Backward, limit)
    }

    /// One page from a cursor, in list order.
    pub fn page(
        &self,
        query: &ReviewQuery,
        from: Option<Cursor>,
        direction: Direction,
        limit: usize,
    ) -> Result<Vec<Entry>> {
        if let Some(page) = self.search_page(query, from, direction, limit)? {
            return Ok(page);
        }
        let keys = self.page_keys(query, from, direction, limit)?;
        self.entries_by_id(&keys)
    }

    /// The sort keys of one page, in list order: what `page` fetches the rows of.
    pub(super) fn page_keys(
        &self,
        query: &ReviewQuery,
        from: Option<Cursor>,
        direction: Direction,
        limit: usize,
    ) -> Result<Vec<Cursor>> {
        let source = self.source(query)?;
        let mut keys: Vec<Cursor> = Vec::new();
        for bucket in query.filter.buckets() {
            let bound = bound(query.sort, direction, bucket, from);
            if bound == Bound::Nothing {
                continue;
            }
            keys.extend(self.bucket_keys(query, source, bucket, bound, direction, from, limit)?);
        }
        let order = |a: &Cursor, b: &Cursor| match direction {
            Direction::Forward => query.sort.compare(a, b),
            Direction::Backward => query.sort.compare(b, a),
        };
        keys.sort_by(order);
        keys.truncate(limit);
        if direction == Direction::Backward {
            keys.reverse();
        }
        Ok(keys)
    }

    /// How many entries of the list come before `at`: its position.
    pub fn position(&self, query: &ReviewQuery, at: Cursor) -> Result<usize> {
        let source = self.source(query)?;
        let mut count = 0;
        for bucket in query.filter.buckets() {
            let bound = bound(query.sort, Direction::Backward, bucket, Some(at));
            if bound == Bound::Nothing {
                continue;
            }
            let (sql, values) = bucket_sql(
                query,
                source,
                bucket,
                bound,
                Direction::Backward,
                Some(at),
                "count(*)",
            );
            let n: i64 = self
                .conn
                .prepare_cached(&sql)?
                .query_row(params_from_iter(values.iter()), |r| r.get(0))?;
            count += usize::try_from(n).unwrap_or(0);
        }
        Ok(count)
    }

    /// The query plans of a page in every bucket, one line per step, for tests that keep
    /// the list queries on their indexes.
    pub fn explain_page(&self, query: &ReviewQuery, from: Option<Cursor>) -> Result<Vec<String>> {
        let source = self.source(query)?;
        let mut plan = Vec::new();
        for bucket in query.filter.buckets() {
            for direction in [Direction::Forward, Direction::Backward] {
                let bound = bound(query.sort, direction, bucket, from);
                if bound == Bound::Nothing {
                    continue;
                }
                let (sql, mut values) = bucket_sql(
                    query,
                    source,
                    bucket,
                    bound,
                    direction,
                    from,
                    key_columns(query.sort),
                );
                values.push(Value::Int(50));
                let mut stmt = self
                    .conn
                    .prepare(&format!("EXPLAIN QUERY PLAN {sql} LIMIT ?"))?;
                let rows =
                    stmt.query_map(params_from_iter(values.iter()), |r| r.get::<_, String>(3))?;
                for row in rows {
                    plan.push(row?);
                }
            }
        }
        Ok(plan)
    }

    /// The sort keys of up to `limit` rows of one bucket, past the cursor.
    #[allow(clippy::too_many_arguments)]
    fn bucket_keys(
        &self,
        query: &ReviewQuery,
        source: &str,
        bucket: Bucket,
        bound: Bound,
        direction: Direction,
        from: Option<Cursor>,
        limit: usize,
    ) -> Result<Vec<Cursor>> {
        let (sql, mut values) = bucket_sql(
            query,
            source,
            bucket,
            bound,
            direction,
            from,
            key_columns(query.sort),
        );
        values.push(Value::Int(limit as i64));
        let mut stmt = self.conn.prepare_cached(&format!("{sql} LIMIT ?"))?;
        let rows = stmt.query_map(params_from_iter(values.iter()), |row| {
            Ok(Cursor {
                bucket: row.get(0)?,
                ts: row.get(1)?,
                likes: row.get(2)?,
                id: row.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(super) fn entries_by_id(&self, keys: &[Cursor]) -> Result<Vec<Entry>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {ENTRY_COLUMNS} FROM entry WHERE id = ?1"))?;
        keys.iter()
            .map(|key| Ok(stmt.query_row([key.id], entry_from_row)?))
            .collect()
    }
}

/// The sort keys a bucket query reads: all in the index it walks, so no row is visited.
/// Only "most liked" looks at likes; the others read a stand-in.
fn key_columns(sort: Sort) -> &'static str {
    match sort {
        Sort::MostLiked => "rating, ts, likes, id",
        _ => "rating, ts, 0, id",
    }
}

/// A bound SQL value: integers, or NULL for the unrated bucket.
#[derive(Clone, Debug)]
enum Value {
    Int(i64),
    Null,
}

impl ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        match self {
            Value::Int(n) => n.to_sql(),
            Value::Null => rusqlite::types::Null.to_sql(),
        }
    }
}

/// Which of a bucket's rows lie past the cursor in `direction`.
fn bound(sort: Sort, direction: Direction, bucket: Bucket, from: Option<Cursor>) -> Bound {
    let Some(cursor) = from else {
        return Bound::All;
    };
    match sort {
        Sort::Newest | Sort::Oldest => Bound::Time,
        Sort::MostLiked => Bound::Likes,
        Sort::Highest | Sort::Lowest => {
            let here = sort.bucket_rank(bucket);
            let there = sort.bucket_rank(cursor.bucket);
            match (here.cmp(&there), direction) {
                (Ordering::Equal, _) => Bound::Time,
                (Ordering::Greater, Direction::Forward) | (Ordering::Less, Direction::Backward) => {
                    Bound::All
                }
                _ => Bound::Nothing,
            }
        }
    }
}

/// The SQL (without LIMIT) selecting `columns` from one bucket past the cursor, in the
/// direction's order, with its values.
fn bucket_sql(
    query: &ReviewQuery,
    source: &str,
    bucket: Bucket,
    bound: Bound,
    direction: Direction,
    from: Option<Cursor>,
    columns: &str,
) -> (String, Vec<Value>) {
    // Newest, Highest, Lowest and MostLiked read each bucket newest first; Oldest the
    // other way. Going backward flips it.
    let descending = (query.sort != Sort::Oldest) == (direction == Direction::Forward);
    let (cmp, order) = if descending {
        ("<", "DESC")
    } else {
        (">", "ASC")
    };
    let mut values = vec![Value::Int(query.film_id)];
    values.push(bucket.map_or(Value::Null, |b| Value::Int(i64::from(b))));
    let mut sql = format!("SELECT {columns} FROM {source} WHERE film_id = ? AND rating IS ?");
    if query.text_only {
        sql.push_str(if source == "entry" {
            " AND body <> ''"
        } else {
            " AND has_text"
        });
    }
    let cursor = from.unwrap_or(Cursor {
        bucket: None,
        ts: 0,
        likes: 0,
        id: 0,
    });
    match bound {
        Bound::Time => {
            sql.push_str(&format!(" AND (ts, id) {cmp} (?, ?)"));
            values.extend([Value::Int(cursor.ts), Value::Int(cursor.id)]);
        }
        Bound::Likes => {
            sql.push_str(&format!(" AND (likes, ts, id) {cmp} (?, ?, ?)"));
            values.extend([
                Value::Int(cursor.likes),
                Value::Int(cursor.ts),
                Value::Int(cursor.id),
            ]);
        }
        Bound::All | Bound::Nothing => {}
    }
    if columns != "count(*)" {
        let likes = if query.sort == Sort::MostLiked {
            format!("likes {order}, ")
        } else {
            String::new()
        };
        sql.push_str(&format!(" ORDER BY {likes}ts {order}, id {order}"));
    }
    (sql, values)
}
