//! The edit engine. Every change to the workspace is a typed [`Op`], planned against the
//! loaded workspace into a [`Patch`] of whole files (each touched file's text before and
//! after, made with `toml_edit` so everything the edit does not touch keeps its bytes), then
//! committed through the one writer. The CLI and the cockpit call the same operations; the
//! cockpit keeps the committed patches in a [`History`] for undo and redo.
//!
//! Planning reads the file from disk and refuses when it no longer matches what was loaded
//! (its hash), so an edit is always made against the text the user saw.

mod adr_ops;
mod flywheel_ops;
mod history;
mod impact_ops;
mod map_ops;
mod preview;
mod references;
mod toml_util;

use std::path::PathBuf;

pub use adr_ops::{
    default_toml_template, new_record_folder, slug, today, AdrOp, NewRecord, LINK_KINDS,
    TEMPLATE_FILE,
};
pub use flywheel_ops::{EntryList, FlywheelOp, StepField};
pub use history::{Entry, History};
pub use impact_ops::{GoalField, ImpactOp, NodeLevel, Subtree};
pub use preview::preview;

/// Impact map helpers the cockpit and the CLI share (names, levels, statuses, subtrees).
pub mod impact {
    pub use super::impact_ops::{
        level_of, name_of, next_status, parse_status, status_key, subtree,
    };
}

/// Flywheel helpers the cockpit and the CLI share (statuses, risks, wastes, today).
pub mod flywheel {
    pub use super::flywheel_ops::{
        next_risk, next_status, parse_risk, parse_status, parse_wastes, risk_key, show_number,
        status_key, today,
    };
}

use super::error::{Result, WorkspaceError};
use super::files::fnv1a64;
use super::model::{FileKind, Sourcing, Workspace};
use super::reference::Reference;
pub(crate) use super::writer::parse_doc;
use super::writer::{self, FileChange, Patch};

/// One edit, as the user asked for it: one enum per kind of file, each planned by its own
/// module.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Map(MapOp),
    Adr(AdrOp),
    Impact(ImpactOp),
    Flywheel(FlywheelOp),
}

impl From<AdrOp> for Op {
    fn from(op: AdrOp) -> Op {
        Op::Adr(op)
    }
}

impl From<FlywheelOp> for Op {
    fn from(op: FlywheelOp) -> Op {
        Op::Flywheel(op)
    }
}

impl From<ImpactOp> for Op {
    fn from(op: ImpactOp) -> Op {
        Op::Impact(op)
    }
}

impl From<MapOp> for Op {
    fn from(op: MapOp) -> Op {
        Op::Map(op)
    }
}

/// A Wardley map edit. Coordinates are OWM's: visibility 1 at the top, evolution 0 at
/// genesis.
#[derive(Debug, Clone, PartialEq)]
pub enum MapOp {
    /// A new map file `maps/ID.toml`.
    NewMap {
        id: String,
        title: String,
    },
    /// A component (or an anchor) with a name; its id is made from the name, unique in the map.
    AddComponent {
        map: String,
        name: String,
        visibility: f64,
        evolution: f64,
        anchor: bool,
    },
    MoveComponent {
        map: String,
        component: String,
        visibility: f64,
        evolution: f64,
    },
    /// A new name; the id stays, so links hold.
    RenameComponent {
        map: String,
        component: String,
        name: String,
    },
    /// Removes the component, the `needs` that pointed at it, its pipeline and the
    /// memberships of that pipeline.
    DeleteComponent {
        map: String,
        component: String,
    },
    /// `from` needs `to`.
    Link {
        map: String,
        from: String,
        to: String,
    },
    Unlink {
        map: String,
        from: String,
        to: String,
    },
    SetInertia {
        map: String,
        component: String,
        on: bool,
    },
    /// The evolve target (`None` clears it).
    SetEvolve {
        map: String,
        component: String,
        target: Option<f64>,
    },
    SetSourcing {
        map: String,
        component: String,
        sourcing: Option<Sourcing>,
    },
    /// Makes the component a pipeline (`[pipeline.ID]`), or stops it being one (its members
    /// leave it).
    SetPipeline {
        map: String,
        component: String,
        on: bool,
    },
    /// Puts the component into a pipeline, or takes it out (`None`).
    SetPipelineMember {
        map: String,
        component: String,
        pipeline: Option<String>,
    },
    AddNote {
        map: String,
        text: String,
        visibility: f64,
        evolution: f64,
    },
    /// The `index`th `[[note]]` of the file.
    EditNote {
        map: String,
        index: usize,
        text: String,
    },
    MoveNote {
        map: String,
        index: usize,
        visibility: f64,
        evolution: f64,
    },
    DeleteNote {
        map: String,
        index: usize,
    },
    /// A numbered annotation at one point; the number is the next free one.
    AddAnnotation {
        map: String,
        text: String,
        visibility: f64,
        evolution: f64,
    },
    EditAnnotation {
        map: String,
        number: u32,
        text: String,
    },
    DeleteAnnotation {
        map: String,
        number: u32,
    },
}

