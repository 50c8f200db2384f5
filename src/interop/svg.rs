//! A Wardley map as an SVG picture: axes, stage boundaries and labels, PST areas, pipelines,
//! links (flows distinct, with their labels and context), evolve arrows, inertia bars,
//! components with their sourcing, anchors, notes, numbered annotations with a legend and
//! accelerators.
//!
//! Placed as OnlineWardleyMaps places it (`x = maturity × width`, `y = (1 − visibility) ×
//! height`, boundaries at 0.175 / 0.40 / 0.70), in a 1100 × 800 picture unless the map gives
//! its `size`. Label offsets from the file are honoured unless absurd (real maps hide labels
//! with offsets of thousands of pixels); labels without one are placed where they overlap
//! nothing already drawn. All text is XML-escaped and stripped of control characters.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::occupancy::{Occupancy, Rect};
use unicode_width::UnicodeWidthChar;

use crate::workspace::model::{
    AreaKind, Component, ComponentKind, LinkFlow, Sourcing, WardleyMap, STAGE_BOUNDARIES,
};

/// Colours and fonts of a picture.
#[derive(Debug, Clone)]
pub struct SvgStyle {
    pub background: &'static str,
    /// Names, title, axes.
    pub ink: &'static str,
    /// Stage labels, link context, secondary text.
    pub muted: &'static str,
    /// Stage boundaries.
    pub grid: &'static str,
    pub link: &'static str,
    pub flow: &'static str,
    pub evolve: &'static str,
    pub component_fill: &'static str,
    pub build: &'static str,
    pub buy: &'static str,
    pub outsource: &'static str,
    pub note: &'static str,
    pub annotation_fill: &'static str,
    pub annotation_stroke: &'static str,
    pub pioneers: &'static str,
    pub settlers: &'static str,
    pub townplanners: &'static str,
    pub accelerator: &'static str,
    pub decelerator: &'static str,
    pub font_family: &'static str,
    /// Component names; other text is sized from it.
    pub font_size: f64,
}

impl SvgStyle {
    /// Dark ink on white, for printing and for documents.
    pub fn print() -> Self {
        SvgStyle {
            background: "#ffffff",
            ink: "#1b1b1b",
            muted: "#5f6368",
            grid: "#9aa0a6",
            link: "#6b6b6b",
            flow: "#1f5fbf",
            evolve: "#d62828",
            component_fill: "#ffffff",
            build: "#d6d6d6",
            buy: "#aaa5a9",
            outsource: "#444444",
            note: "#2b2b2b",
            annotation_fill: "#fff4c2",
            annotation_stroke: "#8a6d00",
            pioneers: "#8ecae6",
            settlers: "#95d5b2",
            townplanners: "#f9c74f",
            accelerator: "#2a9d8f",
            decelerator: "#e76f51",
            font_family: "Helvetica, Arial, 'Liberation Sans', 'Noto Sans', 'Noto Color Emoji', 'Segoe UI Emoji', sans-serif",
            font_size: 13.0,
        }
    }

    /// Light ink on a dark background (OWM's `style dark`).
    pub fn dark() -> Self {
        SvgStyle {
            background: "#1e1f24",
            ink: "#e8e8e8",
            muted: "#a8adb5",
            grid: "#6b7078",
            link: "#9aa0a6",
            flow: "#6ea8fe",
            evolve: "#ff6b6b",
            component_fill: "#1e1f24",
            build: "#5a5a5a",
            buy: "#7a757a",
            outsource: "#bbbbbb",
            note: "#dcdcdc",
            annotation_fill: "#4a3f10",
            annotation_stroke: "#f0c808",
            pioneers: "#1d4e89",
            settlers: "#2d6a4f",
            townplanners: "#8a5a00",
            accelerator: "#2a9d8f",
            decelerator: "#e76f51",
            font_family: "Helvetica, Arial, 'Liberation Sans', 'Noto Sans', 'Noto Color Emoji', 'Segoe UI Emoji', sans-serif",
            font_size: 13.0,
        }
    }

    /// The dark style for maps that ask for it (`style dark`), else print.
    pub fn for_map(map: &WardleyMap) -> Self {
        if map.style.as_deref() == Some("dark") {
            Self::dark()
        } else {
            Self::print()
        }
    }
}

const DEFAULT_SIZE: [f64; 2] = [1100.0, 800.0];
/// Label offsets beyond this many pixels are treated as "hide me" tricks and replaced.
const ABSURD_OFFSET: f64 = 250.0;
const R: f64 = 6.0;

