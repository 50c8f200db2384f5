//! `wh adr list | show | search | new`, end to end on a temporary copy of the sample workspace.

use crate::support::copy_dir;
use crate::support::sample_dir as sample;
use crate::support::wh_at as wh;
use std::fs;
use std::process::{Command, Output};

use serde_json::Value;

/// A fresh copy of the sample, so tests may write to it.
fn copy_of_sample() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    copy_dir(&sample(), tmp.path());
    tmp
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

fn numbers_in(listing: &str) -> Vec<u32> {
    listing
        .lines()
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect()
}

const LIST_KEYS: [&str; 12] = [
    "number",
    "title",
    "status",
    "status_text",
    "date",
    "tags",
    "deciders",
    "supersedes",
    "superseded_by",
    "path",
    "source",
    "broken",
];

fn assert_keys(obj: &Value, keys: &[&str]) {
    let map = obj.as_object().expect("a JSON object");
    for k in keys {
        assert!(map.contains_key(*k), "missing key {k} in {obj}");
    }
}

#[test]
fn list_shows_every_record_in_number_order_in_aligned_columns() {
    let o = wh(&sample(), &["adr", "list"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(numbers_in(&out), (1..=10).collect::<Vec<_>>(), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("0001  accepted    "), "{}", lines[0]);
    assert!(
        lines[1].starts_with("0002  superseded  2019-03-11  Host page"),
        "{}",
        lines[1]
    );
    assert!(lines[0].ends_with("Record architecture decisions 記錄架構決策"));
    // number(4) status(10, "superseded") date(10), two spaces between: titles start at byte 30.
    for line in &lines {
        assert_eq!(&line[28..30], "  ", "misaligned: {line:?}");
        assert!(!line[30..].starts_with(' '), "misaligned: {line:?}");
    }
}

#[test]
fn list_filters_by_status_and_tag() {
    let o = wh(&sample(), &["adr", "list", "--status", "superseded"]);
    assert_eq!(code(&o), 0);
    assert_eq!(numbers_in(&stdout(&o)), vec![2, 3]);
    let o = wh(&sample(), &["adr", "list", "--tag", "Legacy"]);
    assert_eq!(numbers_in(&stdout(&o)), vec![9, 10]);
    let o = wh(
        &sample(),
        &["adr", "list", "--tag", "serving", "--status", "accepted"],
    );
    assert_eq!(numbers_in(&stdout(&o)), vec![5]);
}

#[test]
fn list_json_has_one_object_per_record() {
    let o = wh(&sample(), &["adr", "list", "--json"]);
    assert_eq!(code(&o), 0);
    let v = json(&o);
    let items = v.as_array().expect("an array");
    assert_eq!(items.len(), 10);
    for item in items {
        assert_keys(item, &LIST_KEYS);
        assert_eq!(item["broken"], false);
    }
    assert_eq!(items[2]["number"], 3);
    assert_eq!(items[2]["status"], "superseded");
    assert_eq!(items[2]["superseded_by"][0], "adr:5");
    assert_eq!(items[2]["supersedes"][0], "adr:2");
    assert_eq!(items[2]["date"], "2021-02-15");
    assert_eq!(
        items[2]["path"],
        "decisions/0003-containerise-rendering-on-kubernetes.toml"
    );
    assert_eq!(items[2]["source"], "toml");
    assert!(items[2]["tags"].as_array().unwrap().len() == 3);
}

#[test]
fn show_accepts_every_reference_spelling_and_prints_the_whole_record() {
    let plain = wh(&sample(), &["adr", "show", "3"]);
    assert_eq!(code(&plain), 0, "{}", stderr(&plain));
    for r in ["0003", "adr:3", "ADR-0003"] {
        let o = wh(&sample(), &["adr", "show", r]);
        assert_eq!(code(&o), 0, "{r}");
        assert_eq!(stdout(&o), stdout(&plain), "{r}");
    }
    let out = stdout(&plain);
    for needle in [
        "ADR 0003: Containerise rendering on Kubernetes",
        "Status:     superseded",
        "superseded by adr:5 (Serverless presentation layer over Kubernetes",
        "Supersedes: adr:2 (Host page rendering on EC2 instances)",
        "Date:       2021-02-15",
        "Deciders:   Platform team",
        "Tags:       serving, compute, kubernetes",
        "Links:      map:serving/containers, map:serving/elastic-compute",
        "File:       decisions/0003-containerise-rendering-on-kubernetes.toml",
        "\nContext\n-------\nEC2 instances (adr:2)",
        "\nConsequences\n",
        "\nOptions\n-------\n* Kubernetes  (chosen)\n    + Suitable for long-lived, stateful sessions",
        "    - Limited by the underlying compute instances",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in\n{out}");
    }
}

#[test]
fn show_follows_the_supersede_chain() {
    let o = wh(&sample(), &["adr", "show", "2"]);
    let out = stdout(&o);
    assert!(out.contains("superseded by adr:3 (Containerise"), "{out}");
    assert!(
        out.contains("→ adr:3 is superseded by adr:5 (Serverless"),
        "{out}"
    );
}

#[test]
fn show_json_holds_the_text_fields() {
    let o = wh(&sample(), &["adr", "show", "adr:3", "--json"]);
    assert_eq!(code(&o), 0);
    let v = json(&o);
    assert_keys(&v, &LIST_KEYS);
    assert_keys(
        &v,
        &[
            "links",
            "quality_attributes",
            "context",
            "drivers",
            "decision",
            "consequences",
            "options",
            "extra_sections",
        ],
    );
    assert_eq!(v["number"], 3);
    assert!(v["decision"].as_str().unwrap().contains("**Kubernetes**"));
    let option = &v["options"][0];
    assert_keys(option, &["name", "chosen", "description", "pros", "cons"]);
    assert_eq!(option["chosen"], true);
}

#[test]
fn show_of_a_missing_record_exits_1_with_a_clear_message() {
    let o = wh(&sample(), &["adr", "show", "99"]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("no ADR 0099"), "{}", stderr(&o));
    let o = wh(&sample(), &["adr", "show", "seven"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("not an ADR reference"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["adr", "list", "--status", "bogus"][..],
        &["adr", "show"],
        &["adr", "search"],
        &["adr", "search", "x", "--limit", "many"],
        &["adr", "new", "T", "--status", "unknown"],
        &["adr", "frobnicate"],
    ] {
        let o = wh(&sample(), args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn search_ranks_title_matches_first_and_limits() {
    let o = wh(&sample(), &["adr", "search", "kubernetes"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let found = numbers_in(&stdout(&o));
    let mut top2 = found[..2].to_vec();
    top2.sort();
    assert_eq!(top2, vec![3, 5], "{}", stdout(&o));

    let o = wh(&sample(), &["adr", "search", "kubernetes", "--limit", "1"]);
    assert_eq!(numbers_in(&stdout(&o)).len(), 1);

    let o = wh(&sample(), &["adr", "search", "0007"]);
    assert_eq!(numbers_in(&stdout(&o))[0], 7);
}

#[test]
fn search_finds_body_text_and_shows_where() {
    // "idle at night" is only in the context of adr:3
    let o = wh(&sample(), &["adr", "search", "IDLE AT NIGHT"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert_eq!(numbers_in(&out)[0], 3, "{out}");
    assert!(out.contains("context: EC2 instances"), "{out}");
}

#[test]
fn search_json_shape() {
    let o = wh(&sample(), &["adr", "search", "serverless", "--json"]);
    assert_eq!(code(&o), 0);
    let v = json(&o);
    let items = v.as_array().expect("array");
    assert!(!items.is_empty());
    for item in items {
        assert_keys(item, &LIST_KEYS);
        assert_keys(item, &["score", "matched", "title_positions", "snippet"]);
    }
    let first = &items[0];
    assert_eq!(first["number"], 5);
    assert!(first["matched"]
        .as_array()
        .unwrap()
        .contains(&Value::from("title")));
    assert_eq!(
        first["title_positions"],
        serde_json::json!([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    );
}

#[test]
fn search_with_no_match_is_empty_and_exits_1_like_grep() {
    let o = wh(&sample(), &["adr", "search", "qqqqzzzz"]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("no ADR matches"));
    let o = wh(&sample(), &["adr", "search", "qqqqzzzz", "--json"]);
    assert_eq!(code(&o), 1);
    assert_eq!(json(&o), serde_json::json!([]));
}

#[test]
fn new_writes_the_next_number_and_it_loads() {
    let ws = copy_of_sample();
    let o = wh(
        ws.path(),
        &["adr", "new", "Adopt OpenTelemetry: traces & logs"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stdout(&o).trim(),
        "decisions/0011-adopt-opentelemetry-traces-logs.toml"
    );
    let text = fs::read_to_string(
        ws.path()
            .join("decisions/0011-adopt-opentelemetry-traces-logs.toml"),
    )
    .unwrap();
    assert!(text.contains("number = 11\n"));
    assert!(text.contains("status = \"proposed\"\n"));

    let o = wh(ws.path(), &["adr", "show", "11", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["title"], "Adopt OpenTelemetry: traces & logs");
    assert_eq!(v["status"], "proposed");
    let date = v["date"].as_str().unwrap();
    assert!(date.len() == 10 && date.as_bytes()[4] == b'-', "{date}");

    let o = wh(ws.path(), &["adr", "new", "Second", "--status", "accepted"]);
    assert_eq!(stdout(&o).trim(), "decisions/0012-second.toml");
    let o = wh(ws.path(), &["adr", "list", "--status", "accepted"]);
    assert!(numbers_in(&stdout(&o)).contains(&12));
}

#[test]
fn new_supersedes_edits_the_old_record_and_keeps_its_comments() {
    let ws = copy_of_sample();
    let old = ws
        .path()
        .join("decisions/0005-serverless-presentation-layer.toml");
    let original = fs::read_to_string(&old).unwrap();
    let commented = format!(
        "# A comment the edit must keep.\n{}",
        original.replacen(
            "status = \"accepted\"",
            "status = \"accepted\" # decided at the 2023 offsite",
            1
        )
    );
    assert_ne!(commented, original, "the fixture changed: adjust this test");
    fs::write(&old, &commented).unwrap();

    let o = wh(
        ws.path(),
        &["adr", "new", "Edge rendering", "--supersedes", "adr:5"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), "decisions/0011-edge-rendering.toml");

    let edited = fs::read_to_string(&old).unwrap();
    assert!(edited.starts_with("# A comment the edit must keep.\n"));
    assert!(
        edited.contains("status = \"superseded\" # decided at the 2023 offsite"),
        "{edited}"
    );
    // Only status and superseded-by changed: every other line is kept as it was.
    for line in commented.lines().filter(|l| !l.starts_with("status")) {
        assert!(edited.contains(line), "lost {line:?}");
    }

    let o = wh(ws.path(), &["adr", "show", "5", "--json"]);
    let v = json(&o);
    assert_eq!(v["status"], "superseded");
    assert_eq!(v["superseded_by"], serde_json::json!(["adr:11"]));
    let o = wh(ws.path(), &["adr", "show", "11", "--json"]);
    assert_eq!(json(&o)["supersedes"], serde_json::json!(["adr:5"]));
}

#[test]
fn new_supersedes_a_missing_record_writes_nothing() {
    let ws = copy_of_sample();
    let o = wh(ws.path(), &["adr", "new", "X", "--supersedes", "42"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("no ADR 0042"), "{}", stderr(&o));
    let count = fs::read_dir(ws.path().join("decisions")).unwrap().count();
    assert_eq!(count, 10);
}

#[test]
fn a_broken_decision_file_never_hides_the_others() {
    let ws = copy_of_sample();
    let broken = ws
        .path()
        .join("decisions/0004-north-star-weekly-active-members.toml");
    fs::write(&broken, "[adr\nnumber = 4\ntitle = \"half written").unwrap();

    let o = wh(ws.path(), &["adr", "list"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(numbers_in(&out), (1..=10).collect::<Vec<_>>(), "{out}");
    let line4 = out.lines().nth(3).unwrap();
    assert!(line4.starts_with("0004  BROKEN"), "{line4}");
    assert!(line4.contains("decisions/0004-north-star-weekly-active-members.toml"));
    assert!(stderr(&o).contains("1 decision file could not be read"));

    let o = wh(ws.path(), &["adr", "list", "--json"]);
    let v = json(&o);
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 10);
    assert_eq!(items[3]["broken"], true);
    assert_eq!(items[3]["number"], 4);
    assert_eq!(items[3]["title"], Value::Null);

    let o = wh(ws.path(), &["adr", "show", "4"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("cannot be read"), "{}", stderr(&o));

    // The others still show, search and take new records (numbered past the broken one).
    assert_eq!(code(&wh(ws.path(), &["adr", "show", "5"])), 0);
    let o = wh(ws.path(), &["adr", "new", "After the break"]);
    assert_eq!(stdout(&o).trim(), "decisions/0011-after-the-break.toml");
}

#[test]
fn terminal_controls_in_files_are_made_inert() {
    let ws = copy_of_sample();
    let path = ws
        .path()
        .join("decisions/0001-record-architecture-decisions.toml");
    let text = fs::read_to_string(&path).unwrap();
    let evil = text.replacen(
        "title = \"Record architecture decisions 記錄架構決策\"",
        "title = \"Record \\u001b]0;pwned\\u0007 decisions \\u001b[2J\"",
        1,
    );
    assert_ne!(evil, text, "the fixture changed: adjust this test");
    fs::write(&path, evil).unwrap();
    for args in [
        &["adr", "list"][..],
        &["adr", "show", "1"],
        &["adr", "search", "record"],
        &["adr", "list", "--json"],
        &["adr", "show", "1", "--json"],
    ] {
        let o = wh(ws.path(), args);
        assert_eq!(code(&o), 0, "{args:?}");
        assert!(!o.stdout.contains(&0x1b), "{args:?}: raw ESC in output");
        assert!(!o.stdout.contains(&0x07), "{args:?}: raw BEL in output");
    }
    let o = wh(ws.path(), &["adr", "list"]);
    assert!(stdout(&o).contains("Record ^[]0;pwned^G decisions ^[[2J"));
}

#[test]
fn the_workspace_is_found_from_a_subfolder() {
    let ws = copy_of_sample();
    let o = Command::new(env!("CARGO_BIN_EXE_wh"))
        .current_dir(ws.path().join("decisions"))
        .args(["adr", "list"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(numbers_in(&stdout(&o)).len(), 10);
}

#[test]
fn outside_a_workspace_is_a_failure_not_a_usage_error() {
    let empty = tempfile::tempdir().unwrap();
    let o = wh(empty.path(), &["adr", "list"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("no wheelhouse workspace"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_missing_workspace_folder_is_named_once() {
    let dir = tempfile::tempdir().unwrap();
    let o = wh(&dir.path().join("nope"), &["adr", "list"]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert_eq!(err.matches("does not exist").count(), 1, "{err}");
    assert_eq!(err.matches("nope").count(), 1, "{err}");
}

/// `decisions` is a file: listing says so and fails (it printed nothing and succeeded), and a
/// new record names the folder, not a template inside it.
#[test]
fn a_decisions_file_where_the_folder_should_be_is_said() {
    let (_tmp, root) = crate::support::sample_copy();
    std::fs::remove_dir_all(root.join("decisions")).unwrap();
    std::fs::write(root.join("decisions"), "x").unwrap();
    let o = crate::support::wh(&root, &["adr", "list"]);
    assert!(!o.status.success());
    assert!(
        crate::support::stderr(&o).contains("decisions: cannot list the folder"),
        "{}",
        crate::support::stderr(&o)
    );
    for args in [&["adr", "show", "1"][..], &["adr", "search", "cache"]] {
        let o = crate::support::wh(&root, args);
        assert!(!o.status.success(), "{args:?}");
        assert!(
            crate::support::stderr(&o).contains("decisions: cannot list the folder"),
            "{args:?}: {}",
            crate::support::stderr(&o)
        );
    }
    let o = crate::support::wh(&root, &["adr", "new", "A title"]);
    assert!(!o.status.success());
    assert!(
        crate::support::stderr(&o).contains("decisions: is a file, not the folder of records"),
        "{}",
        crate::support::stderr(&o)
    );
}
