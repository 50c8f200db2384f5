//! OWM text → [`WardleyMap`] plus diagnostics with 1-based line numbers.
//!
//! Two passes: the first reads every line into raw statements (names, not ids), the second
//! gives components their ids and resolves what refers to them by name (pipelines, evolves,
//! links, legacy `build X` lines), so statement order does not matter, as in OWM.
//! Nothing is dropped without a diagnostic.
//!
//! Here: the reader's state, comment stripping and the statement dispatcher; the statements
//! themselves in `components`, `evolution` and `links`, the second pass in `resolve`, the
//! pieces of a line (names, numbers, decorators) in `lex`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

mod components;
mod evolution;
mod lex;
mod links;
mod resolve;

use super::{normalise_name, IdAllocator, RESERVED};
use crate::workspace::model::{
    Accelerator, Annotation, Area, AreaKind, Component, ComponentKind, LinkFlow, MapNote, MapUrl,
    Need, Origin, Pipeline, Sourcing, WardleyMap,
};
use crate::workspace::{Diagnostic, Severity};
use lex::*;
use links::*;

/// What OWM uses for missing or non-numeric coordinates: `[visibility, maturity]`.
pub const DEFAULT_POSITION: [f64; 2] = [0.9, 0.1];
/// OWM's evolve target when the maturity is missing or malformed.
pub const DEFAULT_EVOLVE: f64 = 0.85;
/// OWM's maturity for a pipeline child without one.
pub const DEFAULT_CHILD_MATURITY: f64 = 0.2;
/// Size assumed when converting legacy pixel-sized PST areas (OWM's default canvas).
const LEGACY_CANVAS: [f64; 2] = [500.0, 600.0];

pub const STYLES: [&str; 5] = ["plain", "wardley", "handwritten", "colour", "dark"];

/// The result of reading one OWM text: the map, and everything worth telling about it.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub map: WardleyMap,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads OWM text. `id` becomes the map id; `path` is only used in diagnostics. Never fails,
/// never panics: what cannot be placed becomes a diagnostic.
pub fn parse(text: &str, id: &str, path: &Path) -> Parsed {
    let mut p = Reader::new(id, path);
    let lines = p.strip_comments(text);
    p.read_lines(&lines);
    p.resolve();
    p.diags.sort_by_key(|d| d.line);
    Parsed {
        map: p.map,
        diagnostics: p.diags,
    }
}

struct RawComponent {
    name: String,
    kind: ComponentKind,
    pos: [f64; 2],
    label: Option<[f64; 2]>,
    sourcing: Vec<Sourcing>,
    inertia: bool,
    evolve: Option<f64>,
    url: Option<String>,
    /// Index into `Reader::pipelines` when this is a pipeline child.
    block: Option<usize>,
    line: u32,
    col: u32,
}

struct RawPipeline {
    name: String,
    range: Option<[f64; 2]>,
    line: u32,
    col: u32,
}

struct RawEvolve {
    name: String,
    new_name: Option<String>,
    maturity: Option<f64>,
    /// A maturity written without a decimal point (`evolve X 1`), which OWM does not see.
    whole_number: Option<String>,
    line: u32,
    col: u32,
}

struct RawLink {
    from: String,
    to: String,
    flow: LinkFlow,
    label: Option<String>,
    context: Option<String>,
    line: u32,
    col: u32,
}

struct RawMethod {
    name: String,
    sourcing: Sourcing,
    line: u32,
    col: u32,
}

struct Reader {
    path: PathBuf,
    map: WardleyMap,
    diags: Vec<Diagnostic>,
    title_seen: bool,
    comps: Vec<RawComponent>,
    pipelines: Vec<RawPipeline>,
    evolves: Vec<RawEvolve>,
    links: Vec<RawLink>,
    methods: Vec<RawMethod>,
}

/// One statement's place, for diagnostics and origins.
#[derive(Clone, Copy)]
struct At {
    line: u32,
    col: u32,
}

impl Reader {
    fn new(id: &str, path: &Path) -> Self {
        Reader {
            path: path.to_path_buf(),
            map: WardleyMap::new(id, 0, ""),
            diags: Vec::new(),
            title_seen: false,
            comps: Vec::new(),
            pipelines: Vec::new(),
            evolves: Vec::new(),
            links: Vec::new(),
            methods: Vec::new(),
        }
    }

    fn diag(&mut self, at: At, severity: Severity, code: &'static str, message: String) {
        self.diags.push(Diagnostic {
            file: self.path.clone(),
            line: at.line,
            col: at.col,
            severity,
            code,
            message,
            target: None,
        });
    }

    fn warn(&mut self, at: At, code: &'static str, message: String) {
        self.diag(at, Severity::Warning, code, message);
    }

