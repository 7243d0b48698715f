//! Text that came from strangers, made safe and laid out by display width.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

const TAB_WIDTH: usize = 4;

/// The widest a line of a review's text is drawn, however wide the terminal: longer
/// lines are hard to read.
pub const MEASURE: usize = 100;

/// Makes untrusted text harmless for a terminal: C0 controls and DEL become caret notation
/// (`^[`), C1 controls and bidi overrides become U+FFFD, tabs become spaces. Newlines stay.
pub fn sanitize(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut column = 0;
    for c in input.chars() {
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
                continue;
            }
            '\t' => {
                let spaces = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
                continue;
            }
            '\r' => continue,
            '\u{0}'..='\u{1f}' => {
                out.push('^');
                out.push(char::from(b'@' + c as u8));
            }
            '\u{7f}' => out.push_str("^?"),
            '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                out.push('\u{fffd}')
            }
            _ => out.push(c),
        }
        column += 1;
    }
    out
}

/// Cleans a name before it is stored (a title, a slug, an author, a director, a list's
/// name): one line, no control characters; line ends and tabs become spaces.
pub fn clean_name(input: &str) -> String {
    if !has_control(input) && !input.contains(['\n', '\t']) {
        return input.to_string();
    }
    input
        .chars()
        .filter_map(|c| match c {
            '\n' | '\t' => Some(' '),
            '\r' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Cleans a review's text as written (its markup, kept to give it back byte for byte):
/// control characters other than line ends and tab are dropped; `\r` stays.
pub fn clean_written(input: &str) -> String {
    if !has_control(input) {
        return input.to_string();
    }
    input
        .chars()
        .filter(|&c| matches!(c, '\n' | '\r' | '\t') || !c.is_control())
        .collect()
}

/// Cleans text a user wrote before it is stored: line ends become `\n`, and control
/// characters other than newline and tab are dropped. Everything else is kept as written.
pub fn clean_input(input: &str) -> String {
    if !has_control(input) {
        return input.to_string();
    }
    let unified = input.replace("\r\n", "\n").replace('\r', "\n");
    unified
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect()
}

/// Whether `input` has a control character other than newline and tab. Reads bytes: an
/// import runs this over every review. C0 and DEL are single bytes; C1 (U+0080..=U+009F)
/// is encoded as 0xC2 then 0x80..=0x9F.
pub fn has_control(input: &str) -> bool {
    let bytes = input.as_bytes();
    // A quick pass first, branch-free so it runs on wide registers, for the bytes that
    // can start a control character; most text has none.
    let suspect = |b: u8| (b < 0x20) | (b == 0x7f) | (b == 0xc2);
    if !bytes
        .chunks(64)
        .any(|chunk| chunk.iter().fold(false, |seen, &b| seen | suspect(b)))
    {
        return false;
    }
    bytes.iter().enumerate().any(|(i, &b)| {
        (b < 0x20 && b != b'\n' && b != b'\t')
            || b == 0x7f
            || (b == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
    })
}

/// A stable 64-bit hash (FNV-1a): the same bytes hash the same on every machine and every
/// build (review keys, file names).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Sanitizes text meant for one line: line breaks become spaces.
pub fn sanitize_line(input: &str) -> String {
    sanitize(&input.replace(['\r', '\n'], " "))
}

/// Display width in terminal columns (CJK and most emoji take two).
pub fn width(s: &str) -> usize {
    s.width()
}

/// Wraps sanitized text to `max_width` columns: at spaces where it can, inside a word
/// when a word is wider than a line. Each `\n` starts a new line; empty lines are kept.
/// Never yields a line wider than `max_width` unless a single character is (at width 1,
/// a two-column character gets a line of its own).
pub fn wrap(text: &str, max_width: usize) -> Vec<String> {
    let max_width = max_width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph, max_width, &mut lines);
    }
    lines
}

/// The first `max` lines of `text` wrapped to `max_width`, and whether it has more: the
/// cost depends on `max` and the width, not on the text's length. A prefix of the text is
/// wrapped, longer until it gives more than `max` lines or is the whole text: wrapping is
/// greedy, so every line of a prefix but its last is a line of the whole.
pub fn wrap_at_most(text: &str, max_width: usize, max: usize) -> (Vec<String>, bool) {
    prefix_wrapped(text, max_width, max, |prefix| wrap(prefix, max_width))
}

/// `wrap_at_most` of the text as `sanitize` makes it, sanitizing only the prefix wrapped.
pub fn wrap_sanitized_at_most(text: &str, max_width: usize, max: usize) -> (Vec<String>, bool) {
    prefix_wrapped(text, max_width, max, |prefix| {
        wrap(&sanitize(prefix), max_width)
    })
}

fn prefix_wrapped(
    text: &str,
    max_width: usize,
    max: usize,
    wrap: impl Fn(&str) -> Vec<String>,
) -> (Vec<String>, bool) {
    let mut take = max
        .saturating_add(1)
        .saturating_mul(max_width.max(1) + 1)
        .saturating_mul(4);
    loop {
        let mut cut = take.min(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let mut lines = wrap(&text[..cut]);
        let whole = cut == text.len();
        if whole || lines.len() > max {
            let more = lines.len() > max;
            lines.truncate(max);
            return (lines, more);
        }
        take = take.saturating_mul(2);
    }
}

fn wrap_paragraph(paragraph: &str, max_width: usize, lines: &mut Vec<String>) {
    let mut line = String::new();
    let mut line_width = 0;
    for word in space_runs(paragraph) {
        let word_width = word.width();
        let is_space = word.chars().all(char::is_whitespace);
        if line_width + word_width <= max_width {
            if !(is_space && line_width == 0 && !line.is_empty()) {
                line.push_str(word);
                line_width += word_width;
            }
            continue;
        }
        if is_space {
            // A break at a space: the space itself is dropped.
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            line_width = 0;
            continue;
        }
        if word_width <= max_width {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            line.push_str(word);
            line_width = word_width;
            continue;
        }
        // A word wider than a whole line: break it between graphemes.
        for grapheme in word.graphemes(true) {
            let w = grapheme.width();
            if line_width + w > max_width && line_width > 0 {
                lines.push(std::mem::take(&mut line));
                line_width = 0;
            }
            line.push_str(grapheme);
            line_width += w;
        }
    }
    lines.push(line.trim_end().to_string());
}

/// Splits text into alternating runs of spaces and non-spaces, so words keep their
/// punctuation ("men," stays whole).
fn space_runs(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let space = first.is_whitespace();
        let end = rest
            .char_indices()
            .find(|&(_, c)| c.is_whitespace() != space)
            .map_or(rest.len(), |(i, _)| i);
        let (run, tail) = rest.split_at(end);
        rest = tail;
        Some(run)
    })
}

/// Text folded for matching as the search does: lowercase, accents removed, and letters
/// of their own written as people type them without the key (ø as o, ß as ss).
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.chars().flat_map(folded_letters).collect()
}

