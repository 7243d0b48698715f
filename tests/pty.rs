//! The real binary in a pseudo-terminal: it starts on the sample, scrolls, quits with `q`
//! and leaves the terminal as it found it.

#[path = "common/session.rs"]
mod session;
#[path = "common/synthetic.rs"]
mod synthetic;

use session::{Session, drafts_with, type_keys, wait_until};

use std::path::Path;
use std::time::{Duration, Instant};

#[test]
fn opens_the_sample_scrolls_and_quits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new/marquee.db");
    let mut session = Session::start(&db, &[], 24, 80);
    session.wait_for("The Work");
    session.wait_for("Directed by Jairus McLeary and Gethin Aldous");
    session.wait_for("1/5");
    for (i, author) in ["Aaron White", "nickfadden", "Musanna Ahmed", "Libby Banks"]
        .iter()
        .enumerate()
    {
        session.send("j");
        session.wait_for(&format!("{}/5", i + 2));
        session.wait_for(author);
    }
    session.send("?");
    session.wait_for("Keys");
    session.send("\x1b");
    session.wait_until_screen("help closed", |s| !s.contents().contains("Keys"));
    session.send("q");
    let status = session.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    session.wait_until_screen("the terminal as it was", |screen| {
        !screen.alternate_screen()
            && screen.mouse_protocol_mode() == vt100::MouseProtocolMode::None
            && !screen.bracketed_paste()
            && !screen.hide_cursor()
    });
    assert!(db.exists(), "the database was created");
}

#[test]
fn film_flag_opens_that_film_and_errors_name_unknown_ones() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut session = Session::start(&db, &["--film", "THE WORK", "--no-mouse"], 24, 80);
    session.wait_for("Reviews · 5");
    assert_eq!(
        session
            .screen
            .lock()
            .unwrap()
            .screen()
            .mouse_protocol_mode(),
        vt100::MouseProtocolMode::None
    );
    session.send("\x03");
    assert!(session.wait_exit().success());

    let mut session = Session::start(&db, &["--film", "Work"], 24, 80);
    let status = session.wait_exit();
    assert!(!status.success());
    let screen = session.contents();
    assert!(screen.contains("no film matches \"Work\""), "{screen}");
    assert!(screen.contains("The Work [the-work]"), "{screen}");
}

#[test]
fn the_mouse_wheel_and_arrows_move_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut session = Session::start(&db, &[], 24, 80);
    session.wait_for("1/5");
    // SGR mouse reports: 65 is wheel down, 64 wheel up.
    session.send("\x1b[<65;20;12M");
    session.wait_for("2/5");
    session.send("\x1b[<65;20;12M");
    session.wait_for("3/5");
    session.send("\x1b[<64;20;12M");
    session.wait_for("2/5");
    session.send("\x1b[B\x1b[B");
    session.wait_for("4/5");
    session.send("\x1b[F");
    session.wait_for("5/5");
    session.send("\x1b[H");
    session.wait_for("1/5");
    session.send("q");
    assert!(session.wait_exit().success());
}

#[test]
fn ending_signals_restore_the_terminal_and_exit() {
    for (signal, status) in [
        ("-TERM", 143),
        ("-HUP", 129),
        ("-QUIT", 131),
        ("-USR1", 138),
        ("-USR2", 140),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("m.db");
        let mut session = Session::start(&db, &[], 24, 80);
        session.wait_for("1/5");
        let pid = session.child.process_id().unwrap().to_string();
        let killed = std::process::Command::new("kill")
            .args([signal, &pid])
            .status()
            .unwrap();
        assert!(killed.success());
        let exit = session.wait_exit();
        assert_eq!(exit.exit_code(), status, "after kill {signal}");
        session.wait_until_screen(&format!("the terminal back after kill {signal}"), |s| {
            !s.alternate_screen() && s.mouse_protocol_mode() == vt100::MouseProtocolMode::None
        });
    }
}

#[test]
fn a_tiny_terminal_says_it_is_too_small_and_still_quits() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut session = Session::start(&db, &[], 5, 18);
    session.wait_for("Terminal too");
    session.send("q");
    assert!(session.wait_exit().success());
}

