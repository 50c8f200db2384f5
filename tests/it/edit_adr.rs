//! The decision record operations, per format: TOML (with comments), adr-tools/Nygard, MADR 2,
//! MADR 3 (front matter), MADR 4 and log4brains. Each golden test names the lines an edit
//! changes — nothing else of the file moves — and undo gives the bytes back.

use crate::support;
use crate::support::edit::{changed_region as changed, errors};

use std::fs;
use std::path::{Path, PathBuf};

use wheelhouse::workspace::edit::{self, AdrOp, NewRecord, Op, Plan};
use wheelhouse::workspace::writer;
use wheelhouse::workspace::{AdrStatus, Reference, Severity, Workspace};

// ---------------------------------------------------------------- fixtures

const NYGARD_1: &str = "# 1. Record architecture decisions\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nWe need to record the architectural decisions made on this project.\n\n## Decision\n\nWe will use Architecture Decision Records.\n\n## Consequences\n\nSee Michael Nygard's article.\n";
const NYGARD_2: &str = "# 2. Use event sourcing\n\nDate: 2024-01-03\n\n## Status\n\nAccepted\n\n## Context\n\nThe ledger must be auditable.\n\n## Decision\n\nEvents.\n\n## Consequences\n\nReplays.\n";

const MADR2_1: &str = "# Use managed Postgres\n\n* Status: accepted\n* Deciders: Ana, Bo\n* Date: 2021-03-04\n\nTechnical Story: PAY-123\n\n## Context and Problem Statement\n\nWe need a database.\n\n## Considered Options\n\n* Managed Postgres\n* Self-hosted Postgres\n\n## Decision Outcome\n\nChosen option: \"Managed Postgres\", because nobody wants to run it.\n";
const MADR2_2: &str = "# Use Aurora\n\n* Status: proposed\n* Date: 2021-05-01\n\n## Context and Problem Statement\n\nScale.\n";

const MADR3_1: &str = "---\nstatus: accepted\ndate: 2022-10-01\ndeciders: Ana\n---\n# Use Rust\n\n## Context and Problem Statement\n\nA CLI.\n\n## Considered Options\n\n* Rust\n* Go\n\n## Decision Outcome\n\nChosen option: \"Rust\", because it is fast.\n";
const MADR3_2: &str = "---\nstatus: proposed\ndate: 2022-11-01\n---\n# Use Zig\n\n## Context and Problem Statement\n\nSmaller.\n";

const MADR4_1: &str = "---\nstatus: \"accepted\"\ndate: 2024-09-01\ndecision-makers: Ana\n---\n\n# Use htmx\n\n## Context and Problem Statement\n\nLess JS.\n\n## Considered Options\n\n* htmx\n* React\n\n## Decision Outcome\n\nChosen option: \"htmx\", because less JS.\n";
const MADR4_2: &str = "---\nstatus: \"proposed\"\ndate: 2024-10-01\ndecision-makers: Bo\n---\n\n# Use Alpine\n\n## Context and Problem Statement\n\nSprinkles.\n";

const L4B_1: &str = "# Use slugs\n\n- Status: accepted\n- Date: 2020-10-16\n\n## Context and Problem Statement\n\nIds.\n";
const L4B_2: &str = "# Use dates\n\n- Status: proposed\n- Date: 2020-11-01\n\n## Context and Problem Statement\n\nOrder.\n";

/// A repository with `docs/adr` holding the two records (decisions-only mode).
fn folder(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    fs::create_dir_all(root.join(".git")).unwrap();
    fs::create_dir_all(root.join("docs/adr")).unwrap();
    for (name, text) in files {
        fs::write(root.join("docs/adr").join(name), text).unwrap();
    }
    (tmp, root)
}

fn nygard() -> (tempfile::TempDir, PathBuf) {
    folder(&[
        ("0001-record-architecture-decisions.md", NYGARD_1),
        ("0002-use-event-sourcing.md", NYGARD_2),
    ])
}
fn madr2() -> (tempfile::TempDir, PathBuf) {
    folder(&[
        ("0001-use-managed-postgres.md", MADR2_1),
        ("0002-use-aurora.md", MADR2_2),
    ])
}
fn madr3() -> (tempfile::TempDir, PathBuf) {
    folder(&[("0001-use-rust.md", MADR3_1), ("0002-use-zig.md", MADR3_2)])
}
fn madr4() -> (tempfile::TempDir, PathBuf) {
    folder(&[
        ("0001-use-htmx.md", MADR4_1),
        ("0002-use-alpine.md", MADR4_2),
    ])
}
fn log4brains() -> (tempfile::TempDir, PathBuf) {
    folder(&[
        ("20201016-use-slugs.md", L4B_1),
        ("20201101-use-dates.md", L4B_2),
    ])
}

/// Makes a folder of records (kept alive by the TempDir).
type Make = fn() -> (tempfile::TempDir, PathBuf);

