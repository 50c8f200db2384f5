//! State tests: drive the app with keys and Actions, check where it lands.

use crate::support::r;
use crate::support::tui as tui_support;

use tui_support::*;
use wheelhouse::tui::action::Action;
use wheelhouse::tui::tab::Tab;

#[test]
fn tabs_switch_by_number_tab_and_shift_tab() {
    let mut app = sample_app();
    assert_eq!(app.tab, Tab::Flywheel);
    press(&mut app, &["3"]);
    assert_eq!(app.tab, Tab::Decisions);
    press(&mut app, &["tab"]);
    assert_eq!(app.tab, Tab::Landscape);
    press(&mut app, &["tab"]);
    assert_eq!(app.tab, Tab::Flywheel, "wraps around");
    press(&mut app, &["shift-tab"]);
    assert_eq!(app.tab, Tab::Landscape);
    press(&mut app, &["2"]);
    assert_eq!(app.tab, Tab::Impact);
}

#[test]
fn tab_bar_click_switches_tab() {
    let mut app = sample_app();
    let screen = render(&mut app, 100, 30);
    let first = screen.lines().next().unwrap();
    let col = first.find("Decisions").unwrap();
    // columns count cells; the tab bar before "Decisions" is ASCII plus box lines
    let col = first[..col].chars().count() as u16;
    app.update(Action::Click { col, row: 0 });
    assert_eq!(app.tab, Tab::Decisions);
}

#[test]
fn q_quits_and_ctrl_c_always_quits_even_while_typing() {
    let mut app = sample_app();
    press(&mut app, &["q"]);
    assert!(app.quit);
    let mut app = sample_app();
    press(&mut app, &["3", "/"]);
    type_text(&mut app, "q");
    assert!(!app.quit, "q is typed into the filter");
    press(&mut app, &["ctrl-c"]);
    assert!(app.quit);
}

#[test]
fn filter_narrows_the_list_and_esc_clears_it() {
    let mut app = sample_app();
    press(&mut app, &["3"]);
    assert!(render(&mut app, 100, 30).contains("Decisions 10/10"));
    press(&mut app, &["/"]);
    type_text(&mut app, "kubernetes");
    let s = render(&mut app, 100, 30);
    assert!(s.contains("Decisions 2/10"), "{s}");
    assert!(s.contains("/kubernetes"));
    assert!(s.contains("Containerise rendering"));
    assert!(!s.contains("Record architecture"));
    press(&mut app, &["enter"]);
    assert_eq!(app.selected_item(), Some(r("adr:3")));
    // the first Esc leaves the opened record, the second clears the filter
    press(&mut app, &["esc", "esc"]);
    assert!(render(&mut app, 100, 30).contains("Decisions 10/10"));
}

#[test]
fn typing_a_filter_selects_the_best_hit_and_enter_opens_it() {
    let mut app = sample_app();
    press(&mut app, &["3"]);
    // ADR 1 is selected and still matches `serv` (in its body), but ranks below ADR 5's title
    assert_eq!(app.selected_item(), Some(r("adr:1")));
    press(&mut app, &["/"]);
    type_text(&mut app, "serv");
    let s = render(&mut app, 80, 24);
    let first_row = s
        .lines()
        .find(|l| l.contains("accepted") || l.contains("superseded"))
        .unwrap();
    assert!(first_row.contains("Serverless"), "{s}");
    press(&mut app, &["enter"]);
    assert_eq!(app.selected_item(), Some(r("adr:5")));
    let s = render(&mut app, 80, 24);
    assert!(s.contains("ADR-0005"), "Enter opened the top hit: {s}");
}

#[test]
fn status_filter_cycles_through_present_statuses() {
    let mut app = sample_app();
    press(&mut app, &["3", "s"]);
    let s = render(&mut app, 100, 30);
    assert!(s.contains("· proposed"), "{s}");
    assert!(s.contains("Decisions 1/10"));
    press(&mut app, &["s"]);
    assert!(render(&mut app, 100, 30).contains("Decisions 5/10 · accepted"));
    // proposed, accepted, rejected, deprecated, superseded, then off
    press(&mut app, &["s", "s", "s", "s"]);
    assert!(render(&mut app, 100, 30).contains("Decisions 10/10"));
}

