//! `wh init`: a skeleton that checks clean, the embedded sample, and no overwriting.

use crate::support::wh_bin as wh;
use std::io::Write as _;
use std::path::PathBuf;

use wheelhouse::workspace::{PhaseStatus, Workspace};

#[test]
fn init_makes_a_skeleton_that_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("strategy");
    let out = wh().arg("init").arg(&target).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for sub in ["impact", "maps", "decisions"] {
        assert!(target.join(sub).is_dir(), "{sub}");
    }
    let ws = Workspace::open(&target).unwrap();
    assert!(ws.diagnostics.is_empty(), "{:#?}", ws.diagnostics);
    assert_eq!(ws.meta.name, "strategy");
    assert_eq!(ws.phases.len(), 4);
    assert!(ws
        .phases
        .iter()
        .all(|p| p.status == PhaseStatus::NotStarted && p.origin.line > 0));
    let check = wh().arg("check").arg(&target).output().unwrap();
    assert_eq!(check.status.code(), Some(0));
}

#[test]
fn init_refuses_an_existing_workspace_and_touches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wheelhouse.toml"), "# mine\n").unwrap();
    for sample in [false, true] {
        let mut cmd = wh();
        cmd.arg("init").arg(dir.path());
        if sample {
            cmd.arg("--sample");
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&out.stderr).contains("already a workspace"));
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("wheelhouse.toml")).unwrap(),
        "# mine\n"
    );
    assert!(!dir.path().join("decisions").exists());
}

#[test]
fn init_sample_copies_the_embedded_sample_byte_for_byte() {
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    if !sample.is_dir() {
        let _ = writeln!(std::io::stderr(), "note: sample-data/ absent; skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // run from elsewhere: the sample comes from the binary, not from the repository
    let out = wh()
        .current_dir(dir.path())
        .args(["init", "copy", "--sample"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let copy = dir.path().join("copy");
    let mut n = 0;
    let mut stack = vec![sample.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let rel = p.strip_prefix(&sample).unwrap();
            assert_eq!(
                std::fs::read(&p).unwrap(),
                std::fs::read(copy.join(rel)).unwrap(),
                "{}",
                rel.display()
            );
            n += 1;
        }
    }
    assert!(n > 5);
    let check = wh().arg("check").arg(&copy).output().unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn init_sample_refuses_when_any_sample_file_is_already_there() {
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    if !sample.is_dir() {
        let _ = writeln!(std::io::stderr(), "note: sample-data/ absent; skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let first = std::fs::read_dir(sample.join("decisions"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    std::fs::create_dir(dir.path().join("decisions")).unwrap();
    let mine = dir.path().join("decisions").join(first.file_name());
    std::fs::write(&mine, "mine").unwrap();
    let out = wh()
        .arg("init")
        .arg(dir.path())
        .arg("--sample")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not writing over it"));
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "mine");
    assert!(!dir.path().join("wheelhouse.toml").exists());
}
