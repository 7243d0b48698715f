//! Letterboxd review markup to plain text: `<br/>` and `<p>` become line breaks, other tags
//! (`<i>`, `<b>`, `<a href>`, …) keep only their text, entities are decoded.

/// Plain text of a review written in Letterboxd's HTML.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            match rest.find('>') {
                Some(end) => {
                    tag(&rest[1..end], &mut out);
                    rest = &rest[end + 1..];
                }
                None => {
                    // A lone "<" is text ("a < b").
                    out.push('<');
                    rest = &rest[1..];
                }
            }
        } else {
            let (text, used) = entity(rest);
            out.push_str(&text);
            rest = &rest[used..];
        }
    }
    out.push_str(rest);
    tidy(&out)
}

/// What a tag leaves in the text: breaks for `br` and paragraphs, nothing for the rest.
fn tag(inside: &str, out: &mut String) {
    let name: String = inside
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let closing = inside.starts_with('/');
    match (name.as_str(), closing) {
        ("br", _) => out.push('\n'),
        ("p" | "blockquote" | "div", false) if !out.is_empty() => out.push_str("\n\n"),
        ("li", false) => out.push_str("\n• "),
        _ => {}
    }
}

/// Decodes the entity at the start of `text`; returns the text and the bytes it used.
/// Something that is not an entity is a plain "&".
fn entity(text: &str) -> (String, usize) {
    let Some(end) = text[..text.len().min(12)].find(';') else {
        return ("&".into(), 1);
    };
    let name = &text[1..end];
    let decoded = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        "hellip" => Some('…'),
        "mdash" => Some('—'),
        "ndash" => Some('–'),
        "lsquo" => Some('‘'),
        "rsquo" => Some('’'),
        "ldquo" => Some('“'),
        "rdquo" => Some('”'),
        "eacute" => Some('é'),
        "egrave" => Some('è'),
        "aacute" => Some('á'),
        "agrave" => Some('à'),
        "oacute" => Some('ó'),
        "iacute" => Some('í'),
        "uacute" => Some('ú'),
        "ccedil" => Some('ç'),
        "ntilde" => Some('ñ'),
        "auml" => Some('ä'),
        "ouml" => Some('ö'),
        "uuml" => Some('ü'),
        "szlig" => Some('ß'),
        _ => name.strip_prefix('#').and_then(|n| {
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => n.parse().ok(),
            };
            code.and_then(char::from_u32)
        }),
    };
    match decoded {
        Some(c) => (c.to_string(), end + 1),
        None => ("&".into(), 1),
    }
}

/// No more than one blank line in a row, no spaces at line ends, none around the text.
fn tidy(text: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_and_paragraphs_become_lines() {
        assert_eq!(to_text("one<br/>two<br />three"), "one\ntwo\nthree");
        assert_eq!(to_text("<p>first</p><p>second</p>"), "first\n\nsecond");
        assert_eq!(to_text("a<br><br><br><br>b"), "a\n\nb");
    }

    #[test]
    fn inline_tags_keep_their_text() {
        assert_eq!(
            to_text("<i>so</i> <b>good</b>, <a href=\"https://x.y/z\">see</a> <em>this</em>"),
            "so good, see this"
        );
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            to_text("Tom &amp; Jerry &lt;3 &quot;hi&quot; it&#39;s &#x1F3AC; caf&eacute;"),
            "Tom & Jerry <3 \"hi\" it's 🎬 café"
        );
        assert_eq!(to_text("a & b < c"), "a & b < c");
    }
}
