//! Round trip against adr-tools itself: the same history made once by `adr` alone and once with
//! `wh adr` taking some of the steps gives the same folder, byte for byte, and `adr list` /
//! `adr generate toc` read it the same way. Skipped (with a note) when `adr` is not installed
//! (`.ci/run` installs the Debian package `adr-tools`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::adr_tools::{adr, have_adr, repo, DATE};
use crate::support::{stdout as text, wh_bin};

fn wh(dir: &Path, args: &[&str]) -> Output {
    let o = wh_bin()
        .args(args)
        .current_dir(dir)
        .env("ADR_DATE", DATE)
        .env("NO_COLOR", "1")
        .output()
        .expect("run wh");
    assert!(
        o.status.success(),
        "wh {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// Two fresh adr-tools repositories, one for `adr` alone and one where `wh` takes turns; `None`
/// (the test skips) without adr-tools.
fn two_repos() -> Option<(tempfile::TempDir, PathBuf, PathBuf)> {
    if !have_adr() {
        return None;
    }
    let tmp = tempfile::tempdir().unwrap();
    let by_adr = repo(tmp.path(), "adr-only");
    let with_wh = repo(tmp.path(), "with-wh");
    Some((tmp, by_adr, with_wh))
}

fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read_to_string(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn wh_new_and_supersede_write_what_adr_tools_writes() {
    let Some((_tmp, by_adr, with_wh)) = two_repos() else {
        return;
    };

    // adr-tools alone
    adr(
        &by_adr,
        &["new", "Use", "PostgreSQL", "for", "the", "ledger"],
    );
    adr(&by_adr, &["new", "-s", "2", "Use", "event", "sourcing"]);
    adr(&by_adr, &["new", "Deploy on Fridays (never!)"]);
    adr(&by_adr, &["new", "-s", "4", "Deploy", "any", "day"]);

    // the same history, wh taking turns
    let o = wh(
        &with_wh,
        &["adr", "new", "Use", "PostgreSQL", "for", "the", "ledger"],
    );
    assert_eq!(text(&o), "doc/adr/0002-use-postgresql-for-the-ledger.md\n");
    adr(&with_wh, &["new", "-s", "2", "Use", "event", "sourcing"]);
    wh(&with_wh, &["adr", "new", "Deploy on Fridays (never!)"]);
    wh(
        &with_wh,
        &["adr", "new", "--supersedes", "4", "Deploy", "any", "day"],
    );

    assert_eq!(
        files(&by_adr.join("doc/adr")),
        files(&with_wh.join("doc/adr"))
    );
    assert_eq!(
        text(&adr(&by_adr, &["list"])),
        text(&adr(&with_wh, &["list"]))
    );
    assert_eq!(
        text(&adr(&by_adr, &["generate", "toc"])),
        text(&adr(&with_wh, &["generate", "toc"]))
    );

    // and wh reads what adr-tools wrote as adr-tools means it
    let o = wh(&with_wh, &["adr", "list"]);
    let list = text(&o);
    let statuses: Vec<&str> = list
        .lines()
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    assert_eq!(
        statuses,
        [
            "accepted",
            "superseded",
            "accepted",
            "superseded",
            "accepted"
        ],
        "{list}"
    );
}

#[test]
fn wh_status_superseded_by_is_adr_new_s_on_the_old_record() {
    let Some((_tmp, by_adr, with_wh)) = two_repos() else {
        return;
    };
    adr(&by_adr, &["new", "First"]);
    adr(&by_adr, &["new", "-s", "2", "Second"]);
    // wh: the new record first, then the supersede as a status change
    adr(&with_wh, &["new", "First"]);
    adr(&with_wh, &["new", "Second"]);
    let o = wh(&with_wh, &["adr", "status", "2", "superseded", "--by", "3"]);
    assert!(
        text(&o).contains("adr:2 is now superseded by adr:3"),
        "{}",
        text(&o)
    );
    assert_eq!(
        files(&by_adr.join("doc/adr")),
        files(&with_wh.join("doc/adr"))
    );
    assert_eq!(
        text(&adr(&by_adr, &["generate", "toc"])),
        text(&adr(&with_wh, &["generate", "toc"]))
    );
    // again: nothing changes, exit 0
    let o = wh(&with_wh, &["adr", "status", "2", "superseded", "--by", "3"]);
    assert!(text(&o).contains("already superseded"), "{}", text(&o));
    assert_eq!(
        files(&by_adr.join("doc/adr")),
        files(&with_wh.join("doc/adr"))
    );
}

#[test]
fn wh_link_is_adr_link() {
    let Some((_tmp, by_adr, with_wh)) = two_repos() else {
        return;
    };
    adr(&by_adr, &["new", "First"]);
    adr(&by_adr, &["new", "Second"]);
    adr(&by_adr, &["link", "3", "Amends", "2", "Amended by"]);
    adr(&with_wh, &["new", "First"]);
    adr(&with_wh, &["new", "Second"]);
    wh(&with_wh, &["adr", "link", "3", "2", "--kind", "amends"]);
    assert_eq!(
        files(&by_adr.join("doc/adr")),
        files(&with_wh.join("doc/adr"))
    );
}

#[test]
fn a_status_change_is_read_by_adr_tools_and_wh_alike() {
    if !have_adr() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = repo(tmp.path(), "repo");
    adr(&root, &["new", "First"]);
    let file = root.join("doc/adr/0002-first.md");
    let before = fs::read_to_string(&file).unwrap();
    wh(&root, &["adr", "status", "2", "deprecated"]);
    let after = fs::read_to_string(&file).unwrap();
    assert_eq!(after, before.replace("\nAccepted\n", "\nDeprecated\n"));
    let list = text(&wh(&root, &["adr", "list"]));
    assert!(
        list.lines().nth(1).unwrap().contains("deprecated"),
        "{list}"
    );
    // adr-tools still finds every record
    assert_eq!(text(&adr(&root, &["list"])).lines().count(), 2);
}
