//! The edit engine's impact map operations: each changes its file only where the edit is,
//! leaves `wh check` clean, and is undone back to the original bytes.

use crate::support::edit::{apply_undo_redo, changed_lines, errors, sample_with};

use std::path::Path;

use wheelhouse::workspace::edit::{self, GoalField, History, ImpactOp, Op};
use wheelhouse::workspace::{DeliverableStatus, ImpactDirection, Reference, Workspace};

/// An impact map with comments, odd spacing and a deliverable under two impacts.
const ODD: &str = r#"# The odd impact map: comments and layout must survive every edit.

[goal]
title   = "Sell more"      # the goal
baseline = 10
target = 20   # by spring

# who
[actor.buyers]
name = "Buyers"

[actor.sellers]
name = "Sellers"   # the other side
kind = "partner"

[impact.buy-twice]
actor = "buyers"
behaviour = "buy twice a month"

[impact.list-more]
actor = "sellers"
behaviour = "list more items"
direction = "support"

[impact.tell-friends]
actor = "buyers"
behavior = "tell their friends"

# what we build
[deliverable.reminder]
title = "Reminder mail"
impacts = [ "buy-twice" ]   # one
status = "planned"

[deliverable.referral]
title = "Referral code"
impacts = ["tell-friends", "buy-twice"]
links = ["adr:4"]

[deliverable.bulk-upload]
title = "Bulk upload"
impacts = ["list-more"]
status = "building"
"#;

fn workspace() -> (tempfile::TempDir, std::path::PathBuf) {
    sample_with("impact/odd.toml", ODD)
}

fn odd(root: &Path) -> String {
    std::fs::read_to_string(root.join("impact/odd.toml")).unwrap()
}

/// Warnings of the odd map (a new impact has no `direction`, which is fine; a new map's goal
/// is not measurable): none may appear that the file did not have.
fn odd_warnings(ws: &Workspace) -> Vec<String> {
    ws.diagnostics
        .iter()
        .filter(|d| !d.is_error() && d.file.ends_with("odd.toml"))
        .map(|d| format!("{d:?}"))
        .collect()
}

/// Applies `op` to the odd map, checks the workspace stays clean and gains no warning, undoes
/// it, checks the bytes came back; returns the text after the edit.
fn apply_and_undo(op: ImpactOp) -> String {
    let (_tmp, root) = workspace();
    let op = Op::Impact(op);
    let clean = |ws: &Workspace| {
        assert!(errors(ws).is_empty(), "{op:?}: {:?}", errors(ws));
        odd_warnings(ws)
    };
    apply_undo_redo(&root, "impact/odd.toml", &op, clean).1
}

fn s(t: &str) -> String {
    t.to_string()
}

#[test]
fn add_an_actor_an_impact_and_a_deliverable_each_after_its_kind() {
    let after = apply_and_undo(ImpactOp::Add {
        map: s("odd"),
        parent: None,
        name: s("Shop owners 店主"),
    });
    assert!(
        after.contains(
            "kind = \"partner\"\n\n[actor.shop-owners]\nname = \"Shop owners 店主\"\n\n[impact.buy-twice]"
        ),
        "{after}"
    );
    let (added, gone) = changed_lines(ODD, &after);
    assert!(gone.is_empty(), "{gone:?}");
    assert_eq!(
        added,
        vec!["[actor.shop-owners]", "name = \"Shop owners 店主\""]
    );

    let after = apply_and_undo(ImpactOp::Add {
        map: s("odd"),
        parent: Some(s("sellers")),
        name: s("Answer within a day"),
    });
    assert!(
        after.contains("behavior = \"tell their friends\"\n\n[impact.answer-within-a-day]\nactor = \"sellers\"\nbehaviour = \"Answer within a day\"\n\n# what we build"),
        "{after}"
    );

    let after = apply_and_undo(ImpactOp::Add {
        map: s("odd"),
        parent: Some(s("list-more")),
        name: s("Buyers"), // the id `buyers` is an actor's: the new one gets another
    });
    assert!(
        after.ends_with("\n[deliverable.buyers-2]\ntitle = \"Buyers\"\nimpacts = [\"list-more\"]\nstatus = \"idea\"\n"),
        "{after}"
    );
}

