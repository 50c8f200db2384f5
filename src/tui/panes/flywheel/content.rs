//! What the detail column holds for a phase: summary, challenges, next moves, tenets scored
//! by the latest review, metrics, links and backlinks.

use super::*;

/// The detail of a phase: (head, phase-specific panel, rest). The head
/// (persona, status, summary) holds no items; items are numbered through the
/// panel first, then the rest (challenges, moves, tenets, links).
pub fn content(ctx: &Ctx, id: PhaseId) -> (Vec<Block>, Vec<Block>, Vec<Block>) {
    let ws = ctx.ws;
    let theme = ctx.theme;
    let p = phase_of(ws, id);
    let mut main = vec![Block::Line(Line::from(vec![
        Span::styled(inert(&p.persona).into_owned(), theme.title),
        Span::styled(" · ", theme.muted),
        Span::styled(
            status_badge(p.status),
            theme.phase_status[status_index(p.status)],
        ),
    ]))];
    if !p.summary.trim().is_empty() {
        main.push(Block::Blank);
        main.extend(markdown::blocks(&p.summary, theme, 0));
    }
    let head = main;
    let mut main = Vec::new();
    if id != PhaseId::Challenge && !p.challenges.is_empty() {
        main.push(Block::Heading("Challenges".into()));
        for c in &p.challenges {
            main.push(Block::bullet(inert(c), theme.base, 0, "•"));
        }
    }
    if !p.moves.is_empty() {
        if !main.is_empty() {
            main.push(Block::Blank);
        }
        main.push(Block::Heading("Next moves".into()));
        for (i, m) in p.moves.iter().enumerate() {
            main.push(Block::bullet(
                inert(m),
                theme.base,
                0,
                &format!("{}.", i + 1),
            ));
        }
    }
    main.push(Block::Blank);
    tenets(ws, theme, &p, &mut main);
    let own = Reference::new(RefKind::Phase, id.key(), None);
    link_sections(ctx, &p.links, &own, 0, true, &mut main);

    let mut panel = Vec::new();
    match id {
        PhaseId::Clarity => clarity_panel(ctx, &mut panel),
        PhaseId::Challenge => challenge_panel(ctx, &p, &mut panel),
        PhaseId::NextAction => next_action_panel(ctx, &mut panel),
        PhaseId::LongTerm => long_term_panel(ctx, &mut panel),
    }
    (head, panel, main)
}

/// "Links" and "Backlinks" item lists (with headings when `headed`).
pub(super) fn link_sections(
    ctx: &Ctx,
    links: &[Reference],
    own: &Reference,
    indent: usize,
    headed: bool,
    out: &mut Vec<Block>,
) {
    let back = ctx.links.backlinks(own);
    if headed {
        out.push(Block::Blank);
        out.push(Block::Heading(format!("Links ({})", links.len())));
        if links.is_empty() {
            out.push(Block::Line(Line::styled("none", ctx.theme.muted)));
        }
    }
    for l in links {
        out.push(Block::item(
            links::indexed_link_line(ctx.ws, ctx.links, ctx.theme, indent, "→", l),
            Some(l.clone()),
            None,
        ));
    }
    if headed {
        out.push(Block::Blank);
        out.push(Block::Heading(format!("Backlinks ({})", back.len())));
        if back.is_empty() {
            out.push(Block::Line(Line::styled("none", ctx.theme.muted)));
        }
    }
    for l in back {
        out.push(Block::item(
            links::indexed_backlink_line(ctx.ws, ctx.links, ctx.theme, indent, l),
            Some(l.clone()),
            None,
        ));
    }
}

/// The latest review that scored this phase, and the one before it.
pub(super) fn reviews_for(ws: &Workspace, id: PhaseId) -> (Option<&Review>, Option<&Review>) {
    let mut scored: Vec<&Review> = ws
        .reviews
        .iter()
        .filter(|r| r.scores.contains_key(&id))
        .collect();
    scored.sort_by(|a, b| b.date.cmp(&a.date));
    (scored.first().copied(), scored.get(1).copied())
}

pub(super) fn score_glyphs(score: Option<u8>) -> String {
    match score {
        Some(s) => {
            let s = s.min(3) as usize;
            format!("{}{} {s}", "●".repeat(s), "○".repeat(3 - s))
        }
        None => "··· –".into(),
    }
}

