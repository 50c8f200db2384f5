//! `wh adr list | show | search`: the decision records from the command line (the edits are
//! in `adr_edit`).
//!
//! Plain text for people (aligned columns, every string from a file made inert), `--json` for
//! scripts (documented in docs/cli-json.md). A broken decision file never hides the others:
//! it is listed by path and flagged.

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::AdrCommand;
use crate::text::{inert, inert_multiline};
use crate::workspace::model::{Adr, AdrStatus, SourceFile, Workspace};
use crate::workspace::reference::{parse_adr_number, Reference};
use crate::workspace::search::SearchIndex;
use crate::workspace::{adr_ref, discover, load};

pub fn run(start: &Path, cmd: &AdrCommand, rev: Option<&str>) -> anyhow::Result<ExitCode> {
    let result = match cmd {
        AdrCommand::List {
            status,
            tag,
            json,
            verbose,
        } => {
            if *verbose {
                say_where(&discover::discover(start)?);
            }
            let ws = open_decisions(start, rev, load::Scope::DecisionIndex { bodies: false })?;
            let filter = ListFilter {
                status: status.as_deref().and_then(AdrStatus::from_key),
                tag: tag.clone(),
            };
            list(&ws, &filter, *json)
        }
        AdrCommand::Show { reference, json } => {
            let ws = open_decisions(start, rev, load::Scope::Decisions)?;
            refuse_unlistable(&ws)?;
            show(&ws, reference, *json, rev)
        }
        AdrCommand::Search { query, limit, json } => {
            let ws = open_decisions(start, rev, load::Scope::DecisionIndex { bodies: true })?;
            refuse_unlistable(&ws)?;
            search(&ws, query, *limit, *json)
        }
        other => super::adr_edit::run(start, other),
    };
    result
}

/// `wh adr list --verbose`: which ADR folders are read, and why those.
fn say_where(located: &discover::Located) {
    let root = inert(&located.root.display().to_string()).into_owned();
    if located.adr_dirs.is_empty() {
        eprintln!(
            "wh: workspace {root}: decisions/ and the folders `adr-dirs` names in wheelhouse.toml"
        );
    }
    for found in &located.adr_dirs {
        let dir = inert(&found.dir.display().to_string()).into_owned();
        let package = found
            .package
            .as_deref()
            .map(|p| format!(" (package {})", inert(p)))
            .unwrap_or_default();
        eprintln!(
            "wh: ADR folder `{dir}`{package} under {root}: {}",
            inert(&found.why)
        );
    }
}

/// Loads only what the decision commands need (one of the loader's decisions-only scopes).
fn open_decisions(
    start: &Path,
    rev: Option<&str>,
    scope: load::Scope,
) -> anyhow::Result<Workspace> {
    super::history::open(start, rev, scope)
}

// ---------------------------------------------------------------- rows

/// One line of `adr list`: a record, or a decision file that could not be read.
#[derive(Debug, Clone, Copy)]
pub enum Row<'a> {
    Record(&'a Adr),
    Broken {
        /// From the file name (`0007-x.toml`), when it has one.
        number: Option<u32>,
        file: &'a SourceFile,
    },
}

impl Row<'_> {
    fn number(&self) -> Option<u32> {
        match self {
            Row::Record(a) => Some(a.number),
            Row::Broken { number, .. } => *number,
        }
    }
}

/// Records and broken decision files together, in number order (unnumbered broken files last).
pub fn rows(ws: &Workspace) -> Vec<Row<'_>> {
    let mut rows: Vec<Row> = ws.decisions.iter().map(Row::Record).collect();
    rows.extend(broken_decision_files(ws).map(|file| Row::Broken {
        number: file.leading_number(),
        file,
    }));
    // Stable: records keep the loader's order among equal numbers.
    rows.sort_by_key(|r| (r.number().is_none(), r.number()));
    rows
}

fn broken_decision_files(ws: &Workspace) -> impl Iterator<Item = &SourceFile> {
    ws.files.iter().filter(|f| f.is_broken_decision())
}

fn path_of<'a>(ws: &'a Workspace, adr: &Adr) -> &'a Path {
    ws.file_path(adr.origin.file).unwrap_or(Path::new(""))
}

// ---------------------------------------------------------------- list

#[derive(Debug, Default, Clone)]
pub struct ListFilter {
    pub status: Option<AdrStatus>,
    pub tag: Option<String>,
}

