//! The real `wh` binary in a real terminal: tmux on a private socket at a fixed size,
//! keys sent with `send-keys`, the screen read with `capture-pane`, polling on
//! conditions (never fixed sleeps). Skipped, with a note, when tmux is missing
//! (`.ci/run` installs it).

use crate::support::sample_dir as sample;
use std::io::Write as _;

use crate::support::tmux::{shell_quote, Tmux};
use crate::support::{self, adr_tools};
use std::path::{Path, PathBuf};
use std::process::Command;

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

#[test]
fn every_pane_shows_the_sample() {
    let sample = sample();
    let Some(t) = Tmux::start(&["-C", &sample.to_string_lossy()], 100, 30) else {
        return;
    };
    // the status bar names the workspace
    let s = t.wait_for("Lotus Members Club");
    assert!(first_line(&s).contains("1 Flywheel"), "{s}");
    t.wait_for("Clarity of Purpose");
    t.keys(&["2"]);
    t.wait_for("Raise the number of active members");
    t.keys(&["3"]);
    let s = t.wait_for("Record architecture decisions");
    assert!(s.contains("Decisions 10/10"), "{s}");
    assert!(s.contains("Host page rendering"), "{s}");
    t.keys(&["4"]);
    t.wait("a Wardley map", |s| {
        s.contains("Genesis") && (s.contains("Members club market") || s.contains("Serving"))
    });
    // Tab wraps to the first pane, Shift-Tab back to the last
    t.keys(&["Tab"]);
    t.wait_for("Clarity of Purpose");
    t.keys(&["BTab"]);
    t.wait_for("Genesis");
    t.keys(&["?"]);
    t.wait_for("Help: keys");
    t.keys(&["Escape"]);
    t.wait("help closed", |s| !s.contains("Help: keys"));
    t.keys(&["!"]);
    t.wait_for("Diagnostics:");
    t.keys(&["Escape"]);
    t.wait("diagnostics closed", |s| !s.contains("Diagnostics:"));
    t.keys(&["q"]);
    t.wait_for("wh exited 0");
}

#[test]
fn filter_narrows_and_enter_follows_a_link() {
    let sample = sample();
    let Some(t) = Tmux::start(&["-C", &sample.to_string_lossy()], 100, 30) else {
        return;
    };
    t.wait_for("Flywheel");
    t.keys(&["3", "/"]);
    t.wait_for("Decisions 10/10");
    t.text("kubernetes");
    let s = t.wait_for("Decisions 2/10");
    assert!(s.contains("Containerise rendering"), "{s}");
    assert!(!s.contains("Record architecture decisions"), "{s}");
    // Enter accepts the filter and opens ADR 3 (the top hit); Enter again follows its first link (ADR 2)
    t.keys(&["Enter"]);
    t.wait_for("ADR-0003");
    t.keys(&["Enter"]);
    let s = t.wait_for("ADR-0002");
    assert!(s.contains("Host page rendering on EC2 instances"), "{s}");
    // back along the history
    t.keys(&["BSpace"]);
    t.wait_for("ADR-0003");
    // the finder jumps across panes: a component lands in the Landscape
    t.keys(&["C-k"]);
    t.wait_for("Find anything");
    t.text("content distribution");
    t.wait_for("map:serving/cdn");
    t.keys(&["Enter"]);
    t.wait("the Landscape showing the CDN", |s| {
        !s.contains("Find anything") && s.contains("Content Distribution") && s.contains("Genesis")
    });
    t.keys(&["C-c"]);
    t.wait_for("wh exited 0");
}

#[test]
fn resize_keeps_it_whole_and_q_leaves_the_terminal_clean() {
    let sample = sample();
    let Some(t) = Tmux::start(&["-C", &sample.to_string_lossy()], 100, 30) else {
        return;
    };
    t.wait_for("Flywheel");
    t.keys(&["3"]);
    t.wait_for("Decisions 10/10");
    assert_eq!(
        t.format("#{alternate_on}"),
        "1",
        "runs in the alternate screen"
    );
    t.resize(80, 24);
    let s = t.wait("an 80-column frame", |s| {
        s.lines().count() >= 23
            && s.lines()
                .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80)
            && s.contains("Decisions 10/10")
    });
    assert!(first_line(&s).contains("4 Landscape"), "{s}");
    t.resize(20, 5);
    t.wait_for("enlarge the");
    t.resize(60, 15);
    t.wait("a compact frame", |s| {
        s.contains("Decisions 10/10") && !s.contains("enlarge")
    });
    t.resize(100, 30);
    t.wait_for("Decisions 10/10");
    t.keys(&["q"]);
    let s = t.wait_for("wh exited 0");
    assert!(
        !s.contains("Decisions 10/10"),
        "the cockpit's screen is gone: {s}"
    );
    assert_eq!(t.format("#{alternate_on}"), "0", "alternate screen left");
    assert_eq!(t.format("#{cursor_flag}"), "1", "cursor shown again");
    assert_eq!(t.format("#{mouse_any_flag}"), "0", "mouse capture off");
    assert_eq!(t.format("#{keypad_flag}"), "0");
}

