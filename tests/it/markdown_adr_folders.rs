//! Real ADR folders as their authors meant them (issue 12): templates are not records,
//! subfolders are part of the folder, folders under other names are found. Fixtures are written
//! by hand in the style of the folders where each class was seen; the shared corpora are read
//! when present.

use crate::support::wh;
use crate::support::{copy_dir, corpus};
use std::path::{Path, PathBuf};

use wheelhouse::workspace::markdown_adr::{read_dir, MarkdownFolder};
use wheelhouse::workspace::{AdrStatus, Reference};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/md-adr")
}

fn kuma_like() -> MarkdownFolder {
    read_dir(&fixtures(), Path::new("kuma-like"), 0)
}

/// A git repository (no wheelhouse.toml) with the kuma-like fixture at `adr_dir`.
fn repo_with_kuma_like_at(adr_dir: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join(".git")).unwrap();
    std::fs::create_dir_all(tmp.path().join("src/deep")).unwrap();
    copy_dir(&fixtures().join("kuma-like"), &tmp.path().join(adr_dir));
    tmp
}

#[test]
fn templates_are_not_records_by_name_or_content() {
    let f = kuma_like();
    let paths: Vec<String> = f
        .files
        .iter()
        .map(|s| s.path.to_string_lossy().into_owned())
        .collect();
    // 000-template.md by its name, 0000-nygard-blank.md by its `# NUMBER. TITLE`,
    // README.md by its name, templates/ is not read
    for p in &paths {
        assert!(!p.contains("template"), "{p} listed: {paths:?}");
        assert!(!p.contains("README"), "{p} listed");
        assert!(!p.contains("blank"), "{p} listed");
    }
    assert_eq!(
        f.templates,
        [PathBuf::from("kuma-like/0000-nygard-blank.md")]
    );
    assert!(
        f.records.iter().all(|a| a.number != 0),
        "no ADR 0: {:?}",
        f.records.iter().map(|a| &a.title).collect::<Vec<_>>()
    );
    // a record with a real title and a placeholder status stays a record, with a warning
    let two = f.records.iter().find(|a| a.number == 2).expect("record 2");
    assert_eq!(two.title, "Split the control plane");
    assert_eq!(two.status, AdrStatus::Unknown);
    assert!(f
        .diagnostics
        .iter()
        .any(|d| d.code == "missing-status" && d.message.contains("placeholder")));
    // a record that quotes the template's title in its text is still a record
    assert!(f
        .records
        .iter()
        .any(|a| a.title == "Use MADR for decisions"));
}

#[test]
fn subfolders_are_part_of_the_folder() {
    let f = kuma_like();
    let mut numbers: Vec<u32> = f.records.iter().map(|a| a.number).collect();
    numbers.sort();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
    let path_of = |n: u32| {
        let a = f.records.iter().find(|a| a.number == n).unwrap();
        f.files[a.origin.file].path.clone()
    };
    assert_eq!(
        path_of(3),
        PathBuf::from("kuma-like/archived/003-use-one-global-zone.md")
    );
    assert_eq!(
        path_of(5),
        PathBuf::from("kuma-like/2021/005-rotate-certificates-monthly.md")
    );
    assert_eq!(
        path_of(4),
        PathBuf::from("kuma-like/004-use-zones-per-region.md")
    );
    // links across the subfolder resolve both ways
    let three = f.records.iter().find(|a| a.number == 3).unwrap();
    assert_eq!(three.superseded_by, [Reference::adr(4)]);
    let four = f.records.iter().find(|a| a.number == 4).unwrap();
    assert!(four.links.contains(&Reference::adr(3)), "{:?}", four.links);
}

