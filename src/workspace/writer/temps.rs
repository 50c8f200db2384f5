//! Temp files left behind by a killed writer (`.NAME.wh-PID-N.tmp`) are removed at the next
//! write into their folder: those of a process that is gone, and any older than ten minutes
//! (a process id can be reused). A live writer's temp file is young and its process alive, so
//! it is never touched. No loader reads them: the names start with a dot and end in `.tmp`.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// Older than this, a temp file is stale whoever made it: a write takes milliseconds.
const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// The process id in a writer's temp file name, `None` for any other name.
pub(super) fn writer_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (rest, counter) = rest.rsplit_once('-')?;
    let (_, pid) = rest.rsplit_once(".wh-")?;
    if counter.is_empty() || !counter.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Removes the stale writer temp files of `dir`; returns how many. Errors are ignored: this is
/// tidying, and the write that follows reports a folder it cannot use.
pub(super) fn clean_stale(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(writer_pid) else {
            continue;
        };
        let old = entry
            .metadata()
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if (old || !process_alive(pid)) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // Signal 0 only asks whether the process exists; EPERM means it does (another user's).
    // SAFETY: kill with signal 0 sends nothing and touches no memory.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_alive(_: u32) -> bool {
    // Without a portable liveness check, only age makes a temp file stale.
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_recognised() {
        assert_eq!(writer_pid(".0001-x.toml.wh-4242-7.tmp"), Some(4242));
        assert_eq!(writer_pid(".a.wh-b.toml.wh-12-0.tmp"), Some(12));
        assert_eq!(writer_pid("0001-x.toml"), None);
        assert_eq!(writer_pid(".x.wh-12-.tmp"), None);
        assert_eq!(writer_pid(".x.wh-abc-1.tmp"), None);
        assert_eq!(writer_pid(".x.tmp"), None);
    }

    #[test]
    fn only_temp_files_of_dead_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        // A pid above the kernel's maximum (2^22) belongs to no process.
        let dead = dir.path().join(".0001-x.toml.wh-4194999-0.tmp");
        let mine = dir
            .path()
            .join(format!(".0001-x.toml.wh-{}-0.tmp", std::process::id()));
        let record = dir.path().join("0001-x.toml");
        for p in [&dead, &mine, &record] {
            fs::write(p, "x").unwrap();
        }
        assert_eq!(clean_stale(dir.path()), 1);
        assert!(!dead.exists());
        assert!(mine.exists() && record.exists());
    }
}
