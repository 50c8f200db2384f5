//! The markdown ADR reader on small fixtures, one folder per dialect plus the tricky cases found
//! in real folders (tests/fixtures/md-adr/), and on generated garbage.

use crate::support::Rng;
use std::path::{Path, PathBuf};

use wheelhouse::workspace::markdown_adr::{find_adr_dir, parse_one, read_dir, MarkdownFolder};
use wheelhouse::workspace::{Adr, AdrSource, AdrStatus, Reference};

fn fixture(name: &str) -> MarkdownFolder {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/md-adr");
    read_dir(&root, Path::new(name), 3)
}

fn adr(folder: &MarkdownFolder, n: u32) -> &Adr {
    folder
        .records
        .iter()
        .find(|a| a.number == n)
        .unwrap_or_else(|| panic!("no record {n}"))
}

fn refs(ns: &[u32]) -> Vec<Reference> {
    ns.iter().map(|n| Reference::adr(*n)).collect()
}

fn codes(folder: &MarkdownFolder, file_suffix: &str) -> Vec<&'static str> {
    folder
        .diagnostics
        .iter()
        .filter(|d| d.file.to_string_lossy().ends_with(file_suffix))
        .map(|d| d.code)
        .collect()
}

#[test]
fn adr_tools_folder() {
    let f = fixture("nygard");
    // README.md and templates/ are not records
    let numbers: Vec<u32> = f.records.iter().map(|a| a.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 7, 49]);
    assert_eq!(f.files.len(), 7);
    assert_eq!(
        f.files[0].path,
        PathBuf::from("nygard/0001-record-architecture-decisions.md")
    );
    // origins index into the workspace's file list, offset by first_file_index
    assert_eq!(adr(&f, 1).origin.file, 3);
    assert_eq!(adr(&f, 1).origin.line, 1);
    assert!(f.records.iter().all(|a| a.source == AdrSource::Nygard));

    let one = adr(&f, 1);
    assert_eq!(one.title, "Record architecture decisions");
    assert_eq!(one.status, AdrStatus::Accepted);
    assert_eq!(one.status_text, None);
    assert_eq!(one.date.as_deref(), Some("2024-05-01"));
    assert!(one.context.starts_with("We need to record"));
    assert!(one.decision.starts_with("We will use"));
    assert_eq!(
        one.consequences,
        "See Michael Nygard's article, linked above."
    );

    // adr-tools deletes `Accepted` and writes `Superceded by`: superseded, by 3
    let two = adr(&f, 2);
    assert_eq!(two.status, AdrStatus::Superseded);
    assert_eq!(two.superseded_by, refs(&[3]));
    let three = adr(&f, 3);
    assert_eq!(three.status, AdrStatus::Accepted);
    assert_eq!(three.supersedes, refs(&[2]));
    assert_eq!(three.links, refs(&[4]));
    // a `#` line inside a code fence stays in the section
    assert!(three.consequences.contains("# rotate the keys first"));
    let four = adr(&f, 4);
    assert_eq!(four.status, AdrStatus::Proposed);
    assert_eq!(four.links, refs(&[3]));
    assert_eq!(four.date.as_deref(), Some("2018-02-05"), "DD/MM/YYYY");
    assert_eq!(
        four.extra_sections,
        [(
            "Notes".to_string(),
            "Kept verbatim: *this* section is not one of Nygard's five.".to_string()
        )]
    );
    let five = adr(&f, 5);
    assert_eq!(five.title, "Two digit year and no dot");
    assert_eq!(five.date.as_deref(), Some("2018-04-10"), "DD/MM/YY");
    assert_eq!(five.status, AdrStatus::Deprecated);
    assert_eq!(adr(&f, 49).status, AdrStatus::Rejected);
    // no H1, only a `# comment` in a code block: the title comes from the file name
    assert_eq!(adr(&f, 7).title, "No title but code");
    assert_eq!(codes(&f, "0007-no-title-but-code.md"), ["missing-title"]);
}