#[test]
fn a_written_review_is_there_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    std::fs::write(db.with_extension("toml"), "name = \"Ada\"\n").unwrap();
    let mut session = Session::start(&db, &[], 24, 80);
    session.wait_for("1/5");
    session.send("w");
    session.wait_for("Your review of The Work");
    session.send("4");
    session.send("l");
    session.wait_for("4.5 of 5");
    session.send("\t");
    type_keys(&mut session, "映画は素晴らしい 🎬\nsecond line ✓");
    session.wait_for("second line ✓");
    session.send("\x13"); // Ctrl-s
    session.wait_for("Saved your review.");
    session.wait_for("Ada (you)");
    session.wait_for("1/6");
    session.send("q");
    assert!(session.wait_exit().success());

    let mut session = Session::start(&db, &[], 24, 80);
    session.wait_for("★★★★½  Ada (you)");
    session.wait_for("映画は素晴らしい 🎬");
    session.wait_for("second line ✓");
    session.wait_for("4.67 average · 6 ratings · 6 reviews");
    session.send("q");
    assert!(session.wait_exit().success());
}

#[test]
fn a_draft_survives_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut session = Session::start(&db, &[], 24, 80);
    session.wait_for("1/5");
    session.send("w");
    session.wait_for("Your review of The Work");
    session.send("3");
    session.send("\t");
    type_keys(&mut session, "typed before the crash");
    session.wait_for("typed before the crash");
    // The draft is at most about a second behind the typing.
    std::thread::sleep(Duration::from_millis(1200));
    let pid = session.child.process_id().unwrap().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    session.wait_exit();

    let mut session = Session::start(&db, &[], 24, 80);
    session.wait_for("1/5");
    session.send("w");
    session.wait_for("Your draft is back.");
    session.wait_for("typed before the crash");
    session.wait_for("★★★  3 of 5");
    session.send("\x03");
    assert!(session.wait_exit().success());
}

#[test]
fn ctrl_e_hands_the_text_to_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let editor = dir.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'from the editor\\nsecond line\\n' >> \"$1\"\n",
    )
    .unwrap();
    std::process::Command::new("chmod")
        .args(["+x", editor.to_str().unwrap()])
        .status()
        .unwrap();
    let mut session =
        Session::start_with(&db, &[], 24, 80, &[("VISUAL", editor.to_str().unwrap())]);
    session.wait_for("1/5");
    session.send("w");
    session.send("\t");
    type_keys(&mut session, "mine ");
    session.send("\x05"); // Ctrl-e
    session.wait_for("mine from the editor");
    session.wait_for("second line");
    session.send("\x13");
    session.wait_for("Saved your review.");
    session.send("q");
    assert!(session.wait_exit().success());
}

#[test]
fn ending_signals_save_the_draft_at_once() {
    for signal in ["-TERM", "-HUP", "-QUIT", "-USR1"] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("m.db");
        let mut session = Session::start(&db, &[], 24, 80);
        session.wait_for("1/5");
        session.send("w");
        session.send("\t");
        type_keys(&mut session, "last words");
        session.wait_for("last words");
        // No pause: the debounce has not saved yet, the signal handler must.
        let pid = session.child.process_id().unwrap().to_string();
        std::process::Command::new("kill")
            .args([signal, &pid])
            .status()
            .unwrap();
        session.wait_exit();

        let mut session = Session::start(&db, &[], 24, 80);
        session.wait_for("1/5");
        session.send("w");
        session.wait_for("last words");
        session.send("\x03");
        assert!(session.wait_exit().success(), "after kill {signal}");
    }
}

#[test]
fn another_process_writes_show_up_without_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut session = Session::start(&db, &[], 24, 80);
    session.wait_for("1/5");
    let logged = std::process::Command::new(env!("CARGO_BIN_EXE_marquee"))
        .env("MARQUEE_DB", &db)
        .env("MARQUEE_CONFIG", db.with_extension("toml"))
        .env("USER", "elsewhere")
        .args([
            "log",
            "the-work",
            "--rating",
            "2",
            "--review",
            "written by a script",
        ])
        .output()
        .unwrap();
    assert!(
        logged.status.success(),
        "{}",
        String::from_utf8_lossy(&logged.stderr)
    );
    // Within a second, with no key pressed.
    session.wait_for("6 of 6");
    session.wait_for("written by a script");
    session.send("q");
    assert!(session.wait_exit().success());
}

