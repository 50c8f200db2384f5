//! `wh import adr` and `wh export adr` as a person runs them.

use crate::support::wh;
use std::path::{Path, PathBuf};
use std::process::Output;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/md-adr")
        .join(name)
}

/// A git repository with the fixture folder as `docs/adr` and no wheelhouse.toml.
fn repo_with(name: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join(".git")).unwrap();
    std::fs::create_dir_all(tmp.path().join("docs/adr")).unwrap();
    std::fs::create_dir_all(tmp.path().join("src")).unwrap();
    for e in std::fs::read_dir(fixture(name))
        .unwrap()
        .filter_map(|e| e.ok())
    {
        if e.path().is_file() {
            std::fs::copy(e.path(), tmp.path().join("docs/adr").join(e.file_name())).unwrap();
        }
    }
    tmp
}

fn workspace() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("wheelhouse.toml"),
        "[workspace]\nname = \"Imports\"\nformat = 1\n",
    )
    .unwrap();
    tmp
}

#[test]
fn export_reads_a_markdown_folder_in_decisions_only_mode() {
    let repo = repo_with("nygard");
    let o = wh(
        &repo.path().join("src"),
        &["export", "adr", "adr:3", "--format", "madr"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = stdout(&o);
    assert!(text.starts_with("---\nstatus: \"accepted; supersedes ADR-0002\"\ndate: 2024-05-02\n---\n\n# Use event sourcing for ledger\n"), "{text}");
    assert!(text.contains("## Context and Problem Statement\n\nAuditors want every change.\n"));

    let o = wh(
        &repo.path().join("src"),
        &["export", "adr", "0002", "--format", "nygard"],
    );
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.starts_with("# 2. Use CRUD tables for ledger\n\nDate: 2024-05-01\n\n## Status\n\nSuperseded\n\nSuperseded by [3. Use event sourcing for ledger](0003-use-event-sourcing-for-ledger.md)\n"), "{text}");

    let o = wh(repo.path(), &["export", "adr", "99", "--format", "madr"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no adr:99"));
}

#[test]
fn export_keeps_escape_sequences_from_reaching_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("docs/adr")).unwrap();
    std::fs::write(
        tmp.path().join("docs/adr/0001-evil.md"),
        "# 1. Evil \u{1b}]0;pwned\u{7} title\n\n## Status\n\nAccepted\n\n## Context\n\n```make\nall:\n\techo ok\n```\n",
    )
    .unwrap();
    let o = wh(tmp.path(), &["export", "adr", "1", "--format", "nygard"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = stdout(&o);
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'));
    // the markdown escaper writes controls as character references (and escapes the `]`)
    assert!(
        text.contains(r"# 1. Evil &#x1B;\]0;pwned&#x7; title"),
        "{text}"
    );
    assert!(text.contains("\techo ok"), "tabs in code blocks are kept");
}

#[test]
fn import_writes_toml_records_and_never_overwrites() {
    let ws = workspace();
    let dir = fixture("madr2");
    let o = wh(ws.path(), &["import", "adr", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(
        out.contains("wrote decisions/0001-use-managed-postgres.toml (adr:1)"),
        "{out}"
    );
    assert!(out.contains("wrote decisions/0002-use-aurora.toml (adr:2)"));
    assert!(out.contains("2 markdown records read from"));
    assert!(out.contains("2 written, 0 skipped"));
    let written =
        std::fs::read_to_string(ws.path().join("decisions/0001-use-managed-postgres.toml"))
            .unwrap();
    assert!(written.contains("status = \"superseded\"\n"));
    assert!(written.contains("superseded-by = [\"adr:2\"]\n"));

    let loaded = wheelhouse::workspace::Workspace::open(ws.path()).unwrap();
    assert_eq!(loaded.decisions.len(), 2);
    let one = loaded.decision(1).unwrap();
    assert_eq!(one.title, "Use managed Postgres");
    assert_eq!(one.options.len(), 2);
    assert!(one.options[0].chosen);

    // a second run writes nothing and touches nothing
    std::fs::write(
        ws.path().join("decisions/0002-use-aurora.toml"),
        "# edited by hand\n",
    )
    .unwrap();
    let o = wh(ws.path(), &["import", "adr", dir.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(
        stdout(&o).contains("0 written, 2 skipped"),
        "{}",
        stdout(&o)
    );
    assert!(err.contains("adr:1 already exists"), "{err}");
    assert_eq!(
        std::fs::read_to_string(ws.path().join("decisions/0002-use-aurora.toml")).unwrap(),
        "# edited by hand\n"
    );
}

#[test]
fn import_reports_records_without_status() {
    let ws = workspace();
    let o = wh(
        ws.path(),
        &["import", "adr", fixture("tricky").to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.contains("11 written, 0 skipped"), "{out}");
    assert!(out.contains("written without a status"), "{out}");
    assert!(out.contains("adr:4, adr:5, adr:9, adr:10"), "{out}");
    let four = std::fs::read_to_string(
        ws.path()
            .join("decisions/0004-a-status-nobody-can-read.toml"),
    )
    .unwrap();
    assert!(!four.contains("\nstatus ="));
    assert!(four.contains("status-text = \"Done 3/4/21\""));
}

#[test]
fn import_needs_a_workspace() {
    let repo = repo_with("nygard");
    let o = wh(repo.path(), &["import", "adr", "docs/adr"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("wh init"));
    let o = wh(repo.path(), &["import", "adr", "no/such/folder"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a folder"));
}

/// A folder whose records end their lines with CRLF gets a new record that does too (it was
/// written with LF), tags and front matter included, and reads back whole.
#[test]
fn a_new_record_in_a_crlf_folder_is_crlf() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("docs/decisions");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::create_dir_all(tmp.path().join(".git")).unwrap();
    for (n, title) in [(1, "Use MADR"), (2, "Use Rust")] {
        let text = format!(
            "---\nstatus: accepted\ndate: 2024-01-0{n}\nparent: Decisions\n---\n\n# {title}\n\n\
             ## Context and Problem Statement\n\nWhy.\n\n## Decision Outcome\n\nChosen option: \"A\".\n"
        )
        .replace('\n', "\r\n");
        std::fs::write(dir.join(format!("000{n}-x.md")), text).unwrap();
    }
    let o = wh(tmp.path(), &["adr", "new", "Use CRLF", "--tag", "io"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rel = stdout(&o).trim().to_string();
    let bytes = std::fs::read(tmp.path().join(&rel)).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "a bare LF: {text:?}"
    );
    assert!(text.contains("parent: Decisions\r\n"), "{text:?}");
    let o = wh(tmp.path(), &["adr", "show", "3", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["title"], "Use CRLF");
    assert_eq!(v["tags"], serde_json::json!(["io"]));
}
