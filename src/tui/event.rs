//! Everything the cockpit reacts to arrives as one [`Event`] on one channel: the terminal's
//! keys, mouse and resizes (a reader thread), signals (a signal thread), changed files (the
//! watcher, `watcher.rs`) and loaded workspaces (the loader thread). The loop in `mod.rs` blocks
//! on that channel and redraws after what arrived, so nothing polls and nothing is missed.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::time::Duration;

use ratatui::crossterm::event as term;

use crate::workspace::Workspace;

pub enum Event {
    /// A key, mouse event, resize or paste from the terminal.
    Input(term::Event),
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT: restore the terminal and leave with 128 + n.
    Terminate(i32),
    /// SIGTSTP sent by someone else (ctrl-z itself is a key in raw mode): suspend as ctrl-z does.
    Stop,
    /// SIGCONT: back from a stop; redraw whole and read the files again.
    Continue,
    /// Files under the workspace changed on disk (absolute paths, debounced).
    FilesChanged(Vec<PathBuf>),
    /// The watcher cannot watch (or stopped watching); said once in the status bar.
    WatchProblem(String),
    /// A workspace read in the background.
    Loaded(Box<Workspace>),
    /// Git history read in the background (`git_history.rs`), for the pane that asked.
    History(
        crate::tui::git_history::HistoryRequest,
        crate::tui::git_history::HistoryAnswer,
    ),
}

/// The sending half, cloned into every source.
pub type EventSender = Sender<Event>;

pub fn channel() -> (EventSender, Receiver<Event>) {
    mpsc::channel()
}

/// The thread that reads the terminal. `paused` keeps it off the terminal while another program
/// (an editor) has it; it stops when the loop is gone.
pub struct InputReader {
    paused: Arc<AtomicBool>,
}

impl InputReader {
    pub fn start(tx: EventSender) -> std::io::Result<InputReader> {
        let paused = Arc::new(AtomicBool::new(false));
        let flag = paused.clone();
        std::thread::Builder::new()
            .name("wh-input".into())
            .spawn(move || loop {
                if flag.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(50));
                    continue;
                }
                // a short poll, so that a pause takes effect before the next read
                match term::poll(Duration::from_millis(100)) {
                    Ok(false) => continue,
                    Ok(true) => {}
                    Err(_) => break,
                }
                match term::read() {
                    Ok(e) => {
                        if tx.send(Event::Input(e)).is_err() {
                            break;
                        }
                    }
                    Err(_) => break,
                }
            })?;
        Ok(InputReader { paused })
    }

    /// Stops reading the terminal (until `resume`), for a program that takes it over.
    pub fn pause(&self) {
        self.paused.store(true, Ordering::SeqCst);
    }

    pub fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
    }
}

/// Signals as events, from the moment this returns: the terminal is then restored by the loop
/// (which owns it) rather than left raw by the default action. Every signal whose default
/// action ends the process and that can be caught is here, `kill -ABRT` and the real-time ones
/// included; SIGPIPE apart (Rust ignores it, and a write to a closed pipe is an error where it
/// happens). SIGKILL cannot be caught, and SIGSEGV, SIGBUS, SIGILL and SIGFPE come from the
/// process itself (signal-hook refuses them; the panic hook restores the terminal).
#[cfg(unix)]
pub fn watch_signals(tx: EventSender) -> std::io::Result<()> {
    use signal_hook::consts::signal::{
        SIGABRT, SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGIO, SIGPROF, SIGQUIT, SIGSYS, SIGTERM,
        SIGTRAP, SIGTSTP, SIGUSR1, SIGUSR2, SIGVTALRM, SIGXCPU, SIGXFSZ,
    };
    let mut wanted = vec![
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM,
        SIGPROF, SIGXCPU, SIGXFSZ, SIGIO, SIGABRT, SIGSYS, SIGTRAP,
    ];
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        wanted.extend([libc::SIGPWR, libc::SIGSTKFLT]);
        wanted.extend(libc::SIGRTMIN()..=libc::SIGRTMAX());
    }
    let mut signals = signal_hook::iterator::Signals::new(wanted)?;
    std::thread::Builder::new()
        .name("wh-signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                let event = match sig {
                    SIGTSTP => Event::Stop,
                    SIGCONT => Event::Continue,
                    n => Event::Terminate(n),
                };
                if tx.send(event).is_err() {
                    break;
                }
            }
        })?;
    Ok(())
}

#[cfg(not(unix))]
pub fn watch_signals(_tx: EventSender) -> std::io::Result<()> {
    Ok(())
}
