//! Ctrl-e: the review's text in the user's own editor (`$VISUAL`, else `$EDITOR`, else vi).

use std::io::Write;
use std::process::Command;

/// Opens `text` in the editor and returns what was saved, or why that failed.
/// The terminal must be handed over (suspended) around this call.
pub fn edit(text: &str) -> Result<String, String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|e| !e.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|e| !e.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_string());
    let mut file = tempfile::Builder::new()
        .prefix("marquee-review-")
        .suffix(".md")
        .tempfile()
        .map_err(|e| format!("cannot make a file for the editor: {e}"))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|e| format!("cannot write the file for the editor: {e}"))?;
    // Through the shell, so an editor given with arguments ("code --wait") works.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status()
        .map_err(|e| format!("cannot start the editor {editor:?}: {e}"))?;
    if !status.success() {
        return Err(format!(
            "the editor {editor:?} exited with {status}; your text is unchanged"
        ));
    }
    let bytes = std::fs::read(file.path())
        .map_err(|e| format!("cannot read back what the editor saved: {e}"))?;
    String::from_utf8(bytes)
        .map_err(|_| "the editor saved text that is not UTF-8; your text is unchanged".to_string())
}
