//! Editing the map from the keyboard: the keys become edit operations of the core
//! (`Action::Edit`), questions (`Action::Ask`), or a gesture — move mode, the evolve target,
//! a note being moved — previewed live (`Action::Preview`) and committed as one edit on Enter.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::LandscapePane;
use crate::tui::action::Action;
use crate::tui::panes::Ctx;
use crate::tui::popups::ask::{Ask, Choice, Then};
use crate::tui::widgets::text;
use crate::workspace::edit::{coordinate, MapOp, Op};
use crate::workspace::{Component, RefKind, Reference, Sourcing, WardleyMap};

/// A multi-key edit under way.
#[derive(Debug, Clone, PartialEq)]
pub enum Gesture {
    Move { map: String, component: String },
    Evolve { map: String, component: String },
    MoveNote { map: String, index: usize },
}

/// A component held by the mouse: where the button went down, and where the component was.
#[derive(Debug, Clone, PartialEq)]
pub struct Drag {
    map: String,
    component: String,
    from: (u16, u16),
    at: (f64, f64),
    moved: bool,
}

/// One arrow step; Shift (H J K L) moves five.
const STEP: f64 = 0.01;
const BIG_STEP: f64 = 0.05;

/// The order `b` cycles through.
const SOURCING_CYCLE: [Option<Sourcing>; 6] = [
    Some(Sourcing::Build),
    Some(Sourcing::Buy),
    Some(Sourcing::Outsource),
    Some(Sourcing::Market),
    Some(Sourcing::Ecosystem),
    None,
];

fn ask(a: Ask) -> Option<Action> {
    Some(Action::Ask(Box::new(a)))
}

/// A component edit with no component to act on says so: an empty map, or no map at all.
fn say_nothing_selected() -> Option<Action> {
    Some(Action::Complain(
        "no component selected: a adds one (M makes a new map)".into(),
    ))
}

