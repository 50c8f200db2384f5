//! Impact maps out of the workspace: a Mermaid `mindmap` and a markdown outline
//! (`wh export impact ID --format mermaid|markdown`), also used by the workspace report.
//!
//! Both show the whole tree goal → actors → impacts → deliverables in file order. A deliverable
//! that serves two impacts appears under both. Nothing is hidden: an impact whose actor does
//! not exist, or a deliverable none of whose impacts exist, is listed under "Not attached".

use std::collections::{HashMap, HashSet};

use crate::workspace::model::{
    progress, Deliverable, DeliverableStatus, Impact, ImpactDirection, ImpactMap, Workspace,
};

use super::markdown_text::{bar, block, code, inline, number, percent};

/// The goal's measure, resolved: the goal's own figures first, then its metric's.
/// The metric's latest sample is the current value when the goal names a metric.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GoalMeasure {
    /// The metric's display name and id, when the goal names one that exists.
    pub metric: Option<(String, String)>,
    /// The goal names a metric that the workspace does not hold.
    pub metric_missing: Option<String>,
    pub unit: String,
    pub baseline: Option<f64>,
    pub current: Option<f64>,
    pub target: Option<f64>,
    pub deadline: Option<String>,
}

impl GoalMeasure {
    /// Share of the way from baseline to target, 0..1.
    pub fn progress(&self) -> Option<f64> {
        progress(self.baseline?, self.current?, self.target?)
    }
}

pub fn goal_measure(ws: &Workspace, map: &ImpactMap) -> GoalMeasure {
    let goal = &map.goal;
    let mut m = GoalMeasure {
        unit: goal.unit.clone(),
        baseline: goal.baseline,
        current: goal.current,
        target: goal.target,
        deadline: goal.deadline.clone(),
        ..GoalMeasure::default()
    };
    if let Some(r) = &goal.metric {
        match ws.metric(&r.doc) {
            Some(metric) => {
                m.metric = Some((metric.name.clone(), metric.id.clone()));
                if m.unit.is_empty() {
                    m.unit = metric.unit.clone();
                }
                m.baseline = m.baseline.or(metric.baseline);
                m.target = m.target.or(metric.target);
                m.deadline = m.deadline.or_else(|| metric.due.clone());
                m.current = metric.current().or(m.current);
            }
            None => m.metric_missing = Some(r.to_string()),
        }
    }
    m
}

const STATUSES: [DeliverableStatus; 5] = [
    DeliverableStatus::Idea,
    DeliverableStatus::Planned,
    DeliverableStatus::Building,
    DeliverableStatus::Shipped,
    DeliverableStatus::Dropped,
];

fn direction_word(d: ImpactDirection) -> &'static str {
    match d {
        ImpactDirection::Support => "supports",
        ImpactDirection::Obstruct => "obstructs",
    }
}

/// The tree as the exports walk it: impacts per actor, deliverables per impact, and the rest.
/// Grouped once: a scan of every impact per actor (and of every deliverable per impact) is
/// quadratic on large maps.
struct Tree<'a> {
    orphan_impacts: Vec<&'a Impact>,
    orphan_deliverables: Vec<&'a Deliverable>,
    impacts_by_actor: HashMap<&'a str, Vec<&'a Impact>>,
    deliverables_by_impact: HashMap<&'a str, Vec<&'a Deliverable>>,
}

impl<'a> Tree<'a> {
    fn new(map: &'a ImpactMap) -> Self {
        let actors: HashSet<&str> = map.actors.iter().map(|a| a.id.as_str()).collect();
        let impacts: HashSet<&str> = map.impacts.iter().map(|i| i.id.as_str()).collect();
        let orphan_impacts = map
            .impacts
            .iter()
            .filter(|i| !actors.contains(i.actor.as_str()))
            .collect();
        let orphan_deliverables = map
            .deliverables
            .iter()
            .filter(|d| !d.impacts.iter().any(|id| impacts.contains(id.as_str())))
            .collect();
        let mut impacts_by_actor: HashMap<&str, Vec<&Impact>> = HashMap::new();
        for i in &map.impacts {
            impacts_by_actor
                .entry(i.actor.as_str())
                .or_default()
                .push(i);
        }
        let mut deliverables_by_impact: HashMap<&str, Vec<&Deliverable>> = HashMap::new();
        for d in &map.deliverables {
            for id in &d.impacts {
                let list = deliverables_by_impact.entry(id.as_str()).or_default();
                // once per impact, even when the deliverable names it twice
                if !list.last().is_some_and(|last| std::ptr::eq(*last, d)) {
                    list.push(d);
                }
            }
        }
        Tree {
            orphan_impacts,
            orphan_deliverables,
            impacts_by_actor,
            deliverables_by_impact,
        }
    }

