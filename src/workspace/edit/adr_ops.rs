//! The decision record operations, planned in each record's own format: TOML records through
//! toml_edit (comments and layout kept), markdown records in their folder's dialect
//! ([`markdown_adr::write`]). The record rules (next number, file name, template, supersede
//! updating both records) live here, so `wh adr …` and the cockpit make the same records.

mod template;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use toml_edit::{Array, Item, TableLike};

use super::toml_util::{array_field, push, retain, set};
use super::{parse_doc, Plan};
use crate::workspace::adr_ref::{self, AdrTarget};
use crate::workspace::error::{Result, WorkspaceError};
use crate::workspace::files::fnv1a64;
use crate::workspace::markdown_adr::write::{self as md, Dialect, RecordLink};
use crate::workspace::model::{Adr, AdrStatus, FileKind, Mode, Workspace};
use crate::workspace::reference::Reference;
use crate::workspace::writer::{FileChange, Patch};

pub use template::{default_toml_template, TEMPLATE_FILE};

/// A decision record edit. Records are named by [`AdrTarget`]: their file, or a number that
/// only one record has.
#[derive(Debug, Clone, PartialEq)]
pub enum AdrOp {
    New(NewRecord),
    /// A status along the lifecycle; superseded names the successor (`by`), and that record
    /// says it supersedes this one, in the same patch.
    SetStatus {
        record: AdrTarget,
        status: AdrStatus,
        by: Option<AdrTarget>,
    },
    SetTags {
        record: AdrTarget,
        tags: Vec<String>,
    },
    /// A link to anything (markdown records: to another record, with a kind such as `amends`,
    /// written in both records as adr-tools' `adr link` does).
    Link {
        record: AdrTarget,
        target: Reference,
        kind: Option<String>,
    },
    Unlink {
        record: AdrTarget,
        target: Reference,
    },
    /// Marks `option` as the chosen one (and no other).
    ChooseOption {
        record: AdrTarget,
        option: String,
    },
    /// A new title, and the file name that goes with it; the number stays, so links by
    /// number keep working (links by file name in the same folder are rewritten).
    Rename {
        record: AdrTarget,
        title: String,
    },
}

/// `wh adr new` / `n`: everything a new record starts with.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewRecord {
    pub title: String,
    /// None: the folder's default (adr-tools writes Accepted, everything else proposed).
    pub status: Option<AdrStatus>,
    pub tags: Vec<String>,
    pub links: Vec<Reference>,
    pub supersedes: Option<AdrTarget>,
    /// YYYY-MM-DD; None: today (UTC).
    pub date: Option<String>,
}

impl AdrOp {
    /// The op takes a number from a folder listing: it must be planned and committed under
    /// one hold of the write lock.
    pub fn allocates(&self) -> bool {
        matches!(self, AdrOp::New(_))
    }
}

pub(super) fn plan(ws: &Workspace, op: &AdrOp) -> Result<Plan> {
    let mut plan = plan_op(ws, op)?;
    follow_folder_spelling(ws, &mut plan.patch);
    Ok(plan)
}

/// adr-tools before Debian's 3.0.0 wrote "Superceded by" / "Supercedes": in a folder that
/// spells them so, the link lines an edit adds do too (adr-tools finds links by that text).
fn follow_folder_spelling(ws: &Workspace, patch: &mut Patch) {
    let mut known: Vec<(PathBuf, bool)> = Vec::new();
    for c in &mut patch.changes {
        let Some(after) = &c.after else { continue };
        if c.rel.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let folder = c.rel.parent().map(Path::to_path_buf).unwrap_or_default();
        let old = match known.iter().find(|(f, _)| *f == folder) {
            Some((_, old)) => *old,
            None => {
                let old = spells_supercede(ws, &folder);
                known.push((folder, old));
                old
            }
        };
        if old {
            c.after = Some(md::respell_supercede(
                c.before.as_deref().unwrap_or(""),
                after,
            ));
        }
    }
}

/// Does a record of `folder` with a supersede link write it the old adr-tools way?
fn spells_supercede(ws: &Workspace, folder: &Path) -> bool {
    ws.decisions
        .iter()
        .filter(|a| !a.supersedes.is_empty() || !a.superseded_by.is_empty())
        .filter_map(|a| ws.files.get(a.origin.file))
        .filter(|f| f.kind == FileKind::MarkdownDecision && f.path.parent() == Some(folder))
        .take(20)
        .filter_map(|f| std::fs::read_to_string(ws.root.join(&f.path)).ok())
        .any(|t| t.contains("\nSuperceded by [") || t.contains("\nSupercedes ["))
}

fn plan_op(ws: &Workspace, op: &AdrOp) -> Result<Plan> {
    match op {
        AdrOp::New(new) => plan_new(ws, new),
        AdrOp::SetStatus { record, status, by } => set_status(ws, record, *status, by.as_ref()),
        AdrOp::SetTags { record, tags } => set_tags(ws, record, tags),
        AdrOp::Link {
            record,
            target,
            kind,
        } => link(ws, record, target, kind.as_deref()),
        AdrOp::Unlink { record, target } => unlink(ws, record, target),
        AdrOp::ChooseOption { record, option } => choose_option(ws, record, option),
        AdrOp::Rename { record, title } => rename(ws, record, title),
    }
}

