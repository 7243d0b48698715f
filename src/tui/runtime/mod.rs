//! What runs the app besides its screens: the terminal, signals and crashes, the threads
//! that read and write, and the drafts kept while the user writes.

pub mod color_depth;
pub mod counter;
pub mod crash;
pub mod draft_files;
pub mod drafts;
pub mod editor;
pub mod signals;
pub mod terminal;
pub mod worker;
pub mod writer;