/// The picture, as a complete SVG document.
pub fn render_map(map: &WardleyMap, style: &SvgStyle) -> String {
    let mut p = Picture::new(map, style);
    p.draw();
    p.finish()
}

struct Picture<'a> {
    map: &'a WardleyMap,
    s: &'a SvgStyle,
    w: f64,
    h: f64,
    /// Plot area.
    left: f64,
    top: f64,
    pw: f64,
    ph: f64,
    out: String,
    /// Text drawn last so it sits above every line.
    labels: String,
    /// What is drawn so far, for placing labels clear of it.
    taken: Occupancy,
    pos: HashMap<&'a str, (f64, f64)>,
}

impl<'a> Picture<'a> {
    fn new(map: &'a WardleyMap, s: &'a SvgStyle) -> Self {
        let [w, h] = match map.size {
            Some([w, h]) if (400.0..=5000.0).contains(&w) && (300.0..=5000.0).contains(&h) => {
                [w, h]
            }
            _ => DEFAULT_SIZE,
        };
        let (left, top, right, bottom) = (56.0, 56.0, 24.0, 64.0);
        Picture {
            map,
            s,
            w,
            h,
            left,
            top,
            pw: w - left - right,
            ph: h - top - bottom,
            out: String::new(),
            labels: String::new(),
            taken: Occupancy::new(w, h),
            pos: HashMap::new(),
        }
    }

    /// Map coordinates to picture coordinates, kept inside the plot area.
    fn at(&self, visibility: f64, evolution: f64) -> (f64, f64) {
        let v = finite(visibility).clamp(-0.02, 1.02);
        let m = finite(evolution).clamp(-0.02, 1.02);
        (self.left + m * self.pw, self.top + (1.0 - v) * self.ph)
    }

    fn draw(&mut self) {
        for c in &self.map.components {
            let at = self.at(c.visibility, c.evolution);
            self.pos.insert(c.id.as_str(), at);
        }
        self.areas();
        self.axes();
        self.pipelines();
        self.links();
        self.evolves();
        self.components();
        self.annotations();
        self.notes();
        self.accelerators();
        self.component_labels();
        self.evolved_labels();
    }

    /// Names of evolved copies, after the components' own so those keep their places.
    fn evolved_labels(&mut self) {
        for c in &self.map.components {
            let Some(target) = c.evolve else { continue };
            let (x, y) = self.at(c.visibility, target);
            let name = c.evolve_name.as_deref().unwrap_or(&c.name);
            self.label(name, x, y, None, self.s.evolve, "evolved-label", true);
        }
    }

    fn finish(self) -> String {
        let s = self.s;
        let mut doc = String::with_capacity(self.out.len() + self.labels.len() + 1024);
        let title = if self.map.title.trim().is_empty() {
            self.map.id.as_str()
        } else {
            self.map.title.as_str()
        };
        let _ = write!(
            doc,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-family="{font}" font-size="{fs}" role="img" aria-label="{t}">"#,
            w = n(self.w),
            h = n(self.h),
            font = esc(s.font_family),
            fs = n(s.font_size),
            t = esc(title),
        );
        let _ = write!(doc, "<title>{}</title>", esc(title));
        let _ = write!(
            doc,
            r#"<defs><marker id="evolve-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{e}"/></marker><marker id="axis-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{i}"/></marker></defs>"#,
            e = s.evolve,
            i = s.ink
        );
        let _ = write!(
            doc,
            r#"<rect class="background" x="0" y="0" width="{}" height="{}" fill="{}"/>"#,
            n(self.w),
            n(self.h),
            s.background
        );
        let _ = write!(
            doc,
            r#"<text class="map-title" x="{}" y="32" font-size="{}" font-weight="bold" fill="{}">{}</text>"#,
            n(self.left),
            n(s.font_size * 1.55),
            s.ink,
            esc(title)
        );
        doc.push_str(&self.out);
        doc.push_str(&self.labels);
        doc.push_str("</svg>\n");
        doc
    }

    fn areas(&mut self) {
        for a in &self.map.areas {
            let [v1, m1, v2, m2] = a.rect;
            let (xa, ya) = self.at(v1, m1);
            let (xb, yb) = self.at(v2, m2);
            let (fill, name) = match a.kind {
                AreaKind::Pioneers => (self.s.pioneers, "pioneers"),
                AreaKind::Settlers => (self.s.settlers, "settlers"),
                AreaKind::Townplanners => (self.s.townplanners, "townplanners"),
            };
            let _ = write!(
                self.out,
                r#"<rect class="area {name}" x="{}" y="{}" width="{}" height="{}" rx="6" fill="{fill}" fill-opacity="0.35" stroke="{fill}" stroke-width="1.5"><title>{name}</title></rect>"#,
                n(xa.min(xb)),
                n(ya.min(yb)),
                n((xb - xa).abs()),
                n((yb - ya).abs()),
            );
        }
    }

