//! A Letterboxd page saved from a browser ("Save page as", complete or HTML only): a
//! film page with its popular reviews, a film's review listing (any sort, any page, any
//! rating), or a single review. Read with html5ever, as a browser reads it; each fact is
//! looked for where Letterboxd puts it now, then where it put it before.

use std::collections::HashSet;

use scraper::{ElementRef, Html, Selector};

use super::{Page, PageError, PageKind, title_and_year};
use crate::markup;
use crate::model::{FilmDetails, NewEntry, NewFilm, Rating};

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("selectors in this file are valid")
}

/// Whether the text is HTML at all.
pub fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let lower: String = head
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<!--") && lower.contains("<html")
        || lower.starts_with("<head")
        || lower.starts_with("<meta")
}

/// Reads a saved page, or the page a save of the browser's view-source tab shows.
pub fn parse(text: &str) -> Result<Page, PageError> {
    if let Some(page) = in_parts(text) {
        return page;
    }
    let doc = Html::parse_document(text);
    match view_source(&doc) {
        Some(source) => read(&Html::parse_document(&source), &source),
        None => read(&doc, text),
    }
}

/// A page bigger than any real one (a real page is a megabyte or two) is read in parts,
/// so its tree never holds more than a few thousand reviews: the page around its review
/// cards (the film, its details), then the cards a few thousand at a time. `None` for a
/// page of usual size, or one whose cards can't be cut apart so.
fn in_parts(text: &str) -> Option<Result<Page, PageError>> {
    in_parts_of(text, 8 << 20, 2_000)
}

/// `in_parts` for pages of `big` bytes or more, `at_once` cards a part.
fn in_parts_of(text: &str, big: usize, at_once: usize) -> Option<Result<Page, PageError>> {
    if text.len() < big || text.contains("line-content") {
        return None;
    }
    let starts: Vec<usize> = text.match_indices("<article").map(|(at, _)| at).collect();
    let first = *starts.first()?;
    let end = text.rfind("</article>")? + "</article>".len();
    if end <= first {
        return None;
    }
    let around = format!("{}{}", &text[..first], &text[end..]);
    let mut page = match read(&Html::parse_document(&around), &around) {
        Ok(page) => page,
        Err(e) => return Some(Err(e)),
    };
    let mut seen: HashSet<String> = page
        .entries
        .iter()
        .filter_map(|e| e.source_key.clone())
        .collect();
    for part in starts.chunks(at_once) {
        let from = part[0];
        let to = starts
            .get(starts.partition_point(|&s| s <= *part.last().unwrap_or(&from)))
            .copied()
            .unwrap_or(end);
        let doc = Html::parse_document(&text[from..to]);
        reviews_into(&doc, &page.film.slug, &mut seen, &mut page.entries);
    }
    Some(Ok(page))
}

/// The page's HTML, when `doc` is a save of a browser's view-source tab: the source as
/// text in a table, a line per `td.line-content` (what the cell shows is the line).
fn view_source(doc: &Html) -> Option<String> {
    let cells = sel("td.line-content");
    let source: Vec<String> = doc.select(&cells).map(|td| td.text().collect()).collect();
    (!source.is_empty()).then(|| source.join("\n"))
}

fn read(doc: &Html, text: &str) -> Result<Page, PageError> {
    let address = address(doc, text).ok_or_else(|| not_letterboxd(doc))?;
    let path = address
        .split_once("letterboxd.com")
        .map(|(_, p)| p)
        .unwrap_or("")
        .split(['?', '#'])
        .next()
        .unwrap_or("");
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let (kind, slug) = match parts.as_slice() {
        ["film", slug] => (PageKind::Film, *slug),
        ["film", slug, "reviews", ..] => (PageKind::Reviews, *slug),
        [_user, "film", slug] | [_user, "film", slug, _] => (PageKind::Review, *slug),
        _ => return Err(other_kind(&parts)),
    };
    let mut film = film(doc, slug, kind);
    film.slug = slug.to_string();
    if film.title.is_empty() {
        return Err(PageError::whole(format!(
            "is a Letterboxd page ({}), but its film's title is not on it",
            crate::text::sanitize_line(&address)
        )));
    }
    let entries = match kind {
        PageKind::Review => single_review(doc, &parts, slug).into_iter().collect(),
        _ => reviews(doc, slug),
    };
    Ok(Page {
        kind,
        details: details(doc),
        film,
        slug_known: true,
        entries,
        unrated_in_text: 0,
    })
}

