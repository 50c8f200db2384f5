//! Editing markdown records in their own dialect, line by line: every line the edit does not
//! touch keeps its bytes (line endings included), and what is written follows the tool that
//! made the folder — adr-tools' link lines and status handling to the byte, MADR's bullets or
//! front matter, log4brains' slug links.

use super::document::Document;
use super::status;
use crate::workspace::model::{AdrSource, AdrStatus};

/// How a record writes its metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// adr-tools / Nygard: `# N. Title`, `Date:`, `## Status` with link lines.
    Nygard,
    /// MADR 2: `* Status:` bullets under the title.
    Madr2,
    /// MADR 3: YAML front matter, status may hold a link.
    Madr3,
    /// MADR 4: YAML front matter with `decision-makers`, quoted status without a link.
    Madr4,
    /// log4brains: `- Status:` bullets, date-slug file names, links by slug.
    Log4brains,
}

impl Dialect {
    /// The dialect to write a record read as `source` in (its text tells MADR 4 from 3).
    pub fn of(source: AdrSource, text: &str) -> Dialect {
        match source {
            AdrSource::Madr2 => Dialect::Madr2,
            AdrSource::Madr3 => {
                let doc = Document::new(text);
                let madr4 = doc.front_matter.as_ref().is_some_and(|(_, lines)| {
                    lines.iter().any(|l| l.starts_with("decision-makers:"))
                });
                if madr4 {
                    Dialect::Madr4
                } else {
                    Dialect::Madr3
                }
            }
            AdrSource::Log4brains => Dialect::Log4brains,
            AdrSource::Nygard | AdrSource::Markdown | AdrSource::Toml => Dialect::Nygard,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Dialect::Nygard => "adr-tools",
            Dialect::Madr2 => "MADR 2",
            Dialect::Madr3 => "MADR 3",
            Dialect::Madr4 => "MADR 4",
            Dialect::Log4brains => "log4brains",
        }
    }
}

/// Another record, as a link line names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordLink {
    pub number: u32,
    pub title: String,
    /// File name in the same folder (`0002-use-x.md`).
    pub file: String,
}

impl RecordLink {
    /// `[2. Use X](0002-use-x.md)` (adr-tools), `[ADR-0002](0002-use-x.md)` (MADR),
    /// `[20201016-use-x](20201016-use-x.md)` (log4brains).
    pub fn markdown(&self, dialect: Dialect) -> String {
        match dialect {
            Dialect::Nygard => format!("[{}. {}]({})", self.number, self.title, self.file),
            Dialect::Madr2 | Dialect::Madr3 | Dialect::Madr4 => {
                format!("[ADR-{:04}]({})", self.number, self.file)
            }
            Dialect::Log4brains => {
                let stem = self.file.rsplit_once('.').map_or(&*self.file, |(s, _)| s);
                format!("[{stem}]({})", self.file)
            }
        }
    }
}

/// The file's lines, each with its own line ending, so untouched lines keep their bytes.
struct Lines {
    lines: Vec<(String, &'static str)>,
    /// The ending new lines get: the file's first one, `\n` when it has none.
    eol: &'static str,
}

impl Lines {
    fn new(text: &str) -> Lines {
        let mut lines = Vec::new();
        let mut eol = None;
        for piece in text.split_inclusive('\n') {
            let (body, end) = if let Some(b) = piece.strip_suffix("\r\n") {
                (b, "\r\n")
            } else if let Some(b) = piece.strip_suffix('\n') {
                (b, "\n")
            } else {
                (piece, "")
            };
            if !end.is_empty() && eol.is_none() {
                eol = Some(end);
            }
            lines.push((body.to_string(), end));
        }
        Lines {
            lines,
            eol: eol.unwrap_or("\n"),
        }
    }

    fn text(&self) -> String {
        let mut out = String::new();
        for (body, end) in &self.lines {
            out.push_str(body);
            out.push_str(end);
        }
        out
    }

    fn get(&self, i: usize) -> &str {
        self.lines.get(i).map_or("", |(b, _)| b.as_str())
    }

    fn len(&self) -> usize {
        self.lines.len()
    }

    fn set(&mut self, i: usize, body: String) {
        if let Some(l) = self.lines.get_mut(i) {
            // a byte order mark stays the file's first character
            let bom = i == 0 && l.0.starts_with(BOM) && !body.starts_with(BOM);
            l.0 = if bom { format!("{BOM}{body}") } else { body };
        }
    }

    /// Inserts lines before line `at`; at the end, the last line first gets an ending.
    fn insert(&mut self, at: usize, new: &[String]) {
        let eol = self.eol;
        if at >= self.lines.len() {
            if let Some(last) = self.lines.last_mut() {
                if last.1.is_empty() {
                    last.1 = eol;
                }
            }
        }
        let at = at.min(self.lines.len());
        if at == 0 && !new.is_empty() {
            if let Some(first) = self.lines.first_mut() {
                if let Some(rest) = first.0.strip_prefix(BOM) {
                    first.0 = rest.to_string();
                    let mut new = new.to_vec();
                    new[0] = format!("{BOM}{}", new[0]);
                    for (k, body) in new.iter().enumerate() {
                        self.lines.insert(k, (body.clone(), eol));
                    }
                    return;
                }
            }
        }
        for (k, body) in new.iter().enumerate() {
            self.lines.insert(at + k, (body.clone(), eol));
        }
    }

