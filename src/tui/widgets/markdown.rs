//! Markdown bodies (ADR context, phase summaries, value stream descriptions ...) to
//! wrapped, styled lines: the one renderer behind the Decisions, Flywheel and Impact panes.
//!
//! A small renderer for what records hold: ATX headings, bullet and numbered lists
//! (nested by indent), block quotes, fenced and indented code, `**strong**`,
//! `*emphasis*` / `_emphasis_`, `` `code` `` and `[text](target)` links. Everything
//! else is shown as written. Soft line breaks inside a paragraph (or a list item or
//! quote) are joined before wrapping, so text flows to the pane's width rather than
//! the source file's; blank lines, list items, headings and code keep their breaks.
//! Text is made inert first, so nothing from the file reaches the terminal raw;
//! widths are measured in cells.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use super::doc::Block;
use crate::tui::theme::Theme;

/// One rendered block, before wrapping to a width.
enum Piece {
    /// Styled text wrapped with a first-line prefix and a continuation prefix.
    Text {
        first: String,
        cont: String,
        lead: Style,
        segs: Vec<(String, Style)>,
    },
    /// A code line, never re-flowed.
    Code(String),
    Rule,
    Blank,
}

/// An open paragraph-like block that following lines may continue.
struct Open {
    first: String,
    cont: String,
    lead: Style,
    base: Style,
    text: String,
}

fn parse(source: &str, theme: &Theme) -> Vec<Piece> {
    let text = crate::text::inert_multiline(source);
    let mut out: Vec<Piece> = Vec::new();
    let mut open: Option<Open> = None;
    let close = |open: &mut Option<Open>, out: &mut Vec<Piece>| {
        if let Some(o) = open.take() {
            out.push(Piece::Text {
                first: o.first,
                cont: o.cont,
                lead: o.lead,
                segs: inline(&o.text, o.base, theme),
            });
        }
    };
    let mut in_fence = false;
    for raw in text.lines() {
        let raw = raw.trim_end();
        let trimmed = raw.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            close(&mut open, &mut out);
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(Piece::Code(raw.to_string()));
            continue;
        }
        // An indented line continues an open paragraph; otherwise it is code.
        if open.is_none()
            && raw.starts_with("    ")
            && !trimmed.is_empty()
            && !is_list_item(trimmed)
        {
            out.push(Piece::Code(raw["    ".len()..].to_string()));
            continue;
        }
        if trimmed.is_empty() {
            close(&mut open, &mut out);
            if !matches!(out.last(), None | Some(Piece::Blank)) {
                out.push(Piece::Blank);
            }
            continue;
        }
        if let Some((level, title)) = heading(trimmed) {
            close(&mut open, &mut out);
            let style = if level <= 2 {
                theme.heading.add_modifier(Modifier::UNDERLINED)
            } else {
                theme.heading
            };
            out.push(Piece::Text {
                first: String::new(),
                cont: String::new(),
                lead: theme.base,
                segs: inline(title, style, theme),
            });
            continue;
        }
        if trimmed.len() >= 3
            && (trimmed.chars().all(|c| c == '-')
                || trimmed.chars().all(|c| c == '*')
                || trimmed.chars().all(|c| c == '_'))
        {
            close(&mut open, &mut out);
            out.push(Piece::Rule);
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix('>') {
            let rest = rest.trim_start();
            if let Some(o) = open.as_mut().filter(|o| o.first == "▌ ") {
                o.text.push(' ');
                o.text.push_str(rest);
            } else {
                close(&mut open, &mut out);
                open = Some(Open {
                    first: "▌ ".into(),
                    cont: "▌ ".into(),
                    lead: theme.muted,
                    base: theme.muted.add_modifier(Modifier::ITALIC),
                    text: rest.to_string(),
                });
            }
            continue;
        }
        if let Some((marker, rest)) = list_item(trimmed) {
            close(&mut open, &mut out);
            let indent = (raw.len() - trimmed.len()) / 2;
            let first = format!("{}{marker} ", "  ".repeat(indent.min(6)));
            let cont = " ".repeat(crate::tui::widgets::text::width(&first));
            let (first, rest) = match task_box(rest) {
                Some((done, r)) => (format!("{first}{} ", if done { "☑" } else { "☐" }), r),
                None => (first, rest),
            };
            open = Some(Open {
                first,
                cont,
                lead: theme.muted,
                base: theme.base,
                text: rest.to_string(),
            });
            continue;
        }
        match open.as_mut() {
            Some(o) => {
                o.text.push(' ');
                o.text.push_str(trimmed);
            }
            None => {
                open = Some(Open {
                    first: String::new(),
                    cont: String::new(),
                    lead: theme.base,
                    base: theme.base,
                    text: trimmed.to_string(),
                })
            }
        }
    }
    close(&mut open, &mut out);
    while matches!(out.last(), Some(Piece::Blank)) {
        out.pop();
    }
    out
}

