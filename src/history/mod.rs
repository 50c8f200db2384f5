//! The workspace's git history, read with gix (pure Rust, no C, no `git` binary): the workspace
//! as it was at any revision (a [`Snapshot`] the loader reads like the working tree), the
//! commits that touched a file, and on top of them momentum ([`momentum`]) and strategy diffs
//! ([`diff`]). Read-only. A workspace outside git, or in a shallow clone, has "no history":
//! [`HistoryError::NoHistory`] carries the one line to say so.

pub mod adr_dates;
pub mod diff;
pub mod lint;
mod loose;
pub mod metric_series;
pub mod momentum;
pub mod timeline;

use std::path::Path;
use std::sync::Arc;

use gix::ObjectId;

use crate::workspace::discover::Located;
use crate::workspace::load::{self, Progress, Scope};
use crate::workspace::source::{FileSource, Snapshot};
use crate::workspace::Workspace;

#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// Not an error to the user: one line saying why there is no history.
    #[error("no history: {0}")]
    NoHistory(String),
    #[error("unknown revision `{rev}`: {reason}")]
    BadRevision { rev: String, reason: String },
    /// The item asked about is not in the revision's files ("no map `x` at HEAD").
    #[error("{0}")]
    NotCommitted(String),
    #[error("reading git history: {0}")]
    Git(String),
}

fn git(e: impl std::fmt::Display) -> HistoryError {
    HistoryError::Git(e.to_string())
}

/// One commit, as history output names it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CommitInfo {
    #[serde(skip)]
    pub id: ObjectId,
    /// Seven hex digits.
    pub commit: String,
    /// Commit (committer) time, seconds since the epoch.
    #[serde(skip)]
    pub time: i64,
    /// `YYYY-MM-DD`, UTC.
    pub date: String,
    pub author: String,
}

/// The repository holding a workspace.
pub struct History {
    repo: gix::Repository,
    /// The workspace root relative to the repository's work tree, `/`-separated, ending in
    /// `/` (empty when the workspace is the repository root).
    prefix: String,
}

impl History {
    /// The repository holding the workspace at `root`.
    pub fn open(root: &Path) -> Result<History, HistoryError> {
        let repo = gix::discover(root).map_err(|_| {
            HistoryError::NoHistory(format!("{} is not in a git repository", root.display()))
        })?;
        if repo.is_shallow().unwrap_or(false) {
            return Err(HistoryError::NoHistory(
                "this is a shallow clone: fetch its history (git fetch --unshallow) to see it"
                    .into(),
            ));
        }
        let workdir = repo
            .workdir()
            .ok_or_else(|| HistoryError::NoHistory("the repository has no work tree".into()))?;
        let workdir = workdir
            .canonicalize()
            .unwrap_or_else(|_| workdir.to_path_buf());
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let rel = root.strip_prefix(&workdir).map_err(|_| {
            HistoryError::NoHistory("the workspace is outside the repository's work tree".into())
        })?;
        let mut prefix = crate::workspace::source::key_of(rel);
        if !prefix.is_empty() {
            prefix.push('/');
        }
        if repo.head_id().is_err() {
            return Err(HistoryError::NoHistory(
                "the repository has no commits yet".into(),
            ));
        }
        Ok(History { repo, prefix })
    }

    /// The commit `rev` names (anything `git rev-parse` takes: `HEAD~20`, a tag, a hash).
    pub fn resolve(&self, rev: &str) -> Result<CommitInfo, HistoryError> {
        let bad = |reason: String| HistoryError::BadRevision {
            rev: rev.to_string(),
            reason,
        };
        let id = self.repo.rev_parse_single(rev).map_err(|e| {
            // gix says where its parser stopped ("delegate.traverse(NthAncestor(20)) failed"):
            // the user wants to hear what is wrong with what they typed
            let text = e.to_string();
            bad(if text.contains("Ancestor") || text.contains("Parent") {
                "the history is not that long, or that commit has no such parent".to_string()
            } else if text.contains("couldn't parse") || text.contains("not found") {
                "no branch, tag or commit is called that".to_string()
            } else {
                text
            })
        })?;
        let commit = id
            .object()
            .map_err(|e| bad(e.to_string()))?
            .peel_to_commit()
            .map_err(|e| bad(format!("not a commit ({e})")))?;
        self.info(commit.id)
    }

    /// Name, date and author of one commit.
    pub fn info(&self, id: ObjectId) -> Result<CommitInfo, HistoryError> {
        let commit = self.repo.find_commit(id).map_err(git)?;
        let time = commit.time().map_err(git)?.seconds;
        let author = commit
            .author()
            .map(|a| a.name.to_string())
            .unwrap_or_default();
        Ok(CommitInfo {
            id,
            commit: short(id),
            time,
            date: load::date_from_days(time.div_euclid(86_400)),
            author,
        })
    }

