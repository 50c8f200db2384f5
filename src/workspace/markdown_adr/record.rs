//! One markdown file → one [`Adr`], whatever the dialect, with diagnostics for what could not be read.

use std::path::Path;

use super::date;
use super::document::{Document, Heading};
use super::front_matter::{self, Value};
use super::names;
use super::options;
use super::status::{self, Rel, Target};
use super::Detail;
use crate::workspace::diagnostic::{Diagnostic, Severity};
use crate::workspace::model::{Adr, AdrSource, Origin};

/// A record before the folder is known: links still point at file names or numbers.
#[derive(Debug)]
pub struct Parsed {
    /// The file, for diagnostics.
    pub path: std::path::PathBuf,
    /// `adr.number` is 0 when `number` is None.
    pub adr: Adr,
    /// From the file name, the front matter or the title; None when nothing gave one.
    pub number: Option<u32>,
    pub relations: Vec<(Rel, Target)>,
    /// Other records the text links to (`[see](0007-x.md)`).
    pub body_links: Vec<Target>,
    /// `target` is filled in once the number is final.
    pub diagnostics: Vec<Diagnostic>,
}

/// What a section heading means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Context,
    Drivers,
    Decision,
    Consequences,
    Options,
    ProsCons,
    Status,
    Links,
    Other,
}

/// Lower case, no emphasis, no numbering (`1. Context`), no trailing colon.
pub fn normalize_heading(h: &str) -> String {
    // the common case, a plain heading: one allocation
    if h.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ') && !h.contains("  ") {
        return h.to_ascii_lowercase();
    }
    let p = status::plain(h).to_lowercase();
    let t = p.trim().trim_end_matches(':').trim();
    let t = t
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['.', ')'])
        .trim();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
fn role(heading: &str) -> Role {
    role_of_normalized(&normalize_heading(heading))
}

/// The role of each heading, and whether any is one of the names only MADR 3/4 use: one
/// normalisation per heading, on the stack for the common plain heading.
fn roles(headings: &[&Heading]) -> (Vec<Role>, bool) {
    let mut madr_named = false;
    let mut roles = Vec::with_capacity(headings.len());
    let mut buf = [0u8; 64];
    for h in headings {
        let owned;
        let n = match plain_heading_lower(h.text, &mut buf) {
            Some(n) => n,
            None => {
                owned = normalize_heading(h.text);
                owned.as_str()
            }
        };
        madr_named |= matches!(
            n,
            "context and problem statement" | "considered options" | "decision outcome"
        );
        roles.push(role_of_normalized(n));
    }
    (roles, madr_named)
}

/// [`normalize_heading`] of a plain heading (ASCII letters and single spaces, at most 64 bytes),
/// written into `buf`; None for any other heading.
fn plain_heading_lower<'b>(h: &str, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    if h.len() > buf.len()
        || !h.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ')
        || h.contains("  ")
    {
        return None;
    }
    let out = &mut buf[..h.len()];
    out.copy_from_slice(h.as_bytes());
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

fn role_of_normalized(heading: &str) -> Role {
    match heading {
        "context"
        | "context and problem statement"
        | "problem statement"
        | "context and problem"
        | "background"
        | "problem"
        | "context and background" => Role::Context,
        "decision drivers" | "drivers" | "forces" => Role::Drivers,
        "decision" | "decision outcome" | "outcome" | "the decision" => Role::Decision,
        "consequences" | "implications" => Role::Consequences,
        "considered options"
        | "considered alternatives"
        | "options considered"
        | "alternatives considered"
        | "alternatives"
        | "options" => Role::Options,
        "pros and cons of the options" | "pros and cons of the alternatives" | "pros and cons" => {
            Role::ProsCons
        }
        "status" => Role::Status,
        "links" | "related decisions" | "related" => Role::Links,
        _ => Role::Other,
    }
}

