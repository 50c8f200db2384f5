//! Each phase's own panel: clarity of purpose, challenges and maps, next actions (value
//! streams), long-term value (pillars and the quality-attribute utility tree).

use super::*;

pub(super) fn clarity_panel(ctx: &Ctx, out: &mut Vec<Block>) {
    let ms = &ctx.ws.metrics;
    type Keep = dyn Fn(&Metric) -> bool;
    let groups: [(&str, &Keep); 3] = [
        ("North star", &|m| m.kind == MetricKind::NorthStar),
        ("Input metrics", &|m| m.kind == MetricKind::Input),
        ("Business and guardrail metrics", &|m| {
            matches!(m.kind, MetricKind::Business | MetricKind::Guardrail)
        }),
    ];
    if ms.is_empty() {
        out.push(Block::Heading("North star".into()));
        out.push(Block::para(
            "No metrics yet: add a [metric.ID] with kind = \"north-star\" to wheelhouse.toml.",
            ctx.theme.muted,
            0,
        ));
    }
    for (title, keep) in groups {
        let list: Vec<&Metric> = ms.iter().filter(|m| keep(m)).collect();
        if list.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Block::Blank);
        }
        out.push(Block::Heading(title.into()));
        for m in list {
            metric_blocks(ctx, m, out);
        }
    }
}

// ---- Challenge & Landscape: challenges and maps

pub(super) fn challenge_panel(ctx: &Ctx, p: &Phase, out: &mut Vec<Block>) {
    let theme = ctx.theme;
    out.push(Block::Heading(format!(
        "Challenges ({})",
        p.challenges.len()
    )));
    if p.challenges.is_empty() {
        out.push(Block::Line(Line::styled("none recorded", theme.muted)));
    }
    for (i, c) in p.challenges.iter().enumerate() {
        out.push(Block::bullet(
            inert(c),
            theme.base,
            0,
            &format!("{}.", i + 1),
        ));
    }
    out.push(Block::Blank);
    let own = Reference::new(RefKind::Phase, p.id.key(), None);
    let mut maps: Vec<Reference> = p
        .links
        .iter()
        .filter(|r| r.kind == RefKind::Map)
        .cloned()
        .collect();
    for b in ctx.links.backlinks(&own) {
        if b.kind == RefKind::Map && !maps.contains(b) {
            maps.push(b.clone());
        }
    }
    out.push(Block::Heading(format!(
        "Maps of the landscape ({})",
        maps.len()
    )));
    if maps.is_empty() {
        out.push(Block::para(
            "No maps linked: add \"map:NAME\" to links in [phase.challenge].",
            theme.muted,
            0,
        ));
    }
    for r in maps {
        let mut line = links::indexed_link_line(ctx.ws, ctx.links, theme, 0, "▦", &r);
        if let Some(m) = ctx.ws.map(&r.doc) {
            if r.item.is_none() {
                line.spans.push(Span::styled(
                    format!(" · {} components", m.components.len()),
                    theme.muted,
                ));
            }
        }
        out.push(Block::item(line, Some(r), None));
    }
}

// ---- Next Best Action: value streams

pub(super) fn percent(f: f64) -> String {
    format!("{:.1}%", f * 100.0)
}

