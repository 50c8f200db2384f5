//! Hashed look-up of every item by id, built in one pass over a loaded workspace.
//!
//! `Workspace::resolve` scans a vector per call: fine for one look-up, quadratic when a check,
//! an export or a pane resolves a reference for each of 100,000 items. Bulk work builds an
//! `IdIndex` once and resolves through it instead. The index stores positions, not borrows,
//! so it can live beside the workspace it was built from (in `LinkIndex`, rebuilt with it).
//! Like the backlinks, it describes the workspace as it was when built: build it again after a
//! change. As a guard, a hit is checked against the item's id (an index built before a change
//! never answers with the wrong item) and a miss is trusted only while the list has the length
//! it was indexed at; an item added or renamed since may still be reported missing.

use std::collections::HashMap;

use super::links::Target;
use super::model::*;
use super::reference::{RefKind, Reference};

/// Positions of the ids of one list, and the list's length when it was indexed.
#[derive(Debug, Default, Clone)]
struct Ids {
    len: usize,
    at: HashMap<String, usize>,
}

/// What the index knows about one id.
enum Lookup<T> {
    Found(T),
    Absent,
    /// The list changed since it was indexed: ask the scan.
    Stale,
}

impl Ids {
    /// The first of duplicates wins, as the linear scans answer.
    fn of<'a>(ids: impl Iterator<Item = &'a str>) -> Ids {
        let mut at = HashMap::new();
        let mut len = 0;
        for (i, id) in ids.enumerate() {
            at.entry(id.to_string()).or_insert(i);
            len = i + 1;
        }
        Ids { len, at }
    }

    fn find<'w, T>(&self, list: &'w [T], id: &str, key: impl Fn(&T) -> &str) -> Lookup<&'w T> {
        lift(self.position(list, id, key), |(_, item)| item)
    }

    fn position<'w, T>(
        &self,
        list: &'w [T],
        id: &str,
        key: impl Fn(&T) -> &str,
    ) -> Lookup<(usize, &'w T)> {
        match self.at.get(id) {
            Some(&i) => match list.get(i) {
                Some(item) if key(item) == id => Lookup::Found((i, item)),
                _ => Lookup::Stale,
            },
            None if list.len() == self.len => Lookup::Absent,
            None => Lookup::Stale,
        }
    }
}

#[derive(Debug, Default, Clone)]
struct MapIds {
    components: Ids,
}

#[derive(Debug, Default, Clone)]
struct ImpactIds {
    actors: Ids,
    impacts: Ids,
    deliverables: Ids,
}

#[derive(Debug, Default, Clone)]
pub struct IdIndex {
    metrics: Ids,
    reviews: Ids,
    value_streams: Ids,
    pillars: Ids,
    scenarios: Ids,
    maps: Ids,
    /// By map position.
    map_items: Vec<MapIds>,
    impact_maps: Ids,
    /// By impact map position.
    impact_items: Vec<ImpactIds>,
}

impl IdIndex {
    pub fn build(ws: &Workspace) -> Self {
        IdIndex {
            metrics: Ids::of(ws.metrics.iter().map(|m| m.id.as_str())),
            reviews: Ids::of(ws.reviews.iter().map(|m| m.id.as_str())),
            value_streams: Ids::of(ws.value_streams.iter().map(|m| m.id.as_str())),
            pillars: Ids::of(ws.pillars.iter().map(|m| m.id.as_str())),
            scenarios: Ids::of(ws.scenarios.iter().map(|m| m.id.as_str())),
            maps: Ids::of(ws.maps.iter().map(|m| m.id.as_str())),
            map_items: ws
                .maps
                .iter()
                .map(|m| MapIds {
                    components: Ids::of(m.components.iter().map(|c| c.id.as_str())),
                })
                .collect(),
            impact_maps: Ids::of(ws.impact_maps.iter().map(|m| m.id.as_str())),
            impact_items: ws
                .impact_maps
                .iter()
                .map(|m| ImpactIds {
                    actors: Ids::of(m.actors.iter().map(|a| a.id.as_str())),
                    impacts: Ids::of(m.impacts.iter().map(|a| a.id.as_str())),
                    deliverables: Ids::of(m.deliverables.iter().map(|a| a.id.as_str())),
                })
                .collect(),
        }
    }

