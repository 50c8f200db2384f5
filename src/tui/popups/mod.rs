//! Popups drawn over the panes: help, the finder (ctrl-k, `:`), the diagnostics list (`!`).
//! Each owns its state, turns Actions into state changes, and may answer with an Action
//! for the app (a `Follow`, or a command picked in the finder).

pub mod ask;
pub mod diagnostics;
pub mod finder;
pub mod help;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::action::Action;
use super::keymap::Keymap;
use super::panes::Ctx;

pub enum Popup {
    Help(help::Help),
    Finder(Box<finder::Finder>),
    Diagnostics(diagnostics::DiagnosticsList),
    Prompt(ask::Prompt),
    Confirm(ask::Confirm),
}

/// What the popup wants after an action.
pub enum Outcome {
    /// Stay open.
    Stay,
    /// Close the popup.
    Close,
    /// Close the popup and run this action.
    Run(Action),
}

impl Popup {
    /// The popup that asks what `ask` says.
    pub fn ask(ask: ask::Ask) -> Popup {
        match ask {
            ask::Ask::Prompt {
                title,
                initial,
                then,
            } => Popup::Prompt(ask::Prompt::new(title, &initial, then)),
            ask::Ask::Confirm { title, lines, yes } => {
                Popup::Confirm(ask::Confirm::new(title, lines, yes))
            }
            ask::Ask::Pick { title, choices } => {
                Popup::Finder(Box::new(finder::Finder::picker(title, choices)))
            }
            ask::Ask::PickAt {
                title,
                choices,
                selected,
            } => {
                let mut f = finder::Finder::picker(title, choices);
                f.cursor.selected = selected.min(f.hits().count().saturating_sub(1));
                Popup::Finder(Box::new(f))
            }
        }
    }
}

impl Popup {
    pub fn is_typing(&self) -> bool {
        matches!(self, Popup::Finder(_) | Popup::Prompt(_))
    }

    pub fn update(&mut self, action: &Action, ctx: &Ctx) -> Outcome {
        match self {
            Popup::Help(p) => p.update(action),
            Popup::Finder(p) => p.update(action),
            Popup::Diagnostics(p) => p.update(action, ctx),
            Popup::Prompt(p) => p.update(action, ctx),
            Popup::Confirm(p) => p.update(action),
        }
    }

    pub fn render(&mut self, area: Rect, buf: &mut Buffer, ctx: &Ctx, keymap: &Keymap) {
        match self {
            Popup::Help(p) => p.render(area, buf, ctx, keymap),
            Popup::Finder(p) => p.render(area, buf, ctx),
            Popup::Diagnostics(p) => p.render(area, buf, ctx),
            Popup::Prompt(p) => p.render(area, buf, ctx),
            Popup::Confirm(p) => p.render(area, buf, ctx),
        }
    }

    /// The rectangle the popup occupied at the last render (clicks outside close it).
    pub fn area(&self) -> Rect {
        match self {
            Popup::Help(p) => p.area,
            Popup::Finder(p) => p.area,
            Popup::Diagnostics(p) => p.area,
            Popup::Prompt(p) => p.area,
            Popup::Confirm(p) => p.area,
        }
    }
}

/// Selection and scrolling shared by the popup lists.
#[derive(Debug, Default, Clone)]
pub struct ListCursor {
    pub selected: usize,
    pub offset: usize,
    /// Rows visible at the last render.
    pub height: usize,
}

impl ListCursor {
    /// Applies a movement action over `len` rows; true when it was one.
    pub fn apply(&mut self, action: &Action, len: usize) -> bool {
        let page = self.height.max(1);
        let last = len.saturating_sub(1);
        self.selected = match action {
            Action::Up | Action::ScrollUp => self.selected.saturating_sub(1),
            Action::Down | Action::ScrollDown => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(page),
            Action::PageDown => (self.selected + page).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return false,
        };
        true
    }

    /// Keeps the selection inside `len` and on screen with `height` rows.
    pub fn settle(&mut self, len: usize, height: usize) {
        self.height = height;
        if len == 0 {
            self.selected = 0;
            self.offset = 0;
            return;
        }
        self.selected = self.selected.min(len - 1);
        if self.selected < self.offset {
            self.offset = self.selected;
        }
        if height > 0 && self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height.max(1)));
    }

    /// The row under a click at screen row `row` inside a list drawn from `top`.
    pub fn hit(&self, top: u16, row: u16, len: usize) -> Option<usize> {
        let d = row.checked_sub(top)? as usize;
        let i = self.offset + d;
        (d < self.height && i < len).then_some(i)
    }
}
