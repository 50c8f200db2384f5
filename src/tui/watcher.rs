//! Files changed outside the cockpit, as events in its loop. inotify (or the platform's own
//! watcher) through `notify`, with `notify-debouncer-full` merging an editor's burst (write a
//! temp file, rename it over, chmod) into one event per file, 150 ms after the last. Where the
//! platform watcher cannot start or runs out of watches, a polling watcher (every second) takes
//! over; `WHEELHOUSE_WATCH=poll` asks for it (network file systems), `off` for none.
//!
//! Only the workspace's folders are watched: the root (for `wheelhouse.toml` and folders
//! appearing), `decisions/`, `maps/` and `impact/` each on its own, and the markdown ADR folders
//! with their subfolders (`archived/`, per-year folders are part of them).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::RecursiveMode;
use notify_debouncer_full::{
    new_debouncer_opt, DebounceEventResult, Debouncer, NoCache, RecommendedCache,
};

use super::event::{Event, EventSender};
use crate::workspace::Workspace;

const DEBOUNCE: Duration = Duration::from_millis(150);
const POLL_EVERY: Duration = Duration::from_secs(1);

enum Inner {
    Native(Debouncer<notify::RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<notify::PollWatcher, NoCache>),
}

/// Watches the workspace's folders while it lives.
pub struct Watcher {
    inner: Inner,
    watched: BTreeSet<PathBuf>,
    /// The folders watched with their subfolders (the markdown ADR folders).
    recursive: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Starts watching `ws`'s folders; `None` when `WHEELHOUSE_WATCH=off`. A watcher that cannot
    /// start at all is an error the caller shows (the cockpit runs on without live reload).
    pub fn start(
        ws_root: &Path,
        dirs: &[PathBuf],
        tx: EventSender,
    ) -> Result<Option<Watcher>, String> {
        let wanted = std::env::var("WHEELHOUSE_WATCH").unwrap_or_default();
        if wanted == "off" {
            return Ok(None);
        }
        if wanted != "poll" {
            // out of inotify watches, or a file system without them: poll instead
            if let Ok(mut w) = Watcher::native(tx.clone()) {
                if w.watch_all(ws_root, dirs).is_ok() {
                    return Ok(Some(w));
                }
            }
        }
        let mut w = Watcher::poll(tx)?;
        w.watch_all(ws_root, dirs).map_err(|e| e.to_string())?;
        Ok(Some(w))
    }

    fn native(tx: EventSender) -> Result<Watcher, String> {
        let d = new_debouncer_opt::<_, notify::RecommendedWatcher, RecommendedCache>(
            DEBOUNCE,
            None,
            handler(tx),
            RecommendedCache::new(),
            notify::Config::default(),
        )
        .map_err(|e| e.to_string())?;
        Ok(Watcher {
            inner: Inner::Native(d),
            watched: BTreeSet::new(),
            recursive: BTreeSet::new(),
        })
    }

    fn poll(tx: EventSender) -> Result<Watcher, String> {
        let d = new_debouncer_opt::<_, notify::PollWatcher, NoCache>(
            DEBOUNCE,
            None,
            handler(tx),
            NoCache,
            // its mtimes are whole seconds: two saves in one second would look like one
            notify::Config::default()
                .with_poll_interval(POLL_EVERY)
                .with_compare_contents(true),
        )
        .map_err(|e| format!("cannot watch the workspace for changes: {e}"))?;
        Ok(Watcher {
            inner: Inner::Poll(d),
            watched: BTreeSet::new(),
            recursive: BTreeSet::new(),
        })
    }

    /// Watches the root and each folder of `dirs` (relative to it) that exists and is not
    /// watched yet. Called again after a full reload, for folders that appeared.
    pub fn watch_all(&mut self, root: &Path, dirs: &[PathBuf]) -> notify::Result<()> {
        let flat = std::iter::once(root.to_path_buf())
            .chain(["decisions", "maps", "impact"].iter().map(|d| root.join(d)))
            .map(|d| (d, RecursiveMode::NonRecursive));
        // an ADR folder that is the root itself (`cd docs/adr; wh`) is watched with its subfolders
        let markdown = dirs
            .iter()
            .map(|d| (root.join(d), RecursiveMode::Recursive));
        for (dir, mode) in flat.chain(markdown) {
            let key = dir.components().collect::<PathBuf>();
            if mode == RecursiveMode::NonRecursive && self.watched.contains(&key) {
                continue;
            }
            if self.recursive.contains(&key) || !dir.is_dir() {
                continue;
            }
            match &mut self.inner {
                Inner::Native(d) => d.watch(&dir, mode)?,
                Inner::Poll(d) => d.watch(&dir, mode)?,
            }
            if mode == RecursiveMode::Recursive {
                self.recursive.insert(key.clone());
            }
            self.watched.insert(key);
        }
        Ok(())
    }

    /// The folders of `ws` that exist now and are not watched yet.
    pub fn follow(&mut self, ws: &Workspace) -> notify::Result<()> {
        self.watch_all(&ws.root, &ws.meta.adr_dirs)
    }
}

/// Debounced events become one `FilesChanged` (reads are not changes: loading a file must not
/// make it look changed); watcher errors one `WatchProblem`.
fn handler(tx: EventSender) -> impl FnMut(DebounceEventResult) + Send + 'static {
    move |result: DebounceEventResult| match result {
        Ok(events) => {
            let mut paths: Vec<PathBuf> = events
                .iter()
                .filter(|e| match e.kind {
                    EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
                    EventKind::Access(_) => false,
                    _ => true,
                })
                .flat_map(|e| e.paths.iter().cloned())
                .collect();
            paths.sort();
            paths.dedup();
            if !paths.is_empty() {
                let _ = tx.send(Event::FilesChanged(paths));
            }
        }
        Err(errors) => {
            if let Some(e) = errors.first() {
                let _ = tx.send(Event::WatchProblem(format!("watching for changes: {e}")));
            }
        }
    }
}
