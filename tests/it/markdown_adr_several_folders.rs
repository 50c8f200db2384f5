//! Several ADR folders in one repository (issue 12): log4brains `packages:` in
//! `.log4brains.yml` and a monorepo with one folder per service are all read, each record shown
//! with its folder or package; `wh adr list -v` says which folders and why; a number is per
//! folder; a record added in a subfolder is seen by a reload.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{copy_dir, wh};

use wheelhouse::workspace::{discover, load, Workspace};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/md-adr")
        .join(name)
}

/// A git repository (no wheelhouse.toml) holding the fixture.
fn repo(name: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture(name), tmp.path());
    std::fs::create_dir_all(tmp.path().join(".git")).unwrap();
    tmp
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn log4brains_packages_are_all_read_each_record_with_its_package() {
    let repo = repo("log4brains-packages");
    let (out, err) = text(&wh(repo.path(), &["adr", "list", "-v"]));
    // which folders, and why each
    assert!(
        err.contains("ADR folder `docs/adr` under")
            && err.contains("`adrFolder` in `.log4brains.yml`"),
        "{err}"
    );
    assert!(
        err.contains("ADR folder `packages/backend/docs/adr` (package backend)"),
        "{err}"
    );
    assert!(
        err.contains("ADR folder `packages/web/adr` (package web)"),
        "{err}"
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    let row = |slug: &str| {
        *lines
            .iter()
            .find(|l| l.starts_with(slug))
            .unwrap_or_else(|| panic!("{slug} in {out}"))
    };
    assert!(
        row("use-postgres-for-orders").contains("  backend  "),
        "{out}"
    );
    assert!(
        row("keep-money-in-minor-units").contains("  backend  "),
        "{out}"
    );
    assert!(
        row("render-pages-on-the-server").contains("  web  "),
        "{out}"
    );
    assert!(
        row("use-log4brains-to-manage").contains("  docs/adr  "),
        "{out}"
    );

    let o = wh(repo.path(), &["adr", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let web = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["slug"] == "render-pages-on-the-server")
        .unwrap();
    assert_eq!(web["package"], "web");
    assert_eq!(web["folder"], "packages/web/adr");

    let (show, _) = text(&wh(
        repo.path(),
        &["adr", "show", "keep-money-in-minor-units"],
    ));
    assert!(show.contains("Package:    backend"), "{show}");
    assert!(
        show.contains("Links:      adr:use-postgres-for-orders (Use Postgres for orders)"),
        "{show}"
    );
    let (check, _) = text(&wh(repo.path(), &["check"]));
    assert!(check.starts_with("0 errors"), "{check}");
}

#[test]
fn a_monorepo_with_a_folder_per_service_is_read_whole_and_numbers_are_per_folder() {
    let repo = repo("monorepo");
    let (out, err) = text(&wh(repo.path(), &["adr", "list", "-v"]));
    assert!(err.contains("`services/search/adrs`"), "{err}");
    assert!(err.contains("`services/billing/docs/decisions`"), "{err}");
    assert!(
        err.contains("found by searching below the repository root"),
        "{err}"
    );
    assert_eq!(out.lines().count(), 4, "{out}");
    assert!(
        out.lines()
            .any(|l| l.contains("services/billing/docs/decisions")
                && l.contains("Invoice in batches")),
        "{out}"
    );
    // two services both have a record 1: no collision, each folder counts its own
    let o = wh(repo.path(), &["check"]);
    let (check, _) = text(&o);
    assert!(o.status.success(), "{check}");
    assert!(check.starts_with("0 errors"), "{check}");
    // a number names a record in each folder: said, with both paths
    let o = wh(repo.path(), &["adr", "show", "1"]);
    assert_eq!(o.status.code(), Some(1));
    let (_, err) = text(&o);
    assert!(
        err.contains("services/search/adrs/0001-record-architecture-decisions.md"),
        "{err}"
    );
    // a path reaches each
    let o = wh(
        repo.path(),
        &[
            "adr",
            "show",
            "services/billing/docs/decisions/0002-invoice-in-batches.md",
        ],
    );
    assert!(text(&o).0.contains("Invoice in batches"));
}

#[test]
fn two_records_of_one_number_in_one_folder_are_still_a_collision() {
    let repo = repo("monorepo");
    std::fs::write(
        repo.path()
            .join("services/search/adrs/0002-use-elasticsearch.md"),
        "# 2. Use Elasticsearch\n\n## Status\n\nRejected\n",
    )
    .unwrap();
    let (check, err) = text(&wh(repo.path(), &["check"]));
    let all = format!("{check}{err}");
    assert!(
        all.contains("ADR number 2 is also used by services/search/adrs/"),
        "{all}"
    );
    assert_eq!(
        all.matches("duplicate-adr").count() + all.matches("is also used by").count(),
        1,
        "{all}"
    );
}

#[test]
fn a_record_added_in_a_subfolder_is_read_by_a_reload() {
    let repo = repo("monorepo");
    let located = discover::discover(repo.path()).unwrap();
    let mut ws: Workspace = load::load(&located);
    assert_eq!(ws.decisions.len(), 4);
    let archived = repo.path().join("services/search/adrs/archived");
    std::fs::create_dir_all(&archived).unwrap();
    let file = archived.join("0003-use-solr.md");
    std::fs::write(&file, "# 3. Use Solr\n\n## Status\n\nDeprecated\n").unwrap();
    let report = ws.reload_paths(&[archived.clone(), file]);
    assert!(
        report.full,
        "a new record in a subfolder lists the folder again"
    );
    assert!(
        ws.decisions.iter().any(|a| a.title == "Use Solr"),
        "{:?}",
        ws.decisions.iter().map(|a| &a.title).collect::<Vec<_>>()
    );
}
