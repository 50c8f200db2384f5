//! The core: model, loading, links, search and writing. Knows nothing of the TUI.

pub mod adr_ref;
pub mod diagnostic;
pub mod discover;
pub mod edit;
pub mod error;
pub(crate) mod files;
pub mod id_index;
pub mod links;
pub mod load;
pub mod markdown_adr;
pub mod model;
pub mod reference;
pub mod reload;
pub mod search;
pub mod source;
pub mod strategy_lint;
pub(crate) mod supersession;
pub(crate) mod validate;
pub mod writer;

pub use diagnostic::{Diagnostic, Severity};
pub use error::{Result, WorkspaceError};
pub use model::*;
pub use reference::{RefKind, Reference};

use std::path::Path;

impl Workspace {
    /// Finds the workspace from `start` (walking up like git) and loads all of it.
    pub fn open(start: &Path) -> Result<Workspace> {
        let located = discover::discover(start)?;
        Ok(load::load(&located))
    }
}