pub(super) fn next_action_panel(ctx: &Ctx, out: &mut Vec<Block>) {
    let theme = ctx.theme;
    out.push(Block::Heading(format!(
        "Value streams ({})",
        ctx.ws.value_streams.len()
    )));
    if ctx.ws.value_streams.is_empty() {
        out.push(Block::para(
            "No value streams yet: add a [value-stream.ID] with its steps (PT, LT, %C/A, waste).",
            theme.muted,
            0,
        ));
    }
    for v in &ctx.ws.value_streams {
        out.push(Block::item(
            Line::from(vec![
                Span::styled("⇢ ", theme.accent),
                Span::styled(
                    inert(&v.name).into_owned(),
                    theme.base.add_modifier(Modifier::BOLD),
                ),
                Span::styled(format!("  in {}", inert(&v.unit)), theme.muted),
            ]),
            None,
            Some(Reference::new(RefKind::ValueStream, v.id.clone(), None)),
        ));
        if !v.description.trim().is_empty() {
            out.extend(
                markdown::blocks(&v.description, theme, 2)
                    .into_iter()
                    .map(|b| match b {
                        Block::Para { first, rest, text } => Block::Para {
                            first,
                            rest,
                            text: text
                                .into_iter()
                                .map(|s| s.patch_style(theme.muted))
                                .collect(),
                        },
                        other => other,
                    }),
            );
        }
        let mut rows: Vec<Vec<String>> = v
            .steps
            .iter()
            .map(|s| {
                vec![
                    inert(&s.name).into_owned(),
                    text::number(s.pt),
                    text::number(s.lt),
                    format!("{:.0}%", s.ca * 100.0),
                    s.waste
                        .iter()
                        .map(|w| w.letter().to_string())
                        .collect::<Vec<_>>()
                        .join(" "),
                ]
            })
            .collect();
        rows.push(vec![
            "Total".into(),
            text::number(v.total_pt()),
            text::number(v.total_lt()),
            String::new(),
            String::new(),
        ]);
        let total_row = rows.len() - 1;
        out.push(Block::Table(Table {
            indent: 2,
            header: ["Step", "PT", "LT", "%C/A", "Waste"]
                .map(String::from)
                .to_vec(),
            rows,
            right: vec![false, true, true, true, false],
            strong_rows: vec![total_row],
        }));
        let ratio = v.activity_ratio();
        let rolled = v.rolled_ca();
        out.push(Block::Para {
            first: vec![Span::raw("  ")],
            rest: vec![Span::raw("  ")],
            text: vec![
                Span::styled("Activity ratio ", theme.muted),
                Span::styled(
                    ratio.map(percent).unwrap_or_else(|| "n/a".into()),
                    theme.accent.add_modifier(Modifier::BOLD),
                ),
                Span::styled(
                    ratio
                        .map(|r| format!(" (idle {})", percent(1.0 - r)))
                        .unwrap_or_default(),
                    theme.muted,
                ),
                Span::styled(" · Rolled %C/A ", theme.muted),
                Span::styled(
                    rolled.map(percent).unwrap_or_else(|| "n/a".into()),
                    theme.accent.add_modifier(Modifier::BOLD),
                ),
            ],
        });
        let own = Reference::new(RefKind::ValueStream, v.id.clone(), None);
        link_sections(ctx, &v.links, &own, 2, false, out);
        out.push(Block::Blank);
    }
    if !ctx.ws.value_streams.is_empty() {
        out.push(Block::para(
            "Wastes (DOWNTIME): D defects · O overproduction · W waiting · N non-utilised talent · \
             T transportation · I inventory · M motion · E extra-processing",
            theme.muted,
            0,
        ));
    }
}

// ---- Long-Term Value: pillars and the utility tree

pub(super) fn risk_badge(r: Risk) -> (&'static str, usize) {
    match r {
        Risk::None => ("✓ no risk", 0),
        Risk::Medium => ("◆ medium risk", 1),
        Risk::High => ("▲ high risk", 2),
        Risk::Unanswered => ("? unanswered", 3),
    }
}

pub(super) fn hml(h: Option<Hml>) -> &'static str {
    match h {
        Some(Hml::H) => "H",
        Some(Hml::M) => "M",
        Some(Hml::L) => "L",
        None => "?",
    }
}

/// Sort key: (H,H) first, unrated last.
pub(super) fn priority(s: &Scenario) -> (u8, u8) {
    let k = |h: Option<Hml>| h.map(|h| h as u8).unwrap_or(3);
    (k(s.importance), k(s.difficulty))
}

