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

/// Writes an export (a report, a picture) that is not a workspace record: parent folders are
/// created, and an existing file is replaced atomically (temp file in the same folder, fsync,
/// rename), so a reader never sees half a report. No hash check: exports are regenerated, not edited.
pub fn write_output(path: &Path, contents: &str) -> Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| WorkspaceError::io(&dir, e))?;
    let name = path
        .file_name()
        .ok_or_else(|| WorkspaceError::Invalid(format!("{}: not a file name", path.display())))?;
    let tmp = dir.join(format!(
        ".{}.wh-tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(contents.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(WorkspaceError::io(path, e));
    }
    Ok(())
}
