//! Loading a workspace: every file read and parsed (in parallel), every problem a diagnostic,
//! nothing lost. A file that cannot be parsed stays listed in `Workspace::files` as broken.
//!
//! One module per file kind reads its tables by hand through the spanned field reader
//! ([`fields`]), so one bad field never loses the rest of its file.

mod decision;
mod decision_index;
pub(crate) mod fields;
mod impact;
mod map;
pub(crate) mod root;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use toml::de::DeTable;

use super::diagnostic::{Diagnostic, Severity};
use super::discover::{Located, ROOT_FILE};
use super::markdown_adr::{self, FoundDir};
use super::model::*;
use super::source::FileSource;
use fields::{Ctx, RefSite};

pub use fields::{date_from_days, valid_date};

/// How much of the workspace to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// Everything.
    #[default]
    Full,
    /// Decisions only (TOML and markdown) plus `[workspace]`: what `wh adr list/show/search`
    /// need. Maps, impact maps and the flywheel are not read, and references into them are
    /// not checked.
    Decisions,
    /// What `wh adr list` and `wh adr search` show: every decision file is still read and its
    /// syntax checked in full (a broken file is listed, flagged), but only the fields those
    /// commands print are kept, plus the prose search reads when `bodies` is set. No
    /// field-level diagnostics and no cross-record checks: those are `wh check`'s.
    DecisionIndex { bodies: bool },
}

impl Scope {
    /// Decisions (and `[workspace]`) only: maps, impact maps and the flywheel are not read.
    pub fn decisions_only(self) -> bool {
        self != Scope::Full
    }
}

/// Loads the whole workspace.
pub fn load(located: &Located) -> Workspace {
    load_scoped(located, Scope::Full)
}

/// The content hash the writer compares before saving.
pub use super::files::fnv1a64;

/// One file to read: its path relative to the root and its kind.
pub(crate) struct Planned {
    pub(crate) rel: PathBuf,
    pub(crate) kind: FileKind,
}

/// Boxed, so that a `Parsed` is small: 10,000 of them are moved about between threads.
pub(crate) enum Content {
    None,
    Root(Box<root::Root>),
    Impact(Box<ImpactMap>),
    Map(Box<WardleyMap>),
    Decision(Box<Adr>),
}

pub(crate) struct Parsed {
    pub(crate) source: SourceFile,
    pub(crate) content: Content,
    pub(crate) diags: Vec<Diagnostic>,
    pub(crate) refs: Vec<RefSite>,
}

/// How far a load has come, for the cockpit's loading line: written by the loader threads,
/// read by whoever draws.
#[derive(Debug, Default)]
pub struct Progress {
    /// TOML files planned (known once the folders are listed).
    pub planned: AtomicUsize,
    /// TOML files read and parsed so far.
    pub parsed: AtomicUsize,
    /// Which step the load is in, one of the `Progress::*` stages.
    pub stage: AtomicUsize,
}

impl Progress {
    pub const LISTING: usize = 0;
    pub const PARSING: usize = 1;
    pub const MARKDOWN: usize = 2;
    pub const CHECKING: usize = 3;

    /// What the load is doing, in a few words ("reading files 310/10,000").
    pub fn describe(&self) -> String {
        let planned = self.planned.load(Ordering::Relaxed);
        let parsed = self.parsed.load(Ordering::Relaxed).min(planned);
        match self.stage.load(Ordering::Relaxed) {
            Progress::LISTING => "listing files".into(),
            Progress::PARSING => format!("reading files {parsed}/{planned}"),
            Progress::MARKDOWN => "reading markdown ADRs".into(),
            _ => "checking references".into(),
        }
    }

    fn set_stage(&self, stage: usize) {
        self.stage.store(stage, Ordering::Relaxed);
    }
}

pub fn load_scoped(located: &Located, scope: Scope) -> Workspace {
    load_with(located, scope, &Progress::default())
}

/// The whole workspace, telling `progress` how far it has come.
pub fn load_with_progress(located: &Located, progress: &Progress) -> Workspace {
    load_with(located, Scope::Full, progress)
}

