//! Skim's fuzzy score (fuzzy-matcher 0.3.7's `SkimMatcherV2`, ignoring case, score only),
//! reimplemented so that a keystroke over 10,000 records costs a fraction of calling skim:
//! each field's lowercase text and per-character bonuses are computed once, when the index is
//! built, and the score matrix is kept sparse.
//!
//! Skim fills a matrix of one row per pattern character and one column per field character.
//! Most cells only carry a decaying gap score along from the last match, so here a row is its
//! start column plus one entry per column where its character matches (see [`Matrix`]): the
//! work is proportional to the matches, not to the field's length times the pattern's.
//!
//! The recurrence and constants are skim's, so the scores are skim's. One difference: skim
//! keeps its two-row matrix between calls and a few cells are read before being written (only
//! for patterns repeating their first letter, like `ssl` in `xsxsl`), so its score can depend on
//! the previous call; here those cells start as skim's fresh matrix has them (the score of a
//! newly built matcher), which makes a query's ranking reproducible. The tests compare with a
//! newly built skim matcher on hundreds of thousands of random strings.

/// Skim's scoring constants (`SkimScoreConfig::default()`).
const SCORE_MATCH: i32 = 16;
const CASE_MISMATCH_PENALTY: i32 = -2;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const BONUS_CONSECUTIVE: i32 = 4;
const BONUS_HEAD: u8 = 8;
const BONUS_BREAK: u8 = 7;
const BONUS_CAMEL: u8 = 6;
const FIRST_CHAR_MULTIPLIER: u8 = 2;
/// Skim's "no alignment" score.
const NEG_INFINITY: i32 = i16::MIN as i32;

/// A character of a field or pattern: a byte of ASCII text, or a `char` otherwise.
pub trait Unit: Copy + Eq {
    /// What skim compares when ignoring case: ASCII letters folded, everything else as is.
    fn fold(self) -> Self;
    fn kind(self) -> CharKind;
    /// Bit j set where `chunk[j] == needle` (a chunk holds at most 64 characters).
    fn mask(chunk: &[Self], needle: Self) -> u64 {
        chunk
            .iter()
            .enumerate()
            .fold(0, |m, (j, &c)| m | u64::from(c == needle) << j)
    }
}

impl Unit for u8 {
    fn fold(self) -> u8 {
        self.to_ascii_lowercase()
    }
    fn kind(self) -> CharKind {
        CharKind::of(u32::from(self))
    }
    /// Eight bytes at a time: a byte of `word ^ needles` is zero exactly where it matched.
    fn mask(chunk: &[u8], needle: u8) -> u64 {
        const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
        let needles = u64::from(needle) * 0x0101_0101_0101_0101;
        let mut mask = 0;
        let mut words = chunk.chunks_exact(8);
        for (k, word) in words.by_ref().enumerate() {
            let mut bytes = [0; 8];
            bytes.copy_from_slice(word);
            let x = u64::from_le_bytes(bytes) ^ needles;
            // 0x80 in each zero byte of x, and nothing else (no carries between bytes)
            let zero = !(((x & LOW7) + LOW7) | x | LOW7);
            // gather the eight 0x80 bits into the top byte, then down to bits 0..8
            let bits = ((zero >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56;
            mask |= bits << (8 * k);
        }
        let done = chunk.len() - words.remainder().len();
        for (j, &c) in words.remainder().iter().enumerate() {
            mask |= u64::from(c == needle) << (done + j);
        }
        mask
    }
}

impl Unit for char {
    fn fold(self) -> char {
        self.to_ascii_lowercase()
    }
    fn kind(self) -> CharKind {
        CharKind::of(u32::from(self))
    }
}

/// Skim's character classes, which decide the bonus for matching at a word start.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CharKind {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

impl CharKind {
    fn of(c: u32) -> CharKind {
        match char::from_u32(c).unwrap_or('\u{fffd}') {
            '\0' => CharKind::Empty,
            ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => CharKind::HardSep,
            '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => CharKind::SoftSep,
            '0'..='9' => CharKind::Number,
            'A'..='Z' => CharKind::Upper,
            _ => CharKind::Lower,
        }
    }
}

/// Appends skim's in-place bonus for each character of `text` (the first one doubled).
pub fn push_bonuses<T: Unit>(text: &[T], out: &mut Vec<u8>) {
    let mut prev = CharKind::Empty;
    for (j, &c) in text.iter().enumerate() {
        let cur = c.kind();
        let bonus = match (prev, cur) {
            (CharKind::Empty | CharKind::HardSep, _) => BONUS_HEAD,
            (CharKind::SoftSep, _) => BONUS_BREAK,
            (CharKind::Lower | CharKind::Number, CharKind::Upper) => BONUS_CAMEL,
            _ => 0,
        };
        out.push(if j == 0 {
            bonus * FIRST_CHAR_MULTIPLIER
        } else {
            bonus
        });
        prev = cur;
    }
}

/// A field prepared for scoring: its text, folded (see [`Unit::fold`]), and its bonuses
/// (see [`push_bonuses`]), all of the same length.
#[derive(Clone, Copy)]
pub struct Field<'a, T> {
    pub text: &'a [T],
    pub folded: &'a [T],
    pub bonus: &'a [u8],
}

/// A pattern: as typed, and folded.
#[derive(Clone, Copy)]
pub struct Pattern<'a, T> {
    pub text: &'a [T],
    pub folded: &'a [T],
}

