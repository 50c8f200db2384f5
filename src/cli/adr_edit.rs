//! `wh adr new | status | link | unlink | tag | choose | rename | edit`: the record edits, each an
//! [`AdrOp`] of the core (the cockpit makes the same ones), in TOML workspaces and in markdown
//! ADR folders alike. A refusal exits 1 with the reason; an edit that changes nothing ("already
//! accepted") exits 0.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{anyhow, bail, Context};

use super::AdrCommand;
use crate::text::{inert, inert_multiline};
use crate::workspace::adr_ref::{self, AdrTarget};
use crate::workspace::edit::{self, AdrOp, NewRecord, Op};
use crate::workspace::model::{Adr, AdrStatus, Workspace};
use crate::workspace::reference::{RefKind, Reference};
use crate::workspace::Severity;

pub fn run(start: &Path, cmd: &AdrCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        AdrCommand::New {
            title,
            supersedes,
            status,
            tags,
            links,
            edit,
            json,
        } => {
            return new(
                start,
                &title.join(" "),
                supersedes,
                status,
                tags,
                links,
                *edit,
                *json,
            )
        }
        AdrCommand::Edit { reference } => {
            let ws = Workspace::open(start)?;
            return edit_in_editor(&ws, adr_ref::resolve(&ws, reference)?);
        }
        _ => {}
    }
    // the records are read under the write lock: another process's edit just before is read
    super::map::apply_and_report(start, |ws| {
        edit_op(ws, cmd).map(|(op, json)| (Op::Adr(op), json))
    })
}

/// The op an edit command asks for, its references resolved in `ws`; and whether to answer
/// in JSON.
fn edit_op(ws: &Workspace, cmd: &AdrCommand) -> anyhow::Result<(AdrOp, bool)> {
    Ok(match cmd {
        AdrCommand::Status {
            reference,
            status,
            by,
            json,
        } => (
            AdrOp::SetStatus {
                record: record_target(ws, reference)?,
                status: status_of(status)?,
                by: by.as_deref().map(|b| record_target(ws, b)).transpose()?,
            },
            *json,
        ),
        AdrCommand::Link {
            reference,
            target,
            kind,
            json,
        } => (
            AdrOp::Link {
                record: record_target(ws, reference)?,
                target: target_of(ws, target)?,
                kind: kind.clone(),
            },
            *json,
        ),
        AdrCommand::Unlink {
            reference,
            target,
            json,
        } => (
            AdrOp::Unlink {
                record: record_target(ws, reference)?,
                target: target_of(ws, target)?,
            },
            *json,
        ),
        AdrCommand::Tag {
            reference,
            tags,
            json,
        } => (
            AdrOp::SetTags {
                record: record_target(ws, reference)?,
                // `a,b c` and `a, b` alike
                tags: tags
                    .iter()
                    .flat_map(|t| t.split(','))
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect(),
            },
            *json,
        ),
        AdrCommand::Choose {
            reference,
            option,
            json,
        } => (
            AdrOp::ChooseOption {
                record: record_target(ws, reference)?,
                option: option.clone(),
            },
            *json,
        ),
        AdrCommand::Rename {
            reference,
            title,
            json,
        } => (
            AdrOp::Rename {
                record: record_target(ws, reference)?,
                title: title.clone(),
            },
            *json,
        ),
        AdrCommand::New { .. }
        | AdrCommand::Edit { .. }
        | AdrCommand::List { .. }
        | AdrCommand::Show { .. }
        | AdrCommand::Search { .. } => bail!("not an edit command"),
    })
}

/// A REF (number, `adr:N`, slug, `adr:slug`, path or file name) → the one record's file: the
/// resolver `wh adr show` uses, so an ambiguous number is refused with its candidates.
fn record_target(ws: &Workspace, text: &str) -> anyhow::Result<AdrTarget> {
    let adr = adr_ref::resolve(ws, text)?;
    Ok(AdrTarget::of(ws, adr))
}

fn status_of(key: &str) -> anyhow::Result<AdrStatus> {
    AdrStatus::from_key(key).ok_or_else(|| anyhow!("`{}` is not a status", inert(key)))
}

