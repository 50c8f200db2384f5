//! Editing decisions in the cockpit, driven by keys: `n` new record, `S` status (superseded
//! picks the successor and updates both records in one undo step), `t` tags, `L` links,
//! `c` the chosen option, `r` rename — in the TOML sample and in an adr-tools folder.

use crate::support;
use crate::support::tui as tui_support;

use std::path::Path;

use tui_support::*;
use wheelhouse::tui::app::App;
use wheelhouse::workspace::{AdrStatus, Reference};

fn decisions(root: &Path) -> App {
    let mut app = open(root);
    press(&mut app, &["3"]);
    app
}

fn adr_tools_folder() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    let dir = root.join("doc/adr");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::write(
        dir.join("0001-record-architecture-decisions.md"),
        "# 1. Record architecture decisions\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nWe need to record decisions.\n",
    )
    .unwrap();
    (tmp, root)
}

#[test]
fn n_makes_a_record_and_s_t_edit_it_with_undo() {
    let (_tmp, root) = support::sample_copy();
    let mut app = decisions(&root);
    press(&mut app, &["n"]);
    type_text(&mut app, "Edge rendering");
    press(&mut app, &["enter"]);
    let adr = app
        .ws
        .decision(11)
        .expect("a new record with the next number");
    assert_eq!(adr.title, "Edge rendering");
    assert_eq!(adr.status, AdrStatus::Proposed);
    assert!(root.join("decisions/0011-edge-rendering.toml").is_file());
    assert_eq!(
        app.selected_item(),
        Some(Reference::adr(11)),
        "the new record is selected"
    );

    // S: proposed → accepted is the first choice
    press(&mut app, &["S", "enter"]);
    assert_eq!(app.ws.decision(11).unwrap().status, AdrStatus::Accepted);

    let before_tags =
        std::fs::read_to_string(root.join("decisions/0011-edge-rendering.toml")).unwrap();
    press(&mut app, &["t"]);
    type_text(&mut app, "edge, performance");
    press(&mut app, &["enter"]);
    assert_eq!(app.ws.decision(11).unwrap().tags, ["edge", "performance"]);
    press(&mut app, &["u"]);
    assert_eq!(
        std::fs::read_to_string(root.join("decisions/0011-edge-rendering.toml")).unwrap(),
        before_tags,
        "undo gives the bytes back"
    );
    assert_eq!(app.edits.len(), 2, "three edits, one undone");
}

#[test]
fn superseding_from_the_picker_updates_both_markdown_records_in_one_undo_step() {
    let (_tmp, root) = adr_tools_folder();
    let mut app = decisions(&root);
    press(&mut app, &["n"]);
    type_text(&mut app, "Use event sourcing");
    press(&mut app, &["enter"]);
    let new = root.join("doc/adr/0002-use-event-sourcing.md");
    let text = std::fs::read_to_string(&new).unwrap();
    assert!(
        text.starts_with("# 2. Use event sourcing\n\nDate: "),
        "{text}"
    );
    assert!(
        text.contains("## Status\n\nAccepted\n\n## Context"),
        "{text}"
    );

    let old_path = root.join("doc/adr/0001-record-architecture-decisions.md");
    let old_before = std::fs::read_to_string(&old_path).unwrap();
    // select ADR 1, S, superseded (second choice after deprecated), the successor: ADR 2
    press(&mut app, &["esc", "g", "S", "down", "enter", "enter"]);
    let old = app.ws.decision(1).unwrap();
    assert_eq!(old.status, AdrStatus::Superseded, "{:?}", app.message);
    assert_eq!(old.status, AdrStatus::Superseded);
    assert_eq!(old.superseded_by, [Reference::adr(2)]);
    assert_eq!(app.ws.decision(2).unwrap().supersedes, [Reference::adr(1)]);
    assert_eq!(
        std::fs::read_to_string(&old_path).unwrap(),
        old_before.replace(
            "Accepted",
            "Superseded by [2. Use event sourcing](0002-use-event-sourcing.md)"
        )
    );
    let new_before_undo = std::fs::read_to_string(&new).unwrap();
    assert!(new_before_undo.contains(
        "Accepted\n\nSupersedes [1. Record architecture decisions](0001-record-architecture-decisions.md)\n\n## Context"
    ));
    press(&mut app, &["u"]);
    assert_eq!(std::fs::read_to_string(&old_path).unwrap(), old_before);
    assert_eq!(std::fs::read_to_string(&new).unwrap(), text);
    assert_eq!(app.ws.decision(1).unwrap().status, AdrStatus::Accepted);
}

#[test]
fn rename_link_and_chosen_option_from_the_keyboard() {
    let (_tmp, root) = support::sample_copy();
    let mut app = decisions(&root);
    press(&mut app, &["g"]);
    // rename ADR 1: the prompt holds the title; replace it
    press(&mut app, &["r"]);
    for _ in 0..60 {
        press(&mut app, &["backspace"]);
    }
    type_text(&mut app, "Keep decision records");
    press(&mut app, &["enter"]);
    assert_eq!(app.ws.decision(1).unwrap().title, "Keep decision records");
    assert!(root
        .join("decisions/0001-keep-decision-records.toml")
        .is_file());
    assert!(!root
        .join("decisions/0001-record-architecture-decisions.toml")
        .exists());

    // L: link to ADR 5 through the picker's filter
    press(&mut app, &["L"]);
    type_text(&mut app, "adr:5");
    press(&mut app, &["enter"]);
    assert!(app
        .ws
        .decision(1)
        .unwrap()
        .links
        .contains(&Reference::adr(5)));

    // c: choose the second option
    press(&mut app, &["c", "down", "enter"]);
    let options = &app.ws.decision(1).unwrap().options;
    assert!(!options[0].chosen && options[1].chosen, "{options:?}");
}

