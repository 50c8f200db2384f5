//! Editing the flywheel in the cockpit, driven by keys through the App: a metric sample,
//! the phase status, the lists, the review wizard, a pillar's risk, a value-stream step.

use crate::support;
use crate::support::tui as tui_support;

use std::path::Path;

use tui_support::*;
use wheelhouse::tui::app::App;
use wheelhouse::workspace::edit::flywheel::today;

fn root_file(root: &Path) -> String {
    std::fs::read_to_string(root.join("wheelhouse.toml")).unwrap()
}

fn flywheel_tab(root: &Path) -> App {
    let mut app = open(root);
    press(&mut app, &["1"]);
    app
}

#[test]
fn r_records_a_sample_for_today_s_cycles_the_status_u_undoes() {
    let (_tmp, root) = support::sample_copy();
    let before = root_file(&root);
    let mut app = flywheel_tab(&root);
    press(&mut app, &["r"]);
    assert!(render(&mut app, 100, 30).contains("Record a sample of"));
    type_text(&mut app, "weekly active");
    press(&mut app, &["enter"]);
    let screen = render(&mut app, 100, 30);
    assert!(
        screen.contains(&format!("on {}, now 21300", today())),
        "{screen}"
    );
    // not a number: asked again with the reason, nothing written
    type_text(&mut app, "lots");
    press(&mut app, &["enter"]);
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("`lots` is not a number"), "{screen}");
    assert_eq!(root_file(&root), before);
    type_text(&mut app, "23000");
    press(&mut app, &["enter"]);
    assert!(root_file(&root).contains(&format!(
        "  {{ date = 2024-04-30, value = 21300 }},\n  {{ date = {}, value = 23000 }},\n]",
        today()
    )));
    assert_eq!(
        app.ws.metric("weekly-active-members").unwrap().current(),
        Some(23000.0)
    );
    press(&mut app, &["s"]);
    assert!(root_file(&root).contains("persona = \"CEO\"\nstatus = \"not-started\""));
    press(&mut app, &["u", "u"]);
    assert_eq!(root_file(&root), before);
}

#[test]
fn c_edits_the_challenges_through_pickers() {
    let (_tmp, root) = support::sample_copy();
    let mut app = flywheel_tab(&root);
    // add
    press(&mut app, &["c", "enter"]);
    type_text(&mut app, "Nobody owns the north star");
    press(&mut app, &["enter"]);
    assert!(root_file(&root).contains(
        "  \"Lack of the whole picture: no concrete execution plan\",\n  \"Nobody owns the north star\",\n]"
    ));
    // the second challenge: move it up, then remove the (new) second one
    press(&mut app, &["c", "down", "down", "enter"]);
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("Move up"), "{screen}");
    press(&mut app, &["down", "enter"]);
    assert!(root_file(&root).contains(
        "challenges = [\n  \"Too focused on one critical metric (MRR), which lags by a quarter\",\n  \"Revenue dropped"
    ));
    press(
        &mut app,
        &[
            "c", "down", "down", "enter", "down", "down", "down", "enter",
        ],
    );
    assert!(!root_file(&root).contains("Revenue dropped by 60%"));
    assert_eq!(app.edits.len(), 3);
}

