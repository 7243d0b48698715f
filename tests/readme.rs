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

/// A shell line's words up to a redirection or `&&`, without its comment; a word in
/// double quotes is one word.
fn words(line: &str) -> Vec<String> {
    let line = line.split(" #").next().unwrap();
    let mut words = Vec::new();
    let (mut word, mut quoted) = (String::new(), false);
    for c in line.chars().chain([' ']) {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    words
        .into_iter()
        .take_while(|w| !matches!(w.as_str(), ">" | "&&" | "|"))
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
                    [
                        "cargo run --release",
                        "cargo test",
                        "cargo install --path ."
                    ]
                    .contains(&words.join(" ").as_str()),
                    "{line}"
                ),
                other => panic!("{line}: {other} is not a command the README should need"),
            }
        }
    }
    assert!(marquee_lines >= 6, "{marquee_lines}");
}

#[test]
fn the_install_completion_and_manual_lines_do_what_they_say() {
    let home = tempfile::tempdir().unwrap();
    // marquee as `cargo install` leaves it: in a bin folder on PATH.
    let prefix = tempfile::tempdir().unwrap();
    let bin = prefix.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_marquee"), bin.join("marquee")).unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let mut installed = false;
    for block in blocks("sh") {
        for line in block.lines() {
            if !(line.contains("completions") || line.contains("marquee man")) {
                continue;
            }
            let script = line.split(" #").next().unwrap().trim();
            let redirected = script.rsplit_once("> ").map(|(_, t)| t.trim().to_string());
            let setup = match &redirected {
                Some(target) => format!("mkdir -p \"$(dirname {target})\" && {script}"),
                None => script.to_string(),
            };
            let out = std::process::Command::new("sh")
                .arg("-c")
                .arg(&setup)
                .env("HOME", home.path())
                .env("PATH", &path)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{line}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let home_path = |p: &str| p.replace('~', &home.path().display().to_string());
            let written = match (&redirected, script.split_once("--dir ")) {
                (Some(target), _) => std::path::PathBuf::from(home_path(target)),
                (None, Some((_, dir))) => std::path::Path::new(&home_path(dir)).join("marquee.1"),
                (None, None) => {
                    assert!(script.ends_with("marquee man --install"), "{line}");
                    installed = true;
                    prefix.path().join("share/man/man1/marquee-log.1")
                }
            };
            let text = std::fs::read_to_string(&written)
                .unwrap_or_else(|e| panic!("{line}: {}: {e}", written.display()));
            assert!(
                text.contains("marquee"),
                "{line}: {written:?} holds {text:?}"
            );
        }
    }
    assert!(installed, "the README installs the manual");
    // man finds the installed pages with nothing set but PATH.
    for page in ["marquee", "marquee-log", "marquee-lists"] {
        let out = std::process::Command::new("man")
            .args(["-w", page])
            .env("PATH", &path)
            .env_remove("MANPATH")
            .env("HOME", home.path())
            .output()
            .expect("man (Debian's man-db) runs");
        let found = String::from_utf8_lossy(&out.stdout);
        assert!(
            found.starts_with(&prefix.path().display().to_string()),
            "man -w {page}: {found}{}",
            String::from_utf8_lossy(&out.stderr)
        );
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

/// Every `marquee …` the README writes out whole: its shell blocks, and the commands in
/// its text that name no placeholder (`FILM`, `NAME`) and parse.
fn runnable_commands() -> Vec<String> {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let mut commands: Vec<String> = blocks("sh")
        .iter()
        .flat_map(|b| {
            b.lines()
                .map(|l| l.split(" #").next().unwrap().trim().to_string())
        })
        .filter(|l| l.starts_with("marquee ") && !l.contains("completions") && !l.contains(" man"))
        .collect();
    for span in readme.split('`').skip(1).step_by(2) {
        let words = words(span);
        // `FILM`, `NAME`, `<TAB>`: a command written to show its shape.
        let placeholder = words.iter().any(|w| {
            w.contains('<') || w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase() || c == '_')
        });
        if span.starts_with("marquee ")
            && !placeholder
            && Args::try_parse_from(&words).is_ok_and(|a| a.command.is_some())
            && !commands.iter().any(|c| c == span)
        {
            commands.push(span.to_string());
        }
    }
    commands
}

#[test]
fn every_marquee_command_in_the_readme_runs() {
    let home = tempfile::tempdir().unwrap();
    let downloads = home.path().join("Downloads");
    std::fs::create_dir_all(downloads.join("saved-pages")).unwrap();
    // What the README's commands name: an export, saved pages, a copy of the database.
    let zip = std::fs::File::create(downloads.join("letterboxd-yourname-2026-11-26.zip")).unwrap();
    let mut zip = zip::ZipWriter::new(zip);
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in [
        (
            "diary.csv",
            "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\r\n\
             2024-02-11,Stalker,1979,https://boxd.it/t005,4,,,2024-02-11\r\n",
        ),
        (
            "watchlist.csv",
            "Date,Name,Year,Letterboxd URI\r\n2024-03-01,Playtime,1967,https://boxd.it/f010\r\n",
        ),
    ] {
        zip.start_file(name, options).unwrap();
        std::io::Write::write_all(&mut zip, text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    // IMDb's files, of IMDb's shape.
    std::fs::create_dir_all(downloads.join("imdb")).unwrap();
    std::fs::write(
        downloads.join("imdb/title.basics.tsv"),
        "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n\
         tt0079944\tmovie\tStalker\tStalker\t0\t1979\t\\N\t162\tDrama,Sci-Fi\n",
    )
    .unwrap();
    let pages = std::path::Path::new("tests/fixtures/pages");
    std::fs::copy(
        pages.join("heat-1995.html"),
        downloads.join("Parasite.html"),
    )
    .unwrap();
    std::fs::copy(
        pages.join("night-train.html"),
        downloads.join("saved-pages/night-train.html"),
    )
    .unwrap();
    let db = home.path().join("marquee.db");
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_marquee"))
        .parent()
        .unwrap();
    let run = |command: &str| {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(command)
            .current_dir(home.path())
            .env("HOME", home.path())
            .env("MARQUEE_DB", &db)
            .env("MARQUEE_CONFIG", home.path().join("config.toml"))
            .env(
                "PATH",
                format!("{}:{}", bin.display(), std::env::var("PATH").unwrap()),
            )
            .output()
            .unwrap()
    };
    // The database a first start makes: the sample film in it.
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/the-work.txt");
    let first = run(&format!("marquee import page '{}'", sample.display()));
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    std::fs::copy(&db, home.path().join("copy.db")).unwrap();
    let commands = runnable_commands();
    assert!(commands.len() >= 15, "{commands:?}");
    for command in &commands {
        let out = run(command);
        assert!(
            out.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
