//! Editing the impact map from the keyboard: the keys become impact operations of the core
//! (`Action::Edit`) or questions (`Action::Ask`) whose answers become them.

use super::{ImpactPane, NodeKind};
use crate::tui::action::Action;
use crate::tui::panes::Ctx;
use crate::tui::popups::ask::{Ask, Choice, Then};
use crate::workspace::edit::{id_from_name, impact, GoalField, ImpactOp, Op};
use crate::workspace::{ImpactDirection, ImpactMap, RefKind, Reference, Workspace};

/// The impact map edit a prompt's text becomes.
#[derive(Debug, Clone, PartialEq)]
pub enum ImpactThen {
    Add { map: String, parent: Option<String> },
    Rename { map: String, item: Option<String> },
    SetGoal { map: String, field: GoalField },
    NewMap,
}

impl ImpactThen {
    pub fn op(&self, text: String, ws: &Workspace) -> Op {
        Op::Impact(match self.clone() {
            ImpactThen::Add { map, parent } => ImpactOp::Add {
                map,
                parent,
                name: text,
            },
            ImpactThen::Rename { map, item } => ImpactOp::Rename {
                map,
                item,
                name: text,
            },
            ImpactThen::SetGoal { map, field } => ImpactOp::SetGoal {
                map,
                field,
                value: text,
            },
            ImpactThen::NewMap => {
                let base = id_from_name(&text, "impact-map");
                let mut id = base.clone();
                let mut n = 2;
                while ws.impact_map(&id).is_some() {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                ImpactOp::NewMap { id, goal: text }
            }
        })
    }
}

fn ask(a: Ask) -> Option<Action> {
    Some(Action::Ask(Box::new(a)))
}

fn prompt(title: String, initial: String, then: ImpactThen) -> Option<Action> {
    ask(Ask::Prompt {
        title,
        initial,
        then: Then::Impact(then),
    })
}

fn edit(op: ImpactOp) -> Option<Action> {
    Some(Action::Edit(Op::Impact(op)))
}

/// The selected node as (item id, the impact it is shown under for a deliverable).
struct Sel<'w> {
    map: &'w ImpactMap,
    kind: NodeKind,
    /// `None` for the goal and the group nodes.
    item: Option<String>,
    /// The impact (or actor) the node is shown under, from its path in the tree.
    parent: Option<String>,
}

fn parent_from_key(key: &str) -> Option<String> {
    let mut parts: Vec<&str> = key.split('/').collect();
    parts.pop();
    let last = parts.pop()?;
    last.split_once(':').map(|(_, id)| id.to_string())
}

impl ImpactPane {
    fn selection<'w>(&self, ctx: &Ctx<'w>) -> Option<Sel<'w>> {
        let map = self.map(ctx.ws)?;
        let node = self.selected_node(ctx.ws)?;
        let item = match node.kind {
            NodeKind::Actor(i) => map.actors.get(i).map(|a| a.id.clone()),
            NodeKind::Impact(i) => map.impacts.get(i).map(|a| a.id.clone()),
            NodeKind::Deliverable(i) => map.deliverables.get(i).map(|a| a.id.clone()),
            _ => None,
        };
        Some(Sel {
            map,
            kind: node.kind,
            item,
            parent: parent_from_key(&node.key),
        })
    }

    /// Handles the editing keys: `Some(answer)` when the action was an editing one, `None`
    /// lets the pane's navigation have it.
    pub(super) fn edit_update(&mut self, action: &Action, ctx: &Ctx) -> Option<Option<Action>> {
        let answer = match action {
            Action::NewMap => prompt(
                "New impact map: the goal".into(),
                String::new(),
                ImpactThen::NewMap,
            ),
            Action::AddChild
            | Action::AddSibling
            | Action::Rename
            | Action::Delete
            | Action::CycleStatus
            | Action::ToggleDirection
            | Action::MoveUp
            | Action::MoveDown
            | Action::Reparent
            | Action::Link
            | Action::Unlink
            | Action::EditMeasure => {
                let sel = self.selection(ctx)?;
                answer(action, &sel, ctx)
            }
            _ => return None,
        };
        Some(answer)
    }
}

