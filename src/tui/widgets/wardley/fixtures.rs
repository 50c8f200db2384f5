//! Maps built in code for tests and benchmarks: OWM's default "Tea Shop", a small
//! map of areas and flows, and a deterministic generator of crowded maps (names,
//! needs, evolves, inertia, pipelines; flows and areas on request) of any size.

use crate::workspace::model::{
    Annotation, Area, AreaKind, Component, ComponentKind, LinkFlow, MapNote, Need, Origin,
    Pipeline, Sourcing, WardleyMap,
};

pub fn component(id: &str, name: &str, visibility: f64, evolution: f64) -> Component {
    Component {
        id: id.into(),
        name: name.into(),
        kind: ComponentKind::Component,
        visibility,
        evolution,
        needs: Vec::new(),
        inertia: false,
        evolve: None,
        evolve_name: None,
        sourcing: Vec::new(),
        label: None,
        pipeline: None,
        url: None,
        note: String::new(),
        links: Vec::new(),
        origin: Origin::default(),
    }
}

pub fn need(to: &str) -> Need {
    Need {
        to: to.into(),
        flow: LinkFlow::None,
        label: None,
        context: None,
    }
}

pub fn empty_map(id: &str, title: &str) -> WardleyMap {
    WardleyMap::new(id, 0, title)
}

/// OWM's default Tea Shop map (damonsk/onlinewardleymaps, MIT).
pub fn tea_shop() -> WardleyMap {
    let mut map = empty_map("tea-shop", "Tea Shop");
    let mut c = |id: &str, name: &str, v: f64, m: f64, needs: &[&str]| {
        let mut comp = component(id, name, v, m);
        comp.needs = needs.iter().map(|n| need(n)).collect();
        map.components.push(comp);
    };
    c("business", "Business", 0.95, 0.63, &["cup-of-tea"]);
    c("public", "Public", 0.95, 0.78, &["cup-of-tea"]);
    c(
        "cup-of-tea",
        "Cup of Tea",
        0.79,
        0.61,
        &["cup", "tea", "hot-water"],
    );
    c("cup", "Cup", 0.73, 0.78, &[]);
    c("tea", "Tea", 0.63, 0.81, &[]);
    c("hot-water", "Hot Water", 0.52, 0.80, &["water", "kettle"]);
    c("water", "Water", 0.38, 0.82, &[]);
    c("kettle", "Kettle", 0.43, 0.35, &["power"]);
    c("power", "Power", 0.10, 0.70, &[]);
    map.components[0].kind = ComponentKind::Anchor;
    map.components[1].kind = ComponentKind::Anchor;
    let kettle = &mut map.components[7];
    kettle.evolve = Some(0.62);
    kettle.evolve_name = Some("Electric Kettle".into());
    kettle.label = Some([-57.0, 4.0]);
    kettle.inertia = true;
    kettle.sourcing = vec![Sourcing::Build];
    let power = &mut map.components[8];
    power.evolve = Some(0.89);
    power.label = Some([-27.0, 20.0]);
    power.sourcing = vec![Sourcing::Outsource];
    map.components[5].needs[1].context = Some("limited by".into());
    map.annotations.push(Annotation {
        number: 1,
        points: vec![[0.43, 0.49], [0.08, 0.79]],
        text: "Standardising power allows Kettles to evolve faster".into(),
        origin: Origin::default(),
    });
    map.annotations.push(Annotation {
        number: 2,
        points: vec![[0.48, 0.85]],
        text: "Hot water is obvious and well known".into(),
        origin: Origin::default(),
    });
    map.notes.push(MapNote {
        text: "a generic note appeared".into(),
        visibility: 0.23,
        evolution: 0.33,
        origin: Origin::default(),
    });
    map
}

const WORDS: [&str; 24] = [
    "Customer",
    "Portal",
    "Billing",
    "Search",
    "Identity",
    "Payments",
    "Ledger",
    "Catalogue",
    "Compute",
    "Storage",
    "Network",
    "Analytics",
    "Pricing",
    "Support",
    "Email",
    "CDN",
    "Recommendation engine",
    "Data lake",
    "Kubernetes",
    "Queue",
    "Cache",
    "Auth",
    "Logging",
    "Monitoring",
];

const SUFFIXES: [&str; 8] = [
    "API", "service", "platform", "store", "gateway", "team", "ops", "data",
];

