//! `wheelhouse.toml`: the workspace, the four flywheel phases and what they reason about.

use std::collections::BTreeMap;
use std::path::PathBuf;

use toml::de::{DeTable, DeValue};

use super::fields::{did_you_mean, Ctx, Key, Val};
use crate::workspace::diagnostic::Severity;
use crate::workspace::model::*;
use crate::workspace::reference::{RefKind, Reference};

/// What the root file holds.
#[derive(Debug, Default)]
pub(crate) struct Root {
    pub meta: WorkspaceMeta,
    /// Phases present in the file (the loader fills in missing ones).
    pub phases: Vec<Phase>,
    pub metrics: Vec<Metric>,
    pub reviews: Vec<Review>,
    pub value_streams: Vec<ValueStream>,
    pub pillars: Vec<Pillar>,
    pub scenarios: Vec<Scenario>,
}

const TOP: &[&str] = &[
    "workspace",
    "lint",
    "phase",
    "metric",
    "review",
    "value-stream",
    "pillar",
    "scenario",
];

pub(crate) const PILLARS: &[(&str, &str)] = &[
    ("operational-excellence", "Operational Excellence"),
    ("security", "Security"),
    ("reliability", "Reliability"),
    ("performance-efficiency", "Performance Efficiency"),
    ("cost-optimization", "Cost Optimization"),
    ("sustainability", "Sustainability"),
];

/// Reads the root file. With `meta_only`, only `[workspace]` is read (decisions-only loading).
pub(crate) fn read(cx: &mut Ctx<'_>, doc: &DeTable<'_>, meta_only: bool) -> Root {
    let mut root = Root::default();
    let mut saw_workspace = false;
    for (key, val) in doc.iter() {
        let name: &str = key.get_ref();
        if meta_only && name != "workspace" {
            continue;
        }
        cx.owner = None;
        match name {
            "workspace" => {
                saw_workspace = true;
                if let Some(t) = cx.table(val, name) {
                    root.meta = meta(cx, key, t);
                }
            }
            "phase" => each(cx, val, "phase", false, |cx, k, t| {
                if let Some(p) = phase(cx, k, t) {
                    if root.phases.iter().any(|q| q.id == p.id) {
                        return;
                    }
                    root.phases.push(p);
                }
            }),
            "metric" => each(cx, val, "metric", true, |cx, k, t| {
                root.metrics.push(metric(cx, k, t))
            }),
            "review" => each(cx, val, "review", true, |cx, k, t| {
                root.reviews.push(review(cx, k, t))
            }),
            "value-stream" => each(cx, val, "value-stream", true, |cx, k, t| {
                root.value_streams.push(value_stream(cx, k, t))
            }),
            "pillar" => each(cx, val, "pillar", true, |cx, k, t| {
                root.pillars.push(pillar(cx, k, t))
            }),
            "scenario" => each(cx, val, "scenario", true, |cx, k, t| {
                root.scenarios.push(scenario(cx, k, t))
            }),
            // read by the strategy lint (`workspace::strategy_lint`), which checks it
            "lint" => {}
            _ => cx.unknown_field(key, TOP, "wheelhouse.toml"),
        }
    }
    cx.owner = None;
    if !saw_workspace {
        cx.file_level(
            Severity::Warning,
            "missing-field",
            "no [workspace] table: add one with `name` and `format = 1`".into(),
        );
    }
    root
}

