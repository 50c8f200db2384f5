//! OWM text → [`WardleyMap`] plus diagnostics with 1-based line numbers.
//!
//! Two passes: the first reads every line into raw statements (names, not ids), the second
//! gives components their ids and resolves what refers to them by name (pipelines, evolves,
//! links, legacy `build X` lines), so statement order does not matter, as in OWM.
//! Nothing is dropped without a diagnostic.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::{normalise_name, IdAllocator, RESERVED};
use crate::workspace::model::{
    Accelerator, Annotation, Area, AreaKind, Component, ComponentKind, LinkFlow, MapNote, MapUrl,
    Need, Origin, Pipeline, Sourcing, WardleyMap,
};
use crate::workspace::{Diagnostic, Severity};

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

    fn read_title(&mut self, rest: &str, raw: &str, at: At) {
        if self.title_seen {
            self.warn(
                at,
                "owm-syntax",
                "second `title` ignored (OWM keeps the first)".into(),
            );
            return;
        }
        if !raw.starts_with("title") {
            self.warn(
                at,
                "owm-syntax",
                "indented `title` (OWM ignores it and shows \"Untitled Map\"); read anyway".into(),
            );
        }
        self.title_seen = true;
        self.map.title = rest.trim().to_string();
    }

    fn read_component(&mut self, rest: &str, kind: ComponentKind, block: Option<usize>, at: At) {
        let (name, tail) = split_name(rest);
        let name = match name {
            Some(n) => n,
            None => {
                self.warn(
                    at,
                    "owm-syntax",
                    "unterminated quoted name; read up to the end of the line".into(),
                );
                rest.trim().trim_start_matches('"').to_string()
            }
        };
        let quoted = rest.trim_start().starts_with('"');
        let (name, peeled) = if quoted {
            (name, String::new())
        } else {
            peel_flags(&name)
        };
        let tail = format!("{peeled} {tail}");
        let tail = read_tail(&tail);
        if name.is_empty() {
            self.warn(at, "owm-syntax", "component without a name".into());
        }
        if !tail.unknown.is_empty() {
            self.warn(
                at,
                "owm-syntax",
                format!("ignored on this line: `{}`", clip(&tail.unknown.join(" "))),
            );
        }
        if let Some(ignored) = &tail.ignored_group {
            self.warn(
                at,
                "owm-syntax",
                format!(
                    "OWM reads decorators from the first `(…)` group only; `{ignored}` ignored"
                ),
            );
        }
        let pos = if block.is_some() {
            let m = match tail.coords.as_deref() {
                None | Some([]) => DEFAULT_CHILD_MATURITY,
                Some([m]) => m.unwrap_or(DEFAULT_CHILD_MATURITY),
                Some([_, m, ..]) => {
                    self.warn(
                        at,
                        "owm-syntax",
                        "a pipeline child takes only its maturity `[m]`; the second number used"
                            .into(),
                    );
                    m.unwrap_or(DEFAULT_CHILD_MATURITY)
                }
            };
            [DEFAULT_POSITION[0], m]
        } else {
            match &tail.coords {
                Some(n) => pair(n, DEFAULT_POSITION, at, self, "component"),
                None => DEFAULT_POSITION,
            }
        };
        if kind == ComponentKind::Anchor && (!tail.sourcing.is_empty() || tail.inertia) {
            self.warn(
                at,
                "owm-syntax",
                "decorators and inertia on an anchor are ignored (as in OWM)".into(),
            );
        }
        let (sourcing, inertia) = if kind == ComponentKind::Anchor {
            (Vec::new(), false)
        } else {
            (tail.sourcing, tail.inertia)
        };
        if kind == ComponentKind::Submap && tail.url.is_none() {
            self.warn(at, "owm-syntax", "submap without `url(NAME)`".into());
        }
        let url = if kind == ComponentKind::Submap {
            tail.url
        } else {
            if tail.url.is_some() {
                self.warn(
                    at,
                    "owm-syntax",
                    "`url(..)` belongs on a `submap` line; ignored".into(),
                );
            }
            None
        };
        self.comps.push(RawComponent {
            name,
            kind,
            pos,
            label: tail.label,
            sourcing,
            inertia,
            evolve: tail.evolve,
            url,
            block,
            line: at.line,
            col: at.col,
        });
    }

    fn read_evolve(&mut self, rest: &str, at: At) {
        let mut s = rest.trim();
        // Peel `label [..]` and `(decorator)` groups off the end: OWM styles the evolved copy
        // with them, which the model cannot hold.
        loop {
            if s.ends_with(')') {
                if let Some(open) = s.rfind('(') {
                    self.warn(
                        at,
                        "owm-lossy",
                        format!("decorator `{}` on an evolve line is not kept", &s[open..]),
                    );
                    s = s[..open].trim_end();
                    continue;
                }
            }
            if s.ends_with(']') {
                if let Some(open) = s.rfind('[') {
                    let before = s[..open].trim_end();
                    if let Some(b) = before.strip_suffix("label") {
                        self.warn(
                            at,
                            "owm-lossy",
                            "label offset of the evolved copy is not kept".into(),
                        );
                        s = b.trim_end();
                        continue;
                    }
                }
            }
            break;
        }
        let (head, token) = match s.rfind(char::is_whitespace) {
            Some(i) => (s[..i].trim_end(), &s[i..]),
            None => ("", s),
        };
        let token = token.trim();
        let number = token.parse::<f64>().ok().filter(|n| n.is_finite());
        let (names, maturity, whole_number) = match number {
            Some(n) if token.contains('.') && !head.is_empty() => (head, Some(n), None),
            Some(_) if !head.is_empty() => (head, None, Some(token.to_string())),
            _ => {
                self.warn(
                    at,
                    "owm-syntax",
                    format!("evolve without a maturity; OWM's default {DEFAULT_EVOLVE} used"),
                );
                (s, None, None)
            }
        };
        let (name, new_name) = split_rename(names);
        self.evolves.push(RawEvolve {
            name,
            new_name,
            maturity,
            whole_number,
            line: at.line,
            col: at.col,
        });
    }

    fn read_pipeline(&mut self, rest: &str, at: At) -> Option<Opened> {
        let mut rest = rest.trim_end();
        let mut opens_now = false;
        if let Some(r) = rest.strip_suffix('{') {
            self.warn(
                at,
                "owm-syntax",
                "`pipeline X {` on one line is Mermaid, not OWM (OWM names the pipeline \"X {\"); read as a block".into(),
            );
            rest = r.trim_end();
            opens_now = true;
        }
        let (name, tail) = split_name(rest);
        let name = name.unwrap_or_else(|| rest.trim().to_string());
        let range = match bracket_numbers(&tail) {
            Some((n, _)) => match n.as_slice() {
                [Some(a), Some(b), ..] => Some([*a, *b]),
                _ => {
                    self.warn(
                        at,
                        "owm-syntax",
                        "pipeline range is not `[m1, m2]`; ignored".into(),
                    );
                    None
                }
            },
            None => None,
        };
        self.pipelines.push(RawPipeline {
            name,
            range,
            line: at.line,
            col: at.col,
        });
        let index = self.pipelines.len() - 1;
        Some(if opens_now {
            Opened::Now(index)
        } else {
            Opened::Awaiting(index)
        })
    }

    fn read_note(&mut self, rest: &str, at: At) {
        let s = rest.trim();
        let (text, pos_text) = if s.starts_with('"') {
            match parse_quoted(s) {
                Some((text, tail)) => (text, tail.to_string()),
                None => {
                    self.warn(at, "owm-syntax", "unterminated quoted note".into());
                    (s.trim_start_matches('"').to_string(), String::new())
                }
            }
        } else if s.ends_with(']') {
            match s.rfind('[') {
                Some(i) => (s[..i].trim().to_string(), s[i..].to_string()),
                None => (s.to_string(), String::new()),
            }
        } else {
            (s.to_string(), String::new())
        };
        let pos = match bracket_numbers(&pos_text) {
            Some((n, _)) => pair(&n, DEFAULT_POSITION, at, self, "note"),
            None => {
                self.warn(
                    at,
                    "owm-syntax",
                    "note without `[visibility, maturity]`; OWM's default [0.9, 0.1] used".into(),
                );
                DEFAULT_POSITION
            }
        };
        let origin = self.origin(at);
        self.map.notes.push(MapNote {
            text,
            visibility: pos[0],
            evolution: pos[1],
            origin,
        });
    }

    fn read_annotation(&mut self, rest: &str, at: At) {
        let s = rest.trim();
        let (num, after) = match s.find(|c: char| c.is_whitespace() || c == '[') {
            Some(i) => (&s[..i], &s[i..]),
            None => (s, ""),
        };
        let Ok(number) = num.trim().parse::<u32>() else {
            self.warn(
                at,
                "owm-syntax",
                format!(
                    "annotation number `{}` is not a whole number; annotation dropped",
                    clip(num)
                ),
            );
            return;
        };
        let after = after.trim_start();
        let Some(span) = bracket_span(after) else {
            self.warn(
                at,
                "owm-syntax",
                "annotation without `[visibility, maturity]` (OWM drops it); dropped".into(),
            );
            return;
        };
        let inner = &after[1..span - 1];
        let mut points = Vec::new();
        if inner.trim_start().starts_with('[') {
            for part in inner.split('[').skip(1) {
                let body = part.split(']').next().unwrap_or("");
                let nums = numbers(body);
                points.push(pair(&nums, DEFAULT_POSITION, at, self, "annotation"));
            }
        } else {
            points.push(pair(
                &numbers(inner),
                DEFAULT_POSITION,
                at,
                self,
                "annotation",
            ));
        }
        let text = after[span..].trim().to_string();
        if text.contains(']') {
            self.warn(
                at,
                "owm-syntax",
                "OWM cuts annotation text at `]`; read whole".into(),
            );
        }
        let origin = self.origin(at);
        self.map.annotations.push(Annotation {
            number,
            points,
            text,
            origin,
        });
    }

    fn read_evolution(&mut self, rest: &str, at: At) {
        let mut s = rest.trim();
        if let Some(r) = s.strip_prefix("--hide") {
            self.map.hide_evolution = true;
            s = r.trim();
            if s.is_empty() {
                return;
            }
        } else if s.starts_with("--") {
            self.error(
                at,
                "owm-syntax",
                format!(
                    "unknown option `{}` (only `--hide`)",
                    s.split_whitespace().next().unwrap_or(s)
                ),
            );
            return;
        }
        let stages: Vec<&str> = s.split("->").map(str::trim).collect();
        match <[&str; 4]>::try_from(stages.as_slice()) {
            Ok(four) => self.map.stages = four.map(String::from),
            Err(_) => self.error(
                at,
                "owm-syntax",
                format!(
                    "`evolution` needs exactly 4 stages `A->B->C->D`, found {}; ignored",
                    stages.len()
                ),
            ),
        }
    }

    fn read_valuechain(&mut self, rest: &str, at: At) {
        let s = rest.trim();
        match s.strip_prefix("--hide") {
            Some(text) => self.map.hide_value_chain = Some(text.trim().to_string()),
            None => self.error(
                at,
                "owm-syntax",
                format!("`valuechain` takes only `--hide [text]`, not `{}`", clip(s)),
            ),
        }
    }

    fn read_url(&mut self, rest: &str, at: At) {
        let s = rest.trim();
        let (name, address) = match s.find('[') {
            Some(i) => {
                let inner = &s[i + 1..];
                let end = inner.rfind(']').unwrap_or(inner.len());
                (s[..i].trim(), inner[..end].trim())
            }
            None => (s, ""),
        };
        if address.is_empty() {
            self.warn(
                at,
                "owm-syntax",
                format!("url `{}` has no `[address]`", clip(name)),
            );
        }
        self.map.urls.push(MapUrl {
            id: name.to_string(),
            address: address.to_string(),
        });
    }

    fn read_area(&mut self, rest: &str, kind: AreaKind, at: At) {
        let Some((n, tail)) = bracket_numbers(rest) else {
            self.warn(
                at,
                "owm-syntax",
                "area without `[v1, m1, v2, m2]`; dropped".into(),
            );
            return;
        };
        let rect = if n.len() >= 4 {
            let d = [0.9, 0.1, 0.8, 0.2];
            [0, 1, 2, 3].map(|i| n[i].unwrap_or(d[i]))
        } else {
            // Legacy `pioneers [v, m] width height` in pixels.
            let [v, m] = pair(&n, DEFAULT_POSITION, at, self, "area");
            let wh: Vec<f64> = tail.split_whitespace().filter_map(js_parse_float).collect();
            let (w, h) = match wh.as_slice() {
                [w, h, ..] => (*w, *h),
                _ => (100.0, 100.0),
            };
            let [cw, ch] = self.map.size.unwrap_or(LEGACY_CANVAS);
            self.warn(
                at,
                "owm-legacy",
                format!("legacy pixel-sized area converted to `[v1, m1, v2, m2]` assuming a {cw}x{ch} canvas"),
            );
            [v, m, v - h / ch, m + w / cw]
        };
        let origin = self.origin(at);
        self.map.areas.push(Area { kind, rect, origin });
    }

    fn read_accelerator(&mut self, rest: &str, decelerator: bool, at: At) {
        let (name, tail) = split_name(rest);
        let name = name.unwrap_or_else(|| rest.trim().to_string());
        let pos = match bracket_numbers(&tail) {
            Some((n, _)) => pair(&n, DEFAULT_POSITION, at, self, "accelerator"),
            None => DEFAULT_POSITION,
        };
        let origin = self.origin(at);
        self.map.accelerators.push(Accelerator {
            name,
            decelerator,
            visibility: pos[0],
            evolution: pos[1],
            origin,
        });
    }

    fn read_link(&mut self, t: &str, at: At) {
        let Some(arrow) = find_arrow(t) else {
            return;
        };
        let from = unquote(t[..arrow.start].trim());
        let after = &t[arrow.end..];
        let (to, context) = match find_unquoted(after, ';') {
            Some(i) => (&after[..i], Some(after[i + 1..].trim())),
            None => (after, None),
        };
        let to = unquote(to.trim());
        if from.is_empty() || to.is_empty() {
            self.warn(
                at,
                "owm-syntax",
                format!("link with an empty end, ignored: `{}`", clip(t)),
            );
            return;
        }
        self.links.push(RawLink {
            from,
            to,
            flow: arrow.flow,
            label: arrow.label,
            context: context.filter(|c| !c.is_empty()).map(String::from),
            line: at.line,
            col: at.col,
        });
    }

    /// Second pass: ids, pipelines, legacy sourcing lines, evolves and links.
    fn resolve(&mut self) {
        // `url` names become kebab-case ids (the workspace format's rule); submaps follow.
        let mut url_ids = IdAllocator::default();
        let mut url_names: HashMap<String, String> = HashMap::new();
        for u in &mut self.map.urls {
            let id = url_ids.allocate(&u.id);
            url_names
                .entry(std::mem::replace(&mut u.id, id.clone()))
                .or_insert(id);
        }
        for c in &mut self.comps {
            if let Some(id) = c.url.as_ref().and_then(|u| url_names.get(u)) {
                c.url = Some(id.clone());
            }
        }
        let mut ids = IdAllocator::default();
        let mut exact: HashMap<String, usize> = HashMap::new();
        let mut loose: HashMap<String, usize> = HashMap::new();
        let comps = std::mem::take(&mut self.comps);
        for (i, raw) in comps.iter().enumerate() {
            let at = At {
                line: raw.line,
                col: raw.col,
            };
            if exact.contains_key(&raw.name) {
                self.warn(
                    at,
                    "duplicate-name",
                    format!(
                        "a second component named `{}`; links by name go to the first",
                        clip(&raw.name)
                    ),
                );
            }
            exact.entry(raw.name.clone()).or_insert(i);
            loose.entry(normalise_name(&raw.name)).or_insert(i);
            let origin = self.origin(at);
            self.map.components.push(Component {
                id: ids.allocate(&raw.name),
                name: raw.name.clone(),
                kind: raw.kind,
                visibility: raw.pos[0],
                evolution: raw.pos[1],
                needs: Vec::new(),
                inertia: raw.inertia,
                evolve: raw.evolve,
                evolve_name: None,
                sourcing: raw.sourcing.clone(),
                label: raw.label,
                pipeline: None,
                url: raw.url.clone(),
                note: String::new(),
                links: Vec::new(),
                origin,
            });
        }
        let lookup = |name: &str| -> Option<usize> {
            exact
                .get(name)
                .or_else(|| loose.get(&normalise_name(name)))
                .copied()
        };

        // Pipelines: find the component that holds each; children take its visibility.
        // Children and loose parent names are grouped once: per pipeline scans are quadratic.
        let pipelines = std::mem::take(&mut self.pipelines);
        let mut children_of: Vec<Vec<usize>> = vec![Vec::new(); pipelines.len()];
        let mut loose_parents: HashMap<String, usize> = HashMap::new();
        for (i, c) in comps.iter().enumerate() {
            match c.block {
                Some(pi) => {
                    if let Some(list) = children_of.get_mut(pi) {
                        list.push(i);
                    }
                }
                None => {
                    loose_parents.entry(normalise_name(&c.name)).or_insert(i);
                }
            }
        }
        let mut piped: HashSet<String> = HashSet::new();
        for (pi, raw) in pipelines.iter().enumerate() {
            let at = At {
                line: raw.line,
                col: raw.col,
            };
            let parent = exact
                .get(&raw.name)
                .filter(|&&i| comps[i].block.is_none())
                .copied()
                .or_else(|| loose_parents.get(&normalise_name(&raw.name)).copied());
            let children = std::mem::take(&mut children_of[pi]);
            let Some(parent) = parent else {
                self.warn(
                    at,
                    "dangling-link",
                    format!(
                        "pipeline `{}` has no component of that name (OWM draws nothing); {} child component(s) kept as plain components",
                        clip(&raw.name),
                        children.len()
                    ),
                );
                continue;
            };
            let parent_id = self.map.components[parent].id.clone();
            let parent_v = self.map.components[parent].visibility;
            if !piped.insert(parent_id.clone()) {
                self.warn(
                    at,
                    "duplicate-name",
                    format!(
                        "a second pipeline on `{}`; its children join the first",
                        clip(&raw.name)
                    ),
                );
            } else {
                let origin = self.origin(at);
                self.map.pipelines.push(Pipeline {
                    component: parent_id.clone(),
                    range: raw.range,
                    origin,
                });
            }
            for c in children {
                let child = &mut self.map.components[c];
                child.pipeline = Some(parent_id.clone());
                child.visibility = parent_v;
            }
        }

        for m in std::mem::take(&mut self.methods) {
            let at = At {
                line: m.line,
                col: m.col,
            };
            let word = m.sourcing.as_str();
            match lookup(&m.name) {
                Some(i) => {
                    self.warn(
                        at,
                        "owm-legacy",
                        format!(
                            "legacy `{word} NAME` line (OWM now ignores it); applied as `({word})`"
                        ),
                    );
                    let c = &mut self.map.components[i];
                    if !c.sourcing.contains(&m.sourcing) {
                        c.sourcing.push(m.sourcing);
                    }
                }
                None => self.warn(
                    at,
                    "dangling-link",
                    format!(
                        "legacy `{word}` names no component: `{}`; ignored",
                        clip(&m.name)
                    ),
                ),
            }
        }

        for e in std::mem::take(&mut self.evolves) {
            let at = At {
                line: e.line,
                col: e.col,
            };
            let (target, maturity) = match (&e.whole_number, lookup(&e.name)) {
                (None, Some(i)) => (Some(i), e.maturity.unwrap_or(DEFAULT_EVOLVE)),
                (Some(num), Some(i)) => {
                    let m = num.parse::<f64>().unwrap_or(DEFAULT_EVOLVE);
                    self.warn(
                        at,
                        "owm-syntax",
                        format!(
                            "OWM needs a decimal point in the maturity (`{num}.0`); read as {m}"
                        ),
                    );
                    (Some(i), m)
                }
                (Some(num), None) => {
                    // OWM's reading: the number is part of the name, maturity 0.85.
                    let whole = format!("{} {num}", e.name);
                    (lookup(&whole), DEFAULT_EVOLVE)
                }
                (None, None) => (None, DEFAULT_EVOLVE),
            };
            let Some(i) = target else {
                self.warn(
                    at,
                    "dangling-link",
                    format!("evolve names no component: `{}`; ignored", clip(&e.name)),
                );
                continue;
            };
            let c = &mut self.map.components[i];
            if c.evolve.is_some() {
                self.warn(
                    at,
                    "duplicate-name",
                    format!("`{}` is evolved twice; the last evolve kept", clip(&e.name)),
                );
            }
            let c = &mut self.map.components[i];
            c.evolve = Some(maturity);
            c.evolve_name = e.new_name.filter(|n| !n.is_empty());
        }

        // (from, need) pairs kept so far: one component may have thousands of links
        let mut kept: HashSet<KeptLink> = HashSet::new();
        for l in std::mem::take(&mut self.links) {
            let at = At {
                line: l.line,
                col: l.col,
            };
            let (from, to) = (lookup(&l.from), lookup(&l.to));
            let (Some(from), Some(to)) = (from, to) else {
                let missing: Vec<String> = [(&l.from, from), (&l.to, to)]
                    .iter()
                    .filter(|(_, found)| found.is_none())
                    .map(|(n, _)| format!("`{}`", clip(n)))
                    .collect();
                self.warn(
                    at,
                    "dangling-link",
                    format!("link to no component ({}); not kept", missing.join(" and ")),
                );
                continue;
            };
            let need = Need {
                to: self.map.components[to].id.clone(),
                flow: l.flow,
                label: l.label,
                context: l.context,
            };
            let key = (
                from,
                need.to.clone(),
                need.flow as u8,
                need.label.clone(),
                need.context.clone(),
            );
            if !kept.insert(key) {
                self.warn(
                    at,
                    "duplicate-link",
                    format!(
                        "duplicate link `{}` → `{}`; kept once",
                        clip(&l.from),
                        clip(&l.to)
                    ),
                );
            } else {
                self.map.components[from].needs.push(need);
            }
        }
    }
}

