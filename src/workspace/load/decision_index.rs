//! A fast reader of `decisions/NNNN-slug.toml` for `wh adr list` and `wh adr search`
//! ([`Scope::DecisionIndex`](super::Scope::DecisionIndex)).
//!
//! It drives toml_parser's event parser directly: every byte of the file is lexed, parsed and
//! every value decoded, so a file with a syntax error is caught as surely as by the full
//! loader, but no table is built and only the fields the list shows (and, with `bodies`, the
//! prose search reads) are kept. Anything outside the canonical shape of a decision file (an
//! unknown or repeated key, a dotted key, an inline table, a value of the wrong type, a missing
//! required field, an unknown status) makes it give up and return `None`: the caller then reads
//! that file with the full loader, which reports the problem exactly as `wh check` does. So the
//! fast path never decides anything the full reader would decide differently; it only skips
//! the work for files that need none.

use std::borrow::Cow;

use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::lexer::Token;
use toml_parser::parser::{parse_document, EventReceiver, RecursionGuard, ValidateWhitespace};
use toml_parser::{ErrorSink, ParseError, Raw, Source, Span};

use super::decision::STATUSES;
use crate::workspace::model::{Adr, AdrOption, AdrSource, Origin};
use crate::workspace::reference::{RefKind, Reference};

/// How deep arrays and inline tables may nest: toml's own reader stops at the same depth.
pub(crate) const MAX_DEPTH: u32 = 80;

/// Buffers one loader thread reuses from file to file.
#[derive(Default)]
pub(crate) struct Scratch {
    tokens: Vec<Token>,
}

/// Reads one decision file, or `None` when only the full reader can say what it holds.
pub(crate) fn read(text: &str, file: usize, bodies: bool, scratch: &mut Scratch) -> Option<Adr> {
    let source = Source::new(text);
    scratch.tokens.clear();
    scratch.tokens.extend(source.lex());
    let mut reader = Reader::new(source, file, bodies);
    let mut errors = Syntax(false);
    {
        let mut checked = ValidateWhitespace::new(&mut reader, source);
        // The parser recurses once per nested array or inline table: without a guard, a line
        // of 10,000 `[` overflowed the stack. A file this deep is broken (or hostile) and goes
        // to the full reader, which has the same limit and reports where it was met.
        let mut guarded = RecursionGuard::new(&mut checked, MAX_DEPTH);
        parse_document(&scratch.tokens, &mut guarded, &mut errors);
    }
    if errors.0 || reader.gave_up {
        return None;
    }
    reader.finish()
}

/// Only whether the file has a syntax error matters: the full reader words the message.
struct Syntax(bool);

impl ErrorSink for Syntax {
    fn report_error(&mut self, _error: ParseError) {
        self.0 = true;
    }
}

/// Which table the key/value pairs being read belong to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Table {
    /// Before any header: a decision file holds nothing here.
    Root,
    Adr,
    Option,
    Section,
}

/// The fields of the canonical decision file, each with a bit in a per-table "seen" mask.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Number,
    Title,
    Status,
    StatusText,
    Slug,
    Date,
    Deciders,
    Tags,
    Supersedes,
    SupersededBy,
    Links,
    QualityAttributes,
    Context,
    Drivers,
    Decision,
    Consequences,
    OptionName,
    OptionChosen,
    OptionDescription,
    OptionPros,
    OptionCons,
    SectionHeading,
    SectionBody,
}

impl Field {
    fn of(table: Table, key: &str) -> Option<Field> {
        use Field::*;
        Some(match (table, key) {
            (Table::Adr, "number") => Number,
            (Table::Adr, "title") => Title,
            (Table::Adr, "status") => Status,
            (Table::Adr, "status-text") => StatusText,
            (Table::Adr, "slug") => Slug,
            (Table::Adr, "date") => Date,
            (Table::Adr, "deciders") => Deciders,
            (Table::Adr, "tags") => Tags,
            (Table::Adr, "supersedes") => Supersedes,
            (Table::Adr, "superseded-by") => SupersededBy,
            (Table::Adr, "links") => Links,
            (Table::Adr, "quality-attributes") => QualityAttributes,
            (Table::Adr, "context") => Context,
            (Table::Adr, "drivers") => Drivers,
            (Table::Adr, "decision") => Decision,
            (Table::Adr, "consequences") => Consequences,
            (Table::Option, "name") => OptionName,
            (Table::Option, "chosen") => OptionChosen,
            (Table::Option, "description") => OptionDescription,
            (Table::Option, "pros") => OptionPros,
            (Table::Option, "cons") => OptionCons,
            (Table::Section, "heading") => SectionHeading,
            (Table::Section, "body") => SectionBody,
            _ => return None,
        })
    }

