//! A scrolled text (the reader, the help): where it is scrolled to, and how much of it the
//! last frame showed. Its drawing measures; its keys read the measure. Each screen has its
//! own, so what a key does never depends on another screen's last frame.

use std::cell::Cell;

use crate::tui::action::Action;

#[derive(Debug, Default)]
pub struct Scroll {
    /// Lines scrolled past.
    offset: usize,
    /// Lines the last frame showed.
    page: Cell<usize>,
    /// How far the text could scroll before its end is at the bottom.
    max: Cell<usize>,
}

impl Scroll {
    /// Where to start drawing, within what the text allows.
    pub fn offset(&self) -> usize {
        self.offset.min(self.max.get())
    }

    /// What the frame being drawn shows: `page` lines of a text `total` long. Returns the
    /// line to start from.
    pub fn measure(&self, page: usize, total: usize) -> usize {
        self.page.set(page);
        self.max.set(total.saturating_sub(page));
        self.offset()
    }

    /// How far the text can still scroll down.
    pub fn more_below(&self) -> bool {
        self.offset() < self.max.get()
    }

    /// Moves by a movement key, within what the last frame measured.
    pub fn apply(&mut self, action: Action) {
        let page = self.page.get().max(1);
        let max = self.max.get();
        let next = match action {
            Action::Next => self.offset + 1,
            Action::Prev => self.offset.saturating_sub(1),
            Action::PageDown => self.offset + page,
            Action::PageUp => self.offset.saturating_sub(page),
            Action::First => 0,
            Action::Last => max,
            _ => self.offset,
        };
        self.offset = next.min(max);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_stay_within_what_was_drawn() {
        let mut scroll = Scroll::default();
        assert_eq!(scroll.measure(10, 25), 0);
        scroll.apply(Action::PageDown);
        assert_eq!(scroll.offset(), 10);
        scroll.apply(Action::PageDown);
        assert_eq!(scroll.offset(), 15, "stops with the end at the bottom");
        assert!(!scroll.more_below());
        scroll.apply(Action::Prev);
        assert!(scroll.more_below());
        scroll.apply(Action::First);
        assert_eq!(scroll.offset(), 0);
        scroll.apply(Action::Last);
        assert_eq!(scroll.offset(), 15);
        // A taller terminal shows the whole text: nothing to scroll.
        assert_eq!(scroll.measure(40, 25), 0);
    }
}
