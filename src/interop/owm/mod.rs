//! OnlineWardleyMaps (OWM) map text: reading ([`parse`]), writing ([`write`]) and the
//! conversion of a map to `maps/ID.toml` text ([`to_toml`]).
//!
//! OWM has no grammar, only one substring-based extractor per statement; `parse` follows
//! it statement by statement and says, through diagnostics, where it deliberately reads
//! more faithfully (docs/owm.md lists every difference and why).

pub mod parse;
pub mod to_toml;
pub mod write;

pub use parse::{parse, Parsed};
pub use to_toml::to_toml;
pub use write::{export_warnings, write, write_with_warnings};

/// The statements OWM recognises by their first word. A line starting with one of these is
/// never a link (OWM's rule), and a name starting with one must be quoted when written.
pub const RESERVED: [&str; 26] = [
    "evolution",
    "valuechain",
    "anchor",
    "evolve",
    "component",
    "style",
    "build",
    "buy",
    "outsource",
    "market",
    "ecosystem",
    "title",
    "annotation",
    "annotations",
    "pipeline",
    "note",
    "pioneers",
    "settlers",
    "townplanners",
    "submap",
    "url",
    "accelerator",
    "deaccelerator",
    "size",
    "{",
    "}",
];

/// A kebab-case id (`[a-z0-9][a-z0-9-]*`) for a name: ASCII letters and digits kept, common
/// Latin accents folded (é → e, ß → ss), anything else a separator. A name with nothing
/// usable (日本, ☕) gets `c-` and a hash of the name, so the same name always gives the same id.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_dash = false;
    for c in name.chars() {
        let folded: Option<&str> = fold_char(c);
        match folded {
            Some(s) => {
                if pending_dash && !out.is_empty() {
                    out.push('-');
                }
                pending_dash = false;
                out.push_str(s);
            }
            None if c.is_ascii_alphanumeric() => {
                if pending_dash && !out.is_empty() {
                    out.push('-');
                }
                pending_dash = false;
                out.push(c.to_ascii_lowercase());
            }
            None => pending_dash = true,
        }
    }
    const MAX: usize = 48;
    if out.len() > MAX {
        let cut = out[..MAX].rfind('-').filter(|&i| i > 8).unwrap_or(MAX);
        out.truncate(cut);
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        if name.trim().is_empty() {
            return "component".to_string();
        }
        return format!("c-{:08x}", fnv1a32(name));
    }
    out
}

fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        _ => return None,
    })
}

fn fnv1a32(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Hands out unique ids: the slug, then `-2`, `-3`, ... on collisions. The next suffix to try is
/// remembered per slug, so 100,000 components of one name cost 100,000 tries, not 100,000²/2.
#[derive(Default)]
pub struct IdAllocator {
    used: std::collections::HashSet<String>,
    next_suffix: std::collections::HashMap<String, u64>,
    /// Candidate ids tried so far (a test checks the work stays linear).
    tries: u64,
}

impl IdAllocator {
    pub fn allocate(&mut self, name: &str) -> String {
        let base = slug(name);
        self.tries += 1;
        if self.used.insert(base.clone()) {
            return base;
        }
        let n = self.next_suffix.entry(base.clone()).or_insert(2);
        loop {
            // a suffix can be taken by a name that slugs to it (`A 2` is `a-2`): skip it
            let candidate = format!("{base}-{n}");
            *n += 1;
            self.tries += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }

    /// Candidate ids tried by every `allocate` so far.
    pub fn tries(&self) -> u64 {
        self.tries
    }
}

/// How OWM matches a link endpoint when the exact name fails: case-insensitive, whitespace
/// collapsed (a newline in a quoted name counts as a space).
pub fn normalise_name(name: &str) -> String {
    name.replace("\\n", " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_kebab_case_and_stable() {
        assert_eq!(slug("Cup of Tea"), "cup-of-tea");
        assert_eq!(slug("  Hot  Water (EU) "), "hot-water-eu");
        assert_eq!(slug("Café Crème"), "cafe-creme");
        assert_eq!(slug("Straße"), "strasse");
        let cjk = slug("日本語");
        assert!(cjk.starts_with("c-") && cjk.len() == 10, "{cjk}");
        assert_eq!(cjk, slug("日本語"));
        assert_ne!(cjk, slug("中文"));
        assert_eq!(slug(""), "component");
        assert!(crate::workspace::reference::is_valid_id(&slug("--x--")));
        let long = slug(&"word ".repeat(40));
        assert!(long.len() <= 48 && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn allocator_dedupes() {
        let mut ids = IdAllocator::default();
        assert_eq!(ids.allocate("A"), "a");
        assert_eq!(ids.allocate("a"), "a-2");
        assert_eq!(ids.allocate("A!"), "a-3");
        // a name that slugs to a suffixed id takes it; the next duplicate skips it
        assert_eq!(ids.allocate("a 4"), "a-4");
        assert_eq!(ids.allocate("a"), "a-5");
        assert_eq!(ids.allocate("a 4"), "a-4-2");
    }

    #[test]
    fn many_identical_names_cost_one_try_each() {
        let mut ids = IdAllocator::default();
        let n = 100_000;
        let mut seen = std::collections::HashSet::new();
        for _ in 0..n {
            assert!(seen.insert(ids.allocate("Same")));
        }
        assert!(seen.contains("same") && seen.contains("same-100000"));
        // retrying from `-2` each time would be n²/2 = 5,000,000,000 tries
        assert_eq!(ids.tries(), 2 * n - 1);
    }

    #[test]
    fn normalised_names_ignore_case_and_spacing() {
        assert_eq!(normalise_name("  Cup   of\nTea "), "cup of tea");
    }
}
