//! One markdown file → one [`Adr`], whatever the dialect, with diagnostics for what could not be read.

mod sections;

use std::path::Path;

use super::date;
use super::document::{Document, Heading};
use super::front_matter::{self, Value};
pub use super::headings::normalize_heading;
use super::headings::{meta_line, split_title_number, Role, META_KEYS};
use super::names;
use super::options;
use super::status::{self, Rel, Target};
use super::Detail;
use crate::workspace::diagnostic::{Diagnostic, Severity};
use crate::workspace::model::{Adr, AdrSource, Origin};
use sections::Layout;

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
    let fm = FrontMatter::read(&doc);
    let mut title = Title::read(&doc, &fm, &stem, &mut b);
    let layout = Layout::of(&doc, title.heading);
    let (meta, preamble_lines) = Meta::read(&doc, title.heading, &layout);

    let mut draft = Draft {
        adr: Adr::new(
            title.number.unwrap_or(0),
            std::mem::take(&mut title.text),
            AdrSource::Markdown,
            Origin {
                file: file_index,
                line: title.heading.map_or(1, |h| h.line as u32 + 1),
                col: 1,
            },
        ),
        relations: Vec::new(),
        status: StatusSeen::in_front_matter(&fm, &doc),
        options: options::Options::default(),
        chosen: None,
    };
    if full {
        let preamble = trim_blank_lines(&preamble_lines);
        if !preamble.is_empty() {
            draft.adr.extra_sections.push((String::new(), preamble));
        }
    }
    draft.read_sections(&doc, &layout, full);
    draft.settle_status(&meta, &mut b);
    draft.read_date(&doc, &fm, &meta, &mut b);
    draft.read_front_matter_relations(&fm);
    draft.read_people_and_tags(&fm, &meta, full);
    let Draft {
        mut adr,
        mut relations,
        options: opts,
        chosen,
        ..
    } = draft;
    if full {
        let (options, leftovers) = opts.finish(chosen.as_deref());
        adr.options = options;
        adr.extra_sections.extend(leftovers);
    }
    adr.source = dialect(&fm, &meta, &layout, &title);
    if adr.source == AdrSource::Log4brains {
        adr.slug = Some(names::log4brains_slug(&stem));
    }

    let body_links = if full { body_links(&doc) } else { Vec::new() };
    if !full {
        // plain links (amends, relates to) only fill `links`, which a header read leaves empty
        relations.retain(|(rel, _)| !matches!(rel, Rel::Link | Rel::Verb(_)));
    }
    Parsed {
        path: path.to_path_buf(),
        adr,
        number: title.number,
        relations,
        body_links,
        diagnostics: b.diagnostics,
    }
}

/// The front matter's entries, and the line it starts on.
struct FrontMatter {
    first: usize,
    entries: Vec<front_matter::Entry>,
}

impl FrontMatter {
    fn read(doc: &Document) -> FrontMatter {
        let (first, entries) = doc
            .front_matter
            .as_ref()
            .map(|(first, lines)| (*first, front_matter::parse(lines)))
            .unwrap_or((0, Vec::new()));
        FrontMatter { first, entries }
    }

    fn get(&self, key: &str) -> Option<&front_matter::Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// Where entry `e`'s value starts (0-based line, 0-based char column), for diagnostics.
    fn line_col(&self, doc: &Document, e: &front_matter::Entry) -> (usize, usize) {
        let line = self.first + e.line;
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
    }
}

/// The `# Title` heading, and the number and title the record gets from it, the file name and
/// the front matter.
struct Title<'h, 'a> {
    heading: Option<&'h Heading<'a>>,
    name_number: Option<names::NameNumber>,
    /// The number written in the title heading.
    h1_number: Option<u32>,
    number: Option<u32>,
    text: String,
}

