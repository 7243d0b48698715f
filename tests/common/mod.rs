//! Helpers for screen tests: the sample app, a TestBackend terminal, key presses.
#![allow(dead_code)]

use marquee::config::Config;
use marquee::sample;
use marquee::store::Store;
use marquee::tui::app::{App, Effect};
use marquee::tui::keymap::Key;
use marquee::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn sample_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    sample::seed(&mut store).unwrap();
    store
}

/// Adds a film of that slug, title and year, with no entries; returns its id.
pub fn add_film(store: &mut Store, slug: &str, title: &str, year: i32) -> i64 {
    let film = marquee::model::NewFilm {
        slug: slug.into(),
        title: title.into(),
        year: Some(year),
        ..Default::default()
    };
    store.add_film_with_entries(&film, &[]).unwrap();
    store.find_film(slug).unwrap().id
}

/// Default settings, the user named "tester".
pub fn config() -> Config {
    Config {
        name: Some("tester".into()),
        ..Config::default()
    }
}

pub fn app_with(store: Store) -> App {
    let film = store.find_film("the-work").unwrap();
    App::new(store, film, &config()).unwrap()
}

pub fn sample_app() -> App {
    app_with(sample_store())
}

pub fn terminal(width: u16, height: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(width, height)).unwrap()
}

/// Draws the app as the event loop does, at the terminal's size (which the app is told,
/// as a resize tells it).
pub fn draw(terminal: &mut Terminal<TestBackend>, app: &mut App) -> String {
    app.resize(terminal.size().unwrap());
    terminal.draw(|f| view::draw(f, app)).unwrap();
    terminal.backend().to_string()
}

/// Presses keys (as the config file writes them), drawing after each as the real loop does.
pub fn press(terminal: &mut Terminal<TestBackend>, app: &mut App, keys: &[&str]) -> String {
    for key in keys {
        let effect = app.key(key.parse::<Key>().unwrap());
        // As the event loop does between keys: writes that landed are shown.
        app.settle_writes();
        draw(terminal, app);
        // As the event loop does: work announced by that frame runs after it.
        if effect == Effect::RunAfterFrame {
            app.run_pending();
            draw(terminal, app);
        }
    }
    draw(terminal, app)
}

/// Types text into whatever has focus; `\n` is Enter.
pub fn type_text(terminal: &mut Terminal<TestBackend>, app: &mut App, text: &str) -> String {
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        app.key_event(KeyEvent::new(code, KeyModifiers::NONE));
        app.settle_writes();
    }
    draw(terminal, app)
}
