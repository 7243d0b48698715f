//! Schema versions, tracked in `PRAGMA user_version`. Each migration runs in its own
//! transaction, so a database is always at exactly one version.

use std::io::IsTerminal;
use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use super::{Opened, Result, StoreError};

/// Migration N (counting from 1) brings the schema from version N-1 to N.
const MIGRATIONS: &[&str] = &[
    // 1: films, entries, and per-film rating counts kept exact by triggers.
    "CREATE TABLE film (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        year INTEGER,
        directors TEXT NOT NULL DEFAULT '[]',
        synopsis TEXT NOT NULL DEFAULT '',
        viewed_at INTEGER
    );
    CREATE INDEX film_title ON film(title COLLATE NOCASE);
    CREATE INDEX film_viewed ON film(viewed_at);

    CREATE TABLE entry (
        id INTEGER PRIMARY KEY,
        film_id INTEGER NOT NULL REFERENCES film(id) ON DELETE CASCADE,
        author TEXT NOT NULL,
        rating INTEGER CHECK (rating BETWEEN 1 AND 10),
        body TEXT NOT NULL DEFAULT '',
        watched TEXT,
        created TEXT,
        -- Sort key for newest/oldest: Unix seconds of created (else watched), 0 when unknown.
        ts INTEGER NOT NULL DEFAULT 0,
        liked INTEGER NOT NULL DEFAULT 0,
        rewatch INTEGER NOT NULL DEFAULT 0,
        spoiler INTEGER NOT NULL DEFAULT 0,
        likes INTEGER NOT NULL DEFAULT 0,
        tags TEXT NOT NULL DEFAULT '[]',
        source_key TEXT UNIQUE,
        is_mine INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX entry_by_time ON entry(film_id, ts, id);

    -- One row per film and rating bucket (0 = unrated): entries, and those with text.
    CREATE TABLE film_count (
        film_id INTEGER NOT NULL REFERENCES film(id) ON DELETE CASCADE,
        bucket INTEGER NOT NULL,
        entries INTEGER NOT NULL,
        reviews INTEGER NOT NULL,
        PRIMARY KEY (film_id, bucket)
    ) WITHOUT ROWID;

    CREATE TRIGGER entry_count_insert AFTER INSERT ON entry BEGIN
        INSERT INTO film_count (film_id, bucket, entries, reviews)
        VALUES (new.film_id, coalesce(new.rating, 0), 1, new.body <> '')
        ON CONFLICT (film_id, bucket) DO UPDATE
        SET entries = entries + 1, reviews = reviews + excluded.reviews;
    END;
    CREATE TRIGGER entry_count_delete AFTER DELETE ON entry BEGIN
        UPDATE film_count SET entries = entries - 1, reviews = reviews - (old.body <> '')
        WHERE film_id = old.film_id AND bucket = coalesce(old.rating, 0);
    END;
    CREATE TRIGGER entry_count_update AFTER UPDATE OF film_id, rating, body ON entry BEGIN
        UPDATE film_count SET entries = entries - 1, reviews = reviews - (old.body <> '')
        WHERE film_id = old.film_id AND bucket = coalesce(old.rating, 0);
        INSERT INTO film_count (film_id, bucket, entries, reviews)
        VALUES (new.film_id, coalesce(new.rating, 0), 1, new.body <> '')
        ON CONFLICT (film_id, bucket) DO UPDATE
        SET entries = entries + 1, reviews = reviews + excluded.reviews;
    END;",
    // 2: drafts, one per film, saved while the user types.
    "CREATE TABLE draft (
        film_id INTEGER PRIMARY KEY REFERENCES film(id) ON DELETE CASCADE,
        entry_id INTEGER REFERENCES entry(id) ON DELETE SET NULL,
        rating INTEGER CHECK (rating BETWEEN 1 AND 10),
        body TEXT NOT NULL DEFAULT '',
        watched TEXT NOT NULL DEFAULT '',
        liked INTEGER NOT NULL DEFAULT 0,
        rewatch INTEGER NOT NULL DEFAULT 0,
        spoiler INTEGER NOT NULL DEFAULT 0,
        tags TEXT NOT NULL DEFAULT '',
        updated TEXT NOT NULL
    );",
    // 3: an index per way of reading a rating bucket, and full-text search.
    "DROP INDEX entry_by_time;
    CREATE INDEX entry_bucket_time ON entry(film_id, rating, ts, id);
    CREATE INDEX entry_bucket_likes ON entry(film_id, rating, likes, ts, id);

    CREATE VIRTUAL TABLE entry_fts USING fts5(
        body, author, content = 'entry', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2', detail = 'none'
    );
    INSERT INTO entry_fts (entry_fts) VALUES ('rebuild');
    CREATE TRIGGER entry_fts_insert AFTER INSERT ON entry BEGIN
        INSERT INTO entry_fts (rowid, body, author) VALUES (new.id, new.body, new.author);
    END;
    CREATE TRIGGER entry_fts_delete AFTER DELETE ON entry BEGIN
        INSERT INTO entry_fts (entry_fts, rowid, body, author)
        VALUES ('delete', old.id, old.body, old.author);
    END;
    CREATE TRIGGER entry_fts_update AFTER UPDATE OF body, author ON entry BEGIN
        INSERT INTO entry_fts (entry_fts, rowid, body, author)
        VALUES ('delete', old.id, old.body, old.author);
        INSERT INTO entry_fts (rowid, body, author) VALUES (new.id, new.body, new.author);
    END;",
    // 4: films found by title and year (imports), and each film's latest activity kept
    // as entries arrive, for the library's order.
    "CREATE INDEX film_title_year ON film(title, year);
    ALTER TABLE film ADD COLUMN activity INTEGER NOT NULL DEFAULT 0;
    UPDATE film SET activity = coalesce((SELECT max(ts) FROM entry WHERE film_id = film.id), 0);
    CREATE TRIGGER entry_activity AFTER INSERT ON entry BEGIN
        UPDATE film SET activity = new.ts WHERE id = new.film_id AND activity < new.ts;
    END;",
    // 5: the full-text index without per-review token counts (nothing ranks by them), a
    // tenth smaller and faster to build. The triggers name the table and stay.
    "DROP TABLE entry_fts;
    CREATE VIRTUAL TABLE entry_fts USING fts5(body, author, content = 'entry',
        content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', detail = 'none',
        columnsize = 0);
    INSERT INTO entry_fts (entry_fts) VALUES ('rebuild');",
    // 6: the full-text index with marquee's own tokenizer (see `tokenizer`): words split
    // and folded as the search checks them, and three times quicker to build.
    "DROP TABLE entry_fts;
    CREATE VIRTUAL TABLE entry_fts USING fts5(body, author, content = 'entry',
        content_rowid = 'id', tokenize = 'marquee', detail = 'none', columnsize = 0);
    INSERT INTO entry_fts (entry_fts) VALUES ('rebuild');",
    // 7: the member's whole account. Letterboxd's addresses of films (a film has at most
    // one of each form: `boxd.it/…` and `letterboxd.com/film/SLUG/`); the member's marks on
    // films and rating of them; lists; and review text with its formatting, where it has
    // any (`body` stays plain text, for search and for other tools).
    "CREATE TABLE film_uri (
        uri TEXT PRIMARY KEY,
        film_id INTEGER NOT NULL REFERENCES film(id) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE INDEX film_uri_film ON film_uri(film_id);

    CREATE TABLE mark (
        film_id INTEGER PRIMARY KEY REFERENCES film(id) ON DELETE CASCADE,
        rating INTEGER CHECK (rating BETWEEN 1 AND 10),
        rated TEXT,
        watched TEXT,
        watchlist TEXT,
        liked TEXT
    );

    CREATE TABLE list (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        markup TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        ranked INTEGER NOT NULL DEFAULT 0,
        created TEXT,
        source_key TEXT UNIQUE
    );
    CREATE TABLE list_item (
        list_id INTEGER NOT NULL REFERENCES list(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        film_id INTEGER NOT NULL REFERENCES film(id) ON DELETE CASCADE,
        note TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (list_id, position)
    ) WITHOUT ROWID;
    CREATE INDEX list_item_film ON list_item(film_id);

    -- Facts about the member that imports learn, such as their Letterboxd username.
    CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

    ALTER TABLE entry ADD COLUMN markup TEXT;
    CREATE INDEX entry_own ON entry(film_id, watched) WHERE is_mine;",
    // 8: what a Letterboxd page tells of a film (runtime in minutes, genres, main cast,
    // Letterboxd's average in hundredths of a star and its number of ratings) and of a
    // review (its author's username, comments, and whether the page cut it short).
    "ALTER TABLE film ADD COLUMN runtime INTEGER;
    ALTER TABLE film ADD COLUMN genres TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE film ADD COLUMN actors TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE film ADD COLUMN letterboxd_average INTEGER;
    ALTER TABLE film ADD COLUMN letterboxd_ratings INTEGER;
    ALTER TABLE entry ADD COLUMN handle TEXT;
    ALTER TABLE entry ADD COLUMN comments INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE entry ADD COLUMN cut_short INTEGER NOT NULL DEFAULT 0;",
    // 9: a draft per film and per app (`session`): two apps composing on one film keep
    // two drafts, and neither replaces the other's.
    "CREATE TABLE draft_new (
        film_id INTEGER NOT NULL REFERENCES film(id) ON DELETE CASCADE,
        session TEXT NOT NULL DEFAULT '',
        entry_id INTEGER REFERENCES entry(id) ON DELETE SET NULL,
        rating INTEGER CHECK (rating BETWEEN 1 AND 10),
        body TEXT NOT NULL DEFAULT '',
        watched TEXT NOT NULL DEFAULT '',
        liked INTEGER NOT NULL DEFAULT 0,
        rewatch INTEGER NOT NULL DEFAULT 0,
        spoiler INTEGER NOT NULL DEFAULT 0,
        tags TEXT NOT NULL DEFAULT '',
        updated TEXT NOT NULL,
        PRIMARY KEY (film_id, session)
    );
    INSERT INTO draft_new (film_id, entry_id, rating, body, watched, liked, rewatch, spoiler,
                           tags, updated)
        SELECT film_id, entry_id, rating, body, watched, liked, rewatch, spoiler, tags, updated
        FROM draft;
    DROP TABLE draft;
    ALTER TABLE draft_new RENAME TO draft;",
    // 10: a plain SQLite file for every tool. The full-text index needs marquee's
    // tokenizer, which other programs lack, so the triggers on `entry` no longer touch it:
    // they only note which entries changed, with what the index holds for each, and
    // marquee brings the index up to date before it searches (`stale.rs`). Entries written
    // by other tools get their sort time from their dates (as `model::timestamp` reads
    // them), ratings must be whole half stars (a 4.5 would be in no rating's list), and
    // deleting a film deletes what hangs on it even where foreign keys are off (the
    // sqlite3 shell's default).
    "CREATE TABLE entry_fts_stale (
        id INTEGER PRIMARY KEY,
        -- What the index holds for the entry, when it holds it (`indexed`).
        body TEXT,
        author TEXT,
        indexed INTEGER NOT NULL
    );
    DROP TRIGGER entry_fts_insert;
    DROP TRIGGER entry_fts_delete;
    DROP TRIGGER entry_fts_update;
    CREATE TRIGGER entry_fts_insert AFTER INSERT ON entry BEGIN
        INSERT OR IGNORE INTO entry_fts_stale (id, indexed) VALUES (new.id, 0);
    END;
    CREATE TRIGGER entry_fts_delete AFTER DELETE ON entry BEGIN
        INSERT OR IGNORE INTO entry_fts_stale VALUES (old.id, old.body, old.author, 1);
    END;
    CREATE TRIGGER entry_fts_update AFTER UPDATE OF id, body, author ON entry BEGIN
        INSERT OR IGNORE INTO entry_fts_stale VALUES (old.id, old.body, old.author, 1);
        INSERT OR IGNORE INTO entry_fts_stale (id, indexed) VALUES (new.id, 0);
    END;
    CREATE TRIGGER entry_rating_insert BEFORE INSERT ON entry
    WHEN new.rating IS NOT NULL AND typeof(new.rating) <> 'integer' BEGIN
        SELECT RAISE(ABORT, 'entry.rating is in half stars: a whole number from 1 to 10 (4.5 stars is 9), or NULL');
    END;
    CREATE TRIGGER entry_rating_update BEFORE UPDATE OF rating ON entry
    WHEN new.rating IS NOT NULL AND typeof(new.rating) <> 'integer' BEGIN
        SELECT RAISE(ABORT, 'entry.rating is in half stars: a whole number from 1 to 10 (4.5 stars is 9), or NULL');
    END;
    CREATE TRIGGER entry_ts_insert AFTER INSERT ON entry
    WHEN new.ts = 0 AND coalesce(new.created, new.watched) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
    BEGIN
        UPDATE entry SET ts = coalesce(
            CAST(strftime('%s', coalesce(new.created, new.watched)) AS INTEGER), 0)
        WHERE id = new.id;
        UPDATE film SET activity = max(activity, (SELECT ts FROM entry WHERE id = new.id))
        WHERE id = new.film_id;
    END;
    CREATE TRIGGER entry_ts_update AFTER UPDATE OF created, watched ON entry
    WHEN new.ts = old.ts BEGIN
        UPDATE entry SET ts = CASE
            WHEN coalesce(new.created, new.watched) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
            THEN coalesce(
                CAST(strftime('%s', coalesce(new.created, new.watched)) AS INTEGER), 0)
            ELSE 0 END
        WHERE id = new.id;
    END;
    CREATE TRIGGER film_deleted AFTER DELETE ON film BEGIN
        DELETE FROM entry WHERE film_id = old.id;
        DELETE FROM film_count WHERE film_id = old.id;
        DELETE FROM film_uri WHERE film_id = old.id;
        DELETE FROM mark WHERE film_id = old.id;
        DELETE FROM list_item WHERE film_id = old.id;
        DELETE FROM draft WHERE film_id = old.id;
    END;",
    // 11: the search folds letters of their own too (ø as o, ß as ss, æ as ae): the index
    // is built again with the tokenizer that folds them.
    "INSERT INTO entry_fts (entry_fts) VALUES ('rebuild');
    DELETE FROM entry_fts_stale;",
    // 12: the diary: the member's logs by the day watched, newest first.
    "CREATE INDEX entry_diary ON entry(watched, id) WHERE is_mine AND watched IS NOT NULL;",
    // 13: the diary's index holds what the year in review counts (rating, rewatch, film,
    // whether there is text), so counting 100,000 logs reads no row.
    "DROP INDEX entry_diary;
    CREATE INDEX entry_diary ON entry(watched, id, rating, rewatch, film_id, body <> '')
        WHERE is_mine AND watched IS NOT NULL;",
    // 14: the diary's logs counted per year and rating bucket (0: unrated), kept by
    // triggers as `film_count` keeps a film's, so a diary or a year opens without counting.
    "CREATE TABLE diary_count (
        year INTEGER NOT NULL,
        bucket INTEGER NOT NULL,
        logs INTEGER NOT NULL,
        PRIMARY KEY (year, bucket)
    ) WITHOUT ROWID;
    INSERT INTO diary_count (year, bucket, logs)
        SELECT CAST(substr(watched, 1, 4) AS INTEGER), coalesce(rating, 0), count(*)
        FROM entry WHERE is_mine AND watched IS NOT NULL GROUP BY 1, 2;
    CREATE TRIGGER diary_count_insert AFTER INSERT ON entry
    WHEN new.is_mine AND new.watched IS NOT NULL BEGIN
        INSERT INTO diary_count (year, bucket, logs)
        VALUES (CAST(substr(new.watched, 1, 4) AS INTEGER), coalesce(new.rating, 0), 1)
        ON CONFLICT (year, bucket) DO UPDATE SET logs = logs + 1;
    END;
    CREATE TRIGGER diary_count_delete AFTER DELETE ON entry
    WHEN old.is_mine AND old.watched IS NOT NULL BEGIN
        UPDATE diary_count SET logs = logs - 1
        WHERE year = CAST(substr(old.watched, 1, 4) AS INTEGER)
          AND bucket = coalesce(old.rating, 0);
    END;
    CREATE TRIGGER diary_count_update AFTER UPDATE OF is_mine, watched, rating ON entry BEGIN
        UPDATE diary_count SET logs = logs - 1
        WHERE old.is_mine AND old.watched IS NOT NULL
          AND year = CAST(substr(old.watched, 1, 4) AS INTEGER)
          AND bucket = coalesce(old.rating, 0);
        INSERT INTO diary_count (year, bucket, logs)
        SELECT CAST(substr(new.watched, 1, 4) AS INTEGER), coalesce(new.rating, 0), 1
        WHERE new.is_mine AND new.watched IS NOT NULL
        ON CONFLICT (year, bucket) DO UPDATE SET logs = logs + 1;
    END;",
    // 15: the watchlist in its order, newest added first, from its own index: without it
    // a watchlist of a thousand was found by looking at every film's mark.
    "CREATE INDEX mark_watchlist ON mark(watchlist, film_id) WHERE watchlist IS NOT NULL;",
    // 16: the films seen, kept as `diary_count` is, with what each order needs, so the
    // screen reads a window of 20,000 films in index order instead of grouping 100,000
    // logs. Titles get a key in marquee's order (`text::title_key`): marquee fills it in,
    // since other programs can't compute it, and a title changed by one loses its key.
    "ALTER TABLE film ADD COLUMN title_key TEXT;
    CREATE INDEX film_title_key_missing ON film(id) WHERE title_key IS NULL;
    CREATE TRIGGER film_title_key_stale AFTER UPDATE OF title ON film
    WHEN new.title_key IS old.title_key BEGIN
        UPDATE film SET title_key = NULL WHERE id = new.id;
    END;
    CREATE INDEX entry_mine ON entry(film_id, watched) WHERE is_mine AND watched IS NOT NULL;
    CREATE TABLE seen_film (
        film_id INTEGER PRIMARY KEY,
        logs INTEGER NOT NULL,
        last TEXT NOT NULL,
        rating INTEGER NOT NULL,
        title_key TEXT NOT NULL,
        year INTEGER NOT NULL
    );
    CREATE INDEX seen_by_last ON seen_film(last, film_id);
    CREATE INDEX seen_by_title ON seen_film(title_key, film_id);
    CREATE INDEX seen_by_year ON seen_film(year, title_key, film_id);
    CREATE INDEX seen_by_rating ON seen_film(rating, last, film_id);
    CREATE VIEW seen_recount (film_id) AS SELECT NULL;
    CREATE TRIGGER seen_recount INSTEAD OF INSERT ON seen_recount BEGIN
        DELETE FROM seen_film WHERE film_id = new.film_id;
        INSERT INTO seen_film (film_id, logs, last, rating, title_key, year)
        SELECT f.id, l.n, coalesce(l.last, m.watched), coalesce(m.rating, 0),
               coalesce(f.title_key, ''), coalesce(f.year, 0)
        FROM film f
        JOIN (SELECT count(*) AS n, max(watched) AS last FROM entry
              WHERE film_id = new.film_id AND is_mine AND watched IS NOT NULL) l
        LEFT JOIN mark m ON m.film_id = f.id
        WHERE f.id = new.film_id AND (l.n > 0 OR m.watched IS NOT NULL);
    END;
    CREATE TRIGGER seen_entry_insert AFTER INSERT ON entry
    WHEN new.is_mine AND new.watched IS NOT NULL BEGIN
        INSERT INTO seen_recount VALUES (new.film_id);
    END;
    CREATE TRIGGER seen_entry_delete AFTER DELETE ON entry
    WHEN old.is_mine AND old.watched IS NOT NULL BEGIN
        INSERT INTO seen_recount VALUES (old.film_id);
    END;
    CREATE TRIGGER seen_entry_update AFTER UPDATE OF is_mine, watched, film_id ON entry
    WHEN (old.is_mine AND old.watched IS NOT NULL) OR (new.is_mine AND new.watched IS NOT NULL)
    BEGIN
        INSERT INTO seen_recount VALUES (old.film_id);
        INSERT INTO seen_recount SELECT new.film_id WHERE new.film_id IS NOT old.film_id;
    END;
    CREATE TRIGGER seen_mark_insert AFTER INSERT ON mark BEGIN
        INSERT INTO seen_recount VALUES (new.film_id);
    END;
    CREATE TRIGGER seen_mark_delete AFTER DELETE ON mark BEGIN
        INSERT INTO seen_recount VALUES (old.film_id);
    END;
    CREATE TRIGGER seen_mark_update AFTER UPDATE OF film_id, watched, rating ON mark BEGIN
        INSERT INTO seen_recount VALUES (old.film_id);
        INSERT INTO seen_recount SELECT new.film_id WHERE new.film_id IS NOT old.film_id;
    END;
    CREATE TRIGGER seen_film_update AFTER UPDATE OF title_key, year ON film BEGIN
        UPDATE seen_film SET title_key = coalesce(new.title_key, ''), year = coalesce(new.year, 0)
        WHERE film_id = new.id;
    END;
    INSERT INTO seen_recount
        SELECT DISTINCT film_id FROM entry WHERE is_mine AND watched IS NOT NULL
        UNION SELECT film_id FROM mark WHERE watched IS NOT NULL;",
    // 17: the library read a page at a time, by title (its key, then year) or by latest
    // activity, from an index each: 100,000 films open as quickly as ten.
    "CREATE INDEX film_by_title_key ON film(coalesce(title_key, ''), coalesce(year, 0), id);
    CREATE INDEX film_by_activity ON film(activity, id);",
    // 18: the full-text index knows each review's film: a third column holds a word of
    // its own per film (`tokenizer::film_word`, made of a character no search word has),
    // so a search looks up one film's matches, not those of all ten million reviews. The
    // column is read from a view, and the notes keep the film an entry was indexed under.
    // The index is then built anew on both cores (`INDEX_REBUILT_AT`).
    concat!(
        "DROP TABLE entry_fts;
        CREATE VIEW entry_fts_source AS
            SELECT id, body, author, char(1) || film_id AS film FROM entry;",
        create_entry_fts!(),
        "DROP TABLE entry_fts_stale;
        CREATE TABLE entry_fts_stale (
            id INTEGER PRIMARY KEY,
            -- What the index holds for the entry, when it holds it (`indexed`).
            body TEXT,
            author TEXT,
            film TEXT,
            indexed INTEGER NOT NULL
        );
        DROP TRIGGER entry_fts_delete;
        DROP TRIGGER entry_fts_update;
        CREATE TRIGGER entry_fts_delete AFTER DELETE ON entry BEGIN
            INSERT OR IGNORE INTO entry_fts_stale
            VALUES (old.id, old.body, old.author, char(1) || old.film_id, 1);
        END;
        CREATE TRIGGER entry_fts_update AFTER UPDATE OF id, body, author, film_id ON entry BEGIN
            INSERT OR IGNORE INTO entry_fts_stale
            VALUES (old.id, old.body, old.author, char(1) || old.film_id, 1);
            INSERT OR IGNORE INTO entry_fts_stale (id, indexed) VALUES (new.id, 0);
        END;"
    ),
    // 19: many writers. Drafts belong to a film by its slug, not its id (a film deleted
    // elsewhere and its id given to another must not take its draft), outlive their film,
    // and keep the version of the entry they edit (`base`), so a save notices what changed
    // meanwhile. Entries, marks and list places must name a film that exists; the common
    // upsert `INSERT OR REPLACE INTO film` (which deletes the old row without its triggers)
    // and a film given a new id move what hung on the old row to the new one.
    "DROP TRIGGER film_deleted;
    CREATE TRIGGER film_deleted AFTER DELETE ON film BEGIN
        DELETE FROM entry WHERE film_id = old.id;
        DELETE FROM film_count WHERE film_id = old.id;
        DELETE FROM film_uri WHERE film_id = old.id;
        DELETE FROM mark WHERE film_id = old.id;
        DELETE FROM list_item WHERE film_id = old.id;
    END;

    CREATE TABLE draft_new (
        film_slug TEXT NOT NULL,
        session TEXT NOT NULL DEFAULT '',
        film_id INTEGER,
        entry_id INTEGER,
        base TEXT,
        rating INTEGER CHECK (rating BETWEEN 1 AND 10),
        body TEXT NOT NULL DEFAULT '',
        watched TEXT NOT NULL DEFAULT '',
        liked INTEGER NOT NULL DEFAULT 0,
        rewatch INTEGER NOT NULL DEFAULT 0,
        spoiler INTEGER NOT NULL DEFAULT 0,
        tags TEXT NOT NULL DEFAULT '',
        updated TEXT NOT NULL,
        PRIMARY KEY (film_slug, session)
    );
    INSERT INTO draft_new (film_slug, session, film_id, entry_id, rating, body, watched, liked,
                           rewatch, spoiler, tags, updated)
        SELECT f.slug, d.session, d.film_id, d.entry_id, d.rating, d.body, d.watched, d.liked,
               d.rewatch, d.spoiler, d.tags, d.updated
        FROM draft d JOIN film f ON f.id = d.film_id;
    DROP TABLE draft;
    ALTER TABLE draft_new RENAME TO draft;

    CREATE TABLE film_replaced (slug TEXT PRIMARY KEY, old_id INTEGER NOT NULL) WITHOUT ROWID;
    CREATE VIEW film_moved (old_id, new_id) AS SELECT NULL, NULL;
    CREATE TRIGGER film_replacing BEFORE INSERT ON film BEGIN
        DELETE FROM film_replaced;
        INSERT INTO film_replaced (slug, old_id) SELECT slug, id FROM film WHERE slug = new.slug;
    END;
    CREATE TRIGGER film_upserted AFTER INSERT ON film
    WHEN EXISTS (SELECT 1 FROM film_replaced WHERE slug = new.slug AND old_id <> new.id
                 AND NOT EXISTS (SELECT 1 FROM film WHERE id = old_id))
    BEGIN
        INSERT INTO film_moved (old_id, new_id)
            SELECT old_id, new.id FROM film_replaced WHERE slug = new.slug;
        DELETE FROM film_replaced;
    END;
    CREATE TRIGGER film_renumbered AFTER UPDATE OF id ON film WHEN new.id <> old.id BEGIN
        INSERT INTO film_moved (old_id, new_id) VALUES (old.id, new.id);
    END;
    CREATE TRIGGER film_moved INSTEAD OF INSERT ON film_moved BEGIN
        UPDATE entry SET film_id = new.new_id WHERE film_id = new.old_id;
        UPDATE OR IGNORE mark SET film_id = new.new_id WHERE film_id = new.old_id;
        DELETE FROM mark WHERE film_id = new.old_id;
        UPDATE list_item SET film_id = new.new_id WHERE film_id = new.old_id;
        UPDATE film_uri SET film_id = new.new_id WHERE film_id = new.old_id;
        UPDATE draft SET film_id = new.new_id WHERE film_id = new.old_id;
        DELETE FROM film_count WHERE film_id = new.old_id;
        UPDATE film SET activity =
            coalesce((SELECT max(ts) FROM entry WHERE film_id = new.new_id), 0)
        WHERE id = new.new_id;
    END;

    -- A statement's OR REPLACE holds for the statements of the triggers it fires, so
    -- the notes for the search index never rely on OR IGNORE: a note already there (with
    -- what the index holds) is never replaced.
    DROP TRIGGER entry_fts_insert;
    CREATE TRIGGER entry_fts_insert AFTER INSERT ON entry BEGIN
        INSERT INTO entry_fts_stale (id, indexed) SELECT new.id, 0
        WHERE NOT EXISTS (SELECT 1 FROM entry_fts_stale WHERE id = new.id);
    END;
    DROP TRIGGER entry_fts_delete;
    CREATE TRIGGER entry_fts_delete AFTER DELETE ON entry BEGIN
        INSERT INTO entry_fts_stale
        SELECT old.id, old.body, old.author, char(1) || old.film_id, 1
        WHERE NOT EXISTS (SELECT 1 FROM entry_fts_stale WHERE id = old.id);
    END;
    DROP TRIGGER entry_fts_update;
    CREATE TRIGGER entry_fts_update AFTER UPDATE OF id, body, author, film_id ON entry BEGIN
        INSERT INTO entry_fts_stale
        SELECT old.id, old.body, old.author, char(1) || old.film_id, 1
        WHERE NOT EXISTS (SELECT 1 FROM entry_fts_stale WHERE id = old.id);
        INSERT INTO entry_fts_stale (id, indexed) SELECT new.id, 0
        WHERE NOT EXISTS (SELECT 1 FROM entry_fts_stale WHERE id = new.id);
    END;

    -- `INSERT OR REPLACE INTO entry` deletes the entry it replaces (same id, or same
    -- source key) without its triggers: what the entry counted is taken back here. The
    -- rows it may replace are noted before the insert, and taken back after it only if
    -- they went (an insert OR IGNORE'd leaves them).
    CREATE TABLE entry_replaced (
        id INTEGER PRIMARY KEY, film_id INTEGER, rating INTEGER, body TEXT, is_mine INTEGER,
        watched TEXT
    );
    CREATE TRIGGER entry_replacing BEFORE INSERT ON entry BEGIN
        DELETE FROM entry_replaced;
        INSERT INTO entry_replaced
        SELECT id, film_id, rating, body, is_mine, watched FROM entry
        WHERE id = new.id OR (new.source_key IS NOT NULL AND source_key = new.source_key);
        INSERT INTO entry_fts_stale
        SELECT id, body, author, char(1) || film_id, 1 FROM entry e
        WHERE (id = new.id OR (new.source_key IS NOT NULL AND source_key = new.source_key))
          AND NOT EXISTS (SELECT 1 FROM entry_fts_stale s WHERE s.id = e.id);
    END;
    CREATE TRIGGER entry_upserted AFTER INSERT ON entry
    WHEN EXISTS (SELECT 1 FROM entry_replaced) BEGIN
        DELETE FROM entry_replaced
        WHERE id <> new.id AND EXISTS (SELECT 1 FROM entry WHERE entry.id = entry_replaced.id);
        UPDATE film_count SET
            entries = entries - (SELECT count(*) FROM entry_replaced r
                                 WHERE r.film_id = film_count.film_id
                                   AND coalesce(r.rating, 0) = film_count.bucket),
            reviews = reviews - (SELECT count(*) FROM entry_replaced r
                                 WHERE r.film_id = film_count.film_id
                                   AND coalesce(r.rating, 0) = film_count.bucket
                                   AND r.body <> '')
        WHERE film_id IN (SELECT film_id FROM entry_replaced);
        UPDATE diary_count SET logs = logs - (
            SELECT count(*) FROM entry_replaced r
            WHERE r.is_mine AND r.watched IS NOT NULL
              AND CAST(substr(r.watched, 1, 4) AS INTEGER) = diary_count.year
              AND coalesce(r.rating, 0) = diary_count.bucket)
        WHERE EXISTS (SELECT 1 FROM entry_replaced r WHERE r.is_mine AND r.watched IS NOT NULL);
        INSERT INTO seen_recount
        SELECT DISTINCT film_id FROM entry_replaced WHERE is_mine AND watched IS NOT NULL;
        DELETE FROM entry_replaced;
    END;

    CREATE TRIGGER entry_film_insert BEFORE INSERT ON entry
    WHEN NOT EXISTS (SELECT 1 FROM film WHERE id = new.film_id) BEGIN
        SELECT RAISE(ABORT, 'entry.film_id must be the id of a film (film.id): add the film first');
    END;
    CREATE TRIGGER entry_film_update BEFORE UPDATE OF film_id ON entry
    WHEN NOT EXISTS (SELECT 1 FROM film WHERE id = new.film_id) BEGIN
        SELECT RAISE(ABORT, 'entry.film_id must be the id of a film (film.id): add the film first');
    END;
    CREATE TRIGGER mark_film_insert BEFORE INSERT ON mark
    WHEN NOT EXISTS (SELECT 1 FROM film WHERE id = new.film_id) BEGIN
        SELECT RAISE(ABORT, 'mark.film_id must be the id of a film (film.id): add the film first');
    END;
    CREATE TRIGGER list_item_film_insert BEFORE INSERT ON list_item
    WHEN NOT EXISTS (SELECT 1 FROM film WHERE id = new.film_id) BEGIN
        SELECT RAISE(ABORT, 'list_item.film_id must be the id of a film (film.id): add the film first');
    END;",
    // 20: details from IMDb's datasets. A film's IMDb title (`imdb_id`, tt…) and how it
    // was found (`imdb_how`: from a saved page, set by hand, matched by title and year; or
    // why not: `none`, `ambiguous`), its TMDB id from a page, and what the matched IMDb
    // title says that the film's own columns don't: its original title, IMDb's rating (in
    // tenths) and votes. `from_imdb` says which of directors (1), runtime (2) and genres (4)
    // were filled from IMDb, so a later import updates them and a saved page replaces them.
    "ALTER TABLE film ADD COLUMN imdb_id TEXT;
    ALTER TABLE film ADD COLUMN imdb_how TEXT;
    ALTER TABLE film ADD COLUMN tmdb_id INTEGER;
    ALTER TABLE film ADD COLUMN original_title TEXT;
    ALTER TABLE film ADD COLUMN imdb_rating INTEGER;
    ALTER TABLE film ADD COLUMN imdb_votes INTEGER;
    ALTER TABLE film ADD COLUMN from_imdb INTEGER NOT NULL DEFAULT 0;",
];

