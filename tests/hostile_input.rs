//! Hostile files end to end (issue 13): deep nesting, bidi and zero-width characters, markup
//! and escape sequences in titles and paths. Each test failed before its fix.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use wheelhouse::workspace::load::fnv1a64;
use wheelhouse::workspace::writer;
use wheelhouse::workspace::{FileKind, SourceFile, WorkspaceError};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data")
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn copy_of_sample() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    copy_dir(&sample(), tmp.path());
    tmp
}

fn wh(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wh"))
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run wh")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// No byte of a C0/C1 control (other than newline) or a bidi control reaches the terminal.
fn assert_inert(what: &str, text: &str) {
    let bad = text.chars().find(|&c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    });
    assert!(bad.is_none(), "{what}: raw {bad:?} in {text:?}");
}

// ------------------------------------------------------------------ item 1: depth limits

/// One file of 10,000 `[` aborted `wh adr list` with a stack overflow; with more than 64 files
/// the loader's threads overflowed from depth ~2,500. Now every other record is listed and the
/// deep files are reported with file, line and column.
#[test]
fn deeply_nested_decision_files_are_diagnosed_and_the_rest_still_load() {
    let ws = copy_of_sample();
    let decisions = ws.path().join("decisions");
    for n in 11..=80u32 {
        let text = if n % 10 == 1 {
            format!("x = {}\n", "[".repeat(10_000))
        } else if n % 10 == 2 {
            format!(
                "[adr]\nnumber = {n}\ntitle = \"Deep\"\nstatus = \"accepted\"\ntags = {}\n",
                "{a = ".repeat(3_000)
            )
        } else {
            format!("[adr]\nnumber = {n}\ntitle = \"Record {n}\"\nstatus = \"accepted\"\n")
        };
        fs::write(decisions.join(format!("{n:04}-r.toml")), text).expect("write");
    }
    for args in [&["adr", "list"][..], &["adr", "search", "record"]] {
        let out = wh(ws.path(), args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let listing = stdout(&out);
        assert!(listing.contains("Record 13"), "{args:?}: {listing}");
        if args[1] == "list" {
            assert!(listing.contains("0011  BROKEN"), "{listing}");
            assert!(
                listing.contains("Record architecture decisions"),
                "{listing}"
            );
        }
    }
    let out = wh(ws.path(), &["check"]);
    let report = stdout(&out) + &stderr(&out);
    assert!(
        report.contains("decisions/0011-r.toml:1:85: error: TOML syntax: arrays or inline tables nested more than 80 deep"),
        "{report}"
    );
    assert!(report.contains("decisions/0012-r.toml:5:"), "{report}");
    // one cascade message per file, not one per open bracket
    assert_eq!(report.matches("0011-r.toml:1:10005").count(), 1, "{report}");
}

/// The writer parses with toml_edit, whose depth limit becomes a parse error with a position.
#[test]
fn the_writer_reports_a_deep_file_with_its_position() {
    let ws = tempfile::tempdir().expect("temp dir");
    let text = format!("[adr]\nnumber = 1\nx = {}\n", "[".repeat(10_000));
    fs::write(ws.path().join("deep.toml"), &text).expect("write");
    let file = SourceFile {
        path: PathBuf::from("deep.toml"),
        kind: FileKind::Decision,
        hash: fnv1a64(text.as_bytes()),
        broken: false,
    };
    match writer::edit(ws.path(), &file, |_| Ok(())) {
        Err(WorkspaceError::Parse { line, col, .. }) => assert_eq!((line, col), (3, 85)),
        other => panic!("expected a parse error, got {other:?}"),
    }
}
