//! Running a query: over every record, a subset (the previous keystroke's hits), or only as
//! far as the best few need.

use super::bodies::{find_from, InBody};
use super::fuzzy::{Scorer, TermFuzzy};
use super::memo::{self, Found, Memos};
use super::rank::{self, Ranked};
use super::terms::Terms;
use super::threads::{in_parallel, in_parallel_chunks};
use super::tiers::{check_budget, rank, shown, upper_bound};
use super::{Hit, SearchIndex};

impl SearchIndex {
    /// Every hit of `terms`, ranked, appended to `into`: over every record or only
    /// `candidates` (record indices, ascending). With `memos` (when the query is one
    /// keystroke of many), what they hold of earlier keystrokes is used and brought up to
    /// date; the hits, scores and order are the same either way. `runs` is each thread's room
    /// for its hits.
    pub(super) fn filter_into(
        &self,
        terms: &Terms,
        candidates: Option<&[usize]>,
        mut memos: Option<&mut Memos>,
        runs: &mut Vec<Vec<Ranked>>,
        into: &mut Vec<Ranked>,
    ) {
        if let Some(memos) = memos.as_deref_mut() {
            let texts: Vec<Vec<char>> = terms
                .items
                .iter()
                .map(|t| t.text.chars().collect())
                .collect();
            memos.advance(&texts, self.entries.len());
        }
        // each thread takes chunks of the records (and so of the memos) in turn, and ranks
        // what it found
        let n = candidates.map_or(self.entries.len(), <[usize]>::len);
        let record_of = |k: usize| candidates.map_or(k, |c| c[k]);
        in_parallel_chunks(n, record_of, memos, runs, |chunks, run| {
            let mut scorer = Scorer::new(self, terms, None);
            for (range, memos) in chunks {
                scorer.memos = memos;
                match candidates {
                    Some(candidates) => {
                        self.match_records(terms, &candidates[range], &mut scorer, run)
                    }
                    None => self.match_range(terms, range, &mut scorer, run),
                }
            }
            rank::sort_run(run, self.numbers_ascend, &mut scorer.sort);
        });
        rank::merge(runs, into);
    }

    pub(super) fn ranked(&self, query: &str, limit: Option<usize>) -> Vec<Hit> {
        let terms = Terms::parse(query);
        if terms.items.is_empty() {
            let n = limit.unwrap_or(usize::MAX).min(self.entries.len());
            return (0..n).map(|i| self.unranked(i).hit()).collect();
        }
        match limit {
            Some(0) => Vec::new(),
            Some(limit) => {
                let mut hits = self.best(&terms, limit);
                hits.truncate(shown(hits.iter().map(|h| h.score)));
                hits
            }
            None => {
                let mut ranked = Vec::new();
                self.filter_into(&terms, None, None, &mut Vec::new(), &mut ranked);
                ranked.truncate(shown(ranked.iter().map(|r| r.score())));
                ranked.into_iter().map(Ranked::hit).collect()
            }
        }
    }

    /// The best `limit` hits, best first: exactly the first `limit` of the full ranking, but
    /// most bodies are never searched. Fuzzy matching every record first gives each an upper
    /// bound on its score (as if its body held every term); records are then checked in
    /// order of that bound, and the search stops once the `limit`-th hit ranks above the
    /// next record's bound. A query that finds few hits runs out of [`check_budget`] and
    /// scans every body in one pass instead.
    pub(super) fn best(&self, terms: &Terms, limit: usize) -> Vec<Hit> {
        let width = terms.items.len();
        let fuzzy: Vec<TermFuzzy> = in_parallel(self.entries.len(), |range| {
            let mut scorer = Scorer::new(self, terms, None);
            let mut out = Vec::with_capacity(range.len() * width);
            for i in range {
                for t in 0..width {
                    out.push(self.term_fuzzy(i, terms, t, &mut scorer));
                }
            }
            out
        });
        let of = |i: usize| &fuzzy[i * width..(i + 1) * width];
        let mut order: Vec<(i64, u32, usize)> = (0..self.entries.len())
            .map(|i| (upper_bound(terms, of(i)), self.entries[i].number, i))
            .collect();
        // only the first few are checked one by one: sort just those
        let head = check_budget(limit).min(order.len());
        if head < order.len() {
            order.select_nth_unstable_by(head - 1, |a, b| rank(*a, *b));
        }
        order[..head].sort_unstable_by(|a, b| rank(*a, *b));
        let mut best: Vec<Ranked> = Vec::with_capacity(limit + 1);
        for &candidate in &order[..head] {
            if let Some(last) = best.get(limit - 1) {
                if rank((last.score(), last.number(), last.record()), candidate).is_lt() {
                    return best.into_iter().map(Ranked::hit).collect();
                }
            }
            let i = candidate.2;
            let body = self.body(i);
            if let Some(hit) = self.combine(terms, i, |t| {
                (of(i)[t], terms.items[t].finder.find(body).is_some())
            }) {
                let at = best.partition_point(|h| *h < hit);
                best.insert(at, hit);
                best.truncate(limit);
            }
        }
        if head == order.len() {
            return best.into_iter().map(Ranked::hit).collect();
        }
        // many records checked and still undecided: scan every body once per term
        let mut hits: Vec<Ranked> = in_parallel(self.entries.len(), |range| {
            let in_body: Vec<Vec<InBody>> = terms
                .items
                .iter()
                .map(|t| self.body_hits(t, range.clone()))
                .collect();
            range
                .clone()
                .filter_map(|i| {
                    let in_body = |t: usize| in_body[t][i - range.start].is_some();
                    self.combine(terms, i, |t| (of(i)[t], in_body(t)))
                })
                .collect()
        });
        if hits.len() > limit {
            hits.select_nth_unstable(limit - 1);
            hits.truncate(limit);
        }
        hits.sort_unstable();
        hits.into_iter().map(Ranked::hit).collect()
    }

