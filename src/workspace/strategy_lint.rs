//! The strategy lint (`wh check --strategy`): what practitioners check by hand, each a warning
//! with a stable code (documented in docs/strategy-lint.md), each one can be turned off in
//! `wheelhouse.toml`:
//!
//! ```toml
//! [lint]
//! off = ["strategy-sourcing-stage"]
//! proposed-days = 60
//! ```

use std::path::PathBuf;

use super::diagnostic::{Diagnostic, Severity};
use super::discover::ROOT_FILE;
use super::model::*;
use super::reference::{RefKind, Reference};

/// Every code the lint can give, in the order it checks them.
pub const CODES: [&str; 11] = [
    "strategy-north-star-count",
    "strategy-north-star-lagging",
    "strategy-goal-overdue",
    "strategy-goal-no-deliverable",
    "strategy-inertia-no-adr",
    "strategy-sourcing-stage",
    "strategy-adr-proposed-stale",
    "strategy-pillar-no-action",
    "strategy-scenario-no-adr",
    "strategy-metric-stale",
    "strategy-adr-stage-moved",
];

/// How long an ADR may stay proposed when `[lint] proposed-days` does not say.
pub const DEFAULT_PROPOSED_DAYS: i64 = 60;

/// The `[lint]` table of `wheelhouse.toml`.
#[derive(Debug, Clone)]
pub struct LintConfig {
    pub off: Vec<String>,
    pub proposed_days: i64,
}

impl Default for LintConfig {
    fn default() -> Self {
        LintConfig {
            off: Vec::new(),
            proposed_days: DEFAULT_PROPOSED_DAYS,
        }
    }
}

impl LintConfig {
    /// Reads `[lint]` from the text of `wheelhouse.toml`; what is wrong in it is diagnosed
    /// (and the default used) rather than failing the check.
    pub fn from_root_text(text: &str) -> (LintConfig, Vec<Diagnostic>) {
        let mut cfg = LintConfig::default();
        let mut diags = Vec::new();
        let Ok(doc) = text.parse::<toml::Table>() else {
            return (cfg, diags); // the loader reports the syntax error
        };
        let Some(lint) = doc.get("lint") else {
            return (cfg, diags);
        };
        // the table's line, for the messages: `[lint]` itself
        let line = text
            .lines()
            .position(|l| l.trim_start().starts_with("[lint]"))
            .map_or(0, |i| i as u32 + 1);
        let mut bad = |message: String| {
            diags.push(Diagnostic {
                file: PathBuf::from(ROOT_FILE),
                line,
                col: if line > 0 { 1 } else { 0 },
                severity: Severity::Error,
                code: "bad-value",
                message,
                target: None,
            })
        };
        let Some(lint) = lint.as_table() else {
            bad("`lint` must be a table: [lint]".into());
            return (cfg, diags);
        };
        for (k, v) in lint {
            match k.as_str() {
                "off" => match v.as_array() {
                    Some(items) => {
                        for item in items {
                            match item.as_str() {
                                Some(code) if CODES.contains(&code) => cfg.off.push(code.into()),
                                Some(code) => bad(format!(
                                    "[lint] off: `{code}` is not a strategy lint code (one of {})",
                                    CODES.join(", ")
                                )),
                                None => bad("[lint] off: a list of codes (strings)".into()),
                            }
                        }
                    }
                    None => bad(
                        "[lint] off: a list of codes, like [\"strategy-sourcing-stage\"]".into(),
                    ),
                },
                "proposed-days" => match v.as_integer() {
                    Some(n) if n > 0 => cfg.proposed_days = n,
                    _ => bad("[lint] proposed-days: a whole number of days above 0".into()),
                },
                other => bad(format!(
                    "[lint] has no field `{other}` (fields: off, proposed-days)"
                )),
            }
        }
        (cfg, diags)
    }
}

