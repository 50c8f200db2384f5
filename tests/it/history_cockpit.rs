//! Strategy over time in the cockpit: trails (`T`), the time slider (`,` `.` `;`) and the diff
//! view (`D`) on a repository scripted with gix. The history the Landscape asks for is read
//! here the way the event loop's reader thread does (`git_history::answer`) and handed back.

use crate::support::git as git_support;
use crate::support::tui as tui_support;

use std::path::{Path, PathBuf};

use git_support::Repo;
use wheelhouse::history::timeline::map_timeline;
use wheelhouse::tui::app::App;
use wheelhouse::tui::git_history;

const ROOT: &str = "[workspace]\nname = \"Time Co\"\nformat = 1\n";

fn component(id: &str, name: &str, visibility: f64, evolution: f64) -> String {
    format!("\n[component.{id}]\nname = \"{name}\"\nvisibility = {visibility}\nevolution = {evolution}\n")
}

/// Four commits to `maps/serving.toml`: Alpha goes 0.10 → 0.25 (into Custom-Built) → 0.45
/// (into Product), Beta 0.30 → 0.35, Gone is removed and Cargo arrives in the last.
fn scripted() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_path_buf();
    let mut r = Repo::new(&root);
    let map = |a: f64, b: f64, gone: bool, cargo: bool| {
        let mut s = String::from("[map]\ntitle = \"Serving\"\n");
        s.push_str(&component("alpha", "Alpha", 0.8, a));
        s.push_str(&component("beta", "Beta", 0.4, b));
        if gone {
            s.push_str(&component("gone", "Gone", 0.6, 0.5));
        }
        if cargo {
            s.push_str(&component("cargo", "Cargo", 0.2, 0.8));
        }
        s
    };
    r.commit(
        "2024-01-01",
        &[
            ("wheelhouse.toml", ROOT.to_string()),
            ("maps/serving.toml", map(0.10, 0.30, true, false)),
        ],
        &[],
    );
    r.commit(
        "2024-02-01",
        &[("maps/serving.toml", map(0.25, 0.30, true, false))],
        &[],
    );
    r.commit(
        "2024-04-01",
        &[("maps/serving.toml", map(0.45, 0.35, true, false))],
        &[],
    );
    r.commit(
        "2024-05-01",
        &[("maps/serving.toml", map(0.45, 0.35, false, true))],
        &[],
    );
    (tmp, root)
}

/// Answers what the app asked of git, as the event loop's reader thread does, until it asks
/// for nothing more.
fn serve_history(app: &mut App, root: &Path) -> usize {
    let mut served = 0;
    for _ in 0..8 {
        let requests = app.take_history_requests();
        if requests.is_empty() {
            break;
        }
        for r in requests {
            let answer = git_history::answer(root, None, &r);
            app.history_arrived(&r, &answer);
            served += 1;
        }
    }
    served
}

fn alpha(app: &App) -> f64 {
    app.ws
        .map("serving")
        .and_then(|m| m.component("alpha"))
        .map(|c| c.evolution)
        .unwrap()
}

#[test]
fn the_timeline_holds_every_version_and_each_component_trail() {
    let (_tmp, root) = scripted();
    let tl = map_timeline(&root, "serving", "HEAD").unwrap();
    assert_eq!(tl.versions.len(), 4);
    assert_eq!(tl.versions[1].subject, "change 2024-02-01");
    assert_eq!(tl.versions[3].commit.date, "2024-05-01");
    // at the working tree: two past positions, each move crossing a stage
    let t = tl.trail("alpha", None, (0.45, 0.8), 5);
    assert_eq!(t.points, vec![(0.10, 0.8), (0.25, 0.8)]);
    assert_eq!(t.crossed, vec![true, true]);
    assert!(t.speed_per_90_days > 0.2, "{}", t.speed_per_90_days);
    // at the second version only the first position lies behind it
    let t = tl.trail("alpha", Some(1), (0.25, 0.8), 5);
    assert_eq!(t.points, vec![(0.10, 0.8)]);
    // the trail keeps the last n positions
    let t = tl.trail("alpha", None, (0.45, 0.8), 1);
    assert_eq!(t.points, vec![(0.25, 0.8)]);
    // one that never moved has no trail
    assert!(tl.trail("cargo", None, (0.8, 0.2), 5).points.is_empty());
    // the first step back skips the version equal to the working tree
    let now = tl.versions[3].map.clone();
    assert_eq!(tl.step_back(None, Some(&now)), Some(2));
    assert_eq!(tl.step_back(Some(0), None), Some(0));
    assert_eq!(tl.step_forward(3), None);
}