impl LandscapePane {
    /// The selected component of the map shown.
    fn selected_component<'w>(&self, ctx: &Ctx<'w>) -> Option<(&'w WardleyMap, &'w Component)> {
        let map = self.current_map(ctx.ws)?;
        let c = map.components.get(self.selected_index(ctx.ws)?)?;
        Some((map, c))
    }

    /// Where a new item goes: just below the selection, or the middle of an empty map.
    fn spot(&self, ctx: &Ctx) -> (f64, f64) {
        match self.selected_component(ctx) {
            Some((_, c)) => (
                coordinate(if c.visibility > 0.1 {
                    c.visibility - 0.08
                } else {
                    c.visibility + 0.08
                }),
                c.evolution,
            ),
            None => (0.5, 0.5),
        }
    }

    pub fn gesture(&self) -> Option<&Gesture> {
        self.gesture.as_ref()
    }

    /// The button went down on component `i` at (`col`, `row`): a drag may follow.
    pub(super) fn start_drag(&mut self, ctx: &Ctx, i: usize, col: u16, row: u16) {
        self.drag = self.current_map(ctx.ws).and_then(|m| {
            let c = m.components.get(i)?;
            Some(Drag {
                map: m.id.clone(),
                component: c.id.clone(),
                from: (col, row),
                at: (c.visibility, c.evolution),
                moved: false,
            })
        });
    }

    /// A drag moves the component live (a preview); letting go writes one edit. The grid's
    /// cells are the map's projection, so a cell is 1 / (W − 1) of evolution.
    fn drag_update(&mut self, action: &Action, ctx: &Ctx) -> Option<Option<Action>> {
        let (col, row, release) = match action {
            Action::Drag { col, row } => (*col, *row, false),
            Action::Release { col, row } => (*col, *row, true),
            _ => return None,
        };
        let Some(mut d) = self.drag.take() else {
            return Some(None);
        };
        if release {
            if !d.moved {
                return Some(None);
            }
            let c = ctx.ws.map(&d.map)?.component(&d.component)?;
            return Some(Some(Action::Edit(Op::Map(MapOp::MoveComponent {
                map: d.map,
                component: d.component,
                visibility: c.visibility,
                evolution: c.evolution,
            }))));
        }
        let layout = self.layout(ctx.ws)?;
        let (w, h) = (
            f64::from(layout.width.max(2) - 1),
            f64::from(layout.height.max(2) - 1),
        );
        let de = (f64::from(col) - f64::from(d.from.0)) / w;
        let dv = (f64::from(d.from.1) - f64::from(row)) / h;
        d.moved = true;
        let op = Op::Map(MapOp::MoveComponent {
            map: d.map.clone(),
            component: d.component.clone(),
            visibility: coordinate(d.at.0 + dv),
            evolution: coordinate(d.at.1 + de),
        });
        self.drag = Some(d);
        Some(Some(Action::Preview(op)))
    }

    /// Handles the editing keys. `Some(answer)` when the action was an editing one (or a
    /// gesture took it); `None` lets the pane's navigation have it.
    pub(super) fn edit_update(&mut self, action: &Action, ctx: &Ctx) -> Option<Option<Action>> {
        if let Some(answer) = self.drag_update(action, ctx) {
            return Some(answer);
        }
        if let Some(g) = self.gesture.clone() {
            return Some(self.gesture_update(g, action, ctx));
        }
        let map = self.current_map(ctx.ws);
        let selected = self.selected_component(ctx);
        let answer = match action {
            Action::MoveMode => {
                let Some((m, c)) = selected else {
                    return Some(say_nothing_selected());
                };
                self.gesture = Some(Gesture::Move {
                    map: m.id.clone(),
                    component: c.id.clone(),
                });
                self.follow = true;
                None
            }
            Action::Evolve => {
                let Some((m, c)) = selected else {
                    return Some(say_nothing_selected());
                };
                self.gesture = Some(Gesture::Evolve {
                    map: m.id.clone(),
                    component: c.id.clone(),
                });
                // a new target starts a little to the right of the component
                let start = c.evolve.unwrap_or((c.evolution + 0.1).min(1.0));
                Some(Action::Preview(Op::Map(MapOp::SetEvolve {
                    map: m.id.clone(),
                    component: c.id.clone(),
                    target: Some(start),
                })))
            }
            Action::MoveNote(index) => {
                let m = map?;
                if *index < m.notes.len() {
                    self.gesture = Some(Gesture::MoveNote {
                        map: m.id.clone(),
                        index: *index,
                    });
                }
                None
            }
            Action::AddComponent | Action::AddAnchor => {
                let Some(m) = map else {
                    return Some(Some(Action::Complain("no map here: M makes one".into())));
                };
                let anchor = *action == Action::AddAnchor;
                let (visibility, evolution) = match self.selected_component(ctx) {
                    // an anchor (a user, a customer) heads the value chain
                    None if anchor => (0.95, 0.5),
                    _ => self.spot(ctx),
                };
                ask(Ask::Prompt {
                    title: format!(
                        "New {} in {}: name",
                        if anchor { "anchor" } else { "component" },
                        m.title
                    ),
                    initial: String::new(),
                    then: Then::AddComponent {
                        map: m.id.clone(),
                        visibility,
                        evolution,
                        anchor,
                    },
                })
            }
            Action::Rename => {
                let Some((m, c)) = selected else {
                    return Some(say_nothing_selected());
                };
                ask(Ask::Prompt {
                    title: format!("Rename {} (its id {} stays)", c.name, c.id),
                    initial: c.name.clone(),
                    then: Then::Rename {
                        map: m.id.clone(),
                        component: c.id.clone(),
                    },
                })
            }
            Action::Delete => {
                let Some((m, c)) = selected else {
                    return Some(say_nothing_selected());
                };
                ask(delete_question(m, c, ctx))
            }
            Action::Link => {
                let Some((m, c)) = selected else {
                    return Some(say_nothing_selected());
                };
                // every component is listed: one left out would let its name match a weaker
                // one, and Enter would link that instead
                let choices: Vec<Choice> = m
                    .components
                    .iter()
                    .map(|o| {
                        let choice = Choice {
                            number: None,
                            label: o.name.clone(),
                            detail: o.id.clone(),
                            kind: "",
                            note: String::new(),
                            action: Action::Edit(Op::Map(MapOp::Link {
                                map: m.id.clone(),
                                from: c.id.clone(),
                                to: o.id.clone(),
                            })),
                        };
                        if o.id == c.id {
                            choice.taken("itself", format!("{} cannot need itself", c.name))
                        } else if c.needs.iter().any(|n| n.to == o.id) {
                            choice.taken(
                                "already needed",
                                format!("{} already needs {}", c.name, o.name),
                            )
                        } else {
                            choice
                        }
                    })
                    .collect();
                ask(Ask::Pick {
                    title: format!("{} needs…", c.name),
                    choices,
                })
            }
            Action::Unlink => {
                let Some((m, c)) = selected else {
                    return Some(say_nothing_selected());
                };
                let choices: Vec<Choice> = c
                    .needs
                    .iter()
                    .map(|n| Choice {
                        number: None,
                        label: m.component(&n.to).map_or(n.to.clone(), |o| o.name.clone()),
                        detail: n.to.clone(),
                        kind: "",
                        note: String::new(),
                        action: Action::Edit(Op::Map(MapOp::Unlink {
                            map: m.id.clone(),
                            from: c.id.clone(),
                            to: n.to.clone(),
                        })),
                    })
                    .collect();
                ask(Ask::Pick {
                    title: format!("{} no longer needs…", c.name),
                    choices,
                })
            }
            Action::ToggleInertia => {
                let Some((m, c)) = selected else {
                    return Some(say_nothing_selected());
                };
                Some(Action::Edit(Op::Map(MapOp::SetInertia {
                    map: m.id.clone(),
                    component: c.id.clone(),
                    on: !c.inertia,
                })))
            }
            Action::ClearEvolve => {
                let Some((m, c)) = selected else {
                    return Some(say_nothing_selected());
                };
                c.evolve?;
                Some(Action::Edit(Op::Map(MapOp::SetEvolve {
                    map: m.id.clone(),
                    component: c.id.clone(),
                    target: None,
                })))
            }
            Action::CycleSourcing => {
                let Some((m, c)) = selected else {
                    return Some(say_nothing_selected());
                };
                let now = c.sourcing.first().copied();
                let at = SOURCING_CYCLE.iter().position(|s| *s == now).unwrap_or(5);
                Some(Action::Edit(Op::Map(MapOp::SetSourcing {
                    map: m.id.clone(),
                    component: c.id.clone(),
                    sourcing: SOURCING_CYCLE[(at + 1) % SOURCING_CYCLE.len()],
                })))
            }
            Action::TogglePipeline => {
                let Some((m, c)) = selected else {
                    return Some(say_nothing_selected());
                };
                let is = m.pipelines.iter().any(|p| p.component == c.id);
                Some(Action::Edit(Op::Map(MapOp::SetPipeline {
                    map: m.id.clone(),
                    component: c.id.clone(),
                    on: !is,
                })))
            }
            Action::PipelineMember => {
                let Some((m, c)) = selected else {
                    return Some(say_nothing_selected());
                };
                let mut choices: Vec<Choice> = m
                    .pipelines
                    .iter()
                    .filter(|p| p.component != c.id && c.pipeline.as_ref() != Some(&p.component))
                    .map(|p| Choice {
                        number: None,
                        label: m
                            .component(&p.component)
                            .map_or(p.component.clone(), |o| o.name.clone()),
                        detail: p.component.clone(),
                        kind: "",
                        note: String::new(),
                        action: Action::Edit(Op::Map(MapOp::SetPipelineMember {
                            map: m.id.clone(),
                            component: c.id.clone(),
                            pipeline: Some(p.component.clone()),
                        })),
                    })
                    .collect();
                if c.pipeline.is_some() {
                    choices.insert(
                        0,
                        Choice {
                            number: None,
                            label: "(out of its pipeline)".into(),
                            detail: String::new(),
                            kind: "",
                            note: String::new(),
                            action: Action::Edit(Op::Map(MapOp::SetPipelineMember {
                                map: m.id.clone(),
                                component: c.id.clone(),
                                pipeline: None,
                            })),
                        },
                    );
                }
                ask(Ask::Pick {
                    title: format!("Put {} into the pipeline of…", c.name),
                    choices,
                })
            }
            Action::AddNote | Action::Annotate => {
                let m = map?;
                let (visibility, evolution) = self.spot(ctx);
                let note = *action == Action::AddNote;
                ask(Ask::Prompt {
                    title: if note {
                        "New note: text".into()
                    } else {
                        "New annotation: text".into()
                    },
                    initial: String::new(),
                    then: if note {
                        Then::AddNote {
                            map: m.id.clone(),
                            visibility,
                            evolution,
                        }
                    } else {
                        Then::Annotate {
                            map: m.id.clone(),
                            visibility,
                            evolution,
                        }
                    },
                })
            }
            Action::Notes => ask(notes_list(map?)),
            _ => return None,
        };
        Some(answer)
    }

    fn gesture_update(&mut self, g: Gesture, action: &Action, ctx: &Ctx) -> Option<Action> {
        let (dv, de) = match action {
            Action::Up => (STEP, 0.0),
            Action::Down => (-STEP, 0.0),
            Action::Left => (0.0, -STEP),
            Action::Right => (0.0, STEP),
            Action::PanUp => (BIG_STEP, 0.0),
            Action::PanDown => (-BIG_STEP, 0.0),
            Action::PanLeft => (0.0, -BIG_STEP),
            Action::PanRight => (0.0, BIG_STEP),
            Action::Select => {
                self.gesture = None;
                return self.gesture_op(&g, ctx, 0.0, 0.0).map(Action::Edit);
            }
            Action::Cancel => {
                self.gesture = None;
                return Some(Action::CancelPreview);
            }
            // the map's view keys still work during a gesture
            Action::ZoomIn | Action::ZoomOut | Action::ToggleView | Action::ResetView => {
                return None;
            }
            _ => return None,
        };
        self.follow = true;
        self.gesture_op(&g, ctx, dv, de).map(Action::Preview)
    }

    /// The gesture's edit, `dv`/`de` on from where the model shows it now.
    fn gesture_op(&self, g: &Gesture, ctx: &Ctx, dv: f64, de: f64) -> Option<Op> {
        let ws = ctx.ws;
        match g {
            Gesture::Move { map, component } => {
                let c = ws.map(map)?.component(component)?;
                Some(Op::Map(MapOp::MoveComponent {
                    map: map.clone(),
                    component: component.clone(),
                    visibility: coordinate(c.visibility + dv),
                    evolution: coordinate(c.evolution + de),
                }))
            }
            Gesture::Evolve { map, component } => {
                let c = ws.map(map)?.component(component)?;
                let now = c.evolve.unwrap_or(c.evolution);
                Some(Op::Map(MapOp::SetEvolve {
                    map: map.clone(),
                    component: component.clone(),
                    target: Some(coordinate(now + de)),
                }))
            }
            Gesture::MoveNote { map, index } => {
                let n = ws.map(map)?.notes.get(*index)?;
                Some(Op::Map(MapOp::MoveNote {
                    map: map.clone(),
                    index: *index,
                    visibility: coordinate(n.visibility + dv),
                    evolution: coordinate(n.evolution + de),
                }))
            }
        }
    }

    /// The gesture's line over the bottom of the pane: what moves, where it is, the keys.
    pub(super) fn render_gesture(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let Some(g) = &self.gesture else {
            return;
        };
        if area.height < 3 || area.width < 10 {
            return;
        }
        let ws = ctx.ws;
        let (what, pos, keys) = match g {
            Gesture::Move { map, component } => {
                let Some(c) = ws.map(map).and_then(|m| m.component(component)) else {
                    return;
                };
                (
                    format!("MOVE {}", c.name),
                    format!("vis {:.2} evo {:.2}", c.visibility, c.evolution),
                    "hjkl move · HJKL ×5 · Enter done · Esc undo",
                )
            }
            Gesture::Evolve { map, component } => {
                let Some(c) = ws.map(map).and_then(|m| m.component(component)) else {
                    return;
                };
                (
                    format!("EVOLVE {}", c.name),
                    format!(
                        "{:.2} → {:.2}",
                        c.evolution,
                        c.evolve.unwrap_or(c.evolution)
                    ),
                    "h/l move target · H/L ×5 · Enter done · Esc undo",
                )
            }
            Gesture::MoveNote { map, index } => {
                let Some(n) = ws.map(map).and_then(|m| m.notes.get(*index)) else {
                    return;
                };
                (
                    format!("MOVE note {}", index + 1),
                    format!("vis {:.2} evo {:.2}", n.visibility, n.evolution),
                    "hjkl move · HJKL ×5 · Enter done · Esc undo",
                )
            }
        };
        let theme = ctx.theme;
        let row = Rect {
            y: area.y + area.height - 1,
            height: 1,
            ..area
        };
        ratatui::widgets::Clear.render(row, buf);
        let head = format!(" {} ", text::safe(&what));
        let line = format!(" {pos}  {keys} ");
        let room = (row.width as usize).saturating_sub(text::width(&head));
        Paragraph::new(Line::from(vec![
            Span::styled(
                text::truncate(&head, row.width as usize).into_owned(),
                theme.selection,
            ),
            Span::styled(text::truncate(&line, room).into_owned(), theme.accent),
        ]))
        .render(row, buf);
    }
}

