//! The workspace write lock: one writer at a time across processes, so that a number read and
//! the file written with it, or a file checked and the file replaced, belong together.
//!
//! Where the lock file lives: in the repository's git folder when the workspace root is a
//! repository root (`.git/wheelhouse-lock`; `.git` may also be a `gitdir:` file, as in a
//! worktree), else a dotfile in the root (`.wheelhouse-lock`). The dotfile exists only while a
//! write is running, so it never shows up in `git status`: the holder deletes it before letting
//! go, and whoever locked a file that has since been deleted locks the new one instead. In the
//! git folder nobody sees it, and it stays (creating and deleting it cost a third of a commit).
//! The journal of a multi-file write ([`super::journal`]) sits next to it.

use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::super::error::{Result, WorkspaceError};

/// How long a writer waits for another before giving up: writes take milliseconds, so this
/// only ends a wait on a writer that hangs.
const WAIT_AT_MOST: Duration = Duration::from_secs(30);

/// Where the lock and the journal of the workspace at `root` live: folder and name prefix.
pub(super) fn state_location(root: &Path) -> (PathBuf, &'static str) {
    // The prefix tells where the files are: "wheelhouse-" in a git folder, ".wheelhouse-" in
    // the workspace root.
    let git = root.join(".git");
    if git.is_dir() {
        return (git, "wheelhouse-");
    }
    if git.is_file() {
        if let Some(dir) = gitdir_of(&git) {
            let dir = root.join(dir);
            if dir.is_dir() {
                return (dir, "wheelhouse-");
            }
        }
    }
    (root.to_path_buf(), ".wheelhouse-")
}

/// `gitdir: PATH` of a `.git` file.
fn gitdir_of(file: &Path) -> Option<PathBuf> {
    let text = fs::read_to_string(file).ok()?;
    let dir = text.lines().next()?.strip_prefix("gitdir:")?.trim();
    (!dir.is_empty()).then(|| PathBuf::from(dir))
}

/// Holds the lock file locked; dropping it deletes the file, then unlocks.
#[derive(Debug)]
pub(super) struct Held {
    file: File,
    path: PathBuf,
    /// The dotfile in the workspace root is deleted on release; the one in `.git` stays.
    delete: bool,
}

impl Held {
    pub(super) fn acquire(root: &Path) -> Result<Held> {
        let (dir, prefix) = state_location(root);
        let path = dir.join(format!("{prefix}lock"));
        let delete = prefix.starts_with('.');
        let started = Instant::now();
        let mut pause = Duration::from_micros(200);
        loop {
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(|e| WorkspaceError::io(&path, e))?;
            match file.try_lock() {
                Ok(()) => {
                    if still_at(&file, &path) {
                        return Ok(Held { file, path, delete });
                    }
                    // The previous holder deleted this file as it let go: lock the new one.
                    continue;
                }
                Err(fs::TryLockError::WouldBlock) => {}
                Err(fs::TryLockError::Error(e)) => return Err(WorkspaceError::io(&path, e)),
            }
            if started.elapsed() > WAIT_AT_MOST {
                return Err(WorkspaceError::Invalid(format!(
                    "{}: another wh has been writing to this workspace for {} s; giving up \
                     (if no wh is running, delete this lock file)",
                    path.display(),
                    WAIT_AT_MOST.as_secs()
                )));
            }
            std::thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(20));
        }
    }
}

/// Whether the locked file is still the one at `path`.
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at(_: &File, _: &Path) -> bool {
    // Lock files are not deleted where identity cannot be checked.
    true
}

impl Drop for Held {
    fn drop(&mut self) {
        // Deleted while still locked, so nobody can lock this file and believe it current.
        #[cfg(unix)]
        if self.delete {
            let _ = fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
    }
}
