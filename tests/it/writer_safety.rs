//! The writer's safety rules, in process: the last look before a rename, the lock, the journal
//! of multi-file patches, symbolic links out of the workspace, read-only files, temp files.

use std::fs;
use std::path::{Path, PathBuf};

use wheelhouse::workspace::writer::{self, FileChange, Patch};
use wheelhouse::workspace::{Workspace, WorkspaceError};

const RECORD: &str = "[adr]\nnumber = 1\ntitle = \"One\"\nstatus = \"accepted\"\n";

/// A minimal workspace with one record; returns the temp dir and the record's path.
fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("wheelhouse.toml"),
        "[workspace]\nname = \"t\"\n",
    )
    .unwrap();
    fs::create_dir_all(dir.path().join("decisions")).unwrap();
    let rel = PathBuf::from("decisions/0001-one.toml");
    fs::write(dir.path().join(&rel), RECORD).unwrap();
    (dir, rel)
}

fn change(rel: &Path, before: Option<&str>, after: Option<&str>) -> FileChange {
    FileChange {
        rel: rel.to_path_buf(),
        before: before.map(str::to_string),
        after: after.map(str::to_string),
    }
}

/// Names of the files in `dir` (not recursive), sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn temp_files(dir: &Path) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

// ---------------------------------------------------------------- item 3: the last look

#[test]
fn an_edit_made_while_the_temp_file_is_synced_is_not_overwritten() {
    let (dir, rel) = workspace();
    let theirs = RECORD.replace("One", "Theirs");
    let patch = Patch {
        changes: vec![change(
            &rel,
            Some(RECORD),
            Some(&RECORD.replace("One", "Mine")),
        )],
    };
    let err = writer::commit_with_hook(dir.path(), &patch, &|path| {
        fs::write(path, &theirs).unwrap();
    })
    .unwrap_err();
    assert!(matches!(err, WorkspaceError::ChangedOnDisk { .. }), "{err}");
    assert!(err.to_string().contains("0001-one.toml"), "{err}");
    assert_eq!(fs::read_to_string(dir.path().join(&rel)).unwrap(), theirs);
    assert!(temp_files(&dir.path().join("decisions")).is_empty());
}

#[test]
fn an_edit_that_keeps_size_and_time_is_still_seen() {
    let (dir, rel) = workspace();
    // Same length, and the modification time put back: only the bytes tell.
    let theirs = RECORD.replace("One", "Two");
    assert_eq!(theirs.len(), RECORD.len());
    let patch = Patch {
        changes: vec![change(&rel, Some(RECORD), Some("[adr]\nnumber = 1\n"))],
    };
    let err = writer::commit_with_hook(dir.path(), &patch, &|path| {
        let f = fs::OpenOptions::new().write(true).open(path).unwrap();
        let time = f.metadata().unwrap().modified().unwrap();
        std::io::Write::write_all(&mut &f, theirs.as_bytes()).unwrap();
        f.set_modified(time).unwrap();
    })
    .unwrap_err();
    assert!(matches!(err, WorkspaceError::ChangedOnDisk { .. }), "{err}");
    assert_eq!(fs::read_to_string(dir.path().join(&rel)).unwrap(), theirs);
}

#[test]
fn a_later_file_changed_during_a_patch_puts_the_earlier_one_back() {
    let (dir, rel) = workspace();
    let new_rel = PathBuf::from("decisions/0002-two.toml");
    let patch = Patch {
        changes: vec![
            change(&new_rel, None, Some("[adr]\nnumber = 2\n")),
            change(&rel, Some(RECORD), Some("[adr]\nnumber = 1\n# mine\n")),
        ],
    };
    let theirs = format!("{RECORD}# theirs\n");
    let target = fs::canonicalize(dir.path().join(&rel)).unwrap();
    let err = writer::commit_with_hook(dir.path(), &patch, &|path| {
        if path == target {
            fs::write(path, &theirs).unwrap();
        }
    })
    .unwrap_err();
    assert!(matches!(err, WorkspaceError::ChangedOnDisk { .. }), "{err}");
    assert!(!dir.path().join(&new_rel).exists(), "the new file stayed");
    assert_eq!(fs::read_to_string(dir.path().join(&rel)).unwrap(), theirs);
    assert!(writer::pending_journal(dir.path()).is_none());
    assert!(temp_files(&dir.path().join("decisions")).is_empty());
}

