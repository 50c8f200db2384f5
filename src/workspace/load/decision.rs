//! `decisions/NNNN-slug.toml`: one ADR per file.

use toml::de::{DeTable, DeValue};

use super::fields::{Ctx, Key, Val};
use crate::workspace::model::{Adr, AdrOption, AdrSource, AdrStatus, Origin};
use crate::workspace::reference::{parse_adr_number, RefKind, Reference};

const TOP: &[&str] = &["adr"];
const ADR_FIELDS: &[&str] = &[
    "number",
    "title",
    "status",
    "date",
    "deciders",
    "tags",
    "supersedes",
    "superseded-by",
    "links",
    "quality-attributes",
    "context",
    "drivers",
    "decision",
    "consequences",
    "option",
    "status-text",
    "slug",
    "section",
];
const OPTION_FIELDS: &[&str] = &["name", "chosen", "description", "pros", "cons"];

pub(crate) const STATUSES: &[(&str, AdrStatus)] = &[
    ("proposed", AdrStatus::Proposed),
    ("accepted", AdrStatus::Accepted),
    ("rejected", AdrStatus::Rejected),
    ("deprecated", AdrStatus::Deprecated),
    ("superseded", AdrStatus::Superseded),
];

/// The number a file name starts with (`0007-use-lambda.toml` → 7).
pub(crate) fn number_from_file_name(stem: &str) -> Option<u32> {
    let digits: &str = &stem[..stem.bytes().take_while(u8::is_ascii_digit).count()];
    parse_adr_number(digits)
}

pub(crate) fn read(cx: &mut Ctx<'_>, doc: &DeTable<'_>, stem: &str) -> Adr {
    let from_name = number_from_file_name(stem);
    let mut adr = Adr::new(
        from_name.unwrap_or(0),
        String::new(),
        AdrSource::Toml,
        Origin {
            file: cx.file,
            line: 0,
            col: 0,
        },
    );
    let mut table: Option<(&Key<'_>, &DeTable<'_>)> = None;
    for (key, val) in doc.iter() {
        if key.get_ref() == "adr" {
            table = cx.table(val, "adr").map(|t| (key, t));
        } else {
            cx.unknown_field(key, TOP, "a decision file (everything goes under [adr])");
        }
    }
    let Some((key, t)) = table else {
        cx.owner = from_name.map(Reference::adr);
        cx.file_level(
            crate::workspace::Severity::Error,
            "missing-field",
            "no [adr] table: this file holds no decision".into(),
        );
        adr.title = stem.to_string();
        return adr;
    };
    adr.origin = cx.origin(&key.span());

    // The number first, so every later diagnostic can name the record.
    let mut number_span = None;
    if let Some((_, v)) = t.iter().find(|(k, _)| k.get_ref() == "number") {
        number_span = Some(v.span());
        if let Some(n) = cx.integer(v, "number") {
            match u32::try_from(n) {
                // 0 is a real number: adr-tools and many folders start at `0000-…`.
                Ok(n) => adr.number = n,
                _ => cx.error(
                    v.span(),
                    "out-of-range",
                    format!("`number` = {n} must be a whole number from 0"),
                ),
            }
        }
    }
    cx.owner = Some(Reference::adr(adr.number));

    let mut title_seen = false;
    let mut status_span = None;
    let mut self_link_span = None;
    for (k, v) in t.iter() {
        let name: &str = k.get_ref();
        match name {
            "number" => {}
            "title" => {
                title_seen = true;
                adr.title = cx.string(v, name).unwrap_or_default();
            }
            "status" => {
                status_span = Some(v.span());
                if let Some(s) = cx.keyword(v, name, STATUSES) {
                    adr.status = s;
                } else if let (DeValue::String(s), None) = (v.get_ref(), &adr.status_text) {
                    adr.status_text = Some(s.to_string());
                }
            }
            "date" => adr.date = cx.date(v, name),
            "deciders" => adr.deciders = cx.strings(v, name),
            "tags" => adr.tags = cx.strings(v, name),
            "supersedes" => {
                self_link_span = Some(v.span());
                adr.supersedes = adr_refs(cx, v, name);
            }
            "superseded-by" => {
                self_link_span = Some(v.span());
                adr.superseded_by = adr_refs(cx, v, name);
            }
            "links" => adr.links = cx.references(v, name),
            "quality-attributes" => adr.quality_attributes = cx.strings(v, name),
            "context" => adr.context = cx.string(v, name).unwrap_or_default(),
            "drivers" => adr.drivers = cx.string(v, name).unwrap_or_default(),
            "decision" => adr.decision = cx.string(v, name).unwrap_or_default(),
            "consequences" => adr.consequences = cx.string(v, name).unwrap_or_default(),
            "status-text" => adr.status_text = cx.string(v, name),
            // the slug a record had in the folder it was imported from: `adr:<slug>` still names it
            "slug" => match cx.string(v, name) {
                Some(s) if crate::workspace::reference::is_adr_slug(&s) => adr.slug = Some(s),
                Some(s) => cx.error(
                    v.span(),
                    "bad-slug",
                    format!("`slug = \"{s}\"` is not a slug: kebab-case with a letter, e.g. use-lunr-for-search"),
                ),
                None => {}
            },
            "section" => {
                if let Some(items) = cx.array(v, "section") {
                    adr.extra_sections = items.iter().filter_map(|s| section(cx, s)).collect();
                }
            }
            "option" => {
                if let Some(items) = cx.array(v, "option") {
                    adr.options = items.iter().filter_map(|o| option(cx, o)).collect();
                }
            }
            _ => cx.unknown_field(k, ADR_FIELDS, "[adr]"),
        }
    }

    let header = key.span();
    if number_span.is_none() {
        let fallback = from_name
            .map(|n| format!("; the file name's {n} is used"))
            .unwrap_or_default();
        cx.error(
            header.clone(),
            "missing-field",
            format!("[adr] has no `number`{fallback}"),
        );
    }
    if !title_seen || adr.title.trim().is_empty() {
        cx.error(
            header.clone(),
            "missing-field",
            "[adr] has no `title`".into(),
        );
        if adr.title.trim().is_empty() {
            adr.title = stem.to_string();
        }
    }
    // `status-text` keeps the words of an imported record: a status it gave none of, or a
    // "Partly superseded" that names no successor, is a faithful copy to finish, not an error
    let faithful = adr.status_text.is_some();
    match status_span {
        None if faithful => cx.warn(
            header.clone(),
            "missing-status",
            format!(
                "[adr] has no `status`, only the words it was imported with (`status-text`); set \
                 one of proposed, accepted, rejected, deprecated or superseded (adr:{})",
                adr.number
            ),
        ),
        None => cx.error(
            header.clone(),
            "missing-field",
            "[adr] has no `status` (proposed, accepted, rejected, deprecated or superseded)".into(),
        ),
        Some(span) => {
            if adr.status == AdrStatus::Superseded && adr.superseded_by.is_empty() {
                let message = format!(
                    "adr:{} is superseded but names no successor: add `superseded-by = [\"adr:N\"]`",
                    adr.number
                );
                if faithful {
                    cx.warn(span, "missing-successor", message);
                } else {
                    cx.error(span, "missing-successor", message);
                }
            }
        }
    }
    if number_span.is_some() && adr.number > 0 && from_name != Some(adr.number) {
        let span = number_span.unwrap_or(header);
        let msg = match from_name {
            Some(n) => format!(
                "file name says {n:04} but `number` = {}; rename the file to {:04}-....toml",
                adr.number, adr.number
            ),
            None => format!(
                "file name does not start with the record number; name it {:04}-slug.toml",
                adr.number
            ),
        };
        cx.warn(span, "file-name-mismatch", msg);
    }
    if let Some(span) = self_link_span {
        if adr.superseded_by.contains(&adr.reference()) || adr.supersedes.contains(&adr.reference())
        {
            cx.error(
                span,
                "bad-reference",
                format!("adr:{} cannot supersede itself", adr.number),
            );
        }
    }
    adr
}