/// One character folded as `fold` folds it: its base letters, lowercase.
pub fn folded_letters(c: char) -> impl Iterator<Item = char> {
    use unicode_normalization::UnicodeNormalization;
    std::iter::once(c)
        .nfd()
        .filter(|d| !unicode_normalization::char::is_combining_mark(*d))
        .flat_map(char::to_lowercase)
        .flat_map(|d| {
            let (first, second) = match d {
                'ø' => ('o', None),
                'ß' => ('s', Some('s')),
                'æ' => ('a', Some('e')),
                'œ' => ('o', Some('e')),
                'ł' | 'ŀ' => ('l', None),
                'đ' | 'ð' => ('d', None),
                'þ' => ('t', Some('h')),
                'ı' => ('i', None),
                'ħ' => ('h', None),
                'ŧ' => ('t', None),
                other => (other, None),
            };
            std::iter::once(first).chain(second)
        })
}

/// The order of film titles as people expect it: ignoring case, accents and a leading
/// "The", "A" or "An", with numbers by their value (Part 2 before Part 10).
pub fn title_order(a: &str, b: &str) -> std::cmp::Ordering {
    title_key(a).cmp(&title_key(b))
}

/// A title as text whose plain (byte) order is `title_order`, so the database can keep
/// films in that order in an index: folded, without a leading article, and each run of
/// digits written as its length (a digit character: `'0' + length`) and then its digits
/// without leading zeros, so a shorter number comes first. Like characters, a number
/// sorts after spaces and punctuation and before letters.
pub fn title_key(title: &str) -> String {
    let folded = fold(title.trim());
    let bare = ["the ", "a ", "an "]
        .iter()
        .find_map(|article| folded.strip_prefix(article))
        .filter(|rest| !rest.trim().is_empty())
        .unwrap_or(&folded);
    numbers_keyed(bare)
}