/// Skim's score matrix of a field for (the first characters of) a pattern, kept sparse: per
/// pattern character (a row), its first possible column and one [`Event`] per column where it
/// matches; every other cell follows from those (see [`Rows`]).
///
/// It can be kept between calls: [`score`] only computes the rows the pattern has beyond the
/// ones already here, so a pattern typed one character further costs one row, and one typed
/// back ([`Matrix::truncate`]) costs none.
///
/// Rows and events share one allocation (row headers first, then the events), so a kept
/// matrix is one stretch of memory: of 10,000 records' matrices, a keystroke reads each with
/// one cache miss rather than two.
#[derive(Default, Debug)]
pub struct Matrix {
    /// `cells[..room]` holds the rows (as [`Row::cell`]), `cells[room..]` the events.
    cells: Vec<Event>,
    rows: usize,
    room: usize,
}

/// An unused cell.
const EMPTY: Event = Event {
    col: 0,
    m: 0,
    envelope: 0,
};

impl Matrix {
    /// How many pattern characters the matrix holds rows for.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// Keeps the rows of the first `rows` pattern characters.
    pub fn truncate(&mut self, rows: usize) {
        if rows < self.rows {
            let events = self.row(rows).events;
            self.cells.truncate(self.room + events);
            self.rows = rows;
        }
    }

    pub fn clear(&mut self) {
        self.cells.truncate(self.room);
        self.rows = 0;
    }

    /// A matrix with room for `rows` rows and `events` events, its memory already written
    /// once (so that filling it later takes no page faults).
    pub fn with_capacity(rows: usize, events: usize) -> Matrix {
        let mut cells = vec![EMPTY; rows + events];
        cells.truncate(rows);
        Matrix {
            cells,
            rows: 0,
            room: rows,
        }
    }

    fn row(&self, i: usize) -> Row {
        Row::of_cell(self.cells[i])
    }

    fn events(&self) -> &[Event] {
        &self.cells[self.room..]
    }

    fn push_row(&mut self, row: Row) {
        if self.rows == self.room {
            // more room for rows: the events move up (their indices are relative, so hold)
            let more = self.room.max(4);
            let at = self.room;
            self.cells.splice(at..at, std::iter::repeat_n(EMPTY, more));
            self.room += more;
        }
        self.cells[self.rows] = row.cell();
        self.rows += 1;
    }