    /// The metric with this id, without scanning.
    pub fn metric<'w>(&self, ws: &'w Workspace, id: &str) -> Option<&'w Metric> {
        match self.metrics.find(&ws.metrics, id, |m| &m.id) {
            Lookup::Found(m) => Some(m),
            Lookup::Absent => None,
            Lookup::Stale => ws.metric(id),
        }
    }

    /// Where the metric with this id sits in `ws.metrics`, without scanning.
    pub fn metric_position(&self, ws: &Workspace, id: &str) -> Option<usize> {
        match self.metrics.position(&ws.metrics, id, |m| &m.id) {
            Lookup::Found((i, _)) => Some(i),
            Lookup::Absent => None,
            Lookup::Stale => ws.metrics.iter().position(|m| m.id == id),
        }
    }

    /// What `Workspace::resolve` answers, without scanning.
    pub fn resolve<'w>(&self, ws: &'w Workspace, r: &Reference) -> Option<Target<'w>> {
        let doc = r.doc.as_str();
        let answer = match r.kind {
            // decisions are found by binary search, phases are four
            RefKind::Adr | RefKind::Phase => return ws.resolve(r),
            RefKind::Metric => lift(
                self.metrics.find(&ws.metrics, doc, |x| &x.id),
                Target::Metric,
            ),
            RefKind::Review => lift(
                self.reviews.find(&ws.reviews, doc, |x| &x.id),
                Target::Review,
            ),
            RefKind::ValueStream => lift(
                self.value_streams.find(&ws.value_streams, doc, |x| &x.id),
                Target::ValueStream,
            ),
            RefKind::Pillar => lift(
                self.pillars.find(&ws.pillars, doc, |x| &x.id),
                Target::Pillar,
            ),
            RefKind::Scenario => lift(
                self.scenarios.find(&ws.scenarios, doc, |x| &x.id),
                Target::Scenario,
            ),
            RefKind::Map => self.map_target(ws, r),
            RefKind::Impact => self.impact_target(ws, r),
        };
        match answer {
            Lookup::Found(t) => Some(t),
            Lookup::Absent => None,
            Lookup::Stale => ws.resolve(r),
        }
    }

    fn map_target<'w>(&self, ws: &'w Workspace, r: &Reference) -> Lookup<Target<'w>> {
        let (at, map) = match self.maps.position(&ws.maps, &r.doc, |m| &m.id) {
            Lookup::Found(found) => found,
            Lookup::Absent => return Lookup::Absent,
            Lookup::Stale => return Lookup::Stale,
        };
        let Some(item) = &r.item else {
            return Lookup::Found(Target::Map(map));
        };
        let Some(ids) = self.map_items.get(at) else {
            return Lookup::Stale;
        };
        lift(
            ids.components.find(&map.components, item, |c| &c.id),
            |component| Target::Component { map, component },
        )
    }

    fn impact_target<'w>(&self, ws: &'w Workspace, r: &Reference) -> Lookup<Target<'w>> {
        let (at, map) = match self
            .impact_maps
            .position(&ws.impact_maps, &r.doc, |m| &m.id)
        {
            Lookup::Found(found) => found,
            Lookup::Absent => return Lookup::Absent,
            Lookup::Stale => return Lookup::Stale,
        };
        let Some(item) = &r.item else {
            return Lookup::Found(Target::ImpactMap(map));
        };
        let Some(ids) = self.impact_items.get(at) else {
            return Lookup::Stale;
        };
        // actors, then impacts, then deliverables: the order `Workspace::resolve` tries
        match ids.actors.find(&map.actors, item, |a| &a.id) {
            Lookup::Absent => {}
            other => return lift(other, |actor| Target::Actor { map, actor }),
        }
        match ids.impacts.find(&map.impacts, item, |a| &a.id) {
            Lookup::Absent => {}
            other => return lift(other, |impact| Target::Impact { map, impact }),
        }
        lift(
            ids.deliverables.find(&map.deliverables, item, |a| &a.id),
            |deliverable| Target::Deliverable { map, deliverable },
        )
    }
}

