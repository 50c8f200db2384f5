//! The half of the strategy lint that needs history (`strategy-adr-stage-moved`): the stage
//! crossings of every map component an ADR is linked with, read with momentum, and each ADR's
//! date (its own, else the commit that created its file). Outside git it finds nothing.

use std::collections::BTreeSet;

use super::momentum::{map_history, Since};
use super::History;
use crate::workspace::strategy_lint::{self, LintConfig, StageCrossing};
use crate::workspace::{Diagnostic, Workspace};

/// The history warnings of the strategy lint for `ws` (empty without history).
pub fn lint(ws: &Workspace, cfg: &LintConfig) -> Vec<Diagnostic> {
    if cfg.off.iter().any(|c| c == "strategy-adr-stage-moved") {
        return Vec::new();
    }
    let Ok(history) = History::open(&ws.root) else {
        return Vec::new();
    };
    let pairs = strategy_lint::adr_components(ws);
    let maps: BTreeSet<&str> = pairs.iter().map(|(_, m, _)| m.as_str()).collect();
    let mut crossings = Vec::new();
    for map in maps {
        // a map not committed yet has no crossings
        let Ok(h) = map_history(&history, map, &Since::Beginning, "HEAD") else {
            continue;
        };
        for c in h.components {
            for x in c.crossings {
                crossings.push(StageCrossing {
                    map: map.to_string(),
                    component: c.id.clone(),
                    from: x.from,
                    to: x.to,
                    date: x.date,
                    commit: x.commit,
                });
            }
        }
    }
    if crossings.is_empty() {
        return Vec::new();
    }
    let date_of = |a: &crate::workspace::model::Adr| -> Option<String> {
        if let Some(d) = &a.date {
            return Some(d.clone());
        }
        let file = ws.files.get(a.origin.file)?;
        let rel = file.path.to_string_lossy().replace('\\', "/");
        super::adr_dates::adr_dates(&history, "HEAD", &rel, file.kind)
            .ok()
            .flatten()
            .map(|d| d.created.date)
    };
    strategy_lint::lint_history(ws, cfg, &crossings, &date_of)
}
