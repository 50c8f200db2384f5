//! Resolving references and computing backlinks. Backlinks are computed, never stored.

use std::collections::HashMap;

use super::id_index::IdIndex;
use super::model::*;
use super::reference::{RefKind, Reference};

/// What a reference names: every kind of item, with its parent document where it has one.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    Adr(&'a Adr),
    Phase(&'a Phase),
    Metric(&'a Metric),
    Review(&'a Review),
    ValueStream(&'a ValueStream),
    Pillar(&'a Pillar),
    Scenario(&'a Scenario),
    Map(&'a WardleyMap),
    Component {
        map: &'a WardleyMap,
        component: &'a Component,
    },
    ImpactMap(&'a ImpactMap),
    Actor {
        map: &'a ImpactMap,
        actor: &'a Actor,
    },
    Impact {
        map: &'a ImpactMap,
        impact: &'a Impact,
    },
    Deliverable {
        map: &'a ImpactMap,
        deliverable: &'a Deliverable,
    },
}

impl Target<'_> {
    /// The canonical reference of the item.
    pub fn reference(&self) -> Reference {
        let item =
            |k: RefKind, doc: &str, item: &str| Reference::new(k, doc, Some(item.to_string()));
        match self {
            Target::Adr(a) => a.reference(),
            Target::Phase(p) => Reference::new(RefKind::Phase, p.id.key(), None),
            Target::Metric(m) => Reference::new(RefKind::Metric, m.id.clone(), None),
            Target::Review(r) => Reference::new(RefKind::Review, r.id.clone(), None),
            Target::ValueStream(v) => Reference::new(RefKind::ValueStream, v.id.clone(), None),
            Target::Pillar(p) => Reference::new(RefKind::Pillar, p.id.clone(), None),
            Target::Scenario(s) => Reference::new(RefKind::Scenario, s.id.clone(), None),
            Target::Map(m) => Reference::new(RefKind::Map, m.id.clone(), None),
            Target::Component { map, component } => item(RefKind::Map, &map.id, &component.id),
            Target::ImpactMap(m) => Reference::new(RefKind::Impact, m.id.clone(), None),
            Target::Actor { map, actor } => item(RefKind::Impact, &map.id, &actor.id),
            Target::Impact { map, impact } => item(RefKind::Impact, &map.id, &impact.id),
            Target::Deliverable { map, deliverable } => {
                item(RefKind::Impact, &map.id, &deliverable.id)
            }
        }
    }

    /// A short human name for lists and link pickers (raw file text: pass it through `inert`).
    pub fn title(&self) -> &str {
        match self {
            Target::Adr(a) => &a.title,
            Target::Phase(p) => &p.title,
            Target::Metric(m) => &m.name,
            Target::Review(r) => &r.id,
            Target::ValueStream(v) => &v.name,
            Target::Pillar(p) => &p.name,
            Target::Scenario(s) => &s.name,
            Target::Map(m) => &m.title,
            Target::Component { component, .. } => &component.name,
            Target::ImpactMap(m) => &m.goal.title,
            Target::Actor { actor, .. } => &actor.name,
            Target::Impact { impact, .. } => &impact.behaviour,
            Target::Deliverable { deliverable, .. } => &deliverable.title,
        }
    }

    /// Where the item was read from.
    pub fn origin(&self) -> Origin {
        match self {
            Target::Adr(a) => a.origin,
            Target::Phase(p) => p.origin,
            Target::Metric(m) => m.origin,
            Target::Review(r) => r.origin,
            Target::ValueStream(v) => v.origin,
            Target::Pillar(p) => p.origin,
            Target::Scenario(s) => s.origin,
            Target::Map(m) => Origin {
                file: m.file,
                line: 1,
                col: 1,
            },
            Target::Component { component, .. } => component.origin,
            Target::ImpactMap(m) => m.goal.origin,
            Target::Actor { actor, .. } => actor.origin,
            Target::Impact { impact, .. } => impact.origin,
            Target::Deliverable { deliverable, .. } => deliverable.origin,
        }
    }
}

impl Workspace {
    /// What a reference names, if it exists.
    pub fn resolve(&self, r: &Reference) -> Option<Target<'_>> {
        let doc = r.doc.as_str();
        match r.kind {
            // decisions are sorted by number: binary search, 10,000 records stay cheap
            RefKind::Adr => self.decision_by(r).map(Target::Adr),
            RefKind::Phase => {
                let id = PhaseId::from_key(doc)?;
                self.phase(id).map(Target::Phase)
            }
            RefKind::Metric => self.metric(doc).map(Target::Metric),
            RefKind::Review => self
                .reviews
                .iter()
                .find(|x| x.id == doc)
                .map(Target::Review),
            RefKind::ValueStream => self
                .value_streams
                .iter()
                .find(|x| x.id == doc)
                .map(Target::ValueStream),
            RefKind::Pillar => self
                .pillars
                .iter()
                .find(|x| x.id == doc)
                .map(Target::Pillar),
            RefKind::Scenario => self
                .scenarios
                .iter()
                .find(|x| x.id == doc)
                .map(Target::Scenario),
            RefKind::Map => {
                let map = self.map(doc)?;
                match &r.item {
                    None => Some(Target::Map(map)),
                    Some(i) => map
                        .component(i)
                        .map(|component| Target::Component { map, component }),
                }
            }
            RefKind::Impact => {
                let map = self.impact_map(doc)?;
                let Some(i) = &r.item else {
                    return Some(Target::ImpactMap(map));
                };
                if let Some(actor) = map.actors.iter().find(|a| &a.id == i) {
                    return Some(Target::Actor { map, actor });
                }
                if let Some(impact) = map.impacts.iter().find(|a| &a.id == i) {
                    return Some(Target::Impact { map, impact });
                }
                map.deliverables
                    .iter()
                    .find(|a| &a.id == i)
                    .map(|deliverable| Target::Deliverable { map, deliverable })
            }
        }
    }

    /// Every link the item makes, in the order it writes them (sibling ids as full references).
    pub fn outgoing(&self, r: &Reference) -> Vec<Reference> {
        self.resolve(r).map(|t| outgoing_of(&t)).unwrap_or_default()
    }

    /// Every item of the workspace, in pane order.
    pub fn targets(&self) -> Vec<Target<'_>> {
        let mut out: Vec<Target<'_>> = Vec::new();
        out.extend(self.phases.iter().map(Target::Phase));
        out.extend(self.metrics.iter().map(Target::Metric));
        out.extend(self.reviews.iter().map(Target::Review));
        out.extend(self.value_streams.iter().map(Target::ValueStream));
        out.extend(self.pillars.iter().map(Target::Pillar));
        out.extend(self.scenarios.iter().map(Target::Scenario));
        for map in &self.impact_maps {
            out.push(Target::ImpactMap(map));
            out.extend(map.actors.iter().map(|actor| Target::Actor { map, actor }));
            out.extend(
                map.impacts
                    .iter()
                    .map(|impact| Target::Impact { map, impact }),
            );
            out.extend(
                map.deliverables
                    .iter()
                    .map(|deliverable| Target::Deliverable { map, deliverable }),
            );
        }
        for map in &self.maps {
            out.push(Target::Map(map));
            out.extend(
                map.components
                    .iter()
                    .map(|component| Target::Component { map, component }),
            );
        }
        out.extend(self.decisions.iter().map(Target::Adr));
        out
    }
}

/// The links one item makes.
pub fn outgoing_of(t: &Target<'_>) -> Vec<Reference> {
    let sib = |k: RefKind, doc: &str, item: &str| Reference::new(k, doc, Some(item.to_string()));
    match t {
        Target::Adr(a) => a
            .supersedes
            .iter()
            .chain(&a.superseded_by)
            .chain(&a.links)
            .cloned()
            .collect(),
        Target::Phase(p) => p.links.clone(),
        Target::Metric(m) => m.drives.iter().cloned().collect(),
        Target::Review(_) => Vec::new(),
        Target::ValueStream(v) => v.links.clone(),
        Target::Pillar(p) => p.links.clone(),
        Target::Scenario(s) => s.links.clone(),
        Target::Map(m) => m.links.clone(),
        Target::Component { map, component } => {
            let mut out: Vec<Reference> = component
                .needs
                .iter()
                .map(|n| sib(RefKind::Map, &map.id, &n.to))
                .collect();
            if let Some(p) = &component.pipeline {
                out.push(sib(RefKind::Map, &map.id, p));
            }
            out.extend(component.links.iter().cloned());
            out
        }
        Target::ImpactMap(m) => m.goal.metric.iter().cloned().collect(),
        Target::Actor { .. } => Vec::new(),
        Target::Impact { map, impact } => {
            let mut out = Vec::new();
            if !impact.actor.is_empty() {
                out.push(sib(RefKind::Impact, &map.id, &impact.actor));
            }
            out.extend(impact.metric.iter().cloned());
            out
        }
        Target::Deliverable { map, deliverable } => {
            let mut out: Vec<Reference> = deliverable
                .impacts
                .iter()
                .map(|i| sib(RefKind::Impact, &map.id, i))
                .collect();
            out.extend(deliverable.links.iter().cloned());
            out
        }
    }
}

/// Backlinks: for each referenced item, who refers to it. Computed, never stored.
#[derive(Debug, Default, Clone)]
pub struct LinkIndex {
    pub backlinks: HashMap<Reference, Vec<Reference>>,
    /// Every item by id, for resolving many references without a scan each.
    pub ids: IdIndex,
}

impl LinkIndex {
    /// One pass over every item's outgoing links. Each source is listed once per target,
    /// in workspace order.
    pub fn build(ws: &Workspace) -> Self {
        let mut backlinks: HashMap<Reference, Vec<Reference>> = HashMap::new();
        for t in ws.targets() {
            let links = outgoing_of(&t);
            if links.is_empty() {
                continue;
            }
            let from = t.reference();
            for to in links {
                let list = backlinks.entry(to).or_default();
                // Sources are visited once each, so a repeat can only be the last entry:
                // checking it alone keeps a target with 10,000 referrers linear.
                if list.last() != Some(&from) {
                    list.push(from.clone());
                }
            }
        }
        LinkIndex {
            backlinks,
            ids: IdIndex::build(ws),
        }
    }

    /// What `r` names in `ws` (the workspace this index was built from), without a scan.
    pub fn resolve<'w>(&self, ws: &'w Workspace, r: &Reference) -> Option<Target<'w>> {
        self.ids.resolve(ws, r)
    }

    /// Who refers to `target` (empty when nobody does).
    pub fn backlinks(&self, target: &Reference) -> &[Reference] {
        self.backlinks.get(target).map(Vec::as_slice).unwrap_or(&[])
    }
}
