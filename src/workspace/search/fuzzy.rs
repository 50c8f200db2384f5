//! Fuzzy matching of number, title and tags: every record's fields prepared once for
//! [`skim_score::score`] in a few flat buffers, and the per-thread scorer that resumes from
//! memos and scores each distinct tag once per term.

use super::memo;
use super::rank;
use super::skim_score::{self, Field, Matrix, Pattern, Unit};
use super::terms::{Term, Terms};
use super::tiers::EXACT_NUMBER_SCORE;
use super::{Matched, SearchIndex};

/// One thread's state while scoring a query: skim's matrix, each distinct tag's score per
/// term once computed (`tag_scores[term * tags + tag]`), and the memos of the thread's records
/// when the query is one keystroke of many.
pub(super) struct Scorer<'m> {
    pub(super) matrix: Matrix,
    pub(super) first: Vec<usize>,
    pub(super) tags: usize,
    pub(super) tag_scores: Vec<Option<Option<i64>>>,
    pub(super) memos: Option<memo::Slice<'m>>,
    pub(super) sort: rank::SortScratch,
}

impl<'m> Scorer<'m> {
    pub(super) fn new(
        index: &SearchIndex,
        terms: &Terms,
        memos: Option<memo::Slice<'m>>,
    ) -> Scorer<'m> {
        let tags = index.fuzzy.tags.len();
        Scorer {
            matrix: Matrix::default(),
            first: Vec::new(),
            tags,
            tag_scores: vec![None; tags * terms.items.len()],
            memos,
            sort: rank::SortScratch::default(),
        }
    }
}

/// Which part of a record a fuzzy field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FieldKind {
    /// `0007`: what people type and what `adr list` shows.
    Number,
    Title,
    Tag,
}

/// One fuzzy field: where its text is, in the ASCII store or (any other text) the wide one.
#[derive(Debug, Clone, Copy)]
pub(super) struct FieldRef {
    pub(super) kind: FieldKind,
    pub(super) wide: bool,
    pub(super) start: u32,
    pub(super) end: u32,
    /// For a tag: which distinct tag text it is (records share a small vocabulary of tags, so
    /// a query scores each distinct tag once; see [`Scorer`]).
    pub(super) tag: u32,
}

/// Every record's number, title and tags, prepared once for [`skim_score::score`]: text,
/// folded text and bonuses in a few flat buffers (nothing to allocate or recompute per query).
#[derive(Default)]
pub(super) struct FuzzyFields {
    pub(super) fields: Vec<FieldRef>,
    pub(super) ascii: Store<u8>,
    pub(super) wide: Store<char>,
    /// Each distinct tag text, and its field (stored once).
    pub(super) tags: std::collections::HashMap<String, FieldRef>,
}

/// Text, folded text and skim's bonuses of many fields, end to end.
pub(super) struct Store<T> {
    pub(super) text: Vec<T>,
    pub(super) folded: Vec<T>,
    pub(super) bonus: Vec<u8>,
}

impl<T> Default for Store<T> {
    fn default() -> Self {
        Store {
            text: Vec::new(),
            folded: Vec::new(),
            bonus: Vec::new(),
        }
    }
}

impl<T: Unit> Store<T> {
    pub(super) fn push(&mut self, text: impl Iterator<Item = T>) -> (u32, u32) {
        let start = self.text.len();
        self.text.extend(text);
        let added = &self.text[start..];
        self.folded.extend(added.iter().map(|c| c.fold()));
        skim_score::push_bonuses(added, &mut self.bonus);
        (offset(start), offset(self.text.len()))
    }

    pub(super) fn field(&self, start: u32, end: u32) -> Field<'_, T> {
        let range = start as usize..end as usize;
        Field {
            text: &self.text[range.clone()],
            folded: &self.folded[range.clone()],
            bonus: &self.bonus[range],
        }
    }
}