    fn error(&mut self, at: At, code: &'static str, message: String) {
        self.diag(at, Severity::Error, code, message);
    }

    fn origin(&self, at: At) -> Origin {
        Origin {
            file: self.map.file,
            line: at.line,
            col: at.col,
        }
    }

    /// Removes `//` comments (except on `url` lines, as OWM does) and `/* */` blocks, keeping
    /// line numbers. Unlike OWM, a `*/` on the line of its `/*` closes the comment.
    fn strip_comments(&mut self, text: &str) -> Vec<String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut out = Vec::new();
        let mut open_at: Option<At> = None;
        for (i, line) in text.lines().enumerate() {
            let line_no = i as u32 + 1;
            // A carriage return inside a line (not before its newline) is noise: a space.
            let spaced;
            let line = if line.contains('\r') {
                spaced = line.replace('\r', " ");
                spaced.as_str()
            } else {
                line
            };
            let keep_slashes = line.trim_start().starts_with("url");
            let mut kept = String::with_capacity(line.len());
            // Offsets into `line`, so that no search starts over: the next `//` is found once
            // and reused until passed, and columns are counted on from the last one (a line of
            // 150,000 `/*` took one scan to its end per comment).
            let mut pos = 0;
            let mut slashes: Option<Option<usize>> = None;
            let mut counted = (0, 0u32);
            loop {
                if open_at.is_some() {
                    match line[pos..].find("*/") {
                        Some(end) => {
                            open_at = None;
                            pos += end + 2;
                        }
                        None => break,
                    }
                } else {
                    let block = line[pos..].find("/*").map(|b| pos + b);
                    let s = if keep_slashes {
                        None
                    } else {
                        if slashes.is_none_or(|s| s.is_some_and(|s| s < pos)) {
                            slashes = Some(line[pos..].find("//").map(|s| pos + s));
                        }
                        slashes.flatten()
                    };
                    match (block, s) {
                        (Some(b), s) if s.is_none_or(|s| b < s) => {
                            kept.push_str(&line[pos..b]);
                            counted.1 += line[counted.0..b].chars().count() as u32;
                            counted.0 = b;
                            open_at = Some(At {
                                line: line_no,
                                col: counted.1 + 1,
                            });
                            pos = b + 2;
                        }
                        (_, Some(s)) => {
                            kept.push_str(&line[pos..s]);
                            break;
                        }
                        _ => {
                            kept.push_str(&line[pos..]);
                            break;
                        }
                    }
                }
            }
            out.push(kept);
        }
        if let Some(at) = open_at {
            self.warn(
                at,
                "owm-syntax",
                "`/*` comment is never closed: everything after it is ignored".into(),
            );
        }
        out
    }

    fn read_lines(&mut self, lines: &[String]) {
        // The pipeline whose `{` may come next, and the pipeline block we are inside.
        let mut awaiting_block: Option<usize> = None;
        let mut block: Option<(usize, At)> = None;
        for (i, raw) in lines.iter().enumerate() {
            let t = raw.trim();
            if t.is_empty() {
                continue;
            }
            let indent = raw.len() - raw.trim_start().len();
            let at = At {
                line: i as u32 + 1,
                col: raw[..indent].chars().count() as u32 + 1,
            };
            let awaiting = awaiting_block.take();
            if let Some(rest) = t.strip_prefix('{') {
                match awaiting {
                    Some(p) if block.is_none() => block = Some((p, at)),
                    _ => self.warn(
                        at,
                        "owm-syntax",
                        "`{` does not follow a `pipeline` line; ignored".into(),
                    ),
                }
                if !rest.trim().is_empty() {
                    self.warn(
                        at,
                        "owm-syntax",
                        format!("text after `{{` ignored: `{}`", rest.trim()),
                    );
                }
                continue;
            }
            if let Some(rest) = t.strip_prefix('}') {
                if block.take().is_none() {
                    self.warn(at, "owm-syntax", "`}` closes no pipeline; ignored".into());
                }
                if !rest.trim().is_empty() {
                    self.warn(
                        at,
                        "owm-syntax",
                        format!("text after `}}` ignored: `{}`", rest.trim()),
                    );
                }
                continue;
            }
            if let (Some((p, _)), Some(rest)) = (block, keyword(t, "component")) {
                self.read_component(rest, ComponentKind::Component, Some(p), at);
                continue;
            }
            if let Some(opened) = self.statement(t, raw, at, block.is_some()) {
                match opened {
                    Opened::Awaiting(p) => awaiting_block = Some(p),
                    Opened::Now(p) => block = Some((p, at)),
                }
            }
        }
        if let Some((_, at)) = block {
            self.warn(
                at,
                "owm-syntax",
                "pipeline block is never closed with `}`".into(),
            );
        }
    }

    /// Reads one statement. Returns the pipeline a following `{` (or this line's `{`) opens.
    fn statement(&mut self, t: &str, raw: &str, at: At, in_block: bool) -> Option<Opened> {
        let word = t.split_whitespace().next().unwrap_or("");
        // Legacy sourcing keywords in front of a link: OWM drops the line; we read the link.
        let arrow_after_keyword = matches!(
            word,
            "build" | "buy" | "outsource" | "market" | "ecosystem" | "style" | "size"
        ) && find_arrow(t).is_some();
        if arrow_after_keyword {
            self.warn(
                at,
                "owm-legacy",
                format!("OWM drops this link because it starts with `{word}`; read as a link (quote the name to keep it in OWM)"),
            );
            self.read_link(t, at);
            return None;
        }
        if let Some(rest) = keyword(t, "title") {
            self.read_title(rest, raw, at);
        } else if let Some(rest) = keyword(t, "component") {
            self.read_component(rest, ComponentKind::Component, None, at);
        } else if let Some(rest) = keyword(t, "anchor") {
            self.read_component(rest, ComponentKind::Anchor, None, at);
        } else if let Some(rest) = keyword(t, "submap") {
            self.read_component(rest, ComponentKind::Submap, None, at);
        } else if let Some(rest) = keyword(t, "evolve") {
            self.read_evolve(rest, at);
        } else if let Some(rest) = keyword(t, "pipeline") {
            if in_block {
                self.warn(
                    at,
                    "owm-syntax",
                    "`pipeline` inside a pipeline block; the block is treated as closed".into(),
                );
            }
            return self.read_pipeline(rest, at);
        } else if let Some(rest) = keyword(t, "note") {
            self.read_note(rest, at);
        } else if let Some(rest) = keyword(t, "annotation") {
            self.read_annotation(rest, at);
        } else if let Some(rest) = keyword(t, "annotations") {
            match bracket_numbers(rest).map(|(n, _)| n) {
                Some(n) => {
                    self.map.annotations_at =
                        Some(pair(&n, DEFAULT_POSITION, at, self, "annotations"))
                }
                None => self.map.annotations_at = Some(DEFAULT_POSITION),
            }
        } else if let Some(rest) = keyword(t, "evolution") {
            self.read_evolution(rest, at);
        } else if let Some(rest) = keyword(t, "valuechain") {
            self.read_valuechain(rest, at);
        } else if let Some(rest) = keyword(t, "style") {
            let style = rest.trim();
            if !STYLES.contains(&style) {
                self.warn(
                    at,
                    "bad-value",
                    format!("unknown style `{style}` (known: plain, wardley, handwritten, colour, dark); kept"),
                );
            }
            self.map.style = Some(style.to_string());
        } else if let Some(rest) = keyword(t, "size") {
            match bracket_numbers(rest) {
                Some((n, _)) if n.len() >= 2 && n[0].is_some() && n[1].is_some() => {
                    self.map.size = Some([n[0].unwrap_or(0.0), n[1].unwrap_or(0.0)]);
                }
                _ => self.warn(
                    at,
                    "owm-syntax",
                    "`size` needs `[width, height]` in pixels; ignored".into(),
                ),
            }
        } else if let Some(rest) = keyword(t, "url") {
            self.read_url(rest, at);
        } else if let Some((rest, kind)) = keyword(t, "pioneers")
            .map(|r| (r, AreaKind::Pioneers))
            .or_else(|| keyword(t, "settlers").map(|r| (r, AreaKind::Settlers)))
            .or_else(|| keyword(t, "townplanners").map(|r| (r, AreaKind::Townplanners)))
        {
            self.read_area(rest, kind, at);
        } else if let Some((rest, decelerator)) = keyword(t, "accelerator")
            .map(|r| (r, false))
            .or_else(|| keyword(t, "deaccelerator").map(|r| (r, true)))
        {
            self.read_accelerator(rest, decelerator, at);
        } else if let Some((rest, sourcing)) = keyword(t, "market")
            .map(|r| (r, Sourcing::Market))
            .or_else(|| keyword(t, "ecosystem").map(|r| (r, Sourcing::Ecosystem)))
        {
            self.warn(
                at,
                "owm-legacy",
                format!("legacy `{word} NAME [..]`, which OWM now rejects; read as `component NAME [..] ({word})`"),
            );
            let before = self.comps.len();
            self.read_component(rest, ComponentKind::Component, None, at);
            if let Some(c) = self.comps.get_mut(before) {
                if !c.sourcing.contains(&sourcing) {
                    c.sourcing.insert(0, sourcing);
                }
            }
        } else if let Some((rest, sourcing)) = keyword(t, "build")
            .map(|r| (r, Sourcing::Build))
            .or_else(|| keyword(t, "buy").map(|r| (r, Sourcing::Buy)))
            .or_else(|| keyword(t, "outsource").map(|r| (r, Sourcing::Outsource)))
        {
            let (name, _) = split_name(rest);
            self.methods.push(RawMethod {
                name: name.unwrap_or_else(|| rest.trim().to_string()),
                sourcing,
                line: at.line,
                col: at.col,
            });
        } else if keyword(t, "y-axis").is_some() {
            self.warn(
                at,
                "owm-legacy",
                "legacy `y-axis` labels are not supported (OWM reads them as a bogus link); ignored"
                    .into(),
            );
        } else if RESERVED.contains(&word) && find_arrow(t).is_none() {
            self.warn(
                at,
                "owm-syntax",
                format!("`{word}` needs something after it; line ignored"),
            );
        } else if find_arrow(t).is_some() {
            self.read_link(t, at);
        } else {
            self.warn(
                at,
                "owm-syntax",
                format!("not an OWM statement, ignored: `{}`", clip(t)),
            );
        }
        None
    }
}

