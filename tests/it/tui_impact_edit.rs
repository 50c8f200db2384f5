//! Editing the impact map in the cockpit, driven by keys through the App: prompts, the
//! delete confirmation, pickers, reordering with J/K, undo.

use crate::support;
use crate::support::tui as tui_support;

use std::path::Path;

use tui_support::*;
use wheelhouse::tui::app::App;

fn grow(root: &Path) -> String {
    std::fs::read_to_string(root.join("impact/grow-members.toml")).unwrap()
}

fn impact_tab(root: &Path) -> App {
    let mut app = open(root);
    press(&mut app, &["2"]);
    app
}

fn order_of(text: &str, prefix: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with(prefix))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_adds_one_level_down_o_a_sibling_s_cycles_the_status_u_undoes() {
    let (_tmp, root) = support::sample_copy();
    let before = grow(&root);
    let mut app = impact_tab(&root);
    // the goal is selected: `a` adds an actor
    press(&mut app, &["a"]);
    assert!(render(&mut app, 100, 30).contains("New actor under"));
    type_text(&mut app, "Partners");
    press(&mut app, &["enter"]);
    assert!(grow(&root).contains("[actor.partners]\nname = \"Partners\"\n"));
    // the new actor is selected: `a` adds an impact under it, then a deliverable under that
    press(&mut app, &["a"]);
    type_text(&mut app, "co-market offers");
    press(&mut app, &["enter"]);
    assert!(grow(&root).contains(
        "[impact.co-market-offers]\nactor = \"partners\"\nbehaviour = \"co-market offers\"\n"
    ));
    press(&mut app, &["a"]);
    type_text(&mut app, "Partner newsletter");
    press(&mut app, &["enter"]);
    // `o` adds a sibling deliverable under the same impact
    press(&mut app, &["o"]);
    type_text(&mut app, "Shared coupons");
    press(&mut app, &["enter"]);
    let text = grow(&root);
    assert!(text.contains("[deliverable.shared-coupons]\ntitle = \"Shared coupons\"\nimpacts = [\"co-market-offers\"]\nstatus = \"idea\"\n"), "{text}");
    press(&mut app, &["s", "s"]);
    assert!(grow(&root).contains(
        "title = \"Shared coupons\"\nimpacts = [\"co-market-offers\"]\nstatus = \"building\"\n"
    ));
    assert_eq!(app.edits.len(), 6);
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("Shared coupons"), "{screen}");
    for _ in 0..6 {
        press(&mut app, &["u"]);
    }
    assert_eq!(grow(&root), before);
}

#[test]
fn shift_j_and_k_reorder_siblings_and_do_not_pan() {
    let (_tmp, root) = support::sample_copy();
    let mut app = impact_tab(&root);
    press(&mut app, &["j"]); // the first actor
    let screen = render(&mut app, 100, 30);
    press(&mut app, &["J"]);
    let actors = order_of(&grow(&root), "[actor.");
    assert_eq!(
        &actors[..2],
        &["[actor.new-members]", "[actor.lapsed-members]"]
    );
    // the moved actor stays selected: K brings it back
    press(&mut app, &["K"]);
    let actors = order_of(&grow(&root), "[actor.");
    assert_eq!(
        &actors[..2],
        &["[actor.lapsed-members]", "[actor.new-members]"]
    );
    let tree = |s: &str| s.lines().take(29).collect::<Vec<_>>().join("\n");
    assert_eq!(
        tree(&render(&mut app, 100, 30)),
        tree(&screen),
        "same rows, nothing panned"
    );
    press(&mut app, &["K"]);
    assert!(app
        .message
        .clone()
        .unwrap()
        .text
        .contains("already the first"));
}

#[test]
fn d_confirms_with_what_goes_and_enter_deletes_the_subtree() {
    let (_tmp, root) = support::sample_copy();
    let mut app = impact_tab(&root);
    // the third actor is suppliers: fold the first two to reach it quickly
    press(&mut app, &["j", "z", "j", "z", "j"]);
    press(&mut app, &["d"]);
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("Delete Suppliers"), "{screen}");
    assert!(screen.contains("Removes 6 items"), "{screen}");
    assert!(screen.contains("map:market/"), "{screen}");
    press(&mut app, &["esc"]);
    assert!(grow(&root).contains("[actor.suppliers]"));
    press(&mut app, &["d", "enter"]);
    assert!(!grow(&root).contains("suppliers"));
    assert!(!std::fs::read_to_string(root.join("maps/market.toml"))
        .unwrap()
        .contains("supplier-self-service"));
    press(&mut app, &["u"]);
    assert!(grow(&root).contains("[actor.suppliers]"));
}

/// The delete confirmation shows every file the edit touches before Enter: at 80×24 the box
/// is as tall as its wrapped text (it was cut after the third link), and on a shorter screen
/// it says how much is below and scrolls.
#[test]
fn a_long_delete_confirmation_is_read_to_its_end() {
    let (_tmp, root) = support::sample_copy();
    let mut app = impact_tab(&root);
    press(&mut app, &["j", "d"]);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Delete Lapsed members"), "{screen}");
    assert!(screen.contains("adr:10"), "{screen}");
    assert!(screen.contains("u undoes it all in one step."), "{screen}");
    assert!(!screen.contains("more (j)"), "{screen}");
    let screen = render(&mut app, 80, 12);
    assert!(screen.contains("more (j)"), "{screen}");
    assert!(!screen.contains("u undoes it all"), "{screen}");
    let mut seen = screen.clone();
    for _ in 0..20 {
        press(&mut app, &["j"]);
        seen.push_str(&render(&mut app, 80, 12));
    }
    let end = render(&mut app, 80, 12);
    assert!(end.contains("u undoes it all in one step."), "{end}");
    assert!(end.contains("(end; k goes back up)"), "{end}");
    assert!(seen.contains("adr:10"), "{seen}");
    press(&mut app, &["g"]);
    assert!(render(&mut app, 80, 12).contains("Removes"));
    press(&mut app, &["esc"]);
    assert!(grow(&root).contains("[actor.lapsed-members]"));
}

