//! Front-matter keys a folder's records all carry beyond what a template knows: Jekyll's
//! `parent: Decision Records` and `nav_order: 25` in JabRef's docs site, for example. A new
//! record written without them would be missing from the site's navigation, so what the folder
//! does consistently, the new record does too: a key with one value everywhere gets that value,
//! a key whose value is each record's number gets the new number.

use super::document::Document;
use super::front_matter::{self, Value};

/// Keys a template or the record model already writes: never copied.
const OWN_KEYS: &[&str] = &[
    "status",
    "date",
    "title",
    "tags",
    "deciders",
    "decision-makers",
    "consulted",
    "informed",
    "technical story",
    "supersedes",
    "superseded-by",
];

/// How many of the latest records are read to learn the convention.
pub const SAMPLE: usize = 20;

/// A key the folder's records carry, and how its value is made.
#[derive(Debug, Clone, PartialEq)]
pub enum Convention {
    /// The same text in every record: `parent: Decision Records`.
    Constant { key: String, raw: String },
    /// The record's number, zero-padded to `width` digits (1: not padded).
    Number { key: String, width: usize },
}

impl Convention {
    fn key(&self) -> &str {
        match self {
            Convention::Constant { key, .. } | Convention::Number { key, .. } => key,
        }
    }

    fn line(&self, number: u32) -> String {
        match self {
            Convention::Constant { key, raw } => format!("{key}: {raw}"),
            Convention::Number { key, width } => format!("{key}: {number:0width$}"),
        }
    }
}

/// The conventions of `records` (number and text, any order): keys every one of at least two
/// records has, with one value or each record's own number. The latest records decide.
pub fn learn(records: &[(u32, &str)]) -> Vec<Convention> {
    let mut latest: Vec<(u32, &str)> = records.to_vec();
    latest.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    latest.truncate(SAMPLE);
    if latest.len() < 2 {
        return Vec::new();
    }
    // each record's front matter as (key, raw value text)
    let parsed: Vec<(u32, Vec<(String, String)>)> = latest
        .iter()
        .map(|(n, text)| {
            let doc = Document::new(text);
            let pairs = doc
                .front_matter
                .as_ref()
                .map_or_else(Vec::new, |(_, lines)| {
                    front_matter::parse(lines)
                        .into_iter()
                        .filter_map(|e| Some((e.key.clone(), one_line_value(lines, &e)?)))
                        .collect()
                });
            (*n, pairs)
        })
        .collect();
    let Some((newest_number, newest)) = parsed.first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, raw) in newest {
        if OWN_KEYS.contains(&key.to_ascii_lowercase().as_str()) || raw.is_empty() {
            continue;
        }
        let values: Option<Vec<(u32, &str)>> = parsed
            .iter()
            .map(|(n, pairs)| {
                pairs
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, v)| (*n, v.as_str()))
            })
            .collect();
        let Some(values) = values else {
            continue; // not in every record: not a convention
        };
        if values.iter().all(|(_, v)| v == raw) {
            out.push(Convention::Constant {
                key: key.clone(),
                raw: raw.clone(),
            });
        } else if values.iter().all(|(n, v)| {
            v.bytes().all(|b| b.is_ascii_digit()) && v.parse::<u32>().ok() == Some(*n)
        }) {
            // padded as the newest record is
            let width = if raw.len() > newest_number.to_string().len() {
                raw.len()
            } else {
                1
            };
            out.push(Convention::Number {
                key: key.clone(),
                width,
            });
        }
    }
    out
}

/// The raw text of `e`'s value when all of it stands on the key's line as a plain or quoted
/// scalar that reads back the same on its own; `None` for anything a copied line would change:
/// a value continued below, a block scalar (`|`, `>`), an alias or anchor (`*d`, `&d`: the
/// other end is not copied), a tag, a flow collection, a complex key (`? k`).
fn one_line_value(lines: &[&str], e: &front_matter::Entry) -> Option<String> {
    let Value::Text(value) = &e.value else {
        return None;
    };
    let line = lines.get(e.line)?;
    if e.key.is_empty()
        || !e
            .key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return None;
    }
    let raw = line.strip_prefix(e.key.as_str())?.strip_prefix(':')?.trim();
    if raw.is_empty()
        || raw.starts_with(['|', '>', '*', '&', '!', '[', '{', '?', '#', '%', '@', '`'])
    {
        return None;
    }
    // the next line is another key (or the end), not more of this value
    if lines
        .get(e.line + 1)
        .is_some_and(|next| next.starts_with([' ', '\t']) || next.trim_start().starts_with('-'))
    {
        return None;
    }
    // on its own, the line must say the same thing
    match front_matter::parse(&[line]).as_slice() {
        [only] if only.key == e.key && only.value == Value::Text(value.clone()) => {
            Some(raw.to_string())
        }
        _ => None,
    }
}

