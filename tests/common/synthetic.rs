//! Synthetic data for benchmarks and the `gen` example: one film with many reviews plus
//! small films, as marquee JSONL. Letterboxd-like: ratings skewed high (most often ★★★★),
//! about 8% unrated, about 10% ratings without text, bodies of 0–120 words with non-ASCII
//! text, dates over ten years, likes mostly zero with a long tail. Deterministic.
// Shared by the tests, the benchmark and the `gen` example, each using part of it.
#![allow(dead_code)]

use std::io::Write;

const WORDS: &[&str] = &[
    "film",
    "the",
    "and",
    "a",
    "of",
    "cinema",
    "performance",
    "score",
    "light",
    "story",
    "beautiful",
    "slow",
    "devastating",
    "funny",
    "masterpiece",
    "boring",
    "camera",
    "silence",
    "ending",
    "actor",
    "director",
    "colour",
    "memory",
    "city",
    "night",
    "love",
    "war",
    "family",
    "café",
    "naïve",
    "déjà",
    "vu",
    "über",
    "Ødegaard",
    "señor",
    "Zoë",
    "crème",
    "brûlée",
    "映画",
    "素晴らしい",
    "사랑",
    "кино",
    "σινεμά",
    "🎬",
    "❤️",
    "🍿",
    "is",
    "was",
    "not",
    "very",
    "so",
    "too",
    "really",
    "just",
    "it",
    "this",
    "that",
    "with",
    "without",
    "again",
    "rewatch",
];

/// A small, fast, deterministic random number generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Half-stars 1..=10 weighted like Letterboxd: most mass on 3–4½ stars.
const RATING_WEIGHTS: [u64; 10] = [2, 3, 3, 6, 7, 14, 15, 22, 12, 16];

fn rating(rng: &mut Rng) -> u8 {
    let total: u64 = RATING_WEIGHTS.iter().sum();
    let mut pick = rng.below(total);
    for (i, w) in RATING_WEIGHTS.iter().enumerate() {
        if pick < *w {
            return i as u8 + 1;
        }
        pick -= w;
    }
    10
}

fn review(rng: &mut Rng, film: &str, id: u64, out: &mut impl Write) -> std::io::Result<()> {
    let roll = rng.below(100);
    let unrated = roll < 8;
    let rating_only = (8..18).contains(&roll);
    let rating = if unrated {
        "null".to_string()
    } else {
        let h = rating(rng);
        if h.is_multiple_of(2) {
            format!("{}", h / 2)
        } else {
            format!("{}.5", h / 2)
        }
    };
    let body = if rating_only {
        String::new()
    } else {
        let words = 1 + rng.below(120);
        let mut text: Vec<&str> = (0..words)
            .map(|_| WORDS[rng.below(WORDS.len() as u64) as usize])
            .collect();
        if rng.below(5000) == 0 {
            text.push(RARE_WORD);
        }
        if rng.below(200) == 0 {
            text.push(MIDDLING_WORD);
        }
        text.join(" ")
    };
    // Ten years of dates, 2016-01-01 onwards.
    let seconds = 1_451_606_400 + rng.below(10 * 365 * 86_400);
    let day = chrono::DateTime::from_timestamp(seconds as i64, 0).unwrap();
    let likes = match rng.below(100) {
        0..=69 => 0,
        70..=94 => rng.below(20),
        _ => rng.below(5000),
    };
    let line = serde_json::json!({
        "type": "review",
        "film": film,
        "id": id,
        "author": format!("user{}", rng.below(200_000)),
        "rating": serde_json::from_str::<serde_json::Value>(&rating).unwrap(),
        "body": body,
        "watched": day.format("%Y-%m-%d").to_string(),
        "created": day.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        "liked": rng.below(4) == 0,
        "rewatch": rng.below(10) == 0,
        "spoiler": rng.below(50) == 0,
        "likes": likes,
        "tags": if rng.below(10) == 0 { vec!["tagged"] } else { vec![] },
    });
    writeln!(out, "{line}")
}

/// Writes one film of `reviews` reviews (slug `big-film`) and `small_films` small films.
pub fn write_jsonl(reviews: u64, small_films: u64, out: &mut impl Write) -> std::io::Result<()> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut id = 0;
    writeln!(
        out,
        "{}",
        serde_json::json!({"type": "film", "slug": "big-film", "title": "Big Film", "year": 2024,
            "directors": ["Ada Lovelace", "Agnès Varda"],
            "synopsis": "A film everyone has reviewed. Its page has a million reviews."})
    )?;
    for _ in 0..reviews {
        id += 1;
        review(&mut rng, "big-film", id, out)?;
    }
    for n in 0..small_films {
        let slug = format!("small-film-{n}");
        writeln!(
            out,
            "{}",
            serde_json::json!({"type": "film", "slug": slug, "title": format!("Small Film {n}"),
                "year": 1950 + (n % 75), "directors": [format!("Director {}", n % 300)],
                "synopsis": "A small film."})
        )?;
        for _ in 0..rng.below(6) {
            id += 1;
            review(&mut rng, &slug, id, out)?;
        }
    }
    Ok(())
}