/// The page's own address: its canonical link, else where it was saved from.
fn address(doc: &Html, text: &str) -> Option<String> {
    let canonical = doc
        .select(&sel("link[rel=canonical], meta[property='og:url']"))
        .filter_map(|e| e.value().attr("href").or(e.value().attr("content")))
        .map(str::to_string)
        .find(|u| u.contains("letterboxd.com/"));
    // Browsers note it in a comment: <!-- saved from url=(0042)https://letterboxd.com/… -->
    canonical.or_else(|| {
        let at = text.find("saved from url=")?;
        let rest = &text[at..];
        let start = rest.find("http")?;
        let url: String = rest[start..]
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect();
        url.contains("letterboxd.com/").then_some(url)
    })
}

fn not_letterboxd(doc: &Html) -> PageError {
    let title = doc
        .select(&sel("title"))
        .next()
        .map(|t| t.text().collect::<String>())
        .unwrap_or_default();
    let title = crate::text::truncate(&crate::text::sanitize_line(title.trim()), 60);
    PageError::other_kind(if title.is_empty() {
        "is an HTML page, but not one of Letterboxd's (it has no letterboxd.com address); save a film page, its reviews or a review from letterboxd.com".to_string()
    } else {
        format!(
            "is an HTML page titled {title:?}, not one of Letterboxd's; save a film page, its reviews or a review from letterboxd.com"
        )
    })
}

/// A Letterboxd page of another kind: say which, and that it is not imported.
fn other_kind(parts: &[&str]) -> PageError {
    let what = match parts {
        [] => "Letterboxd's home page".to_string(),
        ["search", ..] => "a search result".to_string(),
        ["films", ..] => "a page of films".to_string(),
        ["film", _, rest @ ..] => format!("the film's {} page", rest.first().unwrap_or(&"")),
        [_, "list", ..] => "a list".to_string(),
        [_, "watchlist", ..] => "a watchlist".to_string(),
        [_, "films", "diary", ..] | [_, "diary", ..] => "a diary".to_string(),
        [_, "films", ..] => "a member's films".to_string(),
        [_] => "a member's profile".to_string(),
        _ => format!("a page at /{}/", parts.join("/")),
    };
    PageError::other_kind(format!(
        "is {} on Letterboxd, which marquee does not import; save a film page, its reviews or a single review",
        crate::text::sanitize_line(&crate::text::truncate(&what, 80))
    ))
}

/// The film: title, year, directors (the crew's full list), synopsis.
fn film(doc: &Html, slug: &str, kind: PageKind) -> NewFilm {
    let json = json_ld(doc);
    let (head_title, head_year) = heading(doc, slug);
    let (meta_title, meta_year) = doc
        .select(&sel("meta[property='og:title']"))
        .next()
        .and_then(|m| m.value().attr("content"))
        .map(title_and_year)
        .unwrap_or_default();
    let json_title = json
        .as_ref()
        .and_then(|j| j["name"].as_str())
        .map(str::to_string);
    let title = head_title
        .or(json_title)
        .filter(|t| !t.is_empty())
        .unwrap_or(meta_title);
    let json_year = json.as_ref().and_then(|j| {
        j["releasedEvent"][0]["startDate"]
            .as_str()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse().ok())
    });
    let year = head_year.or(json_year).or(meta_year);
    let mut directors = crew(doc, &["director", "directors"]);
    if directors.is_empty() {
        directors = json
            .as_ref()
            .and_then(|j| j["director"].as_array().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|d| d["name"].as_str().map(str::to_string))
            .collect();
    }
    if directors.is_empty() {
        directors = texts(
            doc,
            ".credits .creatorlist a, .credits a.contributor, .details a[href^='/director/']",
        );
    }
    dedup(&mut directors);
    let synopsis = if kind == PageKind::Film {
        synopsis(doc)
    } else {
        String::new()
    };
    NewFilm {
        slug: slug.to_string(),
        title: clean(&title),
        year,
        directors,
        synopsis,
    }
}

