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
    // Decisions-only mode: no workspace anywhere above, but a markdown ADR folder (`.adr-dir`,
    // `doc/adr`, ...) here or in a parent folder up to the repository root; or `start` itself
    // holds numbered records (`cd docs/adr; wh`).
    if let Some((root, adr_dir)) = find_decisions_only(&start) {
        return Ok(Located {
            root,
            mode: Mode::DecisionsOnly,
            adr_dir: Some(adr_dir),
        });
    }
    // a fresh clone's root: the sample is right there
    if start.join("sample-data").join(ROOT_FILE).is_file() {
        return Err(WorkspaceError::NotFoundBesideSample(start));
    }
    Err(WorkspaceError::NotFound(start))
}

/// The folder to open in decisions-only mode and its ADR folder (relative to it). Looks from
/// `start` up to the repository root (the nearest folder with `.git`); outside a repository only
/// `start` itself, so a stray `~/docs/adr` is never picked up from elsewhere.
fn find_decisions_only(start: &Path) -> Option<(PathBuf, PathBuf)> {
    use super::markdown_adr::{find_adr_dir, holds_numbered_records};
    let in_repo = start.ancestors().any(|d| d.join(".git").exists());
    for dir in start.ancestors() {
        if let Some(adr_dir) = find_adr_dir(dir) {
            return Some((dir.to_path_buf(), adr_dir));
        }
        if holds_numbered_records(dir) {
            return Some((dir.to_path_buf(), PathBuf::from(".")));
        }
        if !in_repo || dir.join(".git").exists() {
            break;
        }
    }
    None
}
