//! WardleyMap → OWM text that OWM (and [`super::parse`]) reads back unchanged.
//!
//! Coordinates are written exactly (shortest form that reads back to the same number), not
//! rounded to OWM's two decimals, so import → export → import keeps every coordinate.
//! Components come in model order; a pipeline's block is written where its first child sits,
//! so the children keep their place. What OWM text cannot carry is listed by
//! [`export_warnings`].

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use super::RESERVED;
use crate::workspace::model::{
    AreaKind, Component, ComponentKind, LinkFlow, WardleyMap, DEFAULT_STAGES,
};

/// The map as OWM text.
pub fn write(map: &WardleyMap) -> String {
    write_with_warnings(map).0
}

/// What [`write`] could not say faithfully (names with `//`, flow labels on plain links, ...).
pub fn export_warnings(map: &WardleyMap) -> Vec<String> {
    write_with_warnings(map).1
}

/// The text and the warnings together.
pub fn write_with_warnings(map: &WardleyMap) -> (String, Vec<String>) {
    let mut w = Writer {
        out: String::new(),
        warnings: Vec::new(),
    };
    w.map(map);
    (w.out, w.warnings)
}

struct Writer {
    out: String,
    warnings: Vec<String>,
}

impl Writer {
    fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn map(&mut self, map: &WardleyMap) {
        if !map.title.is_empty() {
            let title = self.plain_text(&map.title, "title");
            self.line(&format!("title {title}"));
        }
        let custom_stages = map.stages != DEFAULT_STAGES.map(String::from);
        if custom_stages || map.hide_evolution {
            let mut s = String::from("evolution");
            if map.hide_evolution {
                s.push_str(" --hide");
            }
            if custom_stages {
                let stages: Vec<String> = map
                    .stages
                    .iter()
                    .map(|st| {
                        let t = self.plain_text(st, "stage label");
                        if t.contains("->") {
                            self.warnings
                                .push(format!("stage label `{t}` contains `->`; written as `→`"));
                        }
                        t.replace("->", "→")
                    })
                    .collect();
                let _ = write!(s, " {}", stages.join("->"));
            }
            self.line(&s);
        }
        if let Some(text) = &map.hide_value_chain {
            let text = self.plain_text(text, "value chain label");
            if text.is_empty() {
                self.line("valuechain --hide");
            } else {
                self.line(&format!("valuechain --hide {text}"));
            }
        }
        if let Some(style) = &map.style {
            let style = self.plain_text(style, "style");
            self.line(&format!("style {style}"));
        }
        if let Some([w, h]) = map.size {
            self.line(&format!("size [{}, {}]", num(w), num(h)));
        }
        self.out.push('\n');
        self.components(map);
        self.links(map);
        self.extras(map);
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
    }

    fn components(&mut self, map: &WardleyMap) {
        let by_id: HashMap<&str, &Component> =
            map.components.iter().map(|c| (c.id.as_str(), c)).collect();
        let pipeline_index: HashMap<&str, usize> = map
            .pipelines
            .iter()
            .enumerate()
            .map(|(i, p)| (p.component.as_str(), i))
            .collect();
        // Children grouped once, in map order: a scan per pipeline is quadratic.
        let mut children_of: HashMap<&str, Vec<&Component>> = HashMap::new();
        for k in &map.components {
            if let Some(p) = k.pipeline.as_deref() {
                children_of.entry(p).or_default().push(k);
            }
        }
        let mut written_pipelines: HashSet<usize> = HashSet::new();
        // every pipeline before this one has been written
        let mut unwritten_from = 0;
        let mut written_blocks: HashSet<&str> = HashSet::new();
        for c in &map.components {
            let parent = c
                .pipeline
                .as_deref()
                .filter(|p| by_id.get(p).is_some_and(|pc| pc.pipeline.is_none()));
            if let Some(parent) = parent {
                if !written_blocks.insert(parent) {
                    continue;
                }
                // Childless pipelines listed before this one go first, to keep their order.
                if let Some(&pi) = pipeline_index.get(parent) {
                    for earlier in unwritten_from..pi {
                        if written_pipelines.insert(earlier) {
                            self.pipeline_header(map, earlier, &by_id);
                        }
                    }
                    unwritten_from = unwritten_from.max(pi);
                    written_pipelines.insert(pi);
                }
                let name = self.name(&by_id[parent].name);
                match pipeline_index
                    .get(parent)
                    .and_then(|&i| map.pipelines[i].range)
                {
                    Some([a, b]) => self.line(&format!("pipeline {name} [{}, {}]", num(a), num(b))),
                    None => self.line(&format!("pipeline {name}")),
                }
                self.line("{");
                for &child in children_of.get(parent).map(Vec::as_slice).unwrap_or(&[]) {
                    let text = self.component_line(child, true);
                    self.line(&format!("  {text}"));
                    if let Some(e) = self.evolve_line(child) {
                        self.line(&format!("  {e}"));
                    }
                }
                self.line("}");
            } else {
                if let Some(p) = &c.pipeline {
                    self.warnings.push(format!(
                        "`{}` is in pipeline `{p}`, which is no top-level component; written as a plain component",
                        c.name
                    ));
                }
                let text = self.component_line(c, false);
                self.line(&text);
                if let Some(e) = self.evolve_line(c) {
                    self.line(&e);
                }
            }
        }
        for i in 0..map.pipelines.len() {
            if written_pipelines.insert(i) {
                self.pipeline_header(map, i, &by_id);
            }
        }
        self.out.push('\n');
    }

