//! The user's config file: TOML in the platform config folder
//! (`$XDG_CONFIG_HOME/marquee/config.toml` on Linux). Every mistake in it is reported with
//! the file, the line and what is wrong, before the terminal is touched.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ratatui::style::Color;
use serde::Deserialize;
use toml::Spanned;

use crate::days::Days;
use crate::query::Sort;
use crate::tui::keymap::{Key, Keymap, Mode};
use crate::tui::settings::Settings;
use crate::tui::theme::{ROLES, THEMES, Theme};

/// The file as written; everything is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    name: Option<String>,
    mouse: Option<bool>,
    default_sort: Option<Spanned<String>>,
    date_format: Option<Spanned<String>>,
    theme: Option<Spanned<String>>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<KeysValue>>,
    #[serde(default)]
    colors: BTreeMap<Spanned<String>, Spanned<ColorValue>>,
}

/// Under `[keys]`: an action's keys, or a mode's own table of them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum KeysValue {
    Keys(Vec<String>),
    Mode(BTreeMap<String, Vec<String>>),
}

/// A colour: a name, `#rrggbb`, or a 256-colour index.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum ColorValue {
    Text(String),
    Index(i64),
    /// Anything else (a float, a list, a table): said what a colour may be.
    Other(toml::Value),
}

/// What marquee runs with: the file's settings over the defaults.
#[derive(Clone, Debug)]
pub struct Config {
    pub name: Option<String>,
    pub mouse: bool,
    pub default_sort: Sort,
    /// How dates are shown (chrono's strftime), `%Y-%m-%d` unless set.
    pub date_format: String,
    pub theme_name: String,
    pub theme: Theme,
    pub keymap: Keymap,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            name: None,
            mouse: true,
            default_sort: Sort::Newest,
            date_format: DEFAULT_DATE_FORMAT.to_string(),
            theme_name: "letterboxd".to_string(),
            theme: Theme::default(),
            keymap: crate::tui::screens::keymap(),
        }
    }
}

const DEFAULT_DATE_FORMAT: &str = "%Y-%m-%d";

/// A config file that could not be read or understood.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the config file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {message}", path.display())]
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
        let line = |at: usize| text[..at.min(text.len())].matches('\n').count() + 1;
        let file: File = toml::from_str(text).map_err(|e: toml::de::Error| {
            let what = e.message().trim_end().to_string();
            match e.span() {
                Some(span) => format!("line {}: {what}", line(span.start)),
                None => what,
            }
        })?;
        let at = |span: std::ops::Range<usize>, message: String| {
            format!("line {}: {message}", line(span.start))
        };
        let mut config = Config {
            name: file.name,
            mouse: file.mouse.unwrap_or(true),
            ..Config::default()
        };
        if let Some(sort) = file.default_sort {
            config.default_sort = sort
                .get_ref()
                .parse()
                .map_err(|e: crate::query::SortError| at(sort.span(), e.to_string()))?;
        }
        if let Some(format) = file.date_format {
            check_date_format(format.get_ref()).map_err(|m| at(format.span(), m))?;
            config.date_format = format.into_inner();
        }
        if let Some(theme) = file.theme {
            config.theme = Theme::named(theme.get_ref()).ok_or_else(|| {
                at(
                    theme.span(),
                    format!(
                        "unknown theme {:?}: choose {}",
                        theme.get_ref(),
                        THEMES.join(", ")
                    ),
                )
            })?;
            config.theme_name = theme.into_inner();
        }
        for (role, value) in &file.colors {
            let color = parse_color(value.get_ref()).map_err(|m| at(value.span(), m))?;
            if !config.theme.set(role.get_ref(), color) {
                let roles: Vec<&str> = ROLES.iter().map(|(r, _)| *r).collect();
                return Err(at(
                    role.span(),
                    format!(
                        "unknown colour role {:?}: choose {}",
                        role.get_ref(),
                        roles.join(", ")
                    ),
                ));
            }
        }
        for (name, value) in &file.keys {
            match value.get_ref() {
                KeysValue::Keys(keys) => rebind(&mut config.keymap, name.get_ref(), keys, None)
                    .map_err(|m| at(name.span(), m))?,
                KeysValue::Mode(table) => {
                    let mode = config.keymap.mode_named(name.get_ref()).ok_or_else(|| {
                        let modes: Vec<&str> =
                            config.keymap.modes().iter().map(|m| m.name()).collect();
                        at(
                            name.span(),
                            format!(
                                "{:?} is neither an action nor a mode ({})",
                                name.get_ref(),
                                modes.join(", ")
                            ),
                        )
                    })?;
                    for (action, keys) in table {
                        rebind(&mut config.keymap, action, keys, Some(mode))
                            .map_err(|m| at(value.span(), m))?;
                    }
                }
            }
        }
        config.keymap.settle();
        config
            .keymap
            .check()
            .map_err(|e| match file.keys.keys().next() {
                Some(first) => at(first.span(), e.to_string()),
                None => e.to_string(),
            })?;
        Ok(config)
    }

    /// The settings every screen uses, as this config gives them.
    pub fn settings(&self) -> Settings {
        Settings {
            keymap: self.keymap.clone(),
            theme: self.theme.clone(),
            date_format: self.date_format.clone(),
            days: Days::new(&self.date_format),
            author: self.author(),
        }
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
            .or_else(login_name)
            .unwrap_or_else(|| "me".to_string())
    }

    /// No colour anywhere, as NO_COLOR asks: the plain theme, whatever the file says.
    pub fn without_color(mut self) -> Config {
        self.theme = Theme::plain();
        self.theme_name = "plain".into();
        self
    }

    /// The effective config as TOML, for `marquee config show`.
    pub fn to_toml(&self) -> String {
        let mut out = String::new();
        if let Some(name) = &self.name {
            out.push_str(&format!("name = {}\n", toml_string(name)));
        }
        out.push_str(&format!("mouse = {}\n", self.mouse));
        out.push_str(&format!(
            "default_sort = {}\n",
            toml_string(self.default_sort.name())
        ));
        out.push_str(&format!(
            "date_format = {}\n",
            toml_string(&self.date_format)
        ));
        out.push_str(&format!("theme = {}\n", toml_string(&self.theme_name)));
        // Every role's colour as the theme and the file's [colors] made it.
        out.push_str("\n[colors]\n");
        for (role, _) in ROLES {
            if let Some(color) = self.theme.color(role).and_then(color_toml) {
                out.push_str(&format!("{role} = {color}\n"));
            }
        }
        for mode in self.keymap.modes() {
            out.push_str(&format!("\n[keys.{}]\n", mode.name()));
            for (action, keys) in self.keymap.effective(mode) {
                let keys: Vec<String> = keys.iter().map(|k| toml_string(&k.to_string())).collect();
                out.push_str(&format!("{} = [{}]\n", action.name(), keys.join(", ")));
            }
        }
        out
    }
}

