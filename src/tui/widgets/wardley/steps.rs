//! The steps of [`super::layout`], one per job, in the order they run: each takes the cells
//! it draws on in the shared [`Occupancy`], so a later step only finds what earlier ones left
//! free (markers before glyphs before labels before secondary texts before links).

use std::collections::HashMap;

use super::{
    area_name, arrow, candidates, display_name, glyph, inertia_col, marker_glyph, place,
    place_area_name, route, short_id, text_width, truncate, unit, AreaBox, Glyph, GlyphKind,
    LegendEntry, LinkPath, MapLayout, Marker, Occupancy, PlacedText, Projection, TextKind, GLYPH,
    LABEL, MARKER, NOTE_MAX, SHORTEN_OVER, SHORTEN_TO,
};
use crate::workspace::model::{Component, ComponentKind, LinkFlow, Need, WardleyMap};

/// A value-chain link to draw: from component, to component, and the need it comes from.
pub(super) type Pair<'m> = (usize, usize, &'m Need);

/// Where components sharing a cell are nudged to, nearest first.
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

/// The layout under way: the map, its projection, the cells taken, and what is placed.
pub(super) struct Builder<'m> {
    map: &'m WardleyMap,
    proj: Projection,
    occ: Occupancy,
    out: MapLayout,
    /// Component id → index in `map.components`.
    index: HashMap<&'m str, usize>,
}

