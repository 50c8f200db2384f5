//! Markdown ADR folder → `decisions/NNNN-slug.toml` records, text kept verbatim.
//! Never overwrites: a number the workspace already has, or a file already there, is skipped
//! and reported.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::workspace::diagnostic::Diagnostic;
use crate::workspace::markdown_adr;
use crate::workspace::model::{Adr, AdrStatus};
use crate::workspace::{writer, Reference};

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// The markdown files read.
    pub read: usize,
    /// Written records: number and path relative to the workspace root.
    pub written: Vec<(u32, PathBuf)>,
    /// Not written: number, markdown file, why.
    pub skipped: Vec<(u32, PathBuf, String)>,
    /// Records whose number an earlier record of the same import already had: written under
    /// the next free number instead (original number, new number, markdown file).
    pub renumbered: Vec<(u32, u32, PathBuf)>,
    /// log4brains records, which have no number: the number each was given (slug, new number).
    pub numbered: Vec<(String, u32)>,
    /// Written without a `status` because the markdown gave none that could be read.
    pub without_status: Vec<u32>,
    /// What the markdown reader noticed.
    pub diagnostics: Vec<Diagnostic>,
}

/// The status text an imported MADR record without a status gets: the loader then warns
/// rather than fails, and an export writes no status again.
pub const NO_STATUS_GIVEN: &str = "none given (MADR leaves the status optional)";

/// Numbers from here up are log4brains dates (`20200925`), not numbers anyone chose.
const FIRST_DATE_NUMBER: u32 = 19_700_101;

/// `decisions/0007-use-event-sourcing.toml`
pub fn record_path(adr: &Adr) -> PathBuf {
    let slug = super::adr_export::slug(&adr.title);
    PathBuf::from(format!("decisions/{:04}-{slug}.toml", adr.number))
}

/// The numbers of the numbered files (`0007-x.toml`, `0007-x.md`) in `dir`, dotfiles aside.
pub fn numbers_in_folder(dir: &Path) -> BTreeSet<u32> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return BTreeSet::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name();
            let name = name.to_str()?;
            let digits = &name[..name.bytes().take_while(u8::is_ascii_digit).count()];
            digits.parse().ok()
        })
        .collect()
}

