//! Cockpit speed: the Decisions pane of a 10,000-ADR workspace at 200×60, filtering those
//! 10,000 records on each kind of keystroke, and the time to the first frame on the sample.
//! Run: `cargo bench --bench tui -- --warm-up-time 1 --measurement-time 3`
//! The keystroke is also measured in the process's CPU time (`cpu/…`, every thread).

#[path = "support/cpu_time.rs"]
mod cpu_time;

// The allocator `wh` runs with (src/main.rs): measured with glibc's instead, a keystroke pays
// for hundreds of page faults a time as glibc maps and unmaps its large vectors.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::path::Path;

use cpu_time::ProcessCpu;
use criterion::measurement::Measurement;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use wheelhouse::tui::action::Action;
use wheelhouse::tui::app::App;
use wheelhouse::tui::keymap::Keymap;
use wheelhouse::tui::panes::decisions::DecisionsPane;
use wheelhouse::tui::panes::{Ctx, Pane};
use wheelhouse::tui::tab::Tab;
use wheelhouse::tui::theme::Theme;
use wheelhouse::workspace::links::LinkIndex;
use wheelhouse::workspace::{Adr, AdrOption, AdrSource, AdrStatus, Origin, Reference, Workspace};

const WORDS: [&str; 16] = [
    "serverless",
    "cache",
    "queue",
    "postgres",
    "kubernetes",
    "gateway",
    "events",
    "search",
    "billing",
    "members",
    "digest",
    "offers",
    "metrics",
    "tracing",
    "storage",
    "auth",
];

/// 10,000 records with realistic bodies, links and supersede chains.
fn big_workspace(n: u32) -> Workspace {
    let mut ws = Workspace::default();
    ws.meta.name = "bench".into();
    for i in 1..=n {
        let w = |k: u32| WORDS[((i * 7 + k * 13) % 16) as usize];
        let status = AdrStatus::LIFECYCLE[(i % 5) as usize];
        ws.decisions.push(Adr {
            number: i,
            title: format!("Use {} for {} in the {} service", w(1), w(2), w(3)),
            status,
            status_text: None,
            date: Some(format!("20{:02}-{:02}-{:02}", 10 + i % 15, 1 + i % 12, 1 + i % 28)),
            deciders: vec!["Platform team".into()],
            tags: vec![w(4).into(), w(5).into()],
            supersedes: if i > 1 && i % 10 == 0 { vec![Reference::adr(i - 1)] } else { vec![] },
            superseded_by: if i % 10 == 9 { vec![Reference::adr(i + 1)] } else { vec![] },
            links: vec![Reference::adr(1 + (i * 31) % n)],
            link_verbs: vec![],
            quality_attributes: vec!["performance".into()],
            context: format!(
                "## Problem\n\nThe {} path is **slow** under load; see `{}`.\n\n- one\n- two\n  - nested {}\n",
                w(6), w(7), w(8)
            )
            .repeat(3),
            drivers: "- latency\n- cost\n".into(),
            decision: format!("We use *{}*.\n\n```\nconfig = {}\n```\n", w(1), w(9)),
            consequences: "Good, because faster. Bad, because one more moving part.".into(),
            options: vec![
                AdrOption {
                    name: w(1).into(),
                    chosen: true,
                    description: "The chosen one.".into(),
                    pros: vec!["fast".into()],
                    cons: vec!["new".into()],
                },
                AdrOption {
                    name: w(10).into(),
                    chosen: false,
                    description: String::new(),
                    pros: vec!["known".into()],
                    cons: vec!["slow".into(), "costly".into()],
                },
            ],
            extra_sections: vec![],
            slug: None,
            source: AdrSource::Toml,
            origin: Origin::default(),
        });
    }
    ws
}

