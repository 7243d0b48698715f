//! marquee's numbers on one film with a million reviews (`MARQUEE_BENCH_REVIEWS` to change):
//! import rate beside the sqlite3 shell, open to first frame, key to frame (p50 and p99)
//! for every movement, filter, sort and a search at the top and deep in the list, peak
//! memory of the real binary, and `less` on the same reviews as plain text.
//!
//!     cargo bench
//!
//! The data is generated once into target/bench-data and reused.
#[path = "../tests/common/synthetic.rs"]
mod synthetic;

use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use criterion::Criterion;
use marquee::config::Config;
use marquee::import::jsonl;
use marquee::store::{SCHEMA_VERSION, Store};
use marquee::tui::app::App;
use marquee::tui::keymap::Key;
use marquee::tui::view;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use synthetic::{COMMON_WORD, MIDDLING_WORD, RARE_WORD, write_jsonl, write_wide_jsonl};

fn reviews() -> u64 {
    std::env::var("MARQUEE_BENCH_REVIEWS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000)
}

fn data_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn report(line: &str) {
    println!("{line}");
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(data_dir().join("results.md"))
        .unwrap();
    writeln!(file, "{line}").unwrap();
}

/// The generated JSONL, and a database imported from it (both made once).
fn prepare(n: u64) -> (PathBuf, PathBuf) {
    let jsonl_path = data_dir().join(format!("{n}.jsonl"));
    if !jsonl_path.exists() {
        let mut out = BufWriter::new(std::fs::File::create(&jsonl_path).unwrap());
        write_jsonl(n, 2_000, &mut out).unwrap();
        out.flush().unwrap();
    }
    let db = data_dir().join(format!("{n}.db"));
    if schema_version(&db) != Some(SCHEMA_VERSION) {
        import_into(&jsonl_path, &db);
    }
    (jsonl_path, db)
}

/// The schema version of the database at `db`, if there is one: a database an older
/// marquee wrote is imported again rather than upgraded on first open (which would land in
/// the first frame's time).
fn schema_version(db: &Path) -> Option<i64> {
    if !db.exists() {
        return None;
    }
    let conn = rusqlite::Connection::open(db).ok()?;
    conn.query_row("PRAGMA user_version", [], |r| r.get(0)).ok()
}

fn import_into(jsonl_path: &Path, db: &Path) -> Duration {
    let _ = std::fs::remove_file(db);
    let started = Instant::now();
    let mut store = Store::open(db).unwrap().0;
    let file = std::io::BufReader::new(std::fs::File::open(jsonl_path).unwrap());
    jsonl::import(file, "bench", &mut store).unwrap();
    started.elapsed()
}

/// How many times each import runs: the machine's speed drifts from one minute to the
/// next, so the two take turns and each is reported by its median.
const IMPORT_ROUNDS: usize = 3;

/// Import rate, and the sqlite3 shell's plain .import of the same rows as CSV into a table
/// without indexes, in the same run, taking turns.
fn import_rate(jsonl_path: &Path, n: u64, rounds: usize) {
    let csv = jsonl_path.with_extension("csv");
    if !csv.exists() {
        write_csv(jsonl_path, &csv);
    }
    let db = data_dir().join("import-run.db");
    let mut ours = Vec::new();
    let mut shell = Vec::new();
    for _ in 0..rounds {
        ours.push(import_into(jsonl_path, &db));
        let _ = std::fs::remove_file(&db);
        let _ = Command::new("sync").status();
        match shell_import(&csv) {
            Some(took) => shell.push(took),
            None => break,
        }
        let _ = Command::new("sync").status();
    }
    let rate = |d: Duration| n as f64 / d.as_secs_f64();
    let ours_median = median(&ours);
    report(&format!(
        "| import {n} reviews (JSONL), median of {} | {:.1} s | {:.0} reviews/s |",
        ours.len(),
        ours_median.as_secs_f64(),
        rate(ours_median)
    ));
    if shell.is_empty() {
        report("| sqlite3 shell | not installed | |");
        return;
    }
    let shell_median = median(&shell);
    let rounds: Vec<String> = ours
        .iter()
        .zip(&shell)
        .map(|(o, s)| format!("{:.2}x", s.as_secs_f64() / o.as_secs_f64()))
        .collect();
    report(&format!(
        "| sqlite3 shell .import of the same rows as CSV, no indexes, median of {} | {:.1} s | {:.0} rows/s; marquee is {:.2}x its speed (round by round: {}) |",
        shell.len(),
        shell_median.as_secs_f64(),
        rate(shell_median),
        shell_median.as_secs_f64() / ours_median.as_secs_f64(),
        rounds.join(", ")
    ));
}

fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted[sorted.len() / 2]
}

/// The sqlite3 shell's time to import `csv` into a new table, if the shell is installed.
fn shell_import(csv: &Path) -> Option<Duration> {
    let plain = data_dir().join("plain.db");
    let _ = std::fs::remove_file(&plain);
    let started = Instant::now();
    let status = Command::new("sqlite3")
        .arg(&plain)
        .arg("CREATE TABLE r(id, film, author, rating, body, watched, created, liked, rewatch, spoiler, likes, tags);")
        .arg(format!(".import --csv {} r", csv.display()))
        .status();
    let took = started.elapsed();
    let _ = std::fs::remove_file(&plain);
    status.is_ok_and(|s| s.success()).then_some(took)
}

