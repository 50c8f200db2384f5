//! `wh map …`: the map edits from the shell, through the edit engine.

use crate::support;

use support::{sample_copy, stderr, stdout, wh};

#[test]
fn move_add_link_remove_from_the_shell() {
    let (_tmp, root) = sample_copy();
    let o = wh(&root, &["map", "move", "serving/cdn", "--to", "0.6,0.9"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("moved Content Distribution Network"));
    let owm = wh(&root, &["export", "map", "serving", "--format", "owm"]);
    assert!(
        stdout(&owm).contains("component Content Distribution Network [0.6, 0.9]"),
        "{}",
        stdout(&owm)
    );

    let o = wh(&root, &["map", "move", "serving/cdn", "--by", "-0.1,0.05"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(root.join("maps/serving.toml")).unwrap();
    assert!(text.contains("visibility = 0.5\n"), "{text}");
    assert!(text.contains("evolution = 0.95\n"), "{text}");

    let o = wh(
        &root,
        &[
            "map",
            "add",
            "serving",
            "Edge cache",
            "--at",
            "0.4,0.6",
            "--json",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["focus"], "map:serving/edge-cache");
    assert_eq!(v["files"][0], "maps/serving.toml");

    assert!(
        wh(&root, &["map", "link", "serving/cdn", "serving/edge-cache"])
            .status
            .success()
    );
    let again = wh(&root, &["map", "link", "serving/cdn", "edge-cache"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already needs"),
        "{}",
        stderr(&again)
    );

    for args in [
        &["map", "evolve", "serving/cdn", "0.97"][..],
        &["map", "inertia", "serving/cdn", "on"],
        &["map", "sourcing", "serving/cdn", "buy"],
        &["map", "rename", "serving/edge-cache", "Edge"],
        &["map", "unlink", "serving/cdn", "edge-cache"],
        &["map", "rm", "serving/edge-cache"],
        &["map", "new", "roadmap", "--title", "Road map"],
    ] {
        let o = wh(&root, args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
    let check = wh(&root, &["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
    assert!(stdout(&check).contains("0 errors"), "{}", stdout(&check));
    assert!(root.join("maps/roadmap.toml").exists());
}

#[test]
fn refused_edits_exit_1_with_the_reason_and_usage_errors_exit_2() {
    let (_tmp, root) = sample_copy();
    let before = std::fs::read_to_string(root.join("maps/serving.toml")).unwrap();
    for (args, why) in [
        (
            &["map", "move", "serving/nope", "--to", "0.1,0.1"][..],
            "no component `nope`",
        ),
        (
            &["map", "move", "serving/cdn", "--to", "2,0.1"],
            "between 0 and 1",
        ),
        (
            &["map", "move", "serving", "--to", "0.1,0.1"],
            "not MAP/COMPONENT",
        ),
        (
            &["map", "add", "nomap", "X", "--at", "0.1,0.1"],
            "no map `nomap`",
        ),
        (&["map", "new", "serving", "--title", "T"], "already exists"),
        (&["map", "link", "serving/cdn", "market/crm"], "one map"),
    ] {
        let o = wh(&root, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(stderr(&o).contains(why), "{args:?}: {}", stderr(&o));
    }
    let o = wh(&root, &["map", "move", "serving/cdn"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(root.join("maps/serving.toml")).unwrap(),
        before
    );
}