#[test]
fn shift_r_walks_the_review_wizard_and_writes_one_review() {
    let (_tmp, root) = support::sample_copy();
    let mut app = flywheel_tab(&root);
    press(&mut app, &["W"]);
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("1/12 clarity (last 3)"), "{screen}");
    // the whole question is read at 80 columns, wrapped inside the box, not cut on its frame
    let narrow = render(&mut app, 80, 24);
    assert!(narrow.contains("a data-informed"), "{narrow}");
    assert!(narrow.contains("│north star "), "{narrow}");
    assert!(narrow.contains("Enter ok"), "{narrow}");
    // a bad score is asked again
    press(&mut app, &["ctrl-u"]);
    type_text(&mut app, "7");
    press(&mut app, &["enter"]);
    assert!(render(&mut app, 100, 30).contains("a score is 0, 1, 2 or 3"));
    press(&mut app, &["ctrl-u"]);
    type_text(&mut app, "2");
    press(&mut app, &["enter"]);
    // the other eleven keep the last review's scores
    for _ in 0..11 {
        press(&mut app, &["enter"]);
    }
    assert!(render(&mut app, 100, 30).contains("Review actions"));
    press(&mut app, &["ctrl-u"]);
    type_text(&mut app, "Ship the SLOs; Re-map serving");
    press(&mut app, &["enter"]);
    press(&mut app, &["ctrl-u"]);
    type_text(&mut app, "Steady progress.");
    press(&mut app, &["enter"]);
    let text = root_file(&root);
    assert!(text.contains(&format!(
        "[review.{d}]\ndate = {d}\nscores = {{ clarity = [2, 2, 2], challenge = [2, 2, 1], next-action = [2, 1, 2], long-term = [1, 1, 0] }}\nactions = [\"Ship the SLOs\", \"Re-map serving\"]\nnotes = \"Steady progress.\"\n",
        d = today()
    )), "{text}");
    assert_eq!(app.edits.len(), 1, "one undo step");
    // the pane shows the new review's actions and notes beside its scores
    let screen = render(&mut app, 160, 60);
    assert!(screen.contains("Actions of review"), "{screen}");
    assert!(screen.contains("Ship the SLOs"), "{screen}");
    assert!(screen.contains("Steady progress."), "{screen}");
}

#[test]
fn e_edits_a_pillar_risk_and_a_value_stream_step() {
    let (_tmp, root) = support::sample_copy();
    let mut app = flywheel_tab(&root);
    // the long-term phase: its panel lists the pillars
    press(&mut app, &["k"]);
    let mut found = false;
    press(&mut app, &["w"]); // into the detail
    for _ in 0..60 {
        if app
            .selected_item()
            .is_some_and(|r| r.to_string() == "pillar:sustainability")
        {
            found = true;
            break;
        }
        press(&mut app, &["j"]);
    }
    assert!(found, "the sustainability pillar is selectable");
    press(&mut app, &["E"]);
    type_text(&mut app, "medium");
    press(&mut app, &["enter"]);
    assert!(root_file(&root).contains("name = \"Sustainability\"\nrisk = \"medium\""));

    press(&mut app, &["h"]); // next action: value streams
    let mut found = false;
    for _ in 0..60 {
        if app
            .selected_item()
            .is_some_and(|r| r.to_string().starts_with("value-stream:"))
        {
            found = true;
            break;
        }
        press(&mut app, &["j"]);
    }
    assert!(found, "a value stream is selectable");
    press(&mut app, &["E", "down", "enter"]); // the second step
    type_text(&mut app, "waste");
    press(&mut app, &["enter", "ctrl-u"]);
    type_text(&mut app, "WM");
    press(&mut app, &["enter"]);
    assert!(root_file(&root).contains("ca = 0.7\nwaste = [\"waiting\", \"motion\"]\n"));
}

/// The wizard's actions and notes start empty: typed as they come, they are written as typed
/// (a "-" stood there and was written in front of them); Enter alone is none.
#[test]
fn review_actions_and_notes_are_written_as_typed() {
    let (_tmp, root) = support::sample_copy();
    let mut app = flywheel_tab(&root);
    press(&mut app, &["W"]);
    for _ in 0..12 {
        press(&mut app, &["enter"]);
    }
    type_text(&mut app, "Set SLOs");
    press(&mut app, &["enter"]);
    type_text(&mut app, "Looks better");
    press(&mut app, &["enter"]);
    let text = root_file(&root);
    assert!(text.contains("actions = [\"Set SLOs\"]"), "{text}");
    assert!(text.contains("notes = \"Looks better\""), "{text}");
    // the next one with neither
    let (_tmp2, root2) = support::sample_copy();
    let mut app = flywheel_tab(&root2);
    press(&mut app, &["W"]);
    for _ in 0..14 {
        press(&mut app, &["enter"]);
    }
    let text = root_file(&root2);
    let review = text.rsplit("[review.").next().unwrap_or_default();
    assert!(!review.contains("\"-"), "{review}");
    assert_eq!(app.edits.len(), 1, "{review}");
}
