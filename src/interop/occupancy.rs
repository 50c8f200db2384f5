//! What a picture has drawn so far, as rectangles in a bucket grid, for label placement.
//!
//! Placing each of n labels where it overlaps nothing drawn so far is quadratic with a plain
//! list (every candidate place is tested against everything). Here a query only looks at the
//! rectangles in the grid cells it covers. On a picture so crowded that one query would examine
//! more than `CROWDED` rectangles (10,000 components squeezed onto 1,100 × 800 pixels), the query
//! stops there and the place counts as taken: no label fits there anyway, and every label costs
//! at most a bounded amount of work. Below that the answers are exactly those of the plain list.

/// Grid cell edge, in picture units (about two lines of 13 px text).
const CELL: f64 = 24.0;
/// Rectangles one query may examine before the place counts as crowded.
pub const CROWDED: usize = 256;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Area shared with `o` (0 when apart).
    fn shared(&self, o: &Rect) -> f64 {
        let w = (self.x1.min(o.x1) - self.x0.max(o.x0)).max(0.0);
        let h = (self.y1.min(o.y1) - self.y0.max(o.y0)).max(0.0);
        w * h
    }
}

pub struct Occupancy {
    rects: Vec<Rect>,
    cols: usize,
    rows: usize,
    /// Per cell, the rectangles touching it, in the order they were added.
    cells: Vec<Vec<u32>>,
    /// Rectangles examined by queries so far (for tests that the work stays bounded).
    examined: std::cell::Cell<u64>,
}

impl Occupancy {
    /// A grid over a `width` × `height` picture; rectangles beyond it land in the edge cells.
    pub fn new(width: f64, height: f64) -> Self {
        let span = |v: f64| ((v.max(0.0) / CELL).ceil() as usize).clamp(1, 1 << 12);
        let (cols, rows) = (span(width), span(height));
        Occupancy {
            rects: Vec::new(),
            cols,
            rows,
            cells: vec![Vec::new(); cols * rows],
            examined: std::cell::Cell::new(0),
        }
    }

    /// Cell column (or row) of a coordinate, clamped into the grid (NaN lands in 0).
    fn cell(v: f64, n: usize) -> usize {
        // truncation is floor once negatives are clamped to 0, and cheaper
        ((v / CELL).max(0.0) as usize).min(n - 1)
    }

    fn cols_rows(
        &self,
        r: &Rect,
    ) -> (
        std::ops::RangeInclusive<usize>,
        std::ops::RangeInclusive<usize>,
    ) {
        (
            Self::cell(r.x0, self.cols)..=Self::cell(r.x1, self.cols),
            Self::cell(r.y0, self.rows)..=Self::cell(r.y1, self.rows),
        )
    }

