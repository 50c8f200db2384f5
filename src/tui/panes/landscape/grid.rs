//! Drawing the pane: the header line, the stage ruler, the map viewport over
//! the virtual grid (boundaries, area boxes, links, glyphs, markers, texts,
//! with focus plus context), and the detail panel or strip.

use std::collections::HashSet;

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use unicode_width::UnicodeWidthChar;

use super::detail::{put, put_segs, render_panel, render_strip, seg};
use super::{table, Hit, LandscapePane, View};
use crate::tui::panes::Ctx;
use crate::tui::widgets::wardley::route::braille;
use crate::tui::widgets::wardley::{
    display_name, text_width, truncate, GlyphKind, MapLayout, TextKind,
};

/// Below this the pane shows one line asking for more room.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// From this width on, the detail sits in a side panel instead of a strip.
pub const SIDE_PANEL_FROM: u16 = 120;

pub(super) struct Areas {
    pub header: Rect,
    /// The stage ruler row above the map (or the table's header row).
    pub ruler: Rect,
    pub plot: Rect,
    pub side: Option<Rect>,
    pub strip: Option<Rect>,
}

pub(super) fn areas(area: Rect) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let header = Rect::new(area.x, area.y, area.width, 1);
    let rest = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
    let (main, side, strip) = if area.width >= SIDE_PANEL_FROM && rest.height >= 8 {
        let sw = (area.width * 3 / 10).clamp(34, 56);
        let main = Rect::new(rest.x, rest.y, rest.width - sw, rest.height);
        let side = Rect::new(rest.x + rest.width - sw, rest.y, sw, rest.height);
        (main, Some(side), None)
    } else {
        let sh = match rest.height {
            16.. => 4,
            10..=15 => 3,
            7..=9 => 2,
            _ => 0,
        };
        let main = Rect::new(rest.x, rest.y, rest.width, rest.height - sh);
        let strip = (sh > 0).then(|| Rect::new(rest.x, main.bottom(), rest.width, sh));
        (main, None, strip)
    };
    let ruler = Rect::new(main.x, main.y, main.width, 1);
    let plot = Rect::new(
        main.x,
        main.y + 1,
        main.width,
        main.height.saturating_sub(1),
    );
    Some(Areas {
        header,
        ruler,
        plot,
        side,
        strip,
    })
}

pub(super) fn empty_workspace(area: Rect, buf: &mut Buffer, ctx: &Ctx) {
    let lines = [
        ("No Wardley maps in this workspace.", ctx.theme.title),
        (
            "Add maps/NAME.toml, or convert an OnlineWardleyMaps file with `wh import owm FILE`.",
            ctx.theme.muted,
        ),
    ];
    for (k, (text, style)) in lines.iter().enumerate() {
        let y = area.y + k as u16;
        if y < area.bottom() {
            put(buf, area.x, y, area.right(), text, *style);
        }
    }
}

pub(super) fn render(pane: &mut LandscapePane, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
    let Some(a) = areas(area) else {
        put(
            buf,
            area.x,
            area.y,
            area.right(),
            &format!("Landscape: enlarge the terminal (≥{MIN_WIDTH}×{MIN_HEIGHT})"),
            ctx.theme.muted,
        );
        return;
    };
    pane.plot = (a.plot.width.max(1), a.plot.height.max(1));
    let Some(l) = pane.layout(ctx.ws) else {
        return;
    };
    if pane.follow {
        pane.scroll_to_selection(ctx.ws, &l);
        pane.follow = false;
    }
    pane.clamp_offset(&l);
    header(pane, a.header, buf, ctx);
    match pane.view {
        View::Grid => {
            ruler(pane, a.ruler, buf, ctx, &l);
            map(pane, a.plot, buf, ctx, &l);
        }
        View::Table => {
            let main = Rect::new(a.ruler.x, a.ruler.y, a.ruler.width, a.plot.height + 1);
            table::render(pane, main, buf, ctx);
        }
    }
    if let Some(side) = a.side {
        render_panel(pane, side, buf, ctx, &l);
    }
    if let Some(strip) = a.strip {
        render_strip(pane, strip, buf, ctx, &l);
    }
}

