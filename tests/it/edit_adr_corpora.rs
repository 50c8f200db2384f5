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

/// A writable copy of corpus folder `name` as `docs/adr` of a repository (None: no corpora).
fn writable_copy(name: &str) -> Option<(tempfile::TempDir, std::path::PathBuf)> {
    let corpora = corpus("adr")?;
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
    Some((tmp, root))
}

/// JabRef's records carry Jekyll's `parent` and `nav_order` (its number) for the docs site: a
/// new record carries them too, or the site would not list it; a superseding one as well.
#[test]
fn a_new_record_carries_the_folder_s_front_matter_keys() {
    let Some((_tmp, root)) = writable_copy("JabRef+jabref") else {
        return;
    };
    let o = support::wh(&root, &["adr", "new", "Use a new thing"]);
    assert!(o.status.success(), "{}", support::stderr(&o));
    let rel = support::stdout(&o).trim().to_string();
    let text = std::fs::read_to_string(root.join(&rel)).unwrap();
    let number: u32 = rel
        .rsplit('/')
        .next()
        .and_then(|n| n.get(..4))
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(text.contains(&format!("\nnav_order: {number}\n")), "{text}");
    assert!(text.contains("\nparent: Decision Records\n"), "{text}");
    let front = text.split("---").nth(1).unwrap_or_default();
    assert!(
        front.contains("nav_order"),
        "inside the front matter: {text}"
    );
    let ws = Workspace::open(&root).unwrap();
    let adr = ws.decisions.iter().find(|a| a.number == number).unwrap();
    assert_eq!(adr.title, "Use a new thing");
}

fn edit_every_record(name: &str) {
    let Some((_tmp, root)) = writable_copy(name) else {
        return;
    };
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

/// A JabRef record copied to a folder of its own, writable.
fn one_jabref_record(prefix: &str) -> Option<(tempfile::TempDir, std::path::PathBuf, String)> {
    let corpora = corpus("adr")?;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::create_dir_all(root.join("docs/decisions")).unwrap();
    let src = std::fs::read_dir(corpora.join("JabRef+jabref"))
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))?
        .path();
    let name = src.file_name().unwrap().to_string_lossy().into_owned();
    // read and written anew: the corpora are read-only, the copy is ours
    std::fs::write(
        root.join("docs/decisions").join(&name),
        std::fs::read(&src).unwrap(),
    )
    .unwrap();
    Some((tmp, root, format!("docs/decisions/{name}")))
}

/// `wh adr choose 63 OTHER` on JabRef's ADR-0063: the reason written for the option chosen
/// before goes with it (it argued for that option, not for this one), and the command says so.
#[test]
fn choosing_another_option_drops_the_reason_given_for_the_old_one() {
    let Some((_tmp, root, rel)) = one_jabref_record("0063-") else {
        return;
    };
    let before = std::fs::read_to_string(root.join(&rel)).unwrap();
    let new = "Let the commands be responsible for communicating errors and manage exit codes.";
    let o = support::wh(&root, &["adr", "choose", "63", new]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(
        said.contains("dropped the reason given for Introduce a custom picocli"),
        "{said}"
    );
    let after = std::fs::read_to_string(root.join(&rel)).unwrap();
    assert_eq!(
        changed_region(&before, &after),
        (
            vec!["Chosen option: \"Introduce a custom picocli IExecutionExceptionHandler and handle exceptions there\", because it simplifies the code to regular return types and specialized CliExceptions that also contain the exit code.".to_string()],
            vec![format!("Chosen option: \"{new}\"")]
        )
    );
    assert!(!after.contains("because it simplifies the code"), "{after}");
    // and choosing it again changes nothing
    let o = support::wh(&root, &["adr", "choose", "63", new]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("already the chosen option"));
    assert_eq!(std::fs::read_to_string(root.join(&rel)).unwrap(), after);
}

/// JabRef's ADR-0000 gives its reason as a list after `because`: the list goes too, and the
/// record still reads (every other section as it was).
#[test]
fn a_reason_given_as_a_list_goes_with_its_option() {
    let Some((_tmp, root, rel)) = one_jabref_record("0000-") else {
        return;
    };
    let ws = Workspace::open(&root).unwrap();
    let adr = &ws.decisions[0];
    let other = adr
        .options
        .iter()
        // (a name with quotes in it does not read back: the reader stops at the first one)
        .find(|o| !o.chosen && !o.name.contains(['"', '\'']))
        .expect("an option not chosen")
        .name
        .clone();
    let target = wheelhouse::workspace::adr_ref::AdrTarget::of(&ws, adr);
    let before = std::fs::read_to_string(root.join(&rel)).unwrap();
    let plan = edit::apply(
        &ws,
        &Op::Adr(AdrOp::ChooseOption {
            record: target,
            option: other.clone(),
        }),
    )
    .unwrap();
    assert!(
        plan.summary.contains("dropped the reason"),
        "{}",
        plan.summary
    );
    let after = std::fs::read_to_string(root.join(&rel)).unwrap();
    let (removed, added) = changed_region(&before, &after);
    assert_eq!(added, vec![format!("Chosen option: \"{other}\"")]);
    assert!(removed[0].starts_with("Chosen option: \"MADR 4.0.0\", because"));
    assert!(
        removed.iter().any(|l| l == "* The MADR project is vivid."),
        "{removed:?}"
    );
    let ws = Workspace::open(&root).unwrap();
    let chosen: Vec<_> = ws.decisions[0]
        .options
        .iter()
        .filter(|o| o.chosen)
        .collect();
    assert_eq!(chosen.len(), 1);
    assert_eq!(chosen[0].name, other);
    assert_eq!(errors(&ws), 0);
}
