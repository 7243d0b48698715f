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

pub fn run(command: &ConfigCommand, path: Option<&Path>, no_config: bool) -> Result<()> {
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
            write!(std::io::stdout(), "{}", config.to_toml())?;
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
