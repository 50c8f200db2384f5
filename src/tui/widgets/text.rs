//! Text from files on its way to the screen: made inert (`crate::text::inert`),
//! measured in terminal cells with unicode-width, cut to fit without splitting a
//! wide character.

use std::borrow::Cow;

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_width::UnicodeWidthChar;

/// One line of file text, safe to draw.
pub fn safe(text: &str) -> Cow<'_, str> {
    crate::text::inert(text)
}

/// Display width in cells.
pub fn width(text: &str) -> usize {
    super::fit::width(text)
}

/// Cuts `text` to at most `max` cells, ending with `…` when something was cut.
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    if width(text) <= max {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(super::fit::truncate(text, max))
    }
}

/// `text` cut or padded with spaces to exactly `cells` cells.
pub fn fit(text: &str, cells: usize) -> String {
    let t = truncate(text, cells);
    let pad = cells.saturating_sub(width(&t));
    let mut s = t.into_owned();
    s.extend(std::iter::repeat_n(' ', pad));
    s
}

/// Spans for `text` (already inert) with the characters at `matched` (char indices)
/// in `hit` style, cut to `max` cells.
pub fn highlighted(
    text: &str,
    matched: &[usize],
    base: Style,
    hit: Style,
    max: usize,
) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut cur = String::new();
    let mut cur_hit = false;
    let mut used = 0;
    let total = width(text);
    let budget = if total > max {
        max.saturating_sub(1)
    } else {
        max
    };
    for (i, c) in text.chars().enumerate() {
        let w = c.width().unwrap_or(0);
        if used + w > budget {
            break;
        }
        used += w;
        let is_hit = matched.binary_search(&i).is_ok();
        if is_hit != cur_hit && !cur.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut cur),
                if cur_hit { base.patch(hit) } else { base },
            ));
        }
        cur_hit = is_hit;
        cur.push(c);
    }
    if !cur.is_empty() {
        spans.push(Span::styled(
            cur,
            if cur_hit { base.patch(hit) } else { base },
        ));
    }
    if total > max && max > 0 {
        spans.push(Span::styled("…", base));
    }
    spans
}

/// Word-wraps one line (already inert) to `max` cells; long words are split.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split(' ') {
        let w = width(word);
        if used > 0 && used + 1 + w > max {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        if w <= max.saturating_sub(used) {
            line.push_str(word);
            used += w;
        } else {
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > max {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_cells_not_chars() {
        assert_eq!(truncate("標題標題", 5), "標題…");
        assert_eq!(width(&truncate("標題標題", 5)), 5);
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcd", 3), "ab…");
        assert_eq!(fit("標", 3), "標 ");
    }

    #[test]
    fn highlight_splits_spans_at_matches() {
        let s = highlighted("abcd", &[1, 2], Style::default(), Style::default(), 10);
        let parts: Vec<_> = s.iter().map(|s| s.content.to_string()).collect();
        assert_eq!(parts, ["a", "bc", "d"]);
        let cut = highlighted("abcdef", &[], Style::default(), Style::default(), 4);
        let joined: String = cut.iter().map(|s| s.content.to_string()).collect();
        assert_eq!(joined, "abc…");
    }

    #[test]
    fn wrap_respects_width() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("abcdefg", 3), ["abc", "def", "g"]);
        for l in wrap("測試 文字 很長的一段文字內容", 6) {
            assert!(width(&l) <= 6, "{l}");
        }
    }
}