/// Writes the "wide" shape: `films` films and `reviews` reviews in all, spread as a real
/// collection is: four tenths on the ten most reviewed films, three tenths on the next
/// thousand, the rest a handful each on the long tail; and reviews of a long-tailed length:
/// one in a hundred of a few thousand characters, one in a thousand of 20,000, one in ten
/// thousand of up to 100,000 (the app's limit). Deterministic.
pub fn write_wide_jsonl(films: u64, reviews: u64, out: &mut impl Write) -> std::io::Result<()> {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let head = 10.min(films);
    let middle = 1_000.min(films - head);
    // Reviews per film: the head's and the middle's even shares, the tail's at random
    // around its share.
    let per_head = (reviews * 4 / 10).checked_div(head).unwrap_or(0);
    let per_middle = (reviews * 3 / 10).checked_div(middle).unwrap_or(0);
    let mut left = reviews - per_head * head - per_middle * middle;
    let mut id = 0;
    for n in 0..films {
        let slug = format!("wide-{n}");
        let count = if n < head {
            per_head
        } else if n < head + middle {
            per_middle
        } else {
            let remaining_films = films - n;
            let share = left / remaining_films;
            let count = if remaining_films == 1 {
                left
            } else {
                rng.below(2 * share + 1).min(left)
            };
            left -= count;
            count
        };
        writeln!(
            out,
            "{}",
            serde_json::json!({"type": "film", "slug": slug, "title": format!("Wide Film {n}"),
                "year": 1920 + (n % 105), "directors": [format!("Director {}", n % 5000)]})
        )?;
        for _ in 0..count {
            id += 1;
            long_tailed_review(&mut rng, &slug, id, out)?;
        }
    }
    Ok(())
}

/// A review as `review` writes them, now and then far longer.
fn long_tailed_review(
    rng: &mut Rng,
    film: &str,
    id: u64,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let extra = match rng.below(10_000) {
        0 => 20_000 + rng.below(80_000),
        1..=10 => 20_000,
        11..=110 => 1_000 + rng.below(4_000),
        _ => 0,
    };
    if extra == 0 {
        return review(rng, film, id, out);
    }
    let mut line = Vec::new();
    review(rng, film, id, &mut line)?;
    let mut value: serde_json::Value = serde_json::from_slice(&line).expect("our own line");
    let mut body = value["body"].as_str().unwrap_or_default().to_string();
    while body.chars().count() < extra as usize {
        body.push(' ');
        body.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
    }
    value["body"] = serde_json::Value::String(body.chars().take(extra as usize).collect());
    writeln!(out, "{value}")
}

/// Writes a member's history: `films` films (slugs `history-N`, a tenth with accented or
/// numbered titles), `logs` logs of the member's spread over twenty years (2006–2025), most
/// rated, a third with a review, a fifth rewatches; every twentieth film on the watchlist,
/// the member's rating on the films logged, and two lists. Deterministic.
pub fn write_history_jsonl(films: u64, logs: u64, out: &mut impl Write) -> std::io::Result<()> {
    let mut rng = Rng(0x51_7cc1_b727_220a);
    let start = chrono::NaiveDate::from_ymd_opt(2006, 1, 1).unwrap();
    // Each log's film and day, drawn first: a film's line carries its marks.
    let mut per_film: Vec<Vec<(chrono::NaiveDate, Option<u8>)>> = vec![Vec::new(); films as usize];
    for _ in 0..logs {
        let film = rng.below(films) as usize;
        let day = start + chrono::Days::new(rng.below(20 * 365));
        let rating = (rng.below(8) != 0).then(|| rating(&mut rng));
        per_film[film].push((day, rating));
    }
    let mut id = 0;
    for (n, film_logs) in per_film.iter_mut().enumerate() {
        film_logs.sort();
        let slug = format!("history-{n}");
        let title = match n % 10 {
            0 => format!("Élan {n}"),
            1 => format!("The History Film {n}"),
            _ => format!("History Film {n}"),
        };
        let last_rating = film_logs.iter().rev().find_map(|(_, r)| *r);
        let mut marks = serde_json::Map::new();
        if let Some(r) = last_rating {
            marks.insert("rating".into(), serde_json::json!(f64::from(r) / 2.0));
        }
        if n % 20 == 0 {
            let added = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
                + chrono::Days::new((n as u64 / 20) % 300);
            marks.insert("watchlist".into(), serde_json::json!(added.to_string()));
        }
        let mut line = serde_json::json!({"type": "film", "slug": slug, "title": title,
            "year": 1920 + (n % 100), "directors": [format!("Director {}", n % 500)],
            "synopsis": "A film of the member's history."});
        if !marks.is_empty() {
            line["marks"] = serde_json::Value::Object(marks);
        }
        writeln!(out, "{line}")?;
        for (i, (day, rating)) in film_logs.iter().enumerate() {
            id += 1;
            let body = if rng.below(3) == 0 {
                let words = 1 + rng.below(60);
                (0..words)
                    .map(|_| WORDS[rng.below(WORDS.len() as u64) as usize])
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                String::new()
            };
            let line = serde_json::json!({"type": "review", "film": slug, "id": id,
                "author": "member", "mine": true,
                "rating": rating.map(|r| f64::from(r) / 2.0),
                "body": body, "watched": day.to_string(),
                "created": format!("{day}T21:00:00Z"),
                "rewatch": i > 0, "liked": rng.below(6) == 0});
            writeln!(out, "{line}")?;
        }
    }
    for (name, step) in [("Every hundredth", 100), ("Ranked: every thousandth", 1000)] {
        let listed: Vec<serde_json::Value> = (0..films)
            .step_by(step)
            .enumerate()
            .map(|(i, n)| serde_json::json!({"slug": format!("history-{n}"), "position": i + 1}))
            .collect();
        let line = serde_json::json!({"type": "list", "name": name,
            "description": "Made by the generator.", "ranked": step == 1000, "films": listed});
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// A word the generator writes about once in a few thousand reviews, for "rare" searches.
pub const RARE_WORD: &str = "zoetrope";
/// A word in about one review in 200: too many to gather, too few to find by reading.
pub const MIDDLING_WORD: &str = "vertigo";
/// A word in most reviews.
pub const COMMON_WORD: &str = "film";
