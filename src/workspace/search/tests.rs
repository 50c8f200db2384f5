use super::bodies::{for_each_body_field, push_lowercase};
use super::fuzzy::Scorer;
use super::threads::PARALLEL_FROM;
use super::tiers::{shown, BODY_SCORE_PER_CHAR, EXACT_NUMBER_SCORE, MIN_FUZZY_PER_CHAR, TIER};
use super::*;
use crate::workspace::model::{Adr, AdrOption, AdrSource, AdrStatus, Origin};
use crate::workspace::reference::parse_adr_number;
use memchr::memmem;

fn adr(number: u32, title: &str, tags: &[&str], context: &str) -> Adr {
    Adr {
        number,
        title: title.into(),
        status: AdrStatus::Accepted,
        status_text: None,
        date: None,
        deciders: vec![],
        tags: tags.iter().map(|t| t.to_string()).collect(),
        supersedes: vec![],
        superseded_by: vec![],
        links: vec![],
        link_verbs: vec![],
        quality_attributes: vec![],
        context: context.into(),
        drivers: String::new(),
        decision: String::new(),
        consequences: String::new(),
        options: vec![],
        extra_sections: vec![],
        slug: None,
        source: AdrSource::Toml,
        origin: Origin::default(),
    }
}

fn sample() -> Vec<Adr> {
    let mut with_option = adr(4, "Adopt a message queue", &["messaging"], "");
    with_option.options.push(AdrOption {
        name: "RabbitMQ".into(),
        cons: vec!["Another cluster to run".into()],
        ..AdrOption::default()
    });
    vec![
        adr(
            1,
            "Record architecture decisions",
            &["process"],
            "We need to record the ÉTAT of things.",
        ),
        adr(
            2,
            "Serverless presentation layer",
            &["serving", "aws"],
            "Kubernetes costs too much for the web tier.",
        ),
        adr(3, "Use Kubernetes for batch jobs", &["compute"], ""),
        with_option,
        adr(
            12,
            "Well-Architected reviews every quarter",
            &[],
            "Serverless first.",
        ),
    ]
}

fn numbers(hits: &[Hit]) -> Vec<u32> {
    hits.iter().map(|h| h.number).collect()
}

fn hits(ranked: &[Ranked]) -> Vec<Hit> {
    ranked.iter().map(|r| r.hit()).collect()
}

#[test]
fn title_match_ranks_above_body_only_match() {
    let records = sample();
    let index = SearchIndex::new(&records);
    let hits = index.search("kubernetes", 10);
    assert_eq!(numbers(&hits), vec![3, 2]);
    assert!(hits[0].matched.title && hits[0].matched.title_all && !hits[0].matched.body);
    assert!(hits[1].matched.body && !hits[1].matched.title);
    assert!(hits[1].title_positions.is_empty());
    assert_eq!(hits[0].title_positions, (4..14).collect::<Vec<_>>());
}

#[test]
fn fuzzy_title_positions_are_character_indices() {
    let records = vec![adr(9, "標題 Serverless", &[], "")];
    let index = SearchIndex::new(&records);
    let hits = index.search("svl", 5);
    assert_eq!(hits.len(), 1);
    // "標題 " is three characters (six bytes of CJK), so the S is character 3
    assert_eq!(hits[0].title_positions[0], 3);
    assert_eq!(index.title_positions(0, "svl"), hits[0].title_positions);
}

#[test]
fn exact_number_wins_in_every_spelling() {
    let records = sample();
    let index = SearchIndex::new(&records);
    for q in ["12", "0012", "adr:12", "ADR-0012"] {
        let hits = index.search(q, 10);
        assert_eq!(hits[0].number, 12, "query {q}");
        assert!(hits[0].matched.number);
    }
}

#[test]
fn tags_and_options_are_searched() {
    let records = sample();
    let index = SearchIndex::new(&records);
    let hits = index.search("aws", 10);
    assert_eq!(hits[0].number, 2);
    assert!(hits[0].matched.tags);
    let hits = index.search("another cluster", 10);
    assert_eq!(numbers(&hits), vec![4]);
    assert!(hits[0].matched.body);
}

