//! `wh man`: the top-level page, one subcommand's page, and every page written to a folder.

use crate::support::{stdout, wh_bin};

fn wh(args: &[&str]) -> std::process::Output {
    wh_bin().args(args).output().expect("wh runs")
}

#[test]
fn one_page_per_subcommand() {
    let top = wh(&["man"]);
    assert!(top.status.success());
    assert!(stdout(&top).contains(".TH wh 1"), "{}", stdout(&top));

    let list = wh(&["man", "adr", "list"]);
    assert!(list.status.success());
    let page = stdout(&list);
    assert!(page.contains(".TH wh-adr-list 1"), "{page}");
    assert!(page.contains("wh adr list"), "the synopsis: {page}");
    assert!(
        page.contains(&format!("wh {}", env!("CARGO_PKG_VERSION"))),
        "{page}"
    );

    let bad = wh(&["man", "adr", "lst"]);
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("`wh adr lst` is not a command") && err.contains("list"),
        "{err}"
    );
}

#[test]
fn all_pages_into_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    let o = wh(&["man", "--all", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for name in [
        "wh.1",
        "wh-adr.1",
        "wh-adr-list.1",
        "wh-map-move.1",
        "wh-export-map.1",
    ] {
        let text =
            std::fs::read_to_string(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(text.starts_with(".ie"), "{name} is roff");
    }
    assert!(stdout(&o).contains("man pages"), "{}", stdout(&o));
    // written again over the old ones
    assert!(wh(&["man", "--all", out.to_str().unwrap()])
        .status
        .success());
}
