//! `wh check` end to end: text and JSON output, exit codes, the sample passes clean.

use crate::support::copy_dir;
use crate::support::wh_bin as wh;
use std::io::Write as _;
use std::path::PathBuf;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn a_clean_workspace_exits_0_with_a_summary() {
    let out = wh()
        .arg("check")
        .arg(manifest().join("tests/fixtures/good"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "0 errors, 0 warnings in 6 files\n"
    );
}

#[test]
fn the_sample_workspace_passes_clean() {
    let sample = manifest().join("sample-data");
    if !sample.is_dir() {
        let _ = writeln!(std::io::stderr(), "note: sample-data/ absent; skipped");
        return;
    }
    let out = wh().arg("check").arg(&sample).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.starts_with("0 errors, 0 warnings in "), "{stdout}");
}

#[test]
fn errors_print_as_path_line_col_and_exit_1() {
    let out = wh()
        .args(["-C"])
        .arg(manifest().join("tests/fixtures/broken"))
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines.contains(&"maps/m.toml:5:14: error: `visibility` = 1.4 is out of range 0..1"),
        "{stdout}"
    );
    assert!(
        lines.contains(
            &"decisions/0004-broken.toml:3:9: error: TOML syntax: extra `=`, expected nothing"
        ),
        "{stdout}"
    );
    assert!(lines
        .iter()
        .any(|l| l.starts_with("wheelhouse.toml:8:1: warning: unknown field `titel`")));
    assert_eq!(*lines.last().unwrap(), "28 errors, 11 warnings in 9 files");
}

#[test]
fn a_broken_file_in_a_copy_of_the_sample_gives_an_error_and_the_rest_still_lists() {
    let sample = manifest().join("sample-data");
    if !sample.is_dir() {
        let _ = writeln!(std::io::stderr(), "note: sample-data/ absent; skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&sample, dir.path());
    let mut victims: Vec<PathBuf> = std::fs::read_dir(dir.path().join("decisions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    victims.sort();
    let victim = &victims[0];
    let text = std::fs::read_to_string(victim).unwrap();
    std::fs::write(
        victim,
        text.replacen("title = \"", "title = \"unterminated\n", 1),
    )
    .unwrap();
    let out = wh().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let name = victim.file_name().unwrap().to_str().unwrap();
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with(&format!("decisions/{name}:"))
                && l.contains(": error: TOML syntax")),
        "{stdout}"
    );
    let ws = wheelhouse::workspace::Workspace::open(dir.path()).unwrap();
    assert_eq!(ws.decisions.len(), victims.len() - 1);
}

#[test]
fn json_output_has_the_documented_shape() {
    let out = wh()
        .arg("check")
        .arg(manifest().join("tests/fixtures/broken"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let obj = v.as_object().unwrap();
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["diagnostics", "errors", "files", "warnings", "workspace"]
    );
    // and in the documented order in the text
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let at = |k: &str| text.find(&format!("\"{k}\":")).unwrap();
    assert!(at("workspace") < at("files") && at("files") < at("errors"));
    assert!(at("errors") < at("warnings") && at("warnings") < at("diagnostics"));
    assert_eq!(v["files"], 9);
    assert_eq!(v["errors"], 28);
    assert_eq!(v["warnings"], 11);
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 39);
    let d = diags
        .iter()
        .find(|d| d["code"] == "out-of-range" && d["file"] == "maps/m.toml")
        .unwrap();
    assert_eq!(
        d,
        &serde_json::json!({
            "file": "maps/m.toml", "line": 5, "col": 14, "severity": "error",
            "code": "out-of-range", "message": "`visibility` = 1.4 is out of range 0..1",
            "target": "map:m/a"
        })
    );
    assert!(diags.iter().any(|d| d["target"].is_null()));
}

#[test]
fn text_from_files_cannot_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wheelhouse.toml"),
        "[workspace]\nformat = 1\n\"evil\\u001b]0;pwned\\u0007\" = 1\n",
    )
    .unwrap();
    let out = wh().arg("check").arg(dir.path()).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );
    assert!(stdout.contains("evil^[]0;pwned^G"), "{stdout}");
}

