//! The one writer. STUB: being written (issue 2).
//! Every write in wheelhouse goes through here: toml_edit documents (comments and layout kept),
//! temp file + fsync + rename, and a refusal when the file changed on disk since it was read.

use std::path::Path;

use super::error::{Result, WorkspaceError};
use super::model::SourceFile;

/// Writes a new file atomically; fails if it already exists. Returns the new content hash.
pub fn create_new(_root: &Path, _rel: &Path, _contents: &str) -> Result<u64> {
    Err(WorkspaceError::Invalid("writer not built yet".into()))
}

/// Edits an existing file through toml_edit, after checking its hash against `file.hash`.
/// Returns the new content hash.
pub fn edit(
    _root: &Path,
    _file: &SourceFile,
    _change: impl FnOnce(&mut toml_edit::DocumentMut) -> Result<()>,
) -> Result<u64> {
    Err(WorkspaceError::Invalid("writer not built yet".into()))
}