/// The review lines of `jsonl_path` as CSV, for the sqlite3 shell.
fn write_csv(jsonl_path: &Path, csv: &Path) {
    let mut out = csv::Writer::from_path(csv).unwrap();
    let text = std::io::BufReader::new(std::fs::File::open(jsonl_path).unwrap());
    for line in std::io::BufRead::lines(text) {
        let value: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        if value["type"] != "review" {
            continue;
        }
        let field = |k: &str| match &value[k] {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => String::new(),
            other => other.to_string(),
        };
        let keys = [
            "id", "film", "author", "rating", "body", "watched", "created", "liked", "rewatch",
            "spoiler", "likes", "tags",
        ];
        out.write_record(keys.iter().map(|k| field(k))).unwrap();
    }
    out.flush().unwrap();
}

fn config() -> Config {
    Config {
        name: Some("bench".into()),
        ..Config::default()
    }
}

/// The film the keys are timed on, when it is not the bench's big film.
static FILM: OnceLock<String> = OnceLock::new();

/// The film the keys are timed on: the bench's big film, the wide shape's biggest, or
/// another database's (`MARQUEE_BENCH_FILM`).
fn bench_film() -> String {
    match FILM.get() {
        Some(slug) => slug.clone(),
        None => std::env::var("MARQUEE_BENCH_FILM").unwrap_or_else(|_| "big-film".into()),
    }
}

fn open_app(db: &Path) -> App {
    let store = Store::open(db).unwrap().0;
    let film = store.find_film(&bench_film()).unwrap();
    App::new(store, film, &config()).unwrap()
}

/// A frame, as the event loop draws it: the app told the terminal's size first.
fn draw(t: &mut Terminal<TestBackend>, app: &mut App) {
    app.resize(t.size().unwrap());
    t.draw(|f| view::draw(f, app)).unwrap();
}

fn press(app: &mut App, key: &str) {
    app.key(key.parse::<Key>().unwrap());
    if app.has_pending() {
        app.run_pending();
    }
}

/// Lets the app have the time a person takes between two keys: it reads the list ahead
/// then, as its event loop does when no key is waiting.
fn settle(app: &mut App) {
    for _ in 0..1000 {
        if app.next_tick() > Duration::ZERO {
            break;
        }
        app.tick(Instant::now());
    }
}

/// p50 and p99 of `samples`, in milliseconds.
fn percentiles(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q) as usize].as_secs_f64() * 1000.0;
    (at(0.50), at(0.99))
}

/// Key → frame: each key pressed (then undone) many times, each time followed by a frame.
fn key_to_frame(db: &Path) {
    let mut app = open_app(db);
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    draw(&mut t, &mut app);
    let cases: [(&str, &[&str], &[&str]); 17] = [
        ("j", &["j"], &["k"]),
        ("k", &["k"], &["j"]),
        ("PgDn", &["PageDown"], &["PageUp"]),
        ("G (to the last review)", &["G"], &["g"]),
        ("g (to the first)", &["g"], &["G"]),
        ("5 (only ★★★★★)", &["5"], &["0"]),
        ("4 4 (only ★★★★½)", &["4", "4"], &["0"]),
        ("4 + (★★★★ or more)", &["4", "+"], &["0"]),
        ("1 (only ★, a small bucket)", &["1"], &["0"]),
        ("u (unrated)", &["u"], &["0"]),
        ("s (oldest)", &["s"], &["s", "s", "s", "s"]),
        ("s s (highest)", &["s", "s"], &["s", "s", "s"]),
        ("s s s (lowest)", &["s", "s", "s"], &["s", "s"]),
        ("s s s s (most liked)", &["s", "s", "s", "s"], &["s"]),
        ("Enter (read the review)", &["Enter"], &["Esc"]),
        ("f (filter menu)", &["f"], &["Esc"]),
        ("F (film library)", &["F"], &["Esc"]),
    ];
    for (place, setup) in [
        ("top of the list", &[][..]),
        ("deep in the list", &["G", "PageUp", "PageUp"][..]),
    ] {
        for key in setup {
            press(&mut app, key);
            settle(&mut app);
        }
        draw(&mut t, &mut app);
        for (name, keys, undo) in cases {
            let mut samples = Vec::new();
            for _ in 0..200 {
                let started = Instant::now();
                for key in keys {
                    press(&mut app, key);
                }
                draw(&mut t, &mut app);
                samples.push(started.elapsed() / keys.len() as u32);
                settle(&mut app);
                for key in undo {
                    press(&mut app, key);
                }
                draw(&mut t, &mut app);
                settle(&mut app);
            }
            let (p50, p99) = percentiles(samples);
            report(&format!("| {name}, {place} | {p50:.3} ms | {p99:.3} ms |"));
        }
    }
    let words = [
        ("rare", RARE_WORD),
        ("middling", MIDDLING_WORD),
        ("common", COMMON_WORD),
    ];
    for (name, word) in words {
        let mut acks = Vec::new();
        let mut firsts = Vec::new();
        let mut nexts = Vec::new();
        for _ in 0..50 {
            press(&mut app, "/");
            for c in word.chars() {
                app.key(Key::char(c));
            }
            // Enter draws a frame that says the search is under way, then the event loop
            // runs it and draws the results: both are timed from the key.
            let started = Instant::now();
            app.key("Enter".parse::<Key>().unwrap());
            draw(&mut t, &mut app);
            acks.push(started.elapsed());
            app.run_pending();
            draw(&mut t, &mut app);
            firsts.push(started.elapsed());
            for _ in 0..10 {
                settle(&mut app);
                let started = Instant::now();
                press(&mut app, "j");
                draw(&mut t, &mut app);
                nexts.push(started.elapsed());
            }
            press(&mut app, "Esc");
            draw(&mut t, &mut app);
            settle(&mut app);
        }
        let (p50, p99) = percentiles(acks);
        report(&format!(
            "| search a {name} word (\"{word}\"): Enter → frame saying it searches | {p50:.3} ms | {p99:.3} ms |"
        ));
        let (p50, p99) = percentiles(firsts);
        report(&format!(
            "| search a {name} word: Enter → first page of results drawn | {p50:.3} ms | {p99:.3} ms |"
        ));
        let (p50, p99) = percentiles(nexts);
        report(&format!(
            "| search a {name} word: j in the results | {p50:.3} ms | {p99:.3} ms |"
        ));
    }
}