/// Plans and commits an op that takes a number ([`AdrOp::allocates`]) under the write lock
/// `lock`, held from reading the folder to writing the record. When the file it is about to
/// write appears meanwhile (made by something that does not take the lock), the next number
/// is taken instead.
pub(super) fn commit_allocating(
    lock: &crate::workspace::writer::WriteLock,
    ws: &Workspace,
    op: &AdrOp,
) -> Result<Plan> {
    let mut attempts = 0;
    loop {
        attempts += 1;
        let plan = plan(ws, op)?;
        if plan.patch.is_empty() {
            return Ok(plan);
        }
        match lock.commit(&plan.patch) {
            Ok(_) => return Ok(plan),
            Err(_)
                if attempts < 100
                    && plan
                        .patch
                        .changes
                        .first()
                        .is_some_and(|c| c.before.is_none() && ws.root.join(&c.rel).exists()) => {}
            Err(e) => return Err(e),
        }
    }
}

fn refuse(msg: String) -> WorkspaceError {
    WorkspaceError::Invalid(msg)
}

// ---------------------------------------------------------------- records on disk

/// A record and its file's text as it is on disk (refused when it changed since it was read).
struct Rec<'a> {
    adr: &'a Adr,
    rel: PathBuf,
    text: String,
    /// None for TOML.
    dialect: Option<Dialect>,
}

impl Rec<'_> {
    /// How other records' link lines name this one.
    fn link(&self) -> RecordLink {
        RecordLink {
            number: self.adr.number,
            title: self.adr.title.clone(),
            file: file_name_of(&self.rel),
        }
    }

    fn change(&self, after: String) -> FileChange {
        FileChange {
            rel: self.rel.clone(),
            before: Some(self.text.clone()),
            after: Some(after),
        }
    }
}

fn file_name_of(rel: &Path) -> String {
    rel.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn record<'w>(ws: &'w Workspace, target: &AdrTarget) -> Result<Rec<'w>> {
    rec_of(ws, adr_ref::target(ws, target)?)
}

/// The record an `adr:` reference names (a link's other end), read from disk.
fn record_named<'w>(ws: &'w Workspace, r: &Reference) -> Option<Result<Rec<'w>>> {
    ws.decision_by(r).map(|a| rec_of(ws, a))
}

fn rec_of<'w>(ws: &'w Workspace, adr: &'w Adr) -> Result<Rec<'w>> {
    let number = adr.number;
    let f = ws
        .files
        .get(adr.origin.file)
        .ok_or_else(|| refuse(format!("ADR {number:04} has no file")))?;
    if f.broken {
        return Err(refuse(format!(
            "{}: has errors that stop it from being read; fix them in an editor first (e)",
            f.path.display()
        )));
    }
    let bytes = std::fs::read(ws.root.join(&f.path)).map_err(|e| WorkspaceError::io(&f.path, e))?;
    if fnv1a64(&bytes) != f.hash {
        return Err(WorkspaceError::ChangedOnDisk {
            path: f.path.clone(),
        });
    }
    let text = String::from_utf8(bytes).map_err(|_| WorkspaceError::Parse {
        path: f.path.clone(),
        line: 0,
        col: 0,
        message: "the file is not UTF-8 text; edit it in an editor".into(),
    })?;
    let dialect = match f.kind {
        FileKind::MarkdownDecision => Some(Dialect::of(adr.source, &text)),
        _ => None,
    };
    Ok(Rec {
        adr,
        rel: f.path.clone(),
        text,
        dialect,
    })
}

/// Edits the `[adr]` table of a TOML record.
fn edit_toml(rec: &Rec, change: impl FnOnce(&mut dyn TableLike) -> Result<()>) -> Result<String> {
    let mut doc = parse_doc(&rec.rel, &rec.text)?;
    let table = doc
        .get_mut("adr")
        .and_then(Item::as_table_like_mut)
        .ok_or_else(|| refuse(format!("{}: has no [adr] table", rec.rel.display())))?;
    change(table)?;
    Ok(doc.to_string())
}

fn string_array(items: &[String]) -> Array {
    let mut a = Array::new();
    for s in items {
        a.push(s.as_str());
    }
    a
}

/// Adds `reference` to the array `key` unless it names the same thing already.
fn push_reference(table: &mut dyn TableLike, key: &str, reference: &Reference) {
    let Some(array) = array_field(table, key) else {
        return;
    };
    let has = array
        .iter()
        .any(|v| v.as_str().and_then(|s| Reference::parse(s).ok()).as_ref() == Some(reference));
    if !has {
        push(array, &reference.to_string());
    }
}

fn drop_reference(table: &mut dyn TableLike, key: &str, reference: &Reference) -> usize {
    match table
        .get_mut(key)
        .and_then(Item::as_value_mut)
        .and_then(|v| v.as_array_mut())
    {
        Some(array) => retain(array, |v| {
            v.as_str().and_then(|s| Reference::parse(s).ok()).as_ref() != Some(reference)
        }),
        None => 0,
    }
}

