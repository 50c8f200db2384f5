//! Editing in the cockpit, driven by keys: gestures previewed and committed or put back,
//! refusals when a file changed on disk, a gesture pending at quit committed, prompts.

use crate::support;
use crate::support::tui as tui_support;

use std::path::Path;

use tui_support::*;
use wheelhouse::tui::action::Action;
use wheelhouse::tui::app::App;

fn market(root: &Path) -> String {
    std::fs::read_to_string(root.join("maps/market.toml")).unwrap()
}

fn members(app: &App) -> (f64, f64) {
    let c = app.ws.map("market").unwrap().component("members").unwrap();
    (c.visibility, c.evolution)
}

fn landscape(root: &Path) -> App {
    let mut app = open(root);
    press(&mut app, &["4"]);
    app
}

#[test]
fn esc_puts_a_move_back_and_writes_nothing() {
    let (_tmp, root) = support::sample_copy();
    let before = market(&root);
    let mut app = landscape(&root);
    press(&mut app, &["m", "l", "l", "K"]);
    assert_eq!(members(&app), (1.0, 0.44), "previewed in the model");
    assert!(render(&mut app, 100, 30).contains("MOVE Members"));
    assert_eq!(market(&root), before, "nothing written during the gesture");
    press(&mut app, &["esc"]);
    assert_eq!(members(&app), (0.96, 0.42));
    assert_eq!(market(&root), before);
    assert!(!render(&mut app, 100, 30).contains("MOVE Members"));
}

#[test]
fn enter_commits_the_gesture_as_one_undo_step() {
    let (_tmp, root) = support::sample_copy();
    let before = market(&root);
    let mut app = landscape(&root);
    press(&mut app, &["m", "l", "l", "l", "j", "enter"]);
    assert_eq!(members(&app), (0.95, 0.45));
    assert!(market(&root).contains("visibility = 0.95\nevolution = 0.45"));
    assert_eq!(app.edits.len(), 1);
    press(&mut app, &["u"]);
    assert_eq!(market(&root), before);
    assert_eq!(members(&app), (0.96, 0.42));
    press(&mut app, &["ctrl-r"]);
    assert_eq!(members(&app), (0.95, 0.45));
}

#[test]
fn a_gesture_pending_at_quit_is_committed() {
    let (_tmp, root) = support::sample_copy();
    let mut app = landscape(&root);
    press(&mut app, &["m", "L"]);
    app.update(Action::Quit);
    assert!(app.quit);
    assert!(
        market(&root).contains("evolution = 0.47"),
        "{}",
        market(&root)
    );
}

/// The files read again during a move (back from ctrl-z, `R`, another program's write): the
/// preview lived in the model replaced, so the move is put back and said, not left on screen
/// as a MOVE that moves nothing.
#[test]
fn a_move_under_way_when_the_files_are_read_again_is_put_back() {
    let (_tmp, root) = support::sample_copy();
    let before = market(&root);
    let mut app = landscape(&root);
    press(&mut app, &["m", "l", "l"]);
    assert!(render(&mut app, 100, 30).contains("MOVE Members"));
    let ws = app.ws.reload();
    app.replace_workspace(ws);
    let screen = render(&mut app, 100, 30);
    assert!(!screen.contains("MOVE Members"), "{screen}");
    assert!(screen.contains("move under way was put back"), "{screen}");
    assert_eq!(members(&app), (0.96, 0.42));
    // the next keys are not a move, and nothing was written
    press(&mut app, &["l", "enter"]);
    assert_eq!(members(&app), (0.96, 0.42));
    assert_eq!(market(&root), before);
    // the same when another program writes the map meanwhile
    press(&mut app, &["m", "l"]);
    let edited = before.replace("evolution = 0.42", "evolution = 0.40");
    std::fs::write(root.join("maps/market.toml"), &edited).unwrap();
    app.files_changed(&[std::path::PathBuf::from("maps/market.toml")]);
    assert!(!render(&mut app, 100, 30).contains("MOVE Members"));
    assert_eq!(members(&app), (0.96, 0.40));
    assert_eq!(market(&root), edited);
}

#[test]
fn an_edit_to_a_file_changed_on_disk_is_refused_and_the_file_reloaded() {
    let (_tmp, root) = support::sample_copy();
    let mut app = landscape(&root);
    let outside = market(&root).replace("name = \"Members 會員\"", "name = \"Club members\"");
    std::fs::write(root.join("maps/market.toml"), &outside).unwrap();
    press(&mut app, &["i"]);
    assert_eq!(market(&root), outside, "not written over");
    let msg = app.message.clone().expect("a message");
    assert!(msg.error && msg.text.contains("changed on disk"), "{msg:?}");
    assert_eq!(
        app.ws
            .map("market")
            .unwrap()
            .component("members")
            .unwrap()
            .name,
        "Club members",
        "the changed file was reloaded"
    );
    // repeating the edit now works
    press(&mut app, &["i"]);
    assert!(market(&root).contains("inertia = true"));
}