fn load_with(located: &Located, scope: Scope, progress: &Progress) -> Workspace {
    load_from(located, scope, progress, &FileSource::Disk)
}

/// The workspace as `source` holds it: the working tree, or a past revision's snapshot (then
/// nothing on disk is read, and an interrupted write on disk is not this revision's business).
pub fn load_from(
    located: &Located,
    scope: Scope,
    progress: &Progress,
    source: &FileSource,
) -> Workspace {
    let root_dir = located.root.as_path();
    let mut ws = Workspace {
        root: located.root.clone(),
        mode: located.mode,
        ..Workspace::default()
    };
    let mut plan = Vec::new();
    let mut listing_diags = Vec::new();
    if located.mode == Mode::Full {
        plan.push(Planned {
            rel: PathBuf::from(ROOT_FILE),
            kind: FileKind::Root,
        });
        if scope == Scope::Full {
            list_dir(
                source,
                root_dir,
                "impact",
                FileKind::ImpactMap,
                &mut plan,
                &mut listing_diags,
            );
            list_dir(
                source,
                root_dir,
                "maps",
                FileKind::WardleyMap,
                &mut plan,
                &mut listing_diags,
            );
        }
        list_dir(
            source,
            root_dir,
            "decisions",
            FileKind::Decision,
            &mut plan,
            &mut listing_diags,
        );
        // Reading never writes, so a write that was interrupted is reported, not rolled back.
        let on_disk = matches!(source, FileSource::Disk);
        if let Some(journal) = on_disk
            .then(|| super::writer::pending_journal(root_dir))
            .flatten()
        {
            listing_diags.push(whole_file(
                journal.strip_prefix(root_dir).unwrap_or(&journal),
                Severity::Warning,
                "interrupted-write",
                "a write by wh was interrupted half-way; the next change made with wh puts \
                 its files back as they were before it"
                    .into(),
            ));
        }
    }

    progress.planned.store(plan.len(), Ordering::Relaxed);
    progress.set_stage(Progress::PARSING);
    let parsed = parse_all(source, root_dir, &plan, scope, progress);
    // A full load remembers each file's own diagnostics and references, so that one file can
    // be read again later without the rest (`Workspace::reload_paths`).
    let keep = scope == Scope::Full;
    ws.files.reserve(parsed.len());
    ws.decisions.reserve(parsed.len());
    let mut refs = Vec::new();
    let mut root_seen = false;
    for p in parsed {
        ws.files.push(p.source);
        if keep {
            ws.loaded.file_diags.push(p.diags);
        } else {
            ws.diagnostics.extend(p.diags);
        }
        refs.extend(p.refs);
        match p.content {
            Content::None => {}
            Content::Root(r) => {
                root_seen = true;
                set_root(&mut ws, *r);
            }
            Content::Impact(m) => ws.impact_maps.push(*m),
            Content::Map(m) => ws.maps.push(*m),
            Content::Decision(a) => ws.decisions.push(*a),
        }
    }
    // diagnostics that belong to no single TOML file, kept apart for the same reason
    let mut other_diags = listing_diags;
    if located.mode == Mode::Full && scope == Scope::Full {
        ws.loaded.phase_diags = complete_phases(&mut ws, root_seen);
    }
    progress.set_stage(Progress::MARKDOWN);

    // Markdown ADR folders: those the workspace names, and the one found in decisions-only mode.
    let mut dirs = ws.meta.adr_dirs.clone();
    for found in &located.adr_dirs {
        if !dirs.contains(&found.dir) {
            dirs.push(found.dir.clone());
        }
    }
    if located.mode == Mode::DecisionsOnly {
        ws.meta.adr_dirs = located.adr_dirs.iter().map(|f| f.dir.clone()).collect();
    }
    ws.meta.adr_packages = located
        .adr_dirs
        .iter()
        .filter_map(|f| Some((f.dir.clone(), f.package.clone()?)))
        .collect();
    for dir in dirs {
        if located.mode == Mode::Full && !source.is_dir(root_dir, &dir) {
            other_diags.push(Diagnostic {
                file: PathBuf::from(ROOT_FILE),
                line: 0,
                col: 0,
                severity: Severity::Error,
                code: "missing-folder",
                message: format!("adr-dirs names `{}`, which is not a folder", dir.display()),
                target: None,
            });
            continue;
        }
        // `adr list` prints only the header fields: the sections are not built
        let detail = match scope {
            Scope::DecisionIndex { bodies: false } => markdown_adr::Detail::Headers,
            _ => markdown_adr::Detail::Full,
        };
        let md = markdown_adr::read_dir_from(source, root_dir, &dir, ws.files.len(), detail);
        ws.files.extend(md.files);
        ws.decisions.extend(md.records);
        other_diags.extend(md.diagnostics);
    }

    // Stable: two records with one number keep file order (the duplicate is diagnosed).
    ws.decisions.sort_by_key(|a| a.number);
    progress.set_stage(Progress::CHECKING);
    if keep {
        // one entry per file, markdown ones included (theirs are in `other_diags`), so that a
        // file's index into `files` is its index here
        ws.loaded.file_diags.resize_with(ws.files.len(), Vec::new);
        ws.loaded.other_diags = other_diags;
        ws.loaded.scope = Some(scope);
        ws.diagnostics = ws.loaded.own_diagnostics();
    } else {
        ws.diagnostics.extend(other_diags);
    }
    finish(&mut ws, &refs, scope);
    if keep {
        ws.loaded.refs = refs;
    }
    ws
}

