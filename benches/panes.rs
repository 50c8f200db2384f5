//! Rendering the Flywheel and Impact map panes at 200×60 into a buffer: the
//! sample workspace, and a large one (the sample with every list ×25: 175
//! metrics, 25 value streams of 6 steps, 225 scenarios, an impact map of
//! 125 actors, 175 impacts and 275 deliverables).

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use wheelhouse::tui::action::Action;
use wheelhouse::tui::panes::flywheel::FlywheelPane;
use wheelhouse::tui::panes::impact::ImpactPane;
use wheelhouse::tui::panes::{Ctx, Pane};
use wheelhouse::tui::theme::Theme;
use wheelhouse::workspace::links::LinkIndex;
use wheelhouse::workspace::Workspace;

const COPIES: usize = 25;

fn sample() -> Workspace {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    Workspace::open(&root).expect("sample opens")
}

/// Every list of the sample repeated, ids suffixed so they stay distinct.
fn large() -> Workspace {
    let mut ws = sample();
    let base = ws.clone();
    for k in 1..COPIES {
        ws.metrics.extend(base.metrics.iter().cloned().map(|mut m| {
            m.id = format!("{}-{k}", m.id);
            m
        }));
        ws.value_streams
            .extend(base.value_streams.iter().cloned().map(|mut v| {
                v.id = format!("{}-{k}", v.id);
                v
            }));
        ws.scenarios
            .extend(base.scenarios.iter().cloned().map(|mut s| {
                s.id = format!("{}-{k}", s.id);
                s.attribute = format!("{} {}", s.attribute, k % 5);
                s
            }));
        let map = &base.impact_maps[0];
        let big = &mut ws.impact_maps[0];
        big.actors.extend(map.actors.iter().cloned().map(|mut a| {
            a.id = format!("{}-{k}", a.id);
            a
        }));
        big.impacts.extend(map.impacts.iter().cloned().map(|mut i| {
            i.id = format!("{}-{k}", i.id);
            i.actor = format!("{}-{k}", i.actor);
            i
        }));
        big.deliverables
            .extend(map.deliverables.iter().cloned().map(|mut d| {
                d.id = format!("{}-{k}", d.id);
                d.impacts = d.impacts.iter().map(|i| format!("{i}-{k}")).collect();
                d
            }));
    }
    ws
}

fn render(pane: &mut dyn Pane, ctx: &Ctx, buf: &mut Buffer) {
    buf.reset();
    let area = buf.area;
    pane.render(area, buf, ctx);
}

fn bench(c: &mut Criterion) {
    let theme = Theme::default();
    for (label, ws) in [("sample", sample()), ("large", large())] {
        let links = LinkIndex::build(&ws);
        let ctx = Ctx {
            ws: &ws,
            links: &links,
            theme: &theme,
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 200, 60));
        let mut fw = FlywheelPane::new(&ws);
        for phase in ["clarity", "challenge", "next-action", "long-term"] {
            c.bench_function(&format!("flywheel {phase} {label} 200x60"), |b| {
                b.iter(|| render(&mut fw, &ctx, &mut buf))
            });
            fw.update(&Action::Down, &ctx);
        }
        // Detail focused, so the selection is laid out and scrolled to.
        fw.update(&Action::FocusNext, &ctx);
        fw.update(&Action::Bottom, &ctx);
        c.bench_function(&format!("flywheel long-term focused {label} 200x60"), |b| {
            b.iter(|| render(&mut fw, &ctx, &mut buf))
        });
        c.bench_function(&format!("flywheel keystroke {label}"), |b| {
            b.iter(|| {
                fw.update(&Action::Up, &ctx);
                fw.update(&Action::Down, &ctx)
            })
        });
        let mut im = ImpactPane::new(&ws);
        im.update(&Action::Bottom, &ctx);
        c.bench_function(&format!("impact {label} 200x60"), |b| {
            b.iter(|| render(&mut im, &ctx, &mut buf))
        });
        c.bench_function(&format!("impact keystroke {label}"), |b| {
            b.iter(|| {
                im.update(&Action::Up, &ctx);
                im.update(&Action::Down, &ctx)
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
