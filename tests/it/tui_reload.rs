//! Live reload in the app: a changed file on disk reaches the screen, every pane keeps the item
//! it had selected where that item still exists, and `R` asks the loop for a full reload.

use crate::support::copy_dir;
use crate::support::r;
use crate::support::tui as tui_support;

use std::path::PathBuf;

use tui_support::*;
use wheelhouse::tui::action::Action;
use wheelhouse::tui::tab::Tab;

const ADR2: &str = "decisions/0002-host-rendering-on-ec2.toml";
const ADR5: &str = "decisions/0005-serverless-presentation-layer.toml";

#[test]
fn a_file_change_reaches_the_screen_and_selections_stay_on_their_items() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&sample_dir(), dir.path());
    let mut app = open(dir.path());
    // Decisions on ADR 5, Landscape on the CDN
    app.follow(&r("map:serving/cdn"));
    app.follow(&r("adr:5"));
    assert_eq!(app.tab, Tab::Decisions);
    assert_eq!(app.selected_item(), Some(r("adr:5")));

    // ADR 2 goes (every later record moves up one row) and ADR 5 gets a new title
    std::fs::remove_file(dir.path().join(ADR2)).unwrap();
    let path = dir.path().join(ADR5);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen(
            "title = \"Serverless presentation layer",
            "title = \"Edge-rendered presentation layer",
            1,
        ),
    )
    .unwrap();
    let report = app.files_changed(&[dir.path().join(ADR2), path.clone()]);
    assert_eq!(report.removed, vec![PathBuf::from(ADR2)]);
    assert_eq!(report.reloaded, vec![PathBuf::from(ADR5)]);

    assert_eq!(
        app.selected_item(),
        Some(r("adr:5")),
        "same record selected"
    );
    let s = render(&mut app, 120, 30);
    assert!(s.contains("Edge-rendered presentation layer"), "{s}");
    assert!(
        s.contains("removed decisions/0002"),
        "the status bar says what was read: {s}"
    );
    assert!(s.contains("Decisions 9/9"), "{s}");
    app.update(Action::GoTab(Tab::Landscape));
    assert_eq!(app.selected_item(), Some(r("map:serving/cdn")));

    // our own write (the same bytes) changes nothing and says nothing
    app.update(Action::GoTab(Tab::Decisions));
    let report = app.files_changed(&[path]);
    assert!(report.is_empty(), "{report:?}");
    assert_eq!(app.message, None);
}

#[test]
fn a_selected_item_that_is_gone_leaves_the_pane_usable() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&sample_dir(), dir.path());
    let mut app = open(dir.path());
    app.follow(&r("adr:5"));
    std::fs::remove_file(dir.path().join(ADR5)).unwrap();
    app.files_changed(&[dir.path().join(ADR5)]);
    assert_ne!(app.selected_item(), Some(r("adr:5")));
    let s = render(&mut app, 120, 30);
    assert!(s.contains("Decisions 9/9"), "{s}");
    press(&mut app, &["j", "k"]);
}

#[test]
fn r_asks_for_a_full_reload_and_the_new_workspace_keeps_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&sample_dir(), dir.path());
    let mut app = open(dir.path());
    app.follow(&r("adr:3"));
    press(&mut app, &["R"]);
    assert!(app.reload_requested);
    // what the loop does with it: read everything again in the background, then hand it over
    let ws = app.ws.reload();
    app.replace_workspace(ws);
    assert_eq!(app.selected_item(), Some(r("adr:3")));
    assert!(render(&mut app, 120, 30).contains("reloaded the workspace"));
}

#[test]
fn the_decisions_pane_keeps_its_filter_and_focus_across_a_reload() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&sample_dir(), dir.path());
    let mut app = open(dir.path());
    // the list has the focus, on ADR 3
    press(&mut app, &["3", "j", "j"]);
    assert_eq!(app.selected_item(), Some(r("adr:3")));
    std::fs::remove_file(dir.path().join(ADR2)).unwrap();
    app.files_changed(&[dir.path().join(ADR2)]);
    assert_eq!(app.selected_item(), Some(r("adr:3")));
    // still the list's keys: j moves to the next record (in the detail it would scroll)
    press(&mut app, &["j"]);
    assert_eq!(app.selected_item(), Some(r("adr:4")));

    // a filter stays applied
    press(&mut app, &["/"]);
    type_text(&mut app, "kubernetes");
    press(&mut app, &["enter"]);
    assert!(render(&mut app, 120, 30).contains("Decisions 2/9"));
    let path = dir.path().join(ADR5);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("status = \"accepted\"", "status = \"proposed\"", 1),
    )
    .unwrap();
    app.files_changed(&[path]);
    let s = render(&mut app, 120, 30);
    assert!(s.contains("Decisions 2/9"), "{s}");
    assert!(s.contains("proposed"), "{s}");
}

/// Every path an edit in the cockpit touches on disk, as the watcher reports them a moment
/// later: the files of the patch (new, changed, removed) and their folders.
fn watched_after(root: &std::path::Path, written: &[&str]) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = written.iter().map(|p| root.join(p)).collect();
    for p in written {
        if let Some(dir) = std::path::Path::new(p).parent() {
            paths.push(root.join(dir));
        }
    }
    paths
}