#[test]
fn the_sqlite3_shells_writes_are_counted_and_found_in_an_open_app() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut session = Session::start(&db, &[], 24, 80);
    session.wait_for("1/5");
    let sql = "INSERT INTO entry (film_id, author, rating, body, watched)
               VALUES (1, 'shellwriter', 2, 'Xylophone interlude', '2026-11-28');";
    let out = std::process::Command::new("sqlite3")
        .arg(&db)
        .arg(sql)
        .output()
        .expect("Debian's sqlite3 shell is needed: `apt-get install sqlite3` (.ci/run does)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Counted and shown with no key pressed, then found by a search.
    session.wait_for("6 of 6");
    session.wait_for("Xylophone interlude");
    session.send("/xyloph\r");
    session.wait_for("“xyloph” · 1 of 6");
    session.send("q");
    assert!(session.wait_exit().success());
}

#[test]
fn the_diary_shows_a_log_another_process_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut session = Session::start(&db, &[], 24, 80);
    session.wait_for("1/5");
    session.send("D");
    session.wait_for("No logs yet");
    let logged = std::process::Command::new(env!("CARGO_BIN_EXE_marquee"))
        .env("MARQUEE_DB", &db)
        .env("MARQUEE_CONFIG", db.with_extension("toml"))
        .args([
            "log",
            "the-work",
            "--rating",
            "4",
            "--watched",
            "2025-11-03",
        ])
        .output()
        .unwrap();
    assert!(
        logged.status.success(),
        "{}",
        String::from_utf8_lossy(&logged.stderr)
    );
    session.wait_for("November 2025");
    session.wait_for("The Work");
    session.send("\r");
    session.wait_for("Yours · ★★★★");
    session.send("q");
    assert!(session.wait_exit().success());
}

#[test]
fn read_only_says_a_search_may_miss_what_another_program_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut session = Session::start(&db, &[], 24, 100);
    session.wait_for("1/5");
    session.send("q");
    assert!(session.wait_exit().success());
    let sql = "INSERT INTO entry (film_id, author, body) VALUES (1, 'cron', 'Vermilion');";
    let out = std::process::Command::new("sqlite3")
        .arg(&db)
        .arg(sql)
        .output()
        .expect("Debian's sqlite3 shell is needed: `apt-get install sqlite3` (.ci/run does)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut session = Session::start(&db, &["--read-only"], 24, 100);
    session.wait_for("1/6");
    session.send("/vermilion\r");
    session.wait_for("yet to take in reviews another program wrote");
    session.send("q");
    assert!(session.wait_exit().success());
}

#[test]
fn read_only_browses_and_refuses_to_write_without_touching_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut session = Session::start(&db, &[], 24, 80);
    session.wait_for("1/5");
    session.send("q");
    session.wait_exit();
    let bytes = |p: &Path| std::fs::read(p).unwrap_or_default();
    let before = (bytes(&db), bytes(&db.with_extension("db-wal")));

    let mut session = Session::start(&db, &["--read-only"], 24, 80);
    session.wait_for("1/5");
    session.send("j");
    session.wait_for("2/5");
    session.send("w");
    session.wait_for("read-only");
    session.send("q");
    assert!(session.wait_exit().success());
    assert!(
        before == (bytes(&db), bytes(&db.with_extension("db-wal"))),
        "the file changed"
    );
}