#[test]
fn rename_sets_the_field_of_each_level_and_keeps_comments() {
    let after = apply_and_undo(ImpactOp::Rename {
        map: s("odd"),
        item: None,
        name: s("Sell much more"),
    });
    assert!(after.contains("title   = \"Sell much more\"      # the goal\n"));
    let after = apply_and_undo(ImpactOp::Rename {
        map: s("odd"),
        item: Some(s("sellers")),
        name: s("Merchants"),
    });
    assert!(after.contains("name = \"Merchants\"   # the other side\n"));
    // the file writes `behavior`: that one is renamed, no second key appears
    let after = apply_and_undo(ImpactOp::Rename {
        map: s("odd"),
        item: Some(s("tell-friends")),
        name: s("tell everyone"),
    });
    let (added, gone) = changed_lines(ODD, &after);
    assert_eq!(added, vec!["behavior = \"tell everyone\""]);
    assert_eq!(gone, vec!["behavior = \"tell their friends\""]);
}

#[test]
fn status_and_direction_change_one_line() {
    let after = apply_and_undo(ImpactOp::SetStatus {
        map: s("odd"),
        deliverable: s("reminder"),
        status: DeliverableStatus::Shipped,
    });
    let (added, gone) = changed_lines(ODD, &after);
    assert_eq!(added, vec!["status = \"shipped\""]);
    assert_eq!(gone, vec!["status = \"planned\""]);
    let after = apply_and_undo(ImpactOp::SetDirection {
        map: s("odd"),
        impact: s("list-more"),
        direction: ImpactDirection::Obstruct,
    });
    let (added, gone) = changed_lines(ODD, &after);
    assert_eq!(added, vec!["direction = \"obstruct\""]);
    assert_eq!(gone, vec!["direction = \"support\""]);
}

#[test]
fn reorder_swaps_two_siblings_with_their_comments() {
    // buy-twice and tell-friends are the buyers' impacts; list-more between them stays put
    let after = apply_and_undo(ImpactOp::Reorder {
        map: s("odd"),
        item: s("tell-friends"),
        under: None,
        by: -1,
    });
    let ids: Vec<&str> = after
        .lines()
        .filter(|l| l.starts_with("[impact."))
        .collect();
    assert_eq!(
        ids,
        vec![
            "[impact.tell-friends]",
            "[impact.list-more]",
            "[impact.buy-twice]"
        ]
    );
    assert_eq!(after.len(), ODD.len());
    // the first actor moves down, taking the comment above it
    let after = apply_and_undo(ImpactOp::Reorder {
        map: s("odd"),
        item: s("buyers"),
        under: None,
        by: 1,
    });
    assert!(
        after.contains("[actor.sellers]\nname = \"Sellers\"   # the other side\nkind = \"partner\"\n\n# who\n[actor.buyers]\nname = \"Buyers\"\n"),
        "{after}"
    );
    // a deliverable under two impacts moves among those under the one named
    let after = apply_and_undo(ImpactOp::Reorder {
        map: s("odd"),
        item: s("referral"),
        under: Some(s("buy-twice")),
        by: -1,
    });
    let ids: Vec<&str> = after
        .lines()
        .filter(|l| l.starts_with("[deliverable."))
        .collect();
    assert_eq!(
        ids,
        vec![
            "[deliverable.referral]",
            "[deliverable.reminder]",
            "[deliverable.bulk-upload]"
        ]
    );
}

#[test]
fn reorder_at_the_edge_changes_nothing() {
    let (_tmp, root) = workspace();
    let ws = Workspace::open(&root).unwrap();
    let plan = edit::apply(
        &ws,
        &Op::Impact(ImpactOp::Reorder {
            map: s("odd"),
            item: s("buyers"),
            under: None,
            by: -1,
        }),
    )
    .unwrap();
    assert!(
        plan.summary.contains("already the first"),
        "{}",
        plan.summary
    );
    assert_eq!(odd(&root), ODD);
}

