//! Drawing history on the map: each component's trail of past positions (`∘` where it was,
//! `·` the way it came, `×` where it crossed into another stage, arrows ahead of it as many as
//! its speed), and the diff view (`○` where a moved component was, `+` on a new one, `✕` where
//! a removed one was). Glyphs differ as well as colours, so it reads under NO_COLOR. Drawn from
//! the history the pane holds: no I/O.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::time::TRAIL_LENGTH;
use super::LandscapePane;
use crate::history::diff::{diff_map, MapDiff};
use crate::history::timeline::Trail;
use crate::tui::git_history::MapAtRev;
use crate::tui::panes::Ctx;
use crate::tui::widgets::wardley::{arrow, MapLayout, Projection};
use crate::workspace::model::WardleyMap;

/// The viewport: screen area and the virtual cell at its top left.
struct View {
    area: Rect,
    offset: (u32, u32),
}

impl View {
    fn cell(&self, x: i64, y: i64) -> Option<(u16, u16)> {
        let (ox, oy) = (i64::from(self.offset.0), i64::from(self.offset.1));
        let (w, h) = (i64::from(self.area.width), i64::from(self.area.height));
        (x >= ox && x < ox + w && y >= oy && y < oy + h)
            .then(|| (self.area.x + (x - ox) as u16, self.area.y + (y - oy) as u16))
    }

    fn paint(&self, buf: &mut Buffer, x: i64, y: i64, ch: char, style: Style) {
        if let Some(pos) = self.cell(x, y) {
            if let Some(c) = buf.cell_mut(pos) {
                c.set_char(ch).set_style(style);
            }
        }
    }

    /// Paints only over a blank cell, a link's dots or a stage boundary: never over a label.
    fn paint_free(&self, buf: &mut Buffer, x: i64, y: i64, ch: char, style: Style) {
        if let Some(pos) = self.cell(x, y) {
            if let Some(c) = buf.cell_mut(pos) {
                let free = c.symbol().chars().next().is_none_or(|s| {
                    s == ' ' || s == '┆' || s == '·' || ('\u{2800}'..='\u{28FF}').contains(&s)
                });
                if free {
                    c.set_char(ch).set_style(style);
                }
            }
        }
    }
}

/// The cells strictly between two cells, on a straight line.
fn between(a: (i64, i64), b: (i64, i64)) -> Vec<(i64, i64)> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let n = dx.abs().max(dy.abs());
    (1..n)
        .map(|k| {
            (
                a.0 + (dx * k + dx.signum() * n / 2) / n,
                a.1 + (dy * k + dy.signum() * n / 2) / n,
            )
        })
        .collect()
}

/// Where the line from `a` to `b` meets each stage boundary column it crosses.
fn crossings(a: (i64, i64), b: (i64, i64), boundaries: [u16; 3]) -> Vec<(i64, i64)> {
    boundaries
        .iter()
        .map(|&c| i64::from(c))
        .filter(|&c| (a.0 < c && b.0 >= c) || (b.0 < c && a.0 >= c))
        .map(|c| {
            let t = (c - a.0) as f64 / (b.0 - a.0) as f64;
            (c, a.1 + ((b.1 - a.1) as f64 * t).round() as i64)
        })
        .collect()
}

/// What a frame draws of the history, worked out once for both passes (under and over the
/// markers): the map shown, the viewport, each component's trail and the diff.
pub(super) struct Overlay<'w> {
    map: &'w WardleyMap,
    view: View,
    /// One per component, in `map.components` order; empty when trails are off or not read yet.
    trails: Vec<Trail>,
    diff: Option<(std::sync::Arc<MapAtRev>, MapDiff)>,
}

/// The history overlay of the map `pane` shows, or `None` when there is nothing to draw.
pub(super) fn overlay<'w>(pane: &LandscapePane, area: Rect, ctx: &Ctx<'w>) -> Option<Overlay<'w>> {
    let map = pane.current_map(ctx.ws)?;
    let trails = match pane.time.timeline(&map.id).filter(|_| pane.time.trails) {
        Some(tl) => {
            let upto = pane.time.version_of(&map.id);
            map.components
                .iter()
                .map(|c| tl.trail(&c.id, upto, (c.evolution, c.visibility), TRAIL_LENGTH))
                .collect()
        }
        None => Vec::new(),
    };
    let diff = diff_of(pane, ctx);
    if trails.is_empty() && diff.is_none() {
        return None;
    }
    Some(Overlay {
        map,
        view: View {
            area,
            offset: pane.offset,
        },
        trails,
        diff,
    })
}