/// Versions after whose SQL what another program left without a film is given one
/// (`orphans::rehome`).
const ORPHANS_REHOMED_AT: &[usize] = &[19];

/// Versions at which the film's dependents stop cascading (`loosen_film_references`).
const FILM_REFERENCES_LOOSENED_AT: &[usize] = &[19];

/// The tables that name a film, each `REFERENCES film(id) ON DELETE CASCADE` until 19.
const FILM_REFERENCES: &str = "'entry', 'mark', 'list_item', 'film_uri', 'film_count'";

/// Makes the references to a film plain (`NO ACTION`, checked at the end of each
/// statement) instead of `ON DELETE CASCADE`. With foreign keys on (DB Browser turns them
/// on, and so do marquee's own connections), `INSERT OR REPLACE INTO film` deletes the old
/// row first, and a cascade then deleted every entry of the film before the trigger that
/// moves them to the new row could. The triggers delete a deleted film's rows themselves
/// (`film_deleted`), foreign keys on or off. A reference's action is not part of what
/// SQLite stores in a row, so this is done the way SQLite's documentation gives for such
/// changes: the schema's text edited, its version raised.
fn loosen_film_references(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    let version: i64 = tx.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    tx.execute_batch(&format!(
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_schema
         SET sql = replace(sql, 'REFERENCES film(id) ON DELETE CASCADE', 'REFERENCES film(id)')
         WHERE type = 'table' AND name IN ({FILM_REFERENCES});
         PRAGMA schema_version = {};
         PRAGMA writable_schema = OFF;",
        version + 1
    ))
}

