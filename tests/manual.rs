//! The manual, a page per command as git has: every option of every command on its page,
//! every page renders in groff without a warning, and every page a page names exists.

use std::collections::BTreeSet;
use std::path::Path;

use clap::CommandFactory;
use marquee::cli::Args;

/// Every page, as `marquee man --dir` writes them.
fn pages(dir: &Path) -> Vec<(String, String)> {
    let out = assert_cmd::Command::cargo_bin("marquee")
        .unwrap()
        .args(["man", "--dir"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut pages: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    pages.sort();
    pages
}

/// `--rating` as a page writes it.
fn roff(long: &str) -> String {
    format!("\\-\\-{}", long.replace('-', "\\-"))
}

#[test]
fn every_command_has_a_page_with_every_option_of_it_and_its_own_commands() {
    let dir = tempfile::tempdir().unwrap();
    let pages = pages(dir.path());
    let page = |name: &str| -> &str {
        let found = pages.iter().find(|(n, _)| n == name);
        &found.unwrap_or_else(|| panic!("no page {name}")).1
    };
    let marquee = Args::command();
    for arg in marquee.get_arguments().filter_map(|a| a.get_long()) {
        if !matches!(arg, "help" | "version") {
            assert!(page("marquee").contains(&roff(arg)), "marquee(1): --{arg}");
        }
    }
    for cmd in marquee.get_subcommands() {
        let name = format!("marquee-{}", cmd.get_name());
        let text = page(&name);
        let mut commands = vec![cmd];
        commands.extend(cmd.get_subcommands());
        for command in commands {
            for arg in command.get_arguments() {
                if matches!(arg.get_id().as_str(), "help" | "version") {
                    continue;
                }
                let shown = match arg.get_long() {
                    Some(long) => roff(long),
                    None => format!("\\fI{}\\fR", arg.get_id().as_str().to_uppercase()),
                };
                assert!(text.contains(&shown), "{name}: {shown}");
            }
            if command.get_name() != cmd.get_name() {
                let heading = format!(".SS \"marquee {} {}\"", cmd.get_name(), command.get_name());
                assert!(text.contains(&heading), "{name}: {heading}");
            }
        }
        // Global options are named, for marquee(1) to say what they do.
        assert!(text.contains("\\fBmarquee\\fR(1)"), "{name}");
    }
    // The synopsis names each option's value: `--db PATH`, not `--db`.
    assert!(page("marquee").contains("\\fB\\-\\-db\\fR \\fIPATH\\fR"));
    assert!(
        page("marquee-reviews")
            .contains("\\fB\\-\\-sort\\fR \\fInewest|oldest|highest|lowest|likes\\fR")
    );
    assert!(page("marquee-log").contains("\\fB\\-\\-rating\\fR \\fISTARS\\fR"));
}

#[test]
fn every_page_renders_without_a_warning_and_names_only_pages_that_exist() {
    let dir = tempfile::tempdir().unwrap();
    let pages = pages(dir.path());
    let names: BTreeSet<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    for (name, text) in &pages {
        let out = std::process::Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-z"])
            .arg(dir.path().join(format!("{name}.1")))
            .output()
            .expect("groff (Debian's groff-base) runs");
        let warnings = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && warnings.is_empty(),
            "{name}: {warnings}"
        );
        // `\fBmarquee\-log\fR(1)`: every marquee page named is one written.
        for (at, _) in text.match_indices("\\fBmarquee") {
            let rest = &text[at + 3..];
            let name_end = rest
                .char_indices()
                .find(|&(i, c)| {
                    !(c.is_ascii_alphanumeric()
                        || rest[i..].starts_with("\\-")
                        || (c == '-' && rest[..i].ends_with('\\')))
                })
                .map_or(rest.len(), |(i, _)| i);
            if !rest[name_end..].starts_with("\\fR(1)") {
                continue;
            }
            let named = rest[..name_end].replace("\\-", "-");
            assert!(
                names.contains(named.as_str()),
                "{name} names {named}(1), which is not written"
            );
        }
    }
    // man reads them as a user does: `man -l`, with man-db's warnings on.
    for (name, _) in &pages {
        let out = std::process::Command::new("man")
            .args(["--warnings", "-l"])
            .arg(dir.path().join(format!("{name}.1")))
            .env("MANWIDTH", "80")
            .output()
            .expect("man (Debian's man-db) runs");
        let warnings = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && warnings.is_empty(),
            "man -l {name}: {warnings}"
        );
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("NAME"),
            "{name}"
        );
    }
}

#[test]
fn one_page_prints_by_its_command_and_an_unknown_one_is_refused() {
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("marquee")
            .unwrap()
            .args(args)
            .output()
            .unwrap()
    };
    let log = run(&["man", "log"]);
    assert!(log.status.success());
    assert!(String::from_utf8_lossy(&log.stdout).contains(".TH MARQUEE\\-LOG 1"));
    let unknown = run(&["man", "logg"]);
    assert_eq!(unknown.status.code(), Some(1));
    let said = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        said.contains("no manual page for \"logg\"") && said.contains("log, reviews"),
        "{said}"
    );
}