/// `r` on a TOML record renames its file: wh's own rename, not a deletion on disk. Neither the
/// edit nor the watcher's later report of the old path makes a "deleted on disk while open"
/// warning; nor do undo and redo of it.
#[test]
fn renaming_a_record_is_no_deletion_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&sample_dir(), dir.path());
    let mut app = open(dir.path());
    let old = "decisions/0010-send-the-digest-from-the-on-premise-mail-server.toml";
    let new = "decisions/0010-send-the-digest-from-the-office-mail-server.toml";
    assert!(dir.path().join(old).is_file());
    press(&mut app, &["3", "G", "r", "ctrl-u"]);
    type_text(&mut app, "Send the digest from the office mail server");
    press(&mut app, &["enter"]);
    assert!(dir.path().join(new).is_file());
    let deleted = |app: &wheelhouse::tui::app::App| {
        app.ws
            .diagnostics
            .iter()
            .filter(|d| d.code == "file-deleted")
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(deleted(&app), Vec::<String>::new(), "after the edit");
    let said = app.message.clone();
    let report = app.files_changed(&watched_after(dir.path(), &[old, new]));
    assert!(report.is_empty(), "{report:?}");
    assert_eq!(deleted(&app), Vec::<String>::new(), "after the watcher");
    assert_eq!(app.message, said, "the edit's message stays");
    assert!(app.ws.diagnostics.is_empty(), "{:?}", app.ws.diagnostics);
    for key in ["u", "ctrl-r"] {
        press(&mut app, &[key]);
        app.files_changed(&watched_after(dir.path(), &[old, new]));
        assert_eq!(deleted(&app), Vec::<String>::new(), "after {key}");
    }
    assert_eq!(
        app.ws.decision(10).unwrap().title,
        "Send the digest from the office mail server"
    );
    // someone else deleting a file is still news
    std::fs::remove_file(dir.path().join(new)).unwrap();
    app.files_changed(&[dir.path().join(new)]);
    assert_eq!(deleted(&app).len(), 1, "{:?}", app.ws.diagnostics);
}

/// A markdown ADR folder: the watcher's report of wh's own writes (the new record, the record
/// it supersedes, a renamed file's old name) is no change, so the edit's message stays where
/// "reloaded the workspace" used to replace it half a second later.
#[test]
fn in_a_markdown_folder_own_writes_keep_the_edit_s_message() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    let adr = root.join("doc/adr");
    std::fs::create_dir_all(&adr).unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    let first = "doc/adr/0001-record-architecture-decisions.md";
    std::fs::write(
        root.join(first),
        "# 1. Record architecture decisions\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nWe need to record decisions.\n",
    )
    .unwrap();
    // a table of contents beside the records, as `adr generate toc` leaves one
    std::fs::write(adr.join("README.md"), "# Decisions\n").unwrap();
    let mut app = open(&root);

    press(&mut app, &["n"]);
    type_text(&mut app, "Use Postgres");
    press(&mut app, &["enter"]);
    let second = "doc/adr/0002-use-postgres.md";
    let said = app.message.clone().expect("the edit says what it did");
    assert!(said.text.contains("new adr:2 Use Postgres"), "{said:?}");
    let report = app.files_changed(&watched_after(&root, &[second, "doc/adr/README.md"]));
    assert!(report.is_empty(), "{report:?}");
    assert_eq!(app.message.as_ref(), Some(&said));

    // S superseded by ADR 2 writes both records
    press(&mut app, &["g", "S"]);
    type_text(&mut app, "superseded");
    press(&mut app, &["enter"]);
    type_text(&mut app, "adr:2");
    press(&mut app, &["enter"]);
    let said = app.message.clone().expect("a message");
    assert!(said.text.contains("superseded by adr:2"), "{said:?}");
    let report = app.files_changed(&watched_after(&root, &[first, second]));
    assert!(report.is_empty(), "{report:?}");
    assert_eq!(app.message.as_ref(), Some(&said));

    // r renames ADR 2's file: its old name is gone from disk and from the model alike
    press(&mut app, &["G", "r", "ctrl-u"]);
    type_text(&mut app, "Use MySQL");
    press(&mut app, &["enter"]);
    let said = app.message.clone().expect("a message");
    assert!(said.text.contains("Use MySQL"), "{said:?}");
    let report = app.files_changed(&watched_after(
        &root,
        &[second, "doc/adr/0002-use-mysql.md", first],
    ));
    assert!(report.is_empty(), "{report:?}");
    assert_eq!(app.message.as_ref(), Some(&said));

    // u: the undo's own writes too
    press(&mut app, &["u"]);
    let said = app.message.clone().expect("a message");
    assert!(said.text.starts_with("undid \""), "{said:?}");
    let report = app.files_changed(&watched_after(
        &root,
        &[second, "doc/adr/0002-use-mysql.md", first],
    ));
    assert!(report.is_empty(), "{report:?}");
    assert_eq!(app.message.as_ref(), Some(&said));

    // a change by someone else is still read (the folder again, whole)
    let path = root.join(second);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("# 2. Use Postgres", "# 2. Use PG")).unwrap();
    let report = app.files_changed(&[path]);
    assert!(report.full, "{report:?}");
    assert_eq!(app.ws.decision(2).unwrap().title, "Use PG");
}
