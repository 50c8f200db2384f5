//! The edit engine's map operations: each changes its file only where the edit is, leaves
//! `wh check` clean, and is undone back to the original bytes.

use crate::support::edit::{apply_undo_redo, changed_lines, errors, sample_with};

use std::path::Path;

use wheelhouse::workspace::edit::{self, History, MapOp, Op};
use wheelhouse::workspace::{Workspace, WorkspaceError};

/// A map with comments, odd spacing and inline tables, to see that they survive.
const ODD: &str = r#"# The odd map: comments and layout must survive every edit.

[map]
title   = "Odd"      # a title comment

# the user at the top
[component.user]
name = "User"
kind = "anchor"
visibility = 0.95   # near the top
evolution  = 0.5
needs = [ "shop",   { to = "search", flow = "forward" } ]  # two needs

[component.shop]
name = "Shop"
visibility = 0.7
evolution = 0.4
needs = "payments"

[component.search]
name = "Search"
visibility = 0.6
evolution = 0.2

[component.index]
name = "Index"
visibility = 0.55
evolution = 0.3
pipeline = "search"

[component.payments]
name = "Payments"
visibility = 0.3
evolution = 0.9 # commodity

[pipeline.search]
range = [0.1, 0.5]

[[note]]
text = "watch this space"
visibility = 0.5
evolution = 0.7

[[annotation]]
number = 1
points = [[0.6, 0.2]]
text = "differentiator"
"#;

fn workspace() -> (tempfile::TempDir, std::path::PathBuf) {
    sample_with("maps/odd.toml", ODD)
}

fn odd(root: &Path) -> String {
    std::fs::read_to_string(root.join("maps/odd.toml")).unwrap()
}

/// Applies `op` to the odd map, checks the workspace stays clean, undoes it, checks the bytes
/// came back; returns the text after the edit.
fn apply_and_undo(op: Op) -> String {
    let (_tmp, root) = workspace();
    let clean = |ws: &Workspace| {
        assert!(errors(ws).is_empty(), "{op:?}: {:?}", errors(ws));
        Vec::new()
    };
    apply_undo_redo(&root, "maps/odd.toml", &op, clean).1
}

fn m(s: &str) -> String {
    s.to_string()
}

#[test]
fn move_changes_only_the_two_numbers_and_keeps_their_comments() {
    let after = apply_and_undo(Op::Map(MapOp::MoveComponent {
        map: m("odd"),
        component: m("user"),
        visibility: 0.9,
        evolution: 0.53,
    }));
    let (added, gone) = changed_lines(ODD, &after);
    assert_eq!(
        added,
        ["visibility = 0.9   # near the top", "evolution  = 0.53"]
    );
    assert_eq!(
        gone,
        ["visibility = 0.95   # near the top", "evolution  = 0.5"]
    );
}

#[test]
fn add_places_the_component_after_the_others_with_a_fresh_id() {
    let after = apply_and_undo(Op::Map(MapOp::AddComponent {
        map: m("odd"),
        name: m("Shop"),
        visibility: 0.5,
        evolution: 0.333_333,
        anchor: false,
    }));
    let (added, gone) = changed_lines(ODD, &after);
    assert!(gone.is_empty(), "{gone:?}");
    assert!(added.contains(&m("[component.shop-2]")), "{after}");
    assert!(added.contains(&m("evolution = 0.333")), "{after}");
    let new_at = after.find("[component.shop-2]").unwrap();
    assert!(new_at < after.find("[pipeline.search]").unwrap(), "{after}");
    assert!(
        new_at > after.find("[component.payments]").unwrap(),
        "{after}"
    );
}

#[test]
fn add_anchor_is_an_anchor() {
    let after = apply_and_undo(Op::Map(MapOp::AddComponent {
        map: m("odd"),
        name: m("Business"),
        visibility: 1.0,
        evolution: 0.2,
        anchor: true,
    }));
    assert!(after.contains("[component.business]\nname = \"Business\"\nkind = \"anchor\""));
}

