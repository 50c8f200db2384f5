//! `TERM=dumb wh`: the cockpit refuses in one line before it touches the terminal (no
//! alternate screen, the cursor left visible) and exits non-zero; the printing commands work.

use crate::support::sample_dir;
use crate::support::tmux::{shell_quote, Tmux};

#[test]
fn term_dumb_refuses_with_its_reason_and_leaves_the_terminal_alone() {
    let Some(t) = Tmux::start_shell(100, 24, &[]) else {
        return;
    };
    let sample = shell_quote(&sample_dir().to_string_lossy());
    t.line(&format!("TERM=dumb $WH -C {sample}; echo \"exit=$?\""));
    let s = t.wait("the exit code", |s| {
        s.lines().any(|l| l.starts_with("exit="))
    });
    assert!(
        s.contains("wh: the cockpit cannot draw on TERM=dumb"),
        "the reason: {s}"
    );
    assert!(s.contains("exit=1"), "non-zero: {s}");
    assert!(!s.contains("Lotus Members Club"), "no cockpit drawn: {s}");
    assert_eq!(t.format("#{alternate_on}"), "0", "no alternate screen");
    assert_eq!(t.format("#{cursor_flag}"), "1", "the cursor is visible");
    // what prints still works there
    t.line(&format!(
        "TERM=dumb $WH -C {sample} adr list | head -1; echo \"done=$?\""
    ));
    let s = t.wait("the list", |s| s.lines().any(|l| l.starts_with("done=")));
    assert!(s.contains("done=0"), "{s}");
}
