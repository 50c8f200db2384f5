//! `wh metric record`, `wh phase status`, `wh review new`: flywheel edits from the shell (and
//! from CI jobs and cron), through the same operations as the cockpit.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{anyhow, bail};
use clap::Subcommand;

use crate::text::inert;
use crate::workspace::edit::{self, flywheel, FlywheelOp, Op};
use crate::workspace::{PhaseId, Workspace};

#[derive(Debug, Subcommand)]
pub enum MetricCommand {
    /// Record a measurement. The same value again for the same day changes nothing (exit 0);
    /// another value for a day that has one is refused (exit 1)
    Record {
        /// The metric's id
        id: String,
        #[arg(allow_hyphen_values = true)]
        value: String,
        /// The day measured (default: today, UTC)
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum PhaseCommand {
    /// Set a flywheel phase's status
    Status {
        #[arg(value_parser = ["clarity", "challenge", "next-action", "long-term"])]
        phase: String,
        #[arg(value_parser = ["not-started", "in-progress", "healthy", "at-risk"])]
        status: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Record a flywheel review: a score 0..3 per tenet of each phase, actions and notes
    New {
        /// The review's id (default: its date)
        #[arg(long)]
        id: Option<String>,
        /// The day of the review (default: today, UTC)
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[arg(long, value_name = "NAME", default_value = "")]
        facilitator: String,
        /// PHASE=S,S,S, one score 0..3 per tenet, e.g. clarity=3,2,3 (repeat per phase)
        #[arg(long = "score", value_name = "PHASE=S,S,S")]
        scores: Vec<String>,
        /// An action agreed (repeat for more)
        #[arg(long = "action", value_name = "TEXT")]
        actions: Vec<String>,
        #[arg(long, value_name = "TEXT", default_value = "")]
        notes: String,
        #[arg(long)]
        json: bool,
    },
}

fn apply(start: &Path, op: FlywheelOp, json: bool) -> anyhow::Result<ExitCode> {
    apply_with(start, |_| Ok(op), json)
}

/// Commits the op `op_of` builds from the workspace as it is once the write lock is held.
fn apply_with(
    start: &Path,
    op_of: impl FnOnce(&Workspace) -> anyhow::Result<FlywheelOp>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    super::map::apply_and_report(start, |ws| Ok((Op::Flywheel(op_of(ws)?), json)))
}

pub fn run_metric(start: &Path, cmd: &MetricCommand) -> anyhow::Result<ExitCode> {
    let MetricCommand::Record {
        id,
        value,
        date,
        json,
    } = cmd;
    let v = edit::parse_number(value).ok_or_else(|| {
        anyhow!(
            "`{}` is not a number{}",
            inert(value),
            edit::not_a_number_why(value)
        )
    })?;
    let op = FlywheelOp::RecordSample {
        metric: id.strip_prefix("metric:").unwrap_or(id).to_string(),
        date: date.clone().unwrap_or_else(flywheel::today),
        value: v,
    };
    apply(start, op, *json)
}

pub fn run_phase(start: &Path, cmd: &PhaseCommand) -> anyhow::Result<ExitCode> {
    let PhaseCommand::Status {
        phase,
        status,
        json,
    } = cmd;
    let phase = PhaseId::from_key(phase).ok_or_else(|| anyhow!("unknown phase {phase}"))?;
    let status =
        flywheel::parse_status(status).ok_or_else(|| anyhow!("unknown status {status}"))?;
    apply(start, FlywheelOp::SetPhaseStatus { phase, status }, *json)
}

/// `clarity=3,2,3` → the phase and its scores.
fn score(text: &str) -> anyhow::Result<(PhaseId, Vec<u8>)> {
    let (phase, list) = text.split_once('=').ok_or_else(|| {
        anyhow!(
            "--score takes PHASE=S,S,S (for example clarity=3,2,3), not `{}`",
            inert(text)
        )
    })?;
    let phase = PhaseId::from_key(phase.trim()).ok_or_else(|| {
        anyhow!(
            "`{}` is not a phase: clarity, challenge, next-action or long-term",
            inert(phase)
        )
    })?;
    let scores = list
        .split(',')
        .map(|s| {
            s.trim()
                .parse::<u8>()
                .ok()
                .filter(|v| *v <= 3)
                .ok_or_else(|| anyhow!("a score is 0, 1, 2 or 3, not `{}`", inert(s.trim())))
        })
        .collect::<anyhow::Result<Vec<u8>>>()?;
    Ok((phase, scores))
}

pub fn run_review(start: &Path, cmd: &ReviewCommand) -> anyhow::Result<ExitCode> {
    let ReviewCommand::New {
        id,
        date,
        facilitator,
        scores,
        actions,
        notes,
        json,
    } = cmd;
    let mut parsed: Vec<(PhaseId, Vec<u8>)> = Vec::new();
    for s in scores {
        let (phase, v) = score(s)?;
        if parsed.iter().any(|(p, _)| *p == phase) {
            bail!("{} is scored twice", phase.key());
        }
        parsed.push((phase, v));
    }
    // in flywheel order, as the file's other reviews write them
    parsed.sort_by_key(|(p, _)| *p);
    let date = date.clone().unwrap_or_else(flywheel::today);
    // the free id is read under the lock: two reviews recorded at once get two ids
    apply_with(
        start,
        |ws| {
            let id = match id {
                Some(id) => id.clone(),
                None => {
                    let mut id = date.clone();
                    let mut n = 2;
                    while ws.reviews.iter().any(|r| r.id == id) {
                        id = format!("{date}-{n}");
                        n += 1;
                    }
                    id
                }
            };
            Ok(FlywheelOp::NewReview {
                id,
                date,
                facilitator: facilitator.clone(),
                scores: parsed,
                actions: actions.clone(),
                notes: notes.clone(),
            })
        },
        *json,
    )
}
