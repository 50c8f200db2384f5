//! The edit engine's flywheel operations on `wheelhouse.toml`: each changes the file only
//! where the edit is, leaves `wh check` clean, and is undone back to the original bytes.

use crate::support;
use crate::support::edit::apply_undo_redo;

use std::path::Path;

use wheelhouse::workspace::edit::{self, EntryList, FlywheelOp, History, Op, StepField};
use wheelhouse::workspace::{PhaseId, PhaseStatus, Risk, Workspace};

/// Odd bits appended to the sample's root file: one-line arrays, comments inside them,
/// samples out of date order.
const ODD: &str = r#"
# ---- odd layouts
[metric.odd]
name = "Odd"
kind = "guardrail"
baseline = 1
target = 2
samples = [{ date = 2024-01-01, value = 1 },   { date = 2024-03-01, value = 1.5 }]   # one line

[metric.unsorted]
name = "Unsorted"
kind = "input"
baseline = 1
target = 2
samples = [
  { date = 2024-03-01, value = 2 }, # newest first
  { date = 2024-01-01, value = 1 },
]
"#;

fn workspace() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let (tmp, root) = support::sample_copy();
    let path = root.join("wheelhouse.toml");
    let text = std::fs::read_to_string(&path).unwrap() + ODD;
    std::fs::write(&path, &text).unwrap();
    (tmp, root, text)
}

fn root_file(root: &Path) -> String {
    std::fs::read_to_string(root.join("wheelhouse.toml")).unwrap()
}

fn problems(ws: &Workspace) -> Vec<String> {
    ws.diagnostics.iter().map(|d| format!("{d:?}")).collect()
}

/// Applies `op`, checks no diagnostic appears, undoes it, checks the bytes came back;
/// returns the file before and after.
fn apply_and_undo(op: FlywheelOp) -> (String, String) {
    let (_tmp, root, _) = workspace();
    apply_undo_redo(&root, "wheelhouse.toml", &Op::Flywheel(op), problems)
}

