//! Reading markdown ADR folders in place: adr-tools/Nygard, MADR 2/3/4, log4brains, and the mess
//! real folders hold. Every record file is listed, always: what cannot be read becomes a diagnostic
//! (file, line, column) and an `unknown` status, never a dropped record.

pub mod conventions;
mod date;
mod document;
mod front_matter;
mod headings;
mod locate;
mod names;
mod options;
mod record;
mod status;
mod template;
pub mod write;

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use super::diagnostic::{Diagnostic, Severity};
use super::model::{Adr, FileKind, SourceFile};
use super::reference::Reference;
use super::source::FileSource;

pub use date::normalize as normalize_date;
pub use locate::{find_adr_dir, find_adr_dir_here, find_adr_dirs_here, search_adr_dirs, FoundDir};
pub use names::{is_record_file, log4brains_slug, number_from_name};
pub use status::inverse_verb;
pub use template::looks_like_template;

/// What reading one markdown ADR folder produced.
#[derive(Debug, Default)]
pub struct MarkdownFolder {
    /// One entry per record file, in file-name order (kind `MarkdownDecision`); a file that
    /// could not be read is listed with `broken = true`.
    pub files: Vec<SourceFile>,
    /// `records[i].origin.file` is an index into `files` offset by `first_file_index`.
    pub records: Vec<Adr>,
    pub diagnostics: Vec<Diagnostic>,
    /// Files named like records that turned out to be unfilled templates: not listed.
    pub templates: Vec<PathBuf>,
}

/// How much of each record a read keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// What `wh adr list` prints: number, title, status and its text, date, tags, deciders,
    /// supersedes and superseded-by, dialect, origin, and every diagnostic, all exactly as a
    /// full read gives them. The sections (context, drivers, decision, consequences, extra
    /// sections), the options and the links stay empty, and so does `SourceFile::hash` (0): the
    /// hash guards writes, and nothing writes through a listing (markdown records are never
    /// edited in place). Hashing every byte was the largest cost left in `wh adr list`.
    Headers,
    /// Everything the file says.
    Full,
}

/// Reads every markdown record in `root/dir` in full. `first_file_index` is where this folder's
/// files will start in `Workspace::files`.
pub fn read_dir(root: &Path, dir: &Path, first_file_index: usize) -> MarkdownFolder {
    read_dir_with(root, dir, first_file_index, Detail::Full)
}

/// [`read_dir`] keeping only `detail` of each record.
pub fn read_dir_with(
    root: &Path,
    dir: &Path,
    first_file_index: usize,
    detail: Detail,
) -> MarkdownFolder {
    read_dir_from(&FileSource::Disk, root, dir, first_file_index, detail)
}