impl ListFilter {
    fn is_empty(&self) -> bool {
        self.status.is_none() && self.tag.is_none()
    }

    fn keeps(&self, row: &Row) -> bool {
        match row {
            Row::Record(adr) => {
                self.status.is_none_or(|s| adr.status == s)
                    && self
                        .tag
                        .as_ref()
                        .is_none_or(|t| adr.tags.iter().any(|x| x.eq_ignore_ascii_case(t)))
            }
            // Nothing is known about a broken file's status or tags.
            Row::Broken { .. } => self.is_empty(),
        }
    }
}

/// A folder of records that cannot be listed (it is a file, or unreadable) is not "no
/// records": list, show and search say so instead.
fn refuse_unlistable(ws: &Workspace) -> anyhow::Result<()> {
    match ws.diagnostics.iter().find(|d| {
        d.code == "read-error"
            && d.is_error()
            && (d.file == Path::new("decisions") || ws.meta.adr_dirs.contains(&d.file))
    }) {
        Some(d) => anyhow::bail!(
            "{}: {}",
            crate::text::inert(&d.file.display().to_string()),
            crate::text::inert(&d.message)
        ),
        None => Ok(()),
    }
}

fn list(ws: &Workspace, filter: &ListFilter, json: bool) -> anyhow::Result<ExitCode> {
    refuse_unlistable(ws)?;
    let all = rows(ws);
    let shown: Vec<Row> = all.iter().copied().filter(|r| filter.keeps(r)).collect();
    let mut out = super::output::stdout();
    if json {
        let items: Vec<RecordJson> = shown.iter().map(|r| RecordJson::of_row(ws, r)).collect();
        super::output::write_json(&mut out, &items)?;
    } else {
        write_list(&mut out, ws, &shown)?;
    }
    out.flush()?;
    drop(out);
    let broken = all
        .iter()
        .filter(|r| matches!(r, Row::Broken { .. }))
        .count();
    if broken > 0 && !json {
        let what = if filter.is_empty() {
            "listed as BROKEN"
        } else {
            "not filtered"
        };
        eprintln!(
            "wh: {} could not be read ({what}); run `wh check` for details",
            crate::text::count(broken, "decision file")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The plain `adr list` table: number (or log4brains slug), status, date, the folder or package
/// when the records come from more than one, title, in aligned columns.
pub fn write_list(out: &mut impl Write, ws: &Workspace, rows: &[Row]) -> io::Result<()> {
    let folders: Vec<String> = rows.iter().map(|r| folder_label(ws, r)).collect();
    let several = folders.iter().any(|f| *f != folders[0]);
    let columns = Columns::of(rows, several.then_some(&folders[..]));
    for (row, folder) in rows.iter().zip(&folders) {
        columns.write_row(out, row, several.then_some(folder.as_str()))?;
    }
    Ok(())
}

/// Where a row's record lives: its log4brains package, else its markdown folder, else
/// `decisions` (TOML records).
fn folder_label(ws: &Workspace, row: &Row) -> String {
    match row {
        Row::Record(adr) => match ws.adr_folder_of(adr) {
            Some((_, Some(package))) => inert(package).into_owned(),
            Some((dir, None)) => inert(&slash_path(dir)).into_owned(),
            None => "decisions".into(),
        },
        Row::Broken { file, .. } => {
            inert(&slash_path(file.path.parent().unwrap_or(Path::new("")))).into_owned()
        }
    }
}

/// Column widths shared by every row of one table.
struct Columns {
    /// Digits of the widest number (at least 4).
    number: usize,
    /// The id column: the numbers', or the longest log4brains slug's.
    id: usize,
    status: usize,
    /// The folder column, when there is one.
    folder: usize,
}

impl Columns {
    fn of(rows: &[Row], folders: Option<&[String]>) -> Self {
        let number = rows
            .iter()
            .filter_map(Row::number)
            .map(|n| digits(n).max(4))
            .max()
            .unwrap_or(4);
        let slugs = rows.iter().filter_map(|r| match r {
            Row::Record(a) => a.id_slug().map(|s| s.chars().count()),
            Row::Broken { .. } => None,
        });
        Columns {
            number,
            id: slugs.max().unwrap_or(0).max(number),
            status: rows
                .iter()
                .map(|r| match r {
                    Row::Record(a) => a.status.key().len(),
                    Row::Broken { .. } => BROKEN.len(),
                })
                .max()
                .unwrap_or(0),
            folder: folders
                .unwrap_or(&[])
                .iter()
                .map(|f| f.width())
                .max()
                .unwrap_or(0),
        }
    }

    fn write_row(&self, out: &mut impl Write, row: &Row, folder: Option<&str>) -> io::Result<()> {
        let (nw, iw, sw) = (self.number, self.id, self.status);
        // padded by display width: a folder name may hold wide characters
        let folder = folder
            .map(|f| format!("{f}{}  ", " ".repeat(self.folder.saturating_sub(f.width()))))
            .unwrap_or_default();
        match row {
            Row::Record(adr) => {
                let date = adr.date.as_deref().map(inert).unwrap_or("-".into());
                // a log4brains record is named by its slug: its "number" is only its date
                let id = match adr.id_slug() {
                    Some(slug) => slug.to_string(),
                    None => format!("{:0nw$}", adr.number),
                };
                writeln!(
                    out,
                    "{id:iw$}  {:sw$}  {:10}  {folder}{}",
                    adr.status.key(),
                    date,
                    inert(&adr.title),
                )
            }
            Row::Broken { number, file } => {
                let number = match number {
                    Some(n) => format!("{n:0nw$}"),
                    None => "?".repeat(nw),
                };
                writeln!(
                    out,
                    "{number:iw$}  {BROKEN:sw$}  {:10}  {folder}{} (cannot be read)",
                    "-",
                    inert(&file.path.display().to_string()),
                )
            }
        }
    }
}

const BROKEN: &str = "BROKEN";

fn digits(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

// ---------------------------------------------------------------- show

fn show(
    ws: &Workspace,
    reference: &str,
    json: bool,
    rev: Option<&str>,
) -> anyhow::Result<ExitCode> {
    match adr_ref::resolve(ws, reference) {
        Ok(adr) => show_one(ws, adr, json, rev),
        Err(e) => {
            let Some(number) = parse_adr_number(reference).filter(|_| !e.is_ambiguous()) else {
                bail!("{e}");
            };
            if let Some(file) =
                broken_decision_files(ws).find(|f| f.leading_number() == Some(number))
            {
                let path = file.path.display().to_string();
                let why = ws
                    .diagnostics
                    .iter()
                    .find(|d| d.file == file.path && d.is_error())
                    .map(|d| format!(":\n  {d}"))
                    .unwrap_or_default();
                bail!(
                    "ADR {number:04} is in {}, which cannot be read{}",
                    inert(&path),
                    inert_multiline(&why)
                );
            }
            bail!(
                "no ADR {number:04} in {} ({}; `wh adr list` shows them)",
                inert(&ws.root.display().to_string()),
                crate::text::count(ws.decisions.len(), "record")
            );
        }
    }
}

fn show_one(ws: &Workspace, adr: &Adr, json: bool, rev: Option<&str>) -> anyhow::Result<ExitCode> {
    let mut out = super::output::stdout();
    let dates = git_dates(ws, adr, rev);
    if json {
        let mut v = serde_json::to_value(FullRecordJson::of(ws, adr))?;
        if let Some(obj) = v.as_object_mut() {
            obj.insert(
                "created".into(),
                serde_json::to_value(dates.as_ref().map(|d| &d.created))?,
            );
            obj.insert(
                "status_changed".into(),
                serde_json::to_value(dates.as_ref().map_or(&[][..], |d| &d.status_changed[..]))?,
            );
            obj.insert(
                "authors".into(),
                serde_json::to_value(dates.as_ref().map_or(&[][..], |d| &d.authors[..]))?,
            );
        }
        super::output::write_json(&mut out, &v)?;
    } else {
        write_show(&mut out, ws, adr)?;
        if let Some(d) = &dates {
            write_git_dates(&mut out, adr, d)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The record's dates and authors from git, when the workspace is in a repository that has
/// its file (read from `rev`, else HEAD). No history is no dates, never an error.
fn git_dates(
    ws: &Workspace,
    adr: &Adr,
    rev: Option<&str>,
) -> Option<crate::history::adr_dates::AdrDates> {
    let file = ws.files.get(adr.origin.file)?;
    let history = crate::history::History::open(&ws.root).ok()?;
    let rel = file.path.to_string_lossy().replace('\\', "/");
    crate::history::adr_dates::adr_dates(&history, rev.unwrap_or("HEAD"), &rel, file.kind)
        .ok()
        .flatten()
}

/// `adr show`'s history lines: created, each status change, the authors; the record's own
/// date is shown beside git's when they disagree.
fn write_git_dates(
    out: &mut impl Write,
    adr: &Adr,
    d: &crate::history::adr_dates::AdrDates,
) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "In git")?;
    let own = match &adr.date {
        Some(date) if *date != d.created.date => format!(" (the record says {})", inert(date)),
        _ => String::new(),
    };
    writeln!(
        out,
        "  created {} by {} ({}){own}",
        d.created.date,
        inert(&d.created.author),
        d.created.commit
    )?;
    for c in &d.status_changed {
        writeln!(
            out,
            "  {} → {} {} by {} ({})",
            c.from,
            c.to,
            c.commit.date,
            inert(&c.commit.author),
            c.commit.commit
        )?;
    }
    let authors: Vec<String> = d.authors.iter().map(|a| inert(a).into_owned()).collect();
    writeln!(out, "  authors: {}", authors.join(", "))
}

/// A list item wrapped over several lines in the markdown, as one line: a soft line break is
/// a space (never `^J`).
fn soft_breaks(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['\n', '\r']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let words: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    std::borrow::Cow::Owned(words.join(" "))
}

/// The whole record, readable in a plain terminal.
pub fn write_show(out: &mut impl Write, ws: &Workspace, adr: &Adr) -> io::Result<()> {
    let heading = format!("ADR {}: {}", inert(&adr.label()), inert(&adr.title));
    writeln!(out, "{heading}")?;
    writeln!(out, "{}", "=".repeat(heading.width().min(80)))?;

    let mut status = adr.status.key().to_string();
    // a status text with a link (`Superseded by [19. X](0019-x.md)`) is said once, resolved, by
    // the lines below it
    if let Some(text) = adr.status_text.as_ref().filter(|t| !t.contains("](")) {
        status.push_str(&format!(" ({})", inert(text)));
    }
    field(out, "Status", &status)?;
    for line in supersede_chain(ws, adr) {
        field(out, "", &line)?;
    }
    if !adr.supersedes.is_empty() {
        let list: Vec<String> = adr.supersedes.iter().map(|r| describe(ws, r)).collect();
        field(out, "Supersedes", &list.join(", "))?;
    }
    field(
        out,
        "Date",
        adr.date.as_deref().map(inert).as_deref().unwrap_or("-"),
    )?;
    list_field(out, "Deciders", &adr.deciders)?;
    list_field(out, "Tags", &adr.tags)?;
    list_field(out, "Quality", &adr.quality_attributes)?;
    // links with a verb ("Amended by ADR-17"), this record's and the inverse of others'
    for (k, (verb, r)) in ws.named_links(adr).into_iter().enumerate() {
        let name = match ws.decision_by(&r) {
            Some(a) => format!("{} ({})", adr_name(a), inert(&a.title)),
            None => inert(&r.to_string()).into_owned(),
        };
        let label = if k == 0 { "Relations" } else { "" };
        field(out, label, &format!("{} {name}", inert(&verb)))?;
    }
    let plain: Vec<String> = adr
        .links
        .iter()
        .filter(|r| !adr.link_verbs.iter().any(|(x, _)| x == *r))
        .map(|r| describe(ws, r))
        .collect();
    if !plain.is_empty() {
        field(out, "Links", &plain.join(", "))?;
    }
    field(out, "File", &inert(&path_of(ws, adr).display().to_string()))?;
    if let Some((_, Some(package))) = ws.adr_folder_of(adr) {
        field(out, "Package", &inert(package))?;
    }

    for (name, text) in [
        ("Context", &adr.context),
        ("Decision drivers", &adr.drivers),
        ("Decision", &adr.decision),
        ("Consequences", &adr.consequences),
    ] {
        section(out, name, text)?;
    }
    if !adr.options.is_empty() {
        writeln!(out)?;
        writeln!(out, "Options")?;
        writeln!(out, "-------")?;
        for option in &adr.options {
            let chosen = if option.chosen { "  (chosen)" } else { "" };
            writeln!(out, "* {}{chosen}", inert(&soft_breaks(&option.name)))?;
            for line in option.description.trim().lines() {
                writeln!(out, "    {}", inert(line))?;
            }
            for pro in &option.pros {
                writeln!(out, "    + {}", inert(&soft_breaks(pro)))?;
            }
            for con in &option.cons {
                writeln!(out, "    - {}", inert(&soft_breaks(con)))?;
            }
        }
    }
    for (heading, body) in &adr.extra_sections {
        section(out, heading, body)?;
    }
    Ok(())
}

/// `ADR-17`, or a log4brains record's slug.
fn adr_name(a: &Adr) -> String {
    match a.id_slug() {
        Some(slug) => inert(slug).into_owned(),
        None => format!("ADR-{}", a.number),
    }
}

fn field(out: &mut impl Write, name: &str, value: &str) -> io::Result<()> {
    let label = if name.is_empty() {
        String::new()
    } else {
        format!("{name}:")
    };
    writeln!(out, "{label:12}{value}")
}

fn list_field(out: &mut impl Write, name: &str, items: &[String]) -> io::Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    let joined: Vec<_> = items.iter().map(|s| inert(s)).collect();
    field(out, name, &joined.join(", "))
}

fn section(out: &mut impl Write, name: &str, text: &str) -> io::Result<()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(());
    }
    let name = inert(name);
    writeln!(out)?;
    writeln!(out, "{name}")?;
    writeln!(out, "{}", "-".repeat(name.width().clamp(3, 80)))?;
    writeln!(out, "{}", inert_multiline(text))
}

/// `adr:9 (ADR 0009: Title)` when the record exists, the bare reference otherwise.
fn describe(ws: &Workspace, r: &Reference) -> String {
    match ws.decision_by(r) {
        Some(a) => format!(
            "{} ({})",
            inert(&a.reference().to_string()),
            inert(&a.title)
        ),
        None => inert(&r.to_string()).into_owned(),
    }
}

/// The record numbered `n`, by binary search over the numbers alone: they fit in the cache
/// where the records do not, which keeps a 30,000-step chain walk near-linear.
fn by_number<'w>(ws: &'w Workspace, numbers: &[u32], n: u32) -> Option<&'w Adr> {
    let i = numbers.partition_point(|&x| x < n);
    ws.decisions.get(i).filter(|a| a.number == n)
}