impl<'h, 'a> Title<'h, 'a> {
    fn read(doc: &'h Document<'a>, fm: &FrontMatter, stem: &str, b: &mut Builder) -> Title<'h, 'a> {
        let heading = doc.headings.iter().find(|h| h.level == 1);
        let name_number = names::number_from_name(stem);
        let fm_number = fm.get("number").and_then(|e| match &e.value {
            Value::Text(t) => t.trim().parse::<u32>().ok(),
            _ => None,
        });
        let known = name_number.map(|n| n.number).or(fm_number);
        let (h1_number, h1_title) = match heading {
            Some(h) => split_title_number(h.text, known),
            None => (None, ""),
        };
        if let (Some(file_n), Some(title_n), Some(h)) = (known, h1_number, heading) {
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
        let text = if !h1_title.is_empty() {
            status::unescape(h1_title)
        } else if let Some(Value::Text(t)) = fm.get("title").map(|e| &e.value) {
            t.clone()
        } else {
            b.warn(
                heading.map_or(doc.body_start, |h| h.line),
                0,
                "missing-title",
                "no `# Title` heading; the title is made from the file name".into(),
            );
            names::title_from_stem(stem)
        };
        Title {
            heading,
            name_number,
            h1_number,
            number: known.or(h1_number),
            text,
        }
    }
}

/// The metadata lines before the first section (`Status: Accepted`, `* Deciders: …`):
/// (key, value, 0-based line, 0-based char column of the value).
struct Meta {
    lines: Vec<(String, String, usize, usize)>,
    /// Whether they are written as a bullet list (MADR 2).
    bullets: bool,
}

impl Meta {
    /// The metadata lines of the preamble (before the title, and between it and the first
    /// section), and the preamble's other lines, kept as text.
    fn read<'a>(
        doc: &Document<'a>,
        title: Option<&Heading>,
        layout: &Layout,
    ) -> (Meta, Vec<&'a str>) {
        let mut lines: Vec<(String, String, usize, usize)> = Vec::new();
        let mut preamble_lines: Vec<&str> = Vec::new();
        let after_title = layout.after_title;
        let pre_title = title.map_or(doc.body_start..doc.body_start, |h| doc.body_start..h.line);
        for i in pre_title.chain(after_title..layout.first_boundary) {
            let line = doc.lines[i];
            if doc.code[i] && line.trim_start().starts_with("<!--") && i < after_title {
                continue; // lint directives before the title
            }
            if !doc.code[i] {
                if let Some((key, value, col)) = meta_line(line) {
                    if META_KEYS.contains(&key.as_str()) {
                        lines.push((key, value.to_string(), i, col));
                        continue;
                    }
                }
            }
            preamble_lines.push(line);
        }
        let bullets = lines
            .iter()
            .any(|(_, _, line, _)| doc.lines[*line].trim_start().starts_with(['*', '-', '+']));
        (Meta { lines, bullets }, preamble_lines)
    }

    fn get(&self, key: &str) -> Option<&(String, String, usize, usize)> {
        self.lines.iter().find(|m| m.0 == key)
    }
}

/// The status as far as the reading has got: where it was found, or where an unfilled
/// template placeholder stands in for it.
#[derive(Default)]
struct StatusSeen {
    found: Option<Found>,
    placeholder_at: Option<(usize, usize)>,
}

impl StatusSeen {
    /// The front matter's `status:`, which comes before any other.
    fn in_front_matter(fm: &FrontMatter, doc: &Document) -> StatusSeen {
        let mut seen = StatusSeen::default();
        if let Some(e) = fm.get("status") {
            let (line, col) = fm.line_col(doc, e);
            match &e.value {
                Value::Text(t) if status::is_placeholder(t) => {
                    seen.placeholder_at = Some((line, col))
                }
                Value::Text(t) if !t.trim().is_empty() => {
                    seen.found = Some(Found {
                        text: t.trim().to_string(),
                        line,
                        col,
                    })
                }
                Value::Mapping(_) => seen.placeholder_at = Some((line, col)),
                _ => {}
            }
        }
        seen
    }
}

/// What the steps of [`parse`] fill in, in turn.
struct Draft {
    adr: Adr,
    relations: Vec<(Rel, Target)>,
    status: StatusSeen,
    options: options::Options,
    /// The chosen option as the decision names it.
    chosen: Option<String>,
}

