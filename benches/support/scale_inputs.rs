// Generated scale inputs, shared by benches/scale.rs and tests/it/scale.rs: the shapes issue 13
// found stalls on (a `drives` chain, a map of linked components, one OWM name many times, a
// supersede chain), at any size.

#![allow(dead_code)] // the bench and the tests each use some of them

use std::fmt::Write as _;

use wheelhouse::workspace::{Adr, AdrSource, AdrStatus, Origin, Reference, Workspace};

/// The root file every generated workspace starts with.
pub const ROOT: &str = "[workspace]\nname = \"scale\"\nformat = 1\n\
    [phase.clarity]\n[phase.challenge]\n[phase.next-action]\n[phase.long-term]\n";

/// `wheelhouse.toml` with `n` metrics, each driving the next: m0 → m1 → … → m(n-1).
pub fn metric_chain(n: usize) -> String {
    let mut t = String::from(ROOT);
    for i in 0..n {
        let _ = write!(
            t,
            "\n[metric.m{i}]\nname = \"Metric {i}\"\nkind = \"input\"\nunit = \"x\"\n\
             baseline = 1.0\ntarget = 2.0\n"
        );
        if i + 1 < n {
            let _ = writeln!(t, "drives = \"metric:m{}\"", i + 1);
        }
    }
    t
}

/// `maps/big.toml` with `n` components spread over the map, each needing the next and linking
/// to it by reference (`map:big/cN`), every hundredth one a pipeline parent with its next two
/// as children.
pub fn linked_map(n: usize) -> String {
    let mut t = String::from("[map]\ntitle = \"Big\"\n");
    for i in 0..n {
        let v = ((i * 7919) % 1000) as f64 / 1000.0;
        let e = ((i * 104_729) % 1000) as f64 / 1000.0;
        let _ = write!(
            t,
            "\n[component.c{i}]\nname = \"Component {i}\"\nvisibility = {v:.3}\nevolution = {e:.3}\n"
        );
        if i + 1 < n {
            let _ = writeln!(
                t,
                "needs = [\"c{}\"]\nlinks = [\"map:big/c{}\"]",
                i + 1,
                i + 1
            );
        }
        if i % 100 != 0 && i % 100 < 3 && i >= 100 {
            let _ = writeln!(t, "pipeline = \"c{}\"", i - i % 100);
        }
    }
    for p in (100..n).step_by(100) {
        let _ = writeln!(t, "\n[pipeline.c{p}]");
    }
    t
}

/// `impact/big.toml` with `n` impacts over `n / 100` actors, and `n` deliverables, each serving
/// two impacts.
pub fn big_impact_map(n: usize) -> String {
    let mut t = String::from("[goal]\ntitle = \"Grow\"\nbaseline = 1.0\ntarget = 2.0\n");
    let actors = (n / 100).max(1);
    for a in 0..actors {
        let _ = write!(t, "\n[actor.a{a}]\nname = \"Actor {a}\"\n");
    }
    for i in 0..n {
        let _ = write!(
            t,
            "\n[impact.i{i}]\nactor = \"a{}\"\nbehaviour = \"does {i}\"\n",
            i % actors
        );
    }
    for d in 0..n {
        let _ = write!(
            t,
            "\n[deliverable.d{d}]\ntitle = \"Deliverable {d}\"\nimpacts = [\"i{d}\", \"i{}\"]\n",
            (d + 1) % n
        );
    }
    t
}

/// OWM text with `n` components all named `Same`.
pub fn same_name_owm(n: usize) -> String {
    let mut t = String::from("title Same names\n");
    for i in 0..n {
        let v = ((i * 7919) % 1000) as f64 / 1000.0;
        let e = ((i * 104_729) % 1000) as f64 / 1000.0;
        let _ = writeln!(t, "component Same [{v:.3}, {e:.3}]");
    }
    t
}

/// A workspace (in memory) of `n` decisions, each superseded by the next: 1 ← 2 ← … ← n.
pub fn supersede_chain(n: u32) -> Workspace {
    let mut ws = Workspace::default();
    for number in 1..=n {
        let mut a = Adr::new(
            number,
            format!("Decision {number}"),
            AdrSource::Toml,
            Origin::default(),
        );
        if number < n {
            a.status = AdrStatus::Superseded;
            a.superseded_by.push(Reference::adr(number + 1));
        } else {
            a.status = AdrStatus::Accepted;
        }
        if number > 1 {
            a.supersedes.push(Reference::adr(number - 1));
        }
        ws.decisions.push(a);
    }
    ws
}

/// A decision file for `a` (number, title, status and its supersede links).
pub fn record_toml(a: &Adr) -> String {
    let list = |refs: &[Reference]| {
        refs.iter()
            .map(|r| format!("\"{r}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut t = format!(
        "[adr]\nnumber = {}\ntitle = \"{}\"\nstatus = \"{}\"\n",
        a.number,
        a.title,
        a.status.key()
    );
    if !a.supersedes.is_empty() {
        let _ = writeln!(t, "supersedes = [{}]", list(&a.supersedes));
    }
    if !a.superseded_by.is_empty() {
        let _ = writeln!(t, "superseded-by = [{}]", list(&a.superseded_by));
    }
    t
}

/// A workspace folder holding `files` (relative path, text).
pub fn workspace_dir(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        let path = dir.path().join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, text).expect("write");
    }
    dir
}
