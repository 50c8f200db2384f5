//! The real `wh` cockpit on scale inputs (issue 13, items 6 and 7), in tmux: a chain of 10,000
//! metrics (each driving the next) and a map of 20,000 linked components draw their first frame
//! and quit on `q`. Polls the screen (no fixed sleeps); skipped, with a note, without tmux.

use std::time::Duration;

use crate::support::scale_inputs;
use crate::support::tmux::{shell_quote, Tmux};
use scale_inputs::*;

/// Generous: CI machines are slow and shared, and this is a debug build loading large files.
const TIMEOUT: Duration = Duration::from_secs(60);

/// `wh -C workspace` in a 100×30 terminal, the shell left after it exits.
fn start(workspace: &std::path::Path) -> Option<Tmux> {
    let cmd = |config: &str| {
        format!(
            "env TERM=xterm-256color WHEELHOUSE_CONFIG_DIR={} {} -C {}; echo \"wh exited $?\"; sleep 60",
            shell_quote(config),
            shell_quote(env!("CARGO_BIN_EXE_wh")),
            shell_quote(&workspace.to_string_lossy())
        )
    };
    Some(Tmux::start_command(cmd, 100, 30)?.with_timeout(TIMEOUT))
}

#[test]
fn the_cockpit_draws_a_10000_metric_chain_and_quits() {
    let dir = workspace_dir(&[("wheelhouse.toml", metric_chain(10_000))]);
    let Some(t) = start(dir.path()) else {
        return;
    };
    // the Flywheel's first pane lists the metrics with what each drives
    t.wait_for("Metric 0");
    t.wait_for("drives → metric:m1");
    t.keys(&["q"]);
    t.wait_for("wh exited 0");
}

#[test]
fn the_cockpit_draws_a_map_of_20000_linked_components_and_quits() {
    let dir = workspace_dir(&[
        ("wheelhouse.toml", ROOT.into()),
        ("maps/big.toml", linked_map(20_000)),
    ]);
    let Some(t) = start(dir.path()) else {
        return;
    };
    t.wait_for("1 Flywheel");
    t.keys(&["4"]);
    t.wait_for("Genesis");
    t.keys(&["q"]);
    t.wait_for("wh exited 0");
}
