//! Status lines and relation lines as people write them.
//!
//! `✅ Accepted`, `**Status**: Accepted on 2021-02-06`, `accepted; supersedes ADR-0045`,
//! `⌛️ Superseded [0019](0019-x.md)`, `Superceded by [2. Y](0002-y.md)`: the lifecycle keyword is the
//! first known word of the first clause (emoji, emphasis and link syntax skipped); relations are a verb
//! phrase followed by one or more targets anywhere in the text.

use crate::workspace::model::AdrStatus;

/// How a relation line relates this record to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rel {
    /// this record is superseded by the target
    SupersededBy,
    /// this record supersedes the target
    Supersedes,
    /// a plain link: an edge without lifecycle meaning or verb
    Link,
    /// amends, amended by, clarifies, relates to, ...: a link with its verb as shown
    /// ("Amended by"), so `adr show` can say it and the other record the inverse
    Verb(&'static str),
}

/// The verb the other record of a named link reads it with: "Amended by" ↔ "Amends".
pub fn inverse_verb(verb: &str) -> &'static str {
    const PAIRS: [(&str, &str); 5] = [
        ("Amended by", "Amends"),
        ("Clarified by", "Clarifies"),
        ("Extended by", "Extends"),
        ("Refined by", "Refines"),
        ("Relates to", "Relates to"),
    ];
    PAIRS
        .iter()
        .find_map(|(a, b)| {
            if verb.eq_ignore_ascii_case(a) {
                Some(*b)
            } else if verb.eq_ignore_ascii_case(b) {
                Some(*a)
            } else {
                None
            }
        })
        .unwrap_or("Relates to")
}

/// Where a relation points before the folder is known: a file name or a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    File(String),
    Number(u32),
}

/// Verb phrases, lower case, longest first where one is a prefix of another.
const VERBS: [(&str, Rel); 18] = [
    ("superseded by", Rel::SupersededBy),
    ("superceded by", Rel::SupersededBy),
    ("supersceded by", Rel::SupersededBy),
    ("replaced by", Rel::SupersededBy),
    ("supersedes", Rel::Supersedes),
    ("supercedes", Rel::Supersedes),
    ("replaces", Rel::Supersedes),
    ("amended by", Rel::Verb("Amended by")),
    ("amends", Rel::Verb("Amends")),
    ("clarified by", Rel::Verb("Clarified by")),
    ("clarifies", Rel::Verb("Clarifies")),
    ("extended by", Rel::Verb("Extended by")),
    ("extends", Rel::Verb("Extends")),
    ("refined by", Rel::Verb("Refined by")),
    ("refines", Rel::Verb("Refines")),
    ("relates to", Rel::Verb("Relates to")),
    ("related to", Rel::Verb("Relates to")),
    // `⌛️ Superseded [0019](0019-x.md)`: the keyword itself followed by a target
    ("superseded", Rel::SupersededBy),
];

/// `VERB_FIRST_LETTERS[b]`: some verb phrase starts with byte `b`.
const VERB_FIRST_LETTERS: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < VERBS.len() {
        table[VERBS[i].0.as_bytes()[0] as usize] = true;
        i += 1;
    }
    table
};

/// The lifecycle status a word names, if any.
fn keyword(word: &str) -> Option<AdrStatus> {
    Some(match word {
        "proposed" | "proposal" | "draft" | "pending" | "suggested" | "wip" | "rfc" | "review"
        | "reviewing" => AdrStatus::Proposed,
        "accepted" | "accept" | "approved" | "adopted" | "agreed" | "decided" | "implemented"
        | "active" => AdrStatus::Accepted,
        "rejected" | "declined" | "dismissed" | "refused" | "abandoned" | "withdrawn" => {
            AdrStatus::Rejected
        }
        "deprecated" | "obsolete" | "retired" | "discontinued" => AdrStatus::Deprecated,
        "superseded" | "superceded" | "supersceded" | "replaced" => AdrStatus::Superseded,
        _ => return None,
    })
}