    /// The commits from `tip` back along first parents, newest first, stopping before `until`
    /// (exclusive) when given, and at most `limit`.
    pub fn first_parent_log(
        &self,
        tip: ObjectId,
        until: Option<ObjectId>,
        limit: usize,
    ) -> Result<Vec<ObjectId>, HistoryError> {
        let mut out = Vec::new();
        let mut next = Some(tip);
        while let Some(id) = next {
            if Some(id) == until || out.len() >= limit {
                break;
            }
            out.push(id);
            let commit = self.repo.find_commit(id).map_err(git)?;
            next = commit.parent_ids().next().map(|p| p.detach());
        }
        Ok(out)
    }

    /// The newest tag on HEAD's first-parent line, if any.
    pub fn last_tag(&self) -> Result<Option<String>, HistoryError> {
        let mut tagged: std::collections::HashMap<ObjectId, String> = Default::default();
        let refs = self.repo.references().map_err(git)?;
        for r in refs.tags().map_err(git)? {
            let Ok(mut r) = r else { continue };
            let name = r.name().shorten().to_string();
            if let Ok(c) = r.peel_to_commit() {
                tagged.entry(c.id).or_insert(name);
            }
        }
        if tagged.is_empty() {
            return Ok(None);
        }
        let head = self.resolve("HEAD")?;
        for id in self.first_parent_log(head.id, None, usize::MAX)? {
            if let Some(t) = tagged.remove(&id) {
                return Ok(Some(t));
            }
        }
        Ok(None)
    }

    /// Every tag naming a commit, newest commit first (ties by name): the revisions a user
    /// is likely to compare against.
    pub fn tags(&self) -> Result<Vec<(String, CommitInfo)>, HistoryError> {
        let mut out = Vec::new();
        let refs = self.repo.references().map_err(git)?;
        for r in refs.tags().map_err(git)? {
            let Ok(mut r) = r else { continue };
            let name = r.name().shorten().to_string();
            // a tag of a tree or a blob is no revision of the workspace
            if let Ok(c) = r.peel_to_commit() {
                out.push((name, self.info(c.id)?));
            }
        }
        out.sort_by(|a, b| b.1.time.cmp(&a.1.time).then_with(|| a.0.cmp(&b.0)));
        Ok(out)
    }

