//! One file replaced atomically: temp file in the same folder, fsync, a last look at the target,
//! rename (or hard link for a file that must not exist yet), fsync the folder.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use super::super::error::{Result, WorkspaceError};
use super::super::load::fnv1a64;

/// What must (not) be at the target when it is replaced.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Replace {
    /// The target must not exist: created without ever clobbering one that appeared.
    Never,
    /// The target must still be exactly as it was seen then.
    Exactly(Stamp),
    /// Whatever is there (exports, which are regenerated and never edited).
    Anything,
}

/// What a test injects between the temp file's fsync and the rename.
#[derive(Clone, Copy)]
pub(super) enum Fault<'a> {
    None,
    /// The write fails there, as a full disk or a crash would.
    FailBeforeRename,
    /// Something runs there (another program editing the target, say).
    BeforeRename(&'a dyn Fn(&Path)),
}

/// A file as seen at one moment: size, modification time, inode and content hash. Two stamps
/// differ when the file was written in between, even when a write kept the size and the
/// timestamp's resolution hid it (the hash), or put back identical bytes as a new file (inode).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
    hash: u64,
}

impl Stamp {
    /// The stamp of `path` and its bytes; `None` when there is no such file.
    pub(super) fn read(path: &Path) -> std::io::Result<Option<(Stamp, Vec<u8>)>> {
        let mut f = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let meta = f.metadata()?;
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        std::io::Read::read_to_end(&mut f, &mut bytes)?;
        let stamp = Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode: inode(&meta),
            hash: fnv1a64(&bytes),
        };
        Ok(Some((stamp, bytes)))
    }

    pub(super) fn hash(&self) -> u64 {
        self.hash
    }
}

#[cfg(unix)]
fn inode(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_: &fs::Metadata) -> u64 {
    0
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Temp file in the target's folder (a rename across file systems would not be atomic):
/// `.NAME.wh-PID-N.tmp`, which no loader reads and [`super::temps`] recognises.
pub(super) fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.wh-{}-{n}.tmp", std::process::id()))
}

/// Writes `bytes` to `path` atomically. `shown` names the file in a refusal.
pub(super) fn write_atomic(
    path: &Path,
    shown: &Path,
    bytes: &[u8],
    replace: Replace,
    fault: Fault,
) -> Result<()> {
    let tmp = temp_path(path);
    let result = write_then_move(path, shown, &tmp, bytes, replace, fault);
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn write_then_move(
    path: &Path,
    shown: &Path,
    tmp: &Path,
    bytes: &[u8],
    replace: Replace,
    fault: Fault,
) -> Result<()> {
    let io = |e| WorkspaceError::io(path, e);
    {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(tmp)
            .map_err(io)?;
        f.write_all(bytes).map_err(io)?;
        // Keep the permissions of the file being replaced.
        if replace != Replace::Never {
            if let Ok(meta) = fs::metadata(path) {
                f.set_permissions(meta.permissions()).map_err(io)?;
            }
        }
        f.sync_all().map_err(io)?;
    }
    match fault {
        Fault::None => {}
        Fault::FailBeforeRename => {
            return Err(io(std::io::Error::other("injected failure before rename")))
        }
        Fault::BeforeRename(hook) => hook(path),
    }
    match replace {
        Replace::Anything => fs::rename(tmp, path).map_err(io)?,
        Replace::Exactly(seen) => {
            // The last look, as late as it can be: the fsync above takes milliseconds, and an
            // edit made during it must not be lost. What remains is the few microseconds
            // between this look and the rename: no file system offers a compare-and-swap
            // rename, so another program writing in exactly that gap is not detected.
            recheck(path, shown, seen)?;
            fs::rename(tmp, path).map_err(io)?;
        }
        Replace::Never => create_from(tmp, path, shown)?,
    }
    sync_dir_of(path);
    Ok(())
}

/// Refuses when `path` is no longer the file that was seen.
pub(super) fn recheck(path: &Path, shown: &Path, seen: Stamp) -> Result<()> {
    match Stamp::read(path).map_err(|e| WorkspaceError::io(path, e))? {
        Some((now, _)) if now == seen => Ok(()),
        _ => Err(WorkspaceError::ChangedOnDisk {
            path: shown.to_path_buf(),
        }),
    }
}

fn already_exists(shown: &Path) -> WorkspaceError {
    WorkspaceError::Invalid(format!(
        "{}: already exists; not writing over it",
        shown.display()
    ))
}

/// Moves `tmp` to `path`, which must not exist.
fn create_from(tmp: &Path, path: &Path, shown: &Path) -> Result<()> {
    // A hard link fails when the target exists: no race can make us clobber a file that
    // appeared since we looked (the O_EXCL of a rename).
    match fs::hard_link(tmp, path) {
        Ok(()) => {
            let _ = fs::remove_file(tmp);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(already_exists(shown)),
        // File systems without hard links: check, then rename.
        Err(_) => {
            if fs::symlink_metadata(path).is_ok() {
                return Err(already_exists(shown));
            }
            fs::rename(tmp, path).map_err(|e| WorkspaceError::io(path, e))
        }
    }
}

/// Deletes `path` when it is still the file that was seen.
pub(super) fn remove_exactly(path: &Path, shown: &Path, seen: Stamp) -> Result<()> {
    recheck(path, shown, seen)?;
    fs::remove_file(path).map_err(|e| WorkspaceError::io(shown, e))?;
    sync_dir_of(path);
    Ok(())
}

/// The rename (or removal) itself must reach the disk: fsync the folder.
pub(super) fn sync_dir_of(path: &Path) {
    if let Some(dir) = path.parent() {
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
}
