//! Making workspace text safe to show in a terminal.
//!
//! Files are untrusted: an ADR title could hold `ESC ]0;pwned BEL` to retitle
//! the window or `ESC [2J` to clear the screen. Every string taken from a file
//! passes through [`inert`] before it reaches a terminal, in the CLI and the TUI.

use std::borrow::Cow;

/// Replaces control characters with visible stand-ins: C0 controls as caret
/// notation (`ESC` → `^[`, `BEL` → `^G`), DEL as `^?`, C1 controls as `<U+009B>`,
/// bidi controls as `<U+202E>` so they cannot reorder what follows, and invisible characters
/// (zero width space, word joiner, BOM) as `<U+200B>` so they can be seen.
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

/// A path as the terminal may show it: [`inert`], since a folder or file name can hold any
/// byte but `/` and NUL, an escape sequence included.
pub fn path(path: &std::path::Path) -> String {
    inert(&path.display().to_string()).into_owned()
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
        c => is_bidi_control(c) || is_invisible(c),
    }
}

/// Bidi embeddings, overrides, isolates and marks: they reorder or steer the text around them
/// (Trojan Source).
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}'
    )
}

/// Characters that take no room and show nothing, so two strings that look the same can differ:
/// zero width space, word joiner and the invisible operators, a byte-order mark inside text,
/// the Mongolian vowel separator. Joiners (U+200C, U+200D) are left alone: emoji sequences and
/// several scripts need them to render.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{180e}'
    )
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

    /// Zero-width characters passed through every output unseen (issue 13, item 17).
    #[test]
    fn invisible_characters_are_shown() {
        assert_eq!(inert("a\u{200b}b"), "a<U+200B>b");
        assert_eq!(inert("a\u{2060}b\u{feff}c"), "a<U+2060>b<U+FEFF>c");
        assert_eq!(inert_multiline("x\u{200f}\ny"), "x<U+200F>\ny");
        // emoji sequences keep their joiner
        assert_eq!(inert("👨\u{200d}👩"), "👨\u{200d}👩");
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
