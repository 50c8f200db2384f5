//! Scale regressions (issue 13, items 6, 7, 8, 10): each input had work quadratic in its size
//! (or recursion as deep as it). These tests are not timed: they check, at sizes where the
//! quadratic took minutes, that the work completes with the right answer, that what is written
//! stays linear in size, and, where the code counts its steps, that the count is linear.
//! The figures are in docs/benchmarks.md (benches/scale.rs).

use std::path::Path;

use crate::support::scale_inputs;
use scale_inputs::*;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use wheelhouse::interop::{mermaid, owm, report, svg};
use wheelhouse::tui::panes::flywheel::FlywheelPane;
use wheelhouse::tui::panes::landscape::LandscapePane;
use wheelhouse::tui::panes::{Ctx, Pane};
use wheelhouse::tui::theme::Theme;
use wheelhouse::workspace::discover::discover;
use wheelhouse::workspace::links::LinkIndex;
use wheelhouse::workspace::load::load;
use wheelhouse::workspace::Workspace;

fn loaded(files: &[(&str, String)]) -> Workspace {
    let dir = workspace_dir(files);
    load(&discover(dir.path()).expect("workspace"))
}

fn frame<P: Pane>(ws: &Workspace, mut pane: P) -> String {
    let links = LinkIndex::build(ws);
    let theme = Theme::default();
    let ctx = Ctx {
        ws,
        links: &links,
        theme: &theme,
    };
    let area = Rect::new(0, 0, 120, 40);
    let mut buf = Buffer::empty(area);
    pane.render(area, &mut buf, &ctx);
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

// ---- item 6: a chain of metrics, each driving the next

#[test]
fn a_10000_metric_chain_checks_clean_and_draws() {
    let n = 10_000;
    let ws = loaded(&[("wheelhouse.toml", metric_chain(n))]);
    assert_eq!(ws.metrics.len(), n);
    assert!(
        ws.diagnostics.is_empty(),
        "{:?}",
        ws.diagnostics.first().map(ToString::to_string)
    );
    // the pane resolves each `drives` through the index; a 10,000-deep walk would overflow
    let text = frame(&ws, FlywheelPane::new(&ws));
    assert!(text.contains("Metric 0"), "{text}");
    assert!(text.contains("drives → metric:m1"), "{text}");
}

#[test]
fn a_cycle_at_the_end_of_a_long_chain_flags_exactly_its_members() {
    // m0 → … → m9999 → m5000: the last 5,000 metrics form the cycle, the first 5,000 feed it
    let n = 10_000;
    let mut root = metric_chain(n);
    root.push_str("drives = \"metric:m5000\"\n");
    let ws = loaded(&[("wheelhouse.toml", root)]);
    let flagged: Vec<&str> = ws
        .diagnostics
        .iter()
        .filter(|d| d.code == "drives-cycle")
        .filter_map(|d| d.target.as_ref().map(|r| r.doc.as_str()))
        .collect();
    assert_eq!(flagged.len(), 5_000);
    assert_eq!(flagged.first(), Some(&"m5000"));
    assert_eq!(flagged.last(), Some(&"m9999"));
}

#[test]
fn the_report_writes_a_long_metric_chain_in_linear_space() {
    let n = 10_000;
    let ws = loaded(&[("wheelhouse.toml", metric_chain(n))]);
    let md = report::build(&ws, false).markdown;
    let tree: Vec<&str> = md
        .split("### Metric tree")
        .nth(1)
        .and_then(|s| s.split("### Samples").next())
        .expect("a metric tree section")
        .lines()
        .filter(|l| l.trim_start().starts_with("- "))
        .collect();
    assert_eq!(tree.len(), n, "every metric once");
    // The root is the metric nothing is driven by: the end of the chain.
    assert!(tree[0].starts_with("- Metric 9999 "), "{}", tree[0]);
    // Indentation stops growing (it was 2 × depth: 100 MB of spaces for this chain).
    let widest = tree.iter().map(|l| l.len()).max().unwrap_or(0);
    assert!(widest < 80, "a tree line of {widest} bytes");
    assert!(
        tree[n - 1].contains("(level 10000) Metric 0 "),
        "{}",
        tree[n - 1]
    );
}

// ---- item 7: large maps

#[test]
fn a_map_of_20000_linked_components_checks_exports_and_draws() {
    let n = 20_000;
    let ws = loaded(&[
        ("wheelhouse.toml", ROOT.into()),
        ("maps/big.toml", linked_map(n)),
    ]);
    assert!(
        ws.diagnostics.is_empty(),
        "{:?}",
        ws.diagnostics.first().map(ToString::to_string)
    );
    let map = &ws.maps[0];
    assert_eq!(map.components.len(), n);
    assert_eq!(map.pipelines.len(), n / 100 - 1);

    let picture = svg::render_map(map, &svg::SvgStyle::print());
    assert_eq!(
        picture.matches("<tspan>Component ").count(),
        n,
        "one label each"
    );
    assert!(picture.trim_end().ends_with("</svg>"));
    assert_eq!(picture.matches(r#"class="pipeline""#).count(), n / 100 - 1);

    let text = owm::write::write(map);
    // pipeline children are written inside their pipeline's block, indented
    assert_eq!(text.matches("component Component ").count(), n);
    assert!(mermaid::render(map).matches("component ").count() >= n);

    let with_pictures = report::build(&ws, true);
    assert_eq!(with_pictures.pictures.len(), 1);
    assert!(with_pictures
        .markdown
        .contains("- Component 19998 needs Component 19999\n"));

    let text = frame(&ws, LandscapePane::new(&ws));
    assert!(!text.trim().is_empty());
}

#[test]
fn a_map_written_on_one_line_places_every_component_at_its_column() {
    // Every component's column was counted from the start of the line: quadratic on one line.
    let n = 50_000;
    let comps: Vec<String> = (0..n)
        .map(|i| format!("c{i} = {{ name = \"C {i}\", visibility = 0.5, evolution = 0.5 }}"))
        .collect();
    let line = format!("component = {{ {} }}", comps.join(", "));
    let text = format!("map = {{ title = \"One line\" }}\n{line}\n");
    let ws = loaded(&[("wheelhouse.toml", ROOT.into()), ("maps/one.toml", text)]);
    assert!(ws.diagnostics.is_empty(), "{:?}", ws.diagnostics.first());
    let last = ws.maps[0].components.last().expect("components");
    let expected = line.find(&format!(" c{} = ", n - 1)).expect("the last key") + 2;
    assert_eq!((last.origin.line, last.origin.col), (2, expected as u32));
}

#[test]
fn dangling_needs_by_the_thousand_are_each_reported_and_only_the_first_get_a_hint() {
    // 5,000 components, each needing a missing one: each message used to scan every id twice
    let mut t = String::from("[map]\ntitle = \"Dangling\"\n");
    for i in 0..5_000 {
        t.push_str(&format!(
            "[component.c{i}]\nname = \"C {i}\"\nvisibility = 0.5\nevolution = 0.5\n\
             needs = [\"c{i}x\"]\nlinks = [\"map:dangling/c{i}y\"]\n"
        ));
    }
    let ws = loaded(&[("wheelhouse.toml", ROOT.into()), ("maps/dangling.toml", t)]);
    let dangling: Vec<String> = ws
        .diagnostics
        .iter()
        .filter(|d| d.code == "dangling-reference")
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(dangling.len(), 10_000, "one per need and one per link");
    let hinted = dangling
        .iter()
        .filter(|m| m.contains("did you mean"))
        .count();
    assert!((1..=200).contains(&hinted), "{hinted} hints");
}

#[test]
fn a_large_impact_map_exports_every_deliverable_under_each_of_its_impacts() {
    // each impact scanned every deliverable, each actor every impact
    let n = 20_000;
    let ws = loaded(&[
        ("wheelhouse.toml", ROOT.into()),
        ("impact/big.toml", big_impact_map(n)),
    ]);
    assert!(
        ws.diagnostics.is_empty(),
        "{:?}",
        ws.diagnostics.first().map(ToString::to_string)
    );
    let map = &ws.impact_maps[0];
    let md = wheelhouse::interop::impact_export::markdown(&ws, map);
    // every deliverable serves two impacts, so it is listed twice
    assert_eq!(md.matches("Deliverable ").count(), 2 * n, "{}", &md[..400]);
    let mermaid = wheelhouse::interop::impact_export::mermaid(&ws, map);
    assert_eq!(mermaid.matches("Deliverable ").count(), 2 * n);
}

// ---- item 8: OWM import of many identical names

#[test]
fn importing_100000_components_of_one_name_gives_distinct_ids_in_order() {
    let n = 100_000;
    let parsed = owm::parse::parse(&same_name_owm(n), "same", Path::new("same.owm"));
    let ids: Vec<&str> = parsed
        .map
        .components
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids.len(), n);
    assert_eq!(ids[0], "same");
    assert_eq!(ids[1], "same-2");
    assert_eq!(ids[n - 1], format!("same-{n}"));
    let distinct: std::collections::HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(distinct.len(), n);
    let toml = owm::to_toml::to_toml(&parsed.map);
    assert!(toml.contains(&format!("[component.same-{n}]")));
}

// ---- item 10: a long supersede chain

#[test]
fn adr_show_at_the_head_of_a_30000_record_chain_prints_the_whole_chain() {
    let n = 30_000;
    let ws = supersede_chain(n);
    let mut out = Vec::new();
    wheelhouse::cli::adr::write_show(&mut out, &ws, &ws.decisions[0]).expect("write to memory");
    let text = String::from_utf8(out).expect("utf-8");
    assert!(
        text.contains("superseded by adr:2 (Decision 2)"),
        "{}",
        &text[..300]
    );
    assert!(text.contains(&format!(
        "→ adr:{} is superseded by adr:{n} (Decision {n})",
        n - 1
    )));
    let steps = text
        .lines()
        .filter(|l| l.contains(" is superseded by adr:"))
        .count();
    assert_eq!(steps as u32, n - 2, "one line per later link of the chain");
}

#[test]
fn the_decisions_pane_chain_of_a_record_in_the_middle_of_30000() {
    let n = 30_000;
    let ws = supersede_chain(n);
    let middle = &ws.decisions[14_999];
    let chain = wheelhouse::tui::panes::decisions::supersede_chain(&ws, middle);
    assert_eq!(chain.len(), n as usize);
    assert_eq!(
        chain.first(),
        Some(&wheelhouse::workspace::Reference::adr(1))
    );
    assert_eq!(
        chain.last(),
        Some(&wheelhouse::workspace::Reference::adr(n))
    );
}