pub(super) fn long_term_panel(ctx: &Ctx, out: &mut Vec<Block>) {
    let theme = ctx.theme;
    let ws = ctx.ws;
    out.push(Block::Heading("Well-Architected pillars".into()));
    if ws.pillars.is_empty() {
        out.push(Block::para(
            "No pillars reviewed yet: add [pillar.ID] tables (six pillars).",
            theme.muted,
            0,
        ));
    }
    let name_w = ws
        .pillars
        .iter()
        .map(|p| text::width(&inert(&p.name)))
        .max()
        .unwrap_or(0)
        .min(26);
    for p in &ws.pillars {
        let (badge, i) = risk_badge(p.risk);
        out.push(Block::item(
            Line::from(vec![
                Span::styled(
                    text::pad(&inert(&p.name), name_w),
                    theme.base.add_modifier(Modifier::BOLD),
                ),
                Span::raw("  "),
                Span::styled(badge, theme.risk[i]),
            ]),
            None,
            Some(Reference::new(RefKind::Pillar, p.id.clone(), None)),
        ));
        if !p.notes.trim().is_empty() {
            out.push(Block::para(inert(&p.notes), theme.muted, 2));
        }
        for a in &p.actions {
            out.push(Block::bullet(inert(a), theme.base, 2, "→"));
        }
        let own = Reference::new(RefKind::Pillar, p.id.clone(), None);
        link_sections(ctx, &p.links, &own, 2, false, out);
    }

    out.push(Block::Blank);
    out.push(Block::Heading(
        "Quality scenarios: utility tree, (H,H) first".into(),
    ));
    if ws.scenarios.is_empty() {
        out.push(Block::para(
            "No quality scenarios yet: add [scenario.ID] tables.",
            theme.muted,
            0,
        ));
        return;
    }
    let mut sorted: Vec<&Scenario> = ws.scenarios.iter().collect();
    sorted.sort_by_key(|s| priority(s));
    // Attributes and refinements in the order of their most urgent scenario.
    let mut attrs: Vec<&str> = Vec::new();
    for s in &sorted {
        if !attrs.contains(&s.attribute.as_str()) {
            attrs.push(&s.attribute);
        }
    }
    out.push(Block::Line(Line::styled("Utility", theme.title)));
    for (ai, attr) in attrs.iter().enumerate() {
        let last_attr = ai + 1 == attrs.len();
        let (a_mark, a_cont) = tree_marks(last_attr);
        let label = if attr.is_empty() {
            "(no attribute)".to_string()
        } else {
            inert(attr).into_owned()
        };
        out.push(Block::Line(Line::from(vec![
            Span::styled(a_mark, theme.muted),
            Span::styled(label, theme.base.add_modifier(Modifier::BOLD)),
        ])));
        let in_attr: Vec<&&Scenario> = sorted.iter().filter(|s| s.attribute == *attr).collect();
        let mut refs: Vec<&str> = Vec::new();
        for s in &in_attr {
            if !refs.contains(&s.refinement.as_str()) {
                refs.push(&s.refinement);
            }
        }
        for (ri, rf) in refs.iter().enumerate() {
            let last_ref = ri + 1 == refs.len();
            let (r_mark, r_cont) = tree_marks(last_ref);
            let label = if rf.is_empty() {
                "(no refinement)".to_string()
            } else {
                inert(rf).into_owned()
            };
            out.push(Block::Line(Line::from(vec![
                Span::styled(format!("{a_cont}{r_mark}"), theme.muted),
                Span::styled(label, theme.base),
            ])));
            let leaves: Vec<&&&Scenario> = in_attr.iter().filter(|s| s.refinement == *rf).collect();
            for (si, s) in leaves.iter().enumerate() {
                let last = si + 1 == leaves.len();
                let (s_mark, s_cont) = tree_marks(last);
                let prefix = format!("{a_cont}{r_cont}");
                let rating = format!("({},{})", hml(s.importance), hml(s.difficulty));
                let rating_style = if priority(s) == (0, 0) {
                    theme.error.add_modifier(Modifier::BOLD)
                } else {
                    theme.warning
                };
                out.push(Block::item(
                    Line::from(vec![
                        Span::styled(format!("{prefix}{s_mark}"), theme.muted),
                        Span::styled(rating, rating_style),
                        Span::raw(" "),
                        Span::styled(
                            inert(&s.name).into_owned(),
                            theme.base.add_modifier(Modifier::BOLD),
                        ),
                    ]),
                    None,
                    Some(Reference::new(RefKind::Scenario, s.id.clone(), None)),
                ));
                let hang = format!("{prefix}{s_cont}  ");
                let six = format!(
                    "{}: {} ({}) → {}: {} · {}",
                    inert(&s.source),
                    inert(&s.stimulus),
                    inert(&s.environment),
                    inert(&s.artifact),
                    inert(&s.response),
                    inert(&s.measure)
                );
                out.push(Block::Para {
                    first: vec![Span::styled(hang.clone(), theme.muted)],
                    rest: vec![Span::styled(hang.clone(), theme.muted)],
                    text: vec![Span::styled(six, theme.muted)],
                });
                for l in &s.links {
                    let mut line = links::indexed_link_line(ws, ctx.links, theme, 0, "→", l);
                    line.spans
                        .insert(0, Span::styled(hang.clone(), theme.muted));
                    out.push(Block::item(line, Some(l.clone()), None));
                }
                for l in ctx
                    .links
                    .backlinks(&Reference::new(RefKind::Scenario, s.id.clone(), None))
                {
                    let mut line = links::indexed_backlink_line(ws, ctx.links, theme, 0, l);
                    line.spans
                        .insert(0, Span::styled(hang.clone(), theme.muted));
                    out.push(Block::item(line, Some(l.clone()), None));
                }
            }
        }
    }
}

/// The branch mark for a tree row and the continuation under it: the last child closes the branch.
pub(super) fn tree_marks(last: bool) -> (&'static str, &'static str) {
    if last {
        ("└─ ", "   ")
    } else {
        ("├─ ", "│  ")
    }
}