#[test]
fn ctrl_z_gives_the_shell_back_and_fg_redraws() {
    let sample = sample();
    let Some(t) = Tmux::start_shell(100, 30, &[]) else {
        return;
    };
    // capture-pane drops trailing blanks: the prompt reads `$`
    t.wait("the prompt", |s| s.lines().any(|l| l == "$"));
    t.text(&format!(
        "\"$WH\" -C {}",
        shell_quote(&sample.to_string_lossy())
    ));
    t.keys(&["Enter"]);
    t.wait_for("Lotus Members Club");
    t.keys(&["3"]);
    t.wait_for("Decisions 10/10");
    t.keys(&["C-z"]);
    let s = t.wait("the shell's job report", |s| s.contains("Stopped"));
    assert!(
        !s.contains("Decisions 10/10"),
        "the cockpit's screen is gone: {s}"
    );
    assert_eq!(t.format("#{alternate_on}"), "0", "alternate screen left");
    assert_eq!(t.format("#{cursor_flag}"), "1", "cursor shown");
    assert_eq!(t.format("#{mouse_any_flag}"), "0", "mouse capture off");
    // the shell works: what is typed is echoed, not swallowed by raw mode
    t.text("echo still-here");
    t.keys(&["Enter"]);
    t.wait("the echo", |s| s.matches("still-here").count() >= 2);
    t.text("fg");
    t.keys(&["Enter"]);
    // the whole frame comes back, on the pane it was left on
    let s = t.wait_for("Decisions 10/10");
    assert!(first_line(&s).contains("1 Flywheel"), "{s}");
    assert_eq!(
        t.format("#{alternate_on}"),
        "1",
        "back in the alternate screen"
    );
    t.keys(&["q"]);
    t.wait("the shell again", |s| !s.contains("Decisions 10/10"));
    // `$?` after `fg` is the resumed job's exit status
    t.text("echo \"wh exited $?\"");
    t.keys(&["Enter"]);
    t.wait_for("wh exited 0");
    assert_eq!(t.format("#{alternate_on}"), "0");
}

/// `target/<profile>/examples/tui_panic`, built by `cargo test` beside this test binary.
fn panic_example() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let profile_dir = exe.parent()?.parent()?;
    let path = profile_dir.join("examples").join("tui_panic");
    path.exists().then_some(path)
}

#[test]
fn a_panic_gives_the_terminal_back_before_the_message() {
    let Some(example) = panic_example() else {
        let _ = writeln!(
            std::io::stderr(),
            "note: examples/tui_panic is not built; skipping (cargo test builds it)"
        );
        return;
    };
    let cmd = |_: &str| {
        format!(
            "env TERM=xterm-256color RUST_BACKTRACE=0 {}; echo \"exited $?\"; sleep 60",
            shell_quote(&example.to_string_lossy())
        )
    };
    let Some(t) = Tmux::start_command(cmd, 100, 30) else {
        return;
    };
    t.wait("the alternate screen", |_| {
        t.format("#{alternate_on}") == "1"
    });
    let s = t.wait_for("exited 101");
    assert!(s.contains("deliberate panic (tui_panic example)"), "{s}");
    // raw mode is off before the message: each line starts at the left edge (no staircase)
    let line = s
        .lines()
        .find(|l| l.contains("exited 101"))
        .expect("the exit line");
    assert!(line.starts_with("exited"), "{s}");
    assert!(
        !s.contains("in the cockpit's terminal mode"),
        "alternate screen gone: {s}"
    );
    assert_eq!(t.format("#{alternate_on}"), "0", "alternate screen left");
    assert_eq!(t.format("#{cursor_flag}"), "1", "cursor shown");
    assert_eq!(t.format("#{mouse_any_flag}"), "0", "mouse capture off");
}

