//! The one writer. Every write in wheelhouse goes through here: toml_edit documents (comments,
//! key order and layout of everything untouched survive), a refusal when the file changed on
//! disk since it was read, and atomic replacement (temp file in the same folder, fsync, rename,
//! fsync the folder) so a crash or a full disk never leaves half a file.
//!
//! Every workspace write runs under the workspace write lock ([`lock`]): one writer at a time
//! across processes, so a number read and the file named with it belong together, and the
//! last look at a file before it is replaced is not raced by another `wh`. A patch of several
//! files is journaled ([`journal`]), so a kill at any moment leaves all-old or all-new. Writes
//! never go through a symbolic link that leaves the workspace, nor replace a read-only file
//! ([`guard`]). Temp files a killed writer left are removed at the next write to their folder.

mod atomic;
mod guard;
pub mod journal;
mod lock;
mod temps;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use super::error::{Result, WorkspaceError};
use super::load::fnv1a64;
use super::model::{SourceFile, Workspace};
use atomic::{Fault, Replace, Stamp};

/// Writes a new file atomically; fails if it already exists. Creates missing parent folders.
/// Returns the new content hash. Takes the write lock: not for use while holding a
/// [`WriteLock`] (use [`WriteLock::create_new`]).
pub fn create_new(root: &Path, rel: &Path, contents: &str) -> Result<u64> {
    lock(root)?.create_new(rel, contents)
}

/// Writes an export (a report, a picture) that is not a workspace record: parent folders are
/// created, and an existing file is replaced atomically (temp file in the same folder, fsync,
/// rename), so a reader never sees half a report. No hash check: exports are regenerated, not
/// edited; no lock and no symlink rule: the user names the path.
pub fn write_output(path: &Path, contents: &str) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir).map_err(|e| WorkspaceError::io(&dir, e))?;
    if path.file_name().is_none() {
        return Err(WorkspaceError::Invalid(format!(
            "{}: not a file name",
            path.display()
        )));
    }
    atomic::write_atomic(
        path,
        path,
        contents.as_bytes(),
        Replace::Anything,
        Fault::None,
    )
}

/// Edits an existing file through toml_edit, after checking its hash against `file.hash`.
/// Nothing is written when the change leaves the text as it was. Returns the new content hash.
/// Takes the write lock: not for use while holding a [`WriteLock`] (use [`WriteLock::edit`]).
pub fn edit(
    root: &Path,
    file: &SourceFile,
    change: impl FnOnce(&mut toml_edit::DocumentMut) -> Result<()>,
) -> Result<u64> {
    lock(root)?.edit_with(file, change, Fault::None)
}

/// Test hook: an edit whose write fails after the temp file is written, before the rename,
/// as a full disk or a crash would. Not for use outside tests.
#[doc(hidden)]
pub fn edit_failing_before_rename(
    root: &Path,
    file: &SourceFile,
    change: impl FnOnce(&mut toml_edit::DocumentMut) -> Result<()>,
) -> Result<u64> {
    lock(root)?.edit_with(file, change, Fault::FailBeforeRename)
}

/// Test hook: a commit that runs `hook` with each target's path after its temp file is written
/// and synced, just before the last look and the rename (another program editing the file
/// then, say). Not for use outside tests.
#[doc(hidden)]
pub fn commit_with_hook(
    root: &Path,
    patch: &Patch,
    hook: &dyn Fn(&Path),
) -> Result<Vec<(PathBuf, Option<u64>)>> {
    lock(root)?.commit_with(patch, Fault::BeforeRename(hook))
}

/// The text of `rel` after `change` is applied to it as a toml_edit document; errors name `rel`.
pub fn edit_text(
    rel: &Path,
    text: &str,
    change: impl FnOnce(&mut toml_edit::DocumentMut) -> Result<()>,
) -> Result<String> {
    let mut doc = parse_doc(rel, text)?;
    change(&mut doc)?;
    Ok(doc.to_string())
}