/// The release binary on the benchmark's database, or `None` (reported) when it isn't built.
fn marquee_command(db: &Path, what: &str) -> Option<CommandBuilder> {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/marquee");
    if !bin.exists() {
        report(&format!(
            "| {what} | build the release binary first (cargo build --release) | |"
        ));
        return None;
    }
    let mut cmd = CommandBuilder::new(bin);
    cmd.args(["--film", &bench_film()]);
    cmd.env("MARQUEE_DB", db);
    cmd.env("MARQUEE_CONFIG", data_dir().join("none.toml"));
    Some(cmd)
}

/// Waits (up to `limit`) until the screen shows what `shown` looks for.
fn wait_for(screen: &Mutex<vt100::Parser>, limit: Duration, shown: &dyn Fn(&str) -> bool) {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if shown(&screen.lock().unwrap().screen().contents()) {
            return;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

/// The real binary in a pseudo-terminal: from starting the process to its first frame on
/// the screen (the status line drawn), ten times.
fn startup(db: &Path) {
    let what = "the real binary: process start → first frame on screen (120x40)";
    let mut samples = Vec::new();
    for _ in 0..10 {
        let Some(cmd) = marquee_command(db, what) else {
            return;
        };
        let started = Instant::now();
        let Pty {
            mut child,
            master: pty,
            screen,
        } = in_pty(cmd);
        wait_for(&screen, Duration::from_secs(10), &|s| {
            s.contains("newest ·")
        });
        samples.push(started.elapsed());
        let _ = pty.take_writer().unwrap().write_all(b"q");
        let _ = child.wait();
    }
    let (p50, p99) = percentiles(samples);
    report(&format!("| {what} | {p50:.1} ms | {p99:.1} ms |"));
}

/// Runs the real binary in a pseudo-terminal, scrolls to the end, filters, sorts, finds a
/// film in the library and searches; reports its peak resident memory.
fn peak_memory(db: &Path) {
    let Some(cmd) = marquee_command(db, "peak RSS of the real binary") else {
        return;
    };
    let Pty {
        mut child,
        master: pty,
        ..
    } = in_pty(cmd);
    let mut writer = pty.take_writer().unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    for keys in [
        "G",
        "k",
        "g",
        "5",
        "0",
        "4",
        "4",
        "+",
        "s",
        "s",
        "G",
        "0",
        "u",
        "0",
        "f",
        "\x1b",
        "G",
        "F",
        "f",
        "i",
        "l",
        "m",
        "\t",
        "\x1b",
        "\x1b",
        "/",
        MIDDLING_WORD,
        "\r",
        "G",
    ] {
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }
    let pid = child.process_id().unwrap();
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let peak = status
        .lines()
        .find(|l| l.starts_with("VmHWM"))
        .unwrap_or("VmHWM: ?")
        .to_string();
    writer.write_all(b"q").unwrap();
    let _ = child.wait();
    report(&format!(
        "| peak RSS of the real binary (scroll to the end, filter, sort, the library, a search) | {} | |",
        peak.trim_start_matches("VmHWM:").trim()
    ));
}

/// The same reviews as a plain text file in `less`: first screen, jump to the end, search.
fn less_comparison(jsonl_path: &Path) {
    let text = jsonl_path.with_extension("txt");
    if !text.exists() {
        let mut out = BufWriter::new(std::fs::File::create(&text).unwrap());
        let input = std::io::BufReader::new(std::fs::File::open(jsonl_path).unwrap());
        for line in std::io::BufRead::lines(input) {
            let value: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
            if value["type"] == "review" {
                writeln!(
                    out,
                    "{} {}: {}",
                    value["rating"],
                    value["author"].as_str().unwrap_or(""),
                    value["body"].as_str().unwrap_or("")
                )
                .unwrap();
            }
        }
        out.flush().unwrap();
    }
    if Command::new("less").arg("--version").output().is_err() {
        report("| less | not installed | |");
        return;
    }
    let mut cmd = CommandBuilder::new("less");
    cmd.arg(&text);
    cmd.env("LESSHISTFILE", "-");
    let started = Instant::now();
    let Pty {
        mut child,
        master: pty,
        screen: parser,
    } = in_pty(cmd);
    let wait_for =
        |shown: &dyn Fn(&str) -> bool| wait_for(&parser, Duration::from_secs(120), shown);
    wait_for(&|s| s.contains(':'));
    let first = started.elapsed();
    let mut writer = pty.take_writer().unwrap();
    let started = Instant::now();
    writer.write_all(b"G").unwrap();
    writer.flush().unwrap();
    wait_for(&|s| s.contains("(END)"));
    let end = started.elapsed();
    writer.write_all(b"g").unwrap();
    writer.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    writer
        .write_all(format!("/{RARE_WORD}\r").as_bytes())
        .unwrap();
    writer.flush().unwrap();
    wait_for(&|s| {
        s.contains("Pattern not found")
            || (s.contains(RARE_WORD) && !s.contains(&format!("/{RARE_WORD}")))
    });
    let search = started.elapsed();
    writer.write_all(b"q").unwrap();
    let _ = child.wait();
    report(&format!(
        "| less: first screen | {:.1} ms | |",
        first.as_secs_f64() * 1000.0
    ));
    report(&format!(
        "| less: G, jump to the end | {:.1} ms | |",
        end.as_secs_f64() * 1000.0
    ));
    report(&format!(
        "| less: /{RARE_WORD}, a rare word | {:.1} ms | |",
        search.as_secs_f64() * 1000.0
    ));
}

/// A program in a pseudo-terminal.
struct Pty {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Box<dyn portable_pty::MasterPty + Send>,
    /// The screen, kept up to date by a vt100 parser.
    screen: Arc<Mutex<vt100::Parser>>,
}

/// Runs `cmd` in a 120x40 pseudo-terminal.
fn in_pty(mut cmd: CommandBuilder) -> Pty {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    cmd.env("TERM", "xterm-256color");
    let child = pty.slave.spawn_command(cmd).unwrap();
    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        40.try_into().unwrap(),
        120.try_into().unwrap(),
        0,
    )));
    let sink = Arc::clone(&parser);
    let mut reader = pty.master.try_clone_reader().unwrap();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().process(&buf[..n]);
        }
    });
    Pty {
        child,
        master: pty.master,
        screen: parser,
    }
}

