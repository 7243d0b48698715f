//! Pages into the store, in one transaction: each page's film found (by its Letterboxd
//! address or slug, else by title and year, never by title alone), its details filled
//! in, and its reviews added unless they are there already.

use super::Page;
use crate::model::{MAX_BODY_CHARS, NewEntry};
use crate::store::{Merge, Result, Store};

/// What importing some pages did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageSummary {
    pub films_added: usize,
    /// Per page: the film as "Title (Year)", and its reviews added, already there, unrated
    /// in a text copy, and cut short.
    pub pages: Vec<PageCounts>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageCounts {
    pub name: String,
    pub film: String,
    pub added: usize,
    pub already: usize,
    pub unrated_in_text: usize,
    pub cut_short: usize,
    /// Already there with no text (an earlier release lost a cut-short review's words):
    /// given the text the page shows.
    pub mended: usize,
}

/// Writes `pages` (each with the name it is reported under).
pub fn write(store: &mut Store, pages: &[(String, Page)]) -> Result<PageSummary> {
    let mut merge = store.begin_merge()?;
    let mut summary = PageSummary::default();
    for (name, page) in pages {
        let film_id = film(&mut merge, page)?;
        let own_page = page.kind == super::PageKind::Film;
        merge.set_film_details(film_id, &page.film, &page.details, own_page)?;
        let mut counts = PageCounts {
            name: name.clone(),
            film: match page.film.year {
                Some(year) => format!("{} ({year})", page.film.title),
                None => page.film.title.clone(),
            },
            unrated_in_text: page.unrated_in_text,
            ..PageCounts::default()
        };
        for entry in &page.entries {
            let entry = &within_limit(entry);
            match merge.add_entry(film_id, entry)? {
                Some(_) => counts.added += 1,
                None => {
                    counts.already += 1;
                    counts.mended += usize::from(mend(&mut merge, entry)?);
                }
            }
            counts.cut_short += usize::from(entry.cut_short);
        }
        summary.pages.push(counts);
    }
    summary.films_added = merge.commit()?.0;
    Ok(summary)
}

/// Gives the review stored under `entry`'s key the page's text, when it has none and the
/// page has some; says whether it did.
fn mend(merge: &mut Merge, entry: &NewEntry) -> Result<bool> {
    let Some(key) = &entry.source_key else {
        return Ok(false);
    };
    match merge.entry_with_key(key)? {
        Some(stored) if stored.body.is_empty() && !entry.body.is_empty() => {
            merge.set_text(stored.id, &entry.body, entry.markup.as_deref())?;
            merge.set_page_marks(stored.id, entry)?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// A review as marquee keeps it: its first `MAX_BODY_CHARS` characters, marked cut short
/// (the rest is on Letterboxd), when the page held more; the one limit every way in has.
/// Its formatting goes with the cut (the plain text is what is kept).
fn within_limit(entry: &NewEntry) -> std::borrow::Cow<'_, NewEntry> {
    match entry.body.char_indices().nth(MAX_BODY_CHARS) {
        None => std::borrow::Cow::Borrowed(entry),
        Some((end, _)) => std::borrow::Cow::Owned(NewEntry {
            body: entry.body[..end].to_string(),
            markup: None,
            cut_short: true,
            ..entry.clone()
        }),
    }
}

/// The page's film: by its address, by its slug (when the title agrees), by title and
/// year (a film known only from an export), or a new one.
fn film(merge: &mut Merge, page: &Page) -> Result<i64> {
    let film = &page.film;
    let address = page
        .slug_known
        .then(|| format!("https://letterboxd.com/film/{}/", film.slug));
    if let Some(address) = &address
        && let Some(id) = merge.film_with_uri(address)?
    {
        return Ok(id);
    }
    let same = |title: &str, year: Option<i32>| {
        title.eq_ignore_ascii_case(&film.title)
            && (year == film.year || year.is_none() || film.year.is_none())
    };
    let mut found = None;
    if page.slug_known
        && let Some(id) = merge.film_with_slug(&film.slug)?
        && let Some((title, year)) = merge.film_title(id)?
        && same(&title, year)
    {
        found = Some(id);
    }
    if found.is_none() && film.year.is_some() {
        // A film with this title and year that no page has named yet.
        found = merge
            .films_named(&film.title, film.year)?
            .into_iter()
            .find(|f| {
                !f.uris
                    .iter()
                    .any(|u| u.starts_with("https://letterboxd.com/film/"))
            })
            .map(|f| f.id);
    }
    if found.is_none() && !page.slug_known {
        found = merge
            .films_named(&film.title, film.year)?
            .first()
            .map(|f| f.id);
        // A text without a year names the one film of that title, if there is one.
        if found.is_none() && film.year.is_none() {
            let titled = merge.films_titled(&film.title)?;
            if let [one] = titled.as_slice() {
                found = Some(*one);
            }
        }
    }
    let id = match found {
        Some(id) => id,
        None => {
            let slug = page.slug_known.then_some(film.slug.as_str());
            merge.add_film(&film.title, film.year, slug, &film.directors)?
        }
    };
    if let Some(address) = &address {
        merge.add_film_uri(id, address)?;
    }
    Ok(id)
}
