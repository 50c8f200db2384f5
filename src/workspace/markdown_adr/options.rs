//! MADR's options: "Considered Options" (a list of names), "Pros and Cons of the Options" (a
//! subsection per option with `Good, because` / `Bad, because` bullets) and the chosen one
//! (`Chosen option: "X", because ...` under "Decision Outcome").
//! Text that does not fit an option is handed back to be kept as a section, never dropped.

use super::document::{atx_heading, Document};
use super::status::plain;
use crate::workspace::model::AdrOption;

#[derive(Debug, Default)]
pub struct Options {
    options: Vec<AdrOption>,
    /// Headings as the file wrote them, once read.
    pub names_section: Option<String>,
    pub pros_cons_section: Option<String>,
    leftovers: Vec<(String, String)>,
    /// An option whose subsection heading says `(chosen)`.
    chosen_by_heading: Option<String>,
}

/// `* name`, `- name`, `+ name`, `1. name` at the left margin (up to one space).
fn top_bullet(line: &str) -> Option<&str> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 1 {
        return None;
    }
    let t = &line[indent..];
    if let Some(r) = t
        .strip_prefix("* ")
        .or_else(|| t.strip_prefix("- "))
        .or_else(|| t.strip_prefix("+ "))
    {
        return Some(r.trim());
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        if let Some(r) = t[digits..]
            .strip_prefix(". ")
            .or_else(|| t[digits..].strip_prefix(") "))
        {
            return Some(r.trim());
        }
    }
    None
}

/// For matching option names written differently in different places.
fn norm(s: &str) -> String {
    let p = plain(&super::status::unescape(s)).to_lowercase();
    let p: String = p
        .chars()
        .filter(|c| !matches!(c, '"' | '“' | '”' | '\'' | '’'))
        .collect();
    let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
    p.trim_end_matches(['.', ':', ',']).to_string()
}

/// Whether two names are one option as the reader matches them (`mtime polling,` and
/// `Mtime polling`).
pub(crate) fn same_option(a: &str, b: &str) -> bool {
    let (a, b) = (norm(a), norm(b));
    a == b || (a.len().min(b.len()) >= 4 && (a.starts_with(&b) || b.starts_with(&a)))
}

fn strip_prefix_ci<'a>(s: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes.iter().find_map(|p| {
        s.get(..p.len())
            .filter(|head| head.eq_ignore_ascii_case(p))
            .map(|_| s[p.len()..].trim_start())
    })
}

const GOOD: [&str; 5] = ["good, because", "good because", "good:", "pro:", "pro,"];
const BAD: [&str; 5] = ["bad, because", "bad because", "bad:", "con:", "con,"];

impl Options {
    /// "Considered Options": each top-level bullet is an option, indented lines describe it; a
    /// subsection (`level`) per option works too (`### Option 1 - Use X` with pros and cons).
    pub fn read_list(
        &mut self,
        heading: &str,
        doc: &Document,
        from: usize,
        to: usize,
        level: usize,
    ) {
        self.names_section = Some(heading.to_string());
        let to = to.min(doc.lines.len());
        let subs = subsections(doc, from, to, level);
        let intro_end = subs.first().map_or(to, |s| s.0);
        let mut leftover: Vec<&str> = Vec::new();
        let mut current: Option<usize> = None;
        // the bullet's first paragraph is still open: a wrapped line goes on with its name
        let mut name_open = false;
        for i in from..intro_end {
            let line = doc.lines[i];
            if !doc.code[i] {
                if let Some(name) = top_bullet(line) {
                    self.options.push(AdrOption {
                        name: super::status::unescape(name),
                        ..AdrOption::default()
                    });
                    current = Some(self.options.len() - 1);
                    name_open = true;
                    continue;
                }
            }
            if line.trim().is_empty() {
                name_open = false;
                if current.is_none() {
                    leftover.push(line);
                }
                continue;
            }
            if let (Some(k), true) = (current, name_open && !doc.code[i]) {
                let t = line.trim();
                let nested = t.starts_with(['*', '-', '+', '>', '#', '|'])
                    || t.bytes().next().is_some_and(|b| b.is_ascii_digit());
                if !nested {
                    let name = &mut self.options[k].name;
                    name.push(' ');
                    name.push_str(&super::status::unescape(t));
                    continue;
                }
                name_open = false;
            }
            let indented = line.starts_with([' ', '\t']);
            match current {
                Some(k) if indented || doc.code[i] => {
                    let d = &mut self.options[k].description;
                    if !d.is_empty() {
                        d.push('\n');
                    }
                    d.push_str(line.trim_start());
                }
                _ => {
                    current = None;
                    leftover.push(line);
                }
            }
        }
        let text = super::record::trim_blank_lines(&leftover);
        if !text.is_empty() {
            self.leftovers.push((heading.to_string(), text));
        }
        self.read_subsections(doc, &subs, to);
    }

