//! Moving the selection to the nearest component in a direction.
//!
//! A cone search: candidates strictly ahead within 45° of the direction win over
//! those merely ahead (the half-plane), so a move is never stuck while some
//! component lies that way. Among them the lowest `ahead + 2 × aside` wins;
//! ties go to the smaller `aside`, then to the nearer index, then the lower one. Components at the
//! very same point are ordered by index (Right/Down go to the next, Left/Up to
//! the previous), so none is unreachable.

use std::cmp::Ordering;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Up,
    Down,
    Left,
    Right,
}

/// `points` are (x, y) with y growing downward, in comparable units
/// (the pane passes cell columns and rows × 2, since a cell is about twice as tall as wide).
pub fn nearest(points: &[(f64, f64)], from: usize, dir: Dir) -> Option<usize> {
    let &(fx, fy) = points.get(from)?;
    let forward_in_index = matches!(dir, Dir::Right | Dir::Down);
    points
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != from)
        .filter_map(|(j, &(x, y))| {
            let (dx, dy) = (x - fx, y - fy);
            let (ahead, aside) = match dir {
                Dir::Right => (dx, dy.abs()),
                Dir::Left => (-dx, dy.abs()),
                Dir::Down => (dy, dx.abs()),
                Dir::Up => (-dy, dx.abs()),
            };
            let same_point = dx == 0.0 && dy == 0.0;
            let eligible = ahead > 0.0 || (same_point && (j > from) == forward_in_index);
            if !eligible || !ahead.is_finite() || !aside.is_finite() {
                return None;
            }
            let in_cone = aside <= ahead;
            Some((!in_cone, ahead + 2.0 * aside, aside, j.abs_diff(from), j))
        })
        .min_by(|a, b| {
            a.0.cmp(&b.0)
                .then(a.1.partial_cmp(&b.1).unwrap_or(Ordering::Equal))
                .then(a.2.partial_cmp(&b.2).unwrap_or(Ordering::Equal))
                .then(a.3.cmp(&b.3))
                .then(a.4.cmp(&b.4))
        })
        .map(|c| c.4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_nearest_in_the_cone() {
        // 0 at origin; 1 far right on axis; 2 near right but off-axis within cone; 3 above
        let pts = [(0.0, 0.0), (10.0, 0.0), (3.0, 2.0), (0.0, -5.0)];
        assert_eq!(nearest(&pts, 0, Dir::Right), Some(2));
        assert_eq!(nearest(&pts, 0, Dir::Up), Some(3));
        assert_eq!(nearest(&pts, 0, Dir::Left), None);
        // from 1 leftward: 0 dead ahead (10) beats 2 off-axis (7 + 2 × 2)
        assert_eq!(nearest(&pts, 1, Dir::Left), Some(0));
    }

    #[test]
    fn cone_beats_half_plane_but_half_plane_is_never_stuck() {
        // 1 is right but mostly below (outside the cone); 2 is in the cone though farther
        let pts = [(0.0, 0.0), (1.0, 8.0), (20.0, 1.0)];
        assert_eq!(nearest(&pts, 0, Dir::Right), Some(2));
        // only an out-of-cone candidate: still reached
        let pts = [(0.0, 0.0), (1.0, 8.0)];
        assert_eq!(nearest(&pts, 0, Dir::Right), Some(1));
    }

    #[test]
    fn ties_are_well_defined() {
        // 1 and 2 mirror each other about the axis: same score, same aside: lower index
        let pts = [(0.0, 0.0), (5.0, 1.0), (5.0, -1.0)];
        assert_eq!(nearest(&pts, 0, Dir::Right), Some(1));
        let pts = [(0.0, 0.0), (5.0, -1.0), (5.0, 1.0)];
        assert_eq!(nearest(&pts, 0, Dir::Right), Some(1));
    }

    #[test]
    fn components_on_the_same_point_are_all_reachable() {
        let pts = [(1.0, 1.0), (1.0, 1.0), (1.0, 1.0)];
        assert_eq!(nearest(&pts, 0, Dir::Right), Some(1));
        assert_eq!(nearest(&pts, 1, Dir::Right), Some(2));
        assert_eq!(nearest(&pts, 2, Dir::Right), None);
        assert_eq!(nearest(&pts, 2, Dir::Left), Some(1));
        assert_eq!(nearest(&pts, 0, Dir::Down), Some(1));
        assert_eq!(nearest(&pts, 1, Dir::Up), Some(0));
    }

    #[test]
    fn out_of_range_and_nan_are_harmless() {
        assert_eq!(nearest(&[], 0, Dir::Up), None);
        assert_eq!(nearest(&[(0.0, 0.0)], 3, Dir::Up), None);
        let pts = [(0.0, 0.0), (f64::NAN, 1.0), (2.0, 0.0)];
        assert_eq!(nearest(&pts, 0, Dir::Right), Some(2));
    }

    /// Every component can be reached from any other by some sequence of moves
    /// (a move exists whenever something lies in that direction).
    #[test]
    fn never_stuck_when_something_lies_that_way() {
        let mut seed = 7u64;
        let mut rnd = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % 50) as f64
        };
        let pts: Vec<(f64, f64)> = (0..60).map(|_| (rnd(), rnd())).collect();
        for (i, &(x, y)) in pts.iter().enumerate() {
            let right = pts.iter().enumerate().any(|(j, p)| j != i && p.0 > x);
            let up = pts.iter().enumerate().any(|(j, p)| j != i && p.1 < y);
            assert_eq!(
                nearest(&pts, i, Dir::Right).is_some(),
                right || pts.iter().enumerate().any(|(j, p)| j > i && *p == (x, y))
            );
            assert_eq!(
                nearest(&pts, i, Dir::Up).is_some(),
                up || pts.iter().enumerate().any(|(j, p)| j < i && *p == (x, y))
            );
            if let Some(j) = nearest(&pts, i, Dir::Right) {
                assert!(pts[j].0 >= x);
            }
        }
    }
}
