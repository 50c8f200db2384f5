//! Link lines: a reference with the name of what it points to, styled as a
//! link when it resolves and as an error when it dangles.

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use crate::text::inert;
use crate::tui::theme::Theme;
use crate::workspace::links::{LinkIndex, Target};
use crate::workspace::{Reference, Workspace};

/// The display name of what `r` points to, or None when nothing answers.
pub fn describe(ws: &Workspace, r: &Reference) -> Option<String> {
    name_of(ws.resolve(r)?)
}

fn name_of(t: Target<'_>) -> Option<String> {
    let title = t.title();
    Some(match t {
        Target::Map(m) if title.is_empty() => m.id.clone(),
        Target::Review(v) => format!("review of {}", v.date),
        _ => title.to_string(),
    })
}

/// `  → adr:7  Serverless presentation layer` (or `(not found)` in the error style).
pub fn link_line(
    ws: &Workspace,
    theme: &Theme,
    indent: usize,
    arrow: &str,
    r: &Reference,
) -> Line<'static> {
    styled_link(describe(ws, r), theme, indent, arrow, r)
}

/// `link_line` resolved through the workspace's index: for panes that draw a line per item of a
/// large workspace (a scan per line is quadratic over 10,000 metrics).
pub fn indexed_link_line(
    ws: &Workspace,
    index: &LinkIndex,
    theme: &Theme,
    indent: usize,
    arrow: &str,
    r: &Reference,
) -> Line<'static> {
    let name = index.resolve(ws, r).and_then(name_of);
    styled_link(name, theme, indent, arrow, r)
}

/// What kind of item a target is, in words (`deliverable`, `impact`, `decision` …): references
/// do not say it (a deliverable's is `impact:MAP/ID`, like an impact's).
pub fn kind_word(t: &Target<'_>) -> &'static str {
    match t {
        Target::Adr(_) => "decision",
        Target::Phase(_) => "phase",
        Target::Metric(_) => "metric",
        Target::Review(_) => "review",
        Target::ValueStream(_) => "value stream",
        Target::Pillar(_) => "pillar",
        Target::Scenario(_) => "scenario",
        Target::Map(_) => "map",
        Target::Component { .. } => "component",
        Target::ImpactMap(_) => "impact map",
        Target::Actor { .. } => "actor",
        Target::Impact { .. } => "impact",
        Target::Deliverable { .. } => "deliverable",
    }
}

/// `← deliverable: Fast pages at peak`: a backlink says what links here by kind and title
/// (a dangling one keeps the crossed-out reference).
pub fn backlink_line(ws: &Workspace, theme: &Theme, indent: usize, r: &Reference) -> Line<'static> {
    backlink_of(ws.resolve(r), theme, indent, r)
}

/// `backlink_line` resolved through the workspace's index (see `indexed_link_line`).
pub fn indexed_backlink_line(
    ws: &Workspace,
    index: &LinkIndex,
    theme: &Theme,
    indent: usize,
    r: &Reference,
) -> Line<'static> {
    backlink_of(index.resolve(ws, r), theme, indent, r)
}

fn backlink_of(
    target: Option<Target<'_>>,
    theme: &Theme,
    indent: usize,
    r: &Reference,
) -> Line<'static> {
    let Some(t) = target else {
        return styled_link(None, theme, indent, "←", r);
    };
    let kind = kind_word(&t);
    let name = name_of(t).unwrap_or_default();
    Line::from(vec![
        Span::raw(format!("{}← ", " ".repeat(indent))),
        Span::styled(format!("{kind}: "), theme.muted),
        Span::styled(inert(&name).into_owned(), theme.link),
    ])
}

fn styled_link(
    name: Option<String>,
    theme: &Theme,
    indent: usize,
    arrow: &str,
    r: &Reference,
) -> Line<'static> {
    let mut spans = vec![Span::raw(format!("{}{arrow} ", " ".repeat(indent)))];
    match name {
        Some(name) => {
            spans.push(Span::styled(r.to_string(), theme.link));
            spans.push(Span::raw("  "));
            spans.push(Span::styled(inert(&name).into_owned(), theme.base));
        }
        None => {
            spans.push(Span::styled(
                r.to_string(),
                theme.error.add_modifier(Modifier::CROSSED_OUT),
            ));
            spans.push(Span::styled("  (not found)", theme.error));
        }
    }
    Line::from(spans)
}
