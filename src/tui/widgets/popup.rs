//! A framed box drawn over the panes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

use crate::tui::theme::Theme;

/// A centred rectangle of at most `w`×`h` inside `area` (smaller terminals get all of it).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Clears `area`, draws the frame with `title` and `footer`, returns the inner area.
pub fn frame(area: Rect, buf: &mut Buffer, title: &str, footer: &str, theme: &Theme) -> Rect {
    Clear.render(area, buf);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focus)
        .style(theme.base);
    if !title.is_empty() {
        block = block.title(Line::styled(format!(" {title} "), theme.title));
    }
    if !footer.is_empty() && area.width > 4 {
        block = block.title_bottom(Line::styled(format!(" {footer} "), theme.muted));
    }
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}
