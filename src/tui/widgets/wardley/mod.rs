//! Laying a Wardley map out on a grid of terminal cells: pure geometry, no ratatui.
//!
//! The map's `[visibility, evolution]` coordinates are projected onto a virtual
//! grid (the plot area times the zoom, see owm-language §9). Markers go first,
//! then the fixed glyphs (evolve arrows, inertia bars, pipeline boxes), then the
//! labels where they collide with nothing (right, left, above, below; then a
//! shortened name; then a short ID listed in a legend), then flow labels,
//! notes, annotations and area names where room is left, and last the
//! value-chain links, routed as Braille dots through the cells nothing else
//! uses, so a link never overwrites a label. Flows are drawn thick, with an
//! arrowhead. Pioneers / settlers / town planners areas are background boxes:
//! they take no cell, anything else is drawn over them.

pub mod fixtures;
pub mod nav;
pub mod posbar;
pub mod route;

use std::collections::HashMap;

use unicode_width::UnicodeWidthChar;

use crate::text::inert;
use crate::workspace::model::{AreaKind, ComponentKind, LinkFlow, WardleyMap, STAGE_BOUNDARIES};

/// Largest virtual grid we lay out, whatever the zoom: keeps memory bounded.
pub const MAX_GRID_WIDTH: u16 = 2400;
pub const MAX_GRID_HEIGHT: u16 = 800;

/// Names wider than this are tried shortened before falling back to a short ID.
const SHORTEN_OVER: usize = 16;
const SHORTEN_TO: usize = 12;
const NOTE_MAX: usize = 28;

/// Treats NaN as 0 and clamps into 0..=1 (the parser does not clamp; we draw inside the grid).
fn unit(v: f64) -> f64 {
    if v.is_nan() {
        0.0
    } else {
        v.clamp(0.0, 1.0)
    }
}

/// OWM's projection onto `width` × `height` cells (owm-language §9):
/// `col = round(m × (W − 1))`, `row = round((1 − v) × (H − 1))`,
/// boundaries at `round(0.175 W)`, `round(0.40 W)`, `round(0.70 W)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Projection {
    pub width: u16,
    pub height: u16,
}

impl Projection {
    pub fn new(width: u16, height: u16) -> Self {
        Projection {
            width: width.clamp(1, MAX_GRID_WIDTH),
            height: height.clamp(1, MAX_GRID_HEIGHT),
        }
    }

    pub fn col(&self, evolution: f64) -> u16 {
        (unit(evolution) * f64::from(self.width - 1)).round() as u16
    }

    pub fn row(&self, visibility: f64) -> u16 {
        ((1.0 - unit(visibility)) * f64::from(self.height - 1)).round() as u16
    }

    pub fn boundary_cols(&self) -> [u16; 3] {
        STAGE_BOUNDARIES.map(|b| ((b * f64::from(self.width)).round() as u16).min(self.width - 1))
    }
}

/// Display width of a string as the grid draws it: per char, zero-width chars dropped.
pub fn text_width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Cuts `s` to at most `max` columns, ending with `…` when cut (the one text-fitting rule).
pub fn truncate(s: &str, max: usize) -> String {
    crate::tui::widgets::text::truncate(s, max).into_owned()
}

/// A name made safe and single-line for the grid.
pub fn display_name(name: &str) -> String {
    let one_line = name.replace(['\n', '\r'], " ");
    inert(one_line.trim()).into_owned()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub x: u16,
    pub y: u16,
    pub glyph: char,
}

