//! The markdown ADR reader against real folders (../shared/corpora/adr): every record file listed,
//! and number, title and status as the files say them. The expected tables in
//! tests/fixtures/corpora-expected/ were written by reading the files, not by running the reader.

use crate::support::corpus;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use wheelhouse::workspace::markdown_adr::{read_dir, MarkdownFolder};
use wheelhouse::workspace::{AdrStatus, Mode, Reference, Workspace};

fn read(name: &str) -> Option<(PathBuf, MarkdownFolder)> {
    let dir = corpus("adr")?.join(name);
    let folder = read_dir(&dir, Path::new(""), 0);
    Some((dir, folder))
}

/// `number → (title, status)` from a hand-written table.
fn expected(name: &str) -> BTreeMap<u32, (String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpora-expected")
        .join(format!("{name}.tsv"));
    let text = std::fs::read_to_string(&path).expect("expected table");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 3, "bad row in {}: {l}", path.display());
            (
                cols[0].parse().expect("number"),
                (cols[1].to_string(), cols[2].to_string()),
            )
        })
        .collect()
}

/// The `.md` files in the folder, counted without the reader.
fn md_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".md"))
        .count()
}

fn check_against_table(name: &str) {
    let Some((dir, folder)) = read(name) else {
        return;
    };
    let want = expected(name);
    let count = md_files(&dir);
    assert_eq!(folder.files.len(), count, "every .md file is listed");
    assert_eq!(folder.records.len(), count, "every file gives a record");
    assert_eq!(want.len(), count, "the expected table covers every file");
    assert!(folder.files.iter().all(|f| !f.broken));
    let mut problems = Vec::new();
    for adr in &folder.records {
        match want.get(&adr.number) {
            None => problems.push(format!("unexpected record {}", adr.number)),
            Some((title, status)) => {
                if &adr.title != title {
                    problems.push(format!(
                        "{}: title {:?}, want {title:?}",
                        adr.number, adr.title
                    ));
                }
                if adr.status.key() != status {
                    problems.push(format!(
                        "{}: status {}, want {status}",
                        adr.number,
                        adr.status.key()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let numbers: std::collections::BTreeSet<u32> =
        folder.records.iter().map(|a| a.number).collect();
    assert_eq!(numbers.len(), count, "no two records share a number");
}

#[test]
fn moj_nygard_folder_matches_the_table() {
    check_against_table("ministryofjustice+modernisation-platform");
}

#[test]
fn jabref_madr_folder_matches_the_table() {
    check_against_table("JabRef+jabref");
}

#[test]
fn moj_emoji_statuses_keep_their_text_and_links() {
    let Some((_, folder)) = read("ministryofjustice+modernisation-platform") else {
        return;
    };
    let adr = |n: u32| folder.records.iter().find(|a| a.number == n).unwrap();
    // `⌛️ Superseded [0019](0019-...)`: superseded, by 19, text kept with its emoji
    assert_eq!(adr(4).status, AdrStatus::Superseded);
    assert_eq!(adr(4).superseded_by, [Reference::adr(19)]);
    assert!(adr(4).status_text.as_deref().unwrap().starts_with('⌛'));
    // `⌛ Superseded` (no U+FE0F), with an explanation kept as a section
    assert_eq!(adr(25).status, AdrStatus::Superseded);
    assert!(adr(25)
        .extra_sections
        .iter()
        .any(|(h, body)| h == "Status" && body.contains("modernisation-platform-environments")));
    assert_eq!(adr(1).status_text.as_deref(), Some("✅ Accepted"));
    assert_eq!(adr(1).date.as_deref(), Some("2020-09-04"));
    assert_eq!(adr(43).status, AdrStatus::Proposed);
    assert!(!adr(1).context.is_empty() && !adr(1).decision.is_empty());
    // `# 30.` in files 0031 and 0032: numbered by the file, with a warning each
    let mismatches: Vec<_> = folder
        .diagnostics
        .iter()
        .filter(|d| d.code == "number-mismatch")
        .map(|d| d.file.to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        mismatches,
        [
            "0031-llms-will-be-hosted-on-the-analytical-platform.md",
            "0032-ncsc-pdns-not-at-platform-level.md"
        ]
    );
    assert!(folder
        .diagnostics
        .iter()
        .all(|d| d.code == "number-mismatch"));
}

#[test]
fn jabref_front_matter_statuses_and_unknowns() {
    let Some((_, folder)) = read("JabRef+jabref") else {
        return;
    };
    let adr = |n: u32| folder.records.iter().find(|a| a.number == n).unwrap();
    assert_eq!(adr(45).superseded_by, [Reference::adr(57)]);
    assert_eq!(adr(57).supersedes, [Reference::adr(45)]);
    assert_eq!(
        adr(57).status_text.as_deref(),
        Some("accepted; supersedes ADR-0045")
    );
    assert_eq!(adr(47).date.as_deref(), Some("2025-07-31"));
    assert_eq!(adr(47).deciders.len(), 5);
    // MADR options, with the chosen one from "Decision Outcome"
    let chosen: Vec<&str> = adr(3)
        .options
        .iter()
        .filter(|o| o.chosen)
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(chosen, ["[Gradle](https://gradle.org/)"]);
    let gradle = adr(3).options.iter().find(|o| o.chosen).unwrap();
    assert!(!gradle.pros.is_empty());
    // 64 records without any status: unknown; the 63 in MADR front matter (where the status is
    // optional) said in one line for the folder, the MADR 2 one with a warning at its title
    let unknown = folder
        .records
        .iter()
        .filter(|a| a.status == AdrStatus::Unknown)
        .count();
    assert_eq!(unknown, 64);
    let missing: Vec<_> = folder
        .diagnostics
        .iter()
        .filter(|d| d.code == "missing-status")
        .collect();
    assert_eq!(missing.len(), 2, "{missing:?}");
    assert!(
        missing
            .iter()
            .any(|d| d.line == 0 && d.message.starts_with("63 records have no status")),
        "{missing:?}"
    );
    let madr2 = missing
        .iter()
        .find(|d| d.file.to_string_lossy().starts_with("0013-"))
        .unwrap();
    assert_eq!((madr2.line, madr2.col), (5, 1));
    assert_eq!(madr2.target, Some(Reference::adr(13)));
}

#[test]
fn decisions_only_mode_opens_a_repository_with_a_docs_adr_folder() {
    let Some(corpora) = corpus("adr") else { return };
    let tmp = tempfile::tempdir().unwrap();
    let adr_dir = tmp.path().join("docs/decisions");
    std::fs::create_dir_all(&adr_dir).unwrap();
    std::fs::create_dir_all(tmp.path().join(".git")).unwrap();
    std::fs::create_dir_all(tmp.path().join("src/deep")).unwrap();
    let src = corpora.join("JabRef+jabref");
    for e in std::fs::read_dir(&src).unwrap().filter_map(|e| e.ok()) {
        std::fs::copy(e.path(), adr_dir.join(e.file_name())).unwrap();
    }
    let ws = Workspace::open(&tmp.path().join("src/deep")).unwrap();
    assert_eq!(ws.mode, Mode::DecisionsOnly);
    assert_eq!(ws.decisions.len(), 70);
    assert_eq!(ws.decision(57).unwrap().supersedes, [Reference::adr(45)]);
}

/// A chosen option whose name holds an apostrophe inside its double quotes is read whole, and
/// marks the right option (JabRef 0025 read "Use Reviewdog", 0027 read nothing).
#[test]
fn a_chosen_option_with_an_apostrophe_is_read_whole() {
    let Some(dir) = crate::support::corpus("adr") else {
        return;
    };
    let jabref = dir.join("JabRef+jabref");
    if !jabref.is_dir() {
        eprintln!("note: {} is absent; skipping", jabref.display());
        return;
    }
    for (n, chosen) in [
        ("25", "Reviewdog's PullRequest review reporter"),
        ("27", "Optimistic offline lock"),
    ] {
        let o = crate::support::wh(&jabref, &["adr", "show", n, "--json"]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
        let picked: Vec<&str> = v["options"]
            .as_array()
            .expect("options")
            .iter()
            .filter(|o| o["chosen"] == true)
            .filter_map(|o| o["name"].as_str())
            .collect();
        assert_eq!(picked.len(), 1, "ADR {n}: {picked:?}");
        assert!(picked[0].contains(chosen), "ADR {n}: {picked:?}");
    }
}
