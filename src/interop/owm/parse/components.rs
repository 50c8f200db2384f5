//! Statements that make things on the map: title, components (anchors, submaps, markets,
//! ecosystems), notes, annotations, urls, areas, accelerators.

use super::*;

impl Reader {
    pub(super) fn read_title(&mut self, rest: &str, raw: &str, at: At) {
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

    pub(super) fn read_component(
        &mut self,
        rest: &str,
        kind: ComponentKind,
        block: Option<usize>,
        at: At,
    ) {
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

    pub(super) fn read_note(&mut self, rest: &str, at: At) {
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

    pub(super) fn read_annotation(&mut self, rest: &str, at: At) {
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

    pub(super) fn read_url(&mut self, rest: &str, at: At) {
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

    pub(super) fn read_area(&mut self, rest: &str, kind: AreaKind, at: At) {
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

    pub(super) fn read_accelerator(&mut self, rest: &str, decelerator: bool, at: At) {
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
}
