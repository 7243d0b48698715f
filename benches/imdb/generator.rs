//! Files of IMDb's shape and size for the IMDb import's bench: IMDb's five files, gzipped,
//! as many rows as IMDb's (11 million titles, 14 million names, 50 million akas at scale
//! 1), their kinds, years, titles and other names spread as IMDb's are; and a member's
//! diary of films among them, for a library to match.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Rows at scale 1, as IMDb's datasets held them in 2026.
const TITLES: u64 = 11_000_000;
const NAMES: u64 = 14_000_000;
const AKAS: u64 = 50_000_000;
/// One title in this many has a rating.
const RATED_EVERY: u64 = 7;
/// The library: films of the diary.
pub const LIBRARY: usize = 5_000;

/// A small, fast, repeatable random source.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Words titles are made of: some very common ("the", "love", "night"), most of a
/// vocabulary of millions as IMDb's titles are, some accented or in other scripts, as
/// IMDb's other names are.
fn word(random: &mut Random) -> String {
    const COMMON: [&str; 16] = [
        "the", "love", "night", "man", "life", "girl", "day", "home", "dead", "story", "war",
        "last", "world", "king", "city", "time",
    ];
    const SYLLABLES: [&str; 40] = [
        "ka", "lo", "mi", "ne", "ra", "to", "vel", "dor", "an", "se", "qui", "ber", "tha", "mon",
        "ri", "sa", "ul", "fen", "go", "ha", "ist", "ze", "cor", "pe", "bru", "dai", "e", "fo",
        "gli", "ho", "ju", "kre", "lu", "mar", "no", "os", "pra", "sti", "tu", "vo",
    ];
    const OTHER: [&str; 8] = [
        "été",
        "Müller",
        "café",
        "naïve",
        "映画",
        "夜",
        "Москва",
        "Ελλάδα",
    ];
    match random.below(20) {
        0..=3 => return COMMON[random.below(COMMON.len() as u64) as usize].to_string(),
        4 => return OTHER[random.below(OTHER.len() as u64) as usize].to_string(),
        _ => {}
    }
    let syllables = match random.below(20) {
        0..=1 => 1,
        2..=9 => 2,
        10..=16 => 3,
        _ => 4,
    };
    let mut word = String::new();
    for _ in 0..syllables {
        word.push_str(SYLLABLES[random.below(SYLLABLES.len() as u64) as usize]);
    }
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => word,
    }
}

fn title(random: &mut Random) -> String {
    let words = match random.below(20) {
        0..=2 => 1,
        3..=9 => 2,
        10..=15 => 3,
        16..=18 => 4,
        _ => 5,
    };
    let words: Vec<String> = (0..words).map(|_| word(random)).collect();
    let mut title = words.join(" ");
    match random.below(40) {
        0 => title.push_str(": Part II"),
        1 => title = format!("The \"{title}\""),
        2 => title.push('!'),
        _ => {}
    }
    title
}

/// The kind of title `n` is, spread as IMDb's are (most titles are episodes).
fn kind(n: u64) -> &'static str {
    match n % 100 {
        0..=76 => "tvEpisode",
        77..=85 => "short",
        86..=91 => "movie",
        92..=94 => "video",
        95..=96 => "tvSeries",
        97 => "tvMovie",
        98 => "tvMiniSeries",
        _ => "tvSpecial",
    }
}

const GENRES: [&str; 12] = [
    "Drama",
    "Comedy",
    "Documentary",
    "Action",
    "Horror",
    "Thriller",
    "Romance",
    "Crime",
    "Animation",
    "Sci-Fi",
    "Family",
    "Short",
];

fn gz(path: &Path) -> flate2::write::GzEncoder<std::io::BufWriter<std::fs::File>> {
    let file = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path).unwrap());
    flate2::write::GzEncoder::new(file, flate2::Compression::new(3))
}

/// A film of the diary: its title and year as Letterboxd has them.
pub struct DiaryFilm {
    pub title: String,
    pub year: u64,
}

/// Writes IMDb's five files at `scale` into `dir` (unless there from an earlier run),
/// and the diary of a library of films among them; returns the files.
pub fn write(dir: &Path, scale: f64) -> (Vec<PathBuf>, PathBuf) {
    std::fs::create_dir_all(dir).unwrap();
    let titles = ((TITLES as f64 * scale) as u64).max(1_000);
    let files: Vec<PathBuf> = [
        "title.basics.tsv.gz",
        "title.akas.tsv.gz",
        "title.crew.tsv.gz",
        "title.ratings.tsv.gz",
        "name.basics.tsv.gz",
    ]
    .iter()
    .map(|n| dir.join(n))
    .collect();
    let diary = dir.join("diary.csv");
    if files.iter().chain([&diary]).all(|f| f.exists()) {
        return (files, diary);
    }
    let names = ((NAMES as f64 * scale) as u64).max(1_000);
    let akas = ((AKAS as f64 * scale) as u64).max(1_000);
    let (basics_path, akas_path, crew_path, ratings_path, names_path) = (
        files[0].clone(),
        files[1].clone(),
        files[2].clone(),
        files[3].clone(),
        files[4].clone(),
    );
    let basics = std::thread::spawn(move || write_basics(&basics_path, titles));
    let akas = std::thread::spawn(move || write_akas(&akas_path, titles, akas));
    let rest = std::thread::spawn(move || {
        write_crew(&crew_path, titles, names);
        write_ratings(&ratings_path, titles);
        write_names(&names_path, names);
    });
    let library = basics.join().unwrap();
    akas.join().unwrap();
    rest.join().unwrap();
    let mut text =
        String::from("Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\r\n");
    for (i, film) in library.iter().enumerate() {
        let name = format!("\"{}\"", film.title.replace('"', "\"\""));
        text.push_str(&format!(
            "2024-01-01,{name},{},https://boxd.it/b{i},4,,,2024-01-01\r\n",
            film.year
        ));
    }
    std::fs::write(&diary, text).unwrap();
    (files, diary)
}

