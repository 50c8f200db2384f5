//! Reading the pieces of a line: keywords, names (quoted, with flags), `[v, m]` numbers as
//! JavaScript reads them, decorators and the tail after a component's name.

use super::*;

/// `t` starts with `kw` and a space (OWM's test); returns what follows.
pub(super) fn keyword<'a>(t: &'a str, kw: &str) -> Option<&'a str> {
    t.strip_prefix(kw).and_then(|r| {
        if r.starts_with(' ') || r.starts_with('\t') {
            Some(r)
        } else {
            None
        }
    })
}

/// Long user text shortened for messages.
pub(super) fn clip(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(MAX).collect();
        out.push('…');
        out
    }
}

/// A name at the start of `s`: quoted (with escapes), or up to `" ["`. Returns the name (None
/// for an unterminated quote) and the rest.
pub(super) fn split_name(s: &str) -> (Option<String>, String) {
    let s = s.trim();
    if s.starts_with('"') {
        return match parse_quoted(s) {
            Some((name, rest)) => (Some(name), rest.to_string()),
            None => (None, String::new()),
        };
    }
    if s.starts_with('[') {
        return (Some(String::new()), s.to_string());
    }
    match s.find(" [") {
        Some(i) => (Some(s[..i].trim().to_string()), s[i..].to_string()),
        None => (Some(s.to_string()), String::new()),
    }
}

/// Without coordinates, `component X (build) inertia` would keep the flags in the name (OWM
/// does); peel trailing decorator groups, `inertia` and `label [..]` off it.
pub(super) fn peel_flags(name: &str) -> (String, String) {
    let mut n = name.trim_end();
    let mut peeled: Vec<&str> = Vec::new();
    loop {
        if n.ends_with(')') {
            if let Some(open) = n.rfind('(') {
                let inner = &n[open + 1..n.len() - 1];
                if !inner.trim().is_empty()
                    && inner.split(',').all(|w| decorator(w.trim()).is_some())
                {
                    peeled.push(&n[open..]);
                    n = n[..open].trim_end();
                    continue;
                }
            }
        }
        if let Some(rest) = n.strip_suffix("inertia") {
            if rest.ends_with(char::is_whitespace) && !rest.trim().is_empty() {
                peeled.push("inertia");
                n = rest.trim_end();
                continue;
            }
        }
        break;
    }
    peeled.reverse();
    (n.to_string(), peeled.join(" "))
}

pub(super) enum Decorator {
    Sourcing(Sourcing),
    Inertia,
}

pub(super) fn decorator(word: &str) -> Option<Decorator> {
    Some(match word.to_ascii_lowercase().as_str() {
        "inertia" => Decorator::Inertia,
        word => Decorator::Sourcing(Sourcing::from_word(word)?),
    })
}

/// What may follow a component's name, in any order.
#[derive(Default)]
pub(super) struct Tail {
    pub(super) coords: Option<Vec<Option<f64>>>,
    pub(super) label: Option<[f64; 2]>,
    pub(super) sourcing: Vec<Sourcing>,
    pub(super) inertia: bool,
    pub(super) evolve: Option<f64>,
    pub(super) url: Option<String>,
    /// A later `(…)` group OWM ignores.
    pub(super) ignored_group: Option<String>,
    pub(super) unknown: Vec<String>,
}

