//! `maps/NAME.toml`: one Wardley map, with a place for everything the OWM language can say.

use std::collections::HashSet;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::fields::{did_you_mean, Ctx, Key, Val, HINTED_MISSES};
use super::root::each;
use crate::workspace::model::*;
use crate::workspace::reference::{is_valid_id, RefKind, Reference};

const TOP: &[&str] = &[
    "map",
    "component",
    "pipeline",
    "note",
    "annotation",
    "area",
    "accelerator",
    "url",
];

const KINDS: &[(&str, ComponentKind)] = &[
    ("component", ComponentKind::Component),
    ("anchor", ComponentKind::Anchor),
    ("submap", ComponentKind::Submap),
];
const SOURCING: &[(&str, Sourcing)] = &[
    ("build", Sourcing::Build),
    ("buy", Sourcing::Buy),
    ("outsource", Sourcing::Outsource),
    ("market", Sourcing::Market),
    ("ecosystem", Sourcing::Ecosystem),
];
const FLOWS: &[(&str, LinkFlow)] = &[
    ("none", LinkFlow::None),
    ("forward", LinkFlow::Forward),
    ("backward", LinkFlow::Backward),
    ("both", LinkFlow::Both),
];
const AREAS: &[(&str, AreaKind)] = &[
    ("pioneers", AreaKind::Pioneers),
    ("settlers", AreaKind::Settlers),
    ("townplanners", AreaKind::Townplanners),
];
const STYLES: &[(&str, ())] = &[
    ("plain", ()),
    ("wardley", ()),
    ("handwritten", ()),
    ("colour", ()),
    ("dark", ()),
];

/// Sibling component ids named in the file, checked once every component is known.
struct Sibling {
    id: String,
    span: Range<usize>,
    owner: Reference,
    what: &'static str,
}