#[test]
fn adr_list_shows_subfolder_records_and_no_template() {
    let repo = repo_with_kuma_like_at("docs/adr");
    let out = wh(repo.path(), &["adr", "list"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("Use one global zone"), "{text}");
    assert!(text.contains("Rotate certificates monthly"), "{text}");
    assert!(!text.contains("short title"), "{text}");
    assert!(!text.contains("NUMBER. TITLE"), "{text}");
}

#[test]
fn started_inside_a_subfolder_wh_reads_the_whole_folder_above() {
    let repo = repo_with_kuma_like_at("docs/adr");
    let out = wh(
        &repo.path().join("docs/adr/archived"),
        &["adr", "list", "-v"],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}\n{err}");
    // records of the folder above, not the subfolder alone
    assert!(text.contains("Use MADR for decisions"), "{text}");
    assert!(text.contains("Use one global zone"), "{text}");
    assert!(err.contains("`adr`") && err.contains("docs"), "{err}");

    // a subfolder of a folder under no conventional name: the folder above is read as well
    let repo = repo_with_kuma_like_at("architecture/records-of-2021");
    let out = wh(
        &repo.path().join("architecture/records-of-2021/archived"),
        &["adr", "list", "--verbose"],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("Use MADR for decisions"), "{text}\n{err}");
    assert!(text.contains("Use one global zone"), "{text}");
    assert!(err.contains("part of the ADR folder above"), "{err}");
}

#[test]
fn folders_under_other_names_are_found_and_the_choice_explained() {
    let repo = repo_with_kuma_like_at("docs/madr/decisions");
    for start in [repo.path().to_path_buf(), repo.path().join("src/deep")] {
        let out = wh(&start, &["adr", "list", "--verbose"]);
        let text = String::from_utf8_lossy(&out.stdout);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{text}\n{err}");
        assert!(text.contains("Use zones per region"), "{text}\n{err}");
        assert!(text.contains("Rotate certificates monthly"), "{text}");
        assert!(err.contains("`docs/madr/decisions`"), "{err}");
        assert!(err.contains("named `decisions`"), "{err}");
        // without --verbose, stderr stays quiet
        let quiet = wh(&start, &["adr", "list"]);
        assert!(
            quiet.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&quiet.stderr)
        );
    }
    // an explicit signal wins over the search, and says so
    std::fs::write(repo.path().join(".adr-dir"), "docs/madr/decisions\n").unwrap();
    let out = wh(repo.path(), &["adr", "list", "--verbose"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(".adr-dir"), "{err}");
}

#[test]
fn outside_a_repository_nothing_is_searched_for() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(
        &fixtures().join("kuma-like"),
        &tmp.path().join("docs/madr/decisions"),
    );
    let out = wh(tmp.path(), &["adr", "list"]);
    assert!(
        !out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// The shared corpora, where present: every record listed, no template, no ADR 0.
#[test]
fn corpora_list_no_template() {
    let Some(corpora) = corpus("adr") else {
        return;
    };
    let entries = std::fs::read_dir(&corpora).expect("read the ADR corpus");
    let mut seen = 0;
    for e in entries.filter_map(|e| e.ok()) {
        let name = e.file_name();
        let f = read_dir(&corpora, Path::new(&name), 0);
        let on_disk = std::fs::read_dir(e.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".md"))
            .count();
        // only records were copied: a real record is never taken for a template
        // (JabRef's 0000-use-markdown-architectural-decision-records.md stays record 0)
        assert!(f.templates.is_empty(), "{:?}", f.templates);
        assert_eq!(f.files.len(), on_disk, "{}", e.path().display());
        seen += f.records.len();
    }
    assert!(seen > 0, "the corpora hold records");
}

/// A git repository with a fixture folder as `docs/adr`.
fn repo_with(name: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join(".git")).unwrap();
    copy_dir(&fixtures().join(name), &tmp.path().join("docs/adr"));
    tmp
}