#[test]
fn rename_keeps_the_id() {
    let after = apply_and_undo(Op::Map(MapOp::RenameComponent {
        map: m("odd"),
        component: m("shop"),
        name: m("Web shop 網店"),
    }));
    let (added, gone) = changed_lines(ODD, &after);
    assert_eq!(added, ["name = \"Web shop 網店\""]);
    assert_eq!(gone, ["name = \"Shop\""]);
}

#[test]
fn delete_takes_the_needs_that_pointed_at_it() {
    let after = apply_and_undo(Op::Map(MapOp::DeleteComponent {
        map: m("odd"),
        component: m("search"),
    }));
    assert!(!after.contains("[component.search]"));
    assert!(!after.contains("[pipeline.search]"));
    assert!(
        after.contains("needs = [ \"shop\" ]  # two needs"),
        "{after}"
    );
    let after = apply_and_undo(Op::Map(MapOp::DeleteComponent {
        map: m("odd"),
        component: m("payments"),
    }));
    assert!(!after.contains("payments"), "{after}");
}

#[test]
fn link_and_unlink() {
    let after = apply_and_undo(Op::Map(MapOp::Link {
        map: m("odd"),
        from: m("shop"),
        to: m("search"),
    }));
    assert!(
        after.contains("needs = [\"payments\", \"search\"]"),
        "{after}"
    );
    let after = apply_and_undo(Op::Map(MapOp::Link {
        map: m("odd"),
        from: m("payments"),
        to: m("search"),
    }));
    assert!(
        after.contains("evolution = 0.9 # commodity\nneeds = [\"search\"]"),
        "{after}"
    );
    let after = apply_and_undo(Op::Map(MapOp::Unlink {
        map: m("odd"),
        from: m("user"),
        to: m("search"),
    }));
    assert!(
        after.contains("needs = [ \"shop\" ]  # two needs"),
        "{after}"
    );
}

#[test]
fn refusals_name_the_reason_and_write_nothing() {
    let (_tmp, root) = workspace();
    let ws = Workspace::open(&root).unwrap();
    let cases = [
        (
            Op::Map(MapOp::Link {
                map: m("odd"),
                from: m("user"),
                to: m("shop"),
            }),
            "already needs",
        ),
        (
            Op::Map(MapOp::Link {
                map: m("odd"),
                from: m("shop"),
                to: m("shop"),
            }),
            "cannot need itself",
        ),
        (
            Op::Map(MapOp::Unlink {
                map: m("odd"),
                from: m("payments"),
                to: m("shop"),
            }),
            "does not need",
        ),
        (
            Op::Map(MapOp::MoveComponent {
                map: m("odd"),
                component: m("nope"),
                visibility: 0.1,
                evolution: 0.1,
            }),
            "no component `nope`",
        ),
        (
            Op::Map(MapOp::AddComponent {
                map: m("odd"),
                name: m("  "),
                visibility: 0.1,
                evolution: 0.1,
                anchor: false,
            }),
            "empty",
        ),
        (
            Op::Map(MapOp::NewMap {
                id: m("odd"),
                title: m("again"),
            }),
            "already exists",
        ),
        (
            Op::Map(MapOp::NewMap {
                id: m("Bad Id"),
                title: m("x"),
            }),
            "not a map id",
        ),
    ];
    for (op, why) in cases {
        let err = edit::apply(&ws, &op).unwrap_err().to_string();
        assert!(err.contains(why), "{op:?}: {err}");
        assert_eq!(odd(&root), ODD);
    }
}

