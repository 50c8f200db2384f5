//! Editing the flywheel from the keyboard: the keys become flywheel operations of the core
//! (`Action::Edit`) or questions (`Action::Ask`). The review wizard is a chain of prompts
//! whose answers ride along in the prompt's [`FlywheelThen`], committed as one edit at the end.

use super::FlywheelPane;
use crate::tui::action::Action;
use crate::tui::panes::{Ctx, Pane};
use crate::tui::popups::ask::{Ask, Choice, Then};
use crate::workspace::edit::{flywheel, EntryList, FlywheelOp, Op, StepField};
use crate::workspace::{PhaseId, RefKind, Reference, Risk, Workspace};

/// The flywheel edit a prompt's text becomes (or the next question of a chain).
#[derive(Debug, Clone, PartialEq)]
pub enum FlywheelThen {
    Sample {
        metric: String,
    },
    AddEntry {
        list: EntryList,
    },
    EditEntry {
        list: EntryList,
        index: usize,
    },
    Step {
        stream: String,
        step: usize,
        field: StepField,
    },
    ReviewNotes {
        review: String,
    },
    Review(ReviewWizard),
}

/// A review being scored: one prompt per tenet, then actions, then notes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReviewWizard {
    /// Scores given so far, in flywheel order.
    pub scores: Vec<(PhaseId, Vec<u8>)>,
    /// The actions, once asked.
    pub actions: Option<Vec<String>>,
}

/// Every tenet to score, as (phase, tenet index, tenet text).
fn tenet_slots(ws: &Workspace) -> Vec<(PhaseId, usize, String)> {
    let mut out = Vec::new();
    for id in PhaseId::ALL {
        if let Some(p) = ws.phases.iter().find(|p| p.id == id) {
            for (i, t) in p.tenets.iter().enumerate() {
                out.push((id, i, t.clone()));
            }
        }
    }
    out
}

/// The score the latest review gave a tenet.
fn last_score(ws: &Workspace, phase: PhaseId, i: usize) -> Option<u8> {
    ws.reviews
        .iter()
        .filter(|r| r.scores.contains_key(&phase))
        .max_by(|a, b| a.date.cmp(&b.date))
        .and_then(|r| r.scores.get(&phase))
        .and_then(|s| s.get(i))
        .copied()
}

impl ReviewWizard {
    fn given(&self) -> usize {
        self.scores.iter().map(|(_, s)| s.len()).sum()
    }

    /// The prompt for the next question, `problem` said in front when the last answer was
    /// not usable.
    fn ask(&self, ws: &Workspace, problem: Option<String>) -> Action {
        let slots = tenet_slots(ws);
        let n = self.given();
        let lead = problem.map(|p| format!("{p} · ")).unwrap_or_default();
        let (title, initial) = if let Some((phase, i, tenet)) = slots.get(n) {
            let last = last_score(ws, *phase, *i);
            (
                format!(
                    "{lead}{}/{} {} (last {}): {tenet}",
                    n + 1,
                    slots.len(),
                    phase.key(),
                    last.map_or("–".to_string(), |s| s.to_string())
                ),
                last.map(|s| s.to_string()).unwrap_or_default(),
            )
        } else if self.actions.is_none() {
            // nothing typed is none (a "-" put there to be typed over ended up in the file)
            (
                format!("{lead}Review actions, separated by ; (Enter alone: none)"),
                String::new(),
            )
        } else {
            (
                format!("{lead}Review notes (Enter alone: none)"),
                String::new(),
            )
        };
        Action::Ask(Box::new(Ask::Prompt {
            title,
            initial,
            then: Then::Flywheel(FlywheelThen::Review(self.clone())),
        }))
    }

