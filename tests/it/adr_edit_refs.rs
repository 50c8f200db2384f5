//! The `wh adr` edit commands reach a record by any REF (number, `adr:N`, slug, `adr:slug`,
//! path), through the one resolver `adr show` uses (issue 12): two log4brains records of one day
//! share a date "number" and real MADR folders hold two `0095-…` files, so editing by such a
//! number is refused with the candidates and the edit goes to exactly the record named — in the
//! CLI and from the Decisions pane.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::tui::{open, press, render};
use crate::support::{copy_dir, stderr, wh_at};
use wheelhouse::workspace::{AdrStatus, Reference};

const LUNR: &str = "docs/adr/20200925-use-lunr-for-search.md";
const NEXTJS: &str = "docs/adr/20200925-use-nextjs-for-static-site.md";
const KEEP: &str = "docs/adr/20201002-keep-adrs-in-git.md";

/// A git repository (decisions-only) with the log4brains same-day fixture at `docs/adr`.
fn log4brains_repo() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join(".git")).unwrap();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/md-adr/log4brains-same-day");
    copy_dir(&fixture, &tmp.path().join("docs/adr"));
    tmp
}

/// A MADR folder with two records numbered 0095, as kuma has.
fn madr_pair_repo() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join(".git")).unwrap();
    let dir = tmp.path().join("docs/adr");
    fs::create_dir_all(&dir).unwrap();
    for (name, title) in [
        ("0094-use-envoy.md", "Use Envoy"),
        ("0095-split-the-control-plane.md", "Split the control plane"),
        (
            "0095-sign-tokens-with-ed25519.md",
            "Sign tokens with Ed25519",
        ),
    ] {
        fs::write(
            dir.join(name),
            format!(
                "# {title}\n\n* Status: proposed\n* Date: 2021-03-04\n\n## Context and Problem Statement\n\nWhy {title}.\n\n## Decision Outcome\n\nChosen option: \"{title}\".\n"
            ),
        )
        .unwrap();
    }
    tmp
}

fn read(root: &Path, rel: &str) -> String {
    fs::read_to_string(root.join(rel)).unwrap()
}

fn snapshot(root: &Path, rels: &[&str]) -> Vec<(PathBuf, String)> {
    rels.iter()
        .map(|r| (PathBuf::from(r), read(root, r)))
        .collect()
}

