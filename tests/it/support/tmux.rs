//! Driving `wh` in a real terminal for the signal and live-reload tests: an interactive bash in
//! tmux on a private socket, keys sent with `send-keys`, the screen read with `capture-pane`,
//! polling on conditions (never fixed sleeps). The same approach as `e2e_tmux.rs`, whose helpers
//! are private to it. Skipped, with a note, when tmux or bash is missing (`.ci/run` installs tmux).
#![allow(dead_code)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// Generous: CI machines are slow and shared.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// One tmux server of our own running an interactive bash, killed on drop.
pub struct Shell {
    socket: String,
    _config: tempfile::TempDir,
}

fn works(cmd: &str, arg: &str) -> bool {
    Command::new(cmd)
        .arg(arg)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

pub fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data")
}

pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

impl Shell {
    /// An interactive bash with job control, prompt `$ `, in a `w`×`h` terminal, in which `WH`
    /// names the binary, `WHEELHOUSE_CONFIG_DIR` an empty config folder, and `env` is added.
    pub fn start(w: u16, h: u16, env: &[(&str, &str)]) -> Option<Shell> {
        if !works("tmux", "-V") || !works("bash", "--version") {
            let _ = writeln!(
                std::io::stderr(),
                "note: tmux or bash not found; skipping the terminal test (.ci/run installs tmux)"
            );
            return None;
        }
        let socket = format!(
            "wh-loop-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let config = tempfile::tempdir().expect("temp config dir");
        let extra: Vec<String> = env
            .iter()
            .map(|(k, v)| format!("{k}={}", shell_quote(v)))
            .collect();
        let cmd = format!(
            "env TERM=xterm-256color WHEELHOUSE_CONFIG_DIR={} WH={} {} PS1='$ ' bash --norc --noprofile -i",
            shell_quote(&config.path().to_string_lossy()),
            shell_quote(env!("CARGO_BIN_EXE_wh")),
            extra.join(" "),
        );
        let t = Shell {
            socket,
            _config: config,
        };
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
        t.wait("the prompt", |s| s.lines().any(|l| l.starts_with('$')));
        Some(t)
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

    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", "wh", k]);
        }
    }

    /// Types `line` into the shell and presses Enter.
    pub fn line(&self, line: &str) {
        self.run(&["send-keys", "-t", "wh", "-l", line]);
        self.run(&["send-keys", "-t", "wh", "Enter"]);
    }

    /// Polls the screen until `cond` holds; panics with the last screen after the timeout.
    pub fn wait(&self, what: &str, cond: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if cond(&s) {
                return s;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait(&format!("`{text}`"), |s| s.contains(text))
    }

    /// The pid of the program the shell runs in the foreground (`wh`), from /proc.
    pub fn child_pid(&self) -> i32 {
        let shell: i32 = self.format("#{pane_pid}").parse().expect("a pane pid");
        let start = Instant::now();
        loop {
            if let Some(pid) = child_of(shell) {
                return pid;
            }
            assert!(start.elapsed() < TIMEOUT, "no child of the shell {shell}");
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

impl Drop for Shell {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}