fn criterion_benches(db: &Path) {
    let mut c = Criterion::default().configure_from_args().sample_size(20);
    c.bench_function("open + first frame (120x40)", |b| {
        b.iter(|| {
            let mut app = open_app(db);
            let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
            draw(&mut t, &mut app);
        })
    });
    let mut app = open_app(db);
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    c.bench_function("j then k, deep in the list", |b| {
        press(&mut app, "G");
        b.iter(|| {
            press(&mut app, "j");
            draw(&mut t, &mut app);
            press(&mut app, "k");
            draw(&mut t, &mut app);
        })
    });
    c.final_summary();
}

/// The app on the sample film of `db`, drawn once in a 120x40 `TestBackend`.
fn app_on_the_work(db: &Path) -> (App, Terminal<TestBackend>) {
    app_on(db, "the-work")
}

fn app_on(db: &Path, film: &str) -> (App, Terminal<TestBackend>) {
    let store = Store::open(db).unwrap().0;
    let film = store.find_film(film).unwrap();
    let mut app = App::new(store, film, &config()).unwrap();
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    draw(&mut t, &mut app);
    (app, t)
}

/// Times each case `rounds` times: its setup keys, then its keys with a frame (timed),
/// then its undoing keys; Esc for each setup key after. A row of p50 and p99 per case.
fn time_cases(app: &mut App, t: &mut Terminal<TestBackend>, cases: &[HistoryCase], rounds: usize) {
    for (name, setup, keys, undo) in cases {
        for key in *setup {
            press(app, key);
        }
        draw(t, app);
        let mut samples = Vec::new();
        for _ in 0..rounds {
            let started = Instant::now();
            for key in *keys {
                press(app, key);
            }
            draw(t, app);
            samples.push(started.elapsed());
            for key in *undo {
                press(app, key);
            }
            draw(t, app);
        }
        for _ in *setup {
            press(app, "Esc");
        }
        let (p50, p99) = percentiles(samples);
        report(&format!("| {name} | {p50:.3} ms | {p99:.3} ms |"));
    }
}

