//! Routing a value-chain link as a straight Braille line (2 × 4 dots per cell)
//! that skips every cell holding a marker, a label or a fixed glyph. A flow is
//! drawn thick: the same line again, one dot aside.

use super::Occupancy;

/// Braille dot bit for the dot at (dx, dy) inside a cell, dx in 0..2, dy in 0..4.
pub(crate) const fn dot_bit(dx: u32, dy: u32) -> u8 {
    match (dx, dy) {
        (0, 0) => 0x01,
        (0, 1) => 0x02,
        (0, 2) => 0x04,
        (1, 0) => 0x08,
        (1, 1) => 0x10,
        (1, 2) => 0x20,
        (0, 3) => 0x40,
        _ => 0x80,
    }
}

/// The Braille character for a set of dot bits.
pub fn braille(bits: u8) -> char {
    char::from_u32(0x2800 + u32::from(bits)).unwrap_or(' ')
}

/// Dot bits indexed by [dx][dy] inside a cell (the table form of [`dot_bit`]).
const DOTS: [[u8; 4]; 2] = [
    [dot_bit(0, 0), dot_bit(0, 1), dot_bit(0, 2), dot_bit(0, 3)],
    [dot_bit(1, 0), dot_bit(1, 1), dot_bit(1, 2), dot_bit(1, 3)],
];

/// Dots of the segment between two cell centres, grouped per cell
/// (cell index `y × width + x`), free cells only. Both ends lie inside the grid,
/// so every dot does too (Bresenham never leaves the bounding box).
pub(crate) fn braille_line(occ: &Occupancy, from: (u16, u16), to: (u16, u16)) -> Vec<(u32, u8)> {
    braille_line_aside(occ, from, to, (0, 0))
}

/// The same line shifted by `aside` dots (x in -1..=0, y in -1..=1): a centre is
/// dot (1, 2) of its cell, so the shifted ends stay in their cells (and in the grid).
pub(crate) fn braille_line_aside(
    occ: &Occupancy,
    from: (u16, u16),
    to: (u16, u16),
    aside: (i32, i32),
) -> Vec<(u32, u8)> {
    let (ax, ay) = (aside.0.clamp(-1, 0), aside.1.clamp(-1, 1));
    let centre = |(x, y): (u16, u16)| (i32::from(x) * 2 + 1 + ax, i32::from(y) * 4 + 2 + ay);
    let (mut x0, mut y0) = centre(from);
    let (x1, y1) = centre(to);
    let (dx, dy) = ((x1 - x0).abs(), -(y1 - y0).abs());
    let (sx, sy) = (if x0 < x1 { 1 } else { -1 }, if y0 < y1 { 1 } else { -1 });
    let mut err = dx + dy;
    let mut out: Vec<(u32, u8)> = Vec::with_capacity((dx / 2).max(-dy / 4) as usize + 2);
    let w = occ.w;
    loop {
        let index = (y0 >> 2) as usize * w + (x0 >> 1) as usize;
        if !occ.blocked(index) {
            let bit = DOTS[(x0 & 1) as usize][(y0 & 3) as usize];
            match out.last_mut() {
                Some((last, bits)) if *last == index as u32 => *bits |= bit,
                _ => out.push((index as u32, bit)),
            }
        }
        if x0 == x1 && y0 == y1 {
            break;
        }
        let e2 = 2 * err;
        if e2 >= dy {
            err += dy;
            x0 += sx;
        }
        if e2 <= dx {
            err += dx;
            y0 += sy;
        }
    }
    out
}