impl Draft {
    /// The status once every place has been looked at (last, a `Status:` metadata line):
    /// classified, its relations read, or a warning when it is unknown or missing.
    fn settle_status(&mut self, meta: &Meta, b: &mut Builder) {
        let seen = &mut self.status;
        if seen.found.is_none() {
            if let Some((_, value, line, col)) = meta.get("status") {
                if status::is_placeholder(value) {
                    seen.placeholder_at = Some((*line, *col));
                } else if !value.is_empty() {
                    seen.found = Some(Found {
                        text: value.clone(),
                        line: *line,
                        col: *col,
                    });
                }
            }
        }
        // `**superseded by [MADR-077](…)**`: the emphasis is markup, not part of the status
        if let Some(f) = &mut seen.found {
            let bare = status::strip_emphasis(&f.text);
            if bare.len() != f.text.len() && !bare.is_empty() {
                f.text = bare.to_string();
            }
        }
        let adr = &mut self.adr;
        match &seen.found {
            Some(f) => {
                self.relations.extend(status::relations(&f.text));
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
                let (line, col) = seen
                    .placeholder_at
                    .unwrap_or((adr.origin.line as usize - 1, 0));
                let message = if seen.placeholder_at.is_some() {
                    "the status is an unfilled template placeholder; shown as unknown"
                } else {
                    "no status (front matter `status:`, a `## Status` section or a `Status:` line); shown as unknown"
                };
                b.warn(line, col, "missing-status", message.into());
            }
        }
    }

    /// The date: front matter, then a `Date:` metadata line, then a date in the status line.
    fn read_date(&mut self, doc: &Document, fm: &FrontMatter, meta: &Meta, b: &mut Builder) {
        let date_source: Option<(String, usize, usize)> = match fm.get("date") {
            Some(e) => match &e.value {
                Value::Text(t) if !t.trim().is_empty() => {
                    let (l, c) = fm.line_col(doc, e);
                    Some((t.clone(), l, c))
                }
                _ => None,
            },
            None => None,
        }
        .or_else(|| meta.get("date").map(|(_, v, l, c)| (v.clone(), *l, *c)));
        match date_source {
            Some((text, line, col)) => match date::normalize(&text) {
                Some(d) => self.adr.date = Some(d),
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
            None => {
                self.adr.date = self
                    .status
                    .found
                    .as_ref()
                    .and_then(|f| date::normalize(&f.text))
            }
        }
    }

    /// Relations named in the front matter (Vultron: `supersedes: 0015-x.md`).
    fn read_front_matter_relations(&mut self, fm: &FrontMatter) {
        for e in &fm.entries {
            let Some(rel) = status::front_matter_rel(&e.key) else {
                continue;
            };
            self.relations.extend(
                e.value
                    .names()
                    .iter()
                    .filter_map(|v| status::front_matter_target(v))
                    .map(|t| (rel, t)),
            );
        }
    }

    /// Deciders and tags from the front matter and the metadata lines; with a full read,
    /// the consulted and informed as sections.
    fn read_people_and_tags(&mut self, fm: &FrontMatter, meta: &Meta, full: bool) {
        let adr = &mut self.adr;
        for key in ["deciders", "decision-makers"] {
            if let Some(e) = fm.get(key) {
                adr.deciders.extend(e.value.names());
            }
        }
        for key in ["deciders", "decision-makers", "decision makers"] {
            if let Some((_, v, _, _)) = meta.get(key) {
                adr.deciders.extend(Value::Text(v.clone()).names());
            }
        }
        if let Some(e) = fm.get("tags") {
            adr.tags.extend(e.value.names());
        }
        if let Some((_, v, _, _)) = meta.get("tags") {
            adr.tags.extend(Value::Text(v.clone()).names());
        }
        for (key, heading) in [("consulted", "Consulted"), ("informed", "Informed")]
            .into_iter()
            .filter(|_| full)
        {
            let mut names: Vec<String> = fm.get(key).map(|e| e.value.names()).unwrap_or_default();
            if let Some((_, v, _, _)) = meta.get(key) {
                names.extend(Value::Text(v.clone()).names());
            }
            if !names.is_empty() {
                adr.extra_sections
                    .push((heading.to_string(), names.join(", ")));
            }
        }
    }
}

/// Which dialect the record is written in, from the marks each leaves.
fn dialect(fm: &FrontMatter, meta: &Meta, layout: &Layout, title: &Title) -> AdrSource {
    let fm_madr = [
        "status",
        "date",
        "deciders",
        "decision-makers",
        "consulted",
        "informed",
    ]
    .iter()
    .any(|k| fm.get(k).is_some());
    if title.name_number.is_some_and(|n| n.is_date) {
        AdrSource::Log4brains
    } else if fm_madr {
        AdrSource::Madr3
    } else if meta.bullets {
        AdrSource::Madr2
    } else if layout.madr_sections {
        AdrSource::Madr3
    } else if layout.roles.contains(&Role::Status)
        || meta.get("date").is_some()
        || title.h1_number.is_some()
    {
        AdrSource::Nygard
    } else {
        AdrSource::Markdown
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