pub fn marker_glyph(kind: ComponentKind) -> char {
    match kind {
        ComponentKind::Component => '●',
        ComponentKind::Anchor => '◆',
        ComponentKind::Submap => '◎',
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlyphKind {
    /// The dotted shaft of an evolve arrow, owned by a component.
    EvolveShaft,
    /// The head `>` (or `<`) at the evolve target.
    EvolveHead,
    Inertia,
    Pipeline,
    /// An accelerator (`»`) or deaccelerator (`«`); owner is its index in `map.accelerators`.
    Accelerator,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph {
    pub x: u16,
    pub y: u16,
    pub ch: char,
    pub kind: GlyphKind,
    /// Component index (or accelerator index for `Accelerator`).
    pub owner: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// A component's full (or shortened) name.
    Label,
    /// A component's short ID; the legend spells the name out.
    ShortId,
    /// The name of an evolved copy (`evolve Old->New`).
    EvolvedName,
    /// Owner is the note index.
    Note,
    /// `(n)` at an annotation point; owner is the annotation index.
    Annotation,
    /// Owner is the accelerator index.
    AcceleratorName,
    /// A flow's value (`A+'2.9%'>B`); owner is the link index in `links`.
    FlowLabel,
    /// An area's name (or its initial) on its edge; owner is the area index in `areas`.
    AreaName,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedText {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub text: String,
    pub kind: TextKind,
    pub owner: usize,
}

/// A component whose name is not written beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LegendEntry {
    pub component: usize,
    /// False when not even the short ID found room (select it to see it).
    pub placed: bool,
}

/// One value-chain link as Braille dots: (cell index `y × width + x`, dot bits).
/// A cell may be listed more than once (a flow's two strokes); its bits are OR-ed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkPath {
    pub from: usize,
    pub to: usize,
    pub flow: LinkFlow,
    pub cells: Vec<(u32, u8)>,
    /// A flow's arrowheads: (cell index, arrow), drawn instead of the dots there.
    pub heads: Vec<(u32, char)>,
}

/// A pioneers / settlers / town planners area as a box of cells, corners inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaBox {
    pub kind: AreaKind,
    pub x0: u16,
    pub y0: u16,
    pub x1: u16,
    pub y1: u16,
}

impl AreaBox {
    /// The outline glyph at (x, y), or None when the cell is not on the outline.
    pub fn outline(&self, x: u16, y: u16) -> Option<char> {
        let (top, bottom) = (y == self.y0, y == self.y1);
        let (left, right) = (x == self.x0, x == self.x1);
        let inside = (self.x0..=self.x1).contains(&x) && (self.y0..=self.y1).contains(&y);
        if !inside || !(top || bottom || left || right) {
            return None;
        }
        Some(match (top, bottom, left, right) {
            (true, true, true, true) => '□',
            (true, true, _, _) => '─',
            (_, _, true, true) => '│',
            (true, _, true, _) => '╭',
            (true, _, _, true) => '╮',
            (_, true, true, _) => '╰',
            (_, true, _, true) => '╯',
            (true, _, _, _) | (_, true, _, _) => '─',
            _ => '│',
        })
    }
}

/// How an area is named on the map, in full and as an initial.
pub fn area_name(kind: AreaKind) -> (&'static str, &'static str) {
    match kind {
        AreaKind::Pioneers => ("pioneers", "P"),
        AreaKind::Settlers => ("settlers", "S"),
        AreaKind::Townplanners => ("town planners", "T"),
    }
}

/// The arrow pointing along (dx, dy), y growing downward; cells are about twice as tall as wide.
pub fn arrow(dx: i64, dy: i64) -> char {
    const ARROWS: [char; 8] = ['→', '↗', '↑', '↖', '←', '↙', '↓', '↘'];
    let angle = (-(dy as f64) * 2.0).atan2(dx as f64);
    let sector = (angle / std::f64::consts::FRAC_PI_4).round() as i64;
    ARROWS[sector.rem_euclid(8) as usize]
}

/// Everything the pane draws, in virtual-grid cells.
#[derive(Debug, Clone, Default)]
pub struct MapLayout {
    pub width: u16,
    pub height: u16,
    pub boundaries: [u16; 3],
    /// One per component, index-aligned with `map.components`.
    pub markers: Vec<Marker>,
    pub glyphs: Vec<Glyph>,
    pub texts: Vec<PlacedText>,
    /// Per component: index into `texts` of its label or short ID.
    pub label_of: Vec<Option<usize>>,
    pub legend: Vec<LegendEntry>,
    pub links: Vec<LinkPath>,
    pub areas: Vec<AreaBox>,
    pub hidden_notes: usize,
}

/// Short ID of a component: its 1-based position in the map.
pub fn short_id(component: usize) -> String {
    (component + 1).to_string()
}

const MARKER: u8 = 1;
const LABEL: u8 = 2;
const GLYPH: u8 = 4;

/// What each virtual cell holds while laying out.
pub(crate) struct Occupancy {
    w: usize,
    h: usize,
    cells: Vec<u8>,
}

impl Occupancy {
    fn new(w: u16, h: u16) -> Self {
        let (w, h) = (usize::from(w), usize::from(h));
        Occupancy {
            w,
            h,
            cells: vec![0; w * h],
        }
    }

    fn get(&self, x: i64, y: i64) -> u8 {
        if x < 0 || y < 0 || x >= self.w as i64 || y >= self.h as i64 {
            return 0;
        }
        self.cells[y as usize * self.w + x as usize]
    }

    fn set(&mut self, x: i64, y: i64, flag: u8) {
        if x >= 0 && y >= 0 && (x as usize) < self.w && (y as usize) < self.h {
            self.cells[y as usize * self.w + x as usize] |= flag;
        }
    }

    pub(crate) fn blocked(&self, index: usize) -> bool {
        self.cells.get(index).is_some_and(|c| *c != 0)
    }

    /// Can a text of width `w` sit at (x, y)? Nothing under it, and no other text
    /// or marker directly before or after it (so two names never run together).
    fn fits(&self, x: i64, y: i64, w: usize) -> bool {
        let w = w as i64;
        if w == 0 || x < 0 || y < 0 || y >= self.h as i64 || x + w > self.w as i64 {
            return false;
        }
        let row = y as usize * self.w;
        if self.cells[row + x as usize..row + (x + w) as usize]
            .iter()
            .any(|c| *c != 0)
        {
            return false;
        }
        self.get(x - 1, y) & (LABEL | MARKER) == 0 && self.get(x + w, y) & (LABEL | MARKER) == 0
    }

    fn take(&mut self, x: i64, y: i64, w: usize) {
        for i in 0..w as i64 {
            self.set(x + i, y, LABEL);
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Right,
    Left,
    Above,
    Below,
}

/// Candidate origins for a text of width `w` beside a point, in the preferred order.
fn candidates(cx: i64, cy: i64, w: usize, grid_w: usize, prefer_left: bool) -> Vec<(i64, i64)> {
    let w = w as i64;
    let sides = if prefer_left {
        [Side::Left, Side::Right, Side::Above, Side::Below]
    } else {
        [Side::Right, Side::Left, Side::Above, Side::Below]
    };
    let clamp_x = |x: i64| x.clamp(0, (grid_w as i64 - w).max(0));
    let mut out = Vec::with_capacity(8);
    for side in sides {
        match side {
            Side::Right => out.push((cx + 2, cy)),
            Side::Left => out.push((cx - 1 - w, cy)),
            Side::Above | Side::Below => {
                let y = if side == Side::Above { cy - 1 } else { cy + 1 };
                for x in [cx - w / 2, cx, cx - w + 1] {
                    let p = (clamp_x(x), y);
                    if !out.contains(&p) {
                        out.push(p);
                    }
                }
            }
        }
    }
    out
}

fn place(occ: &mut Occupancy, cands: &[(i64, i64)], w: usize) -> Option<(u16, u16)> {
    let &(x, y) = cands.iter().find(|(x, y)| occ.fits(*x, *y, w))?;
    occ.take(x, y, w);
    Some((x as u16, y as u16))
}

/// Lays `map` out on a `width` × `height` virtual grid. Never panics: sizes are
/// clamped to 1..=MAX, coordinates to 0..1, dangling needs are skipped.
pub fn layout(map: &WardleyMap, width: u16, height: u16) -> MapLayout {
    let proj = Projection::new(width, height);
    let (w, h) = (proj.width, proj.height);
    let mut occ = Occupancy::new(w, h);
    let mut out = MapLayout {
        width: w,
        height: h,
        boundaries: proj.boundary_cols(),
        ..MapLayout::default()
    };
    let n = map.components.len();
    let index: HashMap<&str, usize> = map
        .components
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();

    // 0. areas: boxes in the background, taking no cell.
    out.areas = map
        .areas
        .iter()
        .map(|a| {
            let [v1, m1, v2, m2] = a.rect;
            let (xa, xb) = (proj.col(m1), proj.col(m2));
            let (ya, yb) = (proj.row(v1), proj.row(v2));
            AreaBox {
                kind: a.kind,
                x0: xa.min(xb),
                y0: ya.min(yb),
                x1: xa.max(xb),
                y1: ya.max(yb),
            }
        })
        .collect();

    // 1. markers; components sharing a cell are nudged to a free neighbour.
    const NUDGE: [(i64, i64); 11] = [
        (0, 0),
        (1, 0),
        (-1, 0),
        (0, 1),
        (0, -1),
        (2, 0),
        (-2, 0),
        (1, 1),
        (-1, -1),
        (1, -1),
        (-1, 1),
    ];
    for c in &map.components {
        let (cx, cy) = (
            i64::from(proj.col(c.evolution)),
            i64::from(proj.row(c.visibility)),
        );
        let (x, y) = NUDGE
            .iter()
            .map(|(dx, dy)| (cx + dx, cy + dy))
            .find(|&(x, y)| {
                x >= 0 && y >= 0 && x < i64::from(w) && y < i64::from(h) && occ.get(x, y) == 0
            })
            .unwrap_or((cx, cy));
        occ.set(x, y, MARKER);
        out.markers.push(Marker {
            x: x as u16,
            y: y as u16,
            glyph: marker_glyph(c.kind),
        });
    }

    // 2. fixed glyphs: inertia bars, evolve arrows, pipeline boxes, accelerators.
    // Where each evolve shaft glyph sits, so a head finds the shaft under it without a scan of
    // every glyph (quadratic on a map of thousands of evolving components).
    let mut shaft_at: HashMap<(i64, i64), usize> = HashMap::new();
    for (i, c) in map.components.iter().enumerate() {
        let m = out.markers[i];
        let (x, y) = (i64::from(m.x), i64::from(m.y));
        let target = c.evolve.map(|t| i64::from(proj.col(t)));
        if c.inertia {
            let ix = inertia_col(&proj, c.evolution, c.evolve, x);
            let ix = if occ.get(ix, y) & MARKER != 0 {
                ix + 1
            } else {
                ix
            };
            if (0..i64::from(w)).contains(&ix) && occ.get(ix, y) == 0 {
                occ.set(ix, y, GLYPH);
                out.glyphs.push(glyph(ix, y, '┃', GlyphKind::Inertia, i));
            }
        }
        if let Some(tx) = target.filter(|tx| *tx != x) {
            let step = if tx > x { 1 } else { -1 };
            let mut cx = x + step;
            while cx != tx {
                if occ.get(cx, y) == 0 {
                    occ.set(cx, y, GLYPH);
                    shaft_at.entry((cx, y)).or_insert(out.glyphs.len());
                    out.glyphs
                        .push(glyph(cx, y, '·', GlyphKind::EvolveShaft, i));
                }
                cx += step;
            }
            let head = if step > 0 { '>' } else { '<' };
            // the head goes on the target cell, or just short of it when a marker sits there
            let hx = if occ.get(tx, y) & MARKER != 0 {
                tx - step
            } else {
                tx
            };
            if hx != x && occ.get(hx, y) & (MARKER | LABEL) == 0 {
                // a shaft already turned into a head is no shaft any more
                let shaft = shaft_at
                    .get(&(hx, y))
                    .copied()
                    .filter(|&k| out.glyphs[k].kind == GlyphKind::EvolveShaft);
                if let Some(k) = shaft {
                    let g = &mut out.glyphs[k];
                    g.ch = head;
                    g.kind = GlyphKind::EvolveHead;
                } else if occ.get(hx, y) == 0 {
                    occ.set(hx, y, GLYPH);
                    out.glyphs
                        .push(glyph(hx, y, head, GlyphKind::EvolveHead, i));
                }
            }
        }
    }
    // the columns each pipeline's children span, in one pass (a scan per pipeline is quadratic)
    let mut child_span: HashMap<&str, (i64, i64)> = HashMap::new();
    for (j, c) in map.components.iter().enumerate() {
        if let Some(p) = c.pipeline.as_deref() {
            let x = i64::from(out.markers[j].x);
            let span = child_span.entry(p).or_insert((x, x));
            *span = (span.0.min(x), span.1.max(x));
        }
    }
    for p in &map.pipelines {
        let Some(&parent) = index.get(p.component.as_str()) else {
            continue;
        };
        let span = match p.range {
            Some([a, b]) => Some((i64::from(proj.col(a.min(b))), i64::from(proj.col(a.max(b))))),
            None => child_span.get(p.component.as_str()).copied(),
        };
        let Some((x0, x1)) = span else { continue };
        let py = i64::from(out.markers[parent].y);
        let (y, left, right) = if py + 1 < i64::from(h) {
            (py + 1, '└', '┘')
        } else {
            (py - 1, '┌', '┐')
        };
        let (x0, x1) = ((x0 - 1).max(0), (x1 + 1).min(i64::from(w) - 1));
        for x in x0..=x1 {
            if occ.get(x, y) & (MARKER | GLYPH) != 0 {
                continue;
            }
            let ch = if x == x0 {
                left
            } else if x == x1 {
                right
            } else {
                '─'
            };
            occ.set(x, y, GLYPH);
            out.glyphs
                .push(glyph(x, y, ch, GlyphKind::Pipeline, parent));
        }
    }
    for (i, a) in map.accelerators.iter().enumerate() {
        let (x, y) = (
            i64::from(proj.col(a.evolution)),
            i64::from(proj.row(a.visibility)),
        );
        if occ.get(x, y) == 0 {
            occ.set(x, y, GLYPH);
            let ch = if a.decelerator { '«' } else { '»' };
            out.glyphs.push(glyph(x, y, ch, GlyphKind::Accelerator, i));
        }
    }

    // 3. component labels: anchors first, then down the value chain.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        let (ca, cb) = (&map.components[a], &map.components[b]);
        let anchor = |c: &crate::workspace::model::Component| c.kind != ComponentKind::Anchor;
        anchor(ca)
            .cmp(&anchor(cb))
            .then(
                unit(cb.visibility)
                    .partial_cmp(&unit(ca.visibility))
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
            .then(a.cmp(&b))
    });
    out.label_of = vec![None; n];
    for &i in &order {
        let c = &map.components[i];
        let m = out.markers[i];
        let (cx, cy) = (i64::from(m.x), i64::from(m.y));
        // OWM label offsets are hints: a negative x offset asks for the left side.
        let prefer_left = c
            .label
            .is_some_and(|[lx, ly]| lx < 0.0 && lx.abs() < 800.0 && ly.abs() < 800.0);
        let name = display_name(&c.name);
        let mut tries: Vec<(String, TextKind)> = vec![(name.clone(), TextKind::Label)];
        if text_width(&name) > SHORTEN_OVER {
            tries.push((truncate(&name, SHORTEN_TO), TextKind::Label));
        }
        tries.push((short_id(i), TextKind::ShortId));
        let mut placed = false;
        for (text, kind) in tries {
            let tw = text_width(&text);
            let cands = candidates(cx, cy, tw, usize::from(w), prefer_left);
            if let Some((x, y)) = place(&mut occ, &cands, tw) {
                out.label_of[i] = Some(out.texts.len());
                if kind == TextKind::ShortId || text != name {
                    out.legend.push(LegendEntry {
                        component: i,
                        placed: true,
                    });
                }
                out.texts.push(PlacedText {
                    x,
                    y,
                    width: tw as u16,
                    text,
                    kind,
                    owner: i,
                });
                placed = true;
                break;
            }
        }
        if !placed {
            out.legend.push(LegendEntry {
                component: i,
                placed: false,
            });
        }
    }
    out.legend.sort_by_key(|e| e.component);

    // 4. secondary texts where room is left: evolved names, accelerator names, notes, annotations.
    let mut head_of: HashMap<usize, Glyph> = HashMap::new();
    for g in &out.glyphs {
        if g.kind == GlyphKind::EvolveHead {
            head_of.entry(g.owner).or_insert(*g);
        }
    }
    for (i, c) in map.components.iter().enumerate() {
        let Some(new_name) = c.evolve_name.as_deref().filter(|s| !s.trim().is_empty()) else {
            continue;
        };
        let Some(head) = head_of.get(&i).copied() else {
            continue;
        };
        let text = truncate(&display_name(new_name), SHORTEN_OVER + 8);
        let tw = text_width(&text);
        let cands = candidates(
            i64::from(head.x),
            i64::from(head.y),
            tw,
            usize::from(w),
            false,
        );
        if let Some((x, y)) = place(&mut occ, &cands, tw) {
            out.texts.push(PlacedText {
                x,
                y,
                width: tw as u16,
                text,
                kind: TextKind::EvolvedName,
                owner: i,
            });
        }
    }
    let accelerators: Vec<Glyph> = out
        .glyphs
        .iter()
        .filter(|g| g.kind == GlyphKind::Accelerator)
        .copied()
        .collect();
    for g in accelerators {
        let Some(a) = map.accelerators.get(g.owner) else {
            continue;
        };
        let text = truncate(&display_name(&a.name), SHORTEN_OVER);
        let tw = text_width(&text);
        let cands = candidates(i64::from(g.x), i64::from(g.y), tw, usize::from(w), false);
        if let Some((x, y)) = place(&mut occ, &cands, tw) {
            out.texts.push(PlacedText {
                x,
                y,
                width: tw as u16,
                text,
                kind: TextKind::AcceleratorName,
                owner: g.owner,
            });
        }
    }
    // the links, in the order step 5 routes them, so a flow label can name its link
    let pairs: Vec<(usize, usize, &crate::workspace::model::Need)> = map
        .components
        .iter()
        .enumerate()
        .flat_map(|(i, c)| c.needs.iter().map(move |need| (i, need)))
        .filter_map(|(i, need)| {
            let &j = index.get(need.to.as_str())?;
            (i != j).then_some((i, j, need))
        })
        .collect();
    for (k, (i, j, need)) in pairs.iter().enumerate() {
        let Some(label) = need.label.as_deref().filter(|l| !l.trim().is_empty()) else {
            continue;
        };
        if need.flow == LinkFlow::None {
            continue;
        }
        let text = truncate(&display_name(label), SHORTEN_OVER);
        let tw = text_width(&text) as i64;
        let (a, b) = (out.markers[*i], out.markers[*j]);
        let (mx, my) = (
            (i64::from(a.x) + i64::from(b.x)) / 2,
            (i64::from(a.y) + i64::from(b.y)) / 2,
        );
        let cx = mx - tw / 2;
        let cands = [
            (cx, my),
            (cx, my - 1),
            (cx, my + 1),
            (mx + 1, my),
            (mx - tw, my),
        ];
        if let Some((x, y)) = place(&mut occ, &cands, tw as usize) {
            out.texts.push(PlacedText {
                x,
                y,
                width: tw as u16,
                text,
                kind: TextKind::FlowLabel,
                owner: k,
            });
        }
    }
    for (i, note) in map.notes.iter().enumerate() {
        let text = truncate(&display_name(&note.text), NOTE_MAX);
        let tw = text_width(&text);
        let (x, y) = (
            i64::from(proj.col(note.evolution)),
            i64::from(proj.row(note.visibility)),
        );
        let clamp_x = |x: i64| x.clamp(0, (i64::from(w) - tw as i64).max(0));
        let cands: Vec<(i64, i64)> = [y, y + 1, y - 1]
            .iter()
            .flat_map(|&yy| {
                [x, x - tw as i64 / 2, x - tw as i64 + 1]
                    .into_iter()
                    .map(move |xx| (clamp_x(xx), yy))
            })
            .collect();
        match place(&mut occ, &cands, tw) {
            Some((x, y)) => out.texts.push(PlacedText {
                x,
                y,
                width: tw as u16,
                text,
                kind: TextKind::Note,
                owner: i,
            }),
            None => out.hidden_notes += 1,
        }
    }
    for (i, a) in map.annotations.iter().enumerate() {
        let text = format!("({})", a.number);
        let tw = text_width(&text);
        for [v, m] in &a.points {
            let (x, y) = (i64::from(proj.col(*m)), i64::from(proj.row(*v)));
            let cx = x - tw as i64 / 2;
            let cands = [
                (cx, y),
                (x + 1, y),
                (x - tw as i64, y),
                (cx, y - 1),
                (cx, y + 1),
            ];
            if let Some((x, y)) = place(&mut occ, &cands, tw) {
                out.texts.push(PlacedText {
                    x,
                    y,
                    width: tw as u16,
                    text: text.clone(),
                    kind: TextKind::Annotation,
                    owner: i,
                });
            }
        }
    }

    // area names last of the texts: an area is background, every other text wins
    for (k, area) in out.areas.iter().enumerate() {
        let (full, initial) = area_name(area.kind);
        if let Some((x, y, text)) = place_area_name(&mut occ, area, full, initial) {
            out.texts.push(PlacedText {
                x,
                y,
                width: text_width(text) as u16,
                text: text.to_string(),
                kind: TextKind::AreaName,
                owner: k,
            });
        }
    }

    // 5. links, through the cells left free; flows thick, with arrowheads.
    for (i, j, need) in pairs {
        let (a, b) = (out.markers[i], out.markers[j]);
        let (pa, pb) = ((a.x, a.y), (b.x, b.y));
        let mut cells = route::braille_line(&occ, pa, pb);
        let mut heads = Vec::new();
        if need.flow != LinkFlow::None {
            let (dx, dy) = (
                i64::from(b.x) - i64::from(a.x),
                i64::from(b.y) - i64::from(a.y),
            );
            // the second stroke sits one dot below a flat line, one dot left of a steep one
            let aside = if dx.abs() >= 2 * dy.abs() {
                (0, 1)
            } else {
                (-1, 0)
            };
            let second = route::braille_line_aside(&occ, pa, pb, aside);
            // heads at the ends of the first stroke (of the second where the first found no room)
            let stroke = if cells.is_empty() { &second } else { &cells };
            if matches!(need.flow, LinkFlow::Forward | LinkFlow::Both) {
                if let Some(&(cell, _)) = stroke.last() {
                    heads.push((cell, arrow(dx, dy)));
                }
            }
            if matches!(need.flow, LinkFlow::Backward | LinkFlow::Both) {
                if let Some(&(cell, _)) =
                    stroke.first().filter(|c| heads.iter().all(|h| h.0 != c.0))
                {
                    heads.push((cell, arrow(-dx, -dy)));
                }
            }
            cells.extend(second);
        }
        out.links.push(LinkPath {
            from: i,
            to: j,
            flow: need.flow,
            cells,
            heads,
        });
    }
    out
}

/// Where an area's name goes: on its top edge (left, then right end), then its
/// bottom edge, then just inside; the initial when the full name finds no room
/// there.
fn place_area_name(
    occ: &mut Occupancy,
    area: &AreaBox,
    full: &'static str,
    initial: &'static str,
) -> Option<(u16, u16, &'static str)> {
    let (x0, y0, x1, y1) = (
        i64::from(area.x0),
        i64::from(area.y0),
        i64::from(area.x1),
        i64::from(area.y1),
    );
    for text in [full, initial] {
        let w = text_width(text) as i64;
        // inside the corners; only the initial may cover a corner, in a box too narrow for it
        let (left, right) = if x1 - x0 > w {
            (x0 + 1, x1 - w)
        } else if text == initial {
            (x0, x0)
        } else {
            continue;
        };
        let mut cands = vec![(left, y0), (right, y0), (left, y1), (right, y1)];
        if y1 - y0 >= 2 {
            cands.push((left, y0 + 1));
        }
        if let Some((x, y)) = place(occ, &cands, w as usize) {
            return Some((x, y, text));
        }
    }
    None
}

fn glyph(x: i64, y: i64, ch: char, kind: GlyphKind, owner: usize) -> Glyph {
    Glyph {
        x: x as u16,
        y: y as u16,
        ch,
        kind,
        owner,
    }
}

/// Where the inertia bar goes (owm-language §2): at the first stage boundary
/// crossed on the way to the evolve target; without one, just ahead of the component.
fn inertia_col(proj: &Projection, evolution: f64, evolve: Option<f64>, x: i64) -> i64 {
    let m = unit(evolution);
    let crossed = evolve.map(unit).and_then(|t| {
        if t > m {
            STAGE_BOUNDARIES.iter().copied().find(|b| *b > m && *b <= t)
        } else {
            STAGE_BOUNDARIES
                .iter()
                .rev()
                .copied()
                .find(|b| *b <= m && *b > t)
        }
    });
    match crossed {
        Some(b) => {
            let bx = i64::from(((b * f64::from(proj.width)).round() as u16).min(proj.width - 1));
            if bx == x {
                x + 1
            } else {
                bx
            }
        }
        None => {
            let ahead = if evolve.is_some_and(|t| unit(t) < m) {
                -1
            } else {
                1
            };
            let ox = i64::from(proj.col(m + 0.05 * ahead as f64));
            if ox == x {
                x + ahead
            } else {
                ox
            }
        }
    }
}

impl MapLayout {
    /// The component whose marker or label covers the cell, if any.
    pub fn hit(&self, x: u16, y: u16) -> Option<usize> {
        if let Some(i) = self.markers.iter().position(|m| m.x == x && m.y == y) {
            return Some(i);
        }
        self.texts
            .iter()
            .filter(|t| matches!(t.kind, TextKind::Label | TextKind::ShortId))
            .find(|t| t.y == y && x >= t.x && x < t.x.saturating_add(t.width))
            .map(|t| t.owner)
    }
}

#[cfg(test)]
mod tests;
