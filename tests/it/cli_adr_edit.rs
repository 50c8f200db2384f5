//! `wh adr status | link | unlink | tag | choose | rename | edit | new --tag --link`, `wh init`
//! in a repository with a markdown ADR folder, and the template of new records.

use crate::support;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use support::{sample_copy, stderr, stdout, wh};

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

fn show(root: &Path, n: &str) -> serde_json::Value {
    json(&wh(root, &["adr", "show", n, "--json"]))
}

fn check_clean(root: &Path) {
    let o = wh(root, &["check"]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn status_is_idempotent_and_refusals_exit_1() {
    let (_tmp, root) = sample_copy();
    let o = wh(&root, &["adr", "status", "5", "deprecated"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("adr:5 is now deprecated"),
        "{}",
        stdout(&o)
    );
    assert_eq!(show(&root, "5")["status"], "deprecated");
    let o = wh(&root, &["adr", "status", "adr:5", "deprecated"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("already deprecated"), "{}", stdout(&o));

    for (args, why) in [
        (&["adr", "status", "5", "superseded"][..], "--by"),
        (&["adr", "status", "99", "accepted"], "no ADR 0099"),
        (&["adr", "status", "5", "superseded", "--by", "5"], "itself"),
        (
            &["adr", "link", "1", "metric:nope"],
            "nothing is called metric:nope",
        ),
        (
            &["adr", "link", "1", "adr:5", "--kind", "amends"],
            "without a kind",
        ),
        (&["adr", "choose", "1", "No such option"], "has no option"),
    ] {
        let o = wh(&root, args);
        assert_eq!(code(&o), 1, "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(why), "{args:?}: {}", stderr(&o));
    }
    for args in [
        &["adr", "status", "5", "bogus"][..],
        &["adr", "status"],
        &["adr", "rename", "5"],
    ] {
        assert_eq!(code(&wh(&root, args)), 2, "{args:?}");
    }
    check_clean(&root);
}

#[test]
fn supersede_with_by_updates_both_records() {
    let (_tmp, root) = sample_copy();
    let o = wh(
        &root,
        &["adr", "new", "Edge rendering", "--status", "accepted"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = wh(
        &root,
        &["adr", "status", "8", "superseded", "--by", "11", "--json"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["files"].as_array().unwrap().len(), 2, "{v}");
    assert_eq!(
        show(&root, "8")["superseded_by"],
        serde_json::json!(["adr:11"])
    );
    assert_eq!(
        show(&root, "11")["supersedes"],
        serde_json::json!(["adr:8"])
    );
    check_clean(&root);
}

/// The sample's chain is 2 → 3 → 5 (2 superseded by 3, 3 by 5). Superseding 3 by 2, or 5 by 3
/// or by 2, would send the chain round in a circle with no record current: refused, naming the
/// way the chain already takes, and nothing is written.
#[test]
fn a_supersession_that_would_close_a_circle_is_refused() {
    let (_tmp, root) = sample_copy();
    let before: Vec<String> = ["2", "3", "5"]
        .iter()
        .map(|n| show(&root, n).to_string())
        .collect();
    for (args, why) in [
        (
            ["adr", "status", "3", "superseded", "--by", "2"],
            "adr:3 cannot be superseded by adr:2: adr:2 already leads to it (adr:2 → adr:3)",
        ),
        (
            ["adr", "status", "5", "superseded", "--by", "3"],
            "adr:5 cannot be superseded by adr:3: adr:3 already leads to it (adr:3 → adr:5)",
        ),
        (
            ["adr", "status", "5", "superseded", "--by", "2"],
            "adr:2 already leads to it (adr:2 → adr:3 → adr:5)",
        ),
    ] {
        let o = wh(&root, &args);
        assert_eq!(code(&o), 1, "{args:?}: {}", stdout(&o));
        assert!(stderr(&o).contains(why), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("circle"), "{}", stderr(&o));
    }
    let after: Vec<String> = ["2", "3", "5"]
        .iter()
        .map(|n| show(&root, n).to_string())
        .collect();
    assert_eq!(after, before, "nothing written");
    check_clean(&root);
    // a supersession along the chain is still fine (2 superseded by 5 as well)
    let o = wh(&root, &["adr", "status", "2", "superseded", "--by", "5"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn links_tags_options_and_rename() {
    let (_tmp, root) = sample_copy();
    let o = wh(&root, &["adr", "link", "2", "adr:6"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(show(&root, "2")["links"]
        .as_array()
        .unwrap()
        .contains(&"adr:6".into()));
    let o = wh(&root, &["adr", "link", "2", "6"]);
    assert!(stdout(&o).contains("already links"), "{}", stdout(&o));
    let o = wh(&root, &["adr", "unlink", "2", "6"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!show(&root, "2")["links"]
        .as_array()
        .unwrap()
        .contains(&"adr:6".into()));

    let o = wh(&root, &["adr", "tag", "2", "cost,hosting", "ops"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        show(&root, "2")["tags"],
        serde_json::json!(["cost", "hosting", "ops"])
    );

    let options = show(&root, "1")["options"].clone();
    let second = options[1]["name"].as_str().unwrap().to_string();
    let o = wh(&root, &["adr", "choose", "1", &second]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(show(&root, "1")["options"][1]["chosen"], true);
    assert_eq!(show(&root, "1")["options"][0]["chosen"], false);

    let o = wh(&root, &["adr", "rename", "2", "Host rendering on EC2 spot"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(root
        .join("decisions/0002-host-rendering-on-ec2-spot.toml")
        .is_file());
    assert!(!root
        .join("decisions/0002-host-rendering-on-ec2.toml")
        .exists());
    assert_eq!(show(&root, "2")["title"], "Host rendering on EC2 spot");
    check_clean(&root);
}

#[test]
fn new_takes_tags_and_links() {
    let (_tmp, root) = sample_copy();
    let o = wh(
        &root,
        &[
            "adr", "new", "Cache", "at", "the", "edge", "--tag", "perf", "--tag", "cdn", "--link",
            "adr:5",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), "decisions/0011-cache-at-the-edge.toml");
    let v = show(&root, "11");
    assert_eq!(v["title"], "Cache at the edge");
    assert_eq!(v["tags"], serde_json::json!(["perf", "cdn"]));
    assert_eq!(v["links"], serde_json::json!(["adr:5"]));
    check_clean(&root);
}

/// A deleted record's number is not handed out while a link still names it: the impact map's
/// `adr:10` would otherwise point at the unrelated new record, and `wh check` stop saying it
/// is dangling.
#[test]
fn a_number_a_link_still_names_is_not_reused() {
    let (_tmp, root) = sample_copy();
    fs::remove_file(
        root.join("decisions/0010-send-the-digest-from-the-on-premise-mail-server.toml"),
    )
    .unwrap();
    let o = wh(&root, &["check"]);
    assert!(stdout(&o).contains("adr:10"), "{}", stdout(&o));
    let o = wh(&root, &["adr", "new", "Use a hosted mail service"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stdout(&o).trim(),
        "decisions/0011-use-a-hosted-mail-service.toml"
    );
    let o = wh(&root, &["check"]);
    assert!(
        stdout(&o).contains("adr:10"),
        "still dangling: {}",
        stdout(&o)
    );
}

#[test]
fn edit_opens_the_editor_then_reports_problems_with_line_and_column() {
    let (tmp, root) = sample_copy();
    let editor = tmp.path().join("break-it.sh");
    fs::write(&editor, "#!/bin/sh\nprintf 'broken = = 1\\n' >> \"$1\"\n").unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(&editor)
        .status()
        .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_wh"))
        .args(["adr", "edit", "4"])
        .current_dir(&root)
        .env("NO_COLOR", "1")
        .env("VISUAL", &editor)
        .output()
        .unwrap();
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("decisions/0004-north-star-weekly-active-members.toml:"),
        "{err}"
    );
    assert!(err.contains("wh adr edit 4"), "{err}");

    let (_tmp, root) = sample_copy();
    let o = Command::new(env!("CARGO_BIN_EXE_wh"))
        .args(["adr", "edit", "4"])
        .current_dir(&root)
        .env("VISUAL", "true")
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stdout(&o).trim(),
        "decisions/0004-north-star-weekly-active-members.toml"
    );
}

/// A repository as adr-tools leaves it (written here so the test needs no adr-tools).
fn adr_tools_repo(root: &Path) {
    fs::create_dir_all(root.join(".git")).unwrap();
    fs::create_dir_all(root.join("doc/adr")).unwrap();
    fs::write(root.join(".adr-dir"), "doc/adr\n").unwrap();
    for (n, slug, title) in [
        (
            1,
            "record-architecture-decisions",
            "Record architecture decisions",
        ),
        (2, "use-postgres", "Use Postgres"),
        (3, "use-kafka", "Use Kafka"),
    ] {
        fs::write(
            root.join(format!("doc/adr/{n:04}-{slug}.md")),
            format!("# {n}. {title}\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n"),
        )
        .unwrap();
    }
}

#[test]
fn init_in_an_adr_tools_repository_keeps_the_records_where_they_are() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    adr_tools_repo(&root);
    // decisions-only mode first: edits work there too
    let o = wh(&root, &["adr", "status", "3", "deprecated"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));

    let o = wh(&root, &["init"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("decisions stay in doc/adr"),
        "{}",
        stdout(&o)
    );
    let toml = fs::read_to_string(root.join("wheelhouse.toml")).unwrap();
    assert!(toml.contains("adr-dirs = [\"doc/adr\"]"), "{toml}");
    assert!(
        !root.join("decisions/template.toml").exists(),
        "the markdown folder is where records go"
    );

    let o = wh(&root, &["adr", "list"]);
    let list = stdout(&o);
    assert_eq!(
        list.lines().count(),
        3,
        "the three records stay listed: {list}"
    );
    assert!(list.contains("deprecated"), "{list}");

    let o = wh(&root, &["adr", "new", "Use", "Redis", "--supersedes", "2"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stdout(&o).trim(),
        "doc/adr/0004-use-redis.md",
        "never number 1 again"
    );
    let old = fs::read_to_string(root.join("doc/adr/0002-use-postgres.md")).unwrap();
    assert!(
        old.contains("## Status\n\nSuperseded by [4. Use Redis](0004-use-redis.md)\n\n## Context"),
        "{old}"
    );
    assert_eq!(show(&root, "4")["supersedes"], serde_json::json!(["adr:2"]));
    check_clean(&root);
}

#[test]
fn init_writes_the_template_and_new_records_start_from_it() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("ws");
    let o = wh(tmp.path(), &["init", "ws"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let template = root.join("decisions/template.toml");
    assert!(template.is_file());
    check_clean(&root);
    let o = wh(&root, &["adr", "list"]);
    assert!(
        stdout(&o).is_empty(),
        "the template is not a record: {}",
        stdout(&o)
    );

    // the team changes what a new record holds
    let text = fs::read_to_string(&template).unwrap();
    let custom = text.replace("deciders = []", "deciders = [\"Architecture guild\"]")
        + "\n[[adr.section]]\nheading = \"Review date\"\nbody = \"\"\"\nIn six months.\n\"\"\"\n";
    fs::write(&template, custom).unwrap();
    let o = wh(&root, &["adr", "new", "First", "--tag", "infra"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = show(&root, "1");
    assert_eq!(v["deciders"], serde_json::json!(["Architecture guild"]));
    assert_eq!(v["tags"], serde_json::json!(["infra"]));
    assert_eq!(v["extra_sections"][0]["heading"], "Review date");
    let written = fs::read_to_string(root.join("decisions/0001-first.toml")).unwrap();
    assert!(
        !written.contains("template of new decision records"),
        "{written}"
    );
    check_clean(&root);

    // or a template named in wheelhouse.toml
    fs::write(
        root.join("adr-template.toml"),
        "[adr]\nnumber = 0\ntitle = \"\"\nstatus = \"proposed\"\ncontext = \"\"\"\nFrom the named template.\n\"\"\"\n",
    )
    .unwrap();
    let toml = fs::read_to_string(root.join("wheelhouse.toml")).unwrap();
    fs::write(
        root.join("wheelhouse.toml"),
        toml.replacen(
            "format = 1\n",
            "format = 1\nadr-template = \"adr-template.toml\"\n",
            1,
        ),
    )
    .unwrap();
    let o = wh(&root, &["adr", "new", "Second"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(show(&root, "2")["context"]
        .as_str()
        .unwrap()
        .contains("From the named template"));
    check_clean(&root);
}

#[test]
fn importing_the_workspace_s_own_markdown_folder_converts_every_record() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    adr_tools_repo(&root);
    assert_eq!(code(&wh(&root, &["init"])), 0);
    let o = wh(&root, &["import", "adr", "doc/adr"]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("3 written, 0 skipped"), "{out}");
    assert!(out.contains("no longer in adr-dirs"), "{out}");
    let toml = fs::read_to_string(root.join("wheelhouse.toml")).unwrap();
    assert!(toml.contains("adr-dirs = []"), "{toml}");
    let list = stdout(&wh(&root, &["adr", "list"]));
    assert_eq!(list.lines().count(), 3, "each record once: {list}");
    let v = json(&wh(&root, &["adr", "list", "--json"]));
    assert!(
        v.as_array().unwrap().iter().all(|r| r["source"] == "toml"),
        "{v}"
    );
    check_clean(&root);
}

/// A link added to a list written one item a line goes on a line of its own (it was appended
/// after the last item, on its line).
#[test]
fn a_link_joins_a_one_per_line_list_on_its_own_line() {
    let (_tmp, root) = sample_copy();
    let o = wh(&root, &["adr", "link", "5", "2"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text =
        fs::read_to_string(root.join("decisions/0005-serverless-presentation-layer.toml")).unwrap();
    assert!(
        text.contains("  \"pillar:performance-efficiency\",\n  \"adr:2\",\n]"),
        "{text}"
    );
}
