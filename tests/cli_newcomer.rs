//! The mistakes of a user's first hour get a message that says what to do instead.

mod support;

use support::{stderr, wh};

#[test]
fn a_mistyped_command_gets_did_you_mean_not_a_missing_folder() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["adrr"][..], &["ard", "list"]] {
        let out = wh(dir.path(), args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("unrecognized subcommand"), "{args:?}: {err}");
        assert!(err.contains("'adr'"), "{args:?}: suggests adr: {err}");
        assert!(!err.contains("No such file"), "{args:?}: {err}");
    }
}

#[test]
fn a_missing_workspace_folder_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nonexistent");
    let missing = missing.to_str().unwrap();
    for args in [vec!["-C", missing], vec!["-C", missing, "adr", "list"]] {
        let out = wh(dir.path(), &args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.contains("workspace folder") && err.contains("does not exist"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn the_cockpit_without_a_terminal_says_so_and_suggests_ssh_t() {
    // `ssh host wh`: stdin and stdout are pipes
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let config = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_wh"))
        .arg("-C")
        .arg(&sample)
        .env("WHEELHOUSE_CONFIG_DIR", config.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("needs a terminal") && err.contains("ssh -t"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "the terminal was not touched");
}