/// A link as kept: from (component index), to (id), flow, label, context.
type KeptLink = (usize, String, u8, Option<String>, Option<String>);

enum Opened {
    /// A `{` on one of the next lines opens this pipeline's block.
    Awaiting(usize),
    /// `pipeline X {`: the block is open already.
    Now(usize),
}

/// `t` starts with `kw` and a space (OWM's test); returns what follows.
fn keyword<'a>(t: &'a str, kw: &str) -> Option<&'a str> {
    t.strip_prefix(kw).and_then(|r| {
        if r.starts_with(' ') || r.starts_with('\t') {
            Some(r)
        } else {
            None
        }
    })
}

/// Long user text shortened for messages.
fn clip(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(MAX).collect();
        out.push('…');
        out
    }
}

/// A name at the start of `s`: quoted (with escapes), or up to `" ["`. Returns the name (None
/// for an unterminated quote) and the rest.
fn split_name(s: &str) -> (Option<String>, String) {
    let s = s.trim();
    if s.starts_with('"') {
        return match parse_quoted(s) {
            Some((name, rest)) => (Some(name), rest.to_string()),
            None => (None, String::new()),
        };
    }
    if s.starts_with('[') {
        return (Some(String::new()), s.to_string());
    }
    match s.find(" [") {
        Some(i) => (Some(s[..i].trim().to_string()), s[i..].to_string()),
        None => (Some(s.to_string()), String::new()),
    }
}

