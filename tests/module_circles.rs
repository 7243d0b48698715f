//! No module of `src/` reaches itself again through the modules it names: each knows the
//! ones below it, and a circle (the app needing a view that needs the app) fails here.
//!
//! A module's uses are the `crate::…` and `super::…` paths in its file, each resolved to
//! the longest module it names; a parent naming its own children by their plain names
//! (`mod app;`, `app::App`) is not a use.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Module = Vec<String>;

/// Every module of `src/`, by its path (`["tui", "app"]`), with its file's text.
fn modules() -> BTreeMap<Module, String> {
    let mut found = BTreeMap::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut folders = vec![src.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let mut module: Module = path
                .strip_prefix(&src)
                .unwrap()
                .with_extension("")
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            if matches!(
                module.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                module.pop();
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // Comments name modules without using them.
            let code: String = text
                .lines()
                .map(|l| l.split("//").next().unwrap_or(""))
                .collect::<Vec<_>>()
                .join("\n");
            found.insert(module, code);
        }
    }
    found
}

/// The longest module `path` names, if it names one.
fn resolve(modules: &BTreeMap<Module, String>, path: &[String]) -> Option<Module> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|m| modules.contains_key(m))
}

/// The words of a path that starts at `at` in `code`: `a::b::{c, d::e}` gives
/// `[a, b, c]` and `[a, b, d, e]`.
fn paths_at(code: &str) -> Vec<Vec<String>> {
    let mut head = Vec::new();
    let mut rest = code;
    loop {
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if word.is_empty() {
            break;
        }
        head.push(word.clone());
        rest = &rest[word.len()..];
        match rest.strip_prefix("::") {
            Some(after) => rest = after,
            None => return vec![head],
        }
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or("");
            return inner
                .split(',')
                .map(|item| {
                    let item = item.split(" as ").next().unwrap_or("").trim();
                    let mut path = head.clone();
                    path.extend(
                        item.split("::")
                            .filter(|w| !w.is_empty() && *w != "self")
                            .map(String::from),
                    );
                    path
                })
                .collect();
        }
    }
    vec![head]
}

/// Which modules each module uses.
fn uses(modules: &BTreeMap<Module, String>) -> BTreeMap<Module, BTreeSet<Module>> {
    let mut edges = BTreeMap::new();
    for (module, code) in modules {
        let mut used = BTreeSet::new();
        for (at, _) in code
            .match_indices("crate::")
            .chain(code.match_indices("super::"))
        {
            let before = code[..at].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let (mut base, after) = match code[at..].strip_prefix("crate::") {
                Some(after) => (Vec::new(), after),
                None => (
                    module[..module.len().saturating_sub(1)].to_vec(),
                    &code[at + 7..],
                ),
            };
            for mut path in paths_at(after) {
                while path.first().is_some_and(|w| w == "super") {
                    base.pop();
                    path.remove(0);
                }
                let mut full = base.clone();
                full.extend(path);
                let target = resolve(modules, &full)
                    .or_else(|| modules.contains_key(&base).then(|| base.clone()));
                if let Some(target) = target.filter(|t| t != module) {
                    used.insert(target);
                }
            }
        }
        edges.insert(module.clone(), used);
    }
    edges
}

/// A circle through `start`, if its uses lead back to it.
fn circle_through(
    edges: &BTreeMap<Module, BTreeSet<Module>>,
    start: &Module,
) -> Option<Vec<Module>> {
    let mut stack = vec![(start.clone(), vec![start.clone()])];
    let mut seen = BTreeSet::new();
    while let Some((at, path)) = stack.pop() {
        for next in edges.get(&at).into_iter().flatten() {
            if next == start {
                return Some(path);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push((next.clone(), longer));
            }
        }
    }
    None
}

#[test]
fn no_module_reaches_itself_again() {
    let modules = modules();
    assert!(
        modules.len() > 50,
        "the modules are read: {}",
        modules.len()
    );
    let edges = uses(&modules);
    let module = |path: &str| -> Module { path.split("::").map(String::from).collect() };
    assert!(
        edges[&module("tui::screens::reader")].contains(&module("tui::screen")),
        "uses are found"
    );
    for module in modules.keys() {
        if let Some(circle) = circle_through(&edges, module) {
            let names: Vec<String> = circle.iter().map(|m| m.join("::")).collect();
            panic!("a module circle: {} -> back", names.join(" -> "));
        }
    }
}