/// Renders `source` to lines at most `width` cells wide.
pub fn render(source: &str, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let width = (width as usize).max(8);
    let mut out = Vec::new();
    for piece in parse(source, theme) {
        match piece {
            Piece::Text {
                first, cont, segs, ..
            } => out.extend(wrap_segments(&segs, width, &first, &cont)),
            Piece::Code(code) => {
                for piece in hard_wrap(&code, width.saturating_sub(2)) {
                    out.push(Line::from(vec![
                        Span::styled("│ ", theme.muted),
                        Span::styled(piece, theme.code),
                    ]));
                }
            }
            Piece::Rule => out.push(Line::styled("─".repeat(width.min(40)), theme.muted)),
            Piece::Blank => out.push(Line::default()),
        }
    }
    out
}

/// `source` as doc blocks indented by `indent` cells, wrapped when the doc is laid out.
pub fn blocks(source: &str, theme: &Theme, indent: usize) -> Vec<Block> {
    let pad = " ".repeat(indent);
    let spans = |segs: Vec<(String, Style)>| -> Vec<Span<'static>> {
        segs.into_iter().map(|(t, s)| Span::styled(t, s)).collect()
    };
    parse(source, theme)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text {
                first,
                cont,
                lead,
                segs,
            } => Block::Para {
                first: vec![Span::styled(format!("{pad}{first}"), lead)],
                rest: vec![Span::styled(format!("{pad}{cont}"), lead)],
                text: spans(segs),
            },
            Piece::Code(code) => Block::Line(Line::from(vec![
                Span::styled(format!("{pad}│ "), theme.muted),
                Span::styled(code, theme.code),
            ])),
            Piece::Rule => Block::Line(Line::styled(
                format!("{pad}{}", "─".repeat(40)),
                theme.muted,
            )),
            Piece::Blank => Block::Blank,
        })
        .collect()
}

