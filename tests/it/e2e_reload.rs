//! Live reload in a real terminal: a decision's title changed on disk while the cockpit runs is
//! on screen within a second, with the native watcher and with the polling fallback.

use crate::support::copy_dir;
use crate::support::tmux as tmux_support;

use std::time::{Duration, Instant};

use crate::support::sample_dir as sample;
use tmux_support::{shell_quote, Tmux};

/// Changes ADR 3's title under the running cockpit; returns how long until the screen shows it.
fn title_change_shows(watch: &str) -> Option<Duration> {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&sample(), dir.path());
    let t = Tmux::start_shell(120, 30, &[("WHEELHOUSE_WATCH", watch)])?;
    t.line(&format!(
        "$WH -C {}",
        shell_quote(&dir.path().to_string_lossy())
    ));
    t.wait_for("Lotus Members Club");
    t.keys(&["3"]);
    t.wait_for("Decisions 10/10");
    t.keys(&["j", "j"]);
    t.wait_for("ADR-0003");
    t.wait_for("Containerise rendering on Kubernetes");
    let file = dir
        .path()
        .join("decisions/0003-containerise-rendering-on-kubernetes.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    // as an editor saves: a new file renamed over the old one
    let tmp = dir.path().join("decisions/.0003.swp");
    std::fs::write(
        &tmp,
        text.replacen("on Kubernetes\"", "on Nomad clusters\"", 1),
    )
    .unwrap();
    let changed = Instant::now();
    std::fs::rename(&tmp, &file).unwrap();
    // the new title, and the status bar saying what was read (one frame; tmux may show a frame
    // half-written, so both are waited for)
    let s = t.wait("the new title and the reload message", |s| {
        s.contains("Containerise rendering on Nomad clusters")
            && s.contains("reloaded decisions/0003-containerise")
    });
    let took = changed.elapsed();
    assert!(s.contains("ADR-0003"), "still on the same record: {s}");
    t.keys(&["q"]);
    t.wait("the shell again", |s| !s.contains("Lotus Members Club"));
    Some(took)
}

#[test]
fn a_title_changed_on_disk_shows_within_a_second() {
    if let Some(took) = title_change_shows("native") {
        assert!(took < Duration::from_secs(1), "took {took:?}");
    }
}

#[test]
fn the_polling_fallback_follows_changes_too() {
    // polls every second, then the same 150 ms debounce
    if let Some(took) = title_change_shows("poll") {
        assert!(took < Duration::from_secs(3), "took {took:?}");
    }
}

/// With the watcher off, only `R` and coming back with `fg` read the files again.
#[test]
fn without_a_watcher_r_and_fg_read_the_files_again() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&sample(), dir.path());
    let Some(t) = Tmux::start_shell(120, 30, &[("WHEELHOUSE_WATCH", "off")]) else {
        return;
    };
    t.line(&format!(
        "$WH -C {}",
        shell_quote(&dir.path().to_string_lossy())
    ));
    t.wait_for("Lotus Members Club");
    t.keys(&["3", "j", "j"]);
    t.wait_for("ADR-0003");
    let rel = "decisions/0003-containerise-rendering-on-kubernetes.toml";
    let retitle = |to: &str| {
        let file = dir.path().join(rel);
        let text = std::fs::read_to_string(&file).unwrap();
        let start = text.find("title = \"").unwrap();
        let end = start + text[start..].find('\n').unwrap();
        let new = format!("{}title = \"{to}\"{}", &text[..start], &text[end..]);
        std::fs::write(&file, new).unwrap();
    };
    retitle("Retitled while running");
    // nothing watches: the old title stays until R
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(t.screen().contains("Containerise rendering on Kubernetes"));
    t.keys(&["R"]);
    t.wait("the title R read", |s| {
        s.contains("Retitled while running") && s.contains("reloaded the workspace")
    });
    // changed while suspended: read again on `fg`
    t.keys(&["C-z"]);
    t.wait("the shell's job notice", |s| s.contains("Stopped"));
    retitle("Retitled while suspended");
    t.line("fg");
    let s = t.wait("the title fg read", |s| {
        s.contains("Retitled while suspended") && s.contains("reloaded the workspace")
    });
    assert!(s.contains("ADR-0003"), "still on the same record: {s}");
    t.keys(&["q"]);
    t.wait("the shell again", |s| !s.contains("Lotus Members Club"));
}