/// Calls `f` for every `[kind.ID]` sub-table, after checking the id and setting the owner.
pub(crate) fn each<'t, 'i>(
    cx: &mut Ctx<'_>,
    val: &'t Val<'i>,
    kind: &str,
    check_id: bool,
    mut f: impl FnMut(&mut Ctx<'_>, &'t Key<'i>, &'t DeTable<'i>),
) {
    let Some(t) = cx.table(val, kind) else { return };
    for (k, v) in t.iter() {
        if check_id && !cx.check_id(k, kind) {
            continue;
        }
        if let DeValue::Table(item) = v.get_ref() {
            f(cx, k, item);
        } else {
            cx.error(
                v.span(),
                "wrong-type",
                format!(
                    "`{kind}.{}` must be a table ([{kind}.{}])",
                    k.get_ref(),
                    k.get_ref()
                ),
            );
        }
    }
}

fn meta(cx: &mut Ctx<'_>, key: &Key<'_>, t: &DeTable<'_>) -> WorkspaceMeta {
    const FIELDS: &[&str] = &["name", "description", "format", "adr-dirs", "adr-template"];
    let mut m = WorkspaceMeta::default();
    let mut saw_format = false;
    for (k, v) in t.iter() {
        let name: &str = k.get_ref();
        match name {
            "name" => m.name = cx.string(v, name).unwrap_or_default(),
            "description" => m.description = cx.string(v, name).unwrap_or_default(),
            "format" => {
                saw_format = true;
                if let Some(n) = cx.integer(v, name) {
                    if n != 1 {
                        cx.error(
                            v.span(),
                            "unsupported-format",
                            format!("format {n} is not known to this wh, which reads format 1"),
                        );
                    }
                    m.format = u32::try_from(n).unwrap_or(0);
                }
            }
            "adr-dirs" => {
                m.adr_dirs = cx
                    .strings(v, name)
                    .into_iter()
                    .filter(|d| {
                        let p = std::path::Path::new(d);
                        let ok = !p.is_absolute()
                            && !p
                                .components()
                                .any(|c| matches!(c, std::path::Component::ParentDir));
                        if !ok {
                            cx.error(
                                v.span(),
                                "bad-value",
                                format!(
                                    "adr-dirs entry `{d}` must be a folder inside the workspace"
                                ),
                            );
                        }
                        ok
                    })
                    .map(PathBuf::from)
                    .collect()
            }
            "adr-template" => {
                m.adr_template = cx.string(v, name).and_then(|t| {
                    let p = PathBuf::from(&t);
                    let inside = !p.is_absolute()
                        && !p
                            .components()
                            .any(|c| matches!(c, std::path::Component::ParentDir));
                    if !inside {
                        cx.error(
                            v.span(),
                            "bad-value",
                            format!("adr-template `{t}` must be a file inside the workspace"),
                        );
                    }
                    inside.then_some(p)
                })
            }
            _ => cx.unknown_field(k, FIELDS, "[workspace]"),
        }
    }
    if !saw_format {
        cx.warn(
            key.span(),
            "missing-field",
            "[workspace] has no `format`: add `format = 1`".into(),
        );
        m.format = 1;
    }
    m
}

const PHASE_STATUS: &[(&str, PhaseStatus)] = &[
    ("not-started", PhaseStatus::NotStarted),
    ("in-progress", PhaseStatus::InProgress),
    ("healthy", PhaseStatus::Healthy),
    ("at-risk", PhaseStatus::AtRisk),
];

pub(crate) fn default_phase(id: PhaseId) -> Phase {
    Phase {
        id,
        title: id.default_title().to_string(),
        persona: id.default_persona().to_string(),
        status: PhaseStatus::NotStarted,
        summary: String::new(),
        challenges: Vec::new(),
        moves: Vec::new(),
        tenets: id.default_tenets().iter().map(|s| s.to_string()).collect(),
        links: Vec::new(),
        origin: Origin::default(),
    }
}

fn phase(cx: &mut Ctx<'_>, key: &Key<'_>, t: &DeTable<'_>) -> Option<Phase> {
    const FIELDS: &[&str] = &[
        "title",
        "persona",
        "status",
        "summary",
        "challenges",
        "moves",
        "tenets",
        "links",
    ];
    let name: &str = key.get_ref();
    let Some(id) = PhaseId::from_key(name) else {
        let keys = PhaseId::ALL.map(PhaseId::key);
        let hint = did_you_mean(name, keys.iter().copied())
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        cx.error(
            key.span(),
            "unknown-phase",
            format!(
                "there is no phase `{name}`: the four are clarity, challenge, next-action, long-term{hint}"
            ),
        );
        return None;
    };
    cx.owner = Some(Reference::new(RefKind::Phase, id.key(), None));
    let mut p = default_phase(id);
    p.origin = cx.origin(&key.span());
    for (k, v) in t.iter() {
        let f: &str = k.get_ref();
        match f {
            "title" => p.title = cx.string(v, f).unwrap_or(p.title),
            "persona" => p.persona = cx.string(v, f).unwrap_or(p.persona),
            "status" => p.status = cx.keyword(v, f, PHASE_STATUS).unwrap_or_default(),
            "summary" => p.summary = cx.string(v, f).unwrap_or_default(),
            "challenges" => p.challenges = cx.strings(v, f),
            "moves" => p.moves = cx.strings(v, f),
            "tenets" => {
                let t = cx.strings(v, f);
                if t.is_empty() {
                    cx.warn(
                        v.span(),
                        "bad-value",
                        "`tenets` is empty: leave it out to keep the three built-in tenets".into(),
                    );
                } else {
                    p.tenets = t;
                }
            }
            "links" => p.links = cx.references(v, f),
            _ => cx.unknown_field(k, FIELDS, &format!("[phase.{name}]")),
        }
    }
    Some(p)
}

const METRIC_KINDS: &[(&str, MetricKind)] = &[
    ("north-star", MetricKind::NorthStar),
    ("input", MetricKind::Input),
    ("business", MetricKind::Business),
    ("guardrail", MetricKind::Guardrail),
];
const INDICATORS: &[(&str, Indicator)] = &[
    ("leading", Indicator::Leading),
    ("lagging", Indicator::Lagging),
];
const DIRECTIONS: &[(&str, Direction)] = &[("up", Direction::Up), ("down", Direction::Down)];

fn metric(cx: &mut Ctx<'_>, key: &Key<'_>, t: &DeTable<'_>) -> Metric {
    const FIELDS: &[&str] = &[
        "name",
        "kind",
        "indicator",
        "unit",
        "direction",
        "baseline",
        "target",
        "due",
        "cadence",
        "drives",
        "description",
        "samples",
    ];
    let id = key.get_ref().to_string();
    cx.owner = Some(Reference::new(RefKind::Metric, id.clone(), None));
    let mut m = Metric {
        id: id.clone(),
        name: id.clone(),
        kind: MetricKind::Input,
        indicator: None,
        unit: String::new(),
        direction: Direction::Up,
        baseline: None,
        target: None,
        due: None,
        cadence: None,
        drives: None,
        description: String::new(),
        samples: Vec::new(),
        origin: cx.origin(&key.span()),
    };
    let mut saw_kind = false;
    for (k, v) in t.iter() {
        let f: &str = k.get_ref();
        match f {
            "name" => m.name = cx.string(v, f).unwrap_or(m.name),
            "kind" => {
                saw_kind = true;
                m.kind = cx.keyword(v, f, METRIC_KINDS).unwrap_or(MetricKind::Input);
            }
            "indicator" => m.indicator = cx.keyword(v, f, INDICATORS),
            "unit" => m.unit = cx.string(v, f).unwrap_or_default(),
            "direction" => m.direction = cx.keyword(v, f, DIRECTIONS).unwrap_or_default(),
            "baseline" => m.baseline = cx.number(v, f),
            "target" => m.target = cx.number(v, f),
            "due" => m.due = cx.date(v, f),
            "cadence" => m.cadence = cadence(cx, v, f),
            "drives" => {
                m.drives = cx.reference(v, f);
                if let Some(r) = &m.drives {
                    if r.kind != RefKind::Metric {
                        cx.error(
                            v.span(),
                            "bad-reference",
                            format!("`drives` must name a metric (metric:ID), not `{r}`"),
                        );
                        cx.refs.pop();
                        m.drives = None;
                    } else if r.doc == m.id {
                        cx.error(
                            v.span(),
                            "bad-reference",
                            "a metric cannot drive itself".into(),
                        );
                    }
                }
            }
            "description" => m.description = cx.string(v, f).unwrap_or_default(),
            "samples" => {
                if let Some(items) = cx.array(v, f) {
                    m.samples = items.iter().filter_map(|s| sample(cx, s)).collect();
                }
            }
            _ => cx.unknown_field(k, FIELDS, &format!("[metric.{id}]")),
        }
    }
    if !saw_kind {
        cx.warn(
            key.span(),
            "missing-field",
            format!("metric `{id}` has no `kind` (north-star, input, business, guardrail); taken as input"),
        );
    }
    match (m.baseline, m.target) {
        (Some(_), Some(_)) => {}
        (b, t) => {
            let missing = match (b, t) {
                (None, None) => "baseline or target",
                (None, _) => "baseline",
                _ => "target",
            };
            cx.warn(
                key.span(),
                "metric-without-target",
                format!("metric `{id}` has no {missing}: its progress cannot be shown"),
            );
        }
    }
    m
}

/// The cadences by name, in days (a month and a quarter taken at their longest, so a sample
/// taken on the same day of the next month is never late).
const CADENCES: &[(&str, u32)] = &[("weekly", 7), ("monthly", 31), ("quarterly", 92)];

/// `cadence`: a name from [`CADENCES`] or a whole number of days from 1 to 3660.
fn cadence(cx: &mut Ctx<'_>, v: &Val<'_>, f: &str) -> Option<u32> {
    if let DeValue::String(_) = v.get_ref() {
        return cx.keyword(v, f, CADENCES);
    }
    let days = cx.integer(v, f)?;
    match u32::try_from(days) {
        Ok(d) if (1..=3660).contains(&d) => Some(d),
        _ => {
            cx.error(
                v.span(),
                "out-of-range",
                format!(
                    "`{f}` = {days} days is out of range 1..3660 (or weekly, monthly, quarterly)"
                ),
            );
            None
        }
    }
}

fn sample(cx: &mut Ctx<'_>, v: &Val<'_>) -> Option<Sample> {
    let t = cx.table(v, "samples")?;
    let (mut date, mut value) = (None, None);
    for (k, item) in t.iter() {
        let f: &str = k.get_ref();
        match f {
            "date" => date = cx.date(item, f),
            "value" => value = cx.number(item, f),
            _ => cx.unknown_field(k, &["date", "value"], "a sample"),
        }
    }
    match (date, value) {
        (Some(date), Some(value)) => Some(Sample { date, value }),
        _ => {
            cx.error(
                v.span(),
                "missing-field",
                "a sample needs both `date` and `value`; this one is skipped".into(),
            );
            None
        }
    }
}

fn review(cx: &mut Ctx<'_>, key: &Key<'_>, t: &DeTable<'_>) -> Review {
    const FIELDS: &[&str] = &["date", "facilitator", "scores", "actions", "notes"];
    let id = key.get_ref().to_string();
    cx.owner = Some(Reference::new(RefKind::Review, id.clone(), None));
    let mut r = Review {
        id: id.clone(),
        date: String::new(),
        facilitator: String::new(),
        scores: BTreeMap::new(),
        actions: Vec::new(),
        notes: String::new(),
        origin: cx.origin(&key.span()),
    };
    let mut saw_date = false;
    for (k, v) in t.iter() {
        let f: &str = k.get_ref();
        match f {
            "date" => {
                saw_date = true;
                r.date = cx.date(v, f).unwrap_or_default();
            }
            "facilitator" => r.facilitator = cx.string(v, f).unwrap_or_default(),
            "scores" => {
                let Some(st) = cx.table(v, f) else { continue };
                for (pk, pv) in st.iter() {
                    let Some(pid) = PhaseId::from_key(pk.get_ref()) else {
                        let keys = PhaseId::ALL.map(PhaseId::key);
                        cx.unknown_field(pk, &keys, "review scores (the four phases)");
                        continue;
                    };
                    let Some(items) = cx.array(pv, "scores") else {
                        continue;
                    };
                    let mut scores = Vec::new();
                    for item in items {
                        if let Some(n) = cx.integer(item, "score") {
                            if !(0..=3).contains(&n) {
                                cx.error(
                                    item.span(),
                                    "out-of-range",
                                    format!("score {n} is out of range 0..3"),
                                );
                            }
                            scores.push(n.clamp(0, 3) as u8);
                        }
                    }
                    if scores.len() != 3 {
                        cx.warn(
                            pv.span(),
                            "bad-value",
                            format!(
                                "{} scores for `{}`: one per tenet (three) is expected",
                                scores.len(),
                                pid.key()
                            ),
                        );
                    }
                    r.scores.insert(pid, scores);
                }
            }
            "actions" => r.actions = cx.strings(v, f),
            "notes" => r.notes = cx.string(v, f).unwrap_or_default(),
            _ => cx.unknown_field(k, FIELDS, &format!("[review.{id}]")),
        }
    }
    if !saw_date {
        cx.error(
            key.span(),
            "missing-field",
            format!("review `{id}` has no `date`"),
        );
    }
    r
}

const WASTES: &[(&str, Waste)] = &[
    ("defects", Waste::Defects),
    ("overproduction", Waste::Overproduction),
    ("waiting", Waste::Waiting),
    ("non-utilised-talent", Waste::NonUtilisedTalent),
    ("transportation", Waste::Transportation),
    ("inventory", Waste::Inventory),
    ("motion", Waste::Motion),
    ("extra-processing", Waste::ExtraProcessing),
];

fn value_stream(cx: &mut Ctx<'_>, key: &Key<'_>, t: &DeTable<'_>) -> ValueStream {
    const FIELDS: &[&str] = &["name", "unit", "description", "links", "step"];
    let id = key.get_ref().to_string();
    cx.owner = Some(Reference::new(RefKind::ValueStream, id.clone(), None));
    let mut vs = ValueStream {
        id: id.clone(),
        name: id.clone(),
        unit: String::new(),
        description: String::new(),
        steps: Vec::new(),
        links: Vec::new(),
        origin: cx.origin(&key.span()),
    };
    for (k, v) in t.iter() {
        let f: &str = k.get_ref();
        match f {
            "name" => vs.name = cx.string(v, f).unwrap_or(vs.name),
            "unit" => vs.unit = cx.string(v, f).unwrap_or_default(),
            "description" => vs.description = cx.string(v, f).unwrap_or_default(),
            "links" => vs.links = cx.references(v, f),
            "step" => {
                if let Some(items) = cx.array(v, f) {
                    vs.steps = items.iter().filter_map(|s| step(cx, s)).collect();
                }
            }
            _ => cx.unknown_field(k, FIELDS, &format!("[value-stream.{id}]")),
        }
    }
    vs
}

fn step(cx: &mut Ctx<'_>, v: &Val<'_>) -> Option<Step> {
    const FIELDS: &[&str] = &["name", "pt", "lt", "ca", "waste"];
    let t = cx.table(v, "step")?;
    let mut s = Step {
        name: String::new(),
        pt: 0.0,
        lt: 0.0,
        ca: 1.0,
        waste: Vec::new(),
    };
    let (mut pt_span, mut saw_lt) = (None, false);
    for (k, item) in t.iter() {
        let f: &str = k.get_ref();
        match f {
            "name" => s.name = cx.string(item, f).unwrap_or_default(),
            "pt" => {
                pt_span = Some(item.span());
                s.pt = cx.number_in(item, f, 0.0, f64::MAX).unwrap_or(0.0);
            }
            "lt" => {
                saw_lt = true;
                s.lt = cx.number_in(item, f, 0.0, f64::MAX).unwrap_or(0.0);
            }
            "ca" => s.ca = cx.number_in(item, f, 0.0, 1.0).unwrap_or(1.0),
            "waste" => {
                let items: Vec<&Val<'_>> = match item.get_ref() {
                    DeValue::Array(a) => a.iter().collect(),
                    _ => vec![item],
                };
                for w in items {
                    if let Some(w) = cx.keyword(w, "waste", WASTES) {
                        if !s.waste.contains(&w) {
                            s.waste.push(w);
                        }
                    }
                }
            }
            _ => cx.unknown_field(k, FIELDS, "[[value-stream.ID.step]]"),
        }
    }
    if s.name.trim().is_empty() {
        cx.error(v.span(), "missing-field", "a step has no `name`".into());
    }
    if pt_span.is_none() || !saw_lt {
        cx.error(
            v.span(),
            "missing-field",
            format!(
                "step `{}` needs both `pt` (process time) and `lt` (lead time)",
                s.name
            ),
        );
    }
    if s.pt > s.lt && saw_lt {
        cx.error(
            pt_span.unwrap_or(v.span()),
            "pt-exceeds-lt",
            format!(
                "step `{}`: process time {} is longer than lead time {} (lead time includes process time)",
                s.name, s.pt, s.lt
            ),
        );
    }
    Some(s)
}

