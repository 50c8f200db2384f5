//! One ADR as markdown: MADR 4 (YAML front matter) or adr-tools / Nygard. What the markdown reader
//! reads back gives the same number (from the file name), title, status, date and section text.

use super::markdown_text::{block, inline};
use crate::workspace::model::{Adr, AdrOption, AdrStatus};

/// Titles of other records, for links (`[3. Use X](0003-use-x.md)`); None when unknown.
pub type TitleOf<'a> = &'a dyn Fn(u32) -> Option<String>;

/// `0007-use-event-sourcing.md`: adr-tools' file name for a record.
pub fn file_name(number: u32, title: &str) -> String {
    format!("{number:04}-{}.md", slug(title))
}

/// Title lower-cased, every run of other characters turned into one `-` (adr-tools' rule,
/// ASCII only so file names survive every file system), at most 60 characters.
pub fn slug(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut s = out.trim_end_matches('-').to_string();
    if s.len() > 60 {
        let cut = s[..60].rfind('-').unwrap_or(60);
        s.truncate(cut);
    }
    if s.is_empty() {
        "record".into()
    } else {
        s
    }
}

/// A YAML double-quoted scalar.
fn yaml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || crate::text::is_bidi_control(c)
                || crate::text::is_invisible(c) =>
            {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn link(n: u32, title_of: TitleOf) -> String {
    match title_of(n) {
        Some(t) => format!("[{n}. {}]({})", inline(&t), file_name(n, &t)),
        None => format!("ADR-{n:04}"),
    }
}

fn numbers(refs: &[crate::workspace::Reference]) -> Vec<u32> {
    refs.iter().filter_map(|r| r.adr_number()).collect()
}

/// The section of `extra_sections` with this heading, if the record kept one.
fn extra<'a>(adr: &'a Adr, heading: &str) -> Option<&'a str> {
    adr.extra_sections
        .iter()
        .find(|(h, _)| h.eq_ignore_ascii_case(heading))
        .map(|(_, b)| b.as_str())
}

/// Extra sections not already written as part of a generated one.
fn other_sections<'a>(adr: &'a Adr, used: &[&str]) -> impl Iterator<Item = &'a (String, String)> {
    let used: Vec<String> = used.iter().map(|u| u.to_ascii_lowercase()).collect();
    adr.extra_sections
        .iter()
        .filter(move |(h, _)| !h.is_empty() && !used.contains(&h.to_ascii_lowercase()))
}

fn section(out: &mut String, level: usize, heading: &str, body: &str) {
    out.push_str(&"#".repeat(level));
    out.push(' ');
    out.push_str(&inline(heading));
    out.push_str("\n\n");
    if !body.trim().is_empty() {
        out.push_str(body.trim_end_matches('\n'));
        out.push_str("\n\n");
    }
}

fn bullets(out: &mut String, items: &[String], prefix: &str) {
    for item in items {
        out.push_str("* ");
        out.push_str(prefix);
        out.push_str(item);
        out.push('\n');
    }
}

/// `## Pros and Cons of the Options` for the options that have any detail (and the section's
/// own introduction, kept from the source), or nothing when there is none.
fn pros_and_cons_section(out: &mut String, adr: &Adr) {
    let with_detail: Vec<AdrOption> = adr
        .options
        .iter()
        .filter(|o| !o.description.is_empty() || !o.pros.is_empty() || !o.cons.is_empty())
        .cloned()
        .collect();
    if !with_detail.is_empty() || extra(adr, "Pros and Cons of the Options").is_some() {
        out.push_str("## Pros and Cons of the Options\n\n");
        if let Some(intro) = extra(adr, "Pros and Cons of the Options") {
            out.push_str(intro.trim_end_matches('\n'));
            out.push_str("\n\n");
        }
        pros_and_cons(out, &with_detail);
    }
}

fn considered(out: &mut String, adr: &Adr, heading: &str) {
    if adr.options.is_empty() && extra(adr, heading).is_none() {
        return;
    }
    out.push_str(&format!("## {heading}\n\n"));
    for o in &adr.options {
        out.push_str(&format!("* {}\n", inline(&o.name)));
    }
    if !adr.options.is_empty() {
        out.push('\n');
    }
    if let Some(rest) = extra(adr, heading) {
        out.push_str(rest.trim_end_matches('\n'));
        out.push_str("\n\n");
    }
}