/// Reads the markdown folder `dir` (a path as the user typed it) and writes each record into the
/// workspace at `root`, skipping the numbers in `taken` and those of the numbered files in
/// `decisions/` (read again under the write lock, which is held while the records are written,
/// so a concurrent `wh adr new` cannot take one of the numbers at the same time).
pub fn import_dir(root: &Path, dir: &Path, taken: &BTreeSet<u32>) -> ImportReport {
    let folder = markdown_adr::read_dir(Path::new(""), dir, 0);
    let mut report = ImportReport {
        read: folder.files.len(),
        diagnostics: folder.diagnostics,
        ..ImportReport::default()
    };
    let lock = match writer::lock(root) {
        Ok(lock) => lock,
        Err(e) => {
            for adr in &folder.records {
                let source = folder.files.get(adr.origin.file).map(|f| f.path.clone());
                report
                    .skipped
                    .push((adr.number, source.unwrap_or_default(), e.to_string()));
            }
            return report;
        }
    };
    let mut seen = taken.clone();
    seen.extend(numbers_in_folder(&root.join("decisions")));
    // numbers the workspace had before: a clash with one is skipped (never overwritten); a clash
    // within the import (two markdown records of one number, two log4brains records of one
    // day) renumbers the later record instead of losing it
    let before = seen.clone();
    // a log4brains date standing in for a number is no number to count on from
    let counted = |n: &&u32| **n < FIRST_DATE_NUMBER;
    let mut next_free = seen
        .iter()
        .rev()
        .find(counted)
        .map_or(1, |m| m.saturating_add(1));
    // log4brains records have no number to keep: fresh ones, in date order, the slug kept as an
    // alias, and the links among them rewritten to the numbers
    let mut by_slug: HashMap<String, u32> = HashMap::new();
    for slug in folder.records.iter().filter_map(Adr::id_slug) {
        while seen.contains(&next_free) {
            next_free = next_free.saturating_add(1);
        }
        seen.insert(next_free);
        by_slug.insert(slug.to_string(), next_free);
        report.numbered.push((slug.to_string(), next_free));
    }
    let renumber_links = |adr: &mut Adr| {
        for list in [&mut adr.supersedes, &mut adr.superseded_by, &mut adr.links] {
            for r in list.iter_mut() {
                if r.adr_number().is_some() {
                    continue;
                }
                if let Some(&n) = by_slug.get(&r.doc) {
                    *r = Reference::adr(n);
                }
            }
        }
    };
    for adr in &folder.records {
        let source = folder
            .files
            .get(adr.origin.file)
            .map(|f| f.path.clone())
            .unwrap_or_default();
        let mut renumbered = None;
        if let Some(&n) = adr.id_slug().and_then(|s| by_slug.get(s)) {
            let mut numbered = adr.clone();
            numbered.number = n;
            numbered.source = crate::workspace::model::AdrSource::Toml;
            renumber_links(&mut numbered);
            renumbered = Some(numbered);
        } else if !seen.insert(adr.number) {
            if before.contains(&adr.number) {
                report.skipped.push((
                    adr.number,
                    source,
                    format!("adr:{} already exists in the workspace", adr.number),
                ));
                continue;
            }
            let last = folder
                .records
                .iter()
                .filter(|a| a.id_slug().is_none())
                .map(|a| a.number)
                .max()
                .unwrap_or(0);
            next_free = next_free.max(last.saturating_add(1));
            while seen.contains(&next_free) {
                next_free = next_free.saturating_add(1);
            }
            seen.insert(next_free);
            let mut moved = adr.clone();
            moved.number = next_free;
            renumber_links(&mut moved);
            renumbered = Some(moved);
        }
        let original = adr.number;
        if renumbered.is_none() && !by_slug.is_empty() {
            let mut relinked = adr.clone();
            renumber_links(&mut relinked);
            renumbered = Some(relinked);
        }
        let adr = renumbered.as_ref().unwrap_or(adr);
        let rel = record_path(adr);
        let mut text = to_toml(adr, &source);
        if adr.number != original && adr.slug.is_none() {
            // the first line says where it came from; the second keeps the number it had there
            let at = text.find('\n').map_or(0, |i| i + 1);
            text.insert_str(
                at,
                &format!(
                    "# Was number {original} in the markdown folder, which another record there \
                     also has; renumbered on import.\n"
                ),
            );
            report
                .renumbered
                .push((original, adr.number, source.clone()));
        }
        match lock.create_new(&rel, &text) {
            Ok(_) => {
                if adr.status == AdrStatus::Unknown {
                    report.without_status.push(adr.number);
                }
                report.written.push((adr.number, rel));
            }
            Err(e) => report.skipped.push((adr.number, source, e.to_string())),
        }
    }
    report
}

/// A TOML basic string on one line.
fn basic(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Markdown text as a TOML multi-line string, byte for byte: a literal `'''` string when the text
/// allows it (most do: no `'''`, no control characters), else an escaped `"""` string.
fn multiline(s: &str) -> String {
    let literal_ok = !s.contains("'''")
        && !s.ends_with('\'')
        && !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
    if literal_ok {
        return format!("'''\n{s}'''");
    }
    let mut out = String::from("\"\"\"\n");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\t' => out.push(c),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push_str("\"\"\"");
    out
}

fn text_value(s: &str) -> String {
    if s.contains('\n') {
        multiline(s)
    } else {
        basic(s)
    }
}

fn list(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| basic(s)).collect();
    format!("[{}]", parts.join(", "))
}

fn refs(items: &[Reference]) -> String {
    let parts: Vec<String> = items.iter().map(|r| basic(&r.to_string())).collect();
    format!("[{}]", parts.join(", "))
}