// ---------------------------------------------------------------- item 4: the journal

#[test]
fn a_multi_file_commit_leaves_no_journal_lock_or_temp_file() {
    let (dir, rel) = workspace();
    let before = names(dir.path());
    let patch = Patch {
        changes: vec![
            change(
                Path::new("decisions/0002-two.toml"),
                None,
                Some("[adr]\nnumber = 2\n"),
            ),
            change(&rel, Some(RECORD), Some("[adr]\nnumber = 1\n")),
        ],
    };
    writer::commit(dir.path(), &patch).unwrap();
    assert_eq!(names(dir.path()), before);
    assert_eq!(
        names(&dir.path().join("decisions")),
        ["0001-one.toml", "0002-two.toml"]
    );
    // and the inverse puts everything back
    writer::commit(dir.path(), &patch.inverse()).unwrap();
    assert_eq!(names(&dir.path().join("decisions")), ["0001-one.toml"]);
    assert_eq!(fs::read_to_string(dir.path().join(&rel)).unwrap(), RECORD);
}

/// The state a kill between the two writes of a patch leaves: the journal, the first file
/// written, the second not, and a temp file of the second.
fn half_written(dir: &Path, rel: &Path) -> PathBuf {
    let journal = dir.join(".wheelhouse-journal");
    let text = serde_json::json!({
        "wheelhouse_journal": 1,
        "changes": [
            {"rel": "decisions/0002-two.toml", "before": null, "after": "[adr]\nnumber = 2\n"},
            {"rel": rel.to_str().unwrap(), "before": RECORD, "after": "[adr]\nnumber = 1\n"},
        ]
    });
    fs::write(&journal, text.to_string()).unwrap();
    fs::write(dir.join("decisions/0002-two.toml"), "[adr]\nnumber = 2\n").unwrap();
    // pid above the kernel's limit: a process that is gone
    fs::write(
        dir.join("decisions/.0001-one.toml.wh-4194999-3.tmp"),
        "half",
    )
    .unwrap();
    journal
}

#[test]
fn the_next_lock_rolls_an_interrupted_patch_back_and_cleans_up() {
    let (dir, rel) = workspace();
    let journal = half_written(dir.path(), &rel);
    // reading reports it and writes nothing
    let ws = Workspace::open(dir.path()).unwrap();
    assert!(ws.diagnostics.iter().any(|d| d.code == "interrupted-write"));
    assert!(journal.exists());
    assert_eq!(writer::pending_journal(dir.path()), Some(journal.clone()));

    let lock = writer::lock(dir.path()).unwrap();
    assert_eq!(lock.recovered().len(), 1, "{:?}", lock.recovered());
    assert!(lock.recovered()[0].contains("0002-two.toml"));
    drop(lock);
    assert!(!journal.exists());
    assert_eq!(names(&dir.path().join("decisions")), ["0001-one.toml"]);
    assert_eq!(fs::read_to_string(dir.path().join(&rel)).unwrap(), RECORD);
    let ws = Workspace::open(dir.path()).unwrap();
    assert!(ws.diagnostics.iter().all(|d| d.code != "interrupted-write"));
}

#[test]
fn rolling_back_leaves_a_file_changed_since_the_interruption() {
    let (dir, rel) = workspace();
    half_written(dir.path(), &rel);
    let edited = "[adr]\nnumber = 2\ntitle = \"edited after the crash\"\n";
    fs::write(dir.path().join("decisions/0002-two.toml"), edited).unwrap();
    let lock = writer::lock(dir.path()).unwrap();
    assert!(
        lock.recovered()
            .iter()
            .any(|n| n.contains("0002-two.toml") && n.contains("left as it is")),
        "{:?}",
        lock.recovered()
    );
    drop(lock);
    assert_eq!(
        fs::read_to_string(dir.path().join("decisions/0002-two.toml")).unwrap(),
        edited
    );
}