fn pros_and_cons(out: &mut String, options: &[AdrOption]) {
    for o in options {
        out.push_str(&format!("### {}\n\n", inline(&o.name)));
        if !o.description.trim().is_empty() {
            out.push_str(o.description.trim_end_matches('\n'));
            out.push_str("\n\n");
        }
        bullets(out, &o.pros, "Good, because ");
        bullets(out, &o.cons, "Bad, because ");
        if !o.pros.is_empty() || !o.cons.is_empty() {
            out.push('\n');
        }
    }
}

/// The decision, then its consequences as MADR nests them under "Decision Outcome" (or, when they
/// hold sub-headings of their own, as a `## Consequences` section so those stay inside them).
fn outcome(out: &mut String, adr: &Adr) {
    out.push_str("## Decision Outcome\n\n");
    if !adr.decision.trim().is_empty() {
        out.push_str(adr.decision.trim_end_matches('\n'));
        out.push_str("\n\n");
    }
    let c = adr.consequences.trim_end_matches('\n');
    if c.trim().is_empty() {
        return;
    }
    let lead = c.trim_start();
    if lead.starts_with("### Positive Consequences")
        || lead.starts_with("### Negative Consequences")
    {
        // MADR 2's own pair, as the reader hands it over
        out.push_str(c);
    } else if c.lines().any(|l| l.starts_with('#')) {
        out.push_str("## Consequences\n\n");
        out.push_str(c);
    } else {
        out.push_str("### Consequences\n\n");
        out.push_str(c);
    }
    out.push_str("\n\n");
}

