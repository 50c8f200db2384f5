//! The `/` filter, one keystroke at a time.

use super::memo::Memos;
use super::rank::Ranked;
use super::terms::Terms;
use super::threads::threads_for;
use super::tiers::shown;
use super::SearchIndex;

/// The TUI's per-keystroke filter, made incremental in two ways:
/// - when the new query extends the previous one (typing at the end), only the previous hits
///   can still match, so only they are checked. That holds for every way a term matches except
///   the exact-number one (`adr:12` names record 12, which `adr:1` does not match), so a query
///   with a number term checks every record.
/// - what each record's check found for each term is remembered (see [`memo`]), so a letter
///   typed costs one row of each title's score matrix, an unchanged term nothing, and an erased
///   letter no fuzzy matching at all.
///
/// The result is always exactly what [`SearchIndex::filter`] gives.
#[derive(Debug, Default)]
pub struct IncrementalFilter {
    pub(super) query: String,
    pub(super) ranked: Vec<Ranked>,
    /// Each thread's hits before they are merged, and the records the next keystroke checks
    /// when the query narrows: kept, so that a keystroke takes no fresh memory for them.
    pub(super) runs: Vec<Vec<Ranked>>,
    pub(super) candidates: Vec<usize>,
    pub(super) is_candidate: Vec<bool>,
    pub(super) memos: Memos,
}

impl IncrementalFilter {
    pub fn new() -> Self {
        Self::default()
    }

    /// A filter for `index` with its memory taken up front (for the hits, and the memos of a
    /// query's first two terms), so that the first keystrokes do not pay for it.
    pub fn for_index(index: &SearchIndex) -> Self {
        // written once, so that filling it later takes no page faults
        let touched = |n: usize| {
            let mut v = vec![Ranked::default(); n];
            v.clear();
            v
        };
        // a thread may take any share of the chunks
        let runs = (0..threads_for(index.len()))
            .map(|_| touched(index.len()))
            .collect();
        IncrementalFilter {
            query: String::new(),
            ranked: touched(index.len()),
            runs,
            candidates: Vec::with_capacity(index.len()),
            is_candidate: vec![false; index.len()],
            memos: Memos::with_terms(index.len(), 2),
        }
    }

    /// The hits of `query` over `index`, best first (which must be the index of earlier
    /// calls; call [`Self::reset`] when it is rebuilt): always exactly what
    /// [`SearchIndex::filter`] gives.
    pub fn filter(&mut self, index: &SearchIndex, query: &str) -> &[Ranked] {
        let terms = Terms::parse(query);
        let narrows = !self.query.trim().is_empty()
            && query.starts_with(self.query.as_str())
            && terms.items.iter().all(|t| t.number.is_none());
        if terms.items.is_empty() {
            self.ranked.clear();
            self.ranked
                .extend((0..index.len()).map(|i| index.unranked(i)));
        } else {
            if narrows {
                // the previous hits' records, ascending (threads take chunks of them in turn)
                self.is_candidate.clear();
                self.is_candidate.resize(index.len(), false);
                for r in &self.ranked {
                    if let Some(c) = self.is_candidate.get_mut(r.record()) {
                        *c = true;
                    }
                }
                self.candidates.clear();
                self.candidates.extend(
                    self.is_candidate
                        .iter()
                        .enumerate()
                        .filter_map(|(i, &c)| c.then_some(i)),
                );
            }
            self.ranked.clear();
            index.filter_into(
                &terms,
                narrows.then_some(self.candidates.as_slice()),
                Some(&mut self.memos),
                &mut self.runs,
                &mut self.ranked,
            );
        }
        self.query.clear();
        self.query.push_str(query);
        // every hit stays (the next keystroke narrows them); the scattered ones are not shown
        &self.ranked[..shown(self.ranked.iter().map(|r| r.score()))]
    }

    /// Forgets the previous query and everything remembered (after the index is rebuilt).
    pub fn reset(&mut self) {
        self.query.clear();
        self.ranked.clear();
        self.memos = Memos::default();
    }
}
