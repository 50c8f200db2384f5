//! Reading changed files again without the rest: the watcher and `R` in the cockpit, and the edit
//! engine after it writes. The changed files are re-read and parsed alone, their items replace
//! the old ones, and the cross-file checks (references, numbers, supersede chains) run again
//! over the whole model, which is cheap next to reading 10,000 files. A file that now has the
//! bytes the model was read from (our own write, a `touch`) is skipped by its hash.
//!
//! What only a full load can redo (a markdown ADR folder, whose records link each other by file
//! name; a change of `adr-dirs`; a folder appearing or vanishing) falls back to a full reload,
//! except a markdown record that has the bytes the model holds (an own write, reported by the
//! watcher after the edit engine read it again) or that is neither on disk nor in the model (the
//! old name of an own rename). What an edit removed leaves the model quietly
//! ([`Workspace::reload_written`]): a rename is no deletion on disk.

use std::path::{Path, PathBuf};

use super::diagnostic::{Diagnostic, Severity};
use super::discover::ROOT_FILE;
use super::files::fnv1a64;
use super::load::fields::RefSite;
use super::load::{self, Buffers, Content, Planned, Scope};
use super::markdown_adr::is_record_file;
use super::model::{FileKind, Workspace};
use super::writer::Patch;

/// What a full load knew beyond the model. Empty (and `scope` `None`) for a workspace that was
/// not loaded in full: reloading one of those reads everything again.
#[derive(Debug, Clone, Default)]
pub struct LoadRecord {
    pub(crate) scope: Option<Scope>,
    /// For each TOML file (by index into `Workspace::files`): the diagnostics its own read gave.
    pub(crate) file_diags: Vec<Vec<Diagnostic>>,
    /// Missing phases, from the root file.
    pub(crate) phase_diags: Vec<Diagnostic>,
    /// Folder listings and markdown ADR folders.
    pub(crate) other_diags: Vec<Diagnostic>,
    /// Every reference every file makes, for the cross-file checks.
    pub(crate) refs: Vec<RefSite>,
    /// Slots (indices into `Workspace::files`) of files an edit of this process removed (the
    /// old name of a rename): their items are gone, quietly, and a later event for the path
    /// (the watcher's) finds nothing to say.
    pub(crate) removed_by_edit: Vec<usize>,
}

impl LoadRecord {
    /// Every diagnostic that is not a cross-file check's, in no particular order.
    pub(crate) fn own_diagnostics(&self) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self.file_diags.iter().flatten().cloned().collect();
        out.extend(self.phase_diags.iter().cloned());
        out.extend(self.other_diags.iter().cloned());
        out
    }
}

/// What a reload did, path by path (relative to the root, `/`-separated).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReloadReport {
    /// Read again: their content changed.
    pub reloaded: Vec<PathBuf>,
    /// New files, read for the first time.
    pub added: Vec<PathBuf>,
    /// Gone from disk: their items left the model, a diagnostic says so.
    pub removed: Vec<PathBuf>,
    /// Same bytes as the model was read from (an own write, a `touch`): nothing done.
    pub unchanged: Vec<PathBuf>,
    /// The whole workspace was read again.
    pub full: bool,
}

impl ReloadReport {
    /// True when the model did not change.
    pub fn is_empty(&self) -> bool {
        !self.full && self.reloaded.is_empty() && self.added.is_empty() && self.removed.is_empty()
    }

    /// One line for a status bar: "reloaded decisions/0003-x.toml", "reloaded 3 files".
    pub fn summary(&self) -> String {
        if self.full {
            return "reloaded the workspace".into();
        }
        let mut parts = Vec::new();
        for (what, paths) in [
            ("reloaded", &self.reloaded),
            ("added", &self.added),
            ("removed", &self.removed),
        ] {
            match paths.as_slice() {
                [] => {}
                [one] => parts.push(format!("{what} {}", one.display())),
                many => parts.push(format!("{what} {}", crate::text::count(many.len(), "file"))),
            }
        }
        if parts.is_empty() {
            "nothing changed on disk".into()
        } else {
            parts.join(", ")
        }
    }
}

