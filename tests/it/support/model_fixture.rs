//! A small workspace built in code, for export tests that must not depend on the loader.
//! The value stream is the worked example of the domain notes (activity ratio 16.0%,
//! rolled %C/A 47.9%), so the report's figures can be checked against known answers.

use std::collections::BTreeMap;
use wheelhouse::workspace::model::*;
use wheelhouse::workspace::Reference;

pub fn r(text: &str) -> Reference {
    Reference::parse(text).expect("fixture reference")
}

fn o() -> Origin {
    Origin::default()
}

pub fn impact_map() -> ImpactMap {
    let actor = |id: &str, name: &str, kind: &str| Actor {
        id: id.into(),
        name: name.into(),
        kind: kind.into(),
        description: String::new(),
        origin: o(),
    };
    let impact = |id: &str, actor: &str, behaviour: &str, direction| Impact {
        id: id.into(),
        actor: actor.into(),
        behaviour: behaviour.into(),
        direction,
        metric: None,
        origin: o(),
    };
    let del = |id: &str, title: &str, impacts: &[&str], status, links: &[&str]| Deliverable {
        id: id.into(),
        title: title.into(),
        impacts: impacts.iter().map(|s| s.to_string()).collect(),
        status,
        links: links.iter().map(|l| r(l)).collect(),
        origin: o(),
    };
    ImpactMap {
        id: "grow-members".into(),
        file: 0,
        goal: Goal {
            title: "Raise the number of active members 提升活躍會員數".into(),
            metric: Some(r("metric:weekly-active-members")),
            unit: "members".into(),
            baseline: Some(12000.0),
            current: None,
            target: Some(30000.0),
            deadline: Some("2024-06-30".into()),
            origin: o(),
        },
        actors: vec![
            actor("lapsed", "Lapsed members", "user"),
            actor("rivals", "Rival clubs", "competitor"),
            actor("nobody", "Silent partners", "partner"),
        ],
        impacts: vec![
            impact(
                "come-back",
                "lapsed",
                "come back every week",
                ImpactDirection::Support,
            ),
            impact(
                "poach",
                "rivals",
                "poach members with \"bonuses\" [sic]",
                ImpactDirection::Obstruct,
            ),
            impact(
                "ghost",
                "no-such-actor",
                "an impact without an actor",
                ImpactDirection::Support,
            ),
        ],
        deliverables: vec![
            del(
                "digest",
                "Weekly digest 每週精選",
                &["come-back"],
                DeliverableStatus::Shipped,
                &["adr:2", "map:serving/cdn"],
            ),
            del(
                "points",
                "Loyalty points",
                &["come-back", "poach"],
                DeliverableStatus::Dropped,
                &[],
            ),
            del(
                "calls",
                "Welcome calls",
                &["come-back"],
                DeliverableStatus::Planned,
                &[],
            ),
            del(
                "recs",
                "Recommendations",
                &["poach"],
                DeliverableStatus::Idea,
                &[],
            ),
            del(
                "fast",
                "Fast pages",
                &["poach"],
                DeliverableStatus::Building,
                &[],
            ),
            del(
                "orphan",
                "Orphan deliverable",
                &["gone"],
                DeliverableStatus::Idea,
                &[],
            ),
        ],
    }
}

fn metric(
    id: &str,
    name: &str,
    kind: MetricKind,
    drives: Option<&str>,
    samples: &[(&str, f64)],
) -> Metric {
    Metric {
        id: id.into(),
        name: name.into(),
        kind,
        indicator: Some(Indicator::Leading),
        unit: "members".into(),
        direction: Direction::Up,
        baseline: Some(12000.0),
        target: Some(30000.0),
        due: Some("2024-06-30".into()),
        cadence: None,
        drives: drives.map(r),
        description: String::new(),
        samples: samples
            .iter()
            .map(|(d, v)| Sample {
                date: d.to_string(),
                value: *v,
            })
            .collect(),
        origin: o(),
    }
}

fn adr(number: u32, title: &str, status: AdrStatus, supersedes: &[&str], by: &[&str]) -> Adr {
    Adr {
        number,
        title: title.into(),
        status,
        status_text: None,
        date: Some("2023-08-14".into()),
        deciders: vec![],
        tags: vec!["serving".into()],
        supersedes: supersedes.iter().map(|s| r(s)).collect(),
        superseded_by: by.iter().map(|s| r(s)).collect(),
        links: vec![],
        link_verbs: vec![],
        quality_attributes: vec![],
        context: String::new(),
        drivers: String::new(),
        decision: String::new(),
        consequences: String::new(),
        options: vec![],
        extra_sections: vec![],
        slug: None,
        source: AdrSource::Toml,
        origin: o(),
    }
}