/// The cross-file checks, then diagnostics in file and line order.
pub(crate) fn finish(ws: &mut Workspace, refs: &[RefSite], scope: Scope) {
    if !matches!(scope, Scope::DecisionIndex { .. }) {
        super::validate::validate(ws, refs, scope);
    }
    ws.diagnostics
        .sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
}

/// Every `*.toml` directly in `root/dir`, in file-name order. A missing folder is fine.
fn list_dir(
    source: &FileSource,
    root: &Path,
    dir: &str,
    kind: FileKind,
    plan: &mut Vec<Planned>,
    diags: &mut Vec<Diagnostic>,
) {
    let names = match source.list(root, Path::new(dir)) {
        Ok(Some(names)) => names,
        Ok(None) => return,
        Err(e) => {
            diags.push(Diagnostic {
                file: PathBuf::from(dir),
                line: 0,
                col: 0,
                severity: Severity::Error,
                code: "read-error",
                message: format!("cannot list the folder: {e}"),
                target: None,
            });
            return;
        }
    };
    let mut kept: Vec<String> = Vec::new();
    for name in names {
        if !name.ends_with(".toml") || name.starts_with('.') {
            continue;
        }
        // the template of new records is not a record
        if kind == FileKind::Decision && name == "template.toml" {
            continue;
        }
        // a pipe nobody writes would make the read wait for ever: only regular files are read
        let rel = format!("{dir}/{name}");
        if matches!(source, FileSource::Disk)
            && !std::fs::metadata(root.join(&rel)).is_ok_and(|m| m.is_file())
        {
            if !root.join(&rel).is_dir() {
                diags.push(Diagnostic {
                    message: why_not_read(&root.join(&rel), &name),
                    file: PathBuf::from(rel),
                    line: 0,
                    col: 0,
                    severity: Severity::Warning,
                    code: "not-a-file",
                    target: None,
                });
            }
            continue;
        }
        kept.push(name);
    }
    let mut names = kept;
    names.sort_unstable();
    plan.extend(names.into_iter().map(|n| Planned {
        rel: PathBuf::from(format!("{dir}/{n}")),
        kind,
    }));
}

/// Why a listed `.toml` name that is not a regular file was passed over, in the user's terms.
fn why_not_read(path: &Path, name: &str) -> String {
    // the listing replaced bytes that are not UTF-8 with U+FFFD: no file has that name
    if name.contains('\u{FFFD}') && std::fs::symlink_metadata(path).is_err() {
        return "the file name is not UTF-8 text (shown with �): not read; rename the file".into();
    }
    match std::fs::read_link(path) {
        Ok(to) => match std::fs::metadata(path) {
            Err(e) if e.raw_os_error() == Some(ELOOP) => format!(
                "a symbolic link that loops (to {}): not read",
                crate::text::inert(&to.display().to_string())
            ),
            Err(_) => format!(
                "a symbolic link to {}, which does not exist: not read",
                crate::text::inert(&to.display().to_string())
            ),
            Ok(_) => "a symbolic link to something not a regular file (a pipe, socket or device): not read".into(),
        },
        Err(_) => "not a regular file (a pipe, socket or device): not read".into(),
    }
}

