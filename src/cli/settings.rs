//! `marquee config path|show|init`.

use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};
use clap::Subcommand;

use crate::config::{Config, TEMPLATE};

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where the config file is (or would be).
    Path,
    /// Print the settings marquee runs with: the file's over the defaults.
    Show,
    /// Write a commented config file with every setting at its default.
    Init,
}

/// What marquee runs with besides the file: the database, and what the environment set.
pub struct Sources<'a> {
    pub db: &'a Path,
    pub db_from_env: bool,
    pub config_from_env: bool,
    pub no_color: bool,
}

impl Sources<'_> {
    /// Comment lines for the top of `config show`.
    fn said(&self, config: Option<&Path>, no_config: bool) -> String {
        let from = |env: bool, name: &str| {
            if env {
                format!(" (from {name})")
            } else {
                String::new()
            }
        };
        let mut out = format!(
            "# database: {}{}\n",
            shown(self.db),
            from(self.db_from_env, "MARQUEE_DB")
        );
        match (config, no_config) {
            (_, true) => out.push_str("# config file: none (--no-config)\n"),
            (Some(path), false) => out.push_str(&format!(
                "# config file: {}{}{}\n",
                shown(path),
                from(self.config_from_env, "MARQUEE_CONFIG"),
                if path.exists() {
                    ""
                } else {
                    ", not there: the defaults"
                }
            )),
            (None, false) => out.push_str("# config file: none found\n"),
        }
        if self.no_color {
            out.push_str("# NO_COLOR is set: the app draws without colour\n");
        }
        out
    }
}

pub fn run(
    command: &ConfigCommand,
    path: Option<&Path>,
    no_config: bool,
    from: &Sources,
) -> Result<()> {
    let Some(path) = path else {
        bail!("cannot find your config folder; name a file with --config PATH");
    };
    match command {
        ConfigCommand::Path => writeln!(std::io::stdout(), "{}", shown(path))?,
        ConfigCommand::Show => {
            let config = if no_config {
                Config::default()
            } else {
                Config::load(path)?
            };
            let said = from.said(Some(path), no_config);
            write!(std::io::stdout(), "{said}{}", config.to_toml())?;
        }
        ConfigCommand::Init => {
            if path.exists() {
                bail!(
                    "{} already exists; marquee won't overwrite it (move it away first)",
                    path.display()
                );
            }
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(path, TEMPLATE)?;
            writeln!(std::io::stdout(), "Wrote {}", shown(path))?;
        }
    }
    Ok(())
}

/// A path as printed: a name holding control characters can't act on the terminal.
fn shown(path: &Path) -> String {
    crate::text::sanitize_line(&path.display().to_string())
}
