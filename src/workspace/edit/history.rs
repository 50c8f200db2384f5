//! Undo and redo: the committed patches of a session, each undone by committing its inverse
//! (helix keeps transactions and their inversions the same way). An undo is itself written at
//! once; when a file has changed on disk since the edit, the writer refuses and the step
//! stays where it was.

use std::path::Path;

use super::Plan;
use crate::workspace::error::Result;
use crate::workspace::reference::Reference;
use crate::workspace::writer::{self, Patch};

/// One undoable step.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub patch: Patch,
    pub summary: String,
    pub focus: Option<Reference>,
}

#[derive(Debug, Default)]
pub struct History {
    done: Vec<Entry>,
    undone: Vec<Entry>,
}

impl History {
    /// Remembers a committed edit; a new edit forgets what was undone.
    pub fn record(&mut self, plan: Plan) {
        if plan.patch.is_empty() {
            return;
        }
        self.undone.clear();
        self.done.push(Entry {
            patch: plan.patch,
            summary: plan.summary,
            focus: plan.focus,
        });
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    pub fn len(&self) -> usize {
        self.done.len()
    }

    pub fn is_empty(&self) -> bool {
        self.done.is_empty()
    }

    /// Undoes the last edit on disk. `Ok(None)` when there is nothing to undo.
    pub fn undo(&mut self, root: &Path) -> Result<Option<&Entry>> {
        let Some(entry) = self.done.last() else {
            return Ok(None);
        };
        writer::commit(root, &entry.patch.inverse())?;
        if let Some(e) = self.done.pop() {
            self.undone.push(e);
        }
        Ok(self.undone.last())
    }

    /// Redoes the last undone edit on disk. `Ok(None)` when there is nothing to redo.
    pub fn redo(&mut self, root: &Path) -> Result<Option<&Entry>> {
        let Some(entry) = self.undone.last() else {
            return Ok(None);
        };
        writer::commit(root, &entry.patch)?;
        if let Some(e) = self.undone.pop() {
            self.done.push(e);
        }
        Ok(self.done.last())
    }
}
