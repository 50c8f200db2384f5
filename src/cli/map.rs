//! `wh map …`: Wardley map edits from the shell, through the same operations as the cockpit.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{anyhow, bail, Context as _};
use clap::Subcommand;
use serde::Serialize;

use crate::text::inert;
use crate::workspace::edit::{self, MapOp, Op, Plan};
use crate::workspace::{Sourcing, Workspace};

#[derive(Debug, Subcommand)]
pub enum MapCommand {
    /// Create a new map `maps/ID.toml`
    New {
        /// The map's id: lower-case letters, digits and dashes
        id: String,
        #[arg(long, value_name = "T")]
        title: String,
        #[arg(long)]
        json: bool,
    },
    /// Add a component (its id is made from the name)
    Add {
        /// The map's id
        map: String,
        name: String,
        /// Where: visibility (1 at the top) and evolution (0 at genesis), e.g. 0.5,0.3
        #[arg(long, value_name = "VIS,EVO")]
        at: String,
        /// Add an anchor (a user or customer) instead of a component
        #[arg(long)]
        anchor: bool,
        #[arg(long)]
        json: bool,
    },
    /// Move a component to a position, or by an offset
    Move {
        /// MAP/COMPONENT
        component: String,
        #[arg(
            long,
            value_name = "VIS,EVO",
            conflicts_with = "by",
            required_unless_present = "by"
        )]
        to: Option<String>,
        /// An offset, e.g. 0,0.1 to evolve it by 0.1
        #[arg(long, value_name = "dVIS,dEVO", allow_hyphen_values = true)]
        by: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Rename a component (its id, and so every link to it, stays)
    Rename {
        /// MAP/COMPONENT
        component: String,
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Make the first component need the second (MAP/A MAP/B, or MAP/A B)
    Link {
        from: String,
        to: String,
        #[arg(long)]
        json: bool,
    },
    /// Remove the link from the first component to the second
    Unlink {
        from: String,
        to: String,
        #[arg(long)]
        json: bool,
    },
    /// Set where a component is evolving to, or clear it
    Evolve {
        /// MAP/COMPONENT
        component: String,
        /// Target evolution (0..1)
        #[arg(required_unless_present = "clear")]
        evolution: Option<f64>,
        #[arg(long, conflicts_with = "evolution")]
        clear: bool,
        #[arg(long)]
        json: bool,
    },
    /// Mark inertia on or off
    Inertia {
        /// MAP/COMPONENT
        component: String,
        #[arg(value_parser = ["on", "off"])]
        state: String,
        #[arg(long)]
        json: bool,
    },
    /// Set how a component is sourced
    Sourcing {
        /// MAP/COMPONENT
        component: String,
        #[arg(value_parser = ["build", "buy", "outsource", "market", "ecosystem", "none"])]
        sourcing: String,
        #[arg(long)]
        json: bool,
    },
    /// Remove a component, the links to it and the references to it in other files
    Rm {
        /// MAP/COMPONENT
        component: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(start: &Path, cmd: &MapCommand) -> anyhow::Result<ExitCode> {
    apply_and_report(start, |ws| op_of(ws, cmd))
}

/// An editing command's whole run: the op (and whether to answer in JSON) made from the
/// workspace as it is under the write lock, committed, and reported.
pub(super) fn apply_and_report(
    start: &Path,
    op_of: impl FnOnce(&Workspace) -> anyhow::Result<(Op, bool)>,
) -> anyhow::Result<ExitCode> {
    let mut json = false;
    let (_, plan) = edit::apply_fresh(start, |ws| {
        let (op, j) = op_of(ws)?;
        json = j;
        anyhow::Ok(op)
    })?;
    report(&plan, json)?;
    Ok(ExitCode::SUCCESS)
}

fn op_of(ws: &Workspace, cmd: &MapCommand) -> anyhow::Result<(Op, bool)> {
    Ok(match cmd {
        MapCommand::New { id, title, json } => (
            Op::Map(MapOp::NewMap {
                id: id.clone(),
                title: title.clone(),
            }),
            *json,
        ),
        MapCommand::Add {
            map,
            name,
            at,
            anchor,
            json,
        } => {
            let (visibility, evolution) = pair(at, "--at")?;
            (
                Op::Map(MapOp::AddComponent {
                    map: map.clone(),
                    name: name.clone(),
                    visibility,
                    evolution,
                    anchor: *anchor,
                }),
                *json,
            )
        }
        MapCommand::Move {
            component,
            to,
            by,
            json,
        } => {
            let (map, id) = split(component)?;
            let (visibility, evolution) = match (to, by) {
                (Some(to), _) => pair(to, "--to")?,
                (None, Some(by)) => {
                    let (dv, de) = offset(by)?;
                    let c = ws
                        .map(&map)
                        .and_then(|m| m.component(&id))
                        .ok_or_else(|| anyhow!("no component {}", inert(component)))?;
                    (c.visibility + dv, c.evolution + de)
                }
                (None, None) => bail!("say where: --to VIS,EVO or --by dVIS,dEVO"),
            };
            (
                Op::Map(MapOp::MoveComponent {
                    map,
                    component: id,
                    visibility,
                    evolution,
                }),
                *json,
            )
        }
        MapCommand::Rename {
            component,
            name,
            json,
        } => {
            let (map, id) = split(component)?;
            (
                Op::Map(MapOp::RenameComponent {
                    map,
                    component: id,
                    name: name.clone(),
                }),
                *json,
            )
        }
        MapCommand::Link { from, to, json } | MapCommand::Unlink { from, to, json } => {
            let (map, a) = split(from)?;
            let b = match to.split_once('/') {
                Some((m, b)) if m == map => b.to_string(),
                Some((m, _)) => bail!(
                    "links join components of one map: {} is in map {}, not {}",
                    inert(to),
                    inert(m),
                    inert(&map)
                ),
                None => to.clone(),
            };
            let op = if matches!(cmd, MapCommand::Link { .. }) {
                Op::Map(MapOp::Link {
                    map,
                    from: a,
                    to: b,
                })
            } else {
                Op::Map(MapOp::Unlink {
                    map,
                    from: a,
                    to: b,
                })
            };
            (op, *json)
        }
        MapCommand::Evolve {
            component,
            evolution,
            clear,
            json,
        } => {
            let (map, id) = split(component)?;
            let target = if *clear { None } else { *evolution };
            if let Some(e) = target {
                unit(e, "the evolution")?;
            }
            (
                Op::Map(MapOp::SetEvolve {
                    map,
                    component: id,
                    target,
                }),
                *json,
            )
        }
        MapCommand::Inertia {
            component,
            state,
            json,
        } => {
            let (map, id) = split(component)?;
            (
                Op::Map(MapOp::SetInertia {
                    map,
                    component: id,
                    on: state == "on",
                }),
                *json,
            )
        }
        MapCommand::Sourcing {
            component,
            sourcing,
            json,
        } => {
            let (map, id) = split(component)?;
            // "none" clears it (clap allows only the listed words)
            let sourcing = Sourcing::from_word(sourcing);
            (
                Op::Map(MapOp::SetSourcing {
                    map,
                    component: id,
                    sourcing,
                }),
                *json,
            )
        }
        MapCommand::Rm { component, json } => {
            let (map, id) = split(component)?;
            (
                Op::Map(MapOp::DeleteComponent { map, component: id }),
                *json,
            )
        }
    })
}

/// `serving/cdn` (or `map:serving/cdn`) → (`serving`, `cdn`).
fn split(text: &str) -> anyhow::Result<(String, String)> {
    let t = text.strip_prefix("map:").unwrap_or(text);
    match t.split_once('/') {
        Some((m, c)) if !m.is_empty() && !c.is_empty() => Ok((m.to_string(), c.to_string())),
        _ => bail!(
            "`{}` is not MAP/COMPONENT (for example serving/cdn)",
            inert(text)
        ),
    }
}

fn numbers(text: &str, flag: &str) -> anyhow::Result<(f64, f64)> {
    let (a, b) = text
        .split_once(',')
        .ok_or_else(|| anyhow!("{flag} takes two numbers: VIS,EVO (for example 0.5,0.3)"))?;
    let num = |s: &str| {
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .with_context(|| format!("{flag}: `{}` is not a number", inert(s.trim())))
    };
    Ok((num(a)?, num(b)?))
}

fn unit(v: f64, what: &str) -> anyhow::Result<f64> {
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        bail!("{what} must be between 0 and 1, not {v}")
    }
}

fn pair(text: &str, flag: &str) -> anyhow::Result<(f64, f64)> {
    let (v, e) = numbers(text, flag)?;
    Ok((unit(v, "the visibility")?, unit(e, "the evolution")?))
}

fn offset(text: &str) -> anyhow::Result<(f64, f64)> {
    numbers(text, "--by")
}

#[derive(Serialize)]
struct Report<'a> {
    summary: &'a str,
    files: Vec<String>,
    focus: Option<String>,
}