    /// Takes one answer: the next question, or `None` when the review is complete.
    fn answer(&self, text: &str, ws: &Workspace) -> Option<Action> {
        let slots = tenet_slots(ws);
        let n = self.given();
        let mut next = self.clone();
        if let Some((phase, _, _)) = slots.get(n) {
            let Some(score) = text.trim().parse::<u8>().ok().filter(|s| *s <= 3) else {
                return Some(self.ask(ws, Some("a score is 0, 1, 2 or 3".into())));
            };
            match next.scores.last_mut() {
                Some((p, s)) if p == phase => s.push(score),
                _ => next.scores.push((*phase, vec![score])),
            }
            return Some(next.ask(ws, None));
        }
        if self.actions.is_none() {
            next.actions = Some(
                text.split(';')
                    .map(str::trim)
                    .filter(|a| !a.is_empty() && *a != "-")
                    .map(str::to_string)
                    .collect(),
            );
            return Some(next.ask(ws, None));
        }
        None
    }
}

/// A unique review id for today.
fn review_id(ws: &Workspace, date: &str) -> String {
    let mut id = date.to_string();
    let mut n = 2;
    while ws.reviews.iter().any(|r| r.id == id) {
        id = format!("{date}-{n}");
        n += 1;
    }
    id
}

fn parse_value(text: &str) -> Option<f64> {
    crate::workspace::edit::parse_number(text)
}

impl FlywheelThen {
    /// The next question of a chain, or the same one again with the reason when the text
    /// cannot be used; `None` when [`FlywheelThen::op`] can take the text.
    pub fn next(&self, text: &str, ws: &Workspace) -> Option<Action> {
        match self {
            FlywheelThen::Sample { metric } if parse_value(text).is_none() => {
                Some(sample_prompt(ws, metric, Some(text)))
            }
            FlywheelThen::Review(w) => w.answer(text, ws),
            _ => None,
        }
    }

    pub fn op(&self, text: String, ws: &Workspace) -> Op {
        Op::Flywheel(match self.clone() {
            FlywheelThen::Sample { metric } => FlywheelOp::RecordSample {
                metric,
                date: flywheel::today(),
                value: parse_value(&text).unwrap_or(f64::NAN),
            },
            FlywheelThen::AddEntry { list } => FlywheelOp::AddEntry { list, text },
            FlywheelThen::EditEntry { list, index } => FlywheelOp::EditEntry { list, index, text },
            FlywheelThen::Step {
                stream,
                step,
                field,
            } => FlywheelOp::SetStep {
                stream,
                step,
                field,
                value: text,
            },
            FlywheelThen::ReviewNotes { review } => FlywheelOp::SetReviewNotes {
                review,
                notes: if text.trim() == "-" {
                    String::new()
                } else {
                    text
                },
            },
            FlywheelThen::Review(w) => {
                let date = flywheel::today();
                FlywheelOp::NewReview {
                    id: review_id(ws, &date),
                    date,
                    facilitator: String::new(),
                    scores: w.scores,
                    actions: w.actions.unwrap_or_default(),
                    notes: if text.trim() == "-" {
                        String::new()
                    } else {
                        text
                    },
                }
            }
        })
    }
}

fn ask(a: Ask) -> Option<Action> {
    Some(Action::Ask(Box::new(a)))
}

fn edit(op: FlywheelOp) -> Action {
    Action::Edit(Op::Flywheel(op))
}

fn sample_prompt(ws: &Workspace, metric: &str, bad: Option<&str>) -> Action {
    let m = ws.metric(metric);
    let name = m.map_or(metric.to_string(), |m| m.name.clone());
    let current = m
        .and_then(|m| m.current())
        .map(|v| format!(", now {}", flywheel::show_number(v)))
        .unwrap_or_default();
    let lead = bad
        .map(|b| format!("`{}` is not a number · ", b.trim()))
        .unwrap_or_default();
    Action::Ask(Box::new(Ask::Prompt {
        title: format!("{lead}{name} on {}{current}", flywheel::today()),
        initial: String::new(),
        then: Then::Flywheel(FlywheelThen::Sample {
            metric: metric.to_string(),
        }),
    }))
}

