//! Link lines (`A->B`, `A+>B`, `A+<>B; label`, ...) and the arrow finder they use.

use super::*;

impl Reader {
    pub(super) fn read_link(&mut self, t: &str, at: At) {
        let Some(arrow) = find_arrow(t) else {
            return;
        };
        let from = unquote(t[..arrow.start].trim());
        let after = &t[arrow.end..];
        let (to, context) = match find_unquoted(after, ';') {
            Some(i) => (&after[..i], Some(after[i + 1..].trim())),
            None => (after, None),
        };
        let to = unquote(to.trim());
        if from.is_empty() || to.is_empty() {
            self.warn(
                at,
                "owm-syntax",
                format!("link with an empty end, ignored: `{}`", clip(t)),
            );
            return;
        }
        self.links.push(RawLink {
            from,
            to,
            flow: arrow.flow,
            label: arrow.label,
            context: context.filter(|c| !c.is_empty()).map(String::from),
            line: at.line,
            col: at.col,
        });
    }
}

pub(super) struct Arrow {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) flow: LinkFlow,
    pub(super) label: Option<String>,
}

/// The first link arrow outside quotes: `->`, `+>`, `+<`, `+<>`, `+'label'>`, `+'label'<`,
/// `+'label'<>`.
pub(super) fn find_arrow(s: &str) -> Option<Arrow> {
    let b = s.as_bytes();
    let mut in_quote = false;
    let mut escaped = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if in_quote {
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == b'"' {
                in_quote = false;
            }
            i += 1;
            continue;
        }
        if c == b'"' {
            in_quote = true;
        } else if c == b'-' && b.get(i + 1) == Some(&b'>') {
            return Some(Arrow {
                start: i,
                end: i + 2,
                flow: LinkFlow::None,
                label: None,
            });
        } else if c == b'+' {
            match b.get(i + 1) {
                Some(b'>') => {
                    return Some(Arrow {
                        start: i,
                        end: i + 2,
                        flow: LinkFlow::Forward,
                        label: None,
                    })
                }
                Some(b'<') => {
                    let both = b.get(i + 2) == Some(&b'>');
                    return Some(Arrow {
                        start: i,
                        end: i + if both { 3 } else { 2 },
                        flow: if both {
                            LinkFlow::Both
                        } else {
                            LinkFlow::Backward
                        },
                        label: None,
                    });
                }
                Some(b'\'') => {
                    let body = &s[i + 2..];
                    let close = [body.find("'>"), body.find("'<")]
                        .into_iter()
                        .flatten()
                        .min();
                    if let Some(close) = close {
                        let label = body[..close].to_string();
                        let after = i + 2 + close + 1;
                        let (flow, len) = match (b.get(after), b.get(after + 1)) {
                            (Some(b'<'), Some(b'>')) => (LinkFlow::Both, 2),
                            (Some(b'<'), _) => (LinkFlow::Backward, 1),
                            _ => (LinkFlow::Forward, 1),
                        };
                        return Some(Arrow {
                            start: i,
                            end: after + len,
                            flow,
                            label: Some(label),
                        });
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    None
}
