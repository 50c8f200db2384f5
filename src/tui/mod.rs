//! The cockpit: one app state (`app.rs`), one `Action` enum (`action.rs`), one update
//! function; keys become Actions only through the keymap (`keymap.rs`); each pane
//! (`panes/`) owns its view state and renders itself; popups (`popups/`) sit on top;
//! `widgets/` holds the drawing pieces; `terminal.rs` enters and always restores the
//! terminal; `theme.rs` fills the semantic colour slots; `config.rs` reads the user's
//! config folder.

pub mod action;
pub mod ansi16;
pub mod app;
pub mod config;
pub mod config_keys;
pub mod event;
pub mod git_history;
pub mod keymap;
pub mod panes;
pub mod popups;
pub mod tab;
pub mod term_caps;
pub mod terminal;
pub mod theme;
pub mod watcher;
pub mod widgets;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::workspace::source::FileSource;
use anyhow::Context as _;
use ratatui::crossterm::event::Event as TermEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::workspace::discover;
use crate::workspace::discover::Located;
use crate::workspace::load::{self, Progress};
use action::Action;
use app::{App, Message};
use config::Config;
use event::{Event, EventSender};
use keymap::Keymap;
use theme::Theme;

#[derive(Debug, Clone, Default)]
pub struct TuiOptions {
    pub theme: Option<String>,
    pub no_color: bool,
    pub no_mouse: bool,
    /// `--rev`: the workspace as it was at this git revision, read-only.
    pub rev: Option<String>,
}

/// How long start-up waits for the workspace before showing a loading frame instead.
const QUICK_LOAD: Duration = Duration::from_millis(40);
/// How often the loading frame moves on while nothing else happens.
const LOADING_TICK: Duration = Duration::from_millis(80);

/// Opens the cockpit on the workspace found from `start`. Everything that can fail
/// before the first frame (no workspace, a bad config or theme) fails before the
/// terminal is touched, so the message lands on a normal screen. Returns the exit code:
/// 0, or 128 + n after signal n.
pub fn run(start: &Path, opts: TuiOptions) -> anyhow::Result<ExitCode> {
    let located = discover::discover(start)?;
    let config = Config::load().context("reading the configuration")?;
    let theme = choose_theme(&opts, &config)?;
    let (keymap, key_problems) = config.keymap_forgiving();
    let mouse = !opts.no_mouse && config.mouse.unwrap_or(true);
    if let Some(reason) = term_caps::refusal_here() {
        anyhow::bail!(reason);
    }

    // From here on signals are events: nothing the default actions would leave behind.
    let (tx, rx) = event::channel();
    event::watch_signals(tx.clone()).context("handling signals")?;
    let progress = Arc::new(Progress::default());
    // a past revision is read from git objects, and nothing on disk can change it
    let source = match &opts.rev {
        Some(rev) => crate::history::source_at(&located, rev)?,
        None => FileSource::Disk,
    };
    start_loader(&located, &source, progress.clone(), tx.clone())?;
    let watch_dirs: Vec<_> = located.adr_dirs.iter().map(|f| f.dir.clone()).collect();
    let (watcher, watch_problem) = match source {
        FileSource::Snapshot(_) => (None, None),
        FileSource::Disk => match watcher::Watcher::start(&located.root, &watch_dirs, tx.clone()) {
            Ok(w) => (w, None),
            Err(e) => (None, Some(e)),
        },
    };

    // a small workspace is there before the terminal is touched: no loading frame flashes by
    let mut early = Vec::new();
    let deadline = Instant::now() + QUICK_LOAD;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(Event::Terminate(n)) => return Ok(signal_exit(n)),
            Ok(e) => {
                let loaded = matches!(e, Event::Loaded(_));
                early.push(e);
                if loaded {
                    break;
                }
            }
            Err(_) => break,
        }
    }

    let mut guard = terminal::TerminalGuard::enter(mouse).context("opening the terminal")?;
    let input = event::InputReader::start(tx.clone()).context("reading the terminal")?;
    let mut cockpit = Cockpit {
        app: None,
        theme: Some(theme),
        keymap: Some(keymap),
        root: located.root.clone(),
        located,
        source,
        progress,
        tx,
        loading: Some(Instant::now()),
        tick: 0,
        pending: Vec::new(),
        watcher,
        watch_problem,
        key_problems,
        input,
    };
    for e in early {
        if let Some(code) = cockpit.handle(e, &mut guard)? {
            return Ok(code);
        }
    }
    let code = cockpit.run(&mut guard, &rx)?;
    drop(guard);
    Ok(code)
}

/// The conventional exit code after signal `n`.
fn signal_exit(n: i32) -> ExitCode {
    ExitCode::from((128 + n).clamp(0, 255) as u8)
}

/// Reads the workspace on a thread of its own; the result arrives as `Event::Loaded`.
fn start_loader(
    located: &Located,
    source: &FileSource,
    progress: Arc<Progress>,
    tx: EventSender,
) -> anyhow::Result<()> {
    let located = located.clone();
    let source = source.clone();
    std::thread::Builder::new()
        .name("wh-load".into())
        .spawn(move || {
            let ws = load::load_from(&located, load::Scope::Full, &progress, &source);
            let _ = tx.send(Event::Loaded(Box::new(ws)));
        })
        .context("starting the loader")?;
    Ok(())
}

