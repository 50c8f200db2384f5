//! Loading a workspace. STUB: being written (issue 2).

use super::discover::Located;
use super::model::Workspace;

pub fn load(located: &Located) -> Workspace {
    Workspace {
        root: located.root.clone(),
        mode: located.mode,
        ..Workspace::default()
    }
}