// ---------------------------------------------------------------- helpers

/// Every file under the root (but `.git` and the lock), by path, with its bytes.
fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if name == ".git" || name.starts_with(".wh") {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((
                    p.strip_prefix(root).unwrap().to_path_buf(),
                    fs::read(&p).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

/// Applies `op`, checks the record reads back without errors, undoes it and checks every
/// byte is back. Returns the plan and the texts of the files it changed (after).
fn apply_and_undo(root: &Path, op: AdrOp) -> (Plan, Vec<(PathBuf, Option<String>)>) {
    let before = snapshot(root);
    let ws = Workspace::open(root).unwrap();
    assert!(errors(&ws).is_empty(), "{:?}", errors(&ws));
    let plan = edit::apply(&ws, &Op::Adr(op.clone())).unwrap_or_else(|e| panic!("{op:?}: {e}"));
    let after: Vec<(PathBuf, Option<String>)> = plan
        .patch
        .changes
        .iter()
        .map(|c| (c.rel.clone(), c.after.clone()))
        .collect();
    let ws2 = Workspace::open(root).unwrap();
    assert!(errors(&ws2).is_empty(), "{op:?}: {:?}", errors(&ws2));
    writer::commit(root, &plan.patch.inverse()).unwrap();
    assert_eq!(snapshot(root), before, "{op:?}: undo gives the bytes back");
    // and applied again, it stays applied for the caller to look at
    let ws = Workspace::open(root).unwrap();
    edit::apply(&ws, &Op::Adr(op)).unwrap();
    (plan, after)
}

fn read(root: &Path, rel: &str) -> String {
    fs::read_to_string(root.join(rel)).unwrap()
}

fn status(number: u32, status: AdrStatus, by: Option<u32>) -> AdrOp {
    AdrOp::SetStatus {
        record: number.into(),
        status,
        by: by.map(Into::into),
    }
}

fn lines(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

// ---------------------------------------------------------------- status

#[test]
fn a_status_change_edits_the_status_line_only_in_every_dialect() {
    let cases: [(Make, &str, &str, &str); 5] = [
        (
            nygard,
            "docs/adr/0001-record-architecture-decisions.md",
            "Accepted",
            "Deprecated",
        ),
        (
            madr2,
            "docs/adr/0001-use-managed-postgres.md",
            "* Status: accepted",
            "* Status: deprecated",
        ),
        (
            madr3,
            "docs/adr/0001-use-rust.md",
            "status: accepted",
            "status: deprecated",
        ),
        (
            madr4,
            "docs/adr/0001-use-htmx.md",
            "status: \"accepted\"",
            "status: \"deprecated\"",
        ),
        (
            log4brains,
            "docs/adr/20201016-use-slugs.md",
            "- Status: accepted",
            "- Status: deprecated",
        ),
    ];
    for (make, file, old, new) in cases {
        let (_tmp, root) = make();
        let before = read(&root, file);
        let ws = Workspace::open(&root).unwrap();
        let number = ws.decisions[0].number;
        apply_and_undo(&root, status(number, AdrStatus::Deprecated, None));
        assert_eq!(
            changed(&before, &read(&root, file)),
            (lines(&[old]), lines(&[new])),
            "{file}"
        );
        let ws = Workspace::open(&root).unwrap();
        assert_eq!(ws.decision(number).unwrap().status, AdrStatus::Deprecated);
        // the same again: nothing to do, and said so
        let plan = edit::apply(&ws, &Op::Adr(status(number, AdrStatus::Deprecated, None))).unwrap();
        assert!(plan.patch.is_empty() && plan.summary.contains("already deprecated"));
    }
}

#[test]
fn toml_status_keeps_comments_and_drops_a_stale_status_text() {
    let (_tmp, root) = support::sample_copy();
    let file = "decisions/0008-continuous-integration-on-every-merge.toml";
    let text = read(&root, file);
    let commented = text.replacen("status = \"", "# decided in March\nstatus = \"", 1);
    fs::write(root.join(file), &commented).unwrap();
    let ws = Workspace::open(&root).unwrap();
    let was = ws.decision(8).unwrap().status;
    let to = if was == AdrStatus::Deprecated {
        AdrStatus::Accepted
    } else {
        AdrStatus::Deprecated
    };
    apply_and_undo(&root, status(8, to, None));
    let (removed, added) = changed(&commented, &read(&root, file));
    assert_eq!(removed, [format!("status = \"{}\"", was.key())]);
    assert_eq!(added, [format!("status = \"{}\"", to.key())]);
}

// ---------------------------------------------------------------- supersede

#[test]
fn superseding_updates_both_records_in_their_dialect() {
    // (folder, old file, new file, old status line → new, line the successor gains)
    type Case = (
        Make,
        &'static str,
        &'static str,
        Vec<&'static str>,
        Vec<&'static str>,
        Vec<&'static str>,
    );
    let cases: Vec<Case> = vec![
        (
            nygard,
            "docs/adr/0001-record-architecture-decisions.md",
            "docs/adr/0002-use-event-sourcing.md",
            vec!["Accepted"],
            vec!["Superseded by [2. Use event sourcing](0002-use-event-sourcing.md)"],
            vec!["Supersedes [1. Record architecture decisions](0001-record-architecture-decisions.md)", ""],
        ),
        (
            madr2,
            "docs/adr/0001-use-managed-postgres.md",
            "docs/adr/0002-use-aurora.md",
            vec!["* Status: accepted"],
            vec!["* Status: superseded by [ADR-0002](0002-use-aurora.md)"],
            vec!["## Links", "", "* Supersedes [ADR-0001](0001-use-managed-postgres.md)", ""],
        ),
        (
            madr3,
            "docs/adr/0001-use-rust.md",
            "docs/adr/0002-use-zig.md",
            vec!["status: accepted"],
            vec!["status: superseded by [ADR-0002](0002-use-zig.md)"],
            vec!["## Links", "", "* Supersedes [ADR-0001](0001-use-rust.md)", ""],
        ),
        (
            madr4,
            "docs/adr/0001-use-htmx.md",
            "docs/adr/0002-use-alpine.md",
            vec!["status: \"accepted\""],
            vec!["status: \"superseded by ADR-0002\""],
            vec!["## Links", "", "* Supersedes [ADR-0001](0001-use-htmx.md)", ""],
        ),
    ];
    for (make, old, new, removed, added, gained) in cases {
        let (_tmp, root) = make();
        let (old_before, new_before) = (read(&root, old), read(&root, new));
        apply_and_undo(&root, status(1, AdrStatus::Superseded, Some(2)));
        assert_eq!(
            changed(&old_before, &read(&root, old)),
            (lines(&removed), lines(&added)),
            "{old}"
        );
        let (r, a) = changed(&new_before, &read(&root, new));
        assert!(r.is_empty(), "{new}: {r:?}");
        assert_eq!(a, lines(&gained), "{new}");
        let ws = Workspace::open(&root).unwrap();
        assert_eq!(
            ws.decision(1).unwrap().status,
            AdrStatus::Superseded,
            "{old}"
        );
        assert_eq!(
            ws.decision(1).unwrap().superseded_by,
            [Reference::adr(2)],
            "{old}"
        );
        assert_eq!(
            ws.decision(2).unwrap().supersedes,
            [Reference::adr(1)],
            "{new}"
        );
    }
}

#[test]
fn log4brains_links_name_the_slug() {
    let (_tmp, root) = log4brains();
    let ws = Workspace::open(&root).unwrap();
    let (old, new) = (ws.decisions[0].number, ws.decisions[1].number);
    apply_and_undo(&root, status(old, AdrStatus::Superseded, Some(new)));
    let text = read(&root, "docs/adr/20201016-use-slugs.md");
    assert!(
        text.contains("- Status: superseded by [20201101-use-dates](20201101-use-dates.md)\n"),
        "{text}"
    );
    let text = read(&root, "docs/adr/20201101-use-dates.md");
    assert!(
        text.ends_with("## Links\n\n- Supersedes [20201016-use-slugs](20201016-use-slugs.md)\n"),
        "{text}"
    );
}

#[test]
fn superseded_needs_a_successor_and_not_itself() {
    let (_tmp, root) = nygard();
    let ws = Workspace::open(&root).unwrap();
    for (op, why) in [
        (status(1, AdrStatus::Superseded, None), "--by"),
        (status(1, AdrStatus::Superseded, Some(1)), "itself"),
        (status(1, AdrStatus::Superseded, Some(9)), "no ADR 0009"),
        (status(1, AdrStatus::Accepted, Some(2)), "superseded only"),
    ] {
        let e = edit::apply(&ws, &Op::Adr(op)).unwrap_err().to_string();
        assert!(e.contains(why), "{e}");
    }
}

// ---------------------------------------------------------------- tags, links, options, rename

#[test]
fn tags_go_where_each_dialect_keeps_metadata() {
    let cases: [(Make, &str, Vec<&str>, Vec<&str>); 5] = [
        (
            nygard,
            "docs/adr/0001-record-architecture-decisions.md",
            vec![],
            vec!["Tags: process, docs", ""],
        ),
        (
            madr2,
            "docs/adr/0001-use-managed-postgres.md",
            vec![],
            vec!["* Tags: process, docs"],
        ),
        (
            madr3,
            "docs/adr/0001-use-rust.md",
            vec![],
            vec!["tags: [process, docs]"],
        ),
        (
            madr4,
            "docs/adr/0001-use-htmx.md",
            vec![],
            vec!["tags: [process, docs]"],
        ),
        (
            log4brains,
            "docs/adr/20201016-use-slugs.md",
            vec![],
            vec!["- Tags: process, docs"],
        ),
    ];
    for (make, file, removed, added) in cases {
        let (_tmp, root) = make();
        let before = read(&root, file);
        let ws = Workspace::open(&root).unwrap();
        let number = ws.decisions[0].number;
        let tags = vec!["process".to_string(), "docs".to_string()];
        apply_and_undo(
            &root,
            AdrOp::SetTags {
                record: number.into(),
                tags: tags.clone(),
            },
        );
        assert_eq!(
            changed(&before, &read(&root, file)),
            (lines(&removed), lines(&added)),
            "{file}"
        );
        let ws = Workspace::open(&root).unwrap();
        assert_eq!(ws.decision(number).unwrap().tags, tags, "{file}");
        // and none takes the line away again
        edit::apply(
            &ws,
            &Op::Adr(AdrOp::SetTags {
                record: number.into(),
                tags: vec![],
            }),
        )
        .unwrap();
        assert_eq!(read(&root, file), before, "{file}");
    }
}

#[test]
fn toml_tags_links_and_the_chosen_option() {
    let (_tmp, root) = support::sample_copy();
    let file = "decisions/0001-record-architecture-decisions.toml";
    let before = read(&root, file);
    apply_and_undo(
        &root,
        AdrOp::SetTags {
            record: 1.into(),
            tags: vec!["process".into()],
        },
    );
    assert_eq!(
        changed(&before, &read(&root, file)),
        (
            lines(&["tags = [\"process\", \"governance\"]"]),
            lines(&["tags = [\"process\"]"])
        )
    );
    let before = read(&root, file);
    apply_and_undo(
        &root,
        AdrOp::Link {
            record: 1.into(),
            target: Reference::adr(5),
            kind: None,
        },
    );
    assert_eq!(
        changed(&before, &read(&root, file)),
        (
            lines(&["links = [\"phase:challenge\", \"phase:long-term\"]"]),
            lines(&["links = [\"phase:challenge\", \"phase:long-term\", \"adr:5\"]"])
        )
    );
    let ws = Workspace::open(&root).unwrap();
    edit::apply(
        &ws,
        &Op::Adr(AdrOp::Unlink {
            record: 1.into(),
            target: Reference::adr(5),
        }),
    )
    .unwrap();
    assert_eq!(
        read(&root, file),
        before,
        "unlink takes exactly the link away"
    );
    let ws = Workspace::open(&root).unwrap();
    let second = ws.decision(1).unwrap().options[1].name.clone();
    let before = read(&root, file);
    apply_and_undo(
        &root,
        AdrOp::ChooseOption {
            record: 1.into(),
            option: second.clone(),
        },
    );
    let (removed, added) = changed(&before, &read(&root, file));
    assert!(
        removed.contains(&"chosen = true".to_string()),
        "{removed:?}"
    );
    assert!(added.contains(&"chosen = false".to_string()), "{added:?}");
    let ws = Workspace::open(&root).unwrap();
    let chosen: Vec<_> = ws
        .decision(1)
        .unwrap()
        .options
        .iter()
        .filter(|o| o.chosen)
        .map(|o| &o.name)
        .collect();
    assert_eq!(chosen, [&second]);
    // a link to something that does not exist is refused
    let e = edit::apply(
        &ws,
        &Op::Adr(AdrOp::Link {
            record: 1.into(),
            target: Reference::parse("metric:nope").unwrap(),
            kind: None,
        }),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("nothing is called metric:nope"), "{e}");
}

#[test]
fn markdown_links_are_written_on_both_sides_as_adr_link_does() {
    let (_tmp, root) = nygard();
    let (a, b) = (
        "docs/adr/0001-record-architecture-decisions.md",
        "docs/adr/0002-use-event-sourcing.md",
    );
    let (a0, b0) = (read(&root, a), read(&root, b));
    apply_and_undo(
        &root,
        AdrOp::Link {
            record: 2.into(),
            target: Reference::adr(1),
            kind: Some("amends".into()),
        },
    );
    assert_eq!(
        changed(&b0, &read(&root, b)).1,
        lines(&[
            "Amends [1. Record architecture decisions](0001-record-architecture-decisions.md)",
            ""
        ])
    );
    assert_eq!(
        changed(&a0, &read(&root, a)).1,
        lines(&[
            "Amended by [2. Use event sourcing](0002-use-event-sourcing.md)",
            ""
        ])
    );
    let ws = Workspace::open(&root).unwrap();
    assert!(ws.decision(2).unwrap().links.contains(&Reference::adr(1)));
    edit::apply(
        &ws,
        &Op::Adr(AdrOp::Unlink {
            record: 2.into(),
            target: Reference::adr(1),
        }),
    )
    .unwrap();
    assert_eq!(
        (read(&root, a), read(&root, b)),
        (a0, b0),
        "unlink takes both lines away"
    );
    let e = edit::apply(
        &ws,
        &Op::Adr(AdrOp::Link {
            record: 2.into(),
            target: Reference::adr(1),
            kind: Some("eats".into()),
        }),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("not a link kind"), "{e}");
}

#[test]
fn the_chosen_option_in_madr() {
    // another option: the reason written for the old one goes (it would argue for the new one)
    for (make, file, old, new) in [
        (
            madr2 as fn() -> _,
            "docs/adr/0001-use-managed-postgres.md",
            "Chosen option: \"Managed Postgres\", because nobody wants to run it.",
            "Chosen option: \"Self-hosted Postgres\"",
        ),
        (
            madr3,
            "docs/adr/0001-use-rust.md",
            "Chosen option: \"Rust\", because it is fast.",
            "Chosen option: \"Go\"",
        ),
        (
            madr4,
            "docs/adr/0001-use-htmx.md",
            "Chosen option: \"htmx\", because less JS.",
            "Chosen option: \"React\"",
        ),
    ] {
        let (_tmp, root) = make();
        let before = read(&root, file);
        let option = new.split('"').nth(1).unwrap().to_string();
        let old_option = old.split('"').nth(1).unwrap().to_string();
        let (plan, _) = apply_and_undo(
            &root,
            AdrOp::ChooseOption {
                record: 1.into(),
                option: option.clone(),
            },
        );
        assert_eq!(
            changed(&before, &read(&root, file)),
            (lines(&[old]), lines(&[new]))
        );
        assert!(
            plan.summary
                .contains(&format!("dropped the reason given for {old_option}")),
            "the summary says the reason went: {}",
            plan.summary
        );
        let ws = Workspace::open(&root).unwrap();
        let o = ws
            .decision(1)
            .unwrap()
            .options
            .iter()
            .find(|o| o.chosen)
            .map(|o| o.name.clone());
        assert_eq!(o, Some(option));
    }
}

/// A reason that goes on below the `Chosen option:` line (an unfinished sentence's paragraph, a
/// list after `because`) goes with it; what follows the reason stays.
#[test]
fn a_reason_carried_on_below_goes_too_and_the_same_option_keeps_its_own() {
    let head = "---\nstatus: accepted\ndate: 2022-10-01\n---\n# Pick a store\n\n## Considered Options\n\n* Files\n* SQLite\n\n## Decision Outcome\n\n";
    for (outcome, after) in [
        (
            "Chosen option: \"Files\", because\n\n* they are simple\n* they diff\n  in review too\n\nFurther discussion in #12.\n\n## More Information\n\nNone.\n",
            "Chosen option: \"SQLite\"\n\nFurther discussion in #12.\n\n## More Information\n\nNone.\n",
        ),
        (
            "Chosen option: \"Files\", because\nthey are simple and\nthey diff.\n\n## More Information\n\nNone.\n",
            "Chosen option: \"SQLite\"\n\n## More Information\n\nNone.\n",
        ),
        (
            "Chosen option: \"Files\", because they are simple.\nWe review this in 2026.\n",
            "Chosen option: \"SQLite\"\nWe review this in 2026.\n",
        ),
        (
            "**Chosen option:** Files, because they are simple.\n",
            "**Chosen option:** \"SQLite\"\n",
        ),
    ] {
        let (_tmp, root) = folder(&[("0001-pick-a-store.md", &format!("{head}{outcome}"))]);
        let file = "docs/adr/0001-pick-a-store.md";
        let (plan, _) = apply_and_undo(
            &root,
            AdrOp::ChooseOption {
                record: 1.into(),
                option: "SQLite".into(),
            },
        );
        assert_eq!(read(&root, file), format!("{head}{after}"), "{outcome}");
        assert!(plan.summary.contains("dropped the reason"), "{}", plan.summary);
    }
    // the option named already, in other words (`files,` for `Files`): its reason stays
    let text = format!("{head}Chosen option: \"files,\" because they are simple.\n");
    let (_tmp, root) = folder(&[("0001-pick-a-store.md", &text)]);
    let ws = Workspace::open(&root).unwrap();
    let plan = edit::apply(
        &ws,
        &Op::Adr(AdrOp::ChooseOption {
            record: 1.into(),
            option: "Files".into(),
        }),
    )
    .unwrap();
    assert!(
        plan.summary.contains("already the chosen option"),
        "{}",
        plan.summary
    );
    assert_eq!(read(&root, "docs/adr/0001-pick-a-store.md"), text);
}

#[test]
fn rename_moves_the_file_and_the_links_follow() {
    let (_tmp, root) = nygard();
    let ws = Workspace::open(&root).unwrap();
    edit::apply(&ws, &Op::Adr(status(1, AdrStatus::Superseded, Some(2)))).unwrap();
    let before = snapshot(&root);
    let old2 = read(&root, "docs/adr/0002-use-event-sourcing.md");
    let (plan, _) = apply_and_undo(
        &root,
        AdrOp::Rename {
            record: 1.into(),
            title: "Keep decision records".into(),
        },
    );
    assert!(
        plan.summary.contains("0001-keep-decision-records.md"),
        "{}",
        plan.summary
    );
    assert!(!root
        .join("docs/adr/0001-record-architecture-decisions.md")
        .exists());
    let renamed = read(&root, "docs/adr/0001-keep-decision-records.md");
    assert!(
        renamed.starts_with("# 1. Keep decision records\n\nDate: 2024-01-02\n"),
        "{renamed}"
    );
    assert_eq!(
        changed(&old2, &read(&root, "docs/adr/0002-use-event-sourcing.md")),
        (
            lines(&["Supersedes [1. Record architecture decisions](0001-record-architecture-decisions.md)"]),
            lines(&["Supersedes [1. Keep decision records](0001-keep-decision-records.md)"])
        )
    );
    let ws = Workspace::open(&root).unwrap();
    assert_eq!(ws.decision(2).unwrap().supersedes, [Reference::adr(1)]);
    assert_ne!(snapshot(&root), before);

    // TOML: title and file name; links by number hold
    let (_tmp, root) = support::sample_copy();
    apply_and_undo(
        &root,
        AdrOp::Rename {
            record: 3.into(),
            title: "Containers on Kubernetes".into(),
        },
    );
    let text = read(&root, "decisions/0003-containers-on-kubernetes.toml");
    assert!(text.contains("title = \"Containers on Kubernetes\""));
    let ws = Workspace::open(&root).unwrap();
    assert!(errors(&ws).is_empty(), "{:?}", errors(&ws));
}

// ---------------------------------------------------------------- new

#[test]
fn new_records_follow_the_folder() {
    let new = |title: &str| {
        AdrOp::New(NewRecord {
            title: title.into(),
            date: Some("2024-02-03".into()),
            ..NewRecord::default()
        })
    };
    let cases: [(Make, &str, &str); 5] = [
        (nygard, "docs/adr/0003-use-c-rust.md", "# 3. Use C++ & Rust\n\nDate: 2024-02-03\n\n## Status\n\nAccepted\n\n## Context\n"),
        (madr2, "docs/adr/0003-use-c-rust.md", "# Use C++ & Rust\n\n* Status: proposed\n* Date: 2024-02-03\n\n## Context and Problem Statement\n"),
        (madr3, "docs/adr/0003-use-c-rust.md", "---\nstatus: proposed\ndate: 2024-02-03\n---\n# Use C++ & Rust\n"),
        (madr4, "docs/adr/0003-use-c-rust.md", "---\nstatus: \"proposed\"\ndate: 2024-02-03\n---\n\n# Use C++ & Rust\n"),
        (log4brains, "docs/adr/20240203-use-c-rust.md", "# Use C++ & Rust\n\n- Status: proposed\n- Date: 2024-02-03\n"),
    ];
    for (make, file, start) in cases {
        let (_tmp, root) = make();
        let (plan, _) = apply_and_undo(&root, new("Use C++ & Rust"));
        assert_eq!(plan.patch.changes[0].rel, PathBuf::from(file));
        let text = read(&root, file);
        assert!(text.starts_with(start), "{file}:\n{text}");
        let ws = Workspace::open(&root).unwrap();
        assert!(
            ws.decisions.iter().any(|a| a.title == "Use C++ & Rust"),
            "{file}"
        );
    }
}

#[test]
fn a_number_is_never_reused_even_for_files_that_are_not_records() {
    let (_tmp, root) = nygard();
    // a gap, and a numbered file that is not markdown: adr-tools counts every numbered name
    fs::write(root.join("docs/adr/0007-notes.txt"), "not a record").unwrap();
    let ws = Workspace::open(&root).unwrap();
    let plan = edit::apply(
        &ws,
        &Op::Adr(AdrOp::New(NewRecord {
            title: "Next".into(),
            ..NewRecord::default()
        })),
    )
    .unwrap();
    assert_eq!(
        plan.patch.changes[0].rel,
        PathBuf::from("docs/adr/0008-next.md")
    );
}

#[test]
fn a_folder_template_is_used_like_adr_new_uses_it() {
    let (_tmp, root) = nygard();
    fs::create_dir_all(root.join("docs/adr/templates")).unwrap();
    fs::write(
        root.join("docs/adr/templates/template.md"),
        "# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## Owner\n\nTBD\n",
    )
    .unwrap();
    let ws = Workspace::open(&root).unwrap();
    edit::apply(
        &ws,
        &Op::Adr(AdrOp::New(NewRecord {
            title: "Templated".into(),
            date: Some("2024-02-03".into()),
            ..NewRecord::default()
        })),
    )
    .unwrap();
    assert_eq!(
        read(&root, "docs/adr/0003-templated.md"),
        "# 3. Templated\n\nDate: 2024-02-03\n\n## Status\n\nAccepted\n\n## Owner\n\nTBD\n"
    );
}

#[test]
fn leaving_superseded_takes_the_successor_s_line_away_too() {
    let (_tmp, root) = nygard();
    let before = snapshot(&root);
    let ws = Workspace::open(&root).unwrap();
    edit::apply(&ws, &Op::Adr(status(1, AdrStatus::Superseded, Some(2)))).unwrap();
    let ws = Workspace::open(&root).unwrap();
    let plan = edit::apply(&ws, &Op::Adr(status(1, AdrStatus::Accepted, None))).unwrap();
    assert_eq!(plan.patch.changes.len(), 2);
    assert_eq!(snapshot(&root), before, "both records as they were");

    let (_tmp, root) = support::sample_copy();
    let ws = Workspace::open(&root).unwrap();
    let old = ws
        .decisions
        .iter()
        .find(|a| a.status == AdrStatus::Superseded && !a.superseded_by.is_empty())
        .expect("the sample has a superseded record");
    let (n, successor) = (old.number, old.superseded_by[0].adr_number().unwrap());
    apply_and_undo(&root, status(n, AdrStatus::Deprecated, None));
    let ws = Workspace::open(&root).unwrap();
    assert!(ws.decision(n).unwrap().superseded_by.is_empty());
    assert!(!ws
        .decision(successor)
        .unwrap()
        .supersedes
        .contains(&Reference::adr(n)));
    let mismatches: Vec<_> = ws
        .diagnostics
        .iter()
        .filter(|d| d.code == "supersede-mismatch")
        .collect();
    assert!(mismatches.is_empty(), "{mismatches:?}");
}

#[test]
fn a_madr_folder_template_is_filled_in() {
    let (_tmp, root) = madr4();
    fs::write(
        root.join("docs/adr/adr-template.md"),
        "---\n# These are optional metadata elements. Feel free to remove any of them.\nstatus: \"{proposed | rejected | accepted | deprecated | … | superseded by ADR-0123}\"\ndate: {YYYY-MM-DD when the decision was last updated}\ndecision-makers: {list everyone involved in the decision}\n---\n\n# {short title, representative of solved problem and found solution}\n\n## Context and Problem Statement\n\n{Describe the context and problem statement}\n",
    )
    .unwrap();
    let ws = Workspace::open(&root).unwrap();
    assert_eq!(ws.decisions.len(), 2, "the template is not a record");
    let (plan, _) = apply_and_undo(
        &root,
        AdrOp::New(NewRecord {
            title: "Use Web Components".into(),
            date: Some("2024-12-01".into()),
            ..NewRecord::default()
        }),
    );
    assert_eq!(
        plan.patch.changes[0].rel,
        PathBuf::from("docs/adr/0003-use-web-components.md")
    );
    assert_eq!(
        read(&root, "docs/adr/0003-use-web-components.md"),
        "---\n# These are optional metadata elements. Feel free to remove any of them.\nstatus: \"proposed\"\ndate: 2024-12-01\ndecision-makers: {list everyone involved in the decision}\n---\n\n# Use Web Components\n\n## Context and Problem Statement\n\n{Describe the context and problem statement}\n"
    );
}

/// A small deterministic generator (xorshift), so a failing sequence can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Nothing on disk moved: every file still has the bytes `ws` was read from.
fn nothing_written_since(root: &Path, ws: &Workspace) -> bool {
    ws.files
        .iter()
        .all(|f| ws.is_current(&f.path, &fs::read(root.join(&f.path)).unwrap_or_default()))
}

#[test]
fn random_sequences_of_edits_undo_back_to_the_bytes_in_every_dialect() {
    let makers: [(&str, Make); 5] = [
        ("adr-tools", nygard),
        ("madr2", madr2),
        ("madr3", madr3),
        ("madr4", madr4),
        ("log4brains", log4brains),
    ];
    for (name, make) in makers {
        for seed in 1..=4u64 {
            let (_tmp, root) = make();
            let original = snapshot(&root);
            let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ name.len() as u64);
            let mut done: Vec<writer::Patch> = Vec::new();
            for step in 0..14 {
                let ws = Workspace::open(&root).unwrap();
                let numbers: Vec<u32> = ws.decisions.iter().map(|a| a.number).collect();
                let a = numbers[rng.next(numbers.len())];
                let b = numbers[rng.next(numbers.len())];
                let op = match rng.next(7) {
                    0 => AdrOp::SetStatus {
                        record: a.into(),
                        status: AdrStatus::LIFECYCLE[rng.next(4)],
                        by: None,
                    },
                    1 if a != b => AdrOp::SetStatus {
                        record: a.into(),
                        status: AdrStatus::Superseded,
                        by: Some(b.into()),
                    },
                    2 => AdrOp::SetTags {
                        record: a.into(),
                        tags: ["x", "y", "z"][..rng.next(4)]
                            .iter()
                            .map(|s| s.to_string())
                            .collect(),
                    },
                    3 if a != b => AdrOp::Link {
                        record: a.into(),
                        target: Reference::adr(b),
                        kind: Some(["relates", "amends", "extends"][rng.next(3)].into()),
                    },
                    4 => AdrOp::Unlink {
                        record: a.into(),
                        target: Reference::adr(b),
                    },
                    5 => AdrOp::Rename {
                        record: a.into(),
                        title: format!("Title {step} of {a}"),
                    },
                    6 => AdrOp::New(NewRecord {
                        title: format!("Record {step}"),
                        // log4brains: one record a day (its date is its number)
                        date: Some(format!("2024-03-{:02}", step + 1)),
                        ..NewRecord::default()
                    }),
                    _ => continue,
                };
                let plan = match edit::apply(&ws, &Op::Adr(op.clone())) {
                    Ok(plan) => plan,
                    // superseding a record by one that already leads to it would close a
                    // circle: refused, and nothing written
                    Err(e)
                        if matches!(op, AdrOp::SetStatus { by: Some(_), .. })
                            && e.to_string().contains("round in a circle") =>
                    {
                        assert!(nothing_written_since(&root, &ws), "{name} seed {seed}");
                        continue;
                    }
                    Err(e) => panic!("{name} seed {seed} step {step} {op:?}: {e}"),
                };
                let after = Workspace::open(&root).unwrap();
                let errs: Vec<_> = after
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .map(|d| d.to_string())
                    .collect();
                assert!(
                    errs.is_empty(),
                    "{name} seed {seed} step {step} {op:?}: {errs:?}"
                );
                assert_eq!(
                    after.decisions.len(),
                    ws.decisions.len() + usize::from(matches!(op, AdrOp::New(_))),
                    "{name} seed {seed} step {step} {op:?}: no record lost"
                );
                if !plan.patch.is_empty() {
                    done.push(plan.patch);
                }
            }
            for patch in done.iter().rev() {
                writer::commit(&root, &patch.inverse()).unwrap();
            }
            assert_eq!(snapshot(&root), original, "{name} seed {seed}: undo all");
        }
    }
}

#[test]
fn log4brains_writes_a_second_record_the_same_day() {
    // log4brains records are named by slug: a day with a record is no obstacle (issue 12)
    let (_tmp, root) = log4brains();
    let ws = Workspace::open(&root).unwrap();
    let new = |date: &str| {
        Op::Adr(AdrOp::New(NewRecord {
            title: "Another".into(),
            date: Some(date.into()),
            ..NewRecord::default()
        }))
    };
    edit::apply(&ws, &new("2020-10-16")).unwrap();
    let ws = Workspace::open(&root).unwrap();
    assert!(ws
        .decisions
        .iter()
        .any(|a| a.slug.as_deref() == Some("another") && a.date.as_deref() == Some("2020-10-16")));
    // the same name twice is refused: the file is there
    let e = edit::apply(&ws, &new("2020-10-16"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("already exists"), "{e}");
}

#[test]
fn a_folder_that_spells_superceded_keeps_its_spelling() {
    let (_tmp, root) = folder(&[
        (
            "0001-record-architecture-decisions.md",
            &NYGARD_1.replace("Accepted", "Superceded by [2. Use event sourcing](0002-use-event-sourcing.md)"),
        ),
        (
            "0002-use-event-sourcing.md",
            &NYGARD_2.replace(
                "Accepted\n",
                "Accepted\n\nSupercedes [1. Record architecture decisions](0001-record-architecture-decisions.md)\n",
            ),
        ),
    ]);
    let ws = Workspace::open(&root).unwrap();
    edit::apply(
        &ws,
        &Op::Adr(AdrOp::New(NewRecord {
            title: "Use a ledger database".into(),
            supersedes: Some(2.into()),
            date: Some("2024-02-03".into()),
            ..NewRecord::default()
        })),
    )
    .unwrap();
    let two = read(&root, "docs/adr/0002-use-event-sourcing.md");
    assert!(two.contains("\nSupercedes [1. Record"), "{two}");
    assert!(
        two.contains("\nSuperceded by [3. Use a ledger database](0003-use-a-ledger-database.md)\n"),
        "{two}"
    );
    let three = read(&root, "docs/adr/0003-use-a-ledger-database.md");
    assert!(
        three.contains("\nSupercedes [2. Use event sourcing](0002-use-event-sourcing.md)\n"),
        "{three}"
    );
    let ws = Workspace::open(&root).unwrap();
    assert_eq!(ws.decision(2).unwrap().superseded_by, [Reference::adr(3)]);
}