fn header(pane: &mut LandscapePane, area: Rect, buf: &mut Buffer, ctx: &Ctx) {
    let t = ctx.theme;
    let Some(map) = pane.current_map(ctx.ws) else {
        return;
    };
    let title = if map.title.trim().is_empty() {
        map.id.clone()
    } else {
        display_name(&map.title)
    };
    let view = match pane.view {
        View::Grid => format!("grid · zoom {}×", pane.zoom_factor()),
        View::Table => "table".to_string(),
    };
    // while time is in play the right-hand side says which version, diff or trails it is
    // (kept, cut to fit, before the title: it is what the keys just changed)
    let summary = pane.time_summary(ctx);
    let timed = summary.is_some();
    let right = match summary {
        Some(s) => {
            let title_room = text_width(&title).min(16) + 2;
            let room = usize::from(area.width).saturating_sub(title_room + 1);
            format!("{} ", truncate(&display_name(&s), room.max(8)))
        }
        None => format!("{} components · {view} ", map.components.len()),
    };
    let rw = crate::tui::widgets::wardley::text_width(&right) as u16;
    let tw = crate::tui::widgets::wardley::text_width(&title) as u16;
    let which = format!("  map {}/{}", pane.map + 1, ctx.ws.maps.len());
    let id = format!(" · {}", map.id);
    // the id goes first when room is short, then the right-hand summary
    let fits = |s: u16| 1 + tw + s + rw < area.width;
    let mut segs = vec![
        seg(" ", t.base),
        seg(title, t.title.add_modifier(Modifier::BOLD)),
    ];
    // with time in play and no room, `map 1/2` goes whole rather than cut to `ma`
    if !timed || fits(text_width(&which) as u16) {
        segs.push(seg(which.clone(), t.muted));
    }
    if fits(text_width(&which) as u16 + text_width(&id) as u16) {
        segs.push(seg(id, t.muted));
    }
    let rw = if timed || fits(text_width(&which) as u16) {
        rw
    } else {
        0
    };
    let left_room = Rect::new(area.x, area.y, area.width.saturating_sub(rw + 1), 1);
    put_segs(buf, left_room, area.y, &segs, &mut pane.hits);
    if rw > 0 && rw < area.width {
        put(
            buf,
            area.right() - rw,
            area.y,
            area.right(),
            &right,
            t.muted,
        );
    }
}

/// Stage span `[start, end)` in virtual columns; the boundary columns between them are drawn as `┆`.
fn stage_span(l: &MapLayout, s: usize) -> (u32, u32) {
    let b = l.boundaries.map(u32::from);
    let start = if s == 0 { 0 } else { b[s - 1] + 1 };
    let end = if s == 3 { u32::from(l.width) } else { b[s] };
    (start, end.max(start))
}