#[test]
fn move_under_another_parent() {
    let after = apply_and_undo(ImpactOp::Move {
        map: s("odd"),
        item: s("tell-friends"),
        from: None,
        to: s("sellers"),
    });
    assert_eq!(
        after,
        ODD.replace(
            "[impact.tell-friends]\nactor = \"buyers\"",
            "[impact.tell-friends]\nactor = \"sellers\""
        )
    );
    // one parent of two swapped, in place
    let after = apply_and_undo(ImpactOp::Move {
        map: s("odd"),
        item: s("referral"),
        from: Some(s("tell-friends")),
        to: s("list-more"),
    });
    assert!(
        after.contains("impacts = [\"list-more\", \"buy-twice\"]\n"),
        "{after}"
    );
    // all parents replaced
    let after = apply_and_undo(ImpactOp::Move {
        map: s("odd"),
        item: s("reminder"),
        from: None,
        to: s("list-more"),
    });
    assert!(
        after.contains("impacts = [ \"list-more\" ]   # one\n"),
        "{after}"
    );
}

#[test]
fn delete_takes_the_subtree_and_spares_what_hangs_elsewhere() {
    let (_tmp, root) = workspace();
    let ws = Workspace::open(&root).unwrap();
    let map = ws.impact_map("odd").unwrap();
    let tree = edit::impact::subtree(&ws, map, "buyers").unwrap();
    assert_eq!(
        tree.removed,
        vec![
            "buyers",
            "buy-twice",
            "tell-friends",
            "reminder",
            "referral"
        ]
    );
    assert!(tree.kept.is_empty());

    let tree = edit::impact::subtree(&ws, map, "tell-friends").unwrap();
    assert_eq!(tree.removed, vec!["tell-friends"]);
    assert_eq!(tree.kept, vec!["referral"]);
    let after = apply_and_undo(ImpactOp::Delete {
        map: s("odd"),
        item: s("tell-friends"),
    });
    assert!(after.contains("impacts = [\"buy-twice\"]\n"), "{after}");
    assert!(!after.contains("[impact.tell-friends]"));
    assert!(after.contains("# what we build\n[deliverable.reminder]"));

    let after = apply_and_undo(ImpactOp::Delete {
        map: s("odd"),
        item: s("buyers"),
    });
    assert!(!after.contains("buy"), "{after}");
    assert!(after.contains("[deliverable.bulk-upload]"));
}

#[test]
fn delete_takes_links_from_other_files_in_the_same_undo_step() {
    let (_tmp, root) = workspace();
    let market = root.join("maps/market.toml");
    let market_before = std::fs::read_to_string(&market).unwrap();
    let impact_before = std::fs::read_to_string(root.join("impact/grow-members.toml")).unwrap();
    assert!(market_before.contains("impact:grow-members/supplier-self-service"));
    let ws = Workspace::open(&root).unwrap();
    let map = ws.impact_map("grow-members").unwrap();
    let tree = edit::impact::subtree(&ws, map, "suppliers").unwrap();
    assert!(
        tree.backlinks
            .iter()
            .any(|r| r.to_string().starts_with("map:market/")),
        "{tree:?}"
    );
    let mut h = History::default();
    let plan = edit::apply(
        &ws,
        &Op::Impact(ImpactOp::Delete {
            map: s("grow-members"),
            item: s("suppliers"),
        }),
    )
    .unwrap();
    assert!(plan.summary.contains("other file"), "{}", plan.summary);
    h.record(plan);
    let market_after = std::fs::read_to_string(&market).unwrap();
    assert!(
        !market_after.contains("supplier-self-service"),
        "{market_after}"
    );
    let ws = ws.reload();
    assert!(errors(&ws).is_empty(), "{:?}", errors(&ws));
    h.undo(&root).unwrap();
    assert_eq!(std::fs::read_to_string(&market).unwrap(), market_before);
    assert_eq!(
        std::fs::read_to_string(root.join("impact/grow-members.toml")).unwrap(),
        impact_before
    );
}

