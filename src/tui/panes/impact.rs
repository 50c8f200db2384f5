//! The Impact map pane. STUB: being written (issue 3).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget};

use super::{Ctx, Pane};
use crate::tui::action::Action;
use crate::workspace::{Reference, Workspace};

#[derive(Debug, Default)]
pub struct ImpactPane {}

impl ImpactPane {
    pub fn new(_ws: &Workspace) -> Self {
        ImpactPane {}
    }
}

impl Pane for ImpactPane {
    fn title(&self) -> &'static str {
        "Impact map"
    }

    fn update(&mut self, _action: &Action, _ctx: &Ctx) -> Option<Action> {
        None
    }

    fn render(&mut self, area: Rect, buf: &mut Buffer, _ctx: &Ctx) {
        Paragraph::new("Impact map: not built yet").render(area, buf);
    }

    fn reveal(&mut self, _target: &Reference, _ctx: &Ctx) -> bool {
        false
    }

    fn selected(&self, _ctx: &Ctx) -> Option<Reference> {
        None
    }
}
