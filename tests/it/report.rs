//! `wh export workspace --format markdown [-o DIR]`: the whole-workspace report.

use crate::support::model_fixture;
use crate::support::sample_dir;

use wheelhouse::interop::report::{build, REPORT_FILE};
use wheelhouse::workspace::model::{AdrStatus, Workspace};
use wheelhouse::workspace::writer::write_output;

fn fixture() -> Workspace {
    model_fixture::workspace()
}

fn assert_contains(md: &str, expected: &str) {
    assert!(md.contains(expected), "missing {expected:?} in\n{md}");
}

#[test]
fn report_has_every_phase_and_decision() {
    let ws = fixture();
    let md = build(&ws, false).markdown;
    for (n, phase) in ws.phases.iter().enumerate() {
        assert_contains(&md, &format!("### Phase {}: {}\n", n + 1, phase.title));
        assert_contains(&md, &format!("`phase:{}`", phase.id.key()));
        for tenet in &phase.tenets {
            assert_contains(&md, tenet);
        }
    }
    for adr in &ws.decisions {
        assert_contains(&md, &format!("| {:04} | {} |", adr.number, adr.title));
    }
    assert_contains(
        &md,
        "| 0002 | Host rendering on EC2 | *superseded* | 2023-08-14 | serving |  | `adr:3` |",
    );
    assert_contains(&md, "3 records: 2 accepted, 1 superseded.");
}

#[test]
fn report_sections_come_in_order() {
    let md = build(&fixture(), false).markdown;
    let mut at = 0;
    for heading in [
        "# Lotus Members Club 蓮花會員俱樂部\n",
        "## Flywheel\n",
        "## Flywheel reviews\n",
        "## Metrics\n",
        "## Value streams\n",
        "## Well-Architected pillars\n",
        "## Quality scenarios\n",
        "## Impact maps\n",
        "## Wardley maps\n",
        "## Decisions\n",
        "## Problems\n",
    ] {
        let found = md[at..]
            .find(heading)
            .unwrap_or_else(|| panic!("{heading:?} missing or out of order"));
        at += found + heading.len();
    }
}

#[test]
fn derived_figures_are_computed() {
    let md = build(&fixture(), false).markdown;
    // The worked example of the domain notes: 23 ÷ 144 and 0.7 × 0.9 × 0.8 × 0.95.
    assert_contains(&md, "| **Total** | **23** | **144** | | |");
    assert_contains(&md, "**Activity ratio:** 16.0% (ΣPT 23 ÷ ΣLT 144)");
    assert_contains(&md, "**Rolled %C/A:** 47.9%");
    assert_contains(
        &md,
        "| Refine story | 2 | 40 | 70% | WD (waiting, defects) |",
    );
    // Metric progress from the latest sample by date, not the last one in the file.
    assert_contains(
        &md,
        "| 12000 | 21000 | 30000 | 2024-06-30 | ▰▰▰▰▰▱▱▱▱▱ 50% | `metric:revenue` |",
    );
    assert_contains(
        &md,
        "- Monthly recurring revenue (business)\n  - Weekly active members (north star): 50%",
    );
    // Review scores per phase and in total, and on each phase's tenets.
    assert_contains(&md, "| `2024-q1` | 2024-03-28 | Kim Kao | 3·2·2 (7/9) | 2·2·1 (5/9) | 2·1·2 (5/9) | 1·1·0 (2/9) | 19/36 |");
    assert_contains(
        &md,
        "Map the emerging value: next-generation companies can see ahead — **0/3**",
    );
}

#[test]
fn pillars_scenarios_impact_maps_and_maps_are_there() {
    let md = build(&fixture(), false).markdown;
    assert_contains(
        &md,
        "| Reliability | **high** | Single region \\| no restore test | Restore drill |",
    );
    // (H,H) first, whatever the file order.
    let hh = md.find("| (H,H) | Breaking news burst |").expect("H,H row");
    let ml = md
        .find("| (M,L) | Cost follows traffic |")
        .expect("M,L row");
    assert!(hh < ml);
    assert_contains(
        &md,
        "### Goal: Raise the number of active members 提升活躍會員數",
    );
    assert_contains(&md, "```mermaid\nmindmap\n");
    assert_contains(
        &md,
        "| CDN | 0.6 | 0.86 | Commodity (+utility) | inertia, evolves to 0.95 |",
    );
    assert_contains(&md, "- Audience needs CDN");
}

#[test]
fn problems_are_listed_not_hidden() {
    let mut ws = fixture();
    assert_contains(&build(&ws, false).markdown, "finds no problems");
    ws.diagnostics.push(wheelhouse::workspace::Diagnostic {
        file: "decisions/0002-x.toml".into(),
        line: 3,
        col: 10,
        severity: wheelhouse::workspace::Severity::Error,
        code: "bad-value",
        message: "status `acepted` is not one of proposed, accepted, ...".into(),
        target: None,
    });
    let md = build(&ws, false).markdown;
    assert_contains(&md, "finds 1 error and 0 warnings");
    assert_contains(&md, "decisions/0002-x.toml:3:10: error: status `acepted`");
}

#[test]
fn empty_workspace_still_reports() {
    let ws = Workspace::default();
    let md = build(&ws, true).markdown;
    assert_contains(&md, "*No flywheel phases recorded.*");
    assert_contains(&md, "*No decisions recorded.*");
}

