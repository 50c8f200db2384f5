//! Reading one changed decision again in a workspace of 1,000 and 10,000 records
//! (`Workspace::reload_paths`), against reading the whole workspace again.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use wheelhouse::workspace::Workspace;

/// About 1.3 KB, every common field set, a link to the first record and a supersede pair
/// every ten records: the cross-file checks have work to do.
fn record(n: u32, title: &str) -> String {
    let para = "We weigh the options against the drivers and write down why, so the next \
                person does not have to guess. ";
    let (status, succ) = if n % 10 == 5 {
        (
            "superseded",
            format!("superseded-by = [\"adr:{}\"]\n", n + 1),
        )
    } else {
        ("accepted", String::new())
    };
    let sup = if n % 10 == 6 {
        format!("supersedes = [\"adr:{}\"]\n", n - 1)
    } else {
        String::new()
    };
    format!(
        "[adr]\nnumber = {n}\ntitle = \"{title}\"\nstatus = \"{status}\"\ndate = 2024-03-1{}\n\
         deciders = [\"Kim\", \"Lee\"]\ntags = [\"ledger\"]\n{succ}{sup}links = [\"adr:1\"]\n\
         context = \"\"\"\n{}\n\"\"\"\ndecision = \"\"\"\n{}\n\"\"\"\n",
        n % 10,
        para.repeat(5),
        para.repeat(4),
    )
}

fn workspace(records: u32) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("wheelhouse.toml"),
        "[workspace]\nname = \"bench\"\nformat = 1\n[phase.clarity]\n[phase.challenge]\n\
         [phase.next-action]\n[phase.long-term]\n",
    )
    .expect("write root");
    std::fs::create_dir(dir.path().join("decisions")).expect("mkdir");
    for n in 1..=records {
        std::fs::write(
            dir.path().join(format!("decisions/{n:05}-record.toml")),
            record(n, &format!("Use component {n}")),
        )
        .expect("write record");
    }
    dir
}

fn bench(c: &mut Criterion) {
    for records in [1_000, 10_000] {
        let dir = workspace(records);
        let mut ws = Workspace::open(Path::new(dir.path())).expect("workspace");
        assert_eq!(ws.decisions.len(), records as usize);
        let n = records / 2 + 3;
        let changed = vec![dir.path().join(format!("decisions/{n:05}-record.toml"))];
        let mut flip = false;
        c.bench_function(
            &format!("reload one changed decision, {records} records"),
            |b| {
                b.iter(|| {
                    // a different title each time, so the hash never matches and the file is read
                    flip = !flip;
                    let title = if flip { "Flipped" } else { "Flopped" };
                    std::fs::write(&changed[0], record(n, title)).expect("write");
                    let report = ws.reload_paths(&changed);
                    assert_eq!(report.reloaded.len(), 1);
                    ws.decisions.len()
                })
            },
        );
        c.bench_function(&format!("reload everything, {records} records"), |b| {
            b.iter(|| ws.reload().decisions.len())
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