/// The confirmation for `d`: what goes with the component, and who refers to it.
fn delete_question(m: &WardleyMap, c: &Component, ctx: &Ctx) -> Ask {
    let mut lines = Vec::new();
    let needed_by: Vec<&str> = m
        .components
        .iter()
        .filter(|o| o.needs.iter().any(|n| n.to == c.id))
        .map(|o| o.name.as_str())
        .collect();
    if !needed_by.is_empty() {
        lines.push(format!(
            "The links from {} go with it.",
            needed_by.join(", ")
        ));
    }
    if !c.needs.is_empty() {
        lines.push(format!(
            "Its own {} go with it.",
            crate::text::count(c.needs.len(), "need")
        ));
    }
    let me = Reference::new(RefKind::Map, &m.id, Some(c.id.clone()));
    let from: Vec<String> = ctx
        .links
        .backlinks(&me)
        .iter()
        .filter(|r| !(r.kind == RefKind::Map && r.doc == m.id))
        .map(|r| match ctx.ws.resolve(r) {
            Some(t) => format!("{} ({r})", t.title()),
            None => r.to_string(),
        })
        .collect();
    if !from.is_empty() {
        lines.push(format!(
            "It is linked from {}: {}; those links are removed too.",
            crate::text::count(from.len(), "item"),
            from.join(", ")
        ));
    }
    lines.push("u undoes it all in one step.".into());
    Ask::Confirm {
        title: format!("Delete {}?", c.name),
        lines,
        yes: Action::Edit(Op::Map(MapOp::DeleteComponent {
            map: m.id.clone(),
            component: c.id.clone(),
        })),
    }
}

