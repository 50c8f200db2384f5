//! Signals in a real terminal: SIGTERM, SIGHUP, SIGINT and SIGQUIT sent with `kill` leave the
//! terminal as it was (cooked mode, main screen, cursor shown) and `wh` exits with 128 + n;
//! SIGTSTP from outside suspends like ctrl-z and `fg` comes back. While a workspace is still
//! loading, the loading frame shows and `q` and signals are answered.

use crate::support::tmux as tmux_support;

use crate::support::sample_dir as sample;
use tmux_support::{shell_quote, Tmux};

/// Starts the cockpit on `dir` from the shell, waits until `ready` is on screen, sends `sig`,
/// and checks the exit code and the terminal the shell gets back.
fn signal_restores_the_terminal(
    sig: i32,
    dir: &std::path::Path,
    ready: &str,
    env: &[(&str, &str)],
) {
    let Some(t) = Tmux::start_shell(100, 30, env) else {
        return;
    };
    t.line(&format!(
        "$WH -C {}; echo \"rc=$?\"",
        shell_quote(&dir.to_string_lossy())
    ));
    t.wait_for(ready);
    assert_eq!(
        t.format("#{alternate_on}"),
        "1",
        "the cockpit is on the alternate screen"
    );
    let pid = t.child_pid();
    // SAFETY: kill() only sends a signal to the process we started in the pane.
    assert_eq!(unsafe { libc::kill(pid, sig) }, 0);
    let rc = format!("rc={}", 128 + sig);
    t.wait_for(&rc);
    assert_eq!(t.format("#{alternate_on}"), "0", "back on the main screen");
    assert_eq!(t.format("#{cursor_flag}"), "1", "cursor shown");
    assert_eq!(t.format("#{mouse_any_flag}"), "0", "mouse capture off");
    // the shell's next command sees the terminal wh found: canonical mode with echo
    t.line("stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | sort | tr '\\n' ' '; echo '<stty'");
    let s = t.wait_for("<stty\n");
    let modes = s
        .lines()
        .find(|l| l.ends_with("<stty") && !l.contains("grep"))
        .unwrap_or_default();
    assert_eq!(
        modes, "echo icanon <stty",
        "terminal modes after signal {sig}:\n{s}"
    );
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    signal_restores_the_terminal(libc::SIGTERM, &sample(), "Lotus Members Club", &[]);
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    signal_restores_the_terminal(libc::SIGHUP, &sample(), "Lotus Members Club", &[]);
}

#[test]
fn sigint_sent_with_kill_restores_the_terminal_and_exits_130() {
    signal_restores_the_terminal(libc::SIGINT, &sample(), "Lotus Members Club", &[]);
}

#[test]
fn sigquit_restores_the_terminal_and_exits_131() {
    signal_restores_the_terminal(libc::SIGQUIT, &sample(), "Lotus Members Club", &[]);
}

/// The rarer signals whose default action ends the process (a stray `kill -USR1`, an alarm, a
/// CPU limit) restore the terminal as well: the default action would leave it raw.
#[test]
fn sigusr1_sigusr2_sigalrm_and_sigxcpu_restore_the_terminal() {
    for sig in [libc::SIGUSR1, libc::SIGUSR2, libc::SIGALRM, libc::SIGXCPU] {
        signal_restores_the_terminal(sig, &sample(), "Lotus Members Club", &[]);
    }
}

/// `kill -ABRT` from outside, and on Linux SIGPWR and a real-time signal, too.
#[test]
fn sigabrt_sigpwr_and_a_real_time_signal_restore_the_terminal() {
    #[allow(unused_mut)]
    let mut sigs = vec![libc::SIGABRT];
    #[cfg(target_os = "linux")]
    sigs.extend([libc::SIGPWR, libc::SIGRTMIN() + 1]);
    for sig in sigs {
        signal_restores_the_terminal(sig, &sample(), "Lotus Members Club", &[]);
    }
}

/// A workspace whose load takes minutes: each file's read waits (the loader's test hook).
fn endless_load() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wheelhouse.toml"),
        "[workspace]\nname = \"slow\"\nformat = 1\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("decisions")).unwrap();
    std::fs::write(
        dir.path().join("decisions/0001-slow.toml"),
        "[adr]\nnumber = 1\ntitle = \"Slow\"\nstatus = \"accepted\"\n",
    )
    .unwrap();
    dir
}

/// What makes the load above take its time.
const SLOW: (&str, &str) = ("WH_TEST_LOAD_PAUSE_MS", "600000");

#[test]
fn a_signal_while_loading_restores_the_terminal() {
    let dir = endless_load();
    signal_restores_the_terminal(libc::SIGTERM, dir.path(), "loading", &[SLOW]);
}

#[test]
fn q_leaves_while_loading_and_the_frame_says_what_it_does() {
    let dir = endless_load();
    let Some(t) = Tmux::start_shell(100, 30, &[SLOW]) else {
        return;
    };
    t.line(&format!(
        "$WH -C {}; echo \"rc=$?\"",
        shell_quote(&dir.path().to_string_lossy())
    ));
    let s = t.wait_for("reading files ");
    assert!(s.contains("loading") && s.contains("/2"), "{s}");
    // the frame moves on: the elapsed time counts
    t.wait_for(" 1.");
    t.keys(&["q"]);
    t.wait_for("rc=0");
    assert_eq!(t.format("#{alternate_on}"), "0");
}

#[test]
fn sigtstp_from_outside_suspends_and_fg_comes_back() {
    let Some(t) = Tmux::start_shell(100, 30, &[]) else {
        return;
    };
    // alone on its line: a list would go on to its next command when the job stops
    t.line(&format!(
        "$WH -C {}",
        shell_quote(&sample().to_string_lossy())
    ));
    t.wait_for("Lotus Members Club");
    let pid = t.child_pid();
    // SAFETY: as above.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTSTP) }, 0);
    t.wait("the shell's job notice", |s| s.contains("Stopped"));
    assert_eq!(t.format("#{alternate_on}"), "0");
    assert_eq!(t.format("#{cursor_flag}"), "1");
    t.line("fg");
    t.wait("the cockpit again", |s| {
        s.lines().next().unwrap_or_default().contains("1 Flywheel")
    });
    assert_eq!(t.format("#{alternate_on}"), "1");
    t.keys(&["q"]);
    t.wait("the shell again", |s| !s.contains("Lotus Members Club"));
    t.line("echo \"rc=$?\"");
    t.wait_for("rc=0");
}

#[test]
fn a_move_under_way_at_sigterm_is_written_not_dropped() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("ws");
    let status = std::process::Command::new("cp")
        .arg("-r")
        .arg(sample())
        .arg(&root)
        .status()
        .unwrap();
    assert!(status.success());
    let Some(t) = Tmux::start_shell(100, 30, &[]) else {
        return;
    };
    t.line(&format!(
        "$WH -C {}; echo \"rc=$?\"",
        shell_quote(&root.to_string_lossy())
    ));
    t.wait_for("Lotus Members Club");
    t.keys(&["4"]);
    t.wait_for("v 0.96 e 0.42");
    t.keys(&["m", "l", "l"]);
    t.wait_for("evo 0.44");
    let pid = t.child_pid();
    // SAFETY: kill() only sends a signal to the process we started in the pane.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    t.wait_for("rc=143");
    let text = std::fs::read_to_string(root.join("maps/market.toml")).unwrap();
    assert!(text.contains("evolution = 0.44"), "{text}");
}
