//! File-name rules: which files are records, and the number a file name carries.

/// The number in a record's file name, and whether it is a log4brains date (`YYYYMMDD-slug`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameNumber {
    pub number: u32,
    pub is_date: bool,
}

/// `0012-title.md`, `049-x.md`, `12_title.md`, `ADR-0012-title.md`, `adr12.md`, `20201016-use-slugs.md`.
pub fn number_from_name(stem: &str) -> Option<NameNumber> {
    let digits = leading_digits(stem);
    if !digits.is_empty() {
        let rest = &stem[digits.len()..];
        // the number must stand alone: `2fa-for-admins.md` is a title, not record 2
        if !(rest.is_empty() || rest.starts_with(['-', '_', '.', ' '])) {
            return None;
        }
        let number = digits.parse().ok()?;
        let is_date = digits.len() == 8 && is_plausible_date(digits);
        return Some(NameNumber { number, is_date });
    }
    let lower = stem.to_ascii_lowercase();
    let rest = lower.strip_prefix("adr")?;
    let rest = rest.strip_prefix(['-', '_', ' ']).unwrap_or(rest);
    let digits = leading_digits(rest);
    let after = &rest[digits.len()..];
    if digits.is_empty() || !(after.is_empty() || after.starts_with(['-', '_', '.', ' '])) {
        return None;
    }
    Some(NameNumber {
        number: digits.parse().ok()?,
        is_date: false,
    })
}

fn leading_digits(s: &str) -> &str {
    let end = s.bytes().take_while(u8::is_ascii_digit).count();
    &s[..end]
}

/// `YYYYMMDD` with a year 1970..=2099, a month and a day in range.
fn is_plausible_date(d: &str) -> bool {
    let (Ok(y), Ok(m), Ok(day)) = (
        d[0..4].parse::<u32>(),
        d[4..6].parse::<u32>(),
        d[6..8].parse::<u32>(),
    ) else {
        return false;
    };
    (1970..=2099).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&day)
}

/// Markdown files that live in ADR folders without being records.
pub fn is_record_file(file_name: &str) -> bool {
    let lower = file_name.to_lowercase();
    let Some(stem) = lower
        .strip_suffix(".md")
        .or_else(|| lower.strip_suffix(".markdown"))
    else {
        return false;
    };
    if stem.is_empty() || stem.starts_with('.') {
        return false;
    }
    // A numbered file is a record unless its slug says template, index or README
    // (kuma's `000-template.md`): other slugs may say anything.
    if number_from_name(stem).is_some() {
        let slug = stem
            .trim_start_matches("adr")
            .trim_start_matches(['-', '_', ' '])
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches(['-', '_', ' ', '.']);
        const NOT_RECORD_SLUGS: [&str; 8] = [
            "template",
            "adr-template",
            "_template",
            "madr-template",
            "index",
            "_index",
            "readme",
            "toc",
        ];
        return !(NOT_RECORD_SLUGS.contains(&slug)
            || slug.starts_with("template-")
            || slug.starts_with("adr-template-"));
    }
    const NOT_RECORDS: [&str; 9] = [
        "readme", "index", "_index", "template", "backlog", "toc", "summary", "_sidebar", "license",
    ];
    !(NOT_RECORDS.contains(&stem) || is_template_name(stem))
}

/// `template`, `template-minimal`, `adr-template`, `_template`, `madr-template`, `my_template`.
fn is_template_name(stem: &str) -> bool {
    stem == "template"
        || stem.starts_with("template-")
        || stem.starts_with("template_")
        || stem.starts_with("adr-template")
        || stem.starts_with("_template")
        || stem.ends_with("-template")
        || stem.ends_with("_template")
}

/// A log4brains record's id: its file name without the date and the extension
/// (`20200925-use-lunr-for-search` → `use-lunr-for-search`), as an `adr:` reference can hold it.
pub fn log4brains_slug(stem: &str) -> String {
    let rest = stem
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['-', '_', ' ', '.']);
    let mut slug = String::with_capacity(rest.len());
    for c in rest.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if crate::workspace::reference::is_adr_slug(slug) {
        slug.to_string()
    } else {
        // a name of digits or symbols only: the whole stem keeps it unique
        format!(
            "adr-{}",
            stem.to_ascii_lowercase()
                .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
        )
    }
}

/// `0012-use-event-sourcing` → `Use event sourcing` (a title for records that have none).
pub fn title_from_stem(stem: &str) -> String {
    let rest = match number_from_name(stem) {
        Some(_) => {
            let lower = stem.to_ascii_lowercase();
            let skip = if lower.starts_with("adr") { 3 } else { 0 };
            let s = &stem[skip..];
            let s = s.trim_start_matches(['-', '_', ' ']);
            s.trim_start_matches(|c: char| c.is_ascii_digit())
        }
        None => stem,
    };
    let words: Vec<&str> = rest
        .split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    let mut chars = joined.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => stem.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_from_names() {
        let n = |s| number_from_name(s).map(|n| n.number);
        assert_eq!(n("0012-use-x"), Some(12));
        assert_eq!(n("049-use-x"), Some(49));
        assert_eq!(n("12_use_x"), Some(12));
        assert_eq!(n("ADR-0007-use-x"), Some(7));
        assert_eq!(n("adr12"), Some(12));
        assert_eq!(n("0024-use-#-as-indicator"), Some(24));
        assert_eq!(n("2fa-for-admins"), None);
        assert_eq!(n("use-x"), None);
        assert_eq!(n("adrs-are-great"), None);
        assert!(number_from_name("20201016-use-slugs").unwrap().is_date);
        assert!(!number_from_name("0012-x").unwrap().is_date);
        assert_eq!(n("99999999999999-x"), None);
    }

    #[test]
    fn records_and_not_records() {
        for yes in [
            "0001-x.md",
            "use-x.md",
            "0001-readme-first.md",
            "0002-templates-for-services.md",
            "0003-use-a-service-template.md",
            "templates-for-services.md",
            "ADR-3.MD",
            "x.markdown",
        ] {
            assert!(is_record_file(yes), "{yes}");
        }
        for no in [
            "README.md",
            "index.md",
            "template.md",
            "adr-template-minimal.md",
            "backlog.md",
            ".hidden.md",
            "notes.txt",
            "0001-x.md.orig",
            "000-template.md",
            "0000-adr-template.md",
            "0000-_template.md",
            "0000-index.md",
            "000-README.md",
        ] {
            assert!(!is_record_file(no), "{no}");
        }
    }

    #[test]
    fn log4brains_slugs() {
        assert_eq!(
            log4brains_slug("20200925-use-lunr-for-search"),
            "use-lunr-for-search"
        );
        assert_eq!(log4brains_slug("20200925-Use_Next.js"), "use-next-js");
        assert_eq!(log4brains_slug("20200925"), "adr-20200925");
    }

    #[test]
    fn titles_from_stems() {
        assert_eq!(
            title_from_stem("0012-use-event-sourcing"),
            "Use event sourcing"
        );
        assert_eq!(title_from_stem("20201016-use-slugs"), "Use slugs");
        assert_eq!(title_from_stem("adr-7-x"), "X");
        assert_eq!(title_from_stem("0003"), "0003");
    }
}
