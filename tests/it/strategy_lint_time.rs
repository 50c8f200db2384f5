//! The strategy lint's rules about time: a metric sample older than the metric's `cadence`
//! (`strategy-metric-stale`), and an ADR whose component has since moved to another stage,
//! read from a git history scripted with gix (`strategy-adr-stage-moved`).

use crate::support;
use crate::support::git as git_support;

use std::path::Path;

use git_support::Repo;
use support::{stderr, stdout, wh};

/// (code, file, line, message) of every diagnostic `wh check --strategy` gives.
fn check(dir: &Path) -> Vec<(String, String, u64, String)> {
    let o = wh(dir, &["check", "--strategy", "--format", "json"]);
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}", stderr(&o)));
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn root(metric: &str, lint: &str) -> String {
    format!(
        "[workspace]\nname = \"Time Lint\"\nformat = 1\n{lint}\n[metric.active]\nname = \"Active\"\n\
         kind = \"input\"\nbaseline = 1\ntarget = 2\n{metric}\n"
    )
}

fn with_root(text: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("wheelhouse.toml"), text).unwrap();
    tmp
}

#[test]
fn a_sample_older_than_the_cadence_is_stale() {
    let stale = with_root(&root(
        "cadence = \"weekly\"\nsamples = [ { date = 2020-01-01, value = 1 } ]",
        "",
    ));
    let found = check(stale.path());
    let hit = found
        .iter()
        .find(|d| d.0 == "strategy-metric-stale")
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(hit.1, "wheelhouse.toml");
    assert_eq!(hit.2, 5, "the [metric.active] line");
    assert!(
        hit.3.contains("every 7 days") && hit.3.contains("2020-01-01"),
        "{hit:?}"
    );
    // a number of days, and no sample at all
    let none = with_root(&root("cadence = 30", ""));
    assert!(check(none.path())
        .iter()
        .any(|d| d.0 == "strategy-metric-stale" && d.3.contains("no sample yet")));
    // a recent sample, or no cadence: quiet
    let today = wheelhouse::workspace::edit::today();
    let fresh = with_root(&root(
        &format!("cadence = \"quarterly\"\nsamples = [ {{ date = {today}, value = 1 }} ]"),
        "",
    ));
    assert!(!check(fresh.path())
        .iter()
        .any(|d| d.0 == "strategy-metric-stale"));
    let free = with_root(&root("samples = [ { date = 2020-01-01, value = 1 } ]", ""));
    assert!(!check(free.path())
        .iter()
        .any(|d| d.0 == "strategy-metric-stale"));
    // turned off
    let off = with_root(&root(
        "cadence = \"monthly\"\nsamples = [ { date = 2020-01-01, value = 1 } ]",
        "[lint]\noff = [\"strategy-metric-stale\"]\n",
    ));
    assert!(!check(off.path())
        .iter()
        .any(|d| d.0 == "strategy-metric-stale"));
}

#[test]
fn a_bad_cadence_is_an_error_at_its_line() {
    let bad = with_root(&root("cadence = \"fortnightly\"", ""));
    let found = check(bad.path());
    assert!(
        found
            .iter()
            .any(|d| d.0 == "bad-value" && d.2 == 10 && d.3.contains("weekly")),
        "{found:?}"
    );
    let zero = with_root(&root("cadence = 0", ""));
    let found = check(zero.path());
    assert!(
        found.iter().any(|d| d.0 == "out-of-range" && d.2 == 10),
        "{found:?}"
    );
}

fn map(evolution: f64) -> String {
    format!(
        "[map]\ntitle = \"Serving\"\n\n[component.cache]\nname = \"Cache\"\nvisibility = 0.5\n\
         evolution = {evolution}\n"
    )
}

fn adr(number: u32, date: &str) -> String {
    format!(
        "[adr]\nnumber = {number}\ntitle = \"About the cache {number}\"\nstatus = \"accepted\"\n\
         date = {date}\nlinks = [\"map:serving/cache\"]\n"
    )
}

#[test]
fn an_adr_whose_component_crossed_a_stage_since_is_flagged() {
    let tmp = tempfile::tempdir().unwrap();
    let mut r = Repo::new(tmp.path());
    r.commit(
        "2024-01-01",
        &[
            ("wheelhouse.toml", root("", "")),
            ("maps/serving.toml", map(0.3)),
            ("decisions/0001-cache.toml", adr(1, "2024-01-10")),
        ],
        &[],
    );
    // Custom-Built → Product after ADR 1, before ADR 2
    r.commit("2024-03-14", &[("maps/serving.toml", map(0.5))], &[]);
    r.commit(
        "2024-04-01",
        &[("decisions/0002-cache-again.toml", adr(2, "2024-04-01"))],
        &[],
    );
    let found = check(tmp.path());
    let moved: Vec<_> = found
        .iter()
        .filter(|d| d.0 == "strategy-adr-stage-moved")
        .collect();
    assert_eq!(moved.len(), 1, "{found:?}");
    assert_eq!(moved[0].1, "decisions/0001-cache.toml");
    assert_eq!(moved[0].2, 1);
    assert!(
        moved[0].3.contains("Custom-Built → Product (2024-03-14"),
        "{}",
        moved[0].3
    );
    // turned off in [lint]
    std::fs::write(
        tmp.path().join("wheelhouse.toml"),
        root("", "[lint]\noff = [\"strategy-adr-stage-moved\"]\n"),
    )
    .unwrap();
    assert!(!check(tmp.path())
        .iter()
        .any(|d| d.0 == "strategy-adr-stage-moved"));
}

#[test]
fn outside_git_the_stage_rule_finds_nothing_and_says_nothing() {
    let tmp = with_root(&root("", ""));
    std::fs::create_dir_all(tmp.path().join("maps")).unwrap();
    std::fs::create_dir_all(tmp.path().join("decisions")).unwrap();
    std::fs::write(tmp.path().join("maps/serving.toml"), map(0.5)).unwrap();
    std::fs::write(
        tmp.path().join("decisions/0001-cache.toml"),
        adr(1, "2024-01-10"),
    )
    .unwrap();
    let o = wh(tmp.path(), &["check", "--strategy"]);
    assert!(!stdout(&o).contains("stage-moved"), "{}", stdout(&o));
    assert!(!stderr(&o).contains("history"), "{}", stderr(&o));
}
