//! When marquee panics: the terminal comes back first, the draft is saved, the details go
//! to a file, and the user reads one short paragraph saying where.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Once;

use crate::tui::runtime::drafts::{self, Pending};
use crate::tui::runtime::terminal;

/// Installs the hook (once per process).
pub fn install(pending: Pending, db: PathBuf) {
    static ONCE: Once = Once::new();
    ONCE.call_once(move || {
        std::panic::set_hook(Box::new(move |info| {
            terminal::restore();
            drafts::save_pending(&pending, &db);
            let details = format!(
                "marquee {} crashed.\n\n{info}\n\nBacktrace:\n{}\n",
                env!("CARGO_PKG_VERSION"),
                std::backtrace::Backtrace::force_capture()
            );
            match write_report(&details) {
                Some(path) => eprintln!(
                    "marquee crashed. Your draft is saved. The details are in {}; please include \
                     them if you report it.",
                    path.display()
                ),
                None => eprintln!("marquee crashed. Your draft is saved.\n\n{details}"),
            }
        }));
    });
}

/// Writes the crash details to a new file in the temporary folder.
fn write_report(details: &str) -> Option<PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let path =
        std::env::temp_dir().join(format!("marquee-crash-{stamp}-{}.txt", std::process::id()));
    let mut file = std::fs::File::create(&path).ok()?;
    file.write_all(details.as_bytes()).ok()?;
    Some(path)
}

/// A test seam: when `MARQUEE_TEST_PANIC` names a key, that key panics, so the
/// end-to-end tests can check all of the above on the real binary. Debug builds only
/// (what `cargo test` runs); a release build has no such key.
#[cfg(debug_assertions)]
pub fn is_panic_key(c: char) -> bool {
    static KEY: std::sync::OnceLock<Option<char>> = std::sync::OnceLock::new();
    *KEY.get_or_init(|| std::env::var("MARQUEE_TEST_PANIC").ok()?.chars().next()) == Some(c)
}

#[cfg(not(debug_assertions))]
pub fn is_panic_key(_: char) -> bool {
    false
}