    fn axes(&mut self) {
        let s = self.s;
        let (l, t, r, b) = (self.left, self.top, self.left + self.pw, self.top + self.ph);
        // Stage boundaries, dashed.
        for m in STAGE_BOUNDARIES {
            let x = l + m * self.pw;
            let _ = write!(
                self.out,
                r#"<line class="stage-boundary" x1="{x}" y1="{t}" x2="{x}" y2="{b}" stroke="{}" stroke-width="1" stroke-dasharray="5 5"/>"#,
                s.grid,
                x = n(x),
                t = n(t),
                b = n(b)
            );
        }
        let _ = write!(
            self.out,
            r#"<line class="axis" x1="{l}" y1="{b}" x2="{l}" y2="{t}" stroke="{c}" stroke-width="1.5" marker-end="url(#axis-arrow)"/><line class="axis" x1="{l}" y1="{b}" x2="{r}" y2="{b}" stroke="{c}" stroke-width="1.5" marker-end="url(#axis-arrow)"/>"#,
            l = n(l),
            t = n(t - 4.0),
            b = n(b),
            r = n(r + 4.0),
            c = s.ink
        );
        let small = s.font_size * 0.95;
        // The value chain axis, unless hidden (`valuechain --hide [text]` shows its text instead).
        let vc = match &self.map.hide_value_chain {
            None => Some("Visibility".to_string()),
            Some(t) if !t.trim().is_empty() => Some(t.clone()),
            Some(_) => None,
        };
        if let Some(vc) = vc {
            let _ = write!(
                self.out,
                r#"<text class="axis-label" transform="translate({x} {y}) rotate(-90)" text-anchor="middle" fill="{c}" font-size="{fs}">{t}</text>"#,
                x = n(l - 14.0),
                y = n(t + self.ph / 2.0),
                c = s.ink,
                fs = n(small),
                t = esc(&vc)
            );
            let _ = write!(
                self.out,
                r#"<text class="axis-hint" transform="translate({x} {y}) rotate(-90)" text-anchor="end" fill="{c}" font-size="{fs}">Visible</text><text class="axis-hint" transform="translate({x} {y2}) rotate(-90)" text-anchor="start" fill="{c}" font-size="{fs}">Invisible</text>"#,
                x = n(l - 14.0),
                y = n(t + 2.0),
                y2 = n(b - 2.0),
                c = s.muted,
                fs = n(small * 0.9)
            );
        }
        if !self.map.hide_evolution {
            let starts = [
                0.0,
                STAGE_BOUNDARIES[0],
                STAGE_BOUNDARIES[1],
                STAGE_BOUNDARIES[2],
            ];
            let ends = [
                STAGE_BOUNDARIES[0],
                STAGE_BOUNDARIES[1],
                STAGE_BOUNDARIES[2],
                1.0,
            ];
            for i in 0..4 {
                let x = l + (starts[i] + ends[i]) / 2.0 * self.pw;
                let width = (ends[i] - starts[i]) * self.pw - 8.0;
                let label = fit(&self.map.stages[i], width, small);
                let _ = write!(
                    self.out,
                    r#"<text class="stage-label" x="{}" y="{}" text-anchor="middle" fill="{}" font-size="{}">{}</text>"#,
                    n(x),
                    n(b + 20.0),
                    s.ink,
                    n(small),
                    esc(&label)
                );
            }
            let _ = write!(
                self.out,
                r#"<text class="axis-label" x="{}" y="{}" text-anchor="end" fill="{}" font-size="{}" font-weight="bold">Evolution</text>"#,
                n(r),
                n(b + 44.0),
                s.ink,
                n(small)
            );
        }
        if self.map.style.as_deref() == Some("wardley") {
            let _ = write!(
                self.out,
                r#"<text class="region" x="{}" y="{}" fill="{c}" font-size="{fs}">Uncharted</text><text class="region" x="{}" y="{}" text-anchor="end" fill="{c}" font-size="{fs}">Industrialised</text>"#,
                n(l + 6.0),
                n(t + 14.0),
                n(r - 6.0),
                n(t + 14.0),
                c = s.muted,
                fs = n(small * 0.9)
            );
        }
    }

