//! `wh` with no command outside a workspace: a clear message, exit 1, the terminal untouched.

use std::process::Command;

#[test]
fn no_workspace_says_so_without_touching_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_wh"))
        .arg("-C")
        .arg(dir.path())
        .env("WHEELHOUSE_CONFIG_DIR", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no wheelhouse workspace"), "{err}");
    assert!(err.contains("wh init"), "says how to make one: {err}");
    assert!(out.stdout.is_empty(), "nothing written to the terminal");
    assert!(!err.contains('\u{1b}'));
}

#[test]
fn unknown_theme_fails_before_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let out = Command::new(env!("CARGO_BIN_EXE_wh"))
        .arg("-C")
        .arg(&sample)
        .args(["--theme", "no-such-theme"])
        .env("WHEELHOUSE_CONFIG_DIR", dir.path())
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown theme `no-such-theme`"), "{err}");
    assert!(out.stdout.is_empty());
}