/// Without coordinates, `component X (build) inertia` would keep the flags in the name (OWM
/// does); peel trailing decorator groups, `inertia` and `label [..]` off it.
fn peel_flags(name: &str) -> (String, String) {
    let mut n = name.trim_end();
    let mut peeled: Vec<&str> = Vec::new();
    loop {
        if n.ends_with(')') {
            if let Some(open) = n.rfind('(') {
                let inner = &n[open + 1..n.len() - 1];
                if !inner.trim().is_empty()
                    && inner.split(',').all(|w| decorator(w.trim()).is_some())
                {
                    peeled.push(&n[open..]);
                    n = n[..open].trim_end();
                    continue;
                }
            }
        }
        if let Some(rest) = n.strip_suffix("inertia") {
            if rest.ends_with(char::is_whitespace) && !rest.trim().is_empty() {
                peeled.push("inertia");
                n = rest.trim_end();
                continue;
            }
        }
        break;
    }
    peeled.reverse();
    (n.to_string(), peeled.join(" "))
}

enum Decorator {
    Sourcing(Sourcing),
    Inertia,
}

fn decorator(word: &str) -> Option<Decorator> {
    Some(match word.to_ascii_lowercase().as_str() {
        "inertia" => Decorator::Inertia,
        word => Decorator::Sourcing(Sourcing::from_word(word)?),
    })
}