    fn pipelines(&mut self) {
        // One pass for every pipeline's parent and the evolution span of its children:
        // looking them up per pipeline is quadratic on maps of thousands of pipelines.
        let mut parents: HashMap<&str, &Component> = HashMap::new();
        let mut spans: HashMap<&str, (f64, f64)> = HashMap::new();
        for c in &self.map.components {
            parents.entry(c.id.as_str()).or_insert(c);
            if let Some(p) = c.pipeline.as_deref() {
                let span = spans.entry(p).or_insert((f64::INFINITY, f64::NEG_INFINITY));
                *span = (span.0.min(c.evolution), span.1.max(c.evolution));
            }
        }
        for p in &self.map.pipelines {
            let Some(parent) = parents.get(p.component.as_str()) else {
                continue;
            };
            let (m1, m2) = match (spans.get(p.component.as_str()), p.range) {
                (Some(&span), _) => span,
                (None, Some([a, b])) => (a.min(b), a.max(b)),
                (None, None) => continue,
            };
            let (x1, y) = self.at(parent.visibility, m1);
            let (x2, _) = self.at(parent.visibility, m2);
            let pad = 14.0;
            let _ = write!(
                self.out,
                r#"<rect class="pipeline" x="{}" y="{}" width="{}" height="{}" fill="none" stroke="{}" stroke-width="1.5"/>"#,
                n(x1 - pad),
                n(y - 12.0),
                n((x2 - x1) + 2.0 * pad),
                n(24.0),
                self.s.ink
            );
            self.taken.push(Rect {
                x0: x1 - pad,
                y0: y - 12.0,
                x1: x2 + pad,
                y1: y + 12.0,
            });
        }
    }

