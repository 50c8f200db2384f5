//! The sections of a record: where they are, and what each is read into.

use super::{trim_blank_lines, Draft, Found};
use crate::workspace::markdown_adr::document::{Document, Heading};
use crate::workspace::markdown_adr::headings::{roles, status_in_heading, Role};
use crate::workspace::markdown_adr::options;
use crate::workspace::markdown_adr::status::{self, Rel};

/// How the body is cut into sections: the headings at the section level (every heading but the
/// title, at the highest level used), what each means, and where the first one starts.
pub(super) struct Layout<'h, 'a> {
    pub(super) boundaries: Vec<&'h Heading<'a>>,
    pub(super) roles: Vec<Role>,
    /// Whether a heading bears a name only MADR 3/4 use.
    pub(super) madr_sections: bool,
    pub(super) section_level: usize,
    /// The first line after the title (the body's first line when there is none).
    pub(super) after_title: usize,
    pub(super) first_boundary: usize,
}

impl<'h, 'a> Layout<'h, 'a> {
    pub(super) fn of(doc: &'h Document<'a>, title: Option<&Heading>) -> Layout<'h, 'a> {
        let rest: Vec<&Heading> = doc
            .headings
            .iter()
            .filter(|h| title.is_none_or(|t| t.line != h.line))
            .collect();
        let section_level = if rest.iter().any(|h| h.level == 2) {
            2
        } else if rest.iter().any(|h| h.level == 1) {
            1
        } else {
            rest.iter().map(|h| h.level).min().unwrap_or(7)
        };
        let boundaries: Vec<&Heading> = rest
            .iter()
            .copied()
            .filter(|h| h.level <= section_level)
            .collect();
        let (roles, madr_sections) = roles(&boundaries);
        let after_title = title.map_or(doc.body_start, |h| h.line + 1);
        let first_boundary = boundaries
            .iter()
            .map(|h| h.line)
            .find(|l| *l >= after_title)
            .unwrap_or(doc.lines.len());
        Layout {
            boundaries,
            roles,
            madr_sections,
            section_level,
            after_title,
            first_boundary,
        }
    }
}

impl Draft {
    /// Every section after the title, by what its heading means. A header read
    /// ([`Detail::Headers`]) reads only the status and links.
    pub(super) fn read_sections(&mut self, doc: &Document, layout: &Layout, full: bool) {
        for (k, h) in layout.boundaries.iter().enumerate() {
            if h.line < layout.after_title {
                continue;
            }
            let end = layout
                .boundaries
                .get(k + 1)
                .map_or(doc.lines.len(), |n| n.line);
            if self.status.found.is_none() {
                if let Some(text) = status_in_heading(h.text) {
                    self.read_status_heading(doc, h, text, end, full);
                    continue;
                }
            }
            let role = layout.roles[k];
            if !full && !matches!(role, Role::Status | Role::Links) {
                continue;
            }
            self.read_section(doc, layout, h, end, role, full);
        }
    }

    /// `## Status: Accepted`: the status in the heading itself (`text`, a slice of it); the
    /// section's text is kept as a `Status` section.
    fn read_status_heading(
        &mut self,
        doc: &Document,
        h: &Heading,
        text: &str,
        end: usize,
        full: bool,
    ) {
        let line = doc.lines[h.line];
        let col = (text.as_ptr() as usize).saturating_sub(line.as_ptr() as usize);
        self.status.found = Some(Found {
            text: text.to_string(),
            line: h.line,
            col: line.get(..col).map_or(0, |s| s.chars().count()),
        });
        if full {
            let body = doc.text(h.line + 1, end);
            if !body.is_empty() {
                self.adr.extra_sections.push(("Status".to_string(), body));
            }
        }
    }

    /// One section (lines `h.line + 1..end`) whose heading means `role`.
    fn read_section(
        &mut self,
        doc: &Document,
        layout: &Layout,
        h: &Heading,
        end: usize,
        role: Role,
        full: bool,
    ) {
        // the section's text, built only where it is kept
        let body = || doc.text(h.line + 1, end);
        let adr = &mut self.adr;
        let sub_level = layout.section_level + 1;
        match role {
            Role::Status if self.status.found.is_none() => {
                self.read_status_section(doc, h, end, full)
            }
            Role::Status => {
                // the status came from the front matter; keep this section as written
                for i in h.line + 1..end {
                    if status::is_relation_line(doc.lines[i]) {
                        self.relations.extend(status::relations(doc.lines[i]));
                    }
                }
                if full {
                    adr.extra_sections.push((status::unescape(h.text), body()));
                }
            }
            Role::Context if adr.context.is_empty() => adr.context = body(),
            Role::Drivers if adr.drivers.is_empty() => adr.drivers = body(),
            Role::Consequences if adr.consequences.is_empty() => adr.consequences = body(),
            Role::Decision if adr.decision.is_empty() => {
                let (decision, consequences) =
                    options::split_consequences(doc, h.line + 1, end, sub_level);
                adr.decision = decision;
                if adr.consequences.is_empty() {
                    adr.consequences = consequences;
                } else if !consequences.is_empty() {
                    adr.extra_sections
                        .push(("Consequences".to_string(), consequences));
                }
                if self.chosen.is_none() {
                    self.chosen = options::chosen_option(&adr.decision);
                }
            }
            Role::Options if self.options.names_section.is_none() => {
                self.options
                    .read_list(h.text, doc, h.line + 1, end, sub_level);
            }
            Role::ProsCons if self.options.pros_cons_section.is_none() => {
                self.options
                    .read_pros_cons(h.text, doc, h.line + 1, end, sub_level);
            }
            Role::Links => {
                for i in h.line + 1..end {
                    if !doc.code[i] {
                        self.relations.extend(status::relations(doc.lines[i]));
                    }
                }
                if full {
                    adr.extra_sections.push((status::unescape(h.text), body()));
                }
            }
            _ => adr.extra_sections.push((status::unescape(h.text), body())),
        }
    }

    /// A `## Status` section when no status was found before it: its first line that is not a
    /// relation is the status (else its first `Superseded by` line); relation lines are read,
    /// and the other lines kept as a section.
    fn read_status_section(&mut self, doc: &Document, h: &Heading, end: usize, full: bool) {
        let mut status_line = None;
        let mut remainder: Vec<&str> = Vec::new();
        let mut superseded_line = None;
        for i in h.line + 1..end {
            let line = doc.lines[i];
            if doc.code[i] || line.trim().is_empty() {
                if full {
                    remainder.push(line);
                }
                continue;
            }
            if status::is_relation_line(line) {
                let rels = status::relations(line);
                if superseded_line.is_none() && rels.iter().any(|(r, _)| *r == Rel::SupersededBy) {
                    superseded_line = Some((i, line));
                }
                self.relations.extend(rels);
                continue;
            }
            if status_line.is_none() {
                status_line = Some((i, line));
            } else if full {
                remainder.push(line);
            }
        }
        let chosen = status_line.or(superseded_line);
        if let Some((i, line)) = chosen {
            let indent = line.chars().take_while(|c| c.is_whitespace()).count();
            self.status.found = Some(Found {
                text: line.trim().to_string(),
                line: i,
                col: indent,
            });
        } else {
            self.status.placeholder_at.get_or_insert((h.line, 0));
        }
        if full {
            let rest = trim_blank_lines(&remainder);
            if !rest.is_empty() {
                self.adr
                    .extra_sections
                    .push((status::unescape(h.text), rest));
            }
        }
    }
}
