//! `marquee man`: the manual, a page per command as git has: marquee(1) with the global
//! options, the keys and the configuration, and marquee-log(1), marquee-reviews(1)…, each
//! with every option of the command and of its own commands (`lists show` on
//! marquee-lists(1)). Written from the commands' own definitions, so never stale.

mod main_page;
mod roff;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Command, CommandFactory};

use super::Args;
use roff::{arguments, escape, option, paragraphs, synopsis_line, title};

/// A manual page: its name (`marquee-log`) and its roff text.
pub struct Page {
    pub name: String,
    pub text: String,
}

/// Every page: marquee(1), then one per command.
pub fn pages() -> Vec<Page> {
    let marquee = Args::command();
    let mut pages = vec![Page {
        name: "marquee".into(),
        text: main_page::page(&marquee),
    }];
    pages.extend(marquee.get_subcommands().map(|cmd| Page {
        name: format!("marquee-{}", cmd.get_name()),
        text: command_page(&marquee, cmd),
    }));
    pages
}

/// The page of `command` (`log`, or `marquee-log`), or marquee(1) for none.
pub fn page(command: Option<&str>) -> Result<Page> {
    let wanted = match command {
        None => "marquee".to_string(),
        Some(name) if name.starts_with("marquee") => name.to_string(),
        Some(name) => format!("marquee-{name}"),
    };
    let mut pages = pages();
    match pages.iter().position(|p| p.name == wanted) {
        Some(at) => Ok(pages.swap_remove(at)),
        None => {
            let names: Vec<&str> = pages
                .iter()
                .skip(1)
                .map(|p| p.name.trim_start_matches("marquee-"))
                .collect();
            bail!(
                "there is no manual page for {:?}: name a command ({})",
                crate::text::sanitize_line(command.unwrap_or_default()),
                names.join(", ")
            )
        }
    }
}

/// Writes every page into `folder` (`NAME.1`), making it first; says what it wrote.
pub fn install(folder: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(folder)
        .with_context(|| format!("cannot make the folder {}", folder.display()))?;
    let mut written = Vec::new();
    for page in pages() {
        let path = folder.join(format!("{}.1", page.name));
        std::fs::write(&path, page.text)
            .with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// Where `man` finds pages for a program on PATH with nothing else set: `share/man/man1`
/// beside the folder the program is in (`~/.cargo/bin` → `~/.cargo/share/man/man1`).
pub fn beside_the_program() -> Result<PathBuf> {
    let exe = std::env::current_exe().context("cannot tell where marquee is")?;
    let exe = exe.canonicalize().unwrap_or(exe);
    let prefix = exe
        .parent()
        .and_then(Path::parent)
        .context("marquee is in no folder with a parent to put the manual in")?;
    Ok(prefix.join("share").join("man").join("man1"))
}

/// marquee-COMMAND(1): the command's synopsis, what it does, its options, its own
/// commands with theirs, and the pages it goes with.
fn command_page(marquee: &Command, cmd: &Command) -> String {
    let name = format!("marquee {}", cmd.get_name());
    let page = format!("marquee-{}", cmd.get_name());
    let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
    let mut out = title(&page);
    out.push_str(&format!(
        ".SH NAME\n{} \\- {}\n",
        escape(&page),
        escape(&about)
    ));
    out.push_str(".SH SYNOPSIS\n");
    if !cmd.is_subcommand_required_set() {
        out.push_str(&synopsis_line(&name, cmd, |_| true));
    }
    for sub in cmd.get_subcommands() {
        let line = format!("{name} {}", sub.get_name());
        out.push_str(&synopsis_line(&line, sub, |_| true));
    }
    out.push_str(".SH DESCRIPTION\n");
    let long = cmd.get_long_about().map(|a| a.to_string());
    out.push_str(&paragraphs(long.as_deref().unwrap_or(&about)));
    if let Some(after) = cmd.get_after_help() {
        out.push_str(&format!(".PP\n{}", paragraphs(&after.to_string())));
    }
    out.push_str(".SH OPTIONS\n");
    for arg in arguments(cmd) {
        out.push_str(&option(arg));
    }
    out.push_str(&format!(
        ".PP\nThe global options of \\fBmarquee\\fR(1) work here too: {}.\n",
        globals(marquee)
    ));
    if cmd.has_subcommands() {
        out.push_str(".SH COMMANDS\n");
        for sub in cmd.get_subcommands() {
            let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
            out.push_str(&format!(
                ".SS \"{} {}\"\n{}",
                escape(&name),
                escape(sub.get_name()),
                paragraphs(&about)
            ));
            for arg in arguments(sub) {
                out.push_str(&option(arg));
            }
        }
    }
    out.push_str(&format!(
        ".SH \"SEE ALSO\"\n{}\n",
        see_also(marquee, cmd.get_name())
    ));
    out
}

/// The global options, as a sentence names them: `\fB--db\fR, …`.
fn globals(marquee: &Command) -> String {
    let names: Vec<String> = marquee
        .get_arguments()
        .filter(|a| a.is_global_set())
        .filter_map(|a| a.get_long())
        .map(|long| format!("\\fB\\-\\-{}\\fR", escape(long)))
        .collect();
    names.join(", ")
}

/// marquee(1), and the commands that go with `command`.
fn see_also(marquee: &Command, command: &str) -> String {
    let related: &[&str] = match command {
        "log" => &["reviews", "diary"],
        "reviews" => &["log", "films", "export"],
        "film" => &["films", "import"],
        "films" => &["film", "reviews", "watchlist", "import"],
        "lists" => &["films", "export"],
        "diary" => &["log", "stats"],
        "watchlist" => &["films", "diary"],
        "stats" => &["diary"],
        "check" => &["import"],
        "import" => &["export", "check", "film"],
        "export" => &["import"],
        "config" => &["man"],
        "completions" => &["man"],
        "man" => &["completions"],
        _ => &[],
    };
    let mut pages = vec!["\\fBmarquee\\fR(1)".to_string()];
    pages.extend(
        related
            .iter()
            .filter(|r| marquee.find_subcommand(r).is_some())
            .map(|r| format!("\\fBmarquee\\-{r}\\fR(1)")),
    );
    pages.join(",\n")
}
