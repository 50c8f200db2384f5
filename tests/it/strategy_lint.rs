//! `wh check --strategy`: every strategy lint code fires where it should, with file and line,
//! stays quiet without `--strategy`, and can be turned off in `[lint]`.

use crate::support;

use std::path::Path;

use support::{stderr, stdout, wh};

const ROOT: &str = r#"[workspace]
name = "Lint Co"
format = 1

[phase.clarity]
[phase.challenge]
[phase.next-action]
[phase.long-term]

[metric.active]
name = "Active"
kind = "north-star"
indicator = "lagging"

[metric.revenue]
name = "Revenue"
kind = "north-star"
indicator = "leading"

[pillar.security]
risk = "high"

[pillar.cost]
risk = "high"
actions = ["Tag every resource"]

[scenario.checkout]
name = "Checkout stays fast"
importance = "H"
difficulty = "H"
"#;

const MAP: &str = r#"[map]
title = "Serving"

[component.web]
name = "Web"
visibility = 0.8
evolution = 0.8
inertia = true
sourcing = "build"

[component.idea]
name = "Idea"
visibility = 0.4
evolution = 0.1
sourcing = "buy"
"#;

const IMPACT: &str = r#"[goal]
title = "Grow"
unit = "users"
baseline = 10
current = 12
target = 20
deadline = 2020-01-01
"#;

const ADR: &str = r#"[adr]
number = 1
title = "Old idea"
status = "proposed"
date = 2020-01-01
"#;

fn workspace(root_extra: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path();
    for d in ["maps", "impact", "decisions"] {
        std::fs::create_dir(p.join(d)).unwrap();
    }
    std::fs::write(p.join("wheelhouse.toml"), format!("{ROOT}{root_extra}")).unwrap();
    std::fs::write(p.join("maps/serving.toml"), MAP).unwrap();
    std::fs::write(p.join("impact/grow.toml"), IMPACT).unwrap();
    std::fs::write(p.join("decisions/0001-old-idea.toml"), ADR).unwrap();
    tmp
}

/// (code, file, line) of every strategy diagnostic.
fn strategy(dir: &Path, extra: &[&str]) -> Vec<(String, String, u64)> {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let o = wh(dir, &args);
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}", stderr(&o)));
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["code"].as_str().unwrap().starts_with("strategy-") || d["code"] == "bad-value"
        })
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn every_code_fires_where_it_should() {
    let tmp = workspace("");
    assert!(strategy(tmp.path(), &[]).is_empty(), "only with --strategy");
    let found = strategy(tmp.path(), &["--strategy"]);
    let expect = [
        ("strategy-goal-overdue", "impact/grow.toml"),
        ("strategy-goal-no-deliverable", "impact/grow.toml"),
        (
            "strategy-adr-proposed-stale",
            "decisions/0001-old-idea.toml",
        ),
        ("strategy-inertia-no-adr", "maps/serving.toml"),
        ("strategy-sourcing-stage", "maps/serving.toml"),
        ("strategy-north-star-lagging", "wheelhouse.toml"),
        ("strategy-north-star-count", "wheelhouse.toml"),
        ("strategy-pillar-no-action", "wheelhouse.toml"),
        ("strategy-scenario-no-adr", "wheelhouse.toml"),
    ];
    for (code, file) in expect {
        assert!(
            found
                .iter()
                .any(|(c, f, l)| c == code && f == file && *l > 0),
            "{code} in {file}: {found:?}"
        );
    }
    // build in commodity and buy in genesis: two sourcing findings, at their components
    let sourcing: Vec<u64> = found
        .iter()
        .filter(|(c, _, _)| c == "strategy-sourcing-stage")
        .map(|(_, _, l)| *l)
        .collect();
    assert_eq!(sourcing, vec![4, 11], "{found:?}");
    // one lagging north star, one pillar without action: the others are fine
    assert_eq!(
        found
            .iter()
            .filter(|(c, _, _)| c == "strategy-north-star-lagging")
            .count(),
        1
    );
    assert_eq!(
        found
            .iter()
            .filter(|(c, _, _)| c == "strategy-pillar-no-action")
            .count(),
        1
    );
}

#[test]
fn lint_codes_can_be_turned_off_and_days_set() {
    let tmp = workspace(
        "\n[lint]\noff = [\"strategy-sourcing-stage\", \"strategy-north-star-count\"]\nproposed-days = 100000\n",
    );
    let found = strategy(tmp.path(), &["--strategy"]);
    assert!(
        !found.iter().any(|(c, _, _)| c == "strategy-sourcing-stage"),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|(c, _, _)| c == "strategy-north-star-count"),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|(c, _, _)| c == "strategy-adr-proposed-stale"),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(c, _, _)| c == "strategy-inertia-no-adr"),
        "{found:?}"
    );
    // `[lint]` is known to the loader: no unknown-field for it
    let o = wh(tmp.path(), &["check"]);
    assert!(!stdout(&o).contains("unknown"), "{}", stdout(&o));

    let bad = workspace("\n[lint]\noff = [\"no-such-code\"]\n");
    let found = strategy(bad.path(), &["--strategy"]);
    assert!(
        found.contains(&("bad-value".into(), "wheelhouse.toml".into(), 32)),
        "{found:?}"
    );
}
