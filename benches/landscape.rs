//! Rendering the Landscape pane for a 200-component map at 200×60 into a test
//! buffer (target: under 2 ms a frame): cold (layout computed in the frame),
//! warm (layout cached, as between key presses in the app), the table view and
//! a zoomed frame; then the same map with flows and areas added (every fifth
//! link a flow, half of them labelled, one area of each kind).
//!
//! Each is measured twice: in wall-clock time (criterion's default) and in the
//! benchmark thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`), which stays
//! meaningful when the machine is shared and the thread waits for a core.

use criterion::measurement::Measurement;
use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::hint::black_box;

#[path = "support/cpu_time.rs"]
mod cpu_time;
use cpu_time::ThreadCpu;

use wheelhouse::tui::action::Action;
use wheelhouse::tui::panes::landscape::LandscapePane;
use wheelhouse::tui::panes::{Ctx, Pane};
use wheelhouse::tui::theme::Theme;
use wheelhouse::tui::widgets::wardley::fixtures::{generated, generated_with_flows_and_areas};
use wheelhouse::tui::widgets::wardley::layout;
use wheelhouse::workspace::links::LinkIndex;
use wheelhouse::workspace::{WardleyMap, Workspace};

/// Layout, cold frame and warm frame of one map; `what` names the map in the layout
/// benchmark, `tag` in the frame ones (the ids stay those the README quotes).
fn layout_cold_warm<M: Measurement + 'static>(
    c: &mut Criterion<M>,
    map: WardleyMap,
    (what, tag, suffix): (&str, &str, &str),
) {
    let mut ws = Workspace::default();
    ws.maps.push(map);
    let links = LinkIndex::build(&ws);
    let theme = Theme::default();
    let ctx = Ctx {
        ws: &ws,
        links: &links,
        theme: &theme,
    };
    let area = Rect::new(0, 0, 200, 60);

    c.bench_function(&format!("landscape/layout {what} 200x60{suffix}"), |b| {
        b.iter(|| black_box(layout(&ws.maps[0], 200, 60)))
    });
    c.bench_function(&format!("landscape/frame cold{tag} 200x60{suffix}"), |b| {
        b.iter(|| {
            // a fresh pane each time: the layout is computed in the frame
            let mut pane = LandscapePane::new(&ws);
            let mut buf = Buffer::empty(area);
            pane.render(area, &mut buf, &ctx);
            black_box(buf);
        })
    });
    let mut pane = LandscapePane::new(&ws);
    pane.render(area, &mut Buffer::empty(area), &ctx);
    c.bench_function(&format!("landscape/frame warm{tag} 200x60{suffix}"), |b| {
        b.iter(|| {
            // a key press moves the selection; the layout stays cached
            pane.update(&Action::Down, &ctx);
            let mut buf = Buffer::empty(area);
            pane.render(area, &mut buf, &ctx);
            black_box(buf);
        })
    });
}

fn frames<M: Measurement + 'static>(c: &mut Criterion<M>, suffix: &str) {
    layout_cold_warm(c, generated(200, 42), ("200 components", "", suffix));

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

    let mut table = LandscapePane::new(&ws);
    table.update(&Action::ToggleView, &ctx);
    c.bench_function(&format!("landscape/table 200x60{suffix}"), |b| {
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
    c.bench_function(
        &format!("landscape/frame warm zoom 3x 200x60{suffix}"),
        |b| {
            b.iter(|| {
                zoomed.update(&Action::Right, &ctx);
                let mut buf = Buffer::empty(area);
                zoomed.render(area, &mut buf, &ctx);
                black_box(buf);
            })
        },
    );

    layout_cold_warm(
        c,
        generated_with_flows_and_areas(200, 42),
        ("flows+areas", " flows+areas", suffix),
    );
}

fn wall(c: &mut Criterion) {
    frames(c, "");
}

fn cpu(c: &mut Criterion<ThreadCpu>) {
    frames(c, " (cpu)");
}

criterion_group!(wall_clock, wall);
criterion_group! {
    name = thread_cpu;
    config = Criterion::default().with_measurement(ThreadCpu);
    targets = cpu
}
criterion_main!(wall_clock, thread_cpu);
