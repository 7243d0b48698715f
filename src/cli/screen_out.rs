//! Standard output as a terminal should get it: what came from files, the database or
//! arguments, with no control character left to act as an escape sequence.

use std::io::{self, Write};

/// Writes through to `inner`, each line sanitized (`text::sanitize`) when `on`; as it
/// is otherwise (a pipe or a file gets the bytes).
pub struct ScreenOut<W: Write> {
    inner: W,
    on: bool,
    pending: Vec<u8>,
}

impl<W: Write> ScreenOut<W> {
    pub fn new(inner: W, on: bool) -> Self {
        ScreenOut {
            inner,
            on,
            pending: Vec::new(),
        }
    }

    fn write_pending(&mut self, upto: usize) -> io::Result<()> {
        let line: Vec<u8> = self.pending.drain(..upto).collect();
        let shown = crate::text::sanitize(&String::from_utf8_lossy(&line));
        self.inner.write_all(shown.as_bytes())
    }
}

impl<W: Write> Write for ScreenOut<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.on {
            return self.inner.write(buf);
        }
        self.pending.extend_from_slice(buf);
        // Whole lines only: a character split between two writes stays whole.
        if let Some(end) = self.pending.iter().rposition(|&b| b == b'\n') {
            self.write_pending(end + 1)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            self.write_pending(self.pending.len())?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for ScreenOut<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_gets_no_escape_and_a_pipe_gets_the_bytes() {
        let evil = "Evil \u{1b}]0;PWNED\u{7}\u{1b}[2J,=1+1\n\u{9b}31mred\n";
        let mut shown = Vec::new();
        {
            let mut out = ScreenOut::new(&mut shown, true);
            // Written in pieces that split a character and a line.
            for piece in evil.as_bytes().chunks(3) {
                out.write_all(piece).unwrap();
            }
        }
        let shown = String::from_utf8(shown).unwrap();
        assert!(!shown.contains(['\u{1b}', '\u{7}', '\u{9b}']), "{shown:?}");
        assert_eq!(shown, "Evil ^[]0;PWNED^G^[[2J,=1+1\n\u{fffd}31mred\n");
        let mut piped = Vec::new();
        ScreenOut::new(&mut piped, false)
            .write_all(evil.as_bytes())
            .unwrap();
        assert_eq!(piped, evil.as_bytes());
    }
}
