//! Values read as text whose every value can be listed: help, the manual and shell
//! completion offer them (`reviews --sort <TAB>` gives `newest oldest …`), while the
//! value is still read by its own `FromStr` (`--stars ★★★★½` as well as `4.5`).

use std::ffi::OsStr;
use std::marker::PhantomData;
use std::str::FromStr;

use clap::builder::{PossibleValue, TypedValueParser};

#[derive(Clone)]
pub struct Listed<T> {
    values: &'static [&'static str],
    read: PhantomData<fn() -> T>,
}

impl<T> TypedValueParser for Listed<T>
where
    T: FromStr + Clone + Send + Sync + 'static,
    T::Err: Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
{
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        let read = |text: &str| text.parse::<T>();
        read.parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.values.iter().map(|v| PossibleValue::new(*v))))
    }
}

/// A rating: 0.5 to 5, offered in steps of 0.5.
pub fn ratings() -> Listed<crate::model::Rating> {
    Listed {
        values: &["0.5", "1", "1.5", "2", "2.5", "3", "3.5", "4", "4.5", "5"],
        read: PhantomData,
    }
}

/// An order of reviews.
pub fn sorts() -> Listed<crate::query::Sort> {
    Listed {
        values: &["newest", "oldest", "highest", "lowest", "likes"],
        read: PhantomData,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_value_reads_and_every_value_read_is_listed() {
        let listed: Vec<String> = sorts()
            .possible_values()
            .unwrap()
            .map(|v| v.get_name().to_string())
            .collect();
        let names: Vec<&str> = crate::query::Sort::ALL.iter().map(|s| s.name()).collect();
        assert_eq!(listed, names);
        for value in ratings().possible_values().unwrap() {
            assert!(value.get_name().parse::<crate::model::Rating>().is_ok());
        }
        let halves = (1..=10u8)
            .filter_map(crate::model::Rating::from_half_stars)
            .count();
        assert_eq!(ratings().possible_values().unwrap().count(), halves);
    }
}