    /// "Pros and Cons of the Options": one subsection (`level`) per option.
    pub fn read_pros_cons(
        &mut self,
        heading: &str,
        doc: &Document,
        from: usize,
        to: usize,
        level: usize,
    ) {
        self.pros_cons_section = Some(heading.to_string());
        let to = to.min(doc.lines.len());
        let subs = subsections(doc, from, to, level);
        let intro = doc.text(from, subs.first().map_or(to, |s| s.0));
        if !intro.is_empty() {
            self.leftovers.push((heading.to_string(), intro));
        }
        self.read_subsections(doc, &subs, to);
    }

    fn read_subsections(&mut self, doc: &Document, subs: &[(usize, &str)], to: usize) {
        for (k, (line, heading)) in subs.iter().enumerate() {
            let end = subs.get(k + 1).map_or(to, |s| s.0);
            // `### Option name (chosen)`: that option, marked as the chosen one
            let (name, chosen) = without_chosen_mark(heading);
            if chosen {
                self.chosen_by_heading = Some(name.to_string());
            }
            let idx = match self.options.iter().position(|o| same_option(&o.name, name)) {
                Some(i) => i,
                None => {
                    self.options.push(AdrOption {
                        name: super::status::unescape(name),
                        ..AdrOption::default()
                    });
                    self.options.len() - 1
                }
            };
            self.read_option_body(idx, doc, line + 1, end);
        }
    }

    fn read_option_body(&mut self, idx: usize, doc: &Document, from: usize, to: usize) {
        enum Cur {
            None,
            Pro,
            Con,
        }
        let mut cur = Cur::None;
        // under a `**Pros**` / `**Cons**` label every bullet is a pro / a con
        let mut block: Option<bool> = None;
        let mut desc: Vec<&str> = Vec::new();
        let opt = &mut self.options[idx];
        for i in from..to {
            let line = doc.lines[i];
            if !doc.code[i] {
                if let Some(is_pro) = block_label(line) {
                    block = Some(is_pro);
                    cur = Cur::None;
                    continue;
                }
                if let (Some(is_pro), Some(item)) = (block, top_bullet(line)) {
                    if is_pro {
                        opt.pros.push(item.to_string());
                        cur = Cur::Pro;
                    } else {
                        opt.cons.push(item.to_string());
                        cur = Cur::Con;
                    }
                    continue;
                }
                if let Some(item) = top_bullet(line) {
                    if let Some(x) = strip_prefix_ci(item, &GOOD) {
                        opt.pros.push(x.to_string());
                        cur = Cur::Pro;
                        continue;
                    }
                    if let Some(x) = strip_prefix_ci(item, &BAD) {
                        opt.cons.push(x.to_string());
                        cur = Cur::Con;
                        continue;
                    }
                    cur = Cur::None;
                    desc.push(line);
                    continue;
                }
            }
            let continuation = !line.trim().is_empty() && line.starts_with([' ', '\t']);
            let item = match cur {
                Cur::Pro if continuation => opt.pros.last_mut(),
                Cur::Con if continuation => opt.cons.last_mut(),
                _ => None,
            };
            match item {
                Some(text) => {
                    text.push('\n');
                    text.push_str(line);
                }
                None => {
                    if !line.trim().is_empty() {
                        cur = Cur::None;
                        block = None;
                    }
                    desc.push(line);
                }
            }
        }
        let text = super::record::trim_blank_lines(&desc);
        if !text.is_empty() {
            if !opt.description.is_empty() {
                opt.description.push_str("\n\n");
            }
            opt.description.push_str(&text);
        }
    }

