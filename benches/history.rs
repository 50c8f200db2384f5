//! Strategy over time at scale: `wh history map` over a map of 200 components and 1,000
//! commits moving them, `wh diff` between revisions 1,000 commits apart in a 10,000-ADR
//! workspace, and `--rev` against the working-tree load. Repositories are built with gix.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use gix::objs::tree::EntryKind;
use gix::ObjectId;
use wheelhouse::history::{self, momentum, timeline, History};
use wheelhouse::workspace::discover::discover;
use wheelhouse::workspace::load::{load, Scope};

struct Repo {
    repo: gix::Repository,
    tree: ObjectId,
    head: Option<ObjectId>,
    day: i64,
}

impl Repo {
    fn new(dir: &Path) -> Repo {
        let repo = gix::init(dir).expect("init");
        let tree = ObjectId::empty_tree(repo.object_hash());
        Repo {
            repo,
            tree,
            head: None,
            day: 19_700,
        }
    }

    fn commit(&mut self, files: &[(String, String)]) -> ObjectId {
        let mut editor = self.repo.edit_tree(self.tree).expect("editor");
        for (path, text) in files {
            let blob = self
                .repo
                .write_blob(text.as_bytes())
                .expect("blob")
                .detach();
            editor
                .upsert(path.as_str(), EntryKind::Blob, blob)
                .expect("upsert");
        }
        self.tree = editor.write().expect("tree").detach();
        self.day += 1;
        let time = format!("{} +0000", self.day * 86_400);
        let sig = gix::actor::SignatureRef {
            name: "B".into(),
            email: "b@x".into(),
            time: &time,
        };
        let id = self
            .repo
            .commit_as(sig, sig, "HEAD", "c", self.tree, self.head)
            .expect("commit")
            .detach();
        self.head = Some(id);
        id
    }
}

const ROOT: &str =
    "[workspace]\nname = \"bench\"\nformat = 1\n[phase.clarity]\n[phase.challenge]\n\
                    [phase.next-action]\n[phase.long-term]\n";

fn map(evolutions: &[f64]) -> String {
    let mut s = String::from("[map]\ntitle = \"Big\"\n");
    for (i, e) in evolutions.iter().enumerate() {
        s.push_str(&format!(
            "\n[component.c{i}]\nname = \"Component {i}\"\nvisibility = {}\nevolution = {e:.4}\n",
            (i % 97) as f64 / 100.0
        ));
    }
    s
}

fn record(n: u32) -> String {
    let para = "We weigh the options against the drivers and write down why. ";
    format!(
        "[adr]\nnumber = {n}\ntitle = \"Use component {n}\"\nstatus = \"accepted\"\n\
         date = 2024-01-01\ncontext = \"\"\"\n{}\n\"\"\"\ndecision = \"\"\"\n{}\n\"\"\"\n",
        para.repeat(8),
        para.repeat(6)
    )
}

/// A repository whose map of 200 components is moved by `commits` commits, one component
/// a little each time.
fn moving_map(commits: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::write(dir.path().join("wheelhouse.toml"), ROOT).expect("root");
    let mut r = Repo::new(dir.path());
    let mut evo: Vec<f64> = (0..200).map(|i| (i as f64) / 400.0).collect();
    r.commit(&[
        ("wheelhouse.toml".into(), ROOT.into()),
        ("maps/big.toml".into(), map(&evo)),
    ]);
    for k in 1..commits {
        evo[k % 200] += 0.0004;
        r.commit(&[("maps/big.toml".into(), map(&evo))]);
    }
    dir
}

