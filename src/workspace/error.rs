//! Errors of the core. Problems inside files are diagnostics, not errors:
//! an error here means the operation as a whole could not be done.

use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum WorkspaceError {
    #[error("no wheelhouse workspace (wheelhouse.toml) or ADR folder found in {0} or any parent folder\n  make one with `wh init` or `wh init --sample`")]
    NotFound(PathBuf),
    /// As `NotFound`, from a folder holding the sample (a fresh clone's root).
    #[error("no wheelhouse workspace (wheelhouse.toml) or ADR folder found in {0} or any parent folder\n  open the sample with `wh -C sample-data`, or make one with `wh init` or `wh init --sample`")]
    NotFoundBesideSample(PathBuf),
    // the field is not named `source` (thiserror would chain it): the message already
    // carries the OS error, and `{:#}` at the CLI edge would print it twice
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error(
        "{path}: changed on disk since it was read; not saving over it (reload and try again)"
    )]
    ChangedOnDisk { path: PathBuf },
    #[error("{path}:{line}:{col}: {message}")]
    Parse {
        path: PathBuf,
        line: u32,
        col: u32,
        message: String,
    },
    #[error("{0}")]
    Invalid(String),
    /// An ADR REF that names no record, or several.
    #[error(transparent)]
    AdrRef(#[from] crate::workspace::adr_ref::AdrRefError),
}

impl WorkspaceError {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        WorkspaceError::Io {
            path: path.into(),
            error: source,
        }
    }
}

pub type Result<T, E = WorkspaceError> = std::result::Result<T, E>;