// ---------------------------------------------------------------- status

fn set_status(
    ws: &Workspace,
    record_target: &AdrTarget,
    status: AdrStatus,
    by: Option<&AdrTarget>,
) -> Result<Plan> {
    if status == AdrStatus::Unknown {
        return Err(refuse(
            "unknown is not a status to set: use proposed, accepted, rejected, deprecated or \
             superseded"
                .into(),
        ));
    }
    let rec = record(ws, record_target)?;
    let me = rec.adr.reference();
    let label = rec.adr.label();
    let successor = match (status, by) {
        (AdrStatus::Superseded, None) => {
            return Err(refuse(format!(
                "say which record supersedes ADR {label} (--by REF)"
            )))
        }
        (AdrStatus::Superseded, Some(b)) => {
            let s = record(ws, b)?;
            if s.rel == rec.rel {
                return Err(refuse(format!("ADR {label} cannot supersede itself")));
            }
            if let Some(way) = crate::workspace::supersession::closes_loop(ws, rec.adr, s.adr) {
                return Err(refuse(format!(
                    "{me} cannot be superseded by {succ}: {succ} already leads to it ({way}), \
                     so the chain would go round in a circle and no record of it would be \
                     current (give {succ} another status first to take it out of the chain)",
                    succ = s.adr.reference(),
                )));
            }
            Some(s)
        }
        (_, Some(_)) => {
            return Err(refuse(format!(
                "--by goes with superseded only (not {})",
                status.key()
            )))
        }
        (_, None) => None,
    };
    let already = rec.adr.status == status
        && successor
            .as_ref()
            .is_none_or(|s| rec.adr.superseded_by.contains(&s.adr.reference()));
    if already {
        return Ok(Plan {
            patch: Patch::default(),
            summary: match &successor {
                Some(s) => format!("{me} is already superseded by {}", s.adr.reference()),
                None => format!("{me} is already {}", status.key()),
            },
            focus: Some(me.clone()),
        });
    }
    let mut changes = vec![rec.change(status_text(&rec, status, successor.as_ref())?)];
    if let Some(s) = &successor {
        changes.push(s.change(supersedes_text(s, &s.text, &rec)?));
    }
    // no longer superseded: the records that said they supersede it stop saying so
    if status != AdrStatus::Superseded {
        for r in &rec.adr.superseded_by {
            let Some(Ok(s)) = record_named(ws, r) else {
                continue;
            };
            let after = match s.dialect {
                Some(_) => drop_relations(&s.text, &rec, true).0,
                None => edit_toml(&s, |t| {
                    drop_reference(t, "supersedes", &rec.adr.reference());
                    Ok(())
                })?,
            };
            if after != s.text {
                changes.push(s.change(after));
            }
        }
    }
    let summary = match &successor {
        Some(s) => format!(
            "{me} is now superseded by {} ({})",
            s.adr.reference(),
            s.adr.title
        ),
        None => format!("{me} is now {}", status.key()),
    };
    Ok(Plan {
        patch: Patch { changes },
        summary,
        focus: Some(me.clone()),
    })
}

/// `rec`'s text with `status` (superseded by `by`).
fn status_text(rec: &Rec, status: AdrStatus, by: Option<&Rec>) -> Result<String> {
    match rec.dialect {
        Some(d) => Ok(md::set_status(
            &rec.text,
            d,
            status,
            by.map(Rec::link).as_ref(),
        )),
        None => edit_toml(rec, |t| {
            set(t, "status", status.key());
            t.remove("status-text");
            match by {
                Some(by) => push_reference(t, "superseded-by", &by.adr.reference()),
                None if status != AdrStatus::Superseded => {
                    // no longer superseded: the successors go
                    t.remove("superseded-by");
                }
                None => {}
            }
            Ok(())
        }),
    }
}

/// `text` (of `rec`, the successor) saying it supersedes `old`.
fn supersedes_text(rec: &Rec, text: &str, old: &Rec) -> Result<String> {
    match rec.dialect {
        Some(d) => {
            if rec.adr.supersedes.contains(&old.adr.reference()) {
                return Ok(text.to_string());
            }
            let mut target = old.link();
            if !same_folder(&rec.rel, &old.rel) {
                target.file = relative_link(&rec.rel, &old.rel);
            }
            Ok(md::add_relation(text, d, "Supersedes", &target))
        }
        None => {
            let mut doc = parse_doc(&rec.rel, text)?;
            if let Some(t) = doc.get_mut("adr").and_then(Item::as_table_like_mut) {
                push_reference(t, "supersedes", &old.adr.reference());
            }
            Ok(doc.to_string())
        }
    }
}

/// `text` without its relation lines to `to`: by file name for a log4brains record (two of
/// one day share the date its number holds), by number otherwise.
fn drop_relations(text: &str, to: &Rec, supersedes: bool) -> (String, usize) {
    match to.adr.id_slug() {
        Some(_) => md::remove_relations_to_file(text, &file_name_of(&to.rel), supersedes),
        None if supersedes => {
            let after = md::remove_supersedes(text, to.adr.number);
            let n = usize::from(after != text);
            (after, n)
        }
        None => md::remove_relations(text, to.adr.number, None),
    }
}

