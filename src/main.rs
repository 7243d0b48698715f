use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = marquee::cli::Args::parse();
    match marquee::cli::run(args) {
        Ok(status) => ExitCode::from(status),
        // The reader went away (`marquee reviews … | head`): nothing to say.
        Err(error) if broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("marquee: {error:#}");
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
