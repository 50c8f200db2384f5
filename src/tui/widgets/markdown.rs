//! Markdown bodies (ADR context, decision, consequences ...) to wrapped, styled lines.
//!
//! A small renderer for what records hold: ATX headings, bullet and numbered lists
//! (nested by indent), block quotes, fenced and indented code, `**strong**`,
//! `*emphasis*` / `_emphasis_`, `` `code` `` and `[text](target)` links. Everything
//! else is shown as written. Text is made inert first, so nothing from the file
//! reaches the terminal raw; widths are measured in cells.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use crate::tui::theme::Theme;

/// Renders `source` to lines at most `width` cells wide.
pub fn render(source: &str, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let width = (width as usize).max(8);
    let text = crate::text::inert_multiline(source);
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut in_fence = false;
    let mut blank_run = 0;
    for raw in text.lines() {
        let trimmed = raw.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || (raw.starts_with("    ") && !trimmed.is_empty() && !is_list_item(trimmed)) {
            let code = if in_fence {
                raw
            } else {
                raw.strip_prefix("    ").unwrap_or(raw)
            };
            for piece in hard_wrap(code, width.saturating_sub(2)) {
                out.push(Line::from(vec![
                    Span::styled("│ ", theme.muted),
                    Span::styled(piece, theme.code),
                ]));
            }
            blank_run = 0;
            continue;
        }
        if trimmed.is_empty() {
            blank_run += 1;
            if blank_run == 1 && !out.is_empty() {
                out.push(Line::default());
            }
            continue;
        }
        blank_run = 0;
        if let Some((level, title)) = heading(trimmed) {
            let style = if level <= 2 {
                theme.heading.add_modifier(Modifier::UNDERLINED)
            } else {
                theme.heading
            };
            let segs = inline(title, style, theme);
            out.extend(wrap_segments(&segs, width, "", ""));
            continue;
        }
        if trimmed.chars().all(|c| c == '-' || c == '*' || c == '_') && trimmed.len() >= 3 {
            out.push(Line::styled("─".repeat(width.min(40)), theme.muted));
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix('>') {
            let segs = inline(
                rest.trim_start(),
                theme.muted.add_modifier(Modifier::ITALIC),
                theme,
            );
            out.extend(wrap_segments(&segs, width, "▌ ", "▌ "));
            continue;
        }
        let indent = (raw.len() - trimmed.len()) / 2;
        if let Some((marker, rest)) = list_item(trimmed) {
            let pad = "  ".repeat(indent.min(6));
            let first = format!("{pad}{marker} ");
            let cont = " ".repeat(crate::tui::widgets::text::width(&first));
            let (first, rest) = match task_box(rest) {
                Some((done, r)) => (format!("{first}{} ", if done { "☑" } else { "☐" }), r),
                None => (first, rest),
            };
            let segs = inline(rest, theme.base, theme);
            out.extend(wrap_segments(&segs, width, &first, &cont));
            continue;
        }
        let segs = inline(trimmed, theme.base, theme);
        out.extend(wrap_segments(&segs, width, "", ""));
    }
    while out.last().is_some_and(|l| l.width() == 0) {
        out.pop();
    }
    out
}

fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|c| *c == '#').count();
    if (1..=6).contains(&level) {
        let rest = &line[level..];
        if rest.is_empty() || rest.starts_with(' ') {
            return Some((level, rest.trim().trim_end_matches('#').trim_end()));
        }
    }
    None
}

fn is_list_item(line: &str) -> bool {
    list_item(line).is_some()
}