/// Reads git history on a thread of its own; the answer arrives as `Event::History`.
fn start_history_reader(
    root: &Path,
    tip: Option<&str>,
    request: git_history::HistoryRequest,
    tx: EventSender,
) -> anyhow::Result<()> {
    let root = root.to_path_buf();
    let tip = tip.map(str::to_string);
    std::thread::Builder::new()
        .name("wh-history".into())
        .spawn(move || {
            let answer = git_history::answer(&root, tip.as_deref(), &request);
            let _ = tx.send(Event::History(request, answer));
        })
        .context("starting the history reader")?;
    Ok(())
}

/// The loop's state: the app once the workspace is there, and what feeds it.
struct Cockpit {
    app: Option<App>,
    /// Held until the app is made.
    theme: Option<Theme>,
    keymap: Option<Keymap>,
    root: PathBuf,
    located: Located,
    /// The working tree, or the revision opened with `--rev`.
    source: FileSource,
    progress: Arc<Progress>,
    tx: EventSender,
    /// Since when a load runs in the background, if one does.
    loading: Option<Instant>,
    tick: usize,
    /// Changed files seen while a full load runs: applied to its result.
    pending: Vec<PathBuf>,
    watcher: Option<watcher::Watcher>,
    watch_problem: Option<String>,
    /// config.toml `[keys]` entries left out: in `!` after every load, once in the status bar.
    key_problems: Vec<crate::workspace::Diagnostic>,
    input: event::InputReader,
}

impl Cockpit {
    /// Blocks on the channel; after each burst of events, one frame. Returns the exit code.
    fn run(
        &mut self,
        guard: &mut terminal::TerminalGuard,
        rx: &Receiver<Event>,
    ) -> anyhow::Result<ExitCode> {
        loop {
            self.draw(guard)?;
            let first = if self.app.is_none() {
                match rx.recv_timeout(LOADING_TICK) {
                    Ok(e) => Some(e),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return Ok(ExitCode::SUCCESS),
                }
            } else {
                match rx.recv() {
                    Ok(e) => Some(e),
                    Err(_) => return Ok(ExitCode::SUCCESS),
                }
            };
            self.tick += 1;
            // everything already queued is handled before the next frame
            let mut next = first;
            while let Some(e) = next {
                if let Some(code) = self.handle(e, guard)? {
                    return Ok(code);
                }
                next = rx.try_recv().ok();
            }
        }
    }

    fn draw(&mut self, guard: &mut terminal::TerminalGuard) -> anyhow::Result<()> {
        match (&mut self.app, &self.theme) {
            (Some(app), _) => {
                guard.terminal.draw(|f| {
                    let area = f.area();
                    app.render(area, f.buffer_mut())
                })?;
            }
            (None, Some(theme)) => {
                let started = self.loading.unwrap_or_else(Instant::now);
                let what = self.progress.describe();
                let (root, tick) = (&self.root, self.tick);
                guard.terminal.draw(|f| {
                    let area = f.area();
                    loading_frame(
                        area,
                        f.buffer_mut(),
                        root,
                        started.elapsed(),
                        tick,
                        &what,
                        theme,
                    )
                })?;
            }
            (None, None) => {}
        }
        Ok(())
    }

