//! Finding the workspace: `wheelhouse.toml` walking up from a folder, like git; failing that,
//! a bare markdown ADR folder (decisions-only mode).

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
    // Full mode: the nearest folder holding wheelhouse.toml, from `start` upwards.
    for dir in start.ancestors() {
        if dir.join(ROOT_FILE).is_file() {
            return Ok(Located {
                root: dir.to_path_buf(),
                mode: Mode::Full,
                adr_dir: None,
            });
        }
    }
    // Decisions-only mode: no workspace anywhere above, but a markdown ADR folder here
    // (`.adr-dir`, `doc/adr`, ...); the markdown ADR reader knows the conventions.
    if let Some(adr_dir) = super::markdown_adr::find_adr_dir(&start) {
        return Ok(Located {
            root: start,
            mode: Mode::DecisionsOnly,
            adr_dir: Some(adr_dir),
        });
    }
    Err(WorkspaceError::NotFound(start))
}