/// Parses a file's text for editing, errors with line and column.
pub(crate) fn parse_doc(rel: &Path, text: &str) -> Result<toml_edit::DocumentMut> {
    text.parse().map_err(|e: toml_edit::TomlError| {
        let (line, col) = e
            .span()
            .map(|s| super::diagnostic::LineIndex::new(text).line_col(s.start))
            .unwrap_or((0, 0));
        WorkspaceError::Parse {
            path: rel.to_path_buf(),
            line,
            col,
            message: e.message().trim().to_string(),
        }
    })
}

/// The write lock of one workspace, held until dropped: everything read and written while it
/// is held belongs to one write (read the next free number, plan, commit). Wheelhouse's own
/// writers all take it, so none can interleave; [`commit`], [`create_new`] and [`edit`] take it
/// themselves, so do not call them while holding one in the same process (they would wait for
/// it, then fail): use the methods here instead. Taking the lock first rolls back what a writer
/// that died mid-way left (see [`journal`]).
#[derive(Debug)]
pub struct WriteLock {
    root: PathBuf,
    recovered: Vec<String>,
    _held: lock::Held,
}

/// Takes the write lock of the workspace at `root`, waiting for another writer to finish (at
/// most 30 s), then rolls back an interrupted multi-file write if one is pending.
pub fn lock(root: &Path) -> Result<WriteLock> {
    let root = fs::canonicalize(root).map_err(|e| WorkspaceError::io(root, e))?;
    if HELD_HERE.with(|h| h.borrow().contains(&root)) {
        // Waiting would never end: the holder is this very thread.
        return Err(WorkspaceError::Invalid(format!(
            "{}: this thread already holds the write lock; write through that WriteLock",
            root.display()
        )));
    }
    let held = lock::Held::acquire(&root)?;
    HELD_HERE.with(|h| h.borrow_mut().push(root.clone()));
    let mut lock = WriteLock {
        root,
        recovered: Vec::new(),
        _held: held,
    };
    // On failure the lock is dropped (and released) here.
    lock.recovered = journal::recover(&lock.root)?;
    Ok(lock)
}

thread_local! {
    /// The roots whose write lock this thread holds.
    static HELD_HERE: std::cell::RefCell<Vec<PathBuf>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        HELD_HERE.with(|h| {
            let mut h = h.borrow_mut();
            if let Some(at) = h.iter().position(|r| *r == self.root) {
                h.swap_remove(at);
            }
        });
    }
}

/// The journal of an interrupted multi-file write, when one is pending: the next write rolls
/// it back. For the loader, which reads and never writes.
pub fn pending_journal(root: &Path) -> Option<PathBuf> {
    journal::pending(root)
}

impl WriteLock {
    /// The workspace root, resolved.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// What taking the lock put back after an interrupted write, one line per file (for the user).
    pub fn recovered(&self) -> &[String] {
        &self.recovered
    }

    /// [`commit`] under this lock.
    pub fn commit(&self, patch: &Patch) -> Result<Vec<(PathBuf, Option<u64>)>> {
        self.commit_with(patch, Fault::None)
    }

    /// [`create_new`] under this lock.
    pub fn create_new(&self, rel: &Path, contents: &str) -> Result<u64> {
        let patch = Patch {
            changes: vec![FileChange {
                rel: rel.to_path_buf(),
                before: None,
                after: Some(contents.to_string()),
            }],
        };
        self.commit(&patch)?;
        Ok(fnv1a64(contents.as_bytes()))
    }

    /// [`edit`] under this lock.
    pub fn edit(
        &self,
        file: &SourceFile,
        change: impl FnOnce(&mut toml_edit::DocumentMut) -> Result<()>,
    ) -> Result<u64> {
        self.edit_with(file, change, Fault::None)
    }

