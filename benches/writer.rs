//! Committing planned patches through the writer (the plan is made once, outside the timing):
//! one edit of a 200-component map (the edit engine's target: under 5 ms), the same with a
//! decision record in one journaled two-file patch, and one new record in a decisions folder of
//! 1,000 and 10,000 records (the stale-temp sweep lists the folder). Each iteration commits a
//! patch and its inverse: two commits. The same replace done with bare system calls, with and
//! without its two fsyncs, is the floor: the disk's share, which dominates and depends on the
//! machine.
//!
//! `cargo bench --bench writer -- --warm-up-time 1 --measurement-time 3`

#[path = "../examples/gen-workspace.rs"]
#[allow(dead_code)]
mod gen;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use wheelhouse::workspace::writer::{self, FileChange, Patch};

fn fixture(adrs: u32, components: u32) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    gen::generate(&gen::Options {
        adrs,
        components,
        seed: 42,
        force: false,
        out: tmp.path().to_path_buf(),
    })
    .expect("generate");
    tmp
}

/// A patch that changes `rel` from its text now to the same plus a comment, and its inverse:
/// committing them in turn leaves the file where it started.
fn toggle(root: &Path, rel: &str) -> (Patch, Patch) {
    let before = fs::read_to_string(root.join(rel)).expect("read");
    let patch = Patch {
        changes: vec![FileChange {
            rel: PathBuf::from(rel),
            after: Some(format!("{before}# edited\n")),
            before: Some(before),
        }],
    };
    let back = patch.inverse();
    (patch, back)
}

fn first_decision(root: &Path) -> String {
    let mut names: Vec<String> = fs::read_dir(root.join("decisions"))
        .expect("decisions")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    format!("decisions/{}", names[0])
}

fn committing(c: &mut Criterion) {
    let mut group = c.benchmark_group("commit");
    group.sample_size(30);

    let tmp = fixture(10, 200);
    let root = tmp.path().join("toml");
    let map = "maps/landscape.toml";
    let size = fs::metadata(root.join(map)).expect("map").len();
    eprintln!("map of 200 components: {size} bytes");
    let (edit, undo) = toggle(&root, map);
    group.bench_function("one_file/map_200_components", |b| {
        b.iter(|| {
            writer::commit(&root, &edit).expect("commit");
            writer::commit(&root, &undo).expect("undo");
        })
    });
    let decision = first_decision(&root);
    let (d_edit, d_undo) = toggle(&root, &decision);
    let both = Patch {
        changes: [edit.changes.clone(), d_edit.changes].concat(),
    };
    let both_back = Patch {
        changes: [d_undo.changes, undo.changes.clone()].concat(),
    };
    group.bench_function("two_files_journaled/map_200_components", |b| {
        b.iter(|| {
            writer::commit(&root, &both).expect("commit");
            writer::commit(&root, &both_back).expect("undo");
        })
    });

    for adrs in [1_000u32, 10_000] {
        let tmp = fixture(adrs, 10);
        let root = tmp.path().join("toml");
        let create = Patch {
            changes: vec![FileChange {
                rel: PathBuf::from("decisions/99999-new.toml"),
                before: None,
                after: Some("[adr]\nnumber = 99999\ntitle = \"New\"\n".into()),
            }],
        };
        let remove = create.inverse();
        group.bench_with_input(
            BenchmarkId::new("create_and_delete/decisions", adrs),
            &root,
            |b, root| {
                b.iter(|| {
                    writer::commit(root, &create).expect("create");
                    writer::commit(root, &remove).expect("delete");
                })
            },
        );
    }
    group.finish();

    // The disk's share: the same replace done with bare system calls, with and without the
    // two fsyncs (file, then folder) that make it durable.
    let mut group = c.benchmark_group("floor");
    group.sample_size(30);
    let bytes = fs::read(root.join(map)).expect("map");
    let target = root.join("maps/.scratch");
    let tmp = root.join("maps/.scratch.tmp");
    fs::write(&target, &bytes).expect("scratch");
    for synced in [true, false] {
        let name = if synced {
            "replace_with_fsync/map_200_components"
        } else {
            "replace_without_fsync/map_200_components"
        };
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut f = fs::File::create_new(&tmp).expect("create");
                f.write_all(&bytes).expect("write");
                if synced {
                    f.sync_all().expect("sync");
                }
                drop(f);
                fs::rename(&tmp, &target).expect("rename");
                if synced {
                    fs::File::open(root.join("maps"))
                        .expect("dir")
                        .sync_all()
                        .expect("sync dir");
                }
            })
        });
    }
    group.finish();
    let _ = fs::remove_file(&target);
}

criterion_group!(benches, committing);
criterion_main!(benches);
