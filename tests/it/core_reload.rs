//! Reading changed files again without the rest (`Workspace::reload_paths`): the model ends up
//! as a full load would leave it, other files are not read, an own write is skipped by its
//! hash, and a deleted or broken file is a diagnostic.

use crate::support::copy_dir;
use std::path::{Path, PathBuf};

use wheelhouse::workspace::{Diagnostic, Workspace};

/// A fresh copy of the sample, loaded.
fn sample() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data"),
        dir.path(),
    );
    let ws = Workspace::open(dir.path()).unwrap();
    assert!(ws.error_count() == 0, "{:#?}", ws.diagnostics);
    (dir, ws)
}

const ADR3: &str = "decisions/0003-containerise-rendering-on-kubernetes.toml";

fn replace_in(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Everything the model shows, diagnostics in a total order (ties in the loader's sort are free).
fn view(ws: &Workspace) -> serde_json::Value {
    let mut ws = ws.clone();
    ws.diagnostics
        .sort_by_key(|d: &Diagnostic| (d.file.clone(), d.line, d.col, d.code, d.message.clone()));
    serde_json::to_value(&ws).unwrap()
}

/// What a full load of the same folder gives.
fn fresh(root: &Path) -> Workspace {
    Workspace::open(root).unwrap()
}

#[test]
fn a_changed_decision_is_read_again_and_the_model_is_what_a_full_load_gives() {
    let (dir, mut ws) = sample();
    let hashes: Vec<u64> = ws.files.iter().map(|f| f.hash).collect();
    replace_in(
        dir.path(),
        ADR3,
        "Containerise rendering on Kubernetes",
        "Containerise rendering on Nomad",
    );
    let report = ws.reload_paths(&[dir.path().join(ADR3)]);
    assert_eq!(report.reloaded, vec![PathBuf::from(ADR3)]);
    assert!(!report.full);
    assert_eq!(report.summary(), format!("reloaded {ADR3}"));
    assert_eq!(
        ws.decision(3).unwrap().title,
        "Containerise rendering on Nomad"
    );
    // only that file's hash moved
    for (f, before) in ws.files.iter().zip(&hashes) {
        assert_eq!(f.hash == *before, f.path != Path::new(ADR3), "{:?}", f.path);
    }
    assert_eq!(view(&ws), view(&fresh(dir.path())));
}

#[test]
fn the_same_bytes_again_are_an_own_write_and_change_nothing() {
    let (dir, mut ws) = sample();
    let before = view(&ws);
    // rewritten with identical content, as the writer does for our own edit once the model has it
    let bytes = std::fs::read(dir.path().join(ADR3)).unwrap();
    assert!(ws.is_current(Path::new(ADR3), &bytes));
    assert!(!ws.is_current(Path::new(ADR3), b"[adr]\nnumber = 3\n"));
    std::fs::write(dir.path().join(ADR3), &bytes).unwrap();
    let report = ws.reload_paths(&[PathBuf::from(ADR3)]);
    assert!(report.is_empty(), "{report:?}");
    assert_eq!(report.unchanged, vec![PathBuf::from(ADR3)]);
    assert_eq!(view(&ws), before);
}

#[test]
fn a_deleted_decision_leaves_the_model_with_a_diagnostic_and_its_referrers_dangle() {
    let (dir, mut ws) = sample();
    std::fs::remove_file(dir.path().join(ADR3)).unwrap();
    let report = ws.reload_paths(&[dir.path().join(ADR3)]);
    assert_eq!(report.removed, vec![PathBuf::from(ADR3)]);
    assert!(ws.decision(3).is_none());
    assert_eq!(ws.decisions.len(), 9);
    let deleted: Vec<_> = ws
        .diagnostics
        .iter()
        .filter(|d| d.code == "file-deleted")
        .collect();
    assert_eq!(deleted.len(), 1, "{:#?}", ws.diagnostics);
    assert_eq!(deleted[0].file, Path::new(ADR3));
    // adr:2 says it is superseded by adr:3, which is gone: the same check a full load makes
    let full = fresh(dir.path());
    let codes = |ws: &Workspace| {
        let mut c: Vec<(PathBuf, &str)> = ws
            .diagnostics
            .iter()
            .filter(|d| d.code != "file-deleted")
            .map(|d| (d.file.clone(), d.code))
            .collect();
        c.sort();
        c
    };
    assert!(full.error_count() > 0, "the sample refers to adr:3");
    assert_eq!(codes(&ws), codes(&full));
    // a second event for the same deleted file changes nothing
    assert!(ws.reload_paths(&[dir.path().join(ADR3)]).is_empty());
    // and when it comes back, it is read again
    std::fs::write(
        dir.path().join(ADR3),
        "[adr]\nnumber = 3\ntitle = \"Back again\"\nstatus = \"proposed\"\n",
    )
    .unwrap();
    let report = ws.reload_paths(&[dir.path().join(ADR3)]);
    assert_eq!(report.reloaded, vec![PathBuf::from(ADR3)]);
    assert_eq!(ws.decision(3).unwrap().title, "Back again");
    assert!(ws.diagnostics.iter().all(|d| d.code != "file-deleted"));
}

#[test]
fn a_broken_file_is_a_syntax_diagnostic_and_the_rest_stays() {
    let (dir, mut ws) = sample();
    std::fs::write(dir.path().join(ADR3), "[adr\nnumber = 3\n").unwrap();
    ws.reload_paths(&[dir.path().join(ADR3)]);
    assert!(ws.decision(3).is_none());
    assert_eq!(ws.decisions.len(), 9);
    assert!(ws
        .diagnostics
        .iter()
        .any(|d| d.code == "syntax" && d.file == Path::new(ADR3) && d.line == 1));
    assert!(ws
        .files
        .iter()
        .any(|f| f.path == Path::new(ADR3) && f.broken));
    assert_eq!(view(&ws), view(&fresh(dir.path())));
}

#[test]
fn added_files_maps_and_the_root_file_are_read_alone_too() {
    let (dir, mut ws) = sample();
    let new_adr = "decisions/0011-adopt-a-service-mesh.toml";
    std::fs::write(
        dir.path().join(new_adr),
        "[adr]\nnumber = 11\ntitle = \"Adopt a service mesh\"\nstatus = \"proposed\"\nlinks = [\"adr:3\", \"map:serving/nowhere\"]\n",
    )
    .unwrap();
    replace_in(
        dir.path(),
        "maps/serving.toml",
        "Content Distribution",
        "Content Delivery",
    );
    replace_in(
        dir.path(),
        "wheelhouse.toml",
        "Weekly active members 每週活躍會員",
        "Weekly active members (renamed)",
    );
    // an editor's swap file and a writer's temp file are not part of the workspace
    std::fs::write(dir.path().join("decisions/.0003.toml.swp"), "junk").unwrap();
    let report = ws.reload_paths(&[
        dir.path().join(new_adr),
        dir.path().join("maps/serving.toml"),
        dir.path().join("wheelhouse.toml"),
        dir.path().join("decisions/.0003.toml.swp"),
        PathBuf::from("/somewhere/else.toml"),
    ]);
    assert_eq!(report.added, vec![PathBuf::from(new_adr)]);
    assert_eq!(
        report.reloaded,
        vec![
            PathBuf::from("maps/serving.toml"),
            PathBuf::from("wheelhouse.toml")
        ]
    );
    assert_eq!(ws.decision(11).unwrap().title, "Adopt a service mesh");
    let serving = ws.map("serving").unwrap();
    assert!(serving
        .components
        .iter()
        .any(|c| c.name == "Content Delivery Network"));
    assert_eq!(
        ws.metric("weekly-active-members").unwrap().name,
        "Weekly active members (renamed)"
    );
    // the new record's dangling link is found, as a full load finds it
    assert!(ws
        .diagnostics
        .iter()
        .any(|d| d.code == "dangling-reference" && d.file == Path::new(new_adr)));
    assert_eq!(view(&ws), view(&fresh(dir.path())));
}

#[test]
fn a_folder_that_only_changed_inside_is_not_a_full_reload() {
    let (dir, mut ws) = sample();
    // a polling watcher reports the folder (its mtime) beside the file
    replace_in(dir.path(), ADR3, "on Kubernetes\"", "on Nomad\"");
    let report = ws.reload_paths(&[dir.path().join("decisions"), dir.path().join(ADR3)]);
    assert!(!report.full);
    assert_eq!(report.reloaded, vec![PathBuf::from(ADR3)]);
}

#[test]
fn a_markdown_folder_or_a_vanished_folder_falls_back_to_a_full_reload() {
    let (dir, mut ws) = sample();
    std::fs::remove_dir_all(dir.path().join("impact")).unwrap();
    let report = ws.reload_paths(&[dir.path().join("impact")]);
    assert!(report.full);
    assert!(ws.impact_maps.is_empty());
    assert_eq!(view(&ws), view(&fresh(dir.path())));
}

#[test]
fn with_a_markdown_folder_added_files_can_be_read_again_and_again() {
    let (dir, _) = sample();
    replace_in(
        dir.path(),
        "wheelhouse.toml",
        "[workspace]\n",
        "[workspace]\nadr-dirs = [\"docs/adr\"]\n",
    );
    std::fs::create_dir_all(dir.path().join("docs/adr")).unwrap();
    std::fs::write(
        dir.path().join("docs/adr/0042-write-markdown-too.md"),
        "# 42. Write markdown too\n\n## Status\n\nAccepted\n\n## Context\n\nSome teams do.\n",
    )
    .unwrap();
    let mut ws = fresh(dir.path());
    assert_eq!(ws.decision(42).unwrap().title, "Write markdown too");
    // a TOML record added after the markdown files were listed, then changed twice
    let new_adr = "decisions/0011-adopt-a-service-mesh.toml";
    for title in ["Adopt a service mesh", "Adopt a mesh", "Adopt no mesh"] {
        std::fs::write(
            dir.path().join(new_adr),
            format!("[adr]\nnumber = 11\ntitle = \"{title}\"\nstatus = \"proposed\"\n"),
        )
        .unwrap();
        ws.reload_paths(&[dir.path().join(new_adr)]);
        assert_eq!(ws.decision(11).unwrap().title, title);
        // a new file takes the next index, after the markdown files a full load lists last:
        // the same model, numbered differently
        assert_eq!(by_path(&ws), by_path(&fresh(dir.path())));
    }
    std::fs::remove_file(dir.path().join(new_adr)).unwrap();
    ws.reload_paths(&[dir.path().join(new_adr)]);
    assert!(ws.decision(11).is_none());
    // a markdown record changed: its folder is read again with everything else
    replace_in(
        dir.path(),
        "docs/adr/0042-write-markdown-too.md",
        "# 42. Write markdown too",
        "# 42. Write markdown only",
    );
    let report = ws.reload_paths(&[dir.path().join("docs/adr/0042-write-markdown-too.md")]);
    assert!(report.full);
    assert_eq!(ws.decision(42).unwrap().title, "Write markdown only");
    assert_eq!(view(&ws), view(&fresh(dir.path())));
}

/// The model with files named by path instead of index: records, files and diagnostics.
fn by_path(ws: &Workspace) -> (Vec<String>, Vec<String>, Vec<String>) {
    let path = |i: usize| ws.files[i].path.display().to_string();
    let records = ws
        .decisions
        .iter()
        .map(|a| {
            format!(
                "{} {} {:?} {:?} {}:{}",
                a.number,
                a.title,
                a.status,
                a.links,
                path(a.origin.file),
                a.origin.line
            )
        })
        .collect();
    let mut files: Vec<String> = ws
        .files
        .iter()
        .map(|f| format!("{} {} {:x}", f.path.display(), f.broken, f.hash))
        .collect();
    files.sort();
    let mut diags: Vec<String> = ws
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{} {} {}",
                d.file.display(),
                d.line,
                d.col,
                d.code,
                d.message
            )
        })
        .collect();
    diags.sort();
    (records, files, diags)
}