#[test]
fn file_text_cannot_reach_the_terminal_raw() {
    let mut ws = fixture();
    ws.decisions[0].title = "evil\u{1b}]0;title\u{7} | *x*".into();
    ws.decisions[0].status = AdrStatus::Accepted;
    ws.phases[0].summary = "line one\n\u{1b}[2Jline two".into();
    let md = build(&ws, false).markdown;
    assert!(
        !md.chars().any(|c| c.is_control() && c != '\n'),
        "control character in the report"
    );
    // the markdown escaper writes controls as character references
    assert_contains(&md, "evil&#x1B;\\]0;title&#x7; \\| \\*x\\*");
    assert_contains(&md, "line one\n&#x1B;[2Jline two");
}

#[test]
fn report_files_start_with_the_markdown() {
    let ws = fixture();
    let report = build(&ws, true);
    let files = report.files();
    assert_eq!(files[0].0, std::path::PathBuf::from(REPORT_FILE));
    assert_eq!(report.pictures.len(), ws.maps.len(), "one picture per map");
    assert_eq!(files.len(), 1 + report.pictures.len());
    assert_contains(&report.markdown, "![Serving](maps/serving.svg)");
    for pic in &report.pictures {
        let rel = pic.path.to_string_lossy().replace('\\', "/");
        assert!(rel.starts_with("maps/") && rel.ends_with(".svg"), "{rel}");
        assert_contains(&report.markdown, &format!("]({rel})"));
    }
}

#[test]
fn write_output_creates_folders_and_replaces_whole_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out/maps/serving.svg");
    write_output(&path, "first, and longer than the second").unwrap();
    write_output(&path, "second").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "temp files left: {leftovers:?}");
    // A folder where the file should go: an error, and nothing half-written.
    let blocked = dir.path().join("blocked");
    std::fs::create_dir_all(blocked.join("x")).unwrap();
    assert!(write_output(&blocked, "x").is_err());
    assert_eq!(std::fs::read_dir(&blocked).unwrap().count(), 1);
}

// ---------------------------------------------------------------- end to end, on the sample

#[test]
fn cli_prints_the_sample_report_with_every_decision_and_phase() {
    let ws = Workspace::open(&sample_dir()).expect("sample loads");
    let out = wh(&["export", "workspace", "--format", "markdown"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert_eq!(md, build(&ws, false).markdown);
    assert_eq!(ws.decisions.len(), 10);
    for adr in &ws.decisions {
        assert_contains(&md, &format!("| {:04} | {} |", adr.number, adr.title));
    }
    for phase in &ws.phases {
        assert_contains(&md, &phase.title);
    }
    for m in &ws.impact_maps {
        assert_contains(&md, &format!("### Goal: {}", m.goal.title));
    }
    for m in &ws.maps {
        assert_contains(&md, &format!("`map:{}`", m.id));
    }
    assert_contains(&md, "**Activity ratio:** 8.3% (ΣPT 32 ÷ ΣLT 384)");
    assert_contains(&md, "**Rolled %C/A:** 21.5%");
    assert_contains(&md, "`wh check` finds no problems in this workspace.");
    assert!(!md.contains("!["), "no pictures on stdout");
}

#[test]
fn cli_writes_the_report_into_a_folder_again_and_again() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("report");
    let out_arg = out_dir.to_str().unwrap();
    for _ in 0..2 {
        let out = wh(&["export", "workspace", "-o", out_arg]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let md = std::fs::read_to_string(out_dir.join(REPORT_FILE)).expect("report.md written");
    assert!(md.starts_with("# Lotus Members Club"), "{md}");
    assert_contains(&md, "## Decisions");
    let ws = Workspace::open(&sample_dir()).unwrap();
    for map in &ws.maps {
        let rel = format!("maps/{}.svg", map.id);
        assert_contains(&md, &format!("]({rel})"));
        let svg = std::fs::read_to_string(out_dir.join(&rel)).expect("picture written");
        assert_well_formed_svg(&svg, &map.components[0].name);
    }
}

/// Parses the picture as XML: the root is `<svg>`, every element closes, and it draws text.
fn assert_well_formed_svg(svg: &str, some_name: &str) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(svg);
    let (mut root, mut depth, mut texts) = (None, 0i32, 0);
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).to_string();
                root.get_or_insert(name.clone());
                depth += 1;
                if name == "text" {
                    texts += 1;
                }
            }
            Event::Empty(e) => {
                root.get_or_insert(String::from_utf8_lossy(e.name().as_ref()).to_string());
            }
            Event::End(_) => depth -= 1,
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(root.as_deref(), Some("svg"));
    assert_eq!(depth, 0, "every element closed");
    assert!(texts > 0, "the picture has text");
    assert!(svg.contains(some_name), "{some_name} drawn");
}

#[test]
fn cli_stops_quietly_when_the_reader_goes_away() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_wh"))
        .arg("-C")
        .arg(sample_dir())
        .args(["export", "workspace"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run wh");
    drop(child.stdout.take()); // like `| head` exiting before wh writes
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
}

fn wh(args: &[&str]) -> std::process::Output {
    crate::support::wh_at(&sample_dir(), args)
}
