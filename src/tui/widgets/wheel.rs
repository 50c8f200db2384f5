//! The flywheel picture: a ring of four arcs drawn in Braille dots, clockwise
//! from the top, with arrows in the gaps showing the direction of turn and a
//! label beside each arc. The selected arc is drawn thicker and its label
//! reversed, so the selection shows without colour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::text;

/// One arc of the wheel.
#[derive(Debug, Clone)]
pub struct Segment {
    /// Full label ("1 Clarity of Purpose").
    pub label: String,
    /// Shorter label for narrow areas ("1 Clarity").
    pub short: String,
    /// The arc's colour (its status).
    pub style: Style,
}

#[derive(Debug, Clone)]
pub struct Wheel {
    /// Top, right, bottom, left: the order of turn.
    pub segments: [Segment; 4],
    pub selected: usize,
    /// Lines shown inside the ring (truncated to fit).
    pub center: Vec<Line<'static>>,
    /// Style of the direction arrows.
    pub arrow_style: Style,
}

/// Where the parts of the wheel land in an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    /// Ring diameter in Braille dots (a cell is 2 dots wide, 4 high).
    pub dots: u16,
    /// The cells the ring occupies.
    pub ring: Rect,
    /// Which labels are used beside the ring (right, left): 0 full, 1 short, 2 numbers only.
    pub label_level: u8,
    /// Which labels are used above and below the ring.
    pub top_level: u8,
}

const ARROWS: [&str; 4] = ["↘", "↙", "↖", "↗"];
/// Degrees left blank either side of each diagonal, where the arrows go.
const GAP_DEG: f64 = 7.0;

impl Wheel {
    fn label(&self, i: usize, level: u8) -> String {
        match level {
            0 => self.segments[i].label.clone(),
            1 => self.segments[i].short.clone(),
            _ => (i + 1).to_string(),
        }
    }

    /// Chooses the label level and ring size for `area`; None when nothing fits.
    pub fn geometry(&self, area: Rect) -> Option<Geometry> {
        if area.height < 4 || area.width < 6 {
            return None;
        }
        let top_level = (0..3u8)
            .find(|l| {
                text::width(&self.label(0, *l)).max(text::width(&self.label(2, *l)))
                    <= area.width as usize
            })
            .unwrap_or(2);
        for level in 0..3u8 {
            let side =
                text::width(&self.label(1, level)).max(text::width(&self.label(3, level))) as u16;
            let by_h = (area.height - 2).saturating_mul(4);
            let by_w = area.width.saturating_sub(2 * (side + 1)).saturating_mul(2);
            let dots = by_h.min(by_w) & !1;
            // Longer labels only when they leave the ring most of its room.
            let enough = (by_h.min(56) * 3 / 4).max(16);
            if dots >= enough || (level == 2 && dots >= 8) {
                let w = dots / 2;
                let h = dots.div_ceil(4);
                let ring = Rect {
                    x: area.x + (area.width - w) / 2,
                    y: area.y + 1 + (area.height - 2 - h) / 2,
                    width: w,
                    height: h,
                };
                return Some(Geometry {
                    dots,
                    ring,
                    label_level: level,
                    top_level: top_level.max(level.min(1)),
                });
            }
        }
        None
    }
}

/// Clockwise angle from the top in degrees, 0..360.
fn angle(dx: f64, dy_up: f64) -> f64 {
    let a = dx.atan2(dy_up).to_degrees();
    if a < 0.0 {
        a + 360.0
    } else {
        a
    }
}

fn segment_of(deg: f64) -> usize {
    (((deg + 45.0) % 360.0) / 90.0) as usize % 4
}

fn near_diagonal(deg: f64) -> bool {
    let off = (deg - 45.0).rem_euclid(90.0);
    !(GAP_DEG..=90.0 - GAP_DEG).contains(&off)
}

const DOT_BITS: [[u8; 4]; 2] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]];

