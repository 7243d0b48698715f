//! The config file at work: remapped keys, themes, NO_COLOR, and the commands around it.

mod common;

use assert_cmd::Command;
use common::{draw, press, sample_store, terminal};
use insta::assert_snapshot;
use marquee::config::Config;
use marquee::tui::app::App;
use predicates::str::contains;
use ratatui::style::Color;

fn app_with_config(text: &str) -> App {
    let config = Config::parse(text).unwrap();
    let store = sample_store();
    let film = store.find_film("the-work").unwrap();
    App::new(store, film, &config).unwrap()
}

#[test]
fn a_remapped_key_moves_and_shows_in_help_and_hints() {
    let mut t = terminal(80, 24);
    let mut app = app_with_config("[keys]\nnext = [\"n\"]\n");
    let first = draw(&mut t, &mut app);
    assert!(first.lines().last().unwrap().contains("n next"), "{first}");
    let moved = press(&mut t, &mut app, &["n"]);
    assert!(moved.contains(" 2/5 "), "{moved}");
    let still = press(&mut t, &mut app, &["j"]);
    assert!(still.contains(" 2/5 "), "j no longer moves: {still}");
    assert!(still.contains("j does nothing here"), "{still}");
    let help = press(&mut t, &mut app, &["?"]);
    assert!(
        help.contains("  n                        next review"),
        "{help}"
    );
}

/// The README's Colemak example.
const COLEMAK: &str = "[keys]\nnext = [\"n\", \"Down\"]\nprev = [\"e\", \"Up\"]\nedit = [\"E\"]\n";

#[test]
fn the_colemak_example_moves_the_filter_menu_and_the_composers_fields() {
    let mut t = terminal(80, 24);
    let mut app = app_with_config(COLEMAK);
    draw(&mut t, &mut app);
    // The rating filter menu goes down with n and says so.
    let menu = press(&mut t, &mut app, &["f"]);
    assert!(menu.contains("n down"), "{menu}");
    assert!(!menu.contains("j down"), "{menu}");
    let down = press(&mut t, &mut app, &["n", "Enter"]);
    assert!(down.contains("★★★★★ · newest · 2 of 5"), "{down}");
    // The composer's rating and switches move with n and e.
    use marquee::tui::keymap::Mode;
    press(&mut t, &mut app, &["0", "w"]);
    assert_eq!(app.mode(), Mode::RatingField);
    press(&mut t, &mut app, &["n"]);
    assert_eq!(app.mode(), Mode::Composer, "on the text");
    press(&mut t, &mut app, &["Tab", "Tab"]);
    assert_eq!(app.mode(), Mode::ToggleField, "on liked");
    press(&mut t, &mut app, &["n", "n", "n"]);
    assert_eq!(app.mode(), Mode::Composer, "past spoiler, on the tags");
    press(&mut t, &mut app, &["Shift-Tab", "e", "e"]);
    assert_eq!(app.mode(), Mode::ToggleField, "back on liked");
    press(&mut t, &mut app, &["e"]);
    assert_eq!(app.mode(), Mode::Composer, "back on the watched day");
}

#[test]
fn a_remap_to_a_key_that_types_nothing_works_where_letters_are_typed() {
    let mut t = terminal(80, 24);
    let mut app = app_with_config("[keys]\nnext = [\"Ctrl-n\", \"Down\"]\n");
    draw(&mut t, &mut app);
    let library = press(&mut t, &mut app, &["F"]);
    assert!(library.contains("Ctrl-n"), "the hint says it: {library}");
    // And in a question of its own, a remap never takes another action's key.
    let app = app_with_config(COLEMAK);
    assert_eq!(
        app.keymap()
            .action(marquee::tui::keymap::Mode::Conflict, "n".parse().unwrap()),
        Some(marquee::tui::action::Action::KeepMine)
    );
}

/// The colours a screen uses, as (foreground, background) pairs that are not the default.
fn colours(t: &ratatui::Terminal<ratatui::backend::TestBackend>) -> Vec<(Color, Color)> {
    let buffer = t.backend().buffer();
    let mut found: Vec<(Color, Color)> = buffer
        .content()
        .iter()
        .map(|c| (c.fg, c.bg))
        .filter(|&(fg, bg)| fg != Color::Reset || bg != Color::Reset)
        .collect();
    found.sort_by_key(|c| format!("{c:?}"));
    found.dedup();
    found
}

#[test]
fn the_plain_theme_and_no_color_use_no_colour_at_all() {
    for config in [
        Config::parse("theme = \"plain\"\n").unwrap(),
        Config::parse("theme = \"light\"\n[colors]\naccent = \"red\"\n")
            .unwrap()
            .without_color(),
    ] {
        let store = sample_store();
        let film = store.find_film("the-work").unwrap();
        let mut app = App::new(store, film, &config).unwrap();
        for (w, h) in [(80, 24), (120, 40)] {
            let mut t = terminal(w, h);
            draw(&mut t, &mut app);
            for keys in [
                &["j"][..],
                &["?"],
                &["Esc", "f"],
                &["Esc", "/"],
                &["Esc", "Enter"],
                &["Esc", "w"],
            ] {
                press(&mut t, &mut app, keys);
                assert!(
                    colours(&t).is_empty(),
                    "colours on screen: {:?}",
                    colours(&t)
                );
            }
            press(&mut t, &mut app, &["Esc", "Esc"]);
        }
    }
}