    /// The hits among records `range` (every term must match one of a record's fields),
    /// appended to `out` in record order.
    pub(super) fn match_range(
        &self,
        terms: &Terms,
        range: std::ops::Range<usize>,
        scorer: &mut Scorer,
        out: &mut Vec<Ranked>,
    ) {
        // Per term: where records of the range hold it in their body, by one scan of all the
        // bodies; not for a term going on from the last keystroke, whose memos mostly know,
        // so its few unknown bodies are searched one by one.
        let in_body: Vec<Option<Vec<InBody>>> = terms
            .items
            .iter()
            .enumerate()
            .map(|(k, t)| {
                let remembered = scorer.memos.as_ref().is_some_and(|m| m.continues(k));
                (!remembered).then(|| self.body_hits(t, range.clone()))
            })
            .collect();
        out.extend(range.clone().filter_map(|i| {
            self.match_one(terms, i, scorer, |t, from, head| match &in_body[t] {
                Some(scanned) => scanned[i - range.start],
                None => find_from(&terms.items[t], self.body(i), from, head),
            })
        }));
    }

    /// The hits among `records` (any subset, ascending), appended to `out` in record order:
    /// each body is searched on its own, which beats one scan of the whole buffer when the
    /// subset is small.
    pub(super) fn match_records(
        &self,
        terms: &Terms,
        records: &[usize],
        scorer: &mut Scorer,
        out: &mut Vec<Ranked>,
    ) {
        out.extend(records.iter().filter_map(|&i| {
            let body = self.body(i);
            self.match_one(terms, i, scorer, |t, from, head| {
                find_from(&terms.items[t], body, from, head)
            })
        }));
    }

    /// Scores record `i` against every term; `in_body(t, from, head)` is where term `t` first
    /// occurs in its body, from byte `from` on, and the body's eight bytes there (asked only
    /// when the scorer's memo does not already know, and from where the memo says the term can
    /// first be, with what it knows of the bytes there).
    pub(super) fn match_one(
        &self,
        terms: &Terms,
        i: usize,
        scorer: &mut Scorer,
        in_body: impl Fn(usize, usize, Option<u64>) -> InBody,
    ) -> Option<Ranked> {
        self.combine(terms, i, |t| {
            let known = scorer
                .memos
                .as_mut()
                .map_or_else(memo::Known::default, |m| m.visit(i, t));
            let fuzzy = match known.fuzzy {
                Some(fuzzy) => fuzzy,
                None => self.term_fuzzy(i, terms, t, scorer),
            };
            let (found, head) = match known.body {
                Found::Unknown => match in_body(t, known.body_from, known.head) {
                    Some((at, head)) => (Found::At(at), head),
                    None => (Found::Absent, 0),
                },
                found => (found, known.head.unwrap_or(0)),
            };
            if let Some(memos) = scorer.memos.as_mut() {
                memos.set_body(i, t, found, head);
                memos.set_fuzzy(i, t, fuzzy);
            }
            (fuzzy, found.is_found())
        })
    }
}