/// Versions after whose SQL the search index is built anew from the entries, by the
/// import's workers on both cores (`search_build::rebuild`) rather than by FTS5's
/// 'rebuild' on one: for ten million reviews, a minute or two instead of three.
const INDEX_REBUILT_AT: &[usize] = &[18];

/// Runs migration `index` (version `index + 1`) in `tx`.
fn step(tx: &rusqlite::Transaction, index: usize, sql: &str) -> Result<()> {
    tx.execute_batch(sql)?;
    if INDEX_REBUILT_AT.contains(&(index + 1)) {
        super::search_build::rebuild(tx)?;
    }
    if FILM_REFERENCES_LOOSENED_AT.contains(&(index + 1)) {
        loosen_film_references(tx)?;
    }
    if ORPHANS_REHOMED_AT.contains(&(index + 1)) {
        super::orphans::rehome(tx)?;
    }
    tx.pragma_update(None, "user_version", index as i64 + 1)?;
    Ok(())
}

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The file's schema version, refused when a newer marquee wrote it.
pub(super) fn schema_version(conn: &Connection, path: &Path) -> Result<i64> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            known: SCHEMA_VERSION,
        });
    }
    Ok(found)
}

/// marquee's mark in a database's header (`PRAGMA application_id`): "MQue".
pub const APPLICATION_ID: i64 = 0x4d51_7565;

