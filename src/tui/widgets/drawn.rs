//! Lines a frame drew, kept with what they depend on, so the next frame wraps a long text
//! only when that changed (a review of 100,000 characters is wrapped once, not at every
//! key). A screen owns its cache; drawing fills it.

use std::cell::RefCell;
use std::rc::Rc;

use ratatui::text::Line;

pub struct Drawn<K>(RefCell<Option<(K, Rc<Vec<Line<'static>>>)>>);

impl<K> Default for Drawn<K> {
    fn default() -> Self {
        Drawn(RefCell::new(None))
    }
}

impl<K: PartialEq> Drawn<K> {
    /// The lines for `key`: those kept, when they were made for it, else `make`'s.
    pub fn lines(
        &self,
        key: K,
        make: impl FnOnce() -> Vec<Line<'static>>,
    ) -> Rc<Vec<Line<'static>>> {
        let mut drawn = self.0.borrow_mut();
        match &*drawn {
            Some((known, lines)) if *known == key => Rc::clone(lines),
            _ => {
                let lines = Rc::new(make());
                *drawn = Some((key, Rc::clone(&lines)));
                lines
            }
        }
    }
}

/// The reader's lines, by what they depend on: the entry, the length of its text, the
/// width, and whether the text is shown.
pub type ReaderLines = Drawn<(i64, usize, usize, bool)>;