/// Markdown link syntax reduced to its text: `[a](b)` → `a`; emphasis and code marks dropped.
pub fn plain(text: &str) -> String {
    // most headings and status lines have no markup: skip the rewriting
    if !text.contains(['[', '*', '`', '_']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Where the next `](` starts in `text`, found once and reused until passed, so a run of
    // `[` with no link after it costs one scan rather than one per bracket.
    let mut next_close: Option<usize> = None;
    let mut no_close_left = false;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let after_at = text.len() - after.len();
        if !no_close_left && next_close.is_none_or(|c| c < after_at) {
            next_close = text[after_at..].find("](").map(|c| after_at + c);
            no_close_left = next_close.is_none();
        }
        // a link when `](` follows before any other `[`
        match next_close.filter(|&c| c >= after_at).map(|c| c - after_at) {
            Some(close) if !after[..close].contains('[') => {
                out.push_str(&after[..close]);
                let tail = &after[close + 2..];
                rest = match tail.find(')') {
                    Some(end) => &tail[end + 1..],
                    None => "",
                };
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace(['*', '`'], "").replace("__", "")
}

/// CommonMark's backslash escapes undone (`\*draft\*` → `*draft*`): how a title, an option
/// name or a heading that the export escaped (`interop::markdown_text::inline`) reads back as
/// it was.
pub fn unescape(text: &str) -> String {
    if !text.contains('\\') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&n) if c == '\\' && n.is_ascii_punctuation() => {
                out.push(n);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// An unfilled template value: `{proposed | rejected | accepted | … | superseded by ADR-0123}`.
pub fn is_placeholder(text: &str) -> bool {
    is_placeholder_plain(&plain(text).to_lowercase())
}

/// [`is_placeholder`] of text already made plain and lower case.
fn is_placeholder_plain(p: &str) -> bool {
    p.split('|')
        .filter(|part| {
            part.split(|c: char| !c.is_alphanumeric())
                .any(|w| keyword(w).is_some())
        })
        .count()
        >= 2
}

/// The status a status line names: the first keyword among the first words of its first clause.
pub fn classify(text: &str) -> Option<AdrStatus> {
    let p = plain(text).to_lowercase();
    if is_placeholder_plain(&p) {
        return None;
    }
    let first_clause = p.split([';', '(']).next().unwrap_or("");
    first_clause
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "status")
        .take(3)
        .find_map(keyword)
}

/// Does this line start with a relation verb (an adr-tools link line such as `Amends [5. X](0005-x.md)`)?
pub fn is_relation_line(line: &str) -> bool {
    if !line.contains(['[', '*', '`', '_']) {
        // no markup: compare in place (no non-ASCII character lower-cases to a verb's letter)
        let t = line.trim_start().trim_start_matches(['-', '*', '+', ' ']);
        return VERBS
            .iter()
            .filter(|(v, _)| *v != "superseded")
            .any(|(v, _)| {
                t.as_bytes()
                    .get(..v.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(v.as_bytes()))
            });
    }
    let p = plain(line).trim_start().to_lowercase();
    let p = p.trim_start_matches(['-', '*', '+', ' ']);
    VERBS
        .iter()
        .filter(|(v, _)| *v != "superseded")
        .any(|(v, _)| p.starts_with(v))
}

/// Every `verb target[, target...]` relation in `text`.
pub fn relations(text: &str) -> Vec<(Rel, Target)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((at, verb, rel)) = next_verb(text.as_bytes(), from) {
        let after = at + verb.len();
        let (targets, consumed) = targets_at(&text[after..]);
        out.extend(targets.into_iter().map(|t| (rel, t)));
        from = after + consumed;
    }
    out
}

/// The first verb phrase at or after byte `from`, ASCII case ignored; the longest one where
/// several start at the same place. One pass over the bytes, no lower-cased copy: the verbs
/// are ASCII, so a match always starts on a character boundary.
fn next_verb(bytes: &[u8], from: usize) -> Option<(usize, &'static str, Rel)> {
    (from..bytes.len()).find_map(|i| {
        let first = bytes[i].to_ascii_lowercase();
        if !VERB_FIRST_LETTERS[usize::from(first)] {
            return None; // most bytes: one table look-up
        }
        let rest = &bytes[i..];
        VERBS
            .iter()
            .filter(|(v, _)| {
                let v = v.as_bytes();
                v[0] == first && rest.len() >= v.len() && rest[..v.len()].eq_ignore_ascii_case(v)
            })
            .max_by_key(|(v, _)| v.len())
            .map(|(v, rel)| (i, *v, *rel))
    })
}

/// Reads targets right after a verb: `[text](file.md)`, `ADR-0057`, `ADR 57`, `adr:57`, `#57`, `0019`,
/// separated by commas or `and`. Returns them and the bytes consumed.
fn targets_at(s: &str) -> (Vec<Target>, usize) {
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        let rest = &s[pos..];
        let trimmed = rest.trim_start_matches([' ', '\t', ':', ',', '*', '_']);
        let mut skip = rest.len() - trimmed.len();
        let mut t = trimmed;
        if !out.is_empty() {
            if let Some(x) = t.strip_prefix("and ") {
                skip += 4;
                t = x;
            }
        }
        let Some((target, len)) = target(t) else {
            break;
        };
        out.push(target);
        pos += skip + len;
    }
    (out, pos)
}

fn target(t: &str) -> Option<(Target, usize)> {
    if let Some(inner) = t.strip_prefix('[') {
        let close = inner.find("](")?;
        let text = &inner[..close];
        let tail = &inner[close + 2..];
        let end = tail.find(')')?;
        let url = &tail[..end];
        let len = 1 + close + 2 + end + 1;
        if let Some(file) = record_file_of(url) {
            return Some((Target::File(file), len));
        }
        return number_of(text).map(|(n, _)| (Target::Number(n), len));
    }
    number_of(t).map(|(n, len)| (Target::Number(n), len))
}

/// `ADR-0057`, `ADR 57`, `adr:57`, `#57`, `0019`, `19. Title` (adr-tools link text) → the number.
fn number_of(t: &str) -> Option<(u32, usize)> {
    let lower = t.to_ascii_lowercase();
    let prefix = ["adr-", "adr:", "adr ", "adr_", "adr", "#"]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map_or(0, |p| p.len());
    let digits = t[prefix..].bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return None;
    }
    let after = &t[prefix + digits..];
    // `2021-02-06`, `1.2.3`, `19b`: not record numbers
    if after.starts_with(|c: char| c.is_alphanumeric())
        || (after.starts_with(['-', '/', '.'])
            && after[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    let n = t[prefix..prefix + digits].parse().ok()?;
    Some((n, prefix + digits))
}

/// `text` without emphasis wrapped around all of it (`**x**`, `__x__`, `*x*`, `_x_`).
pub fn strip_emphasis(text: &str) -> &str {
    let mut t = text.trim();
    while let Some(r) = ["**", "__", "*", "_"].iter().find_map(|m| {
        t.strip_prefix(m)
            .and_then(|r| r.strip_suffix(m))
            .filter(|r| !r.is_empty())
    }) {
        t = r.trim();
    }
    // a closing marker whose opening the bullet's own markup already took (`* Status: **x**`)
    for m in ["**", "__"] {
        if t.matches(m).count() == 1 {
            if let Some(r) = t.strip_suffix(m).filter(|r| !r.trim().is_empty()) {
                return r.trim_end();
            }
        }
    }
    t
}

/// One value of a front-matter relation key (`supersedes: 0015-x.md`, `superseded-by: 17`,
/// `related: [ADR-0003](0003-x.md)`, `amends: docs/adr/0010-y.md`): the record it names.
pub fn front_matter_target(value: &str) -> Option<Target> {
    let v = value.trim().trim_matches(['"', '\'']).trim();
    if v.starts_with('[') {
        return target(v).map(|(t, _)| t);
    }
    if let Some(file) = record_file_of(v) {
        return Some(Target::File(file));
    }
    // a date is no record (`2021-02-06` would read as 2021)
    if super::date::normalize(v).is_some() {
        return None;
    }
    // a file name without its extension (`0015-use-x`), or a number (`15`, `ADR-0015`)
    let name = v.rsplit('/').next().unwrap_or(v);
    if let Some(n) = super::names::number_from_name(name) {
        return Some(Target::Number(n.number));
    }
    number_of(v)
        .filter(|(_, len)| *len == v.len())
        .map(|(n, _)| Target::Number(n))
}

/// The relation a front-matter key names, `_` and `-` alike, case aside.
pub fn front_matter_rel(key: &str) -> Option<Rel> {
    match key.to_ascii_lowercase().replace('_', "-").as_str() {
        "supersedes" | "replaces" => Some(Rel::Supersedes),
        "superseded-by" | "supersededby" | "replaced-by" => Some(Rel::SupersededBy),
        "amends" => Some(Rel::Verb("Amends")),
        "amended-by" => Some(Rel::Verb("Amended by")),
        "related" | "relates-to" | "related-to" | "links" | "see-also" => Some(Rel::Link),
        _ => None,
    }
}

/// The file name of a link to another record in the same folder (`0019-x.md`, `./0019-x.md#s`),
/// or None for web addresses and other files.
pub fn record_file_of(url: &str) -> Option<String> {
    let url = url.trim().trim_start_matches('<').trim_end_matches('>');
    let url = url.split(['#', '?']).next().unwrap_or("");
    if url.contains("://") || url.starts_with("mailto:") {
        return None;
    }
    let name = url.rsplit('/').next().unwrap_or(url);
    let lower = name.to_ascii_lowercase();
    (lower.ends_with(".md") || lower.ends_with(".markdown")).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_is_no_part_of_a_status() {
        assert_eq!(
            strip_emphasis("**superseded by [MADR-077](0077-x.md)**"),
            "superseded by [MADR-077](0077-x.md)"
        );
        assert_eq!(strip_emphasis("_Accepted_"), "Accepted");
        assert_eq!(strip_emphasis("***Accepted***"), "Accepted");
        assert_eq!(strip_emphasis("Accepted"), "Accepted");
        assert_eq!(strip_emphasis("superseded by 7**"), "superseded by 7");
        assert_eq!(strip_emphasis("**"), "**");
        assert_eq!(
            strip_emphasis("**Accepted** on 2021"),
            "**Accepted** on 2021"
        );
    }

    #[test]
    fn front_matter_relations() {
        use Target::*;
        let t = |v| front_matter_target(v);
        assert_eq!(t("0015-use-x.md"), Some(File("0015-use-x.md".into())));
        assert_eq!(
            t("docs/adr/0015-use-x.md"),
            Some(File("0015-use-x.md".into()))
        );
        assert_eq!(t("0015-use-x"), Some(Number(15)));
        assert_eq!(t("15"), Some(Number(15)));
        assert_eq!(t("ADR-0015"), Some(Number(15)));
        assert_eq!(t("\"17\""), Some(Number(17)));
        assert_eq!(t("[ADR-3](0003-x.md)"), Some(File("0003-x.md".into())));
        assert_eq!(t("https://example.com/x"), None);
        assert_eq!(t("someday"), None);
        assert_eq!(t("2021-02-06"), None);
        assert_eq!(front_matter_rel("superseded_by"), Some(Rel::SupersededBy));
        assert_eq!(front_matter_rel("Superseded-By"), Some(Rel::SupersededBy));
        assert_eq!(front_matter_rel("supersedes"), Some(Rel::Supersedes));
        assert_eq!(front_matter_rel("related"), Some(Rel::Link));
        assert_eq!(front_matter_rel("status"), None);
    }

    #[test]
    fn statuses_through_decoration() {
        let cases = [
            ("✅ Accepted", AdrStatus::Accepted),
            ("⌛️ Superseded [0019](0019-x.md)", AdrStatus::Superseded),
            ("⌛ Superseded", AdrStatus::Superseded),
            ("❌ Rejected (see [019](019-use-x.md))", AdrStatus::Rejected),
            ("🤔 Proposed", AdrStatus::Proposed),
            ("**Status**: Accepted on 2021-02-06", AdrStatus::Accepted),
            ("accepted; supersedes ADR-0045", AdrStatus::Accepted),
            ("superseded by ADR-0057", AdrStatus::Superseded),
            (
                "Superceded by [2. Second](0002-second.md)",
                AdrStatus::Superseded,
            ),
            ("_Deprecated_", AdrStatus::Deprecated),
            ("Status: draft", AdrStatus::Proposed),
        ];
        for (text, want) in cases {
            assert_eq!(classify(text), Some(want), "{text}");
        }
        assert_eq!(classify("Done 3/4/21"), None);
        assert_eq!(classify("{proposed | rejected | accepted}"), None);
        assert!(is_placeholder(
            "[proposed | rejected | accepted | deprecated | … | superseded by [ADR-0005](0005-example.md)]"
        ));
        assert_eq!(classify(""), None);
        assert_eq!(classify("We run status checks, accepted later"), None);
    }

    #[test]
    fn relations_with_targets() {
        use Target::*;
        assert_eq!(
            relations("accepted; supersedes ADR-0045"),
            [(Rel::Supersedes, Number(45))]
        );
        assert_eq!(
            relations("⌛️ Superseded [0019](0019-use-bash-go.md)"),
            [(Rel::SupersededBy, File("0019-use-bash-go.md".into()))]
        );
        assert_eq!(
            relations("Superceded by [2. Second Record](0002-second-record.md)"),
            [(Rel::SupersededBy, File("0002-second-record.md".into()))]
        );
        assert_eq!(
            relations("Amends [5. Title](./0005-title.md#ctx) and [6. T](0006-t.md)"),
            [
                (Rel::Verb("Amends"), File("0005-title.md".into())),
                (Rel::Verb("Amends"), File("0006-t.md".into()))
            ]
        );
        assert_eq!(
            relations("Superseded by ADR 0005 - Title"),
            [(Rel::SupersededBy, Number(5))]
        );
        assert_eq!(
            relations("superseded by [ADR-0009](https://x.org/adr/9)"),
            [(Rel::SupersededBy, Number(9))]
        );
        assert!(relations("superseded on 2021-02-06").is_empty());
        assert!(relations("Superseded").is_empty());
        assert_eq!(
            relations("Ersetzt: supersedes #12, 13"),
            [(Rel::Supersedes, Number(12)), (Rel::Supersedes, Number(13))]
        );
    }

    #[test]
    fn relation_lines() {
        assert!(is_relation_line("Supercedes [1. First](0001-first.md)"));
        assert!(is_relation_line("- Amended by [6. X](0006-x.md)"));
        assert!(!is_relation_line("Superseded"));
        assert!(!is_relation_line("Accepted"));
        // with and without markup, the same answer
        assert!(is_relation_line("  * SUPERCEDED BY 3"));
        assert!(is_relation_line("  * **Superceded by** 3"));
        assert!(is_relation_line("+ relates to [4](0004-x.md)"));
        assert!(!is_relation_line("Super"));
        assert!(!is_relation_line("Ersetzt durch 3"));
    }

    #[test]
    fn backslash_escapes_are_undone() {
        assert_eq!(
            unescape(r"\*draft\* \[x\] \| y \\ \a"),
            r"*draft* [x] | y \ \a"
        );
        assert_eq!(unescape("trailing \\"), "trailing \\");
    }

    #[test]
    fn plain_text_of_links() {
        assert_eq!(plain("**[ADR-1](x.md)** and `c` [a]"), "ADR-1 and c [a]");
        assert_eq!(plain("[unclosed](x"), "unclosed");
        assert_eq!(plain("[[a](b) [c [d](e)"), "[a [c d");
        assert_eq!(plain("[a] then [b](c)"), "[a] then b");
    }

    /// A megabyte of `[` with no link after it took one scan per bracket (hours in a debug
    /// build); now it is one pass. The speed itself is measured in benches/markdown_hostile.rs.
    #[test]
    fn a_run_of_brackets_is_read_in_one_pass() {
        let run = "[".repeat(1 << 20);
        assert_eq!(plain(&format!("Good, because {run}")).len(), 14 + (1 << 20));
        let linked = format!("{run}x](y) z");
        assert_eq!(plain(&linked), format!("{}x z", &run[1..]));
    }
}
