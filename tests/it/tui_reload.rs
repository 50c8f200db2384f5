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
