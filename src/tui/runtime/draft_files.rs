//! A draft kept in a file when the database can't take it (a full disk, another program
//! holding it). The usual place is the platform's state folder
//! (`$XDG_STATE_HOME/marquee/drafts`); when that disk is full too, a file reserved there
//! when the composer opened is written in place (it needs no new space), and failing
//! that, a folder on another filesystem (`$XDG_RUNTIME_DIR`, `/dev/shm`, the temporary
//! folder). Wherever it went is said, and the next `w` on the film finds it.

use std::fs::{File, OpenOptions};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::model::{Draft, Rating};

/// The room a reserved file keeps: a draft of the longest review marquee keeps (100,000
/// characters, four bytes each at most) and its fields.
const RESERVED: u64 = 512 * 1024;

/// Where drafts of the database `db` go, in order: the state folder first.
fn folders() -> Vec<PathBuf> {
    let mut folders = Vec::new();
    if let Some(dirs) = directories::ProjectDirs::from("", "", "marquee") {
        folders.push(
            dirs.state_dir()
                .unwrap_or_else(|| dirs.data_local_dir())
                .join("drafts"),
        );
    }
    let user = user_id();
    // The user's own memory-backed folder, else the system's shared one.
    match std::env::var_os("XDG_RUNTIME_DIR").filter(|v| !v.is_empty()) {
        Some(runtime) => folders.push(PathBuf::from(runtime).join("marquee").join("drafts")),
        None if Path::new("/dev/shm").is_dir() => folders.push(
            Path::new("/dev/shm")
                .join(format!("marquee-{user}"))
                .join("drafts"),
        ),
        None => {}
    }
    folders.push(
        std::env::temp_dir()
            .join(format!("marquee-{user}"))
            .join("drafts"),
    );
    folders
}

#[cfg(unix)]
fn user_id() -> u32 {
    // SAFETY: getuid has no preconditions and cannot fail.
    unsafe { libc::getuid() }
}

#[cfg(not(unix))]
fn user_id() -> u32 {
    0
}

/// The file name of a draft of the film `slug` in the database `db`: the database's
/// name, a hash of its full path and one of the slug (slugs other programs write may hold
/// anything).
fn file_name(db: &Path, slug: &str) -> String {
    let full = db.canonicalize().unwrap_or_else(|_| db.to_path_buf());
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let stem: String = stem
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    let db_hash = crate::text::fnv1a(full.to_string_lossy().as_bytes());
    let slug_hash = crate::text::fnv1a(slug.as_bytes());
    format!("{stem}-{db_hash:08x}-film-{slug_hash:08x}")
}

/// Every file a draft of `slug` may be in: each folder's, and the reserved one. None
/// for an in-memory database, which no later app could open.
fn candidates(db: &Path, slug: &str) -> Vec<PathBuf> {
    if db == Path::new(":memory:") {
        return Vec::new();
    }
    let name = file_name(db, slug);
    let mut files: Vec<PathBuf> = folders()
        .into_iter()
        .map(|f| f.join(format!("{name}.json")))
        .collect();
    if let Some(first) = folders().first() {
        files.insert(1, first.join(format!("{name}.reserved.json")));
    }
    files
}

fn to_json(draft: &Draft) -> String {
    let saved = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    serde_json::json!({
        "film_id": draft.film_id,
        "film_slug": draft.film_slug,
        "base": draft.base,
        "entry_id": draft.entry_id,
        "rating": draft.rating.map(Rating::half_stars),
        "body": draft.body,
        "watched": draft.watched,
        "liked": draft.liked,
        "rewatch": draft.rewatch,
        "spoiler": draft.spoiler,
        "tags": draft.tags,
        "saved": saved,
    })
    .to_string()
}

/// A draft read back, with when it was kept (milliseconds since 1970). A reserved file
/// holding no draft yet reads as `None`.
fn read(path: &Path) -> Option<(Draft, u64)> {
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    let text = |key: &str| json[key].as_str().unwrap_or_default().to_string();
    let draft = Draft {
        film_id: json["film_id"].as_i64().unwrap_or_default(),
        film_slug: json["film_slug"].as_str()?.to_string(),
        base: json["base"].as_str().map(String::from),
        entry_id: json["entry_id"].as_i64(),
        rating: json["rating"]
            .as_u64()
            .and_then(|r| u8::try_from(r).ok())
            .and_then(Rating::from_half_stars),
        body: text("body"),
        watched: text("watched"),
        liked: json["liked"].as_bool().unwrap_or(false),
        rewatch: json["rewatch"].as_bool().unwrap_or(false),
        spoiler: json["spoiler"].as_bool().unwrap_or(false),
        tags: text("tags"),
    };
    Some((draft, json["saved"].as_u64().unwrap_or(0)))
}