/// `- x`, `* x`, `+ x` → ("•", "x"); `12. x` / `12) x` → ("12.", "x").
fn list_item(line: &str) -> Option<(String, &str)> {
    for b in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(b) {
            return Some(("•".to_string(), rest));
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 10 {
        let rest = &line[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some((format!("{}.", &line[..digits]), r));
        }
    }
    None
}

fn task_box(rest: &str) -> Option<(bool, &str)> {
    if let Some(r) = rest.strip_prefix("[ ] ") {
        Some((false, r))
    } else {
        rest.strip_prefix("[x] ")
            .or_else(|| rest.strip_prefix("[X] "))
            .map(|r| (true, r))
    }
}

/// Splits inline markup into styled segments.
pub fn inline(text: &str, base: Style, theme: &Theme) -> Vec<(String, Style)> {
    let mut segs: Vec<(String, Style)> = Vec::new();
    let mut cur = String::new();
    let mut bold = false;
    let mut italic = false;
    let chars: Vec<char> = text.chars().collect();
    let style_now = |bold: bool, italic: bool| {
        let mut s = base;
        if bold {
            s = s.add_modifier(Modifier::BOLD);
        }
        if italic {
            s = s.add_modifier(Modifier::ITALIC);
        }
        s
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        // inline code: everything up to the closing backtick, verbatim
        if c == '`' {
            if let Some(end) = chars[i + 1..].iter().position(|x| *x == '`') {
                flush(&mut segs, &mut cur, style_now(bold, italic));
                let code: String = chars[i + 1..i + 1 + end].iter().collect();
                segs.push((code, theme.code));
                i += end + 2;
                continue;
            }
        }
        // [text](target)
        if c == '[' {
            if let Some(close) = chars[i + 1..].iter().position(|x| *x == ']') {
                let after = i + 1 + close + 1;
                if chars.get(after) == Some(&'(') {
                    if let Some(end) = chars[after + 1..].iter().position(|x| *x == ')') {
                        flush(&mut segs, &mut cur, style_now(bold, italic));
                        let label: String = chars[i + 1..i + 1 + close].iter().collect();
                        segs.push((label, theme.link));
                        i = after + 1 + end + 1;
                        continue;
                    }
                }
            }
        }
        if (c == '*' || c == '_') && next == Some(c) {
            flush(&mut segs, &mut cur, style_now(bold, italic));
            bold = !bold;
            i += 2;
            continue;
        }
        // a single * or _ toggles emphasis only at word edges (snake_case stays as is)
        if c == '*' || c == '_' {
            let prev = if i == 0 { None } else { Some(chars[i - 1]) };
            let opens = !italic
                && prev.is_none_or(|p| !p.is_alphanumeric())
                && next.is_some_and(|n| !n.is_whitespace())
                && chars[i + 1..].contains(&c);
            let closes = italic
                && prev.is_some_and(|p| !p.is_whitespace())
                && next.is_none_or(|n| !n.is_alphanumeric());
            if opens || closes {
                flush(&mut segs, &mut cur, style_now(bold, italic));
                italic = !italic;
                i += 1;
                continue;
            }
        }
        cur.push(c);
        i += 1;
    }
    flush(&mut segs, &mut cur, style_now(bold, italic));
    segs
}

fn flush(segs: &mut Vec<(String, Style)>, cur: &mut String, style: Style) {
    if !cur.is_empty() {
        segs.push((std::mem::take(cur), style));
    }
}

/// Word-wraps styled segments to `width`, with a prefix on the first line and another
/// on continuation lines.
pub fn wrap_segments(
    segs: &[(String, Style)],
    width: usize,
    first: &str,
    cont: &str,
) -> Vec<Line<'static>> {
    // split into words that remember their style; a word may span segments
    let mut words: Vec<Vec<(String, Style)>> = vec![Vec::new()];
    for (text, style) in segs {
        for (k, part) in text.split(' ').enumerate() {
            if k > 0 {
                words.push(Vec::new());
            }
            if !part.is_empty() {
                if let Some(w) = words.last_mut() {
                    w.push((part.to_string(), *style));
                }
            }
        }
    }
    let mut lines = Vec::new();
    let mut spans: Vec<Span<'static>> = vec![Span::raw(first.to_string())];
    let mut used = crate::tui::widgets::text::width(first);
    let cont_w = crate::tui::widgets::text::width(cont);
    let mut line_has_word = false;
    for word in words.into_iter().filter(|w| !w.is_empty()) {
        let ww: usize = word
            .iter()
            .map(|(t, _)| crate::tui::widgets::text::width(t))
            .sum();
        if line_has_word && used + 1 + ww > width {
            lines.push(Line::from(std::mem::take(&mut spans)));
            spans.push(Span::raw(cont.to_string()));
            used = cont_w;
            line_has_word = false;
        }
        if line_has_word {
            spans.push(Span::raw(" "));
            used += 1;
        }
        for (t, style) in word {
            // a word longer than the line is split by cells
            let mut piece = String::new();
            for c in t.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width && used > cont_w {
                    spans.push(Span::styled(std::mem::take(&mut piece), style));
                    lines.push(Line::from(std::mem::take(&mut spans)));
                    spans.push(Span::raw(cont.to_string()));
                    used = cont_w;
                }
                piece.push(c);
                used += cw;
            }
            if !piece.is_empty() {
                spans.push(Span::styled(piece, style));
            }
        }
        line_has_word = true;
    }
    lines.push(Line::from(spans));
    lines
}

fn hard_wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = vec![String::new()];
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            out.push(String::new());
            used = 0;
        }
        if let Some(l) = out.last_mut() {
            l.push(c);
        }
        used += w;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn renders_blocks() {
        let t = Theme::default();
        let md = "# Title\n\nSome *emph* and **strong** and `code`.\n\n- one\n- two\n  - nested\n1. first\n\n```\nlet x = 1;\n```\n> quoted";
        let lines = render(md, 40, &t);
        let p = plain(&lines);
        assert_eq!(p[0], "Title");
        assert_eq!(p[2], "Some emph and strong and code.");
        assert_eq!(p[4], "• one");
        assert_eq!(p[6], "  • nested");
        assert_eq!(p[7], "1. first");
        assert!(p.contains(&"│ let x = 1;".to_string()), "{p:?}");
        assert_eq!(p.last().unwrap(), "▌ quoted");
        let emph = lines[2].spans.iter().find(|s| s.content == "emph").unwrap();
        assert!(emph.style.add_modifier.contains(Modifier::ITALIC));
        let strong = lines[2]
            .spans
            .iter()
            .find(|s| s.content == "strong")
            .unwrap();
        assert!(strong.style.add_modifier.contains(Modifier::BOLD));
    }

    #[test]
    fn snake_case_is_not_emphasis_and_links_show_their_text() {
        let t = Theme::default();
        let p = plain(&render("use my_var_name, see [the doc](http://x)", 80, &t));
        assert_eq!(p[0], "use my_var_name, see the doc");
    }

    #[test]
    fn wraps_to_width_with_wide_chars_and_stays_inert() {
        let t = Theme::default();
        let lines = render(
            "- 這是一段很長的繁體中文文字，用來測試換行是否正確 \x1b[2J end",
            12,
            &t,
        );
        for l in &lines {
            assert!(l.width() <= 12, "{:?}", l);
            for s in &l.spans {
                assert!(!s.content.contains('\x1b'));
            }
        }
        assert!(plain(&lines).join("").contains("^[[2J"));
    }
}
