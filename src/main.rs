use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = marquee::cli::Args::parse();
    let result = marquee::cli::run(args);
    // Values other tools wrote that could not be read were shown as empty: say which.
    for problem in marquee::store::take_problems() {
        eprintln!(
            "marquee: warning: {}",
            marquee::text::sanitize_line(&problem)
        );
    }
    match result {
        Ok(status) => ExitCode::from(status),
        // The reader went away (`marquee reviews … | head`): nothing to say.
        Err(error) if broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // Messages quote input (file names, fields, values): never let it reach the
            // terminal as control sequences.
            eprintln!("marquee: {}", marquee::text::sanitize(&message(&error)));
            if corrupt(&error) {
                eprintln!(
                    "marquee: the database is damaged; `marquee check` says where, and `marquee check --repair` rebuilds what can be rebuilt"
                );
            }
            ExitCode::FAILURE
        }
    }
}

fn broken_pipe(error: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(BrokenPipe))
            || cause.downcast_ref::<csv::Error>().is_some_and(
                |e| matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe),
            )
    })
}

/// Whether SQLite found the database damaged ("database disk image is malformed").
fn corrupt(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<rusqlite::Error>()
            .is_some_and(|e| e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt))
            || cause.to_string().contains("malformed")
    })
}

/// The error and its causes, each said once: SQLite's errors carry their own message
/// again, and its error code, which says nothing more to a person.
fn message(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let part = cause.to_string();
        if cause.downcast_ref::<rusqlite::ffi::Error>().is_some() || text.contains(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    text
}