#[test]
fn supersede_chain_is_walked_and_back_returns() {
    let mut app = sample_app();
    app.update(Action::Follow(r("adr:2")));
    assert_eq!(app.tab, Tab::Decisions);
    let s = render(&mut app, 120, 40);
    assert!(s.contains("ADR-2 → ADR-3 → ADR-5"), "{s}");
    press(&mut app, &["]"]);
    assert_eq!(app.selected_item(), Some(r("adr:3")));
    press(&mut app, &["]"]);
    assert_eq!(app.selected_item(), Some(r("adr:5")));
    press(&mut app, &["]"]);
    assert_eq!(app.selected_item(), Some(r("adr:5")), "end of the chain");
    press(&mut app, &["["]);
    assert_eq!(app.selected_item(), Some(r("adr:3")));
    press(&mut app, &["backspace"]);
    assert_eq!(app.selected_item(), Some(r("adr:5")));
    press(&mut app, &["ctrl-o", "backspace"]);
    assert_eq!(app.selected_item(), Some(r("adr:2")));
    press(&mut app, &["backspace"]);
    assert_eq!(
        app.tab,
        Tab::Flywheel,
        "back to where the first follow started"
    );
}

/// A chain that goes round (2 → 3 → 5 → 2, edited by hand) is not drawn as a line: the Chain
/// shows where it comes back, and says there is a circle.
#[test]
fn a_supersede_circle_shows_where_it_loops() {
    let (_tmp, root) = crate::support::sample_with_supersede_circle();
    let mut app = open(&root);
    app.update(Action::Follow(r("adr:3")));
    let s = render(&mut app, 160, 40);
    assert!(
        s.contains("Chain      ADR-5 → ADR-2 → ADR-3 → ↻ ADR-5"),
        "{s}"
    );
    assert!(!s.contains("ADR-2 → ADR-3 → ADR-5 "), "not a line: {s}");
    assert!(s.contains("a circle: the chain comes back to ADR-5"), "{s}");
    let walk =
        wheelhouse::tui::panes::decisions::supersede_walk(&app.ws, app.ws.decision(3).unwrap());
    assert_eq!(walk.loops_back_to, Some(r("adr:5")));
}

#[test]
fn enter_on_a_link_follows_it_and_back_comes_home() {
    let mut app = sample_app();
    press(&mut app, &["3"]);
    // ADR 1 is selected; open its detail, its first links are phases
    press(&mut app, &["enter"]);
    render(&mut app, 120, 40);
    // walk to the Links section (down moves between links once they are on screen)
    for _ in 0..60 {
        press(&mut app, &["j"]);
    }
    render(&mut app, 120, 40);
    let before = app.tab;
    press(&mut app, &["enter"]);
    let landed = app.tab != before || app.selected_item() != Some(r("adr:1"));
    assert!(
        landed || app.message.is_some(),
        "Enter on a link goes somewhere or says why"
    );
    if app.message.is_none() {
        assert_eq!(app.history.len(), 1);
        press(&mut app, &["backspace"]);
        assert_eq!(app.tab, Tab::Decisions);
        assert_eq!(app.selected_item(), Some(r("adr:1")));
    }
}

#[test]
fn following_an_adr_link_from_an_adr_lands_on_it() {
    let mut app = sample_app();
    app.update(Action::Follow(r("adr:3")));
    render(&mut app, 120, 40);
    // the first link of ADR 3's detail is the older end of its chain: ADR 2
    press(&mut app, &["enter"]);
    assert_eq!(app.selected_item(), Some(r("adr:2")));
    press(&mut app, &["backspace"]);
    assert_eq!(app.selected_item(), Some(r("adr:3")));
}

#[test]
fn unknown_reference_says_so_and_stays() {
    let mut app = sample_app();
    app.update(Action::Follow(r("adr:999")));
    assert_eq!(app.tab, Tab::Flywheel);
    assert!(app.message.as_ref().unwrap().error);
    assert!(app.history.is_empty());
    let s = render(&mut app, 100, 30);
    assert!(s.contains("adr:999: not found"), "{s}");
}