    pub fn push(&mut self, r: Rect) {
        let Ok(id) = u32::try_from(self.rects.len()) else {
            return; // four billion rectangles: nothing more can be placed sensibly anyway
        };
        self.rects.push(r);
        let (xs, ys) = self.cols_rows(&r);
        for y in ys {
            for x in xs.clone() {
                self.cells[y * self.cols + x].push(id);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.rects.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rects.is_empty()
    }

    /// Rectangles examined by every query so far.
    pub fn examined(&self) -> u64 {
        self.examined.get()
    }

    /// Calls `f` with each rectangle overlapping `r`, once each, until `f` says stop; None when
    /// the area is crowded (more than `CROWDED` rectangles examined).
    fn each_overlapping(&self, r: &Rect, mut f: impl FnMut(u32) -> bool) -> Option<()> {
        let (xs, ys) = self.cols_rows(r);
        let mut budget = CROWDED;
        for y in ys {
            for x in xs.clone() {
                for &id in &self.cells[y * self.cols + x] {
                    self.examined.set(self.examined.get() + 1);
                    if budget == 0 {
                        return None;
                    }
                    budget -= 1;
                    let t = &self.rects[id as usize];
                    if !t.overlaps(r) {
                        continue;
                    }
                    // A rectangle sits in every cell it touches: count it only in the cell
                    // holding the top-left corner of the shared part.
                    let corner = (
                        Self::cell(t.x0.max(r.x0), self.cols),
                        Self::cell(t.y0.max(r.y0), self.rows),
                    );
                    if corner == (x, y) && !f(id) {
                        return Some(());
                    }
                }
            }
        }
        Some(())
    }

    /// Does `r` overlap anything added so far (or lie in a crowded area)?
    pub fn collides(&self, r: &Rect) -> bool {
        let mut hit = false;
        let crowded = self
            .each_overlapping(r, |_| {
                hit = true;
                false
            })
            .is_none();
        hit || crowded
    }

    /// Total area of `r` covered by what was added, summed in the order it was added (so the
    /// figure is the plain list's to the last bit); infinite in a crowded area.
    pub fn overlap(&self, r: &Rect) -> f64 {
        // A sum examines every entry of the covered cells: count them first, and give up
        // on a crowded area without walking it.
        let (xs, ys) = self.cols_rows(r);
        let entries: usize = ys
            .flat_map(|y| xs.clone().map(move |x| (x, y)))
            .map(|(x, y)| self.cells[y * self.cols + x].len())
            .sum();
        if entries > CROWDED {
            return f64::INFINITY;
        }
        let mut ids = Vec::new();
        if self
            .each_overlapping(r, |id| {
                ids.push(id);
                true
            })
            .is_none()
        {
            return f64::INFINITY;
        }
        ids.sort_unstable();
        ids.iter()
            .map(|&id| r.shared(&self.rects[id as usize]))
            .fold(0.0, |sum, a| sum + a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect {
            x0: x,
            y0: y,
            x1: x + w,
            y1: y + h,
        }
    }

    /// A small deterministic generator, so the comparison covers many layouts.
    fn rects(n: usize, seed: u64) -> Vec<Rect> {
        let mut s = seed;
        let mut next = move |m: f64| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s % 10_000) as f64 / 10_000.0 * m
        };
        (0..n)
            .map(|_| {
                rect(
                    next(1200.0) - 50.0,
                    next(900.0) - 50.0,
                    next(300.0),
                    next(40.0),
                )
            })
            .collect()
    }

    #[test]
    fn answers_as_a_plain_list_does_when_not_crowded() {
        let placed = rects(120, 7);
        let mut grid = Occupancy::new(1100.0, 800.0);
        for r in &placed {
            grid.push(*r);
        }
        for q in rects(500, 99) {
            let any = placed.iter().any(|t| t.overlaps(&q));
            let sum: f64 = placed.iter().map(|t| q.shared(t)).fold(0.0, |s, a| s + a);
            assert_eq!(grid.collides(&q), any, "{q:?}");
            assert_eq!(grid.overlap(&q).to_bits(), sum.to_bits(), "{q:?}");
        }
    }

    #[test]
    fn a_crowded_picture_costs_a_bounded_amount_per_query() {
        // 20,000 boxes on one spot: a plain list examines all of them per query.
        let mut grid = Occupancy::new(1100.0, 800.0);
        for _ in 0..20_000 {
            grid.push(rect(500.0, 400.0, 60.0, 14.0));
        }
        let q = rect(490.0, 395.0, 60.0, 14.0);
        assert!(grid.collides(&q));
        assert_eq!(grid.overlap(&q), f64::INFINITY);
        let far = rect(10.0, 10.0, 60.0, 14.0);
        assert!(!grid.collides(&far));
        assert_eq!(grid.overlap(&far), 0.0);
        assert!(
            grid.examined() <= 2 * (CROWDED as u64 + 1),
            "{} rectangles examined by four queries",
            grid.examined()
        );
    }

    #[test]
    fn rectangles_outside_the_grid_and_nan_stay_in_the_edge_cells() {
        let mut grid = Occupancy::new(100.0, 100.0);
        grid.push(rect(-500.0, -500.0, 10.0, 10.0));
        grid.push(rect(f64::NAN, 5.0, 10.0, 10.0));
        grid.push(rect(1e6, 1e6, 10.0, 10.0));
        assert!(grid.collides(&rect(-495.0, -495.0, 2.0, 2.0)));
        assert!(grid.collides(&rect(1e6, 1e6, 2.0, 2.0)));
        assert_eq!(grid.len(), 3);
    }
}
