//! The link pickers (`n` in the Landscape and the Impact map, `L` in Decisions): what is
//! already linked stays in the list, marked, and choosing it refuses instead of linking a weaker
//! match; the query is matched against an item's name or id, never across them or a kind word.

use crate::support;
use crate::support::tui as tui_support;

use std::path::Path;

use tui_support::*;
use wheelhouse::tui::action::Action;
use wheelhouse::tui::app::App;
use wheelhouse::tui::popups::Popup;

/// The picker's hits as (label, note), best first.
fn hits(app: &App) -> Vec<(String, String)> {
    match &app.popup {
        Some(Popup::Finder(f)) => f
            .hits()
            .map(|e| (e.label.clone(), e.note.clone()))
            .collect(),
        _ => panic!("no picker open"),
    }
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap()
}

fn at(root: &Path, reference: &str) -> App {
    let mut app = open(root);
    app.update(Action::Follow(support::r(reference)));
    app
}

#[test]
fn landscape_an_already_needed_component_is_listed_and_refused() {
    let (_tmp, root) = support::sample_copy();
    let before = read(&root, "maps/market.toml");
    // Supplier self-service portal already needs CRM and Payments
    let mut app = at(&root, "map:market/supplier-portal");
    press(&mut app, &["n"]);
    type_text(&mut app, "pay");
    let found = hits(&app);
    assert_eq!(
        found.first().map(|(l, n)| (l.as_str(), n.as_str())),
        Some(("Payments", "already needed")),
        "{found:?}"
    );
    // "pay" is not in Loyalty points: p from its name, a and y from its id do not make a match
    assert!(
        !found.iter().any(|(l, _)| l == "Loyalty points"),
        "{found:?}"
    );
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("Payments · already needed"), "{screen}");
    press(&mut app, &["enter"]);
    assert_eq!(read(&root, "maps/market.toml"), before, "nothing linked");
    let msg = app.message.clone().expect("a message");
    assert!(
        msg.error
            && msg
                .text
                .contains("Supplier self-service portal already needs Payments"),
        "{msg:?}"
    );
    // the component itself is listed too, and refused
    press(&mut app, &["n"]);
    type_text(&mut app, "supplier self");
    assert_eq!(
        hits(&app).first().map(|(_, n)| n.as_str()),
        Some("itself"),
        "{:?}",
        hits(&app)
    );
    press(&mut app, &["enter"]);
    assert_eq!(read(&root, "maps/market.toml"), before);
    assert!(app
        .message
        .clone()
        .unwrap()
        .text
        .contains("cannot need itself"));
    // a component it does not need yet is linked as before
    press(&mut app, &["n"]);
    type_text(&mut app, "e-mail");
    press(&mut app, &["enter"]);
    assert!(read(&root, "maps/market.toml")
        .contains("needs = [\"crm\", \"payments\", \"email-delivery\"]"));
}

#[test]
fn impact_an_already_linked_target_is_listed_and_refused() {
    let (_tmp, root) = support::sample_copy();
    let before = read(&root, "impact/grow-members.toml");
    // the weekly digest deliverable links adr:10 and map:market/weekly-digest
    let mut app = open(&root);
    press(&mut app, &["2", "j", "j", "j", "n"]);
    // by its id this time: the name and the id are each matched
    type_text(&mut app, "market/weekly-digest");
    let found = hits(&app);
    assert!(
        found
            .first()
            .is_some_and(|(l, n)| l.starts_with("Weekly digest (Members club market")
                && n == "already linked"),
        "{found:?}"
    );
    press(&mut app, &["enter"]);
    assert_eq!(read(&root, "impact/grow-members.toml"), before);
    let msg = app.message.clone().expect("a message");
    assert!(
        msg.error && msg.text.contains("already links to"),
        "{msg:?}"
    );
    // the kind is a column, not part of the name: `metric` alone does not pick every metric
    press(&mut app, &["n"]);
    type_text(&mut app, "weekly active");
    let found = hits(&app);
    assert!(
        found
            .first()
            .is_some_and(|(l, _)| l.starts_with("Weekly active members")),
        "{found:?}"
    );
    press(&mut app, &["enter"]);
    assert!(read(&root, "impact/grow-members.toml").contains(
        "links = [\"adr:10\", \"map:market/weekly-digest\", \"metric:weekly-active-members\"]"
    ));
}

#[test]
fn decisions_an_already_linked_item_is_listed_and_refused() {
    let (_tmp, root) = support::sample_copy();
    let rel = "decisions/0010-send-the-digest-from-the-on-premise-mail-server.toml";
    let before = read(&root, rel);
    // ADR 10 links map:market/email-delivery
    let mut app = at(&root, "adr:10");
    press(&mut app, &["L"]);
    type_text(&mut app, "e-mail delivery");
    let found = hits(&app);
    assert!(
        found.first().is_some_and(|(l, n)| {
            l.starts_with("E-mail delivery (Members club market") && n == "already linked"
        }),
        "{found:?}"
    );
    // removing it is still offered, by name
    assert!(
        found
            .iter()
            .any(|(l, _)| l.starts_with("remove link to E-mail delivery (Members club market")),
        "{found:?}"
    );
    press(&mut app, &["enter"]);
    assert_eq!(read(&root, rel), before, "nothing linked");
    let msg = app.message.clone().expect("a message");
    assert!(
        msg.error && msg.text.contains("already links to"),
        "{msg:?}"
    );
}

#[test]
fn decisions_link_picker_does_not_match_the_kind_word() {
    let (_tmp, root) = support::sample_copy();
    let mut app = at(&root, "adr:1");
    press(&mut app, &["L"]);
    // "Host page rendering on EC2 instances" holds no c…d…n; "decision" did
    type_text(&mut app, "cdn");
    let found = hits(&app);
    assert!(
        !found.iter().any(|(l, _)| l.starts_with("ADR-0002")),
        "{found:?}"
    );
    // the kind is still shown, in a column of its own
    let screen = render(&mut app, 100, 30);
    assert!(
        screen.contains("│component    Content Distribution Network"),
        "{screen}"
    );
}
