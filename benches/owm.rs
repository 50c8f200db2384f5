//! Importing a 1,000-component OnlineWardleyMaps map (target: under 50 ms), and the other
//! directions for the same map: OWM text, maps/ID.toml text, the SVG picture.
//!
//! The map is generated here: 1,000 components (20 of them anchors, 50 with evolve, 100 with
//! inertia and sourcing), 1,500 links (a third of them labelled flows, some with context),
//! 20 v2 pipelines of 5 children, 50 notes, 20 annotations and PST areas.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use wheelhouse::interop::{owm, svg};

include!("support/owm_map.rs");

fn bench(c: &mut Criterion) {
    let text = big_map();
    let parsed = owm::parse(&text, "big", Path::new("big.owm"));
    assert_eq!(parsed.map.components.len(), 1_000);
    assert!(
        parsed.diagnostics.is_empty(),
        "{:?}",
        &parsed.diagnostics[..3.min(parsed.diagnostics.len())]
    );
    let map = parsed.map;
    c.bench_function("owm import 1000 components", |b| {
        b.iter(|| owm::parse(black_box(&text), "big", Path::new("big.owm")))
    });
    c.bench_function("owm import + maps/ID.toml text, 1000 components", |b| {
        b.iter(|| owm::to_toml(&owm::parse(black_box(&text), "big", Path::new("big.owm")).map))
    });
    c.bench_function("owm export 1000 components", |b| {
        b.iter(|| owm::write(black_box(&map)))
    });
    c.bench_function("svg 1000 components", |b| {
        b.iter(|| svg::render_map(black_box(&map), &svg::SvgStyle::print()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
