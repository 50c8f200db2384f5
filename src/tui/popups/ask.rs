//! What a pane can ask of the user before an edit: a line of text (a name, a title), a
//! confirmation that says what goes with the item, or a pick from a list (the finder's
//! look). Each is data in an [`Action::Ask`], so panes stay free of popups.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::Outcome;
use crate::tui::action::Action;
use crate::tui::panes::Ctx;
use crate::tui::widgets::text_input::TextInput;
use crate::tui::widgets::{popup, text};
use crate::workspace::adr_ref::AdrTarget;
use crate::workspace::edit::{id_from_name, AdrOp, MapOp, NewRecord, Op};
use crate::workspace::Workspace;

#[derive(Debug, Clone, PartialEq)]
pub enum Ask {
    /// A line of text; Enter turns it into an edit by `then`.
    Prompt {
        title: String,
        initial: String,
        then: Then,
    },
    /// Enter runs `yes`; Esc keeps everything.
    Confirm {
        title: String,
        lines: Vec<String>,
        yes: Action,
    },
    /// A fuzzy-filtered list; Enter runs the chosen action.
    Pick { title: String, choices: Vec<Choice> },
    /// The same list with the cursor on `selected` at first (what holds now, so that Enter
    /// alone keeps it).
    PickAt {
        title: String,
        choices: Vec<Choice>,
        selected: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// A record's number: a query that names it (`5`, `adr:5`, `ADR-5`) puts it first.
    pub number: Option<u32>,
    pub label: String,
    pub detail: String,
    pub action: Action,
}

/// The edit a prompt's text becomes.
#[derive(Debug, Clone, PartialEq)]
pub enum Then {
    AddComponent {
        map: String,
        visibility: f64,
        evolution: f64,
        anchor: bool,
    },
    Rename {
        map: String,
        component: String,
    },
    NewMap,
    AddNote {
        map: String,
        visibility: f64,
        evolution: f64,
    },
    EditNote {
        map: String,
        index: usize,
    },
    Annotate {
        map: String,
        visibility: f64,
        evolution: f64,
    },
    EditAnnotation {
        map: String,
        number: u32,
    },
    /// A new decision record with this title.
    NewAdr,
    RenameAdr {
        record: AdrTarget,
    },
    /// Comma-separated tags.
    AdrTags {
        record: AdrTarget,
    },
    Impact(crate::tui::panes::impact::ImpactThen),
    Flywheel(crate::tui::panes::flywheel::FlywheelThen),
    /// Any revision (`HEAD~20`, a tag, a hash) to diff the shown map against: no edit.
    DiffRevision,
}

impl Then {
    /// What the prompt's text becomes: an edit, for all but the diff view's revision.
    fn action(&self, text: &str, ws: &Workspace) -> Action {
        let text = text.trim().to_string();
        let op = match self.clone() {
            Then::AddComponent {
                map,
                visibility,
                evolution,
                anchor,
            } => Op::Map(MapOp::AddComponent {
                map,
                name: text,
                visibility,
                evolution,
                anchor,
            }),
            Then::Rename { map, component } => Op::Map(MapOp::RenameComponent {
                map,
                component,
                name: text,
            }),
            Then::NewMap => {
                let base = id_from_name(&text, "map");
                let mut id = base.clone();
                let mut n = 2;
                while ws.map(&id).is_some() {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                Op::Map(MapOp::NewMap { id, title: text })
            }
            Then::AddNote {
                map,
                visibility,
                evolution,
            } => Op::Map(MapOp::AddNote {
                map,
                text,
                visibility,
                evolution,
            }),
            Then::EditNote { map, index } => Op::Map(MapOp::EditNote { map, index, text }),
            Then::Annotate {
                map,
                visibility,
                evolution,
            } => Op::Map(MapOp::AddAnnotation {
                map,
                text,
                visibility,
                evolution,
            }),
            Then::EditAnnotation { map, number } => {
                Op::Map(MapOp::EditAnnotation { map, number, text })
            }
            Then::NewAdr => Op::Adr(AdrOp::New(NewRecord {
                title: text,
                ..NewRecord::default()
            })),
            Then::RenameAdr { record } => Op::Adr(AdrOp::Rename {
                record,
                title: text,
            }),
            Then::AdrTags { record } => Op::Adr(AdrOp::SetTags {
                record,
                tags: text
                    .split(',')
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect(),
            }),
            Then::Impact(then) => then.op(text, ws),
            Then::Flywheel(then) => then.op(text, ws),
            Then::DiffRevision => return Action::DiffAgainst(text),
        };
        Action::Edit(op)
    }
}

pub struct Prompt {
    pub title: String,
    pub input: TextInput,
    pub then: Then,
    pub area: Rect,
}

impl Prompt {
    pub fn new(title: String, initial: &str, then: Then) -> Prompt {
        Prompt {
            title,
            input: TextInput::new(initial),
            then,
            area: Rect::default(),
        }
    }

    pub fn update(&mut self, action: &Action, ctx: &Ctx) -> Outcome {
        match action {
            Action::Cancel => Outcome::Close,
            Action::Select if self.input.text().trim().is_empty() => Outcome::Stay,
            Action::Select => {
                // a chain of questions (the review wizard), or the same one again with a reason
                if let Then::Flywheel(then) = &self.then {
                    if let Some(next) = then.next(self.input.text(), ctx.ws) {
                        return Outcome::Run(next);
                    }
                }
                Outcome::Run(self.then.action(self.input.text(), ctx.ws))
            }
            other => {
                self.input.apply(other);
                Outcome::Stay
            }
        }
    }

    pub fn render(&mut self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let theme = ctx.theme;
        let r = popup::centered(area, 64, 3);
        self.area = r;
        let inner = popup::frame(
            r,
            buf,
            &text::safe(&self.title),
            "Enter ok  Esc cancel",
            theme,
        );
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        let line = self.input.line(inner.width as usize, theme.base);
        Paragraph::new(line).render(inner, buf);
    }
}

pub struct Confirm {
    pub title: String,
    pub lines: Vec<String>,
    pub yes: Action,
    pub area: Rect,
}

impl Confirm {
    pub fn update(&mut self, action: &Action) -> Outcome {
        match action {
            Action::Select => Outcome::Run(self.yes.clone()),
            Action::Cancel => Outcome::Close,
            _ => Outcome::Stay,
        }
    }

    pub fn render(&mut self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let theme = ctx.theme;
        // long lines wrap: count the rows they take inside the frame (62 inside, less a little for word breaks)
        let rows: usize = self
            .lines
            .iter()
            .map(|l| text::width(&text::safe(l)).div_ceil(58).max(1))
            .sum();
        let h = u16::try_from(rows)
            .unwrap_or(u16::MAX)
            .saturating_add(2)
            .min(area.height);
        let r = popup::centered(area, 64, h.max(3));
        self.area = r;
        let inner = popup::frame(r, buf, &text::safe(&self.title), "Enter yes  Esc no", theme);
        let lines: Vec<Line> = self
            .lines
            .iter()
            .map(|l| Line::styled(text::safe(l).into_owned(), theme.base))
            .collect();
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(inner, buf);
    }
}
