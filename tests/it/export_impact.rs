//! `wh export impact`: the Mermaid mindmap and the markdown outline.

use crate::support::model_fixture;
use crate::support::sample_dir;

use wheelhouse::interop::impact_export::{goal_measure, markdown, mermaid};
use wheelhouse::workspace::model::Workspace;

/// Checks the mindmap the way Mermaid's grammar reads it: `mindmap`, then one node per line,
/// indented by two spaces per level, `id` + opening shape + a quoted label + the matching close,
/// each level at most one deeper than the one before. Returns (depth, shape, label) per node.
fn parse_mindmap(text: &str) -> Vec<(usize, &'static str, String)> {
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("mindmap"), "first line");
    let shapes = [("((", "))"), ("{{", "}}"), ("(", ")"), ("[", "]")];
    let mut nodes = Vec::new();
    let mut prev_depth = 0;
    for line in lines {
        let indent = line.len() - line.trim_start_matches(' ').len();
        assert!(indent % 2 == 0 && indent >= 2, "odd indent: {line:?}");
        let depth = indent / 2;
        assert!(
            depth <= prev_depth + 1 || nodes.is_empty(),
            "jumps a level: {line:?}"
        );
        assert!(nodes.is_empty() || depth > 1, "a second root: {line:?}");
        prev_depth = depth;
        let rest = &line[indent..];
        let id_end = rest.find(['(', '[', '{']).expect("a shape");
        let id = &rest[..id_end];
        assert!(
            !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric()),
            "node id {id:?}"
        );
        let body = &rest[id_end..];
        let (open, close) = shapes
            .iter()
            .find(|(o, _)| body.starts_with(o))
            .expect("known shape");
        assert!(body.ends_with(close), "shape not closed: {line:?}");
        let quoted = &body[open.len()..body.len() - close.len()];
        assert!(
            quoted.starts_with('"') && quoted.ends_with('"'),
            "quoted: {line:?}"
        );
        let label = &quoted[1..quoted.len() - 1];
        assert!(
            !label.contains('"'),
            "a quote ends Mermaid's string early: {line:?}"
        );
        assert!(
            !label.chars().any(char::is_control),
            "control char: {line:?}"
        );
        nodes.push((depth, *open, label.to_string()));
    }
    nodes
}

fn fixture() -> Workspace {
    model_fixture::workspace()
}

#[test]
fn mermaid_is_a_mindmap_tree_of_goal_actors_impacts_deliverables() {
    let ws = fixture();
    let text = mermaid(&ws, &ws.impact_maps[0]);
    let nodes = parse_mindmap(&text);

    let (depth, shape, root) = &nodes[0];
    assert_eq!((*depth, *shape), (1, "(("));
    assert!(root.starts_with("Raise the number of active members 提升活躍會員數"));
    // Current comes from the metric's latest sample (21000): half way from 12000 to 30000.
    assert!(root.contains("50% of the way"), "{root}");
    assert!(
        root.contains("12000 → 21000 → 30000 members by 2024-06-30"),
        "{root}"
    );

    let actors: Vec<_> = nodes
        .iter()
        .filter(|n| n.0 == 2)
        .map(|n| n.2.as_str())
        .collect();
    assert_eq!(
        actors,
        [
            "Lapsed members (user)",
            "Rival clubs (competitor)",
            "Silent partners (partner)",
            "Not attached"
        ]
    );
    let support = nodes
        .iter()
        .find(|n| n.2 == "supports: come back every week")
        .expect("supporting impact");
    assert_eq!((support.0, support.1), (3, "("));
    let obstruct = nodes
        .iter()
        .find(|n| n.2.starts_with("obstructs: poach"))
        .expect("obstructing impact");
    assert_eq!((obstruct.0, obstruct.1), (3, "{{"));
    assert_eq!(
        obstruct.2,
        "obstructs: poach members with #quot;bonuses#quot; [sic]"
    );

    // A deliverable for two impacts sits under both; status shown with it.
    let points = nodes
        .iter()
        .filter(|n| n.2 == "Loyalty points [dropped]")
        .count();
    assert_eq!(points, 2);
    assert!(nodes
        .iter()
        .any(|n| n.0 == 4 && n.2 == "Weekly digest 每週精選 [shipped]"));
    // Nothing hidden: the impact without an actor and the deliverable without an impact.
    assert!(nodes
        .iter()
        .any(|n| n.2 == "supports: an impact without an actor"));
    assert!(nodes.iter().any(|n| n.2 == "Orphan deliverable [idea]"));
}

#[test]
fn mermaid_labels_cannot_break_out() {
    let mut ws = fixture();
    let map = &mut ws.impact_maps[0];
    map.actors[0].name = "Evil\u{1b}]0;pwned\u{7}\nname\"]".into();
    map.deliverables[0].title = "two\nlines".into();
    let text = mermaid(&ws, &ws.impact_maps[0]);
    let nodes = parse_mindmap(&text);
    assert!(nodes.iter().any(|n| n.2 == "two lines [shipped]"));
    assert!(!text.contains('\u{1b}'));
}

