//! What a record's headings and metadata lines say: the role of a section heading, a status
//! written in a heading, the number in the title, and `Key: value` metadata lines.

use super::document::Heading;
use super::status;

/// What a section heading means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Context,
    Drivers,
    Decision,
    Consequences,
    Options,
    ProsCons,
    Status,
    Links,
    Other,
}

/// Lower case, no emphasis, no numbering (`1. Context`), no trailing colon.
pub fn normalize_heading(h: &str) -> String {
    // the common case, a plain heading: one allocation
    if h.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ') && !h.contains("  ") {
        return h.to_ascii_lowercase();
    }
    let p = status::plain(h).to_lowercase();
    let t = p.trim().trim_end_matches(':').trim();
    let t = t
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['.', ')'])
        .trim();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
fn role(heading: &str) -> Role {
    role_of_normalized(&normalize_heading(heading))
}

/// The role of each heading, and whether any is one of the names only MADR 3/4 use: one
/// normalisation per heading, on the stack for the common plain heading.
pub(super) fn roles(headings: &[&Heading]) -> (Vec<Role>, bool) {
    let mut madr_named = false;
    let mut roles = Vec::with_capacity(headings.len());
    let mut buf = [0u8; 64];
    for h in headings {
        let owned;
        let n = match plain_heading_lower(h.text, &mut buf) {
            Some(n) => n,
            None => {
                owned = normalize_heading(h.text);
                owned.as_str()
            }
        };
        madr_named |= matches!(
            n,
            "context and problem statement" | "considered options" | "decision outcome"
        );
        roles.push(role_of_normalized(n));
    }
    (roles, madr_named)
}

/// [`normalize_heading`] of a plain heading (ASCII letters and single spaces, at most 64 bytes),
/// written into `buf`; None for any other heading.
fn plain_heading_lower<'b>(h: &str, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    if h.len() > buf.len()
        || !h.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ')
        || h.contains("  ")
    {
        return None;
    }
    let out = &mut buf[..h.len()];
    out.copy_from_slice(h.as_bytes());
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

fn role_of_normalized(heading: &str) -> Role {
    match heading {
        "context"
        | "context and problem statement"
        | "problem statement"
        | "context and problem"
        | "background"
        | "problem"
        | "context and background" => Role::Context,
        "decision drivers" | "drivers" | "forces" => Role::Drivers,
        "decision" | "decision outcome" | "outcome" | "the decision" => Role::Decision,
        "consequences" | "implications" => Role::Consequences,
        "considered options"
        | "considered alternatives"
        | "options considered"
        | "alternatives considered"
        | "alternatives"
        | "options" => Role::Options,
        "pros and cons of the options" | "pros and cons of the alternatives" | "pros and cons" => {
            Role::ProsCons
        }
        "status" => Role::Status,
        "links" | "related decisions" | "related" => Role::Links,
        _ => Role::Other,
    }
}

/// `Status: Accepted` as a heading → `Accepted`.
pub(super) fn status_in_heading(h: &str) -> Option<&str> {
    let t = h.trim_start_matches(['*', '_']);
    let head = t.get(..6)?;
    if !head.eq_ignore_ascii_case("status") {
        return None;
    }
    let rest = t[6..].trim_start_matches(['*', '_']).strip_prefix(':')?;
    let rest = rest.trim_start_matches(['*', '_']).trim();
    (!rest.is_empty()).then_some(rest)
}

/// `# 12. Title`, `# 23 Title`, `# ADR-0012: Title`, `# 0. Record` → (number, title).
/// A bare number followed by a space counts only when no other number contradicts it.
pub(super) fn split_title_number(h1: &str, other: Option<u32>) -> (Option<u32>, &str) {
    let lower = h1.to_ascii_lowercase();
    let prefix = ["adr-", "adr ", "adr_", "adr"]
        .iter()
        .find(|p| lower.starts_with(*p) && h1[p.len()..].starts_with(|c: char| c.is_ascii_digit()))
        .map_or(0, |p| p.len());
    let s = &h1[prefix..];
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return (None, h1);
    }
    let Ok(n) = s[..digits].parse::<u32>() else {
        return (None, h1);
    };
    let rest = &s[digits..];
    let title = if let Some(r) = rest.strip_prefix(['.', ':', ')']) {
        if !(r.is_empty() || r.starts_with([' ', '\t'])) {
            return (None, h1); // `1.5 million users`
        }
        r
    } else if rest.starts_with([' ', '\t']) {
        if prefix == 0 && other.is_some_and(|o| o != n) {
            return (None, h1);
        }
        rest
    } else if rest.is_empty() && prefix > 0 {
        rest
    } else {
        return (None, h1);
    };
    let title = title.trim_start();
    let title = title
        .strip_prefix("- ")
        .or_else(|| title.strip_prefix("– "))
        .or_else(|| title.strip_prefix(": "))
        .unwrap_or(title);
    (Some(n), title.trim())
}

