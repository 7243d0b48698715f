//! One file, many writers: the sqlite3 shell, Python, a script with plain SQL and a second
//! marquee write the database while the app is open. Nothing the user wrote is lost, no
//! save overwrites what changed meanwhile, and the views follow every change.

mod common;

use std::path::{Path, PathBuf};

use common::{config, draw, press, terminal, type_text};
use marquee::model::{NewEntry, Rating};
use marquee::store::Store;
use marquee::tui::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A database file with the sample film and a review of the member's (id 6).
fn file_db(dir: &Path) -> PathBuf {
    let db = dir.join("m.db");
    let (mut store, _) = Store::open(&db).unwrap();
    marquee::sample::seed(&mut store).unwrap();
    let film = store.find_film("the-work").unwrap().id;
    let mine = NewEntry {
        author: "tester".into(),
        rating: Rating::from_half_stars(6),
        body: "my first words".into(),
        created: Some("2026-01-01T10:00:00Z".into()),
        watched: Some("2026-01-01".into()),
        is_mine: true,
        ..NewEntry::default()
    };
    store.add_entry(film, &mine).unwrap();
    db
}

fn app_on(db: &Path) -> App {
    let (store, _) = Store::open(db).unwrap();
    let film = store.find_film("the-work").unwrap();
    App::new(store, film, &config()).unwrap()
}

/// The app on a new file with the member's review, editing it, on its text.
fn editing(dir: &Path) -> (PathBuf, Terminal<TestBackend>, App) {
    let db = file_db(dir);
    let mut t = terminal(80, 24);
    let mut app = app_on(&db);
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["e", "Tab"]);
    (db, t, app)
}

/// Another program's connection: no marquee code loaded, as the shell or Python has.
fn outside(db: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(sql).unwrap();
}

fn body_of(db: &Path, id: i64) -> Option<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT body FROM entry WHERE id = ?1", [id], |r| r.get(0))
        .ok()
}

fn own_bodies(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT body FROM entry WHERE is_mine ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn an_edit_never_overwrites_what_another_program_changed_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut t, mut app) = editing(dir.path());
    type_text(&mut t, &mut app, " and more of mine");
    // The shell changes the text, the like and the tags while the app edits.
    outside(
        &db,
        "UPDATE entry SET body = 'Changed in the shell.', liked = 1, tags = '[\"shell\"]'
         WHERE id = 6",
    );
    let asked = press(&mut t, &mut app, &["Ctrl-s"]);
    assert!(
        asked.contains("Not saved: this review was changed"),
        "{asked}"
    );
    assert!(asked.contains("n save yours as a new review"), "{asked}");
    assert!(asked.contains("t take theirs"), "{asked}");
    assert!(asked.contains("b see both versions"), "{asked}");
    assert_eq!(
        body_of(&db, 6).unwrap(),
        "Changed in the shell.",
        "untouched"
    );
    let both = press(&mut t, &mut app, &["b"]);
    assert!(both.contains("Changed in the shell."), "{both}");
    assert!(both.contains("♥ liked · tags: shell"), "{both}");
    assert!(both.contains("my first words and more of mine"), "{both}");
    let saved = press(&mut t, &mut app, &["n"]);
    assert!(saved.contains("Saved your review."), "{saved}");
    assert_eq!(
        own_bodies(&db),
        ["Changed in the shell.", "my first words and more of mine"],
        "both texts are kept"
    );
}

#[test]
fn both_versions_write_their_days_as_the_config_says_and_fit_a_tiny_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = file_db(dir.path());
    let (store, _) = Store::open(&db).unwrap();
    let film = store.find_film("the-work").unwrap();
    let config = marquee::config::Config {
        date_format: "%d %b %Y".into(),
        ..config()
    };
    let mut app = App::new(store, film, &config).unwrap();
    let mut t = terminal(80, 24);
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["e", "Tab"]);
    type_text(&mut t, &mut app, " and more");
    outside(&db, "UPDATE entry SET body = 'Changed.' WHERE id = 6");
    press(&mut t, &mut app, &["Ctrl-s"]);
    let both = press(&mut t, &mut app, &["b"]);
    assert_eq!(both.matches("watched 01 Jan 2026").count(), 2, "{both}");
    assert!(!both.contains("2026-01-01"), "{both}");
    t.backend_mut().resize(30, 10);
    let tiny = draw(&mut t, &mut app);
    assert!(tiny.contains("┌ Not saved: changed elsewh… ┐"), "{tiny}");
    assert!(tiny.contains("│ Theirs, as the review is   │"), "{tiny}");
    assert!(tiny.contains("│ now · ★★★                  │"), "{tiny}");
}

