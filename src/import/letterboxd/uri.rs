//! Letterboxd's addresses. A film has two: `https://boxd.it/2bg` (newer exports) and
//! `https://letterboxd.com/film/heat-1995/` (older ones). A diary entry has one of its
//! own: `https://boxd.it/4Erwc5`, or in older exports
//! `https://letterboxd.com/USER/film/heat-1995/` (`…/1/` for a second log), which also
//! names its film.

/// The form of an address: two addresses of one form name two different things.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Short,
    Slug,
    Other,
}

/// A film's address, normalised.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FilmUri(pub String);

impl FilmUri {
    pub fn form(&self) -> Form {
        form(&self.0)
    }

    /// `heat-1995` for `https://letterboxd.com/film/heat-1995/`.
    pub fn slug(&self) -> Option<&str> {
        self.0
            .strip_prefix("https://letterboxd.com/film/")
            .and_then(|rest| rest.strip_suffix('/'))
            .filter(|s| !s.is_empty() && !s.contains('/'))
    }
}

pub fn form(uri: &str) -> Form {
    if uri.starts_with("https://boxd.it/") {
        Form::Short
    } else if uri.starts_with("https://letterboxd.com/") {
        Form::Slug
    } else {
        Form::Other
    }
}

/// An address as Letterboxd would write it now: `https`, the host in lower case, a
/// trailing slash on letterboxd.com paths. `None` for an empty field.
pub fn normalize(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let rest = raw
        .strip_prefix("https://")
        .or_else(|| raw.strip_prefix("http://"))
        .unwrap_or(raw);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    Some(match host {
        "boxd.it" => format!("https://boxd.it/{}", path.trim_end_matches('/')),
        "letterboxd.com" => {
            let path = path.trim_end_matches('/');
            format!("https://letterboxd.com/{}/", path.to_ascii_lowercase())
        }
        _ => raw.to_string(),
    })
}

/// A film's address from a film column (`ratings.csv`, `watched.csv`, lists…).
pub fn film(raw: &str) -> Option<FilmUri> {
    normalize(raw).map(FilmUri)
}

/// A diary entry's address: the key that finds it again, and the film's own address
/// when the entry's names it (older exports).
pub fn entry(raw: &str) -> Option<(String, Option<FilmUri>)> {
    let uri = normalize(raw)?;
    let film = uri
        .strip_prefix("https://letterboxd.com/")
        .and_then(|path| {
            let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
            match parts.as_slice() {
                [_user, "film", slug] | [_user, "film", slug, _] => Some(*slug),
                _ => None,
            }
        })
        .map(|slug| FilmUri(format!("https://letterboxd.com/film/{slug}/")));
    Some((uri, film))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_vintages_are_understood() {
        assert_eq!(
            normalize("http://boxd.it/aB3/").unwrap(),
            "https://boxd.it/aB3"
        );
        assert_eq!(
            normalize("https://Letterboxd.com/film/Heat-1995").unwrap(),
            "https://letterboxd.com/film/heat-1995/"
        );
        assert_eq!(normalize("  "), None);
        let (key, film) = entry("https://letterboxd.com/ada/film/heat-1995/1/").unwrap();
        assert_eq!(key, "https://letterboxd.com/ada/film/heat-1995/1/");
        let film = film.unwrap();
        assert_eq!(film.slug(), Some("heat-1995"));
        assert_eq!(film.form(), Form::Slug);
        assert_eq!(entry("https://boxd.it/4Erwc5").unwrap().1, None);
        assert_eq!(
            super::film("https://boxd.it/2bg").unwrap().form(),
            Form::Short
        );
    }
}