    fn push_event(&mut self, event: Event) {
        self.cells.push(event);
    }
}

/// One row of the matrix: pattern character `i`, whose cells are written from column `start`
/// (its first match in the field) on.
#[derive(Clone, Copy, Debug)]
struct Row {
    start: usize,
    /// Index of the row's first event among the matrix's events.
    events: usize,
    /// The skip-score envelope before the row's first match (see [`Event::envelope`]).
    envelope: i32,
}

impl Row {
    /// The row kept in a cell: start as the column, first event as the score (fields and
    /// event counts are far below 2^31).
    fn cell(self) -> Event {
        Event {
            col: self.start as u32,
            m: self.events as i32,
            envelope: self.envelope,
        }
    }

    fn of_cell(cell: Event) -> Row {
        Row {
            start: cell.col as usize,
            events: cell.m as usize,
            envelope: cell.envelope,
        }
    }
}

/// A cell where a row's character matches: column `col` (the character at `col - 1`), its
/// match score `m`, and the envelope: the skip score at any later column `x` up to the next
/// event is `max(FLOOR, envelope - x)`.
#[derive(Clone, Copy, Debug)]
struct Event {
    col: u32,
    m: i32,
    envelope: i32,
}

/// The lowest skip score: a gap opened after "no alignment".
const FLOOR: i32 = NEG_INFINITY + GAP_START + GAP_EXTENSION;
// The envelope form of the skip score relies on gaps extending by exactly one a column.
const _: () = assert!(GAP_EXTENSION == -1);

/// Skim's score of `pattern` in `field`, or None when the pattern (folded) is not a
/// subsequence of the field (folded). An empty pattern scores 0.
///
/// `matrix` must hold this field's rows for a prefix of `pattern` (none, for a first call):
/// only the rows beyond it are computed, and added. When the pattern does not match, the
/// matrix is left as it was. `first` is scratch space.
pub fn score<T: Unit>(
    field: Field<T>,
    pattern: Pattern<T>,
    matrix: &mut Matrix,
    first: &mut Vec<usize>,
) -> Option<i64> {
    let len = pattern.folded.len();
    if len == 0 {
        return Some(0);
    }
    matrix.truncate(len);
    let done = matrix.len();
    let folded = &field.folded[..field.text.len()];
    // skim's `cheap_matches`: the first position of each pattern character, in order (those
    // of the rows already computed are their start columns)
    first.clear();
    let mut from = match matrix.len() {
        0 => 0,
        rows => matrix.row(rows - 1).start + 1,
    };
    for &p in &pattern.folded[done..] {
        let at = positions(&folded[from..], p).next()?;
        first.push(from + at);
        from += at + 1;
    }
    let rows = Rows { field, pattern };
    for (i, &start) in (done..len).zip(first.iter()) {
        rows.push(i, start, matrix);
    }
    Some(i64::from(rows.best(matrix)))
}

/// The rows of one field and pattern, computed one by one into a [`Matrix`].
///
/// Skim fills a two-row matrix column by column; row `i` overwrites the row `i - 2` left in
/// the same buffer, and reads a few of its cells before overwriting them (this is what makes
/// skim's scores depend on its previous call; here "before row 0" is skim's fresh matrix).
/// Written out, a cell of row `i` at column `c` is:
/// - match score `M`: where the character at `c - 1` matches, `max(M[i-1][c-1] + consecutive,
///   P[i-1][c-1] + bonus) + 16` (14 on a case mismatch); elsewhere "no alignment".
/// - skip score `P`: `max(M[i][c-1] - 4, P[i][c-1] - 1)`, starting at column `start` from
///   row `i - 2`'s cells there: a decaying maximum over the matches so far, kept as an envelope.
/// - consecutive bonus `B` (written at the column before a match): the larger of the match's
///   own bonus and 4, and row `i - 2`'s value there when the column before was a match or is
///   `start` (skim reads the old cell before writing it).
struct Rows<'a, T> {
    field: Field<'a, T>,
    pattern: Pattern<'a, T>,
}