fn bench(c: &mut Criterion) {
    // 10× fewer commits first: the growth from 100 to 1,000 should be near-linear
    let small = moving_map(100);
    let hist = History::open(small.path()).expect("history");
    c.bench_function("history map: 200 components, 100 commits", |b| {
        b.iter(|| {
            let h = momentum::map_history(&hist, "big", &momentum::Since::Beginning, "HEAD")
                .expect("history");
            assert_eq!(h.commits, 100);
            h.components.len()
        })
    });
    // 200 components, 1,000 commits each moving one of them
    let dir = moving_map(1_000);
    let hist = History::open(dir.path()).expect("history");
    c.bench_function("history map: 200 components, 1,000 commits", |b| {
        b.iter(|| {
            let h = momentum::map_history(&hist, "big", &momentum::Since::Beginning, "HEAD")
                .expect("history");
            assert_eq!(h.commits, 1_000);
            h.components.len()
        })
    });

    // the Landscape's trails: the timeline read once (off the UI thread), then every
    // component's trail, as each frame with trails on computes them
    c.bench_function("trails: timeline of 200 components, 1,000 commits", |b| {
        b.iter(|| {
            let tl = timeline::map_timeline(dir.path(), "big", "HEAD").expect("timeline");
            assert_eq!(tl.versions.len(), 1_000);
            tl.versions.len()
        })
    });
    let tl = timeline::map_timeline(dir.path(), "big", "HEAD").expect("timeline");
    let now = tl.versions[999].map.clone();
    c.bench_function("trails: 200 components' trails at the working tree", |b| {
        b.iter(|| {
            now.components
                .iter()
                .map(|c| {
                    tl.trail(&c.id, None, (c.evolution, c.visibility), 5)
                        .points
                        .len()
                })
                .sum::<usize>()
        })
    });

    // 10,000 ADRs; 1,000 commits between the two revisions diffed
    let dir = tempfile::tempdir().expect("temp");
    let mut r = Repo::new(dir.path());
    let mut files: Vec<(String, String)> = vec![("wheelhouse.toml".into(), ROOT.into())];
    std::fs::create_dir(dir.path().join("decisions")).expect("mkdir");
    for n in 1..=10_000 {
        let path = format!("decisions/{n:05}-use-component-{n}.toml");
        let text = record(n);
        std::fs::write(dir.path().join(&path), &text).expect("write");
        files.push((path, text));
    }
    std::fs::write(dir.path().join("wheelhouse.toml"), ROOT).expect("root");
    let first = r.commit(&files);
    for k in 0..1_000 {
        let root = format!("{ROOT}\n[metric.m]\nname = \"M\"\nkind = \"business\"\nsamples = [ {{ date = 2024-01-01, value = {k} }} ]\n");
        r.commit(&[("wheelhouse.toml".into(), root)]);
    }
    let located = discover(dir.path()).expect("workspace");
    let a = first.to_string();
    c.bench_function("diff: 10,000 ADRs, 1,000 commits apart", |b| {
        b.iter(|| {
            let old = history::load_at(&located, &a, Scope::Full).expect("old");
            let new = history::load_at(&located, "HEAD", Scope::Full).expect("new");
            let d = history::diff::diff(&old.workspace, &new.workspace, "a", "b");
            assert_eq!(d.metrics.len(), 1);
            d.decisions.len()
        })
    });
    c.bench_function("load 10,000 ADRs: working tree", |b| {
        b.iter(|| load(&located).decisions.len())
    });
    let load_head = || {
        history::load_at(&located, "HEAD", Scope::Full)
            .expect("rev")
            .workspace
            .decisions
            .len()
    };
    c.bench_function("load 10,000 ADRs: --rev HEAD", |b| b.iter(load_head));
    // The same revision once `git gc` has packed it (gix writes no packs; git does, where
    // installed): the loose-object reader gives up and gix reads the pack.
    let packed = std::process::Command::new("git")
        .args(["repack", "-adq"])
        .current_dir(dir.path())
        .status()
        .is_ok_and(|s| s.success())
        && std::process::Command::new("git")
            .args(["prune-packed"])
            .current_dir(dir.path())
            .status()
            .is_ok_and(|s| s.success());
    if !packed {
        eprintln!("note: no git to pack the repository; the packed --rev case is skipped");
        return;
    }
    c.bench_function("load 10,000 ADRs: --rev HEAD, packed", |b| {
        b.iter(load_head)
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
