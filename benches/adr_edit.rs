//! Decision record edits in an adr-tools folder of 1,000 and 10,000 records: planning a status
//! change with a successor (two records read, edited in their dialect) and planning a new record
//! (the folder listed for the next number, its dialect told from the records). The workspace is
//! loaded once outside the timing; nothing is written.
//!
//! Run: `cargo bench --bench adr_edit -- --warm-up-time 1 --measurement-time 3`

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use wheelhouse::workspace::edit::{self, AdrOp, NewRecord, Op};
use wheelhouse::workspace::{AdrStatus, Workspace};

/// `n` records as `adr new` writes them, in `root/doc/adr` of a repository.
fn folder(root: &Path, n: u32) -> Workspace {
    let dir = root.join("doc/adr");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    for i in 1..=n {
        std::fs::write(
            dir.join(format!("{i:04}-decision-number-{i}.md")),
            format!(
                "# {i}. Decision number {i}\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nThe issue motivating decision {i}.\n\n## Decision\n\nThe change.\n\n## Consequences\n\nWhat becomes easier.\n"
            ),
        )
        .unwrap();
    }
    Workspace::open(root).unwrap()
}

fn plans(c: &mut Criterion) {
    let mut group = c.benchmark_group("adr_edit");
    for n in [1_000u32, 10_000] {
        let tmp = tempfile::tempdir().unwrap();
        let ws = folder(tmp.path(), n);
        assert_eq!(ws.decisions.len(), n as usize);
        let supersede = Op::Adr(AdrOp::SetStatus {
            record: (n / 2).into(),
            status: AdrStatus::Superseded,
            by: Some(n.into()),
        });
        group.bench_with_input(BenchmarkId::new("plan supersede", n), &ws, |b, ws| {
            b.iter(|| black_box(edit::plan(ws, &supersede).unwrap()))
        });
        let new = Op::Adr(AdrOp::New(NewRecord {
            title: "Use event sourcing".into(),
            supersedes: Some((n / 2).into()),
            date: Some("2024-02-03".into()),
            ..NewRecord::default()
        }));
        group.bench_with_input(
            BenchmarkId::new("plan new --supersedes", n),
            &ws,
            |b, ws| b.iter(|| black_box(edit::plan(ws, &new).unwrap())),
        );
    }
    group.finish();
}

criterion_group!(benches, plans);
criterion_main!(benches);