    fn remove(&mut self, at: usize) {
        if at < self.lines.len() {
            self.lines.remove(at);
        }
    }
}

const BOM: char = '\u{feff}';

fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// The lines of the record's `## Status` section (heading index, end exclusive), found as
/// adr-tools finds it: the heading, then everything up to the next line starting with `##`.
fn status_section(text: &str) -> Option<(usize, usize)> {
    let doc = Document::new(text);
    let h = doc
        .headings
        .iter()
        .find(|h| h.level >= 2 && super::record::normalize_heading(h.text) == "status")?;
    let end = (h.line + 1..doc.lines.len())
        .find(|&i| !doc.code[i] && doc.lines[i].starts_with("##"))
        .unwrap_or(doc.lines.len());
    Some((h.line, end))
}

/// adr-tools' `_adr_add_link`: `VERB [link]` and a blank line just before the heading that
/// follows `## Status` (at the end of the file when none follows).
fn nygard_add_link(lines: &mut Lines, text: &str, line: String) {
    match status_section(text) {
        Some((_, end)) => {
            if end >= lines.len() {
                // adr-tools would drop it; wh keeps it, after a blank line
                let mut new = Vec::new();
                if lines.len() > 0 && !is_blank(lines.get(lines.len() - 1)) {
                    new.push(String::new());
                }
                new.push(line);
                lines.insert(lines.len(), &new);
            } else {
                lines.insert(end, &[line, String::new()]);
            }
        }
        None => {
            // no status section: make one where adr-tools' template has it
            let at = first_section(text).unwrap_or(lines.len());
            lines.insert(
                at,
                &["## Status".into(), String::new(), line, String::new()],
            );
        }
    }
}

/// adr-tools' `_adr_remove_status`: within `## Status`, drops the lines equal to `remove`
/// and a blank line that would follow another blank one.
fn nygard_remove_lines(text: &str, remove: &dyn Fn(&str) -> bool) -> String {
    let Some((start, end)) = status_section(text) else {
        return text.to_string();
    };
    let mut lines = Lines::new(text);
    let mut after_blank = false;
    let mut out = Vec::with_capacity(lines.len());
    for (i, l) in lines.lines.drain(..).enumerate() {
        if i > start && i < end {
            if is_blank(&l.0) {
                if !after_blank {
                    out.push(l);
                }
                after_blank = true;
                continue;
            }
            if remove(&l.0) {
                continue;
            }
            after_blank = false;
        } else if i == start {
            after_blank = false;
        }
        out.push(l);
    }
    lines.lines = out;
    lines.text()
}

/// The first `## ` heading after the title: where a new section goes before.
fn first_section(text: &str) -> Option<usize> {
    let doc = Document::new(text);
    doc.headings.iter().find(|h| h.level >= 2).map(|h| h.line)
}

/// The status keyword as the record writes it: `Accepted` where the old one was capitalised.
fn keyword_like(status: AdrStatus, old: Option<&str>) -> String {
    let key = status.key();
    let capital = match old {
        Some(o) => o
            .trim_start_matches(['*', '_', ' '])
            .starts_with(char::is_uppercase),
        None => false,
    };
    if capital {
        let mut c = key.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    } else {
        key.to_string()
    }
}

/// Where a record keeps its status.
enum StatusAt {
    /// `status:` in the front matter: line, byte where the value starts.
    FrontMatter(usize, usize),
    /// The keyword line of `## Status` (None: the section holds only link lines).
    Section(Option<usize>),
    /// `* Status: x` under the title, or `## Status: x` as a heading: line, byte where the
    /// value starts.
    Bullet(usize, usize),
    Nowhere,
}

fn find_status(text: &str) -> StatusAt {
    let doc = Document::new(text);
    if let Some((first, fm)) = &doc.front_matter {
        for (k, l) in fm.iter().enumerate() {
            if let Some(rest) = l.strip_prefix("status:") {
                let start = l.len() - rest.trim_start().len();
                return StatusAt::FrontMatter(first + k, start);
            }
        }
    }
    // `## Status: Accepted`: the status in the heading itself
    for h in doc.headings.iter().filter(|h| h.level >= 2) {
        let line = doc.lines[h.line];
        let after_hashes = line.trim_start().trim_start_matches('#').trim_start();
        if let Some(start) = meta_value_start(after_hashes, "status") {
            let start = line.len() - after_hashes.len() + start;
            if start < line.len() {
                return StatusAt::Bullet(h.line, start);
            }
        }
    }
    if let Some((h, end)) = status_section(text) {
        let line = (h + 1..end).find(|&i| {
            !doc.code[i] && !is_blank(doc.lines[i]) && !status::is_relation_line(doc.lines[i])
        });
        return StatusAt::Section(line);
    }
    let first_h2 = doc
        .headings
        .iter()
        .find(|h| h.level >= 2)
        .map_or(doc.lines.len(), |h| h.line);
    for i in doc.body_start..first_h2 {
        if doc.code[i] {
            continue;
        }
        if let Some(start) = meta_value_start(doc.lines[i], "status") {
            return StatusAt::Bullet(i, start);
        }
    }
    StatusAt::Nowhere
}

/// `* **Status:** accepted` with `key` = "status" → the byte where `accepted` starts.
fn meta_value_start(line: &str, key: &str) -> Option<usize> {
    let t = line.trim_start();
    let t = t
        .strip_prefix("* ")
        .or_else(|| t.strip_prefix("- "))
        .or_else(|| t.strip_prefix("+ "))
        .unwrap_or(t);
    let colon = t.find(':')?;
    let name: String = t[..colon]
        .chars()
        .filter(|c| !matches!(c, '*' | '_'))
        .collect();
    if !name.trim().eq_ignore_ascii_case(key) {
        return None;
    }
    let after = &t[colon + 1..];
    let value = after.trim_start_matches(['*', '_', ' ', '\t']);
    Some(line.len() - value.len())
}

/// The status text for `status` in a bullet or front matter value (superseded names `by`).
fn status_value(dialect: Dialect, status: AdrStatus, by: Option<&RecordLink>, old: &str) -> String {
    let word = keyword_like(status, Some(old));
    match (status, by) {
        (AdrStatus::Superseded, Some(by)) => match dialect {
            Dialect::Madr4 => format!("{word} by ADR-{:04}", by.number),
            _ => format!("{word} by {}", by.markdown(dialect)),
        },
        _ => word,
    }
}

/// Sets the record's status where it keeps it; superseded with `by` names the successor the
/// way the dialect does (adr-tools: the keyword line goes and `Superseded by [N. T](f)` comes).
pub fn set_status(
    text: &str,
    dialect: Dialect,
    status: AdrStatus,
    by: Option<&RecordLink>,
) -> String {
    match find_status(text) {
        StatusAt::FrontMatter(i, start) => {
            let mut lines = Lines::new(text);
            let line = lines.get(i).to_string();
            let old = line[start..].trim_end();
            let quoted = old.starts_with('"') || dialect == Dialect::Madr4;
            let bare = old.trim_matches('"');
            let value = status_value(dialect, status, by, bare);
            let value = if quoted {
                format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
            } else {
                value
            };
            lines.set(i, format!("{}{value}", &line[..start]));
            lines.text()
        }
        StatusAt::Bullet(i, start) => {
            let mut lines = Lines::new(text);
            let line = lines.get(i).to_string();
            let old = &line[start..];
            // keep closing emphasis the value sits in (`**accepted**`)
            let value_end = old.trim_end().trim_end_matches(['*', '_']).len();
            let value = status_value(dialect, status, by, old);
            lines.set(i, format!("{}{value}{}", &line[..start], &old[value_end..]));
            lines.text()
        }
        StatusAt::Section(line) => {
            let old = line.map(|i| Lines::new(text).get(i).trim().to_string());
            match (status, by) {
                (AdrStatus::Superseded, Some(by)) => {
                    // exactly `adr new -s`: link first, then the keyword line goes
                    let mut lines = Lines::new(text);
                    let link = format!("Superseded by {}", by.markdown(Dialect::Nygard));
                    nygard_add_link(&mut lines, text, link);
                    let linked = lines.text();
                    match old {
                        Some(old) => nygard_remove_lines(&linked, &|l| l.trim() == old),
                        None => linked,
                    }
                }
                _ => {
                    let mut lines = Lines::new(text);
                    let word = keyword_like(status, old.as_deref().or(Some("Accepted")));
                    let text = match line {
                        Some(i) => {
                            let l = lines.get(i).to_string();
                            let indent = &l[..l.len() - l.trim_start().len()];
                            lines.set(i, format!("{indent}{word}"));
                            lines.text()
                        }
                        None => {
                            let (h, end) = status_section(text).unwrap_or((0, 0));
                            let at = (h + 1..end)
                                .find(|&k| !is_blank(lines.get(k)))
                                .unwrap_or(end);
                            lines.insert(at, &[word, String::new()]);
                            lines.text()
                        }
                    };
                    let successor_line = |l: &str| {
                        status::is_relation_line(l)
                            && status::relations(l)
                                .iter()
                                .any(|(r, _)| *r == status::Rel::SupersededBy)
                    };
                    if status == AdrStatus::Superseded || !text.lines().any(successor_line) {
                        text
                    } else {
                        // no longer superseded: the successor links go too
                        nygard_remove_lines(&text, &successor_line)
                    }
                }
            }
        }
        StatusAt::Nowhere => {
            let mut lines = Lines::new(text);
            match dialect {
                Dialect::Nygard => {
                    let word = keyword_like(status, Some("Accepted"));
                    let at = first_section(text).unwrap_or(lines.len());
                    lines.insert(
                        at,
                        &["## Status".into(), String::new(), word, String::new()],
                    );
                    let text = lines.text();
                    match (status, by) {
                        (AdrStatus::Superseded, Some(by)) => {
                            let mut lines = Lines::new(&text);
                            let link = format!("Superseded by {}", by.markdown(Dialect::Nygard));
                            nygard_add_link(&mut lines, &text, link);
                            lines.text()
                        }
                        _ => text,
                    }
                }
                Dialect::Madr3 | Dialect::Madr4 => {
                    let value = status_value(dialect, status, by, "");
                    let doc = Document::new(text);
                    match doc.front_matter {
                        Some((first, _)) => lines.insert(first, &[format!("status: {value}")]),
                        None => lines
                            .insert(0, &["---".into(), format!("status: {value}"), "---".into()]),
                    }
                    lines.text()
                }
                Dialect::Madr2 | Dialect::Log4brains => {
                    let value = status_value(dialect, status, by, "");
                    let bullet = if dialect == Dialect::Log4brains {
                        "-"
                    } else {
                        "*"
                    };
                    insert_bullet(&mut lines, text, format!("{bullet} Status: {value}"));
                    lines.text()
                }
            }
        }
    }
}

/// A metadata bullet under the title: after the other bullets, or in a new block of its own.
fn insert_bullet(lines: &mut Lines, text: &str, bullet: String) {
    let doc = Document::new(text);
    let title = doc.headings.iter().find(|h| h.level == 1).map(|h| h.line);
    let first_h2 = doc
        .headings
        .iter()
        .find(|h| h.level >= 2)
        .map_or(doc.lines.len(), |h| h.line);
    let from = title.map_or(doc.body_start, |t| t + 1);
    let last_bullet = (from..first_h2).rev().find(|&i| {
        let t = doc.lines[i].trim_start();
        !doc.code[i] && t.starts_with(['*', '-', '+']) && t.contains(':')
    });
    match last_bullet {
        Some(i) => lines.insert(i + 1, &[bullet]),
        None => lines.insert(from, &[String::new(), bullet]),
    }
}

/// Adds a relation line (`Amends [5. X](0005-x.md)`): adr-tools puts it in `## Status`,
/// MADR and log4brains in `## Links` (made at the end when missing).
pub fn add_relation(text: &str, dialect: Dialect, verb: &str, to: &RecordLink) -> String {
    let mut lines = Lines::new(text);
    match dialect {
        Dialect::Nygard => {
            nygard_add_link(&mut lines, text, format!("{verb} {}", to.markdown(dialect)));
        }
        _ => {
            let bullet = if dialect == Dialect::Log4brains {
                "-"
            } else {
                "*"
            };
            let line = format!("{bullet} {verb} {}", to.markdown(dialect));
            let doc = Document::new(text);
            let links = doc
                .headings
                .iter()
                .position(|h| h.level >= 2 && super::record::normalize_heading(h.text) == "links");
            match links {
                Some(k) => {
                    let h = &doc.headings[k];
                    let end = doc
                        .headings
                        .iter()
                        .skip(k + 1)
                        .find(|n| n.level <= h.level)
                        .map_or(doc.lines.len(), |n| n.line);
                    // after the section's last non-blank line
                    let last = (h.line + 1..end)
                        .rev()
                        .find(|&i| !is_blank(doc.lines[i]))
                        .unwrap_or(h.line);
                    if last == h.line {
                        lines.insert(h.line + 1, &[String::new(), line]);
                    } else {
                        lines.insert(last + 1, &[line]);
                    }
                }
                None => {
                    let mut new = Vec::new();
                    let n = lines.len();
                    // a file ending in a newline splits into a last empty piece: skip it
                    let last_real = (0..n).rev().find(|&i| !is_blank(lines.get(i)));
                    let at = last_real.map_or(0, |i| i + 1);
                    if last_real.is_some() {
                        new.push(String::new());
                    }
                    new.extend(["## Links".to_string(), String::new(), line]);
                    lines.insert(at, &new);
                }
            }
        }
    }
    lines.text()
}

/// Removes every relation line naming record `number` (by number or by a file name with that
/// number); with `only` set, only relations of that kind. Returns the text and how many went.
pub fn remove_relations(text: &str, number: u32, only: Option<status::Rel>) -> (String, usize) {
    remove_relation_lines(text, only, |t| match t {
        status::Target::Number(n) => *n == number,
        status::Target::File(f) => {
            let stem = f.rsplit_once('.').map_or(f.as_str(), |(s, _)| s);
            super::names::number_from_name(stem).is_some_and(|n| n.number == number)
        }
    })
}

/// As [`remove_relations`], for the record in the file named `file` (`20200925-use-x.md`): a
/// log4brains record, whose date "number" another record of the same day shares. `supersedes`
/// only: the lines saying this record supersedes it.
pub fn remove_relations_to_file(text: &str, file: &str, supersedes: bool) -> (String, usize) {
    let stem_of = |f: &str| {
        let name = f.rsplit('/').next().unwrap_or(f);
        name.rsplit_once('.')
            .map_or(name, |(s, _)| s)
            .to_ascii_lowercase()
    };
    let want = stem_of(file);
    let only = supersedes.then_some(status::Rel::Supersedes);
    remove_relation_lines(text, only, |t| match t {
        status::Target::Number(_) => false,
        status::Target::File(f) => stem_of(f) == want,
    })
}

fn remove_relation_lines(
    text: &str,
    only: Option<status::Rel>,
    names_target: impl Fn(&status::Target) -> bool,
) -> (String, usize) {
    let doc = Document::new(text);
    let names_it = |line: &str| {
        status::is_relation_line(line)
            && status::relations(line)
                .iter()
                .any(|(rel, t)| only.is_none_or(|o| o == *rel) && names_target(t))
    };
    let doomed: Vec<usize> = (doc.body_start..doc.lines.len())
        .filter(|&i| !doc.code[i] && names_it(doc.lines[i]))
        .collect();
    if doomed.is_empty() {
        return (text.to_string(), 0);
    }
    let mut lines = Lines::new(text);
    for &i in doomed.iter().rev() {
        lines.remove(i);
        // a line between two blank ones leaves one blank line, not two
        if i < lines.len() && i > 0 && is_blank(lines.get(i)) && is_blank(lines.get(i - 1)) {
            lines.remove(i);
        }
    }
    (lines.text(), doomed.len())
}

/// `after` with the supersede link lines it gained over `before` spelt as adr-tools before
/// 3.0.0-2 spelt them ("Superceded by", "Supercedes").
pub fn respell_supercede(before: &str, after: &str) -> String {
    let had: std::collections::HashSet<&str> = before.lines().collect();
    let mut out = String::with_capacity(after.len());
    for piece in after.split_inclusive('\n') {
        let line = piece.trim_end_matches(['\n', '\r']);
        if had.contains(line) {
            out.push_str(piece);
        } else if let Some(rest) = piece.strip_prefix("Superseded by [") {
            out.push_str("Superceded by [");
            out.push_str(rest);
        } else if let Some(rest) = piece.strip_prefix("Supersedes [") {
            out.push_str("Supercedes [");
            out.push_str(rest);
        } else {
            out.push_str(piece);
        }
    }
    out
}

/// Removes the lines saying this record supersedes record `number`.
pub fn remove_supersedes(text: &str, number: u32) -> String {
    remove_relations(text, number, Some(status::Rel::Supersedes)).0
}

/// Sets the tags: `tags:` in front matter, a `Tags:` bullet, or (adr-tools) a `Tags:` line under
/// the date. No tags removes the line.
pub fn set_tags(text: &str, dialect: Dialect, tags: &[String]) -> String {
    let doc = Document::new(text);
    let joined = tags.join(", ");
    let mut lines = Lines::new(text);
    if let Some((first, fm)) = &doc.front_matter {
        if let Some(k) = fm.iter().position(|l| l.starts_with("tags:")) {
            let at = first + k;
            // a block list (`tags:` then `  - x` lines) goes with it
            let mut end = at + 1;
            while end < first + fm.len()
                && doc.lines[end].starts_with([' ', '\t', '-'])
                && !doc.lines[end].trim().is_empty()
            {
                end += 1;
            }
            for i in (at + 1..end).rev() {
                lines.remove(i);
            }
            if tags.is_empty() {
                lines.remove(at);
            } else {
                lines.set(at, format!("tags: [{joined}]"));
            }
            return lines.text();
        }
        if matches!(dialect, Dialect::Madr3 | Dialect::Madr4) {
            if !tags.is_empty() {
                lines.insert(first + fm.len(), &[format!("tags: [{joined}]")]);
            }
            return lines.text();
        }
    }
    let first_h2 = doc
        .headings
        .iter()
        .find(|h| h.level >= 2)
        .map_or(doc.lines.len(), |h| h.line);
    for i in doc.body_start..first_h2 {
        if doc.code[i] {
            continue;
        }
        if let Some(start) = meta_value_start(doc.lines[i], "tags") {
            if tags.is_empty() {
                lines.remove(i);
                if i < lines.len() && is_blank(lines.get(i)) && i > 0 && is_blank(lines.get(i - 1))
                {
                    lines.remove(i);
                }
            } else {
                let l = lines.get(i).to_string();
                lines.set(i, format!("{}{joined}", &l[..start]));
            }
            return lines.text();
        }
    }
    if tags.is_empty() {
        return text.to_string();
    }
    match dialect {
        Dialect::Madr2 | Dialect::Log4brains => {
            let bullet = if dialect == Dialect::Log4brains {
                "-"
            } else {
                "*"
            };
            insert_bullet(&mut lines, text, format!("{bullet} Tags: {joined}"));
        }
        _ => {
            // adr-tools: a line of its own after `Date:` (or the title)
            let date = (doc.body_start..first_h2)
                .find(|&i| !doc.code[i] && meta_value_start(doc.lines[i], "date").is_some());
            let title = doc.headings.iter().find(|h| h.level == 1).map(|h| h.line);
            match date.or(title) {
                Some(i) => lines.insert(i + 1, &[String::new(), format!("Tags: {joined}")]),
                None => lines.insert(0, &[format!("Tags: {joined}"), String::new()]),
            }
        }
    }
    lines.text()
}

/// A new title in the `# ` heading (its number prefix kept) and in a front matter `title:`.
pub fn set_title(
    text: &str,
    old_title: &str,
    number: u32,
    dialect: Dialect,
    title: &str,
) -> String {
    let doc = Document::new(text);
    let mut lines = Lines::new(text);
    if let Some((first, fm)) = &doc.front_matter {
        if let Some(k) = fm.iter().position(|l| l.starts_with("title:")) {
            lines.set(
                first + k,
                format!("title: \"{}\"", title.replace('"', "\\\"")),
            );
        }
    }
    match doc.headings.iter().find(|h| h.level == 1) {
        Some(h) => {
            let line = lines.get(h.line).to_string();
            let trimmed = line.trim_end();
            let new = match trimmed.strip_suffix(old_title) {
                Some(prefix) if !old_title.is_empty() => format!("{prefix}{title}"),
                _ if dialect == Dialect::Nygard => format!("# {number}. {title}"),
                _ => format!("# {title}"),
            };
            lines.set(h.line, new);
        }
        None => {
            let head = if dialect == Dialect::Nygard {
                format!("# {number}. {title}")
            } else {
                format!("# {title}")
            };
            lines.insert(doc.body_start, &[head, String::new()]);
        }
    }
    lines.text()
}

/// What [`choose_option`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChosenText {
    pub text: String,
    /// The reason given for the option chosen before (`, because …` and the lines that carry
    /// it on) was taken out: it argued for another option.
    pub dropped_reason: bool,
}