fn ruler(pane: &LandscapePane, area: Rect, buf: &mut Buffer, ctx: &Ctx, l: &MapLayout) {
    let t = ctx.theme;
    let Some(map) = pane.current_map(ctx.ws) else {
        return;
    };
    let (ox, pw) = (pane.offset.0, u32::from(area.width));
    for b in l.boundaries.map(u32::from) {
        if b >= ox && b < ox + pw {
            put(
                buf,
                area.x + (b - ox) as u16,
                area.y,
                area.right(),
                "┆",
                t.border,
            );
        }
    }
    if !map.hide_evolution {
        for s in 0..4 {
            let (start, end) = stage_span(l, s);
            let (vs, ve) = (start.max(ox), end.min(ox + pw));
            if ve <= vs + 1 {
                continue;
            }
            let room = (ve - vs - 1) as usize;
            let name = truncate(&display_name(&map.stages[s]), room);
            let w = crate::tui::widgets::wardley::text_width(&name) as u32;
            let x = vs + (ve - vs).saturating_sub(w) / 2;
            put(
                buf,
                area.x + (x - ox) as u16,
                area.y,
                area.right(),
                &name,
                t.stage[s].add_modifier(Modifier::BOLD),
            );
        }
    }
    // scroll marks: what lies beyond the viewport
    let (oy, ph) = (pane.offset.1, u32::from(pane.plot.1));
    if ox > 0 {
        put(buf, area.x, area.y, area.right(), "◂", t.accent);
    }
    let mut marks = String::new();
    if oy > 0 {
        marks.push('▴');
    }
    if oy + ph < u32::from(l.height) {
        marks.push('▾');
    }
    if ox + pw < u32::from(l.width) {
        marks.push('▸');
    }
    let mw = marks.chars().count() as u16;
    if mw > 0 && mw < area.width {
        put(
            buf,
            area.right() - mw,
            area.y,
            area.right(),
            &marks,
            t.accent,
        );
    }
}

/// The selected component and those it needs or that need it.
fn related(pane: &LandscapePane, ctx: &Ctx) -> (Option<usize>, HashSet<usize>) {
    let mut set = HashSet::new();
    let (Some(map), Some(sel)) = (pane.current_map(ctx.ws), pane.selected_index(ctx.ws)) else {
        return (None, set);
    };
    let id = &map.components[sel].id;
    for (j, c) in map.components.iter().enumerate() {
        if c.needs.iter().any(|n| &n.to == id)
            || map.components[sel].needs.iter().any(|n| n.to == c.id)
        {
            set.insert(j);
        }
    }
    (Some(sel), set)
}

