//! Editing decision records from the keyboard: each key becomes an [`AdrOp`] of the core
//! (the same ones `wh adr …` makes), asked for through a prompt or a picker first where it
//! needs a title, a status, tags or a link target.

use crate::tui::action::Action;
use crate::tui::popups::ask::{Ask, Choice, Then};
use crate::tui::popups::finder::workspace_entries;
use crate::workspace::adr_ref::AdrTarget;
use crate::workspace::edit::{AdrOp, Op};
use crate::workspace::{Adr, AdrStatus, Reference, Workspace};

fn ask(a: Ask) -> Option<Action> {
    Some(Action::Ask(Box::new(a)))
}

fn edit(op: AdrOp) -> Action {
    Action::Edit(Op::Adr(op))
}

/// The statuses a record can go to from `from`, along the lifecycle first.
fn next_statuses(from: AdrStatus) -> Vec<AdrStatus> {
    use AdrStatus::*;
    let along: &[AdrStatus] = match from {
        Proposed => &[Accepted, Rejected],
        Accepted => &[Deprecated, Superseded],
        Rejected | Deprecated | Superseded => &[Accepted],
        Unknown => &[Proposed, Accepted],
    };
    let mut out = along.to_vec();
    out.extend(
        AdrStatus::LIFECYCLE
            .into_iter()
            .filter(|s| *s != from && !along.contains(s)),
    );
    out
}

/// The answer to an editing key in the Decisions pane, for the selected record (`adr`).
pub fn on_key(action: &Action, adr: Option<&Adr>, ws: &Workspace) -> Option<Option<Action>> {
    let answer = match action {
        Action::NewRecord => ask(Ask::Prompt {
            title: "New decision record: title".into(),
            initial: String::new(),
            then: Then::NewAdr,
        }),
        Action::Rename => {
            let adr = adr?;
            ask(Ask::Prompt {
                title: match adr.id_slug() {
                    Some(slug) => format!("Rename {slug} (its slug stays)"),
                    None => format!("Rename ADR-{} (its number stays)", adr.label()),
                },
                initial: adr.title.clone(),
                then: Then::RenameAdr {
                    record: AdrTarget::of(ws, adr),
                },
            })
        }
        Action::EditTags => {
            let adr = adr?;
            ask(Ask::Prompt {
                title: format!("Tags of ADR-{}, comma separated", adr.label()),
                initial: adr.tags.join(", "),
                then: Then::AdrTags {
                    record: AdrTarget::of(ws, adr),
                },
            })
        }
        Action::SetStatus => {
            let adr = adr?;
            let choices = next_statuses(adr.status)
                .into_iter()
                .map(|s| Choice {
                    number: None,
                    label: s.key().to_string(),
                    detail: if s == AdrStatus::Superseded {
                        "pick the successor next".into()
                    } else {
                        String::new()
                    },
                    kind: "",
                    note: String::new(),
                    action: if s == AdrStatus::Superseded {
                        successor_picker(adr, ws)
                    } else {
                        edit(AdrOp::SetStatus {
                            record: AdrTarget::of(ws, adr),
                            status: s,
                            by: None,
                        })
                    },
                })
                .collect();
            ask(Ask::Pick {
                title: format!("ADR-{} is {}; now…", adr.label(), adr.status.key()),
                choices,
            })
        }
        Action::Link => {
            let adr = adr?;
            let me = adr.reference();
            let linked: Vec<_> = adr.links.clone();
            let items: Vec<_> = workspace_entries(ws)
                .into_iter()
                .filter_map(|e| match e.target {
                    crate::tui::popups::finder::Target::Item(r) => Some((e.label, e.kind, r)),
                    _ => None,
                })
                .filter(|(_, _, r)| *r != me)
                .collect();
            let named = |r: &Reference| {
                items.iter().find(|(_, _, x)| x == r).map_or_else(
                    || (r.to_string(), ""),
                    |(label, kind, _)| (label.clone(), *kind),
                )
            };
            // the links it has first (Enter removes one), by name so typing it finds them
            let mut choices: Vec<Choice> = linked
                .iter()
                .map(|r| {
                    let (name, kind) = named(r);
                    Choice {
                        number: None,
                        label: format!("remove link to {name}"),
                        detail: r.to_string(),
                        kind,
                        note: String::new(),
                        action: edit(AdrOp::Unlink {
                            record: AdrTarget::of(ws, adr),
                            target: r.clone(),
                        }),
                    }
                })
                .collect();
            // then everything else, what it links already included but refused: left out, its
            // name would match a weaker item and Enter would link that one
            choices.extend(items.iter().map(|(label, kind, r)| {
                let choice = Choice {
                    number: None,
                    label: label.clone(),
                    detail: r.to_string(),
                    kind,
                    note: String::new(),
                    action: edit(AdrOp::Link {
                        record: AdrTarget::of(ws, adr),
                        target: r.clone(),
                        kind: None,
                    }),
                };
                if linked.contains(r) {
                    choice.taken(
                        "already linked",
                        format!("ADR-{} already links to {label}", adr.label()),
                    )
                } else if adr.supersedes.contains(r) || adr.superseded_by.contains(r) {
                    // the supersede chain links them already (S and the status change it)
                    choice.taken(
                        "in its supersede chain",
                        format!("ADR-{} and {label} are linked by supersession", adr.label()),
                    )
                } else {
                    choice
                }
            }));
            ask(Ask::Pick {
                title: format!("Link ADR-{} to… (or remove a link)", adr.label()),
                choices,
            })
        }
        Action::ChooseOption => {
            let adr = adr?;
            let choices = adr
                .options
                .iter()
                .map(|o| Choice {
                    number: None,
                    label: o.name.clone(),
                    detail: if o.chosen {
                        "chosen".into()
                    } else {
                        String::new()
                    },
                    kind: "",
                    note: String::new(),
                    action: edit(AdrOp::ChooseOption {
                        record: AdrTarget::of(ws, adr),
                        option: o.name.clone(),
                    }),
                })
                .collect();
            // on the option chosen now: `c` Enter keeps the decision as it is
            ask(Ask::PickAt {
                title: format!("The option ADR-{} chose", adr.label()),
                choices,
                selected: adr.options.iter().position(|o| o.chosen).unwrap_or(0),
            })
        }
        _ => return None,
    };
    Some(answer)
}

