//! Importers turn outside formats into records; they never write SQL themselves.

pub mod page;