    /// A pipeline with no children: legacy range box, or an empty v2 block.
    fn pipeline_header(&mut self, map: &WardleyMap, i: usize, by_id: &HashMap<&str, &Component>) {
        let p = &map.pipelines[i];
        let Some(parent) = by_id.get(p.component.as_str()) else {
            self.warnings.push(format!(
                "pipeline on `{}`, which is no component; not written",
                p.component
            ));
            return;
        };
        let name = self.name(&parent.name);
        match p.range {
            Some([a, b]) => self.line(&format!("pipeline {name} [{}, {}]", num(a), num(b))),
            None => self.line(&format!("pipeline {name}")),
        }
    }

    fn component_line(&mut self, c: &Component, child: bool) -> String {
        let keyword = match c.kind {
            ComponentKind::Component => "component",
            ComponentKind::Anchor => "anchor",
            ComponentKind::Submap => "submap",
        };
        let mut s = format!("{keyword} {}", self.name(&c.name));
        if child {
            let _ = write!(s, " [{}]", num(c.evolution));
        } else {
            let _ = write!(s, " [{}, {}]", num(c.visibility), num(c.evolution));
        }
        if let Some([x, y]) = c.label {
            let _ = write!(s, " label [{}, {}]", num(x), num(y));
        }
        if c.kind == ComponentKind::Anchor {
            if !c.sourcing.is_empty() || c.inertia {
                self.warnings.push(format!(
                    "anchor `{}`: OWM has no sourcing or inertia on anchors; not written",
                    c.name
                ));
            }
        } else {
            if !c.sourcing.is_empty() {
                let words: Vec<&str> = c.sourcing.iter().map(|s| s.as_str()).collect();
                let _ = write!(s, " ({})", words.join(", "));
            }
            if c.inertia {
                s.push_str(" inertia");
            }
        }
        if let Some(url) = &c.url {
            if c.kind == ComponentKind::Submap {
                let url = self.plain_text(url, "submap url");
                let _ = write!(s, " url({})", url.replace(')', "%29"));
            } else {
                self.warnings.push(format!(
                    "`{}`: only submaps carry a url in OWM; not written",
                    c.name
                ));
            }
        }
        s
    }

    fn evolve_line(&mut self, c: &Component) -> Option<String> {
        let m = c.evolve?;
        let mut s = format!("evolve {}", self.name(&c.name));
        if let Some(new) = &c.evolve_name {
            let _ = write!(s, "->{}", self.name(new));
        }
        let _ = write!(s, " {}", decimal(m));
        Some(s)
    }

