//! Fitting workspace text into terminal cells: widths measured with
//! unicode-width (CJK takes two cells), truncation with an ellipsis, and a
//! word wrap that also breaks runs of wide characters.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of `s` in cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` cut to at most `max` cells, ending in `…` when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `s` padded with spaces (or truncated) to exactly `w` cells.
pub fn pad(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let tw = width(&t);
    format!("{t}{}", " ".repeat(w.saturating_sub(tw)))
}

/// `s` right-aligned in `w` cells.
pub fn pad_left(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let tw = width(&t);
    format!("{}{t}", " ".repeat(w.saturating_sub(tw)))
}

/// Word-wraps one paragraph (no newlines) to `max` cells a line. Words longer
/// than a line, and CJK text without spaces, are broken at any character.
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
        // Too long for any line: break it character by character.
        if used > 0 {
            if used + 1 < max {
                line.push(' ');
                used += 1;
            } else {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
        }
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
}