/// A measure typed as the screen shows numbers (`15,000`) is a number; one that is not asks
/// again with the text kept (the prompt closed and took the typing with it).
#[test]
fn a_goal_value_takes_grouped_digits_and_a_refusal_keeps_the_text() {
    let (_tmp, root) = support::sample_copy();
    let mut app = impact_tab(&root);
    press(&mut app, &["g", "v", "enter", "ctrl-u"]);
    type_text(&mut app, "15,000");
    press(&mut app, &["enter"]);
    assert!(
        grow(&root).contains("baseline = 15000\n"),
        "{}",
        grow(&root)
    );
    press(&mut app, &["g", "v", "enter", "ctrl-u"]);
    type_text(&mut app, "15,00");
    press(&mut app, &["enter"]);
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("must be a number"), "{screen}");
    assert!(screen.contains("Goal baseline"), "asked again: {screen}");
    assert!(screen.contains("15,00"), "the text kept: {screen}");
    // the text is there to correct
    press(&mut app, &["backspace", "backspace", "backspace"]);
    type_text(&mut app, "500");
    press(&mut app, &["enter"]);
    assert!(
        grow(&root).contains("baseline = 15500\n"),
        "{}",
        grow(&root)
    );
    assert!(!render(&mut app, 100, 30).contains("Goal baseline"));
}

#[test]
fn x_toggles_direction_m_moves_v_edits_the_measure_n_links() {
    let (_tmp, root) = support::sample_copy();
    let mut app = impact_tab(&root);
    press(&mut app, &["j", "j"]); // lapsed members → come back weekly
    press(&mut app, &["x"]);
    assert!(grow(&root).contains(
        "behaviour = \"come back every week for new offers\"\ndirection = \"obstruct\"\n"
    ));
    // move the impact under another actor: the picker lists the other actors
    press(&mut app, &["m"]);
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("Move come back every week"), "{screen}");
    type_text(&mut app, "support team");
    press(&mut app, &["enter"]);
    assert!(grow(&root).contains("[impact.come-back-weekly]\nactor = \"support-team\"\n"));
    // the goal's measure: pick the baseline, replace it
    press(&mut app, &["g", "v"]);
    press(&mut app, &["enter"]);
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("Goal baseline"), "{screen}");
    press(&mut app, &["ctrl-u"]);
    type_text(&mut app, "13000");
    press(&mut app, &["enter"]);
    assert!(grow(&root).contains("baseline = 13000\n"));
    // link a deliverable: the picker of decisions, metrics and components
    let (_tmp2, root2) = support::sample_copy();
    let mut app = impact_tab(&root2);
    press(&mut app, &["j", "j", "j"]); // weekly digest under come back weekly
    press(&mut app, &["n"]);
    // the kind is a column of its own, not part of the name matched
    type_text(&mut app, "weekly active");
    press(&mut app, &["enter"]);
    let text = grow(&root2);
    assert!(
        text.contains(
            "links = [\"adr:10\", \"map:market/weekly-digest\", \"metric:weekly-active-members\"]"
        ),
        "{text}"
    );
    press(&mut app, &["s"]);
    assert!(app.message.clone().unwrap().text.contains("dropped"));
}

#[test]
fn capital_m_makes_an_impact_map_not_a_wardley_map() {
    let (_tmp, root) = support::sample_copy();
    let mut app = impact_tab(&root);
    press(&mut app, &["M"]);
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("New impact map: the goal"), "{screen}");
    type_text(&mut app, "Win partners");
    press(&mut app, &["enter"]);
    assert!(root.join("impact/win-partners.toml").is_file());
    assert!(!root.join("maps/win-partners.toml").exists());
}

/// On a screen too small to draw the panes, keys do nothing but quit: `d` then Enter deleted
/// a subtree through a confirmation that was never drawn.
#[test]
fn keys_do_nothing_on_a_screen_too_small_to_draw_on() {
    let (_tmp, root) = support::sample_copy();
    let before = grow(&root);
    let mut app = impact_tab(&root);
    press(&mut app, &["j"]);
    let screen = render(&mut app, 20, 5);
    assert!(screen.contains("enlarge"), "{screen}");
    press(&mut app, &["d", "enter"]);
    assert_eq!(grow(&root), before, "nothing deleted unseen");
    // back at a size that draws (the resize redraws), the same keys ask first
    app.update(wheelhouse::tui::action::Action::Resize(100, 30));
    press(&mut app, &["d"]);
    assert!(render(&mut app, 100, 30).contains("Delete"));
    press(&mut app, &["esc"]);
    render(&mut app, 20, 5);
    press(&mut app, &["q"]);
    assert!(app.quit, "q still leaves");
}

/// A goal's measure left empty is removed (Enter on nothing did nothing, silently); elsewhere
/// Enter on nothing says what to do.
#[test]
fn an_empty_goal_field_removes_it_and_other_prompts_say_what_to_do() {
    let (_tmp, root) = support::sample_copy();
    let mut app = impact_tab(&root);
    assert!(grow(&root).contains("baseline = "));
    press(&mut app, &["g", "v", "enter", "ctrl-u", "enter"]);
    assert!(!grow(&root).contains("baseline = "), "{}", grow(&root));
    press(&mut app, &["a", "enter"]);
    let s = render(&mut app, 100, 30);
    assert!(s.contains("type an answer, or Esc to cancel"), "{s}");
}
