//! What every page shares: roff text made literal, and a command's synopsis and options
//! read from its clap definition (value names, possible values, defaults, environment).

use clap::{Arg, ArgAction, Command};

/// Text as roff reads it: backslashes and dashes made literal, and a leading dot or
/// quote that would start a request.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\e"),
            '-' => out.push_str("\\-"),
            // Every other character as its code point, for any roff (★, …, 映画).
            c if !c.is_ascii() => out.push_str(&format!("\\[u{:04X}]", u32::from(c))),
            c => out.push(c),
        }
    }
    let text = out;
    match text.chars().next() {
        Some('.' | '\'') => format!("\\&{text}"),
        _ => text,
    }
}

/// A paragraph of text that may hold blank lines: each line made literal, blank lines
/// starting a new paragraph.
pub fn paragraphs(text: &str) -> String {
    let mut out = String::new();
    for line in text.trim().lines() {
        match line.trim().is_empty() {
            true => out.push_str(".PP\n"),
            false => {
                out.push_str(&escape(line.trim()));
                out.push('\n');
            }
        }
    }
    out
}

/// The page's heading: `marquee-log(1)`.
pub fn title(page: &str) -> String {
    format!(
        ".TH {} 1 \"\" \"marquee {}\" \"marquee manual\"\n",
        page.to_uppercase().replace('-', "\\-"),
        env!("CARGO_PKG_VERSION")
    )
}

/// Whether an argument takes no value (a switch like `--unrated`).
fn is_switch(arg: &Arg) -> bool {
    matches!(
        arg.get_action(),
        ArgAction::SetTrue | ArgAction::SetFalse | ArgAction::Count
    )
}

/// What an option's value is called: its possible values (`table|json`) unless help
/// hides them (the ratings: `STARS`), else its value name (`PATH`), else its name.
fn value(arg: &Arg) -> String {
    let possible: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !possible.is_empty() && !arg.is_hide_possible_values_set() && !arg.is_positional() {
        return possible.join("|");
    }
    match arg.get_value_names() {
        Some(names) => names
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(" "),
        None => arg.get_id().as_str().to_uppercase(),
    }
}

/// An argument as the synopsis writes it: `[--rating STARS]`, `FILM`, `[--spoiler]`.
fn synopsis_word(arg: &Arg) -> String {
    let word = match arg.get_long() {
        Some(long) if is_switch(arg) => format!("\\fB\\-\\-{}\\fR", escape(long)),
        Some(long) => format!(
            "\\fB\\-\\-{}\\fR \\fI{}\\fR",
            escape(long),
            escape(&value(arg))
        ),
        None => format!("\\fI{}\\fR", escape(&value(arg))),
    };
    let word = match arg.get_short() {
        Some(short) if arg.get_long().is_none() => format!("\\fB\\-{short}\\fR {word}"),
        _ => word,
    };
    match arg.is_required_set() {
        true => word,
        false => format!("[{word}]"),
    }
}

/// The arguments a page shows of `cmd`: its own, less help, version and hidden ones.
pub fn arguments(cmd: &Command) -> Vec<&Arg> {
    cmd.get_arguments()
        .filter(|a| !a.is_hide_set())
        .filter(|a| !matches!(a.get_id().as_str(), "help" | "version"))
        .collect()
}

/// One synopsis line: `marquee log FILM [--rating STARS] …`, its arguments in their order
/// (positionals first), and `COMMAND` when it has commands of its own.
pub fn synopsis_line(name: &str, cmd: &Command, only: impl Fn(&Arg) -> bool) -> String {
    let mut words = vec![format!("\\fB{}\\fR", escape(name))];
    let args = arguments(cmd);
    words.extend(
        args.iter()
            .filter(|a| a.is_positional())
            .map(|a| synopsis_word(a)),
    );
    words.extend(
        args.iter()
            .filter(|a| !a.is_positional() && only(a))
            .map(|a| synopsis_word(a)),
    );
    format!("{}\n.br\n", words.join(" "))
}

/// An argument's entry in OPTIONS: its flags and value, then its help, its possible
/// values, its default and the environment variable that sets it.
pub fn option(arg: &Arg) -> String {
    let mut head = match (arg.get_short(), arg.get_long()) {
        (Some(short), Some(long)) => format!("\\fB\\-{short}\\fR, \\fB\\-\\-{}\\fR", escape(long)),
        (None, Some(long)) => format!("\\fB\\-\\-{}\\fR", escape(long)),
        (Some(short), None) => format!("\\fB\\-{short}\\fR"),
        (None, None) => String::new(),
    };
    if arg.is_positional() {
        head = format!("\\fI{}\\fR", escape(&value(arg)));
    } else if !is_switch(arg) {
        head.push_str(&format!(" \\fI{}\\fR", escape(&value(arg))));
    }
    let help = arg
        .get_long_help()
        .or_else(|| arg.get_help())
        .map(|h| h.to_string())
        .unwrap_or_default();
    let mut out = format!(".TP\n{head}\n{}", paragraphs(&help));
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|d| d.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !is_switch(arg) {
        out.push_str(&format!(
            ".br\nDefault: {}.\n",
            escape(&defaults.join(", "))
        ));
    }
    if let Some(env) = arg.get_env() {
        let env = env.to_string_lossy();
        out.push_str(&format!(
            ".br\nOr the environment variable \\fB{}\\fR.\n",
            escape(&env)
        ));
    }
    out
}
