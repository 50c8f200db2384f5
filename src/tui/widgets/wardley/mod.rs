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
mod steps;

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

/// Lays `map` out on a `width` × `height` virtual grid, one step per job (see the module
/// comment for the order and why). Never panics: sizes are clamped to 1..=MAX, coordinates to
/// 0..1, dangling needs are skipped.
pub fn layout(map: &WardleyMap, width: u16, height: u16) -> MapLayout {
    let mut b = steps::Builder::new(map, width, height);
    b.areas();
    b.markers();
    b.inertia_and_evolve_glyphs();
    b.pipelines();
    b.accelerators();
    b.labels();
    b.evolved_names();
    b.accelerator_names();
    let pairs = b.link_pairs();
    b.flow_labels(&pairs);
    b.notes();
    b.annotations();
    b.area_names();
    b.links(&pairs);
    b.finish()
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