impl<T: Unit> Rows<'_, T> {
    /// Computes row `i`, starting at column `start` (rows before it are in `s`).
    fn push(&self, i: usize, start: usize, s: &mut Matrix) {
        let (text, folded, bonuses) = (self.field.text, self.field.folded, self.field.bonus);
        let n = text.len();
        let (p, pf) = (self.pattern.text[i], self.pattern.folded[i]);
        // the cells of row i - 2 at `start`, where skim's row i starts (rows -2 and -1 are the
        // fresh matrix: "no alignment", and a skip score of -1 in skim's initial row)
        let (m_old, p_old) = match i {
            0 => (NEG_INFINITY, NEG_INFINITY),
            1 => (NEG_INFINITY, GAP_EXTENSION),
            _ => (self.m_at(s, i - 2, start), self.p_at(s, i - 2, start)),
        };
        let mut envelope =
            (m_old + GAP_START + GAP_EXTENSION).max(p_old + GAP_EXTENSION) + column(start + 1);
        s.push_row(Row {
            start,
            events: s.events().len(),
            envelope,
        });
        // row i - 1, walked alongside: its events before the current column give the skip
        // score, an event at the column gives the match score
        let (mut prev, prev_end, mut prev_envelope) = match i {
            0 => (0, 0, 0),
            _ => (s.row(i - 1).events, s.row(i).events, s.row(i - 1).envelope),
        };
        for c in positions(&folded[start..n], pf).map(|at| start + at) {
            let (m_prev, p_prev) = if i == 0 {
                (NEG_INFINITY, GAP_EXTENSION)
            } else {
                let events = s.events();
                while prev < prev_end && (events[prev].col as usize) < c {
                    prev_envelope = events[prev].envelope;
                    prev += 1;
                }
                let m = match events.get(prev) {
                    Some(e) if prev < prev_end && e.col as usize == c => e.m,
                    _ => NEG_INFINITY,
                };
                (m, (prev_envelope - column(c)).max(FLOOR))
            };
            let carried = if c == start || folded[c - 1] == pf {
                self.b_at(s, i.checked_sub(2), c)
            } else {
                0
            };
            let in_place = i32::from(bonuses[c]);
            let consecutive = carried.max(in_place.max(BONUS_CONSECUTIVE));
            let matched = if text[c] == p {
                SCORE_MATCH
            } else {
                SCORE_MATCH + CASE_MISMATCH_PENALTY
            };
            let m = (m_prev + consecutive).max(p_prev + in_place) + matched;
            envelope = envelope.max(m + GAP_START + GAP_EXTENSION + column(c + 2));
            s.push_event(Event {
                col: (c + 1) as u32,
                m,
                envelope,
            });
        }
    }

    /// The score: the best match score in the last row from its start column on (that column
    /// itself still holds row `last - 2`'s cell, as in skim).
    fn best(&self, s: &Matrix) -> i32 {
        let last = s.len() - 1;
        let row = s.row(last);
        let stale = match last.checked_sub(2) {
            Some(old) => self.m_at(s, old, row.start),
            None => NEG_INFINITY,
        };
        s.events()[row.events..]
            .iter()
            .map(|e| e.m)
            .fold(stale, i32::max)
    }

    /// The events of row `i`.
    fn events<'s>(&self, s: &'s Matrix, i: usize) -> &'s [Event] {
        let events = s.events();
        let end = if i + 1 < s.len() {
            s.row(i + 1).events
        } else {
            events.len()
        };
        &events[s.row(i).events..end]
    }

    /// Row `i`'s match score at column `c` (after its start).
    fn m_at(&self, s: &Matrix, i: usize, c: usize) -> i32 {
        let events = self.events(s, i);
        match events.binary_search_by_key(&c, |e| e.col as usize) {
            Ok(k) => events[k].m,
            Err(_) => NEG_INFINITY,
        }
    }

    /// Row `i`'s skip score at column `c` (after its start).
    fn p_at(&self, s: &Matrix, i: usize, c: usize) -> i32 {
        let events = self.events(s, i);
        let before = events.partition_point(|e| (e.col as usize) < c);
        let envelope = match before {
            0 => s.row(i).envelope,
            k => events[k - 1].envelope,
        };
        (envelope - column(c)).max(FLOOR)
    }

    /// Row `i`'s consecutive bonus at column `c` (None: a fresh row, 0), unrolled: a row keeps
    /// the value of the row two above where the column before matched or the row starts.
    fn b_at(&self, s: &Matrix, mut i: Option<usize>, c: usize) -> i32 {
        let folded = self.field.folded;
        let mut bonus = 0;
        while let Some(row) = i {
            let pf = self.pattern.folded[row];
            if c < folded.len() && folded[c] == pf {
                bonus = bonus.max(i32::from(self.field.bonus[c]).max(BONUS_CONSECUTIVE));
            }
            let start = s.row(row).start;
            if c != start && folded[c - 1] != pf {
                break;
            }
            i = row.checked_sub(2);
        }
        bonus
    }
}

