//! The frame every planner shares (`edit::plan_in_file`, `NewDocument`): an edit that leaves a
//! file as it was writes nothing, and a new map or impact map is refused alike where it cannot be.

use crate::support;

use wheelhouse::workspace::edit::{self, ImpactOp, MapOp, Op};
use wheelhouse::workspace::Workspace;

#[test]
fn an_edit_that_changes_nothing_plans_no_write() {
    let (_tmp, root) = support::sample_copy();
    let ws = Workspace::open(&root).unwrap();
    let map = ws.map("market").expect("the sample's market map");
    let c = map
        .components
        .iter()
        .find(|c| c.inertia)
        .expect("a component with inertia");
    let op = Op::Map(MapOp::SetInertia {
        map: map.id.clone(),
        component: c.id.clone(),
        on: true,
    });
    let plan = edit::plan(&ws, &op).unwrap();
    assert!(plan.patch.is_empty(), "{:?}", plan.patch.paths());
    // and one that does change it writes that one file
    let op = Op::Map(MapOp::SetInertia {
        map: map.id.clone(),
        component: c.id.clone(),
        on: false,
    });
    let plan = edit::plan(&ws, &op).unwrap();
    assert_eq!(plan.patch.changes.len(), 1);
    assert_eq!(
        plan.patch.changes[0].rel,
        std::path::Path::new("maps/market.toml")
    );
}

#[test]
fn new_documents_are_refused_alike() {
    let (_tmp, root) = support::sample_copy();
    let ws = Workspace::open(&root).unwrap();
    let refusal = |op: Op| edit::plan(&ws, &op).unwrap_err().to_string();
    let m = refusal(Op::Map(MapOp::NewMap {
        id: "market".into(),
        title: "Again".into(),
    }));
    assert!(m.contains("a map `market` already exists"), "{m}");
    let some_impact = ws.impact_maps[0].id.clone();
    let m = refusal(Op::Impact(ImpactOp::NewMap {
        id: some_impact.clone(),
        goal: "Again".into(),
    }));
    assert!(
        m.contains(&format!("an impact map `{some_impact}` already exists")),
        "{m}"
    );
    let m = refusal(Op::Impact(ImpactOp::NewMap {
        id: "Not An Id".into(),
        goal: "g".into(),
    }));
    assert!(m.contains("is not an impact map id"), "{m}");
    let m = refusal(Op::Map(MapOp::NewMap {
        id: "fresh".into(),
        title: "  ".into(),
    }));
    assert!(m.contains("the title is empty"), "{m}");
    let plan = edit::plan(
        &ws,
        &Op::Impact(ImpactOp::NewMap {
            id: "fresh".into(),
            goal: "Grow".into(),
        }),
    )
    .unwrap();
    assert_eq!(plan.summary, "new impact map fresh: Grow");
}
