//! A metric's samples from git in the Flywheel's detail: where `wheelhouse.toml` kept only the
//! latest value, the line under the metric's "now" line gives the whole series (the sparkline)
//! and names the samples read from earlier commits. The series arrives from the app (read off
//! the UI thread); nothing here reads git.

use ratatui::text::{Line, Span};

use crate::history::metric_series::MetricSeries;
use crate::text::inert;
use crate::tui::theme::Theme;
use crate::tui::widgets::doc::Block;
use crate::tui::widgets::gauge::sparkline;
use crate::tui::widgets::text;
use crate::workspace::RefKind;

/// Puts a line after each metric's "now" line for the metrics git completed.
pub fn add_git_series(blocks: &mut Vec<Block>, series: &[MetricSeries], theme: &Theme) {
    let mut k = 0;
    while k < blocks.len() {
        let metric = match &blocks[k] {
            Block::Item(it) => it
                .own
                .as_ref()
                .filter(|r| r.kind == RefKind::Metric && r.item.is_none())
                .map(|r| r.doc.clone()),
            _ => None,
        };
        k += 1;
        let Some(s) = metric.and_then(|id| series.iter().find(|s| s.metric == id)) else {
            continue;
        };
        if s.from_git() == 0 {
            continue;
        }
        // after the gauge, the "now" line
        let Some(now) = blocks[k..]
            .iter()
            .position(|b| matches!(b, Block::Line(_)))
            .map(|p| k + p)
        else {
            continue;
        };
        blocks.insert(now + 1, Block::Line(series_line(s, theme)));
        k = now + 2;
    }
}

/// "  with git ▁▃▅█ · 2 from git: 2024-01-01 10 · 2024-02-01 12"
pub fn series_line(s: &MetricSeries, theme: &Theme) -> Line<'static> {
    let values: Vec<f64> = s.samples.iter().map(|x| x.value).collect();
    let from_git: Vec<String> = s
        .samples
        .iter()
        .filter(|x| x.from_git.is_some())
        .map(|x| format!("{} {}", inert(&x.date), text::number(x.value)))
        .collect();
    Line::from(vec![
        Span::styled("  with git ", theme.muted),
        Span::styled(sparkline(&values, 24), theme.accent),
        Span::styled(
            format!(" · {} from git: {}", from_git.len(), from_git.join(" · ")),
            theme.muted,
        ),
    ])
}
