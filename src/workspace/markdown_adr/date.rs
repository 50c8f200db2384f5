//! Dates as ADR files write them, normalised to `YYYY-MM-DD`.
//!
//! ISO (`2020-09-04`, `2020/09/04`, with a time after it), day first (`05/02/2018`, `5.2.2018`,
//! `10/04/18`, as adr-tools' upgrade script and most of the world write it; month first only when
//! day first is impossible, `02/25/2020`), and month names (`4 September 2020`, `Sep 4, 2020`).

/// The first date found in `text`, or None.
pub fn normalize(text: &str) -> Option<String> {
    let t = text.trim();
    // try each run of digits in turn: `version 2, accepted 2021-02-06`
    let mut prev_digit = false;
    for (i, c) in t.char_indices() {
        let digit = c.is_ascii_digit();
        if digit && !prev_digit {
            if let Some(d) = numeric(&t[i..]) {
                return Some(d);
            }
        }
        prev_digit = digit;
    }
    with_month_name(t)
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => return None,
    };
    ((1000..=9999).contains(&y) && (1..=days).contains(&d)).then(|| {
        // `format!("{y:04}-{m:02}-{d:02}")` without the formatter: one per record adds up
        let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
        [
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            '-',
            digit(m / 10),
            digit(m),
            '-',
            digit(d / 10),
            digit(d),
        ]
        .into_iter()
        .collect()
    })
}

/// Two-digit years: `18` → 2018, `87` → 1987.
fn full_year(y: u32, digits: usize) -> u32 {
    match digits {
        2 if y < 70 => 2000 + y,
        2 => 1900 + y,
        _ => y,
    }
}

/// Three digit groups separated by `-`, `/` or `.` at the start of `s`.
fn numeric(s: &str) -> Option<String> {
    let mut groups: Vec<&str> = Vec::with_capacity(3);
    let mut rest = s;
    let mut sep = None;
    while groups.len() < 3 {
        let n = rest.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        groups.push(&rest[..n]);
        rest = &rest[n..];
        if groups.len() == 3 {
            break;
        }
        let c = rest.chars().next()?;
        if !matches!(c, '-' | '/' | '.') || sep.is_some_and(|s| s != c) {
            return None;
        }
        sep = Some(c);
        rest = &rest[1..];
    }
    // `2020-09-04x` is fine, `2020-09-041` is not a date
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let nums: Vec<u32> = groups
        .iter()
        .map(|g| g.parse().ok())
        .collect::<Option<_>>()?;
    let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    if lens[0] == 4 {
        return ymd(nums[0], nums[1], nums[2]);
    }
    if lens[0] <= 2 && lens[1] <= 2 && (lens[2] == 4 || lens[2] == 2) {
        let y = full_year(nums[2], lens[2]);
        return ymd(y, nums[1], nums[0]).or_else(|| ymd(y, nums[0], nums[1]));
    }
    None
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_of(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let i = MONTHS.iter().position(|m| w.starts_with(m))?;
    // `march` and `mar` both, but not `marching`
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = w.trim_end_matches('.');
    (w == MONTHS[i] || w == FULL[i] || (i == 8 && w == "sept")).then_some(i as u32 + 1)
}

/// `4 September 2020`, `September 4, 2020`, `4th Sep 2020`.
fn with_month_name(t: &str) -> Option<String> {
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let day = |w: &str| -> Option<u32> {
        let d = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        (d.len() <= 2).then(|| d.parse().ok()).flatten()
    };
    let year = |w: &str| -> Option<u32> { (w.len() == 4).then(|| w.parse().ok()).flatten() };
    for (i, w) in words.iter().enumerate() {
        let Some(m) = month_of(w) else { continue };
        // day month year
        if i >= 1 && i + 1 < words.len() {
            if let (Some(d), Some(y)) = (day(words[i - 1]), year(words[i + 1])) {
                return ymd(y, m, d);
            }
        }
        // month day year
        if i + 2 < words.len() {
            if let (Some(d), Some(y)) = (day(words[i + 1]), year(words[i + 2])) {
                return ymd(y, m, d);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn iso_and_day_first() {
        assert_eq!(normalize("2020-09-04").as_deref(), Some("2020-09-04"));
        assert_eq!(normalize(" 2020/9/4 ").as_deref(), Some("2020-09-04"));
        assert_eq!(
            normalize("2021-02-06T10:00:00Z").as_deref(),
            Some("2021-02-06")
        );
        assert_eq!(normalize("05/02/2018").as_deref(), Some("2018-02-05"));
        assert_eq!(normalize("10/04/18").as_deref(), Some("2018-04-10"));
        assert_eq!(normalize("5.2.2018").as_deref(), Some("2018-02-05"));
        assert_eq!(normalize("02/25/2020").as_deref(), Some("2020-02-25"));
        assert_eq!(normalize("1/1/87").as_deref(), Some("1987-01-01"));
        assert_eq!(normalize("1000-01-01").as_deref(), Some("1000-01-01"));
        assert_eq!(normalize("9999/12/31").as_deref(), Some("9999-12-31"));
        assert_eq!(normalize("2024-02-29").as_deref(), Some("2024-02-29"));
        assert_eq!(
            normalize("Accepted on 2021-02-06").as_deref(),
            Some("2021-02-06")
        );
        assert_eq!(
            normalize("version 2, accepted 2021-02-06").as_deref(),
            Some("2021-02-06")
        );
    }

    #[test]
    fn month_names() {
        assert_eq!(normalize("4 September 2020").as_deref(), Some("2020-09-04"));
        assert_eq!(normalize("Sep 4, 2020").as_deref(), Some("2020-09-04"));
        assert_eq!(normalize("4th Sept 2020").as_deref(), Some("2020-09-04"));
    }

    #[test]
    fn not_dates() {
        for s in [
            "",
            "soon",
            "2020-13-01",
            "31/02/2020",
            "{YYYY-MM-DD when the decision was last updated}",
            "12",
            "1.2",
            "2020-09-041",
            "2020-09/04",
        ] {
            assert_eq!(normalize(s), None, "{s}");
        }
    }
}
