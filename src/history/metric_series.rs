//! A metric's series completed from git: where `wheelhouse.toml` keeps only the latest sample
//! (the value edited in place), the samples earlier commits held are read back from them.
//! Samples the working tree's file holds come first; one it no longer holds is marked with the
//! commit it was read from.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{short, History, HistoryError};
use crate::workspace::discover::ROOT_FILE;
use crate::workspace::load;
use crate::workspace::model::Metric;

/// Commits read at most: a bound, not a limit anyone meets.
const MAX_COMMITS: usize = 1_000_000;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesSample {
    pub date: String,
    pub value: f64,
    /// The commit this sample was read from, when the working tree's file no longer holds it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_git: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricSeries {
    pub metric: String,
    /// Oldest first.
    pub samples: Vec<SeriesSample>,
}

impl MetricSeries {
    /// How many samples came from git.
    pub fn from_git(&self) -> usize {
        self.samples.iter().filter(|s| s.from_git.is_some()).count()
    }
}

/// The series of each of `metrics` (as the working tree has them), completed from every
/// version of `wheelhouse.toml` on HEAD's first-parent line.
pub fn metric_series(
    history: &History,
    metrics: &[Metric],
    tip: &str,
) -> Result<Vec<MetricSeries>, HistoryError> {
    let head = history.resolve(tip)?;
    let mut blobs = Vec::new();
    let mut commits = Vec::new();
    for c in history.first_parent_log(head.id, None, MAX_COMMITS)? {
        let Some(blob) = history.blob_id(c, ROOT_FILE)? else {
            break;
        };
        // consecutive commits that left the file alone share its blob: read once
        if blobs.last() != Some(&blob) {
            blobs.push(blob);
            commits.push(c);
        }
    }
    let versions = history.read_all(&blobs, load::parse_metrics_bytes)?;
    // per metric, date → sample, the working tree's first, then newest commit first
    let mut by_metric: Vec<BTreeMap<String, SeriesSample>> = metrics
        .iter()
        .map(|m| {
            m.samples
                .iter()
                .map(|s| {
                    (
                        s.date.clone(),
                        SeriesSample {
                            date: s.date.clone(),
                            value: s.value,
                            from_git: None,
                        },
                    )
                })
                .collect()
        })
        .collect();
    for (commit, version) in commits.iter().zip(versions) {
        let Some(past) = version else { continue };
        for (k, m) in metrics.iter().enumerate() {
            let Some(was) = past.iter().find(|p| p.id == m.id) else {
                continue;
            };
            for s in &was.samples {
                by_metric[k]
                    .entry(s.date.clone())
                    .or_insert_with(|| SeriesSample {
                        date: s.date.clone(),
                        value: s.value,
                        from_git: Some(short(*commit)),
                    });
            }
        }
    }
    Ok(metrics
        .iter()
        .zip(by_metric)
        .map(|(m, samples)| MetricSeries {
            metric: m.id.clone(),
            samples: samples.into_values().collect(),
        })
        .collect())
}