/// A member's history: 20,000 films and 100,000 logs of theirs over twenty years, from
/// the generator's JSONL imported into a database of its own (`history.db`), once.
fn history_db() -> PathBuf {
    let db = data_dir().join("history.db");
    let jsonl = data_dir().join("history.jsonl");
    if schema_version(&db) == Some(SCHEMA_VERSION) && jsonl.exists() {
        return db;
    }
    if !jsonl.exists() {
        let mut out = BufWriter::new(std::fs::File::create(&jsonl).unwrap());
        synthetic::write_history_jsonl(20_000, 100_000, &mut out).unwrap();
        out.flush().unwrap();
    }
    let _ = std::fs::remove_file(&db);
    let (mut store, _) = Store::open(&db).unwrap();
    marquee::sample::seed(&mut store).unwrap();
    let file = std::io::BufReader::new(std::fs::File::open(&jsonl).unwrap());
    jsonl::import(file, "history.jsonl", &mut store).unwrap();
    db
}

/// A case of `history_keys`: its name, the keys that set it up, the keys timed, and the
/// keys that undo them.
type HistoryCase = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

/// The member's screens at 100,000 logs: opening each, and its keys, each with a frame;
/// and the year in review of all time.
fn history_keys() {
    let db = history_db();
    report("\n## A history of 100,000 logs over 20,000 films\n");
    report("| what | time (p50) | p99 |");
    report("|---|---|---|");
    let (mut app, mut t) = app_on_the_work(&db);
    let cases: [HistoryCase; 12] = [
        ("D (open the diary)", &[], &["D"], &["Esc"]),
        ("j in the diary", &["D"], &["j"], &["k"]),
        ("PgDn in the diary", &["D"], &["PageDown"], &["PageUp"]),
        ("y (a year) in the diary", &["D"], &["y"], &["y"; 20]),
        ("5 in the diary", &["D"], &["5"], &["0"]),
        ("W (open the watchlist)", &[], &["W"], &["Esc"]),
        ("Y (year in review, newest year)", &[], &["Y"], &["Esc"]),
        ("y (the year before)", &["Y"], &["y"], &["y"; 20]),
        ("v (mark watched)", &[], &["v"], &["v"]),
        ("S (open the films seen)", &[], &["S"], &["Esc"]),
        (
            "s (another order) in the films seen",
            &["S"],
            &["s"],
            &["s", "s", "s"],
        ),
        ("j in the films seen", &["S"], &["j"], &["k"]),
    ];
    time_cases(&mut app, &mut t, &cases, 50);
    year_tallied(&mut app, &mut t);
    let store = Store::open(&db).unwrap().0;
    let mut samples = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        let stats = store.log_stats(None).unwrap();
        samples.push(started.elapsed());
        assert_eq!(stats.logs, 100_000);
    }
    let (p50, p99) = percentiles(samples);
    report(&format!(
        "| year in review, all time (the store's numbers) | {p50:.3} ms | {p99:.3} ms |"
    ));
}

/// 100,000 films (the generator's small films, a few reviews each), imported once into a
/// database of their own.
fn many_films_db() -> PathBuf {
    let db = data_dir().join("films.db");
    if schema_version(&db) == Some(SCHEMA_VERSION) {
        return db;
    }
    let _ = std::fs::remove_file(&db);
    let mut jsonl = Vec::new();
    write_jsonl(1_000, 100_000, &mut jsonl).unwrap();
    let (mut store, _) = Store::open(&db).unwrap();
    marquee::sample::seed(&mut store).unwrap();
    jsonl::import(jsonl.as_slice(), "films.jsonl", &mut store).unwrap();
    db
}