#[test]
fn a_slug_edits_only_that_record_of_the_day() {
    let repo = log4brains_repo();
    let root = repo.path();
    let before = snapshot(root, &[LUNR, NEXTJS, KEEP]);
    for reference in [
        "use-nextjs-for-static-site",
        "adr:use-nextjs-for-static-site",
    ] {
        let out = wh_at(root, &["adr", "tag", reference, "web,site"]);
        assert!(out.status.success(), "{reference}: {}", stderr(&out));
    }
    let out = wh_at(
        root,
        &[
            "adr",
            "status",
            "adr:use-nextjs-for-static-site",
            "deprecated",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        read(root, LUNR),
        before[0].1,
        "the other record of the day is untouched"
    );
    assert_eq!(read(root, KEEP), before[2].1);
    let after = read(root, NEXTJS);
    assert_ne!(after, before[1].1);
    assert!(after.contains("web, site"), "{after}");
    assert!(after.to_lowercase().contains("deprecated"), "{after}");
    // by path and by file name too
    let out = wh_at(root, &["adr", "status", NEXTJS, "accepted"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = wh_at(
        root,
        &[
            "adr",
            "rename",
            "20200925-use-nextjs-for-static-site.md",
            "Use Astro for the static site",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(root
        .join("docs/adr/20200925-use-astro-for-the-static-site.md")
        .is_file());
    assert!(!root.join(NEXTJS).exists());
    assert_eq!(read(root, LUNR), before[0].1);
}

#[test]
fn the_shared_date_number_is_refused_listing_both() {
    let repo = log4brains_repo();
    let root = repo.path();
    let before = snapshot(root, &[LUNR, NEXTJS, KEEP]);
    for args in [
        &["adr", "status", "20200925", "deprecated"][..],
        &["adr", "tag", "adr:20200925", "x"],
        &["adr", "rename", "20200925", "Anything"],
        &["adr", "link", "keep-adrs-in-git", "20200925"],
        &[
            "adr",
            "status",
            "keep-adrs-in-git",
            "superseded",
            "--by",
            "20200925",
        ],
    ] {
        let out = wh_at(root, args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("names 2 records"), "{args:?}: {err}");
        for (path, slug) in [
            (LUNR, "use-lunr-for-search"),
            (NEXTJS, "use-nextjs-for-static-site"),
        ] {
            assert!(err.contains(path), "{args:?}: {err}");
            assert!(err.contains(slug), "{args:?}: {err}");
        }
    }
    assert_eq!(
        snapshot(root, &[LUNR, NEXTJS, KEEP]),
        before,
        "nothing written"
    );
    let out = wh_at(root, &["adr", "status", "use-nothing", "accepted"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("names no record"), "{}", stderr(&out));
}

#[test]
fn relations_to_a_log4brains_record_name_its_file_and_read_back_as_its_slug() {
    let repo = log4brains_repo();
    let root = repo.path();
    let lunr_before = read(root, LUNR);
    let out = wh_at(
        root,
        &[
            "adr",
            "link",
            "keep-adrs-in-git",
            "use-nextjs-for-static-site",
            "--kind",
            "amends",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = wh_at(
        root,
        &[
            "adr",
            "status",
            "use-lunr-for-search",
            "superseded",
            "--by",
            "keep-adrs-in-git",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let ws = wheelhouse::workspace::Workspace::open(root).unwrap();
    let keep = ws
        .decision_by(&Reference::adr_slug("keep-adrs-in-git"))
        .unwrap();
    assert!(
        keep.links
            .contains(&Reference::adr_slug("use-nextjs-for-static-site"))
            || keep
                .link_verbs
                .iter()
                .any(|(r, _)| *r == Reference::adr_slug("use-nextjs-for-static-site")),
        "{keep:?}"
    );
    assert!(
        keep.supersedes
            .contains(&Reference::adr_slug("use-lunr-for-search")),
        "{keep:?}"
    );
    let lunr = ws
        .decision_by(&Reference::adr_slug("use-lunr-for-search"))
        .unwrap();
    assert_eq!(lunr.status, AdrStatus::Superseded);
    assert_eq!(
        lunr.superseded_by,
        [Reference::adr_slug("keep-adrs-in-git")]
    );
    assert!(read(root, LUNR).contains("20201002-keep-adrs-in-git.md"));
    assert_ne!(read(root, LUNR), lunr_before);

    // back to accepted: the supersedes line in keep-adrs-in-git goes, the amends line to the
    // other record of that day stays (the date is shared; the file is not)
    let out = wh_at(root, &["adr", "status", "use-lunr-for-search", "accepted"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let keep_text = read(root, KEEP);
    assert!(!keep_text.contains("Supersedes"), "{keep_text}");
    assert!(
        keep_text.contains("20200925-use-nextjs-for-static-site.md"),
        "{keep_text}"
    );

    // unlink by slug removes that record's line only
    let out = wh_at(
        root,
        &[
            "adr",
            "unlink",
            "keep-adrs-in-git",
            "use-nextjs-for-static-site",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let keep_text = read(root, KEEP);
    assert!(!keep_text.contains("Amends"), "{keep_text}");
    assert!(
        keep_text.contains("20200925-use-lunr-for-search.md"),
        "the body's link stays: {keep_text}"
    );
}

#[test]
fn a_duplicate_madr_number_is_refused_and_reached_by_path() {
    let repo = madr_pair_repo();
    let root = repo.path();
    let split = "docs/adr/0095-split-the-control-plane.md";
    let sign = "docs/adr/0095-sign-tokens-with-ed25519.md";
    let before = snapshot(root, &[split, sign]);
    let out = wh_at(root, &["adr", "status", "95", "accepted"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(split) && err.contains(sign), "{err}");
    assert!(err.contains("sign-tokens-with-ed25519"), "{err}");
    assert_eq!(snapshot(root, &[split, sign]), before);

    let out = wh_at(root, &["adr", "status", sign, "accepted"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        read(root, split),
        before[0].1,
        "the other 0095 is untouched"
    );
    assert!(
        read(root, sign).contains("Status: accepted"),
        "{}",
        read(root, sign)
    );
    // and by the slug after the number
    let out = wh_at(root, &["adr", "tag", "split-the-control-plane", "mesh"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(read(root, split).contains("mesh"));
    // a number only one record has still works
    let out = wh_at(root, &["adr", "status", "94", "accepted"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn the_decisions_pane_sets_the_status_of_the_selected_same_day_record() {
    let repo = log4brains_repo();
    let root = repo.path();
    let before = snapshot(root, &[LUNR, NEXTJS, KEEP]);
    let mut app = open(root);
    // the decisions-only cockpit opens on the records, in date order: down to the second
    press(&mut app, &["j"]);
    assert_eq!(
        app.selected_item(),
        Some(Reference::adr_slug("use-nextjs-for-static-site"))
    );
    // S: accepted → deprecated is the first choice
    press(&mut app, &["S", "enter"]);
    assert_eq!(
        read(root, LUNR),
        before[0].1,
        "the first record of the day is untouched"
    );
    assert_eq!(read(root, KEEP), before[2].1);
    let after = read(root, NEXTJS);
    assert!(after.contains("Status: deprecated"), "{after}");
    let adr = app
        .ws
        .decision_by(&Reference::adr_slug("use-nextjs-for-static-site"))
        .unwrap();
    assert_eq!(adr.status, AdrStatus::Deprecated);
    // r: the rename prompt names the record by its slug, which the rename keeps
    press(&mut app, &["r"]);
    let screen = render(&mut app, 100, 30);
    assert!(
        screen.contains("Rename use-nextjs-for-static-site (its slug stays)"),
        "{screen}"
    );
}

#[test]
fn the_decisions_pane_edits_the_selected_record_of_a_shared_number() {
    let repo = madr_pair_repo();
    let root = repo.path();
    let split = "docs/adr/0095-split-the-control-plane.md";
    let sign = "docs/adr/0095-sign-tokens-with-ed25519.md";
    let mut app = open(root);
    // 0094, then the two 0095s in the order the list shows them
    press(&mut app, &["j", "j"]);
    let ws = &app.ws;
    let third = &ws.decisions[2];
    let third_path = ws.file_path(third.origin.file).unwrap().to_path_buf();
    let other = if third_path == Path::new(split) {
        sign
    } else {
        split
    };
    let other_before = read(root, other);
    press(&mut app, &["S", "enter"]);
    assert!(
        read(root, third_path.to_str().unwrap()).contains("Status: accepted"),
        "{}",
        read(root, third_path.to_str().unwrap())
    );
    assert_eq!(
        read(root, other),
        other_before,
        "the other 0095 is untouched"
    );
}