/// The film's heading: on its page `h1 .name` and the release year; on review pages a
/// link to the film and its year beside it.
fn heading(doc: &Html, slug: &str) -> (Option<String>, Option<i32>) {
    let own = first_text(
        doc,
        "h1.primaryname .name, h1.filmtitle .name, h1.headline-1 .name, h1.filmtitle",
    );
    // On review pages, a heading's link to the film (the slug is matched here, never put
    // into a selector: it comes from the page).
    let href = format!("/film/{slug}/");
    let linked = || {
        doc.select(&sel(".film-title-wrapper a, h1 a, h2 a, .headline-2 a"))
            .filter(|a| a.value().attr("href") == Some(href.as_str()))
            .map(|a| clean(&a.text().collect::<String>()))
            .find(|t| !t.is_empty())
    };
    let title = own.or_else(linked);
    let year = first_text(
        doc,
        ".releaseyear a, .releasedate a, span.releasedate, .film-title-wrapper .metadata a, small.metadata a, a[href^='/films/year/']",
    )
    .and_then(|y| y.trim().get(..4).and_then(|y| y.parse().ok()));
    (title.map(|t| clean(&t)), year)
}

/// The names under a crew heading ("Director", "Directors"), as the crew tab lists them.
fn crew(doc: &Html, roles: &[&str]) -> Vec<String> {
    let mut names = Vec::new();
    for heading in doc.select(&sel("#tab-crew h3")) {
        // The heading has the role twice, in full and short: read the full one.
        let role = heading
            .select(&sel(".crewrole.-full"))
            .next()
            .unwrap_or(heading)
            .text()
            .collect::<String>()
            .trim()
            .to_lowercase();
        if !roles.contains(&role.as_str()) {
            continue;
        }
        let Some(list) = heading.next_siblings().filter_map(ElementRef::wrap).next() else {
            continue;
        };
        names.extend(
            list.select(&sel("a"))
                .map(|a| clean(&a.text().collect::<String>())),
        );
    }
    names.retain(|n| !n.is_empty());
    names
}

