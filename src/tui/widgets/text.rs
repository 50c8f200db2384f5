//! Text on its way to the screen, the one place it is measured and fitted: made inert
//! (`crate::text::inert`), measured in terminal cells with unicode-width (CJK takes two),
//! cut with an ellipsis, padded, and word-wrapped. Cuts and breaks fall between grapheme
//! clusters, never inside one, so an accent stays on its letter and a ZWJ emoji stays whole.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// One line of file text, safe to draw.
pub fn safe(text: &str) -> Cow<'_, str> {
    crate::text::inert(text)
}

/// Display width in cells.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text`'s grapheme clusters with their widths in cells.
fn graphemes(text: &str) -> impl Iterator<Item = (&str, usize)> {
    text.graphemes(true).map(|g| (g, width(g)))
}

/// Cuts `text` to at most `max` cells, ending with `…` when something was cut.
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    if width(text) <= max {
        return Cow::Borrowed(text);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for (g, w) in graphemes(text) {
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

/// `text` cut or padded with spaces to exactly `cells` cells.
pub fn pad(text: &str, cells: usize) -> String {
    let t = truncate(text, cells);
    let fill = cells.saturating_sub(width(&t));
    format!("{t}{}", " ".repeat(fill))
}

/// `text` cut or right-aligned in exactly `cells` cells.
pub fn pad_left(text: &str, cells: usize) -> String {
    let t = truncate(text, cells);
    let fill = cells.saturating_sub(width(&t));
    format!("{}{t}", " ".repeat(fill))
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

/// Word-wraps one paragraph (no newlines, already inert) to `max` cells a line. A word longer
/// than a line, and CJK text without spaces, is broken between grapheme clusters, starting
/// on the line already begun when there is room.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split(' ') {
        let ww = width(word);
        if used > 0 && used + 1 + ww <= max {
            line.push(' ');
            line.push_str(word);
            used += 1 + ww;
            continue;
        }
        if used == 0 && ww <= max {
            line.push_str(word);
            used = ww;
            continue;
        }
        if ww <= max {
            lines.push(std::mem::take(&mut line));
            line.push_str(word);
            used = ww;
            continue;
        }
        // Too long for any line: break it between graphemes.
        if used > 0 {
            if used + 1 < max {
                line.push(' ');
                used += 1;
            } else {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
        }
        for (g, gw) in graphemes(word) {
            if used + gw > max && used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push_str(g);
            used += gw;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Word-wraps styled text to `max` cells a line, keeping each character's
/// style. `first` starts the first line, `rest` every following one (a
/// hanging indent); both count toward `max`.
pub fn wrap_styled(
    spans: &[Span],
    max: usize,
    first: Vec<Span<'static>>,
    rest: Vec<Span<'static>>,
) -> Vec<Line<'static>> {
    let lead = |v: &Vec<Span<'static>>| v.iter().map(|s| width(&s.content)).sum::<usize>();
    let (first_w, rest_w) = (lead(&first), lead(&rest));
    let room = max.saturating_sub(first_w.max(rest_w)).max(1);
    // One style throughout (the common case): no per-character bookkeeping.
    if let [only] = spans {
        return wrap(&only.content, room)
            .into_iter()
            .enumerate()
            .map(|(i, text)| {
                let mut line = if i == 0 { first.clone() } else { rest.clone() };
                line.push(Span::styled(text, only.style));
                Line::from(line)
            })
            .collect();
    }
    // Plain text wrapped first, then styles laid back over it character by character.
    let chars: Vec<(char, Style)> = spans
        .iter()
        .flat_map(|s| s.content.chars().map(move |c| (c, s.style)))
        .collect();
    let plain: String = chars.iter().map(|(c, _)| *c).collect();
    let mut out = Vec::new();
    let mut pos = 0;
    for (i, text) in wrap(&plain, room).into_iter().enumerate() {
        // Skip the single space the wrap dropped at a break.
        while pos < chars.len() && chars[pos].0 == ' ' && !text.starts_with(' ') {
            pos += 1;
        }
        let mut line: Vec<Span<'static>> = if i == 0 { first.clone() } else { rest.clone() };
        let mut cur = String::new();
        let mut cur_style = None;
        for c in text.chars() {
            let style = chars.get(pos).map(|p| p.1).unwrap_or_default();
            pos += 1;
            if cur_style != Some(style) && !cur.is_empty() {
                line.push(Span::styled(
                    std::mem::take(&mut cur),
                    cur_style.unwrap_or_default(),
                ));
            }
            cur_style = Some(style);
            cur.push(c);
        }
        if !cur.is_empty() {
            line.push(Span::styled(cur, cur_style.unwrap_or_default()));
        }
        out.push(Line::from(line));
    }
    out
}

/// Total display width of a line's spans.
pub fn line_width(line: &Line) -> usize {
    line.spans.iter().map(|s| width(&s.content)).sum()
}

/// A line cut to `max` cells (spans kept with their styles), with `…` when cut.
pub fn truncate_line(line: Line<'static>, max: usize) -> Line<'static> {
    if line_width(&line) <= max {
        return line;
    }
    let mut out: Vec<Span<'static>> = Vec::new();
    let mut left = max.saturating_sub(1);
    let mut last_style = Style::default();
    for span in line.spans {
        if left == 0 {
            break;
        }
        let w = width(&span.content);
        last_style = span.style;
        if w <= left {
            left -= w;
            out.push(span);
        } else {
            let cut = truncate(&span.content, left + 1);
            let cut = cut.trim_end_matches('…').to_string();
            left = 0;
            out.push(Span::styled(cut, span.style));
        }
    }
    if max > 0 {
        out.push(Span::styled("…", last_style));
    }
    Line::from(out).style(line.style)
}

/// Writes `line` at (x, y) clipped to `area` and to the buffer; never panics.
pub fn put_line(buf: &mut Buffer, area: Rect, x: u16, y: u16, line: &Line, max: u16) {
    let area = area.intersection(buf.area);
    if y < area.y || y >= area.bottom() || x < area.x || x >= area.right() {
        return;
    }
    let max = max.min(area.right() - x);
    buf.set_line(x, y, line, max);
}

/// Writes `s` at (x, y) in `style`, clipped like [`put_line`].
pub fn put_str(buf: &mut Buffer, area: Rect, x: u16, y: u16, s: &str, style: Style) {
    put_line(
        buf,
        area,
        x,
        y,
        &Line::styled(s.to_string(), style),
        u16::MAX,
    );
}

/// Thousands separators and at most two decimals: 14500 → "14,500", 0.25 → "0.25".
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let neg = v < 0.0;
    let a = v.abs();
    let (int, frac) = if (a - a.round()).abs() < 1e-9 {
        (a.round(), String::new())
    } else {
        let s = format!("{:.2}", a);
        let s = s.trim_end_matches('0').to_string();
        let (i, f) = s.split_once('.').unwrap_or((&s, ""));
        (i.parse::<f64>().unwrap_or(a.trunc()), format!(".{f}"))
    };
    let digits = format!("{int:.0}");
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!(
        "{}{grouped}{}",
        if neg { "-" } else { "" },
        frac.trim_end_matches('.')
    )
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
        assert_eq!(pad("標", 3), "標 ");
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

    #[test]
    fn truncates_by_cells_not_chars() {
        assert_eq!(truncate("會員成長計畫", 7), "會員成…");
        assert_eq!(width(&truncate("會員成長計畫", 7)), 7);
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcd", 3), "ab…");
        assert_eq!(truncate("abcd", 0), "");
    }

    #[test]
    fn wraps_words_and_wide_runs() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        let w = wrap("提升每週活躍會員人數", 6);
        assert!(w.iter().all(|l| width(l) <= 6), "{w:?}");
        assert_eq!(w.concat(), "提升每週活躍會員人數");
        assert_eq!(wrap("", 5), vec![""]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
    }

    #[test]
    fn styled_wrap_keeps_styles_and_indent() {
        let bold = Style::new().bold();
        let spans = [
            Span::raw("plain words and "),
            Span::styled("bold 會員成長", bold),
        ];
        let lines = wrap_styled(&spans, 12, vec![Span::raw("• ")], vec![Span::raw("  ")]);
        let texts: Vec<String> = lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(
            texts,
            vec!["• plain", "  words and", "  bold", "  會員成長"]
        );
        assert!(lines.iter().all(|l| line_width(l) <= 12));
        let last = lines.last().unwrap();
        assert_eq!(last.spans[1].style, bold);
        assert_eq!(lines[1].spans[1].style, Style::default());
    }

    #[test]
    fn pads_to_exact_width() {
        assert_eq!(width(&pad("會員", 6)), 6);
        assert_eq!(pad_left("7", 3), "  7");
        assert_eq!(width(&pad("會員成長", 5)), 5);
    }

    #[test]
    fn formats_numbers() {
        assert_eq!(number(14500.0), "14,500");
        assert_eq!(number(1234567.5), "1,234,567.5");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(number(999.0), "999");
    }

    #[test]
    fn line_truncation_keeps_styles() {
        let l = Line::from(vec![
            Span::raw("abc"),
            Span::styled("defgh", Style::new().bold()),
        ]);
        let t = truncate_line(l, 5);
        assert_eq!(line_width(&t), 5);
        assert_eq!(t.spans.last().unwrap().content, "…");
    }

    #[test]
    fn cuts_and_breaks_fall_between_graphemes() {
        // e + combining acute is one grapheme of one cell
        let accented = "cafe\u{301}s!";
        assert_eq!(truncate(accented, 5), "cafe\u{301}…");
        assert_eq!(truncate(accented, 4), "caf…");
        assert_eq!(
            wrap("re\u{301}sume\u{301}", 3),
            ["re\u{301}s", "ume\u{301}"]
        );
        // a ZWJ family is one wide grapheme: never split
        let family = "👨\u{200d}👩\u{200d}👧";
        for l in wrap(&format!("{family}{family}{family}"), 3) {
            assert_eq!(l, family);
        }
    }
}