#[test]
fn flags_sourcing_evolve_pipelines() {
    for op in [
        Op::Map(MapOp::SetInertia {
            map: m("odd"),
            component: m("shop"),
            on: true,
        }),
        Op::Map(MapOp::SetEvolve {
            map: m("odd"),
            component: m("search"),
            target: Some(0.45),
        }),
        Op::Map(MapOp::SetSourcing {
            map: m("odd"),
            component: m("payments"),
            sourcing: Some(wheelhouse::workspace::Sourcing::Outsource),
        }),
        Op::Map(MapOp::SetPipeline {
            map: m("odd"),
            component: m("shop"),
            on: true,
        }),
        Op::Map(MapOp::SetPipeline {
            map: m("odd"),
            component: m("search"),
            on: false,
        }),
        Op::Map(MapOp::SetPipelineMember {
            map: m("odd"),
            component: m("payments"),
            pipeline: Some(m("search")),
        }),
        Op::Map(MapOp::SetPipelineMember {
            map: m("odd"),
            component: m("index"),
            pipeline: None,
        }),
    ] {
        apply_and_undo(op);
    }
}

#[test]
fn notes_and_annotations() {
    let after = apply_and_undo(Op::Map(MapOp::AddNote {
        map: m("odd"),
        text: m("new note"),
        visibility: 0.2,
        evolution: 0.2,
    }));
    assert!(
        after.ends_with("[[note]]\ntext = \"new note\"\nvisibility = 0.2\nevolution = 0.2\n")
            || after.contains("text = \"new note\"")
    );
    for op in [
        Op::Map(MapOp::EditNote {
            map: m("odd"),
            index: 0,
            text: m("edited"),
        }),
        Op::Map(MapOp::MoveNote {
            map: m("odd"),
            index: 0,
            visibility: 0.1,
            evolution: 0.9,
        }),
        Op::Map(MapOp::DeleteNote {
            map: m("odd"),
            index: 0,
        }),
        Op::Map(MapOp::AddAnnotation {
            map: m("odd"),
            text: m("second"),
            visibility: 0.5,
            evolution: 0.5,
        }),
        Op::Map(MapOp::EditAnnotation {
            map: m("odd"),
            number: 1,
            text: m("renamed"),
        }),
        Op::Map(MapOp::DeleteAnnotation {
            map: m("odd"),
            number: 1,
        }),
    ] {
        apply_and_undo(op);
    }
}

#[test]
fn new_map_is_a_new_file_and_undo_removes_it() {
    let (_tmp, root) = workspace();
    let ws = Workspace::open(&root).unwrap();
    let mut h = History::default();
    h.record(
        edit::apply(
            &ws,
            &Op::Map(MapOp::NewMap {
                id: m("fresh"),
                title: m("Fresh map"),
            }),
        )
        .unwrap(),
    );
    let ws = ws.reload();
    assert_eq!(ws.map("fresh").map(|m| m.title.as_str()), Some("Fresh map"));
    assert!(errors(&ws).is_empty());
    h.undo(&root).unwrap();
    assert!(!root.join("maps/fresh.toml").exists());
}

#[test]
fn an_edit_is_refused_when_the_file_changed_on_disk() {
    let (_tmp, root) = workspace();
    let ws = Workspace::open(&root).unwrap();
    let changed = ODD.replace("Payments", "Payments (changed outside)");
    std::fs::write(root.join("maps/odd.toml"), &changed).unwrap();
    let err = edit::apply(
        &ws,
        &Op::Map(MapOp::RenameComponent {
            map: m("odd"),
            component: m("shop"),
            name: m("x"),
        }),
    )
    .unwrap_err();
    assert!(matches!(err, WorkspaceError::ChangedOnDisk { .. }), "{err}");
    assert_eq!(odd(&root), changed);
}

#[test]
fn undo_refuses_when_the_file_changed_since_the_edit() {
    let (_tmp, root) = workspace();
    let ws = Workspace::open(&root).unwrap();
    let mut h = History::default();
    h.record(
        edit::apply(
            &ws,
            &Op::Map(MapOp::RenameComponent {
                map: m("odd"),
                component: m("shop"),
                name: m("Store"),
            }),
        )
        .unwrap(),
    );
    let outside = odd(&root) + "\n# added outside\n";
    std::fs::write(root.join("maps/odd.toml"), &outside).unwrap();
    let err = h.undo(&root).unwrap_err();
    assert!(matches!(err, WorkspaceError::ChangedOnDisk { .. }), "{err}");
    assert_eq!(odd(&root), outside);
    assert!(h.can_undo(), "the step stays to be undone");
}

