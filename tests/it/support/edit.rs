//! The harness of the edit-engine tests (`edit_map`, `edit_impact`, `edit_flywheel`,
//! `edit_adr`, `edit_adr_corpora`): a sample copy with an odd file written in, apply → undo →
//! redo with the bytes checked at each step, and the lines an edit changed.

use std::path::{Path, PathBuf};

use wheelhouse::workspace::edit::{self, History, Op};
use wheelhouse::workspace::Workspace;

/// A copy of `sample-data` with `text` written at `rel` (a file the sample has, or a new one).
pub fn sample_with(rel: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let (tmp, root) = super::sample_copy();
    std::fs::write(root.join(rel), text).expect("write the odd file");
    (tmp, root)
}

/// The workspace's errors, each as its debug text (for assertion messages).
pub fn errors(ws: &Workspace) -> Vec<String> {
    ws.diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{d:?}"))
        .collect()
}

/// Applies `op` to the workspace at `root`, and checks that the edit changed something, that
/// `watched` (the diagnostics the caller cares about, which may assert on them) gives the same
/// after the edit as before, that undo gives `file` its bytes back and redo the edited ones.
/// Returns the file's text before and after the edit.
pub fn apply_undo_redo(
    root: &Path,
    file: &str,
    op: &Op,
    watched: impl Fn(&Workspace) -> Vec<String>,
) -> (String, String) {
    let read = || std::fs::read_to_string(root.join(file)).expect("read the edited file");
    let start = read();
    let ws = Workspace::open(root).expect("open the workspace");
    let before = watched(&ws);
    let mut history = History::default();
    let plan = edit::apply(&ws, op).unwrap_or_else(|e| panic!("{op:?}: {e}"));
    assert!(!plan.patch.is_empty(), "{op:?} changed nothing");
    history.record(plan);
    let after = read();
    let ws = ws.reload();
    assert_eq!(watched(&ws), before, "{op:?}");
    history.undo(root).expect("undo");
    assert_eq!(read(), start, "undo of {op:?}");
    history.redo(root).expect("redo");
    assert_eq!(read(), after, "redo of {op:?}");
    (start, after)
}

/// The lines of `after` that are not in `before`, and the lines of `before` gone from `after`
/// (as sets: a line that moved is not listed).
pub fn changed_lines(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let b: Vec<&str> = before.lines().collect();
    let a: Vec<&str> = after.lines().collect();
    let added = a
        .iter()
        .filter(|l| !b.contains(l))
        .map(|l| l.to_string())
        .collect();
    let gone = b
        .iter()
        .filter(|l| !a.contains(l))
        .map(|l| l.to_string())
        .collect();
    (added, gone)
}

/// The lines that differ between two texts: (removed, added), the common head and tail left
/// out (so a line that moved is listed on both sides).
pub fn changed_region(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let a: Vec<&str> = before.split('\n').collect();
    let b: Vec<&str> = after.split('\n').collect();
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
    (
        owned(&a[head..a.len() - tail]),
        owned(&b[head..b.len() - tail]),
    )
}
