//! A scrolled text (the reader, the help): where it is scrolled to. How much shows and
//! how long the text is come from its screen's layout, the same for a key and a frame.

use crate::tui::action::Action;

#[derive(Debug, Default)]
pub struct Scroll {
    /// Lines scrolled past.
    offset: usize,
}

impl Scroll {
    /// The line to start from, showing `page` lines of a text `total` long.
    pub fn offset(&self, page: usize, total: usize) -> usize {
        self.offset.min(total.saturating_sub(page))
    }

    /// Whether the text goes on below what shows.
    pub fn more_below(&self, page: usize, total: usize) -> bool {
        self.offset(page, total) < total.saturating_sub(page)
    }

    /// Moves by a movement key, within the text.
    pub fn apply(&mut self, action: Action, page: usize, total: usize) {
        let max = total.saturating_sub(page);
        let offset = self.offset(page, total);
        let step = page.max(1);
        let next = match action {
            Action::Next => offset + 1,
            Action::Prev => offset.saturating_sub(1),
            Action::PageDown => offset + step,
            Action::PageUp => offset.saturating_sub(step),
            Action::First => 0,
            Action::Last => max,
            _ => offset,
        };
        self.offset = next.min(max);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_stay_within_the_text() {
        let mut scroll = Scroll::default();
        assert_eq!(scroll.offset(10, 25), 0);
        scroll.apply(Action::PageDown, 10, 25);
        assert_eq!(scroll.offset(10, 25), 10);
        scroll.apply(Action::PageDown, 10, 25);
        assert_eq!(
            scroll.offset(10, 25),
            15,
            "stops with the end at the bottom"
        );
        assert!(!scroll.more_below(10, 25));
        scroll.apply(Action::Prev, 10, 25);
        assert!(scroll.more_below(10, 25));
        scroll.apply(Action::First, 10, 25);
        assert_eq!(scroll.offset(10, 25), 0);
        scroll.apply(Action::Last, 10, 25);
        assert_eq!(scroll.offset(10, 25), 15);
        // A taller terminal shows the whole text: nothing to scroll.
        assert_eq!(scroll.offset(40, 25), 0);
    }
}
