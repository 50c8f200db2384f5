//! Routing a value-chain link as a straight Braille line (2 × 4 dots per cell)
//! that skips every cell holding a marker, a label or a fixed glyph.

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

/// Dots of the segment between two cell centres, grouped per cell
/// (cell index `y × width + x`), free cells only.
pub(crate) fn braille_line(occ: &Occupancy, from: (u16, u16), to: (u16, u16)) -> Vec<(u32, u8)> {
    let centre = |(x, y): (u16, u16)| (i64::from(x) * 2 + 1, i64::from(y) * 4 + 2);
    let (mut x0, mut y0) = centre(from);
    let (x1, y1) = centre(to);
    let (dx, dy) = ((x1 - x0).abs(), -(y1 - y0).abs());
    let (sx, sy) = (if x0 < x1 { 1 } else { -1 }, if y0 < y1 { 1 } else { -1 });
    let mut err = dx + dy;
    let mut out: Vec<(u32, u8)> = Vec::new();
    loop {
        let (cx, cy) = (x0.div_euclid(2), y0.div_euclid(4));
        if cx >= 0 && cy >= 0 && (cx as usize) < occ.w && (cy as usize) < occ.h {
            let index = cy as usize * occ.w + cx as usize;
            if !occ.blocked(index) {
                let bit = dot_bit(x0.rem_euclid(2) as u32, y0.rem_euclid(4) as u32);
                match out.last_mut() {
                    Some((last, bits)) if *last == index as u32 => *bits |= bit,
                    _ => out.push((index as u32, bit)),
                }
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