#[test]
fn show_reaches_each_record_of_one_day_by_slug_path_or_name() {
    let repo = repo_with("log4brains-same-day");
    for (reference, title) in [
        ("use-lunr-for-search", "Use Lunr for search"),
        (
            "adr:use-nextjs-for-static-site",
            "Use Next.js for the static site",
        ),
        ("20200925-use-lunr-for-search.md", "Use Lunr for search"),
        (
            "docs/adr/20200925-use-nextjs-for-static-site.md",
            "Use Next.js for the static site",
        ),
        ("keep-adrs-in-git", "Keep ADRs in git"),
    ] {
        let out = wh(repo.path(), &["adr", "show", reference]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{reference}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.contains(title), "{reference}: {text}");
    }
    // the shared number is ambiguous: said, with the candidates, exit 1
    let out = wh(repo.path(), &["adr", "show", "20200925"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty());
    assert!(err.contains("names 2 records"), "{err}");
    assert!(err.contains("20200925-use-lunr-for-search.md"), "{err}");
    assert!(
        err.contains("20200925-use-nextjs-for-static-site.md"),
        "{err}"
    );
    // a name that matches nothing says what is accepted
    let out = wh(repo.path(), &["adr", "show", "use-nothing"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("names no record"));
}

#[test]
fn log4brains_records_of_one_day_are_no_collision_and_import_keeps_both() {
    // decisions-only: `wh check` raises no duplicate-number error for two records of one day
    let repo = repo_with("log4brains-same-day");
    let out = wh(repo.path(), &["check"]);
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{all}");
    assert!(all.starts_with("0 errors"), "{all}");
    let list = wh(repo.path(), &["adr", "list"]);
    let text = String::from_utf8_lossy(&list.stdout);
    assert!(text.contains("Use Lunr for search"), "{text}");
    assert!(text.contains("Use Next.js for the static site"), "{text}");

    // import: both records of the day are kept, numbered afresh, and it says so
    let ws = tempfile::tempdir().unwrap();
    std::fs::write(
        ws.path().join("wheelhouse.toml"),
        "[workspace]\nname = \"Imports\"\nformat = 1\n",
    )
    .unwrap();
    let dir = fixtures().join("log4brains-same-day");
    let out = wh(ws.path(), &["import", "adr", dir.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}\n{err}");
    assert!(text.contains("3 written, 0 skipped"), "{text}\n{err}");
    assert!(
        text.contains("log4brains records have no numbers"),
        "{text}"
    );
    let written: Vec<String> = std::fs::read_dir(ws.path().join("decisions"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(written.len(), 3);
    let moved = written
        .iter()
        .find(|t| t.contains("Use Next.js for the static site"))
        .expect("the second record of the day is written");
    assert!(moved.contains("number = 2\n"), "{moved}");
    assert!(
        moved.contains("slug = \"use-nextjs-for-static-site\""),
        "{moved}"
    );
    // and the result checks without error
    let out = wh(ws.path(), &["check"]);
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("\n0 errors"), "{all}");
}

#[test]
fn two_records_of_one_number_stay_reachable_and_import_renumbers_the_later() {
    // kuma has real pairs (095, 096, 100, 103)
    let repo = repo_with("kuma-like");
    let adr = repo.path().join("docs/adr");
    std::fs::write(
        adr.join("004-use-zones-per-cluster.md"),
        "# Use zones per cluster\n\n* Status: accepted\n* Date: 2021-05-02\n",
    )
    .unwrap();
    let out = wh(repo.path(), &["adr", "show", "4"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("004-use-zones-per-region.md"), "{err}");
    assert!(err.contains("004-use-zones-per-cluster.md"), "{err}");
    let out = wh(repo.path(), &["adr", "show", "004-use-zones-per-cluster"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Use zones per cluster"));

    let ws = tempfile::tempdir().unwrap();
    std::fs::write(
        ws.path().join("wheelhouse.toml"),
        "[workspace]\nname = \"Imports\"\nformat = 1\n",
    )
    .unwrap();
    let out = wh(ws.path(), &["import", "adr", adr.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    // 5 records and the second 004, no template, nothing skipped
    assert!(text.contains("6 written, 0 skipped"), "{text}");
    assert!(
        text.contains("renumbered") && text.contains("from 4 to adr:6"),
        "{text}"
    );
}

#[test]
fn relations_in_front_matter_are_read() {
    let f = read_dir(&fixtures(), Path::new("front-matter-relations"), 0);
    let get = |n: u32| f.records.iter().find(|a| a.number == n).expect("record");
    assert_eq!(get(15).superseded_by, [Reference::adr(16)]);
    assert_eq!(get(16).supersedes, [Reference::adr(15)]);
    let mut links = get(17).links.clone();
    links.sort_by_key(|r| r.adr_number());
    assert_eq!(
        links,
        [Reference::adr(15), Reference::adr(16), Reference::adr(18)]
    );
    assert!(get(18).superseded_by.is_empty());
    assert_eq!(get(18).links, [Reference::adr(17)]);
    assert!(
        f.diagnostics
            .iter()
            .all(|d| d.severity != wheelhouse::workspace::Severity::Error),
        "{:?}",
        f.diagnostics
    );
}

#[test]
fn show_joins_wrapped_list_items_without_control_notation() {
    let repo = repo_with("wrapped-lists");
    let out = wh(repo.path(), &["adr", "show", "41"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!text.contains("^J"), "{text}");
    assert!(
        text.contains(
            "+ the mesh configuration should be entirely derived from the `Service` object"
        ),
        "{text}"
    );
    assert!(
        text.contains("- some settings have no place in the `Service` object"),
        "{text}"
    );
}

#[test]
fn emphasis_around_a_status_is_not_kept() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("0076-use-x.md"),
        "# Use x\n\n* Status: **superseded by [MADR-077](0077-use-y.md)**\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("0077-use-y.md"),
        "# Use y\n\n* Status: accepted\n",
    )
    .unwrap();
    let f = read_dir(tmp.path(), Path::new(""), 0);
    let x = f.records.iter().find(|a| a.number == 76).unwrap();
    assert_eq!(x.status, AdrStatus::Superseded);
    assert_eq!(x.superseded_by, [Reference::adr(77)]);
    let text = x.status_text.as_deref().unwrap_or("");
    assert!(!text.contains("**"), "{text}");
}
