//! WardleyMap → Mermaid `wardley-beta` (Mermaid 11.14+; owm-language.md §7).
//!
//! Mermaid shares most of OWM's statements; the differences: a `wardley-beta` header,
//! `(inertia)` as a decorator, one `(…)` group per decorator, notes always quoted,
//! `annotation N,[v, e] "text"` with one point, `pipeline X {` on one line, stage widths given
//! with `@`. PST areas, submap urls, `style` and the hide switches have no Mermaid form; they
//! are left out and listed as warnings.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use crate::interop::owm::write::num;
use crate::workspace::model::{
    Component, ComponentKind, LinkFlow, WardleyMap, DEFAULT_STAGES, STAGE_BOUNDARIES,
};

/// The map as Mermaid text.
pub fn render(map: &WardleyMap) -> String {
    render_with_warnings(map).0
}

/// The text, and what Mermaid could not carry.
pub fn render_with_warnings(map: &WardleyMap) -> (String, Vec<String>) {
    let mut out = String::from("wardley-beta\n");
    let mut warnings = Vec::new();
    if !map.title.trim().is_empty() {
        let _ = writeln!(out, "title {}", one_line(&map.title));
    }
    if let Some([w, h]) = map.size {
        let _ = writeln!(out, "size [{}, {}]", num(w), num(h));
    }
    // Stage widths as OWM draws them (Mermaid's own defaults differ).
    let ends = [
        STAGE_BOUNDARIES[0],
        STAGE_BOUNDARIES[1],
        STAGE_BOUNDARIES[2],
        1.0,
    ];
    let stages: Vec<String> = map
        .stages
        .iter()
        .zip(ends)
        .map(|(s, end)| {
            let label = one_line(s).replace("->", "→").replace('@', " at ");
            format!("{}@{}", label.trim(), num(end))
        })
        .collect();
    let _ = writeln!(out, "evolution {}", stages.join(" -> "));
    if map.stages != DEFAULT_STAGES.map(String::from) && map.stages.iter().any(|s| s.is_empty()) {
        warnings.push("an empty stage label may not read in Mermaid".into());
    }
    if map.hide_evolution || map.hide_value_chain.is_some() {
        warnings.push("hidden axes (`--hide`) have no Mermaid form; axes shown".into());
    }
    if map.style.is_some() {
        warnings.push("`style` has no Mermaid form; left out".into());
    }

    let by_id: HashMap<&str, &Component> =
        map.components.iter().map(|c| (c.id.as_str(), c)).collect();
    // Children grouped once, in map order: a scan per pipeline is quadratic.
    let mut children_of: HashMap<&str, Vec<&Component>> = HashMap::new();
    for k in &map.components {
        if let Some(p) = k.pipeline.as_deref() {
            children_of.entry(p).or_default().push(k);
        }
    }
    let mut blocks_done: HashSet<&str> = HashSet::new();
    for c in &map.components {
        match c.pipeline.as_deref().filter(|p| by_id.contains_key(p)) {
            Some(parent) => {
                if !blocks_done.insert(parent) {
                    continue;
                }
                let _ = writeln!(out, "pipeline {} {{", name(&by_id[parent].name));
                for &child in children_of.get(parent).map(Vec::as_slice).unwrap_or(&[]) {
                    let _ = writeln!(
                        out,
                        "  component {} [{}]{}",
                        name(&child.name),
                        num(child.evolution),
                        decorations(child)
                    );
                }
                out.push_str("}\n");
            }
            None => {
                let keyword = match c.kind {
                    ComponentKind::Anchor => "anchor",
                    ComponentKind::Component => "component",
                    ComponentKind::Submap => {
                        warnings.push(format!(
                            "submap `{}` exported as a component (Mermaid has no submaps)",
                            c.name
                        ));
                        "component"
                    }
                };
                let mut line = format!(
                    "{keyword} {} [{}, {}]",
                    name(&c.name),
                    num(c.visibility),
                    num(c.evolution)
                );
                if c.kind != ComponentKind::Anchor {
                    line.push_str(&decorations(c));
                }
                let _ = writeln!(out, "{line}");
            }
        }
    }
    // Pipelines without children: Mermaid boxes span children, so a legacy range box is lost.
    for p in &map.pipelines {
        if !blocks_done.contains(p.component.as_str()) {
            if let Some(parent) = by_id.get(p.component.as_str()) {
                warnings.push(format!(
                    "pipeline `{}` has no children; its range box has no Mermaid form",
                    parent.name
                ));
            }
        }
    }

    for c in &map.components {
        for n in &c.needs {
            let Some(to) = by_id.get(n.to.as_str()) else {
                warnings.push(format!("`{}` needs unknown `{}`; left out", c.name, n.to));
                continue;
            };
            let arrow = match (n.flow, n.label.as_deref()) {
                (LinkFlow::None, _) => "->".to_string(),
                (LinkFlow::Forward, None) => "+>".to_string(),
                (LinkFlow::Backward, None) => "+<".to_string(),
                (LinkFlow::Both, None) => "+<>".to_string(),
                (LinkFlow::Forward, Some(l)) => format!("+'{}'>", one_line(l)),
                (LinkFlow::Backward, Some(l)) => format!("+'{}'<", one_line(l)),
                (LinkFlow::Both, Some(l)) => format!("+'{}'<>", one_line(l)),
            };
            let mut line = format!("{} {arrow} {}", name(&c.name), name(&to.name));
            if let Some(ctx) = &n.context {
                let _ = write!(line, "; {}", one_line(ctx));
            }
            let _ = writeln!(out, "{line}");
        }
    }
    for c in &map.components {
        if let Some(e) = c.evolve {
            let mut m = num(e);
            if !m.contains('.') {
                m.push_str(".0");
            }
            match &c.evolve_name {
                Some(new) => {
                    let _ = writeln!(out, "evolve {}->{} {m}", name(&c.name), name(new));
                }
                None => {
                    let _ = writeln!(out, "evolve {} {m}", name(&c.name));
                }
            }
        }
    }
    for n in &map.notes {
        let _ = writeln!(
            out,
            "note {} [{}, {}]",
            quoted(&n.text),
            num(n.visibility),
            num(n.evolution)
        );
    }
    for a in &map.annotations {
        // Mermaid annotations have one point: a multi-point annotation repeats its number.
        for [v, m] in &a.points {
            let _ = writeln!(
                out,
                "annotation {},[{}, {}] {}",
                a.number,
                num(*v),
                num(*m),
                quoted(&a.text)
            );
        }
    }
    if let Some([v, m]) = map.annotations_at {
        let _ = writeln!(out, "annotations [{}, {}]", num(v), num(m));
    }
    for a in &map.accelerators {
        let kw = if a.decelerator {
            "deaccelerator"
        } else {
            "accelerator"
        };
        let _ = writeln!(
            out,
            "{kw} {} [{}, {}]",
            name(&a.name),
            num(a.visibility),
            num(a.evolution)
        );
    }
    if !map.areas.is_empty() {
        warnings.push(format!(
            "{} pioneers/settlers/townplanners area(s) have no Mermaid form; left out",
            map.areas.len()
        ));
    }
    (out, warnings)
}