/// `c` opens the option picker on the option chosen now: Enter alone keeps the decision (the
/// first row, an option not chosen, used to flip it).
#[test]
fn c_starts_on_the_chosen_option_so_enter_keeps_the_decision() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    let dir = root.join("docs/adr");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    let file = dir.join("0001-pick-a-store.md");
    let text = "---\nstatus: accepted\ndate: 2022-10-01\n---\n# Pick a store\n\n## Considered Options\n\n* Files\n* SQLite\n* Postgres\n\n## Decision Outcome\n\nChosen option: \"SQLite\", because it is one file.\n";
    std::fs::write(&file, text).unwrap();
    let mut app = decisions(&root);
    press(&mut app, &["c"]);
    let s = render(&mut app, 120, 30);
    assert!(s.contains("The option ADR-0001 chose"), "{s}");
    press(&mut app, &["enter"]);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        text,
        "nothing written"
    );
    let options = &app.ws.decision(1).unwrap().options;
    assert!(options[1].chosen && !options[0].chosen, "{options:?}");
    // another option: the reason for SQLite goes, and the status bar says so
    press(&mut app, &["c", "down", "enter"]);
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(after.ends_with("Chosen option: \"Postgres\"\n"), "{after}");
    let s = render(&mut app, 200, 30);
    assert!(s.contains("dropped the reason given for SQLite"), "{s}");
}

/// After `n` the list keeps the keys, on the new record: `k` moves up from it and `t` edits the
/// record `k` went to (focus used to move to the record pane, so `k` scrolled it instead).
#[test]
fn after_n_the_list_keeps_the_keys_on_the_new_record() {
    let (_tmp, root) = support::sample_copy();
    let mut app = decisions(&root);
    press(&mut app, &["n"]);
    type_text(&mut app, "Edge rendering");
    press(&mut app, &["enter"]);
    assert_eq!(app.selected_item(), Some(Reference::adr(11)));
    press(&mut app, &["k"]);
    assert_eq!(
        app.selected_item(),
        Some(Reference::adr(10)),
        "k moved the list"
    );
    press(&mut app, &["t"]);
    let s = render(&mut app, 120, 30);
    assert!(s.contains("Tags of ADR-0010"), "{s}");
}

/// `S` superseded: the successor is found as every REF names it (`5`, `adr:5`, `ADR-5`); after
/// the edit the successor is selected and the list keeps the keys, so `j` moves on from it and
/// `t` edits the record `j` went to, not the superseded one again.
#[test]
fn superseding_selects_the_successor_and_the_list_keeps_the_keys() {
    for query in ["adr:5", "5", "ADR-5", "0005"] {
        let (_tmp, root) = support::sample_copy();
        let mut app = decisions(&root);
        // ADR 8 (proposed): S, superseded, the successor by its reference
        press(&mut app, &["g", "j", "j", "j", "j", "j", "j", "j"]);
        assert_eq!(app.selected_item(), Some(Reference::adr(8)));
        press(&mut app, &["S"]);
        type_text(&mut app, "superseded");
        press(&mut app, &["enter"]);
        type_text(&mut app, query);
        let s = render(&mut app, 120, 30);
        assert!(!s.contains("nothing matches"), "{query}: {s}");
        press(&mut app, &["enter"]);
        let old = app.ws.decision(8).unwrap();
        assert_eq!(
            old.status,
            AdrStatus::Superseded,
            "{query}: {:?}",
            app.message
        );
        assert_eq!(old.superseded_by, [Reference::adr(5)], "{query}");
        assert_eq!(
            app.selected_item(),
            Some(Reference::adr(5)),
            "{query}: the successor is selected"
        );
        press(&mut app, &["j"]);
        assert_eq!(
            app.selected_item(),
            Some(Reference::adr(6)),
            "{query}: j moved the list"
        );
        press(&mut app, &["t"]);
        let s = render(&mut app, 120, 30);
        assert!(s.contains("Tags of ADR-0006"), "{query}: {s}");
    }
}

/// The successor picker marks a record that already leads here (it would close a circle) and
/// Enter on it says the circle; the link picker marks a record of the supersede chain.
#[test]
fn pickers_mark_what_the_supersede_chain_refuses() {
    let (_tmp, root) = support::sample_copy();
    let mut app = decisions(&root);
    // ADR 5 supersedes 3, which superseded 2
    press(&mut app, &["g", "j", "j", "j", "j"]);
    assert_eq!(app.selected_item(), Some(Reference::adr(5)));
    press(&mut app, &["S"]);
    type_text(&mut app, "superseded");
    press(&mut app, &["enter"]);
    type_text(&mut app, "adr:2");
    let s = render(&mut app, 120, 30);
    assert!(s.contains("would close a circle"), "{s}");
    press(&mut app, &["enter"]);
    let s = render(&mut app, 120, 30);
    assert!(s.contains("circle: adr:2 → adr:3 → adr:5"), "{s}");
    assert_eq!(app.ws.decision(5).unwrap().status, AdrStatus::Accepted);
    press(&mut app, &["esc", "L"]);
    type_text(&mut app, "adr:3");
    let s = render(&mut app, 120, 30);
    assert!(s.contains("in its supersede chain"), "{s}");
}
