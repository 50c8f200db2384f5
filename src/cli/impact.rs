//! `wh impact …`: impact map edits from the shell, through the same operations as the
//! cockpit. Items are named `MAP/ID` (or `impact:MAP/ID`); `MAP` alone names the goal.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{anyhow, bail};
use clap::Subcommand;

use crate::text::inert;
use crate::workspace::edit::{self, impact, GoalField, ImpactOp, NodeLevel, Op};
use crate::workspace::{ImpactDirection, Reference, Workspace};

#[derive(Debug, Subcommand)]
pub enum ImpactCommand {
    /// Create a new impact map `impact/ID.toml` with its goal
    New {
        /// The map's id: lower-case letters, digits and dashes
        id: String,
        #[arg(long, value_name = "T")]
        goal: String,
        #[arg(long)]
        json: bool,
    },
    /// Add an actor under the goal (MAP), an impact under an actor or a deliverable under an
    /// impact (MAP/PARENT); its id is made from the name
    Add {
        /// MAP (the goal) or MAP/PARENT
        parent: String,
        #[arg(value_parser = ["actor", "impact", "deliverable"])]
        kind: String,
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Rename the goal (MAP), an actor, an impact (its behaviour) or a deliverable
    Rename {
        /// MAP or MAP/ID
        item: String,
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Set a deliverable's status
    Status {
        /// MAP/DELIVERABLE
        deliverable: String,
        #[arg(value_parser = ["idea", "planned", "building", "shipped", "dropped"])]
        status: String,
        #[arg(long)]
        json: bool,
    },
    /// Say whether an impact supports or obstructs the goal
    Direction {
        /// MAP/IMPACT
        impact: String,
        #[arg(value_parser = ["support", "obstruct"])]
        direction: String,
        #[arg(long)]
        json: bool,
    },
    /// Move an impact under another actor, or a deliverable under another impact
    Mv {
        /// MAP/ID
        item: String,
        /// The new parent's id (MAP/ID or ID)
        to: String,
        /// For a deliverable under several impacts: the one it leaves (default: all)
        #[arg(long, value_name = "ID")]
        from: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Move an item up or down among its siblings (file order is display order)
    Order {
        /// MAP/ID
        item: String,
        #[arg(value_parser = ["up", "down"])]
        way: String,
        #[arg(long)]
        json: bool,
    },
    /// Remove an item with everything below it that hangs on nothing else, and the links to
    /// them in other files
    Rm {
        /// MAP/ID
        item: String,
        #[arg(long)]
        json: bool,
    },
    /// Link a deliverable to an ADR, metric, component or anything else (adr:4, map:m/c)
    Link {
        /// MAP/DELIVERABLE
        deliverable: String,
        target: String,
        #[arg(long)]
        json: bool,
    },
    /// Remove a deliverable's link
    Unlink {
        /// MAP/DELIVERABLE
        deliverable: String,
        target: String,
        #[arg(long)]
        json: bool,
    },
    /// Set the goal's measure (an empty value removes the field)
    Goal {
        /// MAP
        map: String,
        #[arg(long, allow_hyphen_values = true)]
        baseline: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        current: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        target: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        deadline: Option<String>,
        #[arg(long)]
        unit: Option<String>,
        /// metric:ID measuring the goal
        #[arg(long)]
        metric: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(start: &Path, cmd: &ImpactCommand) -> anyhow::Result<ExitCode> {
    if let ImpactCommand::Goal {
        map,
        baseline,
        current,
        target,
        deadline,
        unit,
        metric,
        json,
    } = cmd
    {
        let fields = [
            (GoalField::Baseline, baseline),
            (GoalField::Current, current),
            (GoalField::Target, target),
            (GoalField::Deadline, deadline),
            (GoalField::Unit, unit),
            (GoalField::Metric, metric),
        ];
        if fields.iter().all(|(_, v)| v.is_none()) {
            bail!(
                "say what to set: --baseline, --current, --target, --deadline, --unit or --metric"
            );
        }
        // one field at a time, each an edit of its own: a refusal leaves the others written
        for (field, v) in fields {
            if let Some(v) = v {
                let op = Op::Impact(ImpactOp::SetGoal {
                    map: map_id(map),
                    field,
                    value: v.clone(),
                });
                let (_, plan) = edit::apply_fresh(start, |_| anyhow::Ok(op))?;
                super::map::report(&plan, *json)?;
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    super::map::apply_and_report(start, |ws| op_of(ws, cmd))
}

fn map_id(text: &str) -> String {
    text.strip_prefix("impact:").unwrap_or(text).to_string()
}

/// `grow-members/weekly-digest` (or `impact:grow-members/weekly-digest`) → the two ids.
fn split(text: &str) -> anyhow::Result<(String, String)> {
    let t = text.strip_prefix("impact:").unwrap_or(text);
    match t.split_once('/') {
        Some((m, i)) if !m.is_empty() && !i.is_empty() => Ok((m.to_string(), i.to_string())),
        _ => bail!(
            "`{}` is not MAP/ID (for example grow-members/weekly-digest)",
            inert(text)
        ),
    }
}

/// A second item of the same map: `MAP/ID` of that map, or a bare `ID`.
fn same_map(map: &str, text: &str) -> anyhow::Result<String> {
    let t = text.strip_prefix("impact:").unwrap_or(text);
    match t.split_once('/') {
        Some((m, i)) if m == map => Ok(i.to_string()),
        Some((m, _)) => bail!(
            "{} is in impact map {}, not {}: items move within one map",
            inert(text),
            inert(m),
            inert(map)
        ),
        None => Ok(t.to_string()),
    }
}

fn op_of(ws: &Workspace, cmd: &ImpactCommand) -> anyhow::Result<(Op, bool)> {
    let op = match cmd {
        ImpactCommand::New { id, goal, json } => (
            ImpactOp::NewMap {
                id: id.clone(),
                goal: goal.clone(),
            },
            *json,
        ),
        ImpactCommand::Add {
            parent,
            kind,
            name,
            json,
        } => {
            let (map, parent) = match split(parent) {
                Ok((m, p)) => (m, Some(p)),
                Err(_) => (map_id(parent), None),
            };
            let wanted = NodeLevel::parse(kind).ok_or_else(|| anyhow!("unknown kind {kind}"))?;
            let level = match (&parent, ws.impact_map(&map)) {
                (None, _) => NodeLevel::Actor,
                (Some(p), Some(m)) => match impact::level_of(m, p).map_err(|e| anyhow!(e))? {
                    NodeLevel::Actor => NodeLevel::Impact,
                    NodeLevel::Impact => NodeLevel::Deliverable,
                    NodeLevel::Deliverable => bail!(
                        "{} is a deliverable: deliverables are the last level of an impact map",
                        inert(p)
                    ),
                },
                (Some(_), None) => bail!("no impact map `{}` in this workspace", inert(&map)),
            };
            if level != wanted {
                let needs = match wanted {
                    NodeLevel::Actor => "the goal (give the map alone)",
                    NodeLevel::Impact => "an actor",
                    NodeLevel::Deliverable => "an impact",
                };
                bail!(
                    "a new {kind} goes under {needs}; under {} go {}s",
                    inert(parent.as_deref().unwrap_or(&map)),
                    level.table()
                );
            }
            (
                ImpactOp::Add {
                    map,
                    parent,
                    name: name.clone(),
                },
                *json,
            )
        }
        ImpactCommand::Rename { item, name, json } => {
            let (map, item) = match split(item) {
                Ok((m, i)) => (m, Some(i)),
                Err(_) => (map_id(item), None),
            };
            (
                ImpactOp::Rename {
                    map,
                    item,
                    name: name.clone(),
                },
                *json,
            )
        }
        ImpactCommand::Status {
            deliverable,
            status,
            json,
        } => {
            let (map, id) = split(deliverable)?;
            let status =
                impact::parse_status(status).ok_or_else(|| anyhow!("unknown status {status}"))?;
            (
                ImpactOp::SetStatus {
                    map,
                    deliverable: id,
                    status,
                },
                *json,
            )
        }
        ImpactCommand::Direction {
            impact,
            direction,
            json,
        } => {
            let (map, id) = split(impact)?;
            let direction = if direction == "obstruct" {
                ImpactDirection::Obstruct
            } else {
                ImpactDirection::Support
            };
            (
                ImpactOp::SetDirection {
                    map,
                    impact: id,
                    direction,
                },
                *json,
            )
        }
        ImpactCommand::Mv {
            item,
            to,
            from,
            json,
        } => {
            let (map, id) = split(item)?;
            let to = same_map(&map, to)?;
            let from = from.as_deref().map(|f| same_map(&map, f)).transpose()?;
            (
                ImpactOp::Move {
                    map,
                    item: id,
                    from,
                    to,
                },
                *json,
            )
        }
        ImpactCommand::Order { item, way, json } => {
            let (map, id) = split(item)?;
            (
                ImpactOp::Reorder {
                    map,
                    item: id,
                    under: None,
                    by: if way == "up" { -1 } else { 1 },
                },
                *json,
            )
        }
        ImpactCommand::Rm { item, json } => {
            let (map, id) = split(item)?;
            (ImpactOp::Delete { map, item: id }, *json)
        }
        ImpactCommand::Link {
            deliverable,
            target,
            json,
        }
        | ImpactCommand::Unlink {
            deliverable,
            target,
            json,
        } => {
            let (map, id) = split(deliverable)?;
            let target = Reference::parse(target)
                .map_err(|e| anyhow!("`{}` is not a reference: {e}", inert(target)))?;
            let op = if matches!(cmd, ImpactCommand::Link { .. }) {
                ImpactOp::Link {
                    map,
                    deliverable: id,
                    target,
                }
            } else {
                ImpactOp::Unlink {
                    map,
                    deliverable: id,
                    target,
                }
            };
            (op, *json)
        }
        ImpactCommand::Goal { .. } => bail!("the goal is set field by field"),
    };
    Ok((Op::Impact(op.0), op.1))
}
