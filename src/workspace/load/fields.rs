//! The spanned field reader: pulls typed values out of a parsed TOML table one field at a
//! time, turning every problem into a diagnostic with line and column, and never giving up
//! on the rest of the table because one field is bad.

use std::cell::OnceCell;
use std::ops::Range;
use std::path::Path;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::workspace::diagnostic::{Diagnostic, LineIndex, Severity};
use crate::workspace::model::{Date, Origin};
use crate::workspace::reference::{is_valid_id, Reference};

pub(crate) type Val<'i> = Spanned<DeValue<'i>>;
pub(crate) type Key<'i> = Spanned<std::borrow::Cow<'i, str>>;

/// A reference read from a file, checked once every file is loaded (it may point anywhere).
#[derive(Debug, Clone)]
pub(crate) struct RefSite {
    pub reference: Reference,
    pub file: usize,
    pub line: u32,
    pub col: u32,
    /// The item that makes the reference.
    pub owner: Option<Reference>,
}

/// Per-file reading context: where diagnostics go and how offsets become line:col.
pub(crate) struct Ctx<'a> {
    pub file: usize,
    pub path: &'a Path,
    text: &'a str,
    lines: OnceCell<LineIndex<'a>>,
    pub diags: Vec<Diagnostic>,
    pub refs: Vec<RefSite>,
    /// The item being read, attached to diagnostics so the TUI can jump to it.
    pub owner: Option<Reference>,
}

