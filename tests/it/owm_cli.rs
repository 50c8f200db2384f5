//! `wh import owm` and `wh export map` end to end, through the real binary.

use crate::support::wh_at as wh;

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wheelhouse.toml"),
        "[workspace]\nname = \"t\"\nformat = 1\n",
    )
    .unwrap();
    dir
}

const TEA: &str = "title Tea Shop\r\nanchor Business [0.95, 0.63]\r\ncomponent Cup of Tea [0.79, 0.61] label [-85.48, 3.78]\r\ncomponent Kettle [0.43, 0.35] inertia\r\nevolve Kettle->Electric Kettle 0.62\r\nBusiness->Cup of Tea\r\nCup of Tea->Kettle; limited by\r\nCup of Tea->Nowhere\r\n";

#[test]
fn import_writes_the_map_and_refuses_to_overwrite() {
    let ws = workspace();
    let file = ws.path().join("Tea Shop.owm");
    std::fs::write(&file, TEA).unwrap();
    let out = wh(ws.path(), &["import", "owm", file.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.trim().ends_with("maps/tea-shop.toml"), "{stdout}");
    // The dangling link is reported with its line.
    assert!(stderr.contains("Tea Shop.owm:8:1: warning:"), "{stderr}");
    assert!(stderr.contains("Nowhere"));
    let written = std::fs::read_to_string(ws.path().join("maps/tea-shop.toml")).unwrap();
    assert!(written.contains("[component.cup-of-tea]"));
    assert!(written.contains("label = [-85.48, 3.78]"));
    // The workspace loads it cleanly, and `wh check` agrees.
    let check = wh(ws.path(), &["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );

    // A second import of the same id is refused; the file is untouched.
    let again = wh(ws.path(), &["import", "owm", file.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(ws.path().join("maps/tea-shop.toml")).unwrap(),
        written
    );
    // --id picks the name; a bad id is refused.
    let named = wh(
        ws.path(),
        &["import", "owm", file.to_str().unwrap(), "--id", "tea"],
    );
    assert!(named.status.success());
    assert!(ws.path().join("maps/tea.toml").is_file());
    let bad = wh(
        ws.path(),
        &["import", "owm", file.to_str().unwrap(), "--id", "Tea Shop"],
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("kebab-case"));
}

#[test]
fn export_prints_owm_mermaid_and_svg() {
    let ws = workspace();
    let file = ws.path().join("tea.owm");
    std::fs::write(&file, TEA).unwrap();
    assert!(wh(ws.path(), &["import", "owm", file.to_str().unwrap()])
        .status
        .success());

    let owm = wh(ws.path(), &["export", "map", "tea", "--format", "owm"]);
    assert!(owm.status.success());
    let text = String::from_utf8(owm.stdout).unwrap();
    assert!(text.starts_with("title Tea Shop\n"));
    assert!(text.contains("component Cup of Tea [0.79, 0.61] label [-85.48, 3.78]\n"));
    assert!(text.contains("evolve Kettle->Electric Kettle 0.62\n"));
    assert!(text.contains("Cup of Tea->Kettle; limited by\n"));
    // The exported text imports back to the same TOML.
    let back = ws.path().join("back.owm");
    std::fs::write(&back, &text).unwrap();
    assert!(wh(
        ws.path(),
        &["import", "owm", back.to_str().unwrap(), "--id", "back"]
    )
    .status
    .success());
    assert_eq!(
        std::fs::read_to_string(ws.path().join("maps/back.toml")).unwrap(),
        std::fs::read_to_string(ws.path().join("maps/tea.toml")).unwrap()
    );

    let mermaid = wh(
        ws.path(),
        &["export", "map", "map:tea", "--format", "mermaid"],
    );
    assert!(mermaid.status.success());
    assert!(String::from_utf8_lossy(&mermaid.stdout).starts_with("wardley-beta\n"));

    let svg = wh(ws.path(), &["export", "map", "tea", "--format", "svg"]);
    assert!(svg.status.success());
    let svg = String::from_utf8(svg.stdout).unwrap();
    assert!(svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"));

    let missing = wh(ws.path(), &["export", "map", "nope", "--format", "owm"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("maps: back, tea"));
}

/// A map file with bytes that are not UTF-8 is refused with its line and column, as every
/// other file's problem is (it gave a byte index).
#[test]
fn import_of_a_file_that_is_not_utf8_names_line_and_column() {
    let ws = workspace();
    let file = ws.path().join("odd.owm");
    std::fs::write(
        &file,
        b"title t\ncomponent A [0.5,0.5]\ncomponent \xff\xfe [0.1,0.1]\n",
    )
    .unwrap();
    let o = wh(
        ws.path(),
        &["import", "owm", file.to_str().unwrap(), "--id", "x"],
    );
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("odd.owm:3:11: the file is not UTF-8 text"),
        "{err}"
    );
}
