//! Every diagnostic kind, on small broken fixtures: file, line, column, severity and code.

use std::path::Path;

use wheelhouse::workspace::{Severity, Workspace};

fn broken() -> Workspace {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken");
    Workspace::open(&root).unwrap()
}

const E: Severity = Severity::Error;
const W: Severity = Severity::Warning;

#[rustfmt::skip]
const EXPECTED: &[(&str, u32, u32, Severity, &str)] = &[
    ("decisions/0001-a.toml", 4, 10, E, "missing-successor"),
    ("decisions/0002-b.toml", 1, 2, E, "duplicate-adr"),
    ("decisions/0002-b.toml", 2, 10, W, "file-name-mismatch"),
    ("decisions/0002-b.toml", 5, 15, E, "dangling-reference"),
    ("decisions/0002-b.toml", 6, 10, W, "unresolved-reference"),
    ("decisions/0003-c.toml", 1, 2, E, "missing-field"),
    ("decisions/0003-c.toml", 4, 8, E, "bad-date"),
    ("decisions/0003-c.toml", 5, 8, W, "wrong-type"),
    ("decisions/0004-broken.toml", 3, 9, E, "syntax"),
    ("decisions/0004-broken.toml", 3, 11, E, "syntax"),
    ("decisions/0005-e.toml", 1, 2, W, "supersede-mismatch"),
    ("decisions/0006-latin1.toml", 3, 13, E, "syntax"),
    ("impact/i.toml", 1, 2, W, "goal-not-measurable"),
    ("impact/i.toml", 7, 9, E, "duplicate-id"),
    ("impact/i.toml", 8, 9, E, "dangling-reference"),
    ("impact/i.toml", 13, 10, E, "bad-value"),
    ("maps/m.toml", 5, 14, E, "out-of-range"),
    ("maps/m.toml", 7, 10, E, "dangling-reference"),
    ("maps/m.toml", 7, 15, E, "invalid-id"),
    ("maps/m.toml", 8, 12, E, "bad-value"),
    ("maps/m.toml", 10, 12, E, "missing-field"),
    ("wheelhouse.toml", 0, 0, W, "missing-phase"),
    ("wheelhouse.toml", 0, 0, E, "missing-folder"),
    ("wheelhouse.toml", 3, 10, E, "unsupported-format"),
    ("wheelhouse.toml", 7, 10, E, "bad-value"),
    ("wheelhouse.toml", 8, 1, W, "unknown-field"),
    ("wheelhouse.toml", 10, 8, E, "unknown-phase"),
    ("wheelhouse.toml", 14, 10, E, "bad-reference"),
    ("wheelhouse.toml", 14, 20, E, "dangling-reference"),
    ("wheelhouse.toml", 17, 9, E, "wrong-type"),
    ("wheelhouse.toml", 19, 9, W, "metric-without-target"),
    ("wheelhouse.toml", 19, 9, W, "drives-cycle"),
    ("wheelhouse.toml", 25, 9, W, "drives-cycle"),
    ("wheelhouse.toml", 30, 7, E, "bad-date"),
    ("wheelhouse.toml", 32, 9, E, "invalid-id"),
    ("wheelhouse.toml", 37, 26, E, "out-of-range"),
    ("wheelhouse.toml", 43, 6, E, "pt-exceeds-lt"),
    ("wheelhouse.toml", 45, 6, E, "out-of-range"),
    ("wheelhouse.toml", 47, 9, W, "unknown-pillar"),
];

#[test]
fn every_diagnostic_kind_points_at_its_place() {
    let ws = broken();
    let got: Vec<(String, u32, u32, Severity, &str)> = ws
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.file.display().to_string(),
                d.line,
                d.col,
                d.severity,
                d.code,
            )
        })
        .collect();
    let want: Vec<(String, u32, u32, Severity, &str)> = EXPECTED
        .iter()
        .map(|(f, l, c, s, code)| (f.to_string(), *l, *c, *s, *code))
        .collect();
    assert_eq!(got, want);
}

fn message(ws: &Workspace, file: &str, line: u32, code: &str) -> String {
    ws.diagnostics
        .iter()
        .find(|d| d.file == Path::new(file) && d.line == line && d.code == code)
        .unwrap_or_else(|| panic!("no {code} at {file}:{line}"))
        .message
        .clone()
}

