//! Hand-made OWM cases for what the corpus does not cover (INDEX.md "Not covered"), the quirks
//! of owm-language.md §5, and robustness: any input parses without panicking, and whatever was
//! parsed round-trips through the writer.

use crate::support::owm as owm_support;
use crate::support::Rng;

use std::path::Path;

use owm_support::{comparable, counts, Counts};
use wheelhouse::interop::owm::{self, Parsed};
use wheelhouse::workspace::{AreaKind, ComponentKind, LinkFlow, Severity, Sourcing};

fn parse(text: &str) -> Parsed {
    owm::parse(text, "m", Path::new("maps/m.owm"))
}

/// import → export → import gives the same model, and the export reads without diagnostics.
fn assert_round_trip(text: &str) {
    let first = parse(text);
    let written = owm::write(&first.map);
    let again = parse(&written);
    assert_eq!(
        comparable(&first.map),
        comparable(&again.map),
        "round trip of:\n{text}\nwritten:\n{written}"
    );
    assert!(
        again.diagnostics.is_empty(),
        "written text has diagnostics {:?}:\n{written}",
        again.diagnostics
    );
}

fn warnings_on(p: &Parsed, line: u32) -> Vec<String> {
    p.diagnostics
        .iter()
        .filter(|d| d.line == line)
        .map(|d| d.message.clone())
        .collect()
}

const EXAMPLE_A: &str = "title Merchant onboarding
anchor Small merchant [0.95, 0.55]
component Onboarding UI [0.85, 0.30] (build)
component KYC check [0.55, 0.45] inertia
component Compute [0.15, 0.92] (outsource)
Small merchant->Onboarding UI
Onboarding UI->KYC check; slowest step
KYC check->Compute
evolve KYC check 0.80
style wardley
";

const EXAMPLE_B: &str = r#"title Payments
evolution Novel->Emerging->Good->Best
anchor Shopper [0.95, 0.70]
component Checkout [0.80, 0.55] label [10, -12]
component Payment routing [0.60, 0.40]
pipeline Payment routing
{
  component Rules engine [0.35]
  component Routing service [0.62]
}
component Card network [0.30, 0.85] (market)
Shopper+'2.9%'>Checkout
Checkout+>Payment routing
Payment routing->Card network
annotation 1 [[0.60,0.40],[0.30,0.85]] Fees are set by the networks
annotations [0.10, 0.05]
note "Routing rules move\nto product" [0.45, 0.20]
pioneers [0.90, 0.05, 0.70, 0.30]
"#;

#[test]
fn reference_example_a() {
    let p = parse(EXAMPLE_A);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    let m = &p.map;
    assert_eq!(m.title, "Merchant onboarding");
    assert_eq!(m.components.len(), 4);
    let anchor = m.component("small-merchant").unwrap();
    assert_eq!(anchor.kind, ComponentKind::Anchor);
    assert_eq!([anchor.visibility, anchor.evolution], [0.95, 0.55]);
    let kyc = m.component("kyc-check").unwrap();
    assert!(kyc.inertia);
    assert_eq!(kyc.evolve, Some(0.8));
    assert_eq!(
        m.component("compute").unwrap().sourcing,
        vec![Sourcing::Outsource]
    );
    let ui = m.component("onboarding-ui").unwrap();
    assert_eq!(ui.needs[0].to, "kyc-check");
    assert_eq!(ui.needs[0].context.as_deref(), Some("slowest step"));
    assert_round_trip(EXAMPLE_A);
}

#[test]
fn reference_example_b() {
    let p = parse(EXAMPLE_B);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    let m = &p.map;
    assert_eq!(
        counts(m),
        Counts {
            comps: 3,
            anchors: 1,
            links: 3,
            flows: 2,
            evolve: 0,
            pipelines: 1,
            children: 2,
            notes: 1,
            annotations: 1,
            areas: 1,
        }
    );
    assert_eq!(
        m.stages,
        ["Novel", "Emerging", "Good", "Best"].map(String::from)
    );
    assert_eq!(m.style, None);
    let rules = m.component("rules-engine").unwrap();
    assert_eq!(rules.pipeline.as_deref(), Some("payment-routing"));
    assert_eq!([rules.visibility, rules.evolution], [0.60, 0.35]);
    assert_eq!(m.pipelines[0].range, None);
    let shopper = m.component("shopper").unwrap();
    assert_eq!(shopper.needs[0].label.as_deref(), Some("2.9%"));
    assert_eq!(shopper.needs[0].flow, LinkFlow::Forward);
    assert_eq!(m.notes[0].text, "Routing rules move\nto product");
    assert_eq!(m.areas[0].kind, AreaKind::Pioneers);
    assert_eq!(m.areas[0].rect, [0.9, 0.05, 0.7, 0.3]);
    assert_round_trip(EXAMPLE_B);
}