fn answer(action: &Action, sel: &Sel, ctx: &Ctx) -> Option<Action> {
    let map = sel.map;
    let m = || map.id.clone();
    let item = sel.item.clone();
    match action {
        Action::AddChild => {
            let (parent, what) = match sel.kind {
                NodeKind::Goal => (None, "actor"),
                NodeKind::Actor(_) => (item.clone(), "impact (the behaviour)"),
                NodeKind::Impact(_) => (item.clone(), "deliverable"),
                _ => return None,
            };
            let under = impact::name_of(map, parent.as_deref());
            prompt(
                format!("New {what} under {under}"),
                String::new(),
                ImpactThen::Add { map: m(), parent },
            )
        }
        Action::AddSibling => {
            let (parent, what) = match sel.kind {
                NodeKind::Actor(_) => (None, "actor"),
                NodeKind::Impact(_) => (sel.parent.clone(), "impact (the behaviour)"),
                NodeKind::Deliverable(_) => (sel.parent.clone(), "deliverable"),
                _ => return None,
            };
            // impacts and deliverables in the loose groups have no parent to share
            if matches!(sel.kind, NodeKind::Impact(_) | NodeKind::Deliverable(_))
                && parent
                    .as_deref()
                    .is_none_or(|p| impact::level_of(map, p).is_err())
            {
                return None;
            }
            let under = impact::name_of(map, parent.as_deref());
            prompt(
                format!("New {what} under {under}"),
                String::new(),
                ImpactThen::Add { map: m(), parent },
            )
        }
        Action::Rename => {
            if !matches!(
                sel.kind,
                NodeKind::Goal
                    | NodeKind::Actor(_)
                    | NodeKind::Impact(_)
                    | NodeKind::Deliverable(_)
            ) {
                return None;
            }
            let current = impact::name_of(map, item.as_deref());
            prompt(
                format!("Rename {current} (its id stays)"),
                current,
                ImpactThen::Rename { map: m(), item },
            )
        }
        Action::Delete => {
            let id = item?;
            let tree = impact::subtree(ctx.ws, map, &id).ok()?;
            ask(Ask::Confirm {
                title: format!("Delete {}?", impact::name_of(map, Some(&id))),
                lines: delete_lines(map, &tree),
                yes: Action::Edit(Op::Impact(ImpactOp::Delete { map: m(), item: id })),
            })
        }
        Action::CycleStatus => {
            let NodeKind::Deliverable(i) = sel.kind else {
                return None;
            };
            let d = map.deliverables.get(i)?;
            edit(ImpactOp::SetStatus {
                map: m(),
                deliverable: d.id.clone(),
                status: impact::next_status(d.status),
            })
        }
        Action::ToggleDirection => {
            let NodeKind::Impact(i) = sel.kind else {
                return None;
            };
            let imp = map.impacts.get(i)?;
            edit(ImpactOp::SetDirection {
                map: m(),
                impact: imp.id.clone(),
                direction: match imp.direction {
                    ImpactDirection::Support => ImpactDirection::Obstruct,
                    ImpactDirection::Obstruct => ImpactDirection::Support,
                },
            })
        }
        Action::MoveUp | Action::MoveDown => edit(ImpactOp::Reorder {
            map: m(),
            item: item?,
            under: match sel.kind {
                NodeKind::Deliverable(_) => sel.parent.clone(),
                _ => None,
            },
            by: if *action == Action::MoveUp { -1 } else { 1 },
        }),
        Action::Reparent => {
            let id = item?;
            let choices: Vec<Choice> = match sel.kind {
                NodeKind::Impact(i) => {
                    let actor = &map.impacts.get(i)?.actor;
                    map.actors
                        .iter()
                        .filter(|a| &a.id != actor)
                        .map(|a| Choice {
                            number: None,
                            label: a.name.clone(),
                            detail: a.id.clone(),
                            kind: "",
                            note: String::new(),
                            action: Action::Edit(Op::Impact(ImpactOp::Move {
                                map: m(),
                                item: id.clone(),
                                from: None,
                                to: a.id.clone(),
                            })),
                        })
                        .collect()
                }
                NodeKind::Deliverable(i) => {
                    let d = map.deliverables.get(i)?;
                    let from = sel.parent.clone().filter(|p| d.impacts.contains(p));
                    map.impacts
                        .iter()
                        .filter(|x| !d.impacts.contains(&x.id))
                        .map(|x| Choice {
                            number: None,
                            label: impact::name_of(map, Some(&x.id)),
                            detail: x.id.clone(),
                            kind: "",
                            note: String::new(),
                            action: Action::Edit(Op::Impact(ImpactOp::Move {
                                map: m(),
                                item: id.clone(),
                                from: from.clone(),
                                to: x.id.clone(),
                            })),
                        })
                        .collect()
                }
                _ => return None,
            };
            ask(Ask::Pick {
                title: format!("Move {} under…", impact::name_of(map, Some(&id))),
                choices,
            })
        }
        Action::Link => {
            let NodeKind::Deliverable(i) = sel.kind else {
                return None;
            };
            let d = map.deliverables.get(i)?;
            // what it links already stays in the list, refused: left out, its name would
            // match a weaker target and Enter would link that one
            let choices: Vec<Choice> = link_targets(ctx.ws)
                .into_iter()
                .map(|(target, kind, label)| {
                    let taken = d
                        .links
                        .contains(&target)
                        .then(|| format!("{} already links to {label}", d.title));
                    let choice = Choice {
                        number: None,
                        label,
                        detail: target.to_string(),
                        kind,
                        note: String::new(),
                        action: Action::Edit(Op::Impact(ImpactOp::Link {
                            map: m(),
                            deliverable: d.id.clone(),
                            target,
                        })),
                    };
                    match taken {
                        Some(why) => choice.taken("already linked", why),
                        None => choice,
                    }
                })
                .collect();
            ask(Ask::Pick {
                title: format!("Link {} to…", d.title),
                choices,
            })
        }
        Action::Unlink => {
            let NodeKind::Deliverable(i) = sel.kind else {
                return None;
            };
            let d = map.deliverables.get(i)?;
            let choices: Vec<Choice> = d
                .links
                .iter()
                .map(|target| Choice {
                    number: None,
                    label: target.to_string(),
                    detail: String::new(),
                    kind: "",
                    note: String::new(),
                    action: Action::Edit(Op::Impact(ImpactOp::Unlink {
                        map: m(),
                        deliverable: d.id.clone(),
                        target: target.clone(),
                    })),
                })
                .collect();
            ask(Ask::Pick {
                title: format!("Remove a link of {}", d.title),
                choices,
            })
        }
        Action::EditMeasure => {
            let g = &map.goal;
            let num = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
            let choices: Vec<Choice> = GoalField::ALL
                .into_iter()
                .map(|field| {
                    let current = match field {
                        GoalField::Baseline => num(g.baseline),
                        GoalField::Current => num(g.current),
                        GoalField::Target => num(g.target),
                        GoalField::Deadline => g.deadline.clone().unwrap_or_default(),
                        GoalField::Unit => g.unit.clone(),
                        GoalField::Metric => {
                            g.metric.as_ref().map(|r| r.to_string()).unwrap_or_default()
                        }
                    };
                    Choice {
                        number: None,
                        label: field.key().to_string(),
                        detail: current.clone(),
                        kind: "",
                        note: String::new(),
                        action: Action::Ask(Box::new(Ask::Prompt {
                            title: format!("Goal {} (empty: none)", field.key()),
                            initial: current,
                            then: Then::Impact(ImpactThen::SetGoal { map: m(), field }),
                        })),
                    }
                })
                .collect();
            ask(Ask::Pick {
                title: format!("The measure of {}", g.title),
                choices,
            })
        }
        _ => None,
    }
}