/// The edit report every editing command prints: the summary and the files written, or
/// `--json`'s `{summary, files, focus}`.
pub(super) fn report(plan: &Plan, json: bool) -> anyhow::Result<()> {
    // the files written, and whether the edit removed each
    let files: Vec<(String, bool)> = plan
        .patch
        .changes
        .iter()
        .filter(|c| c.before != c.after)
        .map(|c| {
            (
                c.rel.to_string_lossy().replace('\\', "/"),
                c.after.is_none(),
            )
        })
        .collect();
    if json {
        let r = Report {
            summary: &plan.summary,
            files: files.into_iter().map(|(f, _)| f).collect(),
            focus: plan.focus.as_ref().map(|f| f.to_string()),
        };
        let mut out = super::output::stdout();
        super::output::write_json(&mut out, &r)?;
        std::io::Write::flush(&mut out)?;
        return Ok(());
    }
    // a file the summary already names (a rename's new path) is not said twice; one the edit
    // deletes (a rename's old path) says so
    let unsaid: Vec<String> = files
        .iter()
        .filter(|(f, _)| !plan.summary.contains(f.as_str()))
        .map(|(f, gone)| {
            if *gone {
                format!("{f} removed")
            } else {
                f.clone()
            }
        })
        .collect();
    let text = if files.is_empty() {
        format!("{} (nothing to change)", plan.summary)
    } else if unsaid.is_empty() {
        plan.summary.clone()
    } else {
        format!("{} ({})", plan.summary, unsaid.join(", "))
    };
    super::output::print(&format!("{}\n", inert(&text)))?;
    Ok(())
}