#[test]
fn link_unlink_and_the_goal_measure() {
    let after = apply_and_undo(ImpactOp::Link {
        map: s("odd"),
        deliverable: s("referral"),
        target: Reference::parse("metric:weekly-active-members").unwrap(),
    });
    assert!(after.contains("links = [\"adr:4\", \"metric:weekly-active-members\"]\n"));
    let after = apply_and_undo(ImpactOp::Link {
        map: s("odd"),
        deliverable: s("reminder"),
        target: Reference::parse("map:market/weekly-digest").unwrap(),
    });
    assert!(after.contains("status = \"planned\"\nlinks = [\"map:market/weekly-digest\"]\n"));
    let after = apply_and_undo(ImpactOp::Unlink {
        map: s("odd"),
        deliverable: s("referral"),
        target: Reference::parse("adr:4").unwrap(),
    });
    // the last link takes the key along, as a component's last need does
    let (added, gone) = changed_lines(ODD, &after);
    assert!(added.is_empty(), "{after}");
    assert_eq!(gone, ["links = [\"adr:4\"]"]);
    let after = apply_and_undo(ImpactOp::SetGoal {
        map: s("odd"),
        field: GoalField::Target,
        value: s("25.5"),
    });
    assert!(after.contains("target = 25.5   # by spring\n"));
    let after = apply_and_undo(ImpactOp::SetGoal {
        map: s("odd"),
        field: GoalField::Deadline,
        value: s("2027-03-31"),
    });
    assert!(after.contains("deadline = 2027-03-31\n"));
    let after = apply_and_undo(ImpactOp::SetGoal {
        map: s("odd"),
        field: GoalField::Current,
        value: s("12"),
    });
    assert!(after.contains("current = 12\n"));
}

#[test]
fn refusals_name_the_reason_and_write_nothing() {
    let (_tmp, root) = workspace();
    let ws = Workspace::open(&root).unwrap();
    let cases: Vec<(ImpactOp, &str)> = vec![
        (
            ImpactOp::Add {
                map: s("nope"),
                parent: None,
                name: s("x"),
            },
            "no impact map `nope`",
        ),
        (
            ImpactOp::Add {
                map: s("odd"),
                parent: Some(s("reminder")),
                name: s("x"),
            },
            "last level",
        ),
        (
            ImpactOp::Add {
                map: s("odd"),
                parent: None,
                name: s("  \n "),
            },
            "empty",
        ),
        (
            ImpactOp::Rename {
                map: s("odd"),
                item: Some(s("buyers")),
                name: s("two\nlines"),
            },
            "line break",
        ),
        (
            ImpactOp::SetStatus {
                map: s("odd"),
                deliverable: s("buyers"),
                status: DeliverableStatus::Shipped,
            },
            "not a deliverable",
        ),
        (
            ImpactOp::SetDirection {
                map: s("odd"),
                impact: s("reminder"),
                direction: ImpactDirection::Obstruct,
            },
            "not an impact",
        ),
        (
            ImpactOp::Move {
                map: s("odd"),
                item: s("buyers"),
                from: None,
                to: s("sellers"),
            },
            "hang under the goal",
        ),
        (
            ImpactOp::Move {
                map: s("odd"),
                item: s("reminder"),
                from: None,
                to: s("sellers"),
            },
            "not an impact",
        ),
        (
            ImpactOp::Move {
                map: s("odd"),
                item: s("reminder"),
                from: Some(s("list-more")),
                to: s("tell-friends"),
            },
            "not under",
        ),
        (
            ImpactOp::Link {
                map: s("odd"),
                deliverable: s("reminder"),
                target: Reference::parse("adr:999").unwrap(),
            },
            "nothing in the workspace",
        ),
        (
            ImpactOp::Unlink {
                map: s("odd"),
                deliverable: s("reminder"),
                target: Reference::parse("adr:4").unwrap(),
            },
            "no link",
        ),
        (
            ImpactOp::SetGoal {
                map: s("odd"),
                field: GoalField::Baseline,
                value: s("lots"),
            },
            "must be a number",
        ),
        (
            ImpactOp::SetGoal {
                map: s("odd"),
                field: GoalField::Deadline,
                value: s("2027-02-30"),
            },
            "YYYY-MM-DD",
        ),
        (
            ImpactOp::SetGoal {
                map: s("odd"),
                field: GoalField::Metric,
                value: s("metric:nope"),
            },
            "no metric",
        ),
        (
            ImpactOp::Delete {
                map: s("odd"),
                item: s("ghost"),
            },
            "no actor, impact or deliverable `ghost`",
        ),
        (
            ImpactOp::NewMap {
                id: s("odd"),
                goal: s("x"),
            },
            "already exists",
        ),
        (
            ImpactOp::NewMap {
                id: s("Bad Id"),
                goal: s("x"),
            },
            "not an impact map id",
        ),
    ];
    for (op, why) in cases {
        let err = edit::apply(&ws, &Op::Impact(op.clone()))
            .map(|p| p.summary)
            .expect_err(&format!("{op:?} must be refused"));
        assert!(err.to_string().contains(why), "{op:?}: {err}");
        assert_eq!(odd(&root), ODD);
    }
}