/// The panic key exists in debug builds only (what `cargo test` builds).
#[cfg(debug_assertions)]
#[test]
fn a_panic_restores_the_terminal_saves_the_draft_and_says_where_details_are() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut session = Session::start_with(&db, &[], 24, 80, &[("MARQUEE_TEST_PANIC", "¤")]);
    session.wait_for("1/5");
    session.send("w");
    session.send("\t");
    type_keys(&mut session, "words before the crash");
    session.wait_for("words before the crash");
    let pid = session.child.process_id().unwrap();
    session.send("¤");
    let status = session.wait_exit();
    assert!(!status.success());
    session.wait_for("marquee crashed. Your draft is saved.");
    let screen = session.contents();
    assert!(screen.contains("marquee-crash-"), "{screen}");
    {
        let parser = session.screen.lock().unwrap();
        assert!(!parser.screen().alternate_screen());
        assert_eq!(
            parser.screen().mouse_protocol_mode(),
            vt100::MouseProtocolMode::None
        );
        // The cursor is below the message: what the shell prints next won't cover it.
        let message_row = parser
            .screen()
            .rows(0, 80)
            .position(|row| row.contains("marquee crashed"))
            .unwrap() as u16;
        assert!(
            parser.screen().cursor_position().0 > message_row,
            "{screen}"
        );
    }
    let report = std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.to_string_lossy().ends_with(&format!("-{pid}.txt")))
        .expect("the crash report was written");
    let details = std::fs::read_to_string(&report).unwrap();
    assert!(
        details.contains("the test key '¤' was pressed"),
        "{details}"
    );
    std::fs::remove_file(report).unwrap();

    let mut session = Session::start(&db, &[], 24, 80);
    session.wait_for("1/5");
    session.send("w");
    session.wait_for("words before the crash");
    session.send("\x03");
    assert!(session.wait_exit().success());
}

#[test]
fn a_key_remapped_in_the_config_file_works_in_the_real_app() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    std::fs::write(db.with_extension("toml"), "[keys]\nnext = [\"n\"]\n").unwrap();
    let mut session = Session::start(&db, &[], 24, 80);
    session.wait_for("1/5");
    session.wait_for("n next");
    session.send("n");
    session.wait_for("2/5");
    session.send("?");
    session.wait_for("n                        next review");
    session.send("q");
    assert!(session.wait_exit().success());

    // A typo stops marquee before the terminal is touched, naming file and line.
    std::fs::write(
        db.with_extension("toml"),
        "[keys]\nnext = [\"n\"]\nprevv = [\"p\"]\n",
    )
    .unwrap();
    let mut session = Session::start(&db, &[], 24, 80);
    let status = session.wait_exit();
    assert!(!status.success());
    session.wait_for("line 3: unknown action \"prevv\"");
    assert!(!session.screen.lock().unwrap().screen().alternate_screen());
}

#[test]
fn no_color_draws_without_a_single_colour() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut session = Session::start_with(&db, &[], 24, 80, &[("NO_COLOR", "1")]);
    session.wait_for("1/5");
    for keys in ["j", "?", "\x1b", "f", "\x1b", "w"] {
        session.send(keys);
        std::thread::sleep(Duration::from_millis(150));
        let parser = session.screen.lock().unwrap();
        let screen = parser.screen();
        for row in 0..24 {
            for col in 0..80 {
                let cell = screen.cell(row, col).unwrap();
                assert_eq!(
                    cell.fgcolor(),
                    vt100::Color::Default,
                    "colour at {row},{col} after {keys:?}"
                );
                assert_eq!(
                    cell.bgcolor(),
                    vt100::Color::Default,
                    "colour at {row},{col} after {keys:?}"
                );
            }
        }
    }
    session.send("\x03");
    assert!(session.wait_exit().success());
}

#[test]
fn a_common_word_shows_at_once_and_its_count_follows() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    // 3,000 generated reviews: "film" is in most of them.
    let mut jsonl = Vec::new();
    synthetic::write_jsonl(3000, 0, &mut jsonl).unwrap();
    let file = dir.path().join("big.jsonl");
    std::fs::write(&file, jsonl).unwrap();
    let imported = std::process::Command::new(env!("CARGO_BIN_EXE_marquee"))
        .env("MARQUEE_DB", &db)
        .env("MARQUEE_CONFIG", db.with_extension("toml"))
        .args(["import", "jsonl"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let mut session = Session::start(&db, &[], 24, 80);
    session.wait_for("1/3,000");
    session.send("/");
    type_keys(&mut session, "film");
    session.send("\r");
    session.wait_for("“film”");
    // The count arrives from its own thread, with no key pressed: a number where
    // "counting…" stood.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let screen = session.contents();
        let counted = screen
            .split("“film” · ")
            .nth(1)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
        if counted {
            break;
        }
        assert!(Instant::now() < deadline, "never counted: {screen}");
        std::thread::sleep(Duration::from_millis(20));
    }
    session.send("G");
    session.wait_for("“film”");
    session.send("q");
    assert!(session.wait_exit().success());
}

