//! Databases written by every earlier schema version upgrade with their data intact.

use marquee::model::Rating;
use marquee::query::{RatingFilter, ReviewQuery};
use marquee::store::{SCHEMA_VERSION, Store, create_at_version};

#[test]
fn every_earlier_version_upgrades_with_its_data() {
    for version in 1..SCHEMA_VERSION as usize {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("v{version}.db"));
        {
            let mut conn = rusqlite::Connection::open(&path).unwrap();
            create_at_version(&mut conn, version).unwrap();
            // Rows as that version wrote them: film and entry have kept these columns.
            conn.execute_batch(
                "INSERT INTO film (id, slug, title, year, directors, synopsis)
                 VALUES (1, 'heat', 'Heat', 1995, '[\"Michael Mann\"]', 'A heist.');
                 INSERT INTO entry (film_id, author, rating, body, created, ts, is_mine)
                 VALUES (1, 'ann', 9, 'Café scene, brilliant', '2024-01-02', 1704153600, 1),
                        (1, 'bob', NULL, 'Too long for Ødegaard', '2024-01-03', 1704240000, 0),
                        (1, 'cy', 4, '', '2024-01-04', 1704326400, 0);",
            )
            .unwrap();
        }
        let (store, _) = Store::open(&path).unwrap();
        let film = store.find_film("heat").unwrap();
        assert_eq!(film.directors, vec!["Michael Mann"], "v{version}");
        let stats = store.film_stats(film.id).unwrap();
        assert_eq!(
            (stats.entries(), stats.ratings(), stats.reviews),
            (3, 2, 2),
            "v{version}"
        );
        let query = ReviewQuery {
            search: Some("cafe".into()),
            ..ReviewQuery::film(film.id)
        };
        assert_eq!(
            store.count(&query.into()).unwrap(),
            1,
            "search works after v{version}"
        );
        // Indexed by an older tokenizer that kept ø: folded as the search folds it now.
        let folded = ReviewQuery {
            search: Some("odegaard".into()),
            ..ReviewQuery::film(film.id)
        };
        assert_eq!(store.count(&folded.into()).unwrap(), 1, "v{version}");
        let five = ReviewQuery {
            filter: RatingFilter::AtLeast(Rating::from_half_stars(8).unwrap()),
            ..ReviewQuery::film(film.id)
        };
        assert_eq!(store.count(&five.into()).unwrap(), 1, "v{version}");
        let summary = &store.films_with_stats().unwrap()[0];
        assert_eq!(summary.activity, 1704326400, "activity after v{version}");
        let version_now: i64 = rusqlite::Connection::open(&path)
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version_now, SCHEMA_VERSION);
        // Every trigger, index and view is as a new database has it.
        assert_eq!(store.check().unwrap(), Vec::<String>::new(), "v{version}");
    }
}
