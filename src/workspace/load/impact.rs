//! `impact/NAME.toml`: one impact map (goal → actors → impacts → deliverables).

use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::fields::{Ctx, Key, Val};
use super::root::each;
use crate::workspace::diagnostic::Severity;
use crate::workspace::model::*;
use crate::workspace::reference::{RefKind, Reference};

const TOP: &[&str] = &["goal", "actor", "impact", "deliverable"];

const DIRECTIONS: &[(&str, ImpactDirection)] = &[
    ("support", ImpactDirection::Support),
    ("obstruct", ImpactDirection::Obstruct),
];
const STATUSES: &[(&str, DeliverableStatus)] = &[
    ("idea", DeliverableStatus::Idea),
    ("planned", DeliverableStatus::Planned),
    ("building", DeliverableStatus::Building),
    ("shipped", DeliverableStatus::Shipped),
    ("dropped", DeliverableStatus::Dropped),
];

pub(crate) fn read(cx: &mut Ctx<'_>, doc: &DeTable<'_>, id: &str) -> ImpactMap {
    let me = |item: &str| Reference::new(RefKind::Impact, id, Some(item.to_string()));
    let mut map = ImpactMap {
        id: id.to_string(),
        file: cx.file,
        goal: Goal::default(),
        actors: Vec::new(),
        impacts: Vec::new(),
        deliverables: Vec::new(),
    };
    map.goal.origin.file = cx.file;
    // Sibling ids with where they were written, checked once the whole file is read.
    let mut actor_refs: Vec<(String, Range<usize>, Reference)> = Vec::new();
    let mut impact_refs: Vec<(String, Range<usize>, Reference)> = Vec::new();
    let mut seen_ids: HashMap<String, &'static str> = HashMap::new();
    let mut saw_goal = false;
    for (key, val) in doc.iter() {
        cx.owner = Some(Reference::new(RefKind::Impact, id, None));
        match key.get_ref().as_ref() {
            "goal" => {
                saw_goal = true;
                if let Some(t) = cx.table(val, "goal") {
                    map.goal = goal(cx, key, t, id);
                }
            }
            "actor" => each(cx, val, "actor", true, |cx, k, t| {
                unique(cx, &mut seen_ids, k, "actor");
                cx.owner = Some(me(k.get_ref()));
                map.actors.push(actor(cx, k, t));
            }),
            "impact" => each(cx, val, "impact", true, |cx, k, t| {
                unique(cx, &mut seen_ids, k, "impact");
                cx.owner = Some(me(k.get_ref()));
                let (imp, actor_at) = impact(cx, k, t);
                if let Some(span) = actor_at {
                    actor_refs.push((imp.actor.clone(), span, me(&imp.id)));
                }
                map.impacts.push(imp);
            }),
            "deliverable" => each(cx, val, "deliverable", true, |cx, k, t| {
                unique(cx, &mut seen_ids, k, "deliverable");
                cx.owner = Some(me(k.get_ref()));
                let (d, spans) = deliverable(cx, k, t);
                for (target, span) in spans {
                    impact_refs.push((target, span, me(&d.id)));
                }
                map.deliverables.push(d);
            }),
            _ => cx.unknown_field(key, TOP, "an impact map"),
        }
    }
    cx.owner = Some(Reference::new(RefKind::Impact, id, None));
    if !saw_goal {
        cx.file_level(
            Severity::Error,
            "missing-field",
            "no [goal]: an impact map starts from a goal with a `title`".into(),
        );
    }
    for (target, span, owner) in actor_refs {
        if !map.actors.iter().any(|a| a.id == target) {
            cx.owner = Some(owner);
            let hint = suggest(&target, map.actors.iter().map(|a| a.id.as_str()));
            cx.error(
                span,
                "dangling-reference",
                format!("no actor `{target}` in this impact map{hint}"),
            );
        }
    }
    for (target, span, owner) in impact_refs {
        if !map.impacts.iter().any(|i| i.id == target) {
            cx.owner = Some(owner);
            let hint = suggest(&target, map.impacts.iter().map(|i| i.id.as_str()));
            cx.error(
                span,
                "dangling-reference",
                format!("no impact `{target}` in this impact map{hint}"),
            );
        }
    }
    map
}

fn suggest<'k>(name: &str, known: impl Iterator<Item = &'k str>) -> String {
    super::fields::did_you_mean(name, known)
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default()
}

/// References to `impact:map/item` cannot tell an actor from an impact: ids are unique per map.
fn unique(
    cx: &mut Ctx<'_>,
    seen: &mut HashMap<String, &'static str>,
    key: &Key<'_>,
    kind: &'static str,
) {
    let id = key.get_ref().to_string();
    if let Some(first) = seen.get(&id) {
        cx.error(
            key.span(),
            "duplicate-id",
            format!("`{id}` is already the id of an {first} in this map: ids must be unique across actors, impacts and deliverables"),
        );
    } else {
        seen.insert(id, kind);
    }
}

