//! The writer: byte-identical round trips, surgical edits, atomic saves, no clobbering.

use crate::support::copy_dir;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use wheelhouse::workspace::writer;
use wheelhouse::workspace::{AdrStatus, Workspace, WorkspaceError};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn workspace_copy(name: &str) -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(name), dir.path());
    let ws = Workspace::open(dir.path()).unwrap();
    (dir, ws)
}

fn file_index(ws: &Workspace, rel: &str) -> usize {
    ws.files
        .iter()
        .position(|f| f.path == Path::new(rel))
        .unwrap()
}

/// Every file of the folder, path → bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn saving_an_untouched_workspace_gives_identical_bytes() {
    let mut roots = vec![fixture("good")];
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    if sample.is_dir() {
        roots.push(sample);
    }
    for root in roots {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&root, dir.path());
        let before = snapshot(dir.path());
        let ws = Workspace::open(dir.path()).unwrap();
        assert!(!ws.files.is_empty());
        for f in &ws.files {
            // the toml_edit document prints back exactly what it read
            let text = std::fs::read_to_string(dir.path().join(&f.path)).unwrap();
            let doc: toml_edit::DocumentMut = text.parse().unwrap();
            assert_eq!(doc.to_string(), text, "{}", f.path.display());
            // and an edit that changes nothing writes nothing
            let hash = writer::edit(dir.path(), f, |_| Ok(())).unwrap();
            assert_eq!(hash, f.hash);
        }
        assert_eq!(snapshot(dir.path()), before, "{}", root.display());
    }
}

#[test]
fn editing_one_field_keeps_comments_and_order_elsewhere() {
    let (dir, ws) = workspace_copy("good");
    let i = file_index(&ws, "decisions/0001-record-decisions.toml");
    let before = std::fs::read_to_string(dir.path().join(&ws.files[i].path)).unwrap();
    let hash = writer::edit(dir.path(), &ws.files[i], |doc| {
        doc["adr"]["status"] = toml_edit::value("deprecated");
        Ok(())
    })
    .unwrap();
    let after = std::fs::read_to_string(dir.path().join(&ws.files[i].path)).unwrap();
    assert_eq!(
        after,
        before.replace("status = \"accepted\"", "status = \"deprecated\"")
    );
    assert!(after.starts_with("# We write decisions down.\n"));
    assert_eq!(hash, wheelhouse::workspace::load::fnv1a64(after.as_bytes()));
    // the model sees it after a reload
    let ws = ws.reload();
    assert_eq!(ws.decision(1).unwrap().status, AdrStatus::Deprecated);
}

#[test]
fn edit_file_saves_and_reloads() {
    let (_dir, mut ws) = workspace_copy("good");
    let i = file_index(&ws, "maps/serving.toml");
    ws.edit_file(i, |doc| {
        doc["component"]["cdn"]["evolution"] = toml_edit::value(0.9);
        Ok(())
    })
    .unwrap();
    assert_eq!(
        ws.map("serving")
            .unwrap()
            .component("cdn")
            .unwrap()
            .evolution,
        0.9
    );
    // the new hash is in place, so a second edit is accepted
    ws.edit_file(i, |doc| {
        doc["component"]["cdn"]["evolution"] = toml_edit::value(0.95);
        Ok(())
    })
    .unwrap();
    assert_eq!(
        ws.map("serving")
            .unwrap()
            .component("cdn")
            .unwrap()
            .evolution,
        0.95
    );
}

#[test]
fn a_failed_write_leaves_the_old_file_whole_and_no_temp_file() {
    let (dir, ws) = workspace_copy("good");
    let i = file_index(&ws, "decisions/0002-serverless.toml");
    let before = snapshot(dir.path());
    let err = writer::edit_failing_before_rename(dir.path(), &ws.files[i], |doc| {
        doc["adr"]["title"] = toml_edit::value("Half written");
        Ok(())
    })
    .unwrap_err();
    assert!(matches!(err, WorkspaceError::Io { .. }), "{err}");
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_write_into_a_read_only_folder_fails_cleanly() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, ws) = workspace_copy("good");
    let decisions = dir.path().join("decisions");
    std::fs::set_permissions(&decisions, std::fs::Permissions::from_mode(0o555)).unwrap();
    // root ignores permissions: then this test cannot fail a write, say so and stop
    if std::fs::write(decisions.join("probe"), b"x").is_ok() {
        std::fs::remove_file(decisions.join("probe")).unwrap();
        std::fs::set_permissions(&decisions, std::fs::Permissions::from_mode(0o755)).unwrap();
        let _ = writeln!(std::io::stderr(),"note: running with permission overrides (root); read-only folder test skipped, the injected-failure test covers it");
        return;
    }
    let before = snapshot(dir.path());
    let i = file_index(&ws, "decisions/0002-serverless.toml");
    let r = writer::edit(dir.path(), &ws.files[i], |doc| {
        doc["adr"]["title"] = toml_edit::value("x");
        Ok(())
    });
    std::fs::set_permissions(&decisions, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(r.is_err());
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_file_changed_on_disk_is_refused() {
    let (dir, ws) = workspace_copy("good");
    let i = file_index(&ws, "decisions/0001-record-decisions.toml");
    let path = dir.path().join(&ws.files[i].path);
    let theirs = std::fs::read_to_string(&path).unwrap() + "# someone else's edit\n";
    std::fs::write(&path, &theirs).unwrap();
    let err = writer::edit(dir.path(), &ws.files[i], |doc| {
        doc["adr"]["title"] = toml_edit::value("mine");
        Ok(())
    })
    .unwrap_err();
    assert!(matches!(err, WorkspaceError::ChangedOnDisk { .. }), "{err}");
    assert!(err.to_string().contains("changed on disk"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
}

#[test]
fn create_new_never_overwrites() {
    let (dir, _ws) = workspace_copy("good");
    let rel = Path::new("decisions/0004-new.toml");
    let body = "[adr]\nnumber = 4\ntitle = \"New\"\nstatus = \"proposed\"\n";
    let hash = writer::create_new(dir.path(), rel, body).unwrap();
    assert_eq!(std::fs::read_to_string(dir.path().join(rel)).unwrap(), body);
    assert_eq!(hash, wheelhouse::workspace::load::fnv1a64(body.as_bytes()));
    let err = writer::create_new(dir.path(), rel, "other").unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
    assert_eq!(std::fs::read_to_string(dir.path().join(rel)).unwrap(), body);
    // parent folders are made
    writer::create_new(dir.path(), Path::new("impact/sub/x.toml"), "").unwrap();
    assert!(dir.path().join("impact/sub/x.toml").is_file());
}

#[test]
fn a_broken_file_is_not_edited() {
    let (dir, _) = workspace_copy("good");
    std::fs::write(dir.path().join("decisions/0005-bad.toml"), "[adr\n").unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let i = file_index(&ws, "decisions/0005-bad.toml");
    assert!(ws.edit_file(i, |_| Ok(())).is_err());
    let err = writer::edit(dir.path(), &ws.files[i], |_| Ok(())).unwrap_err();
    assert!(
        matches!(err, WorkspaceError::Parse { line: 1, .. }),
        "{err}"
    );
}