#[test]
fn every_term_must_match_somewhere_in_any_order() {
    let records = sample();
    let index = SearchIndex::new(&records);
    // "serverless" in the title of 2 and the body of 12; "tier" in the body of 2 (and,
    // scattered, in the title of 12: record 2 holds both words, so 12 is not shown)
    assert_eq!(numbers(&index.search("tier serverless", 10)), vec![2]);
    let hits = index.search("tier kubernetes", 10);
    assert_eq!(numbers(&hits), vec![2]);
    assert!(hits[0].matched.body && !hits[0].matched.title_all);
    assert_eq!(
        numbers(&index.search("serverless", 10)),
        vec![2, 12],
        "title match first"
    );
    assert!(index.search("serverless zzzz", 10).is_empty());
}

#[test]
fn body_search_ignores_case_beyond_ascii() {
    let records = sample();
    let index = SearchIndex::new(&records);
    assert_eq!(numbers(&index.search("état", 10)), vec![1]);
    assert_eq!(numbers(&index.search("ÉTAT", 10)), vec![1]);
}

#[test]
fn a_term_never_matches_across_two_records() {
    // record 1's body ends with "things." and record 2's starts with "Kubernetes"
    let records = sample();
    let index = SearchIndex::new(&records);
    assert!(index.search("things.kubernetes", 10).is_empty());
    assert!(index.search("things.\nkubernetes", 10).is_empty());
}

#[test]
fn limit_keeps_the_best_and_empty_query_keeps_all() {
    let records = sample();
    let index = SearchIndex::new(&records);
    let all = index.filter("e");
    let top = index.search("e", 2);
    assert_eq!(top.len(), 2);
    assert_eq!(numbers(&top), numbers(&all[..2]));
    assert!(index.search("e", 0).is_empty());
    assert_eq!(numbers(&index.filter("  ")), vec![1, 2, 3, 4, 12]);
    assert!(index.filter("kubernetes")[0].title_positions.is_empty());
}

#[test]
fn parallel_ranges_give_the_single_thread_result() {
    let records: Vec<Adr> = (1..=(PARALLEL_FROM as u32 + 777))
        .map(|n| {
            let title = format!(
                "Decision {n} about {}",
                ["kafka", "billing", "rust"][n as usize % 3]
            );
            let body = if n % 7 == 0 {
                "mentions KAFKA here"
            } else {
                "nothing"
            };
            adr(n, &title, &["tag"], body)
        })
        .collect();
    let index = SearchIndex::new(&records);
    for q in ["kafka", "billing 12", "here", "dcsn", "tag"] {
        let terms = Terms::parse(q);
        let mut scorer = Scorer::new(&index, &terms, None);
        let mut single = Vec::new();
        index.match_range(&terms, 0..records.len(), &mut scorer, &mut single);
        single.sort_unstable();
        single.truncate(shown(single.iter().map(|r| r.score())));
        assert_eq!(index.filter(q), hits(&single), "query {q}");
        assert!(!single.is_empty(), "query {q}");
    }
    // body hits at the edges of the thread ranges are found
    let hits = index.filter("here");
    assert_eq!(hits.len(), records.len() / 7);
}

#[test]
fn the_prefilter_never_rejects_what_skim_accepts() {
    let titles = ["Use gRPC-web", "a-b_c", "Ünïcode Title", "x", "Kubernetes"];
    let records: Vec<Adr> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| adr(i as u32 + 1, t, &[], ""))
        .collect();
    let index = SearchIndex::new(&records);
    let matcher = SkimMatcherV2::default().ignore_case();
    for q in [
        "grpcw", "-web", "a_c", "ab", "ünï", "UNI", "X", "kbs", "K8s", "zz",
    ] {
        for (i, t) in titles.iter().enumerate() {
            let expected = matcher.fuzzy_match(t, q).is_some();
            let got = index.filter(q).iter().any(|h| h.record == i);
            assert_eq!(got, expected, "title {t:?} query {q:?}");
        }
    }
}