/// What a delete takes along, said before it happens.
fn delete_lines(map: &ImpactMap, tree: &crate::workspace::edit::Subtree) -> Vec<String> {
    let mut lines = vec![format!(
        "Removes {}: {}",
        crate::text::count(tree.removed.len(), "item"),
        tree.removed
            .iter()
            .map(|id| impact::name_of(map, Some(id)))
            .collect::<Vec<_>>()
            .join(", ")
    )];
    if !tree.kept.is_empty() {
        lines.push(format!(
            "Stays (serves other impacts too): {}",
            tree.kept
                .iter()
                .map(|id| impact::name_of(map, Some(id)))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if tree.backlinks.is_empty() {
        lines.push("Nothing else links to them.".into());
    } else {
        lines.push(format!(
            "Links to them are removed from: {}",
            tree.backlinks
                .iter()
                .map(Reference::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    lines.push("u undoes it all in one step.".into());
    lines
}

/// What a deliverable can link to: decisions, metrics and map components, each as (reference,
/// kind, name); the kind is shown apart from the name, so it is never matched.
fn link_targets(ws: &Workspace) -> Vec<(Reference, &'static str, String)> {
    let mut out = Vec::new();
    for a in &ws.decisions {
        out.push((
            Reference::new(RefKind::Adr, a.number.to_string(), None),
            "decision",
            format!("ADR-{:04} {}", a.number, a.title),
        ));
    }
    for mt in &ws.metrics {
        out.push((
            Reference::new(RefKind::Metric, &mt.id, None),
            "metric",
            mt.name.clone(),
        ));
    }
    for wm in &ws.maps {
        for c in &wm.components {
            out.push((
                Reference::new(RefKind::Map, &wm.id, Some(c.id.clone())),
                "component",
                format!("{} ({})", c.name, wm.title),
            ));
        }
    }
    out
}
