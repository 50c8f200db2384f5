//! What a pane can ask of the user before an edit: a line of text (a name, a title), a
//! confirmation that says what goes with the item, or a pick from a list (the finder's
//! look). Each is data in an [`Action::Ask`], so panes stay free of popups.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

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
    /// The name: matched and shown.
    pub label: String,
    /// An id or reference, shown on the right: matched too, but apart from the name.
    pub detail: String,
    /// What sort of item (`decision`, `metric`): shown beside the name, never matched, so the
    /// word does not make a query like `cdn` match every decision.
    pub kind: &'static str,
    /// Shown after the name, never matched (`already needed`).
    pub note: String,
    pub action: Action,
}

impl Choice {
    /// Listed but refused: what is already linked stays in a link picker, so typing its name
    /// finds it (and says so) instead of a weaker match that Enter would link.
    pub fn taken(mut self, note: &str, why: String) -> Choice {
        self.note = note.to_string();
        self.action = Action::Complain(why);
        self
    }
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
    /// Whether an empty answer means something (a goal's measure left empty is removed);
    /// elsewhere Enter on nothing is not an answer.
    fn takes_empty(&self) -> bool {
        use crate::tui::panes::flywheel::FlywheelThen;
        matches!(
            self,
            Then::Impact(crate::tui::panes::impact::ImpactThen::SetGoal { .. })
                | Then::Flywheel(FlywheelThen::Review(_) | FlywheelThen::ReviewNotes { .. })
        )
    }

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
    /// Enter was pressed with nothing typed: the footer says what to do.
    empty_tried: bool,
}

impl Prompt {
    pub fn new(title: String, initial: &str, then: Then) -> Prompt {
        Prompt {
            title,
            input: TextInput::new(initial),
            then,
            area: Rect::default(),
            empty_tried: false,
        }
    }

    pub fn update(&mut self, action: &Action, ctx: &Ctx) -> Outcome {
        match action {
            Action::Cancel => Outcome::Close,
            Action::Select if self.input.text().trim().is_empty() && !self.then.takes_empty() => {
                // said in the footer: Enter on nothing did nothing, and why
                self.empty_tried = true;
                Outcome::Stay
            }
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
        let width = 64.min(area.width);
        let title = text::safe(&self.title);
        // a question longer than the frame's top line (the review wizard's tenets) is asked
        // inside the box, word-wrapped above the input, rather than cut
        let question = if text::width(&title) + 4 > usize::from(width) {
            text::wrap(&title, usize::from(width.saturating_sub(2)))
        } else {
            Vec::new()
        };
        let rows = u16::try_from(question.len()).unwrap_or(u16::MAX);
        let r = popup::centered(area, width, rows.saturating_add(3));
        self.area = r;
        let framed = if question.is_empty() { &title[..] } else { "" };
        let footer = if self.empty_tried && self.input.text().trim().is_empty() {
            "type an answer, or Esc to cancel"
        } else {
            "Enter ok  Esc cancel"
        };
        let inner = popup::frame(r, buf, framed, footer, theme);
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        // the input keeps the last row; the question gets what is left above it
        let asked = inner.height.saturating_sub(1);
        let lines: Vec<Line> = question
            .iter()
            .take(usize::from(asked))
            .map(|l| Line::styled(l.clone(), theme.title))
            .collect();
        Paragraph::new(lines).render(
            Rect {
                height: asked,
                ..inner
            },
            buf,
        );
        let line = self.input.line(inner.width as usize, theme.base);
        Paragraph::new(line).render(
            Rect {
                y: inner.y + asked,
                height: 1,
                ..inner
            },
            buf,
        );
    }
}

/// A yes/no question over what an edit will do. Everything it lists can be read before
/// answering: the box grows to the screen, and what still does not fit scrolls (`j`, `k`,
/// page keys), with a last line that says how much is below.
pub struct Confirm {
    pub title: String,
    pub lines: Vec<String>,
    pub yes: Action,
    pub area: Rect,
    /// The first wrapped row shown.
    pub scroll: usize,
    /// Rows shown at the last render (the page keys' step).
    page: usize,
}

impl Confirm {
    pub fn new(title: String, lines: Vec<String>, yes: Action) -> Confirm {
        Confirm {
            title,
            lines,
            yes,
            area: Rect::default(),
            scroll: 0,
            page: 1,
        }
    }

    pub fn update(&mut self, action: &Action) -> Outcome {
        let page = self.page.max(1);
        match action {
            Action::Select => return Outcome::Run(self.yes.clone()),
            Action::Cancel => return Outcome::Close,
            Action::Down | Action::ScrollDown => self.scroll += 1,
            Action::Up | Action::ScrollUp => self.scroll = self.scroll.saturating_sub(1),
            Action::PageDown => self.scroll += page,
            Action::PageUp => self.scroll = self.scroll.saturating_sub(page),
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll = usize::MAX,
            _ => {}
        }
        // clamped against the rows at the next render
        Outcome::Stay
    }

    pub fn render(&mut self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let theme = ctx.theme;
        let width = 64.min(area.width);
        let rows: Vec<String> = self
            .lines
            .iter()
            .flat_map(|l| text::wrap(&text::safe(l), usize::from(width.saturating_sub(2))))
            .collect();
        let h = u16::try_from(rows.len())
            .unwrap_or(u16::MAX)
            .saturating_add(2)
            .min(area.height);
        let r = popup::centered(area, width, h.max(3));
        self.area = r;
        let shown = usize::from(r.height.saturating_sub(2)).max(1);
        let overflow = rows.len() > shown;
        // the last row says what is below when not everything fits
        let body = if overflow { shown - 1 } else { shown };
        self.page = body.max(1);
        self.scroll = self.scroll.min(rows.len().saturating_sub(body));
        let footer = if overflow {
            "Enter yes  Esc no  j/k more"
        } else {
            "Enter yes  Esc no"
        };
        let inner = popup::frame(r, buf, &text::safe(&self.title), footer, theme);
        let mut lines: Vec<Line> = rows
            .iter()
            .skip(self.scroll)
            .take(body)
            .map(|l| Line::styled(l.clone(), theme.base))
            .collect();
        if overflow {
            let below = rows.len().saturating_sub(self.scroll + body);
            let more = if below == 0 {
                "(end; k goes back up)".to_string()
            } else {
                format!("↓ {} more (j)", crate::text::count(below, "line"))
            };
            lines.push(Line::styled(more, theme.muted));
        }
        Paragraph::new(lines).render(inner, buf);
    }
}