    /// The options with the chosen one marked, and text to keep as sections.
    pub fn finish(mut self, chosen: Option<&str>) -> (Vec<AdrOption>, Vec<(String, String)>) {
        let by_heading = self.chosen_by_heading.take();
        if let Some(c) = chosen.or(by_heading.as_deref()) {
            if let Some(o) = self.options.iter_mut().find(|o| same_option(&o.name, c)) {
                o.chosen = true;
            }
        }
        (self.options, self.leftovers)
    }
}

/// `Option name (chosen)`, `Option name — chosen`, `Option name [chosen]` → (`Option name`, true).
fn without_chosen_mark(heading: &str) -> (&str, bool) {
    let t = heading.trim_end();
    let lower = t.to_ascii_lowercase();
    for mark in [
        "(chosen)",
        "[chosen]",
        "(chosen option)",
        "- chosen",
        "— chosen",
        "– chosen",
    ] {
        if lower.ends_with(mark) {
            let head = t[..t.len() - mark.len()].trim_end();
            let head = head.trim_end_matches(['*', '_']).trim_end();
            return (head, true);
        }
    }
    (t, false)
}

/// Headings of exactly `level` between `from` and `to`, outside code.
fn subsections<'a>(
    doc: &Document<'a>,
    from: usize,
    to: usize,
    level: usize,
) -> Vec<(usize, &'a str)> {
    (from..to)
        .filter(|i| !doc.code[*i])
        .filter_map(|i| match atx_heading(doc.lines[i]) {
            Some((l, text)) if l == level => Some((i, text)),
            _ => None,
        })
        .collect()
}

/// `**Pros**`, `Cons:`, `Advantages` on a line of their own: what the bullets below are.
fn block_label(line: &str) -> Option<bool> {
    let p = plain(line).to_lowercase();
    match p.trim().trim_end_matches(':').trim() {
        "pros" | "pro" | "advantages" | "good" => Some(true),
        "cons" | "con" | "disadvantages" | "bad" => Some(false),
        _ => None,
    }
}

/// `Chosen option: "X", because ...` (also `Chosen option: X, because`) → X.
pub fn chosen_option(decision: &str) -> Option<String> {
    for line in decision.lines() {
        let lower = line.to_ascii_lowercase();
        let Some(at) = lower.find("chosen option") else {
            continue;
        };
        let rest = &line[at + "chosen option".len()..];
        let rest = rest.trim_start_matches(['s', ':', ' ', '*', '_']);
        let quoted = match rest.chars().next() {
            // the quote that opened the name closes it: an apostrophe inside a double-quoted
            // name ("Use Reviewdog's reporter", "'Optimistic offline lock' with hashes") is text
            Some(open @ ('"' | '“')) => Some((&rest[open.len_utf8()..], &['"', '”'][..])),
            Some('\'') => Some((&rest[1..], &['\''][..])),
            _ => None,
        };
        let name = if let Some((q, close)) = quoted {
            let end = q.find(close).unwrap_or(q.len());
            &q[..end]
        } else {
            let end = [rest.find(','), rest.to_ascii_lowercase().find(" because")]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(rest.len());
            &rest[..end]
        };
        let name = plain(name).trim().to_string();
        if !name.is_empty() {
            return Some(name);
        }
    }
    None
}

