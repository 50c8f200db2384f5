//! WardleyMap → `maps/ID.toml` text, in the format of docs/format.md.
//!
//! Written by hand rather than through serde so the file reads like the documentation: one
//! `[component.ID]` table per component in map order, defaults left out, numbers always as
//! TOML floats (a coordinate of 1 is `1.0`), multi-line text as `"""` strings.

use std::fmt::Write as _;

use crate::workspace::model::{
    AreaKind, ComponentKind, LinkFlow, Need, WardleyMap, DEFAULT_STAGES,
};
use crate::workspace::Reference;

/// The whole file. The map's id is the file stem, so it is not written.
pub fn to_toml(map: &WardleyMap) -> String {
    let mut out = String::new();
    out.push_str("[map]\n");
    kv(&mut out, "title", &string(&map.title));
    if map.stages != DEFAULT_STAGES.map(String::from) {
        let stages: Vec<String> = map.stages.iter().map(|s| string(s)).collect();
        kv(&mut out, "stages", &format!("[{}]", stages.join(", ")));
    }
    if let Some(style) = &map.style {
        kv(&mut out, "style", &string(style));
    }
    if let Some(size) = map.size {
        kv(&mut out, "size", &floats(&size));
    }
    if let Some(at) = map.annotations_at {
        kv(&mut out, "annotations-at", &floats(&at));
    }
    if map.hide_evolution {
        kv(&mut out, "hide-evolution", "true");
    }
    if let Some(text) = &map.hide_value_chain {
        kv(&mut out, "hide-value-chain", &string(text));
    }
    if !map.description.is_empty() {
        kv(&mut out, "description", &string(&map.description));
    }
    if !map.links.is_empty() {
        kv(&mut out, "links", &references(&map.links));
    }

    for c in &map.components {
        let _ = writeln!(out, "\n[component.{}]", key(&c.id));
        kv(&mut out, "name", &string(&c.name));
        match c.kind {
            ComponentKind::Component => {}
            ComponentKind::Anchor => kv(&mut out, "kind", "\"anchor\""),
            ComponentKind::Submap => kv(&mut out, "kind", "\"submap\""),
        }
        kv(&mut out, "visibility", &float(c.visibility));
        kv(&mut out, "evolution", &float(c.evolution));
        if !c.needs.is_empty() {
            let needs: Vec<String> = c.needs.iter().map(need).collect();
            kv(&mut out, "needs", &format!("[{}]", needs.join(", ")));
        }
        if c.inertia {
            kv(&mut out, "inertia", "true");
        }
        if let Some(e) = c.evolve {
            kv(&mut out, "evolve", &float(e));
        }
        if let Some(n) = &c.evolve_name {
            kv(&mut out, "evolve-name", &string(n));
        }
        match c.sourcing.as_slice() {
            [] => {}
            [one] => kv(&mut out, "sourcing", &string(one.as_str())),
            many => {
                let words: Vec<String> = many.iter().map(|s| string(s.as_str())).collect();
                kv(&mut out, "sourcing", &format!("[{}]", words.join(", ")));
            }
        }
        if let Some(label) = c.label {
            kv(&mut out, "label", &floats(&label));
        }
        if let Some(p) = &c.pipeline {
            kv(&mut out, "pipeline", &string(p));
        }
        if let Some(u) = &c.url {
            kv(&mut out, "url", &string(u));
        }
        if !c.note.is_empty() {
            kv(&mut out, "note", &string(&c.note));
        }
        if !c.links.is_empty() {
            kv(&mut out, "links", &references(&c.links));
        }
    }

    for p in &map.pipelines {
        let _ = writeln!(out, "\n[pipeline.{}]", key(&p.component));
        if let Some(range) = p.range {
            kv(&mut out, "range", &floats(&range));
        }
    }
    for n in &map.notes {
        out.push_str("\n[[note]]\n");
        kv(&mut out, "text", &string(&n.text));
        kv(&mut out, "visibility", &float(n.visibility));
        kv(&mut out, "evolution", &float(n.evolution));
    }
    for a in &map.annotations {
        out.push_str("\n[[annotation]]\n");
        kv(&mut out, "number", &a.number.to_string());
        let points: Vec<String> = a.points.iter().map(|p| floats(p)).collect();
        kv(&mut out, "points", &format!("[{}]", points.join(", ")));
        kv(&mut out, "text", &string(&a.text));
    }
    for a in &map.areas {
        out.push_str("\n[[area]]\n");
        let kind = match a.kind {
            AreaKind::Pioneers => "pioneers",
            AreaKind::Settlers => "settlers",
            AreaKind::Townplanners => "townplanners",
        };
        kv(&mut out, "kind", &string(kind));
        kv(&mut out, "rect", &floats(&a.rect));
    }
    for a in &map.accelerators {
        out.push_str("\n[[accelerator]]\n");
        kv(&mut out, "name", &string(&a.name));
        let kind = if a.decelerator {
            "deaccelerator"
        } else {
            "accelerator"
        };
        kv(&mut out, "kind", &string(kind));
        kv(&mut out, "visibility", &float(a.visibility));
        kv(&mut out, "evolution", &float(a.evolution));
    }
    for u in &map.urls {
        let _ = writeln!(out, "\n[url.{}]", key(&u.id));
        kv(&mut out, "address", &string(&u.address));
    }
    out
}

