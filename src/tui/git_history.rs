//! What the cockpit asks of the git history, and the answers: read on a thread of their own
//! (the event loop in `mod.rs` starts it, the answer comes back as `Event::History`), so a long
//! walk never stalls a key. Panes ask through `Pane::history_wanted` and are handed the answer
//! through `Pane::history_arrived`; they never read git while they update or render.

use std::path::Path;
use std::sync::Arc;

use crate::history::metric_series::MetricSeries;
use crate::history::timeline::{self, MapTimeline};
use crate::history::CommitInfo;
use crate::workspace::model::WardleyMap;

/// One question for the history reader.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum HistoryRequest {
    /// Every version of a map (trails, the time slider).
    Timeline { map: String },
    /// A map as it was at a revision (the diff view).
    MapAt { map: String, rev: String },
    /// Every metric's samples completed from the versions of `wheelhouse.toml` (the Flywheel).
    MetricSeries,
}

/// A map at a revision: the commit, and the map (`None` when it did not exist there).
#[derive(Debug, Clone)]
pub struct MapAtRev {
    pub rev: String,
    pub commit: CommitInfo,
    pub map: Option<WardleyMap>,
}

/// The answer; an error is the one line to show ("no history: …").
#[derive(Debug, Clone)]
pub enum HistoryAnswer {
    Timeline(Result<Arc<MapTimeline>, String>),
    MapAt(Result<Arc<MapAtRev>, String>),
    MetricSeries(Result<Arc<Vec<MetricSeries>>, String>),
}

/// Reads what `request` asks for in the repository holding the workspace at `root`.
/// `tip`: the commit the cockpit was opened at (`--rev`), else HEAD; history after it is the
/// future, which neither trails nor the time slider show.
pub fn answer(root: &Path, tip: Option<&str>, request: &HistoryRequest) -> HistoryAnswer {
    let tip = tip.unwrap_or("HEAD");
    match request {
        HistoryRequest::Timeline { map } => HistoryAnswer::Timeline(
            timeline::map_timeline(root, map, tip)
                .map(Arc::new)
                .map_err(|e| e.to_string()),
        ),
        HistoryRequest::MapAt { map, rev } => HistoryAnswer::MapAt(
            timeline::map_at(root, map, rev)
                .map(|(commit, map)| {
                    Arc::new(MapAtRev {
                        rev: rev.clone(),
                        commit,
                        map,
                    })
                })
                .map_err(|e| e.to_string()),
        ),
        HistoryRequest::MetricSeries => HistoryAnswer::MetricSeries(metric_series(root, tip)),
    }
}

/// The working tree's metrics, their series completed from git.
fn metric_series(root: &Path, tip: &str) -> Result<Arc<Vec<MetricSeries>>, String> {
    let bytes = std::fs::read(root.join(crate::workspace::discover::ROOT_FILE))
        .map_err(|e| e.to_string())?;
    let metrics = crate::workspace::load::parse_metrics_bytes(bytes).unwrap_or_default();
    let history = crate::history::History::open(root).map_err(|e| e.to_string())?;
    crate::history::metric_series::metric_series(&history, &metrics, tip)
        .map(Arc::new)
        .map_err(|e| e.to_string())
}

/// A past version of a map, shown in place of the working tree's while the time slider is on
/// it. Compared by identity: it only travels inside an `Action`.
#[derive(Clone)]
pub struct PastMap {
    pub map: Arc<WardleyMap>,
    /// "3/27 a1b2c3d 2024-03-14 subject", for the refusal of edits.
    pub label: String,
}

impl PartialEq for PastMap {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.map, &other.map) && self.label == other.label
    }
}

impl std::fmt::Debug for PastMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PastMap")
            .field("map", &self.map.id)
            .field("label", &self.label)
            .finish()
    }
}