fn map(pane: &mut LandscapePane, area: Rect, buf: &mut Buffer, ctx: &Ctx, l: &MapLayout) {
    let t = ctx.theme;
    if area.is_empty() {
        return;
    }
    let (ox, oy) = pane.offset;
    let (pw, ph) = (u32::from(area.width), u32::from(area.height));
    let vw = u32::from(l.width);
    let in_view = |x: u32, y: u32| x >= ox && x < ox + pw && y >= oy && y < oy + ph;
    let screen = |x: u32, y: u32| (area.x + (x - ox) as u16, area.y + (y - oy) as u16);
    let (sel, rel) = related(pane, ctx);
    let focus_on = |i: usize| Some(i) == sel || rel.contains(&i);

    // stage boundaries
    for b in l.boundaries.map(u32::from) {
        if b >= ox && b < ox + pw {
            for row in 0..area.height {
                if let Some(c) = buf.cell_mut((area.x + (b - ox) as u16, area.y + row)) {
                    c.set_char('┆').set_style(t.border);
                }
            }
        }
    }

    // area boxes: background, everything else is drawn over them
    for a in &l.areas {
        let (x0, x1) = (u32::from(a.x0).max(ox), u32::from(a.x1).min(ox + pw - 1));
        let (y0, y1) = (u32::from(a.y0).max(oy), u32::from(a.y1).min(oy + ph - 1));
        if x0 > x1 || y0 > y1 {
            continue;
        }
        for y in y0..=y1 {
            let edge_row = y == u32::from(a.y0) || y == u32::from(a.y1);
            for x in x0..=x1 {
                if !edge_row && x != u32::from(a.x0) && x != u32::from(a.x1) {
                    continue;
                }
                let Some(ch) = a.outline(x as u16, y as u16) else {
                    continue;
                };
                let (sx, sy) = screen(x, y);
                if let Some(c) = buf.cell_mut((sx, sy)) {
                    paint(c, ch, t.muted);
                }
            }
        }
    }

    // links: focused ones over the rest, dimmed
    let cells = (pw * ph) as usize;
    let mut focus_dots = vec![0u8; cells];
    let mut other_dots = vec![0u8; cells];
    for link in &l.links {
        let focused = Some(link.from) == sel || Some(link.to) == sel;
        let dots = if focused {
            &mut focus_dots
        } else {
            &mut other_dots
        };
        for &(index, bits) in &link.cells {
            let (x, y) = (index % vw, index / vw);
            if in_view(x, y) {
                dots[((y - oy) * pw + (x - ox)) as usize] |= bits;
            }
        }
    }
    let focus_link = t.accent.add_modifier(Modifier::BOLD);
    let other_link = if sel.is_some() { t.muted } else { t.base };
    // a flow's arrowheads replace the dots in their cells, a focused link's last
    let mut heads: Vec<(bool, usize, char, Style)> = Vec::new();
    for link in l.links.iter().filter(|l| !l.heads.is_empty()) {
        let focused = Some(link.from) == sel || Some(link.to) == sel;
        let style = if focused { focus_link } else { other_link }.add_modifier(Modifier::BOLD);
        for &(index, ch) in &link.heads {
            let (x, y) = (index % vw, index / vw);
            if in_view(x, y) {
                let k = ((y - oy) * pw + (x - ox)) as usize;
                heads.push((focused, k, ch, style));
            }
        }
    }
    // a clear cell each side of a name: a line's dots never run into its letters
    for txt in &l.texts {
        let (y, x0, x1) = (
            u32::from(txt.y),
            u32::from(txt.x).checked_sub(1),
            u32::from(txt.x) + u32::from(txt.width),
        );
        for x in x0.into_iter().chain([x1]) {
            if in_view(x, y) {
                let k = ((y - oy) * pw + (x - ox)) as usize;
                focus_dots[k] = 0;
                other_dots[k] = 0;
            }
        }
    }
    for k in 0..cells {
        let (bits, style) = if focus_dots[k] != 0 {
            (focus_dots[k], focus_link)
        } else if other_dots[k] != 0 {
            (other_dots[k], other_link)
        } else {
            continue;
        };
        let (x, y) = (
            area.x + (k as u32 % pw) as u16,
            area.y + (k as u32 / pw) as u16,
        );
        if let Some(c) = buf.cell_mut((x, y)) {
            paint(c, braille(bits), style);
        }
    }
    heads.sort_by_key(|h| h.0);
    for (_, k, ch, style) in heads {
        let (x, y) = (
            area.x + (k as u32 % pw) as u16,
            area.y + (k as u32 / pw) as u16,
        );
        if let Some(c) = buf.cell_mut((x, y)) {
            paint(c, ch, style);
        }
    }

    // glyphs
    for g in &l.glyphs {
        let (x, y) = (u32::from(g.x), u32::from(g.y));
        if !in_view(x, y) {
            continue;
        }
        let mut style = match g.kind {
            GlyphKind::EvolveShaft | GlyphKind::EvolveHead => t.accent,
            GlyphKind::Inertia => t.warning.add_modifier(Modifier::BOLD),
            GlyphKind::Pipeline => t.base,
            GlyphKind::Accelerator => t.accent.add_modifier(Modifier::BOLD),
        };
        if g.kind != GlyphKind::Accelerator && Some(g.owner) == sel {
            style = style.add_modifier(Modifier::BOLD);
        }
        let (sx, sy) = screen(x, y);
        if let Some(c) = buf.cell_mut((sx, sy)) {
            paint(c, g.ch, style);
        }
    }

    // history: trails and the diff's old positions, under labels and markers
    let history = super::trails::overlay(pane, area, ctx);
    if let Some(h) = &history {
        super::trails::draw_under(h, buf, ctx, l);
    }

    // texts
    let selected = t.selection.add_modifier(Modifier::BOLD);
    for txt in &l.texts {
        let style = match txt.kind {
            TextKind::Label | TextKind::ShortId => {
                if Some(txt.owner) == sel {
                    selected
                } else if sel.is_none() || focus_on(txt.owner) {
                    label_style(ctx, pane, txt.owner).add_modifier(Modifier::BOLD)
                } else {
                    t.muted
                }
            }
            TextKind::EvolvedName => t.accent.add_modifier(Modifier::ITALIC),
            TextKind::Note => t.muted.add_modifier(Modifier::ITALIC),
            TextKind::Annotation => t.warning,
            TextKind::AcceleratorName => t.accent,
            TextKind::FlowLabel => {
                let focused = l
                    .links
                    .get(txt.owner)
                    .is_some_and(|k| Some(k.from) == sel || Some(k.to) == sel);
                if focused { t.accent } else { t.muted }.add_modifier(Modifier::ITALIC)
            }
            TextKind::AreaName => t.muted.add_modifier(Modifier::ITALIC),
        };
        let style = if txt.kind == TextKind::ShortId {
            style.add_modifier(Modifier::UNDERLINED)
        } else {
            style
        };
        let (tx, ty) = (u32::from(txt.x), u32::from(txt.y));
        if ty < oy || ty >= oy + ph {
            continue;
        }
        let mut x = tx;
        let mut first: Option<u16> = None;
        let mut last = 0u16;
        for ch in txt.text.chars() {
            let w = ch.width().unwrap_or(0) as u32;
            if w == 0 {
                continue;
            }
            if x >= ox && x + w <= ox + pw {
                let (sx, sy) = screen(x, ty);
                if let Some(c) = buf.cell_mut((sx, sy)) {
                    paint(c, ch, style);
                }
                for k in 1..w {
                    if let Some(c) = buf.cell_mut((sx + k as u16, sy)) {
                        c.reset();
                    }
                }
                first.get_or_insert(sx);
                last = sx + w as u16;
            }
            x += w;
        }
        if let (Some(f), TextKind::Label | TextKind::ShortId) = (first, txt.kind) {
            let (_, sy) = screen(ox, ty);
            pane.hits
                .push((Rect::new(f, sy, last - f, 1), Hit::Component(txt.owner)));
        }
    }

    // markers last: they always show
    for (i, m) in l.markers.iter().enumerate() {
        let (x, y) = (u32::from(m.x), u32::from(m.y));
        if !in_view(x, y) {
            continue;
        }
        let style = if Some(i) == sel {
            selected
        } else {
            label_style(ctx, pane, i)
        };
        let (sx, sy) = screen(x, y);
        if let Some(c) = buf.cell_mut((sx, sy)) {
            paint(c, m.glyph, style);
        }
        pane.hits.push((Rect::new(sx, sy, 1, 1), Hit::Component(i)));
    }
    if let Some(h) = &history {
        super::trails::draw_over(h, buf, ctx, l);
    }

    if l.markers.is_empty() {
        let msg = "(this map has no components)";
        let w = msg.chars().count() as u16;
        let x = area.x + area.width.saturating_sub(w) / 2;
        put(buf, x, area.y + area.height / 2, area.right(), msg, t.muted);
    }
}

/// Draws `ch` in exactly `style` over whatever the cell held: `set_style` alone
/// would keep the colour and modifiers of what lies beneath (a stage boundary, an
/// area's edge) where `style` sets none, so a label would change colour across them.
fn paint(c: &mut Cell, ch: char, style: Style) {
    c.fg = Color::Reset;
    c.modifier = Modifier::empty();
    c.set_char(ch).set_style(style);
}

/// Anchors are drawn in the title style, other components in the base style.
fn label_style(ctx: &Ctx, pane: &LandscapePane, i: usize) -> Style {
    let anchor = pane
        .current_map(ctx.ws)
        .and_then(|m| m.components.get(i))
        .is_some_and(|c| c.kind == crate::workspace::ComponentKind::Anchor);
    if anchor {
        ctx.theme.title
    } else {
        ctx.theme.base
    }
}
