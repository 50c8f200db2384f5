//! The workspace report (`wh export workspace --format markdown [-o DIR]`): the whole workspace
//! as one markdown document for people who will never open a terminal, plus each Wardley map as
//! an SVG picture beside it.
//!
//! Every figure the cockpit derives is derived here the same way, from the model's methods
//! (metric progress, activity ratio, rolled %C/A); nothing is stored.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

use crate::workspace::model::{
    stage_of, Adr, AdrStatus, Component, Hml, Metric, MetricKind, PhaseId, PhaseStatus, Risk,
    ValueStream, WardleyMap, Waste, Workspace,
};
use crate::workspace::reference::Reference;
use crate::workspace::Severity;

use super::impact_export;
use super::markdown_text::{bar, block, code, inline, number, percent, percent1};
use super::svg;

/// The report's file name inside the output folder.
pub const REPORT_FILE: &str = "report.md";

/// A file the report refers to, to be written beside it.
#[derive(Debug, Clone)]
pub struct Picture {
    /// Relative to the output folder, `/` separated (`maps/serving.svg`).
    pub path: PathBuf,
    pub contents: String,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub markdown: String,
    /// Empty unless pictures were asked for.
    pub pictures: Vec<Picture>,
}

impl Report {
    /// Every file of the report, the markdown first, as (relative path, contents).
    pub fn files(&self) -> Vec<(PathBuf, &str)> {
        let mut files = vec![(PathBuf::from(REPORT_FILE), self.markdown.as_str())];
        files.extend(
            self.pictures
                .iter()
                .map(|p| (p.path.clone(), p.contents.as_str())),
        );
        files
    }
}

/// Builds the report. With `pictures`, each Wardley map is drawn as SVG and the markdown shows it;
/// without (printing to stdout), the maps are described by their component tables only.
pub fn build(ws: &Workspace, pictures: bool) -> Report {
    let mut pics = Vec::new();
    let mut md = String::new();
    header(&mut md, ws);
    flywheel(&mut md, ws);
    reviews(&mut md, ws);
    metrics(&mut md, ws);
    value_streams(&mut md, ws);
    pillars(&mut md, ws);
    scenarios(&mut md, ws);
    impact_maps(&mut md, ws);
    wardley_maps(&mut md, ws, pictures.then_some(&mut pics));
    decisions(&mut md, ws);
    problems(&mut md, ws);
    md.truncate(md.trim_end().len());
    md.push('\n');
    Report {
        markdown: md,
        pictures: pics,
    }
}

const SECTIONS: [(&str, &str); 10] = [
    ("Flywheel", "flywheel"),
    ("Flywheel reviews", "flywheel-reviews"),
    ("Metrics", "metrics"),
    ("Value streams", "value-streams"),
    ("Well-Architected pillars", "well-architected-pillars"),
    ("Quality scenarios", "quality-scenarios"),
    ("Impact maps", "impact-maps"),
    ("Wardley maps", "wardley-maps"),
    ("Decisions", "decisions"),
    ("Problems", "problems"),
];

