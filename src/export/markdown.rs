//! A readable page per film: title, directors, synopsis, rating summary, every review.

use crate::model::{Entry, Film};
use crate::query::{Cursor, ReviewQuery};
use crate::store::{Listing, Store};
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
                crate::text::count(stats.ratings()),
                crate::text::count(stats.reviews)
            )?,
            None => writeln!(
                out,
                "\nNo ratings yet · {} reviews",
                crate::text::count(stats.reviews)
            )?,
        }
        writeln!(out, "\n## Reviews")?;
        // In the app's order: newest first.
        let listing = Listing::new(ReviewQuery::film(film.id));
        let mut after = None;
        loop {
            let page = store.entries_after(&listing, after, 256)?;
            for entry in &page {
                writeln!(out, "{}", entry_block(entry))?;
                reviews += 1;
            }
            match page.last() {
                Some(last) if page.len() == 256 => after = Some(Cursor::of(last)),
                _ => break,
            }
        }
    }
    Ok(reviews)
}

/// A review under its own heading; a rating without a review as a line of the list.
fn entry_block(entry: &Entry) -> String {
    let mut heading = String::new();
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
    if entry.body.is_empty() && entry.markup.is_none() {
        let mut line = format!("\n- {heading}");
        if !marks.is_empty() {
            line.push_str(&format!(" · *{}*", marks.join(" · ")));
        }
        return line;
    }
    let mut block = format!("\n### {heading}");
    if !marks.is_empty() {
        block.push_str(&format!("\n\n*{}*", marks.join(" · ")));
    }
    if let Some(markup) = &entry.markup {
        block.push_str(&format!("\n\n{}", markdown(markup)));
    } else {
        block.push_str(&format!("\n\n{}", text::sanitize(&entry.body)));
    }
    block
}

/// A review's formatting in Markdown: `*italic*`, `**bold**`, `> quotes`, `[links](…)`.
fn markdown(markup: &str) -> String {
    let blocks: Vec<String> = crate::markup::blocks(markup)
        .iter()
        .map(|block| {
            let mut text = String::new();
            let mut runs = block.runs.iter().peekable();
            while let Some(run) = runs.next() {
                let mut piece = text::sanitize(&run.text);
                if let Some(href) = &run.link {
                    // A link's text may come in several runs (one word italic): join them.
                    while let Some(next) = runs.next_if(|r| r.link.as_ref() == Some(href)) {
                        piece.push_str(&text::sanitize(&next.text));
                    }
                    piece = format!("[{piece}]({})", text::sanitize_line(href));
                } else {
                    piece = emphasis(&piece, run.bold, "**");
                    piece = emphasis(&piece, run.italic, "*");
                }
                text.push_str(&piece);
            }
            if block.quote {
                text.lines()
                    .map(|l| {
                        if l.is_empty() {
                            ">".to_string()
                        } else {
                            format!("> {l}")
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            } else {
                text
            }
        })
        .collect();
    blocks.join("\n\n")
}

/// `text` between `mark`s when `on`, the marks inside its spaces ("*so* ", not "*so *").
fn emphasis(text: &str, on: bool, mark: &str) -> String {
    let core = text.trim();
    if !on || core.is_empty() {
        return text.to_string();
    }
    let start = text.len() - text.trim_start().len();
    let end = start + core.len();
    format!("{}{mark}{core}{mark}{}", &text[..start], &text[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_becomes_markdown() {
        let markup = "<blockquote>Enhance your calm.</blockquote>\n\nHaha, <i>what</i> a <b>duel </b>. See <a href=\"https://x.y\">the <i>notes</i></a>.";
        assert_eq!(
            markdown(markup),
            "> Enhance your calm.\n\nHaha, *what* a **duel** . See [the notes](https://x.y)."
        );
    }
}
