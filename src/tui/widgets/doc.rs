//! A detail panel as a list of blocks (headings, wrapped paragraphs, gauges,
//! tables, selectable items) laid out for a width and drawn with a scroll
//! offset that keeps the selected item in view. Both the Flywheel and the
//! Impact map panes describe their detail panels with it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block as Frame, Borders};

use super::gauge::{gauge_line, Measure};
use super::text;
use crate::tui::theme::Theme;
use crate::workspace::Reference;

/// A selectable line. `follow` is where Enter goes; `own` is the item this
/// line stands for (what `reveal` looks for and `selected` reports).
#[derive(Debug, Clone)]
pub struct Item {
    pub line: Line<'static>,
    pub follow: Option<Reference>,
    pub own: Option<Reference>,
}

#[derive(Debug, Clone)]
pub enum Block {
    Heading(String),
    /// Wrapped text with a first-line lead and a hanging indent.
    Para {
        first: Vec<Span<'static>>,
        rest: Vec<Span<'static>>,
        text: Vec<Span<'static>>,
    },
    /// One line, truncated to the width.
    Line(Line<'static>),
    Gauge {
        indent: u16,
        measure: Measure,
    },
    Table(Table),
    Item(Item),
    Blank,
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    pub indent: u16,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Right-align this column (numbers).
    pub right: Vec<bool>,
    /// Rows drawn bold (totals).
    pub strong_rows: Vec<usize>,
}

impl Block {
    pub fn para(text: impl Into<String>, style: Style, indent: usize) -> Block {
        let pad = Span::raw(" ".repeat(indent));
        Block::Para {
            first: vec![pad.clone()],
            rest: vec![pad],
            text: vec![Span::styled(text.into(), style)],
        }
    }

    /// `• text` with the continuation lines under the text.
    pub fn bullet(text: impl Into<String>, style: Style, indent: usize, mark: &str) -> Block {
        let lead = format!("{}{mark} ", " ".repeat(indent));
        let rest = " ".repeat(text::width(&lead));
        Block::Para {
            first: vec![Span::styled(lead, style)],
            rest: vec![Span::raw(rest)],
            text: vec![Span::styled(text.into(), style)],
        }
    }

