//! The edit engine on a 200-component map (targets from the issue "The cockpit edits"):
//! - a move-mode step in the cockpit: the preview in the model plus a whole redraw at
//!   100×30 (target under 2 ms);
//! - committing one edit: planning it (read, check, toml_edit) alone, then plan + atomic
//!   write with its fsyncs (target under 5 ms; the difference is the write and fsync);
//! - undo against do, with 1,000 edits in the history (no undo slower than its do).
//!
//! Run: `cargo bench --bench edit -- --warm-up-time 1 --measurement-time 3`

#[path = "support/cpu_time.rs"]
mod cpu_time;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use cpu_time::ThreadCpu;
use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use wheelhouse::interop::owm::to_toml;
use wheelhouse::tui::action::Action;
use wheelhouse::tui::app::App;
use wheelhouse::tui::keymap::Keymap;
use wheelhouse::tui::tab::Tab;
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
    app.update(Action::GoTab(Tab::Landscape));
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

/// A session with 1,000 edits in its history, and the do/undo of one more edit timed apart,
/// in wall-clock time (`which` = 0 do, 1 undo) and in the thread's CPU time (2 do, 3 undo).
struct UndoSession {
    _tmp: tempfile::TempDir,
    ws: Workspace,
    history: History,
    comp: String,
    i: usize,
}

impl UndoSession {
    fn new() -> UndoSession {
        let tmp = tempfile::tempdir().unwrap();
        let mut ws = workspace(tmp.path(), 200);
        let comp = first_component(&ws);
        let mut s = UndoSession {
            _tmp: tmp,
            ws: Workspace::default(),
            history: History::default(),
            comp,
            i: 0,
        };
        // the history is filled at visibility 0.5; the timed edits move to 0.25, so each one
        // changes the file (an edit that changes nothing is not recorded)
        for i in 0..1000 {
            let plan = edit::apply(&ws, &s.op(i, 0.5)).unwrap();
            s.history.record(plan);
            ws = ws.reload();
        }
        s.ws = ws;
        s
    }

    fn op(&self, i: usize, visibility: f64) -> Op {
        Op::Map(MapOp::MoveComponent {
            map: "big".into(),
            component: self.comp.clone(),
            visibility,
            evolution: (i % 100) as f64 / 100.0,
        })
    }

    /// Runs `iters` do/undo pairs; the total of the side asked for, in nanoseconds.
    fn run(&mut self, iters: u64, which: usize) -> u64 {
        let mut totals = [0u64; 4];
        let root = self.ws.root.clone();
        for _ in 0..iters {
            self.i += 1;
            let op = self.op(self.i, 0.25);
            let (t, c) = (Instant::now(), cpu_time::thread_ns());
            self.history.record(edit::apply(&self.ws, &op).unwrap());
            totals[0] += t.elapsed().as_nanos() as u64;
            totals[2] += cpu_time::thread_ns() - c;
            let (t, c) = (Instant::now(), cpu_time::thread_ns());
            self.history.undo(&root).unwrap();
            totals[1] += t.elapsed().as_nanos() as u64;
            totals[3] += cpu_time::thread_ns() - c;
        }
        totals[which]
    }
}

fn undo_against_do(c: &mut Criterion) {
    let mut s = UndoSession::new();
    c.bench_function("edit/do one edit (history of 1,000)", |b| {
        b.iter_custom(|iters| Duration::from_nanos(s.run(iters, 0)))
    });
    c.bench_function("edit/undo one edit (history of 1,000)", |b| {
        b.iter_custom(|iters| Duration::from_nanos(s.run(iters, 1)))
    });
}

fn undo_against_do_cpu(c: &mut Criterion<ThreadCpu>) {
    let mut s = UndoSession::new();
    c.bench_function("edit/cpu/do one edit (history of 1,000)", |b| {
        b.iter_custom(|iters| s.run(iters, 2))
    });
    c.bench_function("edit/cpu/undo one edit (history of 1,000)", |b| {
        b.iter_custom(|iters| s.run(iters, 3))
    });
}

criterion_group!(benches, move_step, commit, undo_against_do);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(ThreadCpu);
    targets = undo_against_do_cpu
}
criterion_main!(benches, cpu);