    fn bit(self) -> u32 {
        1 << self as u32
    }

    /// Fields whose value is a list of scalars (a lone scalar is the full reader's business).
    fn is_list(self) -> bool {
        use Field::*;
        matches!(
            self,
            Deciders
                | Tags
                | Supersedes
                | SupersededBy
                | Links
                | QualityAttributes
                | OptionPros
                | OptionCons
        )
    }
}

struct Reader<'i> {
    source: Source<'i>,
    bodies: bool,
    adr: Adr,
    /// The keys of the table header being read (`[[adr.option]]` → adr, option).
    header: Vec<Cow<'i, str>>,
    in_header: bool,
    table: Table,
    adr_table_seen: bool,
    /// Fields already set in the current table: a repeated key is a TOML error.
    seen: u32,
    /// Fields set in `[adr]` (kept apart from the option/section tables' masks).
    adr_seen: u32,
    /// Keys read since the last value: more than one is a dotted key.
    keys: u8,
    field: Option<Field>,
    in_array: bool,
    gave_up: bool,
    /// Where the first key of the header being read starts.
    header_at: usize,
    /// Where the `adr` of `[adr]` starts: the record's origin, as the full reader has it.
    adr_at: usize,
}

impl<'i> Reader<'i> {
    fn new(source: Source<'i>, file: usize, bodies: bool) -> Self {
        Reader {
            source,
            bodies,
            adr: Adr::new(
                0,
                String::new(),
                AdrSource::Toml,
                Origin {
                    file,
                    line: 0,
                    col: 0,
                },
            ),
            header: Vec::new(),
            in_header: false,
            table: Table::Root,
            adr_table_seen: false,
            seen: 0,
            adr_seen: 0,
            keys: 0,
            field: None,
            in_array: false,
            gave_up: false,
            header_at: 0,
            adr_at: 0,
        }
    }

    fn give_up(&mut self) {
        self.gave_up = true;
    }

    fn open_header(&mut self) {
        self.header.clear();
        self.in_header = true;
    }

    /// `[adr]`: once. `[[adr.option]]`, `[[adr.section]]`: a new element each time.
    fn close_header(&mut self, array: bool) {
        self.in_header = false;
        let keys = (
            self.header.len(),
            self.header.first().map(|k| k.as_ref()),
            self.header.get(1).map(|k| k.as_ref()),
        );
        self.table = match (array, keys) {
            (false, (1, Some("adr"), None)) if !self.adr_table_seen => {
                self.adr_table_seen = true;
                self.adr_at = self.header_at;
                Table::Adr
            }
            // Kept only when search reads them; checked either way.
            (true, (2, Some("adr"), Some("option"))) if self.adr_table_seen => {
                if self.bodies {
                    self.adr.options.push(AdrOption::default());
                }
                Table::Option
            }
            (true, (2, Some("adr"), Some("section"))) if self.adr_table_seen => {
                if self.bodies {
                    self.adr.extra_sections.push((String::new(), String::new()));
                }
                Table::Section
            }
            _ => return self.give_up(),
        };
        // A new option or section starts with no field seen; `[adr]` keeps its own mask.
        self.seen = 0;
    }

