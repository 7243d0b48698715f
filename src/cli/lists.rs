//! `marquee lists`: the member's lists with their films in order, as text or JSON.

use std::io::Write;

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use super::films::Format;
use super::table::{Out, Role};
use crate::export::jsonl::{ListFilmJson, list_films};
use crate::store::Store;
use crate::text;

#[derive(Debug, Args)]
pub struct ListsArgs {
    #[command(subcommand)]
    pub show: Option<ListsCommand>,

    /// How to print them.
    #[arg(long, value_enum, default_value_t = Format::Table, global = true)]
    pub format: Format,
}

#[derive(Debug, clap::Subcommand)]
pub enum ListsCommand {
    /// One list, by name (ignoring case; "Favourites #2" for the second of that name).
    Show {
        /// The list's name.
        name: String,
    },
}

#[derive(Serialize)]
struct ListJson<'a> {
    name: &'a str,
    description: &'a str,
    tags: &'a [String],
    ranked: bool,
    created: Option<&'a str>,
    films: Vec<ListFilmJson<'a>>,
}

pub fn run(store: &Store, args: ListsArgs, to: Out) -> Result<()> {
    let lists = match &args.show {
        Some(ListsCommand::Show { name }) => vec![super::transfer::find_list(store, name)?],
        None => store.lists()?,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => {
            let json: Vec<ListJson> = lists
                .iter()
                .map(|l| ListJson {
                    name: &l.name,
                    description: &l.description,
                    tags: &l.tags,
                    ranked: l.ranked,
                    created: l.created.as_deref(),
                    films: list_films(l),
                })
                .collect();
            // One list asked for by name is one object (`jq .films`); all lists, an array.
            match (&args.show, json.as_slice()) {
                (Some(_), [one]) => serde_json::to_writer_pretty(&mut out, one)?,
                _ => serde_json::to_writer_pretty(&mut out, &json)?,
            }
            writeln!(out)?;
        }
        Format::Table => {
            for (i, list) in lists.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                let kind = if list.ranked { "ranked" } else { "unranked" };
                let films = list.items.len();
                let s = if films == 1 { "" } else { "s" };
                let heading = format!(
                    "{} ({films} film{s}, {kind})",
                    text::sanitize_line(&list.name)
                );
                writeln!(out, "{}", to.line(&heading, Role::Title))?;
                for item in &list.items {
                    let place = if list.ranked {
                        format!("{:>4}. ", item.position)
                    } else {
                        "    • ".to_string()
                    };
                    let note = if item.note.is_empty() {
                        String::new()
                    } else {
                        format!(" — {}", text::sanitize_line(&item.note))
                    };
                    // The film as a person names it: its title and year.
                    let film = match store.film(item.film_id)? {
                        Some(film) => film.title_with_year(),
                        None => item.slug.clone(),
                    };
                    let line = format!("{place}{}{note}", text::sanitize_line(&film));
                    writeln!(out, "{}", to.line(&line, Role::Plain))?;
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}
