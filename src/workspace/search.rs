//! ADR search: fuzzy (skim's algorithm, as fzf users expect) over number, title and tags, plus
//! case-insensitive substring search over the bodies.
//!
//! Fuzzy-matching whole bodies costs about a second per query over 10,000 records, so bodies
//! get plain substring search instead: every body is lowercased once, when the index is built,
//! into one buffer that a SIMD substring finder (`memchr::memmem`) scans in about a millisecond.
//!
//! A query is split on whitespace into terms, as fzf does; a record matches when every term
//! matches one of its fields (in any order). Results are ranked best first.
//!
//! Skim's score is computed by [`skim_score`] (the same scores, about ten times cheaper, since
//! each field is prepared once); skim itself only finds the matched positions of the rows drawn.

mod bodies;
mod fuzzy;
mod incremental;
mod index;
mod memo;
mod query;
mod rank;
mod skim_score;
mod terms;
#[cfg(test)]
mod test_rng;
#[cfg(test)]
mod tests;
mod threads;
mod tiers;

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

use fuzzy::FuzzyFields;
pub use incremental::IncrementalFilter;
use index::Entry;
pub use rank::Ranked;
use terms::Terms;
pub use tiers::is_scattered;

/// Which fields of a record matched the query (any term).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Matched {
    pub number: bool,
    pub title: bool,
    /// Every term matched the title (so the title alone explains the hit).
    pub title_all: bool,
    pub tags: bool,
    pub body: bool,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into the records the index was built from (`Workspace::decisions`).
    pub record: usize,
    pub number: u32,
    /// Higher is better; only meaningful relative to other hits of the same query.
    pub score: i64,
    /// Character (not byte) indices into the title that matched, ascending, for highlighting.
    /// Filled by [`SearchIndex::search`]; [`SearchIndex::filter`] leaves it empty (see
    /// [`SearchIndex::title_positions`]).
    pub title_positions: Vec<usize>,
    pub matched: Matched,
}

/// An index over loaded records. Build it once per load; each query then costs a few
/// milliseconds over 10,000 records.
pub struct SearchIndex {
    entries: Vec<Entry>,
    fuzzy: FuzzyFields,
    /// Every record's body text, lowercased, records separated by [`SEPARATOR`].
    bodies: Vec<u8>,
    /// `bodies[starts[i]..starts[i + 1]]` is record i's text (plus its separator).
    starts: Vec<usize>,
    /// Every record's title and tags, lowercased (`heads[head_starts[i]..head_starts[i + 1]]`):
    /// a term found there is held as typed, not merely fuzzy-matched.
    heads: Vec<u8>,
    head_starts: Vec<usize>,
    /// Only for the matched positions of the rows drawn (see [`Self::title_positions`]).
    matcher: SkimMatcherV2,
    /// Whether numbers ascend with the records (see [`rank::sort_run`]).
    numbers_ascend: bool,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("records", &self.entries.len())
            .field("body_bytes", &self.bodies.len())
            .finish()
    }
}

impl SearchIndex {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The best `limit` hits, best first, with the title's matched positions filled in.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let mut hits = self.ranked(query, Some(limit));
        let terms = Terms::parse(query);
        for hit in &mut hits {
            hit.title_positions = self.positions_for(hit.record, &terms);
        }
        hits
    }

    /// Every hit, best first, without title positions: the TUI's per-keystroke filter (it asks
    /// [`Self::title_positions`] only for the rows it draws). An empty query keeps every record,
    /// in the order given.
    pub fn filter(&self, query: &str) -> Vec<Hit> {
        self.ranked(query, None)
    }

    /// The character indices of the title of `record` that `query` matches, for highlighting.
    pub fn title_positions(&self, record: usize, query: &str) -> Vec<usize> {
        self.positions_for(record, &Terms::parse(query))
    }

    fn positions_for(&self, record: usize, terms: &Terms) -> Vec<usize> {
        let Some(entry) = self.entries.get(record) else {
            return Vec::new();
        };
        let mut positions: Vec<usize> = terms
            .items
            .iter()
            .filter_map(|t| self.matcher.fuzzy_indices(&entry.title, &t.text))
            .flat_map(|(_, p)| p)
            .collect();
        positions.sort_unstable();
        positions.dedup();
        positions
    }

    /// Record `i` as a hit of the empty query.
    fn unranked(&self, i: usize) -> Ranked {
        Ranked::new(0, self.entries[i].number, i, Matched::default())
    }
}