#[test]
fn an_unreadable_journal_stops_writes_with_a_message() {
    let (dir, rel) = workspace();
    fs::write(dir.path().join(".wheelhouse-journal"), "{ not json").unwrap();
    let err = writer::create_new(dir.path(), Path::new("decisions/0002-x.toml"), "").unwrap_err();
    assert!(err.to_string().contains("journal"), "{err}");
    assert!(!dir.path().join("decisions/0002-x.toml").exists());
    assert_eq!(fs::read_to_string(dir.path().join(&rel)).unwrap(), RECORD);
}

#[test]
fn the_lock_and_journal_live_in_git_when_the_root_is_a_repository() {
    let (dir, rel) = workspace();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let lock = writer::lock(dir.path()).unwrap();
    assert!(dir.path().join(".git/wheelhouse-lock").exists());
    assert!(!dir.path().join(".wheelhouse-lock").exists());
    drop(lock);
    // out of sight in .git, it stays; the dotfile in the root would not
    assert!(dir.path().join(".git/wheelhouse-lock").exists());
    // a pending journal is looked for there too
    half_written(dir.path(), &rel);
    fs::rename(
        dir.path().join(".wheelhouse-journal"),
        dir.path().join(".git/wheelhouse-journal"),
    )
    .unwrap();
    assert!(writer::pending_journal(dir.path()).is_some());
    writer::lock(dir.path()).unwrap();
    assert_eq!(names(&dir.path().join("decisions")), ["0001-one.toml"]);
}

#[test]
fn stale_temp_files_go_at_the_next_write_to_their_folder_and_are_never_records() {
    let (dir, _) = workspace();
    let decisions = dir.path().join("decisions");
    let stale = decisions.join(".0003-x.toml.wh-4194999-0.tmp");
    fs::write(&stale, "[adr]\nnumber = 3\ntitle = \"ghost\"\n").unwrap();
    fs::create_dir_all(dir.path().join("docs/adr")).unwrap();
    let md_stale = dir.path().join("docs/adr/.0004-y.md.wh-4194999-1.tmp");
    fs::write(&md_stale, "# 4. Ghost\n\n## Status\n\nAccepted\n").unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    assert_eq!(ws.decisions.len(), 1, "a temp file was read as a record");
    let folder =
        wheelhouse::workspace::markdown_adr::read_dir(dir.path(), Path::new("docs/adr"), 0);
    assert!(folder.records.is_empty() && folder.files.is_empty());

    writer::create_new(dir.path(), Path::new("decisions/0002-two.toml"), "").unwrap();
    assert!(!stale.exists());
    assert_eq!(temp_files(&decisions), Vec::<String>::new());
}

// ---------------------------------------------------------------- item 16: links, read-only

#[cfg(unix)]
#[test]
fn writes_never_go_through_a_link_out_of_the_workspace_but_reads_do() {
    let (dir, _) = workspace();
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("0001-out.toml"), RECORD).unwrap();
    let decisions = dir.path().join("decisions");
    fs::remove_dir_all(&decisions).unwrap();
    std::os::unix::fs::symlink(outside.path(), &decisions).unwrap();

    let ws = Workspace::open(dir.path()).unwrap();
    assert_eq!(ws.decisions.len(), 1, "reading through the link works");
    let err = writer::create_new(dir.path(), Path::new("decisions/0002-x.toml"), "").unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("decisions/0002-x.toml") && msg.contains("outside the workspace"),
        "{msg}"
    );
    let i = ws.decisions[0].origin.file;
    let err = writer::edit(dir.path(), &ws.files[i], |doc| {
        doc["adr"]["title"] = toml_edit::value("x");
        Ok(())
    })
    .unwrap_err();
    assert!(err.to_string().contains("outside the workspace"), "{err}");
    assert_eq!(names(outside.path()), ["0001-out.toml"]);
    assert_eq!(
        fs::read_to_string(outside.path().join("0001-out.toml")).unwrap(),
        RECORD
    );
}

