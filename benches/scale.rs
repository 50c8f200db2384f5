//! Scale: every command and the first frame near-linear (issue 13, items 6, 7, 8, 10). Each input
//! is measured at 1× and 10× its size, so the ratio shows in one run:
//! - `wh check` (the full load with its cross-file checks) and the Flywheel pane's first frame
//!   on a chain of 1,000 / 10,000 metrics, each driving the next;
//! - `wh check`, SVG / OWM / Mermaid export, the workspace report with its map pictures
//!   (`export workspace -o`) and the Landscape pane's first frame on a map of 10,000 / 100,000
//!   components, each needing and linking to the next;
//! - `export impact --format markdown` of an impact map of 2,000 / 20,000 impacts and as many
//!   deliverables;
//! - `import owm` (parse + TOML) of 10,000 / 100,000 components of one name;
//! - `adr show 1` (the text, with the supersede chain) at the head of a 3,000 / 30,000 chain.
//!
//! In process CPU time (`CLOCK_PROCESS_CPUTIME_ID`: the loader's threads count too), so a
//! shared machine does not inflate the figures. Run with
//! `cargo bench --bench scale -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;

// The allocator `wh` runs with (src/main.rs), so the figures are the command's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

#[path = "support/cpu_time.rs"]
mod cpu_time;
#[path = "support/scale_inputs.rs"]
mod scale_inputs;
use cpu_time::ProcessCpu;
use scale_inputs::*;

use wheelhouse::interop::{impact_export, mermaid, owm, report, svg};
use wheelhouse::tui::panes::flywheel::FlywheelPane;
use wheelhouse::tui::panes::landscape::LandscapePane;
use wheelhouse::tui::panes::{Ctx, Pane};
use wheelhouse::tui::theme::Theme;
use wheelhouse::workspace::discover::discover;
use wheelhouse::workspace::links::LinkIndex;
use wheelhouse::workspace::load::{load, load_scoped, Scope};
use wheelhouse::workspace::Workspace;

/// The first frame of a pane: the backlink index the app builds, then one render.
fn first_frame<P: Pane>(ws: &Workspace, pane: impl Fn() -> P) -> Buffer {
    let links = LinkIndex::build(ws);
    let theme = Theme::default();
    let ctx = Ctx {
        ws,
        links: &links,
        theme: &theme,
    };
    let area = Rect::new(0, 0, 200, 60);
    let mut buf = Buffer::empty(area);
    pane().render(area, &mut buf, &ctx);
    buf
}

fn metric_chains(c: &mut Criterion<ProcessCpu>) {
    for n in [1_000, 10_000] {
        let dir = workspace_dir(&[("wheelhouse.toml", metric_chain(n))]);
        let located = discover(dir.path()).expect("workspace");
        let ws = load(&located);
        assert_eq!(ws.metrics.len(), n);
        assert_eq!(ws.error_count(), 0, "{:?}", ws.diagnostics.first());
        c.bench_function(&format!("scale/check, chain of {n} metrics"), |b| {
            b.iter(|| load(&located).diagnostics.len())
        });
        c.bench_function(
            &format!("scale/flywheel first frame, chain of {n} metrics"),
            |b| b.iter(|| black_box(first_frame(&ws, || FlywheelPane::new(&ws)))),
        );
    }
}

fn big_maps(c: &mut Criterion<ProcessCpu>) {
    for n in [10_000, 100_000] {
        let dir = workspace_dir(&[
            ("wheelhouse.toml", ROOT.into()),
            ("maps/big.toml", linked_map(n)),
        ]);
        let located = discover(dir.path()).expect("workspace");
        let ws = load(&located);
        assert_eq!(ws.maps[0].components.len(), n);
        assert_eq!(ws.error_count(), 0, "{:?}", ws.diagnostics.first());
        let map = &ws.maps[0];
        let what = format!("{n} linked components");
        c.bench_function(&format!("scale/check, {what}"), |b| {
            b.iter(|| load(&located).diagnostics.len())
        });
        c.bench_function(&format!("scale/export svg, {what}"), |b| {
            b.iter(|| svg::render_map(map, &svg::SvgStyle::print()).len())
        });
        c.bench_function(&format!("scale/export owm, {what}"), |b| {
            b.iter(|| owm::write::write(map).len())
        });
        c.bench_function(&format!("scale/export mermaid, {what}"), |b| {
            b.iter(|| mermaid::render(map).len())
        });
        c.bench_function(
            &format!("scale/export workspace with pictures, {what}"),
            |b| b.iter(|| black_box(report::build(&ws, true))),
        );
        c.bench_function(&format!("scale/landscape first frame, {what}"), |b| {
            b.iter(|| black_box(first_frame(&ws, || LandscapePane::new(&ws))))
        });
    }
}