/// `Status: Accepted` as a heading → `Accepted`.
fn status_in_heading(h: &str) -> Option<&str> {
    let t = h.trim_start_matches(['*', '_']);
    let head = t.get(..6)?;
    if !head.eq_ignore_ascii_case("status") {
        return None;
    }
    let rest = t[6..].trim_start_matches(['*', '_']).strip_prefix(':')?;
    let rest = rest.trim_start_matches(['*', '_']).trim();
    (!rest.is_empty()).then_some(rest)
}

/// `# 12. Title`, `# 23 Title`, `# ADR-0012: Title`, `# 0. Record` → (number, title).
/// A bare number followed by a space counts only when no other number contradicts it.
fn split_title_number(h1: &str, other: Option<u32>) -> (Option<u32>, &str) {
    let lower = h1.to_ascii_lowercase();
    let prefix = ["adr-", "adr ", "adr_", "adr"]
        .iter()
        .find(|p| lower.starts_with(*p) && h1[p.len()..].starts_with(|c: char| c.is_ascii_digit()))
        .map_or(0, |p| p.len());
    let s = &h1[prefix..];
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return (None, h1);
    }
    let Ok(n) = s[..digits].parse::<u32>() else {
        return (None, h1);
    };
    let rest = &s[digits..];
    let title = if let Some(r) = rest.strip_prefix(['.', ':', ')']) {
        if !(r.is_empty() || r.starts_with([' ', '\t'])) {
            return (None, h1); // `1.5 million users`
        }
        r
    } else if rest.starts_with([' ', '\t']) {
        if prefix == 0 && other.is_some_and(|o| o != n) {
            return (None, h1);
        }
        rest
    } else if rest.is_empty() && prefix > 0 {
        rest
    } else {
        return (None, h1);
    };
    let title = title.trim_start();
    let title = title
        .strip_prefix("- ")
        .or_else(|| title.strip_prefix("– "))
        .or_else(|| title.strip_prefix(": "))
        .unwrap_or(title);
    (Some(n), title.trim())
}

/// `* **Status:** Accepted` / `- Date: 2021-03-04` / `Date: 2020-09-04` / `**Status**: Done`
/// → (lower-case key, value, 0-based char column of the value).
fn meta_line(line: &str) -> Option<(String, &str, usize)> {
    let t = line.trim_start();
    let t = t
        .strip_prefix("* ")
        .or_else(|| t.strip_prefix("- "))
        .or_else(|| t.strip_prefix("+ "))
        .unwrap_or(t);
    let colon = t.find(':')?;
    // `https://...` is not a key
    if !t[colon + 1..].is_empty() && !t[colon + 1..].starts_with([' ', '\t', '*', '_']) {
        return None;
    }
    let key: String = t[..colon]
        .chars()
        .filter(|c| !matches!(c, '*' | '_'))
        .collect();
    let key = key.trim().to_lowercase();
    if key.is_empty()
        || key.len() > 20
        || !key
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
    {
        return None;
    }
    let value = t[colon + 1..]
        .trim_start_matches(['*', '_', ' ', '\t'])
        .trim_end();
    // `value` is a slice of `line`: its byte offset gives the column
    let offset = (value.as_ptr() as usize - line.as_ptr() as usize).min(line.len());
    let col = line.get(..offset).map_or(0, |s| s.chars().count());
    Some((key, value, col))
}

const META_KEYS: [&str; 8] = [
    "status",
    "date",
    "deciders",
    "decision-makers",
    "decision makers",
    "tags",
    "consulted",
    "informed",
];

struct Builder<'p> {
    path: &'p Path,
    diagnostics: Vec<Diagnostic>,
}

impl Builder<'_> {
    fn warn(&mut self, line: usize, col: usize, code: &'static str, message: String) {
        self.diagnostics.push(Diagnostic {
            file: self.path.to_path_buf(),
            line: line as u32 + 1,
            col: col as u32 + 1,
            severity: Severity::Warning,
            code,
            message,
            target: None,
        });
    }
}

