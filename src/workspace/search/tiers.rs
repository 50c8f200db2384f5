//! Ranking: what a term scores, the tiers a hit falls in (every term held as typed, fair
//! fuzzy matches, scattered ones), the upper bound that lets [`SearchIndex::best`] stop early,
//! and which hits are shown.

use super::fuzzy::TermFuzzy;
use super::rank::Ranked;
use super::terms::Terms;
use super::{Matched, SearchIndex};

/// An exact number match (`7`, `0007`, `adr:7`) beats every fuzzy score.
pub(super) const EXACT_NUMBER_SCORE: i64 = 100_000;
/// Score per query character of a body substring match: half of what skim gives a matched
/// title character, so a clean title match ranks above a record that only mentions the words.
pub(super) const BODY_SCORE_PER_CHAR: i64 = 8;

/// Ranking tiers, above every score (a hit scores `tier × TIER` plus what its terms scored):
/// records holding every term as typed (a substring of title, tags or body, or the exact
/// number) rank first; then records whose fuzzy matches are all of fair quality; last, those
/// with a scattered match, which are not shown at all when the first tier has hits.
pub(super) const TIER: i64 = 1 << 24;
pub(super) const TIER_HOLDS_EVERY_TERM: i64 = 2;
pub(super) const TIER_FAIR_FUZZY: i64 = 1;
/// A fuzzy match scoring under this per query character scatters its letters. Skim gives a
/// character 16, more in a run or at a word start, and takes some off for each gap: "icinga"
/// over "Merge API PostgreSQL instance into main PostgreSQL instance" scores 12 a character,
/// "lunr" over "Use plain JUnit5 for testing" 12, a word typed whole about 20, an acronym of
/// word starts ("rad" for "Record architecture decisions") about 18.
pub(super) const MIN_FUZZY_PER_CHAR: i64 = 15;

impl SearchIndex {
    /// The hit of record `i`, from what `each(t)` says of each term `t`: its fuzzy match, and
    /// whether it is in the body (in order; a term matching neither rejects the record, and
    /// later terms are not asked).
    pub(super) fn combine(
        &self,
        terms: &Terms,
        i: usize,
        mut each: impl FnMut(usize) -> (TermFuzzy, bool),
    ) -> Option<Ranked> {
        let mut score = 0;
        let mut matched = Matched::default();
        let mut title_terms = 0;
        let mut holds_every_term = true;
        let mut scattered = false;
        for (t, term) in terms.items.iter().enumerate() {
            let (f, body) = each(t);
            matched.number |= f.number;
            matched.title |= f.title;
            matched.tags |= f.tags;
            title_terms += usize::from(f.title);
            matched.body |= body;
            score += match (f.score, body) {
                (Some(f), true) => f + term.body_score() / 2,
                (Some(f), false) => {
                    // only fuzzy-matched: as typed in the title or a tag, or scattered there?
                    if f != EXACT_NUMBER_SCORE && !self.head_holds(i, term) {
                        holds_every_term = false;
                        scattered |= f < term.chars as i64 * MIN_FUZZY_PER_CHAR;
                    }
                    f
                }
                (None, true) => term.body_score(),
                (None, false) => return None,
            };
        }
        matched.title_all = title_terms == terms.items.len();
        let tier = if holds_every_term {
            TIER_HOLDS_EVERY_TERM
        } else if scattered {
            0
        } else {
            TIER_FAIR_FUZZY
        };
        Some(Ranked::new(
            tier * TIER + score,
            self.entries[i].number,
            i,
            matched,
        ))
    }
}

/// Whether a fuzzy match of `score` for a query of `chars` characters only scatters the
/// query's letters (see [`MIN_FUZZY_PER_CHAR`]): the finder ranks such matches last, and drops
/// them when some entry holds the query as typed.
pub fn is_scattered(score: i64, chars: usize) -> bool {
    score < chars as i64 * MIN_FUZZY_PER_CHAR
}

/// Best first on (score, number, record); ties by number, then by record index so the order
/// never depends on the sort.
pub(super) fn rank(a: (i64, u32, usize), b: (i64, u32, usize)) -> std::cmp::Ordering {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
}

/// The most a record can score given its fuzzy matches: every term also in its body.
pub(super) fn upper_bound(terms: &Terms, fuzzy: &[TermFuzzy]) -> i64 {
    let terms_score: i64 = terms
        .items
        .iter()
        .zip(fuzzy)
        .map(|(term, f)| match f.score {
            Some(s) => s + term.body_score() / 2,
            None => term.body_score(),
        })
        .sum();
    TIER_HOLDS_EVERY_TERM * TIER + terms_score
}

/// How many of `scores` (a ranking, best first) are shown: all of them, unless a record holds
/// every term as typed, when the scattered fuzzy matches at the end are left out.
pub(super) fn shown(scores: impl ExactSizeIterator<Item = i64> + DoubleEndedIterator) -> usize {
    let mut scores = scores;
    let n = scores.len();
    let first = scores.next();
    if first.is_none_or(|s| s < TIER_HOLDS_EVERY_TERM * TIER) {
        return n;
    }
    // the scattered ones are the last tier: count them from the end
    n - scores
        .rev()
        .take_while(|&s| s < TIER_FAIR_FUZZY * TIER)
        .count()
}

/// How many records [`SearchIndex::best`] checks one by one before it scans every body
/// instead (a query with few hits, or whose best bounds are not reached because the bodies
/// lack the terms). Checking one body costs about a thousandth of scanning them all.
pub(super) fn check_budget(limit: usize) -> usize {
    limit.saturating_mul(10).saturating_add(500)
}