impl<'a> Ctx<'a> {
    pub fn new(file: usize, path: &'a Path, text: &'a str) -> Self {
        Ctx {
            file,
            path,
            text,
            lines: OnceCell::new(),
            diags: Vec::new(),
            refs: Vec::new(),
            owner: None,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn pos(&self, offset: usize) -> (u32, u32) {
        // Most positions asked for are near the top of small files: a direct scan avoids
        // building the line index at all.
        if self.lines.get().is_none() && offset < 2048 {
            let head = self.text.get(..offset.min(self.text.len())).unwrap_or("");
            let line = head.bytes().filter(|&b| b == b'\n').count() as u32 + 1;
            let start = head.rfind('\n').map(|i| i + 1).unwrap_or(0);
            return (line, head[start..].chars().count() as u32 + 1);
        }
        self.lines
            .get_or_init(|| LineIndex::new(self.text))
            .line_col(offset)
    }

    pub fn origin(&self, span: &Range<usize>) -> Origin {
        let (line, col) = self.pos(span.start);
        Origin {
            file: self.file,
            line,
            col,
        }
    }

    pub fn push(
        &mut self,
        span: Range<usize>,
        severity: Severity,
        code: &'static str,
        message: String,
    ) {
        let (line, col) = self.pos(span.start);
        self.diags.push(Diagnostic {
            file: self.path.to_path_buf(),
            line,
            col,
            severity,
            code,
            message,
            target: self.owner.clone(),
        });
    }

    pub fn error(&mut self, span: Range<usize>, code: &'static str, message: String) {
        self.push(span, Severity::Error, code, message);
    }

    pub fn warn(&mut self, span: Range<usize>, code: &'static str, message: String) {
        self.push(span, Severity::Warning, code, message);
    }

    /// A diagnostic about the whole file (line and column 0).
    pub fn file_level(&mut self, severity: Severity, code: &'static str, message: String) {
        self.diags.push(Diagnostic {
            file: self.path.to_path_buf(),
            line: 0,
            col: 0,
            severity,
            code,
            message,
            target: self.owner.clone(),
        });
    }

    pub fn unknown_field(&mut self, key: &Key<'_>, known: &[&str], context: &str) {
        let name = key.get_ref().as_ref();
        let hint = did_you_mean(name, known.iter().copied())
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        self.warn(
            key.span(),
            "unknown-field",
            format!("unknown field `{name}` in {context}{hint}; it is ignored"),
        );
    }

    fn wrong_type(&mut self, v: &Val<'_>, key: &str, expected: &str) {
        self.error(
            v.span(),
            "wrong-type",
            format!(
                "`{key}` must be {expected}, found {}",
                kind_name(v.get_ref())
            ),
        );
    }

    pub fn table<'t, 'i>(&mut self, v: &'t Val<'i>, key: &str) -> Option<&'t DeTable<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => {
                self.wrong_type(v, key, "a table");
                None
            }
        }
    }

    pub fn array<'t, 'i>(&mut self, v: &'t Val<'i>, key: &str) -> Option<&'t [Val<'i>]> {
        match v.get_ref() {
            DeValue::Array(a) => Some(a),
            _ => {
                self.wrong_type(v, key, "an array");
                None
            }
        }
    }

    pub fn string(&mut self, v: &Val<'_>, key: &str) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.wrong_type(v, key, "a string");
                None
            }
        }
    }

    /// An array of strings; a lone string is taken as a one-element list (and said so).
    pub fn strings(&mut self, v: &Val<'_>, key: &str) -> Vec<String> {
        match v.get_ref() {
            DeValue::String(s) => {
                self.warn(
                    v.span(),
                    "wrong-type",
                    format!("`{key}` is a list: write [\"...\"]; the one string is used"),
                );
                vec![s.to_string()]
            }
            DeValue::Array(a) => a.iter().filter_map(|item| self.string(item, key)).collect(),
            _ => {
                self.wrong_type(v, key, "an array of strings");
                Vec::new()
            }
        }
    }

    pub fn bool(&mut self, v: &Val<'_>, key: &str) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(v, key, "true or false");
                None
            }
        }
    }

    pub fn number(&mut self, v: &Val<'_>, key: &str) -> Option<f64> {
        let n = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            _ => {
                self.wrong_type(v, key, "a number");
                return None;
            }
        };
        match n {
            Some(n) if n.is_finite() => Some(n),
            _ => {
                self.error(
                    v.span(),
                    "out-of-range",
                    format!("`{key}` must be a finite number"),
                );
                None
            }
        }
    }

    /// A number within `lo..=hi`; out-of-range values are reported and clamped.
    pub fn number_in(&mut self, v: &Val<'_>, key: &str, lo: f64, hi: f64) -> Option<f64> {
        let n = self.number(v, key)?;
        if n < lo || n > hi {
            self.error(
                v.span(),
                "out-of-range",
                format!("`{key}` = {n} is out of range {lo}..{hi}"),
            );
            return Some(n.clamp(lo, hi));
        }
        Some(n)
    }

    pub fn integer(&mut self, v: &Val<'_>, key: &str) -> Option<i64> {
        match v.get_ref() {
            DeValue::Integer(i) => {
                let n = i64::from_str_radix(i.as_str(), i.radix()).ok();
                if n.is_none() {
                    self.error(v.span(), "out-of-range", format!("`{key}` is too large"));
                }
                n
            }
            _ => {
                self.wrong_type(v, key, "a whole number");
                None
            }
        }
    }

    /// A calendar date: a TOML local date (`2023-06-16`) or a string in that form.
    pub fn date(&mut self, v: &Val<'_>, key: &str) -> Option<Date> {
        let text = match v.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => {
                    return Some(format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))
                }
                (Some(d), Some(_)) => {
                    self.warn(
                        v.span(),
                        "bad-date",
                        format!("`{key}` is a date: the time of day is ignored"),
                    );
                    return Some(format!("{:04}-{:02}-{:02}", d.year, d.month, d.day));
                }
                (None, _) => {
                    self.error(
                        v.span(),
                        "bad-date",
                        format!("`{key}` must be a date (YYYY-MM-DD), found a time of day"),
                    );
                    return None;
                }
            },
            DeValue::String(s) => s.trim().to_string(),
            _ => {
                self.wrong_type(v, key, "a date (YYYY-MM-DD)");
                return None;
            }
        };
        if valid_date(&text) {
            Some(text)
        } else {
            self.error(
                v.span(),
                "bad-date",
                format!("`{key}` = \"{text}\" is not a calendar date (YYYY-MM-DD)"),
            );
            None
        }
    }

    /// One of a fixed set of keywords; a bad one is reported with the allowed list.
    pub fn keyword<T: Copy>(&mut self, v: &Val<'_>, key: &str, allowed: &[(&str, T)]) -> Option<T> {
        let s = match v.get_ref() {
            DeValue::String(s) => s.as_ref(),
            _ => {
                self.wrong_type(v, key, "a string");
                return None;
            }
        };
        self.keyword_str(s, v.span(), key, allowed)
    }

    pub fn keyword_str<T: Copy>(
        &mut self,
        s: &str,
        span: Range<usize>,
        key: &str,
        allowed: &[(&str, T)],
    ) -> Option<T> {
        if let Some((_, t)) = allowed.iter().find(|(k, _)| *k == s) {
            return Some(*t);
        }
        let names: Vec<&str> = allowed.iter().map(|(k, _)| *k).collect();
        let hint = did_you_mean(s, names.iter().copied())
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        self.error(
            span,
            "bad-value",
            format!(
                "`{key}` = \"{s}\" is not one of: {}{hint}",
                names.join(", ")
            ),
        );
        None
    }

    /// A fully qualified reference (`adr:7`, `map:serving/cdn`), kept for the dangling check.
    pub fn reference(&mut self, v: &Val<'_>, key: &str) -> Option<Reference> {
        let s = self.string(v, key)?;
        match Reference::parse(&s) {
            Ok(r) => {
                let (line, col) = self.pos(v.span().start);
                self.refs.push(RefSite {
                    reference: r.clone(),
                    file: self.file,
                    line,
                    col,
                    owner: self.owner.clone(),
                });
                Some(r)
            }
            Err(e) => {
                self.error(v.span(), "bad-reference", format!("`{key}`: {e}"));
                None
            }
        }
    }

    /// A list of references; a lone string is taken as a one-element list.
    pub fn references(&mut self, v: &Val<'_>, key: &str) -> Vec<Reference> {
        match v.get_ref() {
            DeValue::String(_) => self.reference(v, key).into_iter().collect(),
            DeValue::Array(a) => a
                .iter()
                .filter_map(|item| self.reference(item, key))
                .collect(),
            _ => {
                self.wrong_type(v, key, "a list of references");
                Vec::new()
            }
        }
    }

    /// Checks a table key used as an id; reports and returns false when it is not kebab-case.
    pub fn check_id(&mut self, key: &Key<'_>, what: &str) -> bool {
        let id = key.get_ref().as_ref();
        if is_valid_id(id) {
            return true;
        }
        self.error(
            key.span(),
            "invalid-id",
            format!("{what} id `{id}` is not kebab-case ([a-z0-9][a-z0-9-]*)"),
        );
        false
    }
}