/// What a file holds, as far as marquee is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Identity {
    /// A marquee database (marked, or from before the mark, by its tables).
    Ours,
    /// No tables and no version: a new (or 0-byte) file.
    Empty,
    /// marquee's tables without its mark or version: a copy restored from the shell's
    /// `.dump`, which keeps neither. `Store::adopt` makes it marquee's again.
    Unmarked,
    /// Another program's.
    Other,
}

/// Whose the file is: marquee's by its application id, or (written before marquee set
/// one) by its schema version and its tables; empty; or another program's.
pub(super) fn identity(conn: &Connection) -> rusqlite::Result<Identity> {
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app_id == APPLICATION_ID {
        return Ok(Identity::Ours);
    }
    if app_id != 0 {
        return Ok(Identity::Other);
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let has = |name: &str| tables.iter().any(|t| t == name);
    let marquee_tables = has("film") && has("entry") && has("film_count");
    Ok(match (version, tables.is_empty()) {
        (0, true) => Identity::Empty,
        (1.., false) if marquee_tables => Identity::Ours,
        (0, false) if marquee_tables => Identity::Unmarked,
        _ => Identity::Other,
    })
}

pub(super) fn migrate(conn: &mut Connection, path: &Path) -> Result<Opened> {
    // Another program's file is refused before anything is written to it.
    match identity(conn)? {
        Identity::Other => {
            return Err(StoreError::NotMarquee {
                path: path.to_path_buf(),
            });
        }
        Identity::Unmarked => {
            return Err(StoreError::Unmarked {
                path: path.to_path_buf(),
            });
        }
        Identity::Ours | Identity::Empty => {}
    }
    let found = schema_version(conn, path)?;
    // Only a marquee database this marquee knows is switched.
    super::wal_when_free(conn, path, true)?;
    if found > 0 && found < SCHEMA_VERSION && std::io::stderr().is_terminal() {
        // Some steps rebuild an index: seconds on a big database, so say what is going on.
        eprintln!(
            "marquee: updating {} from schema version {found} to {SCHEMA_VERSION}…",
            path.display()
        );
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        step(&tx, index, sql)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.commit()?;
    }
    // A marquee database from before the mark gets it.
    let marked: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if marked != APPLICATION_ID {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    Ok(if found == 0 {
        Opened::Created
    } else {
        Opened::Existing
    })
}

/// Each table's columns, by name: what tells one schema version from another.
fn tables_and_columns(
    conn: &Connection,
) -> rusqlite::Result<std::collections::BTreeMap<String, Vec<String>>> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table'
             AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tables
        .into_iter()
        .map(|table| {
            let columns = conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            Ok((table, columns))
        })
        .collect()
}

/// The schema version whose tables and columns are exactly the file's, newest first.
fn version_by_tables(conn: &Connection) -> rusqlite::Result<Option<i64>> {
    let found = tables_and_columns(conn)?;
    for version in (1..=MIGRATIONS.len()).rev() {
        let mut fresh = Connection::open_in_memory()?;
        create_at_version(&mut fresh, version)?;
        if tables_and_columns(&fresh)? == found {
            return Ok(Some(version as i64));
        }
    }
    Ok(None)
}

/// Marks a file holding marquee's tables without its mark (restored from `.dump`) as a
/// marquee database of the version its tables are, for `migrate` to bring up to date.
pub(super) fn adopt(conn: &Connection, path: &Path) -> Result<()> {
    if identity(conn)? != Identity::Unmarked {
        return Ok(());
    }
    let Some(version) = version_by_tables(conn)? else {
        return Err(StoreError::NotMarquee {
            path: path.to_path_buf(),
        });
    };
    conn.pragma_update(None, "user_version", version)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    Ok(())
}

/// Builds the schema as it was at `version`, for tests that upgrade old databases.
#[doc(hidden)]
pub fn create_at_version(conn: &mut Connection, version: usize) -> rusqlite::Result<()> {
    // Version 6 on make their search index with marquee's tokenizer.
    super::tokenizer::register(conn)?;
    for (index, sql) in MIGRATIONS.iter().enumerate().take(version) {
        let tx = conn.transaction()?;
        step(&tx, index, sql).map_err(|e| match e {
            StoreError::Sql(e) => e,
            other => rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR),
                Some(other.to_string()),
            ),
        })?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
fn has_tables(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table')",
        [],
        |r| r.get(0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_database_reaches_the_latest_version_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let mut conn = Connection::open(&path).unwrap();
        super::super::tokenizer::register(&conn).unwrap();
        assert_eq!(migrate(&mut conn, &path).unwrap(), Opened::Created);
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        assert_eq!(migrate(&mut conn, &path).unwrap(), Opened::Existing);
    }

    #[test]
    fn a_newer_schema_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let mut conn = Connection::open(&path).unwrap();
        // A newer marquee marks its files as this one does.
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        let err = migrate(&mut conn, &path).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains(&format!("schema version {}", SCHEMA_VERSION + 1)),
            "{message}"
        );
        assert!(message.contains(&format!("up to version {SCHEMA_VERSION}")));
        assert!(!has_tables(&conn).unwrap());
    }

    #[test]
    fn another_programs_file_is_refused_whatever_its_version() {
        for version in 0..=SCHEMA_VERSION + 1 {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("other.db");
            let mut conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE notes (x)").unwrap();
            conn.pragma_update(None, "user_version", version).unwrap();
            let err = migrate(&mut conn, &path).unwrap_err();
            assert!(
                matches!(err, StoreError::NotMarquee { .. }),
                "v{version}: {err}"
            );
        }
        // No tables, but a version: someone else's too.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("versioned.db");
        let mut conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 3).unwrap();
        assert!(matches!(
            migrate(&mut conn, &path),
            Err(StoreError::NotMarquee { .. })
        ));
        // Another program's application id.
        let path = dir.path().join("marked.db");
        let mut conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", 42).unwrap();
        assert!(matches!(
            migrate(&mut conn, &path),
            Err(StoreError::NotMarquee { .. })
        ));
    }

    #[test]
    fn another_programs_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        let mut conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (x)").unwrap();
        let err = migrate(&mut conn, &path).unwrap_err();
        assert!(err.to_string().contains("not a marquee database"), "{err}");
    }
}
