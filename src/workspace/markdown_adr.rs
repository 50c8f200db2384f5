//! Reading markdown ADR folders in place (adr-tools/Nygard, MADR 2/3/4, log4brains).
//! STUB: being written (issue 4).

use std::path::{Path, PathBuf};

use super::diagnostic::Diagnostic;
use super::model::{Adr, SourceFile};

/// What reading one markdown ADR folder produced.
#[derive(Debug, Default)]
pub struct MarkdownFolder {
    /// One entry per record file, in file-name order (kind `MarkdownDecision`); a file that
    /// could not be read is listed with `broken = true`.
    pub files: Vec<SourceFile>,
    /// `records[i].origin.file` is an index into `files` offset by `first_file_index`.
    pub records: Vec<Adr>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads every markdown record in `root/dir`. `first_file_index` is where this folder's
/// files will start in `Workspace::files`.
pub fn read_dir(_root: &Path, _dir: &Path, _first_file_index: usize) -> MarkdownFolder {
    MarkdownFolder::default()
}

/// The ADR folder of a repository with no `wheelhouse.toml` (`.adr-dir`, `doc/adr`, `docs/adr`, ...),
/// relative to `dir`.
pub fn find_adr_dir(_dir: &Path) -> Option<PathBuf> {
    None
}
