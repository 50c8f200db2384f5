//! Rendering the Landscape pane for a 200-component map at 200×60 into a test
//! buffer (target: under 2 ms a frame): cold (layout computed in the frame),
//! warm (layout cached, as between key presses in the app), the table view and
//! a zoomed frame; then the same map with flows and areas added (every fifth
//! link a flow, half of them labelled, one area of each kind).
//!
//! Each is measured twice: in wall-clock time (criterion's default) and in the
//! benchmark thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`), which stays
//! meaningful when the machine is shared and the thread waits for a core.

use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::hint::black_box;

use wheelhouse::tui::action::Action;
use wheelhouse::tui::panes::landscape::LandscapePane;
use wheelhouse::tui::panes::{Ctx, Pane};
use wheelhouse::tui::theme::Theme;
use wheelhouse::tui::widgets::wardley::fixtures::{generated, generated_with_flows_and_areas};
use wheelhouse::tui::widgets::wardley::layout;
use wheelhouse::workspace::links::LinkIndex;
use wheelhouse::workspace::Workspace;

/// CPU time of the calling thread, in nanoseconds.
fn thread_cpu_ns() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own; the clock id is valid on Linux.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

struct CpuTime;

struct NsFormatter;

impl ValueFormatter for NsFormatter {
    fn scale_values(&self, ns: f64, values: &mut [f64]) -> &'static str {
        let (factor, unit) = if ns < 1e3 {
            (1.0, "ns cpu")
        } else if ns < 1e6 {
            (1e-3, "µs cpu")
        } else {
            (1e-6, "ms cpu")
        };
        values.iter_mut().for_each(|v| *v *= factor);
        unit
    }
    fn scale_throughputs(&self, _: f64, _: &Throughput, _: &mut [f64]) -> &'static str {
        "unused"
    }
    fn scale_for_machines(&self, _: &mut [f64]) -> &'static str {
        "ns"
    }
}

impl Measurement for CpuTime {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        thread_cpu_ns()
    }
    fn end(&self, start: u64) -> u64 {
        thread_cpu_ns().saturating_sub(start)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &NsFormatter
    }
}

fn frames<M: Measurement + 'static>(c: &mut Criterion<M>, suffix: &str) {
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

    c.bench_function(
        &format!("landscape/layout 200 components 200x60{suffix}"),
        |b| b.iter(|| black_box(layout(&ws.maps[0], 200, 60))),
    );

    c.bench_function(&format!("landscape/frame cold 200x60{suffix}"), |b| {
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
    c.bench_function(&format!("landscape/frame warm 200x60{suffix}"), |b| {
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

    let mut ws = Workspace::default();
    ws.maps.push(generated_with_flows_and_areas(200, 42));
    let links = LinkIndex::build(&ws);
    let ctx = Ctx {
        ws: &ws,
        links: &links,
        theme: &theme,
    };
    c.bench_function(
        &format!("landscape/layout flows+areas 200x60{suffix}"),
        |b| b.iter(|| black_box(layout(&ws.maps[0], 200, 60))),
    );
    c.bench_function(
        &format!("landscape/frame cold flows+areas 200x60{suffix}"),
        |b| {
            b.iter(|| {
                let mut pane = LandscapePane::new(&ws);
                let mut buf = Buffer::empty(area);
                pane.render(area, &mut buf, &ctx);
                black_box(buf);
            })
        },
    );
    let mut pane = LandscapePane::new(&ws);
    pane.render(area, &mut Buffer::empty(area), &ctx);
    c.bench_function(
        &format!("landscape/frame warm flows+areas 200x60{suffix}"),
        |b| {
            b.iter(|| {
                pane.update(&Action::Down, &ctx);
                let mut buf = Buffer::empty(area);
                pane.render(area, &mut buf, &ctx);
                black_box(buf);
            })
        },
    );
}

fn wall(c: &mut Criterion) {
    frames(c, "");
}

fn cpu(c: &mut Criterion<CpuTime>) {
    frames(c, " (cpu)");
}

criterion_group!(wall_clock, wall);
criterion_group! {
    name = cpu_time;
    config = Criterion::default().with_measurement(CpuTime);
    targets = cpu
}
criterion_main!(wall_clock, cpu_time);
