//! JSONL, the lossless format: a film line, then its reviews, for every film.

use serde::Serialize;
use serde_json::{Value, json};

use crate::model::{Entry, Film, Rating};
use crate::store::Store;

#[derive(Serialize)]
struct FilmLine<'a> {
    r#type: &'static str,
    slug: &'a str,
    title: &'a str,
    year: Option<i32>,
    directors: &'a [String],
    synopsis: &'a str,
}

/// A review as JSON: the fields of `marquee reviews --format json`, in this order.
#[derive(Serialize)]
pub struct ReviewJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    r#type: Option<&'static str>,
    film: &'a str,
    id: i64,
    author: &'a str,
    rating: Option<Value>,
    body: &'a str,
    watched: Option<&'a str>,
    created: Option<&'a str>,
    liked: bool,
    rewatch: bool,
    spoiler: bool,
    likes: u32,
    tags: &'a [String],
    mine: bool,
    source: Option<&'a str>,
}

impl<'a> ReviewJson<'a> {
    pub fn new(entry: &'a Entry, film: &'a Film) -> ReviewJson<'a> {
        ReviewJson {
            r#type: None,
            film: &film.slug,
            id: entry.id,
            author: &entry.author,
            rating: entry.rating.map(rating_number),
            body: &entry.body,
            watched: entry.watched.as_deref(),
            created: entry.created.as_deref(),
            liked: entry.liked,
            rewatch: entry.rewatch,
            spoiler: entry.spoiler,
            likes: entry.likes,
            tags: &entry.tags,
            mine: entry.is_mine,
            source: entry.source_key.as_deref(),
        }
    }

    pub fn to_line(&self) -> String {
        serde_json::to_string(self).expect("reviews serialize")
    }
}

/// 9 half-stars → 4.5, 8 → 4: exact, since halves are exact in binary.
pub fn rating_number(rating: Rating) -> Value {
    let half_stars = rating.half_stars();
    if half_stars % 2 == 0 {
        json!(half_stars / 2)
    } else {
        json!(f64::from(half_stars) / 2.0)
    }
}

/// Writes every film of `films` and its reviews; returns how many reviews.
pub fn write(store: &Store, films: &[Film], out: super::Out) -> anyhow::Result<u64> {
    let mut reviews = 0;
    for film in films {
        let line = FilmLine {
            r#type: "film",
            slug: &film.slug,
            title: &film.title,
            year: film.year,
            directors: &film.directors,
            synopsis: &film.synopsis,
        };
        writeln!(out, "{}", serde_json::to_string(&line)?)?;
        store.each_entry::<anyhow::Error, _>(film.id, |entry| {
            let mut review = ReviewJson::new(&entry, film);
            review.r#type = Some("review");
            writeln!(out, "{}", review.to_line())?;
            reviews += 1;
            Ok(())
        })?;
    }
    Ok(reviews)
}
