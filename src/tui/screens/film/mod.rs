//! The film page: the film pane with its histogram, and the review list. It is always
//! there, under the screens opened over it.

pub mod draw;
pub mod filtering;
pub mod keys;
pub mod layout;
pub mod list;
pub mod pane;
pub mod state;
pub mod window;
