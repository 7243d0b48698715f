//! A real marquee in a pseudo-terminal, for tests that drive the binary as a user does.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

pub struct Session {
    pub screen: Arc<Mutex<vt100::Parser>>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    pub fn start(db: &Path, args: &[&str], rows: u16, cols: u16) -> Session {
        Session::start_with(db, args, rows, cols, &[])
    }

    pub fn start_with(
        db: &Path,
        args: &[&str],
        rows: u16,
        cols: u16,
        env: &[(&str, &str)],
    ) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_marquee"));
        cmd.args(args);
        cmd.env("MARQUEE_DB", db);
        cmd.env("MARQUEE_CONFIG", db.with_extension("toml"));
        cmd.env("TERM", "xterm-256color");
        // Drafts the app keeps in files stay in the test's folder, not the user's.
        cmd.env("XDG_STATE_HOME", db.parent().unwrap().join("state"));
        for (name, value) in env {
            cmd.env(name, value);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            rows.try_into().unwrap(),
            cols.try_into().unwrap(),
            0,
        )));
        let sink = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        Session {
            screen,
            writer,
            child,
            _master: pty.master,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`, failing with the screen after 10 s.
    pub fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "waited for {text:?}; the screen shows:\n{}",
            self.contents()
        );
    }

    /// Waits until the terminal's state passes `check` (the app's last bytes may still
    /// be on their way after it exits), failing with `what` after 10 s.
    pub fn wait_until_screen(&self, what: &str, check: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if check(self.screen.lock().unwrap().screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("waited for {what}; the screen shows:\n{}", self.contents());
    }

    /// How long the screen took to show `text`, looked at every 2 ms; fails after 10 s.
    pub fn time_until(&self, text: &str) -> Duration {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if self.contents().contains(text) {
                return start.elapsed();
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        panic!(
            "waited for {text:?}; the screen shows:\n{}",
            self.contents()
        );
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "marquee did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Types text the way a terminal sends it: one write per key.
pub fn type_keys(session: &mut Session, text: &str) {
    for c in text.chars() {
        let key = if c == '\n' {
            "\r".to_string()
        } else {
            c.to_string()
        };
        session.send(&key);
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Waits (up to 10 s) until `check` holds, reading the database as another tool would.
pub fn wait_until(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("waited for {what}");
}

pub fn drafts_with(db: &Path, text: &str) -> usize {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT count(*) FROM draft WHERE body LIKE '%' || ?1 || '%'",
        [text],
        |r| r.get::<_, i64>(0),
    )
    .unwrap_or(0) as usize
}