/// The strategy lint over `ws`, `today` being `YYYY-MM-DD`.
pub fn lint(ws: &Workspace, cfg: &LintConfig, today: &str) -> Vec<Diagnostic> {
    let mut l = Lint {
        ws,
        cfg,
        out: Vec::new(),
    };
    let north_stars: Vec<&Metric> = ws
        .metrics
        .iter()
        .filter(|m| m.kind == MetricKind::NorthStar)
        .collect();
    if north_stars.len() > 1 {
        for m in &north_stars[1..] {
            l.warn(
                m.origin,
                "strategy-north-star-count",
                format!(
                    "more than one north star: `{}` and `{}`; a flywheel has one",
                    north_stars[0].id, m.id
                ),
                Some(Reference::new(RefKind::Metric, &m.id, None)),
            );
        }
    }
    for m in &north_stars {
        if m.indicator == Some(Indicator::Lagging) {
            l.warn(
                m.origin,
                "strategy-north-star-lagging",
                format!(
                    "the north star `{}` is a lagging indicator: it tells too late; pick a leading one",
                    m.id
                ),
                Some(Reference::new(RefKind::Metric, &m.id, None)),
            );
        }
    }
    for im in &ws.impact_maps {
        let g = &im.goal;
        let reached = match (g.current, g.target, g.baseline) {
            (Some(c), Some(t), Some(b)) if t < b => c <= t,
            (Some(c), Some(t), _) => c >= t,
            _ => false,
        };
        if let Some(deadline) = &g.deadline {
            if deadline.as_str() < today && !reached {
                l.warn(
                    g.origin,
                    "strategy-goal-overdue",
                    format!(
                        "the goal of `{}` was due {deadline} and is not reached",
                        im.id
                    ),
                    Some(Reference::new(RefKind::Impact, &im.id, None)),
                );
            }
        }
        if im.deliverables.is_empty() {
            l.warn(
                g.origin,
                "strategy-goal-no-deliverable",
                format!(
                    "the goal of `{}` has no deliverable: nothing is planned to move it",
                    im.id
                ),
                Some(Reference::new(RefKind::Impact, &im.id, None)),
            );
        }
    }
    for map in &ws.maps {
        for c in &map.components {
            let target = || Some(Reference::new(RefKind::Map, &map.id, Some(c.id.clone())));
            if c.inertia && !c.links.iter().any(|r| r.kind == RefKind::Adr) {
                l.warn(
                    c.origin,
                    "strategy-inertia-no-adr",
                    format!(
                        "`{}` has inertia and no ADR says why or what to do about it",
                        c.id
                    ),
                    target(),
                );
            }
            let stage = crate::history::momentum::stage_of(c.evolution);
            for s in &c.sourcing {
                let contradiction = match (s, stage) {
                    (Sourcing::Build, 3) => Some("built in house, yet a commodity"),
                    (Sourcing::Buy, 0) => Some("bought, yet in genesis (nothing to buy yet)"),
                    (Sourcing::Outsource, 0) => Some("outsourced, yet in genesis"),
                    _ => None,
                };
                if let Some(why) = contradiction {
                    l.warn(
                        c.origin,
                        "strategy-sourcing-stage",
                        format!("`{}` is {why} (evolution {:.2})", c.id, c.evolution),
                        target(),
                    );
                }
            }
        }
    }
    for a in &ws.decisions {
        if a.status != AdrStatus::Proposed {
            continue;
        }
        let Some(date) = &a.date else { continue };
        let (Some(from), Some(to)) = (days_of(date), days_of(today)) else {
            continue;
        };
        if to - from > cfg.proposed_days {
            l.warn(
                a.origin,
                "strategy-adr-proposed-stale",
                format!(
                    "ADR {} has been proposed since {date} ({} days, more than {}): decide it",
                    a.number,
                    to - from,
                    cfg.proposed_days
                ),
                Some(Reference::new(RefKind::Adr, a.number.to_string(), None)),
            );
        }
    }
    for m in &ws.metrics {
        let Some(cadence) = m.cadence else { continue };
        let latest = m.samples.iter().map(|s| s.date.as_str()).max();
        let message = match latest {
            None => format!(
                "metric `{}` is measured every {cadence} days and has no sample yet",
                m.id
            ),
            Some(date) => match (days_of(date), days_of(today)) {
                (Some(from), Some(to)) if to - from > i64::from(cadence) => format!(
                    "metric `{}` is measured every {cadence} days; its latest sample is from {date} ({} days ago): record one",
                    m.id,
                    to - from
                ),
                _ => continue,
            },
        };
        l.warn(
            m.origin,
            "strategy-metric-stale",
            message,
            Some(Reference::new(RefKind::Metric, &m.id, None)),
        );
    }
    for p in &ws.pillars {
        if p.risk == Risk::High && p.actions.is_empty() {
            l.warn(
                p.origin,
                "strategy-pillar-no-action",
                format!("the pillar `{}` is high risk with no action", p.id),
                Some(Reference::new(RefKind::Pillar, &p.id, None)),
            );
        }
    }
    for s in &ws.scenarios {
        if s.importance == Some(Hml::H)
            && s.difficulty == Some(Hml::H)
            && !s.links.iter().any(|r| r.kind == RefKind::Adr)
        {
            l.warn(
                s.origin,
                "strategy-scenario-no-adr",
                format!(
                    "the quality scenario `{}` is (H,H): important and hard, and no ADR addresses it",
                    s.id
                ),
                Some(Reference::new(RefKind::Scenario, &s.id, None)),
            );
        }
    }
    l.out
}