#[test]
fn markdown_outline_has_measure_progress_actors_impacts_and_deliverables() {
    let ws = fixture();
    let md = markdown(&ws, &ws.impact_maps[0]);
    for expected in [
        "# Goal: Raise the number of active members 提升活躍會員數\n",
        "Impact map `impact:grow-members`",
        "- **Measured by:** Weekly active members (`metric:weekly-active-members`)",
        "- **Baseline:** 12000 · **Current:** 21000 · **Target:** 30000 members · **Deadline:** 2024-06-30",
        "- **Progress:** ▰▰▰▰▰▱▱▱▱▱ 50%",
        "- **Deliverables:** 6 in all: 2 idea, 1 planned, 1 building, 1 shipped, 1 dropped",
        "## Actor: Lapsed members (user)",
        "- ↑ **Supports:** come back every week\n",
        "  - Weekly digest 每週精選 — *shipped* · `adr:2`, `map:serving/cdn`",
        "  - ~~Loyalty points~~ — *dropped*",
        "  - Welcome calls — *planned*",
        "- ↓ **Obstructs:** poach members with \"bonuses\" \\[sic\\]",
        "  - Fast pages — *building*",
        "## Actor: Silent partners (partner)\n\n- *No impacts yet.*",
        "## Not attached",
        "actor `no-such-actor` does not exist",
        "- Orphan deliverable — *idea*",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in\n{md}");
    }
    // File order is display order.
    let lapsed = md.find("Actor: Lapsed").unwrap();
    let rivals = md.find("Actor: Rival").unwrap();
    assert!(lapsed < rivals);
}

#[test]
fn goal_measured_in_place_or_not_at_all() {
    let mut ws = fixture();
    ws.metrics.clear();
    let m = goal_measure(&ws, &ws.impact_maps[0]);
    assert_eq!(
        m.metric_missing.as_deref(),
        Some("metric:weekly-active-members")
    );
    assert_eq!(m.progress(), None, "no current value without the metric");
    let md = markdown(&ws, &ws.impact_maps[0]);
    assert!(md.contains("*no such metric in the workspace*"), "{md}");
    assert!(md.contains("not measurable"), "{md}");

    let goal = &mut ws.impact_maps[0].goal;
    goal.metric = None;
    goal.current = Some(15000.0);
    let m = goal_measure(&ws, &ws.impact_maps[0]);
    assert_eq!(m.progress(), Some(3000.0 / 18000.0));
    let md = markdown(&ws, &ws.impact_maps[0]);
    assert!(md.contains("17%"), "{md}");
    assert!(!md.contains("Measured by"), "{md}");
}

// ---------------------------------------------------------------- end to end, on the sample

#[test]
fn cli_exports_every_sample_impact_map_as_mermaid() {
    let ws = Workspace::open(&sample_dir()).expect("sample loads");
    assert!(ws.impact_maps.len() >= 2, "the sample has two impact maps");
    for map in &ws.impact_maps {
        let out = wh(&["export", "impact", &map.id, "--format", "mermaid"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let nodes = parse_mindmap(&text);
        // goal + actors + impacts + one node per (impact, deliverable) pair; no orphans in the sample
        let pairs: usize = map.deliverables.iter().map(|d| d.impacts.len()).sum();
        assert_eq!(
            nodes.len(),
            1 + map.actors.len() + map.impacts.len() + pairs,
            "{text}"
        );
        assert!(nodes[0].2.starts_with(&map.goal.title));
        let obstructing = map
            .impacts
            .iter()
            .filter(|i| i.direction == wheelhouse::workspace::model::ImpactDirection::Obstruct)
            .count();
        assert_eq!(nodes.iter().filter(|n| n.1 == "{{").count(), obstructing);
    }
}

#[test]
fn cli_exports_the_sample_outline_with_every_deliverable() {
    let ws = Workspace::open(&sample_dir()).expect("sample loads");
    let map = ws.impact_map("grow-members").expect("grow-members");
    // `impact:ID` is accepted as well as the bare id.
    let out = wh(&[
        "export",
        "impact",
        "impact:grow-members",
        "--format",
        "markdown",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("- **Measured by:** Weekly active members"),
        "{md}"
    );
    assert!(md.contains("- **Progress:** "), "{md}");
    for actor in &map.actors {
        assert!(
            md.contains(&format!("## Actor: {}", actor.name)),
            "{}",
            actor.name
        );
    }
    for impact in &map.impacts {
        assert!(md.contains(&impact.behaviour), "{}", impact.behaviour);
    }
    for del in &map.deliverables {
        assert!(md.contains(&del.title), "{}", del.title);
    }
    for status in [
        "*idea*",
        "*planned*",
        "*building*",
        "*shipped*",
        "*dropped*",
    ] {
        assert!(
            md.contains(status),
            "the sample uses every status: {status}"
        );
    }
}

#[test]
fn cli_names_the_maps_when_the_id_is_unknown() {
    let out = wh(&["export", "impact", "no-such-map", "--format", "markdown"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no impact map `no-such-map`"), "{err}");
    assert!(err.contains("grow-members"), "{err}");
    assert!(out.stdout.is_empty());
}

fn wh(args: &[&str]) -> std::process::Output {
    crate::support::wh_at(&sample_dir(), args)
}
