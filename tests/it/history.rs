//! Strategy over time: `--rev`, `wh history map`, `wh diff` on a repository scripted with gix
//! (no `git` binary): moves, a stage crossing, a rename, a superseded ADR, a metric series.

use crate::support;
use crate::support::git as git_support;
use crate::support::tui as tui_support;

use git_support::Repo;
use support::{stderr, stdout, wh};

const ROOT: &str = "[workspace]\nname = \"History Co\"\nformat = 1\n";

fn root_with_metric(value: u32) -> String {
    format!(
        "{ROOT}\n[metric.active]\nname = \"Active\"\nkind = \"north-star\"\nunit = \"users\"\n\
         samples = [ {{ date = 2024-01-01, value = {value} }} ]\n"
    )
}

fn map(a: f64, b: f64, link: bool, extra: bool) -> String {
    let needs = if link { "needs = [\"b\"]\n" } else { "" };
    let mut s = format!(
        "[map]\ntitle = \"Serving\"\n\n[component.a]\nname = \"A\"\nvisibility = 0.8\n\
         evolution = {a}\n{needs}\n[component.b]\nname = \"B\"\nvisibility = 0.4\nevolution = {b}\n"
    );
    if extra {
        s.push_str("\n[component.c]\nname = \"C\"\nvisibility = 0.2\nevolution = 0.9\n");
    }
    s
}

fn adr(number: u32, title: &str, status: &str, extra: &str) -> String {
    format!("[adr]\nnumber = {number}\ntitle = \"{title}\"\nstatus = \"{status}\"\ndate = 2024-01-01\n{extra}")
}

/// Five commits: a moves (0.3 → 0.35 → 0.5, crossing into Product on 2024-03-14), a link is
/// added, the map file is renamed, ADR 1 goes proposed → accepted → superseded by ADR 2, the
/// metric goes 10 → 12, b moves and c arrives in the last commit.
fn scripted() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_path_buf();
    let mut r = Repo::new(&root);
    r.commit(
        "2024-01-01",
        &[
            ("wheelhouse.toml", root_with_metric(10)),
            ("maps/serving.toml", map(0.3, 0.1, false, false)),
            ("decisions/0001-cache.toml", adr(1, "Cache", "proposed", "")),
        ],
        &[],
    );
    let c2 = r.commit(
        "2024-02-01",
        &[("maps/serving.toml", map(0.35, 0.1, false, false))],
        &[],
    );
    r.tag("v1", c2);
    r.commit(
        "2024-03-14",
        &[
            ("maps/serving.toml", map(0.5, 0.1, true, false)),
            ("decisions/0001-cache.toml", adr(1, "Cache", "accepted", "")),
        ],
        &[],
    );
    r.commit(
        "2024-04-01",
        &[
            ("maps/delivery.toml", map(0.5, 0.1, true, false)),
            ("wheelhouse.toml", root_with_metric(12)),
            (
                "decisions/0001-cache.toml",
                adr(1, "Cache", "superseded", "superseded-by = [\"adr:2\"]\n"),
            ),
            (
                "decisions/0002-edge.toml",
                adr(2, "Edge", "accepted", "supersedes = [\"adr:1\"]\n"),
            ),
        ],
        &["maps/serving.toml"],
    );
    r.commit(
        "2024-05-01",
        &[("maps/delivery.toml", map(0.5, 0.2, true, true))],
        &[],
    );
    (tmp, root)
}