    /// The text of `file` now, refused when it is no longer what was loaded (its hash).
    pub fn read_unchanged(&self, file: &SourceFile) -> Result<String> {
        let real = guard::resolve_target(&self.root, &file.path, true)?;
        let bytes = match Stamp::read(&real).map_err(|e| WorkspaceError::io(&file.path, e))? {
            Some((_, bytes)) if fnv1a64(&bytes) == file.hash => bytes,
            _ => {
                return Err(WorkspaceError::ChangedOnDisk {
                    path: file.path.clone(),
                })
            }
        };
        String::from_utf8(bytes).map_err(|_| WorkspaceError::Parse {
            path: file.path.clone(),
            line: 0,
            col: 0,
            message: "the file is not UTF-8 text".into(),
        })
    }

    fn edit_with(
        &self,
        file: &SourceFile,
        change: impl FnOnce(&mut toml_edit::DocumentMut) -> Result<()>,
        fault: Fault,
    ) -> Result<u64> {
        let text = self.read_unchanged(file)?;
        let new = edit_text(&file.path, &text, change)?;
        if new == text {
            return Ok(file.hash);
        }
        let patch = Patch {
            changes: vec![FileChange {
                rel: file.path.clone(),
                before: Some(text),
                after: Some(new.clone()),
            }],
        };
        self.commit_with(&patch, fault)?;
        Ok(fnv1a64(new.as_bytes()))
    }

    fn commit_with(&self, patch: &Patch, fault: Fault) -> Result<Vec<(PathBuf, Option<u64>)>> {
        // Everything is checked before anything is written.
        let mut todo = Vec::new();
        for (i, c) in patch.changes.iter().enumerate() {
            if patch.changes[..i].iter().any(|o| o.rel == c.rel) {
                return Err(WorkspaceError::Invalid(format!(
                    "{}: changed twice in one patch",
                    c.rel.display()
                )));
            }
            let real = guard::resolve_target(&self.root, &c.rel, c.before.is_some())?;
            let seen = check_before(&real, c)?;
            if c.before != c.after {
                todo.push((c, real, seen));
            }
        }
        let mut folders: Vec<&Path> = todo.iter().filter_map(|(_, r, _)| r.parent()).collect();
        folders.sort();
        folders.dedup();
        for dir in folders {
            temps::clean_stale(dir);
        }
        let journaled = todo.len() > 1;
        if journaled {
            let changes: Vec<&FileChange> = todo.iter().map(|(c, _, _)| *c).collect();
            journal::write(&self.root, &changes)?;
            test_pause();
        }
        let mut hashes = Vec::new();
        for (n, (c, real, seen)) in todo.iter().enumerate() {
            if let Err(e) = apply_change(real, c, *seen, fault) {
                self.undo(&todo[..n], journaled);
                return Err(e);
            }
            hashes.push((
                c.rel.clone(),
                c.after.as_ref().map(|t| fnv1a64(t.as_bytes())),
            ));
            test_pause();
        }
        if journaled {
            // Until the journal is gone the next lock would roll this write back, so a failure
            // here is a failure of the commit.
            journal::clear(&self.root)?;
        }
        Ok(hashes)
    }

    /// Puts back the files of a failed commit; the journal stays when one cannot be put back,
    /// so the next lock tries again.
    fn undo(&self, done: &[(&FileChange, PathBuf, Option<Stamp>)], journaled: bool) {
        let mut whole = true;
        for (c, _, _) in done.iter().rev() {
            if journal::roll_back(&self.root, &c.rel, &c.before, &c.after).is_err() {
                whole = false;
            }
        }
        if journaled && whole {
            let _ = journal::clear(&self.root);
        }
    }
}