    fn links(&mut self, map: &WardleyMap) {
        let names: HashMap<&str, &str> = map
            .components
            .iter()
            .map(|c| (c.id.as_str(), c.name.as_str()))
            .collect();
        let mut any = false;
        for c in &map.components {
            for need in &c.needs {
                let Some(to) = names.get(need.to.as_str()) else {
                    self.warnings.push(format!(
                        "`{}` needs `{}`, which is no component of this map; link not written",
                        c.name, need.to
                    ));
                    continue;
                };
                let from = self.name(&c.name);
                let to = self.name(to);
                let label = match (&need.label, need.flow) {
                    (Some(_), LinkFlow::None) => {
                        self.warnings.push(format!(
                            "`{}` → `{}`: OWM labels only flows; label not written",
                            c.name, need.to
                        ));
                        None
                    }
                    (Some(l), _) if l.contains("'>") || l.contains("'<") => {
                        self.warnings.push(format!(
                            "flow label `{l}` contains `'>` or `'<`, which OWM cannot read; not written"
                        ));
                        None
                    }
                    (Some(l), _) => Some(self.plain_text(l, "flow label")),
                    (None, _) => None,
                };
                let arrow = match (need.flow, label) {
                    (LinkFlow::None, _) => "->".to_string(),
                    (LinkFlow::Forward, None) => "+>".to_string(),
                    (LinkFlow::Backward, None) => "+<".to_string(),
                    (LinkFlow::Both, None) => "+<>".to_string(),
                    (LinkFlow::Forward, Some(l)) => format!("+'{l}'>"),
                    (LinkFlow::Backward, Some(l)) => format!("+'{l}'<"),
                    (LinkFlow::Both, Some(l)) => format!("+'{l}'<>"),
                };
                let mut s = format!("{from}{arrow}{to}");
                if let Some(ctx) = &need.context {
                    let ctx = self.plain_text(ctx, "link context");
                    let _ = write!(s, "; {ctx}");
                }
                self.line(&s);
                any = true;
            }
        }
        if any {
            self.out.push('\n');
        }
    }

    fn extras(&mut self, map: &WardleyMap) {
        for n in &map.notes {
            let text = self.note_text(&n.text);
            self.line(&format!(
                "note {text} [{}, {}]",
                num(n.visibility),
                num(n.evolution)
            ));
        }
        for a in &map.annotations {
            let points: Vec<String> = a
                .points
                .iter()
                .map(|[v, m]| format!("[{}, {}]", num(*v), num(*m)))
                .collect();
            let at = match points.len() {
                0 => {
                    self.warnings.push(format!(
                        "annotation {} has no points; not written",
                        a.number
                    ));
                    continue;
                }
                1 => points[0].clone(),
                _ => format!("[{}]", points.join(", ")),
            };
            let text = self.plain_text(&a.text, "annotation");
            if text.contains(']') {
                self.warnings.push(format!(
                    "annotation {}: OWM cuts the text at `]` (wheelhouse reads it whole)",
                    a.number
                ));
            }
            self.line(format!("annotation {} {at} {text}", a.number).trim_end());
        }
        if let Some([v, m]) = map.annotations_at {
            self.line(&format!("annotations [{}, {}]", num(v), num(m)));
        }
        for a in &map.areas {
            let kind = match a.kind {
                AreaKind::Pioneers => "pioneers",
                AreaKind::Settlers => "settlers",
                AreaKind::Townplanners => "townplanners",
            };
            let [a1, a2, a3, a4] = a.rect.map(num);
            self.line(&format!("{kind} [{a1}, {a2}, {a3}, {a4}]"));
        }
        for a in &map.accelerators {
            let kind = if a.decelerator {
                "deaccelerator"
            } else {
                "accelerator"
            };
            let name = self.name(&a.name);
            self.line(&format!(
                "{kind} {name} [{}, {}]",
                num(a.visibility),
                num(a.evolution)
            ));
        }
        for u in &map.urls {
            // `url` lines are exempt from `//` stripping, so name and address go as they are.
            let id = u.id.replace(['\n', '\r'], " ");
            let address = u.address.replace(['\n', '\r'], " ");
            self.line(&format!("url {id} [{address}]"));
        }
    }

    /// A component or accelerator name, quoted when OWM would misread it bare.
    fn name(&mut self, name: &str) -> String {
        let name = self.no_comments(name, "name");
        if needs_quotes(&name) {
            quote(&name)
        } else {
            name
        }
    }

    fn note_text(&mut self, text: &str) -> String {
        let text = self.no_comments(text, "note");
        if text.is_empty()
            || text.starts_with('"')
            || text.contains(['[', ']', '\n', '\r', '\t', '\\'])
            || text.trim() != text
        {
            quote(&text)
        } else {
            text
        }
    }

