//! A header-only read (`Detail::Headers`, what `wh adr list` loads) gives exactly the header fields,
//! files and diagnostics of a full read, on the generated 10,000-record layout, on the real folders
//! in ../shared/corpora/adr, on the dialect fixtures, and on broken and garbage files.

#[path = "../../examples/gen-workspace.rs"]
#[allow(dead_code)]
mod gen;

use crate::support::{corpus, corpus_folders};
use std::path::Path;

use wheelhouse::workspace::markdown_adr::{read_dir_with, Detail, MarkdownFolder};
use wheelhouse::workspace::{discover, load, Adr};

/// Everything `wh adr list` and `wh adr list --json` print about a record, and where it is.
fn header(a: &Adr) -> String {
    format!(
        "{} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
        a.number,
        a.title,
        a.status,
        a.status_text,
        a.date,
        a.tags,
        a.deciders,
        a.supersedes,
        a.superseded_by,
        a.source,
        a.origin
    )
}

/// Reads `root/dir` both ways and checks they agree; returns how many records were compared.
fn same_headers(root: &Path, dir: &Path) -> usize {
    let full = read_dir_with(root, dir, 5, Detail::Full);
    let headers = read_dir_with(root, dir, 5, Detail::Headers);
    assert_same(&full, &headers, &root.join(dir));
    full.records.len()
}

fn assert_same(full: &MarkdownFolder, headers: &MarkdownFolder, what: &Path) {
    let files = |f: &MarkdownFolder| {
        f.files
            .iter()
            .map(|s| format!("{} {:?} {}", s.path.display(), s.kind, s.broken))
            .collect::<Vec<_>>()
    };
    assert_eq!(files(full), files(headers), "files of {}", what.display());
    // the write guard is left out of a listing
    assert!(headers.files.iter().all(|f| f.hash == 0));
    assert!(full.files.iter().all(|f| f.hash != 0 || f.broken));
    assert_eq!(
        full.records.len(),
        headers.records.len(),
        "records of {}",
        what.display()
    );
    for (f, h) in full.records.iter().zip(&headers.records) {
        assert_eq!(header(f), header(h), "in {}", what.display());
        // what a header-only read leaves out
        assert!(h.context.is_empty() && h.decision.is_empty() && h.consequences.is_empty());
        assert!(h.drivers.is_empty() && h.options.is_empty() && h.extra_sections.is_empty());
        assert!(h.links.is_empty());
    }
    let diags = |f: &MarkdownFolder| {
        f.diagnostics
            .iter()
            .map(|d| format!("{d} {:?}", d.target))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        diags(full),
        diags(headers),
        "diagnostics of {}",
        what.display()
    );
}

#[test]
fn generated_folder() {
    let tmp = tempfile::tempdir().expect("temp dir");
    gen::generate(&gen::Options {
        adrs: 1500,
        components: 10,
        seed: 42,
        force: false,
        out: tmp.path().to_path_buf(),
    })
    .expect("generate");
    let md = tmp.path().join("md");
    let n = same_headers(&md, Path::new("doc/adr"));
    assert_eq!(n, 1500);
    // the generator writes superseded records and links: the comparison covers them
    let full = read_dir_with(&md, Path::new("doc/adr"), 0, Detail::Full);
    assert!(full.records.iter().any(|a| !a.superseded_by.is_empty()));
    assert!(full.records.iter().any(|a| !a.supersedes.is_empty()));
    assert!(full.records.iter().any(|a| !a.context.is_empty()));
}

#[test]
fn real_folders() {
    if corpus("adr").is_none() {
        return;
    }
    let folders = corpus_folders("adr");
    assert!(!folders.is_empty());
    for folder in folders {
        assert!(
            same_headers(&folder, Path::new("")) > 0,
            "{}",
            folder.display()
        );
    }
}

#[test]
fn dialect_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/md-adr");
    for name in ["nygard", "madr2", "madr3", "log4brains", "tricky"] {
        assert!(same_headers(&root, Path::new(name)) > 0, "{name}");
    }
}