/// An operation planned against the workspace: the files it changes and what to say.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub patch: Patch,
    /// One line for the status bar and the CLI: "moved Payments to (0.30, 0.90)".
    pub summary: String,
    /// The item to select after the edit (a new component, the renamed one).
    pub focus: Option<Reference>,
}

/// A finite number as the user types it, grouped as the screen shows numbers (`15,000`).
/// A whole number past 2^53 is refused rather than rounded: a float cannot keep it, and a
/// count written back one off is worse than a refusal.
pub fn parse_number(text: &str) -> Option<f64> {
    let t = ungroup(text)?;
    if too_large_for_f64(&t) {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Why `text` is no number [`parse_number`] takes, as words to follow "not a number".
pub fn not_a_number_why(text: &str) -> &'static str {
    if ungroup(text).is_some_and(|t| too_large_for_f64(&t)) {
        " (a whole number this large cannot be kept exactly)"
    } else {
        ""
    }
}

/// An ungrouped whole number (`-123`), digits only after an optional minus.
pub(crate) fn is_whole(t: &str) -> bool {
    let digits = t.strip_prefix('-').unwrap_or(t);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn too_large_for_f64(t: &str) -> bool {
    const EXACT: u64 = 1 << 53;
    is_whole(t)
        && t.trim_start_matches('-')
            .parse::<u64>()
            .map_or(true, |n| n > EXACT)
}

/// `12,000.5` → `12000.5`: commas or underscores between groups of three digits are taken
/// out; anywhere else (`1,5`, a decimal comma) they make it no number at all, not a guess.
pub(crate) fn ungroup(text: &str) -> Option<String> {
    let text = text.trim();
    if !text.contains([',', '_']) {
        return Some(text.to_string());
    }
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text),
    };
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let groups: Vec<&str> = int.split([',', '_']).collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    if !grouped || frac.is_some_and(|f| f.contains([',', '_'])) {
        return None;
    }
    Some(match frac {
        Some(f) => format!("{sign}{}.{f}", groups.concat()),
        None => format!("{sign}{}", groups.concat()),
    })
}

/// Plans `op` against `ws` without writing anything.
pub fn plan(ws: &Workspace, op: &Op) -> Result<Plan> {
    match op {
        Op::Map(op) => map_ops::plan(ws, op),
        Op::Adr(op) => adr_ops::plan(ws, op),
        Op::Impact(op) => impact_ops::plan(ws, op),
        Op::Flywheel(op) => flywheel_ops::plan(ws, op),
    }
}

/// Plans and commits `op`: on disk (atomic replace, all files or none) when this returns Ok.
/// The caller reloads the workspace. A file changed on disk since `ws` was read is refused:
/// the cockpit's user saw the old text and must see the new before editing it.
pub fn apply(ws: &Workspace, op: &Op) -> Result<Plan> {
    let lock = writer::lock(&ws.root)?;
    commit_under(&lock, ws, op)
}

/// Reads the workspace found from `start`, builds an op from it with `op_of` and commits it,
/// all under one hold of the write lock: for a one-shot writer (the CLI), whose user saw
/// nothing of what was read, so another process's write just before is read, not refused.
/// Any number of `wh metric record` or `wh map add` can run at once, and each lands.
pub fn apply_fresh<E: From<WorkspaceError>>(
    start: &std::path::Path,
    op_of: impl FnOnce(&Workspace) -> std::result::Result<Op, E>,
) -> std::result::Result<(Workspace, Plan), E> {
    let located = super::discover::discover(start)?;
    let lock = writer::lock(&located.root)?;
    // loaded after the lock: a write that died mid-way is rolled back before it is read
    let ws = super::load::load(&located);
    let op = op_of(&ws)?;
    let plan = commit_under(&lock, &ws, &op)?;
    Ok((ws, plan))
}

