//! Loading a workspace of TOML decisions: the index scope `wh adr list` and `wh adr search` use
//! (the fast decision reader), the decisions-only scope of `wh adr show`, and the full load, over 1,000 and 10,000 records (files from a warm cache, all cores).
//! Also the parse of one record in memory, and building the backlink index.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use wheelhouse::workspace::discover::discover;
use wheelhouse::workspace::links::LinkIndex;
use wheelhouse::workspace::load::{load, load_scoped, Scope};

/// A record of about 1.3 KB, like the ones the generator writes: every common field set.
fn record(n: u32) -> String {
    let para = "We weigh the options against the drivers and write down why, so the next \
                person does not have to guess. ";
    let status = if n % 10 == 5 {
        "superseded"
    } else {
        "accepted"
    };
    let succ = if n % 10 == 5 {
        format!("superseded-by = [\"adr:{}\"]\n", n + 1)
    } else {
        String::new()
    };
    let sup = if n % 10 == 6 {
        format!("supersedes = [\"adr:{}\"]\n", n - 1)
    } else {
        String::new()
    };
    format!(
        "# Decision {n}\n[adr]\nnumber = {n}\ntitle = \"Use component {n} for the ledger\"\n\
         status = \"{status}\"\ndate = 2024-0{}-1{}\ndeciders = [\"Kim\", \"Lee\"]\n\
         tags = [\"ledger\", \"t{}\"]\n{succ}{sup}links = [\"adr:1\"]\n\
         context = \"\"\"\n{}\n\"\"\"\ndecision = \"\"\"\n{}\n\"\"\"\nconsequences = \"\"\"\n{}\n\"\"\"\n\n\
         [[adr.option]]\nname = \"Component {n}\"\nchosen = true\npros = [\"fits\"]\ncons = [\"new\"]\n",
        1 + n % 9,
        n % 10,
        n % 7,
        para.repeat(4),
        para.repeat(3),
        para.repeat(3),
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
            dir.path()
                .join(format!("decisions/{n:04}-use-component-{n}.toml")),
            record(n),
        )
        .expect("write record");
    }
    dir
}

fn bench(c: &mut Criterion) {
    let one = record(7);
    c.bench_function("parse one decision (in memory)", |b| {
        b.iter(|| toml::de::DeTable::parse_recoverable(&one).1.len())
    });
    for records in [1_000, 10_000] {
        let dir = workspace(records);
        let located = discover(Path::new(dir.path())).expect("workspace");
        let ws = load(&located);
        assert_eq!(ws.decisions.len(), records as usize);
        assert_eq!(ws.error_count(), 0, "{:?}", ws.diagnostics.first());
        c.bench_function(&format!("load decisions scope, {records} records"), |b| {
            b.iter(|| load_scoped(&located, Scope::Decisions).decisions.len())
        });
        for (what, bodies) in [("list", false), ("search", true)] {
            let scope = Scope::DecisionIndex { bodies };
            // the index scope lists every record the full load lists
            assert_eq!(
                load_scoped(&located, scope).decisions.len(),
                records as usize
            );
            c.bench_function(
                &format!("load for adr {what} (index scope), {records} records"),
                |b| b.iter(|| load_scoped(&located, scope).decisions.len()),
            );
        }
        c.bench_function(&format!("load everything, {records} records"), |b| {
            b.iter(|| load(&located).decisions.len())
        });
        c.bench_function(&format!("backlink index, {records} records"), |b| {
            b.iter(|| LinkIndex::build(&ws).backlinks.len())
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
