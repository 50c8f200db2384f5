//! Hits as the filter ranks them: each packed into one integer whose order is the ranking, so
//! that ranking 10,000 hits sorts 16-byte integers (compared in one instruction) and moves
//! nothing else, and a thread's ranked hits merge with another's by comparing integers.

use super::{Hit, Matched};

/// A hit packed so that ascending order is best first: by score (higher first), then number,
/// then record index (so the order never depends on the sort).
///
/// Bits, high to low: 48 of score (its distance below [`SCORE_MAX`]), 32 of number, 32 of
/// record index, and the five [`Matched`] flags, which never decide the order (the record
/// index before them is unique).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ranked(u128);

/// Scores are kept within 48 bits. A term scores at most a few dozen per character, so only a
/// query of trillions of characters could reach this.
const SCORE_MAX: i64 = (1 << 47) - 1;

impl Ranked {
    pub(super) fn new(score: i64, number: u32, record: usize, matched: Matched) -> Ranked {
        let below_max = (SCORE_MAX - score.clamp(-SCORE_MAX - 1, SCORE_MAX)) as u128;
        // an index of over 4 billion records does not fit in memory
        let record = u32::try_from(record).unwrap_or(u32::MAX);
        let flags = [
            matched.number,
            matched.title,
            matched.title_all,
            matched.tags,
            matched.body,
        ]
        .iter()
        .enumerate()
        .fold(0u128, |bits, (k, &on)| bits | u128::from(on) << k);
        Ranked(below_max << 80 | u128::from(number) << 48 | u128::from(record) << 16 | flags)
    }

    /// Index into the records the index was built from.
    pub fn record(self) -> usize {
        (self.0 >> 16) as u32 as usize
    }

    pub fn number(self) -> u32 {
        (self.0 >> 48) as u32
    }

    pub fn score(self) -> i64 {
        SCORE_MAX - ((self.0 >> 80) as u64 as i64)
    }

    pub fn matched(self) -> Matched {
        let flag = |k: u32| self.0 >> k & 1 == 1;
        Matched {
            number: flag(0),
            title: flag(1),
            title_all: flag(2),
            tags: flag(3),
            body: flag(4),
        }
    }

    /// The hit unpacked (without title positions).
    pub fn hit(self) -> Hit {
        Hit {
            record: self.record(),
            number: self.number(),
            score: self.score(),
            title_positions: Vec::new(),
            matched: self.matched(),
        }
    }
}

/// Ranks `run`. When `by_record` (its hits were found in ascending record order, and records
/// ascend by number too, as ADR folders list them), the ties left by the score are already
/// in order, so a stable counting sort on the score alone ranks it: two passes over the hits
/// rather than a comparison sort (scores span a few hundred values, over thousands of hits).
pub(super) fn sort_run(run: &mut [Ranked], by_record: bool, scratch: &mut SortScratch) {
    let score = |r: &Ranked| (r.0 >> 80) as usize;
    let span = match (run.iter().map(score).min(), run.iter().map(score).max()) {
        (Some(lo), Some(hi)) => Some((lo, hi - lo + 1)),
        _ => None,
    };
    let Some((lo, span)) = span.filter(|&(_, span)| by_record && span <= run.len().max(64)) else {
        run.sort_unstable();
        return;
    };
    let SortScratch { counts, hits } = scratch;
    counts.clear();
    counts.resize(span + 1, 0);
    for r in run.iter() {
        counts[score(r) - lo + 1] += 1;
    }
    for k in 1..counts.len() {
        counts[k] += counts[k - 1];
    }
    // counts[s - lo] is now where the hits of score s start
    hits.clear();
    hits.extend_from_slice(run);
    for &r in hits.iter() {
        let at = &mut counts[score(&r) - lo];
        run[*at as usize] = r;
        *at += 1;
    }
}

/// Room [`sort_run`] works in (kept by a thread for all its runs).
#[derive(Default)]
pub(super) struct SortScratch {
    counts: Vec<u32>,
    hits: Vec<Ranked>,
}

