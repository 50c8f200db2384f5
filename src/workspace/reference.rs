//! The one reference syntax used everywhere: `kind:doc` or `kind:doc/item`.
//!
//! `adr:7`, `map:serving`, `map:serving/cdn`, `impact:grow-members/weekly-digest`,
//! `metric:weekly-active-members`, `phase:clarity`, `value-stream:ID`, `pillar:ID`,
//! `scenario:ID`, `review:ID`. Inside one document a bare id names a sibling; the
//! loader turns those into full references, so the model only holds full ones.

use serde::{Serialize, Serializer};
use std::fmt;
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RefKind {
    Adr,
    Map,
    Impact,
    Metric,
    Phase,
    ValueStream,
    Pillar,
    Scenario,
    Review,
}

impl RefKind {
    pub const ALL: [RefKind; 9] = [
        RefKind::Adr,
        RefKind::Map,
        RefKind::Impact,
        RefKind::Metric,
        RefKind::Phase,
        RefKind::ValueStream,
        RefKind::Pillar,
        RefKind::Scenario,
        RefKind::Review,
    ];

    pub fn key(self) -> &'static str {
        match self {
            RefKind::Adr => "adr",
            RefKind::Map => "map",
            RefKind::Impact => "impact",
            RefKind::Metric => "metric",
            RefKind::Phase => "phase",
            RefKind::ValueStream => "value-stream",
            RefKind::Pillar => "pillar",
            RefKind::Scenario => "scenario",
            RefKind::Review => "review",
        }
    }

    pub fn from_key(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Reference {
    pub kind: RefKind,
    /// The document: an ADR number without leading zeros, a map/impact file stem, or an item id.
    pub doc: String,
    /// An item inside the document (`map:serving/cdn` → `cdn`).
    pub item: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RefError {
    #[error("`{0}` is not a reference: expected kind:id, for example adr:7 or map:serving/cdn")]
    NoKind(String),
    #[error("unknown reference kind `{kind}` in `{text}` (known: adr, map, impact, metric, phase, value-stream, pillar, scenario, review)")]
    UnknownKind { kind: String, text: String },
    #[error("`{0}` is not a valid id: ids are kebab-case ([a-z0-9][a-z0-9-]*)")]
    BadId(String),
    #[error("`{0}` is not an ADR number or slug (adr:7, adr:use-lunr-for-search)")]
    BadNumber(String),
    #[error("`{0}` cannot name an item inside it (only map: and impact: references can)")]
    NoItems(String),
}

/// `[a-z0-9][a-z0-9-]*`
pub fn is_valid_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

impl Reference {
    pub fn new(kind: RefKind, doc: impl Into<String>, item: Option<String>) -> Self {
        Reference {
            kind,
            doc: doc.into(),
            item,
        }
    }

    pub fn adr(number: u32) -> Self {
        Reference::new(RefKind::Adr, number.to_string(), None)
    }

    /// `adr:use-lunr-for-search`: a record named by slug (log4brains records have no number).
    pub fn adr_slug(slug: &str) -> Self {
        Reference::new(RefKind::Adr, slug, None)
    }

    /// Parses a fully qualified reference. ADR numbers may carry leading zeros (`adr:0007`).
    pub fn parse(text: &str) -> Result<Self, RefError> {
        let t = text.trim();
        let (kind, rest) = t
            .split_once(':')
            .ok_or_else(|| RefError::NoKind(text.to_string()))?;
        let kind = RefKind::from_key(kind).ok_or_else(|| RefError::UnknownKind {
            kind: kind.to_string(),
            text: text.to_string(),
        })?;
        let (doc, item) = match rest.split_once('/') {
            Some((d, i)) => (d, Some(i)),
            None => (rest, None),
        };
        if item.is_some() && !matches!(kind, RefKind::Map | RefKind::Impact) {
            return Err(RefError::NoItems(text.to_string()));
        }
        let doc = if kind == RefKind::Adr {
            match parse_adr_number(doc) {
                Some(n) => n.to_string(),
                // a log4brains record is named by its slug (`adr:use-lunr-for-search`)
                None if is_adr_slug(doc) => doc.to_string(),
                None => return Err(RefError::BadNumber(text.to_string())),
            }
        } else if is_valid_id(doc) {
            doc.to_string()
        } else {
            return Err(RefError::BadId(text.to_string()));
        };
        if let Some(i) = item {
            if !is_valid_id(i) {
                return Err(RefError::BadId(text.to_string()));
            }
        }
        Ok(Reference::new(kind, doc, item.map(str::to_string)))
    }

    /// The ADR number for `adr:` references.
    pub fn adr_number(&self) -> Option<u32> {
        (self.kind == RefKind::Adr)
            .then(|| self.doc.parse().ok())
            .flatten()
    }
}

/// A slug that can name an ADR: an id with at least one letter (all digits is a number).
pub fn is_adr_slug(s: &str) -> bool {
    is_valid_id(s) && s.bytes().any(|b| b.is_ascii_lowercase())
}

/// `7`, `0007`, `adr:7`, `ADR-0007` → 7.
pub fn parse_adr_number(text: &str) -> Option<u32> {
    let t = text.trim();
    let t = t.strip_prefix("adr:").unwrap_or(t);
    let t = t
        .strip_prefix("ADR-")
        .or_else(|| t.strip_prefix("adr-"))
        .unwrap_or(t);
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind.key(), self.doc)?;
        if let Some(i) = &self.item {
            write!(f, "/{i}")?;
        }
        Ok(())
    }
}

impl Serialize for Reference {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_kind_and_prints_it_back() {
        for text in [
            "adr:7",
            "map:serving",
            "map:serving/cdn",
            "impact:grow-members/weekly-digest",
            "metric:weekly-active-members",
            "phase:next-action",
            "value-stream:delivery",
            "pillar:security",
            "scenario:checkout-latency",
            "review:2023-q2",
        ] {
            assert_eq!(Reference::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn adr_numbers_lose_leading_zeros() {
        assert_eq!(Reference::parse("adr:0007").unwrap().to_string(), "adr:7");
        assert_eq!(parse_adr_number("0012"), Some(12));
        assert_eq!(parse_adr_number("ADR-0045"), Some(45));
        assert_eq!(parse_adr_number("x7"), None);
    }

    #[test]
    fn adr_slugs_name_log4brains_records() {
        let r = Reference::parse("adr:use-lunr-for-search").unwrap();
        assert_eq!(r, Reference::adr_slug("use-lunr-for-search"));
        assert_eq!(r.adr_number(), None);
        assert_eq!(r.to_string(), "adr:use-lunr-for-search");
        assert!(Reference::parse("adr:Use_Lunr").is_err());
    }

    #[test]
    fn rejects_bad_references() {
        assert!(matches!(Reference::parse("cdn"), Err(RefError::NoKind(_))));
        assert!(matches!(
            Reference::parse("wiki:x"),
            Err(RefError::UnknownKind { .. })
        ));
        assert!(matches!(
            Reference::parse("map:Serving"),
            Err(RefError::BadId(_))
        ));
        assert!(matches!(
            Reference::parse("adr:7/x"),
            Err(RefError::NoItems(_))
        ));
    }
}
