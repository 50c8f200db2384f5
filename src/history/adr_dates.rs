//! When a decision record was created and when its status changed, and by whom, from the
//! commits that touched its file (first-parent line, followed while the path stays the same).

use serde::Serialize;

use super::{CommitInfo, History, HistoryError};
use crate::workspace::load;
use crate::workspace::model::FileKind;

#[derive(Debug, Clone, Serialize)]
pub struct AdrDates {
    /// The commit that added the file.
    pub created: CommitInfo,
    /// Each commit that changed the status, oldest first.
    pub status_changed: Vec<StatusChange>,
    /// Everyone who committed a change to the file, first one first.
    pub authors: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusChange {
    pub from: String,
    pub to: String,
    #[serde(flatten)]
    pub commit: CommitInfo,
}

/// Commits read at most for one record.
const MAX_COMMITS: usize = 100_000;

/// The git dates of the record in file `rel` (relative to the workspace root), read from
/// `tip` (HEAD, or the revision shown) back. `None` when the file was never committed.
pub fn adr_dates(
    history: &History,
    tip: &str,
    rel: &str,
    kind: FileKind,
) -> Result<Option<AdrDates>, HistoryError> {
    let tip = history.resolve(tip)?;
    let log = history.first_parent_log(tip.id, None, MAX_COMMITS)?;
    // newest to oldest: the commits where the file's blob differs from the parent's
    let mut changes = Vec::new();
    let mut newer: Option<(gix::ObjectId, gix::ObjectId)> = None;
    for &c in &log {
        let blob = history.blob_id(c, rel)?;
        if let Some((nc, nb)) = newer {
            if blob != Some(nb) {
                changes.push((nc, nb));
            }
        }
        match blob {
            Some(b) => newer = Some((c, b)),
            None => {
                newer = None;
                break;
            }
        }
    }
    if let Some(first) = newer {
        changes.push(first); // the file was there from the first commit
    }
    changes.reverse();
    let Some(&(created, _)) = changes.first() else {
        return Ok(None);
    };
    let mut status_changed = Vec::new();
    let mut authors: Vec<String> = Vec::new();
    let mut last: Option<String> = None;
    for (c, blob) in changes {
        let info = history.info(c)?;
        if !authors.contains(&info.author) {
            authors.push(info.author.clone());
        }
        let status = load::parse_decision_bytes(rel, kind, history.blob(blob)?)
            .map(|a| a.status.key().to_string());
        if let (Some(before), Some(now)) = (&last, &status) {
            if before != now {
                status_changed.push(StatusChange {
                    from: before.clone(),
                    to: now.clone(),
                    commit: info.clone(),
                });
            }
        }
        if status.is_some() {
            last = status;
        }
    }
    Ok(Some(AdrDates {
        created: history.info(created)?,
        status_changed,
        authors,
    }))
}
