//! The edit engine on a 200-component map (targets from the issue "The cockpit edits"):
//! - a move-mode step in the cockpit: the preview in the model plus a whole redraw at
//!   100×30 (target under 2 ms);
//! - committing one edit: planning it (read, check, toml_edit) alone, then plan + atomic
//!   write with its fsyncs (target under 5 ms; the difference is the write and fsync);
//! - undo against do, with 1,000 edits in the history (no undo slower than its do).
//!
//! Run: `cargo bench --bench edit -- --warm-up-time 1 --measurement-time 3`

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use wheelhouse::interop::owm::to_toml;
use wheelhouse::tui::action::Action;
use wheelhouse::tui::app::App;
use wheelhouse::tui::keymap::Keymap;
use wheelhouse::tui::theme::Theme;
use wheelhouse::tui::widgets::wardley::fixtures::generated;
use wheelhouse::workspace::edit::{self, History, MapOp, Op};
use wheelhouse::workspace::{writer, Workspace};

/// A workspace with one map of `n` generated components, written to `dir`.
fn workspace(dir: &Path, n: usize) -> Workspace {
    std::fs::create_dir_all(dir.join("maps")).unwrap();
    std::fs::write(
        dir.join("wheelhouse.toml"),
        "[workspace]\nname = \"bench\"\n",
    )
    .unwrap();
    let mut map = generated(n, 42);
    map.id = "big".into();
    std::fs::write(dir.join("maps/big.toml"), to_toml(&map)).unwrap();
    Workspace::open(dir).unwrap()
}

fn first_component(ws: &Workspace) -> String {
    ws.map("big").unwrap().components[0].id.clone()
}

fn move_step(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    let ws = workspace(tmp.path(), 200);
    let mut app = App::new(ws, Theme::default(), Keymap::default_keymap());
    app.update(Action::GoTab(3));
    app.update(Action::MoveMode);
    let area = Rect::new(0, 0, 100, 30);
    let mut right = true;
    c.bench_function(
        "edit/move step, preview + redraw 100x30 (200 components)",
        |b| {
            b.iter(|| {
                app.update(if right { Action::Right } else { Action::Left });
                right = !right;
                let mut buf = Buffer::empty(area);
                app.render(area, &mut buf);
                black_box(buf);
            })
        },
    );
}

fn commit(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = workspace(tmp.path(), 200);
    let comp = first_component(&ws);
    let file = ws.map("big").unwrap().file;
    let mut step = 0u32;
    let mut next_op = || {
        step += 1;
        Op::Map(MapOp::MoveComponent {
            map: "big".into(),
            component: comp.clone(),
            visibility: 0.5,
            evolution: f64::from(step % 100) / 100.0,
        })
    };
    c.bench_function("edit/plan one edit (200 components)", |b| {
        b.iter(|| black_box(edit::plan(&ws, &next_op()).unwrap()))
    });
    c.bench_function(
        "edit/commit one edit: plan + write + fsync (200 components)",
        |b| {
            b.iter(|| {
                let plan = edit::plan(&ws, &next_op()).unwrap();
                let hashes = writer::commit(&ws.root, &plan.patch).unwrap();
                // what the cockpit's reload would learn: the file now has the new text
                if let Some((_, Some(h))) = hashes.first() {
                    ws.files[file].hash = *h;
                }
            })
        },
    );
}

/// Do and undo timed apart, with 1,000 edits already in the history.
fn undo_against_do(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = workspace(tmp.path(), 200);
    let comp = first_component(&ws);
    let mut history = History::default();
    // the history is filled at visibility 0.5; the timed edits move to 0.25, so each one
    // changes the file (an edit that changes nothing is not recorded)
    let op = |i: usize, visibility: f64| {
        Op::Map(MapOp::MoveComponent {
            map: "big".into(),
            component: comp.clone(),
            visibility,
            evolution: (i % 100) as f64 / 100.0,
        })
    };
    for i in 0..1000 {
        history.record(edit::apply(&ws, &op(i, 0.5)).unwrap());
        ws = ws.reload();
    }
    let root = ws.root.clone();
    let (mut done, mut undone) = (Duration::ZERO, Duration::ZERO);
    let mut i = 0;
    let mut run = |iters: u64, which: bool| {
        for _ in 0..iters {
            i += 1;
            let t = Instant::now();
            history.record(edit::apply(&ws, &op(i, 0.25)).unwrap());
            done += t.elapsed();
            let t = Instant::now();
            history.undo(&root).unwrap();
            undone += t.elapsed();
        }
        let out = if which { done } else { undone };
        done = Duration::ZERO;
        undone = Duration::ZERO;
        out
    };
    c.bench_function("edit/do one edit (history of 1,000)", |b| {
        b.iter_custom(|iters| run(iters, true))
    });
    c.bench_function("edit/undo one edit (history of 1,000)", |b| {
        b.iter_custom(|iters| run(iters, false))
    });
}

criterion_group!(benches, move_step, commit, undo_against_do);
criterion_main!(benches);
