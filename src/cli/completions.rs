//! `marquee completions SHELL`: clap's script for the shell, every option and every
//! fixed value (`reviews --sort <TAB>`), and for bash and fish, a film argument completing
//! to the slugs of the films in the database (`marquee films --slugs`).

use clap::CommandFactory;
use clap_complete::Shell;

use super::Args;

/// The script for `shell`.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Args::command(), "marquee", &mut script);
    match shell {
        Shell::Bash => script.extend_from_slice(BASH_FILMS.as_bytes()),
        Shell::Fish => script.extend_from_slice(FISH_FILMS.as_bytes()),
        _ => {}
    }
    script
}

/// Bash: where a film goes (`log FILM`, `reviews FILM`, `watchlist add FILM`, after
/// `--film`), the films' slugs from the database the command line names; anything else
/// as clap's function completes it.
const BASH_FILMS: &str = r#"
# Film arguments complete to the slugs of the films in the database.
_marquee_with_films() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
    local command="" at=0 i
    local -a db=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${COMP_WORDS[i]}" in
            --db|--config) db+=("${COMP_WORDS[i]}" "${COMP_WORDS[i+1]}"); ((i++)) ;;
            --color|--film) ((i++)) ;;
            -*) ;;
            *) if [[ -z $command ]]; then command="${COMP_WORDS[i]}"; at=$i; fi ;;
        esac
    done
    local film=0
    if [[ $prev == --film ]]; then
        film=1
    elif [[ $cur != -* ]]; then
        case "$command" in
            log|reviews) ((COMP_CWORD == at + 1)) && film=1 ;;
            watchlist)
                if ((COMP_CWORD == at + 2)) && [[ ${COMP_WORDS[at+1]} == add || ${COMP_WORDS[at+1]} == remove ]]; then
                    film=1
                fi ;;
        esac
    fi
    if ((film)); then
        local IFS=$'\n'
        COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" "${db[@]}" --read-only films --slugs 2>/dev/null)" -- "$cur"))
        return 0
    fi
    _marquee "$@"
}
if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _marquee_with_films -o nosort -o bashdefault -o default marquee
else
    complete -F _marquee_with_films -o bashdefault -o default marquee
fi
"#;

/// Fish: the same places, the same slugs.
const FISH_FILMS: &str = r#"
# Film arguments complete to the slugs of the films in the database.
complete -c marquee -n "__fish_seen_subcommand_from log reviews; and test (count (commandline -opc)) -eq 2" -f -a "(marquee --read-only films --slugs 2>/dev/null)"
complete -c marquee -n "__fish_seen_subcommand_from add remove" -f -a "(marquee --read-only films --slugs 2>/dev/null)"
complete -c marquee -l film -f -a "(marquee --read-only films --slugs 2>/dev/null)"
"#;
