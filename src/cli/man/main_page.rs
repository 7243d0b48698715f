//! marquee(1): what the app is, the global options, the commands (each with a page of
//! its own), and what a user looks for in a manual, generated from what the app itself
//! uses: the keys from the keymap, the configuration from `config init`'s file.

use clap::Command;

use super::roff::{arguments, escape, option, paragraphs, synopsis_line, title};
use crate::tui::config::TEMPLATE;
use crate::tui::keymap::Mode;

pub fn page(marquee: &Command) -> String {
    let mut out = title("marquee");
    out.push_str(".SH NAME\nmarquee \\- film reviews in your terminal, offline\n");
    out.push_str(".SH SYNOPSIS\n");
    out.push_str(&synopsis_line("marquee", marquee, |_| true));
    out.push_str("\\fBmarquee\\fR \\fICOMMAND\\fR [\\fIOPTIONS\\fR]\n");
    out.push_str(".SH DESCRIPTION\n");
    let about = marquee
        .get_about()
        .map(|a| a.to_string())
        .unwrap_or_default();
    out.push_str(&paragraphs(&about));
    out.push_str(&paragraphs(DESCRIPTION));
    out.push_str(".SH OPTIONS\nThe global options work with every command too.\n");
    for arg in arguments(marquee) {
        out.push_str(&option(arg));
    }
    out.push_str(".SH COMMANDS\n");
    for sub in marquee.get_subcommands() {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        out.push_str(&format!(
            ".TP\n\\fBmarquee\\-{}\\fR(1)\n{}",
            escape(sub.get_name()),
            paragraphs(&about)
        ));
    }
    out.push_str(&keys());
    out.push_str(&configuration());
    out.push_str(FILES_AND_MORE);
    out.push_str(".SH \"SEE ALSO\"\n");
    let pages: Vec<String> = marquee
        .get_subcommands()
        .map(|s| format!("\\fBmarquee\\-{}\\fR(1)", escape(s.get_name())))
        .collect();
    out.push_str(&format!("{},\n\\fBsqlite3\\fR(1)\n", pages.join(",\n")));
    out
}

const DESCRIPTION: &str =
    "Without a command marquee opens the app: a film's page with its details, \
a rating histogram and its reviews, which you scroll, filter by stars, search and sort; you \
write and rate your own reviews there. Everything lives in one SQLite file that other \
programs may read and write while marquee runs.

Each command has a page of its own: marquee-log(1), marquee-reviews(1) and so on.";

/// Every mode's keys and what they do, as the help overlay lists them.
fn keys() -> String {
    let keymap = crate::tui::screens::keymap();
    let mut out = String::from(
        ".SH KEYS\nThe defaults; the config file's [keys] tables change them (see CONFIGURATION).\n",
    );
    for mode in keymap.modes().into_iter().filter(|&m| m != Mode::Help) {
        out.push_str(&format!(".SS {}\n", escape(mode.title())));
        for (keys, what) in keymap.help(mode) {
            out.push_str(&format!(
                ".TP\n\\fB{}\\fR\n{}\n",
                escape(&keys),
                escape(&what)
            ));
        }
    }
    out
}

/// The config file `marquee config init` writes, every setting in it.
fn configuration() -> String {
    let mut out = String::from(
        ".SH CONFIGURATION\nA TOML file (see FILES). \\fBmarquee config init\\fR writes this one, every \
         setting at its default and commented out; \\fBmarquee config show\\fR prints the \
         settings in effect.\n.PP\n.nf\n",
    );
    for line in TEMPLATE.lines() {
        out.push_str(&escape(line));
        out.push('\n');
    }
    out.push_str(".fi\n");
    out
}

const FILES_AND_MORE: &str = r#".SH FILES
.TP
\fI~/.local/share/marquee/marquee.db\fR
The database, one SQLite file (on Linux; \fB$XDG_DATA_HOME\fR moves it, \fB\-\-db\fR or \fBMARQUEE_DB\fR names another). Any SQLite tool can read and write it; the tables are described in docs/schema.md.
.TP
\fI~/.config/marquee/config.toml\fR
The config file (on Linux; \fB$XDG_CONFIG_HOME\fR moves it, \fB\-\-config\fR or \fBMARQUEE_CONFIG\fR names another).
.TP
\fI~/.local/state/marquee/drafts/\fR
Drafts the database could not take (on Linux; \fB$XDG_STATE_HOME\fR moves them). A crash report goes to the temporary folder, and the message names it.
.SH ENVIRONMENT
.TP
\fBMARQUEE_DB\fR, \fBMARQUEE_CONFIG\fR
The database and the config file, as \fB\-\-db\fR and \fB\-\-config\fR.
.TP
\fBNO_COLOR\fR
Any value: no colour anywhere, the plain theme.
.TP
\fBCOLORTERM\fR, \fBTERM\fR
\fBCOLORTERM=truecolor\fR (or \fB24bit\fR) allows 24\-bit colour; otherwise a \fBTERM\fR naming 256 colours gets those, and any other the 16 basic ones.
.TP
\fBVISUAL\fR, \fBEDITOR\fR
The editor \fBCtrl\-e\fR opens a review's text in.
.TP
\fBUSER\fR
The author of your reviews when the config names none (else the system's login name).
.SH EXIT STATUS
.TP
\fB0\fR
Done.
.TP
\fB1\fR
Refused for what the data says (an unknown film, an empty log, a file that is not a marquee database), or \fBmarquee check\fR found problems; nothing was written.
.TP
\fB2\fR
An argument that can't be read (a rating like 4.3, a day that does not exist or is to come); nothing was written.
.SH EXAMPLES
.TP
\fBmarquee \-\-film "Heat (1995)"\fR
Open the app on a film.
.TP
\fBmarquee import letterboxd ~/Downloads/letterboxd\-yourname.zip\fR
Bring in a whole Letterboxd history.
.TP
\fBmarquee log the\-work \-\-rating 4.5 \-\-review "Raw and moving."\fR
Log a film from a script.
.TP
\fBmarquee reviews the\-work \-\-min\-stars 4 \-\-search "fathers sons" \-\-format json\fR
Reviews as JSON, filtered and searched as in the app.
.TP
\fBmarquee export \-\-format csv \-o letterboxd.csv\fR
Your entries in Letterboxd's import format.
"#;