/// What may follow a component's name, in any order.
#[derive(Default)]
struct Tail {
    coords: Option<Vec<Option<f64>>>,
    label: Option<[f64; 2]>,
    sourcing: Vec<Sourcing>,
    inertia: bool,
    evolve: Option<f64>,
    url: Option<String>,
    /// A later `(…)` group OWM ignores.
    ignored_group: Option<String>,
    unknown: Vec<String>,
}

fn read_tail(s: &str) -> Tail {
    let mut tail = Tail::default();
    let mut rest = s.trim_start();
    let mut first_group = true;
    while !rest.is_empty() {
        if rest.starts_with('[') {
            let end = rest.find(']').map(|i| i + 1).unwrap_or(rest.len());
            let inner = rest[1..end].trim_end_matches(']');
            if tail.coords.is_none() {
                tail.coords = Some(numbers(inner));
            } else {
                tail.unknown.push(rest[..end].to_string());
            }
            rest = &rest[end..];
        } else if let Some(r) = rest.strip_prefix("label") {
            let r = r.trim_start();
            if r.starts_with('[') {
                let end = r.find(']').map(|i| i + 1).unwrap_or(r.len());
                let n = numbers(r[1..end].trim_end_matches(']'));
                if let [Some(x), Some(y), ..] = n.as_slice() {
                    tail.label = Some([*x, *y]);
                } else {
                    tail.unknown.push(format!("label {}", &r[..end]));
                }
                rest = &r[end..];
            } else {
                tail.unknown.push("label".into());
                rest = r;
            }
        } else if let Some(r) = rest.strip_prefix("url(") {
            let end = r.find(')').unwrap_or(r.len());
            tail.url = Some(r[..end].trim().to_string());
            rest = r.get(end + 1..).unwrap_or("");
        } else if rest.starts_with('(') {
            let end = rest.find(')').map(|i| i + 1).unwrap_or(rest.len());
            let group = &rest[..end];
            let inner = group.trim_start_matches('(').trim_end_matches(')');
            let mut any_sourcing = false;
            for w in inner.split(',').map(str::trim).filter(|w| !w.is_empty()) {
                match decorator(w) {
                    Some(Decorator::Inertia) => tail.inertia = true,
                    Some(Decorator::Sourcing(s)) => {
                        any_sourcing = true;
                        if first_group && !tail.sourcing.contains(&s) {
                            tail.sourcing.push(s);
                        }
                    }
                    None => tail.unknown.push(format!("({w})")),
                }
            }
            if any_sourcing {
                if !first_group {
                    tail.ignored_group = Some(group.to_string());
                }
                first_group = false;
            }
            rest = &rest[end..];
        } else if let Some(r) = rest.strip_prefix("inertia") {
            tail.inertia = true;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("evolve") {
            let r = r.trim_start();
            let end = r.find(char::is_whitespace).unwrap_or(r.len());
            match js_parse_float(&r[..end]) {
                Some(m) => tail.evolve = Some(m),
                None => tail.unknown.push("evolve".into()),
            }
            rest = &r[end..];
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            // Keep going character-wise when a word runs into a bracket (`x[0.1]`).
            let end = rest[..end]
                .find(['[', '('])
                .filter(|&i| i > 0)
                .unwrap_or(end);
            tail.unknown.push(rest[..end].to_string());
            rest = &rest[end..];
        }
        rest = rest.trim_start();
    }
    tail
}

/// Two numbers (visibility, maturity) with OWM's per-number defaults; warns when the text
/// held something that is not a number.
fn pair(n: &[Option<f64>], default: [f64; 2], at: At, r: &mut Reader, what: &str) -> [f64; 2] {
    let v = n.first().copied().flatten();
    let m = n.get(1).copied().flatten();
    if v.is_none() || m.is_none() {
        r.warn(
            at,
            "bad-value",
            format!(
                "{what} coordinates are not `[visibility, maturity]` numbers; OWM's default used for the missing one"
            ),
        );
    }
    [v.unwrap_or(default[0]), m.unwrap_or(default[1])]
}

/// The numbers in the first `[...]` of `s` (each None when not a number), and the rest after it.
fn bracket_numbers(s: &str) -> Option<(Vec<Option<f64>>, String)> {
    let start = s.find('[')?;
    let inner = &s[start + 1..];
    let end = inner.find(']')?;
    Some((numbers(&inner[..end]), inner[end + 1..].to_string()))
}

/// Length of the balanced `[...]` (nested allowed) at the start of `s`, in bytes.
fn bracket_span(s: &str) -> Option<usize> {
    if !s.starts_with('[') {
        return None;
    }
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

fn numbers(s: &str) -> Vec<Option<f64>> {
    if s.trim().is_empty() {
        return Vec::new();
    }
    s.split(',').map(js_parse_float).collect()
}

/// JavaScript's `parseFloat`: the longest number at the start (`.98`, `0.5abc` → 0.5), None if
/// there is none. Non-finite results count as none.
pub fn js_parse_float(s: &str) -> Option<f64> {
    let s = s.trim_start();
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let mut digits = i - int_start;
    if i < b.len() && b[i] == b'.' {
        let frac_start = i + 1;
        let mut j = frac_start;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        digits += j - frac_start;
        if digits > 0 {
            i = j;
        }
    }
    if digits == 0 {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        let exp_start = j;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j > exp_start {
            i = j;
        }
    }
    s[..i].parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A `"..."` string at the start of `s` with OWM's escapes; returns it and the rest.
pub fn parse_quoted(s: &str) -> Option<(String, &str)> {
    let body = s.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &body[i + 1..])),
            '\\' => match chars.next() {
                Some((_, 'n')) => out.push('\n'),
                Some((_, 'r')) => out.push('\r'),
                Some((_, 't')) => out.push('\t'),
                Some((_, e @ ('"' | '\\' | '[' | ']'))) => out.push(e),
                Some((_, other)) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            _ => out.push(c),
        }
    }
    None
}

