//! The composer: a review being written or edited, field by field. This holds what the
//! user typed; its keys are in `keys`, its drawing in `draw`, and saving it (the draft,
//! the writer) in the app's `compose`.

pub mod draw;
mod keys;

use ratatui::style::Style;
use ratatui_textarea::{Input, TextArea, WrapMode};

use crate::model::{
    Draft, Entry, NewEntry, Rating, check_log, example_day, now, parse_tags, parse_watched_as,
};
use crate::text::clean_input;

/// The composer's fields, in Tab order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Rating,
    Text,
    Watched,
    Liked,
    Rewatch,
    Spoiler,
    Tags,
}

impl Field {
    pub const ORDER: [Field; 7] = [
        Field::Rating,
        Field::Text,
        Field::Watched,
        Field::Liked,
        Field::Rewatch,
        Field::Spoiler,
        Field::Tags,
    ];

    fn step(self, by: isize) -> Field {
        let at = Field::ORDER.iter().position(|&f| f == self).unwrap_or(0) as isize;
        let len = Field::ORDER.len() as isize;
        Field::ORDER[(at + by).rem_euclid(len) as usize]
    }

    pub fn is_toggle(self) -> bool {
        matches!(self, Field::Liked | Field::Rewatch | Field::Spoiler)
    }
}

pub struct Composer {
    pub film_id: i64,
    /// The film's slug: what the draft belongs to.
    pub film_slug: String,
    /// The entry being edited, or `None` for a new one.
    pub editing: Option<i64>,
    /// The entry's version when the edit began (`EntryVersion`): a save notices what
    /// changed since.
    pub base: Option<String>,
    /// The review is being saved (the writer may be waiting for another program).
    pub saving: bool,
    /// How the user writes dates (strftime): the watched day is shown and read so.
    date_format: String,
    pub field: Field,
    pub rating: Option<Rating>,
    pub text: TextArea<'static>,
    pub watched: TextArea<'static>,
    pub tags: TextArea<'static>,
    pub liked: bool,
    pub rewatch: bool,
    pub spoiler: bool,
    /// Why the last save was refused.
    pub error: Option<String>,
    /// The text's first row shown, and the width it is wrapped at, as the last change
    /// left them (`settle`): the cursor stays in view, and moves up and down by rows.
    pub text_top: usize,
    pub text_width: usize,
    /// What the composer held before the user changed anything: closing it unchanged
    /// discards nothing.
    baseline: Draft,
}

/// What the user wrote could not be saved; `field` is where to look.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    pub field: Field,
    pub message: String,
}

impl Composer {
    /// A new review of the film `slug`, watched today.
    pub fn new(film_id: i64, slug: &str, today: &str) -> Composer {
        let baseline = Draft {
            film_id,
            film_slug: slug.to_string(),
            watched: today.to_string(),
            ..Draft::default()
        };
        Composer::with(&baseline, baseline.clone())
    }

    /// Editing one of the user's entries, of the film `slug`, as it was at version `base`.
    pub fn edit(entry: &Entry, slug: &str, base: Option<String>) -> Composer {
        let baseline = Draft {
            film_id: entry.film_id,
            film_slug: slug.to_string(),
            base,
            entry_id: Some(entry.id),
            rating: entry.rating,
            body: entry.body.clone(),
            watched: entry.watched.clone().unwrap_or_default(),
            liked: entry.liked,
            rewatch: entry.rewatch,
            spoiler: entry.spoiler,
            tags: entry.tags.join(", "),
        };
        Composer::with(&baseline, baseline.clone())
    }

    /// A draft restored; `baseline` is what it started from (a new review or the entry).
    pub fn restore(draft: &Draft, baseline: Draft) -> Composer {
        Composer::with(draft, baseline)
    }