/// [`read_dir_with`] from the working tree or a past revision's snapshot.
pub fn read_dir_from(
    source: &FileSource,
    root: &Path,
    dir: &Path,
    first_file_index: usize,
    detail: Detail,
) -> MarkdownFolder {
    let mut folder = MarkdownFolder::default();
    let abs = root.join(dir);
    let rel_dir = slash_path(dir);
    // (path inside the folder as shown, file name, path on disk): a name that is not UTF-8 is
    // still read, and shown lossily; subfolders (`archived/`, per-year) are part of the folder
    let listed: std::io::Result<Vec<(String, String, PathBuf)>> = match source {
        FileSource::Disk => std::fs::read_dir(&abs).map(|_| record_files(&abs)),
        FileSource::Snapshot(snap) => match snap.files_under(&rel_dir) {
            Some(paths) => Ok(snapshot_record_files(paths)),
            None => Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no such folder in this revision",
            )),
        },
    };
    let names = match listed {
        Ok(n) => n,
        Err(e) => {
            folder.diagnostics.push(whole_file(
                PathBuf::from(&rel_dir),
                Severity::Error,
                "unreadable",
                format!("cannot read the ADR folder: {e}"),
            ));
            return folder;
        }
    };

    let rel_of = |name: &str| -> PathBuf {
        if rel_dir.is_empty() || rel_dir == "." {
            PathBuf::from(name)
        } else {
            let mut rel = String::with_capacity(rel_dir.len() + 1 + name.len());
            rel.push_str(&rel_dir);
            rel.push('/');
            rel.push_str(name);
            PathBuf::from(rel)
        }
    };
    let read_one = |i: usize, buf: &mut Vec<u8>| -> Outcome {
        let (name, _, on_disk) = &names[i];
        let rel = rel_of(name);
        let read = match source {
            FileSource::Disk => super::files::read(&abs.join(on_disk), buf),
            FileSource::Snapshot(_) => source.read(root, &rel, buf),
        };
        match read {
            Ok(n) => {
                let bytes = &buf[..n];
                let hash = match detail {
                    Detail::Full => super::files::fnv1a64(bytes),
                    Detail::Headers => 0,
                };
                // the fast check first; the lossy one only for files that need it
                let (text, lossy) = match std::str::from_utf8(bytes) {
                    Ok(s) => (std::borrow::Cow::Borrowed(s), false),
                    Err(_) => (String::from_utf8_lossy(bytes), true),
                };
                if looks_like_template(&text) {
                    return Outcome::template(rel);
                }
                let mut parsed = record::parse(&rel, &text, first_file_index + i, detail);
                if lossy {
                    parsed.diagnostics.push(whole_file(
                        rel.clone(),
                        Severity::Warning,
                        "encoding",
                        "not valid UTF-8: unreadable bytes are shown as �".into(),
                    ));
                }
                Outcome {
                    file: SourceFile {
                        path: rel,
                        kind: FileKind::MarkdownDecision,
                        hash,
                        broken: false,
                    },
                    parsed: Some(parsed),
                    error: None,
                    template: false,
                }
            }
            Err(e) => Outcome::unreadable(rel, format!("cannot read the file: {e}")),
        }
    };
    let outcomes = super::files::parallel_read(names.len(), read_one);

    let mut parsed = Vec::with_capacity(outcomes.len());
    // sized once: growing it copies and, with large pages, clears fresh memory each time
    folder.files.reserve_exact(outcomes.len());
    let mut kept_names: Vec<&str> = Vec::with_capacity(outcomes.len());
    for (i, o) in outcomes.into_iter().enumerate() {
        // a worker that panicked (it should not) leaves its files unread: listed, flagged
        let o = o.unwrap_or_else(|| {
            Outcome::unreadable(
                rel_of(&names[i].0),
                "internal error while reading this file".into(),
            )
        });
        if o.template {
            folder.templates.push(o.file.path);
            continue;
        }
        folder.files.push(o.file);
        folder.diagnostics.extend(o.error);
        if let Some(mut p) = o.parsed {
            // templates left out: the file's index is where it landed, not where it was read
            p.adr.origin.file = first_file_index + folder.files.len() - 1;
            parsed.push(p);
            kept_names.push(names[i].1.as_str());
        }
    }
    let names_of = kept_names;
    let (records, mut diagnostics) = resolve(parsed, &names_of);
    gather_optional_statuses(&rel_dir, &records, &mut diagnostics);
    folder.records = records;
    folder.diagnostics.extend(diagnostics);
    folder
}

/// MADR 4 makes the status optional (18 of the MADR project's own 19 records have none): records
/// of a front-matter dialect without one are said in one line for the folder, not one each.
fn gather_optional_statuses(rel_dir: &str, records: &[Adr], diagnostics: &mut Vec<Diagnostic>) {
    use super::model::AdrSource;
    let optional: BTreeSet<Reference> = records
        .iter()
        .filter(|a| a.source == AdrSource::Madr3 && a.status_text.is_none())
        .map(Adr::reference)
        .collect();
    let is_optional = |d: &Diagnostic| {
        d.code == "missing-status"
            && d.message.starts_with("no status")
            && d.target.as_ref().is_some_and(|t| optional.contains(t))
    };
    let count = diagnostics.iter().filter(|d| is_optional(d)).count();
    if count < 2 {
        return;
    }
    let first = diagnostics
        .iter()
        .find(|d| is_optional(d))
        .map(|d| d.file.clone());
    diagnostics.retain(|d| !is_optional(d));
    let folder = if rel_dir.is_empty() { "." } else { rel_dir };
    diagnostics.push(whole_file(
        PathBuf::from(folder),
        Severity::Warning,
        "missing-status",
        format!(
            "{count} records have no status (MADR 4 makes it optional; the first is {}): listed as \
             unknown",
            first.map_or_else(String::new, |f| f.display().to_string())
        ),
    ));
}

/// How deep subfolders of an ADR folder are read (`archived/2021/…` is two).
const MAX_SUBFOLDER_DEPTH: usize = 3;

