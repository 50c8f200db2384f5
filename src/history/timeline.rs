//! A map through time, for the cockpit: every version of one map's file (the commits that
//! changed it, oldest first, each parsed into a [`WardleyMap`]), from which the Landscape steps
//! the whole map through its commits and draws each component's trail of past positions. Also
//! a map as it was at any revision, for the diff view. Computed off the UI thread; nothing here
//! knows of the TUI.

use std::collections::HashMap;
use std::path::Path;

use super::momentum::{map_versions, stage_of, Since};
use super::{CommitInfo, History, HistoryError};
use crate::workspace::load;
use crate::workspace::model::WardleyMap;

/// One commit that changed the map's file, and the map as that commit left it.
#[derive(Debug, Clone)]
pub struct MapVersion {
    pub commit: CommitInfo,
    /// The first line of the commit message.
    pub subject: String,
    pub map: WardleyMap,
}

/// The versions of one map, oldest first (versions whose file did not parse are left out).
#[derive(Debug, Clone)]
pub struct MapTimeline {
    pub map: String,
    pub versions: Vec<MapVersion>,
    /// The repository's tags, newest first (the diff view offers them beside the versions).
    pub tags: Vec<(String, CommitInfo)>,
    /// Per component id, each position it took: (version, evolution, visibility, commit
    /// time), oldest first; a trail is read from here every frame, not from the versions.
    tracks: HashMap<String, Vec<Move>>,
}

#[derive(Debug, Clone, Copy)]
struct Move {
    version: usize,
    at: (f64, f64),
    time: i64,
}

/// Where a component has been, as drawn behind it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Trail {
    /// Past positions `(evolution, visibility)`, oldest first, at most the `n` asked for; the
    /// position it is at now is not among them.
    pub points: Vec<(f64, f64)>,
    /// For each point after the first and for the move to the position now: did that move
    /// cross into another stage? `crossed[k]` is the move that ends at `points[k + 1]` (or,
    /// for the last, at the position now).
    pub crossed: Vec<bool>,
    /// Δevolution per 90 days, from where it was first seen to now.
    pub speed_per_90_days: f64,
}

impl MapTimeline {
    /// The timeline of map `map` from its versions, oldest first.
    pub fn new(map: String, versions: Vec<MapVersion>) -> MapTimeline {
        let mut tracks: HashMap<String, Vec<Move>> = HashMap::new();
        for (k, v) in versions.iter().enumerate() {
            for c in &v.map.components {
                let at = (c.evolution, c.visibility);
                let track = tracks.entry(c.id.clone()).or_default();
                if track.last().is_none_or(|m| m.at != at) {
                    track.push(Move {
                        version: k,
                        at,
                        time: v.commit.time,
                    });
                }
            }
        }
        MapTimeline {
            map,
            versions,
            tags: Vec::new(),
            tracks,
        }
    }

    /// The trail of component `id` as of version `upto` (inclusive; `None`: the working tree,
    /// where it is at `now`), keeping the last `n` positions before the one it is at.
    pub fn trail(&self, id: &str, upto: Option<usize>, now: (f64, f64), n: usize) -> Trail {
        let last = match upto {
            Some(k) => k.min(self.versions.len().saturating_sub(1)),
            None => self.versions.len().saturating_sub(1),
        };
        let track = self.tracks.get(id).map(Vec::as_slice).unwrap_or_default();
        let upto_here = track.partition_point(|m| m.version <= last);
        let mut seen: Vec<((f64, f64), i64)> =
            track[..upto_here].iter().map(|m| (m.at, m.time)).collect();
        // the position now closes the trail; a past point equal to it is not drawn
        if seen.last().is_some_and(|(q, _)| *q == now) {
            seen.pop();
        }
        let first_time = seen.first().map(|s| s.1);
        let end_time = if upto.is_some() {
            self.versions.get(last).map(|v| v.commit.time)
        } else {
            self.versions.last().map(|v| v.commit.time)
        };
        let speed = match (seen.first(), first_time, end_time) {
            (Some((p, _)), Some(t0), Some(t1)) if t1 - t0 >= 86_400 => {
                (now.0 - p.0) / ((t1 - t0) as f64 / 86_400.0) * 90.0
            }
            _ => 0.0,
        };
        let keep = seen.len().saturating_sub(n);
        let points: Vec<(f64, f64)> = seen[keep..].iter().map(|s| s.0).collect();
        let mut crossed = Vec::new();
        for k in 0..points.len() {
            let to = points.get(k + 1).copied().unwrap_or(now);
            crossed.push(stage_of(points[k].0) != stage_of(to.0));
        }
        Trail {
            points,
            crossed,
            speed_per_90_days: speed,
        }
    }

