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
        writeln!(
            out,
            "# {}",
            escape(&text::sanitize_line(&film.title_with_year()))
        )?;
        if !film.directors.is_empty() {
            let names: Vec<String> = film
                .directors
                .iter()
                .map(|d| escape(&text::sanitize_line(d)))
                .collect();
            writeln!(out, "\nDirected by {}", names.join(", "))?;
        }
        if !film.synopsis.is_empty() {
            writeln!(out, "\n{}", paragraphs(&film.synopsis))?;
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
    heading.push_str(&escape(&text::sanitize_line(&entry.author)));
    if let Some(date) = entry.display_date() {
        heading.push_str(&format!(" · {}", escape(&text::sanitize_line(date))));
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
            .map(|t| format!("\\#{}", escape(&text::sanitize_line(t)))),
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
        block.push_str(&format!("\n\n{}", paragraphs(&entry.body)));
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
                let mut piece = escape(&text::sanitize(&run.text));
                if let Some(href) = &run.link {
                    // A link's text may come in several runs (one word italic): join them.
                    while let Some(next) = runs.next_if(|r| r.link.as_ref() == Some(href)) {
                        piece.push_str(&escape(&text::sanitize(&next.text)));
                    }
                    piece = match web_address(href) {
                        Some(address) => format!("[{piece}]({address})"),
                        // A `javascript:` or `data:` address is no link of the page's.
                        None => piece,
                    };
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

/// User text as the words it is in Markdown: every character Markdown or HTML would
/// read as syntax (emphasis, code, links and images by their brackets, tags, entities)
/// is escaped, and so is what starts a line as a heading, rule, list or quote.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for line in text.split_inclusive('\n') {
        // Still in a line's leading number ("12"), after its indentation.
        let (mut leading, mut saw_digit) = (true, false);
        for c in line.chars() {
            let list_number = leading && saw_digit && matches!(c, '.' | ')');
            // Headings, rules, lists, quotes and setext underlines start a line.
            let line_start = leading && !saw_digit && "#-+=>".contains(c);
            if "\\`*_[]<>|~&".contains(c) || list_number || line_start {
                out.push('\\');
            }
            if c.is_ascii_digit() {
                saw_digit = true;
            } else if c != ' ' || saw_digit {
                leading = false;
            }
            out.push(c);
        }
    }
    out
}

/// Plain text as Markdown paragraphs: each line break kept (a hard break, two spaces),
/// a blank line between paragraphs.
fn paragraphs(plain: &str) -> String {
    escape(&text::sanitize(plain))
        .split('\n')
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("  \n")
        .replace("  \n  \n", "\n\n")
}

/// A link's address when it is a web address, with what would end it early (`)`, a
/// space, `<`, `>`) percent-encoded.
fn web_address(href: &str) -> Option<String> {
    let href = href.trim();
    let lower = href.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return None;
    }
    let mut out = String::with_capacity(href.len());
    for c in href.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Some(out)
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

    #[test]
    fn a_review_s_text_is_only_ever_the_words_it_is() {
        // Escaped entities, a heading, a rule, an image and links from the text itself.
        let markup = "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;\n\
                      # Fake Heading\n---\n![t](https://evil.example/track.png)\n\
                      1. not a list\n\
                      <a href=\"javascript:alert(1)\">trailer</a> \
                      <a href=\"https://example.org/a (b)\">notes</a>";
        let shown = markdown(markup);
        // What Markdown reads as syntax: the text with every escaped character taken out.
        let mut live = String::new();
        let mut chars = shown.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => drop(chars.next()),
                c => live.push(c),
            }
        }
        for syntax in ["<", "\n#", "\n---", "![", "javascript:", "a (b)"] {
            assert!(!live.contains(syntax), "{syntax:?} in {shown}");
        }
        assert!(shown.contains("\\<script\\>alert(1)"), "{shown}");
        assert!(shown.contains("\\# Fake Heading"), "{shown}");
        assert!(shown.contains("1\\. not a list"), "{shown}");
        assert!(
            shown.contains("trailer [notes](https://example.org/a%20%28b%29)"),
            "{shown}"
        );
    }

    #[test]
    fn plain_text_keeps_its_lines_and_paragraphs() {
        assert_eq!(
            paragraphs("A garden party.\nA basement.\n\nThe end."),
            "A garden party.  \nA basement.\n\nThe end."
        );
    }
}