/// MADR's `Chosen option: "X", because …` names `option` (made under `## Decision Outcome`
/// when missing). The reason stays only when the line already named `option`: a reason
/// written for another option would now argue for this one, so it goes, with the lines that
/// carry an unfinished sentence on (`because` and a paragraph or a list below).
pub fn choose_option(text: &str, option: &str) -> Option<ChosenText> {
    let doc = Document::new(text);
    let mut lines = Lines::new(text);
    for i in doc.body_start..doc.lines.len() {
        if doc.code[i] {
            continue;
        }
        let line = doc.lines[i];
        let Some(at) = line.to_ascii_lowercase().find("chosen option:") else {
            continue;
        };
        let after = at + "chosen option:".len();
        let rest = &line[after..];
        let same = super::options::chosen_option(line)
            .is_some_and(|old| super::options::same_option(&old, option));
        if !same {
            // everything after the colon spoke of the old option, but for the emphasis that
            // closes the label (`**Chosen option:** "X"`)
            let marks = rest.len() - rest.trim_start_matches(['*', '_']).len();
            let label = &line[..after + marks];
            lines.set(i, format!("{label} \"{option}\""));
            let (_, name_end) = name_span(rest);
            let reason = rest.get(name_end..).unwrap_or("");
            let dropped = reason.chars().any(char::is_alphanumeric);
            let carried = if dropped {
                reason_lines(&doc, i + 1, reason)
            } else {
                Vec::new()
            };
            for k in carried.into_iter().rev() {
                lines.remove(k);
            }
            return Some(ChosenText {
                text: lines.text(),
                dropped_reason: dropped,
            });
        }
        // the same option: only the name is written again, its reason stays
        let (start, end) = name_span(rest);
        let new = format!(
            "{}\"{option}\"{}",
            &line[..after + start],
            &line[after + end.max(start)..]
        );
        lines.set(i, new);
        return Some(ChosenText {
            text: lines.text(),
            dropped_reason: false,
        });
    }
    let h = doc.headings.iter().find(|h| {
        h.level >= 2
            && matches!(
                super::record::normalize_heading(h.text).as_str(),
                "decision outcome" | "decision"
            )
    })?;
    lines.insert(
        h.line + 1,
        &[String::new(), format!("Chosen option: \"{option}\"")],
    );
    Some(ChosenText {
        text: lines.text(),
        dropped_reason: false,
    })
}

