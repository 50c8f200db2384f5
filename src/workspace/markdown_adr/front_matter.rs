//! The YAML front matter of MADR 3/4, adrs and Jekyll sites, read as far as ADRs use it:
//! top-level `key: value` pairs with plain, quoted, flow-list, block-list and block-scalar values.
//! Anything fancier is kept as its raw text; nothing here fails.

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Text(String),
    List(Vec<String>),
    /// A flow mapping `{...}`: in MADR templates an unfilled placeholder such as `{YYYY-MM-DD …}`.
    Mapping(String),
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub value: Value,
    /// 0-based index of the key's line in the lines given to [`parse`].
    pub line: usize,
}

/// Reads `lines` (the front matter without its `---` fences).
pub fn parse(lines: &[&str]) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let top_level = !line.starts_with([' ', '\t', '#', '-']);
        let Some((key, raw)) = line.split_once(':').filter(|_| top_level) else {
            i += 1;
            continue;
        };
        let key = unquote(key.trim());
        let raw = raw.trim();
        let start = i;
        i += 1;
        // the indented lines that follow belong to this key
        let mut nested: Vec<&str> = Vec::new();
        while i < lines.len()
            && (lines[i].starts_with([' ', '\t', '-']) || lines[i].trim().is_empty())
        {
            nested.push(lines[i]);
            i += 1;
        }
        let value = value_of(raw, &nested);
        out.push(Entry {
            key: key.to_ascii_lowercase(),
            value,
            line: start,
        });
    }
    out
}

fn value_of(raw: &str, nested: &[&str]) -> Value {
    let raw = strip_comment(raw);
    if raw.is_empty() || raw == "~" || raw == "null" {
        let items: Vec<String> = nested
            .iter()
            .filter_map(|l| l.trim().strip_prefix('-'))
            .map(|item| unquote(strip_comment(item.trim())))
            .filter(|s| !s.is_empty())
            .collect();
        return if items.is_empty() {
            Value::Null
        } else {
            Value::List(items)
        };
    }
    if raw.starts_with('|') || raw.starts_with('>') {
        let folded = raw.starts_with('>');
        let body: Vec<&str> = nested.iter().map(|l| l.trim()).collect();
        let joined = body.join(if folded { " " } else { "\n" });
        return Value::Text(joined.trim().to_string());
    }
    if let Some(inner) = raw.strip_prefix('[') {
        let inner = inner.strip_suffix(']').unwrap_or(inner);
        return Value::List(
            split_flow(inner)
                .into_iter()
                .map(|s| unquote(s.trim()))
                .filter(|s| !s.is_empty())
                .collect(),
        );
    }
    if raw.starts_with('{') {
        return Value::Mapping(raw.to_string());
    }
    // a plain scalar may continue on indented lines
    let mut text = unquote(raw);
    if !raw.starts_with(['"', '\'']) {
        for l in nested {
            let t = l.trim();
            if !t.is_empty() {
                text.push(' ');
                text.push_str(t);
            }
        }
    }
    Value::Text(text)
}

/// ` # comment` after a plain value (not inside quotes).
fn strip_comment(s: &str) -> &str {
    if s.starts_with(['"', '\'']) {
        return s;
    }
    match s.find(" #") {
        Some(i) => s[..i].trim_end(),
        None => s,
    }
}

/// Splits a flow list on commas outside quotes.
fn split_flow(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quote = None;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, ',') => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

/// `"a \"b\""` → `a "b"`, `'it''s'` → `it's`, plain text unchanged.
pub fn unquote(s: &str) -> String {
    let s = s.trim();
    if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') {
        let inner = &s[1..s.len() - 1];
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            // YAML 1.2's escapes of a double-quoted scalar
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('0') => out.push('\0'),
                Some('a') => out.push('\u{7}'),
                Some('b') => out.push('\u{8}'),
                Some('e') => out.push('\u{1b}'),
                Some('f') => out.push('\u{c}'),
                Some('v') => out.push('\u{b}'),
                Some('N') => out.push('\u{85}'),
                Some('_') => out.push('\u{a0}'),
                Some('L') => out.push('\u{2028}'),
                Some('P') => out.push('\u{2029}'),
                Some(k @ ('x' | 'u' | 'U')) => {
                    let digits = match k {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    let hex: String = chars.clone().take(digits).collect();
                    match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        Some(c) if hex.len() == digits => {
                            out.push(c);
                            for _ in 0..digits {
                                chars.next();
                            }
                        }
                        // not an escape YAML knows: kept as written
                        _ => {
                            out.push('\\');
                            out.push(k);
                        }
                    }
                }
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        }
        return out;
    }
    if s.len() >= 2 && s.starts_with('\'') && s.ends_with('\'') {
        return s[1..s.len() - 1].replace("''", "'");
    }
    s.to_string()
}

impl Value {
    /// The value as a list of names: a YAML list, or one comma-separated string.
    pub fn names(&self) -> Vec<String> {
        match self {
            Value::List(items) => items.clone(),
            Value::Text(t) => t
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            Value::Null | Value::Mapping(_) => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(src: &str, key: &str) -> Option<Value> {
        let lines: Vec<&str> = src.lines().collect();
        parse(&lines)
            .into_iter()
            .find(|e| e.key == key)
            .map(|e| e.value)
    }

    #[test]
    fn madr_keys() {
        let src = "status: \"accepted; supersedes ADR-0045\"\ndate: 2025-07-31\n\
                   decision-makers: \"@a, @b\"\nconsulted:\n  - Ana\n  - 'Bo'\ninformed: [x, \"y, z\"]\n\
                   nav_order: 0042\nparent: Decision Records";
        assert_eq!(
            get(src, "status"),
            Some(Value::Text("accepted; supersedes ADR-0045".into()))
        );
        assert_eq!(get(src, "date"), Some(Value::Text("2025-07-31".into())));
        assert_eq!(get(src, "decision-makers").unwrap().names(), ["@a", "@b"]);
        assert_eq!(get(src, "consulted").unwrap().names(), ["Ana", "Bo"]);
        assert_eq!(get(src, "informed").unwrap().names(), ["x", "y, z"]);
        assert_eq!(get(src, "nav_order"), Some(Value::Text("0042".into())));
    }

    #[test]
    fn placeholders_and_oddities() {
        let src = "date: {YYYY-MM-DD when the decision was last updated}\nstatus:\n\
                   title: >\n  folded\n  text\n: no key\n  stray\nbroken";
        assert!(matches!(get(src, "date"), Some(Value::Mapping(_))));
        assert_eq!(get(src, "status"), Some(Value::Null));
        assert_eq!(get(src, "title"), Some(Value::Text("folded text".into())));
        assert_eq!(unquote("'it''s'"), "it's");
        assert_eq!(unquote("\"a \\\"b\\\"\""), "a \"b\"");
        assert_eq!(unquote("\"acc\\x1b[2Jepted\""), "acc\u{1b}[2Jepted");
        assert_eq!(unquote("\"caf\\u00e9 \\U0001F600 \\e\""), "café 😀 \u{1b}");
        assert_eq!(unquote("\"a\\xZZ\""), "a\\xZZ");
        assert_eq!(unquote("\""), "\"");
    }
}
