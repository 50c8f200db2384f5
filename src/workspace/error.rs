//! Errors of the core. Problems inside files are diagnostics, not errors:
//! an error here means the operation as a whole could not be done.

use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum WorkspaceError {
    #[error("no wheelhouse workspace (wheelhouse.toml) or ADR folder found in {0} or any parent folder\n  make one with `wh init` or `wh init --sample`")]
    NotFound(PathBuf),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        // not #[source]: the message already carries it, and error chains would print it twice
        source: std::io::Error,
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
}

impl WorkspaceError {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        WorkspaceError::Io {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = WorkspaceError> = std::result::Result<T, E>;