/// The record as `decisions/NNNN-slug.toml` text (docs/format.md), with where it came from.
pub fn to_toml(adr: &Adr, source: &Path) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Imported from {} by `wh import adr`.",
        source.display().to_string().replace(['\n', '\r'], " ")
    );
    out.push_str("[adr]\n");
    let _ = writeln!(out, "number = {}", adr.number);
    let _ = writeln!(out, "title = {}", basic(&adr.title));
    if adr.status == AdrStatus::Unknown
        && adr.status_text.is_none()
        && adr.source == crate::workspace::model::AdrSource::Madr3
    {
        // MADR 3/4 make the status optional: said, so the loader warns rather than fails
        let _ = writeln!(out, "status-text = {}", basic(NO_STATUS_GIVEN));
    }
    match adr.status {
        AdrStatus::Unknown => out.push_str(
            "# status: the markdown gave none that could be read; set one of\n\
             # proposed | accepted | rejected | deprecated | superseded\n",
        ),
        s => {
            let _ = writeln!(out, "status = {}", basic(s.key()));
        }
    }
    if let Some(t) = &adr.status_text {
        let _ = writeln!(out, "status-text = {}", basic(t));
    }
    if let Some(slug) = &adr.slug {
        let _ = writeln!(out, "slug = {}", basic(slug));
    }
    if let Some(d) = &adr.date {
        // the reader only hands over valid YYYY-MM-DD dates: a TOML local date
        let _ = writeln!(out, "date = {d}");
    }
    if !adr.deciders.is_empty() {
        let _ = writeln!(out, "deciders = {}", list(&adr.deciders));
    }
    if !adr.tags.is_empty() {
        let _ = writeln!(out, "tags = {}", list(&adr.tags));
    }
    if !adr.supersedes.is_empty() {
        let _ = writeln!(out, "supersedes = {}", refs(&adr.supersedes));
    }
    if !adr.superseded_by.is_empty() {
        let _ = writeln!(out, "superseded-by = {}", refs(&adr.superseded_by));
    }
    if !adr.links.is_empty() {
        let _ = writeln!(out, "links = {}", refs(&adr.links));
    }
    if !adr.quality_attributes.is_empty() {
        let _ = writeln!(
            out,
            "quality-attributes = {}",
            list(&adr.quality_attributes)
        );
    }
    for (key, text) in [
        ("context", &adr.context),
        ("drivers", &adr.drivers),
        ("decision", &adr.decision),
        ("consequences", &adr.consequences),
    ] {
        if !text.is_empty() {
            let _ = writeln!(out, "{key} = {}", multiline(text));
        }
    }
    for o in &adr.options {
        out.push_str("\n[[adr.option]]\n");
        let _ = writeln!(out, "name = {}", text_value(&o.name));
        if o.chosen {
            out.push_str("chosen = true\n");
        }
        if !o.description.is_empty() {
            let _ = writeln!(out, "description = {}", text_value(&o.description));
        }
        if !o.pros.is_empty() {
            let _ = writeln!(out, "pros = {}", list(&o.pros));
        }
        if !o.cons.is_empty() {
            let _ = writeln!(out, "cons = {}", list(&o.cons));
        }
    }
    for (heading, body) in &adr.extra_sections {
        out.push_str("\n[[adr.section]]\n");
        let _ = writeln!(out, "heading = {}", basic(heading));
        let _ = writeln!(out, "body = {}", text_value(body));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_survive_toml() {
        for s in [
            "plain",
            "it's",
            "ends with '",
            "has ''' inside",
            "quote \" and \\ backslash",
            "tab\tand\nnewline",
            "bell \u{7}",
            "\nleading newline",
            "trailing newline\n",
            "",
        ] {
            let doc = format!("a = {}\nb = {}\n", basic(s), multiline(s));
            let v: toml::Table = toml::from_str(&doc).unwrap_or_else(|e| panic!("{doc}: {e}"));
            assert_eq!(v["a"].as_str(), Some(s), "{doc}");
            assert_eq!(v["b"].as_str(), Some(s), "{doc}");
        }
    }
}
