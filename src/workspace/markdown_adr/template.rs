//! Telling an unfilled template from a record by what it says: real folders keep their template
//! under a record's name (kuma's `000-template.md`), so the name alone cannot decide.

/// The MADR templates' own title placeholder (MADR 2 in brackets, MADR 3 and 4 in braces).
const MADR_TITLE: &str = "short title of solved problem and solution";

/// True for a file that is a template rather than a record: its title is a placeholder
/// (`# {short title …}`, `# [short title …]`, adr-tools' `# NUMBER. TITLE`), or the MADR title
/// placeholder stands anywhere in its head, or its status is a placeholder list
/// (`{proposed | rejected | accepted …}`) and its title is one too.
pub fn looks_like_template(text: &str) -> bool {
    // a template says what it is in its first lines; a record quoting one further down stays
    let head: Vec<&str> = text.lines().take(40).collect();
    let mut in_code = false;
    for line in &head {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        if t.to_ascii_lowercase().contains(MADR_TITLE) {
            return true;
        }
        if let Some(title) = t.strip_prefix("# ") {
            return is_placeholder(title.trim());
        }
    }
    false
}

/// `{anything}`, `[anything]` that is not a link, or adr-tools' `NUMBER. TITLE`.
fn is_placeholder(title: &str) -> bool {
    let braced = title.starts_with('{') && title.ends_with('}');
    let bracketed = title.starts_with('[') && title.ends_with(']') && !title.contains("](");
    braced || bracketed || title == "NUMBER. TITLE" || title == "TITLE"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates() {
        for t in [
            "---\nstatus: {proposed | rejected}\n---\n# {short title of solved problem and solution}\n",
            "# [short title of solved problem and solution]\n\n* Status: [proposed | rejected]\n",
            "# {Title}\n\n## Context\n",
            "# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n",
            "<!-- comment -->\n\n# [Title of the decision]\n",
        ] {
            assert!(looks_like_template(t), "{t}");
        }
    }

    #[test]
    fn records() {
        for r in [
            "# 1. Record architecture decisions\n\nDate: 2024-05-01\n",
            "# Use [Rust](https://rust-lang.org) for the core\n",
            "# Use {braces} in config\n",
            "```\n# {short title}\n```\n# Use Postgres\n",
            "",
            "no heading at all\n",
            // a record that mentions the template further down is still a record
            "# Use MADR\n\n## Context\n\nWe copy `# {short title of solved problem and solution}`.\n",
        ] {
            assert!(!looks_like_template(r), "{r}");
        }
    }
}
