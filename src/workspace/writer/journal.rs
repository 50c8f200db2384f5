//! The journal that makes a multi-file write all-or-nothing across a crash or a kill.
//!
//! Before the first file of a multi-file patch is replaced, the whole patch (every file's text
//! before and after) is written atomically next to the lock file (`.git/wheelhouse-journal` or
//! `.wheelhouse-journal`); it is deleted once the last file is in place. A journal found when
//! the lock is next taken belongs to a writer that died mid-way (the lock is gone with its
//! process), and is rolled back: every file that holds its "after" text gets its "before" text
//! again, so the workspace is as it was before the interrupted command, which never reported
//! success. A file changed by someone since is left as it is and named. Commands that only read
//! never roll back (they write nothing); the loader reports a pending journal instead.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::super::error::{Result, WorkspaceError};
use super::super::load::fnv1a64;
use super::atomic::{self, Fault, Replace, Stamp};
use super::{guard, lock, temps, FileChange};

const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Journal {
    wheelhouse_journal: u32,
    changes: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    rel: String,
    before: Option<String>,
    after: Option<String>,
}

pub(super) fn path(root: &Path) -> PathBuf {
    let (dir, prefix) = lock::state_location(root);
    dir.join(format!("{prefix}journal"))
}

/// The journal of an interrupted write, when there is one.
pub fn pending(root: &Path) -> Option<PathBuf> {
    let p = path(root);
    p.is_file().then_some(p)
}

/// Records the intent of a multi-file write; durable when this returns.
pub(super) fn write(root: &Path, changes: &[&FileChange]) -> Result<()> {
    let journal = Journal {
        wheelhouse_journal: VERSION,
        changes: changes
            .iter()
            .map(|c| {
                let rel = c.rel.to_str().ok_or_else(|| {
                    WorkspaceError::Invalid(format!(
                        "{}: a file name that is not UTF-8 cannot be written with others",
                        c.rel.display()
                    ))
                })?;
                Ok(Entry {
                    rel: rel.to_string(),
                    before: c.before.clone(),
                    after: c.after.clone(),
                })
            })
            .collect::<Result<_>>()?,
    };
    let text = serde_json::to_string(&journal)
        .map_err(|e| WorkspaceError::Invalid(format!("cannot write the journal: {e}")))?;
    let p = path(root);
    atomic::write_atomic(&p, &p, text.as_bytes(), Replace::Anything, Fault::None)
}

/// The journal's own temp file, left when a kill came while it was being written (there is no
/// journal then, and nothing else was written yet).
fn clean_own_temps(journal: &Path) {
    if let Some(dir) = journal.parent() {
        temps::clean_stale(dir);
    }
}

/// The write is complete (or fully undone): forget it.
pub(super) fn clear(root: &Path) -> Result<()> {
    let p = path(root);
    match fs::remove_file(&p) {
        Ok(()) => {
            atomic::sync_dir_of(&p);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(WorkspaceError::io(&p, e)),
    }
}

/// Rolls back the journal of a writer that died, if there is one; call with the lock held.
/// Returns one line per file put back or left alone, for the user.
pub(super) fn recover(root: &Path) -> Result<Vec<String>> {
    let p = path(root);
    clean_own_temps(&p);
    let text = match fs::read_to_string(&p) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(WorkspaceError::io(&p, e)),
    };
    let unreadable = |why: String| {
        WorkspaceError::Invalid(format!(
            "{}: the journal of an interrupted write cannot be read ({why}); look at the files \
             it names, then delete it",
            p.display()
        ))
    };
    let journal: Journal = serde_json::from_str(&text).map_err(|e| unreadable(e.to_string()))?;
    if journal.wheelhouse_journal != VERSION {
        return Err(unreadable(format!(
            "version {} is not {VERSION}",
            journal.wheelhouse_journal
        )));
    }
    let mut notes = Vec::new();
    for entry in journal.changes.iter().rev() {
        let rel = Path::new(&entry.rel);
        // A file that cannot be put back (made read-only since, say) keeps the journal, and
        // with it every write refused, until the reason is gone: half an edit must not stay.
        let note = roll_back(root, rel, &entry.before, &entry.after).map_err(|e| {
            WorkspaceError::Invalid(format!(
                "an interrupted write ({}) cannot be rolled back: {e}",
                p.display()
            ))
        })?;
        notes.extend(note);
    }
    clear(root)?;
    Ok(notes)
}

/// Puts one file of an interrupted (or failed) write back to its `before` text, when it holds
/// the `after` text. Returns a line for the user when it did something or left a changed file.
pub(super) fn roll_back(
    root: &Path,
    rel: &Path,
    before: &Option<String>,
    after: &Option<String>,
) -> Result<Option<String>> {
    let real = guard::resolve_target(root, rel, before.is_some())?;
    if let Some(dir) = real.parent() {
        temps::clean_stale(dir);
    }
    let now = Stamp::read(&real).map_err(|e| WorkspaceError::io(rel, e))?;
    let hash_of = |t: &Option<String>| t.as_ref().map(|t| fnv1a64(t.as_bytes()));
    let now_hash = now.as_ref().map(|(s, _)| s.hash());
    if now_hash == hash_of(before) {
        return Ok(None);
    }
    if now_hash != hash_of(after) {
        return Ok(Some(format!(
            "{}: changed since an interrupted write; left as it is",
            rel.display()
        )));
    }
    match (before, now) {
        (Some(before), Some((seen, _))) => atomic::write_atomic(
            &real,
            rel,
            before.as_bytes(),
            Replace::Exactly(seen),
            Fault::None,
        )?,
        (Some(before), None) => {
            if let Some(dir) = real.parent() {
                fs::create_dir_all(dir).map_err(|e| WorkspaceError::io(dir, e))?;
            }
            atomic::write_atomic(&real, rel, before.as_bytes(), Replace::Never, Fault::None)?
        }
        (None, Some((seen, _))) => atomic::remove_exactly(&real, rel, seen)?,
        (None, None) => return Ok(None),
    }
    Ok(Some(format!(
        "{}: put back as it was before an interrupted write",
        rel.display()
    )))
}
