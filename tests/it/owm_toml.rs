//! OWM → maps/ID.toml text → the workspace loader gives the same map, for every corpus map and
//! the fixtures; the loader reports nothing about the files we write.

use crate::support::corpus;
use crate::support::owm as owm_support;

use std::path::Path;

use owm_support::comparable;
use wheelhouse::interop::owm;
use wheelhouse::workspace::Workspace;

fn load_through_toml(text: &str, name: &str) {
    let parsed = owm::parse(text, "m", Path::new(name));
    let toml_text = owm::to_toml(&parsed.map);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wheelhouse.toml"),
        "[workspace]\nname = \"t\"\nformat = 1\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("maps")).unwrap();
    std::fs::write(dir.path().join("maps/m.toml"), &toml_text).unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let map_diags: Vec<String> = ws
        .diagnostics
        .iter()
        .filter(|d| d.file.starts_with("maps"))
        .map(|d| d.to_string())
        .collect();
    assert!(map_diags.is_empty(), "{name}: {map_diags:#?}\n{toml_text}");
    let loaded = ws
        .map("m")
        .unwrap_or_else(|| panic!("{name}: map m loaded\n{toml_text}"));
    assert_eq!(
        comparable(&parsed.map),
        comparable(loaded),
        "{name}: TOML round trip\n{toml_text}"
    );
}

#[test]
fn corpus_maps_survive_the_toml_file() {
    let Some(dir) = corpus("owm") else {
        return;
    };
    let entries = std::fs::read_dir(&dir).expect("read the OWM corpus");
    let mut n = 0;
    for e in entries.flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "owm") {
            load_through_toml(
                &std::fs::read_to_string(&p).unwrap(),
                &p.display().to_string(),
            );
            n += 1;
        }
    }
    assert_eq!(n, 9);
}

#[test]
fn fixtures_survive_the_toml_file() {
    load_through_toml(
        r#"title "Quoted" map
evolution 🌱->🛠️->📦->⚡
valuechain --hide Users
evolution --hide
size [1100, 800]
style dark
anchor Users [0.95, 0.5]
component "Customer\nPortal" [0.9, 0.4] label [10, -20] (buy, market) inertia
component Café Crème [0.6, 0.5]
evolve Café Crème->Café 2 0.8
component 日本語 [0.4, 0.6]
pipeline 日本語 [0.2, 0.8]
component P [0.3, 0.3]
pipeline P
{
  component C1 [0.2] label [1, 2]
  component C2 [0.5]
}
submap S [0.2, 0.2] url(s)
url s [https://example.com/a?b=1//c]
Users->"Customer\nPortal"; because "quotes"
"Customer\nPortal"+'£5'<>Café Crème
Café Crème+<日本語
C1+>C2
note "multi\nline \"note\"" [0.5, 0.5]
annotation 1 [[0.1, 0.2], [0.3, 0.4]] two points
annotation 2 [0.5, 0.6] one point
annotations [0.1, 0.9]
pioneers [0.9, 0.1, 0.8, 0.2]
settlers [0.7, 0.3, 0.6, 0.4]
townplanners [0.5, 0.5, 0.4, 0.6]
accelerator Go [0.5, 0.5]
deaccelerator Stop [0.4, 0.4]
"#,
        "fixture.owm",
    );
}