fn rebind(
    keymap: &mut Keymap,
    action: &str,
    keys: &[String],
    mode: Option<Mode>,
) -> Result<(), String> {
    let action = keymap.action_named(action).ok_or_else(|| {
        format!("unknown action {action:?}; `marquee config show` lists them all")
    })?;
    let keys = keys
        .iter()
        .map(|k| k.parse::<Key>().map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    keymap.rebind(action, keys, mode);
    Ok(())
}

/// A colour as `[colors]` takes it: `"#rrggbb"`, an index, or a name.
fn color_toml(color: Color) -> Option<String> {
    Some(match color {
        Color::Reset => return None,
        Color::Rgb(r, g, b) => format!("\"#{r:02x}{g:02x}{b:02x}\""),
        Color::Indexed(n) => n.to_string(),
        named => toml_string(&named.to_string().to_lowercase()),
    })
}

fn parse_color(value: &ColorValue) -> Result<Color, String> {
    match value {
        ColorValue::Index(n) => u8::try_from(*n).map(Color::Indexed).map_err(|_| {
            format!("colour {n} is out of range: a 256-colour index is 0–255 (or use a name like \"red\", or \"#rrggbb\")")
        }),
        ColorValue::Other(value) => Err(format!(
            "a colour is a name (\"red\", \"lightblue\"), \"#rrggbb\" or a number 0–255, not {}",
            crate::text::sanitize_line(&value.to_string())
        )),
        ColorValue::Text(text) => text.parse::<Color>().map_err(|_| {
            format!("unknown colour {text:?}: use a name (\"orange\" is not one; \"red\", \"lightblue\"), \"#rrggbb\" or 0–255")
        }),
    }
}

/// A date format chrono can write for a day: every `%` item known, and none that needs
/// a time or a zone (`%H`, `%z`, `%s` would make chrono fail mid-draw).
fn check_date_format(format: &str) -> Result<(), String> {
    use chrono::format::{Item, StrftimeItems};
    if StrftimeItems::new(format).any(|item| matches!(item, Item::Error)) {
        return Err(format!(
            "invalid date_format {format:?}: use strftime items like \"%Y-%m-%d\" or \"%d %b %Y\""
        ));
    }
    if crate::days::format_day(format, chrono::NaiveDate::MIN).is_none()
        || crate::days::format_day(format, chrono::NaiveDate::MAX).is_none()
    {
        return Err(format!(
            "date_format {format:?} asks for a time or a time zone, but dates are days: use day items like \"%Y-%m-%d\" or \"%d %b %Y\""
        ));
    }
    Ok(())
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The file `marquee config init` writes: every setting, commented out at its default.
pub const TEMPLATE: &str = r##"# marquee's config. Every line is optional; remove the "# " to change one.

# The author name on your reviews (default: your login name).
# name = "Ada"

# Mouse wheel and clicks; false leaves the mouse to the terminal for selecting text.
# mouse = true

# The list's first order: newest, oldest, highest, lowest or likes.
# default_sort = "newest"

# How dates are shown on every screen and in the tables (strftime): "%Y-%m-%d",
# "%d %b %Y", ... JSON and CSV keep "%Y-%m-%d".
# date_format = "%Y-%m-%d"

# letterboxd (dark grey with orange, green and blue), light, or plain (no colour).
# theme = "letterboxd"

# Keys: an action and the keys that do it, e.g. for Colemak:
#   [keys]
#   next = ["n", "Down"]
#   prev = ["e", "Up"]
#   edit = ["E"]          # e moves up now, so editing takes another key
# Keys are written "j", "G", "Ctrl-d", "PageDown", "Enter", "Esc", "F1", "Space".
# A table per mode changes one mode only:
#   [keys.reader]
#   back = ["Esc", "h"]
# `marquee config show` lists every action with its keys.
[keys]

# Single colours over the theme: a name, "#rrggbb" or 0-255.
# Roles: title, text, muted, accent, stars, author, bar, selection, selection_mark,
#        border, key, warning, highlight, toast.
[colors]
# accent = "#ff8000"
"##;

/// The login name the operating system has for this process's user (when `$USER` is not
/// set: cron, containers, `env -i`).
#[cfg(unix)]
fn login_name() -> Option<String> {
    use std::ffi::CStr;
    let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
    let mut buffer = vec![0 as libc::c_char; 4096];
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: getpwuid_r writes into `entry` and `buffer`, which outlive the call and
    // whose sizes are given; `found` is null or points at `entry`.
    let rc = unsafe {
        libc::getpwuid_r(
            libc::getuid(),
            &mut entry,
            buffer.as_mut_ptr(),
            buffer.len(),
            &mut found,
        )
    };
    if rc != 0 || found.is_null() || entry.pw_name.is_null() {
        return None;
    }
    // SAFETY: pw_name points into `buffer`, NUL-terminated, as getpwuid_r filled it.
    let name = unsafe { CStr::from_ptr(entry.pw_name) };
    Some(name.to_string_lossy().into_owned()).filter(|n| !n.is_empty())
}

#[cfg(not(unix))]
fn login_name() -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;

    fn key(text: &str) -> Key {
        text.parse().unwrap()
    }

    #[test]
    fn settings_are_read() {
        let config = Config::parse(
            "name = \"Ada\"\nmouse = false\ndefault_sort = \"oldest\"\ndate_format = \"%d %b %Y\"\ntheme = \"light\"\n",
        )
        .unwrap();
        assert_eq!(config.author(), "Ada");
        assert!(!config.mouse);
        assert_eq!(config.default_sort, Sort::Oldest);
        assert_eq!(config.date_format, "%d %b %Y");
        assert_eq!(config.theme, Theme::light());
    }

    #[test]
    fn keys_are_remapped_everywhere_they_browse() {
        let config = Config::parse("[keys]\nnext = [\"n\"]\n").unwrap();
        assert_eq!(
            config.keymap.action(Mode::List, key("n")),
            Some(Action::Next)
        );
        assert_eq!(
            config.keymap.action(Mode::Reader, key("n")),
            Some(Action::Next)
        );
        assert_eq!(config.keymap.action(Mode::List, key("j")), None);
        // The histogram's own keys are left alone.
        assert_eq!(
            config.keymap.action(Mode::Histogram, key("l")),
            Some(Action::Next)
        );
    }

    #[test]
    fn a_mode_table_changes_that_mode_only() {
        let config = Config::parse("[keys.reader]\nback = [\"Esc\", \"h\"]\n").unwrap();
        assert_eq!(
            config.keymap.action(Mode::Reader, key("h")),
            Some(Action::Back)
        );
        assert_eq!(config.keymap.action(Mode::Help, key("h")), None);
        assert_eq!(
            config.keymap.action(Mode::Help, key("Esc")),
            Some(Action::Back)
        );
    }

    #[test]
    fn colours_override_single_roles() {
        let config = Config::parse(
            "[colors]\naccent = \"#123456\"\nselection = 236\nstars = \"lightgreen\"\n",
        )
        .unwrap();
        assert_eq!(config.theme.accent.fg, Some(Color::Rgb(0x12, 0x34, 0x56)));
        assert_eq!(config.theme.selection.bg, Some(Color::Indexed(236)));
        assert_eq!(config.theme.stars.fg, Some(Color::LightGreen));
    }

    #[test]
    fn every_mistake_names_its_line() {
        let cases = [
            ("\n\nname = 3\n", "line 3:"),
            (
                "name = \"a\"\ncolour = \"red\"\n",
                "line 2: unknown field `colour`",
            ),
            (
                "\n[keys]\nnxet = [\"n\"]\n",
                "line 3: unknown action \"nxet\"",
            ),
            (
                "[keys]\nnext = [\"Hyper-x\"]\n",
                "line 2: unknown key \"Hyper-x\"",
            ),
            ("[keys]\nnext = [\"q\"]\n", "q is bound to both"),
            ("theme = \"neon\"\n", "line 1: unknown theme \"neon\""),
            (
                "\n[colors]\naccent = \"orangeish\"\n",
                "line 3: unknown colour \"orangeish\"",
            ),
            (
                "[colors]\nglow = \"red\"\n",
                "line 2: unknown colour role \"glow\"",
            ),
            (
                "[colors]\naccent = 256\n",
                "line 2: colour 256 is out of range: a 256-colour index is 0–255",
            ),
            (
                "[colors]\naccent = 1.5\n",
                "line 2: a colour is a name (\"red\", \"lightblue\"), \"#rrggbb\" or a number 0–255, not 1.5",
            ),
            ("default_sort = \"sideways\"\n", "line 1: unknown sort"),
            ("date_format = \"%Q\"\n", "line 1: invalid date_format"),
            (
                "date_format = \"%H:%M\"\n",
                "line 1: date_format \"%H:%M\" asks for a time",
            ),
            (
                "date_format = \"%d %z\"\n",
                "asks for a time or a time zone",
            ),
            ("date_format = \"%s\"\n", "asks for a time or a time zone"),
            ("date_format = \"%.3f\"\n", "asks for a time or a time zone"),
            (
                "[keys.nowhere]\nnext = [\"n\"]\n",
                "line 1: \"nowhere\" is neither an action nor a mode",
            ),
            ("name = \"unclosed\n", "line 1:"),
        ];
        for (text, expected) in cases {
            let err = Config::parse(text).unwrap_err();
            assert!(
                err.contains(expected),
                "{text:?} gave {err:?}, expected {expected:?}"
            );
        }
    }

    #[test]
    fn a_conflict_names_both_actions() {
        let err = Config::parse("[keys]\nnext = [\"q\"]\n").unwrap_err();
        assert!(err.contains("q is bound to both"), "{err}");
        assert!(err.contains("next") && err.contains("quit"), "{err}");
    }

    #[test]
    fn the_template_is_a_valid_config_of_defaults() {
        let config = Config::parse(TEMPLATE).unwrap();
        assert_eq!(config.keymap, crate::tui::screens::keymap());
        assert_eq!(config.theme, Theme::default());
    }

    #[test]
    fn the_templates_key_examples_work_uncommented() {
        let start = TEMPLATE.find("#   [keys]\n").unwrap();
        let example: String = TEMPLATE[start..]
            .lines()
            .take_while(|l| l.starts_with("#   "))
            .map(|l| format!("{}\n", &l[4..]))
            .collect();
        let config = Config::parse(&example).unwrap_or_else(|e| panic!("{e}\n{example}"));
        assert_ne!(config.keymap, crate::tui::screens::keymap());
    }

    #[test]
    fn show_writes_a_config_that_reads_back_the_same() {
        let config = Config::parse("name = \"Ada\"\n[keys]\nnext = [\"n\", \"Down\"]\n").unwrap();
        let again = Config::parse(&config.to_toml()).unwrap();
        assert_eq!(
            again.keymap.action(Mode::List, key("n")),
            Some(Action::Next)
        );
        assert_eq!(again.author(), "Ada");
    }

    #[test]
    fn a_missing_file_is_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::load(&dir.path().join("none.toml")).unwrap();
        assert_eq!(config.keymap, crate::tui::screens::keymap());
    }
}
