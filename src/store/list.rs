//! The one query engine behind the TUI list and `marquee reviews`: a page of a film's
//! entries for any rating filter, sort and search.
//!
//! Every filter is a set of rating buckets (½ … ★★★★★, unrated). Each bucket is read with a
//! keyset query on an index that starts `(film_id, rating, …)` and reads only the index;
//! the buckets' rows are merged in the sort's order and the page's full rows fetched by id.
//! So a page costs at most eleven index seeks, at any depth, for every combination, and
//! "4½ stars or more, newest first" never scans a range of ratings.

use std::cmp::Ordering;

use rusqlite::params_from_iter;

use super::entries::{ENTRY_COLUMNS, entry_from_row};
use super::{Listing, Result, Store};
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
        listing: &Listing,
        after: Option<Cursor>,
        limit: usize,
    ) -> Result<Vec<Entry>> {
        self.page(listing, after, Direction::Forward, limit)
    }

    /// Up to `limit` entries just before `before` (the list's last when `None`), in list
    /// order.
    pub fn entries_before(
        &self,
        listing: &Listing,
        before: Option<Cursor>,
        limit: usize,
    ) -> Result<Vec<Entry>> {
        self.page(listing, before, Direction::Backward, limit)
    }

    /// One page from a cursor, in list order.
    pub fn page(
        &self,
        listing: &Listing,
        from: Option<Cursor>,
        direction: Direction,
        limit: usize,
    ) -> Result<Vec<Entry>> {
        if let Some(page) = self.search_page(listing, from, direction, limit)? {
            return Ok(page);
        }
        let source = self.source(listing)?;
        let keys = self.page_keys(listing.query(), source, from, direction, limit)?;
        self.entries_by_id(&keys)
    }

    /// The sort keys of one page of `source` (the film's entries or a search's gathered
    /// matches), in list order: what `page` fetches the rows of.
    ///
    /// Each bucket's index is read as a stream and the streams merged one key at a time,
    /// so a page reads about `limit` index entries whatever the number of buckets (taking
    /// `limit` from each and sorting would read eleven times as many).
    pub(super) fn page_keys(
        &self,
        query: &ReviewQuery,
        source: &str,
        from: Option<Cursor>,
        direction: Direction,
        limit: usize,
    ) -> Result<Vec<Cursor>> {
        let mut plans = Vec::new();
        for bucket in query.filter.buckets() {
            let bound = bound(query.sort, direction, bucket, from);
            if bound == Bound::Nothing {
                continue;
            }
            let columns = key_columns(query.sort);
            let (sql, mut values) =
                bucket_sql(query, source, bucket, bound, direction, from, columns);
            values.push(limit as i64);
            plans.push((format!("{sql} LIMIT ?"), values));
        }
        let mut statements = plans
            .iter()
            .map(|(sql, _)| self.conn.prepare_cached(sql))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut streams = statements
            .iter_mut()
            .zip(&plans)
            .map(|(statement, (_, values))| statement.query(params_from_iter(values.iter())))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut heads = streams
            .iter_mut()
            .map(next_key)
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let order = |a: &Cursor, b: &Cursor| match direction {
            Direction::Forward => query.sort.compare(a, b),
            Direction::Backward => query.sort.compare(b, a),
        };
        let mut keys = Vec::with_capacity(limit.min(1024));
        while keys.len() < limit {
            let first = heads
                .iter()
                .enumerate()
                .filter_map(|(i, head)| head.map(|key| (i, key)))
                .min_by(|(_, a), (_, b)| order(a, b));
            let Some((stream, key)) = first else {
                break;
            };
            keys.push(key);
            heads[stream] = next_key(&mut streams[stream])?;
        }
        if direction == Direction::Backward {
            keys.reverse();
        }
        Ok(keys)
    }

    /// How many entries of the list come before `at`: its position.
    pub fn position(&self, listing: &Listing, at: Cursor) -> Result<usize> {
        let source = self.source(listing)?;
        let query = listing.query();
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
    pub fn explain_page(&self, listing: &Listing, from: Option<Cursor>) -> Result<Vec<String>> {
        let source = self.source(listing)?;
        let query = listing.query();
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
                values.push(50);
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

    pub(super) fn entries_by_id(&self, keys: &[Cursor]) -> Result<Vec<Entry>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {ENTRY_COLUMNS} FROM entry WHERE id = ?1"))?;
        keys.iter()
            .map(|key| Ok(stmt.query_row([key.id], entry_from_row)?))
            .collect()
    }
}

/// The next key of a bucket's stream.
fn next_key(rows: &mut rusqlite::Rows<'_>) -> rusqlite::Result<Option<Cursor>> {
    let Some(row) = rows.next()? else {
        return Ok(None);
    };
    Ok(Some(Cursor {
        bucket: row.get(0)?,
        ts: row.get(1)?,
        likes: row.get(2)?,
        id: row.get(3)?,
    }))
}

/// The sort keys a bucket query reads: all in the index it walks, so no row is visited.
/// Only "most liked" looks at likes; the others read a stand-in.
fn key_columns(sort: Sort) -> &'static str {
    // The bucket as `bucket_sql` names it: a rating stored outside 1..=10 is in BELOW
    // or ABOVE.
    match sort {
        Sort::MostLiked => {
            "CASE WHEN rating < 1 THEN 0 WHEN rating > 10 THEN 11 ELSE rating END, ts, likes, id"
        }
        _ => "CASE WHEN rating < 1 THEN 0 WHEN rating > 10 THEN 11 ELSE rating END, ts, 0, id",
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
) -> (String, Vec<i64>) {
    // Newest, Highest, Lowest and MostLiked read each bucket newest first; Oldest the
    // other way. Going backward flips it.
    let descending = (query.sort != Sort::Oldest) == (direction == Direction::Forward);
    let (cmp, order) = if descending {
        ("<", "DESC")
    } else {
        (">", "ASC")
    };
    let mut values = vec![query.film_id];
    // The bucket is written into the SQL, not bound: a page runs a statement per bucket
    // at once, and each needs a cached statement of its own.
    let rating = match bucket {
        None => "IS NULL".to_string(),
        b if b == crate::query::BELOW => "< 1".to_string(),
        b if b == crate::query::ABOVE => "> 10".to_string(),
        Some(b) => format!("IS {b}"),
    };
    let mut sql = format!("SELECT {columns} FROM {source} WHERE film_id = ? AND rating {rating}");
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
            values.extend([cursor.ts, cursor.id]);
        }
        Bound::Likes => {
            sql.push_str(&format!(" AND (likes, ts, id) {cmp} (?, ?, ?)"));
            values.extend([cursor.likes, cursor.ts, cursor.id]);
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