    /// One event; `Some(code)` when the cockpit is to leave with it.
    fn handle(
        &mut self,
        e: Event,
        guard: &mut terminal::TerminalGuard,
    ) -> anyhow::Result<Option<ExitCode>> {
        match e {
            Event::Terminate(n) => {
                if let Some(app) = self.app.as_mut() {
                    app.on_terminate();
                }
                terminal::restore();
                return Ok(Some(signal_exit(n)));
            }
            Event::Input(ev) => match self.app.as_mut() {
                Some(app) => on_input(app, ev),
                // while loading, q and ctrl-c still leave
                None => {
                    if let TermEvent::Key(k) = ev {
                        let combo = keymap::KeyCombo::from_event(&k);
                        if combo.is_some()
                            && (combo == keymap::KeyCombo::parse("ctrl-c").ok()
                                || combo == keymap::KeyCombo::parse("q").ok())
                        {
                            return Ok(Some(ExitCode::SUCCESS));
                        }
                    }
                }
            },
            Event::Stop => {
                guard.suspend().context("suspending to the shell")?;
                self.after_resume();
            }
            Event::Continue => {
                // back from a stop (ours too: SIGCONT comes here as well): the screen may be
                // anything, and the files may have changed meanwhile
                guard.terminal.clear()?;
                self.after_resume();
            }
            Event::FilesChanged(paths) => match self.app.as_mut() {
                Some(app) if self.loading.is_none() => {
                    let report = app.files_changed(&paths);
                    // a folder that appeared is watched from now on
                    if let (true, Some(w)) = (report.full, self.watcher.as_mut()) {
                        let _ = w.follow(&app.ws);
                    }
                }
                _ => self.pending.extend(paths),
            },
            Event::WatchProblem(m) => {
                if let Some(app) = self.app.as_mut() {
                    app.message = Some(Message {
                        text: m,
                        error: true,
                    });
                }
            }
            Event::History(request, answer) => {
                if let Some(app) = self.app.as_mut() {
                    app.history_arrived(&request, &answer);
                }
            }
            Event::Loaded(ws) => {
                self.loading = None;
                if let Some(w) = self.watcher.as_mut() {
                    let _ = w.follow(&ws);
                }
                match self.app.as_mut() {
                    Some(app) => app.replace_workspace(*ws),
                    None => {
                        let (Some(theme), Some(keymap)) = (self.theme.take(), self.keymap.take())
                        else {
                            return Ok(None);
                        };
                        let mut app = App::new(*ws, theme, keymap);
                        app.revision = self.source.revision().map(str::to_string);
                        if let Some(m) = self.watch_problem.take() {
                            app.message = Some(Message {
                                text: m,
                                error: true,
                            });
                        }
                        if let Some(first) = self.key_problems.first() {
                            app.message = Some(Message {
                                // short enough for 80 columns beside `? help`: ! has the rest
                                text: format!(
                                    "config: {} (!)",
                                    first
                                        .message
                                        .split(" (did you mean")
                                        .next()
                                        .unwrap_or_default()
                                        .trim_end_matches(": default keys kept")
                                ),
                                error: true,
                            });
                        }
                        self.app = Some(app);
                    }
                }
                let pending = std::mem::take(&mut self.pending);
                if let Some(app) = self.app.as_mut() {
                    if !pending.is_empty() {
                        app.files_changed(&pending);
                    }
                }
            }
        }
        let Some(app) = self.app.as_mut() else {
            return Ok(None);
        };
        // a load or a file's reload recomputes the workspace's own diagnostics
        if !self.key_problems.is_empty() && !app.ws.diagnostics.contains(&self.key_problems[0]) {
            app.ws.diagnostics.extend(self.key_problems.iter().cloned());
        }
        if app.quit {
            return Ok(Some(ExitCode::SUCCESS));
        }
        if app.suspend {
            app.suspend = false;
            guard.suspend().context("suspending to the shell")?;
            self.after_resume();
        }
        if let Some(app) = self.app.as_mut() {
            if let Some((path, line)) = app.editor.take() {
                // the editor reads the terminal now: our reader stops first (its poll is short)
                self.input.pause();
                std::thread::sleep(Duration::from_millis(150));
                let result = guard.run_editor(&path, line);
                self.input.resume();
                app.editor_done(&path, result);
            }
        }
        if let Some(app) = self.app.as_mut() {
            if std::mem::take(&mut app.reload_requested) && self.loading.is_none() {
                self.loading = Some(Instant::now());
                start_loader(
                    &self.located,
                    &self.source,
                    Arc::new(Progress::default()),
                    self.tx.clone(),
                )?;
            }
        }
        if let Some(app) = self.app.as_mut() {
            for request in app.take_history_requests() {
                start_history_reader(&self.root, self.source.commit(), request, self.tx.clone())?;
            }
        }
        Ok(None)
    }

    /// Back from ctrl-z / `fg`: files may have changed meanwhile, read them all again.
    fn after_resume(&mut self) {
        if let Some(app) = self.app.as_mut() {
            app.reload_requested = true;
        }
    }
}

/// A terminal event for the app.
fn on_input(app: &mut App, ev: TermEvent) {
    let action = match ev {
        TermEvent::Key(k) => {
            app.handle_key(&k);
            None
        }
        TermEvent::Mouse(m) => app.on_mouse(&m),
        TermEvent::Resize(w, h) => Some(Action::Resize(w, h)),
        TermEvent::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    };
    if let Some(a) = action {
        app.update(a);
    }
}

fn choose_theme(opts: &TuiOptions, config: &Config) -> anyhow::Result<Theme> {
    if Theme::colour_disabled(opts.no_color) {
        return Ok(Theme::mono());
    }
    let name = opts
        .theme
        .clone()
        .or_else(|| config.theme.clone())
        .unwrap_or_else(|| "default".into());
    Ok(Theme::load(&name, config.themes_dir().as_deref())?)
}

/// The first frame while a large workspace loads: what, where, how long so far.
pub fn loading_frame(
    area: Rect,
    buf: &mut ratatui::buffer::Buffer,
    root: &Path,
    elapsed: Duration,
    tick: usize,
    what: &str,
    theme: &Theme,
) {
    const SPIN: [&str; 8] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧"];
    let path = crate::text::inert(&root.to_string_lossy()).into_owned();
    let line = format!(
        " {} loading {}  {:.1} s  {}",
        SPIN[tick % SPIN.len()],
        path,
        elapsed.as_secs_f64(),
        what
    );
    let y = area.y + area.height / 2;
    let row = Rect {
        y,
        height: 1.min(area.height),
        ..area
    };
    Paragraph::new(Line::styled(
        widgets::text::truncate(&line, area.width as usize).into_owned(),
        theme.accent,
    ))
    .render(row, buf);
    theme.enforce(buf);
}