/// References that must name ADRs (`supersedes`, `superseded-by`); a bare number is accepted.
fn adr_refs(cx: &mut Ctx<'_>, v: &Val<'_>, key: &str) -> Vec<Reference> {
    let items: Vec<&Val<'_>> = match v.get_ref() {
        DeValue::Array(a) => a.iter().collect(),
        _ => vec![v],
    };
    let mut out = Vec::new();
    for item in items {
        // `supersedes = [3]` is what people type: take it.
        if let DeValue::Integer(_) = item.get_ref() {
            if let Some(n) = cx.integer(item, key).and_then(|n| u32::try_from(n).ok()) {
                let r = Reference::adr(n);
                let (line, col) = cx.pos(item.span().start);
                cx.refs.push(super::fields::RefSite {
                    reference: r.clone(),
                    file: cx.file,
                    line,
                    col,
                    owner: cx.owner.clone(),
                });
                out.push(r);
            }
            continue;
        }
        if let Some(r) = cx.reference(item, key) {
            if r.kind == RefKind::Adr {
                out.push(r);
            } else {
                cx.refs.pop();
                cx.error(
                    item.span(),
                    "bad-reference",
                    format!("`{key}` must name decisions (adr:N), not `{r}`"),
                );
            }
        }
    }
    out
}

fn option(cx: &mut Ctx<'_>, v: &Val<'_>) -> Option<AdrOption> {
    let t = cx.table(v, "option")?;
    let mut o = AdrOption::default();
    for (k, v) in t.iter() {
        let name: &str = k.get_ref();
        match name {
            "name" => o.name = cx.string(v, name).unwrap_or_default(),
            "chosen" => o.chosen = cx.bool(v, name).unwrap_or(false),
            "description" => o.description = cx.string(v, name).unwrap_or_default(),
            "pros" => o.pros = cx.strings(v, name),
            "cons" => o.cons = cx.strings(v, name),
            _ => cx.unknown_field(k, OPTION_FIELDS, "[[adr.option]]"),
        }
    }
    if o.name.trim().is_empty() {
        cx.error(
            v.span(),
            "missing-field",
            "[[adr.option]] has no `name`".into(),
        );
    }
    Some(o)
}

/// `[[adr.section]]`: a markdown section kept verbatim (records imported from markdown).
fn section(cx: &mut Ctx<'_>, v: &Val<'_>) -> Option<(String, String)> {
    let t = cx.table(v, "section")?;
    let (mut heading, mut body) = (None, String::new());
    for (k, v) in t.iter() {
        let name: &str = k.get_ref();
        match name {
            "heading" => heading = cx.string(v, name),
            "body" => body = cx.string(v, name).unwrap_or_default(),
            _ => cx.unknown_field(k, &["heading", "body"], "[[adr.section]]"),
        }
    }
    if heading.is_none() {
        cx.error(
            v.span(),
            "missing-field",
            "[[adr.section]] has no `heading` (\"\" for text before the first section)".into(),
        );
    }
    Some((heading.unwrap_or_default(), body))
}