/// The front-matter conventions of the records in the folder `rel` will be written to, and
/// whether they all end their lines with CRLF.
fn folder_conventions(
    ws: &Workspace,
    rel: &Path,
) -> (
    Vec<crate::workspace::markdown_adr::conventions::Convention>,
    bool,
) {
    let mut records: Vec<(u32, PathBuf)> = ws
        .decisions
        .iter()
        .filter_map(|a| {
            let path = ws.file_path(a.origin.file)?;
            (same_folder(path, rel) && path.extension().is_some_and(|e| e == "md"))
                .then(|| (a.number, path.to_path_buf()))
        })
        .collect();
    // the latest few are enough to learn from: no need to read a large folder whole
    records.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    records.truncate(crate::workspace::markdown_adr::conventions::SAMPLE);
    let texts: Vec<(u32, String)> = records
        .into_iter()
        .filter_map(|(n, p)| Some((n, std::fs::read_to_string(ws.root.join(p)).ok()?)))
        .collect();
    let borrowed: Vec<(u32, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let crlf = !texts.is_empty() && texts.iter().all(|(_, t)| t.contains("\r\n"));
    (
        crate::workspace::markdown_adr::conventions::learn(&borrowed),
        crlf,
    )
}

fn same_folder(a: &Path, b: &Path) -> bool {
    a.parent() == b.parent()
}

/// A link from the file `from` to the file `to`, both relative to the root.
fn relative_link(from: &Path, to: &Path) -> String {
    let up = from.parent().map_or(0, |p| p.components().count());
    let mut s = "../".repeat(up);
    s.push_str(&to.to_string_lossy().replace('\\', "/"));
    s
}

// ---------------------------------------------------------------- tags, options

fn clean_tags(tags: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        if t.chars().any(|c| c.is_control() || c == ',') {
            return Err(refuse(format!(
                "tag `{}` holds a comma or a control character",
                crate::text::inert(t)
            )));
        }
        if !out.iter().any(|o| o == t) {
            out.push(t.to_string());
        }
    }
    Ok(out)
}

fn set_tags(ws: &Workspace, record_target: &AdrTarget, tags: &[String]) -> Result<Plan> {
    let tags = clean_tags(tags)?;
    let rec = record(ws, record_target)?;
    let me = rec.adr.reference();
    let summary = if tags.is_empty() {
        format!("{me} has no tags now")
    } else {
        format!("{me} tags: {}", tags.join(", "))
    };
    if rec.adr.tags == tags {
        return Ok(Plan {
            patch: Patch::default(),
            summary: format!("{me} already has these tags"),
            focus: Some(me.clone()),
        });
    }
    let after = match rec.dialect {
        Some(d) => md::set_tags(&rec.text, d, &tags),
        None => edit_toml(&rec, |t| {
            set(t, "tags", string_array(&tags));
            Ok(())
        })?,
    };
    Ok(Plan {
        patch: Patch {
            changes: vec![rec.change(after)],
        },
        summary,
        focus: Some(me.clone()),
    })
}

fn choose_option(ws: &Workspace, record_target: &AdrTarget, option: &str) -> Result<Plan> {
    let rec = record(ws, record_target)?;
    let me = rec.adr.reference();
    let label = rec.adr.label();
    let Some(chosen) = rec.adr.options.iter().find(|o| o.name == option) else {
        let names: Vec<&str> = rec.adr.options.iter().map(|o| o.name.as_str()).collect();
        return Err(refuse(if names.is_empty() {
            format!("ADR {label} lists no options")
        } else {
            format!(
                "ADR {label} has no option `{}` (it has: {})",
                crate::text::inert(option),
                crate::text::inert(&names.join(", "))
            )
        }));
    };
    let mut summary = format!("{me}: chose {}", chosen.name);
    if chosen.chosen && rec.adr.options.iter().filter(|o| o.chosen).count() == 1 {
        return Ok(Plan {
            patch: Patch::default(),
            summary: format!("{me}: {} is already the chosen option", chosen.name),
            focus: Some(me.clone()),
        });
    }
    let after = match rec.dialect {
        Some(_) => {
            let written = md::choose_option(&rec.text, option).ok_or_else(|| {
                refuse(format!(
                    "{}: no `Chosen option:` line or `## Decision Outcome` section to write it in",
                    rec.rel.display()
                ))
            })?;
            if written.dropped_reason {
                // a reason written for another option would argue for this one: it went
                let before = rec.adr.options.iter().find(|o| o.chosen);
                summary.push_str(&match before {
                    Some(o) => format!("; dropped the reason given for {}", o.name),
                    None => "; dropped the reason given for the option chosen before".into(),
                });
                summary.push_str(" (write this one's after `Chosen option:`)");
            }
            written.text
        }
        None => {
            let mut doc = parse_doc(&rec.rel, &rec.text)?;
            let options = doc
                .get_mut("adr")
                .and_then(|a| a.get_mut("option"))
                .and_then(Item::as_array_of_tables_mut)
                .ok_or_else(|| refuse(format!("{}: no [[adr.option]]", rec.rel.display())))?;
            for t in options.iter_mut() {
                let is = t.get("name").and_then(Item::as_str) == Some(option);
                let was = t.get("chosen").and_then(Item::as_bool).unwrap_or(false);
                if is != was {
                    set(t, "chosen", is);
                }
            }
            doc.to_string()
        }
    };
    Ok(Plan {
        patch: Patch {
            changes: vec![rec.change(after)],
        },
        summary,
        focus: Some(me.clone()),
    })
}

