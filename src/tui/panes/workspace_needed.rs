//! In decisions-only mode (a markdown ADR folder, no `wheelhouse.toml`) the Flywheel, Impact map
//! and Landscape tabs have nothing to show. Instead of empty panes, one screen says what a
//! workspace adds and how to make one that keeps reading the markdown folder.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Ctx, Pane};
use crate::tui::action::Action;
use crate::workspace::Reference;

pub struct WorkspaceNeeded {
    title: &'static str,
    /// What this tab would show, as the end of "A workspace adds …".
    adds: &'static str,
}

impl WorkspaceNeeded {
    pub fn new(title: &'static str, adds: &'static str) -> Self {
        WorkspaceNeeded { title, adds }
    }
}

impl Pane for WorkspaceNeeded {
    fn title(&self) -> &'static str {
        self.title
    }

    fn update(&mut self, _action: &Action, _ctx: &Ctx) -> Option<Action> {
        None
    }

    fn render(&mut self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let theme = ctx.theme;
        let dir = ctx
            .ws
            .meta
            .adr_dirs
            .first()
            .map(|d| d.to_string_lossy().replace('\\', "/"))
            .unwrap_or_else(|| "doc/adr".to_string());
        let dir = crate::text::inert(&dir).into_owned();
        let lines = vec![
            Line::styled(
                format!("{} needs a wheelhouse workspace", self.title),
                theme.heading,
            ),
            Line::default(),
            Line::styled(
                "This folder has markdown decision records only (decisions-only mode): \
                 tab 3, Decisions, shows them.",
                theme.base,
            ),
            Line::styled(format!("A workspace adds {}.", self.adds), theme.base),
            Line::default(),
            Line::styled(
                "To make one here that keeps reading these records:",
                theme.base,
            ),
            Line::from(vec![
                Span::raw("  1. "),
                Span::styled("wh init", theme.code),
            ]),
            Line::from(vec![
                Span::raw("  2. in wheelhouse.toml: "),
                Span::styled(format!("adr-dirs = [\"{dir}\"]"), theme.code),
            ]),
            Line::default(),
            Line::styled(
                "To see every tab filled in first: wh init --sample DIR, then wh -C DIR.",
                theme.muted,
            ),
        ];
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }

    fn reveal(&mut self, _target: &Reference, _ctx: &Ctx) -> bool {
        false
    }

    fn selected(&self, _ctx: &Ctx) -> Option<Reference> {
        None
    }

    fn refresh(&mut self, _selected: Option<&Reference>, _ctx: &Ctx) -> bool {
        true
    }
}
