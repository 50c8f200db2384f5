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

mod memo;
mod rank;
mod skim_score;
#[cfg(test)]
mod test_rng;

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use memchr::memmem;

use memo::{Found, Memos};
pub use rank::Ranked;
use skim_score::{Field, Matrix, Pattern, Unit};

use super::model::Adr;
use super::reference::parse_adr_number;

/// An exact number match (`7`, `0007`, `adr:7`) beats every fuzzy score.
const EXACT_NUMBER_SCORE: i64 = 100_000;
/// Score per query character of a body substring match: half of what skim gives a matched
/// title character, so a clean title match ranks above a record that only mentions the words.
const BODY_SCORE_PER_CHAR: i64 = 8;
/// Separates records in the body buffer, so a term never matches across two records.
const SEPARATOR: u8 = 0;
/// Ranking tiers, above every score (a hit scores `tier × TIER` plus what its terms scored):
/// records holding every term as typed (a substring of title, tags or body, or the exact
/// number) rank first; then records whose fuzzy matches are all of fair quality; last, those
/// with a scattered match, which are not shown at all when the first tier has hits.
const TIER: i64 = 1 << 24;
const TIER_HOLDS_EVERY_TERM: i64 = 2;
const TIER_FAIR_FUZZY: i64 = 1;
/// A fuzzy match scoring under this per query character scatters its letters. Skim gives a
/// character 16, more in a run or at a word start, and takes some off for each gap: "icinga"
/// over "Merge API PostgreSQL instance into main PostgreSQL instance" scores 12 a character,
/// "lunr" over "Use plain JUnit5 for testing" 12, a word typed whole about 20, an acronym of
/// word starts ("rad" for "Record architecture decisions") about 18.
const MIN_FUZZY_PER_CHAR: i64 = 15;

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

/// What the index keeps per record for fuzzy matching.
struct Entry {
    number: u32,
    /// For the matched positions of a drawn row.
    title: String,
    /// Which ASCII letters and digits occur in number, title and tags (see [`char_mask`]): a
    /// term holding any other letter cannot fuzzy-match, and is rejected without scoring.
    mask: u64,
    /// This record's fields in [`FuzzyFields::fields`]: the padded number, title, tags.
    fields: std::ops::Range<u32>,
}

/// One thread's state while scoring a query: skim's matrix, each distinct tag's score per
/// term once computed (`tag_scores[term * tags + tag]`), and the memos of the thread's records
/// when the query is one keystroke of many.
struct Scorer<'m> {
    matrix: Matrix,
    first: Vec<usize>,
    tags: usize,
    tag_scores: Vec<Option<Option<i64>>>,
    memos: Option<memo::Slice<'m>>,
    sort: rank::SortScratch,
}