/// `text` with the conventions' keys added to its front matter (made when it has none) where
/// it does not have them yet.
pub fn apply(text: &str, conventions: &[Convention], number: u32) -> String {
    if conventions.is_empty() {
        return text.to_string();
    }
    let doc = Document::new(text);
    let have: Vec<String> = doc
        .front_matter
        .as_ref()
        .map_or_else(Vec::new, |(_, lines)| {
            front_matter::parse(lines)
                .into_iter()
                .map(|e| e.key)
                .collect()
        });
    let new: Vec<String> = conventions
        .iter()
        .filter(|c| !have.iter().any(|k| k == c.key()))
        .map(|c| c.line(number))
        .collect();
    if new.is_empty() {
        return text.to_string();
    }
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    let added: Vec<String> = new.iter().map(|l| format!("{l}{newline}")).collect();
    match &doc.front_matter {
        // before the closing fence
        Some((first, fm)) => {
            let at = first + fm.len();
            let mut out: Vec<&str> = lines.drain(..at.min(lines.len())).collect();
            out.extend(added.iter().map(String::as_str));
            out.extend(lines);
            out.concat()
        }
        None => format!("---{newline}{}---{newline}{text}", added.concat()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "---\nparent: Decision Records\nnav_order: 24\n---\n# A\n";
    const B: &str = "---\nnav_order: 0025\nparent: Decision Records\nstatus: accepted\n---\n# B\n";

    #[test]
    fn a_constant_and_a_number_are_learned_and_written() {
        let conv = learn(&[(24, A), (25, B)]);
        assert_eq!(
            conv,
            [
                Convention::Number {
                    key: "nav_order".into(),
                    width: 4
                },
                Convention::Constant {
                    key: "parent".into(),
                    raw: "Decision Records".into()
                },
            ]
        );
        let new = "---\nstatus: proposed\ndate: 2026-12-06\n---\n# C\n";
        assert_eq!(
            apply(new, &conv, 26),
            "---\nstatus: proposed\ndate: 2026-12-06\nnav_order: 0026\nparent: Decision Records\n---\n# C\n"
        );
        assert_eq!(
            apply("# C\n\n* Status: proposed\n", &conv, 7),
            "---\nnav_order: 0007\nparent: Decision Records\n---\n# C\n\n* Status: proposed\n"
        );
    }

    #[test]
    fn only_values_whole_on_their_line_are_copied() {
        for odd in [
            "parent: \"Decision\n  Records\"",
            "parent: Decision\n  Records",
            "parent: |\n  shared text",
            "parent: *d",
            "parent: &d Decision Records",
            "? parent\n: Decision Records",
            "parent: [a, b]",
            "parent: !!str x",
        ] {
            let a = format!("---\n{odd}\n---\n# A\n");
            let conv = learn(&[(1, &a), (2, &a)]);
            assert!(conv.is_empty(), "{odd}: {conv:?}");
        }
        let quoted = "---\nparent: \"Decision: Records\"\n---\n# A\n";
        assert_eq!(
            learn(&[(1, quoted), (2, quoted)]),
            [Convention::Constant {
                key: "parent".into(),
                raw: "\"Decision: Records\"".into()
            }]
        );
    }

    #[test]
    fn what_not_every_record_has_or_varies_is_no_convention() {
        let c = "---\nnav_order: 3\nauthor: Ana\n---\n# C\n";
        let d = "---\nnav_order: 9\nauthor: Bo\n---\n# D\n";
        // author varies; nav_order is not the number
        assert!(learn(&[(4, c), (5, d)]).is_empty());
        // one record teaches nothing
        assert!(learn(&[(25, B)]).is_empty());
        // status and date are the template's
        let e = "---\nstatus: accepted\ndate: 2024-01-01\n---\n# E\n";
        assert!(learn(&[(1, e), (2, e)]).is_empty());
    }
}
