//! Shell completion as bash runs it: every option with a fixed set of values completes to
//! them, and a film argument completes to the slugs of the films in the database.

#[path = "common/cli.rs"]
mod cli;

use std::path::Path;

use clap::CommandFactory;
use marquee::cli::Args;

/// What bash offers for the command line `words` (the last one being completed), with
/// marquee's script loaded and `db` as MARQUEE_DB.
fn offered(script: &Path, db: &Path, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let line = words.join(" ");
    let program = format!(
        "source '{}'\n\
         COMP_WORDS=({})\n\
         COMP_CWORD={}\n\
         COMP_LINE='{line}'\n\
         COMP_POINT=${{#COMP_LINE}}\n\
         _marquee_with_films marquee '{}' '{}'\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script.display(),
        quoted.join(" "),
        words.len() - 1,
        words[words.len() - 1],
        words[words.len() - 2],
    );
    let bin = Path::new(env!("CARGO_BIN_EXE_marquee")).parent().unwrap();
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(program)
        .env("MARQUEE_DB", db)
        .env(
            "PATH",
            format!("{}:{}", bin.display(), std::env::var("PATH").unwrap()),
        )
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

fn bash_script(dir: &Path) -> std::path::PathBuf {
    let out = assert_cmd::Command::cargo_bin("marquee")
        .unwrap()
        .args(["completions", "bash"])
        .output()
        .unwrap();
    let script = dir.join("marquee.bash");
    std::fs::write(&script, out.stdout).unwrap();
    script
}

#[test]
fn every_option_with_fixed_values_completes_to_them() {
    let dir = tempfile::tempdir().unwrap();
    let script = bash_script(dir.path());
    let db = cli::sample_db(dir.path());
    let marquee = Args::command();
    let mut checked = 0;
    let mut commands: Vec<(Vec<&str>, &clap::Command)> = vec![(vec![], &marquee)];
    for sub in marquee.get_subcommands() {
        commands.push((vec![sub.get_name()], sub));
        for subsub in sub.get_subcommands() {
            commands.push((vec![sub.get_name(), subsub.get_name()], subsub));
        }
    }
    for (path, command) in commands {
        for arg in command.get_arguments() {
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .map(|v| v.get_name().to_string())
                .collect();
            let takes_values = arg.get_action().takes_values();
            let (Some(long), false, true) = (arg.get_long(), values.is_empty(), takes_values)
            else {
                continue;
            };
            let option = format!("--{long}");
            let mut words = vec!["marquee"];
            words.extend(&path);
            // A command that needs a film first gets one.
            if matches!(path.as_slice(), ["reviews"] | ["log"]) {
                words.push("the-work");
            }
            words.extend([option.as_str(), ""]);
            let got = offered(&script, &db, &words);
            assert_eq!(got, values, "{}", words.join(" "));
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} options with values");
}

#[test]
fn a_film_argument_completes_to_the_films_slugs() {
    let dir = tempfile::tempdir().unwrap();
    let script = bash_script(dir.path());
    let db = cli::sample_db(dir.path());
    for words in [
        vec!["marquee", "reviews", ""],
        vec!["marquee", "log", "the"],
        vec!["marquee", "watchlist", "add", ""],
        vec!["marquee", "--film", ""],
        vec!["marquee", "export", "--film", ""],
    ] {
        assert_eq!(
            offered(&script, &db, &words),
            vec!["the-work"],
            "{}",
            words.join(" ")
        );
    }
    // The database named on the line is the one asked (one that isn't there: nothing).
    let nowhere = dir.path().join("nowhere.db");
    let words = ["marquee", "--db", nowhere.to_str().unwrap(), "reviews", ""];
    assert!(offered(&script, &db, &words).is_empty());
    assert!(!nowhere.exists(), "completing creates no database");
    // Elsewhere, clap's own completion: the commands.
    let commands = offered(&script, &db, &["marquee", "rev"]);
    assert_eq!(commands, vec!["reviews"]);
}