/// Relations in every place a header can get them: the status line, adr-tools link lines, a
/// `## Links` section, front matter with a `## Status` section kept as text; statuses in a
/// heading, in bullets, unreadable and missing; an unreadable file and invalid UTF-8.
#[test]
fn broken_and_odd_files() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let files: [(&str, &[u8]); 9] = [
        (
            "0001-a.md",
            b"# 1. A\n\nDate: 2020-01-02\n\n## Status\n\nSuperseded by [2. B](0002-b.md)\n\nAmends [3. C](0003-c.md)\n\n## Context\n\nSee [4](0004-d.md).\n",
        ),
        (
            "0002-b.md",
            b"# 2. B\n\n## Status\n\nAccepted\n\nSupercedes [1. A](0001-a.md)\n\n## Links\n\n* Replaces ADR-0006\n",
        ),
        (
            "0003-c.md",
            b"---\nstatus: accepted; supersedes ADR-0005\ndate: 05/02/18\ndeciders: [Ana, Bo]\ntags: x, y\n---\n# C\n\n## Status\n\nSuperseded by [7](0007-g.md)\n",
        ),
        (
            "0004-d.md",
            b"# 4. D\n\n* Status: \xe2\x9c\x85 Accepted\n* Deciders: Ana\n* Date: 2021-13-40\n\n## Context and Problem Statement\n\nx\n",
        ),
        ("0005-e.md", b"# 5. E\n\n## Status: Done 3/4/21\n\nText.\n"),
        ("0006-f.md", b"# Title without number\n\nNo status here.\n"),
        ("0007-g.md", b"# 7. G \xff\n\n## Status\n\nProposed\n"),
        ("0008-h.md", b""),
        ("x.md", b"```\n# not a title\n```\n"),
    ];
    for (name, bytes) in files {
        std::fs::write(tmp.path().join(name), bytes).expect("write");
    }
    // a record that cannot be read: listed and flagged by both reads
    #[cfg(unix)]
    std::os::unix::fs::symlink(tmp.path().join("gone.md"), tmp.path().join("0009-gone.md"))
        .expect("symlink");
    let full = read_dir_with(tmp.path(), Path::new(""), 0, Detail::Full);
    let headers = read_dir_with(tmp.path(), Path::new(""), 0, Detail::Headers);
    assert_same(&full, &headers, tmp.path());
    #[cfg(unix)]
    assert!(headers.files.iter().any(|f| f.broken));
    assert!(full.records.iter().any(|a| !a.links.is_empty()));
    assert!(headers.diagnostics.len() >= 4, "{:?}", headers.diagnostics);
}

/// Garbage made from markdown fragments: the two reads never disagree.
#[test]
fn garbage() {
    const PIECES: [&str; 16] = [
        "# 12. Title\n",
        "## Status\n",
        "Accepted\n",
        "Superseded by [3. X](0003-x.md)\n",
        "```\n",
        "<!--\n",
        "-->\n",
        "---\n",
        "status: proposed\n",
        "* Status: rejected\n",
        "## Links\n",
        "Amends ADR-0004 and #5\n",
        "Date: 2020-02-30\n",
        "## Decision Outcome\n",
        "\u{2705} text \r\n",
        "\n",
    ];
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for n in 0..200 {
        let mut text = String::new();
        for _ in 0..12 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
        }
        std::fs::write(tmp.path().join(format!("{n:04}-g.md")), text).expect("write");
    }
    assert_eq!(same_headers(tmp.path(), Path::new("")), 200);
}

/// The loader reads markdown folders header-only for `adr list` and in full for everything else;
/// both give the same list.
#[test]
fn loader_scopes_agree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/md-adr/nygard");
    let located = discover::discover(&root).expect("decisions-only folder");
    let list = load::load_scoped(&located, load::Scope::DecisionIndex { bodies: false });
    let search = load::load_scoped(&located, load::Scope::DecisionIndex { bodies: true });
    assert!(!list.decisions.is_empty());
    let h =
        |ws: &wheelhouse::workspace::Workspace| ws.decisions.iter().map(header).collect::<Vec<_>>();
    assert_eq!(h(&list), h(&search));
    assert!(list.decisions.iter().all(|a| a.context.is_empty()));
    assert!(search.decisions.iter().any(|a| !a.context.is_empty()));
}