/// Records with varied titles, tags and bodies (some ASCII, some not), numbers 1..=n.
fn varied(n: u32) -> Vec<Adr> {
    let words = [
        "serve",
        "Service",
        "cache",
        "Kafka",
        "rust",
        "ünïcode",
        "grpc-web",
        "billing",
        "edge",
        "SERVER",
        "queue",
        "adr",
        "12",
        "x",
    ];
    (1..=n)
        .map(|i| {
            let w = |k: u32| words[((i * 7 + k * 13) as usize) % words.len()];
            let title = format!("{} {} {}", w(0), w(1), w(2));
            let body = format!("context {} and {} {}", w(3), w(4), i % 11);
            adr(i, &title, &[w(5), w(6)], &body)
        })
        .collect()
}

#[test]
fn incremental_filter_equals_a_fresh_filter_on_every_keystroke() {
    // over PARALLEL_FROM so the threaded paths of both run too
    let records = varied(PARALLEL_FROM as u32 + 321);
    let index = SearchIndex::new(&records);
    let typed = [
        "service",
        "ser ver",
        "serv cache",
        "adr:12",
        "adr:1 ",
        "12",
        "0012",
        "ünïc",
        "UNIC",
        "grpc-web",
        "k8s",
        "edge que",
        "context 1",
        "x x",
        "billing rust 7",
        "zzz",
        "cache  serve",
    ];
    let mut inc = IncrementalFilter::new();
    let mut narrowed = 0;
    for text in typed {
        // type it character by character, then erase it again
        let prefixes: Vec<&str> = text
            .char_indices()
            .map(|(i, c)| &text[..i + c.len_utf8()])
            .collect();
        for q in prefixes.iter().chain(prefixes.iter().rev()) {
            let before = inc.ranked.len();
            let got = hits(inc.filter(&index, q));
            assert_eq!(got, index.filter(q), "query {q:?}");
            narrowed += usize::from(got.len() < before);
        }
    }
    assert!(narrowed > 0, "the narrowing path was never taken");
}

#[test]
fn incremental_filter_equals_a_fresh_filter_under_random_typing_and_erasing() {
    // memos must hold whatever is typed, erased and typed differently, in any term
    let records = varied(PARALLEL_FROM as u32 + 321);
    let index = SearchIndex::new(&records);
    let alphabet: Vec<char> = "sevrcaku ü1:2x".chars().collect();
    let mut rng = test_rng::Rng(0x9E37_79B9_7F4A_7C15);
    let mut inc = IncrementalFilter::new();
    let mut query = String::new();
    let (mut typed, mut erased) = (0, 0);
    for _ in 0..400 {
        if rng.below(3) == 0 && !query.is_empty() {
            for _ in 0..=rng.below(3) {
                query.pop();
            }
            erased += 1;
        } else {
            query.push(alphabet[rng.below(alphabet.len())]);
            typed += 1;
        }
        let got = hits(inc.filter(&index, &query));
        assert_eq!(got, index.filter(&query), "query {query:?}");
    }
    assert!(typed > 200 && erased > 80, "typed {typed}, erased {erased}");
}