// ---------------------------------------------------------------- links

/// A link kind's words in the record and in its target (adr-tools' LINK:REVERSE-LINK).
pub const LINK_KINDS: [(&str, &str, &str); 5] = [
    ("relates", "Relates to", "Relates to"),
    ("amends", "Amends", "Amended by"),
    ("clarifies", "Clarifies", "Clarified by"),
    ("extends", "Extends", "Extended by"),
    ("refines", "Refines", "Refined by"),
];

fn kind_words(kind: Option<&str>) -> Result<(&'static str, &'static str)> {
    let kind = kind.unwrap_or("relates").trim().to_ascii_lowercase();
    LINK_KINDS
        .iter()
        .find(|(k, _, _)| *k == kind || kind.strip_suffix('s') == Some(k))
        .map(|(_, f, r)| (*f, *r))
        .ok_or_else(|| {
            let known: Vec<&str> = LINK_KINDS.iter().map(|k| k.0).collect();
            refuse(format!(
                "`{}` is not a link kind: use one of {} (supersede with `wh adr status N superseded --by M`)",
                crate::text::inert(&kind),
                known.join(", ")
            ))
        })
}

fn link(
    ws: &Workspace,
    record_target: &AdrTarget,
    target: &Reference,
    kind: Option<&str>,
) -> Result<Plan> {
    let (forward, reverse) = kind_words(kind)?;
    let rec = record(ws, record_target)?;
    let me = rec.adr.reference();
    let label = rec.adr.label();
    if *target == me {
        return Err(refuse(format!("ADR {label} cannot link to itself")));
    }
    if ws.resolve(target).is_none() {
        return Err(refuse(format!(
            "nothing is called {} in this workspace",
            crate::text::inert(&target.to_string())
        )));
    }
    let summary = format!("{me} {} {target}", forward.to_lowercase());
    let linked = rec.adr.links.contains(target)
        || rec.adr.supersedes.contains(target)
        || rec.adr.superseded_by.contains(target);
    if linked {
        return Ok(Plan {
            patch: Patch::default(),
            summary: format!("{me} already links to {target}"),
            focus: Some(me.clone()),
        });
    }
    let mut changes = Vec::new();
    match rec.dialect {
        None => {
            if kind.is_some_and(|k| kind_words(Some(k)).ok() != Some(("Relates to", "Relates to")))
            {
                return Err(refuse(format!(
                    "{}: TOML records keep plain links (`links`), without a kind",
                    rec.rel.display()
                )));
            }
            changes.push(rec.change(edit_toml(&rec, |t| {
                push_reference(t, "links", target);
                Ok(())
            })?));
        }
        Some(d) => {
            let Some(other) = record_named(ws, target) else {
                return Err(refuse(format!(
                    "{}: a markdown record links only to other records (adr:N), not to {target}",
                    rec.rel.display()
                )));
            };
            let other = other?;
            if other.rel == rec.rel {
                return Err(refuse(format!("ADR {label} cannot link to itself")));
            }
            let mut to = other.link();
            if !same_folder(&rec.rel, &other.rel) {
                to.file = relative_link(&rec.rel, &other.rel);
            }
            changes.push(rec.change(md::add_relation(&rec.text, d, forward, &to)));
            // the other side, as `adr link` writes it
            if let Some(od) = other.dialect {
                let mut back = rec.link();
                if !same_folder(&rec.rel, &other.rel) {
                    back.file = relative_link(&other.rel, &rec.rel);
                }
                changes.push(other.change(md::add_relation(&other.text, od, reverse, &back)));
            }
        }
    }
    Ok(Plan {
        patch: Patch { changes },
        summary,
        focus: Some(me.clone()),
    })
}

fn unlink(ws: &Workspace, record_target: &AdrTarget, target: &Reference) -> Result<Plan> {
    let rec = record(ws, record_target)?;
    let me = rec.adr.reference();
    let mut changes = Vec::new();
    match rec.dialect {
        None => {
            let mut removed = 0;
            let after = edit_toml(&rec, |t| {
                removed = drop_reference(t, "links", target);
                Ok(())
            })?;
            if removed > 0 {
                changes.push(rec.change(after));
            }
        }
        Some(_) => {
            if let Some(Ok(o)) = record_named(ws, target) {
                let (after, n) = drop_relations(&rec.text, &o, false);
                if n > 0 {
                    changes.push(rec.change(after));
                }
                // the reverse line in the other record, when it is markdown too
                if o.dialect.is_some() {
                    let (after, n) = drop_relations(&o.text, &rec, false);
                    if n > 0 {
                        changes.push(o.change(after));
                    }
                }
            }
        }
    }
    if changes.is_empty() {
        return Ok(Plan {
            patch: Patch::default(),
            summary: format!("{me} does not link to {target}"),
            focus: Some(me.clone()),
        });
    }
    Ok(Plan {
        patch: Patch { changes },
        summary: format!("{me} no longer links to {target}"),
        focus: Some(me.clone()),
    })
}

