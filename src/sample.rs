//! The sample film every new user sees first: *The Work*, shipped inside the binary.

use crate::import::page;
use crate::store::{Result, Store};

/// The film page the project began from.
pub const PAGE: &str = include_str!("../assets/the-work.txt");

/// Adds the sample film and its reviews to the store.
pub fn seed(store: &mut Store) -> Result<()> {
    let page = page::parse(PAGE).expect("the shipped sample page parses (tested)");
    store.add_film_with_entries(&page.film, &page.entries)?;
    Ok(())
}
