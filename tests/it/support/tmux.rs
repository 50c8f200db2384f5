//! Driving `wh` in a real terminal: tmux on a private socket at a fixed size, keys sent with
//! `send-keys`, the screen read with `capture-pane`, polling on conditions (never fixed sleeps).
//! Every start returns `None`, with a note, when tmux (or bash, for a shell) is missing: the
//! test then skips (`.ci/run` installs tmux).

use std::io::Write as _;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Makes each server's socket name unique within the test process.
static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// Generous: CI machines are slow and shared.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// One tmux server of our own, with one session `wh`, killed on drop.
pub struct Tmux {
    socket: String,
    /// The empty folder `WHEELHOUSE_CONFIG_DIR` names, so no user config is read.
    config: tempfile::TempDir,
    timeout: Duration,
}

fn works(cmd: &str, arg: &str) -> bool {
    Command::new(cmd)
        .arg(arg)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

impl Tmux {
    /// `wh args` in a `w`×`h` terminal; the shell stays after wh exits (it prints
    /// `wh exited N`), so the screen wh leaves behind can be read.
    pub fn start(args: &[&str], w: u16, h: u16) -> Option<Tmux> {
        let quoted: Vec<String> = args.iter().map(|a| shell_quote(a)).collect();
        let cmd = |config: &str| {
            format!(
                "env TERM=xterm-256color WHEELHOUSE_CONFIG_DIR={} {} {}; echo \"wh exited $?\"; sleep 60",
                shell_quote(config),
                shell_quote(env!("CARGO_BIN_EXE_wh")),
                quoted.join(" ")
            )
        };
        Tmux::start_command(cmd, w, h)
    }

    /// An interactive bash with job control (for ctrl-z and `fg`), prompt `$ `, in a `w`×`h`
    /// terminal, in which `WH` names the binary, `WHEELHOUSE_CONFIG_DIR` an empty config
    /// folder, and `env` is added. Returns once the prompt shows.
    pub fn start_shell(w: u16, h: u16, env: &[(&str, &str)]) -> Option<Tmux> {
        if !works("bash", "--version") {
            let _ = writeln!(std::io::stderr(), "note: bash not found; skipping");
            return None;
        }
        let extra: Vec<String> = env
            .iter()
            .map(|(k, v)| format!("{k}={}", shell_quote(v)))
            .collect();
        let cmd = |config: &str| {
            format!(
                "env TERM=xterm-256color WHEELHOUSE_CONFIG_DIR={} WH={} {} PS1='$ ' bash --norc --noprofile -i",
                shell_quote(config),
                shell_quote(env!("CARGO_BIN_EXE_wh")),
                extra.join(" "),
            )
        };
        let t = Tmux::start_command(cmd, w, h)?;
        t.wait("the prompt", |s| s.lines().any(|l| l.starts_with('$')));
        Some(t)
    }

    /// Starts `cmd(config dir)` in a detached session of `w`×`h`.
    pub fn start_command(cmd: impl Fn(&str) -> String, w: u16, h: u16) -> Option<Tmux> {
        if !works("tmux", "-V") {
            let _ = writeln!(
                std::io::stderr(),
                "note: tmux not found; skipping the terminal test (.ci/run installs it)"
            );
            return None;
        }
        let socket = format!(
            "wh-test-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let t = Tmux {
            socket,
            config: tempfile::tempdir().expect("temp config dir"),
            timeout: TIMEOUT,
        };
        let cmd = cmd(&t.config.path().to_string_lossy());
        let (w, h) = (w.to_string(), h.to_string());
        let out = t.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            &w,
            "-y",
            &h,
            "-s",
            "wh",
            &cmd,
        ]);
        assert!(
            out.status.success(),
            "tmux new-session: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Some(t)
    }

    /// How long the waits poll before they fail (default [`TIMEOUT`]).
    pub fn with_timeout(mut self, timeout: Duration) -> Tmux {
        self.timeout = timeout;
        self
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "wh"]).stdout).into_owned()
    }

    /// A tmux format of the pane (`#{alternate_on}`, `#{cursor_flag}`, `#{pane_pid}`).
    pub fn format(&self, f: &str) -> String {
        String::from_utf8_lossy(&self.run(&["display-message", "-p", "-t", "wh", f]).stdout)
            .trim()
            .to_string()
    }

    /// Keys in tmux's names (`Enter`, `Escape`, `C-k`, `BTab`).
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", "wh", k]);
        }
    }

    /// Literal text, typed.
    pub fn text(&self, s: &str) {
        self.run(&["send-keys", "-t", "wh", "-l", s]);
    }

    /// Types `line` into the shell and presses Enter.
    pub fn line(&self, line: &str) {
        self.text(line);
        self.keys(&["Enter"]);
    }

    /// Polls the screen until `cond` holds; panics with the last screen after the timeout.
    pub fn wait(&self, what: &str, cond: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if cond(&s) {
                return s;
            }
            if start.elapsed() > self.timeout {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait(&format!("`{text}`"), |s| s.contains(text))
    }

    pub fn resize(&self, w: u16, h: u16) {
        let out = self.run(&[
            "resize-window",
            "-t",
            "wh",
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The pid of the program the shell runs in the foreground (`wh`), from /proc.
    pub fn child_pid(&self) -> i32 {
        let shell: i32 = self.format("#{pane_pid}").parse().expect("a pane pid");
        let start = Instant::now();
        loop {
            if let Some(pid) = child_of(shell) {
                return pid;
            }
            assert!(
                start.elapsed() < self.timeout,
                "no child of the shell {shell}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

/// A process whose parent is `parent` (field 4 of /proc/PID/stat, after the command in parentheses).
fn child_of(parent: i32) -> Option<i32> {
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        let after = &stat[stat.rfind(')').map_or(0, |i| i + 1)..];
        let ppid = after
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse::<i32>().ok());
        if ppid == Some(parent) {
            return Some(pid);
        }
    }
    None
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}