/// `runs`, each ranked, merged into one ranking appended to `merged`.
pub(super) fn merge<R: AsRef<[Ranked]>>(runs: &[R], merged: &mut Vec<Ranked>) {
    let runs: Vec<&[Ranked]> = runs
        .iter()
        .map(AsRef::as_ref)
        .filter(|r| !r.is_empty())
        .collect();
    merged.reserve(runs.iter().map(|r| r.len()).sum());
    match runs.as_slice() {
        [] => {}
        [one] => merged.extend_from_slice(one),
        [a, b] => merge_two(a, b, merged),
        _ => {
            // more than two threads: merged pairwise (rare; at most four runs)
            let mut acc = runs[0].to_vec();
            for run in &runs[1..] {
                let mut next = Vec::with_capacity(acc.len() + run.len());
                merge_two(&acc, run, &mut next);
                acc = next;
            }
            merged.extend_from_slice(&acc);
        }
    }
}

fn merge_two(a: &[Ranked], b: &[Ranked], out: &mut Vec<Ranked>) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] <= b[j] {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::search::test_rng::Rng;

    fn matched(bits: u8) -> Matched {
        Matched {
            number: bits & 1 != 0,
            title: bits & 2 != 0,
            title_all: bits & 4 != 0,
            tags: bits & 8 != 0,
            body: bits & 16 != 0,
        }
    }

    #[test]
    fn a_hit_survives_packing() {
        for (score, number, record, bits) in [
            (0, 0, 0, 0),
            (-3, 7, 12, 31),
            (100_000, u32::MAX, 4_000_000_000, 5),
            (i64::MIN, 1, 1, 2),
            (i64::MAX, 1, 1, 16),
        ] {
            let r = Ranked::new(score, number, record, matched(bits));
            assert_eq!(r.score(), score.clamp(-SCORE_MAX - 1, SCORE_MAX));
            assert_eq!((r.number(), r.record()), (number, record));
            assert_eq!(r.matched(), matched(bits));
        }
    }

    #[test]
    fn order_is_score_then_number_then_record_and_never_the_flags() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let mut next = |n: usize| rng.below(n);
        let mut hits: Vec<(i64, u32, usize, u8)> = (0..2_000)
            .map(|_| {
                let score = next(400) as i64 - 200;
                (score, next(50) as u32, next(1_000), next(32) as u8)
            })
            .collect();
        hits.sort_by_key(|h| h.2);
        hits.dedup_by_key(|h| h.2);
        let mut packed: Vec<Ranked> = hits
            .iter()
            .map(|&(s, n, r, m)| Ranked::new(s, n, r, matched(m)))
            .collect();
        packed.sort();
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let unpacked: Vec<(i64, u32, usize, u8)> = packed
            .iter()
            .zip(&hits)
            .map(|(p, h)| (p.score(), p.number(), p.record(), h.3))
            .collect();
        assert_eq!(unpacked, hits);
    }

    #[test]
    fn a_run_sorts_as_a_comparison_sort_would() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut next = |n: usize| rng.below(n);
        let mut scratch = SortScratch::default();
        for (len, spread) in [(0, 1), (1, 1), (50, 3), (3_000, 300), (3_000, 1_000_000)] {
            for numbers_ascend in [true, false] {
                // found in record order; numbers ascend with records or are shuffled
                let run: Vec<Ranked> = (0..len)
                    .map(|record| {
                        let number = if numbers_ascend {
                            record as u32 / 2
                        } else {
                            next(1_000) as u32
                        };
                        let score = next(spread) as i64 - 100;
                        Ranked::new(score, number, record, matched(next(32) as u8))
                    })
                    .collect();
                let mut expected = run.clone();
                expected.sort_unstable();
                let mut got = run.clone();
                sort_run(&mut got, numbers_ascend, &mut scratch);
                assert_eq!(got, expected, "{len} hits, spread {spread}");
            }
        }
    }

    #[test]
    fn runs_merge_into_one_ranking() {
        let ranked = |v: &[u64]| -> Vec<Ranked> {
            let mut r: Vec<Ranked> = v
                .iter()
                .map(|&k| Ranked::new(k as i64 % 7, 0, k as usize, Matched::default()))
                .collect();
            r.sort();
            r
        };
        for parts in [1, 2, 3, 4] {
            let runs: Vec<Vec<Ranked>> = (0..parts)
                .map(|p| ranked(&(0..50u64).filter(|k| k % parts == p).collect::<Vec<_>>()))
                .collect();
            let mut merged = vec![Ranked::default()];
            merge(&runs, &mut merged);
            assert_eq!(merged[0], Ranked::default(), "appended, not replaced");
            assert_eq!(merged[1..], ranked(&(0..50).collect::<Vec<_>>())[..]);
        }
    }
}
