//! Every command whose reader stops early (`wh … | head -1`) ends quietly: no panic, no
//! "failed printing to stdout", no error message, exit 0. Runs the real binary with a pipe
//! whose reading end is closed before the command writes.

use crate::support::wh_command;
use std::path::Path;
use std::process::Stdio;

/// Runs `args` with stdout closed at once; returns (success, stderr).
fn closed_early(dir: &Path, args: &[&str]) -> (bool, String) {
    let mut child = wh_command(dir, &[])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end: the command's first write meets a broken pipe.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_reader_that_stops_early_ends_every_command_quietly() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    let status = wh_command(tmp.path(), &[])
        .args(["init", ws.to_str().unwrap(), "--sample"])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let md = tmp.path().join("md");
    std::fs::create_dir(&md).unwrap();
    std::fs::write(
        md.join("0042-use-pipes.md"),
        "# 42. Use pipes\n\n## Status\n\nAccepted\n\n## Context\n\nx\n\n## Decision\n\ny\n",
    )
    .unwrap();
    let owm = tmp.path().join("m.owm");
    std::fs::write(&owm, "title Tea\ncomponent Cup [0.7, 0.4]\n").unwrap();

    let commands: &[&[&str]] = &[
        &["export", "map", "serving", "--format", "svg"],
        &["export", "map", "serving", "--format", "owm"],
        &["export", "adr", "5", "--format", "madr"],
        &["export", "workspace"],
        &["adr", "show", "5"],
        &["adr", "show", "5", "--json"],
        &["adr", "list"],
        &["adr", "search", "serverless"],
        &["check"],
        &["check", "--format", "json"],
        &["import", "adr", md.to_str().unwrap()],
        &["import", "owm", owm.to_str().unwrap(), "--id", "tea"],
        &["adr", "new", "Piped"],
    ];
    for args in commands {
        let (ok, stderr) = closed_early(&ws, args);
        assert!(
            !stderr.contains("panicked") && !stderr.contains("failed printing"),
            "wh {args:?}: {stderr}"
        );
        assert!(!stderr.contains("Broken pipe"), "wh {args:?}: {stderr}");
        // `check` exits 1 on errors and `adr search` on no match; the sample has neither.
        assert!(ok, "wh {args:?} failed: {stderr}");
    }
}