/// Where the option's name is in what follows `Chosen option:`: quoted, or up to the first
/// comma (byte offsets, end exclusive).
fn name_span(rest: &str) -> (usize, usize) {
    match rest.find('"') {
        Some(q) => {
            let close = rest[q + 1..]
                .find('"')
                .map_or(rest.len(), |c| q + 1 + c + 1);
            (q, close)
        }
        None => {
            let s = rest.len() - rest.trim_start().len();
            let end = [rest.find(','), rest.to_ascii_lowercase().find(" because")]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(rest.trim_end().len());
            (s, end.max(s))
        }
    }
}

/// The lines after a `Chosen option:` line (from `from`) that carry its reason on: when the
/// sentence is unfinished, the rest of its paragraph; when it ends with `because` or `:`, the
/// list below (after blank lines), with the items' indented lines.
fn reason_lines(doc: &Document, from: usize, reason: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let n = doc.lines.len();
    let stops = |i: usize| {
        let l = doc.lines[i];
        doc.code[i] || is_blank(l) || l.trim_start().starts_with('#') || is_list_item(l)
    };
    let mut last = reason.to_string();
    let mut i = from;
    if !ends_sentence(reason) {
        while i < n && !stops(i) {
            out.push(i);
            last = doc.lines[i].to_string();
            i += 1;
        }
    }
    let t = last.trim_end().to_lowercase();
    if !(t.ends_with(':') || t.ends_with("because")) {
        return out;
    }
    let mut j = i;
    while j < n && !doc.code[j] && is_blank(doc.lines[j]) {
        j += 1;
    }
    if j >= n || doc.code[j] || !is_list_item(doc.lines[j]) {
        return out;
    }
    // the list: items, their indented lines, and blank lines inside it
    let mut end = j;
    let mut k = j;
    while k < n && !doc.code[k] {
        let l = doc.lines[k];
        if is_blank(l) {
            k += 1;
            continue;
        }
        let indented = l.starts_with([' ', '\t']);
        if !(is_list_item(l) || indented) || l.trim_start().starts_with('#') {
            break;
        }
        end = k + 1;
        k += 1;
    }
    out.extend(i..end);
    out
}

