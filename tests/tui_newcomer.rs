//! What a new user sees at 80×24: help always in sight, its text not cut.

mod tui_support;

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
