//! `?`: every binding of the live keymap, grouped by context. Generated, never hand-kept.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::Outcome;
use crate::tui::action::Action;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::panes::Ctx;
use crate::tui::tab::Tab;
use crate::tui::widgets::{popup, text};

#[derive(Debug, Default)]
pub struct Help {
    pub scroll: usize,
    pub area: Rect,
    /// Lines at the last render, to clamp scrolling.
    total: usize,
    height: usize,
}

impl Help {
    pub fn update(&mut self, action: &Action) -> Outcome {
        let max = self.total.saturating_sub(self.height);
        let page = self.height.max(1);
        self.scroll = match action {
            Action::Up | Action::ScrollUp => self.scroll.saturating_sub(1),
            Action::Down | Action::ScrollDown => (self.scroll + 1).min(max),
            Action::PageUp => self.scroll.saturating_sub(page),
            Action::PageDown => (self.scroll + page).min(max),
            Action::Top => 0,
            Action::Bottom => max,
            Action::Cancel | Action::Help | Action::Select => return Outcome::Close,
            _ => return Outcome::Stay,
        };
        Outcome::Stay
    }

    /// The help text as lines (two columns: keys, description), for a given inner width.
    pub fn lines(keymap: &Keymap, ctx: &Ctx, width: usize) -> Vec<Line<'static>> {
        let theme = ctx.theme;
        let mut lines = Vec::new();
        let key_w = 18.min(width / 2);
        // a decisions-only folder has the Decisions tab alone: the others' keys are not listed
        let shown = Tab::shown(ctx.ws);
        let hidden = |c: Context| {
            Tab::ALL
                .iter()
                .any(|t| t.context() == c && !shown.contains(t))
        };
        let hidden_tab = |name: &str| matches!(Action::by_name(name), Some(Action::GoTab(t)) if !shown.contains(&t));
        for c in Context::ALL.into_iter().filter(|c| !hidden(*c)) {
            let rows: Vec<_> = keymap
                .context_bindings(c)
                .into_iter()
                .filter(|(name, _, _)| !hidden_tab(name))
                .collect();
            if rows.is_empty() {
                continue;
            }
            if !lines.is_empty() {
                lines.push(Line::default());
            }
            lines.push(Line::styled(c.title().to_string(), theme.heading));
            for (_, desc, keys) in rows {
                lines.push(Line::from(vec![
                    Span::styled(text::pad(&keys, key_w), theme.accent),
                    Span::raw(" "),
                    Span::styled(
                        text::truncate(desc, width.saturating_sub(key_w + 1)).into_owned(),
                        theme.base,
                    ),
                ]));
            }
        }
        if !keymap.keys(Context::Global, "quit").is_empty() {
            lines.push(Line::default());
            // wrapped, not cut: an 80-column terminal gives the popup 70 cells
            let note =
                "ctrl-c always quits. Keys can be changed in config.toml under [keys.CONTEXT].";
            for part in text::wrap(note, width) {
                lines.push(Line::styled(part, theme.muted));
            }
        }
        lines
    }

    pub fn render(&mut self, area: Rect, buf: &mut Buffer, ctx: &Ctx, keymap: &Keymap) {
        let r = popup::centered(area, 72, area.height.saturating_sub(2).max(6));
        self.area = r;
        let inner = popup::frame(r, buf, "Help: keys", "Esc close  j/k scroll", ctx.theme);
        let lines = Help::lines(keymap, ctx, inner.width as usize);
        self.total = lines.len();
        self.height = inner.height as usize;
        self.scroll = self.scroll.min(self.total.saturating_sub(self.height));
        let visible: Vec<Line> = lines
            .into_iter()
            .skip(self.scroll)
            .take(self.height)
            .collect();
        Paragraph::new(visible).render(inner, buf);
    }
}