/// The one region of `after` that differs from `before`: (removed, inserted).
fn diff(before: &str, after: &str) -> (String, String) {
    let p = before
        .bytes()
        .zip(after.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let s = before[p..]
        .bytes()
        .rev()
        .zip(after[p..].bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    (
        before[p..before.len() - s].to_string(),
        after[p..after.len() - s].to_string(),
    )
}

fn sample(metric: &str, date: &str, value: f64) -> FlywheelOp {
    FlywheelOp::RecordSample {
        metric: metric.into(),
        date: date.into(),
        value,
    }
}

#[test]
fn a_sample_goes_in_date_order_formatted_like_its_neighbours() {
    let (b, a) = apply_and_undo(sample("weekly-active-members", "2024-05-31", 22000.0));
    assert_eq!(
        diff(&b, &a),
        (
            String::new(),
            "  { date = 2024-05-31, value = 22000 },\n".into()
        )
    );
    let (b, a) = apply_and_undo(sample("weekly-active-members", "2023-07-15", 11000.5));
    assert!(a.contains("{ date = 2023-06-30, value = 12000 },\n  { date = 2023-07-15, value = 11000.5 },\n  { date = 2023-08-31"), "{}", diff(&b, &a).1);
    let (_, a) = apply_and_undo(sample("odd", "2024-02-01", 1.25));
    assert!(a.contains("samples = [{ date = 2024-01-01, value = 1 },   { date = 2024-02-01, value = 1.25 },   { date = 2024-03-01, value = 1.5 }]   # one line\n"), "{a}");
    let (_, a) = apply_and_undo(sample("odd", "2024-04-01", 2.0));
    assert!(
        a.contains(
            "{ date = 2024-03-01, value = 1.5 }, { date = 2024-04-01, value = 2 }]   # one line\n"
        ),
        "{a}"
    );
    let (_, a) = apply_and_undo(sample("odd", "2023-12-01", 0.5));
    assert!(
        a.contains(
            "samples = [{ date = 2023-12-01, value = 0.5 },   { date = 2024-01-01, value = 1 },"
        ),
        "{a}"
    );
    // a list the file keeps in another order gets the new sample at the end
    let (_, a) = apply_and_undo(sample("unsorted", "2024-02-01", 1.5));
    assert!(
        a.contains("  { date = 2024-01-01, value = 1 },\n  { date = 2024-02-01, value = 1.5 },\n]"),
        "{a}"
    );
}

#[test]
fn the_same_sample_again_changes_nothing_another_value_is_refused() {
    let (_tmp, root, start) = workspace();
    let ws = Workspace::open(&root).unwrap();
    let plan = edit::apply(
        &ws,
        &Op::Flywheel(sample("weekly-active-members", "2024-04-30", 21300.0)),
    )
    .unwrap();
    assert!(plan.patch.is_empty());
    assert!(
        plan.summary.contains("already recorded"),
        "{}",
        plan.summary
    );
    let err = edit::apply(
        &ws,
        &Op::Flywheel(sample("weekly-active-members", "2024-04-30", 21000.0)),
    )
    .unwrap_err();
    assert!(err.to_string().contains("already has 21300"), "{err}");
    for (op, why) in [
        (sample("nope", "2024-04-30", 1.0), "no metric `nope`"),
        (sample("odd", "2024-02-30", 1.0), "not a date"),
        (sample("odd", "yesterday", 1.0), "not a date"),
        (sample("odd", "2024-02-01", f64::NAN), "not a number"),
    ] {
        let err = edit::apply(&ws, &Op::Flywheel(op)).unwrap_err();
        assert!(err.to_string().contains(why), "{err}");
    }
    assert_eq!(root_file(&root), start);
}

#[test]
fn phase_status_and_pillar_risk_change_one_value() {
    let (b, a) = apply_and_undo(FlywheelOp::SetPhaseStatus {
        phase: PhaseId::LongTerm,
        status: PhaseStatus::InProgress,
    });
    assert_eq!(
        diff(&b, &a),
        ("not-started".to_string(), "in-progress".to_string())
    );
    let (b, a) = apply_and_undo(FlywheelOp::SetPillarRisk {
        pillar: "sustainability".into(),
        risk: Risk::Medium,
    });
    assert_eq!(diff(&b, &a), ("unanswered".into(), "medium".into()));
}

#[test]
fn challenges_and_moves_are_added_edited_reordered_and_removed_in_place() {
    let list = EntryList::Challenges(PhaseId::Challenge);
    let (b, a) = apply_and_undo(FlywheelOp::AddEntry {
        list: list.clone(),
        text: "Nobody owns the pager 沒人值班".into(),
    });
    assert_eq!(
        diff(&b, &a),
        (
            String::new(),
            "  \"Nobody owns the pager 沒人值班\",\n".into()
        )
    );
    let (b, a) = apply_and_undo(FlywheelOp::EditEntry {
        list: list.clone(),
        index: 1,
        text: "One hero team owns every page".into(),
    });
    assert_eq!(
        diff(&b, &a),
        ("\\\"Front end is the best\\\": o".into(), "O".into())
    );
    let (b, a) = apply_and_undo(FlywheelOp::MoveEntry {
        list: EntryList::Moves(PhaseId::Challenge),
        index: 0,
        by: 1,
    });
    assert_eq!(b.len(), a.len());
    assert!(a.contains("moves = [\n  \"Enable and coach through the pre-production journey\",\n  \"Take care of the worries"), "{a}");
    let (b, a) = apply_and_undo(FlywheelOp::RemoveEntry {
        list: EntryList::Moves(PhaseId::Challenge),
        index: 3,
    });
    assert_eq!(
        diff(&b, &a).0,
        "  \"Involve everyone in the sociotechnical system: map the org for enablement\",\n"
    );
    let (_, a) = apply_and_undo(FlywheelOp::AddEntry {
        list: EntryList::PillarActions("security".into()),
        text: "Rotate the keys".into(),
    });
    assert!(a.contains("\"Rotate the keys\"]"), "{a}");
}

#[test]
fn a_review_is_a_new_table_before_the_value_streams() {
    let (b, a) = apply_and_undo(FlywheelOp::NewReview {
        id: "2024-q2".into(),
        date: "2024-06-28".into(),
        facilitator: "Kim".into(),
        scores: vec![
            (PhaseId::Clarity, vec![3, 3, 2]),
            (PhaseId::LongTerm, vec![1, 1, 1]),
        ],
        actions: vec!["Set reliability targets".into()],
        notes: "Better.".into(),
    });
    assert_eq!(
        diff(&b, &a).1,
        "[review.2024-q2]\ndate = 2024-06-28\nfacilitator = \"Kim\"\nscores = { clarity = [3, 3, 2], long-term = [1, 1, 1] }\nactions = [\"Set reliability targets\"]\nnotes = \"Better.\"\n\n"
    );
    let (_tmp, root, _) = workspace();
    let ws = Workspace::open(&root).unwrap();
    for (op, why) in [
        (
            FlywheelOp::NewReview {
                id: "2024-q1".into(),
                date: "2024-06-28".into(),
                facilitator: String::new(),
                scores: vec![],
                actions: vec![],
                notes: String::new(),
            },
            "already exists",
        ),
        (
            FlywheelOp::NewReview {
                id: "x".into(),
                date: "2024-06-28".into(),
                facilitator: String::new(),
                scores: vec![(PhaseId::Clarity, vec![3, 3])],
                actions: vec![],
                notes: String::new(),
            },
            "give 3 scores",
        ),
        (
            FlywheelOp::NewReview {
                id: "x".into(),
                date: "2024-06-28".into(),
                facilitator: String::new(),
                scores: vec![(PhaseId::Clarity, vec![3, 4, 1])],
                actions: vec![],
                notes: String::new(),
            },
            "0 to 3",
        ),
    ] {
        let err = edit::apply(&ws, &Op::Flywheel(op)).unwrap_err();
        assert!(err.to_string().contains(why), "{err}");
    }
}

#[test]
fn value_stream_steps_take_times_ca_and_waste_letters() {
    let step = |field, value: &str| FlywheelOp::SetStep {
        stream: "idea-to-production".into(),
        step: 1,
        field,
        value: value.into(),
    };
    let (b, a) = apply_and_undo(step(StepField::Pt, "3.5"));
    assert_eq!(diff(&b, &a), ("2".into(), "3.5".into()));
    let (b, a) = apply_and_undo(step(StepField::Lt, "36"));
    assert_eq!(diff(&b, &a), ("40".into(), "36".into()));
    let (b, a) = apply_and_undo(step(StepField::Ca, "85%"));
    assert_eq!(diff(&b, &a), ("7".into(), "85".into()));
    let (_, a) = apply_and_undo(step(StepField::Waste, "wmd"));
    assert!(
        a.contains("ca = 0.7\nwaste = [\"waiting\", \"motion\", \"defects\"]\n"),
        "{a}"
    );
    let (_, a) = apply_and_undo(step(StepField::Waste, "inventory, motion"));
    assert!(a.contains("waste = [\"inventory\", \"motion\"]\n\n[[value-stream.idea-to-production.step]]\nname = \"Build\""), "{a}");
    let (_tmp, root, start) = workspace();
    let ws = Workspace::open(&root).unwrap();
    for (op, why) in [
        (step(StepField::Pt, "41"), "exceed the lead time"),
        (step(StepField::Lt, "-1"), "a number 0 or more"),
        (step(StepField::Ca, "120%"), "0 to 100%"),
        (step(StepField::Waste, "WQ"), "`Q` is not a waste letter"),
    ] {
        let err = edit::apply(&ws, &Op::Flywheel(op)).unwrap_err();
        assert!(err.to_string().contains(why), "{err}");
    }
    assert_eq!(root_file(&root), start);
}

/// Random sequences of operations, undone all, give back every byte; redone all, the same
/// bytes as when they were applied.
#[test]
fn random_sequences_undo_and_redo_byte_for_byte() {
    let mut seed: u64 = 0x5851_f42d_4c95_7f2d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let metrics = [
        "odd",
        "unsorted",
        "weekly-active-members",
        "digest-click-through",
    ];
    let mut applied = 0;
    for round in 0..5 {
        let (_tmp, root, start) = workspace();
        let mut ws = Workspace::open(&root).unwrap();
        let baseline = problems(&ws);
        let mut h = History::default();
        for _ in 0..30 {
            let phase = PhaseId::ALL[(next() % 4) as usize];
            let list = match next() % 3 {
                0 => EntryList::Challenges(phase),
                1 => EntryList::Moves(phase),
                _ => EntryList::PillarActions("security".into()),
            };
            let op = match next() % 8 {
                0 => sample(
                    metrics[(next() % 4) as usize],
                    &format!("2024-{:02}-{:02}", next() % 12 + 1, next() % 28 + 1),
                    (next() % 500) as f64,
                ),
                1 => FlywheelOp::SetPhaseStatus {
                    phase,
                    status: [
                        PhaseStatus::NotStarted,
                        PhaseStatus::InProgress,
                        PhaseStatus::Healthy,
                        PhaseStatus::AtRisk,
                    ][(next() % 4) as usize],
                },
                2 => FlywheelOp::AddEntry {
                    list,
                    text: format!("Entry {}", next() % 50),
                },
                3 => FlywheelOp::EditEntry {
                    list,
                    index: (next() % 5) as usize,
                    text: format!("Edited {}", next() % 50),
                },
                4 => FlywheelOp::RemoveEntry {
                    list,
                    index: (next() % 5) as usize,
                },
                5 => FlywheelOp::MoveEntry {
                    list,
                    index: (next() % 5) as usize,
                    by: if next() % 2 == 0 { -1 } else { 1 },
                },
                6 => FlywheelOp::SetStep {
                    stream: "idea-to-production".into(),
                    step: (next() % 6) as usize,
                    field: StepField::Waste,
                    value: ["W", "DOM", "E", "TIN"][(next() % 4) as usize].into(),
                },
                _ => FlywheelOp::SetPillarRisk {
                    pillar: "reliability".into(),
                    risk: [Risk::None, Risk::Medium, Risk::High, Risk::Unanswered]
                        [(next() % 4) as usize],
                },
            };
            let op = Op::Flywheel(op);
            if let Ok(plan) = edit::apply(&ws, &op) {
                if !plan.patch.is_empty() {
                    h.record(plan);
                    applied += 1;
                }
                ws = ws.reload();
                assert_eq!(problems(&ws), baseline, "round {round}: {op:?}");
            }
        }
        let end = root_file(&root);
        while h.can_undo() {
            h.undo(&root).unwrap();
        }
        assert_eq!(root_file(&root), start, "round {round}");
        while h.can_redo() {
            h.redo(&root).unwrap();
        }
        assert_eq!(root_file(&root), end, "round {round}");
    }
    assert!(applied > 60, "only {applied} edits applied");
}