/// A status as found: the text, and where it was (0-based line, 0-based char column).
struct Found {
    text: String,
    line: usize,
    col: usize,
}

/// Reads one record. `path` is the file's path for diagnostics; `file_index` goes into the origin.
/// With [`Detail::Headers`] the sections, options and body links are left empty; every other
/// field and every diagnostic is the same as with [`Detail::Full`].
pub fn parse(path: &Path, text: &str, file_index: usize, detail: Detail) -> Parsed {
    let full = detail == Detail::Full;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let doc = Document::new(text);
    let mut b = Builder {
        path,
        diagnostics: Vec::new(),
    };

    // ---- front matter
    let fm = doc
        .front_matter
        .as_ref()
        .map(|(first, lines)| (*first, front_matter::parse(lines)))
        .unwrap_or((0, Vec::new()));
    let fm_get = |key: &str| fm.1.iter().find(|e| e.key == key);
    let fm_line_col = |e: &front_matter::Entry| -> (usize, usize) {
        let line = fm.0 + e.line;
        let l = doc.lines.get(line).copied().unwrap_or("");
        let col = l
            .find(':')
            .map(|c| {
                let after = &l[c + 1..];
                l[..c + 1 + (after.len() - after.trim_start().len())]
                    .chars()
                    .count()
            })
            .unwrap_or(0);
        (line, col)
    };

    // ---- title and number
    let title_h = doc.headings.iter().find(|h| h.level == 1);
    let name_number = names::number_from_name(&stem);
    let fm_number = fm_get("number").and_then(|e| match &e.value {
        Value::Text(t) => t.trim().parse::<u32>().ok(),
        _ => None,
    });
    let known = name_number.map(|n| n.number).or(fm_number);
    let (h1_number, h1_title) = match title_h {
        Some(h) => split_title_number(h.text, known),
        None => (None, ""),
    };
    if let (Some(file_n), Some(title_n), Some(h)) = (known, h1_number, title_h) {
        if file_n != title_n {
            b.warn(
                h.line,
                0,
                "number-mismatch",
                format!(
                    "the title says {title_n} but the file name says {file_n}; listed as {file_n}"
                ),
            );
        }
    }
    let number = known.or(h1_number);
    let title = if !h1_title.is_empty() {
        status::unescape(h1_title)
    } else if let Some(Value::Text(t)) = fm_get("title").map(|e| &e.value) {
        t.clone()
    } else {
        b.warn(
            title_h.map_or(doc.body_start, |h| h.line),
            0,
            "missing-title",
            "no `# Title` heading; the title is made from the file name".into(),
        );
        names::title_from_stem(&stem)
    };

    // ---- sections
    let rest: Vec<&Heading> = doc
        .headings
        .iter()
        .filter(|h| title_h.is_none_or(|t| t.line != h.line))
        .collect();
    let section_level = if rest.iter().any(|h| h.level == 2) {
        2
    } else if rest.iter().any(|h| h.level == 1) {
        1
    } else {
        rest.iter().map(|h| h.level).min().unwrap_or(7)
    };
    let boundaries: Vec<&Heading> = rest
        .iter()
        .copied()
        .filter(|h| h.level <= section_level)
        .collect();
    let (roles, madr_sections) = roles(&boundaries);
    let after_title = title_h.map_or(doc.body_start, |h| h.line + 1);
    let first_boundary = boundaries
        .iter()
        .map(|h| h.line)
        .find(|l| *l >= after_title)
        .unwrap_or(doc.lines.len());

    // ---- preamble: metadata lines, the rest kept as text
    let mut meta: Vec<(String, String, usize, usize)> = Vec::new();
    let mut preamble_lines: Vec<&str> = Vec::new();
    let pre_title = title_h.map_or(doc.body_start..doc.body_start, |h| doc.body_start..h.line);
    for i in pre_title.chain(after_title..first_boundary) {
        let line = doc.lines[i];
        if doc.code[i] && line.trim_start().starts_with("<!--") && i < after_title {
            continue; // lint directives before the title
        }
        if !doc.code[i] {
            if let Some((key, value, col)) = meta_line(line) {
                if META_KEYS.contains(&key.as_str()) {
                    meta.push((key, value.to_string(), i, col));
                    continue;
                }
            }
        }
        preamble_lines.push(line);
    }
    let meta_get = |key: &str| meta.iter().find(|m| m.0 == key);
    let has_meta_bullets = meta
        .iter()
        .any(|(_, _, line, _)| doc.lines[*line].trim_start().starts_with(['*', '-', '+']));

    let mut adr = Adr::new(
        number.unwrap_or(0),
        title,
        AdrSource::Markdown,
        Origin {
            file: file_index,
            line: title_h.map_or(1, |h| h.line as u32 + 1),
            col: 1,
        },
    );
    if full {
        let preamble = trim_blank_lines(&preamble_lines);
        if !preamble.is_empty() {
            adr.extra_sections.push((String::new(), preamble));
        }
    }
    let mut relations: Vec<(Rel, Target)> = Vec::new();

    // ---- status: front matter, then `## Status`, then a metadata line
    let mut found: Option<Found> = None;
    let mut placeholder_at: Option<(usize, usize)> = None;
    if let Some(e) = fm_get("status") {
        let (line, col) = fm_line_col(e);
        match &e.value {
            Value::Text(t) if status::is_placeholder(t) => placeholder_at = Some((line, col)),
            Value::Text(t) if !t.trim().is_empty() => {
                found = Some(Found {
                    text: t.trim().to_string(),
                    line,
                    col,
                })
            }
            Value::Mapping(_) => placeholder_at = Some((line, col)),
            _ => {}
        }
    }
    let mut opts = options::Options::default();
    let mut chosen_text: Option<String> = None;
    for (k, h) in boundaries.iter().enumerate() {
        if h.line < after_title {
            continue;
        }
        let end = boundaries.get(k + 1).map_or(doc.lines.len(), |n| n.line);
        // the section's text, built only where it is kept
        let body = || doc.text(h.line + 1, end);
        // `## Status: Accepted`: the status in the heading itself
        if let Some(text) = status_in_heading(h.text).filter(|_| found.is_none()) {
            let line = doc.lines[h.line];
            // `text` is a slice of `line`
            let col = (text.as_ptr() as usize).saturating_sub(line.as_ptr() as usize);
            found = Some(Found {
                text: text.to_string(),
                line: h.line,
                col: doc.lines[h.line]
                    .get(..col)
                    .map_or(0, |s| s.chars().count()),
            });
            if full {
                let body = body();
                if !body.is_empty() {
                    adr.extra_sections.push(("Status".to_string(), body));
                }
            }
            continue;
        }
        let role = roles[k];
        if !full && !matches!(role, Role::Status | Role::Links) {
            continue;
        }
        match role {
            Role::Status if found.is_none() => {
                let mut status_line = None;
                let mut remainder: Vec<&str> = Vec::new();
                let mut superseded_line = None;
                for i in h.line + 1..end {
                    let line = doc.lines[i];
                    if doc.code[i] || line.trim().is_empty() {
                        if full {
                            remainder.push(line);
                        }
                        continue;
                    }
                    if status::is_relation_line(line) {
                        let rels = status::relations(line);
                        if superseded_line.is_none()
                            && rels.iter().any(|(r, _)| *r == Rel::SupersededBy)
                        {
                            superseded_line = Some((i, line));
                        }
                        relations.extend(rels);
                        continue;
                    }
                    if status_line.is_none() {
                        status_line = Some((i, line));
                    } else if full {
                        remainder.push(line);
                    }
                }
                let chosen = status_line.or(superseded_line);
                if let Some((i, line)) = chosen {
                    let indent = line.chars().take_while(|c| c.is_whitespace()).count();
                    found = Some(Found {
                        text: line.trim().to_string(),
                        line: i,
                        col: indent,
                    });
                } else {
                    placeholder_at.get_or_insert((h.line, 0));
                }
                if full {
                    let rest = trim_blank_lines(&remainder);
                    if !rest.is_empty() {
                        adr.extra_sections.push((status::unescape(h.text), rest));
                    }
                }
            }
            Role::Status => {
                // the status came from the front matter; keep this section as written
                for i in h.line + 1..end {
                    if status::is_relation_line(doc.lines[i]) {
                        relations.extend(status::relations(doc.lines[i]));
                    }
                }
                if full {
                    adr.extra_sections.push((status::unescape(h.text), body()));
                }
            }
            Role::Context if adr.context.is_empty() => adr.context = body(),
            Role::Drivers if adr.drivers.is_empty() => adr.drivers = body(),
            Role::Consequences if adr.consequences.is_empty() => adr.consequences = body(),
            Role::Decision if adr.decision.is_empty() => {
                let (decision, consequences) =
                    options::split_consequences(&doc, h.line + 1, end, section_level + 1);
                adr.decision = decision;
                if adr.consequences.is_empty() {
                    adr.consequences = consequences;
                } else if !consequences.is_empty() {
                    adr.extra_sections
                        .push(("Consequences".to_string(), consequences));
                }
                if chosen_text.is_none() {
                    chosen_text = options::chosen_option(&adr.decision);
                }
            }
            Role::Options if opts.names_section.is_none() => {
                opts.read_list(h.text, &doc, h.line + 1, end, section_level + 1);
            }
            Role::ProsCons if opts.pros_cons_section.is_none() => {
                opts.read_pros_cons(h.text, &doc, h.line + 1, end, section_level + 1);
            }
            Role::Links => {
                for i in h.line + 1..end {
                    if !doc.code[i] {
                        relations.extend(status::relations(doc.lines[i]));
                    }
                }
                if full {
                    adr.extra_sections.push((status::unescape(h.text), body()));
                }
            }
            _ => adr.extra_sections.push((status::unescape(h.text), body())),
        }
    }
    if found.is_none() {
        if let Some((_, value, line, col)) = meta_get("status") {
            if status::is_placeholder(value) {
                placeholder_at = Some((*line, *col));
            } else if !value.is_empty() {
                found = Some(Found {
                    text: value.clone(),
                    line: *line,
                    col: *col,
                });
            }
        }
    }
    // `**superseded by [MADR-077](…)**`: the emphasis is markup, not part of the status
    if let Some(f) = &mut found {
        let bare = status::strip_emphasis(&f.text);
        if bare.len() != f.text.len() && !bare.is_empty() {
            f.text = bare.to_string();
        }
    }
    match &found {
        Some(f) => {
            relations.extend(status::relations(&f.text));
            match status::classify(&f.text) {
                Some(s) => {
                    adr.status = s;
                    if f.text.to_lowercase() != s.key() {
                        adr.status_text = Some(f.text.clone());
                    }
                }
                None => {
                    adr.status_text = Some(f.text.clone());
                    b.warn(
                        f.line,
                        f.col,
                        "unknown-status",
                        format!(
                            "status `{}` is none of proposed, accepted, rejected, deprecated, superseded; shown as unknown",
                            f.text
                        ),
                    );
                }
            }
        }
        None => {
            let (line, col) = placeholder_at.unwrap_or((adr.origin.line as usize - 1, 0));
            let message = if placeholder_at.is_some() {
                "the status is an unfilled template placeholder; shown as unknown"
            } else {
                "no status (front matter `status:`, a `## Status` section or a `Status:` line); shown as unknown"
            };
            b.warn(line, col, "missing-status", message.into());
        }
    }
    // ---- date
    let date_source: Option<(String, usize, usize)> = match fm_get("date") {
        Some(e) => match &e.value {
            Value::Text(t) if !t.trim().is_empty() => {
                let (l, c) = fm_line_col(e);
                Some((t.clone(), l, c))
            }
            _ => None,
        },
        None => None,
    }
    .or_else(|| meta_get("date").map(|(_, v, l, c)| (v.clone(), *l, *c)));
    match date_source {
        Some((text, line, col)) => match date::normalize(&text) {
            Some(d) => adr.date = Some(d),
            None if text.trim_start().starts_with('{') => {}
            None => b.warn(
                line,
                col,
                "bad-date",
                format!(
                    "`{text}` is not a date this reader knows (YYYY-MM-DD, DD/MM/YYYY, DD/MM/YY)"
                ),
            ),
        },
        None => adr.date = found.as_ref().and_then(|f| date::normalize(&f.text)),
    }

    // ---- relations named in the front matter (Vultron: `supersedes: 0015-x.md`)
    for e in &fm.1 {
        let Some(rel) = status::front_matter_rel(&e.key) else {
            continue;
        };
        relations.extend(
            e.value
                .names()
                .iter()
                .filter_map(|v| status::front_matter_target(v))
                .map(|t| (rel, t)),
        );
    }

    // ---- people and tags
    for key in ["deciders", "decision-makers"] {
        if let Some(e) = fm_get(key) {
            adr.deciders.extend(e.value.names());
        }
    }
    for key in ["deciders", "decision-makers", "decision makers"] {
        if let Some((_, v, _, _)) = meta_get(key) {
            adr.deciders.extend(Value::Text(v.clone()).names());
        }
    }
    if let Some(e) = fm_get("tags") {
        adr.tags.extend(e.value.names());
    }
    if let Some((_, v, _, _)) = meta_get("tags") {
        adr.tags.extend(Value::Text(v.clone()).names());
    }
    for (key, heading) in [("consulted", "Consulted"), ("informed", "Informed")]
        .into_iter()
        .filter(|_| full)
    {
        let mut names: Vec<String> = fm_get(key).map(|e| e.value.names()).unwrap_or_default();
        if let Some((_, v, _, _)) = meta_get(key) {
            names.extend(Value::Text(v.clone()).names());
        }
        if !names.is_empty() {
            adr.extra_sections
                .push((heading.to_string(), names.join(", ")));
        }
    }

    // ---- options
    if full {
        let (options, leftovers) = opts.finish(chosen_text.as_deref());
        adr.options = options;
        adr.extra_sections.extend(leftovers);
    }

    // ---- dialect
    let fm_madr = [
        "status",
        "date",
        "deciders",
        "decision-makers",
        "consulted",
        "informed",
    ]
    .iter()
    .any(|k| fm_get(k).is_some());
    adr.source = if name_number.is_some_and(|n| n.is_date) {
        adr.slug = Some(names::log4brains_slug(&stem));
        AdrSource::Log4brains
    } else if fm_madr {
        AdrSource::Madr3
    } else if has_meta_bullets {
        AdrSource::Madr2
    } else if madr_sections {
        AdrSource::Madr3
    } else if roles.contains(&Role::Status) || meta_get("date").is_some() || h1_number.is_some() {
        AdrSource::Nygard
    } else {
        AdrSource::Markdown
    };

    let body_links = if full { body_links(&doc) } else { Vec::new() };
    if !full {
        // plain links (amends, relates to) only fill `links`, which a header read leaves empty
        relations.retain(|(rel, _)| !matches!(rel, Rel::Link | Rel::Verb(_)));
    }
    Parsed {
        path: path.to_path_buf(),
        adr,
        number,
        relations,
        body_links,
        diagnostics: b.diagnostics,
    }
}