/// `* x`, `- x`, `+ x`, `1. x`, `1) x`.
fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    if let Some(r) = t.strip_prefix(['*', '-', '+']) {
        return r.starts_with(' ') || r.is_empty();
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
}

/// Whether a sentence ends here: `.`, `!` or `?`, perhaps inside a closing bracket, quote or
/// emphasis. Nothing at all counts as ended.
fn ends_sentence(s: &str) -> bool {
    let t = s
        .trim_end()
        .trim_end_matches([')', '"', '\'', '*', '_', '”']);
    t.is_empty() || t.ends_with(['.', '!', '?'])
}

/// adr-tools' slug: runs of anything but ASCII letters and digits become one `-`, lower case,
/// no `-` at either end (`tr -Ccs '[:alnum:]' -` in the C locale).
pub fn slug(title: &str) -> String {
    let mut s = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    s.trim_matches('-').to_string()
}

/// The file name a new record gets: `NNNN-slug.md`, or `YYYYMMDD-slug.md` for log4brains.
pub fn file_name(dialect: Dialect, number: u32, title: &str, date: &str) -> String {
    let slug = match slug(title) {
        s if s.is_empty() => "decision".to_string(),
        s => s,
    };
    match dialect {
        Dialect::Log4brains => format!("{}-{slug}.md", date.replace('-', "")),
        _ => format!("{number:04}-{slug}.md"),
    }
}

