//! A user's REF for one decision record — a number (`7`, `0007`, `adr:7`), a slug
//! (`use-lunr-for-search`, `adr:use-lunr-for-search`) or a file's path or name — turned into
//! exactly one record, or a typed refusal. `wh adr show` and every `wh adr` edit go through it:
//! log4brains records share a date "number" and real MADR folders hold two `0095-…` files, so a
//! number that names two records is refused with the candidates, never silently the first.

use std::fmt;
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::model::{Adr, Workspace};
use super::reference::parse_adr_number;
use crate::text::inert;

/// One record a REF could mean: enough to tell it apart and name it next time.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub path: PathBuf,
    /// `0095` or the log4brains slug.
    pub label: String,
    /// What follows the number or date in the file name (`use-x`), when there is one.
    pub slug: Option<String>,
    pub title: String,
}

#[derive(Debug, Error, PartialEq)]
pub enum AdrRefError {
    #[error("{}", not_found(.0))]
    NotFound(String),
    #[error("{}", Ambiguous(.reference, .candidates))]
    Ambiguous {
        reference: String,
        candidates: Vec<Candidate>,
    },
}

impl AdrRefError {
    pub fn is_ambiguous(&self) -> bool {
        matches!(self, AdrRefError::Ambiguous { .. })
    }
}

fn not_found(reference: &str) -> String {
    match parse_adr_number(reference) {
        Some(n) => format!("no ADR {n:04} here (`wh adr list` shows them)"),
        None => format!(
            "`{}` is not an ADR reference: it names no record; use a number (7, 0007, adr:7), a \
             file's path or name, or a slug (`wh adr list` shows them)",
            inert(reference)
        ),
    }
}

/// "`0095` names 2 records; …" with one line per candidate: its path, slug and title.
struct Ambiguous<'a>(&'a str, &'a [Candidate]);

impl fmt::Display for Ambiguous<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` names {} records; name one by its path or slug:",
            inert(self.0),
            self.1.len()
        )?;
        for c in self.1 {
            write!(
                f,
                "\n  {}  ADR {}",
                inert(&c.path.to_string_lossy().replace('\\', "/")),
                inert(&c.label)
            )?;
            if let Some(slug) = c.slug.as_deref().filter(|s| *s != c.label) {
                write!(f, " (slug {})", inert(slug))?;
            }
            write!(f, ": {}", inert(&c.title))?;
        }
        Ok(())
    }
}

/// The one record `reference` names (see the module comment).
pub fn resolve<'w>(ws: &'w Workspace, reference: &str) -> Result<&'w Adr, AdrRefError> {
    let found: Vec<&Adr> = match parse_adr_number(reference) {
        Some(number) => ws.decisions.iter().filter(|a| a.number == number).collect(),
        None => records_named(ws, reference),
    };
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(AdrRefError::NotFound(reference.to_string())),
        many => Err(AdrRefError::Ambiguous {
            reference: reference.to_string(),
            candidates: many.iter().map(|a| candidate(ws, a)).collect(),
        }),
    }
}

/// The record whose file is `rel` (relative to the workspace root): what an edit op targets,
/// as a file names one record where a number may not.
pub fn at_path<'w>(ws: &'w Workspace, rel: &Path) -> Option<&'w Adr> {
    ws.decisions
        .iter()
        .find(|a| ws.file_path(a.origin.file) == Some(rel))
}

fn candidate(ws: &Workspace, adr: &Adr) -> Candidate {
    let path = ws
        .file_path(adr.origin.file)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let slug = adr
        .slug
        .clone()
        .or_else(|| Some(slug_of_stem(&stem).to_string()).filter(|s| !s.is_empty()));
    Candidate {
        path,
        label: adr.label(),
        slug,
        title: adr.title.clone(),
    }
}

/// `0007-use-x` / `adr-007-use-x` / `20200925-use-x` → `use-x`.
fn slug_of_stem(name: &str) -> &str {
    name.trim_start_matches("adr")
        .trim_start_matches(['-', '_'])
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['-', '_', '.'])
}

/// The records a non-numeric reference names: by path (`docs/adr/0001-x.md`, relative to the
/// workspace or to the ADR folder), file name (`0001-x.md`, `0001-x`) or slug (`use-x`, what
/// follows the number or log4brains' date), case aside.
pub fn records_named<'a>(ws: &'a Workspace, reference: &str) -> Vec<&'a Adr> {
    let want = reference
        .trim()
        .trim_start_matches("adr:")
        .replace('\\', "/");
    let want = want.trim_start_matches("./").to_lowercase();
    let want_stem = want
        .strip_suffix(".md")
        .or_else(|| want.strip_suffix(".markdown"))
        .or_else(|| want.strip_suffix(".toml"))
        .unwrap_or(&want);
    if want_stem.is_empty() {
        return Vec::new();
    }
    let matches = |adr: &&Adr| {
        let Some(path) = ws.file_path(adr.origin.file) else {
            return false;
        };
        let path = path.to_string_lossy().replace('\\', "/").to_lowercase();
        let stem = path
            .rsplit_once('.')
            .map_or(path.as_str(), |(s, _)| s)
            .to_string();
        let name = stem.rsplit('/').next().unwrap_or(&stem);
        let slug = slug_of_stem(name);
        adr.slug.as_deref() == Some(want_stem)
            || stem == want_stem
            || stem.ends_with(&format!("/{want_stem}"))
            || name == want_stem
            || (!slug.is_empty() && slug == want_stem)
    };
    ws.decisions.iter().filter(matches).collect()
}

/// The record an edit op is about: its file (what the cockpit and the CLI pass, after
/// [`resolve`]), or a bare number for scripts and tests — refused when two records share it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdrTarget {
    File(PathBuf),
    Number(u32),
}

impl From<u32> for AdrTarget {
    fn from(n: u32) -> Self {
        AdrTarget::Number(n)
    }
}

impl From<PathBuf> for AdrTarget {
    fn from(p: PathBuf) -> Self {
        AdrTarget::File(p)
    }
}

impl From<&Path> for AdrTarget {
    fn from(p: &Path) -> Self {
        AdrTarget::File(p.to_path_buf())
    }
}

impl AdrTarget {
    /// The target of `adr`: its file (unique where its number may not be).
    pub fn of(ws: &Workspace, adr: &Adr) -> AdrTarget {
        match ws.file_path(adr.origin.file) {
            Some(p) => AdrTarget::File(p.to_path_buf()),
            None => AdrTarget::Number(adr.number),
        }
    }
}

/// The one record `target` names.
pub fn target<'w>(ws: &'w Workspace, target: &AdrTarget) -> Result<&'w Adr, AdrRefError> {
    match target {
        AdrTarget::File(p) => at_path(ws, p)
            .ok_or_else(|| AdrRefError::NotFound(p.to_string_lossy().replace('\\', "/"))),
        AdrTarget::Number(n) => resolve(ws, &n.to_string()),
    }
}