#[test]
fn new_map_is_a_new_file_and_undo_removes_it() {
    let (_tmp, root) = workspace();
    let ws = Workspace::open(&root).unwrap();
    let mut h = History::default();
    let plan = edit::apply(
        &ws,
        &Op::Impact(ImpactOp::NewMap {
            id: s("retain"),
            goal: s("Keep members 留住"),
        }),
    )
    .unwrap();
    h.record(plan);
    let path = root.join("impact/retain.toml");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "[goal]\ntitle = \"Keep members 留住\"\n"
    );
    let ws = ws.reload();
    assert!(errors(&ws).is_empty(), "{:?}", errors(&ws));
    assert!(ws.impact_map("retain").is_some());
    h.undo(&root).unwrap();
    assert!(!path.exists());
}

#[test]
fn an_edit_is_refused_when_the_file_changed_on_disk() {
    let (_tmp, root) = workspace();
    let ws = Workspace::open(&root).unwrap();
    std::fs::write(root.join("impact/odd.toml"), format!("{ODD}\n# edited\n")).unwrap();
    let err = edit::apply(
        &ws,
        &Op::Impact(ImpactOp::Rename {
            map: s("odd"),
            item: None,
            name: s("x"),
        }),
    )
    .unwrap_err();
    assert!(err.to_string().contains("changed"), "{err}");
    assert!(odd(&root).ends_with("# edited\n"));
}