impl Widget for &Wheel {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        let Some(g) = self.geometry(area) else {
            return;
        };
        let c = g.dots as f64 / 2.0;
        let r = c - 1.0;
        for row in 0..g.ring.height {
            for col in 0..g.ring.width {
                // Most cells lie well inside or outside the ring: skip them
                // before any trigonometry (a dot is at most 1.6 from its cell's centre).
                let ccx = (col * 2) as f64 + 1.0 - c;
                let ccy = c - ((row * 4) as f64 + 2.0);
                let dc = ccx.hypot(ccy);
                if dc < r - 4.1 || dc > r + 2.5 {
                    continue;
                }
                let mut bits = 0u8;
                for (dx, column) in DOT_BITS.iter().enumerate() {
                    for (dy, bit) in column.iter().enumerate() {
                        let px = (col * 2) as f64 + dx as f64 + 0.5 - c;
                        let py = c - ((row * 4) as f64 + dy as f64 + 0.5);
                        let dist = px.hypot(py);
                        if dist > r + 0.8 || dist < r - 2.4 {
                            continue;
                        }
                        let deg = angle(px, py);
                        if near_diagonal(deg) {
                            continue;
                        }
                        let inner = if segment_of(deg) == self.selected {
                            2.4
                        } else {
                            0.8
                        };
                        if dist >= r - inner {
                            bits |= bit;
                        }
                    }
                }
                if bits == 0 {
                    continue;
                }
                let seg = segment_of(angle(ccx, ccy));
                let ch = char::from_u32(0x2800 + bits as u32).unwrap_or(' ');
                if let Some(cell) = buf.cell_mut((g.ring.x + col, g.ring.y + row)) {
                    cell.set_char(ch).set_style(self.segments[seg].style);
                }
            }
        }
        // Arrows in the gaps, on the ring.
        for (i, arrow) in ARROWS.iter().enumerate() {
            let deg = (45.0 + 90.0 * i as f64).to_radians();
            let px = c + r * deg.sin();
            let py = c - r * deg.cos();
            let x = g.ring.x + ((px / 2.0) as u16).min(g.ring.width.saturating_sub(1));
            let y = g.ring.y + ((py / 4.0) as u16).min(g.ring.height.saturating_sub(1));
            text::put_str(buf, area, x, y, arrow, self.arrow_style);
        }
        // Labels: above, right, below, left.
        for i in 0..4 {
            let level = if i % 2 == 0 {
                g.top_level
            } else {
                g.label_level
            };
            let text = self.label(i, level);
            let w = text::width(&text) as u16;
            let mut style = self.segments[i].style;
            if i == self.selected {
                style = style.add_modifier(Modifier::REVERSED | Modifier::BOLD);
            }
            let mid_x = g.ring.x + g.ring.width / 2;
            let mid_y = g.ring.y + g.ring.height / 2;
            let (x, y) = match i {
                0 => (
                    mid_x.saturating_sub(w / 2).max(area.x),
                    g.ring.y.saturating_sub(1),
                ),
                1 => (g.ring.right() + 1, mid_y),
                2 => (mid_x.saturating_sub(w / 2).max(area.x), g.ring.bottom()),
                _ => (g.ring.x.saturating_sub(w + 1).max(area.x), mid_y),
            };
            let max = area.right().saturating_sub(x);
            let text = text::truncate(&text, max as usize);
            text::put_str(buf, area, x, y, &text, style);
        }
        // The centre: the inscribed square of the ring.
        let inner_w = ((r * 1.3) / 2.0) as u16;
        let inner_h = ((r * 1.3) / 4.0) as u16;
        if inner_w >= 3 && inner_h >= 1 {
            let n = (self.center.len() as u16).min(inner_h);
            let top = g.ring.y + g.ring.height / 2 - n / 2;
            for (k, line) in self.center.iter().take(n as usize).enumerate() {
                let line = text::truncate_line(line.clone(), inner_w as usize);
                let w = text::line_width(&line) as u16;
                let x = g.ring.x + g.ring.width / 2 - w / 2;
                text::put_line(buf, area, x, top + k as u16, &line, inner_w);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wheel(selected: usize) -> Wheel {
        let seg = |l: &str, s: &str| Segment {
            label: l.into(),
            short: s.into(),
            style: Style::default(),
        };
        Wheel {
            segments: [
                seg("1 Clarity of Purpose", "1 Clarity"),
                seg("2 Challenge & Landscape", "2 Challenge"),
                seg("3 Next Best Action", "3 Next action"),
                seg("4 Long-Term Value", "4 Long-term"),
            ],
            selected,
            center: vec![Line::from("CEO")],
            arrow_style: Style::default(),
        }
    }

    fn text(buf: &Buffer) -> String {
        let mut s = String::new();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                s.push_str(buf[(x, y)].symbol());
            }
            s.push('\n');
        }
        s
    }