/// Random sequences of operations, undone all, give back every byte; redone all, the same
/// bytes as when they were applied.
#[test]
fn random_sequences_undo_and_redo_byte_for_byte() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for round in 0..6 {
        let (_tmp, root) = workspace();
        let mut ws = Workspace::open(&root).unwrap();
        let mut h = History::default();
        let start = std::fs::read_to_string(root.join("maps/market.toml")).unwrap();
        let start_odd = odd(&root);
        for _ in 0..25 {
            let map = if next() % 2 == 0 { "odd" } else { "market" };
            let comps: Vec<String> = ws
                .map(map)
                .unwrap()
                .components
                .iter()
                .map(|c| c.id.clone())
                .collect();
            if comps.is_empty() {
                continue;
            }
            let pick = |r: u64| comps[(r as usize) % comps.len()].clone();
            let f = |r: u64| (r % 1000) as f64 / 1000.0;
            let op = match next() % 8 {
                0 => Op::Map(MapOp::MoveComponent {
                    map: m(map),
                    component: pick(next()),
                    visibility: f(next()),
                    evolution: f(next()),
                }),
                1 => Op::Map(MapOp::AddComponent {
                    map: m(map),
                    name: format!("Thing {}", next() % 5),
                    visibility: f(next()),
                    evolution: f(next()),
                    anchor: next() % 4 == 0,
                }),
                2 => Op::Map(MapOp::RenameComponent {
                    map: m(map),
                    component: pick(next()),
                    name: format!("Name {}", next() % 100),
                }),
                3 => Op::Map(MapOp::DeleteComponent {
                    map: m(map),
                    component: pick(next()),
                }),
                4 => Op::Map(MapOp::Link {
                    map: m(map),
                    from: pick(next()),
                    to: pick(next()),
                }),
                5 => Op::Map(MapOp::Unlink {
                    map: m(map),
                    from: pick(next()),
                    to: pick(next()),
                }),
                6 => Op::Map(MapOp::SetInertia {
                    map: m(map),
                    component: pick(next()),
                    on: next() % 2 == 0,
                }),
                _ => Op::Map(MapOp::SetEvolve {
                    map: m(map),
                    component: pick(next()),
                    target: (next() % 3 != 0).then(|| f(next())),
                }),
            };
            // refused operations (duplicate links, …) are part of the test: nothing written
            if let Ok(plan) = edit::apply(&ws, &op) {
                h.record(plan);
                ws = ws.reload();
                assert!(
                    errors(&ws).is_empty(),
                    "round {round}: {op:?}: {:?}",
                    errors(&ws)
                );
            }
        }
        let end_odd = odd(&root);
        let end = std::fs::read_to_string(root.join("maps/market.toml")).unwrap();
        let steps = h.len();
        while h.can_undo() {
            h.undo(&root).unwrap();
        }
        assert_eq!(odd(&root), start_odd, "round {round}");
        assert_eq!(
            std::fs::read_to_string(root.join("maps/market.toml")).unwrap(),
            start
        );
        while h.can_redo() {
            h.redo(&root).unwrap();
        }
        assert_eq!(h.len(), steps);
        assert_eq!(odd(&root), end_odd, "round {round}");
        assert_eq!(
            std::fs::read_to_string(root.join("maps/market.toml")).unwrap(),
            end
        );
    }
}

