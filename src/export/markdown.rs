//! A readable page per film: title, directors, synopsis, rating summary, every review.

use crate::model::Film;
use crate::store::Store;
use crate::text;

/// Writes a page for each film of `films`; returns how many reviews.
pub fn write(store: &Store, films: &[Film], out: super::Out) -> anyhow::Result<u64> {
    let mut reviews = 0;
    for (i, film) in films.iter().enumerate() {
        if i > 0 {
            writeln!(out, "\n---\n")?;
        }
        writeln!(out, "# {}", text::sanitize_line(&film.title_with_year()))?;
        if !film.directors.is_empty() {
            let names: Vec<String> = film
                .directors
                .iter()
                .map(|d| text::sanitize_line(d))
                .collect();
            writeln!(out, "\nDirected by {}", names.join(", "))?;
        }
        if !film.synopsis.is_empty() {
            writeln!(out, "\n{}", text::sanitize(&film.synopsis))?;
        }
        let stats = store.film_stats(film.id)?;
        match stats.average_text() {
            Some(average) => writeln!(
                out,
                "\n★ {average} average from {} ratings · {} reviews",
                stats.ratings(),
                stats.reviews
            )?,
            None => writeln!(out, "\nNo ratings yet · {} reviews", stats.reviews)?,
        }
        writeln!(out, "\n## Reviews")?;
        store.each_entry::<anyhow::Error, _>(film.id, |entry| {
            let mut heading = String::from("\n### ");
            if let Some(rating) = entry.rating {
                heading.push_str(&format!("{rating} "));
            }
            heading.push_str(&text::sanitize_line(&entry.author));
            if let Some(date) = entry.display_date() {
                heading.push_str(&format!(" · {}", text::sanitize_line(date)));
            }
            let mut marks = Vec::new();
            if entry.liked {
                marks.push("♥ liked".to_string());
            }
            if entry.rewatch {
                marks.push("↺ rewatch".to_string());
            }
            if entry.spoiler {
                marks.push("contains spoilers".to_string());
            }
            marks.extend(
                entry
                    .tags
                    .iter()
                    .map(|t| format!("#{}", text::sanitize_line(t))),
            );
            let mut block = heading;
            if !marks.is_empty() {
                block.push_str(&format!("\n\n*{}*", marks.join(" · ")));
            }
            if !entry.body.is_empty() {
                block.push_str(&format!("\n\n{}", text::sanitize(&entry.body)));
            }
            writeln!(out, "{block}")?;
            reviews += 1;
            Ok(())
        })?;
    }
    Ok(reviews)
}