/// The library at 100,000 films: opening it, moving, sorting, typing letters of a title,
/// each with its frame at 120x40; and `marquee films --format json`.
fn library_keys(db: &Path, film: &str) {
    report("| what | time (p50) | p99 |");
    report("|---|---|---|");
    let (mut app, mut t) = app_on(db, film);
    let cases: [HistoryCase; 7] = [
        ("F (open the library)", &[], &["F"], &["Esc"]),
        ("Down in the library", &["F"], &["Down"], &["Up"]),
        ("PgDn in the library", &["F"], &["PageDown"], &["PageUp"]),
        (
            "Tab (by latest activity) in the library",
            &["F"],
            &["Tab"],
            &["Tab"],
        ),
        ("typing a letter (\"f\")", &["F"], &["f"], &["Backspace"]),
        (
            "typing a fourth letter (\"film\" → \"film \")",
            &["F", "f", "i", "l", "m"],
            &["Space"],
            &["Backspace"],
        ),
        (
            "typing a rare title (\"9999\", its last 9)",
            &["F", "9", "9", "9"],
            &["9"],
            &["Backspace"],
        ),
    ];
    time_cases(&mut app, &mut t, &cases, 30);
    // From a typed letter to the films found on screen: the finder's thread reads the
    // titles once (the first sample), then passes over them once a letter.
    for (name, typed) in [("\"f\"", "f"), ("\"9999\"", "9999")] {
        press(&mut app, "F");
        let mut samples = Vec::new();
        for _ in 0..30 {
            let started = Instant::now();
            for c in typed.chars() {
                press(&mut app, &c.to_string());
            }
            draw(&mut t, &mut app);
            while app.tick(Instant::now()) || app.library_finding() {
                std::thread::sleep(Duration::from_micros(100));
            }
            draw(&mut t, &mut app);
            samples.push(started.elapsed());
            for _ in typed.chars() {
                press(&mut app, "Backspace");
            }
            while app.tick(Instant::now()) {}
            draw(&mut t, &mut app);
        }
        press(&mut app, "Esc");
        let (p50, p99) = percentiles(samples);
        report(&format!(
            "| typing {name} until the films found are on screen | {p50:.3} ms | {p99:.3} ms |"
        ));
    }
    let mut samples = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_marquee"))
            .env("MARQUEE_DB", db)
            .args(["films", "--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success());
        samples.push(started.elapsed());
    }
    let (p50, p99) = percentiles(samples);
    report(&format!(
        "| `marquee films --format json` (the process) | {p50:.1} ms | {p99:.1} ms |"
    ));
}

/// Reviews of 1,000, 20,000 and 100,000 characters, twenty of each on a film of its own:
/// every key of the list and the reader, each with its frame at 120x40, the worst p99.
fn long_reviews() {
    report("\n## Reviews of any length: twenty a film, key → frame at 120x40\n");
    report(
        "| review length | list: j k PgDn PgUp G g, worst p99 | Enter (the reader) p99 | reader: j PgDn, worst p99 |",
    );
    report("|---|---|---|---|");
    let cases: [(&[&str], &[&str], &[&str]); 9] = [
        (&[], &["j"], &["k"]),
        (&["j"], &["k"], &["j"]),
        (&[], &["PageDown"], &["PageUp"]),
        (&["PageDown"], &["PageUp"], &["PageDown"]),
        (&[], &["G"], &["g"]),
        (&["G"], &["g"], &["G"]),
        (&[], &["Enter"], &["Esc"]),
        (&["Enter"], &["j"], &["k"]),
        (&["Enter"], &["PageDown"], &["PageUp"]),
    ];
    for length in [1_000usize, 20_000, 100_000] {
        // The list's keys, opening the reader, the reader's keys.
        let mut worst = [0.0f64; 3];
        for (setup, keys, undo) in cases {
            let mut app = long_reviews_app(length);
            let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
            draw(&mut t, &mut app);
            for key in setup {
                press(&mut app, key);
            }
            draw(&mut t, &mut app);
            let mut samples = Vec::new();
            for _ in 0..30 {
                let started = Instant::now();
                for key in keys {
                    press(&mut app, key);
                }
                draw(&mut t, &mut app);
                samples.push(started.elapsed());
                for key in undo {
                    press(&mut app, key);
                }
                draw(&mut t, &mut app);
            }
            let p99 = percentiles(samples).1;
            let part = match (setup, keys) {
                (_, ["Enter"]) => 1,
                (["Enter"], _) => 2,
                _ => 0,
            };
            worst[part] = worst[part].max(p99);
        }
        report(&format!(
            "| {} characters | {:.3} ms | {:.3} ms | {:.3} ms |",
            marquee::text::count(length as u64),
            worst[0],
            worst[1],
            worst[2]
        ));
    }
}

/// The app on a film of twenty reviews of `length` characters, in memory.
fn long_reviews_app(length: usize) -> App {
    let mut store = Store::open_in_memory().unwrap();
    let words: Vec<String> = (0..length / 8).map(|w| format!("word{w:03}")).collect();
    let body: String = words.join(" ").chars().take(length).collect();
    let entries: Vec<marquee::model::NewEntry> = (0..20)
        .map(|r| marquee::model::NewEntry {
            author: format!("critic{r}"),
            body: body.clone(),
            created: Some(format!("2025-01-{:02}", 1 + r)),
            ..Default::default()
        })
        .collect();
    let film = marquee::model::NewFilm {
        slug: "long".into(),
        title: "Long".into(),
        ..Default::default()
    };
    store.add_film_with_entries(&film, &entries).unwrap();
    let film = store.find_film("long").unwrap();
    App::new(store, film, &config()).unwrap()
}

/// From `Y` to the newest year's numbers all on screen: its kept counts show at once, the
/// rest is tallied on a thread.
fn year_tallied(app: &mut App, t: &mut Terminal<TestBackend>) {
    let mut samples = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        press(app, "Y");
        draw(t, app);
        while !app.tick(Instant::now()) {
            std::thread::sleep(Duration::from_micros(100));
        }
        draw(t, app);
        samples.push(started.elapsed());
        press(app, "Esc");
        draw(t, app);
    }
    let (p50, p99) = percentiles(samples);
    report(&format!(
        "| Y until the newest year's numbers are all on screen | {p50:.3} ms | {p99:.3} ms |"
    ));
}

/// The library of the generator's 100,000 small films.
fn many_films() {
    report("\n## 100,000 films\n");
    library_keys(&many_films_db(), "the-work");
}