/// Superseded: which record replaces this one (the newest first).
fn successor_picker(adr: &Adr, ws: &Workspace) -> Action {
    // a record that already leads here would close a circle: listed, marked, refused
    let loops = crate::workspace::supersession::would_loop(ws, adr);
    let choices = ws
        .decisions
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, a)| !std::ptr::eq(*a, adr))
        .map(|(i, a)| {
            let choice = Choice {
                // `5`, `adr:5` and `ADR-5` find it, as every REF does (not a log4brains
                // record: its number is a date)
                number: a.id_slug().is_none().then_some(a.number),
                label: format!("ADR-{} {}", a.label(), a.title),
                detail: a.status.key().to_string(),
                kind: "",
                note: String::new(),
                action: edit(AdrOp::SetStatus {
                    record: AdrTarget::of(ws, adr),
                    status: AdrStatus::Superseded,
                    by: Some(AdrTarget::of(ws, a)),
                }),
            };
            match loops.iter().find(|(j, _)| *j == i) {
                Some((_, way)) => choice.taken("would close a circle", format!("circle: {way}")),
                None => choice,
            }
        })
        .collect();
    Action::Ask(Box::new(Ask::Pick {
        title: format!("ADR-{} is superseded by…", adr.label()),
        choices,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lifecycle_comes_first() {
        assert_eq!(
            next_statuses(AdrStatus::Proposed)[..2],
            [AdrStatus::Accepted, AdrStatus::Rejected]
        );
        assert_eq!(
            next_statuses(AdrStatus::Accepted)[..2],
            [AdrStatus::Deprecated, AdrStatus::Superseded]
        );
        assert!(!next_statuses(AdrStatus::Accepted).contains(&AdrStatus::Accepted));
    }
}
