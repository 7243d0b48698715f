//! The film library (Letterboxd's "See more films"): every film, narrowed by typing,
//! ordered by title or by latest activity; Enter opens one.

use std::cell::Cell;
use std::rc::Rc;

use ratatui::style::Style;
use ratatui_textarea::TextArea;

use super::theme::Theme;
use crate::store::FilmSummary;
use crate::text::fold;

/// The library's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LibrarySort {
    Title,
    Activity,
}

impl LibrarySort {
    pub fn label(self) -> &'static str {
        match self {
            LibrarySort::Title => "by title",
            LibrarySort::Activity => "by latest activity",
        }
    }
}

pub struct Library {
    /// Every film, in the store's title order.
    films: Rc<[FilmSummary]>,
    /// Indexes into `films` of those shown, in the current order.
    shown: Vec<usize>,
    pub filter: TextArea<'static>,
    pub sort: LibrarySort,
    /// Position in `shown` of the highlighted film.
    pub selected: usize,
    /// Rows the last frame showed, for PgUp/PgDn: written by its drawing.
    pub page_rows: Cell<usize>,
}

impl Library {
    /// The library with `current` (a film id) highlighted.
    pub fn new(films: Rc<[FilmSummary]>, current: i64, theme: &Theme) -> Library {
        let mut library = Library {
            films,
            shown: Vec::new(),
            filter: filter_line(theme.cursor, theme.placeholder),
            sort: LibrarySort::Title,
            selected: 0,
            page_rows: Cell::new(0),
        };
        library.refresh();
        library.selected = library
            .shown
            .iter()
            .position(|&i| library.films[i].film.id == current)
            .unwrap_or(0);
        library
    }

    pub fn total(&self) -> usize {
        self.films.len()
    }

    pub fn shown(&self) -> impl ExactSizeIterator<Item = &FilmSummary> {
        self.shown.iter().map(|&i| &self.films[i])
    }

    pub fn selected_film(&self) -> Option<&FilmSummary> {
        self.shown.get(self.selected).map(|&i| &self.films[i])
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.shown.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn toggle_sort(&mut self) {
        self.sort = match self.sort {
            LibrarySort::Title => LibrarySort::Activity,
            LibrarySort::Activity => LibrarySort::Title,
        };
        self.refresh();
    }

    /// A key typed into the filter line; returns whether the text changed.
    pub fn type_key(&mut self, input: ratatui_textarea::Input) -> bool {
        if input.key == ratatui_textarea::Key::Enter {
            return false;
        }
        let changed = self.filter.input(input);
        if changed {
            self.refresh();
        }
        changed
    }

    /// Empties the filter; says whether there was one.
    pub fn clear_filter(&mut self) -> bool {
        if self.filter_text().is_empty() {
            return false;
        }
        let placeholder = self.filter.placeholder_style().unwrap_or_default();
        self.filter = filter_line(self.filter.cursor_style(), placeholder);
        self.refresh();
        true
    }

    pub fn filter_text(&self) -> String {
        self.filter.lines().join(" ")
    }

    /// Recomputes which films show, keeping the highlighted one when it still does.
    fn refresh(&mut self) {
        let keep = self.shown.get(self.selected).copied();
        let wanted = fold(self.filter_text().trim());
        self.shown = (0..self.films.len())
            .filter(|&i| wanted.is_empty() || fold(&self.films[i].film.title).contains(&wanted))
            .collect();
        if self.sort == LibrarySort::Activity {
            // Newest activity first; films without entries last, by title.
            self.shown
                .sort_by_key(|&i| (std::cmp::Reverse(self.films[i].activity), i));
        }
        self.selected = keep
            .and_then(|k| self.shown.iter().position(|&i| i == k))
            .unwrap_or(0);
    }
}

fn filter_line(cursor: Style, placeholder: Style) -> TextArea<'static> {
    let mut line = TextArea::default();
    line.set_cursor_line_style(Style::default());
    line.set_cursor_style(cursor);
    line.set_placeholder_text("type to find a title");
    line.set_placeholder_style(placeholder);
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Film, FilmStats};

    fn summary(id: i64, title: &str, activity: i64) -> FilmSummary {
        FilmSummary {
            film: Film {
                id,
                slug: title.to_lowercase(),
                title: title.into(),
                year: None,
                directors: vec![],
                synopsis: String::new(),
            },
            stats: FilmStats::default(),
            activity,
        }
    }

    fn titles(library: &Library) -> Vec<String> {
        library.shown().map(|f| f.film.title.clone()).collect()
    }

    #[test]
    fn typing_narrows_by_title_ignoring_case_and_accents() {
        let films = vec![
            summary(1, "Amélie", 5),
            summary(2, "Heat", 9),
            summary(3, "The Heat", 0),
        ];
        let mut library = Library::new(films.into(), 2, &Theme::default());
        assert_eq!(library.selected_film().unwrap().film.id, 2);
        for c in "HEA".chars() {
            library.type_key(ratatui_textarea::Input {
                key: ratatui_textarea::Key::Char(c),
                ..Default::default()
            });
        }
        assert_eq!(titles(&library), vec!["Heat", "The Heat"]);
        assert_eq!(
            library.selected_film().unwrap().film.id,
            2,
            "the highlight stays"
        );
        library.clear_filter();
        for c in "ame".chars() {
            library.type_key(ratatui_textarea::Input {
                key: ratatui_textarea::Key::Char(c),
                ..Default::default()
            });
        }
        assert_eq!(titles(&library), vec!["Amélie"]);
    }

    #[test]
    fn latest_activity_comes_first() {
        let films = vec![
            summary(1, "Amélie", 5),
            summary(2, "Heat", 9),
            summary(3, "Zodiac", 0),
        ];
        let mut library = Library::new(films.into(), 1, &Theme::default());
        library.toggle_sort();
        assert_eq!(titles(&library), vec!["Heat", "Amélie", "Zodiac"]);
        library.move_by(5);
        assert_eq!(library.selected_film().unwrap().film.title, "Zodiac");
    }
}
