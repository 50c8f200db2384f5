//! What the 16-colour rewrite (`tui::ansi16`, on for TERM=linux, vt100, xterm) adds to a frame:
//! the sample's Flywheel drawn whole through crossterm's backend into memory, with the rewrite
//! off and on, at 80×24 and at 253×76 (10× the cells).
//! Run: `cargo bench --bench ansi16 -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::backend::CrosstermBackend;
use ratatui::{Terminal, TerminalOptions, Viewport};
use wheelhouse::tui::ansi16::Ansi16;
use wheelhouse::tui::app::App;
use wheelhouse::tui::keymap::Keymap;
use wheelhouse::tui::theme::Theme;
use wheelhouse::workspace::Workspace;

fn bench(c: &mut Criterion) {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let ws = Workspace::open(&sample).expect("the sample opens");
    let mut app = App::new(ws, Theme::default(), Keymap::default_keymap());
    let mut group = c.benchmark_group("ansi16");
    for (w, h) in [(80u16, 24u16), (253, 76)] {
        for rewrite in [false, true] {
            let name = format!(
                "frame_{w}x{h}_{}",
                if rewrite { "rewritten" } else { "as_is" }
            );
            group.bench_function(name, |b| {
                b.iter(|| {
                    let backend = CrosstermBackend::new(Ansi16::new(std::io::sink(), rewrite));
                    let viewport = Viewport::Fixed(ratatui::layout::Rect::new(0, 0, w, h));
                    let mut term = Terminal::with_options(backend, TerminalOptions { viewport })
                        .expect("terminal");
                    term.draw(|f| {
                        let area = f.area();
                        app.render(area, f.buffer_mut())
                    })
                    .expect("draw");
                    black_box(term);
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
