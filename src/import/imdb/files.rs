//! Which of IMDb's files a path is, by the name IMDb gives it (`title.basics.tsv.gz`, or
//! unzipped `title.basics.tsv`), and the header each starts with.

use std::path::{Path, PathBuf};

use super::super::ImportError;

/// The files marquee reads, in the order it reads them: the akas first (a title known by
/// another name becomes a candidate before its kind and year are read), then the titles,
/// then what is known of the titles matched (ratings, directors), then those directors'
/// names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Akas,
    Basics,
    Ratings,
    Crew,
    Names,
}

impl Kind {
    pub fn stem(self) -> &'static str {
        match self {
            Kind::Akas => "title.akas",
            Kind::Basics => "title.basics",
            Kind::Ratings => "title.ratings",
            Kind::Crew => "title.crew",
            Kind::Names => "name.basics",
        }
    }

    /// The header line IMDb writes, column by column.
    pub fn header(self) -> &'static [&'static str] {
        match self {
            Kind::Akas => &[
                "titleId",
                "ordering",
                "title",
                "region",
                "language",
                "types",
                "attributes",
                "isOriginalTitle",
            ],
            Kind::Basics => &[
                "tconst",
                "titleType",
                "primaryTitle",
                "originalTitle",
                "isAdult",
                "startYear",
                "endYear",
                "runtimeMinutes",
                "genres",
            ],
            Kind::Ratings => &["tconst", "averageRating", "numVotes"],
            Kind::Crew => &["tconst", "directors", "writers"],
            Kind::Names => &[
                "nconst",
                "primaryName",
                "birthYear",
                "deathYear",
                "primaryProfession",
                "knownForTitles",
            ],
        }
    }

    const ALL: [Kind; 5] = [
        Kind::Akas,
        Kind::Basics,
        Kind::Ratings,
        Kind::Crew,
        Kind::Names,
    ];
}

/// IMDb's files marquee has no use for: named and passed over in a folder.
const OTHERS: [&str; 2] = ["title.principals", "title.episode"];

/// A file's stem as IMDb names it: `title.basics` of `title.basics.tsv.gz`.
fn stem(path: &Path) -> Option<&str> {
    let name = path.file_name()?.to_str()?;
    let name = name.strip_suffix(".gz").unwrap_or(name);
    name.strip_suffix(".tsv")
}

/// The files to read, each with its kind, sorted in reading order; and the files of a
/// folder passed over, each with why.
pub struct Chosen {
    pub files: Vec<(Kind, PathBuf)>,
    pub passed_over: Vec<(String, String)>,
}

/// What `paths` name: files of IMDb's, or folders of them. A file named alone that is
/// none of the five is refused; in a folder, IMDb's other files and anything else are
/// passed over and named.
pub fn choose(paths: &[PathBuf]) -> Result<Chosen, ImportError> {
    let mut chosen = Chosen {
        files: Vec::new(),
        passed_over: Vec::new(),
    };
    for path in paths {
        if path.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| ImportError::file(path, format!("cannot be read: {e}")))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            entries.sort();
            for entry in entries {
                match kind_of(&entry) {
                    Some(kind) => chosen.files.push((kind, entry)),
                    None => chosen
                        .passed_over
                        .push((entry.display().to_string(), why_not(&entry))),
                }
            }
            continue;
        }
        let kind = kind_of(path).ok_or_else(|| {
            let names: Vec<String> = Kind::ALL
                .iter()
                .map(|k| format!("{}.tsv.gz", k.stem()))
                .collect();
            ImportError::file(
                path,
                format!(
                    "is not one of IMDb's files marquee reads: name one of {} (gzipped or not), or a folder of them",
                    names.join(", ")
                ),
            )
        })?;
        chosen.files.push((kind, path.clone()));
    }
    chosen.files.sort_by_key(|(kind, _)| *kind);
    for pair in chosen.files.windows(2) {
        if pair[0].0 == pair[1].0 {
            return Err(ImportError::file(
                &pair[1].1,
                format!(
                    "is a second {} file (the other is {}): name one",
                    pair[0].0.stem(),
                    pair[0].1.display()
                ),
            ));
        }
    }
    Ok(chosen)
}

fn kind_of(path: &Path) -> Option<Kind> {
    let stem = stem(path)?;
    Kind::ALL.into_iter().find(|k| k.stem() == stem)
}

fn why_not(path: &Path) -> String {
    match stem(path) {
        Some(stem) if OTHERS.contains(&stem) => {
            "IMDb's, with nothing marquee keeps (cast and episodes)".into()
        }
        _ => "not one of IMDb's files".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_known_by_imdb_s_names_and_read_in_order() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "name.basics.tsv.gz",
            "title.basics.tsv",
            "title.akas.tsv.gz",
            "title.principals.tsv.gz",
            "notes.txt",
        ] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        let chosen = choose(&[dir.path().to_path_buf()]).unwrap();
        let kinds: Vec<Kind> = chosen.files.iter().map(|(k, _)| *k).collect();
        assert_eq!(kinds, [Kind::Akas, Kind::Basics, Kind::Names]);
        assert_eq!(chosen.passed_over.len(), 2);
        assert!(chosen.passed_over[1].1.contains("cast and episodes"));
        let error = choose(&[dir.path().join("notes.txt")]).err().unwrap();
        assert!(error.message.contains("not one of IMDb's files"), "{error}");
    }
}