fn header(md: &mut String, ws: &Workspace) {
    let name = if ws.meta.name.trim().is_empty() {
        "Workspace"
    } else {
        ws.meta.name.as_str()
    };
    md.push_str(&format!("# {}\n\n", inline(name)));
    if !ws.meta.description.trim().is_empty() {
        md.push_str(&block(&ws.meta.description));
        md.push_str("\n\n");
    }
    md.push_str("Strategy report written by `wh export workspace`: ");
    let counts = [
        count(ws.phases.len(), "phase", "phases"),
        count(ws.metrics.len(), "metric", "metrics"),
        count(ws.value_streams.len(), "value stream", "value streams"),
        count(ws.impact_maps.len(), "impact map", "impact maps"),
        count(ws.maps.len(), "Wardley map", "Wardley maps"),
        count(ws.decisions.len(), "decision", "decisions"),
    ];
    md.push_str(&counts.join(", "));
    md.push_str(".\n\n");
    for (title, anchor) in SECTIONS {
        md.push_str(&format!("- [{title}](#{anchor})\n"));
    }
    md.push('\n');
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn section(md: &mut String, index: usize) {
    md.push_str(&format!("## {}\n\n", SECTIONS[index].0));
}

fn none(md: &mut String, what: &str) {
    md.push_str(&format!("*No {what} recorded.*\n\n"));
}

fn refs(list: &[Reference]) -> String {
    list.iter()
        .map(|r| code(&r.to_string()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn bullets(md: &mut String, title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    md.push_str(&format!("**{title}**\n\n"));
    for item in items {
        md.push_str(&format!("- {}\n", inline(item)));
    }
    md.push('\n');
}

fn phase_status(s: PhaseStatus) -> &'static str {
    match s {
        PhaseStatus::NotStarted => "not started",
        PhaseStatus::InProgress => "in progress",
        PhaseStatus::Healthy => "healthy",
        PhaseStatus::AtRisk => "at risk",
    }
}

// ---------------------------------------------------------------- flywheel

fn flywheel(md: &mut String, ws: &Workspace) {
    section(md, 0);
    if ws.phases.is_empty() {
        none(md, "flywheel phases");
        return;
    }
    let latest = ws.reviews.iter().max_by(|a, b| a.date.cmp(&b.date));
    for (n, phase) in ws.phases.iter().enumerate() {
        md.push_str(&format!(
            "### Phase {}: {}\n\n",
            n + 1,
            inline(&phase.title)
        ));
        md.push_str(&format!(
            "**Persona:** {} · **Status:** {} · {}\n\n",
            inline(&phase.persona),
            phase_status(phase.status),
            code(&format!("phase:{}", phase.id.key()))
        ));
        if !phase.summary.trim().is_empty() {
            md.push_str(&block(&phase.summary));
            md.push_str("\n\n");
        }
        bullets(md, "Challenges", &phase.challenges);
        bullets(md, "Next moves", &phase.moves);
        md.push_str("**Tenets**");
        let scores = latest.and_then(|r| r.scores.get(&phase.id).map(|s| (r, s)));
        if let Some((review, _)) = scores {
            md.push_str(&format!(
                " (scores 0–3 from review {}, {})",
                code(&format!("review:{}", review.id)),
                inline(&review.date)
            ));
        }
        md.push_str("\n\n");
        for (t, tenet) in phase.tenets.iter().enumerate() {
            md.push_str(&format!("{}. {}", t + 1, inline(tenet)));
            if let Some(score) = scores.and_then(|(_, s)| s.get(t)) {
                md.push_str(&format!(" — **{score}/3**"));
            }
            md.push('\n');
        }
        md.push('\n');
        if !phase.links.is_empty() {
            md.push_str(&format!("**Links:** {}\n\n", refs(&phase.links)));
        }
    }
}

fn reviews(md: &mut String, ws: &Workspace) {
    section(md, 1);
    if ws.reviews.is_empty() {
        none(md, "flywheel reviews");
        return;
    }
    let mut sorted: Vec<_> = ws.reviews.iter().collect();
    sorted.sort_by(|a, b| a.date.cmp(&b.date));
    md.push_str("Scores are 0–3 per tenet, three tenets per phase.\n\n");
    md.push_str("| Review | Date | Facilitator |");
    for p in PhaseId::ALL {
        md.push_str(&format!(" {} |", inline(p.default_title())));
    }
    md.push_str(" Total |\n|---|---|---|");
    for _ in PhaseId::ALL {
        md.push_str("---|");
    }
    md.push_str("---|\n");
    for r in &sorted {
        md.push_str(&format!(
            "| {} | {} | {} |",
            code(&r.id),
            inline(&r.date),
            inline(&r.facilitator)
        ));
        let (mut total, mut max) = (0u32, 0u32);
        for p in PhaseId::ALL {
            match r.scores.get(&p) {
                Some(s) => {
                    let sum: u32 = s.iter().map(|v| u32::from(*v)).sum();
                    total += sum;
                    max += 3 * s.len() as u32;
                    let each: Vec<String> = s.iter().map(u8::to_string).collect();
                    md.push_str(&format!(" {} ({sum}/{}) |", each.join("·"), 3 * s.len()));
                }
                None => md.push_str(" — |"),
            }
        }
        md.push_str(&format!(" {total}/{max} |\n"));
    }
    md.push('\n');
    for r in &sorted {
        if r.actions.is_empty() && r.notes.trim().is_empty() {
            continue;
        }
        md.push_str(&format!(
            "### Review {} ({})\n\n",
            inline(&r.id),
            inline(&r.date)
        ));
        if !r.notes.trim().is_empty() {
            md.push_str(&block(&r.notes));
            md.push_str("\n\n");
        }
        bullets(md, "Actions", &r.actions);
    }
}

// ---------------------------------------------------------------- metrics

fn kind_word(k: MetricKind) -> &'static str {
    match k {
        MetricKind::NorthStar => "north star",
        MetricKind::Input => "input",
        MetricKind::Business => "business",
        MetricKind::Guardrail => "guardrail",
    }
}

fn kind_rank(k: MetricKind) -> u8 {
    match k {
        MetricKind::NorthStar => 0,
        MetricKind::Input => 1,
        MetricKind::Business => 2,
        MetricKind::Guardrail => 3,
    }
}

fn metrics(md: &mut String, ws: &Workspace) {
    section(md, 2);
    if ws.metrics.is_empty() {
        none(md, "metrics");
        return;
    }
    let mut sorted: Vec<&Metric> = ws.metrics.iter().collect();
    sorted.sort_by_key(|m| kind_rank(m.kind));

    md.push_str("| Metric | Kind | Baseline | Current | Target | Due | Progress | Feeds |\n");
    md.push_str("|---|---|---|---|---|---|---|---|\n");
    for m in &sorted {
        let indicator = match m.indicator {
            Some(crate::workspace::model::Indicator::Leading) => ", leading",
            Some(crate::workspace::model::Indicator::Lagging) => ", lagging",
            None => "",
        };
        let arrow = match m.direction {
            crate::workspace::model::Direction::Up => "↑",
            crate::workspace::model::Direction::Down => "↓",
        };
        let fig = |v: Option<f64>| v.map(number).unwrap_or_else(|| "—".into());
        let progress = m
            .progress()
            .map(|p| format!("{} {}", bar(p), percent(p)))
            .unwrap_or_else(|| "—".into());
        md.push_str(&format!(
            "| {} {} ({}) | {}{} | {} | {} | {} | {} | {} | {} |\n",
            arrow,
            inline(&m.name),
            inline(&m.unit),
            kind_word(m.kind),
            indicator,
            fig(m.baseline),
            fig(m.current()),
            fig(m.target),
            m.due.as_deref().map(inline).unwrap_or_else(|| "—".into()),
            progress,
            m.drives
                .as_ref()
                .map(|r| code(&r.to_string()))
                .unwrap_or_default()
        ));
    }
    md.push('\n');

    md.push_str("### Metric tree\n\nEach metric under the one it feeds.\n\n");
    // Who drives each metric, grouped once (in workspace order): a 10,000-long chain must not
    // cost a scan of every metric per level.
    let ids: HashSet<&str> = ws.metrics.iter().map(|m| m.id.as_str()).collect();
    let mut drivers: HashMap<&str, Vec<&Metric>> = HashMap::new();
    for c in &ws.metrics {
        if let Some(r) = &c.drives {
            if r.doc != c.id {
                drivers.entry(r.doc.as_str()).or_default().push(c);
            }
        }
    }
    let mut seen = BTreeSet::new();
    let roots: Vec<&Metric> = sorted
        .iter()
        .copied()
        .filter(|m| match &m.drives {
            Some(r) => !ids.contains(r.doc.as_str()),
            None => true,
        })
        .collect();
    for root in roots {
        metric_tree(md, &drivers, root, &mut seen);
    }
    // Metrics caught in a `drives` cycle have no root; show them rather than drop them.
    for m in &sorted {
        if !seen.contains(m.id.as_str()) {
            metric_tree(md, &drivers, m, &mut seen);
        }
    }
    md.push('\n');

    md.push_str("### Samples\n\n");
    for m in &sorted {
        md.push_str(&format!(
            "- **{}** {}",
            inline(&m.name),
            code(&format!("metric:{}", m.id))
        ));
        if !m.description.trim().is_empty() {
            md.push_str(&format!(": {}", inline(&m.description)));
        }
        md.push('\n');
        if !m.samples.is_empty() {
            let mut samples: Vec<_> = m.samples.iter().collect();
            samples.sort_by(|a, b| a.date.cmp(&b.date));
            let line: Vec<String> = samples
                .iter()
                .map(|s| format!("{} {}", inline(&s.date), number(s.value)))
                .collect();
            md.push_str(&format!("  - {}\n", line.join(" · ")));
        }
    }
    md.push('\n');
}

/// Nesting shown by indentation; deeper levels are written at this one with their level number,
/// so a 10,000-long chain stays a linear amount of text.
const TREE_INDENT_LEVELS: usize = 12;

/// The tree under `top`, depth first with an explicit stack (a chain of 10,000 metrics would
/// overflow the call stack as recursion).
fn metric_tree<'a>(
    md: &mut String,
    drivers: &HashMap<&str, Vec<&'a Metric>>,
    top: &'a Metric,
    seen: &mut BTreeSet<&'a str>,
) {
    let mut stack = vec![(top, 0usize)];
    while let Some((m, depth)) = stack.pop() {
        if !seen.insert(m.id.as_str()) {
            continue;
        }
        let level = if depth > TREE_INDENT_LEVELS {
            format!("(level {}) ", depth + 1)
        } else {
            String::new()
        };
        md.push_str(&format!(
            "{}- {level}{} ({}){}\n",
            "  ".repeat(depth.min(TREE_INDENT_LEVELS)),
            inline(&m.name),
            kind_word(m.kind),
            m.progress()
                .map(|p| format!(": {}", percent(p)))
                .unwrap_or_default()
        ));
        if let Some(children) = drivers.get(m.id.as_str()) {
            // reversed onto the stack, so they come off in workspace order
            stack.extend(children.iter().rev().map(|&c| (c, depth + 1)));
        }
    }
}

// ---------------------------------------------------------------- value streams

fn waste_letters(wastes: &[Waste]) -> String {
    if wastes.is_empty() {
        return String::new();
    }
    let letters: String = wastes.iter().map(|w| w.letter()).collect();
    let names: Vec<&str> = wastes.iter().map(|w| w.key()).collect();
    format!("{letters} ({})", names.join(", "))
}

fn value_streams(md: &mut String, ws: &Workspace) {
    section(md, 3);
    if ws.value_streams.is_empty() {
        none(md, "value streams");
        return;
    }
    for vs in &ws.value_streams {
        value_stream(md, vs);
    }
}

fn value_stream(md: &mut String, vs: &ValueStream) {
    md.push_str(&format!(
        "### {} {}\n\n",
        inline(&vs.name),
        code(&format!("value-stream:{}", vs.id))
    ));
    if !vs.description.trim().is_empty() {
        md.push_str(&block(&vs.description));
        md.push_str("\n\n");
    }
    let unit = if vs.unit.is_empty() {
        String::new()
    } else {
        format!(" ({})", inline(&vs.unit))
    };
    md.push_str(&format!(
        "| Step | PT{unit} | LT{unit} | %C/A | Waste (DOWNTIME) |\n|---|---:|---:|---:|---|\n"
    ));
    for s in &vs.steps {
        md.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            inline(&s.name),
            number(s.pt),
            number(s.lt),
            percent(s.ca),
            waste_letters(&s.waste)
        ));
    }
    md.push_str(&format!(
        "| **Total** | **{}** | **{}** | | |\n\n",
        number(vs.total_pt()),
        number(vs.total_lt())
    ));
    match vs.activity_ratio() {
        Some(r) => md.push_str(&format!(
            "- **Activity ratio:** {} (ΣPT {} ÷ ΣLT {}); the work waits {} of the time\n",
            percent1(r),
            number(vs.total_pt()),
            number(vs.total_lt()),
            percent1(1.0 - r)
        )),
        None => md.push_str("- **Activity ratio:** — (no lead time)\n"),
    }
    match vs.rolled_ca() {
        Some(r) => md.push_str(&format!(
            "- **Rolled %C/A:** {}: the chance a piece of work passes end to end with no rework\n",
            percent1(r)
        )),
        None => md.push_str("- **Rolled %C/A:** — (no steps)\n"),
    }
    let tally: Vec<String> = Waste::ALL
        .iter()
        .filter_map(|w| {
            let n = vs.steps.iter().filter(|s| s.waste.contains(w)).count();
            (n > 0).then(|| format!("{} {} ({n})", w.letter(), w.key()))
        })
        .collect();
    if !tally.is_empty() {
        md.push_str(&format!("- **Wastes, by steps:** {}\n", tally.join(", ")));
    }
    if !vs.links.is_empty() {
        md.push_str(&format!("- **Links:** {}\n", refs(&vs.links)));
    }
    md.push('\n');
}