/// ` label [x, y] (build) (inertia)`: one group per decorator, as Mermaid wants.
fn decorations(c: &Component) -> String {
    let mut s = String::new();
    if let Some([x, y]) = c.label {
        let _ = write!(s, " label [{}, {}]", num(x), num(y));
    }
    for src in &c.sourcing {
        let _ = write!(s, " ({src})");
    }
    if c.inertia {
        s.push_str(" (inertia)");
    }
    s
}

/// Names go bare when they are plain words; otherwise quoted (hyphens needed quotes before
/// Mermaid 11.15).
fn name(n: &str) -> String {
    let plain = !n.is_empty()
        && n.trim() == n
        && n.chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '.' || c == '_' || c == '&');
    let first = n.split_whitespace().next().unwrap_or("");
    let reserved = crate::interop::owm::RESERVED.contains(&first);
    if plain && !reserved {
        n.to_string()
    } else {
        quoted(n)
    }
}

fn quoted(s: &str) -> String {
    format!(
        "\"{}\"",
        one_line(s).replace('\\', "\\\\").replace('"', "\\\"")
    )
}

fn one_line(s: &str) -> String {
    text(&s.replace("\r\n", " "))
}

/// Mermaid's escaper for file text: one line (line breaks and other control characters become
/// spaces), and bidi controls and invisible characters written as the `#NNNN;` entity codes
/// Mermaid decodes, so the diagram keeps them while the text stays inert in a terminal. The
/// output is never passed through the terminal filter.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() {
            out.push(' ');
        } else if crate::text::is_bidi_control(c) || crate::text::is_invisible(c) {
            out.push_str(&format!("#{};", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted_when_not_plain() {
        assert_eq!(name("Cup of Tea"), "Cup of Tea");
        assert_eq!(name("Hot-Water"), "\"Hot-Water\"");
        assert_eq!(name("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(name("build pipeline"), "\"build pipeline\"");
        assert_eq!(name("A\nB"), "\"A B\"");
    }
}
