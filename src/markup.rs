//! Review text with the formatting Letterboxd allows: italic, bold, block quotes, links
//! with their addresses, paragraphs and line breaks.
//!
//! marquee keeps a review twice: `body`, plain text (for search, counts, plain outputs
//! and other tools), and, when the review has any formatting, its *markup*. A review
//! from a Letterboxd export keeps as its markup the text exactly as the export wrote it
//! (HTML, entities, CRLF, spaces), so that it goes back byte for byte; `blocks` reads it
//! for drawing. Markup marquee writes itself (from pages) is a small,
//! fixed form of HTML that Letterboxd accepts back. Text is escaped (`&amp;`, `&lt;`,
//! `&gt;`, `&quot;`), the only tags are `<i>`, `<b>`, `<blockquote>` and
//! `<a href="…">`, properly nested, and line breaks are newlines (a blank line between
//! paragraphs). Anything Letterboxd's HTML has beyond that (`<p>`, `<br>`, `<em>`,
//! headings, lists, entities) is turned into it.

/// A review read from HTML: its plain text, and its markup when it has formatting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Review {
    pub body: String,
    pub markup: Option<String>,
}

/// An inline style of the markup.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Tag {
    Italic,
    Bold,
    Quote,
    Link(String),
}

impl Tag {
    fn open(&self) -> String {
        match self {
            Tag::Italic => "<i>".into(),
            Tag::Bold => "<b>".into(),
            Tag::Quote => "<blockquote>".into(),
            Tag::Link(href) => format!("<a href=\"{}\">", escape(href)),
        }
    }

    fn close(&self) -> &'static str {
        match self {
            Tag::Italic => "</i>",
            Tag::Bold => "</b>",
            Tag::Quote => "</blockquote>",
            Tag::Link(_) => "</a>",
        }
    }

    fn same_kind(&self, other: &Tag) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

/// What HTML says, piece by piece.
#[derive(Debug, PartialEq, Eq)]
enum Event {
    Text(String),
    /// `<br>`: a line break.
    Break,
    /// The edge of a paragraph, heading or block: a blank line, unless at the start.
    Block,
    /// A list item: a new line and a bullet.
    Item,
    Open(Tag),
    Close(Tag),
}

/// Reads Letterboxd's review HTML (or marquee's markup, which is a part of it).
pub fn from_html(html: &str) -> Review {
    let mut review = read_once(html);
    // Markup reads back as itself: tidying can leave what a second reading tidies further
    // (a space that now starts a line), so it is read again until it stands still.
    for _ in 0..3 {
        let Some(markup) = &review.markup else {
            break;
        };
        let again = read_once(markup);
        if again.markup.as_ref() == Some(markup) {
            break;
        }
        review.markup = again.markup;
    }
    // Formatting around no text at all is no formatting.
    if review.body.trim().is_empty() {
        review.markup = None;
    }
    review
}

fn read_once(html: &str) -> Review {
    // Line ends as text keeps them (Letterboxd's CSV has CRLF inside reviews).
    let html = html.replace("\r\n", "\n").replace('\r', "\n");
    let mut doc = Builder::default();
    for event in events(&html) {
        doc.push(event);
    }
    doc.finish()
}

/// The plain text of markup.
pub fn plain(markup: &str) -> String {
    from_html(markup).body
}

/// Text escaped for markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Builds the plain text and the markup side by side.
#[derive(Default)]
struct Builder {
    body: String,
    markup: String,
    /// Tags open in the markup, outermost first.
    open: Vec<Tag>,
    /// Whether the markup has a tag at all.
    formatted: bool,
    /// A blank line is owed before the next text.
    pending_block: bool,
}

impl Builder {
    fn push(&mut self, event: Event) {
        match event {
            Event::Text(text) => self.text(&text),
            Event::Break => self.raw("\n"),
            Event::Block => self.pending_block = true,
            Event::Item => {
                self.flush_block();
                if !self.body.is_empty() {
                    self.raw("\n");
                }
                self.text("• ");
            }
            Event::Open(tag) => {
                if tag == Tag::Quote {
                    self.pending_block = true;
                }
                if !self.open.iter().any(|t| t.same_kind(&tag)) {
                    self.formatted = true;
                    // An owed blank line goes before the tag, so the tag starts its line.
                    self.flush_block();
                    self.markup.push_str(&tag.open());
                    self.open.push(tag);
                }
            }
            Event::Close(tag) => self.close(&tag),
        }
    }