impl<'m> Builder<'m> {
    pub(super) fn new(map: &'m WardleyMap, width: u16, height: u16) -> Builder<'m> {
        let proj = Projection::new(width, height);
        let out = MapLayout {
            width: proj.width,
            height: proj.height,
            boundaries: proj.boundary_cols(),
            ..MapLayout::default()
        };
        let index = map
            .components
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        Builder {
            map,
            proj,
            occ: Occupancy::new(proj.width, proj.height),
            out,
            index,
        }
    }

    pub(super) fn finish(self) -> MapLayout {
        self.out
    }

    fn width(&self) -> i64 {
        i64::from(self.proj.width)
    }

    /// Areas: boxes in the background, taking no cell.
    pub(super) fn areas(&mut self) {
        let proj = self.proj;
        self.out.areas = self
            .map
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
    }

    /// Markers; components sharing a cell are nudged to a free neighbour.
    pub(super) fn markers(&mut self) {
        let (w, h) = (self.width(), i64::from(self.proj.height));
        for c in &self.map.components {
            let (cx, cy) = (
                i64::from(self.proj.col(c.evolution)),
                i64::from(self.proj.row(c.visibility)),
            );
            let occ = &self.occ;
            let (x, y) = NUDGE
                .iter()
                .map(|(dx, dy)| (cx + dx, cy + dy))
                .find(|&(x, y)| x >= 0 && y >= 0 && x < w && y < h && occ.get(x, y) == 0)
                .unwrap_or((cx, cy));
            self.occ.set(x, y, MARKER);
            self.out.markers.push(Marker {
                x: x as u16,
                y: y as u16,
                glyph: marker_glyph(c.kind),
            });
        }
    }

    /// Inertia bars and evolve arrows (shaft, then head on the target).
    pub(super) fn inertia_and_evolve_glyphs(&mut self) {
        let w = self.width();
        // Where each evolve shaft glyph sits, so a head finds the shaft under it without a
        // scan of every glyph (quadratic on a map of thousands of evolving components).
        let mut shaft_at: HashMap<(i64, i64), usize> = HashMap::new();
        let (occ, out) = (&mut self.occ, &mut self.out);
        for (i, c) in self.map.components.iter().enumerate() {
            let m = out.markers[i];
            let (x, y) = (i64::from(m.x), i64::from(m.y));
            let target = c.evolve.map(|t| i64::from(self.proj.col(t)));
            if c.inertia {
                let ix = inertia_col(&self.proj, c.evolution, c.evolve, x);
                let ix = if occ.get(ix, y) & MARKER != 0 {
                    ix + 1
                } else {
                    ix
                };
                if (0..w).contains(&ix) && occ.get(ix, y) == 0 {
                    occ.set(ix, y, GLYPH);
                    out.glyphs.push(glyph(ix, y, '┃', GlyphKind::Inertia, i));
                }
            }
            let Some(tx) = target.filter(|tx| *tx != x) else {
                continue;
            };
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

    /// Pipeline boxes: a bracket under (or over) the parent spanning its range or children.
    pub(super) fn pipelines(&mut self) {
        let (w, h) = (self.width(), i64::from(self.proj.height));
        // the columns each pipeline's children span, in one pass (a scan per pipeline is quadratic)
        let mut child_span: HashMap<&str, (i64, i64)> = HashMap::new();
        for (j, c) in self.map.components.iter().enumerate() {
            if let Some(p) = c.pipeline.as_deref() {
                let x = i64::from(self.out.markers[j].x);
                let span = child_span.entry(p).or_insert((x, x));
                *span = (span.0.min(x), span.1.max(x));
            }
        }
        for p in &self.map.pipelines {
            let Some(&parent) = self.index.get(p.component.as_str()) else {
                continue;
            };
            let span = match p.range {
                Some([a, b]) => Some((
                    i64::from(self.proj.col(a.min(b))),
                    i64::from(self.proj.col(a.max(b))),
                )),
                None => child_span.get(p.component.as_str()).copied(),
            };
            let Some((x0, x1)) = span else { continue };
            let py = i64::from(self.out.markers[parent].y);
            let (y, left, right) = if py + 1 < h {
                (py + 1, '└', '┘')
            } else {
                (py - 1, '┌', '┐')
            };
            let (x0, x1) = ((x0 - 1).max(0), (x1 + 1).min(w - 1));
            for x in x0..=x1 {
                if self.occ.get(x, y) & (MARKER | GLYPH) != 0 {
                    continue;
                }
                let ch = if x == x0 {
                    left
                } else if x == x1 {
                    right
                } else {
                    '─'
                };
                self.occ.set(x, y, GLYPH);
                self.out
                    .glyphs
                    .push(glyph(x, y, ch, GlyphKind::Pipeline, parent));
            }
        }
    }

    /// Accelerator and decelerator glyphs, where their cell is free.
    pub(super) fn accelerators(&mut self) {
        for (i, a) in self.map.accelerators.iter().enumerate() {
            let (x, y) = (
                i64::from(self.proj.col(a.evolution)),
                i64::from(self.proj.row(a.visibility)),
            );
            if self.occ.get(x, y) == 0 {
                self.occ.set(x, y, GLYPH);
                let ch = if a.decelerator { '«' } else { '»' };
                self.out
                    .glyphs
                    .push(glyph(x, y, ch, GlyphKind::Accelerator, i));
            }
        }
    }

    /// Component labels: anchors first, then down the value chain; the full name, a
    /// shortened one, then a short ID, each listed in the legend when it is not the name.
    pub(super) fn labels(&mut self) {
        let map = self.map;
        let n = map.components.len();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| {
            let (ca, cb) = (&map.components[a], &map.components[b]);
            let anchor = |c: &Component| c.kind != ComponentKind::Anchor;
            anchor(ca)
                .cmp(&anchor(cb))
                .then(
                    unit(cb.visibility)
                        .partial_cmp(&unit(ca.visibility))
                        .unwrap_or(std::cmp::Ordering::Equal),
                )
                .then(a.cmp(&b))
        });
        self.out.label_of = vec![None; n];
        for i in order {
            let placed = self.label(i);
            if !placed {
                self.out.legend.push(LegendEntry {
                    component: i,
                    placed: false,
                });
            }
        }
        self.out.legend.sort_by_key(|e| e.component);
    }

    /// The label of component `i`; false when none of its forms found room.
    fn label(&mut self, i: usize) -> bool {
        let c = &self.map.components[i];
        let m = self.out.markers[i];
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
        for (text, kind) in tries {
            let tw = text_width(&text);
            let cands = candidates(cx, cy, tw, usize::from(self.proj.width), prefer_left);
            if let Some((x, y)) = place(&mut self.occ, &cands, tw) {
                self.out.label_of[i] = Some(self.out.texts.len());
                if kind == TextKind::ShortId || text != name {
                    self.out.legend.push(LegendEntry {
                        component: i,
                        placed: true,
                    });
                }
                self.push_text(x, y, text, kind, i);
                return true;
            }
        }
        false
    }

    fn push_text(&mut self, x: u16, y: u16, text: String, kind: TextKind, owner: usize) {
        self.out.texts.push(PlacedText {
            x,
            y,
            width: text_width(&text) as u16,
            text,
            kind,
            owner,
        });
    }

    /// A text of `kind` beside the point (x, y) (right, left, above, below), if room is left.
    fn text_beside(&mut self, x: u16, y: u16, text: String, kind: TextKind, owner: usize) {
        let tw = text_width(&text);
        let cands = candidates(
            i64::from(x),
            i64::from(y),
            tw,
            usize::from(self.proj.width),
            false,
        );
        if let Some((x, y)) = place(&mut self.occ, &cands, tw) {
            self.push_text(x, y, text, kind, owner);
        }
    }

    /// Evolved names, beside the head of their component's evolve arrow.
    pub(super) fn evolved_names(&mut self) {
        let mut head_of: HashMap<usize, Glyph> = HashMap::new();
        for g in &self.out.glyphs {
            if g.kind == GlyphKind::EvolveHead {
                head_of.entry(g.owner).or_insert(*g);
            }
        }
        for (i, c) in self.map.components.iter().enumerate() {
            let Some(new_name) = c.evolve_name.as_deref().filter(|s| !s.trim().is_empty()) else {
                continue;
            };
            let Some(head) = head_of.get(&i).copied() else {
                continue;
            };
            let text = truncate(&display_name(new_name), SHORTEN_OVER + 8);
            self.text_beside(head.x, head.y, text, TextKind::EvolvedName, i);
        }
    }

    /// Accelerator names, beside their glyph.
    pub(super) fn accelerator_names(&mut self) {
        let accelerators: Vec<Glyph> = self
            .out
            .glyphs
            .iter()
            .filter(|g| g.kind == GlyphKind::Accelerator)
            .copied()
            .collect();
        for g in accelerators {
            let Some(a) = self.map.accelerators.get(g.owner) else {
                continue;
            };
            let text = truncate(&display_name(&a.name), SHORTEN_OVER);
            self.text_beside(g.x, g.y, text, TextKind::AcceleratorName, g.owner);
        }
    }

    /// The links, in the order [`Self::links`] routes them, so a flow label can name its link.
    pub(super) fn link_pairs(&self) -> Vec<Pair<'m>> {
        let map: &'m WardleyMap = self.map;
        map.components
            .iter()
            .enumerate()
            .flat_map(|(i, c)| c.needs.iter().map(move |need| (i, need)))
            .filter_map(|(i, need)| {
                let &j = self.index.get(need.to.as_str())?;
                (i != j).then_some((i, j, need))
            })
            .collect()
    }

    /// Flow labels, near the middle of their link.
    pub(super) fn flow_labels(&mut self, pairs: &[Pair<'m>]) {
        for (k, (i, j, need)) in pairs.iter().enumerate() {
            let Some(label) = need.label.as_deref().filter(|l| !l.trim().is_empty()) else {
                continue;
            };
            if need.flow == LinkFlow::None {
                continue;
            }
            let text = truncate(&display_name(label), SHORTEN_OVER);
            let tw = text_width(&text) as i64;
            let (a, b) = (self.out.markers[*i], self.out.markers[*j]);
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
            if let Some((x, y)) = place(&mut self.occ, &cands, tw as usize) {
                self.push_text(x, y, text, TextKind::FlowLabel, k);
            }
        }
    }

    /// Notes, on their point or a row off it; those with no room are counted.
    pub(super) fn notes(&mut self) {
        let w = self.width();
        for (i, note) in self.map.notes.iter().enumerate() {
            let text = truncate(&display_name(&note.text), NOTE_MAX);
            let tw = text_width(&text);
            let (x, y) = (
                i64::from(self.proj.col(note.evolution)),
                i64::from(self.proj.row(note.visibility)),
            );
            let clamp_x = |x: i64| x.clamp(0, (w - tw as i64).max(0));
            let cands: Vec<(i64, i64)> = [y, y + 1, y - 1]
                .iter()
                .flat_map(|&yy| {
                    [x, x - tw as i64 / 2, x - tw as i64 + 1]
                        .into_iter()
                        .map(move |xx| (clamp_x(xx), yy))
                })
                .collect();
            match place(&mut self.occ, &cands, tw) {
                Some((x, y)) => self.push_text(x, y, text, TextKind::Note, i),
                None => self.out.hidden_notes += 1,
            }
        }
    }

    /// Annotation numbers, "(n)" at each of their points.
    pub(super) fn annotations(&mut self) {
        for (i, a) in self.map.annotations.iter().enumerate() {
            let text = format!("({})", a.number);
            let tw = text_width(&text);
            for [v, m] in &a.points {
                let (x, y) = (i64::from(self.proj.col(*m)), i64::from(self.proj.row(*v)));
                let cx = x - tw as i64 / 2;
                let cands = [
                    (cx, y),
                    (x + 1, y),
                    (x - tw as i64, y),
                    (cx, y - 1),
                    (cx, y + 1),
                ];
                if let Some((x, y)) = place(&mut self.occ, &cands, tw) {
                    self.push_text(x, y, text.clone(), TextKind::Annotation, i);
                }
            }
        }
    }

    /// Area names, last of the texts: an area is background, every other text wins.
    pub(super) fn area_names(&mut self) {
        for k in 0..self.out.areas.len() {
            let area = self.out.areas[k];
            let (full, initial) = area_name(area.kind);
            if let Some((x, y, text)) = place_area_name(&mut self.occ, &area, full, initial) {
                self.push_text(x, y, text.to_string(), TextKind::AreaName, k);
            }
        }
    }

    /// Links, through the cells left free; flows thick, with arrowheads.
    pub(super) fn links(&mut self, pairs: &[Pair<'m>]) {
        for &(i, j, need) in pairs {
            let (a, b) = (self.out.markers[i], self.out.markers[j]);
            let (pa, pb) = ((a.x, a.y), (b.x, b.y));
            let mut cells = route::braille_line(&self.occ, pa, pb);
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
                let second = route::braille_line_aside(&self.occ, pa, pb, aside);
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
            self.out.links.push(LinkPath {
                from: i,
                to: j,
                flow: need.flow,
                cells,
                heads,
            });
        }
    }
}