/// `O`: every note and annotation of the map, with what can be done to each.
fn notes_list(m: &WardleyMap) -> Ask {
    let mut choices = Vec::new();
    for (i, n) in m.notes.iter().enumerate() {
        let label = format!("note {}: {}", i + 1, n.text);
        choices.push(Choice {
            number: None,
            label: format!("edit {label}"),
            detail: String::new(),
            kind: "",
            note: String::new(),
            action: Action::Ask(Box::new(Ask::Prompt {
                title: format!("Note {}", i + 1),
                initial: n.text.clone(),
                then: Then::EditNote {
                    map: m.id.clone(),
                    index: i,
                },
            })),
        });
        choices.push(Choice {
            number: None,
            label: format!("move {label}"),
            detail: String::new(),
            kind: "",
            note: String::new(),
            action: Action::MoveNote(i),
        });
        choices.push(Choice {
            number: None,
            label: format!("delete {label}"),
            detail: String::new(),
            kind: "",
            note: String::new(),
            action: Action::Edit(Op::Map(MapOp::DeleteNote {
                map: m.id.clone(),
                index: i,
            })),
        });
    }
    for a in &m.annotations {
        let label = format!("annotation {}: {}", a.number, a.text);
        choices.push(Choice {
            number: None,
            label: format!("edit {label}"),
            detail: String::new(),
            kind: "",
            note: String::new(),
            action: Action::Ask(Box::new(Ask::Prompt {
                title: format!("Annotation {}", a.number),
                initial: a.text.clone(),
                then: Then::EditAnnotation {
                    map: m.id.clone(),
                    number: a.number,
                },
            })),
        });
        choices.push(Choice {
            number: None,
            label: format!("delete {label}"),
            detail: String::new(),
            kind: "",
            note: String::new(),
            action: Action::Edit(Op::Map(MapOp::DeleteAnnotation {
                map: m.id.clone(),
                number: a.number,
            })),
        });
    }
    Ask::Pick {
        title: format!("Notes and annotations of {}", m.title),
        choices,
    }
}
