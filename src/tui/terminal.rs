//! Entering and leaving the full-screen terminal. The terminal is restored on every
//! way out: a normal quit and `?`-errors (the guard's `Drop`), and a panic (the hook,
//! which runs before the default hook prints the message, so the message lands on a
//! sane screen). ctrl-c arrives as a key in raw mode and quits through the same guard; signals
//! (SIGTERM, SIGHUP, SIGINT, SIGQUIT) arrive as events in the loop, which drops the guard.

use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::Terminal;

use super::ansi16::Ansi16;

pub type Term = Terminal<CrosstermBackend<Ansi16<Stdout>>>;

/// Whether the terminal is currently in our mode (so restore runs once, from wherever).
static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();

/// Owns the terminal while the cockpit runs; dropping it restores the terminal.
pub struct TerminalGuard {
    pub terminal: Term,
    mouse: bool,
}

impl TerminalGuard {
    pub fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        install_panic_hook();
        take_over(mouse)?;
        // named colours as 16-colour codes where the terminal knows no more
        let out = Ansi16::new(io::stdout(), super::term_caps::sixteen_colours_here());
        match Terminal::new(CrosstermBackend::new(out)) {
            Ok(terminal) => Ok(TerminalGuard { terminal, mouse }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    /// ctrl-z: hands the terminal back to the shell and stops the process (SIGTSTP, as the
    /// terminal itself would send were it not in raw mode). After `fg` the process continues
    /// here: the terminal is taken over again and the next frame is drawn whole.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        // SIGTSTP has a handler (the loop's signal thread, so that a `kill -TSTP` suspends as
        // cleanly as ctrl-z): do what its default would, stop until SIGCONT.
        #[cfg(unix)]
        let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
        take_over(self.mouse)?;
        self.terminal.clear()
    }
}

impl TerminalGuard {
    /// `e`: gives the terminal to `$VISUAL` / `$EDITOR` (else `vi`) on `path` at `line`, and
    /// takes it back when the editor exits. The editor command may carry arguments
    /// (`code -w`), so it runs through `sh`.
    pub fn run_editor(&mut self, path: &std::path::Path, line: u32) -> io::Result<String> {
        let editor = ["VISUAL", "EDITOR"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|e| !e.trim().is_empty()))
            .unwrap_or_else(|| "vi".to_string());
        restore();
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$@\""))
            .arg("wh-editor")
            .arg(format!("+{}", line.max(1)))
            .arg(path)
            .status();
        take_over(self.mouse)?;
        self.terminal.clear()?;
        match status {
            Ok(s) if s.success() => Ok(editor),
            Ok(s) => Err(io::Error::other(format!("{editor} exited with {s}"))),
            Err(e) => Err(io::Error::other(format!("could not run {editor}: {e}"))),
        }
    }
}

/// Raw mode, the alternate screen, no cursor, and mouse capture if asked for.
fn take_over(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    MOUSE.store(mouse, Ordering::SeqCst);
    let mut out = io::stdout();
    // bracketed paste: a pasted text arrives whole (one Paste event), not as typed keys
    let entered = execute!(
        out,
        EnterAlternateScreen,
        cursor::Hide,
        EnableBracketedPaste
    )
    .and_then(|_| {
        if mouse {
            execute!(out, EnableMouseCapture)
        } else {
            Ok(())
        }
    });
    if let Err(e) = entered {
        restore();
        return Err(e);
    }
    Ok(())
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves raw mode, mouse capture and the alternate screen; shows the cursor. Idempotent.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

fn install_panic_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}