// ---------------------------------------------------------------- pillars and scenarios

fn risk_word(r: Risk) -> &'static str {
    match r {
        Risk::None => "none",
        Risk::Medium => "medium",
        Risk::High => "**high**",
        Risk::Unanswered => "*unanswered*",
    }
}

fn pillars(md: &mut String, ws: &Workspace) {
    section(md, 4);
    if ws.pillars.is_empty() {
        none(md, "Well-Architected pillars");
        return;
    }
    let count = |r: Risk| ws.pillars.iter().filter(|p| p.risk == r).count();
    md.push_str(&format!(
        "{} high risk, {} medium, {} none, {} unanswered.\n\n",
        count(Risk::High),
        count(Risk::Medium),
        count(Risk::None),
        count(Risk::Unanswered)
    ));
    md.push_str("| Pillar | Risk | Notes | Actions | Links |\n|---|---|---|---|---|\n");
    for p in &ws.pillars {
        let actions: Vec<String> = p.actions.iter().map(|a| inline(a)).collect();
        md.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            inline(&p.name),
            risk_word(p.risk),
            inline(&p.notes),
            actions.join("; "),
            refs(&p.links)
        ));
    }
    md.push('\n');
}

fn hml(v: Option<Hml>) -> &'static str {
    match v {
        Some(Hml::H) => "H",
        Some(Hml::M) => "M",
        Some(Hml::L) => "L",
        None => "?",
    }
}