fn commit_under(lock: &writer::WriteLock, ws: &Workspace, op: &Op) -> Result<Plan> {
    let mut plan = match op {
        // a new number is read from the folder and written under this one hold of the lock
        Op::Adr(a) if a.allocates() => adr_ops::commit_allocating(lock, ws, a)?,
        _ => {
            let plan = plan(ws, op)?;
            if !plan.patch.is_empty() {
                lock.commit(&plan.patch)?;
            }
            plan
        }
    };
    // what taking the lock put back is news the user must hear
    for note in lock.recovered() {
        plan.summary.push_str(&format!("; before that: {note}"));
    }
    Ok(plan)
}

/// The text of a workspace file as it is on disk, refused when it is not what was loaded
/// (changed since, or unreadable as TOML when it was read).
pub(crate) fn current_text(ws: &Workspace, file: usize) -> Result<(PathBuf, String)> {
    let f = ws
        .files
        .get(file)
        .ok_or_else(|| WorkspaceError::Invalid(format!("no file number {file}")))?;
    if f.broken {
        return Err(WorkspaceError::Invalid(format!(
            "{}: has errors that stop it from being read; fix them in an editor first (e)",
            f.path.display()
        )));
    }
    if f.kind == FileKind::MarkdownDecision {
        return Err(WorkspaceError::Invalid(format!(
            "{}: markdown records are not edited this way yet",
            f.path.display()
        )));
    }
    let path = ws.root.join(&f.path);
    let bytes = std::fs::read(&path).map_err(|e| WorkspaceError::io(&f.path, e))?;
    if fnv1a64(&bytes) != f.hash {
        return Err(WorkspaceError::ChangedOnDisk {
            path: f.path.clone(),
        });
    }
    let text = String::from_utf8(bytes).map_err(|_| WorkspaceError::Parse {
        path: f.path.clone(),
        line: 0,
        col: 0,
        message: "the file is not UTF-8 text".into(),
    })?;
    Ok((f.path.clone(), text))
}

/// What an edit says it did: the status-bar line and the item to select after it.
pub(crate) type Done = (String, Option<Reference>);

/// The frame of an edit to one workspace file: `file` read as it was loaded, its TOML document
/// changed by `edit` (which may add changes to other files, a delete's references, to
/// `others`), and the result planned. A file the edit leaves as it was is not written.
pub(crate) fn plan_in_file(
    ws: &Workspace,
    file: usize,
    edit: impl FnOnce(&mut toml_edit::DocumentMut, &mut Vec<FileChange>) -> Result<Done>,
) -> Result<Plan> {
    let (rel, before) = current_text(ws, file)?;
    let mut doc = parse_doc(&rel, &before)?;
    let mut others = Vec::new();
    let (summary, focus) = edit(&mut doc, &mut others)?;
    let after = doc.to_string();
    let mut changes = Vec::with_capacity(others.len() + 1);
    if after != before {
        changes.push(FileChange {
            rel,
            before: Some(before),
            after: Some(after),
        });
    }
    changes.extend(others);
    Ok(Plan {
        patch: Patch { changes },
        summary,
        focus,
    })
}

/// A new TOML file for a new document (a map, an impact map): refused in a markdown ADR folder
/// (`kind` names what would be made there), and when `id` is not an id or is taken.
pub(crate) struct NewDocument<'a> {
    /// `map`, `impact map`.
    pub kind: &'a str,
    pub id: &'a str,
    pub exists: bool,
    /// `maps/ID.toml`.
    pub rel: PathBuf,
    /// The header table (`map`, `goal`) and the title it holds.
    pub header: &'a str,
    pub title: &'a str,
    pub focus: Reference,
}

