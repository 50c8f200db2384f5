//! The position bar (owm-language §9, after wardleyToGo's evolution bars): four
//! cells sized by the stage widths, `x` at the current evolution, `>` (or `<`)
//! at the evolve target.
//!
//! ```text
//! Kettle  |.......|.......x.|.........>..|............|
//! ```

use crate::workspace::model::STAGE_BOUNDARIES;

/// Stage (start, end) in evolution.
fn stage_spans() -> [(f64, f64); 4] {
    let b = STAGE_BOUNDARIES;
    [(0.0, b[0]), (b[0], b[1]), (b[1], b[2]), (b[2], 1.0)]
}

/// Inner width of each of the four stage cells when the bar is `width` columns
/// wide (five of them are the `|` separators). None below 9 columns.
pub fn stage_widths(width: usize) -> Option<[usize; 4]> {
    let inner = width.checked_sub(5).filter(|i| *i >= 4)?;
    let mut out = [0; 4];
    let mut used = 0;
    for (i, (a, b)) in stage_spans().iter().enumerate().take(3) {
        out[i] = (((b - a) * inner as f64).round() as usize).max(1);
        used += out[i];
    }
    out[3] = inner.checked_sub(used).filter(|w| *w >= 1)?;
    Some(out)
}

/// (stage, offset inside the stage cell) for an evolution value.
fn locate(evolution: f64, widths: &[usize; 4]) -> (usize, usize) {
    let m = if evolution.is_nan() {
        0.0
    } else {
        evolution.clamp(0.0, 1.0)
    };
    let stage = crate::workspace::model::stage_of(m).min(3);
    let (a, b) = stage_spans()[stage];
    let n = widths[stage];
    let off = (((m - a) / (b - a)) * n as f64).round() as usize;
    (stage, off.min(n - 1))
}

/// The bar as a string of exactly `width` columns (all ASCII), or an empty
/// string when `width` is under 9.
pub fn position_bar(evolution: f64, target: Option<f64>, width: usize) -> String {
    let Some(widths) = stage_widths(width) else {
        return String::new();
    };
    let mut cells: Vec<Vec<u8>> = widths.iter().map(|w| vec![b'.'; *w]).collect();
    let (s, o) = locate(evolution, &widths);
    if let Some(t) = target.filter(|t| !t.is_nan()) {
        let (ts, to) = locate(t, &widths);
        if (ts, to) != (s, o) {
            cells[ts][to] = if t >= evolution { b'>' } else { b'<' };
        }
    }
    cells[s][o] = b'x';
    let mut out = String::with_capacity(width);
    out.push('|');
    for c in cells {
        out.push_str(std::str::from_utf8(&c).unwrap_or(""));
        out.push('|');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_reference_notation() {
        // owm-language §9: Tea Shop's Kettle and Power in 40 columns of stage cells
        assert_eq!(
            position_bar(0.35, Some(0.62), 45),
            "|.......|.......x.|.........>..|............|"
        );
        assert_eq!(
            position_bar(0.70, Some(0.89), 45),
            "|.......|.........|............|x.......>...|"
        );
    }

    #[test]
    fn always_exactly_the_width_asked() {
        for w in 9..80 {
            for m in [0.0, 0.1, 0.175, 0.4, 0.69, 0.7, 0.99, 1.0, 1.5, -0.3] {
                let bar = position_bar(m, Some(1.0 - m), w);
                assert_eq!(bar.len(), w, "width {w} m {m}: {bar}");
                assert_eq!(bar.matches('x').count(), 1);
            }
        }
        assert_eq!(position_bar(0.5, None, 8), "");
        assert_eq!(position_bar(0.5, None, 0), "");
    }

    #[test]
    fn backward_evolution_and_nan() {
        let bar = position_bar(0.9, Some(0.1), 25);
        assert!(bar.find('<').unwrap() < bar.find('x').unwrap(), "{bar}");
        assert_eq!(
            position_bar(f64::NAN, Some(f64::NAN), 20)
                .matches('x')
                .count(),
            1
        );
    }
}