/// The first line of the first paragraph, plain, for one-line summaries.
pub fn first_line(source: &str) -> String {
    let t = source
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("```") && !l.starts_with("~~~"))
        .unwrap_or("");
    let t = heading(t)
        .map(|(_, h)| h)
        .or_else(|| list_item(t).map(|(_, b)| b))
        .unwrap_or(t);
    let t = crate::text::inert(t);
    inline(&t, Style::default(), &Theme::default())
        .into_iter()
        .map(|(s, _)| s)
        .collect()
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
    // Each closing mark is looked up through a cursor that only moves forward, so a run of
    // unclosed `[` or `` ` `` costs one scan of the text, not one per mark.
    let mut next_tick = NextOf::new('`');
    let mut next_bracket = NextOf::new(']');
    let mut next_paren = NextOf::new(')');
    let mut next_star = NextOf::new('*');
    let mut next_underscore = NextOf::new('_');
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        // inline code: everything up to the closing backtick, verbatim
        if c == '`' {
            if let Some(end) = next_tick.find(&chars, i + 1) {
                flush(&mut segs, &mut cur, style_now(bold, italic));
                let code: String = chars[i + 1..end].iter().collect();
                segs.push((code, theme.code));
                i = end + 1;
                continue;
            }
        }
        // [text](target)
        if c == '[' {
            if let Some(close) = next_bracket.find(&chars, i + 1) {
                let after = close + 1;
                if chars.get(after) == Some(&'(') {
                    if let Some(end) = next_paren.find(&chars, after + 1) {
                        flush(&mut segs, &mut cur, style_now(bold, italic));
                        let label: String = chars[i + 1..close].iter().collect();
                        segs.push((label, theme.link));
                        i = end + 1;
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
                && if c == '*' {
                    next_star.find(&chars, i + 1).is_some()
                } else {
                    next_underscore.find(&chars, i + 1).is_some()
                };
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

/// The next position of one character at or after a position that only grows between calls:
/// every character of the text is examined at most once over all calls.
struct NextOf {
    target: char,
    found: Option<usize>,
    searched_to: usize,
}

impl NextOf {
    fn new(target: char) -> Self {
        NextOf {
            target,
            found: None,
            searched_to: 0,
        }
    }

    fn find(&mut self, chars: &[char], from: usize) -> Option<usize> {
        if let Some(at) = self.found.filter(|&at| at >= from) {
            return Some(at);
        }
        let start = from.max(self.searched_to);
        self.found = chars
            .get(start..)
            .and_then(|rest| rest.iter().position(|x| *x == self.target))
            .map(|p| start + p);
        self.searched_to = self.found.map_or(chars.len(), |at| at + 1);
        self.found
    }
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

    /// Runs of unclosed marks were scanned to the end once per mark (a megabyte of `[` never
    /// finished); each closing mark is now looked up once.
    #[test]
    fn runs_of_unclosed_marks_render_in_one_pass() {
        let t = Theme::default();
        for mark in ["[", "`", "*", "_ ", "[a]("] {
            let run = mark.repeat((1 << 20) / mark.len());
            inline(&run, Style::default(), &t);
        }
        let run = "[".repeat(1 << 20);
        let segs = inline(&run, Style::default(), &t);
        assert_eq!(segs.iter().map(|(s, _)| s.len()).sum::<usize>(), run.len());
        let segs = inline("[[a](b) `c` *d*", Style::default(), &t);
        let text: Vec<&str> = segs.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(text, ["[a", " ", "c", " ", "d"]);
    }

    /// Nesting is read line by line, never recursively: 10,000 quote marks or list levels draw
    /// on a small stack, the list indent capped.
    #[test]
    fn deep_quotes_and_lists_render_without_recursion() {
        let quotes = format!("{} deep", ">".repeat(10_000));
        let lists: String = (0..2_000)
            .map(|i| format!("{}- level {i}\n", "  ".repeat(i)))
            .collect();
        let nested = format!("{}x", "- ".repeat(10_000));
        std::thread::Builder::new()
            .stack_size(128 * 1024)
            .spawn(move || {
                let t = Theme::default();
                let q = plain(&render(&quotes, 40, &t));
                assert!(q[0].starts_with("▌ "), "{:?}", &q[0]);
                let l = plain(&render(&lists, 200, &t));
                assert_eq!(l.len(), 2_000);
                assert!(l[1_999].starts_with(&format!("{}•", "  ".repeat(6))));
                assert!(!render(&nested, 40, &t).is_empty());
            })
            .expect("thread")
            .join()
            .expect("no overflow, no panic");
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
    fn soft_breaks_are_joined_and_hard_breaks_kept() {
        let t = Theme::default();
        let md = "Tens of millions of readers, **20K requests per\nsecond**, and traffic\nthat triples.\n\n- an item\n  that goes on\n- next\n> quoted\n> more\n\n```\nline one\nline two\n```";
        let p = plain(&render(md, 80, &t));
        assert_eq!(
            p,
            [
                "Tens of millions of readers, 20K requests per second, and traffic that triples.",
                "",
                "• an item that goes on",
                "• next",
                "▌ quoted more",
                "",
                "│ line one",
                "│ line two",
            ]
        );
        // the joined paragraph wraps at the pane's width, not the file's newlines
        let p = plain(&render(md, 40, &t));
        assert_eq!(p[0], "Tens of millions of readers, 20K");
        assert_eq!(p[1], "requests per second, and traffic that");
    }

    #[test]
    fn doc_blocks_share_the_renderer() {
        let t = Theme::default();
        let md = "# Goal\nGrow **weekly** members\nacross regions.\n\n- one `x`\n  - nested\n1. first\n```\ncode\n```";
        let b = blocks(md, &t, 2);
        let lines = crate::tui::widgets::doc::layout(&b, 60, &t);
        let p: Vec<String> = lines
            .iter()
            .map(|(l, _)| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(
            p,
            [
                "  Goal",
                "  Grow weekly members across regions.",
                "",
                "  • one x",
                "    • nested",
                "  1. first",
                "  │ code",
            ]
        );
        let heading = lines[0]
            .0
            .spans
            .iter()
            .find(|s| s.content == "Goal")
            .unwrap();
        assert_eq!(heading.style.fg, t.heading.fg);
        let code = lines[6]
            .0
            .spans
            .iter()
            .find(|s| s.content == "code")
            .unwrap();
        assert_eq!(code.style.fg, t.code.fg);
        assert_eq!(first_line("\n## **Big** goal\nmore"), "Big goal");
        assert_eq!(first_line("x\x1b]0;t\x07"), "x^[]0;t^G");
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