pub fn workspace() -> Workspace {
    let phases = PhaseId::ALL
        .into_iter()
        .map(|id| Phase {
            id,
            title: format!("{} title", id.default_title()),
            persona: id.default_persona().into(),
            status: PhaseStatus::InProgress,
            summary: format!("Summary of *{}*.", id.key()),
            challenges: vec![format!("challenge of {}", id.key())],
            moves: vec![format!("move of {}", id.key())],
            tenets: id.default_tenets().iter().map(|t| t.to_string()).collect(),
            links: vec![r("adr:1")],
            origin: o(),
        })
        .collect();
    let step = |name: &str, pt: f64, lt: f64, ca: f64, waste: Vec<Waste>| Step {
        name: name.into(),
        pt,
        lt,
        ca,
        waste,
    };
    let mut scores = BTreeMap::new();
    scores.insert(PhaseId::Clarity, vec![3, 2, 2]);
    scores.insert(PhaseId::Challenge, vec![2, 2, 1]);
    scores.insert(PhaseId::NextAction, vec![2, 1, 2]);
    scores.insert(PhaseId::LongTerm, vec![1, 1, 0]);
    let scenario = |id: &str, name: &str, i, d| Scenario {
        id: id.into(),
        name: name.into(),
        attribute: "performance".into(),
        refinement: "latency".into(),
        source: "members".into(),
        stimulus: "traffic triples".into(),
        environment: "peak".into(),
        artifact: "presentation layer".into(),
        response: "keeps rendering".into(),
        measure: "p90 < 200 ms".into(),
        importance: Some(i),
        difficulty: Some(d),
        links: vec![],
        origin: o(),
    };
    let comp = |id: &str, name: &str, kind, v: f64, e: f64, needs: &[&str]| Component {
        id: id.into(),
        name: name.into(),
        kind,
        visibility: v,
        evolution: e,
        needs: needs
            .iter()
            .map(|n| Need {
                to: n.to_string(),
                flow: LinkFlow::None,
                label: None,
                context: None,
            })
            .collect(),
        inertia: false,
        evolve: None,
        evolve_name: None,
        sourcing: vec![],
        label: None,
        pipeline: None,
        url: None,
        note: String::new(),
        links: vec![],
        origin: o(),
    };
    let mut cdn = comp("cdn", "CDN", ComponentKind::Component, 0.6, 0.86, &[]);
    cdn.inertia = true;
    cdn.evolve = Some(0.95);
    Workspace {
        meta: WorkspaceMeta {
            name: "Lotus Members Club 蓮花會員俱樂部".into(),
            description: "A club whose revenue dropped **60%**.".into(),
            format: 1,
            adr_dirs: vec![],
            adr_packages: vec![],
            adr_template: None,
        },
        phases,
        metrics: vec![
            metric(
                "weekly-active-members",
                "Weekly active members",
                MetricKind::NorthStar,
                Some("metric:revenue"),
                &[
                    ("2023-06-30", 12000.0),
                    ("2024-04-30", 21000.0),
                    ("2023-12-31", 16000.0),
                ],
            ),
            metric(
                "revenue",
                "Monthly recurring revenue",
                MetricKind::Business,
                None,
                &[],
            ),
        ],
        reviews: vec![Review {
            id: "2024-q1".into(),
            date: "2024-03-28".into(),
            facilitator: "Kim Kao".into(),
            scores,
            actions: vec!["Review the serving workload".into()],
            notes: "North star in every stand-up.".into(),
            origin: o(),
        }],
        value_streams: vec![ValueStream {
            id: "delivery".into(),
            name: "Idea to production".into(),
            unit: "hours".into(),
            description: String::new(),
            steps: vec![
                step(
                    "Refine story",
                    2.0,
                    40.0,
                    0.7,
                    vec![Waste::Waiting, Waste::Defects],
                ),
                step("Build", 16.0, 48.0, 0.9, vec![Waste::Inventory]),
                step(
                    "Review and test",
                    4.0,
                    32.0,
                    0.8,
                    vec![Waste::Waiting, Waste::ExtraProcessing],
                ),
                step(
                    "Deploy",
                    1.0,
                    24.0,
                    0.95,
                    vec![Waste::Waiting, Waste::Transportation],
                ),
            ],
            links: vec![],
            origin: o(),
        }],
        pillars: vec![Pillar {
            id: "reliability".into(),
            name: "Reliability".into(),
            risk: Risk::High,
            notes: "Single region | no restore test".into(),
            actions: vec!["Restore drill".into()],
            links: vec![],
            origin: o(),
        }],
        scenarios: vec![
            scenario("cost", "Cost follows traffic", Hml::M, Hml::L),
            scenario("burst", "Breaking news burst", Hml::H, Hml::H),
        ],
        impact_maps: vec![impact_map()],
        maps: vec![WardleyMap {
            id: "serving".into(),
            file: 0,
            title: "Serving".into(),
            stages: DEFAULT_STAGES.map(String::from),
            hide_evolution: false,
            hide_value_chain: None,
            style: None,
            size: None,
            annotations_at: None,
            components: vec![
                comp(
                    "audience",
                    "Audience",
                    ComponentKind::Anchor,
                    0.95,
                    0.6,
                    &["cdn"],
                ),
                cdn,
            ],
            pipelines: vec![],
            notes: vec![],
            annotations: vec![],
            areas: vec![],
            accelerators: vec![],
            urls: vec![],
            description: String::new(),
            links: vec![],
        }],
        decisions: vec![
            adr(
                1,
                "Record architecture decisions",
                AdrStatus::Accepted,
                &[],
                &[],
            ),
            adr(
                2,
                "Host rendering on EC2",
                AdrStatus::Superseded,
                &[],
                &["adr:3"],
            ),
            adr(
                3,
                "Serverless presentation layer 無伺服器展示層",
                AdrStatus::Accepted,
                &["adr:2"],
                &[],
            ),
        ],
        ..Workspace::default()
    }
}