/// The wide shape (`MARQUEE_BENCH=wide`): ten million reviews (`MARQUEE_BENCH_REVIEWS`)
/// in 100,000 films, long reviews now and then. Its import taking turns with the sqlite3
/// shell's, the sizes of both, and the keys on its biggest film. With ten million, the
/// data takes 35 GB and the run about 20 minutes.
fn wide_shape() {
    let n = std::env::var("MARQUEE_BENCH_REVIEWS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000_000);
    let _ = FILM.set("wide-0".into());
    report(&format!(
        "## The wide shape: {n} reviews in 100,000 films\n"
    ));
    let jsonl_path = data_dir().join(format!("wide-{n}.jsonl"));
    if !jsonl_path.exists() {
        let mut out = BufWriter::new(std::fs::File::create(&jsonl_path).unwrap());
        write_wide_jsonl(100_000, n, &mut out).unwrap();
        out.flush().unwrap();
    }
    report("| what | time (p50) | p99 or rate |");
    report("|---|---|---|");
    // Two rounds: each of marquee's takes a minute and a half at ten million.
    import_rate(&jsonl_path, n, 2);
    let db = data_dir().join(format!("wide-{n}.db"));
    import_with_peak_memory(&jsonl_path, &db);
    let _ = Command::new("sync").status();
    sizes(&db, &jsonl_path.with_extension("csv"));
    startup(&db);
    key_to_frame(&db);
    peak_memory(&db);
    less_comparison(&jsonl_path);
    report("\n### The library of the wide shape\n");
    library_keys(&db, "wide-0");
}

/// The real binary's `marquee import jsonl` into a new `db`, kept for the keys: its time,
/// and its peak memory as GNU time reports it (without it, the time alone, in process).
fn import_with_peak_memory(jsonl_path: &Path, db: &Path) {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/marquee");
    let _ = std::fs::remove_file(db);
    let started = Instant::now();
    let timed = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(&bin)
        .args(["import", "jsonl"])
        .arg(jsonl_path)
        .env("MARQUEE_DB", db)
        .output();
    let took = started.elapsed();
    // GNU time's last line is the peak resident set, in kB.
    let peak = timed
        .ok()
        .filter(|out| out.status.success())
        .and_then(|out| {
            let said = String::from_utf8_lossy(&out.stderr).into_owned();
            said.lines().last()?.trim().parse::<u64>().ok()
        });
    match peak {
        Some(kb) => report(&format!(
            "| the real binary's import, kept for the keys: time, peak RSS | {:.1} s | {:.0} MB |",
            took.as_secs_f64(),
            kb as f64 * 1024.0 / 1e6
        )),
        None => {
            let took = import_into(jsonl_path, db);
            report(&format!(
                "| import once more, kept for the keys (no GNU time or release binary for its memory) | {:.1} s | |",
                took.as_secs_f64()
            ));
        }
    }
}

/// The database's size against the sqlite3 shell's table of the same rows, alone and
/// with an FTS5 index of their text (the shell's defaults, and marquee's detail = 'none').
fn sizes(db: &Path, csv: &Path) {
    let size = |path: &Path| std::fs::metadata(path).map_or(0, |m| m.len());
    let ours = size(db);
    let mb = |bytes: u64| bytes as f64 / 1e6;
    report(&format!("| marquee's database | {:.0} MB | |", mb(ours)));
    let plain = data_dir().join("plain-size.db");
    let shell = |sql: &str| {
        Command::new("sqlite3")
            .arg(&plain)
            .arg(sql)
            .status()
            .is_ok_and(|s| s.success())
    };
    let _ = std::fs::remove_file(&plain);
    let created = shell(
        "CREATE TABLE r(id, film, author, rating, body, watched, created, liked, rewatch, spoiler, likes, tags);",
    ) && shell(&format!(".import --csv {} r", csv.display()));
    if !created {
        report("| sqlite3 shell | not installed | |");
        return;
    }
    let table = size(&plain);
    report(&format!(
        "| the sqlite3 shell's table of the same rows | {:.0} MB | marquee's is {:.2}x |",
        mb(table),
        ours as f64 / table as f64
    ));
    for (what, options) in [
        ("its defaults", ""),
        ("detail = 'none', as marquee's", ", detail = 'none'"),
    ] {
        let started = Instant::now();
        let indexed = shell(&format!(
            "DROP TABLE IF EXISTS rf; VACUUM;
             CREATE VIRTUAL TABLE rf USING fts5(body, author, content = 'r'{options});
             INSERT INTO rf (rf) VALUES ('rebuild');"
        ));
        let took = started.elapsed();
        if indexed {
            let both = size(&plain);
            report(&format!(
                "| the shell's table plus an FTS5 index ({what}, built in {:.0} s) | {:.0} MB | marquee's is {:.2}x |",
                took.as_secs_f64(),
                mb(both),
                ours as f64 / both as f64
            ));
        }
    }
    let _ = std::fs::remove_file(&plain);
    // The shell leaves gigabytes of writes for the disk: flush them before timing, or
    // the app's first write (the film it opened, for the next start) waits behind them.
    let _ = Command::new("sync").status();
}

#[path = "imdb/generator.rs"]
mod imdb_files;

/// `MARQUEE_BENCH=imdb`: `marquee import imdb` of files of IMDb's shape and size
/// (`MARQUEE_BENCH_IMDB_SCALE`, 1 for IMDb's own) against `gzip -dc` of the same files to
/// /dev/null, side by side, with the import's peak memory; then the same files again.
fn imdb_import() {
    let scale: f64 = std::env::var("MARQUEE_BENCH_IMDB_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0);
    let dir = data_dir().join(format!("imdb-{scale}"));
    let started = Instant::now();
    let (files, diary) = imdb_files::write(&dir, scale);
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).unwrap().len())
        .sum();
    println!(
        "files ready in {:.0} s ({:.0} MB gzipped)",
        started.elapsed().as_secs_f64(),
        bytes as f64 / 1e6
    );
    let bin = Path::new(env!("CARGO_BIN_EXE_marquee"));
    let db = dir.join("library.db");
    let _ = std::fs::remove_file(&db);
    let made = Command::new(bin)
        .args(["import", "letterboxd"])
        .arg(&diary)
        .env("MARQUEE_DB", &db)
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    report(&format!(
        "## IMDb's datasets at scale {scale} ({:.0} MB gzipped), a library of {} films\n",
        bytes as f64 / 1e6,
        imdb_files::LIBRARY
    ));
    report("| what | time | peak RSS |");
    report("|---|---|---|");
    let _ = Command::new("sync").status();
    for round in 1..=2 {
        let started = Instant::now();
        let mut gzip = Command::new("gzip");
        gzip.arg("-dc")
            .args(&files)
            .stdout(std::process::Stdio::null());
        assert!(gzip.status().unwrap().success());
        let gzip = started.elapsed();
        let started = Instant::now();
        let out = Command::new("/usr/bin/time")
            .args(["-f", "%M"])
            .arg(bin)
            .args(["import", "imdb"])
            .arg(&dir)
            .env("MARQUEE_DB", &db)
            .output()
            .unwrap();
        let took = started.elapsed();
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{said}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let peak_kb: u64 = String::from_utf8_lossy(&out.stderr)
            .lines()
            .last()
            .and_then(|l| l.trim().parse().ok())
            .unwrap_or(0);
        if round == 1 {
            for line in said.lines().filter(|l| l.contains("films")) {
                println!("{line}");
            }
        }
        let what = if round == 1 {
            "first"
        } else {
            "again (same files)"
        };
        report(&format!(
            "| `gzip -dc` of the five files to /dev/null | {:.1} s | |",
            gzip.as_secs_f64()
        ));
        report(&format!(
            "| `marquee import imdb`, {what} | {:.1} s ({:.2}x gzip) | {:.0} MB |",
            took.as_secs_f64(),
            took.as_secs_f64() / gzip.as_secs_f64(),
            peak_kb as f64 * 1024.0 / 1e6
        ));
    }
}

