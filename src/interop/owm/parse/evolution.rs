//! Statements about movement and grouping: `evolve`, `pipeline` blocks, the `evolution`
//! stage names, `valuechain`.

use super::*;

impl Reader {
    pub(super) fn read_evolve(&mut self, rest: &str, at: At) {
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

    pub(super) fn read_pipeline(&mut self, rest: &str, at: At) -> Option<Opened> {
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

    pub(super) fn read_evolution(&mut self, rest: &str, at: At) {
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

    pub(super) fn read_valuechain(&mut self, rest: &str, at: At) {
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
}