/// `* **Status:** Accepted` / `- Date: 2021-03-04` / `Date: 2020-09-04` / `**Status**: Done`
/// → (lower-case key, value, 0-based char column of the value).
pub(super) fn meta_line(line: &str) -> Option<(String, &str, usize)> {
    let t = line.trim_start();
    let t = t
        .strip_prefix("* ")
        .or_else(|| t.strip_prefix("- "))
        .or_else(|| t.strip_prefix("+ "))
        .unwrap_or(t);
    let colon = t.find(':')?;
    // `https://...` is not a key
    if !t[colon + 1..].is_empty() && !t[colon + 1..].starts_with([' ', '\t', '*', '_']) {
        return None;
    }
    let key: String = t[..colon]
        .chars()
        .filter(|c| !matches!(c, '*' | '_'))
        .collect();
    let key = key.trim().to_lowercase();
    if key.is_empty()
        || key.len() > 20
        || !key
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
    {
        return None;
    }
    let value = t[colon + 1..]
        .trim_start_matches(['*', '_', ' ', '\t'])
        .trim_end();
    // `value` is a slice of `line`: its byte offset gives the column
    let offset = (value.as_ptr() as usize - line.as_ptr() as usize).min(line.len());
    let col = line.get(..offset).map_or(0, |s| s.chars().count());
    Some((key, value, col))
}

pub(super) const META_KEYS: [&str; 8] = [
    "status",
    "date",
    "deciders",
    "decision-makers",
    "decision makers",
    "tags",
    "consulted",
    "informed",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_numbers() {
        assert_eq!(split_title_number("12. Use X", None), (Some(12), "Use X"));
        assert_eq!(split_title_number("23 Use X", None), (Some(23), "Use X"));
        assert_eq!(split_title_number("23 Use X", Some(24)), (None, "23 Use X"));
        assert_eq!(
            split_title_number("30. Use X", Some(31)),
            (Some(30), "Use X")
        );
        assert_eq!(
            split_title_number("ADR-0012: Use X", None),
            (Some(12), "Use X")
        );
        assert_eq!(
            split_title_number("ADR 7 - Use X", None),
            (Some(7), "Use X")
        );
        assert_eq!(split_title_number("0. Record", None), (Some(0), "Record"));
        assert_eq!(
            split_title_number("2FA for admins", None),
            (None, "2FA for admins")
        );
        assert_eq!(
            split_title_number("1.5 million", None),
            (None, "1.5 million")
        );
        assert_eq!(split_title_number("Use X", None), (None, "Use X"));
        assert_eq!(
            split_title_number("33.  Increase", Some(33)),
            (Some(33), "Increase")
        );
    }

    #[test]
    fn metadata_lines() {
        let m = |l| meta_line(l).map(|(k, v, c)| (k, v.to_string(), c));
        assert_eq!(
            m("* Status: accepted"),
            Some(("status".into(), "accepted".into(), 10))
        );
        assert_eq!(
            m("- **Status:** Accepted"),
            Some(("status".into(), "Accepted".into(), 14))
        );
        assert_eq!(
            m("**Status**: Done 3/4/21").map(|x| x.1),
            Some("Done 3/4/21".into())
        );
        assert_eq!(m("Date: 2020-09-04").map(|x| x.0), Some("date".into()));
        assert_eq!(m("See https://x.org"), None);
        assert_eq!(m("A long sentence that happens to have: a colon"), None);
    }

    #[test]
    fn status_headings() {
        assert_eq!(status_in_heading("Status: Accepted"), Some("Accepted"));
        assert_eq!(
            status_in_heading("**Status:** ✅ Accepted"),
            Some("✅ Accepted")
        );
        assert_eq!(status_in_heading("Status"), None);
        assert_eq!(status_in_heading("Statusänderung"), None);
        assert_eq!(status_in_heading("Sta"), None);
    }

    #[test]
    fn plain_headings_normalise_on_the_stack_as_on_the_heap() {
        let mut buf = [0u8; 64];
        for h in [
            "Context and Problem Statement",
            "Status",
            "A",
            "",
            "Decision Outcome",
        ] {
            assert_eq!(
                plain_heading_lower(h, &mut buf),
                Some(normalize_heading(h).as_str())
            );
        }
        for h in [
            "1. Context",
            "**Status**",
            "Two  spaces",
            "Statusänderung",
            &"x".repeat(65),
        ] {
            assert_eq!(plain_heading_lower(h, &mut buf), None, "{h}");
        }
    }

    #[test]
    fn heading_roles() {
        assert_eq!(role("Context and Problem Statement"), Role::Context);
        assert_eq!(role("1. Context:"), Role::Context);
        assert_eq!(role("**Status**"), Role::Status);
        assert_eq!(role("Pros and Cons of the Options"), Role::ProsCons);
        assert_eq!(role("More Information"), Role::Other);
    }
}
