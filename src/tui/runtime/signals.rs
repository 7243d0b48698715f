//! Every signal that would end the process (TERM, HUP, INT, QUIT, USR1, USR2, ALRM and the
//! rest) stops the app cleanly. The event loop notices within a tick, saves the
//! draft and restores the terminal; if it does not (crossterm can spin forever reading a
//! terminal that has hung up), a watcher thread does both and exits after a grace period.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::Duration;

use signal_hook::consts::{
    SIGALRM, SIGHUP, SIGINT, SIGIO, SIGPROF, SIGQUIT, SIGSTOP, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2,
    SIGVTALRM, SIGXCPU, SIGXFSZ,
};
use signal_hook::iterator::Signals;

use crate::tui::runtime::drafts::{self, Pending};
use crate::tui::runtime::terminal;

/// How long the event loop has to stop by itself after a signal.
const GRACE: Duration = Duration::from_secs(1);

/// The signal that asked the app to stop, if one has; and whether the terminal asked it
/// to suspend (`kill -TSTP`, as Ctrl-z does in a shell).
#[derive(Clone)]
pub struct StopSignal(Arc<AtomicI32>, Arc<AtomicBool>);

impl StopSignal {
    pub fn received(&self) -> Option<i32> {
        match self.0.load(Ordering::SeqCst) {
            0 => None,
            signal => Some(signal),
        }
    }

    /// Whether a TSTP came since last asked.
    pub fn take_suspend(&self) -> bool {
        self.1.swap(false, Ordering::SeqCst)
    }
}

/// Stops the process as a shell's job (SIGSTOP: a TSTP would only be caught again);
/// returns when the shell continues it (`fg`).
pub fn stop_here() {
    let _ = signal_hook::low_level::raise(SIGSTOP);
}

/// The signals whose default is to end the process, and that a process may catch.
const ENDING: [i32; 12] = [
    SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
    SIGXFSZ, SIGIO,
];

/// Starts watching for the signals that end a process. If the loop does not stop in time, the watcher
/// saves the pending draft to `db` itself before exiting.
pub fn watch(pending: Pending, db: PathBuf) -> std::io::Result<StopSignal> {
    let stop = StopSignal(
        Arc::new(AtomicI32::new(0)),
        Arc::new(AtomicBool::new(false)),
    );
    // A TSTP is caught, so that the terminal is given back before the process stops.
    signal_hook::flag::register(SIGTSTP, Arc::clone(&stop.1))?;
    let mut signals = Signals::new(ENDING)?;
    let flag = Arc::clone(&stop.0);
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                flag.store(signal, Ordering::SeqCst);
                std::thread::sleep(GRACE);
                drafts::save_pending(&pending, &db);
                terminal::restore();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(stop)
}