pub(super) fn read_tail(s: &str) -> Tail {
    let mut tail = Tail::default();
    let mut rest = s.trim_start();
    let mut first_group = true;
    while !rest.is_empty() {
        if rest.starts_with('[') {
            let end = rest.find(']').map(|i| i + 1).unwrap_or(rest.len());
            let inner = rest[1..end].trim_end_matches(']');
            if tail.coords.is_none() {
                tail.coords = Some(numbers(inner));
            } else {
                tail.unknown.push(rest[..end].to_string());
            }
            rest = &rest[end..];
        } else if let Some(r) = rest.strip_prefix("label") {
            let r = r.trim_start();
            if r.starts_with('[') {
                let end = r.find(']').map(|i| i + 1).unwrap_or(r.len());
                let n = numbers(r[1..end].trim_end_matches(']'));
                if let [Some(x), Some(y), ..] = n.as_slice() {
                    tail.label = Some([*x, *y]);
                } else {
                    tail.unknown.push(format!("label {}", &r[..end]));
                }
                rest = &r[end..];
            } else {
                tail.unknown.push("label".into());
                rest = r;
            }
        } else if let Some(r) = rest.strip_prefix("url(") {
            let end = r.find(')').unwrap_or(r.len());
            tail.url = Some(r[..end].trim().to_string());
            rest = r.get(end + 1..).unwrap_or("");
        } else if rest.starts_with('(') {
            let end = rest.find(')').map(|i| i + 1).unwrap_or(rest.len());
            let group = &rest[..end];
            let inner = group.trim_start_matches('(').trim_end_matches(')');
            let mut any_sourcing = false;
            for w in inner.split(',').map(str::trim).filter(|w| !w.is_empty()) {
                match decorator(w) {
                    Some(Decorator::Inertia) => tail.inertia = true,
                    Some(Decorator::Sourcing(s)) => {
                        any_sourcing = true;
                        if first_group && !tail.sourcing.contains(&s) {
                            tail.sourcing.push(s);
                        }
                    }
                    None => tail.unknown.push(format!("({w})")),
                }
            }
            if any_sourcing {
                if !first_group {
                    tail.ignored_group = Some(group.to_string());
                }
                first_group = false;
            }
            rest = &rest[end..];
        } else if let Some(r) = rest.strip_prefix("inertia") {
            tail.inertia = true;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("evolve") {
            let r = r.trim_start();
            let end = r.find(char::is_whitespace).unwrap_or(r.len());
            match js_parse_float(&r[..end]) {
                Some(m) => tail.evolve = Some(m),
                None => tail.unknown.push("evolve".into()),
            }
            rest = &r[end..];
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            // Keep going character-wise when a word runs into a bracket (`x[0.1]`).
            let end = rest[..end]
                .find(['[', '('])
                .filter(|&i| i > 0)
                .unwrap_or(end);
            tail.unknown.push(rest[..end].to_string());
            rest = &rest[end..];
        }
        rest = rest.trim_start();
    }
    tail
}

/// Two numbers (visibility, maturity) with OWM's per-number defaults; warns when the text
/// held something that is not a number.
pub(super) fn pair(
    n: &[Option<f64>],
    default: [f64; 2],
    at: At,
    r: &mut Reader,
    what: &str,
) -> [f64; 2] {
    let v = n.first().copied().flatten();
    let m = n.get(1).copied().flatten();
    if v.is_none() || m.is_none() {
        r.warn(
            at,
            "bad-value",
            format!(
                "{what} coordinates are not `[visibility, maturity]` numbers; OWM's default used for the missing one"
            ),
        );
    }
    [v.unwrap_or(default[0]), m.unwrap_or(default[1])]
}

/// The numbers in the first `[...]` of `s` (each None when not a number), and the rest after it.
pub(super) fn bracket_numbers(s: &str) -> Option<(Vec<Option<f64>>, String)> {
    let start = s.find('[')?;
    let inner = &s[start + 1..];
    let end = inner.find(']')?;
    Some((numbers(&inner[..end]), inner[end + 1..].to_string()))
}

/// Length of the balanced `[...]` (nested allowed) at the start of `s`, in bytes.
pub(super) fn bracket_span(s: &str) -> Option<usize> {
    if !s.starts_with('[') {
        return None;
    }
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

pub(super) fn numbers(s: &str) -> Vec<Option<f64>> {
    if s.trim().is_empty() {
        return Vec::new();
    }
    s.split(',').map(js_parse_float).collect()
}

/// JavaScript's `parseFloat`: the longest number at the start (`.98`, `0.5abc` → 0.5), None if
/// there is none. Non-finite results count as none.
pub fn js_parse_float(s: &str) -> Option<f64> {
    let s = s.trim_start();
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let mut digits = i - int_start;
    if i < b.len() && b[i] == b'.' {
        let frac_start = i + 1;
        let mut j = frac_start;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        digits += j - frac_start;
        if digits > 0 {
            i = j;
        }
    }
    if digits == 0 {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        let exp_start = j;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j > exp_start {
            i = j;
        }
    }
    s[..i].parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A `"..."` string at the start of `s` with OWM's escapes; returns it and the rest.
pub fn parse_quoted(s: &str) -> Option<(String, &str)> {
    let body = s.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &body[i + 1..])),
            '\\' => match chars.next() {
                Some((_, 'n')) => out.push('\n'),
                Some((_, 'r')) => out.push('\r'),
                Some((_, 't')) => out.push('\t'),
                Some((_, e @ ('"' | '\\' | '[' | ']'))) => out.push(e),
                Some((_, other)) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            _ => out.push(c),
        }
    }
    None
}

/// A link endpoint: quoted names are unescaped, others trimmed.
pub(super) fn unquote(s: &str) -> String {
    if s.starts_with('"') {
        if let Some((name, rest)) = parse_quoted(s) {
            if rest.trim().is_empty() {
                return name;
            }
        }
    }
    s.to_string()
}

/// `Old->New` (either side may be quoted) for evolve with rename.
pub(super) fn split_rename(s: &str) -> (String, Option<String>) {
    let s = s.trim();
    if s.starts_with('"') {
        if let Some((old, rest)) = parse_quoted(s) {
            let rest = rest.trim();
            if let Some(new) = rest.strip_prefix("->") {
                return (old, Some(unquote(new.trim())));
            }
            return (old, None);
        }
    }
    match s.find("->") {
        Some(i) => (s[..i].trim().to_string(), Some(unquote(s[i + 2..].trim()))),
        None => (s.to_string(), None),
    }
}

/// Byte index of `needle` outside double quotes.
pub(super) fn find_unquoted(s: &str, needle: char) -> Option<usize> {
    let mut in_quote = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if in_quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_quote = false;
            }
        } else if c == '"' {
            in_quote = true;
        } else if c == needle {
            return Some(i);
        }
    }
    None
}
