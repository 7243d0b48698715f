//! FTS5 indexes built apart, put together as one: each is a list of segments (b-trees of
//! terms) in rows of `_data` and `_idx`, and a query reads all of an index's segments.
//! Indexes of different reviews can therefore share one table: their segments are copied
//! under new numbers and listed in one structure record, and their totals are added up.
//!
//! The formats are FTS5's (`fts5_index.c`): a `_data` row's id is the segment number
//! shifted left 37 bits plus the page's place in it; row 10 is the structure, a 4-byte
//! cookie then SQLite varints (levels, segments, write counter, then per level: segments
//! being merged, segments, and per segment: number, first page, last page); row 1 holds the
//! totals (rows, then tokens per column) as varints. Only indexes with no merge under way
//! can be joined: a level in the middle of one is refused. The builders never merge bit
//! by bit (`automerge` is off; FTS5's crisis merges are whole), so there is none.
//!
//! These formats are FTS5's own, not a public interface, so the join is guarded: it runs
//! only on the SQLite it was checked against (`CHECKED_WITH`; a test fails when the
//! bundled SQLite changes, so someone checks `fts5_index.c` again), and it refuses any
//! structure record it does not read to the last byte. Refused, the import builds the
//! index through FTS5's public interface instead ('rebuild'); debug builds, which the
//! tests run, stop there so a refusal is never missed.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Transaction};

/// FTS5's row ids for the totals and for the structure.
const AVERAGES_ROWID: i64 = 1;
const STRUCTURE_ROWID: i64 = 10;
/// A `_data` row id's segment number starts at this bit.
const SEGMENT_SHIFT: u32 = 37;
/// The most segments FTS5 allows.
const MAX_SEGMENT: i64 = 2000;
/// The most levels FTS5 allows.
const MAX_LEVEL: usize = 64;
/// The SQLite whose FTS5 formats this file was checked against.
pub(super) const CHECKED_WITH: &str = "3.54.1";

/// One segment: its level, number and pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    level: usize,
    id: i64,
    first_page: i64,
    last_page: i64,
}

/// A structure record: its cookie, write counter and segments.
#[derive(Debug, PartialEq, Eq)]
struct Structure {
    cookie: [u8; 4],
    levels: usize,
    writes: i64,
    segments: Vec<Segment>,
}

/// Why indexes can't be joined; the caller then builds the index the slow way.
#[derive(Debug)]
pub(super) struct Unjoinable(pub(super) String);

impl From<rusqlite::Error> for Unjoinable {
    fn from(e: rusqlite::Error) -> Self {
        Unjoinable(e.to_string())
    }
}

/// Copies the segments of the contentless tables `fts` in `parts` into the empty
/// `entry_fts` of `tx`, as one index.
pub(super) fn join(parts: &[Connection], tx: &Transaction) -> Result<(), Unjoinable> {
    if rusqlite::version() != CHECKED_WITH {
        return Err(Unjoinable(format!(
            "SQLite {} is not {CHECKED_WITH}, whose index format this reads",
            rusqlite::version()
        )));
    }
    let mut structures = Vec::new();
    let mut totals: Vec<i64> = Vec::new();
    for part in parts {
        structures.push(match block(part, STRUCTURE_ROWID)? {
            Some(record) => decode_structure(&record)?,
            None => return Err(Unjoinable("an index without a structure".into())),
        });
        if let Some(record) = block(part, AVERAGES_ROWID)? {
            let values = decode_varints(&record)?;
            totals.resize(totals.len().max(values.len()), 0);
            for (total, value) in totals.iter_mut().zip(values) {
                *total += value;
            }
        }
    }
    let mut joined = Structure {
        cookie: structures[0].cookie,
        levels: structures.iter().map(|s| s.levels).max().unwrap_or(0),
        writes: structures.iter().map(|s| s.writes).sum(),
        segments: Vec::new(),
    };
    let mut insert_data = tx.prepare("INSERT INTO entry_fts_data (id, block) VALUES (?1, ?2)")?;
    let mut insert_idx =
        tx.prepare("INSERT INTO entry_fts_idx (segid, term, pgno) VALUES (?1, ?2, ?3)")?;
    for (part, structure) in parts.iter().zip(&structures) {
        for segment in &structure.segments {
            let id = joined.segments.len() as i64 + 1;
            if id > MAX_SEGMENT {
                return Err(Unjoinable("too many segments".into()));
            }
            copy_segment(part, segment.id, id, &mut insert_data, &mut insert_idx)?;
            joined.segments.push(Segment { id, ..*segment });
        }
    }
    insert_data.execute(rusqlite::params![
        STRUCTURE_ROWID,
        encode_structure(&joined)
    ])?;
    let mut averages = Vec::new();
    for total in totals {
        put_varint(&mut averages, total as u64);
    }
    insert_data.execute(rusqlite::params![AVERAGES_ROWID, averages])?;
    Ok(())
}

