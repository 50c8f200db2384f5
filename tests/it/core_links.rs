//! References resolve to items; every link has its backlink.

use crate::support::r;
use std::path::Path;

use wheelhouse::workspace::links::{LinkIndex, Target};
use wheelhouse::workspace::{Reference, Workspace};

fn ws() -> Workspace {
    Workspace::open(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good")).unwrap()
}

fn strings(refs: &[Reference]) -> Vec<String> {
    refs.iter().map(ToString::to_string).collect()
}

#[test]
fn every_kind_of_reference_resolves() {
    let ws = ws();
    for (text, title) in [
        ("adr:2", "Serverless presentation layer"),
        ("adr:0003", "Kubernetes for the presentation layer"),
        ("phase:clarity", "Clarity of Purpose"),
        ("metric:revenue", "Revenue"),
        ("review:q2", "q2"),
        ("value-stream:delivery", "Idea to production"),
        ("pillar:security", "Security"),
        ("scenario:fast-checkout", "Checkout stays fast"),
        ("map:serving", "Serving"),
        ("map:serving/cdn", "CDN"),
        ("impact:grow", "Raise the number of active members"),
        ("impact:grow/members", "Lapsed members"),
        ("impact:grow/come-back", "come back every week"),
        ("impact:grow/digest", "Weekly digest"),
    ] {
        let t = ws
            .resolve(&r(text))
            .unwrap_or_else(|| panic!("{text} unresolved"));
        assert_eq!(t.title(), title, "{text}");
        // the canonical reference of what was found is the one asked for
        assert_eq!(t.reference(), r(text), "{text}");
    }
    match ws.resolve(&r("map:serving/cdn")).unwrap() {
        Target::Component { map, component } => {
            assert_eq!(map.id, "serving");
            assert_eq!(component.id, "cdn");
        }
        other => panic!("{other:?}"),
    }
    for missing in [
        "adr:99",
        "map:serving/nope",
        "map:nope",
        "impact:grow/nope",
        "metric:nope",
        "phase:nope",
    ] {
        assert!(ws.resolve(&r(missing)).is_none(), "{missing}");
    }
}

#[test]
fn outgoing_lists_every_link_an_item_makes() {
    let ws = ws();
    assert_eq!(
        strings(&ws.outgoing(&r("adr:2"))),
        ["adr:3", "map:serving/lambda", "impact:grow/digest"]
    );
    assert_eq!(
        strings(&ws.outgoing(&r("map:serving/web"))),
        ["map:serving/cdn", "map:serving/compute", "adr:2"]
    );
    assert_eq!(
        strings(&ws.outgoing(&r("map:serving/lambda"))),
        ["map:serving/compute"]
    );
    assert_eq!(
        strings(&ws.outgoing(&r("impact:grow/come-back"))),
        ["impact:grow/members", "metric:weekly-active"]
    );
    assert_eq!(
        strings(&ws.outgoing(&r("impact:grow/digest"))),
        ["impact:grow/come-back", "adr:2", "map:serving/cdn"]
    );
    assert_eq!(
        strings(&ws.outgoing(&r("metric:weekly-active"))),
        ["metric:revenue"]
    );
    assert_eq!(
        strings(&ws.outgoing(&r("impact:grow"))),
        ["metric:weekly-active"]
    );
    assert!(ws.outgoing(&r("adr:99")).is_empty());
}

#[test]
fn backlinks_cover_every_kind_of_link() {
    let ws = ws();
    let idx = LinkIndex::build(&ws);
    let back = |s: &str| strings(idx.backlinks(&r(s)));
    // links, drives, goal and impact metrics
    assert_eq!(
        back("metric:weekly-active"),
        ["phase:clarity", "impact:grow", "impact:grow/come-back"]
    );
    assert_eq!(back("metric:revenue"), ["metric:weekly-active"]);
    // supersedes / superseded-by
    assert_eq!(back("adr:3"), ["adr:2"]);
    assert_eq!(
        back("adr:2"),
        [
            "phase:long-term",
            "impact:grow/digest",
            "map:serving/web",
            "adr:3"
        ]
    );
    // needs and pipeline, as map:doc/item
    assert_eq!(
        back("map:serving/compute"),
        ["map:serving/web", "map:serving/lambda"]
    );
    assert_eq!(
        back("map:serving/cdn"),
        [
            "scenario:fast-checkout",
            "impact:grow/digest",
            "map:serving/web"
        ]
    );
    // deliverable → impact, impact → actor
    assert_eq!(back("impact:grow/come-back"), ["impact:grow/digest"]);
    assert_eq!(back("impact:grow/members"), ["impact:grow/come-back"]);
    // a self-link is a backlink too; nothing refers to adr:1 but the pillar
    assert_eq!(back("scenario:fast-checkout"), ["scenario:fast-checkout"]);
    assert_eq!(back("adr:1"), ["pillar:security"]);
    assert!(back("map:serving/audience").is_empty());
}

#[test]
fn every_backlink_is_an_outgoing_link_of_its_source() {
    let ws = ws();
    let idx = LinkIndex::build(&ws);
    let mut n = 0;
    for (to, froms) in &idx.backlinks {
        for from in froms {
            assert!(ws.outgoing(from).contains(to), "{from} -> {to}");
            n += 1;
        }
    }
    assert!(n >= 20, "only {n} links");
}