/// A link endpoint: quoted names are unescaped, others trimmed.
fn unquote(s: &str) -> String {
    if s.starts_with('"') {
        if let Some((name, rest)) = parse_quoted(s) {
            if rest.trim().is_empty() {
                return name;
            }
        }
    }
    s.to_string()
}

/// `Old->New` (either side may be quoted) for evolve with rename.
fn split_rename(s: &str) -> (String, Option<String>) {
    let s = s.trim();
    if s.starts_with('"') {
        if let Some((old, rest)) = parse_quoted(s) {
            let rest = rest.trim();
            if let Some(new) = rest.strip_prefix("->") {
                return (old, Some(unquote(new.trim())));
            }
            return (old, None);
        }
    }
    match s.find("->") {
        Some(i) => (s[..i].trim().to_string(), Some(unquote(s[i + 2..].trim()))),
        None => (s.to_string(), None),
    }
}

/// Byte index of `needle` outside double quotes.
fn find_unquoted(s: &str, needle: char) -> Option<usize> {
    let mut in_quote = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if in_quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_quote = false;
            }
        } else if c == '"' {
            in_quote = true;
        } else if c == needle {
            return Some(i);
        }
    }
    None
}

struct Arrow {
    start: usize,
    end: usize,
    flow: LinkFlow,
    label: Option<String>,
}

