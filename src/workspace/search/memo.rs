//! What the TUI's filter remembers between keystrokes, per record and query term, so that a
//! keystroke only does the work the edit calls for: a letter typed at the end of a term costs
//! one row of each title's score matrix, a term left as it was costs nothing, and an erased
//! letter costs none (the rows before it still hold).
//!
//! A memo records the version (keystroke) it was written at; each term keeps, per version, how
//! many of the characters it had then it still begins with. That says exactly how much of any
//! memo still holds, however many keystrokes ago it was written and whatever was typed and
//! erased since, without visiting the records that were not asked about.

use super::fuzzy::TermFuzzy;
use super::skim_score::Matrix;

/// One record's memo for one term.
#[derive(Default, Debug)]
pub(super) struct Memo {
    /// The title's score matrix, for the first `title.len()` characters of the term as it was
    /// at `version`.
    title: Matrix,
    /// Where the body holds the term as it was at `version`.
    body: Found,
    /// When the body holds it at a known byte: the body's eight bytes from there (see
    /// [`Known::head`]).
    head: u64,
    /// What fuzzy matching found for the term as it was at `version`.
    fuzzy: Option<TermFuzzy>,
    /// When the memo was written (0: never).
    version: usize,
}

/// Where a record's (lowercased) body holds a term.
#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Found {
    #[default]
    Unknown,
    Absent,
    /// First at this byte.
    At(u32),
    /// Somewhere (where first is not known).
    Somewhere,
}

impl Found {
    pub fn is_found(self) -> bool {
        matches!(self, Found::At(_) | Found::Somewhere)
    }
}

/// What a visited memo still knows of a term as it is now.
#[derive(Default)]
pub(super) struct Known {
    pub body: Found,
    /// When the body is not known: the byte from which the term can first occur.
    pub body_from: usize,
    /// The body's eight bytes (little-endian, zero past its end) where the term was found, or
    /// where a shorter form of it was (at `body_from`): they say whether the term typed further
    /// still is there without reading the body.
    pub head: Option<u64>,
    pub fuzzy: Option<TermFuzzy>,
}

/// How much each term has kept of what it was at each version.
#[derive(Default, Debug)]
pub(super) struct History {
    version: usize,
    /// Per term: its text now.
    texts: Vec<Vec<char>>,
    /// Per term, per version: its length in characters then.
    lens: Vec<Vec<usize>>,
    /// Per term, per version: how many of the characters it had then it still begins with.
    kept: Vec<Vec<usize>>,
}

/// Memos of every record (of one index) for every term of the queries so far.
#[derive(Default, Debug)]
pub(super) struct Memos {
    history: History,
    /// `terms[term][record]`.
    terms: Vec<Vec<Memo>>,
    records: usize,
}

/// A history longer than this is started afresh (a keystroke costs a walk over it).
const MAX_VERSIONS: usize = 4096;

impl Memos {
    /// Starts a new version: the query's terms are now `terms`. Memos are for an index of
    /// `records` records; for any other count they start afresh.
    pub fn advance(&mut self, terms: &[Vec<char>], records: usize) {
        if records != self.records || self.history.version + 1 >= MAX_VERSIONS {
            *self = Memos {
                records,
                ..Memos::default()
            };
        }
        self.add_terms(terms.len());
        let h = &mut self.history;
        h.version += 1;
        for (t, text) in h.texts.iter_mut().enumerate() {
            let new: &[char] = terms.get(t).map_or(&[], |v| v.as_slice());
            let common = text.iter().zip(new).take_while(|(a, b)| a == b).count();
            for kept in &mut h.kept[t] {
                *kept = (*kept).min(common);
            }
            h.lens[t].push(new.len());
            h.kept[t].push(new.len());
            text.clear();
            text.extend_from_slice(new);
        }
    }

    /// Memos for an index of `records` records, made ready for queries of up to `terms`
    /// terms (more are added when asked for): their memory is taken now rather than on the
    /// first keystrokes.
    pub fn with_terms(records: usize, terms: usize) -> Memos {
        let mut memos = Memos {
            records,
            ..Memos::default()
        };
        memos.add_terms(terms);
        // room for a typical term's title matrix, so typing it allocates nothing per record
        for memo in memos.terms.iter_mut().flatten() {
            memo.title = Matrix::with_capacity(4, 28);
        }
        memos
    }