#[test]
fn trails_are_read_off_the_ui_thread_then_drawn() {
    let (_tmp, root) = scripted();
    let mut app = tui_support::open(&root);
    tui_support::press(&mut app, &["4", "T"]);
    // asked for, not read: the header says so until the answer comes
    let screen = tui_support::render(&mut app, 80, 24);
    assert!(screen.contains("reading history…"), "{screen}");
    assert!(serve_history(&mut app, &root) >= 1);
    let screen = tui_support::render(&mut app, 80, 24);
    assert!(screen.contains("trails: ∘ was × stage"), "{screen}");
    assert!(screen.contains('∘'), "{screen}");
    assert!(screen.contains('×'), "{screen}");
    insta::assert_snapshot!("cockpit_trails_80x24", screen);
    // the keys are in the help, which lists the keymap's Landscape bindings
    let keymap = wheelhouse::tui::keymap::Keymap::default_keymap();
    let landscape = keymap.context_bindings(wheelhouse::tui::keymap::Context::Landscape);
    for (name, key) in [
        ("toggle-trails", "T"),
        ("time-back", ","),
        ("time-forward", "."),
        ("time-present", ";"),
        ("diff-view", "D"),
    ] {
        assert!(
            landscape.iter().any(|(n, _, k)| *n == name && k == key),
            "{name}: {landscape:?}"
        );
    }
    // off again: nothing of it is drawn
    tui_support::press(&mut app, &["T"]);
    let screen = tui_support::render(&mut app, 80, 24);
    assert!(!screen.contains('∘'), "{screen}");
}

#[test]
fn the_time_slider_steps_the_map_through_its_commits_read_only() {
    let (_tmp, root) = scripted();
    let mut app = tui_support::open(&root);
    let before = std::fs::read_to_string(root.join("maps/serving.toml")).unwrap();
    tui_support::press(&mut app, &["4", ","]);
    serve_history(&mut app, &root);
    // the step waited for the history, then showed the commit before the working tree's
    assert_eq!(alpha(&app), 0.45);
    assert!(app.ws.map("serving").unwrap().component("gone").is_some());
    let screen = tui_support::render(&mut app, 80, 24);
    assert!(screen.contains("3/4"), "{screen}");
    assert!(screen.contains("2024-04-01"), "{screen}");
    insta::assert_snapshot!("cockpit_slider_80x24", screen);
    // narrower, the header keeps the version and drops `map 1/1` whole, never cut to `ma`
    let narrow = tui_support::render(&mut app, 60, 24);
    let header = narrow.lines().nth(1).unwrap_or_default();
    assert!(header.contains("3/4"), "{header}");
    assert!(
        header.contains("map 1/1") || !header.contains(" ma"),
        "{header}"
    );
    tui_support::press(&mut app, &[",", ","]);
    assert_eq!(alpha(&app), 0.10);
    tui_support::press(&mut app, &[","]);
    assert_eq!(alpha(&app), 0.10, "the oldest stays");
    tui_support::press(&mut app, &["."]);
    assert_eq!(alpha(&app), 0.25);
    // an edit in the past is refused as it starts (no move mode to work in), and on disk
    tui_support::press(&mut app, &["m"]);
    let screen = tui_support::render(&mut app, 80, 24);
    assert!(
        screen.contains("read-only: ; returns to the present"),
        "the whole refusal fits at 80 columns: {screen}"
    );
    assert!(!screen.contains("MOVE"), "{screen}");
    tui_support::press(&mut app, &["l", "l", "enter", "a"]);
    assert_eq!(alpha(&app), 0.25);
    assert_eq!(
        std::fs::read_to_string(root.join("maps/serving.toml")).unwrap(),
        before
    );
    // `;` is the working tree again, and edits work there
    tui_support::press(&mut app, &[";"]);
    assert!(app.ws.map("serving").unwrap().component("gone").is_none());
    assert!(app.past_label().is_none());
    tui_support::press(&mut app, &[",", ".", "."]);
    assert!(
        app.past_label().is_none(),
        "forward past the newest is the working tree"
    );
    assert_eq!(alpha(&app), 0.45);
}