// ---------------------------------------------------------------- rename

/// A title for one line: trimmed, not empty, no line breaks or controls.
fn title_line(title: &str) -> Result<&str> {
    let t = title.trim();
    if t.is_empty() {
        return Err(refuse("the title is empty".into()));
    }
    if t.chars().any(char::is_control) {
        return Err(refuse(
            "the title holds a line break or a control character".into(),
        ));
    }
    Ok(t)
}

/// `Use Kubernetes for batch (v2)!` → `use-kubernetes-for-batch-v2`; ASCII only, at most 50
/// bytes (TOML record file names).
pub fn slug(title: &str) -> String {
    super::slugify(title, 50, "decision")
}

fn rename(ws: &Workspace, record_target: &AdrTarget, title: &str) -> Result<Plan> {
    let title = title_line(title)?;
    let rec = record(ws, record_target)?;
    let me = rec.adr.reference();
    let number = rec.adr.number;
    if rec.adr.title == title {
        return Ok(Plan {
            patch: Patch::default(),
            summary: format!("{me} is already called {title}"),
            focus: Some(me.clone()),
        });
    }
    let old_name = file_name_of(&rec.rel);
    // the prefix (number or date) stays as the file had it
    let prefix: String = old_name
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let prefix = if prefix.is_empty() {
        format!("{number:04}")
    } else {
        prefix
    };
    let (after, new_name) = match rec.dialect {
        Some(d) => {
            let s = match md::slug(title) {
                s if s.is_empty() => "decision".to_string(),
                s => s,
            };
            let ext = old_name.rsplit_once('.').map_or("md", |(_, e)| e);
            (
                md::set_title(&rec.text, &rec.adr.title, number, d, title),
                format!("{prefix}-{s}.{ext}"),
            )
        }
        None => (
            edit_toml(&rec, |t| {
                set(t, "title", title);
                Ok(())
            })?,
            format!("{prefix}-{}.toml", slug(title)),
        ),
    };
    let new_rel = rec.rel.with_file_name(&new_name);
    let mut changes = Vec::new();
    if new_rel == rec.rel {
        changes.push(rec.change(after));
    } else {
        if ws.root.join(&new_rel).exists() {
            return Err(refuse(format!(
                "{} already exists; not renaming over it",
                new_rel.display()
            )));
        }
        changes.push(FileChange {
            rel: rec.rel.clone(),
            before: Some(rec.text.clone()),
            after: None,
        });
        changes.push(FileChange {
            rel: new_rel.clone(),
            before: None,
            after: Some(after),
        });
        // markdown records of the folder that link to the old file name follow it
        if rec.dialect.is_some() {
            changes.extend(relink(ws, &rec, &old_name, &new_name, title)?);
        }
    }
    Ok(Plan {
        patch: Patch { changes },
        summary: format!("{me} is now {title} ({})", new_rel.display()),
        focus: Some(me.clone()),
    })
}

/// Other markdown records in the folder with links to `old_name`: the link follows the new
/// name, and adr-tools' link text (`[N. Old title]`) the new title.
fn relink(
    ws: &Workspace,
    rec: &Rec,
    old_name: &str,
    new_name: &str,
    title: &str,
) -> Result<Vec<FileChange>> {
    let mut changes = Vec::new();
    let old_target = format!("]({old_name})");
    let old_text = format!("[{}. {}", rec.adr.number, rec.adr.title);
    let new_text = format!("[{}. {title}", rec.adr.number);
    for other in &ws.decisions {
        if std::ptr::eq(other, rec.adr) {
            continue;
        }
        let Some(f) = ws.files.get(other.origin.file) else {
            continue;
        };
        if f.kind != FileKind::MarkdownDecision || !same_folder(&f.path, &rec.rel) {
            continue;
        }
        let o = rec_of(ws, other)?;
        if !o.text.contains(&old_target) {
            continue;
        }
        let after = o
            .text
            .replace(
                &format!("{old_text}{old_target}"),
                &format!("{new_text}]({new_name})"),
            )
            .replace(&old_target, &format!("]({new_name})"));
        changes.push(o.change(after));
    }
    Ok(changes)
}

// ---------------------------------------------------------------- new

/// Where new records go: the first markdown folder the workspace names (`adr-dirs`, or the
/// folder of decisions-only mode), else TOML files in `decisions/`.
pub fn new_record_folder(ws: &Workspace) -> Option<&Path> {
    ws.meta.adr_dirs.first().map(PathBuf::as_path)
}

