//! The sample workspace stays clean and keeps exercising what it is there to exercise.

use crate::support::sample_dir;
use unicode_width::UnicodeWidthStr;
use wheelhouse::workspace::model::*;

#[test]
fn wh_check_passes_clean_on_the_sample() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_wh"))
        .arg("check")
        .arg(sample_dir())
        .output()
        .expect("run wh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("0 errors, 0 warnings"), "{stdout}");
    let ws = Workspace::open(&sample_dir()).unwrap();
    assert!(ws.diagnostics.is_empty(), "{:#?}", ws.diagnostics);
    assert!(ws.files.iter().all(|f| !f.broken));
}

#[test]
fn the_sample_covers_the_whole_format() {
    let ws = Workspace::open(&sample_dir()).unwrap();
    assert_eq!(ws.phases.len(), 4);
    for p in &ws.phases {
        assert!(!p.summary.is_empty() && !p.challenges.is_empty() && !p.moves.is_empty());
        assert!(!p.links.is_empty(), "{:?} has links", p.id);
    }
    let kinds = |k: MetricKind| ws.metrics.iter().filter(|m| m.kind == k).count();
    assert_eq!(kinds(MetricKind::NorthStar), 1);
    assert!((3..=4).contains(&kinds(MetricKind::Input)));
    assert!(kinds(MetricKind::Business) >= 1 && kinds(MetricKind::Guardrail) >= 1);
    for m in &ws.metrics {
        assert!(
            m.baseline.is_some() && m.target.is_some() && m.due.is_some(),
            "{}",
            m.id
        );
        assert!((5..=8).contains(&m.samples.len()), "{}", m.id);
    }
    assert_eq!(ws.reviews.len(), 2);
    let vs = &ws.value_streams[0];
    assert!((5..=6).contains(&vs.steps.len()));
    assert_eq!(ws.pillars.len(), 6);
    let hh = ws
        .scenarios
        .iter()
        .filter(|s| s.importance == Some(Hml::H) && s.difficulty == Some(Hml::H))
        .count();
    assert!(hh >= 2);

    for status in AdrStatus::LIFECYCLE {
        assert!(
            ws.decisions.iter().any(|a| a.status == status),
            "an ADR {status:?}"
        );
    }
    // The superseded chain: EC2 → containers → Lambda.
    let chain: Vec<_> = [2, 3]
        .iter()
        .map(|n| ws.decision(*n).unwrap().superseded_by[0].to_string())
        .collect();
    assert_eq!(chain, ["adr:3", "adr:5"]);

    let grow = ws.impact_map("grow-members").unwrap();
    assert!(grow.goal.metric.is_some());
    assert!(grow
        .impacts
        .iter()
        .any(|i| i.direction == ImpactDirection::Obstruct));
    for s in [
        DeliverableStatus::Idea,
        DeliverableStatus::Planned,
        DeliverableStatus::Building,
        DeliverableStatus::Shipped,
        DeliverableStatus::Dropped,
    ] {
        assert!(grow.deliverables.iter().any(|d| d.status == s), "{s:?}");
    }

    let serving = ws.map("serving").unwrap();
    assert!((15..=20).contains(&serving.components.len()));
    assert!(serving
        .components
        .iter()
        .any(|c| c.kind == ComponentKind::Anchor));
    assert!(serving.components.iter().filter(|c| c.inertia).count() >= 2);
    assert!(serving.components.iter().any(|c| c.evolve.is_some()));
    assert_eq!(serving.pipelines.len(), 1);
    assert!(!serving.notes.is_empty() && !serving.annotations.is_empty());
    assert!(ws.maps.len() >= 2);
}

#[test]
fn the_sample_exercises_wide_characters() {
    let ws = Workspace::open(&sample_dir()).unwrap();
    let wide = |s: &str| s.width() > s.chars().count();
    assert!(wide(&ws.meta.name));
    assert!(ws.phases.iter().all(|p| wide(&p.title)));
    assert!(ws.decisions.iter().filter(|a| wide(&a.title)).count() >= 2);
    assert!(ws.maps.iter().all(|m| wide(&m.title)));
    assert!(ws.impact_maps.iter().all(|m| wide(&m.goal.title)));
}