#[test]
fn a_file_read_again_puts_the_working_tree_back() {
    let (_tmp, root) = scripted();
    let mut app = tui_support::open(&root);
    tui_support::press(&mut app, &["4", ","]);
    serve_history(&mut app, &root);
    assert!(app.past_label().is_some());
    app.files_changed(&[root.join("maps/serving.toml")]);
    assert!(app.past_label().is_none());
    assert!(app.ws.map("serving").unwrap().component("gone").is_none());
    let screen = tui_support::render(&mut app, 80, 24);
    assert!(!screen.contains("3/4"), "{screen}");
}

#[test]
fn the_diff_view_marks_moved_added_and_removed_components() {
    let (_tmp, root) = scripted();
    let mut app = tui_support::open(&root);
    tui_support::press(&mut app, &["4", "D"]);
    serve_history(&mut app, &root);
    // a pick of the commits that changed the map, newest first: the oldest is last
    let screen = tui_support::render(&mut app, 80, 24);
    assert!(
        screen.contains("Diff the map against the revision"),
        "{screen}"
    );
    tui_support::press(&mut app, &["pagedown", "enter"]);
    let screen = tui_support::render(&mut app, 80, 24);
    assert!(screen.contains("○ was · + new · ✕ gone"), "{screen}");
    assert!(screen.contains('○'), "{screen}");
    assert!(screen.contains('✕'), "{screen}");
    assert!(screen.contains('+'), "{screen}");
    insta::assert_snapshot!("cockpit_diff_80x24", screen);
    tui_support::press(&mut app, &[";"]);
    let screen = tui_support::render(&mut app, 80, 24);
    assert!(!screen.contains('✕'), "{screen}");
}

#[test]
fn a_revision_outside_the_timeline_is_read_from_git() {
    let (_tmp, root) = scripted();
    let mut app = tui_support::open(&root);
    tui_support::press(&mut app, &["4"]);
    app.update(wheelhouse::tui::action::Action::DiffAgainst(
        "HEAD~3".into(),
    ));
    let screen = tui_support::render(&mut app, 80, 24);
    assert!(screen.contains("reading history…"), "{screen}");
    serve_history(&mut app, &root);
    let screen = tui_support::render(&mut app, 80, 24);
    assert!(screen.contains("○ was"), "{screen}");
    assert!(screen.contains('✕'), "{screen}");
}

/// The scripted history with tag `v1` on its first commit and `v2` on its third.
fn tagged() -> (tempfile::TempDir, PathBuf) {
    let (tmp, root) = scripted();
    let repo = gix::open(&root).unwrap();
    for (name, rev) in [("v1", "HEAD~3"), ("v2", "HEAD~1")] {
        let id = repo.rev_parse_single(rev).unwrap().detach();
        repo.tag_reference(name, id, gix::refs::transaction::PreviousValue::Any)
            .unwrap();
    }
    (tmp, root)
}

#[test]
fn the_diff_pick_offers_a_typed_revision_then_the_tags_newest_first() {
    let (_tmp, root) = tagged();
    let mut app = tui_support::open(&root);
    tui_support::press(&mut app, &["4", "D"]);
    serve_history(&mut app, &root);
    let screen = tui_support::render(&mut app, 80, 24);
    let at = |needle: &str| {
        screen
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} missing:\n{screen}"))
    };
    assert!(at("type a revision…") < at("tag v2"), "{screen}");
    assert!(at("tag v2") < at("tag v1"), "{screen}");
    // picking a tag diffs against the commit it names (read from git: not a hash)
    tui_support::type_text(&mut app, "tag v1");
    tui_support::press(&mut app, &["enter"]);
    serve_history(&mut app, &root);
    let screen = tui_support::render(&mut app, 80, 24);
    assert!(screen.contains("vs "), "{screen}");
    assert!(screen.contains("2024-01-01"), "{screen}");
    assert!(screen.contains('✕'), "{screen}");
}

#[test]
fn a_typed_revision_opens_the_diff_view() {
    let (_tmp, root) = tagged();
    let mut app = tui_support::open(&root);
    tui_support::press(&mut app, &["4", "D"]);
    serve_history(&mut app, &root);
    // the first entry asks for any revision
    tui_support::press(&mut app, &["enter"]);
    let screen = tui_support::render(&mut app, 80, 24);
    assert!(screen.contains("HEAD~20, a tag, an id"), "{screen}");
    tui_support::type_text(&mut app, "HEAD~2");
    tui_support::press(&mut app, &["enter"]);
    serve_history(&mut app, &root);
    let screen = tui_support::render(&mut app, 80, 24);
    assert!(screen.contains("2024-02-01: ○ was"), "{screen}");
    assert!(app.message.as_ref().is_none_or(|m| !m.error), "{screen}");
}