    fn impacts_of(&self, actor: &str) -> Vec<&'a Impact> {
        self.impacts_by_actor
            .get(actor)
            .cloned()
            .unwrap_or_default()
    }

    fn deliverables_of(&self, impact: &str) -> Vec<&'a Deliverable> {
        self.deliverables_by_impact
            .get(impact)
            .cloned()
            .unwrap_or_default()
    }

    fn has_orphans(&self) -> bool {
        !self.orphan_impacts.is_empty() || !self.orphan_deliverables.is_empty()
    }
}

fn goal_title(map: &ImpactMap) -> &str {
    if map.goal.title.trim().is_empty() {
        &map.id
    } else {
        &map.goal.title
    }
}

// ---------------------------------------------------------------- Mermaid

/// A Mermaid `mindmap`: the goal as a circle, actors as squares, supporting impacts rounded,
/// obstructing impacts as hexagons (and worded "obstructs: "), deliverables as squares with
/// their status. Labels are quoted strings so brackets and colons in names are safe.
pub fn mermaid(ws: &Workspace, map: &ImpactMap) -> String {
    let tree = Tree::new(map);
    let mut out = String::from("mindmap\n");
    let measure = goal_measure(ws, map);
    let mut root = goal_title(map).to_string();
    if let Some(summary) = measure_line(&measure) {
        root.push_str(" — ");
        root.push_str(&summary);
    }
    push_node(&mut out, 1, "goal", "((", &root, "))");
    for (a, actor) in map.actors.iter().enumerate() {
        let label = if actor.kind.is_empty() {
            actor.name.clone()
        } else {
            format!("{} ({})", actor.name, actor.kind)
        };
        push_node(&mut out, 2, &format!("a{a}"), "[", &label, "]");
        for (i, impact) in tree.impacts_of(&actor.id).into_iter().enumerate() {
            push_impact(&mut out, &tree, 3, &format!("a{a}i{i}"), impact);
        }
    }
    if tree.has_orphans() {
        push_node(&mut out, 2, "unattached", "[", "Not attached", "]");
        for (i, impact) in tree.orphan_impacts.iter().enumerate() {
            push_impact(&mut out, &tree, 3, &format!("ui{i}"), impact);
        }
        for (d, del) in tree.orphan_deliverables.iter().enumerate() {
            push_deliverable(&mut out, 3, &format!("ud{d}"), del);
        }
    }
    out
}

fn push_impact(out: &mut String, tree: &Tree, depth: usize, id: &str, impact: &Impact) {
    let (open, close) = match impact.direction {
        ImpactDirection::Support => ("(", ")"),
        ImpactDirection::Obstruct => ("{{", "}}"),
    };
    let label = format!("{}: {}", direction_word(impact.direction), impact.behaviour);
    push_node(out, depth, id, open, &label, close);
    for (d, del) in tree.deliverables_of(&impact.id).into_iter().enumerate() {
        push_deliverable(out, depth + 1, &format!("{id}d{d}"), del);
    }
}

fn push_deliverable(out: &mut String, depth: usize, id: &str, del: &Deliverable) {
    let label = format!("{} [{}]", del.title, del.status.as_str());
    push_node(out, depth, id, "[", &label, "]");
}

fn push_node(out: &mut String, depth: usize, id: &str, open: &str, label: &str, close: &str) {
    out.push_str(&"  ".repeat(depth));
    out.push_str(id);
    out.push_str(open);
    out.push('"');
    out.push_str(&mermaid_label(label));
    out.push('"');
    out.push_str(close);
    out.push('\n');
}

/// Mermaid's quoted strings end at the next `"` and cannot span lines: quotes become the
/// `#quot;` entity Mermaid decodes, line breaks and control characters become spaces (Mermaid's
/// own escaper, [`super::mermaid::text`]).
fn mermaid_label(text: &str) -> String {
    let safe = super::mermaid::text(text);
    let collapsed = safe.split_whitespace().collect::<Vec<_>>().join(" ");
    let label = collapsed.replace('"', "#quot;");
    if label.is_empty() {
        "(untitled)".to_string()
    } else {
        label
    }
}

