//! Shared by the pane tests: the sample workspace, a context over it, and a
//! renderer that draws a pane into a TestBackend and returns its text.

pub use super::r;
pub use super::tui::screen as text;
use super::tui::visible_cells;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use ratatui::Terminal;
use wheelhouse::tui::action::Action;
use wheelhouse::tui::panes::{Ctx, Pane};
use wheelhouse::tui::theme::Theme;
use wheelhouse::workspace::links::LinkIndex;
use wheelhouse::workspace::Workspace;

pub struct Fixture {
    pub ws: Workspace,
    pub links: LinkIndex,
    pub theme: Theme,
}

impl Fixture {
    pub fn sample() -> Fixture {
        let ws = Workspace::open(&super::sample_dir()).expect("the sample workspace opens");
        Fixture::of(ws)
    }

    pub fn of(ws: Workspace) -> Fixture {
        let links = LinkIndex::build(&ws);
        Fixture {
            ws,
            links,
            theme: Theme::default(),
        }
    }

    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            ws: &self.ws,
            links: &self.links,
            theme: &self.theme,
        }
    }
}

/// Draws `pane` at `w`×`h` through a TestBackend and returns the buffer.
pub fn draw(pane: &mut dyn Pane, ctx: &Ctx, w: u16, h: u16) -> Buffer {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    term.draw(|f| {
        let area = f.area();
        pane.render(area, f.buffer_mut(), ctx)
    })
    .expect("draw");
    term.backend().buffer().clone()
}

/// The text of the cells drawn reversed, row by row (the selection).
pub fn reversed(buf: &Buffer) -> Vec<String> {
    let mut rows = Vec::new();
    for y in 0..buf.area.height {
        let row: String = (0..buf.area.width)
            .filter(|x| buf[(*x, y)].modifier.contains(Modifier::REVERSED))
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        if !row.trim().is_empty() {
            rows.push(row.trim().to_string());
        }
    }
    rows
}

pub fn render_text(pane: &mut dyn Pane, ctx: &Ctx, w: u16, h: u16) -> String {
    text(&draw(pane, ctx, w, h))
}

/// The cell position of the `nth` (0-based) occurrence of `needle` on screen.
pub fn find(buf: &Buffer, needle: &str, nth: usize) -> Option<(u16, u16)> {
    let mut seen = 0;
    for y in 0..buf.area.height {
        let mut row = String::new();
        let mut xs = Vec::new();
        for (x, sym) in visible_cells(buf, y) {
            xs.extend(sym.chars().map(|_| x));
            row.push_str(sym);
        }
        let mut from = 0;
        while let Some(i) = row[from..].find(needle) {
            let char_index = row[..from + i].chars().count();
            if seen == nth {
                return Some((xs[char_index], y));
            }
            seen += 1;
            from += i + needle.len();
        }
    }
    None
}

/// Sends `actions` to the pane in order; returns what the last one asked of the app.
pub fn press(p: &mut dyn Pane, ctx: &Ctx, actions: &[Action]) -> Option<Action> {
    let mut last = None;
    for a in actions {
        last = p.update(a, ctx);
    }
    last
}