    /// The text of a key or value with its quoting (a bare span would be read unquoted).
    fn raw(&self, span: Span, encoding: Option<Encoding>) -> Option<Raw<'i>> {
        let text = self.source.input().get(span.start()..span.end())?;
        Some(Raw::new_unchecked(text, encoding, span))
    }

    fn key(&mut self, span: Span, encoding: Option<Encoding>) {
        let Some(raw) = self.raw(span, encoding) else {
            return self.give_up();
        };
        let mut key: Cow<'i, str> = Cow::Borrowed("");
        let mut bad = Syntax(false);
        raw.decode_key(&mut key, &mut bad);
        if bad.0 {
            return self.give_up();
        }
        if self.in_header {
            if self.header.is_empty() {
                self.header_at = span.start();
            }
            self.header.push(key);
            return;
        }
        if self.in_array {
            // keys inside an array: an inline table, which no canonical field holds
            return self.give_up();
        }
        self.keys += 1;
        if self.keys > 1 {
            return self.give_up();
        }
        let Some(field) = Field::of(self.table, &key) else {
            return self.give_up();
        };
        let mask = if self.table == Table::Adr {
            &mut self.adr_seen
        } else {
            &mut self.seen
        };
        if *mask & field.bit() != 0 {
            return self.give_up();
        }
        *mask |= field.bit();
        self.field = Some(field);
    }

    fn scalar(&mut self, span: Span, encoding: Option<Encoding>) {
        let (Some(field), Some(raw)) = (self.field, self.raw(span, encoding)) else {
            return self.give_up();
        };
        if field.is_list() != self.in_array {
            return self.give_up();
        }
        if !self.in_array {
            self.keys = 0;
            self.field = None;
        }
        // A quoted string with no escape and no control character in it is valid, and its
        // value is its text between the quotes: neither checking nor decoding it needs the
        // decoder's character-by-character walk.
        if let Some(encoding) = encoding {
            if plain(raw.as_bytes()) {
                if !self.keeps(field) {
                    return;
                }
                if let Some(text) = between_quotes(raw.as_str(), encoding) {
                    if !self.store(field, ScalarKind::String, Cow::Borrowed(text)) {
                        self.give_up();
                    }
                    return;
                }
            }
        }
        let mut value: Cow<'i, str> = Cow::Borrowed("");
        let mut bad = Syntax(false);
        let kind = raw.decode_scalar(&mut value, &mut bad);
        if bad.0 {
            return self.give_up();
        }
        if !self.store(field, kind, value) {
            self.give_up();
        }
    }

    /// Whether this record keeps the field's value (else it is only checked).
    fn keeps(&self, field: Field) -> bool {
        use Field::*;
        match field {
            Links | QualityAttributes => false,
            Context | Drivers | Decision | Consequences | OptionName | OptionDescription
            | OptionPros | OptionCons | SectionHeading | SectionBody => self.bodies,
            _ => true,
        }
    }

    /// Puts one decoded value where the full reader would; false when it would not take it as is.
    fn store(&mut self, field: Field, kind: ScalarKind, value: Cow<'i, str>) -> bool {
        use Field::*;
        let is_string = kind == ScalarKind::String;
        let adr = &mut self.adr;
        match field {
            Number => {
                let ScalarKind::Integer(radix) = kind else {
                    return false;
                };
                match i64::from_str_radix(&value, radix.value())
                    .ok()
                    .and_then(|n| u32::try_from(n).ok())
                {
                    Some(n) => adr.number = n,
                    None => return false,
                }
            }
            Title if is_string => adr.title = value.into_owned(),
            Status if is_string => match STATUSES.iter().find(|(k, _)| *k == value) {
                Some((_, s)) => adr.status = *s,
                None => return false,
            },
            StatusText if is_string => adr.status_text = Some(value.into_owned()),
            // a bad slug is the full reader's to report
            Slug if is_string && crate::workspace::reference::is_adr_slug(&value) => {
                adr.slug = Some(value.into_owned())
            }
            Date => {
                let date = value.trim();
                if !matches!(kind, ScalarKind::String | ScalarKind::DateTime)
                    || !super::valid_date(date)
                {
                    return false;
                }
                adr.date = Some(date.to_string());
            }
            Deciders if is_string => adr.deciders.push(value.into_owned()),
            Tags if is_string => adr.tags.push(value.into_owned()),
            Supersedes | SupersededBy => {
                let reference = match kind {
                    ScalarKind::String => match Reference::parse(&value) {
                        Ok(r) if r.kind == RefKind::Adr => r,
                        _ => return false,
                    },
                    ScalarKind::Integer(radix) => {
                        match i64::from_str_radix(&value, radix.value())
                            .ok()
                            .and_then(|n| u32::try_from(n).ok())
                        {
                            Some(n) => Reference::adr(n),
                            None => return false,
                        }
                    }
                    _ => return false,
                };
                if field == Supersedes {
                    adr.supersedes.push(reference);
                } else {
                    adr.superseded_by.push(reference);
                }
            }
            // Checked (decoded above) but not kept: neither the list nor search shows them.
            Links | QualityAttributes if is_string => {}
            Context | Drivers | Decision | Consequences if is_string => {
                if self.bodies {
                    let text = value.into_owned();
                    match field {
                        Context => adr.context = text,
                        Drivers => adr.drivers = text,
                        Decision => adr.decision = text,
                        _ => adr.consequences = text,
                    }
                }
            }
            OptionName | OptionDescription | OptionPros | OptionCons if is_string => {
                let Some(o) = adr.options.last_mut() else {
                    return true;
                };
                match field {
                    OptionName => o.name = value.into_owned(),
                    OptionDescription => o.description = value.into_owned(),
                    OptionPros => o.pros.push(value.into_owned()),
                    _ => o.cons.push(value.into_owned()),
                }
            }
            OptionChosen => {
                let ScalarKind::Boolean(b) = kind else {
                    return false;
                };
                if let Some(o) = adr.options.last_mut() {
                    o.chosen = b;
                }
            }
            SectionHeading | SectionBody if is_string => {
                let Some(s) = adr.extra_sections.last_mut() else {
                    return true;
                };
                if field == SectionHeading {
                    s.0 = value.into_owned();
                } else {
                    s.1 = value.into_owned();
                }
            }
            _ => return false,
        }
        true
    }

    /// The checks the full reader turns into "missing-field" errors (with a fallback value)
    /// are left to it: only a complete record is taken here.
    fn finish(mut self) -> Option<Adr> {
        use Field::*;
        let required = Number.bit() | Title.bit() | Status.bit();
        if !self.adr_table_seen || self.adr_seen & required != required {
            return None;
        }
        if self.adr.title.trim().is_empty() {
            return None;
        }
        let head = &self.source.input()[..self.adr_at];
        let line = head.bytes().filter(|&b| b == b'\n').count() as u32 + 1;
        let start = head.rfind('\n').map_or(0, |i| i + 1);
        self.adr.origin.line = line;
        self.adr.origin.col = head[start..].chars().count() as u32 + 1;
        Some(self.adr)
    }
}