/// A database with one film of `reviews` generated reviews, made through the library.
fn big_film(db: &Path, reviews: u64) {
    let (mut store, _) = marquee::store::Store::open(db).unwrap();
    let mut jsonl = Vec::new();
    synthetic::write_jsonl(reviews, 0, &mut jsonl).unwrap();
    marquee::import::jsonl::import(jsonl.as_slice(), "gen", &mut store).unwrap();
}

#[test]
fn a_burst_of_keys_is_read_to_the_last_without_another_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    big_film(&db, 5000);
    let mut session = Session::start(&db, &[], 24, 80);
    session.wait_for("1/5,000");
    // Three thousand keys in one write, and nothing after them.
    session.send(&"j".repeat(3000));
    session.wait_for("3,001/5,000");
    session.send("q");
    assert!(session.wait_exit().success());
}

#[test]
fn two_apps_composing_on_one_film_each_keep_their_own_draft() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut first = Session::start(&db, &[], 24, 80);
    first.wait_for("1/5");
    first.send("w");
    first.send("\t");
    type_keys(&mut first, "alpha words");
    wait_until("the first app's draft", || {
        drafts_with(&db, "alpha words") == 1
    });

    let mut second = Session::start(&db, &[], 24, 80);
    second.wait_for("1/5");
    second.send("w");
    second.send("\t");
    type_keys(&mut second, "beta words");
    wait_until("the second app's draft", || {
        drafts_with(&db, "beta words") == 1
    });
    assert!(
        !second.contents().contains("alpha words"),
        "a running app's draft is its own"
    );

    // The first saves its review; the second is killed before it saves.
    first.send("\x13");
    first.wait_for("Saved your review.");
    let pid = second.child.process_id().unwrap().to_string();
    std::process::Command::new("kill")
        .args(["-9", &pid])
        .status()
        .unwrap();
    second.wait_exit();
    assert_eq!(
        drafts_with(&db, "beta words"),
        1,
        "the killed app's text is still there"
    );

    // The next `w` finds what the killed app left, and says so.
    first.send("w");
    first.wait_for("beta words");
    first.wait_for("Another marquee left it");
    first.send("\x03");
    first.wait_exit();
}

#[test]
fn a_draft_the_database_cannot_take_is_kept_in_a_file_and_offered_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let state = dir.path().join("state");
    let env = [("XDG_STATE_HOME", state.to_str().unwrap())];
    let mut session = Session::start_with(&db, &[], 24, 100, &env);
    session.wait_for("1/5");
    // Another program holds the write lock for as long as it likes.
    let locker = rusqlite::Connection::open(&db).unwrap();
    locker.execute_batch("BEGIN IMMEDIATE").unwrap();
    session.send("w");
    session.send("\t");
    type_keys(&mut session, "kept words");
    session.wait_for("is kept in");
    session.send("\x03");
    session.wait_exit();
    session.wait_for("kept in");
    let kept = std::fs::read_dir(state.join("marquee/drafts"))
        .unwrap()
        .filter(|f| {
            std::fs::read_to_string(f.as_ref().unwrap().path())
                .unwrap()
                .contains("kept words")
        })
        .count();
    assert_eq!(kept, 1, "one file holds the draft");
    drop(locker);

    let mut again = Session::start_with(&db, &[], 24, 100, &env);
    again.wait_for("1/5");
    again.send("w");
    again.wait_for("kept words");
    again.wait_for("It was kept in");
    // Once the database takes it, the file goes.
    wait_until("the draft in the database", || {
        drafts_with(&db, "kept words") == 1
    });
    again.send("\x03");
    again.wait_exit();
    wait_until("the file removed", || {
        std::fs::read_dir(state.join("marquee/drafts")).map_or(true, |d| d.count() == 0)
    });
}

