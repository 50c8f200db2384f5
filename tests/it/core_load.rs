//! Loading: a complete workspace loads clean; a broken file hides nothing else.

use crate::support::copy_dir;
use std::path::{Path, PathBuf};

use wheelhouse::workspace::load::{load_scoped, Scope};
use wheelhouse::workspace::{discover, AdrStatus, FileKind, PhaseId, Workspace};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn the_good_fixture_loads_everything_without_a_diagnostic() {
    let ws = Workspace::open(&fixture("good")).unwrap();
    assert!(ws.diagnostics.is_empty(), "{:#?}", ws.diagnostics);
    assert_eq!(ws.meta.name, "Fixture Co");
    assert_eq!(ws.meta.format, 1);
    assert_eq!(ws.phases.len(), 4);
    assert_eq!(
        ws.phases.iter().map(|p| p.id).collect::<Vec<_>>(),
        PhaseId::ALL.to_vec()
    );
    // defaults fill what the file leaves out
    let challenge = ws.phase(PhaseId::Challenge).unwrap();
    assert_eq!(challenge.title, "Challenge & Landscape");
    assert_eq!(challenge.tenets.len(), 3);
    assert_eq!(
        ws.phase(PhaseId::NextAction).unwrap().tenets[0],
        "Code is a liability"
    );
    let wam = ws.metric("weekly-active").unwrap();
    assert_eq!(wam.current(), Some(14500.0));
    assert_eq!(wam.due.as_deref(), Some("2024-06-30"));
    assert_eq!(wam.drives.as_ref().unwrap().to_string(), "metric:revenue");
    let vs = &ws.value_streams[0];
    assert_eq!(vs.steps.len(), 2);
    assert_eq!(vs.activity_ratio(), Some(18.0 / 64.0));
    assert_eq!(ws.reviews[0].scores[&PhaseId::Clarity], vec![1, 2, 0]);
    assert_eq!(ws.pillars[0].name, "Security");

    let map = ws.map("serving").unwrap();
    // file order is display order
    let ids: Vec<&str> = map.components.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["audience", "web", "cdn", "compute", "lambda"]);
    let web = map.component("web").unwrap();
    assert_eq!(web.needs.len(), 2);
    assert_eq!(web.needs[0].to, "cdn");
    assert_eq!(web.needs[0].label.as_deref(), Some("views"));
    assert_eq!(web.evolve, Some(0.8));
    assert_eq!(map.component("cdn").unwrap().sourcing.len(), 2);
    assert_eq!(map.pipelines.len(), 1);
    assert_eq!(map.annotations[0].points.len(), 2);

    let im = ws.impact_map("grow").unwrap();
    assert_eq!(
        im.goal.metric.as_ref().unwrap().to_string(),
        "metric:weekly-active"
    );
    assert_eq!(im.deliverables[0].impacts, ["come-back"]);

    let numbers: Vec<u32> = ws.decisions.iter().map(|a| a.number).collect();
    assert_eq!(numbers, [1, 2, 3]);
    let two = ws.decision(2).unwrap();
    assert_eq!(two.options.len(), 2);
    assert!(two.options[0].chosen);
    assert_eq!(ws.decision(3).unwrap().status, AdrStatus::Superseded);
    // origins point at the header
    assert_eq!(
        (two.origin.line, ws.file_path(two.origin.file).unwrap()),
        (1, Path::new("decisions/0002-serverless.toml"))
    );
    assert!(ws.files.iter().all(|f| !f.broken && f.hash != 0));
}

#[test]
fn a_broken_file_is_listed_and_hides_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("good"), dir.path());
    std::fs::write(
        dir.path().join("decisions/0004-broken.toml"),
        "[adr]\nnumber = 4\ntitle = \"Broken\nstatus = \"accepted\"\n",
    )
    .unwrap();
    // a syntax error in a map too
    std::fs::write(dir.path().join("maps/other.toml"), "[map\ntitle = 1\n").unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let broken: Vec<&Path> = ws
        .files
        .iter()
        .filter(|f| f.broken)
        .map(|f| f.path.as_path())
        .collect();
    assert_eq!(
        broken,
        [
            Path::new("maps/other.toml"),
            Path::new("decisions/0004-broken.toml")
        ]
    );
    // everything else is still there
    assert_eq!(ws.decisions.len(), 3);
    assert_eq!(ws.maps.len(), 1);
    assert_eq!(ws.impact_maps.len(), 1);
    assert_eq!(ws.metrics.len(), 2);
    let d = ws
        .diagnostics
        .iter()
        .find(|d| d.file == Path::new("decisions/0004-broken.toml"))
        .unwrap();
    assert_eq!((d.code, d.line, d.col), ("syntax", 3, 16));
    assert!(d.is_error());
    // the broken decision is listed by path, as a decision file
    assert!(ws
        .files
        .iter()
        .any(|f| f.kind == FileKind::Decision && f.broken));
}

