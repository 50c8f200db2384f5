//! Reading a 10,000-record adr-tools folder: parsing alone (in memory), `read_dir` in full (what
//! the TUI and `wh adr search` load) and header-only (what `wh adr list` loads), files from a
//! warm cache, all cores.
//! `cargo bench --bench markdown_adr -- --warm-up-time 1 --measurement-time 3`

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use wheelhouse::workspace::markdown_adr::{parse_one, read_dir, read_dir_with, Detail};

const RECORDS: u32 = 10_000;

/// An adr-tools record of about 4 KB: H1, Date, Status with a link line, three sections.
fn record(n: u32) -> String {
    let status = match n % 10 {
        0 => format!(
            "Superceded by [{}. Record {}](record-{}.md)",
            n + 1,
            n + 1,
            n + 1
        ),
        1 => "✅ Accepted".to_string(),
        2 => "Proposed".to_string(),
        _ => "Accepted".to_string(),
    };
    let para = "We weigh the options against the drivers, keep the ones that fit and write down \
                why, so the next person does not have to guess what we knew at the time. ";
    format!(
        "# {n}. Use component {n} for the ledger\n\nDate: 2024-0{}-1{}\n\n## Status\n\n{status}\n\n\
         ## Context\n\n{}\n\n## Decision\n\n{}\n\n```bash\n# not a heading\nmake all\n```\n\n\
         ## Consequences\n\n{}\n\n- a bullet\n- another [link](0001-record-architecture-decisions.md)\n",
        1 + n % 9,
        n % 10,
        para.repeat(10),
        para.repeat(8),
        para.repeat(6),
    )
}

fn bench(c: &mut Criterion) {
    let texts: Vec<(String, String)> = (1..=RECORDS)
        .map(|n| (format!("{n:04}-use-component-{n}.md"), record(n)))
        .collect();
    c.bench_function(
        "parse 10,000 adr-tools records (in memory, one thread)",
        |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|(name, text)| parse_one(Path::new(name), text, 0).0.number as u64)
                    .sum::<u64>()
            })
        },
    );

    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in &texts {
        std::fs::write(dir.path().join(name), text).expect("write record");
    }
    c.bench_function(
        "read_dir of 10,000 adr-tools records (files, all cores)",
        |b| b.iter(|| read_dir(dir.path(), Path::new(""), 0).records.len()),
    );
    c.bench_function(
        "read_dir of 10,000 adr-tools records, headers only (files, all cores)",
        |b| {
            b.iter(|| {
                read_dir_with(dir.path(), Path::new(""), 0, Detail::Headers)
                    .records
                    .len()
            })
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