fn synopsis(doc: &Html) -> String {
    let found = doc
        .select(&sel(
            ".production-synopsis .truncate, .review.body-text .truncate, .film-header-lockup .truncate, section.film-header .truncate, div.truncate",
        ))
        .next()
        .map(|e| markup::from_html(&browser_html(e)).body);
    found
        .or_else(|| {
            doc.select(&sel(
                "meta[name=description], meta[property='og:description']",
            ))
            .find_map(|m| m.value().attr("content").map(str::to_string))
        })
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// Runtime, genres, cast and Letterboxd's average, where the page has them.
fn details(doc: &Html) -> FilmDetails {
    let json = json_ld(doc);
    let runtime = first_text(doc, "p.text-footer, .text-footer").and_then(|t| {
        let at = t.find("min")?;
        t[..at]
            .trim()
            .rsplit(|c: char| !c.is_ascii_digit())
            .next()?
            .parse()
            .ok()
    });
    let mut genres = texts(doc, "#tab-genres a[href*='/films/genre/']");
    if genres.is_empty() {
        genres = json
            .as_ref()
            .and_then(|j| j["genre"].as_array().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|g| g.as_str().map(str::to_string))
            .collect();
    }
    dedup(&mut genres);
    let mut cast = texts(
        doc,
        "#tab-cast a[href^='/actor/'], .cast-list a[href^='/actor/']",
    );
    if cast.is_empty() {
        cast = json
            .as_ref()
            .and_then(|j| j["actors"].as_array().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|a| a["name"].as_str().map(str::to_string))
            .collect();
    }
    dedup(&mut cast);
    let rating = json.as_ref().map(|j| &j["aggregateRating"]);
    let average = rating
        .and_then(|r| r["ratingValue"].as_f64())
        .or_else(|| {
            doc.select(&sel("meta[name='twitter:data2']"))
                .next()?
                .value()
                .attr("content")?
                .split_whitespace()
                .next()?
                .parse()
                .ok()
        })
        .filter(|a| (0.0..=5.0).contains(a))
        .map(|a| (a * 100.0).round() as u32);
    let count = rating.and_then(|r| r["ratingCount"].as_u64());
    FilmDetails {
        runtime,
        genres,
        cast,
        letterboxd_average: average,
        letterboxd_ratings: count,
        imdb: imdb_id(doc),
        tmdb: tmdb_id(doc),
        ..FilmDetails::default()
    }
}

/// The IMDb title the page links to ("More at IMDb": `imdb.com/title/tt0113277/…`).
fn imdb_id(doc: &Html) -> Option<String> {
    doc.select(&sel("a[href*='imdb.com/title/tt']"))
        .filter_map(|a| a.value().attr("href"))
        .find_map(|href| {
            let after = &href[href.find("/title/")? + "/title/".len()..];
            let id: String = after
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            crate::import::imdb::matching::tconst_number(&id)
                .map(crate::import::imdb::matching::tconst_text)
        })
}

/// The film's TMDB id: the page's `data-tmdb-id`, or its link to TMDB's film page.
fn tmdb_id(doc: &Html) -> Option<u64> {
    let attribute = doc
        .select(&sel("[data-tmdb-id]"))
        .filter(|e| {
            e.value()
                .attr("data-tmdb-type")
                .is_none_or(|t| t == "movie")
        })
        .find_map(|e| e.value().attr("data-tmdb-id")?.trim().parse().ok());
    attribute.or_else(|| {
        doc.select(&sel("a[href*='themoviedb.org/movie/']"))
            .filter_map(|a| a.value().attr("href"))
            .find_map(|href| {
                let after = &href[href.find("/movie/")? + "/movie/".len()..];
                let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
                digits.parse().ok()
            })
    })
}

/// The page's JSON-LD description of the film (Letterboxd wraps it in a CDATA comment).
fn json_ld(doc: &Html) -> Option<serde_json::Value> {
    doc.select(&sel("script[type='application/ld+json']"))
        .find_map(|s| {
            let raw: String = s.text().collect();
            let start = raw.find('{')?;
            let end = raw.rfind('}')?;
            serde_json::from_str::<serde_json::Value>(raw.get(start..=end)?).ok()
        })
}

/// Every review on a film page or listing.
fn reviews(doc: &Html, slug: &str) -> Vec<NewEntry> {
    let mut entries = Vec::new();
    reviews_into(doc, slug, &mut HashSet::new(), &mut entries);
    entries
}

/// The reviews of `doc` whose keys are not in `seen` yet, added to `entries` (a set of
/// keys, so a page of 200,000 reviews is read in linear time).
fn reviews_into(doc: &Html, slug: &str, seen: &mut HashSet<String>, entries: &mut Vec<NewEntry>) {
    let is_card = |e: &ElementRef| e.value().classes().any(|c| c == "production-viewing");
    for article in doc.select(&sel(
        "article.production-viewing, li.film-detail, [data-object-id^='viewing:']",
    )) {
        // A card inside another, or a wrapper around one, is not another review.
        let inside = article
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| is_card(&a));
        let around = !is_card(&article)
            && article
                .descendants()
                .filter_map(ElementRef::wrap)
                .any(|d| is_card(&d));
        if inside || around {
            continue;
        }
        if let Some(entry) = review(article, slug)
            && seen.insert(entry.source_key.clone().unwrap_or_default())
        {
            entries.push(entry);
        }
    }
}

