//! Hostile text: an ADR whose title and body hold ESC sequences, BEL, C1 controls and bidi
//! overrides must render inert: shown as `^[`, `^G`, `<U+009B>`, `<U+202E>`, never sent raw.
//! Also: broken files stay listed and flagged, and the diagnostics list jumps to items.

use crate::support::tui as tui_support;

use std::path::Path;

use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use tui_support::*;
use wheelhouse::tui::action::Action;
use wheelhouse::tui::tab::Tab;
use wheelhouse::workspace::Reference;

const HOSTILE_TITLE: &str =
    "Pwn \u{1b}]0;owned\u{7} title \u{1b}[2J\u{1b}[H \u{9b}31m \u{202e}desrever";

fn hostile_workspace(dir: &Path) {
    std::fs::create_dir_all(dir.join("decisions")).unwrap();
    std::fs::write(
        dir.join("wheelhouse.toml"),
        "[workspace]\nname = \"Hostile \\u001b]2;t\\u0007 ws\"\nformat = 1\n",
    )
    .unwrap();
    let esc = |s: &str| {
        s.replace('\u{1b}', "\\u001b")
            .replace('\u{7}', "\\u0007")
            .replace('\u{9b}', "\\u009b")
            .replace('\u{202e}', "\\u202e")
    };
    let context = "# Head \u{1b}[31mred\n- item \u{7}bell\n\nBody \u{1b}[1A\u{1b}[2K up and \u{9b}2J c1 \u{202e}bidi\n";
    std::fs::write(
        dir.join("decisions/0001-hostile.toml"),
        format!(
            "[adr]\nnumber = 1\ntitle = \"{}\"\nstatus = \"accepted\"\ndate = 2024-01-01\ncontext = \"\"\"\n{}\"\"\"\nlinks = [\"adr:2\"]\n",
            esc(HOSTILE_TITLE),
            esc(context)
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("decisions/0002-fine.toml"),
        "[adr]\nnumber = 2\ntitle = \"Fine record\"\nstatus = \"proposed\"\nlinks = [\"adr:77\"]\n",
    )
    .unwrap();
    // a file that does not parse at all
    std::fs::write(
        dir.join("decisions/0003-broken.toml"),
        "[adr\nnumber = = 3\n",
    )
    .unwrap();
}

#[test]
fn hostile_text_renders_inert_in_every_cell() {
    let dir = tempfile::tempdir().unwrap();
    hostile_workspace(dir.path());
    let mut app = open(dir.path());
    press(&mut app, &["3", "enter"]);
    let mut t = terminal(160, 48);
    let s = draw(&mut app, &mut t);
    assert!(
        s.contains("Pwn ^[]0;owned^G title ^[[2J^[[H <U+009B>31m <U+202E>desrever"),
        "{s}"
    );
    assert!(s.contains("^[[1A^[[2K up"), "{s}");
    for cell in t.backend().buffer().content() {
        for c in cell.symbol().chars() {
            assert!(
                !(c.is_control()
                    || ('\u{202a}'..='\u{202e}').contains(&c)
                    || ('\u{2066}'..='\u{2069}').contains(&c)),
                "raw control {c:?} in a cell"
            );
        }
    }
}

/// Collects what the crossterm backend writes.
#[derive(Clone, Default)]
struct Sink(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Sink {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn hostile_text_never_reaches_the_terminal_stream() {
    let dir = tempfile::tempdir().unwrap();
    hostile_workspace(dir.path());
    let mut app = open(dir.path());
    for keys in [
        &["3"][..],
        &["enter"],
        &["ctrl-k"],
        &["esc", "!"],
        &["esc", "?"],
    ] {
        press(&mut app, keys);
        let sink = Sink::default();
        // a fixed viewport: no size query, no resize, so nothing but the frame is written
        let mut term = Terminal::with_options(
            CrosstermBackend::new(sink.clone()),
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 160, 48)),
            },
        )
        .unwrap();
        term.draw(|f| {
            let a = f.area();
            app.render(a, f.buffer_mut())
        })
        .unwrap();
        let bytes = sink.0.lock().unwrap().clone();
        let out = String::from_utf8_lossy(&bytes);
        assert!(!out.contains('\u{7}'), "BEL written");
        assert!(!out.contains("\u{1b}]"), "OSC written");
        assert!(!out.contains("\u{1b}[2J"), "clear screen written");
        assert!(!out.contains("\u{1b}[1A"), "cursor up written");
        assert!(!out.contains('\u{9b}'), "C1 CSI written");
        assert!(!out.contains('\u{202e}'), "bidi override written");
    }
}