/// The `_data` block with row id `id` of the contentless table `fts` in `part`.
fn block(part: &Connection, id: i64) -> rusqlite::Result<Option<Vec<u8>>> {
    part.query_row("SELECT block FROM fts_data WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .optional()
}

/// Copies segment `from` of `part` in as segment `to`: its pages and its terms' index.
fn copy_segment(
    part: &Connection,
    from: i64,
    to: i64,
    insert_data: &mut rusqlite::Statement,
    insert_idx: &mut rusqlite::Statement,
) -> rusqlite::Result<()> {
    let shift = (to - from) << SEGMENT_SHIFT;
    let mut pages =
        part.prepare("SELECT id, block FROM fts_data WHERE id >= ?1 AND id < ?2 ORDER BY id")?;
    let mut rows = pages.query([from << SEGMENT_SHIFT, (from + 1) << SEGMENT_SHIFT])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let page: Value = row.get(1)?;
        insert_data.execute(rusqlite::params![id + shift, page])?;
    }
    let mut terms = part.prepare("SELECT term, pgno FROM fts_idx WHERE segid = ?1")?;
    let mut rows = terms.query([from])?;
    while let Some(row) = rows.next()? {
        let term: Value = row.get(0)?;
        let page: i64 = row.get(1)?;
        insert_idx.execute(rusqlite::params![to, term, page])?;
    }
    Ok(())
}

fn decode_structure(record: &[u8]) -> Result<Structure, Unjoinable> {
    let bad = |why: &str| Unjoinable(format!("structure record: {why}"));
    let cookie: [u8; 4] = record
        .get(..4)
        .and_then(|c| c.try_into().ok())
        .ok_or_else(|| bad("too short"))?;
    let mut rest = &record[4..];
    // A first byte with its high bit set is a version marker (version 2, `ff 00 00 01`,
    // keeps more per segment), never a count of levels this format allows.
    if rest.first().is_some_and(|b| b & 0x80 != 0) {
        return Err(bad("a version marker this does not read"));
    }
    let mut next = || -> Result<i64, Unjoinable> {
        let (value, used) = get_varint(rest).ok_or_else(|| bad("truncated"))?;
        rest = &rest[used..];
        Ok(value as i64)
    };
    let levels = usize::try_from(next()?).map_err(|_| bad("levels"))?;
    let count = next()?;
    let writes = next()?;
    if levels > MAX_LEVEL || !(0..=MAX_SEGMENT).contains(&count) {
        return Err(bad("more levels or segments than FTS5 allows"));
    }
    let mut segments = Vec::new();
    for level in 0..levels {
        let merging = next()?;
        let in_level = next()?;
        if merging != 0 {
            return Err(bad("a level is being merged"));
        }
        if in_level > count {
            return Err(bad("segment count"));
        }
        for _ in 0..in_level {
            let segment = Segment {
                level,
                id: next()?,
                first_page: next()?,
                last_page: next()?,
            };
            let known = segments.iter().any(|s: &Segment| s.id == segment.id);
            if !(1..=MAX_SEGMENT).contains(&segment.id) || known {
                return Err(bad("segment number"));
            }
            if segment.first_page < 1 || segment.last_page < segment.first_page {
                return Err(bad("pages"));
            }
            segments.push(segment);
        }
    }
    if segments.len() as i64 != count {
        return Err(bad("segment count"));
    }
    if !rest.is_empty() {
        return Err(bad("more than this format holds"));
    }
    Ok(Structure {
        cookie,
        levels,
        writes,
        segments,
    })
}

fn encode_structure(structure: &Structure) -> Vec<u8> {
    let mut out = structure.cookie.to_vec();
    put_varint(&mut out, structure.levels as u64);
    put_varint(&mut out, structure.segments.len() as u64);
    put_varint(&mut out, structure.writes as u64);
    for level in 0..structure.levels {
        let segments: Vec<&Segment> = structure
            .segments
            .iter()
            .filter(|s| s.level == level)
            .collect();
        put_varint(&mut out, 0);
        put_varint(&mut out, segments.len() as u64);
        for segment in segments {
            put_varint(&mut out, segment.id as u64);
            put_varint(&mut out, segment.first_page as u64);
            put_varint(&mut out, segment.last_page as u64);
        }
    }
    out
}