    /// Text, escaped in the markup. Whitespace alone between blocks is dropped, and so
    /// are spaces that would start a line.
    fn text(&mut self, text: &str) {
        if self.pending_block && text.trim().is_empty() {
            return;
        }
        self.flush_block();
        let text = if self.body.is_empty() || self.body.ends_with('\n') {
            text.trim_start_matches([' ', '\t'])
        } else {
            text
        };
        if text.is_empty() {
            return;
        }
        self.body.push_str(text);
        self.markup.push_str(&escape(text));
    }

    fn raw(&mut self, text: &str) {
        self.body.push_str(text);
        self.markup.push_str(text);
    }

    fn flush_block(&mut self) {
        if std::mem::take(&mut self.pending_block) && !self.body.trim().is_empty() {
            self.raw("\n\n");
        }
    }

    /// Closes `tag` and any opened inside it (reopening those, as browsers do).
    fn close(&mut self, tag: &Tag) {
        let Some(at) = self.open.iter().rposition(|t| t.same_kind(tag)) else {
            return;
        };
        let inner: Vec<Tag> = self.open.drain(at + 1..).collect();
        for t in inner.iter().rev() {
            self.markup.push_str(t.close());
        }
        let closed = self.open.pop().expect("found above");
        self.markup.push_str(closed.close());
        if closed == Tag::Quote {
            self.pending_block = true;
        }
        for t in inner {
            self.markup.push_str(&t.open());
            self.open.push(t);
        }
    }

    fn finish(mut self) -> Review {
        for t in std::mem::take(&mut self.open).iter().rev() {
            self.markup.push_str(t.close());
        }
        let body = tidy(&self.body);
        let markup = self.formatted.then(|| tidy_markup(&self.markup));
        // Tags around nothing at all leave no formatting.
        let markup = markup.filter(|m| m.contains('<') && plain_has_tags(m));
        Review { body, markup }
    }
}

/// Whether markup still has a tag with text in it.
fn plain_has_tags(markup: &str) -> bool {
    let empty = ["<i></i>", "<b></b>", "<blockquote></blockquote>"];
    let mut rest = markup.to_string();
    for e in empty {
        rest = rest.replace(e, "");
    }
    rest.contains("<i>")
        || rest.contains("<b>")
        || rest.contains("<blockquote>")
        || rest.contains("<a ")
}