fn scenarios(md: &mut String, ws: &Workspace) {
    section(md, 5);
    if ws.scenarios.is_empty() {
        none(md, "quality scenarios");
        return;
    }
    // The utility tree's order: (H,H) first; unrated last.
    let rank = |v: Option<Hml>| v.map(|h| h as u8).unwrap_or(3);
    let mut sorted: Vec<_> = ws.scenarios.iter().collect();
    sorted.sort_by_key(|s| (rank(s.importance), rank(s.difficulty)));
    md.push_str("Ordered as a utility tree is read: importance, then difficulty; (H,H) first.\n\n");
    md.push_str("| (I,D) | Scenario | Attribute | Measure |\n|---|---|---|---|\n");
    for s in &sorted {
        let attribute = if s.refinement.trim().is_empty() {
            inline(&s.attribute)
        } else {
            format!("{} / {}", inline(&s.attribute), inline(&s.refinement))
        };
        md.push_str(&format!(
            "| ({},{}) | {} | {} | {} |\n",
            hml(s.importance),
            hml(s.difficulty),
            inline(&s.name),
            attribute,
            inline(&s.measure)
        ));
    }
    md.push('\n');
    for s in &sorted {
        md.push_str(&format!(
            "### {} {}\n\n",
            inline(&s.name),
            code(&format!("scenario:{}", s.id))
        ));
        for (label, value) in [
            ("Source", &s.source),
            ("Stimulus", &s.stimulus),
            ("Environment", &s.environment),
            ("Artifact", &s.artifact),
            ("Response", &s.response),
            ("Response measure", &s.measure),
        ] {
            if !value.trim().is_empty() {
                md.push_str(&format!("- **{label}:** {}\n", inline(value)));
            }
        }
        if !s.links.is_empty() {
            md.push_str(&format!("- **Links:** {}\n", refs(&s.links)));
        }
        md.push('\n');
    }
}