#[test]
fn madr_2_folder() {
    let f = fixture("madr2");
    assert_eq!(f.records.len(), 2, "template.md is not a record");
    let one = adr(&f, 1);
    assert_eq!(one.source, AdrSource::Madr2);
    assert_eq!(one.status, AdrStatus::Superseded);
    assert_eq!(one.superseded_by, refs(&[2]));
    assert!(
        one.links.is_empty(),
        "`Refined by` the same record adds no second edge"
    );
    assert_eq!(one.deciders, ["Ana", "Bo"]);
    assert_eq!(one.date.as_deref(), Some("2021-03-04"));
    assert_eq!(one.drivers, "* low operations effort\n* cost");
    assert_eq!(
        one.decision,
        "Chosen option: \"Managed Postgres\", because it needs no operator."
    );
    assert_eq!(
        one.consequences,
        "### Positive Consequences\n\n* no pager duty for the database\n\n### Negative Consequences\n\n* vendor lock-in"
    );
    assert_eq!(one.options.len(), 2);
    let managed = &one.options[0];
    assert_eq!(managed.name, "Managed Postgres");
    assert!(managed.chosen);
    assert_eq!(managed.description, "Hosted by the cloud provider.");
    assert_eq!(managed.pros, ["backups are built in"]);
    assert_eq!(managed.cons, ["it costs more"]);
    assert!(!one.options[1].chosen);
    assert_eq!(one.options[1].cons, ["somebody must run it"]);
    // the text between the bullets and the first section is kept
    assert_eq!(
        one.extra_sections[0],
        (String::new(), "Technical Story: PAY-123".to_string())
    );
    assert!(one.extra_sections.iter().any(|(h, _)| h == "Links"));

    let two = adr(&f, 2);
    assert_eq!(two.status, AdrStatus::Accepted);
    assert_eq!(
        two.date.as_deref(),
        Some("2021-03-04"),
        "04/03/2021 is day first"
    );
    assert_eq!(two.tags, ["database", "aws"]);
    assert!(f.diagnostics.is_empty(), "{:?}", f.diagnostics);
}

#[test]
fn madr_3_and_4_folder() {
    let f = fixture("madr3");
    assert_eq!(
        f.records.len(),
        3,
        "index.md, adr-template.md and the unfilled template are not records"
    );
    assert!(f.records.iter().all(|a| a.source == AdrSource::Madr3));

    // 0001-unfilled-template.md is the MADR template under a record's name: left out
    // (tests/it/markdown_adr_folders.rs has a record whose status alone is a placeholder)
    assert!(f.records.iter().all(|a| a.number != 1));
    assert_eq!(
        f.templates,
        [PathBuf::from("madr3/0001-unfilled-template.md")]
    );

    let two = adr(&f, 2);
    assert_eq!(two.status, AdrStatus::Accepted);
    assert_eq!(two.deciders, ["Ana", "Bo"]);
    assert_eq!(two.date.as_deref(), Some("2022-11-01"));
    assert_eq!(
        two.consequences,
        "* Good, because tools can read the status\n* Bad, because YAML"
    );
    let madr3 = &two.options[0];
    assert!(madr3.chosen);
    assert_eq!(madr3.pros, ["structured"]);
    assert_eq!(madr3.cons, ["more to write"]);
    assert_eq!(madr3.description, "* Neutral, because it is longer");
    let headings: Vec<&str> = two.extra_sections.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(
        headings,
        ["Validation", "More Information", "Consulted", "Informed"]
    );
    assert_eq!(two.extra_sections[2].1, "Carla");

    // MADR 4: a single decision-maker as a plain string (adrs dropped such records)
    let three = adr(&f, 3);
    assert_eq!(three.deciders, ["alice"]);
    assert_eq!(three.status, AdrStatus::Superseded);
    assert_eq!(three.superseded_by, refs(&[4]));
    assert_eq!(
        three.decision,
        "Chosen option: \"MADR 4\"\n\n### Confirmation\n\nA linter checks the front matter."
    );
    assert_eq!(three.consequences, "* Good, because decision-makers");
    assert_eq!(
        three.extra_sections,
        [(
            "Consulted".to_string(),
            "bob, carol, the architect".to_string()
        )]
    );
    let four = adr(&f, 4);
    assert_eq!(four.status, AdrStatus::Accepted);
    assert_eq!(four.supersedes, refs(&[3]));
    assert_eq!(four.tags, ["process"]);
}

#[test]
fn log4brains_folder() {
    let f = fixture("log4brains");
    assert_eq!(
        f.records.len(),
        2,
        "backlog.md and template.md are not records"
    );
    let slugs = adr(&f, 20201016);
    assert_eq!(slugs.source, AdrSource::Log4brains);
    assert_eq!(slugs.status, AdrStatus::Superseded);
    // log4brains records are named by slug, not by the date standing in for a number
    assert_eq!(slugs.reference(), Reference::adr_slug("use-slugs"));
    assert_eq!(
        slugs.superseded_by,
        [Reference::adr_slug("use-dates-in-names")]
    );
    let dates = adr(&f, 20201029);
    assert_eq!(dates.status, AdrStatus::Accepted);
    assert_eq!(dates.supersedes, [Reference::adr_slug("use-slugs")]);
    assert_eq!(dates.date.as_deref(), Some("2020-10-29"));
    assert_eq!(dates.deciders, ["Thomas"]);
    assert_eq!(dates.tags, ["naming"]);
}