/// A crowded map of exactly `n` components: a few anchors at the top, each other
/// component needing one or two below it, some evolving, some with inertia,
/// one pipeline. Deterministic for a given `seed`.
pub fn generated(n: usize, seed: u64) -> WardleyMap {
    let mut state = seed ^ 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut map = empty_map(
        &format!("generated-{n}"),
        &format!("Generated map ({n} components)"),
    );
    let children = if n > 10 { 3 } else { 0 };
    let base = n - children;
    for i in 0..base {
        let anchor = i < n.div_ceil(20);
        let v = if anchor {
            0.92 + next() * 0.06
        } else {
            0.02 + next() * 0.86
        };
        let m = next();
        let a = WORDS[(next() * WORDS.len() as f64) as usize % WORDS.len()];
        let b = WORDS[(next() * WORDS.len() as f64) as usize % WORDS.len()];
        let name = if next() < 0.5 {
            let k = (next() * SUFFIXES.len() as f64) as usize % SUFFIXES.len();
            format!("{a} {}", SUFFIXES[k])
        } else {
            format!("{a} {b}")
        };
        let mut c = component(&format!("c{i}"), &name, v, m);
        if anchor {
            c.kind = ComponentKind::Anchor;
        }
        if next() < 0.15 {
            c.evolve = Some((m + 0.1 + next() * 0.3).min(1.0));
        }
        c.inertia = next() < 0.1;
        map.components.push(c);
    }
    // needs: each component is needed by one or two above it
    for i in 0..base {
        let vi = map.components[i].visibility;
        let below: Vec<usize> = (0..base)
            .filter(|&j| map.components[j].visibility < vi && j != i)
            .collect();
        if below.is_empty() {
            continue;
        }
        let k = if next() < 0.4 { 2 } else { 1 };
        for _ in 0..k {
            let j = below[(next() * below.len() as f64) as usize % below.len()];
            let to = format!("c{j}");
            if !map.components[i].needs.iter().any(|nd| nd.to == to) {
                map.components[i].needs.push(need(&to));
            }
        }
    }
    if children > 0 {
        let parent = map.components[base / 2].clone();
        map.pipelines.push(Pipeline {
            component: parent.id.clone(),
            range: None,
            origin: Origin::default(),
        });
        for k in 0..children {
            let mut child = component(
                &format!("{}-stage{k}", parent.id),
                &format!("Stage {k}"),
                parent.visibility,
                (parent.evolution + [-0.12, 0.07, 0.15][k]).clamp(0.02, 0.98),
            );
            child.pipeline = Some(parent.id.clone());
            map.components.push(child);
        }
    }
    map
}

/// A small map holding each kind of area (pioneers, settlers, town planners)
/// and each kind of flow (`+>`, `+<`, `+<>`, and a labelled `+'…'>`), beside a
/// plain `->` link.
pub fn areas_and_flows() -> WardleyMap {
    let mut map = empty_map("pst-flows", "Areas and flows");
    let mut c = |id: &str, name: &str, v: f64, m: f64| {
        map.components.push(component(id, name, v, m));
    };
    c("user", "User", 0.95, 0.55);
    c("app", "App", 0.80, 0.25);
    c("shop", "Shop", 0.78, 0.62);
    c("ledger", "Ledger", 0.50, 0.45);
    c("stock", "Stock", 0.45, 0.80);
    c("power", "Power", 0.12, 0.90);
    map.components[0].kind = ComponentKind::Anchor;
    let flow = |to: &str, flow: LinkFlow, label: Option<&str>| Need {
        flow,
        label: label.map(str::to_string),
        ..need(to)
    };
    map.components[0].needs = vec![need("app"), flow("shop", LinkFlow::Forward, None)];
    map.components[1].needs = vec![flow("ledger", LinkFlow::Backward, None)];
    map.components[2].needs = vec![flow("stock", LinkFlow::Both, None)];
    map.components[3].needs = vec![flow("power", LinkFlow::Forward, Some("£2.9m"))];
    for (kind, rect) in [
        (AreaKind::Pioneers, [0.90, 0.05, 0.70, 0.35]),
        (AreaKind::Settlers, [0.60, 0.35, 0.35, 0.60]),
        (AreaKind::Townplanners, [0.30, 0.70, 0.02, 0.98]),
    ] {
        map.areas.push(Area {
            kind,
            rect,
            origin: Origin::default(),
        });
    }
    map
}

/// `generated(n, seed)` with flows and areas added: every fifth link a flow
/// (cycling `+>`, `+<`, `+<>`, every other one labelled) and one area of each kind.
pub fn generated_with_flows_and_areas(n: usize, seed: u64) -> WardleyMap {
    let mut map = generated(n, seed);
    let mut k = 0usize;
    for c in &mut map.components {
        for nd in &mut c.needs {
            if k.is_multiple_of(5) {
                nd.flow = [LinkFlow::Forward, LinkFlow::Backward, LinkFlow::Both][(k / 5) % 3];
                if (k / 5).is_multiple_of(2) {
                    nd.label = Some(format!("{}%", k % 97));
                }
            }
            k += 1;
        }
    }
    for (kind, rect) in [
        (AreaKind::Pioneers, [0.85, 0.05, 0.55, 0.30]),
        (AreaKind::Settlers, [0.60, 0.30, 0.30, 0.65]),
        (AreaKind::Townplanners, [0.35, 0.65, 0.05, 0.95]),
    ] {
        map.areas.push(Area {
            kind,
            rect,
            origin: Origin::default(),
        });
    }
    map
}