// ---------------------------------------------------------------- impact maps and Wardley maps

fn impact_maps(md: &mut String, ws: &Workspace) {
    section(md, 6);
    if ws.impact_maps.is_empty() {
        none(md, "impact maps");
        return;
    }
    for map in &ws.impact_maps {
        md.push_str(&impact_export::markdown_at(ws, map, 3));
        md.push_str("\n```mermaid\n");
        md.push_str(&impact_export::mermaid(ws, map));
        md.push_str("```\n\n");
    }
}

/// The SVG picture of a map, in the map's own style (print unless it asks for `dark`).
fn map_picture(map: &WardleyMap) -> Option<String> {
    Some(svg::render_map(map, &svg::SvgStyle::for_map(map)))
}

fn wardley_maps(md: &mut String, ws: &Workspace, mut pictures: Option<&mut Vec<Picture>>) {
    section(md, 7);
    if ws.maps.is_empty() {
        none(md, "Wardley maps");
        return;
    }
    for map in &ws.maps {
        let title = if map.title.trim().is_empty() {
            map.id.as_str()
        } else {
            map.title.as_str()
        };
        md.push_str(&format!(
            "### {} {}\n\n",
            inline(title),
            code(&format!("map:{}", map.id))
        ));
        if !map.description.trim().is_empty() {
            md.push_str(&block(&map.description));
            md.push_str("\n\n");
        }
        if let Some(pics) = pictures.as_deref_mut() {
            if let Some(svg) = map_picture(map) {
                let path = PathBuf::from(format!("maps/{}.svg", map.id));
                md.push_str(&format!("![{}](maps/{}.svg)\n\n", inline(title), map.id));
                pics.push(Picture {
                    path,
                    contents: svg,
                });
            }
        }
        // hashed once per map: per-component scans are quadratic on 100,000 components
        let piped: HashSet<&str> = map.pipelines.iter().map(|p| p.component.as_str()).collect();
        let mut by_id: HashMap<&str, &Component> = HashMap::new();
        for c in &map.components {
            by_id.entry(c.id.as_str()).or_insert(c);
        }
        md.push_str("| Component | Visibility | Evolution | Stage | |\n|---|---:|---:|---|---|\n");
        for c in &map.components {
            let mut marks = Vec::new();
            match c.kind {
                crate::workspace::model::ComponentKind::Anchor => marks.push("anchor".to_string()),
                crate::workspace::model::ComponentKind::Submap => marks.push("submap".to_string()),
                crate::workspace::model::ComponentKind::Component => {}
            }
            if c.inertia {
                marks.push("inertia".into());
            }
            if let Some(e) = c.evolve {
                marks.push(format!("evolves to {}", number(e)));
            }
            if let Some(p) = &c.pipeline {
                marks.push(format!("in pipeline {}", code(p)));
            }
            if piped.contains(c.id.as_str()) {
                marks.push("pipeline".into());
            }
            let stage = map.stages[stage_of(c.evolution).min(3)].as_str();
            md.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                inline(&c.name),
                number(c.visibility),
                number(c.evolution),
                inline(stage),
                marks.join(", ")
            ));
        }
        md.push('\n');
        let needs: Vec<String> = map
            .components
            .iter()
            .filter(|c| !c.needs.is_empty())
            .map(|c| {
                let to: Vec<String> = c
                    .needs
                    .iter()
                    .map(|n| {
                        by_id
                            .get(n.to.as_str())
                            .map(|t| inline(&t.name))
                            .unwrap_or_else(|| code(&n.to))
                    })
                    .collect();
                format!("- {} needs {}\n", inline(&c.name), to.join(", "))
            })
            .collect();
        if !needs.is_empty() {
            md.push_str("**Value chain**\n\n");
            md.push_str(&needs.concat());
            md.push('\n');
        }
        let mut notes: Vec<String> = map.notes.iter().map(|n| inline(&n.text)).collect();
        notes.extend(
            map.components
                .iter()
                .filter(|c| !c.note.trim().is_empty())
                .map(|c| format!("{}: {}", inline(&c.name), inline(&c.note))),
        );
        if !notes.is_empty() {
            md.push_str("**Notes**\n\n");
            for n in notes {
                md.push_str(&format!("- {n}\n"));
            }
            md.push('\n');
        }
        if !map.annotations.is_empty() {
            md.push_str("**Annotations**\n\n");
            for a in &map.annotations {
                md.push_str(&format!("{}. {}\n", a.number, inline(&a.text)));
            }
            md.push('\n');
        }
    }
}

