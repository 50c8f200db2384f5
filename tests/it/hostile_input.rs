//! Hostile files end to end (issue 13): deep nesting, bidi and zero-width characters, markup
//! and escape sequences in titles and paths. Each test failed before its fix.

use crate::support::copy_dir;
use crate::support::sample_dir as sample;
use crate::support::wh_at as wh;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use wheelhouse::workspace::load::fnv1a64;
use wheelhouse::workspace::writer;
use wheelhouse::workspace::{FileKind, SourceFile, WorkspaceError};

fn copy_of_sample() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    copy_dir(&sample(), tmp.path());
    tmp
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

// ------------------------------------------------------------------ items 12, 13, 17: escapers

const BIDI_NAME: &str = "Evil\u{202e}txt.exe\u{200b} 1";

/// A copy of the sample whose serving map has a component named with a bidi override and a
/// zero width space, and whose ADR 1 has a hostile title.
fn hostile_sample() -> tempfile::TempDir {
    let ws = copy_of_sample();
    let map = ws.path().join("maps/serving.toml");
    let text = fs::read_to_string(&map).expect("map");
    let at = text.find("name = \"").expect("a name") + "name = \"".len();
    fs::write(&map, format!("{}{BIDI_NAME} {}", &text[..at], &text[at..])).expect("write");
    let adr = ws
        .path()
        .join("decisions/0001-record-architecture-decisions.toml");
    let text = fs::read_to_string(&adr).expect("adr");
    let start = text.find("title = \"").expect("title");
    let end = start + text[start..].find('\n').expect("line end");
    let title = r#"title = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) \u001b]0;pwned\u0007 zero\u200bwidth""#;
    fs::write(&adr, format!("{}{title}{}", &text[..start], &text[end..])).expect("write");
    ws
}

/// U+202E in a name made the SVG ill-formed: the SVG escaper kept it and the terminal filter
/// then wrote `<U+202E>` into the XML.
#[test]
fn svg_export_with_bidi_and_zero_width_names_is_well_formed_xml() {
    let ws = hostile_sample();
    let out = wh(ws.path(), &["export", "map", "serving", "--format", "svg"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let svg = stdout(&out);
    assert_inert("svg", &svg);
    assert!(!svg.contains('\u{200b}'), "zero width space kept raw");
    let mut reader = quick_xml::Reader::from_str(&svg);
    let mut text = String::new();
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Text(t)) => {
                text.push_str(&t.decode().expect("text decodes"));
            }
            Ok(quick_xml::events::Event::GeneralRef(r)) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                }
            }
            Ok(_) => {}
            Err(e) => panic!("not well-formed XML at {}: {e}", reader.buffer_position()),
        }
    }
    // the picture still says what the file says
    assert!(text.contains(BIDI_NAME), "{text}");
}