#[test]
fn tricky_cases_from_real_folders() {
    let f = fixture("tricky");
    assert_eq!(f.records.len(), 11, "every record listed, readable or not");
    let s = |n| adr(&f, n).status;
    assert_eq!(s(1), AdrStatus::Superseded, "⌛️ with U+FE0F");
    assert_eq!(adr(&f, 1).superseded_by, refs(&[2]));
    assert_eq!(s(2), AdrStatus::Superseded, "⌛ without U+FE0F");
    // `**Status**: Accepted on 2021-02-06` gives both; the body bullet and the
    // `**Status**: Done` of a sub-section are not statuses
    let three = adr(&f, 3);
    assert_eq!(three.status, AdrStatus::Accepted);
    assert_eq!(three.status_text.as_deref(), Some("Accepted on 2021-02-06"));
    assert_eq!(three.date.as_deref(), Some("2021-02-06"));
    assert!(three.context.contains("**Status**: Done 3/4/21"));
    // unreadable status: unknown, raw text kept, a warning at the status line
    let four = adr(&f, 4);
    assert_eq!(four.status, AdrStatus::Unknown);
    assert_eq!(four.status_text.as_deref(), Some("Done 3/4/21"));
    let d = f
        .diagnostics
        .iter()
        .find(|d| d.code == "unknown-status")
        .unwrap();
    assert_eq!(d.file, PathBuf::from("tricky/0004-unreadable-status.md"));
    assert_eq!((d.line, d.col), (7, 1));
    assert_eq!(d.target, Some(Reference::adr(4)));
    assert_eq!(s(5), AdrStatus::Unknown);
    assert_eq!(codes(&f, "0005-no-status-at-all.md"), ["missing-status"]);
    assert_eq!(s(6), AdrStatus::Rejected);
    assert_eq!(adr(&f, 6).links, refs(&[1]));
    // the title's number disagrees: the file name wins, with a warning
    assert_eq!(adr(&f, 7).title, "The title says thirty");
    assert_eq!(
        codes(&f, "0007-title-number-disagrees.md"),
        ["number-mismatch"]
    );
    assert_eq!(
        adr(&f, 7).status_text.as_deref(),
        Some("✅ Accepted (records existing practice)")
    );
    // Jekyll front matter and a lint comment before the H1: the H1 is the title
    assert_eq!(adr(&f, 8).title, "Store carts in the database");
    assert_eq!(s(8), AdrStatus::Proposed);
    // no headings at all, an empty file: listed, titled from the file name
    assert_eq!(adr(&f, 9).title, "No headings");
    assert_eq!(adr(&f, 10).title, "Empty");
    assert_eq!(s(10), AdrStatus::Unknown);
    // no number anywhere: the next free one, with a warning
    assert_eq!(adr(&f, 11).title, "A record without a number");
    assert_eq!(
        codes(&f, "use-a-record-without-number.md"),
        ["missing-number"]
    );
}

#[test]
fn bom_crlf_and_invalid_utf8_read_like_anything_else() {
    let tmp = tempfile::tempdir().unwrap();
    let lf = "# 1. Title\n\nDate: 2020-01-02\n\n## Status\n\n✅ Accepted\n\n## Context\n\nLine one.\nLine two.\n";
    std::fs::write(tmp.path().join("0001-lf.md"), lf).unwrap();
    let crlf = format!(
        "\u{feff}{}",
        lf.replace("# 1.", "# 2.").replace('\n', "\r\n")
    );
    std::fs::write(tmp.path().join("0002-crlf.md"), crlf).unwrap();
    let mut bad = b"# 3. Bad \xff bytes\n\n## Status\n\nAccepted\n".to_vec();
    bad.push(0xc3);
    std::fs::write(tmp.path().join("0003-bad.md"), bad).unwrap();
    let f = read_dir(tmp.path(), Path::new("."), 0);
    assert_eq!(f.records.len(), 3);
    let (a, b) = (&f.records[0], &f.records[1]);
    assert_eq!(a.title, b.title);
    assert_eq!(a.status, b.status);
    assert_eq!(a.status_text, b.status_text);
    assert_eq!(a.date, b.date);
    assert_eq!(a.context, b.context);
    assert_eq!(b.context, "Line one.\nLine two.");
    assert_eq!(f.records[2].title, "Bad \u{fffd} bytes");
    assert_eq!(f.records[2].status, AdrStatus::Accepted);
    assert_eq!(f.diagnostics.len(), 1, "{:?}", f.diagnostics);
    assert_eq!(f.diagnostics[0].code, "encoding");
    assert_eq!(f.files[0].path, PathBuf::from("0001-lf.md"));
    assert_ne!(f.files[0].hash, f.files[1].hash);
}