/// Field offsets are u32 (4 GB of titles and tags is far beyond any ADR folder).
pub(super) fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl FuzzyFields {
    pub(super) fn push_tag(&mut self, text: &str) {
        if let Some(&field) = self.tags.get(text) {
            self.fields.push(field);
            return;
        }
        self.push(FieldKind::Tag, text);
        if let Some(field) = self.fields.last_mut() {
            field.tag = offset(self.tags.len());
            self.tags.insert(text.to_string(), *field);
        }
    }

    pub(super) fn push(&mut self, kind: FieldKind, text: &str) {
        let wide = !text.is_ascii();
        let (start, end) = if wide {
            self.wide.push(text.chars())
        } else {
            self.ascii.push(text.bytes())
        };
        self.fields.push(FieldRef {
            kind,
            wide,
            start,
            end,
            tag: u32::MAX,
        });
    }

    /// Skim's score of `term` in `field`, resuming from the rows `matrix` holds for a prefix
    /// of the term in this field. A field holding only ASCII can never match a term that does
    /// not (skim folds ASCII letters only).
    pub(super) fn score(
        &self,
        field: FieldRef,
        term: &Term,
        matrix: &mut Matrix,
        first: &mut Vec<usize>,
    ) -> Option<i64> {
        if field.wide {
            let pattern = Pattern {
                text: &term.wide,
                folded: &term.wide_folded,
            };
            let field = self.wide.field(field.start, field.end);
            skim_score::score(field, pattern, matrix, first)
        } else {
            let (text, folded) = term.ascii.as_ref()?;
            let pattern = Pattern { text, folded };
            let field = self.ascii.field(field.start, field.end);
            skim_score::score(field, pattern, matrix, first)
        }
    }
}

/// What fuzzy matching found for one term in one record.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct TermFuzzy {
    pub(super) score: Option<i64>,
    pub(super) number: bool,
    pub(super) title: bool,
    pub(super) tags: bool,
}

impl SearchIndex {
    /// What fuzzy matching finds for term `t` in number, title and tags of record `i`.
    pub(super) fn term_fuzzy(
        &self,
        i: usize,
        terms: &Terms,
        t: usize,
        scorer: &mut Scorer,
    ) -> TermFuzzy {
        let mut matched = Matched::default();
        let score = self.fuzzy_score(i, terms, t, &mut matched, scorer);
        TermFuzzy {
            score,
            number: matched.number,
            title: matched.title,
            tags: matched.tags,
        }
    }

    /// The best fuzzy score of term `t` over number, title and tags of record `i` (the title
    /// resumed from the scorer's memo, when it has one).
    pub(super) fn fuzzy_score(
        &self,
        i: usize,
        terms: &Terms,
        t: usize,
        matched: &mut Matched,
        scorer: &mut Scorer,
    ) -> Option<i64> {
        let entry = &self.entries[i];
        let term = &terms.items[t];
        if term.number == Some(entry.number) {
            matched.number = true;
            return Some(EXACT_NUMBER_SCORE);
        }
        if term.mask & !entry.mask != 0 {
            return None;
        }
        let mut best: Option<i64> = None;
        let fields = &self.fuzzy.fields[entry.fields.start as usize..entry.fields.end as usize];
        for &field in fields {
            let flag = match field.kind {
                FieldKind::Number if !term.digits => continue,
                FieldKind::Number => &mut matched.number,
                FieldKind::Title => &mut matched.title,
                FieldKind::Tag => &mut matched.tags,
            };
            let remembered = match field.kind {
                FieldKind::Title => scorer.memos.as_mut().and_then(|m| m.title(i, t)),
                _ => None,
            };
            let score = if let Some(matrix) = remembered {
                self.fuzzy.score(field, term, matrix, &mut scorer.first)
            } else if field.kind == FieldKind::Tag {
                let slot = t * scorer.tags + field.tag as usize;
                match scorer.tag_scores.get(slot).copied().flatten() {
                    Some(known) => known,
                    None => {
                        scorer.matrix.clear();
                        let s =
                            self.fuzzy
                                .score(field, term, &mut scorer.matrix, &mut scorer.first);
                        if let Some(cached) = scorer.tag_scores.get_mut(slot) {
                            *cached = Some(s);
                        }
                        s
                    }
                }
            } else {
                scorer.matrix.clear();
                self.fuzzy
                    .score(field, term, &mut scorer.matrix, &mut scorer.first)
            };
            if let Some(s) = score {
                *flag = true;
                best = Some(best.map_or(s, |b| b.max(s)));
            }
        }
        best
    }
}