#[test]
fn mermaid_export_keeps_bidi_and_zero_width_as_entity_codes() {
    let ws = hostile_sample();
    let out = wh(
        ws.path(),
        &["export", "map", "serving", "--format", "mermaid"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_inert("mermaid", &text);
    assert!(text.contains("Evil#8238;txt.exe#8203; 1"), "{text}");
    assert!(!text.contains("<U+"), "terminal filter applied: {text}");
}

/// `export adr --format madr|nygard` wrote the title into the heading as raw HTML and a live
/// link; the same escaper as `export workspace` now writes it as text.
#[test]
fn adr_export_escapes_the_title_like_every_markdown_output() {
    let ws = hostile_sample();
    let escaped = r"\<img src=x onerror=alert(1)> \[x\](javascript:alert(1)) &#x1B;\]0;pwned&#x7; zero&#x200B;width";
    for (format, heading) in [
        ("madr", format!("# {escaped}\n")),
        ("nygard", format!("# 1. {escaped}\n")),
    ] {
        let out = wh(ws.path(), &["export", "adr", "1", "--format", format]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = stdout(&out);
        assert_inert(format, &text);
        assert!(text.contains(&heading), "{format}: {text}");
    }
    let out = wh(ws.path(), &["export", "workspace"]);
    let report = stdout(&out);
    assert_inert("report", &report);
    assert!(
        report.contains(&format!("| 0001 | {escaped} |")),
        "{report}"
    );
}

/// Zero-width characters passed through every output unseen: shown in `adr show` and
/// `adr list`, kept (escaped) in `--json`.
#[test]
fn zero_width_characters_are_shown_and_kept_in_json() {
    let ws = hostile_sample();
    let show = stdout(&wh(ws.path(), &["adr", "show", "1"]));
    assert!(show.contains("zero<U+200B>width"), "{show}");
    assert!(!show.contains('\u{200b}'));
    let list = stdout(&wh(ws.path(), &["adr", "list"]));
    assert!(list.contains("zero<U+200B>width"), "{list}");
    let out = wh(ws.path(), &["adr", "show", "1", "--json"]);
    let raw = stdout(&out);
    assert!(!raw.contains('\u{200b}'), "raw in JSON: {raw}");
    let json: serde_json::Value = serde_json::from_str(&raw).expect("JSON");
    let title = json["title"].as_str().expect("title");
    assert!(title.ends_with("zero\u{200b}width"), "{title}");
}

// ------------------------------------------------------------------ item 14: paths

/// `import owm` printed the new map's path raw, `export workspace -o DIR` the folder: a folder
/// named with an escape sequence retitled the terminal.
#[cfg(unix)]
#[test]
fn printed_paths_go_through_the_terminal_filter() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("w\u{1b}]0;pwned\u{7}");
    copy_dir(&sample(), &root);
    let owm = tmp.path().join("x.owm");
    fs::write(&owm, "title X\ncomponent A [0.5, 0.5]\n").expect("write");
    let out = wh(&root, &["import", "owm", owm.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_inert("import owm stdout", &stdout(&out));
    assert_inert("import owm stderr", &stderr(&out));
    assert!(
        stdout(&out).contains("w^[]0;pwned^G/maps/x.toml"),
        "{}",
        stdout(&out)
    );

    let dir = tmp.path().join("out\u{1b}]0;pwned\u{7}");
    let out = wh(
        &root,
        &["export", "workspace", "-o", dir.to_str().expect("utf-8")],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_inert("export workspace stderr", &stderr(&out));
    assert!(stderr(&out).contains("out^[]0;pwned^G"), "{}", stderr(&out));
}

/// The OWM, markdown ADR and reference parsers read line by line and never recurse: input
/// nested 10,000 deep parses on a 128 KB stack (a sixteenth of a loader thread's) and what
/// cannot be placed becomes a diagnostic with a line.
#[test]
fn the_other_parsers_do_not_recurse_on_deep_input() {
    std::thread::Builder::new()
        .stack_size(128 * 1024)
        .spawn(|| {
            let owm = format!(
                "title T\ncomponent A [{}0.5, 0.5{}]\n{}\n{}",
                "[".repeat(10_000),
                "]".repeat(10_000),
                "pipeline A {\n".repeat(10_000),
                "}\n".repeat(10_000)
            );
            let parsed = wheelhouse::interop::owm::parse(&owm, "deep", Path::new("deep.owm"));
            assert!(
                parsed.diagnostics.iter().any(|d| d.line >= 2),
                "no diagnostic"
            );
            let md = format!(
                "# 1. Deep\n\n## Status\n\nAccepted\n\n## Context\n\n{} quote\n\n{}\n\n{}x\n",
                ">".repeat(10_000),
                (0..2_000)
                    .map(|i| format!("{}- level", "  ".repeat(i)))
                    .collect::<Vec<_>>()
                    .join("\n"),
                "[".repeat(10_000)
            );
            let (adr, _) =
                wheelhouse::workspace::markdown_adr::parse_one(Path::new("0001-deep.md"), &md, 0);
            assert_eq!(adr.title, "Deep");
            let deep_ref = format!("map:{}", "a/".repeat(10_000));
            assert!(wheelhouse::workspace::Reference::parse(&deep_ref).is_err());
        })
        .expect("thread")
        .join()
        .expect("no overflow, no panic");
}

/// A megabyte of raw control characters in one TOML string was 300,000 syntax errors, each
/// with a column counted along the same megabyte-long line (seconds of work, 18 MB of output;
/// found by the fuzz target). The first twenty are said, then how many more.
#[test]
fn a_flood_of_syntax_errors_is_summarised() {
    let ws = copy_of_sample();
    let map = ws.path().join("maps/serving.toml");
    let text = fs::read_to_string(&map).expect("map");
    let at = text.find("name = \"").expect("a name") + "name = \"".len();
    let flood = "\u{1b}]0;x\u{7}".repeat(150_000);
    fs::write(&map, format!("{}{flood}{}", &text[..at], &text[at..])).expect("write");
    let out = wh(ws.path(), &["check"]);
    let report = stdout(&out);
    let errors: Vec<&str> = report
        .lines()
        .filter(|l| l.starts_with("maps/serving.toml:") && l.contains("error: TOML syntax"))
        .collect();
    assert_eq!(errors.len(), 21, "{}", &report[..report.len().min(2_000)]);
    assert!(
        errors[20].contains("more from here; fix the ones above first"),
        "{}",
        errors[20]
    );
    assert_inert("check", &report);
}