#[test]
fn no_color_runs_monochrome_with_a_visible_selection() {
    let sample = sample();
    let Some(t) = Tmux::start(&["-C", &sample.to_string_lossy(), "--no-color"], 100, 30) else {
        return;
    };
    t.wait_for("Flywheel");
    t.keys(&["3"]);
    t.wait_for("Decisions 10/10");
    let out = t.run(&["capture-pane", "-p", "-e", "-t", "wh"]);
    let esc = String::from_utf8_lossy(&out.stdout);
    // no colour at all: tmux shows colours as 3x/4x/9x/10x or 38;/48; parameters
    for seq in esc.split('\u{1b}').skip(1) {
        let params = seq.trim_start_matches('[').split('m').next().unwrap_or("");
        for p in params.split(';') {
            let colour = matches!(p.len(), 2 if p.starts_with(['3', '4', '9']) && p != "39" && p != "49")
                || (p.len() == 3 && p.starts_with("10"));
            assert!(!colour, "colour parameter {p} in {seq:?}");
        }
    }
    // the selected row is drawn reversed (SGR 7)
    let row = esc
        .lines()
        .find(|l| l.contains("Record architecture"))
        .expect("first ADR row");
    assert!(
        row.contains("\u{1b}[7m") || row.contains(";7m") || row.contains("[7;"),
        "{row:?}"
    );
    t.keys(&["q"]);
    t.wait_for("wh exited 0");
}

#[test]
fn outside_a_workspace_it_says_so_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start(&["-C", &dir.path().to_string_lossy()], 100, 30) else {
        return;
    };
    let s = t.wait_for("wh exited 1");
    assert!(s.contains("no wheelhouse workspace"), "{s}");
    assert_eq!(t.format("#{alternate_on}"), "0");
}

/// A copy of the sample in a temp folder, for tests that edit.
fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("ws");
    let status = Command::new("cp")
        .arg("-r")
        .arg(sample())
        .arg(&root)
        .status()
        .expect("cp");
    assert!(status.success());
    (tmp, root)
}

fn wh_in(root: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_wh"))
        .arg("-C")
        .arg(root)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("wh runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_map_is_edited_from_the_keyboard_and_the_edits_are_on_disk() {
    let (_tmp, root) = sample_copy();
    let Some(t) = Tmux::start(&["-C", &root.to_string_lossy()], 100, 30) else {
        return;
    };
    t.wait_for("Lotus Members Club");
    t.keys(&["4"]);
    t.wait_for("Members club market");
    t.wait_for("v 0.96 e 0.42");
    // move mode: three steps along evolution, shown live, committed as one edit
    t.keys(&["m", "l", "l", "l"]);
    t.wait_for("MOVE Members");
    t.wait_for("evo 0.45");
    t.keys(&["Enter"]);
    t.wait_for("moved Members");
    // add a component next to it and link it to CRM with the picker
    t.keys(&["a"]);
    t.wait_for("New component");
    t.text("Edge cache");
    t.keys(&["Enter"]);
    t.wait_for("added component Edge cache");
    t.keys(&["n"]);
    t.wait_for("Edge cache needs");
    t.text("crm");
    t.keys(&["Enter"]);
    t.wait_for("linked Edge cache → CRM");
    // u undoes the link, on disk at once
    t.keys(&["u"]);
    t.wait_for("undid \"linked Edge cache → CRM\"");
    t.keys(&["q"]);
    t.wait_for("wh exited 0");

    let check = wh_in(&root, &["check"]);
    assert!(check.contains("0 errors, 0 warnings"), "{check}");
    let owm = wh_in(&root, &["export", "map", "market", "--format", "owm"]);
    assert!(owm.contains("anchor Members 會員 [0.96, 0.45]"), "{owm}");
    assert!(owm.contains("component Edge cache ["), "{owm}");
    assert!(!owm.contains("Edge cache->CRM"), "{owm}");
}

#[test]
fn e_opens_the_editor_at_the_item_and_the_change_is_read_back() {
    let (tmp, root) = sample_copy();
    // an "editor" that records its arguments and renames the component in the file
    let editor = tmp.path().join("fake-editor.sh");
    let args_file = tmp.path().join("editor-args");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\necho \"$@\" > '{}'\nsed -i 's/Members 會員/Club members/' \"$2\"\n",
            args_file.display()
        ),
    )
    .unwrap();
    let _ = Command::new("chmod").arg("+x").arg(&editor).status();
    let root_s = root.to_string_lossy().into_owned();
    let editor_s = editor.to_string_lossy().into_owned();
    let Some(t) = Tmux::start_command(
        |config| {
            format!(
                "env TERM=xterm-256color WHEELHOUSE_CONFIG_DIR={} VISUAL={} {} -C {}; echo \"wh exited $?\"; sleep 60",
                shell_quote(config),
                shell_quote(&editor_s),
                shell_quote(env!("CARGO_BIN_EXE_wh")),
                shell_quote(&root_s),
            )
        },
        100,
        30,
    ) else {
        return;
    };
    t.wait_for("Lotus Members Club");
    t.keys(&["4"]);
    t.wait_for("v 0.96 e 0.42");
    t.keys(&["e"]);
    t.wait_for("reloaded, no problems");
    t.wait_for("Club members");
    let args = std::fs::read_to_string(&args_file).unwrap();
    // the component's table header is on line 9 of maps/market.toml
    assert!(args.starts_with("+9 "), "{args}");
    assert!(args.trim_end().ends_with("maps/market.toml"), "{args}");
    t.keys(&["q"]);
    t.wait_for("wh exited 0");
}

