//! A query split into terms, each prepared once for fuzzy and substring matching.

use memchr::memmem;

use super::bodies::{head_at, push_lowercase};
use super::skim_score::Unit;
use super::tiers::BODY_SCORE_PER_CHAR;
use crate::workspace::reference::parse_adr_number;

/// A query split into whitespace-separated terms.
pub(super) struct Terms {
    pub(super) items: Vec<Term>,
}

pub(super) struct Term {
    /// As typed, for fuzzy matching (the matcher ignores case itself).
    pub(super) text: String,
    /// Lowercased like the body buffer, for substring search.
    pub(super) lower: String,
    /// The substring finder of `lower`, made once per query (not per chunk of records).
    pub(super) finder: memmem::Finder<'static>,
    /// Its first eight lowercased bytes as [`head_at`] reads them, and the mask of those it has.
    pub(super) head: u64,
    pub(super) head_mask: u64,
    pub(super) chars: usize,
    /// The ADR number the term names exactly (`7`, `0007`, `adr:7`, `ADR-0007`).
    pub(super) number: Option<u32>,
    pub(super) digits: bool,
    /// ASCII letters and digits the term holds (see [`char_mask`]).
    pub(super) mask: u64,
    /// As typed and folded, for scoring ASCII fields (None when the term is not ASCII).
    pub(super) ascii: Option<(Vec<u8>, Vec<u8>)>,
    /// As typed and folded, for scoring the other fields.
    pub(super) wide: Vec<char>,
    pub(super) wide_folded: Vec<char>,
}

impl Term {
    /// What a body match of this term scores.
    #[inline]
    pub(super) fn body_score(&self) -> i64 {
        self.chars as i64 * BODY_SCORE_PER_CHAR
    }
}

impl Terms {
    pub(super) fn parse(query: &str) -> Terms {
        let items = query
            .split_whitespace()
            .map(|t| {
                let mut bytes = Vec::with_capacity(t.len());
                push_lowercase(&mut bytes, t);
                let lower = String::from_utf8(bytes).unwrap_or_else(|_| t.to_lowercase());
                let head_mask = match lower.len() {
                    n @ 0..8 => (1u64 << (8 * n)) - 1,
                    _ => u64::MAX,
                };
                Term {
                    finder: memmem::Finder::new(lower.as_bytes()).into_owned(),
                    head: head_at(lower.as_bytes(), 0),
                    head_mask,
                    text: t.to_string(),
                    lower,
                    chars: t.chars().count(),
                    number: parse_adr_number(t),
                    digits: t.bytes().all(|b| b.is_ascii_digit()),
                    mask: char_mask(t),
                    ascii: t.is_ascii().then(|| {
                        let text = t.as_bytes().to_vec();
                        let folded = text.iter().map(|c| c.fold()).collect();
                        (text, folded)
                    }),
                    wide: t.chars().collect(),
                    wide_folded: t.chars().map(|c| c.fold()).collect(),
                }
            })
            .collect();
        Terms { items }
    }
}

/// One bit per ASCII letter (case folded) and digit occurring in `text`; other characters are
/// ignored, so `term.mask & !field.mask != 0` proves the term cannot match the field.
pub(super) fn char_mask(text: &str) -> u64 {
    text.bytes().fold(0, |m, b| match b {
        b'a'..=b'z' => m | 1 << (b - b'a'),
        b'A'..=b'Z' => m | 1 << (b - b'A'),
        b'0'..=b'9' => m | 1 << (26 + b - b'0'),
        _ => m,
    })
}