#[test]
fn broken_files_stay_listed_and_flagged() {
    let dir = tempfile::tempdir().unwrap();
    hostile_workspace(dir.path());
    let mut app = open(dir.path());
    press(&mut app, &["3"]);
    let s = render(&mut app, 160, 30);
    assert!(s.contains("Decisions 3/3"), "{s}");
    let row = s
        .lines()
        .find(|l| l.contains("0003-broken.toml"))
        .expect("broken row");
    assert!(row.contains("✗") && row.contains("broken"), "{row}");
    press(&mut app, &["G"]);
    let s = render(&mut app, 160, 30);
    assert!(s.contains("could not be read"), "{s}");
    assert!(
        s.contains("0003-broken.toml:"),
        "its diagnostics are shown: {s}"
    );
    // the `/` filter matches a broken file on its path
    press(&mut app, &["/"]);
    type_text(&mut app, "broken");
    let s = render(&mut app, 160, 30);
    assert!(
        s.lines()
            .any(|l| l.contains("0003-broken.toml") && l.contains("✗")),
        "{s}"
    );
    // and when nothing matches, the detail no longer shows the record selected before
    type_text(&mut app, "zqx");
    let s = render(&mut app, 160, 30);
    assert!(s.contains("Nothing matches"), "{s}");
    assert!(!s.contains("0003-broken.toml"), "{s}");
}

#[test]
fn diagnostics_list_counts_and_jumps_to_the_item() {
    let dir = tempfile::tempdir().unwrap();
    hostile_workspace(dir.path());
    let mut app = open(dir.path());
    let n = app.ws.diagnostics.len();
    assert!(n >= 2, "{:?}", app.ws.diagnostics);
    let s = render(&mut app, 120, 30);
    let status = s.lines().last().unwrap();
    let errors = app.ws.error_count();
    assert!(status.contains(&format!("! {errors} errors")), "{status}");
    press(&mut app, &["!"]);
    let s = render(&mut app, 120, 30);
    assert!(s.contains("Diagnostics:"), "{s}");
    // the dangling adr:77 link belongs to adr:2: Enter on it jumps there
    let target = Reference::adr(2);
    let i = app
        .ws
        .diagnostics
        .iter()
        .position(|d| d.target.as_ref() == Some(&target))
        .expect("a diagnostic about adr:2");
    for _ in 0..i {
        press(&mut app, &["j"]);
    }
    press(&mut app, &["enter"]);
    assert!(app.popup.is_none());
    assert_eq!(app.selected_item(), Some(target));
    app.update(Action::Back);
    assert_eq!(app.tab, Tab::Flywheel);
}

#[test]
fn mono_theme_keeps_the_selection_visible_without_colour() {
    let dir = tempfile::tempdir().unwrap();
    hostile_workspace(dir.path());
    let mut app = open(dir.path());
    app.theme = wheelhouse::tui::theme::Theme::mono();
    press(&mut app, &["3"]);
    let mut t = terminal(120, 20);
    let s = draw(&mut app, &mut t);
    let buf = t.backend().buffer();
    let y = s.lines().position(|l| l.contains("Pwn")).unwrap() as u16;
    let cell = &buf[(4, y)];
    assert!(cell.modifier.contains(ratatui::style::Modifier::REVERSED));
    for c in buf.content() {
        assert_eq!(c.fg, ratatui::style::Color::Reset);
        assert_eq!(c.bg, ratatui::style::Color::Reset);
    }
}

/// Zero-width characters (issue 13, item 17) are shown like other controls in the cockpit, so
/// two titles that look alike can be told apart.
#[test]
fn zero_width_characters_are_visible_in_the_cockpit() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("decisions")).unwrap();
    std::fs::write(
        dir.path().join("wheelhouse.toml"),
        "[workspace]\nname = \"zw\"\nformat = 1\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("decisions/0001-zw.toml"),
        "[adr]\nnumber = 1\ntitle = \"pay\\u200bpal and word\\u2060joiner\"\nstatus = \"accepted\"\ncontext = \"bom\\ufeffinside\"\n",
    )
    .unwrap();
    let mut app = open(dir.path());
    press(&mut app, &["3", "enter"]);
    let mut t = terminal(160, 48);
    let s = draw(&mut app, &mut t);
    assert!(s.contains("pay<U+200B>pal and word<U+2060>joiner"), "{s}");
    assert!(s.contains("bom<U+FEFF>inside"), "{s}");
    for cell in t.backend().buffer().content() {
        assert!(
            !cell.symbol().contains(['\u{200b}', '\u{2060}', '\u{feff}']),
            "raw zero-width character in a cell"
        );
    }
}