#[test]
fn no_workspace_is_a_clear_failure() {
    let dir = tempfile::tempdir().unwrap();
    let out = wh().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("no wheelhouse workspace"), "{stderr}");
}

#[test]
fn a_component_that_needs_itself_or_one_component_twice_is_reported() {
    let (_tmp, root) = crate::support::sample_copy();
    std::fs::write(
        root.join("maps/cyc.toml"),
        "[map]\ntitle = \"cyc\"\n[component.a]\nname = \"A\"\nvisibility = 0.9\nevolution = 0.2\n\
         needs = [\"b\", \"a\", \"b\"]\n[component.b]\nname = \"B\"\nvisibility = 0.5\n\
         evolution = 0.5\nneeds = [\"a\", { to = \"a\", flow = \"forward\" }]\n",
    )
    .unwrap();
    let out = wh().arg("-C").arg(&root).arg("check").output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "maps/cyc.toml:7:15: error: component `a` cannot need itself",
            "maps/cyc.toml:7:20: warning: component `a` needs `b` twice: the second is ignored",
            "maps/cyc.toml:12:15: warning: component `b` needs `a` twice: the second is ignored",
        ],
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    // the second is left out of what is shown and exported
    let owm = wh()
        .arg("-C")
        .arg(&root)
        .args(["export", "map", "cyc", "--format", "owm"])
        .output()
        .unwrap();
    let owm = String::from_utf8(owm.stdout).unwrap();
    assert_eq!(owm.matches("A->B").count(), 1, "{owm}");
}

/// 2 superseded by 3, 3 by 5 (the sample) and, by hand, 5 by 2: every record of the chain is
/// superseded and none is current. Each is reported, at its `superseded-by` entry, with the
/// circle as it goes round from it.
#[test]
fn a_circle_of_supersessions_is_an_error_at_each_record() {
    let (_tmp, root) = crate::support::sample_with_supersede_circle();
    let out = wh().arg("check").arg(&root).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    for line in [
        "decisions/0002-host-rendering-on-ec2.toml:8:18: error: adr:2 is superseded in a circle (adr:2 → adr:3 → adr:5 → adr:2)",
        "decisions/0003-containerise-rendering-on-kubernetes.toml:9:18: error: adr:3 is superseded in a circle (adr:3 → adr:5 → adr:2 → adr:3)",
        "decisions/0005-serverless-presentation-layer.toml:9:18: error: adr:5 is superseded in a circle (adr:5 → adr:2 → adr:3 → adr:5)",
    ] {
        assert!(stdout.contains(line), "{line}\n in\n{stdout}");
    }
    let json = wh()
        .args(["check", "--format", "json"])
        .arg(&root)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .filter(|c| *c == "supersede-cycle")
        .collect();
    assert_eq!(codes.len(), 3, "{v:#}");
}

/// The same in an adr-tools folder (`Superseded by` / `Supersedes` lines): the records are
/// named at their title.
#[test]
fn a_circle_of_markdown_records_is_reported_too() {
    let dir = tempfile::tempdir().unwrap();
    let adr = dir.path().join("doc/adr");
    std::fs::create_dir_all(&adr).unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::write(
        adr.join("0001-use-a.md"),
        "# 1. Use A\n\nDate: 2024-01-02\n\n## Status\n\nSuperseded by [2. Use B](0002-use-b.md)\n\nSupersedes [2. Use B](0002-use-b.md)\n\n## Context\n\nA.\n",
    )
    .unwrap();
    std::fs::write(
        adr.join("0002-use-b.md"),
        "# 2. Use B\n\nDate: 2024-01-03\n\n## Status\n\nSuperseded by [1. Use A](0001-use-a.md)\n\nSupersedes [1. Use A](0001-use-a.md)\n\n## Context\n\nB.\n",
    )
    .unwrap();
    let out = wh().arg("check").arg(dir.path()).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("doc/adr/0001-use-a.md:1:1: error: adr:1 is superseded in a circle (adr:1 → adr:2 → adr:1)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("doc/adr/0002-use-b.md:1:1: error: adr:2 is superseded in a circle (adr:2 → adr:1 → adr:2)"),
        "{stdout}"
    );
}
