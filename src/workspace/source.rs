//! Where the loader reads files from: the disk (the working tree), or a snapshot of a workspace
//! as it was at some revision, taken from git objects by `crate::history`. The loader lists
//! folders and reads files only through [`FileSource`], so a past revision loads exactly like
//! the working tree, and the disk path stays the plain `std::fs` one it always was.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;
use std::sync::Arc;

/// Where files are read from.
#[derive(Debug, Clone, Default)]
pub enum FileSource {
    /// The working tree.
    #[default]
    Disk,
    /// Files held in memory (a past revision).
    Snapshot(Arc<Snapshot>),
}

/// A workspace's files as they were at one revision: paths relative to the workspace root,
/// `/`-separated.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// What the snapshot is of, as the user named it and as resolved ("v1.2 (a1b2c3d)").
    pub label: String,
    /// The commit's full hex id (empty for a snapshot not taken from git): history read for
    /// the cockpit at a revision goes back from here, not from HEAD.
    pub commit: String,
    files: BTreeMap<String, Vec<u8>>,
}

impl Snapshot {
    pub fn new(label: impl Into<String>) -> Snapshot {
        Snapshot {
            label: label.into(),
            commit: String::new(),
            files: BTreeMap::new(),
        }
    }

    /// Adds one file at `rel` (relative to the workspace root, `/`-separated).
    pub fn insert(&mut self, rel: impl Into<String>, bytes: Vec<u8>) {
        self.files.insert(rel.into(), bytes);
    }

    pub fn get(&self, rel: &str) -> Option<&[u8]> {
        self.files.get(rel).map(Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Every file's path, in order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Names of the files directly in `dir` ("" or "." for the root), in name order; `None`
    /// when no file lies under it (the folder did not exist).
    pub fn list(&self, dir: &str) -> Option<Vec<String>> {
        let prefix = dir_prefix(dir);
        let mut found = false;
        let mut names = Vec::new();
        for key in self.files.range(prefix.clone()..) {
            let Some(rest) = key.0.strip_prefix(&prefix) else {
                break;
            };
            found = true;
            if !rest.contains('/') {
                names.push(rest.to_string());
            }
        }
        found.then_some(names)
    }

    /// Paths (relative to `dir`, `/`-separated, in order) of every file under `dir`, in
    /// subfolders too; `None` when no file lies under it.
    pub fn files_under(&self, dir: &str) -> Option<Vec<String>> {
        let prefix = dir_prefix(dir);
        let names: Vec<String> = self
            .files
            .range(prefix.clone()..)
            .map_while(|(k, _)| k.strip_prefix(&prefix).map(str::to_string))
            .collect();
        (!names.is_empty()).then_some(names)
    }

    /// Whether any file lies under `dir`.
    pub fn is_dir(&self, dir: &str) -> bool {
        let prefix = dir_prefix(dir);
        prefix.is_empty()
            || self
                .files
                .range(prefix.clone()..)
                .next()
                .is_some_and(|(k, _)| k.starts_with(&prefix))
    }
}

/// "decisions" → "decisions/", "" and "." → "".
fn dir_prefix(dir: &str) -> String {
    let d = dir.trim_start_matches("./").trim_end_matches('/');
    if d.is_empty() || d == "." {
        String::new()
    } else {
        format!("{d}/")
    }
}

/// `rel` as a `/`-separated key.
pub(crate) fn key_of(rel: &Path) -> String {
    let s = rel.to_string_lossy().replace('\\', "/");
    s.trim_start_matches("./").to_string()
}

impl FileSource {
    /// Reads the file at `rel` (under `root`) into `buf`, returning its length.
    pub(crate) fn read(&self, root: &Path, rel: &Path, buf: &mut Vec<u8>) -> io::Result<usize> {
        match self {
            FileSource::Disk => super::files::read(&root.join(rel), buf),
            FileSource::Snapshot(s) => {
                let bytes = s.get(&key_of(rel)).ok_or_else(|| {
                    io::Error::new(io::ErrorKind::NotFound, "not in this revision")
                })?;
                buf.clear();
                buf.extend_from_slice(bytes);
                Ok(bytes.len())
            }
        }
    }

    /// Names of the non-folder entries directly in `root/dir`, unsorted; `Ok(None)` when the
    /// folder does not exist.
    pub(crate) fn list(&self, root: &Path, dir: &Path) -> io::Result<Option<Vec<String>>> {
        match self {
            FileSource::Disk => {
                let entries = match std::fs::read_dir(root.join(dir)) {
                    Ok(e) => e,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
                    Err(e) => return Err(e),
                };
                Ok(Some(
                    entries
                        .filter_map(|e| e.ok())
                        .filter(|e| e.file_type().map(|t| !t.is_dir()).unwrap_or(false))
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .collect(),
                ))
            }
            FileSource::Snapshot(s) => Ok(s.list(&key_of(dir))),
        }
    }

    pub(crate) fn is_dir(&self, root: &Path, dir: &Path) -> bool {
        match self {
            FileSource::Disk => root.join(dir).is_dir(),
            FileSource::Snapshot(s) => s.is_dir(&key_of(dir)),
        }
    }

    /// The snapshot's label, when this is not the working tree.
    pub fn revision(&self) -> Option<&str> {
        match self {
            FileSource::Disk => None,
            FileSource::Snapshot(s) => Some(&s.label),
        }
    }

    /// The commit a snapshot was taken from (full hex id), where history stops being "the
    /// future"; `None` for the working tree.
    pub fn commit(&self) -> Option<&str> {
        match self {
            FileSource::Disk => None,
            FileSource::Snapshot(s) => Some(&s.commit)
                .filter(|c| !c.is_empty())
                .map(|c| c.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_only_direct_files_and_knows_missing_folders() {
        let mut s = Snapshot::new("t");
        s.insert("wheelhouse.toml", b"x".to_vec());
        s.insert("maps/a.toml", b"a".to_vec());
        s.insert("maps/sub/b.toml", b"b".to_vec());
        s.insert("mapsx/c.toml", b"c".to_vec());
        assert_eq!(s.list("maps"), Some(vec!["a.toml".to_string()]));
        assert_eq!(s.list("./maps/"), Some(vec!["a.toml".to_string()]));
        assert_eq!(s.list("."), Some(vec!["wheelhouse.toml".to_string()]));
        assert_eq!(s.list("impact"), None);
        assert!(s.is_dir("maps/sub"));
        assert!(!s.is_dir("map"));
        let src = FileSource::Snapshot(Arc::new(s));
        let mut buf = Vec::new();
        let n = src
            .read(Path::new("/nowhere"), Path::new("maps/a.toml"), &mut buf)
            .unwrap();
        assert_eq!(&buf[..n], b"a");
        assert!(src
            .read(Path::new("/nowhere"), Path::new("maps/z.toml"), &mut buf)
            .is_err());
    }
}