    /// Single-line free text (titles, labels, contexts): newlines become spaces.
    fn plain_text(&mut self, text: &str, what: &str) -> String {
        let mut t = self.no_comments(text, what);
        if t.contains(['\n', '\r']) {
            self.warnings
                .push(format!("{what} `{t}` spans lines; written on one line"));
            t = t.replace("\r\n", " ").replace(['\n', '\r'], " ");
        }
        t.trim().to_string()
    }

    /// OWM has no escape for `//` and `/*`: they would start a comment.
    fn no_comments(&mut self, text: &str, what: &str) -> String {
        if text.contains("//") || text.contains("/*") {
            self.warnings.push(format!(
                "{what} `{text}` contains `//` or `/*`, which OWM reads as a comment; written as `/ /`, `/ *`"
            ));
            text.replace("//", "/ /").replace("/*", "/ *")
        } else {
            text.to_string()
        }
    }
}

/// When a bare name would be misread by OWM or by our own reader.
pub fn needs_quotes(name: &str) -> bool {
    if name.is_empty() || name.trim() != name {
        return true;
    }
    if name.contains("->")
        || name.contains("+>")
        || name.contains("+<")
        || name.contains("+'")
        || name.contains(['[', ']', '"', '\\', '\n', '\r', '\t', ';'])
        || name.starts_with(['{', '}'])
    {
        return true;
    }
    let first = name.split_whitespace().next().unwrap_or("");
    if RESERVED.contains(&first) || first == "y-axis" {
        return true;
    }
    // `Foo (build)` would lose its decorator group to the name, and a trailing
    // `inertia` would be read as the flag.
    if name.split('(').skip(1).any(|g| {
        let inner = g.split(')').next().unwrap_or("");
        inner.split(',').any(|w| {
            matches!(
                w.trim(),
                "build" | "buy" | "outsource" | "market" | "ecosystem" | "inertia"
            )
        })
    }) || name.ends_with(" inertia")
    {
        return true;
    }
    // OWM takes the first ` 0.5`-like number on an evolve line as the maturity.
    let b = name.as_bytes();
    (0..b.len()).any(|i| {
        b[i].is_ascii_whitespace()
            && match (b.get(i + 1), b.get(i + 2), b.get(i + 3)) {
                (Some(b'.'), Some(d), _) => d.is_ascii_digit(),
                (Some(d), Some(b'.'), Some(e)) => d.is_ascii_digit() && e.is_ascii_digit(),
                _ => false,
            }
    })
}

/// `"..."` with OWM's escapes.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The shortest text that reads back as the same number; non-finite values as 0.
pub fn num(x: f64) -> String {
    if x.is_finite() {
        if x == 0.0 {
            "0".to_string()
        } else {
            format!("{x}")
        }
    } else {
        "0".to_string()
    }
}

/// Like [`num`] but always with a decimal point, which OWM needs on `evolve` lines.
fn decimal(x: f64) -> String {
    let s = num(x);
    if s.contains('.') {
        s
    } else {
        format!("{s}.0")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_exact_and_short() {
        assert_eq!(num(0.5), "0.5");
        assert_eq!(num(1.0), "1");
        assert_eq!(num(-85.48), "-85.48");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(-0.0), "0");
        assert_eq!(decimal(1.0), "1.0");
        assert_eq!(decimal(0.62), "0.62");
        let tricky = 0.1 + 0.2;
        assert_eq!(num(tricky).parse::<f64>().unwrap(), tricky);
    }

    #[test]
    fn quoting_rules() {
        assert!(!needs_quotes("Cup of Tea"));
        assert!(!needs_quotes("Payments (EU)"));
        assert!(!needs_quotes("Café ☕"));
        assert!(needs_quotes("build release cycle"));
        assert!(needs_quotes("A->B"));
        assert!(needs_quotes("Foo (buy)"));
        assert!(needs_quotes("Web 2.0"));
        assert!(needs_quotes("x [y]"));
        assert!(needs_quotes(" padded"));
        assert!(needs_quotes(""));
        assert_eq!(quote("a\"b\\c\nd[e]"), r#""a\"b\\c\nd\[e\]""#);
    }
}