/// The record `r` names: by binary search over `numbers`, or by slug.
fn find_in<'w>(ws: &'w Workspace, numbers: &[u32], r: &Reference) -> Option<&'w Adr> {
    match r.adr_number() {
        Some(n) => by_number(ws, numbers, n),
        None => ws.decision_by(r),
    }
}

/// `describe` with the numbers of `ws.decisions` at hand.
fn describe_in(ws: &Workspace, numbers: &[u32], r: &Reference) -> String {
    match find_in(ws, numbers, r) {
        Some(a) => format!(
            "{} ({})",
            inert(&a.reference().to_string()),
            inert(&a.title)
        ),
        None => inert(&r.to_string()).into_owned(),
    }
}

/// For a superseded record: "superseded by adr:9 (Title)", then what superseded that, and so on.
fn supersede_chain(ws: &Workspace, adr: &Adr) -> Vec<String> {
    if adr.superseded_by.is_empty() {
        return Vec::new();
    }
    // decisions are sorted by number (the loader sorts them)
    let numbers: Vec<u32> = ws.decisions.iter().map(|a| a.number).collect();
    let mut lines = Vec::new();
    // by record, not number: two log4brains records of one day share a number
    let mut seen: HashSet<*const Adr> = HashSet::from([std::ptr::from_ref(adr)]);
    let mut current = adr;
    loop {
        if current.superseded_by.is_empty() {
            break;
        }
        let names: Vec<String> = current
            .superseded_by
            .iter()
            .map(|r| describe_in(ws, &numbers, r))
            .collect();
        let arrow = if lines.is_empty() { "" } else { "→ " };
        let status = if std::ptr::eq(current, adr) {
            String::new()
        } else {
            format!("{} is ", inert(&current.reference().to_string()))
        };
        lines.push(format!("{arrow}{status}superseded by {}", names.join(", ")));
        // Follow the first successor; stop at loops and dangling references.
        let next = find_in(ws, &numbers, &current.superseded_by[0]);
        match next {
            Some(n) if seen.insert(std::ptr::from_ref(n)) => current = n,
            Some(n) => {
                lines.push(format!(
                    "→ (loop back to {})",
                    inert(&n.reference().to_string())
                ));
                break;
            }
            None => break,
        }
    }
    lines
}