/// A small screen with every cell's style, for theme snapshots.
fn styled_screen(theme: &str) -> String {
    let mut app = app_with_config(&format!("theme = \"{theme}\"\n"));
    let mut t = terminal(60, 14);
    draw(&mut t, &mut app);
    press(&mut t, &mut app, &["j"]);
    format!("{:?}", t.backend().buffer())
}

#[test]
fn each_theme_looks_as_designed() {
    assert_snapshot!("theme_letterboxd", styled_screen("letterboxd"));
    assert_snapshot!("theme_light", styled_screen("light"));
    assert_snapshot!("theme_plain", styled_screen("plain"));
}

fn marquee(dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("marquee").unwrap();
    cmd.env("MARQUEE_DB", dir.join("m.db"))
        .env("MARQUEE_CONFIG", dir.join("config.toml"))
        .env_remove("NO_COLOR");
    cmd
}

#[test]
fn config_path_init_and_show() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    marquee(dir.path())
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(contains(path.to_str().unwrap()));
    marquee(dir.path())
        .args(["config", "init"])
        .assert()
        .success();
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("# theme = \"letterboxd\""), "{written}");
    marquee(dir.path())
        .args(["config", "init"])
        .assert()
        .failure()
        .stderr(contains("already exists"));
    std::fs::write(
        &path,
        "name = \"Ada\"\n[keys]\nnext = [\"n\", \"Down\"]\n[colors]\naccent = \"#ff8000\"\nselection = 236\n",
    )
    .unwrap();
    marquee(dir.path())
        .args(["config", "show"])
        .env("NO_COLOR", "1")
        .assert()
        .success()
        .stdout(contains(format!(
            "# config file: {} (from MARQUEE_CONFIG)",
            path.display()
        )))
        .stdout(contains("# NO_COLOR is set: the app draws without colour"))
        .stdout(contains("name = \"Ada\""))
        .stdout(contains("[colors]\n"))
        .stdout(contains("accent = \"#ff8000\"\n"))
        .stdout(contains("selection = 236\n"))
        .stdout(contains("[keys.list]"))
        .stdout(contains("next = [\"n\", \"Down\"]"));
}

#[test]
fn a_broken_config_stops_marquee_with_file_and_line_unless_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "name = \"Ada\"\n\n[keys]\nnxet = [\"n\"]\n").unwrap();
    marquee(dir.path())
        .args(["films"])
        .assert()
        .failure()
        .stderr(contains(format!(
            "{}: line 4: unknown action \"nxet\"",
            path.display()
        )));
    marquee(dir.path())
        .args(["--no-config", "import", "page", "assets/the-work.txt"])
        .assert()
        .success();
}

#[test]
fn command_output_is_coloured_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    marquee(dir.path())
        .args(["import", "page", "assets/the-work.txt"])
        .assert()
        .success();
    let plain = marquee(dir.path())
        .args(["reviews", "the-work"])
        .output()
        .unwrap();
    assert!(!plain.stdout.contains(&0x1b), "not a terminal: no colour");
    let always = marquee(dir.path())
        .args(["--color", "always", "reviews", "the-work"])
        .output()
        .unwrap();
    assert!(always.stdout.contains(&0x1b), "--color always colours");
    let never = marquee(dir.path())
        .env("NO_COLOR", "1")
        .args(["reviews", "the-work"])
        .output()
        .unwrap();
    assert!(!never.stdout.contains(&0x1b));
}

#[test]
fn completions_and_the_man_page_are_generated() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        marquee(dir.path())
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(contains("marquee"))
            .stdout(contains("reviews"));
    }
    marquee(dir.path())
        .arg("man")
        .assert()
        .success()
        .stdout(contains(".TH MARQUEE 1"))
        .stdout(contains("\\-\\-read\\-only"));
}

#[test]
fn every_action_remapped_for_every_screen_takes_its_new_key_wherever_it_is_bound() {
    use marquee::tui::action::Action;
    use marquee::tui::keymap::{Key, Mode};
    let defaults = marquee::tui::screens::keymap();
    let f12: Key = "F12".parse().unwrap();
    for action in defaults.actions() {
        let text = format!("[keys]\n{} = [\"F12\"]\n", action.name());
        let config = Config::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", action.name()));
        for mode in defaults.modes() {
            if defaults.keys(mode, action).is_empty() {
                continue;
            }
            // The histogram's next and prev are its left and right: they stay.
            let own = mode == Mode::Histogram && matches!(action, Action::Next | Action::Prev);
            let keys = config.keymap.keys(mode, action);
            assert_eq!(
                keys.contains(&f12),
                !own,
                "{} in {}: {keys:?}",
                action.name(),
                mode.name()
            );
            if !own {
                // And help says so (the composer's fields under the composer's section
                // for what they share with it).
                let mut help = config.keymap.help(mode);
                if matches!(mode, Mode::RatingField | Mode::ToggleField) {
                    help.extend(config.keymap.help(Mode::Composer));
                }
                assert!(
                    help.iter().any(|(keys, _)| keys.contains("F12")),
                    "{} in {}: {help:?}",
                    action.name(),
                    mode.name()
                );
            }
        }
    }
}