/// Record files under `abs`, subfolders included, sorted by their path inside it:
/// (path inside the folder with `/`, file name, path on disk relative to `abs`).
fn record_files(abs: &Path) -> Vec<(String, String, PathBuf)> {
    let mut out = Vec::new();
    let mut stack = vec![(PathBuf::new(), String::new(), 0usize)];
    while let Some((on_disk, shown, depth)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(abs.join(&on_disk)) else {
            continue;
        };
        for e in entries.filter_map(|e| e.ok()) {
            let name_os = e.file_name();
            let name = name_os.to_string_lossy().into_owned();
            let shown_path = if shown.is_empty() {
                name.clone()
            } else {
                format!("{shown}/{name}")
            };
            // a symbolic link to a folder is not followed: no loops
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                if depth < MAX_SUBFOLDER_DEPTH && is_record_subfolder(&name) {
                    stack.push((on_disk.join(&name_os), shown_path, depth + 1));
                }
                continue;
            }
            if (crate::workspace::files::is_regular(&e) || is_dangling_link(&e))
                && is_record_file(&name)
            {
                out.push((shown_path, name, on_disk.join(&name_os)));
            }
        }
    }
    out.sort();
    out
}

/// [`record_files`] of a past revision: of the paths under the folder, the record files
/// whose subfolders (as deep, and named, as on disk) hold records.
fn snapshot_record_files(paths: Vec<String>) -> Vec<(String, String, PathBuf)> {
    let mut out: Vec<(String, String, PathBuf)> = paths
        .into_iter()
        .filter_map(|path| {
            let mut parts: Vec<&str> = path.split('/').collect();
            let name = parts.pop()?.to_string();
            let kept = parts.len() <= MAX_SUBFOLDER_DEPTH
                && parts.iter().all(|p| is_record_subfolder(p))
                && is_record_file(&name);
            kept.then(|| (path.clone(), name, PathBuf::from(&path)))
        })
        .collect();
    out.sort();
    out
}

/// A link to nothing: listed, so that the read fails and flags it, rather than vanishing.
fn is_dangling_link(e: &std::fs::DirEntry) -> bool {
    e.file_type().is_ok_and(|t| t.is_symlink()) && std::fs::metadata(e.path()).is_err()
}

/// Subfolders that hold records (`archived`, `superseded`, `2021`, a package's folder) rather
/// than templates, assets or tooling.
fn is_record_subfolder(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    !(lower.starts_with('.')
        || lower.starts_with('_')
        || [
            "template",
            "templates",
            "assets",
            "images",
            "img",
            "media",
            "diagrams",
            "node_modules",
        ]
        .contains(&lower.as_str()))
}

/// Reads one markdown record on its own (links resolved by file-name numbers only).
/// For `wh import adr` of single files and for benchmarks.
pub fn parse_one(path: &Path, text: &str, file_index: usize) -> (Adr, Vec<Diagnostic>) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (mut records, diags) = resolve(
        vec![record::parse(path, text, file_index, Detail::Full)],
        &[name.as_str()],
    );
    (records.remove(0), diags)
}

struct Outcome {
    file: SourceFile,
    parsed: Option<record::Parsed>,
    error: Option<Diagnostic>,
    /// An unfilled template: left out of the listing.
    template: bool,
}

impl Outcome {
    fn template(rel: PathBuf) -> Outcome {
        Outcome {
            file: SourceFile {
                path: rel,
                kind: FileKind::MarkdownDecision,
                hash: 0,
                broken: false,
            },
            parsed: None,
            error: None,
            template: true,
        }
    }

    /// A file that could not be read: listed, flagged, with why.
    fn unreadable(rel: PathBuf, message: String) -> Outcome {
        Outcome {
            error: Some(whole_file(
                rel.clone(),
                Severity::Error,
                "unreadable",
                message,
            )),
            file: SourceFile {
                path: rel,
                kind: FileKind::MarkdownDecision,
                hash: 0,
                broken: true,
            },
            parsed: None,
            template: false,
        }
    }
}

