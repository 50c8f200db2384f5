//! Real ADR folders as their authors meant them (issue 12): templates are not records,
//! subfolders are part of the folder, folders under other names are found. Fixtures are written
//! by hand in the style of the folders where each class was seen; the shared corpora are read
//! when present.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use wheelhouse::workspace::markdown_adr::{read_dir, MarkdownFolder};
use wheelhouse::workspace::{AdrStatus, Reference};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/md-adr")
}

fn kuma_like() -> MarkdownFolder {
    read_dir(&fixtures(), Path::new("kuma-like"), 0)
}

fn wh(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wh"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run wh")
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().filter_map(|e| e.ok()) {
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A git repository (no wheelhouse.toml) with the kuma-like fixture at `adr_dir`.
fn repo_with_kuma_like_at(adr_dir: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join(".git")).unwrap();
    std::fs::create_dir_all(tmp.path().join("src/deep")).unwrap();
    copy_tree(&fixtures().join("kuma-like"), &tmp.path().join(adr_dir));
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