    /// The tree of commit `id`.
    fn tree_of(&self, id: ObjectId) -> Result<gix::Tree<'_>, HistoryError> {
        self.repo.find_commit(id).map_err(git)?.tree().map_err(git)
    }

    /// The blob at `rel` (relative to the workspace root) in commit `id`, if any.
    pub fn blob_id(&self, id: ObjectId, rel: &str) -> Result<Option<ObjectId>, HistoryError> {
        let tree = self.tree_of(id)?;
        let path = format!("{}{rel}", self.prefix);
        let entry = tree.lookup_entry_by_path(&path).map_err(git)?;
        Ok(entry.filter(|e| e.mode().is_blob()).map(|e| e.object_id()))
    }

    /// The files directly in `dir` (relative to the workspace root) at commit `id`: name and
    /// blob id, in name order.
    pub fn list_dir(
        &self,
        id: ObjectId,
        dir: &str,
    ) -> Result<Vec<(String, ObjectId)>, HistoryError> {
        let tree = self.tree_of(id)?;
        let path = format!("{}{dir}", self.prefix);
        let Some(entry) = tree.lookup_entry_by_path(&path).map_err(git)? else {
            return Ok(Vec::new());
        };
        if !entry.mode().is_tree() {
            return Ok(Vec::new());
        }
        let sub = self.repo.find_tree(entry.object_id()).map_err(git)?;
        let mut out = Vec::new();
        for e in sub.iter() {
            let e = e.map_err(git)?;
            if e.mode().is_blob() {
                out.push((e.filename().to_string(), e.object_id()));
            }
        }
        Ok(out)
    }

    /// A blob's bytes.
    pub fn blob(&self, id: ObjectId) -> Result<Vec<u8>, HistoryError> {
        Ok(self.repo.find_blob(id).map_err(git)?.take_data())
    }

    /// The workspace's files at commit `id`, as the loader reads them: `wheelhouse.toml` and
    /// the markdown ADR folder markers at the root, the TOML files of `impact/`, `maps/` and
    /// `decisions/`, and every markdown record file (numbered name) further down.
    pub fn snapshot(&self, id: ObjectId, label: String) -> Result<Snapshot, HistoryError> {
        let mut snap = Snapshot::new(label);
        snap.commit = id.to_string();
        let tree = self.tree_of(id)?;
        let root_tree = if self.prefix.is_empty() {
            tree
        } else {
            match tree
                .lookup_entry_by_path(self.prefix.trim_end_matches('/'))
                .map_err(git)?
            {
                Some(e) if e.mode().is_tree() => self.repo.find_tree(e.object_id()).map_err(git)?,
                _ => return Ok(snap),
            }
        };
        let mut wanted = Vec::new();
        self.collect(&root_tree, String::new(), 0, &mut wanted)?;
        let ids: Vec<ObjectId> = wanted.iter().map(|w| w.1).collect();
        let blobs = self.read_all(&ids, |bytes| bytes)?;
        for ((rel, _), bytes) in wanted.into_iter().zip(blobs) {
            snap.insert(rel, bytes);
        }
        Ok(snap)
    }

    /// `then(bytes)` of every blob in `ids`, in order, read and run on every core, each thread
    /// with its own handle on the repository (gix's is not shared between threads): a
    /// workspace has thousands of blobs, and loose ones cost a file open and an inflate each
    /// (read by [`loose::LooseObjects`], packed ones by gix).
    pub fn read_all<R: Send>(
        &self,
        ids: &[ObjectId],
        then: impl Fn(Vec<u8>) -> R + Sync,
    ) -> Result<Vec<R>, HistoryError> {
        let git_dir = self.repo.git_dir().to_path_buf();
        let out = crate::workspace::files::parallel_read(
            ids.len(),
            |i, reader: &mut Option<(gix::Repository, loose::LooseObjects)>| {
                if reader.is_none() {
                    let repo =
                        gix::open_opts(&git_dir, gix::open::Options::isolated()).map_err(git)?;
                    let loose = loose::LooseObjects::new(&repo);
                    *reader = Some((repo, loose));
                }
                let (repo, loose) = reader.as_mut().ok_or_else(|| git("no repository"))?;
                let bytes = match loose.blob(ids[i]) {
                    Some(read) => read.map_err(git)?,
                    None => repo.find_blob(ids[i]).map_err(git)?.take_data(),
                };
                Ok(then(bytes))
            },
        );
        out.into_iter()
            .map(|r| r.ok_or_else(|| git("a reader thread failed"))?)
            .collect()
    }

    fn collect(
        &self,
        tree: &gix::Tree<'_>,
        dir: String,
        depth: usize,
        wanted: &mut Vec<(String, ObjectId)>,
    ) -> Result<(), HistoryError> {
        // deep enough for `docs/architecture/decisions`; bounded so a vendored tree is not walked
        const MAX_DEPTH: usize = 6;
        for e in tree.iter() {
            let e = e.map_err(git)?;
            let name = e.filename().to_string();
            let rel = format!("{dir}{name}");
            if e.mode().is_tree() {
                if depth < MAX_DEPTH && !name.starts_with('.') {
                    let sub = self.repo.find_tree(e.object_id()).map_err(git)?;
                    self.collect(&sub, format!("{rel}/"), depth + 1, wanted)?;
                }
                continue;
            }
            if !e.mode().is_blob() {
                continue;
            }
            let keep = match depth {
                0 => {
                    matches!(
                        name.as_str(),
                        crate::workspace::discover::ROOT_FILE | ".adr-dir" | ".log4brains.yml"
                    ) || crate::workspace::markdown_adr::is_record_file(&name)
                }
                _ => {
                    (depth == 1
                        && name.ends_with(".toml")
                        && matches!(dir.as_str(), "impact/" | "maps/" | "decisions/"))
                        || crate::workspace::markdown_adr::is_record_file(&name)
                }
            };
            if keep {
                wanted.push((rel, e.object_id()));
            }
        }
        Ok(())
    }
}

/// A workspace as it was at `rev`, read from git objects: the working tree is not touched.
pub struct AtRevision {
    pub workspace: Workspace,
    pub commit: CommitInfo,
    pub source: FileSource,
}

/// Loads the workspace found at `located` as it was at `rev`.
pub fn load_at(located: &Located, rev: &str, scope: Scope) -> Result<AtRevision, HistoryError> {
    let history = History::open(&located.root)?;
    let commit = history.resolve(rev)?;
    let snap = history.snapshot(commit.id, label_of(rev, &commit))?;
    let source = FileSource::Snapshot(Arc::new(snap));
    let workspace = load::load_from(located, scope, &Progress::default(), &source);
    Ok(AtRevision {
        workspace,
        commit,
        source,
    })
}

/// The files of the workspace at `located` as they were at `rev`, for the loader.
pub fn source_at(located: &Located, rev: &str) -> Result<FileSource, HistoryError> {
    let history = History::open(&located.root)?;
    let commit = history.resolve(rev)?;
    let snap = history.snapshot(commit.id, label_of(rev, &commit))?;
    Ok(FileSource::Snapshot(Arc::new(snap)))
}

/// "v1.2 (a1b2c3d)", or just the short hash when that is what the user typed.
fn label_of(rev: &str, commit: &CommitInfo) -> String {
    if rev.starts_with(&commit.commit) {
        commit.commit.clone()
    } else {
        format!("{rev} ({})", commit.commit)
    }
}

/// Seven hex digits of a commit id.
pub fn short(id: ObjectId) -> String {
    let mut s = id.to_string();
    s.truncate(7);
    s
}