#[test]
fn taking_theirs_keeps_the_review_as_it_is_now() {
    let dir = tempfile::tempdir().unwrap();
    let db = file_db(dir.path());
    let mut t = terminal(80, 24);
    let mut app = app_on(&db);
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["e", "5"]);
    outside(&db, "UPDATE entry SET rating = 2 WHERE id = 6");
    press(&mut t, &mut app, &["Ctrl-s"]);
    let taken = press(&mut t, &mut app, &["t"]);
    assert!(taken.contains("Kept the review as it is now"), "{taken}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let rating: i64 = conn
        .query_row("SELECT rating FROM entry WHERE id = 6", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rating, 2);
    assert_eq!(own_bodies(&db).len(), 1);
    // Nothing of the edit is offered again.
    let fresh = press(&mut t, &mut app, &["w"]);
    assert!(!fresh.contains("Your draft is back"), "{fresh}");
}

#[test]
fn a_review_deleted_while_it_is_edited_is_saved_as_a_new_one_after_saying_so() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut t, mut app) = editing(dir.path());
    type_text(&mut t, &mut app, " kept anyway");
    outside(&db, "DELETE FROM entry WHERE id = 6");
    let said = press(&mut t, &mut app, &["Ctrl-s"]);
    assert!(
        said.contains("Not saved: this review was deleted"),
        "{said}"
    );
    assert!(said.contains("n save yours as a new review"), "{said}");
    assert!(!said.contains("take theirs"), "{said}");
    let saved = press(&mut t, &mut app, &["n"]);
    assert!(saved.contains("Saved your review."), "{saved}");
    assert_eq!(own_bodies(&db), ["my first words kept anyway"]);
}

#[test]
fn an_entry_id_given_again_is_not_the_entry_that_was_edited() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut t, mut app) = editing(dir.path());
    type_text(&mut t, &mut app, " mine");
    // Deleted, and its id taken by someone else's entry.
    outside(
        &db,
        "DELETE FROM entry WHERE id = 6;
         INSERT INTO entry (id, film_id, author, body) VALUES (6, 1, 'someone', 'theirs');",
    );
    let said = press(&mut t, &mut app, &["Ctrl-s"]);
    assert!(
        said.contains("Not saved: this review was deleted"),
        "{said}"
    );
    press(&mut t, &mut app, &["n"]);
    assert_eq!(body_of(&db, 6).unwrap(), "theirs");
    assert_eq!(own_bodies(&db), ["my first words mine"]);
}

#[test]
fn a_draft_belongs_to_its_film_not_to_an_id_another_film_takes() {
    let dir = tempfile::tempdir().unwrap();
    let db = file_db(dir.path());
    let mut t = terminal(80, 24);
    let mut app = app_on(&db);
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["w", "4", "Tab"]);
    type_text(&mut t, &mut app, "about The Work");
    // A script deletes the film, and another film gets its id.
    outside(
        &db,
        "DELETE FROM film WHERE slug = 'the-work';
         INSERT INTO film (id, slug, title, year) VALUES (1, 'other-film', 'Other Film', 2001);",
    );
    app.follow_other_writers().unwrap();
    let said = draw(&mut t, &mut app);
    assert!(
        said.contains("The Work was deleted by another program"),
        "{said}"
    );
    let saved = press(&mut t, &mut app, &["Ctrl-s"]);
    assert!(saved.contains("it is back, with your review"), "{saved}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (slug, title): (String, String) = conn
        .query_row(
            "SELECT f.slug, f.title FROM entry e JOIN film f ON f.id = e.film_id
             WHERE e.body = 'about The Work'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((slug.as_str(), title.as_str()), ("the-work", "The Work"));
    let other_has: i64 = conn
        .query_row("SELECT count(*) FROM entry WHERE film_id = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(other_has, 0, "the film that took the id got nothing");
}

#[test]
fn a_film_given_a_new_slug_while_written_about_keeps_the_review_and_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let db = file_db(dir.path());
    let mut t = terminal(80, 24);
    let mut app = app_on(&db);
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["w", "4", "Tab"]);
    type_text(&mut t, &mut app, "still The Work");
    outside(
        &db,
        "UPDATE film SET slug = 'the-work-2017' WHERE slug = 'the-work'",
    );
    app.follow_other_writers().unwrap();
    app.settle_writes();
    assert!(app.flush_draft().is_kept());
    let conn = rusqlite::Connection::open(&db).unwrap();
    let slug: String = conn
        .query_row("SELECT film_slug FROM draft", [], |r| r.get(0))
        .unwrap();
    assert_eq!(slug, "the-work-2017", "the draft goes with the film");
    let saved = press(&mut t, &mut app, &["Ctrl-s"]);
    assert!(saved.contains("Saved your review."), "{saved}");
    let films: i64 = conn
        .query_row("SELECT count(*) FROM film", [], |r| r.get(0))
        .unwrap();
    assert_eq!(films, 1, "no film made twice");
}

