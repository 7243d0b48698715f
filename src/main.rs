use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = marquee::cli::Args::parse();
    match marquee::cli::run(args) {
        Ok(status) => ExitCode::from(status),
        Err(error) => {
            eprintln!("marquee: {error:#}");
            ExitCode::FAILURE
        }
    }
}
