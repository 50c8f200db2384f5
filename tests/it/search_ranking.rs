//! Search ranking (issue 12): records that contain a query word (as a whole word or a
//! substring, in title, tags or body) come before records whose title only scatters the word's
//! letters; a scattered fuzzy match of low quality is not shown at all when such records exist.
//! The same ranking in `wh adr search`, the `/` filter (incremental or not) and the finder.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use wheelhouse::workspace::markdown_adr::read_dir;
use wheelhouse::workspace::model::{Adr, AdrSource, AdrStatus, Origin};
use wheelhouse::workspace::search::{IncrementalFilter, SearchIndex};

fn corpora() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/adr");
    if dir.is_dir() {
        Some(dir)
    } else {
        let _ = writeln!(
            std::io::stderr(),
            "note: {} is absent; skipping the ranking test over real folders",
            dir.display()
        );
        None
    }
}

/// Everything the index searches as text, lowercased: title, tags and the body fields.
fn text_of(a: &Adr) -> String {
    let mut parts: Vec<&str> = vec![
        &a.title,
        &a.context,
        &a.drivers,
        &a.decision,
        &a.consequences,
    ];
    parts.extend(a.tags.iter().map(String::as_str));
    for o in &a.options {
        parts.push(&o.name);
        parts.push(&o.description);
        parts.extend(o.pros.iter().map(String::as_str));
        parts.extend(o.cons.iter().map(String::as_str));
    }
    for (h, b) in &a.extra_sections {
        parts.push(h);
        parts.push(b);
    }
    parts.extend(a.deciders.iter().map(String::as_str));
    parts.extend(a.quality_attributes.iter().map(String::as_str));
    if let Some(t) = &a.status_text {
        parts.push(t);
    }
    parts.join("\n").to_lowercase()
}

/// The hits of `query` as "contains the word" flags, best first, checked the same in search,
/// filter and the incremental filter (typed one key at a time).
fn ranking(records: &[Adr], query: &str) -> Vec<bool> {
    let index = SearchIndex::new(records);
    let hits = index.search(query, 1000);
    let contains: Vec<bool> = hits
        .iter()
        .map(|h| text_of(&records[h.record]).contains(&query.to_lowercase()))
        .collect();
    let filtered: Vec<usize> = index.filter(query).iter().map(|h| h.record).collect();
    let searched: Vec<usize> = hits.iter().map(|h| h.record).collect();
    assert_eq!(filtered, searched, "{query}: filter and search agree");
    let mut incremental = IncrementalFilter::for_index(&index);
    let mut typed = String::new();
    for c in query.chars() {
        typed.push(c);
        incremental.filter(&index, &typed);
    }
    let inc: Vec<usize> = incremental
        .filter(&index, query)
        .iter()
        .map(|r| r.record())
        .collect();
    assert_eq!(inc, searched, "{query}: the incremental filter agrees");
    contains
}

fn assert_word_hits_first(name: &str, records: &[Adr], query: &str) {
    let flags = ranking(records, query);
    assert!(
        flags.iter().any(|&c| c),
        "{name} {query}: some record holds it"
    );
    let first_scattered = flags.iter().position(|&c| !c).unwrap_or(flags.len());
    assert!(
        flags[first_scattered..].iter().all(|&c| !c),
        "{name} {query}: a record holding the word ranks below a scattered match: {flags:?}"
    );
}

#[test]
fn records_holding_the_word_come_first_over_the_shared_corpora() {
    let Some(corpora) = corpora() else { return };
    // queries whose letters are scattered across other records' titles (the old ranking put
    // those first): modernisation-platform and JabRef
    for (folder, queries) in [
        (
            "ministryofjustice+modernisation-platform",
            &["bastion", "docker", "lambda", "sso", "opa", "dns", "ecr"][..],
        ),
        (
            "JabRef+jabref",
            &[
                "lucene", "crowdin", "gradle", "junit", "picocli", "bibtex", "citation",
            ][..],
        ),
    ] {
        let f = read_dir(&corpora, Path::new(folder), 0);
        assert!(!f.records.is_empty(), "{folder}");
        for q in queries {
            assert_word_hits_first(folder, &f.records, q);
        }
    }
}

fn record(number: u32, title: &str, context: &str) -> Adr {
    let mut a = Adr::new(number, title.into(), AdrSource::Toml, Origin::default());
    a.status = AdrStatus::Accepted;
    a.context = context.into();
    a
}

/// The class seen on govuk-aws, written small: "Icinga" scattered over a long title.
fn icinga() -> Vec<Adr> {
    vec![
        record(
            1,
            "Merge API PostgreSQL instance into main PostgreSQL instance",
            "Fewer instances.",
        ),
        record(2, "Use Terraform", "Alerts still come from Icinga checks."),
        record(3, "Monitor with Icinga", "One place for alerts."),
        record(4, "Retire Nagios", "Replaced by icinga2."),
    ]
}

#[test]
fn a_scattered_title_match_is_not_shown_when_records_hold_the_word() {
    let records = icinga();
    let index = SearchIndex::new(&records);
    let numbers: Vec<u32> = index
        .search("icinga", 10)
        .iter()
        .map(|h| h.number)
        .collect();
    assert_eq!(
        numbers,
        [3, 2, 4],
        "title first, then bodies; no scattered match"
    );
    let filtered: Vec<u32> = index.filter("Icinga").iter().map(|h| h.number).collect();
    assert_eq!(filtered, [3, 2, 4]);
}

#[test]
fn a_fuzzy_match_is_still_shown_when_nothing_holds_the_word() {
    let records = icinga();
    let index = SearchIndex::new(&records);
    // nothing holds "mpsql" as a substring: the fuzzy matches are all there is
    let numbers: Vec<u32> = index.search("mpsql", 10).iter().map(|h| h.number).collect();
    assert_eq!(numbers, [1]);
    // and a good fuzzy match (word starts) is kept beside substring hits
    let records = vec![
        record(1, "Record architecture decisions", ""),
        record(2, "Use radio beacons", ""),
    ];
    let index = SearchIndex::new(&records);
    let numbers: Vec<u32> = index.search("rad", 10).iter().map(|h| h.number).collect();
    assert_eq!(numbers, [2, 1]);
}
