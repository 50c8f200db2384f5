//! Problems found while loading: each one points at a file, line and column.

use serde::Serialize;
use std::fmt;
use std::path::PathBuf;

use super::reference::Reference;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Relative to the workspace root, `/` separated.
    pub file: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: u32,
    /// 1-based, counted in characters; 0 when the problem concerns the whole file.
    pub col: u32,
    pub severity: Severity,
    /// A stable kebab-case code: syntax, unknown-field, out-of-range, duplicate-adr, dangling-reference,
    /// missing-successor, metric-without-target, goal-not-measurable, bad-value, missing-field, ...
    pub code: &'static str,
    pub message: String,
    /// The item the problem belongs to, so the TUI can jump to it.
    pub target: Option<Reference>,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `path:line:col: error|warning: message`, the format `wh check` prints.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file.display(),
            self.line,
            self.col,
            sev,
            self.message
        )
    }
}

/// Maps byte offsets of one file's text to 1-based line and column (columns count characters).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last answer (line, offset, column): readers ask in file order, so a column on a
    /// long line is counted on from there rather than from the line's start (a 10 MB map
    /// written on one line asked every component's column from the start: quadratic).
    last: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            text,
            starts,
            last: std::cell::Cell::new((0, 0, 0)),
        }
    }

    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let (last_line, last_offset, last_col) = self.last.get();
        let (from, chars_before) = if last_line == line && (start..=offset).contains(&last_offset) {
            (last_offset, last_col)
        } else {
            (start, 0)
        };
        let col = match self.text.get(from..offset) {
            Some(s) => chars_before + s.chars().count(),
            // not on a character boundary: count bytes, as before
            None => offset - start,
        };
        if self.text.is_char_boundary(offset) {
            self.last.set((line, offset, col));
        }
        (line as u32 + 1, col as u32 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let idx = LineIndex::new("a = 1\n標題 = x\n");
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(6), (2, 1));
        // after the two CJK characters (6 bytes) and the space
        assert_eq!(idx.line_col(13), (2, 4));
    }

    #[test]
    fn columns_asked_in_any_order_agree_with_a_count_from_the_line_start() {
        let text = "a = 1\n標題 = [\"é\", \"x\", \"標\"]\nb = 2";
        let idx = LineIndex::new(text);
        let fresh = |o: usize| LineIndex::new(text).line_col(o);
        let mut offsets: Vec<usize> = (0..=text.len()).collect();
        // forwards, backwards, then jumping about
        for o in offsets.clone() {
            assert_eq!(idx.line_col(o), fresh(o), "at {o}");
        }
        offsets.reverse();
        for o in offsets {
            assert_eq!(idx.line_col(o), fresh(o), "at {o}");
        }
        for o in [20, 3, 27, 9, 9, 0, 31] {
            assert_eq!(idx.line_col(o), fresh(o), "at {o}");
        }
    }
}
