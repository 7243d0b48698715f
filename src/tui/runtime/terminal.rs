//! The terminal guard: puts the terminal into the app's modes and always puts it back, on
//! quit, on error (by `Drop`) and on panic (by a hook that runs before the panic message).

use std::io::{self, Stdout, Write};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// While this lives the terminal is in raw mode on the alternate screen, with bracketed
/// paste and (unless turned off) mouse capture. Dropping it restores everything.
pub struct TerminalGuard {
    _private: (),
}

impl TerminalGuard {
    pub fn enter(mouse: bool) -> io::Result<(TerminalGuard, Tui)> {
        let guard = TerminalGuard { _private: () };
        set_modes(mouse)?;
        let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok((guard, terminal))
    }
}

/// Whether the app's modes are on: restoring twice would leave the alternate screen twice,
/// and the second time the terminal puts the cursor back where the app started, over
/// whatever was printed since (a crash message).
static ACTIVE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn set_modes(mouse: bool) -> io::Result<()> {
    ACTIVE.store(true, std::sync::atomic::Ordering::SeqCst);
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    execute!(
        stdout,
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )?;
    if mouse {
        execute!(stdout, EnableMouseCapture)?;
    }
    Ok(())
}

/// Hands the terminal to another program (the external editor) for the length of `run`,
/// then takes it back and redraws everything. (`Terminal::clear` would ask the terminal
/// for its cursor position, which not every terminal answers; a fresh `Terminal` on a
/// cleared screen needs no answer.)
pub fn suspended<T>(terminal: &mut Tui, mouse: bool, run: impl FnOnce() -> T) -> io::Result<T> {
    restore();
    let result = run();
    set_modes(mouse)?;
    execute!(io::stdout(), Clear(ClearType::All))?;
    *terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    Ok(result)
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Undoes every mode the guard may have set. Safe to call more than once: only the first
/// call after the modes were set does anything.
pub fn restore() {
    if !ACTIVE.swap(false, std::sync::atomic::Ordering::SeqCst) {
        return;
    }
    let mut stdout = io::stdout();
    let _ = execute!(
        stdout,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = stdout.flush();
}
