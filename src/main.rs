use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = marquee::cli::Args::parse();
    match marquee::cli::run(args) {
        Ok(status) => ExitCode::from(status),
        // The reader went away (`marquee reviews … | head`): nothing to say.
        Err(error) if broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("marquee: {}", message(&error));
            ExitCode::FAILURE
        }
    }
}

fn broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
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
