//! Substring search over the bodies: the lowercased body buffer, where a term first occurs in
//! a record's body (one scan over many records, or one body at a time), and whether a title or
//! tag holds a term as typed.

use super::terms::Term;
use super::SearchIndex;
use crate::workspace::model::Adr;

/// Separates records in the body buffer, so a term never matches across two records.
pub(super) const SEPARATOR: u8 = 0;

impl SearchIndex {
    /// Record `i`'s body text (lowercased), with its separator.
    #[inline]
    pub(super) fn body(&self, i: usize) -> &[u8] {
        &self.bodies[self.starts[i]..self.starts[i + 1]]
    }

    /// Whether record `i`'s title or one of its tags holds `term` as typed (case aside).
    #[inline]
    pub(super) fn head_holds(&self, i: usize, term: &Term) -> bool {
        term.finder
            .find(&self.heads[self.head_starts[i]..self.head_starts[i + 1]])
            .is_some()
    }

    /// For each record of `range`: where its body first holds the term (case-insensitive),
    /// and the body's eight bytes there (read while they are at hand; see [`head_at`]).
    pub(super) fn body_hits(&self, term: &Term, range: std::ops::Range<usize>) -> Vec<InBody> {
        let mut found = vec![None; range.len()];
        let (first, end) = (self.starts[range.start], self.starts[range.end]);
        let finder = &term.finder;
        let mut at = first;
        let mut record = range.start;
        while let Some(pos) = finder.find(&self.bodies[at..end]) {
            let abs = at + pos;
            // The record whose span holds `abs` (hits come in order, so walk forward to it;
            // cheaper than a binary search when most records hold the term); then skip to the
            // next record.
            while record + 1 < range.end && self.starts[record + 1] <= abs {
                record += 1;
            }
            let head = head_at(&self.bodies[..self.starts[record + 1]], abs);
            found[record - range.start] = u32::try_from(abs - self.starts[record])
                .ok()
                .map(|at| (at, head));
            record += 1;
            match self.starts.get(record) {
                Some(&next) if next > abs && record < range.end => at = next,
                _ => break,
            }
        }
        found
    }
}

/// Where term `term` first occurs in `body` from byte `from` on, and
/// the body's eight bytes there. `from` is usually where a shorter form of the term was found,
/// and a word typed further usually still is there, so that spot is checked first: against
/// `head`, the body's bytes there when known (no read of the body at all), before setting a
/// search going.
#[inline]
pub(super) fn find_from(term: &Term, body: &[u8], from: usize, head: Option<u64>) -> InBody {
    let rest = body.get(from..)?;
    let needle = term.lower.as_bytes();
    let here = match head {
        Some(head) if needle.len() <= 8 => head & term.head_mask == term.head,
        _ => rest.starts_with(needle),
    };
    if here {
        let head = head.unwrap_or_else(|| head_at(body, from));
        return Some((u32::try_from(from).ok()?, head));
    }
    let at = from + 1 + term.finder.find(rest.get(1..)?)?;
    Some((u32::try_from(at).ok()?, head_at(body, at)))
}

/// Where a record's body first holds a term (a byte offset), and its eight bytes there (see
/// [`head_at`]); None when it does not.
pub(super) type InBody = Option<(u32, u64)>;

/// The (up to) eight bytes of `body` from `at`, little-endian, zero past its end (no term holds
/// a zero byte: see [`push_lowercase`]).
#[inline]
pub(super) fn head_at(body: &[u8], at: usize) -> u64 {
    let rest = body.get(at..).unwrap_or_default();
    let mut bytes = [0; 8];
    let n = rest.len().min(8);
    bytes[..n].copy_from_slice(&rest[..n]);
    u64::from_le_bytes(bytes)
}

/// The text fields searched as bodies: everything but number, title and tags.
pub(super) fn for_each_body_field(adr: &Adr, mut f: impl FnMut(&str)) {
    for text in [&adr.context, &adr.drivers, &adr.decision, &adr.consequences] {
        f(text);
    }
    for option in &adr.options {
        f(&option.name);
        f(&option.description);
        option.pros.iter().for_each(|p| f(p));
        option.cons.iter().for_each(|c| f(c));
    }
    for (heading, body) in &adr.extra_sections {
        f(heading);
        f(body);
    }
    adr.deciders.iter().for_each(|d| f(d));
    adr.quality_attributes.iter().for_each(|q| f(q));
    if let Some(text) = &adr.status_text {
        f(text);
    }
}

pub(super) fn body_len(adr: &Adr) -> usize {
    let mut n = 0;
    for_each_body_field(adr, |t| n += t.len() + 1);
    n + 1
}

/// Appends `text` lowercased. ASCII takes the fast path; other characters use Unicode
/// lowercasing, per character, the same way for bodies and queries so they always agree.
pub(super) fn push_lowercase(out: &mut Vec<u8>, text: &str) {
    if text.is_ascii() {
        // The separator must never appear inside a record.
        out.extend(text.bytes().map(|b| match b {
            SEPARATOR => b' ',
            b => b.to_ascii_lowercase(),
        }));
        return;
    }
    let mut buf = [0u8; 4];
    for c in text.chars() {
        for l in c.to_lowercase() {
            let l = if l == '\0' { ' ' } else { l };
            out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
        }
    }
}
