//! `!`: the workspace's diagnostics; Enter jumps to the item a diagnostic belongs to.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{ListCursor, Outcome};
use crate::tui::action::Action;
use crate::tui::panes::Ctx;
use crate::tui::widgets::{popup, text};
use crate::workspace::Severity;

#[derive(Debug, Default)]
pub struct DiagnosticsList {
    pub cursor: ListCursor,
    pub area: Rect,
    list_top: u16,
    /// Said in the popup when Enter finds nothing to jump to.
    pub note: Option<String>,
}

impl DiagnosticsList {
    pub fn update(&mut self, action: &Action, ctx: &Ctx) -> Outcome {
        let len = ctx.ws.diagnostics.len();
        if self.cursor.apply(action, len) {
            self.note = None;
            return Outcome::Stay;
        }
        match action {
            Action::Cancel | Action::Diagnostics => Outcome::Close,
            Action::Select => self.activate(ctx),
            Action::Click { row, .. } => {
                match self.cursor.hit(self.list_top, *row, len) {
                    Some(i) if i == self.cursor.selected => return self.activate(ctx),
                    Some(i) => self.cursor.selected = i,
                    None => {}
                }
                Outcome::Stay
            }
            _ => Outcome::Stay,
        }
    }

    fn activate(&mut self, ctx: &Ctx) -> Outcome {
        match ctx.ws.diagnostics.get(self.cursor.selected) {
            Some(d) => match &d.target {
                Some(t) => Outcome::Run(Action::Follow(t.clone())),
                None => {
                    self.note = Some(format!(
                        "no item to jump to: the problem is in {} line {}",
                        text::safe(&d.file.display().to_string()),
                        d.line
                    ));
                    Outcome::Stay
                }
            },
            None => Outcome::Stay,
        }
    }

    pub fn render(&mut self, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
        let theme = ctx.theme;
        let diags = &ctx.ws.diagnostics;
        let r = popup::centered(area, 110, area.height.saturating_sub(2).max(5));
        self.area = r;
        let errors = diags.iter().filter(|d| d.is_error()).count();
        let title = format!(
            "Diagnostics: {}, {}",
            crate::text::count(errors, "error"),
            crate::text::count(diags.len() - errors, "warning")
        );
        let inner = popup::frame(r, buf, &title, "Enter jump  Esc close", theme);
        let w = inner.width as usize;
        let mut height = inner.height as usize;
        if self.note.is_some() {
            height = height.saturating_sub(1);
        }
        self.list_top = inner.y;
        self.cursor.settle(diags.len(), height);
        let mut lines: Vec<Line> = Vec::new();
        if diags.is_empty() {
            lines.push(Line::styled("No problems found.", theme.ok));
        }
        for (i, d) in diags
            .iter()
            .enumerate()
            .skip(self.cursor.offset)
            .take(height)
        {
            let (mark, style) = match d.severity {
                Severity::Error => ("E ", theme.error),
                Severity::Warning => ("W ", theme.warning),
            };
            let place = format!("{}:{}:{} ", d.file.display(), d.line, d.col);
            let place = text::safe(&place).into_owned();
            let jump = if d.target.is_some() { "→ " } else { "  " };
            let used = 2 + text::width(&place) + 2;
            let msg = text::truncate(&text::safe(&d.message), w.saturating_sub(used)).into_owned();
            let mut line = Line::from(vec![
                Span::styled(mark, style),
                Span::styled(
                    text::truncate(&place, w.saturating_sub(4)).into_owned(),
                    theme.muted,
                ),
                Span::styled(jump, theme.link),
                Span::styled(msg, theme.base),
            ]);
            if i == self.cursor.selected {
                line = line.patch_style(theme.selection);
            }
            lines.push(line);
        }
        if let Some(n) = &self.note {
            while lines.len() < height {
                lines.push(Line::default());
            }
            lines.push(Line::styled(n.clone(), theme.warning));
        }
        Paragraph::new(lines).render(inner, buf);
    }
}
