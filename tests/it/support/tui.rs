//! Shared by the tests/tui_*.rs files: the sample workspace in an App, rendering to text, keys.

use std::path::{Path, PathBuf};

use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use wheelhouse::tui::app::App;
use wheelhouse::tui::keymap::Keymap;
use wheelhouse::tui::theme::Theme;
use wheelhouse::workspace::Workspace;

pub fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data")
}

pub fn open(dir: &Path) -> App {
    let ws = Workspace::open(dir).expect("workspace opens");
    App::new(ws, Theme::default(), Keymap::default_keymap())
}

pub fn sample_app() -> App {
    open(&sample_dir())
}

pub fn terminal(w: u16, h: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(w, h)).expect("test terminal")
}

/// Draws the app once and returns the screen as text, one line per row.
pub fn render(app: &mut App, w: u16, h: u16) -> String {
    let mut t = terminal(w, h);
    draw(app, &mut t)
}

pub fn draw(app: &mut App, t: &mut Terminal<TestBackend>) -> String {
    t.draw(|f| {
        let area = f.area();
        app.render(area, f.buffer_mut())
    })
    .expect("draw");
    screen(t.backend().buffer())
}

/// Buffer to plain text, one line a row, trailing blanks trimmed.
pub fn screen(buf: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let line: String = visible_cells(buf, y).map(|(_, sym)| sym).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The cells of row `y` with their x, but the cell after a wide character (which covers it).
pub fn visible_cells(buf: &ratatui::buffer::Buffer, y: u16) -> impl Iterator<Item = (u16, &str)> {
    let mut skip = 0;
    (0..buf.area.width).filter_map(move |x| {
        if skip > 0 {
            skip -= 1;
            return None;
        }
        let sym = buf[(x, y)].symbol();
        skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        Some((x, sym))
    })
}

/// Presses keys given as keymap names (`j`, `ctrl-k`, `enter`, `shift-tab`), in order.
pub fn press(app: &mut App, keys: &[&str]) {
    for k in keys {
        app.handle_key(&key_event(k));
    }
}

/// Types text character by character.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        if let Some(a) = app.on_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)) {
            app.update(a);
        }
    }
}

pub fn key_event(k: &str) -> KeyEvent {
    let (mods, rest) = if let Some(r) = k.strip_prefix("ctrl-") {
        (KeyModifiers::CONTROL, r)
    } else if let Some(r) = k.strip_prefix("alt-") {
        (KeyModifiers::ALT, r)
    } else {
        (KeyModifiers::NONE, k)
    };
    let code = match rest {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "shift-tab" => KeyCode::BackTab,
        "backspace" => KeyCode::Backspace,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pagedown" => KeyCode::PageDown,
        "pageup" => KeyCode::PageUp,
        one if one.chars().count() == 1 => KeyCode::Char(one.chars().next().unwrap()),
        other => panic!("test key {other}"),
    };
    let mods = if rest == "shift-tab" {
        KeyModifiers::SHIFT
    } else {
        mods
    };
    KeyEvent::new(code, mods)
}