#[test]
fn a_revision_that_names_nothing_is_a_line_in_the_status_bar() {
    let (_tmp, root) = tagged();
    let mut app = tui_support::open(&root);
    tui_support::press(&mut app, &["4", "D"]);
    serve_history(&mut app, &root);
    tui_support::press(&mut app, &["enter"]);
    tui_support::type_text(&mut app, "no-such-tag~3");
    tui_support::press(&mut app, &["enter"]);
    serve_history(&mut app, &root);
    let message = app.message.clone().expect("a message");
    assert!(message.error, "{message:?}");
    assert!(message.text.contains("no-such-tag~3"), "{message:?}");
    let screen = tui_support::render(&mut app, 80, 24);
    assert!(
        !screen.contains("○ was"),
        "no diff view is left open: {screen}"
    );
    assert!(!screen.contains("reading history"), "{screen}");
    // and a revision past the first commit says so too
    tui_support::press(&mut app, &["D", "enter"]);
    serve_history(&mut app, &root);
    tui_support::type_text(&mut app, "HEAD~40");
    tui_support::press(&mut app, &["enter"]);
    serve_history(&mut app, &root);
    assert!(app
        .message
        .as_ref()
        .is_some_and(|m| m.error && m.text.contains("HEAD~40")));
}

#[test]
fn outside_git_the_trails_say_no_history_in_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("wheelhouse.toml"), ROOT).unwrap();
    std::fs::create_dir(tmp.path().join("maps")).unwrap();
    std::fs::write(
        tmp.path().join("maps/serving.toml"),
        format!(
            "[map]\ntitle = \"Serving\"\n{}",
            component("a", "A", 0.5, 0.5)
        ),
    )
    .unwrap();
    let mut app = tui_support::open(tmp.path());
    tui_support::press(&mut app, &["4", "T", ","]);
    serve_history(&mut app, tmp.path());
    let screen = tui_support::render(&mut app, 80, 24);
    assert!(screen.contains("no history:"), "{screen}");
    assert!(app.past_label().is_none());
    assert!(app.message.as_ref().is_none_or(|m| !m.error), "{screen}");
}

/// Every file under `dir`, as (path relative to it, text).
fn files_under(dir: &Path, prefix: &str, out: &mut Vec<(String, String)>) {
    for e in std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()) {
        let name = format!("{prefix}{}", e.file_name().to_string_lossy());
        if e.file_type().unwrap().is_dir() {
            files_under(&e.path(), &format!("{name}/"), out);
        } else {
            out.push((name, std::fs::read_to_string(e.path()).unwrap()));
        }
    }
}

#[test]
fn rev_reads_the_subfolders_of_a_markdown_adr_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let mut r = Repo::new(tmp.path());
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/md-adr/kuma-like");
    let mut files = Vec::new();
    files_under(&fixture, "docs/adr/", &mut files);
    let files: Vec<(&str, String)> = files.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
    r.commit("2024-01-01", &files, &[]);
    let list = |args: &[&str]| {
        let o = crate::support::wh(tmp.path(), args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let now = list(&["adr", "list"]);
    let past = list(&["adr", "list", "--rev", "HEAD"]);
    for title in [
        "Use one global zone",
        "Rotate certificates monthly",
        "Use zones per region",
    ] {
        assert!(now.contains(title), "{now}");
        assert!(past.contains(title), "--rev left out {title}:\n{past}");
    }
    // templates/ is no more a records folder in the past than it is now
    assert!(!past.contains("template"), "{past}");
    assert_eq!(now, past);
}

/// A cockpit at a revision steps and trails through the history up to it, not past it (the
/// slider went to HEAD, and trails drew later positions as "where it was").
#[test]
fn the_timeline_at_a_revision_ends_there() {
    let (_tmp, root) = scripted();
    let all = map_timeline(&root, "serving", "HEAD").unwrap();
    let upto = map_timeline(&root, "serving", "HEAD~1").unwrap();
    assert_eq!(upto.versions.len() + 1, all.versions.len());
    assert_eq!(
        upto.versions.last().unwrap().commit.date,
        all.versions[all.versions.len() - 2].commit.date
    );
}
