//! Synthetic data for benchmarks: one film with many reviews plus 2,000 small films, as
//! marquee JSONL (`marquee import jsonl`).
//!
//!     cargo run --release --example gen -- --reviews 1000000 -o big.jsonl
//!
//! A member's history instead (100,000 logs of theirs over 20,000 films, their marks and
//! lists):
//!
//!     cargo run --release --example gen -- --history 100000 --films 20000 -o history.jsonl
//!
//! The wide shape (100,000 films, ten million reviews, a few films with hundreds of
//! thousands, reviews up to 100,000 characters; about 4 GB):
//!
//!     cargo run --release --example gen -- --wide --films 100000 --reviews 10000000 -o wide.jsonl
//!
//! See `tests/common/synthetic.rs` for what the data looks like. The same arguments always give
//! the same file.

#[path = "../tests/common/synthetic.rs"]
mod synthetic;

use std::io::{BufWriter, Write};

fn main() -> std::io::Result<()> {
    let mut reviews: u64 = 1_000_000;
    let mut small_films: u64 = 2_000;
    let mut output: Option<String> = None;
    let mut history: Option<u64> = None;
    let mut wide = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--reviews" => {
                reviews = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--reviews N")
            }
            "--films" => small_films = args.next().and_then(|v| v.parse().ok()).expect("--films N"),
            "--history" => {
                history = Some(
                    args.next()
                        .and_then(|v| v.parse().ok())
                        .expect("--history LOGS"),
                )
            }
            "--wide" => wide = true,
            "-o" | "--output" => output = args.next(),
            other => panic!(
                "unknown argument {other:?}; use [--wide] --reviews N [--films N] [-o FILE], or --history LOGS [--films N] [-o FILE]"
            ),
        }
    }
    let sink: Box<dyn Write> = match &output {
        Some(path) => Box::new(std::fs::File::create(path)?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 20, sink);
    match history {
        Some(logs) => synthetic::write_history_jsonl(small_films, logs, &mut out)?,
        None if wide => synthetic::write_wide_jsonl(small_films, reviews, &mut out)?,
        None => synthetic::write_jsonl(reviews, small_films, &mut out)?,
    }
    out.flush()
}