/// The list's entries to pick from, with "add" first.
fn list_menu(ws: &Workspace, list: EntryList, what: &str) -> Option<Action> {
    let entries = list.entries(ws)?.to_vec();
    let mut choices = vec![Choice {
        number: None,
        label: format!("+ Add {what}"),
        detail: String::new(),
        kind: "",
        note: String::new(),
        action: Action::Ask(Box::new(Ask::Prompt {
            // "a challenge" → "New challenge"
            title: format!(
                "New {}",
                what.strip_prefix("an ")
                    .or_else(|| what.strip_prefix("a "))
                    .unwrap_or(what)
            ),
            initial: String::new(),
            then: Then::Flywheel(FlywheelThen::AddEntry { list: list.clone() }),
        })),
    }];
    let n = entries.len();
    for (index, text) in entries.into_iter().enumerate() {
        choices.push(Choice {
            number: None,
            label: text.clone(),
            detail: format!("{}/{n}", index + 1),
            kind: "",
            note: String::new(),
            action: entry_menu(&list, index, &text),
        });
    }
    ask(Ask::Pick {
        title: format!("Edit {}", list.describe()),
        choices,
    })
}

/// What can be done to one entry.
fn entry_menu(list: &EntryList, index: usize, text: &str) -> Action {
    let choice = |label: &str, action: Action| Choice {
        number: None,
        label: label.to_string(),
        detail: String::new(),
        kind: "",
        note: String::new(),
        action,
    };
    Action::Ask(Box::new(Ask::Pick {
        title: text.to_string(),
        choices: vec![
            choice(
                "Edit",
                Action::Ask(Box::new(Ask::Prompt {
                    title: "Edit".into(),
                    initial: text.to_string(),
                    then: Then::Flywheel(FlywheelThen::EditEntry {
                        list: list.clone(),
                        index,
                    }),
                })),
            ),
            choice(
                "Move up",
                edit(FlywheelOp::MoveEntry {
                    list: list.clone(),
                    index,
                    by: -1,
                }),
            ),
            choice(
                "Move down",
                edit(FlywheelOp::MoveEntry {
                    list: list.clone(),
                    index,
                    by: 1,
                }),
            ),
            choice(
                "Remove",
                edit(FlywheelOp::RemoveEntry {
                    list: list.clone(),
                    index,
                }),
            ),
        ],
    }))
}

impl FlywheelPane {
    /// Handles the editing keys: `Some(answer)` when the action was an editing one, `None`
    /// lets the pane's navigation have it.
    pub(super) fn edit_update(&mut self, action: &Action, ctx: &Ctx) -> Option<Option<Action>> {
        let ws = ctx.ws;
        let phase = self.phase();
        let answer = match action {
            Action::CycleStatus => {
                let p = ws.phases.iter().find(|p| p.id == phase)?;
                Some(edit(FlywheelOp::SetPhaseStatus {
                    phase,
                    status: flywheel::next_status(p.status),
                }))
            }
            Action::RecordSample => match self.selected(ctx) {
                Some(r) if r.kind == RefKind::Metric => Some(sample_prompt(ws, &r.doc, None)),
                _ => ask(Ask::Pick {
                    title: "Record a sample of…".into(),
                    choices: ws
                        .metrics
                        .iter()
                        .map(|m| Choice {
                            number: None,
                            label: m.name.clone(),
                            detail: m.id.clone(),
                            kind: "",
                            note: String::new(),
                            action: sample_prompt(ws, &m.id, None),
                        })
                        .collect(),
                }),
            },
            Action::EditChallenges => list_menu(ws, EntryList::Challenges(phase), "a challenge"),
            Action::EditMoves => list_menu(ws, EntryList::Moves(phase), "a move"),
            Action::NewReview => Some(ReviewWizard::default().ask(ws, None)),
            Action::EditSelected => self.selected(ctx).and_then(|r| item_menu(ws, &r)),
            _ => return None,
        };
        Some(answer)
    }
}