#[test]
fn a_review_saved_during_another_write_waits_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut session = Session::start(&db, &[], 24, 100);
    session.wait_for("1/5");
    session.send("w");
    session.send("\t");
    type_keys(&mut session, "patient words");
    // Another program (an import) holds the database.
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    session.send("\x13");
    session.wait_for("Another program holds the database");
    // The composer still answers at once.
    let typed = Instant::now();
    type_keys(&mut session, " and more");
    session.wait_for("patient words and more");
    assert!(typed.elapsed() < Duration::from_secs(2), "typing froze");
    holder.execute_batch("COMMIT").unwrap();
    session.wait_for("Saved your review.");
    session.send("q");
    session.wait_exit();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let body: String = conn
        .query_row("SELECT body FROM entry WHERE is_mine", [], |r| r.get(0))
        .unwrap();
    assert_eq!(body, "patient words and more");
}

#[test]
fn an_export_to_the_terminal_never_acts_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let (mut store, _) = marquee::store::Store::open(&db).unwrap();
    marquee::sample::seed(&mut store).unwrap();
    drop(store);
    // Another program stores escape sequences in a review of the member's.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE entry SET is_mine = 1, body = 'Before' || char(27) || ']0;PWNED' || char(7)
                                 || char(27) || '[2J' || char(27) || '[31mAfter'
         WHERE id = (SELECT min(id) FROM entry)",
        [],
    )
    .unwrap();
    drop(conn);
    for format in ["csv", "markdown", "jsonl"] {
        let mut session = Session::start(&db, &["export", "--format", format], 24, 200);
        session.wait_exit();
        session.wait_until_screen("the export shown", |s| s.contents().contains("After"));
        if format == "jsonl" {
            // JSON escapes control characters itself: the text is `\u001b]0;…`.
            let shown = session.contents();
            assert!(shown.contains("Before\\u001b]0;PWNED\\u0007"), "{shown}");
            continue;
        }
        let screen = session.screen.lock().unwrap();
        let screen = screen.screen();
        // Markdown escapes the brackets the carets bring: read past its backslashes.
        let shown = screen.contents().replace('\\', "");
        // Shown as the characters they are, never acted on: no title set, nothing cleared.
        assert!(
            shown.contains("Before^[]0;PWNED^G^[[2J^[[31mAfter"),
            "{format}: {shown}"
        );
        assert_eq!(screen.fgcolor(), vt100::Color::Default, "{format}");
    }
}

/// The state letter of a process in /proc ("T" when stopped).
fn process_state(pid: u32) -> String {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit(") ")
        .next()
        .and_then(|rest| rest.split(' ').next())
        .unwrap_or("")
        .to_string()
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_fg_takes_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut session = Session::start(&db, &[], 24, 80);
    session.wait_for("The Work");
    let pid = session.child.process_id().unwrap();
    for stop in ["ctrl-z", "kill -TSTP"] {
        match stop {
            "ctrl-z" => session.send("\x1a"),
            _ => {
                let sent = std::process::Command::new("kill")
                    .args(["-TSTP", &pid.to_string()])
                    .status()
                    .unwrap();
                assert!(sent.success());
            }
        }
        session.wait_until_screen("the terminal given back", |screen| {
            !screen.alternate_screen()
                && screen.mouse_protocol_mode() == vt100::MouseProtocolMode::None
                && !screen.hide_cursor()
        });
        wait_until("the process stopped", || process_state(pid) == "T");
        let resumed = std::process::Command::new("kill")
            .args(["-CONT", &pid.to_string()])
            .status()
            .unwrap();
        assert!(resumed.success());
        session.wait_until_screen("the app drawn again", |screen| {
            screen.alternate_screen()
                && screen.contents().contains("The Work")
                && screen.mouse_protocol_mode() != vt100::MouseProtocolMode::None
        });
        // Raw mode again: a key acts at once.
        session.send("j");
        session.wait_for("2/5");
        session.send("k");
        session.wait_for("1/5");
    }
    session.send("q");
    assert!(session.wait_exit().success());
}
