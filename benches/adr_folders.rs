//! Finding and reading real ADR folders (issue 12): the search for folders named like ADR
//! folders below a repository root, and a folder whose records sit in per-year subfolders.
//! Both at two sizes, 10× apart, for the near-linear check.
//! `cargo bench --bench adr_folders -- --warm-up-time 1 --measurement-time 3`

use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use wheelhouse::workspace::markdown_adr::{read_dir_with, search_adr_dirs, Detail};

/// A source tree of `folders` folders (10 per parent, 3 levels), one of them `docs/decisions`.
fn tree(folders: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..folders {
        let p = dir
            .path()
            .join(format!("src/m{}/p{}/q{i}", i / 100, (i / 10) % 10));
        std::fs::create_dir_all(&p).expect("mkdir");
        std::fs::write(p.join("lib.rs"), "// code\n").expect("write");
    }
    let adr = dir.path().join("docs/decisions");
    std::fs::create_dir_all(&adr).expect("mkdir");
    std::fs::write(adr.join("0001-use-x.md"), "# 1. Use x\n").expect("write");
    dir
}

/// An ADR folder of `records` records spread over ten per-year subfolders.
fn yearly(records: u32) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for n in 1..=records {
        let year = dir.path().join(format!("{}", 2015 + n % 10));
        std::fs::create_dir_all(&year).expect("mkdir");
        std::fs::write(
            year.join(format!("{n:05}-use-component-{n}.md")),
            format!("# {n}. Use component {n}\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nText.\n"),
        )
        .expect("write");
    }
    dir
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("search for ADR folders below the root");
    for folders in [300, 3000] {
        let t = tree(folders);
        g.bench_with_input(BenchmarkId::from_parameter(folders), &t, |b, t| {
            b.iter(|| search_adr_dirs(t.path()).len())
        });
    }
    g.finish();
    let mut g = c.benchmark_group("read_dir headers, records in 10 year subfolders");
    for records in [1_000, 10_000] {
        let t = yearly(records);
        g.bench_with_input(BenchmarkId::from_parameter(records), &t, |b, t| {
            b.iter(|| {
                read_dir_with(t.path(), Path::new(""), 0, Detail::Headers)
                    .records
                    .len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