#[test]
fn a_draft_of_a_film_is_never_offered_on_the_film_that_took_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let db = file_db(dir.path());
    let mut t = terminal(80, 24);
    let mut app = app_on(&db);
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["w", "Tab"]);
    type_text(&mut t, &mut app, "unsaved words");
    assert!(app.flush_draft().is_kept());
    drop(app);
    outside(
        &db,
        "DELETE FROM film WHERE slug = 'the-work';
         INSERT INTO film (id, slug, title) VALUES (1, 'other-film', 'Other Film');",
    );
    let (store, _) = Store::open(&db).unwrap();
    let other = store.find_film("other-film").unwrap();
    let mut app = App::new(store, other, &config()).unwrap();
    draw(&mut t, &mut app);
    let opened = press(&mut t, &mut app, &["w"]);
    assert!(!opened.contains("unsaved words"), "{opened}");
    press(&mut t, &mut app, &["Esc"]);
    drop(app);
    // The film comes back (imported again): its draft is there.
    let (mut store, _) = Store::open(&db).unwrap();
    marquee::sample::seed(&mut store).unwrap();
    let back = store.find_film("the-work").unwrap();
    let mut app = App::new(store, back, &config()).unwrap();
    draw(&mut t, &mut app);
    let restored = press(&mut t, &mut app, &["w"]);
    assert!(restored.contains("unsaved words"), "{restored}");
}

#[test]
fn another_programs_change_to_the_selected_review_shows_with_a_rating_filter_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = file_db(dir.path());
    let mut t = terminal(100, 30);
    let mut app = app_on(&db);
    draw(&mut t, &mut app);
    let filtered = press(&mut t, &mut app, &["5"]);
    assert!(filtered.contains("Chris Speddings"), "{filtered}");
    outside(
        &db,
        "UPDATE entry SET body = 'Rewritten by a script.' WHERE author = 'Chris Speddings'",
    );
    assert!(app.follow_other_writers().unwrap());
    let shown = draw(&mut t, &mut app);
    assert!(shown.contains("Rewritten by a script."), "{shown}");
    // And a review moved out of the filter leaves it.
    outside(
        &db,
        "UPDATE entry SET rating = 2 WHERE author = 'Chris Speddings'",
    );
    app.follow_other_writers().unwrap();
    let left = draw(&mut t, &mut app);
    assert!(!left.contains("Rewritten by a script."), "{left}");
}

