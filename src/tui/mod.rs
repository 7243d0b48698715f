//! The terminal user interface: key → action → update → view.

pub mod action;
pub mod app;
mod areas;
pub mod config;
pub mod keymap;
pub mod runtime;
pub mod screen;
pub mod screens;
pub mod settings;
mod status_line;
pub mod theme;
pub mod view;
pub mod widgets;

use std::io::Write;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};

use app::{App, Effect};
use keymap::mouse_action;
use runtime::signals::{self, StopSignal};
use runtime::terminal::{self, TerminalGuard, Tui};
use runtime::{crash, editor};

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
    let db = app.store().path().to_path_buf();
    crash::install(app.drafts().pending(), db.clone());
    let stop = signals::watch(app.drafts().pending(), db).context("cannot listen for signals")?;
    let (_guard, mut tui) =
        TerminalGuard::enter(options.mouse).context("cannot set up the terminal")?;
    let exit = event_loop(&mut tui, &mut app, &stop, options);
    // Whatever ended the loop, the draft is kept before the terminal is restored; where
    // it went, when not in the database, is said after the terminal is back.
    let saved = app.flush_draft();
    app.leave_drafts();
    // The guard gives the terminal back (the cursor shown included). ratatui's own drop
    // would show the cursor again and, on a terminal already gone (a closed window),
    // panic printing that it could not.
    std::mem::forget(tui);
    drop(_guard);
    if let Some(note) = saved.note() {
        // Said where possible: a terminal that is gone takes no word.
        let _ = writeln!(std::io::stderr(), "marquee: {note}");
    }
    exit
}

/// How often a TSTP is looked for while nothing else is due.
const SIGNALS_EVERY: Duration = Duration::from_millis(100);

/// How long a burst of input may be read before the screen shows where it got to.
const BURST_FRAME: Duration = Duration::from_millis(30);

fn event_loop(tui: &mut Tui, app: &mut App, stop: &StopSignal, options: &Options) -> Result<Exit> {
    let mut dirty = true;
    let mut said = std::collections::HashSet::new();
    loop {
        if let Some(signal) = stop.received() {
            return Ok(Exit::Signal(signal));
        }
        if stop.take_suspend() {
            suspend(tui, app, options)?;
            dirty = true;
        }
        // Each value another program stored outside marquee's rules is said once, not at
        // every reading of it.
        let new: Vec<String> = crate::store::take_problems()
            .into_iter()
            .filter(|p| said.insert(p.clone()))
            .collect();
        if let Some(problem) = new.first() {
            // Every one is said: the first, and how many more (`marquee check` lists them).
            let more = match new.len() - 1 {
                0 => String::new(),
                n => format!(" (and {n} more; `marquee check` lists them)"),
            };
            app.warn(format!("A value another program stored: {problem}{more}"));
            dirty = true;
        }
        if dirty {
            draw(tui, app)?;
            dirty = false;
        }
        if app.ready_to_quit() {
            return Ok(Exit::Quit);
        }
        // A TSTP is looked for often even when nothing else is due.
        if !event::poll(app.next_tick().min(SIGNALS_EVERY))? {
            dirty |= app.tick(Instant::now());
            continue;
        }
        let (mut changed, mut effect) = handle(app, event::read()?);
        // Whatever else the terminal has sent (a burst of keys, a paste without bracketed
        // paste) is read before drawing, a frame at least every `BURST_FRAME`; an input
        // that asks for something more (a query after its frame, the editor, quitting)
        // has it before the next input is read.
        let burst = Instant::now();
        while effect == Effect::None
            && stop.received().is_none()
            && burst.elapsed() < BURST_FRAME
            && event::poll(Duration::ZERO)?
        {
            let (more, next) = handle(app, event::read()?);
            changed |= more;
            effect = next;
        }
        match effect {
            Effect::Quit => return Ok(Exit::Quit),
            Effect::Suspend => {
                suspend(tui, app, options)?;
                dirty = true;
            }
            Effect::OpenEditor(text) => {
                let result = terminal::suspended(tui, options.mouse, || editor::edit(&text))?;
                app.editor_finished(result);
                dirty = true;
            }
            Effect::RunAfterFrame => {
                // The frame saying what runs, then the work.
                draw(tui, app)?;
                app.run_pending();
                dirty = true;
            }
            Effect::None if changed => {
                // The keys' frame first; what `tick` does (reading ahead, saving the
                // draft) comes after it.
                draw(tui, app)?;
            }
            Effect::None => {}
        }
        dirty |= app.tick(Instant::now());
    }
}

/// Gives the terminal back and stops as a shell's job; on `fg`, takes it back (the next
/// frame draws everything). The draft is kept first: the job may never be continued.
fn suspend(tui: &mut Tui, app: &mut App, options: &Options) -> Result<()> {
    app.flush_draft();
    terminal::suspended(tui, options.mouse, signals::stop_here)?;
    Ok(())
}

/// Draws a frame, the app told the terminal's size first (its layouts are for it).
fn draw(tui: &mut Tui, app: &mut App) -> Result<()> {
    app.resize(tui.size()?);
    tui.draw(|frame| view::draw(frame, app))?;
    Ok(())
}

/// Applies one terminal event; says whether the screen needs drawing again, and what the
/// event loop must do besides.
pub fn handle(app: &mut App, event: Event) -> (bool, Effect) {
    match event {
        // Ctrl-z suspends on every screen, as in every full-screen terminal program.
        Event::Key(key)
            if key.code == ratatui::crossterm::event::KeyCode::Char('z')
                && key
                    .modifiers
                    .contains(ratatui::crossterm::event::KeyModifiers::CONTROL) =>
        {
            (false, Effect::Suspend)
        }
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            if let ratatui::crossterm::event::KeyCode::Char(c) = key.code
                && crash::is_panic_key(c)
            {
                panic!("the test key {c:?} was pressed");
            }
            (true, app.key_event(key))
        }
        Event::Mouse(mouse) => match mouse_action(&mouse) {
            Some(action) => (true, app.wheel(action)),
            None if mouse.kind == MouseEventKind::Down(MouseButton::Left) => {
                (true, app.click(mouse.column, mouse.row))
            }
            None => (false, Effect::None),
        },
        Event::Paste(text) => (true, app.paste(&text)),
        Event::Resize(width, height) => {
            app.resize(ratatui::layout::Size::new(width, height));
            (true, Effect::None)
        }
        Event::FocusGained => (true, Effect::None),
        _ => (false, Effect::None),
    }
}