#[test]
fn finder_jumps_to_a_decision() {
    let mut app = sample_app();
    press(&mut app, &["ctrl-k"]);
    assert!(app.popup.is_some());
    type_text(&mut app, "serverless presentation");
    let s = render(&mut app, 100, 30);
    assert!(s.contains("Find anything"), "{s}");
    assert!(s.contains("ADR-0005 Serverless presentation"), "{s}");
    press(&mut app, &["enter"]);
    assert!(app.popup.is_none());
    assert_eq!(app.tab, Tab::Decisions);
    assert_eq!(app.selected_item(), Some(r("adr:5")));
    press(&mut app, &["backspace"]);
    assert_eq!(app.tab, Tab::Flywheel);
}

#[test]
fn finder_lists_every_kind_of_item() {
    let mut app = sample_app();
    press(&mut app, &["ctrl-k"]);
    let s = render(&mut app, 160, 600);
    for kind in [
        "phase",
        "metric",
        "decision",
        "component",
        "actor",
        "impact",
        "deliverable",
        "command",
    ] {
        assert!(
            s.lines()
                .any(|l| l.trim_start_matches(['│', ' ']).starts_with(kind)),
            "no {kind} in the finder:\n{s}"
        );
    }
}

#[test]
fn commands_finder_runs_a_command() {
    let mut app = sample_app();
    press(&mut app, &[":"]);
    type_text(&mut app, "diagnostics list");
    let s = render(&mut app, 100, 30);
    assert!(s.contains("Commands"), "{s}");
    assert!(!s.contains("decision "), "only commands: {s}");
    press(&mut app, &["enter"]);
    let s = render(&mut app, 100, 30);
    assert!(s.contains("Diagnostics"), "{s}");
}

#[test]
fn help_opens_closes_and_shows_live_keys() {
    let mut app = sample_app();
    press(&mut app, &["?"]);
    let s = render(&mut app, 100, 40);
    assert!(s.contains("Help: keys"));
    assert!(s.contains("Filter the list"));
    press(&mut app, &["esc"]);
    assert!(app.popup.is_none());

    // a user binding shows up in help and in the status bar
    app.keymap.merge_str("[pane]\nfilter = [\"f\"]\n").unwrap();
    press(&mut app, &["3", "?"]);
    let s = render(&mut app, 100, 40);
    let line = s.lines().find(|l| l.contains("Filter the list")).unwrap();
    assert!(
        line.split('│').any(|c| c.trim_start().starts_with("f ")),
        "{line}"
    );
    press(&mut app, &["?"]);
    assert!(app.popup.is_none(), "? toggles");
    let s = render(&mut app, 100, 30);
    assert!(s.lines().last().unwrap().contains("f filter"), "{s}");
}

#[test]
fn every_size_renders_without_panic() {
    let mut app = sample_app();
    let popups: [&[&str]; 4] = [&[], &["?"], &["ctrl-k"], &["!"]];
    for tab in ["1", "2", "3", "4"] {
        for keys in popups {
            press(&mut app, &["esc", tab]);
            press(&mut app, keys);
            for (w, h) in [
                (1, 1),
                (10, 3),
                (29, 5),
                (30, 6),
                (40, 10),
                (60, 15),
                (79, 23),
                (80, 24),
                (99, 30),
                (100, 30),
                (160, 48),
                (250, 80),
            ] {
                render(&mut app, w, h);
            }
        }
    }
    let s = render(&mut app, 20, 4);
    assert!(s.starts_with("enlarge the terminal"), "{s}");
    assert!(s.contains("(need 30×6)"), "{s}");
}

#[test]
fn narrow_terminals_show_list_then_detail() {
    let mut app = sample_app();
    press(&mut app, &["3"]);
    let s = render(&mut app, 80, 24);
    assert!(s.contains("Decisions 10/10"));
    assert!(!s.contains("ADR-0001 "), "list only at 80 columns");
    press(&mut app, &["enter"]);
    let s = render(&mut app, 80, 24);
    assert!(s.contains("ADR-0001"), "{s}");
    assert!(!s.contains("Decisions 10/10"));
    press(&mut app, &["esc"]);
    assert!(render(&mut app, 80, 24).contains("Decisions 10/10"));
}