fn json(o: &std::process::Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn history_map_follows_moves_crossings_and_a_rename() {
    let (_tmp, root) = scripted();
    let v = json(&wh(&root, &["history", "map", "delivery", "--json"]));
    assert_eq!(v["commits"], 5, "{v:#}");
    let comps = v["components"].as_array().unwrap();
    let a = comps.iter().find(|c| c["id"] == "a").unwrap();
    assert_eq!(a["first_seen"]["date"], "2024-01-01");
    assert_eq!(a["last_moved"]["date"], "2024-03-14");
    assert!((a["delta_evolution"].as_f64().unwrap() - 0.2).abs() < 1e-9);
    assert_eq!(a["crossings"][0]["from"], "Custom-Built");
    assert_eq!(a["crossings"][0]["to"], "Product");
    assert_eq!(a["crossings"][0]["date"], "2024-03-14");
    assert_eq!(a["positions"].as_array().unwrap().len(), 3);
    // 0.2 over 121 days (2024-01-01 to 2024-05-01) is 0.149 per 90 days
    let speed = a["speed_per_90_days"].as_f64().unwrap();
    assert!((speed - 0.2 / 121.0 * 90.0).abs() < 1e-6, "{speed}");
    let c = comps.iter().find(|c| c["id"] == "c").unwrap();
    assert_eq!(c["first_seen"]["date"], "2024-05-01");
    assert!(c["last_moved"].is_null());

    // the table: one line per component, the crossing spelled out
    let o = wh(&root, &["history", "map", "delivery"]);
    let text = stdout(&o);
    assert!(
        text.contains("map delivery: 5 commits, 4 changed the map"),
        "{text}"
    );
    let line_a = text.lines().find(|l| l.starts_with("a ")).unwrap();
    assert!(
        line_a.contains("Custom-Built → Product, 2024-03-14"),
        "{line_a}"
    );
    assert!(line_a.contains("+0.20"), "{line_a}");

    // --since a date keeps only the later commits
    let v = json(&wh(
        &root,
        &[
            "history",
            "map",
            "delivery",
            "--since",
            "2024-03-01",
            "--json",
        ],
    ));
    assert_eq!(v["commits"], 3, "{v:#}");
}

#[test]
fn rev_reads_the_past_without_touching_the_working_tree() {
    let (_tmp, root) = scripted();
    let v = json(&wh(&root, &["adr", "list", "--rev", "v1", "--json"]));
    let text = v.to_string();
    assert!(text.contains("\"proposed\""), "{text}");
    assert!(!text.contains("Edge"), "{text}");
    let now = json(&wh(&root, &["adr", "list", "--json"]));
    assert!(now.to_string().contains("Edge"));

    let o = wh(
        &root,
        &[
            "export", "map", "serving", "--format", "owm", "--rev", "HEAD~2",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("component A [0.8, 0.5]"),
        "{}",
        stdout(&o)
    );
    // the map is not there (renamed) in the working tree
    let o = wh(&root, &["export", "map", "serving", "--format", "owm"]);
    assert!(!o.status.success());

    let o = wh(&root, &["check", "--rev", "v1"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));

    let o = wh(&root, &["adr", "show", "1", "--rev", "HEAD~2", "--json"]);
    assert!(stdout(&o).contains("accepted"), "{}", stdout(&o));

    let o = wh(
        &root,
        &[
            "map",
            "move",
            "delivery/a",
            "--to",
            "0.1,0.1",
            "--rev",
            "v1",
        ],
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("read-only"), "{}", stderr(&o));

    let o = wh(&root, &["adr", "list", "--rev", "no-such-tag"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no-such-tag"), "{}", stderr(&o));
}

#[test]
fn diff_names_strategy_changes() {
    let (_tmp, root) = scripted();
    // c2 → c3: a crossed into Product, a link, ADR 1 accepted
    let v = json(&wh(&root, &["diff", "v1", "HEAD~2", "--json"]));
    let m = &v["maps"][0];
    assert_eq!(m["map"], "serving");
    assert_eq!(m["moved"][0]["component"], "a");
    assert_eq!(m["moved"][0]["stage"], "Custom-Built → Product");
    assert_eq!(m["links_added"][0], serde_json::json!(["a", "b"]));
    assert_eq!(v["decisions"][0]["status_from"], "proposed");
    assert_eq!(v["decisions"][0]["status_to"], "accepted");

    // c3 → c4: superseded, a new ADR, the metric value
    let v = json(&wh(&root, &["diff", "HEAD~2", "HEAD~1", "--json"]));
    let d1 = v["decisions"].as_array().unwrap();
    assert_eq!(d1[0]["superseded_by"], serde_json::json!(["2"]), "{v:#}");
    assert_eq!(d1[1]["change"], "added");
    assert_eq!(v["metrics"][0]["from"], 10.0);
    assert_eq!(v["metrics"][0]["to"], 12.0);

    // default: the last tag (v1) against the working tree, as markdown
    let o = wh(&root, &["diff", "--format", "markdown"]);
    let text = stdout(&o);
    assert!(text.starts_with("## Strategy changes v1"), "{text}");
    assert!(text.contains("working tree"), "{text}");
    assert!(
        text.contains("### map `delivery` (renamed from `serving`)"),
        "{text}"
    );
    assert!(text.contains("- \\~ `active`: 10 → 12"), "{text}");
}

#[test]
fn outside_git_there_is_no_history_in_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("wheelhouse.toml"), ROOT).unwrap();
    let o = wh(tmp.path(), &["history", "map", "x"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1);
    assert!(stdout(&o).starts_with("no history:"), "{}", stdout(&o));
    let o = wh(tmp.path(), &["diff"]);
    assert!(stdout(&o).starts_with("no history:"), "{}", stdout(&o));
}

#[test]
fn the_cockpit_at_a_revision_shows_it_and_refuses_edits() {
    use wheelhouse::tui::app::App;
    let (_tmp, root) = scripted();
    let located = wheelhouse::workspace::discover::discover(&root).unwrap();
    let at = wheelhouse::history::load_at(&located, "v1", wheelhouse::workspace::load::Scope::Full)
        .unwrap();
    let mut app = App::new(
        at.workspace,
        wheelhouse::tui::theme::Theme::default(),
        wheelhouse::tui::keymap::Keymap::default_keymap(),
    );
    app.revision = at.source.revision().map(str::to_string);
    let screen = tui_support::render(&mut app, 100, 30);
    assert!(screen.contains("History Co @ v1 ("), "{screen}");
    let before = std::fs::read_to_string(root.join("maps/delivery.toml")).unwrap();
    // the Landscape of the old map: a move is refused, nothing changes in the model or on disk
    tui_support::press(&mut app, &["4", "m"]);
    let screen = tui_support::render(&mut app, 100, 30);
    assert!(screen.contains("read-only"), "{screen}");
    assert!(!screen.contains("MOVE"), "{screen}");
    // edits are not offered in the status bar where they are refused
    assert!(!screen.contains(" m move "), "{screen}");
    // the whole refusal is read at 80 columns, beside the name and revision
    let screen = tui_support::render(&mut app, 80, 24);
    assert!(
        screen.contains("read-only revision: edits are refused") && screen.contains("@ v1 ("),
        "{screen}"
    );
    tui_support::press(&mut app, &["l", "l", "enter"]);
    let a = app.ws.map("serving").unwrap().component("a").unwrap();
    assert_eq!(a.evolution, 0.35);
    assert_eq!(
        std::fs::read_to_string(root.join("maps/delivery.toml")).unwrap(),
        before
    );
    // without the revision the same keys move it (the refusal is what stopped it)
    app.revision = None;
    tui_support::press(&mut app, &["m", "l", "l"]);
    let a = app.ws.map("serving").unwrap().component("a").unwrap();
    assert_ne!(a.evolution, 0.35);
}

/// Golden outputs: the scripted commits have fixed times and authors, so their hashes (and
/// so these texts) are the same on every machine.
#[test]
fn golden_history_diff_and_rev_outputs() {
    let (_tmp, root) = scripted();
    let history = stdout(&wh(&root, &["history", "map", "delivery"]));
    insta::assert_snapshot!("history_map_delivery", history);
    let diff = stdout(&wh(&root, &["diff", "v1", "HEAD", "--format", "markdown"]));
    insta::assert_snapshot!("diff_v1_head_markdown", diff);
    let text = stdout(&wh(&root, &["diff", "HEAD~2", "HEAD~1"]));
    insta::assert_snapshot!("diff_head2_head1_text", text);
    let list = stdout(&wh(&root, &["adr", "list", "--rev", "HEAD~2"]));
    insta::assert_snapshot!("adr_list_rev_head2", list);
}

#[test]
fn adr_show_gives_created_status_changes_and_authors_from_git() {
    let (_tmp, root) = scripted();
    let v = json(&wh(&root, &["adr", "show", "1", "--json"]));
    assert_eq!(v["created"]["date"], "2024-01-01", "{v:#}");
    assert_eq!(v["authors"], serde_json::json!(["Ann"]));
    let changes = v["status_changed"].as_array().unwrap();
    assert_eq!(changes.len(), 2, "{v:#}");
    assert_eq!(changes[0]["from"], "proposed");
    assert_eq!(changes[0]["to"], "accepted");
    assert_eq!(changes[0]["date"], "2024-03-14");
    assert_eq!(changes[1]["to"], "superseded");
    assert_eq!(changes[1]["date"], "2024-04-01");
    // at a past revision, only what had happened by then
    let v = json(&wh(
        &root,
        &["adr", "show", "1", "--rev", "HEAD~2", "--json"],
    ));
    assert_eq!(v["status_changed"].as_array().unwrap().len(), 1, "{v:#}");
    // ADR 2 was added on 2024-04-01, though its own date says 2024-01-01: both are shown
    let o = wh(&root, &["adr", "show", "2"]);
    assert!(
        stdout(&o).contains("created 2024-04-01 by Ann (c8c31f7) (the record says 2024-01-01)"),
        "{}",
        stdout(&o)
    );
}

/// `diff --json` escapes what a terminal would act on (C1 controls, bidi overrides, zero-width
/// characters), as every other `--json` does (`history --json` goes through the same writer);
/// the data parses back.
#[test]
fn diff_json_is_inert_in_a_terminal() {
    let (_tmp, root) = scripted();
    let title = "Cache \u{9b}31m \u{202e}RTL \u{200b}zw";
    std::fs::write(
        root.join("decisions/0001-cache.toml"),
        adr(
            1,
            &title
                .replace('\u{9b}', "\\u009b")
                .replace('\u{202e}', "\\u202e")
                .replace('\u{200b}', "\\u200b"),
            "accepted",
            "",
        ),
    )
    .unwrap();
    for args in [&["diff", "--json"][..], &["diff", "HEAD", "--json"]] {
        let o = wh(&root, args);
        let out = stdout(&o);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(
            !out.contains(['\u{9b}', '\u{202e}', '\u{200b}', '\u{1b}']),
            "{args:?}: {out}"
        );
        serde_json::from_str::<serde_json::Value>(&out).expect("JSON");
    }
    assert!(stdout(&wh(&root, &["diff", "--json"])).contains("\\u009b31m"));
}

/// `--rev` on the history commands reads up to that revision and no further (it was ignored:
/// the history ran to HEAD, the diff against the working tree).
#[test]
fn history_and_diff_stop_at_rev() {
    let (_tmp, root) = scripted();
    // at v1 the map was still maps/serving.toml, two commits old
    let v = json(&wh(
        &root,
        &["history", "map", "serving", "--rev", "v1", "--json"],
    ));
    assert_eq!(v["commits"], 2, "{v:#}");
    let a = v["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "a")
        .unwrap()
        .clone();
    assert_eq!(a["last_moved"]["date"], "2024-02-01", "{a:#}");
    assert!(a["crossings"].as_array().unwrap().is_empty(), "{a:#}");
    // what changed up to v1: from the commit before it
    let o = wh(&root, &["diff", "--rev", "v1"]);
    let text = stdout(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!text.contains("working tree"), "{text}");
    assert!(text.contains("v1"), "{text}");
    let o = wh(&root, &["diff", "HEAD~2", "HEAD", "--rev", "v1"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("takes both revisions as arguments"),
        "{}",
        stderr(&o)
    );
}

/// The flywheel's own moves are strategy changes too: a phase's status, a pillar's risk, a
/// review held (the diff said "No strategy changes." after them).
#[test]
fn diff_names_flywheel_changes() {
    let (_tmp, root) = crate::support::sample_copy();
    let old = wheelhouse::workspace::Workspace::open(&root).unwrap();
    for args in [
        &["phase", "status", "long-term", "in-progress"][..],
        &[
            "review",
            "new",
            "--date",
            "2031-02-01",
            "--score",
            "clarity=3,3,3",
        ],
    ] {
        let o = wh(&root, args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
    let new = wheelhouse::workspace::Workspace::open(&root).unwrap();
    let d = wheelhouse::history::diff::diff(&old, &new, "before", "after");
    assert!(!d.is_empty());
    let text = wheelhouse::history::diff::render(&d, false);
    assert!(text.contains("phase long-term status:"), "{text}");
    assert!(text.contains("→ in-progress"), "{text}");
    assert!(text.contains("+ review 2031-02-01"), "{text}");
}

/// A revision that is not there says so in the user's words, not the git library's parser
/// state ("delegate.traverse(NthAncestor(20)) failed").
#[test]
fn an_unknown_revision_says_what_is_wrong() {
    let (_tmp, root) = scripted();
    for (rev, why) in [
        ("HEAD~40", "the history is not that long"),
        ("no-such-tag", "no branch, tag or commit is called that"),
    ] {
        let o = wh(&root, &["adr", "list", "--rev", rev]);
        assert!(!o.status.success());
        let err = stderr(&o);
        assert!(
            err.contains(&format!("unknown revision `{rev}`: {why}")),
            "{err}"
        );
        assert!(
            !err.contains("delegate") && !err.contains("input="),
            "{err}"
        );
    }
    let o = wh(&root, &["history", "map", "nosuch"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("no map `nosuch` at HEAD"),
        "{}",
        stderr(&o)
    );
}

/// `wh diff --rev R` at the first commit says there is nothing before it (it named `R~1`).
#[test]
fn diff_rev_at_the_first_commit_says_so() {
    let (_tmp, root) = scripted();
    let o = wh(&root, &["diff", "--rev", "HEAD~4"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("HEAD~4 is the first commit"),
        "{}",
        stderr(&o)
    );
}
