//! Decision records at scale: loading 1,000 and 10,000 records, one search over 10,000 loaded
//! records (and the TUI's per-keystroke filter), and formatting `wh adr list`.
//!
//! The records come from the same generator as the whole-process comparison
//! (`examples/gen-workspace.rs`, seed 42). Keep runs short:
//! `cargo bench --bench adr -- --warm-up-time 1 --measurement-time 3`
//!
//! The searches are measured twice: wall-clock, and the process's CPU time (`cpu/…`, every
//! thread), which a busy machine disturbs much less.

#[path = "support/cpu_time.rs"]
mod cpu_time;
#[path = "../examples/gen-workspace.rs"]
#[allow(dead_code)]
mod gen;

use std::hint::black_box;
use std::path::Path;

use cpu_time::ProcessCpu;
use criterion::measurement::Measurement;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use wheelhouse::cli::adr::{rows, write_list};
use wheelhouse::workspace::search::SearchIndex;
use wheelhouse::workspace::{discover, load, Workspace};

/// Generates `adrs` records into a temp folder; returns it (kept alive) and the TOML root.
fn fixture(adrs: u32) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    gen::generate(&gen::Options {
        adrs,
        components: 100,
        seed: 42,
        force: false,
        out: tmp.path().to_path_buf(),
    })
    .expect("generate");
    tmp
}

fn open(root: &Path) -> Workspace {
    let located = discover::discover(root).expect("workspace");
    load::load(&located)
}

fn loading(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for adrs in [1_000, 10_000] {
        let tmp = fixture(adrs);
        let root = tmp.path().join("toml");
        assert_eq!(open(&root).decisions.len(), adrs as usize);
        group.bench_with_input(BenchmarkId::new("decisions", adrs), &root, |b, root| {
            b.iter(|| open(black_box(root)))
        });
    }
    group.finish();
}

fn searching(c: &mut Criterion) {
    let tmp = fixture(10_000);
    let ws = open(&tmp.path().join("toml"));
    assert_eq!(ws.decisions.len(), 10_000);
    c.bench_function("search-10000/build-index", |b| {
        b.iter(|| SearchIndex::new(black_box(&ws.decisions)))
    });
    queries(c, &ws, "search-10000");
}

fn searching_cpu(c: &mut Criterion<ProcessCpu>) {
    let tmp = fixture(10_000);
    let ws = open(&tmp.path().join("toml"));
    queries(c, &ws, "cpu/search-10000");
}

fn queries<M: Measurement + 'static>(c: &mut Criterion<M>, ws: &Workspace, name: &str) {
    let mut group = c.benchmark_group(name);
    let index = SearchIndex::new(&ws.decisions);
    // A title word, two words (title + body), a body-only phrase, a number, and a miss.
    for query in [
        "kubernetes",
        "kafka billing",
        "on-call toil",
        "4242",
        "qqzx",
    ] {
        group.bench_with_input(BenchmarkId::new("search", query), query, |b, q| {
            b.iter(|| index.search(black_box(q), 20))
        });
    }
    // The TUI filters on every keystroke, keeping every hit.
    for query in ["k", "ku", "kub", "kube"] {
        group.bench_with_input(BenchmarkId::new("filter", query), query, |b, q| {
            b.iter(|| index.filter(black_box(q)))
        });
    }
    group.finish();
}

fn listing(c: &mut Criterion) {
    let tmp = fixture(10_000);
    let ws = open(&tmp.path().join("toml"));
    let mut out = Vec::with_capacity(1 << 20);
    c.bench_function("adr-list-format/10000", |b| {
        b.iter(|| {
            out.clear();
            write_list(&mut out, &ws, &rows(black_box(&ws))).expect("write");
            out.len()
        })
    });
}

criterion_group!(benches, loading, searching, listing);
criterion_group! {
    name = cpu_time;
    config = Criterion::default().with_measurement(ProcessCpu);
    targets = searching_cpu
}
criterion_main!(benches, cpu_time);