#[test]
fn garbage_never_panics_and_never_loses_a_record() {
    const PIECES: [&str; 28] = [
        "# ",
        "## ",
        "### ",
        "Status",
        "\n",
        "\r\n",
        "```",
        "~~~",
        "<!--",
        "-->",
        "---\n",
        "* ",
        "- ",
        "Status: ",
        "accepted",
        "Superseded by ",
        "[",
        "](",
        ")",
        "0003-x.md",
        "ADR-",
        "12",
        ". ",
        "{",
        "|",
        "\u{feff}",
        "⌛️",
        ":",
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..3000 {
        let text: String = if round % 3 == 0 {
            let bytes: Vec<u8> = (0..rng.below(300)).map(|_| rng.next() as u8).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        } else {
            (0..rng.below(60))
                .map(|_| PIECES[rng.below(PIECES.len())])
                .collect()
        };
        let (adr, diags) = parse_one(Path::new("0003-x.md"), &text, 0);
        assert_eq!(adr.number, 3);
        assert!(!adr.title.is_empty());
        assert!(diags.iter().all(|d| d.file == Path::new("0003-x.md")));
        let (adr, _) = parse_one(Path::new("x.md"), &text, 0);
        let _ = adr;
    }
    // and a folder of them, through the parallel path
    let tmp = tempfile::tempdir().unwrap();
    for i in 0..200 {
        let bytes: Vec<u8> = (0..rng.below(500)).map(|_| rng.next() as u8).collect();
        std::fs::write(tmp.path().join(format!("{i:04}-r.md")), bytes).unwrap();
    }
    let f = read_dir(tmp.path(), Path::new(""), 0);
    assert_eq!(f.records.len(), 200);
    assert_eq!(f.files.len(), 200);
    let numbers: Vec<u32> = f.records.iter().map(|a| a.number).collect();
    assert_eq!(numbers, (0..200).collect::<Vec<u32>>());
    assert!(f
        .records
        .iter()
        .enumerate()
        .all(|(i, a)| a.origin.file == i));
}

#[test]
fn finds_the_adr_folder_by_convention() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    assert_eq!(find_adr_dir(root), None);
    // an empty conventional folder is not an ADR folder
    std::fs::create_dir_all(root.join("docs/adr")).unwrap();
    assert_eq!(find_adr_dir(root), None);
    std::fs::write(root.join("docs/adr/0001-x.md"), "# 1. X\n").unwrap();
    assert_eq!(find_adr_dir(root), Some(PathBuf::from("docs/adr")));
    // `.adr-dir` wins (adr-tools)
    std::fs::create_dir_all(root.join("records")).unwrap();
    std::fs::write(root.join(".adr-dir"), "records\n").unwrap();
    assert_eq!(find_adr_dir(root), Some(PathBuf::from("records")));
    // a `.adr-dir` naming a missing folder is ignored
    std::fs::write(root.join(".adr-dir"), "nowhere\n").unwrap();
    assert_eq!(find_adr_dir(root), Some(PathBuf::from("docs/adr")));
}

#[test]
fn finds_log4brains_folder() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("arch/decisions")).unwrap();
    std::fs::write(
        tmp.path().join(".log4brains.yml"),
        "---\nproject:\n  name: x\n  adrFolder: ./arch/decisions\n",
    )
    .unwrap();
    assert_eq!(
        find_adr_dir(tmp.path()),
        Some(PathBuf::from("arch/decisions"))
    );
}

#[test]
fn status_in_a_heading() {
    let (adr, diags) = parse_one(
        Path::new("0003-x.md"),
        "# 3. X\n\n## Status: ✅ Accepted\n\n## Context\n\nWhy.\n",
        0,
    );
    assert_eq!(adr.status, AdrStatus::Accepted);
    assert_eq!(adr.status_text.as_deref(), Some("✅ Accepted"));
    assert_eq!(adr.context, "Why.");
    assert!(diags.is_empty(), "{diags:?}");
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_still_listed() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"0004-caf\xe9.md");
    std::fs::write(
        tmp.path().join(name),
        "# 4. Café\n\n## Status\n\nAccepted\n",
    )
    .unwrap();
    let f = read_dir(tmp.path(), Path::new(""), 0);
    assert_eq!(f.records.len(), 1);
    assert_eq!(f.records[0].title, "Café");
    assert_eq!(f.records[0].status, AdrStatus::Accepted);
    assert_eq!(f.files[0].path, PathBuf::from("0004-caf\u{fffd}.md"));
}