    fn with(draft: &Draft, baseline: Draft) -> Composer {
        let mut text = TextArea::new(draft.body.split('\n').map(String::from).collect());
        text.set_wrap_mode(WrapMode::WordOrGlyph);
        text.set_cursor_line_style(Style::default());
        text.set_placeholder_text("Add a review…");
        let mut composer = Composer {
            film_id: draft.film_id,
            film_slug: draft.film_slug.clone(),
            editing: draft.entry_id,
            base: draft.base.clone(),
            saving: false,
            date_format: ISO.into(),
            field: Field::Rating,
            rating: draft.rating,
            text,
            watched: single_line(&draft.watched, "YYYY-MM-DD"),
            tags: single_line(&draft.tags, "eg. cinema, friends"),
            liked: draft.liked,
            rewatch: draft.rewatch,
            spoiler: draft.spoiler,
            error: None,
            text_top: 0,
            text_width: 0,
            baseline,
        };
        composer
            .text
            .move_cursor(ratatui_textarea::CursorMove::Bottom);
        composer.text.move_cursor(ratatui_textarea::CursorMove::End);
        composer
    }

    /// Shows and reads the watched day as the user writes dates (`format`, strftime); a
    /// day of `YYYY-MM-DD` is read as well.
    pub fn dated(mut self, format: &str) -> Composer {
        let shown = |day: &str| match chrono::NaiveDate::parse_from_str(day.trim(), ISO) {
            Ok(day) => crate::days::format_day(format, day).unwrap_or_else(|| day.to_string()),
            Err(_) => day.to_string(),
        };
        let watched = shown(&self.watched.lines().join(""));
        self.watched = single_line(&watched, &example_day(format));
        self.baseline.watched = shown(&self.baseline.watched);
        self.date_format = format.to_string();
        self
    }

    /// The composer's contents as a draft to store.
    pub fn draft(&self) -> Draft {
        Draft {
            film_id: self.film_id,
            film_slug: self.film_slug.clone(),
            base: self.base.clone(),
            entry_id: self.editing,
            rating: self.rating,
            body: self.text.lines().join("\n"),
            watched: self.watched.lines().join(""),
            liked: self.liked,
            rewatch: self.rewatch,
            spoiler: self.spoiler,
            tags: self.tags.lines().join(""),
        }
    }

    /// Whether closing now would throw away something the user wrote.
    pub fn would_discard(&self) -> bool {
        self.draft() != self.baseline
    }

    /// Whether the text is the text the edit began with: its save then leaves the stored
    /// text exactly as it is (bytes another program stored included).
    pub fn text_unchanged(&self) -> bool {
        self.editing.is_some() && self.draft().body == self.baseline.body
    }

    /// Saved as `id` at version `base`: what is typed from here on edits that entry.
    pub fn saved_as(&mut self, id: i64, base: Option<String>, saved: Draft) {
        self.editing = Some(id);
        self.base = base;
        self.baseline = Draft {
            entry_id: Some(id),
            base: self.base.clone(),
            ..saved
        };
    }

    pub fn next_field(&mut self) {
        self.field = self.field.step(1);
    }

    pub fn prev_field(&mut self) {
        self.field = self.field.step(-1);
    }

    /// `1`–`5`: whole stars; the same digit again adds the half star, as in the list.
    pub fn set_stars(&mut self, stars: u8) {
        self.rating = Some(Rating::after_digit(self.rating, stars));
    }

    /// `l` / →: half a star more, up to five.
    pub fn add_half(&mut self) {
        let half_stars = self.rating.map_or(0, Rating::half_stars);
        self.rating = Rating::from_half_stars((half_stars + 1).min(10));
    }

    /// `h` / ←: half a star less; below ½ there is no rating.
    pub fn remove_half(&mut self) {
        let half_stars = self.rating.map_or(0, Rating::half_stars);
        self.rating = Rating::from_half_stars(half_stars.saturating_sub(1));
    }

    pub fn clear_rating(&mut self) {
        self.rating = None;
    }

    /// Space on liked, rewatch or spoiler.
    pub fn toggle(&mut self) {
        match self.field {
            Field::Liked => self.liked = !self.liked,
            Field::Rewatch => self.rewatch = !self.rewatch,
            Field::Spoiler => self.spoiler = !self.spoiler,
            _ => {}
        }
    }

    /// A key for the focused text field. Returns whether the text changed.
    /// Enter in a one-line field moves to the next field instead.
    pub fn input(&mut self, input: Input) -> bool {
        let is_enter = input.key == ratatui_textarea::Key::Enter;
        match self.field {
            Field::Text => self.text.input(input),
            Field::Watched | Field::Tags if is_enter => {
                self.next_field();
                false
            }
            Field::Watched => self.watched.input(input),
            Field::Tags => self.tags.input(input),
            _ => false,
        }
    }

