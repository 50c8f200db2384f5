//! The mistakes of a user's first hour get a message that says what to do instead.

use crate::support;
use crate::support::sample_dir as sample;

use support::{stderr, wh};

#[test]
fn a_mistyped_command_gets_did_you_mean_not_a_missing_folder() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["adrr"][..], &["ard", "list"]] {
        let out = wh(dir.path(), args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("unrecognized subcommand"), "{args:?}: {err}");
        assert!(err.contains("'adr'"), "{args:?}: suggests adr: {err}");
        assert!(!err.contains("No such file"), "{args:?}: {err}");
    }
}

#[test]
fn a_missing_workspace_folder_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nonexistent");
    let missing = missing.to_str().unwrap();
    for args in [vec!["-C", missing], vec!["-C", missing, "adr", "list"]] {
        let out = wh(dir.path(), &args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.contains("workspace folder") && err.contains("does not exist"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn the_cockpit_without_a_terminal_says_so_and_suggests_ssh_t() {
    // `ssh host wh`: stdin and stdout are pipes
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let config = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_wh"))
        .arg("-C")
        .arg(&sample)
        .env("WHEELHOUSE_CONFIG_DIR", config.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("needs a terminal") && err.contains("ssh -t"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "the terminal was not touched");
}

#[test]
fn completions_for_three_shells_and_a_man_page() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "_wh()"),
        ("zsh", "#compdef wh"),
        ("fish", "complete -c wh"),
    ] {
        let out = wh(dir.path(), &["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let text = support::stdout(&out);
        assert!(text.contains(marker), "{shell}: {text}");
        assert!(
            text.contains("supersedes"),
            "{shell}: subcommand options are there"
        );
    }
    let out = wh(dir.path(), &["man"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = support::stdout(&out);
    assert!(page.starts_with(".ie") || page.contains(".TH wh"), "{page}");
    assert!(
        page.contains("completions") && page.contains("export"),
        "{page}"
    );
}

#[test]
fn help_texts_say_what_each_argument_is_and_leave_out_cockpit_flags() {
    let dir = tempfile::tempdir().unwrap();
    let help = |args: &[&str]| {
        let mut a = args.to_vec();
        a.push("--help");
        support::stdout(&wh(dir.path(), &a))
    };
    let search = help(&["adr", "search"]);
    assert!(search.contains("At most this many hits"), "{search}");
    assert!(search.contains("Words to look for"), "{search}");
    assert!(search.contains("Print JSON"), "{search}");
    assert!(help(&["adr", "show"]).contains("its number (7 or 0007)"));
    assert!(help(&["import", "owm"]).contains("default: from the file name"));
    for sub in [&["adr", "list"][..], &["export", "map"], &["check"]] {
        let h = help(sub);
        for flag in ["--theme", "--no-mouse", "--no-color"] {
            assert!(!h.contains(flag), "{sub:?} lists {flag}: {h}");
        }
    }
    let top = help(&[]);
    assert!(
        top.contains("--theme") && top.contains("--no-mouse"),
        "{top}"
    );
}

#[test]
fn export_map_defaults_to_owm_text() {
    let out = wh(&sample(), &["export", "map", "serving"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let with_flag = wh(&sample(), &["export", "map", "serving", "--format", "owm"]);
    assert_eq!(out.stdout, with_flag.stdout);
    assert!(support::stdout(&out).contains("component "));
}

#[test]
fn no_workspace_beside_the_sample_suggests_opening_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = wh(dir.path(), &["adr", "show", "5"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("wh init"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("sample-data"), "no sample here");
    // a fresh clone's root: sample-data/ is there
    support::copy_dir(&sample(), &dir.path().join("sample-data"));
    let out = wh(dir.path(), &["adr", "show", "5"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("`wh -C sample-data`") && err.contains("wh init"),
        "{err}"
    );
}
