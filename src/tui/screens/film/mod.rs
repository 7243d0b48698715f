//! The film page: the film pane, the histogram and the review list.

pub mod filter_keys;
pub mod filtering;
pub mod list;
pub mod pane;
pub mod window;