    /// Pasted text goes into the focused text field, cleaned of control characters.
    /// One-line fields take only the first line.
    pub fn paste(&mut self, pasted: &str) -> bool {
        let clean = clean_input(pasted);
        match self.field {
            Field::Text => self.text.insert_str(clean),
            Field::Watched => self.watched.insert_str(first_line(&clean)),
            Field::Tags => self.tags.insert_str(first_line(&clean)),
            _ => false,
        }
    }

    /// Replaces the review's text (after the external editor), keeping undo.
    pub fn set_text(&mut self, text: &str) {
        self.text.select_all();
        self.text.cut();
        self.text
            .insert_str(clean_input(text).trim_end_matches('\n'));
    }

    /// The entry to save, or why it can't be saved.
    pub fn to_entry(&self, author: &str) -> Result<NewEntry, Invalid> {
        let draft = self.draft();
        let body = clean_input(&draft.body).trim().to_string();
        check_log(draft.rating, &body).map_err(|e| Invalid {
            field: if body.is_empty() {
                Field::Rating
            } else {
                Field::Text
            },
            message: e.to_string(),
        })?;
        let watched = if draft.watched.trim().is_empty() {
            None
        } else {
            Some(
                parse_watched_as(&draft.watched, &self.date_format).map_err(|e| Invalid {
                    field: Field::Watched,
                    message: e.to_string(),
                })?,
            )
        };
        Ok(NewEntry {
            author: author.to_string(),
            rating: draft.rating,
            body,
            watched,
            created: Some(now()),
            liked: draft.liked,
            rewatch: draft.rewatch,
            spoiler: draft.spoiler,
            tags: parse_tags(&draft.tags),
            is_mine: true,
            ..NewEntry::default()
        })
    }

    /// The text areas in the theme's styles, the cursor only in the one with focus.
    pub fn style(&mut self, cursor: Style, placeholder: Style) {
        let field = self.field;
        for (area, owner) in [
            (&mut self.text, Field::Text),
            (&mut self.watched, Field::Watched),
            (&mut self.tags, Field::Tags),
        ] {
            area.set_cursor_style(if field == owner {
                cursor
            } else {
                Style::default()
            });
            area.set_placeholder_style(placeholder);
        }
    }
}

/// Dates as stored, and as typed unless the user writes them otherwise.
const ISO: &str = "%Y-%m-%d";

