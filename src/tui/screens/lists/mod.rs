//! The lists screen's state: the member's lists, one of them open with its films in
//! order, and a name being typed for a new list or a renamed one.

pub mod draw;

use ratatui::style::Style;
use ratatui_textarea::TextArea;

use crate::model::{Film, FilmList};
use crate::store::{Result, Store};
use crate::tui::widgets::rows::Rows;

/// A film of the open list: its place, title and the member's note.
#[derive(Clone, Debug)]
pub struct ListFilm {
    pub film_id: i64,
    pub position: u32,
    pub title: String,
    pub note: String,
}

/// A name being typed.
pub struct Naming {
    /// For the highlighted list, rather than a new one.
    pub renaming: bool,
    pub line: TextArea<'static>,
}

pub struct Lists {
    pub lists: Rows<FilmList>,
    /// The film last taken out of a list (the list's id with it), for `u` to put back.
    pub taken_out: Option<(i64, ListFilm)>,
    /// The open list's films, when one is open.
    pub open: Option<Rows<ListFilm>>,
    pub naming: Option<Naming>,
    /// The film whose page the lists were opened from: what `a` adds.
    pub film: Film,
}

impl Lists {
    pub fn open(store: &Store, film: Film) -> Result<Lists> {
        let mut lists = Lists {
            lists: Rows::new(Vec::new()),
            taken_out: None,
            open: None,
            naming: None,
            film,
        };
        lists.refresh(store)?;
        Ok(lists)
    }

    /// Reads the lists again (and the open one's films), keeping the highlights.
    pub fn refresh(&mut self, store: &Store) -> Result<()> {
        self.lists.replace(store.lists()?, |l| l.id);
        if self.open.is_some() {
            self.open_highlighted(store)?;
        }
        Ok(())
    }

    pub fn highlighted(&self) -> Option<&FilmList> {
        self.lists.selected_item()
    }

    /// Opens the highlighted list (again, keeping the film highlighted).
    pub fn open_highlighted(&mut self, store: &Store) -> Result<()> {
        let Some(list) = self.lists.selected_item() else {
            return Ok(());
        };
        let mut films = Vec::with_capacity(list.items.len());
        for item in &list.items {
            let title = store
                .film(item.film_id)?
                .map_or_else(|| item.slug.clone(), |f| f.title_with_year());
            films.push(ListFilm {
                film_id: item.film_id,
                position: item.position,
                title,
                note: item.note.clone(),
            });
        }
        let mut rows = self.open.take().unwrap_or_else(|| Rows::new(Vec::new()));
        rows.replace(films, |f| f.film_id);
        self.open = Some(rows);
        Ok(())
    }

    /// Takes `film_id` out of the open list on screen (the write follows); the film
    /// taken out, for `u` to put back.
    pub fn remove_open(&mut self, film_id: i64) -> Option<ListFilm> {
        let open = self.open.as_mut()?;
        let mut films: Vec<ListFilm> = open.items().to_vec();
        let at = films.iter().position(|f| f.film_id == film_id)?;
        let removed = films.remove(at);
        for film in &mut films[at..] {
            film.position -= 1;
        }
        let selected = open.selected.min(films.len().saturating_sub(1));
        open.replace(films, |f| f.film_id);
        open.selected = selected;
        Some(removed)
    }

    /// Moves `film_id` one place up or down the open list on screen, keeping it
    /// highlighted (the write follows).
    pub fn move_open(&mut self, film_id: i64, up: bool) {
        let Some(open) = &mut self.open else {
            return;
        };
        let mut films: Vec<ListFilm> = open.items().to_vec();
        let Some(at) = films.iter().position(|f| f.film_id == film_id) else {
            return;
        };
        let Some(other) =
            (if up { at.checked_sub(1) } else { Some(at + 1) }).filter(|&o| o < films.len())
        else {
            return;
        };
        films.swap(at, other);
        let (a, b) = (films[at].position, films[other].position);
        films[at].position = b;
        films[other].position = a;
        open.replace(films, |f| f.film_id);
    }

    /// Starts typing a name: a new list's, or the highlighted one's new name.
    pub fn start_naming(&mut self, renaming: bool, cursor: Style) {
        let text = match (renaming, self.highlighted()) {
            (true, Some(list)) => list.name.clone(),
            _ => String::new(),
        };
        let mut line = TextArea::new(vec![text]);
        line.set_cursor_line_style(Style::default());
        line.set_cursor_style(cursor);
        line.move_cursor(ratatui_textarea::CursorMove::End);
        line.set_placeholder_text("the list's name");
        self.naming = Some(Naming { renaming, line });
    }
}
