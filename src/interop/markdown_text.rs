//! Small pieces shared by the markdown exports: escaping file text so it reads as text, and
//! showing numbers the way people write them.

use crate::text::{inert, inert_multiline};

/// File text as one line of inline markdown (fit for a list item or a table cell): control characters made visible (the report may be
/// `cat` to a terminal) and the characters markdown would act on escaped, so a title such as
/// `*draft* [x] | y` shows as written.
pub fn inline(text: &str) -> String {
    // Line breaks would end a list item or a table row: one line, single spaces.
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let safe = inert(&one_line);
    let mut out = String::with_capacity(safe.len() + 4);
    let mut chars = safe.chars().peekable();
    let mut first = true;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' => true,
            // `<` opens HTML only before a tag-like character; `>` and `#` act only at the start.
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            '>' | '#' => first,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        first = false;
    }
    out
}

/// A markdown body from a file (a summary, an ADR's context), kept as markdown: only made inert.
/// Trailing blank lines are dropped so the caller controls spacing.
pub fn block(text: &str) -> String {
    inert_multiline(text.trim_matches('\n'))
        .trim_end()
        .to_string()
}

/// Text inside a code span: control characters made visible, backticks cannot close the span.
pub fn code(text: &str) -> String {
    let safe = inert(text);
    if safe.contains('`') {
        format!("`` {} ``", safe.replace("``", "` `"))
    } else {
        format!("`{safe}`")
    }
}

/// `12000` rather than `12000.0`; `2.1` stays `2.1`; at most three decimals.
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return format!("{}", value as i64);
    }
    let s = format!("{value:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A fraction 0..1 as a whole percentage: `0.5234` → `52%`.
pub fn percent(fraction: f64) -> String {
    format!("{:.0}%", fraction * 100.0)
}

/// A fraction 0..1 as a percentage with one decimal: `0.0833` → `8.3%`.
pub fn percent1(fraction: f64) -> String {
    format!("{:.1}%", fraction * 100.0)
}

/// A ten-cell text bar, readable in plain text and rendered markdown alike: `▰▰▰▰▰▱▱▱▱▱`.
pub fn bar(fraction: f64) -> String {
    let filled = (fraction.clamp(0.0, 1.0) * 10.0).round() as usize;
    format!("{}{}", "▰".repeat(filled), "▱".repeat(10 - filled))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_escapes_markdown_and_controls() {
        assert_eq!(inline("a *b* | [c]"), r"a \*b\* \| \[c\]");
        assert_eq!(inline("x\u{1b}[2Jy"), r"x^\[\[2Jy");
        assert_eq!(inline(" two\nlines  "), "two lines");
        assert_eq!(inline("價值飛輪效應"), "價值飛輪效應");
        assert_eq!(inline("p90 < 200 ms, a -> b"), "p90 < 200 ms, a -> b");
        assert_eq!(inline("<script>"), r"\<script>");
        assert_eq!(inline("# not a heading #1"), r"\# not a heading #1");
    }

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(number(12000.0), "12000");
        assert_eq!(number(2.1), "2.1");
        assert_eq!(number(-0.5), "-0.5");
        assert_eq!(number(1.0 / 3.0), "0.333");
        assert_eq!(percent(0.5234), "52%");
        assert_eq!(percent1(1.0 / 12.0), "8.3%");
    }

    #[test]
    fn bar_has_ten_cells() {
        assert_eq!(bar(0.0), "▱▱▱▱▱▱▱▱▱▱");
        assert_eq!(bar(0.52), "▰▰▰▰▰▱▱▱▱▱");
        assert_eq!(bar(7.0).chars().count(), 10);
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("adr:7"), "`adr:7`");
        assert_eq!(code("a`b"), "`` a`b ``");
    }
}