/// The first link arrow outside quotes: `->`, `+>`, `+<`, `+<>`, `+'label'>`, `+'label'<`,
/// `+'label'<>`.
fn find_arrow(s: &str) -> Option<Arrow> {
    let b = s.as_bytes();
    let mut in_quote = false;
    let mut escaped = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if in_quote {
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == b'"' {
                in_quote = false;
            }
            i += 1;
            continue;
        }
        if c == b'"' {
            in_quote = true;
        } else if c == b'-' && b.get(i + 1) == Some(&b'>') {
            return Some(Arrow {
                start: i,
                end: i + 2,
                flow: LinkFlow::None,
                label: None,
            });
        } else if c == b'+' {
            match b.get(i + 1) {
                Some(b'>') => {
                    return Some(Arrow {
                        start: i,
                        end: i + 2,
                        flow: LinkFlow::Forward,
                        label: None,
                    })
                }
                Some(b'<') => {
                    let both = b.get(i + 2) == Some(&b'>');
                    return Some(Arrow {
                        start: i,
                        end: i + if both { 3 } else { 2 },
                        flow: if both {
                            LinkFlow::Both
                        } else {
                            LinkFlow::Backward
                        },
                        label: None,
                    });
                }
                Some(b'\'') => {
                    let body = &s[i + 2..];
                    let close = [body.find("'>"), body.find("'<")]
                        .into_iter()
                        .flatten()
                        .min();
                    if let Some(close) = close {
                        let label = body[..close].to_string();
                        let after = i + 2 + close + 1;
                        let (flow, len) = match (b.get(after), b.get(after + 1)) {
                            (Some(b'<'), Some(b'>')) => (LinkFlow::Both, 2),
                            (Some(b'<'), _) => (LinkFlow::Backward, 1),
                            _ => (LinkFlow::Forward, 1),
                        };
                        return Some(Arrow {
                            start: i,
                            end: after + len,
                            flow,
                            label: Some(label),
                        });
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    None
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