fn main() {
    let _ = std::fs::remove_file(data_dir().join("results.md"));
    // MARQUEE_BENCH=history (or long) times the member's history (or long reviews) alone.
    match std::env::var("MARQUEE_BENCH").as_deref() {
        Ok("history") => return history_keys(),
        Ok("long") => return long_reviews(),
        Ok("films") => return many_films(),
        Ok("wide") => return wide_shape(),
        Ok("imdb") => return imdb_import(),
        // Another database (MARQUEE_BENCH_DB, its film MARQUEE_BENCH_FILM): the wide shape,
        // too big to build in a bench run.
        Ok("db") => {
            let db = PathBuf::from(std::env::var("MARQUEE_BENCH_DB").expect("MARQUEE_BENCH_DB"));
            report("| what | time (p50) | p99 or rate |");
            report("|---|---|---|");
            startup(&db);
            key_to_frame(&db);
            peak_memory(&db);
            report("\n### The library\n");
            library_keys(&db, &bench_film());
            return;
        }
        _ => {}
    }
    let n = reviews();
    report(&format!(
        "## {n} reviews on one film, plus 2,000 small films\n"
    ));
    report("| what | time (p50) | p99 or rate |");
    report("|---|---|---|");
    let (jsonl_path, db) = prepare(n);
    import_rate(&jsonl_path, n, IMPORT_ROUNDS);
    sizes(&db, &jsonl_path.with_extension("csv"));
    // The imports leave a gigabyte of writes for the disk: flush it before timing keys,
    // so the disk's catching up doesn't land in them.
    let _ = Command::new("sync").status();
    let started = Instant::now();
    {
        let mut app = open_app(&db);
        let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
        draw(&mut t, &mut app);
    }
    report(&format!(
        "| open the database + first frame (120x40), cold | {:.1} ms | |",
        started.elapsed().as_secs_f64() * 1000.0
    ));
    startup(&db);
    key_to_frame(&db);
    peak_memory(&db);
    less_comparison(&jsonl_path);
    history_keys();
    long_reviews();
    many_films();
    criterion_benches(&db);
    println!("\nThe table is in target/bench-data/results.md");
}
