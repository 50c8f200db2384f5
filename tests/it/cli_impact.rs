//! `wh impact …`: the impact map edits from the shell, through the edit engine.

use crate::support;

use support::{sample_copy, stderr, stdout, wh};

fn grow(root: &std::path::Path) -> String {
    std::fs::read_to_string(root.join("impact/grow-members.toml")).unwrap()
}

#[test]
fn add_status_move_reorder_link_remove_from_the_shell() {
    let (_tmp, root) = sample_copy();
    let o = wh(
        &root,
        &[
            "impact",
            "add",
            "grow-members/lapsed-members",
            "impact",
            "open the app on Sundays",
            "--json",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["focus"], "impact:grow-members/open-the-app-on-sundays");
    assert_eq!(v["files"][0], "impact/grow-members.toml");

    let o = wh(
        &root,
        &[
            "impact",
            "add",
            "impact:grow-members/open-the-app-on-sundays",
            "deliverable",
            "Sunday push",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("added deliverable Sunday push"),
        "{}",
        stdout(&o)
    );
    let o = wh(
        &root,
        &["impact", "add", "grow-members", "actor", "Partners"],
    );
    assert!(o.status.success(), "{}", stderr(&o));

    let o = wh(
        &root,
        &["impact", "status", "grow-members/sunday-push", "shipped"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(grow(&root).contains(
        "[deliverable.sunday-push]\ntitle = \"Sunday push\"\nimpacts = [\"open-the-app-on-sundays\"]\nstatus = \"shipped\"\n"
    ));

    for args in [
        &[
            "impact",
            "mv",
            "grow-members/sunday-push",
            "grow-members/come-back-weekly",
        ][..],
        &["impact", "order", "grow-members/mark-digest-as-spam", "up"],
        &[
            "impact",
            "direction",
            "grow-members/extend-contracts",
            "obstruct",
        ],
        &["impact", "link", "grow-members/sunday-push", "adr:4"],
        &["impact", "unlink", "grow-members/sunday-push", "adr:4"],
        &["impact", "rename", "grow-members/partners", "Partner shops"],
        &["impact", "rename", "grow-members", "Grow members"],
        &[
            "impact",
            "goal",
            "grow-members",
            "--current",
            "15000",
            "--deadline",
            "2024-12-31",
        ],
        &["impact", "new", "retain", "--goal", "Keep members"],
    ] {
        let o = wh(&root, args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
    let text = grow(&root);
    assert!(
        // link then unlink leaves no `links = []` behind
        text.ends_with("impacts = [\"come-back-weekly\"]\nstatus = \"shipped\"\n")
            && !text.contains("links = []"),
        "{text}"
    );
    assert!(text.find("[impact.mark-digest-as-spam]") < text.find("[impact.come-back-weekly]"));
    assert!(text.contains("current = 15000\n") && text.contains("deadline = 2024-12-31\n"));
    assert!(text.contains("title = \"Grow members\""));
    assert!(root.join("impact/retain.toml").exists());

    let o = wh(&root, &["impact", "rm", "grow-members/suppliers"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("deleted Suppliers"), "{}", stdout(&o));
    assert!(stdout(&o).contains("maps/market.toml"), "{}", stdout(&o));
    assert!(!grow(&root).contains("supplier-self-service"));

    let check = wh(&root, &["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
}

#[test]
fn refusals_exit_1_with_the_reason_and_usage_errors_exit_2() {
    let (_tmp, root) = sample_copy();
    let before = grow(&root);
    for (args, why) in [
        (
            &["impact", "add", "grow-members", "impact", "x"][..],
            "goes under an actor",
        ),
        (
            &[
                "impact",
                "add",
                "grow-members/weekly-digest",
                "deliverable",
                "x",
            ],
            "last level",
        ),
        (
            &["impact", "status", "grow-members/lapsed-members", "shipped"],
            "not a deliverable",
        ),
        (
            &["impact", "rm", "grow-members/ghost"],
            "no actor, impact or deliverable",
        ),
        (
            &["impact", "status", "grow-members", "shipped"],
            "is not MAP/ID",
        ),
        (
            &["impact", "mv", "grow-members/weekly-digest", "other/x"],
            "items move within one map",
        ),
        (
            &["impact", "goal", "grow-members", "--baseline", "many"],
            "must be a number",
        ),
        (&["impact", "goal", "grow-members"], "say what to set"),
        (
            &["impact", "link", "grow-members/weekly-digest", "adr:999"],
            "nothing in the workspace",
        ),
    ] {
        let o = wh(&root, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(why), "{args:?}: {}", stderr(&o));
    }
    let o = wh(
        &root,
        &["impact", "status", "grow-members/weekly-digest", "done"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(grow(&root), before);
}

#[test]
fn a_name_with_control_characters_is_refused_without_echoing_them() {
    let (_tmp, root) = sample_copy();
    let o = wh(
        &root,
        &[
            "impact",
            "add",
            "grow-members",
            "actor",
            "Evil \u{1b}[31mred",
        ],
    );
    // a control character in a name is refused, and the refusal does not echo it raw
    assert_eq!(o.status.code(), Some(1));
    assert!(!stderr(&o).contains('\u{1b}'), "{:?}", stderr(&o));
}
