//! Rendering the Landscape pane for a 200-component map at 200×60 into a test
//! buffer (target: under 2 ms a frame), cold (layout computed) and warm (layout
//! cached, as in the app between key presses), plus the table view and a
//! zoomed frame.

use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::hint::black_box;

use wheelhouse::tui::action::Action;
use wheelhouse::tui::panes::landscape::LandscapePane;
use wheelhouse::tui::panes::{Ctx, Pane};
use wheelhouse::tui::theme::Theme;
use wheelhouse::tui::widgets::wardley::fixtures::generated;
use wheelhouse::tui::widgets::wardley::layout;
use wheelhouse::workspace::links::LinkIndex;
use wheelhouse::workspace::Workspace;

fn bench(c: &mut Criterion) {
    let mut ws = Workspace::default();
    ws.maps.push(generated(200, 42));
    let links = LinkIndex::build(&ws);
    let theme = Theme::default();
    let ctx = Ctx {
        ws: &ws,
        links: &links,
        theme: &theme,
    };
    let area = Rect::new(0, 0, 200, 60);

    c.bench_function("landscape/layout 200 components 200x60", |b| {
        b.iter(|| black_box(layout(&ws.maps[0], 200, 60)))
    });

    c.bench_function("landscape/frame cold 200 components 200x60", |b| {
        b.iter(|| {
            // a fresh pane each time: the layout is computed in the frame
            let mut pane = LandscapePane::new(&ws);
            let mut buf = Buffer::empty(area);
            pane.render(area, &mut buf, &ctx);
            black_box(buf);
        })
    });

    let mut pane = LandscapePane::new(&ws);
    let mut buf = Buffer::empty(area);
    pane.render(area, &mut buf, &ctx);
    c.bench_function("landscape/frame warm 200 components 200x60", |b| {
        b.iter(|| {
            // a key press moves the selection; the layout stays cached
            pane.update(&Action::Down, &ctx);
            let mut buf = Buffer::empty(area);
            pane.render(area, &mut buf, &ctx);
            black_box(buf);
        })
    });

    let mut table = LandscapePane::new(&ws);
    table.update(&Action::ToggleView, &ctx);
    c.bench_function("landscape/table 200 components 200x60", |b| {
        b.iter(|| {
            table.update(&Action::Down, &ctx);
            let mut buf = Buffer::empty(area);
            table.render(area, &mut buf, &ctx);
            black_box(buf);
        })
    });

    let mut zoomed = LandscapePane::new(&ws);
    zoomed.render(area, &mut Buffer::empty(area), &ctx);
    for _ in 0..3 {
        zoomed.update(&Action::ZoomIn, &ctx);
    }
    c.bench_function("landscape/frame warm zoom 3x 200x60", |b| {
        b.iter(|| {
            zoomed.update(&Action::Right, &ctx);
            let mut buf = Buffer::empty(area);
            zoomed.render(area, &mut buf, &ctx);
            black_box(buf);
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