fn decisions(c: &mut Criterion) {
    let ws = big_workspace(10_000);
    let mut app = App::new(ws.clone(), Theme::default(), Keymap::default_keymap());
    app.update(Action::GoTab(Tab::Decisions));
    let area = Rect::new(0, 0, 200, 60);
    let mut buf = Buffer::empty(area);
    c.bench_function("decisions_10k_render_200x60", |b| {
        b.iter(|| {
            buf.reset();
            app.render(area, &mut buf);
            black_box(&buf);
        })
    });
    // a new selection each frame: the detail is rebuilt (markdown, chain, links, backlinks)
    c.bench_function("decisions_10k_move_and_render_200x60", |b| {
        let mut down = true;
        b.iter(|| {
            app.update(if down { Action::Down } else { Action::Up });
            down = !down;
            buf.reset();
            app.render(area, &mut buf);
            black_box(&buf);
        })
    });

    // every kind of keystroke in the `/` filter, each over all 10,000 records (every generated
    // title holds "service", so narrowing never shrinks the list)
    for (name, before, key) in KEYSTROKES {
        keystroke(c, &ws, name, before, key);
    }
}

/// Keystrokes measured: the benchmark id, the query typed before, and the key.
const KEYSTROKES: [(&str, &str, Action); 7] = [
    ("decisions_10k_filter_keystroke", "ser", Action::Input('v')),
    (
        "decisions_10k_filter_first_keystroke",
        "",
        Action::Input('s'),
    ),
    // the second letter: the first `s` of most bodies is not followed by `e`, so most
    // bodies are searched on from there (the slowest letter of `serv cache`, typed key by key)
    (
        "decisions_10k_filter_second_letter",
        "s",
        Action::Input('e'),
    ),
    ("decisions_10k_filter_erase", "serv", Action::DeleteChar),
    ("decisions_10k_filter_space", "serv", Action::Input(' ')),
    // a new word's first letter: new memos, and every body searched for it
    ("decisions_10k_filter_new_word", "serv ", Action::Input('c')),
    (
        "decisions_10k_filter_second_word",
        "serv ca",
        Action::Input('c'),
    ),
];

fn decisions_cpu(c: &mut Criterion<ProcessCpu>) {
    let ws = big_workspace(10_000);
    for (name, before, key) in KEYSTROKES {
        keystroke(c, &ws, &format!("cpu/{name}"), before, key);
    }
}

/// One keystroke `key` in the `/` filter of a new Decisions pane, after typing `before` (as a
/// user does: one key at a time, so what the filter remembers is what typing leaves).
fn keystroke<M: Measurement + 'static>(
    c: &mut Criterion<M>,
    ws: &Workspace,
    name: &str,
    before: &str,
    key: Action,
) {
    let links = LinkIndex::build(ws);
    let theme = Theme::default();
    let ctx = Ctx {
        ws,
        links: &links,
        theme: &theme,
    };
    c.bench_function(name, |b| {
        b.iter_batched_ref(
            || {
                let mut p = DecisionsPane::new(ws);
                p.update(&Action::Filter, &ctx);
                for ch in before.chars() {
                    p.update(&Action::Input(ch), &ctx);
                }
                p
            },
            |p| {
                p.update(&key, &ctx);
                black_box(p.visible_len());
            },
            BatchSize::LargeInput,
        )
    });
}

fn first_frame(c: &mut Criterion) {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let area = Rect::new(0, 0, 80, 24);
    // what `wh` does before its first frame: find and load the workspace, build the app, draw
    c.bench_function("first_frame_sample_80x24", |b| {
        b.iter(|| {
            let ws = Workspace::open(&sample).expect("sample opens");
            let mut app = App::new(ws, Theme::default(), Keymap::default_keymap());
            let mut buf = Buffer::empty(area);
            app.render(area, &mut buf);
            black_box(buf);
        })
    });
}

criterion_group!(benches, decisions, first_frame);
criterion_group! {
    name = cpu_time;
    config = Criterion::default().with_measurement(ProcessCpu);
    targets = decisions_cpu
}
criterion_main!(benches, cpu_time);
