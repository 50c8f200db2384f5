//! What the terminal we were started in can do, read before it is touched: whether there is
//! one at all (`ssh host wh` has none), whether it can draw a screen (`TERM=dumb` cannot), and
//! how many colours it takes (`TERM=linux`, `vt100`, `xterm` know 16).

use std::io::IsTerminal;

/// Why the cockpit cannot start here, as one line for the user, or `None` when it can.
pub fn refusal(stdin_tty: bool, stdout_tty: bool, term: Option<&str>) -> Option<String> {
    if !stdin_tty || !stdout_tty {
        return Some(
            "the cockpit needs a terminal, and this has none (stdin or stdout is not one): \
             over ssh run `ssh -t HOST wh`, or use the commands that print, like `wh adr list`, \
             `wh check`, `wh export …`"
                .to_string(),
        );
    }
    if term == Some("dumb") {
        return Some(
            "the cockpit cannot draw on TERM=dumb (no cursor movement): run it in a full \
             terminal, or use `wh adr list`, `wh check`, `wh export …`"
                .to_string(),
        );
    }
    None
}

/// [`refusal`] for the process's own stdin, stdout and `TERM`.
pub fn refusal_here() -> Option<String> {
    let term = std::env::var("TERM").ok();
    refusal(
        std::io::stdin().is_terminal(),
        std::io::stdout().is_terminal(),
        term.as_deref(),
    )
}

/// Whether the terminal takes only the 16 named colours: unless `TERM` says 256 colours or
/// more (`*-256color`, `*-direct`) or `COLORTERM` says truecolor. The 16-colour codes mean
/// the same on every terminal, so a wrong guess towards 16 costs nothing.
pub fn sixteen_colours(term: Option<&str>, colorterm: Option<&str>) -> bool {
    if matches!(colorterm, Some("truecolor" | "24bit")) {
        return false;
    }
    match term {
        None => false,
        Some(t) => !["256color", "direct", "truecolor", "24bit"]
            .iter()
            .any(|wide| t.contains(wide)),
    }
}

/// [`sixteen_colours`] for the process's own environment.
pub fn sixteen_colours_here() -> bool {
    let term = std::env::var("TERM").ok();
    let colorterm = std::env::var("COLORTERM").ok();
    sixteen_colours(term.as_deref(), colorterm.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_terminal_suggests_ssh_t_and_the_printing_commands() {
        for (i, o) in [(false, true), (true, false), (false, false)] {
            let msg = refusal(i, o, Some("xterm")).expect("refused");
            assert!(msg.contains("needs a terminal"), "{msg}");
            assert!(msg.contains("ssh -t") && msg.contains("wh adr"), "{msg}");
            assert!(!msg.contains('\n'));
        }
    }

    #[test]
    fn dumb_terminals_are_refused_in_one_line() {
        let msg = refusal(true, true, Some("dumb")).expect("refused");
        assert!(msg.contains("TERM=dumb") && !msg.contains('\n'), "{msg}");
        for term in [None, Some("xterm"), Some("linux"), Some("xterm-256color")] {
            assert_eq!(refusal(true, true, term), None, "{term:?}");
        }
    }

    #[test]
    fn sixteen_colour_terminals_are_told_by_term() {
        for term in ["linux", "vt100", "xterm", "screen"] {
            assert!(sixteen_colours(Some(term), None), "{term}");
            assert!(!sixteen_colours(Some(term), Some("truecolor")), "{term}");
        }
        for term in ["xterm-256color", "tmux-256color", "xterm-direct"] {
            assert!(!sixteen_colours(Some(term), None), "{term}");
        }
        assert!(!sixteen_colours(None, None));
    }
}