fn decode_varints(mut record: &[u8]) -> Result<Vec<i64>, Unjoinable> {
    let mut values = Vec::new();
    while !record.is_empty() {
        let (value, used) =
            get_varint(record).ok_or_else(|| Unjoinable("totals record: truncated".into()))?;
        values.push(value as i64);
        record = &record[used..];
    }
    Ok(values)
}

/// Reads a SQLite varint: big-endian groups of seven bits, a high bit on all but the
/// last; a ninth byte gives all eight of its bits.
fn get_varint(bytes: &[u8]) -> Option<(u64, usize)> {
    let mut value = 0u64;
    for (i, &b) in bytes.iter().enumerate().take(9) {
        if i == 8 {
            return Some(((value << 8) | u64::from(b), 9));
        }
        value = (value << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
}

/// Writes `value` as a SQLite varint.
fn put_varint(out: &mut Vec<u8>, value: u64) {
    if value >> 56 != 0 {
        // Nine bytes: eight of seven bits, then the low eight bits whole.
        let high = value >> 8;
        for i in (0..8).rev() {
            out.push(((high >> (7 * i)) & 0x7f) as u8 | 0x80);
        }
        out.push(value as u8);
        return;
    }
    let mut groups = Vec::with_capacity(8);
    let mut rest = value;
    loop {
        groups.push((rest & 0x7f) as u8);
        rest >>= 7;
        if rest == 0 {
            break;
        }
    }
    for (i, group) in groups.iter().enumerate().rev() {
        out.push(if i == 0 { *group } else { group | 0x80 });
    }
}

#[cfg(test)]
mod tests {
    use super::super::Store;
    use super::super::search_build::{Doc, index_part};
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn varints_read_back_as_written(value in any::<u64>()) {
            let mut bytes = Vec::new();
            put_varint(&mut bytes, value);
            prop_assert_eq!(get_varint(&bytes), Some((value, bytes.len())));
        }
    }

    #[test]
    fn varints_are_sqlites() {
        // Values and encodings from SQLite's format documentation.
        let cases: [(u64, &[u8]); 4] = [
            (0, &[0x00]),
            (127, &[0x7f]),
            (128, &[0x81, 0x00]),
            (16384, &[0x81, 0x80, 0x00]),
        ];
        for (value, bytes) in cases {
            let mut out = Vec::new();
            put_varint(&mut out, value);
            assert_eq!(out, bytes, "{value}");
        }
    }

    #[test]
    fn a_structure_reads_back_as_written() {
        let structure = Structure {
            cookie: [0, 0, 0, 3],
            levels: 3,
            writes: 41,
            segments: vec![
                Segment {
                    level: 0,
                    id: 4,
                    first_page: 1,
                    last_page: 2,
                },
                Segment {
                    level: 2,
                    id: 1,
                    first_page: 1,
                    last_page: 900,
                },
                Segment {
                    level: 2,
                    id: 2,
                    first_page: 1,
                    last_page: 70_000,
                },
            ],
        };
        assert_eq!(
            decode_structure(&encode_structure(&structure)).unwrap(),
            structure
        );
    }

    #[test]
    fn the_bundled_sqlite_is_the_one_whose_formats_were_checked() {
        assert_eq!(
            rusqlite::version(),
            CHECKED_WITH,
            "SQLite changed: check FTS5's structure record, page ids and totals in \
             fts5_index.c against this file, run these tests, then update CHECKED_WITH"
        );
    }

    #[test]
    fn a_structure_it_does_not_read_whole_is_refused() {
        let good = |rest: &[u8]| [&[0u8, 0, 0, 3][..], rest].concat();
        // One level, one segment, 5 writes; the level: nothing merging, one segment (1,1,9).
        assert!(decode_structure(&good(&[1, 1, 5, 0, 1, 1, 1, 9])).is_ok());
        let refused = [
            // Version 2's marker, and any first byte with its high bit set.
            good(&[0xff, 0x00, 0x00, 0x01, 1, 1, 5, 0, 1, 1, 1, 9, 0, 0, 0, 0]),
            good(&[0x81, 0x00, 1, 5, 0, 1, 1, 1, 9]),
            // A byte past the last segment.
            good(&[1, 1, 5, 0, 1, 1, 1, 9, 0]),
            // Pages the wrong way round; a segment numbered 0; one counted twice.
            good(&[1, 1, 5, 0, 1, 1, 9, 1]),
            good(&[1, 1, 5, 0, 1, 0, 1, 9]),
            good(&[1, 2, 5, 0, 2, 1, 1, 9, 1, 1, 9]),
            // A level being merged; more levels than FTS5 has.
            good(&[1, 1, 5, 1, 1, 1, 1, 9]),
            good(&[65, 0, 5]),
            // Cut short.
            good(&[1, 1, 5, 0, 1, 1]),
        ];
        for record in refused {
            assert!(decode_structure(&record).is_err(), "{record:?}");
        }
    }

    /// Reviews of a few words each from a vocabulary big enough for many pages.
    fn docs(n: i64) -> Vec<(i64, String, String)> {
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            seed >> 33
        };
        (1..=n)
            .map(|id| {
                let words: Vec<String> = (0..12).map(|_| format!("w{}", next() % 3000)).collect();
                (id, words.join(" "), format!("author{}", id % 17))
            })
            .collect()
    }

    fn count(store: &Store, sql: &str) -> i64 {
        store.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn joined_indexes_of_several_levels_stay_right_through_writes_deletes_and_optimize() {
        let mut store = Store::open_in_memory().unwrap();
        let film = crate::model::NewFilm {
            slug: "f".into(),
            title: "F".into(),
            ..Default::default()
        };
        let entries: Vec<crate::model::NewEntry> = docs(4000)
            .into_iter()
            .map(|(_, body, author)| crate::model::NewEntry {
                author,
                body,
                ..Default::default()
            })
            .collect();
        store.add_film_with_entries(&film, &entries).unwrap();
        let stored: Vec<Doc> = store
            .conn
            .prepare("SELECT id, film_id, body, author FROM entry ORDER BY id")
            .unwrap()
            .query_map([], |r| {
                Ok(Doc {
                    id: r.get(0)?,
                    film_id: r.get(1)?,
                    body: r.get(2)?,
                    author: r.get(3)?,
                })
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        // Two parts, as the import's two workers make them, with a buffer so small that
        // each flushes dozens of segments and FTS5 merges them into higher levels.
        let (even, odd): (Vec<_>, Vec<_>) = stored.into_iter().partition(|d| d.id % 2 == 0);
        let parts = [
            index_part(even.into_iter(), 4096).unwrap(),
            index_part(odd.into_iter(), 4096).unwrap(),
        ];
        let tx = store.conn.transaction().unwrap();
        tx.execute_batch(concat!(
            "DROP TABLE entry_fts;",
            create_entry_fts!(),
            "DELETE FROM entry_fts_data; DELETE FROM entry_fts_idx;"
        ))
        .unwrap();
        join(&parts, &tx).unwrap();
        tx.commit().unwrap();
        let structure = decode_structure(
            &store
                .conn
                .query_row(
                    "SELECT block FROM entry_fts_data WHERE id = ?1",
                    [STRUCTURE_ROWID],
                    |r| r.get::<_, Vec<u8>>(0),
                )
                .unwrap(),
        )
        .unwrap();
        let levels: std::collections::BTreeSet<usize> =
            structure.segments.iter().map(|s| s.level).collect();
        assert!(levels.len() >= 2, "{structure:?}");
        store.check_search_index().unwrap();

        let matches = |store: &Store, word: &str| {
            count(
                store,
                &format!("SELECT count(*) FROM entry_fts WHERE entry_fts MATCH '\"{word}\"'"),
            )
        };
        let naive = |store: &Store, word: &str| {
            count(
                store,
                &format!(
                    "SELECT count(*) FROM entry WHERE ' ' || body || ' ' LIKE '% {word} %' \
                     OR author = '{word}'"
                ),
            )
        };
        for word in ["w7", "w2999", "w1500", "author3"] {
            assert_eq!(matches(&store, word), naive(&store, word), "{word}");
        }
        // Writes and deletes after the join, as any program makes them, then FTS5's own
        // merge of every segment into one.
        store
            .conn
            .execute_batch(
                "INSERT INTO entry (film_id, author, body) SELECT film_id, 'late', body || ' w7'
                     FROM entry WHERE id % 50 = 0;
                 DELETE FROM entry WHERE id % 7 = 0;
                 UPDATE entry SET body = 'w2999 again' WHERE id % 11 = 0;",
            )
            .unwrap();
        store.check_search_index().unwrap();
        for word in ["w7", "w2999", "w1500", "late"] {
            assert_eq!(matches(&store, word), naive(&store, word), "{word}");
        }
        store
            .conn
            .execute("INSERT INTO entry_fts (entry_fts) VALUES ('optimize')", [])
            .unwrap();
        store.check_search_index().unwrap();
        for word in ["w7", "w2999", "w1500", "late", "author3"] {
            assert_eq!(matches(&store, word), naive(&store, word), "{word}");
        }
    }
}
