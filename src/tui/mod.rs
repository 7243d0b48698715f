//! The terminal user interface: key → action → update → view.

pub mod action;
pub mod app;
pub mod keymap;
pub mod review_window;
pub mod terminal;
pub mod theme;
pub mod view;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use app::App;
use keymap::{Key, mouse_action};
use terminal::{TerminalGuard, Tui};

/// How long the loop waits for input before looking at signals again.
const TICK: Duration = Duration::from_millis(200);

pub struct Options {
    pub mouse: bool,
}

/// Runs the app until the user quits or a signal (TERM, HUP, INT) asks it to stop.
pub fn run(mut app: App, options: &Options) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .context("cannot listen for signals")?;
    }
    let (_guard, mut terminal) =
        TerminalGuard::enter(options.mouse).context("cannot set up the terminal")?;
    event_loop(&mut terminal, &mut app, &stop)
}

fn event_loop(terminal: &mut Tui, app: &mut App, stop: &AtomicBool) -> Result<()> {
    let mut dirty = true;
    while !app.should_quit() && !stop.load(Ordering::Relaxed) {
        if dirty {
            terminal.draw(|frame| view::draw(frame, app))?;
            dirty = false;
        }
        if !event::poll(TICK)? {
            continue;
        }
        dirty = handle(app, event::read()?)?;
    }
    Ok(())
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