/// title.basics; returns films of the library: movies among the titles, some a year off.
fn write_basics(path: &Path, titles: u64) -> Vec<DiaryFilm> {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let mut out = gz(path);
    writeln!(out, "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres").unwrap();
    let movies = titles * 6 / 100;
    let every = (movies / LIBRARY as u64).max(1);
    let mut library = Vec::new();
    let mut seen_movies = 0;
    for n in 1..=titles {
        let kind = kind(n);
        let primary = title(&mut random);
        let original = match random.below(10) {
            0 => title(&mut random),
            _ => primary.clone(),
        };
        let year = 1890 + random.below(136);
        let year_text = match random.below(20) {
            0 => "\\N".to_string(),
            _ => year.to_string(),
        };
        let runtime = match random.below(3) {
            0 => "\\N".to_string(),
            _ => (5 + random.below(180)).to_string(),
        };
        let genres: Vec<&str> = (0..1 + random.below(3))
            .map(|_| GENRES[random.below(GENRES.len() as u64) as usize])
            .collect();
        writeln!(
            out,
            "tt{n:07}\t{kind}\t{primary}\t{original}\t0\t{year_text}\t\\N\t{runtime}\t{}",
            genres.join(",")
        )
        .unwrap();
        if kind == "movie" && year_text != "\\N" {
            seen_movies += 1;
            if seen_movies % every == 0 && library.len() < LIBRARY {
                // One in ten logged a year off, as Letterboxd and IMDb disagree.
                let year = if library.len() % 10 == 0 {
                    year + 1
                } else {
                    year
                };
                library.push(DiaryFilm {
                    title: primary,
                    year,
                });
            }
        }
    }
    out.finish().unwrap().flush().unwrap();
    library
}

/// title.akas: about 4.5 other names a title, in the order of the titles.
fn write_akas(path: &Path, titles: u64, akas: u64) {
    let mut random = Random(0x2545_f491_4f6c_dd1d);
    let mut out = gz(path);
    writeln!(
        out,
        "titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle"
    )
    .unwrap();
    const REGIONS: [&str; 8] = ["US", "GB", "FR", "DE", "JP", "BR", "IN", "\\N"];
    let per_title = akas as f64 / titles as f64;
    let mut written = 0u64;
    for n in 1..=titles {
        let due = ((n as f64) * per_title) as u64;
        let mut ordering = 1;
        while written < due {
            let region = REGIONS[random.below(REGIONS.len() as u64) as usize];
            writeln!(
                out,
                "tt{n:07}\t{ordering}\t{}\t{region}\t\\N\t\\N\t\\N\t0",
                title(&mut random)
            )
            .unwrap();
            ordering += 1;
            written += 1;
        }
    }
    out.finish().unwrap().flush().unwrap();
}

fn write_crew(path: &Path, titles: u64, names: u64) {
    let mut random = Random(0x1234_5678_9abc_def1);
    let mut out = gz(path);
    writeln!(out, "tconst\tdirectors\twriters").unwrap();
    for n in 1..=titles {
        let director = 1 + random.below(names);
        let writer = 1 + random.below(names);
        match random.below(8) {
            0 => writeln!(out, "tt{n:07}\t\\N\t\\N"),
            1 => writeln!(
                out,
                "tt{n:07}\tnm{director:07},nm{writer:07}\tnm{writer:07}"
            ),
            _ => writeln!(out, "tt{n:07}\tnm{director:07}\tnm{writer:07}"),
        }
        .unwrap();
    }
    out.finish().unwrap().flush().unwrap();
}

fn write_ratings(path: &Path, titles: u64) {
    let mut random = Random(0x0ddb_a11c_0ffe_e123);
    let mut out = gz(path);
    writeln!(out, "tconst\taverageRating\tnumVotes").unwrap();
    for n in (1..=titles).step_by(RATED_EVERY as usize) {
        let rating = 10 + random.below(91);
        writeln!(
            out,
            "tt{n:07}\t{}.{}\t{}",
            rating / 10,
            rating % 10,
            5 + random.below(100_000)
        )
        .unwrap();
    }
    out.finish().unwrap().flush().unwrap();
}

fn write_names(path: &Path, names: u64) {
    let mut random = Random(0x5eed_5eed_5eed_5eed);
    let mut out = gz(path);
    writeln!(
        out,
        "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles"
    )
    .unwrap();
    for n in 1..=names {
        writeln!(
            out,
            "nm{n:07}\t{} {}\t{}\t\\N\tactor,director\ttt{:07}",
            word(&mut random),
            word(&mut random),
            1900 + random.below(110),
            1 + random.below(1_000_000)
        )
        .unwrap();
    }
    out.finish().unwrap().flush().unwrap();
}