/// adr-tools' default template (`/usr/share/adr-tools/template.md`).
pub const ADR_TOOLS_TEMPLATE: &str = "# NUMBER. TITLE

Date: DATE

## Status

STATUS

## Context

The issue motivating this decision, and any context that influences or constrains the decision.

## Decision

The change that we're proposing or have agreed to implement.

## Consequences

What becomes easier or more difficult to do and any risks introduced by the change that will need to be mitigated.
";

/// What `adr new` writes from `template`: on each line the first `NUMBER`, `TITLE`, `DATE`
/// and `STATUS` replaced (its `sed` expressions) — except that a value holding a placeholder
/// word (a title "Use DATE stamps") is not replaced again, as `sed` would.
pub fn fill_adr_tools_template(
    template: &str,
    number: u32,
    title: &str,
    date: &str,
    status: &str,
) -> String {
    let number = number.to_string();
    let values = [number.as_str(), title, date, status];
    let mut out = String::with_capacity(template.len() + title.len());
    for piece in template.split_inclusive('\n') {
        // marks first, values after, so a value is never scanned for placeholders
        let mut line = piece.to_string();
        for (k, from) in ["NUMBER", "TITLE", "DATE", "STATUS"].iter().enumerate() {
            line = line.replacen(from, &format!("\u{0}{k}\u{0}"), 1);
        }
        for (k, value) in values.iter().enumerate() {
            line = line.replacen(&format!("\u{0}{k}\u{0}"), value, 1);
        }
        out.push_str(&line);
    }
    out
}

