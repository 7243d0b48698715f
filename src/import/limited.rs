//! Reading what an import is given, never more than it may hold: a device that never
//! ends (`/dev/zero`), a FIFO that never writes, a 3 GB line are refused, not read until
//! memory runs out or forever.

use std::io::Read;
use std::path::Path;

/// What kind of file `path` is (symlinks followed), when it is not a regular file: "a
/// FIFO", "a device", "a socket", "a folder". Checked before opening, because opening a
/// FIFO waits for a writer.
pub fn not_regular(path: &Path) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let kind = std::fs::metadata(path).ok()?.file_type();
    if kind.is_file() {
        None
    } else if kind.is_dir() {
        Some("a folder")
    } else if kind.is_fifo() {
        Some("a FIFO (a named pipe)")
    } else if kind.is_char_device() || kind.is_block_device() {
        Some("a device")
    } else if kind.is_socket() {
        Some("a socket")
    } else {
        Some("not a regular file")
    }
}

/// A regular file's bytes, refused when it is something else or holds more than `limit`
/// bytes; the message says what, without the file's name (the caller names it).
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    if let Some(kind) = not_regular(path) {
        return Err(format!("is {kind}, not a file marquee can read"));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot be read: {e}"))?;
    read_at_most(file, limit)
}

/// All of `input`, or an error as soon as it holds more than `limit` bytes.
pub fn read_at_most(input: impl Read, limit: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    input
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be read: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!("holds more than {}", size(limit)));
    }
    Ok(bytes)
}

/// "64 MB", "400 KB".
pub fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{} MB", bytes >> 20)
    } else {
        format!("{} KB", bytes.div_ceil(1 << 10))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_and_endless_inputs_are_refused_not_read() {
        let zero = Path::new("/dev/zero");
        assert_eq!(
            read_file(zero, 1 << 20).unwrap_err(),
            "is a device, not a file marquee can read"
        );
        let endless = std::io::repeat(b'x');
        assert_eq!(
            read_at_most(endless, 1 << 20).unwrap_err(),
            "holds more than 1 MB"
        );
        assert_eq!(read_at_most(&b"short"[..], 10).unwrap(), b"short");
    }
}
