//! What a new user sees at 80×24: help always in sight, its text not cut.

use crate::support::tui as tui_support;

use tui_support::*;

#[test]
fn help_is_in_the_status_bar_of_every_tab_at_80_columns() {
    for tab in ["1", "2", "3", "4"] {
        let mut app = sample_app();
        press(&mut app, &[tab]);
        let s = render(&mut app, 80, 24);
        let status = s.lines().last().unwrap_or_default();
        assert!(status.contains("? help"), "tab {tab}: {status:?}");
    }
    // even with a message that would fill the bar
    let mut app = sample_app();
    app.message = Some(wheelhouse::tui::app::Message {
        text: "x".repeat(200),
        error: true,
    });
    let s = render(&mut app, 80, 24);
    assert!(
        s.lines().last().unwrap_or_default().contains("? help"),
        "{s}"
    );
}

#[test]
fn the_help_popup_note_is_whole_at_80_columns() {
    let mut app = sample_app();
    press(&mut app, &["?"]);
    render(&mut app, 80, 24); // the popup learns its height
    press(&mut app, &["G"]);
    let s = render(&mut app, 80, 24);
    assert!(s.contains("ctrl-c always quits."), "{s}");
    assert!(
        s.contains("[keys.CONTEXT]."),
        "the note's end is there: {s}"
    );
}

/// The finder's hits (kind, label, detail), best first, for `query`.
fn finder_hits(app: &mut wheelhouse::tui::app::App, query: &str) -> Vec<(String, String, String)> {
    use wheelhouse::tui::popups::Popup;
    press(app, &["ctrl-k"]);
    type_text(app, query);
    match &app.popup {
        Some(Popup::Finder(f)) => f
            .hits()
            .map(|e| (e.kind.to_string(), e.label.clone(), e.detail.clone()))
            .collect(),
        _ => panic!("ctrl-k opens the finder"),
    }
}

#[test]
fn a_number_in_the_finder_opens_that_record() {
    let mut app = sample_app();
    let hits = finder_hits(&mut app, "3");
    assert!(hits[0].1.starts_with("ADR-0003"), "{hits:#?}");
    press(&mut app, &["enter"]);
    assert_eq!(
        app.selected_item(),
        Some(wheelhouse::workspace::Reference::adr(3))
    );
}

#[test]
fn metric_kinds_are_searchable_and_words_as_typed_outrank_letters() {
    let mut app = sample_app();
    let hits = finder_hits(&mut app, "north star");
    assert_eq!(hits[0].0, "north star", "{hits:#?}");
    assert_eq!(hits[0].2, "metric:weekly-active-members", "{hits:#?}");
    let mut app = sample_app();
    let hits = finder_hits(&mut app, "guardrail");
    assert_eq!(hits[0].2, "metric:digest-unsubscribe-rate", "{hits:#?}");
    // a word both items and commands hold: the items come first, then the commands together
    let mut app = sample_app();
    let hits = finder_hits(&mut app, "review");
    let first_command = hits
        .iter()
        .position(|h| h.0 == "command")
        .expect("a command");
    let last_command = hits
        .iter()
        .rposition(|h| h.0 == "command")
        .expect("a command");
    assert!(first_command > 0, "{hits:#?}");
    assert!(
        hits[first_command..=last_command]
            .iter()
            .all(|h| h.0 == "command"),
        "{hits:#?}"
    );
    // commands holding the word come before items that only match letter by letter: `tab`
    // is Next tab, not Sustainability; `trail` is the trails
    for q in ["tab", "trail"] {
        let mut app = sample_app();
        let hits = finder_hits(&mut app, q);
        assert_eq!(hits[0].0, "command", "{q}: {hits:#?}");
    }
    // `:` asks for commands: only they are listed
    let mut app = sample_app();
    let hits = finder_hits(&mut app, ":tab");
    assert!(
        !hits.is_empty() && hits.iter().all(|h| h.0 == "command"),
        "{hits:#?}"
    );
}

#[test]
fn backlinks_say_what_links_here_by_kind_and_title() {
    let mut app = sample_app();
    app.update(wheelhouse::tui::action::Action::Follow(
        wheelhouse::workspace::Reference::adr(5),
    ));
    let s = render(&mut app, 160, 100); // tall enough for the whole detail
    assert!(
        s.contains("← deliverable: Pages that stay fast at campaign peaks"),
        "{s}"
    );
    assert!(!s.contains("← impact:"), "no bare references: {s}");
}

#[test]
fn the_flywheel_explains_its_glyphs_and_hints_say_j_k() {
    let mut app = sample_app();
    let s = render(&mut app, 80, 24);
    assert!(s.contains("○ new ◐ doing ● ok ▲ risk"), "a legend: {s}");
    let status = s.lines().last().unwrap_or_default();
    assert!(
        status.contains("h/l prev/next") && status.contains("j/k move"),
        "{status:?}"
    );
    assert!(status.contains("? help"), "{status:?}");
    // with rows to spare, the badges' own words
    let s = render(&mut app, 100, 40);
    assert!(s.contains("○ not started  ◐ in progress"), "{s}");
    assert!(s.contains("● healthy  ▲ at risk"), "{s}");
}