/// A new record from a MADR or log4brains folder's own template (`adr-template.md`,
/// `template.md`): the title in its `# ` heading, the status and date where the template has
/// them (their placeholders replaced); everything else as the template says.
pub fn fill_template(
    template: &str,
    dialect: Dialect,
    title: &str,
    date: &str,
    status: AdrStatus,
) -> String {
    let doc = Document::new(template);
    let mut lines = Lines::new(template);
    match doc.headings.iter().find(|h| h.level == 1) {
        Some(h) => lines.set(h.line, format!("# {title}")),
        None => lines.insert(doc.body_start, &[format!("# {title}"), String::new()]),
    }
    let mut text = lines.text();
    // the date: front matter `date:` or a `Date:` bullet
    let doc = Document::new(&text);
    let mut lines = Lines::new(&text);
    let mut dated = false;
    if let Some((first, fm)) = &doc.front_matter {
        if let Some(k) = fm.iter().position(|l| l.starts_with("date:")) {
            lines.set(first + k, format!("date: {date}"));
            dated = true;
        }
    }
    if !dated {
        let first_h2 = doc
            .headings
            .iter()
            .find(|h| h.level >= 2)
            .map_or(doc.lines.len(), |h| h.line);
        if let Some(i) = (doc.body_start..first_h2)
            .find(|&i| !doc.code[i] && meta_value_start(doc.lines[i], "date").is_some())
        {
            let l = lines.get(i).to_string();
            let start = meta_value_start(&l, "date").unwrap_or(l.len());
            lines.set(i, format!("{}{date}", &l[..start]));
        }
    }
    text = lines.text();
    // a placeholder status is written over, as a status change would
    let old = match find_status(&text) {
        StatusAt::FrontMatter(..) | StatusAt::Bullet(..) | StatusAt::Section(Some(_)) => true,
        StatusAt::Section(None) | StatusAt::Nowhere => false,
    };
    if old {
        text = set_status(&text, dialect, status, None);
    }
    text
}

