//! Shared by the OWM tests: model comparison without source positions, and counts.

use serde_json::Value;
use wheelhouse::workspace::{ComponentKind, LinkFlow, WardleyMap};

/// The map as JSON with every `origin` (file, line, col) and the file index removed:
/// what must survive a round trip.
pub fn comparable(map: &WardleyMap) -> Value {
    let mut v = serde_json::to_value(map).expect("a map serialises");
    strip(&mut v);
    if let Value::Object(o) = &mut v {
        o.remove("file");
    }
    v
}

fn strip(v: &mut Value) {
    match v {
        Value::Object(o) => {
            o.remove("origin");
            o.values_mut().for_each(strip);
        }
        Value::Array(a) => a.iter_mut().for_each(strip),
        _ => {}
    }
}

#[derive(Debug, PartialEq, Eq, Clone, Copy, Default)]
pub struct Counts {
    pub comps: usize,
    pub anchors: usize,
    pub links: usize,
    pub flows: usize,
    pub evolve: usize,
    pub pipelines: usize,
    pub children: usize,
    pub notes: usize,
    pub annotations: usize,
    pub areas: usize,
}

pub fn counts(m: &WardleyMap) -> Counts {
    let needs = || m.components.iter().flat_map(|c| &c.needs);
    Counts {
        comps: m
            .components
            .iter()
            .filter(|c| c.kind == ComponentKind::Component && c.pipeline.is_none())
            .count(),
        anchors: m
            .components
            .iter()
            .filter(|c| c.kind == ComponentKind::Anchor)
            .count(),
        links: needs().count(),
        flows: needs().filter(|n| n.flow != LinkFlow::None).count(),
        evolve: m.components.iter().filter(|c| c.evolve.is_some()).count(),
        pipelines: m.pipelines.len(),
        children: m.components.iter().filter(|c| c.pipeline.is_some()).count(),
        notes: m.notes.len(),
        annotations: m.annotations.len(),
        areas: m.areas.len(),
    }
}
