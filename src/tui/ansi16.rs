//! Named colours as 16-colour codes. crossterm writes every colour, the 16 named ones too, as
//! a 256-colour code (`38;5;9` for red); terminals that know only 16 colours (`TERM=linux`,
//! `vt100`, `xterm`) show those wrong or not at all. This writer sits between the backend and
//! stdout and rewrites `38;5;N` / `48;5;N` with N < 16 in each SGR sequence into `3x`/`9x`
//! (`4x`/`10x` for backgrounds), which every terminal reads the same way. Other colours (an
//! index from 16 up, `#rrggbb`) pass through as the theme asked.

use std::io::{self, Write};

const ESC: u8 = 0x1b;
/// Longer than any SGR crossterm writes: a longer "sequence" is passed through unchanged.
const MAX_SEQUENCE: usize = 128;

pub struct Ansi16<W: Write> {
    inner: W,
    enabled: bool,
    /// An escape sequence begun in one write and not yet ended.
    pending: Vec<u8>,
    /// Reused for each write's output: crossterm writes a frame in many small pieces.
    out: Vec<u8>,
}

impl<W: Write> Ansi16<W> {
    /// `enabled`: rewrite (a 16-colour terminal); otherwise every byte passes through.
    pub fn new(inner: W, enabled: bool) -> Self {
        Ansi16 {
            inner,
            enabled,
            pending: Vec::new(),
            out: Vec::new(),
        }
    }
}

impl<W: Write> Write for Ansi16<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.enabled {
            return self.inner.write(buf);
        }
        let mut out = std::mem::take(&mut self.out);
        out.clear();
        for &b in buf {
            match self.pending.len() {
                0 if b == ESC => self.pending.push(b),
                0 => out.push(b),
                1 if b == b'[' => self.pending.push(b),
                1 => {
                    out.push(ESC);
                    out.push(b);
                    self.pending.clear();
                }
                _ => {
                    self.pending.push(b);
                    if (0x40..=0x7e).contains(&b) {
                        if b == b'm' {
                            rewrite_sgr(&self.pending, &mut out);
                        } else {
                            out.extend_from_slice(&self.pending);
                        }
                        self.pending.clear();
                    } else if self.pending.len() > MAX_SEQUENCE {
                        out.extend_from_slice(&self.pending);
                        self.pending.clear();
                    }
                }
            }
        }
        let written = self.inner.write_all(&out);
        self.out = out;
        written?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// `ESC [ params m` with the 256-colour forms of the 16 named colours made 16-colour codes.
fn rewrite_sgr(seq: &[u8], out: &mut Vec<u8>) {
    let params = &seq[2..seq.len() - 1];
    let Ok(text) = std::str::from_utf8(params) else {
        out.extend_from_slice(seq);
        return;
    };
    let parts: Vec<&str> = text.split(';').collect();
    let mut kept: Vec<String> = Vec::with_capacity(parts.len());
    let mut i = 0;
    while i < parts.len() {
        let p = parts[i];
        let index = parts.get(i + 2).and_then(|n| n.parse::<u8>().ok());
        match (p, parts.get(i + 1), index) {
            ("38", Some(&"5"), Some(n)) if n < 16 => {
                kept.push(named(n, 30, 90));
                i += 3;
            }
            ("48", Some(&"5"), Some(n)) if n < 16 => {
                kept.push(named(n, 40, 100));
                i += 3;
            }
            // other extended colours keep their arguments together
            ("38" | "48" | "58", Some(&"5"), _) => {
                kept.extend(
                    parts[i..(i + 3).min(parts.len())]
                        .iter()
                        .map(|s| s.to_string()),
                );
                i += 3;
            }
            ("38" | "48" | "58", Some(&"2"), _) => {
                kept.extend(
                    parts[i..(i + 5).min(parts.len())]
                        .iter()
                        .map(|s| s.to_string()),
                );
                i += 5;
            }
            _ => {
                kept.push(p.to_string());
                i += 1;
            }
        }
    }
    out.extend_from_slice(b"\x1b[");
    out.extend_from_slice(kept.join(";").as_bytes());
    out.push(b'm');
}

/// Colour `n` (0-15) as a code from `normal` (0-7) or `bright` (8-15).
fn named(n: u8, normal: u8, bright: u8) -> String {
    if n < 8 {
        (normal + n).to_string()
    } else {
        (bright + n - 8).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::CrosstermBackend;
    use ratatui::style::{Color, Style};
    use ratatui::text::Span;
    use ratatui::Terminal;

    /// A buffer the test still holds after the backend took the writer.
    #[derive(Clone, Default)]
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// What the cockpit's backend writes for a frame of a few coloured words.
    fn frame(enabled: bool) -> String {
        let bytes = Shared::default();
        let writer = Ansi16::new(bytes.clone(), enabled);
        let backend = CrosstermBackend::new(writer);
        let mut term = Terminal::with_options(
            backend,
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 40, 1)),
            },
        )
        .unwrap();
        term.draw(|f| {
            let line = ratatui::text::Line::from(vec![
                Span::styled("red", Style::new().fg(Color::Red)),
                Span::styled("grey", Style::new().fg(Color::DarkGray)),
                Span::styled("cyan", Style::new().fg(Color::Black).bg(Color::LightCyan)),
                Span::styled("deep", Style::new().fg(Color::Indexed(196))),
                Span::styled("rgb", Style::new().fg(Color::Rgb(1, 2, 3))),
            ]);
            f.render_widget(line, f.area());
        })
        .unwrap();
        drop(term);
        let out = bytes.0.borrow().clone();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn named_colours_go_out_as_16_colour_codes() {
        let out = frame(true);
        for code in ["\x1b[31;49mred", "\x1b[90;49mgrey", "\x1b[30;106mcyan"] {
            assert!(out.contains(code), "{code:?} in {out:?}");
        }
        for n in 0..16 {
            for end in [";", "m"] {
                assert!(!out.contains(&format!("38;5;{n}{end}")), "{out:?}");
                assert!(!out.contains(&format!("48;5;{n}{end}")), "{out:?}");
            }
        }
        // beyond the 16: as the theme asked
        assert!(
            out.contains("38;5;196;") && out.contains("38;2;1;2;3;"),
            "{out:?}"
        );
    }

    #[test]
    fn on_256_colour_terminals_nothing_changes() {
        let out = frame(false);
        assert!(
            out.contains("38;5;1;49mred"),
            "crossterm's own form: {out:?}"
        );
    }

    #[test]
    fn sequences_split_across_writes_and_combined_parameters() {
        let mut w = Ansi16::new(Vec::new(), true);
        for piece in [
            "ab\x1b",
            "[1;38",
            ";5;1",
            "2;48;5;200m",
            "\x1b[2Jz",
            "\x1bM",
        ] {
            w.write_all(piece.as_bytes()).unwrap();
        }
        let out = String::from_utf8(w.inner).unwrap();
        assert_eq!(out, "ab\x1b[1;94;48;5;200m\x1b[2Jz\x1bM");
    }
}