/// The positions of `needle` in `hay`, ascending. Fields are short, so a byte-by-byte search
/// pays a branch per character and memchr its set-up per call; a bit mask of up to 64
/// characters at a time, walked by its set bits, is cheaper than either.
fn positions<T: Unit>(hay: &[T], needle: T) -> Positions<'_, T> {
    Positions {
        rest: hay,
        needle,
        base: 0,
        next: 0,
        mask: 0,
    }
}

struct Positions<'a, T> {
    rest: &'a [T],
    needle: T,
    /// The positions of the masked chunk's first character, and of `rest`'s.
    base: usize,
    next: usize,
    mask: u64,
}

impl<T: Unit> Iterator for Positions<'_, T> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            if self.rest.is_empty() {
                return None;
            }
            let take = self.rest.len().min(64);
            let (chunk, rest) = self.rest.split_at(take);
            self.base = self.next;
            self.next += take;
            self.mask = T::mask(chunk, self.needle);
            self.rest = rest;
        }
        let at = self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(self.base + at)
    }
}

/// A column as a score offset (fields are far shorter than 2^31 characters).
fn column(c: usize) -> i32 {
    i32::try_from(c).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::search::test_rng::Rng;
    use fuzzy_matcher::skim::SkimMatcherV2;
    use fuzzy_matcher::FuzzyMatcher;

    /// What a newly built skim matcher scores (a reused one may differ, see the module doc).
    fn skim(text: &str, pattern: &str) -> Option<i64> {
        SkimMatcherV2::default()
            .ignore_case()
            .fuzzy_match(text, pattern)
    }

    /// Our score, resumed from the rows `m` holds for a prefix of `pattern` in `text`.
    fn ours(text: &str, pattern: &str, m: &mut Matrix) -> Option<i64> {
        let first = &mut Vec::new();
        if text.is_ascii() && pattern.is_ascii() {
            let (t, p) = (text.as_bytes(), pattern.as_bytes());
            let (tf, pf) = (t.to_ascii_lowercase(), p.to_ascii_lowercase());
            let mut b = Vec::new();
            push_bonuses(t, &mut b);
            let field = Field {
                text: t,
                folded: &tf,
                bonus: &b,
            };
            score(
                field,
                Pattern {
                    text: p,
                    folded: &pf,
                },
                m,
                first,
            )
        } else {
            let t: Vec<char> = text.chars().collect();
            let p: Vec<char> = pattern.chars().collect();
            let tf: Vec<char> = t.iter().map(|c| c.fold()).collect();
            let pf: Vec<char> = p.iter().map(|c| c.fold()).collect();
            let mut b = Vec::new();
            push_bonuses(&t, &mut b);
            let field = Field {
                text: &t,
                folded: &tf,
                bonus: &b,
            };
            score(
                field,
                Pattern {
                    text: &p,
                    folded: &pf,
                },
                m,
                first,
            )
        }
    }

    /// xorshift64: reproducible random strings without a dependency.
    fn chars_of(alphabets: &[&str]) -> Vec<Vec<char>> {
        alphabets.iter().map(|a| a.chars().collect()).collect()
    }

    #[test]
    fn scores_are_skims_on_random_strings() {
        // small alphabets make repeats, case mismatches, separators and camel humps common
        let alphabets = chars_of(&[
            "aAbBsS -_./",
            "abcsSE ",
            "serviceSERVICE -x0",
            "\0 !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~",
            "éÉaAßs Ünï-",
        ]);
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut matched = 0;
        for round in 0..200_000 {
            let alphabet = &alphabets[round % alphabets.len()];
            let text = rng.string(alphabet, 24);
            let pattern = rng.string(alphabet, 6);
            let want = skim(&text, &pattern);
            assert_eq!(
                ours(&text, &pattern, &mut Matrix::default()),
                want,
                "{text:?} / {pattern:?}"
            );
            matched += usize::from(want.is_some());
        }
        assert!(matched > 20_000, "too few matches to compare: {matched}");
    }

    #[test]
    fn a_kept_matrix_scores_like_a_fresh_one_as_the_pattern_is_typed_and_erased() {
        let alphabets = chars_of(&["aAbBsS -_./", "serviceSERVICE -x0", "éÉaAßs Ünï-"]);
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let mut resumed = 0;
        for round in 0..20_000 {
            let alphabet = &alphabets[round % alphabets.len()];
            let text = rng.string(alphabet, 32);
            let mut m = Matrix::default();
            let mut pattern: Vec<char> = Vec::new();
            for _ in 0..12 {
                // mostly typing, sometimes erasing one or two characters
                if rng.below(4) == 0 && !pattern.is_empty() {
                    let keep = pattern.len().saturating_sub(1 + rng.below(2));
                    pattern.truncate(keep);
                    m.truncate(keep);
                } else {
                    pattern.push(alphabet[rng.below(alphabet.len())]);
                }
                let typed: String = pattern.iter().collect();
                resumed += usize::from(m.len() > 0);
                assert_eq!(
                    ours(&text, &typed, &mut m),
                    skim(&text, &typed),
                    "{text:?} / {typed:?}"
                );
            }
        }
        assert!(resumed > 50_000, "too few resumed scores: {resumed}");
    }

    #[test]
    fn scores_are_skims_on_titles() {
        for (text, pattern) in [
            ("Use serverless for cache in the queue service", "serv"),
            ("Split Kubernetes for supplier onboarding", "toil"),
            ("Split Kubernetes for supplier onboarding", "KUBE"),
            ("0042", "42"),
            ("gRPC-web gateway", "grpcw"),
            ("標題 Serverless", "svl"),
            ("a", ""),
            ("", "a"),
        ] {
            let fresh = &mut Matrix::default();
            assert_eq!(ours(text, pattern, fresh), skim(text, pattern), "{text:?}");
        }
    }

    #[test]
    fn a_reused_skim_matcher_can_score_differently_but_ours_does_not() {
        // why the scores are those of a newly built matcher: skim reads a cell of its reused
        // matrix before writing it, so the previous call shows through
        let reused = SkimMatcherV2::default().ignore_case();
        let fresh = reused.fuzzy_match("xsxsl", "ssl");
        reused.fuzzy_match("S S S S S S", "sss");
        assert_ne!(reused.fuzzy_match("xsxsl", "ssl"), fresh);
        let mut m = Matrix::default();
        assert_eq!(ours("xsxsl", "ssl", &mut m), fresh);
        m.clear();
        ours("S S S S S S", "sss", &mut m);
        m.clear();
        assert_eq!(ours("xsxsl", "ssl", &mut m), fresh);
    }
}
