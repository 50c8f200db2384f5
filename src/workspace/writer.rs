//! The one writer. Every write in wheelhouse goes through here: toml_edit documents (comments,
//! key order and layout of everything untouched survive), a refusal when the file changed on
//! disk since it was read (hash), and atomic replacement (temp file in the same folder, fsync,
//! rename, fsync the folder) so a crash or a full disk never leaves half a file.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::error::{Result, WorkspaceError};
use super::load::fnv1a64;
use super::model::{SourceFile, Workspace};

/// Writes a new file atomically; fails if it already exists. Creates missing parent folders.
/// Returns the new content hash.
pub fn create_new(root: &Path, rel: &Path, contents: &str) -> Result<u64> {
    let path = root.join(rel);
    if path.exists() {
        return Err(WorkspaceError::Invalid(format!(
            "{}: already exists; not writing over it",
            rel.display()
        )));
    }
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| WorkspaceError::io(dir, e))?;
    }
    write_atomic(&path, contents.as_bytes(), Replace::Never, Fault::None)?;
    Ok(fnv1a64(contents.as_bytes()))
}

/// Writes an export (a report, a picture) that is not a workspace record: parent folders are
/// created, and an existing file is replaced atomically (temp file in the same folder, fsync,
/// rename), so a reader never sees half a report. No hash check: exports are regenerated, not edited.
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
    write_atomic(path, contents.as_bytes(), Replace::Existing, Fault::None)
}

/// Edits an existing file through toml_edit, after checking its hash against `file.hash`.
/// Nothing is written when the change leaves the text as it was. Returns the new content hash.
pub fn edit(
    root: &Path,
    file: &SourceFile,
    change: impl FnOnce(&mut toml_edit::DocumentMut) -> Result<()>,
) -> Result<u64> {
    edit_inner(root, file, change, Fault::None)
}

/// Test hook: an edit whose write fails after the temp file is written, before the rename,
/// as a full disk or a crash would. Not for use outside tests.
#[doc(hidden)]
pub fn edit_failing_before_rename(
    root: &Path,
    file: &SourceFile,
    change: impl FnOnce(&mut toml_edit::DocumentMut) -> Result<()>,
) -> Result<u64> {
    edit_inner(root, file, change, Fault::BeforeRename)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fault {
    None,
    BeforeRename,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Replace {
    Never,
    Existing,
}

fn edit_inner(
    root: &Path,
    file: &SourceFile,
    change: impl FnOnce(&mut toml_edit::DocumentMut) -> Result<()>,
    fault: Fault,
) -> Result<u64> {
    let path = root.join(&file.path);
    // Write next to the real file when the path is a symlink, so the link survives.
    let path = fs::canonicalize(&path).map_err(|e| WorkspaceError::io(&file.path, e))?;
    let bytes = fs::read(&path).map_err(|e| WorkspaceError::io(&file.path, e))?;
    if fnv1a64(&bytes) != file.hash {
        return Err(WorkspaceError::ChangedOnDisk {
            path: file.path.clone(),
        });
    }
    let text = std::str::from_utf8(&bytes).map_err(|_| WorkspaceError::Parse {
        path: file.path.clone(),
        line: 0,
        col: 0,
        message: "the file is not UTF-8 text".into(),
    })?;
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        let (line, col) = e
            .span()
            .map(|s| super::diagnostic::LineIndex::new(text).line_col(s.start))
            .unwrap_or((0, 0));
        WorkspaceError::Parse {
            path: file.path.clone(),
            line,
            col,
            message: e.message().trim().to_string(),
        }
    })?;
    change(&mut doc)?;
    let new = doc.to_string();
    if new.as_bytes() == bytes.as_slice() {
        return Ok(file.hash);
    }
    write_atomic(&path, new.as_bytes(), Replace::Existing, fault)?;
    Ok(fnv1a64(new.as_bytes()))
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Temp file in the target's folder (a rename across file systems would not be atomic).
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.wh-{}-{n}.tmp", std::process::id()))
}

