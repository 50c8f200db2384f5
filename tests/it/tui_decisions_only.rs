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
