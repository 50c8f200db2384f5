//! Hostile markdown: a "Pros and Cons" section holding one long run of `[` (issue 13, item 9),
//! read by the markdown ADR reader and drawn by the cockpit's markdown renderer, at 100 KB and
//! 1 MB. Near-linear means the 1 MB case costs at most ~12× the 100 KB case.
//! `cargo bench --bench markdown_hostile -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use wheelhouse::tui::theme::Theme;
use wheelhouse::tui::widgets::markdown;
use wheelhouse::workspace::markdown_adr::parse_one;

/// A MADR record whose option's pros are `run` bytes of `[`.
fn record(run: usize) -> String {
    format!(
        "# Use a bracket\n\n## Status\n\nAccepted\n\n## Considered Options\n\n* A\n* B\n\n\
         ## Decision Outcome\n\nChosen option: \"A\", because it is first.\n\n\
         ## Pros and Cons of the Options\n\n### A\n\n* Good, because {}\n* Bad, because slow\n",
        "[".repeat(run)
    )
}

fn bench(c: &mut Criterion) {
    let theme = Theme::default();
    let mut group = c.benchmark_group("bracket run in Pros and Cons");
    group.sample_size(10);
    for size in [100_000, 1_000_000] {
        let text = record(size);
        group.bench_with_input(BenchmarkId::new("read record", size), &text, |b, text| {
            b.iter(|| parse_one(Path::new("0001-use-a-bracket.md"), black_box(text), 0).0)
        });
        group.bench_with_input(
            BenchmarkId::new("render markdown", size),
            &text,
            |b, text| b.iter(|| markdown::render(black_box(text), 100, &theme).len()),
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