/// The dialect a markdown folder writes in: the one most of its records use (adr-tools for an
/// empty folder).
fn folder_dialect(ws: &Workspace, dir: &Path) -> Dialect {
    let mut counts = [0usize; 5];
    let mut sample_madr3: Option<PathBuf> = None;
    for a in &ws.decisions {
        let Some(f) = ws.files.get(a.origin.file) else {
            continue;
        };
        if f.kind != FileKind::MarkdownDecision || f.path.parent() != Some(dir_rel(dir)) {
            continue;
        }
        let d = Dialect::of(a.source, "");
        if d == Dialect::Madr3 && sample_madr3.is_none() {
            sample_madr3 = Some(f.path.clone());
        }
        counts[d as usize] += 1;
    }
    let best = (0..5).max_by_key(|&i| (counts[i], i == 0)).unwrap_or(0);
    match best {
        1 => Dialect::Madr2,
        2 => {
            // MADR 4 is told from 3 by its text
            let text = sample_madr3
                .and_then(|p| std::fs::read_to_string(ws.root.join(p)).ok())
                .unwrap_or_default();
            Dialect::of(crate::workspace::model::AdrSource::Madr3, &text)
        }
        3 => Dialect::Madr4,
        4 => Dialect::Log4brains,
        _ => Dialect::Nygard,
    }
}

/// `.` is the root itself: its records' parent is the empty path.
fn dir_rel(dir: &Path) -> &Path {
    if dir == Path::new(".") {
        Path::new("")
    } else {
        dir
    }
}

/// One more than the highest number in use: records, unreadable files, every file name
/// starting with digits in the folder (what adr-tools counts), and every number a link names
/// (a deleted record's links would otherwise point at the next new one, silently). Read from
/// disk, so under the write lock it is the truth.
fn next_number(ws: &Workspace, dir: &Path) -> Result<u32> {
    let on_disk: BTreeSet<u32> = crate::interop::adr_import::numbers_in_folder(&ws.root.join(dir));
    let broken = ws.files.iter().filter(|f| f.broken).filter_map(|f| {
        let name = f.path.file_name()?.to_str()?;
        let digits: String = name.chars().take_while(|c| c.is_ascii_digit()).collect();
        digits.parse::<u32>().ok()
    });
    let linked = ws
        .loaded
        .refs
        .iter()
        .filter_map(|site| site.reference.adr_number());
    // a name like 20240314-….md is a date, not a number
    let highest = ws
        .decisions
        .iter()
        .map(|a| a.number)
        .chain(broken)
        .chain(
            on_disk
                .iter()
                .copied()
                .chain(linked)
                .filter(|n| *n < 19_700_000),
        )
        .max();
    match highest {
        None => Ok(1),
        Some(n) => n.checked_add(1).ok_or_else(|| {
            refuse(format!(
                "adr:{n} is the highest number a record can have, so there is no next one; \
                 renumber that record (it is probably a typo) to make room"
            ))
        }),
    }
}

/// Today's date (UTC) as YYYY-MM-DD.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    crate::workspace::load::date_from_days((secs / 86_400) as i64)
}