fn lift<T, U>(l: Lookup<T>, f: impl FnOnce(T) -> U) -> Lookup<U> {
    match l {
        Lookup::Found(t) => Lookup::Found(f(t)),
        Lookup::Absent => Lookup::Absent,
        Lookup::Stale => Lookup::Stale,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metric(id: &str, name: &str) -> Metric {
        let root = format!("[metric.{id}]\nname = \"{name}\"\n");
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join("wheelhouse.toml"),
            format!("[workspace]\nname = \"t\"\nformat = 1\n{root}"),
        )
        .expect("write");
        let loaded = crate::workspace::Workspace::open(dir.path()).expect("open");
        loaded.metrics.into_iter().next().expect("one metric")
    }

    fn names(ws: &Workspace, index: &IdIndex, ids: &[&str]) -> Vec<Option<String>> {
        ids.iter()
            .map(|id| {
                let r = Reference::new(RefKind::Metric, *id, None);
                let plain = ws.resolve(&r).map(|t| t.title().to_string());
                let indexed = index.resolve(ws, &r).map(|t| t.title().to_string());
                assert_eq!(plain, indexed, "{id}");
                indexed
            })
            .collect()
    }

    #[test]
    fn answers_as_the_scan_does_and_never_with_a_wrong_item_after_a_change() {
        let mut ws = Workspace {
            metrics: vec![metric("a", "A"), metric("b", "B"), metric("a", "A again")],
            ..Workspace::default()
        };
        let index = IdIndex::build(&ws);
        // the first of duplicates wins, as in the scan
        assert_eq!(
            names(&ws, &index, &["a", "b", "c"]),
            [Some("A".into()), Some("B".into()), None]
        );
        // edited after indexing: whatever the index answers is the item with that id
        ws.metrics.push(metric("d", "D"));
        names(&ws, &index, &["a", "b", "c", "d"]);
        ws.metrics.remove(0);
        ws.metrics[0].id = "e".into();
        for id in ["a", "b", "c", "d", "e"] {
            let r = Reference::new(RefKind::Metric, id, None);
            if let Some(t) = index.resolve(&ws, &r) {
                assert_eq!(t.reference().doc, id);
            }
        }
        // and an index built again answers as the scan does
        let index = IdIndex::build(&ws);
        names(&ws, &index, &["a", "b", "c", "d", "e"]);
    }

    #[test]
    fn components_resolve_through_the_index() {
        let mut ws = Workspace::default();
        let mut map = WardleyMap::new("m", 0, "M");
        for c in ["x", "y"] {
            map.components.push(Component {
                id: c.into(),
                name: c.to_uppercase(),
                kind: ComponentKind::Component,
                visibility: 0.5,
                evolution: 0.5,
                needs: Vec::new(),
                inertia: false,
                evolve: None,
                evolve_name: None,
                sourcing: Vec::new(),
                label: None,
                pipeline: None,
                url: None,
                note: String::new(),
                links: Vec::new(),
                origin: Origin::default(),
            });
        }
        ws.maps.push(map);
        let index = IdIndex::build(&ws);
        let title = |doc: &str, item: Option<&str>| {
            let r = Reference::new(RefKind::Map, doc, item.map(str::to_string));
            assert_eq!(
                ws.resolve(&r).map(|t| t.reference()),
                index.resolve(&ws, &r).map(|t| t.reference())
            );
            index.resolve(&ws, &r).map(|t| t.title().to_string())
        };
        assert_eq!(title("m", Some("y")), Some("Y".into()));
        assert_eq!(title("m", None), Some("M".into()));
        assert_eq!(title("m", Some("z")), None);
        assert_eq!(title("n", Some("x")), None);
    }
}