/// The ranking of a fresh skim matcher per field and a plain substring test per body,
/// computed the slow, obvious way: what the index must reproduce.
fn reference_ranking(records: &[Adr], query: &str) -> Vec<(usize, i64)> {
    let skim = |text: &str, term: &str| {
        SkimMatcherV2::default()
            .ignore_case()
            .fuzzy_match(text, term)
    };
    let mut hits: Vec<(usize, i64, u32)> = Vec::new();
    'records: for (i, adr) in records.iter().enumerate() {
        let mut body = Vec::new();
        for_each_body_field(adr, |t| {
            push_lowercase(&mut body, t);
            body.push(b'\n');
        });
        let mut head = Vec::new();
        push_lowercase(&mut head, &adr.title);
        for tag in &adr.tags {
            head.push(b'\n');
            push_lowercase(&mut head, tag);
        }
        let mut score = 0;
        let (mut holds_all, mut scattered) = (true, false);
        for term in query.split_whitespace() {
            let fuzzy = if parse_adr_number(term) == Some(adr.number) {
                Some(EXACT_NUMBER_SCORE)
            } else {
                let number = term
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                    .then(|| skim(&format!("{:04}", adr.number), term));
                std::iter::once(skim(&adr.title, term))
                    .chain(number)
                    .chain(adr.tags.iter().map(|t| skim(t, term)))
                    .flatten()
                    .max()
            };
            let mut lower = Vec::new();
            push_lowercase(&mut lower, term);
            let in_body = memmem::find(&body, &lower).is_some();
            let body_score = term.chars().count() as i64 * BODY_SCORE_PER_CHAR;
            score += match (fuzzy, in_body) {
                (Some(f), true) => f + body_score / 2,
                (Some(f), false) => {
                    if f != EXACT_NUMBER_SCORE && memmem::find(&head, &lower).is_none() {
                        holds_all = false;
                        scattered |= f < term.chars().count() as i64 * MIN_FUZZY_PER_CHAR;
                    }
                    f
                }
                (None, true) => body_score,
                (None, false) => continue 'records,
            };
        }
        let tier = match (holds_all, scattered) {
            (true, _) => 2,
            (false, true) => 0,
            (false, false) => 1,
        };
        hits.push((i, tier * TIER + score, adr.number));
    }
    hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)).then(a.0.cmp(&b.0)));
    // scattered matches are not shown when some record holds every term
    if hits.first().is_some_and(|h| h.1 >= 2 * TIER) {
        hits.retain(|h| h.1 >= TIER);
    }
    hits.into_iter().map(|(i, s, _)| (i, s)).collect()
}

#[test]
fn ranking_is_fresh_skim_scores_plus_body_matches() {
    let mut records = varied(400);
    records.extend(sample().into_iter().map(|mut a| {
        a.number += 1000;
        a
    }));
    records.push(adr(
        2000,
        "Ünïcode Ärger mit SERVICE-Namen",
        &["ßtraße"],
        "ÉTAT",
    ));
    let index = SearchIndex::new(&records);
    for q in [
        "serv",
        "ser ver",
        "cache rust",
        "ünï",
        "UNIC",
        "12",
        "0012",
        "adr:7",
        "grpc-web",
        "k8s",
        "edge que",
        "context 4",
        "x x",
        "SeRvIcE",
        "état",
        "ärger",
        "ss",
        "eee",
        "zzz",
    ] {
        let got: Vec<(usize, i64)> = index
            .filter(q)
            .iter()
            .map(|h| (h.record, h.score))
            .collect();
        assert_eq!(got, reference_ranking(&records, q), "query {q:?}");
    }
}

#[test]
fn the_best_few_are_the_head_of_the_full_ranking() {
    // over PARALLEL_FROM and check_budget: both the early stop and the full scan run
    let records = varied(PARALLEL_FROM as u32 + 321);
    let index = SearchIndex::new(&records);
    for q in [
        "serv",
        "cache rust",
        "context 4",
        "context",
        "ünï",
        "adr:12",
        "12",
        "x x",
        "zzz",
        "kafka 7",
        "edge que",
    ] {
        let all = index.filter(q);
        for limit in [1, 3, 20, 100, 300, all.len(), all.len() + 5] {
            let best: Vec<Hit> = index
                .search(q, limit)
                .into_iter()
                .map(|h| Hit {
                    title_positions: Vec::new(),
                    ..h
                })
                .collect();
            let head = &all[..limit.min(all.len())];
            assert_eq!(best, head, "query {q:?}, limit {limit}");
        }
    }
}

#[test]
fn a_number_term_filters_afresh() {
    // record 12 matches `adr:12` by number but not `adr:1`: narrowing would lose it
    let records: Vec<Adr> = (1..=12).map(|n| adr(n, "Title", &[], "")).collect();
    let index = SearchIndex::new(&records);
    let mut inc = IncrementalFilter::new();
    assert_eq!(numbers(&hits(inc.filter(&index, "adr:1"))), vec![1]);
    assert_eq!(numbers(&hits(inc.filter(&index, "adr:12"))), vec![12]);
}

#[test]
fn empty_index() {
    let index = SearchIndex::new(&[]);
    assert!(index.is_empty());
    assert!(index.search("x", 5).is_empty());
    assert!(index.title_positions(3, "x").is_empty());
}