fn plan_new(ws: &Workspace, new: &NewRecord) -> Result<Plan> {
    let title = title_line(&new.title)?;
    let tags = clean_tags(&new.tags)?;
    let date = new.date.clone().unwrap_or_else(today);
    if crate::workspace::markdown_adr::normalize_date(&date).as_deref() != Some(date.as_str()) {
        return Err(refuse(format!(
            "`{}` is not a date (YYYY-MM-DD)",
            crate::text::inert(&date)
        )));
    }
    if new.status == Some(AdrStatus::Unknown) {
        return Err(refuse(
            "a new record needs a status other than unknown".into(),
        ));
    }
    for l in &new.links {
        if ws.resolve(l).is_none() {
            return Err(refuse(format!(
                "--link: nothing is called {} in this workspace",
                crate::text::inert(&l.to_string())
            )));
        }
    }
    let old = new.supersedes.as_ref().map(|t| record(ws, t)).transpose()?;
    let folder = new_record_folder(ws).map(Path::to_path_buf);
    let (dir, dialect) = match &folder {
        Some(d) => (d.clone(), Some(folder_dialect(ws, d))),
        None if ws.mode == Mode::Full => (PathBuf::from("decisions"), None),
        None => {
            return Err(refuse(
                "this workspace names no folder for decision records".into(),
            ))
        }
    };
    let folder_path = ws.root.join(&dir);
    if folder_path.exists() && !folder_path.is_dir() {
        return Err(refuse(format!(
            "{}: is a file, not the folder of records: move it away to add a record",
            dir.display()
        )));
    }
    let number = next_number(ws, &dir)?;
    let status = new.status.unwrap_or(match dialect {
        Some(Dialect::Nygard) => AdrStatus::Accepted,
        _ => AdrStatus::Proposed,
    });
    let mut changes = Vec::new();
    let (rel, text) = match dialect {
        None => {
            let name = format!("{number:04}-{}.toml", slug(title));
            let template = template::toml_template(ws)?;
            let text = template::fill_toml(
                &template,
                number,
                title,
                status,
                &date,
                &tags,
                &new.links,
                old.as_ref().map(|o| o.adr.number),
            )?;
            (dir.join(name), text)
        }
        Some(d) => {
            let name = md::file_name(d, number, title, &date);
            let rel = dir_rel(&dir).join(&name);
            let mut text = match d {
                Dialect::Nygard => {
                    let template =
                        std::fs::read_to_string(ws.root.join(&dir).join("templates/template.md"))
                            .unwrap_or_else(|_| md::ADR_TOOLS_TEMPLATE.to_string());
                    let word = {
                        let k = status.key();
                        let mut c = k.chars();
                        c.next()
                            .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                            .unwrap_or_default()
                    };
                    md::fill_adr_tools_template(&template, number, title, &date, &word)
                }
                _ => {
                    // the folder's own template when it has one (MADR, log4brains)
                    let names: &[&str] = match d {
                        Dialect::Log4brains => &["template.md"],
                        _ => &["adr-template.md", "template.md"],
                    };
                    let own = names
                        .iter()
                        .find_map(|n| std::fs::read_to_string(ws.root.join(&dir).join(n)).ok());
                    let text = match own {
                        Some(t) => md::fill_template(&t, d, title, &date, status),
                        None => md::new_record(d, title, &date, status),
                    };
                    // what the folder's records all carry (a docs site's `nav_order`, `parent`),
                    // and their line endings
                    let (conventions, crlf) = folder_conventions(ws, &rel);
                    let text = crate::workspace::markdown_adr::conventions::apply(
                        &text,
                        &conventions,
                        number,
                    );
                    if crlf && !text.contains("\r\n") {
                        text.replace('\n', "\r\n")
                    } else {
                        text
                    }
                }
            };
            if !tags.is_empty() {
                text = md::set_tags(&text, d, &tags);
            }
            if let Some(old) = &old {
                let this = RecordLink {
                    number,
                    title: title.to_string(),
                    file: name.clone(),
                };
                let mut back = this.clone();
                if !same_folder(&rel, &old.rel) {
                    back.file = relative_link(&old.rel, &rel);
                }
                let old_after = match old.dialect {
                    Some(od) => md::set_status(&old.text, od, AdrStatus::Superseded, Some(&back)),
                    None => edit_toml(old, |t| {
                        set(t, "status", "superseded");
                        t.remove("status-text");
                        push_reference(t, "superseded-by", &Reference::adr(number));
                        Ok(())
                    })?,
                };
                changes.push(old.change(old_after));
                let mut to = old.link();
                if !same_folder(&rel, &old.rel) {
                    to.file = relative_link(&rel, &old.rel);
                }
                text = md::add_relation(&text, d, "Supersedes", &to);
            }
            for l in &new.links {
                let Some(other) = record_named(ws, l) else {
                    return Err(refuse(format!(
                        "--link: a markdown record links only to other records (adr:N), not to {l}"
                    )));
                };
                let other = other?;
                let mut to = other.link();
                if !same_folder(&rel, &other.rel) {
                    to.file = relative_link(&rel, &other.rel);
                }
                text = md::add_relation(&text, d, "Relates to", &to);
                if let Some(od) = other.dialect {
                    let back = RecordLink {
                        number,
                        title: title.to_string(),
                        file: if same_folder(&rel, &other.rel) {
                            name.clone()
                        } else {
                            relative_link(&other.rel, &rel)
                        },
                    };
                    // an earlier change to the same file (it is also the superseded one)
                    let before = changes
                        .iter()
                        .find(|c: &&FileChange| c.rel == other.rel)
                        .and_then(|c| c.after.clone())
                        .unwrap_or_else(|| other.text.clone());
                    let after = md::add_relation(&before, od, "Relates to", &back);
                    changes.retain(|c| c.rel != other.rel);
                    changes.push(other.change(after));
                }
            }
            (rel, text)
        }
    };
    // a TOML new record superseding: the old one, in its own format
    if dialect.is_none() {
        if let Some(old) = &old {
            let this = RecordLink {
                number,
                title: title.to_string(),
                file: relative_link(&old.rel, &rel),
            };
            let old_after = match old.dialect {
                Some(od) => md::set_status(&old.text, od, AdrStatus::Superseded, Some(&this)),
                None => edit_toml(old, |t| {
                    set(t, "status", "superseded");
                    t.remove("status-text");
                    push_reference(t, "superseded-by", &Reference::adr(number));
                    Ok(())
                })?,
            };
            changes.push(old.change(old_after));
        }
    }
    if ws.root.join(&rel).exists() {
        return Err(refuse(format!("{} already exists", rel.display())));
    }
    changes.insert(
        0,
        FileChange {
            rel: rel.clone(),
            before: None,
            after: Some(text),
        },
    );
    // a log4brains record is named by its slug (two of one day share the date), others by number
    let me = match dialect {
        Some(Dialect::Log4brains) => rel
            .file_stem()
            .and_then(|s| s.to_str())
            .map(|stem| Reference::adr_slug(&crate::workspace::markdown_adr::log4brains_slug(stem)))
            .unwrap_or_else(|| Reference::adr(number)),
        _ => Reference::adr(number),
    };
    let mut summary = format!("new {me} {title} ({})", rel.display());
    if let Some(old) = &old {
        summary.push_str(&format!("; adr:{} is now superseded by it", old.adr.number));
    }
    Ok(Plan {
        patch: Patch { changes },
        summary,
        focus: Some(me),
    })
}