/// `ELOOP` (too many levels of symbolic links): its number differs between systems.
#[cfg(unix)]
const ELOOP: i32 = libc::ELOOP;
#[cfg(not(unix))]
const ELOOP: i32 = -1;

/// The hook of the tests that need a load that takes its time (signals and `q` while loading):
/// `WH_TEST_LOAD_PAUSE_MS` makes every file's read wait that long.
fn test_pause() -> Option<std::time::Duration> {
    std::env::var("WH_TEST_LOAD_PAUSE_MS")
        .ok()?
        .parse()
        .ok()
        .map(std::time::Duration::from_millis)
}

/// Reads and parses every planned file, spread over the available cores. Results come back
/// in plan order, so file indices are the same on every run.
fn parse_all(
    source: &FileSource,
    root: &Path,
    plan: &[Planned],
    scope: Scope,
    progress: &Progress,
) -> Vec<Parsed> {
    let pause = test_pause();
    let slots = super::files::parallel_read(plan.len(), |i, buf: &mut Buffers| {
        if let Some(p) = pause {
            std::thread::sleep(p);
        }
        let parsed = parse_file_from(source, root, &plan[i], i, scope, buf);
        progress.parsed.fetch_add(1, Ordering::Relaxed);
        parsed
    });
    // A worker that panicked (it should not) leaves holes: those files are listed as broken.
    slots
        .into_iter()
        .zip(plan)
        .map(|(slot, p)| {
            slot.unwrap_or_else(|| {
                Parsed::unreadable(p, "internal error while reading this file".into())
            })
        })
        .collect()
}

fn whole_file(rel: &Path, severity: Severity, code: &'static str, message: String) -> Diagnostic {
    Diagnostic {
        file: rel.to_path_buf(),
        line: 0,
        col: 0,
        severity,
        code,
        message,
        target: None,
    }
}

/// What one loader thread reuses from file to file.
#[derive(Default)]
pub(crate) struct Buffers {
    bytes: Vec<u8>,
    index: decision_index::Scratch,
}

impl Parsed {
    /// A file listed as broken, nothing read from it yet.
    fn broken(p: &Planned) -> Parsed {
        Parsed {
            source: SourceFile {
                path: p.rel.clone(),
                kind: p.kind,
                hash: 0,
                broken: true,
            },
            content: Content::None,
            diags: Vec::new(),
            refs: Vec::new(),
        }
    }

    /// A file that could not be read: listed, flagged, with why.
    fn unreadable(p: &Planned, message: String) -> Parsed {
        let mut out = Parsed::broken(p);
        out.diags
            .push(whole_file(&p.rel, Severity::Error, "read-error", message));
        out
    }
}

pub(crate) fn parse_file(
    root: &Path,
    p: &Planned,
    index: usize,
    scope: Scope,
    buf: &mut Buffers,
) -> Parsed {
    parse_file_from(&FileSource::Disk, root, p, index, scope, buf)
}