#[cfg(unix)]
#[test]
fn a_file_linked_to_another_file_of_the_workspace_is_written_and_stays_a_link() {
    let (dir, rel) = workspace();
    fs::create_dir_all(dir.path().join("shared")).unwrap();
    fs::rename(
        dir.path().join(&rel),
        dir.path().join("shared/0001-one.toml"),
    )
    .unwrap();
    std::os::unix::fs::symlink("../shared/0001-one.toml", dir.path().join(&rel)).unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let i = ws.decisions[0].origin.file;
    writer::edit(dir.path(), &ws.files[i], |doc| {
        doc["adr"]["title"] = toml_edit::value("Linked");
        Ok(())
    })
    .unwrap();
    assert!(fs::symlink_metadata(dir.path().join(&rel))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(fs::read_to_string(dir.path().join("shared/0001-one.toml"))
        .unwrap()
        .contains("Linked"));
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_not_replaced_nor_deleted() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, rel) = workspace();
    let path = dir.path().join(&rel);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let i = ws.decisions[0].origin.file;
    let err = writer::edit(dir.path(), &ws.files[i], |doc| {
        doc["adr"]["title"] = toml_edit::value("x");
        Ok(())
    })
    .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("0001-one.toml") && msg.contains("read-only"),
        "{msg}"
    );
    let delete = Patch {
        changes: vec![change(&rel, Some(RECORD), None)],
    };
    assert!(writer::commit(dir.path(), &delete)
        .unwrap_err()
        .to_string()
        .contains("read-only"));
    assert_eq!(fs::read_to_string(&path).unwrap(), RECORD);
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

#[test]
fn a_patch_path_that_climbs_out_is_refused() {
    let (dir, _) = workspace();
    let patch = Patch {
        changes: vec![change(Path::new("../escape.toml"), None, Some("x"))],
    };
    let err = writer::commit(dir.path(), &patch).unwrap_err();
    assert!(err.to_string().contains("not a path inside"), "{err}");
    assert!(!dir.path().parent().unwrap().join("escape.toml").exists());
}

// ---------------------------------------------------------------- item 2: the lock, in process

#[test]
fn threads_allocating_under_the_lock_get_distinct_names() {
    let (dir, _) = workspace();
    let root = dir.path().to_path_buf();
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let root = root.clone();
            std::thread::spawn(move || {
                let lock = writer::lock(&root).unwrap();
                let n = fs::read_dir(root.join("decisions")).unwrap().count() + 1;
                let rel = PathBuf::from(format!("decisions/{n:04}-t.toml"));
                lock.create_new(&rel, "").unwrap();
                n
            })
        })
        .collect();
    let mut got: Vec<usize> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    got.sort();
    assert_eq!(got, (2..=9).collect::<Vec<_>>());
}

#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_put_back_keeps_the_journal_and_stops_writes() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, rel) = workspace();
    let journal = half_written(dir.path(), &rel);
    let half = dir.path().join("decisions/0002-two.toml");
    // the file to put back was made read-only after the interruption
    fs::write(&half, "[adr]\nnumber = 1\n").unwrap();
    fs::rename(&half, dir.path().join(&rel)).unwrap();
    fs::write(&half, "[adr]\nnumber = 2\n").unwrap();
    let path = dir.path().join(&rel);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let err = writer::lock(dir.path()).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("cannot be rolled back") && msg.contains("read-only"),
        "{msg}"
    );
    assert!(journal.exists());
    // once the file is writable again, the next write settles everything
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let lock = writer::lock(dir.path()).unwrap();
    assert_eq!(lock.recovered().len(), 2, "{:?}", lock.recovered());
    drop(lock);
    assert!(!journal.exists());
    assert_eq!(names(&dir.path().join("decisions")), ["0001-one.toml"]);
    assert_eq!(fs::read_to_string(&path).unwrap(), RECORD);
}

#[test]
fn locking_twice_on_one_thread_is_refused_at_once_not_a_hang() {
    let (dir, _) = workspace();
    let lock = writer::lock(dir.path()).unwrap();
    let started = std::time::Instant::now();
    let err = writer::create_new(dir.path(), Path::new("decisions/0002-x.toml"), "").unwrap_err();
    assert!(
        err.to_string().contains("already holds the write lock"),
        "{err}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    // through the lock it works; after it, the plain call too
    lock.create_new(Path::new("decisions/0002-x.toml"), "")
        .unwrap();
    drop(lock);
    writer::create_new(dir.path(), Path::new("decisions/0003-x.toml"), "").unwrap();
}
