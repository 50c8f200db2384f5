//! The cockpit: one app state (`app.rs`), one `Action` enum (`action.rs`), one update
//! function; keys become Actions only through the keymap (`keymap.rs`); each pane
//! (`panes/`) owns its view state and renders itself; popups (`popups/`) sit on top;
//! `widgets/` holds the drawing pieces; `terminal.rs` enters and always restores the
//! terminal; `theme.rs` fills the semantic colour slots; `config.rs` reads the user's
//! config folder.

pub mod action;
pub mod app;
pub mod config;
pub mod keymap;
pub mod panes;
pub mod popups;
pub mod terminal;
pub mod theme;
pub mod widgets;

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use ratatui::crossterm::event::{self, Event};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::workspace::{discover, load, Workspace};
use action::Action;
use app::App;
use config::Config;
use theme::Theme;

#[derive(Debug, Clone, Default)]
pub struct TuiOptions {
    pub theme: Option<String>,
    pub no_color: bool,
    pub no_mouse: bool,
}

/// How long start-up waits for the workspace before showing a loading frame instead.
const QUICK_LOAD: Duration = Duration::from_millis(40);

/// Opens the cockpit on the workspace found from `start`. Everything that can fail
/// before the first frame (no workspace, a bad config or theme) fails before the
/// terminal is touched, so the message lands on a normal screen.
pub fn run(start: &Path, opts: TuiOptions) -> anyhow::Result<()> {
    let located = discover::discover(start)?;
    let config = Config::load().context("reading the configuration")?;
    let theme = choose_theme(&opts, &config)?;
    let keymap = config.keymap()?;
    let mouse = !opts.no_mouse && config.mouse.unwrap_or(true);

    // load on a thread; show a progress frame only when it is not quick
    let (tx, rx) = mpsc::channel();
    let root = located.root.clone();
    std::thread::Builder::new()
        .name("wh-load".into())
        .spawn(move || {
            let _ = tx.send(load::load(&located));
        })
        .context("starting the loader")?;
    let early = rx.recv_timeout(QUICK_LOAD).ok();

    let mut guard = terminal::TerminalGuard::enter(mouse).context("opening the terminal")?;
    let ws = match early {
        Some(ws) => ws,
        None => wait_for_workspace(&mut guard.terminal, &rx, &root, &theme)?,
    };
    let mut app = App::new(ws, theme, keymap);
    event_loop(&mut guard, &mut app)?;
    drop(guard);
    Ok(())
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

fn wait_for_workspace(
    terminal: &mut terminal::Term,
    rx: &mpsc::Receiver<Workspace>,
    root: &Path,
    theme: &Theme,
) -> anyhow::Result<Workspace> {
    let started = Instant::now();
    let mut tick = 0usize;
    loop {
        terminal.draw(|f| {
            let area = f.area();
            loading_frame(area, f.buffer_mut(), root, started.elapsed(), tick, theme)
        })?;
        tick += 1;
        if let Ok(ws) = rx.recv_timeout(Duration::from_millis(80)) {
            return Ok(ws);
        }
        // ctrl-c and q still leave while loading
        while event::poll(Duration::ZERO)? {
            if let Event::Key(k) = event::read()? {
                let quit = keymap::KeyCombo::from_event(&k);
                if quit == keymap::KeyCombo::parse("ctrl-c").ok()
                    || quit == keymap::KeyCombo::parse("q").ok()
                {
                    anyhow::bail!("interrupted while loading");
                }
            }
        }
    }
}

/// The first frame while a large workspace loads: what, where, how long so far.
pub fn loading_frame(
    area: Rect,
    buf: &mut ratatui::buffer::Buffer,
    root: &Path,
    elapsed: Duration,
    tick: usize,
    theme: &Theme,
) {
    const SPIN: [&str; 8] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧"];
    let path = crate::text::inert(&root.to_string_lossy()).into_owned();
    let line = format!(
        " {} loading {}  {:.1} s",
        SPIN[tick % SPIN.len()],
        path,
        elapsed.as_secs_f64()
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

fn event_loop(guard: &mut terminal::TerminalGuard, app: &mut App) -> anyhow::Result<()> {
    let mut dirty = true;
    while !app.quit {
        if app.suspend {
            app.suspend = false;
            guard.suspend().context("suspending to the shell")?;
            // files may have changed while we were stopped
            app.reload(None);
            dirty = true;
        }
        if let Some((path, line)) = app.editor.take() {
            let shown = crate::text::inert(&path.display().to_string()).into_owned();
            let result = guard.run_editor(&path, line);
            app.reload(None);
            app.message = Some(match result {
                Ok(_) => {
                    let problems = app
                        .ws
                        .diagnostics
                        .iter()
                        .filter(|d| app.ws.root.join(&d.file) == path);
                    match problems.count() {
                        0 => app::Message {
                            text: format!("{shown}: reloaded, no problems"),
                            error: false,
                        },
                        n => app::Message {
                            text: format!(
                                "{shown}: {} (! lists them)",
                                crate::text::count(n, "problem")
                            ),
                            error: true,
                        },
                    }
                }
                Err(e) => app::Message {
                    text: e.to_string(),
                    error: true,
                },
            });
            dirty = true;
        }
        if dirty {
            guard.terminal.draw(|f| {
                let area = f.area();
                app.render(area, f.buffer_mut())
            })?;
            dirty = false;
        }
        // block until something happens; drain what is queued before redrawing
        if !event::poll(Duration::from_millis(500))? {
            continue;
        }
        loop {
            let action = match event::read()? {
                Event::Key(k) => {
                    app.handle_key(&k);
                    None
                }
                Event::Mouse(m) => app.on_mouse(&m),
                Event::Resize(w, h) => Some(Action::Resize(w, h)),
                Event::Paste(text) => Some(Action::Paste(text)),
                _ => None,
            };
            if let Some(a) = action {
                app.update(a);
            }
            dirty = true;
            if app.quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
    Ok(())
}
