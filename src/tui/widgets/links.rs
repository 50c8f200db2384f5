//! Link lines: a reference with the name of what it points to, styled as a
//! link when it resolves and as an error when it dangles.

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use crate::text::inert;
use crate::tui::theme::Theme;
use crate::workspace::{RefKind, Reference, Workspace};

/// The display name of what `r` points to, or None when nothing answers.
pub fn describe(ws: &Workspace, r: &Reference) -> Option<String> {
    let item = r.item.as_deref();
    match r.kind {
        RefKind::Adr => ws.decision(r.adr_number()?).map(|a| a.title.clone()),
        RefKind::Map => {
            let m = ws.map(&r.doc)?;
            match item {
                None => Some(if m.title.is_empty() { m.id.clone() } else { m.title.clone() }),
                Some(i) => m.component(i).map(|c| c.name.clone()),
            }
        }
        RefKind::Impact => {
            let m = ws.impact_map(&r.doc)?;
            match item {
                None => Some(m.goal.title.clone()),
                Some(i) => m
                    .actors
                    .iter()
                    .find(|a| a.id == i)
                    .map(|a| a.name.clone())
                    .or_else(|| m.impacts.iter().find(|x| x.id == i).map(|x| x.behaviour.clone()))
                    .or_else(|| m.deliverables.iter().find(|d| d.id == i).map(|d| d.title.clone())),
            }
        }
        RefKind::Metric => ws.metric(&r.doc).map(|m| m.name.clone()),
        RefKind::Phase => crate::workspace::PhaseId::from_key(&r.doc)
            .and_then(|p| ws.phase(p))
            .map(|p| p.title.clone()),
        RefKind::ValueStream => ws.value_streams.iter().find(|v| v.id == r.doc).map(|v| v.name.clone()),
        RefKind::Pillar => ws.pillars.iter().find(|v| v.id == r.doc).map(|v| v.name.clone()),
        RefKind::Scenario => ws.scenarios.iter().find(|v| v.id == r.doc).map(|v| v.name.clone()),
        RefKind::Review => ws
            .reviews
            .iter()
            .find(|v| v.id == r.doc)
            .map(|v| format!("review of {}", v.date)),
    }
}

/// `  → adr:7  Serverless presentation layer` (or `(not found)` in the error style).
pub fn link_line(ws: &Workspace, theme: &Theme, indent: usize, arrow: &str, r: &Reference) -> Line<'static> {
    let mut spans = vec![Span::raw(format!("{}{arrow} ", " ".repeat(indent)))];
    match describe(ws, r) {
        Some(name) => {
            spans.push(Span::styled(r.to_string(), theme.link));
            spans.push(Span::raw("  "));
            spans.push(Span::styled(inert(&name).into_owned(), theme.base));
        }
        None => {
            spans.push(Span::styled(r.to_string(), theme.error.add_modifier(Modifier::CROSSED_OUT)));
            spans.push(Span::styled("  (not found)", theme.error));
        }
    }
    Line::from(spans)
}