/// Draws trails and the old positions of the diff view: under labels and markers.
pub(super) fn draw_under(o: &Overlay, buf: &mut Buffer, ctx: &Ctx, l: &MapLayout) {
    let (map, view) = (o.map, &o.view);
    let proj = Projection::new(l.width, l.height);
    let at = |e: f64, v: f64| (i64::from(proj.col(e)), i64::from(proj.row(v)));
    let t = ctx.theme;
    for (trail, m) in o.trails.iter().zip(&l.markers) {
        let now = (i64::from(m.x), i64::from(m.y));
        draw_trail(view, buf, l, trail, now, &at, t.muted, t.warning);
    }
    if let Some((old, d)) = &o.diff {
        let index = |id: &str| map.components.iter().position(|c| c.id == id);
        for mv in &d.moved {
            let Some(m) = index(&mv.component).and_then(|i| l.markers.get(i)) else {
                continue;
            };
            let now = (i64::from(m.x), i64::from(m.y));
            let was = at(mv.evolution_from, mv.visibility_from);
            for (x, y) in between(was, now) {
                view.paint_free(buf, x, y, '·', t.accent);
            }
            if mv.stage.is_some() {
                for (x, y) in crossings(was, now, l.boundaries) {
                    view.paint(buf, x, y, '×', t.warning.add_modifier(Modifier::BOLD));
                }
            }
            if was != now {
                view.paint(buf, was.0, was.1, '○', t.muted);
            }
        }
        for id in &d.components_removed {
            if let Some(c) = old
                .map
                .as_ref()
                .and_then(|m| m.components.iter().find(|c| &c.id == id))
            {
                let (x, y) = at(c.evolution, c.visibility);
                view.paint(buf, x, y, '✕', t.error.add_modifier(Modifier::BOLD));
            }
        }
    }
}

/// Draws what goes over the markers: `+` on components the diff's revision did not have,
/// and the speed arrows of the trails.
pub(super) fn draw_over(o: &Overlay, buf: &mut Buffer, ctx: &Ctx, l: &MapLayout) {
    let (map, view) = (o.map, &o.view);
    let t = ctx.theme;
    let proj = Projection::new(l.width, l.height);
    for (trail, m) in o.trails.iter().zip(&l.markers) {
        let Some(&(e, v)) = trail.points.last() else {
            continue;
        };
        let (dx, dy) = (
            i64::from(m.x) - i64::from(proj.col(e)),
            i64::from(m.y) - i64::from(proj.row(v)),
        );
        if dx == 0 && dy == 0 {
            continue;
        }
        let n = arrows_for(trail.speed_per_90_days);
        let ch = arrow(dx, dy);
        let style = if n >= 3 {
            t.accent.add_modifier(Modifier::BOLD)
        } else {
            t.accent
        };
        for k in 1..=i64::from(n) {
            view.paint_free(
                buf,
                i64::from(m.x) + dx.signum() * k,
                i64::from(m.y) + dy.signum() * k,
                ch,
                style,
            );
        }
    }
    if let Some((_, d)) = &o.diff {
        for id in &d.components_added {
            if let Some(m) = map
                .components
                .iter()
                .position(|c| &c.id == id)
                .and_then(|i| l.markers.get(i))
            {
                view.paint(
                    buf,
                    i64::from(m.x),
                    i64::from(m.y),
                    '+',
                    t.ok.add_modifier(Modifier::BOLD),
                );
            }
        }
    }
}

/// Arrows ahead of a component: one when it barely moves, three when it crosses a stage in
/// about a year (Δevolution per 90 days).
pub fn arrows_for(speed_per_90_days: f64) -> u8 {
    match speed_per_90_days.abs() {
        s if s < 0.03 => 1,
        s if s < 0.08 => 2,
        _ => 3,
    }
}

#[allow(clippy::too_many_arguments)]
fn draw_trail(
    view: &View,
    buf: &mut Buffer,
    l: &MapLayout,
    trail: &Trail,
    now: (i64, i64),
    at: &dyn Fn(f64, f64) -> (i64, i64),
    faint: Style,
    crossing: Style,
) {
    let cells: Vec<(i64, i64)> = trail.points.iter().map(|&(e, v)| at(e, v)).collect();
    for (k, &from) in cells.iter().enumerate() {
        let to = cells.get(k + 1).copied().unwrap_or(now);
        for (x, y) in between(from, to) {
            view.paint_free(buf, x, y, '·', faint);
        }
        if trail.crossed.get(k).copied().unwrap_or(false) {
            for (x, y) in crossings(from, to, l.boundaries) {
                view.paint(buf, x, y, '×', crossing.add_modifier(Modifier::BOLD));
            }
        }
    }
    for &(x, y) in &cells {
        if (x, y) != now {
            view.paint_free(buf, x, y, '∘', faint);
        }
    }
}

/// The diff view's old map and what changed since, when it is on for the map shown.
fn diff_of(pane: &LandscapePane, ctx: &Ctx) -> Option<(std::sync::Arc<MapAtRev>, MapDiff)> {
    let map = pane.current_map(ctx.ws)?;
    let d = pane.time.diff.as_ref().filter(|d| d.map == map.id)?;
    let super::time::Loaded::Ready(old) = &d.old else {
        return None;
    };
    let diff = diff_map(old.map.as_ref(), Some(map));
    let old = old.clone();
    Some((old, diff))
}