#[test]
fn crlf_reads_like_lf() {
    let crlf = EXAMPLE_B.replace('\n', "\r\n");
    assert_eq!(
        comparable(&parse(&crlf).map),
        comparable(&parse(EXAMPLE_B).map)
    );
    assert!(parse(&crlf).diagnostics.is_empty());
    let bom = format!("\u{feff}{EXAMPLE_A}");
    assert_eq!(parse(&bom).map.title, "Merchant onboarding");
}

#[test]
fn quoted_multi_line_and_non_ascii_names() {
    let text = r#"title Карта ☕
component "Customer\nPortal" [0.9, 0.4]
component "Legacy \"Core\" [v1]" [0.5, 0.3]
component Café Crème [0.6, 0.5]
component 日本語 [0.4, 0.6]
component Payments (EU) [0.3, 0.7] (buy)
"Customer\nPortal"->"Legacy \"Core\" [v1]"
customer portal->Café Crème
Café Crème->日本語
日本語->Payments (EU)
evolution 🌱->🛠️->📦->⚡
"#;
    let p = parse(text);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    let m = &p.map;
    assert_eq!(m.title, "Карта ☕");
    assert_eq!(m.components[0].name, "Customer\nPortal");
    assert_eq!(m.components[0].id, "customer-portal");
    assert_eq!(m.components[1].name, "Legacy \"Core\" [v1]");
    assert_eq!(m.components[2].id, "cafe-creme");
    let cjk = &m.components[3];
    assert!(cjk.id.starts_with("c-"));
    assert_eq!(m.components[4].name, "Payments (EU)");
    assert_eq!(m.components[4].sourcing, vec![Sourcing::Buy]);
    // The quoted link, and the normalised match (case, newline as space).
    assert_eq!(m.components[0].needs.len(), 2);
    assert_eq!(m.components[0].needs[0].to, m.components[1].id);
    assert_eq!(m.components[0].needs[1].to, "cafe-creme");
    assert_eq!(m.components[3].needs[0].to, m.components[4].id);
    assert_eq!(m.stages[0], "🌱");
    assert_round_trip(text);
    // Ids are stable across imports.
    assert_eq!(parse(text).map.components[3].id, cjk.id);
}

#[test]
fn size_hide_and_style() {
    let text = "size [1100, 800]\nevolution --hide\nvaluechain --hide Users first\nstyle dark\ncomponent A [0.5, 0.5]\n";
    let p = parse(text);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    assert_eq!(p.map.size, Some([1100.0, 800.0]));
    assert!(p.map.hide_evolution);
    assert_eq!(p.map.hide_value_chain.as_deref(), Some("Users first"));
    assert_eq!(p.map.style.as_deref(), Some("dark"));
    assert_round_trip(text);

    let both = "evolution --hide A->B->C->D\nvaluechain --hide\n";
    let p = parse(both);
    assert!(p.map.hide_evolution);
    assert_eq!(p.map.stages, ["A", "B", "C", "D"].map(String::from));
    assert_eq!(p.map.hide_value_chain.as_deref(), Some(""));
    assert_round_trip(both);

    let bad = "evolution A->B->C\nvaluechain --show\nevolution --show\n";
    let p = parse(bad);
    let errors: Vec<u32> = p
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.line)
        .collect();
    assert_eq!(errors, vec![1, 2, 3]);
    // Empty stages are allowed.
    assert_eq!(parse("evolution A->B->->D").map.stages[2], "");
}

