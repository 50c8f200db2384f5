//! The text of `wh adr show` and what import makes of it, as real folders wrote it (issue 12):
//! relation verbs kept and followed both ways, a status link said once, wrapped option bullets,
//! `### Option (chosen)` subsections, MADR 4 records without a status, "Partly superseded".

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{copy_dir, wh};

use wheelhouse::workspace::markdown_adr::read_dir;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/md-adr/relations-and-text")
}

fn out(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A git repository with the fixture as `docs/adr`.
fn repo() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join(".git")).unwrap();
    copy_dir(&fixture(), &tmp.path().join("docs/adr"));
    tmp
}

#[test]
fn a_relation_keeps_its_verb_and_is_followed_both_ways() {
    let repo = repo();
    let ten = out(&wh(repo.path(), &["adr", "show", "10"]));
    assert!(
        ten.contains("Relations:  Amended by ADR-17 (Keep events for 30 days)"),
        "{ten}"
    );
    assert!(
        !ten.contains("Links:"),
        "the amendment is not also a bare link: {ten}"
    );
    // 17 says nothing of 10: the relation is read from 10, the other way
    let seventeen = out(&wh(repo.path(), &["adr", "show", "17"]));
    assert!(
        seventeen.contains("Relations:  Amends ADR-10 (Use Kafka for events)"),
        "{seventeen}"
    );
}

#[test]
fn a_status_link_is_printed_once_resolved() {
    let repo = repo();
    let text = out(&wh(repo.path(), &["adr", "show", "18"]));
    assert!(text.contains("Status:     superseded\n"), "{text}");
    assert!(
        text.contains("superseded by adr:19 (Drop the queue later)"),
        "{text}"
    );
    assert!(!text.contains("](0019"), "no raw link: {text}");
}

#[test]
fn wrapped_option_bullets_and_chosen_subsections() {
    let f = read_dir(&fixture(), Path::new(""), 0);
    let adr = f.records.iter().find(|a| a.number == 20).unwrap();
    let names: Vec<&str> = adr.options.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "**Continue organic layering** — Impose light conventions without a formal \
             architecture, and review them every quarter",
            "**Hexagonal architecture** — Ports and adapters",
        ],
        "no phantom option from `### Continue organic layering (chosen)`"
    );
    let chosen = &adr.options[0];
    assert!(chosen.chosen);
    assert_eq!(chosen.pros, ["nothing has to move"]);
    assert_eq!(chosen.cons, ["the layers stay implicit"]);
    assert!(chosen.description.is_empty(), "{:?}", chosen.description);
}

#[test]
fn records_without_a_status_in_madr_are_one_line_per_folder() {
    let repo = repo();
    let o = wh(repo.path(), &["check"]);
    let text = out(&o);
    assert!(o.status.success(), "{text}");
    assert_eq!(text.matches("no status").count(), 1, "{text}");
    assert!(text.contains("3 records have no status"), "{text}");
}

#[test]
fn import_of_records_without_status_or_successor_is_no_error() {
    let ws = tempfile::tempdir().unwrap();
    std::fs::write(
        ws.path().join("wheelhouse.toml"),
        "[workspace]\nname = \"Imports\"\nformat = 1\n",
    )
    .unwrap();
    let o = wh(ws.path(), &["import", "adr", fixture().to_str().unwrap()]);
    assert!(o.status.success(), "{}", out(&o));
    let partly =
        std::fs::read_to_string(ws.path().join("decisions/0019-drop-the-queue-later.toml"))
            .unwrap();
    assert!(
        partly.contains("status-text = \"Partly superseded\""),
        "{partly}"
    );
    let o = wh(ws.path(), &["check"]);
    let text = out(&o);
    assert!(text.contains("\n0 errors"), "{text}");
    assert!(
        text.contains("adr:19 is superseded but names no successor"),
        "still said, as a warning: {text}"
    );
    // a hand-written TOML record superseded without a successor is still an error
    std::fs::write(
        ws.path().join("decisions/0030-by-hand.toml"),
        "[adr]\nnumber = 30\ntitle = \"By hand\"\nstatus = \"superseded\"\n",
    )
    .unwrap();
    let text = out(&wh(ws.path(), &["check"]));
    assert!(text.contains("\n1 error"), "{text}");
}