pub(crate) fn read(cx: &mut Ctx<'_>, doc: &DeTable<'_>, id: &str) -> WardleyMap {
    let me = |item: &str| Reference::new(RefKind::Map, id, Some(item.to_string()));
    let whole = Reference::new(RefKind::Map, id, None);
    let mut map = WardleyMap::new(id, cx.file, id);
    let mut siblings: Vec<Sibling> = Vec::new();
    let mut url_refs: Vec<(String, Range<usize>, Reference)> = Vec::new();
    for (key, val) in doc.iter() {
        cx.owner = Some(whole.clone());
        match key.get_ref().as_ref() {
            "map" => {
                if let Some(t) = cx.table(val, "map") {
                    header(cx, t, &mut map);
                }
            }
            "component" => each(cx, val, "component", true, |cx, k, t| {
                cx.owner = Some(me(k.get_ref()));
                let c = component(cx, k, t, &mut siblings, &mut url_refs);
                map.components.push(c);
            }),
            "pipeline" => each(cx, val, "pipeline", true, |cx, k, t| {
                let comp = k.get_ref().to_string();
                cx.owner = Some(me(&comp));
                let mut p = Pipeline {
                    component: comp.clone(),
                    range: None,
                    origin: cx.origin(&k.span()),
                };
                for (fk, fv) in t.iter() {
                    match fk.get_ref().as_ref() {
                        "range" => p.range = pair(cx, fv, "range", true),
                        _ => cx.unknown_field(fk, &["range"], &format!("[pipeline.{comp}]")),
                    }
                }
                siblings.push(Sibling {
                    id: comp,
                    span: k.span(),
                    owner: me(k.get_ref()),
                    what: "pipeline",
                });
                map.pipelines.push(p);
            }),
            "note" => list(cx, val, "note", |cx, v, t| {
                let mut n = MapNote {
                    text: String::new(),
                    visibility: 0.0,
                    evolution: 0.0,
                    origin: cx.origin(&v.span()),
                };
                for (fk, fv) in t.iter() {
                    let f: &str = fk.get_ref();
                    match f {
                        "text" => n.text = cx.string(fv, f).unwrap_or_default(),
                        "visibility" => n.visibility = cx.number_in(fv, f, 0.0, 1.0).unwrap_or(0.0),
                        "evolution" => n.evolution = cx.number_in(fv, f, 0.0, 1.0).unwrap_or(0.0),
                        _ => cx.unknown_field(fk, &["text", "visibility", "evolution"], "[[note]]"),
                    }
                }
                map.notes.push(n);
            }),
            "annotation" => list(cx, val, "annotation", |cx, v, t| {
                let mut a = Annotation {
                    number: 0,
                    points: Vec::new(),
                    text: String::new(),
                    origin: cx.origin(&v.span()),
                };
                for (fk, fv) in t.iter() {
                    let f: &str = fk.get_ref();
                    match f {
                        "number" => {
                            a.number = cx
                                .integer(fv, f)
                                .and_then(|n| u32::try_from(n).ok())
                                .unwrap_or(0)
                        }
                        "text" => a.text = cx.string(fv, f).unwrap_or_default(),
                        "points" => {
                            if let Some(items) = cx.array(fv, f) {
                                a.points = items
                                    .iter()
                                    .filter_map(|p| pair(cx, p, "points", true))
                                    .collect();
                            }
                        }
                        _ => cx.unknown_field(fk, &["number", "points", "text"], "[[annotation]]"),
                    }
                }
                if a.points.is_empty() {
                    cx.error(
                        v.span(),
                        "missing-field",
                        "an annotation needs `points = [[visibility, evolution]]`".into(),
                    );
                }
                map.annotations.push(a);
            }),
            "area" => list(cx, val, "area", |cx, v, t| {
                let mut kind = None;
                let mut rect = None;
                for (fk, fv) in t.iter() {
                    let f: &str = fk.get_ref();
                    match f {
                        "kind" => kind = cx.keyword(fv, f, AREAS),
                        "rect" => rect = quad(cx, fv, f),
                        _ => cx.unknown_field(fk, &["kind", "rect"], "[[area]]"),
                    }
                }
                match (kind, rect) {
                    (Some(kind), Some(rect)) => map.areas.push(Area {
                        kind,
                        rect,
                        origin: cx.origin(&v.span()),
                    }),
                    _ => cx.error(
                        v.span(),
                        "missing-field",
                        "an area needs `kind` and `rect = [v1, m1, v2, m2]`".into(),
                    ),
                }
            }),
            "accelerator" => list(cx, val, "accelerator", |cx, v, t| {
                let mut a = Accelerator {
                    name: String::new(),
                    decelerator: false,
                    visibility: 0.0,
                    evolution: 0.0,
                    origin: cx.origin(&v.span()),
                };
                for (fk, fv) in t.iter() {
                    let f: &str = fk.get_ref();
                    match f {
                        "name" => a.name = cx.string(fv, f).unwrap_or_default(),
                        "kind" => {
                            a.decelerator = cx
                                .keyword(fv, f, &[("accelerator", false), ("deaccelerator", true)])
                                .unwrap_or(false)
                        }
                        "visibility" => a.visibility = cx.number_in(fv, f, 0.0, 1.0).unwrap_or(0.0),
                        "evolution" => a.evolution = cx.number_in(fv, f, 0.0, 1.0).unwrap_or(0.0),
                        _ => cx.unknown_field(
                            fk,
                            &["name", "kind", "visibility", "evolution"],
                            "[[accelerator]]",
                        ),
                    }
                }
                map.accelerators.push(a);
            }),
            "url" => each(cx, val, "url", true, |cx, k, t| {
                let uid = k.get_ref().to_string();
                let mut address = String::new();
                for (fk, fv) in t.iter() {
                    match fk.get_ref().as_ref() {
                        "address" => address = cx.string(fv, "address").unwrap_or_default(),
                        _ => cx.unknown_field(fk, &["address"], &format!("[url.{uid}]")),
                    }
                }
                if address.is_empty() {
                    cx.error(
                        k.span(),
                        "missing-field",
                        format!("url `{uid}` has no `address`"),
                    );
                }
                map.urls.push(MapUrl { id: uid, address });
            }),
            _ => cx.unknown_field(key, TOP, "a map"),
        }
    }

    // hashed: a map of 100,000 components has as many `needs` to check
    let known: HashSet<&str> = map.components.iter().map(|c| c.id.as_str()).collect();
    let mut hints_left = HINTED_MISSES;
    for s in siblings {
        if !known.contains(s.id.as_str()) {
            cx.owner = Some(s.owner);
            let hint = if hints_left > 0 {
                hints_left -= 1;
                did_you_mean(&s.id, map.components.iter().map(|c| c.id.as_str()))
                    .map(|k| format!(" (did you mean `{k}`?)"))
                    .unwrap_or_default()
            } else {
                String::new()
            };
            cx.error(
                s.span,
                "dangling-reference",
                format!(
                    "{} names `{}`, which is no component of this map{hint}",
                    s.what, s.id
                ),
            );
        }
    }
    let urls: HashSet<&str> = map.urls.iter().map(|m| m.id.as_str()).collect();
    for (u, span, owner) in url_refs {
        if !urls.contains(u.as_str()) {
            cx.owner = Some(owner);
            cx.error(
                span,
                "dangling-reference",
                format!("`url` = \"{u}\" names no [url.{u}] of this map (or give a full address)"),
            );
        }
    }
    cx.owner = None;
    map
}