#[test]
fn messages_say_what_is_wrong_and_what_would_be_right() {
    let ws = broken();
    assert!(message(&ws, "wheelhouse.toml", 8, "unknown-field").contains("did you mean `title`?"));
    assert!(
        message(&ws, "wheelhouse.toml", 10, "unknown-phase").contains("did you mean `clarity`?")
    );
    let m = message(&ws, "wheelhouse.toml", 7, "bad-value");
    assert!(
        m.contains("not-started, in-progress, healthy, at-risk"),
        "{m}"
    );
    assert!(message(&ws, "maps/m.toml", 5, "out-of-range").contains("1.4"));
    assert!(message(&ws, "maps/m.toml", 8, "bad-value").contains("buy"));
    assert!(message(&ws, "wheelhouse.toml", 45, "out-of-range").contains("1.2"));
    assert!(message(&ws, "wheelhouse.toml", 37, "out-of-range").contains("score 4"));
    assert!(message(&ws, "wheelhouse.toml", 47, "unknown-pillar").contains("security"));
    assert!(
        message(&ws, "decisions/0002-b.toml", 1, "duplicate-adr").contains("decisions/0001-a.toml")
    );
    assert!(
        message(&ws, "decisions/0001-a.toml", 4, "missing-successor").contains("superseded-by")
    );
}

#[test]
fn diagnostics_name_the_item_they_belong_to() {
    let ws = broken();
    let target = |file: &str, line: u32, code: &str| {
        ws.diagnostics
            .iter()
            .find(|d| d.file == Path::new(file) && d.line == line && d.code == code)
            .and_then(|d| d.target.as_ref())
            .map(ToString::to_string)
    };
    assert_eq!(
        target("maps/m.toml", 5, "out-of-range").as_deref(),
        Some("map:m/a")
    );
    assert_eq!(
        target("impact/i.toml", 8, "dangling-reference").as_deref(),
        Some("impact:i/x")
    );
    assert_eq!(
        target("decisions/0003-c.toml", 4, "bad-date").as_deref(),
        Some("adr:3")
    );
    assert_eq!(
        target("wheelhouse.toml", 45, "out-of-range").as_deref(),
        Some("value-stream:flow")
    );
    assert_eq!(
        target("wheelhouse.toml", 14, "dangling-reference").as_deref(),
        Some("phase:challenge")
    );
}

#[test]
fn bad_values_are_kept_where_they_can_be() {
    let ws = broken();
    // out of range: clamped, the component is still drawn
    let a = ws.map("m").unwrap().component("a").unwrap();
    assert_eq!(a.visibility, 1.0);
    assert_eq!(
        a.needs.len(),
        1,
        "the valid id is kept, the invalid one dropped"
    );
    // a lone string where a list belongs is used
    assert_eq!(ws.decision(3).unwrap().tags, ["one"]);
    // a record without a title is listed under its file name
    assert_eq!(ws.decision(3).unwrap().title, "0003-c");
    // both records numbered 1 are listed, in file order
    let ones: Vec<&str> = ws
        .decisions
        .iter()
        .filter(|a| a.number == 1)
        .map(|a| a.title.as_str())
        .collect();
    assert_eq!(ones, ["A", "B"]);
    // the bad phase status leaves the rest of the phase
    assert_eq!(ws.phases.len(), 4);
    // the review with a bad score keeps the good ones
    assert_eq!(
        ws.reviews[0].scores.values().next().unwrap(),
        &vec![1, 3, 0]
    );
}

#[test]
fn an_unreadable_root_file_still_lists_decisions() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wheelhouse.toml"), "[workspace\n").unwrap();
    std::fs::create_dir(dir.path().join("decisions")).unwrap();
    std::fs::write(
        dir.path().join("decisions/0001-x.toml"),
        "[adr]\nnumber = 1\ntitle = \"X\"\nstatus = \"accepted\"\n",
    )
    .unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    assert_eq!(ws.decisions.len(), 1);
    assert!(ws.files[0].broken);
    assert_eq!(ws.phases.len(), 4, "phases are defaulted");
    let d = &ws.diagnostics[0];
    assert_eq!((d.line, d.col, d.code), (1, 11, "syntax"));
}

#[test]
fn two_records_numbered_zero_are_duplicates_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wheelhouse.toml"),
        "[workspace]\nname = \"z\"\nformat = 1\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("decisions")).unwrap();
    for (name, title) in [("0000-first.toml", "First"), ("0000-second.toml", "Second")] {
        std::fs::write(
            dir.path().join("decisions").join(name),
            format!("[adr]\nnumber = 0\ntitle = \"{title}\"\nstatus = \"accepted\"\n"),
        )
        .unwrap();
    }
    let ws = Workspace::open(dir.path()).unwrap();
    let dups: Vec<_> = ws
        .diagnostics
        .iter()
        .filter(|d| d.code == "duplicate-adr")
        .collect();
    assert_eq!(dups.len(), 1, "{:#?}", ws.diagnostics);
    assert_eq!(dups[0].file, Path::new("decisions/0000-second.toml"));
    assert!(
        dups[0].message.contains("0000-first.toml"),
        "{}",
        dups[0].message
    );
}