#[test]
fn comments() {
    let text = "title T // trailing
/* one-line block */
component A [0.5, 0.5] /* inline */ (build)
/*
component Hidden [0.1, 0.1]
*/
component B [0.4, 0.4]
// component C [0.3, 0.3]
url site [https://example.com/x]
note see https://example.com/y [0.2, 0.2]
A->B
";
    let p = parse(text);
    // As in OWM, `//` truncates the note, coordinates included (there is no escape): one warning.
    let lines: Vec<u32> = p.diagnostics.iter().map(|d| d.line).collect();
    assert_eq!(lines, vec![10], "{:?}", p.diagnostics);
    let m = &p.map;
    assert_eq!(m.title, "T");
    let names: Vec<&str> = m.components.iter().map(|c| c.name.as_str()).collect();
    // OWM would hide everything after the one-line `/* */`; we read it as a comment.
    assert_eq!(names, vec!["A", "B"]);
    assert_eq!(m.components[0].sourcing, vec![Sourcing::Build]);
    assert_eq!(m.urls[0].address, "https://example.com/x");
    assert_eq!(m.notes[0].text, "see https:");
    assert_eq!(m.components[0].needs[0].to, "b");

    let unclosed = parse("component A [0.5, 0.5]\n/* never closed\ncomponent B [0.1, 0.1]\n");
    assert_eq!(unclosed.map.components.len(), 1);
    assert_eq!(warnings_on(&unclosed, 2).len(), 1);
}

#[test]
fn nothing_is_dropped_silently() {
    let text = "component A [0.5, 0.5]
A->Nowhere
Ghost+>A
evolve Phantom 0.8
pipeline Missing [0.1, 0.2]
annotation 1 no coordinates here
annotation x [0.1, 0.1] text
buy Nobody
this is not owm
y-axis Value->Low->High
title First
title Second
{
}
";
    let p = parse(text);
    let lines: Vec<u32> = p.diagnostics.iter().map(|d| d.line).collect();
    assert_eq!(
        lines,
        vec![2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14],
        "{:#?}",
        p.diagnostics
    );
    assert!(p.diagnostics[0].message.contains("Nowhere"));
    assert_eq!(p.diagnostics[0].code, "dangling-link");
    assert!(p.map.components[0].needs.is_empty());
    assert_eq!(p.map.title, "First");
}

#[test]
fn quirks_read_as_the_author_meant() {
    // §5.2: `evolve Alpha 1` has no decimal point; OWM reads an evolve of "Alpha 1".
    let p = parse("component Alpha [0.5, 0.3]\nevolve Alpha 1\n");
    assert_eq!(p.map.components[0].evolve, Some(1.0));
    assert_eq!(warnings_on(&p, 2).len(), 1);
    // ... unless a component really is called that.
    let p = parse("component Alpha 1 [0.5, 0.3]\nevolve Alpha 1\n");
    assert_eq!(p.map.components[0].evolve, Some(0.85));
    // §5.3: keyword-prefixed link names: OWM drops the line; we keep the link and say so.
    let p = parse(
        "component build release cycle [0.5, 0.3]\ncomponent world building [0.4, 0.4]\nbuild release cycle->world building\n",
    );
    assert_eq!(p.map.components[0].needs.len(), 1);
    assert_eq!(warnings_on(&p, 3).len(), 1);
    // Quoted, it is plain OWM.
    let p = parse(
        "component build release cycle [0.5, 0.3]\ncomponent world building [0.4, 0.4]\n\"build release cycle\"->\"world building\"\n",
    );
    assert_eq!(p.map.components[0].needs.len(), 1);
    assert!(p.diagnostics.is_empty());
    // §5.6: `pipeline X {` on one line (Mermaid style): read as a block, with a warning.
    let p = parse("component P [0.5, 0.5]\npipeline P {\n  component C1 [0.3]\n}\n");
    assert_eq!(p.map.components[1].pipeline.as_deref(), Some("p"));
    assert_eq!(warnings_on(&p, 2).len(), 1);
    // Only the first decorator group counts (as OWM), and we say so.
    let p = parse("component A [0.5, 0.5] (buy) (market)\n");
    assert_eq!(p.map.components[0].sourcing, vec![Sourcing::Buy]);
    assert_eq!(warnings_on(&p, 1).len(), 1);
    // `(buy, market)` gives both.
    let p = parse("component A [0.5, 0.5] (buy, market)\n");
    assert_eq!(
        p.map.components[0].sourcing,
        vec![Sourcing::Buy, Sourcing::Market]
    );
    // Coordinates are not clamped; non-numbers fall back to OWM's [0.9, 0.1].
    let p = parse("component A [1.5, -0.2]\ncomponent B [x, 0.3]\n");
    assert_eq!(
        [
            p.map.components[0].visibility,
            p.map.components[0].evolution
        ],
        [1.5, -0.2]
    );
    assert_eq!(
        [
            p.map.components[1].visibility,
            p.map.components[1].evolution
        ],
        [0.9, 0.3]
    );
    // Huge label offsets (real maps hide labels that way) are kept as written.
    let p = parse("component A [0.5, 0.5] label [-103, -3557]\n");
    assert_eq!(p.map.components[0].label, Some([-103.0, -3557.0]));
    // Duplicate names get distinct ids; links by name go to the first.
    let p = parse("component A [0.5, 0.5]\ncomponent A [0.4, 0.4]\ncomponent B [0.3, 0.3]\nB->A\n");
    let ids: Vec<&str> = p.map.components.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, vec!["a", "a-2", "b"]);
    assert_eq!(p.map.components[2].needs[0].to, "a");
    // Inline legacy evolve, and an evolve rename with quotes.
    let p = parse("component A [0.5, 0.5] inertia evolve 0.9\ncomponent \"B->C\" [0.4, 0.4]\nevolve \"B->C\"->\"D E\" 0.7\n");
    assert_eq!(p.map.components[0].evolve, Some(0.9));
    assert_eq!(p.map.components[1].evolve_name.as_deref(), Some("D E"));
    assert_eq!(p.map.components[1].evolve, Some(0.7));
    // Legacy pixel PST areas convert with a warning.
    let p = parse("pioneers [0.9, 0.1] 100 60\n");
    assert_eq!(p.map.areas.len(), 1);
    assert_eq!(warnings_on(&p, 1).len(), 1);
}

