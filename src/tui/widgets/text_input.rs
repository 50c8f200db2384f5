//! The one text input: a line of text with a cursor, used by every prompt, the `/` filter and
//! the finder. Editing follows readline: ←/→, Home/End, ctrl-a/ctrl-e, ctrl-u, ctrl-w,
//! alt-b/alt-f, Delete; a paste of several lines is flattened to one.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use crate::tui::action::Action;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// Byte offset of the cursor, always on a char boundary.
    cursor: usize,
}

/// What an action did to the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edited {
    /// The text changed.
    Text,
    /// Only the cursor moved.
    Cursor,
    /// Not an input action.
    No,
}

/// The longest text an input holds (a name, a title, a query): longer pastes are cut.
pub const MAX_LEN: usize = 4096;

impl TextInput {
    pub fn new(text: &str) -> TextInput {
        let mut t = TextInput::default();
        t.insert_str(text);
        t
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Applies an input action (typing, cursor movement, deletion, paste).
    pub fn apply(&mut self, action: &Action) -> Edited {
        let before = self.text.len();
        match action {
            Action::Input(c) => self.insert(*c),
            Action::Paste(s) => self.insert_str(s),
            Action::DeleteChar => {
                if let Some(p) = self.prev_boundary(self.cursor) {
                    self.text.replace_range(p..self.cursor, "");
                    self.cursor = p;
                }
            }
            Action::DeleteForward => {
                if let Some(n) = self.next_boundary(self.cursor) {
                    self.text.replace_range(self.cursor..n, "");
                }
            }
            Action::DeleteWord => {
                let p = self.word_start(self.cursor);
                self.text.replace_range(p..self.cursor, "");
                self.cursor = p;
            }
            Action::DeleteToStart => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            Action::CursorLeft => self.cursor = self.prev_boundary(self.cursor).unwrap_or(0),
            Action::CursorRight => {
                self.cursor = self.next_boundary(self.cursor).unwrap_or(self.text.len())
            }
            Action::CursorHome => self.cursor = 0,
            Action::CursorEnd => self.cursor = self.text.len(),
            Action::WordLeft => self.cursor = self.word_start(self.cursor),
            Action::WordRight => self.cursor = self.word_end(self.cursor),
            _ => return Edited::No,
        }
        if self.text.len() != before || matches!(action, Action::Input(_) | Action::Paste(_)) {
            Edited::Text
        } else {
            Edited::Cursor
        }
    }

    fn insert(&mut self, c: char) {
        if self.text.len() + c.len_utf8() > MAX_LEN || c.is_control() {
            return;
        }
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Inserts pasted text: line breaks and tabs become spaces, other controls are dropped.
    pub fn insert_str(&mut self, s: &str) {
        let mut flat = String::with_capacity(s.len());
        let mut last_space = false;
        for c in s.trim_end_matches(['\n', '\r']).chars() {
            let c = if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            };
            if c.is_control() {
                continue;
            }
            // a flattened line break does not make a run of spaces
            if c == ' ' && last_space {
                continue;
            }
            last_space = c == ' ';
            flat.push(c);
        }
        for c in flat.chars() {
            self.insert(c);
        }
    }

    fn prev_boundary(&self, at: usize) -> Option<usize> {
        self.text[..at].char_indices().next_back().map(|(i, _)| i)
    }

    fn next_boundary(&self, at: usize) -> Option<usize> {
        self.text[at..].chars().next().map(|c| at + c.len_utf8())
    }

    /// Start of the word before `at` (skipping spaces first), as readline's ctrl-w / alt-b.
    fn word_start(&self, at: usize) -> usize {
        let before: Vec<(usize, char)> = self.text[..at].char_indices().collect();
        let mut i = before.len();
        while i > 0 && !before[i - 1].1.is_alphanumeric() {
            i -= 1;
        }
        while i > 0 && before[i - 1].1.is_alphanumeric() {
            i -= 1;
        }
        before
            .get(i)
            .map_or(if i == 0 { 0 } else { at }, |(b, _)| *b)
    }

    fn word_end(&self, at: usize) -> usize {
        let mut seen_word = false;
        for (i, c) in self.text[at..].char_indices() {
            if c.is_alphanumeric() {
                seen_word = true;
            } else if seen_word {
                return at + i;
            }
        }
        self.text.len()
    }

    /// The input as one line `width` cells wide, scrolled so the cursor shows; the cursor is
    /// the reversed cell. Text is made safe (controls shown, never sent raw).
    pub fn line(&self, width: usize, style: Style) -> Line<'static> {
        // reversed video: visible in every theme, in 16 colours and under NO_COLOR
        let cursor = style.add_modifier(Modifier::REVERSED);
        let width = width.max(1);
        let safe = |s: &str| crate::tui::widgets::text::safe(s).into_owned();
        let before = safe(&self.text[..self.cursor]);
        let (at, after) = match self.text[self.cursor..].chars().next() {
            Some(c) => (
                safe(&c.to_string()),
                safe(&self.text[self.cursor + c.len_utf8()..]),
            ),
            None => (" ".to_string(), String::new()),
        };
        // keep the cursor cell visible: drop cells from the left of `before` as needed
        let at_w = crate::tui::widgets::text::width(&at).max(1);
        let room = width.saturating_sub(at_w);
        let mut shown_before = String::new();
        let mut w = 0;
        for c in before.chars().rev() {
            let cw = c.width().unwrap_or(0);
            if w + cw > room {
                break;
            }
            w += cw;
            shown_before.insert(0, c);
        }
        let rest = room - w;
        let after = crate::tui::widgets::text::truncate(&after, rest).into_owned();
        Line::from(vec![
            Span::styled(shown_before, style),
            Span::styled(at, cursor),
            Span::styled(after, style),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> TextInput {
        let mut t = TextInput::default();
        for c in s.chars() {
            t.apply(&Action::Input(c));
        }
        t
    }

    #[test]
    fn readline_editing() {
        let mut t = typed("edge cache");
        assert_eq!(t.cursor(), 10);
        t.apply(&Action::WordLeft);
        assert_eq!(t.cursor(), 5);
        t.apply(&Action::Input('X'));
        assert_eq!(t.text(), "edge Xcache");
        t.apply(&Action::CursorHome);
        t.apply(&Action::DeleteForward);
        assert_eq!(t.text(), "dge Xcache");
        t.apply(&Action::WordRight);
        assert_eq!(t.cursor(), 3);
        t.apply(&Action::CursorEnd);
        t.apply(&Action::DeleteWord);
        assert_eq!(t.text(), "dge ");
        t.apply(&Action::DeleteWord);
        assert_eq!(t.text(), "");
        let mut t = typed("abc def");
        t.apply(&Action::CursorLeft);
        t.apply(&Action::DeleteToStart);
        assert_eq!((t.text(), t.cursor()), ("f", 0));
    }

    #[test]
    fn wide_and_combining_characters_move_by_whole_chars() {
        let mut t = typed("會員é");
        t.apply(&Action::CursorLeft);
        t.apply(&Action::DeleteChar);
        assert_eq!(t.text(), "會é");
        t.apply(&Action::CursorEnd);
        t.apply(&Action::DeleteChar);
        assert_eq!(t.text(), "會");
    }

    #[test]
    fn pasted_lines_are_flattened_and_controls_dropped() {
        let mut t = TextInput::default();
        t.apply(&Action::Paste(
            "first line\nsecond\tline\u{1b}[31m\n".into(),
        ));
        assert_eq!(t.text(), "first line second line[31m");
    }

    #[test]
    fn the_cursor_stays_visible_in_a_narrow_line() {
        let t = typed("a long name that does not fit");
        let line = t.line(10, Style::default());
        let shown: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(shown, "s not fit ");
        assert_eq!(line.spans[1].content, " ", "the cursor cell is last");
    }
}
