//! Momentum: how each component of a map moved along evolution over the commits that changed
//! the map's file, followed across renames (an exact rename keeps the blob; otherwise the one
//! map file the commit removed is taken as the old name).

use std::collections::HashMap;

use gix::ObjectId;
use serde::Serialize;

use super::{CommitInfo, History, HistoryError};
use crate::workspace::load;
use crate::workspace::model::STAGE_BOUNDARIES;

/// Where the history starts.
#[derive(Debug, Clone)]
pub enum Since {
    /// From the first commit.
    Beginning,
    /// Commits at or after this day (`YYYY-MM-DD`, UTC).
    Date(String),
    /// Commits after this one.
    Commit(ObjectId),
}

#[derive(Debug, Clone, Serialize)]
pub struct MapHistory {
    pub map: String,
    /// Commits read (on the first-parent line from HEAD, since the start asked for).
    pub commits: usize,
    /// Commits among them that changed the map's file.
    pub changes: usize,
    pub components: Vec<ComponentHistory>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ComponentHistory {
    pub id: String,
    pub name: String,
    pub first_seen: CommitInfo,
    /// The last commit that changed its evolution or visibility, if any did.
    pub last_moved: Option<CommitInfo>,
    pub evolution: f64,
    pub delta_evolution: f64,
    /// Δevolution per 90 days, from first seen to the last commit read.
    pub speed_per_90_days: f64,
    pub crossings: Vec<Crossing>,
    /// Every position it had, oldest first.
    pub positions: Vec<Position>,
    /// Not on the map at the last commit read.
    pub removed: bool,
    /// Days it has not moved (to the last commit read) while it has inertia or a pending
    /// evolve target.
    pub stuck_days: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Crossing {
    pub from: String,
    pub to: String,
    pub date: String,
    pub commit: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Position {
    pub commit: String,
    pub date: String,
    pub evolution: f64,
    pub visibility: f64,
}

/// Which of the four stages an evolution lies in (0 genesis … 3 commodity).
pub fn stage_of(evolution: f64) -> usize {
    STAGE_BOUNDARIES.iter().filter(|b| evolution >= **b).count()
}

/// Commits read at most: a bound, not a limit anyone meets.
const MAX_COMMITS: usize = 1_000_000;

/// The versions of map `id`'s file (its file at HEAD is `maps/ID.toml`) on HEAD's first-parent
/// line, oldest first: each commit read and the blob the file had there (consecutive commits
/// may share one), followed across renames. Also the HEAD commit.
pub(crate) fn map_versions(
    history: &History,
    id: &str,
    since: &Since,
    tip: &str,
) -> Result<(Vec<(ObjectId, ObjectId)>, CommitInfo), HistoryError> {
    let head = history.resolve(tip)?;
    let until = match since {
        Since::Commit(c) => Some(*c),
        _ => None,
    };
    let min_day = match since {
        Since::Date(d) => Some(d.as_str()),
        _ => None,
    };
    let log = history.first_parent_log(head.id, until, MAX_COMMITS)?;
    // newest to oldest: which file the map was at each commit, and its blob
    let mut path = format!("maps/{id}.toml");
    let mut versions: Vec<(ObjectId, ObjectId)> = Vec::new();
    // the parent's lookup of one step is the commit's lookup of the next
    let mut known: Option<(ObjectId, Option<ObjectId>)> = None;
    for (k, &c) in log.iter().enumerate() {
        if let Some(day) = min_day {
            if history.info(c)?.date.as_str() < day {
                break;
            }
        }
        let blob = match known.take() {
            Some((at, blob)) if at == c => blob,
            _ => history.blob_id(c, &path)?,
        };
        let Some(blob) = blob else {
            if k == 0 {
                return Err(HistoryError::NotCommitted(format!(
                    "no map `{id}` at {tip}: maps/{id}.toml is not committed there"
                )));
            }
            break;
        };
        versions.push((c, blob));
        if let Some(&parent) = log.get(k + 1) {
            let before = history.blob_id(parent, &path)?;
            known = Some((parent, before));
            if before.is_none() {
                match renamed_from(history, c, parent, blob)? {
                    Some(old) => {
                        path = old;
                        known = None;
                    }
                    None => break,
                }
            }
        }
    }
    versions.reverse();
    Ok((versions, head))
}

/// `x` without the float noise of a subtraction (to 1e-9).
pub(crate) fn tidy(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

/// The history of map `id` up to `tip` (a revision, usually HEAD; the map's file there is
/// `maps/ID.toml`).
pub fn map_history(
    history: &History,
    id: &str,
    since: &Since,
    tip: &str,
) -> Result<MapHistory, HistoryError> {
    let (versions, head) = map_versions(history, id, since, tip)?;
    let commits = versions.len();
    let mut tracks: Vec<Track> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut stages: [String; 4] = Default::default();
    let mut last_blob = None;
    let mut changes = 0;
    let mut present_at_end: Vec<String> = Vec::new();
    let mut last_commit = None;
    // each version of the file read and parsed once, on every core
    let mut distinct: Vec<ObjectId> = versions.iter().map(|v| v.1).collect();
    distinct.dedup();
    let maps = history.read_all(&distinct, |bytes| {
        load::parse_map_bytes(&format!("maps/{id}.toml"), bytes)
    })?;
    let mut parsed = maps.into_iter();
    for (c, blob) in &versions {
        last_commit = Some(*c);
        if last_blob == Some(*blob) {
            continue;
        }
        last_blob = Some(*blob);
        changes += 1;
        let Some(map) = parsed.next().flatten() else {
            continue; // a broken revision of the file: its components are not known there
        };
        let info = history.info(*c)?;
        stages = map.stages.clone();
        present_at_end.clear();
        for comp in &map.components {
            present_at_end.push(comp.id.clone());
            let t = *index.entry(comp.id.clone()).or_insert_with(|| {
                tracks.push(Track {
                    id: comp.id.clone(),
                    name: comp.name.clone(),
                    first_seen: info.clone(),
                    points: Vec::new(),
                    inertia: false,
                    evolve: None,
                });
                tracks.len() - 1
            });
            let track = &mut tracks[t];
            track.name = comp.name.clone();
            track.inertia = comp.inertia;
            track.evolve = comp.evolve;
            let moved = track
                .points
                .last()
                .is_none_or(|(_, e, v)| *e != comp.evolution || *v != comp.visibility);
            if moved {
                track
                    .points
                    .push((info.clone(), comp.evolution, comp.visibility));
            }
        }
    }
    let end = match last_commit {
        Some(c) => history.info(c)?,
        None => head,
    };
    let components = tracks
        .into_iter()
        .map(|t| {
            let present = present_at_end.contains(&t.id);
            t.summarise(&stages, &end, present)
        })
        .collect();
    Ok(MapHistory {
        map: id.to_string(),
        commits,
        changes,
        components,
    })
}

/// The map file `commit` renamed to the file holding `blob`: one in `parent` with the same
/// blob, else the only map file `commit` removed.
fn renamed_from(
    history: &History,
    commit: ObjectId,
    parent: ObjectId,
    blob: ObjectId,
) -> Result<Option<String>, HistoryError> {
    let before = history.list_dir(parent, "maps")?;
    let after = history.list_dir(commit, "maps")?;
    if let Some((name, _)) = before.iter().find(|(_, b)| *b == blob) {
        return Ok(Some(format!("maps/{name}")));
    }
    let removed: Vec<&String> = before
        .iter()
        .filter(|(n, _)| n.ends_with(".toml") && !after.iter().any(|(a, _)| a == n))
        .map(|(n, _)| n)
        .collect();
    Ok(match removed.as_slice() {
        [one] => Some(format!("maps/{one}")),
        _ => None,
    })
}

struct Track {
    id: String,
    name: String,
    first_seen: CommitInfo,
    points: Vec<(CommitInfo, f64, f64)>,
    inertia: bool,
    evolve: Option<f64>,
}

impl Track {
    fn summarise(self, stages: &[String; 4], end: &CommitInfo, present: bool) -> ComponentHistory {
        let first = self.points.first().map_or(0.0, |p| p.1);
        let now = self.points.last().map_or(0.0, |p| p.1);
        let last_moved = (self.points.len() > 1)
            .then(|| self.points.last().map(|p| p.0.clone()))
            .flatten();
        let days = (end.time - self.first_seen.time).max(0) as f64 / 86_400.0;
        // coordinates have two decimals: a difference is given as one, not 0.10000000000000009
        let delta = tidy(now - first);
        let speed = if days >= 1.0 {
            delta / days * 90.0
        } else {
            0.0
        };
        let mut crossings = Vec::new();
        for w in self.points.windows(2) {
            let (a, b) = (stage_of(w[0].1), stage_of(w[1].1));
            if a != b {
                crossings.push(Crossing {
                    from: stage_label(stages, a),
                    to: stage_label(stages, b),
                    date: w[1].0.date.clone(),
                    commit: w[1].0.commit.clone(),
                });
            }
        }
        let still_since = last_moved.as_ref().unwrap_or(&self.first_seen).time;
        let pending = self.evolve.is_some_and(|t| (t - now).abs() > f64::EPSILON);
        let stuck_days = (present && (self.inertia || pending))
            .then(|| (end.time - still_since).max(0) / 86_400);
        ComponentHistory {
            id: self.id,
            name: self.name,
            first_seen: self.first_seen,
            last_moved,
            evolution: now,
            delta_evolution: delta,
            speed_per_90_days: speed,
            crossings,
            positions: self
                .points
                .into_iter()
                .map(|(c, e, v)| Position {
                    commit: c.commit,
                    date: c.date,
                    evolution: e,
                    visibility: v,
                })
                .collect(),
            removed: !present,
            stuck_days,
        }
    }
}

/// The stage's label without OWM's parenthesised extras ("Product (+rental)" → "Product").
fn stage_label(stages: &[String; 4], i: usize) -> String {
    let s = stages.get(i).map(String::as_str).unwrap_or("");
    let s = if s.is_empty() {
        crate::workspace::model::DEFAULT_STAGES[i.min(3)]
    } else {
        s
    };
    s.split(" (").next().unwrap_or(s).trim().to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_difference_of_two_decimals_reads_as_one() {
        assert_ne!(0.45 - 0.55, -0.1);
        assert_eq!(super::tidy(0.45 - 0.55), -0.1);
        assert_eq!(super::tidy(0.2), 0.2);
    }
}
