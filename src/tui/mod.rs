//! The terminal user interface: key → action → update → view.

pub mod action;
pub mod app;
pub mod keymap;
pub mod review_window;
pub mod signals;
pub mod terminal;
pub mod theme;
pub mod view;

use std::time::Duration;

use anyhow::{Context, Result};
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use app::App;
use keymap::{Key, mouse_action};
use signals::StopSignal;
use terminal::{TerminalGuard, Tui};

/// How long the loop waits for input before looking at signals again.
const TICK: Duration = Duration::from_millis(200);

pub struct Options {
    pub mouse: bool,
}

/// How the app ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// A signal (TERM, HUP or INT) stopped it.
    Signal(i32),
}

/// Runs the app until the user quits or a signal asks it to stop.
pub fn run(mut app: App, options: &Options) -> Result<Exit> {
    let stop = signals::watch().context("cannot listen for signals")?;
    let (_guard, mut terminal) =
        TerminalGuard::enter(options.mouse).context("cannot set up the terminal")?;
    event_loop(&mut terminal, &mut app, &stop)
}

fn event_loop(terminal: &mut Tui, app: &mut App, stop: &StopSignal) -> Result<Exit> {
    let mut dirty = true;
    loop {
        if let Some(signal) = stop.received() {
            return Ok(Exit::Signal(signal));
        }
        if app.should_quit() {
            return Ok(Exit::Quit);
        }
        if dirty {
            terminal.draw(|frame| view::draw(frame, app))?;
            dirty = false;
        }
        if event::poll(TICK)? {
            dirty = handle(app, event::read()?)?;
        }
    }
}

/// Applies one terminal event; says whether the screen needs drawing again.
pub fn handle(app: &mut App, event: Event) -> Result<bool> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            app.key(Key::from_event(&key))?;
            Ok(true)
        }
        Event::Mouse(mouse) => match mouse_action(&mouse) {
            Some(action) => {
                app.wheel(action)?;
                Ok(true)
            }
            None => Ok(false),
        },
        Event::Resize(..) | Event::FocusGained => Ok(true),
        _ => Ok(false),
    }
}