/// Letters typed to find a title, as they appear in its key: folded, numbers written as
/// the key writes them (so "15" finds Film 15 but not Film 5, whose key holds "15").
pub fn title_key_part(typed: &str) -> String {
    numbers_keyed(&fold(typed))
}

/// Folded text with each run of digits written as its length and its digits.
fn numbers_keyed(folded: &str) -> String {
    let mut key = String::with_capacity(folded.len() + 4);
    let mut rest = folded;
    while let Some(at) = rest.find(|c: char| c.is_ascii_digit()) {
        key.push_str(&rest[..at]);
        let run = &rest[at..];
        let len = run.find(|c: char| !c.is_ascii_digit()).unwrap_or(run.len());
        let digits = run[..len].trim_start_matches('0');
        // Past 40 digits, lengths share a mark: no title has such numbers to order.
        let mark = u8::try_from(digits.len().min(40)).unwrap_or(40);
        key.push(char::from(b'0' + mark));
        key.push_str(digits);
        rest = &run[len..];
    }
    key.push_str(rest);
    key
}

/// Whether `word`, folded as `fold` does, starts with `prefix` (already folded). Folds
/// only as far as it compares, so a word that differs in its first letter costs one
/// letter: the search walks hundreds of reviews per page with this.
pub fn starts_folded(word: &str, prefix: &str) -> bool {
    let mut want = prefix.chars();
    let mut next = want.next();
    for c in word.chars() {
        if next.is_none() {
            return true;
        }
        if c.is_ascii() {
            if Some(c.to_ascii_lowercase()) != next {
                return false;
            }
            next = want.next();
            continue;
        }
        for d in folded_letters(c) {
            match next {
                None => return true,
                Some(w) if w == d => next = want.next(),
                Some(_) => return false,
            }
        }
    }
    next.is_none()
}

/// Byte ranges of the words in `line` that a search for `terms` (folded words, each a
/// prefix) matches, for highlighting.
pub fn matches(line: &str, terms: &[String]) -> Vec<std::ops::Range<usize>> {
    if terms.is_empty() {
        return Vec::new();
    }
    let mut ranges = Vec::new();
    let mut start = None;
    for (i, c) in line
        .char_indices()
        .chain(std::iter::once((line.len(), ' ')))
    {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if terms.iter().any(|t| starts_folded(&line[s..i], t)) {
                    ranges.push(s..i);
                }
                start = None;
            }
            _ => {}
        }
    }
    ranges
}

/// A count with thousands separators: 1000005 → "1,000,005".
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// `head` then `tail` in `width` columns: the head cut (with `…`) so the tail (a count, a
/// date) stays whole; only when the tail alone is too wide is it cut too.
pub fn fit_keeping(head: &str, tail: &str, width: usize) -> String {
    let tail_width = tail.width();
    if tail_width + 2 > width {
        return truncate(&format!("{head}{tail}"), width);
    }
    format!("{}{tail}", truncate(head, width - tail_width))
}

/// `lines` with the last one ended by `…` when `more` is true (there is more text than
/// shown), cut to `width` to make room for it.
pub fn mark_more(mut lines: Vec<String>, more: bool, width: usize) -> Vec<String> {
    if more && let Some(last) = lines.last_mut() {
        let kept = truncate(last, width.saturating_sub(1));
        *last = format!("{}…", kept.trim_end_matches('…'));
    }
    lines
}