fn impact_maps(c: &mut Criterion<ProcessCpu>) {
    for n in [2_000, 20_000] {
        let dir = workspace_dir(&[
            ("wheelhouse.toml", ROOT.into()),
            ("impact/big.toml", big_impact_map(n)),
        ]);
        let ws = load(&discover(dir.path()).expect("workspace"));
        assert_eq!(ws.error_count(), 0, "{:?}", ws.diagnostics.first());
        let map = &ws.impact_maps[0];
        c.bench_function(
            &format!("scale/export impact markdown, {n} impacts and deliverables"),
            |b| b.iter(|| impact_export::markdown(&ws, map).len()),
        );
    }
}

fn owm_names(c: &mut Criterion<ProcessCpu>) {
    for n in [10_000, 100_000] {
        let text = same_name_owm(n);
        let parsed = owm::parse::parse(&text, "same", Path::new("same.owm"));
        assert_eq!(parsed.map.components.len(), n);
        c.bench_function(&format!("scale/import owm, {n} identical names"), |b| {
            b.iter(|| {
                let parsed = owm::parse::parse(&text, "same", Path::new("same.owm"));
                owm::to_toml::to_toml(&parsed.map).len()
            })
        });
    }
}

fn supersede_chains(c: &mut Criterion<ProcessCpu>) {
    for n in [3_000, 30_000] {
        // The text alone, on a workspace in memory: the walk down the chain.
        let ws = supersede_chain(n);
        c.bench_function(
            &format!("scale/adr show 1 text, chain of {n} records"),
            |b| {
                b.iter(|| {
                    let mut out = std::io::BufWriter::new(std::io::sink());
                    wheelhouse::cli::adr::write_show(&mut out, &ws, &ws.decisions[0])
                        .expect("write to a sink");
                })
            },
        );
        // The whole command: the decisions load `adr show` does, then the text.
        let files: Vec<(String, String)> = ws
            .decisions
            .iter()
            .map(|a| (format!("decisions/{:05}-d.toml", a.number), record_toml(a)))
            .collect();
        let mut all: Vec<(&str, String)> = vec![("wheelhouse.toml", ROOT.into())];
        all.extend(files.iter().map(|(p, t)| (p.as_str(), t.clone())));
        let dir = workspace_dir(&all);
        let located = discover(dir.path()).expect("workspace");
        let loaded = load_scoped(&located, Scope::Decisions);
        assert_eq!(loaded.decisions.len(), n as usize);
        assert_eq!(loaded.error_count(), 0, "{:?}", loaded.diagnostics.first());
        c.bench_function(
            &format!("scale/adr show 1 command, chain of {n} records"),
            |b| {
                b.iter(|| {
                    let ws = load_scoped(&located, Scope::Decisions);
                    let mut out = std::io::BufWriter::new(std::io::sink());
                    wheelhouse::cli::adr::write_show(&mut out, &ws, &ws.decisions[0])
                        .expect("write to a sink");
                })
            },
        );
    }
}

fn all(c: &mut Criterion<ProcessCpu>) {
    supersede_chains(c);
    owm_names(c);
    metric_chains(c);
    big_maps(c);
    impact_maps(c);
}

criterion_group! {
    name = scale;
    config = Criterion::default().with_measurement(ProcessCpu).sample_size(10);
    targets = all
}
criterion_main!(scale);
