//! The Landscape pane. STUB: being written (issue 3).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget};

use super::{Ctx, Pane};
use crate::tui::action::Action;
use crate::workspace::{Reference, Workspace};

#[derive(Debug, Default)]
pub struct LandscapePane {}

impl LandscapePane {
    pub fn new(_ws: &Workspace) -> Self {
        LandscapePane {}
    }
}

impl Pane for LandscapePane {
    fn title(&self) -> &'static str {
        "Landscape"
    }

    fn update(&mut self, _action: &Action, _ctx: &Ctx) -> Option<Action> {
        None
    }

    fn render(&mut self, area: Rect, buf: &mut Buffer, _ctx: &Ctx) {
        Paragraph::new("Landscape: not built yet").render(area, buf);
    }

    fn reveal(&mut self, _target: &Reference, _ctx: &Ctx) -> bool {
        false
    }

    fn selected(&self, _ctx: &Ctx) -> Option<Reference> {
        None
    }
}
