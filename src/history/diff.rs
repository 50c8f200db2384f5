//! What changed in the strategy between two workspaces (two revisions, or a revision and the
//! working tree): components and links, decisions, impact maps, metric values. Not bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use super::momentum::stage_of;
use crate::workspace::model::{Component, WardleyMap, Workspace, DEFAULT_STAGES};

#[derive(Debug, Clone, Default, Serialize)]
pub struct StrategyDiff {
    pub from: String,
    pub to: String,
    pub maps: Vec<MapDiff>,
    pub decisions: Vec<DecisionChange>,
    pub impact_maps: Vec<ImpactDiff>,
    pub metrics: Vec<MetricChange>,
    /// Phases' statuses, pillars' risks, reviews held: the flywheel's own moves.
    pub flywheel: Vec<FlywheelChange>,
}

/// A change to the flywheel: `item` is `phase clarity`, `pillar security`, `review 2024-06-28`.
#[derive(Debug, Clone, Serialize)]
pub struct FlywheelChange {
    pub item: String,
    /// "status", "risk", "added" or "removed".
    pub change: &'static str,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct MapDiff {
    pub map: String,
    /// "added", "removed", "renamed" or "changed".
    pub change: &'static str,
    /// The map's id before a rename (matched by the components the two files share).
    pub renamed_from: Option<String>,
    pub components_added: Vec<String>,
    pub components_removed: Vec<String>,
    pub moved: Vec<Moved>,
    pub links_added: Vec<[String; 2]>,
    pub links_removed: Vec<[String; 2]>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Moved {
    pub component: String,
    pub evolution_from: f64,
    pub evolution_to: f64,
    pub delta: f64,
    pub visibility_from: f64,
    pub visibility_to: f64,
    /// "Custom-Built → Product" when it crossed a stage boundary.
    pub stage: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionChange {
    pub number: u32,
    pub title: String,
    /// "added", "removed" or "status".
    pub change: &'static str,
    pub status_from: Option<String>,
    pub status_to: Option<String>,
    /// ADR numbers that supersede it now and did not before.
    pub superseded_by: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ImpactDiff {
    pub map: String,
    pub change: &'static str,
    pub impacts_added: Vec<String>,
    pub impacts_removed: Vec<String>,
    pub deliverables_added: Vec<String>,
    pub deliverables_removed: Vec<String>,
    /// [id, from, to]
    pub deliverable_status: Vec<[String; 3]>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MetricChange {
    pub metric: String,
    pub from: Option<f64>,
    pub to: Option<f64>,
}

impl StrategyDiff {
    pub fn is_empty(&self) -> bool {
        self.maps.is_empty()
            && self.decisions.is_empty()
            && self.impact_maps.is_empty()
            && self.metrics.is_empty()
            && self.flywheel.is_empty()
    }
}

/// The strategy changes from `old` to `new`; `from`/`to` name them in the output.
pub fn diff(old: &Workspace, new: &Workspace, from: &str, to: &str) -> StrategyDiff {
    StrategyDiff {
        from: from.to_string(),
        to: to.to_string(),
        maps: diff_maps(old, new),
        decisions: diff_decisions(old, new),
        impact_maps: diff_impacts(old, new),
        metrics: diff_metrics(old, new),
        flywheel: diff_flywheel(old, new),
    }
}

fn diff_flywheel(old: &Workspace, new: &Workspace) -> Vec<FlywheelChange> {
    use crate::workspace::edit::flywheel::{risk_key, status_key};
    let mut out = Vec::new();
    let changed = |item: String, change, a: &str, b: &str| FlywheelChange {
        item,
        change,
        from: Some(a.to_string()),
        to: Some(b.to_string()),
    };
    for p in &new.phases {
        if let Some(o) = old.phases.iter().find(|o| o.id == p.id) {
            if o.status != p.status {
                out.push(changed(
                    format!("phase {}", p.id.key()),
                    "status",
                    status_key(o.status),
                    status_key(p.status),
                ));
            }
        }
    }
    for p in &new.pillars {
        if let Some(o) = old.pillars.iter().find(|o| o.id == p.id) {
            if o.risk != p.risk {
                out.push(changed(
                    format!("pillar {}", p.id),
                    "risk",
                    risk_key(o.risk),
                    risk_key(p.risk),
                ));
            }
        }
    }
    let held = |ws: &Workspace, id: &str| ws.reviews.iter().any(|r| r.id == id);
    for r in new.reviews.iter().filter(|r| !held(old, &r.id)) {
        out.push(FlywheelChange {
            item: format!("review {}", r.id),
            change: "added",
            from: None,
            to: Some(r.date.to_string()),
        });
    }
    for r in old.reviews.iter().filter(|r| !held(new, &r.id)) {
        out.push(FlywheelChange {
            item: format!("review {}", r.id),
            change: "removed",
            from: Some(r.date.to_string()),
            to: None,
        });
    }
    out
}

fn diff_maps(old: &Workspace, new: &Workspace) -> Vec<MapDiff> {
    let before: BTreeMap<&str, _> = old.maps.iter().map(|m| (m.id.as_str(), m)).collect();
    let after: BTreeMap<&str, _> = new.maps.iter().map(|m| (m.id.as_str(), m)).collect();
    let renames = renamed_maps(&before, &after);
    let ids: BTreeSet<&str> = before.keys().chain(after.keys()).copied().collect();
    let mut out = Vec::new();
    for id in ids {
        let (mut a, b) = (before.get(id), after.get(id));
        let mut renamed_from = None;
        if a.is_none() {
            if let Some(old) = renames.get(id) {
                a = before.get(old);
                renamed_from = Some(old.to_string());
            }
        } else if b.is_none() && renames.values().any(|old| *old == id) {
            continue; // shown under its new name
        }
        let mut d = MapDiff {
            map: id.to_string(),
            change: match (a, b, &renamed_from) {
                (_, _, Some(_)) => "renamed",
                (None, _, _) => "added",
                (_, None, _) => "removed",
                _ => "changed",
            },
            renamed_from,
            ..MapDiff::default()
        };
        fill_map_diff(&mut d, a.copied(), b.copied());
        let changed = !(d.components_added.is_empty()
            && d.components_removed.is_empty()
            && d.moved.is_empty()
            && d.links_added.is_empty()
            && d.links_removed.is_empty());
        if d.change != "changed" || changed {
            out.push(d);
        }
    }
    out
}

/// What changed in one map from `old` to `new`, its id and change set to "changed".
pub fn diff_map(old: Option<&WardleyMap>, new: Option<&WardleyMap>) -> MapDiff {
    let mut d = MapDiff {
        map: new.or(old).map(|m| m.id.clone()).unwrap_or_default(),
        change: "changed",
        ..MapDiff::default()
    };
    fill_map_diff(&mut d, old, new);
    d
}

fn fill_map_diff(d: &mut MapDiff, a: Option<&WardleyMap>, b: Option<&WardleyMap>) {
    let (ca, cb) = (components(a), components(b));
    let stages = b.or(a).map(|m| m.stages.clone());
    for (cid, c) in &cb {
        match ca.get(cid) {
            None => d.components_added.push(cid.clone()),
            Some(o) if o.evolution != c.evolution || o.visibility != c.visibility => {
                let (sa, sb) = (stage_of(o.evolution), stage_of(c.evolution));
                d.moved.push(Moved {
                    component: cid.clone(),
                    evolution_from: o.evolution,
                    evolution_to: c.evolution,
                    delta: super::momentum::tidy(c.evolution - o.evolution),
                    visibility_from: o.visibility,
                    visibility_to: c.visibility,
                    stage: (sa != sb).then(|| {
                        format!(
                            "{} → {}",
                            label(stages.as_ref(), sa),
                            label(stages.as_ref(), sb)
                        )
                    }),
                });
            }
            Some(_) => {}
        }
    }
    d.components_removed = ca
        .keys()
        .filter(|k| !cb.contains_key(*k))
        .cloned()
        .collect();
    let links = |m: &BTreeMap<String, &Component>| -> BTreeSet<[String; 2]> {
        m.values()
            .flat_map(|c| c.needs.iter().map(|n| [c.id.clone(), n.to.clone()]))
            .collect()
    };
    let (la, lb) = (links(&ca), links(&cb));
    d.links_added = lb.difference(&la).cloned().collect();
    d.links_removed = la.difference(&lb).cloned().collect();
}

/// Maps that only `after` has, matched to the one only `before` has whose components they
/// share most (at least half of the larger set): a renamed file keeps its history.
fn renamed_maps<'a>(
    before: &BTreeMap<&'a str, &'a WardleyMap>,
    after: &BTreeMap<&'a str, &'a WardleyMap>,
) -> BTreeMap<&'a str, &'a str> {
    let ids = |m: &WardleyMap| -> BTreeSet<String> {
        m.components.iter().map(|c| c.id.clone()).collect()
    };
    let gone: Vec<(&str, BTreeSet<String>)> = before
        .iter()
        .filter(|(id, _)| !after.contains_key(*id))
        .map(|(id, m)| (*id, ids(m)))
        .collect();
    let mut taken = BTreeSet::new();
    let mut out = BTreeMap::new();
    for (id, m) in after.iter().filter(|(id, _)| !before.contains_key(*id)) {
        let now = ids(m);
        let best = gone
            .iter()
            .filter(|(old, _)| !taken.contains(old))
            .map(|(old, set)| {
                (
                    old,
                    set.intersection(&now).count(),
                    set.len().max(now.len()),
                )
            })
            .filter(|(_, shared, larger)| *shared > 0 && shared * 2 >= *larger)
            .max_by_key(|(_, shared, _)| *shared);
        if let Some((old, _, _)) = best {
            taken.insert(*old);
            out.insert(*id, *old);
        }
    }
    out
}

fn components(m: Option<&WardleyMap>) -> BTreeMap<String, &Component> {
    m.map(|m| m.components.iter().map(|c| (c.id.clone(), c)).collect())
        .unwrap_or_default()
}

fn label(stages: Option<&[String; 4]>, i: usize) -> String {
    let s = stages
        .and_then(|s| s.get(i))
        .map(String::as_str)
        .filter(|s| !s.is_empty())
        .unwrap_or(DEFAULT_STAGES[i.min(3)]);
    s.split(" (").next().unwrap_or(s).trim().to_string()
}

fn diff_decisions(old: &Workspace, new: &Workspace) -> Vec<DecisionChange> {
    let before: BTreeMap<u32, _> = old.decisions.iter().map(|a| (a.number, a)).collect();
    let after: BTreeMap<u32, _> = new.decisions.iter().map(|a| (a.number, a)).collect();
    let mut out = Vec::new();
    let numbers: BTreeSet<u32> = before.keys().chain(after.keys()).copied().collect();
    for n in numbers {
        match (before.get(&n), after.get(&n)) {
            (None, Some(b)) => out.push(DecisionChange {
                number: n,
                title: b.title.clone(),
                change: "added",
                status_from: None,
                status_to: Some(b.status.key().into()),
                superseded_by: b.superseded_by.iter().map(|r| r.doc.clone()).collect(),
            }),
            (Some(a), None) => out.push(DecisionChange {
                number: n,
                title: a.title.clone(),
                change: "removed",
                status_from: Some(a.status.key().into()),
                status_to: None,
                superseded_by: Vec::new(),
            }),
            (Some(a), Some(b)) => {
                let was: BTreeSet<&str> = a.superseded_by.iter().map(|r| r.doc.as_str()).collect();
                let newly: Vec<String> = b
                    .superseded_by
                    .iter()
                    .filter(|r| !was.contains(r.doc.as_str()))
                    .map(|r| r.doc.clone())
                    .collect();
                if a.status != b.status || !newly.is_empty() {
                    out.push(DecisionChange {
                        number: n,
                        title: b.title.clone(),
                        change: "status",
                        status_from: Some(a.status.key().into()),
                        status_to: Some(b.status.key().into()),
                        superseded_by: newly,
                    });
                }
            }
            (None, None) => {}
        }
    }
    out
}

fn diff_impacts(old: &Workspace, new: &Workspace) -> Vec<ImpactDiff> {
    let before: BTreeMap<&str, _> = old.impact_maps.iter().map(|m| (m.id.as_str(), m)).collect();
    let after: BTreeMap<&str, _> = new.impact_maps.iter().map(|m| (m.id.as_str(), m)).collect();
    let ids: BTreeSet<&str> = before.keys().chain(after.keys()).copied().collect();
    let mut out = Vec::new();
    for id in ids {
        let (a, b) = (before.get(id), after.get(id));
        let mut d = ImpactDiff {
            map: id.to_string(),
            change: match (a, b) {
                (None, _) => "added",
                (_, None) => "removed",
                _ => "changed",
            },
            ..ImpactDiff::default()
        };
        let impacts = |m: Option<&&crate::workspace::model::ImpactMap>| -> BTreeSet<String> {
            m.map(|m| m.impacts.iter().map(|i| i.id.clone()).collect())
                .unwrap_or_default()
        };
        let (ia, ib) = (impacts(a), impacts(b));
        d.impacts_added = ib.difference(&ia).cloned().collect();
        d.impacts_removed = ia.difference(&ib).cloned().collect();
        let deliverables =
            |m: Option<&&crate::workspace::model::ImpactMap>| -> BTreeMap<String, String> {
                m.map(|m| {
                    m.deliverables
                        .iter()
                        .map(|d| (d.id.clone(), format!("{:?}", d.status).to_lowercase()))
                        .collect()
                })
                .unwrap_or_default()
            };
        let (da, db) = (deliverables(a), deliverables(b));
        for (k, s) in &db {
            match da.get(k) {
                None => d.deliverables_added.push(k.clone()),
                Some(o) if o != s => d.deliverable_status.push([k.clone(), o.clone(), s.clone()]),
                Some(_) => {}
            }
        }
        d.deliverables_removed = da
            .keys()
            .filter(|k| !db.contains_key(*k))
            .cloned()
            .collect();
        let changed = !(d.impacts_added.is_empty()
            && d.impacts_removed.is_empty()
            && d.deliverables_added.is_empty()
            && d.deliverables_removed.is_empty()
            && d.deliverable_status.is_empty());
        if d.change != "changed" || changed {
            out.push(d);
        }
    }
    out
}

fn diff_metrics(old: &Workspace, new: &Workspace) -> Vec<MetricChange> {
    let current = |ws: &Workspace| -> BTreeMap<String, Option<f64>> {
        ws.metrics
            .iter()
            .map(|m| (m.id.clone(), m.samples.last().map(|s| s.value)))
            .collect()
    };
    let (a, b) = (current(old), current(new));
    let ids: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    ids.into_iter()
        .filter_map(|id| {
            let (x, y) = (a.get(id).copied().flatten(), b.get(id).copied().flatten());
            (x != y).then(|| MetricChange {
                metric: id.clone(),
                from: x,
                to: y,
            })
        })
        .collect()
}

fn num(v: Option<f64>) -> String {
    v.map_or("—".into(), |v| format!("{v}"))
}

/// The human report (`markdown` for a pull-request comment). Names come from the files: the
/// caller passes the result through the terminal filter before printing it to a terminal.
pub fn render(d: &StrategyDiff, markdown: bool) -> String {
    let mut s = String::new();
    let (h1, h2, item) = if markdown {
        ("## ", "### ", "- ")
    } else {
        ("", "", "  ")
    };
    let _ = writeln!(s, "{h1}Strategy changes {} → {}", d.from, d.to);
    if d.is_empty() {
        let _ = writeln!(s, "\nNo strategy changes.");
        return s;
    }
    let code = |t: &str| {
        if markdown {
            format!("`{t}`")
        } else {
            t.to_string()
        }
    };
    for m in &d.maps {
        let change = match &m.renamed_from {
            Some(old) => format!("renamed from {}", code(old)),
            None => m.change.to_string(),
        };
        let _ = writeln!(s, "\n{h2}map {} ({change})", code(&m.map));
        for c in &m.components_added {
            let _ = writeln!(s, "{item}+ component {}", code(c));
        }
        for c in &m.components_removed {
            let _ = writeln!(s, "{item}- component {}", code(c));
        }
        for mv in &m.moved {
            let stage = mv
                .stage
                .as_ref()
                .map_or(String::new(), |st| format!(", {st}"));
            let _ = writeln!(
                s,
                "{item}~ {} moved evolution {:.2} → {:.2} (Δ{:+.2}){stage}",
                code(&mv.component),
                mv.evolution_from,
                mv.evolution_to,
                mv.delta
            );
        }
        for [a, b] in &m.links_added {
            let _ = writeln!(s, "{item}+ link {} → {}", code(a), code(b));
        }
        for [a, b] in &m.links_removed {
            let _ = writeln!(s, "{item}- link {} → {}", code(a), code(b));
        }
    }
    if !d.decisions.is_empty() {
        let _ = writeln!(s, "\n{h2}decisions");
        for c in &d.decisions {
            let what = match c.change {
                "added" => format!(
                    "+ ADR {} {} ({})",
                    c.number,
                    c.title,
                    c.status_to.as_deref().unwrap_or("")
                ),
                "removed" => format!("- ADR {} {}", c.number, c.title),
                _ => format!(
                    "~ ADR {} {}: {} → {}",
                    c.number,
                    c.title,
                    c.status_from.as_deref().unwrap_or(""),
                    c.status_to.as_deref().unwrap_or("")
                ),
            };
            let sup = if c.superseded_by.is_empty() {
                String::new()
            } else {
                format!(", superseded by {}", c.superseded_by.join(", "))
            };
            let _ = writeln!(s, "{item}{what}{sup}");
        }
    }
    for m in &d.impact_maps {
        let _ = writeln!(s, "\n{h2}impact map {} ({})", code(&m.map), m.change);
        for i in &m.impacts_added {
            let _ = writeln!(s, "{item}+ impact {}", code(i));
        }
        for i in &m.impacts_removed {
            let _ = writeln!(s, "{item}- impact {}", code(i));
        }
        for i in &m.deliverables_added {
            let _ = writeln!(s, "{item}+ deliverable {}", code(i));
        }
        for i in &m.deliverables_removed {
            let _ = writeln!(s, "{item}- deliverable {}", code(i));
        }
        for [id, a, b] in &m.deliverable_status {
            let _ = writeln!(s, "{item}~ deliverable {}: {a} → {b}", code(id));
        }
    }
    if !d.metrics.is_empty() {
        let _ = writeln!(s, "\n{h2}metrics");
        for m in &d.metrics {
            let _ = writeln!(
                s,
                "{item}~ {}: {} → {}",
                code(&m.metric),
                num(m.from),
                num(m.to)
            );
        }
    }
    if !d.flywheel.is_empty() {
        let _ = writeln!(s, "\n{h2}flywheel");
        for f in &d.flywheel {
            let from = f.from.as_deref().unwrap_or("");
            let to = f.to.as_deref().unwrap_or("");
            let _ = match f.change {
                "added" => writeln!(s, "{item}+ {}", code(&f.item)),
                "removed" => writeln!(s, "{item}- {}", code(&f.item)),
                what => writeln!(s, "{item}~ {} {what}: {from} → {to}", code(&f.item)),
            };
        }
    }
    if markdown {
        // `- + x` is a list in a list to a markdown reader, and `+`, `-` and `~` are lost: the
        // marks are escaped so a pull-request comment shows them
        s = s
            .lines()
            .map(|l| match l.strip_prefix("- ") {
                Some(rest) if rest.starts_with(['+', '-', '~']) => format!("- \\{rest}\n"),
                _ => format!("{l}\n"),
            })
            .collect();
    }
    s
}