/// MADR 4: YAML front matter, `# Title`, the MADR sections, then every other section kept.
pub fn to_madr(adr: &Adr) -> String {
    let mut out = String::from("---\n");
    let status = match adr.status {
        // what the file said, so a reader shows it again (as unknown)
        AdrStatus::Unknown => adr
            .status_text
            .clone()
            .filter(|t| t != super::adr_import::NO_STATUS_GIVEN),
        AdrStatus::Superseded if !adr.superseded_by.is_empty() => Some(format!(
            "superseded by {}",
            numbers(&adr.superseded_by)
                .iter()
                .map(|n| format!("ADR-{n:04}"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        s => Some(s.key().to_string()),
    };
    let status = status.map(|s| {
        let sup = numbers(&adr.supersedes);
        if sup.is_empty() {
            s
        } else {
            let list: Vec<String> = sup.iter().map(|n| format!("ADR-{n:04}")).collect();
            format!("{s}; supersedes {}", list.join(", "))
        }
    });
    if let Some(s) = status {
        out.push_str(&format!("status: {}\n", yaml_str(&s)));
    }
    if let Some(d) = &adr.date {
        out.push_str(&format!("date: {d}\n"));
    }
    let people = |out: &mut String, key: &str, names: &[String]| {
        if !names.is_empty() {
            out.push_str(&format!("{key}:\n"));
            for n in names {
                out.push_str(&format!("  - {}\n", yaml_str(n)));
            }
        }
    };
    people(&mut out, "decision-makers", &adr.deciders);
    for (key, heading) in [("consulted", "Consulted"), ("informed", "Informed")] {
        if let Some(names) = extra(adr, heading) {
            let names: Vec<String> = names.split(", ").map(str::to_string).collect();
            people(&mut out, key, &names);
        }
    }
    people(&mut out, "tags", &adr.tags);
    out.push_str("---\n\n");
    out.push_str(&format!("# {}\n\n", inline(&adr.title)));
    if let Some(pre) = extra(adr, "") {
        out.push_str(pre.trim_end_matches('\n'));
        out.push_str("\n\n");
    }
    if !adr.context.trim().is_empty() {
        section(&mut out, 2, "Context and Problem Statement", &adr.context);
    }
    if !adr.drivers.trim().is_empty() {
        section(&mut out, 2, "Decision Drivers", &adr.drivers);
    }
    considered(&mut out, adr, "Considered Options");
    outcome(&mut out, adr);
    pros_and_cons_section(&mut out, adr);
    let links = numbers(&adr.links);
    let used = [
        "Consulted",
        "Informed",
        "Considered Options",
        "Pros and Cons of the Options",
    ];
    for (h, body) in other_sections(adr, &used) {
        section(&mut out, 2, h, body);
    }
    if !links.is_empty() && extra(adr, "Links").is_none() {
        out.push_str("## Links\n\n");
        for n in links {
            out.push_str(&format!("* Relates to ADR-{n:04}\n"));
        }
        out.push('\n');
    }
    finish(out)
}

/// adr-tools / Nygard: `# N. Title`, `Date:`, `## Status` with link lines, then the sections.
pub fn to_nygard(adr: &Adr, title_of: TitleOf) -> String {
    let mut out = format!("# {}. {}\n\n", adr.number, inline(&adr.title));
    if let Some(d) = &adr.date {
        out.push_str(&format!("Date: {d}\n\n"));
    }
    if let Some(pre) = extra(adr, "") {
        out.push_str(pre.trim_end_matches('\n'));
        out.push_str("\n\n");
    }
    out.push_str("## Status\n\n");
    let as_written = adr
        .status_text
        .as_deref()
        .filter(|t| !t.contains('\n') && !t.trim().is_empty())
        .filter(|t| *t != super::adr_import::NO_STATUS_GIVEN)
        .filter(|t| {
            let lower = t.to_ascii_lowercase();
            !["superseded by", "superceded by", "supersedes", "supercedes"]
                .iter()
                .any(|v| lower.trim_start().starts_with(v))
        });
    match (adr.status, as_written) {
        (_, Some(text)) => out.push_str(&format!("{text}\n\n")),
        (AdrStatus::Unknown, None) => {}
        (s, None) => {
            let key = s.key();
            out.push_str(&key[..1].to_ascii_uppercase());
            out.push_str(&key[1..]);
            out.push_str("\n\n");
        }
    }
    for n in numbers(&adr.supersedes) {
        out.push_str(&format!("Supersedes {}\n\n", link(n, title_of)));
    }
    for n in numbers(&adr.superseded_by) {
        out.push_str(&format!("Superseded by {}\n\n", link(n, title_of)));
    }
    for n in numbers(&adr.links) {
        out.push_str(&format!("Relates to {}\n\n", link(n, title_of)));
    }
    if let Some(rest) = extra(adr, "Status") {
        out.push_str(rest.trim_end_matches('\n'));
        out.push_str("\n\n");
    }
    section(&mut out, 2, "Context", &adr.context);
    if !adr.drivers.trim().is_empty() {
        section(&mut out, 2, "Decision Drivers", &adr.drivers);
    }
    considered(&mut out, adr, "Considered Options");
    pros_and_cons_section(&mut out, adr);
    section(&mut out, 2, "Decision", &adr.decision);
    section(&mut out, 2, "Consequences", &adr.consequences);
    let used = [
        "Status",
        "Considered Options",
        "Pros and Cons of the Options",
    ];
    for (h, body) in other_sections(adr, &used) {
        section(&mut out, 2, h, body);
    }
    finish(out)
}

/// One trailing newline. Bodies stay markdown as the record wrote them; the markdown escaper's
/// block form writes their controls, bidi and invisible characters as references (nothing else
/// generated here holds any), so the output needs no terminal filter.
fn finish(out: String) -> String {
    let mut out = block(&out);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_like_adr_tools() {
        assert_eq!(slug("Use `bash` & Go!"), "use-bash-go");
        assert_eq!(slug("日本"), "record");
        assert_eq!(file_name(7, "Use X"), "0007-use-x.md");
        assert!(slug(&"word ".repeat(40)).len() <= 60);
    }

    #[test]
    fn yaml_strings_are_escaped() {
        assert_eq!(yaml_str("a \"b\"\\\n"), "\"a \\\"b\\\"\\\\\\n\"");
    }
}