#[test]
fn mouse_clicks_select_rows() {
    let mut app = sample_app();
    press(&mut app, &["3"]);
    let s = render(&mut app, 120, 30);
    let row = s
        .lines()
        .position(|l| l.contains("Quarterly Well"))
        .unwrap() as u16;
    app.update(Action::Click { col: 5, row });
    assert_eq!(app.selected_item(), Some(r("adr:6")));
    app.update(Action::ScrollDown);
    assert_eq!(app.selected_item(), Some(r("adr:7")));
}

#[test]
fn esc_and_a_key_arriving_together_count_as_both() {
    let mut app = sample_app();
    press(&mut app, &["?"]);
    assert!(app.popup.is_some());
    // what a terminal reports for Esc then `!` typed fast over SSH
    press(&mut app, &["alt-!"]);
    let s = render(&mut app, 100, 30);
    assert!(
        s.contains("Diagnostics:"),
        "help closed, diagnostics opened: {s}"
    );
    press(&mut app, &["alt-q"]);
    assert!(app.popup.is_none(), "Esc closed the popup");
    assert!(app.quit, "then q quit");
}

#[test]
fn help_says_what_link_and_unlink_do_in_each_pane() {
    let mut app = sample_app();
    press(&mut app, &["?"]);
    // tall enough for every section, 80 columns wide: nothing is cut
    let s = render(&mut app, 80, 200);
    // the popup's own column of each row, from a heading to the blank line after it
    let rows: Vec<&str> = s
        .lines()
        .filter_map(|l| l.split('│').nth(2))
        .map(str::trim_end)
        .collect();
    let section = |title: &str| -> String {
        let from = rows
            .iter()
            .position(|r| r.starts_with(title))
            .unwrap_or_else(|| panic!("{title}: {s}"));
        rows[from + 1..]
            .iter()
            .take_while(|r| !r.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("\n")
    };
    let impact = section("Impact map");
    assert!(
        impact.contains("n                  Link the deliverable to an ADR, metric, component")
            && impact.contains("N                  Remove one of the deliverable's links")
            && impact.contains("M                  New impact map (asks for the goal)")
            && !impact.contains("needs"),
        "{impact}"
    );
    let decisions = section("Decisions");
    assert!(
        decisions.contains("L                  Link the record to an item, or remove a link")
            && !decisions.contains("needs"),
        "{decisions}"
    );
    let landscape = section("Landscape");
    assert!(
        landscape.contains("n                  Link: pick what the component needs")
            && landscape.contains("N                  Unlink one of the component's needs"),
        "{landscape}"
    );
}

/// The `back` hint is offered once there is somewhere to go back to (it showed from the start,
/// and answered "nothing to go back to").
#[test]
fn the_back_hint_shows_once_a_link_was_followed() {
    let mut app = open(&sample_dir());
    press(&mut app, &["3"]);
    assert!(!render(&mut app, 160, 40).contains("Backspace back"));
    app.update(Action::Follow(r("adr:3")));
    app.update(Action::Follow(r("adr:5")));
    assert!(render(&mut app, 160, 40).contains("Backspace back"));
}

/// A command only one pane's keys carry, chosen in the command finder from another pane, runs
/// in that pane (it did nothing): the review wizard from the Decisions pane.
#[test]
fn a_pane_command_from_the_finder_runs_in_its_pane() {
    let mut app = open(&sample_dir());
    press(&mut app, &["3"]);
    assert_eq!(app.tab, Tab::Decisions);
    press(&mut app, &[":"]);
    type_text(&mut app, "New review");
    press(&mut app, &["enter"]);
    assert_eq!(app.tab, Tab::Flywheel);
    let s = render(&mut app, 100, 30);
    assert!(s.contains("1/12 clarity"), "the wizard asks: {s}");
}