pub(super) fn tenets(ws: &Workspace, theme: &Theme, p: &Phase, out: &mut Vec<Block>) {
    let (latest, previous) = reviews_for(ws, p.id);
    out.push(Block::Heading("Tenets".into()));
    match latest {
        Some(r) => out.push(review_item("scored in review ", r, theme)),
        None => out.push(Block::Line(Line::styled(
            "not scored in any review yet (0–3 per tenet)",
            theme.muted,
        ))),
    }
    for (i, t) in p.tenets.iter().enumerate() {
        let score = latest
            .and_then(|r| r.scores.get(&p.id))
            .and_then(|s| s.get(i))
            .copied();
        let before = previous
            .and_then(|r| r.scores.get(&p.id))
            .and_then(|s| s.get(i))
            .copied();
        let trend = match (score, before) {
            (Some(a), Some(b)) if a > b => "↑",
            (Some(a), Some(b)) if a < b => "↓",
            (Some(_), Some(_)) => "=",
            _ => " ",
        };
        let style = match score {
            Some(0) => theme.error,
            Some(1) => theme.warning,
            Some(2) => theme.base,
            Some(_) => theme.ok,
            None => theme.muted,
        };
        let lead = format!("{}{trend} ", score_glyphs(score));
        let rest = " ".repeat(text::width(&lead));
        out.push(Block::Para {
            first: vec![Span::styled(lead, style)],
            rest: vec![Span::raw(rest)],
            text: vec![Span::styled(inert(t).into_owned(), theme.base)],
        });
    }
    // What the latest review agreed, beside its scores (not only in the report).
    if let Some(r) = latest {
        if !r.actions.is_empty() {
            out.push(Block::Heading(format!(
                "Actions of review {}",
                inert(&r.id)
            )));
            for a in &r.actions {
                out.push(Block::bullet(inert(a), theme.base, 0, "→"));
            }
        }
        if !r.notes.trim().is_empty() {
            out.push(Block::Heading(format!("Notes of review {}", inert(&r.id))));
            out.extend(markdown::blocks(&r.notes, theme, 0));
        }
    }
    // Earlier reviews stay reachable.
    let mut others: Vec<&Review> = ws
        .reviews
        .iter()
        .filter(|r| Some(r.id.as_str()) != latest.map(|l| l.id.as_str()))
        .collect();
    others.sort_by(|a, b| b.date.cmp(&a.date));
    for r in others {
        out.push(review_item("earlier review ", r, theme));
    }
}

// ---- Clarity: north star and inputs

pub(super) fn metric_blocks(ctx: &Ctx, m: &Metric, out: &mut Vec<Block>) {
    let theme = ctx.theme;
    let mark = match m.kind {
        MetricKind::NorthStar => "★",
        MetricKind::Input => "◆",
        MetricKind::Business => "$",
        MetricKind::Guardrail => "⛨",
    };
    let kind = match m.kind {
        MetricKind::NorthStar => "north star",
        MetricKind::Input => "input",
        MetricKind::Business => "business",
        MetricKind::Guardrail => "guardrail",
    };
    let indicator = match m.indicator {
        Some(crate::workspace::Indicator::Leading) => " · leading",
        Some(crate::workspace::Indicator::Lagging) => " · lagging",
        None => "",
    };
    out.push(Block::item(
        Line::from(vec![
            Span::styled(format!("{mark} "), theme.accent),
            Span::styled(
                inert(&m.name).into_owned(),
                theme.base.add_modifier(Modifier::BOLD),
            ),
            Span::styled(format!("  {kind}{indicator}"), theme.muted),
        ]),
        None,
        Some(Reference::new(RefKind::Metric, m.id.clone(), None)),
    ));
    out.push(Block::Gauge {
        indent: 2,
        measure: Measure {
            baseline: m.baseline,
            current: m.current(),
            target: m.target,
            down: m.direction == Direction::Down,
        },
    });
    let values: Vec<f64> = {
        let mut s = m.samples.clone();
        s.sort_by(|a, b| a.date.cmp(&b.date));
        s.into_iter().map(|s| s.value).collect()
    };
    let mut spans = vec![Span::raw("  ")];
    match m.current() {
        Some(c) => spans.push(Span::styled(
            format!("now {} {}", text::number(c), inert(&m.unit)),
            theme.base,
        )),
        None => spans.push(Span::styled("no samples yet", theme.muted)),
    }
    if let Some(d) = &m.due {
        spans.push(Span::styled(format!(" · due {}", inert(d)), theme.muted));
    }
    if values.len() > 1 {
        spans.push(Span::styled("  ", theme.muted));
        spans.push(Span::styled(sparkline(&values, 24), theme.accent));
    }
    out.push(Block::Line(Line::from(spans)));
    if !m.description.trim().is_empty() {
        out.push(Block::para(inert(&m.description), theme.muted, 2));
    }
    if let Some(d) = &m.drives {
        out.push(Block::item(
            links::indexed_link_line(ctx.ws, ctx.links, theme, 2, "drives →", d),
            Some(d.clone()),
            None,
        ));
    }
    let own = Reference::new(RefKind::Metric, m.id.clone(), None);
    link_sections(ctx, &[], &own, 2, false, out);
}

/// A review as a followable line: `LABEL ID · date · facilitator`.
pub(super) fn review_item(label: &str, r: &Review, theme: &Theme) -> Block {
    Block::item(
        Line::from(vec![
            Span::styled(label.to_string(), theme.muted),
            Span::styled(r.id.clone(), theme.link),
            Span::styled(
                format!(" · {} · {}", inert(&r.date), inert(&r.facilitator)),
                theme.muted,
            ),
        ]),
        None,
        Some(Reference::new(RefKind::Review, r.id.clone(), None)),
    )
}
