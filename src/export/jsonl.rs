//! JSONL, the lossless format: a film line, then its reviews, for every film.

use serde::Serialize;
use serde_json::{Value, json};

use crate::model::{Entry, Film, FilmList, Marks, Rating, Stored};
use crate::store::Store;

#[derive(Serialize)]
struct FilmLine<'a> {
    r#type: &'static str,
    slug: &'a str,
    title: &'a str,
    year: Option<i32>,
    directors: &'a [String],
    synopsis: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    uris: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    marks: Option<MarksJson<'a>>,
    /// What saved pages and IMDb's datasets told of the film.
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<DetailsJson>,
}

/// A film's details as JSONL keeps them: as stored (hundredths of a star, tenths of
/// IMDb's ten), each left out when unknown.
#[derive(Serialize, serde::Deserialize, Default, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DetailsJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub genres: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cast: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letterboxd_average: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letterboxd_ratings: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imdb: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imdb_how: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tmdb: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imdb_rating: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imdb_votes: Option<u64>,
    #[serde(default, skip_serializing_if = "is_zero_u8")]
    pub from_imdb: u8,
}

fn is_zero_u8(n: &u8) -> bool {
    *n == 0
}

impl DetailsJson {
    pub fn of(details: crate::model::FilmDetails) -> Option<DetailsJson> {
        let imdb = details.from_imdb;
        let json = DetailsJson {
            runtime: details.runtime,
            genres: details.genres,
            cast: details.cast,
            letterboxd_average: details.letterboxd_average,
            letterboxd_ratings: details.letterboxd_ratings,
            imdb: details.imdb,
            imdb_how: imdb.how,
            tmdb: details.tmdb,
            original_title: imdb.original_title,
            imdb_rating: imdb.rating,
            imdb_votes: imdb.votes,
            from_imdb: imdb.filled,
        };
        (json != DetailsJson::default()).then_some(json)
    }

    pub fn into_details(self) -> crate::model::FilmDetails {
        crate::model::FilmDetails {
            runtime: self.runtime,
            genres: self.genres,
            cast: self.cast,
            letterboxd_average: self.letterboxd_average,
            letterboxd_ratings: self.letterboxd_ratings,
            imdb: self.imdb,
            tmdb: self.tmdb,
            from_imdb: crate::model::ImdbFacts {
                how: self.imdb_how,
                original_title: self.original_title,
                rating: self.imdb_rating,
                votes: self.imdb_votes,
                filled: self.from_imdb & 7,
            },
        }
    }
}

/// The member's marks on a film and rating of it, as JSON: dates or null.
#[derive(Serialize)]
pub struct MarksJson<'a> {
    pub rating: Option<Value>,
    pub rated: Option<&'a str>,
    pub watched: Option<&'a str>,
    pub watchlist: Option<&'a str>,
    pub liked: Option<&'a str>,
}

impl<'a> MarksJson<'a> {
    pub fn new(marks: &'a Marks) -> Self {
        MarksJson {
            rating: marks.rating.map(rating_number),
            rated: marks.rated.as_deref(),
            watched: marks.watched.as_deref(),
            watchlist: marks.watchlist.as_deref(),
            liked: marks.liked.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct ListLine<'a> {
    r#type: &'static str,
    name: &'a str,
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    markup: Option<&'a str>,
    tags: &'a [String],
    ranked: bool,
    created: Option<&'a str>,
    source: Option<&'a str>,
    films: Vec<ListFilmJson<'a>>,
}

/// A film in a list, as JSON.
#[derive(Serialize)]
pub struct ListFilmJson<'a> {
    pub slug: &'a str,
    pub position: u32,
    pub note: &'a str,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    markup: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    handle: Option<&'a str>,
    #[serde(skip_serializing_if = "is_zero")]
    comments: u32,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    cut_short: bool,
    /// Columns another program stored what the fields above read otherwise, as stored.
    #[serde(skip_serializing_if = "StoredJson::is_empty")]
    stored: StoredJson<'a>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// An entry's stored values as JSON: `{"rating": 11, "body": {"blob_hex": "…"}}`.
pub struct StoredJson<'a>(&'a [(String, Stored)]);

impl StoredJson<'_> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for StoredJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (column, value) in self.0 {
            map.serialize_entry(column, &stored_value(value))?;
        }
        map.end()
    }
}

/// A stored value as JSON: numbers and UTF-8 text as themselves, bytes in hex.
pub fn stored_value(value: &Stored) -> Value {
    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    match value {
        Stored::Integer(n) => json!(n),
        Stored::Real(x) => json!(x),
        Stored::Text(t) => json!(t),
        Stored::TextBytes(b) => json!({ "text_hex": hex(b) }),
        Stored::Blob(b) => json!({ "blob_hex": hex(b) }),
    }
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
            markup: entry.markup.as_deref(),
            handle: entry.handle.as_deref(),
            comments: entry.comments,
            cut_short: entry.cut_short,
            stored: StoredJson(&entry.stored),
        }
    }

    pub fn to_line(&self) -> String {
        serde_json::to_string(self).expect("reviews serialize")
    }
}

/// 9 half-stars → 4.5, 8 → 4: exact, since halves are exact in binary.
pub fn rating_number(rating: Rating) -> Value {
    let half_stars = rating.half_stars();
    if half_stars.is_multiple_of(2) {
        json!(half_stars / 2)
    } else {
        json!(f64::from(half_stars) / 2.0)
    }
}

/// Writes every film of `films` and its reviews; returns how many reviews.
pub fn write(store: &Store, films: &[Film], out: super::Out) -> anyhow::Result<u64> {
    let mut reviews = 0;
    let whole = films.len() == store.film_count()?;
    for film in films {
        let uris = store.film_uris(film.id)?;
        let marks = store.marks(film.id)?;
        let line = FilmLine {
            r#type: "film",
            slug: &film.slug,
            title: &film.title,
            year: film.year,
            directors: &film.directors,
            synopsis: &film.synopsis,
            uris: &uris,
            marks: (!marks.is_empty()).then(|| MarksJson::new(&marks)),
            details: DetailsJson::of(store.film_details(film.id)?),
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
    // Lists name films of their own: they come with a whole export only.
    if whole {
        for list in store.lists()? {
            let line = ListLine {
                r#type: "list",
                name: &list.name,
                description: &list.description,
                markup: list.markup.as_deref(),
                tags: &list.tags,
                ranked: list.ranked,
                created: list.created.as_deref(),
                source: list.source_key.as_deref(),
                films: list_films(&list),
            };
            writeln!(out, "{}", serde_json::to_string(&line)?)?;
        }
    }
    Ok(reviews)
}

/// A list's films as JSON, in order.
pub fn list_films(list: &FilmList) -> Vec<ListFilmJson<'_>> {
    list.items
        .iter()
        .map(|item| ListFilmJson {
            slug: &item.slug,
            position: item.position,
            note: &item.note,
        })
        .collect()
}
