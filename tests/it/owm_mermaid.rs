//! Mermaid `wardley-beta` export: header, one statement per element in Mermaid's syntax
//! (owm-language.md §7), and a warning for what Mermaid cannot say.

use std::path::Path;

use wheelhouse::interop::{mermaid, owm};

const MAP: &str = r#"title Payments
evolution Novel->Emerging->Good->Best
size [1100, 600]
anchor Shopper [0.95, 0.70]
component Checkout [0.80, 0.55] label [10, -12] (buy) inertia
component Payment routing [0.60, 0.40]
pipeline Payment routing
{
  component Rules engine [0.35]
  component Routing service [0.62]
}
component Card-network [0.30, 0.85] (market)
evolve Checkout->Checkout v2 0.8
Shopper+'2.9%'>Checkout
Checkout+>Payment routing; hot path
Payment routing->Card-network
annotation 1 [[0.60,0.40],[0.30,0.85]] Fees are set by the networks
annotations [0.10, 0.05]
note Routing rules move to product [0.45, 0.20]
pioneers [0.90, 0.05, 0.70, 0.30]
accelerator Open banking [0.5, 0.7]
style wardley
"#;

#[test]
fn wardley_beta_structure() {
    let map = owm::parse(MAP, "m", Path::new("m.owm")).map;
    let (text, warnings) = mermaid::render_with_warnings(&map);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "wardley-beta");
    assert!(lines.contains(&"title Payments"));
    assert!(lines.contains(&"size [1100, 600]"));
    assert!(lines.contains(&"evolution Novel@0.175 -> Emerging@0.4 -> Good@0.7 -> Best@1"));
    assert!(lines.contains(&"anchor Shopper [0.95, 0.7]"));
    assert!(lines.contains(&"component Checkout [0.8, 0.55] label [10, -12] (buy) (inertia)"));
    // Hyphenated names are quoted (older Mermaid needs it).
    assert!(lines.contains(&"component \"Card-network\" [0.3, 0.85] (market)"));
    // Pipelines open on their own line with `{`.
    let open = lines
        .iter()
        .position(|l| *l == "pipeline Payment routing {")
        .expect("pipeline block");
    assert_eq!(lines[open + 1], "  component Rules engine [0.35]");
    assert_eq!(lines[open + 2], "  component Routing service [0.62]");
    assert_eq!(lines[open + 3], "}");
    // Links with spaced arrows, flows, labels and context.
    assert!(lines.contains(&"Shopper +'2.9%'> Checkout"));
    assert!(lines.contains(&"Checkout +> Payment routing; hot path"));
    assert!(lines.contains(&"Payment routing -> \"Card-network\""));
    assert!(lines.contains(&"evolve Checkout->Checkout v2 0.8"));
    // Quoted note; annotations one point per line, comma form, quoted text.
    assert!(lines.contains(&"note \"Routing rules move to product\" [0.45, 0.2]"));
    assert!(lines.contains(&"annotation 1,[0.6, 0.4] \"Fees are set by the networks\""));
    assert!(lines.contains(&"annotation 1,[0.3, 0.85] \"Fees are set by the networks\""));
    assert!(lines.contains(&"annotations [0.1, 0.05]"));
    assert!(lines.contains(&"accelerator Open banking [0.5, 0.7]"));
    // Every component once, every link once.
    let components = lines
        .iter()
        .filter(|l| l.trim_start().starts_with("component ") || l.starts_with("anchor "))
        .count();
    assert_eq!(components, map.components.len());
    let links = lines
        .iter()
        .filter(|l| !l.starts_with("evolution") && (l.contains(" -> ") || l.contains(" +")))
        .count();
    assert_eq!(links, 3);
    // No OWM-only statements; each left-out thing is said.
    assert!(!text.contains("pioneers") && !text.contains("style"));
    assert!(warnings.iter().any(|w| w.contains("area")));
    assert!(warnings.iter().any(|w| w.contains("style")));
}

#[test]
fn names_with_quotes_and_newlines_stay_on_one_line() {
    let map = owm::parse(
        "component \"A \\\"quoted\\\"\\nname\" [0.5, 0.5]\nnote \"two\\nlines\" [0.1, 0.1]\n",
        "m",
        Path::new("m.owm"),
    )
    .map;
    let text = mermaid::render(&map);
    assert!(
        text.contains("component \"A \\\"quoted\\\" name\" [0.5, 0.5]"),
        "{text}"
    );
    assert!(text.contains("note \"two lines\" [0.1, 0.1]"));
}