// ---------------------------------------------------------------- search

fn search(ws: &Workspace, query: &str, limit: usize, json: bool) -> anyhow::Result<ExitCode> {
    let index = SearchIndex::new(&ws.decisions);
    let hits = index.search(query, limit);
    let mut out = super::output::stdout();
    if json {
        let items: Vec<SearchHitJson> = hits
            .iter()
            .map(|h| {
                let adr = &ws.decisions[h.record];
                let mut matched = Vec::new();
                for (yes, name) in [
                    (h.matched.number, "number"),
                    (h.matched.title, "title"),
                    (h.matched.tags, "tags"),
                    (h.matched.body, "body"),
                ] {
                    if yes {
                        matched.push(name);
                    }
                }
                SearchHitJson {
                    record: RecordJson::of(ws, adr),
                    score: h.score,
                    matched,
                    title_positions: h.title_positions.clone(),
                    snippet: snippet(adr, query).map(|(field, text)| SnippetJson { field, text }),
                }
            })
            .collect();
        super::output::write_json(&mut out, &items)?;
    } else {
        let rows: Vec<Row> = hits
            .iter()
            .map(|h| Row::Record(&ws.decisions[h.record]))
            .collect();
        let folders: Vec<String> = rows.iter().map(|r| folder_label(ws, r)).collect();
        let several = folders.iter().any(|f| *f != folders[0]);
        let columns = Columns::of(&rows, several.then_some(&folders[..]));
        for ((hit, row), folder) in hits.iter().zip(&rows).zip(&folders) {
            columns.write_row(&mut out, row, several.then_some(folder.as_str()))?;
            if hit.matched.body && !hit.matched.title_all {
                if let Some((field, text)) = snippet(&ws.decisions[hit.record], query) {
                    writeln!(out, "      {field}: {}", inert(&text))?;
                }
            }
        }
    }
    out.flush()?;
    drop(out);
    if hits.is_empty() {
        // like grep: scripts can tell "nothing found" from a hit by the exit code
        if !json {
            eprintln!("wh: no ADR matches `{}`", inert(query));
        }
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// The first body line holding a query term, shortened around it: (field name, text).
pub fn snippet(adr: &Adr, query: &str) -> Option<(&'static str, String)> {
    let terms: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut fields: Vec<(&'static str, &str)> = vec![
        ("context", &adr.context),
        ("drivers", &adr.drivers),
        ("decision", &adr.decision),
        ("consequences", &adr.consequences),
    ];
    for o in &adr.options {
        fields.push(("option", &o.name));
        fields.push(("option", &o.description));
        fields.extend(o.pros.iter().map(|p| ("pro", p.as_str())));
        fields.extend(o.cons.iter().map(|c| ("con", c.as_str())));
    }
    fields.extend(
        adr.extra_sections
            .iter()
            .map(|(_, b)| ("section", b.as_str())),
    );
    for (name, text) in fields {
        for line in text.lines() {
            let lower = line.to_lowercase();
            if let Some(at) = terms.iter().find_map(|t| lower.find(t.as_str())) {
                return Some((name, shorten_around(line.trim(), &lower, at)));
            }
        }
    }
    None
}

/// About 70 columns of `line` around byte offset `at` of its lowercase form.
fn shorten_around(line: &str, lower: &str, at: usize) -> String {
    const WIDTH: usize = 70;
    if line.width() <= WIDTH {
        return line.to_string();
    }
    // Offsets of the lowercase form match the original only for ASCII; otherwise start at 0.
    let at = if line.len() == lower.len() { at } else { 0 };
    let mut start = at.saturating_sub(20);
    while !line.is_char_boundary(start) {
        start -= 1;
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut width = 0;
    for c in line[start..].chars() {
        width += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if width > WIDTH {
            out.push('…');
            break;
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------- JSON

/// One record in `adr list --json` and `adr search --json` (docs/cli-json.md).
#[derive(Debug, Serialize)]
pub struct RecordJson<'a> {
    /// How references name it: `adr:7`, or `adr:<slug>` for a log4brains record.
    id: Option<String>,
    number: Option<u32>,
    /// A log4brains record's id, or the slug an imported record was known by.
    slug: Option<&'a str>,
    title: Option<&'a str>,
    status: Option<&'static str>,
    status_text: Option<&'a str>,
    date: Option<&'a str>,
    tags: &'a [String],
    deciders: &'a [String],
    supersedes: Vec<String>,
    superseded_by: Vec<String>,
    path: String,
    /// The markdown folder the record is in (`decisions` for TOML records).
    folder: String,
    /// Its log4brains package, when the folder belongs to one.
    package: Option<&'a str>,
    source: Option<&'static str>,
    broken: bool,
}

impl<'a> RecordJson<'a> {
    pub fn of(ws: &'a Workspace, adr: &'a Adr) -> Self {
        RecordJson {
            id: Some(adr.reference().to_string()),
            number: Some(adr.number),
            slug: adr.slug.as_deref(),
            title: Some(&adr.title),
            status: Some(adr.status.key()),
            status_text: adr.status_text.as_deref(),
            date: adr.date.as_deref(),
            tags: &adr.tags,
            deciders: &adr.deciders,
            supersedes: adr.supersedes.iter().map(ToString::to_string).collect(),
            superseded_by: adr.superseded_by.iter().map(ToString::to_string).collect(),
            path: slash_path(path_of(ws, adr)),
            folder: ws
                .adr_folder_of(adr)
                .map_or_else(|| "decisions".into(), |(d, _)| slash_path(d)),
            package: ws.adr_folder_of(adr).and_then(|(_, p)| p),
            source: Some(source_key(adr)),
            broken: false,
        }
    }

    fn of_row(ws: &'a Workspace, row: &Row<'a>) -> Self {
        match row {
            Row::Record(adr) => Self::of(ws, adr),
            Row::Broken { number, file } => RecordJson {
                id: number.map(|n| Reference::adr(n).to_string()),
                number: *number,
                slug: None,
                title: None,
                status: None,
                status_text: None,
                date: None,
                tags: &[],
                deciders: &[],
                supersedes: Vec::new(),
                superseded_by: Vec::new(),
                path: slash_path(&file.path),
                folder: slash_path(file.path.parent().unwrap_or(Path::new(""))),
                package: None,
                source: None,
                broken: true,
            },
        }
    }
}

fn source_key(adr: &Adr) -> &'static str {
    use crate::workspace::model::AdrSource::*;
    match adr.source {
        Toml => "toml",
        Nygard => "nygard",
        Madr2 => "madr2",
        Madr3 => "madr3",
        Log4brains => "log4brains",
        Markdown => "markdown",
    }
}

fn slash_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

#[derive(Debug, Serialize)]
struct OptionJson<'a> {
    name: &'a str,
    chosen: bool,
    description: &'a str,
    pros: &'a [String],
    cons: &'a [String],
}

#[derive(Debug, Serialize)]
struct SectionJson<'a> {
    heading: &'a str,
    body: &'a str,
}

/// `adr show --json`: the list fields plus everything else in the record.
#[derive(Debug, Serialize)]
struct FullRecordJson<'a> {
    #[serde(flatten)]
    record: RecordJson<'a>,
    links: Vec<String>,
    quality_attributes: &'a [String],
    context: &'a str,
    drivers: &'a str,
    decision: &'a str,
    consequences: &'a str,
    options: Vec<OptionJson<'a>>,
    extra_sections: Vec<SectionJson<'a>>,
}

impl<'a> FullRecordJson<'a> {
    fn of(ws: &'a Workspace, adr: &'a Adr) -> Self {
        FullRecordJson {
            record: RecordJson::of(ws, adr),
            links: adr.links.iter().map(ToString::to_string).collect(),
            quality_attributes: &adr.quality_attributes,
            context: &adr.context,
            drivers: &adr.drivers,
            decision: &adr.decision,
            consequences: &adr.consequences,
            options: adr
                .options
                .iter()
                .map(|o| OptionJson {
                    name: &o.name,
                    chosen: o.chosen,
                    description: &o.description,
                    pros: &o.pros,
                    cons: &o.cons,
                })
                .collect(),
            extra_sections: adr
                .extra_sections
                .iter()
                .map(|(h, b)| SectionJson {
                    heading: h,
                    body: b,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize)]
struct SnippetJson {
    field: &'static str,
    text: String,
}

#[derive(Debug, Serialize)]
struct SearchHitJson<'a> {
    #[serde(flatten)]
    record: RecordJson<'a>,
    score: i64,
    matched: Vec<&'static str>,
    title_positions: Vec<usize>,
    snippet: Option<SnippetJson>,
}