/// An edit that renames a TOML record removes its old file: read again with
/// `reload_written`, the old name leaves the model without a "deleted on disk while open"
/// warning, and the watcher's later report of both names changes nothing.
#[test]
fn an_own_rename_is_no_deletion_on_disk() {
    use wheelhouse::workspace::edit::{self, AdrOp, Op};
    let (dir, mut ws) = sample();
    let old = "decisions/0010-send-the-digest-from-the-on-premise-mail-server.toml";
    let new = "decisions/0010-send-the-digest-from-the-office-mail-server.toml";
    let plan = edit::apply(
        &ws,
        &Op::Adr(AdrOp::Rename {
            record: 10.into(),
            title: "Send the digest from the office mail server".into(),
        }),
    )
    .unwrap();
    ws.reload_written(&plan.patch);
    assert!(ws.diagnostics.is_empty(), "{:#?}", ws.diagnostics);
    assert_eq!(
        ws.decision(10).unwrap().title,
        "Send the digest from the office mail server"
    );
    let report = ws.reload_paths(&[dir.path().join(old), dir.path().join(new)]);
    assert!(report.is_empty(), "{report:?}");
    assert!(ws.diagnostics.is_empty(), "{:#?}", ws.diagnostics);
    // the files the model lists on disk are what a full load lists (the old slot stays, empty)
    let full = fresh(dir.path());
    let (records, _, diags) = by_path(&ws);
    let (fresh_records, _, fresh_diags) = by_path(&full);
    assert_eq!((records, diags), (fresh_records, fresh_diags));
    // the name coming back (undo) is read again
    let undo = plan.patch.inverse();
    wheelhouse::workspace::writer::commit(dir.path(), &undo).unwrap();
    let report = ws.reload_written(&undo);
    assert_eq!(report.reloaded, vec![PathBuf::from(old)], "{report:?}");
    assert_eq!(report.removed, vec![PathBuf::from(new)]);
    assert!(ws.diagnostics.is_empty(), "{:#?}", ws.diagnostics);
    assert_eq!(by_path(&ws).0, by_path(&fresh(dir.path())).0);
}