#[test]
fn text_another_program_stored_as_bytes_is_edited_without_losing_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = file_db(dir.path());
    outside(
        &db,
        "UPDATE entry SET body = CAST('Stored as bytes: café 映画' AS BLOB) WHERE id = 6",
    );
    let mut t = terminal(80, 24);
    let mut app = app_on(&db);
    draw(&mut t, &mut app);
    let editing = press(&mut t, &mut app, &["e"]);
    assert!(editing.contains("Stored as bytes: café 映画"), "{editing}");
    // A rating changed, the text left: the bytes stay exactly as they were.
    press(&mut t, &mut app, &["4", "Ctrl-s"]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (kind, rating): (String, i64) = conn
        .query_row(
            "SELECT typeof(body), rating FROM entry WHERE id = 6",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((kind.as_str(), rating), ("blob", 8));
    // The text edited: it is stored as text.
    press(&mut t, &mut app, &["e", "Tab"]);
    type_text(&mut t, &mut app, "!");
    press(&mut t, &mut app, &["Ctrl-s"]);
    assert_eq!(body_of(&db, 6).unwrap(), "Stored as bytes: café 映画!");
}

#[test]
fn reviews_a_script_left_without_their_film_come_back_when_the_app_starts() {
    let dir = tempfile::tempdir().unwrap();
    let db = file_db(dir.path());
    // As the sqlite3 shell has it: foreign keys off.
    outside(
        &db,
        "PRAGMA foreign_keys = OFF;
         DROP TRIGGER film_upserted;
         INSERT OR REPLACE INTO film (slug, title) VALUES ('the-work', 'The Work');",
    );
    let mut t = terminal(80, 24);
    let mut app = app_on(&db);
    // As the event loop does once the first frame is up.
    draw(&mut t, &mut app);
    app.tick(std::time::Instant::now());
    app.settle_writes();
    let shown = draw(&mut t, &mut app);
    assert!(shown.contains("Gave 1 film(s) back"), "{shown}");
    assert!(shown.contains("Reviews · 6"), "{shown}");
    assert!(shown.contains("my first words"), "{shown}");
}

// --- The real binary: two apps, a lock held elsewhere, a full disk -----------------

#[path = "common/session.rs"]
mod session;

use std::time::Duration;

use session::{Session, drafts_with, type_keys, wait_until};

#[test]
fn two_apps_editing_one_review_keep_both_texts() {
    let dir = tempfile::tempdir().unwrap();
    let db = file_db(dir.path());
    let mut one = Session::start(&db, &[], 24, 100);
    let mut two = Session::start(&db, &[], 24, 100);
    for app in [&mut one, &mut two] {
        app.wait_for("1/6");
        app.send("e");
        app.send("\t");
    }
    type_keys(&mut one, " Written in app ONE, a long careful paragraph.");
    type_keys(&mut two, " Written in app TWO.");
    one.wait_for("app ONE, a long careful paragraph.");
    two.wait_for("app TWO.");
    one.send("\x13");
    one.wait_for("Saved your changes.");
    two.send("\x13");
    two.wait_for("Not saved: this review was changed elsewhere");
    two.send("n");
    two.wait_for("Saved your review.");
    assert_eq!(
        own_bodies(&db),
        [
            "my first words Written in app ONE, a long careful paragraph.",
            "my first words Written in app TWO."
        ]
    );
    for mut app in [one, two] {
        app.send("q");
        assert!(app.wait_exit().success());
    }
}

#[test]
fn a_lock_held_elsewhere_never_freezes_a_key_and_the_write_lands_after() {
    let dir = tempfile::tempdir().unwrap();
    let db = file_db(dir.path());
    let mut app = Session::start(&db, &[], 24, 100);
    app.wait_for("1/6");
    // The shell's `BEGIN EXCLUSIVE`, held as long as the test likes.
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    // The member's log marked the film watched: `v` takes the mark off.
    app.send("v");
    let answered = app.time_until("The Work is no longer marked watched.");
    assert!(answered < Duration::from_millis(500), "v took {answered:?}");
    app.wait_for("Another program holds the database");
    // The composer echoes every key at once meanwhile, and the draft is kept in a file.
    app.send("w");
    app.send("\t");
    for c in "typed while locked".chars() {
        app.send(&c.to_string());
    }
    let echoed = app.time_until("typed while locked");
    assert!(
        echoed < Duration::from_millis(500),
        "typing took {echoed:?}"
    );
    // Where the draft went is said (a long path, wrapped).
    app.wait_for(".json meanwhile.");
    holder.execute_batch("COMMIT").unwrap();
    wait_until("the mark written", || {
        rusqlite::Connection::open(&db)
            .unwrap()
            .query_row(
                "SELECT watched IS NULL FROM mark WHERE film_id = 1",
                [],
                |r| r.get::<_, bool>(0),
            )
            .unwrap_or(false)
    });
    wait_until("the draft in the database", || {
        drafts_with(&db, "typed while locked") == 1
    });
    app.send("\x03");
    assert!(app.wait_exit().success());
}

#[test]
fn a_draft_left_by_quitting_is_not_said_to_be_another_marquees() {
    let dir = tempfile::tempdir().unwrap();
    let db = file_db(dir.path());
    let mut app = Session::start(&db, &[], 24, 100);
    app.wait_for("1/6");
    app.send("w");
    app.send("\t");
    type_keys(&mut app, "left on purpose");
    app.wait_for("left on purpose");
    app.send("\x03");
    assert!(app.wait_exit().success());
    let mut again = Session::start(&db, &[], 24, 100);
    again.wait_for("1/6");
    again.send("w");
    again.wait_for("left on purpose");
    again.wait_for("Kept when marquee quit");
    assert!(!again.contents().contains("Another marquee"));
    again.send("\x03");
    assert!(again.wait_exit().success());
}

/// A small tmpfs of its own, so a test can fill its disk: mounted as root (or with
/// sudo), unmounted when dropped.
struct SmallDisk {
    path: PathBuf,
}

impl SmallDisk {
    fn mount(at: PathBuf, size: &str) -> SmallDisk {
        std::fs::create_dir_all(&at).unwrap();
        let root = unsafe { libc::geteuid() } == 0;
        let mut mount = if root {
            Command::new("mount")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.args(["-n", "mount"]);
            sudo
        };
        let done = mount
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&at)
            .status()
            .expect("mount");
        assert!(
            done.success(),
            "a full disk is tested on a tmpfs of its own: run the tests as root, or with passwordless sudo"
        );
        SmallDisk { path: at }
    }

    /// Fills the disk to its last byte.
    fn fill(&self) {
        let mut file = std::fs::File::create(self.path.join("filler")).unwrap();
        let block = vec![0u8; 64 * 1024];
        let mut size = block.len();
        while size > 0 {
            if std::io::Write::write_all(&mut file, &block[..size]).is_err() {
                size /= 2;
            }
        }
        let _ = file.sync_all();
    }

    fn free(&self) {
        std::fs::remove_file(self.path.join("filler")).unwrap();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let root = unsafe { libc::geteuid() } == 0;
        let mut umount = if root {
            Command::new("umount")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.args(["-n", "umount"]);
            sudo
        };
        let _ = umount.arg("-l").arg(&self.path).status();
    }
}

