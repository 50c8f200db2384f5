//! Gestures: an op shown in the loaded model before it is written.

use super::{coordinate, MapOp, Op};
use crate::workspace::model::{Component, Workspace};

/// Shows `op` in the loaded model without writing anything (a gesture under way: a move,
/// an evolve target being placed). Returns the op that puts the model back, or `None` when
/// `op` cannot be previewed (or names nothing). The file stays as it was until the gesture
/// is committed with [`apply`].
pub fn preview(ws: &mut Workspace, op: &Op) -> Option<Op> {
    match op {
        Op::Map(m) => preview_map(ws, m).map(Op::Map),
        // other kinds have no gestures
        _ => None,
    }
}

fn component_mut<'w>(ws: &'w mut Workspace, map: &str, id: &str) -> Option<&'w mut Component> {
    ws.maps
        .iter_mut()
        .find(|m| m.id == map)?
        .components
        .iter_mut()
        .find(|c| c.id == id)
}

fn preview_map(ws: &mut Workspace, op: &MapOp) -> Option<MapOp> {
    match op {
        MapOp::MoveComponent {
            map,
            component,
            visibility,
            evolution,
        } => {
            let c = component_mut(ws, map, component)?;
            let back = MapOp::MoveComponent {
                map: map.clone(),
                component: component.clone(),
                visibility: c.visibility,
                evolution: c.evolution,
            };
            c.visibility = coordinate(*visibility);
            c.evolution = coordinate(*evolution);
            Some(back)
        }
        MapOp::SetEvolve {
            map,
            component,
            target,
        } => {
            let c = component_mut(ws, map, component)?;
            let back = MapOp::SetEvolve {
                map: map.clone(),
                component: component.clone(),
                target: c.evolve,
            };
            c.evolve = target.map(coordinate);
            Some(back)
        }
        MapOp::MoveNote {
            map,
            index,
            visibility,
            evolution,
        } => {
            let n = ws
                .maps
                .iter_mut()
                .find(|m| &m.id == map)?
                .notes
                .get_mut(*index)?;
            let back = MapOp::MoveNote {
                map: map.clone(),
                index: *index,
                visibility: n.visibility,
                evolution: n.evolution,
            };
            n.visibility = coordinate(*visibility);
            n.evolution = coordinate(*evolution);
            Some(back)
        }
        _ => None,
    }
}