/// A component's move into another stage, as the history read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageCrossing {
    pub map: String,
    pub component: String,
    pub from: String,
    pub to: String,
    /// `YYYY-MM-DD`
    pub date: String,
    pub commit: String,
}

/// The ADRs a map component is linked with (either way): (ADR number, map id, component id).
pub fn adr_components(ws: &Workspace) -> Vec<(u32, String, String)> {
    let mut out = Vec::new();
    for a in &ws.decisions {
        for r in &a.links {
            if let (RefKind::Map, Some(item)) = (r.kind, &r.item) {
                out.push((a.number, r.doc.clone(), item.clone()));
            }
        }
    }
    for m in &ws.maps {
        for c in &m.components {
            for r in c.links.iter().filter(|r| r.kind == RefKind::Adr) {
                if let Ok(n) = r.doc.parse::<u32>() {
                    out.push((n, m.id.clone(), c.id.clone()));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The part of the lint that needs history: an ADR whose component has moved to another stage
/// after the ADR's date (`date_of`: the record's own date, or git's).
pub fn lint_history(
    ws: &Workspace,
    cfg: &LintConfig,
    crossings: &[StageCrossing],
    date_of: &dyn Fn(&Adr) -> Option<String>,
) -> Vec<Diagnostic> {
    let mut l = Lint {
        ws,
        cfg,
        out: Vec::new(),
    };
    for (number, map, component) in adr_components(ws) {
        let Some(a) = ws.decisions.iter().find(|a| a.number == number) else {
            continue;
        };
        let Some(since) = date_of(a) else { continue };
        let after = crossings
            .iter()
            .rev()
            .find(|x| x.map == map && x.component == component && x.date > since);
        if let Some(x) = after {
            l.warn(
                a.origin,
                "strategy-adr-stage-moved",
                format!(
                    "ADR {number} ({since}) is about `{map}/{component}`, which has since moved {} → {} ({}, {}): revisit it",
                    x.from, x.to, x.date, x.commit
                ),
                Some(Reference::new(RefKind::Adr, number.to_string(), None)),
            );
        }
    }
    l.out
}

struct Lint<'a> {
    ws: &'a Workspace,
    cfg: &'a LintConfig,
    out: Vec<Diagnostic>,
}

impl Lint<'_> {
    fn warn(&mut self, at: Origin, code: &'static str, message: String, target: Option<Reference>) {
        if self.cfg.off.iter().any(|c| c == code) {
            return;
        }
        let file = self
            .ws
            .files
            .get(at.file)
            .map_or_else(|| PathBuf::from(ROOT_FILE), |f| f.path.clone());
        self.out.push(Diagnostic {
            file,
            line: at.line,
            col: at.col,
            severity: Severity::Warning,
            code,
            message,
            target,
        });
    }
}

/// Days since the epoch of a `YYYY-MM-DD` date.
fn days_of(date: &str) -> Option<i64> {
    let mut parts = date.get(..10)?.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    Some(era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_of_matches_date_from_days() {
        for days in [0, 19_000, 19_797, 20_000] {
            let date = crate::workspace::load::date_from_days(days);
            assert_eq!(days_of(&date), Some(days), "{date}");
        }
        assert_eq!(days_of("2024-13-01"), None);
        assert_eq!(days_of("nope"), None);
    }

    #[test]
    fn lint_config_reads_off_and_days_and_diagnoses_the_rest() {
        let (cfg, diags) = LintConfig::from_root_text(
            "[workspace]\nname = \"x\"\n\n[lint]\noff = [\"strategy-sourcing-stage\", \"nope\"]\nproposed-days = 10\ncolour = 1\n",
        );
        assert_eq!(cfg.off, vec!["strategy-sourcing-stage".to_string()]);
        assert_eq!(cfg.proposed_days, 10);
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert!(diags.iter().all(|d| d.line == 4));
    }
}