fn write_atomic(path: &Path, bytes: &[u8], replace: Replace, fault: Fault) -> Result<()> {
    let tmp = temp_path(path);
    let result = write_then_move(path, &tmp, bytes, replace, fault);
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn write_then_move(
    path: &Path,
    tmp: &Path,
    bytes: &[u8],
    replace: Replace,
    fault: Fault,
) -> Result<()> {
    let io = |e| WorkspaceError::io(path, e);
    {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(tmp)
            .map_err(io)?;
        f.write_all(bytes).map_err(io)?;
        // Keep the permissions of the file being replaced.
        if replace == Replace::Existing {
            if let Ok(meta) = fs::metadata(path) {
                f.set_permissions(meta.permissions()).map_err(io)?;
            }
        }
        f.sync_all().map_err(io)?;
    }
    if fault == Fault::BeforeRename {
        return Err(io(std::io::Error::other("injected failure before rename")));
    }
    match replace {
        Replace::Existing => fs::rename(tmp, path).map_err(io)?,
        Replace::Never => {
            // A hard link fails when the target exists: no race can make us clobber a file
            // that appeared since we looked.
            match fs::hard_link(tmp, path) {
                Ok(()) => {
                    let _ = fs::remove_file(tmp);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(WorkspaceError::Invalid(format!(
                        "{}: already exists; not writing over it",
                        path.display()
                    )));
                }
                // File systems without hard links: check, then rename.
                Err(_) => {
                    if path.exists() {
                        return Err(WorkspaceError::Invalid(format!(
                            "{}: already exists; not writing over it",
                            path.display()
                        )));
                    }
                    fs::rename(tmp, path).map_err(io)?;
                }
            }
        }
    }
    // The rename itself must reach the disk: fsync the folder.
    if let Some(dir) = path.parent() {
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
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

    pub fn is_empty(&self) -> bool {
        self.changes.iter().all(|c| c.before == c.after)
    }
}

/// Commits a patch: every file is checked against its `before` text first (nothing is written
/// when one differs: [`WorkspaceError::ChangedOnDisk`]); then each file is replaced atomically;
/// when one write fails, the files already written are put back, so the patch lands whole or
/// not at all. Returns the new content hash of each changed file (`None` for a deletion).
pub fn commit(root: &Path, patch: &Patch) -> Result<Vec<(PathBuf, Option<u64>)>> {
    for c in &patch.changes {
        check_before(root, c)?;
    }
    let mut done: Vec<&FileChange> = Vec::new();
    let mut hashes = Vec::new();
    for c in &patch.changes {
        if c.before == c.after {
            continue;
        }
        match apply_change(root, c) {
            Ok(h) => {
                done.push(c);
                hashes.push((c.rel.clone(), h));
            }
            Err(e) => {
                for d in done.iter().rev() {
                    let back = FileChange {
                        rel: d.rel.clone(),
                        before: d.after.clone(),
                        after: d.before.clone(),
                    };
                    let _ = apply_change(root, &back);
                }
                return Err(e);
            }
        }
    }
    Ok(hashes)
}

fn check_before(root: &Path, c: &FileChange) -> Result<()> {
    let path = root.join(&c.rel);
    match (&c.before, fs::read(&path)) {
        (None, Err(e)) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        (None, Ok(_)) => Err(WorkspaceError::Invalid(format!(
            "{}: already exists; not writing over it",
            c.rel.display()
        ))),
        (Some(text), Ok(bytes)) if fnv1a64(&bytes) == fnv1a64(text.as_bytes()) => Ok(()),
        (Some(_), Ok(_)) => Err(WorkspaceError::ChangedOnDisk {
            path: c.rel.clone(),
        }),
        (Some(_), Err(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(WorkspaceError::ChangedOnDisk {
                path: c.rel.clone(),
            })
        }
        (_, Err(e)) => Err(WorkspaceError::io(&c.rel, e)),
    }
}

fn apply_change(root: &Path, c: &FileChange) -> Result<Option<u64>> {
    let path = root.join(&c.rel);
    match &c.after {
        Some(text) => {
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir).map_err(|e| WorkspaceError::io(dir, e))?;
            }
            let replace = if c.before.is_some() {
                Replace::Existing
            } else {
                Replace::Never
            };
            write_atomic(&path, text.as_bytes(), replace, Fault::None)?;
            Ok(Some(fnv1a64(text.as_bytes())))
        }
        None => {
            fs::remove_file(&path).map_err(|e| WorkspaceError::io(&c.rel, e))?;
            Ok(None)
        }
    }
}