/// "52% of the way: 12000 → 21300 → 30000 members by 2024-06-30", as much of it as is known.
fn measure_line(m: &GoalMeasure) -> Option<String> {
    let unit = if m.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", m.unit)
    };
    let mut parts = Vec::new();
    if let Some(p) = m.progress() {
        parts.push(format!("{} of the way:", percent(p)));
    }
    match (m.baseline, m.current, m.target) {
        (Some(b), Some(c), Some(t)) => parts.push(format!(
            "{} → {} → {}{unit}",
            number(b),
            number(c),
            number(t)
        )),
        (Some(b), None, Some(t)) => parts.push(format!("{} → {}{unit}", number(b), number(t))),
        (_, _, Some(t)) => parts.push(format!("target {}{unit}", number(t))),
        _ => {}
    }
    if let Some(d) = &m.deadline {
        parts.push(format!("by {d}"));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

// ---------------------------------------------------------------- markdown

/// The outline as a standalone markdown document (the goal is the level-1 heading).
pub fn markdown(ws: &Workspace, map: &ImpactMap) -> String {
    markdown_at(ws, map, 1)
}

/// The outline with the goal at heading `level` (the workspace report nests it at 3).
pub fn markdown_at(ws: &Workspace, map: &ImpactMap, level: usize) -> String {
    let level = level.clamp(1, 5);
    let h = "#".repeat(level);
    let tree = Tree::new(map);
    let measure = goal_measure(ws, map);
    let mut out = String::new();

    out.push_str(&format!("{h} Goal: {}\n\n", inline(goal_title(map))));
    out.push_str(&format!(
        "Impact map {}\n\n",
        code(&format!("impact:{}", map.id))
    ));
    push_measure(&mut out, &measure);

    let counts: Vec<String> = STATUSES
        .iter()
        .map(|s| {
            let n = map.deliverables.iter().filter(|d| d.status == *s).count();
            format!("{n} {}", s.as_str())
        })
        .collect();
    out.push_str(&format!(
        "- **Deliverables:** {} in all: {}\n\n",
        map.deliverables.len(),
        counts.join(", ")
    ));

    for actor in &map.actors {
        let kind = if actor.kind.is_empty() {
            String::new()
        } else {
            format!(" ({})", inline(&actor.kind))
        };
        out.push_str(&format!("{h}# Actor: {}{kind}\n\n", inline(&actor.name)));
        if !actor.description.trim().is_empty() {
            out.push_str(&block(&actor.description));
            out.push_str("\n\n");
        }
        let mut any = false;
        for impact in tree.impacts_of(&actor.id) {
            push_impact_md(&mut out, &tree, impact);
            any = true;
        }
        if !any {
            out.push_str("- *No impacts yet.*\n");
        }
        out.push('\n');
    }
    if tree.has_orphans() {
        out.push_str(&format!("{h}# Not attached\n\n"));
        for impact in &tree.orphan_impacts {
            push_impact_md(&mut out, &tree, impact);
            out.push_str(&format!(
                "  - *actor {} does not exist*\n",
                code(&impact.actor)
            ));
        }
        for del in &tree.orphan_deliverables {
            out.push_str(&format!("- {}\n", deliverable_md(del)));
        }
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn push_measure(out: &mut String, m: &GoalMeasure) {
    match (&m.metric, &m.metric_missing) {
        (Some((name, id)), _) => out.push_str(&format!(
            "- **Measured by:** {} ({})\n",
            inline(name),
            code(&format!("metric:{id}"))
        )),
        (None, Some(r)) => out.push_str(&format!(
            "- **Measured by:** {} (*no such metric in the workspace*)\n",
            code(r)
        )),
        (None, None) => {}
    }
    let unit = if m.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", inline(&m.unit))
    };
    let figure = |v: Option<f64>| v.map(number).unwrap_or_else(|| "—".to_string());
    out.push_str(&format!(
        "- **Baseline:** {} · **Current:** {} · **Target:** {}{unit}",
        figure(m.baseline),
        figure(m.current),
        figure(m.target)
    ));
    if let Some(d) = &m.deadline {
        out.push_str(&format!(" · **Deadline:** {}", inline(d)));
    }
    out.push('\n');
    match m.progress() {
        Some(p) => out.push_str(&format!("- **Progress:** {} {}\n", bar(p), percent(p))),
        None => {
            out.push_str("- **Progress:** not measurable (baseline, current and target needed)\n")
        }
    }
}

fn push_impact_md(out: &mut String, tree: &Tree, impact: &Impact) {
    let word = match impact.direction {
        ImpactDirection::Support => "↑ **Supports:**",
        ImpactDirection::Obstruct => "↓ **Obstructs:**",
    };
    out.push_str(&format!("- {word} {}", inline(&impact.behaviour)));
    if let Some(m) = &impact.metric {
        out.push_str(&format!(" · measured by {}", code(&m.to_string())));
    }
    out.push('\n');
    let mut any = false;
    for del in tree.deliverables_of(&impact.id) {
        out.push_str(&format!("  - {}\n", deliverable_md(del)));
        any = true;
    }
    if !any {
        out.push_str("  - *No deliverables yet.*\n");
    }
}

fn deliverable_md(del: &Deliverable) -> String {
    let mut line = format!("{} — *{}*", inline(&del.title), del.status.as_str());
    if del.status == DeliverableStatus::Dropped {
        line = format!("~~{}~~ — *dropped*", inline(&del.title));
    }
    if !del.links.is_empty() {
        let links: Vec<String> = del.links.iter().map(|r| code(&r.to_string())).collect();
        line.push_str(&format!(" · {}", links.join(", ")));
    }
    line
}