    #[test]
    fn draws_ring_labels_and_arrows() {
        let area = Rect::new(0, 0, 70, 20);
        let mut buf = Buffer::empty(area);
        (&wheel(0)).render(area, &mut buf);
        let t = text(&buf);
        for want in [
            "1 Clarity of Purpose",
            "2 Challenge & Landscape",
            "3 Next Best Action",
            "4 Long-Term Value",
            "↘",
            "↙",
            "↖",
            "↗",
            "CEO",
        ] {
            assert!(t.contains(want), "missing {want}:\n{t}");
        }
        assert!(t.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c)));
    }

    #[test]
    #[ignore]
    fn show() {
        for (w, h) in [(56u16, 20u16), (26, 10), (40, 14)] {
            let area = Rect::new(0, 0, w, h);
            let mut buf = Buffer::empty(area);
            (&wheel(0)).render(area, &mut buf);
            println!("{}", text(&buf));
        }
    }

    #[test]
    fn selected_label_is_reversed() {
        let area = Rect::new(0, 0, 70, 20);
        let mut buf = Buffer::empty(area);
        (&wheel(2)).render(area, &mut buf);
        let reversed: String = (0..area.height)
            .flat_map(|y| (0..area.width).map(move |x| (x, y)))
            .filter(|p| buf[*p].modifier.contains(Modifier::REVERSED))
            .map(|p| buf[p].symbol().to_string())
            .collect();
        assert_eq!(reversed, "3 Next Best Action");
    }

    #[test]
    fn the_selected_arc_is_thicker() {
        let area = Rect::new(0, 0, 70, 20);
        let dots = |sel: usize| {
            let mut buf = Buffer::empty(area);
            (&wheel(sel)).render(area, &mut buf);
            // Count dots in the top half (the Clarity arc lives there).
            (0..area.height / 2)
                .flat_map(|y| (0..area.width).map(move |x| (x, y)))
                .filter_map(|p| buf[p].symbol().chars().next())
                .filter(|c| ('\u{2800}'..='\u{28ff}').contains(c))
                .map(|c| (c as u32 - 0x2800).count_ones())
                .sum::<u32>()
        };
        assert!(dots(0) > dots(2) + 10, "{} vs {}", dots(0), dots(2));
    }

    #[test]
    fn falls_back_to_shorter_labels_and_never_panics() {
        let area = Rect::new(0, 0, 30, 12);
        let w = wheel(1);
        let g = w.geometry(area).unwrap();
        assert_eq!((g.label_level, g.top_level), (2, 1));
        for (wd, h) in [(0, 0), (1, 1), (10, 3), (6, 4), (12, 6), (200, 3), (3, 80)] {
            let area = Rect::new(0, 0, wd, h);
            let mut buf = Buffer::empty(area);
            (&w).render(area, &mut buf);
        }
        // An area offset inside a larger buffer and partly outside it.
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 10));
        (&w).render(Rect::new(5, 5, 40, 20), &mut buf);
    }
}