/// A link target: a record by any REF (named as its folder names it: `adr:7`, or a log4brains
/// record's `adr:slug`), or anything else by reference (`map:x/y`, `metric:z`).
fn target_of(ws: &Workspace, text: &str) -> anyhow::Result<Reference> {
    let parsed = Reference::parse(text);
    if let Ok(r) = &parsed {
        if r.kind != RefKind::Adr {
            return Ok(r.clone());
        }
    }
    match (adr_ref::resolve(ws, text), parsed) {
        (Ok(adr), _) => Ok(adr.reference()),
        (Err(e), _) if e.is_ambiguous() => Err(e.into()),
        // the core says "nothing is called adr:99 in this workspace"
        (Err(_), Ok(r)) => Ok(r),
        (Err(e), Err(_)) => Err(e.into()),
    }
}

#[allow(clippy::too_many_arguments)]
fn new(
    start: &Path,
    title: &str,
    supersedes: &Option<String>,
    status: &Option<String>,
    tags: &[String],
    links: &[String],
    open_editor: bool,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let status = status.as_deref().map(status_of).transpose()?;
    if status == Some(AdrStatus::Superseded) {
        bail!(
            "a new record cannot start as superseded: nothing supersedes it yet, and `wh check` \
             would reject it; give it another --status, or supersede an old record from its \
             successor with `wh adr new \"New title\" --supersedes N`"
        );
    }
    // adr-tools' ADR_DATE: the same records on the same day, for scripts and tests
    let date = std::env::var("ADR_DATE").ok().filter(|d| !d.is_empty());
    let (ws, plan) = edit::apply_fresh(start, |ws| {
        let supersedes = supersedes
            .as_deref()
            .map(|r| record_target(ws, r))
            .transpose()
            .context("--supersedes")?;
        anyhow::Ok(Op::Adr(AdrOp::New(NewRecord {
            title: title.to_string(),
            status,
            tags: tags.to_vec(),
            links: links
                .iter()
                .map(|l| target_of(ws, l))
                .collect::<anyhow::Result<_>>()?,
            supersedes,
            date,
        })))
    })?;
    let rel = plan
        .patch
        .changes
        .first()
        .map(|c| c.rel.clone())
        .unwrap_or_default();
    if json {
        super::map::report(&plan, true)?;
    } else {
        // the path alone on stdout, as `adr new` prints it, for scripts
        super::output::print(&format!("{}\n", inert(&slash(&rel))))?;
        eprintln!("wh: {}", inert(&plan.summary));
    }
    if open_editor {
        let ws = ws.reload();
        if let Some(adr) = plan.focus.as_ref().and_then(|r| ws.decision_by(r)) {
            return edit_in_editor(&ws, adr);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The shortest REF that names `adr` alone: its number, its log4brains slug, else its path.
fn ref_of(ws: &Workspace, adr: &Adr, rel: &Path) -> String {
    if let Some(slug) = adr.id_slug() {
        return slug.to_string();
    }
    match ws
        .decisions
        .iter()
        .filter(|a| a.number == adr.number)
        .count()
    {
        1 => adr.number.to_string(),
        _ => slash(rel),
    }
}

fn slash(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Opens the record's file in `$VISUAL` / `$EDITOR` (vi when neither is set), then reads the
/// workspace again and reports the file's problems with line and column (exit 1 on errors).
fn edit_in_editor(ws: &Workspace, adr: &Adr) -> anyhow::Result<ExitCode> {
    let rel = ws
        .file_path(adr.origin.file)
        .ok_or_else(|| anyhow!("ADR {} has no file", inert(&adr.label())))?
        .to_path_buf();
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|e| !e.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|e| !e.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_string());
    // `code --wait`: the editor may come with arguments
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(words)
        .arg(ws.root.join(&rel))
        .status()
        .with_context(|| format!("could not start the editor `{}`", inert(&editor)))?;
    if !status.success() {
        bail!("the editor `{}` failed ({status})", inert(&editor));
    }
    let after = ws.reload();
    let problems: Vec<_> = after.diagnostics.iter().filter(|d| d.file == rel).collect();
    for d in &problems {
        eprintln!("{}", inert_multiline(&d.to_string()));
    }
    let errors = problems
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if errors > 0 {
        eprintln!(
            "wh: {} in {}: fix {} with `wh adr edit {}`",
            crate::text::count(errors, "error"),
            inert(&slash(&rel)),
            if errors == 1 { "it" } else { "them" },
            inert(&ref_of(ws, adr, &rel))
        );
        return Ok(ExitCode::from(1));
    }
    super::output::print(&format!("{}\n", inert(&slash(&rel))))?;
    Ok(ExitCode::SUCCESS)
}
