//! Resolving references and computing backlinks. STUB: being written (issue 2).

use super::model::Workspace;
use super::reference::Reference;
use std::collections::HashMap;

/// Backlinks: for each referenced item, who refers to it. Computed, never stored.
#[derive(Debug, Default, Clone)]
pub struct LinkIndex {
    pub backlinks: HashMap<Reference, Vec<Reference>>,
}

impl LinkIndex {
    pub fn build(_ws: &Workspace) -> Self {
        LinkIndex::default()
    }

    pub fn backlinks(&self, target: &Reference) -> &[Reference] {
        self.backlinks.get(target).map(Vec::as_slice).unwrap_or(&[])
    }
}