#[test]
fn decisions_scope_skips_maps_and_impact() {
    let located = discover::discover(&fixture("good")).unwrap();
    let ws = load_scoped(&located, Scope::Decisions);
    assert_eq!(ws.decisions.len(), 3);
    assert!(ws.maps.is_empty() && ws.impact_maps.is_empty() && ws.metrics.is_empty());
    // references into maps are not checked, so no false dangling errors
    assert!(ws.diagnostics.is_empty(), "{:#?}", ws.diagnostics);
    assert_eq!(ws.meta.name, "Fixture Co");
}

#[test]
fn many_decisions_load_in_parallel_in_number_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wheelhouse.toml"),
        "[workspace]\nname = \"x\"\nformat = 1\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("decisions")).unwrap();
    for n in (1..=500u32).rev() {
        std::fs::write(
            dir.path().join(format!("decisions/{n:04}-r.toml")),
            format!("[adr]\nnumber = {n}\ntitle = \"Record {n}\"\nstatus = \"accepted\"\nlinks = [\"adr:{}\"]\n", n % 500 + 1),
        )
        .unwrap();
    }
    let located = discover::discover(dir.path()).unwrap();
    let ws = load_scoped(&located, Scope::Decisions);
    assert_eq!(ws.decisions.len(), 500);
    assert!(ws.decisions.windows(2).all(|w| w[0].number < w[1].number));
    // file indices are in path order whatever thread read them
    for a in &ws.decisions {
        let p = ws.file_path(a.origin.file).unwrap();
        assert_eq!(p, Path::new(&format!("decisions/{:04}-r.toml", a.number)));
    }
    assert!(
        ws.diagnostics.iter().all(|d| d.code == "missing-phase"),
        "{:#?}",
        ws.diagnostics
    );
}

#[test]
fn record_zero_loads_and_negative_numbers_are_reported() {
    // adr-tools folders start at `0000-record-architecture-decisions.md`
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wheelhouse.toml"),
        "[workspace]\nname = \"x\"\nformat = 1\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("decisions")).unwrap();
    std::fs::write(
        dir.path().join("decisions/0000-record.toml"),
        "[adr]\nnumber = 0\ntitle = \"Record decisions\"\nstatus = \"accepted\"\nlinks = [\"adr:1\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("decisions/0001-neg.toml"),
        "[adr]\nnumber = -1\ntitle = \"Negative\"\nstatus = \"accepted\"\nlinks = [\"adr:0\"]\n",
    )
    .unwrap();
    let located = discover::discover(dir.path()).unwrap();
    let ws = load_scoped(&located, Scope::Decisions);
    assert_eq!(ws.decisions[0].number, 0);
    assert_eq!(ws.decisions[0].title, "Record decisions");
    let bad: Vec<_> = ws
        .diagnostics
        .iter()
        .filter(|d| d.code != "missing-phase")
        .collect();
    assert_eq!(bad.len(), 1, "{bad:#?}");
    assert_eq!(bad[0].code, "out-of-range");
    assert!(bad[0].file.ends_with("0001-neg.toml"), "{bad:#?}");
    assert!(bad[0].message.contains("from 0"), "{bad:#?}");
}

/// What `adr list` shows of a record: the index scope must give exactly what the full read gives.
fn listed(ws: &Workspace) -> Vec<String> {
    let mut rows: Vec<String> = ws
        .decisions
        .iter()
        .map(|a| {
            format!(
                "{} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
                a.number,
                a.title,
                a.status,
                a.status_text,
                a.date,
                a.tags,
                a.deciders,
                a.supersedes,
                a.superseded_by,
                ws.file_path(a.origin.file),
            )
        })
        .collect();
    rows.extend(
        ws.files
            .iter()
            .filter(|f| f.broken)
            .map(|f| format!("BROKEN {}", f.path.display())),
    );
    rows
}

