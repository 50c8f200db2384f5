//! Decisions-only mode (a markdown ADR folder, no `wheelhouse.toml`): the cockpit shows the
//! Decisions tab alone, the tab bar says what `wh init` adds, and asking for a hidden tab
//! (its number, or a link to its kind) says why it is not there.

use crate::support::tui as tui_support;

use std::path::PathBuf;

use tui_support::*;
use wheelhouse::tui::action::Action;
use wheelhouse::tui::tab::Tab;
use wheelhouse::workspace::Reference;

fn nygard() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/md-adr/nygard")
}

#[test]
fn only_the_decisions_tab_is_shown_and_the_others_say_why() {
    let mut app = open(&nygard());
    assert_eq!(app.tab, Tab::Decisions, "opens where the records are");
    let s = render(&mut app, 80, 24);
    let bar = s.lines().next().unwrap_or_default();
    assert!(bar.contains("3 Decisions"), "{bar:?}");
    for hidden in ["Flywheel", "Impact", "Landscape"] {
        assert!(!bar.contains(hidden), "{hidden} is hidden: {bar:?}");
    }
    assert!(bar.contains("wh init"), "what makes the rest: {bar:?}");

    // Tab and Shift-Tab stay on the one shown tab
    press(&mut app, &["tab"]);
    assert_eq!(app.tab, Tab::Decisions);
    press(&mut app, &["shift-tab"]);
    assert_eq!(app.tab, Tab::Decisions);

    // a hidden tab's number says it needs a workspace and stays put
    for (key, title) in [("1", "Flywheel"), ("2", "Impact map"), ("4", "Landscape")] {
        press(&mut app, &[key]);
        assert_eq!(app.tab, Tab::Decisions);
        let m = app.message.take().expect("a message");
        assert!(m.error, "{m:?}");
        assert!(
            m.text.contains(&format!("{title} needs a workspace")) && m.text.contains("wh init"),
            "{m:?}"
        );
    }
}

#[test]
fn following_a_link_to_a_hidden_kind_says_so() {
    let mut app = open(&nygard());
    app.update(Action::Follow(Reference::parse("map:tea-shop").unwrap()));
    assert_eq!(app.tab, Tab::Decisions);
    let m = app.message.clone().expect("a message");
    assert!(
        m.text.contains("map:tea-shop") && m.text.contains("Landscape needs a workspace"),
        "{m:?}"
    );
    assert!(app.history.is_empty(), "nothing to go back to");
    // a record still opens
    app.update(Action::Follow(Reference::adr(3)));
    assert_eq!(app.selected_item(), Some(Reference::adr(3)));
}

#[test]
fn decisions_only_screen_at_80x24() {
    let mut app = open(&nygard());
    let s = render(&mut app, 80, 24);
    insta::assert_snapshot!("decisions_only_80x24", s);
}

#[test]
fn help_lists_only_the_keys_of_what_is_shown() {
    let mut app = open(&nygard());
    press(&mut app, &["?"]);
    // the whole help text, scrolled through (it is longer than one screen)
    let mut all = String::new();
    for _ in 0..12 {
        all.push_str(&render(&mut app, 100, 40));
        press(&mut app, &["pagedown"]);
    }
    assert!(all.contains("Decisions tab"), "{all}");
    assert!(all.contains("Cycle status filter"), "{all}");
    for gone in [
        "Flywheel tab",
        "Impact map tab",
        "Landscape tab",
        "Landscape (editing the map)",
        "Trails: past positions",
    ] {
        assert!(!all.contains(gone), "{gone} listed:\n{all}");
    }
}

/// The record view gives a markdown status as words: `Superseded by [3. Use MySQL](0003-…)`
/// reads `Superseded by ADR-3 Use MySQL` (the record's title now), a MADR `[ADR-0002](…)`
/// names its record the same way, and a link to no record keeps its text.
#[test]
fn a_status_with_links_reads_as_words() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    let adr = root.join("doc/adr");
    std::fs::create_dir_all(&adr).unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    let record = |n: u32, title: &str, status: &str| {
        format!(
            "# {n}. {title}\n\nDate: 2024-01-0{n}\n\n## Status\n\n{status}\n\n## Context\n\nX.\n"
        )
    };
    std::fs::write(
        adr.join("0001-use-postgres.md"),
        record(
            1,
            "Use Postgres",
            "Superseded by [3. Use MySQL](0003-use-mysql.md)",
        ),
    )
    .unwrap();
    std::fs::write(
        adr.join("0002-use-sqlite.md"),
        record(
            2,
            "Use SQLite",
            "Deprecated, see [ADR-0003](./0003-use-mysql.md) and [9. Use Oracle](0009-use-oracle.md)",
        ),
    )
    .unwrap();
    std::fs::write(
        adr.join("0003-use-mysql.md"),
        record(
            3,
            "Use MySQL (renamed since)",
            "Accepted\n\nSupersedes [1. Use Postgres](0001-use-postgres.md)",
        ),
    )
    .unwrap();
    let mut app = open(&root);
    press(&mut app, &["g"]);
    let s = render(&mut app, 160, 30);
    assert!(
        s.contains("superseded (Superseded by ADR-3 Use MySQL (renamed since))"),
        "{s}"
    );
    assert!(!s.contains("]("), "no markdown link syntax: {s}");
    press(&mut app, &["j"]);
    let s = render(&mut app, 160, 30);
    assert!(
        s.contains("(Deprecated, see ADR-3 Use MySQL (renamed since) and ADR-9 Use Oracle)"),
        "{s}"
    );
    assert!(!s.contains("]("), "no markdown link syntax: {s}");
}