/// No backslash and no control character but tab and line feed: a quoted TOML string whose
/// decoding cannot fail. (Written as a fold, not `all`, so that it is vectorised.)
fn plain(raw: &[u8]) -> bool {
    raw.iter().fold(true, |ok, &b| {
        ok & (((b >= 0x20) & (b != 0x7f) & (b != b'\\')) | (b == b'\t') | (b == b'\n'))
    })
}

/// The value of a plain quoted string (see [`plain`]): the text inside its delimiters, less
/// the line break a multi-line string may open with (TOML trims it).
fn between_quotes(raw: &str, encoding: Encoding) -> Option<&str> {
    let quotes = match encoding {
        Encoding::BasicString | Encoding::LiteralString => 1,
        Encoding::MlBasicString | Encoding::MlLiteralString => 3,
    };
    let inner = raw.get(quotes..raw.len().checked_sub(quotes)?)?;
    Some(if quotes == 3 {
        inner.strip_prefix('\n').unwrap_or(inner)
    } else {
        inner
    })
}

impl EventReceiver for Reader<'_> {
    fn std_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.open_header();
    }
    fn std_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        if !self.gave_up {
            self.close_header(false);
        }
    }
    fn array_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.open_header();
    }
    fn array_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        if !self.gave_up {
            self.close_header(true);
        }
    }
    // Once given up, the parser is told to skip the value (it does so without recursing).
    fn inline_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.give_up();
        false
    }
    fn array_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) -> bool {
        match self.field {
            Some(f) if f.is_list() && !self.in_array && !self.gave_up => self.in_array = true,
            _ => self.give_up(),
        }
        !self.gave_up
    }
    fn array_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.in_array = false;
        self.keys = 0;
        self.field = None;
    }
    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, _error: &mut dyn ErrorSink) {
        if !self.gave_up {
            self.key(span, encoding);
        }
    }
    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, _error: &mut dyn ErrorSink) {
        if !self.gave_up {
            self.scalar(span, encoding);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use toml::de::DeTable;

    use super::super::fields::Ctx;
    use super::*;

    /// The full reader's record, or None when the file does not parse.
    fn full(text: &str) -> Option<Adr> {
        let (doc, errors) = DeTable::parse_recoverable(text);
        if !errors.is_empty() {
            return None;
        }
        let mut cx = Ctx::new(3, Path::new("decisions/0007-x.toml"), text);
        Some(super::super::decision::read(
            &mut cx,
            doc.get_ref(),
            "0007-x",
        ))
    }

    fn fast(text: &str, bodies: bool) -> Option<Adr> {
        read(text, 3, bodies, &mut Scratch::default())
    }

    /// What the fast reader promises to keep of the full reader's record.
    fn kept(mut adr: Adr, bodies: bool) -> serde_json::Value {
        adr.links.clear();
        adr.quality_attributes.clear();
        if !bodies {
            for text in [
                &mut adr.context,
                &mut adr.drivers,
                &mut adr.decision,
                &mut adr.consequences,
            ] {
                text.clear();
            }
            adr.options.clear();
            adr.extra_sections.clear();
        }
        serde_json::to_value(&adr).expect("a record serialises")
    }

    /// The fast reader either gives up or agrees with the full reader, with and without bodies.
    /// Returns whether it took the file.
    fn agrees(text: &str) -> bool {
        let whole = full(text);
        let mut took = None;
        for bodies in [false, true] {
            let quick = fast(text, bodies);
            if let Some(q) = &quick {
                let f = whole
                    .clone()
                    .unwrap_or_else(|| panic!("fast reader took a broken file:\n{text}"));
                assert_eq!(
                    serde_json::to_value(q).expect("serialises"),
                    kept(f, bodies),
                    "bodies: {bodies}\n{text}"
                );
            }
            let took_now = quick.is_some();
            assert_eq!(*took.get_or_insert(took_now), took_now, "{text}");
        }
        took.unwrap_or(false)
    }

    const CANONICAL: &str = r#"# a comment
[adr]
number = 7
title = "Use \"Kafka\" for billing événements 🚀"
status = "superseded"
date = 2024-02-29
deciders = ["Ana", 'Bo']
tags = ["messaging", "billing",]
supersedes = [3, "adr:4"]
superseded-by = ["adr:12"]
links = ["map:serving/cdn"]
quality-attributes = ["cost"]
status-text = "Superseded by 12"
context = """
Line one \
continued; tab\there.
Line two."""
drivers = '''
- raw \n stays'''
decision = "We will."
consequences = ""

[[adr.option]]
name = "Kafka"
chosen = true
description = "log"
pros = ["durable"]
cons = []

[[adr.option]]
name = "RabbitMQ"
chosen = false

[[adr.section]]
heading = "Notes"
body = "kept"
"#;

    /// 10,000 nested arrays or inline tables overflowed the stack of the thread that read them
    /// (exit 134, every record hidden). Read on a 256 KB stack, an eighth of a loader thread's,
    /// the file goes to the full reader instead.
    #[test]
    fn deep_nesting_goes_to_the_full_reader_without_overflowing() {
        let deep = [
            format!("x = {}", "[".repeat(10_000)),
            format!(
                "{CANONICAL}\nx = {}1{}",
                "[".repeat(10_000),
                "]".repeat(10_000)
            ),
            CANONICAL.replacen("cons = []", &format!("cons = {}", "{a=".repeat(10_000)), 1),
            CANONICAL.replacen("tags = [", &format!("tags = [{}", "[".repeat(10_000)), 1),
        ];
        std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                for text in &deep {
                    assert!(fast(text, true).is_none());
                    assert!(fast(text, false).is_none());
                }
            })
            .expect("thread")
            .join()
            .expect("no panic");
        // at the limit a list is still the full reader's to judge, never an overflow
        let at_limit = format!("x = {}{}", "[".repeat(80), "]".repeat(80));
        assert!(fast(&at_limit, true).is_none());
    }

    #[test]
    fn the_canonical_file_is_read_as_the_full_reader_reads_it() {
        assert!(agrees(CANONICAL));
        let adr = fast(CANONICAL, true).expect("taken");
        assert_eq!(adr.number, 7);
        assert_eq!(adr.title, "Use \"Kafka\" for billing événements 🚀");
        assert_eq!(adr.date.as_deref(), Some("2024-02-29"));
        assert_eq!(adr.supersedes.len(), 2);
        assert_eq!(adr.options.len(), 2);
        assert!(adr.options[0].chosen);
        assert_eq!(adr.context, "Line one continued; tab\there.\nLine two.");
        assert_eq!((adr.origin.line, adr.origin.col), (2, 2));
        let lean = fast(CANONICAL, false).expect("taken");
        assert!(lean.context.is_empty() && lean.options.is_empty());
        assert_eq!(lean.tags, ["messaging", "billing"]);
    }

    #[test]
    fn every_sample_decision_is_taken_and_agrees() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/decisions");
        let mut taken = 0;
        let mut files = 0;
        for entry in std::fs::read_dir(dir).expect("sample decisions") {
            let path = entry.expect("entry").path();
            if path.extension().and_then(|e| e.to_str()) != Some("toml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("utf-8");
            files += 1;
            if agrees(&text) {
                taken += 1;
            }
        }
        assert!(files >= 10);
        // The sample is written in the canonical shape: the fast path takes all of it.
        assert_eq!(taken, files);
    }

    /// Each variation of the canonical file: (edit, whether the fast path may take it).
    #[test]
    fn anything_unusual_goes_to_the_full_reader() {
        let cases: &[(&str, &str, bool)] = &[
            // syntax errors and TOML's semantic errors
            (
                "title = \"Use",
                "title = \"Use\ntitle = \"again\"\nx = \"",
                false,
            ),
            (
                "decision = \"We will.\"",
                "decision = \"We will.\"\ndecision = \"twice\"",
                false,
            ),
            (
                "decision = \"We will.\"",
                "decision = \"bad \\q escape\"",
                false,
            ),
            ("# a comment", "# a \u{7} comment", false),
            (
                "decision = \"We will.\"",
                "decision = \"We \u{1}will.\"",
                false,
            ),
            ("consequences = \"\"", "consequences = '''a\rb'''", false),
            ("cons = []", "cons = [\"\u{7f}\"]", false),
            ("[[adr.section]]", "[adr]\n[[adr.section]]", false),
            (
                "[[adr.option]]\nname = \"Kafka\"",
                "[adr.option]\nname = \"Kafka\"",
                false,
            ),
            // shapes only the full reader words diagnostics for
            ("decision = \"We will.\"", "decisoin = \"We will.\"", false),
            (
                "decision = \"We will.\"",
                "adr.decision = \"We will.\"",
                false,
            ),
            ("status = \"superseded\"", "status = \"Superseded\"", false),
            ("status = \"superseded\"", "status = 3", false),
            ("date = 2024-02-29", "date = 2023-02-29", false),
            ("date = 2024-02-29", "date = 2024-02-29T10:00:00", false),
            (
                "tags = [\"messaging\", \"billing\",]",
                "tags = \"messaging\"",
                false,
            ),
            (
                "tags = [\"messaging\", \"billing\",]",
                "tags = [[\"messaging\"]]",
                false,
            ),
            (
                "links = [\"map:serving/cdn\"]",
                "links = [{ to = \"x\" }]",
                false,
            ),
            (
                "supersedes = [3, \"adr:4\"]",
                "supersedes = [\"map:serving\"]",
                false,
            ),
            ("number = 7", "number = -7", false),
            ("number = 7\n", "", false),
            ("title = \"Use", "title = \"   \"\nx = \"", false),
            ("chosen = true", "chosen = \"yes\"", false),
            // still canonical: taken, and equal to the full reader
            ("number = 7", "number = 0x7", true),
            ("number = 7", "number = 1_007", true),
            ("date = 2024-02-29", "date = \" 2024-02-29 \"", true),
            ("status = \"superseded\"", "status = \"accepted\"", true),
            ("title = \"Use", "title = 'Use", true),
            ("name = \"Kafka\"", "name = \"\"", true),
            // plain strings taken without the decoder: quotes inside, at the ends, no newline
            (
                "decision = \"We will.\"",
                "decision = \"\"\"\"quoted\" \"\"twice\"\" at the end\"\"\"\"\"",
                true,
            ),
            (
                "decision = \"We will.\"",
                "decision = \"\"\"no opening newline\"\"\"",
                true,
            ),
            (
                "decision = \"We will.\"",
                "decision = \"\"\"\n\n two newlines\n\"\"\"",
                true,
            ),
            (
                "decision = \"We will.\"",
                "decision = '''\n'single' \"double\" \\ kept'''",
                true,
            ),
            ("decision = \"We will.\"", "decision = 'C:\\path'", true),
            (
                "decision = \"We will.\"",
                "decision = \"\"\"\r\nCRLF after the quotes\"\"\"",
                true,
            ),
            ("title = \"Use", "title = \"\\u00e9 Use", true),
        ];
        for (from, to, taken) in cases {
            assert!(CANONICAL.contains(from), "{from}");
            let mut text = CANONICAL.replacen(from, to, 1);
            if from.starts_with("title = \"Use") && *to == "title = 'Use" {
                text = text.replacen(
                    "\\\"Kafka\\\" for billing événements 🚀\"",
                    "Kafka for billing'",
                    1,
                );
            }
            assert_eq!(agrees(&text), *taken, "{from} → {to}\n{text}");
        }
    }
}