fn header(cx: &mut Ctx<'_>, t: &DeTable<'_>, map: &mut WardleyMap) {
    const FIELDS: &[&str] = &[
        "title",
        "stages",
        "style",
        "size",
        "annotations-at",
        "hide-evolution",
        "hide-value-chain",
        "description",
        "links",
    ];
    for (k, v) in t.iter() {
        let f: &str = k.get_ref();
        match f {
            "title" => map.title = cx.string(v, f).unwrap_or(map.title.clone()),
            "stages" => {
                let s = cx.strings(v, f);
                if let Ok(arr) = <[String; 4]>::try_from(s) {
                    map.stages = arr;
                } else {
                    cx.error(
                        v.span(),
                        "bad-value",
                        "`stages` needs exactly four labels, genesis to commodity".into(),
                    );
                }
            }
            "style" => {
                if cx.keyword(v, f, STYLES).is_some() {
                    map.style = cx.string(v, f);
                }
            }
            "size" => map.size = pair(cx, v, f, false),
            "annotations-at" => map.annotations_at = pair(cx, v, f, true),
            "hide-evolution" => map.hide_evolution = cx.bool(v, f).unwrap_or(false),
            "hide-value-chain" => {
                map.hide_value_chain = match v.get_ref() {
                    DeValue::Boolean(true) => Some(String::new()),
                    DeValue::Boolean(false) => None,
                    _ => cx.string(v, f),
                }
            }
            "description" => map.description = cx.string(v, f).unwrap_or_default(),
            "links" => map.links = cx.references(v, f),
            _ => cx.unknown_field(k, FIELDS, "[map]"),
        }
    }
}

fn component(
    cx: &mut Ctx<'_>,
    key: &Key<'_>,
    t: &DeTable<'_>,
    siblings: &mut Vec<Sibling>,
    url_refs: &mut Vec<(String, Range<usize>, Reference)>,
) -> Component {
    const FIELDS: &[&str] = &[
        "name",
        "kind",
        "visibility",
        "evolution",
        "needs",
        "inertia",
        "evolve",
        "evolve-name",
        "sourcing",
        "label",
        "pipeline",
        "url",
        "note",
        "links",
    ];
    let id = key.get_ref().to_string();
    let owner = cx
        .owner
        .clone()
        .unwrap_or_else(|| Reference::new(RefKind::Map, "", None));
    let mut c = Component {
        id: id.clone(),
        name: id.clone(),
        kind: ComponentKind::Component,
        visibility: 0.0,
        evolution: 0.0,
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
        origin: cx.origin(&key.span()),
    };
    let (mut saw_v, mut saw_e) = (false, false);
    for (k, v) in t.iter() {
        let f: &str = k.get_ref();
        match f {
            "name" => c.name = cx.string(v, f).unwrap_or(c.name),
            "kind" => c.kind = cx.keyword(v, f, KINDS).unwrap_or_default(),
            "visibility" => {
                saw_v = true;
                c.visibility = cx.number_in(v, f, 0.0, 1.0).unwrap_or(0.0);
            }
            "evolution" => {
                saw_e = true;
                c.evolution = cx.number_in(v, f, 0.0, 1.0).unwrap_or(0.0);
            }
            "needs" => {
                let items: Vec<&Val<'_>> = match v.get_ref() {
                    DeValue::Array(a) => a.iter().collect(),
                    _ => vec![v],
                };
                // the edit engine refuses both; a hand-edited file is told
                let mut seen = HashSet::new();
                for item in items {
                    if let Some(n) = need(cx, item) {
                        if n.to == id {
                            cx.error(
                                item.span(),
                                "bad-reference",
                                format!("component `{id}` cannot need itself"),
                            );
                        }
                        if !seen.insert(n.to.clone()) {
                            // left out of the model, so exports and the map draw one link
                            cx.warn(
                                item.span(),
                                "duplicate-need",
                                format!(
                                    "component `{id}` needs `{}` twice: the second is ignored",
                                    n.to
                                ),
                            );
                            continue;
                        }
                        siblings.push(Sibling {
                            id: n.to.clone(),
                            span: item.span(),
                            owner: owner.clone(),
                            what: "`needs`",
                        });
                        c.needs.push(n);
                    }
                }
            }
            "inertia" => c.inertia = cx.bool(v, f).unwrap_or(false),
            "evolve" => c.evolve = cx.number_in(v, f, 0.0, 1.0),
            "evolve-name" => c.evolve_name = cx.string(v, f),
            "sourcing" => {
                let items: Vec<&Val<'_>> = match v.get_ref() {
                    DeValue::Array(a) => a.iter().collect(),
                    _ => vec![v],
                };
                for item in items {
                    if let Some(s) = cx.keyword(item, f, SOURCING) {
                        if !c.sourcing.contains(&s) {
                            c.sourcing.push(s);
                        }
                    }
                }
            }
            "label" => c.label = pair(cx, v, f, false),
            "pipeline" => {
                if let Some(p) = cx.string(v, f) {
                    siblings.push(Sibling {
                        id: p.clone(),
                        span: v.span(),
                        owner: owner.clone(),
                        what: "`pipeline`",
                    });
                    c.pipeline = Some(p);
                }
            }
            "url" => {
                if let Some(u) = cx.string(v, f) {
                    if is_valid_id(&u) {
                        url_refs.push((u.clone(), v.span(), owner.clone()));
                    }
                    c.url = Some(u);
                }
            }
            "note" => c.note = cx.string(v, f).unwrap_or_default(),
            "links" => c.links = cx.references(v, f),
            _ => cx.unknown_field(k, FIELDS, &format!("[component.{id}]")),
        }
    }
    if !saw_v || !saw_e {
        let missing = match (saw_v, saw_e) {
            (false, false) => "`visibility` and `evolution`",
            (false, true) => "`visibility`",
            _ => "`evolution`",
        };
        cx.error(
            key.span(),
            "missing-field",
            format!("component `{id}` has no {missing} (0..1): it is drawn at 0"),
        );
    }
    if c.pipeline.as_deref() == Some(id.as_str()) {
        cx.error(
            key.span(),
            "bad-reference",
            format!("component `{id}` cannot sit in its own pipeline"),
        );
    }
    c
}

