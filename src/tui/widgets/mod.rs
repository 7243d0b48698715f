//! Pieces the screens share: rows with a highlight, scrolled text, windows read a page at a
//! time, the title finders, the histogram and rich text.

pub mod chrome;
pub mod finder;
pub mod histogram;
pub mod paged;
pub mod rich_text;
pub mod rows;
pub mod scroll;
pub mod shelf;
pub mod shelf_draw;
pub mod text_box;
pub mod title_finder;
