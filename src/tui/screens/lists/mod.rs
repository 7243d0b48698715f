//! The lists: the member's lists, one of them open with its films in
//! order, and a name being typed for a new list or a renamed one.

pub mod draw;
pub mod keys;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui_textarea::TextArea;

use crate::model::{Film, FilmList};
use crate::store::{Result, Store};
use crate::text::sanitize_line;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::screen::{Cx, Look, Opened, Question, Request, Screen, Step, refuse_read_only};
use crate::tui::widgets::rows::Rows;
use keys::{ADD_TO_LIST, MOVE_DOWN, MOVE_UP, NEW_LIST, RENAME_LIST, UNDO};

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
        lists.read_again(store)?;
        Ok(lists)
    }

    /// Reads the lists again (and the open one's films), keeping the highlights.
    pub fn read_again(&mut self, store: &Store) -> Result<()> {
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

impl Lists {
    /// Enter keeps the typed name (a new list, or the highlighted one renamed); Esc
    /// leaves things as they were.
    fn naming_act(&mut self, action: Action) -> Step {
        match action {
            Action::Back => self.naming = None,
            Action::Open => {
                let Some(naming) = &self.naming else {
                    return Step::Done;
                };
                let name = naming.line.lines().join(" ");
                let renaming = naming
                    .renaming
                    .then(|| self.highlighted().map(|l| l.id))
                    .flatten();
                return Step::Do(Request::KeepListName { name, renaming });
            }
            _ => return Step::Pass,
        }
        Step::Done
    }

    /// `d` in an open list: the film goes at once (the write follows), and `u` can put
    /// it back.
    fn take_out(&mut self, cx: &mut Cx, id: i64, film_id: i64) -> Step {
        let Some(removed) = self.remove_open(film_id) else {
            return Step::Done;
        };
        let name = self
            .highlighted()
            .map(|l| l.name.clone())
            .unwrap_or_default();
        cx.say(format!(
            "Took {} out of {}; {} puts it back.",
            sanitize_line(&removed.title),
            sanitize_line(&name),
            cx.settings.key_name(keys::MODE, UNDO),
        ));
        self.taken_out = Some((id, removed));
        Step::Do(Request::RemovedFromList { id, film_id })
    }

    /// `u`: puts back the film last taken out of a list, where it was, with its note.
    fn put_back(&mut self, cx: &mut Cx) -> Step {
        let Some((id, film)) = self.taken_out.take() else {
            cx.say("Nothing taken out of a list to put back.");
            return Step::Done;
        };
        cx.say(format!("Put {} back.", sanitize_line(&film.title)));
        Step::Do(Request::PutBack {
            id,
            film_id: film.film_id,
            position: film.position,
            note: film.note,
        })
    }

    /// `K` and `J`: the film moves at once (the write finds it where it is by then, so
    /// moves pressed before the first lands add up).
    fn shift(&mut self, cx: &mut Cx, id: i64, film_id: i64, up: bool) -> Step {
        self.move_open(film_id, up);
        let moved = self
            .open
            .as_ref()
            .and_then(|films| films.items().iter().find(|f| f.film_id == film_id));
        if let Some(film) = moved {
            cx.say(format!(
                "Moved {} {} to place {}.",
                sanitize_line(&film.title),
                if up { "up" } else { "down" },
                film.position
            ));
        }
        Step::Do(Request::MovedInList { id, film_id, up })
    }
}

/// The lists as a key opens them: `l`, from the film page and the reader, to add the
/// film shown to one.
pub const OPENED: Opened = Opened {
    keys: &keys::KEYS,
    open: |at| Ok(Box::new(Lists::open(at.store, at.page.film.clone())?)),
};

impl Screen for Lists {
    fn mode(&self) -> Mode {
        match self.naming {
            Some(_) => keys::NAMING,
            None => keys::MODE,
        }
    }

    fn act(&mut self, action: Action, cx: &mut Cx) -> Result<Step> {
        if self.naming.is_some() {
            return Ok(self.naming_act(action));
        }
        let moved = match &mut self.open {
            Some(films) => films.apply(action),
            None => self.lists.apply(action),
        };
        if moved {
            return Ok(Step::Done);
        }
        let writes = matches!(
            action,
            NEW_LIST | RENAME_LIST | ADD_TO_LIST | Action::Delete | MOVE_UP | MOVE_DOWN | UNDO
        );
        if writes && refuse_read_only(cx) {
            return Ok(Step::Done);
        }
        let list = self.highlighted().map(|l| (l.id, l.name.clone()));
        let film = self
            .open
            .as_ref()
            .and_then(|f| f.selected_item())
            .map(|f| f.film_id);
        let cursor = cx.settings.theme.cursor;
        Ok(match (action, list, film) {
            (Action::Open, Some(_), None) if self.open.is_none() => {
                self.open_highlighted(cx.store)?;
                Step::Done
            }
            (Action::Open, _, Some(film_id)) => match cx.store.film(film_id)? {
                Some(film) => Step::Film(film, None),
                None => Step::Done,
            },
            (Action::Back, ..) if self.open.is_some() => {
                self.open = None;
                Step::Done
            }
            (Action::Back, ..) => Step::Close,
            (NEW_LIST, ..) => {
                self.start_naming(false, cursor);
                Step::Done
            }
            (RENAME_LIST, Some(_), _) => {
                self.start_naming(true, cursor);
                Step::Done
            }
            (ADD_TO_LIST, Some((id, name)), _) => Step::Do(Request::AddToList {
                id,
                name,
                film: self.film.clone(),
            }),
            (Action::Delete, Some((id, _)), Some(film_id)) => self.take_out(cx, id, film_id),
            (Action::Delete, Some((id, name)), None) => {
                Step::Do(Request::Ask(Question::DeleteList { id, name }))
            }
            (MOVE_UP | MOVE_DOWN, Some((id, _)), Some(film_id)) => {
                self.shift(cx, id, film_id, action == MOVE_UP)
            }
            (UNDO, ..) => self.put_back(cx),
            (Action::Help | Action::Quit, ..) => Step::Pass,
            _ => Step::Done,
        })
    }

    fn typed(&mut self, input: ratatui_textarea::Input, _cx: &mut Cx) -> Result<Step> {
        if let Some(naming) = &mut self.naming
            // One line: Enter is the keymap's (keep the name).
            && input.key != ratatui_textarea::Key::Enter
        {
            naming.line.input(input);
        }
        Ok(Step::Done)
    }

    fn paste(&mut self, text: &str) -> bool {
        let Some(naming) = &mut self.naming else {
            return false;
        };
        naming
            .line
            .insert_str(crate::text::clean_input(text).replace('\n', " "));
        true
    }

    fn click(&mut self, at: Position, cx: &mut Cx) -> Result<bool> {
        let area = draw::layout(self, cx.area).rows;
        let rows_hit = match &mut self.open {
            Some(films) => films.at(at, area).map(|p| films.selected = p),
            None => self.lists.at(at, area).map(|p| self.lists.selected = p),
        };
        Ok(rows_hit.is_some())
    }

    fn settle(&mut self, _look: &Look, area: Rect) {
        let page = usize::from(draw::layout(self, area).rows.height);
        self.lists.page_rows = page;
        if let Some(films) = &mut self.open {
            films.page_rows = page;
        }
    }

    fn refresh(&mut self, store: &Store) -> Result<()> {
        self.read_again(store)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, look: &Look) {
        draw::draw(frame, area, look, self);
    }

    fn hints(&self) -> &'static [(Action, &'static str)] {
        if self.naming.is_some() {
            return &[(Action::Open, "keep"), (Action::Back, "cancel")];
        }
        &[
            (Action::Next, "next"),
            (Action::Open, "open"),
            (ADD_TO_LIST, "add the film"),
            (NEW_LIST, "new list"),
            (Action::Back, "back"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ]
    }
}
