//! One-line gauges and sparklines built from text, so they can sit inside a
//! scrolled list and still read in a monochrome terminal: the filled part is
//! `█` (with eighth blocks at its edge) and the rest `░`, never colour alone.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::text;

const EIGHTHS: [char; 8] = [' ', '▎', '▎', '▍', '▌', '▋', '▊', '▉'];
const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A bar `cells` wide filled to `fraction` (clamped to 0..1).
pub fn bar(fraction: f64, cells: usize) -> (String, String) {
    let f = if fraction.is_finite() {
        fraction.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let eighths = (f * cells as f64 * 8.0).round() as usize;
    let full = eighths / 8;
    let rem = eighths % 8;
    let mut filled = "█".repeat(full.min(cells));
    let mut used = full.min(cells);
    if rem > 0 && used < cells {
        filled.push(EIGHTHS[rem]);
        used += 1;
    }
    (filled, "░".repeat(cells - used))
}

/// What a gauge shows: where a measure started, where it is, where it should go.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measure {
    pub baseline: Option<f64>,
    pub current: Option<f64>,
    pub target: Option<f64>,
    /// True when lower is better.
    pub down: bool,
}

impl Measure {
    pub fn progress(&self) -> Option<f64> {
        crate::workspace::model::progress(self.baseline?, self.current?, self.target?)
    }
}

/// `12,000 ▕████▍░░░░░░░▏ 30,000 ↑ 14%`, fitted to `width` cells; the less
/// important parts (end labels) go first when space is short.
pub fn gauge_line(
    m: &Measure,
    width: usize,
    fill: Style,
    empty: Style,
    muted: Style,
) -> Line<'static> {
    let arrow = if m.down { "↓" } else { "↑" };
    let pct = match m.progress() {
        Some(p) => format!("{arrow} {:>3.0}%", p * 100.0),
        None => format!("{arrow}  n/a"),
    };
    let left = m.baseline.map(text::number).unwrap_or_else(|| "?".into());
    let right = m.target.map(text::number).unwrap_or_else(|| "?".into());
    let fixed_full = text::width(&left) + text::width(&right) + text::width(&pct) + 5;
    let (with_ends, cells) = if width >= fixed_full + 8 {
        (true, width - fixed_full)
    } else {
        (false, width.saturating_sub(text::width(&pct) + 3))
    };
    let (filled, rest) = bar(m.progress().unwrap_or(0.0), cells);
    let mut spans = Vec::new();
    if with_ends {
        spans.push(Span::styled(format!("{left} "), muted));
    }
    spans.push(Span::styled("▕", muted));
    spans.push(Span::styled(filled, fill));
    spans.push(Span::styled(rest, empty));
    spans.push(Span::styled("▏", muted));
    if with_ends {
        spans.push(Span::styled(format!(" {right}"), muted));
    }
    spans.push(Span::raw(format!(" {pct}")));
    text::truncate_line(Line::from(spans), width)
}

/// The last `cells` values as spark characters scaled between their min and max.
pub fn sparkline(values: &[f64], cells: usize) -> String {
    let vals: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let start = vals.len().saturating_sub(cells);
    let shown = &vals[start..];
    let (lo, hi) = shown
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    shown
        .iter()
        .map(|v| {
            if hi > lo {
                let i = ((v - lo) / (hi - lo) * 7.0).round() as usize;
                SPARKS[i.min(7)]
            } else {
                SPARKS[3]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(l: &Line) -> String {
        l.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn bar_fills_in_eighths() {
        assert_eq!(bar(0.0, 4), (String::new(), "░░░░".into()));
        assert_eq!(bar(1.0, 4), ("████".into(), String::new()));
        assert_eq!(bar(0.5, 4), ("██".into(), "░░".into()));
        assert_eq!(bar(0.5625, 4), ("██▎".into(), "░".into()));
        assert_eq!(bar(f64::NAN, 2), (String::new(), "░░".into()));
        assert_eq!(bar(7.0, 2).0, "██");
    }

    #[test]
    fn gauge_shows_both_ends_when_it_fits() {
        let m = Measure {
            baseline: Some(12000.0),
            current: Some(14500.0),
            target: Some(30000.0),
            down: false,
        };
        let l = gauge_line(&m, 40, Style::new(), Style::new(), Style::new());
        let t = text(&l);
        assert!(t.starts_with("12,000 ▕"), "{t}");
        assert!(t.ends_with("30,000 ↑  14%"), "{t}");
        assert_eq!(text::width(&t), 40);
        let narrow = text(&gauge_line(
            &m,
            14,
            Style::new(),
            Style::new(),
            Style::new(),
        ));
        assert!(!narrow.contains("12,000"), "{narrow}");
        assert!(text::width(&narrow) <= 14);
        for w in 0..6 {
            assert!(
                text::width(&text(&gauge_line(
                    &m,
                    w,
                    Style::new(),
                    Style::new(),
                    Style::new()
                ))) <= w
            );
        }
    }

    #[test]
    fn downward_metric_progress() {
        let m = Measure {
            baseline: Some(40.0),
            current: Some(30.0),
            target: Some(20.0),
            down: true,
        };
        let t = text(&gauge_line(
            &m,
            30,
            Style::new(),
            Style::new(),
            Style::new(),
        ));
        assert!(t.ends_with("↓  50%"), "{t}");
    }

    #[test]
    fn sparkline_scales_and_keeps_the_latest() {
        assert_eq!(sparkline(&[1.0, 2.0, 3.0], 10), "▁▅█");
        assert_eq!(sparkline(&[5.0, 5.0], 10), "▄▄");
        assert_eq!(sparkline(&[1.0, 2.0, 3.0, 9.0], 2), "▁█");
        assert_eq!(sparkline(&[], 3), "");
    }
}