#[test]
fn writer_quotes_what_needs_quoting() {
    let text = r#"component "build it" [0.5, 0.5]
component "A->B" [0.4, 0.4]
component "Web 2.0" [0.3, 0.3] (buy)
component "semi;colon" [0.2, 0.2]
component "{braces}" [0.25, 0.2]
component "Foo (buy)" [0.1, 0.1]
component "  padded " [0.15, 0.1]
"build it"->"A->B"
"A->B"+'label with spaces'<>"Web 2.0"; ctx
"Web 2.0"->"semi;colon"
"semi;colon"->"{braces}"
"{braces}"->"Foo (buy)"
evolve "Web 2.0"->"Web 3.0" 0.9
note "[bracketed] note" [0.5, 0.5]
accelerator "A->B" [0.3, 0.3]
"#;
    let p = parse(text);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    assert_eq!(p.map.components[6].name, "  padded ");
    assert_eq!(p.map.components[2].evolve_name.as_deref(), Some("Web 3.0"));
    assert_round_trip(text);
}

#[test]
fn random_lines_never_panic_and_always_round_trip() {
    let pieces = [
        "component ",
        "anchor ",
        "evolve ",
        "pipeline ",
        "note ",
        "annotation ",
        "annotations ",
        "evolution ",
        "valuechain ",
        "style ",
        "size ",
        "submap ",
        "url ",
        "pioneers ",
        "market ",
        "build ",
        "accelerator ",
        "title ",
        "{",
        "}",
        "A",
        "B",
        "Cup of Tea",
        "\"q\\\"x\"",
        "\"",
        "[",
        "]",
        "[0.5, 0.5]",
        "[[0.1,0.2],[0.3,0.4]]",
        "[0.3]",
        "label [10, -20]",
        "(build)",
        "(buy, market)",
        "inertia",
        "->",
        "+>",
        "+<",
        "+<>",
        "+'x'>",
        "+'",
        "'<>",
        "; ctx",
        "//",
        "/*",
        "*/",
        " ",
        "  ",
        "0.8",
        "1",
        ".5",
        "-1e3",
        "NaN",
        "é",
        "日本",
        "☕",
        "\t",
        "\r",
        ";",
        "url(x)",
        "--hide",
        "(",
        ")",
        ",",
        "\\",
        "\\n",
        "y-axis ",
    ];
    let mut rng = Rng(0xDEAD_BEEF_CAFE_F00D);
    for round in 0..2000 {
        let mut text = String::new();
        let lines = 1 + rng.next() % 12;
        for _ in 0..lines {
            for _ in 0..(1 + rng.next() % 7) {
                text.push_str(rng.pick(&pieces));
            }
            text.push('\n');
        }
        let first = parse(&text);
        let written = owm::write(&first.map);
        let again = parse(&written);
        assert_eq!(
            comparable(&first.map),
            comparable(&again.map),
            "round {round}: input:\n{text}\nwritten:\n{written}"
        );
        assert_eq!(
            owm::write(&again.map),
            written,
            "round {round}: stable export"
        );
    }
    // Raw bytes too.
    for round in 0..200 {
        let bytes: Vec<u8> = (0..(rng.next() % 200))
            .map(|_| (rng.next() % 256) as u8)
            .collect();
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse(&text);
        let _ = round;
    }
}