/// Random sequences of operations, undone all, give back every byte; redone all, the same
/// bytes as when they were applied.
#[test]
fn random_sequences_undo_and_redo_byte_for_byte() {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let statuses = [
        DeliverableStatus::Idea,
        DeliverableStatus::Planned,
        DeliverableStatus::Building,
        DeliverableStatus::Shipped,
        DeliverableStatus::Dropped,
    ];
    let mut applied = 0;
    for round in 0..6 {
        let (_tmp, root) = workspace();
        let mut ws = Workspace::open(&root).unwrap();
        let mut h = History::default();
        let files = [
            "impact/odd.toml",
            "impact/grow-members.toml",
            "maps/market.toml",
        ];
        let read = |root: &Path| -> Vec<String> {
            files
                .iter()
                .map(|f| std::fs::read_to_string(root.join(f)).unwrap())
                .collect()
        };
        let start = read(&root);
        for _ in 0..30 {
            let map = if next() % 2 == 0 {
                "odd"
            } else {
                "grow-members"
            };
            let m = ws.impact_map(map).unwrap();
            let mut items: Vec<String> = m.actors.iter().map(|a| a.id.clone()).collect();
            items.extend(m.impacts.iter().map(|i| i.id.clone()));
            items.extend(m.deliverables.iter().map(|d| d.id.clone()));
            if items.is_empty() {
                continue;
            }
            let pick = |r: u64| items[(r as usize) % items.len()].clone();
            let op = match next() % 9 {
                0 => ImpactOp::Add {
                    map: s(map),
                    parent: (next() % 4 != 0).then(|| pick(next())),
                    name: format!("Thing {}", next() % 5),
                },
                1 => ImpactOp::Rename {
                    map: s(map),
                    item: (next() % 5 != 0).then(|| pick(next())),
                    name: format!("Name {}", next() % 100),
                },
                2 if next() % 3 == 0 => ImpactOp::Delete {
                    map: s(map),
                    item: pick(next()),
                },
                3 => ImpactOp::SetStatus {
                    map: s(map),
                    deliverable: pick(next()),
                    status: statuses[(next() % 5) as usize],
                },
                4 => ImpactOp::SetDirection {
                    map: s(map),
                    impact: pick(next()),
                    direction: if next() % 2 == 0 {
                        ImpactDirection::Support
                    } else {
                        ImpactDirection::Obstruct
                    },
                },
                5 => ImpactOp::Move {
                    map: s(map),
                    item: pick(next()),
                    from: None,
                    to: pick(next()),
                },
                6 => ImpactOp::SetGoal {
                    map: s(map),
                    field: GoalField::Current,
                    value: format!("{}", next() % 1000),
                },
                _ => ImpactOp::Reorder {
                    map: s(map),
                    item: pick(next()),
                    under: None,
                    by: if next() % 2 == 0 { -1 } else { 1 },
                },
            };
            let op = Op::Impact(op);
            // refused operations (wrong levels, …) are part of the test: nothing written
            if let Ok(plan) = edit::apply(&ws, &op) {
                if !plan.patch.is_empty() {
                    h.record(plan);
                    applied += 1;
                }
                ws = ws.reload();
                assert!(
                    errors(&ws).is_empty(),
                    "round {round}: {op:?}: {:?}",
                    errors(&ws)
                );
            }
        }
        let end = read(&root);
        let steps = h.len();
        while h.can_undo() {
            h.undo(&root).unwrap();
        }
        assert_eq!(read(&root), start, "round {round}");
        while h.can_redo() {
            h.redo(&root).unwrap();
        }
        assert_eq!(h.len(), steps);
        assert_eq!(read(&root), end, "round {round}");
    }
    assert!(applied > 40, "only {applied} edits applied");
}

#[test]
fn a_delete_that_empties_a_links_list_elsewhere_takes_the_key_along() {
    let (_tmp, root) = crate::support::sample_copy();
    let market = root.join("maps/market.toml");
    let market_before = std::fs::read_to_string(&market).unwrap();
    let adr9 = root.join("decisions/0009-rebuild-the-member-portal.toml");
    let ws = Workspace::open(&root).unwrap();
    let mut h = History::default();
    for item in ["weekly-digest", "rebuild-portal"] {
        let ws = ws.reload();
        let op = Op::Impact(ImpactOp::Delete {
            map: s("grow-members"),
            item: s(item),
        });
        h.record(edit::apply(&ws, &op).unwrap());
    }
    let market_after = std::fs::read_to_string(&market).unwrap();
    // the Weekly digest component linked only the deleted deliverable: no `links = []` left
    let (added, gone) = crate::support::edit::changed_lines(&market_before, &market_after);
    assert!(added.is_empty(), "{added:?}\n{market_after}");
    assert_eq!(gone, ["links = [\"impact:grow-members/weekly-digest\"]"]);
    // a decision record keeps the `links = []` its template writes
    let adr = std::fs::read_to_string(&adr9).unwrap();
    assert!(adr.contains("\nlinks = []\n"), "{adr}");
    assert!(errors(&ws.reload()).is_empty());
    h.undo(&root).unwrap();
    h.undo(&root).unwrap();
    assert_eq!(std::fs::read_to_string(&market).unwrap(), market_before);
}