/// One `needs` entry: a sibling id, or `{ to, flow, label, context }`.
fn need(cx: &mut Ctx<'_>, v: &Val<'_>) -> Option<Need> {
    let mut n = Need {
        to: String::new(),
        flow: LinkFlow::None,
        label: None,
        context: None,
    };
    match v.get_ref() {
        DeValue::String(s) => n.to = s.to_string(),
        DeValue::Table(t) => {
            for (k, fv) in t.iter() {
                let f: &str = k.get_ref();
                match f {
                    "to" => n.to = cx.string(fv, f).unwrap_or_default(),
                    "flow" => n.flow = cx.keyword(fv, f, FLOWS).unwrap_or_default(),
                    "label" => n.label = cx.string(fv, f),
                    "context" => n.context = cx.string(fv, f),
                    _ => {
                        cx.unknown_field(k, &["to", "flow", "label", "context"], "a `needs` entry")
                    }
                }
            }
        }
        other => {
            cx.error(
                v.span(),
                "wrong-type",
                format!(
                    "a `needs` entry is a component id or {{ to = \"id\", ... }}, found {}",
                    super::fields::kind_name(other)
                ),
            );
            return None;
        }
    }
    if !is_valid_id(&n.to) {
        cx.error(
            v.span(),
            "invalid-id",
            format!(
                "`needs` entry `{}` is not a component id (kebab-case)",
                n.to
            ),
        );
        return None;
    }
    Some(n)
}

/// `[a, b]`; with `unit`, both within 0..1.
fn pair(cx: &mut Ctx<'_>, v: &Val<'_>, key: &str, unit: bool) -> Option<[f64; 2]> {
    numbers(cx, v, key, unit, "two numbers [a, b]")
}

/// `[v1, m1, v2, m2]`, each within 0..1.
fn quad(cx: &mut Ctx<'_>, v: &Val<'_>, key: &str) -> Option<[f64; 4]> {
    numbers(cx, v, key, true, "four numbers [v1, m1, v2, m2]")
}

/// Exactly `N` numbers (`shape` says which, for the message); with `unit`, each within 0..1.
fn numbers<const N: usize>(
    cx: &mut Ctx<'_>,
    v: &Val<'_>,
    key: &str,
    unit: bool,
    shape: &str,
) -> Option<[f64; N]> {
    let items = cx.array(v, key)?;
    if items.len() != N {
        cx.error(v.span(), "bad-value", format!("`{key}` needs {shape}"));
        return None;
    }
    let mut out = [0.0; N];
    for (slot, item) in out.iter_mut().zip(items) {
        *slot = if unit {
            cx.number_in(item, key, 0.0, 1.0)?
        } else {
            cx.number(item, key)?
        };
    }
    Some(out)
}

/// Calls `f` for each table of an array of tables (`[[note]]`).
fn list<'t, 'i>(
    cx: &mut Ctx<'_>,
    val: &'t Val<'i>,
    key: &str,
    mut f: impl FnMut(&mut Ctx<'_>, &'t Val<'i>, &'t DeTable<'i>),
) {
    let Some(items) = cx.array(val, key) else {
        return;
    };
    for item in items {
        if let DeValue::Table(t) = item.get_ref() {
            f(cx, item, t);
        } else {
            cx.error(
                item.span(),
                "wrong-type",
                format!("`{key}` entries must be tables ([[{key}]])"),
            );
        }
    }
}