/// The test hook of the crash-torture test: `WH_TEST_WRITE_PAUSE_MS` makes a multi-file commit
/// pause after its journal and after each file, so a kill can land between any two steps.
fn test_pause() {
    static PAUSE: OnceLock<Option<Duration>> = OnceLock::new();
    let pause = PAUSE.get_or_init(|| {
        std::env::var("WH_TEST_WRITE_PAUSE_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .map(Duration::from_millis)
    });
    if let Some(d) = pause {
        std::thread::sleep(*d);
    }
}

/// The stamp of `real` when it holds the change's `before` text (`None`: it does not exist, as
/// it must not); refused otherwise.
fn check_before(real: &Path, c: &FileChange) -> Result<Option<Stamp>> {
    match (
        &c.before,
        Stamp::read(real).map_err(|e| WorkspaceError::io(&c.rel, e))?,
    ) {
        (None, None) => Ok(None),
        (None, Some(_)) => Err(WorkspaceError::Invalid(format!(
            "{}: already exists; not writing over it",
            c.rel.display()
        ))),
        (Some(text), Some((seen, bytes))) if bytes == text.as_bytes() => Ok(Some(seen)),
        (Some(_), _) => Err(WorkspaceError::ChangedOnDisk {
            path: c.rel.clone(),
        }),
    }
}

fn apply_change(real: &Path, c: &FileChange, seen: Option<Stamp>, fault: Fault) -> Result<()> {
    match (&c.after, seen) {
        (Some(text), None) => {
            if let Some(dir) = real.parent() {
                fs::create_dir_all(dir).map_err(|e| WorkspaceError::io(dir, e))?;
            }
            atomic::write_atomic(real, &c.rel, text.as_bytes(), Replace::Never, fault)
        }
        (Some(text), Some(seen)) => {
            atomic::write_atomic(real, &c.rel, text.as_bytes(), Replace::Exactly(seen), fault)
        }
        (None, Some(seen)) => {
            if let Fault::BeforeRename(hook) = fault {
                hook(real);
            }
            atomic::remove_exactly(real, &c.rel, seen)
        }
        (None, None) => Ok(()),
    }
}

impl Workspace {
    /// Edits one file (an index into `files`) through the writer, then reloads the
    /// workspace so the model, links and diagnostics reflect the change.
    pub fn edit_file(
        &mut self,
        file: usize,
        change: impl FnOnce(&mut toml_edit::DocumentMut) -> Result<()>,
    ) -> Result<()> {
        let f = self
            .files
            .get(file)
            .ok_or_else(|| WorkspaceError::Invalid(format!("no file number {file}")))?;
        if f.broken {
            return Err(WorkspaceError::Invalid(format!(
                "{}: has errors that stop it from being read; fix them in an editor first",
                f.path.display()
            )));
        }
        edit(&self.root, f, change)?;
        *self = self.reload();
        Ok(())
    }
}

/// One file's part of a [`Patch`]: the text the file must hold on disk now (`None`: it must not
/// exist) and the text to leave in it (`None`: delete it). Paths are relative to the root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    pub rel: PathBuf,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Whole-file changes that are written together or not at all: what every edit operation
/// plans, and what undo inverts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Patch {
    pub changes: Vec<FileChange>,
}

impl Patch {
    /// The patch that puts every file back: before and after swapped, in reverse order.
    pub fn inverse(&self) -> Patch {
        Patch {
            changes: self
                .changes
                .iter()
                .rev()
                .map(|c| FileChange {
                    rel: c.rel.clone(),
                    before: c.after.clone(),
                    after: c.before.clone(),
                })
                .collect(),
        }
    }

    /// The files the patch writes, relative to the root.
    pub fn paths(&self) -> Vec<PathBuf> {
        self.changes
            .iter()
            .filter(|c| c.before != c.after)
            .map(|c| c.rel.clone())
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.changes.iter().all(|c| c.before == c.after)
    }
}

/// Commits a patch under the write lock: every file is checked against its `before` text first
/// (nothing is written when one differs: [`WorkspaceError::ChangedOnDisk`]), and checked again
/// just before it is replaced; a patch of several files is journaled, so it lands whole or not
/// at all even when the process is killed half-way; when one write fails, the files already
/// written are put back. Returns the new content hash of each changed file (`None` for a
/// deletion). Takes the lock itself: while holding a [`WriteLock`], use [`WriteLock::commit`].
pub fn commit(root: &Path, patch: &Patch) -> Result<Vec<(PathBuf, Option<u64>)>> {
    lock(root)?.commit(patch)
}