/// What a changed path means to the workspace.
enum Class {
    /// A TOML file the loader reads one by one.
    Toml(FileKind),
    /// A record of a markdown folder: read again with its folder (a full load), unless it is
    /// what the model holds (an own write).
    Markdown,
    /// Something only a full load gets right.
    Full,
    /// Not part of the workspace (an editor's swap file, a temp file of the writer, a README).
    Ignored,
}

impl Workspace {
    /// Reads the files at `changed` again (absolute, or relative to the root), and only those:
    /// their items are replaced, added or removed, then references and diagnostics are checked
    /// again. Files whose bytes hash to what the model was read from are skipped. Never fails:
    /// a file that cannot be read or parsed becomes a diagnostic, as in a full load.
    pub fn reload_paths(&mut self, changed: &[PathBuf]) -> ReloadReport {
        self.reload_changed(changed, &[])
    }

    /// Reads again what an edit of this process wrote (`patch`, as committed): as
    /// [`Workspace::reload_paths`] does, but a file the patch removed (the old name of a
    /// renamed record) leaves the model quietly, not as "deleted on disk while open".
    pub fn reload_written(&mut self, patch: &Patch) -> ReloadReport {
        let removed: Vec<PathBuf> = patch
            .changes
            .iter()
            .filter(|c| c.before.is_some() && c.after.is_none())
            .map(|c| self.relative(&c.rel))
            .collect();
        self.reload_changed(&patch.paths(), &removed)
    }

    fn reload_changed(&mut self, changed: &[PathBuf], removed_by_edit: &[PathBuf]) -> ReloadReport {
        let mut report = ReloadReport::default();
        if self.loaded.scope != Some(Scope::Full) {
            return self.reload_all();
        }
        let mut rels: Vec<PathBuf> = changed.iter().map(|p| self.relative(p)).collect();
        rels.sort();
        rels.dedup();
        let mut touched = false;
        let mut buffers = Buffers::default();
        for rel in rels {
            match self.classify(&rel) {
                Class::Ignored => {}
                Class::Full => return self.reload_all(),
                Class::Markdown => match self.markdown_is_current(&rel) {
                    Some(true) => report.unchanged.push(rel),
                    Some(false) => {}
                    None => return self.reload_all(),
                },
                Class::Toml(kind) => {
                    let adr_dirs = self.meta.adr_dirs.clone();
                    let own = removed_by_edit.contains(&rel);
                    match self.reload_file(&rel, kind, own, &mut buffers) {
                        Outcome::Unchanged => report.unchanged.push(rel),
                        Outcome::Gone => {}
                        Outcome::Reloaded => report.reloaded.push(rel),
                        Outcome::Added => report.added.push(rel),
                        Outcome::Removed => report.removed.push(rel),
                    }
                    touched = true;
                    // the root file named other markdown folders: only a full load reads those
                    if self.meta.adr_dirs != adr_dirs {
                        return self.reload_all();
                    }
                }
            }
        }
        if touched && !report.is_empty() {
            self.recheck();
        }
        report
    }