impl NewDocument<'_> {
    pub(crate) fn plan(self, ws: &Workspace) -> Result<Plan> {
        let kind = self.kind;
        if ws.mode != crate::workspace::Mode::Full {
            return Err(WorkspaceError::Invalid(format!(
                "this is a markdown ADR folder, not a wheelhouse workspace: {kind}s live in a \
                 workspace (make one with `wh init`)"
            )));
        }
        let id = self.id;
        if !crate::workspace::reference::is_valid_id(id) {
            return Err(WorkspaceError::Invalid(format!(
                "`{id}` is not {} {kind} id: use lower-case letters, digits and dashes",
                article(kind)
            )));
        }
        if self.exists {
            return Err(WorkspaceError::Invalid(format!(
                "{} {kind} `{id}` already exists",
                article(kind)
            )));
        }
        let title = one_line(self.title, self.header_what())?;
        let mut doc = toml_edit::DocumentMut::new();
        let mut header = toml_edit::Table::new();
        header.insert("title", toml_edit::value(title));
        doc.insert(self.header, toml_edit::Item::Table(header));
        Ok(Plan {
            patch: Patch {
                changes: vec![FileChange {
                    rel: self.rel,
                    before: None,
                    after: Some(doc.to_string()),
                }],
            },
            summary: format!("new {kind} {id}: {title}"),
            focus: Some(self.focus),
        })
    }

    /// What the title is called in a refusal: a map's title, an impact map's goal.
    fn header_what(&self) -> &'static str {
        if self.header == "goal" {
            "the goal"
        } else {
            "the title"
        }
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// A name or text for one line: trimmed, not empty, no line breaks or controls.
pub(crate) fn one_line<'a>(text: &'a str, what: &str) -> Result<&'a str> {
    let t = text.trim();
    if t.is_empty() {
        return Err(WorkspaceError::Invalid(format!("{what} is empty")));
    }
    if t.chars().any(char::is_control) {
        return Err(WorkspaceError::Invalid(format!(
            "{what} holds a line break or a control character"
        )));
    }
    Ok(t)
}

/// `Member offers (v2)` → `member-offers-v2`: the id rules of references (ASCII lower-case
/// letters, digits, dashes), at most 40 bytes; `fallback` when nothing is left.
pub fn id_from_name(name: &str, fallback: &str) -> String {
    slugify(name, 40, fallback)
}

/// ASCII letters and digits, lower-cased, every other run a dash, at most `max` bytes;
/// `fallback` when nothing is left (ids, record file names).
pub(crate) fn slugify(text: &str, max: usize, fallback: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= max {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        fallback.to_string()
    } else {
        slug.to_string()
    }
}

/// A coordinate as it is written: clamped to 0..1, three decimals (no 0.8500000000000001).
pub fn coordinate(v: f64) -> f64 {
    if v.is_nan() {
        return 0.0;
    }
    (v.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_names() {
        assert_eq!(id_from_name("Member offers (v2)", "c"), "member-offers-v2");
        assert_eq!(id_from_name("會員", "component"), "component");
        assert_eq!(id_from_name("  CDN  ", "c"), "cdn");
    }

    #[test]
    fn coordinates_are_rounded_and_clamped() {
        assert_eq!(coordinate(0.84 + 0.01), 0.85);
        assert_eq!(coordinate(1.2), 1.0);
        assert_eq!(coordinate(-0.1), 0.0);
        assert_eq!(coordinate(f64::NAN), 0.0);
    }

    #[test]
    fn grouped_numbers_read_as_the_screen_shows_them() {
        assert_eq!(parse_number("15,000"), Some(15000.0));
        assert_eq!(parse_number(" 1,234,567.5 "), Some(1234567.5));
        assert_eq!(parse_number("-12_000"), Some(-12000.0));
        assert_eq!(parse_number("2.5"), Some(2.5));
        // not groups of three: no guess at a decimal comma
        assert_eq!(parse_number("1,5"), None);
        assert_eq!(parse_number("15,00"), None);
        assert_eq!(parse_number("1234,000"), None);
        assert_eq!(parse_number(",000"), None);
        assert_eq!(parse_number("inf"), None);
        // kept exactly, or refused
        assert_eq!(parse_number("9007199254740992"), Some(9007199254740992.0));
        assert_eq!(parse_number("9007199254740993"), None);
        assert_eq!(parse_number("99999999999999999999999"), None);
        assert!(not_a_number_why("9,007,199,254,740,993").contains("exactly"));
        assert_eq!(not_a_number_why("abc"), "");
    }
}
