//! Small pieces shared by the markdown exports: the one markdown escaper for file text (every
//! markdown output goes through it and never through the terminal filter), and numbers shown
//! the way people write them.

/// Characters a markdown output writes as a character reference (`&#x1B;`): controls (but line
/// feed and tab), bidi controls and invisible characters. A viewer shows the same text; a
/// terminal the output is printed to gets inert bytes.
fn needs_reference(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || crate::text::is_bidi_control(c)
        || crate::text::is_invisible(c)
}

fn push_reference(out: &mut String, c: char) {
    out.push_str(&format!("&#x{:X};", c as u32));
}

/// File text as one line of inline markdown (fit for a heading, a list item or a table cell):
/// the characters markdown would act on escaped, so a title such as `*draft* [x] | y` or
/// `<img src=x onerror=…>` shows as written, and controls written as character references.
pub fn inline(text: &str) -> String {
    // Line breaks would end a list item or a table row: one line, single spaces.
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(one_line.len() + 4);
    let mut chars = one_line.chars().peekable();
    let mut first = true;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        if needs_reference(c) {
            push_reference(&mut out, c);
            first = false;
            continue;
        }
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' => true,
            // `<` opens HTML only before a tag-like character; `&` only before an entity name or
            // number; `>` and `#` act only at the start, `-` and `+` only as a list marker.
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            '>' | '#' => first,
            '-' | '+' => first && next.is_none_or(|n| n == ' '),
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

/// A markdown body from a file (a summary, an ADR's context), kept as markdown: controls,
/// bidi and invisible characters written as references, `\r\n` as `\n`. Trailing blank lines
/// are dropped so the caller controls spacing.
pub fn block(text: &str) -> String {
    let text = text.trim_matches('\n');
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if needs_reference(c) {
            push_reference(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// Text inside a code span: controls written as references (shown as written, since a code span
/// does not decode them), backticks cannot close the span.
pub fn code(text: &str) -> String {
    let mut safe = String::with_capacity(text.len());
    for c in text.chars() {
        if needs_reference(c) || c == '\n' || c == '\t' {
            push_reference(&mut safe, c);
        } else {
            safe.push(c);
        }
    }
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
        assert_eq!(inline("x\u{1b}[2Jy"), r"x&#x1B;\[2Jy");
        assert_eq!(inline("a\u{202e}b\u{200b}c"), "a&#x202E;b&#x200B;c");
        assert_eq!(inline("&amp; & b"), r"\&amp; & b");
        assert_eq!(inline("- x -y"), r"\- x -y");
        assert_eq!(
            inline("<img src=x onerror=alert(1)> [x](javascript:alert(1))"),
            r"\<img src=x onerror=alert(1)> \[x\](javascript:alert(1))"
        );
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
        assert_eq!(code("a\u{1b}b"), "`a&#x1B;b`");
    }

    #[test]
    fn blocks_stay_markdown_with_controls_as_references() {
        assert_eq!(
            block("\n*a*\r\n\tb\u{1b}]0;x\u{7}\n\n"),
            "*a*\n\tb&#x1B;]0;x&#x7;"
        );
    }
}