/// One review card.
fn review(card: ElementRef, slug: &str) -> Option<NewEntry> {
    let html = card.inner_html();
    let username = card
        .value()
        .attr("data-person")
        .map(str::to_string)
        .or_else(|| first_attr(card, "a.avatar", "href").map(|h| h.trim_matches('/').to_string()))
        .or_else(|| {
            first_attr(card, "a.context", "href")
                .and_then(|h| h.trim_matches('/').split('/').next().map(str::to_string))
        })
        .filter(|u| !u.is_empty() && !u.contains('/'));
    let author = first_text_in(card, "strong.displayname, .displayname, .name")
        .or_else(|| first_attr(card, "a.avatar img", "alt"))
        .or_else(|| username.clone())?;
    let body_el = card
        .select(&sel(
            ".js-review-body, .body-text:not(.js-spoiler-container)",
        ))
        .find(|e| !is_spoiler_notice(*e));
    let (body, markup_text, cut_short) = match body_el {
        Some(el) => review_text(el),
        None => (String::new(), None, false),
    };
    let id = viewing_id(card, &html);
    let key = match (&id, &username) {
        (Some(id), _) => format!("letterboxd-viewing:{id}"),
        (None, Some(user)) => format!("page:{slug}:{user}:{:016x}", super::fnv1a(body.as_bytes())),
        (None, None) => format!(
            "page:{slug}:{author}:{:016x}",
            super::fnv1a(body.as_bytes())
        ),
    };
    Some(NewEntry {
        author: clean(&author),
        handle: username,
        rating: rating(card),
        body,
        markup: markup_text,
        created: date(card),
        liked: card
            .select(&sel(".icon-liked, .-liked, .inline-liked"))
            .any(|e| !inside_like_button(e)),
        spoiler: card
            .select(&sel(
                ".js-spoiler-container, .contains-spoilers, .spoiler-warning",
            ))
            .next()
            .is_some()
            || html.contains("This review may contain spoilers"),
        // "Rewatched by …", where the page says "Review by" or "Watched by".
        rewatch: first_text_in(card, "a.context").is_some_and(|c| c.starts_with("Rewatched")),
        likes: likes(card),
        comments: comments(card),
        cut_short,
        source_key: Some(key),
        ..NewEntry::default()
    })
}

/// The review on a page of its own.
fn single_review(doc: &Html, parts: &[&str], slug: &str) -> Option<NewEntry> {
    let root = doc.root_element();
    let card = doc
        .select(&sel("article.production-viewing, .review.body-text"))
        .next()
        .and_then(|e| {
            e.ancestors()
                .filter_map(ElementRef::wrap)
                .find(|a| a.value().name() == "section" || a.value().name() == "main")
        })
        .unwrap_or(root);
    let mut entry = review(card, slug)?;
    if let Some(user) = parts.first() {
        entry.handle = Some((*user).to_string());
    }
    if entry.rating.is_none() {
        entry.rating = rating(root);
    }
    Some(entry)
}