impl<'m> Scorer<'m> {
    fn new(index: &SearchIndex, terms: &Terms, memos: Option<memo::Slice<'m>>) -> Scorer<'m> {
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
enum FieldKind {
    /// `0007`: what people type and what `adr list` shows.
    Number,
    Title,
    Tag,
}

/// One fuzzy field: where its text is, in the ASCII store or (any other text) the wide one.
#[derive(Debug, Clone, Copy)]
struct FieldRef {
    kind: FieldKind,
    wide: bool,
    start: u32,
    end: u32,
    /// For a tag: which distinct tag text it is (records share a small vocabulary of tags, so
    /// a query scores each distinct tag once; see [`Scorer`]).
    tag: u32,
}

/// Every record's number, title and tags, prepared once for [`skim_score::score`]: text,
/// folded text and bonuses in a few flat buffers (nothing to allocate or recompute per query).
#[derive(Default)]
struct FuzzyFields {
    fields: Vec<FieldRef>,
    ascii: Store<u8>,
    wide: Store<char>,
    /// Each distinct tag text, and its field (stored once).
    tags: std::collections::HashMap<String, FieldRef>,
}

/// Text, folded text and skim's bonuses of many fields, end to end.
struct Store<T> {
    text: Vec<T>,
    folded: Vec<T>,
    bonus: Vec<u8>,
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
    fn push(&mut self, text: impl Iterator<Item = T>) -> (u32, u32) {
        let start = self.text.len();
        self.text.extend(text);
        let added = &self.text[start..];
        self.folded.extend(added.iter().map(|c| c.fold()));
        skim_score::push_bonuses(added, &mut self.bonus);
        (offset(start), offset(self.text.len()))
    }

    fn field(&self, start: u32, end: u32) -> Field<'_, T> {
        let range = start as usize..end as usize;
        Field {
            text: &self.text[range.clone()],
            folded: &self.folded[range.clone()],
            bonus: &self.bonus[range],
        }
    }
}

/// Field offsets are u32 (4 GB of titles and tags is far beyond any ADR folder).
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl FuzzyFields {
    fn push_tag(&mut self, text: &str) {
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

    fn push(&mut self, kind: FieldKind, text: &str) {
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
    fn score(
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

/// Below this many records a query runs on one thread: spawning costs more than it saves.
const PARALLEL_FROM: usize = 2_000;

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
    pub fn new(records: &[Adr]) -> Self {
        let mut entries = Vec::with_capacity(records.len());
        let mut starts = Vec::with_capacity(records.len() + 1);
        let total: usize = records.iter().map(body_len).sum();
        let mut bodies = Vec::with_capacity(total + records.len());
        let mut fuzzy = FuzzyFields::default();
        let mut heads = Vec::new();
        let mut head_starts = Vec::with_capacity(records.len() + 1);
        for adr in records {
            head_starts.push(heads.len());
            push_lowercase(&mut heads, &adr.title);
            for tag in &adr.tags {
                heads.push(b'\n');
                push_lowercase(&mut heads, tag);
            }
            heads.push(SEPARATOR);
            let padded = format!("{:04}", adr.number);
            let mask = adr
                .tags
                .iter()
                .fold(char_mask(&adr.title) | char_mask(&padded), |m, t| {
                    m | char_mask(t)
                });
            let first = offset(fuzzy.fields.len());
            fuzzy.push(FieldKind::Number, &padded);
            fuzzy.push(FieldKind::Title, &adr.title);
            for tag in &adr.tags {
                fuzzy.push_tag(tag);
            }
            entries.push(Entry {
                number: adr.number,
                title: adr.title.clone(),
                mask,
                fields: first..offset(fuzzy.fields.len()),
            });
            starts.push(bodies.len());
            for_each_body_field(adr, |text| {
                push_lowercase(&mut bodies, text);
                bodies.push(b'\n');
            });
            bodies.push(SEPARATOR);
        }
        starts.push(bodies.len());
        head_starts.push(heads.len());
        let numbers_ascend = entries.windows(2).all(|w| w[0].number <= w[1].number);
        SearchIndex {
            numbers_ascend,
            entries,
            fuzzy,
            bodies,
            starts,
            heads,
            head_starts,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

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

    /// Every hit of `terms`, ranked, appended to `into`: over every record or only
    /// `candidates` (record indices, ascending). With `memos` (when the query is one
    /// keystroke of many), what they hold of earlier keystrokes is used and brought up to
    /// date; the hits, scores and order are the same either way. `runs` is each thread's room
    /// for its hits.
    fn filter_into(
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

    fn ranked(&self, query: &str, limit: Option<usize>) -> Vec<Hit> {
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
    fn best(&self, terms: &Terms, limit: usize) -> Vec<Hit> {
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

    /// Record `i`'s body text (lowercased), with its separator.
    fn body(&self, i: usize) -> &[u8] {
        &self.bodies[self.starts[i]..self.starts[i + 1]]
    }

    /// The hits among records `range` (every term must match one of a record's fields),
    /// appended to `out` in record order.
    fn match_range(
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
    fn match_records(
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
    fn match_one(
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

    /// The hit of record `i`, from what `each(t)` says of each term `t`: its fuzzy match, and
    /// whether it is in the body (in order; a term matching neither rejects the record, and
    /// later terms are not asked).
    fn combine(
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

    /// Whether record `i`'s title or one of its tags holds `term` as typed (case aside).
    fn head_holds(&self, i: usize, term: &Term) -> bool {
        term.finder
            .find(&self.heads[self.head_starts[i]..self.head_starts[i + 1]])
            .is_some()
    }

    /// What fuzzy matching finds for term `t` in number, title and tags of record `i`.
    fn term_fuzzy(&self, i: usize, terms: &Terms, t: usize, scorer: &mut Scorer) -> TermFuzzy {
        let mut matched = Matched::default();
        let score = self.fuzzy_score(i, terms, t, &mut matched, scorer);
        TermFuzzy {
            score,
            number: matched.number,
            title: matched.title,
            tags: matched.tags,
        }
    }

    /// Record `i` as a hit of the empty query.
    fn unranked(&self, i: usize) -> Ranked {
        Ranked::new(0, self.entries[i].number, i, Matched::default())
    }

    /// The best fuzzy score of term `t` over number, title and tags of record `i` (the title
    /// resumed from the scorer's memo, when it has one).
    fn fuzzy_score(
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

    /// For each record of `range`: where its body first holds the term (case-insensitive),
    /// and the body's eight bytes there (read while they are at hand; see [`head_at`]).
    fn body_hits(&self, term: &Term, range: std::ops::Range<usize>) -> Vec<InBody> {
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
fn find_from(term: &Term, body: &[u8], from: usize, head: Option<u64>) -> InBody {
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
type InBody = Option<(u32, u64)>;

/// The (up to) eight bytes of `body` from `at`, little-endian, zero past its end (no term holds
/// a zero byte: see [`push_lowercase`]).
fn head_at(body: &[u8], at: usize) -> u64 {
    let rest = body.get(at..).unwrap_or_default();
    let mut bytes = [0; 8];
    let n = rest.len().min(8);
    bytes[..n].copy_from_slice(&rest[..n]);
    u64::from_le_bytes(bytes)
}

/// Whether a fuzzy match of `score` for a query of `chars` characters only scatters the
/// query's letters (see [`MIN_FUZZY_PER_CHAR`]): the finder ranks such matches last, and drops
/// them when some entry holds the query as typed.
pub fn is_scattered(score: i64, chars: usize) -> bool {
    score < chars as i64 * MIN_FUZZY_PER_CHAR
}

/// Best first on (score, number, record); ties by number, then by record index so the order
/// never depends on the sort.
fn rank(a: (i64, u32, usize), b: (i64, u32, usize)) -> std::cmp::Ordering {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
}

/// What fuzzy matching found for one term in one record.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct TermFuzzy {
    score: Option<i64>,
    number: bool,
    title: bool,
    tags: bool,
}

/// The most a record can score given its fuzzy matches: every term also in its body.
fn upper_bound(terms: &Terms, fuzzy: &[TermFuzzy]) -> i64 {
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
fn shown(scores: impl ExactSizeIterator<Item = i64> + DoubleEndedIterator) -> usize {
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
fn check_budget(limit: usize) -> usize {
    limit.saturating_mul(10).saturating_add(500)
}

/// `work` over contiguous ranges of `0..n`, one per thread (one thread below
/// [`PARALLEL_FROM`]); the results concatenated in range order.
fn in_parallel<R: Send>(
    n: usize,
    work: impl Fn(std::ops::Range<usize>) -> Vec<R> + Sync,
) -> Vec<R> {
    run_jobs(ranges_for(n), work)
        .into_iter()
        // a worker only panics on a bug: its range then gives no results
        .flat_map(Option::unwrap_or_default)
        .collect()
}

/// Contiguous ranges of `0..n`, one per thread ([`threads_for`]).
fn ranges_for(n: usize) -> Vec<std::ops::Range<usize>> {
    let threads = threads_for(n);
    let chunk = n.div_ceil(threads).max(1);
    (0..threads)
        .map(|t| (t * chunk).min(n)..((t + 1) * chunk).min(n))
        .collect()
}

/// `work` on each job, in job order: all but the last on threads of their own, the last
/// here, on the calling thread (warm, and one spawn fewer). With several jobs, one whose work
/// panics (only ever a bug) gives None.
fn run_jobs<J: Send, R: Send>(mut jobs: Vec<J>, work: impl Fn(J) -> R + Sync) -> Vec<Option<R>> {
    let Some(last) = jobs.pop() else {
        return Vec::new();
    };
    if jobs.is_empty() {
        return vec![Some(work(last))];
    }
    std::thread::scope(|scope| {
        let workers: Vec<_> = jobs
            .into_iter()
            .map(|job| {
                let work = &work;
                scope.spawn(move || work(job))
            })
            .collect();
        let mine = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(last))).ok();
        let mut all: Vec<Option<R>> = workers.into_iter().map(|w| w.join().ok()).collect();
        all.push(mine);
        all
    })
}

/// Records a thread takes at a time in [`in_parallel_chunks`]: a few dozen chunks over 10,000
/// records, each a few dozen microseconds of work.
const CHUNK: usize = 256;

/// `work` over items `0..n` whose records (`record_of(k)`) ascend, on [`threads_for`] threads
/// (this one, and new ones) that take chunks of the items in turn. A new thread can take a few
/// hundred microseconds to be scheduled; meanwhile this one takes more chunks, so they all
/// finish together. With `memos`, each chunk comes with the memos of a contiguous range of
/// records holding its items' records. `work` runs once per thread, with the chunks it gets (ascending, so it
/// sees its items in record order) and its own run of `runs` to fill (cleared first).
fn in_parallel_chunks(
    n: usize,
    record_of: impl Fn(usize) -> usize,
    memos: Option<&mut Memos>,
    runs: &mut Vec<Vec<Ranked>>,
    work: impl Fn(&mut Chunks, &mut Vec<Ranked>) + Sync,
) {
    let threads = threads_for(n);
    let size = if threads == 1 { n.max(1) } else { CHUNK };
    let ranges: Vec<std::ops::Range<usize>> = (0..n.div_ceil(size))
        .map(|c| c * size..((c + 1) * size).min(n))
        .collect();
    let slices: Vec<Option<memo::Slice>> = match memos {
        Some(memos) => {
            // the memos of each chunk start at its first item's record
            let starts: Vec<usize> = ranges
                .iter()
                .skip(1)
                .map(|r| record_of(r.start).min(memos.records()))
                .collect();
            memos.split(&starts).into_iter().map(Some).collect()
        }
        None => ranges.iter().map(|_| None).collect(),
    };
    let chunks: Vec<Untaken> = ranges
        .into_iter()
        .zip(slices)
        .map(|chunk| std::sync::Mutex::new(Some(chunk)))
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    if runs.len() < threads {
        runs.resize_with(threads, Vec::new);
    }
    runs.truncate(threads);
    runs.iter_mut().for_each(Vec::clear);
    let jobs: Vec<&mut Vec<Ranked>> = runs.iter_mut().collect();
    let done = run_jobs(jobs, |run| {
        let mut mine = Chunks {
            next: &next,
            chunks: &chunks,
        };
        work(&mut mine, run)
    });
    // a worker only panics on a bug: its chunks then give no results
    for (run, done) in runs.iter_mut().zip(done) {
        if done.is_none() {
            run.clear();
        }
    }
}

/// The chunks of [`in_parallel_chunks`] one thread gets: each the next one no thread has taken.
struct Chunks<'a, 'm> {
    next: &'a std::sync::atomic::AtomicUsize,
    chunks: &'a [Untaken<'m>],
}

/// A chunk of items and its memos, until a thread takes it.
type Untaken<'m> = std::sync::Mutex<Option<(std::ops::Range<usize>, Option<memo::Slice<'m>>)>>;

impl<'m> Iterator for Chunks<'_, 'm> {
    type Item = (std::ops::Range<usize>, Option<memo::Slice<'m>>);

    fn next(&mut self) -> Option<Self::Item> {
        let k = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // each chunk is taken once, so its lock is never contended
        self.chunks.get(k)?.lock().ok()?.take()
    }
}

/// How many threads a job of `n` records takes.
fn threads_for(n: usize) -> usize {
    if n >= PARALLEL_FROM {
        std::thread::available_parallelism().map_or(1, |p| p.get().min(4))
    } else {
        1
    }
}

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
    query: String,
    ranked: Vec<Ranked>,
    /// Each thread's hits before they are merged, and the records the next keystroke checks
    /// when the query narrows: kept, so that a keystroke takes no fresh memory for them.
    runs: Vec<Vec<Ranked>>,
    candidates: Vec<usize>,
    is_candidate: Vec<bool>,
    memos: Memos,
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

/// A query split into whitespace-separated terms.
struct Terms {
    items: Vec<Term>,
}

struct Term {
    /// As typed, for fuzzy matching (the matcher ignores case itself).
    text: String,
    /// Lowercased like the body buffer, for substring search.
    lower: String,
    /// The substring finder of `lower`, made once per query (not per chunk of records).
    finder: memmem::Finder<'static>,
    /// Its first eight lowercased bytes as [`head_at`] reads them, and the mask of those it has.
    head: u64,
    head_mask: u64,
    chars: usize,
    /// The ADR number the term names exactly (`7`, `0007`, `adr:7`, `ADR-0007`).
    number: Option<u32>,
    digits: bool,
    /// ASCII letters and digits the term holds (see [`char_mask`]).
    mask: u64,
    /// As typed and folded, for scoring ASCII fields (None when the term is not ASCII).
    ascii: Option<(Vec<u8>, Vec<u8>)>,
    /// As typed and folded, for scoring the other fields.
    wide: Vec<char>,
    wide_folded: Vec<char>,
}

impl Term {
    /// What a body match of this term scores.
    fn body_score(&self) -> i64 {
        self.chars as i64 * BODY_SCORE_PER_CHAR
    }
}

impl Terms {
    fn parse(query: &str) -> Terms {
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
fn char_mask(text: &str) -> u64 {
    text.bytes().fold(0, |m, b| match b {
        b'a'..=b'z' => m | 1 << (b - b'a'),
        b'A'..=b'Z' => m | 1 << (b - b'A'),
        b'0'..=b'9' => m | 1 << (26 + b - b'0'),
        _ => m,
    })
}

/// The text fields searched as bodies: everything but number, title and tags.
fn for_each_body_field(adr: &Adr, mut f: impl FnMut(&str)) {
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

fn body_len(adr: &Adr) -> usize {
    let mut n = 0;
    for_each_body_field(adr, |t| n += t.len() + 1);
    n + 1
}

/// Appends `text` lowercased. ASCII takes the fast path; other characters use Unicode
/// lowercasing, per character, the same way for bodies and queries so they always agree.
fn push_lowercase(out: &mut Vec<u8>, text: &str) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::model::{AdrOption, AdrSource, AdrStatus, Origin};

    fn adr(number: u32, title: &str, tags: &[&str], context: &str) -> Adr {
        Adr {
            number,
            title: title.into(),
            status: AdrStatus::Accepted,
            status_text: None,
            date: None,
            deciders: vec![],
            tags: tags.iter().map(|t| t.to_string()).collect(),
            supersedes: vec![],
            superseded_by: vec![],
            links: vec![],
            link_verbs: vec![],
            quality_attributes: vec![],
            context: context.into(),
            drivers: String::new(),
            decision: String::new(),
            consequences: String::new(),
            options: vec![],
            extra_sections: vec![],
            slug: None,
            source: AdrSource::Toml,
            origin: Origin::default(),
        }
    }

    fn sample() -> Vec<Adr> {
        let mut with_option = adr(4, "Adopt a message queue", &["messaging"], "");
        with_option.options.push(AdrOption {
            name: "RabbitMQ".into(),
            cons: vec!["Another cluster to run".into()],
            ..AdrOption::default()
        });
        vec![
            adr(
                1,
                "Record architecture decisions",
                &["process"],
                "We need to record the ÉTAT of things.",
            ),
            adr(
                2,
                "Serverless presentation layer",
                &["serving", "aws"],
                "Kubernetes costs too much for the web tier.",
            ),
            adr(3, "Use Kubernetes for batch jobs", &["compute"], ""),
            with_option,
            adr(
                12,
                "Well-Architected reviews every quarter",
                &[],
                "Serverless first.",
            ),
        ]
    }

    fn numbers(hits: &[Hit]) -> Vec<u32> {
        hits.iter().map(|h| h.number).collect()
    }

    fn hits(ranked: &[Ranked]) -> Vec<Hit> {
        ranked.iter().map(|r| r.hit()).collect()
    }

    #[test]
    fn title_match_ranks_above_body_only_match() {
        let records = sample();
        let index = SearchIndex::new(&records);
        let hits = index.search("kubernetes", 10);
        assert_eq!(numbers(&hits), vec![3, 2]);
        assert!(hits[0].matched.title && hits[0].matched.title_all && !hits[0].matched.body);
        assert!(hits[1].matched.body && !hits[1].matched.title);
        assert!(hits[1].title_positions.is_empty());
        assert_eq!(hits[0].title_positions, (4..14).collect::<Vec<_>>());
    }

    #[test]
    fn fuzzy_title_positions_are_character_indices() {
        let records = vec![adr(9, "標題 Serverless", &[], "")];
        let index = SearchIndex::new(&records);
        let hits = index.search("svl", 5);
        assert_eq!(hits.len(), 1);
        // "標題 " is three characters (six bytes of CJK), so the S is character 3
        assert_eq!(hits[0].title_positions[0], 3);
        assert_eq!(index.title_positions(0, "svl"), hits[0].title_positions);
    }

    #[test]
    fn exact_number_wins_in_every_spelling() {
        let records = sample();
        let index = SearchIndex::new(&records);
        for q in ["12", "0012", "adr:12", "ADR-0012"] {
            let hits = index.search(q, 10);
            assert_eq!(hits[0].number, 12, "query {q}");
            assert!(hits[0].matched.number);
        }
    }

    #[test]
    fn tags_and_options_are_searched() {
        let records = sample();
        let index = SearchIndex::new(&records);
        let hits = index.search("aws", 10);
        assert_eq!(hits[0].number, 2);
        assert!(hits[0].matched.tags);
        let hits = index.search("another cluster", 10);
        assert_eq!(numbers(&hits), vec![4]);
        assert!(hits[0].matched.body);
    }

    #[test]
    fn every_term_must_match_somewhere_in_any_order() {
        let records = sample();
        let index = SearchIndex::new(&records);
        // "serverless" in the title of 2 and the body of 12; "tier" in the body of 2 (and,
        // scattered, in the title of 12: record 2 holds both words, so 12 is not shown)
        assert_eq!(numbers(&index.search("tier serverless", 10)), vec![2]);
        let hits = index.search("tier kubernetes", 10);
        assert_eq!(numbers(&hits), vec![2]);
        assert!(hits[0].matched.body && !hits[0].matched.title_all);
        assert_eq!(
            numbers(&index.search("serverless", 10)),
            vec![2, 12],
            "title match first"
        );
        assert!(index.search("serverless zzzz", 10).is_empty());
    }

    #[test]
    fn body_search_ignores_case_beyond_ascii() {
        let records = sample();
        let index = SearchIndex::new(&records);
        assert_eq!(numbers(&index.search("état", 10)), vec![1]);
        assert_eq!(numbers(&index.search("ÉTAT", 10)), vec![1]);
    }

    #[test]
    fn a_term_never_matches_across_two_records() {
        // record 1's body ends with "things." and record 2's starts with "Kubernetes"
        let records = sample();
        let index = SearchIndex::new(&records);
        assert!(index.search("things.kubernetes", 10).is_empty());
        assert!(index.search("things.\nkubernetes", 10).is_empty());
    }

    #[test]
    fn limit_keeps_the_best_and_empty_query_keeps_all() {
        let records = sample();
        let index = SearchIndex::new(&records);
        let all = index.filter("e");
        let top = index.search("e", 2);
        assert_eq!(top.len(), 2);
        assert_eq!(numbers(&top), numbers(&all[..2]));
        assert!(index.search("e", 0).is_empty());
        assert_eq!(numbers(&index.filter("  ")), vec![1, 2, 3, 4, 12]);
        assert!(index.filter("kubernetes")[0].title_positions.is_empty());
    }

    #[test]
    fn parallel_ranges_give_the_single_thread_result() {
        let records: Vec<Adr> = (1..=(PARALLEL_FROM as u32 + 777))
            .map(|n| {
                let title = format!(
                    "Decision {n} about {}",
                    ["kafka", "billing", "rust"][n as usize % 3]
                );
                let body = if n % 7 == 0 {
                    "mentions KAFKA here"
                } else {
                    "nothing"
                };
                adr(n, &title, &["tag"], body)
            })
            .collect();
        let index = SearchIndex::new(&records);
        for q in ["kafka", "billing 12", "here", "dcsn", "tag"] {
            let terms = Terms::parse(q);
            let mut scorer = Scorer::new(&index, &terms, None);
            let mut single = Vec::new();
            index.match_range(&terms, 0..records.len(), &mut scorer, &mut single);
            single.sort_unstable();
            single.truncate(shown(single.iter().map(|r| r.score())));
            assert_eq!(index.filter(q), hits(&single), "query {q}");
            assert!(!single.is_empty(), "query {q}");
        }
        // body hits at the edges of the thread ranges are found
        let hits = index.filter("here");
        assert_eq!(hits.len(), records.len() / 7);
    }

    #[test]
    fn the_prefilter_never_rejects_what_skim_accepts() {
        let titles = ["Use gRPC-web", "a-b_c", "Ünïcode Title", "x", "Kubernetes"];
        let records: Vec<Adr> = titles
            .iter()
            .enumerate()
            .map(|(i, t)| adr(i as u32 + 1, t, &[], ""))
            .collect();
        let index = SearchIndex::new(&records);
        let matcher = SkimMatcherV2::default().ignore_case();
        for q in [
            "grpcw", "-web", "a_c", "ab", "ünï", "UNI", "X", "kbs", "K8s", "zz",
        ] {
            for (i, t) in titles.iter().enumerate() {
                let expected = matcher.fuzzy_match(t, q).is_some();
                let got = index.filter(q).iter().any(|h| h.record == i);
                assert_eq!(got, expected, "title {t:?} query {q:?}");
            }
        }
    }

    /// Records with varied titles, tags and bodies (some ASCII, some not), numbers 1..=n.
    fn varied(n: u32) -> Vec<Adr> {
        let words = [
            "serve",
            "Service",
            "cache",
            "Kafka",
            "rust",
            "ünïcode",
            "grpc-web",
            "billing",
            "edge",
            "SERVER",
            "queue",
            "adr",
            "12",
            "x",
        ];
        (1..=n)
            .map(|i| {
                let w = |k: u32| words[((i * 7 + k * 13) as usize) % words.len()];
                let title = format!("{} {} {}", w(0), w(1), w(2));
                let body = format!("context {} and {} {}", w(3), w(4), i % 11);
                adr(i, &title, &[w(5), w(6)], &body)
            })
            .collect()
    }

    #[test]
    fn incremental_filter_equals_a_fresh_filter_on_every_keystroke() {
        // over PARALLEL_FROM so the threaded paths of both run too
        let records = varied(PARALLEL_FROM as u32 + 321);
        let index = SearchIndex::new(&records);
        let typed = [
            "service",
            "ser ver",
            "serv cache",
            "adr:12",
            "adr:1 ",
            "12",
            "0012",
            "ünïc",
            "UNIC",
            "grpc-web",
            "k8s",
            "edge que",
            "context 1",
            "x x",
            "billing rust 7",
            "zzz",
            "cache  serve",
        ];
        let mut inc = IncrementalFilter::new();
        let mut narrowed = 0;
        for text in typed {
            // type it character by character, then erase it again
            let prefixes: Vec<&str> = text
                .char_indices()
                .map(|(i, c)| &text[..i + c.len_utf8()])
                .collect();
            for q in prefixes.iter().chain(prefixes.iter().rev()) {
                let before = inc.ranked.len();
                let got = hits(inc.filter(&index, q));
                assert_eq!(got, index.filter(q), "query {q:?}");
                narrowed += usize::from(got.len() < before);
            }
        }
        assert!(narrowed > 0, "the narrowing path was never taken");
    }

    #[test]
    fn incremental_filter_equals_a_fresh_filter_under_random_typing_and_erasing() {
        // memos must hold whatever is typed, erased and typed differently, in any term
        let records = varied(PARALLEL_FROM as u32 + 321);
        let index = SearchIndex::new(&records);
        let alphabet: Vec<char> = "sevrcaku ü1:2x".chars().collect();
        let mut rng = test_rng::Rng(0x9E37_79B9_7F4A_7C15);
        let mut inc = IncrementalFilter::new();
        let mut query = String::new();
        let (mut typed, mut erased) = (0, 0);
        for _ in 0..400 {
            if rng.below(3) == 0 && !query.is_empty() {
                for _ in 0..=rng.below(3) {
                    query.pop();
                }
                erased += 1;
            } else {
                query.push(alphabet[rng.below(alphabet.len())]);
                typed += 1;
            }
            let got = hits(inc.filter(&index, &query));
            assert_eq!(got, index.filter(&query), "query {query:?}");
        }
        assert!(typed > 200 && erased > 80, "typed {typed}, erased {erased}");
    }

    /// The ranking of a fresh skim matcher per field and a plain substring test per body,
    /// computed the slow, obvious way: what the index must reproduce.
    fn reference_ranking(records: &[Adr], query: &str) -> Vec<(usize, i64)> {
        let skim = |text: &str, term: &str| {
            SkimMatcherV2::default()
                .ignore_case()
                .fuzzy_match(text, term)
        };
        let mut hits: Vec<(usize, i64, u32)> = Vec::new();
        'records: for (i, adr) in records.iter().enumerate() {
            let mut body = Vec::new();
            for_each_body_field(adr, |t| {
                push_lowercase(&mut body, t);
                body.push(b'\n');
            });
            let mut head = Vec::new();
            push_lowercase(&mut head, &adr.title);
            for tag in &adr.tags {
                head.push(b'\n');
                push_lowercase(&mut head, tag);
            }
            let mut score = 0;
            let (mut holds_all, mut scattered) = (true, false);
            for term in query.split_whitespace() {
                let fuzzy = if parse_adr_number(term) == Some(adr.number) {
                    Some(EXACT_NUMBER_SCORE)
                } else {
                    let number = term
                        .bytes()
                        .all(|b| b.is_ascii_digit())
                        .then(|| skim(&format!("{:04}", adr.number), term));
                    std::iter::once(skim(&adr.title, term))
                        .chain(number)
                        .chain(adr.tags.iter().map(|t| skim(t, term)))
                        .flatten()
                        .max()
                };
                let mut lower = Vec::new();
                push_lowercase(&mut lower, term);
                let in_body = memmem::find(&body, &lower).is_some();
                let body_score = term.chars().count() as i64 * BODY_SCORE_PER_CHAR;
                score += match (fuzzy, in_body) {
                    (Some(f), true) => f + body_score / 2,
                    (Some(f), false) => {
                        if f != EXACT_NUMBER_SCORE && memmem::find(&head, &lower).is_none() {
                            holds_all = false;
                            scattered |= f < term.chars().count() as i64 * MIN_FUZZY_PER_CHAR;
                        }
                        f
                    }
                    (None, true) => body_score,
                    (None, false) => continue 'records,
                };
            }
            let tier = match (holds_all, scattered) {
                (true, _) => 2,
                (false, true) => 0,
                (false, false) => 1,
            };
            hits.push((i, tier * TIER + score, adr.number));
        }
        hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)).then(a.0.cmp(&b.0)));
        // scattered matches are not shown when some record holds every term
        if hits.first().is_some_and(|h| h.1 >= 2 * TIER) {
            hits.retain(|h| h.1 >= TIER);
        }
        hits.into_iter().map(|(i, s, _)| (i, s)).collect()
    }

    #[test]
    fn ranking_is_fresh_skim_scores_plus_body_matches() {
        let mut records = varied(400);
        records.extend(sample().into_iter().map(|mut a| {
            a.number += 1000;
            a
        }));
        records.push(adr(
            2000,
            "Ünïcode Ärger mit SERVICE-Namen",
            &["ßtraße"],
            "ÉTAT",
        ));
        let index = SearchIndex::new(&records);
        for q in [
            "serv",
            "ser ver",
            "cache rust",
            "ünï",
            "UNIC",
            "12",
            "0012",
            "adr:7",
            "grpc-web",
            "k8s",
            "edge que",
            "context 4",
            "x x",
            "SeRvIcE",
            "état",
            "ärger",
            "ss",
            "eee",
            "zzz",
        ] {
            let got: Vec<(usize, i64)> = index
                .filter(q)
                .iter()
                .map(|h| (h.record, h.score))
                .collect();
            assert_eq!(got, reference_ranking(&records, q), "query {q:?}");
        }
    }

    #[test]
    fn the_best_few_are_the_head_of_the_full_ranking() {
        // over PARALLEL_FROM and check_budget: both the early stop and the full scan run
        let records = varied(PARALLEL_FROM as u32 + 321);
        let index = SearchIndex::new(&records);
        for q in [
            "serv",
            "cache rust",
            "context 4",
            "context",
            "ünï",
            "adr:12",
            "12",
            "x x",
            "zzz",
            "kafka 7",
            "edge que",
        ] {
            let all = index.filter(q);
            for limit in [1, 3, 20, 100, 300, all.len(), all.len() + 5] {
                let best: Vec<Hit> = index
                    .search(q, limit)
                    .into_iter()
                    .map(|h| Hit {
                        title_positions: Vec::new(),
                        ..h
                    })
                    .collect();
                let head = &all[..limit.min(all.len())];
                assert_eq!(best, head, "query {q:?}, limit {limit}");
            }
        }
    }

    #[test]
    fn a_number_term_filters_afresh() {
        // record 12 matches `adr:12` by number but not `adr:1`: narrowing would lose it
        let records: Vec<Adr> = (1..=12).map(|n| adr(n, "Title", &[], "")).collect();
        let index = SearchIndex::new(&records);
        let mut inc = IncrementalFilter::new();
        assert_eq!(numbers(&hits(inc.filter(&index, "adr:1"))), vec![1]);
        assert_eq!(numbers(&hits(inc.filter(&index, "adr:12"))), vec![12]);
    }

    #[test]
    fn empty_index() {
        let index = SearchIndex::new(&[]);
        assert!(index.is_empty());
        assert!(index.search("x", 5).is_empty());
        assert!(index.title_positions(3, "x").is_empty());
    }
}
