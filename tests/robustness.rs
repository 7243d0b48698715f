//! Hostile and random input: reviews of any Unicode drawn at any size, and importers fed
//! anything, never panic; control sequences never reach the screen.

mod common;

use common::{draw, press, terminal};
use marquee::import::{jsonl, letterboxd, page};
use marquee::model::{NewEntry, NewFilm, Rating};
use marquee::store::Store;
use proptest::prelude::*;

/// Text mixing everything that has broken terminals: CJK, emoji with ZWJ and VS16, flags,
/// combining marks, zero-width characters, controls, escapes and bidi overrides.
fn nasty() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        " ",
        "\n",
        "\t",
        "映画",
        "👨‍👩‍👧",
        "❤️",
        "🇯🇵",
        "e\u{301}",
        "\u{200b}",
        "\u{200d}",
        "\u{1b}[2J",
        "\u{1b}]0;title\u{7}",
        "\u{1b}]52;c;aGk=\u{7}",
        "\u{9b}31m",
        "\u{202e}",
        "\u{2066}",
        "\u{7f}",
        "\u{0}",
        "word",
        "🌞",
        "ｗｉｄｅ",
        "\r",
        // Markup and entities, next to characters of several bytes.
        "&",
        "&amp;",
        "&#x1F3AC;",
        "&quot",
        "<",
        "<i>",
        "</b>",
        "<blockquote>",
        "á",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
}

fn store_with(author: &str, body: &str, title: &str) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let film = NewFilm {
        slug: "f".into(),
        title: title.into(),
        directors: vec![author.into()],
        synopsis: body.into(),
        ..NewFilm::default()
    };
    let entries: Vec<NewEntry> = (0..3)
        .map(|i| NewEntry {
            author: author.into(),
            rating: Rating::from_half_stars(1 + i * 4),
            body: body.into(),
            tags: vec![author.into()],
            spoiler: i == 2,
            ..NewEntry::default()
        })
        .collect();
    store.add_film_with_entries(&film, &entries).unwrap();
    store
}

fn film_app(store: Store) -> marquee::tui::app::App {
    let film = store.find_film("f").unwrap();
    marquee::tui::app::App::new(store, film, &common::config()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_review_at_any_size_draws_without_panic_or_escapes(
        author in nasty(),
        body in nasty(),
        title in nasty(),
        width in 1u16..=200,
        height in 1u16..=60,
    ) {
        let mut app = film_app(store_with(&author, &body, &title));
        let mut t = terminal(width, height);
        let screens = [
            draw(&mut t, &mut app),
            press(&mut t, &mut app, &["j", "x"]),
            press(&mut t, &mut app, &["Enter", "G"]),
            press(&mut t, &mut app, &["Esc", "/"]),
        ];
        for screen in screens {
            prop_assert!(!screen.contains('\u{1b}'), "an escape reached the screen");
            prop_assert!(!screen.contains('\u{9b}'), "a C1 control reached the screen");
            prop_assert!(!screen.contains('\u{202e}'), "a bidi override reached the screen");
        }
    }

    #[test]
    fn the_page_parser_takes_anything(text in nasty()) {
        quiet(page::parse(&text));
        quiet(page::parse(&format!("{text}\n\n  • {text} review by {text} on Letterboxd\n{text}")));
        quiet(page::parse(&format!("{text}\nDirected by\n{text}\nReview by {text}\n{text}\n")));
        quiet(page::parse(&format!(
            "<!DOCTYPE html><link rel=canonical href=\"https://letterboxd.com/film/{text}/\"><h1 class=\"primaryname\"><span class=name>{text}</span></h1><article class=\"production-viewing\" data-object-id=\"viewing:{text}\"><strong class=displayname>{text}</strong><svg aria-label=\"{text}\"></svg><div class=\"js-review-body\">{text}</div></article>"
        )));
        quiet(page::parse(&format!(
            "<!DOCTYPE html><link rel=canonical href=\"https://letterboxd.com/{text}/list/x/\"><title>{text}</title>"
        )));
    }

    #[test]
    fn the_letterboxd_reader_takes_anything(text in nasty(), quoted in nasty()) {
        let csv = format!(
            "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n{text},\"{quoted}\",{text},{text},{text},{text},\"{quoted}\",{text},{text}\n"
        );
        let sources = vec![letterboxd::Source { name: "reviews.csv".into(), kind: letterboxd::Kind::Reviews, text: csv, export: 0 }];
        let mut store = Store::open_in_memory().unwrap();
        quiet(letterboxd::import(&sources, &mut store, "me"));
        let header = format!("{text},{quoted}\n1,2\n");
        let odd = vec![letterboxd::Source { name: format!("{text}.csv"), kind: letterboxd::Kind::Diary, text: header, export: 0 }];
        quiet(letterboxd::import(&odd, &mut store, "me"));
    }

    #[test]
    fn review_html_reads_back_as_itself(text in nasty(), word in nasty()) {
        use marquee::markup;
        let html = format!("{text}<i>{word}</i><blockquote>{text}<b>{word}</b></blockquote>{word}<a href=\"{text}\">{word}</a><br>{text}<p>{word}");
        let review = markup::from_html(&html);
        // Markup it wrote reads back as itself. (Text with stray tags of its own, "<e…",
        // is read as a browser would, which need not be a fixed point; it must still read
        // without a panic, which the calls above and below check.)
        let well_formed = !text.contains('<') && !word.contains('<');
        if let Some(kept) = review.markup.as_ref().filter(|_| well_formed) {
            // The markup is its own fixed point: read again, it gives the same text and markup.
            let again = markup::from_html(kept);
            prop_assert_eq!(&again.body, &review.body);
            prop_assert_eq!(again.markup.as_ref(), Some(kept));
        }
        if let Some(kept) = &review.markup {
            let _ = markup::blocks(kept);
            let _ = markup::links(kept);
            let _ = markup::from_html(kept);
        }
    }

    #[test]
    fn the_jsonl_reader_takes_anything(text in nasty()) {
        let mut store = Store::open_in_memory().unwrap();
        let lines = format!(
            "{{\"type\":\"film\",\"slug\":\"s\",\"title\":{t}}}\n{{\"type\":\"review\",\"film\":\"s\",\"author\":{t},\"body\":{t},\"rating\":4}}\n{text}\n",
            t = serde_json::to_string(&text).unwrap()
        );
        quiet(jsonl::import(lines.as_bytes(), "fuzz", &mut store));
        let tagged = format!("{{\"type\":{t}}}\n{{\"type\":\"film\",{t}:1}}\n", t = serde_json::to_string(&text).unwrap());
        quiet(jsonl::import(tagged.as_bytes(), "fuzz", &mut store));
    }
}

/// An error that quotes input carries no control character but newlines: it can be
/// printed to a terminal as it is.
fn quiet<T, E: std::fmt::Display>(result: Result<T, E>) {
    if let Err(error) = result {
        let message = error.to_string();
        assert!(
            !message
                .chars()
                .any(|c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c)),
            "a control character in {message:?}"
        );
    }
}

#[test]
fn a_known_trap_wrapping_a_sun_at_width_two() {
    let mut app = film_app(store_with("a🌞b", "a🌞b", "a🌞b"));
    for width in 1..=4 {
        let mut t = terminal(width, 10);
        draw(&mut t, &mut app);
        press(&mut t, &mut app, &["Enter"]);
        press(&mut t, &mut app, &["Esc"]);
    }
}