use std::process::Command;

/// The app's environment with every folder a draft may go to on the small disk.
fn on_the_disk(disk: &Path) -> Vec<(&'static str, String)> {
    let path = |p: &str| disk.join(p).to_string_lossy().into_owned();
    vec![
        ("XDG_STATE_HOME", path("state")),
        ("XDG_RUNTIME_DIR", path("run")),
        ("TMPDIR", path("tmp")),
    ]
}

fn start_on(db: &Path, env: &[(&'static str, String)]) -> Session {
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Session::start_with(db, &[], 24, 100, &env)
}

#[test]
fn a_full_disk_loses_no_word_typed() {
    let dir = tempfile::tempdir().unwrap();
    let disk = SmallDisk::mount(dir.path().join("disk"), "4m");
    let db = file_db(&disk.path);
    let env = on_the_disk(&disk.path);
    let mut app = start_on(&db, &env);
    app.wait_for("1/6");
    app.send("w");
    app.send("\t");
    type_keys(&mut app, "Before the disk filled.");
    wait_until("the draft in the database", || {
        drafts_with(&db, "Before the disk filled.") == 1
    });
    disk.fill();
    let after = " After it filled, eighty more characters that must not be lost, every one kept";
    type_keys(&mut app, after);
    app.wait_for("Your draft is kept in");
    app.wait_for(".reserved.json");
    app.send("\x03");
    app.wait_exit();
    app.wait_for("kept in");
    disk.free();
    let mut again = start_on(&db, &env);
    again.wait_for("1/6");
    again.send("w");
    again.wait_for("Your draft is back.");
    again.wait_for("eighty more characters that must not be lost");
    again.send("\x13");
    again.wait_for("Saved your review.");
    again.send("q");
    assert!(again.wait_exit().success());
    let saved = own_bodies(&db);
    assert_eq!(saved[1], format!("Before the disk filled.{after}"));
}

#[test]
fn quitting_with_text_that_can_be_kept_nowhere_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let disk = SmallDisk::mount(dir.path().join("disk"), "4m");
    let db = file_db(&disk.path);
    let env = on_the_disk(&disk.path);
    let mut app = start_on(&db, &env);
    app.wait_for("1/6");
    // Full before the composer opens: no room can be reserved for its draft either.
    disk.fill();
    app.send("w");
    app.send("\t");
    type_keys(&mut app, "Nowhere to go.");
    app.wait_for("could not be kept anywhere");
    app.send("\x03");
    app.wait_for("Quit and lose it?");
    app.send("n");
    app.wait_for("Nowhere to go.");
    disk.free();
    app.send("\x03");
    app.wait_exit();
    assert_eq!(
        drafts_with(&db, "Nowhere to go."),
        1,
        "kept once there was room"
    );
}