/// No more than one blank line in a row, no spaces at either end of a line (as HTML shows
/// it), none around the text.
fn tidy(text: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines().map(|l| l.trim_matches([' ', '\t'])) {
        if line.trim().is_empty() && lines.last().is_none_or(|l| l.trim().is_empty()) {
            continue;
        }
        lines.push(if line.trim().is_empty() { "" } else { line });
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// `tidy` for markup: the same lines, where a line of tags alone counts as blank text.
fn tidy_markup(markup: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in markup.lines().map(|l| l.trim_matches([' ', '\t'])) {
        let blank = plain_line_is_blank(line);
        if blank && !line.contains('<') {
            if lines.last().is_none_or(|l| plain_line_is_blank(l)) {
                continue;
            }
            lines.push("");
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

fn plain_line_is_blank(line: &str) -> bool {
    let mut inside = false;
    for c in line.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside && !c.is_whitespace() => return false,
            _ => {}
        }
    }
    true
}

/// The events of an HTML fragment. A `<` that starts no tag is text ("a < b").
fn events(html: &str) -> Vec<Event> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = html;
    let flush = |text: &mut String, out: &mut Vec<Event>| {
        if !text.is_empty() {
            out.push(Event::Text(std::mem::take(text)));
        }
    };
    while let Some(at) = rest.find(['<', '&']) {
        text.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('&') {
            let (decoded, used) = entity(rest);
            text.push_str(&decoded);
            rest = &rest[used..];
            continue;
        }
        let Some(end) = tag_end(rest).filter(|_| looks_like_tag(rest)) else {
            text.push('<');
            rest = &rest[1..];
            continue;
        };
        flush(&mut text, &mut out);
        out.extend(tag_event(&rest[1..end]));
        rest = &rest[end + 1..];
    }
    text.push_str(rest);
    flush(&mut text, &mut out);
    out
}

/// Where the tag starting `rest` ends: its `>`, not one inside a quoted attribute value.
fn tag_end(rest: &str) -> Option<usize> {
    let mut quote = None;
    for (i, b) in rest.bytes().enumerate().skip(1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// `<x`, `</x`, `<!`: a tag; `< b` or `<3` is text.
fn looks_like_tag(rest: &str) -> bool {
    let after = rest[1..].trim_start_matches(['/', '!']);
    after.starts_with(|c: char| c.is_ascii_alphabetic()) || rest[1..].starts_with('!')
}

/// What a tag means for the review.
fn tag_event(inside: &str) -> Option<Event> {
    let closing = inside.starts_with('/');
    let name: String = inside
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let tag = match name.as_str() {
        "br" => return Some(Event::Break),
        "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "pre" | "hr" => {
            return Some(Event::Block);
        }
        "li" if !closing => return Some(Event::Item),
        "i" | "em" | "cite" => Tag::Italic,
        "b" | "strong" => Tag::Bold,
        "blockquote" | "q" => Tag::Quote,
        "a" if closing => Tag::Link(String::new()),
        "a" => match attribute(inside, "href") {
            Some(href) if !href.trim().is_empty() => Tag::Link(href.trim().to_string()),
            _ => return None,
        },
        _ => return None,
    };
    Some(if closing {
        Event::Close(tag)
    } else {
        Event::Open(tag)
    })
}

/// An attribute's value, quoted with `"` or `'` or bare, entities decoded.
fn attribute(inside: &str, name: &str) -> Option<String> {
    let lower = inside.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find(name) {
        let at = from + found;
        from = at + name.len();
        let before_ok = lower[..at].ends_with(|c: char| c.is_whitespace());
        let after = lower[from..].trim_start();
        if !before_ok || !after.starts_with('=') {
            continue;
        }
        let value_start = inside.len() - after.len() + 1;
        let value = inside[value_start..].trim_start();
        let raw = match value.chars().next()? {
            q @ ('"' | '\'') => value[1..].split(q).next()?,
            _ => value.split(|c: char| c.is_whitespace()).next()?,
        };
        let mut decoded = String::new();
        for event in events(raw) {
            if let Event::Text(t) = event {
                decoded.push_str(&t);
            }
        }
        return Some(decoded);
    }
    None
}

/// Decodes the entity at the start of `text`; returns the text and the bytes it used.
/// Something that is not an entity is a plain "&".
fn entity(text: &str) -> (String, usize) {
    // Looked for in bytes: the 12th byte may be inside a character ("&quot;. O más").
    let Some(end) = text.as_bytes()[..text.len().min(12)]
        .iter()
        .position(|&b| b == b';')
    else {
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

/// A run of text with one style, as the app draws it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub italic: bool,
    pub bold: bool,
    /// The address of the link this text is, when it is one.
    pub link: Option<String>,
}

/// A paragraph group of the review: quoted or not, its text in runs (with newlines).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Block {
    pub quote: bool,
    pub runs: Vec<Run>,
}

/// Markup as blocks of styled runs, for drawing. Blocks are separated by a blank line.
/// A review kept as written (Letterboxd's HTML, CRLF, entities) is read into markup first.
pub fn blocks(markup: &str) -> Vec<Block> {
    let read = from_html(markup);
    let markup = read.markup.unwrap_or_else(|| escape(&read.body));
    let mut blocks: Vec<Block> = vec![Block::default()];
    let (mut italic, mut bold) = (0, 0);
    let mut link: Option<String> = None;
    for event in events(&markup) {
        match event {
            Event::Text(text) => {
                let block = blocks.last_mut().expect("never empty");
                let text = if block.runs.is_empty() {
                    text.trim_start_matches('\n').to_string()
                } else {
                    text
                };
                block.runs.push(Run {
                    text,
                    italic: italic > 0,
                    bold: bold > 0,
                    link: link.clone(),
                });
            }
            Event::Open(Tag::Quote) | Event::Close(Tag::Quote) => {
                let quote = matches!(event, Event::Open(_));
                blocks.push(Block {
                    quote,
                    runs: Vec::new(),
                });
            }
            Event::Open(Tag::Italic) => italic += 1,
            Event::Close(Tag::Italic) => italic -= 1,
            Event::Open(Tag::Bold) => bold += 1,
            Event::Close(Tag::Bold) => bold -= 1,
            Event::Open(Tag::Link(href)) => link = Some(href),
            Event::Close(Tag::Link(_)) => link = None,
            Event::Break => blocks.last_mut().expect("never empty").runs.push(Run {
                text: "\n".into(),
                ..Run::default()
            }),
            Event::Block | Event::Item => {}
        }
    }
    for block in &mut blocks {
        if let Some(last) = block.runs.last_mut() {
            let trimmed = last.text.trim_end_matches('\n').len();
            last.text.truncate(trimmed);
        }
    }
    blocks.retain(|b| b.runs.iter().any(|r| !r.text.trim().is_empty()));
    blocks
}

/// The links of markup in order, each once: (text, address).
pub fn links(markup: &str) -> Vec<(String, String)> {
    let mut links: Vec<(String, String)> = Vec::new();
    for block in blocks(markup) {
        for run in block.runs {
            if let Some(href) = run.link {
                match links.last_mut() {
                    Some((text, last)) if *last == href => text.push_str(&run.text),
                    _ => links.push((run.text, href)),
                }
            }
        }
    }
    links.dedup();
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(html: &str) -> String {
        from_html(html).body
    }

    #[test]
    fn breaks_and_paragraphs_become_lines() {
        assert_eq!(body("one<br/>two<br />three"), "one\ntwo\nthree");
        assert_eq!(body("<p>first</p><p>second</p>"), "first\n\nsecond");
        assert_eq!(body("<p>first</p>\n<p>second</p>"), "first\n\nsecond");
        assert_eq!(body("a<br><br><br><br>b"), "a\n\nb");
        assert_eq!(from_html("one\ntwo\n\n\nthree").markup, None);
    }

    #[test]
    fn quotes_never_glue_words() {
        let review = from_html("<blockquote>Enhance your calm.</blockquote>Haha");
        assert_eq!(review.body, "Enhance your calm.\n\nHaha");
        assert_eq!(
            review.markup.as_deref(),
            Some("<blockquote>Enhance your calm.</blockquote>\n\nHaha")
        );
        assert_eq!(
            body("Said:<blockquote>quiet</blockquote>"),
            "Said:\n\nquiet"
        );
    }

    #[test]
    fn formatting_is_kept_in_markup_and_dropped_in_text() {
        let review = from_html(
            "<i>so</i> <strong>good</strong>, <a href=\"https://x.y/z?a=1&amp;b=2\">see</a> <em>this</em> &amp; that",
        );
        assert_eq!(review.body, "so good, see this & that");
        assert_eq!(
            review.markup.as_deref(),
            Some(
                "<i>so</i> <b>good</b>, <a href=\"https://x.y/z?a=1&amp;b=2\">see</a> <i>this</i> &amp; that"
            )
        );
        // Markup reads back as itself.
        let again = from_html(review.markup.as_deref().unwrap());
        assert_eq!(again, review);
        assert_eq!(
            links(review.markup.as_deref().unwrap()),
            vec![("see".to_string(), "https://x.y/z?a=1&b=2".to_string())]
        );
    }

    #[test]
    fn a_paragraph_break_comes_before_the_tag_that_starts_the_paragraph() {
        let review = from_html("<p>One.</p><p><b>Two</b>.</p>");
        assert_eq!(review.markup.as_deref(), Some("One.\n\n<b>Two</b>."));
    }

    #[test]
    fn single_quoted_links_and_misnested_tags() {
        let review = from_html("<a href='https://imdb.com/x'>credit</a> <b><i>both</b> it</i>");
        assert_eq!(review.body, "credit both it");
        assert_eq!(
            review.markup.as_deref(),
            Some("<a href=\"https://imdb.com/x\">credit</a> <b><i>both</i></b><i> it</i>")
        );
        assert_eq!(from_html("<b>open").markup.as_deref(), Some("<b>open</b>"));
        assert_eq!(
            from_html("<span>x</span><iframe src=\"y\"></iframe>").markup,
            None
        );
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            body("Tom &amp; Jerry &lt;3 &quot;hi&quot; it&#39;s &#x1F3AC; caf&eacute;"),
            "Tom & Jerry <3 \"hi\" it's 🎬 café"
        );
        assert_eq!(body("a & b < c <3"), "a & b < c <3");
        // An "&" a few bytes before a character of several bytes.
        assert_eq!(body("&amp más & más"), "&amp más & más");
    }

    #[test]
    fn blocks_carry_styles_for_drawing() {
        let markup = "Read <i>this</i>:\n\n<blockquote>It <b>was</b> me.</blockquote>\n\nEnd";
        let blocks = blocks(markup);
        assert_eq!(blocks.len(), 3);
        assert!(!blocks[0].quote && blocks[1].quote && !blocks[2].quote);
        assert!(blocks[0].runs[1].italic);
        assert!(blocks[1].runs[1].bold);
        let text: Vec<String> = blocks
            .iter()
            .map(|b| b.runs.iter().map(|r| r.text.as_str()).collect())
            .collect();
        assert_eq!(text, ["Read this:", "It was me.", "End"]);
    }
}