/// A link as kept: from (component index), to (id), flow, label, context.
pub(super) type KeptLink = (usize, String, u8, Option<String>, Option<String>);

pub(super) enum Opened {
    /// A `{` on one of the next lines opens this pipeline's block.
    Awaiting(usize),
    /// `pipeline X {`: the block is open already.
    Now(usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of `/*` runs restarted the search for `//` and the column count from every
    /// comment (found by the fuzz target: 150,000 of them took 45 s); now one pass.
    #[test]
    fn comment_runs_are_stripped_in_one_pass() {
        let text = format!("title T\ncomponent A [0.5, 0.5] {}\n", "/*".repeat(300_000));
        let parsed = parse(&text, "m", Path::new("m.owm"));
        assert_eq!(parsed.map.components.len(), 1);
        let unclosed = parse("title T\né /* a */ é /* b\n", "m", Path::new("m.owm"));
        let d = &unclosed.diagnostics[0];
        assert_eq!((d.line, d.col), (2, 13), "{}", d.message);
        let slashes = parse(
            "title T\ncomponent B [0.5, 0.5] // /* not a comment\ncomponent C [0.4, 0.4]\n",
            "m",
            Path::new("m.owm"),
        );
        assert_eq!(slashes.map.components.len(), 2);
    }

    #[test]
    fn js_parse_float_is_lenient_like_javascript() {
        assert_eq!(js_parse_float(".98"), Some(0.98));
        assert_eq!(js_parse_float(" 0.5abc"), Some(0.5));
        assert_eq!(js_parse_float("-3557"), Some(-3557.0));
        assert_eq!(js_parse_float("1e2x"), Some(100.0));
        assert_eq!(js_parse_float("abc"), None);
        assert_eq!(js_parse_float("."), None);
        assert_eq!(js_parse_float(""), None);
        assert_eq!(js_parse_float("1e999"), None);
    }

    #[test]
    fn arrows() {
        let a = find_arrow("A+'+$0.55'<>B").unwrap();
        assert_eq!(a.flow, LinkFlow::Both);
        assert_eq!(a.label.as_deref(), Some("+$0.55"));
        assert_eq!(&"A+'+$0.55'<>B"[a.end..], "B");
        assert_eq!(find_arrow("A+<B").unwrap().flow, LinkFlow::Backward);
        assert_eq!(find_arrow("A+<>B").unwrap().flow, LinkFlow::Both);
        assert_eq!(find_arrow("A+>B").unwrap().flow, LinkFlow::Forward);
        assert_eq!(find_arrow("\"a->b\"->c").unwrap().start, 6);
        assert!(find_arrow("no arrow here").is_none());
    }

    #[test]
    fn quoted_names_unescape() {
        let (s, rest) = parse_quoted(r#""A \"B\"\n\[x\] \\" [0.1, 0.2]"#).unwrap();
        assert_eq!(s, "A \"B\"\n[x] \\");
        assert_eq!(rest, " [0.1, 0.2]");
        assert!(parse_quoted("\"open").is_none());
    }

    #[test]
    fn flags_peel_off_names_without_coordinates() {
        assert_eq!(
            peel_flags("EcoSystemNoCoords (ecosystem)"),
            ("EcoSystemNoCoords".to_string(), "(ecosystem)".to_string())
        );
        assert_eq!(peel_flags("Payments (EU)").0, "Payments (EU)");
        assert_eq!(peel_flags("Kettle inertia").0, "Kettle");
        assert_eq!(peel_flags("inertia").0, "inertia");
    }
}
