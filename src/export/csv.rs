//! Letterboxd's CSV forms, so the member's data can go back to Letterboxd (and come
//! back into marquee): entries in Letterboxd's import format, the watchlist as
//! `watchlist.csv`, a list as Letterboxd's list export.

use crate::model::{Film, FilmList};
use crate::store::Store;

/// A CSV writer whose cells, when `safe`, can't run as a spreadsheet's formula: a cell
/// starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a `'` before it.
/// Off, every text goes out byte for byte (Letterboxd's importer reads it so).
struct Sheet<W: std::io::Write> {
    csv: ::csv::Writer<W>,
    safe: bool,
}

impl<W: std::io::Write> Sheet<W> {
    fn new(out: W, safe: bool) -> Self {
        Sheet {
            csv: ::csv::Writer::from_writer(out),
            safe,
        }
    }

    fn write_record<I, T>(&mut self, cells: I) -> ::csv::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        let safe = self.safe;
        self.csv.write_record(cells.into_iter().map(|cell| {
            let cell = cell.as_ref();
            if safe && cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                format!("'{cell}")
            } else {
                cell.to_string()
            }
        }))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.csv.flush()
    }
}

/// The import format's columns, as Letterboxd documents them (it reads them by name: the
/// film's IMDb and TMDB ids let it match the film exactly).
const ENTRY_COLUMNS: [&str; 11] = [
    "LetterboxdURI",
    "Title",
    "Year",
    "Directors",
    "Rating",
    "WatchedDate",
    "Rewatch",
    "Tags",
    "Review",
    "imdbID",
    "tmdbID",
];

/// The address Letterboxd knows the film by: its `letterboxd.com/film/…/` one first.
fn film_uri(store: &Store, film: &Film) -> anyhow::Result<String> {
    let uris = store.film_uris(film.id)?;
    Ok(uris
        .iter()
        .find(|u| u.starts_with("https://letterboxd.com/film/"))
        .or(uris.first())
        .cloned()
        .unwrap_or_default())
}

/// Writes the member's own entries of `films`; returns how many.
pub fn write(store: &Store, films: &[Film], out: super::Out, safe: bool) -> anyhow::Result<u64> {
    let mut csv = Sheet::new(out, safe);
    csv.write_record(ENTRY_COLUMNS)?;
    let mut written = 0;
    for film in films {
        let year = film.year.map(|y| y.to_string()).unwrap_or_default();
        let directors = film.directors.join(", ");
        let uri = film_uri(store, film)?;
        let details = store.film_details(film.id)?;
        let imdb = details.imdb.unwrap_or_default();
        let tmdb = details.tmdb.map(|t| t.to_string()).unwrap_or_default();
        store.each_entry::<anyhow::Error, _>(film.id, |entry| {
            if !entry.is_mine {
                return Ok(());
            }
            // Letterboxd takes its own markup back; plain text as it is.
            let review = entry.markup.as_deref().unwrap_or(&entry.body);
            let record = [
                uri.as_str(),
                film.title.as_str(),
                &year,
                &directors,
                &entry.rating.map(|r| r.decimal()).unwrap_or_default(),
                entry.watched.as_deref().unwrap_or(""),
                if entry.rewatch { "true" } else { "false" },
                &entry.tags.join(", "),
                review,
                &imdb,
                &tmdb,
            ];
            csv.write_record(record)?;
            written += 1;
            Ok(())
        })?;
    }
    csv.flush()?;
    Ok(written)
}

/// Writes the watchlist as Letterboxd's `watchlist.csv`; returns how many films.
pub fn write_watchlist(
    store: &Store,
    films: &[Film],
    out: super::Out,
    safe: bool,
) -> anyhow::Result<u64> {
    let mut csv = Sheet::new(out, safe);
    csv.write_record(["Date", "Name", "Year", "Letterboxd URI"])?;
    let mut written = 0;
    for film in films {
        let Some(date) = store.marks(film.id)?.watchlist else {
            continue;
        };
        let year = film.year.map(|y| y.to_string()).unwrap_or_default();
        csv.write_record([date.as_str(), &film.title, &year, &film_uri(store, film)?])?;
        written += 1;
    }
    csv.flush()?;
    Ok(written)
}

/// Writes a list as Letterboxd exports one; returns how many films.
pub fn write_list(
    store: &Store,
    list: &FilmList,
    out: super::Out,
    safe: bool,
) -> anyhow::Result<u64> {
    writeln!(out, "Letterboxd list export v7")?;
    let address = list
        .source_key
        .as_deref()
        .and_then(|k| k.strip_prefix("letterboxd-list:"))
        .filter(|k| k.starts_with("https://"))
        .unwrap_or("");
    {
        let mut csv = Sheet::new(&mut *out, safe);
        csv.write_record(["Date", "Name", "Tags", "URL", "Description"])?;
        csv.write_record([
            list.created.as_deref().unwrap_or(""),
            &list.name,
            &list.tags.join(", "),
            address,
            list.markup.as_deref().unwrap_or(&list.description),
        ])?;
        csv.flush()?;
    }
    writeln!(out)?;
    let mut csv = Sheet::new(out, safe);
    // An unranked list has no positions: its films come in their order.
    let columns = ["Position", "Name", "Year", "URL", "Description"];
    csv.write_record(if list.ranked {
        &columns[..]
    } else {
        &columns[1..]
    })?;
    for item in &list.items {
        let film = store
            .film(item.film_id)?
            .ok_or_else(|| anyhow::anyhow!("the list names a film that is gone"))?;
        let year = film.year.map(|y| y.to_string()).unwrap_or_default();
        let position = item.position.to_string();
        let record = [
            position.as_str(),
            &film.title,
            &year,
            &film_uri(store, &film)?,
            &item.note,
        ];
        csv.write_record(if list.ranked {
            &record[..]
        } else {
            &record[1..]
        })?;
    }
    csv.flush()?;
    Ok(list.items.len() as u64)
}