    /// A markdown record's path after an event: `Some(true)` when the file has the bytes the
    /// model was read from (an own write), `Some(false)` when it is neither on disk nor in the
    /// model (the old name of an own rename, a temp file gone), `None` when it changed: only
    /// a full load reads it right (its folder's records link each other by file name).
    fn markdown_is_current(&self, rel: &Path) -> Option<bool> {
        let slot = self.files.iter().find(|f| f.path == rel);
        match std::fs::read(self.root.join(rel)) {
            Ok(bytes) => slot
                .is_some_and(|f| f.hash != 0 && f.hash == fnv1a64(&bytes))
                .then_some(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && slot.is_none() => Some(false),
            Err(_) => None,
        }
    }

    /// True when `bytes` are what the model holds for the file at `rel` (relative to the
    /// root): the check that tells an own write (or a `touch`) from a change by someone else.
    pub fn is_current(&self, rel: &Path, bytes: &[u8]) -> bool {
        self.files
            .iter()
            .find(|f| f.path == rel)
            .is_some_and(|f| f.hash != 0 && f.hash == fnv1a64(bytes))
    }

    /// Everything again, from disk.
    fn reload_all(&mut self) -> ReloadReport {
        *self = self.reload();
        ReloadReport {
            full: true,
            ..ReloadReport::default()
        }
    }

    fn relative(&self, path: &Path) -> PathBuf {
        let rel = if path.is_absolute() {
            path.strip_prefix(&self.root)
                .map(Path::to_path_buf)
                .unwrap_or_else(|_| path.to_path_buf())
        } else {
            path.to_path_buf()
        };
        // the loader's paths are `/`-separated
        let parts: Vec<_> = rel
            .components()
            .filter_map(|c| match c {
                std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        PathBuf::from(parts.join("/"))
    }

    fn classify(&self, rel: &Path) -> Class {
        if rel.is_absolute() || rel.as_os_str().is_empty() {
            return Class::Ignored; // outside the workspace, or the root itself
        }
        let text = rel.to_string_lossy();
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let parent = rel
            .parent()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        let md_dirs: Vec<String> = self
            .meta
            .adr_dirs
            .iter()
            .map(|d| {
                let d = d.to_string_lossy().replace('\\', "/");
                if d == "." {
                    String::new()
                } else {
                    d.trim_end_matches('/').to_string()
                }
            })
            .collect();
        // A folder appearing or going (a checkout, a move): listing it again is a full load. A
        // folder we have files from that is still there only changed inside (a polling watcher
        // reports its mtime): its files are reported one by one.
        if ["decisions", "maps", "impact"].contains(&text.as_ref())
            || md_dirs.iter().any(|d| !d.is_empty() && *d == text)
        {
            let known = self.files.iter().any(|f| f.path.parent() == Some(rel));
            return if known && self.root.join(rel).is_dir() {
                Class::Ignored
            } else {
                Class::Full
            };
        }
        // a record anywhere in a markdown folder, its subfolders included (`archived/`), or a
        // subfolder appearing in one: the folder is listed again
        let hidden = text.split('/').any(|c| c.starts_with('.'));
        let in_md_dir = |p: &str| {
            !hidden
                && md_dirs
                    .iter()
                    .any(|d| d.is_empty() || p == d || p.starts_with(&format!("{d}/")))
        };
        if in_md_dir(&parent) && is_record_file(&name) {
            return Class::Markdown;
        }
        if in_md_dir(&parent)
            && !self.files.iter().any(|f| f.path.starts_with(rel))
            && self.root.join(rel).is_dir()
        {
            return Class::Full;
        }
        if self.mode == super::model::Mode::DecisionsOnly {
            return Class::Ignored;
        }
        if text == ROOT_FILE {
            return Class::Toml(FileKind::Root);
        }
        // the loader reads `*.toml` directly in its folder, never hidden files (temp files)
        if !name.ends_with(".toml") || name.starts_with('.') {
            return Class::Ignored;
        }
        match parent.as_str() {
            "decisions" => Class::Toml(FileKind::Decision),
            "maps" => Class::Toml(FileKind::WardleyMap),
            "impact" => Class::Toml(FileKind::ImpactMap),
            _ => Class::Ignored,
        }
    }

    /// `removed_by_edit`: the file is gone because an edit of this process removed it.
    fn reload_file(
        &mut self,
        rel: &Path,
        kind: FileKind,
        removed_by_edit: bool,
        buffers: &mut Buffers,
    ) -> Outcome {
        let slot = self.files.iter().position(|f| f.path == rel);
        let abs = self.root.join(rel);
        let exists = abs.is_file();
        match (slot, exists) {
            (None, false) => Outcome::Gone,
            (Some(i), false) => {
                if self.deleted_before(i) {
                    return Outcome::Gone;
                }
                self.remove_items(i, kind);
                if kind == FileKind::Root {
                    self.set_root_content(None);
                }
                // The slot stays (item origins are indices into `files`), empty: not `broken`,
                // which would make references into it "cannot be checked" rather than dangling.
                let f = &mut self.files[i];
                f.broken = false;
                f.hash = 0;
                self.loaded
                    .file_diags
                    .resize_with(self.files.len(), Vec::new);
                self.loaded.refs.retain(|r| r.file != i);
                if removed_by_edit {
                    // our own rename or removal: nothing to warn about
                    self.loaded.file_diags[i] = Vec::new();
                    self.loaded.removed_by_edit.push(i);
                    return Outcome::Removed;
                }
                self.loaded.file_diags[i] = vec![Diagnostic {
                    file: rel.to_path_buf(),
                    line: 0,
                    col: 0,
                    severity: Severity::Warning,
                    code: "file-deleted",
                    message: "deleted on disk while open: its items are gone (R reads the workspace again)".into(),
                    target: None,
                }];
                Outcome::Removed
            }
            (slot, true) => {
                let index = slot.unwrap_or(self.files.len());
                let planned = Planned {
                    rel: rel.to_path_buf(),
                    kind,
                };
                let parsed = load::parse_file(&self.root, &planned, index, Scope::Full, buffers);
                if let Some(i) = slot {
                    // the same bytes as before: an own write or a touch
                    if self.files[i].hash != 0 && self.files[i].hash == parsed.source.hash {
                        return Outcome::Unchanged;
                    }
                    self.remove_items(i, kind);
                    self.files[i] = parsed.source;
                    self.loaded.removed_by_edit.retain(|&k| k != i);
                    self.loaded
                        .file_diags
                        .resize_with(self.files.len(), Vec::new);
                    self.loaded.file_diags[i] = parsed.diags;
                    self.loaded.refs.retain(|r| r.file != i);
                } else {
                    self.files.push(parsed.source);
                    self.loaded
                        .file_diags
                        .resize_with(self.files.len(), Vec::new);
                    self.loaded.file_diags[index] = parsed.diags;
                }
                self.loaded.refs.extend(parsed.refs);
                if kind == FileKind::Root && matches!(parsed.content, Content::None) {
                    // broken now: the model goes on as a full load of a broken root leaves it
                    self.set_root_content(None);
                }
                self.insert_content(parsed.content);
                if slot.is_some() {
                    Outcome::Reloaded
                } else {
                    Outcome::Added
                }
            }
        }
    }

    /// A slot whose only diagnostic already says the file was deleted, or whose file an edit
    /// of this process removed.
    fn deleted_before(&self, i: usize) -> bool {
        self.loaded.removed_by_edit.contains(&i)
            || self
                .loaded
                .file_diags
                .get(i)
                .is_some_and(|d| d.iter().any(|d| d.code == "file-deleted"))
    }

    /// Takes the items read from file `i` out of the model.
    fn remove_items(&mut self, i: usize, kind: FileKind) {
        match kind {
            FileKind::Decision => self.decisions.retain(|a| a.origin.file != i),
            FileKind::WardleyMap => self.maps.retain(|m| m.file != i),
            FileKind::ImpactMap => self.impact_maps.retain(|m| m.file != i),
            // replaced whole by `set_root_content`
            FileKind::Root | FileKind::MarkdownDecision => {}
        }
    }

    fn insert_content(&mut self, content: Content) {
        match content {
            Content::None => {}
            Content::Root(r) => self.set_root_content(Some(*r)),
            Content::Decision(a) => {
                let a = *a;
                // sorted by number, then file order, as a full load leaves them
                let at = self
                    .decisions
                    .partition_point(|b| (b.number, b.origin.file) < (a.number, a.origin.file));
                self.decisions.insert(at, a);
            }
            Content::Map(m) => {
                let at = self.maps.partition_point(|x| x.file < m.file);
                self.maps.insert(at, *m);
            }
            Content::Impact(m) => {
                let at = self.impact_maps.partition_point(|x| x.file < m.file);
                self.impact_maps.insert(at, *m);
            }
        }
    }

    /// The root file's content (or none, when it is broken or gone), phases completed.
    fn set_root_content(&mut self, root: Option<load::root::Root>) {
        let parsed = root.is_some();
        load::set_root(self, root.unwrap_or_default());
        self.loaded.phase_diags = load::complete_phases(self, parsed);
    }

    /// Diagnostics rebuilt: each file's own, then the cross-file checks over the new model.
    fn recheck(&mut self) {
        self.diagnostics = self.loaded.own_diagnostics();
        let refs = std::mem::take(&mut self.loaded.refs);
        load::finish(self, &refs, Scope::Full);
        self.loaded.refs = refs;
    }
}

enum Outcome {
    Unchanged,
    /// Neither in the model nor on disk.
    Gone,
    Reloaded,
    Added,
    Removed,
}