    fn links(&mut self) {
        let s = self.s;
        for c in &self.map.components {
            let Some(&(x1, y1)) = self.pos.get(c.id.as_str()) else {
                continue;
            };
            // Anchors are bold names, not dots: their links leave from under the name.
            let y1 = if c.kind == ComponentKind::Anchor {
                y1 + 7.0
            } else {
                y1
            };
            for need in &c.needs {
                let Some(&(x2, y2)) = self.pos.get(need.to.as_str()) else {
                    continue;
                };
                let flow = need.flow != LinkFlow::None;
                let (class, colour, width) = if flow {
                    ("link flow", s.flow, 3.0)
                } else {
                    ("link", s.link, 1.2)
                };
                let _ = write!(
                    self.out,
                    r#"<line class="{class}" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{colour}" stroke-width="{width}"{dash}/>"#,
                    n(x1),
                    n(y1),
                    n(x2),
                    n(y2),
                    dash = if flow { r#" stroke-opacity="0.7""# } else { "" }
                );
                let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
                let mut texts: Vec<(String, &str, &str)> = Vec::new();
                if let Some(l) = need.label.as_deref().filter(|l| !l.trim().is_empty()) {
                    texts.push((l.to_string(), s.flow, "link-label"));
                }
                if let Some(ctx) = need.context.as_deref().filter(|l| !l.trim().is_empty()) {
                    texts.push((ctx.to_string(), s.muted, "link-context"));
                }
                let fs = s.font_size * 0.85;
                for (i, (t, colour, class)) in texts.into_iter().enumerate() {
                    let t = fit(&t, 260.0, fs);
                    let y = my - 4.0 + i as f64 * (fs + 2.0);
                    let wdt = text_width(&t, fs);
                    self.taken.push(Rect {
                        x0: mx - wdt / 2.0,
                        y0: y - fs,
                        x1: mx + wdt / 2.0,
                        y1: y + 3.0,
                    });
                    let _ = write!(
                        self.labels,
                        r#"<text class="{class}" x="{}" y="{}" text-anchor="middle" fill="{colour}" font-size="{}" font-style="italic"{halo}>{}</text>"#,
                        n(mx),
                        n(y),
                        n(fs),
                        esc(&t),
                        halo = halo(s)
                    );
                }
            }
        }
    }

    fn evolves(&mut self) {
        let s = self.s;
        for c in &self.map.components {
            let Some(target) = c.evolve else { continue };
            let Some(&(x1, y)) = self.pos.get(c.id.as_str()) else {
                continue;
            };
            let (x2, _) = self.at(c.visibility, target);
            let dir = if x2 >= x1 { 1.0 } else { -1.0 };
            if (x2 - x1).abs() > 2.0 * R + 4.0 {
                let _ = write!(
                    self.out,
                    r#"<line class="evolve" x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{}" stroke-width="1.5" stroke-dasharray="6 4" marker-end="url(#evolve-arrow)"/>"#,
                    n(x1 + dir * (R + 2.0)),
                    n(x2 - dir * (R + 3.0)),
                    s.evolve,
                    y = n(y)
                );
            }
            let _ = write!(
                self.out,
                r#"<circle class="evolved" cx="{}" cy="{}" r="{R}" fill="{}" stroke="{}" stroke-width="1.5"/>"#,
                n(x2),
                n(y),
                s.background,
                s.evolve
            );
            if c.inertia {
                // At the first stage boundary the evolution crosses, else just ahead.
                let (lo, hi) = (c.evolution.min(target), c.evolution.max(target));
                let crossing = STAGE_BOUNDARIES
                    .iter()
                    .copied()
                    .find(|b| *b > lo && *b < hi);
                let m = crossing.unwrap_or(c.evolution + 0.05 * dir);
                let (xi, _) = self.at(c.visibility, m);
                self.inertia_bar(xi, y);
            }
            self.taken.push(Rect {
                x0: x2 - R - 1.0,
                y0: y - R - 1.0,
                x1: x2 + R + 1.0,
                y1: y + R + 1.0,
            });
        }
        for c in &self.map.components {
            if c.inertia && c.evolve.is_none() {
                if let Some(&(x, y)) = self.pos.get(c.id.as_str()) {
                    let (xi, _) = self.at(c.visibility, c.evolution + 0.05);
                    self.inertia_bar(xi.max(x + R + 6.0), y);
                }
            }
        }
    }

    fn inertia_bar(&mut self, x: f64, y: f64) {
        let _ = write!(
            self.out,
            r#"<rect class="inertia" x="{}" y="{}" width="6" height="28" fill="{}"/>"#,
            n(x - 3.0),
            n(y - 14.0),
            self.s.ink
        );
        self.taken.push(Rect {
            x0: x - 3.0,
            y0: y - 14.0,
            x1: x + 3.0,
            y1: y + 14.0,
        });
    }

    fn components(&mut self) {
        let s = self.s;
        for c in &self.map.components {
            let Some(&(x, y)) = self.pos.get(c.id.as_str()) else {
                continue;
            };
            if c.kind == ComponentKind::Anchor {
                continue;
            }
            for src in &c.sourcing {
                let (fill, extra) = match src {
                    Sourcing::Build => (s.build, ""),
                    Sourcing::Buy => (s.buy, ""),
                    Sourcing::Outsource => (s.outsource, ""),
                    Sourcing::Market => (s.background, r#" stroke-dasharray="2 3""#),
                    Sourcing::Ecosystem => (s.background, r#" stroke-dasharray="6 3""#),
                };
                let _ = write!(
                    self.out,
                    r#"<circle class="sourcing {}" cx="{}" cy="{}" r="{}" fill="{fill}" fill-opacity="0.8" stroke="{}" stroke-width="1"{extra}/>"#,
                    src.as_str(),
                    n(x),
                    n(y),
                    n(R * 2.3),
                    s.ink
                );
            }
            let (fill, width) = match c.kind {
                ComponentKind::Submap => (s.ink, 1.5),
                _ => (s.component_fill, 1.5),
            };
            let _ = write!(
                self.out,
                r#"<circle class="component{}" cx="{}" cy="{}" r="{R}" fill="{fill}" stroke="{}" stroke-width="{width}"><title>{}</title></circle>"#,
                if c.kind == ComponentKind::Submap {
                    " submap"
                } else {
                    ""
                },
                n(x),
                n(y),
                s.ink,
                esc(&c.name)
            );
            self.taken.push(Rect {
                x0: x - R - 1.0,
                y0: y - R - 1.0,
                x1: x + R + 1.0,
                y1: y + R + 1.0,
            });
        }
    }

    fn component_labels(&mut self) {
        let s = self.s;
        // Anchors first: they are the map's headline.
        let mut order: Vec<&Component> = self
            .map
            .components
            .iter()
            .filter(|c| c.kind == ComponentKind::Anchor)
            .collect();
        order.extend(
            self.map
                .components
                .iter()
                .filter(|c| c.kind != ComponentKind::Anchor),
        );
        for c in order {
            let Some(&(x, y)) = self.pos.get(c.id.as_str()) else {
                continue;
            };
            if c.kind == ComponentKind::Anchor {
                let fs = s.font_size * 1.05;
                let (text, width) = lines_and_width(&c.name, fs);
                let lines = text.len().max(1) as f64;
                let x0 = (x - width / 2.0).clamp(4.0, (self.w - width - 4.0).max(4.0));
                let y0 = y + 4.0 - (lines - 1.0) * fs / 2.0;
                self.write_text(
                    &text,
                    x0,
                    y0,
                    "anchor",
                    s.ink,
                    fs,
                    "start",
                    " font-weight=\"bold\"",
                );
                self.taken.push(Rect {
                    x0,
                    y0: y0 - fs,
                    x1: x0 + width,
                    y1: y0 + (lines - 1.0) * fs * 1.2 + 4.0,
                });
                continue;
            }
            let explicit = c
                .label
                .filter(|[lx, ly]| lx.abs() <= ABSURD_OFFSET && ly.abs() <= ABSURD_OFFSET)
                .map(|[lx, ly]| (x + lx, y + ly));
            let colour = s.ink;
            self.label(&c.name, x, y, explicit, colour, "label", true);
        }
    }

    /// Writes a name near the point (x, y): at `explicit` when given, else at the first of
    /// several places around the point that overlaps nothing drawn so far.
    #[allow(clippy::too_many_arguments)]
    fn label(
        &mut self,
        name: &str,
        x: f64,
        y: f64,
        explicit: Option<(f64, f64)>,
        colour: &str,
        class: &str,
        search: bool,
    ) {
        let fs = self.s.font_size;
        let (lines, width) = lines_and_width(name, fs);
        let height = fs * 1.2 * lines.len().max(1) as f64;
        let boxed = |tx: f64, ty: f64| Rect {
            x0: tx,
            y0: ty - fs,
            x1: tx + width,
            y1: ty - fs + height,
        };
        // Around the point: right, left, above, below, then one row further out (clear of
        // a pipeline box).
        let (up, down) = (y - R - 2.0, y + fs + 2.0);
        let candidates = [
            (x + R + 4.0, up),
            (x + R + 4.0, down),
            (x - R - 4.0 - width, up),
            (x - R - 4.0 - width, down),
            (x - width / 2.0, y - R - 6.0 - (height - fs)),
            (x - width / 2.0, y + R + fs + 4.0),
            (x - width / 2.0, y - 16.0 - (height - fs)),
            (x - width / 2.0, y + 16.0 + fs),
            (x + R + 4.0, y + fs / 2.0 - 1.0),
            (x - R - 4.0 - width, y + fs / 2.0 - 1.0),
            (x - width / 2.0, y - 30.0 - (height - fs)),
            (x - width / 2.0, y + 30.0 + fs),
        ];
        let searched = || {
            let placed: Vec<(f64, f64)> = candidates
                .iter()
                .map(|&(cx, cy)| self.inside(cx, cy, width, height))
                .collect();
            placed
                .iter()
                .copied()
                .find(|&(cx, cy)| !self.collides(&boxed(cx, cy)))
                // Nowhere free: where it covers the least.
                .unwrap_or_else(|| {
                    placed
                        .iter()
                        .copied()
                        .min_by(|a, b| {
                            self.overlap(&boxed(a.0, a.1))
                                .total_cmp(&self.overlap(&boxed(b.0, b.1)))
                        })
                        .unwrap_or(candidates[0])
                })
        };
        let (mut tx, mut ty) = match explicit {
            Some(p) if !search || !self.collides(&boxed(p.0, p.1)) => p,
            Some(p) if class == "label" => p,
            _ => searched(),
        };
        (tx, ty) = self.inside(tx, ty, width, height);
        self.taken.push(boxed(tx, ty));
        self.write_text(&lines, tx, ty, class, colour, fs, "start", "");
    }

    fn collides(&self, r: &Rect) -> bool {
        self.taken.collides(r)
    }

    /// Total area of `r` covered by what is drawn.
    fn overlap(&self, r: &Rect) -> f64 {
        self.taken.overlap(r)
    }

    /// Moves a text box so it stays inside the picture.
    fn inside(&self, x: f64, y: f64, width: f64, height: f64) -> (f64, f64) {
        let fs = self.s.font_size;
        let x = x.min(self.w - width - 4.0).max(4.0);
        let y = y.min(self.h - height + fs - 4.0).max(fs + 2.0);
        (x, y)
    }

    #[allow(clippy::too_many_arguments)]
    fn write_text(
        &mut self,
        lines: &[String],
        x: f64,
        y: f64,
        class: &str,
        colour: &str,
        fs: f64,
        anchor: &str,
        extra: &str,
    ) {
        let _ = write!(
            self.labels,
            r#"<text class="{class}" x="{}" y="{}" fill="{colour}" font-size="{}" text-anchor="{anchor}"{extra}{}>"#,
            n(x),
            n(y),
            n(fs),
            halo(self.s)
        );
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                let _ = write!(self.labels, "<tspan>{}</tspan>", esc(line));
            } else {
                let _ = write!(
                    self.labels,
                    r#"<tspan x="{}" dy="{}">{}</tspan>"#,
                    n(x),
                    n(fs * 1.2),
                    esc(line)
                );
            }
        }
        self.labels.push_str("</text>");
    }

    fn notes(&mut self) {
        let s = self.s;
        let fs = s.font_size * 0.95;
        for note in &self.map.notes {
            let (x, y) = self.at(note.visibility, note.evolution);
            let (lines, width) = lines_and_width(&note.text, fs);
            let height = fs * 1.2 * lines.len().max(1) as f64;
            let (x, y) = self.inside(x, y, width, height);
            self.taken.push(Rect {
                x0: x,
                y0: y - fs,
                x1: x + width,
                y1: y - fs + height,
            });
            self.write_text(
                &lines,
                x,
                y,
                "note",
                s.note,
                fs,
                "start",
                r#" font-weight="bold""#,
            );
        }
    }

    fn annotations(&mut self) {
        let s = self.s;
        if self.map.annotations.is_empty() {
            return;
        }
        let fs = s.font_size * 0.85;
        for a in &self.map.annotations {
            for [v, m] in &a.points {
                let (x, y) = self.at(*v, *m);
                let _ = write!(
                    self.labels,
                    r#"<g class="annotation"><circle cx="{}" cy="{}" r="9" fill="{}" stroke="{}" stroke-width="1.5"/><text x="{}" y="{}" text-anchor="middle" font-size="{}" font-weight="bold" fill="{}">{}</text></g>"#,
                    n(x),
                    n(y),
                    s.annotation_fill,
                    s.annotation_stroke,
                    n(x),
                    n(y + fs / 2.0 - 1.0),
                    n(fs),
                    s.ink,
                    a.number
                );
                self.taken.push(Rect {
                    x0: x - 10.0,
                    y0: y - 10.0,
                    x1: x + 10.0,
                    y1: y + 10.0,
                });
            }
        }
        // The legend: "1. text" lines in a box at `annotations [v, m]` (OWM's default [0.9, 0.1]).
        let [v, m] = self.map.annotations_at.unwrap_or([0.9, 0.1]);
        let mut entries: Vec<&crate::workspace::model::Annotation> =
            self.map.annotations.iter().collect();
        entries.sort_by_key(|a| a.number);
        let lines: Vec<String> = entries
            .iter()
            .map(|a| fit(&format!("{}. {}", a.number, one_line(&a.text)), 420.0, fs))
            .collect();
        let width = lines.iter().map(|l| text_width(l, fs)).fold(0.0, f64::max) + 16.0;
        let height = (lines.len() as f64 + 1.0) * fs * 1.35 + 8.0;
        let (x, y) = self.at(v, m);
        let x = x.min(self.w - width - 4.0).max(4.0);
        let y = y.min(self.h - height - 4.0).max(4.0);
        let _ = write!(
            self.labels,
            r#"<g class="annotations-legend"><rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="{}" fill-opacity="0.92" stroke="{}"/><text x="{}" y="{}" font-size="{}" font-weight="bold" fill="{}">Annotations</text>"#,
            n(x),
            n(y),
            n(width),
            n(height),
            s.background,
            s.annotation_stroke,
            n(x + 8.0),
            n(y + fs * 1.35),
            n(fs),
            s.ink
        );
        for (i, l) in lines.iter().enumerate() {
            let _ = write!(
                self.labels,
                r#"<text x="{}" y="{}" font-size="{}" fill="{}">{}</text>"#,
                n(x + 8.0),
                n(y + fs * 1.35 * (i as f64 + 2.0)),
                n(fs),
                s.ink,
                esc(l)
            );
        }
        self.labels.push_str("</g>");
        self.taken.push(Rect {
            x0: x,
            y0: y,
            x1: x + width,
            y1: y + height,
        });
    }

    fn accelerators(&mut self) {
        let s = self.s;
        for a in &self.map.accelerators {
            let (x, y) = self.at(a.visibility, a.evolution);
            let (colour, d) = if a.decelerator {
                (s.decelerator, -1.0)
            } else {
                (s.accelerator, 1.0)
            };
            // A block arrow, pointing right for accelerators and left for deaccelerators.
            let pts = [
                (-22.0, -7.0),
                (6.0, -7.0),
                (6.0, -14.0),
                (24.0, 0.0),
                (6.0, 14.0),
                (6.0, 7.0),
                (-22.0, 7.0),
            ];
            let points: Vec<String> = pts
                .iter()
                .map(|(px, py)| format!("{},{}", n(x + d * px), n(y + py)))
                .collect();
            let class = if a.decelerator {
                "deaccelerator"
            } else {
                "accelerator"
            };
            let _ = write!(
                self.out,
                r#"<polygon class="{class}" points="{}" fill="{colour}" fill-opacity="0.85"/>"#,
                points.join(" ")
            );
            self.taken.push(Rect {
                x0: x - 24.0,
                y0: y - 14.0,
                x1: x + 24.0,
                y1: y + 14.0,
            });
            self.label(&a.name, x, y + 14.0, None, s.ink, "accelerator-label", true);
        }
    }
}

/// A white (background) outline under text, so it stays legible over lines.
fn halo(s: &SvgStyle) -> String {
    format!(
        r#" stroke="{}" stroke-width="3" stroke-linejoin="round" paint-order="stroke""#,
        s.background
    )
}

/// Estimated width in pixels (wide characters count double).
fn text_width(s: &str, font_size: f64) -> f64 {
    let cells: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    cells as f64 * font_size * 0.56
}

fn lines_and_width(s: &str, fs: f64) -> (Vec<String>, f64) {
    let lines: Vec<String> = s
        .lines()
        .map(|l| fit(l.trim(), 360.0, fs))
        .filter(|l| !l.is_empty())
        .collect();
    let lines = if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    };
    let width = lines.iter().map(|l| text_width(l, fs)).fold(0.0, f64::max);
    (lines, width)
}