const RISKS: &[(&str, Risk)] = &[
    ("none", Risk::None),
    ("medium", Risk::Medium),
    ("high", Risk::High),
    ("unanswered", Risk::Unanswered),
];

fn pillar(cx: &mut Ctx<'_>, key: &Key<'_>, t: &DeTable<'_>) -> Pillar {
    const FIELDS: &[&str] = &["name", "risk", "notes", "actions", "links"];
    let id = key.get_ref().to_string();
    cx.owner = Some(Reference::new(RefKind::Pillar, id.clone(), None));
    let known = PILLARS.iter().find(|(k, _)| *k == id);
    if known.is_none() {
        let hint = did_you_mean(&id, PILLARS.iter().map(|(k, _)| *k))
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        cx.warn(
            key.span(),
            "unknown-pillar",
            format!("`{id}` is not one of the six Well-Architected pillars{hint}"),
        );
    }
    let mut p = Pillar {
        id: id.clone(),
        name: known
            .map(|(_, n)| n.to_string())
            .unwrap_or_else(|| id.clone()),
        risk: Risk::Unanswered,
        notes: String::new(),
        actions: Vec::new(),
        links: Vec::new(),
        origin: cx.origin(&key.span()),
    };
    for (k, v) in t.iter() {
        let f: &str = k.get_ref();
        match f {
            "name" => p.name = cx.string(v, f).unwrap_or(p.name),
            "risk" => p.risk = cx.keyword(v, f, RISKS).unwrap_or_default(),
            "notes" => p.notes = cx.string(v, f).unwrap_or_default(),
            "actions" => p.actions = cx.strings(v, f),
            "links" => p.links = cx.references(v, f),
            _ => cx.unknown_field(k, FIELDS, &format!("[pillar.{id}]")),
        }
    }
    p
}

