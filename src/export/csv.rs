//! Letterboxd's import format, so the user's own entries can go back to Letterboxd:
//! Title, Year, Directors, Rating, WatchedDate, Rewatch, Tags, Review.

use crate::model::Film;
use crate::store::Store;

/// Writes the user's own entries of `films`; returns how many.
pub fn write(store: &Store, films: &[Film], out: super::Out) -> anyhow::Result<u64> {
    let mut csv = ::csv::Writer::from_writer(out);
    csv.write_record([
        "Title",
        "Year",
        "Directors",
        "Rating",
        "WatchedDate",
        "Rewatch",
        "Tags",
        "Review",
    ])?;
    let mut written = 0;
    for film in films {
        let year = film.year.map(|y| y.to_string()).unwrap_or_default();
        let directors = film.directors.join(", ");
        store.each_entry::<anyhow::Error, _>(film.id, |entry| {
            if !entry.is_mine {
                return Ok(());
            }
            let record = [
                film.title.as_str(),
                &year,
                &directors,
                &entry.rating.map(|r| r.decimal()).unwrap_or_default(),
                entry.watched.as_deref().unwrap_or(""),
                if entry.rewatch { "true" } else { "false" },
                &entry.tags.join(", "),
                &entry.body,
            ];
            csv.write_record(record)?;
            written += 1;
            Ok(())
        })?;
    }
    csv.flush()?;
    Ok(written)
}