pub(crate) fn parse_file_from(
    source: &FileSource,
    root: &Path,
    p: &Planned,
    index: usize,
    scope: Scope,
    buf: &mut Buffers,
) -> Parsed {
    let bytes = match source.read(root, &p.rel, &mut buf.bytes) {
        Ok(n) => &buf.bytes[..n],
        Err(e) => return Parsed::unreadable(p, format!("cannot read: {e}")),
    };
    let mut out = Parsed::broken(p);
    // The hash guards saves; the list and search commands never save.
    if !matches!(scope, Scope::DecisionIndex { .. }) {
        out.source.hash = fnv1a64(bytes);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
            let (line, col) = super::diagnostic::LineIndex::new(&valid).line_col(valid.len());
            out.diags.push(Diagnostic {
                file: p.rel.clone(),
                line,
                col,
                severity: Severity::Error,
                code: "syntax",
                message: "the file is not UTF-8 text".into(),
                target: None,
            });
            return out;
        }
    };
    // Editors hide a byte-order mark; columns are counted without it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let (FileKind::Decision, Scope::DecisionIndex { bodies }) = (p.kind, scope) {
        if let Some(adr) = decision_index::read(text, index, bodies, &mut buf.index) {
            out.source.broken = false;
            out.content = Content::Decision(Box::new(adr));
            return out;
        }
        // Not the canonical shape, or broken: the full reader says what is wrong.
    }
    let (doc, errors) = DeTable::parse_recoverable(text);
    let mut cx = Ctx::new(index, &p.rel, text);
    if !errors.is_empty() {
        let mut said = std::collections::HashSet::new();
        let mut more: Option<(std::ops::Range<usize>, usize)> = None;
        for e in &errors {
            let span = e.span().unwrap_or(0..0);
            // past the depth limit, every open array repeats "unclosed array" at the end
            if !said.insert((span.clone(), e.message())) {
                continue;
            }
            // A megabyte of control characters in one string is 300,000 errors: say the first
            // ones (each costs a column count along its line) and how many more there are.
            if said.len() > MAX_SYNTAX_ERRORS {
                more.get_or_insert((span, 0)).1 += 1;
                continue;
            }
            cx.error(span, "syntax", syntax_message(e.message()));
        }
        if let Some((span, n)) = more {
            cx.error(
                span,
                "syntax",
                format!(
                    "TOML syntax: {} more from here; fix the ones above first",
                    n
                ),
            );
        }
        out.diags = cx.diags;
        return out;
    }
    out.source.broken = false;
    let stem = p
        .rel
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    let doc = doc.get_ref();
    out.content = match p.kind {
        FileKind::Root => Content::Root(Box::new(root::read(&mut cx, doc, scope.decisions_only()))),
        FileKind::Decision => Content::Decision(Box::new(decision::read(&mut cx, doc, &stem))),
        FileKind::ImpactMap => {
            check_stem(&mut cx, &stem, "impact map");
            Content::Impact(Box::new(impact::read(&mut cx, doc, &stem)))
        }
        FileKind::WardleyMap => {
            check_stem(&mut cx, &stem, "map");
            Content::Map(Box::new(map::read(&mut cx, doc, &stem)))
        }
        FileKind::MarkdownDecision => Content::None,
    };
    out.diags = cx.diags;
    out.refs = cx.refs;
    out
}

/// One file's content read on its own, from bytes rather than the disk.
fn parse_bytes(rel: &str, kind: FileKind, bytes: Vec<u8>, scope: Scope) -> Content {
    let mut snap = super::source::Snapshot::new("");
    snap.insert(rel, bytes);
    let source = FileSource::Snapshot(std::sync::Arc::new(snap));
    let planned = Planned {
        rel: PathBuf::from(rel),
        kind,
    };
    parse_file_from(
        &source,
        Path::new(""),
        &planned,
        0,
        scope,
        &mut Buffers::default(),
    )
    .content
}

/// One map file's content read on its own (for history, which reads a map at many commits):
/// `None` when it is not a readable map.
pub(crate) fn parse_map_bytes(rel: &str, bytes: Vec<u8>) -> Option<WardleyMap> {
    match parse_bytes(rel, FileKind::WardleyMap, bytes, Scope::Full) {
        Content::Map(m) => Some(*m),
        _ => None,
    }
}

/// The metrics of one `wheelhouse.toml` read on its own (for history, which reads it at many
/// commits): `None` when it is not a readable root file.
pub(crate) fn parse_metrics_bytes(bytes: Vec<u8>) -> Option<Vec<crate::workspace::model::Metric>> {
    let rel = crate::workspace::discover::ROOT_FILE;
    let mut snap = super::source::Snapshot::new("");
    snap.insert(rel, bytes);
    let source = FileSource::Snapshot(std::sync::Arc::new(snap));
    let planned = Planned {
        rel: PathBuf::from(rel),
        kind: FileKind::Root,
    };
    let parsed = parse_file_from(
        &source,
        Path::new(""),
        &planned,
        0,
        Scope::Full,
        &mut Buffers::default(),
    );
    match parsed.content {
        Content::Root(r) => Some(r.metrics),
        _ => None,
    }
}