/// Cuts a line to at most `max_width` columns, ending in `…` when something was cut.
pub fn truncate(s: &str, max_width: usize) -> String {
    if s.width() <= max_width {
        return s.to_string();
    }
    if max_width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for grapheme in s.graphemes(true) {
        let w = grapheme.width();
        if used + w > max_width - 1 {
            break;
        }
        out.push_str(grapheme);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_sequences_become_visible_text() {
        assert_eq!(sanitize("a\x1b]0;pwned\x07b"), "a^[]0;pwned^Gb");
        assert_eq!(sanitize("\x1b[2J"), "^[[2J");
        assert_eq!(sanitize("x\u{9b}31m"), "x\u{fffd}31m");
        assert_eq!(sanitize("abc\u{202e}def"), "abc\u{fffd}def");
        assert_eq!(sanitize("del\x7f"), "del^?");
        assert_eq!(sanitize("line\r\nnext"), "line\nnext");
    }

    #[test]
    fn stored_text_keeps_newlines_and_tabs_only() {
        assert_eq!(clean_input("a\r\nb\rc\td"), "a\nb\nc\td");
        assert_eq!(clean_input("x\x1b[2Jy\x07\u{9b}z\x7f"), "x[2Jyz");
        assert_eq!(clean_input("映画 🎬"), "映画 🎬");
    }

    #[test]
    fn control_characters_are_found_as_char_is_control_finds_them() {
        let others = ['é', 'ŀ', '\u{2028}', '\u{202e}', '映', '🎬', '\u{feff}'];
        for c in (0..=0x2ffu32).filter_map(char::from_u32).chain(others) {
            let expected = c.is_control() && c != '\n' && c != '\t';
            assert_eq!(has_control(&format!("a{c}b")), expected, "{:?}", c);
        }
        // Long text is read in blocks first: a control character in any block, or split
        // across two, is still found.
        for at in [0, 62, 63, 64, 65, 127, 200] {
            for (c, expected) in [('\x1b', true), ('\u{85}', true), ('£', false), ('é', false)] {
                let text = format!("{}{c}{}", "a".repeat(at), "b".repeat(100));
                assert_eq!(has_control(&text), expected, "{c:?} at {at}");
            }
        }
    }

    #[test]
    fn tabs_expand_to_the_next_stop() {
        assert_eq!(sanitize("a\tb"), "a   b");
        assert_eq!(sanitize("\tb"), "    b");
    }

    #[test]
    fn wraps_at_spaces_by_display_width() {
        assert_eq!(
            wrap("the quick brown fox", 10),
            vec!["the quick", "brown fox"]
        );
        assert_eq!(wrap("one\n\ntwo", 10), vec!["one", "", "two"]);
    }

    #[test]
    fn wide_characters_take_two_columns() {
        let lines = wrap("映画は素晴らしい", 6);
        assert_eq!(lines, vec!["映画は", "素晴ら", "しい"]);
        for line in wrap("a🌞b 🎬🎬🎬 家族👨‍👩‍👧", 2) {
            assert!(width(&line) <= 2, "{line:?} is wider than 2");
        }
    }

    #[test]
    fn long_words_break_anywhere() {
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
    }

    #[test]
    fn matching_ignores_case_and_accents_and_takes_prefixes() {
        let terms = vec![fold("EMOT"), fold("cafe")];
        let line = "Émotions at the Café, emotional";
        let found: Vec<&str> = matches(line, &terms)
            .into_iter()
            .map(|r| &line[r])
            .collect();
        assert_eq!(found, vec!["Émotions", "Café", "emotional"]);
        assert!(matches("nothing here", &[]).is_empty());
    }

    #[test]
    fn prefixes_compare_folded() {
        for (word, prefix, expected) in [
            ("Émotions", "emot", true),
            ("CAFÉ", "cafe", true),
            ("café", "cafes", false),
            ("Film", "film", true),
            ("fil", "film", false),
            ("映画館", "映画", true),
            ("naïve", "naiv", true),
            ("other", "film", false),
        ] {
            assert_eq!(starts_folded(word, prefix), expected, "{word} / {prefix}");
            assert_eq!(
                fold(word).starts_with(prefix),
                expected,
                "fold agrees on {word}"
            );
        }
    }

    #[test]
    fn letters_of_their_own_fold_as_people_type_them() {
        assert_eq!(fold("Ødegaard"), "odegaard");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Æon Flux"), "aeon flux");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("Þórr"), "thorr");
        assert_eq!(fold("Amélie"), "amelie");
        assert!(starts_folded("Ødegaard", "odeg"));
        assert!(starts_folded("Straße", "strass"));
        assert!(!starts_folded("Straße", "strat"));
    }

    /// Numbers compared by value, the rest character by character: what the title key's
    /// byte order must agree with.
    fn natural(a: &str, b: &str) -> std::cmp::Ordering {
        let (mut a, mut b) = (a, b);
        loop {
            match (a.chars().next(), b.chars().next()) {
                (None, None) => return std::cmp::Ordering::Equal,
                (None, Some(_)) => return std::cmp::Ordering::Less,
                (Some(_), None) => return std::cmp::Ordering::Greater,
                (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                    let run = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
                    let (na, nb) = (run(a), run(b));
                    let (da, db) = (
                        a[..na].trim_start_matches('0'),
                        b[..nb].trim_start_matches('0'),
                    );
                    let by_value = da.len().cmp(&db.len()).then_with(|| da.cmp(db));
                    if by_value.is_ne() {
                        return by_value;
                    }
                    (a, b) = (&a[na..], &b[nb..]);
                }
                (Some(x), Some(y)) if x != y => return x.cmp(&y),
                (Some(x), Some(_)) => (a, b) = (&a[x.len_utf8()..], &b[x.len_utf8()..]),
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_first_lines_of_a_text_are_its_lines_wrapped_whole(
            text in "([a-zé 映\n]{0,9} ){0,60}",
            width in 1usize..20,
            max in 0usize..12,
        ) {
            let whole = wrap(&text, width);
            let (first, more) = wrap_at_most(&text, width, max);
            proptest::prop_assert_eq!(&first[..], &whole[..whole.len().min(max)]);
            proptest::prop_assert_eq!(more, whole.len() > max);
            let tabbed = text.replace('é', "\t");
            let whole = wrap(&sanitize(&tabbed), width);
            let (first, more) = wrap_sanitized_at_most(&tabbed, width, max);
            proptest::prop_assert_eq!(&first[..], &whole[..whole.len().min(max)]);
            proptest::prop_assert_eq!(more, whole.len() > max);
        }

        #[test]
        fn title_keys_order_as_numbers_and_letters_do(
            a in "[a-c0-9 .:!]{0,12}",
            b in "[a-c0-9 .:!]{0,12}",
        ) {
            // Leading articles and spaces are the key's to drop; the rest is compared.
            let bare = |t: &str| {
                let t = t.trim();
                t.strip_prefix("a ").filter(|r| !r.trim().is_empty()).unwrap_or(t).to_string()
            };
            proptest::prop_assert_eq!(
                title_key(&a).cmp(&title_key(&b)),
                natural(&bare(&a), &bare(&b))
            );
        }
    }

    #[test]
    fn titles_order_naturally_without_their_articles() {
        let mut titles = vec![
            "Small Film 10",
            "The Work",
            "small film 2",
            "A Zed",
            "Amélie",
            "An",
            "Heat",
            "The",
            "Small Film 02b",
        ];
        titles.sort_by(|a, b| title_order(a, b));
        assert_eq!(
            titles,
            [
                "Amélie",
                "An",
                "Heat",
                "small film 2",
                "Small Film 02b",
                "Small Film 10",
                "The",
                "The Work",
                "A Zed",
            ]
        );
    }

    #[test]
    fn counts_group_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(1_000_005), "1,000,005");
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("Jairus McLeary", 8), "Jairus …");
        assert_eq!(truncate("short", 8), "short");
        assert_eq!(truncate("映画映画", 5), "映画…");
    }
}
