//! The film page's keys: moving through the list, the rating filter (keys, the
//! histogram's bars, the menu), the sort and the search line, reading a review; what only
//! the app does (writing, marks, other screens) it asks for.

use ratatui::layout::Position;
use ratatui::style::Style;
use ratatui_textarea::TextArea;

use super::filtering::{Focus, stars_pressed};
use super::layout::{PageLayout, layout, looked};
use super::list;
use super::state::FilmPage;
use crate::model::{Entry, Mark, Rating};
use crate::query::{RatingFilter, ReviewQuery};
use crate::store::{Result, Store};
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::screen::{Cx, Look, Question, Request, Step, refuse_read_only};
use crate::tui::screens::filter_menu::FilterMenu;
use crate::tui::screens::reader::{Reader, Reading};
use crate::tui::screens::{
    diary::keys as diary, library::keys as library, lists::keys as lists, seen::keys as seen,
    watchlist::keys as watchlist, year_in_review::keys as year_in_review,
};
use crate::tui::settings::Settings;

impl FilmPage {
    pub fn mode(&self) -> Mode {
        match self.focus {
            Focus::List => Mode::List,
            Focus::Histogram { .. } => Mode::Histogram,
            Focus::Search(_) => Mode::Search,
        }
    }

    /// The actions the status line hints at.
    pub fn hints(&self) -> &'static [(Action, &'static str)] {
        match self.focus {
            Focus::List => &[
                (Action::Next, "next"),
                (Action::Open, "read"),
                (Action::Write, "write"),
                (Action::FilterMenu, "filter"),
                (Action::Show(library::MODE), "films"),
                (Action::Show(diary::MODE), "diary"),
                (Action::Show(watchlist::MODE), "watchlist"),
                (Action::Show(year_in_review::MODE), "year"),
                (Action::Show(seen::MODE), "seen"),
                (Action::Show(lists::MODE), "lists"),
                (Action::CycleSort, "sort"),
                (Action::Search, "search"),
                (Action::FilmDetails, "details"),
                (Action::Help, "help"),
                (Action::Quit, "quit"),
            ],
            Focus::Histogram { .. } => &[
                (Action::Next, "next bar"),
                (Action::Open, "filter"),
                (Action::Back, "back"),
            ],
            Focus::Search(_) => &[(Action::Open, "search"), (Action::Back, "clear")],
        }
    }

    pub fn act(&mut self, action: Action, cx: &mut Cx) -> Result<Step> {
        match (&mut self.focus, action) {
            (Focus::Histogram { bar }, Action::Next) => *bar = (*bar + 1).min(10),
            (Focus::Histogram { bar }, Action::Prev) => *bar = (*bar - 1).max(1),
            (Focus::Histogram { bar }, Action::Open) => {
                let rating = Rating::from_half_stars(*bar).expect("bars are 1..=10");
                self.focus = Focus::List;
                self.set_filter(cx, RatingFilter::Exactly(rating))?;
            }
            (Focus::Histogram { .. }, Action::Back) => self.focus = Focus::List,
            (Focus::Search(line), Action::Open) => {
                let typed = line.lines().join(" ");
                self.focus = Focus::List;
                self.set_search(cx, Some(typed))?;
            }
            (Focus::Search(_), Action::Back) => {
                self.focus = Focus::List;
                self.set_search(cx, None)?;
            }
            (Focus::List, action) => return self.list_act(action, cx),
            _ => return Ok(Step::Pass),
        }
        Ok(Step::Done)
    }

    /// The list's keys.
    fn list_act(&mut self, action: Action, cx: &mut Cx) -> Result<Step> {
        let filter = self.query.filter;
        match action {
            Action::FilterStars(n) => self.set_filter(cx, stars_pressed(filter, n))?,
            Action::ToggleOrMore => match filter {
                RatingFilter::Exactly(r) => self.set_filter(cx, RatingFilter::AtLeast(r))?,
                RatingFilter::AtLeast(r) => self.set_filter(cx, RatingFilter::Exactly(r))?,
                _ => cx.say("Pick a rating first (1–5), then + for “or more”."),
            },
            Action::FilterUnrated => self.set_filter(cx, RatingFilter::Unrated)?,
            Action::ClearFilter => self.set_filter(cx, RatingFilter::All)?,
            Action::CycleSort => {
                let query = ReviewQuery {
                    sort: self.query.sort.next(),
                    ..self.query.clone()
                };
                self.set_query(cx, query)?;
            }
            Action::FilterMenu => {
                // With a search on, the counts are of its matches.
                let counts = match cx.store.search_stats(self.list.listing())? {
                    Some(matches) => matches,
                    None => self.stats.clone(),
                };
                return Ok(Step::Over(Box::new(FilterMenu::new(filter, counts))));
            }
            Action::FocusHistogram => {
                let bar = match filter {
                    RatingFilter::Exactly(r) | RatingFilter::AtLeast(r) => r.half_stars(),
                    _ => 10,
                };
                self.focus = Focus::Histogram { bar };
            }
            Action::Search => self.start_search(&cx.settings.theme),
            Action::Back if self.query.search.is_some() => self.set_search(cx, None)?,
            Action::Open if self.list.selected_entry().is_some() => {
                return Ok(Step::Open(Box::new(Reader::new(Reading::Review))));
            }
            Action::FilmDetails => return Ok(Step::Open(Box::new(Reader::new(Reading::Film)))),
            Action::Next
            | Action::Prev
            | Action::PageDown
            | Action::PageUp
            | Action::First
            | Action::Last => self.move_by(action, cx)?,
            Action::Reveal => self.reveal(),
            Action::Write if !refuse_read_only(cx) => return Ok(Step::Do(Request::Write)),
            Action::Edit => {
                return Ok(self
                    .own_selected(cx, "edit")
                    .map_or(Step::Done, |e| Step::Do(Request::Edit(Box::new(e)))));
            }
            Action::Delete => return Ok(self.ask_delete(cx)),
            Action::ToggleWatchlist => return Ok(mark(Mark::Watchlist)),
            Action::ToggleWatched => return Ok(mark(Mark::Watched)),
            Action::ToggleLiked => return Ok(mark(Mark::Liked)),
            Action::Write | Action::Open => {}
            _ => return Ok(Step::Pass),
        }
        Ok(Step::Done)
    }

    /// The selected entry, when it is the member's own and the database can be written;
    /// else says why not.
    fn own_selected(&self, cx: &mut Cx, verb: &str) -> Option<Entry> {
        if refuse_read_only(cx) {
            return None;
        }
        let entry = self.list.selected_entry()?;
        if !entry.is_mine {
            cx.say(format!(
                "That review is by {}; you can only {verb} your own.",
                crate::text::sanitize_line(&entry.author)
            ));
            return None;
        }
        Some(entry.clone())
    }

    /// `d`: asks whether to delete the selected review, the member's own.
    fn ask_delete(&self, cx: &mut Cx) -> Step {
        let Some(entry) = self.own_selected(cx, "delete") else {
            return Step::Done;
        };
        let at = self.list.selected();
        let then = self
            .list
            .get(at + 1)
            .or_else(|| at.checked_sub(1).and_then(|p| self.list.get(p)))
            .cloned()
            .map(Box::new);
        Step::Do(Request::Ask(Question::Delete { id: entry.id, then }))
    }

    fn reveal(&mut self) {
        if let Some(entry) = self.list.selected_entry().filter(|e| e.spoiler)
            && !self.revealed.remove(&entry.id)
        {
            self.revealed.insert(entry.id);
        }
    }

    /// Next, previous, pages, first and last move the selection. A page is the screenful
    /// after (or before) the one shown, its first review selected and shown at the top,
    /// as a pager turns pages.
    pub fn move_by(&mut self, action: Action, cx: &Cx) -> Result<()> {
        let layout = self.layout(cx.settings, cx.area);
        let (top, page) = (layout.reviews.top, layout.reviews.whole.max(1));
        let selected = self.list.selected();
        let store = cx.store;
        match action {
            Action::Next => self.list.select_by(store, 1),
            Action::Prev => self.list.select_by(store, -1),
            Action::PageDown => {
                let target = (top + page).max(selected + 1);
                self.top = target;
                self.list.select(store, target)
            }
            Action::PageUp => {
                let target = top.saturating_sub(page).min(selected.saturating_sub(1));
                self.top = target;
                self.list.select(store, target)
            }
            Action::First => self.list.first(store),
            Action::Last => self.list.last(store),
            _ => Ok(()),
        }
    }

    /// The page laid out in `area`, as the last key left it.
    pub fn layout(&self, settings: &Settings, area: ratatui::layout::Rect) -> PageLayout {
        looked(
            &Look {
                settings,
                page: self,
            },
            area,
        )
    }

    /// After every change: the list scrolled as it is drawn now, the heights of the
    /// reviews it shows kept, so the next frame and key measure none again.
    pub fn settle(&mut self, settings: &Settings, area: ratatui::layout::Rect) {
        let mut measured = Vec::new();
        let look = Look {
            settings,
            page: self,
        };
        let top = layout(&look, area, &mut |entry, width, height| {
            let key = list::height_key(&look, entry, width, height);
            self.list.heights().get(&key).unwrap_or_else(|| {
                let lines = list::item_height(&look, entry, width, height);
                measured.push((key, lines));
                lines
            })
        })
        .reviews
        .top;
        self.top = top;
        for (key, lines) in measured {
            self.list.heights_mut().insert(key, lines);
        }
    }

    /// A left click: on a histogram bar it filters to that rating; on a review it
    /// selects it.
    pub fn click(&mut self, at: Position, cx: &mut Cx) -> Result<()> {
        let layout = self.layout(cx.settings, cx.area);
        if let Some(&(_, bar)) = layout.bars.iter().find(|(r, _)| r.contains(at)) {
            self.focus = Focus::Histogram { bar };
            self.act(Action::Open, cx)?;
            return Ok(());
        }
        if let Some(&(_, position)) = layout.reviews.rows.iter().find(|(r, _)| r.contains(at)) {
            self.focus = Focus::List;
            self.list.select(cx.store, position)?;
        }
        Ok(())
    }

    /// Keeps a key that needs the search's count (`G` while the matches are counted) and
    /// the moves after it, to act on in order once the count is in; any other key lets
    /// go of them and acts at once. Says whether `action` was kept.
    pub fn awaits_count(&mut self, action: Action) -> bool {
        if self.mode() != Mode::List || self.matching.is_some() {
            self.after_count.clear();
            return false;
        }
        // G waits; the moves after a waiting G wait with it.
        let waits = action == Action::Last
            || (!self.after_count.is_empty()
                && matches!(
                    action,
                    Action::Next | Action::Prev | Action::PageDown | Action::PageUp
                ));
        if !waits {
            self.after_count.clear();
            return false;
        }
        self.after_count.push(action);
        true
    }

    /// A key typed into the search line; says whether there is one.
    pub fn typed(&mut self, input: ratatui_textarea::Input) -> bool {
        let Focus::Search(line) = &mut self.focus else {
            return false;
        };
        // One line: Enter is the keymap's (apply), never a new line here.
        if input.key != ratatui_textarea::Key::Enter {
            line.input(input);
        }
        true
    }

    /// Pasted text on the search line, as one line; says whether there is one.
    pub fn paste(&mut self, text: &str) -> bool {
        let Focus::Search(line) = &mut self.focus else {
            return false;
        };
        let clean = crate::text::clean_input(text).replace('\n', " ");
        line.insert_str(clean);
        true
    }

    fn start_search(&mut self, theme: &crate::tui::theme::Theme) {
        let mut line = TextArea::new(vec![self.query.search.clone().unwrap_or_default()]);
        line.set_cursor_line_style(Style::default());
        line.set_cursor_style(theme.cursor);
        line.set_placeholder_text("words to find in reviews and authors");
        line.set_placeholder_style(theme.placeholder);
        line.move_cursor(ratatui_textarea::CursorMove::End);
        self.focus = Focus::Search(Box::new(line));
    }

    /// The list filtered to `filter`, from its top.
    pub fn set_filter(&mut self, cx: &mut Cx, filter: RatingFilter) -> Result<()> {
        let query = ReviewQuery {
            filter,
            ..self.query.clone()
        };
        self.set_query(cx, query)
    }

    /// A new search runs after the next frame, which says it is under way: gathering the
    /// matches of a common word in a huge film takes a moment.
    fn set_search(&mut self, cx: &mut Cx, typed: Option<String>) -> Result<()> {
        let search = typed.filter(|t| !crate::query::search_terms(t).is_empty());
        let query = ReviewQuery {
            search,
            ..self.query.clone()
        };
        match &query.search {
            Some(words) => {
                cx.say(format!(
                    "Searching for “{}”…",
                    crate::text::sanitize_line(words)
                ));
                self.pending_query = Some(query);
                Ok(())
            }
            None => self.set_query(cx, query),
        }
    }

    /// Runs a search the last frame announced; what to say of it.
    pub fn run_pending(&mut self, store: &Store) -> Option<String> {
        let query = self.pending_query.take()?;
        self.query = query;
        match self.reload(store, None) {
            Err(error) => Some(error.to_string()),
            Ok(Some(problem)) => Some(problem),
            // Only a database marquee can't write keeps them waiting.
            Ok(None) if store.index_is_stale().unwrap_or(false) => Some(
                "The search has yet to take in reviews another program wrote: open without --read-only to find them."
                    .into(),
            ),
            Ok(None) => None,
        }
    }

    /// Shows the list for `query` from its top, as a new page of results does. (Keeping
    /// the selected review would mean counting the reviews before it in the new order:
    /// a scan as long as its depth, too slow for a key in a film of a million.)
    fn set_query(&mut self, cx: &mut Cx, query: ReviewQuery) -> Result<()> {
        self.query = query;
        if let Some(problem) = self.reload(cx.store, None)? {
            cx.say(problem);
        }
        Ok(())
    }
}

fn mark(mark: Mark) -> Step {
    Step::Do(Request::ToggleMark(mark))
}
