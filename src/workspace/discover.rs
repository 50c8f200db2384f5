//! Finding the workspace: `wheelhouse.toml` walking up from a folder, like git; failing that,
//! a bare markdown ADR folder (decisions-only mode).

use std::path::{Path, PathBuf};

use super::error::{Result, WorkspaceError};
use super::markdown_adr::{find_adr_dirs_here, holds_numbered_records, search_adr_dirs, FoundDir};
use super::model::Mode;

pub const ROOT_FILE: &str = "wheelhouse.toml";

#[derive(Debug, Clone)]
pub struct Located {
    pub root: PathBuf,
    pub mode: Mode,
    /// In decisions-only mode: the markdown ADR folders, relative to `root`, each with why it
    /// was chosen (`wh adr list --verbose` says it) and its log4brains package. Usually one; a
    /// log4brains project with `packages:` or a monorepo with a folder per service has several.
    pub adr_dirs: Vec<FoundDir>,
}

impl Located {
    /// The first ADR folder (where new records go in decisions-only mode).
    pub fn adr_dir(&self) -> Option<&Path> {
        self.adr_dirs.first().map(|f| f.dir.as_path())
    }
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
                adr_dirs: Vec::new(),
            });
        }
    }
    // Decisions-only mode: no workspace anywhere above, but a markdown ADR folder (`.adr-dir`,
    // `doc/adr`, ...) here or in a parent folder up to the repository root; or `start` itself
    // holds numbered records (`cd docs/adr; wh`).
    if let Some((root, found)) = find_decisions_only(&start) {
        return Ok(Located {
            root,
            mode: Mode::DecisionsOnly,
            adr_dirs: found,
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
/// `start` itself, so a stray `~/docs/adr` is never picked up from elsewhere. Started inside a
/// subfolder of an ADR folder (`docs/adr/archived`), it opens the whole folder above. When no
/// signal or conventional place is found, folders named like ADR folders are searched for below
/// the repository root.
fn find_decisions_only(start: &Path) -> Option<(PathBuf, Vec<FoundDir>)> {
    let repo_root = start.ancestors().find(|d| d.join(".git").exists());
    for dir in start.ancestors() {
        let found = find_adr_dirs_here(dir);
        if !found.is_empty() {
            return Some((dir.to_path_buf(), found));
        }
        if holds_numbered_records(dir) {
            let (root, found) = whole_folder_above(dir, repo_root);
            return Some((root, vec![found]));
        }
        if repo_root.is_none_or(|r| r == dir) {
            break;
        }
    }
    // outside a repository there is no root to search below: a home folder is not searched
    let top = repo_root?;
    // a monorepo keeps one folder per service: every folder found is read
    let found = search_adr_dirs(top);
    (!found.is_empty()).then(|| (top.to_path_buf(), found))
}

/// `dir` holds numbered records: the ADR folder is `dir`, or the highest folder above it that
/// also holds them (`archived/` is part of `docs/adr`), opened from the folder whose signal or
/// convention names it when there is one.
fn whole_folder_above(dir: &Path, repo_root: Option<&Path>) -> (PathBuf, FoundDir) {
    let mut top = dir;
    while repo_root != Some(top) {
        match top.parent() {
            Some(p) if holds_numbered_records(p) => top = p,
            _ => break,
        }
    }
    for anc in top.ancestors().skip(1) {
        if let Some(found) = super::markdown_adr::find_adr_dir_here(anc) {
            if anc.join(&found.dir) == top {
                return (anc.to_path_buf(), found);
            }
        }
        if repo_root.is_none_or(|r| r == anc) {
            break;
        }
    }
    let why = if top == dir {
        "the folder `wh` was started in holds numbered records".to_string()
    } else {
        format!(
            "`wh` was started in `{}`, part of the ADR folder above it",
            dir.strip_prefix(top).unwrap_or(dir).display()
        )
    };
    (
        top.to_path_buf(),
        FoundDir {
            dir: PathBuf::from("."),
            why,
            package: None,
        },
    )
}