const HML: &[(&str, Hml)] = &[("H", Hml::H), ("M", Hml::M), ("L", Hml::L)];

fn scenario(cx: &mut Ctx<'_>, key: &Key<'_>, t: &DeTable<'_>) -> Scenario {
    const FIELDS: &[&str] = &[
        "name",
        "attribute",
        "refinement",
        "source",
        "stimulus",
        "environment",
        "artifact",
        "response",
        "measure",
        "importance",
        "difficulty",
        "links",
    ];
    let id = key.get_ref().to_string();
    cx.owner = Some(Reference::new(RefKind::Scenario, id.clone(), None));
    let mut s = Scenario {
        id: id.clone(),
        name: id.clone(),
        attribute: String::new(),
        refinement: String::new(),
        source: String::new(),
        stimulus: String::new(),
        environment: String::new(),
        artifact: String::new(),
        response: String::new(),
        measure: String::new(),
        importance: None,
        difficulty: None,
        links: Vec::new(),
        origin: cx.origin(&key.span()),
    };
    for (k, v) in t.iter() {
        let f: &str = k.get_ref();
        let text = |cx: &mut Ctx<'_>| cx.string(v, f).unwrap_or_default();
        match f {
            "name" => s.name = cx.string(v, f).unwrap_or(s.name),
            "attribute" => s.attribute = text(cx),
            "refinement" => s.refinement = text(cx),
            "source" => s.source = text(cx),
            "stimulus" => s.stimulus = text(cx),
            "environment" => s.environment = text(cx),
            "artifact" => s.artifact = text(cx),
            "response" => s.response = text(cx),
            "measure" => s.measure = text(cx),
            "importance" => s.importance = cx.keyword(v, f, HML),
            "difficulty" => s.difficulty = cx.keyword(v, f, HML),
            "links" => s.links = cx.references(v, f),
            _ => cx.unknown_field(k, FIELDS, &format!("[scenario.{id}]")),
        }
    }
    s
}