/// Links to other records anywhere in the text outside code: `[ADR-0045](0045-x.md)`.
fn body_links(doc: &Document) -> Vec<Target> {
    let mut out = Vec::new();
    for (i, line) in doc.lines.iter().enumerate().skip(doc.body_start) {
        if doc.code[i] {
            continue;
        }
        // `](` found through its `]` (a one-byte search is much cheaper than a substring search)
        let mut rest = *line;
        while let Some(at) = rest.find(']') {
            let Some(tail) = rest[at + 1..].strip_prefix('(') else {
                rest = &rest[at + 1..];
                continue;
            };
            let end = tail.find(')').unwrap_or(tail.len());
            if let Some(file) = status::record_file_of(&tail[..end]) {
                out.push(Target::File(file));
            }
            rest = &tail[end..];
        }
    }
    out
}

pub fn trim_blank_lines(lines: &[&str]) -> String {
    let Some(first) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return String::new();
    };
    let last = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .unwrap_or(first);
    lines[first..=last].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_numbers() {
        assert_eq!(split_title_number("12. Use X", None), (Some(12), "Use X"));
        assert_eq!(split_title_number("23 Use X", None), (Some(23), "Use X"));
        assert_eq!(split_title_number("23 Use X", Some(24)), (None, "23 Use X"));
        assert_eq!(
            split_title_number("30. Use X", Some(31)),
            (Some(30), "Use X")
        );
        assert_eq!(
            split_title_number("ADR-0012: Use X", None),
            (Some(12), "Use X")
        );
        assert_eq!(
            split_title_number("ADR 7 - Use X", None),
            (Some(7), "Use X")
        );
        assert_eq!(split_title_number("0. Record", None), (Some(0), "Record"));
        assert_eq!(
            split_title_number("2FA for admins", None),
            (None, "2FA for admins")
        );
        assert_eq!(
            split_title_number("1.5 million", None),
            (None, "1.5 million")
        );
        assert_eq!(split_title_number("Use X", None), (None, "Use X"));
        assert_eq!(
            split_title_number("33.  Increase", Some(33)),
            (Some(33), "Increase")
        );
    }

    #[test]
    fn metadata_lines() {
        let m = |l| meta_line(l).map(|(k, v, c)| (k, v.to_string(), c));
        assert_eq!(
            m("* Status: accepted"),
            Some(("status".into(), "accepted".into(), 10))
        );
        assert_eq!(
            m("- **Status:** Accepted"),
            Some(("status".into(), "Accepted".into(), 14))
        );
        assert_eq!(
            m("**Status**: Done 3/4/21").map(|x| x.1),
            Some("Done 3/4/21".into())
        );
        assert_eq!(m("Date: 2020-09-04").map(|x| x.0), Some("date".into()));
        assert_eq!(m("See https://x.org"), None);
        assert_eq!(m("A long sentence that happens to have: a colon"), None);
    }

    #[test]
    fn status_headings() {
        assert_eq!(status_in_heading("Status: Accepted"), Some("Accepted"));
        assert_eq!(
            status_in_heading("**Status:** ✅ Accepted"),
            Some("✅ Accepted")
        );
        assert_eq!(status_in_heading("Status"), None);
        assert_eq!(status_in_heading("Statusänderung"), None);
        assert_eq!(status_in_heading("Sta"), None);
    }

    #[test]
    fn plain_headings_normalise_on_the_stack_as_on_the_heap() {
        let mut buf = [0u8; 64];
        for h in [
            "Context and Problem Statement",
            "Status",
            "A",
            "",
            "Decision Outcome",
        ] {
            assert_eq!(
                plain_heading_lower(h, &mut buf),
                Some(normalize_heading(h).as_str())
            );
        }
        for h in [
            "1. Context",
            "**Status**",
            "Two  spaces",
            "Statusänderung",
            &"x".repeat(65),
        ] {
            assert_eq!(plain_heading_lower(h, &mut buf), None, "{h}");
        }
    }

    #[test]
    fn heading_roles() {
        assert_eq!(role("Context and Problem Statement"), Role::Context);
        assert_eq!(role("1. Context:"), Role::Context);
        assert_eq!(role("**Status**"), Role::Status);
        assert_eq!(role("Pros and Cons of the Options"), Role::ProsCons);
        assert_eq!(role("More Information"), Role::Other);
    }
}
