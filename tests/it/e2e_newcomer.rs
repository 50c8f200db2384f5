//! A new user's first minutes in a real 80×24 terminal: a typo in config.toml does not stop the
//! cockpit, help is always in sight.

use crate::support::tmux as tmux_support;

use crate::support::sample_dir as sample;
use tmux_support::{shell_quote, Tmux};

/// The cockpit on the sample at 80×24 with `config` as config.toml.
fn cockpit(config: &str) -> Option<(Tmux, tempfile::TempDir)> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.toml"), config).unwrap();
    let conf = dir.path().to_string_lossy().into_owned();
    let t = Tmux::start_shell(80, 24, &[("WHEELHOUSE_CONFIG_DIR", &conf)])?;
    t.line(&format!(
        "$WH -C {}",
        shell_quote(&sample().to_string_lossy())
    ));
    Some((t, dir))
}

#[test]
fn a_keymap_typo_starts_the_cockpit_and_shows_the_problem() {
    let Some((t, _dir)) = cockpit("[keys.pane]\nfiltr = [\"x\"]\n") else {
        return;
    };
    let s = t.wait_for("Lotus Members Club");
    assert!(
        s.contains("[keys.pane]") && s.contains("filtr"),
        "the status bar says what is wrong: {s}"
    );
    t.keys(&["!"]);
    // the diagnostics list: the file, line and column of the entry
    let s = t.wait_for("config.toml:2:1");
    assert!(s.contains("[keys.pane] unknown action `filtr`"), "{s}");
    t.keys(&["Escape", "q"]);
}