/// The edits of the selected item: a metric's sample, a pillar's risk and actions, a value
/// stream's steps, a review's notes and actions.
fn item_menu(ws: &Workspace, r: &Reference) -> Option<Action> {
    match r.kind {
        RefKind::Metric => Some(sample_prompt(ws, &r.doc, None)),
        RefKind::Pillar => {
            let p = ws.pillars.iter().find(|p| p.id == r.doc)?;
            let mut choices: Vec<Choice> = [Risk::None, Risk::Medium, Risk::High, Risk::Unanswered]
                .into_iter()
                .filter(|risk| *risk != p.risk)
                .map(|risk| Choice {
                    number: None,
                    label: format!("Risk: {}", flywheel::risk_key(risk)),
                    detail: format!("now {}", flywheel::risk_key(p.risk)),
                    kind: "",
                    note: String::new(),
                    action: edit(FlywheelOp::SetPillarRisk {
                        pillar: p.id.clone(),
                        risk,
                    }),
                })
                .collect();
            choices.push(Choice {
                number: None,
                label: "Actions…".into(),
                detail: format!("{}", p.actions.len()),
                kind: "",
                note: String::new(),
                action: list_menu(ws, EntryList::PillarActions(p.id.clone()), "an action")?,
            });
            ask(Ask::Pick {
                title: p.name.clone(),
                choices,
            })
        }
        RefKind::ValueStream => {
            let v = ws.value_streams.iter().find(|v| v.id == r.doc)?;
            let choices = v
                .steps
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let waste: String = s.waste.iter().map(|w| w.letter()).collect();
                    let current = [
                        flywheel::show_number(s.pt),
                        flywheel::show_number(s.lt),
                        format!("{}%", flywheel::show_number((s.ca * 1000.0).round() / 10.0)),
                        waste.clone(),
                    ];
                    let fields = StepField::ALL
                        .into_iter()
                        .zip(current)
                        .map(|(field, now)| {
                            let label = match field {
                                StepField::Pt => "Process time",
                                StepField::Lt => "Lead time",
                                StepField::Ca => "%C/A",
                                StepField::Waste => "Waste letters (DOWNTIME)",
                            };
                            Choice {
                                number: None,
                                label: label.to_string(),
                                detail: now.clone(),
                                kind: "",
                                note: String::new(),
                                action: Action::Ask(Box::new(Ask::Prompt {
                                    // the words of the table, not the file's keys (`pt`, `ca`)
                                    title: format!("{}: {label}", s.name),
                                    initial: now,
                                    then: Then::Flywheel(FlywheelThen::Step {
                                        stream: v.id.clone(),
                                        step: i,
                                        field,
                                    }),
                                })),
                            }
                        })
                        .collect();
                    Choice {
                        number: None,
                        label: s.name.clone(),
                        detail: format!(
                            "PT {} LT {} {waste}",
                            flywheel::show_number(s.pt),
                            flywheel::show_number(s.lt)
                        ),
                        kind: "",
                        note: String::new(),
                        action: Action::Ask(Box::new(Ask::Pick {
                            title: s.name.clone(),
                            choices: fields,
                        })),
                    }
                })
                .collect();
            ask(Ask::Pick {
                title: format!("Steps of {}", v.name),
                choices,
            })
        }
        RefKind::Review => {
            let rv = ws.reviews.iter().find(|x| x.id == r.doc)?;
            let first_line = rv.notes.lines().next().unwrap_or("").to_string();
            ask(Ask::Pick {
                title: format!("Review {}", rv.id),
                choices: vec![
                    Choice {
                        number: None,
                        label: "Notes".into(),
                        detail: first_line,
                        kind: "",
                        note: String::new(),
                        action: Action::Ask(Box::new(Ask::Prompt {
                            title: format!("Notes of review {} (empty: none)", rv.id),
                            initial: if rv.notes.contains('\n') {
                                rv.notes.replace('\n', " ")
                            } else {
                                rv.notes.clone()
                            },
                            then: Then::Flywheel(FlywheelThen::ReviewNotes {
                                review: rv.id.clone(),
                            }),
                        })),
                    },
                    Choice {
                        number: None,
                        label: "Actions…".into(),
                        detail: format!("{}", rv.actions.len()),
                        kind: "",
                        note: String::new(),
                        action: list_menu(
                            ws,
                            EntryList::ReviewActions(rv.id.clone()),
                            "an action",
                        )?,
                    },
                ],
            })
        }
        _ => None,
    }
}