/// The closest known name, when it is close enough to be a likely typo.
/// How many unknown names per file (or per cross-file check) get a "did you mean": each
/// suggestion compares against every known name, so 100,000 misses with a hint each would cost
/// 100,000 × 100,000 comparisons.
pub(crate) const HINTED_MISSES: usize = 100;

pub(crate) fn did_you_mean<'k>(
    name: &str,
    known: impl Iterator<Item = &'k str>,
) -> Option<&'k str> {
    known
        .map(|k| (strsim::jaro_winkler(name, k), k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

pub(crate) fn kind_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// Days since 1970-01-01 → `YYYY-MM-DD`, proleptic Gregorian (H. Hinnant's civil-from-days).
pub fn date_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DD` naming a real day of the Gregorian calendar.
pub fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_1970_become_calendar_dates() {
        assert_eq!(date_from_days(0), "1970-01-01");
        assert_eq!(date_from_days(19_723), "2024-01-01");
        assert_eq!(date_from_days(19_782), "2024-02-29");
        assert_eq!(date_from_days(20_453), "2025-12-31");
        assert!((0..30_000).all(|d| valid_date(&date_from_days(d))));
    }

    #[test]
    fn dates_are_checked_against_the_calendar() {
        assert!(valid_date("2024-02-29"));
        assert!(!valid_date("2023-02-29"));
        assert!(!valid_date("2023-13-01"));
        assert!(!valid_date("2023-1-01"));
        assert!(!valid_date("yesterday"));
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        let known = ["title", "status", "date"];
        assert_eq!(did_you_mean("titel", known.iter().copied()), Some("title"));
        assert_eq!(did_you_mean("zzz", known.iter().copied()), None);
    }
}