#[test]
fn undo_refuses_when_the_file_changed_since() {
    let (_tmp, root) = support::sample_copy();
    let mut app = landscape(&root);
    press(&mut app, &["i"]);
    let outside = market(&root) + "\n# someone else\n";
    std::fs::write(root.join("maps/market.toml"), &outside).unwrap();
    press(&mut app, &["u"]);
    assert_eq!(market(&root), outside);
    let msg = app.message.clone().expect("a message");
    assert!(msg.error && msg.text.contains("cannot undo"), "{msg:?}");
}

#[test]
fn add_rename_and_delete_through_prompts_and_the_confirmation() {
    let (_tmp, root) = support::sample_copy();
    let mut app = landscape(&root);
    press(&mut app, &["a"]);
    app.update(Action::Paste("Edge\ncache\n".into()));
    press(&mut app, &["enter"]);
    let map = app.ws.map("market").unwrap();
    let c = map
        .component("edge-cache")
        .expect("added, pasted lines flattened");
    assert_eq!(c.name, "Edge cache");
    // the new component is selected: rename it, editing the name in place
    press(
        &mut app,
        &["r", "ctrl-a", "ctrl-f", "ctrl-f", "ctrl-f", "ctrl-f"],
    );
    type_text(&mut app, "-side");
    press(&mut app, &["enter"]);
    let c = app
        .ws
        .map("market")
        .unwrap()
        .component("edge-cache")
        .unwrap();
    assert_eq!(c.name, "Edge-side cache");
    // delete asks first; Esc keeps it
    press(&mut app, &["d"]);
    assert!(render(&mut app, 100, 30).contains("Delete Edge-side cache?"));
    press(&mut app, &["esc"]);
    assert!(app
        .ws
        .map("market")
        .unwrap()
        .component("edge-cache")
        .is_some());
    press(&mut app, &["d", "enter"]);
    assert!(app
        .ws
        .map("market")
        .unwrap()
        .component("edge-cache")
        .is_none());
    assert_eq!(app.edits.len(), 3);
}

#[test]
fn delete_confirmation_lists_what_points_at_the_component() {
    let (_tmp, root) = support::sample_copy();
    let mut app = open(&root);
    app.update(Action::Follow(
        wheelhouse::workspace::Reference::parse("map:market/email-delivery").unwrap(),
    ));
    press(&mut app, &["d"]);
    let s = render(&mut app, 100, 30);
    assert!(s.contains("Delete E-mail delivery?"), "{s}");
    assert!(s.contains("Weekly digest"), "needed by: {s}");
    assert!(s.contains("adr:10"), "linked from ADR 10: {s}");
}

#[test]
fn dragging_a_component_moves_it_and_letting_go_writes_one_edit() {
    let (_tmp, root) = support::sample_copy();
    let mut app = landscape(&root);
    let screen = render(&mut app, 100, 30);
    let (row, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Members 會員") && l.contains('◆'))
        .expect("the Members anchor on the grid");
    let col = line.chars().position(|c| c == '◆').unwrap() as u16;
    let row = row as u16;
    app.update(Action::Click { col, row });
    app.update(Action::Drag { col: col + 4, row });
    app.update(Action::Drag { col: col + 8, row });
    let (v, e) = members(&app);
    assert_eq!(v, 0.96);
    assert!(e > 0.47, "moved right along evolution: {e}");
    render(&mut app, 100, 30);
    app.update(Action::Release { col: col + 8, row });
    assert_eq!(app.edits.len(), 1, "one edit for the whole drag");
    assert!(
        market(&root).contains(&format!("evolution = {e}\n")),
        "{}",
        market(&root)
    );
    // a click without a drag writes nothing
    app.update(Action::Click { col: col + 8, row });
    app.update(Action::Release { col: col + 8, row });
    assert_eq!(app.edits.len(), 1);
}

/// On an empty map a component edit says there is nothing to act on (it did nothing, silently),
/// and the first anchor goes near the top, where a value chain starts.
#[test]
fn an_empty_map_says_what_to_do_and_its_first_anchor_heads_it() {
    let (_tmp, root) = support::sample_copy();
    let o = support::wh(&root, &["map", "new", "blank", "--title", "Blank"]);
    assert!(o.status.success(), "{}", support::stderr(&o));
    let mut app = landscape(&root);
    for _ in 0..3 {
        if render(&mut app, 100, 30).contains("Blank") {
            break;
        }
        press(&mut app, &["]"]);
    }
    assert!(render(&mut app, 100, 30).contains("Blank"));
    for key in ["m", "n", "d"] {
        press(&mut app, &[key]);
        let screen = render(&mut app, 100, 30);
        assert!(
            screen.contains("no component selected: a adds one"),
            "{key}: {screen}"
        );
    }
    press(&mut app, &["A"]);
    type_text(&mut app, "Member");
    press(&mut app, &["enter"]);
    let text = std::fs::read_to_string(root.join("maps/blank.toml")).unwrap();
    assert!(text.contains("visibility = 0.95"), "{text}");
}