/// The viewing's id: `data-object-id="viewing:123"`, or in the full-text or like links.
fn viewing_id(card: ElementRef, html: &str) -> Option<String> {
    if let Some(id) = card
        .value()
        .attr("data-object-id")
        .and_then(|v| v.strip_prefix("viewing:"))
    {
        return Some(id.to_string());
    }
    let at = html.find("viewing:")? + "viewing:".len();
    let digits: String = html[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (!digits.is_empty()).then_some(digits)
}

/// The rating from the stars' label (`aria-label="★★★★½"`), the `rated-9` class, or the
/// glyphs as text.
fn rating(card: ElementRef) -> Option<Rating> {
    let labelled = card
        .select(&sel("[aria-label], [title]"))
        .filter_map(|e| e.value().attr("aria-label").or(e.value().attr("title")))
        .find_map(stars);
    if labelled.is_some() {
        return labelled;
    }
    for el in card.select(&sel(".rating, [class*='rated-']")) {
        for class in el.value().classes() {
            if let Some(n) = class
                .strip_prefix("rated-")
                .and_then(|n| n.parse::<u8>().ok())
            {
                return Rating::from_half_stars(n);
            }
        }
        if let Some(r) = stars(&el.text().collect::<String>()) {
            return Some(r);
        }
    }
    None
}

/// "★★★★½" (or "Rated ★★★★½") as a rating.
fn stars(label: &str) -> Option<Rating> {
    let glyphs: String = label.chars().filter(|c| *c == '★' || *c == '½').collect();
    if glyphs.is_empty() {
        return None;
    }
    glyphs.parse().ok()
}

fn date(card: ElementRef) -> Option<String> {
    let raw = card
        .select(&sel("time[datetime]"))
        .find_map(|t| t.value().attr("datetime").map(str::to_string))
        .or_else(|| first_attr(card, "[data-absolute-date]", "data-absolute-date"))?;
    let day = raw.get(..10)?;
    crate::model::parse_date(day).ok()
}

fn likes(card: ElementRef) -> u32 {
    card.select(&sel("[data-count], .like-link-target"))
        .find_map(|e| e.value().attr("data-count").and_then(number))
        .or_else(|| {
            card.select(&sel(
                ".likes, .review-likes, .like-count, a[href$='/likes/']",
            ))
            .find_map(|e| number(&e.text().collect::<String>()))
        })
        .unwrap_or(0)
}

fn comments(card: ElementRef) -> u32 {
    card.select(&sel("a[href$='#comments'], .comment-count, .icon-comment"))
        .find_map(|e| number(&e.text().collect::<String>()))
        .unwrap_or(0)
}

/// "1,234 likes" → 1234; "1.2K" → 1200.
fn number(text: &str) -> Option<u32> {
    let t = text.trim();
    let digits: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .filter(|c| *c != ',')
        .collect();
    if digits.is_empty() {
        return None;
    }
    let rest = t[digits.len().min(t.len())..].trim_start();
    let scale = match rest.chars().next() {
        Some('K' | 'k') => 1_000.0,
        Some('M' | 'm') if !rest.starts_with("mi") => 1_000_000.0,
        _ => 1.0,
    };
    let value: f64 = digits.parse().ok()?;
    Some((value * scale).round() as u32)
}

/// The review's text: what is in its body, without the "more" link and the translation
/// button; cut short when the page shows only its beginning. Today's pages put the shown
/// beginning inside `.collapsed-text`; older ones put only the "… more" there, after it.
fn review_text(body: ElementRef) -> (String, Option<String>, bool) {
    let mut html = String::new();
    let mut cut_short = body.value().attr("data-full-text-url").is_some()
        && body.select(&sel(".collapsed-text")).next().is_some();
    let collapsed = |el: &ElementRef| el.value().classes().any(|c| c.contains("collapsed-text"));
    let text_beside = body.children().any(|child| match ElementRef::wrap(child) {
        Some(el) => {
            !collapsed(&el) && !is_furniture(&el) && !el.text().all(|t| t.trim().is_empty())
        }
        None => child
            .value()
            .as_text()
            .is_some_and(|t| !t.trim().is_empty()),
    });
    if body
        .children()
        .filter_map(ElementRef::wrap)
        .any(|el| collapsed(&el) || el.value().classes().any(|c| c == "reveal"))
    {
        cut_short = true;
    }
    push_shown(body, !text_beside, &mut html);
    let review = markup::from_html(&html);
    let body_text = review.body.trim_end_matches(" more").to_string();
    if body_text.ends_with('…') && body.value().attr("data-full-text-url").is_some() {
        cut_short = true;
    }
    (body_text, review.markup, cut_short)
}

/// The "more" link, the translation button: the page's, not the review's.
fn is_furniture(el: &ElementRef) -> bool {
    el.value()
        .classes()
        .any(|c| c.contains("translate") || c == "reveal" || c.contains("js-reveal"))
}

/// What `parent` shows of the review: the "more" link and the translation button left
/// out, and `.collapsed-text` too unless `dive` (then what it holds, likewise).
fn push_shown(parent: ElementRef, dive: bool, html: &mut String) {
    for child in parent.children() {
        match ElementRef::wrap(child) {
            Some(el) if el.value().classes().any(|c| c.contains("collapsed-text")) => {
                if dive {
                    push_shown(el, false, html);
                }
            }
            Some(el) if is_furniture(&el) => {}
            Some(el) => push_element(el, html),
            None => {
                if let Some(text) = child.value().as_text() {
                    push_text(text, html);
                }
            }
        }
    }
}

/// An element's content as a browser shows it, as HTML for `markup`.
fn browser_html(el: ElementRef) -> String {
    let mut out = String::new();
    for child in el.children() {
        match ElementRef::wrap(child) {
            Some(inner) => push_element(inner, &mut out),
            None => {
                if let Some(text) = child.value().as_text() {
                    push_text(text, &mut out);
                }
            }
        }
    }
    out
}

/// Text as a browser shows it: a run of whitespace is one space (the page's indentation
/// is not the review's).
fn push_text(text: &str, out: &mut String) {
    let mut last_space = out.ends_with(' ');
    for c in text.chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push_str(&markup::escape(&c.to_string()));
            last_space = false;
        }
    }
}

