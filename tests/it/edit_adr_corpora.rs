//! Decision edits on real ADR folders (../shared/corpora/adr, copied to a temp folder): for every
//! record, a status change and a tag change read back as made, change a few lines of that file
//! only, leave every other record as it was, and undo back to the bytes. Skipped with a note when
//! the corpora are absent.

use crate::support;
use crate::support::corpus;
use crate::support::edit::changed_region;

use wheelhouse::workspace::edit::{self, AdrOp, Op};
use wheelhouse::workspace::writer;
use wheelhouse::workspace::{AdrStatus, Severity, Workspace};

/// How many lines an edit removed and added (its one changed region).
fn changed_lines(before: &str, after: &str) -> (usize, usize) {
    let (removed, added) = changed_region(before, after);
    (removed.len(), added.len())
}

fn errors(ws: &Workspace) -> usize {
    ws.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

/// (number, title, status, tags) of every record.
fn summary(ws: &Workspace) -> Vec<(u32, String, AdrStatus, Vec<String>)> {
    ws.decisions
        .iter()
        .map(|a| (a.number, a.title.clone(), a.status, a.tags.clone()))
        .collect()
}

fn edit_every_record(name: &str) {
    let Some(corpora) = corpus("adr") else { return };
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    support::copy_dir(&corpora.join(name), &root.join("docs/adr"));
    // the corpora are read-only; the copies are ours to edit
    for e in std::fs::read_dir(root.join("docs/adr")).unwrap().flatten() {
        let mut perms = e.metadata().unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        std::fs::set_permissions(e.path(), perms).unwrap();
    }
    let ws = Workspace::open(&root).unwrap();
    let base_errors = errors(&ws);
    let base = summary(&ws);
    assert!(base.len() > 10, "{name}: {} records", base.len());
    let mut edited = 0;
    for i in 0..base.len() {
        let ws = Workspace::open(&root).unwrap();
        let adr = &ws.decisions[i];
        let number = adr.number;
        let rel = ws.file_path(adr.origin.file).unwrap().to_path_buf();
        let before = std::fs::read_to_string(root.join(&rel)).unwrap();
        let to = if adr.status == AdrStatus::Deprecated {
            AdrStatus::Accepted
        } else {
            AdrStatus::Deprecated
        };
        for op in [
            AdrOp::SetStatus {
                record: rel.clone().into(),
                status: to,
                by: None,
            },
            AdrOp::SetTags {
                record: rel.clone().into(),
                tags: vec!["edited".into(), "by-wh".into()],
            },
        ] {
            // a duplicated number too: the op names the record by its file
            let ws = Workspace::open(&root).unwrap();
            let plan = match edit::apply(&ws, &Op::Adr(op.clone())) {
                Ok(p) => p,
                Err(e) => panic!("{name} {}: {op:?}: {e}", rel.display()),
            };
            let after_ws = Workspace::open(&root).unwrap();
            let got = wheelhouse::workspace::adr_ref::at_path(&after_ws, &rel).unwrap();
            match &op {
                AdrOp::SetStatus { status, .. } => {
                    assert_eq!(got.status, *status, "{}", rel.display())
                }
                AdrOp::SetTags { tags, .. } => assert!(
                    tags.iter().all(|t| got.tags.contains(t)),
                    "{}: {:?}",
                    rel.display(),
                    got.tags
                ),
                _ => {}
            }
            assert!(
                errors(&after_ws) <= base_errors,
                "{name} {}: {op:?} added an error",
                rel.display()
            );
            for change in &plan.patch.changes {
                let (removed, added) = changed_lines(
                    change.before.as_deref().unwrap_or(""),
                    change.after.as_deref().unwrap_or(""),
                );
                assert!(
                    removed <= 3 && added <= 4,
                    "{name} {}: {op:?} changed {removed} lines for {added}",
                    change.rel.display()
                );
            }
            // every other record reads as before
            let others = |s: Vec<(u32, String, AdrStatus, Vec<String>)>| {
                s.into_iter().filter(|r| r.0 != number).collect::<Vec<_>>()
            };
            assert_eq!(
                others(summary(&after_ws)),
                others(base.clone()),
                "{name}: {op:?}"
            );
            writer::commit(&root, &plan.patch.inverse()).unwrap();
            assert_eq!(
                std::fs::read_to_string(root.join(&rel)).unwrap(),
                before,
                "{name} {}: undo",
                rel.display()
            );
            edited += 1;
        }
    }
    assert!(edited >= base.len(), "{name}: {edited} edits");
}

#[test]
fn every_jabref_record_takes_a_status_and_tags() {
    edit_every_record("JabRef+jabref");
}

#[test]
fn every_modernisation_platform_record_takes_a_status_and_tags() {
    edit_every_record("ministryofjustice+modernisation-platform");
}
