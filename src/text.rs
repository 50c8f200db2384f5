//! Making workspace text safe to show in a terminal.
//!
//! Files are untrusted: an ADR title could hold `ESC ]0;pwned BEL` to retitle
//! the window or `ESC [2J` to clear the screen. Every string taken from a file
//! passes through [`inert`] before it reaches a terminal, in the CLI and the TUI.

use std::borrow::Cow;

/// Replaces control characters with visible stand-ins: C0 controls as caret
/// notation (`ESC` → `^[`, `BEL` → `^G`), DEL as `^?`, C1 controls as `<U+009B>`,
/// and bidi overrides/isolates as `<U+202E>` so they cannot reorder what follows.
/// Tabs become a single space (cell width must be predictable); newlines are
/// kept only when `keep_newlines` is set (multi-line bodies).
pub fn inert_with(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| needs_escape(c, keep_newlines)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !needs_escape(c, keep_newlines) {
            out.push(c);
        } else if c == '\t' {
            out.push(' ');
        } else if (c as u32) < 0x20 {
            out.push('^');
            out.push(char::from(b'@' + c as u8));
        } else if c == '\u{7f}' {
            out.push_str("^?");
        } else {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        }
    }
    Cow::Owned(out)
}

/// Single-line form of [`inert_with`]: newlines are shown as `^J`.
pub fn inert(text: &str) -> Cow<'_, str> {
    inert_with(text, false)
}

/// Multi-line form of [`inert_with`]: newlines kept, `\r` dropped before them.
pub fn inert_multiline(text: &str) -> Cow<'_, str> {
    if text.contains("\r\n") {
        Cow::Owned(inert_with(&text.replace("\r\n", "\n"), true).into_owned())
    } else {
        inert_with(text, true)
    }
}

/// `1 error`, `2 errors`: a count with its noun, English plural by `s`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn needs_escape(c: char, keep_newlines: bool) -> bool {
    match c {
        '\n' => !keep_newlines,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        // bidi embeddings, overrides and isolates (Trojan Source)
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(inert("a\x1b]0;pwned\x07b"), "a^[]0;pwned^Gb");
        assert_eq!(inert("\x1b[2J"), "^[[2J");
        assert_eq!(inert("x\u{9b}31m"), "x<U+009B>31m");
        assert_eq!(inert("abc\u{202e}def"), "abc<U+202E>def");
        assert_eq!(inert("del\x7f"), "del^?");
        assert_eq!(inert("a\tb"), "a b");
    }

    #[test]
    fn counts_take_the_plural_only_when_not_one() {
        assert_eq!(count(1, "error"), "1 error");
        assert_eq!(count(0, "warning"), "0 warnings");
        assert_eq!(count(2, "file"), "2 files");
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(inert("標題 ok ✅"), Cow::Borrowed(_)));
    }

    #[test]
    fn newlines_kept_only_in_multiline() {
        assert_eq!(inert("a\nb"), "a^Jb");
        assert_eq!(inert_multiline("a\r\nb\x1b"), "a\nb^[");
    }
}