fn kv(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} = {value}");
}

fn need(n: &Need) -> String {
    if n.flow == LinkFlow::None && n.label.is_none() && n.context.is_none() {
        return string(&n.to);
    }
    let mut parts = vec![format!("to = {}", string(&n.to))];
    match n.flow {
        LinkFlow::None => {}
        LinkFlow::Forward => parts.push("flow = \"forward\"".into()),
        LinkFlow::Backward => parts.push("flow = \"backward\"".into()),
        LinkFlow::Both => parts.push("flow = \"both\"".into()),
    }
    if let Some(l) = &n.label {
        parts.push(format!("label = {}", single_line(l)));
    }
    if let Some(c) = &n.context {
        parts.push(format!("context = {}", single_line(c)));
    }
    format!("{{ {} }}", parts.join(", "))
}

fn references(refs: &[Reference]) -> String {
    let items: Vec<String> = refs.iter().map(|r| string(&r.to_string())).collect();
    format!("[{}]", items.join(", "))
}

/// A table key: bare when TOML allows it, else quoted.
fn key(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        k.to_string()
    } else {
        single_line(k)
    }
}

/// A TOML float that reads back as exactly `x`.
pub fn float(x: f64) -> String {
    if x.is_nan() {
        "nan".to_string()
    } else if x.is_infinite() {
        if x > 0.0 { "inf" } else { "-inf" }.to_string()
    } else {
        let s = format!("{x}");
        if s.contains('.') {
            s
        } else {
            format!("{s}.0")
        }
    }
}

fn floats(xs: &[f64]) -> String {
    let items: Vec<String> = xs.iter().map(|x| float(*x)).collect();
    format!("[{}]", items.join(", "))
}

/// A string: `"""` when it spans lines (inline tables must stay on one line, see
/// [`single_line`]).
fn string(s: &str) -> String {
    if s.contains('\n') {
        let mut out = String::from("\"\"\"\n");
        for c in s.chars() {
            escape_into(&mut out, c, true);
        }
        out.push_str("\"\"\"");
        out
    } else {
        single_line(s)
    }
}

/// A basic string `"..."`, newlines escaped.
fn single_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        escape_into(&mut out, c, false);
    }
    out.push('"');
    out
}

fn escape_into(out: &mut String, c: char, raw_newlines: bool) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' if raw_newlines => out.push('\n'),
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        c if (c as u32) < 0x20 || c == '\u{7f}' => {
            let _ = write!(out, "\\u{:04X}", c as u32);
        }
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_valid_toml() {
        assert_eq!(float(1.0), "1.0");
        assert_eq!(float(-85.48), "-85.48");
        assert_eq!(float(f64::NAN), "nan");
        assert_eq!(single_line("a\"b\\c\nd\u{1b}"), r#""a\"b\\c\nd\u001B""#);
        assert_eq!(key("submapUrl"), "submapUrl");
        assert_eq!(key("a b"), "\"a b\"");
        let text = format!("x = {}\ny = {}\n", string("l1\nl2 \"\"\" \\"), string(""));
        let v: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(v["x"].as_str(), Some("l1\nl2 \"\"\" \\"));
        assert_eq!(v["y"].as_str(), Some(""));
    }
}