#[test]
fn in_an_adr_tools_repo_n_and_s_write_records_adr_tools_reads() {
    if !adr_tools::have_adr() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = adr_tools::repo(tmp.path(), "repo");
    let adr = |args: &[&str]| support::stdout(&adr_tools::adr(&root, args));
    adr(&["new", "Use", "CRUD", "tables"]);
    let Some(t) = Tmux::start(&["-C", &root.to_string_lossy()], 100, 30) else {
        return;
    };
    t.keys(&["3"]);
    t.wait_for("Use CRUD tables");
    t.keys(&["n"]);
    t.wait_for("New decision record");
    t.text("Use event sourcing");
    t.keys(&["Enter"]);
    t.wait_for("new adr:3 Use event sourcing");
    // select ADR 2 and supersede it with the new record
    t.keys(&["Escape", "g", "j", "S"]);
    t.wait_for("ADR-0002 is accepted");
    t.text("superseded");
    t.keys(&["Enter"]);
    t.wait_for("ADR-0002 is superseded by");
    t.text("event sourcing");
    t.keys(&["Enter"]);
    t.wait_for("adr:2 is now superseded by adr:3");
    t.keys(&["q"]);
    t.wait_for("wh exited 0");

    let files = adr(&["list"]);
    assert_eq!(
        files.lines().collect::<Vec<_>>(),
        [
            "doc/adr/0001-record-architecture-decisions.md",
            "doc/adr/0002-use-crud-tables.md",
            "doc/adr/0003-use-event-sourcing.md"
        ]
    );
    let ours = wh_in(&root, &["adr", "list"]);
    let rows: Vec<(String, String)> = ours
        .lines()
        .map(|l| {
            let mut w = l.split_whitespace();
            (w.next().unwrap().to_string(), w.next().unwrap().to_string())
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("0001".to_string(), "accepted".to_string()),
            ("0002".into(), "superseded".into()),
            ("0003".into(), "accepted".into())
        ],
        "{ours}"
    );
    let toc = adr(&["generate", "toc"]);
    assert!(
        toc.contains("* [3. Use event sourcing](0003-use-event-sourcing.md)"),
        "{toc}"
    );
    let old = std::fs::read_to_string(root.join("doc/adr/0002-use-crud-tables.md")).unwrap();
    assert!(
        old.contains("## Status\n\nSuperseded by [3. Use event sourcing](0003-use-event-sourcing.md)\n\n## Context"),
        "{old}"
    );
}

#[test]
fn an_impact_a_deliverable_and_a_metric_sample_are_added_from_the_keyboard() {
    let (_tmp, root) = sample_copy();
    let Some(t) = Tmux::start(&["-C", &root.to_string_lossy()], 100, 30) else {
        return;
    };
    t.wait_for("Lotus Members Club");
    t.keys(&["2"]);
    t.wait_for("Lapsed members");
    // the first actor: `a` adds an impact under it, then a deliverable under the impact
    t.keys(&["j", "a"]);
    t.wait_for("New impact");
    t.text("open the app on Sundays");
    t.keys(&["Enter"]);
    t.wait_for("added impact open the app on Sundays");
    t.keys(&["a"]);
    t.wait_for("New deliverable");
    t.text("Sunday push");
    t.keys(&["Enter"]);
    t.wait_for("added deliverable Sunday push");
    // a metric sample in the Flywheel
    t.keys(&["1", "r"]);
    t.wait_for("Record a sample of");
    t.text("weekly active");
    t.keys(&["Enter"]);
    t.wait_for("now 21300");
    t.text("22000");
    t.keys(&["Enter"]);
    t.wait_for("22000 members on");
    // u undoes the sample, on disk at once
    t.keys(&["u"]);
    t.wait_for("undid \"Weekly active members");
    t.keys(&["q"]);
    t.wait_for("wh exited 0");

    let check = wh_in(&root, &["check"]);
    assert!(check.contains("0 errors, 0 warnings"), "{check}");
    let impact = std::fs::read_to_string(root.join("impact/grow-members.toml")).unwrap();
    assert!(impact.contains("[impact.open-the-app-on-sundays]\nactor = \"lapsed-members\"\n"));
    assert!(impact.contains(
        "[deliverable.sunday-push]\ntitle = \"Sunday push\"\nimpacts = [\"open-the-app-on-sundays\"]\n"
    ));
    let root_file = std::fs::read_to_string(root.join("wheelhouse.toml")).unwrap();
    assert!(
        !root_file.contains("value = 22000"),
        "the sample was undone"
    );
}