fn single_line(value: &str, placeholder: &str) -> TextArea<'static> {
    let mut area = TextArea::new(vec![value.to_string()]);
    area.set_cursor_line_style(Style::default());
    area.set_placeholder_text(placeholder);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui_textarea::Key;

    fn typed(composer: &mut Composer, text: &str) {
        for c in text.chars() {
            let key = if c == '\n' { Key::Enter } else { Key::Char(c) };
            composer.input(Input {
                key,
                ..Input::default()
            });
        }
    }

    #[test]
    fn rating_keys_move_by_halves() {
        let mut c = Composer::new(1, "the-work", "2024-05-01");
        c.set_stars(4);
        assert_eq!(c.rating.unwrap().stars(), "★★★★");
        c.add_half();
        assert_eq!(c.rating.unwrap().stars(), "★★★★½");
        c.add_half();
        c.add_half();
        assert_eq!(c.rating.unwrap().stars(), "★★★★★");
        c.set_stars(1);
        c.remove_half();
        assert_eq!(c.rating.unwrap().stars(), "½");
        c.remove_half();
        assert_eq!(c.rating, None);
        c.add_half();
        assert_eq!(c.rating.unwrap().stars(), "½");
        c.clear_rating();
        assert_eq!(c.rating, None);
    }

    #[test]
    fn a_digit_again_adds_the_half_as_in_the_list() {
        let mut c = Composer::new(1, "the-work", "2024-05-01");
        c.set_stars(4);
        c.set_stars(4);
        assert_eq!(c.rating.unwrap().stars(), "★★★★½");
        c.set_stars(4);
        assert_eq!(c.rating.unwrap().stars(), "★★★★");
        c.set_stars(5);
        c.set_stars(5);
        assert_eq!(c.rating.unwrap().stars(), "★★★★★", "no 5½");
        // The list's filter follows the same rule.
        let list = crate::tui::screens::film::filtering::stars_pressed(
            crate::query::RatingFilter::Exactly(c.rating.unwrap()),
            4,
        );
        assert_eq!(
            list,
            crate::query::RatingFilter::Exactly(Rating::after_digit(None, 4))
        );
    }

    #[test]
    fn tab_order_wraps_around() {
        let mut c = Composer::new(1, "the-work", "2024-05-01");
        assert_eq!(c.field, Field::Rating);
        c.next_field();
        assert_eq!(c.field, Field::Text);
        c.prev_field();
        c.prev_field();
        assert_eq!(c.field, Field::Tags);
    }

    #[test]
    fn a_rating_alone_saves_but_nothing_does_not() {
        let mut c = Composer::new(1, "the-work", "2024-05-01");
        let err = c.to_entry("me").unwrap_err();
        assert_eq!(err.field, Field::Rating);
        c.set_stars(3);
        let entry = c.to_entry("me").unwrap();
        assert_eq!(entry.rating.unwrap().half_stars(), 6);
        assert_eq!(entry.watched.as_deref(), Some("2024-05-01"));
        assert!(entry.is_mine);
    }

    #[test]
    fn text_keeps_its_lines_and_unicode() {
        let mut c = Composer::new(1, "the-work", "2024-05-01");
        c.next_field();
        typed(&mut c, "first 映画\nsecond 🎬");
        let entry = c.to_entry("me").unwrap();
        assert_eq!(entry.body, "first 映画\nsecond 🎬");
        assert!(c.would_discard());
    }

    #[test]
    fn a_bad_watched_date_points_at_its_field() {
        let mut c = Composer::new(1, "the-work", "2024-05-01");
        c.set_stars(5);
        c.field = Field::Watched;
        typed(&mut c, "x");
        let err = c.to_entry("me").unwrap_err();
        assert_eq!(err.field, Field::Watched);
        assert!(err.message.contains("2024-05-01x"), "{}", err.message);
    }

    #[test]
    fn pastes_are_cleaned_and_one_line_fields_take_one_line() {
        let mut c = Composer::new(1, "the-work", "");
        c.field = Field::Text;
        c.paste("a\r\nb\x1b[2J");
        assert_eq!(c.draft().body, "a\nb[2J");
        c.field = Field::Tags;
        c.paste("x, y\nz");
        assert_eq!(c.draft().tags, "x, y");
    }

    #[test]
    fn drafts_round_trip_and_unchanged_edits_discard_nothing() {
        let entry = Entry {
            id: 7,
            film_id: 1,
            author: "me".into(),
            rating: Rating::from_half_stars(9),
            body: "one\ntwo".into(),
            watched: Some("2024-01-02".into()),
            created: None,
            ts: 0,
            liked: true,
            rewatch: false,
            spoiler: true,
            likes: 0,
            tags: vec!["a".into(), "b".into()],
            is_mine: true,
            source_key: None,
            markup: None,
            handle: None,
            comments: 0,
            cut_short: false,
            stored: Vec::new(),
        };
        let mut c = Composer::edit(&entry, "the-work", None);
        assert!(!c.would_discard());
        let draft = c.draft();
        assert_eq!(draft.tags, "a, b");
        assert_eq!(draft.body, "one\ntwo");
        c.field = Field::Liked;
        c.toggle();
        assert!(c.would_discard());
        let restored =
            Composer::restore(&c.draft(), Composer::edit(&entry, "the-work", None).draft());
        assert_eq!(restored.draft(), c.draft());
        assert!(restored.would_discard());
    }

    #[test]
    fn the_external_editor_replaces_the_text() {
        let mut c = Composer::new(1, "the-work", "");
        c.field = Field::Text;
        typed(&mut c, "old");
        c.set_text("new\nlines\n");
        assert_eq!(c.draft().body, "new\nlines");
    }
}