// ---------------------------------------------------------------- decisions and problems

fn decisions(md: &mut String, ws: &Workspace) {
    section(md, 8);
    if ws.decisions.is_empty() {
        none(md, "decisions");
        return;
    }
    let counts: Vec<String> = AdrStatus::LIFECYCLE
        .into_iter()
        .chain([AdrStatus::Unknown])
        .filter_map(|s| {
            let n = ws.decisions.iter().filter(|a| a.status == s).count();
            (n > 0).then(|| format!("{n} {}", s.key()))
        })
        .collect();
    md.push_str(&format!(
        "{}: {}.\n\n",
        count(ws.decisions.len(), "record", "records"),
        counts.join(", ")
    ));
    md.push_str("| # | Title | Status | Date | Tags | Supersedes | Superseded by |\n");
    md.push_str("|---:|---|---|---|---|---|---|\n");
    for adr in &ws.decisions {
        md.push_str(&format!(
            "| {:04} | {} | {} | {} | {} | {} | {} |\n",
            adr.number,
            inline(&adr.title),
            adr_status(adr),
            adr.date
                .as_deref()
                .map(inline)
                .unwrap_or_else(|| "—".into()),
            adr.tags
                .iter()
                .map(|t| inline(t))
                .collect::<Vec<_>>()
                .join(", "),
            refs(&adr.supersedes),
            refs(&adr.superseded_by)
        ));
    }
    md.push('\n');
}

fn adr_status(adr: &Adr) -> String {
    match (&adr.status, &adr.status_text) {
        (AdrStatus::Superseded | AdrStatus::Deprecated | AdrStatus::Rejected, _) => {
            format!("*{}*", adr.status.key())
        }
        (AdrStatus::Unknown, Some(text)) => format!("unknown (“{}”)", inline(text)),
        _ => adr.status.key().to_string(),
    }
}

fn problems(md: &mut String, ws: &Workspace) {
    section(md, 9);
    if ws.diagnostics.is_empty() {
        md.push_str("`wh check` finds no problems in this workspace.\n\n");
        return;
    }
    let errors = ws
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    md.push_str(&format!(
        "`wh check` finds {} and {}; parts of this report may be missing because of them.\n\n```text\n",
        count(errors, "error", "errors"),
        count(ws.diagnostics.len() - errors, "warning", "warnings")
    ));
    for d in &ws.diagnostics {
        md.push_str(&block(&d.to_string().replace('\n', " ")).replace("```", "'''"));
        md.push('\n');
    }
    md.push_str("```\n\n");
}