/// Shortens text with `…` to fit a width.
fn fit(s: &str, width: f64, fs: f64) -> String {
    let s = one_line(s);
    if text_width(&s, fs) <= width {
        return s;
    }
    // The kept prefix's width is counted on, not measured again per character: a name of
    // 150,000 zero-width characters before its text took minutes (found by the fuzz target).
    let mut out = String::new();
    let mut cells = 0usize;
    for c in s.chars() {
        if cells as f64 * fs * 0.56 + 2.0 * fs * 0.56 > width {
            break;
        }
        out.push(c);
        cells += c.width().unwrap_or(0);
    }
    out.push('…');
    out
}

fn one_line(s: &str) -> String {
    s.replace("\r\n", " ").replace(['\n', '\r'], " ")
}

fn finite(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

/// Coordinates with at most two decimals: short files, same picture.
fn n(x: f64) -> String {
    let x = (finite(x) * 100.0).round() / 100.0;
    if x == 0.0 {
        "0".into()
    } else {
        format!("{x}")
    }
}

/// XML text and attribute escaping; control characters (not allowed in XML 1.0) dropped,
/// tabs as spaces.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            // XML 1.0 has no place for the other C0 controls, not even as references
            c if (c as u32) < 0x20 => {}
            '\u{fffe}' | '\u{ffff}' => {}
            // Kept as character references: the picture shows the same text, and the bytes
            // stay inert when the SVG is printed to a terminal (it never passes the terminal
            // filter, whose `<U+202E>` would break the XML).
            c if ('\u{7f}'..='\u{9f}').contains(&c)
                || crate::text::is_bidi_control(c)
                || crate::text::is_invisible(c) =>
            {
                out.push_str(&format!("&#x{:X};", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(esc("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&apos;");
        assert_eq!(esc("x\u{1b}[2Jy\u{0}"), "x[2Jy");
        assert_eq!(n(0.123456), "0.12");
        assert_eq!(n(f64::NAN), "0");
    }

    #[test]
    fn zero_width_runs_are_shortened_in_one_pass() {
        let name = format!("{}{}", "\u{feff}".repeat(300_000), "word ".repeat(100));
        let s = fit(&name, 200.0, 13.0);
        assert!(s.ends_with('…'));
        assert!(text_width(&s, 13.0) <= 200.0 + 13.0);
        assert_eq!(fit("short", 200.0, 13.0), "short");
    }

    #[test]
    fn long_text_is_shortened() {
        let s = fit(&"word ".repeat(100), 200.0, 13.0);
        assert!(s.ends_with('…'));
        assert!(text_width(&s, 13.0) <= 200.0 + 13.0);
    }
}
