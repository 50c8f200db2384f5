//! log4brains records have no numbers: their id is the slug (issue 12). Two records of one day
//! are listed in date order with their slugs, reached by `adr:<slug>`, never reported as a
//! collision, both kept by `wh import adr` (fresh numbers, the slug kept so links resolve), and
//! `wh adr new` writes a second record of a day instead of refusing.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{copy_dir, stdout, wh_bin};

use wheelhouse::workspace::markdown_adr::read_dir;
use wheelhouse::workspace::Reference;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/md-adr")
}

/// `wh` in `dir`, `NO_COLOR` set, and the day fixed for the records it makes.
fn wh(dir: &Path, args: &[&str]) -> Output {
    wh_bin()
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("ADR_DATE", "2020-09-25")
        .output()
        .expect("run wh")
}

fn all(o: &Output) -> String {
    format!("{}{}", stdout(o), String::from_utf8_lossy(&o.stderr))
}

/// A git repository (decisions-only) with the same-day fixture at `docs/adr`.
fn repo() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join(".git")).unwrap();
    copy_dir(
        &fixtures().join("log4brains-same-day"),
        &tmp.path().join("docs/adr"),
    );
    tmp
}

#[test]
fn each_record_is_named_by_its_slug_and_links_resolve_to_it() {
    let f = read_dir(&fixtures(), Path::new("log4brains-same-day"), 0);
    let refs: Vec<String> = f
        .records
        .iter()
        .map(|a| a.reference().to_string())
        .collect();
    assert_eq!(
        refs,
        [
            "adr:use-lunr-for-search",
            "adr:use-nextjs-for-static-site",
            "adr:keep-adrs-in-git"
        ]
    );
    // a link to a file of that day names that record, not "the record of 20200925"
    let keep = &f.records[2];
    assert_eq!(keep.links, [Reference::adr_slug("use-lunr-for-search")]);
    assert_eq!(
        Reference::parse("adr:use-lunr-for-search").unwrap(),
        Reference::adr_slug("use-lunr-for-search")
    );
}

#[test]
fn list_shows_slugs_in_date_order_and_json_gives_the_id() {
    let repo = repo();
    let out = wh(repo.path(), &["adr", "list"]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("use-lunr-for-search "), "{text}");
    assert!(
        lines[1].starts_with("use-nextjs-for-static-site "),
        "{text}"
    );
    assert!(lines[2].starts_with("keep-adrs-in-git "), "{text}");
    assert!(
        !text.contains("20200925 "),
        "no date stands in for a number: {text}"
    );

    let out = wh(repo.path(), &["adr", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[1]["id"], "adr:use-nextjs-for-static-site");
    assert_eq!(v[1]["slug"], "use-nextjs-for-static-site");

    let out = wh(repo.path(), &["adr", "show", "adr:keep-adrs-in-git"]);
    let text = stdout(&out);
    assert!(out.status.success(), "{}", all(&out));
    assert!(
        text.starts_with("ADR keep-adrs-in-git: Keep ADRs in git"),
        "{text}"
    );
    assert!(
        text.contains("Links:      adr:use-lunr-for-search (Use Lunr for search)"),
        "{text}"
    );
}

#[test]
fn a_toml_record_links_to_a_log4brains_record_by_slug() {
    let repo = repo();
    std::fs::write(
        repo.path().join("wheelhouse.toml"),
        "[workspace]\nname = \"Mixed\"\nformat = 1\nadr-dirs = [\"docs/adr\"]\n",
    )
    .unwrap();
    std::fs::create_dir_all(repo.path().join("decisions")).unwrap();
    std::fs::write(
        repo.path().join("decisions/0001-index-the-site.toml"),
        "[adr]\nnumber = 1\ntitle = \"Index the site\"\nstatus = \"accepted\"\n\
         links = [\"adr:use-lunr-for-search\", \"adr:no-such-slug\"]\n",
    )
    .unwrap();
    let out = wh(repo.path(), &["check"]);
    let text = all(&out);
    assert!(
        !text.contains("adr:use-lunr-for-search` does not exist"),
        "{text}"
    );
    assert!(text.contains("`adr:no-such-slug` does not exist"), "{text}");
    assert!(!text.contains("duplicate-adr"), "{text}");
}

#[test]
fn import_numbers_them_afresh_and_keeps_the_slug_as_an_alias() {
    let ws = tempfile::tempdir().unwrap();
    std::fs::write(
        ws.path().join("wheelhouse.toml"),
        "[workspace]\nname = \"Imports\"\nformat = 1\n",
    )
    .unwrap();
    let dir = fixtures().join("log4brains-same-day");
    let out = wh(ws.path(), &["import", "adr", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", all(&out));
    let text = stdout(&out);
    assert!(text.contains("3 written, 0 skipped"), "{text}");
    let read =
        |name: &str| std::fs::read_to_string(ws.path().join("decisions").join(name)).unwrap();
    let lunr = read("0001-use-lunr-for-search.toml");
    assert!(lunr.contains("slug = \"use-lunr-for-search\""), "{lunr}");
    // the link between them now names the number it was given
    let keep = read("0003-keep-adrs-in-git.toml");
    assert!(keep.contains("links = [\"adr:1\"]"), "{keep}");
    // a record written later still reaches an imported one by its old slug
    std::fs::write(
        ws.path().join("decisions/0004-search-in-the-cockpit.toml"),
        "[adr]\nnumber = 4\ntitle = \"Search in the cockpit\"\nstatus = \"proposed\"\n\
         links = [\"adr:use-nextjs-for-static-site\"]\n",
    )
    .unwrap();
    let out = wh(ws.path(), &["check"]);
    let text = all(&out);
    assert!(text.contains("\n0 errors"), "{text}");
    let out = wh(ws.path(), &["adr", "show", "use-nextjs-for-static-site"]);
    assert!(
        stdout(&out).starts_with("ADR 0002: Use Next.js"),
        "{}",
        all(&out)
    );
}

#[test]
fn new_writes_a_second_record_of_the_same_day() {
    let repo = repo();
    // ADR_DATE is 2020-09-25, a day that already has two records
    let out = wh(repo.path(), &["adr", "new", "Use Algolia for search"]);
    assert!(out.status.success(), "{}", all(&out));
    assert!(
        all(&out).contains("new adr:use-algolia-for-search"),
        "{}",
        all(&out)
    );
    let made = repo
        .path()
        .join("docs/adr/20200925-use-algolia-for-search.md");
    assert!(made.exists());
    let out = wh(repo.path(), &["check"]);
    assert!(all(&out).starts_with("0 errors"), "{}", all(&out));
    // the very same name again is refused: the file is there
    let out = wh(repo.path(), &["adr", "new", "Use Algolia for search"]);
    assert_eq!(out.status.code(), Some(1), "{}", all(&out));
    assert!(all(&out).contains("already exists"), "{}", all(&out));
}
