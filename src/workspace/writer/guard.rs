//! Where a write really lands, and the writes wheelhouse refuses to make.
//!
//! A workspace file may be a symbolic link, or sit in a linked folder (`decisions/` pointing at
//! a shared checkout, say). Reading through such links is fine. Writing is done to the real file
//! (so the link survives), but only when that real file is inside the workspace: a write must
//! never land somewhere the user did not open. A file the user made read-only (0444) is not
//! replaced either: the rename of the atomic save would otherwise ignore the permission bits.

use std::fs;
use std::path::{Component, Path, PathBuf};

use super::super::error::{Result, WorkspaceError};

/// The real path a write of `rel` (relative to `root`, which must be canonical) goes to.
/// Refused: a path that is not a plain relative path, one that leads outside the root through a
/// symbolic link, a link to nothing, and (when `replacing`) an existing read-only file.
pub(super) fn resolve_target(root: &Path, rel: &Path, replacing: bool) -> Result<PathBuf> {
    if rel.as_os_str().is_empty()
        || !rel
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(WorkspaceError::Invalid(format!(
            "{}: not a path inside the workspace; not writing it",
            rel.display()
        )));
    }
    let path = root.join(rel);
    let real = match fs::symlink_metadata(&path) {
        Ok(_) => fs::canonicalize(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                WorkspaceError::Invalid(format!(
                    "{}: a symbolic link to a file that does not exist; not writing through it",
                    rel.display()
                ))
            } else {
                WorkspaceError::io(rel, e)
            }
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => real_path_of_new(&path, rel)?,
        Err(e) => return Err(WorkspaceError::io(rel, e)),
    };
    if !real.starts_with(root) {
        return Err(WorkspaceError::Invalid(format!(
            "{}: leads to {} outside the workspace through a symbolic link; wheelhouse reads \
             through such links but never writes through them",
            rel.display(),
            real.display()
        )));
    }
    if replacing {
        if let Ok(meta) = fs::metadata(&real) {
            if meta.permissions().readonly() {
                return Err(WorkspaceError::Invalid(format!(
                    "{}: the file is read-only; wheelhouse does not replace a file you made \
                     read-only (make it writable, e.g. `chmod u+w`, to change it)",
                    rel.display()
                )));
            }
        }
    }
    Ok(real)
}

/// A file that does not exist yet: the nearest folder above it that does, resolved, and the
/// rest of the path as written (folders made later are made inside that resolved folder).
fn real_path_of_new(path: &Path, rel: &Path) -> Result<PathBuf> {
    let mut rest = Vec::new();
    let mut at = path;
    loop {
        match fs::symlink_metadata(at) {
            Ok(_) => break,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(WorkspaceError::io(rel, e)),
        }
        let (Some(name), Some(parent)) = (at.file_name(), at.parent()) else {
            return Err(WorkspaceError::Invalid(format!(
                "{}: no folder of it exists",
                rel.display()
            )));
        };
        rest.push(name.to_os_string());
        at = parent;
    }
    let mut real = fs::canonicalize(at).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            WorkspaceError::Invalid(format!(
                "{}: a folder of it is a symbolic link to nothing; not writing through it",
                rel.display()
            ))
        } else {
            WorkspaceError::io(rel, e)
        }
    })?;
    for name in rest.iter().rev() {
        real.push(name);
    }
    Ok(real)
}