    pub fn item(line: Line<'static>, follow: Option<Reference>, own: Option<Reference>) -> Block {
        Block::Item(Item { line, follow, own })
    }
}

/// The bordered panel a doc is drawn in: the title cut to `max_title` cells, border and
/// title marked when the panel has the focus (reversed, so it shows without colour too).
pub fn frame<'a>(title: &str, max_title: usize, focused: bool, theme: &Theme) -> Frame<'a> {
    let (border, title_style) = if focused {
        (
            theme.border_focus,
            theme.title.add_modifier(Modifier::REVERSED),
        )
    } else {
        (theme.border, theme.title)
    };
    Frame::default()
        .borders(Borders::ALL)
        .border_style(border)
        .title(Line::styled(
            text::truncate(title, max_title).into_owned(),
            title_style,
        ))
}

/// A laid-out line and, for item lines, the item's index within its doc.
pub type Laid = (Line<'static>, Option<usize>);

pub fn items(blocks: &[Block]) -> impl Iterator<Item = &Item> {
    blocks.iter().filter_map(|b| match b {
        Block::Item(i) => Some(i),
        _ => None,
    })
}

/// Lays `blocks` out `width` cells wide.
pub fn layout(blocks: &[Block], width: u16, theme: &Theme) -> Vec<Laid> {
    let w = width as usize;
    let mut out: Vec<Laid> = Vec::new();
    let mut item = 0;
    for b in blocks {
        match b {
            Block::Heading(h) => out.push((
                text::truncate_line(
                    Line::styled(h.clone(), theme.title.add_modifier(Modifier::UNDERLINED)),
                    w,
                ),
                None,
            )),
            Block::Para { first, rest, text } => {
                for l in text::wrap_styled(text, w, first.clone(), rest.clone()) {
                    out.push((text::truncate_line(l, w), None));
                }
            }
            Block::Line(l) => out.push((text::truncate_line(l.clone(), w), None)),
            Block::Gauge { indent, measure } => {
                let inner = w.saturating_sub(*indent as usize);
                let mut g = gauge_line(measure, inner, theme.ok, theme.muted, theme.muted);
                g.spans.insert(0, Span::raw(" ".repeat(*indent as usize)));
                out.push((text::truncate_line(g, w), None));
            }
            Block::Table(t) => table_lines(t, w, theme, &mut out),
            Block::Item(i) => {
                out.push((text::truncate_line(i.line.clone(), w), Some(item)));
                item += 1;
            }
            Block::Blank => out.push((Line::default(), None)),
        }
    }
    // No trailing blank lines.
    while matches!(out.last(), Some((l, None)) if l.spans.iter().all(|s| s.content.trim().is_empty()))
    {
        out.pop();
    }
    out
}

fn table_lines(t: &Table, w: usize, theme: &Theme, out: &mut Vec<Laid>) {
    let cols = t
        .header
        .len()
        .max(t.rows.iter().map(Vec::len).max().unwrap_or(0));
    if cols == 0 {
        return;
    }
    let cell = |r: &Vec<String>, c: usize| r.get(c).map(String::as_str).unwrap_or("").to_string();
    let mut widths: Vec<usize> = (0..cols)
        .map(|c| {
            std::iter::once(&t.header)
                .chain(t.rows.iter())
                .map(|r| text::width(&cell(r, c)))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let indent = t.indent as usize;
    let total = |ws: &Vec<usize>| indent + ws.iter().sum::<usize>() + 2 * (cols - 1);
    // The first column (names) gives way first, down to 6 cells.
    let over = total(&widths).saturating_sub(w);
    widths[0] = widths[0].saturating_sub(over).max(6.min(widths[0]));
    let fmt = |r: &Vec<String>| {
        let mut s = " ".repeat(indent);
        for (c, cw) in widths.iter().enumerate() {
            if c > 0 {
                s.push_str("  ");
            }
            let v = cell(r, c);
            if t.right.get(c).copied().unwrap_or(false) {
                s.push_str(&text::pad_left(&v, *cw));
            } else {
                s.push_str(&text::pad(&v, *cw));
            }
        }
        s.trim_end().to_string()
    };
    let header_style = theme.muted.add_modifier(Modifier::BOLD);
    if !t.header.is_empty() {
        out.push((
            text::truncate_line(Line::styled(fmt(&t.header), header_style), w),
            None,
        ));
    }
    for (i, r) in t.rows.iter().enumerate() {
        let style = if t.strong_rows.contains(&i) {
            theme.base.add_modifier(Modifier::BOLD)
        } else {
            theme.base
        };
        out.push((text::truncate_line(Line::styled(fmt(r), style), w), None));
    }
}

/// Where an item sits in the laid-out lines.
pub fn line_of(lines: &[Laid], item: usize) -> Option<usize> {
    lines.iter().position(|(_, i)| *i == Some(item))
}

/// Adjusts `scroll` so the `selected` item (if any) is in view, showing the
/// head of the doc for its first item and the tail for its last.
pub fn scroll_to(
    lines: &[Laid],
    height: u16,
    selected: Option<usize>,
    item_count: usize,
    scroll: &mut u16,
) {
    let h = height as usize;
    let total = lines.len();
    let max = total.saturating_sub(h);
    let mut s = (*scroll as usize).min(max);
    if let Some(sel) = selected {
        if let Some(l) = line_of(lines, sel) {
            if sel == 0 {
                s = if l < h { 0 } else { l };
            } else if sel + 1 == item_count {
                s = max.min(l);
            } else if l + 2 < s || (h > 0 && l > s + h + 1) {
                // A jump (reveal, page): show the item near the top, with what follows it.
                s = l.saturating_sub(h / 4);
            } else if l < s {
                s = l;
            } else if h > 0 && l >= s + h {
                s = l + 1 - h;
            }
        }
    }
    *scroll = s.min(max) as u16;
}

/// Draws laid-out lines from `scroll`, the selected item reversed across the
/// whole row when `focused`, with ▲/▼ marks when more lies above or below.
/// Returns where each visible item was drawn, for mouse clicks.
pub fn draw(
    lines: &[Laid],
    area: Rect,
    buf: &mut Buffer,
    scroll: u16,
    selected: Option<usize>,
    focused: bool,
    theme: &Theme,
) -> Vec<(Rect, usize)> {
    let mut hits = Vec::new();
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return hits;
    }
    for (row, (line, item)) in lines
        .iter()
        .skip(scroll as usize)
        .take(area.height as usize)
        .enumerate()
    {
        let y = area.y + row as u16;
        text::put_line(buf, area, area.x, y, line, area.width);
        if let Some(i) = item {
            hits.push((Rect::new(area.x, y, area.width, 1), *i));
        }
        if focused && item.is_some() && *item == selected {
            buf.set_style(Rect::new(area.x, y, area.width, 1), theme.selection);
        }
    }
    let more = Style::default().add_modifier(Modifier::BOLD);
    if scroll > 0 {
        text::put_str(buf, area, area.right() - 1, area.y, "▲", more);
    }
    if lines.len() > scroll as usize + area.height as usize {
        text::put_str(buf, area, area.right() - 1, area.bottom() - 1, "▼", more);
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks() -> Vec<Block> {
        let mut b = vec![Block::Heading("Head".into())];
        for i in 0..10 {
            b.push(Block::para(format!("text {i}"), Style::default(), 0));
            b.push(Block::item(Line::from(format!("item {i}")), None, None));
        }
        b.push(Block::para("tail", Style::default(), 0));
        b
    }

    #[test]
    fn scrolling_keeps_the_selection_visible() {
        let theme = Theme::default();
        let lines = layout(&blocks(), 20, &theme);
        assert_eq!(lines.len(), 22);
        let mut scroll = 0;
        scroll_to(&lines, 5, Some(5), 10, &mut scroll);
        let l = line_of(&lines, 5).unwrap();
        assert!(l >= scroll as usize && l < scroll as usize + 5);
        scroll_to(&lines, 5, Some(9), 10, &mut scroll);
        assert_eq!(scroll, 17, "last item shows the tail");
        scroll_to(&lines, 5, Some(0), 10, &mut scroll);
        assert_eq!(scroll, 0, "first item shows the head");
        scroll_to(&lines, 0, Some(3), 10, &mut scroll);
    }

    #[test]
    fn tables_align_and_shrink_the_first_column() {
        let theme = Theme::default();
        let t = Table {
            indent: 2,
            header: vec!["Step".into(), "PT".into()],
            rows: vec![
                vec!["Refine the story well".into(), "2".into()],
                vec!["Build".into(), "16".into()],
            ],
            right: vec![false, true],
            strong_rows: vec![],
        };
        let lines = layout(&[Block::Table(t)], 16, &theme);
        let text: Vec<String> = lines
            .iter()
            .map(|(l, _)| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(
            text,
            ["  Step        PT", "  Refine th…   2", "  Build       16"]
        );
        assert!(text.iter().all(|t| text::width(t) <= 16));
    }
}
