//! Finding the workspace: `wheelhouse.toml` walking up from a folder, like git.
//! (Decisions-only mode, a bare markdown ADR folder, comes with the markdown ADR reader.)

use std::path::{Path, PathBuf};

use super::error::{Result, WorkspaceError};
use super::model::Mode;

pub const ROOT_FILE: &str = "wheelhouse.toml";

#[derive(Debug, Clone)]
pub struct Located {
    pub root: PathBuf,
    pub mode: Mode,
    /// In decisions-only mode: the markdown ADR folder, relative to `root`.
    pub adr_dir: Option<PathBuf>,
}

pub fn discover(start: &Path) -> Result<Located> {
    let start = start
        .canonicalize()
        .map_err(|e| WorkspaceError::io(start, e))?;
    for dir in start.ancestors() {
        if dir.join(ROOT_FILE).is_file() {
            return Ok(Located {
                root: dir.to_path_buf(),
                mode: Mode::Full,
                adr_dir: None,
            });
        }
    }
    Err(WorkspaceError::NotFound(start))
}