/// One decision file's record read on its own (TOML or markdown): `None` when it is not a
/// readable record.
pub(crate) fn parse_decision_bytes(rel: &str, kind: FileKind, bytes: Vec<u8>) -> Option<Adr> {
    if kind == FileKind::MarkdownDecision {
        let text = String::from_utf8_lossy(&bytes);
        return Some(markdown_adr::parse_one(Path::new(rel), &text, 0).0);
    }
    match parse_bytes(rel, FileKind::Decision, bytes, Scope::Decisions) {
        Content::Decision(a) => Some(*a),
        _ => None,
    }
}

/// What `wheelhouse.toml` holds, put in its place in the model.
pub(crate) fn set_root(ws: &mut Workspace, r: root::Root) {
    ws.meta = r.meta;
    ws.phases = r.phases;
    ws.metrics = r.metrics;
    ws.reviews = r.reviews;
    ws.value_streams = r.value_streams;
    ws.pillars = r.pillars;
    ws.scenarios = r.scenarios;
}

/// Syntax errors reported one by one per file; the rest are counted in one more.
const MAX_SYNTAX_ERRORS: usize = 20;

/// toml's messages can span lines; a diagnostic is one line.
fn syntax_message(m: &str) -> String {
    let m = m.trim();
    let first = m.lines().next().unwrap_or(m).trim();
    if first.contains("max recursion depth") {
        return format!(
            "TOML syntax: arrays or inline tables nested more than {} deep",
            decision_index::MAX_DEPTH
        );
    }
    format!("TOML syntax: {first}")
}

fn check_stem(cx: &mut Ctx<'_>, stem: &str, what: &str) {
    if !super::reference::is_valid_id(stem) {
        cx.file_level(
            Severity::Error,
            "invalid-id",
            format!("the file name gives the {what} its id, and `{stem}` is not kebab-case ([a-z0-9][a-z0-9-]*): rename the file"),
        );
    }
}

/// Always the four phases in flywheel order; a missing one is defaulted and diagnosed (the
/// diagnostics are returned).
pub(crate) fn complete_phases(ws: &mut Workspace, root_parsed: bool) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut phases = Vec::with_capacity(4);
    for id in PhaseId::ALL {
        match ws.phases.iter().position(|p| p.id == id) {
            Some(i) => phases.push(ws.phases[i].clone()),
            None => {
                if root_parsed {
                    diags.push(Diagnostic {
                        file: PathBuf::from(ROOT_FILE),
                        line: 0,
                        col: 0,
                        severity: Severity::Warning,
                        code: "missing-phase",
                        message: format!(
                            "no [phase.{}] ({}): add it, even if only with status = \"not-started\"",
                            id.key(),
                            id.default_title()
                        ),
                        target: Some(super::reference::Reference::new(
                            super::reference::RefKind::Phase,
                            id.key(),
                            None,
                        )),
                    });
                }
                phases.push(root::default_phase(id));
            }
        }
    }
    ws.phases = phases;
    diags
}

impl Workspace {
    /// Loads the same workspace again from disk (after a write, or when files changed).
    pub fn reload(&self) -> Workspace {
        self.reload_scoped(Scope::Full)
    }

    pub fn reload_scoped(&self, scope: Scope) -> Workspace {
        let located = Located {
            root: self.root.clone(),
            mode: self.mode,
            adr_dirs: match self.mode {
                Mode::DecisionsOnly => self
                    .meta
                    .adr_dirs
                    .iter()
                    .map(|d| FoundDir {
                        dir: d.clone(),
                        why: "read before".into(),
                        package: self
                            .meta
                            .adr_packages
                            .iter()
                            .find(|(p, _)| p == d)
                            .map(|(_, name)| name.clone()),
                    })
                    .collect(),
                Mode::Full => Vec::new(),
            },
        };
        load_scoped(&located, scope)
    }
}