/// Splits "Decision Outcome" into the decision and its consequences subsections
/// (`### Consequences`, `### Positive Consequences`, `### Negative Consequences`).
/// One `Consequences` subsection gives its body; several keep their headings.
pub fn split_consequences(
    doc: &Document,
    from: usize,
    to: usize,
    level: usize,
) -> (String, String) {
    let to = to.min(doc.lines.len());
    let subs: Vec<(usize, &str)> = (from..to)
        .filter(|i| !doc.code[*i])
        .filter_map(|i| match atx_heading(doc.lines[i]) {
            Some((l, text)) if l <= level => Some((i, text)),
            _ => None,
        })
        .collect();
    let is_consequences = |h: &str| {
        matches!(
            super::record::normalize_heading(h).as_str(),
            "consequences" | "positive consequences" | "negative consequences"
        )
    };
    let mut keep: Vec<&str> = Vec::new();
    let mut taken: Vec<(&str, String)> = Vec::new();
    let mut i = from;
    let mut k = 0;
    while i < to {
        if let Some(&(line, text)) = subs.get(k).filter(|s| s.0 == i) {
            let end = subs.get(k + 1).map_or(to, |s| s.0);
            if is_consequences(text) {
                taken.push((text, doc.text(line + 1, end)));
            } else {
                keep.extend(&doc.lines[line..end]);
            }
            i = end;
            k += 1;
            continue;
        }
        keep.push(doc.lines[i]);
        i += 1;
    }
    let decision = super::record::trim_blank_lines(&keep);
    let consequences = match taken.as_slice() {
        [] => String::new(),
        [(h, body)] if super::record::normalize_heading(h) == "consequences" => body.clone(),
        many => many
            .iter()
            .map(|(h, body)| format!("{} {h}\n\n{body}", "#".repeat(level)))
            .collect::<Vec<_>>()
            .join("\n\n"),
    };
    (decision, consequences)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chosen() {
        assert_eq!(
            chosen_option("Chosen option: \"MADR 4.0.0\", because").as_deref(),
            Some("MADR 4.0.0")
        );
        // apostrophes inside a double-quoted name (JabRef's records)
        assert_eq!(
            chosen_option(
                "Chosen option: \"Use Reviewdog's PullRequest review reporter\", because"
            )
            .as_deref(),
            Some("Use Reviewdog's PullRequest review reporter")
        );
        assert_eq!(
            chosen_option("Chosen option: \"'Optimistic offline lock' with hashes\", because")
                .as_deref(),
            Some("'Optimistic offline lock' with hashes")
        );
        assert_eq!(
            chosen_option("Chosen option: “Michael Nygard's template”, because").as_deref(),
            Some("Michael Nygard's template")
        );
        assert_eq!(
            chosen_option("Chosen option: 'single', because").as_deref(),
            Some("single")
        );
        assert_eq!(
            chosen_option("x\nChosen option: [Gradle](https://g.org), because it is lean")
                .as_deref(),
            Some("Gradle")
        );
        assert_eq!(chosen_option("We chose nothing"), None);
    }

    #[test]
    fn option_names_match_loosely() {
        assert!(same_option(
            "[MADR](https://adr.github.io/madr/) 4.0.0 – The Markdown Architectural Decision Records",
            "MADR 4.0.0"
        ));
        assert!(same_option("Use Crowdin", "use crowdin."));
        assert!(!same_option("Use", "Use Crowdin"));
    }

    #[test]
    fn consequences_leave_the_decision() {
        let doc = Document::new(
            "Chosen option: \"A\".\n\n### Consequences\n\n* Good, because x\n\n### Confirmation\n\nReview.\n",
        );
        let (d, c) = split_consequences(&doc, 0, doc.lines.len(), 3);
        assert_eq!(d, "Chosen option: \"A\".\n\n### Confirmation\n\nReview.");
        assert_eq!(c, "* Good, because x");
    }
}
