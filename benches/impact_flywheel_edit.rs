//! Planning impact map and flywheel edits on large inputs (the plan is the edit's own work:
//! read, check, toml_edit, link index; the commit's write and fsync are measured in
//! `benches/writer.rs`). Each input comes in two sizes, ten times apart, to check that the
//! cost grows near-linearly (10× the input, at most ~12× the time).
//!
//! - an impact map of N actors, each with 2 impacts of 2 deliverables (7 items per actor):
//!   add a deliverable, move an actor down, delete an actor's subtree (with links to its
//!   deliverables from a Wardley map), and delete an actor holding a tenth of the map;
//! - a metric with N samples: record one more (in date order).
//!
//! Run: `cargo bench --bench impact_flywheel_edit -- --warm-up-time 1 --measurement-time 3`

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use wheelhouse::workspace::edit::{self, FlywheelOp, ImpactOp, Op};
use wheelhouse::workspace::Workspace;

/// `impact/big.toml` with `actors` actors; `maps/links.toml` links to every deliverable of
/// actor 0 and of the "big" actor; a metric with `samples` samples.
fn workspace(dir: &Path, actors: usize, samples: usize) -> Workspace {
    for d in ["impact", "maps"] {
        std::fs::create_dir_all(dir.join(d)).unwrap();
    }
    let mut root = String::from("[workspace]\nname = \"bench\"\nformat = 1\n\n[metric.m]\nname = \"M\"\nkind = \"input\"\nbaseline = 0\ntarget = 1\nsamples = [\n");
    for i in 0..samples {
        let days = i as i64 * 2;
        let date = wheelhouse::workspace::load::date_from_days(10_000 + days);
        writeln!(root, "  {{ date = {date}, value = {i} }},").unwrap();
    }
    root.push_str("]\n");
    std::fs::write(dir.join("wheelhouse.toml"), root).unwrap();

    let mut m = String::from("[goal]\ntitle = \"Big\"\nbaseline = 1\ntarget = 2\n");
    let (mut a, mut i, mut d) = (String::new(), String::new(), String::new());
    let mut links = Vec::new();
    // the last actor holds a tenth of all impacts
    let big = (actors / 10).max(1) * 2;
    for x in 0..actors {
        writeln!(a, "\n[actor.a{x}]\nname = \"Actor {x}\"").unwrap();
        let n_impacts = if x == actors - 1 { big } else { 2 };
        for y in 0..n_impacts {
            writeln!(
                i,
                "\n[impact.i{x}-{y}]\nactor = \"a{x}\"\nbehaviour = \"does {y}\""
            )
            .unwrap();
            for z in 0..2 {
                writeln!(
                    d,
                    "\n[deliverable.d{x}-{y}-{z}]\ntitle = \"D {x} {y} {z}\"\nimpacts = [\"i{x}-{y}\"]\nstatus = \"idea\""
                )
                .unwrap();
                if x == 0 || x == actors - 1 {
                    links.push(format!("\"impact:big/d{x}-{y}-{z}\""));
                }
            }
        }
    }
    m.push_str(&a);
    m.push_str(&i);
    m.push_str(&d);
    std::fs::write(dir.join("impact/big.toml"), m).unwrap();
    let map = format!(
        "[map]\ntitle = \"Links\"\n\n[component.c]\nname = \"C\"\nvisibility = 0.5\nevolution = 0.5\nlinks = [{}]\n",
        links.join(", ")
    );
    std::fs::write(dir.join("maps/links.toml"), map).unwrap();
    let ws = Workspace::open(dir).unwrap();
    assert!(
        ws.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        ws.diagnostics.first()
    );
    ws
}

fn impact_ops(c: &mut Criterion) {
    let mut g = c.benchmark_group("impact/plan");
    for actors in [100usize, 1000] {
        let tmp = tempfile::tempdir().unwrap();
        let ws = workspace(tmp.path(), actors, 10);
        let impacts = 2 * (actors - 1) + (actors / 10).max(1) * 2;
        let items = actors + 3 * impacts;
        let ops = [
            (
                "add a deliverable",
                ImpactOp::Add {
                    map: "big".into(),
                    parent: Some("i0-0".into()),
                    name: "New thing".into(),
                },
            ),
            (
                "move an actor down",
                ImpactOp::Reorder {
                    map: "big".into(),
                    item: "a0".into(),
                    under: None,
                    by: 1,
                },
            ),
            (
                "delete an actor (7 items, 4 links elsewhere)",
                ImpactOp::Delete {
                    map: "big".into(),
                    item: "a0".into(),
                },
            ),
            (
                "delete an actor holding a tenth of the map",
                ImpactOp::Delete {
                    map: "big".into(),
                    item: format!("a{}", actors - 1),
                },
            ),
        ];
        for (name, op) in ops {
            let op = Op::Impact(op);
            g.bench_with_input(
                BenchmarkId::new(name, format!("{items} items")),
                &op,
                |b, op| b.iter(|| black_box(edit::plan(&ws, op).unwrap())),
            );
        }
    }
    g.finish();
}

fn record_sample(c: &mut Criterion) {
    let mut g = c.benchmark_group("flywheel/plan");
    for samples in [1000usize, 10_000] {
        let tmp = tempfile::tempdir().unwrap();
        let ws = workspace(tmp.path(), 1, samples);
        let op = Op::Flywheel(FlywheelOp::RecordSample {
            metric: "m".into(),
            date: "2099-01-01".into(),
            value: 1.5,
        });
        g.bench_with_input(
            BenchmarkId::new("record a sample", format!("{samples} samples")),
            &op,
            |b, op| b.iter(|| black_box(edit::plan(&ws, op).unwrap())),
        );
    }
    g.finish();
}

criterion_group!(benches, impact_ops, record_sample);
criterion_main!(benches);
