//! `wh adr new | status | link | unlink | tag | choose | rename | edit`: the record edits, each an
//! [`AdrOp`] of the core (the cockpit makes the same ones), in TOML workspaces and in markdown
//! ADR folders alike. A refusal exits 1 with the reason; an edit that changes nothing ("already
//! accepted") exits 0.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{anyhow, bail, Context};

use super::AdrCommand;
use crate::text::{inert, inert_multiline};
use crate::workspace::edit::{self, AdrOp, NewRecord, Op};
use crate::workspace::model::{AdrStatus, Workspace};
use crate::workspace::reference::{parse_adr_number, Reference};
use crate::workspace::Severity;

pub fn run(start: &Path, cmd: &AdrCommand) -> anyhow::Result<ExitCode> {
    let ws = Workspace::open(start)?;
    let (op, json) = match cmd {
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
                &ws,
                &title.join(" "),
                supersedes,
                status,
                tags,
                links,
                *edit,
                *json,
            )
        }
        AdrCommand::Status {
            reference,
            status,
            by,
            json,
        } => (
            AdrOp::SetStatus {
                number: number(reference, "REF")?,
                status: status_of(status)?,
                by: by.as_deref().map(|b| number(b, "--by")).transpose()?,
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
                number: number(reference, "REF")?,
                target: target_of(target)?,
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
                number: number(reference, "REF")?,
                target: target_of(target)?,
            },
            *json,
        ),
        AdrCommand::Tag {
            reference,
            tags,
            json,
        } => (
            AdrOp::SetTags {
                number: number(reference, "REF")?,
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
                number: number(reference, "REF")?,
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
                number: number(reference, "REF")?,
                title: title.clone(),
            },
            *json,
        ),
        AdrCommand::Edit { reference } => return edit_in_editor(&ws, number(reference, "REF")?),
        AdrCommand::List { .. } | AdrCommand::Show { .. } | AdrCommand::Search { .. } => {
            bail!("not an edit command")
        }
    };
    let plan = edit::apply(&ws, &Op::Adr(op)).map_err(|e| anyhow!(e))?;
    super::map::report(&plan, json)?;
    Ok(ExitCode::SUCCESS)
}

fn number(text: &str, what: &str) -> anyhow::Result<u32> {
    parse_adr_number(text).ok_or_else(|| {
        anyhow!(
            "{what} `{}` is not an ADR reference: use a number (7, 0007) or adr:7",
            inert(text)
        )
    })
}

fn status_of(key: &str) -> anyhow::Result<AdrStatus> {
    AdrStatus::from_key(key).ok_or_else(|| anyhow!("`{}` is not a status", inert(key)))
}

/// `7` / `0007` / `adr:7` → an ADR; anything else a reference (`map:x/y`, `metric:z`).
fn target_of(text: &str) -> anyhow::Result<Reference> {
    if let Some(n) = parse_adr_number(text) {
        return Ok(Reference::adr(n));
    }
    Reference::parse(text).map_err(|e| anyhow!("`{}`: {e}", inert(text)))
}

#[allow(clippy::too_many_arguments)]
fn new(
    ws: &Workspace,
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
    let supersedes = supersedes
        .as_deref()
        .map(|r| number(r, "--supersedes"))
        .transpose()?;
    // adr-tools' ADR_DATE: the same records on the same day, for scripts and tests
    let date = std::env::var("ADR_DATE").ok().filter(|d| !d.is_empty());
    let op = AdrOp::New(NewRecord {
        title: title.to_string(),
        status,
        tags: tags.to_vec(),
        links: links
            .iter()
            .map(|l| target_of(l))
            .collect::<anyhow::Result<_>>()?,
        supersedes,
        date,
    });
    let plan = edit::apply(ws, &Op::Adr(op)).map_err(|e| anyhow!(e))?;
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
        let number = plan.focus.as_ref().and_then(Reference::adr_number);
        if let Some(n) = number {
            return edit_in_editor(&ws, n);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn slash(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Opens the record's file in `$VISUAL` / `$EDITOR` (vi when neither is set), then reads the
/// workspace again and reports the file's problems with line and column (exit 1 on errors).
fn edit_in_editor(ws: &Workspace, number: u32) -> anyhow::Result<ExitCode> {
    let adr = ws
        .decision(number)
        .ok_or_else(|| anyhow!("no ADR {number:04} here (`wh adr list` shows them)"))?;
    let rel = ws
        .file_path(adr.origin.file)
        .ok_or_else(|| anyhow!("ADR {number:04} has no file"))?
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
            "wh: {} in {}: fix {} with `wh adr edit {number}`",
            crate::text::count(errors, "error"),
            inert(&slash(&rel)),
            if errors == 1 { "it" } else { "them" }
        );
        return Ok(ExitCode::from(1));
    }
    super::output::print(&format!("{}\n", inert(&slash(&rel))))?;
    Ok(ExitCode::SUCCESS)
}
