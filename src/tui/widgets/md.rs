//! Markdown as plain styled lines: headings bold, list items with bullets,
//! `**strong**`, `*emphasis*` and `` `code` `` styled, paragraphs wrapped.
//! Enough for the short markdown fields of phases; text passes through
//! `inert` first, so nothing in it reaches the terminal raw.

use ratatui::style::{Modifier, Style};
use ratatui::text::Span;

use super::doc::Block;
use crate::text::inert;
use crate::tui::theme::Theme;

/// Markdown `text` as doc blocks indented by `indent` cells.
pub fn blocks(text: &str, theme: &Theme, indent: usize) -> Vec<Block> {
    let mut out = Vec::new();
    let mut para: Vec<String> = Vec::new();
    let pad = " ".repeat(indent);
    let flush = |para: &mut Vec<String>, out: &mut Vec<Block>| {
        if !para.is_empty() {
            out.push(Block::Para {
                first: vec![Span::raw(pad.clone())],
                rest: vec![Span::raw(pad.clone())],
                text: inline(&para.join(" "), theme.base, theme),
            });
            para.clear();
        }
    };
    let mut in_code = false;
    for raw in text.lines() {
        let line = raw.trim_end();
        let t = line.trim_start();
        if t.starts_with("```") {
            flush(&mut para, &mut out);
            in_code = !in_code;
            continue;
        }
        if in_code {
            out.push(Block::Line(ratatui::text::Line::from(vec![
                Span::raw(pad.clone()),
                Span::styled(format!("  {}", inert(line)), theme.accent),
            ])));
            continue;
        }
        if t.is_empty() {
            flush(&mut para, &mut out);
            if !matches!(out.last(), None | Some(Block::Blank)) {
                out.push(Block::Blank);
            }
            continue;
        }
        if let Some(h) = heading(t) {
            flush(&mut para, &mut out);
            out.push(Block::Para {
                first: vec![Span::raw(pad.clone())],
                rest: vec![Span::raw(pad.clone())],
                text: vec![Span::styled(inert(h).into_owned(), theme.title)],
            });
            continue;
        }
        if let Some(q) = t.strip_prefix('>') {
            flush(&mut para, &mut out);
            out.push(Block::Para {
                first: vec![Span::styled(format!("{pad}│ "), theme.muted)],
                rest: vec![Span::styled(format!("{pad}│ "), theme.muted)],
                text: inline(
                    q.trim_start(),
                    theme.muted.add_modifier(Modifier::ITALIC),
                    theme,
                ),
            });
            continue;
        }
        if let Some((mark, body)) = list_item(t) {
            flush(&mut para, &mut out);
            let nest = (line.len() - t.len()).min(8) / 2;
            let lead = format!("{pad}{}{mark} ", "  ".repeat(nest));
            let rest = " ".repeat(super::fit::width(&lead));
            out.push(Block::Para {
                first: vec![Span::styled(lead, theme.muted)],
                rest: vec![Span::raw(rest)],
                text: inline(body, theme.base, theme),
            });
            continue;
        }
        para.push(t.to_string());
    }
    flush(&mut para, &mut out);
    while matches!(out.last(), Some(Block::Blank)) {
        out.pop();
    }
    out
}

/// The first line of the first paragraph, plain, for one-line summaries.
pub fn first_line(text: &str) -> String {
    let t = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("```"))
        .unwrap_or("");
    let t = heading(t)
        .or_else(|| list_item(t).map(|(_, b)| b))
        .unwrap_or(t);
    let plain: String = inline(t, Style::default(), &Theme::default())
        .iter()
        .map(|s| s.content.as_ref())
        .collect();
    plain
}

fn heading(t: &str) -> Option<&str> {
    let hashes = t.chars().take_while(|c| *c == '#').count();
    (1..=6)
        .contains(&hashes)
        .then(|| t[hashes..].strip_prefix(' '))
        .flatten()
        .map(str::trim)
}

fn list_item(t: &str) -> Option<(&'static str, &str)> {
    for m in ["- ", "* ", "+ "] {
        if let Some(b) = t.strip_prefix(m) {
            return Some(("•", b));
        }
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits < 4 {
        if let Some(b) = t[digits..].strip_prefix(". ") {
            return Some(("·", b));
        }
    }
    None
}

/// Inline emphasis as spans; markers dropped. Unbalanced markers stay literal.
pub fn inline(text: &str, base: Style, theme: &Theme) -> Vec<Span<'static>> {
    let text = inert(text);
    let mut spans = Vec::new();
    let mut rest: &str = &text;
    let mut plain = String::new();
    while !rest.is_empty() {
        let found = [
            ("**", Modifier::BOLD),
            ("`", Modifier::empty()),
            ("*", Modifier::ITALIC),
        ]
        .into_iter()
        .find_map(|(m, modi)| {
            let after = rest.strip_prefix(m)?;
            let end = after.find(m)?;
            (end > 0).then_some((m, modi, &after[..end], &after[end + m.len()..]))
        });
        match found {
            Some((m, modi, inner, after)) => {
                if !plain.is_empty() {
                    spans.push(Span::styled(std::mem::take(&mut plain), base));
                }
                let style = if m == "`" {
                    theme.accent
                } else {
                    base.add_modifier(modi)
                };
                spans.push(Span::styled(inner.to_string(), style));
                rest = after;
            }
            None => {
                let mut chars = rest.chars();
                if let Some(c) = chars.next() {
                    plain.push(c);
                }
                rest = chars.as_str();
            }
        }
    }
    if !plain.is_empty() {
        spans.push(Span::styled(plain, base));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Para { first, text, .. } => first
                    .iter()
                    .chain(text.iter())
                    .map(|s| s.content.as_ref())
                    .collect(),
                Block::Line(l) => l.spans.iter().map(|s| s.content.as_ref()).collect(),
                _ => String::new(),
            })
            .filter(|t: &String| !t.is_empty())
            .collect()
    }

    #[test]
    fn renders_headings_lists_and_paragraphs() {
        let theme = Theme::default();
        let md = "# Goal\nGrow **weekly** members\nacross regions.\n\n- one `x`\n  - nested\n1. first\n```\ncode\n```\n> quoted";
        let b = blocks(md, &theme, 0);
        assert_eq!(
            texts(&b),
            [
                "Goal",
                "Grow weekly members across regions.",
                "• one x",
                "  • nested",
                "· first",
                "  code",
                "│ quoted"
            ]
        );
    }

    #[test]
    fn inline_styles_and_hostile_text() {
        let theme = Theme::default();
        let s = inline("a **b** *c* `d` e*", Style::default(), &theme);
        let joined: String = s.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(joined, "a b c d e*");
        assert!(s
            .iter()
            .any(|s| s.content == "b" && s.style.add_modifier.contains(Modifier::BOLD)));
        let evil: String = inline("x\x1b]0;t\x07", Style::default(), &theme)
            .iter()
            .map(|s| s.content.to_string())
            .collect();
        assert_eq!(evil, "x^[]0;t^G");
        assert_eq!(first_line("\n## **Big** goal\nmore"), "Big goal");
    }
}
