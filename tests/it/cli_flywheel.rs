//! `wh metric record`, `wh phase status`, `wh review new`: flywheel edits from the shell,
//! made for CI jobs and cron (idempotent where a retry must be harmless).

use crate::support;

use support::{sample_copy, stderr, stdout, wh};

fn root_file(root: &std::path::Path) -> String {
    std::fs::read_to_string(root.join("wheelhouse.toml")).unwrap()
}

#[test]
fn metric_record_is_idempotent_for_the_same_day_and_value() {
    let (_tmp, root) = sample_copy();
    let args = [
        "metric",
        "record",
        "weekly-active-members",
        "22000",
        "--date",
        "2024-05-31",
    ];
    let o = wh(&root, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("22000 members on 2024-05-31 (wheelhouse.toml)"),
        "{}",
        stdout(&o)
    );
    let once = root_file(&root);
    assert!(once.contains("  { date = 2024-05-31, value = 22000 },\n]"));
    // the cron job runs again: nothing changes, exit 0
    let o = wh(&root, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("already recorded"), "{}", stdout(&o));
    assert_eq!(root_file(&root), once);
    // another value for that day is refused with the reason
    let o = wh(
        &root,
        &[
            "metric",
            "record",
            "metric:weekly-active-members",
            "22500",
            "--date",
            "2024-05-31",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("already has 22000 members for 2024-05-31, not 22500"),
        "{}",
        stderr(&o)
    );
    assert_eq!(root_file(&root), once);
    // today by default
    let o = wh(
        &root,
        &["metric", "record", "digest-click-through", "0.31", "--json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["focus"], "metric:digest-click-through");
    assert!(root_file(&root).contains(&format!(
        "{{ date = {}, value = 0.31 }}",
        wheelhouse::workspace::edit::flywheel::today()
    )));
    for (args, code, why) in [
        (
            &["metric", "record", "nope", "1"][..],
            1,
            "no metric `nope`",
        ),
        (
            &["metric", "record", "digest-click-through", "lots"],
            1,
            "not a number",
        ),
        (
            &[
                "metric",
                "record",
                "digest-click-through",
                "1",
                "--date",
                "2024-13-01",
            ],
            1,
            "not a date",
        ),
    ] {
        let o = wh(&root, args);
        assert_eq!(o.status.code(), Some(code), "{args:?}");
        assert!(stderr(&o).contains(why), "{args:?}: {}", stderr(&o));
    }
    let check = wh(&root, &["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
}

#[test]
fn phase_status_and_review_new() {
    let (_tmp, root) = sample_copy();
    let o = wh(&root, &["phase", "status", "long-term", "in-progress"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        root_file(&root).contains("persona = \"CTO\"\nstatus = \"in-progress\"\nsummary = "),
        "{}",
        root_file(&root)
    );
    let o = wh(&root, &["phase", "status", "long-term", "done"]);
    assert_eq!(o.status.code(), Some(2));

    let o = wh(
        &root,
        &[
            "review",
            "new",
            "--date",
            "2024-06-28",
            "--facilitator",
            "Kim",
            "--score",
            "long-term=1,1,0",
            "--score",
            "clarity=3,2,3",
            "--action",
            "Set reliability targets",
            "--action",
            "Re-score in Q3",
            "--notes",
            "Better than Q1.",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(root_file(&root).contains(
        "[review.2024-06-28]\ndate = 2024-06-28\nfacilitator = \"Kim\"\nscores = { clarity = [3, 2, 3], long-term = [1, 1, 0] }\nactions = [\"Set reliability targets\", \"Re-score in Q3\"]\nnotes = \"Better than Q1.\"\n"
    ));
    // the same day again gets its own id
    let o = wh(&root, &["review", "new", "--date", "2024-06-28"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(root_file(&root).contains("[review.2024-06-28-2]\ndate = 2024-06-28\n"));
    for (args, why) in [
        (
            &["review", "new", "--score", "clarity=3,2"][..],
            "give 3 scores",
        ),
        (
            &["review", "new", "--score", "clarity=3,2,4"],
            "0, 1, 2 or 3",
        ),
        (&["review", "new", "--score", "clarity"], "PHASE=S,S,S"),
        (&["review", "new", "--score", "vision=1,1,1"], "not a phase"),
        (
            &[
                "review",
                "new",
                "--score",
                "clarity=1,1,1",
                "--score",
                "clarity=1,1,1",
            ],
            "scored twice",
        ),
        (&["review", "new", "--id", "2024-q1"], "already exists"),
    ] {
        let o = wh(&root, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(why), "{args:?}: {}", stderr(&o));
    }
    let check = wh(&root, &["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
}

/// The same review recorded twice (a script run again) is one review; another one the same
/// day gets the next id.
#[test]
fn review_new_is_idempotent_for_the_same_review() {
    let (_tmp, root) = sample_copy();
    let args = [
        "review",
        "new",
        "--date",
        "2031-01-05",
        "--score",
        "clarity=3,2,3",
        "--action",
        "Ship it",
    ];
    let o = wh(&root, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let once = root_file(&root);
    let o = wh(&root, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("already recorded, as `2031-01-05`"),
        "{}",
        stdout(&o)
    );
    assert_eq!(root_file(&root), once);
    let mut other = args.to_vec();
    other.extend(["--notes", "the afternoon one"]);
    let o = wh(&root, &other);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(root_file(&root).contains("[review.2031-01-05-2]"));
}

/// A whole number too large for a float to keep is refused and said, not written rounded
/// (9007199254740993 was recorded as ...992).
#[test]
fn a_number_too_large_to_keep_exactly_is_refused() {
    let (_tmp, root) = sample_copy();
    let before = root_file(&root);
    let o = wh(
        &root,
        &[
            "metric",
            "record",
            "weekly-active-members",
            "9007199254740993",
        ],
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("cannot be kept exactly"),
        "{}",
        stderr(&o)
    );
    assert_eq!(root_file(&root), before);
}
