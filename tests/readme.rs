//! The README works as written: its config parses, its commands are marquee's own (and
//! the ones that only print, run), and its synopsis names every option and command.

use clap::{CommandFactory, Parser};
use marquee::cli::Args;
use marquee::tui::config::Config;

/// The README's fenced blocks of `lang`, in order.
fn blocks(lang: &str) -> Vec<String> {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let fence = format!("```{lang}\n");
    readme
        .split(&fence)
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap().to_string())
        .collect()
}

#[test]
fn every_toml_block_is_a_config_marquee_takes() {
    let tomls = blocks("toml");
    assert!(!tomls.is_empty());
    for toml in tomls {
        if let Err(why) = Config::parse(&toml) {
            panic!("{why}\n{toml}");
        }
    }
}

/// A shell line's words up to a redirection or `&&`, without its comment.
fn words(line: &str) -> Vec<String> {
    let line = line.split(" #").next().unwrap();
    line.split_whitespace()
        .take_while(|w| !matches!(*w, ">" | "&&" | "|"))
        .map(|w| w.trim_matches('"').to_string())
        .collect()
}

#[test]
fn every_shell_line_is_a_command_that_exists() {
    let mut marquee_lines = 0;
    for block in blocks("sh") {
        for line in block.lines().filter(|l| !l.trim().is_empty()) {
            // `mkdir -p DIR && marquee …`: the marquee part.
            let command = line.rsplit("&& ").next().unwrap();
            let words = words(command);
            match words[0].as_str() {
                "marquee" => {
                    marquee_lines += 1;
                    if let Err(error) = Args::try_parse_from(&words) {
                        panic!("{line}: {error}");
                    }
                }
                "cargo" => assert!(
                    ["cargo run --release", "cargo test"].contains(&words.join(" ").as_str()),
                    "{line}"
                ),
                other => panic!("{line}: {other} is not a command the README should need"),
            }
        }
    }
    assert!(marquee_lines >= 6, "{marquee_lines}");
}

#[test]
fn the_completion_and_manual_lines_write_what_they_say() {
    let home = tempfile::tempdir().unwrap();
    for block in blocks("sh") {
        for line in block.lines() {
            if !(line.contains("completions") || line.contains("marquee man")) {
                continue;
            }
            // Run as written, with the home folder a fresh one and marquee this build.
            let bin = std::path::Path::new(env!("CARGO_BIN_EXE_marquee"));
            let script = line.split(" #").next().unwrap();
            let target = script.rsplit("> ").next().unwrap().trim().to_string();
            let setup = format!(
                "mkdir -p \"$(dirname {target})\" && PATH={}:$PATH && {script}",
                bin.parent().unwrap().display()
            );
            let out = std::process::Command::new("sh")
                .arg("-c")
                .arg(&setup)
                .env("HOME", home.path())
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{line}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let written = target.replace('~', &home.path().display().to_string());
            let text = std::fs::read_to_string(&written).unwrap();
            assert!(text.contains("marquee"), "{line}: {written} holds {text:?}");
        }
    }
}

#[test]
fn the_synopsis_names_every_option_and_command() {
    let synopsis = blocks("text")
        .into_iter()
        .find(|b| b.starts_with("marquee ["))
        .expect("the options synopsis");
    let command = Args::command();
    for arg in command.get_arguments() {
        if let Some(long) = arg.get_long()
            && !matches!(long, "help" | "version")
        {
            assert!(synopsis.contains(&format!("--{long}")), "--{long}");
        }
    }
    for sub in command.get_subcommands() {
        let name = sub.get_name();
        if name != "help" {
            assert!(synopsis.contains(&format!("marquee {name}")), "{name}");
        }
    }
}