/// Numbers the unnumbered, turns file-name links into `adr:N` references, and attaches targets
/// to diagnostics.
fn resolve(parsed: Vec<record::Parsed>, names: &[&str]) -> (Vec<Adr>, Vec<Diagnostic>) {
    let mut next = parsed
        .iter()
        .filter_map(|p| p.number)
        .max()
        .map_or(1, |m| m + 1);
    let mut numbers = Vec::with_capacity(parsed.len());
    for p in &parsed {
        let n = match p.number {
            Some(n) => n,
            None => {
                next += 1;
                next - 1
            }
        };
        numbers.push(n);
    }
    // how each record is named: `adr:N`, or `adr:<slug>` for log4brains records (two of one day
    // share the date that stands in for their number)
    let ids: Vec<Reference> = parsed
        .iter()
        .zip(&numbers)
        .map(|(p, &n)| match p.adr.id_slug() {
            Some(slug) => Reference::adr_slug(slug),
            None => Reference::adr(n),
        })
        .collect();
    // file name (ASCII lower case) → record, built at the first link to a file name
    let by_file: OnceCell<HashMap<Cow<str>, usize>> = OnceCell::new();
    let lookup = |t: &status::Target| -> Option<Reference> {
        match t {
            status::Target::Number(n) => Some(Reference::adr(*n)),
            status::Target::File(f) => {
                let by_file = by_file.get_or_init(|| {
                    names
                        .iter()
                        .enumerate()
                        .map(|(i, name)| (ascii_lower(name), i))
                        .collect()
                });
                if let Some(&i) = by_file.get(ascii_lower(f).as_ref()) {
                    return ids.get(i).cloned();
                }
                // a record outside this folder (or gone): named as its file name names it
                let stem = f.rsplit_once('.').map_or(f.as_str(), |(s, _)| s);
                let stem = stem.rsplit('/').next().unwrap_or(stem);
                number_from_name(stem).map(|n| {
                    if n.is_date {
                        Reference::adr_slug(&names::log4brains_slug(stem))
                    } else {
                        Reference::adr(n.number)
                    }
                })
            }
        }
    };
    let mut out = Vec::with_capacity(parsed.len());
    let mut diagnostics = Vec::new();
    for ((mut p, &n), me) in parsed.into_iter().zip(&numbers).zip(ids.iter()) {
        p.adr.number = n;
        if p.number.is_none() {
            p.diagnostics.push(Diagnostic {
                file: p.path.clone(),
                line: p.adr.origin.line,
                col: 1,
                severity: Severity::Warning,
                code: "missing-number",
                message: format!("no number in the file name or the title; listed as {n}"),
                target: None,
            });
        }
        let mut seen: BTreeSet<Reference> = BTreeSet::new();
        seen.insert(me.clone());
        // lifecycle edges first, so a plain link never repeats one
        let mut relations = std::mem::take(&mut p.relations);
        let is_link = |rel: &status::Rel| matches!(rel, status::Rel::Link | status::Rel::Verb(_));
        relations.sort_by_key(|(rel, _)| is_link(rel));
        for (rel, t) in &relations {
            let Some(r) = lookup(t) else { continue };
            if r == *me {
                continue;
            }
            if let status::Rel::Verb(verb) = rel {
                if !p.adr.link_verbs.iter().any(|(x, _)| *x == r) && !seen.contains(&r) {
                    p.adr.link_verbs.push((r.clone(), (*verb).to_string()));
                }
            }
            let list = match rel {
                status::Rel::SupersededBy => &mut p.adr.superseded_by,
                status::Rel::Supersedes => &mut p.adr.supersedes,
                status::Rel::Link | status::Rel::Verb(_) => &mut p.adr.links,
            };
            if is_link(rel) && seen.contains(&r) {
                continue;
            }
            if !list.contains(&r) {
                list.push(r.clone());
            }
            if !is_link(rel) {
                seen.insert(r);
            }
        }
        seen.extend(p.adr.links.iter().cloned());
        for t in &p.body_links {
            if let Some(r) = lookup(t) {
                if seen.insert(r.clone()) && !p.adr.links.contains(&r) {
                    p.adr.links.push(r);
                }
            }
        }
        for d in &mut p.diagnostics {
            d.target = Some(me.clone());
        }
        diagnostics.append(&mut p.diagnostics);
        out.push(p.adr);
    }
    (out, diagnostics)
}

/// `s` in ASCII lower case, copied only when it has upper case letters.
fn ascii_lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

fn whole_file(
    file: PathBuf,
    severity: Severity,
    code: &'static str,
    message: String,
) -> Diagnostic {
    Diagnostic {
        file,
        line: 0,
        col: 0,
        severity,
        code,
        message,
        target: None,
    }
}

/// `a\b` → `a/b`, without a leading `./`.
fn slash_path(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./")
        .unwrap_or(&s)
        .trim_end_matches('/')
        .to_string()
}

/// A folder with at least one record file in it.
pub fn holds_records(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries.filter_map(|e| e.ok()).any(|e| {
                e.file_type().is_ok_and(|t| !t.is_dir())
                    && e.file_name().to_str().is_some_and(is_record_file)
            })
        })
        .unwrap_or(false)
}

/// A folder holding at least one numbered record (`0001-x.md`): an ADR folder by itself.
pub fn holds_numbered_records(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries.filter_map(|e| e.ok()).any(|e| {
                e.file_type().is_ok_and(|t| !t.is_dir())
                    && e.file_name().to_str().is_some_and(|n| {
                        is_record_file(n)
                            && n.rsplit_once('.')
                                .is_some_and(|(stem, _)| number_from_name(stem).is_some())
                    })
            })
        })
        .unwrap_or(false)
}
