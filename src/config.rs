//! The user's config file: TOML in the platform config folder
//! (`$XDG_CONFIG_HOME/marquee/config.toml` on Linux).

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Settings read from the config file; everything is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The author name on the user's reviews.
    pub name: Option<String>,
}

/// A config file that could not be read or understood.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the config file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the config file {} is not valid: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
}

/// Where the config file is unless `--config` or `MARQUEE_CONFIG` names another.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "marquee").map(|d| d.config_dir().join("config.toml"))
}

impl Config {
    /// Reads the config at `path`; a missing file means all defaults.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        Config::parse(&text).map_err(|message| ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Parses config text; the error names the line and what is wrong.
    pub fn parse(text: &str) -> Result<Config, String> {
        toml::from_str(text).map_err(|e: toml::de::Error| {
            let line = e
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            let what = e.message().trim_end().to_string();
            match line {
                Some(line) => format!("line {line}: {what}"),
                None => what,
            }
        })
    }

    /// The author name on the user's reviews: `name` from the config, else the login name.
    pub fn author(&self) -> String {
        let configured = self
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        configured
            .map(String::from)
            .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
            .or_else(|| std::env::var("USERNAME").ok().filter(|u| !u.is_empty()))
            .unwrap_or_else(|| "me".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_is_read() {
        let config = Config::parse("name = \"Ada\"\n").unwrap();
        assert_eq!(config.author(), "Ada");
    }

    #[test]
    fn errors_name_the_line() {
        let err = Config::parse("\n\nname = 3\n").unwrap_err();
        assert!(err.starts_with("line 3:"), "{err}");
        let err = Config::parse("name = \"a\"\ncolour = \"red\"\n").unwrap_err();
        assert!(err.starts_with("line 2:"), "{err}");
        assert!(err.contains("colour"), "{err}");
    }

    #[test]
    fn a_missing_file_is_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::load(&dir.path().join("none.toml")).unwrap();
        assert_eq!(config, Config::default());
    }
}