/// Writes through a temporary file in `folder`, so a full disk never leaves half of one.
fn write_whole(path: &Path, json: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private(dir)?;
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(json.as_bytes())?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A folder only its user may read: drafts in shared places stay private.
fn create_private(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Writes over the reserved file in place: its blocks are there already, so a full disk
/// takes it. What is left of an older, longer draft is blanked (JSON ends at spaces).
fn write_reserved(path: &Path, json: &str) -> std::io::Result<()> {
    let mut file = OpenOptions::new().write(true).open(path)?;
    let length = file.metadata()?.len();
    if json.len() as u64 > length {
        return Err(std::io::Error::other(
            "the draft is longer than its reserved room",
        ));
    }
    file.seek(SeekFrom::Start(0))?;
    file.write_all(json.as_bytes())?;
    blank(&mut file, length - json.len() as u64)?;
    file.sync_data()
}

fn blank(file: &mut File, mut count: u64) -> std::io::Result<()> {
    let spaces = [b' '; 8192];
    while count > 0 {
        let n = count.min(spaces.len() as u64) as usize;
        file.write_all(&spaces[..n])?;
        count -= n as u64;
    }
    Ok(())
}

/// Reserves room for a draft of `slug` in the state folder (a file of spaces, written out
/// so its blocks are the file's), while the disk has some. Quietly does nothing when it
/// can't: the draft then has the other folders.
pub fn reserve(db: &Path, slug: &str) {
    let Some(path) = candidates(db, slug).into_iter().nth(1) else {
        return;
    };
    if std::fs::metadata(&path).is_ok_and(|m| m.len() >= RESERVED) {
        return;
    }
    let made = (|| -> std::io::Result<()> {
        create_private(path.parent().unwrap_or(Path::new(".")))?;
        let mut file = File::create(&path)?;
        blank(&mut file, RESERVED)?;
        file.sync_all()
    })();
    if made.is_err() {
        let _ = std::fs::remove_file(&path);
    }
}

/// Keeps `draft` in a file: the state folder's, else the reserved one, else another
/// filesystem's. The file it went to, or why none would take it.
pub fn keep(db: &Path, draft: &Draft) -> Result<PathBuf, String> {
    let json = to_json(draft);
    let mut why = String::new();
    for (i, path) in candidates(db, &draft.film_slug).into_iter().enumerate() {
        let written = if i == 1 {
            write_reserved(&path, &json)
        } else {
            write_whole(&path, &json)
        };
        match written {
            Ok(()) => {
                // An older copy elsewhere would be offered instead of this one otherwise.
                for other in candidates(db, &draft.film_slug) {
                    if other != path {
                        forget(&other);
                    }
                }
                return Ok(path);
            }
            Err(error) if why.is_empty() => why = error.to_string(),
            Err(_) => {}
        }
    }
    Err(why)
}

/// The newest draft of `slug` kept in a file, and the file.
pub fn find(db: &Path, slug: &str) -> Option<(Draft, PathBuf)> {
    candidates(db, slug)
        .into_iter()
        .filter_map(|path| {
            let (draft, saved) = read(&path)?;
            (draft.film_slug == slug).then_some((draft, saved, path))
        })
        .max_by_key(|(_, saved, _)| *saved)
        .map(|(draft, _, path)| (draft, path))
}

/// Removes every file a draft of `slug` was kept in (it was saved, or discarded).
pub fn forget_all(db: &Path, slug: &str) {
    for path in candidates(db, slug) {
        let _ = std::fs::remove_file(path);
    }
}

/// Every copy of a draft of `slug` kept in a file goes, now that the database has it
/// (the reserved room is blanked and kept while the composer is open).
pub fn forget_copies(db: &Path, slug: &str) {
    for path in candidates(db, slug) {
        forget(&path);
    }
}

/// The reserved file of `slug`, when it holds no draft: the app is ending, and the room
/// is given back.
pub fn release_reserve(db: &Path, slug: &str) {
    if let Some(path) = candidates(db, slug).into_iter().nth(1)
        && path.exists()
        && read(&path).is_none()
    {
        let _ = std::fs::remove_file(path);
    }
}

/// A file that held a draft now in the database: a reserved one is blanked and kept
/// for the next time, the others go.
pub fn forget(path: &Path) {
    if path.to_string_lossy().ends_with(".reserved.json") {
        if let Ok(mut file) = OpenOptions::new().write(true).open(path) {
            let length = file.metadata().map_or(0, |m| m.len());
            let _ = blank(&mut file, length);
        }
    } else {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reserved_file_reads_as_nothing_until_a_draft_is_written_over_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.reserved.json");
        std::fs::write(&path, vec![b' '; 4096]).unwrap();
        assert!(read(&path).is_none());
        let draft = Draft {
            film_slug: "the-work".into(),
            body: "long ".repeat(200),
            ..Draft::default()
        };
        write_reserved(&path, &to_json(&draft)).unwrap();
        let shorter = Draft {
            body: "short".into(),
            ..draft.clone()
        };
        write_reserved(&path, &to_json(&shorter)).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len(), 4096, "never grows");
        assert_eq!(read(&path).unwrap().0.body, "short");
        let too_long = Draft {
            body: "x".repeat(5000),
            ..draft
        };
        assert!(write_reserved(&path, &to_json(&too_long)).is_err());
        assert_eq!(read(&path).unwrap().0.body, "short", "kept as it was");
    }
}