    /// Adds memos for terms until there are `terms` of them.
    fn add_terms(&mut self, terms: usize) {
        let h = &mut self.history;
        let versions = h.version + 1;
        while self.terms.len() < terms {
            self.terms
                .push((0..self.records).map(|_| Memo::default()).collect());
            h.texts.push(Vec::new());
            h.lens.push(vec![0; versions]);
            h.kept.push(vec![0; versions]);
        }
    }

    /// How many records the memos are for.
    pub fn records(&self) -> usize {
        self.records
    }

    /// The memos, split for threads that each take a contiguous range of records: `starts`
    /// are the first record of each range but the first (ascending); the first range starts
    /// at record 0 and the last ends at the last record.
    pub fn split(&mut self, starts: &[usize]) -> Vec<Slice<'_>> {
        let mut parts: Vec<Slice> = std::iter::once(0)
            .chain(starts.iter().copied())
            .map(|base| Slice {
                base,
                terms: Vec::with_capacity(self.terms.len()),
                history: &self.history,
            })
            .collect();
        for memos in &mut self.terms {
            let mut rest: &mut [Memo] = memos;
            let mut at = 0;
            for (k, part) in parts.iter_mut().enumerate() {
                let end = starts.get(k).copied().unwrap_or(at + rest.len()).max(at);
                let (head, tail) = std::mem::take(&mut rest).split_at_mut(end - at);
                part.terms.push(head);
                rest = tail;
                at = end;
            }
        }
        parts
    }
}

/// One thread's share of the memos: those of records `base..`.
pub(super) struct Slice<'m> {
    base: usize,
    terms: Vec<&'m mut [Memo]>,
    history: &'m History,
}

impl Slice<'_> {
    /// Readies the memo of `record` for `term` (a record of this slice) to be brought up to the
    /// term as it is now: drops the title rows that no longer hold, and says what is known of
    /// the body (when not known: from which byte the term can first occur) and of the fuzzy
    /// match. [`Self::title`], [`Self::set_body`] and [`Self::set_fuzzy`] then bring the memo
    /// up to date.
    pub fn visit(&mut self, record: usize, term: usize) -> Known {
        let h = self.history;
        let Some(memo) = self.memo(record, term) else {
            return Known::default();
        };
        let (then, kept) = (h.lens[term][memo.version], h.kept[term][memo.version]);
        let now = h.texts[term].len();
        memo.title.truncate(kept);
        // Lowercasing is per character, so when one term begins with the other, so do their
        // lowercase forms: the longer one occurs only where the shorter one does, and the
        // shorter one wherever the longer one does.
        let same = kept == then && then == now;
        let longer = kept == then && then < now;
        let shorter = kept == now && now < then;
        let (body, body_from, head) = match memo.body {
            found if same => (found, 0, Some(memo.head)),
            Found::Absent if longer => (Found::Absent, 0, None),
            Found::At(at) if longer => (Found::Unknown, at as usize, Some(memo.head)),
            Found::At(_) | Found::Somewhere if shorter => (Found::Somewhere, 0, None),
            _ => (Found::Unknown, 0, None),
        };
        let fuzzy = if same { memo.fuzzy } else { None };
        memo.version = h.version;
        memo.body = Found::Unknown;
        memo.fuzzy = None;
        Known {
            body,
            body_from,
            head,
            fuzzy,
        }
    }

    pub fn set_fuzzy(&mut self, record: usize, term: usize, fuzzy: TermFuzzy) {
        if let Some(memo) = self.memo(record, term) {
            memo.fuzzy = Some(fuzzy);
        }
    }

    /// The title matrix of `record` for `term`, visited.
    pub fn title(&mut self, record: usize, term: usize) -> Option<&mut Matrix> {
        Some(&mut self.memo(record, term)?.title)
    }

    /// Where the body holds the term as it is now (and when at a known byte, the body's eight
    /// bytes from there).
    pub fn set_body(&mut self, record: usize, term: usize, found: Found, head: u64) {
        if let Some(memo) = self.memo(record, term) {
            memo.body = found;
            memo.head = head;
        }
    }

    /// Whether term `term` goes on from what it was at the previous keystroke (so memos of it
    /// can hold), rather than being new.
    pub fn continues(&self, term: usize) -> bool {
        let h = self.history;
        h.version >= 2 && h.kept.get(term).is_some_and(|k| k[h.version - 1] > 0)
    }

    fn memo(&mut self, record: usize, term: usize) -> Option<&mut Memo> {
        let at = record.checked_sub(self.base)?;
        self.terms.get_mut(term)?.get_mut(at)
    }
}