/// A new record in a MADR or log4brains folder, in that dialect's layout.
pub fn new_record(dialect: Dialect, title: &str, date: &str, status: AdrStatus) -> String {
    let s = status.key();
    let body = "## Context and Problem Statement\n\n\
                What is the issue that motivates this decision?\n\n\
                ## Considered Options\n\n\
                ## Decision Outcome\n\n\
                ## Consequences\n";
    match dialect {
        Dialect::Madr3 => format!("---\nstatus: {s}\ndate: {date}\n---\n# {title}\n\n{body}"),
        Dialect::Madr4 => {
            format!("---\nstatus: \"{s}\"\ndate: {date}\n---\n\n# {title}\n\n{body}")
        }
        Dialect::Madr2 => format!("# {title}\n\n* Status: {s}\n* Date: {date}\n\n{body}"),
        Dialect::Log4brains => format!("# {title}\n\n- Status: {s}\n- Date: {date}\n\n{body}"),
        Dialect::Nygard => fill_adr_tools_template(
            ADR_TOOLS_TEMPLATE,
            0,
            title,
            date,
            &keyword_like(status, Some("A")),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(n: u32, title: &str) -> RecordLink {
        RecordLink {
            number: n,
            title: title.into(),
            file: file_name(Dialect::Nygard, n, title, ""),
        }
    }

    const NYGARD: &str =
        "# 2. First thing\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n";

    #[test]
    fn superseding_an_adr_tools_record_is_what_adr_new_s_writes() {
        let out = set_status(
            NYGARD,
            Dialect::Nygard,
            AdrStatus::Superseded,
            Some(&link(3, "Second thing")),
        );
        assert_eq!(
            out,
            "# 2. First thing\n\nDate: 2024-01-02\n\n## Status\n\nSuperseded by [3. Second thing](0003-second-thing.md)\n\n## Context\n\nWhy.\n"
        );
    }

    #[test]
    fn a_status_change_edits_only_the_status_line() {
        let out = set_status(NYGARD, Dialect::Nygard, AdrStatus::Deprecated, None);
        assert_eq!(out, NYGARD.replace("Accepted", "Deprecated"));
        let crlf = NYGARD.replace('\n', "\r\n");
        assert_eq!(
            set_status(&crlf, Dialect::Nygard, AdrStatus::Rejected, None),
            crlf.replace("Accepted", "Rejected")
        );
    }

    #[test]
    fn bullets_and_front_matter_keep_their_style() {
        let madr2 = "# Use X\n\n* Status: **accepted**\n* Date: 2021-03-04\n\n## Context and Problem Statement\n";
        assert_eq!(
            set_status(
                madr2,
                Dialect::Madr2,
                AdrStatus::Superseded,
                Some(&link(9, "Use Y"))
            ),
            madr2.replace(
                "**accepted**",
                "**superseded by [ADR-0009](0009-use-y.md)**"
            )
        );
        let madr4 = "---\nstatus: \"accepted\"\ndecision-makers: Ana\n---\n\n# Use X\n";
        assert_eq!(Dialect::of(AdrSource::Madr3, madr4), Dialect::Madr4);
        assert_eq!(
            set_status(
                madr4,
                Dialect::Madr4,
                AdrStatus::Superseded,
                Some(&link(12, "Y"))
            ),
            madr4.replace("\"accepted\"", "\"superseded by ADR-0012\"")
        );
    }

    #[test]
    fn links_go_where_the_dialect_keeps_them_and_come_out_again() {
        let out = add_relation(NYGARD, Dialect::Nygard, "Amends", &link(1, "Record"));
        assert!(
            out.contains("Accepted\n\nAmends [1. Record](0001-record.md)\n\n## Context"),
            "{out}"
        );
        let (back, n) = remove_relations(&out, 1, None);
        assert_eq!((back.as_str(), n), (NYGARD, 1));
        let madr = "# X\n\n* Status: accepted\n\n## Context and Problem Statement\n\nWhy.\n";
        let out = add_relation(madr, Dialect::Madr2, "Relates to", &link(4, "Four"));
        assert!(
            out.ends_with("Why.\n\n## Links\n\n* Relates to [ADR-0004](0004-four.md)\n"),
            "{out}"
        );
    }

    #[test]
    fn a_status_in_a_heading_is_edited_there() {
        let text = "# 3. X\n\n## Status: Accepted\n\n## Context\n";
        assert_eq!(
            set_status(text, Dialect::Nygard, AdrStatus::Deprecated, None),
            text.replace("Accepted", "Deprecated")
        );
    }

    #[test]
    fn a_byte_order_mark_stays_first() {
        let text = format!("\u{feff}{NYGARD}");
        let out = set_title(&text, "First thing", 2, Dialect::Nygard, "Renamed");
        assert!(out.starts_with("\u{feff}# 2. Renamed\n"), "{out:?}");
        let out = set_status("\u{feff}# X\n", Dialect::Madr3, AdrStatus::Accepted, None);
        assert!(
            out.starts_with("\u{feff}---\nstatus: accepted\n---\n# X"),
            "{out:?}"
        );
    }

    #[test]
    fn the_template_is_filled_like_sed_does() {
        let t = fill_adr_tools_template(
            ADR_TOOLS_TEMPLATE,
            7,
            "Use DATE stamps",
            "2024-01-02",
            "Accepted",
        );
        assert!(
            t.starts_with("# 7. Use DATE stamps\n\nDate: 2024-01-02\n"),
            "{t}"
        );
        assert_eq!(slug("  Use C++ & Rust!  "), "use-c-rust");
    }
}