    /// The version to show one step back from `at` (`None`: the working tree, whose map is
    /// `now`): the newest version that differs from what is shown, so the first step back from
    /// an unchanged working tree does not show the same map again.
    pub fn step_back(&self, at: Option<usize>, now: Option<&WardleyMap>) -> Option<usize> {
        match at {
            Some(0) => Some(0),
            Some(k) => Some(k - 1),
            None => {
                let last = self.versions.len().checked_sub(1)?;
                let same = now.is_some_and(|m| same_positions(m, &self.versions[last].map));
                if same && last > 0 {
                    Some(last - 1)
                } else {
                    Some(last)
                }
            }
        }
    }

    /// One step forward from version `at`: `None` once past the newest (the working tree).
    pub fn step_forward(&self, at: usize) -> Option<usize> {
        (at + 1 < self.versions.len()).then_some(at + 1)
    }
}

/// The same components at the same places, and the same title.
fn same_positions(a: &WardleyMap, b: &WardleyMap) -> bool {
    a.title == b.title
        && a.components.len() == b.components.len()
        && a.components.iter().zip(&b.components).all(|(x, y)| {
            x.id == y.id
                && x.name == y.name
                && x.evolution == y.evolution
                && x.visibility == y.visibility
        })
}

/// The first line of commit `id`'s message.
fn subject(history: &History, id: gix::ObjectId) -> Result<String, HistoryError> {
    let commit = history.repo.find_commit(id).map_err(super::git)?;
    let message = commit.message_raw_sloppy().to_string();
    Ok(message.lines().next().unwrap_or("").trim().to_string())
}

/// Every version of map `id` on the first-parent line back from `tip` (HEAD, or the revision
/// the cockpit was opened at), for the workspace at `root`.
pub fn map_timeline(root: &Path, id: &str, tip: &str) -> Result<MapTimeline, HistoryError> {
    let history = History::open(root)?;
    let (versions, _) =
        map_versions(&history, id, &Since::Beginning, tip).map_err(|e| match e {
            HistoryError::BadRevision { .. } | HistoryError::NotCommitted(_) => {
                HistoryError::NoHistory(format!("the map `{id}` is not committed yet"))
            }
            other => other,
        })?;
    // one version per change of the file
    let mut changes: Vec<(gix::ObjectId, gix::ObjectId)> = Vec::new();
    for v in versions {
        if changes.last().is_none_or(|c| c.1 != v.1) {
            changes.push(v);
        }
    }
    let blobs: Vec<gix::ObjectId> = changes.iter().map(|c| c.1).collect();
    let rel = format!("maps/{id}.toml");
    let maps = history.read_all(&blobs, |bytes| load::parse_map_bytes(&rel, bytes))?;
    let mut out = Vec::new();
    for ((commit, _), map) in changes.into_iter().zip(maps) {
        let Some(mut map) = map else { continue };
        map.id = id.to_string();
        out.push(MapVersion {
            commit: history.info(commit)?,
            subject: subject(&history, commit)?,
            map,
        });
    }
    let mut timeline = MapTimeline::new(id.to_string(), out);
    timeline.tags = history.tags()?;
    Ok(timeline)
}

/// Map `id` as it was at `rev`, and the commit `rev` names; `None` for the map when it did not
/// exist there.
pub fn map_at(
    root: &Path,
    id: &str,
    rev: &str,
) -> Result<(CommitInfo, Option<WardleyMap>), HistoryError> {
    let history = History::open(root)?;
    let commit = history.resolve(rev)?;
    let rel = format!("maps/{id}.toml");
    let map = match history.blob_id(commit.id, &rel)? {
        Some(blob) => {
            let bytes = history.blob(blob)?;
            load::parse_map_bytes(&rel, bytes).map(|mut m| {
                m.id = id.to_string();
                m
            })
        }
        None => None,
    };
    Ok((commit, map))
}