fn goal(cx: &mut Ctx<'_>, key: &Key<'_>, t: &DeTable<'_>, id: &str) -> Goal {
    const FIELDS: &[&str] = &[
        "title", "metric", "unit", "baseline", "current", "target", "deadline",
    ];
    let mut g = Goal {
        origin: cx.origin(&key.span()),
        ..Goal::default()
    };
    for (k, v) in t.iter() {
        let f: &str = k.get_ref();
        match f {
            "title" => g.title = cx.string(v, f).unwrap_or_default(),
            "metric" => {
                g.metric = cx.reference(v, f);
                if let Some(r) = &g.metric {
                    if r.kind != RefKind::Metric {
                        cx.refs.pop();
                        cx.error(
                            v.span(),
                            "bad-reference",
                            format!(
                                "the goal's `metric` must name a metric (metric:ID), not `{r}`"
                            ),
                        );
                        g.metric = None;
                    }
                }
            }
            "unit" => g.unit = cx.string(v, f).unwrap_or_default(),
            "baseline" => g.baseline = cx.number(v, f),
            "current" => g.current = cx.number(v, f),
            "target" => g.target = cx.number(v, f),
            "deadline" => g.deadline = cx.date(v, f),
            _ => cx.unknown_field(k, FIELDS, "[goal]"),
        }
    }
    if g.title.trim().is_empty() {
        cx.error(key.span(), "missing-field", "[goal] has no `title`".into());
        g.title = id.to_string();
    }
    if g.metric.is_none() && (g.baseline.is_none() || g.target.is_none()) {
        cx.warn(
            key.span(),
            "goal-not-measurable",
            "the goal is not measurable: give it a `metric` or both a `baseline` and a `target`"
                .into(),
        );
    }
    g
}

fn actor(cx: &mut Ctx<'_>, key: &Key<'_>, t: &DeTable<'_>) -> Actor {
    const FIELDS: &[&str] = &["name", "kind", "description"];
    let id = key.get_ref().to_string();
    let mut a = Actor {
        id: id.clone(),
        name: id.clone(),
        kind: String::new(),
        description: String::new(),
        origin: cx.origin(&key.span()),
    };
    for (k, v) in t.iter() {
        let f: &str = k.get_ref();
        match f {
            "name" => a.name = cx.string(v, f).unwrap_or(a.name),
            "kind" => a.kind = cx.string(v, f).unwrap_or_default(),
            "description" => a.description = cx.string(v, f).unwrap_or_default(),
            _ => cx.unknown_field(k, FIELDS, &format!("[actor.{id}]")),
        }
    }
    a
}

fn impact(cx: &mut Ctx<'_>, key: &Key<'_>, t: &DeTable<'_>) -> (Impact, Option<Range<usize>>) {
    const FIELDS: &[&str] = &["actor", "behaviour", "direction", "metric"];
    let id = key.get_ref().to_string();
    let mut i = Impact {
        id: id.clone(),
        actor: String::new(),
        behaviour: String::new(),
        direction: ImpactDirection::Support,
        metric: None,
        origin: cx.origin(&key.span()),
    };
    let mut actor_at = None;
    for (k, v) in t.iter() {
        let f: &str = k.get_ref();
        match f {
            "actor" => {
                if let Some(a) = sibling(cx, v, f) {
                    i.actor = a;
                    actor_at = Some(v.span());
                }
            }
            "behaviour" | "behavior" => i.behaviour = cx.string(v, f).unwrap_or_default(),
            "direction" => i.direction = cx.keyword(v, f, DIRECTIONS).unwrap_or_default(),
            "metric" => {
                i.metric = cx.reference(v, f);
                if let Some(r) = &i.metric {
                    if r.kind != RefKind::Metric {
                        cx.refs.pop();
                        cx.error(
                            v.span(),
                            "bad-reference",
                            format!("`metric` must name a metric (metric:ID), not `{r}`"),
                        );
                        i.metric = None;
                    }
                }
            }
            _ => cx.unknown_field(k, FIELDS, &format!("[impact.{id}]")),
        }
    }
    if actor_at.is_none() {
        cx.error(
            key.span(),
            "missing-field",
            format!("impact `{id}` has no `actor`: it hangs under no branch of the map"),
        );
    }
    if i.behaviour.trim().is_empty() {
        cx.warn(
            key.span(),
            "missing-field",
            format!("impact `{id}` has no `behaviour`: say what the actor will do differently"),
        );
    }
    (i, actor_at)
}

/// A bare sibling id (`actor = "members"`), checked later against the map's ids.
fn sibling(cx: &mut Ctx<'_>, v: &Val<'_>, key: &str) -> Option<String> {
    let s = cx.string(v, key)?;
    if crate::workspace::reference::is_valid_id(&s) {
        Some(s)
    } else {
        cx.error(
            v.span(),
            "invalid-id",
            format!("`{key}` = \"{s}\" is not an id of this map (kebab-case)"),
        );
        None
    }
}

fn deliverable(
    cx: &mut Ctx<'_>,
    key: &Key<'_>,
    t: &DeTable<'_>,
) -> (Deliverable, Vec<(String, Range<usize>)>) {
    const FIELDS: &[&str] = &["title", "impacts", "status", "links"];
    let id = key.get_ref().to_string();
    let mut d = Deliverable {
        id: id.clone(),
        title: id.clone(),
        impacts: Vec::new(),
        status: DeliverableStatus::Idea,
        links: Vec::new(),
        origin: cx.origin(&key.span()),
    };
    let mut spans = Vec::new();
    for (k, v) in t.iter() {
        let f: &str = k.get_ref();
        match f {
            "title" => d.title = cx.string(v, f).unwrap_or(d.title),
            "impacts" => {
                let items: Vec<&Val<'_>> = match v.get_ref() {
                    DeValue::Array(a) => a.iter().collect(),
                    _ => vec![v],
                };
                for item in items {
                    if let Some(s) = sibling(cx, item, f) {
                        spans.push((s.clone(), item.span()));
                        d.impacts.push(s);
                    }
                }
            }
            "status" => d.status = cx.keyword(v, f, STATUSES).unwrap_or_default(),
            "links" => d.links = cx.references(v, f),
            _ => cx.unknown_field(k, FIELDS, &format!("[deliverable.{id}]")),
        }
    }
    if d.impacts.is_empty() {
        cx.warn(
            key.span(),
            "missing-field",
            format!("deliverable `{id}` serves no impact (`impacts = [...]`): it hangs under no branch of the map"),
        );
    }
    (d, spans)
}