/// An element as HTML for `markup`: its tag (with a link's address, the one attribute
/// that counts) around its content. Walked, not recursed: nesting has no limit on a page.
fn push_element(el: ElementRef, out: &mut String) {
    use ego_tree::iter::Edge;
    // Void elements (`<br>`) have no content and no end tag.
    let void = |name: &str| matches!(name, "br" | "hr" | "img" | "wbr" | "input" | "source");
    for edge in el.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                scraper::Node::Element(element) => {
                    let name = element.name();
                    match element.attr("href").filter(|_| name == "a") {
                        Some(href) => {
                            out.push_str(&format!("<a href=\"{}\">", markup::escape(href)))
                        }
                        None => out.push_str(&format!("<{name}>")),
                    }
                }
                scraper::Node::Text(text) => push_text(text, out),
                _ => {}
            },
            Edge::Close(node) => {
                if let scraper::Node::Element(element) = node.value()
                    && !void(element.name())
                {
                    out.push_str(&format!("</{}>", element.name()));
                }
            }
        }
    }
}

fn is_spoiler_notice(el: ElementRef) -> bool {
    el.value().classes().any(|c| c == "js-spoiler-container")
}

fn inside_like_button(el: ElementRef) -> bool {
    el.ancestors().filter_map(ElementRef::wrap).any(|a| {
        a.value()
            .classes()
            .any(|c| c.contains("like-link") || c.contains("likes"))
    })
}

fn first_text(doc: &Html, css: &str) -> Option<String> {
    doc.select(&sel(css))
        .map(|e| clean(&e.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

fn first_text_in(el: ElementRef, css: &str) -> Option<String> {
    el.select(&sel(css))
        .map(|e| clean(&e.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

fn first_attr(el: ElementRef, css: &str, attr: &str) -> Option<String> {
    el.select(&sel(css))
        .find_map(|e| e.value().attr(attr).map(str::to_string))
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&sel(css))
        .map(|e| clean(&e.text().collect::<String>()))
        .filter(|t| !t.is_empty() && !t.starts_with("Show All") && t != "…")
        .collect()
}

/// Whitespace as a browser shows it: runs are one space.
fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn dedup(names: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(n.clone()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_read_in_parts_gives_what_the_whole_page_gives() {
        let cards: String = (0..30)
            .map(|i| {
                // The fifth card again, as a page that repeats one does.
                let i = if i == 20 { 5 } else { i };
                format!(
                    "<article class=\"production-viewing\" data-object-id=\"viewing:{i}\">\
                     <a class=\"avatar\" href=\"/u{i}/\"></a><strong class=\"displayname\">U{i}</strong>\
                     <svg class=\"glyph -rating\" aria-label=\"★★★\"></svg>\
                     <div class=\"js-review-body\"><p>Review {i}.</p></div></article>\n"
                )
            })
            .collect();
        let page = format!(
            "<!DOCTYPE html>\n<html><head><title>Night Train (2021) reviews • Letterboxd</title>\n\
             <link rel=\"canonical\" href=\"https://letterboxd.com/film/night-train-2021/reviews/\">\n\
             </head><body><div class=\"film-title-wrapper\"><a href=\"/film/night-train-2021/\">Night Train</a>\
             <small class=\"metadata\"><a href=\"/films/year/2021/\">2021</a></small></div>\
             <div class=\"viewing-list\">{cards}</div></body></html>\n"
        );
        let whole = parse(&page).unwrap();
        let parts = in_parts_of(&page, 0, 7).unwrap().unwrap();
        assert_eq!(whole.entries.len(), 29);
        assert_eq!(parts, whole);
    }
}