/// In a markdown folder, a record with the bytes the model was read from (an own write) is no
/// change, and the old name of an own rename (gone from disk and model) is nothing: only a real
/// change reads the folder again.
#[test]
fn markdown_records_with_the_model_s_bytes_are_no_change() {
    use wheelhouse::workspace::edit::{self, AdrOp, NewRecord, Op};
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    std::fs::create_dir_all(root.join("doc/adr")).unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::write(
        root.join("doc/adr/0001-record-architecture-decisions.md"),
        "# 1. Record architecture decisions\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nWe need to record decisions.\n",
    )
    .unwrap();
    let mut ws = Workspace::open(&root).unwrap();
    let plan = edit::apply(
        &ws,
        &Op::Adr(AdrOp::New(NewRecord {
            title: "Use Postgres".into(),
            supersedes: Some(1.into()),
            ..NewRecord::default()
        })),
    )
    .unwrap();
    let written = plan.patch.paths();
    assert_eq!(written.len(), 2, "the new record and the superseded one");
    assert!(
        ws.reload_paths(&written).full,
        "an own write is read in full"
    );
    let report = ws.reload_paths(&written);
    assert!(report.is_empty() && !report.full, "{report:?}");
    assert_eq!(report.unchanged.len(), 2, "{report:?}");
    // a rename: the old name is neither on disk nor in the model
    let plan = edit::apply(
        &ws,
        &Op::Adr(AdrOp::Rename {
            record: 2.into(),
            title: "Use MySQL".into(),
        }),
    )
    .unwrap();
    ws.reload_paths(&plan.patch.paths());
    let report = ws.reload_paths(
        &plan
            .patch
            .paths()
            .iter()
            .map(|p| root.join(p))
            .collect::<Vec<_>>(),
    );
    assert!(report.is_empty(), "{report:?}");
    // changed by someone else: read again
    let path = root.join("doc/adr/0002-use-mysql.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("# 2. Use MySQL", "# 2. Use MariaDB")).unwrap();
    assert!(ws.reload_paths(&[path]).full);
    assert_eq!(ws.decision(2).unwrap().title, "Use MariaDB");
}