#[test]
fn the_index_scope_lists_what_the_full_read_lists() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data"),
        dir.path(),
    );
    let d = dir.path().join("decisions");
    // Files the fast reader hands to the full reader: each still listed as the full read lists it.
    let odd = [
        ("0101-unknown-key.toml", "[adr]\nnumber = 101\ntitle = \"Odd\"\nstatus = \"accepted\"\nowner = \"x\"\n"),
        ("0102-no-status.toml", "[adr]\nnumber = 102\ntitle = \"No status\"\n"),
        ("0103-no-title.toml", "[adr]\nnumber = 103\nstatus = \"proposed\"\n"),
        ("0104-bad-status.toml", "[adr]\nnumber = 104\ntitle = \"T\"\nstatus = \"acepted\"\n"),
        ("0105-lone-tag.toml", "[adr]\nnumber = 105\ntitle = \"T\"\nstatus = \"accepted\"\ntags = \"solo\"\n"),
        ("0106-dotted.toml", "adr.number = 106\nadr.title = \"Dotted\"\nadr.status = \"accepted\"\n"),
        ("0107-broken.toml", "[adr]\nnumber = 107\ntitle = \"Unclosed\n"),
        ("0108-duplicate-key.toml", "[adr]\nnumber = 108\ntitle = \"A\"\ntitle = \"B\"\nstatus = \"accepted\"\n"),
        ("0109-bad-escape.toml", "[adr]\nnumber = 109\ntitle = \"A\"\nstatus = \"accepted\"\ncontext = \"\\q\"\n"),
        ("0110-canonical.toml", "[adr]\nnumber = 110\ntitle = \"Fine \\u00e9\"\nstatus = \"superseded\"\nsuperseded-by = [3]\ndate = \"2020-02-29\"\n"),
    ];
    for (name, text) in odd {
        std::fs::write(d.join(name), text).unwrap();
    }
    let located = discover::discover(dir.path()).unwrap();
    let full = load_scoped(&located, Scope::Decisions);
    for bodies in [false, true] {
        let index = load_scoped(&located, Scope::DecisionIndex { bodies });
        assert_eq!(listed(&index), listed(&full), "bodies: {bodies}");
    }
    assert_eq!(full.files.iter().filter(|f| f.broken).count(), 3);
    assert_eq!(full.decisions.len(), 10 + 7);
    // search reads the prose only when asked to
    let lean = load_scoped(&located, Scope::DecisionIndex { bodies: false });
    let rich = load_scoped(&located, Scope::DecisionIndex { bodies: true });
    let first = |ws: &Workspace| {
        ws.decisions
            .iter()
            .find(|a| a.number == 1)
            .unwrap()
            .context
            .clone()
    };
    assert!(first(&lean).is_empty());
    assert_eq!(first(&rich), first(&full));
    assert!(!first(&full).is_empty());
}

/// A named pipe among the decisions is not opened (nobody writes it: the load would wait for
/// ever); it is reported, and the rest of the workspace loads.
#[cfg(unix)]
#[test]
fn a_named_pipe_among_the_records_is_reported_not_opened() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("ws");
    copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data"),
        &root,
    );
    let fifo = root.join("decisions/0099-pipe.toml");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !status.is_ok_and(|s| s.success()) {
        eprintln!("note: mkfifo not available; skipping");
        return;
    }
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(wheelhouse::workspace::Workspace::open(&root).map(|ws| {
            (
                ws.decisions.len(),
                ws.diagnostics
                    .iter()
                    .any(|d| d.code == "not-a-file" && d.file.ends_with("0099-pipe.toml")),
            )
        }));
    });
    let (records, reported) = rx
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("the load finishes")
        .unwrap();
    assert_eq!(records, 10);
    assert!(reported);
}

/// A `.toml` name that cannot be read says why: a name that is not UTF-8, a link to nothing,
/// a link loop (each was "a pipe, socket or device").
#[cfg(unix)]
#[test]
fn files_passed_over_say_why_they_were_not_read() {
    use std::os::unix::ffi::OsStrExt;
    let (_tmp, root) = crate::support::sample_copy();
    let odd = std::ffi::OsStr::from_bytes(b"0013-\xff\xfe.toml");
    std::fs::copy(
        root.join("decisions/0001-record-architecture-decisions.toml"),
        root.join("decisions").join(odd),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        "/nonexistent/x.toml",
        root.join("decisions/0020-dangling.toml"),
    )
    .unwrap();
    std::os::unix::fs::symlink("loop-b.toml", root.join("maps/loop-a.toml")).unwrap();
    std::os::unix::fs::symlink("loop-a.toml", root.join("maps/loop-b.toml")).unwrap();
    let ws = wheelhouse::workspace::Workspace::open(&root).unwrap();
    let said = |end: &str| -> String {
        ws.diagnostics
            .iter()
            .find(|d| d.code == "not-a-file" && d.file.to_string_lossy().ends_with(end))
            .map(|d| d.message.clone())
            .unwrap_or_else(|| panic!("nothing said of {end}: {:#?}", ws.diagnostics))
    };
    assert!(said("0013-\u{FFFD}\u{FFFD}.toml").contains("not UTF-8"));
    assert!(said("0020-dangling.toml").contains("/nonexistent/x.toml, which does not exist"));
    assert!(said("loop-a.toml").contains("loops"));
    // the rest of the workspace is read
    assert_eq!(ws.decisions.len(), 10);
}