#[test]
fn delete_takes_links_from_other_files_in_the_same_undo_step() {
    let (_tmp, root) = workspace();
    let adr = root.join("decisions/0010-send-the-digest-from-the-on-premise-mail-server.toml");
    let adr_before = std::fs::read_to_string(&adr).unwrap();
    let map_before = std::fs::read_to_string(root.join("maps/market.toml")).unwrap();
    assert!(adr_before.contains("map:market/email-delivery"));
    let ws = Workspace::open(&root).unwrap();
    let mut h = History::default();
    let plan = edit::apply(
        &ws,
        &Op::Map(MapOp::DeleteComponent {
            map: m("market"),
            component: m("email-delivery"),
        }),
    )
    .unwrap();
    assert_eq!(plan.patch.changes.len(), 2, "{plan:?}");
    assert!(plan.summary.contains("1 other file"), "{}", plan.summary);
    h.record(plan);
    let adr_after = std::fs::read_to_string(&adr).unwrap();
    assert!(
        adr_after.contains("links = [\"impact:grow-members/weekly-digest\"]\n"),
        "{adr_after}"
    );
    // prose that mentions it is the author's text, left alone
    assert!(adr_after.contains("(map:market/email-delivery)"));
    let ws = ws.reload();
    assert!(errors(&ws).is_empty(), "{:?}", errors(&ws));
    h.undo(&root).unwrap();
    assert_eq!(std::fs::read_to_string(&adr).unwrap(), adr_before);
    assert_eq!(
        std::fs::read_to_string(root.join("maps/market.toml")).unwrap(),
        map_before
    );
}

/// A map whose last table is followed by comments: a retired component kept commented out.
const TRAILING: &str = r#"[map]
title = "M"

[component.a]
name = "A"
visibility = 0.9
evolution = 0.5
needs = ["b"]

[component.b]
name = "B"
visibility = 0.5
evolution = 0.5

# --- retired, kept for reference ---
# [component.old]
# name = "Old thing"
# TODO: ask Kim about B
"#;

#[test]
fn a_new_pipeline_at_the_end_goes_below_the_trailing_comments_and_gives_them_back() {
    let (_tmp, root) = sample_with("maps/m.toml", TRAILING);
    let on = Op::Map(MapOp::SetPipeline {
        map: m("m"),
        component: m("b"),
        on: true,
    });
    let clean = |ws: &Workspace| errors(ws);
    let (_, after) = apply_undo_redo(&root, "maps/m.toml", &on, clean);
    // the comments stay with what they follow; the new table does not take them in
    assert_eq!(after, format!("{TRAILING}\n[pipeline.b]\n"));
    // and unmaking the pipeline leaves them where they were
    let ws = Workspace::open(&root).unwrap();
    let off = Op::Map(MapOp::SetPipeline {
        map: m("m"),
        component: m("b"),
        on: false,
    });
    edit::apply(&ws, &off).unwrap();
    assert_eq!(
        std::fs::read_to_string(root.join("maps/m.toml")).unwrap(),
        TRAILING
    );
}

#[test]
fn a_new_pipeline_follows_the_components_and_leaves_the_end_of_the_file_alone() {
    // the sample's market map with a comment after its last annotation
    let market = std::fs::read_to_string(crate::support::sample_dir().join("maps/market.toml"))
        .unwrap()
        + "# external comment\n";
    let (_tmp, root) = sample_with("maps/market.toml", &market);
    let op = Op::Map(MapOp::SetPipeline {
        map: m("market"),
        component: m("payments"),
        on: true,
    });
    let (_, after) = apply_undo_redo(&root, "maps/market.toml", &op, errors);
    let (added, gone) = changed_lines(&market, &after);
    assert_eq!((added, gone), (vec![m("[pipeline.payments]")], vec![]));
    // as the OWM import writes them: pipelines after the components, before the notes
    let at = after.find("[pipeline.payments]").unwrap();
    assert!(at > after.find("[component.email-delivery]").unwrap());
    assert!(at < after.find("[[note]]").unwrap(), "{after}");
    assert!(
        after.ends_with("relevance.\"\n# external comment\n"),
        "{after}"
    );
}
